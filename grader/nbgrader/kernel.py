"""What an nbgrader test cell runs: one graded check against the notebook's own functions.

nbgrader scores a test cell all or nothing, and *any* text on stderr counts as
a failure (``nbgrader.utils.determine_grade``), so a Keras ``UserWarning``
would cost correct work its points. :func:`run_check` therefore runs the check
with everything held back (Python's stdout and stderr, the process's file
descriptors 1 and 2 where TensorFlow's C++ logs go, warnings, logging), then
prints one "passed" line, or raises :class:`NotebookCheckFailed`, an
``AssertionError`` whose message is the student's feedback in Korean and
English.

The check is the very function the isolated engine runs. It talks to a
:class:`LocalSubmission`: a :class:`~grader.sandbox.host.submission.Submission`
whose "child" is the sandbox child's own request handler
(:func:`grader.sandbox.child.in_process_server`) answering from the notebook's
globals in this process. Arguments are built, results described and failures
reported by the same code as in the sandbox, so the same checks give the same verdicts. Nothing is isolated
here: this is the student's own kernel.
"""

from __future__ import annotations

import atexit
import io
import linecache
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import traceback
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from grader import config
from grader.catalog.nbgrader import NBGRADER_CELLS
from grader.catalog.student import LABELS
from grader.checks import runner
from grader.checks.context import CheckContext
from grader.engine.fds import redirected
from grader.engine.grading import limits_for
from grader.errors import KitError
from grader.record.results import FAILED, PASSED, CheckResult, Feedback
from grader.report import view
from grader.sandbox.child import in_process_server
from grader.sandbox.host.process import ChildDied
from grader.sandbox.host.submission import Submission
from grader.sandbox.protocol import Channel

OUTPUT_SHOWN = 1500
"""How much of the held-back output (its end) a failed check shows."""


class NotebookCheckFailed(AssertionError):
    """A check failed in the notebook; the message is the student's feedback."""


class Held:
    """What :func:`held_output` kept back; ``text`` is filled when the block ends."""

    text: str = ""


@contextmanager
def held_output() -> Iterator[Held]:
    """Keep everything written while the block runs away from the notebook, and hand it over."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # read when TensorFlow is first imported
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    held, python = Held(), io.StringIO()
    sink = tempfile.TemporaryFile()
    streams = sys.stdout, sys.stderr
    disabled = logging.root.manager.disable
    try:
        with redirected((1, 2), sink.fileno()):
            sys.stdout = sys.stderr = python
            logging.disable(logging.CRITICAL)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    yield held
            finally:
                logging.disable(disabled)
                sys.stdout, sys.stderr = streams
    finally:
        sink.seek(0)
        held.text = python.getvalue() + sink.read().decode("utf-8", errors="replace")
        sink.close()


def notebook_course(kit: str | None = None) -> config.Course:
    """The settings the check reads: the ``kit``'s ``course.toml``, else one found from the notebook's folder,
    else the defaults."""
    try:
        return config.load(Path(kit)) if kit else config.load()
    except KitError:
        return config.parse({}, "<defaults>", Path.cwd())


def run_check(factory: Callable[[], Callable], namespace: dict, hidden: bool = False, kit: str | None = None) -> None:
    """Run the check ``factory()`` returns against the functions in ``namespace`` (the notebook's globals).

    Only where a test cell runs in the notebook's kernel: an instructor running a source notebook, or a
    course that put nbgrader's ``Execute`` back, whose grades then trust the student (the student's code
    shares this process and can replace this very function).

    Prints one line when it passes; raises :class:`NotebookCheckFailed` with the
    feedback when it fails (for a ``hidden`` check only what
    :func:`grader.report.view.shown_feedback` lets students read). Returns
    ``None``, so nbgrader never reads a partial score.
    """
    with held_output() as held:
        func = factory()
        name = func.check_name
        course = notebook_course(kit)
        sub = submission_for(name.split(".", 1)[0], namespace, course)
        status, feedback = runner.run_check(runner.Check(name, func, hidden, bool(func.slow)), sub.context)
    if status == PASSED:
        print(f"✓ {name}: {LABELS['passed'].both()}")
        return
    shown = view.shown_feedback(CheckResult(name, 0.0, 0.0, FAILED, hidden, feedback), show_hidden=True)
    raise NotebookCheckFailed(failure_message(name, shown, held.text, course.language))


_SESSIONS: dict[int, tuple[tuple, LocalSubmission]] = {}


def _fingerprint(module: str, namespace: dict) -> tuple:
    """What the notebook's names are bound to; it changes whenever a cell defining one runs again."""
    return module, tuple(sorted((key, id(value)) for key, value in namespace.items() if not key.startswith("_")))


def submission_for(module: str, namespace: dict, course: config.Course) -> LocalSubmission:
    """One :class:`LocalSubmission` per notebook while its code stays the same.

    As in the engine, where all checks of a submission share one ``sub`` (a
    :class:`~grader.checks.context.CheckContext`), the checks share the calls it
    caches (the built model, the trained one) from cell to cell; once any name in the notebook is bound anew (a cell
    run again), the next check starts from a fresh one.
    """
    key, fingerprint = id(namespace), _fingerprint(module, namespace)
    kept = _SESSIONS.get(key)
    if kept and kept[0] == fingerprint and kept[1].course == course:
        return kept[1]
    if kept:
        _discard(kept[1])
    sub = LocalSubmission({module: namespace}, course, Path(tempfile.mkdtemp(prefix="tf-grade-nb-")))
    _SESSIONS[key] = (fingerprint, sub)
    return sub


