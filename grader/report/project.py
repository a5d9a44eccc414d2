"""The project part's feedback: the student's model beside the lecture's, from the same run.

Terminal lines and one HTML section (model summary, learning curves against the lecture's model,
the confusion matrix on the held-back digits, and a short "what helped" note when the model beats
the lecture's). Everything is read from ``report.artifacts["project"]``; nothing is re-measured.
"""

from __future__ import annotations

import html

from grader.messages import Text
from grader.report import leaderboard
from grader.results import Report

WORDS = {
    "heading": Text("프로젝트: 내 모델과 강의 모델", "Project: your model and the lecture's"),
    "budget": Text("예산: 파라미터 {cap:,}개 이하(내 모델 {params:,}개), 학습 {budget:g}초 이내({device}에서 {seconds:.1f}초). "
                   "정확도는 학생 코드에 주지 않은 학습 숫자 {held:,}개에서 쟀습니다.",
                   "Budget: at most {cap:,} parameters (yours: {params:,}), training within {budget:g} s "
                   "({seconds:.1f} s on the {device}). Accuracy measured on {held:,} training digits your code "
                   "never saw."),
    "bars": Text("기준: 강의 모델 + {margin:g} = {beat:.4f}, 더 높은 기준 {bar:.3f}.",
                 "Bars: the lecture's model + {margin:g} = {beat:.4f}; the higher bar {bar:.3f}."),
    "helped": Text("도움이 된 것: ", "What helped: "),
    "summary": Text("내 모델 요약", "Your model's summary"),
    "curves": Text("학습 곡선: 내 모델과 강의 모델", "Learning curves: your model and the lecture's"),
    "confusion": Text("혼동 행렬 (떼어 둔 학습 숫자)", "Confusion matrix (held-back training digits)"),
    "yours": Text("내 모델", "your model"),
    "lecture": Text("강의 모델", "lecture's model"),
    "layer": Text("층", "Layer"),
    "shape": Text("출력 모양", "Output shape"),
    "params": Text("파라미터", "Parameters"),
    "epoch": Text("에포크", "epoch"),
}

HELPED = {
    "batch-norm": Text("합성곱 뒤의 BatchNormalization이 짧은 학습에서도 빨리 수렴하게 했습니다",
                       "BatchNormalization after the convolutions made a short run converge fast"),
    "fewer-params": Text("더 작은 Dense 층으로 파라미터를 줄여 적은 데이터에서 과적합이 줄었습니다",
                         "fewer parameters (a smaller Dense layer) overfit less on few digits"),
    "more-epochs": Text("강의보다 많은 에포크를 예산 안에서 학습했습니다",
                        "more epochs than the lecture's, within the budget"),
    "augmentation": Text("데이터 증강 층이 같은 숫자를 조금씩 다르게 보여 주었습니다",
                         "augmentation layers showed the same digits in slightly different ways"),
    "more-conv": Text("합성곱 층을 더 쌓아 더 많은 모양을 배웠습니다",
                      "more convolution layers learned more shapes"),
    "global-pooling": Text("전역 풀링으로 Flatten 뒤의 큰 Dense 층을 없앴습니다",
                           "global pooling replaced the large Dense layer after Flatten"),
}


def _run(report: Report) -> dict | None:
    return leaderboard.run_of(report)


def beats(run: dict) -> bool:
    base = run.get("baseline") or {}
    return isinstance(base.get("accuracy"), (int, float)) and run["accuracy"] >= base["accuracy"] + run.get("margin", 0)


def lines(report: Report) -> list[Text]:
    """What the terminal prints about the project (empty when it was not graded or did not train)."""
    run = _run(report)
    if run is None:
        return []
    out = [WORDS["heading"]]
    where = leaderboard.standing(report)
    if where is not None:
        out.append(where)
    out.append(WORDS["budget"].format(cap=int(run.get("param_cap", 0)), params=int(run.get("params", 0)),
                                      budget=float(run.get("budget_seconds", 0)), device=run.get("device", "CPU"),
                                      seconds=float(run.get("train_seconds", 0)), held=int(run.get("held_digits", 0))))
    base = (run.get("baseline") or {}).get("accuracy")
    if isinstance(base, (int, float)):
        out.append(WORDS["bars"].format(margin=run.get("margin", 0), beat=base + run.get("margin", 0),
                                        bar=run.get("bar", 0)))
    note = helped(run)
    if note is not None:
        out.append(note)
    return out


def helped(run: dict) -> Text | None:
    """The "what helped" note: only when the model beats the lecture's, naming what differs."""
    facts = [HELPED[f] for f in run.get("what_helped", []) if f in HELPED]
    if not beats(run) or not facts:
        return None
    return WORDS["helped"] + Text("; ".join(f.ko for f in facts) + ".", "; ".join(f.en for f in facts) + ".")


def curves_png(run: dict, panel: str, lang: str) -> bytes | None:
    """One panel (``loss`` or ``accuracy``) per epoch: the student's training curve and the lecture's."""
    from grader.report import pictures

    mine = (run.get("history") or {}).get(panel)
    theirs = ((run.get("baseline") or {}).get("history") or {}).get(panel)
    series = [(WORDS["yours"].get(lang), mine, "-"), (WORDS["lecture"].get(lang), theirs, "--")]
    series = [(n, [float(v) for v in values], style) for n, values, style in series if isinstance(values, list) and values]
    if not series:
        return None
    lang = pictures.picture_lang(lang)

    def draw(figure):
        axes = figure.subplots()
        for name, values, style in series:
            axes.plot(range(1, len(values) + 1), values, marker="o", linestyle=style, label=name)
        axes.set_title(panel)
        axes.set_xlabel(WORDS["epoch"].get(lang))
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


def html_section(report: Report, lang: str) -> str:
    """The project's section of feedback.html (empty when it was not graded or did not train)."""
    from grader.report import pictures

    run = _run(report)
    if run is None:
        return ""

    def w(key: str) -> str:
        return html.escape(WORDS[key].get(lang))

    parts = [f'<section class="project"><h2>{w("heading")}</h2>']
    parts += [f"<p>{html.escape(line.get(lang))}</p>" for line in lines(report)[1:]]
    rows = run.get("model_summary") or []
    if rows:
        parts.append(f"<h3>{w('summary')}</h3><table><tr><th>{w('layer')}</th><th>{w('shape')}</th>"
                     f"<th>{w('params')}</th></tr>")
        parts += [f"<tr><td>{html.escape(str(r.get('layer')))}</td><td>{html.escape(str(r.get('output_shape')))}"
                  f"</td><td>{int(r.get('params', 0)):,}</td></tr>" for r in rows if isinstance(r, dict)]
        parts.append("</table>")
    pngs = [png for png in (_safely(curves_png, run, p, lang) for p in ("loss", "accuracy")) if png]
    if pngs:
        parts.append(f"<h3>{w('curves')}</h3>")
        parts += [f'<img src="{pictures.data_uri(png)}" alt="{w("curves")}">' for png in pngs]
    confusion = _safely(pictures.confusion_matrix, run.get("confusion"), lang)
    if confusion:
        parts.append(f'<h3>{w("confusion")}</h3><img src="{pictures.data_uri(confusion)}" alt="{w("confusion")}">')
    parts.append("</section>")
    return "\n".join(parts)
