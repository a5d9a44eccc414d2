"""``results.json`` in Gradescope's autograder specification (SPEC.md, Reports).

Only keys the specification defines: top level ``score`` (the course's points, adjustments
included), ``output`` (the summary a student reads first, then what to fix first) with
``output_format`` ``md`` so its Markdown renders, ``test_output_format``, ``stdout_visibility``,
``execution_time``, ``extra_data`` (``max_score``, and under its module's name the score of each part
scored apart that was graded), ``tests`` and, for a measured run, ``leaderboard``. One test per check with ``name``, ``number``,
``score``, ``max_score``, ``status``, ``output``, ``output_format``, ``tags`` and ``visibility``.
Public checks are ``visible``; hidden ones are ``after_due_date``, or ``hidden`` while
``course.toml`` holds hidden results back, and their output never carries their code or inputs
(see :mod:`grader.report.view`).

The sum a student sees is the score they get: the tests of the course's checks add up to ``score``;
the checks of a part scored apart (``[[parts]] counts = false``) carry no ``score``/``max_score`` of
their own (the specification lets a test leave them out when the top level has a score) and say their
points in their output, in ``extra_data`` and with their module's tag.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from grader.catalog.report import FIX, GRADESCOPE
from grader.catalog.student import LABELS
from grader.record.atomic import write_atomic
from grader.record.results import CheckResult, Feedback, Report
from grader.report import fix_first, view

VISIBLE = "visible"
AFTER_DUE_DATE = "after_due_date"
HIDDEN = "hidden"
MARKDOWN = "md"


def to_results_json(report: Report, lang: str, show_hidden: bool) -> dict:
    """The Gradescope ``results.json`` object for one report, in one language."""
    paragraphs = [line.get(lang) for line in view.summary(report, show_hidden)]
    todo = fix_first.fixes(report, show_hidden)
    if todo:
        paragraphs.append(f"**{FIX['heading'].get(lang)}**\n\n"
                          + "\n".join(f"{number}. {fix.title.get(lang)}" for number, fix in enumerate(todo, 1)))
    paragraphs += [feedback_markdown(notice, lang) for notice in report.notices]
    from grader.report.leaderboard import standing

    if report.project_max_score is not None:
        paragraphs.append(GRADESCOPE["project-apart"].format(
            score=report.project_score, max_score=report.project_max_score).get(lang))
    where = standing(report)
    if where is not None:
        paragraphs.append(where.get(lang))
    return with_leaderboard({
        "score": report.score,
        "output": "\n\n".join(paragraphs),
        "output_format": MARKDOWN,
        "test_output_format": MARKDOWN,
        "test_name_format": "text",
        "stdout_visibility": HIDDEN,
        "execution_time": report.seconds,
        "extra_data": {"max_score": report.max_score},
        "tests": [_test(number, result, lang, show_hidden, report.apart)
                  for number, result in enumerate(report.results, 1)],
    }, report)


def _test(number: int, result: CheckResult, lang: str, show_hidden: bool, apart: tuple[str, ...]) -> dict:
    output = check_markdown(result, lang, show_hidden)
    test = {"name": result.name, "number": str(number)}
    if result.module in apart:  # scored apart: no points of its own in the course's sum
        apart = GRADESCOPE["project-check"].format(score=result.score, max_score=result.max_score).get(lang)
        output = apart + ("\n\n" + output if output else "")
        test["extra_data"] = {"score": result.score, "max_score": result.max_score}
    else:
        test.update(score=result.score, max_score=result.max_score)
    test.update(status=result.status, output=output, output_format=MARKDOWN, tags=tags(result),
                visibility=_visibility(result.hidden, show_hidden))
    return test


def tags(result: CheckResult) -> list[str]:
    """The test's ``tags``: its module, ``public`` or ``hidden``, its stable id (``id:module.function.id``, what
    overrides and grades.csv key on), and ``carried-forward`` when credited so."""
    found = [result.module, HIDDEN if result.hidden else "public", *([f"id:{result.id}"] if result.id else [])]
    if result.carried_from:
        found.append("carried-forward")
    return found


def check_markdown(result: CheckResult, lang: str, show_hidden: bool) -> str:
    """:func:`view.check_output` as Markdown: the same words, values in code spans, one paragraph a line."""
    if result.passed and not result.carried_from:
        return ""
    if result.hidden and not show_hidden:
        return view.check_output(result, lang, show_hidden)
    feedback = view.shown_feedback(result, show_hidden)
    return feedback_markdown(feedback, lang) if feedback else ""


def feedback_markdown(feedback: Feedback, lang: str) -> str:
    """Summary, then expected / found as code (what a submission printed never turns into Markdown), then hint."""
    lines = [feedback.summary.get(lang)]
    for key in ("expected", "found"):
        part = getattr(feedback, key)
        if part is not None:
            lines.append(f"{LABELS[key].get(lang)}: {code_span(part.get(lang))}")
    if feedback.hint is not None:
        lines.append(f"{LABELS['hint'].get(lang)}: {feedback.hint.get(lang)}")
    return "\n\n".join(lines)


def code_span(text: str) -> str:
    """``text`` as one Markdown code span, fenced with more backticks than it holds, on one line."""
    text = " ".join(text.splitlines())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def with_leaderboard(data: dict, report: Report) -> dict:
    """``data`` plus Gradescope's ``leaderboard`` field and, under its module's name, the own score of each
    part scored apart that was graded (the top-level score stays the course's 100-point part)."""
    from grader.report.leaderboard import gradescope_entries

    entries = gradescope_entries(report)
    if entries is not None:
        data["leaderboard"] = entries
    for module in report.apart:  # each part scored apart, under its module's name
        results = [r for r in report.results if r.module == module]
        if results:
            data.setdefault("extra_data", {})[module] = {"score": round(sum(r.score for r in results), 4),
                                                         "max_score": round(sum(r.max_score for r in results), 4)}
    return data


def write_results_json(path: Path, report: Report, lang: str, show_hidden: bool) -> Path:
    """Write :func:`to_results_json` to ``path`` (UTF-8, Korean kept readable) and return the path."""
    return write_atomic(path, json.dumps(to_results_json(report, lang, show_hidden), ensure_ascii=False,
                                         indent=2) + "\n")


def _visibility(hidden: bool, show_hidden: bool) -> str:
    if not hidden:
        return VISIBLE
    return AFTER_DUE_DATE if show_hidden else HIDDEN
