"""How late a submission is, and what ``[late]`` in ``course.toml`` takes off for it.

Days late count every started day after ``course.due`` (plus ``grace_minutes``):
one minute late is one day. ``policy``: ``none`` (lateness is only reported),
``zero`` (a late submission scores 0), ``percent_per_day`` (``percent_per_day``
percent of the earned score per day late, at most ``max_percent``).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from grader.catalog.student import LATENESS
from grader.classbook.entries import parse_time
from grader.config import Course
from grader.record.results import Adjustment


def due_time(course: Course) -> datetime | None:
    return parse_time(course.course.due)


def days_late(course: Course, submitted: datetime | None) -> int | None:
    """Started days after the due time (0: on time); ``None`` when there is no due time or no submission time."""
    due = due_time(course)
    if due is None or submitted is None:
        return None
    over = submitted - (due + timedelta(minutes=course.late.grace_minutes))
    return max(0, math.ceil(over.total_seconds() / 86400))


def late_adjustment(course: Course, earned: float, days: int | None, submitted: datetime | None) -> Adjustment | None:
    """What the late policy takes off ``earned`` points for ``days`` late; ``None`` when on time or unknown."""
    if not days:
        return None
    policy = course.late
    if policy.policy == "zero":
        taken = earned
    elif policy.policy == "percent_per_day":
        taken = earned * min(policy.max_percent, policy.percent_per_day * days) / 100
    else:
        taken = 0.0
    taken = round(taken, 4)
    values = {"due": course.course.due, "days": days, "points": taken,
              "submitted": f"{submitted:%Y-%m-%d %H:%M %Z}" if submitted else "?"}
    reason = LATENESS["late" if taken else "late-free"].format(**values)
    return Adjustment("late", -taken, reason)
