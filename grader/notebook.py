"""``check("cnn.first_conv")`` in a notebook: grade the notebook's code cells as the student wrote them.

In the style of otter-grader's ``grader.check``, and judged exactly as ``grade check --path`` and
the batch judge a notebook file: the notebook's code cells (each as it was last run in this kernel;
the lesson's install, try and check cells left out) become ``<module>.ipynb`` in a private folder,
which :func:`grader.engine.grading.grade` reads with the selection through the same isolated child
process. So a student's own imports and helpers, in cells of their own, are part of what is
graded, and every line the feedback points at is a cell and a line in that cell.

Which cells: importing this module (the install cell does) hooks IPython's ``pre_run_cell`` and
keeps the source of every cell run from then on, by the cell's id where the front end sends one
(JupyterLab, VS Code), so a cell run again replaces its earlier text. When the notebook's file is
known (``JPY_SESSION_NAME`` or ``__session__``, which Jupyter sets; VS Code's
``__vsc_ipynb_file__``), the cells are placed as in that file, so "cell 12" is the twelfth cell
from the top, as ``grade check --path`` counts; elsewhere (Colab) in the order they were first run.

The code never runs in the notebook's kernel for grading, so nothing it does there changes the
verdict. The feedback is the same report ``grade check`` prints, rendered as HTML in the cell's
output (and as text for plain front ends), with only what concerns the selection.

Sandboxes for the next checks start in the background (as ``grade check --watch`` does: fresh
children, TensorFlow imported, no submission code; :data:`AHEAD` of them, side by side), so
only the first check in a session waits for TensorFlow, and a check run again at once takes the
one started second; importing this module starts them.
"""

from __future__ import annotations

import atexit
import contextlib
import html
import json
import os
import shutil
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from grader import config
from grader.catalog.content import CONTENT
from grader.catalog.errors import CLI_ERRORS, ERRORS
from grader.checks import runner
from grader.engine import grading, intake
from grader.engine.notebooks import is_lesson_source, parse_notebook
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


class Cells:
    """The code cells run in this kernel, each as last run: ``key`` (the cell's id, or a number in
    the order of running where the front end sends none) → its source."""

    def __init__(self) -> None:
        self.sources: dict[str, str] = {}
        self._serial = 0

    def record(self, source: str, cell_id: str | None = None) -> None:
        if is_lesson_source(source):
            return  # the lesson's own cells: never part of what is graded
        if cell_id is None:
            self._serial += 1
            cell_id = f"run-{self._serial}"
        self.sources[cell_id] = source

    def pre_run_cell(self, info) -> None:
        """IPython's ``pre_run_cell`` event."""
        self.record(getattr(info, "raw_cell", "") or "", getattr(info, "cell_id", None))

    def notebook(self, module: str, saved: dict | None = None) -> dict:
        """The notebook to grade: ``saved``'s cells (the notebook's file as read from disk) with each
        code cell's source as it was run here (a cell never run here: empty, as it defines nothing
        in the kernel either), then the cells run here that the file does not hold yet; without
        ``saved``, the cells in the order they were first run."""
        cells: list[dict] = []
        unplaced = dict(self.sources)
        for cell in (saved or {}).get("cells", []):
            if not isinstance(cell, dict):
                continue
            cell = dict(cell)
            if cell.get("cell_type") == "code":
                text = cell.get("source", "")
                text = "".join(text) if isinstance(text, list) else str(text)
                if not is_lesson_source(text) and not _is_test_metadata(cell):
                    run = unplaced.pop(str(cell.get("id")), None)
                    if run is None:  # no id sent (nbclient, Colab): the same text, run here
                        key = next((k for k, v in unplaced.items() if k.startswith("run-") and v == text), None)
                        run = unplaced.pop(key) if key is not None else ""
                    cell["source"] = run
            cells.append(cell)
        cells += [{"cell_type": "code", "id": _cell_id(key), "metadata": {}, "source": source, "outputs": [],
                   "execution_count": None} for key, source in unplaced.items()]
        return {"nbformat": 4, "nbformat_minor": 5, "metadata": {"tf_grade": {"module": module}}, "cells": cells}


def _cell_id(key: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in key)[:64] or "cell"


def _is_test_metadata(cell: dict) -> bool:
    nbgrader = (cell.get("metadata") or {}).get("nbgrader") or {}
    return nbgrader.get("grade") is True and nbgrader.get("solution") is False


CELLS = Cells()
"""This kernel's cells, recorded from the moment this module is imported (the install cell)."""


class Note(Problem):
    """What ``check`` returns for a function only ``grade submit`` grades: why, in plain words."""

    def _repr_html_(self) -> str:
        return f'<p style="color: #475467;">ℹ️ {html.escape(self.text.get(self.lang))}</p>'

    def __repr__(self) -> str:
        return self.text.get(self.lang)


def notebook_file(namespace: dict | None = None) -> Path | None:
    """The running notebook's file, where the front end says it: Jupyter's ``JPY_SESSION_NAME``
    (also ``__session__`` in the namespace), VS Code's ``__vsc_ipynb_file__``."""
    namespace = namespace or {}
    for value in (os.environ.get("JPY_SESSION_NAME"), namespace.get("__session__"),
                  namespace.get("__vsc_ipynb_file__")):
        if isinstance(value, str) and value.endswith(".ipynb") and Path(value).is_file():
            return Path(value)
    return None


def _saved(path: Path | None) -> dict | None:
    if path is None:
        return None
    try:
        return parse_notebook(path.read_bytes().decode("utf-8-sig"), str(path))
    except (OSError, UnicodeDecodeError, KitError):
        return None  # unreadable just now (being saved): the cells in the order they ran


