"""``OUT_DIR/class-report.html``: where the class stands and where it struggled, one self-contained page.

Read from the same rows as ``grades.csv`` (adjustments applied): the mean and
median as the terminal prints them (one definition, :func:`grader.report.figures.class_figures`,
who is counted said beside them), the score histogram, each module's average, every check sorted
by pass rate with its most common failure and each failure's own root cause (the function whose
call failed when it came from another one, else the check itself), counted over the students whose
work ran (status ``graded``), the students who need attention and why, and the late and missing
students. Every time is in the course's time zone (its due time's offset), every number says its
unit, every status is in the reader's language. In Korean or English; everything inline (an SVG
histogram, no scripts, nothing fetched); it reads at desktop and phone width (tables scroll
sideways inside their own box, names never break between syllables).
"""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import jinja2

from grader.catalog.batch import STATUS
from grader.catalog.instructor import CLASS_REPORT
from grader.classbook.lateness import course_zone, local_time, zone_name
from grader.record.atomic import write_atomic
from grader.record.status import Status
from grader.report.csv import GradeRow
from grader.report.figures import class_figures, points

REPORT_FILE = "class-report.html"
TEMPLATES = Path(__file__).with_name("templates")
LOW_SHARE = 0.5
"""A graded student below this share of the maximum needs attention."""

ATTENTION = tuple(s for s in Status if s.needs_attention)


def class_view(rows: list[GradeRow], lang: str, check_order: list[str], course_name: str = "",
               due: str = "") -> dict:
    """Everything the page shows, as plain values in ``lang``; times in the zone of ``due`` (the course's)."""
    graded = [r for r in rows if r.report is not None and r.status != Status.NO_SUBMISSION]
    everyone = [r for r in rows if r.report is not None]
    top = max((r.report.max_score for r in everyone), default=0.0)
    scores = [r.report.score for r in graded]
    keys = list(dict.fromkeys([*check_order, *(c.key for r in graded for c in r.report.results)]))
    present = {c.key for r in graded for c in r.report.results}
    figures = class_figures([(r.status, r.report.score if r.report is not None else None) for r in rows], top)
    zone = course_zone(due)
    late_points = {r.student: -sum(a.points for a in r.report.adjustments if a.kind == "late") for r in graded}
    return {
        "course": course_name,
        "summary": CLASS_REPORT["summary"].get(lang).format(students=len(rows), submitted=len(graded)),
        "figures": figures.text().get(lang) if figures.text() else "",
        "histogram": _histogram(scores, top),
        "modules": _modules(graded, lang),
        "checks": _checks([r for r in graded if r.status == Status.GRADED], [k for k in keys if k in present],
                          lang),
        "attention": _attention(everyone, top, lang),
        "late": [{"student": r.student, "name": r.name, "days": _unit("days-value", r.late, lang),
                  "submitted": local_time(r.submitted_at, zone),
                  "penalty": _unit("points-value", points(late_points[r.student]), lang)}
                 for r in graded if r.late],
        "missing": [{"student": r.student, "name": r.name} for r in rows if r.status == Status.NO_SUBMISSION],
        "due": local_time(due, zone),
        "zone": zone_name(zone),
        "generated": local_time(datetime.now(timezone.utc), zone),
    }


SIMILARITY_PAGE = "similarity.html"
"""The page ``grade similarity`` writes beside this one, which this one links to."""


def render_class_report(rows: list[GradeRow], lang: str, check_order: list[str], course_name: str = "",
                        similarity: str = SIMILARITY_PAGE, due: str = "") -> str:
    view = class_view(rows, lang, check_order, course_name, due)
    words = {key: text.get(lang) for key, text in CLASS_REPORT.items()}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("class_report.html.j2").render(lang=lang, w=words, similarity=similarity, **view)


def write_class_report(out_dir: Path, rows: list[GradeRow], lang: str, check_order: list[str],
                       course_name: str = "", similarity: str = SIMILARITY_PAGE, due: str = "") -> Path:
    """Write ``OUT_DIR/class-report.html`` and return its path."""
    text = render_class_report(rows, lang, check_order, course_name, similarity, due)
    return write_atomic(Path(out_dir) / REPORT_FILE, text)


