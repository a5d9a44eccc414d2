"""exercises/ is generated from solutions/, and the committed copy is in step."""

from __future__ import annotations

import shutil

import pytest
from classroom import ALL_MODULES as MODULES

from grader.content.build import build_exercises, check_exercises, main
from grader.errors import KitError

GENERATED = [f for m in MODULES for f in (f"exercises/{m}.py", f"exercises/notebooks/{m}.ipynb")]


@pytest.fixture
def project(root, tmp_path):
    """A copy of the project's solutions and course.toml (its parts) in an empty root."""
    shutil.copytree(root / "solutions", tmp_path / "solutions")
    shutil.copy(root / "course.toml", tmp_path / "course.toml")
    return tmp_path


def test_committed_exercises_match_solutions(root):
    """Are the committed exercises exactly what build_exercises makes from solutions/?"""
    assert check_exercises(root) == []


def test_build_writes_every_file_and_is_deterministic(project):
    """Does a build write the six files, in step, byte-identical on a second build?"""
    paths = build_exercises(project)
    assert [p.relative_to(project).as_posix() for p in paths] == GENERATED
    first = {p: p.read_bytes() for p in paths}
    assert check_exercises(project) == []
    build_exercises(project)
    assert {p: p.read_bytes() for p in paths} == first


def test_check_names_stale_and_missing_files(project):
    """Does check_exercises list the files a solution edit or a deletion left out of date?"""
    build_exercises(project)
    solution = project / "solutions" / "concepts.py"
    solution.write_text(solution.read_text(encoding="utf-8") + "\nEXTRA = 1\n", encoding="utf-8")
    (project / "exercises" / "notebooks" / "cnn.ipynb").unlink()
    assert check_exercises(project) == [
        "exercises/notebooks/cnn.ipynb", "exercises/concepts.py", "exercises/notebooks/concepts.ipynb"
    ]


def test_missing_solution_is_a_kit_error(project):
    """Is a missing solution file reported as a KitError naming it?"""
    (project / "solutions" / "cnn.py").unlink()
    with pytest.raises(KitError, match=r"solutions/cnn\.py: cannot read the solution"):
        build_exercises(project)


def test_bad_markers_name_the_solution_file(project):
    """Does a broken marker in a solution name solutions/<module>.py and the line?"""
    path = project / "solutions" / "tensors.py"
    path.write_text(path.read_text(encoding="utf-8") + "### BEGIN SOLUTION\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(KitError, match=rf"^solutions/tensors\.py:{line}: ### BEGIN SOLUTION"):
        check_exercises(project)


def test_main_builds_and_checks(project, capsys):
    """Does `python -m grader.content.build [--check] ROOT` build, then report in step (exit 0/1)?"""
    assert main(["--check", str(project)]) == 1
    assert "out of date: exercises/tensors.py" in capsys.readouterr().out
    assert main([str(project)]) == 0
    assert main(["--check", str(project)]) == 0


def test_main_reports_errors_without_traceback(tmp_path, capsys):
    """Does the entry point print `Error: ...` and exit 1 when solutions/ is missing?"""
    assert main([str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith("Error: ")
