"""What happens to a student's grade after the checks: overrides of checks, the late policy, a total override.

Order: an instructor's check overrides set those checks' scores; the late
policy then takes its share of the points earned; an override of the total
sets the final total. A batch record keeps the checks' own verdicts; what is
applied to them sits beside them in ``record["class"]`` (submission time, days
late, the adjustments), so removing an override gives the checks' score back.
:func:`adjusted` is the one place that turns a record into the report every
output renders.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from grader.catalog.student import ADJUSTMENTS
from grader.classbook.lateness import days_late, late_adjustment
from grader.classbook.overrides import TOTAL, Override
from grader.config import Course
from grader.messages import Text
from grader.record.results import Adjustment, Feedback, Report


def class_facts(report: Report, course: Course, submitted: datetime | None, time_source: str,
                overrides: list[Override], late_mark: bool = False, claimed: datetime | None = None) -> dict:
    """The submission time, days late and the adjustments for one student's raw ``report``. ``late_mark``: the
    LMS marked it late (at least one day late); ``claimed``: the time the student's machine gave, kept
    beside the days it would make, never counted."""
    adjustments: list[Adjustment] = []
    results = {r.key: r for r in report.results}
    earned = report.checks_score
    for override in overrides:
        if override.check == TOTAL or override.check not in results:
            continue
        old = results[override.check].score
        reason = _say("check", override, target=_check_name(results[override.check]), old=old, new=override.points)
        adjustments.append(Adjustment("override", round(override.points - old, 4), reason, override.check))
        earned += override.points - old
    days = days_late(course, submitted)
    if late_mark and days is not None:
        days = max(days, 1)
    late = late_adjustment(course, earned, days, submitted)
    if late is not None:
        adjustments.append(late)
        earned += late.points
    for override in overrides:
        if override.check == TOTAL:
            reason = _say("total", override, old=round(max(earned, 0.0), 4), new=override.points)
            adjustments.append(Adjustment("override", round(override.points - earned, 4), reason))
    facts = {"submitted_at": submitted.isoformat(timespec="seconds") if submitted else "",
             "time_source": time_source, "late_days": days,
             "adjustments": [a.to_dict() for a in adjustments]}
    if claimed is not None:
        facts |= {"claimed_at": claimed.isoformat(timespec="seconds"), "claimed_days": days_late(course, claimed)}
    return facts


def _check_name(result) -> Text:
    """A check's name in both languages: ``tensors.add: 원소별로 더한다`` beside its English name."""
    title_ko = getattr(result, "title_ko", "")
    if not title_ko:
        return Text(result.name, result.name)
    return Text(f"{result.name.partition(':')[0]}: {title_ko}", result.name)


def _say(key: str, override: Override, **values) -> Text:
    why = Text(override.reason, override.reason) if override.reason else ADJUSTMENTS["no-reason"]
    return ADJUSTMENTS[key].format(**values, reason=why)


def adjusted(record: dict) -> Report:
    """The report a student and the grade book see: the checks' verdicts with ``record["class"]`` applied."""
    report = Report.from_dict({k: v for k, v in record.items() if k != "adjustments"})
    facts = record.get("class") or {}
    adjustments = [Adjustment.from_dict(a) for a in facts.get("adjustments") or []]
    if not adjustments:
        return report
    results = []
    for result in report.results:
        change = next((a for a in adjustments if a.check in (result.key, result.name)), None)
        if change is not None:
            result = dataclasses.replace(result, score=round(result.score + change.points, 4))
        results.append(result)
    report.results = results
    report.adjustments = adjustments
    report.notices = [*report.notices, *(Feedback(a.reason) for a in adjustments)]
    return report
