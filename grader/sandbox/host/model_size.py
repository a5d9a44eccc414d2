"""How many parameters a model the child described would have, computed from its configuration
before the grader builds anything: a model described with billions of parameters is refused
instead of filling the grader's memory.

Shapes are propagated the way keras will build the model (from its inputs, through each
layer's own ``compute_output_shape`` on an unbuilt layer: no weights are made), and weights are
counted with each weighted layer's formula. Sequential and functional models are followed; a
configuration this cannot follow (a nested model, a layer keras cannot place) is refused as well
(:class:`Unmeasurable`): a model whose size is unknown is never built, however large it would be.
"""

from __future__ import annotations

import math

PARAMS_BUDGET = 50_000_000
"""Most parameters the grader builds for one described model (day06's reference CNN has 3,156,098)."""


class TooLarge(ValueError):
    """The described model is larger than the grader builds."""


class Unmeasurable(ValueError):
    """The grader cannot compute the described model's size from its configuration (a model nested in
    another, a layer it cannot place), so it does not build it."""


def check(config: dict, budget: int = PARAMS_BUDGET, input_shape: tuple | None = None) -> int:
    """The parameter count of the model ``config`` describes (built on ``(None, *input_shape)`` when
    it names no input); :class:`TooLarge` past ``budget``, :class:`Unmeasurable` when it cannot be
    computed (the grader would have to build the model to know)."""
    try:
        count = parameter_count(config, input_shape)
    except TooLarge:
        raise
    except Exception as error:  # a configuration keras itself will refuse, or one this cannot follow
        raise Unmeasurable(f"the size of the model described cannot be computed from its configuration "
                           f"({type(error).__name__}: {str(error)[:120]})") from None
    if count is None:
        raise Unmeasurable("the size of the model described cannot be computed from its configuration "
                           "(a model nested inside another, or no input shape)")
    if count > budget:
        raise TooLarge(f"the model described has {count:,} parameters, more than the grader builds "
                       f"({budget:,})")
    return count


def parameter_count(config: dict, input_shape: tuple | None = None) -> int | None:
    if not isinstance(config, dict):
        return None
    kind = config.get("class_name")
    inner = config.get("config") or {}
    layers = inner.get("layers")
    if not isinstance(layers, list):
        return None
    if kind == "Sequential":
        return _sequential(inner, layers, input_shape)
    if kind in ("Functional", "Model"):
        return _functional(layers)
    return None


def _sequential(inner: dict, layers: list, input_shape: tuple | None) -> int | None:
    shape = (None, *input_shape) if input_shape is not None else None
    build = inner.get("build_config") or {}
    if isinstance(build.get("input_shape"), list):
        shape = tuple(build["input_shape"])
    total = 0
    for entry in layers:
        if not isinstance(entry, dict):
            return None
        if entry.get("class_name") == "InputLayer":
            batch = (entry.get("config") or {}).get("batch_shape")
            shape = tuple(batch) if isinstance(batch, list) else shape
            continue
        if shape is None:
            return None
        params, shape = _layer(entry, shape)
        total += params
        _guard(total)
    return total


def _functional(layers: list) -> int | None:
    shapes: dict[str, tuple] = {}
    total = 0
    for entry in layers:
        if not isinstance(entry, dict):
            return None
        name = entry.get("name") or (entry.get("config") or {}).get("name")
        if entry.get("class_name") == "InputLayer":
            shapes[name] = tuple((entry.get("config") or {}).get("batch_shape") or ())
            continue
        nodes = entry.get("inbound_nodes") or []
        if len(nodes) != 1:
            return None
        inputs = [shapes.get(h) for h in _histories(nodes[0].get("args"))]
        if not inputs or any(s is None for s in inputs):
            return None
        params, shapes[name] = _layer(entry, inputs[0] if len(inputs) == 1 else inputs)
        total += params
        _guard(total)
    return total


def _histories(node) -> list[str]:
    found = []
    if isinstance(node, dict):
        if node.get("class_name") == "__keras_tensor__":
            history = (node.get("config") or {}).get("keras_history") or [None]
            found.append(history[0])
        else:
            for value in node.values():
                found += _histories(value)
    elif isinstance(node, list):
        for value in node:
            found += _histories(value)
    return found


