"""grader.report.terminal: the rich tables of `grade check`/`submit`, and `grade batch` progress."""

from __future__ import annotations

import io

from report_samples import SECRET, failed
from rich.console import Console

from grader.messages import Text
from grader.record.results import Feedback, Report
from grader.report.terminal import batch_progress, batch_task_name, print_report


def _printed(report, lang: str = "en", show_hidden: bool = True) -> str:
    console = Console(file=io.StringIO(), width=120, color_system=None)
    print_report(report, lang, console, show_hidden)
    return console.file.getvalue()


def test_failures_boxes_and_total(mistake_report):
    """Does the terminal show passing modules in one line, failing checks, each failure's
    expected/found/hint, the score in words and the ordered list of what to fix first, last?"""
    out = _printed(mistake_report)
    assert "✓ tensors · Tensor basics 3/3 passed" in out
    assert "cnn · The CNN (MNIST) — 1 of 3 checks passed" in out and "0 / 10" in out
    assert "30 / 30" not in out  # a passing check of a failing module is counted, not listed
    assert "Expected: (None, 28, 28, 32)" in out and "Found: (None, 24, 24, 32)" in out
    assert "Hint: padding=\"valid\" adds no border" in out
    assert "Both cnn.py and cnn.ipynb exist; cnn.py was graded." in out
    assert "Device: CPU" in out and "Test accuracy: 95.3% (threshold 90.0%)" in out
    assert "60 of 100 (public checks 50 of 80, hidden checks 10 of 20)" in out
    assert "3 check(s) failed; fix them in the order below." in out
    tail = out.rstrip().splitlines()[-4:]
    assert tail[0] == "Fix these first"
    assert tail[1].startswith(" 1. `cnn.first_conv`: The first convolution's output shape differs")
    assert tail[3].startswith(" 3. `concepts.conv_output_size`:")


def test_public_pass_wording(correct_report):
    """After a passing public-only run, does the terminal say the public score in words, never
    claim that everything passed, and keep green for full marks only?"""
    correct_report.not_run = {"public": 0.0, "training": 0.0, "hidden": 20.0}
    out = _printed(correct_report, "ko")
    assert "공개 검사를 모두 통과했습니다. 숨은 검사는 채점할 때 실행됩니다." in out
    assert "공개 검사 80점 중 80점 · 숨은 검사 20점은 채점 때 실행" in out
    assert "public checks 80 of 80 · hidden checks (20 points) run at grading" in _printed(correct_report)
    console = Console(file=io.StringIO(), width=120, force_terminal=True, color_system="standard")
    print_report(correct_report, "en", console)
    score = next(line for line in console.file.getvalue().splitlines() if "public checks 80 of 80" in line)
    assert "\x1b[1;36m" in score and "\x1b[1;32m" not in score  # bold cyan, not the green of full marks


def test_partial_run_says_what_did_not_run(bare_report):
    """After `grade check cnn`, does the terminal name the subset it ran, or say that training was skipped?"""
    console = Console(file=io.StringIO(), width=120, color_system=None)
    print_report(bare_report, "en", console, selected=True, skipped_slow=True)
    out = console.file.getvalue()
    assert "Only the selected checks ran (2)." in out
    assert "Checks that train the model (train_model, evaluate_model, the accuracy run) are skipped" in out
    assert "Only the selected" not in _printed(bare_report)
    bare_report.selection = ("tensors",)
    assert "This run: the 2 public checks of tensors (10 points)." in _printed(bare_report)
    bare_report.selection = ()
    bare_report.not_run = {"public": 18.0, "training": 18.0, "hidden": 20.0}
    out = _printed(bare_report, "ko")
    assert "이번 실행: 학습하지 않는 공개 검사 2개(10점). 모델을 학습하는 검사 18점은 `grade submit`에서" in out
    assert "공개 검사 10점 중 5점 · 숨은 검사 20점은 채점 때 실행" in out


def test_hidden_checks_held_back(mistake_report):
    """While hidden results are held, does the terminal name only the function that lost points?"""
    out = _printed(mistake_report, show_hidden=False)
    assert "Functions that lost points on hidden checks: concepts.conv_output_size" in out
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
    assert "public checks 0 of 0" in out and "No checks ran." in out


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


def test_no_run_facts_when_the_model_never_trained(correct_report):
    """When training failed (device and data known, no accuracy), are the accuracy run's facts left out?"""
    correct_report.artifacts.pop("accuracy")
    out = _printed(correct_report)
    assert "Device:" not in out and "Test accuracy" not in out and "Data:" not in out


def test_the_terminal_sanitiser_makes_control_characters_visible():
    """Does every character that would act on a terminal (ESC sequences, carriage return, a right-to-left
    override) print as a visible escape through the kit's console and its plain lines, colours kept?"""
    import io

    from rich.text import Text as RichText

    from grader.printable import safe_console, visible

    forged = "kim\x1b[2J\x1b[H\rAll 48 students graded\u202egpj.exe"
    assert visible(forged) == "kim\\x1b[2J\\x1b[H\\x0dAll 48 students graded\\u202egpj.exe"
    assert visible("two\nlines", newlines=True) == "two\nlines" and visible("two\nlines") == "two\\x0alines"
    out = io.StringIO()
    safe_console(file=out, force_terminal=True, width=200).print(RichText(forged, style="bold red"))
    shown = out.getvalue()
    assert "\x1b[2J" not in shown and "\r" not in shown and "\u202e" not in shown
    assert "\\x1b[2J" in shown and "\x1b[1;31m" in shown  # the name made visible, rich's own colour kept
