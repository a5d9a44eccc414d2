"""The child's view of the machine, built by bubblewrap (``bwrap``) on Linux.

The child sees only what it needs, every other path simply does not exist for it:

- the system's programs and libraries (``/usr``, ``/lib*``, ``/bin``) and the
  Python installation it runs in (the interpreter's prefixes, the virtual
  environment, the ``grader`` package), all read-only;
- ``/dev/null``, ``/dev/zero``, ``/dev/urandom`` (and the GPU's device files
  when there is one), no terminal of the host: ``/dev`` is read-only;
- a fresh ``/proc`` for its own PID namespace (``/proc/sys`` cannot be written:
  the child's user is never the host's root), no ``/sys`` (read-only for a GPU);
- its private folder as a size-limited tmpfs (the disk budget: its working
  copy, ``HOME``, ``TMPDIR``), a size-limited private ``/tmp`` and
  ``/dev/shm``; the grader's copy of the sources and the data set read-only;
  ``io/``, the one folder shared with the grader, read-write.

It gets new user, PID, mount, network, IPC, UTS and cgroup namespaces, no
capabilities, no new privileges and no further user namespaces. A seccomp filter
refuses System V shared memory and message queues (``shmget``, ``msgget``): memory
they hold belongs to no process, so no watchdog could count it where no cgroup
does (TensorFlow and Python use neither; POSIX ``/dev/shm`` is a bounded tmpfs). When the grader
runs as root, bubblewrap runs privileged and the child switches to an
unprivileged user (``nobody``) before any submission code runs: a child that
is the host's root, even without capabilities, could write whatever root's
owner permission bits allow (kernel settings under ``/proc/sys``).
"""

from __future__ import annotations

import os
import platform
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

LINUX = sys.platform.startswith("linux")
UNPRIVILEGED_UID = 65534
"""The user a child runs as when the grader is root (``nobody``)."""
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "alternatives", "fonts")
SHM_BYTES = 64 * 1024 * 1024


SYSV_IPC_CALLS = {  # audit architecture → system call numbers of shmget and msgget
    "x86_64": (0xC000003E, (29, 68)),
    "aarch64": (0xC00000B7, (194, 186)),
}
"""System V IPC calls the seccomp filter refuses (with EPERM), per machine."""


def seccomp_filter() -> bytes | None:
    """A classic BPF program for ``bwrap --seccomp``: ``shmget`` and ``msgget`` fail with EPERM (on
    x86_64 their x32 numbers too), everything else is allowed; ``None`` on another machine."""
    known = SYSV_IPC_CALLS.get(platform.machine())
    if known is None:
        return None
    arch, calls = known
    numbers = list(calls) + ([0x40000000 | n for n in calls] if platform.machine() == "x86_64" else [])
    load, jump_eq, ret = 0x20, 0x15, 0x06  # BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_RET|BPF_K
    allow, refuse = 0x7FFF0000, 0x00050000 | 1  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EPERM
    program = [(load, 0, 0, 4),  # seccomp_data.arch
               (jump_eq, 1, 0, arch),  # this machine's calls: go on; another ABI: allow
               (ret, 0, 0, allow),
               (load, 0, 0, 0)]  # seccomp_data.nr
    for index, number in enumerate(numbers):
        left = len(numbers) - index - 1  # checks after this one
        program.append((jump_eq, left + 1, 0, number))  # to the refusal after the remaining checks and allow
    program += [(ret, 0, 0, allow), (ret, 0, 0, refuse)]
    return b"".join(struct.pack("=HBBI", *instruction) for instruction in program)


def seccomp_file() -> int | None:
    """A file descriptor (inheritable, at its start) holding :func:`seccomp_filter` for bwrap to read; the
    caller passes it to the child's process and closes it after the start. ``None``: no filter here."""
    program = seccomp_filter()
    if program is None:
        return None
    with tempfile.TemporaryFile() as fh:
        fh.write(program)
        fh.flush()
        fd = os.dup(fh.fileno())
    os.lseek(fd, 0, os.SEEK_SET)
    os.set_inheritable(fd, True)
    return fd


def tool() -> str | None:
    return shutil.which("bwrap") if LINUX else None


def as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


_WORKS: bool | None = None


def available() -> bool:
    """Whether bubblewrap is installed and can make the namespaces here (probed once)."""
    global _WORKS
    if os.environ.get("GRADE_NO_BWRAP") == "1" or os.environ.get("GRADE_NO_NAMESPACES") == "1":
        return False  # the documented switches that play a machine without it (docs/isolation.md)
    if _WORKS is None:
        _WORKS = False
        bwrap = tool()
        if bwrap:
            probe = [bwrap, *_namespaces(), *_system_view(), "--proc", "/proc", "--", "true"]
            try:
                _WORKS = subprocess.run(probe, capture_output=True, timeout=20).returncode == 0
            except (OSError, subprocess.TimeoutExpired):
                pass
    return _WORKS


def _namespaces() -> list[str]:
    args = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
            "--die-with-parent", "--new-session"]
    if as_root():
        # bwrap runs privileged, without a user namespace (it would map the child to the host's root):
        # the child switches to an unprivileged user itself, which drops these two capabilities too.
        args += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    else:
        args += ["--unshare-user", "--disable-userns", "--cap-drop", "ALL"]
    return args


