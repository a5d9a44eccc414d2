"""``feedback.html``: one self-contained page per submission, in Korean or English.

Everything is inline (CSS, pictures as ``data:`` PNGs; no fonts, scripts or
links fetched from anywhere), so the file can be mailed or uploaded and read
on a phone. Every word comes from :mod:`grader.catalog` (``student`` and
``report``); the template holds markup only. Jinja2 escapes
everything the submission wrote (its output, its error messages).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from grader.catalog.report import FIX, REPORT
from grader.catalog.student import LABELS, NOTICES
from grader.record.atomic import write_atomic
from grader.record.results import Report
from grader.report import fix_first, pictures, view

TEMPLATES = Path(__file__).with_name("templates")
OUTPUT_CHARS = 3000
"""How much of the captured output the page shows (its end, where errors are)."""


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = lambda value: f"{value:g}"
    env.filters["code"] = code_spans
    return env


def code_spans(text: str) -> Markup:
    """``text`` escaped, with each `backticked` part set as code (as Markdown would show it)."""
    return Markup(re.sub(r"`([^`\n]+)`", r"<code>\1</code>", str(escape(text))))


def render_html(report: Report, lang: str, show_hidden: bool = True, title: str | None = None) -> str:
    """The whole feedback page for ``report`` in ``lang`` (``ko`` or ``en``)."""
    words = {key: text.get(lang) for key, text in {**LABELS, **REPORT}.items()}
    words["output"] = NOTICES["output"].get(lang)
    words["fix-heading"] = FIX["heading"].get(lang)
    page = _page(report, lang, show_hidden)
    return _environment().get_template("feedback.html.j2").render(
        lang=lang, w=words, title=title or words["title"], **page)


def write_html(path: Path, report: Report, lang: str, show_hidden: bool = True, title: str | None = None) -> Path:
    """Write :func:`render_html` to ``path`` (UTF-8) and return the path."""
    return write_atomic(path, render_html(report, lang, show_hidden, title))


def _page(report: Report, lang: str, show_hidden: bool) -> dict:
    todo = fix_first.fixes(report, show_hidden)
    anchor_of = {r.name: fix.anchor for fix in todo for r in fix.results}
    modules = []
    for module, members in view.by_module(view.shown_results(report, show_hidden)):
        passed = sum(r.passed for r in members)
        rows = []
        for kind, item in fix_first.module_rows(members):
            if kind == "check":
                rows.append(_check_row(item, lang, anchor_of.get(item.name)))
            else:
                rows.append({"function": None, "what": fix_first.collapsed_row(kind, item).get(lang),
                             "passed": False, "hidden": False, "score": 0.0,
                             "max_score": sum(r.max_score for r in item), "anchor": anchor_of.get(item[0].name)})
        rows += [_check_row(r, lang, None, show_hidden) for r in members if r.passed]
        title = view.module_title(module).get(lang)
        count = FIX["module-all-passed" if passed == len(members) else "module-some-passed"].format(
            module="", passed=passed, total=len(members)).get(lang).lstrip(" —")
        modules.append({"title": title, "rows": rows, "count": count, "open": passed < len(members)})
    artifacts = report.artifacts or {}
    withheld = view.hidden_withheld(report, show_hidden)
    output = artifacts.get("output")
    return {
        "student": report.student,
        "course": report.course,
        "graded_at": _when(report.graded_at),
        "score_line": view.score_line(report).get(lang),
        "style": view.score_style(report),
        "percent": round(100 * report.score / report.max_score) if report.max_score else 0,
        "summary": [line.get(lang) for line in view.summary(report, show_hidden)],
        "scope": [line.get(lang) for line in view.scope_notes(report)],
        "fixes": [_fix(fix, lang, show_hidden) for fix in todo],
        "modules": modules,
        "hidden": {"none_failed": not any(f.kind == "hidden" for f in todo)} if withheld else None,
        "notices": [notice.render(lang) for notice in report.notices if not _shown_as_fix(notice, todo)],
        "run": _run(artifacts, lang),
        "model": _model(artifacts),
        "confusion": _confusion(artifacts.get("confusion")),
        "pictures": _pictures(artifacts, lang),
        "output": str(output)[-OUTPUT_CHARS:] if output else None,
        "holdout": _holdout(report, lang),
    }


def _holdout(report: Report, lang: str) -> dict | None:
    """The holdout part's section, as plain values (:func:`grader.report.holdout.html_view`)."""
    from grader.report import holdout

    return holdout.html_view(report, lang)


