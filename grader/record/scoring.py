"""The one scoring pass: every path to a grade (``grade submit``, ``grade batch``, the pytest plugin,
nbgrader's autograde) scores through :func:`score`, in one order:

1. **error carried forward** (below);
2. the instructor's **check overrides** (``overrides.csv``) set those checks' points;
3. the **late policy** takes its share of what is then earned (:mod:`grader.record.late`);
4. an override of the **total** sets the final total;
5. the total is **clamped** between 0 and the maximum.

Steps 2 to 4 come from the class's :class:`Facts` (none for a lone submission). A record keeps
the verdicts of step 1 and, beside them, the adjustments of steps 2 to 4 (:class:`Scored`), so removing an
override gives the checks' score back; :func:`applied` turns the two into what a reader sees, and is
the only place a total is clamped.

Error carried forward, in detail:

Checks only report what they found. A check whose failure is a consequence of
a mistake made elsewhere raises :class:`grader.checks.CarriedForward` naming
that root (an exercise such as ``cnn.second_conv``, or a public check that a
hidden check repeats on other inputs). This pass decides, for the whole
submission at once, whether each root really lost points; if so, and the
course carries errors forward (``[scoring] carry_forward``, on by default),
the consequence is credited and marked, and its feedback names the root cause.
A mistake therefore costs the points of the exercise where it was made, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from grader.catalog.student import ADJUSTMENTS, CHECK_NOTES
from grader.config import Course
from grader.messages import Text
from grader.record.late import late_adjustment
from grader.record.results import PASSED, Adjustment, CheckResult, Feedback

TOTAL = "total"
"""The check name of an override of the total (``overrides.csv``)."""


@dataclass(frozen=True)
class Override:
    """One row of ``overrides.csv`` (read by :mod:`grader.classbook.overrides`)."""

    student: str
    check: str
    """A check's stable id, or ``total``."""
    points: float
    reason: str
    line: int


@dataclass(frozen=True)
class Facts:
    """What the class knows that changes a score: empty (:data:`NO_FACTS`) for a lone submission."""

    late_days: int | None = None
    """Days late as the class book counts them (:func:`grader.classbook.lateness.days_late`); ``None``: unknown."""
    submitted_at: datetime | None = None
    """When it was handed in (named in the late policy's sentence)."""
    overrides: tuple[Override, ...] = ()
    """The instructor's overrides for this student, in the file's order."""


NO_FACTS = Facts()


@dataclass(frozen=True)
class Scored:
    """What :func:`score` decided."""

    verdicts: tuple[CheckResult, ...]
    """The checks' verdicts after error carried forward: what a record keeps."""
    adjustments: tuple[Adjustment, ...] = ()
    """Check overrides, the late policy, a total override, in that order: kept beside the verdicts."""
    results: tuple[CheckResult, ...] = ()
    """The verdicts with the check overrides applied: what a reader sees."""
    total: float = 0.0
    """The points of the parts that count, every adjustment applied, clamped between 0 and :attr:`max_score`."""
    max_score: float = 0.0
    apart: tuple[str, ...] = field(default=())
    """The modules scored apart (their points are in :attr:`results`, never in :attr:`total`)."""


@dataclass(frozen=True)
class Carried:
    """A failed check's claim that its only cause is a mistake charged at ``roots``."""

    roots: tuple[str, ...]
    cause: Text
    same_rule: bool = False
    """A hidden check repeating a public check's rule on other inputs (``same_rule_as``)."""


def _function(name: str) -> str:
    return name.split(":", 1)[0]


def _charges_name(name: str, root: str) -> bool:
    """Whether the check ``name`` is (one of) ``root``: the check itself, or a check of that exercise."""
    return name == root or _function(name) == root


