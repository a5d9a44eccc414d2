"""Test cells in a notebook's own kernel: the engine's verdicts, whatever the student's code prints."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbcourse import ASSIGNMENT, ROOT, VENV_BIN, fill

from grader import config
from grader.checks import runner
from grader.content.stubs import strip_markers
from grader.engine import grading
from grader.nbgrader.kernel import LocalSubmission, NotebookCheckFailed, run_check
from grader.record.results import PASSED
from grader.sandbox.host.submission import CallError

NOISY_MAKE_VARIABLE = '''\
def make_variable(value, dtype=tf.int32):
    import os, sys, warnings
    warnings.warn("a warning from the student's code", UserWarning)
    print("a line on sys.stderr", file=sys.stderr)
    os.write(2, b"a line straight to file descriptor 2\\n")
    tf.get_logger().warning("a TensorFlow log line")
    return tf.Variable(value, dtype=dtype)'''

WRONG_ADD = '''\
def add(a, b):
    return tf.subtract(a, b)'''


def namespace(source: str) -> dict:
    """A module's functions as a notebook kernel holds them: plain globals."""
    names: dict = {"__name__": "__main__"}
    exec(compile(source, "<notebook cell>", "exec"), names)
    return names


def tensors_checks(course):
    return [c for c in runner.discover(course, "all") if c.module == "tensors"]


def verdicts_in_process(course, source: str, tmp_path: Path) -> dict[str, str]:
    names = namespace(source)
    result = {}
    for check in tensors_checks(course):
        home = tmp_path / check.function / str(len(result))
        home.mkdir(parents=True)
        sub = LocalSubmission({"tensors": names}, course, home)
        try:
            result[check.name] = runner.run_check(check, sub.context)[0]
        finally:
            sub.close()
    return result


def test_same_verdicts_as_the_sandbox(course, tmp_path):
    """Does every tensors check, run in-process on notebook globals, agree with the isolated engine?"""
    source = strip_markers((ROOT / "solutions" / "tensors.py").read_text())
    wrong = source.replace("return tf.Variable(value, dtype=dtype)", "return tf.constant(value, dtype=dtype)")
    wrong = wrong.replace("return tf.matmul(a, b)", "return a * b")
    assert wrong.count("tf.constant(value, dtype=dtype)") == 2 and "return a * b" in wrong
    for text in (source, wrong):
        folder = tmp_path / f"submission-{len(text)}"
        folder.mkdir()
        (folder / "tensors.py").write_text(text)
        # check by check, as nbgrader runs them: no scoring pass, so no error carried forward
        no_carry = dataclasses.replace(course, scoring=config.ScoringSection(carry_forward=False))
        engine = grading.grade(folder, no_carry, grading.Options(scope="all", selection=("tensors",)))
        expected = {r.name: r.status for r in engine.results}
        assert verdicts_in_process(course, text, tmp_path / folder.name) == expected
    assert PASSED in expected.values() and set(expected.values()) != {PASSED}


def test_run_check_passes_quietly_and_fails_bilingually(course, capfd, monkeypatch, tmp_path):
    """Does run_check print one line for a pass, and raise the Korean and English feedback for a failure?"""
    monkeypatch.chdir(tmp_path)  # no course.toml here: the defaults
    check = next(c for c in tensors_checks(course) if not c.hidden)
    solved = namespace(strip_markers((ROOT / "solutions" / "tensors.py").read_text()))
    assert run_check(lambda: check.func, solved) is None
    out, err = capfd.readouterr()
    assert out == f"✓ {check.name}: 통과 / passed\n" and err == ""
    stub = namespace((ROOT / "exercises" / "tensors.py").read_text())
    with pytest.raises(NotebookCheckFailed) as failed:
        run_check(lambda: check.func, stub)
    message = str(failed.value)
    assert message.startswith(f"검사 실패 / Check failed: {check.name}")
    assert "아직 구현되지 않았습니다" in message and "is not implemented yet" in message
    assert capfd.readouterr() == ("", "")


def test_a_call_past_its_time_limit(course, tmp_path):
    """Does a call that hangs stop at its limit as a timeout, leaving later calls working?"""
    names = namespace("import tensorflow as tf\n"
                      "def is_eager():\n    while True:\n        pass\n"
                      "def add(a, b):\n    raise ValueError('no')\n"
                      "def zeros(rows, cols):\n    return tf.zeros((rows, cols))\n")
    sub = LocalSubmission({"tensors": names}, course, tmp_path)
    try:
        with pytest.raises(CallError) as hung:
            sub.call("tensors.is_eager", timeout=0.5)
        assert hung.value.kind == "timeout"
        with pytest.raises(CallError) as raised:
            sub.call("tensors.add", 1, 2)
        assert raised.value.kind == "exception" and raised.value.error_type == "ValueError"
        assert raised.value.where == {"file": "tensors.ipynb", "line": 6, "code": ""}
        assert sub.call("tensors.zeros", 2, 3).shape == (2, 3)
    finally:
        sub.close()


@pytest.mark.slow
def test_noisy_correct_work_keeps_its_points_in_a_real_kernel(released, tmp_path):
    """Where test cells do run in a notebook's kernel (an instructor running the source notebook), does correct
    work that writes to stderr keep full marks, and wrong work fail?"""
    folder = fill(released / "source" / ASSIGNMENT, tmp_path / ASSIGNMENT, "correct")
    path = folder / "tensors.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        function = cell.metadata.get("tf_grade", {}).get("function")
        if cell.cell_type == "code" and function == "make_variable":
            cell.source = NOISY_MAKE_VARIABLE
        elif cell.cell_type == "code" and function == "add":
            cell.source = WRONG_ADD
    nbformat.write(nb, path)
    subprocess.run([str(VENV_BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.allow_errors=True", "--ExecutePreprocessor.timeout=600",
                    "--output", "executed.ipynb", "tensors.ipynb"],
                   cwd=folder, check=True, capture_output=True, timeout=900)
    from nbgrader.utils import determine_grade

    executed = nbformat.read(folder / "executed.ipynb", as_version=4)
    tests = [c for c in executed.cells if c.metadata.get("tf_grade", {}).get("test")]
    assert tests
    for cell in tests:
        name = cell.metadata["tf_grade"]["check"]
        score, points = determine_grade(cell)
        if name.startswith("tensors.add:"):
            assert score == 0
            error = next(o for o in cell.outputs if o.output_type == "error")
            assert error.ename == "NotebookCheckFailed"
            assert "검사 실패 / Check failed: tensors.add" in error.evalue
        else:
            assert score == points, json.dumps(cell.outputs, ensure_ascii=False)[:2000]
            assert not [o for o in cell.outputs if o.get("name") == "stderr"]
            if name.startswith("tensors.make_variable:") and "run_check(" in cell.source:
                assert cell.outputs[0].text == f"✓ {name}: 통과 / passed\n"
    shutil.rmtree(folder)
