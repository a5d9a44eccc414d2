"""How late a submission is: the days after ``[course] due`` (plus ``grace_minutes``) from the instructor's side.

Days late count every started day after ``course.due`` (plus ``grace_minutes``):
one minute late is one day. What the late policy then takes off is pure
arithmetic in :mod:`grader.record.late` (re-exported here), applied by the one
scoring pass (:func:`grader.record.scoring.score`).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from grader.config import Course
from grader.record.late import course_zone, late_adjustment, local_time, parse_time, zone_name

__all__ = ["course_zone", "days_late", "due_time", "late_adjustment", "local_time", "zone_name"]


def due_time(course: Course) -> datetime | None:
    return parse_time(course.course.due)


def days_late(course: Course, submitted: datetime | None) -> int | None:
    """Started days after the due time (0: on time); ``None`` when there is no due time or no submission time."""
    due = due_time(course)
    if due is None or submitted is None:
        return None
    over = submitted - (due + timedelta(minutes=course.late.grace_minutes))
    return max(0, math.ceil(over.total_seconds() / 86400))
