"""The scoring pass: error carried forward, decided for the whole submission at once."""

from __future__ import annotations

import json

from grader.messages import Text
from grader.record.results import FAILED, PASSED, CheckResult, Feedback
from grader.record.scoring import Carried, carry_forward

LAYER = "cnn.second_conv: 64 filters of 2x2, same padding, relu"
TOTAL = "cnn.build_model: total parameters"
OTHER = "cnn.build_model: other input shapes"
CAUSE = Text("`cnn.second_conv`의 3x3 커널", "`cnn.second_conv`: 3x3 kernel")


def result(name: str, passed: bool, points: float = 2.0) -> CheckResult:
    feedback = None if passed else Feedback(Text("다름", "differs"), Text("1", "1"), Text("2", "2"), Text("힌트", "hint"))
    return CheckResult(name, points if passed else 0.0, points, PASSED if passed else FAILED, feedback=feedback)


def test_a_consequence_of_a_charged_mistake_is_credited_and_names_it():
    """Is a check that failed only because of an already charged layer credited, with the root cause named?"""
    results = [result(LAYER, False), result(TOTAL, False, 3.0)]
    scored = carry_forward(results, {TOTAL: Carried(("cnn.second_conv",), CAUSE)})
    assert [r.score for r in scored] == [0.0, 3.0]
    total = scored[1]
    assert total.passed and total.carried_from == ("cnn.second_conv",)
    assert total.feedback.summary.en == "Carried forward from `cnn.second_conv`: 3x3 kernel, already charged."
    assert "3x3 커널" in total.feedback.summary.ko and total.feedback.hint is None


def test_nothing_is_credited_when_the_root_did_not_lose_points_or_the_course_turns_it_off():
    """Does a carried claim stay a failure when its root passed (or did not run), or when the course says no?"""
    claim = {TOTAL: Carried(("cnn.second_conv",), CAUSE)}
    assert not carry_forward([result(LAYER, True), result(TOTAL, False)], claim)[1].passed
    assert not carry_forward([result(TOTAL, False)], claim)[0].passed
    assert not carry_forward([result(LAYER, False), result(TOTAL, False)], claim, enabled=False)[1].passed


def test_a_chain_resolves_to_its_first_mistake_and_a_circle_charges_once():
    """Is a hidden check carried from a public one that is itself carried from a layer credited, and does a circle
    of claims (grounded in no mistake of its own) credit nothing?"""
    results = [result(LAYER, False), result(TOTAL, False), result(OTHER, False)]
    claims = {TOTAL: Carried(("cnn.second_conv",), CAUSE), OTHER: Carried((TOTAL,), CAUSE)}
    assert [r.passed for r in carry_forward(results, claims)] == [False, True, True]
    # the layer passed: the total's claim fails, so the total is charged and the hidden check carried from it
    results[0] = result(LAYER, True)
    assert [r.passed for r in carry_forward(results, claims)] == [True, False, True]
    circle = {LAYER: Carried((TOTAL,), CAUSE), TOTAL: Carried((LAYER,), CAUSE)}
    scored = carry_forward([result(LAYER, False), result(TOTAL, False)], circle)
    assert not any(r.passed for r in scored)


def test_every_root_must_be_charged():
    """Is a check explained by two layers credited only when both lost points?"""
    claim = {TOTAL: Carried(("cnn.first_conv", "cnn.second_conv"), CAUSE)}
    first = "cnn.first_conv: 32 filters of 5x5, same padding, relu"
    assert not carry_forward([result(first, True), result(LAYER, False), result(TOTAL, False)], claim)[2].passed
    assert carry_forward([result(first, False), result(LAYER, False), result(TOTAL, False)], claim)[2].passed


def test_a_credited_check_round_trips_through_json():
    """Does results.json keep the root cause of a credited check?"""
    scored = carry_forward([result(LAYER, False), result(TOTAL, False)], {TOTAL: Carried(("cnn.second_conv",), CAUSE)})
    again = CheckResult.from_dict(scored[1].to_dict())
    assert again == scored[1]


