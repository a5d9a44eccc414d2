"""What one ``grade batch`` run did, and its summary as lines of text (the CLI prints them)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path

from grader.adjustments import adjusted
from grader.batch import outputs
from grader.batch.plan import CONFLICT, COULD_NOT_GRADE, COULD_NOT_RUN, GRADED
from grader.class_records import NO_SUBMISSION, NOTHING_IMPLEMENTED
from grader.messages import Text

WORDS = {
    "could-not-grade": Text("채점기가 이 제출물을 채점하지 못했습니다 ({detail}). 다시 실행하면 다시 시도합니다.",
                            "The grader could not grade this submission ({detail}); the next run tries again."),
    "summary": Text("학생 {total}명: 채점 {graded}, 구현 안 함 {nothing}, 실행 불가 {could_not_run}, "
                    "제출 안 함 {missing}, 제출물 중복 {conflict}, 채점 실패 {could_not_grade} (이번에 채점 "
                    "{regraded}, 그대로 둠 {kept}; {seconds:.0f}초, 작업자 {workers}개).",
                    "{total} students: {graded} graded, {nothing} nothing implemented, {could_not_run} could not "
                    "run, {missing} no submission, {conflict} conflicts, {could_not_grade} could not be graded "
                    "({regraded} graded now, {kept} unchanged; {seconds:.0f} s, {workers} workers)."),
    "scores": Text("평균 {mean:.2f}점, 중앙값 {median:.2f}점 (만점 {max_score:g}).",
                   "Mean score {mean:.2f}, median {median:.2f} (out of {max_score:g})."),
    "student-line": Text("  {student}: {status} - {detail}", "  {student}: {status} - {detail}"),
    "skipped": Text("건너뛴 항목 {count}개:", "{count} entries skipped:"),
    "look": Text("확인이 필요한 항목 {count}개:", "{count} things to look at:"),
    "refused": Text("채점에 쓰지 않은 작업자 {count}개 (키트가 다름):", "{count} workers not used (another kit):"),
    "written": Text("성적표: {path}", "Grades: {path}"),
    "class-report": Text("반 전체 보고서: {path}", "Class report: {path}"),
}
STATUS_WORDS = {
    GRADED: Text("채점", "graded"), COULD_NOT_RUN: Text("실행 불가", "could not run"),
    NOTHING_IMPLEMENTED: Text("구현 안 함", "nothing implemented"), NO_SUBMISSION: Text("제출 안 함", "no submission"),
    CONFLICT: Text("제출물 중복", "conflict"), COULD_NOT_GRADE: Text("채점 실패", "could not grade"),
}


@dataclass
class StudentResult:
    """One student's line in the summary."""

    student: str
    status: str
    score: float
    max_score: float
    regraded: bool
    """Graded by this run (``False``: the saved report was up to date)."""
    detail: str = ""
    """Why the student is not ``graded``, in the batch language."""

    @classmethod
    def from_record(cls, record: dict, regraded: bool, lang: str) -> "StudentResult":
        report = adjusted(record)
        status = record.get("status", GRADED)
        detail = ""
        if status != GRADED and report.notices:
            detail = " / ".join(n.summary.get(lang) for n in report.notices)[:300]
        return cls(record["student"], status, report.score, report.max_score, regraded, detail)


@dataclass
class BatchSummary:
    """What one ``grade batch`` run did."""

    out_dir: Path
    students: dict[str, StudentResult] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    """One warning per entry of ``BATCH_DIR`` that is not a student."""
    warnings: list[str] = field(default_factory=list)
    """One line per thing a person should look at: an id mismatch, a student not on the roster."""
    class_report: Path | None = None
    refused: dict[str, str] = field(default_factory=dict)
    """Dask worker address → why it was not used (another kit version or code)."""
    workers: int = 0
    seconds: float = 0.0

    def add(self, record: dict, regraded: bool, lang: str) -> None:
        self.students[record["student"]] = StudentResult.from_record(record, regraded, lang)

    def ids(self, status: str) -> list[str]:
        return sorted(s for s, r in self.students.items() if r.status == status)

    graded = property(lambda self: self.ids(GRADED))
    could_not_run = property(lambda self: self.ids(COULD_NOT_RUN))
    could_not_grade = property(lambda self: self.ids(COULD_NOT_GRADE))
    nothing_implemented = property(lambda self: self.ids(NOTHING_IMPLEMENTED))
    no_submission = property(lambda self: self.ids(NO_SUBMISSION))
    conflicts = property(lambda self: self.ids(CONFLICT))
    regraded = property(lambda self: sorted(s for s, r in self.students.items() if r.regraded))
    kept = property(lambda self: sorted(s for s, r in self.students.items() if not r.regraded))

    @property
    def scores(self) -> list[float]:
        return [r.score for r in self.students.values()]

    @property
    def mean(self) -> float | None:
        return round(statistics.fmean(self.scores), 4) if self.scores else None

    @property
    def median(self) -> float | None:
        return round(statistics.median(self.scores), 4) if self.scores else None

    @property
    def grades_csv(self) -> Path:
        return self.out_dir / outputs.GRADES_FILE

    def lines(self, lang: str) -> list[str]:
        """The summary printed at the end of the batch, in ``lang``."""
        counts = {status: len(self.ids(status)) for status in STATUS_WORDS}
        lines = [WORDS["summary"].get(lang).format(
            total=len(self.students), graded=counts[GRADED], nothing=counts[NOTHING_IMPLEMENTED],
            could_not_run=counts[COULD_NOT_RUN], missing=counts[NO_SUBMISSION], conflict=counts[CONFLICT],
            could_not_grade=counts[COULD_NOT_GRADE], regraded=len(self.regraded), kept=len(self.kept),
            seconds=self.seconds, workers=self.workers)]
        if self.scores:
            top = max(r.max_score for r in self.students.values())
            lines.append(WORDS["scores"].get(lang).format(mean=self.mean, median=self.median, max_score=top))
        for student in sorted(self.students):
            result = self.students[student]
            if result.status != GRADED:
                lines.append(WORDS["student-line"].get(lang).format(
                    student=student, status=STATUS_WORDS[result.status].get(lang), detail=result.detail))
        if self.warnings:
            lines.append(WORDS["look"].get(lang).format(count=len(self.warnings)))
            lines += [f"  {line}" for line in self.warnings]
        if self.skipped:
            lines.append(WORDS["skipped"].get(lang).format(count=len(self.skipped)))
            lines += [f"  {line}" for line in self.skipped]
        if self.refused:
            lines.append(WORDS["refused"].get(lang).format(count=len(self.refused)))
            lines += [f"  {address}: {why}" for address, why in sorted(self.refused.items())]
        lines.append(WORDS["written"].get(lang).format(path=self.grades_csv))
        if self.class_report is not None:
            lines.append(WORDS["class-report"].get(lang).format(path=self.class_report))
        return lines
