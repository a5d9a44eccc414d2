"""``feedback.html``: one self-contained page per submission, in Korean or English.

Everything is inline (CSS, pictures as ``data:`` PNGs; no fonts, scripts or
links fetched from anywhere), so the file can be mailed or uploaded and read
on a phone. Every word comes from :mod:`grader.catalog` or
:mod:`grader.report.text`; the template holds markup only. Jinja2 escapes
everything the submission wrote (its output, its error messages).
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from grader.catalog import LABELS, NOTICES
from grader.report import pictures, view
from grader.report.atomic import write_atomic
from grader.report.text import REPORT
from grader.results import Report

TEMPLATES = Path(__file__).with_name("templates")
OUTPUT_CHARS = 3000
"""How much of the captured output the page shows (its end, where errors are)."""


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = lambda value: f"{value:g}"
    return env


def render_html(report: Report, lang: str, show_hidden: bool = True, title: str | None = None) -> str:
    """The whole feedback page for ``report`` in ``lang`` (``ko`` or ``en``)."""
    words = {key: text.get(lang) for key, text in {**LABELS, **REPORT}.items()}
    words["output"] = NOTICES["output"].get(lang)
    page = _page(report, lang, show_hidden)
    return _environment().get_template("feedback.html.j2").render(
        lang=lang, w=words, title=title or words["title"], **page)


def write_html(path: Path, report: Report, lang: str, show_hidden: bool = True, title: str | None = None) -> Path:
    """Write :func:`render_html` to ``path`` (UTF-8) and return the path."""
    return write_atomic(path, render_html(report, lang, show_hidden, title))


def _page(report: Report, lang: str, show_hidden: bool) -> dict:
    results = view.shown_results(report, show_hidden)
    modules, failures = [], []
    for module, members in view.by_module(results):
        rows = []
        for result in members:
            function, what = view.check_label(result, lang)
            feedback = view.shown_feedback(result, show_hidden)
            anchor = f"fail-{len(failures) + 1}" if feedback else None
            rows.append({"function": function, "what": what, "passed": result.passed,
                         "hidden": result.hidden, "score": result.score, "max_score": result.max_score,
                         "anchor": anchor})
            if feedback:
                failures.append({
                    "anchor": anchor, "name": result.name, "hidden": result.hidden,
                    "summary": feedback.summary.get(lang),
                    "parts": [(LABELS[key].get(lang), getattr(feedback, key).get(lang), key)
                              for key in ("expected", "found", "hint") if getattr(feedback, key)],
                })
        passed = sum(r.passed for r in members)
        modules.append({"title": view.module_title(module).get(lang), "rows": rows,
                        "count": REPORT["module-passed"].format(passed=passed, total=len(members)).get(lang)})
    artifacts = report.artifacts or {}
    withheld = view.hidden_withheld(report, show_hidden)
    lost = [line.get(lang) for line in view.hidden_lost(report)] if withheld else []
    output = artifacts.get("output")
    return {
        "student": report.student,
        "score": report.score,
        "max_score": report.max_score,
        "percent": round(100 * report.score / report.max_score) if report.max_score else 0,
        "all_passed": bool(report.results) and not report.failed,
        "summary": [line.get(lang) for line in view.summary(report, show_hidden)],
        "modules": modules,
        "failures": failures,
        "hidden": {"lost": lost} if withheld else None,
        "notices": [notice.render(lang) for notice in report.notices],
        "run": _run(artifacts, lang),
        "model": _model(artifacts),
        "pictures": _pictures(artifacts, lang),
        "output": str(output)[-OUTPUT_CHARS:] if output else None,
    }


def _run(artifacts: dict, lang: str) -> list[tuple[str, str]]:
    """Label and value of each fact about the accuracy run that the artifacts hold."""
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
    has_lecture = any(r.lecture for r in rows)
    return {
        "rows": rows,
        "has_lecture": has_lecture,
        "differs": any(r.differs for r in rows),
        "total_yours": view.total_params(rows, "yours"),
        "total_lecture": view.total_params(rows, "lecture"),
    }


def _pictures(artifacts: dict, lang: str) -> list[dict]:
    """Sections of pictures, each with its images; a section without images is left out."""
    curves = [(pictures.training_curve(artifacts.get("history"), lang, panel), f"axis-{panel}")
              for panel in pictures.CURVES]
    confusion = pictures.confusion_matrix(artifacts.get("confusion"), lang)
    sections = {
        "curve": [{"src": pictures.data_uri(png), "alt": REPORT[alt].get(lang), "label": None}
                  for png, alt in curves if png is not None],
        "confusion": [{"src": pictures.data_uri(confusion), "alt": REPORT["confusion-heading"].get(lang),
                       "label": None}] if confusion else [],
        "misclassified": [{"src": pictures.data_uri(png), "alt": label, "label": label}
                          for png, true, pred in pictures.misclassified(artifacts.get("misclassified"))
                          for label in [REPORT["digit-label"].format(true=true, pred=pred).get(lang)]],
    }
    return [{"kind": key, "heading": REPORT[f"{key}-heading"].get(lang),
             "caption": REPORT[f"{key}-caption"].get(lang), "images": images}
            for key, images in sections.items() if images]
