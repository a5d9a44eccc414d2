"""The terminal: a table per module, each failure's expected / found / hint, the total.

Drawn with rich. Whatever the submission wrote (error messages, values) is
passed as :class:`rich.text.Text`, never as markup, so brackets in it print as
they are.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text as RichText

from grader.catalog import LABELS
from grader.report import view
from grader.report.text import REPORT
from grader.results import Report


def print_report(report: Report, lang: str, console: Console | None = None, show_hidden: bool = True, *,
                 selected: bool = False, skipped_slow: bool = False) -> None:
    """Print ``report`` in ``lang``: check tables, failures, hidden-check lines, notices, run facts, total.

    ``selected`` and ``skipped_slow`` describe a partial run (``grade check cnn``,
    which never trains) so that the student knows what did not run.
    """
    console = console or Console()
    word = {key: text.get(lang) for key, text in {**LABELS, **REPORT}.items()}
    failures = []
    for module, members in view.by_module(view.shown_results(report, show_hidden)):
        table = Table(title=view.module_title(module).get(lang), title_justify="left", box=box.SIMPLE_HEAD,
                      expand=False, title_style="bold")
        table.add_column(word["check"])
        table.add_column(word["status"])
        table.add_column(word["points"], justify="right")
        for result in members:
            function, what = view.check_label(result, lang)
            label = RichText(function, style="bold")
            if result.hidden:
                label.append(f" ({word['hidden']})", style="dim")
            if what:
                label.append(f"  {what}", style="dim")
            status = (RichText(f"✓ {word['passed']}", style="green") if result.passed
                      else RichText(f"✗ {word['failed']}", style="bold red"))
            table.add_row(label, status, f"{result.score:g} / {result.max_score:g}")
            feedback = view.shown_feedback(result, show_hidden)
            if feedback:
                failures.append((result, feedback))
        console.print(table)

    for result, feedback in failures:
        body = [RichText(feedback.summary.get(lang))]
        for key, style in (("expected", "cyan"), ("found", "yellow"), ("hint", "green")):
            part = getattr(feedback, key)
            if part is not None:
                line = RichText(f"{word[key]}: ", style=f"bold {style}")
                line.append(part.get(lang))
                body.append(line)
        colour = "yellow" if result.passed else "red"  # yellow: credited, error carried forward
        console.print(Panel(Group(*body), title=RichText(result.name, style=f"bold {colour}"), title_align="left",
                            border_style=colour, expand=True))

    if view.hidden_withheld(report, show_hidden):
        console.print(RichText(word["hidden-heading"], style="bold"))
        for line in view.hidden_lost(report) or [REPORT["hidden-none-failed"]]:
            console.print(RichText(f"  • {line.get(lang)}", style="magenta"))

    for notice in report.notices:
        console.print(RichText(f"! {notice.render(lang)}", style="yellow"))

    facts = [(REPORT["run-accuracy"], view.accuracy_text(report.artifacts)),
             (LABELS["device"], view.plain_value(report.artifacts.get("device"))),
             (LABELS["data"], view.data_description(report.artifacts))]
    for label, value in facts:
        if value is not None:
            line = RichText(f"{label.get(lang)}: ", style="bold")
            line.append(value.get(lang))
            console.print(line)

    style = "bold green" if report.results and not report.failed else "bold red"
    console.print(RichText(view.score_line(report).get(lang), style=style))
    for line in view.summary(report, show_hidden):
        console.print(RichText(line.get(lang), style=style))
    for line in view.scope_notes(report, selected, skipped_slow):
        console.print(RichText(line.get(lang), style="dim"))


class _CountColumn(ProgressColumn):
    """A task field shown through a catalogue sentence, e.g. ``running 3``."""

    def __init__(self, field: str, sentence: str, style: str):
        super().__init__()
        self.field, self.sentence, self.style = field, sentence, style

    def render(self, task: Task) -> RichText:
        return RichText(self.sentence.format(count=task.fields.get(self.field, 0)), style=self.style)


def batch_progress(lang: str = "ko", console: Console | None = None) -> Progress:
    """Progress for ``grade batch``: done of total, students running, failed submissions, time left.

    Add the task with ``progress.add_task(description, total=n)``; update the
    ``running`` and ``failed`` counts with ``progress.update(task, running=..., failed=...)``
    and finished students with ``advance=1``.
    """
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", style="bold", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        _CountColumn("running", REPORT["progress-running"].get(lang), "cyan"),
        _CountColumn("failed", REPORT["progress-failed"].get(lang), "red"),
        TextColumn(REPORT["progress-eta"].get(lang), style="dim"),
        TimeRemainingColumn(),
        console=console,
    )


def batch_task_name(lang: str) -> str:
    """The default description for the batch task (``채점`` / ``Grading``)."""
    return REPORT["progress-grading"].get(lang)