def _discard(sub: LocalSubmission) -> None:
    sub.close()
    shutil.rmtree(sub.home, ignore_errors=True)


@atexit.register
def _discard_all() -> None:
    for _, sub in _SESSIONS.values():
        _discard(sub)
    _SESSIONS.clear()


def failure_message(name: str, feedback: Feedback | None, output: str, lang: str) -> str:
    """The failed check's feedback in the course language first, then the other one."""
    parts = [f"{NBGRADER_CELLS['check-failed'].both()}: {name}"]
    if feedback is not None:
        parts += [feedback.render(lang), feedback.render("en" if lang == "ko" else "ko")]
    output = output.strip()
    if output:
        parts.append(f"{NBGRADER_CELLS['output'].both()}:\n" + output[-OUTPUT_SHOWN:])
    return "\n\n".join(parts)


class LocalSubmission(Submission):
    """The ``sub`` a check talks to, answered by a notebook's own functions in this process.

    ``namespaces`` maps a module name (a part's) to the notebook's globals.
    """

    def __init__(self, namespaces: dict[str, dict], course: config.Course, home: Path):
        super().__init__(home, {module: f"{module}.ipynb" for module in namespaces}, limits_for(course),
                         seed=course.course.seed, result_mb=course.limits.result_mb)
        (self.home / "io").mkdir(parents=True, exist_ok=True)
        self.namespaces = namespaces
        self.course = course
        self._mnist: dict[str, np.ndarray] | None = None
        self.context = CheckContext(self, course)
        """The ``sub`` the notebook's checks receive (no source files: the code is the notebook's)."""

    def mnist(self) -> dict[str, np.ndarray]:
        """The course's MNIST splits (``x_train``, ...), loaded once, as the engine loads them."""
        if self._mnist is None:
            from grader import data

            arrays, _ = data.load_mnist_with_source(self.course)
            (x_train, y_train), (x_test, y_test) = arrays
            self._mnist = dict(zip(data.KEYS, (x_train, y_train, x_test, y_test)))
        return self._mnist

    def _start_child(self, function: str = "") -> "InProcessChild":
        return InProcessChild(self)


class InProcessChild:
    """Stands in for the child process: the sandbox's request handler, in this process."""

    import_seconds = 0.0

    def __init__(self, sub: LocalSubmission):
        import tensorflow as tf

        self.gpus = [device.name for device in tf.config.list_physical_devices("GPU")]
        self.isolation: dict[str, bool] = {}
        self.sub = sub
        settings = {"workdir": str(sub.home / "work"), "io": str(sub.home / "io"), "data": "",
                    "seed": sub.seed}
        self.server = in_process_server(settings, Channel(sub.home / "io", "c"),
                                        import_module=self._import, load_dataset=sub.mnist,
                                        locate_error=self._locate)

    def request(self, message: dict, timeout: float) -> dict:
        """Answer one request; :class:`ChildDied` ("timeout") when it runs past ``timeout`` seconds."""
        try:
            with time_limit(timeout) as limit:
                answer = self.server.handle(message)
        except TimeLimitExpired:
            limit.expired = True
        if limit.expired:
            raise ChildDied("timeout", f"{timeout:.0f} s")
        return answer

    def captured_output(self) -> str:
        return ""

    def close(self) -> None:
        self.server.forget()

    def _import(self, name: str):
        """A module is a notebook's globals."""
        namespace = self.sub.namespaces.get(name)
        if namespace is None:
            raise ModuleNotFoundError(f"{name}.ipynb is not this notebook")
        return NotebookGlobals(namespace)

    def _locate(self, exc: BaseException) -> dict | None:
        """The notebook line a failure happened on."""
        where = None
        for module, namespace in self.sub.namespaces.items():
            for frame, line in traceback.walk_tb(exc.__traceback__):
                if frame.f_globals is namespace:
                    code = linecache.getline(frame.f_code.co_filename, line).strip()
                    where = {"file": f"{module}.ipynb", "line": line, "code": code[:200]}
        return where


class NotebookGlobals:
    """A notebook's globals seen as a module: an attribute is the name's current value."""

    def __init__(self, namespace: dict):
        self._namespace = namespace

    def __getattr__(self, name: str):
        try:
            return self._namespace[name]
        except KeyError:
            raise AttributeError(name) from None


class TimeLimitExpired(BaseException):
    """Raised into a call that ran past its time limit (a BaseException, so ``except Exception`` lets it by)."""


class Limit:
    expired = False


@contextmanager
def time_limit(seconds: float) -> Iterator[Limit]:
    """Interrupt the block after ``seconds`` (SIGALRM, main thread, POSIX); elsewhere no limit."""
    limit = Limit()
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield limit
        return

    def expire(signum, frame):
        limit.expired = True
        raise TimeLimitExpired()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield limit
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
