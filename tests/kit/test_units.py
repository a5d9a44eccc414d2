"""A second unit, declared as data: ``tests/kit/units/day07`` (one part, ``vectors``: two functions, its own
checks and points, no MNIST) grades end to end through ``grade check``, ``grade submit`` and ``grade batch``
with no engine file knowing it exists. The engine reads the parts a course declares in ``course.toml``."""

from __future__ import annotations

import csv
import json
import shutil
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
    """Do `grade submit` and `grade batch` grade the unit's solutions, a mistake and the untouched stubs with
    the unit's own checks and points (hidden ones in the batch), carrying the mistake's cost once?"""
    code, out = grade("submit", "--path", str(UNIT / "solutions"), "--student", "s1", "--out", str(tmp_path / "s1"))
    assert code == 0, out
    results = json.loads((tmp_path / "s1" / "results.json").read_text(encoding="utf-8"))
    assert {t["name"].split(":")[0] for t in results["tests"]} == {"vectors.dot", "vectors.norm"}
    assert sum(t["score"] for t in results["tests"]) == 90

    batch = tmp_path / "batch"
    shutil.copytree(UNIT / "solutions", batch / "2026001")
    mistake(batch / "2026002")
    shutil.copytree(UNIT / "exercises", batch / "2026003")
    code, out = grade("batch", str(batch), "--out", str(tmp_path / "out"))
    assert code == 0, out
    with (tmp_path / "out" / "grades.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert rows["Points Possible"]["score"] == "100"
    assert [rows[s]["score"] for s in ("2026001", "2026002", "2026003")] == ["100", "70", "0"]
    assert rows["2026002"]["vectors.norm.length (30)"] == "0"
    assert rows["2026002"]["vectors.norm.other_vectors (10)"] == "10"  # the same rule, charged once
    assert rows["2026003"]["status"] == "nothing implemented"
