"""The grader's typed view of what a submission's call returned.

A :class:`Value` wraps the plain data the child sent. Arrays are read lazily
from ``.npy`` files (no pickle); layers and models are rebuilt by the grader
from their configuration (:func:`rebuild`, the one allow-listed decoder: keras' own
classes only), so parameter counts and shapes are the grader's own computation.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

TENSOR_KINDS = ("Tensor", "Variable", "ndarray")
KERAS_MODULES = ("keras.layers", "keras.src.layers")

# -- activations: what a layer computes, whatever spelling the student used ----------------------
KERAS_ACTIVATIONS = frozenset((
    "celu", "elu", "exponential", "gelu", "glu", "hard_shrink", "hard_sigmoid", "hard_silu", "hard_swish",
    "hard_tanh", "leaky_relu", "linear", "log_sigmoid", "log_softmax", "mish", "relu", "relu6", "selu",
    "sigmoid", "silu", "soft_shrink", "softmax", "softplus", "softsign", "sparse_plus", "sparse_sigmoid",
    "sparsemax", "squareplus", "swish", "tanh", "tanh_shrink", "threshold"))
"""Keras 3's own activation names (``keras.activations.get`` accepts each)."""
TF_ACTIVATIONS = {
    "softmax_v2": "softmax", "log_softmax_v2": "log_softmax", "swish": "silu", "identity": "linear",
    "exp": "exponential",
}
"""TensorFlow functions Keras 3 saves by their own name (module ``builtins``): ``tf.nn.softmax`` and
``tf.math.softmax`` are ``softmax_v2``, ``tf.nn.silu``/``tf.nn.swish`` are ``swish``, ``tf.identity``
is ``identity``. Each is mapped to the Keras activation that computes the same function (softmax on
the last axis, as Keras applies it); nothing named here is ever imported."""
FUNCTION_MODULES = ("builtins", "keras", "keras.activations", "keras.src.activations",
                    "keras.src.activations.activations")


def activation_of(entry) -> str | None:
    """The Keras activation a layer config's ``activation`` entry computes, or ``None`` when unknown.

    ``"relu"``, ``keras.activations.relu`` and ``tf.nn.relu`` all save as ``"relu"``; ``tf.nn.softmax``
    saves as ``{"module": "builtins", "class_name": "function", "config": "softmax_v2"}``; a student's own
    function saves under the student's module and stays unknown (``None``).
    """
    if entry is None:
        return "linear"
    if isinstance(entry, str):
        name = TF_ACTIVATIONS.get(entry, entry)
        return name if name in KERAS_ACTIVATIONS else None
    if isinstance(entry, dict) and entry.get("class_name") == "function" and isinstance(entry.get("config"), str):
        if entry.get("module") in FUNCTION_MODULES:
            return activation_of(entry["config"])
    return None


def activation_text(entry) -> str:
    """An activation entry in a few words for feedback: ``relu``, ``my_relu (a function in layers.py)``."""
    known = activation_of(entry)
    if known is not None:
        return known
    if isinstance(entry, dict) and "value" in entry and "class_name" not in entry:
        return "lambda"
    if isinstance(entry, dict):
        name = entry.get("config") if isinstance(entry.get("config"), str) else entry.get("class_name")
        module = entry.get("module")
        return f"{name} ({module})" if module and module != "builtins" else str(name)
    return str(entry)


class Unrebuildable(ValueError):
    """A saved model or layer uses something keras' safe loader cannot rebuild (named in ``parts``)."""

    def __init__(self, parts: list[str]):
        super().__init__("cannot rebuild: " + ", ".join(parts))
        self.parts = parts


def _unknown_to_linear(entry):
    return "linear"


def _refuse(entry):
    raise Unrebuildable([f"activation {activation_text(entry)}"])


