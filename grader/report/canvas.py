"""``grade export canvas OUT_DIR``: the class's totals in the Canvas gradebook import format.

Canvas imports a CSV whose first columns are ``Student, ID, SIS User ID,
SIS Login ID, Section``, then one column per assignment, the second row
``Points Possible``. Students are matched by ``ID`` (Canvas's own) or ``SIS
User ID``: when the roster the batch read is a Canvas export, its ``ID``,
``SIS Login ID`` and ``Section`` are carried over; otherwise the student id goes
in ``SIS User ID`` (in ``ID`` when the batch keyed the student by Canvas's user
id, from a flat Canvas download). The totals are those of ``OUT_DIR/grades.csv``
(late policy and overrides applied; a student without a submission scores 0);
every roster student is a row, graded or not (0, like ``no submission``).

The assignment column is Canvas's own header when the roster is a Canvas export
that has it (``day06 (900001)``, matched by name: Canvas then updates that
assignment rather than making a new one); a part scored apart, when ``grades.csv``
has it, is a column of its own (``day06 <module>``, or the export's
``day06 <module> (900002)``) with its own points possible.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from grader.catalog.errors import ERRORS
from grader.classbook.roster import Student, load_roster
from grader.errors import KitError
from grader.record.student import StudentRecord
from grader.report.csv import POINTS_POSSIBLE, write_table

CANVAS_FILE = "canvas.csv"
FIXED = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")


def read_grades(out_dir: Path) -> tuple[float, list[dict[str, str]]]:
    """The maximum (from the points-possible row) and the student rows of ``OUT_DIR/grades.csv``."""
    path = Path(out_dir) / "grades.csv"
    try:
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    except FileNotFoundError:
        raise KitError(ERRORS["grades-missing"].format(path=path, folder=out_dir)) from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise KitError(ERRORS["grades-unreadable"].format(path=path, detail=exc)) from None
    if not rows or "student_id" not in rows[0] or "score" not in rows[0]:
        raise KitError(ERRORS["grades-foreign"].format(path=path))
    possible = next((r for r in rows if r["student_id"] == POINTS_POSSIBLE), None)
    students = [r for r in rows if r["student_id"] != POINTS_POSSIBLE]
    top = float(possible["score"]) if possible and possible.get("score") else max(
        (float(r["max_score"]) for r in students if r.get("max_score")), default=0.0)
    return top, students


def canvas_table(out_dir: Path, assignment: str, roster: list[Student] | None = None,
                 apart: tuple[str, ...] = ()) -> list[list[str]]:
    """The rows of the Canvas import file."""
    top, students, apart_top, apart_column = _read(out_dir, apart)
    known = {s.student: s for s in roster or []}
    header = [key for key, _ in roster[0].columns] if roster else []
    columns = [_canvas_column(header, assignment)]
    possible = [POINTS_POSSIBLE, "", "", "", "", f"{top:g}"]
    if apart_column:
        columns.append(_canvas_column(header, f"{assignment} {apart_column.split(' (')[0]}"))
        possible.append(f"{apart_top:g}")
    table = [[*FIXED, *columns], possible]
    graded = {row["student_id"]: row for row in students}
    canvas_keyed = _canvas_keyed(out_dir, graded)
    for student in [*graded, *(s for s in known if s not in graded)]:
        row = graded.get(student, {})
        entry = known.get(student)
        name = row.get("name") or (entry.name if entry else "") or student
        canvas_id = entry.column("ID") if entry and entry.column("ID") != student else ""
        sis = student
        if entry is None and student in canvas_keyed:
            canvas_id, sis = student, ""
        login = entry.column("SIS Login ID") if entry else ""
        section = entry.column("Section") if entry else ""
        line = [name, canvas_id, sis, login, section, row.get("score") or "0"]
        if apart_column:
            line.append(row.get(apart_column, ""))
        table.append(line)
    return table


CANVAS_HEADER = re.compile(r"^(?P<name>.*\S)\s*\((?P<id>\d+)\)$")
"""A Canvas gradebook export's assignment column: ``day06 (900001)``."""


def _canvas_column(header: list[str], assignment: str) -> str:
    """The export's own column for ``assignment`` (by name, case and spaces ignored), else ``assignment``."""
    wanted = " ".join(assignment.split()).casefold()
    for cell in header:
        match = CANVAS_HEADER.match(cell.strip())
        if match and " ".join(match.group("name").split()).casefold() == wanted:
            return cell.strip()
    return assignment


def _read(out_dir: Path, apart: tuple[str, ...]) -> tuple[float, list[dict[str, str]], float, str]:
    """:func:`read_grades` and the column of ``grades.csv`` of the part scored apart (``apart``: the course's ``[[parts]] counts = false``),
    with its maximum (``""`` when it has none)."""
    top, students = read_grades(out_dir)
    column = next((key for key in (students[0] if students else {}) if key and key.split(" (")[0] in apart
                   and key.endswith(")")), "")
    match = re.search(r"\(([\d.]+)\)$", column)
    return top, students, float(match.group(1)) if match else 0.0, column


def _canvas_keyed(out_dir: Path, graded: dict[str, dict[str, str]]) -> set[str]:
    """Students the batch keyed by Canvas's own user id (a flat Canvas download): their id goes in ``ID``."""
    keyed = set()
    for student in graded:
        try:
            record = StudentRecord.from_json(json.loads((Path(out_dir) / student / "report.json").read_text(
                encoding="utf-8")))
        except (OSError, ValueError):
            continue
        if record.facts is not None and record.facts.lms == "canvas":
            keyed.add(student)
    return keyed


def export_canvas(out_dir: Path, assignment: str, target: Path | None = None,
                  roster: list[Student] | None = None, apart: tuple[str, ...] = ()) -> Path:
    """Write the Canvas import file (default ``OUT_DIR/canvas.csv``) and return its path; ``apart``: the
    course's parts scored apart, each its own column."""
    path = Path(target) if target else Path(out_dir) / CANVAS_FILE
    return write_table(path, canvas_table(out_dir, assignment, roster, apart), bom=False)


def roster_for(path: Path | None) -> list[Student] | None:
    return load_roster(path) if path else None
