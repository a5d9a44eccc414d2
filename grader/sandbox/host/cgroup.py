"""A control group for one child: a memory cap that counts everything, and a cap on its tasks.

The kernel's memory controller charges the child for all the memory it makes
the host hold, not only its resident pages: memory-backed files
(``memfd_create``), ``/dev/shm`` and tmpfs writes, page cache. The pids
controller bounds its processes and threads together. Where the machine offers
a cgroup the grader may write (cgroup v2 with the memory and pids controllers
enabled below the grader's own group, or cgroup v1's memory and pids
hierarchies: typically when the grader runs as root, or in a delegated
systemd scope), each child gets its own group below the grader's; elsewhere
:func:`create` returns ``None`` and the caller falls back to its own accounting.
"""

from __future__ import annotations

import errno
import itertools
import os
import signal
import time
from dataclasses import dataclass, field

import psutil

_COUNTER = itertools.count()
PREFIX = "tf-grade-"
STALE_AFTER_S = 60.0
"""A group left by a dead grader is removed once it is this old (a live grader's group gets its
process within milliseconds of being made)."""
_SWEPT: set[str] = set()


def _own_paths() -> dict[str, str]:
    """Controller (``""`` for v2) → this process's path in that hierarchy."""
    paths = {}
    try:
        with open("/proc/self/cgroup", encoding="utf-8") as fh:
            for line in fh:
                _number, controllers, path = line.rstrip("\n").split(":", 2)
                for name in controllers.split(",") if controllers else [""]:
                    paths[name] = path
    except OSError:
        pass
    return paths


def _mounts() -> list[tuple[str, str, set[str]]]:
    """(mount point, fstype, options) of every cgroup file system."""
    found = []
    try:
        with open("/proc/self/mountinfo", encoding="utf-8") as fh:
            for line in fh:
                left, _, right = line.partition(" - ")
                fields, rfields = left.split(), right.split()
                if rfields and rfields[0] in ("cgroup", "cgroup2"):
                    options = set(rfields[2].split(",")) if len(rfields) > 2 else set()
                    found.append((fields[4].replace("\\040", " "), rfields[0], options))
    except OSError:
        pass
    return found


def _write(path: str, value: str) -> bool:
    try:
        with open(path, "w", encoding="ascii") as fh:
            fh.write(value)
        return True
    except OSError:
        return False


def _read(path: str) -> str:
    try:
        with open(path, encoding="ascii") as fh:
            return fh.read()
    except OSError:
        return ""


@dataclass
class Cgroup:
    version: int
    folders: list[str]
    """Every group made (one for v2; the memory and the pids group for v1)."""
    memory: str
    """The group whose files hold the memory counters."""
    pids: bool
    procs: list[str] = field(default_factory=list)
    """The ``cgroup.procs`` files a new process writes its pid into."""

    def join(self) -> None:
        """Move the calling process in (runs between fork and exec: system calls only)."""
        pid = str(os.getpid()).encode()
        for path in self.procs:
            fd = os.open(path, os.O_WRONLY)
            try:
                os.write(fd, pid)
            finally:
                os.close(fd)

    def oom_killed(self) -> bool:
        """Whether the kernel killed something in the group for memory."""
        name = "memory.events" if self.version == 2 else "memory.oom_control"
        for line in _read(os.path.join(self.memory, name)).splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill" and value.strip().isdigit() and int(value) > 0:
                return True
        return False

    def remove(self) -> None:
        """Remove the groups once every process in them is gone (retried briefly)."""
        for folder in self.folders:
            _remove_group(folder)


def create(memory_bytes: int, tasks: int) -> Cgroup | None:
    """A fresh group capped at ``memory_bytes`` (swap included) and ``tasks``, or ``None``."""
    if os.environ.get("GRADE_NO_CGROUP") == "1" or not os.path.exists("/proc/self/cgroup"):
        return None
    name = f"{PREFIX}{os.getpid()}-{next(_COUNTER)}"
    own = _own_paths()
    mounts = _mounts()
    for point, fstype, _ in mounts:
        if fstype == "cgroup2" and "" in own:
            group = _v2(os.path.join(point, own[""].lstrip("/")), name, memory_bytes, tasks)
            if group:
                return group
    v1_memory = next((p for p, t, o in mounts if t == "cgroup" and "memory" in o), None)
    if v1_memory and "memory" in own:
        return _v1(v1_memory, own, next((p for p, t, o in mounts if t == "cgroup" and "pids" in o), None),
                   name, memory_bytes, tasks)
    return None


