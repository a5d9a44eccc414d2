"""Hidden checks for the `cnn` module: other inputs of the same behaviour.

Messages describe the problem in words; they never show the inputs used here.
"""


import numpy as np

from grader.checks import (
    carried_forward,
    check,
    dataset,
    fail,
    require,
    same_rule_as,
    shared_helpers,
)
from grader.messages import Text

lecture = shared_helpers(__file__)

OTHER_INPUT = (32, 32, 3)


@check("cnn.prepare_images: other batch sizes and pixel values", id="other_batches", ko="다른 배치 크기와 픽셀 값")
def test_prepare_images_other(sub):
    """Does prepare_images handle one image and a batch of random pixel values the same way?"""
    with same_rule_as("cnn.prepare_images: float32 (N, 28, 28, 1) in [0, 1]"):
        rng = np.random.default_rng(11)
        for n in (1, 5):
            images = rng.integers(0, 256, size=(n, 28, 28), dtype=np.uint8)
            v = lecture.quiet_call(sub, "cnn.prepare_images", images)
            lecture.check_prepared(sub, v, images, hidden=True)


@check("cnn.first_conv: builds for the input shape it is given", id="input_shape", ko="받은 입력 모양으로 빌드한다")
def test_first_conv_input_shape(sub):
    """Is first_conv built for the input_shape argument (not a fixed 28x28x1), with the right shape and parameters?"""
    v = lecture.quiet_call(sub, "cnn.first_conv", input_shape=OTHER_INPUT)
    layer = lecture.layer_of(v, "cnn.first_conv", "Conv2D")
    built = (v.data.get("serialized") or {}).get("build_config") or {}
    shape = built.get("input_shape")
    reordered = shape is not None and sorted(tuple(shape)[1:]) == sorted(OTHER_INPUT)
    require(shape is None or tuple(shape)[1:] == OTHER_INPUT,
            ko="first_conv가 받은 input_shape가 아니라 " + ("축의 순서를 바꾼 모양으로" if reordered else "고정된 모양으로")
               + " 빌드되었습니다.",
            en="first_conv was built for " + ("the input_shape with its axes reordered" if reordered else
                                              "a fixed shape") + ", not for the input_shape it was given.",
            expected=Text("input_shape로 빌드", "built for input_shape"),
            found=Text("다른 모양으로 빌드", "built for another shape"),
            hint_ko=lecture.ORDER_HINT[0] if reordered else "conv.build((None, *input_shape))처럼 인자로 받은 input_shape를 쓰세요.",
            hint_en=lecture.ORDER_HINT[1] if reordered else "Use the input_shape argument: conv.build((None, *input_shape)).")
    with same_rule_as("cnn.first_conv: 32 filters of 5x5, same padding, relu"):
        want = lecture.reference_model(OTHER_INPUT).layers[0]
        got_shape, got_params = lecture.layer_on_or_none(layer, OTHER_INPUT)
        require(got_shape == tuple(want.output.shape) and got_params == want.count_params(),
                ko="다른 입력 모양에서 first_conv의 출력 모양이나 파라미터 수가 강의의 층과 다릅니다.",
                en="On another input shape, first_conv's output shape or parameter count differs from the lecture's "
                   "layer.", expected=Text("그 입력에서 강의의 Conv2D(32, 5x5, same)", "the lecture's Conv2D(32, 5x5, same) on that input"),
                found=Text("다른 결과", "something else"),
                hint_ko="필터 하나의 가중치 수는 입력 채널 수에 따라 달라집니다: (5*5*채널+1)*32.",
                hint_en="A filter's weights depend on the input channels: (5*5*channels+1)*32.")


@check("cnn.dropout: other rates", id="other_rates", ko="다른 비율도 지킨다")
def test_dropout_other(sub):
    """Does dropout use whatever rate it is given?"""
    with same_rule_as("cnn.dropout: keeps the rate asked for"):
        for rate in (0.1, 0.6):
            layer = lecture.layer_of(lecture.quiet_call(sub, "cnn.dropout", rate), "cnn.dropout", "Dropout")
            require(float(layer.get_config().get("rate", -1)) == rate,
                    ko="다른 rate로 부르자 dropout이 그 비율을 쓰지 않았습니다.",
                    en="Called with another rate, dropout did not use it.", expected="Dropout(rate)",
                    found=Text("다른 비율", "another rate"), hint_ko="layers.Dropout(rate): 받은 rate를 그대로 쓰세요.",
                    hint_en="layers.Dropout(rate): use the rate argument as given.")


