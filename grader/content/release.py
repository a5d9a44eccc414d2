"""``grade release``: the kit students get, with nothing of the solutions or hidden checks.

What goes in: ``exercises/`` (``.py`` and ``.ipynb``), ``tests/checks/public``,
the ``grader`` package, ``course.toml``, ``pyproject.toml`` and the student
README. After copying, :func:`leaks` scans every file for solution bodies and
hidden checks; a leak stops the release.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from grader.catalog.errors import ERRORS
from grader.config import Course
from grader.content.stubs import solution_regions
from grader.errors import KitError

COPIED = ("exercises", "tests/checks/public", "tests/checks/_lecture.py", "grader", "course.toml",
          "pyproject.toml")
STUDENT_README = "docs/README.student.md"
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".ipynb_checkpoints")
MIN_LEAK_LINE = 12


def build_release(course: Course, out: Path, force: bool = False) -> Path:
    """Copy the student kit into ``out`` and prove nothing secret came along."""
    root = course.root
    out = Path(out).resolve()
    if out == root or root in out.parents and out.parts[len(root.parts)] in ("solutions", "grader", "tests"):
        raise KitError(ERRORS["release-inside-kit"].format(folder=out))
    if out.exists():
        if not force:
            raise KitError(ERRORS["release-exists"].format(folder=out))
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in COPIED:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, out / name, ignore=IGNORED)
        elif source.is_file():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, out / name)
    readme = root / STUDENT_README
    (out / "README.md").write_text(readme.read_text(encoding="utf-8") if readme.is_file() else "", encoding="utf-8")
    found = leaks(course, out)
    if found:
        shutil.rmtree(out)
        raise KitError(ERRORS["release-secrets"].format(found="; ".join(found[:5])))
    return out


def _course_secret_if_made(course: Course) -> str:
    """The course's secret (:func:`grader.engine.project.course_secret`) when its folder holds one; never made here."""
    from grader.engine.project import secret_path

    try:
        return secret_path(course.root).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def secret_lines(course: Course) -> set[str]:
    """Distinctive lines of every solution body and every hidden check."""
    lines: set[str] = set()
    for module in course.modules:
        source = (course.root / "solutions" / f"{module}.py").read_text(encoding="utf-8")
        rows = source.splitlines()
        for start, end in solution_regions(source):
            lines.update(r.strip() for r in rows[start:end - 1] if len(r.strip()) >= MIN_LEAK_LINE)
    hidden = course.checks_dir / "hidden"
    for path in hidden.glob("*.py") if hidden.is_dir() else []:
        for row in path.read_text(encoding="utf-8").splitlines():
            if len(row.strip()) >= MIN_LEAK_LINE and not row.strip().startswith(("import ", "from ", "#", '"""')):
                lines.add(row.strip())
    shown = public_checks_text(course)
    return {line for line in lines if line not in shown}


def public_checks_text(course: Course) -> str:
    """The released checks and their shared helpers: what they already show (a hint naming
    ``model.compile(``, the loader every check file has) is no secret."""
    files = sorted([*course.checks_dir.glob("*.py"), *(course.checks_dir / "public").glob("*.py")])
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def leaks(course: Course, out: Path) -> list[str]:
    """Files in ``out`` holding a solution body line, a hidden check line (or a hidden check file) or the
    course's secret."""
    secrets = secret_lines(course)
    found = []
    keyed = _course_secret_if_made(course)
    for path in sorted(Path(out).rglob("*")):
        if not path.is_file() or path.suffix not in (".py", ".ipynb", ".md", ".toml", ".txt", ".json"):
            continue
        rel = path.relative_to(out)
        if "hidden" in rel.parts or "solutions" in rel.parts:
            found.append(f"{rel} should not be released")
            continue
        if keyed and keyed in path.read_text(encoding="utf-8", errors="replace"):
            found.append(f"{rel} holds the course's secret")
            continue
        if rel.parts[0] == "grader":  # the grading engine's own code: written here, never generated
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for line in secrets:
            if line in text:
                found.append(f"{rel} contains \"{line[:60]}\"")
                break
    return found
