"""A sandbox goes with its grader, at whatever moment the grader goes, even while the sandbox is being built.

bubblewrap builds a sandbox in two processes: the outer one clones the sandbox's first process and then
tells it to go on. Killed between the two (bubblewrap 0.8), the outer one leaves that first process
waiting for it forever, outside any grader's reach; a batch killed while a worker started a sandbox
once left one behind. Each attempt here is a grader process (forked from one that imported the grader
once) that starts a sandbox and ends a few milliseconds later: killing its sandboxes first, as a batch
worker does when its batch is gone, or dying outright, as a SIGKILLed grader does. The sandbox runs a
stand-in for the child that reads its pipe from the grader until the pipe closes, so an attempt costs
milliseconds and an orphan that outlived its grader ends at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

ATTEMPTS = '''
import os, random, sys, threading, time
from pathlib import Path
from grader.sandbox.host import process

process.CHILD_BOOT = "import sys; sys.stdin.buffer.read()"  # the stand-in: ends when the grader's pipe closes
root, mode, attempts = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
random.seed(7)
for attempt in range(attempts):
    pid = os.fork()
    if pid:
        os.waitpid(pid, 0)
        continue
    settings = process.ChildSettings(home=root / f"a{attempt}", limits=process.Limits(import_seconds=30))
    threading.Thread(target=process.Child, args=(settings,), daemon=True).start()
    while not process._RUNNING:
        time.sleep(0.0001)
    time.sleep(random.uniform(0, 0.004) if attempt % 4 else 0.05)  # while it builds; now and then later
    if mode == "kill":
        process.kill_every_child()
    os._exit(1)
'''


def left_behind(root: Path) -> list[str]:
    """Live processes whose command line names ``root``: pid, parent, state and where the kernel has them wait."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            waiting = Path(f"/proc/{pid}/wchan").read_text()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and str(root).encode() in cmdline:
            found.append(f"pid {pid} (parent {fields[1]}, state {fields[0]}, waiting in {waiting}): "
                         + cmdline.replace(b"\0", b" ").decode(errors="replace")[:120])
    return found


@pytest.mark.parametrize("mode", ["kill", "die"])
def test_a_grader_gone_while_its_sandbox_is_built_leaves_nothing_behind(tmp_path, mode):
    """Does a grader that kills its sandboxes (``kill``) or dies outright (``die``) a few milliseconds after
    starting one leave any process of it behind?"""
    root = tmp_path / "sandboxes"
    root.mkdir()
    result = subprocess.run([sys.executable, "-c", ATTEMPTS, str(root), mode, "40"], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(list(root.iterdir())) == 40, "every attempt should have started its sandbox"
    deadline = time.monotonic() + 20
    while left_behind(root) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert left_behind(root) == []


def test_a_sandbox_that_does_not_start_leaves_nothing_behind(tmp_path):
    """Does a child that misses its start-up limit (TensorFlow's import in 0.2 s) fail to start and leave no
    process, no entry among the running children, no cgroup behind?"""
    from grader.sandbox.host import process

    before = set(process._RUNNING)
    settings = process.ChildSettings(home=tmp_path / "slow", limits=process.Limits(import_seconds=0.2))
    with pytest.raises(process.StartFailed) as failed:
        process.Child(settings)
    assert failed.value.reason == "timeout"
    assert set(process._RUNNING) == before
    assert left_behind(tmp_path) == []
    cgroups = [p.name for p in Path("/sys/fs/cgroup").glob(f"**/tf-grade-{os.getpid()}-*")]
    assert cgroups == []


LEFT_GROUP = '''
import os, signal, subprocess, sys
from grader.sandbox.host import cgroup

group = cgroup.create(256 * 2**20, 16)
if group is None:
    print("none", flush=True)
    sys.exit(0)
sleeper = subprocess.Popen(["sleep", "300"], preexec_fn=group.join, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
print(sleeper.pid, *group.folders, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # no time to clean up, as a killed batch
'''

SWEEP = '''
import sys
from grader.sandbox.host import cgroup

cgroup.STALE_AFTER_S = 0.0  # the dead grader's group is seconds old here, not a minute
group = cgroup.create(256 * 2**20, 16)
print(group is not None)
group and group.remove()
'''


def running(pid: str) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_killed_graders_cgroups_are_removed_by_the_next_grader():
    """A grader SIGKILLed while its child runs leaves that child's cgroups (and here a process in them);
    does the next grader kill what they hold and remove them, and leave a live grader's groups alone?"""
    left = subprocess.run([sys.executable, "-c", LEFT_GROUP], capture_output=True, text=True, timeout=60,
                          check=False)
    if left.stdout.strip() == "none":
        pytest.skip("no cgroup this user may write (not root, no delegated group)")
    pid, *folders = left.stdout.split()
    assert left.returncode == -9 and folders and all(Path(f).is_dir() for f in folders), left.stderr[-1000:]
    assert running(pid), "the killed grader's child should still run, in its group"
    live = Path(folders[0]).parent / f"tf-grade-{os.getpid()}-999"  # a live grader's group: this test's own
    live.mkdir()
    try:
        swept = subprocess.run([sys.executable, "-c", SWEEP], capture_output=True, text=True, timeout=60,
                               check=False)
        assert swept.stdout.strip() == "True", swept.stderr[-1000:]
        assert [f for f in folders if Path(f).exists()] == []
        deadline = time.monotonic() + 5
        while running(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not running(pid), "the process the dead grader's group held should be killed"
        assert live.is_dir(), "a group of a grader that still runs must stay"
    finally:
        live.rmdir()


def test_a_child_ends_the_moment_its_grader_is_gone(tmp_path):
    """The grader's end of the request pipe closes while the child is in the middle of a submission's call
    (a five-minute sleep), as when the grader dies before bubblewrap set its parent-death signal: does the
    child end within seconds instead of finishing the call first?"""
    from grader.sandbox.host.process import Limits
    from grader.sandbox.host.submission import CallError, Submission

    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "slow.py").write_text("import time\n\ndef wait():\n    time.sleep(300)\n", encoding="utf-8")
    sub = Submission(tmp_path, {"slow": "slow.py"}, Limits(call_seconds=600))
    sub.start()
    child = sub.child
    outcome = []

    def call() -> None:
        try:
            sub.call("slow.wait")
        except CallError as failed:
            outcome.append(failed)

    calling = threading.Thread(target=call, daemon=True)
    calling.start()
    time.sleep(1.0)  # the call is under way
    child.proc.stdin.close()
    started = time.monotonic()
    try:
        child.proc.wait(timeout=20)
    finally:
        ended = time.monotonic() - started
        child.close()
    assert ended < 20
    calling.join(timeout=20)
    assert outcome and isinstance(outcome[0], CallError)
