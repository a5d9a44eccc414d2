"""A check credited under error carried forward: every output says it passed and names the root cause."""

from __future__ import annotations

import io

from rich.console import Console

from grader.messages import Text
from grader.record.results import FAILED, CheckResult, Feedback, Report
from grader.record.scoring import Carried, carry_forward
from grader.report.gradescope import to_results_json
from grader.report.html import render_html
from grader.report.terminal import print_report

LAYER = "cnn.second_conv: 64 filters of 2x2, same padding, relu"
TOTAL = "cnn.build_model: total parameters"
NOTE_EN = "Carried forward from `cnn.second_conv`: 3x3 kernel, already charged."


def scored() -> Report:
    """A report as grading makes it: the layer charged, the model's total carried forward by the scoring pass."""
    differs = Feedback(Text("다릅니다.", "It differs."), Text("3,156,098", "3,156,098"), Text("3,166,338", "3,166,338"),
                       Text("힌트", "A hint."))
    results = [CheckResult(LAYER, 0.0, 2.0, FAILED, feedback=differs),
               CheckResult(TOTAL, 0.0, 3.0, FAILED, feedback=differs)]
    cause = Text("`cnn.second_conv`의 3x3 커널", "`cnn.second_conv`: 3x3 kernel")
    return Report(results=carry_forward(results, {TOTAL: Carried(("cnn.second_conv",), cause)}), scope="all")


def test_results_json_credits_the_check_and_names_the_root_cause():
    """Does results.json give the credited check its points, status passed and the note in its output?"""
    tests = {t["name"]: t for t in to_results_json(scored(), "en", True)["tests"]}
    assert (tests[TOTAL]["score"], tests[TOTAL]["status"]) == (3.0, "passed")
    assert tests[TOTAL]["output"].startswith(NOTE_EN)
    assert tests[LAYER]["score"] == 0.0


def test_terminal_and_html_show_the_note_in_both_languages():
    """Do the terminal and feedback.html show the carried-forward note, in Korean and in English?"""
    for lang, note in (("en", NOTE_EN), ("ko", "이미 감점한 실수를 이어받은 결과라 다시 감점하지 않았습니다: `cnn.second_conv`의 3x3 커널.")):
        console = Console(file=io.StringIO(), width=200, color_system=None)
        print_report(scored(), lang, console, True)
        assert note in console.file.getvalue()
        html = render_html(scored(), lang)
        assert note.replace("`", "&#96;") in html or note in html
