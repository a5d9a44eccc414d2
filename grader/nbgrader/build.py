"""``grade nbgrader build``: an nbgrader course directory from the kit's one source of truth.

What it writes, and nothing else::

    COURSE_DIR/nbgrader_config.py
    COURSE_DIR/source/<assignment>/tensors.ipynb, cnn.ipynb, concepts.ipynb
    COURSE_DIR/source/<assignment>/course.toml   (the settings test cells read; no points)
    COURSE_DIR/source/<assignment>/checks/...    (helper modules public checks load by path)

Each notebook is ``solutions/<module>.py`` as a notebook
(:func:`grader.content.notebooks.module_to_notebook`) with nbgrader metadata:
locked instruction and setup cells, one solution cell per function (its
``### BEGIN SOLUTION`` region becomes the stub in ``generate_assignment``),
and one autograded test cell per check (:mod:`grader.nbgrader.testcells`),
worth the check's points in ``course.toml``, placed after the last function it
calls. One check per cell makes nbgrader's all-or-nothing cell score the same
as the kit's per-check score.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import re
from pathlib import Path

import nbformat
import tomli_w
from nbformat import v4

from grader import config
from grader.catalog.errors import ERRORS
from grader.catalog.nbgrader import NBGRADER_CELLS
from grader.checks import runner
from grader.config import Course
from grader.content.build import notebook_text, read_solution
from grader.content.notebooks import module_to_notebook
from grader.content.stubs import CODE_HERE, make_stub
from grader.errors import KitError
from grader.nbgrader import testcells

CONFIG_FILE = "nbgrader_config.py"
SOURCE_DIR = "source"
SETTINGS_FILE = config.CONFIG_NAME
MIN_CELL_TIMEOUT = 900
"""Seconds nbgrader may spend on one cell; the training check needs far more than nbgrader's 30."""
ASSIGNMENT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

NBGRADER_NOTE = f"{NBGRADER_CELLS['note'].ko}\n>\n{NBGRADER_CELLS['note'].en}"
"""The note under each notebook's title: Korean, then English."""

CONFIG_TEMPLATE = '''\
"""nbgrader settings for the {name} course, written by `grade nbgrader build`.

nbgrader reads this file when it runs in this folder. Rewrite it with
`grade nbgrader build COURSE_DIR --force`.
"""

import os
import sys

c = get_config()  # noqa: F821 (nbgrader defines get_config)

# This folder is the course directory, wherever it is moved. Name the assignment on the command
# line, as nbgrader documents: `nbgrader generate_assignment {assignment}`, `nbgrader autograde {assignment}`.
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
# nbgrader runs `alembic`, installed beside it, to create gradebook.db: find it without an activated venv.
_tools = os.path.dirname(sys.executable)
if _tools not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = os.pathsep.join(p for p in (_tools, os.environ.get("PATH", "")) if p)
# Seconds per cell: the accuracy check trains a model (nbgrader's default is 30).
c.ExecutePreprocessor.timeout = {timeout}
# The stub students find in each solution cell, as in the kit's own exercises.
c.ClearSolutions.code_stub = {{"python": {stub}}}
# nbgrader's own feedback pages without the hidden tests' code (nbgrader issues #917, #1363).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
'''


def cell_timeout(course: Course) -> int:
    """nbgrader's per-cell time limit: room for a full training run and a slow kernel start."""
    limits = course.limits
    return max(MIN_CELL_TIMEOUT, int(limits.train_seconds + limits.import_seconds + 4 * limits.call_seconds))


def config_text(course: Course, assignment: str) -> str:
    """The text of ``nbgrader_config.py``."""
    stub = f"{CODE_HERE}\nraise NotImplementedError()"
    return CONFIG_TEMPLATE.format(name=course.course.name, assignment=assignment,
                                  timeout=cell_timeout(course), stub=json.dumps(stub, ensure_ascii=False))


def settings_text(course: Course) -> str:
    """``course.toml`` for the assignment folder: every setting but the points (they live in the cells)."""
    tables = {}
    for key in config.SECTIONS:
        section = getattr(course, key)
        tables[key] = {field.name: getattr(section, field.name) for field in dataclasses.fields(section)}
    if tables["course"]["mnist_path"]:
        tables["course"]["mnist_path"] = str((course.root / Path(tables["course"]["mnist_path"]).expanduser()).resolve())
    return ("# The settings the autograder test cells read, written by `grade nbgrader build`.\n"
            "# Points are in the notebooks' test cells.\n\n" + tomli_w.dumps(tables))


