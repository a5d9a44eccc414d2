"""Public checks for the `cnn` module: data, each layer, the lecture's model, compiling, training.

Shapes and parameter counts are the grader's own: layers and models are
rebuilt here from their configuration and traced on ``keras.Input``; nothing
a submission reports about itself is believed.
"""


import numpy as np

from grader.checks import (
    CallError,
    CarriedForward,
    CheckFailed,
    check,
    dataset,
    fail,
    require,
    shared_helpers,
)
from grader.korean import particle
from grader.messages import Text

lecture = shared_helpers(__file__)

EVAL_SAMPLES = 500  # digits evaluate_model is compared on (the child's stand-in test split)
AGREEMENT = 0.02  # how far evaluate_model may be from the grader's own accuracy
MISCLASSIFIED_SHOWN = 16


# ---------------------------------------------------------------- 1. data

@check("cnn.prepare_images: float32 (N, 28, 28, 1) in [0, 1]", id="scaled", ko="[0, 1] 범위의 float32 (N, 28, 28, 1)로 바꾼다")
def test_prepare_images(sub):
    """Does prepare_images turn uint8 (N, 28, 28) images into float32 (N, 28, 28, 1) pixel / 255?"""
    images = np.zeros((3, 28, 28), dtype="uint8")
    images[0, 5:20, 10:14] = 255
    images[1, :, :] = 51
    images[2, 27, 27] = 128
    v = sub.call("cnn.prepare_images", images)
    lecture.check_prepared(sub, v, images)


@check("cnn.load_data: the kit's MNIST splits, prepared", id="splits", ko="키트의 MNIST 분할을 전처리해 돌려준다")
def test_load_data(sub):
    """Does load_data return the kit's train and test splits, images prepared and labels as integers?"""
    v = sub.call("cnn.load_data")
    shape_ok = v.kind in ("tuple", "list") and len(v.items) == 2 and all(
        s.kind in ("tuple", "list") and len(s.items) == 2 for s in v.items)
    require(shape_ok, ko="((x_train, y_train), (x_test, y_test)) 구조로 돌려주어야 합니다.",
            en="Return ((x_train, y_train), (x_test, y_test)).",
            expected="((x_train, y_train), (x_test, y_test))", found=v.short(),
            hint_ko="load_mnist()가 돌려준 구조를 그대로 유지하세요.",
            hint_en="Keep the structure load_mnist() returns.")
    (x_train, y_train), (x_test, y_test) = lecture.child_mnist(sub)
    (xtr, ytr), (xte, yte) = (s.items for s in v.items)
    try:
        _require_prepared_splits(xtr, xte, x_train, x_test)
    except CheckFailed as failed:
        _carry_from_prepare_images(sub, xte, x_test, failed)
        raise
    for got, want, name in ((ytr, y_train, "y_train"), (yte, y_test, "y_test")):
        require(got.is_tensor_like and got.shape == (len(want),), ko=f"{particle(name, '은')} 정수 레이블 (N,)이어야 합니다.",
                en=f"{name} must be integer labels of shape (N,).", expected=str((len(want),)), found=got.short(),
                hint_ko="레이블은 원-핫으로 바꾸지 말고 정수 그대로 두세요 (sparse_categorical_crossentropy).",
                hint_en="Keep the labels as integers, not one-hot (sparse_categorical_crossentropy).")
    require(np.array_equal(np.asarray(yte.array), y_test), ko="y_test가 키트의 테스트 레이블과 다릅니다.",
            en="y_test differs from the kit's test labels.", expected=str(y_test[:8].tolist()),
            found=str(np.asarray(yte.array)[:8].tolist()),
            hint_ko="레이블을 섞거나 바꾸지 마세요.", hint_en="Do not shuffle or change the labels.")


