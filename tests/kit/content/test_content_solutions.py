"""The reference solutions do what SPEC.md and the lecture say, with real TensorFlow."""

from __future__ import annotations

import inspect

import keras
import numpy as np
import pytest
import tensorflow as tf

# SPEC.md's contract: parameter names and defaults, per module.
SPEC = {
    "tensors": {
        "make_variable": "(value, dtype=tf.int32)",
        "assign_value": "(variable, new_value)",
        "make_constant": "(value=3.14, dtype=tf.float32)",
        "numpy_to_tensor": "(array)",
        "list_to_tensor": "(values)",
        "tensor_to_numpy": "(tensor)",
        "add": "(a, b)",
        "matmul": "(a, b)",
        "zeros": "(rows, cols)",
        "ones": "(rows, cols)",
        "fill": "(rows, cols, value)",
        "tensor_info": "(tensor)",
        "is_eager": "()",
    },
    "cnn": {
        "prepare_images": "(images)",
        "load_data": "()",
        "first_conv": "(input_shape=(28, 28, 1))",
        "pooling": "()",
        "second_conv": "()",
        "dropout": "(rate)",
        "flatten": "()",
        "hidden_dense": "()",
        "output_dense": "()",
        "build_model": "(input_shape=(28, 28, 1))",
        "compile_model": "(model)",
        "train_model": "(model, x, y, epochs=1, batch_size=128)",
        "evaluate_model": "(model, x, y)",
    },
    "concepts": {
        "conv_output_size": "(size, kernel, stride=1, padding='same')",
        "conv_params": "(kernel_h, kernel_w, in_channels, filters)",
        "dense_params": "(inputs, units)",
        "flatten_size": "(height, width, channels)",
        "lecture_model_params": "()",
        "best_network": "(task)",
    },
}


def signature_text(function) -> str:
    """A signature with tf dtypes spelled as in SPEC.md."""
    params = []
    for p in inspect.signature(function).parameters.values():
        if p.default is inspect.Parameter.empty:
            params.append(p.name)
        elif isinstance(p.default, tf.DType):
            params.append(f"{p.name}=tf.{p.default.name}")
        else:
            params.append(f"{p.name}={p.default!r}")
    return f"({', '.join(params)})"


@pytest.mark.parametrize("module", SPEC)
def test_signatures_follow_spec(solutions, stubs, module):
    """Do solutions and stubs define exactly SPEC.md's functions with its parameters and defaults?"""
    for kit in (solutions, stubs):
        for name, expected in SPEC[module].items():
            assert signature_text(getattr(kit[module], name)) == expected, f"{module}.{name}"


# --- tensors ---------------------------------------------------------------


def test_tensors(solutions):
    """Do the tensor functions return the types, dtypes and values SPEC.md asks for?"""
    t = solutions["tensors"]
    variable = t.make_variable(3)
    assert isinstance(variable, tf.Variable) and variable.dtype == tf.int32
    assert t.make_variable(2.5, dtype=tf.float64).dtype == tf.float64
    assert t.assign_value(variable, 7) is variable and int(variable.numpy()) == 7
    constant = t.make_constant()
    assert not isinstance(constant, tf.Variable) and constant.dtype == tf.float32
    assert float(constant) == pytest.approx(3.14)
    array = np.arange(6, dtype=np.float64).reshape(2, 3)
    converted = t.numpy_to_tensor(array)
    assert converted.dtype == tf.float64 and converted.shape == (2, 3)
    assert t.list_to_tensor([[1, 2], [3, 4]]).dtype == tf.int32
    back = t.tensor_to_numpy(converted)
    assert isinstance(back, np.ndarray) and back.dtype == np.float64
    np.testing.assert_array_equal(back, array)
    np.testing.assert_array_equal(t.add(tf.constant([1, 2]), tf.constant([3, 4])), [4, 6])
    np.testing.assert_array_equal(
        t.matmul(tf.constant([[1, 2]]), tf.constant([[3], [4]])), [[11]]
    )
    for made, value in ((t.zeros(2, 3), 0), (t.ones(2, 3), 1)):
        assert made.dtype == tf.float32 and made.shape == (2, 3)
        assert np.all(made.numpy() == value)
    np.testing.assert_array_equal(t.fill(2, 2, 9), [[9, 9], [9, 9]])
    info = t.tensor_info(tf.zeros((2, 3, 4)))
    assert info == {"rank": 3, "shape": (2, 3, 4), "dtype": "float32", "device": info["device"]}
    assert isinstance(info["device"], str) and "device:" in info["device"]
    assert t.is_eager() is True


