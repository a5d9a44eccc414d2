"""The late policy's arithmetic: what ``[late]`` in ``course.toml`` takes off for a number of days late.

Pure: it takes the days late as given. How many days late a submission is (the due time, the grace
minutes, the LMS's or the file's time) is the class book's business (:mod:`grader.classbook.lateness`).
``policy``: ``none`` (lateness is only reported), ``zero`` (a late submission scores 0),
``percent_per_day`` (``percent_per_day`` percent of the earned score per day late, at most ``max_percent``).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo

from grader.catalog.student import LATENESS
from grader.config import Course
from grader.record.results import Adjustment


def parse_time(value) -> datetime | None:
    """An ISO 8601 time (a naive one is taken as UTC), or ``None``."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


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
