"""The ``sub`` object checks talk to: calls into the submission, answered as data.

A call that raises, hangs, exits or blows up costs only itself: the child is
replaced (lazily, on the next call) and the remaining checks go on. A module
that cannot be imported, or that kills its process while importing, is
marked broken once and every later call into it fails at once.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from grader.catalog.errors import ERRORS
from grader.errors import KitError
from grader.messages import printable
from grader.sandbox import protocol
from grader.sandbox.host import model_size
from grader.sandbox.host.process import Child, ChildDied, ChildSettings, Limits, StartFailed
from grader.sandbox.host.values import Value, model_from_json

MAX_RESTARTS = 6


def plain_call(function: str, args: tuple, kwargs: dict) -> tuple[str, str] | None:
    """``(function, its arguments as JSON)`` when every argument is plain data (numbers, strings, None, and
    lists, tuples and dicts of them), so that the same call can be known again; ``None`` otherwise (arrays,
    tensors, values held in the child)."""
    def plain(value) -> bool:
        if value is None or isinstance(value, (bool, int, float, str)):
            return True
        if isinstance(value, (list, tuple)):
            return all(plain(v) for v in value)
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        return False

    if not plain(list(args)) or not plain(kwargs):
        return None
    return function, json.dumps([list(args), kwargs], sort_keys=True)


class CallError(Exception):
    """A call into the submission did not return a value.

    ``kind`` is one of: ``exception`` (the submission raised), ``missing`` (no such
    module or function), ``import`` (the module failed to import), ``timeout``,
    ``memory``, ``cpu``, ``exited``, ``crashed``, ``protocol``, ``lost`` (an
    argument died with an earlier process), ``gave-up`` (too many crashes).
    """

    def __init__(self, kind: str, function: str, error_type: str = "", message: str = "",
                 where: dict | None = None):
        # Everything here may come from the submission: no escape sequence or control character survives.
        error_type, message = printable(error_type), printable(message)
        if isinstance(where, dict):
            where = {k: printable(v) if isinstance(v, str) else v for k, v in where.items()}
        super().__init__(f"{function}: {kind} {error_type} {message}".strip())
        self.kind = kind
        self.function = function
        self.error_type = error_type
        self.message = message
        self.where = where


@dataclass(frozen=True)
class Arg:
    """An argument the child must build itself (a tensor, a variable, a dtype, a data split)."""

    marker: str
    payload: Any = None
    dtype: str | None = None
    limit: int = 0
    divide: float = 0.0
    channel: bool = False


def tensor(values, dtype: str | None = None) -> Arg:
    return Arg("tensor", np.asarray(values), dtype)


def variable(values, dtype: str | None = None) -> Arg:
    return Arg("variable", np.asarray(values), dtype)


def dtype(name: str) -> Arg:
    return Arg("dtype", name)


def dataset(split: str, limit: int = 0, divide: float = 0.0, channel: bool = False) -> Arg:
    """``x_train`` / ``x_test`` / ``y_train`` / ``y_test`` of the grader's data set, built in the child: its first
    ``limit`` rows, as float32 divided by ``divide`` (0: as stored), with a last axis of 1 when ``channel``."""
    return Arg("dataset", split, limit=limit, divide=divide, channel=channel)


class Submission:
    """One submission's modules, served by a child process that is started on demand."""

    def __init__(self, home: Path, modules: dict[str, str], limits: Limits, *, seed: int = 0,
                 data: str = "", hide: list[str] | None = None, result_mb: int = 64,
                 budget_seconds: float = 0.0, warm_keras: bool = False):
        """``modules`` maps a module name to its source file inside ``home/work``; ``budget_seconds``
        (0: none) bounds the wall-clock time of every call together, child start-ups included;
        ``warm_keras`` has each child build a throwaway layer before any submission code
        (:attr:`ChildSettings.warm_keras`)."""
        self.home = Path(home)
        self.modules = modules
        self.limits = limits
        self.seed = seed
        self.data = data
        self.hide = list(hide or [])
        self.result_bytes = result_mb * 1024 * 1024
        self.child: Child | None = None
        self.generation = 0
        self.restarts = 0
        self.broken: dict[str, CallError] = {}
        self.imported: set[str] = set()
        self.crashes: list[str] = []
        self.answers: dict[str, list[str | None]] = {}
        """Per function, what each call returned, as a plain key (see :func:`plain_answer`)."""
        self.unsteady: set[str] = set()
        """Functions that gave another plain value when asked the same again (a call counter, a clock)."""
        self.lost: dict[tuple[str, str], CallError] = {}
        """Calls that cost the child (an endless loop past the time limit, ``os._exit``, a memory or disk blow-up),
        by function and plain arguments (:func:`plain_call`): the same call is not made again in this grading
        (it would only end the same way, spending the submission's one budget and a fresh child's start each
        time, leaving its other work unjudged); it fails at once with the same error."""
        self.isolation: dict[str, bool] = {}
        self.gpus: list[str] = []
        self.output_log: list[str] = []
        self._channel = protocol.Channel(self.home / "io", "g")
        self._last_child_import = 0.0
        self.budget_seconds = budget_seconds
        self.warm_keras = warm_keras
        self.deadline = time.monotonic() + budget_seconds if budget_seconds > 0 else None

    # -- the time budget -----------------------------------------------------------------------
    def _time_for(self, function: str, timeout: float) -> float:
        """``timeout``, cut to what is left of the submission's budget; once it is spent, every call
        fails at once (the child is stopped): the verdict is final, not a retry."""
        if self.deadline is None:
            return timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            if self.child is not None:
                self.output_log.append(self.child.captured_output())
                self.child.close()
                self.child = None
                self.generation += 1
            raise self._budget_error(function)
        return min(timeout, left)

    def _budget_spent(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline - 0.05

    def _budget_error(self, function: str) -> CallError:
        return CallError("budget", function, message=f"{self.budget_seconds:g} s")

    # -- the child ---------------------------------------------------------------------------
    def _ensure_child(self, function: str) -> Child:
        if self.child is None:
            if self.restarts >= MAX_RESTARTS:
                raise CallError("gave-up", function)
            try:
                self.child = self._start_child(function)
            except StartFailed as failed:
                if failed.reason == "timeout" and self._budget_spent():
                    raise self._budget_error(function) from None
                lines = [line for line in failed.detail.splitlines() if line.strip()]
                raise KitError(ERRORS["child-failed"].format(
                    reason=failed.reason, output=" | ".join(lines[-3:]) or ERRORS["no-output"])) from None
            except ChildDied as died:
                self.restarts += 1
                raise CallError(died.reason, function, message=died.detail) from None
            self.isolation = self.child.isolation
            self.gpus = self.child.gpus
            self._last_child_import = self.child.import_seconds
            self.imported = set()
        return self.child

    def start(self) -> None:
        """Start the child now (it imports TensorFlow, no submission code) instead of at the first call."""
        self._ensure_child("")

    def restart_budget(self) -> None:
        """Count the time budget from now: a child started ahead (``grade check --watch``) may have
        waited for the files longer than the budget."""
        if self.budget_seconds > 0:
            self.deadline = time.monotonic() + self.budget_seconds

    def _start_child(self, function: str = "") -> Child:
        """A fresh child process for this submission (:class:`ChildDied` when it cannot start)."""
        limits = replace(self.limits, import_seconds=self._time_for(function, self.limits.import_seconds))
        return Child(ChildSettings(home=self.home, data=self.data, hide=self.hide, seed=self.seed,
                                   limits=limits, warm_keras=self.warm_keras))

    def _lose_child(self, died: ChildDied, function: str) -> CallError:
        if self.child is not None:
            self.output_log.append(self.child.captured_output())
            self.child.close()
        self.child = None
        self.generation += 1
        self.restarts += 1
        self.crashes.append(f"{function}: {died.reason}")
        if died.reason == "timeout" and self._budget_spent():
            return self._budget_error(function)
        return CallError(died.reason, function, message=died.detail)

    def close(self, later: Callable[[Callable[[], None]], object] | None = None) -> None:
        """Stop the child, keeping what it printed. With ``later`` (a one-thread executor's ``submit``)
        the output is kept now and the wait for the child to exit runs there, after the caller has
        its answer; the child is already done with every call and is stopped the same way."""
        if self.child is not None:
            child, self.child = self.child, None
            self.output_log.append(child.captured_output())
            if later is None:
                child.close()
            else:
                later(child.close)

    def captured_output(self) -> str:
        return "\n".join(t for t in self.output_log if t)

    # -- calls -------------------------------------------------------------------------------
    def _import(self, module: str, function: str, timeout: float | None = None) -> None:
        if module in self.broken:
            error = self.broken[module]
            raise CallError(error.kind, function, error.error_type, error.message, error.where)
        if module not in self.modules:
            raise CallError("missing", function, message=f"{module}.py")
        child = self._ensure_child(function)
        if module in self.imported:
            return
        try:
            answer = child.request({"op": "import", "module": module},
                                   self._time_for(function, min(timeout or self.limits.call_seconds,
                                                                self.limits.call_seconds)))
        except ChildDied as died:
            error = self._lose_child(died, f"{module} (import)")
            self.broken[module] = CallError(error.kind, module, message=error.message)
            raise CallError(error.kind, function, message=error.message) from None
        if not answer.get("ok"):
            err = answer.get("error") or {}
            broken = CallError("import", module, str(err.get("type", "")), str(err.get("message", "")),
                               err.get("where"))
            self.broken[module] = broken
            raise CallError("import", function, broken.error_type, broken.message, broken.where)
        self.imported.add(module)

    def call(self, function: str, *args, timeout: float | None = None, inspect_args: bool = False,
             cpu_seconds: float | None = None, **kwargs) -> Value:
        """Call ``module.function`` in the child with ``args``; the result as a :class:`Value`.

        ``inspect_args`` also describes the arguments after the call (``value.args_after``);
        ``value.same_as_arg[i]`` says whether the result is argument ``i`` itself; ``value.function``
        describes the function called (``{"graph": True, "traces": 1}`` for a ``tf.function``). A ``timeout``
        shorter than the course's limit for one call also bounds importing the module, when this call imports it.
        """
        same = plain_call(function, args, kwargs)
        if same in self.lost:
            lost = self.lost[same]
            raise CallError(lost.kind, function, lost.error_type, lost.message, lost.where)
        module, _, _name = function.partition(".")
        self._import(module, function, timeout)
        child = self.child
        message = {
            "op": "call", "function": function, "inspect_args": inspect_args,
            "args": [self._encode(a, function) for a in args],
            "kwargs": {k: self._encode(v, function) for k, v in kwargs.items()},
            "cpu_seconds": cpu_seconds or (timeout or self.limits.call_seconds) * 4,
        }
        try:
            answer = child.request(message, self._time_for(function, timeout or self.limits.call_seconds))
        except ChildDied as died:
            error = self._lose_child(died, function)
            if same is not None and error.kind != "budget":
                self.lost[same] = error
            raise error from None
        if not answer.get("ok"):
            err = answer.get("error") or {}
            kind = "missing" if err.get("type") == "AttributeError" and "has no function" in str(
                err.get("message")) else "exception"
            raise CallError(kind, function, str(err.get("type", "")), str(err.get("message", "")),
                            err.get("where"))
        key = plain_answer(answer.get("value"))
        if key is not None and function not in self.answers:
            self._ask_again(function, message, args, kwargs, key)
        self.answers.setdefault(function, []).append(key)
        value = Value(answer.get("value") or {}, self, answer.get("ref"), self.generation)
        value.same_as_arg = [bool(x) for x in answer.get("same_as_arg", [])]
        value.args_after = [Value(v, self) for v in answer.get("args_after", [])]
        function_data = answer.get("function")
        value.function = function_data if isinstance(function_data, dict) else {}
        value.seconds = float(answer.get("seconds", 0.0))
        return value

    def _ask_again(self, function: str, message: dict, args: tuple, kwargs: dict, key: str) -> None:
        """The first plain answer of ``function``, asked for once more with the same arguments: a function
        of its inputs gives the same again; one that counts its calls or reads a clock does not. A
        failure here is the next call's to report."""
        again = {**message, "args": [self._encode(a, function) for a in args],
                 "kwargs": {k: self._encode(v, function) for k, v in kwargs.items()}}
        try:
            answer = self.child.request(again, self._time_for(function, message["cpu_seconds"] / 4))
        except ChildDied as died:  # the first answer stands; the child is started again for the next call
            self._lose_child(died, function)
            self.unsteady.add(function)
            return
        except CallError:  # the budget is spent: the next call says so
            return
        if not answer.get("ok") or not same_answer(plain_answer(answer.get("value")), key):
            self.unsteady.add(function)

    def constant_functions(self) -> frozenset[str]:
        """The functions that returned one and the same plain value (a number, a string, None) to every
        one of at least two calls: they ignore their inputs, which is no slip in a rule but no work."""
        return frozenset(f for f, keys in self.answers.items()
                         if len(keys) >= 2 and keys[0] is not None and all(k == keys[0] for k in keys))

    def worked_functions(self) -> frozenset[str]:
        """The functions that ran and returned work of their own: a value to at least one call, not one
        and the same plain value to every call (:meth:`constant_functions`), and the same value again for
        the same arguments (:attr:`unsteady`). Only these earn a hidden check by error carried forward
        (:func:`grader.record.scoring.carry_forward`): one that raised every time, or ignores its inputs, did
        no work a slip could be charged to."""
        return frozenset(self.answers) - self.constant_functions() - self.unsteady

    def _encode(self, arg, function: str):
        if isinstance(arg, Value):
            if arg.ref is None or arg.generation != self.generation:
                raise CallError("lost", function)
            return protocol.arg_ref(arg.ref)
        if isinstance(arg, Arg):
            if arg.marker == "tensor":
                return protocol.arg_tensor(self._channel, arg.payload, arg.dtype)
            if arg.marker == "variable":
                return protocol.arg_tensor(self._channel, arg.payload, arg.dtype, variable=True)
            if arg.marker == "dtype":
                return protocol.arg_dtype(arg.payload)
            if arg.marker == "dataset":
                return protocol.arg_dataset(arg.payload, arg.limit, arg.divide, arg.channel)
        if isinstance(arg, np.ndarray):
            return protocol.arg_array(self._channel, arg)
        if isinstance(arg, tuple):
            return protocol.arg_tuple([self._encode(a, function) for a in arg])
        if isinstance(arg, list):
            return [self._encode(a, function) for a in arg]
        return arg

    def read_array(self, name: str) -> np.ndarray:
        return self._channel.get(name, self.result_bytes)

    def _on_object(self, op: str, value: Value, function: str, **fields) -> dict:
        """The child's answer to ``op`` on the object ``value`` refers to (still alive in this child)."""
        if value.ref is None or value.generation != self.generation or self.child is None:
            raise CallError("lost", function)
        try:
            answer = self.child.request({"op": op, "ref": value.ref, **fields},
                                        self._time_for(function, self.limits.call_seconds))
        except ChildDied as died:
            raise self._lose_child(died, function) from None
        if not answer.get("ok"):
            err = answer.get("error") or {}
            raise CallError("exception", function, str(err.get("type", "")), str(err.get("message", "")))
        return answer

    def compile(self, value: Value, settings: dict, function: str = "compile") -> None:
        """Compile the returned model in the child with ``settings`` (:func:`protocol.compile_settings`)."""
        self._on_object("compile", value, function, settings=settings)

    def weights(self, value: Value, function: str = "weights") -> list[np.ndarray]:
        """The model's weights, from the child, as arrays."""
        answer = self._on_object("weights", value, function)
        total, arrays = 0, []
        names = [n for n in answer.get("weights", [])[:1000] if isinstance(n, str)]
        try:
            for name in names:
                arrays.append(self.read_array(name))
                total += arrays[-1].nbytes
                if total > self.result_bytes:
                    raise CallError("exception", function, "ValueError", "the model's weights are too large")
        finally:
            self._channel.discard(names)  # read once: the shared folder does not grow with every read
        return arrays

    def rebuild_model(self, value: Value, with_weights: bool = True, input_shape: tuple | None = None,
                      shapes_only: bool = False):
        """Rebuild a model from its JSON in the grader's own process (keras' classes only)."""
        text = value.data.get("json")
        if not isinstance(text, str):
            raise ValueError(value.data.get("json_error", "the model could not be saved as JSON"))
        try:
            described = json.loads(text)
        except ValueError:
            raise ValueError("the model's JSON is not valid") from None
        model_size.check(described, input_shape=input_shape)  # before anything is built
        model = model_from_json(text, shapes_only=shapes_only)
        if not model.built and input_shape is not None:
            model.build((None, *input_shape))
        if with_weights:
            model.set_weights(self.weights(value))
        return model

    @property
    def device(self) -> str:
        return "GPU" if self.gpus else "CPU"


def same_answer(a: str | None, b: str | None) -> bool:
    """Whether two plain answers (:func:`plain_answer` keys) are the same, numbers to a relative 1e-6 (the
    same accuracy measured twice may differ in its last bits)."""
    if a is None or b is None:
        return a == b

    def same(x, y) -> bool:
        if isinstance(x, float) or isinstance(y, float):
            return (isinstance(x, (int, float)) and isinstance(y, (int, float))
                    and math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9))
        if isinstance(x, dict) and isinstance(y, dict):
            return x.keys() == y.keys() and all(same(x[k], y[k]) for k in x)
        if isinstance(x, list) and isinstance(y, list):
            return len(x) == len(y) and all(same(i, j) for i, j in zip(x, y))
        return x == y

    return same(json.loads(a), json.loads(b))


