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

from grader.messages import Text
from grader.results import PASSED, CheckResult, Feedback

CARRIED = Text("이미 감점한 실수를 이어받은 결과라 다시 감점하지 않았습니다: {cause}.",
               "Carried forward from {cause}, already charged.")
"""The note of a credited check; ``cause`` names the root and what the student did there
(``cnn.second_conv``: 3x3 kernel)."""


@dataclass(frozen=True)
class Carried:
    """A failed check's claim that its only cause is a mistake charged at ``roots``."""

    roots: tuple[str, ...]
    cause: Text


def _function(name: str) -> str:
    return name.split(":", 1)[0]


def _charges(result: CheckResult, root: str) -> bool:
    return result.name == root or _function(result.name) == root


def carry_forward(results: list[CheckResult], carried: dict[str, Carried], enabled: bool = True) -> list[CheckResult]:
    """``results`` with every failure in ``carried`` credited whose roots all lost points.

    A root is charged when a check of it (other than the one carrying) failed and is not itself
    credited, so a chain (a layer → the model → a hidden check of the model) resolves to its first
    mistake; claims that lead round in a circle are not credited.
    """
    if not enabled or not carried:
        return list(results)
    by_name = {r.name: r for r in results}
    decided: dict[str, bool] = {}  # name → charged (failed and not credited)

    def charged(name: str, visiting: frozenset) -> bool:
        if name not in decided:
            result = by_name[name]
            claim = carried.get(name)
            if result.passed:
                decided[name] = False
            elif claim is None:
                decided[name] = True
            elif name in visiting:  # a circle: the one met again is charged
                return True
            else:
                decided[name] = not all(
                    any(charged(other.name, visiting | {name}) for other in results
                        if _charges(other, root) and other.name != name)
                    for root in claim.roots)
        return decided[name]

    out = []
    for result in results:
        if result.passed or result.name not in carried or charged(result.name, frozenset()):
            out.append(result)
            continue
        claim = carried[result.name]
        summary = Text(CARRIED.ko.replace("{cause}", claim.cause.ko), CARRIED.en.replace("{cause}", claim.cause.en))
        previous = result.feedback
        feedback = Feedback(summary, previous.expected if previous else None,
                            previous.found if previous else None)
        out.append(replace(result, status=PASSED, score=result.max_score, feedback=feedback,
                           carried_from=claim.roots))
    return out
