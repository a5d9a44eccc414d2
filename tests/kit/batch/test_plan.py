"""The batch plan alone: what to grade, keep, refuse or report, decided without TensorFlow or workers."""

from __future__ import annotations

from pathlib import Path

from grader.batch import plan
from grader.batch.plan import GRADE, KEEP, REFUSE, REPORT, decide, submission_hash
from grader.classbook.entries import Entry
from grader.engine.intake import Intake
from grader.record.results import Report
from grader.record.student import StudentRecord

KIT = "kit-1"


def intake(text: str) -> Intake:
    return Intake(sources={"tensors": text}, files={"tensors.py": text.encode()})


def saved(student: str, work: Intake, status: str = plan.GRADED, kit: str = KIT) -> StudentRecord:
    return StudentRecord(student, Report(student=student), status, content_hash=submission_hash(work), kit_hash=kit)


def conflict(entry: Entry, digest: str) -> StudentRecord:
    return StudentRecord(entry.student, Report(student=entry.student), plan.CONFLICT, content_hash=digest)


def entries(*names: str) -> dict[str, Entry]:
    paths: dict[str, list[Path]] = {}
    for name in names:
        paths.setdefault(name.split(".")[0], []).append(Path(name))
    return {s: Entry(s, tuple(p)) for s, p in paths.items()}


def actions(decisions) -> dict[str, str]:
    return {s: d.action for s, d in decisions.items()}


def test_new_unchanged_changed_and_failed_students():
    """Is new work graded, unchanged work kept, changed work and a "could not grade" graded again?"""
    work = {s: intake(f"x = '{s}'") for s in ("new", "same", "changed", "failed")}
    before = {"same": saved("same", work["same"]), "changed": saved("changed", intake("x = 'old'")),
              "failed": saved("failed", work["failed"], status=plan.COULD_NOT_GRADE)}
    decided = decide(entries("new", "same", "changed", "failed"), {s: [w] for s, w in work.items()}, before, KIT,
                     None, conflict)
    assert actions(decided) == {"new": GRADE, "same": KEEP, "changed": GRADE, "failed": GRADE}
    assert decided["same"].record is before["same"] and decided["new"].intake is work["new"]


def test_new_rules_regrade_everyone():
    """Does a saved report made under other rules (kit hash) get graded again?"""
    work = intake("x = 1")
    decided = decide(entries("kim"), {"kim": [work]}, {"kim": saved("kim", work, kit="old")}, KIT, None, conflict)
    assert actions(decided) == {"kim": GRADE}


def test_two_entries_are_refused_not_guessed():
    """Are kim/ and kim.zip refused as a conflict (never graded), with the record to write?"""
    decided = decide(entries("kim", "kim.zip"), {"kim": [intake("a"), intake("b")]}, {}, KIT, None, conflict)
    assert actions(decided) == {"kim": REFUSE}
    assert decided["kim"].record.status == plan.CONFLICT and decided["kim"].intake is None
    assert [p.name for p in decided["kim"].entry.paths] == ["kim", "kim.zip"]


def test_one_student_regrades_only_them_and_reports_the_rest():
    """With --student, is that student graded even when unchanged, and the others kept, reported as saved
    (changed since) or left out (nothing saved)?"""
    work = {s: intake(s) for s in ("kim", "lee", "choi", "park")}
    before = {"kim": saved("kim", work["kim"]), "lee": saved("lee", work["lee"]),
              "choi": saved("choi", intake("older work"))}
    decided = decide(entries("kim", "lee", "choi", "park"), {s: [w] for s, w in work.items()}, before, KIT, "kim",
                     conflict)
    assert actions(decided) == {"kim": GRADE, "lee": KEEP, "choi": REPORT}