def test_a_hidden_check_is_credited_only_for_a_function_that_did_work():
    """Is a hidden check repeating a public rule credited for a slip in a function that worked, but not for
    one that did no work of its own (raised every time, one plain value to every call, a call counter:
    left out of ``worked``), while a public check's claims stand whatever its function did?"""
    public, hidden = "tensors.matmul: multiplies matrices", "tensors.matmul: other shapes"
    results = [result(public, False), CheckResult(hidden, 0.0, 1.0, FAILED, True)]
    same_rule = {hidden: Carried((public,), CAUSE, same_rule=True)}
    assert carry_forward(results, same_rule)[1].passed  # no calls watched: every claim stands
    assert carry_forward(results, same_rule, worked=frozenset({"tensors.matmul"}))[1].passed
    assert not carry_forward(results, same_rule, worked=frozenset({"tensors.add"}))[1].passed
    build = "cnn.build_model: other input"  # a hidden consequence of another exercise: the same rule
    consequence = {build: Carried(("cnn.second_conv",), CAUSE)}
    hidden_total = [result(LAYER, False), CheckResult(build, 0.0, 1.0, FAILED, True)]
    assert carry_forward(hidden_total, consequence, worked=frozenset({"cnn.build_model"}))[1].passed
    assert not carry_forward(hidden_total, consequence, worked=frozenset({"cnn.second_conv"}))[1].passed
    public_total = {TOTAL: Carried(("cnn.second_conv",), CAUSE)}
    assert carry_forward([result(LAYER, False), result(TOTAL, False)], public_total, worked=frozenset())[1].passed


def test_asked_again_a_function_of_its_inputs_gives_the_same_answer():
    """Is an accuracy measured twice (differing in its last bits) the same answer, while a call counter's next
    value, another type or another string is not (``Submission`` marks those functions as no work)?"""
    from grader.sandbox.host.submission import same_answer

    def key(kind, value):
        return json.dumps({"kind": kind, "value": value}, sort_keys=True)

    assert same_answer(key("float", 0.912345678), key("float", 0.912345678 + 1e-12))
    assert not same_answer(key("int", 1), key("int", 2))
    assert not same_answer(key("float", 0.5), key("str", "0.5"))
    assert not same_answer(key("str", "CNN"), key("str", "RNN"))
    assert same_answer(None, None) and not same_answer(key("int", 0), None)


def course_of(**tables):
    from pathlib import Path

    from grader import config

    return config.parse(tables, "<test>", Path("."))


def test_one_pass_in_one_order_carry_overrides_late_total_clamp():
    """Does `score` carry forward first (a credited check keeps its points), then set a check override, then take
    the late share of what is then earned, then set an overridden total, and clamp the total between 0 and the
    maximum, naming each change in the student's words?"""
    from datetime import datetime, timezone

    from grader.record.scoring import NO_FACTS, Facts, Override, score

    course = course_of(course={"due": "2026-12-01T00:00:00+00:00"},
                       late={"policy": "percent_per_day", "percent_per_day": 10.0})
    layer = CheckResult(LAYER, 0.0, 4.0, FAILED, id="cnn.second_conv.layer")
    total = CheckResult(TOTAL, 0.0, 3.0, FAILED, id="cnn.build_model.total")
    add = CheckResult("tensors.add: sums", 3.0, 3.0, PASSED, id="tensors.add.sum")
    claims = {TOTAL: Carried(("cnn.second_conv",), CAUSE)}
    alone = score([layer, total, add], claims, None, course)
    assert alone.total == 6.0 and alone.max_score == 10.0 and alone.adjustments == ()  # the layer's 4, once
    late = Facts(1, datetime(2026, 12, 1, 10, tzinfo=timezone.utc), (Override("s1", "cnn.second_conv.layer", 2.0, "typo", 2),))
    scored = score([layer, total, add], claims, None, course, late)
    assert [r.score for r in scored.verdicts] == [0.0, 3.0, 3.0]  # the record keeps the checks' own verdicts
    assert [r.score for r in scored.results] == [2.0, 3.0, 3.0]
    assert [(a.kind, a.points) for a in scored.adjustments] == [("override", 2.0), ("late", -0.8)]
    assert scored.total == 7.2 and "typo" in scored.adjustments[0].reason.en  # 10 % of 8, after the override
    capped = Facts(0, None, (Override("s1", "total", 12.0, "", 3),))
    assert score([layer, total, add], claims, None, course, capped).total == 10.0  # clamped to the maximum
    floor = Facts(None, None, (Override("s1", "total", -5.0, "", 3),))
    assert score([layer, total, add], claims, None, course, floor).total == 0.0
    again = score(list(scored.verdicts), {}, None, course, late)  # the batch's client scores the worker's verdicts
    assert again == scored and score(list(alone.verdicts), {}, None, course, NO_FACTS) == alone