def _require_prepared_splits(xtr, xte, x_train, x_test) -> None:
    """The images of load_data: prepared float32 (N, 28, 28, 1), x_test exactly pixel / 255 in order."""
    for got, want, name in ((xtr, x_train, "x_train"), (xte, x_test, "x_test")):
        require(got.is_tensor_like and got.shape == (len(want), 28, 28, 1) and got.dtype == "float32",
                ko=f"{particle(name, '은')} 전처리한 float32 (N, 28, 28, 1) 이미지여야 합니다.",
                en=f"{name} must be prepared float32 (N, 28, 28, 1) images.",
                expected=f"float32 {(len(want), 28, 28, 1)}", found=got.short(),
                hint_ko="grader.data.load_mnist()의 이미지를 prepare_images로 전처리하세요. 개수가 다르면 다른 데이터를 "
                        "읽은 것입니다(keras.datasets.mnist 대신 load_mnist).",
                hint_en="Prepare grader.data.load_mnist()'s images with prepare_images. A different count means "
                        "other data was read (use load_mnist, not keras.datasets.mnist).")
    from grader import data

    require(np.allclose(np.asarray(xte.array), data.prepare(x_test), atol=1e-6),
            ko="x_test가 키트의 테스트 이미지 / 255와 다릅니다.", en="x_test differs from the kit's test images / 255.",
            expected=Text("load_mnist 순서 그대로 픽셀 / 255", "pixel / 255, in load_mnist's order"), found=f"max {float(np.max(xte.array)):g}",
            hint_ko="prepare_images로 전처리하고 순서를 바꾸지 마세요.",
            hint_en="Prepare them with prepare_images and keep their order.")


def _carry_from_prepare_images(sub, xte, x_test, failed: CheckFailed) -> None:
    """Raise ``failed`` as carried forward from ``prepare_images`` when load_data's test images are exactly what
    the student's own prepare_images makes of the kit's images (its mistake, already charged there)."""
    try:
        mine = sub.call("cnn.prepare_images", x_test)
        same = (mine.is_tensor_like and xte.is_tensor_like and mine.shape == xte.shape and mine.dtype == xte.dtype
                and np.allclose(np.asarray(mine.array, dtype="float64"), np.asarray(xte.array, dtype="float64")))
    except Exception:
        return
    if not same:
        return
    if mine.dtype != "float32":
        what = Text(f"dtype {mine.dtype}", f"dtype {mine.dtype}")
    elif mine.shape[1:] != (28, 28, 1):
        what = Text(f"모양 {mine.shape[1:]}", f"shape {mine.shape[1:]}")
    else:
        top = float(np.max(np.asarray(mine.array)))
        what = Text(f"최댓값 {top:g}인 값", f"values up to {top:g}")
    raise CarriedForward(failed.feedback, ("cnn.prepare_images",), Text(
        f"`cnn.prepare_images`의 {what.ko}", f"`cnn.prepare_images`: {what.en}"))


# ---------------------------------------------------------------- 2. layers

RELU = ("활성화 함수는 activation=\"relu\"입니다.", 'The activation is activation="relu".')


@check("cnn.first_conv: 32 filters of 5x5, same padding, relu", id="layer", ko="5x5 필터 32개, same 패딩, relu로 만든다")
def test_first_conv(sub):
    """Is first_conv a Conv2D(32, 5x5, strides 1, padding="same", relu) giving (None, 28, 28, 32) and 832 parameters?"""
    layer = lecture.get_layer(sub, "cnn.first_conv", "Conv2D")
    lecture.setting(layer, "filters", 32, "필터(출력 채널)는 32개입니다: Conv2D(32, ...).",
            "There are 32 filters (output channels): Conv2D(32, ...).")
    lecture.setting(layer, "kernel_size", (5, 5), "커널 크기는 5x5입니다: kernel_size=(5, 5) 또는 5.",
            "The kernel is 5x5: kernel_size=(5, 5) or 5.", lecture.pair)
    lecture.setting(layer, "strides", (1, 1), "스트라이드는 (1, 1)입니다 (기본값).", "The strides are (1, 1), the default.",
            lecture.pair)
    lecture.setting(layer, "padding", "same",
            "padding=\"valid\"는 가장자리를 덧대지 않아 출력이 (24, 24, 32)로 줄어듭니다. padding=\"same\"이 28x28을 유지합니다.",
            "padding=\"valid\" does not pad, so the output shrinks to (24, 24, 32); padding=\"same\" keeps 28x28.")
    lecture.setting(layer, "activation", "relu", *RELU, normalise=lecture.activation_name)
    lecture.traced(layer, (28, 28, 1), (None, 28, 28, 32), 832,
           "필터마다 5*5*1 가중치와 편향 1개: (5*5*1+1)*32 = 832. same 패딩은 28x28을 유지합니다.",
           "Each filter has 5*5*1 weights and one bias: (5*5*1+1)*32 = 832; same padding keeps 28x28.")


