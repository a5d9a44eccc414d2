"""``check("cnn.first_conv")`` in a notebook: grade a function as the running notebook defines it.

In the style of otter-grader's ``grader.check``: the notebook's current definitions are written,
as plain source, into a private folder and graded by :func:`grader.grading.grade` with that
selection, through the same isolated child process as ``grade check``. The code never runs in
the notebook's kernel for grading, so nothing it does there changes the verdict. The feedback
is the same report ``grade check`` prints, rendered as HTML in the cell's output (and as text
for plain front ends).

The module's source is the kit's stub (``exercises/<module>.py``, for its imports and
constants) with every function the notebook has defined replaced by the notebook's version
(:func:`inspect.getsource`, which IPython makes work for functions defined in cells).
"""

from __future__ import annotations

import ast
import html
import inspect
import shutil
import tempfile
from pathlib import Path

from grader import config, grading
from grader.errors import KitError
from grader.report import fix_first, view
from grader.report.html import render_html
from grader.results import Report

FRAME_HEIGHT = 460
"""Height (px) of the feedback frame in the cell's output; it scrolls inside."""


class Feedback:
    """What ``check`` returns: the report, shown as the feedback page in Jupyter and as text elsewhere."""

    def __init__(self, report: Report, lang: str):
        self.report = report
        self.lang = lang

    @property
    def passed(self) -> bool:
        return bool(self.report.results) and not self.report.failed

    def _repr_html_(self) -> str:
        page = render_html(self.report, self.lang)
        return (f'<iframe srcdoc="{html.escape(page, quote=True)}" title="feedback" '
                f'style="width: 100%; height: {FRAME_HEIGHT}px; border: 1px solid #d9dde3; '
                f'border-radius: 8px;"></iframe>')

    def __repr__(self) -> str:
        lines = [view.score_line(self.report).get(self.lang)]
        lines += [line.get(self.lang) for line in view.summary(self.report)]
        lines += [f"{n}. {fix.title.get(self.lang)}" for n, fix in enumerate(fix_first.fixes(self.report), 1)]
        return "\n".join(lines)


def notebook_source(module: str, namespace: dict, stub: Path) -> str:
    """``stub``'s source with each function ``namespace`` defines replaced by the notebook's own."""
    source = stub.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    pieces, consumed = [], 0
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        defined = namespace.get(node.name)
        mine = _source_of(defined)
        if mine is None:
            continue
        first = min([node.lineno] + [d.lineno for d in node.decorator_list])
        pieces.append("".join(lines[consumed:first - 1]))
        pieces.append(mine if mine.endswith("\n") else mine + "\n")
        consumed = node.end_lineno or node.lineno
    pieces.append("".join(lines[consumed:]))
    return "".join(pieces)


def _source_of(function) -> str | None:
    if not inspect.isfunction(function):
        return None
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return None


def check(exercise: str, lang: str | None = None, namespace: dict | None = None) -> Feedback:
    """Grade ``exercise`` (``"cnn.first_conv"`` or a whole module, ``"cnn"``) as this notebook defines it."""
    if namespace is None:
        namespace = _notebook_namespace()
    course = config.load()
    module = exercise.split(".", 1)[0]
    stub = course.root / "exercises" / f"{module}.py"
    if not stub.is_file():
        raise KitError(f"no exercise {module} in {course.root / 'exercises'}")
    folder = Path(tempfile.mkdtemp(prefix="tf-grade-notebook-"))
    try:
        (folder / f"{module}.py").write_text(notebook_source(module, namespace, stub), encoding="utf-8")
        report = grading.grade(folder, course, grading.Options(
            scope="public", selection=(exercise,), include_slow=False, include_training=False))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return Feedback(report, lang or course.language)


def _notebook_namespace() -> dict:
    try:
        from IPython import get_ipython
    except ImportError:
        shell = None
    else:
        shell = get_ipython()
    if shell is None:
        import __main__

        return vars(__main__)
    return shell.user_ns
