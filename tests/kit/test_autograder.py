"""`grade export gradescope`: the autograder zip Gradescope's documentation describes, run for real.

The zip is built by the command, unpacked as Gradescope unpacks it (``/autograder/source``, moved to a
temporary folder with ``AUTOGRADER_ROOT``), and its own ``run_autograder`` grades the lecture's
solutions with the hidden checks; the ``results.json`` it leaves is validated against the JSON Schema
of Gradescope's specification (tests/kit/report/gradescope_results.schema.json).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from grader.content.autograder import KIT, submission_folder, who
from grader.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SHORT_RUN = "\n[accuracy]\ntrain_samples = 1000\nepochs = 2\nthreshold_5k = 0.75\n"
"""The accuracy run shortened as the batch tests shorten it (tests/kit/batch/classroom.py: the solutions
reach about 0.82): every check still runs for real, the training costs seconds, not a minute."""
SCHEMA = json.loads((ROOT / "tests" / "kit" / "report" / "gradescope_results.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def autograder_zip(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("export") / "autograder.zip"
    result = CliRunner().invoke(cli, ["--kit", str(ROOT), "export", "gradescope", "--out", str(target)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return target


def unpack(archive: Path, root: Path) -> Path:
    """Unpack as Gradescope does (``ROOT/source``), keeping the scripts' executable bits."""
    source = root / "source"
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(source)
        for info in zipped.infolist():
            mode = info.external_attr >> 16
            if mode & stat.S_IXUSR:
                os.chmod(source / info.filename, mode & 0o777)
    return source


def test_zip_holds_what_gradescope_runs_and_no_solution(autograder_zip):
    """Are setup.sh and run_autograder at the zip's root, executable, with the kit and its hidden checks
    beside them, and no solution anywhere?"""
    with zipfile.ZipFile(autograder_zip) as zipped:
        names = zipped.namelist()
        modes = {info.filename: info.external_attr >> 16 for info in zipped.infolist()}
        setup = zipped.read("setup.sh").decode()
    assert modes["setup.sh"] & 0o111 and modes["run_autograder"] & 0o111
    assert "kit/course.toml" in names and "kit/grader/content/autograder.py" in names
    assert any(n.startswith("kit/tests/checks/hidden/") for n in names)
    assert not any("solutions" in n or "__pycache__" in n for n in names)
    assert {n.split("/")[1] for n in names if n.startswith("kit/")} == {Path(k).parts[0] for k in KIT}
    assert '--no-index --find-links "$SOURCE/wheels" tf-grade' in setup and "/autograder" in setup


def test_wheels_folder_must_hold_wheels(tmp_path):
    """Does --wheels refuse a folder with no wheel in it, with a sentence saying what to give?"""
    (tmp_path / "wheels").mkdir()
    result = CliRunner().invoke(cli, ["--kit", str(ROOT), "export", "gradescope", "--out", str(tmp_path / "a.zip"),
                                      "--wheels", str(tmp_path / "wheels"), ])
    assert result.exit_code == 1 and "휠(.whl) 파일이 없습니다" in result.output  # the course speaks Korean
    assert not (tmp_path / "a.zip").exists()


def test_submission_folder_and_student_come_from_gradescope(tmp_path):
    """Are an uploaded sub-folder and a lone archive found, and the student read from Gradescope's
    metadata (never from the files), with nothing when the metadata is broken?"""
    (tmp_path / "up" / "mine").mkdir(parents=True)
    (tmp_path / "up" / "mine" / "tensors.py").write_text("x = 1\n")
    assert submission_folder(tmp_path / "up") == tmp_path / "up" / "mine"
    (tmp_path / "zipped").mkdir()
    (tmp_path / "zipped" / "submission.zip").write_bytes(b"PK")
    assert submission_folder(tmp_path / "zipped") == tmp_path / "zipped" / "submission.zip"
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps({"users": [{"email": "k@school.kr", "id": 55, "name": "김민지", "sid": "2026001"}]}))
    assert who(meta) == "2026001"
    meta.write_text("{not json")
    assert who(meta) is None


def run_autograder(root: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("GRADE_KIT", "GRADE_COURSE")}
    env.update(AUTOGRADER_ROOT=str(root), GRADE_PYTHON=sys.executable, GRADE_OFFLINE="1")
    return subprocess.run([str(root / "source" / "run_autograder")], env=env, capture_output=True, text=True, check=False,
                          timeout=900, cwd=root)


@pytest.mark.slow
def test_run_autograder_grades_the_solutions_into_valid_results(autograder_zip, tmp_path, offline_data):
    """Does the zip's own run_autograder, with /autograder moved to a temporary folder, grade the
    lecture's solutions with the hidden checks to full marks (the accuracy run shortened) and write a
    results.json that validates against Gradescope's specification?"""
    root = tmp_path / "autograder"
    source = unpack(autograder_zip, root)
    toml = (source / "kit" / "course.toml").read_text(encoding="utf-8")
    assert "[accuracy]" not in toml
    (source / "kit" / "course.toml").write_text(toml + SHORT_RUN, encoding="utf-8")
    (root / "submission").mkdir()
    for module in ("tensors", "cnn", "concepts"):
        shutil.copy(ROOT / "solutions" / f"{module}.py", root / "submission")
    (root / "submission_metadata.json").write_text(json.dumps({"users": [{"sid": "2026001", "name": "김민지"}]}))
    done = run_autograder(root)
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["score"] == data["extra_data"]["max_score"] == 100 == sum(t["score"] for t in data["tests"])
    assert any("hidden" in t["tags"] for t in data["tests"]) and all(t["status"] == "passed" for t in data["tests"])


def test_run_autograder_answers_an_empty_submission(autograder_zip, tmp_path):
    """Does an upload with nothing to grade still leave a valid results.json: 0 points and why?"""
    root = tmp_path / "autograder"
    unpack(autograder_zip, root)
    (root / "submission").mkdir()
    (root / "submission" / "notes.txt").write_text("hello")
    done = run_autograder(root)
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["score"] == 0 and "tensors.py" in data["output"]
