"""grader.report.gradescope: results.json in the Gradescope schema, and its hidden-check rules."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest
from report_samples import SECRET, failed, passed

from grader.catalog.student import SUMMARY
from grader.messages import Text, plain
from grader.record.results import Feedback, Report
from grader.report.gradescope import code_span, to_results_json, write_results_json

TOP_KEYS = {"score", "output", "output_format", "tests", "extra_data"}
TEST_KEYS = {"name", "number", "score", "max_score", "status", "output", "output_format", "tags", "visibility"}
SCHEMA = json.loads(Path(__file__).with_name("gradescope_results.schema.json").read_text(encoding="utf-8"))


def validate(data: dict) -> None:
    """Validate ``data`` against Gradescope's specification (the schema beside this file)."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


def with_project(report: Report) -> Report:
    """``report`` plus a graded project part: 16 of its 20 points."""
    project = [passed("project.build_model: within the parameter cap", 4),
               passed("project.train: trains within the budgets", 6),
               passed("project.accuracy: beats the lecture's model", 6),
               failed("project.accuracy: reaches the higher bar", 4,
                      Feedback(Text("더 높은 기준에 못 미쳤습니다.", "Below the higher bar."),
                               found=plain("0.981"), expected=plain("0.99")))]
    return dataclasses.replace(report, results=[*report.results, *project])


@pytest.mark.parametrize("sample", ["mistake_report", "correct_report", "bare_report"])
@pytest.mark.parametrize("show_hidden", [True, False])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_results_validate_against_gradescope_specification(request, sample, show_hidden, lang):
    """Does results.json, with and without the project, validate against a JSON Schema of Gradescope's
    specification that allows no key the specification does not define?"""
    report = request.getfixturevalue(sample)
    for each in (report, with_project(report)):
        validate(to_results_json(each, lang, show_hidden))


def test_schema_refuses_a_key_the_specification_does_not_define(mistake_report):
    """Would the schema catch the old top-level max_score (so the validation above can fail)?"""
    data = to_results_json(mistake_report, "en", True)
    with pytest.raises(jsonschema.ValidationError, match="max_score"):
        validate({**data, "max_score": 100})


def test_project_points_are_kept_apart_so_the_sum_is_the_score(mistake_report):
    """With the project graded, do the tests' points add up to the score a student gets, while the
    project's checks say their points in words, in extra_data and with the tag project?"""
    report = with_project(mistake_report)
    data = to_results_json(report, "en", True)
    assert data["score"] == sum(t.get("score", 0) for t in data["tests"]) == report.score == 60
    assert data["extra_data"] == {"max_score": 100, "project": {"score": 16, "max_score": 20}}
    project = [t for t in data["tests"] if "project" in t["tags"]]
    assert len(project) == 4 and not any("score" in t or "max_score" in t for t in project)
    assert project[3]["extra_data"] == {"score": 0.0, "max_score": 4}
    assert project[3]["output"].startswith("Project check (apart from the course's points): 0/4 points")
    assert "The project is scored apart from the course's points: 16/20 points" in data["output"]


def test_markdown_renders_and_student_text_stays_code(mistake_report):
    """Is every output declared Markdown, with what a submission printed inside a code span that
    no backtick in it can close?"""
    data = to_results_json(mistake_report, "en", True)
    assert data["output_format"] == data["test_output_format"] == "md"
    assert all(t["output_format"] == "md" for t in data["tests"])
    assert "**Fix these first**\n\n1. `cnn.first_conv`" in data["output"]
    assert code_span("a`b") == "``a`b``" and code_span("`x`") == "`` `x` ``" and code_span("1\n2") == "`1 2`"


def test_tags_name_module_and_kind(mistake_report):
    """Does each test carry its module, public/hidden and its stable id as Gradescope tags?"""
    tests = {t["name"]: t for t in to_results_json(mistake_report, "en", True)["tests"]}
    assert tests["cnn.first_conv: output shape and parameters"]["tags"] == [
        "cnn", "public", "id:cnn.first_conv.output_shape_and_parameters"]
    assert tests["tensors.matmul: batched shapes"]["tags"] == ["tensors", "hidden", "id:tensors.matmul.batched_shapes"]


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
    """Is the top-level score the sum of the tests' scores (and extra_data's max_score likewise)?"""
    for report in (mistake_report, correct_report):
        data = to_results_json(report, "en", show_hidden=False)
        assert data["score"] == sum(t["score"] for t in data["tests"]) == report.score
        assert data["extra_data"]["max_score"] == sum(t["max_score"] for t in data["tests"]) == report.max_score
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
    assert output.split("\n\n") == [
        "첫 번째 합성곱 층의 출력 모양이 강의와 다릅니다.",
        "기댓값: `(None, 28, 28, 32)`",
        "실제 결과: `(None, 24, 24, 32)`",
        '힌트: padding="valid"는 가장자리를 덧대지 않아 28x28이 24x24로 줄어듭니다. padding="same"은 입력의 28x28을 유지합니다.',
    ]
    assert by_name["tensors.matmul: multiplies matrices"]["output"] == ""


def test_hidden_output_never_carries_inputs(mistake_report):
    """Does a hidden test's output hold words only: never its exact inputs, whether shown or held?"""
    name = "concepts.conv_output_size: odd sizes and strides"
    shown = {t["name"]: t for t in to_results_json(mistake_report, "en", True)["tests"]}[name]["output"]
    held = {t["name"]: t for t in to_results_json(mistake_report, "en", False)["tests"]}[name]["output"]
    assert shown == ("The output size is wrong for odd sizes with stride 2.\n\n"
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
