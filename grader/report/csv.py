"""``grades.csv``: one row per student, read from the same reports as everything else.

Columns: ``student_id``, ``score``, ``max_score``, ``failed`` (number of
failed checks), one column per check (its points), then ``notes`` (the
submission-wide notices, in the course language). The header is fixed
English: it is read by spreadsheets and scripts, not by students.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from grader.report.atomic import write_atomic
from grader.results import Report

FIXED = ("student_id", "score", "max_score", "failed")


def grade_rows(reports: Iterable[Report], lang: str) -> tuple[list[str], list[list]]:
    """The header and one row per report; check columns in the order checks first appear."""
    reports = list(reports)
    checks = list(dict.fromkeys(r.name for report in reports for r in report.results))
    header = [*FIXED, *checks, "notes"]
    rows = []
    for report in reports:
        scores = {r.name: r.score for r in report.results}
        notes = " | ".join(n.summary.get(lang) for n in report.notices)
        rows.append([report.student or "", f"{report.score:g}", f"{report.max_score:g}", len(report.failed),
                     *(f"{scores[c]:g}" if c in scores else "" for c in checks), notes])
    return header, rows


def write_grades_csv(path: Path, reports: Iterable[Report], lang: str) -> Path:
    """Write :func:`grade_rows` as UTF-8 CSV (with a BOM, so spreadsheets read Korean) and return the path."""
    header, rows = grade_rows(reports, lang)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return write_atomic(path, "\ufeff" + buffer.getvalue())