def _nbgrader(grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = False,
              points: float | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return meta


def solution_functions(solution: str, module: str) -> dict[str, str]:
    """Each top-level function of a solution, with its ``### BEGIN/END SOLUTION`` lines.

    A function's text runs from its first decorator to the last line indented
    under it, so the closing marker comment comes along.
    """
    lines = solution.splitlines()
    functions = {}
    for node in ast.parse(solution, filename=f"{module}.py").body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            end = node.end_lineno
            while end < len(lines) and (not lines[end].strip() or lines[end][:1].isspace()):
                end += 1
            functions[node.name] = "\n".join(lines[first - 1:end]).rstrip()
    return functions


def source_notebook(course: Course, module: str, solution: str,
                    checks: list[runner.Check]) -> nbformat.NotebookNode:
    """The nbgrader source notebook for one module: instructions, solutions and one test cell per check.

    The cells are those of the students' notebook (``exercises/notebooks/<module>.ipynb``);
    each function's cell holds its solution, markers included.
    """
    nb = module_to_notebook(make_stub(solution, module), module, lang_note=False)
    nb.cells[0].source += "\n\n" + NBGRADER_NOTE
    solved = solution_functions(solution, module)
    functions: dict[str, int] = {}
    for index, cell in enumerate(nb.cells):
        function = (cell.metadata.get("tf_grade") or {}).get("function")
        if cell.cell_type == "code" and function:
            functions[function] = index
            cell.source = solved[function]
            cell.metadata["nbgrader"] = _nbgrader(cell.id, solution=True)
        else:
            cell.metadata["nbgrader"] = _nbgrader(cell.id, locked=True)
    taken = {cell.id for cell in nb.cells}
    after: dict[int, list] = {}
    for check in checks:
        code = testcells.check_code(check, course.checks_dir)
        called = [c.split(".", 1)[1] for c in code.calls if c.split(".", 1)[0] == module]
        anchors = [functions[f] for f in (check.function, *called) if f in functions]
        points = check.points
        grade_id = testcells.grade_id(check.name, taken)
        cell = v4.new_code_cell(testcells.cell_source(check, points, code), id=grade_id, metadata={
            "deletable": False, "editable": False,
            "nbgrader": _nbgrader(grade_id, grade=True, locked=True, points=points),
            "tf_grade": {"test": True, "check": check.name},
        })
        after.setdefault(max(anchors, default=len(nb.cells) - 1), []).append(cell)
    nb.cells = [c for index, cell in enumerate(nb.cells) for c in (cell, *after.get(index, []))]
    return nb


def course_checks(course: Course) -> list[runner.Check]:
    """The kit's checks an nbgrader course holds: every one but those of the parts scored apart (the
    project), which ``grade`` grades itself (its run needs the grader's held-back digits)."""
    return [c for c in runner.discover(course, "all") if c.module not in course.apart]


def course_modules(course: Course) -> tuple[str, ...]:
    """The modules an nbgrader course has a notebook for: the parts that count toward the 100 points."""
    return tuple(m for m in course.modules if m not in course.apart)


def course_notebooks(course: Course) -> dict[str, nbformat.NotebookNode]:
    """Every module's source notebook, with every check (public and hidden) of the kit."""
    checks = course_checks(course)
    modules = course_modules(course)
    strays = sorted({c.module for c in checks} - set(modules))
    if strays:
        raise KitError(ERRORS["checks-without-notebook"].format(modules=", ".join(strays),
                                                                notebooks=", ".join(modules)))
    return {module: source_notebook(course, module, read_solution(course.root, module),
                                    [c for c in checks if c.module == module]) for module in modules}


def _refuse(course_dir: Path, assignment: str, force: bool) -> None:
    """A new assignment joins a course this command built; rewriting one, or another folder, needs ``force``."""
    if course_dir.exists() and not course_dir.is_dir():
        raise KitError(ERRORS["course-dir-is-file"].format(folder=course_dir))
    if not course_dir.is_dir() or not any(course_dir.iterdir()) or force:
        return
    if (course_dir / SOURCE_DIR / assignment).exists():
        raise KitError(ERRORS["assignment-exists"].format(folder=course_dir / SOURCE_DIR / assignment,
                                                          config=CONFIG_FILE, course=course_dir))
    if not (course_dir / CONFIG_FILE).is_file():
        raise KitError(ERRORS["not-nbgrader-course"].format(course=course_dir, config=CONFIG_FILE, source=SOURCE_DIR,
                                                            assignment=assignment))


def build_course(course: Course, course_dir: Path, assignment: str | None = None,
                 force: bool = False) -> list[Path]:
    """Write an nbgrader course directory for ``assignment`` (default: the course's name); the files written.

    A course may hold several assignments: building another one into a course this
    command wrote adds ``source/<assignment>/``. Refuses (:class:`KitError`) to rewrite an
    existing assignment, or to write into a folder that is not a course, unless ``force``;
    even then it rewrites only its own files and never removes anything.
    """
    assignment = assignment or course.course.name
    if not ASSIGNMENT_NAME.match(assignment):
        raise KitError(ERRORS["assignment-name"].format(name=repr(assignment)))
    course_dir = Path(course_dir)
    _refuse(course_dir, assignment, force)
    files = {Path(CONFIG_FILE): config_text(course, assignment),
             Path(SOURCE_DIR, assignment, SETTINGS_FILE): settings_text(course)}
    for module, nb in course_notebooks(course).items():
        files[Path(SOURCE_DIR, assignment, f"{module}.ipynb")] = notebook_text(nb)
    for helper, relative in testcells.helper_files(course.checks_dir).items():
        files[Path(SOURCE_DIR, assignment) / relative] = helper.read_text(encoding="utf-8")
    written = []
    for relative, text in files.items():
        path = course_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
