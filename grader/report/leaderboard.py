"""A measured part's leaderboard: Gradescope's ``leaderboard`` field, the standing a student reads after
``grade submit``, and the class page ``OUT_DIR/leaderboard.html`` that a batch writes.

Everything here reads the plain data the checks of a part scored apart left in the report's artifacts
under that part's module name (:func:`run_of`; day06's ``tests/checks/public/test_project.py``): the
accuracy the grader measured on digits the submission never saw, the parameter count from the model's
configuration, the training time the grader clocked, and the course's baseline model's figures from the
same run. Nothing is re-measured.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path

import jinja2

from grader.catalog.project import LEADERBOARD
from grader.messages import Text
from grader.record.atomic import write_atomic
from grader.record.results import Report
from grader.record.student import StudentRecord

TEMPLATES = Path(__file__).with_name("templates")

FILE_NAME = "leaderboard.html"


ACCURACY, PARAMETERS, SECONDS = "Accuracy", "Parameters", "Training seconds"


def run_of(report: Report) -> dict | None:
    """The measured run's plain data: what the checks of a part scored apart (``report.apart``, the course's
    ``[[parts]] counts = false``) left in the artifacts under that part's module name; ``None`` when that
    part was not graded or did not train."""
    artifacts = report.artifacts if isinstance(report.artifacts, dict) else {}
    for module in report.apart:
        run = artifacts.get(module)
        if isinstance(run, dict) and isinstance(run.get("accuracy"), (int, float)):
            return run
    return None


def gradescope_entries(report: Report) -> list[dict] | None:
    """Gradescope's ``leaderboard`` field: ``[{name, value, order}]``; ``None`` without a measured run."""
    run = run_of(report)
    if run is None:
        return None
    return [{"name": ACCURACY, "value": round(float(run["accuracy"]), 4), "order": "desc"},
            {"name": PARAMETERS, "value": int(run.get("params", 0)), "order": "asc"},
            {"name": SECONDS, "value": round(float(run.get("train_seconds", 0.0)), 1), "order": "asc"}]


def standing(report: Report) -> Text | None:
    """One sentence for the student: their model beside the baseline, from the same run."""
    run = run_of(report)
    base = run.get("baseline") if run else None
    if not run or not isinstance(base, dict):
        return None
    return LEADERBOARD["standing"].format(
        accuracy=run["accuracy"], params=int(run.get("params", 0)), seconds=float(run.get("train_seconds", 0)),
        device=run.get("device", "CPU"), base=base["accuracy"], base_params=int(base.get("params", 0)),
        base_seconds=float(base.get("train_seconds", 0)), diff=100 * (run["accuracy"] - base["accuracy"]))


def display_name(student: str, run: dict, names: str, key: bytes) -> str:
    """What the class page calls a student: ``anonymous`` (a stable id that is not the student id, keyed
    by ``key``, the course's secret's: no one without it can tell whose row it is), ``nickname`` (the
    NICKNAME the student set in the measured part's module, else anonymous) or ``student_id``."""
    if names == "student_id" and student:
        return student
    nickname = str(run.get("nickname") or "").strip()
    if names == "nickname" and nickname:
        return nickname
    digest = hmac.new(key, student.encode(), hashlib.sha256).hexdigest()[:6]
    return f"#{digest}"


def names_key(course) -> bytes:
    """The key of the class page's anonymous names (:func:`grader.engine.holdout.keyed`: the course's secret)."""
    from grader.engine import holdout

    return holdout.keyed(course, "leaderboard-names")


@dataclass(frozen=True)
class Row:
    name: str
    accuracy: float
    params: int
    seconds: float
    points: str = ""
    baseline: bool = False


def rows(reports: dict[str, Report], names: str, key: bytes) -> tuple[list[Row], dict | None]:
    """The class's rows, best first (accuracy, then fewer parameters, then less time), the baseline
    model among them; and one run's plain data for the page's header (``None`` when none trained)."""
    found, sample = [], None
    for student, report in sorted(reports.items()):
        run = run_of(report)
        if run is None:
            continue
        sample = sample or run
        found.append(Row(display_name(student, run, names, key), float(run["accuracy"]), int(run.get("params", 0)),
                         float(run.get("train_seconds", 0.0)),
                         f"{report.project_score:g} / {report.project_max_score:g}"
                         if report.project_max_score is not None else ""))
    if sample and isinstance(sample.get("baseline"), dict):
        base = sample["baseline"]
        found.append(Row("", float(base["accuracy"]), int(base.get("params", 0)), float(base.get("train_seconds", 0)),
                         baseline=True))
    found.sort(key=lambda r: (-r.accuracy, r.params, r.seconds, r.baseline))
    return found, sample


def page(reports: dict[str, Report], names: str, key: bytes, lang: str, course_name: str = "") -> str:
    """The class leaderboard as one self-contained HTML page (``templates/leaderboard.html.j2``, autoescaped:
    a nickname is text, never markup)."""
    table, sample = rows(reports, names, key)
    words = {k: text.get(lang) for k, text in LEADERBOARD.items()}
    view: dict = {"lang": lang, "w": words, "course": course_name, "rows": None,
                  "cells": ["rank", "name", "accuracy", "params", "seconds", "points"]}
    if sample is not None:
        view["intro"] = words["intro"].format(held=int(sample.get("held_digits", 0)))
        view["budget"] = words["budget"].format(cap=int(sample.get("param_cap", 0)),
                                                seconds=float(sample.get("budget_seconds", 0)),
                                                device=sample.get("device", "CPU"),
                                                source=sample.get("data_source", "?"))
        view["rows"], rank = [], 0
        for row in table:
            rank += 0 if row.baseline else 1
            view["rows"].append({"baseline": row.baseline, "rank": "" if row.baseline else rank,
                                 "name": words["baseline"] if row.baseline else row.name,
                                 "accuracy": f"{row.accuracy:.4f}", "params": f"{row.params:,}",
                                 "seconds": f"{row.seconds:.1f}", "points": row.points})
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("leaderboard.html.j2").render(**view)


def write_leaderboard(out_dir: Path, reports: dict[str, Report], names: str, key: bytes, lang: str,
                      course_name: str = "") -> Path | None:
    """Write ``OUT_DIR/leaderboard.html`` when any student's measured part was graded; the path, or ``None``."""
    if not any(run_of(r) for r in reports.values()):
        return None
    return write_atomic(Path(out_dir) / FILE_NAME, page(reports, names, key, lang, course_name))


def write_class_page(out_dir: Path, course, records: dict[str, StudentRecord], lang: str) -> Path | None:
    """The batch's call: ``OUT_DIR/leaderboard.html`` from the students' records (a record that could not be
    read back was never one: :func:`grader.batch.outputs.read_record`), named as ``[project] leaderboard_names``
    says."""
    reports = {student: record.report for student, record in records.items()}
    return write_leaderboard(out_dir, reports, course.project.leaderboard_names, names_key(course), lang,
                             course.course.name)
