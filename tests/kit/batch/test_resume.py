"""``grade batch`` as an instructor runs it: killed halfway, run again, one student regraded.

The real command line in a subprocess. Killing it with SIGKILL must leave
nothing running (not the workers, not the children, not what a submission
spawned), and the next run must grade only the students that have no report
yet, keeping the finished ones as they are.
"""

from __future__ import annotations

import csv
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from classroom import build_class

pytestmark = pytest.mark.slow

STUDENTS = {"a_light": "exit_at_import", "b_daemons": "spawn_daemons", "c_stubs": "fake_output",
            "d_syntax": "syntax_error"}


def grade_batch(course, batch: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "grader", "batch", str(batch), "--out", str(out), "--workers", "2",
            "--lang", "en", *extra]


def running_with(*needles: str) -> list[str]:
    """Live processes that mention any of ``needles`` in their command line or environment (a Dask worker of the
    embedded cluster carries its batch's pid there): pid, parent, state and command line (for a failure's message)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            environ = Path(f"/proc/{pid}/environ").read_bytes()
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        state, parent = fields[0], fields[1]
        if state != "Z" and any(n.encode() in cmdline or n.encode() in environ for n in needles):
            found.append(f"pid {pid} (parent {parent}, state {state}): "
                         + cmdline.replace(b"\0", b" ").decode(errors="replace")[:200])
    return found


def reports(out: Path) -> dict[str, int]:
    return {p.parent.name: p.stat().st_mtime_ns for p in out.glob("*/report.json")}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killed_batch_resumes_and_leaves_nothing_running(course, tmp_path):
    """After SIGKILL mid-batch, is nothing left running, and does the rerun grade only the rest?"""
    mark = uuid.uuid4().hex[:10]
    batch, out = tmp_path / "batch", tmp_path / "out"
    build_class(batch, STUDENTS, {"MARK": mark})
    env = {**os.environ, "GRADE_COURSE": str(course.root)}
    command = grade_batch(course, batch, out)

    first = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while not reports(out) and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.2)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    done = reports(out)
    assert 1 <= len(done) < len(STUDENTS), "the kill should land between the first and the last student"

    # what died with the batch goes with it: each Dask worker watches the batch's process and ends itself and
    # its nanny when it is gone (grader.batch.worker.watch_batch), and each sandbox dies with its worker (polled:
    # a worker holding TensorFlow takes a moment to be torn down; before the watch, a worker once lived on for
    # minutes after the batch's SIGKILL, grading for no one)
    workers = f"GRADE_BATCH_PID={first.pid}\0"
    deadline = time.monotonic() + 30
    while running_with(mark, str(out), workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert running_with(mark, str(out), workers) == []

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    after = reports(out)
    assert sorted(after) == sorted(STUDENTS)
    assert {s: after[s] for s in done} == done  # finished students were not regraded
    assert f"{len(STUDENTS) - len(done)} graded now, {len(done)} unchanged" in rerun.stdout.replace("\n", " ")
    printed = " ".join(rerun.stdout.split())  # where the time went, and all of it
    split = re.search(r"reading the class ([\d.]+) s, starting the workers ([\d.]+) s, grading ([\d.]+) s, "
                      r"stopping them ([\d.]+) s, writing the class's files ([\d.]+) s", printed)
    total = re.search(r"unchanged; (\d+) s, \d+ workers", printed)
    assert split and total, printed
    phases = [float(n) for n in split.groups()]
    assert min(phases) >= 0 and phases[2] > 0 and abs(sum(phases) - int(total.group(1))) <= 1
    rows = list(csv.reader((out / "grades.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [r[0] for r in rows[2:]] == sorted(STUDENTS)  # after the header and the points-possible row
    assert running_with(mark, str(out)) == []

    scores = {r[0]: r[2] for r in rows[2:]}
    again = subprocess.run(command + ["--student", "d_syntax"], env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    regraded = reports(out)
    assert [s for s in STUDENTS if regraded[s] != after[s]] == ["d_syntax"]
    rows = list(csv.reader((out / "grades.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert {r[0]: r[2] for r in rows[2:]} == scores  # the same submission gets the same score


def test_missing_batch_folder_is_an_error(course, tmp_path):
    """Does `grade batch` on a folder that does not exist say so in one line and exit non-zero?"""
    env = {**os.environ, "GRADE_COURSE": str(course.root)}
    result = subprocess.run(grade_batch(course, tmp_path / "nowhere", tmp_path / "out"), env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert f"Error: {tmp_path / 'nowhere'} does not exist" in result.stderr
    assert "Traceback" not in result.stderr
