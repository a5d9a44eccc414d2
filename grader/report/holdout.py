"""A holdout part's feedback: the student's model beside the course's baseline, from the same run.

Terminal lines and one HTML section (model summary, learning curves against the baseline model,
the confusion matrix on the held-back digits, and a short "what helped" note when the model beats
the baseline). Everything is read from the run the part's checks left in the report's artifacts
(:func:`grader.report.leaderboard.run_of`); nothing is re-measured.
"""

from __future__ import annotations

from grader.catalog.project import HELPED, PROJECT
from grader.messages import Text
from grader.record.results import Report
from grader.report import leaderboard


def _run(report: Report) -> dict | None:
    return leaderboard.run_of(report)


def beats(run: dict) -> bool:
    base = run.get("baseline") or {}
    return isinstance(base.get("accuracy"), (int, float)) and run["accuracy"] >= base["accuracy"] + run.get("margin", 0)


def lines(report: Report) -> list[Text]:
    """What the terminal prints about the measured run (empty when it was not graded or did not train)."""
    run = _run(report)
    if run is None:
        return []
    out = [PROJECT["heading"]]
    where = leaderboard.standing(report)
    if where is not None:
        out.append(where)
    out.append(PROJECT["budget"].format(cap=int(run.get("param_cap", 0)), params=int(run.get("params", 0)),
                                      budget=float(run.get("budget_seconds", 0)), device=run.get("device", "CPU"),
                                      seconds=float(run.get("code_seconds", run.get("train_seconds", 0))),
                                      held=int(run.get("held_digits", 0))))
    base = (run.get("baseline") or {}).get("accuracy")
    if isinstance(base, (int, float)):
        out.append(PROJECT["bars"].format(margin=run.get("margin", 0), beat=base + run.get("margin", 0),
                                        bar=run.get("bar", 0)))
    note = helped(run)
    if note is not None:
        out.append(note)
    return out


def helped(run: dict) -> Text | None:
    """The "what helped" note: only when the model beats the baseline, naming what differs."""
    facts = [HELPED[f] for f in run.get("what_helped", []) if f in HELPED]
    if not beats(run) or not facts:
        return None
    return PROJECT["helped"] + Text("; ".join(f.ko for f in facts) + ".", "; ".join(f.en for f in facts) + ".")


def curves_png(run: dict, panel: str, lang: str) -> bytes | None:
    """One panel (``loss`` or ``accuracy``) per epoch: the student's training curve and the baseline's."""
    from grader.report import pictures

    mine = (run.get("history") or {}).get(panel)
    theirs = ((run.get("baseline") or {}).get("history") or {}).get(panel)
    series = [(PROJECT["yours"].get(lang), mine, "-"), (PROJECT["baseline"].get(lang), theirs, "--")]
    series = [(n, [float(v) for v in values], style) for n, values, style in series if isinstance(values, list) and values]
    if not series:
        return None
    lang = pictures.picture_lang(lang)

    def draw(figure):
        axes = figure.subplots()
        for name, values, style in series:
            axes.plot(range(1, len(values) + 1), values, marker="o", linestyle=style, label=name)
        axes.set_title(panel)
        axes.set_xlabel(PROJECT["epoch"].get(lang))
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.grid(alpha=0.3)
        axes.legend(fontsize=8)

    return pictures.figure_png(draw, (3.4, 2.6))


def _safely(draw, *args) -> bytes | None:
    """A picture, or none when the run's data cannot be drawn: a report never fails for a picture."""
    try:
        return draw(*args)
    except (TypeError, ValueError, KeyError, OverflowError):
        return None


def html_view(report: Report, lang: str) -> dict | None:
    """What the holdout part's section of feedback.html shows, as plain values for its template
    (``templates/holdout_section.html.j2``, autoescaped); ``None`` when it was not graded or did not train."""
    from grader.report import pictures

    run = _run(report)
    if run is None:
        return None
    rows = [r for r in run.get("model_summary") or [] if isinstance(r, dict)]
    pngs = [png for png in (_safely(curves_png, run, p, lang) for p in ("loss", "accuracy")) if png]
    confusion = _safely(pictures.confusion_matrix, run.get("confusion"), lang)
    return {"w": {key: text.get(lang) for key, text in PROJECT.items()},
            "lines": [line.get(lang) for line in lines(report)[1:]],
            "summary": [{"layer": str(r.get("layer")), "shape": str(r.get("output_shape")),
                         "params": f"{int(r.get('params', 0)):,}"} for r in rows],
            "curves": [pictures.data_uri(png) for png in pngs],
            "confusion": pictures.data_uri(confusion) if confusion else ""}
