"""What a graded check may use: the ``sub`` it receives, declared in one place.

A :class:`CheckContext` is built once per submission, before the first check
runs, and cannot be changed afterwards (no attribute can be set or added).
It offers exactly:

- ``call``, ``weights`` and ``device``: the submission's functions, answered by
  the isolated child as plain data (:mod:`grader.sandbox.host.submission`);
- ``course``: the course's settings (:class:`grader.config.Course`);
- ``data_source``: where the grader's digits come from, or ``None`` when no
  selected check needs them;
- ``sources``: the grader's own copy of the submitted source text by module,
  read-only (checks never touch the sandbox's folders);
- ``holdout_data``: the digits a holdout part (``[[parts]] data = "holdout"``) may train on and the
  held-back ones (:func:`grader.engine.holdout.split`), only for that part's own child; else ``None``;
- ``accuracy_run``: whether the accuracy run is among the checks run; the training checks then share
  its one fit of the model (the course's own helpers), else they fit briefly on their own;
- ``artifacts``: a place for plain data the reports show (accuracy, history ...);
- ``cache``: results of calls into the submission, remembered so that a call
  is made once per submission. A cached value depends on the submission
  alone, never on which check asked first; a check never stores its own
  conclusions there, so verdicts do not depend on the order checks run in
  (``tests/kit/test_checks.py`` runs them backwards to prove it).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Mapping

from grader.sandbox import protocol


class CheckContext:
    """The ``sub`` every check receives (see the module's description)."""

    __slots__ = ("_submission", "course", "data_source", "sources", "holdout_data", "accuracy_run", "artifacts", "cache")

    def __init__(self, submission, course, *, data_source=None, sources: Mapping[str, str] | None = None,
                 holdout_data=None, accuracy_run: bool = True):
        for name, value in (("_submission", submission), ("course", course), ("data_source", data_source),
                            ("sources", MappingProxyType(dict(sources or {}))), ("holdout_data", holdout_data),
                            ("accuracy_run", bool(accuracy_run)),
                            ("artifacts", {}), ("cache", {})):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a check context is fixed before the checks run: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a check context is fixed before the checks run: cannot delete {name!r}")

    def call(self, function: str, *args, **kwargs):
        """``module.function(*args, **kwargs)`` in the child; the result as a :class:`Value`."""
        return self._submission.call(function, *args, **kwargs)

    def weights(self, value, function: str = "weights"):
        """A returned model's weights, as arrays."""
        return self._submission.weights(value, function)

    def compile(self, value, *, optimizer: str, loss: str, metrics: list[str], function: str = "compile") -> None:
        """Compile a returned model in the child with keras' names of an optimizer, a loss and metrics (the
        course's own settings: a stand-in when the student's compile_model cannot train)."""
        self._submission.compile(value, protocol.compile_settings(optimizer, loss, metrics), function)

    def worked_functions(self) -> frozenset[str]:
        """The functions that ran and returned work of their own (see ``Submission.worked_functions``)."""
        return self._submission.worked_functions()

    @property
    def device(self) -> str:
        """``GPU`` or ``CPU``: where the child runs the submission's code."""
        return self._submission.device
