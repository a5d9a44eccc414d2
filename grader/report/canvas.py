"""``grade export canvas OUT_DIR``: the class's totals in the Canvas gradebook import format.

Canvas imports a CSV whose first columns are ``Student, ID, SIS User ID,
SIS Login ID, Section``, then one column per assignment, the second row
``Points Possible``. Students are matched by ``ID`` (Canvas's own) or ``SIS
User ID``: when the roster the batch read is a Canvas export, its ``ID``,
``SIS Login ID`` and ``Section`` are carried over; otherwise the student id goes
in ``SIS User ID``. The totals are those of ``OUT_DIR/grades.csv`` (late policy
and overrides applied; a student without a submission scores 0).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from grader.catalog.errors import ERRORS
from grader.classbook.roster import Student, load_roster
from grader.errors import KitError
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


def canvas_table(out_dir: Path, assignment: str, roster: list[Student] | None = None) -> list[list[str]]:
    """The rows of the Canvas import file."""
    top, students = read_grades(out_dir)
    known = {s.student: s for s in roster or []}
    table = [[*FIXED, assignment], [POINTS_POSSIBLE, "", "", "", "", f"{top:g}"]]
    for row in students:
        student = row["student_id"]
        entry = known.get(student)
        name = row.get("name") or (entry.name if entry else "") or student
        canvas_id = entry.column("ID") if entry and entry.column("ID") != student else ""
        login = entry.column("SIS Login ID") if entry else ""
        section = entry.column("Section") if entry else ""
        score = row.get("score") or ""
        table.append([name, canvas_id, student, login, section, score])
    return table


def export_canvas(out_dir: Path, assignment: str, target: Path | None = None,
                  roster: list[Student] | None = None) -> Path:
    """Write the Canvas import file (default ``OUT_DIR/canvas.csv``) and return its path."""
    path = Path(target) if target else Path(out_dir) / CANVAS_FILE
    return write_table(path, canvas_table(out_dir, assignment, roster), bom=False)


def roster_for(path: Path | None) -> list[Student] | None:
    return load_roster(path) if path else None
