"""The class around the graded students: the roster, the students who handed nothing in, and the grade book.

The batch grades submissions; this module adds what the class knows besides:
the roster's students without a submission (a row, ``no submission``, 0),
each record's submission time, days late and adjustments
(:mod:`grader.adjustments`), and the rows of ``grades.csv``.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from grader.adjustments import adjusted, class_facts
from grader.catalog.errors import ERRORS
from grader.catalog.instructor import CLASS_RECORDS
from grader.classroom import Entry
from grader.config import Course
from grader.errors import KitError
from grader.overrides import Override, ensure_file, load_overrides
from grader.report.atomic import write_atomic
from grader.report.csv import GradeRow, check_ids, grade_table
from grader.results import FAILED, CheckResult, Feedback, Report
from grader.roster import Student, load_roster, roster_path

GRADED = "graded"
NOTHING_IMPLEMENTED = "nothing implemented"
COULD_NOT_RUN = "could not run"
NO_SUBMISSION = "no submission"
SOURCE_FILE = ".batch-source.json"


@dataclass
class Klass:
    """What the batch knows about the class besides the submissions."""

    course: Course
    roster: list[Student] | None = None
    overrides: dict[str, list[Override]] = field(default_factory=dict)
    roster_file: Path | None = None

    @property
    def names(self) -> dict[str, str]:
        """Student → name, from the roster."""
        return {s.student: s.name for s in self.roster or []}

    def students(self, submitted: list[str]) -> list[str]:
        """Everyone who gets a row: the roster's students and whoever handed something in, sorted."""
        return sorted({*submitted, *(s.student for s in self.roster or [])})

    def missing(self, submitted: list[str]) -> list[str]:
        return sorted({s.student for s in self.roster or []} - set(submitted))

    def by_lms_id(self, entries: dict[str, Entry]) -> dict[str, Entry]:
        """``entries`` with a Canvas user id (a flat Canvas download's key) turned into the roster's student id,
        where the roster is a Canvas export whose ``ID`` column has it."""
        canvas = {s.column("ID"): s.student for s in self.roster or [] if s.column("ID") and s.column("ID") != s.student}
        moved = {}
        for sid, entry in entries.items():
            own = canvas.get(sid) if entry.lms == "canvas" else None
            if own and own not in entries and own not in moved:
                moved[own] = dataclasses.replace(entry, student=own, lms="")  # the roster's id from here on
            else:
                moved[sid] = entry
        return dict(sorted(moved.items()))

    def strangers(self, submitted: list[str], lang: str) -> list[str]:
        """One line per submission whose id is not on the roster."""
        if self.roster is None:
            return []
        known = {s.student for s in self.roster}
        return [CLASS_RECORDS["not-on-roster"].get(lang).format(student=s) for s in sorted(submitted) if s not in known]

    def settle(self, record: dict, entry: Entry | None) -> bool:
        """Put the submission time, days late and adjustments into ``record``; ``True`` when they changed."""
        report = Report.from_dict({k: v for k, v in record.items() if k != "adjustments"})
        submitted = entry.submitted_at if entry is not None else None
        source = entry.time_source if entry is not None else ""
        facts = class_facts(report, self.course, submitted, source, self.overrides.get(record["student"], []),
                            late_mark=bool(entry and entry.lms_late), claimed=entry.claimed_at if entry else None)
        if entry is not None and entry.named_as:
            facts["named_as"] = list(entry.named_as)
        if entry is not None and entry.lms:
            facts["lms"] = entry.lms  # the id is that LMS's user id
        if record.get("class") == facts:
            return False
        record["class"] = facts
        return True


    def write_report(self, out_dir: Path, students: list[str], records: dict[str, dict], lang: str,
                     not_graded: str) -> Path:
        """``OUT_DIR/class-report.html`` from the same rows as ``grades.csv``."""
        from grader.report.class_report import write_class_report
        from grader.similarity import REPORT_FILE as SIMILARITY

        rows = grade_rows(students, records, self.names, not_graded)
        return write_class_report(out_dir, rows, lang, list(self.course.points), self.course.course.name,
                                  SIMILARITY)


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


def load_class(course: Course, out_dir: Path, roster: str | Path | None) -> Klass:
    """The roster (``--roster`` or ``[course] roster``) and ``OUT_DIR/overrides.csv`` (created with its header)."""
    path = roster_path(course, roster)
    students = load_roster(path) if path is not None else None
    ensure_file(out_dir)
    points = dict(course.points)
    overrides = load_overrides(out_dir, points, {v: k for k, v in check_ids(points).items()})
    return Klass(course, students, overrides, path)


def no_submission(checks: list, course: Course, student: str) -> dict:
    """The record of a roster student who handed nothing in: zero on every check."""
    feedback = Feedback(CLASS_RECORDS["no-submission"])
    results = [CheckResult(c.name, 0.0, float(course.points[c.name]), FAILED, c.hidden, feedback) for c in checks]
    report = Report(results=results, notices=[feedback], student=student, scope="all")
    return {**report.to_dict(), "student": student, "status": NO_SUBMISSION, "entries": []}


def grade_rows(students: list[str], records: dict[str, dict], names: dict[str, str], not_graded: str) -> list[GradeRow]:
    """The rows of ``grades.csv``, sorted by student id."""
    rows = []
    for student in sorted(students):
        record = records.get(student)
        if record is None:
            rows.append(GradeRow(student, None, not_graded, names.get(student, "")))
            continue
        facts = record.get("class") or {}
        look = [CLASS_RECORDS["named-as"].format(names=", ".join(facts["named_as"]))] if facts.get("named_as") else []
        if facts.get("claimed_at") and facts.get("claimed_days") != facts.get("late_days"):
            look.append(CLASS_RECORDS["claimed-late"].format(claimed=facts["claimed_at"], days=facts.get("late_days"),
                                                             claimed_days=facts.get("claimed_days")))
        if names and student not in names:
            look.append(CLASS_RECORDS["off-roster"])
        rows.append(GradeRow(student, adjusted(record), record.get("status", GRADED), names.get(student, ""),
                             facts.get("submitted_at", ""), facts.get("late_days"), tuple(look)))
    return rows


def grades_table(course: Course, students: list[str], records: dict[str, dict], names: dict[str, str],
                 lang: str, not_graded: str) -> list[list[str]]:
    return grade_table(grade_rows(students, records, names, not_graded), lang, list(course.points))
