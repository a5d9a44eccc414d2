"""A released notebook, run for real as a student would: from the released zip, offline, in a fresh venv.

One fresh environment for the module. Installing TensorFlow into it from an index would cost a
minute and the network, so it is a plain ``python -m venv`` (pip from ``ensurepip``, no index)
whose site-packages gets this test run's installed packages as hard links (a copy where the two
folders are on different file systems), *without* tf-grade itself: every dependency is there and
satisfied, and the kit is not, so the notebook's install cell has to install it, from the released
zip's wheel, with ``PIP_NO_INDEX=1`` (pip's ``--no-index``). Hard links, not a ``.pth`` pointing
elsewhere, because the sandbox's child sees only its Python's own prefixes.
The kernel is that venv's Python (nbclient, a kernel spec of its own); the kit's ``grade``
command is the one the wheel installed there.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import nbformat
import pytest

from grader import config
from grader.content import release

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.slow

HELPER = "import math as m\n\n\ndef times(*numbers):\n    return m.prod(numbers)"
"""A cell of the student's own: an import and a helper that conv_params uses."""
CONV = ("def conv_params(kernel_h, kernel_w, in_channels, filters):\n"
        "    return times(kernel_h * kernel_w * in_channels + 1, filters)")
DENSE = "def dense_params(inputs, units):\n    weights = inputs * unit\n    return weights + units"
"""A typo (``unit``) on the cell's second line: a NameError the feedback must place there."""


def _fresh_python_tool():
    spec = importlib.util.spec_from_file_location("tf_grade_fresh_python", ROOT / "tools" / "fresh_python.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    """The released zip, a fresh venv that has never seen the kit, and a kernel spec for it."""
    base = tmp_path_factory.mktemp("student")
    kit = release.build_release(config.load(ROOT), base / "kit")
    work = base / "work"
    work.mkdir()
    with zipfile.ZipFile(work / "tf-grade-kit.zip", "w") as archive:
        for path in sorted(kit.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(kit).as_posix())
    venv = base / "venv"
    _fresh_python_tool().fresh_python(venv)
    spec = base / "jupyter" / "kernels" / "fresh"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(venv / "bin" / "python"), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "fresh", "language": "python"}))
    return {"base": base, "kit": kit, "work": work, "venv": venv}


def _student_notebook(kit: Path) -> nbformat.NotebookNode:
    """The released concepts notebook with two functions written, one using the student's own helper cell
    (with an import), one with a typo; the other functions' check cells left out (they would only repeat)."""
    nb = nbformat.read(kit / "exercises" / "notebooks" / "concepts.ipynb", as_version=4)
    wanted = ("concepts-conv_params-check", "concepts-dense_params-check")
    nb.cells = [c for c in nb.cells if not c.id.endswith("-check") or c.id in wanted]
    by_id = {c.id: c for c in nb.cells}
    by_id["concepts-conv_params"].source = CONV
    by_id["concepts-dense_params"].source = DENSE
    at = nb.cells.index(by_id["concepts-conv_params"])
    nb.cells.insert(at, nbformat.v4.new_code_cell(HELPER, id="my-helper"))
    return nb


def _text(cell) -> str:
    return "\n".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in cell.outputs)


def test_a_released_notebook_installs_offline_and_its_checks_agree_with_grade_check(student, monkeypatch):
    """From the released zip, offline, in a fresh venv: does the first cell install the kit from the zip's
    wheel, a try-it cell run the student's code (their helper and import in a cell of their own), and each
    check cell give the verdict `grade check --path` gives on the same notebook, its lines placed by cell?"""
    from nbclient import NotebookClient

    work = student["work"]
    nb = _student_notebook(student["kit"])
    path = work / "concepts.ipynb"
    nbformat.write(nb, path)
    for name in ("GRADE_COURSE", "GRADE_KIT", "MNIST_PATH", "PYTHONPATH", "VIRTUAL_ENV"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JUPYTER_PATH", str(student["base"] / "jupyter"))
    monkeypatch.setenv("GRADE_OFFLINE", "1")
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # offline: pip may not look anything up on an index
    monkeypatch.setenv("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))  # what Jupyter tells a kernel about its notebook
    NotebookClient(nb, timeout=600, kernel_name="fresh", allow_errors=True, resources={"metadata": {"path": str(work)}}).execute()
    cells = {c.id: c for c in nb.cells}

    installed = subprocess.run([str(student["venv"] / "bin" / "python"), "-m", "pip", "show", "-f", "tf-grade"],
                               capture_output=True, text=True, check=True).stdout
    assert f"Location: {next((student['venv'] / 'lib').glob('python*/site-packages'))}" in installed
    assert "grader/datasets/mnist_5k.csv.gz" in installed  # the 5k digits came with the wheel
    assert [o for o in cells["concepts-install"].outputs if o.get("name") == "stderr"] == []
    assert _text(cells["concepts-conv_params-try"]).strip() == "832"

    in_notebook = {cell_id: _text(cells[cell_id]) for cell_id in ("concepts-conv_params-check",
                                                                  "concepts-dense_params-check")}
    assert "공개 검사 2점 중 2점" in in_notebook["concepts-conv_params-check"]
    failed = in_notebook["concepts-dense_params-check"]
    assert "공개 검사 1점 중 0점" in failed and "NameError" in failed
    assert "0점입니다" not in failed and "tensors.py" not in failed  # only what concerns the selection

    grade = student["venv"] / "bin" / "grade"
    env = {**os.environ, "GRADE_COURSE": str(work / "tf-grade-kit")}
    for cell_id, exercise in (("concepts-conv_params-check", "concepts.conv_params"),
                              ("concepts-dense_params-check", "concepts.dense_params")):
        terminal = subprocess.run([str(grade), "check", exercise, "--path", str(work), "--lang", "ko"],
                                  check=False, capture_output=True, text=True, env=env, cwd=work,
                                  timeout=600)
        said = re.search(r"공개 검사 \d+점 중 \d+점", terminal.stdout)
        assert said and said.group(0) in in_notebook[cell_id], terminal.stdout + terminal.stderr
    # The typo's place: the dense_params cell, counted from the top as grade check counts, second line.
    number = [c.id for c in nb.cells].index("concepts-dense_params") + 1
    place = f"concepts.ipynb {number}번째 셀 2번째 줄"
    assert place in terminal.stdout.replace("\n", " ")
    assert place in _html(cells["concepts-dense_params-check"])


def _html(cell) -> str:
    return "\n".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)