def _hook(shell) -> None:
    """Record every cell ``shell`` runs from now on (once per kernel)."""
    callbacks = shell.events.callbacks.get("pre_run_cell", [])
    if not any(getattr(c, "__self__", None) is CELLS for c in callbacks):
        shell.events.register("pre_run_cell", CELLS.pre_run_cell)


def check(exercise: str, lang: str | None = None, notebook: dict | None = None) -> Feedback | Problem:
    """Grade ``exercise`` (``"cnn.first_conv"`` or a whole module, ``"cnn"``) as this notebook's code
    cells are written (``notebook``: a notebook's JSON as a dict, for a caller outside a kernel);
    a :class:`Problem` when it cannot (a misspelt name, no kit), in the notebook's language."""
    try:
        return _check(exercise, lang, notebook)
    except AtSubmit as note:
        return Note(note.text, lang or config.language_hint())
    except KitError as error:
        return Problem(error.text, lang or config.language_hint())


def _check(exercise: str, lang: str | None, notebook: dict | None) -> Feedback:
    course = config.load()
    lang = lang or course.language
    module = exercise.split(".", 1)[0]
    stub = course.root / "exercises" / f"{module}.py"
    if not stub.is_file():
        raise KitError(ERRORS["no-exercise"].format(module=module, folder=course.root / "exercises"))
    _fast_checks(course, exercise, stub)  # a misspelt name, or nothing a check() runs: said before any sandbox
    if notebook is None:
        notebook = CELLS.notebook(module, _saved(notebook_file(_notebook_namespace())))
    busy = _Busy(exercise, lang)
    folder = Path(tempfile.mkdtemp(prefix="tf-grade-notebook-"))
    try:
        (folder / f"{module}.ipynb").write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
        collected = intake.collect(folder)  # this module alone: no other module is called missing
        report = grading.grade(folder, course, grading.Options(
            scope="public", selection=(exercise,), include_slow=False, include_training=False,
            progress=busy.update,
            tear_down=_POOL.submit if _POOL is not None else None),  # the used child stops after the answer
            intake=collected, warm=_take_warm(course))
    finally:
        busy.done()
        shutil.rmtree(folder, ignore_errors=True)
        _start_warm(course)
    return Feedback(report, lang)


def _fast_checks(course, exercise: str, stub: Path) -> list:
    """The checks ``check(exercise)`` runs; :class:`AtSubmit` for a function of the stub that only
    ``grade submit`` grades (it trains the model), :class:`KitError` for a misspelt name."""
    import ast

    checks = runner.discover(course, "public")
    function = exercise.partition(".")[2]
    defined = {node.name for node in ast.parse(stub.read_text(encoding="utf-8")).body
               if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    if function in defined and not any(f"{c.module}.{c.function}" == exercise for c in checks):
        raise AtSubmit(ERRORS["checked-at-submit"].format(function=f"`{exercise}`"))
    chosen = runner.select(checks, (exercise,))
    if chosen and all(c.slow for c in chosen):
        raise AtSubmit(ERRORS["checked-at-submit"].format(function=f"`{exercise}`"))
    return chosen


class AtSubmit(KitError):
    """A function that only ``grade submit`` grades: said at once, as a note, not as an error."""


class _Busy:
    """A line shown the moment a check starts, counting the checks as they finish, gone with the answer."""

    def __init__(self, exercise: str, lang: str):
        self.exercise, self.lang, self.count = exercise, lang, 0
        self.handle = None
        try:
            from IPython import get_ipython
            from IPython.display import HTML, display
        except ImportError:
            return
        if get_ipython() is None:
            return  # not in a kernel: nothing to show it in
        self._html = HTML
        self.handle = display(HTML(self._line()), display_id=True)

    def _line(self) -> str:
        text = CONTENT["checking"].format(exercise=self.exercise, count=self.count).get(self.lang)
        return f'<p style="color: #475467;">⏳ {html.escape(text)}</p>'

    def update(self, check=None, result=None) -> None:
        self.count += 1
        if self.handle is not None:
            self.handle.update(self._html(self._line()))

    def done(self) -> None:
        if self.handle is not None:
            self.handle.update(self._html(""))


_POOL: ThreadPoolExecutor | None = None
_NEXT: list[tuple[Path, Future]] = []
"""The next checks' sandboxes, started while the student reads and edits (as ``grade check --watch``
does): fresh children with TensorFlow imported and no submission code, oldest first."""
AHEAD = 2
"""How many sandboxes wait ahead. Two, so that a check cell run again at once (before a child has had
the seconds it takes to import TensorFlow) takes the second, already started one. They start side by side
(a pool of as many threads): started one after the other, the one that replaces a used sandbox waited
behind the other's start, and a check run a second time soon after found it still importing (2 s on
two cores, 2026-12-07). Each holds about 0.8 GB while it waits."""


def _start_warm(course) -> None:
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=AHEAD, thread_name_prefix="tf-grade-warm")
        atexit.register(_stop_warm)
    options = grading.Options(scope="public", include_slow=False, include_training=False)
    while len(_NEXT) < AHEAD:
        _NEXT.append((course.root, _POOL.submit(grading.warm_up, course, options)))


def _take_warm(course) -> grading.Warm | None:
    if not _NEXT:
        return None
    root, future = _NEXT.pop(0)
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
    while _NEXT:
        _, future = _NEXT.pop()
        future.cancel()  # not started yet: nothing to stop
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


def _start() -> None:
    """On import in a kernel: record its cells from now on, and start the first check's sandbox."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    _hook(shell)
    with contextlib.suppress(KitError):  # no kit found yet: the first check says so
        _start_warm(config.load())


_start()
