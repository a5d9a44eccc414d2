"""What ``grade batch`` writes, each file atomically (:mod:`grader.record.atomic`), all on the client.

Per student, in ``OUT_DIR/<id>/``: ``results.json`` (Gradescope schema),
``feedback.html`` and, last, ``report.json`` (a :class:`~grader.record.student.StudentRecord`
in its one JSON codec: the report plus the batch's and the class's facts). A student
counts as done once ``report.json`` is there; the batch reads these files back
to resume and to write ``OUT_DIR/grades.csv``.

The renderers live in :mod:`grader.report`; this module only decides the file
names, the batch columns of ``grades.csv`` and how files are written.
"""

from __future__ import annotations

import contextlib
import json
from datetime import datetime, timezone
from pathlib import Path

from grader.catalog.batch import GRADE_BOOK
from grader.catalog.errors import ERRORS
from grader.config import Course
from grader.errors import KitError
from grader.messages import Text
from grader.record.atomic import remove_stale_temporaries, write_atomic
from grader.record.student import StudentRecord
from grader.report.csv import grade_table, write_table
from grader.report.gradescope import write_results_json
from grader.report.html import write_html

REPORT_FILE = "report.json"
RESULTS_FILE = "results.json"
FEEDBACK_FILE = "feedback.html"
GRADES_FILE = "grades.csv"
LOCK_FILE = ".batch.lock"


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


def write_student(out_dir: Path, record: StudentRecord, lang: str, hidden_shown: bool) -> None:
    """All of one student's files; ``report.json`` last, since it marks the student as done."""
    folder = Path(out_dir) / record.student
    report = record.adjusted()
    write_results_json(folder / RESULTS_FILE, report, lang, hidden_shown)
    write_html(folder / FEEDBACK_FILE, report, lang, show_hidden=hidden_shown)
    write_atomic(folder / REPORT_FILE, json.dumps(record.to_json(), ensure_ascii=False, indent=1) + "\n")


def read_record(out_dir: Path, student: str) -> StudentRecord | None:
    """A student's ``report.json``, or ``None`` when it is missing, unreadable, another student's or from a
    newer kit (:meth:`StudentRecord.from_json`): that student is graded again."""
    try:
        record = StudentRecord.from_json(json.loads((Path(out_dir) / student / REPORT_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None
    return record if record.student == student else None


def rendered(out_dir: Path, student: str) -> bool:
    folder = Path(out_dir) / student
    return (folder / RESULTS_FILE).is_file() and (folder / FEEDBACK_FILE).is_file()


def write_grades(out_dir: Path, students: list[str], records: dict[str, StudentRecord], lang: str,
                 not_graded: Text, names: dict[str, str] | None = None, check_order: list[str] = ()) -> Path:
    """``grades.csv`` (:mod:`grader.report.csv`): one row per student, sorted by id, after the points-possible row.

    ``records``: student → its record (adjustments applied here); a student without
    one is "not graded yet". ``names``: student → name from the roster. ``check_order``: the
    checks in ``course.toml`` order, which numbers their short column ids.
    """
    from grader.batch.gradebook import grade_rows

    rows = grade_rows(students, records, names or {}, not_graded.get(lang))
    return write_table(Path(out_dir) / GRADES_FILE, grade_table(rows, lang, check_order))


class Writer:
    """One batch's files in ``OUT_DIR``: each student's as they are done, ``grades.csv`` after each."""

    def __init__(self, out_dir: Path, students: list[str], lang: str, hidden_shown: bool,
                 names: dict[str, str] | None = None, check_order: list[str] = ()):
        self.out_dir, self.students, self.lang, self.hidden_shown = Path(out_dir), list(students), lang, hidden_shown
        self.names, self.check_order = names or {}, list(check_order)
        self.records: dict[str, StudentRecord] = {}
        self.absentees: dict[str, StudentRecord] = {}
        """Roster students with nothing handed in: a row, no files."""
        for student in self.students:
            remove_stale_temporaries(self.out_dir / student)

    def keep(self, record: StudentRecord, rerender: bool) -> None:
        """A saved record that stays; its files are written again when ``rerender`` (a page is missing,
        or the lateness or overrides in the record changed)."""
        self.records[record.student] = record
        if rerender:
            self._write(record)

    def show(self, record: StudentRecord) -> None:
        """A saved record listed as it is (``--student`` names someone else)."""
        self.records[record.student] = record

    def save(self, record: StudentRecord, grades: bool = True) -> None:
        """A new record: the student's files, then ``grades.csv``."""
        self.records[record.student] = record
        self._write(record)
        if grades:
            self.grades()

    def absent(self, record: StudentRecord) -> None:
        """A roster student who handed nothing in."""
        self.absentees[record.student] = record

    def forget(self, student: str) -> None:
        """A student about to be graded: not in ``grades.csv`` until done."""
        self.records.pop(student, None)

    def grades(self) -> Path:
        try:
            return write_grades(self.out_dir, self.students, {**self.records, **self.absentees}, self.lang,
                                GRADE_BOOK["not-graded"], self.names, self.check_order)
        except OSError as exc:
            raise KitError(ERRORS["cannot-write-results"].format(folder=self.out_dir, detail=exc)) from None

    def final(self) -> dict[str, StudentRecord]:
        """``grades.csv`` from what ``OUT_DIR`` holds now; every student's record (absentees too)."""
        self.records = {s: r for s in self.students if (r := read_record(self.out_dir, s)) is not None}
        self.grades()
        return {**self.records, **self.absentees}

    def _write(self, record: StudentRecord) -> None:
        try:
            write_student(self.out_dir, record, self.lang, self.hidden_shown)
        except OSError as exc:
            raise KitError(ERRORS["cannot-write-results"].format(folder=self.out_dir, detail=exc)) from None


@contextlib.contextmanager
def locked(out_dir: Path):
    """Refuse a second batch writing into the same ``OUT_DIR`` (the lock dies with its process)."""
    handle = open(Path(out_dir) / LOCK_FILE, "a+b")
    try:
        try:
            import fcntl
        except ImportError:  # Windows: no lock
            fcntl = None
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise KitError(ERRORS["batch-busy"].format(folder=out_dir)) from None
        yield
    finally:
        handle.close()


SOURCE_FILE = ".batch-source.json"
"""What ``OUT_DIR`` was graded from (:func:`remember_source`), for the commands that read it later."""


def remember_source(out_dir: Path, batch_dir: Path, id_pattern: str | None, roster: Path | None) -> None:
    """Record what ``OUT_DIR`` was graded from, for the commands that read it later (similarity, export)."""
    data = {"batch_dir": str(batch_dir), "id_pattern": id_pattern or "",
            "roster": str(Path(roster).resolve()) if roster else ""}
    write_atomic(Path(out_dir) / SOURCE_FILE, json.dumps(data, ensure_ascii=False) + "\n")


def batch_source(out_dir: Path) -> dict:
    """What :func:`remember_source` recorded; :class:`KitError` when ``OUT_DIR`` holds no batch."""
    try:
        data = json.loads((Path(out_dir) / SOURCE_FILE).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "batch_dir" not in data:
            raise ValueError
        return data
    except (OSError, ValueError):
        raise KitError(ERRORS["no-batch-results"].format(folder=out_dir)) from None
