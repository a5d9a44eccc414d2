"""grader.report.gradescope: results.json in the Gradescope schema, and its hidden-check rules."""

from __future__ import annotations

import json

from report_samples import SECRET

from grader.catalog.student import SUMMARY
from grader.record.results import Report
from grader.report.gradescope import to_results_json, write_results_json

TOP_KEYS = {"score", "max_score", "output", "tests"}
TEST_KEYS = {"name", "score", "max_score", "status", "output", "visibility"}


def test_every_key_of_the_schema_is_there(mistake_report):
    """Does results.json carry every key the Gradescope schema names, with the right types?"""
    data = to_results_json(mistake_report, "en", show_hidden=True)
    assert TOP_KEYS <= set(data)
    assert isinstance(data["output"], str) and data["output"]
    assert len(data["tests"]) == len(mistake_report.results)
    for test, result in zip(data["tests"], mistake_report.results):
        assert set(test) == TEST_KEYS
        assert test["name"] == result.name
        assert test["name"].split(":")[0].count(".") == 1, "names begin with module.function"
        assert test["status"] in {"passed", "failed"}
        assert isinstance(test["score"], (int, float)) and isinstance(test["max_score"], (int, float))
        assert isinstance(test["output"], str)
    json.dumps(data)  # plain data only


def test_scores_add_up(mistake_report, correct_report):
    """Is the top-level score the sum of the tests' scores (and max_score likewise)?"""
    for report in (mistake_report, correct_report):
        data = to_results_json(report, "en", show_hidden=False)
        assert data["score"] == sum(t["score"] for t in data["tests"]) == report.score
        assert data["max_score"] == sum(t["max_score"] for t in data["tests"]) == report.max_score
    assert to_results_json(mistake_report, "en", True)["score"] == 60


def test_public_only_run_never_claims_all_tests_passed(correct_report):
    """After a public-only run that passed, does the summary say hidden checks still run at grading?"""
    en = to_results_json(correct_report, "en", show_hidden=True)["output"]
    ko = to_results_json(correct_report, "ko", show_hidden=True)["output"]
    assert en.splitlines()[0] == "Public checks passed; hidden checks run at grading."
    assert ko.splitlines()[0] == SUMMARY["public-passed"].ko
    assert "all" not in en.lower()


def test_all_checks_passed_only_when_hidden_ones_ran(correct_report):
    """Does "All checks passed." appear only for a run that included the hidden checks?"""
    everything = Report(results=correct_report.results, scope="all")
    assert to_results_json(everything, "en", True)["output"] == "All checks passed."


def test_failures_are_counted_in_the_summary(mistake_report):
    """Does a run with failures say how many failed, and list the notices?"""
    lines = to_results_json(mistake_report, "en", show_hidden=True)["output"].splitlines()
    assert lines[0] == "3 check(s) failed; fix them in the order below."
    assert "Both cnn.py and cnn.ipynb exist; cnn.py was graded." in lines


def test_visibility_follows_the_hidden_rule(mistake_report):
    """Are public tests visible, hidden ones after_due_date, or hidden while results are held back?"""
    for show_hidden, hidden_visibility in ((True, "after_due_date"), (False, "hidden")):
        tests = to_results_json(mistake_report, "en", show_hidden)["tests"]
        for test, result in zip(tests, mistake_report.results):
            assert test["visibility"] == (hidden_visibility if result.hidden else "visible")


def test_public_failure_shows_expected_found_and_hint(mistake_report):
    """Does a failed public test's output carry the summary, expected, found and hint in the language asked?"""
    by_name = {t["name"]: t for t in to_results_json(mistake_report, "ko", True)["tests"]}
    output = by_name["cnn.first_conv: output shape and parameters"]["output"]
    assert output.splitlines() == [
        "첫 번째 합성곱 층의 출력 모양이 강의와 다릅니다.",
        "기댓값: (None, 28, 28, 32)",
        "실제 결과: (None, 24, 24, 32)",
        '힌트: padding="valid"는 가장자리를 덧대지 않아 28x28이 24x24로 줄어듭니다. padding="same"은 입력의 28x28을 유지합니다.',
    ]
    assert by_name["tensors.matmul: multiplies matrices"]["output"] == ""


def test_hidden_output_never_carries_inputs(mistake_report):
    """Does a hidden test's output hold words only: never its exact inputs, whether shown or held?"""
    name = "concepts.conv_output_size: odd sizes and strides"
    shown = {t["name"]: t for t in to_results_json(mistake_report, "en", True)["tests"]}[name]["output"]
    held = {t["name"]: t for t in to_results_json(mistake_report, "en", False)["tests"]}[name]["output"]
    assert shown == ("The output size is wrong for odd sizes with stride 2.\n"
                     "Hint: With same padding the output size is ceil(size / stride).")
    assert held == "Points lost on a hidden check: concepts.conv_output_size"
    for show_hidden in (True, False):
        for lang in ("ko", "en"):
            assert SECRET not in json.dumps(to_results_json(mistake_report, lang, show_hidden), ensure_ascii=False)


def test_written_file_is_readable_utf8(tmp_path, mistake_report):
    """Is the written results.json valid JSON with Korean kept as text?"""
    path = write_results_json(tmp_path / "results.json", mistake_report, "ko", show_hidden=False)
    text = path.read_text(encoding="utf-8")
    assert "숨은 검사 결과는 마감 후에 공개됩니다." in text
    assert json.loads(text) == to_results_json(mistake_report, "ko", show_hidden=False)
