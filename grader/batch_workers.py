"""The trusted worker processes of ``grade batch``.

Each worker is a fresh Python (``python -m grader.batch_workers``: TensorFlow
does not survive ``fork``, and a fresh interpreter never re-runs the caller's
script) that imports TensorFlow once and then grades one student after
another with :func:`grader.grading.grade`; the submission's code runs only in
that call's own sandboxed child. The batch process hands out one student at a
time and knows which student each worker holds, so a worker that dies, or
stalls past the student's deadline, costs only that student: it is killed,
replaced, and the student is reported as not graded.

Workers die with the batch process (``PR_SET_PDEATHSIG`` on Linux), and each
child they start dies with its worker (see :mod:`grader.sandbox.host.process`), so
killing the batch leaves nothing running.

Batch and workers talk through the worker's stdin/stdout: length-prefixed
pickles, between trusted processes only (submission code never sees these pipes).
"""

from __future__ import annotations

import functools
import os
import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable

from grader.config import Course
from grader.intake import Intake
from grader.sandbox.host.process import gpu_present

POLL_SECONDS = 0.5
THREAD_VARIABLES = ("TF_NUM_INTRAOP_THREADS", "OMP_NUM_THREADS")
HEADER = struct.Struct("!Q")
LINUX = sys.platform.startswith("linux")
WORKER_MB = 8192
"""Address space a worker may use on the CPU (honest grading peaks near 2.5 GB)."""
if LINUX:  # loaded here: nothing may be imported between fork and exec
    import ctypes
    import resource

    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl


@dataclass(frozen=True)
class Job:
    """One student to grade: the submission as read by the batch, and how to grade it."""

    student: str
    path: str
    intake: Intake
    hide: tuple[str, ...]
    include_slow: bool = True


@dataclass(frozen=True)
class Outcome:
    """What came back for one job: a report (as ``Report.to_dict``) or why there is none."""

    student: str
    report: dict | None = None
    error: str | None = None
    seconds: float = 0.0


def send(stream: BinaryIO, message) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(data)) + data)
    stream.flush()


def receive(stream: BinaryIO):
    """The next message, or ``EOFError`` when the other side is gone."""
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        raise EOFError
    size = HEADER.unpack(header)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


