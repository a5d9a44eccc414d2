"""One student's graded result as one frozen record with one JSON codec (``grader.record.student``)."""

from __future__ import annotations

import json

import pytest

from grader.messages import Text
from grader.record.results import FAILED, PASSED, Adjustment, CheckResult, Report
from grader.record.status import Status
from grader.record.student import RECORD_VERSION, ClassFacts, StudentRecord

RESULTS = [CheckResult("tensors.add: sums", 3.0, 3.0, PASSED, id="tensors.add.sum"),
           CheckResult("cnn.first_conv: a", 0.0, 2.0, FAILED, id="cnn.first_conv.kernel")]
LATE = {"kind": "late", "points": -0.3, "reason": {"ko": "늦음", "en": "late"}, "check": ""}
OVERRIDE = {"kind": "override", "points": 2.0, "reason": {"ko": "조정", "en": "set"}, "check": "cnn.first_conv.kernel"}


def version_1(student: str = "s1") -> dict:
    """A report.json as ``grade batch`` wrote it before records had a version (the dict ``make_record`` built)."""
    report = Report(results=list(RESULTS), student=student, scope="all", graded_at="2026-12-01T10:00:00+00:00")
    return {**report.to_dict(), "student": student, "status": "graded", "content_hash": "c", "kit_hash": "k",
            "kit_version": "0.9", "entries": [f"{student}/"],
            "class": {"submitted_at": "2026-12-01T10:00:00+00:00", "time_source": "file time", "late_days": 1,
                      "adjustments": [OVERRIDE, LATE], "named_as": ["s2"], "lms": "canvas"}}


def test_an_older_report_json_loads_and_writes_back_the_same_for_readers():
    """Does a version-1 report.json (no record_version) load with its class facts, apply them in the scoring pass's
    order, and write back key for key what it held (readers see the same file, plus the version)?"""
    old = version_1()
    record = StudentRecord.from_json(json.loads(json.dumps(old)))
    assert record.status is Status.GRADED and record.late_days == 1 and record.facts.named_as == ("s2",)
    assert record.report.score == 3.0 and record.adjusted().score == 4.7  # 3 + 2 overridden - 0.3 late
    assert record.adjusted().results[1].score == 2.0 and record.report.results[1].score == 0.0
    assert record.to_json() == {**old, "record_version": RECORD_VERSION}
    assert list(record.to_json())[:len(old)] == list(old)
    assert StudentRecord.from_json(record.to_json()) == record


def test_a_record_is_frozen_and_settling_makes_a_new_one():
    """Is a record immutable, and does settling it with the class's facts leave the original as it was?"""
    record = StudentRecord("s1", Report(results=list(RESULTS), student="s1"))
    with pytest.raises(AttributeError):
        record.status = Status.CONFLICT
    settled = record.settled(ClassFacts(late_days=2, adjustments=(Adjustment("late", -1.0, Text("늦음", "late")),)))
    assert record.facts is None and record.adjusted().score == 3.0 and settled.adjusted().score == 2.0
    assert "class" not in record.to_json() and settled.to_json()["class"]["late_days"] == 2


@pytest.mark.parametrize("data", [
    {**version_1(), "record_version": RECORD_VERSION + 1},  # written by a newer kit
    {"student": 5}, [], {**version_1(), "status": "pending"}, {**version_1(), "class": "late"},
])
def test_a_record_that_cannot_be_read_is_refused_not_guessed(data, tmp_path):
    """Is a newer kit's record, or one that is not a record, a ValueError, so the batch grades that student again
    (``read_record`` gives None)?"""
    from grader.batch.outputs import read_record

    with pytest.raises(ValueError):
        StudentRecord.from_json(data)
    (tmp_path / "s1").mkdir()
    (tmp_path / "s1" / "report.json").write_text(json.dumps(data), encoding="utf-8")
    assert read_record(tmp_path, "s1") is None
