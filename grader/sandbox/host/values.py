"""The grader's typed view of what a submission's call returned.

A :class:`Value` wraps the plain data the child sent. Arrays are read lazily
from ``.npy`` files (no pickle); layers and models are rebuilt by the grader
from their configuration (:mod:`grader.sandbox.host.rebuild`: keras' own classes
only), so parameter counts and shapes are the grader's own computation.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.sandbox.host import rebuild

TENSOR_KINDS = ("Tensor", "Variable", "ndarray")


class Value:
    """One returned value, as data."""

    def __init__(self, data: dict, sub, ref: int | None = None, generation: int = 0):
        self.data = data if isinstance(data, dict) else {"kind": "other"}
        self._sub = sub
        self.ref = ref
        self.generation = generation
        self._array: np.ndarray | None = None

    kind = property(lambda self: str(self.data.get("kind", "other")))
    type_name = property(lambda self: str(self.data.get("type", self.kind)))
    dtype = property(lambda self: self.data.get("dtype"))
    device = property(lambda self: self.data.get("device", ""))
    class_name = property(lambda self: self.data.get("class_name"))

    @property
    def shape(self) -> tuple | None:
        shape = self.data.get("shape")
        return tuple(shape) if isinstance(shape, list) else None

    @property
    def is_tensor_like(self) -> bool:
        return self.kind in TENSOR_KINDS

    @property
    def array(self) -> np.ndarray:
        """The values of a tensor, variable or ndarray."""
        if self._array is None:
            if "file" not in self.data:
                raise ValueError(self.data.get("value_error", f"a {self.kind} has no array values"))
            self._array = self._sub.read_array(self.data["file"])
        return self._array

    @property
    def items(self) -> list["Value"]:
        if self.kind == "dict":
            return [Value(v, self._sub) for _, v in self.data.get("items", [])]
        return [Value(v, self._sub) for v in self.data.get("items", [])]

    def python(self) -> Any:
        """Plain Python for comparison: scalars, lists, tuples, dicts, numpy arrays."""
        kind = self.kind
        if kind == "None":
            return None
        if kind in ("bool", "int", "str", "numpy-scalar", "dtype"):
            return self.data.get("value")
        if kind == "float":
            value = self.data.get("value")
            return float(value) if isinstance(value, str) else value
        if kind in TENSOR_KINDS:
            return self.array
        if kind in ("list", "tuple"):
            items = [v.python() for v in self.items]
            return tuple(items) if kind == "tuple" else items
        if kind == "dict":
            return {k: Value(v, self._sub).python() for k, v in self.data.get("items", [])}
        raise ValueError(f"a {self.type_name} cannot be compared as data")

    def short(self) -> str:
        """A few words for feedback: ``tf.Variable int32 (2, 3)``, ``a list``, ``None``."""
        kind = self.kind
        if kind == "Variable":
            return f"tf.Variable {self.dtype} {self.shape}"
        if kind == "Tensor":
            return f"tf.Tensor {self.dtype} {self.shape}"
        if kind == "ndarray":
            return f"numpy.ndarray {self.dtype} {self.shape}"
        if kind in ("int", "float", "bool", "str", "numpy-scalar"):
            return f"{kind} {self.data.get('value')!r}"[:120]
        if kind == "None":
            return "None"
        if kind in ("Layer", "Model"):
            return f"{kind} {self.class_name}"
        return self.type_name

    # -- keras objects, rebuilt by the grader --------------------------------------------------
    def layer(self):
        """The layer rebuilt from its configuration; only keras' own layer classes."""
        if self.kind != "Layer":
            raise ValueError(f"expected a keras layer, got {self.short()}")
        serialized = self.data.get("serialized")
        if not isinstance(serialized, dict):
            raise ValueError(self.data.get("serialize_error", "the layer could not be serialized"))
        return rebuild.layer(serialized)

    @property
    def config(self) -> dict:
        serialized = self.data.get("serialized") or {}
        return serialized.get("config") or {}

    def model(self, with_weights: bool = True, input_shape: tuple | None = None):
        """The model rebuilt from ``to_json()`` and, optionally, the child's weights."""
        if self.kind != "Model":
            raise ValueError(f"expected a keras model, got {self.short()}")
        return self._sub.rebuild_model(self, with_weights=with_weights, input_shape=input_shape)

    @property
    def compile_config(self) -> dict | None:
        return self.data.get("compile_config") if self.data.get("compiled") else None

    @property
    def history(self) -> dict:
        return self.data.get("history") or {}

    @property
    def params(self) -> dict:
        return self.data.get("params") or {}