class _Worker:
    """One worker process, the student it holds, and a thread that reads its answers."""

    def __init__(self, number: int, setup: dict, answers: queue.Queue, log: BinaryIO | None = None):
        self.number = number
        self.job: Job | None = None
        self.started = 0.0
        kwargs: dict = {}
        if LINUX:
            cap = 0 if gpu_present() else int(setup.get("memory_mb") or 0)
            kwargs["preexec_fn"] = functools.partial(_limit_worker, cap)
        env = dict(os.environ)
        for name in THREAD_VARIABLES:
            if setup.get("threads"):
                env.setdefault(name, str(setup["threads"]))
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        self.process = subprocess.Popen([sys.executable, "-m", "grader.batch_workers"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=log, env=env, **kwargs)
        try:
            send(self.process.stdin, setup)
        except OSError:  # died at once: noticed when it is given a student
            pass
        threading.Thread(target=self._read, args=(answers, self.process), daemon=True).start()

    def _read(self, answers: queue.Queue, process: subprocess.Popen) -> None:
        while True:
            try:
                message = receive(process.stdout)
            except Exception:  # noqa: BLE001 - whatever broke the stream, the worker is gone
                answers.put((self.number, process, None))
                return
            answers.put((self.number, process, message))

    def give(self, job: Job) -> bool:
        try:
            send(self.process.stdin, job)
        except (OSError, ValueError):
            return False
        self.job = job
        self.started = time.monotonic()
        return True

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass


@dataclass
class Pool:
    """Grades jobs on ``size`` worker processes; one student per worker at a time."""

    course: Course
    size: int
    deadline: float
    """Seconds a worker may spend on one student before it is killed (a backstop only:
    every call into a submission has its own limits)."""
    threads: int = 0
    """TensorFlow / OpenMP threads per worker and per child (0: TensorFlow's default)."""
    before_grade: str | None = None
    """``module:function`` a worker calls with the student id before grading (tests)."""
    memory_mb: int = WORKER_MB
    """Address-space cap of each worker on the CPU (0: none)."""
    log: BinaryIO | None = None
    """Where the workers' own stderr goes (TensorFlow's start-up lines, a grader traceback)."""
    _workers: list[_Worker] = field(default_factory=list)

    def run(self, jobs: list[Job], started: Callable[[Job], None], finished: Callable[[Job, Outcome], None]) -> None:
        """Grade every job; ``started`` and ``finished`` are called in this process, in order of events."""
        pending = list(reversed(jobs))
        answers: queue.Queue = queue.Queue()
        setup = {"course": self.course, "threads": self.threads, "before_grade": self.before_grade,
                 "path": list(sys.path), "memory_mb": self.memory_mb}
        try:
            self._workers = [_Worker(n, setup, answers, self.log) for n in range(min(self.size, len(jobs)))]
            while pending or any(w.job for w in self._workers):
                for n, worker in enumerate(self._workers):
                    if worker.job is None and pending:
                        if worker.process.poll() is not None:  # died while idle
                            worker = self._workers[n] = self._replace(worker, setup, answers)
                        job = pending.pop()
                        started(job)
                        if not worker.give(job):
                            finished(job, Outcome(job.student, error="the grading worker could not start"))
                            self._workers[n] = self._replace(worker, setup, answers)
                try:
                    number, process, message = answers.get(timeout=POLL_SECONDS)
                except queue.Empty:
                    number = None
                for n, worker in enumerate(self._workers):
                    job = worker.job
                    if job is None:
                        if n == number and message is None and process is worker.process and pending:
                            self._workers[n] = self._replace(worker, setup, answers)  # died idle
                        continue
                    elapsed = time.monotonic() - worker.started
                    outcome = None
                    if n == number and process is worker.process:
                        if isinstance(message, Outcome) and message.student == job.student:
                            outcome = message
                        else:
                            code = _exit_code(worker.process)
                            outcome = Outcome(job.student, error=f"the grading worker died ({code})",
                                              seconds=elapsed)
                            self._workers[n] = self._replace(worker, setup, answers)
                    elif elapsed > self.deadline:
                        outcome = Outcome(job.student, error=f"grading took longer than {self.deadline:.0f} s "
                                                             "and was stopped", seconds=elapsed)
                        self._workers[n] = self._replace(worker, setup, answers)
                    if outcome is not None:
                        worker.job = None
                        finished(job, outcome)
        finally:
            self.close()

    def _replace(self, worker: _Worker, setup: dict, answers: queue.Queue) -> _Worker:
        """Kill a worker (its child dies with it) and start a fresh one in its place."""
        worker.job = None
        worker.stop()
        return _Worker(worker.number, setup, answers, self.log)

    def close(self) -> None:
        for worker in self._workers:
            try:
                send(worker.process.stdin, None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 10
        for worker in self._workers:
            try:
                worker.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            worker.stop()
        self._workers = []


def _exit_code(process: subprocess.Popen) -> str:
    try:
        code = process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return "no answer"
    if code is not None and code < 0:
        return f"signal {-code}"
    return f"exit code {code}"


def _limit_worker(memory_mb: int) -> None:  # runs in the forked worker before exec
    """Die with the batch however it dies; on the CPU, an address-space cap for the worker itself.

    The worker rebuilds each submission's model from the JSON its child sent. A
    child can describe a model of billions of parameters without building it; the
    cap turns that into a failed check (or, at worst, this one worker's death)
    instead of a machine-wide out-of-memory kill.
    """
    _PRCTL(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if memory_mb:
        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


# -- inside a worker ------------------------------------------------------------------------------
def main() -> None:
    """A worker: read the setup, import TensorFlow, then grade each job sent until told to stop."""
    inbox = os.fdopen(os.dup(0), "rb")
    outbox = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)  # anything printed goes to stderr, never into the answers
    try:
        setup = receive(inbox)
    except EOFError:
        return
    course: Course = setup["course"]
    sys.path.extend(p for p in setup.get("path", []) if p not in sys.path)
    import warnings

    warnings.simplefilter("ignore")
    import tensorflow  # noqa: F401  (once per worker: the grader rebuilds models and measures accuracy)

    from grader import grading

    hook = _load_hook(setup.get("before_grade"))
    while True:
        try:
            job = receive(inbox)
        except EOFError:
            return
        if job is None:
            return
        started = time.perf_counter()
        try:
            if hook:
                hook(job.student)
            options = grading.Options(scope="all", student=job.student, include_slow=job.include_slow,
                                      hide=list(job.hide))
            report = grading.grade(Path(job.path), course, options, intake=job.intake)
            outcome = Outcome(job.student, report=report.to_dict(), seconds=time.perf_counter() - started)
        except Exception as exc:  # a grader bug: this student is not graded, the batch goes on
            outcome = Outcome(job.student, error=f"{type(exc).__name__}: {str(exc)[:300]}",
                              seconds=time.perf_counter() - started)
        try:
            send(outbox, outcome)
        except (OSError, ValueError):
            return


def _load_hook(spec: str | None) -> Callable | None:
    if not spec:
        return None
    import importlib

    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


if __name__ == "__main__":
    from grader.batch_workers import main as _main  # this module's classes, not __main__'s

    _main()
