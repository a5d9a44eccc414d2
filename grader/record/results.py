"""The one results model every output renders from.

Terminal tables, ``results.json`` (Gradescope schema), ``grades.csv``,
``feedback.html`` and the nbgrader gradebook all read a :class:`Report`;
none of them re-derives a score.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from grader.messages import Text

PASSED = "passed"
FAILED = "failed"


@dataclass(frozen=True)
class Feedback:
    """Why a check failed, in words a student can act on."""

    summary: Text
    """One sentence: what is wrong."""
    expected: Text | None = None
    """What the check wanted (a value, a shape, a type)."""
    found: Text | None = None
    """What the submission gave instead."""
    hint: Text | None = None
    """One teaching hint: where to look, which trap this is."""
    cause: dict | None = None
    """Why a call gave no value, as plain facts the reports group by: ``kind`` (``not-implemented``,
    ``syntax``, ``import``, ``missing``, ``exception``, ``timeout``...), ``function``, and where known
    ``file``, ``line``, ``column``, ``code``, ``error_type``, ``message``. ``None`` for a check's own verdict."""

    def to_dict(self) -> dict:
        data = {k: (v.to_dict() if v is not None else None) for k, v in self.__dict__.items() if k != "cause"}
        data["cause"] = dict(self.cause) if self.cause else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Feedback":
        data = dict(data)
        cause = data.pop("cause", None)
        return cls(**{k: (Text.from_dict(v) if v else None) for k, v in data.items()},
                   cause=dict(cause) if isinstance(cause, dict) else None)

    def render(self, lang: str) -> str:
        """Plain text in one language: summary, then expected / found / hint lines."""
        from grader.catalog.student import LABELS

        lines = [self.summary.get(lang)]
        for key in ("expected", "found", "hint"):
            part = getattr(self, key)
            if part is not None:
                lines.append(f"{LABELS[key].get(lang)}: {part.get(lang)}")
        return "\n".join(lines)


@dataclass(frozen=True)
class CheckResult:
    """The verdict of one graded check."""

    name: str
    """``module.function: what it checks`` (SPEC.md, Reports)."""
    score: float
    """Points earned: ``max_score`` when passed, 0 when failed."""
    max_score: float
    """Points the check is worth, from ``course.toml``."""
    status: str
    """``passed`` or ``failed``."""
    hidden: bool = False
    """A hidden check (instructor only); its code and inputs are never shown."""
    feedback: Feedback | None = None
    """Why it failed; ``None`` when it passed."""
    seconds: float = 0.0
    """Wall time the check took, submission calls included."""
    title_ko: str = ""
    """What the check checks, in Korean (the name after the colon is English)."""
    carried_from: tuple[str, ...] = ()
    """Error carried forward: the exercises or checks whose already charged mistake this check's
    failure came from. When set, the check is passed and credited, and ``feedback`` names the root
    cause (see :mod:`grader.record.scoring`)."""
    id: str = ""
    """``module.function.word``: the check's stable id (``course.toml`` points, overrides, columns).
    Empty only in a record written before checks had ids."""

    @property
    def key(self) -> str:
        """The id, or for a record written before ids, the name: what columns and overrides key on."""
        return self.id or self.name

    @property
    def module(self) -> str:
        return self.name.split(".", 1)[0]

    @property
    def function(self) -> str:
        return self.name.split(":", 1)[0].split(".", 1)[-1]

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    def to_dict(self) -> dict:
        data = asdict(self)
        data["feedback"] = self.feedback.to_dict() if self.feedback else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "CheckResult":
        data = dict(data)
        fb = data.pop("feedback", None)
        data["carried_from"] = tuple(data.get("carried_from") or ())
        return cls(**data, feedback=Feedback.from_dict(fb) if fb else None)


@dataclass(frozen=True)
class Adjustment:
    """A change made after the checks ran: the late policy or an instructor's override."""

    kind: str
    """``late`` or ``override``."""
    points: float
    """Points added (negative: taken off)."""
    reason: Text
    """Why, in words the student reads."""
    check: str = ""
    """The check an override set (its result already carries the new score); ``""``: the total."""

    def to_dict(self) -> dict:
        return {"kind": self.kind, "points": self.points, "reason": self.reason.to_dict(), "check": self.check}

    @classmethod
    def from_dict(cls, data: dict) -> "Adjustment":
        return cls(str(data.get("kind", "")), float(data.get("points", 0.0)), Text.from_dict(data.get("reason") or {}),
                   str(data.get("check", "")))


