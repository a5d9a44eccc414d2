"""Trusted helpers the graded checks share: the lecture's model, memoised calls, the grader's data.

Everything here runs in the grader's process and works on plain data from
``sub`` (never on a submission's objects): the lecture's reference model is
built here with keras, submitted models are rebuilt from their JSON, and the
test split is loaded with :func:`grader.data.load_mnist`. The comparisons
that public and hidden checks both make live here too; with ``hidden=True``
their messages describe a problem without showing the inputs. Check files
load this module by its path (``_load_lecture`` at the top of each).
"""

from __future__ import annotations

import ast
import functools
import math
from dataclasses import dataclass

import numpy as np

from grader.checks import CallError, Prerequisite, carried_forward, dataset, fail, require, tensor, text
from grader.checks.runner import call_feedback
from grader.engine.holdout import predict_labels  # noqa: F401  (the checks call lecture.predict_labels)
from grader.messages import Text
from grader.record.results import Feedback
from grader.sandbox.host.values import Unrebuildable, Value, activation_of, activation_text

LECTURE_COMPILE = {"optimizer": "adam", "loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"]}
"""How the lecture compiles its model: what the grader's stand-in for a compile_model that cannot train on
integer labels is compiled with, so that train_model and evaluate_model are still judged on their own."""
PIXEL_MAX = 255.0
"""MNIST's pixels are 0-255; the lecture's prepared images are pixel / 255 with a channel axis."""


def images(split: str, limit: int = 0):
    """The grader's ``x_train`` / ``x_test`` as the lecture prepares them (float32 in [0, 1], (N, 28, 28, 1)),
    built in the child (its first ``limit`` images; 0: all)."""
    return dataset(split, limit, divide=PIXEL_MAX, channel=True)

KERAS_LAYER_MODULES = ("keras.layers", "keras.src.layers")
LECTURE_INPUT = (28, 28, 1)
LECTURE_LAYERS = ("Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Dropout", "Flatten", "Dense",
                  "Dropout", "Dense")
LECTURE_PARAMS = 3_156_098
NUM_CLASSES = 10
SPARSE_LOSS = "sparse_categorical_crossentropy"
ACCURACY_NAMES = ("accuracy", "acc", "sparse_categorical_accuracy")
# the one fit without the accuracy run (grade check cnn.train_model): 256 digits, 2 epochs of 4 steps;
# also how many of the digits trained on the grader's own loss is measured on
TRAIN_SAMPLES, TRAIN_EPOCHS, TRAIN_BATCH = 256, 2, 64


# ------------------------------------------------------------------ the lecture's model, built here

@functools.lru_cache(maxsize=4)
def reference_model(input_shape: tuple = LECTURE_INPUT):
    """The lecture's CNN for ``input_shape``, built by the grader with keras' own layers."""
    import keras
    from keras import layers

    return keras.Sequential([
        keras.Input(shape=input_shape),
        layers.Conv2D(32, (5, 5), strides=(1, 1), padding="same", activation="relu"),
        layers.MaxPooling2D((2, 2), strides=(2, 2)),
        layers.Conv2D(64, (2, 2), padding="same", activation="relu"),
        layers.MaxPooling2D((2, 2), strides=(2, 2)),
        layers.Dropout(0.25),
        layers.Flatten(),
        layers.Dense(1000, activation="relu"),
        layers.Dropout(0.5),
        layers.Dense(NUM_CLASSES, activation="softmax"),
    ])


def model_layers(model) -> list:
    """The model's layers in order, nested models unrolled, input layers left out."""
    found = []
    for layer in model.layers:
        if type(layer).__name__ == "InputLayer":
            continue
        if hasattr(layer, "layers") and isinstance(getattr(layer, "layers"), list):
            found.extend(model_layers(layer))
        else:
            found.append(layer)
    return found


def _shape_text(layer) -> str:
    try:
        return str(tuple(layer.output.shape))
    except Exception:  # a layer used twice or never called has no single output
        return "?"


def summary_rows(model) -> list[dict]:
    """``model.summary()`` as plain data: layer class, output shape, parameter count."""
    return [{"layer": type(layer).__name__, "output_shape": _shape_text(layer),
             "params": int(layer.count_params()) if layer.built else 0} for layer in model_layers(model)]


def lecture_summary(input_shape: tuple = LECTURE_INPUT) -> list[dict]:
    """The lecture's summary rows (for reports and for comparisons)."""
    return summary_rows(reference_model(input_shape))


def param_counts(model) -> tuple[int, int]:
    """(trainable, non-trainable) parameters, counted from the weight shapes."""
    def count(weights) -> int:
        return int(sum(int(np.prod(w.shape)) for w in weights))

    return count(model.trainable_weights), count(model.non_trainable_weights)


def layer_on(layer, input_shape: tuple) -> tuple[tuple, int]:
    """A fresh copy of a (keras-own) layer called on ``keras.Input(input_shape)``: output shape, params."""
    import keras

    fresh = type(layer).from_config(layer.get_config())
    output = fresh(keras.Input(shape=input_shape))
    return tuple(output.shape), int(fresh.count_params())


def layer_on_or_none(layer, input_shape: tuple) -> tuple[tuple | None, int | None]:
    """:func:`layer_on`, or ``(None, None)`` when the layer cannot take that input."""
    try:
        return layer_on(layer, input_shape)
    except Exception:
        return None, None


def model_facts_or_none(value, input_shape: tuple) -> tuple[tuple | None, int | None]:
    """A submitted model's output shape and trainable parameters as the grader rebuilds it, or Nones."""
    for shapes_only in (False, True):
        try:
            model = value.model(with_weights=False, input_shape=input_shape, shapes_only=shapes_only)
            return tuple(model.output_shape), param_counts(model)[0]
        except Exception:
            continue
    return None, None


def pair(value) -> tuple | None:
    """``5`` or ``[5, 5]`` (a layer config's kernel_size, strides, pool_size) as ``(5, 5)``."""
    if isinstance(value, int):
        return (value, value)
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return None


def activation_name(value) -> str:
    """The Keras activation a layer config's entry computes (``"relu"`` for ``"relu"``,
    ``keras.activations.relu`` and ``tf.nn.relu``; ``"softmax"`` for ``tf.nn.softmax``); what the
    student wrote, in words, when it is none of Keras' own."""
    return activation_of(value) or activation_text(value)


# ------------------------------------------------------------------ calls, memoised and explained

def source(sub, module: str) -> str | None:
    """The submitted source of ``module`` as text (the grader's own copy; never imported here)."""
    return sub.sources.get(module)


