"""grader.report.terminal: the rich tables of `grade check`/`submit`, and `grade batch` progress."""

from __future__ import annotations

import io

from report_samples import SECRET, failed
from rich.console import Console

from grader.messages import Text
from grader.report.terminal import batch_progress, batch_task_name, print_report
from grader.results import Feedback, Report


def _printed(report, lang: str = "en", show_hidden: bool = True) -> str:
    console = Console(file=io.StringIO(), width=120, color_system=None)
    print_report(report, lang, console, show_hidden)
    return console.file.getvalue()


def test_tables_failures_and_total(mistake_report):
    """Does the terminal show each module's table, each failure's expected/found/hint and the total?"""
    out = _printed(mistake_report)
    for heading in ("tensors · Tensor basics", "cnn · The CNN (MNIST)", "concepts · Concepts"):
        assert heading in out
    assert "✗ failed" in out and "✓ passed" in out and "0 / 10" in out and "30 / 30" in out
    assert "Expected: (None, 28, 28, 32)" in out and "Found: (None, 24, 24, 32)" in out
    assert "Hint: padding=\"valid\" adds no border" in out
    assert "Both cnn.py and cnn.ipynb exist; cnn.py was graded." in out
    assert "Device: CPU" in out and "Test accuracy: 95.3% (threshold 90.0%)" in out
    assert out.rstrip().endswith("3 check(s) failed. Read the notes below and fix them.")
    assert "Score: 60 / 100" in out


def test_public_pass_wording(correct_report):
    """After a passing public-only run, does the terminal avoid claiming that everything passed?"""
    out = _printed(correct_report, "ko")
    assert "공개 검사를 모두 통과했습니다. 숨은 검사는 채점할 때 실행됩니다." in out
    assert "점수: 80 / 80" in out


def test_partial_run_says_what_did_not_run(bare_report):
    """After `grade check cnn`, does the terminal say only selected checks ran and training was skipped?"""
    console = Console(file=io.StringIO(), width=120, color_system=None)
    print_report(bare_report, "en", console, selected=True, skipped_slow=True)
    out = console.file.getvalue()
    assert "Only the selected checks ran (2)." in out
    assert "Checks that train the model (train_model, evaluate_model, the accuracy run) are skipped" in out
    assert "Only the selected" not in _printed(bare_report)


def test_hidden_checks_held_back(mistake_report):
    """While hidden results are held, does the terminal name only the function that lost points?"""
    out = _printed(mistake_report, show_hidden=False)
    assert "Points lost on a hidden check: concepts.conv_output_size" in out
    assert "Hidden check results are shown after the due date." in out
    assert "odd sizes and strides" not in out and "ceil(size / stride)" not in out
    assert SECRET not in _printed(mistake_report, show_hidden=True)


def test_submission_text_is_not_markup():
    """Are brackets in a submission's error message printed as they are, not read as rich markup?"""
    message = "Calling `cnn.build_model` raised ValueError: [bold]x[/bold] [red]"
    report = Report(results=[failed("cnn.build_model: layers, shapes and parameters", 20,
                                    Feedback(Text(message, message)))])
    assert message in _printed(report)


def test_no_results_at_all():
    """Does an empty report print its total and say that no checks ran?"""
    out = _printed(Report())
    assert "Score: 0 / 0" in out and "No checks ran." in out


def test_batch_progress_columns():
    """Does the batch progress show done of total, running, failed and the time left, in Korean?"""
    console = Console(file=io.StringIO(), width=140, color_system=None)
    progress = batch_progress("ko", console=console)
    task = progress.add_task(batch_task_name("ko"), total=12)
    progress.update(task, advance=5, running=3, failed=1)
    console.print(progress.make_tasks_table(progress.tasks))
    out = console.file.getvalue()
    assert "채점" in out and "5/12" in out and "채점 중 3" in out and "실패 1" in out and "남은 시간" in out
    fresh = batch_progress("en", console=console)
    fresh.add_task("Grading", total=2)  # counts not set yet: shown as 0
    console.print(fresh.make_tasks_table(fresh.tasks))
    assert "running 0" in console.file.getvalue() and "failed 0" in console.file.getvalue()
