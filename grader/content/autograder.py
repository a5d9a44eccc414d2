"""The Gradescope autograder: the zip ``grade export gradescope`` builds, and what its ``run_autograder`` runs.

Gradescope's documentation describes the zip: ``setup.sh`` and ``run_autograder`` at its root;
Gradescope unpacks it into ``/autograder/source``, runs ``setup.sh`` once to build the image, then
for each submission puts the student's files into ``/autograder/submission`` (and who handed it in,
and when, into ``/autograder/submission_metadata.json``) and runs ``run_autograder``, which must
leave ``/autograder/results/results.json``.

The zip holds the kit the course is graded with (``kit/``: the ``grader`` package, ``course.toml``,
``pyproject.toml``, the handed-out ``exercises/`` and ``tests/checks`` with the hidden checks; never
``solutions/``) and, when given, a folder of wheels so ``setup.sh`` installs without the network.
``run_autograder`` calls :func:`main`, which grades the submission with every check (hidden ones
too) in the kit's sandbox and writes ``results.json`` (:mod:`grader.report.gradescope`). The
``/autograder`` root can be moved with ``AUTOGRADER_ROOT`` (a test runs the script for real in a
temporary folder) and the Python that runs the kit with ``GRADE_PYTHON``.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import tempfile
import zipfile
from pathlib import Path

from grader.catalog.errors import ERRORS
from grader.catalog.instructor import AUTOGRADER
from grader.config import Course
from grader.errors import KitError

ROOT_ENV = "AUTOGRADER_ROOT"
DEFAULT_ROOT = "/autograder"
ZIP_NAME = "gradescope-autograder.zip"
KIT = ("grader", "tests/checks", "exercises", "course.toml", "pyproject.toml")
"""What of the kit goes into the zip: everything grading reads, and no solution."""
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".ipynb_checkpoints", ".pytest_cache")

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, to build the autograder's image (tf-grade, `grade export gradescope`).
# It installs the kit into a virtual environment at $ROOT/venv: from wheels/ without the network when the
# zip carries them (`grade export gradescope --wheels DIR`, DIR filled by `pip wheel . -w DIR` in the kit
# folder: the kit's wheel and its dependencies'), else kit/ with its dependencies from PyPI (TensorFlow
# and the rest, about 1 GB). bubblewrap, when apt can install it, lets the sandbox show
# the submission only its own folder; without it the kit falls back to unshare and says which limits
# could not apply.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get install -y -q python3-venv bubblewrap >/dev/null 2>&1 \\
        || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q python3-venv bubblewrap >/dev/null 2>&1; } \\
        || echo "python3-venv / bubblewrap could not be installed from apt; going on without them"
fi
python3 -m venv "$ROOT/venv"
if [ -d "$SOURCE/wheels" ]; then
    "$ROOT/venv/bin/python" -m pip install --quiet --no-index --find-links "$SOURCE/wheels" tf-grade
else
    "$ROOT/venv/bin/python" -m pip install --quiet --upgrade pip
    "$ROOT/venv/bin/python" -m pip install --quiet "$SOURCE/kit"
fi
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission (tf-grade, `grade export gradescope`): it grades
# $ROOT/submission with the public and hidden checks of kit/ and writes $ROOT/results/results.json.
# AUTOGRADER_ROOT moves /autograder (to try it on your own machine); GRADE_PYTHON picks the Python.
set -uo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
export AUTOGRADER_ROOT="$ROOT"
export GRADE_KIT="$ROOT/source/kit"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-3}"
PYTHON="${GRADE_PYTHON:-$ROOT/venv/bin/python}"
mkdir -p "$ROOT/results"
cd "$GRADE_KIT"  # python -m finds the kit's own grader package first
exec "$PYTHON" -m grader.content.autograder
"""


def build_autograder(course: Course, target: Path | None = None, wheels: Path | None = None) -> Path:
    """Write the autograder zip (default: ``gradescope-autograder.zip`` in the current folder); its path."""
    root = course.root
    target = Path(target) if target else Path.cwd() / ZIP_NAME
    if wheels is not None and not any(Path(wheels).glob("*.whl")):
        raise KitError(ERRORS["wheels-empty"].format(folder=wheels))
    missing = [name for name in KIT if not (root / name).exists()]
    if missing:
        raise KitError(ERRORS["autograder-kit-incomplete"].format(folder=root, files=", ".join(missing)))
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tf-grade-autograder-") as tmp:
        stage = Path(tmp)
        for name in KIT:
            source, copy = root / name, stage / "kit" / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, copy, ignore=IGNORED)
            else:
                shutil.copy2(source, copy)
        if wheels is not None:
            shutil.copytree(wheels, stage / "wheels", ignore=shutil.ignore_patterns("*.tmp"))
        partial = target.with_name(target.name + ".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in (("setup.sh", SETUP_SH), ("run_autograder", RUN_AUTOGRADER)):
                info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
                info.external_attr = (stat.S_IFREG | 0o755) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, text)
            for path in sorted(stage.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(stage).as_posix())
        partial.replace(target)
    return target


def submission_folder(submission: Path) -> Path:
    """Where the modules are: the submission folder, its one sub-folder that holds them (an uploaded
    folder), or its one zip (the archive ``grade submit`` wrote)."""
    from grader.engine.intake import modules_in

    def holds(folder: Path) -> bool:
        return bool(modules_in(p.name for p in folder.iterdir() if p.is_file()))

    if holds(submission):
        return submission
    folders = [p for p in sorted(submission.iterdir()) if p.is_dir() and holds(p)] if submission.is_dir() else []
    if len(folders) == 1:
        return folders[0]
    archives = sorted(submission.glob("*.zip")) if submission.is_dir() else []
    if len(archives) == 1 and not folders:
        return archives[0]
    return submission


def who(metadata: Path) -> str | None:
    """The student, from Gradescope's ``submission_metadata.json`` (the instructor's side, never the files)."""
    try:
        users = json.loads(metadata.read_text(encoding="utf-8")).get("users") or []
        first = users[0]
        return str(first.get("sid") or first.get("email") or first.get("id") or "") or None
    except (OSError, ValueError, AttributeError, IndexError, TypeError):
        return None


def run(root: Path) -> Path:
    """Grade ``ROOT/submission`` with every check and write ``ROOT/results/results.json``; its path.

    A submission that cannot be graded (nothing in it, a broken archive) still gets a results file:
    score 0 and a sentence saying why."""
    from grader import config
    from grader.engine import grading
    from grader.report.gradescope import write_results_json

    course = config.load()
    lang = course.language
    results = root / "results" / "results.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    hidden_shown = course.feedback.show_hidden != "never"  # Gradescope holds after_due_date tests itself
    student = who(root / "submission_metadata.json")
    try:
        report = grading.grade(submission_folder(root / "submission"), course, grading.Options(
            scope="all", student=student, hide=[*grading.default_hide(course), str(root / "results")]))
    except KitError as exc:
        return _write_refusal(results, AUTOGRADER["not-graded"].format(why=exc.text), lang)
    return write_results_json(results, report, lang, hidden_shown)


def _write_refusal(path: Path, text, lang: str) -> Path:
    from grader.record.atomic import write_atomic

    data = {"score": 0.0, "output": text.get(lang), "output_format": "text", "stdout_visibility": "hidden",
            "tests": []}
    return write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def main() -> None:
    root = Path(os.environ.get(ROOT_ENV) or DEFAULT_ROOT)
    path = run(root)
    print(path, file=sys.stderr)


if __name__ == "__main__":
    main()