def sweep(parent: str) -> list[str]:
    """Remove the groups below ``parent`` that a grader killed before it could (SIGKILL leaves no time
    to clean up): named ``tf-grade-PID-N`` for a PID no longer running and older than a minute, their
    processes killed first. Done once per parent and process; returns what was removed."""
    if parent in _SWEPT:
        return []
    _SWEPT.add(parent)
    removed = []
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        pid = entry.name[len(PREFIX):].split("-")[0] if entry.name.startswith(PREFIX) else ""
        if not pid.isdigit() or int(pid) == os.getpid() or psutil.pid_exists(int(pid)):
            continue
        try:
            if not entry.is_dir(follow_symlinks=False) or now - entry.stat().st_mtime < STALE_AFTER_S:
                continue
        except OSError:
            continue
        if _remove_group(entry.path):
            removed.append(entry.path)
    return removed


def _remove_group(folder: str) -> bool:
    """Remove a group, killing what it still holds, retried briefly while the kernel lets its processes
    go (``EBUSY``); whether it is gone."""
    for _ in range(20):
        try:
            os.rmdir(folder)
            return True
        except FileNotFoundError:
            return True
        except OSError as error:
            if error.errno != errno.EBUSY:
                return False
            _kill_members(folder)
            time.sleep(0.05)
    return False


def _kill_members(folder: str) -> None:
    """Kill what a group still holds (a sandbox its grader left running)."""
    if not _write(os.path.join(folder, "cgroup.kill"), "1"):  # v1 has no cgroup.kill
        for line in _read(os.path.join(folder, "cgroup.procs")).split():
            try:
                os.kill(int(line), signal.SIGKILL)
            except (OSError, ValueError):
                pass


def _v2(parent: str, name: str, memory_bytes: int, tasks: int) -> Cgroup | None:
    if "memory" not in _read(os.path.join(parent, "cgroup.controllers")).split():
        return None
    if "memory" not in _read(os.path.join(parent, "cgroup.subtree_control")).split():
        _write(os.path.join(parent, "cgroup.subtree_control"), "+memory +pids")
    sweep(parent)
    folder = os.path.join(parent, name)
    try:
        os.mkdir(folder)
    except OSError:
        return None
    group = Cgroup(2, [folder], folder, False, [os.path.join(folder, "cgroup.procs")])
    if not _write(os.path.join(folder, "memory.max"), str(memory_bytes)):
        group.remove()
        return None
    _write(os.path.join(folder, "memory.swap.max"), "0")
    group.pids = _write(os.path.join(folder, "pids.max"), str(tasks))
    return group


def _v1(memory_root: str, own: dict, pids_root: str | None, name: str, memory_bytes: int,
        tasks: int) -> Cgroup | None:
    parent = os.path.join(memory_root, own["memory"].lstrip("/"))
    sweep(parent)
    folder = os.path.join(parent, name)
    try:
        os.mkdir(folder)
    except OSError:
        return None
    group = Cgroup(1, [folder], folder, False, [os.path.join(folder, "cgroup.procs")])
    if not _write(os.path.join(folder, "memory.limit_in_bytes"), str(memory_bytes)):
        group.remove()
        return None
    _write(os.path.join(folder, "memory.memsw.limit_in_bytes"), str(memory_bytes))
    if pids_root and "pids" in own:
        pids_parent = os.path.join(pids_root, own["pids"].lstrip("/"))
        sweep(pids_parent)
        pids = os.path.join(pids_parent, name)
        try:
            os.mkdir(pids)
            group.folders.append(pids)
            if _write(os.path.join(pids, "pids.max"), str(tasks)):
                group.procs.append(os.path.join(pids, "cgroup.procs"))
                group.pids = True
        except OSError:
            pass
    return group