# --- cnn -------------------------------------------------------------------


def count(weights) -> int:
    return sum(int(np.prod(w.shape)) for w in weights)


def test_build_model_matches_lecture(solutions):
    """Does build_model give the lecture's layers, (None, 10) output, 3,156,098 trainable, 0 frozen?"""
    model = solutions["cnn"].build_model()
    assert model.output_shape == (None, 10)
    assert count(model.trainable_weights) == 3_156_098
    assert count(model.non_trainable_weights) == 0
    layers = [(type(layer).__name__, layer.count_params(), layer.output.shape) for layer in model.layers]
    assert layers == [
        ("Conv2D", 832, (None, 28, 28, 32)),
        ("MaxPooling2D", 0, (None, 14, 14, 32)),
        ("Conv2D", 8_256, (None, 14, 14, 64)),
        ("MaxPooling2D", 0, (None, 7, 7, 64)),
        ("Dropout", 0, (None, 7, 7, 64)),
        ("Flatten", 0, (None, 3136)),
        ("Dense", 3_137_000, (None, 1000)),
        ("Dropout", 0, (None, 1000)),
        ("Dense", 10_010, (None, 10)),
    ]
    assert [layer.rate for layer in model.layers if type(layer).__name__ == "Dropout"] == [0.25, 0.5]


def test_layers_are_configured_as_in_spec(solutions):
    """Are the layer helpers' settings exactly SPEC.md's, first_conv built for its input_shape?"""
    c = solutions["cnn"]
    conv = c.first_conv()
    assert conv.count_params() == 832
    assert conv.compute_output_shape((None, 28, 28, 1)) == (None, 28, 28, 32)
    config = conv.get_config()
    assert (config["filters"], config["kernel_size"], config["strides"]) == (32, (5, 5), (1, 1))
    assert (config["padding"], config["activation"]) == ("same", "relu")
    assert c.first_conv((32, 32, 3)).count_params() == (5 * 5 * 3 + 1) * 32
    pool = c.pooling().get_config()
    assert (pool["pool_size"], pool["strides"]) == ((2, 2), (2, 2))
    second = c.second_conv().get_config()
    assert (second["filters"], second["kernel_size"], second["padding"]) == (64, (2, 2), "same")
    assert c.dropout(0.3).rate == 0.3
    assert isinstance(c.flatten(), keras.layers.Flatten)
    hidden, output = c.hidden_dense().get_config(), c.output_dense().get_config()
    assert (hidden["units"], hidden["activation"]) == (1000, "relu")
    assert (output["units"], output["activation"]) == (10, "softmax")


def test_prepare_images(solutions):
    """Are uint8 (N, 28, 28) images turned into float32 (N, 28, 28, 1) in [0, 1]?"""
    images = np.array([np.zeros((28, 28)), np.full((28, 28), 255)], dtype=np.uint8)
    prepared = solutions["cnn"].prepare_images(images)
    assert prepared.dtype == np.float32 and prepared.shape == (2, 28, 28, 1)
    assert prepared.min() == 0.0 and prepared.max() == 1.0


def test_compile_model(solutions):
    """Is the model compiled with adam, sparse categorical cross-entropy and an accuracy metric?"""
    c = solutions["cnn"]
    model = c.build_model()
    assert c.compile_model(model) is model
    assert model.loss == "sparse_categorical_crossentropy"
    assert isinstance(model.optimizer, keras.optimizers.Adam)


@pytest.mark.slow
def test_tiny_training_run(solutions):
    """Do train_model and evaluate_model work on 64 random images (History, float accuracy)?"""
    c = solutions["cnn"]
    rng = np.random.default_rng(0)
    x = c.prepare_images(rng.integers(0, 256, size=(64, 28, 28), dtype=np.uint8))
    y = rng.integers(0, 10, size=64)
    model = c.compile_model(c.build_model())
    history = c.train_model(model, x, y, epochs=1, batch_size=32)
    assert isinstance(history, keras.callbacks.History)
    assert set(history.history) == {"loss", "accuracy"}
    accuracy = c.evaluate_model(model, x, y)
    assert type(accuracy) is float and 0.0 <= accuracy <= 1.0