@check("cnn.pooling: 2x2 max pooling halves height and width", id="halves", ko="2x2 최대 풀링이 높이와 너비를 절반으로 줄인다")
def test_pooling(sub):
    """Is pooling a MaxPooling2D((2, 2), strides (2, 2)) turning (28, 28, 32) into (14, 14, 32) with 0 parameters?"""
    layer = lecture.get_layer(sub, "cnn.pooling", "MaxPooling2D")
    lecture.setting(layer, "pool_size", (2, 2), "풀링 윈도우는 2x2입니다: pool_size=(2, 2).", "The window is 2x2: pool_size=(2, 2).",
            lecture.pair)
    lecture.setting(layer, "strides", (2, 2), "스트라이드 (2, 2)로 창이 겹치지 않게 움직여 크기가 절반이 됩니다.",
            "Strides of (2, 2) move the window without overlap, halving the size.", lecture.pair)
    lecture.traced(layer, (28, 28, 32), (None, 14, 14, 32), 0,
           "2x2 최대 풀링은 높이와 너비를 절반으로 줄이고 채널 수는 그대로 둡니다. 배울 가중치가 없습니다.",
           "2x2 max pooling halves height and width and keeps the channels; it has nothing to learn.")


@check("cnn.second_conv: 64 filters of 2x2, same padding, relu", id="layer", ko="2x2 필터 64개, same 패딩, relu로 만든다")
def test_second_conv(sub):
    """Is second_conv a Conv2D(64, 2x2, padding="same", relu) giving (14, 14, 64) and 8,256 parameters on (14, 14, 32)?"""
    layer = lecture.get_layer(sub, "cnn.second_conv", "Conv2D")
    lecture.setting(layer, "filters", 64, "필터는 64개입니다: Conv2D(64, ...).", "There are 64 filters: Conv2D(64, ...).")
    lecture.setting(layer, "kernel_size", (2, 2), "커널 크기는 2x2입니다: kernel_size=(2, 2) 또는 2.",
            "The kernel is 2x2: kernel_size=(2, 2) or 2.", lecture.pair)
    lecture.setting(layer, "padding", "same", "padding=\"same\"이어야 14x14가 유지됩니다 (valid면 13x13).",
            "padding=\"same\" keeps 14x14 (valid gives 13x13).")
    lecture.setting(layer, "activation", "relu", *RELU, normalise=lecture.activation_name)
    lecture.traced(layer, (14, 14, 32), (None, 14, 14, 64), 8256,
           "입력 채널이 32개이므로 필터마다 2*2*32 가중치와 편향 1개: (2*2*32+1)*64 = 8,256.",
           "The input has 32 channels, so each filter has 2*2*32 weights and a bias: (2*2*32+1)*64 = 8,256.")


@check("cnn.dropout: keeps the rate asked for", id="rate", ko="요청한 비율을 쓴다")
def test_dropout(sub):
    """Are dropout(0.25) and dropout(0.4) Dropout layers of that rate, same shape, 0 parameters?"""
    for rate in (0.25, 0.4):
        layer = lecture.get_layer(sub, "cnn.dropout", "Dropout", rate)
        lecture.setting(layer, "rate", rate, "받은 rate 인자를 그대로 쓰세요: layers.Dropout(rate). 숫자를 고정하지 마세요.",
                "Use the rate argument: layers.Dropout(rate); do not hard-code a number.", float)
        lecture.traced(layer, (7, 7, 64), (None, 7, 7, 64), 0,
               "드롭아웃은 모양을 바꾸지 않고 파라미터가 없습니다.", "Dropout keeps the shape and has no parameters.")


@check("cnn.flatten: (7, 7, 64) becomes 3136", id="size", ko="(7, 7, 64)가 3136이 된다")
def test_flatten(sub):
    """Does flatten turn (7, 7, 64) feature maps into 3136 values with 0 parameters?"""
    layer = lecture.get_layer(sub, "cnn.flatten", "Flatten")
    lecture.traced(layer, (7, 7, 64), (None, 3136), 0, "7*7*64 = 3136: 특징 맵을 한 줄로 폅니다. "
           "강의 노트의 (4, 4, 64) -> 1024는 16x16 입력의 예이고, 강의 모델의 28x28 입력은 풀링 두 번 뒤 7x7이라 3136입니다.",
           "7*7*64 = 3136: the feature maps are unrolled into one row. "
           "The lecture notes' (4, 4, 64) -> 1024 is for a 16x16 input; the lecture model's 28x28 input is 7x7 after two poolings, hence 3136.")


