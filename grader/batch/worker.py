"""What runs on a Dask worker: one student graded in its own sandboxed child, and the worker's facts.

A worker is trusted (it holds the hidden checks) and warm (it imported
TensorFlow once, at start: :mod:`grader.batch.preload`). Nothing is assumed
about its file system: the student's submission arrives as bytes in a
:class:`Job`, the grading rules (``course.toml`` as read, the checks' files)
arrive as a :class:`Rules` and are written once per worker machine under a
folder named by their hash, and the report goes back as plain data in an
:class:`Outcome`. The client writes every file.

Before grading, the task compares the worker's kit version and engine hash
(and, with the accuracy run, its data source) with the client's: a worker
that would grade by other rules refuses, with a line saying what differs.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import grader
from grader.catalog.errors import ERRORS
from grader.config import Course
from grader.engine.intake import Intake
from grader.sandbox.host.process import kill_every_child

LOG_VARIABLE = "GRADE_WORKER_LOG"
"""Set by the embedded cluster: the file the worker's own stdout and stderr go to."""
BATCH_PID_VARIABLE = "GRADE_BATCH_PID"
"""Set by the embedded cluster: the ``grade batch`` process the worker (and its nanny) belong to."""
WORKER_MB = 8192
"""Address space a worker may use on the CPU (honest grading peaks near 2.5 GB)."""


@dataclass(frozen=True)
class Job:
    """One student to grade: the submission as read by the client (files as bytes), and how."""

    student: str
    intake: Intake
    hide: tuple[str, ...] = ()
    """Paths the submission must not see, on top of what the worker hides anyway."""
    include_slow: bool = True
    allow_weak_isolation: bool = False
    """The instructor's ``--allow-weak-isolation``: a Linux worker without bubblewrap grades anyway."""


@dataclass(frozen=True)
class Outcome:
    """What came back for one job: a report (as ``Report.to_dict``) or why there is none.

    ``failure`` is structured: ``{"kind": ..., "detail": ...}`` with kind ``worker-died``
    (the worker was lost, again and again), ``grader-error`` (the grader raised),
    ``worker-refused`` (the worker's kit differs from the client's), ``worker-replaced`` (the
    worker had grown past ``[batch] replace_worker_mb``: it graded no one, the client restarts it
    and hands the student out again) or ``cancelled``.
    """

    student: str
    report: dict | None = None
    failure: dict | None = None
    seconds: float = 0.0
    worker: str = ""

    @property
    def error(self) -> str:
        return (self.failure or {}).get("detail", "")


@dataclass(frozen=True)
class Rules:
    """The grading rules as the client has them, sent to the workers."""

    course: Course
    files: dict[str, bytes]
    """The checks' files, by path relative to ``tests/checks``."""
    kit_version: str
    engine: str
    """:func:`engine_hash` on the client."""
    data_source: str | None = None
    """The accuracy run's data source on the client (``None``: no accuracy run)."""

    @functools.cached_property
    def digest(self) -> str:
        digest = hashlib.sha256(repr(dataclasses.replace(self.course, root=Path("."))).encode())
        for name, data in sorted(self.files.items()):
            digest.update(name.encode() + b"\0" + data + b"\0")
        return digest.hexdigest()[:24]


