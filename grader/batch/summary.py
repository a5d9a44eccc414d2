"""What one ``grade batch`` run did, and its summary as lines of text (the CLI prints them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from grader.batch import outputs
from grader.batch.gradebook import NO_SUBMISSION, NOTHING_IMPLEMENTED
from grader.batch.plan import CONFLICT, COULD_NOT_GRADE, COULD_NOT_RUN, GRADED
from grader.catalog.batch import STATUS, SUMMARY_LINES
from grader.record.student import StudentRecord
from grader.report.figures import Figures, class_figures


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
    def from_record(cls, record: StudentRecord, regraded: bool, lang: str) -> "StudentResult":
        report = record.adjusted()
        detail = ""
        if record.status != GRADED and report.notices:
            detail = " / ".join(n.summary.get(lang) for n in report.notices)[:300]
        return cls(record.student, record.status, report.score, report.max_score, regraded, detail)


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
    replaced: list[str] = field(default_factory=list)
    """One line per grading worker replaced for growing past ``[batch] replace_worker_mb``."""
    workers: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)
    """Where ``seconds`` went, in order: ``plan`` (reading the class, what to regrade), ``start`` (the cluster and
    its workers up), ``grading`` (from the hand-out to the last student back), ``stop`` (the cluster closed),
    ``write`` (the class's own files); the middle three only when someone was graded (a student's own report is
    written as it comes back, within ``grading``)."""
    weak_isolation: bool = False
    """Graded without bubblewrap on the instructor's ``--allow-weak-isolation``: said in the summary."""
    missing_limits: set[str] = field(default_factory=set)
    """Isolation limits (keys of ``LIMIT_NAMES``) that did not hold for a student graded now."""

    def add(self, record: StudentRecord, regraded: bool, lang: str) -> None:
        self.students[record.student] = StudentResult.from_record(record, regraded, lang)
        if regraded:
            from grader.engine.grading import missing_limits

            self.missing_limits.update(missing_limits(record.report.isolation or {}))

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
    def figures(self) -> Figures:
        """Mean and median as the class report shows them (:func:`grader.report.figures.class_figures`)."""
        top = max((r.max_score for r in self.students.values()), default=0.0)
        return class_figures([(r.status, r.score) for r in self.students.values()], top)

    @property
    def mean(self) -> float | None:
        return self.figures.mean

    @property
    def median(self) -> float | None:
        return self.figures.median

    @property
    def grades_csv(self) -> Path:
        return self.out_dir / outputs.GRADES_FILE

    def lines(self, lang: str) -> list[str]:
        """The summary printed at the end of the batch, in ``lang``."""
        counts = {status: len(self.ids(status)) for status in STATUS}
        lines = [SUMMARY_LINES["summary"].get(lang).format(
            total=len(self.students), graded=counts[GRADED], nothing=counts[NOTHING_IMPLEMENTED],
            could_not_run=counts[COULD_NOT_RUN], missing=counts[NO_SUBMISSION], conflict=counts[CONFLICT],
            could_not_grade=counts[COULD_NOT_GRADE], regraded=len(self.regraded), kept=len(self.kept),
            seconds=self.seconds, workers=self.workers)]
        if "grading" in self.phases:
            lines.append(SUMMARY_LINES["phases"].get(lang).format(**self.phases))
        if self.weak_isolation:
            lines.append(SUMMARY_LINES["weak-isolation"].get(lang))
        if self.missing_limits:
            from grader.catalog.student import LIMIT_NAMES, NOTICES

            names = [LIMIT_NAMES[k] for k in LIMIT_NAMES if k in self.missing_limits]
            lines.append(NOTICES["isolation"].get(lang).format(limits=", ".join(t.get(lang) for t in names)))
        figures = self.figures.text()
        if figures is not None:
            lines.append(figures.get(lang))
        for student in sorted(self.students):
            result = self.students[student]
            if result.status != GRADED:
                lines.append(SUMMARY_LINES["student-line"].get(lang).format(
                    student=student, status=STATUS[result.status].get(lang), detail=result.detail))
        if self.warnings:
            lines.append(SUMMARY_LINES["look"].get(lang).format(count=len(self.warnings)))
            lines += [f"  {line}" for line in self.warnings]
        if self.skipped:
            lines.append(SUMMARY_LINES["skipped"].get(lang).format(count=len(self.skipped)))
            lines += [f"  {line}" for line in self.skipped]
        if self.refused:
            lines.append(SUMMARY_LINES["refused"].get(lang).format(count=len(self.refused)))
            lines += [f"  {address}: {why}" for address, why in sorted(self.refused.items())]
        if self.replaced:
            lines.append(SUMMARY_LINES["replaced"].get(lang).format(count=len(self.replaced)))
            lines += [f"  {line}" for line in self.replaced]
        lines.append(SUMMARY_LINES["written"].get(lang).format(path=self.grades_csv))
        if self.class_report is not None:
            lines.append(SUMMARY_LINES["class-report"].get(lang).format(path=self.class_report))
        return lines
