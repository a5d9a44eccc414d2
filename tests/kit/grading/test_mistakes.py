"""One mistake each: exactly the points of the exercise where it was made, once; the rest carried forward.

The table below is the proof: for each student of ``mistakes/`` it lists the checks that must fail
(their points are what the student loses), the checks that must be credited as carried forward (they
failed only because of that mistake), and the words the feedback must use to name the root cause.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from classroom import TRAINED_CLASS_RUN, make_course

from grader.checks import runner

pytestmark = pytest.mark.slow

MISTAKES = Path(__file__).resolve().parent / "mistakes"

# check names, short
FIRST_CONV = "cnn.first_conv: 32 filters of 5x5, same padding, relu"
FIRST_CONV_HIDDEN = "cnn.first_conv: builds for the input shape it is given"
POOLING = "cnn.pooling: 2x2 max pooling halves height and width"
SECOND_CONV = "cnn.second_conv: 64 filters of 2x2, same padding, relu"
DROPOUT, DROPOUT_HIDDEN = "cnn.dropout: keeps the rate asked for", "cnn.dropout: other rates"
HIDDEN_DENSE = "cnn.hidden_dense: 1000 relu units"
PREPARE = "cnn.prepare_images: float32 (N, 28, 28, 1) in [0, 1]"
PREPARE_HIDDEN = "cnn.prepare_images: other batch sizes and pixel values"
LOAD_DATA = "cnn.load_data: the kit's MNIST splits, prepared"
ORDER, OUTPUT = "cnn.build_model: layers in the lecture's order", "cnn.build_model: output shape (None, 10)"
TOTAL, OTHER_INPUT = "cnn.build_model: total parameters", "cnn.build_model: other input shapes"
LOSS = "cnn.compile_model: loss for integer labels"
TRAIN, TRAIN_HIDDEN = "cnn.train_model: returns the History of fit", "cnn.train_model: uses the epochs and batch size given"
EVALUATE, EVALUATE_HIDDEN = "cnn.evaluate_model: accuracy the grader can confirm", "cnn.evaluate_model: agrees on other data"
ACCURACY = "cnn.train_model: test accuracy on MNIST"
CONV_OUTPUT = "concepts.conv_output_size: same and valid padding, strides"
CONV_OUTPUT_HIDDEN = "concepts.conv_output_size: other sizes, kernels and strides"
DENSE_PARAMS, DENSE_PARAMS_HIDDEN = "concepts.dense_params: (inputs + 1) * units", "concepts.dense_params: other sizes"
FLATTEN_SIZE = "concepts.flatten_size: height * width * channels"
TOTAL_PARAMS = ("concepts.lecture_model_params: 3,156,098",
                "concepts.lecture_model_params: computed from the helper functions",
                "concepts.lecture_model_params: not typed in")
TYPED_IN = TOTAL_PARAMS[2]
NETWORK = "concepts.best_network: CNN, RNN or GAN for the listed tasks"
NETWORK_HIDDEN = "concepts.best_network: Korean names and other listed tasks"
INFO, INFO_HIDDEN = "tensors.tensor_info: rank, shape, dtype and device", "tensors.tensor_info: scalars and other ranks"
VARIABLE_DTYPE = "tensors.make_variable: keeps the dtype asked for"
VARIABLE_HIDDEN = "tensors.make_variable: other values and dtypes"
MATMUL, MATMUL_HIDDEN = "tensors.matmul: multiplies matrices", "tensors.matmul: other shapes"
ASSIGN, ASSIGN_HIDDEN = "tensors.assign_value: changes the same variable in place", "tensors.assign_value: other shapes and dtypes"
CONSTANT = "tensors.make_constant: returns an immutable tf.Tensor"
CONSTANT_HIDDEN = "tensors.make_constant: other values and dtypes"
MULTIPLY, MULTIPLY_HIDDEN = "tensors.multiply: multiplies element by element", "tensors.multiply: other shapes and broadcasting"
SOFTMAX = "tensors.apply_activation: softmax rows sum to 1"
UNKNOWN_ACTIVATION = "tensors.apply_activation: another name is a ValueError"
ACTIVATION_HIDDEN = "tensors.apply_activation: other shapes"
GRADIENT, GRADIENT_HIDDEN = "tensors.gradient: dy/dx = 2x + 3 with tf.GradientTape", "tensors.gradient: other points"
GRAPH = "tensors.graph_sum_of_squares: runs as a tf.function graph"
GRAPH_VALUE = "tensors.graph_sum_of_squares: the same value as eager execution"
GRAPH_HIDDEN = "tensors.graph_sum_of_squares: other shapes"
SIZE, SIZE_HIDDEN = "concepts.model_size_mb: params * bytes / 2**20", "concepts.model_size_mb: other models and dtypes"
RECURRENT = "concepts.recurrent_network: the network that feeds back its output"
GAN_NETWORKS = "concepts.gan_networks: a generator and a discriminator"
LECTURE_WORDS = "concepts.best_network: the lecture's own words, with and without spaces"


@dataclass(frozen=True)
class Mistake:
    lost: float
    """Points the student must lose (out of 100)."""
    failed: frozenset
    """The checks that must fail: the exercise where the mistake was made."""
    carried: dict = field(default_factory=dict)
    """Checks credited as carried forward → the root cause (in English) their feedback must name."""


def mistake(lost, failed, carried=None) -> Mistake:
    return Mistake(lost, frozenset(failed), dict(carried or {}))


def same_rule(public: str) -> str:
    return f"Carried forward from the public check `{public}` (the same rule, on other inputs), already charged."


def same_function(function: str) -> str:
    return (f"Carried forward from the public checks of `{function}` (the same rule, on other inputs), already "
            "charged.")


def carried_from(cause: str) -> str:
    return f"Carried forward from {cause}, already charged."


TABLE = {
    "second_conv_3x3": mistake(2, {SECOND_CONV}, {
        TOTAL: carried_from("`cnn.second_conv`: 3x3 kernel"), OTHER_INPUT: carried_from("`cnn.second_conv`: 3x3 kernel")}),
    "first_conv_valid": mistake(2, {FIRST_CONV}, {
        FIRST_CONV_HIDDEN: same_rule(FIRST_CONV), TOTAL: carried_from('`cnn.first_conv`: padding="valid"'),
        OTHER_INPUT: carried_from('`cnn.first_conv`: padding="valid"')}),
    "second_conv_32_filters": mistake(2, {SECOND_CONV}, {
        TOTAL: carried_from("`cnn.second_conv`: 32 filters"), OTHER_INPUT: carried_from("`cnn.second_conv`: 32 filters")}),
    "hidden_dense_500": mistake(2, {HIDDEN_DENSE}, {
        TOTAL: carried_from("`cnn.hidden_dense`: 500 units"), OTHER_INPUT: carried_from("`cnn.hidden_dense`: 500 units")}),
    "average_pooling": mistake(1, {POOLING}, {ORDER: carried_from("`cnn.pooling`: an AveragePooling2D layer")}),
    "dropout_fixed_rate": mistake(1, {DROPOUT}, {DROPOUT_HIDDEN: same_rule(DROPOUT)}),
    "prepare_unscaled": mistake(2, {PREPARE}, {
        PREPARE_HIDDEN: same_rule(PREPARE), LOAD_DATA: carried_from("`cnn.prepare_images`: values up to 255")}),
    "model_missing_dropout": mistake(2, {ORDER}),
    "model_missing_block": mistake(4, {ORDER, TOTAL}, {OTHER_INPUT: same_rule(TOTAL)}),
    "model_fixed_input": mistake(1, {OTHER_INPUT}),
    "one_hot_pipeline": mistake(2, {LOSS}),
    # the student's compile cannot train on integer labels: train_model, evaluate_model and the accuracy
    # run are judged on a stand-in the grader compiles as the lecture does, and pass on their own work
    "categorical_without_one_hot": mistake(2, {LOSS}),
    # train_model's one fit (the accuracy run's) asks for batch 128: the public check charges it, the hidden
    # twin judges the same fit and is credited as the same rule
    "train_fixed_batch": mistake(2, {TRAIN}, {TRAIN_HIDDEN: same_rule(TRAIN)}),
    # the one fit asks for exactly the numbers typed in: only the hidden twin's other numbers catch it
    "train_typed_in_numbers": mistake(2, {TRAIN_HIDDEN}),
    "evaluate_returns_loss": mistake(2, {EVALUATE}, {EVALUATE_HIDDEN: same_rule(EVALUATE)}),
    "dense_params_no_bias": mistake(1, {DENSE_PARAMS}, {
        DENSE_PARAMS_HIDDEN: same_rule(DENSE_PARAMS),
        **{name: carried_from("`concepts.dense_params`: dense_params(3136, 1000) = 3,136,000") for name in TOTAL_PARAMS}}),
    "conv_output_no_stride": mistake(2, {CONV_OUTPUT}, {
        CONV_OUTPUT_HIDDEN: same_rule(CONV_OUTPUT),
        **{name: carried_from("`concepts.conv_output_size`: conv_output_size(28, 2, 2, 'valid') = 27")
           for name in TOTAL_PARAMS}}),
    "flatten_size_no_channels": mistake(1, {FLATTEN_SIZE}, {
        name: carried_from("`concepts.flatten_size`: flatten_size(7, 7, 64) = 49") for name in TOTAL_PARAMS}),
    "total_typed_in": mistake(1, {TYPED_IN}),
    "network_lowercase": mistake(2, {NETWORK}, {NETWORK_HIDDEN: same_rule(NETWORK), LECTURE_WORDS: same_rule(NETWORK)}),
    "rank_numpy_int": mistake(1, {INFO}, {INFO_HIDDEN: same_rule(INFO)}),
    "variable_ignores_dtype": mistake(1, {VARIABLE_DTYPE}, {
        VARIABLE_HIDDEN: "Carried forward from the public checks of `tensors.make_variable` (the same rule, on other "
                         "inputs), already charged."}),
    "matmul_elementwise": mistake(2, {MATMUL}, {MATMUL_HIDDEN: same_rule(MATMUL)}),
    "assign_new_variable": mistake(1, {ASSIGN}, {ASSIGN_HIDDEN: same_rule(ASSIGN)}),
    "constant_is_variable": mistake(1, {CONSTANT}, {
        CONSTANT_HIDDEN: "Carried forward from the public checks of `tensors.make_constant` (the same rule, on other "
                         "inputs), already charged."}),
    # the lecture's tensor operations, automatic differentiation and graphs
    "multiply_matmul": mistake(1, {MULTIPLY}, {MULTIPLY_HIDDEN: same_function("tensors.multiply")}),
    "multiply_numpy": mistake(1, {MULTIPLY}, {MULTIPLY_HIDDEN: same_function("tensors.multiply")}),
    "softmax_axis0": mistake(1, {SOFTMAX}, {ACTIVATION_HIDDEN: same_rule(SOFTMAX)}),
    "activation_no_value_error": mistake(1, {UNKNOWN_ACTIVATION}),
    # None at every input: the hidden check names the slip read from the source (see _lecture.gradient_slip), but
    # a function that returned no work of its own earns no hidden point by carry-forward (issue 21)
    "gradient_constant_unwatched": mistake(3, {GRADIENT, GRADIENT_HIDDEN}),
    "gradient_outside_tape": mistake(3, {GRADIENT, GRADIENT_HIDDEN}),
    # tracing fails, so neither the graph nor its value can be had: the exercise's two public checks
    # .numpy() on a symbolic tensor raises at every call: no work of its own, so no hidden point by carry-forward
    "graph_numpy_inside": mistake(3, {GRAPH, GRAPH_VALUE, GRAPH_HIDDEN}),
    "graph_no_decorator": mistake(1, {GRAPH}),
    "size_decimal_mb": mistake(1, {SIZE}, {SIZE_HIDDEN: same_rule(SIZE)}),
    "size_in_bytes": mistake(1, {SIZE}, {SIZE_HIDDEN: same_rule(SIZE)}),
    "recurrent_cnn": mistake(1, {RECURRENT}),
    "recurrent_gan": mistake(1, {RECURRENT}),
    "gan_classifier": mistake(1, {GAN_NETWORKS}),
    "gan_encoder_decoder": mistake(1, {GAN_NETWORKS}),
}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The test course as the trained class has it: the accuracy run's bar at 0.5 (five times chance), so that
    a model whose layers differ from the lecture's still passes, and only the mistakes of the table decide."""
    return make_course(tmp_path_factory.mktemp("course-mistakes"), accuracy=TRAINED_CLASS_RUN)


