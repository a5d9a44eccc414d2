"""Turn a reference solution into the student's stub, nbgrader style.

A solution marks the code a student must write with two lines at the body's
indentation::

    def add(a, b):
        \"\"\"Docstring the student keeps.\"\"\"
        ### BEGIN SOLUTION
        return tf.add(a, b)
        ### END SOLUTION

:func:`make_stub` replaces each region, markers included, with a
``YOUR CODE HERE`` comment and a ``raise NotImplementedError`` naming the
function; every other byte of the file is kept. :func:`strip_markers` drops
only the marker lines, giving the clean solution that instructors release.
"""

from __future__ import annotations

import ast
import re

from grader.catalog.content import CONTENT
from grader.catalog.errors import ERRORS
from grader.errors import KitError

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
CODE_HERE = f"# {CONTENT['code-here'].both()}"
"""The comment a stub holds where the solution was (``# 여기에 코드를 작성하세요 / YOUR CODE HERE``)."""
NOT_IMPLEMENTED = "{name}: " + CONTENT["not-implemented"].both()

_MARKER = re.compile(r"(?P<indent>[ \t]*)(?P<marker>### (?:BEGIN|END) SOLUTION)[ \t]*")


def _filename(module: str) -> str:
    return module if module.endswith((".py", ".ipynb")) else f"{module}.py"


def _markers(source: str, filename: str) -> list[tuple[int, int, str]]:
    """Checked (begin_index, end_index, indent) triples, 0-based line indices."""
    regions: list[tuple[int, int, str]] = []
    open_at: tuple[int, str] | None = None
    for index, line in enumerate(source.splitlines(keepends=True)):
        match = _MARKER.fullmatch(line.rstrip("\r\n"))
        if match is None:
            continue
        indent, marker = match["indent"], match["marker"]
        if marker == BEGIN:
            if open_at is not None:
                raise KitError(ERRORS["marker-nested"].format(file=filename, line=index + 1, begin=BEGIN, end=END,
                                                              first=open_at[0] + 1))
            open_at = (index, indent)
        else:
            if open_at is None:
                raise KitError(ERRORS["marker-unopened"].format(file=filename, line=index + 1, begin=BEGIN, end=END))
            if indent != open_at[1]:
                raise KitError(ERRORS["marker-indent"].format(file=filename, line=index + 1, begin=BEGIN, end=END,
                                                              first=open_at[0] + 1))
            regions.append((open_at[0], index, indent))
            open_at = None
    if open_at is not None:
        raise KitError(ERRORS["marker-unclosed"].format(file=filename, line=open_at[0] + 1, begin=BEGIN, end=END))
    return regions


def solution_regions(source: str, filename: str = "<source>") -> list[tuple[int, int]]:
    """The 1-based ``(begin_line, end_line)`` of every solution region, markers included.

    Raises :class:`KitError` naming ``filename`` and the line when markers are
    unbalanced, nested or indented differently.
    """
    return [(begin + 1, end + 1) for begin, end, _ in _markers(source, filename)]


def strip_markers(source: str, filename: str = "<source>") -> str:
    """The solution with the marker lines removed and everything else kept."""
    drop = {line for begin, end, _ in _markers(source, filename) for line in (begin, end)}
    lines = source.splitlines(keepends=True)
    return "".join(line for index, line in enumerate(lines) if index not in drop)


def _functions(source: str, filename: str) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    try:
        tree = ast.parse(source, filename=filename)
    except SyntaxError as error:
        raise KitError(ERRORS["not-python"].format(file=filename, line=error.lineno, detail=error.msg)) from error
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]


def _function_at(functions: list, line: int, fallback: str) -> str:
    """The innermost function whose lines contain ``line`` (1-based)."""
    inside = [f for f in functions if f.lineno <= line <= (f.end_lineno or f.lineno)]
    if not inside:
        return fallback
    return max(inside, key=lambda f: f.lineno).name


def make_stub(source: str, module: str) -> str:
    """The student's copy of ``source``: each solution region becomes a ``NotImplementedError``.

    ``module`` is the module's name (``"layers"``) or file name, used in the
    messages. Everything outside the regions is kept byte for byte.
    """
    filename = _filename(module)
    regions = _markers(source, filename)
    functions = _functions(source, filename)
    fallback = filename.rsplit("/", 1)[-1].removesuffix(".py").removesuffix(".ipynb")
    lines = source.splitlines(keepends=True)
    out: list[str] = []
    position = 0
    for begin, end, indent in regions:
        out.extend(lines[position:begin])
        newline = lines[begin][len(lines[begin].rstrip("\r\n")):] or "\n"
        name = _function_at(functions, begin + 1, fallback)
        message = NOT_IMPLEMENTED.format(name=name)
        out.append(f"{indent}{CODE_HERE}{newline}")
        out.append(f'{indent}raise NotImplementedError("{message}"){newline}')
        position = end + 1
    out.extend(lines[position:])
    return "".join(out)
