"""What a ``grade batch`` run has to do, decided before anything is graded.

From the entries in ``BATCH_DIR`` and the reports saved in ``OUT_DIR``, the
plan says for each student: **grade** (new or changed work, or the rules
changed), **keep** (the saved report is up to date), **refuse** (two entries
for one id: a ``conflict`` record, zero, no grading) or **report** (``--student``
names someone else: shown as saved). This module reads files and never writes
one, starts nothing and prints nothing, so every decision is unit-testable
without TensorFlow.

Which entries of ``BATCH_DIR`` are students, and which of a student's archives
is graded, is :mod:`grader.classbook.entries`'s job; the roster, lateness and overrides
are :mod:`grader.batch.gradebook`' (a roster student with nothing handed in is
**absent**: a ``no submission`` row, nothing graded).
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from grader import __version__
from grader.batch import outputs
from grader.batch.gradebook import NOTHING_IMPLEMENTED, Klass, load_class, no_submission
from grader.catalog.batch import PLAN
from grader.catalog.errors import ERRORS
from grader.catalog.student import NOTICES
from grader.classbook import entries as classroom
from grader.classbook.entries import Entry, valid_id  # noqa: F401  (the batch's API)
from grader.config import Course
from grader.engine.intake import Expected, Intake, collect, content_hash, sha256
from grader.errors import KitError
from grader.messages import Text
from grader.record.results import FAILED, CheckResult, Feedback, Report
from grader.record.status import Status
from grader.record.student import StudentRecord

GRADED = Status.GRADED
COULD_NOT_RUN = Status.COULD_NOT_RUN
COULD_NOT_GRADE = Status.COULD_NOT_GRADE
CONFLICT = Status.CONFLICT
FINAL = (GRADED, NOTHING_IMPLEMENTED, COULD_NOT_RUN, CONFLICT)
"""Statuses a rerun keeps; ``could not grade`` is tried again."""

GRADE, KEEP, REFUSE, REPORT, ABSENT = "grade", "keep", "refuse", "report", "absent"
"""What the plan does with a student (see the module docstring)."""


# -- the entries of BATCH_DIR (which entries are students: grader.classbook.entries) ------------------------------
def check_folders(batch_dir: Path, out_dir: Path) -> tuple[Path, Path]:
    """Both folders, resolved; :class:`KitError` when the batch cannot run at all."""
    batch_dir = Path(batch_dir)
    if not batch_dir.exists():
        raise KitError(ERRORS["batch-missing"].format(folder=batch_dir))
    if not batch_dir.is_dir():
        raise KitError(ERRORS["batch-not-folder"].format(folder=batch_dir))
    batch_dir, out_dir = batch_dir.resolve(), Path(out_dir).resolve()
    if out_dir == batch_dir:
        raise KitError(ERRORS["out-is-batch"])
    return batch_dir, out_dir


def find_entries(batch_dir: Path, out_dir: Path, lang: str = "en") -> tuple[dict[str, Entry], list[str]]:
    """Student id → its entry, and one warning per skipped entry (:func:`grader.classbook.entries.find_entries`)."""
    room = classroom.find_entries(batch_dir, out_dir, lang)
    return room.entries, room.skipped


def entry_name(path: Path) -> str:
    return f"{path.name}/" if path.is_dir() else path.name


def read_entry(path: Path, lang: str = "en", entry: Entry | None = None, expected: Expected | None = None) -> Intake:
    """The submission at ``path`` (of ``entry``, when it is a flat LMS download's loose files); a notice
    instead of an exception when nothing can be read."""
    try:
        return entry.collect(path, expected) if entry is not None else collect(path, expected)
    except KitError:
        if path.is_dir():
            return Intake(notices=[Feedback(PLAN["no-modules"].format(entry=entry_name(path)))])
        return Intake(form="archive", notices=[Feedback(_archive_notice(path.name))])
    except OSError as exc:
        return Intake(notices=[Feedback(PLAN["unreadable"].format(entry=entry_name(path),
                                                                   detail=exc.strerror or type(exc).__name__))])


def _archive_notice(name: str) -> Text:
    return NOTICES["archive"].format(file=name, detail=PLAN["not-zip"])


# -- hashing: what decides whether a saved report is still good ------------------------------------------
def submission_hash(intake: Intake) -> str:
    """The submission's files (:func:`grader.engine.intake.content_hash`) and its form; never message text,
    so that rewording a sentence regrades nobody."""
    return sha256(f"{content_hash(intake)}\n{intake.form}\n{sorted(intake.sources)}".encode())


def kit_hash(course: Course, include_slow: bool) -> str:
    """The grading rules: kit version, ``course.toml`` (as read), every file of the checks and, when
    the accuracy run is included, the data it trains on (a switch to full MNIST regrades)."""
    digest = hashlib.sha256(f"{__version__}\n{include_slow}\n".encode())
    if include_slow:
        from grader import data

        _, source = data.load_mnist_with_source(course)
        path = Path(source.path)
        stat = path.stat() if source.path and path.is_file() else None
        digest.update(f"{source.name}\n{source.path}\n{stat and stat.st_size}\n{stat and stat.st_mtime_ns}\n".encode())
    digest.update(repr(dataclasses.replace(course, root=Path("."))).encode())
    for name, data_bytes in sorted(check_files(course).items()):
        digest.update(name.encode() + b"\0" + data_bytes + b"\0")
    return digest.hexdigest()


def check_files(course: Course) -> dict[str, bytes]:
    """Every ``.py`` file of the course's checks, by path relative to the checks folder."""
    base = course.checks_dir
    return {str(p.relative_to(base)): p.read_bytes() for p in (sorted(base.rglob("*.py")) if base.is_dir() else [])
            if "__pycache__" not in p.parts}


# -- verdicts from facts -------------------------------------------------------------------------------------
def status_of(intake: Intake, report: Report) -> str:
    """``could not run`` when none of the student's modules could be read or imported (from the
    report's facts, never from its sentences); ``nothing implemented`` when every function still
    raises ``NotImplementedError``."""
    from grader.engine.untouched import nothing_implemented

    failed = set(report.facts.get("import_failed", {}))
    if not set(intake.sources) - failed:
        return COULD_NOT_RUN
    return NOTHING_IMPLEMENTED if nothing_implemented(intake) else GRADED


def placeholder(checks: list, course: Course, student: str, line: Text) -> Report:
    """A zero on every check, each saying why (a conflict, a grader failure)."""
    feedback = Feedback(line)
    results = [CheckResult(c.name, 0.0, c.points, FAILED, c.hidden, feedback, id=c.id)
               for c in checks]
    return Report(results=results, notices=[feedback], student=student, scope="all", apart=course.apart)


def make_record(report: Report, status: str, digest: str, kit: str, paths: Iterable[Path],
                failure: dict | None = None) -> StudentRecord:
    """The record of a student handled now (graded, refused, failed): the report and the batch's own facts."""
    report = dataclasses.replace(report, graded_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    return StudentRecord(report.student, report, Status(status), None, digest, kit, __version__,
                         tuple(entry_name(p) for p in paths), failure or None)


# -- the plan itself ---------------------------------------------------------------------------------------
@dataclass
class Decision:
    """One student's fate in this run."""

    student: str
    action: str
    """:data:`GRADE`, :data:`KEEP`, :data:`REFUSE`, :data:`REPORT` or :data:`ABSENT`."""
    entry: Entry
    digest: str = ""
    intake: Intake | None = None
    """The submission as read (only for :data:`GRADE`)."""
    record: StudentRecord | None = None
    """The saved record (keep, report) or the one to write (refuse, absent), settled by the class."""
    rerender: bool = False
    """Keep: the student's pages must be written again (missing, or lateness/overrides changed)."""


@dataclass
class Plan:
    """Every decision of one run, by student id, and the entries skipped with a warning."""

    students: list[str]
    """Every row of ``grades.csv``: the students in ``BATCH_DIR`` and those on the roster."""
    decisions: dict[str, Decision] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Lines a person should look at: an id mismatch, a student not on the roster."""
    kit: str = ""
    klass: Klass | None = None

    def with_action(self, action: str) -> list[Decision]:
        return [d for _, d in sorted(self.decisions.items()) if d.action == action]


def decide(entries: dict[str, Entry], intakes: dict[str, list[Intake]], saved: dict[str, StudentRecord], kit: str,
           student: str | None, conflict_record) -> dict[str, Decision]:
    """The pure core: what to do with each student, from what was read and what is saved.

    ``intakes``: student → one intake per path of its entry. ``saved``: student → its saved
    record (absent when there is none). ``conflict_record(entry, digest)`` makes the record
    of a conflict.
    """
    decisions: dict[str, Decision] = {}
    for sid, entry in sorted(entries.items()):
        read = intakes[sid]
        digest = (submission_hash(read[0]) if len(read) == 1
                  else sha256("\0".join(submission_hash(i) for i in read).encode()))
        record = saved.get(sid)
        fresh = (record is not None and record.content_hash == digest and record.kit_hash == kit
                 and record.status in FINAL and sid != student)
        if fresh:
            decisions[sid] = Decision(sid, KEEP, entry, digest, record=record)
        elif student is not None and sid != student:
            if record is not None:
                decisions[sid] = Decision(sid, REPORT, entry, digest, record=record)
        elif len(entry.paths) > 1:
            decisions[sid] = Decision(sid, REFUSE, entry, digest, record=conflict_record(entry, digest))
        else:
            decisions[sid] = Decision(sid, GRADE, entry, digest, intake=read[0])
    return decisions


def make_plan(course: Course, batch_dir: Path, out_dir: Path, checks: list, include_slow: bool,
              student: str | None = None, lang: str = "en", roster: str | Path | None = None,
              id_pattern: str | None = None) -> Plan:
    """Read ``BATCH_DIR``, the roster and what ``OUT_DIR`` holds, and decide (no file is written)."""
    due = classroom.parse_time(course.course.due)
    room = classroom.find_entries(batch_dir, out_dir, lang, id_pattern, due.tzinfo if due else None, course.modules)
    klass = load_class(course, out_dir, roster)
    entries = klass.by_lms_id(room.entries)
    if student is not None and student not in entries:
        known = ", ".join(sorted(entries)[:20]) or "none"
        raise KitError(ERRORS["no-such-student"].format(student=repr(student), folder=batch_dir, known=known))
    kit = kit_hash(course, include_slow)
    intakes = {}
    for sid, entry in entries.items():
        read = [read_entry(p, lang, entry, Expected.of(course)) for p in entry.paths]
        if len(read) == 1:
            claimed = classroom.claimed_notice(entry) if _claim_matters(course, entry) else None
            read[0].notices += [*entry.notices, *([claimed] if claimed else [])]
        intakes[sid] = read
    saved = {sid: r for sid in entries if (r := outputs.read_record(out_dir, sid)) is not None}

    def conflict_record(entry: Entry, digest: str) -> StudentRecord:
        names = ", ".join(entry_name(p) for p in entry.paths)
        line = PLAN["conflict"].format(student=entry.student, entries=names)
        record = make_record(placeholder(checks, course, entry.student, line), CONFLICT, digest, kit, entry.paths,
                             failure={"kind": "conflict", "entries": [entry_name(p) for p in entry.paths]})
        return klass.settle(record, entry)

    decisions = decide(entries, intakes, saved, kit, student, conflict_record)
    for sid, decision in decisions.items():
        if decision.action == KEEP:
            settled = klass.settle(decision.record, decision.entry)
            decision.rerender = settled.facts != decision.record.facts or not outputs.rendered(out_dir, sid)
            decision.record = settled
    for sid in klass.missing(list(entries)):
        record = klass.settle(no_submission(checks, course, sid), None)
        decisions[sid] = Decision(sid, ABSENT, Entry(sid, ()), record=record)
    return Plan(klass.students(list(entries)), decisions, room.skipped,
                [*room.warnings, *klass.notes(lang), *klass.strangers(list(entries), lang)], kit, klass)


def _claim_matters(course: Course, entry: Entry) -> bool:
    """Whether the time the student's machine gave would make another number of days late than the time that
    counts (then the feedback shows both; otherwise it is only kept in the record)."""
    from grader.classbook.lateness import days_late

    return entry.claimed_at is not None and days_late(course, entry.claimed_at) != days_late(
        course, entry.submitted_at)


def graded_record(course: Course, checks: list, decision: Decision, report: Report, kit: str,
                  klass: Klass | None) -> StudentRecord:
    """The record of a student graded now: the status from the report's facts, lateness and overrides."""
    status = status_of(decision.intake, report)
    if status == NOTHING_IMPLEMENTED:
        report.notices.insert(0, Feedback(PLAN["nothing-implemented"]))  # the status's reason first
    record = make_record(report, status, decision.digest, kit, decision.entry.paths)
    return klass.settle(record, decision.entry) if klass is not None else record

