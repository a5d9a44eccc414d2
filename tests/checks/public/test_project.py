"""Public checks for the `project` module: the student's own model against the lecture's, under one budget.

The project part runs in a child of its own whose data file holds only the training digits it may
see; the grader keeps part of the training split back (``[project] holdout``, chosen by the course's
secret) and measures the returned weights on it in its own process, beside the lecture's model trained
on the same digits (:func:`lecture_baseline`, the course's recipe; the engine only caches its result,
:func:`grader.engine.holdout.cached_baseline`). Parameters are counted from the model's
JSON before anything is built, so a model over the cap never costs the grader memory or time; they
are counted on the very model that is trained and measured. The budget (``[project] train_seconds``)
covers every second project.py's code runs, clocked by the grader: importing it, building, compiling
and training.
"""

import time

import numpy as np

from grader.checks import CallError, check, dataset, fail, require, shared_helpers
from grader.engine import holdout
from grader.messages import Text

lecture = shared_helpers(__file__)

INPUT_SHAPE = (28, 28, 1)
NUM_CLASSES = 10


# ---------------------------------------------------------------- 1. the model and its size

def _once(sub, key: str, make):
    """``make()`` once per submission; a failure is remembered and raised again to every check that asks."""
    if key not in sub.cache:
        try:
            sub.cache[key] = ("ok", make())
        except Exception as error:
            sub.cache[key] = ("error", error)
    state, value = sub.cache[key]
    if state == "error":
        raise value
    return value


# ---------------------------------------------------------------- the project's one time budget

SPENT = "project seconds"
"""``sub.cache`` key: the seconds project.py's code has run so far (import, build, compile, train)."""


def spent(sub) -> float:
    return sub.cache.get(SPENT, 0.0)


def timed_call(sub, function: str, *args, longest: float | None = None):
    """``sub.call`` into project.py, clocked by the grader against the project's budget: the call (and the
    import of project.py, when this call imports it) gets what is left of the budget, at most ``longest``
    (default: the course's limit for one call). The project's child is started before any check runs
    (:func:`grader.engine.grading.holdout_submission`): TensorFlow's import is the grader's time, not the project's."""
    budget = sub.course.project.train_seconds
    left = budget - spent(sub)
    if left <= 0:
        over_budget(sub)
    cut = min(left, longest if longest is not None else sub.course.limits.call_seconds)
    started = time.perf_counter()
    try:
        value = sub.call(function, *args, timeout=cut, cpu_seconds=cut * 4)
    except CallError as error:
        sub.cache[SPENT] = spent(sub) + time.perf_counter() - started
        if error.kind in ("timeout", "cpu") and (cut >= left - 0.5 or spent(sub) > budget):
            over_budget(sub)
        raise
    sub.cache[SPENT] = spent(sub) + time.perf_counter() - started
    if spent(sub) > budget:
        over_budget(sub)
    return value


def over_budget(sub) -> None:
    budget = sub.course.project.train_seconds
    fail(ko=f"project.py의 코드(가져오기, 모델 만들기, 컴파일, 학습을 합쳐)가 시간 예산 {budget:g}초 안에 끝나지 않아 "
            "프로젝트 점수를 받을 수 없습니다.",
         en=f"project.py's code (importing it, building, compiling and training, together) did not finish "
            f"within the {budget:g}-second budget, so it earns no project points.",
         expected=f"≤ {budget:g} s ({sub.device})", found=f"{spent(sub):.1f} s",
         hint_ko="학습은 train_project_model 안에서만 하세요. 파일을 가져올 때나 모델을 만들고 컴파일할 때 도는 "
                 "코드도 예산에 들어갑니다. 에포크 수를 줄이거나 배치 크기를 키우거나 더 작은 모델을 쓰세요. 예산은 "
                 "course.toml의 [project] train_seconds입니다.",
         hint_en="Train inside train_project_model only: code that runs while project.py is imported, or while "
                 "the model is built or compiled, counts too. Train fewer epochs, use larger batches or a smaller "
                 "model; the budget is [project] train_seconds in course.toml.")


