"""How late a submission is, and what ``[late]`` in ``course.toml`` takes off for it.

Days late count every started day after ``course.due`` (plus ``grace_minutes``):
one minute late is one day. ``policy``: ``none`` (lateness is only reported),
``zero`` (a late submission scores 0), ``percent_per_day`` (``percent_per_day``
percent of the earned score per day late, at most ``max_percent``).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone, tzinfo

from grader.catalog.student import LATENESS
from grader.classbook.entries import parse_time
from grader.config import Course
from grader.record.results import Adjustment


def due_time(course: Course) -> datetime | None:
    return parse_time(course.course.due)


def course_zone(due: str) -> tzinfo:
    """The course's time zone: the offset its due time is written with (``+09:00``), else UTC."""
    moment = parse_time(due)
    return moment.tzinfo if moment is not None else timezone.utc


def zone_name(zone: tzinfo) -> str:
    """``UTC+9``, ``UTC+5:30``, ``UTC-3``, or ``UTC``."""
    offset = datetime(2026, 1, 1, tzinfo=zone).utcoffset() or timedelta(0)
    minutes = round(offset.total_seconds() / 60)
    if not minutes:
        return "UTC"
    sign, minutes = ("+" if minutes > 0 else "-"), abs(minutes)
    return f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")


def local_time(when: datetime | str | None, zone: tzinfo) -> str:
    """``when`` as a person reads it, in ``zone``: ``2026-12-07 08:19 UTC+9``; ``""`` when unknown."""
    moment = parse_time(when) if isinstance(when, str) else when
    if moment is None:
        return ""
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M} {zone_name(zone)}"


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
    zone = course_zone(course.course.due)
    values = {"due": local_time(course.course.due, zone), "days": days, "points": taken,
              "submitted": local_time(submitted, zone) or "?"}
    reason = LATENESS["late" if taken else "late-free"].format(**values)
    return Adjustment("late", -taken, reason)