def _when(stamp: str) -> str:
    """``2026-12-01 06:30 UTC`` from an ISO time; empty when unknown."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return ""
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment.utcoffset() == timedelta(0) else f"{moment:%Y-%m-%d %H:%M %z}"


def _check_row(result, lang: str, anchor: str | None, show_hidden: bool = True) -> dict:
    function, what = view.check_label(result, lang)
    note = view.shown_feedback(result, show_hidden) if result.carried_from else None  # error carried forward
    return {"function": function, "what": what, "passed": result.passed, "hidden": result.hidden,
            "score": result.score, "max_score": result.max_score, "anchor": anchor,
            "carried": note.summary.get(lang) if note else None}


def _shown_as_fix(notice, todo) -> bool:
    cause = notice.cause or {}
    return cause.get("kind") in ("syntax", "import") and any(
        f.kind == cause["kind"] and f.results[0].module == cause.get("module") for f in todo)


def _fix(fix: fix_first.Fix, lang: str, show_hidden: bool) -> dict:
    """One thing to fix: its line for the list and its details for the section below."""
    item = {"kind": fix.kind, "anchor": fix.anchor, "title": fix.title.get(lang), "checks": [], "code": None,
            "lines": [], "functions": []}
    cause = fix.cause or {}
    if fix.kind == "syntax":
        item["heading"] = fix_first.syntax_title(cause, fix.results[0].module).get(lang)
        shown = fix_first.caret_line(cause)
        if shown:
            number = str(cause.get("line", ""))
            item["code"] = f"{number} │ {shown[0]}\n{' ' * len(number)} │ {shown[1]}"
        item["lines"] = [fix_first.syntax_help(cause).get(lang)]
        if cause.get("message"):
            item["lines"].append(FIX["syntax-python"].format(message=cause["message"]).get(lang))
        item["lines"].append(FIX["syntax-blocks"].format(module=fix.results[0].module,
                                                         count=len(fix.results)).get(lang))
        return item
    if fix.kind == "not-implemented":
        item["heading"] = fix.title.get(lang)
        item["lines"] = [FIX["not-implemented-intro"].get(lang)]
        seen = set()
        for result in fix.results:
            function = result.name.split(":", 1)[0]
            if function in seen:
                continue
            seen.add(function)
            line = fix_first.place(fix_first.cause_of(result)).get(lang).strip(" ()")
            item["functions"].append((function, line))
        item["rest"] = FIX["rest"].format(count=max(0, len(item["functions"]) - 3)).get(lang)
        return item
    if fix.kind == "hidden":
        item["heading"] = REPORT["hidden-heading"].get(lang)
        item["lines"] = [line.get(lang) for line in view.hidden_lost_in(fix.results)]
        item["lines"].append(REPORT["hidden-why"].get(lang))
        return item
    first = fix.results[0]
    function, _ = view.check_label(first, lang)
    item["heading"] = f"{first.module}.{function}"
    hidden = {view.check_label(r, lang)[1] for r in fix.results if r.hidden}
    for titles, feedback in fix_first.feedback_groups(fix, lang, show_hidden):
        item["checks"].append({
            "what": " · ".join(titles), "hidden": bool(hidden & set(titles)),
            "summary": feedback.summary.get(lang),
            "parts": [(LABELS[key].get(lang), getattr(feedback, key).get(lang), key)
                      for key in ("expected", "found", "hint") if getattr(feedback, key)],
        })
    return item


def _confusion(matrix) -> dict | None:
    """The confusion matrix as a table of numbers: rows the true digit, columns the prediction."""
    if not isinstance(matrix, list) or not matrix or not all(isinstance(row, list) for row in matrix):
        return None
    size = len(matrix)
    if any(len(row) != size for row in matrix):
        return None
    try:
        values = [[int(v) for v in row] for row in matrix]
    except (TypeError, ValueError):
        return None
    largest = max((v for row in values for v in row), default=0) or 1
    rows = []
    for i, row in enumerate(values):
        cells = []
        for j, value in enumerate(row):
            share = value / largest
            kind = "hit" if i == j else ("miss" if value else "zero")
            cells.append({"value": value, "kind": kind, "alpha": round(0.08 + 0.3 * share, 2) if value else 0})
        rows.append({"label": i, "cells": cells})
    return {"labels": list(range(size)), "rows": rows}


def _run(artifacts: dict, lang: str) -> list[tuple[str, str]]:
    """Label and value of each fact about the accuracy run; nothing when the model never trained."""
    if view.accuracy_text(artifacts) is None:
        return []
    facts = [
        (REPORT["run-accuracy"], view.accuracy_text(artifacts)),
        (LABELS["device"], view.plain_value(artifacts.get("device"))),
        (LABELS["data"], view.data_description(artifacts)),
        (REPORT["run-time"], view.seconds_text(artifacts)),
    ]
    return [(label.get(lang), value.get(lang)) for label, value in facts if value is not None]


def _model(artifacts: dict) -> dict | None:
    rows = view.model_rows(artifacts)
    if rows is None:
        return None
    has_reference = any(r.reference for r in rows)
    return {
        "rows": rows,
        "has_reference": has_reference,
        "differs": any(r.differs for r in rows),
        "total_yours": view.total_params(rows, "yours"),
        "total_reference": view.total_params(rows, "reference"),
    }


def _pictures(artifacts: dict, lang: str) -> list[dict]:
    """Sections of pictures, each with its images and alt text that states the numbers drawn;
    a section without images is left out. (The confusion matrix is a table of numbers instead.)"""
    history = artifacts.get("history")
    curves = [(pictures.training_curve(history, lang, panel), _curve_alt(history, panel, lang))
              for panel in pictures.CURVES]
    sections = {
        "curve": [{"src": pictures.data_uri(png), "alt": alt, "label": None}
                  for png, alt in curves if png is not None],
        "misclassified": [{"src": pictures.data_uri(png), "alt": label, "label": label}
                          for png, true, pred in pictures.misclassified(artifacts.get("misclassified"))
                          for label in [REPORT["digit-label"].format(true=true, pred=pred).get(lang)]],
    }
    return [{"kind": key, "heading": REPORT[f"{key}-heading"].get(lang),
             "caption": REPORT[f"{key}-caption"].get(lang), "images": images}
            for key, images in sections.items() if images]


def _curve_alt(history, panel: str, lang: str) -> str:
    """``training loss 0.61 → 0.12, validation loss 0.40 → 0.20 (3 epochs)``: what the panel shows."""
    members = pictures.curve_series(history, panel)
    parts = []
    for name, values in members.items():
        label = REPORT[f"history-{name}"].get(lang) if f"history-{name}" in REPORT else name
        shown = (lambda v: f"{v:.1%}") if panel == "accuracy" else (lambda v: f"{v:.3g}")
        parts.append(f"{label} {shown(values[0])} → {shown(values[-1])}")
    epochs = max((len(v) for v in members.values()), default=0)
    return REPORT["curve-alt"].format(panel=REPORT[f"axis-{panel}"].get(lang), series=", ".join(parts),
                                      epochs=epochs).get(lang)
