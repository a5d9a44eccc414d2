"""Running graded jobs on Dask distributed: an embedded cluster by default, or an existing one.

With no scheduler address, :class:`Executor` starts a ``distributed.LocalCluster``
on this machine: one worker process per slot, one thread each, every worker
preloaded with :mod:`grader.batch.preload` (TensorFlow imported once). Nobody
else on the machine may join it: scheduler, nannies and workers listen on
loopback only and speak TLS with a certificate made for this batch and held in
memory (``distributed.security.Security.temporary()``: mutual TLS, so a client
without it is refused before it can send a task); the dashboard listens on
loopback only. With ``scheduler="tls://HOST:8786"`` it connects to a cluster
someone started with ``dask scheduler`` and ``dask worker --nthreads 1 --preload
grader.batch.preload``, with the TLS files given (``security``) or Dask's own
configuration (``distributed.comm.tls``); a ``tcp://`` scheduler works but is
named in the summary as open to anyone who can reach it.

One task per student (:func:`grader.batch.worker.grade_student`); the rules
travel as one task every student depends on, so a lost worker loses nothing
Dask cannot recompute. A worker that dies while grading is not the student's
fault: the scheduler gives the task to another worker, and only a task that
killed :data:`ALLOWED_FAILURES` + 1 workers comes back as ``worker-died``.
Outcomes come back to the client as they finish; the client writes every file.
Nothing here prints.
"""

from __future__ import annotations

import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from grader import __version__
from grader.batch.worker import (
    BATCH_PID_VARIABLE,
    LOG_VARIABLE,
    Job,
    Outcome,
    Rules,
    engine_hash,
    refusal,
    worker_facts,
)
from grader.catalog.errors import ERRORS
from grader.config import Course
from grader.errors import KitError

ALLOWED_FAILURES = 1
"""Workers a student's task may lose before it is given up (the embedded cluster's scheduler)."""
PRELOAD = "grader.batch.preload"
WORKER_MB = 1536
"""Memory a worker needs besides its child's cap (TensorFlow, the data, rebuilt models)."""
MAX_REPLACED = 3
"""How many times one student is handed out again because the worker that got them was being replaced."""
CONNECT_SECONDS = 30
LOOPBACK = "127.0.0.1"
WAIT_FOR_WORKERS_SECONDS = 120


class SchedulerLost(KitError):
    """The Dask scheduler went away mid-batch."""


@dataclass
class Progress:
    """Where the batch stands, for the progress display."""

    total: int
    workers: int = 0
    dashboard: str | None = None
    done: int = 0
    failed: int = 0
    running: int = 0
    line: str = ""
    """How the student just finished did (filled in by the caller that made their record)."""


def rules_for(course: Course, include_slow: bool) -> Rules:
    """The rules the workers grade by, as this client has them."""
    from grader.batch.plan import check_files

    source = None
    if include_slow:
        from grader import data

        source = data.load_mnist_with_source(course)[1].name
    return Rules(course, check_files(course), __version__, engine_hash(), source)


def worker_count(course: Course, workers: int | None, jobs: int) -> int:
    """``workers``, else ``[batch] workers``, else the cores that memory allows; never more than the jobs."""
    if workers is None:
        workers = course.batch.workers or _default_workers(course)
    return max(1, min(int(workers), max(jobs, 1)))