def _system_view() -> list[str]:
    args = []
    for folder in SYSTEM_DIRS:
        if os.path.islink(folder):
            args += ["--symlink", os.readlink(folder), folder]
        elif os.path.isdir(folder):
            args += ["--ro-bind", folder, folder]
    args += ["--perms", "0755", "--dir", "/etc"]
    for name in ETC_FILES:
        path = f"/etc/{name}"
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    return args


def python_paths() -> list[str]:
    """The folders the child's Python needs, read-only: its prefixes and the ``grader`` package."""
    import grader

    wanted = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
              os.path.dirname(sys.executable), str(Path(grader.__file__).resolve().parent)}
    paths = set()
    for path in wanted:
        for form in (os.path.abspath(path), os.path.realpath(path)):
            if os.path.isdir(form):
                paths.add(form)
    covered = [d for d in SYSTEM_DIRS if os.path.isdir(d) and not os.path.islink(d)]
    kept = []
    for path in sorted(paths, key=len):  # a folder inside one already kept needs no bind of its own
        if not any(path == c or path.startswith(c.rstrip("/") + "/") for c in [*covered, *kept]):
            kept.append(path)
    return kept


def unprivileged_can_run_python() -> bool:
    """Whether ``nobody`` can run this Python and read the ``grader`` package: every folder on the way to
    each of :func:`python_paths` (and the interpreter) passable by others, each of them readable. A Python
    under root's home (pyenv in ``/root``, mode 700) is not; Debian's, Colab's or a venv in ``/opt`` is."""
    def others_may(path: str, bits: int) -> bool:
        try:
            st = os.stat(path)
        except OSError:
            return False
        return st.st_uid == UNPRIVILEGED_UID or st.st_mode & bits == bits

    needed = [*python_paths(), os.path.realpath(sys.executable)]
    for path in needed:
        parts = Path(path).parts
        for depth in range(1, len(parts)):
            if not others_may(str(Path(*parts[:depth])), 0o001):
                return False
        if not others_may(path, 0o005):
            return False
    return True


def command(home: Path, *, src: Path, io: Path, data: str, gpu: bool, disk_bytes: int,
            tmp_bytes: int, hide: list[str], seccomp_fd: int | None = None) -> list[str]:
    """The ``bwrap`` arguments (before the child's own command) for the private folder ``home``;
    ``seccomp_fd``: a file descriptor of :func:`seccomp_file`, passed on to the child's process."""
    home = str(home)
    args = [tool(), *_namespaces(), *_system_view()]
    if seccomp_fd is not None:
        args += ["--seccomp", str(seccomp_fd)]
    args += ["--proc", "/proc", "--tmpfs", "/dev"]
    for dev in ("null", "zero", "urandom"):
        args += ["--dev-bind", f"/dev/{dev}", f"/dev/{dev}"]
    if gpu:
        for dev in sorted(os.listdir("/dev")):
            if dev.startswith("nvidia"):
                args += ["--dev-bind", f"/dev/{dev}", f"/dev/{dev}"]
        args += ["--ro-bind", "/sys", "/sys"]
    args += ["--perms", "1777", "--size", str(SHM_BYTES), "--tmpfs", "/dev/shm", "--remount-ro", "/dev",
             "--perms", "1777", "--size", str(tmp_bytes), "--tmpfs", "/tmp",
             "--perms", "0111", "--dir", os.path.dirname(home),  # passable, not listable
             "--perms", "1777", "--size", str(disk_bytes), "--tmpfs", home]
    # After the private /tmp and /dev/shm: a Python, venv or kit that lives under /tmp stays visible.
    binds = python_paths()
    parents = sorted({str(a) for b in binds for a in Path(b).parents if str(a) != "/"}, key=len)
    for folder in parents:  # bwrap would copy a parent's mode (/root: 0700) and lock nobody out
        args += ["--perms", "0755", "--dir", folder]
    for path in binds:
        args += ["--ro-bind", path, path]
    for path in hide:  # nothing secret may sit inside a bound folder either
        if any(path.startswith(b.rstrip("/") + "/") for b in binds):
            args += ["--tmpfs", path] if os.path.isdir(path) else ["--ro-bind", "/dev/null", path]
    for sub in ("work", "home", "tmp"):
        args += ["--perms", "1777", "--dir", f"{home}/{sub}"]
    args += ["--ro-bind", str(src), f"{home}/src", "--bind", str(io), f"{home}/io"]
    if data:
        args += ["--ro-bind", data, f"{home}/data.npz"]
    args += ["--chdir", f"{home}/work", "--"]
    return args


def prepare_shared(io: Path, src: Path) -> None:
    """As root, let the unprivileged child write ``io/`` and read the sources."""
    if as_root():
        os.chown(io, UNPRIVILEGED_UID, UNPRIVILEGED_UID)
        os.chmod(io, 0o700)
        os.chmod(src, 0o755)
        for entry in src.iterdir():
            os.chmod(entry, 0o644)
