"""``results.json`` in the Gradescope autograder schema (SPEC.md, Reports).

Top level: ``score``, ``max_score``, ``output`` (the summary a student reads
first, then what to fix first), ``execution_time`` and ``tests``; one test per check with ``name``,
``score``, ``max_score``, ``status``, ``output`` and ``visibility``. Public
checks are ``visible``; hidden ones are ``after_due_date``, or ``hidden`` while
``course.toml`` holds hidden results back, and their output never carries
their code or inputs (see :mod:`grader.report.view`).
"""

from __future__ import annotations

import json
from pathlib import Path

from grader.catalog.report import FIX
from grader.record.atomic import write_atomic
from grader.record.results import Report
from grader.report import fix_first, view

VISIBLE = "visible"
AFTER_DUE_DATE = "after_due_date"
HIDDEN = "hidden"


def to_results_json(report: Report, lang: str, show_hidden: bool) -> dict:
    """The Gradescope ``results.json`` object for one report, in one language."""
    lines = [line.get(lang) for line in view.summary(report, show_hidden)]
    todo = fix_first.fixes(report, show_hidden)
    if todo:
        lines.append(FIX["heading"].get(lang))
        lines += [f"{number}. {fix.title.get(lang)}" for number, fix in enumerate(todo, 1)]
    lines += [notice.render(lang) for notice in report.notices]
    from grader.report.leaderboard import standing

    where = standing(report)
    if where is not None:
        lines.append(where.get(lang))
    return with_leaderboard({
        "score": report.score,
        "max_score": report.max_score,
        "output": "\n".join(lines),
        "execution_time": report.seconds,
        "tests": [
            {
                "name": result.name,
                "score": result.score,
                "max_score": result.max_score,
                "status": result.status,
                "output": view.check_output(result, lang, show_hidden),
                "visibility": _visibility(result.hidden, show_hidden),
            }
            for result in report.results
        ],
    }, report)


def with_leaderboard(data: dict, report: Report) -> dict:
    """``data`` plus Gradescope's ``leaderboard`` field and the project part's own score when the
    project was graded (the top-level score stays the course's 100-point part)."""
    from grader.report.leaderboard import gradescope_entries

    entries = gradescope_entries(report)
    if entries is not None:
        data["leaderboard"] = entries
    if report.project_max_score is not None:
        data.setdefault("extra_data", {})["project"] = {"score": report.project_score,
                                                        "max_score": report.project_max_score}
    return data


def write_results_json(path: Path, report: Report, lang: str, show_hidden: bool) -> Path:
    """Write :func:`to_results_json` to ``path`` (UTF-8, Korean kept readable) and return the path."""
    return write_atomic(path, json.dumps(to_results_json(report, lang, show_hidden), ensure_ascii=False,
                                         indent=2) + "\n")


def _visibility(hidden: bool, show_hidden: bool) -> str:
    if not hidden:
        return VISIBLE
    return AFTER_DUE_DATE if show_hidden else HIDDEN