def _default_workers(course: Course) -> int:
    cores = os.cpu_count() or 1
    try:
        import psutil

        available = psutil.virtual_memory().available // (1024 * 1024)
    except (ImportError, OSError):
        return cores
    return max(1, min(cores, available // (course.limits.memory_mb + WORKER_MB)))


def _threads(workers: int) -> int:
    """TensorFlow threads per worker, so that the workers together use the cores once."""
    return max(1, (os.cpu_count() or 1) // workers)


class Executor:
    """A Dask client (and, when embedded, its cluster) for one batch; use it as a context manager."""

    def __init__(self, course: Course, workers: int | None = None, scheduler: str | None = None,
                 jobs: int = 1, log: Path | None = None, security: dict | None = None):
        self.course = course
        self.scheduler = scheduler or course.batch.scheduler or None
        self.tls = {k: v for k, v in (security or {}).items() if v}
        """For ``scheduler``: ``ca_file``, ``cert``, ``key`` (files); else Dask's configuration decides."""
        self.security = None
        """The ``distributed.security.Security`` the client speaks with."""
        self.size = worker_count(course, workers, jobs)
        self.log = log
        """Where the embedded workers' own output goes (TensorFlow's start-up lines, a grader traceback)."""
        self.client = None
        self.cluster = None
        self.dashboard: str | None = None
        self.refused: dict[str, str] = {}
        """Worker address → why it may not grade (another kit)."""
        self.replaced: dict[str, str] = {}
        """Worker address → why it was replaced (it grew past ``[batch] replace_worker_mb``)."""
        self.accepted: list[str] = []
        self.state = Progress(total=0)
        """Where the current :meth:`grade` stands, updated before each outcome is handed out."""
        self._cancelled = False

    # -- start and stop ------------------------------------------------------------------------------------
    def __enter__(self) -> "Executor":
        import dask
        from distributed import Client

        try:
            if self.scheduler:
                self.security = self._scheduler_security()
                try:
                    self.client = Client(self.scheduler, timeout=CONNECT_SECONDS, set_as_default=False,
                                         security=self.security)
                except (OSError, TimeoutError, ValueError, TypeError) as exc:  # refused, or TLS asked of no files
                    raise KitError(ERRORS["scheduler-unreachable"].format(address=self.scheduler, detail=exc)) from None
                try:
                    self.client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS_SECONDS)
                except TimeoutError:
                    raise KitError(ERRORS["no-dask-worker"].format(
                        address=self.scheduler, seconds=WAIT_FOR_WORKERS_SECONDS, preload=PRELOAD)) from None
            else:
                from distributed import LocalCluster
                from distributed.security import Security

                self.security = Security.temporary()  # in memory only: handed to the workers, never written
                threads = str(_threads(self.size))
                env = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_NUM_INTRAOP_THREADS": threads, "OMP_NUM_THREADS": threads}
                env[BATCH_PID_VARIABLE] = str(os.getpid())  # the workers end themselves when the batch is gone
                if self.log is not None:
                    env[LOG_VARIABLE] = str(self.log)
                with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
                                      "distributed.scheduler.worker-saturation": 1.0,
                                      "distributed.worker.profile.enabled": False}):
                    self.cluster = LocalCluster(n_workers=self.size, threads_per_worker=1, processes=True,
                                                dashboard_address=f"{LOOPBACK}:0", host=LOOPBACK,
                                                protocol="tls://", security=self.security,
                                                worker_dashboard_address=None, memory_limit=0,
                                                preload=[PRELOAD], env=env, silence_logs=logging.ERROR)
                self.client = Client(self.cluster, set_as_default=False, security=self.security)
            self.dashboard = self._dashboard()
            self._check_workers()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    @property
    def encrypted(self) -> bool:
        """Whether the client speaks TLS to the scheduler (``False``: a ``tcp://`` scheduler anyone may join)."""
        address = getattr(self.client, "scheduler", None) and self.client.scheduler.address
        return bool(address and str(address).startswith("tls://"))

    def _scheduler_security(self):
        """TLS for ``--scheduler``: the files given, else Dask's configuration (``distributed.comm.tls``)."""
        from distributed.security import Security

        if not self.tls:
            return Security()
        for path in self.tls.values():
            if not Path(path).is_file():
                raise KitError(ERRORS["tls-file-missing"].format(path=path))
        return Security(tls_ca_file=self.tls.get("ca_file"), tls_client_cert=self.tls.get("cert"),
                        tls_client_key=self.tls.get("key"), require_encryption=True)

    def __exit__(self, *exc) -> None:
        for thing in (self.client, self.cluster):
            if thing is not None:
                try:
                    thing.close()
                except Exception:  # noqa: BLE001 - closing what may already be gone
                    pass
        self.client = self.cluster = None

    def _dashboard(self) -> str | None:
        try:
            info = self.client.scheduler_info()
        except Exception:  # noqa: BLE001
            return None
        if "dashboard" not in info.get("services", {}):
            return None
        return self.client.dashboard_link

    def _check_workers(self) -> None:
        """Refuse the workers whose kit differs from ours; :class:`KitError` when none is left."""
        facts = self.client.run(worker_facts)
        probe = Rules(self.course, {}, __version__, engine_hash())
        for address, fact in sorted(facts.items()):
            why = refusal(fact, probe)
            if why:
                self.refused[address] = why
            else:
                self.accepted.append(address)
        if not self.accepted:
            lines = "; ".join(f"{a}: {w}" for a, w in self.refused.items())
            raise KitError(ERRORS["no-worker-may-grade"].format(detail=lines))
        if self.scheduler:
            self.size = sum(n for a, n in self.client.nthreads().items() if a in self.accepted)

    # -- grading ---------------------------------------------------------------------------------------------
    def grade(self, jobs: list[Job], rules: Rules, before_grade: str | None = None,
              progress: Callable[[Progress], None] | None = None) -> Iterator[tuple[Job, Outcome]]:
        """Each job and its outcome, as they finish (:attr:`state` says where the batch stands; ``progress``
        is called once, when the tasks are handed out). Ctrl-C cancels the rest and stops the workers'
        children; a lost scheduler raises :class:`SchedulerLost`."""
        from distributed import as_completed

        from grader.batch.worker import grade_student

        client = self.client
        where = {"workers": self.accepted, "allow_other_workers": False} if self.scheduler else {}
        run = uuid.uuid4().hex[:8]
        rules_future = client.submit(_identity, rules, key=f"grade-rules-{run}", pure=False, **where)
        futures = {}
        for job in jobs:
            future = client.submit(grade_student, job, rules_future, before_grade, key=f"grade-{job.student}-{run}",
                                   pure=False, **where)
            futures[future.key] = (future, job)
        state = self.state = Progress(total=len(jobs), workers=self.size, dashboard=self.dashboard,
                                      running=min(len(jobs), self.size))
        if progress:
            progress(state)
        handed_out = dict.fromkeys((job.student for job in jobs), 1)
        try:
            completed = as_completed([f for f, _ in futures.values()], loop=client.loop)
            for future in completed:
                job = futures[future.key][1]
                if future.status in ("pending", "lost") and self.client.status == "running":
                    completed.add(future)  # its result was lost with a worker after it finished: recomputed
                    continue
                del futures[future.key]
                outcome = self._outcome(future, job)
                future.release()  # read once: a worker leaving later must not make the scheduler redo it
                if outcome.failure and outcome.failure.get("kind") == "worker-replaced":
                    self._replace(outcome)
                    if handed_out[job.student] <= MAX_REPLACED:  # not graded yet: hand the student out again
                        handed_out[job.student] += 1
                        again = client.submit(grade_student, job, rules_future, before_grade, pure=False,
                                              key=f"grade-{job.student}-{run}-{handed_out[job.student]}", **where)
                        futures[again.key] = (again, job)
                        completed.add(again)
                        continue
                state.done += 1
                state.failed += outcome.report is None
                state.running = min(state.total - state.done, self.size)
                yield job, outcome
        except (KeyboardInterrupt, GeneratorExit):
            self.cancel([f for f, _ in futures.values()])
            raise
        finally:
            rules_future.release()

    def _replace(self, outcome: Outcome) -> None:
        """Restart the worker that grew past its budget (its nanny starts a fresh process; it refuses every
        student until then, so nothing is lost but what it held in memory, which the scheduler recomputes)."""
        if outcome.worker in self.replaced:
            return
        self.replaced[outcome.worker] = outcome.error
        try:
            self.client.restart_workers([outcome.worker], raise_for_error=False)
        except Exception:  # noqa: BLE001 - gone already: the scheduler hands its work to the others
            pass

    def _outcome(self, future, job: Job) -> Outcome:
        from distributed import KilledWorker

        status = future.status
        if status == "finished":
            try:
                return future.result()
            except Exception as exc:  # noqa: BLE001 - the result could not come back
                return Outcome(job.student, failure={"kind": "grader-error", "detail": f"{type(exc).__name__}: {exc}"})
        if status == "cancelled" or self.client.status not in ("running", "connecting"):
            if not self._cancelled:
                raise SchedulerLost(self._lost_line())
            return Outcome(job.student, failure={"kind": "cancelled", "detail": "cancelled"})
        try:
            exc = future.exception(timeout=10)
        except Exception as error:  # noqa: BLE001 - the scheduler is gone
            raise SchedulerLost(self._lost_line()) from error
        if isinstance(exc, KilledWorker):
            detail = (f"the grading worker died {ALLOWED_FAILURES + 1 if not self.scheduler else 'repeatedly'} "
                      f"times while holding this student")
            return Outcome(job.student, failure={"kind": "worker-died", "detail": detail})
        return Outcome(job.student, failure={"kind": "grader-error", "detail": f"{type(exc).__name__}: {exc}"[:300]})

    def _lost_line(self) -> str:
        where = self.scheduler or "the embedded cluster"
        return (f"lost the Dask scheduler ({where}) mid-batch; every student finished so far is saved: "
                f"run the same command again to grade the rest")

    def cancel(self, futures: list) -> None:
        """Cancel what is left and stop what the workers are grading (nothing stays busy)."""
        from grader.batch.worker import stop_grading

        self._cancelled = True
        try:
            self.client.cancel(futures, force=True)
            self.client.run(stop_grading, workers=self.accepted or None)
        except Exception:  # noqa: BLE001 - a client that is already gone has nothing to cancel
            pass


def _identity(value):
    return value