@pytest.fixture(scope="module")
def graded(trained_class) -> dict[str, dict]:
    """Each mistake's report, graded in the trained class (tests/kit/conftest.py)."""
    return {case: record for (corpus, case), record in trained_class.items() if corpus == "mistakes"}


def test_the_table_covers_the_corpus_and_its_points_add_up(course):
    """Is every mistake in the table (at least 20), and is each one's loss the points of its failing checks?"""
    assert sorted(TABLE) == sorted(p.name for p in MISTAKES.iterdir() if p.is_dir())
    assert len(TABLE) >= 20
    points = {c.name: c.points for c in runner.discover(course, "all")}
    for case, row in TABLE.items():
        assert row.lost == sum(points[name] for name in row.failed), case


@pytest.mark.parametrize("case", sorted(TABLE))
def test_a_mistake_costs_its_own_points_once(graded, case):
    """Does this mistake lose exactly its table's points, fail exactly its own checks, and credit each consequence
    with feedback that names the root cause? The student it was graded in may carry other mistakes of the
    table, each in another part of the work (classroom.seat): then the student must fail exactly the union of
    their checks, lose exactly the sum of their points and credit exactly each one's consequences."""
    record = graded[case]
    assert case in record["cases"]
    rows = [TABLE[c] for c in record["cases"]]
    results = {r["name"]: r for r in record["results"]}
    failed = {name for name, r in results.items() if r["status"] != "passed"}
    assert TABLE[case].failed <= failed
    assert failed == frozenset().union(*(row.failed for row in rows))
    assert record["max_score"] == 100 and record["score"] == pytest.approx(100 - sum(row.lost for row in rows))
    credited = {name: r["feedback"]["summary"]["en"] for name, r in results.items() if r["carried_from"]}
    assert {name: credited.get(name) for name in TABLE[case].carried} == TABLE[case].carried
    expected: dict = {}
    charged: set = set()
    for row in rows:  # seated cases never share a check, so each verdict above is one case's own
        assert not charged & row.failed, "two mistakes of one student fail the same check"
        assert not set(expected) & set(row.carried), "two mistakes of one student credit the same check"
        charged |= row.failed
        expected.update(row.carried)
    assert credited == expected
    for name in TABLE[case].carried:  # in both languages, and the Korean note is the Korean one
        assert "이미 감점한 실수" in results[name]["feedback"]["summary"]["ko"]


def test_mistakes_share_students(graded):
    """Are the cases really graded several to a student (or the test above proves less than it says)?"""
    assert len({record["student"] for record in graded.values()}) < len(TABLE) / 2
