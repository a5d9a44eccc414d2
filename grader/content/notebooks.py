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

Reading a student's notebook back as Python is :mod:`grader.engine.notebooks`.
"""

from __future__ import annotations

import ast
import inspect

import nbformat
from nbformat import v4

from grader.catalog.content import CONTENT
from grader.catalog.errors import ERRORS
from grader.content import lesson as lesson_cells
from grader.content.stubs import CODE_HERE
from grader.engine.notebooks import strip_blank_lines
from grader.errors import KitError

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


def _imports_tensorflow(source: str) -> bool:
    """Whether the module's code imports TensorFlow, or keras (whose backend it is)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    names += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    return any(name.split(".")[0] in ("tensorflow", "keras") for name in names)


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
        text = strip_blank_lines("".join(code))
        code.clear()
        if text:
            number = counter["code"]
            counter["code"] += 1
            cell_id = f"{module}-setup" if number == 0 else f"{module}-code-{number}"
            cells.append(v4.new_code_cell(text, id=cell_id))

    chunks = _chunks(source, module)
    intro = f"# {module}"
    if chunks and chunks[0][0] == "docstring":
        intro = strip_blank_lines(inspect.cleandoc(chunks[0][1].value.value)) or intro
        code.append(chunks[0][2])
        chunks = chunks[1:]
    if lang_note:
        intro = f"{intro}\n\n{(LESSON_NOTE if lesson else LANG_NOTE).format(module=module)}"
    if colab:
        intro = f"[![Open In Colab]({COLAB_BADGE})]({colab.rstrip('/')}/{module}.ipynb)\n\n{intro}"
    add_markdown(intro, f"{module}-intro")
    if lesson:
        cells.append(v4.new_code_cell(lesson_cells.install_cell(kit, _imports_tensorflow(source)),
                                      id=f"{module}-install",
                                      metadata=_lesson_metadata("setup")))

    for kind, node, prefix, text in chunks:
        if kind == "code":
            code.append(text)
        elif kind == "markdown":
            code.append(prefix)
            flush_code()
            counter["markdown"] += 1
            add_markdown(
                strip_blank_lines(inspect.cleandoc(node.value.value)),
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
                    strip_blank_lines(body),
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
