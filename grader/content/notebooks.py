"""Exercise modules as Jupyter notebooks, and notebooks back to plain Python.

The ``.py`` file is the one source of truth (as in keras-io's tutobooks):

* the module docstring becomes the first markdown cell;
* the imports and constants before the first function or section become
  the first code cell;
* a top-level bare string (``\"\"\"## 2. Build the model\"\"\"``) becomes a
  markdown cell: that is how a module marks its lesson's sections;
* each top-level function becomes a markdown cell (its signature and
  docstring) followed by a code cell holding the whole function. Both carry
  ``{"tf_grade": {"function": name}}`` and a stable id.

:func:`notebook_to_source` goes the other way for graded notebooks: the code
cells in order, without nbgrader's autograder test cells, with IPython magics
commented out.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
import warnings
from os import PathLike
from pathlib import Path

import nbformat
from nbformat import v4

from grader.catalog.content import CONTENT
from grader.catalog.errors import ERRORS
from grader.content import lesson as lesson_cells
from grader.content.stubs import CODE_HERE
from grader.errors import KitError
from grader.messages import Text

COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}



def _note(key: str) -> str:
    """A note under a notebook's title, Korean above English, with ``{module}`` still to fill."""
    note = CONTENT[key].format(code_here=CODE_HERE, module="{module}")
    return f"{note.ko}\n>\n{note.en}"


LANG_NOTE = _note("notebook-note")
"""For a notebook checked with ``grade check``."""
LESSON_NOTE = _note("lesson-note")
"""For the runnable lesson (:mod:`grader.content.lesson`)."""

# An IPython help line such as ``tf.add?`` or ``??keras.layers.Dense``.
_HELP = re.compile(r"^\?{0,2}[A-Za-z_][\w.]*\?{0,2}$")


