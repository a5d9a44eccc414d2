"""The terminal: failing checks per module, a box per thing to fix, the score, what to fix first.

Drawn with rich. Whatever the submission wrote (error messages, values) is
passed as :class:`rich.text.Text`, never as markup, so brackets in it print as
they are, on a :func:`grader.printable.safe_console`, so that no control
character in it acts on the terminal.
"""

from __future__ import annotations

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

from grader.catalog.report import FIX, REPORT
from grader.catalog.student import LABELS
from grader.printable import safe_console
from grader.record.results import Report
from grader.report import fix_first, view
from grader.report import holdout as holdout_report


def print_report(report: Report, lang: str, console: Console | None = None, show_hidden: bool = True, *,
                 selected: bool = False, skipped_slow: bool = False) -> None:
    """Print ``report`` in ``lang``, short enough to read at once.

    Each module: one line when all its checks passed, else its failing checks (checks that
    failed for one shared cause, such as functions not implemented yet, as one row). Then one
    box per thing to fix (a syntax error with its line and a caret; a failed function with its
    checks' expected / found / hint), notices, run facts, the score in words and under it the
    ordered list of what to fix first. ``selected`` and ``skipped_slow`` describe a partial run
    for reports that do not carry it themselves (see :func:`view.scope_notes`).
    """
    console = console or safe_console()
    word = {key: text.get(lang) for key, text in {**LABELS, **REPORT}.items()}
    todo = fix_first.fixes(report, show_hidden)

    for module, members in view.by_module(view.shown_results(report, show_hidden)):
        passed = sum(r.passed for r in members)
        title = view.module_title(module).get(lang)
        if passed == len(members):
            console.print(RichText("✓ ", style="green") + RichText(
                FIX["module-all-passed"].format(module=title, passed=passed, total=len(members)).get(lang),
                style="green"))
            continue
        console.print(RichText(FIX["module-some-passed"].format(module=title, passed=passed,
                                                                total=len(members)).get(lang), style="bold"))
        table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        table.add_column(justify="right", no_wrap=True)
        for kind, item in fix_first.module_rows(members):
            if kind == "check":
                function, what = view.check_label(item, lang)
                label = RichText(function, style="bold")
                if item.hidden:
                    label.append(f" ({word['hidden']})", style="dim")
                table.add_row(RichText("  ✗", style="bold red"), label + RichText(f"  {what}", style="dim"),
                              f"{item.score:g} / {item.max_score:g}")
            else:
                lost = sum(r.max_score for r in item)
                table.add_row(RichText("  ✗", style="bold red"),
                              RichText(fix_first.collapsed_row(kind, item).get(lang)), f"0 / {lost:g}")
        console.print(table)

    for fix in todo:
        if fix.kind == "syntax":
            console.print(_syntax_box(fix, lang))
        elif fix.kind == "failed":
            console.print(_failure_box(fix, lang, show_hidden, word))

    for result in view.carried(report, show_hidden):  # credited: the root cause is charged elsewhere
        console.print(RichText("↪ ", style="yellow") + RichText(f"{result.name}: ", style="bold")
                      + RichText(result.feedback.summary.get(lang), style="yellow"))

    if view.hidden_withheld(report, show_hidden) and not any(f.kind == "hidden" for f in todo):
        console.print(RichText(f"{word['hidden-heading']}: {REPORT['hidden-none-failed'].get(lang)}", style="dim"))

    for notice in report.notices:
        if not _shown_as_fix(notice, todo):
            console.print(RichText(f"! {notice.render(lang)}", style="yellow"))

    facts = [(REPORT["run-accuracy"], view.accuracy_text(report.artifacts)),
             (LABELS["device"], view.plain_value(report.artifacts.get("device"))),
             (LABELS["data"], view.data_description(report.artifacts))]
    for label, value in facts if facts[0][1] is not None else ():  # no accuracy run, no facts about it
        if value is not None:
            line = RichText(f"{label.get(lang)}: ", style="bold")
            line.append(value.get(lang))
            console.print(line)

    for number, line in enumerate(holdout_report.lines(report)):
        console.print(RichText(line.get(lang), style="bold" if number == 0 else ""))

    style = SCORE_STYLES[view.score_style(report)]
    console.print(RichText(view.score_line(report).get(lang), style=style))
    for line in view.summary(report, show_hidden):
        console.print(RichText(line.get(lang), style=style))
    if todo:
        console.print(RichText(FIX["heading"].get(lang), style="bold"))
        for number, fix in enumerate(todo[:SHOWN_FIXES], 1):
            console.print(RichText(f" {number}. ", style="bold") + RichText(fix.title.get(lang)))
        if len(todo) > SHOWN_FIXES:
            console.print(RichText("    " + FIX["more"].format(count=len(todo) - SHOWN_FIXES).get(lang),
                                   style="dim"))
    for line in view.scope_notes(report, selected, skipped_slow):
        console.print(RichText(line.get(lang), style="dim"))


SHOWN_FIXES = 5
"""How many things to fix the list under the score names; the rest are counted."""
SCORE_STYLES = {"full": "bold green", "public": "bold cyan", "todo": "bold red"}
"""Green only for full marks with every check run: passing the public checks is not that."""


def _shown_as_fix(notice, todo) -> bool:
    """A module that failed to import is already a box of its own: skip its notice."""
    cause = notice.cause or {}
    return cause.get("kind") in ("syntax", "import") and any(
        f.kind == cause["kind"] and f.results[0].module == cause.get("module") for f in todo)


def _syntax_box(fix, lang: str) -> Panel:
    cause = fix.cause or {}
    module = fix.results[0].module
    body = []
    shown = fix_first.caret_line(cause)
    if shown:
        number = str(cause.get("line", ""))
        code, caret = shown
        body.append(RichText(f"{number} │ ", style="dim") + RichText(code))
        if caret:
            body.append(RichText(" " * len(number) + " │ ", style="dim") + RichText(caret, style="bold red"))
    body.append(RichText(fix_first.syntax_help(cause).get(lang), style="bold"))
    if cause.get("message"):
        body.append(RichText(FIX["syntax-python"].format(message=cause["message"]).get(lang), style="dim"))
    body.append(RichText(FIX["syntax-blocks"].format(module=module, count=len(fix.results)).get(lang)))
    title = fix_first.syntax_title(cause, module).get(lang)
    return Panel(Group(*body), title=RichText(title, style="bold red"), title_align="left",
                 border_style="red", expand=True)


def _failure_box(fix, lang: str, show_hidden: bool, word: dict) -> Panel:
    body = []
    groups = fix_first.feedback_groups(fix, lang, show_hidden)
    for titles, feedback in groups:
        if len(fix.results) > 1:
            body.append(RichText(f"• {' · '.join(titles)}", style="bold"))
        body.append(RichText(feedback.summary.get(lang)))
        for key, style in (("expected", "cyan"), ("found", "yellow"), ("hint", "green")):
            part = getattr(feedback, key)
            if part is not None:
                line = RichText(f"{word[key]}: ", style=f"bold {style}")
                line.append(part.get(lang))
                body.append(line)
    first = fix.results[0]
    function, what = view.check_label(first, lang)
    title = f"{first.module}.{function}" + (f": {what}" if len(fix.results) == 1 and what else "")
    return Panel(Group(*body), title=RichText(title, style="bold red"), title_align="left",
                 border_style="red", expand=True)


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
        console=console or safe_console(),
    )


def batch_task_name(lang: str) -> str:
    """The default description for the batch task (``채점`` / ``Grading``)."""
    return REPORT["progress-grading"].get(lang)
