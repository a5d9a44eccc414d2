"""Find the graded checks, run them against one submission, score them.

Stage order for one submission (see :func:`grader.engine.grading.grade`): discover →
select → run each check → score from ``course.toml``. A check that raises
anything still gets a verdict; nothing a submission does stops the run.
"""

from __future__ import annotations

import difflib
import importlib.util
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from grader.catalog.errors import ERRORS
from grader.catalog.student import CALL_ERRORS, CHECK_NOTES
from grader.checks import CarriedForward, CheckFailed
from grader.config import Course
from grader.errors import KitError
from grader.messages import plain
from grader.record.results import FAILED, PASSED, CheckResult, Feedback
from grader.record.scoring import Carried, score
from grader.sandbox.host.submission import CallError

SCOPES = {"public": ("public",), "all": ("public", "hidden")}


@dataclass(frozen=True)
class Check:
    name: str
    """``module.function: what it checks``: the check's title."""
    func: Callable
    hidden: bool
    slow: bool
    title_ko: str = ""
    trains: bool = False
    id: str = ""
    """``module.function.word``: the stable id that keys points, overrides, columns and results."""
    points: float = 0.0
    """What the check is worth, from ``course.toml`` ``[points]``."""

    @property
    def module(self) -> str:
        return self.name.split(".", 1)[0]

    @property
    def function(self) -> str:
        return self.name.split(":", 1)[0].split(".", 1)[1]