def normalise_config(node, unknown=None):
    """A copy of a serialized layer or model whose ``activation`` entries are Keras' own names.

    Known spellings (``tf.nn.softmax`` …) become the Keras name; ``unknown(entry)`` decides the rest
    (by default :class:`Unrebuildable` is raised: no function outside keras' list reaches keras' loader).
    """
    unknown = unknown or _refuse
    if isinstance(node, list):
        return [normalise_config(x, unknown) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "activation" and not (isinstance(value, dict) and value.get("class_name") not in (None, "function")):
            known = activation_of(value)
            out[key] = known if known is not None else unknown(value)
        else:
            out[key] = normalise_config(value, unknown)
    return out


def unknown_parts(node) -> list[str]:
    """What in a serialized model keras' safe loader cannot rebuild, in the student's own terms:
    ``activation my_relu (layers)``, ``Lambda layer``, ``layer class MyLayer (layers)``."""
    found: list[str] = []

    def walk(n):
        if isinstance(n, list):
            for x in n:
                walk(x)
            return
        if not isinstance(n, dict):
            return
        cls, module = n.get("class_name"), n.get("module")
        if cls == "Lambda":
            found.append("Lambda layer")
        elif isinstance(cls, str) and isinstance(module, str) and cls != "function" and not (
                module == "keras" or module.startswith("keras.")):
            found.append(f"layer class {cls} ({module})")
        for key, value in n.items():
            if key == "activation" and activation_of(value) is None and not (
                    isinstance(value, dict) and value.get("class_name") not in (None, "function")):
                found.append(f"activation {activation_text(value)}")
            else:
                walk(value)

    walk(node)
    return list(dict.fromkeys(found))


def model_from_json(text: str, shapes_only: bool = False):
    """A model rebuilt by keras' safe loader from ``to_json()`` text, activations normalised.

    ``shapes_only`` replaces activations keras cannot rebuild (a student's own function) with
    ``linear``: shapes and parameter counts do not depend on them, predictions do.
    """
    config = normalise_config(json.loads(text), _unknown_to_linear if shapes_only else None)
    return rebuild(config)


def rebuild(config: dict):
    """The one place the grader turns configuration the child sent into a keras object.

    Allow-listed: every class named anywhere must be keras' own (module ``keras`` or ``keras.*``;
    a plain function only from ``builtins``, which keras maps to its own), and keras' safe mode
    refuses lambdas. Anything else is a ``ValueError`` before keras sees it.
    """
    for module, class_name in _classes(config):
        keras_own = isinstance(module, str) and (module == "keras" or module.startswith("keras."))
        if not keras_own and not (module == "builtins" and class_name == "function"):
            raise ValueError(f"{class_name} ({module}) is not one of keras' own classes")
    import keras

    return keras.saving.deserialize_keras_object(config, safe_mode=True)


def _classes(node, depth: int = 0):
    """Every ``(module, class_name)`` a serialized configuration names."""
    if depth > 200:
        raise ValueError("the configuration is nested too deeply")
    if isinstance(node, dict):
        if "class_name" in node and "module" in node:
            yield node.get("module"), node.get("class_name")
        for value in node.values():
            yield from _classes(value, depth + 1)
    elif isinstance(node, list):
        for value in node:
            yield from _classes(value, depth + 1)


class Value:
    """One returned value, as data."""

    def __init__(self, data: dict, sub, ref: int | None = None, generation: int = 0):
        self.data = data if isinstance(data, dict) else {"kind": "other"}
        self._sub = sub
        self.ref = ref
        self.generation = generation
        self._array: np.ndarray | None = None
        self.function: dict = {}
        """The function that returned this value, as the child described it (``{"graph": True, "traces":
        1}`` for a ``tf.function``; see :meth:`Submission.call`); empty when not returned by a call."""

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
        if serialized.get("module") not in KERAS_MODULES:
            raise ValueError(f"{self.class_name} is not one of keras' own layers")
        return rebuild(normalise_config(serialized))

    @property
    def config(self) -> dict:
        serialized = self.data.get("serialized") or {}
        return serialized.get("config") or {}

    def model(self, with_weights: bool = True, input_shape: tuple | None = None, shapes_only: bool = False):
        """The model rebuilt from ``to_json()`` and, optionally, the child's weights.

        ``shapes_only``: a model whose activations the grader cannot rebuild is rebuilt with ``linear``
        in their place, for shapes and parameter counts only (see :func:`model_from_json`)."""
        if self.kind != "Model":
            raise ValueError(f"expected a keras model, got {self.short()}")
        return self._sub.rebuild_model(self, with_weights=with_weights, input_shape=input_shape,
                                       shapes_only=shapes_only)

    def unknown_parts(self) -> list[str]:
        """What in this model the grader cannot rebuild (see :func:`unknown_parts`)."""
        try:
            return unknown_parts(json.loads(self.data.get("json") or "null"))
        except ValueError:
            return []

    @property
    def compile_config(self) -> dict | None:
        return self.data.get("compile_config") if self.data.get("compiled") else None

    @property
    def history(self) -> dict:
        return self.data.get("history") or {}

    @property
    def params(self) -> dict:
        return self.data.get("params") or {}
