"""What a Dask worker checks and sets up before grading, without starting one: the rules it receives and
the kit it refuses."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from grader import __version__
from grader.batch import kit_hash, rules_for
from grader.batch.worker import Job, course_here, engine_hash, refusal, worker_facts
from grader.engine.intake import collect


def test_the_rules_travel_and_rebuild_the_same_course(course):
    """Do the rules, pickled as Dask sends them, rebuild a course whose checks and settings hash the same
    (no shared file system: the worker writes the checks it was sent)?"""
    rules = pickle.loads(pickle.dumps(rules_for(course, include_slow=False)))
    here = course_here(rules)
    assert here.root != course.root
    assert (here.checks_dir / "public").is_dir() and (here.checks_dir / "hidden").is_dir()
    assert kit_hash(here, include_slow=False) == kit_hash(course, include_slow=False)
    assert course_here(rules).root == here.root  # written once per rules hash


def test_a_worker_with_another_kit_is_refused(course):
    """Is a worker refused, with a line naming both versions, when its kit version or grader code differs?"""
    rules = rules_for(course, include_slow=False)
    assert refusal(worker_facts(), rules) is None
    older = refusal({**worker_facts(), "kit_version": "0.0.1"}, rules)
    assert older and "0.0.1" in older and __version__ in older and "same version" in older
    edited = refusal({**worker_facts(), "engine": "0" * 24}, rules)
    assert edited and engine_hash() in edited and "grader code" in edited


def test_a_submission_travels_as_bytes(tmp_path):
    """Does a job carry the submission's files as bytes (nothing read from the client's disk later)?"""
    folder = tmp_path / "kim"
    folder.mkdir()
    (folder / "tensors.py").write_text("x = 1\n", encoding="utf-8")
    job = pickle.loads(pickle.dumps(Job("kim", collect(folder))))
    folder.joinpath("tensors.py").unlink()
    assert job.intake.files == {"tensors.py": b"x = 1\n"} and job.intake.sources["tensors"] == "x = 1\n"


@pytest.mark.slow
def test_a_worker_grown_past_its_budget_is_replaced_between_students(course, tmp_path):
    """Does a worker that grew past ``[batch] replace_worker_mb`` make way for a fresh one before its next
    student, with every student graded exactly once and the summary saying so? (Each worker leaks 1.5 GB
    at its first student: one worker, two students, one replacement.)"""
    from classroom import solution_source

    from grader.batch import run_batch

    budget = 1800  # a fresh worker holds well under it (TensorFlow imported), a leaky one 1.5 GB more
    strict = dataclasses.replace(course, batch=dataclasses.replace(course.batch, replace_worker_mb=budget))
    students = ["aaa", "bbb"]
    for student in students:
        (tmp_path / "batch" / student).mkdir(parents=True)
        (tmp_path / "batch" / student / "tensors.py").write_text(solution_source("tensors"), encoding="utf-8")
    summary = run_batch(strict, tmp_path / "batch", tmp_path / "out", workers=1, progress=False,
                        include_slow=False, lang="en", _before_grade="batch_hooks:leak_once_per_worker")
    assert sorted(summary.graded) == students
    tensors_points = sum(points for name, points in course.points.items() if name.startswith("tensors."))
    assert {r.score for r in summary.students.values()} == {tensors_points}  # every tensors check passed, once
    assert len(summary.replaced) == 1 and "replaced before this student" in summary.replaced[0]
    assert any("workers replaced between students" in line for line in summary.lines("en"))
    rows = (tmp_path / "out" / "grades.csv").read_text(encoding="utf-8-sig").splitlines()
    assert sorted(row.split(",")[0] for row in rows[1:] if row.split(",")[0] in students) == students