def import_file(path: Path, name: str):
    """Import the check file at ``path`` as module ``name`` (registered in ``sys.modules``)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def discover(course: Course, scope: str = "public") -> list[Check]:
    """Every check in scope, in the order of the course's ``[[parts]]``, then file order.

    The checks of a ``holdout`` part (the one ``[project]`` configures) are left out when
    ``[project] enabled = false``; a check of a module no part declares is an error naming it."""
    checks: list[Check] = []
    for folder in SCOPES[scope]:
        base = course.checks_dir / folder
        if not base.is_dir():
            if folder == "public":
                raise KitError(ERRORS["no-public-checks"].format(folder=base))
            continue
        for path in sorted(base.glob("test_*.py")):
            module = import_file(path, f"grade_checks.{folder}.{path.stem}")
            for attr in vars(module).values():
                name = getattr(attr, "check_name", None)
                if callable(attr) and name:
                    checks.append(Check(name, attr, folder == "hidden", bool(getattr(attr, "slow", False)),
                                        getattr(attr, "check_title_ko", ""),
                                        bool(getattr(attr, "trains", False)), getattr(attr, "check_id", "")))
    order = {m: i for i, m in enumerate(course.modules)}
    stray = next((c for c in checks if c.module not in order), None)
    if stray is not None:
        raise KitError(ERRORS["check-no-part"].format(check=stray.name, module=stray.module,
                                                      path=course.root / "course.toml"))
    if not course.project.enabled:
        checks = [c for c in checks if course.needs(c.module) != "holdout"]
    checks = with_points(checks, course)
    checks.sort(key=lambda c: (order[c.module], c.hidden))
    return checks


def with_points(checks: list[Check], course: Course) -> list[Check]:
    """Each check with its points from ``course.toml``, looked up by its stable id (a course.toml
    written before ids, keyed by the checks' titles, is read too); a check twice, or without
    points, is an error naming it."""
    seen: set[str] = set()
    found = []
    for c in checks:
        if c.id in seen or c.name in seen:
            raise KitError(ERRORS["check-twice"].format(check=c.id or c.name))
        seen.update((c.id, c.name))
        key = c.id if c.id in course.points else c.name
        if key not in course.points:
            raise KitError(ERRORS["check-no-points"].format(check=c.id or c.name, path=course.root / "course.toml"))
        found.append(replace(c, points=float(course.points[key])))
    return found


def select(checks: list[Check], wanted: tuple[str, ...], include_slow: bool = True,
           include_training: bool = True) -> list[Check]:
    """Checks whose module or ``module.function`` is in ``wanted`` (all when empty).

    Without ``include_training``, checks that fit a model are left out unless ``wanted`` names
    their function (``grade check cnn.train_model`` runs them; ``grade check cnn`` does not).
    """
    chosen = [c for c in checks if (include_slow or not c.slow)
              and (include_training or not c.trains or f"{c.module}.{c.function}" in wanted)]
    if not wanted:
        return chosen
    unknown = [w for w in wanted if not any(c.module == w or f"{c.module}.{c.function}" == w
                                              or c.function == w for c in checks)]
    if unknown:
        known = sorted({c.module for c in checks} | {f"{c.module}.{c.function}" for c in checks})
        close = sorted({m for w in unknown for m in difflib.get_close_matches(w, known, n=2)})
        raise KitError(ERRORS["no-checks-for"].format(
            names=", ".join(unknown), known=", ".join(known),
            close=ERRORS["similar-names"].format(names=", ".join(close)) if close else ""))
    return [c for c in chosen if c.module in wanted or f"{c.module}.{c.function}" in wanted
            or c.function in wanted]


def call_feedback(error: CallError) -> Feedback:
    """Why a call into the submission gave no value, in the student's terms."""
    function = error.function
    module, _, name = function.partition(".")
    values = {"function": function, "module": module, "name": name, "error_type": error.error_type,
              "message": error.message.strip()[:300]}
    if error.kind == "exception" and error.error_type == "NotImplementedError":
        summary = CALL_ERRORS["not-implemented"]
    elif error.kind == "missing":
        summary = CALL_ERRORS["missing-module" if not name or error.message.endswith(".py")
                              else "missing-function"]
    else:
        summary = CALL_ERRORS.get(error.kind, CALL_ERRORS["crashed"])
    found = None
    if error.where:
        found = CALL_ERRORS["where"].format(**{k: error.where.get(k, "") for k in ("file", "line", "code")})
    return Feedback(summary.format(**values), found=found, cause=call_cause(error))


SYNTAX_ERRORS = ("SyntaxError", "IndentationError", "TabError")


def call_cause(error: CallError) -> dict:
    """The facts of a failed call that reports group by (see :attr:`Feedback.cause`)."""
    kind = error.kind
    if kind == "exception" and error.error_type == "NotImplementedError":
        kind = "not-implemented"
    elif kind == "import" and error.error_type in SYNTAX_ERRORS:
        kind = "syntax"
    cause = {"kind": kind, "function": error.function, "error_type": error.error_type,
             "message": error.message.strip()[:300]}
    where = error.where if isinstance(error.where, dict) else {}  # the child's word: plain data only
    for key, kind in (("file", str), ("line", int), ("column", int), ("code", str)):
        value = where.get(key)
        if isinstance(value, kind) and not isinstance(value, bool) and value not in ("", 0):
            cause[key] = value[:200] if isinstance(value, str) else value
    return cause


def run_check(check: Check, sub) -> tuple[str, Feedback | None]:
    """Run one check: its status and, when it failed, why."""
    return _run_check(check, sub)[:2]


def _run_check(check: Check, sub) -> tuple[str, Feedback | None, Carried | None]:
    """:func:`run_check`, and the claim of a :class:`CarriedForward` failure for the scoring pass."""
    try:
        check.func(sub)
    except CarriedForward as failed:
        return FAILED, failed.feedback, Carried(failed.roots, failed.cause, failed.same_rule)
    except KitError:  # the grader's own environment failed (e.g. no child could start): stop
        raise
    except Exception as error:
        return FAILED, feedback_for(error), None
    return PASSED, None, None


def feedback_for(error: BaseException) -> Feedback:
    """Why a check failed, for the student: what it raised, in their terms (the pytest plugin uses it too)."""
    if isinstance(error, CheckFailed):
        return error.feedback
    if isinstance(error, CallError):
        return call_feedback(error)
    if isinstance(error, AssertionError):
        return Feedback(plain(str(error)) if str(error) else CHECK_NOTES["assertion"])
    # data a submission sent that a check could not digest
    return Feedback(CHECK_NOTES["not-understood"] + plain(f"{type(error).__name__}: {str(error)[:300]}"))


def run(checks: list[Check], sub, course: Course, progress: Callable | None = None) -> list[CheckResult]:
    """Run each check once, score it from ``course.toml``, then the one scoring pass with no class facts
    (:func:`grader.record.scoring.score`: error carried forward)."""
    results = []
    carried: dict[str, Carried] = {}
    for check in checks:
        started = time.perf_counter()
        if progress:
            progress(check, None)
        status, feedback, claim = _run_check(check, sub)
        if claim is not None:
            carried[check.name] = claim
        result = CheckResult(check.name, check.points if status == PASSED else 0.0, check.points, status,
                             check.hidden, feedback, round(time.perf_counter() - started, 3), check.title_ko,
                             id=check.id)
        results.append(result)
        if progress:
            progress(check, result)
    return list(score(results, carried, sub.worked_functions(), course).verdicts)
