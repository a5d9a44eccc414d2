"""One graded check as the source of one nbgrader autograder test cell.

The cell holds the check's own code: its function, plus the imports, helpers
and constants of its file that it uses (found by name, transitively), in file
order. They are wrapped in one function so that nothing the check defines
lands among the student's names, and the cell ends with one call to
:func:`grader.nbgrader.kernel.run_check`. Every check's code, public or hidden,
sits between nbgrader's ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS``
lines, so ``nbgrader generate_assignment`` leaves students only the cell's
header (what is checked, for how many points) and needs to release nothing
beside the notebooks. The course's ``nbgrader autograde`` never runs this code
(:mod:`grader.nbgrader.preprocessors` grades in the sandbox); it is the check
itself, for an instructor who runs a source notebook, and for a course that
puts nbgrader's ``Execute`` back (grades that trust the student).
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from grader.catalog.errors import ERRORS
from grader.catalog.nbgrader import NBGRADER_CELLS
from grader.checks.runner import Check
from grader.errors import KitError

BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
WRAPPER = "_tf_grade_check"
HELPERS_DIR = "checks"
"""Where earlier versions put the helper files checks load by their path beside the notebooks; a test
cell now names its check file in the kit (``__file__``), and nothing goes beside the notebooks."""
MAX_ID = 60
"""Longest grade id; nbformat allows cell ids of at most 64 characters."""

_CALLED = re.compile(r"^([A-Za-z_]\w*)\.([A-Za-z_]\w*)$")


@dataclass(frozen=True)
class CheckCode:
    """The code one check needs, as it stands in its file."""

    function: str
    """The check function's name (``test_make_variable_kind``)."""
    code: str
    """Its imports, helpers and constants, then the function itself, in file order."""
    calls: tuple[str, ...]
    """The ``module.function`` names the code asks the submission for (``sub.call("module.function")``)."""
    file: str | None = None
    """The check's file in the kit, when the code reads ``__file__`` to find a helper next to it."""


def _binds(node: ast.stmt) -> set[str]:
    """The names a top-level statement defines."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {alias.asname or alias.name.split(".")[0] for alias in node.names if alias.name != "*"}
    names = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
            names.add(sub.id)
        elif isinstance(sub, (ast.Import, ast.ImportFrom)):
            names |= _binds(sub)
    return names


def _uses(node: ast.AST) -> set[str]:
    return {sub.id for sub in ast.walk(node) if isinstance(sub, ast.Name)}


def _called(node: ast.AST) -> set[str]:
    """String constants shaped like ``module.function``: what ``sub.call`` is asked for."""
    return {sub.value for sub in ast.walk(node)
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and _CALLED.match(sub.value)}


def check_code(check: Check, checks_dir: Path) -> CheckCode:
    """The source a test cell needs to run ``check`` (from a file under ``checks_dir``) on its own."""
    func = inspect.unwrap(check.func)
    path = Path(inspect.getsourcefile(func) or "")
    try:
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source, filename=str(path))
    except (OSError, SyntaxError, ValueError) as error:
        raise KitError(ERRORS["check-source"].format(check=check.name, path=path, detail=error)) from None
    statements = [node for node in tree.body
                  if not (isinstance(node, ast.ImportFrom) and node.module == "__future__")]
    target = next((node for node in statements if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                   and node.name == func.__name__), None)
    if target is None:
        raise KitError(ERRORS["check-not-top-level"].format(check=check.name, path=path))
    needed = {id(target): target}
    todo = [target]
    while todo:
        wanted = _uses(todo.pop())
        for node in statements:
            if id(node) not in needed and _binds(node) & wanted:
                needed[id(node)] = node
                todo.append(node)
    lines = source.splitlines()
    parts: list[str] = []
    previous = None
    for node in sorted(needed.values(), key=lambda n: n.lineno):
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        imports = (ast.Import, ast.ImportFrom)
        gap = "\n" if isinstance(node, imports) and isinstance(previous, imports) else "\n\n"
        parts.append((gap if parts else "") + "\n".join(lines[first - 1:node.end_lineno]))
        previous = node
    calls = set().union(*(_called(node) for node in needed.values()))
    file = None
    if any("__file__" in _uses(node) for node in needed.values()):
        file = str(path.resolve())
        parts.insert(0, f"__file__ = {file!r}  # this check's file in the kit\n\n")
    return CheckCode(func.__name__, "".join(parts), tuple(sorted(calls)), file)


def grade_id(name: str, taken: set[str]) -> str:
    """A cell id and nbgrader grade id for check ``name``, unique among ``taken`` (which it joins)."""
    base = re.sub(r"[^a-z0-9_]+", "-", name.lower()).strip("-")[:MAX_ID].strip("-") or "check"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[:MAX_ID - len(suffix)] + suffix
    taken.add(candidate)
    return candidate


def header(check: Check, points: float) -> list[str]:
    """The comment lines every student sees at the top of the cell."""
    first = NBGRADER_CELLS["check-hidden" if check.hidden else "check-public"].format(points=points)
    return [f"# {first.both()}", f"# {check.name}"]


def cell_source(check: Check, points: float, code: CheckCode, kit: Path) -> str:
    """The whole test cell for ``check``, its code hidden; ``kit`` is the kit's folder (its ``course.toml``)."""
    body = (f"def {WRAPPER}():\n"
            f"{textwrap.indent(code.code, '    ')}\n\n"
            f"    return {code.function}\n\n\n"
            f"from grader.nbgrader.kernel import run_check\n\n"
            f"run_check({WRAPPER}, globals(){', hidden=True' if check.hidden else ''}, kit={str(kit)!r})")
    return "\n".join([*header(check, points), BEGIN_HIDDEN, body, END_HIDDEN])


def strip_hidden(source: str) -> str:
    """What students get of a test cell: the hidden region removed, as nbgrader's ClearHiddenTests does."""
    kept, hidden = [], False
    for line in source.split("\n"):
        if BEGIN_HIDDEN.split("### ", 1)[1] in line:
            hidden = True
        elif END_HIDDEN.split("### ", 1)[1] in line:
            hidden = False
        elif not hidden:
            kept.append(line)
    return "\n".join(kept)
