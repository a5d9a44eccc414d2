"""Generate ``exercises/`` from ``solutions/``: the solutions are the one source of truth.

For each course module, ``solutions/<module>.py`` gives

* ``exercises/<module>.py``: the stub (:func:`grader.content.stubs.make_stub`);
* ``exercises/notebooks/<module>.ipynb``: the stub as a notebook (a folder of its own,
  so that ``grade check --path exercises/notebooks`` grades the notebooks, never a mix)
  (:func:`grader.content.notebooks.module_to_notebook`).

Run ``python -m grader.content.build [ROOT]`` after editing a solution, and
``python -m grader.content.build --check [ROOT]`` (or the kit's tests) to see
whether the committed exercises are in step.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from grader.catalog.errors import ERRORS
from grader.content.notebooks import module_to_notebook
from grader.content.stubs import make_stub
from grader.engine.intake import modules_in
from grader.errors import KitError

SOLUTIONS_DIR = "solutions"
EXERCISES_DIR = "exercises"
NOTEBOOKS_DIR = "notebooks"


def read_solution(root: Path, module: str) -> str:
    """The reference solution of ``module`` (``solutions/<module>.py``) as text."""
    path = root / SOLUTIONS_DIR / f"{module}.py"
    try:
        return path.read_bytes().decode("utf-8")
    except OSError as error:
        raise KitError(ERRORS["solution-unreadable"].format(path=path, detail=error.strerror or error)) from error
    except UnicodeDecodeError as error:
        raise KitError(ERRORS["solution-not-utf8"].format(path=path)) from error


def notebook_text(nb: nbformat.NotebookNode) -> str:
    """The exact text :func:`nbformat.write` puts in a file (with its final newline)."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def generated_modules(root: Path) -> tuple[str, ...]:
    """Every module whose stub and notebook are generated from its solution: the parts ``course.toml``
    declares, or in a bare folder of solutions, every module there."""
    from grader import config

    root = Path(root)
    if (root / config.CONFIG_NAME).is_file():
        return config.load(root).modules
    found = modules_in(p.name for p in (root / SOLUTIONS_DIR).glob("*.py"))
    if not found:
        raise KitError(ERRORS["no-solutions"].format(folder=root / SOLUTIONS_DIR))
    return found


def _kit_source(root: Path) -> tuple[str, str]:
    """What the notebooks' first cell installs, and where Colab opens them from: ``course.toml``'s
    ``[notebook] kit`` and ``colab``."""
    from grader import config
    from grader.content.lesson import KIT_SOURCE

    if not (Path(root) / config.CONFIG_NAME).is_file():  # a bare folder of solutions: the default
        return KIT_SOURCE, ""
    section = config.load(Path(root)).notebook
    return section.kit, section.colab


def generated_files(root: Path) -> dict[Path, str]:
    """Every generated file's path (relative to ``root``) and the text it must hold."""
    root = Path(root)
    files: dict[Path, str] = {}
    kit, colab = _kit_source(root)
    for module in generated_modules(root):
        stub = make_stub(read_solution(root, module), f"{SOLUTIONS_DIR}/{module}.py")
        files[Path(EXERCISES_DIR, f"{module}.py")] = stub
        files[Path(EXERCISES_DIR, NOTEBOOKS_DIR, f"{module}.ipynb")] = notebook_text(
            module_to_notebook(stub, module, lesson=True, kit=kit, colab=colab)
        )
    return files


def build_exercises(root: Path) -> list[Path]:
    """Write ``exercises/`` under ``root`` from ``root/solutions``; the paths of all generated files.

    Files already in step are left untouched (their modification time too).
    """
    root = Path(root)
    written = []
    for relative, text in generated_files(root).items():
        path = root / relative
        data = text.encode("utf-8")
        if not path.exists() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        written.append(path)
    return written


def check_exercises(root: Path) -> list[str]:
    """The generated files (``"exercises/notebooks/<module>.ipynb"``) that are missing or out of date."""
    root = Path(root)
    stale = []
    for relative, text in generated_files(root).items():
        path = root / relative
        if not path.exists() or path.read_bytes() != text.encode("utf-8"):
            stale.append(relative.as_posix())
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m grader.content.build",
        description="Generate exercises/ (stubs and notebooks) from solutions/.",
    )
    parser.add_argument("root", nargs="?", default=".", type=Path, help="the kit's root folder (default: .)")
    parser.add_argument(
        "--check", action="store_true", help="only report out-of-date files; exit 1 if any"
    )
    args = parser.parse_args(argv)
    try:
        if args.check:
            stale = check_exercises(args.root)
            for name in stale:
                print(f"out of date: {name}")
            if stale:
                print(f"run: python -m grader.content.build {args.root}", file=sys.stderr)
            return 1 if stale else 0
        for path in build_exercises(args.root):
            print(path)
    except KitError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