@check("cnn.hidden_dense: 1000 relu units", id="units", ko="relu 뉴런 1000개로 만든다")
def test_hidden_dense(sub):
    """Is hidden_dense a Dense(1000, relu) with 3,137,000 parameters on 3136 inputs?"""
    layer = lecture.get_layer(sub, "cnn.hidden_dense", "Dense")
    lecture.setting(layer, "units", 1000, "뉴런은 1000개입니다: Dense(1000, ...).", "There are 1000 units: Dense(1000, ...).")
    lecture.setting(layer, "activation", "relu", *RELU, normalise=lecture.activation_name)
    lecture.traced(layer, (3136,), (None, 1000), 3_137_000, "(3136+1)*1000 = 3,137,000: 입력마다 가중치 하나와 편향.",
           "(3136+1)*1000 = 3,137,000: one weight per input plus a bias, per unit.")


@check("cnn.output_dense: 10 softmax units", id="units", ko="softmax 뉴런 10개로 만든다")
def test_output_dense(sub):
    """Is output_dense a Dense(10, softmax) with 10,010 parameters on 1000 inputs?"""
    layer = lecture.get_layer(sub, "cnn.output_dense", "Dense")
    lecture.setting(layer, "units", 10, "숫자 0-9, 클래스마다 뉴런 하나: Dense(10, ...).",
            "One unit per digit 0-9: Dense(10, ...).")
    lecture.setting(layer, "activation", "softmax",
            "출력층은 softmax로 클래스 확률(합 1)을 냅니다. relu를 쓰거나 활성화 함수를 빼면 안 됩니다.",
            "The output layer uses softmax to give class probabilities that sum to 1 (not relu, not linear).",
            lecture.activation_name)
    lecture.traced(layer, (1000,), (None, 10), 10_010, "(1000+1)*10 = 10,010.", "(1000+1)*10 = 10,010.")


# ---------------------------------------------------------------- 3. the model

def show_summaries(sub, model) -> None:
    """The rebuilt model's and the lecture's summaries, for the terminal and HTML reports."""
    sub.artifacts["model_summary"] = lecture.summary_rows(model)
    sub.artifacts["reference_summary"] = lecture.lecture_summary()


def _rows_text(names) -> str:
    return " → ".join(names) if names else "(no layers)"


@check("cnn.build_model: layers in the lecture's order", id="order", ko="강의 순서대로 층을 쌓는다")
def test_build_model_order(sub):
    """Are the model's layers conv, pool, conv, pool, dropout, flatten, dense, dropout, dense, in that order?"""
    model = lecture.rebuilt_model(sub)
    show_summaries(sub, model)
    names = [type(layer).__name__ for layer in lecture.model_layers(model)]
    want = list(lecture.LECTURE_LAYERS)
    if names != want:
        at = next((i for i, (a, b) in enumerate(zip(names, want)) if a != b), min(len(names), len(want)))
        lecture.carry_from_pieces(
            sub, "order", names, ko=f"층 순서가 강의와 다릅니다 ({at + 1}번째 층부터).",
            en=f"The layers differ from the lecture's, from layer {at + 1} on.",
            expected=_rows_text(want), found_text=_rows_text(names),
            hint_ko="드롭아웃은 두 번 들어갑니다: 두 번째 풀링 뒤(0.25)와 은닉 Dense 뒤(0.5). keras.Input은 층 목록에 "
                    "세지 않습니다.",
            hint_en="Dropout appears twice: after the second pooling (0.25) and after the hidden Dense (0.5). "
                    "keras.Input is not counted as a layer.")


@check("cnn.build_model: output shape (None, 10)", id="output_shape", ko="출력 모양이 (None, 10)이다")
def test_build_model_output(sub):
    """Does the model map a batch of (28, 28, 1) images to (None, 10) class scores?"""
    model = lecture.rebuilt_model(sub)
    show_summaries(sub, model)
    try:
        shape = tuple(model.output_shape)
    except Exception as error:
        shape = f"{type(error).__name__}"
    if shape != (None, 10):
        lecture.carry_from_pieces(
            sub, "output", shape, ko="모델의 출력 모양은 (None, 10)이어야 합니다.",
            en="The model's output shape must be (None, 10).", expected="(None, 10)", found_text=str(shape),
            hint_ko="마지막 층은 Dense(10, softmax)이고 그 앞에 Flatten이 있어야 합니다. None은 배치 크기입니다.",
            hint_en="The last layer is Dense(10, softmax), with Flatten before the dense layers; None is the "
                    "batch size.")


