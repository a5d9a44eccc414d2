"""The line ``grade batch`` prints as each student finishes: who, the score, and what happened in words."""

from __future__ import annotations

from grader.catalog.batch import STATUS, STUDENT_LINE
from grader.messages import Text
from grader.record.status import Status
from grader.record.student import StudentRecord


def student_line(record: StudentRecord, lang: str) -> str:
    """``✓ 2026001  100/100  graded, every check passed`` or ``✗ 2026004  0/100  could not run: ...``."""
    report = record.adjusted()
    status = record.status
    words = STATUS.get(status, Text(status, status)).get(lang)
    if status == Status.GRADED:
        failed = len(report.failed)
        detail = (STUDENT_LINE["failed-checks"].format(count=failed) if failed else STUDENT_LINE["all-passed"]).get(lang)
        mark = "✓" if not failed else "•"
    else:
        detail = report.notices[0].summary.get(lang)[:160] if report.notices else ""
        mark = "✗"
    late = record.late_days
    if late:
        words_late = STUDENT_LINE["late"].format(days=late).get(lang)
        detail = f"{detail.rstrip('.')} ({words_late})" if detail else words_late
    score = f"{report.score:g}/{report.max_score:g}"
    joint = ", " if status == Status.GRADED else ": "
    return f"{mark} {record.student}  {score}  {words}" + (f"{joint}{detail}" if detail else "")
