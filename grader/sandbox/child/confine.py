"""Inside the child, before any submission code runs: apply the limits only the child can set.

On Linux the child starts inside fresh user, mount, PID and network namespaces
(``unshare``, see :mod:`grader.sandbox.host.process`). Here it then makes every
mount read-only, puts a private tmpfs over ``/dev/shm`` and an empty one over
every path the grader asks to hide (the folder holding every submission's
private copy, the batch folder, the output folder, solutions, hidden checks),
binds back its own private folder read-write (its ``TMPDIR`` is inside it),
and drops every capability so the submission cannot undo any of it.

Each step reports whether it worked; nothing here raises, since a student on
a laptop without namespaces must still be graded (with the limit reported as
not enforced).
"""

from __future__ import annotations

import ctypes
import os
import sys

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
PR_SET_NO_NEW_PRIVS = 38
PR_CAPBSET_DROP = 24
SCRATCH = ("/dev/shm",)  # shared memory: private, so students cannot pass notes through it


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _mount(libc, source: str, target: str, fstype: str | None, flags: int, data: str | None) -> bool:
    rc = libc.mount(source.encode(), target.encode(), fstype.encode() if fstype else None,
                    ctypes.c_ulong(flags), data.encode() if data else None)
    return rc == 0


OPTION_FLAGS = {"nosuid": MS_NOSUID, "nodev": MS_NODEV, "noexec": 8, "noatime": 1024,
                "nodiratime": 2048, "relatime": 1 << 21, "strictatime": 1 << 24}


def _mount_points() -> list[tuple[str, int]]:
    """Each mount point with the flags it already has (a remount must keep locked ones)."""
    points = []
    with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            fields = line.split()
            if len(fields) > 5:
                flags = 0
                for option in fields[5].split(","):
                    flags |= OPTION_FLAGS.get(option, 0)
                points.append((fields[4].replace("\\040", " "), flags))
    return points


def _drop_capabilities(libc) -> bool:
    libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    for cap in range(64):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    header = Header(0x20080522, 0)
    data = (Data * 2)()
    return libc.capset(ctypes.byref(header), ctypes.byref(data)) == 0


def confine(keep: str, hide: list[str]) -> dict[str, bool]:
    """Lock the file system down to ``keep`` (read-write) and drop privileges. Linux only."""
    done = {"read_only_files": False, "hidden_paths": False, "capabilities_dropped": False}
    if not sys.platform.startswith("linux") or os.environ.get("GRADE_NAMESPACES") != "1":
        return done
    libc = _libc()
    if not _mount(libc, "none", "/", None, MS_REC | MS_PRIVATE, None):
        return done
    keep_fd = os.open(keep, os.O_RDONLY | os.O_DIRECTORY)
    ro = True
    for point, flags in reversed(_mount_points()):
        if point.startswith(("/proc", "/sys", "/dev")):
            continue
        if not _mount(libc, "none", point, None, flags | MS_BIND | MS_REMOUNT | MS_RDONLY, None):
            ro = False
    done["read_only_files"] = ro
    for scratch in SCRATCH:
        if os.path.isdir(scratch):
            _mount(libc, "tmpfs", scratch, "tmpfs", MS_NOSUID | MS_NODEV, "size=256m,mode=1777")
    hidden = True
    holders = []  # hidden folders that hold ``keep``: passable, not listable, read-only once bound
    for path in hide:
        if os.path.isdir(path):
            holds_keep = keep.startswith(path.rstrip("/") + "/")
            if holds_keep:
                holders.append(path)
            flags = MS_NOSUID | MS_NODEV | (0 if holds_keep else MS_RDONLY)
            hidden &= _mount(libc, "tmpfs", path, "tmpfs", flags, f"size=64k,mode={'0111' if holds_keep else '000'}")
        elif os.path.exists(path):
            hidden &= _mount(libc, "/dev/null", path, None, MS_BIND, None)
    done["hidden_paths"] = hidden
    os.makedirs(keep, exist_ok=True)
    kept = _mount(libc, f"/proc/self/fd/{keep_fd}", keep, None, MS_BIND, None)
    os.close(keep_fd)
    if kept:  # the bind copies the read-only flag just set: lift it on this one mount
        flags = dict(_mount_points()).get(keep, 0)
        kept = _mount(libc, "none", keep, None, flags | MS_BIND | MS_REMOUNT, None)
    for path in holders:
        done["hidden_paths"] &= _mount(libc, "none", path, None,
                                       MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, None)
    done["read_only_files"] = done["read_only_files"] and kept
    done["capabilities_dropped"] = _drop_capabilities(libc)
    return done


UNPRIVILEGED_UID = 65534
"""The user a child switches to when the grader runs as root (``nobody``; the host's jail sets this up)."""


def drop_to_unprivileged_user() -> bool:
    """Inside the child, first thing (root only): become ``nobody``; every capability goes with it."""
    if os.environ.pop("GRADE_DROP_USER", None) != "1":
        return False
    os.setgroups([])
    os.setgid(UNPRIVILEGED_UID)
    os.setuid(UNPRIVILEGED_UID)
    return os.getuid() == UNPRIVILEGED_UID and os.geteuid() == UNPRIVILEGED_UID


def set_cpu_allowance(seconds: float) -> None:
    """Let the next call use at most ``seconds`` more CPU time (never above the hard limit)."""
    try:
        import resource
    except ImportError:  # Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard == resource.RLIM_INFINITY:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = usage.ru_utime + usage.ru_stime
    target = min(hard, int(used + seconds) + 1)
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (target, hard))
    except (ValueError, OSError):
        pass