def count(value, function: str) -> dict:
    """The grader's own count of the parameters of the model ``value`` describes (``function`` returned it)."""
    text = value.data.get("json")
    try:
        if not isinstance(text, str):
            raise ValueError(value.data.get("json_error", "the model could not be saved as JSON"))
        trainable, frozen = holdout.count_parameters(text, INPUT_SHAPE)
    except Exception as error:
        fail(ko=f"채점기가 {function}이 돌려준 모델의 구성을 읽지 못했습니다. keras.layers의 층만 쓰세요.",
             en=f"The grader could not read the configuration of the model {function} returned; use "
                "keras.layers' own layers only.",
             expected=Text("keras 층으로 만든 모델", "a model of keras layers"),
             found=f"{type(error).__name__}: {str(error)[:160]}",
             hint_ko="직접 만든 Layer 클래스, Lambda 층, 내려받은 가중치 없이 keras.layers의 층만 쌓으세요.",
             hint_en="Stack keras.layers' own layers: no custom Layer classes, Lambda layers or downloaded "
                     "weights.")
    return {"value": value, "trainable": trainable, "non_trainable": frozen, "total": trainable + frozen}


def model_facts(sub) -> dict:
    """``build_project_model()`` and the grader's own count of its parameters, once per submission."""
    def make():
        lecture.require_implemented(sub, "project.build_project_model")
        value = timed_call(sub, "project.build_project_model")
        require(value.kind == "Model", ko="build_project_model은 keras 모델을 돌려주어야 합니다.",
                en="build_project_model must return a keras model.", expected="keras.Sequential / keras.Model",
                found=value.short(), hint_ko="keras.Sequential([...])을 만들어 return 하세요.",
                hint_en="Create a keras.Sequential([...]) and return it.")
        return count(value, "build_project_model")
    return _once(sub, "project.build_project_model", make)


def require_within_cap(sub, facts: dict, swapped: bool = False) -> None:
    """The cap, on the model counted; ``swapped``: compile_project_model returned another model than the one
    build_project_model made, and that model (the one trained and measured) is the one counted."""
    cap = sub.course.project.param_cap
    which = Text("compile_project_model이 돌려준 다른 모델", "The other model compile_project_model returned") if swapped \
        else Text("모델", "The model")
    require(facts["total"] <= cap, ko=f"{which.ko}의 파라미터가 상한 {cap:,}개보다 많아 프로젝트 점수를 받을 수 없습니다.",
            en=f"{which.en} has more parameters than the {cap:,} cap, so it earns no project points"
               + (" (the parameters are counted on the model that is trained and measured)." if swapped else "."),
            expected=f"≤ {cap:,}", found=f"{facts['total']:,}",
            hint_ko="Dense 층의 유닛 수를 줄이거나, Flatten 앞에서 풀링으로 크기를 줄이세요. 강의 모델의 파라미터 "
                    "대부분은 Dense(1000) 한 층에 있습니다.",
            hint_en="Use fewer units in the Dense layers, or pool more before Flatten: most of the lecture "
                    "model's parameters sit in its one Dense(1000) layer.")


@check("project.build_project_model: keras layers within the parameter cap", id="within_cap", ko="keras 층만으로, 파라미터 상한 이하")
def test_parameter_cap(sub):
    """Is the model made of keras' own layers, within the course's parameter cap, with one output per class?"""
    facts = model_facts(sub)
    require_within_cap(sub, facts)
    shape, _ = lecture.model_facts_or_none(facts["value"], INPUT_SHAPE)
    require(shape == (None, NUM_CLASSES), ko="모델의 출력 모양은 (None, 10)이어야 합니다.",
            en="The model's output shape must be (None, 10).", expected="(None, 10)", found=str(shape),
            hint_ko="마지막 층은 Dense(num_classes, activation=\"softmax\")입니다.",
            hint_en='The last layer is Dense(num_classes, activation="softmax").')


# ---------------------------------------------------------------- 2. the measured run

def run(sub) -> dict:
    """Build, compile and train through the student's functions, measure on held-back digits; once."""
    return _once(sub, "project run", lambda: _run(sub))


