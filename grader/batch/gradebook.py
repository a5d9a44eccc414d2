"""The class around the graded students: the roster, the students who handed nothing in, and the grade book.

The batch grades submissions; this module adds what the class knows besides:
the roster's students without a submission (a row, ``no submission``, 0),
each record's submission time, days late and adjustments
(:mod:`grader.classbook.adjustments`, scored by :func:`grader.record.scoring.score`), and the rows of
``grades.csv``. Records are frozen (:class:`~grader.record.student.StudentRecord`): settling one makes a new one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from grader.catalog.instructor import CLASS_RECORDS
from grader.classbook.adjustments import settle
from grader.classbook.entries import Entry
from grader.classbook.overrides import (
    OVERRIDES_FILE,
    POSITIONAL_BACKUP,
    Override,
    ensure_file,
    load_overrides,
    migrate_positional_ids,
    positional_ids,
)
from grader.classbook.roster import Student, load_roster, roster_path
from grader.config import Course
from grader.messages import Text
from grader.record.results import FAILED, CheckResult, Feedback, Report
from grader.record.status import Status
from grader.record.student import StudentRecord
from grader.report.csv import GradeRow

GRADED = Status.GRADED
NOTHING_IMPLEMENTED = Status.NOTHING_IMPLEMENTED
COULD_NOT_RUN = Status.COULD_NOT_RUN
NO_SUBMISSION = Status.NO_SUBMISSION


@dataclass
class Klass:
    """What the batch knows about the class besides the submissions."""

    course: Course
    roster: list[Student] | None = None
    overrides: dict[str, list[Override]] = field(default_factory=dict)
    roster_file: Path | None = None
    said: list[Text] = field(default_factory=list)
    """Lines for the instructor about the class files themselves (an overrides file rewritten)."""

    @property
    def names(self) -> dict[str, str]:
        """Student → name, from the roster."""
        return {s.student: s.name for s in self.roster or []}

    def students(self, submitted: list[str]) -> list[str]:
        """Everyone who gets a row: the roster's students and whoever handed something in, sorted."""
        return sorted({*submitted, *(s.student for s in self.roster or [])})

    def missing(self, submitted: list[str]) -> list[str]:
        return sorted({s.student for s in self.roster or []} - set(submitted))

    def notes(self, lang: str) -> list[str]:
        """:attr:`said`, in ``lang``."""
        return [line.get(lang) for line in self.said]

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

    def settle(self, record: StudentRecord, entry: Entry | None) -> StudentRecord:
        """``record`` with the submission time, days late and adjustments the class gives it (a new record;
        compare its ``facts`` with the old one's to know whether they changed)."""
        return settle(record, self.course, entry, self.overrides.get(record.student, []))

    def write_report(self, out_dir: Path, students: list[str], records: dict[str, StudentRecord], lang: str,
                     not_graded: str) -> Path:
        """``OUT_DIR/class-report.html`` from the same rows as ``grades.csv``."""
        from grader.report.class_report import write_class_report

        rows = grade_rows(students, records, self.names, not_graded)
        return write_class_report(out_dir, rows, lang, list(self.course.points), self.course.course.name,
                                  due=self.course.course.due)


def load_class(course: Course, out_dir: Path, roster: str | Path | None) -> Klass:
    """The roster (``--roster`` or ``[course] roster``) and ``OUT_DIR/overrides.csv`` (created with its header)."""
    path = roster_path(course, roster)
    students = load_roster(path) if path is not None else None
    from grader.checks import runner

    ensure_file(out_dir)
    checks = runner.discover(course, "all")
    points = {c.id: c.points for c in checks}
    said = []
    moved = migrate_positional_ids(out_dir, positional_ids(list(course.points)))
    if moved:
        said.append(CLASS_RECORDS["overrides-migrated"].format(path=Path(out_dir) / OVERRIDES_FILE, count=moved,
                                                               backup=POSITIONAL_BACKUP))
    overrides = load_overrides(out_dir, points, {c.name: c.id for c in checks})
    return Klass(course, students, overrides, path, said)


def no_submission(checks: list, course: Course, student: str) -> StudentRecord:
    """The record of a roster student who handed nothing in: zero on every check."""
    feedback = Feedback(CLASS_RECORDS["no-submission"])
    results = [CheckResult(c.name, 0.0, c.points, FAILED, c.hidden, feedback, id=c.id) for c in checks]
    report = Report(results=results, notices=[feedback], student=student, scope="all", apart=course.apart)
    return StudentRecord(student, report, NO_SUBMISSION)


def grade_rows(students: list[str], records: dict[str, StudentRecord], names: dict[str, str],
               not_graded: str) -> list[GradeRow]:
    """The rows of ``grades.csv``, sorted by student id."""
    rows = []
    for student in sorted(students):
        record = records.get(student)
        if record is None:
            rows.append(GradeRow(student, None, not_graded, names.get(student, "")))
            continue
        facts = record.facts
        look = [CLASS_RECORDS["named-as"].format(names=", ".join(facts.named_as))] if facts and facts.named_as else []
        if facts is not None and facts.claimed_at and facts.claimed_days != facts.late_days:
            look.append(CLASS_RECORDS["claimed-late"].format(claimed=facts.claimed_at, days=facts.late_days,
                                                             claimed_days=facts.claimed_days))
        if names and student not in names:
            look.append(CLASS_RECORDS["off-roster"])
        rows.append(GradeRow(student, record.adjusted(), record.status, names.get(student, ""),
                             facts.submitted_at if facts else "", facts.late_days if facts else None, tuple(look)))
    return rows
