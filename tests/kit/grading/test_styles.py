"""Correct work in every style students write scores 100/100, hidden checks and the accuracy run included.

The styles (one folder each in ``styles/``): a Sequential list, ``.add``, the functional API,
``keras.Model`` with inline layers, ``tf.keras`` instead of ``keras``, ``tf.nn`` activations
(``tf.nn.softmax`` is saved by Keras 3 as ``builtins.softmax_v2``), activation objects
(``keras.activations``, ``tf.keras.activations``, ``tf.math``), integer sizes, ``'SAME'``/``'VALID'``,
loss and metric objects, loss and metric functions, notebooks, the ``grade submit`` archive, other
tensor idioms, other arithmetic for the concepts, and other ways to call fit and evaluate.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
