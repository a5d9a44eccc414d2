"""``grade nbgrader build``: an nbgrader course directory from the kit's one source of truth.

What it writes, and nothing else::

    COURSE_DIR/nbgrader_config.py
    COURSE_DIR/source/<assignment>/<module>.ipynb, one per part of course.toml that counts

``nbgrader_config.py`` names the course (``course_id``, for the exchange), the kit
it was built from, and nbgrader's ``Autograde`` preprocessors with the kit's own
(:mod:`grader.nbgrader.preprocessors`): ``nbgrader autograde`` grades in the
sandbox and never runs test cells in a student's kernel. The assignment folder
holds the notebooks only, so ``generate_assignment`` releases nothing else.

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
import json
import re
import shutil
from pathlib import Path

import nbformat
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
from grader.nbgrader.gradebook import CONFIG_FILE

SOURCE_DIR = "source"
SETTINGS_FILE = config.CONFIG_NAME
FORMER_FILES = (SETTINGS_FILE, testcells.HELPERS_DIR)
"""What earlier versions of this command put beside the notebooks (for in-kernel test cells); ``--force``
removes them, so the release holds the notebooks only."""
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
# The course's name in nbgrader's exchange (`nbgrader release_assignment`, `fetch_assignment`, `collect`).
c.CourseDirectory.course_id = {course_id}
# The gradebook: nbgrader's default, gradebook.db here. Set c.CourseDirectory.db_url to keep it elsewhere;
# `grade nbgrader autograde` reads and writes the same one.

# `nbgrader autograde` grades with the kit's sandboxed engine: each student's notebooks are graded together
# (each part in its own isolated process, error carried forward), and each test cell gets the kit's
# verdict as its output. Nothing runs in the student's kernel, so a student's code cannot change a grade.
# Put nbgrader's `Execute` back here only if you accept grades that trust the student (docs/nbgrader.md).
c.Autograde.sanitize_preprocessors = {sanitize}
c.Autograde.autograde_preprocessors = {autograde}
# The kit this course was built from: its course.toml, solutions' checks and hidden checks.
c.SandboxGrades.kit = {kit}
# nbgrader runs `alembic`, installed beside it, to create gradebook.db: find it without an activated venv.
_tools = os.path.dirname(sys.executable)
if _tools not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = os.pathsep.join(p for p in (_tools, os.environ.get("PATH", "")) if p)
# Seconds per cell: the accuracy check trains a model (nbgrader's default is 30).
c.ExecutePreprocessor.timeout = {timeout}
# The stub students find in each solution cell, as in the kit's own exercises.
c.ClearSolutions.code_stub = {{"python": {stub}}}
# `nbgrader export` as nbgrader's own, except that a submission the grader could not grade has no score
# (blank) instead of 0 (docs/nbgrader.md, "When the grader itself fails").
c.ExportApp.plugin_class = "grader.nbgrader.export.NotGradedBlank"
# nbgrader's own feedback pages without the hidden tests' code (nbgrader issues #917, #1363).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
'''


SANITIZE = (
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "grader.nbgrader.preprocessors.RestoreHiddenTests",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
)
"""``Autograde.sanitize_preprocessors``: nbgrader's, with :class:`RestoreHiddenTests` before ``OverwriteCells``."""
AUTOGRADE = (
    "grader.nbgrader.preprocessors.SandboxGrades",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "grader.nbgrader.preprocessors.SandboxComments",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
)
"""``Autograde.autograde_preprocessors``: nbgrader's, with :class:`SandboxGrades` in ``Execute``'s place."""


def cell_timeout(course: Course) -> int:
    """nbgrader's per-cell time limit: room for a full training run and a slow kernel start."""
    limits = course.limits
    return max(MIN_CELL_TIMEOUT, int(limits.train_seconds + limits.import_seconds + 4 * limits.call_seconds))


def config_text(course: Course, assignment: str) -> str:
    """The text of ``nbgrader_config.py``."""
    stub = f"{CODE_HERE}\nraise NotImplementedError()"

    def listed(names: tuple[str, ...]) -> str:
        return "[\n" + "".join(f"    {json.dumps(name)},\n" for name in names) + "]"

    return CONFIG_TEMPLATE.format(name=course.course.name, assignment=assignment,
                                  course_id=json.dumps(course.course.name), sanitize=listed(SANITIZE),
                                  autograde=listed(AUTOGRADE), kit=repr(str(course.root.resolve())),
                                  timeout=cell_timeout(course), stub=json.dumps(stub, ensure_ascii=False))


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
        cell = v4.new_code_cell(testcells.cell_source(check, points, code, course.root.resolve()), id=grade_id, metadata={
            "deletable": False, "editable": False,
            "nbgrader": _nbgrader(grade_id, grade=True, locked=True, points=points),
            "tf_grade": {"test": True, "check": check.name},
        })
        after.setdefault(max(anchors, default=len(nb.cells) - 1), []).append(cell)
    nb.cells = [c for index, cell in enumerate(nb.cells) for c in (cell, *after.get(index, []))]
    return nb


def course_checks(course: Course) -> list[runner.Check]:
    """The kit's checks an nbgrader course holds: every one but those of the parts scored apart
    (``[[parts]] counts = false``), which ``grade`` grades itself (a holdout run needs the grader's held-back
    digits)."""
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
    even then it rewrites only its own files, and removes nothing but what earlier versions of it
    wrote beside the notebooks (:data:`FORMER_FILES`).
    """
    assignment = assignment or course.course.name
    if not ASSIGNMENT_NAME.match(assignment):
        raise KitError(ERRORS["assignment-name"].format(name=repr(assignment)))
    course_dir = Path(course_dir)
    _refuse(course_dir, assignment, force)
    files = {Path(CONFIG_FILE): config_text(course, assignment)}
    for module, nb in course_notebooks(course).items():
        files[Path(SOURCE_DIR, assignment, f"{module}.ipynb")] = notebook_text(nb)
    for name in FORMER_FILES:  # this command's own files of old: the release ships the notebooks only
        former = course_dir / SOURCE_DIR / assignment / name
        if former.is_dir() and not former.is_symlink():
            shutil.rmtree(former)
        elif former.exists() or former.is_symlink():
            former.unlink()
    written = []
    for relative, text in files.items():
        path = course_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
