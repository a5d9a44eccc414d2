"""The one way the grader turns what the child sent back into keras objects.

Everything the child sends is untrusted. A layer or model crosses as its
serialized configuration; this module is the only place the grader turns
such a configuration into an object, and it accepts keras' own classes only:
every nested object must come from a ``keras`` module, and keras'
``safe_mode`` refuses lambdas and arbitrary code.
"""

from __future__ import annotations

import json

LAYER_MODULES = ("keras.layers", "keras.src.layers")
"""Where a single layer's class may come from."""


def keras_object(serialized: dict, top_modules: tuple[str, ...] | None = None):
    """A keras layer or model rebuilt from its serialized form; ValueError if it is not keras' own.

    ``top_modules``: the modules the outermost class must come from (default: any keras module).
    """
    if not isinstance(serialized, dict):
        raise ValueError("not a serialized keras object")
    top = serialized.get("module")
    if top_modules is not None and top not in top_modules:
        raise ValueError(f"{serialized.get('class_name')} is not one of keras' own layers")
    for module, class_name in _classes(serialized):
        if not (module == "keras" or str(module).startswith("keras.")):
            raise ValueError(f"{class_name} is not one of keras' own classes")
    import keras

    return keras.saving.deserialize_keras_object(serialized, safe_mode=True)


def layer(serialized: dict):
    """A single layer (keras' own layer classes only)."""
    return keras_object(serialized, LAYER_MODULES)


def model(text: str):
    """A model from its ``to_json()`` text (keras' own classes only)."""
    try:
        serialized = json.loads(text)
    except ValueError:
        raise ValueError("the model's JSON could not be read") from None
    return keras_object(serialized)


def _classes(node, depth: int = 0):
    """Every ``(module, class_name)`` named anywhere in a serialized configuration."""
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
