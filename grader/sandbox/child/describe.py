"""Inside the child: turn whatever a submission returned into plain data.

The class references below are taken when this module is imported, before any
submission module is, and types are tested on ``type(obj).__mro__`` so that a
returned object cannot pass for a tensor by faking ``__class__`` or
``__eq__``. The grader still decides everything from the data: this module
only reports.
"""

from __future__ import annotations

import json
import math

import keras
import numpy as np
import tensorflow as tf

from grader.sandbox.protocol import Channel

VARIABLE = tf.Variable
TENSOR = tf.Tensor
NDARRAY = np.ndarray
NPGENERIC = np.generic
LAYER = keras.layers.Layer
MODEL = keras.Model
HISTORY = keras.callbacks.History
DTYPE = tf.dtypes.DType
GRAPH_FUNCTION = tf.types.experimental.PolymorphicFunction
SERIALIZE = keras.saving.serialize_keras_object
TO_NUMPY = np.asarray
REPR_LIMIT = 300
ITEMS_LIMIT = 64


def warm_keras() -> None:
    """Build one small layer of each weighted kind before any submission code runs (a sandbox started
    ahead of a save): TensorFlow's first variables and random kernels are paid for here, not by the
    student's first layer. Named, so keras' automatic names (``conv2d``, ``dense``) stay the student's;
    every call is seeded afresh, so the student's weights are the same as without it."""
    keras.layers.Conv2D(1, (1, 1), name="grade_warm_conv").build((None, 2, 2, 1))
    keras.layers.Dense(1, name="grade_warm_dense").build((None, 2))


def _is(obj, cls) -> bool:
    return cls in type(obj).__mro__


def _safe_repr(obj) -> str:
    try:
        text = repr(obj)
    except BaseException as exc:  # a submission's __repr__ may raise anything
        text = f"<{type(obj).__name__}: repr failed: {type(exc).__name__}>"
    return text if len(text) <= REPR_LIMIT else text[:REPR_LIMIT] + "..."


def _type_name(obj) -> str:
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def _jsonable(value):
    """Config values as JSON (tuples → lists, numpy scalars → Python)."""
    return json.loads(json.dumps(value, default=lambda o: o.tolist() if hasattr(o, "tolist") else str(o)))


def describe(obj, channel: Channel, depth: int = 0) -> dict:
    """Plain data for one returned value."""
    if obj is None:
        return {"kind": "None"}
    if type(obj) in (bool, int, str):
        return {"kind": type(obj).__name__, "value": obj if type(obj) is not str else obj[:10000]}
    if type(obj) is float:
        return {"kind": "float", "value": obj if math.isfinite(obj) else str(obj)}
    if _is(obj, VARIABLE):
        return _tensor_like("Variable", obj, channel)
    if _is(obj, TENSOR):
        return _tensor_like("Tensor", obj, channel)
    if _is(obj, NDARRAY):
        if obj.dtype.hasobject:
            return _other(obj)
        return {"kind": "ndarray", "dtype": str(obj.dtype), "shape": list(obj.shape),
                "file": channel.put(obj), "type": _type_name(obj)}
    if _is(obj, NPGENERIC):
        return {"kind": "numpy-scalar", "dtype": str(obj.dtype), "value": _jsonable(obj.item()),
                "type": _type_name(obj)}
    if _is(obj, DTYPE):
        return {"kind": "dtype", "value": obj.name}
    if _is(obj, HISTORY):
        return _history(obj)
    if _is(obj, MODEL):
        return _model(obj)
    if _is(obj, LAYER):
        return _layer(obj)
    if type(obj) in (tuple, list) and depth < 4:
        return {"kind": type(obj).__name__,
                "items": [describe(x, channel, depth + 1) for x in obj[:ITEMS_LIMIT]],
                "length": len(obj)}
    if type(obj) is dict and depth < 4:
        items = [[str(k)[:200], describe(v, channel, depth + 1)] for k, v in list(obj.items())[:ITEMS_LIMIT]]
        return {"kind": "dict", "items": items, "keys": [k for k, _ in items]}
    return _other(obj)


def describe_function(func) -> dict:
    """What kind of callable a submission's function is: ``graph`` when it is decorated with
    ``tf.function`` (graph execution), with ``traces``, how many graphs it has traced so far (after the
    call this answer belongs to). Read from the type's ``__mro__``, as values are, so a plain function
    cannot pass for a graph one."""
    if not _is(func, GRAPH_FUNCTION):
        return {"graph": False}
    data = {"graph": True}
    try:
        data["traces"] = int(func.experimental_get_tracing_count())
    except Exception:  # an older or a stranger PolymorphicFunction: graph all the same
        pass
    return data


def _other(obj) -> dict:
    return {"kind": "other", "type": _type_name(obj), "repr": _safe_repr(obj)}


def _tensor_like(kind: str, obj, channel: Channel) -> dict:
    data = {"kind": kind, "type": _type_name(obj), "dtype": obj.dtype.name,
            "shape": [None if d is None else int(d) for d in obj.shape]}
    try:
        data["device"] = str(obj.device)
    except Exception:
        data["device"] = ""
    try:
        data["file"] = channel.put(TO_NUMPY(obj))
    except Exception as exc:  # a symbolic tensor has no value
        data["value_error"] = f"{type(exc).__name__}: {exc}"[:300]
    return data


def _layer(layer) -> dict:
    data = {"kind": "Layer", "type": _type_name(layer), "class_name": type(layer).__name__}
    try:
        data["serialized"] = _jsonable(SERIALIZE(layer))
    except Exception as exc:
        data["serialize_error"] = f"{type(exc).__name__}: {exc}"[:300]
    return data


def _model(model) -> dict:
    data = {"kind": "Model", "type": _type_name(model), "class_name": type(model).__name__}
    try:
        data["json"] = model.to_json()
    except Exception as exc:
        data["json_error"] = f"{type(exc).__name__}: {exc}"[:300]
    data["compiled"] = bool(getattr(model, "compiled", False))
    if data["compiled"]:
        try:
            data["compile_config"] = _jsonable(model.get_compile_config())
        except Exception as exc:
            data["compile_error"] = f"{type(exc).__name__}: {exc}"[:300]
    return data


def model_weights(model, channel: Channel) -> list[str]:
    """Each weight array of a model, in ``get_weights`` order, as an ``.npy`` name."""
    return [channel.put(w) for w in model.get_weights()]


def _history(history) -> dict:
    raw = getattr(history, "history", None)
    series = {}
    if type(raw) is dict:
        for key, values in list(raw.items())[:32]:
            try:
                series[str(key)] = [float(v) for v in list(values)[:10000]]
            except Exception:
                series[str(key)] = []
    params = getattr(history, "params", None)
    params = _jsonable(params) if type(params) is dict else {}
    epoch = getattr(history, "epoch", None)
    return {"kind": "History", "type": _type_name(history), "history": series, "params": params,
            "epoch": [int(e) for e in epoch] if type(epoch) is list else None}