@check("cnn.build_model: total parameters", id="params", ko="전체 파라미터 수가 강의와 같다")
def test_build_model_params(sub):
    """Does the grader's rebuilt model have exactly 3,156,098 trainable and 0 non-trainable parameters?"""
    model = lecture.rebuilt_model(sub)
    show_summaries(sub, model)
    trainable, frozen = lecture.param_counts(model)
    rows = lecture.summary_rows(model)
    reference = lecture.lecture_summary()
    differ = [f"{r['layer']} {r['output_shape']} {r['params']:,}" for r, ref in zip(rows, reference)
              if r["params"] != ref["params"] or r["output_shape"] != ref["output_shape"]]
    where = f" ({differ[0]})" if differ else ""
    if trainable != lecture.LECTURE_PARAMS:
        lecture.carry_from_pieces(
            sub, "params", trainable, ko="학습 가능한 파라미터 수가 강의 모델과 다릅니다.",
            en="The number of trainable parameters differs from the lecture's model.",
            expected=f"{lecture.LECTURE_PARAMS:,}", found_text=f"{trainable:,}{where}",
            hint_ko="832 + 8,256 + 3,137,000 + 10,010 = 3,156,098. 합성곱의 padding=\"same\"과 필터 크기를 확인하세요: "
                    "크기가 바뀌면 Flatten 길이(3136)와 Dense 파라미터가 달라집니다.",
            hint_en="832 + 8,256 + 3,137,000 + 10,010 = 3,156,098. Check the convolutions' padding=\"same\" and "
                    "kernel sizes: another size changes the flatten length (3136) and the Dense parameters.")
    require(frozen == 0, ko="학습 불가능한 파라미터가 없어야 합니다.", en="There must be no non-trainable parameters.",
            expected="0", found=f"{frozen:,}",
            hint_ko="강의 모델에는 BatchNormalization이나 trainable=False 층이 없습니다.",
            hint_en="The lecture's model has no BatchNormalization and no trainable=False layers.")


# ---------------------------------------------------------------- 4. compile, train, evaluate

def compiled(sub):
    """What compile_model returned, after checking that it is the compiled model."""
    lecture.require_implemented(sub, "cnn.compile_model")
    value = lecture.prerequisite("cnn.compile_model", lambda: lecture.compiled_model(sub))
    require(value.kind == "Model", ko="compile_model은 컴파일한 모델을 돌려주어야 합니다.",
            en="compile_model must return the compiled model.", expected=Text("keras 모델", "the keras model"), found=value.short(),
            hint_ko="model.compile(...)은 None을 돌려줍니다. return model.compile(...)이 아니라 compile한 뒤 "
                    "return model 하세요.",
            hint_en="model.compile(...) returns None: compile first, then return model (not return "
                    "model.compile(...)).")
    config = value.compile_config
    require(config is not None, ko="돌려준 모델이 컴파일되지 않았습니다.", en="The model returned is not compiled.",
            expected=Text("model.compile(...) 호출", "model.compile(...) called"),
            found=Text("컴파일되지 않음", "not compiled"),
            hint_ko="model.compile(optimizer=..., loss=..., metrics=[...])을 호출하세요.",
            hint_en="Call model.compile(optimizer=..., loss=..., metrics=[...]).")
    return config


@check("cnn.compile_model: loss for integer labels", id="loss", ko="정수 레이블에 맞는 손실 함수를 쓴다")
def test_compile_loss(sub):
    """Is the model compiled with sparse categorical cross-entropy, the loss for integer labels 0-9?"""
    config = compiled(sub)
    losses = lecture.entries(config.get("loss"))
    require(losses, ko="손실 함수가 없습니다.", en="There is no loss.", expected=lecture.SPARSE_LOSS, found="None",
            hint_ko="compile(loss=\"sparse_categorical_crossentropy\")처럼 키워드로 주세요.",
            hint_en='Give it by keyword: compile(loss="sparse_categorical_crossentropy").')
    for loss in losses:
        kind, loss_config = lecture.loss_kind(loss)
        require(kind != "categorical", ko="categorical_crossentropy는 원-핫 레이블용입니다. 이 데이터의 레이블은 정수 0-9입니다.",
                en="categorical_crossentropy expects one-hot labels; these labels are integers 0-9.",
                expected=lecture.SPARSE_LOSS, found=lecture.loss_text(loss),
                hint_ko="정수 레이블에는 sparse_categorical_crossentropy를 씁니다 (레이블을 원-핫으로 바꾸지 않아도 됩니다).",
                hint_en="Integer labels take sparse_categorical_crossentropy (no one-hot encoding needed).")
        require(kind == "sparse", ko="분류에 맞는 교차 엔트로피 손실이 아닙니다.",
                en="This is not the cross-entropy loss for classification.",
                expected=lecture.SPARSE_LOSS, found=lecture.loss_text(loss),
                hint_ko="10개 클래스 분류, 정수 레이블: loss=\"sparse_categorical_crossentropy\".",
                hint_en='Ten classes with integer labels: loss="sparse_categorical_crossentropy".')
        require(not loss_config.get("from_logits"), ko="출력층이 softmax인데 from_logits=True입니다.",
                en="from_logits=True, but the output layer already applies softmax.",
                expected="from_logits=False", found="from_logits=True",
                hint_ko="softmax 확률을 받으므로 from_logits=False(기본값)로 두세요.",
                hint_en="The loss receives softmax probabilities: keep from_logits=False, the default.")