@functools.lru_cache(maxsize=1)
def engine_hash() -> str:
    """The grader's own code as installed here (same version, edited code: another hash)."""
    base = Path(grader.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(base.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".css") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def worker_facts() -> dict:
    """What a worker says about itself (``client.run(worker_facts)``)."""
    return {"kit_version": grader.__version__, "engine": engine_hash(), "pid": os.getpid(),
            "tensorflow": _TF_READY.is_set()}


def refusal(facts: dict, rules: Rules) -> str | None:
    """Why a worker with ``facts`` may not grade by ``rules`` (``None``: it may)."""
    if facts.get("kit_version") != rules.kit_version:
        return (f"this worker runs tf-grade {facts.get('kit_version')}, the client {rules.kit_version}; "
                f"install the same version on every worker")
    if facts.get("engine") != rules.engine:
        return (f"this worker's grader code (hash {facts.get('engine')}) differs from the client's "
                f"({rules.engine}) at the same version {rules.kit_version}; install the same kit on every worker")
    return None


def redirect_output() -> None:
    """Send the worker's own output to :data:`LOG_VARIABLE`'s file, when the embedded cluster set it."""
    path = os.environ.get(LOG_VARIABLE)
    if not path:
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    except OSError:
        return
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


def _started(pid: int) -> str | None:
    """The start time of process ``pid`` (``/proc``), so a reused pid is not taken for the batch; ``None``
    where there is no ``/proc`` or no such process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rpartition(")")[2].split()[19]


def _alive(pid: int, started: str | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return started is None or _started(pid) == started


def watch_batch(period: float = 1.0) -> None:
    """End this worker, and the nanny that would restart it, as soon as the embedded cluster's ``grade batch``
    is gone, however it died (SIGKILL leaves Dask no chance to close its workers): a worker that lived on would
    go on grading for no one, its sandboxed child with it. The worker kills its sandboxes first (one being
    started too); a worker killed outright takes them with it by their parent-death signal (bubblewrap's
    ``--die-with-parent``, ``PR_SET_PDEATHSIG``). Workers of a real scheduler are left alone."""
    value = os.environ.get(BATCH_PID_VARIABLE, "")
    if not value.isdigit():
        return
    batch, nanny = int(value), os.getppid()
    started = _started(batch)

    def watch() -> None:
        import signal

        while _alive(batch, started):
            time.sleep(period)
        kill_every_child()  # not left to their parent-death signal: see kill_tree
        if nanny not in (1, batch) and os.getppid() == nanny:
            try:
                os.kill(nanny, signal.SIGKILL)
            except OSError:
                pass
        os._exit(1)

    threading.Thread(target=watch, name="grade-batch-watch", daemon=True).start()


# -- warm start: TensorFlow once per worker ------------------------------------------------------------------
_TF_READY = threading.Event()
_TF_ERROR: list[BaseException] = []
_TF_STARTED = threading.Event()


def warm_up() -> None:
    """Import TensorFlow and Keras in the background (the worker keeps answering its scheduler meanwhile)."""
    if _TF_STARTED.is_set():
        return
    _TF_STARTED.set()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

    def load() -> None:
        try:
            import warnings

            warnings.simplefilter("ignore")
            import keras  # noqa: F401
            import tensorflow  # noqa: F401
        except BaseException as exc:  # noqa: BLE001 - reported by the first task
            _TF_ERROR.append(exc)
        finally:
            _TF_READY.set()

    threading.Thread(target=load, name="grade-warm-up", daemon=True).start()


def limit_memory() -> None:
    """On the CPU, cap the worker's address space: a child can describe a model of billions of
    parameters without building it; rebuilding it here then fails one check, not the machine."""
    from grader.sandbox.host.process import gpu_present

    try:
        import resource
    except ImportError:  # Windows
        return
    if gpu_present() or not WORKER_MB:
        return
    cap = WORKER_MB * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > cap:
        try:
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        except (ValueError, OSError):
            pass


# -- the rules, written once per worker machine -----------------------------------------------------------
_RULES_LOCK = threading.Lock()


def course_here(rules: Rules) -> Course:
    """The course with its checks written under this machine's temporary folder (once per rules hash)."""
    base = Path(tempfile.gettempdir()) / f"grade-rules-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    root = base / rules.digest
    with _RULES_LOCK:
        if not (root / ".complete").exists():
            base.mkdir(mode=0o700, parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=base, prefix=".staging-"))
            for name, data in rules.files.items():
                target = staging / "tests" / "checks" / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            (staging / ".complete").write_text(rules.digest)
            try:
                os.rename(staging, root)
            except OSError:  # another worker on this machine was first
                shutil.rmtree(staging, ignore_errors=True)
    return dataclasses.replace(rules.course, root=root)


