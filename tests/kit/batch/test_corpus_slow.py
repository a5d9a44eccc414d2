"""The corpus cases about training and accuracy, graded with the accuracy run (the slow check) included.

Each tampering case is graded beside its honest twin in one batch (the trained class of tests/kit/conftest.py) and must
score no more than the twin: a forged History is worth what a
train_model that does not train is worth; a typed-in accuracy is worth no more
than a wrong (but honest) evaluate_model.
"""

from __future__ import annotations

import pytest
from classroom import TRAINED_CORPUS_CASES

pytestmark = pytest.mark.slow

ACCURACY_CHECK = "cnn.train_model: test accuracy on MNIST"


@pytest.fixture(scope="module")
def records(trained_class) -> dict[str, dict]:
    """The training cases' reports, graded in the trained class (tests/kit/conftest.py)."""
    return {case: record for (corpus, case), record in trained_class.items() if corpus == "corpus"}


def test_the_trained_class_has_every_training_case(records):
    """Were the three training cases graded (and so left out of test_corpus.py's class)?"""
    assert sorted(records) == sorted(TRAINED_CORPUS_CASES)


def verdicts(record: dict) -> dict[str, bool]:
    return {r["name"]: r["status"] == "passed" for r in record["results"]}


def test_fake_history_earns_what_no_training_earns(records):
    """Does a forged History (great numbers, no training) score exactly what a train_model that does nothing scores?"""
    fake, honest = records["fake_history"], records["lazy_no_training"]
    assert fake["score"] == honest["score"]
    assert not verdicts(fake)[ACCURACY_CHECK]
    assert not verdicts(fake)["cnn.train_model: returns the History of fit"]
    assert fake["artifacts"]["accuracy"] < 0.5  # measured by the grader on the weights, not read from the History


def evaluate_checks(record: dict) -> dict[str, dict]:
    """The record's evaluate_model checks by name."""
    return {r["name"]: r for r in record["results"] if r["name"].startswith("cnn.evaluate_model")}


def test_typed_in_accuracy_earns_no_more_than_a_wrong_evaluate(records, trained_class):
    """Does evaluate_model returning 0.99 earn no more than an evaluate_model returning the loss (the mistakes
    corpus's evaluate_returns_loss, its honest twin, graded beside mistakes in other parts)? Less, in fact: the
    loss is a slip whose hidden twin is credited; a typed-in number ignores its inputs and is not."""
    fake = records["fake_accuracy"]
    mine, twin = evaluate_checks(fake), evaluate_checks(trained_class[("mistakes", "evaluate_returns_loss")])
    assert sorted(mine) == sorted(twin)
    assert sum(r["score"] for r in mine.values()) < sum(r["score"] for r in twin.values())
    assert {n for n, r in mine.items() if r["status"] == "passed"} <= {n for n, r in twin.items() if r["status"] == "passed"}
    assert not verdicts(fake)["cnn.evaluate_model: accuracy the grader can confirm"]
    assert not verdicts(fake)["cnn.evaluate_model: agrees on other data"]
    assert verdicts(fake)[ACCURACY_CHECK]  # its training was honest, and the grader measured it
    assert fake["score"] == sum(r["score"] for r in fake["results"] if r["name"].startswith("cnn."))  # cnn.py alone