@check("cnn.compile_model: optimizer and accuracy metric", id="optimizer_metric", ko="옵티마이저와 정확도 지표를 정한다")
def test_compile_metric(sub):
    """Is there an optimizer and an accuracy metric, passed where Keras 3 expects metrics?"""
    config = compiled(sub)
    if lecture.positional_metrics_trap(config):
        fail(ko="지표 리스트가 metrics가 아니라 loss_weights에 들어갔습니다 (Keras 3 함정).",
             en="The metrics list landed in loss_weights, not metrics (a Keras 3 trap).",
             expected='metrics=["accuracy"]', found=f"loss_weights={config.get('loss_weights')}",
             hint_ko="Keras 3의 compile(optimizer, loss, loss_weights, metrics, ...)에서 세 번째 위치 인자는 loss_weights"
                     "입니다. model.compile(\"adam\", loss, [\"accuracy\"]) 대신 metrics=[\"accuracy\"]처럼 키워드로 넘기세요.",
             hint_en="In Keras 3, compile's third positional argument is loss_weights: instead of "
                     "model.compile(\"adam\", loss, [\"accuracy\"]), pass metrics=[\"accuracy\"] by keyword.")
    optimizer = config.get("optimizer")
    require(isinstance(optimizer, (str, dict)) and optimizer, ko="옵티마이저가 없습니다.", en="There is no optimizer.",
            expected='optimizer="adam"', found=repr(optimizer)[:80],
            hint_ko="compile(optimizer=\"adam\", ...)", hint_en='compile(optimizer="adam", ...)')
    metrics = lecture.entries(config.get("metrics")) + lecture.entries(config.get("weighted_metrics"))
    names = [m.get("class_name") if isinstance(m, dict) else str(m) for m in metrics]
    one_hot = any(lecture.loss_kind(loss)[0] == "categorical" for loss in lecture.entries(config.get("loss")))
    require(any(lecture.metric_is_accuracy(m, one_hot) for m in metrics), ko="정확도(accuracy) 지표가 없습니다.",
            en="There is no accuracy metric.", expected='metrics=["accuracy"]', found=", ".join(names) or "none",
            hint_ko="metrics=[\"accuracy\"] (또는 keras.metrics.SparseCategoricalAccuracy()). categorical_accuracy와 "
                    "keras.metrics.Accuracy()는 정수 레이블과 확률을 제대로 비교하지 못합니다.",
            hint_en='metrics=["accuracy"] (or keras.metrics.SparseCategoricalAccuracy()). categorical_accuracy '
                    "and keras.metrics.Accuracy() do not compare integer labels with probabilities.")


