"""The corpus cases about training and accuracy, graded with the accuracy run (the slow check) included.

Each tampering case is graded beside its honest twin in one batch and must
score exactly what the twin scores: a forged History is worth what a
train_model that does not train is worth; a typed-in accuracy is worth what a
wrong (but honest) evaluate_model is worth.
"""

from __future__ import annotations

import json

import pytest
from classroom import build_class

from grader.batch import run_batch

pytestmark = pytest.mark.slow

ACCURACY_CHECK = "cnn.train_model: test accuracy on MNIST"
CASES = ("fake_history", "lazy_no_training", "fake_accuracy", "mistake_evaluate_loss")


@pytest.fixture(scope="module")
def records(course, tmp_path_factory) -> dict[str, dict]:
    root = tmp_path_factory.mktemp("slow-class")
    batch = build_class(root / "batch", {case: case for case in CASES})
    summary = run_batch(course, batch, root / "out", workers=2, progress=False, include_slow=True)
    assert sorted(summary.graded) == sorted(CASES)
    return {case: json.loads((root / "out" / case / "report.json").read_text(encoding="utf-8")) for case in CASES}


def verdicts(record: dict) -> dict[str, bool]:
    return {r["name"]: r["status"] == "passed" for r in record["results"]}


def test_fake_history_earns_what_no_training_earns(records):
    """Does a forged History (great numbers, no training) score exactly what a train_model that does nothing scores?"""
    fake, honest = records["fake_history"], records["lazy_no_training"]
    assert fake["score"] == honest["score"]
    assert not verdicts(fake)[ACCURACY_CHECK]
    assert not verdicts(fake)["cnn.train_model: returns the History of fit"]
    assert fake["artifacts"]["accuracy"] < 0.5  # measured by the grader on the weights, not read from the History


def test_typed_in_accuracy_earns_what_a_wrong_evaluate_earns(records):
    """Does evaluate_model returning 0.99 score exactly what an evaluate_model returning the loss scores?"""
    fake, honest = records["fake_accuracy"], records["mistake_evaluate_loss"]
    assert fake["score"] == honest["score"]
    assert verdicts(fake) == verdicts(honest)
    assert not verdicts(fake)["cnn.evaluate_model: accuracy the grader can confirm"]
    assert verdicts(fake)[ACCURACY_CHECK]  # its training was honest, and the grader measured it
