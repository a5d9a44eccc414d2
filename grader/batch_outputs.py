"""What ``grade batch`` writes, each file atomically (a temporary file, then ``os.replace``).

Per student, in ``OUT_DIR/<id>/``: ``results.json`` (Gradescope schema),
``feedback.html`` and, last, ``report.json`` (the :class:`~grader.results.Report`
plus the batch's own facts: status, content hash, kit version). A student
counts as done once ``report.json`` is there; the batch reads these files back
to resume and to write ``OUT_DIR/grades.csv``.

The renderers live in :mod:`grader.report`; this module only decides the file
names, the batch columns of ``grades.csv`` and how files are written.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from grader.adjustments import adjusted
from grader.config import Course
from grader.messages import Text
from grader.report.atomic import write_atomic
from grader.report.csv import grade_table, write_table
from grader.report.gradescope import write_results_json
from grader.report.html import write_html

REPORT_FILE = "report.json"
RESULTS_FILE = "results.json"
FEEDBACK_FILE = "feedback.html"
GRADES_FILE = "grades.csv"


def show_hidden(course: Course, now: datetime | None = None) -> bool:
    """Whether students may read hidden-check results now (``[feedback] show_hidden``, ``[course] due``)."""
    mode = course.feedback.show_hidden
    if mode != "after_due":
        return mode == "always"
    if not course.course.due:
        return True
    try:
        due = datetime.fromisoformat(course.course.due)
    except ValueError:
        return False
    if due.tzinfo is None:
        due = due.replace(tzinfo=timezone.utc)
    return (now or datetime.now(timezone.utc)) >= due


def write_student(out_dir: Path, record: dict, lang: str, hidden_shown: bool) -> None:
    """All of one student's files; ``report.json`` last, since it marks the student as done."""
    folder = Path(out_dir) / record["student"]
    report = adjusted(record)
    write_results_json(folder / RESULTS_FILE, report, lang, hidden_shown)
    write_html(folder / FEEDBACK_FILE, report, lang, show_hidden=hidden_shown)
    write_atomic(folder / REPORT_FILE, json.dumps(record, ensure_ascii=False, indent=1) + "\n")


def read_record(out_dir: Path, student: str) -> dict | None:
    """A student's ``report.json``, or ``None`` when it is missing or unreadable."""
    try:
        data = json.loads((Path(out_dir) / student / REPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("student") == student else None


def rendered(out_dir: Path, student: str) -> bool:
    folder = Path(out_dir) / student
    return (folder / RESULTS_FILE).is_file() and (folder / FEEDBACK_FILE).is_file()


def write_grades(out_dir: Path, students: list[str], records: dict[str, dict], lang: str,
                 not_graded: Text, names: dict[str, str] | None = None, check_order: list[str] = ()) -> Path:
    """``grades.csv`` (:mod:`grader.report.csv`): one row per student, sorted by id, after the points-possible row.

    ``records``: student → ``report.json`` record (adjustments applied here); a student without
    one is "not graded yet". ``names``: student → name from the roster. ``check_order``: the
    checks in ``course.toml`` order, which numbers their short column ids.
    """
    from grader.class_records import grade_rows

    rows = grade_rows(students, records, names or {}, not_graded.get(lang))
    return write_table(Path(out_dir) / GRADES_FILE, grade_table(rows, lang, check_order))