def _run(sub) -> dict:
    course, pdata = sub.course, sub.holdout_data
    budget = course.project.train_seconds
    checking = "project.train_project_model"
    lecture.require_implemented(sub, checking)
    facts = lecture.prerequisite(checking, lambda: model_facts(sub))
    require_within_cap(sub, facts)
    built = facts["value"]
    returned = lecture.prerequisite(checking, lambda: timed_call(sub, "project.compile_project_model", built))
    model = returned if returned.kind == "Model" else built
    if model is not built:
        # One and the same model: the one trained and measured is the one whose parameters are counted (another
        # model compile_project_model returned, or the same one grown).
        facts = count(model, "compile_project_model")
        require_within_cap(sub, facts, swapped=returned.same_as_arg[:1] != [True])
    before = sub.weights(model)
    started = time.perf_counter()
    history = timed_call(sub, checking, model, lecture.images("x_train"), dataset("y_train"), longest=budget)
    seconds = time.perf_counter() - started
    require(history.kind == "History", ko="train_project_model은 model.fit이 돌려주는 History를 돌려주어야 합니다.",
            en="train_project_model must return the History that model.fit returns.",
            expected="keras.callbacks.History", found=history.short(), hint_ko="return model.fit(x, y, ...)",
            hint_en="return model.fit(x, y, ...)")
    lecture.require_trained(lecture.weights_changed(before, sub.weights(model)))
    trained = model.model()
    x_held = _prepare(pdata.x_held)
    labels = pdata.y_held.astype(np.int64)
    predicted = holdout.predict_labels(trained, x_held)
    accuracy = round(float(np.mean(predicted == labels)), 4)
    baseline = lecture_baseline(course, pdata, _lecture_model_maker(), sub.device)
    result = {
        "accuracy": accuracy, "train_seconds": round(seconds, 2), "code_seconds": round(spent(sub), 2),
        "budget_seconds": budget,
        "params": facts["total"], "param_cap": course.project.param_cap, "device": sub.device,
        "history": {k: [float(x) for x in v] for k, v in history.history.items()},
        "confusion": holdout.confusion(labels, predicted),
        "model_summary": lecture.summary_rows(trained),
        "baseline": baseline, "margin": course.project.margin, "bar": course.project_bar(pdata),
        "train_digits": len(pdata.y_train), "held_digits": len(labels), "data_source": pdata.source,
        "nickname": holdout.nickname(sub.sources.get("project")),
        "what_helped": what_helped(lecture.summary_rows(trained), history.history, facts["total"], baseline),
    }
    sub.artifacts["project"] = result
    return result


def _prepare(images):
    from grader import data

    return data.prepare(images)


def _lecture_model_maker():
    """A maker of fresh lecture models. The template is built here, before the baseline seeds keras, so
    that the fresh model's weights depend on the seed only, not on what this process built before."""
    import keras

    template = lecture.reference_model(INPUT_SHAPE)
    return lambda: keras.models.clone_model(template)


BASELINE_FORMAT = 2  # bump when what the baseline holds changes (the cache is keyed by it)


def lecture_baseline(course, pdata, make_model, device: str = "CPU", cache=None) -> dict:
    """The lecture's model trained on ``pdata``'s training digits and measured on its held-back ones.

    ``make_model()`` returns a fresh, uncompiled lecture model. The lecture's recipe: adam,
    ``sparse_categorical_crossentropy``, ``[accuracy]`` epochs and batch size. The engine keeps the result
    on disk (:func:`grader.engine.holdout.cached_baseline`), keyed by what it depends on, so a class pays for
    it once per data, seed and settings."""
    import keras

    facts = {"format": BASELINE_FORMAT, "digits": pdata.fingerprint(), "source": pdata.source,
             "seed": course.course.seed, "epochs": course.accuracy.epochs,
             "batch_size": course.accuracy.batch_size, "keras": keras.__version__, "device": device}
    return holdout.cached_baseline(course, facts, lambda: _train_baseline(course, pdata, make_model, device), cache)


def _train_baseline(course, pdata, make_model, device: str) -> dict:
    import keras

    keras.utils.set_random_seed(course.course.seed)
    model = make_model()
    model.compile(**lecture.LECTURE_COMPILE)
    started = time.perf_counter()
    history = model.fit(_prepare(pdata.x_train), pdata.y_train.astype("int64"), epochs=course.accuracy.epochs,
                        batch_size=course.accuracy.batch_size, verbose=0)
    seconds = time.perf_counter() - started
    predicted = holdout.predict_labels(model, _prepare(pdata.x_held))
    labels = pdata.y_held.astype("int64")
    return {"accuracy": round(float(np.mean(predicted == labels)), 4),
            "params": int(model.count_params()), "train_seconds": round(seconds, 2),
            "history": {k: [float(v) for v in values] for k, values in history.history.items()},
            "epochs": course.accuracy.epochs, "batch_size": course.accuracy.batch_size, "device": device,
            "train_digits": len(pdata.y_train), "held_digits": len(labels)}


