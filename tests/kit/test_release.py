"""`grade release`: what students get, and that nothing of the solutions or hidden checks leaks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from grader import config
from grader.checks import runner
from grader.content import release
from grader.content.stubs import solution_regions
from grader.errors import KitError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    out = tmp_path_factory.mktemp("rel") / "kit"
    release.build_release(config.load(ROOT), out)
    return out


def test_contents(kit):
    """Does the kit hold the exercises, notebooks, public checks, grader and course.toml, and no more?"""
    for name in ("exercises/tensors.py", "exercises/notebooks/cnn.ipynb", "tests/checks/public/test_cnn.py",
                 "grader/cli/__init__.py", "course.toml", "pyproject.toml", "README.md"):
        assert (kit / name).is_file(), name
    assert not (kit / "solutions").exists()
    assert not (kit / "tests" / "checks" / "hidden").exists()
    assert not (kit / "tests" / "kit").exists()


def test_no_solution_body_anywhere(kit):
    """Is no line of any solution body in any released file (notebooks included)?"""
    bodies = []
    for module in ("tensors", "cnn", "concepts", "project"):
        source = (ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8")
        rows = source.splitlines()
        for start, end in solution_regions(source):
            bodies += [r.strip() for r in rows[start:end - 1]
                       if len(r.strip()) > 20 and not r.strip().startswith("#")]
    assert bodies
    for path in kit.rglob("*"):
        if path.is_file() and path.suffix in (".py", ".ipynb") and "grader" not in path.relative_to(kit).parts:
            text = path.read_text(encoding="utf-8")
            leaked = [b for b in bodies if b in text]
            public = (ROOT / "tests" / "checks").rglob("*.py")
            shown = "\n".join(p.read_text(encoding="utf-8") for p in public if "hidden" not in p.parts)
            assert [b for b in leaked if b not in shown] == [], path


def test_no_hidden_check_code(kit):
    """Does no released file contain a hidden check's function?"""
    hidden = (ROOT / "tests" / "checks" / "hidden").glob("test_*.py")
    names = [line.split("(")[0][4:] for p in hidden for line in p.read_text(encoding="utf-8").splitlines()
             if line.startswith("def test_")]
    assert names
    for path in kit.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not [n for n in names if f"def {n}(" in text], path


def test_released_kit_grades_its_exercises(kit):
    """Does `grade check` run inside the released kit, with the kit's own grader code?"""
    result = subprocess.run([sys.executable, "-m", "grader", "check", "concepts", "--lang", "en"], cwd=kit,
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "GRADE_OFFLINE": "1", "GRADE_COURSE": ""})
    assert result.returncode == 0, result.stderr
    assert "not implemented yet" in result.stdout
    checks = runner.discover(config.load(ROOT), "all")
    mine = [c for c in checks if c.module == "concepts" and not c.hidden]
    public = sum(c.points for c in mine)
    hidden = sum(c.points for c in checks if c.hidden and c.module != "project")
    assert f"public checks 0 of {public:g} · hidden checks ({hidden:g} points) run at grading" in result.stdout
    assert f"This run: the {len(mine)} public checks of concepts ({public:g} points)." in result.stdout


def test_refuses_existing_folder(kit):
    """Does release refuse to overwrite a folder without --force?"""
    with pytest.raises(KitError, match="already exists"):
        release.build_release(config.load(ROOT), kit)


def test_leak_is_caught(kit, tmp_path):
    """Would a solution body copied into a released exercise be caught?"""
    course = config.load(ROOT)
    secret = sorted(release.secret_lines(course))[0]
    target = kit / "exercises" / "concepts.py"
    original = target.read_text(encoding="utf-8")
    target.write_text(original + "\n" + secret + "\n", encoding="utf-8")
    try:
        assert any("exercises/concepts.py" in item for item in release.leaks(course, kit))
    finally:
        target.write_text(original, encoding="utf-8")


def test_the_course_secret_stays_home(tmp_path):
    """Does the student kit carry no course secret (no .grade folder, the secret in no file), so a student
    grading at home draws held-back digits of their own, and would a copied secret be caught as a leak?"""
    from grader.engine import holdout

    course = config.load(ROOT)
    secret = holdout.course_secret(course)  # made on first use, as the instructor's first grading does
    out = release.build_release(course, tmp_path / "kit")
    assert not (out / ".grade").exists()
    assert not [p for p in out.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]
    assert holdout.course_secret(config.load(out)) != secret
    (out / "exercises" / "notes.txt").write_text(secret, encoding="utf-8")
    assert any("exercises/notes.txt holds the course's secret" in item for item in release.leaks(course, out))
