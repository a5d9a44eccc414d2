"""Helpers for the nbgrader tests: the real nbgrader command line, grades.csv, students' work."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from classroom import MODULES

from grader.content.stubs import strip_markers
from grader.nbgrader.build import solution_functions

ROOT = Path(__file__).resolve().parents[3]
VENV_BIN = Path(sys.executable).parent
ASSIGNMENT = "day06"
FAST_ACCURACY = {"epochs": 2, "train_samples": 600, "threshold_5k": 0.5}
"""The trained class's short accuracy run (tests/kit/batch/classroom.py): 600 digits for 2 epochs, where the
lecture's CNN reaches about 0.79, against a bar of 0.5 (five times chance) that a model which did not learn
(0.1) never meets. What these tests ask is whether nbgrader and the kit give the same verdicts, not 0.9."""
STUDENTS = ("correct", "mixed", "takeover")
"""Who hands in (conftest.handed_in): correct work, :data:`MIXED`, and :data:`KERNEL_TAKEOVER` on untouched work."""


def _command(args: tuple[str, ...]) -> tuple[list[str], dict]:
    """The real nbgrader command line, as an instructor runs it in the course directory: by its path in the
    kit's venv, without the venv activated (its bin folder, where alembic is, is not on PATH)."""
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if Path(p) != VENV_BIN)
    return [str(VENV_BIN / "nbgrader"), *args], {**os.environ, "PATH": path}


def nbgrader(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    """Run nbgrader (see :func:`_command`) and wait for it."""
    command, env = _command(args)
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=1200, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


class Running:
    """nbgrader started in the background (:func:`start_nbgrader`), its output in a log file."""

    def __init__(self, args: tuple[str, ...], cwd: Path, log: Path):
        command, env = _command(args)
        self.args, self.log = args, log
        with log.open("wb") as out:
            self.process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)

    def finish(self, timeout: float = 1200) -> None:
        """Wait for it; an AssertionError with its output when it failed."""
        if self.process.wait(timeout=timeout) != 0:
            raise AssertionError(f"nbgrader {' '.join(self.args)} failed:\n{self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def start_nbgrader(*args: str, cwd: Path, log: Path) -> Running:
    """Start nbgrader (see :func:`_command`) and return at once."""
    return Running(args, cwd, log)


def grades(course_dir: Path) -> dict[str, dict]:
    """``nbgrader export``'s grades.csv, by student."""
    import csv

    nbgrader("export", cwd=course_dir)
    with (course_dir / "grades.csv").open(encoding="utf-8") as fh:
        return {row["student_id"]: row for row in csv.DictReader(fh)}


MIXED = {"tensors": "untouched", "cnn": "mistake", "concepts": "correct"}
"""The ``mixed`` student, notebook by notebook: each notebook is graded on its own, so one student shows
nothing done (0), one typical mistake (partial) and correct work (full) at the cost of one."""


KERNEL_TAKEOVER = ("import grader.nbgrader.kernel as _k\n"
                   "_k.run_check = lambda *args, **kwargs: None\n")
"""The two lines that, in a test cell run in the student's own kernel, made every check pass (issue 21)."""


def fill(released: Path, target: Path, kind: str) -> Path:
    """A student's submission from the released notebooks: ``correct``, ``untouched``, ``mistake`` (correct
    work with one typical error: ``padding="valid"`` in ``first_conv``), ``mixed`` (:data:`MIXED`) or
    ``takeover`` (untouched, with :data:`KERNEL_TAKEOVER` at the top of each notebook's first function cell).
    """
    if Path(released).resolve() != Path(target).resolve():  # else: the notebooks a student fetched, in place
        shutil.copytree(released, target)
    if kind == "takeover":
        for module in MODULES:
            path = target / f"{module}.ipynb"
            nb = nbformat.read(path, as_version=4)
            cell = next(c for c in nb.cells if c.cell_type == "code" and c.metadata.get("tf_grade", {}).get("function"))
            cell.source = KERNEL_TAKEOVER + cell.source
            nbformat.write(nb, path)
        return target
    for module in MODULES:
        done = MIXED[module] if kind == "mixed" else kind
        if done == "untouched":
            continue
        path = target / f"{module}.ipynb"
        solved = solution_functions(strip_markers((ROOT / "solutions" / f"{module}.py").read_text()), module)
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            function = cell.metadata.get("tf_grade", {}).get("function")
            if cell.cell_type == "code" and function and cell.metadata["nbgrader"]["solution"]:
                cell.source = solved[function]
                if done == "mistake" and function == "first_conv":
                    assert 'padding="same"' in cell.source
                    cell.source = cell.source.replace('padding="same"', 'padding="valid"')
        nbformat.write(nb, path)
    return target


class Formgrader:
    """nbgrader's formgrader as an instructor starts it on the course: ``jupyter server`` (nbgrader's server
    extension enabled in the venv, as `pip install nbgrader` leaves it) in the course directory, on
    127.0.0.1 with a token, its own runtime and config folders. ``get`` reads what formgrader's pages read."""

    def __init__(self, course_dir: Path, scratch: Path):
        import secrets
        import socket

        self.token = secrets.token_hex(16)
        with socket.socket() as free:
            free.bind(("127.0.0.1", 0))
            self.port = free.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = scratch / "formgrader.log"
        for name in ("runtime", "config", "home"):
            (scratch / name).mkdir(exist_ok=True)
        _, env = _command(())
        env.update(JUPYTER_RUNTIME_DIR=str(scratch / "runtime"), JUPYTER_CONFIG_DIR=str(scratch / "config"),
                   HOME=str(scratch / "home"))
        args = [str(VENV_BIN / "jupyter-server"), "--ip=127.0.0.1", f"--port={self.port}", "--port-retries=0",
                f"--IdentityProvider.token={self.token}", "--ServerApp.open_browser=False",
                f"--ServerApp.root_dir={course_dir}", *(["--allow-root"] if os.geteuid() == 0 else [])]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(args, cwd=course_dir, env=env, stdout=out, stderr=subprocess.STDOUT)
        self._wait()

    def _wait(self, seconds: float = 120) -> None:
        import time
        import urllib.error

        until = time.monotonic() + seconds
        while True:
            try:
                self.get("/formgrader/api/assignments")
                return
            except (urllib.error.URLError, ConnectionError) as error:
                if self.process.poll() is not None or time.monotonic() > until:
                    self.stop()
                    raise AssertionError(f"formgrader did not start ({error}):\n"
                                         f"{self.log.read_text(errors='replace')}") from None
                time.sleep(0.2)

    def get(self, path: str, raw: bool = False):
        """``path`` from the server, as formgrader's pages ask for it (the token in the header); JSON, or the
        text with ``raw``."""
        import json
        import urllib.request

        request = urllib.request.Request(self.url + path, headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            text = answer.read().decode("utf-8")
        return text if raw else json.loads(text)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