@check("cnn.train_model: returns the History of fit", id="history", ko="fit의 History를 돌려준다", trains=True)
def test_train_model(sub):
    """Does train_model fit on the digits given, for the epochs and batch size asked, and return the History?"""
    # The one fit the accuracy run measures too; 256 digits, 2 epochs, batch 64 when it does not run.
    model = lecture.model_to_train(sub, "cnn.train_model")
    history, really_fitted, _, plan = lecture.fit_to_judge(sub, model)
    require(history.kind == "History", ko="train_model은 model.fit이 돌려주는 History를 돌려주어야 합니다.",
            en="train_model must return the History that model.fit returns.", expected="keras.callbacks.History",
            found=history.short(),
            hint_ko="return model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0)",
            hint_en="return model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0)")
    losses = history.history.get("loss", [])
    require(len(losses) == plan.epochs and history.params.get("epochs") == plan.epochs,
            ko=f"요청한 에포크 수(epochs={plan.epochs})만큼 학습하지 않았습니다.",
            en=f"Called with epochs={plan.epochs}, it trained another number of epochs.",
            expected=Text(f"에포크 {plan.epochs}번", f"{plan.epochs} epochs"),
            found=Text(f"에포크 {len(losses)}번", f"{len(losses)} epochs"),
            hint_ko="epochs 인자를 그대로 fit에 넘기세요: model.fit(..., epochs=epochs).",
            hint_en="Pass the epochs argument on: model.fit(..., epochs=epochs).")
    steps = history.params.get("steps")
    require(steps == plan.steps, ko=f"요청한 배치 크기(batch_size={plan.batch_size})와 에포크당 단계 수가 맞지 않습니다.",
            en=f"Called with batch_size={plan.batch_size}, the steps per epoch differ.",
            expected=Text(f"{plan.steps}단계 ({plan.samples} / {plan.batch_size})",
                          f"{plan.steps} steps ({plan.samples} / {plan.batch_size})"),
            found=Text(f"{steps}단계", f"{steps} steps"),
            hint_ko="batch_size 인자를 그대로 fit에 넘기세요: model.fit(..., batch_size=batch_size).",
            hint_en="Pass the batch_size argument on: model.fit(..., batch_size=batch_size).")
    lecture.require_trained(really_fitted)
    require(all(np.isfinite(losses)), ko="학습 손실이 nan/inf입니다.", en="The training loss is nan or inf.",
            expected=Text("유한한 손실 값", "finite losses"), found=str(losses)[:80],
            hint_ko="이미지를 255로 나누었는지, 손실과 출력층이 맞는지 확인하세요.",
            hint_en="Check that the images are divided by 255 and that loss and output layer match.")


@check("cnn.evaluate_model: accuracy the grader can confirm", id="accuracy", ko="채점기가 확인할 수 있는 정확도를 돌려준다", trains=True)
def test_evaluate_model(sub):
    """Is evaluate_model's result a float in [0, 1] within 0.02 of the grader's own accuracy of the same weights?"""
    model = lecture.model_to_train(sub, "cnn.evaluate_model")
    model = lecture.evaluated_model(sub, model)  # the weights of the one fit when training worked
    v, model = lecture.training(sub, "cnn.evaluate_model", model, lambda target: sub.call(
        "cnn.evaluate_model", target, lecture.images("x_test", EVAL_SAMPLES), dataset("y_test", EVAL_SAMPLES)))
    number = v.kind in ("float", "int") or (v.kind == "numpy-scalar" and str(v.dtype).startswith("float"))
    require(number, ko="evaluate_model은 정확도를 float 하나로 돌려주어야 합니다.",
            en="evaluate_model must return the accuracy as one float.", expected="float", found=v.short(),
            hint_ko="model.evaluate는 [손실, 정확도]를 돌려줍니다. float(score[1])를 return 하세요.",
            hint_en="model.evaluate returns [loss, accuracy]: return float(score[1]).")
    accuracy = float(v.python())
    require(0.0 <= accuracy <= 1.0, ko="정확도는 0과 1 사이여야 합니다.", en="The accuracy must lie in [0, 1].",
            expected="0 ≤ accuracy ≤ 1", found=f"{accuracy:g}",
            hint_ko="백분율(100을 곱한 값)이나 손실이 아니라 정확도 score[1]을 그대로 돌려주세요.",
            hint_en="Return the accuracy score[1] itself, not a percentage and not the loss.")
    x, y = lecture.child_test(sub, EVAL_SAMPLES)  # what the child was given as x_test
    own = float(np.mean(lecture.predict_labels(lecture.weighted_model(model), x) == y))
    require(abs(accuracy - own) <= AGREEMENT, ko="돌려준 정확도가 채점기가 같은 가중치로 직접 잰 정확도와 다릅니다.",
            en="The accuracy returned differs from the grader's own measurement of the same weights.",
            expected=f"{own:.3f} ± {AGREEMENT}", found=f"{accuracy:.3f}",
            hint_ko="숫자를 적어 넣지 말고, 받은 x, y로 model.evaluate(x, y, verbose=0)를 계산하세요.",
            hint_en="Do not type a number in: compute model.evaluate(x, y, verbose=0) on the x and y given.")


