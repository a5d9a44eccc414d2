"""What graded checks are written with.

A check is a pytest-style function ``test_...(sub)`` decorated with
:func:`check`, living in ``tests/checks/public`` or ``tests/checks/hidden``.
Its ``sub`` is a :class:`grader.checks.context.CheckContext`, which declares all
a check may use. It asks the submission for values (``sub.call``), gets plain data back, and
fails with :func:`fail` / :func:`require`, whose messages say in Korean and
English what was expected, what was found, and one hint.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Callable, NoReturn

from grader.catalog.student import CHECK_NOTES
from grader.messages import Text, plain
from grader.record.results import Feedback
from grader.sandbox.host.submission import CallError, dataset, dtype, tensor, variable

__all__ = ["check", "fail", "require", "CheckFailed", "CarriedForward", "Prerequisite", "carried_forward", "same_rule_as",
           "CallError", "tensor", "variable", "dtype", "dataset", "text", "shared_helpers"]


class CheckFailed(AssertionError):
    """A check's verdict: failed, with feedback for the student."""

    def __init__(self, feedback: Feedback):
        super().__init__(feedback.summary.en)
        self.feedback = feedback


class Prerequisite(CheckFailed):
    """A check that cannot run because another exercise it needs does not work (``train_model`` without a
    model that can train). It fails, naming that exercise; it is not a rule a hidden check repeats."""


class CarriedForward(CheckFailed):
    """A failure whose only cause is a mistake charged elsewhere (error carried forward).

    ``roots`` are the exercises (``cnn.second_conv``) or checks (a full check name) where the mistake
    was made; ``cause`` names the root and what the student did there (``cnn.second_conv``: 3x3 kernel). The scoring pass
    (:mod:`grader.record.scoring`) credits the check when every root lost points and the course carries
    errors forward; otherwise it stays failed with ``feedback``.
    """

    def __init__(self, feedback: Feedback, roots: tuple[str, ...], cause: Text, same_rule: bool = False):
        super().__init__(feedback)
        self.roots = tuple(roots)
        self.cause = cause
        self.same_rule = same_rule
        """Raised by :class:`same_rule_as`: a hidden check repeating a public rule on other inputs."""


def carried_forward(roots, cause: Text, *, ko: str, en: str, expected=None, found=None,
                    hint_ko: str | None = None, hint_en: str | None = None) -> NoReturn:
    """Fail as :func:`fail` does, marking the failure as a consequence of ``roots`` (see :class:`CarriedForward`)."""
    hint = Text(hint_ko, hint_en) if hint_en is not None and hint_ko is not None else None
    roots = (roots,) if isinstance(roots, str) else tuple(roots)
    raise CarriedForward(Feedback(Text(ko, en), text(expected), text(found), hint), roots, cause)


class same_rule_as:
    """``with same_rule_as("tensors.tensor_info: rank, shape, dtype and device"):`` in a hidden check:
    a failure inside is the public check's rule on other inputs, so it is charged once, there. A
    function name (``"tensors.make_variable"``) stands for all of that function's public checks."""

    def __init__(self, public_check: str):
        self.public_check = public_check

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if kind is not None and issubclass(kind, CheckFailed) and not issubclass(kind, (CarriedForward, Prerequisite)):
            cause = CHECK_NOTES["same-rule-check" if ":" in self.public_check else "same-rule-function"]
            raise CarriedForward(error.feedback, (self.public_check,),
                                 cause.format(check=self.public_check), same_rule=True) from None
        return False


ID_SLUG = re.compile(r"[a-z][a-z0-9_]*")
"""The last part of a check's id: a lower-case word (``padding``, ``other_shapes``), never a bare
number, so it cannot be mistaken for the old positional ids (``cnn.first_conv.1``)."""


def check(name: str, *, id: str, ko: str = "", slow: bool = False, trains: bool = False) -> Callable:
    """Name a graded check ``module.function: what it checks`` and give it a stable ``id``.

    ``id`` is a short word of its own (``padding``): the check's full id is
    ``module.function.id`` (``cnn.first_conv.padding``), which keys its points in ``course.toml``,
    overrides, ``grades.csv`` columns and results, so inserting or reordering checks moves nothing.
    The name is only its title; ``ko`` says the part after the colon in Korean. ``trains``: the
    check fits a model, if only for a few steps (``grade check`` skips it unless its function is
    named); ``slow``: the accuracy run (``grade submit`` and grading only)."""
    if ":" not in name or "." not in name.split(":", 1)[0]:
        raise ValueError(f"check name {name!r} must read 'module.function: what it checks'")
    if not ID_SLUG.fullmatch(id):
        raise ValueError(f"check id {id!r} of {name!r} must be a lower-case word (letters, digits, _), "
                         "starting with a letter")

    def mark(func: Callable) -> Callable:
        func.check_name = name
        func.check_id = f"{name.split(':', 1)[0].strip()}.{id}"
        func.check_title_ko = ko
        func.slow = slow
        func.trains = trains or slow
        return func

    return mark


def text(value) -> Text | None:
    if value is None or isinstance(value, Text):
        return value
    return plain(str(value))


def fail(*, ko: str, en: str, expected=None, found=None, hint_ko: str | None = None,
         hint_en: str | None = None) -> NoReturn:
    """Fail the check. ``expected``/``found`` may be plain strings (code, numbers) or :class:`Text`."""
    hint = Text(hint_ko, hint_en) if hint_en is not None and hint_ko is not None else None
    raise CheckFailed(Feedback(Text(ko, en), text(expected), text(found), hint))


def require(condition, *, ko: str, en: str, expected=None, found=None, hint_ko: str | None = None,
            hint_en: str | None = None) -> None:
    """Fail the check unless ``condition`` holds."""
    if not condition:
        fail(ko=ko, en=en, expected=expected, found=found, hint_ko=hint_ko, hint_en=hint_en)


def shared_helpers(check_file: str, name: str = "_lecture") -> ModuleType:
    """The helper module the check files share (``tests/checks/_lecture.py``), loaded once by its path.

    Called as ``lecture = shared_helpers(__file__)`` from a file in ``tests/checks/public`` or
    ``hidden``; nbgrader test cells call it the same way beside the notebooks.
    """
    path = Path(check_file).resolve().parents[1] / f"{name}.py"
    key = f"grade_checks.{name}_{abs(hash(str(path)))}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, path)
        sys.modules[key] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[key])
    return sys.modules[key]