def _still_a_stub(node: ast.FunctionDef) -> bool:
    body = [s for s in node.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or body[0].exc is None:
        return False
    exc = body[0].exc
    target = exc.func if isinstance(exc, ast.Call) else exc
    return isinstance(target, ast.Name) and target.id == "NotImplementedError"


def require_implemented(sub, function: str) -> None:
    """Report a still-untouched stub as not implemented before calling the functions it depends on."""
    module, _, name = function.partition(".")
    text = source(sub, module)
    if text is None:
        return
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return  # the call itself reports the import error
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name and _still_a_stub(node):
            raise CallError("exception", function, "NotImplementedError", f"{name}: not implemented yet")


def needs(*, ko: str, en: str, expected, found, hint_ko: str, hint_en: str):
    """Fail as :func:`fail` does, as a :class:`Prerequisite`: the check cannot run without another exercise."""
    raise Prerequisite(Feedback(Text(ko, en), text(expected), text(found), Text(hint_ko, hint_en)))


def prerequisite(checking: str, make):
    """``make()``, where a failed call into another function says so in ``checking``'s terms."""
    try:
        return make()
    except CallError as error:
        own_failure = error.function == checking or error.kind in ("lost", "import", "gave-up")
        if own_failure or (error.kind == "missing" and error.message.endswith(".py")):
            raise
        why = call_feedback(error).summary
        needs(ko=f"`{checking}`을(를) 검사하려면 `{error.function}`이(가) 먼저 동작해야 합니다. {why.ko}",
             en=f"Checking `{checking}` needs a working `{error.function}` first. {why.en}",
             expected=Text(f"{error.function}이(가) 동작함", f"{error.function} works"), found=error.error_type or error.kind,
             hint_ko=f"`{error.function}` 검사의 안내를 먼저 따라 고치세요.",
             hint_en=f"Fix `{error.function}` first, following its own check's feedback.")


def quiet_call(sub, function: str, *args, **kwargs):
    """``sub.call`` for hidden checks: an exception is reported by type and place only, because its
    message may quote the hidden input (``unknown task: '...'``)."""
    try:
        return sub.call(function, *args, **kwargs)
    except CallError as error:
        _quiet_failure(function, error)


def quiet_training(sub, function: str, model, run):
    """:func:`training` for hidden checks: an exception is reported as :func:`quiet_call` does."""
    try:
        return training(sub, function, model, run)
    except CallError as error:
        _quiet_failure(function, error)


def _quiet_failure(function: str, error: CallError):
    if error.kind != "exception" or error.error_type == "NotImplementedError":
        raise error
    where = error.where or {}
    place = f"{where.get('file')} {where.get('line')}: {where.get('code')}" if where else ""
    fail(ko=f"다른 입력으로 부르자 `{function}`에서 {error.error_type} 오류가 났습니다.",
         en=f"Called with other inputs, `{function}` raised {error.error_type}.",
         expected=Text("오류 없이 값을 돌려줌", "a value, no error"), found=place or error.error_type,
         hint_ko="docstring에 나온 다른 입력(다른 모양, dtype, 이름)으로도 함수를 직접 실행해 보세요.",
         hint_en="Try your function yourself on the other inputs its docstring allows (shapes, dtypes, "
                 "names).")


def _memo(sub, key: str, make):
    if key not in sub.cache:
        try:
            sub.cache[key] = ("ok", make())
        except Exception as error:  # remembered, so a broken call is not repeated by every check
            sub.cache[key] = ("error", error)
    state, value = sub.cache[key]
    if state == "error":
        raise value
    return value


def call_once(sub, function: str, *args, **kwargs):
    """``sub.call`` remembered under the function's name: one call per submission."""
    return _memo(sub, function, lambda: sub.call(function, *args, **kwargs))


def built_model(sub):
    """The Value of ``build_model()``."""
    return call_once(sub, "cnn.build_model")


def rebuilt_model(sub):
    """``build_model()`` rebuilt by the grader from its JSON (no weights needed to count)."""
    value = built_model(sub)
    return _memo(sub, "cnn.build_model (rebuilt)", lambda: _rebuild(value))


def _rebuild(value):
    if value.kind != "Model":
        fail(ko="build_model은 keras 모델을 돌려주어야 합니다.", en="build_model must return a keras model.",
             expected="keras.Sequential / keras.Model", found=value.short(),
             hint_ko="keras.Sequential([...])을 만들어 return 하세요.",
             hint_en="Create a keras.Sequential([...]) and return it.")
    return shapes_model(value)


def shapes_model(value, input_shape: tuple = LECTURE_INPUT):
    """``value``'s model rebuilt for shapes and parameter counts: a model whose activation the grader
    cannot rebuild (the student's own function) still has its layers, shapes and parameters graded."""
    try:
        return value.model(with_weights=False, input_shape=input_shape)
    except Exception:
        pass
    try:
        return value.model(with_weights=False, input_shape=input_shape, shapes_only=True)
    except Exception as error:
        cannot_rebuild(value, error)


def weighted_model(value):
    """``value``'s model with the child's weights, rebuilt by the grader for predictions."""
    try:
        return value.model()
    except CallError:
        raise
    except Exception as error:
        cannot_rebuild(value, error)


def cannot_rebuild(value, error) -> None:
    """Fail, saying plainly what the grader could not rebuild; the student is blamed only for what is
    really in their model (their own activation function, Layer class or Lambda layer)."""
    if type(error).__name__ == "TooLarge":  # the grader's size limit, checked on the description
        fail(ko="모델이 채점기가 만드는 크기보다 큽니다 (파라미터 5천만 개 초과).",
             en="The model is larger than the grader builds (more than 50,000,000 parameters).",
             expected=f"{LECTURE_PARAMS:,}", found=str(error)[:160],
             hint_ko="강의 모델의 층과 크기를 그대로 쓰세요: 파라미터는 3,156,098개입니다.",
             hint_en="Use the lecture's layers and sizes: the model has 3,156,098 parameters.")
    parts = error.parts if isinstance(error, Unrebuildable) else value.unknown_parts()
    if parts:
        fail(ko="채점기가 모델의 다음 부분을 다시 만들 수 없습니다: " + ", ".join(parts) + ".",
             en="The grader cannot rebuild these parts of the model: " + ", ".join(parts) + ".",
             expected=Text("keras의 층과 활성화 함수로 만든 모델", "a model of keras' own layers and activations"),
             found=", ".join(parts),
             hint_ko="직접 만든 함수나 층 대신 keras의 것을 쓰세요: activation=\"relu\", layers.ReLU() 등.",
             hint_en='Use keras\' own instead of a function or layer of your own: activation="relu", '
                     "layers.ReLU() and so on.")
    if type(error).__name__ == "Unmeasurable":  # its size is unknown until built: the grader builds nothing
        fail(ko="채점기가 설정만 보고 이 모델의 크기를 셀 수 없어 만들지 않았습니다 (다른 모델 안에 든 모델 등).",
             en="The grader cannot count this model's size from its configuration (a model inside another "
                "model, for one), so it does not build it.",
             expected=Text("keras 층을 한 줄로 쌓은 모델", "a model of keras layers, one after another"),
             found=str(error)[:160],
             hint_ko="강의처럼 keras.Sequential([...])에 층을 직접 나열하세요. 모델 안에 모델을 넣지 마세요.",
             hint_en="List the layers in keras.Sequential([...]) as the lecture does; do not put a model "
                     "inside another.")
    fail(ko="채점기가 저장된 설정에서 이 모델을 다시 만들지 못했습니다. 학생의 잘못이 아닐 수 있으니 선생님께 알려 주세요.",
         en="The grader could not rebuild this model from its saved configuration. This may not be your "
            "mistake: please tell your instructor.",
         expected=Text("채점기가 다시 만든 모델", "the model rebuilt by the grader"),
         found=f"{type(error).__name__}: {str(error)[:160]}")


def compiled_model(sub):
    """The Value of ``compile_model(build_model())``."""
    return call_once(sub, "cnn.compile_model", built_model(sub))


def model_to_train(sub, checking: str):
    """The compiled model (what compile_model returned, or the model it compiled in place)."""
    require_implemented(sub, checking)
    value = prerequisite(checking, lambda: compiled_model(sub))
    return trainable(value, built_model(sub), checking)


def trainable(returned, built, checking: str):
    """The model to train: what compile_model returned, or (when it returned something else) the model it
    was given, which it may have compiled in place.

    A compile config that departs from the docstring (``categorical_crossentropy``, say) is not refused
    here: the student's own train_model and evaluate_model may work with it (labels made one-hot inside
    them), and are graded on what they achieve. When training then fails, :func:`training` says that
    compile_model is why."""
    if returned.kind != "Model":
        return built  # its description predates compile_model: fit itself will say if it is not compiled
    returned.compile_problem = compile_problem(returned.compile_config)
    return returned


def training(sub, checking: str, model, run):
    """``run(model)`` (calls that train or evaluate ``model``) as ``(its result, the model it ran on)``.

    When ``run`` raises because compile_model compiled the model so that it cannot train on integer
    labels (a mistake its own check charges), it runs again on a stand-in: a fresh model from the
    student's build_model, compiled by the grader as the lecture does. train_model and evaluate_model
    are so judged on their own work, not charged again for compile_model's (error carried forward).
    Only when no stand-in can be made is the failure reported as compile_model's."""
    try:
        return run(model), model
    except CallError as error:
        problem = getattr(model, "compile_problem", None)
        if error.kind != "exception" or error.error_type == "NotImplementedError" or problem is None:
            raise
        failed = error
    stand_in = _stand_in(sub, checking, model, problem, failed)
    return run(stand_in), stand_in


def is_stand_in(model) -> bool:
    """Whether ``model`` is a stand-in of :func:`training` (compiled by the grader, not by compile_model)."""
    return getattr(model, "stand_in", False)


def _stand_in(sub, checking: str, model, problem: tuple, error: CallError):
    """The stand-in for ``model`` (see :func:`training`), one per model the student compiled."""
    def make():
        fresh = sub.call("cnn.build_model")
        sub.compile(fresh, function=checking, **LECTURE_COMPILE)
        fresh.stand_in = True
        return fresh

    try:
        return _memo(sub, f"cnn.compile_model (the grader's stand-in for {model.ref})", make)
    except CallError:
        needs(ko=f"`{checking}`을(를) 검사하려면 compile_model이 학습할 수 있게 컴파일해야 합니다. " + problem[0],
             en=f"Checking `{checking}` needs compile_model to compile the model so that it can train. "
                + problem[1],
             expected=Text("학습할 수 있게 컴파일한 모델", "a model compiled so that it can train"),
             found=f"{problem[2]}: {error.error_type}",
             hint_ko="compile_model 검사의 안내를 먼저 따라 고치세요. 손실을 바꾸지 않으려면 train_model과 "
                     "evaluate_model 안에서 레이블을 원-핫으로 바꾸어야 합니다.",
             hint_en="Fix compile_model first, following its own check's feedback (or, to keep that loss, make the "
                     "labels one-hot inside train_model and evaluate_model).")


@dataclass(frozen=True)
class FitPlan:
    """What the one training of a submission asks ``train_model`` for (see :func:`fit_plan`)."""

    samples: int
    epochs: int
    batch_size: int
    timeout: float | None = None

    @property
    def steps(self) -> int:
        """Steps per epoch keras takes for ``samples`` digits in batches of ``batch_size`` (the last one short)."""
        return math.ceil(self.samples / self.batch_size)


def fit_plan(sub) -> FitPlan:
    """The one training's budget: the accuracy run's (``[accuracy]`` and ``[limits] train_seconds`` of
    ``course.toml``) when the accuracy run is among the checks run, else a short fit (256 digits, 2 epochs
    of 4 steps) for ``grade check cnn.train_model``."""
    if getattr(sub, "accuracy_run", True):
        course = sub.course
        source = sub.data_source or mnist(sub)[1]
        return FitPlan(course.train_samples(source), course.accuracy.epochs, course.accuracy.batch_size,
                       course.limits.train_seconds)
    return FitPlan(TRAIN_SAMPLES, TRAIN_EPOCHS, TRAIN_BATCH)


PROBE = FitPlan(32, 2, 16)
"""The hidden twin's call of ``train_model``: other epochs and another batch size than the accuracy run asks for
(32 digits, 2 epochs of 2 steps), so a ``train_model`` that types in the accuracy run's numbers is caught."""
PROBE_KEY = "cnn.train_model (the hidden twin's short call)"


def the_fit(sub, model) -> tuple:
    """``(history, fitted, the model trained, plan)``: ``train_model`` run once per submission, on
    :func:`fit_plan`'s digits, epochs and batch size. The training checks, the evaluate checks and the
    accuracy run all judge this one fit, whichever asks first.

    With the accuracy run, the same model is first given :data:`PROBE`'s four small steps (the hidden twin's
    call with other numbers, :func:`probe_fit`): on the same model keras traces no more graphs than the fit
    alone would, so the twin costs a fraction of a second instead of a second training.

    The weights are read before and after, so :func:`require_trained` can tell real training from a
    History made up without it (or a nudge to the weights). The model trained is the stand-in of
    :func:`training` when the student's compiled model could not train."""
    plan = fit_plan(sub)
    probing = getattr(sub, "accuracy_run", True)

    def run(target):
        probe = _probe_call(sub, target) if probing else None
        return measured_fit(sub, target, plan.samples, plan.epochs, plan.batch_size, plan.timeout), probe

    def train():
        ((history, really_fitted), probe), trained = training(sub, "cnn.train_model", model, run)
        if probe is not None:
            sub.cache[PROBE_KEY] = probe
        return history, really_fitted, trained, plan
    return _memo(sub, "cnn.train_model", train)


def _probe_call(sub, target) -> tuple:
    """``("ok", (History, PROBE))`` or ``("error", CallError)`` of the hidden twin's call on ``target``. A failure
    that stops the fit too (the child lost or out of time, a compile_model whose model cannot train, for which
    :func:`training` makes its stand-in) is raised instead."""
    try:
        return "ok", (sub.call("cnn.train_model", target, images("x_train", PROBE.samples),
                               dataset("y_train", PROBE.samples), epochs=PROBE.epochs,
                               batch_size=PROBE.batch_size), PROBE)
    except CallError as error:
        if error.kind != "exception" or error.error_type == "NotImplementedError" or \
                getattr(target, "compile_problem", None) is not None:
            raise
        return "error", error


def probe_fit(sub, model) -> tuple:
    """``(History, plan)`` for the hidden twin: the call with :data:`PROBE`'s other numbers made beside the one fit
    (its failure reported as :func:`quiet_call` does), or the one fit itself when it made none (no accuracy run, or
    the accuracy run's fit ran out of time and a short fit, with other numbers, stood in)."""
    history, _, _, plan = quiet_fit(sub, model)
    state, value = sub.cache.get(PROBE_KEY, ("ok", (history, plan)))
    if state == "error":
        _quiet_failure("cnn.train_model", value)
    return value


def fit_to_judge(sub, model) -> tuple:
    """:func:`the_fit`, for the checks of training and evaluation. When the accuracy run's fit ran out of
    time (its own check says so), these checks judge a short fit instead, as they would without the
    accuracy run: a model too big or too slow to train in time is not train_model's mistake, nor
    evaluate_model's, and costs its points once."""
    try:
        return the_fit(sub, model)
    except CallError as error:
        if error.kind not in ("timeout", "cpu") or not getattr(sub, "accuracy_run", True):
            raise
    plan = FitPlan(TRAIN_SAMPLES, TRAIN_EPOCHS, TRAIN_BATCH)

    def train():  # the child that ran out of time is gone, and the model with it: a fresh one, compiled
        built = sub.call("cnn.build_model")
        fresh = trainable(sub.call("cnn.compile_model", built), built, "cnn.train_model")
        (history, really_fitted), trained = training(sub, "cnn.train_model", fresh, lambda target: measured_fit(
            sub, target, plan.samples, plan.epochs, plan.batch_size))
        return history, really_fitted, trained, plan
    return _memo(sub, "cnn.train_model (short, the accuracy run's fit out of time)", train)


def evaluated_model(sub, model):
    """The model the evaluate checks measure: ``model`` after the one fit when training worked (else as
    it is), or the short fit's fresh model when the accuracy run's fit ran out of time (the child that held
    ``model`` is gone)."""
    try:
        trained = fit_to_judge(sub, model)[2]
    except Exception:  # noqa: BLE001 - the evaluate checks judge evaluate_model, not training
        return model
    return trained if trained.generation != model.generation else model


def quiet_fit(sub, model) -> tuple:
    """:func:`fit_to_judge` for hidden checks: a failed call is reported as :func:`quiet_call` does."""
    try:
        return fit_to_judge(sub, model)
    except CallError as error:
        _quiet_failure("cnn.train_model", error)


def measured_fit(sub, model, samples: int, epochs: int, batch_size: int, timeout: float | None = None) -> tuple:
    """``(History, fitted)``: ``train_model`` on the first ``samples`` training digits, with the weights read
    before and after so that :func:`fitted` can tell real training from a made-up History."""
    before = sub.weights(model)
    history = sub.call("cnn.train_model", model, images("x_train", samples), dataset("y_train", samples),
                       epochs=epochs, batch_size=batch_size, timeout=timeout)
    return history, fitted(sub, model, before, sub.weights(model), min(samples, TRAIN_SAMPLES))


MIN_LOSS_DROP = 0.01
"""How much the grader's own loss on the training digits must fall (real training: 2.30 to about 1.4;
a small nudge to the weights: ±0.001)."""


def fitted(sub, model, before: list, after: list, samples: int) -> bool:
    """Whether train_model really fitted the model on the digits it was given: the weights changed, and
    the grader's own cross-entropy of the first ``samples`` of those digits fell from the weights it gave
    to the weights returned.
    When the grader cannot rebuild the model (its own layer or activation) the weight change decides."""
    if not weights_changed(before, after):
        return False
    try:
        rebuilt = model.model(with_weights=False)
    except Exception:
        return True
    from grader import data

    (x_train, y_train), _ = child_mnist(sub)
    x, y = data.prepare(x_train[:samples]), np.asarray(y_train[:samples]).astype(np.int64)
    try:
        losses = []
        for weights in (before, after):
            rebuilt.set_weights(weights)
            losses.append(_cross_entropy(np.asarray(rebuilt(x, training=False)), y))
    except Exception:
        return True
    return bool(np.isfinite(losses[1]) and losses[1] <= losses[0] - MIN_LOSS_DROP)


def _cross_entropy(outputs: np.ndarray, labels: np.ndarray) -> float:
    outputs = outputs.reshape(len(labels), -1).astype(np.float64)
    if outputs.min() < 0 or not np.allclose(outputs.sum(axis=1), 1.0, atol=1e-3):  # logits
        outputs = np.exp(outputs - outputs.max(axis=1, keepdims=True))
        outputs /= outputs.sum(axis=1, keepdims=True)
    picked = outputs[np.arange(len(labels)), np.clip(labels, 0, outputs.shape[1] - 1)]
    return float(-np.mean(np.log(np.clip(picked, 1e-7, 1.0))))


def weights_changed(before: list, after: list) -> bool:
    """Whether training moved any weight (the grader compares the arrays itself)."""
    return len(before) != len(after) or any(
        b.shape != a.shape or not np.array_equal(b, a) for b, a in zip(before, after))


def require_trained(changed: bool) -> None:
    """Fail unless the call really fitted the model on the data given (see :func:`fitted`)."""
    require(changed, ko="train_model이 받은 데이터로 모델을 학습하지 않았습니다. 가중치가 그대로이거나, 채점기가 "
                        "잰 그 데이터의 손실이 줄지 않았습니다.",
            en="train_model did not fit the model on the data given: its weights are unchanged, or the "
               "grader's own loss on that data did not fall.",
            expected=Text("받은 데이터로 학습해 손실이 준 가중치", "weights trained on the data given (lower loss)"),
            found=Text("학습하지 않은 가중치", "weights not trained on it"),
            hint_ko="받은 model로 model.fit(x, y, ...)을 부르고 그 History를 돌려주세요. 새 모델을 만들거나 "
                    "History를 직접 만들지 마세요.",
            hint_en="Call model.fit(x, y, ...) on the model you are given and return its History; do not build "
                    "another model or make a History up.")



# ------------------------------------------------------------------ compile settings

def entries(entry) -> list:
    """Loss or metric entries of a compile config, flattened: strings and serialized objects."""
    if entry is None:
        return []
    if isinstance(entry, dict) and "class_name" not in entry:
        return [x for v in entry.values() for x in entries(v)]
    if isinstance(entry, list):
        return [x for v in entry for x in entries(v)]
    return [entry]


def loss_kind(loss) -> tuple[str, dict]:
    """``("sparse", config)``, ``("categorical", ...)``, ``("other", ...)`` or ``("none", ...)``."""
    if loss is None:
        return "none", {}
    if isinstance(loss, dict) and loss.get("class_name") == "function":
        loss = loss.get("config")
    if isinstance(loss, str):  # "sparse_categorical_crossentropy" or "SparseCategoricalCrossentropy"
        name = _squash(loss)
        return ("sparse" if name == _squash(SPARSE_LOSS) else "categorical"
                if name == "categoricalcrossentropy" else "other"), {}
    if isinstance(loss, dict):
        cls = str(loss.get("class_name", ""))
        config = loss.get("config") if isinstance(loss.get("config"), dict) else {}
        kind = {"SparseCategoricalCrossentropy": "sparse",
                "CategoricalCrossentropy": "categorical"}.get(cls, "other")
        return kind, config
    return "other", {}


def loss_text(loss) -> str:
    """A loss entry of a compile config in a few words."""
    if isinstance(loss, dict):
        return str(loss.get("config") if loss.get("class_name") == "function" else loss.get("class_name"))
    return str(loss)


def _squash(name: str) -> str:
    return name.replace("_", "").lower()


def metric_is_accuracy(metric, one_hot: bool = False) -> bool:
    """"accuracy", "acc" or sparse categorical accuracy (by name, function or object); with ``one_hot``
    (a categorical loss, labels made one-hot by the student's own functions) categorical accuracy too.

    Not ``keras.metrics.Accuracy()``: it tests exact equality of labels and probabilities.
    """
    accepted = ("sparsecategoricalaccuracy", "categoricalaccuracy") if one_hot else ("sparsecategoricalaccuracy",)
    if isinstance(metric, dict):
        cls = metric.get("class_name")
        if cls != "function":
            return _squash(str(cls)) in accepted
        metric = metric.get("config")
    if not isinstance(metric, str):
        return False
    return metric in ACCURACY_NAMES or _squash(metric) in accepted


def positional_metrics_trap(config: dict) -> bool:
    """``compile("adam", loss, ["accuracy"])``: Keras 3 puts the metrics list in ``loss_weights``."""
    return any(isinstance(w, str) for w in entries(config.get("loss_weights")))


def compile_problem(config: dict | None) -> tuple[str, str, str] | None:
    """Why a compile config cannot train on integer labels: (ko, en, found), or None."""
    if config is None:
        return ("모델이 컴파일되지 않았습니다.", "The model is not compiled.", "compiled=False")
    if positional_metrics_trap(config):
        return ("지표 리스트가 loss_weights 자리에 들어갔습니다.", "The metrics list landed in loss_weights.",
                f"loss_weights={config.get('loss_weights')}")
    losses = entries(config.get("loss"))
    kinds = [loss_kind(x) for x in losses] or [("none", {})]
    for kind, loss_config in kinds:
        if kind != "sparse":
            return ("손실 함수가 정수 레이블에 맞지 않습니다.", "The loss does not fit integer labels.",
                    ", ".join(loss_text(x) for x in losses) or "no loss")
        if loss_config.get("from_logits"):
            return ("from_logits=True인데 출력층이 softmax입니다.",
                    "from_logits=True while the output layer applies softmax.", "from_logits=True")
    return None


# ------------------------------------------------------------------ the grader's own data

def mnist(sub):
    """The grader's own ``((x_train, y_train), (x_test, y_test))`` and its source, loaded once."""
    from grader import data

    def load():
        return data.load_mnist_with_source(sub.course)

    return _memo(sub, "grader.mnist", load)


def child_mnist(sub):
    """The data set the submission's code was given, ``((x_train, y_train), (x_test, y_test))``: in the
    grader's sandbox (``sub.data_source`` set) the training split, and training digits in place of the
    test split, which never enters the child (:func:`grader.data.child_view`); in nbgrader's in-kernel
    runs, where the student's code reads the data itself, the data as it is."""
    from grader import data

    if getattr(sub, "data_source", None) is None:
        return mnist(sub)[0]
    return data.child_view(mnist(sub)[0])


def child_test(sub, limit: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The prepared images and labels the child has as ``x_test`` / ``y_test`` (the first ``limit``)."""
    from grader import data

    (_, _), (x_test, y_test) = child_mnist(sub)
    if limit:
        x_test, y_test = x_test[:limit], y_test[:limit]
    return data.prepare(x_test), np.asarray(y_test).astype(np.int64)


def held_out(sub, limit: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The grader's prepared test images and labels (the first ``limit`` when given)."""
    from grader import data

    (_, _), (x_test, y_test) = mnist(sub)[0]
    if limit:
        x_test, y_test = x_test[:limit], y_test[:limit]
    return data.prepare(x_test), np.asarray(y_test).astype(np.int64)


# ------------------------------------------------------------------ tensors

def _info_items(sub, v) -> dict:
    require(v.kind == "dict", ko="tensor_info는 딕셔너리를 돌려주어야 합니다.", en="tensor_info must return a dict.",
            expected="dict(rank=..., shape=..., dtype=..., device=...)", found=v.short(),
            hint_ko='{"rank": ..., "shape": ..., "dtype": ..., "device": ...}를 return 하세요.',
            hint_en='Return {"rank": ..., "shape": ..., "dtype": ..., "device": ...}.')
    items = {k: Value(d, sub) for k, d in v.data.get("items", [])}
    missing = [k for k in ("rank", "shape", "dtype", "device") if k not in items]
    require(not missing, ko="딕셔너리에 빠진 키가 있습니다.", en="Keys are missing from the dict.",
            expected="rank, shape, dtype, device", found=", ".join(sorted(items)) or "{}",
            hint_ko="키 이름은 정확히 rank, shape, dtype, device입니다.",
            hint_en="The keys are exactly rank, shape, dtype and device.")
    return items


def check_info(sub, v, want: np.ndarray, describe_ko: str, describe_en: str, hidden: bool = False) -> None:
    """The four facts of ``tensor_info`` for a tensor like ``want``; ``hidden`` keeps ``want`` out of messages."""
    items = _info_items(sub, v)
    rank, shape, name, device = (items[k] for k in ("rank", "shape", "dtype", "device"))

    def show(value, generic: Text) -> Text | str:
        return generic if hidden else str(value)

    require(rank.kind == "int", ko=f"{describe_ko} rank는 파이썬 int여야 합니다.",
            en=f"For {describe_en}, rank must be a Python int.", expected="int", found=rank.short(),
            hint_ko="tf.rank(t)는 텐서를 돌려줍니다. len(t.shape)나 t.ndim을 쓰세요.",
            hint_en="tf.rank(t) returns a tensor; use len(t.shape) or t.ndim.")
    require(rank.python() == want.ndim, ko=f"{describe_ko} rank가 다릅니다.",
            en=f"For {describe_en}, the rank differs.", expected=show(want.ndim, Text("축의 개수", "the number of axes")),
            found=show(rank.python(), Text("다른 수", "another number")),
            hint_ko="rank는 축의 개수입니다: 스칼라 0, 벡터 1, 행렬 2.",
            hint_en="The rank is the number of axes: 0 for a scalar, 1 for a vector, 2 for a matrix.")
    ints = shape.kind == "tuple" and all(x.get("kind") == "int" for x in shape.data.get("items", []))
    require(ints, ko=f"{describe_ko} shape는 int의 튜플이어야 합니다.",
            en=f"For {describe_en}, shape must be a tuple of ints.", expected=Text("int의 튜플", "a tuple of ints"), found=shape.short(),
            hint_ko="t.shape는 TensorShape입니다. tuple(int(n) for n in t.shape)로 바꾸세요.",
            hint_en="t.shape is a TensorShape; convert it with tuple(int(n) for n in t.shape).")
    require(shape.python() == tuple(want.shape), ko=f"{describe_ko} shape가 다릅니다.",
            en=f"For {describe_en}, the shape differs.", expected=show(tuple(want.shape), Text("텐서의 모양", "the tensor's shape")),
            found=show(shape.python(), Text("다른 모양", "another shape")),
            hint_ko="스칼라의 shape는 빈 튜플 ()입니다.", hint_en="A scalar's shape is the empty tuple ().")
    require(name.kind == "str", ko=f"{describe_ko} dtype은 문자열이어야 합니다.",
            en=f'For {describe_en}, dtype must be a string such as "float32".', expected="str",
            found=("tf.DType" if hidden else f"tf.DType {name.python()}") if name.kind == "dtype" else name.short(),
            hint_ko="t.dtype은 tf.DType 객체입니다. 이름 문자열은 t.dtype.name입니다.",
            hint_en="t.dtype is a tf.DType object; its name string is t.dtype.name.")
    require(name.python() == str(want.dtype), ko=f"{describe_ko} dtype 이름이 다릅니다.",
            en=f"For {describe_en}, the dtype name differs.", expected=show(repr(str(want.dtype)), Text("dtype의 이름", "the dtype's name")),
            found=show(repr(name.python()), Text("다른 문자열", "another string")),
            hint_ko='str(t.dtype)은 "<dtype: \'float32\'>"입니다. t.dtype.name을 쓰세요.',
            hint_en='str(t.dtype) is "<dtype: \'float32\'>"; use t.dtype.name.')
    require(device.kind == "str" and device.python().strip() != "",
            ko=f"{describe_ko} device는 장치 이름 문자열이어야 합니다.",
            en=f"For {describe_en}, device must be the device name string.",
            expected='"/job:localhost/replica:0/task:0/device:CPU:0"', found=device.short(),
            hint_ko="t.device가 텐서가 놓인 장치 이름입니다.", hint_en="t.device names the device holding the tensor.")


# ------------------------------------------------------------------ cnn

ORDER_HINT = ("축의 순서가 바뀌었습니다. 강의 노트는 입력 모양을 (너비, 높이, 채널수)라고 적었지만 케라스의 순서는 "
              "(높이, 너비, 채널) = (height, width, channels)이고 채널이 마지막입니다: (N, 28, 28, 1).",
              "The axes are in another order. The lecture notes write the input shape as (너비, 높이, 채널수), "
              "(width, height, channels), but Keras's order is (height, width, channels), channels last: "
              "(N, 28, 28, 1).")
"""The hint for a shape whose axes are the right sizes in another order."""


def check_prepared(sub, v, images: np.ndarray, hidden: bool = False) -> None:
    """``v`` is ``images`` as float32 (N, 28, 28, 1) in [0, 1] (shared with the hidden checks)."""
    n = len(images)
    require(v.kind in ("ndarray", "Tensor"), ko="prepare_images는 배열을 돌려주어야 합니다.",
            en="prepare_images must return an array.", expected="numpy.ndarray float32", found=v.short(),
            hint_ko="넘파이 연산으로 바꾼 배열을 return 하세요.", hint_en="Return the converted NumPy array.")
    require(v.dtype == "float32", ko="이미지는 float32여야 합니다.", en="The images must be float32.",
            expected="float32", found=str(v.dtype),
            hint_ko="uint8 배열을 255.0으로 나누면 float64가 됩니다. 먼저 .astype(\"float32\")로 바꾸세요.",
            hint_en="Dividing a uint8 array by 255.0 gives float64; convert with .astype(\"float32\") first.")
    want_shape = (n, 28, 28, 1)
    hint = (ORDER_HINT if v.shape is not None and v.shape != want_shape and sorted(v.shape) == sorted(want_shape)
            else ("Conv2D는 (높이, 너비, 채널)을 받습니다. np.expand_dims(images, -1)로 채널 축을 더하세요.",
                  "Conv2D takes (height, width, channels): add the channel axis with np.expand_dims(images, -1)."))
    require(v.shape == want_shape, ko="모양은 (N, 28, 28, 1)이어야 합니다.", en="The shape must be (N, 28, 28, 1).",
            expected="(N, 28, 28, 1)" if hidden else str(want_shape),
            found=str(v.shape).replace(f"({n},", "(N,", 1) if hidden else str(v.shape),
            hint_ko=hint[0], hint_en=hint[1])
    got = np.asarray(v.array, dtype="float64")
    want = images.astype("float64")[..., None] / 255.0
    require(got.max() <= 1.0 + 1e-6 and got.min() >= 0.0,
            ko="값은 0과 1 사이여야 합니다.", en="The values must lie in [0, 1].", expected="[0, 1]",
            found=f"[{got.min():g}, {got.max():g}]",
            hint_ko="0-255 픽셀 값을 255로 나누세요.", hint_en="Divide the 0-255 pixel values by 255.")
    close = np.allclose(got, want, atol=1e-6)
    require(close, ko="값이 픽셀 / 255와 다릅니다.", en="The values differ from pixel / 255.",
            expected="pixel / 255" if hidden else "0 → 0.0, 255 → 1.0, 51 → 0.2",
            found=Text(f"최대 차이 {np.abs(got - want).max():.3g}", f"max difference {np.abs(got - want).max():.3g}"),
            hint_ko="다른 정규화(평균 빼기, 128로 나누기)가 아니라 255로만 나누세요.",
            hint_en="Divide by 255 only (no mean subtraction, no division by 128).")


def get_layer(sub, function: str, class_name: str, *args, **kwargs):
    """The keras layer ``function`` returned, rebuilt by the grader, after checking its class."""
    return layer_of(sub.call(function, *args, **kwargs), function, class_name)


def layer_of(v, function: str, class_name: str):
    """The layer in ``v`` (what ``function`` returned), rebuilt by the grader, after checking its class."""
    name = function.split(".", 1)[1]
    require(v.kind == "Layer", ko=f"{name}은(는) keras 층 하나를 돌려주어야 합니다.",
            en=f"{name} must return one keras layer.", expected=f"keras.layers.{class_name}", found=v.short(),
            hint_ko=f"layers.{class_name}(...)을 만들어 return 하세요.",
            hint_en=f"Create layers.{class_name}(...) and return it.")
    try:
        layer = v.layer()
    except Unrebuildable as error:
        fail(ko=f"채점기가 이 층의 다음 부분을 다시 만들 수 없습니다: {', '.join(error.parts)}.",
             en=f"The grader cannot rebuild this part of the layer: {', '.join(error.parts)}.",
             expected=f"keras.layers.{class_name}", found=", ".join(error.parts),
             hint_ko="직접 만든 함수 대신 keras의 활성화 함수를 쓰세요: activation=\"relu\".",
             hint_en='Use a keras activation instead of a function of your own: activation="relu".')
    except Exception as error:
        serialized = v.data.get("serialized") or {}
        own = isinstance(serialized, dict) and serialized.get("module") not in (None, *KERAS_LAYER_MODULES)
        if own or not serialized:
            fail(ko=f"{name}이(가) 돌려준 층은 keras.layers의 층이 아닙니다.",
                 en=f"The layer {name} returned is not one of keras.layers' own.",
                 expected=f"keras.layers.{class_name}", found=v.type_name,
                 hint_ko=f"직접 만든 Layer 클래스 대신 layers.{class_name}(...)을 쓰세요.",
                 hint_en=f"Use layers.{class_name}(...) instead of a Layer class of your own.")
        fail(ko="채점기가 저장된 설정에서 이 층을 다시 만들지 못했습니다. 학생의 잘못이 아닐 수 있으니 선생님께 알려 주세요.",
             en="The grader could not rebuild this layer from its saved configuration. This may not be your "
                "mistake: please tell your instructor.",
             expected=f"keras.layers.{class_name}", found=f"{type(error).__name__}: {str(error)[:120]}")
    require(type(layer).__name__ == class_name, ko=f"{name}은(는) {class_name} 층이어야 합니다.",
            en=f"{name} must be a {class_name} layer.", expected=class_name, found=type(layer).__name__,
            hint_ko=CLASS_HINTS[class_name][0], hint_en=CLASS_HINTS[class_name][1])
    return layer


CLASS_HINTS = {
    "Conv2D": ("이미지에는 2차원 합성곱 layers.Conv2D를 씁니다.", "Images need the 2-D convolution layers.Conv2D."),
    "MaxPooling2D": ("최대 풀링은 layers.MaxPooling2D입니다 (평균 풀링이 아님).",
                     "Max pooling is layers.MaxPooling2D (not average pooling)."),
    "Dropout": ("layers.Dropout(rate)을 쓰세요.", "Use layers.Dropout(rate)."),
    "Flatten": ("layers.Flatten()을 쓰세요 (Reshape이나 GlobalPooling이 아님).",
                "Use layers.Flatten() (not Reshape or global pooling)."),
    "Dense": ("완전 연결 층은 layers.Dense입니다.", "The fully connected layer is layers.Dense."),
}


def setting(layer, key: str, want, hint_ko: str, hint_en: str, normalise=None) -> None:
    """One configuration value of a rebuilt layer, compared after normalising (5 == (5, 5))."""
    config = layer.get_config()
    got = config.get(key)
    got = normalise(got) if normalise else got
    require(got == want, ko=f"{type(layer).__name__}의 {key} 설정이 다릅니다.",
            en=f"The {type(layer).__name__}'s {key} differs.", expected=repr(want), found=repr(got),
            hint_ko=hint_ko, hint_en=hint_en)


def traced(layer, input_shape: tuple, want_shape: tuple, want_params: int, hint_ko: str, hint_en: str) -> None:
    """The grader's own output shape and parameter count of ``layer`` on ``keras.Input(input_shape)``."""
    try:
        shape, params = layer_on(layer, input_shape)
    except Exception as error:
        fail(ko=f"입력 {input_shape}에 이 층을 쓸 수 없습니다.", en=f"The layer cannot take an input of {input_shape}.",
             expected=str(want_shape), found=f"{type(error).__name__}: {str(error)[:120]}",
             hint_ko=hint_ko, hint_en=hint_en)
    require(shape == want_shape, ko=f"입력 {input_shape}에서 출력 모양이 다릅니다.",
            en=f"On an input of {input_shape} the output shape differs.", expected=str(want_shape),
            found=str(shape), hint_ko=hint_ko, hint_en=hint_en)
    require(params == want_params, ko=f"입력 {input_shape}에서 파라미터 수가 다릅니다.",
            en=f"On an input of {input_shape} the parameter count differs.", expected=f"{want_params:,}",
            found=f"{params:,}", hint_ko=hint_ko, hint_en=hint_en)


# ------------------------------------------------------------------ concepts

def integer(sub, function: str, args: tuple, want: int, hint: tuple[str, str], hidden: bool = False) -> int:
    """Call ``function(*args)`` and require the int ``want`` (shared with the hidden checks)."""
    call = quiet_call if hidden else type(sub).call
    v = call(sub, f"concepts.{function}", *args)
    shown = "" if hidden else f"{function}{args}"
    is_int = v.kind == "int" or (v.kind == "numpy-scalar" and "int" in str(v.dtype))
    require(is_int, ko=f"{function}은(는) 정수(int)를 돌려주어야 합니다. {shown}".strip(),
            en=f"{function} must return an int. {shown}".strip(), expected="int",
            found=v.type_name if hidden else v.short(),
            hint_ko="/는 float를 만듭니다. 정수 나눗셈 //나 math.ceil, int(...)를 쓰세요.",
            hint_en="/ makes a float; use integer division //, math.ceil or int(...).")
    got = int(v.python())
    if got != want:
        if hidden:
            fail(ko=f"다른 입력에서 {function}의 값이 공식과 다릅니다.", en=f"On other inputs, {function} disagrees with "
                 "the formula.", expected=Text("공식의 값", "the formula's value"),
                 found=Text("다른 수", "another number"), hint_ko=hint[0],
                 hint_en=hint[1])
        fail(ko=f"{function}{args}의 값이 다릅니다.", en=f"{function}{args} is wrong.", expected=str(want),
             found=str(got), hint_ko=hint[0], hint_en=hint[1])
    return got


NETWORK_HINT = ("CNN은 이미지의 공간 패턴, RNN은 순서가 있는 데이터(시간, 문장, 소리), GAN은 새 데이터 생성입니다. "
                "\"CNN\", \"RNN\", \"GAN\" 중 하나를 대문자로 돌려주세요.",
                "CNNs find spatial patterns in images, RNNs follow ordered data (time, words, sound), GANs "
                "generate new data. Return \"CNN\", \"RNN\" or \"GAN\" in capitals.")


def network(sub, task: str, want: str, hidden: bool = False) -> None:
    """``best_network(task) == want`` (shared with the hidden checks)."""
    v = (quiet_call if hidden else type(sub).call)(sub, "concepts.best_network", task)
    if v.kind == "str" and v.python() == want:
        return
    if hidden:
        fail(ko="목록에 있는 다른 작업에서 best_network의 답이 틀렸습니다.",
             en="For another task from the list, best_network gave the wrong network.",
             expected=Text('"CNN", "RNN", "GAN" 중 알맞은 것', '"CNN", "RNN" or "GAN", the one that fits'), found=v.short(), hint_ko=NETWORK_HINT[0],
             hint_en=NETWORK_HINT[1])
    fail(ko=f"best_network({task!r})의 답이 틀렸습니다.", en=f"best_network({task!r}) is wrong.",
         expected=repr(want), found=v.short(), hint_ko=NETWORK_HINT[0], hint_en=NETWORK_HINT[1])


# ------------------------------------------------------------------ error carried forward: the student's own pieces

LECTURE_PIECES = (("cnn.first_conv", ()), ("cnn.pooling", ()), ("cnn.second_conv", ()), ("cnn.pooling", ()),
                  ("cnn.dropout", (0.25,)), ("cnn.flatten", ()), ("cnn.hidden_dense", ()), ("cnn.dropout", (0.5,)),
                  ("cnn.output_dense", ()))
"""The layer function behind each of the lecture model's layers, with its arguments."""
PIECE_SETTINGS = {
    "Conv2D": ("filters", "kernel_size", "strides", "padding", "activation"),
    "MaxPooling2D": ("pool_size", "strides", "padding"),
    "Dropout": ("rate",),
    "Flatten": (),
    "Dense": ("units", "activation"),
}
SHAPE_NEUTRAL = ("activation", "rate")
"""Settings that change neither output shapes nor parameter counts."""


def _setting_value(key: str, value):
    if key in ("kernel_size", "strides", "pool_size"):
        return pair(value)
    if key == "activation":
        return activation_name(value)
    if key == "rate":
        return float(value) if isinstance(value, (int, float)) else value
    if key == "padding" and isinstance(value, str):
        return value.lower()  # keras pools keep "VALID" as written; it computes "valid"
    return value


def _setting_text(key: str, value) -> Text:
    """One setting as a student would say it: ``3x3 kernel``, ``padding="valid"``, ``64 filters``."""
    if key == "kernel_size" and isinstance(value, tuple) and len(value) == 2:
        return Text(f"{value[0]}x{value[1]} 커널", f"{value[0]}x{value[1]} kernel")
    if key == "pool_size" and isinstance(value, tuple) and len(value) == 2:
        return Text(f"{value[0]}x{value[1]} 풀링 윈도우", f"{value[0]}x{value[1]} pooling window")
    if key == "filters":
        return Text(f"필터 {value}개", f"{value} filters")
    if key == "units":
        return Text(f"뉴런 {value}개", f"{value} units")
    if key in ("padding", "activation"):
        return Text(f'{key}="{value}"', f'{key}="{value}"')
    shown = tuple(value) if isinstance(value, (list, tuple)) else value
    return Text(f"{key} {shown}", f"{key} {shown}")


class Piece:
    """The student's layer for one slot of the lecture model, and how it differs from the lecture's."""

    def __init__(self, function: str, layer, want):
        self.function = function
        self.layer = layer  # the student's layer rebuilt by the grader, or the lecture's when unusable
        self.changes: list[tuple[str, Text]] = []  # (setting, what the student has)
        if layer is want:
            return
        got_class, want_class = type(layer).__name__, type(want).__name__
        if got_class != want_class:
            article = "an" if got_class[:1] in "AEIOU" else "a"
            self.changes.append(("class", Text(f"{got_class} 층", f"{article} {got_class} layer")))
            return
        got, lecture_config = layer.get_config(), want.get_config()
        for key in PIECE_SETTINGS.get(want_class, ()):
            mine, theirs = _setting_value(key, got.get(key)), _setting_value(key, lecture_config.get(key))
            if mine != theirs:
                self.changes.append((key, _setting_text(key, mine)))

    def matters(self, for_shapes: bool) -> list[tuple[str, Text]]:
        """The changes that can move order (class) or, with ``for_shapes``, shapes and counts."""
        if for_shapes:
            return [c for c in self.changes if c[0] not in SHAPE_NEUTRAL]
        return [c for c in self.changes if c[0] == "class"]


def _call_memo(sub, function: str, args: tuple):
    return _memo(sub, f"{function}{args!r}", lambda: sub.call(function, *args))


def student_pieces(sub) -> list[Piece]:
    """For each lecture layer, the student's own layer function's layer (the lecture's where the function
    does not give a keras layer the grader can rebuild: then nothing is carried from it)."""
    def make():
        reference = [layer for layer in reference_model().layers]
        pieces = []
        for (function, args), want in zip(LECTURE_PIECES, reference):
            layer = want
            try:
                value = _call_memo(sub, function, args)
                if value.kind == "Layer":
                    layer = value.layer()
            except Exception:  # not implemented, raised, or not rebuildable: judged by its own check
                layer = want
            pieces.append(Piece(function, layer, want))
        return pieces
    return _memo(sub, "cnn: the student's lecture pieces", make)


def model_from_pieces(pieces: list[Piece], input_shape: tuple):
    """The lecture's model assembled from the student's own layers (fresh copies), or ``None``."""
    import keras

    def fresh(layer):
        config = {k: v for k, v in layer.get_config().items() if k != "name"}  # the same function twice
        return type(layer).from_config(config)

    try:
        return keras.Sequential([keras.Input(shape=input_shape), *[fresh(p.layer) for p in pieces]])
    except Exception:
        return None


def model_facts(model) -> dict:
    """What the build_model checks compare: layer classes in order, output shape, parameter counts."""
    try:
        output = tuple(model.output_shape)
    except Exception:
        output = None
    trainable, frozen = param_counts(model)
    return {"order": [type(layer).__name__ for layer in model_layers(model)], "output": output,
            "params": trainable, "frozen": frozen}


def carried_pieces(sub, fact: str, found, input_shape: tuple = LECTURE_INPUT) -> list[Piece] | None:
    """The student's pieces that explain ``found`` (the student's ``build_model`` fact differing from the
    lecture's): the lecture model built from the student's own layers has exactly that fact. ``None``
    when it does not, or when nothing differs (then the mistake is build_model's own)."""
    pieces = student_pieces(sub)
    relevant = [p for p in pieces if p.matters(for_shapes=fact != "order")]
    if not relevant:
        return None
    model = model_from_pieces(pieces, input_shape)
    if model is None or model_facts(model)[fact] != (list(found) if fact == "order" else found):
        return None
    return list({p.function: p for p in relevant}.values())


def pieces_cause(pieces: list[Piece], for_shapes: bool = True) -> Text:
    """``cnn.second_conv``: 3x3 kernel (and so on, one per function), for the carried-forward note."""
    parts_ko, parts_en = [], []
    for piece in pieces:
        changes = piece.matters(for_shapes) or piece.changes
        parts_ko.append(f"`{piece.function}`의 " + ", ".join(c[1].ko for c in changes))
        parts_en.append(f"`{piece.function}`: " + ", ".join(c[1].en for c in changes))
    return Text("; ".join(parts_ko), "; ".join(parts_en))


def carry_from_pieces(sub, fact: str, found, *, ko: str, en: str, expected, found_text, input_shape=LECTURE_INPUT,
                      hint_ko: str, hint_en: str) -> None:
    """Fail a build_model fact: carried forward from the student's own layer functions when the lecture's
    model built from them has the same fact, else a plain failure with the check's own hint."""
    pieces = carried_pieces(sub, fact, found, input_shape)
    if pieces is None:
        fail(ko=ko, en=en, expected=expected, found=found_text, hint_ko=hint_ko, hint_en=hint_en)
    cause = pieces_cause(pieces, for_shapes=fact != "order")
    carried_forward(tuple(p.function for p in pieces), cause, ko=ko, en=en, expected=expected, found=found_text,
                    hint_ko=f"이 차이는 {cause.ko}에서 옵니다. 그 함수를 고치면 이 검사도 통과합니다.",
                    hint_en=f"This follows from {cause.en}. Fixing that function fixes this check too.")


# ------------------------------------------------------------------ tensor operations, autodiff and graphs

def _softmax(x: np.ndarray, axis: int) -> np.ndarray:
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


ACTIVATIONS = {
    "relu": lambda x: np.maximum(x, 0), "sigmoid": lambda x: 1 / (1 + np.exp(-x)), "tanh": np.tanh,
    "softmax": lambda x: _softmax(x, -1),
}
"""What ``apply_activation`` must compute, by name (softmax over the last axis)."""
LOOKALIKES = {
    **ACTIVATIONS, "softmax over axis 0": lambda x: _softmax(x, 0), "the input unchanged": lambda x: x,
    "abs": np.abs, "relu6": lambda x: np.clip(x, 0, 6), "clip to [0, 1]": lambda x: np.clip(x, 0, 1),
}
"""What a student's ``apply_activation`` may compute instead, to name it in the hint."""


def computes(v, x: np.ndarray) -> str | None:
    """Which of :data:`LOOKALIKES` the returned tensor ``v`` equals on input ``x``, if any."""
    if not v.is_tensor_like or v.shape != x.shape:
        return None
    got = np.asarray(v.array, dtype="float64")
    for name, function in LOOKALIKES.items():
        if np.allclose(got, function(x.astype("float64")), atol=1e-5):
            return name
    return None


def _function_node(text: str | None, name: str):
    try:
        tree = ast.parse(text or "")
    except SyntaxError:
        return None
    found = None
    for node in tree.body:  # the last definition is the one Python keeps
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            found = node
    return found


def _call_name(node) -> str:
    """``tf.GradientTape`` for a call ``tf.GradientTape()``, ``tape.watch`` for ``tape.watch(x)``."""
    return ast.unparse(node.func) if isinstance(node, ast.Call) else ""


GRADIENT_CAUSES = {
    "outside": Text("`tensors.gradient`: 테이프 블록 밖에서 계산한 y", "`tensors.gradient`: y computed outside the tape"),
    "constant": Text("`tensors.gradient`: 테이프가 지켜보지 않는 tf.constant",
                     "`tensors.gradient`: a tf.constant the tape does not watch"),
    "untrainable": Text("`tensors.gradient`: trainable=False인 변수", "`tensors.gradient`: a variable with trainable=False"),
}
"""What a ``gradient`` that returns None did, in a few words (the root cause its hidden check names)."""


def gradient_slip(sub) -> tuple[str, str, str] | None:
    """What the submitted ``gradient`` does that gives no derivative, read from its source for the hint
    (the verdict is the returned value's): a ``tf.constant`` the tape never watches, ``y`` computed after
    the tape's block, a variable made with ``trainable=False``, or no tape at all."""
    node = _function_node(source(sub, "tensors"), "gradient")
    if node is None:
        return None
    calls = [n for n in ast.walk(node) if isinstance(n, ast.Call)]
    names = [_call_name(c) for c in calls]
    tapes = [w for w in ast.walk(node) if isinstance(w, (ast.With, ast.AsyncWith))
             and any(_call_name(item.context_expr).endswith("GradientTape") for item in w.items)]
    if not tapes:
        return ("no-tape", "`tf.GradientTape`이 없습니다. with tf.GradientTape() as tape: 블록 안에서 y를 계산하고 "
                "tape.gradient(y, x)를 돌려주세요.",
                "There is no `tf.GradientTape`: compute y inside a with tf.GradientTape() as tape: block and "
                "return tape.gradient(y, x).")
    inside = {id(n) for w in tapes for stmt in w.body for n in ast.walk(stmt)}
    for call in calls:
        if _call_name(call).endswith(".gradient") and call.args and isinstance(call.args[0], ast.Name):
            target = call.args[0].id
            assigned = [n for n in ast.walk(node) if isinstance(n, ast.Assign)
                        and any(isinstance(t, ast.Name) and t.id == target for t in n.targets)]
            if assigned and not any(id(a) in inside for a in assigned):
                return ("outside", f"`{target}`을(를) 테이프 블록 밖에서 계산했습니다. 테이프는 with 블록 안의 계산만 "
                        "기록하므로 미분값이 None입니다. y = x * x + 3 * x를 with 블록 안으로 옮기세요.",
                        f"`{target}` is computed outside the tape's block: the tape records only what happens "
                        "inside the with block, so the gradient is None. Move y = x * x + 3 * x into the block.")
    for call in calls:
        if _call_name(call).endswith("Variable") and any(
                k.arg == "trainable" and isinstance(k.value, ast.Constant) and k.value.value is False
                for k in call.keywords):
            return ("untrainable", "trainable=False인 tf.Variable은 테이프가 지켜보지 않습니다. trainable=False를 빼세요.",
                    "The tape does not watch a tf.Variable made with trainable=False: leave trainable=False out.")
    watched = any(n.endswith(".watch") for n in names)
    if not watched and any(n.endswith(("constant", "convert_to_tensor")) for n in names):
        return ("constant", "x를 tf.constant로 만들고 tape.watch(x)를 부르지 않았습니다. 테이프는 tf.Variable만 저절로 "
                "지켜봅니다. tf.Variable(x, dtype=tf.float32)로 만들거나 블록 안에서 tape.watch(x)를 부르세요.",
                "x is a tf.constant and tape.watch(x) is never called: the tape watches only tf.Variables by "
                "itself. Make x with tf.Variable(x, dtype=tf.float32), or call tape.watch(x) inside the block.")
    return None


GRADIENT_HINT = ("with tf.GradientTape() as tape: 블록 안에서 y = x * x + 3 * x를 계산하고 tape.gradient(y, x)를 "
                 "돌려주세요. x는 tf.Variable(x, dtype=tf.float32)로 만듭니다. 손으로 미분하면 2 * x + 3입니다.",
                 "Compute y = x * x + 3 * x inside a with tf.GradientTape() as tape: block and return "
                 "tape.gradient(y, x), x made with tf.Variable(x, dtype=tf.float32). By hand it is 2 * x + 3.")

SYMBOLIC_ERRORS = ("symbolic", "numpy", "OperatorNotAllowedInGraph", "Tensor.__bool__", "tf.function",
                   "Cannot convert", "singleton tf.Variable", "__array__")
"""Words of the errors a graph-only step gives while ``tf.function`` traces: ``.numpy()`` or NumPy on a
symbolic tensor, ``float(x)``, ``if x > 0`` in Python, a new ``tf.Variable`` on every call."""


def graph_error_hint(error) -> tuple[str, str] | None:
    """A hint for an error raised while a ``tf.function`` was traced, when it is one of Python's or
    NumPy's steps that need values (:data:`SYMBOLIC_ERRORS`)."""
    text = f"{error.error_type} {error.message}"
    if not any(word in text for word in SYMBOLIC_ERRORS):
        return None
    return ("@tf.function 안의 파이썬 코드는 그래프를 만들 때(tracing) 한 번 실행되고, 그때 x는 값이 없는 기호 "
            "텐서입니다. .numpy(), float(x), 넘파이 함수는 값이 필요하므로 쓸 수 없습니다. "
            "tf.reduce_sum(x * x)처럼 텐서플로 연산만 쓰세요.",
            "The Python code of a @tf.function runs once, while the graph is traced, and x is then a "
            "symbolic tensor with no value: .numpy(), float(x) and NumPy functions need values and cannot "
            "run. Use TensorFlow operations only, such as tf.reduce_sum(x * x).")


def tf_message(message: str) -> str:
    """A TensorFlow error message without its ``{{function_node ...}}`` prefix, shortened; of a traced
    function's message (``in user code: File ...``), the last line, which names the error."""
    import re

    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].startswith("in user code"):
        message = lines[-1]
    return re.sub(r"\{\{.*?\}\}\s*", "", message).strip()[:120]


ACTIVATION_INPUT = np.array([[-2.0, -0.5, 0.0], [0.5, 1.0, 3.0]], dtype="float32")
ACTIVATION_HINTS = {
    "relu": ("relu는 음수 입력을 0으로, 양수 입력은 그대로 돌려줍니다: tf.nn.relu(x), tf.maximum(x, 0.0) 또는 "
             "keras.activations.relu(x).",
             "relu turns negative inputs into 0 and returns positive ones unchanged: tf.nn.relu(x), "
             "tf.maximum(x, 0.0) or keras.activations.relu(x)."),
    "sigmoid": ("sigmoid는 1 / (1 + exp(-x))입니다: tf.nn.sigmoid(x) 또는 tf.math.sigmoid(x).",
                "sigmoid is 1 / (1 + exp(-x)): tf.nn.sigmoid(x) or tf.math.sigmoid(x)."),
    "tanh": ("tanh는 -1과 1 사이의 값을 냅니다: tf.nn.tanh(x) 또는 tf.math.tanh(x).",
             "tanh gives values between -1 and 1: tf.nn.tanh(x) or tf.math.tanh(x)."),
    "softmax": ("softmax는 마지막 축(각 행) 위에서 계산해 각 행의 합이 1이 되게 합니다: tf.nn.softmax(x) 또는 "
                "tf.nn.softmax(x, axis=-1). axis=0이면 각 열의 합이 1이 됩니다.",
                "softmax works over the last axis (each row), so that each row sums to 1: tf.nn.softmax(x) "
                "or tf.nn.softmax(x, axis=-1). With axis=0 each column sums to 1 instead."),
}


def activation_result(sub, x: np.ndarray, name: str, hidden: bool = False) -> None:
    """``apply_activation(x, name)`` is a float32 tensor of ``x``'s shape with the activation's values; a
    wrong one is named by what it computes instead (shared with the hidden check)."""
    call = quiet_call if hidden else type(sub).call
    v = call(sub, "tensors.apply_activation", tensor(x), name)
    hint_ko, hint_en = ACTIVATION_HINTS[name]
    shown = "" if hidden else f" {x.tolist()}"
    require(v.kind == "Tensor" and v.dtype == "float32" and v.shape == x.shape,
            ko=f'apply_activation(x, "{name}")은(는) x와 모양이 같은 float32 tf.Tensor를 돌려주어야 합니다.',
            en=f'apply_activation(x, "{name}") must return a float32 tf.Tensor of x\'s shape.',
            expected=f"tf.Tensor float32 {x.shape}", found=v.short(), hint_ko=hint_ko, hint_en=hint_en)
    want = ACTIVATIONS[name](x.astype("float64"))
    if np.allclose(np.asarray(v.array, dtype="float64"), want, atol=1e-5):
        return
    did = computes(v, x)
    found = Text(f"{did}의 값", f"the values of {did}") if did else (
        Text("다른 값", "other values") if hidden else str(np.round(np.asarray(v.array), 4).tolist())[:120])
    fail(ko=f'x{shown}에 "{name}"을(를) 적용한 값이 다릅니다.',
         en=f'Applying "{name}" to x{shown} gives the wrong values.',
         expected=Text(f"{name}의 값", f"the values of {name}") if hidden else str(np.round(want, 4).tolist())[:120],
         found=found, hint_ko=hint_ko, hint_en=hint_en)




def gradient_result(sub, x, hidden: bool = False) -> None:
    """``gradient(x)`` is a float32 tensor equal to ``2 * x + 3`` (shared with the hidden check); a None or
    a wrong value is explained by what the student's code does (:func:`gradient_slip`)."""
    want = 2 * np.asarray(x, dtype="float64") + 3
    call = quiet_call if hidden else type(sub).call
    v = call(sub, "tensors.gradient", x)
    shown = "" if hidden else f"({x})"
    if v.kind == "None":
        slip = gradient_slip(sub) or ("", *GRADIENT_HINT)
        if hidden and slip[0] in GRADIENT_CAUSES:
            # None at every input is what the public check charged: the same slip, read from the source (a
            # body that computes nothing has no tape and is not credited)
            carried_forward(("tensors.gradient: dy/dx = 2x + 3 with tf.GradientTape",), GRADIENT_CAUSES[slip[0]],
                            ko="gradient가 None을 돌려주었습니다.", en="gradient returned None.",
                            expected=Text("2 * x + 3인 텐서", "a tensor equal to 2 * x + 3"), found="None",
                            hint_ko=slip[1], hint_en=slip[2])
        fail(ko=f"gradient{shown}이(가) None을 돌려주었습니다. 테이프가 x에 대한 y의 계산을 기록하지 않았습니다.",
             en=f"gradient{shown} returned None: the tape did not record y's computation from x.",
             expected=Text("2 * x + 3인 텐서", "a tensor equal to 2 * x + 3"), found="None",
             hint_ko=slip[1], hint_en=slip[2])
    if v.kind == "list" and len(v.items) == 1 and v.items[0].is_tensor_like:
        fail(ko=f"gradient{shown}이(가) 텐서 하나가 아니라 텐서를 담은 리스트를 돌려주었습니다.",
             en=f"gradient{shown} returned a list holding a tensor, not the tensor.",
             expected="tf.Tensor", found=v.short(),
             hint_ko="tape.gradient(y, [x])는 리스트를 돌려줍니다. tape.gradient(y, x)처럼 x를 그대로 넘기세요.",
             hint_en="tape.gradient(y, [x]) returns a list; pass x itself: tape.gradient(y, x).")
    require(v.kind == "Tensor" and v.dtype == "float32" and v.shape == want.shape,
            ko=f"gradient{shown}은(는) x와 모양이 같은 float32 tf.Tensor를 돌려주어야 합니다.",
            en=f"gradient{shown} must return a float32 tf.Tensor of x's shape.",
            expected=f"tf.Tensor float32 {want.shape}", found=v.short(),
            hint_ko="x를 tf.Variable(x, dtype=tf.float32)로 만들고 tape.gradient(y, x)를 그대로 돌려주세요.",
            hint_en="Make x with tf.Variable(x, dtype=tf.float32) and return tape.gradient(y, x) as it is.")
    got = np.asarray(v.array, dtype="float64")
    if np.allclose(got, want, atol=1e-4):
        return
    x64 = np.asarray(x, dtype="float64")
    if np.allclose(got, x64 * x64 + 3 * x64, atol=1e-4):
        hint = ("미분값이 아니라 y 자체를 돌려주었습니다. tape.gradient(y, x)가 x에 대한 y의 미분값입니다.",
                "That is y itself, not its derivative: tape.gradient(y, x) is the derivative of y with respect "
                "to x.")
    else:
        hint = GRADIENT_HINT
    fail(ko=f"gradient{shown}의 값이 손으로 미분한 2 * x + 3과 다릅니다.",
         en=f"gradient{shown} differs from the derivative by hand, 2 * x + 3.",
         expected=Text("2 * x + 3", "2 * x + 3") if hidden else str(want.tolist()),
         found=Text("다른 값", "other values") if hidden else str(got.round(4).tolist()), hint_ko=hint[0],
         hint_en=hint[1])


GRAPH_INPUT = np.array([[1.0, -2.0, 0.5], [3.0, 0.0, -1.5]], dtype="float32")
GRAPH_HINT = ("함수 위에 @tf.function을 그대로 두고, 몸체에는 tf.reduce_sum(x * x)처럼 텐서플로 연산만 쓰세요.",
              "Keep @tf.function above the function and use TensorFlow operations only in its body, such as "
              "tf.reduce_sum(x * x).")


def graph_call(sub, x: np.ndarray, hidden: bool = False):
    """``graph_sum_of_squares(x)``; an error raised while tracing is explained (shared with the hidden check)."""
    try:
        return sub.call("tensors.graph_sum_of_squares", tensor(x))
    except CallError as error:
        if error.kind != "exception" or error.error_type == "NotImplementedError":
            raise
        hint = graph_error_hint(error) or GRAPH_HINT
        message = tf_message(error.message)
        shown = message if message.startswith(error.error_type) else f"{error.error_type}: {message}"
        fail(ko=f"graph_sum_of_squares에서 {error.error_type} 오류가 났습니다.",
             en=f"graph_sum_of_squares raised {error.error_type}.",
             expected=Text("오류 없이 값을 돌려줌", "a value, no error"),
             found=error.error_type if hidden else shown, hint_ko=hint[0], hint_en=hint[1])


def graph_values(sub, x: np.ndarray, other: np.ndarray, hidden: bool = False) -> None:
    """``graph_sum_of_squares`` gives ``sum(x * x)`` for ``x``, the same again for ``x`` (no state kept
    between calls) and the right value for ``other`` of the same shape (no value frozen when traced)."""
    want = float(np.sum(x.astype("float64") ** 2))
    v = graph_call(sub, x, hidden)
    shown_want = Text("x * x의 합", "the sum of x * x") if hidden else f"{want:g}"
    got = float(np.asarray(v.array)) if v.is_tensor_like and v.shape == () else None
    again = graph_call(sub, x, hidden)
    again_value = float(np.asarray(again.array)) if again.is_tensor_like and again.shape == () else None
    require(got is None or (again_value is not None and np.isclose(again_value, got, rtol=1e-6)),
            ko="같은 입력으로 두 번 불렀는데 두 번째 값이 다릅니다. 함수가 부를 때마다 상태를 바꿉니다.",
            en="Called twice with the same input, the second call gives another value: the function changes "
               "some state on every call.",
            expected=Text("두 번 모두 같은 값", "the same value both times"),
            found=Text("다른 값", "another value") if hidden else f"{got:g}, {again_value}",
            hint_ko="함수 밖의 tf.Variable에 assign_add로 더하거나 파이썬 리스트에 쌓지 말고, 이번 호출의 x만으로 "
                    "계산해 돌려주세요.",
            hint_en="Do not add into a tf.Variable outside the function (assign_add) or collect into a Python "
                    "list: compute the result from this call's x alone.")
    if got is None:
        require(False, ko="graph_sum_of_squares는 모든 원소의 제곱을 더한 스칼라 텐서 하나를 돌려주어야 합니다.",
                en="graph_sum_of_squares must return one scalar tensor, the sum of every element squared.",
                expected="tf.Tensor ()", found=v.short(),
                hint_ko="x * x는 원소마다 제곱한 텐서입니다. tf.reduce_sum(x * x)으로 모두 더하세요.",
                hint_en="x * x squares each element; add them all up with tf.reduce_sum(x * x).")
    if not np.isclose(got, want, rtol=1e-5):
        if np.isclose(got, float(np.sum(x.astype("float64")))):
            hint = ("원소를 제곱하지 않고 더했습니다. tf.reduce_sum(x * x)입니다.",
                    "The elements are added without squaring them: tf.reduce_sum(x * x).")
        else:
            hint = ("tf.reduce_sum(x * x): 원소마다 제곱한 뒤 모두 더하세요.",
                    "tf.reduce_sum(x * x): square each element, then add them all up.")
        fail(ko="graph_sum_of_squares의 값이 즉시 실행 모드에서 계산한 tf.reduce_sum(x * x)의 값과 다릅니다.",
             en="graph_sum_of_squares differs from tf.reduce_sum(x * x) in eager mode.", expected=shown_want,
             found=Text("다른 값", "another value") if hidden else f"{got:g}", hint_ko=hint[0], hint_en=hint[1])
    want_other = float(np.sum(other.astype("float64") ** 2))
    later = graph_call(sub, other, hidden)
    later_value = float(np.asarray(later.array)) if later.is_tensor_like and later.shape == () else None
    frozen = later_value is not None and np.isclose(later_value, want) and not np.isclose(want, want_other)
    require(later_value is not None and np.isclose(later_value, want_other, rtol=1e-5),
            ko="모양이 같은 다른 입력에서 graph_sum_of_squares의 값이 틀렸습니다"
               + (". 처음 그래프를 만들 때의 값이 그대로 나옵니다." if frozen else "."),
            en="For another input of the same shape, graph_sum_of_squares is wrong"
               + (": it repeats the value from when the graph was traced." if frozen else "."),
            expected=Text("x * x의 합", "the sum of x * x") if hidden else f"{want_other:g}",
            found=Text("다른 값", "another value") if hidden else str(later_value),
            hint_ko="tf.function은 파이썬 코드를 그래프를 만들 때 한 번만 실행합니다. 그때 파이썬 값으로 계산한 결과는 "
                    "그래프 안의 상수가 됩니다. 입력 x에 텐서플로 연산을 써서 계산하세요.",
            hint_en="tf.function runs the Python code once, while tracing: whatever it computes from Python "
                    "values then becomes a constant in the graph. Compute from the input x with TensorFlow "
                    "operations.")


# ------------------------------------------------------------------ concepts: a summary's size, RNN and GAN

MIB = 2 ** 20


def size_slip(params: int, per_param: int, got: float) -> tuple[str, str]:
    """The hint for a wrong ``model_size_mb``, naming what the value is instead: bytes, KB, decimal MB,
    or MB without the bytes per parameter."""
    size = params * per_param
    if np.isclose(got, size):
        return ("바이트 수를 그대로 돌려주었습니다. MB로 바꾸려면 2**20(= 1024 * 1024)로 나누세요.",
                "That is the size in bytes: divide by 2**20 (= 1024 * 1024) for MB.")
    if np.isclose(got, size / 1024):
        return ("KB입니다. 1024로 한 번 더 나누어야 MB입니다: params * bytes_per_param / 2**20.",
                "That is KB: divide by 1024 once more for MB, params * bytes_per_param / 2**20.")
    if np.isclose(got, size / 1e6, rtol=1e-4):
        return ("1,000,000으로 나누었습니다. 케라스 요약의 MB는 2**20 = 1,048,576바이트입니다.",
                "That divides by 1,000,000; the MB of a Keras summary is 2**20 = 1,048,576 bytes.")
    if np.isclose(got, params / MIB, rtol=1e-4):
        return ("파라미터마다의 바이트 수(bytes_per_param, float32는 4)를 곱하지 않았습니다.",
                "The bytes per parameter (bytes_per_param, 4 for float32) are not multiplied in.")
    return ("params * bytes_per_param / 2**20: 파라미터 수 × 파라미터 하나의 바이트 수를 1024 * 1024로 나눕니다.",
            "params * bytes_per_param / 2**20: the parameters times the bytes of one, divided by 1024 * 1024.")


def size_result(sub, params: int, per_param: int | None, hidden: bool = False) -> None:
    """``model_size_mb(params[, per_param])`` is ``params * per_param / 2**20`` as a number (the summary's
    two decimals are accepted too); shared with the hidden check."""
    args = (params,) if per_param is None else (params, per_param)
    per_param = 4 if per_param is None else per_param
    want = params * per_param / MIB
    v = (quiet_call if hidden else type(sub).call)(sub, "concepts.model_size_mb", *args)
    shown = "" if hidden else f"model_size_mb{args}".replace(",)", ")")
    number = v.kind in ("float", "int") or (v.kind == "numpy-scalar" and v.python() is not None
                                             and not isinstance(v.python(), (bool, str)))
    require(number, ko=f"{shown or 'model_size_mb'}은(는) 수(float)를 돌려주어야 합니다.",
            en=f"{shown or 'model_size_mb'} must return a number (float).", expected="float",
            found=v.type_name if hidden else v.short(),
            hint_ko="\"12.04 MB\" 같은 문자열 말고 수를 돌려주세요: params * bytes_per_param / 2**20.",
            hint_en="Return a number, not a string (\"12.04 MB\"): params * bytes_per_param / 2**20.")
    got = float(v.python())
    if np.isclose(got, want, rtol=1e-6) or abs(got - round(want, 2)) < 1e-9:
        return
    hint = size_slip(params, per_param, got)
    fail(ko=f"{shown or '다른 모델에서 model_size_mb'}의 값이 다릅니다.",
         en=f"{shown or 'For another model, model_size_mb'} is wrong.",
         expected=Text("params * bytes_per_param / 2**20", "params * bytes_per_param / 2**20") if hidden
         else f"{want:.4f}", found=Text("다른 수", "another number") if hidden else f"{got:,.4f}".rstrip("0").rstrip("."),
         hint_ko=hint[0], hint_en=hint[1])


GAN_NAMES = {"generator": "generator", "생성자": "generator", "discriminator": "discriminator",
             "판별자": "discriminator"}
"""The names a GAN's two networks go by (the lecture's 생성자, 판별자, or English), to what each is."""
