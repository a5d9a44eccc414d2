"""A second unit, declared as data: ``tests/kit/units/day07`` (one part, ``vectors``: two functions, its own
checks and points, no MNIST) grades end to end through ``grade check``, ``grade submit`` and ``grade batch``
with no engine file knowing it exists. The engine reads the parts a course declares in ``course.toml``."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.cli import cli

ROOT = Path(__file__).resolve().parents[2]
UNIT = Path(__file__).resolve().parent / "units" / "day07"


def grade(*args: str) -> tuple[int, str]:
    """``grade --kit UNIT ARGS`` in English, through the real command: exit code and everything printed."""
    result = CliRunner().invoke(cli, ["--kit", str(UNIT), *args, "--lang", "en"], prog_name="grade",
                                env={"GRADE_OFFLINE": "1", "GRADE_KIT": None})  # --kit sets GRADE_KIT: put back after
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def mistake(folder: Path) -> Path:
    """The solutions with one mistake: norm forgets the square root."""
    folder.mkdir(parents=True)
    source = (UNIT / "solutions" / "vectors.py").read_text(encoding="utf-8")
    (folder / "vectors.py").write_text(source.replace("math.sqrt(dot(v, v))", "dot(v, v)"), encoding="utf-8")
    return folder


def test_check_reads_the_units_own_parts_and_points():
    """Does `grade check` on the unit's solutions pass its public checks, with the unit's own points?"""
    code, out = grade("check", "--path", str(UNIT / "solutions"))
    assert code == 0, out
    assert "90" in out and "vectors" in out  # 90 public points of the unit's 100
    assert "cnn" not in out and "tensors" not in out


@pytest.mark.slow  # three gradings of a whole (small) course
def test_submit_and_batch_grade_the_unit_end_to_end(tmp_path):
    """Do `grade submit` and `grade batch` grade a mistake (and in the batch the unit's solutions and the untouched
    stubs) with the unit's own checks and points (hidden ones in the batch), carrying the mistake's cost once;
    does the pytest plugin give the mistake the batch's total; and does an override change the batch's total by
    its own points on a resume that grades nobody again?"""
    batch = tmp_path / "batch"
    shutil.copytree(UNIT / "solutions", batch / "2026001")
    mistake(batch / "2026002")
    code, out = grade("submit", "--path", str(batch / "2026002"), "--student", "2026002", "--out", str(tmp_path / "s2"))
    assert code == 0, out
    results = json.loads((tmp_path / "s2" / "results.json").read_text(encoding="utf-8"))
    assert {t["name"].split(":")[0] for t in results["tests"]} == {"vectors.dot", "vectors.norm"}
    assert sum(t["score"] for t in results["tests"]) == results["score"] == 60  # the public 90 less the norm's 30
    shutil.copytree(UNIT / "exercises", batch / "2026003")
    code, out = grade("batch", str(batch), "--out", str(tmp_path / "out"))
    assert code == 0, out
    rows = grades(tmp_path / "out")
    assert rows["Points Possible"]["score"] == "100"
    assert [rows[s]["score"] for s in ("2026001", "2026002", "2026003")] == ["100", "70", "0"]
    assert rows["2026002"]["vectors.norm.length (30)"] == "0"
    assert rows["2026002"]["vectors.norm.other_vectors (10)"] == "10"  # the same rule, charged once
    assert rows["2026003"]["status"] == "nothing implemented"

    # the mistake under plain pytest: the same scoring pass (grader.record.scoring.score) gives the batch's total
    assert plugin_points(batch / "2026002", tmp_path) == (70, 100)  # public and hidden checks, as the batch
    (tmp_path / "out" / "overrides.csv").write_text(
        "student,check,points,reason\n2026002,vectors.norm.length,15,half the credit\n"
        "2026001,total,90,copied the tests\n", encoding="utf-8")
    code, out = grade("batch", str(batch), "--out", str(tmp_path / "out"))  # a resume: the same work, new class facts
    assert code == 0, out
    rows = grades(tmp_path / "out")
    assert [rows[s]["score"] for s in ("2026001", "2026002")] == ["90", "85"]  # 70 + the override's 15
    assert rows["2026002"]["vectors.norm.length (30)"] == "15" and rows["2026002"]["override"] == "15"


def grades(out: Path) -> dict[str, dict[str, str]]:
    with (out / "grades.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


def plugin_points(submission: Path, tmp_path: Path) -> tuple[float, float]:
    """The points line of the unit's checks under plain pytest (the plugin, a real subprocess)."""
    unit = tmp_path / "unit-checks"
    shutil.copytree(UNIT / "tests", unit / "tests")
    shutil.copy(UNIT / "course.toml", unit / "course.toml")
    done = subprocess.run([sys.executable, "-m", "pytest", "tests/checks", "-p", "grader.checks.pytest_plugin",
                           "--submission", str(submission), "--course", str(unit), "-p", "no:cacheprovider", "-q"],
                          check=False, cwd=unit, capture_output=True, text=True, timeout=600,
                          env={**{k: v for k, v in os.environ.items() if k != "GRADE_KIT"}, "GRADE_OFFLINE": "1"})
    found = re.search(r"points: ([\d.]+) / ([\d.]+)", done.stdout)
    assert found, done.stdout + done.stderr
    return float(found.group(1)), float(found.group(2))
