"""Tests of the graded checks themselves: real submissions, real child processes, real TensorFlow.

Every grading run here uses the offline 5k digits (no download, no keras
cache), so scores do not depend on the machine.
"""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import pytest

from grader import config
from grader.checks import runner
from grader.engine import grading

ROOT = Path(__file__).resolve().parents[2]
CHECK_FILES = sorted((ROOT / "tests" / "checks").rglob("*.py"))
MODULES = ("tensors", "cnn", "concepts", "project")
NOT_IMPLEMENTED = "is not implemented yet"


pytestmark = pytest.mark.usefixtures("offline_data")  # tests/kit/conftest.py


@pytest.fixture(scope="module")
def course():
    return config.load(ROOT)


COURSE_MODULES = ("tensors", "cnn", "concepts")


def grade(path: Path, course, include_slow: bool = False, selection: tuple[str, ...] = COURSE_MODULES):
    """The course's 100-point modules by default (the project part has tests of its own: test_project.py)."""
    return grading.grade(path, course, grading.Options(scope="all", include_slow=include_slow,
                                                       selection=selection))


def failed(report) -> set[str]:
    return {r.name for r in report.results if r.status != "passed"}


def carried(report) -> dict[str, tuple[str, ...]]:
    """Checks credited under error carried forward, with their roots."""
    return {r.name: r.carried_from for r in report.results if r.carried_from}


def feedback(report, name: str, lang: str = "en") -> str:
    result = next(r for r in report.results if r.name == name)
    return result.feedback.render(lang) if result.feedback else ""