def carry_forward(results: list[CheckResult], carried: dict[str, Carried], enabled: bool = True,
                  worked: frozenset[str] | None = None) -> list[CheckResult]:
    """``results`` with every failure in ``carried`` credited whose roots all lost points.

    A root lost points when a check of it (other than the one carrying) failed on its own, or failed
    and was itself credited from a mistake further back: a chain (a layer → the model's total → a
    hidden check of the model) resolves to its first mistake. Claims that only lead round in a
    circle are not credited.

    ``worked`` names the functions that ran and returned work of their own (``Submission.worked_functions``:
    a value to some call, not one plain value to every call, the same value again for the same arguments).
    A hidden check is credited for a slip in a function that did work, never for one that raised every
    time (``raise ValueError``), ignores its inputs (``return 0``) or counts its calls: the claims of a
    hidden check (and every same-rule claim) of any other function are dropped and those checks stay
    failed. ``None``: no call was watched (every claim stands).
    """
    hidden = {r.name for r in results if r.hidden}
    carried = {name: claim for name, claim in carried.items()
               if worked is None or not (claim.same_rule or name in hidden) or _function(name) in worked}
    if not enabled or not carried:
        return list(results)
    failed = [r.name for r in results if not r.passed]
    # charged for sure: failed with no claim, or with a root that lost no points anywhere else
    own = {name for name in failed if name not in carried or any(
        not any(other != name and _charges_name(other, root) for other in failed) for root in carried[name].roots)}
    credited: set[str] = set()
    changed = True
    while changed:  # credits only grow, so this ends
        changed = False
        for name in failed:
            if name in own or name in credited:
                continue
            if all(any(other != name and _charges_name(other, root) and (other in own or other in credited)
                       for other in failed) for root in carried[name].roots):
                credited.add(name)
                changed = True

    out = []
    for result in results:
        if result.name not in credited:
            out.append(result)
            continue
        claim = carried[result.name]
        summary = CHECK_NOTES["carried"].format(cause=claim.cause)
        previous = result.feedback
        feedback = Feedback(summary, previous.expected if previous else None,
                            previous.found if previous else None)
        out.append(replace(result, status=PASSED, score=result.max_score, feedback=feedback,
                           carried_from=claim.roots))
    return out


def score(results: list[CheckResult], carried: dict[str, Carried], worked: frozenset[str] | None, course: Course,
          facts: Facts = NO_FACTS) -> Scored:
    """The one scoring pass (see the module docstring): error carried forward over ``results`` with the checks'
    ``carried`` claims (``worked``: :func:`carry_forward`), then the class's ``facts``: check overrides, the late
    policy, a total override, the clamp. Scoring verdicts again with no claims left changes none of them, so the
    batch scores in the worker with no facts and again on the client with the class's."""
    verdicts = carry_forward(list(results), carried, course.scoring.carry_forward, worked)
    return applied(verdicts, adjustments_for(verdicts, course, facts), course.apart)


def adjustments_for(verdicts: list[CheckResult], course: Course, facts: Facts) -> list[Adjustment]:
    """Steps 2 to 4 of :func:`score`: what the class's ``facts`` change, each with the sentence a student reads."""
    adjustments: list[Adjustment] = []
    by_key = {r.key: r for r in verdicts}
    earned = sum(r.score for r in verdicts if r.module not in course.apart)
    for override in facts.overrides:
        if override.check == TOTAL or override.check not in by_key:
            continue
        old = by_key[override.check].score
        reason = _say("check", override, target=_check_name(by_key[override.check]), old=old, new=override.points)
        adjustments.append(Adjustment("override", round(override.points - old, 4), reason, override.check))
        earned += override.points - old
    late = late_adjustment(course, earned, facts.late_days, facts.submitted_at)
    if late is not None:
        adjustments.append(late)
        earned += late.points
    for override in facts.overrides:
        if override.check == TOTAL:
            reason = _say("total", override, old=round(max(earned, 0.0), 4), new=override.points)
            adjustments.append(Adjustment("override", round(override.points - earned, 4), reason))
    return adjustments


def applied(verdicts: list[CheckResult], adjustments: list[Adjustment], apart: tuple[str, ...] = ()) -> Scored:
    """``verdicts`` with ``adjustments`` applied: a check's own change to its points, the others to the total,
    then the clamp (the one place a total is clamped)."""
    results = []
    for result in verdicts:
        change = next((a for a in adjustments if a.check and a.check in (result.key, result.name)), None)
        if change is not None:
            result = replace(result, score=round(result.score + change.points, 4))
        results.append(result)
    counted = [r for r in results if r.module not in apart]
    top = round(sum(r.max_score for r in counted), 4)
    total = sum(r.score for r in counted) + sum(a.points for a in adjustments if not a.check)
    return Scored(tuple(verdicts), tuple(adjustments), tuple(results), round(max(0.0, min(total, top)), 4), top,
                  tuple(apart))


def _check_name(result: CheckResult) -> Text:
    """A check's name in both languages: ``tensors.add: 원소별로 더한다`` beside its English name."""
    if not result.title_ko:
        return Text(result.name, result.name)
    return Text(f"{result.name.partition(':')[0]}: {result.title_ko}", result.name)


def _say(key: str, override: Override, **values) -> Text:
    why = Text(override.reason, override.reason) if override.reason else ADJUSTMENTS["no-reason"]
    return ADJUSTMENTS[key].format(**values, reason=why)
