"""``grade batch --scheduler`` on a real Dask cluster: a scheduler and two workers over TCP on localhost.

The cluster is started as an instructor starts one (``dask scheduler``, ``dask
worker --nthreads 1 --preload grader.batch.preload``), in subprocesses on
random ports, polled until ready and torn down after. The same small class is
graded once on the embedded cluster and once through ``--scheduler`` (the real
command line), and while the second run grades, one worker process is killed
with SIGKILL: every student must still be graded exactly once, with the score
the embedded run gave. The accuracy run is left out (``include_slow=False``
in-process, ``--scheduler`` runs with the test course, whose checks are the
kit's own).
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
    return list(csv.reader((out / "grades.csv").read_text(encoding="utf-8-sig").splitlines()))[1:]


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
    """The class graded on the embedded cluster, then through --scheduler with a worker killed mid-student."""
    root = tmp_path_factory.mktemp("class")
    batch = build_class(root / "batch", STUDENTS)
    embedded = run_batch(course, batch, root / "embedded", workers=2, progress=None, include_slow=False)
    killer = WorkerKiller(cluster)
    killer.start()
    env = {**os.environ, "GRADE_COURSE": str(course.root)}
    result = subprocess.run([sys.executable, "-m", "grader", "batch", str(batch), "--out", str(root / "remote"),
                             "--scheduler", cluster, "--lang", "en"], env=env, capture_output=True, text=True,
                            timeout=600)
    killer.join(timeout=30)
    return embedded, root, result, killer


def test_the_cluster_gives_every_student_the_embedded_score(graded):
    """Does --scheduler grade every student with exactly the score and verdicts of the embedded cluster?"""
    embedded, root, result, _ = graded
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Error" not in result.stderr
    assert rows(root / "remote") and [r[:4] for r in rows(root / "remote")] == [r[:4] for r in rows(root / "embedded")]
    for student in STUDENTS:
        near = json.loads((root / "embedded" / student / "report.json").read_text(encoding="utf-8"))
        far = json.loads((root / "remote" / student / "report.json").read_text(encoding="utf-8"))
        assert [(r["name"], r["score"]) for r in far["results"]] == [(r["name"], r["score"]) for r in near["results"]]
    assert embedded.graded == sorted(STUDENTS)
    assert "Dask dashboard: http://" in result.stdout


def test_a_killed_worker_loses_no_student_and_blames_none(graded):
    """With a worker SIGKILLed while grading, is every student graded exactly once, with the right score?"""
    embedded, root, result, killer = graded
    assert killer.error is None, repr(killer.error)
    assert killer.killed is not None, "no worker was killed"
    body = rows(root / "remote")
    assert [r[0] for r in body] == sorted(STUDENTS)  # one row each
    assert {r[0]: (r[1], r[3]) for r in body} == {s: (f"{embedded.students[s].score:g}", GRADED) for s in STUDENTS}
    assert sorted(p.parent.name for p in (root / "remote").glob("*/report.json")) == sorted(STUDENTS)
    assert f"{len(STUDENTS)} graded now" in result.stdout.replace("\n", " ")
