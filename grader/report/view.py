"""What every renderer shows, decided once: the summary, which checks and details a student sees.

The terminal, ``results.json``, ``grades.csv`` and ``feedback.html`` all ask
this module rather than re-deciding; none of them computes a score (the
:class:`~grader.record.results.Report` does).

Hidden checks: their code and inputs are never shown. When results may be
shown (``show_hidden``), a failed hidden check shows its summary sentence and
hint only, since *expected* and *found* can quote the hidden inputs. When they
may not, the student learns only which function lost points.
"""

from __future__ import annotations

from dataclasses import dataclass

from grader.catalog.report import REPORT
from grader.catalog.student import NOTICES, SUMMARY
from grader.messages import Text, plain
from grader.record.results import CheckResult, Feedback, Report


def summary(report: Report, show_hidden: bool = True) -> list[Text]:
    """The sentences under the score: how the run went, then whether hidden results are held back.

    Never "all checks passed" after a public-only run: the hidden checks have not run yet.
    """
    if not report.results:
        lines = [REPORT["no-checks"]]
    elif report.failed:
        lines = [SUMMARY["some-failed"].format(failed=len(report.failed))]
    elif report.scope == "public":
        lines = [SUMMARY["public-passed"]]
    else:
        lines = [SUMMARY["all-passed"]]
    if hidden_withheld(report, show_hidden):
        lines.append(SUMMARY["hidden-held"])
    return lines


def scope_notes(report: Report, selected: bool = False, skipped_slow: bool = False) -> list[Text]:
    """What a partial run (``grade check``) ran and left out: the subset by name, the training checks.

    ``selected`` and ``skipped_slow`` are for reports that do not carry what they left out
    (:attr:`Report.not_run` empty, e.g. one read back from an older ``report.json``)."""
    count, points = len(report.results), report.max_score
    if report.selection:
        return [SUMMARY["ran-selected"].format(selection=", ".join(report.selection), count=count,
                                               points=points)]
    training = report.not_run.get("training", 0)
    if training:
        return [SUMMARY["ran-fast"].format(count=count, points=points, training=training)]
    notes = []
    if selected:
        notes.append(SUMMARY["subset-note"].format(count=count))
    if skipped_slow and not report.not_run:
        notes.append(NOTICES["slow-skipped"])
    return notes


def score_line(report: Report) -> Text:
    """The score in words, on one scale: public points of the public checks that ran, hidden
    points said apart (run at grading, or their own part of the total once they ran)."""
    public = [r for r in report.course_results if not r.hidden]
    hidden = [r for r in report.course_results if r.hidden]
    public_score, public_max = sum(r.score for r in public), sum(r.max_score for r in public)
    if hidden:
        return SUMMARY["score-all"].format(
            score=report.score, max_score=report.max_score, public=public_score, public_max=public_max,
            hidden=sum(r.score for r in hidden), hidden_max=sum(r.max_score for r in hidden)) + _apart_part(report)
    line = SUMMARY["score-public"].format(score=public_score, max_score=public_max)
    if report.not_run.get("hidden"):
        line = line + SUMMARY["score-hidden-later"].format(points=report.not_run["hidden"])
    return line + _apart_part(report)


def _apart_part(report: Report) -> Text:
    """The own score of the parts scored apart, said after the course's (nothing when it was not graded)."""
    if report.project_max_score is None:
        return Text("", "")
    return SUMMARY["score-project"].format(score=report.project_score, max_score=report.project_max_score)


def score_style(report: Report) -> str:
    """``full`` only when every check, hidden ones included, ran and passed; ``public`` when the public
    checks that ran all passed (not full marks: say so in a calmer colour), or when the course's part
    is all passed and only a part scored apart (a score of its own) missed; ``todo`` otherwise."""
    course = report.course_results if report.course_results else report.results
    if not report.results or any(not r.passed for r in course):
        return "todo"
    if report.failed:  # a part scored apart alone: the bar is the course's score, which is whole
        return "public"
    if report.scope == "all" and not report.not_run.get("hidden") and not report.not_run.get("public"):
        return "full"
    return "public"


def hidden_withheld(report: Report, show_hidden: bool) -> bool:
    """Whether this report holds hidden results that the student may not see yet."""
    return not show_hidden and any(r.hidden for r in report.results)


def shown_results(report: Report, show_hidden: bool) -> list[CheckResult]:
    """The checks listed one by one: all of them, or the public ones while hidden results are held."""
    return [r for r in report.results if show_hidden or not r.hidden]


def shown_feedback(result: CheckResult, show_hidden: bool) -> Feedback | None:
    """The feedback a student may read for one check; ``None`` when it passed or is held back.

    A check credited under error carried forward passed, yet shows its note naming the root cause."""
    if result.feedback is None or (result.passed and not result.carried_from):
        return None
    if not result.hidden:
        return result.feedback
    if not show_hidden:
        return None
    return Feedback(result.feedback.summary, hint=result.feedback.hint)


