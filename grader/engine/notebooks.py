"""A student's notebook read back as plain Python: what grading imports from a ``.ipynb``.

:func:`notebook_to_source` joins the code cells in order, without nbgrader's autograder test cells or
the kit's lesson cells (install, try, check: :data:`LESSON_MARKERS`), with IPython magics commented
out; :func:`cell_line` places a line of that text back in its cell. Building notebooks from the
exercises is :mod:`grader.content.notebooks`.
"""

from __future__ import annotations

import ast
import json
import re
import warnings
from os import PathLike
from pathlib import Path

import nbformat

from grader.catalog.errors import ERRORS
from grader.errors import KitError
from grader.messages import Text

LESSON_MARKERS = {"setup": "# tf-grade: setup", "try": "# tf-grade: try", "check": "# tf-grade: check"}
"""The first line of each lesson cell: what :func:`notebook_to_source` skips."""

_HELP = re.compile(r"^\?{0,2}[A-Za-z_][\w.]*\?{0,2}$")


def is_lesson_source(source: str) -> bool:
    """Whether a code cell is a lesson cell (install, try or check), by its marker line."""
    first = source.lstrip().split("\n", 1)[0].strip()
    return first in LESSON_MARKERS.values()



def strip_blank_lines(text: str) -> str:
    """``text`` without leading or trailing whitespace-only lines, and no final newline."""
    lines = text.splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def _comment_magics(code: str) -> str:
    """``code`` with IPython magics (``%``, ``!``, ``?`` lines) turned into comments.

    A cell that is already valid Python is returned untouched, so a line of
    a docstring that happens to end in ``?`` is never changed.
    """
    try:
        ast.parse(code)
        return code
    except SyntaxError:
        pass
    out = []
    for line in code.splitlines(keepends=True):
        stripped = line.lstrip()
        body = stripped.rstrip("\r\n")
        if stripped.startswith(("%", "!")) or ("?" in body and _HELP.match(body.rstrip())):
            indent = line[: len(line) - len(stripped)]
            line = f"{indent}# {stripped}"
        out.append(line)
    return "".join(out)


def _is_test_cell(cell: dict) -> bool:
    """An autograder test cell or a lesson cell (install, try, check): never part of the graded code."""
    metadata = cell.get("metadata") or {}
    source = cell.get("source", "")
    if is_lesson_source("".join(source) if isinstance(source, list) else str(source)):
        return True
    if (metadata.get("tf_grade") or {}).get("lesson"):
        return True
    nbgrader = metadata.get("nbgrader") or {}
    if nbgrader.get("grade") is True and nbgrader.get("solution") is False:
        return True
    return (metadata.get("tf_grade") or {}).get("test") is True


class NotebookError(KitError):
    """A file that is not a readable notebook; ``reason`` says why (both languages), for a student's notice."""

    def __init__(self, name: str, reason: Text):
        super().__init__(ERRORS["notebook-invalid"].format(file=name, reason=reason))
        self.reason = reason


def parse_notebook(text: str, name: str = "<notebook>") -> nbformat.NotebookNode:
    """A notebook's JSON text as a :class:`nbformat.NotebookNode`, any version, not yet converted or
    validated. Raises :class:`NotebookError`.

    nbformat's own ``reads`` would also rebuild it in its version's shape, which refuses a student's
    notebook for parts grading never reads (a missing top-level ``metadata``) with its own wording;
    :func:`notebook_to_source` upgrades it with ``nbformat.convert`` and checks only what it needs."""
    try:
        data = nbformat.reader.parse_json(text)
    except nbformat.reader.NotJSONError as error:
        cause = error.__cause__
        where = ERRORS["notebook-json-where"].format(line=cause.lineno, column=cause.colno, message=cause.msg) \
            if isinstance(cause, json.JSONDecodeError) else ""
        raise NotebookError(name, ERRORS["notebook-json"].format(where=where)) from None
    if not isinstance(data, dict):
        raise NotebookError(name, ERRORS["notebook-version"])
    return nbformat.from_dict(data)


def _load(nb_or_path: nbformat.NotebookNode | dict | str | PathLike) -> tuple[dict, str]:
    """The notebook as a dict, and the name to use in error messages."""
    if isinstance(nb_or_path, dict):
        return nb_or_path, "<notebook>"
    path = Path(nb_or_path)
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise KitError(ERRORS["notebook-unreadable"].format(file=name, detail=error.strerror or error)) from error
    except UnicodeDecodeError as error:
        raise NotebookError(name, ERRORS["notebook-not-utf8"].format(detail=error.reason)) from error
    return parse_notebook(text, name), name


def _as_v4(data: dict, name: str) -> dict:
    if not isinstance(data, dict) or not isinstance(data.get("nbformat"), int):
        raise NotebookError(name, ERRORS["notebook-version"])
    if data["nbformat"] < 4:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                data = nbformat.convert(nbformat.from_dict(data), 4)
        except Exception as error:  # nbformat raises many kinds for old, broken files
            raise NotebookError(name, ERRORS["notebook-old"].format(detail=error)) from error
    cells = data.get("cells")
    if not isinstance(cells, list):
        raise NotebookError(name, ERRORS["notebook-cells"])
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or "cell_type" not in cell:
            raise NotebookError(name, ERRORS["notebook-cell-type"].format(number=number))
        source = cell.get("source", "")
        if not isinstance(source, str) and not (
            isinstance(source, list) and all(isinstance(part, str) for part in source)
        ):
            raise NotebookError(name, ERRORS["notebook-cell-source"].format(number=number))
    return data


def notebook_to_source(nb_or_path: nbformat.NotebookNode | dict | str | PathLike) -> str:
    """Plain Python from a notebook: its code cells in order, ready to import.

    Skips nbgrader's autograder test cells (``grade: true, solution: false``)
    and cells marked ``{"tf_grade": {"test": true}}``; turns ``%magic``,
    ``!shell`` and ``name?`` lines into comments. Raises :class:`KitError`
    (``"<file>: not a valid notebook: ..."``) for anything that is not a
    readable notebook.
    """
    parts = [text for _, _, text in _code_parts(nb_or_path)]
    return CELL_GAP.join(parts) + "\n" if parts else ""


CELL_GAP = "\n\n\n"
"""What :func:`notebook_to_source` puts between two cells' code: two blank lines."""


def _code_parts(nb_or_path) -> list[tuple[int, int, str]]:
    """Each graded code cell as ``(its number among all the cells, from 1; the blank lines cut from its
    top; its code)``, in order: what :func:`notebook_to_source` joins."""
    data, name = _load(nb_or_path)
    data = _as_v4(data, name)
    parts = []
    for number, cell in enumerate(data["cells"], start=1):
        if cell["cell_type"] != "code" or _is_test_cell(cell):
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(source)
        commented = _comment_magics(source)
        text = strip_blank_lines(commented)
        if text:
            lines = commented.splitlines()
            lead = next(i for i, line in enumerate(lines) if line.strip())
            parts.append((number, lead, text))
    return parts


def cell_line(nb_or_path, line: int) -> tuple[int, int] | None:
    """Where line ``line`` (from 1) of :func:`notebook_to_source`'s text is in the notebook: ``(the
    cell's number among all its cells, the line within that cell)``, both from 1; ``None`` for a
    blank line between two cells or past the end."""
    first = 1
    for number, lead, text in _code_parts(nb_or_path):
        count = len(text.splitlines())
        if first <= line < first + count:
            return number, line - first + 1 + lead
        first += count + CELL_GAP.count("\n") - 1
    return None