def what_helped(rows: list[dict], history: dict, params: int, baseline: dict) -> list[str]:
    """Plain facts about the model that differ from the lecture's (the reports word them)."""
    layers = [r["layer"] for r in rows]
    facts = []
    if "BatchNormalization" in layers:
        facts.append("batch-norm")
    if params < baseline.get("params", 0):
        facts.append("fewer-params")
    if len(next(iter(history.values()), [])) > baseline.get("epochs", 0):
        facts.append("more-epochs")
    if any(name in layers for name in ("RandomRotation", "RandomTranslation", "RandomZoom", "RandomFlip")):
        facts.append("augmentation")
    if layers.count("Conv2D") > 2 or "SeparableConv2D" in layers:
        facts.append("more-conv")
    if any(name.startswith("Global") for name in layers):
        facts.append("global-pooling")
    return facts


@check("project.train_project_model: trains within the budgets", id="budget", ko="예산 안에서 학습한다", slow=True)
def test_within_budgets(sub):
    """Does project.py's code (import, build, compile, train) really train the model within the time budget?"""
    result = run(sub)
    losses = result["history"].get("loss", [])
    require(losses and all(np.isfinite(losses)), ko="학습 손실이 nan/inf이거나 기록되지 않았습니다.",
            en="The training loss is nan or inf, or was not recorded.", expected=Text("유한한 손실", "finite losses"),
            found=str(losses[-3:]), hint_ko="학습률을 낮추고, 손실이 sparse_categorical_crossentropy인지 확인하세요.",
            hint_en="Lower the learning rate and check that the loss is sparse_categorical_crossentropy.")


@check("project.train_project_model: beats the lecture model", id="beats_lecture", ko="강의 모델보다 정확하다", slow=True)
def test_beats_lecture(sub):
    """Is the model more accurate on the held-back digits than the lecture's model, by the course's margin?"""
    result = run(sub)
    base, margin = result["baseline"]["accuracy"], result["margin"]
    require(result["accuracy"] >= base + margin,
            ko=f"떼어 둔 숫자 이미지에서 강의 모델({base:.4f})보다 {margin:g} 이상 정확하지 않습니다.",
            en=f"On the held-back digits it is not at least {margin:g} more accurate than the lecture's model "
               f"({base:.4f}).", expected=f"≥ {base + margin:.4f}", found=f"{result['accuracy']:.4f}",
            hint_ko="한 번에 하나씩 바꿔 보세요: 합성곱 뒤 BatchNormalization, 더 작은 Dense 층, 에포크 몇 개 더.",
            hint_en="Change one thing at a time: BatchNormalization after a convolution, a smaller Dense layer, a "
                    "few more epochs.")


@check("project.train_project_model: reaches the higher bar", id="higher_bar", ko="더 높은 기준에 닿는다", slow=True)
def test_higher_bar(sub):
    """Does the model reach the course's higher accuracy bar on the held-back digits?"""
    result = run(sub)
    bar = result["bar"]
    require(result["accuracy"] >= bar, ko=f"떼어 둔 숫자 이미지에서 정확도가 더 높은 기준 {bar:.3f}에 못 미칩니다.",
            en=f"On the held-back digits the accuracy is below the higher bar of {bar:.3f}.",
            expected=f"≥ {bar:.3f}", found=f"{result['accuracy']:.4f}",
            hint_ko="학습 곡선을 보세요. 학습 정확도는 높은데 떼어 둔 숫자 이미지에서 낮으면 과적합입니다(드롭아웃, 더 작은 "
                    "모델). 둘 다 낮으면 더 오래 또는 더 큰 학습률로 학습하세요.",
            hint_en="Look at the learning curves: high training accuracy but lower held-back accuracy is "
                    "overfitting (dropout, a smaller model); both low means train longer or faster.")