# -- the task ------------------------------------------------------------------------------------------------
def grade_student(job: Job, rules: Rules, before_grade: str | None = None) -> Outcome:
    """Grade one student on this worker (the Dask task)."""
    started = time.perf_counter()
    where = _worker_address()
    why = refusal(worker_facts(), rules)
    if why is None and not job.allow_weak_isolation:
        from grader.sandbox.host import jail

        if jail.LINUX and not jail.available():
            why = ERRORS["weak-isolation"].en
    if why is None and rules.data_source is not None:
        from grader import data

        course = course_here(rules)
        _, source = data.load_mnist_with_source(course)
        if source.name != rules.data_source:
            why = (f"this worker's accuracy run would use {source.name}, the client's {rules.data_source}; "
                   f"give every worker the same data (MNIST_PATH)")
    if why is not None:
        return Outcome(job.student, failure={"kind": "worker-refused", "detail": f"{where}: {why}"}, worker=where)
    grown = needs_replacing(rules.course.batch.replace_worker_mb)
    if grown is not None:
        return Outcome(job.student, failure={"kind": "worker-replaced",
                                             "detail": f"{where}: grew to {grown} MB; replaced before this student"},
                       worker=where)
    try:
        course = course_here(rules)
        warm_up()  # a worker started without the preload imports TensorFlow now
        _TF_READY.wait()
        if _TF_ERROR:
            raise RuntimeError(f"TensorFlow could not be imported on this worker: {_TF_ERROR[0]!r}")
        if before_grade:
            _load_hook(before_grade)(job.student)
        from grader.engine import grading

        options = grading.Options(scope="all", student=job.student, include_slow=job.include_slow,
                                  hide=list(job.hide))
        report = grading.grade(Path(job.student), course, options, intake=job.intake)
        return Outcome(job.student, report=report.to_dict(), seconds=time.perf_counter() - started, worker=where)
    except Exception as exc:  # a grader bug: this student is not graded, the batch goes on
        return Outcome(job.student, failure={"kind": "grader-error", "detail": f"{type(exc).__name__}: {str(exc)[:300]}"},
                       seconds=time.perf_counter() - started, worker=where)


def grown_past(budget_mb: int) -> int | None:
    """This worker's resident memory in MB when it is past ``budget_mb``; ``None`` otherwise (or no budget)."""
    if budget_mb <= 0:
        return None
    import psutil

    resident = psutil.Process().memory_info().rss // (1024 * 1024)
    return resident if resident > budget_mb else None


_GROWN: list[int] = []
"""This worker's resident MB when it was first found past its budget: it grades no one after that."""


def needs_replacing(budget_mb: int) -> int | None:
    """The resident MB of this worker once it has grown past ``budget_mb`` (and for good: from then on it
    refuses every student, for the client to replace it); ``None`` while it may grade."""
    if not _GROWN:
        grown = grown_past(budget_mb)
        if grown is None or not _has_nanny():
            return None  # a worker without a nanny cannot be replaced: it grades on
        _GROWN.append(grown)
        print(f"grade: this worker grew to {grown} MB, past [batch] replace_worker_mb = {budget_mb}; "
              f"it grades no one else and waits to be replaced", flush=True)  # to the worker's log
    return _GROWN[0]


def _has_nanny() -> bool:
    try:
        from distributed import get_worker

        return bool(get_worker().nanny)
    except (ImportError, ValueError):
        return False


def stop_grading() -> int:
    """Kill this worker's sandboxed children (Ctrl-C on the client): the running task then ends at once."""
    import psutil

    killed = 0
    for child in psutil.Process().children():
        try:
            command = " ".join(child.cmdline())
            if "grader.sandbox" in command or child.name() == "unshare":
                child.kill()
                killed += 1
        except psutil.Error:
            pass
    return killed


def _worker_address() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


def _load_hook(spec: str):
    import importlib

    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)
