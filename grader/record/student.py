"""One student's graded result: :class:`StudentRecord`, and its one JSON codec.

A record is what ``grade batch`` keeps for a student in ``OUT_DIR/<id>/report.json`` and reads back to
resume, to write ``grades.csv``, the class report, the summary and the leaderboard: the checks' report
(their verdicts after error carried forward, :attr:`StudentRecord.report`), the class's facts beside it
(:class:`ClassFacts`: when it was handed in, by whose clock, days late, the adjustments), the
:class:`~grader.record.status.Status`, the batch's own facts (hashes, entries) and the student's id.
Records are frozen: the class book settles one by making a new one (:meth:`StudentRecord.settled`).

The JSON (:meth:`StudentRecord.to_json`, :meth:`StudentRecord.from_json`) is the shape ``docs/spec.md``
describes: the report's own keys at the top level, then ``status``, ``content_hash``, ``kit_hash``,
``kit_version``, ``entries``, ``failure`` and ``class``, and ``record_version``. A file without
``record_version`` (written before it, version 1) reads the same; one from a newer kit is refused
(:class:`ValueError`), so a resumed batch grades that student again rather than misread them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from grader.record.results import Adjustment, Feedback, Report
from grader.record.scoring import Scored, applied
from grader.record.status import Status

RECORD_VERSION = 2
"""The version :meth:`StudentRecord.to_json` writes. 1: the files written before the key existed (read the same)."""

_BATCH_KEYS = ("status", "content_hash", "kit_hash", "kit_version", "entries", "failure", "class", "record_version")


@dataclass(frozen=True)
class ClassFacts:
    """What the class book adds to a student's checks (``report.json``'s ``class``)."""

    submitted_at: str = ""
    """When it was handed in, ISO 8601 (the LMS's time, else the file's); ``""``: unknown."""
    time_source: str = ""
    """Where :attr:`submitted_at` comes from: ``LMS`` or ``file time``."""
    late_days: int | None = None
    """Started days after the due time; ``None``: no due time or no submission time."""
    adjustments: tuple[Adjustment, ...] = ()
    """Check overrides, the late policy, a total override (:func:`grader.record.scoring.score`)."""
    claimed_at: str = ""
    """What the student's machine said (shown, never counted); ``""``: it said nothing."""
    claimed_days: int | None = None
    """The days late :attr:`claimed_at` would make."""
    named_as: tuple[str, ...] = ()
    """Other ids the student's manifests gave (a line to look at)."""
    lms: str = ""
    """The LMS whose user id is the student's id (``canvas``...); ``""``: none."""

    def to_json(self) -> dict:
        data: dict[str, Any] = {"submitted_at": self.submitted_at, "time_source": self.time_source,
                                "late_days": self.late_days, "adjustments": [a.to_dict() for a in self.adjustments]}
        if self.claimed_at:
            data |= {"claimed_at": self.claimed_at, "claimed_days": self.claimed_days}
        if self.named_as:
            data["named_as"] = list(self.named_as)
        if self.lms:
            data["lms"] = self.lms
        return data

    @classmethod
    def from_json(cls, data: dict) -> ClassFacts:
        if not isinstance(data, dict):
            raise ValueError("a record's class facts are not an object")
        late = data.get("late_days")
        claimed = data.get("claimed_days")
        return cls(str(data.get("submitted_at") or ""), str(data.get("time_source") or ""),
                   int(late) if late is not None else None,
                   tuple(Adjustment.from_dict(a) for a in data.get("adjustments") or []),
                   str(data.get("claimed_at") or ""), int(claimed) if claimed is not None else None,
                   tuple(str(n) for n in data.get("named_as") or ()), str(data.get("lms") or ""))


@dataclass(frozen=True)
class StudentRecord:
    """One student's graded result (see the module docstring)."""

    student: str
    report: Report
    """The checks' own verdicts (after error carried forward), notices, artifacts: no class adjustment applied."""
    status: Status = Status.GRADED
    facts: ClassFacts | None = None
    """What the class book added; ``None`` until the class settles the record."""
    content_hash: str = ""
    """The submission's files (:func:`grader.batch.plan.submission_hash`): whether a resume may keep it."""
    kit_hash: str = ""
    """The grading rules it was graded by."""
    kit_version: str = ""
    entries: tuple[str, ...] = ()
    """The entries of ``BATCH_DIR`` it was graded from (several: a conflict)."""
    failure: dict | None = None
    """Why it has no grade of its own, as plain facts (``kind``: ``conflict``, a grader failure)."""

    @property
    def late_days(self) -> int | None:
        return self.facts.late_days if self.facts is not None else None

    @property
    def adjustments(self) -> tuple[Adjustment, ...]:
        return self.facts.adjustments if self.facts is not None else ()

    def scored(self) -> Scored:
        """The verdicts with the class's adjustments applied (:func:`grader.record.scoring.applied`)."""
        return applied(list(self.report.results), list(self.adjustments), self.report.apart)

    def adjusted(self) -> Report:
        """The report a student, the grade book and every renderer read: the adjustments applied, each named
        in a notice. A new report: the record is left as it is."""
        report = dataclasses.replace(self.report, results=list(self.report.results),
                                     notices=list(self.report.notices), student=self.student)
        if not self.adjustments:
            return report
        scored = self.scored()
        report.results = list(scored.results)
        report.adjustments = list(scored.adjustments)
        report.total = scored.total
        report.notices += [Feedback(a.reason) for a in scored.adjustments]
        return report

    def settled(self, facts: ClassFacts) -> StudentRecord:
        """This record with the class's ``facts`` (a new record)."""
        return dataclasses.replace(self, facts=facts)

    # -- the one codec ----------------------------------------------------------------------------------------
    def to_json(self) -> dict:
        """What ``report.json`` holds (see the module docstring)."""
        data = {**self.report.to_dict(), "student": self.student, "status": str(self.status)}
        if self.kit_hash or self.content_hash:
            data |= {"content_hash": self.content_hash, "kit_hash": self.kit_hash, "kit_version": self.kit_version}
        data["entries"] = list(self.entries)
        if self.failure:
            data["failure"] = dict(self.failure)
        if self.facts is not None:
            data["class"] = self.facts.to_json()
        data["record_version"] = RECORD_VERSION
        return data

    @classmethod
    def from_json(cls, data: dict) -> StudentRecord:
        """A record from :meth:`to_json`'s shape, of this version or an older one; :class:`ValueError` when it is
        not a record, or one written by a newer kit."""
        if not isinstance(data, dict) or not isinstance(data.get("student"), str):
            raise ValueError("not a student's record")
        version = data.get("record_version", 1)
        if not isinstance(version, int) or version > RECORD_VERSION:
            raise ValueError(f"a record of version {version!r}, newer than this kit's {RECORD_VERSION}")
        try:
            # version 1 and 2 share the report's keys; a report's own "adjustments" (older files) are not the
            # class's: the class's live in "class" and are applied by adjusted()
            report = Report.from_dict({k: v for k, v in data.items() if k not in (*_BATCH_KEYS, "adjustments")})
            status = Status(data.get("status", Status.GRADED))
            facts = ClassFacts.from_json(data["class"]) if data.get("class") is not None else None
        except (TypeError, KeyError, AttributeError) as exc:
            raise ValueError(f"a record that cannot be read: {exc}") from None
        failure = data.get("failure")
        return cls(data["student"], report, status, facts, str(data.get("content_hash") or ""),
                   str(data.get("kit_hash") or ""), str(data.get("kit_version") or ""),
                   tuple(str(e) for e in data.get("entries") or ()), dict(failure) if isinstance(failure, dict) else None)
