"""The class's figures, one definition for the terminal's batch summary and the class report."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from grader.catalog.instructor import CLASS_RECORDS
from grader.messages import Text
from grader.record.status import Status


@dataclass(frozen=True)
class Figures:
    """The class's mean and median, one definition for the terminal and the class report: over every
    student who handed something in (whatever its status, a conflict's 0 included); a student with no
    submission (``no submission``, or on the roster and never graded) is left out, and the sentence
    says so beside the figures."""

    counted: int
    left_out: int
    mean: float | None
    median: float | None
    top: float

    def text(self) -> Text | None:
        """``평균 72.44점, 중앙값 88.2점 (만점 100점; 제출한 학생 32명 기준, 제출하지 않은 3명은 빼고 셈)``."""
        if self.mean is None:
            return None
        left_out = CLASS_RECORDS["figures-left-out"].format(count=self.left_out) if self.left_out else \
            Text("", "")
        return CLASS_RECORDS["figures"].format(mean=points(self.mean), median=points(self.median),
                                               top=points(self.top), counted=self.counted, left_out=left_out)


def class_figures(students: list[tuple[str, float | None]], top: float) -> Figures:
    """:class:`Figures` of ``(status, score)`` pairs, one per student (score ``None``: not graded yet)."""
    scores = [score for status, score in students if status != Status.NO_SUBMISSION and score is not None]
    return Figures(len(scores), len(students) - len(scores),
                   round(statistics.fmean(scores), 4) if scores else None,
                   round(statistics.median(scores), 4) if scores else None, top)


def points(value: float) -> str:
    """A number of points as every class figure shows it: at most two decimals, never ``-0``."""
    return f"{round(value, 2) + 0.0:g}"
