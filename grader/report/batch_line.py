"""The line ``grade batch`` prints as each student finishes: who, the score, and what happened in words."""

from __future__ import annotations

from grader.adjustments import adjusted
from grader.messages import Text

STATUS = {
    "graded": Text("채점", "graded"),
    "nothing implemented": Text("구현 안 함", "nothing implemented"),
    "could not run": Text("실행 불가", "could not run"),
    "could not grade": Text("채점 실패", "could not grade"),
    "conflict": Text("제출물 중복", "conflict"),
    "no submission": Text("제출 안 함", "no submission"),
}
WORDS = {
    "failed-checks": Text("실패한 검사 {count}개", "{count} failed checks"),
    "all-passed": Text("모든 검사 통과", "every check passed"),
    "late": Text("{days}일 늦음", "{days} day(s) late"),
}


def student_line(record: dict, lang: str) -> str:
    """``✓ 2026001  100/100  graded, every check passed`` or ``✗ 2026004  0/100  could not run: ...``."""
    report = adjusted(record)
    status = record.get("status", "graded")
    words = STATUS.get(status, Text(status, status)).get(lang)
    if status == "graded":
        failed = len(report.failed)
        detail = (WORDS["failed-checks"].format(count=failed) if failed else WORDS["all-passed"]).get(lang)
        mark = "✓" if not failed else "•"
    else:
        detail = report.notices[0].summary.get(lang)[:160] if report.notices else ""
        mark = "✗"
    late = (record.get("class") or {}).get("late_days")
    if late:
        words_late = WORDS["late"].format(days=late).get(lang)
        detail = f"{detail.rstrip('.')} ({words_late})" if detail else words_late
    score = f"{report.score:g}/{report.max_score:g}"
    joint = ", " if status == "graded" else ": "
    return f"{mark} {record['student']}  {score}  {words}" + (f"{joint}{detail}" if detail else "")