def _guard(total: int) -> None:
    if total > PARAMS_BUDGET:
        raise TooLarge(f"the model described has more than {PARAMS_BUDGET:,} parameters, more than the "
                       "grader builds")


def _layer(entry: dict, shape):
    """(parameters, output shape) of one layer on ``shape``, from an unbuilt keras layer."""
    from grader.sandbox.host.values import rebuild

    if entry.get("class_name") in ("Sequential", "Functional", "Model"):
        raise ValueError("nested model")
    plain = {k: v for k, v in entry.items() if k not in ("build_config", "inbound_nodes")}
    if isinstance(plain.get("config"), dict) and "activation" in plain["config"]:
        # an activation makes no weights and keeps the shape: any function a student named (tf.math.softmax,
        # keras.activations.relu) stands in as "linear" here, where only the size is asked
        plain["config"] = {**plain["config"], "activation": "linear"}
    layer = rebuild(plain)
    params = _weights(entry.get("class_name"), entry.get("config") or {}, shape)
    out = layer.compute_output_shape(shape)
    return params, tuple(out) if not isinstance(out, list) else out


WEIGHTLESS = frozenset({
    "Flatten", "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise",
    "GaussianDropout", "AlphaDropout", "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax", "Reshape",
    "Permute", "RepeatVector", "Concatenate", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum",
    "Dot", "Masking", "Identity", "UnitNormalization", "ActivityRegularization", "Rescaling", "Resizing",
    "CenterCrop", "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast",
    "RandomCrop", "RandomBrightness",
    *(f"{kind}{n}D" for kind in ("MaxPooling", "AveragePooling", "GlobalMaxPooling", "GlobalAveragePooling",
                                 "ZeroPadding", "Cropping", "UpSampling") for n in (1, 2, 3))})
"""keras layers that make no weights; a layer neither here nor counted in :func:`_weights` (a wrapper
holding another layer, attention) leaves the model's size unknown, and so it is refused."""


def _dim(value) -> int:
    if value is None or int(value) < 0:
        raise ValueError("unknown dimension")
    return int(value)


def _weights(kind: str, cfg: dict, shape) -> int:
    """Weights a keras layer of this kind makes on an input of ``shape`` (0 for layers without)."""
    last = _dim(shape[-1]) if isinstance(shape, tuple) and shape else 0
    bias = 1 if cfg.get("use_bias", True) else 0
    if kind == "Dense":
        units = _dim(cfg["units"])
        return last * units + bias * units
    if kind in ("Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose"):
        kernel = math.prod(int(k) for k in cfg["kernel_size"])
        filters, groups = _dim(cfg["filters"]), max(1, int(cfg.get("groups", 1) or 1))
        return kernel * (last // groups) * filters + bias * filters
    if kind == "DepthwiseConv2D" or kind == "DepthwiseConv1D":
        kernel = math.prod(int(k) for k in cfg["kernel_size"])
        multiplier = _dim(cfg.get("depth_multiplier", 1))
        return kernel * last * multiplier + bias * last * multiplier
    if kind in ("SeparableConv1D", "SeparableConv2D"):
        kernel = math.prod(int(k) for k in cfg["kernel_size"])
        multiplier, filters = _dim(cfg.get("depth_multiplier", 1)), _dim(cfg["filters"])
        return kernel * last * multiplier + last * multiplier * filters + bias * filters
    if kind == "Embedding":
        return _dim(cfg["input_dim"]) * _dim(cfg["output_dim"])
    if kind in ("BatchNormalization", "LayerNormalization"):
        return 4 * last
    if kind in ("SimpleRNN", "LSTM", "GRU"):
        units, gates = _dim(cfg["units"]), {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}[kind]
        return gates * (last * units + units * units + 2 * units)
    if kind in WEIGHTLESS:
        return 0
    raise ValueError(f"the weights of a {kind} layer are not counted here")