@pytest.mark.slow
def test_load_data(solutions, monkeypatch):
    """Does load_data return the kit's MNIST with prepared images and integer labels?"""
    monkeypatch.setenv("GRADE_OFFLINE", "1")
    (x_train, y_train), (x_test, y_test) = solutions["cnn"].load_data()
    for x, y in ((x_train, y_train), (x_test, y_test)):
        assert x.dtype == np.float32 and x.shape[1:] == (28, 28, 1) and len(x) == len(y)
        assert 0.0 <= x.min() and x.max() <= 1.0
        assert set(np.unique(y)) <= set(range(10))


# --- concepts --------------------------------------------------------------


def test_lecture_model_params_is_computed(root, solutions):
    """Is lecture_model_params() 3,156,098 without the number being typed into the file?"""
    assert solutions["concepts"].lecture_model_params() == 3_156_098
    for folder in ("solutions", "exercises"):
        text = (root / folder / "concepts.py").read_text(encoding="utf-8")
        assert "3156098" not in text and "3_156_098" not in text


def test_sizes_and_parameter_formulas(solutions):
    """Do the formulas give the lecture's numbers ("same"/"valid", conv, dense, flatten)?"""
    k = solutions["concepts"]
    assert k.conv_output_size(28, 5) == 28
    assert k.conv_output_size(28, 5, padding="valid") == 24
    assert k.conv_output_size(28, 2, 2, "valid") == 14
    assert k.conv_output_size(7, 3, 2, "same") == 4
    assert k.conv_output_size(7, 3, 2, "valid") == 3
    assert k.conv_output_size(28, 5, 1, "SAME") == 28
    with pytest.raises(ValueError, match="full"):
        k.conv_output_size(28, 5, padding="full")
    assert k.conv_params(5, 5, 1, 32) == 832
    assert k.conv_params(2, 2, 32, 64) == 8_256
    assert k.flatten_size(7, 7, 64) == 3136
    assert k.dense_params(3136, 1000) == 3_137_000
    assert k.dense_params(1000, 10) == 10_010


# Every task best_network's docstring lists, in English and Korean.
TASKS = {
    "CNN": [
        "image classification", "이미지 분류", "object detection", "객체 탐지",
        "handwritten digit recognition", "손글씨 숫자 인식", "face recognition", "얼굴 인식",
        "medical image analysis", "의료 영상 분석",
    ],
    "RNN": [
        "time series forecasting", "시계열 예측", "stock price prediction", "주가 예측",
        "machine translation", "기계 번역", "speech recognition", "음성 인식",
        "text generation", "텍스트 생성", "sentiment analysis", "감성 분석",
    ],
    "GAN": [
        "image generation", "이미지 생성", "style transfer", "스타일 변환",
        "creating fake faces", "가짜 얼굴 생성", "super resolution", "초해상도",
        "data augmentation", "데이터 증강",
    ],
}


@pytest.mark.parametrize("network", TASKS)
def test_best_network_handles_every_listed_task(solutions, network):
    """Is every task the docstring lists (English and Korean) documented and matched to its network?"""
    best_network = solutions["concepts"].best_network
    doc = inspect.getdoc(best_network)
    for task in TASKS[network]:
        assert task in doc
        assert best_network(task) == network


@pytest.mark.parametrize(
    ("task", "network"),
    [
        ("Image Classification", "CNN"),
        ("  Machine   Translation ", "RNN"),
        ("time-series forecasting", "RNN"),
        ("기계번역", "RNN"),
        ("CREATING FAKE FACES", "GAN"),
    ],
)
def test_best_network_ignores_case_and_spacing(solutions, task, network):
    """Are case, extra spaces, hyphens and Korean spacing ignored?"""
    assert solutions["concepts"].best_network(task) == network


def test_best_network_rejects_unknown_task(solutions):
    """Does an unknown task raise a ValueError that names it and lists the known tasks?"""
    with pytest.raises(ValueError, match="unknown task: 'cooking'.*image classification"):
        solutions["concepts"].best_network("cooking")