@dataclass
class Report:
    """Everything one grading run found about one submission."""

    results: list[CheckResult] = field(default_factory=list)
    notices: list[Feedback] = field(default_factory=list)
    """Submission-wide problems: a module that does not import, a limit the OS could not apply."""
    student: str | None = None
    scope: str = "public"
    """``public`` (grade check / submit) or ``all`` (public and hidden: batch)."""
    artifacts: dict[str, Any] = field(default_factory=dict)
    """Plain data for pictures: training history, confusion matrix, misclassified digits,
    model summary rows, device and data source of the accuracy run."""
    isolation: dict[str, bool] = field(default_factory=dict)
    """Which limits were enforced for the submission's child process."""
    seconds: float = 0.0
    not_run: dict[str, float] = field(default_factory=dict)
    """Points of the course's checks this run left out, by kind: ``public`` (a ``grade check``
    subset, or the checks that train), ``training`` (the part of ``public`` that trains a model),
    ``hidden`` (hidden checks, which run at grading). Empty when unknown."""
    selection: tuple[str, ...] = ()
    """What ``grade check`` was asked for (``cnn``, ``cnn.first_conv``); empty for everything."""
    course: str = ""
    """The course's name (``course.toml`` ``[course] name``), for the report's header."""
    graded_at: str = ""
    """When it was graded: ISO 8601 in UTC, to the second."""
    facts: dict[str, Any] = field(default_factory=dict)
    """What grading found, as data rather than sentences: ``import_failed`` (module → why),
    ``child_died`` (why the submission's child died, each time)."""
    adjustments: list[Adjustment] = field(default_factory=list)
    """Late penalty and overrides (:func:`grader.record.scoring.score`), already counted in :attr:`total`."""
    apart: tuple[str, ...] = ()
    """The modules scored apart from the course's 100 points, on their own total (the course's parts that
    do not count, ``course.toml``'s ``[[parts]] counts = false``)."""
    total: float | None = None
    """The course part's final total when adjustments changed it, clamped (set only by the scoring pass,
    :func:`grader.record.scoring.applied`); ``None``: the checks' own points. Written as ``score``."""

    @property
    def checks_score(self) -> float:
        """The points the course's checks gave, before any change to the total (the project apart)."""
        return round(sum(r.score for r in self.course_results), 4)

    @property
    def course_results(self) -> list[CheckResult]:
        """The checks of the parts that count toward the course's 100 points."""
        return [r for r in self.results if r.module not in self.apart]

    @property
    def project_results(self) -> list[CheckResult]:
        """The checks of the parts scored apart: the project (empty when the submission has none)."""
        return [r for r in self.results if r.module in self.apart]

    @property
    def score(self) -> float:
        """Points of the course part, adjustments included (:attr:`total`); the project part has its own
        (:attr:`project_score`)."""
        return self.total if self.total is not None else self.checks_score

    @property
    def max_score(self) -> float:
        return round(sum(r.max_score for r in self.course_results), 4)

    @property
    def project_score(self) -> float | None:
        """Points of the project part, ``None`` when it was not graded."""
        results = self.project_results
        return round(sum(r.score for r in results), 4) if results else None

    @property
    def project_max_score(self) -> float | None:
        results = self.project_results
        return round(sum(r.max_score for r in results), 4) if results else None

    @property
    def failed(self) -> list[CheckResult]:
        return [r for r in self.results if not r.passed]

    def to_dict(self) -> dict:
        return {
            "student": self.student,
            "scope": self.scope,
            "score": self.score,
            "max_score": self.max_score,
            "project_score": self.project_score,
            "project_max_score": self.project_max_score,
            "results": [r.to_dict() for r in self.results],
            "notices": [n.to_dict() for n in self.notices],
            "artifacts": self.artifacts,
            "isolation": self.isolation,
            "seconds": self.seconds,
            "not_run": dict(self.not_run),
            "selection": list(self.selection),
            "course": self.course,
            "graded_at": self.graded_at,
            "facts": self.facts,
            **({"adjustments": [a.to_dict() for a in self.adjustments]} if self.adjustments else {}),
            "apart": list(self.apart),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Report":
        return cls(
            results=[CheckResult.from_dict(r) for r in data.get("results", [])],
            notices=[Feedback.from_dict(n) for n in data.get("notices", [])],
            student=data.get("student"),
            scope=data.get("scope", "public"),
            artifacts=data.get("artifacts", {}),
            isolation=data.get("isolation", {}),
            seconds=data.get("seconds", 0.0),
            not_run={str(k): float(v) for k, v in (data.get("not_run") or {}).items()},
            selection=tuple(str(s) for s in data.get("selection") or ()),
            course=str(data.get("course") or ""),
            graded_at=str(data.get("graded_at") or ""),
            facts=data.get("facts", {}),
            adjustments=[Adjustment.from_dict(a) for a in data.get("adjustments") or []],
            apart=tuple(str(m) for m in data.get("apart") or ()),
        )