def _histogram(scores: list[float], top: float, bins: int = 10) -> list[dict]:
    """Ten bins of the maximum (the last one includes full marks), each with its count and bar height."""
    counts = [0] * bins
    for score in scores:
        index = min(bins - 1, int(bins * score / top)) if top else 0
        counts[index] += 1
    most = max(counts, default=0) or 1
    width = top / bins if top else 0
    return [{"label": f"{_num(i * width)}–{_num((i + 1) * width)}", "count": count,
             "height": round(100 * count / most)} for i, count in enumerate(counts)]


def _modules(graded: list[GradeRow], lang: str) -> list[dict]:
    found = list(dict.fromkeys(c.module for r in graded for c in r.report.results))  # the course's order
    rows = []
    for module in found:
        earned = [sum(c.score for c in r.report.results if c.module == module) for r in graded]
        top = max(sum(c.max_score for c in r.report.results if c.module == module) for r in graded)
        mean = statistics.fmean(earned) if earned else 0.0
        rows.append({"module": module, "mean": CLASS_REPORT["of-points"].get(lang).format(
                         value=points(mean), top=points(top)),
                     "percent": round(100 * mean / top) if top else 0})
    return rows


def _checks(graded: list[GradeRow], keys: list[str], lang: str) -> list[dict]:
    order = {key: i for i, key in enumerate(keys)}
    rows = []
    for key in keys:
        results = [(r, c) for r in graded for c in r.report.results if c.key == key]
        if not results:
            continue
        name = results[0][1].name
        failed = [(r, c) for r, c in results if not c.passed]
        failures = Counter(c.feedback.summary.get(lang) for _, c in failed if c.feedback is not None)
        common, times = failures.most_common(1)[0] if failures else ("", 0)
        roots = Counter(root_of(c) for _, c in failed)
        title = next((c.title_ko for _, c in results if c.title_ko), "") if lang == "ko" else ""
        rows.append({
            "id": key, "name": name.split(":", 1)[0] + (f": {title}" if title else
                                                                         f":{name.split(':', 1)[1]}"),
            "hidden": results[0][1].hidden,
            "passed": CLASS_REPORT["of-students"].get(lang).format(passed=len(results) - len(failed),
                                                                   total=len(results)),
            "percent": round(100 * (len(results) - len(failed)) / len(results)),
            "failure": common,
            "failure_count": CLASS_REPORT["students-value"].get(lang).format(value=times) if times else "",
            "causes": [{"root": CLASS_REPORT["root-self"].get(lang) if root == _function(name) else root,
                        "code": root != _function(name),
                        "count": CLASS_REPORT["of-students"].get(lang).format(passed=count, total=len(failed))}
                       for root, count in sorted(roots.items(), key=lambda item: (-item[1], item[0]))],
            "order": order[key],
        })
    return sorted(rows, key=lambda row: (row["percent"], row["order"]))


def root_of(result) -> str:
    """One failure's own root: the function whose call failed when the failure came from another
    function (the feedback's ``cause``), the roots it was carried from, else the check's own function."""
    if result.carried_from:
        return ", ".join(result.carried_from)
    cause = result.feedback.cause if result.feedback is not None else None
    function = cause.get("function") if isinstance(cause, dict) else None
    if isinstance(function, str) and function:
        qualified = function if "." in function else f"{result.module}.{function}"
        return qualified
    return _function(result.name)


def _function(name: str) -> str:
    return name.split(":", 1)[0]


def _attention(rows: list[GradeRow], top: float, lang: str) -> list[dict]:
    needing = []
    for row in rows:
        report = row.report
        reasons = []
        status = STATUS[row.status].get(lang) if row.status in STATUS else row.status
        if row.status in ATTENTION:
            reasons.append(status)
        elif top and report.score < LOW_SHARE * top:
            reasons.append(CLASS_REPORT["low-score"].get(lang))
        reasons += [text.get(lang) for text in row.look]
        if not reasons:
            continue
        reasons += [n.summary.get(lang) for n in report.notices[:3]]
        needing.append({"student": row.student, "name": row.name, "status": status,
                        "score": _unit("points-value", points(report.score), lang),
                        "why": list(dict.fromkeys(reasons))})
    return needing


def _num(value: float) -> str:
    return points(value)


def _unit(key: str, value, lang: str) -> str:
    return CLASS_REPORT[key].get(lang).format(value=value)
