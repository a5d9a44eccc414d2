"""``grades.csv``: one row per student, read from the same reports as everything else, laid out for a spreadsheet.

Columns: ``student_id``, ``name`` (from the roster), ``score``, ``max_score``,
``status`` in words (``graded``, ``nothing implemented``, ``could not run``,
``no submission``, ...), ``submitted_at`` (ISO 8601), ``late`` (started days
after the due time; 0 on time, empty when unknown), ``late_penalty`` and
``override`` (points taken off or changed), ``failed`` (failed checks), one
column per module and one per check headed by the check's stable id with its
maximum (``module.function.id (3)``), then ``notes`` (submission-wide notices, in the course
language). The second row, ``Points Possible``, holds each column's maximum.
The header is fixed English: it is read by spreadsheets and scripts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from grader.record.atomic import write_atomic
from grader.record.results import Report
from grader.record.status import Status

FIXED = ("student_id", "name", "score", "max_score", "status", "submitted_at", "late", "late_penalty",
         "override", "failed")
POINTS_POSSIBLE = "Points Possible"


@dataclass(frozen=True)
class GradeRow:
    """One student's line: the report every output renders (adjustments applied) and the batch's facts."""

    student: str
    report: Report | None
    """``None``: not graded yet."""
    status: str = Status.GRADED
    name: str = ""
    submitted_at: str = ""
    late: int | None = None
    look: tuple = ()
    """Why a person should look at this row besides its status (bilingual :class:`Text`: a file name that
    disagrees with its manifest, an id not on the roster); the class report lists them."""


def grade_table(rows: Iterable[GradeRow], lang: str, check_order: Iterable[str] = ()) -> list[list[str]]:
    """The header, the points-possible row and one row per student, as text cells. ``check_order``:
    check ids in the course's order (``course.toml``); checks found only in the reports follow."""
    rows = list(rows)
    reports = [row.report for row in rows if row.report is not None]
    seen = list(dict.fromkeys(r.key for report in reports for r in report.results))
    order = list(check_order)
    checks = [c for c in order if c in seen] + [c for c in seen if c not in order]
    maxima = {r.key: r.max_score for report in reports for r in report.results}
    modules = list(dict.fromkeys(c.split(".", 1)[0] for c in checks))  # the course's order of parts
    module_max = {m: sum(maxima[c] for c in checks if c.split(".", 1)[0] == m) for m in modules}
    header = [*FIXED, *(f"{m} ({_number(module_max[m])})" for m in modules),
              *(f"{c} ({_number(maxima[c])})" for c in checks), "notes"]
    apart = {m for report in reports for m in report.apart}  # a part scored apart has its own column
    top = sum(maxima[c] for c in checks if c.split(".", 1)[0] not in apart)
    possible = [POINTS_POSSIBLE, "", _number(top), _number(top), "", "", "", "", "", "",
                *(_number(module_max[m]) for m in modules), *(_number(maxima[c]) for c in checks), ""]
    table = [header, possible]
    for row in rows:
        report = row.report
        if report is None:
            table.append([row.student, row.name, "", "", row.status, row.submitted_at, _late(row.late), "", "", "",
                          *([""] * (len(modules) + len(checks))), ""])
            continue
        scores = {r.key: r.score for r in report.results}
        late = -sum(a.points for a in report.adjustments if a.kind == "late")
        override = sum(a.points for a in report.adjustments if a.kind == "override")
        notes = " | ".join(n.summary.get(lang) for n in report.notices)
        table.append([row.student, row.name, _number(report.score), _number(report.max_score), row.status,
                      row.submitted_at, _late(row.late), _number(late) if late else "",
                      _number(override) if any(a.kind == "override" for a in report.adjustments) else "",
                      str(len(report.failed)),
                      *(_number(sum(r.score for r in report.results if r.module == m)) for m in modules),
                      *(_number(scores[c]) if c in scores else "" for c in checks), notes])
    return table


def grade_rows(reports: Iterable[Report], lang: str) -> tuple[list[str], list[list[str]]]:
    """The header and one row per report (status ``graded``), without the points-possible row."""
    table = grade_table([GradeRow(r.student or "", r) for r in reports], lang)
    return table[0], table[2:]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP CSV injection): a value
    starting with ``= + - @``, tab or carriage return gets a leading ``'``; numbers stay numbers."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        try:
            float(text)
            return text
        except ValueError:
            return "'" + text
    return text


def write_table(path: Path, table: list[list[str]], bom: bool = True) -> Path:
    """Write rows as UTF-8 CSV (with a BOM unless ``bom=False``, so spreadsheets read Korean); the path.
    Every cell is made safe for a spreadsheet (:func:`safe_cell`)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerows([[safe_cell(cell) for cell in row] for row in table])
    return write_atomic(path, ("\ufeff" if bom else "") + buffer.getvalue())


def write_grades_csv(path: Path, reports: Iterable[Report], lang: str) -> Path:
    """``grades.csv`` for reports outside a batch (every one ``graded``)."""
    return write_table(path, grade_table([GradeRow(r.student or "", r) for r in reports], lang))


def _late(days: int | None) -> str:
    return "" if days is None else str(days)


def _number(value: float) -> str:
    return f"{round(value, 4):g}"
