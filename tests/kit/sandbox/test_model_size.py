"""A described model's size is computed from its configuration before the grader builds it."""

import json

import keras
import pytest

from grader.sandbox.host import model_size


def lecture_model():
    return keras.Sequential([
        keras.Input((28, 28, 1)), keras.layers.Conv2D(32, 5, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(), keras.layers.Conv2D(64, 2, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(), keras.layers.Dropout(0.25), keras.layers.Flatten(),
        keras.layers.Dense(1000, activation="relu"), keras.layers.Dropout(0.5),
        keras.layers.Dense(10, activation="softmax")])


def test_counts_match_keras_without_building():
    """Does the count from the configuration equal keras' own count, for sequential, unbuilt and functional models?"""
    model = lecture_model()
    assert model_size.check(json.loads(model.to_json())) == model.count_params() == 3_156_098
    unbuilt = keras.Sequential([keras.layers.Conv2D(8, 3), keras.layers.Flatten(), keras.layers.Dense(10)])
    assert model_size.check(json.loads(unbuilt.to_json()), input_shape=(28, 28, 1)) == 54_170
    inputs = keras.Input((28, 28, 1))
    a, b = keras.layers.Conv2D(4, 3)(inputs), keras.layers.Conv2D(4, 3, use_bias=False)(inputs)
    merged = keras.layers.Flatten()(keras.layers.Concatenate()([a, b]))
    functional = keras.Model(inputs, keras.layers.Dense(3)(keras.layers.BatchNormalization()(merged)))
    assert model_size.check(json.loads(functional.to_json())) == functional.count_params()


def test_a_model_described_as_gigantic_is_refused_before_it_is_built():
    """Is the lecture's model with a dense layer of a million units (3 billion parameters) refused, by its config?"""
    config = json.loads(lecture_model().to_json())
    for layer in config["config"]["layers"]:
        if layer["class_name"] == "Dense" and layer["config"]["units"] == 1000:
            layer["config"]["units"] = 1_000_000
    with pytest.raises(model_size.TooLarge, match="more than 50,000,000 parameters"):
        model_size.check(config)
