"""The corpus cases about training and accuracy, graded with the accuracy run (the slow check) included.

Each tampering case is graded beside its honest twin in one batch (the trained class of tests/kit/conftest.py) and must
score no more than the twin: a forged History is worth what a
train_model that does not train is worth; a typed-in accuracy is worth no more
than a wrong (but honest) evaluate_model.
"""

from __future__ import annotations

import pytest
from classroom import PROJECT_STEP_SECONDS, TRAINED_CLASS_PROJECT, TRAINED_CORPUS_CASES

pytestmark = pytest.mark.slow

ACCURACY_CHECK = "cnn.train_model: test accuracy on MNIST"


@pytest.fixture(scope="module")
def records(trained_class) -> dict[str, dict]:
    """The training cases' reports, graded in the trained class (tests/kit/conftest.py)."""
    return {case: record for (corpus, case), record in trained_class.items() if corpus == "corpus"}


def test_the_trained_class_has_every_training_case(records):
    """Were the training cases (the project's among them) graded, and so left out of test_corpus.py's class?"""
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


# -- the project: one model, one budget, digits no one can reconstruct --------------------------------------
CAP_CHECK = "project.build_project_model: keras layers within the parameter cap"
RUN_CHECKS = ("project.train_project_model: trains within the budgets", "project.train_project_model: beats the lecture model",
              "project.train_project_model: reaches the higher bar")


def project_results(record: dict) -> dict[str, dict]:
    return {r["name"]: r for r in record["results"] if r["name"].startswith("project.")}


def test_a_model_compiled_inside_build_keeps_every_project_point(records):
    """Does honest work that compiles its model inside build_project_model (compile_project_model returning it as
    it is) earn every project point, counted, trained and measured as the reference project is?"""
    record = records["project_compile_in_build"]
    failed = {n: r["feedback"]["summary"]["en"] for n, r in project_results(record).items() if r["status"] != "passed"}
    assert not failed and record["project_score"] == record["project_max_score"] == 20, failed
    run = record["artifacts"]["project"]
    assert run["params"] == 422_538 and run["accuracy"] >= run["bar"]


def test_a_bigger_model_from_compile_is_the_one_counted(records):
    """Does compile_project_model returning another model, over the cap, lose the project's run (counted on the
    model that would be trained and measured, never trained), keeping only build_project_model's own check?"""
    record = records["project_bigger_compile"]
    results = project_results(record)
    assert results[CAP_CHECK]["status"] == "passed"  # build_project_model's model is within the cap: its point stays
    for name in RUN_CHECKS:
        text = results[name]["feedback"]["summary"]["en"] + results[name]["feedback"]["found"]["en"]
        assert results[name]["status"] == "failed" and "compile_project_model returned" in text, text
        assert "3,199,106" in text
    assert record["project_score"] == 4
    assert "project" not in record["artifacts"]  # refused before training: no accuracy, no row on the board


def test_training_outside_train_counts_against_the_budget(records):
    """Does time spent while project.py is imported, built and compiled (each under the per-call limit, 45 s
    in all) count against the project's 60 s budget, which train_project_model alone (about 40 s) fits, so
    the run fails on it, saying why?"""
    step, budget = PROJECT_STEP_SECONDS, TRAINED_CLASS_PROJECT["train_seconds"]
    assert 2.5 * step + 10 < budget < 3 * step + 2.5 * step and 2 * step < budget
    record = records["project_time_outside_train"]
    results = project_results(record)
    assert results[CAP_CHECK]["status"] == "passed"  # import and build alone fit the budget
    budget = f"did not finish within the {TRAINED_CLASS_PROJECT['train_seconds']:g}-second budget"
    for name in RUN_CHECKS:
        summary = results[name]["feedback"]["summary"]["en"]
        assert results[name]["status"] == "failed" and budget in summary, summary
    assert record["project_score"] == 4 and "project" not in record["artifacts"]


def test_held_back_digits_recomputed_from_the_kit_are_not_the_held_back_digits(records, trained_class):
    """Does a project that learnt by heart the digits a student computes offline as the held-back ones (the public
    seed and the public data) find other digits measured, and score nothing above honest work?"""
    import base64
    import io
    import zlib
    from pathlib import Path

    import numpy as np
    from classroom import public_held_back

    from grader import config, data
    from grader.engine import holdout

    course = config.load(Path(trained_class[("course", "root")]["root"]))
    dataset, source = data.load_mnist_with_source(course)
    held = holdout.split(course, dataset, source)  # the grader's, by the secret the batch made
    embedded = np.load(io.BytesIO(zlib.decompress(base64.b64decode(public_held_back(course)))))
    rows = {bytes(img) for img in held.x_held.reshape(len(held.x_held), -1)}
    shared = sum(bytes(img) in rows for img in embedded["x"].reshape(len(embedded["x"]), -1))
    chance = len(rows) * len(embedded["x"]) / len(dataset[0][0])
    assert shared < 3 * chance, (shared, chance)
    record, twin = records["project_held_back"], records["project_compile_in_build"]
    # Measured on the digits it learnt by heart (the public seed's split, before the secret) it scored 1.000.
    assert record["artifacts"]["project"]["accuracy"] < 0.97
    assert record["project_score"] <= twin["project_score"]