def _strip_blank_lines(text: str) -> str:
    """``text`` without leading or trailing whitespace-only lines, and no final newline."""
    lines = text.splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def _is_string_expr(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _chunks(source: str, module: str) -> list[tuple[str, ast.stmt, str, str]]:
    """Split ``source`` into ``(kind, node, prefix, text)`` per top-level statement.

    ``text`` runs from the end of the previous statement to the end of this
    one, so comments and decorators travel with the statement below them;
    ``prefix`` is the part of it before the statement's first line. ``kind``
    is ``"docstring"``, ``"markdown"``, ``"function"`` or ``"code"``.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise KitError(ERRORS["not-python"].format(file=f"{module}.py", line=error.lineno, detail=error.msg)) from error
    lines = source.splitlines(keepends=True)
    chunks: list[tuple[str, ast.stmt, str, str]] = []
    consumed = 0
    for index, node in enumerate(tree.body):
        end = node.end_lineno or node.lineno
        if end <= consumed:  # a second statement on the same line: stays with the first
            continue
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        prefix = "".join(lines[consumed : first - 1])
        text = "".join(lines[consumed:end])
        if _is_string_expr(node):
            kind = "docstring" if index == 0 else "markdown"
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            kind = "function"
        else:
            kind = "code"
        chunks.append((kind, node, prefix, text))
        consumed = end
    trailing = "".join(lines[consumed:])
    if trailing.strip():
        chunks.append(("code", None, "", trailing))
    return chunks


def _function_metadata(name: str) -> dict:
    return {"tf_grade": {"function": name}}


def _lesson_metadata(kind: str, function: str | None = None) -> dict:
    data = {"lesson": kind}
    if function:
        data["function"] = function
    return {"tf_grade": data}


def _without_docstring(text: str, node: ast.FunctionDef | ast.AsyncFunctionDef, source: str) -> str:
    """A function's text with its docstring taken out (the markdown cell above shows it)."""
    first = node.body[0]
    lines = text.splitlines(keepends=True)
    offset = (node.end_lineno or node.lineno) - len(lines)  # file line of text's first line, minus one
    start, end = first.lineno - 1 - offset, (first.end_lineno or first.lineno) - offset
    kept = lines[:start] + lines[end:]
    if len(node.body) == 1:  # the docstring was the whole body
        kept.insert(start, " " * first.col_offset + "pass\n")
    return "".join(kept)


def _signature(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    return f"{node.name}({ast.unparse(node.args)})"


def module_to_notebook(source: str, module: str, lang_note: bool = True, lesson: bool = False,
                       kit: str = lesson_cells.KIT_SOURCE, colab: str = "") -> nbformat.NotebookNode:
    """The notebook form of an exercise (or solution) module.

    The same ``source`` always gives the same notebook, ids included, so a
    written file is byte-identical from one build to the next. ``lang_note``
    adds a short bilingual how-to under the module's introduction. ``lesson``
    makes it a runnable lesson (:mod:`grader.content.lesson`): a first cell that
    installs ``kit``, each docstring once (in the markdown cell, not again in the
    code), and after each function a cell that tries it and a ``check(...)`` cell. ``colab``, the
    folder Colab opens the notebooks from (``[notebook] colab``), puts an "Open in Colab" link
    to this notebook at the top.
    """
    nb = v4.new_notebook(
        metadata={
            "kernelspec": dict(KERNELSPEC),
            "language_info": {"name": "python"},
            "tf_grade": {"module": module},
        }
    )
    cells = nb.cells
    code: list[str] = []
    counter = {"code": 0, "markdown": 0}

    def add_markdown(text: str, cell_id: str, metadata: dict | None = None) -> None:
        cells.append(v4.new_markdown_cell(text, id=cell_id, metadata=metadata or {}))

    def flush_code() -> None:
        text = _strip_blank_lines("".join(code))
        code.clear()
        if text:
            number = counter["code"]
            counter["code"] += 1
            cell_id = f"{module}-setup" if number == 0 else f"{module}-code-{number}"
            cells.append(v4.new_code_cell(text, id=cell_id))

    chunks = _chunks(source, module)
    intro = f"# {module}"
    if chunks and chunks[0][0] == "docstring":
        intro = _strip_blank_lines(inspect.cleandoc(chunks[0][1].value.value)) or intro
        code.append(chunks[0][2])
        chunks = chunks[1:]
    if lang_note:
        intro = f"{intro}\n\n{(LESSON_NOTE if lesson else LANG_NOTE).format(module=module)}"
    if colab:
        intro = f"[![Open In Colab]({COLAB_BADGE})]({colab.rstrip('/')}/{module}.ipynb)\n\n{intro}"
    add_markdown(intro, f"{module}-intro")
    if lesson:
        cells.append(v4.new_code_cell(lesson_cells.install_cell(kit), id=f"{module}-install",
                                      metadata=_lesson_metadata("setup")))

    for kind, node, prefix, text in chunks:
        if kind == "code":
            code.append(text)
        elif kind == "markdown":
            code.append(prefix)
            flush_code()
            counter["markdown"] += 1
            add_markdown(
                _strip_blank_lines(inspect.cleandoc(node.value.value)),
                f"{module}-section-{counter['markdown']}",
            )
        else:
            flush_code()
            doc = ast.get_docstring(node)
            title = f"### `{_signature(node)}`"
            markdown = f"{title}\n\n{doc}" if doc else title
            add_markdown(markdown, f"{module}-{node.name}-doc", _function_metadata(node.name))
            body = _without_docstring(text, node, source) if lesson and doc else text
            cells.append(
                v4.new_code_cell(
                    _strip_blank_lines(body),
                    id=f"{module}-{node.name}",
                    metadata=_function_metadata(node.name),
                )
            )
            if lesson:
                tried = lesson_cells.try_cell(module, node.name)
                if tried:
                    cells.append(v4.new_code_cell(tried, id=f"{module}-{node.name}-try",
                                                  metadata=_lesson_metadata("try", node.name)))
                cells.append(v4.new_code_cell(lesson_cells.check_cell(module, node.name),
                                              id=f"{module}-{node.name}-check",
                                              metadata=_lesson_metadata("check", node.name)))
    flush_code()
    return nb


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
    if lesson_cells.is_lesson_source("".join(source) if isinstance(source, list) else str(source)):
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
        text = _strip_blank_lines(commented)
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
