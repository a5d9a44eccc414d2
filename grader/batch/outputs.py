"""What ``grade batch`` writes, each file atomically (:mod:`grader.report.atomic`), all on the client.

Per student, in ``OUT_DIR/<id>/``: ``results.json`` (Gradescope schema),
``feedback.html`` and, last, ``report.json`` (the :class:`~grader.results.Report`
plus the batch's own facts: status, content hash, kit version). A student
counts as done once ``report.json`` is there; the batch reads these files back
to resume and to write ``OUT_DIR/grades.csv``.

The renderers live in :mod:`grader.report`; this module only decides the file
names, the batch columns of ``grades.csv`` and how files are written.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from datetime import datetime, timezone
from pathlib import Path

from grader.config import Course
from grader.errors import KitError
from grader.messages import Text
from grader.report.atomic import remove_stale_temporaries, write_atomic
from grader.report.csv import grade_rows
from grader.report.gradescope import write_results_json
from grader.report.html import write_html
from grader.results import Report

REPORT_FILE = "report.json"
RESULTS_FILE = "results.json"
FEEDBACK_FILE = "feedback.html"
GRADES_FILE = "grades.csv"
MODULE_ORDER = ("tensors", "cnn", "concepts")
BATCH_COLUMNS = ("student_id", "score", "max_score", "status")
LOCK_FILE = ".batch.lock"
NOT_GRADED = Text("아직 채점 안 됨", "not graded yet")


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
    report = Report.from_dict(record)
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
                 not_graded: Text) -> Path:
    """``grades.csv``: one row per student, sorted by id.

    Columns: ``student_id, score, max_score, status``, one column per module
    (its points), then the report package's columns (failed checks, one per
    check, notes) where it is installed.
    """
    reports = {s: Report.from_dict(records[s]) for s in students if s in records}
    modules = [m for m in MODULE_ORDER if any(r.module == m for rep in reports.values() for r in rep.results)]
    modules += sorted({r.module for rep in reports.values() for r in rep.results} - set(modules))
    header, rows = grade_rows([reports[s] for s in sorted(reports)], lang)
    keep = [i for i, name in enumerate(header) if name not in BATCH_COLUMNS]
    extra_header = [header[i] for i in keep]
    extra_rows = {str(row[0]): [row[i] for i in keep] for row in rows}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*BATCH_COLUMNS, *modules, *extra_header])
    for student in sorted(students):
        report = reports.get(student)
        if report is None:
            writer.writerow([student, "", "", not_graded.get(lang), *([""] * (len(modules) + len(extra_header)))])
            continue
        per_module = [_number(sum(r.score for r in report.results if r.module == m)) for m in modules]
        writer.writerow([student, _number(report.score), _number(report.max_score), records[student].get("status", ""),
                         *per_module, *extra_rows.get(student, [""] * len(extra_header))])
    path = Path(out_dir) / GRADES_FILE
    write_atomic(path, "\ufeff" + buffer.getvalue())
    return path


def _number(value: float) -> str:
    return f"{round(value, 4):g}"


class Writer:
    """One batch's files in ``OUT_DIR``: each student's as they are done, ``grades.csv`` after each."""

    def __init__(self, out_dir: Path, students: list[str], lang: str, hidden_shown: bool):
        self.out_dir, self.students, self.lang, self.hidden_shown = Path(out_dir), sorted(students), lang, hidden_shown
        self.records: dict[str, dict] = {}
        for student in self.students:
            remove_stale_temporaries(self.out_dir / student)

    def keep(self, record: dict) -> None:
        """A saved record that stays; its pages are written again only if one is missing."""
        self.records[record["student"]] = record
        if not rendered(self.out_dir, record["student"]):
            self._write(record)

    def show(self, record: dict) -> None:
        """A saved record listed as it is (``--student`` names someone else)."""
        self.records[record["student"]] = record

    def save(self, record: dict, grades: bool = True) -> None:
        """A new record: the student's files, then ``grades.csv``."""
        self.records[record["student"]] = record
        self._write(record)
        if grades:
            self.grades()

    def forget(self, student: str) -> None:
        """A student about to be graded: not in ``grades.csv`` until done."""
        self.records.pop(student, None)

    def grades(self) -> Path:
        try:
            return write_grades(self.out_dir, self.students, self.records, self.lang, NOT_GRADED)
        except OSError as exc:
            raise KitError(f"could not write the results to {self.out_dir}: {exc}") from None

    def final(self) -> Path:
        """``grades.csv`` from what ``OUT_DIR`` holds now."""
        self.records = {s: r for s in self.students if (r := read_record(self.out_dir, s)) is not None}
        return self.grades()

    def _write(self, record: dict) -> None:
        try:
            write_student(self.out_dir, record, self.lang, self.hidden_shown)
        except OSError as exc:
            raise KitError(f"could not write the results to {self.out_dir}: {exc}") from None


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
                raise KitError(f"another grade batch is writing to {out_dir}; wait for it or pick another --out") from None
        yield
    finally:
        handle.close()
