"""``check("cnn.first_conv")`` in a notebook: grade a function as the running notebook defines it.

In the style of otter-grader's ``grader.check``: the notebook's current definitions are written,
as plain source, into a private folder and graded by :func:`grader.engine.grading.grade` with that
selection, through the same isolated child process as ``grade check``. The code never runs in
the notebook's kernel for grading, so nothing it does there changes the verdict. The feedback
is the same report ``grade check`` prints, rendered as HTML in the cell's output (and as text
for plain front ends).

After each check the next one's sandbox starts in the background (as ``grade check --watch``
does: a fresh child, TensorFlow imported, no submission code), so only the first check in a
session waits for TensorFlow.

The module's source is the kit's stub (``exercises/<module>.py``, for its imports and
constants) with every function the notebook has defined replaced by the notebook's version
(:func:`inspect.getsource`, which IPython makes work for functions defined in cells).
"""

from __future__ import annotations

import ast
import atexit
import contextlib
import html
import inspect
import shutil
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from grader import config
from grader.catalog.errors import CLI_ERRORS, ERRORS
from grader.checks import runner
from grader.engine import grading
from grader.errors import KitError
from grader.messages import Text
from grader.record.results import Report
from grader.report import fix_first, view
from grader.report.html import render_html

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


class Problem:
    """What ``check`` returns when it could not grade: why, one line in the notebook's language."""

    passed = False

    def __init__(self, text: Text, lang: str):
        self.text = text
        self.lang = lang

    def _repr_html_(self) -> str:
        line = CLI_ERRORS["prefix"].format(message=self.text).get(self.lang)
        return f'<p style="color: #b42318; font-weight: 600;">{html.escape(line)}</p>'

    def __repr__(self) -> str:
        return CLI_ERRORS["prefix"].format(message=self.text).get(self.lang)


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


def check(exercise: str, lang: str | None = None, namespace: dict | None = None) -> Feedback | Problem:
    """Grade ``exercise`` (``"cnn.first_conv"`` or a whole module, ``"cnn"``) as this notebook defines it;
    a :class:`Problem` when it cannot (a misspelt name, no kit), in the notebook's language."""
    if namespace is None:
        namespace = _notebook_namespace()
    try:
        return _check(exercise, lang, namespace)
    except KitError as error:
        return Problem(error.text, lang or config.language_hint())


def _check(exercise: str, lang: str | None, namespace: dict) -> Feedback:
    course = config.load()
    module = exercise.split(".", 1)[0]
    stub = course.root / "exercises" / f"{module}.py"
    if not stub.is_file():
        raise KitError(ERRORS["no-exercise"].format(module=module, folder=course.root / "exercises"))
    runner.select(runner.discover(course, "public"), (exercise,))  # a misspelt name: said before any sandbox
    folder = Path(tempfile.mkdtemp(prefix="tf-grade-notebook-"))
    try:
        (folder / f"{module}.py").write_text(notebook_source(module, namespace, stub), encoding="utf-8")
        report = grading.grade(folder, course, grading.Options(
            scope="public", selection=(exercise,), include_slow=False, include_training=False,
            tear_down=_POOL.submit if _POOL is not None else None),  # the used child stops after the answer
            warm=_take_warm(course))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _start_warm(course)
    return Feedback(report, lang or course.language)


_POOL: ThreadPoolExecutor | None = None
_NEXT: tuple[Path, Future] | None = None
"""The next check's sandbox, started while the student reads and edits (as ``grade check --watch``
does): a fresh child with TensorFlow imported and no submission code."""


def _start_warm(course) -> None:
    global _POOL, _NEXT
    if _NEXT is not None:
        return
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tf-grade-warm")
        atexit.register(_stop_warm)
    options = grading.Options(scope="public", include_slow=False, include_training=False)
    _NEXT = (course.root, _POOL.submit(grading.warm_up, course, options))


def _take_warm(course) -> grading.Warm | None:
    global _NEXT
    if _NEXT is None:
        return None
    (root, future), _NEXT = _NEXT, None
    try:
        warm = future.result()
    except Exception:  # noqa: BLE001 - a sandbox that failed to start ahead: grade in a cold one
        return None
    if root != course.root:
        _close(warm)
        return None
    return warm


def _close(warm: grading.Warm) -> None:
    warm.sub.close()
    shutil.rmtree(warm.home, ignore_errors=True)


def _stop_warm() -> None:
    global _NEXT
    if _NEXT is not None:
        _, future = _NEXT
        _NEXT = None
        with contextlib.suppress(Exception):  # nothing started, nothing to stop
            _close(future.result(timeout=120))


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
