"""``grade batch --scheduler`` on a real Dask cluster: a scheduler and two workers over TCP on localhost.

The cluster is started as an instructor starts one (``dask scheduler``, ``dask
worker --nthreads 1 --preload grader.batch.preload``), in subprocesses on
random ports, polled until ready and torn down after. The same small class is
graded once on the embedded cluster and once through ``--scheduler``, and while the second run grades, one worker process is killed
with SIGKILL: every student must still be graded exactly once, with the score
the embedded run gave. The accuracy run is left out (``include_slow=False``).
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from classroom import build_class

from grader.batch import GRADED, run_batch

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals")]

STUDENTS = {"a_correct": "correct_py", "b_kernel": "mistake_kernel3", "c_syntax": "syntax_error"}
DASK = str(Path(sys.executable).parent / "dask")
SCHEDULER_ENV = {"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1",
                 "DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION": "1.0"}


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A `dask scheduler` and two `dask worker` processes; yields the scheduler's address."""
    folder = tmp_path_factory.mktemp("cluster")
    scheduler_file = folder / "scheduler.json"
    env = {**os.environ, **SCHEDULER_ENV, "TF_CPP_MIN_LOG_LEVEL": "3"}
    logs = [open(folder / name, "wb") for name in ("scheduler.log", "worker-1.log", "worker-2.log")]
    processes = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--dashboard-address",
                                   ":0", "--scheduler-file", str(scheduler_file)], env=env, stdout=logs[0],
                                  stderr=subprocess.STDOUT, start_new_session=True)]
    try:
        wait_for(scheduler_file.exists, 60, "the scheduler file")
        address = wait_for(lambda: json.loads(scheduler_file.read_text() or "{}").get("address"), 30,
                           "the scheduler address")
        for log in logs[1:]:
            processes.append(subprocess.Popen(
                [DASK, "worker", address, "--nworkers", "1", "--nthreads", "1", "--host", "127.0.0.1",
                 "--preload", "grader.batch.preload", "--no-dashboard", "--memory-limit", "0"],
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        from distributed import Client

        with Client(address, timeout=30, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in reversed(processes):
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for log in logs:
            log.close()


def rows(out: Path) -> list[list[str]]:
    """grades.csv's students: student_id, name, score, max_score, status, ... (after the points-possible row)."""
    return list(csv.reader((out / "grades.csv").read_text(encoding="utf-8-sig").splitlines()))[2:]


class WorkerKiller(threading.Thread):
    """Kills the worker process that holds a student, a few seconds into grading them."""

    def __init__(self, address: str):
        super().__init__(daemon=True)
        self.address = address
        self.killed: tuple[str, int, list[str]] | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        from distributed import Client

        try:
            with Client(self.address, timeout=30, set_as_default=False) as client:
                def busy():
                    return {w: [k for k in keys if str(k).startswith("grade-") and "rules" not in str(k)]
                            for w, keys in client.processing().items()}

                held = wait_for(lambda: {w: k for w, k in busy().items() if k}, 180, "a student on a worker")
                worker, keys = sorted(held.items())[0]
                time.sleep(3)  # well into grading: the child is up and checks are running
                pid = client.run(os.getpid, workers=[worker])[worker]
                os.kill(pid, signal.SIGKILL)
                self.killed = (worker, pid, keys)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            self.error = exc


@pytest.fixture(scope="module")
def graded(course, cluster, tmp_path_factory):
    """The class graded on the embedded cluster, then on the cluster with a worker killed mid-student."""
    root = tmp_path_factory.mktemp("class")
    batch = build_class(root / "batch", STUDENTS)
    embedded = run_batch(course, batch, root / "embedded", workers=2, include_slow=False)
    killer = WorkerKiller(cluster)
    killer.start()
    seen = []
    remote = run_batch(course, batch, root / "remote", scheduler=cluster, include_slow=False, progress=seen.append)
    killer.join(timeout=30)
    return embedded, remote, root, seen, killer


def test_the_cluster_gives_every_student_the_embedded_score(graded):
    """Does --scheduler grade every student with exactly the score and verdicts of the embedded cluster?"""
    embedded, remote, root, seen, _ = graded
    assert embedded.graded == remote.graded == sorted(STUDENTS)
    assert [r[:5] for r in rows(root / "remote")] == [r[:5] for r in rows(root / "embedded")]
    for student in STUDENTS:
        near = json.loads((root / "embedded" / student / "report.json").read_text(encoding="utf-8"))
        far = json.loads((root / "remote" / student / "report.json").read_text(encoding="utf-8"))
        assert [(r["name"], r["score"]) for r in far["results"]] == [(r["name"], r["score"]) for r in near["results"]]
    assert remote.workers == 2 and not remote.refused
    assert seen and seen[-1].done == len(STUDENTS) and seen[0].dashboard.startswith("http://")


def test_a_killed_worker_loses_no_student_and_blames_none(graded):
    """With a worker SIGKILLed while grading, is every student graded exactly once, with the right score?"""
    embedded, remote, root, _, killer = graded
    assert killer.error is None, repr(killer.error)
    assert killer.killed is not None, "no worker was killed"
    body = rows(root / "remote")
    assert [r[0] for r in body] == sorted(STUDENTS)  # one row each
    assert {r[0]: (r[2], r[4]) for r in body} == {s: (f"{embedded.students[s].score:g}", GRADED) for s in STUDENTS}
    assert sorted(p.parent.name for p in (root / "remote").glob("*/report.json")) == sorted(STUDENTS)
    assert remote.regraded == sorted(STUDENTS) and remote.could_not_grade == []


def test_workers_and_a_scheduler_do_not_mix(course, tmp_path):
    """Is `--workers` (the embedded cluster's size) with `--scheduler` refused in one line?"""
    from click.testing import CliRunner

    from grader.cli import cli

    (tmp_path / "batch").mkdir()
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "batch"), "--out", str(tmp_path / "out"),
                                      "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786", "--lang", "en"],
                                env={"GRADE_COURSE": str(course.root)})
    assert result.exit_code == 1
    assert "Error: --workers sizes the embedded cluster" in result.output


def test_a_lost_scheduler_stops_the_batch_with_an_error(course, tmp_path):
    """When the scheduler dies mid-batch, does run_batch stop with one clear KitError, with grades.csv written
    (so that running the command again resumes)?"""
    from grader.errors import KitError

    scheduler_file = tmp_path / "scheduler.json"
    env = {**os.environ, **SCHEDULER_ENV}
    scheduler = subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                  "--scheduler-file", str(scheduler_file)], env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
    worker = None
    try:
        address = wait_for(lambda: scheduler_file.exists() and json.loads(scheduler_file.read_text() or "{}")
                           .get("address"), 60, "the scheduler address")
        worker = subprocess.Popen([DASK, "worker", address, "--nthreads", "1", "--no-dashboard", "--no-nanny"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True)
        batch = build_class(tmp_path / "batch", {"a_correct": "correct_py"})

        def kill_scheduler(state) -> None:  # the first progress call: the student was just handed over
            os.killpg(scheduler.pid, signal.SIGKILL)

        with pytest.raises(KitError, match="lost the Dask scheduler.*run the same command again"):
            run_batch(course, batch, tmp_path / "out", scheduler=address, include_slow=False,
                      progress=kill_scheduler, lang="en")
        assert [r[:5] for r in rows(tmp_path / "out")] == [["a_correct", "", "", "", "not graded yet"]]
    finally:
        for process in (worker, scheduler):
            if process is not None:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait()