@check("cnn.build_model: other input shapes", id="other_inputs", ko="다른 입력 모양에서도 맞다")
def test_build_model_other_input(sub):
    """Does build_model(input_shape) build the lecture's layers for another input shape, with its parameter count?"""
    value = lecture.quiet_call(sub, "cnn.build_model", input_shape=OTHER_INPUT)
    require(value.kind == "Model", ko="build_model이 모델을 돌려주지 않았습니다.", en="build_model did not return a model.",
            expected=Text("keras 모델", "a keras model"), found=value.short(), hint_ko="return keras.Sequential([...])",
            hint_en="return keras.Sequential([...])")
    output, trainable = lecture.model_facts_or_none(value, OTHER_INPUT)
    reference = lecture.reference_model(OTHER_INPUT)
    want, _ = lecture.param_counts(reference)
    if output == (None, 10) and trainable == want:
        return
    ko = "다른 입력 모양으로 부르자 build_model의 출력이나 파라미터 수가 강의 모델과 다릅니다."
    en = "Called with another input shape, build_model's output or parameter count differs from the lecture's model."
    expected = Text("그 입력 모양의 강의 모델", "the lecture's model for that input shape")
    found = Text("다른 모델", "a different model")
    fact, found_fact = ("params", trainable) if trainable != want else ("output", output)
    pieces = lecture.carried_pieces(sub, fact, found_fact, OTHER_INPUT)
    if pieces is not None:  # the lecture's model from the student's own layers: their mistake, carried
        cause = lecture.pieces_cause(pieces)
        carried_forward(tuple(p.function for p in pieces), cause, ko=ko, en=en, expected=expected, found=found,
                        hint_ko=f"이 차이는 {cause.ko}에서 옵니다.", hint_en=f"This follows from {cause.en}.")
    public = lecture.rebuilt_model(sub)  # a model the grader cannot rebuild fails here, on its own
    with same_rule_as("cnn.build_model: total parameters"):  # already wrong on the lecture's input
        require(lecture.param_counts(public)[0] == lecture.LECTURE_PARAMS, ko=ko, en=en, expected=expected,
                found=found, hint_ko="build_model의 공개 검사 안내를 먼저 따르세요.",
                hint_en="Follow the feedback of build_model's public checks first.")
    fail(ko=ko, en=en, expected=expected, found=found,
         hint_ko="keras.Input(shape=input_shape)과 first_conv(input_shape)처럼 input_shape 인자를 쓰고 (28, 28, 1)을 "
                 "고정하지 마세요.",
         hint_en="Use the input_shape argument (keras.Input(shape=input_shape), first_conv(input_shape)); do "
                 "not hard-code (28, 28, 1).")


@check("cnn.train_model: uses the epochs and batch size given", id="epochs_batch", ko="받은 에포크와 배치 크기를 쓴다", trains=True)
def test_train_model_arguments(sub):
    """Called with other epochs and another batch size than the accuracy run's, does train_model run exactly the
    epochs asked and the steps the batch size asked gives (numbers typed into train_model may match the
    accuracy run's, never these)?"""
    with same_rule_as("cnn.train_model: returns the History of fit"):
        model = lecture.model_to_train(sub, "cnn.train_model")
        _, really_fitted, _, _ = lecture.quiet_fit(sub, model)
    # Not a slip carried from the public check: a History without real training earns none of
    # train_model's checks (a forged History with nudged weights is evidence, not a mistake).
    lecture.require_trained(really_fitted)
    with same_rule_as("cnn.train_model: returns the History of fit"):
        history, plan = lecture.probe_fit(sub, model)
        require(history.kind == "History", ko="train_model이 History를 돌려주지 않았습니다.",
                en="train_model did not return a History.", expected="keras.callbacks.History", found=history.short(),
                hint_ko="return model.fit(...)", hint_en="return model.fit(...)")
        ran = len(history.history.get("loss", []))
        require(ran == plan.epochs and history.params.get("epochs") == plan.epochs,
                ko="다른 에포크 수로 부르자 그 수만큼 학습하지 않았습니다.",
                en="Called with another number of epochs, it did not train that many.",
                expected=Text("요청한 에포크 수", "the epochs asked for"),
                found=Text("다른 에포크 수", "another number of epochs"),
                hint_ko="에포크 수를 함수 안에 적지 말고 받은 epochs 인자를 fit에 넘기세요.",
                hint_en="Do not write the number of epochs into the function: pass the epochs argument to fit.")
        require(history.params.get("steps") == plan.steps,
                ko="다른 배치 크기로 부르자 그 배치 크기로 학습하지 않았습니다.",
                en="Called with another batch size, it did not train with it.",
                expected=Text("요청한 배치 크기", "the batch size asked for"),
                found=Text("다른 배치 크기", "another batch size"),
                hint_ko="배치 크기를 함수 안에 적지 말고 받은 batch_size 인자를 fit에 넘기세요.",
                hint_en="Do not write the batch size into the function: pass the batch_size argument to fit.")


@check("cnn.evaluate_model: agrees on other data", id="other_data", ko="다른 데이터에서도 일치한다", trains=True)
def test_evaluate_model_other(sub):
    """Does evaluate_model measure the data it is given (agreeing with the grader on another sample)?"""
    with same_rule_as("cnn.evaluate_model: accuracy the grader can confirm"):
        model = lecture.model_to_train(sub, "cnn.evaluate_model")
        model = lecture.evaluated_model(sub, model)  # the weights of the one fit when training worked
        samples = 300
        v, model = lecture.quiet_training(sub, "cnn.evaluate_model", model, lambda target: sub.call(
            "cnn.evaluate_model", target, lecture.images("x_train", samples), dataset("y_train", samples)))
        number = v.kind in ("float", "int") or (v.kind == "numpy-scalar" and str(v.dtype).startswith("float"))
        require(number, ko="evaluate_model이 float를 돌려주지 않았습니다.", en="evaluate_model did not return a float.",
                expected="float", found=v.short(), hint_ko="float(score[1])", hint_en="float(score[1])")
        from grader import data

        (x_train, y_train), _ = lecture.mnist(sub)[0]
        x, y = data.prepare(x_train[:samples]), np.asarray(y_train[:samples]).astype(np.int64)
        own = float(np.mean(lecture.predict_labels(lecture.weighted_model(model), x) == y))
        if abs(float(v.python()) - own) > 0.02:
            fail(ko="다른 데이터에서 evaluate_model의 정확도가 채점기가 잰 값과 다릅니다.",
                 en="On other data, evaluate_model's accuracy differs from the grader's own measurement.",
                 expected=Text("받은 x, y에서의 정확도", "the accuracy on the x, y given"),
                 found=Text("다른 수", "another number"),
                 hint_ko="받은 x, y로 model.evaluate(x, y, verbose=0)를 계산하세요.",
                 hint_en="Compute model.evaluate(x, y, verbose=0) on the x and y given.")
