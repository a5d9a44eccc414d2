"""The scoring pass: points from ``course.toml``, then error carried forward.

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

from dataclasses import dataclass, replace

from grader.catalog.student import CHECK_NOTES
from grader.messages import Text
from grader.record.results import PASSED, CheckResult, Feedback


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
