"""``grade release``: the kit students get, with nothing of the solutions or hidden checks.

What goes in: ``exercises/`` (``.py`` and ``.ipynb``), ``tests/checks/public``,
the ``grader`` package, ``course.toml``, ``pyproject.toml`` and the student
README. After copying, :func:`leaks` scans every file for solution bodies and
hidden checks; a leak stops the release. Last, :func:`build_wheel` writes the kit's own wheel
(``dist/tf_grade-<version>-py3-none-any.whl``, the released ``grader`` package and its data) with
nothing but the standard library, so a notebook's first cell (or ``pip install``) installs the kit
from that explicit path with no build backend and no index.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import sys
import zipfile
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
    build_wheel(out, out / WHEEL_DIR)
    return out


def _course_secret_if_made(course: Course) -> str:
    """The course's secret (:func:`grader.engine.holdout.course_secret`) when its folder holds one; never made here."""
    from grader.engine.holdout import secret_path

    try:
        return secret_path(course.root).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""


WHEEL_DIR = "dist"
"""Where in the released kit its wheel is."""


def wheel_path(kit: Path) -> Path | None:
    """The wheel :func:`build_release` put in ``kit``, if any."""
    return next(iter(sorted((Path(kit) / WHEEL_DIR).glob("tf_grade-*.whl"))), None)


def _project_table(root: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))


def build_wheel(root: Path, out: Path) -> Path:
    """A pure-Python wheel of ``root``'s ``grader`` package (with its templates and data files) and
    ``root/pyproject.toml``'s metadata, written by hand: no setuptools, no network."""
    table = _project_table(root)
    project = table["project"]
    name, version = project["name"], project["version"]
    dist = f"{re.sub(r'[-_.]+', '_', name)}-{version}"
    info = f"{dist}.dist-info"
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
             f"Summary: {project.get('description', '')}"]
    if project.get("requires-python"):
        lines.append(f"Requires-Python: {project['requires-python']}")
    lines += [f"Requires-Dist: {requirement}" for requirement in project.get("dependencies", [])]
    for extra, requirements in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        for requirement in requirements:
            requirement, _, marker = requirement.partition(";")
            condition = f"({marker.strip()}) and extra == \"{extra}\"" if marker.strip() else f"extra == \"{extra}\""
            lines.append(f"Requires-Dist: {requirement.strip()}; {condition}")
    scripts = project.get("scripts", {})
    files: dict[str, bytes] = {}
    for path in sorted((root / "grader").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    files[f"{info}/METADATA"] = ("\n".join(lines) + "\n").encode()
    files[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: tf-grade release\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    if scripts:
        entries = "".join(f"{script} = {target}\n" for script, target in scripts.items())
        files[f"{info}/entry_points.txt"] = f"[console_scripts]\n{entries}".encode()
    files[f"{info}/top_level.txt"] = b"grader\n"

    def digest(data: bytes) -> str:
        return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()

    record = "".join(f"{path},{digest(data)},{len(data)}\n" for path, data in files.items()) + f"{info}/RECORD,,\n"
    files[f"{info}/RECORD"] = record.encode()
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as wheel:
        for path, data in files.items():
            entry = zipfile.ZipInfo(path, date_time=(2020, 1, 1, 0, 0, 0))  # the same bytes every build
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            wheel.writestr(entry, data)
    return target


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