# ---------------------------------------------------------------- 5. the accuracy run (grade submit)

def _model_for_accuracy(sub):
    """compile_model(build_model()), the model of the one fit, after checking that build_model gave a model."""
    checking = "cnn.train_model"
    lecture.require_implemented(sub, checking)
    model = lecture.prerequisite(checking, lambda: lecture.built_model(sub))
    require(model.kind == "Model", ko="정확도를 재려면 build_model이 모델을 돌려주어야 합니다.",
            en="Measuring accuracy needs build_model to return a model.", expected=Text("keras 모델", "a keras model"), found=model.short(),
            hint_ko="build_model 검사를 먼저 통과하세요.", hint_en="Pass the build_model checks first.")
    return lecture.model_to_train(sub, checking)


def _report_run(sub, history, model, images, labels, predicted, accuracy, threshold, source) -> None:
    """Plain data about the accuracy run for the reports."""
    confusion = np.zeros((lecture.NUM_CLASSES, lecture.NUM_CLASSES), dtype=np.int64)
    np.add.at(confusion, (labels, np.clip(predicted, 0, lecture.NUM_CLASSES - 1)), 1)
    wrong = np.flatnonzero(predicted != labels)[:MISCLASSIFIED_SHOWN]
    sub.artifacts.update({
        "accuracy": round(accuracy, 4),
        "threshold": threshold,
        "history": {k: [float(x) for x in v] for k, v in history.history.items()},
        "confusion": confusion.tolist(),
        "misclassified": [{"image": np.asarray(images[i], dtype=np.uint8).tolist(), "true": int(labels[i]),
                           "pred": int(predicted[i])} for i in wrong],
        "model_summary": lecture.summary_rows(model),
        "reference_summary": lecture.lecture_summary(),
        "device": sub.device,
        "data_source": source.name,
        "data_description": {"ko": source.description_ko, "en": source.description_en},
        "train_seconds": round(float(history.seconds), 2),
        "stand_in_compile": lecture.is_stand_in(model),
    })


@check("cnn.train_model: test accuracy on MNIST", id="test_accuracy", ko="MNIST 테스트 데이터 정확도가 기준을 넘는다", slow=True)
def test_accuracy(sub):
    """Does the student's model, compiled and trained by the student's functions (the one fit the training checks
    judge too), reach the course's test accuracy?"""
    course = sub.course
    source = sub.data_source or lecture.mnist(sub)[1]
    model = _model_for_accuracy(sub)
    try:
        history, _, model, _ = lecture.the_fit(sub, model)  # the training checks judge this fit too
    except CallError as error:
        if error.kind not in ("timeout", "cpu"):
            raise
        fail(ko=f"학습이 시간 제한 {course.limits.train_seconds:g}초 안에 끝나지 않았습니다.",
             en=f"Training did not finish within the {course.limits.train_seconds:g}-second budget.",
             expected=f"≤ {course.limits.train_seconds:g} s", found=error.kind,
             hint_ko="받은 epochs와 batch_size를 그대로 쓰고, 모델을 강의보다 크게 만들지 마세요.",
             hint_en="Use the epochs and batch_size given, and do not make the model bigger than the lecture's.")
    require(history.kind == "History", ko="train_model은 model.fit이 돌려주는 History를 돌려주어야 합니다.",
            en="train_model must return the History that model.fit returns.", expected="keras.callbacks.History",
            found=history.short(), hint_ko="return model.fit(...)", hint_en="return model.fit(...)")
    (_, _), (raw_images, raw_labels) = lecture.mnist(sub)[0]
    x, y = lecture.held_out(sub)
    trained = lecture.weighted_model(model)
    predicted = lecture.predict_labels(trained, x)
    accuracy = float(np.mean(predicted == y))
    threshold = course.accuracy_threshold(source)
    _report_run(sub, history, trained, raw_images, y, predicted, accuracy, threshold, source)
    require(accuracy >= threshold, ko=f"테스트 데이터 정확도가 기준 {threshold:.2f}에 못 미칩니다.",
            en=f"The test accuracy is below the {threshold:.2f} threshold.", expected=f"≥ {threshold:.2f}",
            found=f"{accuracy:.4f}",
            hint_ko="층 구성(build_model 검사), 이미지 전처리(/255), 손실과 옵티마이저(adam)를 확인하세요.",
            hint_en="Check the layers (build_model checks), the preprocessing (/255), the loss and the optimizer "
                    "(adam).")
