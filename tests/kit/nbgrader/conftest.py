"""A real nbgrader course built from a copy of the kit, and students' work made from its released notebooks.

The kit copy is the real one (solutions, every public and hidden check,
course.toml) except that the accuracy run trains on fewer digits for fewer
epochs, against a lower bar (nbcourse.FAST_ACCURACY).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import tomli_w
import tomllib
from nbcourse import ASSIGNMENT, FAST_ACCURACY, ROOT, STUDENTS, VENV_BIN, fill, nbgrader

from grader import config
from grader.nbgrader.build import build_course


@pytest.fixture(scope="package", autouse=True)
def environment(tmp_path_factory):
    """Offline data, a private parse cache, and the venv's tools (nbgrader, alembic, jupyter) on PATH."""
    saved = dict(os.environ)
    os.environ["GRADE_OFFLINE"] = "1"
    os.environ["GRADE_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["PATH"] = os.pathsep.join([str(VENV_BIN), saved.get("PATH", "")])
    os.environ.pop("GRADE_COURSE", None)
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture(scope="package")
def kit(tmp_path_factory) -> Path:
    """A copy of the kit: solutions, every check, course.toml with a shorter accuracy run."""
    root = tmp_path_factory.mktemp("kit")
    shutil.copytree(ROOT / "solutions", root / "solutions")
    shutil.copytree(ROOT / "tests" / "checks", root / "tests" / "checks",
                    ignore=shutil.ignore_patterns("__pycache__"))
    data = tomllib.loads((ROOT / "course.toml").read_text(encoding="utf-8"))
    data.setdefault("accuracy", {}).update(FAST_ACCURACY)
    (root / "course.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    return root


@pytest.fixture(scope="package")
def course(kit) -> config.Course:
    return config.load(kit)


@pytest.fixture(scope="package")
def released(course, tmp_path_factory) -> Path:
    """A course directory after `grade nbgrader build` and `nbgrader generate_assignment`."""
    course_dir = tmp_path_factory.mktemp("released") / "course"
    build_course(course, course_dir)
    nbgrader("generate_assignment", ASSIGNMENT, cwd=course_dir)  # as nbgrader documents it
    return course_dir


@pytest.fixture(scope="package")
def handed_in(released, tmp_path_factory) -> Path:
    """The released course after a round through nbgrader's exchange (in a temporary folder): `nbgrader
    release_assignment`; ``correct`` fetches, fills in and submits (named with `--student`, as the user's
login would name it); `nbgrader collect`; the other
    students' notebooks are copied into submitted/ (the other way nbgrader documents)."""
    base = tmp_path_factory.mktemp("exchange")
    course_dir, exchange, home = base / "course", base / "exchange", base / "home"
    shutil.copytree(released, course_dir)
    exchange.mkdir(mode=0o777)
    home.mkdir()
    where = f"--Exchange.root={exchange}"
    nbgrader("release_assignment", ASSIGNMENT, where, cwd=course_dir)
    course_id = re.search(r'course_id = "(.*)"', (course_dir / "nbgrader_config.py").read_text())[1]
    nbgrader("fetch_assignment", ASSIGNMENT, f"--course={course_id}", where, cwd=home)
    fill(home / ASSIGNMENT, home / ASSIGNMENT, "correct")
    nbgrader("submit", ASSIGNMENT, f"--course={course_id}", "--student=correct", where, cwd=home)
    nbgrader("collect", ASSIGNMENT, where, cwd=course_dir)
    for kind in STUDENTS[1:]:
        fill(course_dir / "release" / ASSIGNMENT, course_dir / "submitted" / kind / ASSIGNMENT, kind)
    return course_dir


@pytest.fixture(scope="package")
def with_submissions(handed_in, tmp_path_factory):
    """Make a fresh copy of the course holding the students' work (nbcourse.STUDENTS)."""

    def make(name: str) -> Path:
        course_dir = tmp_path_factory.mktemp(name) / "course"
        shutil.copytree(handed_in, course_dir)
        return course_dir

    return make