def hidden_lost_in(results: list[CheckResult]) -> list[Text]:
    """One sentence per function that lost points on a hidden check among ``results`` (no details)."""
    functions = dict.fromkeys(r.name.split(":", 1)[0] for r in results if r.hidden and not r.passed)
    return [SUMMARY["hidden-failed"].format(function=f) for f in functions]


def carried(report: Report, show_hidden: bool) -> list[CheckResult]:
    """Checks credited under error carried forward that the student may read about."""
    return [r for r in shown_results(report, show_hidden) if r.carried_from and shown_feedback(r, show_hidden)]


def check_output(result: CheckResult, lang: str, show_hidden: bool) -> str:
    """The text one check shows (``results.json`` ``output``): feedback, or only which function lost points."""
    if result.passed and not result.carried_from:
        return ""
    if result.hidden and not show_hidden:
        if result.passed:
            return ""
        return SUMMARY["hidden-failed"].format(function=result.name.split(":", 1)[0]).get(lang)
    feedback = shown_feedback(result, show_hidden)
    return feedback.render(lang) if feedback else ""


def by_module(results: list[CheckResult]) -> list[tuple[str, list[CheckResult]]]:
    """Results grouped by module, in the order the modules first appear."""
    groups: dict[str, list[CheckResult]] = {}
    for result in results:
        groups.setdefault(result.module, []).append(result)
    return list(groups.items())


def module_title(module: str) -> Text:
    """A module's name for headings: the lesson title where the catalogue has one."""
    title = REPORT.get(f"module-{module}")
    return plain(module) if title is None else plain(f"{module} · ") + title


def check_label(result: CheckResult, lang: str = "en") -> tuple[str, str]:
    """``("make_variable", "returns a tf.Variable")`` from ``module.make_variable: returns a tf.Variable``.

    In Korean, the check's Korean title when it has one.
    """
    head, _, what = result.name.partition(":")
    if lang == "ko" and result.title_ko:
        what = result.title_ko
    return head.split(".", 1)[-1], what.strip()


def data_description(artifacts: dict) -> Text | None:
    """Which data the accuracy run used: the source's description, else its name."""
    described = artifacts.get("data_description")
    name = artifacts.get("data_source")
    if isinstance(described, dict) and described.get("ko") and described.get("en"):
        text = Text.from_dict(described)
        return plain(f"{name} · ") + text if name else text
    return plain(str(name)) if name else None


def plain_value(value) -> Text | None:
    """A language-neutral artifact (``"GPU"``, a name) as text; ``None`` when absent."""
    return None if value is None or value == "" else plain(str(value))


def accuracy_text(artifacts: dict) -> Text | None:
    accuracy = artifacts.get("accuracy")
    if not isinstance(accuracy, (int, float)):
        return None
    threshold = artifacts.get("threshold")
    if isinstance(threshold, (int, float)):
        text = REPORT["run-accuracy-value"].format(accuracy=accuracy, threshold=threshold)
    else:
        text = plain(f"{accuracy:.1%}")
    return text + REPORT["run-stand-in-compile"] if artifacts.get("stand_in_compile") is True else text


def seconds_text(artifacts: dict) -> Text | None:
    seconds = artifacts.get("train_seconds")
    if not isinstance(seconds, (int, float)):
        return None
    return REPORT["run-seconds"].format(seconds=seconds)


@dataclass(frozen=True)
class LayerRow:
    """One layer of a model summary (``None`` where that model has no such row)."""

    layer: str
    output_shape: str
    params: int


@dataclass(frozen=True)
class ModelRow:
    """The student's layer beside the reference model's (the course's, ``reference_summary``), with which columns differ."""

    yours: LayerRow | None
    reference: LayerRow | None
    differs: frozenset[str]
    """Names of the differing columns: ``layer``, ``output_shape``, ``params``."""


def _layers(rows) -> list[LayerRow] | None:
    if not isinstance(rows, list):
        return None
    layers = []
    for row in rows:
        if not isinstance(row, dict):
            continue
        try:
            params = int(row.get("params", 0))
        except (TypeError, ValueError):
            params = 0
        layers.append(LayerRow(str(row.get("layer", "?")), str(row.get("output_shape", "")), params))
    return layers


def model_rows(artifacts: dict) -> list[ModelRow] | None:
    """The two summaries paired row by row; ``None`` when the student's summary is missing."""
    yours = _layers(artifacts.get("model_summary"))
    if yours is None:
        return None
    reference = _layers(artifacts.get("reference_summary"))
    if reference is None:
        return [ModelRow(row, None, frozenset()) for row in yours]
    rows = []
    for i in range(max(len(yours), len(reference))):
        mine = yours[i] if i < len(yours) else None
        ref = reference[i] if i < len(reference) else None
        if mine is None or ref is None:
            differs = frozenset({"layer", "output_shape", "params"})
        else:
            differs = frozenset(k for k in ("layer", "output_shape", "params")
                                if getattr(mine, k) != getattr(ref, k))
        rows.append(ModelRow(mine, ref, differs))
    return rows


def total_params(rows: list[ModelRow], side: str) -> int | None:
    layers = [getattr(r, side) for r in rows if getattr(r, side) is not None]
    return sum(layer.params for layer in layers) if layers else None