def submission(folder: Path, **modules: str) -> Path:
    """A submission folder: each module's source, or the reference solution where ``"solution"``."""
    folder.mkdir(parents=True, exist_ok=True)
    for module, text in modules.items():
        if text == "solution":
            text = (ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8")
        (folder / f"{module}.py").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def solution_with(module: str, *replacements: tuple[str, str]) -> str:
    """The reference solution of ``module`` with some lines changed (each old text must exist once)."""
    text = (ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# ---------------------------------------------------------------- the course's checks, statically

def test_every_check_has_points_and_the_points_add_to_100(course):
    """Is every check worth points, every [points] key a real check, and the course's modules 100 in all
    (the project part apart, on its own total)?"""
    checks = runner.discover(course, "all")
    ids = {c.id for c in checks}
    assert ids == set(course.points) and len(ids) == len(checks)
    assert all(c.points == course.points[c.id] > 0 for c in checks)
    assert sum(c.points for c in checks if c.module != "project") == 100


def test_every_check_has_a_stable_id_of_its_own(course):
    """Is every check's id its module.function and a word of its own (never a bare number, as the old
    positional ids were), unique across the course?"""
    checks = runner.discover(course, "all")
    for c in checks:
        function, word = c.id.rsplit(".", 1)
        assert function == c.name.split(":", 1)[0] and re.fullmatch(r"[a-z][a-z0-9_]*", word), c.id
    assert len({c.id for c in checks}) == len(checks)


def test_check_names_start_with_a_spec_function(course):
    """Does every check name begin with a function that both the solutions and the stubs define?"""
    def functions(folder: str, module: str) -> set[str]:
        tree = ast.parse((ROOT / folder / f"{module}.py").read_text(encoding="utf-8"))
        return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}

    defined = {m: functions("solutions", m) & functions("exercises", m) for m in MODULES}
    for c in runner.discover(course, "all"):
        assert c.module in defined and c.function in defined[c.module], c.name


def test_exactly_one_slow_check_and_it_is_public(course):
    """Is the accuracy run the only slow check of the course's modules, and one that students can run themselves?"""
    slow = [c for c in runner.discover(course, "all") if c.slow and c.module != "project"]
    assert [(c.name, c.hidden) for c in slow] == [("cnn.train_model: test accuracy on MNIST", False)]


def test_every_check_has_a_question_as_docstring(course):
    """Does every check say, in its docstring, which question it answers?"""
    for c in runner.discover(course, "all"):
        doc = (c.func.__doc__ or "").strip()
        assert doc.endswith("?"), c.name


def test_every_check_has_a_korean_title(course):
    """Does every check say in Korean what it checks (the part of its name after the colon)?"""
    for c in runner.discover(course, "all"):
        assert any("\uac00" <= ch <= "\ud7a3" for ch in c.title_ko), c.name


def _feedback_calls():
    for path in CHECK_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in ("fail", "require"):
                    yield path, node


def test_every_failure_message_has_both_languages_expected_and_found():
    """Does every fail()/require() in the checks carry ko and en, expected and found, and hints in both languages?"""
    calls = list(_feedback_calls())
    assert len(calls) > 50
    for path, node in calls:
        keys = {k.arg for k in node.keywords}
        where = f"{path.relative_to(ROOT)}:{node.lineno}"
        assert {"ko", "en", "expected", "found"} <= keys, where
        assert ("hint_ko" in keys) == ("hint_en" in keys), where


# ---------------------------------------------------------------- reference solutions and stubs

def test_solutions_pass_every_check_but_the_accuracy_run(course):
    """Do the reference solutions pass every public and hidden check (training run left out)?"""
    report = grade(ROOT / "solutions", course)
    assert failed(report) == set()
    assert report.score == pytest.approx(100 - course.points["cnn.train_model.test_accuracy"])
    summary = report.artifacts["model_summary"]
    assert summary == report.artifacts["reference_summary"]
    assert [row["params"] for row in summary if row["params"]] == [832, 8256, 3_137_000, 10_010]


def test_untouched_stubs_score_zero_with_the_not_implemented_message(course):
    """Does every check, the accuracy run included, fail on the untouched stubs and say what is not implemented?"""
    report = grade(ROOT / "exercises", course, include_slow=True, selection=())  # the project part too
    assert report.score == 0 and report.project_score == 0
    assert len(report.results) == len(course.points)
    for result in report.results:
        assert result.status == "failed", result.name
        function = result.name.split(":")[0]
        assert f"`{function}` {NOT_IMPLEMENTED}" in feedback(report, result.name), result.name


# ---------------------------------------------------------------- right answers in another style

# the tensor idioms of the style corpus (tests/kit/grading/styles/), as a module of their own
OTHER_TENSORS = "import tensorflow as tf\n" + (
    ROOT / "tests/kit/grading/styles/tensor_idioms/tensors.append.py").read_text(encoding="utf-8")

OTHER_CNN = '''
    import tensorflow as tf
    from tensorflow import keras


    def prepare_images(images):
        return tf.reshape(tf.cast(images, tf.float32) / 255.0, (-1, 28, 28, 1)).numpy()


    def load_data():
        from grader.data import load_mnist

        (a, b), (c, d) = load_mnist()
        return (prepare_images(a), b), (prepare_images(c), d)


    def first_conv(input_shape=(28, 28, 1)):
        return keras.layers.Conv2D(filters=32, kernel_size=5, padding="same", activation="relu")


    def pooling():
        return keras.layers.MaxPool2D(2)


    def second_conv():
        return keras.layers.Conv2D(64, 2, padding="same", activation=keras.activations.relu)


    def dropout(rate):
        return keras.layers.Dropout(rate=rate)


    def flatten():
        return keras.layers.Flatten()


    def hidden_dense():
        return keras.layers.Dense(units=1000, activation="relu")


    def output_dense():
        return keras.layers.Dense(10, activation=tf.nn.softmax)


    def build_model(input_shape=(28, 28, 1)):
        inputs = keras.Input(shape=input_shape)
        x = first_conv(input_shape)(inputs)
        x = pooling()(x)
        x = second_conv()(x)
        x = pooling()(x)
        x = dropout(0.25)(x)
        x = flatten()(x)
        x = hidden_dense()(x)
        x = dropout(0.5)(x)
        return keras.Model(inputs, output_dense()(x))


    def compile_model(model):
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                      loss=keras.losses.SparseCategoricalCrossentropy(),
                      metrics=[keras.metrics.SparseCategoricalAccuracy()])
        return model


    def train_model(model, x, y, epochs=1, batch_size=128):
        history = model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0)
        return history


    def evaluate_model(model, x, y):
        _, accuracy = model.evaluate(x, y, verbose=0)
        return accuracy
'''


@pytest.mark.slow  # a whole submission graded; the grading corpora cover more of the same
def test_right_answers_in_another_style_pass(course, tmp_path):
    """Do tf.keras imports, the functional API, int kernel sizes, tf.nn.softmax, loss and metric objects and other
    tensor idioms pass?"""
    written = tuple(f"tensors.{node.name}" for node in ast.parse(textwrap.dedent(OTHER_TENSORS)).body
                    if isinstance(node, ast.FunctionDef))  # the lecture's later exercises have styles of their own
    report = grade(submission(tmp_path / "other", tensors=OTHER_TENSORS, cnn=OTHER_CNN), course,
                   selection=(*written, "cnn"))
    assert failed(report) == set()
    assert report.score == pytest.approx(sum(r.max_score for r in report.results))


# ---------------------------------------------------------------- typical mistakes

@pytest.mark.slow  # a whole submission graded; the grading corpora cover more of the same
def test_typical_mistakes_cost_only_their_own_checks(course, tmp_path):
    """Do make_constant → Variable, a * b for matmul, padding="valid", a fake History, a typed-in 0.99 and a typed-in
    3156098 with a broken helper fail exactly the checks of those functions, naming the fix, while what is built on
    them (the model's total, hidden checks of the same rule) is credited and names the root cause?"""
    tensors = solution_with(
        "tensors",
        ("return tf.constant(value, dtype=dtype)", "return tf.Variable(value, dtype=dtype)"),
        ("return tf.matmul(a, b)", "return a * b"))
    cnn = solution_with(
        "cnn",
        ('32, kernel_size=(5, 5), strides=(1, 1), padding="same", activation="relu"',
         '32, kernel_size=(5, 5), strides=(1, 1), padding="valid", activation="relu"'),
        ("return model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0)",
         "model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0)\n"
         "    return type('History', (), {'history': {'loss': [0.1] * epochs}, 'params': {}})()"),
        ("return float(score[1])", "return 0.99"))
    concepts = solution_with(
        "concepts",
        ("return (inputs + 1) * units", "return inputs * units"),
        ("    return total\n", "    return 3156098\n"))
    report = grade(submission(tmp_path / "mistakes", tensors=tensors, cnn=cnn, concepts=concepts), course)
    assert failed(report) == {
        "tensors.make_constant: returns an immutable tf.Tensor",
        "tensors.matmul: multiplies matrices",
        "cnn.first_conv: 32 filters of 5x5, same padding, relu",
        "cnn.train_model: returns the History of fit",
        "cnn.evaluate_model: accuracy the grader can confirm",
        # a typed-in 0.99 ignores its inputs: no slip of the public rule, so its hidden check is not credited
        # (see grader.record.scoring.carry_forward); train_model's hidden twin judges the same one fit, which
        # did use the epochs and batch size given, and is credited as the public rule charged once
        "cnn.evaluate_model: agrees on other data",
        "concepts.dense_params: (inputs + 1) * units",
        "concepts.lecture_model_params: computed from the helper functions",
        "concepts.lecture_model_params: not typed in",
    }
    # each consequence is credited once its root lost points, and names that root (error carried forward)
    assert carried(report) == {
        "tensors.make_constant: other values and dtypes": ("tensors.make_constant",),
        "tensors.matmul: other shapes": ("tensors.matmul: multiplies matrices",),
        "cnn.first_conv: builds for the input shape it is given":
            ("cnn.first_conv: 32 filters of 5x5, same padding, relu",),
        "cnn.build_model: total parameters": ("cnn.first_conv",),
        "cnn.build_model: other input shapes": ("cnn.first_conv",),
        "concepts.dense_params: other sizes": ("concepts.dense_params: (inputs + 1) * units",),
        "cnn.train_model: uses the epochs and batch size given": ("cnn.train_model: returns the History of fit",),
    }
    assert "tf.constant" in feedback(report, "tensors.make_constant: returns an immutable tf.Tensor")
    matmul = feedback(report, "tensors.matmul: multiplies matrices")
    assert "tf.matmul(a, b)" in matmul and "element-wise" in matmul
    conv = feedback(report, "cnn.first_conv: 32 filters of 5x5, same padding, relu")
    assert "Expected: 'same'" in conv and "Found: 'valid'" in conv and "(24, 24, 32)" in conv
    total = feedback(report, "cnn.build_model: total parameters")
    assert total.startswith('Carried forward from `cnn.first_conv`: padding="valid", already charged.'), total
    assert "Found: 2," in total
    assert "`cnn.first_conv`의 padding=\"valid\"" in feedback(report, "cnn.build_model: total parameters", "ko")
    assert "model.fit" in feedback(report, "cnn.train_model: returns the History of fit")
    evaluate = feedback(report, "cnn.evaluate_model: accuracy the grader can confirm")
    assert "Found: 0.990" in evaluate and "model.evaluate" in evaluate
    assert "line" in feedback(report, "concepts.lecture_model_params: not typed in")
    hidden = feedback(report, "tensors.matmul: other shapes")
    assert "the same rule, on other inputs" in hidden and not any(ch.isdigit() for ch in hidden.split("Found:")[0])
    assert "행렬" in feedback(report, "tensors.matmul: multiplies matrices", "ko")


@pytest.mark.slow  # a whole submission graded; the grading corpora cover more of the same
def test_shortcuts_that_pass_the_public_checks_fail_hidden_ones_without_showing_their_inputs(course, tmp_path):
    """Do hard-coded shapes and dtypes, and English-only task names, fail only hidden checks, whose messages
    never quote the hidden inputs? (Hard-coded epochs and batch sizes are judged on train_model's one fit, by
    the public check: ``train_fixed_batch`` in tests/kit/grading/.)"""
    tensors = solution_with(
        "tensors", ("return tf.Variable(value, dtype=dtype)",
                    "return tf.Variable(value, dtype=dtype if dtype != tf.int64 else tf.int32)"))
    cnn = solution_with(
        "cnn",
        ("conv.build((None, *input_shape))", "conv.build((None, 28, 28, 1))"),
        ("keras.Input(shape=input_shape),\n            first_conv(input_shape),",
         "keras.Input(shape=(28, 28, 1)),\n            first_conv(),"))
    concepts = solution_with("concepts", ('"image classification", "이미지 분류",', '"image classification",'))
    report = grade(submission(tmp_path / "shortcuts", tensors=tensors, cnn=cnn, concepts=concepts), course)
    hidden = {r.name for r in report.results if r.hidden}
    assert failed(report) == {
        "tensors.make_variable: other values and dtypes",
        "cnn.first_conv: builds for the input shape it is given",
        "cnn.build_model: other input shapes",
        "concepts.best_network: Korean names and other listed tasks",
    } and failed(report) <= hidden
    for name in failed(report):
        for lang in ("ko", "en"):
            text = feedback(report, name, lang)
            assert "이미지 분류" not in text and "32, 32, 3" not in text and "int64" not in text, text
    assert "ValueError" in feedback(report, "concepts.best_network: Korean names and other listed tasks")


@pytest.mark.slow  # a whole module graded with training
@pytest.mark.parametrize("compile_call, check, words", [
    ('model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])',
     "cnn.compile_model: loss for integer labels", ("one-hot", "sparse_categorical_crossentropy")),
    ('model.compile("adam", "sparse_categorical_crossentropy", ["accuracy"])',
     "cnn.compile_model: optimizer and accuracy metric", ("loss_weights", "by keyword")),
], ids=["categorical-crossentropy", "positional-metrics"])
def test_compile_mistakes_are_named(course, tmp_path, compile_call, check, words):
    """Does a wrong loss or the Keras 3 positional-metrics trap fail its compile check only, with train_model and
    evaluate_model judged on their own work?"""
    cnn = solution_with("cnn", ('''model.compile(
        optimizer="adam",
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )''', compile_call))
    report = grade(submission(tmp_path / "compile", cnn=cnn), course, selection=("cnn",))
    # training cannot run on integer labels with these settings: train_model and evaluate_model are judged on
    # the grader's stand-in (the student's build_model compiled as the lecture does) and keep their points
    assert failed(report) == {check}
    assert not carried(report)
    text = feedback(report, check)
    assert all(word in text for word in words), text


def test_grade_check_skips_training_unless_named(course):
    """Does `grade check` leave out checks that fit a model, yet run them when their function is named?"""
    checks = runner.discover(course, "public")
    quick = runner.select(checks, (), include_slow=False, include_training=False)
    assert quick and not any(c.trains for c in quick)
    named = runner.select(checks, ("cnn.train_model",), include_slow=False, include_training=False)
    assert "cnn.train_model: returns the History of fit" in [c.name for c in named]
    module = runner.select(checks, ("cnn",), include_slow=False, include_training=False)
    assert not any(c.trains for c in module)


def test_a_check_grades_the_project_part_in_the_courses_child_and_removes_its_sandbox(course, monkeypatch):
    """Does a check without the accuracy run (``grade check``: nothing is trained or measured, so no held-back
    digit is at stake) grade project.py beside concepts.py in the one sandbox, one TensorFlow import, and
    remove it afterwards? (With the measured run the project's child is its own: test_project.py.)"""
    made = []
    real = grading.new_sandbox

    def recorded():
        made.append(real())
        return made[-1]
    monkeypatch.setattr(grading, "new_sandbox", recorded)
    report = grading.grade(ROOT / "solutions", course, grading.Options(
        scope="public", selection=("concepts", "project"), include_slow=False, include_training=False))
    rows = {r.name: r.status for r in report.results}
    assert rows["project.build_project_model: keras layers within the parameter cap"] == "passed"
    assert rows and set(rows.values()) == {"passed"} and any(name.startswith("concepts.") for name in rows)
    assert len(made) == 1 and not any(home.exists() for home in made)


@pytest.mark.slow  # a whole submission graded; the grading corpora cover more of the same
def test_zero_helpers_earn_nothing_for_the_total(course, tmp_path):
    """Do helpers that all return 0 (so the 'computed' total is 0) earn none of lecture_model_params' points?"""
    (tmp_path / "concepts.py").write_text(
        "def conv_output_size(size, kernel, stride=1, padding='same'):\n    return 0\n"
        "def conv_params(kernel_h, kernel_w, in_channels, filters):\n    return 0\n"
        "def dense_params(inputs, units):\n    return 0\n"
        "def flatten_size(height, width, channels):\n    return 0\n"
        "def lecture_model_params():\n"
        "    return conv_params(5, 5, 1, 32) + dense_params(flatten_size(7, 7, 64), 1000)\n"
        "def best_network(task):\n    return 'CNN'\n", encoding="utf-8")
    report = grade(tmp_path, course, selection=("concepts.lecture_model_params",))
    assert report.results and report.score == 0
    assert all(r.feedback for r in report.results)


# ---------------------------------------------------------------- the check context

def _verdicts(results) -> dict:
    """Each check's verdict and points. (Feedback may quote a number the grader measured on weights whose
    random start depends on the calls made before in the same child, so it is not compared.)"""
    return {r.name: (r.status, r.score) for r in results}


@pytest.mark.slow
def test_verdicts_do_not_depend_on_the_order_checks_run_in(course, tmp_path):
    """Run backwards (last check first) against the same files, does a submission with mistakes (a forged
    History, a typed-in accuracy: checks that read what others computed) get the same verdicts and points as a
    normal grading run?"""
    from grader.engine.intake import collect

    cnn = solution_with(
        "cnn",
        ("return model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0)",
         "model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0)\n"
         "    return type('History', (), {'history': {'loss': [0.1] * epochs}, 'params': {}})()"),
        ("return float(score[1])", "return 0.99"))
    mistake = submission(tmp_path / "mistake", tensors="solution", cnn=cnn, concepts="solution")
    lessons = ("tensors", "cnn", "concepts")  # the project part runs in a child of its own
    checks = runner.select(runner.discover(course, "all"), lessons, include_slow=False)
    forwards = grade(mistake, course, selection=lessons)
    with grading.checking(collect(mistake), course, checks) as (sub, ctx):
        backwards = runner.run(list(reversed(checks)), ctx, course)
    assert [r.name for r in backwards] == [c.name for c in reversed(checks)]
    assert _verdicts(backwards) == _verdicts(forwards.results)
    assert "cnn.train_model: returns the History of fit" in failed(forwards)


def test_the_check_context_is_fixed_once_built(course, tmp_path):
    """Can a check neither attach nor replace anything on the ``sub`` it receives, nor reach the sandbox?"""
    from grader.checks.context import CheckContext
    from grader.engine.intake import collect

    folder = submission(tmp_path / "one", tensors="solution")
    with grading.checking(collect(folder), course, []) as (sub, ctx):
        assert isinstance(ctx, CheckContext) and ctx.course is course and ctx.data_source is None
        assert "def make_constant" in ctx.sources["tensors"]
        for name, value in (("course", None), ("memo", {}), ("data_source", None), ("home", tmp_path)):
            with pytest.raises(AttributeError):
                setattr(ctx, name, value)
        with pytest.raises(TypeError):
            ctx.sources["tensors"] = "print('hi')"
        assert not hasattr(ctx, "home") and not hasattr(ctx, "memo")