PLAIN_KINDS = frozenset({"None", "int", "float", "bool", "str", "numpy-scalar", "dtype", "other"})
"""Descriptions that hold the whole value (``other``: any other object, counted by its type)."""


def plain_answer(value) -> str | None:
    """``value`` (a description from the child) as a key when the description holds the whole value (a
    number, a string, None, any other object by its type, or a list, tuple or dict of them); ``None`` for
    values held in files or summarised (tensors, arrays, layers, models)."""
    def key(v):
        """``v``'s key, or ``None`` when it is not plain."""
        kind = v.get("kind") if isinstance(v, dict) else None
        if kind == "other":  # counted by its type: its repr may hold an address, new at every call
            return {"kind": "other", "type": v.get("type")}
        if kind in PLAIN_KINDS:
            return v
        if kind in ("list", "tuple") and isinstance(v.get("items"), list):
            items = [key(item) for item in v["items"]]
            return None if None in items else {**v, "items": items}
        if kind == "dict" and isinstance(v.get("items"), list):
            if not all(isinstance(pair, list) and len(pair) == 2 for pair in v["items"]):
                return None
            items = [[name, key(item)] for name, item in v["items"]]
            return None if any(k is None for _, k in items) else {**v, "items": items}
        return None

    found = key(value)
    return None if found is None else json.dumps(found, sort_keys=True)
