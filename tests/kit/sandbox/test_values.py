"""How the grader recognises what a returned layer or model computes, whatever the spelling.

Real keras and TensorFlow: each activation is saved exactly as keras saves it in
the child (``serialize_keras_object``, ``to_json``) and read back by the
grader's own functions.
"""

from __future__ import annotations

import json

import keras
import numpy as np
import pytest
import tensorflow as tf

from grader.sandbox.host.values import (
    Unrebuildable,
    activation_of,
    model_from_json,
    normalise_config,
    unknown_parts,
)


def saved_activation(activation) -> object:
    """The ``activation`` entry of a Dense layer's saved config, as the child sends it."""
    return keras.saving.serialize_keras_object(keras.layers.Dense(3, activation=activation))["config"]["activation"]


@pytest.mark.parametrize("activation, name", [
    ("softmax", "softmax"), (keras.activations.softmax, "softmax"),
    (tf.keras.activations.softmax, "softmax"), (tf.nn.softmax, "softmax"), (tf.math.softmax, "softmax"),
    (keras.ops.softmax, "softmax"), ("relu", "relu"), (tf.nn.relu, "relu"), (keras.activations.relu, "relu"),
    (tf.keras.activations.relu, "relu"), (keras.ops.relu, "relu"), (tf.nn.sigmoid, "sigmoid"),
    (tf.math.sigmoid, "sigmoid"), (tf.math.tanh, "tanh"), (tf.nn.silu, "silu"), (tf.nn.swish, "silu"),
    (tf.nn.log_softmax, "log_softmax"), (tf.nn.elu, "elu"), (tf.nn.relu6, "relu6"), (tf.identity, "linear"),
    (None, "linear"),
], ids=lambda x: getattr(x, "__name__", str(x)))
def test_every_spelling_of_an_activation_is_recognised(activation, name):
    """Is each activation Keras accepts (string, keras, tf.keras, tf.nn, tf.math) recognised as what it computes?"""
    assert activation_of(saved_activation(activation)) == name


def test_a_students_own_function_is_not_mistaken_for_a_keras_activation():
    """Is a function the student wrote themselves left unknown, and named in their terms?"""
    entry = {"module": "cnn", "class_name": "function", "config": "my_relu", "registered_name": "function"}
    assert activation_of(entry) is None
    assert unknown_parts({"config": {"layers": [{"class_name": "Dense", "module": "keras.layers",
                                                 "config": {"activation": entry}}]}}) == ["activation my_relu (cnn)"]
    with pytest.raises(Unrebuildable):
        normalise_config({"activation": entry})
    # nothing outside the allow-list is passed on, whatever module it claims
    sneaky = {"module": "builtins", "class_name": "function", "config": "eval"}
    with pytest.raises(Unrebuildable):
        normalise_config({"activation": sneaky})


def lecture_like(activation) -> keras.Model:
    return keras.Sequential([keras.Input((6,)), keras.layers.Dense(4, activation="relu"),
                             keras.layers.Dense(3, activation=activation)])


def test_a_model_with_tf_nn_softmax_is_rebuilt_and_computes_the_same():
    """Does the grader rebuild a model whose output layer uses tf.nn.softmax, with the same predictions?"""
    model = lecture_like(tf.nn.softmax)
    rebuilt = model_from_json(model.to_json())
    rebuilt.set_weights(model.get_weights())
    x = np.random.default_rng(0).normal(size=(5, 6)).astype("float32")
    assert np.allclose(rebuilt(x), model(x), atol=1e-6)
    assert json.loads(rebuilt.to_json())["config"]["layers"][-1]["config"]["activation"] == "softmax"


def test_a_model_with_an_own_activation_is_rebuilt_for_shapes_only():
    """Can the grader still count the parameters and trace the shapes of a model with the student's own activation?"""
    def my_relu(x):
        return tf.maximum(x, 0.0)

    model = lecture_like(my_relu)
    text = model.to_json()
    with pytest.raises(Unrebuildable):
        model_from_json(text)
    shapes = model_from_json(text, shapes_only=True)
    assert shapes.output_shape == (None, 3) and shapes.count_params() == model.count_params()
