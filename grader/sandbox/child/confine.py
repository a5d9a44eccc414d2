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


def _drop_capabilities(libc, become_unprivileged: bool = False) -> bool:
    """No new privileges, an empty bounding set, then (as root: ``nobody`` first, which empties the
    effective and permitted sets too) no capability left."""
    libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    for cap in range(64):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)
    if become_unprivileged and not drop_to_unprivileged_user(asked=True):
        return False

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    header = Header(0x20080522, 0)
    data = (Data * 2)()
    return libc.capset(ctypes.byref(header), ctypes.byref(data)) == 0


def _inside(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip("/") + "/")


def _hide(libc, path: str, mode: str, writable: bool = False) -> bool:
    """An empty tmpfs over the folder ``path`` (``mode``), or ``/dev/null`` over the file; ``True`` when
    there is nothing there to hide."""
    if os.path.isdir(path):
        flags = MS_NOSUID | MS_NODEV | (0 if writable else MS_RDONLY)
        return _mount(libc, "tmpfs", path, "tmpfs", flags, f"size=64k,mode={mode}")
    if os.path.exists(path):
        return _mount(libc, "/dev/null", path, None, MS_BIND, None)
    return True


def _bind_back(libc, fd: int, path: str, writable: bool) -> bool:
    """Bind the folder held open as ``fd`` (from before it was hidden) at ``path`` again."""
    os.makedirs(path, exist_ok=True)
    if not _mount(libc, f"/proc/self/fd/{fd}", path, None, MS_BIND, None):
        return False
    # the bind copies the flags of the mount it came from: set read-only or read-write on this one
    flags = dict(_mount_points()).get(path, 0) | MS_BIND | MS_REMOUNT
    return _mount(libc, "none", path, None, flags | (0 if writable else MS_RDONLY), None)


def confine(keep: str, hide: list[str], reveal: list[str] = ()) -> dict[str, bool]:
    """Lock the file system down to ``keep`` (read-write) and drop privileges. Linux only.

    ``reveal``: folders the child's Python needs (its installation, the ``grader`` package); one that lies
    inside a hidden folder (the grading user's home) is bound back read-only, and whatever is to be hidden
    inside it (a data set in ``site-packages``) is hidden again. As root (``GRADE_DROP_USER``) the child
    then becomes ``nobody``: it never runs as the host's root."""
    done = {"read_only_files": False, "hidden_paths": False, "capabilities_dropped": False}
    if not sys.platform.startswith("linux") or os.environ.get("GRADE_NAMESPACES") != "1":
        return done
    become_unprivileged = os.environ.pop("GRADE_DROP_USER", None) == "1"
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
    hidden_dirs = [p for p in hide if os.path.isdir(p)]
    shown = {}
    for path in reveal:
        if os.path.isdir(path) and any(_inside(path, h) for h in hidden_dirs):
            shown[path] = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    hidden = True
    holders = []  # hidden folders that hold ``keep`` or a revealed folder: read-only once bound
    for path in hide:
        if _inside(keep, path):  # passable, not listable
            holders.append(path)
            hidden &= _hide(libc, path, "0111", writable=True)
        elif any(_inside(r, path) for r in shown):  # passable and listable for nobody: Python lies below
            holders.append(path)
            hidden &= _hide(libc, path, "0755", writable=True)
        else:
            hidden &= _hide(libc, path, "000")
    os.makedirs(keep, exist_ok=True)
    kept = _bind_back(libc, keep_fd, keep, writable=True)
    os.close(keep_fd)
    for path, fd in sorted(shown.items()):
        hidden &= _bind_back(libc, fd, path, writable=False)
        os.close(fd)
    for path in hide:  # a secret inside a folder bound back (a data set in site-packages)
        if any(path == r or _inside(path, r) for r in shown):
            hidden &= _hide(libc, path, "000")
    for path in holders:
        hidden &= _mount(libc, "none", path, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, None)
    done["hidden_paths"] = hidden
    done["read_only_files"] = done["read_only_files"] and kept
    done["capabilities_dropped"] = _drop_capabilities(libc, become_unprivileged)
    if become_unprivileged:
        done["unprivileged_user"] = os.getuid() == UNPRIVILEGED_UID
    return done


UNPRIVILEGED_UID = 65534
"""The user a child switches to when the grader runs as root (``nobody``; the host's jail sets this up)."""


def drop_to_unprivileged_user(asked: bool = False) -> bool:
    """Inside the child (root only; ``asked``, or ``GRADE_DROP_USER`` set): become ``nobody``; every
    capability goes with it."""
    if os.environ.pop("GRADE_DROP_USER", None) != "1" and not asked:
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
