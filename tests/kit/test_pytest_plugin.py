"""``python -m pytest tests/checks --submission DIR`` gives ``grade``'s verdicts (real pytest, real child)."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from grader import config
from grader.checks import runner
from grader.engine import grading

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ("tensors", "cnn", "concepts")


def offline_env(tmp_path: Path) -> dict:
    env = dict(os.environ, GRADE_OFFLINE="1", GRADE_CACHE=str(tmp_path / "cache"),
               KERAS_HOME=str(tmp_path / "keras"))
    for name in ("MNIST_PATH", "GRADE_COURSE"):
        env.pop(name, None)
    return env


def start_pytest(submission: Path, tmp_path: Path, *extra: str) -> subprocess.Popen:
    """Start the checks (accuracy run and project part left out) under pytest; see :func:`pytest_result`."""
    return subprocess.Popen(
        [sys.executable, "-m", "pytest", "tests/checks", "--submission", str(submission), "-m", "not slow",
         "-k", "not test_project", "-p", "no:cacheprovider", "-q", f"--junitxml={tmp_path / f'{submission.name}.xml'}",
         *extra], cwd=ROOT, env=offline_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_pytest(submission: Path, tmp_path: Path, *extra: str) -> tuple[subprocess.CompletedProcess, dict]:
    """Run the checks (accuracy run and project part left out) under pytest; verdicts by check name."""
    return pytest_result(start_pytest(submission, tmp_path, *extra), submission, tmp_path)


def pytest_result(running: subprocess.Popen, submission: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess, dict]:
    """The finished run of :func:`start_pytest` and its verdicts by check name."""
    stdout, stderr = running.communicate(timeout=900)
    done = subprocess.CompletedProcess(running.args, running.returncode, stdout, stderr)
    xml = tmp_path / f"{submission.name}.xml"
    verdicts = {}
    for case in ET.parse(xml).getroot().iter("testcase"):
        props = {p.get("name"): p.get("value") for p in case.iter("property")}
        failed = case.find("failure") is not None or case.find("error") is not None
        verdicts[props["check"]] = "failed" if failed else "passed"
    return done, verdicts


def grade_verdicts(submission: Path, course, monkeypatch, tmp_path: Path) -> dict:
    """``grade``'s results by check name: (the check's own verdict, the points after the scoring pass).
    A check credited as error carried forward failed on its own (its own verdict is "failed")."""
    for key, value in offline_env(tmp_path).items():
        if os.environ.get(key) != value:
            monkeypatch.setenv(key, value)
    monkeypatch.delenv("MNIST_PATH", raising=False)
    monkeypatch.delenv("GRADE_COURSE", raising=False)
    report = grading.grade(submission, course, grading.Options(scope="all", include_slow=False,
                                                               selection=LESSONS))
    return {r.name: ("failed" if r.carried_from else r.status, r.score) for r in report.results}


def mistake(folder: Path) -> Path:
    folder.mkdir()
    for module in LESSONS:
        text = (ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8")
        if module == "tensors":
            text = text.replace("return tf.matmul(a, b)", "return a * b")
        if module == "cnn":
            text = text.replace('padding="same", activation="relu"', 'padding="valid", activation="relu"', 1)
        (folder / f"{module}.py").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_pytest_agrees_with_grade_on_solutions_stubs_and_a_mistake(tmp_path, monkeypatch):
    """Do pytest's verdicts, exit code and points line agree with grade's on the solutions, the untouched
    stubs and a submission with two mistakes? (pytest's verdicts are the checks' own, i.e. grade's with
    error carried forward off; its points line applies the scoring pass, so it equals grade's points.)"""
    course = config.load(ROOT)
    for folder in (ROOT / "solutions", ROOT / "exercises", mistake(tmp_path / "mistake")):
        running = start_pytest(folder, tmp_path)  # pytest grades in its own process while grade does here
        graded = grade_verdicts(folder, course, monkeypatch, tmp_path)
        done, verdicts = pytest_result(running, folder, tmp_path)
        assert verdicts == {n: status for n, (status, _) in graded.items()}, folder.name
        failing = [n for n, (status, _) in graded.items() if status != "passed"]
        assert done.returncode == (1 if failing else 0), done.stdout[-2000:]
        earned = sum(score for _, score in graded.values())
        points = {c.name: c.points for c in runner.discover(course, "all")}
        assert f"points: {earned:g} / {sum(points[n] for n in graded):g}" in done.stdout
    assert "tensors.matmul: multiplies matrices" in failing
    assert "credited as error carried forward" in done.stdout  # the valid padding's consequences
    assert "element-wise" in done.stdout  # the student's feedback, not a traceback


def test_checks_without_a_submission_are_a_usage_error(tmp_path):
    """Does ``pytest tests/checks`` without --submission stop with a line saying what is missing?"""
    done = subprocess.run([sys.executable, "-m", "pytest", "tests/checks", "-p", "no:cacheprovider", "-q"],
                          cwd=ROOT, env=offline_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert done.returncode == 4, done.stdout + done.stderr
    assert "--submission DIR" in done.stdout + done.stderr
