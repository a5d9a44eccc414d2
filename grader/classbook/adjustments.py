"""What the class changes about a student's grade after the checks: the class's facts, scored.

The class book knows when a submission was handed in (by the LMS's or the
file's clock), how many days late that is, and the instructor's overrides;
:func:`settle` hands those to the one scoring pass
(:func:`grader.record.scoring.score`: check overrides, the late policy, a total
override, the clamp) and returns a new record with the class's facts beside the
checks' own verdicts (:class:`grader.record.student.ClassFacts`), so removing
an override gives the checks' score back. Renderers read
:meth:`StudentRecord.adjusted <grader.record.student.StudentRecord.adjusted>`.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from grader.classbook.entries import Entry
from grader.classbook.lateness import days_late
from grader.config import Course
from grader.record.results import Report
from grader.record.scoring import Facts, Override, score
from grader.record.student import ClassFacts, StudentRecord


def class_facts(report: Report, course: Course, submitted: datetime | None, time_source: str,
                overrides: list[Override], late_mark: bool = False, claimed: datetime | None = None) -> ClassFacts:
    """The submission time, days late and the adjustments for one student's raw ``report``. ``late_mark``: the
    LMS marked it late (at least one day late); ``claimed``: the time the student's machine gave, kept
    beside the days it would make, never counted."""
    days = days_late(course, submitted)
    if late_mark and days is not None:
        days = max(days, 1)
    scored = score(report.results, {}, None, course, Facts(days, submitted, tuple(overrides)))
    return ClassFacts(submitted.isoformat(timespec="seconds") if submitted else "", time_source, days,
                      scored.adjustments, claimed.isoformat(timespec="seconds") if claimed is not None else "",
                      days_late(course, claimed) if claimed is not None else None)


def settle(record: StudentRecord, course: Course, entry: Entry | None, overrides: list[Override]) -> StudentRecord:
    """``record`` with the class's facts for ``entry`` (``None``: nothing handed in) and ``overrides``: a new record."""
    facts = class_facts(record.report, course, entry.submitted_at if entry else None,
                        entry.time_source if entry else "", overrides, late_mark=bool(entry and entry.lms_late),
                        claimed=entry.claimed_at if entry else None)
    if entry is not None:
        facts = dataclasses.replace(facts, named_as=tuple(entry.named_as), lms=entry.lms)
    return record.settled(facts)
