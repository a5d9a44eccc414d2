"""The grader's side of a child process: start it with its limits, talk to it, kill it.

Limits, by what each OS offers (``Child.isolation`` reports what held):

- everywhere: a private working copy, a scrubbed environment, a wall-clock
  limit per call, a cap on captured output, the process tree killed at the end;
- POSIX: a CPU-time limit (``RLIMIT_CPU``), no core files, its own session;
- Linux: a resident-memory watchdog (the cap), an address-space backstop of twice
  the cap on the CPU (``RLIMIT_AS``; CUDA reserves too much address space for it),
  and a cap on the size of any file it writes (``RLIMIT_FSIZE``);
  with ``unshare`` from util-linux, new user, PID, mount and network namespaces:
  no network, read-only files outside its own folder, hidden paths, and every
  process it spawned (even one that called ``setsid``) dies with it; and the child
  is SIGKILLed when the grader dies, so a killed batch leaves nothing running.

With bubblewrap (``bwrap``, see :mod:`grader.sandbox.host.jail`) the child sees
only its own folder and the Python installation, no terminal or device of the
host, nothing writable under ``/proc/sys`` or ``/sys``, and its folder is a
size-limited tmpfs (the disk budget); where the machine lets the grader make a
cgroup (:mod:`grader.sandbox.host.cgroup`) its memory cap counts shared memory and
tmpfs too, and its tasks are capped. Without ``bwrap`` it falls back to
``unshare``, and ``Child.isolation`` says which of these could not apply.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from grader.messages import printable
from grader.sandbox.host import cgroup as cgroups
from grader.sandbox.host import jail
from grader.sandbox.protocol import dumps, loads

# ``python -I`` leaves the working folder and PYTHONPATH out of ``sys.path``: the child is told
# where the grader's own ``grader`` package lives and loads exactly that package (a released kit's
# copy, a development checkout), never another install, and nothing else of the folder around it.
CHILD_BOOT = (
    "import importlib.util, os, runpy, sys\n"
    "package = sys.argv.pop(1)\n"
    "spec = importlib.util.spec_from_file_location('grader', os.path.join(package, '__init__.py'),"
    " submodule_search_locations=[package])\n"
    "sys.modules['grader'] = module = importlib.util.module_from_spec(spec)\n"
    "spec.loader.exec_module(module)\n"
    "runpy.run_module('grader.sandbox.child', run_name='__main__', alter_sys=True)\n")


def _package_dir() -> str:
    """The ``grader`` package this process runs."""
    import grader

    return str(Path(grader.__file__).resolve().parent)


LINUX = sys.platform.startswith("linux")
PR_SET_PDEATHSIG = 1
WINDOWS = os.name == "nt"
MAX_LINE = 8 * 1024 * 1024
FILE_CAP = 512 * 1024 * 1024
IO_ALLOWANCE = 256 * 1024 ** 2
"""What ``io/`` (the folder shared with the grader, on the grader's disk) may hold beyond the disk budget:
arrays the grader has not read yet."""
"""Largest file a child may write (``RLIMIT_FSIZE``): no disk filled by one submission's file."""
KEPT_ENV = ("PATH", "LANG", "LC_ALL", "SYSTEMROOT", "LD_LIBRARY_PATH", "CUDA_VISIBLE_DEVICES",
            "NVIDIA_VISIBLE_DEVICES", "CUDA_HOME", "XLA_FLAGS", "TF_NUM_INTEROP_THREADS",
            "TF_NUM_INTRAOP_THREADS", "OMP_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
            "TF_ENABLE_ONEDNN_OPTS")


class ChildDied(Exception):
    """The child ended or was killed; ``reason`` is timeout, memory, cpu, output, exited or crashed."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class StartFailed(ChildDied):
    """The child died before it was ready: the grader's environment, not the submission, is at fault
    (no submission code has run yet). ``detail`` holds the end of what the child printed."""


@dataclass(frozen=True)
class Limits:
    call_seconds: float = 60.0
    import_seconds: float = 120.0
    cpu_seconds: int = 1200
    memory_mb: int = 4096
    output_kb: int = 64
    tasks: int = 512
    """Processes and threads the child may have at once (cgroup ``pids.max``, else ``RLIMIT_NPROC``)."""
    disk_mb: int = 1024
    """Bytes the child may write into its private folder (a size-limited tmpfs) and, a quarter, /tmp."""


@dataclass
class ChildSettings:
    """Where the child works and what it must not see."""

    home: Path
    """The private folder: ``work/`` (a copy of the submission), ``io/`` (arrays), ``home/``."""
    data: str = ""
    """A keras-style npz the child reads for dataset arguments."""
    hide: list[str] = field(default_factory=list)
    seed: int = 0
    limits: Limits = field(default_factory=Limits)
    warm_keras: bool = False
    """Build a throwaway keras layer before any submission code (a sandbox started ahead, for
    ``grade check --watch``): the submission's first layer then costs what every later one does."""


SANDBOXES = "tf-grade-sandboxes"


def sandbox_root() -> Path:
    """The folder that holds every child's private folder; each child sees only its own."""
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    root = Path(tempfile.gettempdir()) / f"{SANDBOXES}-{uid}"
    root.mkdir(mode=0o700, exist_ok=True)
    return root


def new_sandbox() -> Path:
    """A fresh private folder for one submission, named after this grader process; folders left by
    a grader that was killed (SIGKILL leaves no time to clean up) are removed on the way."""
    root = sandbox_root()
    for entry in root.iterdir():
        parts = entry.name.split("-")
        if len(parts) >= 3 and parts[0] == "sub" and parts[1].isdigit() and not _alive(int(parts[1])):
            shutil.rmtree(entry, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"sub-{os.getpid()}-", dir=root))


def _alive(pid: int) -> bool:
    return psutil.pid_exists(pid)


def gpu_present() -> bool:
    """A cheap guess, without importing TensorFlow, that CUDA will find a GPU."""
    if os.environ.get("CUDA_VISIBLE_DEVICES", None) in ("", "-1"):
        return False
    return LINUX and Path("/dev/nvidia0").exists()


_NAMESPACES: bool | None = None


def namespaces_available() -> bool:
    """Whether ``unshare`` can give the child its own user, PID, mount and network namespaces."""
    global _NAMESPACES
    if os.environ.get("GRADE_NO_NAMESPACES") == "1":
        return False  # the documented switch that plays a machine without them (docs/isolation.md)
    if _NAMESPACES is None:
        _NAMESPACES = False
        tool = shutil.which("unshare")
        if LINUX and tool:
            try:
                probe = subprocess.run(_unshare_prefix(tool) + ["true"], capture_output=True, timeout=10)
                _NAMESPACES = probe.returncode == 0
            except (OSError, subprocess.TimeoutExpired):
                pass
    return _NAMESPACES


def _unshare_prefix(tool: str) -> list[str]:
    """New PID, mount and network namespaces; for an ordinary user a user namespace too (its root is
    that user). As root no user namespace: the child switches to ``nobody`` itself once its mounts are
    made (see :func:`grader.sandbox.child.confine.confine`), so it never runs as the host's root."""
    user = [] if jail.as_root() else ["--user", "--map-root-user"]
    return [tool, *user, "--net", "--pid", "--fork", "--mount", "--mount-proc", "--kill-child"]


WEAK_HIDE_AS_ROOT = ("/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/etc/sudoers.d", "/etc/ssh", "/root")
"""Hidden from a child of the fallback when the grader is root (the grader's own home is hidden anyway)."""


class Child:
    """One running child process and the pipes to it."""

    def __init__(self, settings: ChildSettings):
        self.settings = settings
        self.limits = settings.limits
        self.output = bytearray()
        self.output_dropped = 0
        self.killed_for: str | None = None
        self._lines: queue.Queue = queue.Queue()
        self._next_id = 0
        self.gpu = gpu_present()
        self.jailed = jail.available()
        self.namespaces = self.jailed or namespaces_available()
        self.drops_root = self._can_drop_root()
        """As root with neither bubblewrap nor namespaces, the child becomes ``nobody`` before it runs: only
        where ``nobody`` can run this Python (not one under root's home) and reach its folder; otherwise it
        stays the grader's user, and its isolation says so (``unprivileged_user``)."""
        self.cgroup = cgroups.create(self.limits.memory_mb * 1024 * 1024, self.limits.tasks) if LINUX else None
        try:
            self.proc = self._start()
        except BaseException:
            self._remove_cgroup()
            raise
        threading.Thread(target=self._read_protocol, daemon=True).start()
        threading.Thread(target=self._read_output, daemon=True).start()
        if LINUX:
            threading.Thread(target=self._watch_memory, daemon=True).start()
        try:
            hello = self._receive(self.limits.import_seconds)
        except ChildDied as died:
            output = self.captured_output()[-2000:]
            self.close()  # nothing of a child that did not start stays: its tree, its cgroup, its pipes
            raise StartFailed(died.reason, output) from None
        self.gpus: list[str] = hello.get("gpus", [])
        self.isolation: dict[str, bool] = {**self._parent_isolation(), **hello.get("isolation", {})}
        self.import_seconds = float(hello.get("import_seconds", 0.0))

    # -- starting -------------------------------------------------------------------------
    def _start(self) -> subprocess.Popen:
        home = Path(self.settings.home)
        for sub in ("work", "io", "home", "tmp"):
            (home / sub).mkdir(parents=True, exist_ok=True)
        for sub in ("io", "home", "tmp"):  # what an earlier child left (one killed for filling io/)
            _empty(home / sub)
        from grader import data

        # whoever started it, no child reads a file the grader's digits come from (the course's own
        # configured path comes with the caller's hide list, grading.default_hide)
        hide = [*self.settings.hide, *self._sibling_sandboxes(home), *data.secret_files()]
        settings = {
            "workdir": str(home / "work"), "io": str(home / "io"), "keep": str(home),
            "hide": hide, "data": self.settings.data, "seed": self.settings.seed,
            "tasks": 0 if (self.cgroup and self.cgroup.pids) else self.limits.tasks,
            "warm_keras": self.settings.warm_keras,
        }
        env = {k: os.environ[k] for k in KEPT_ENV if k in os.environ}
        env.update({
            "HOME": str(home / "home"), "TMPDIR": str(home / "tmp"), "PYTHONHASHSEED": "0",
            "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1", "TF_CPP_MIN_LOG_LEVEL": "3",
            "KERAS_BACKEND": "tensorflow", "MPLBACKEND": "Agg", "GRADE_OFFLINE": "1",
            "MPLCONFIGDIR": str(home / "tmp"),
            "TF_FORCE_GPU_ALLOW_GROWTH": "true",
            # oneDNN stays on (TensorFlow's default): with TF_ENABLE_ONEDNN_OPTS=0 the lecture model's fit took
            # twice as long on the CPU (7.6 against 3.8 s for the accuracy run), and with it the same seed
            # still gives the same weights in every run (docs/benchmarks.md)
        })
        env.setdefault("LANG", "C.UTF-8")
        if self.settings.data:
            env["MNIST_PATH"] = self.settings.data
        seccomp = None
        if self.jailed:
            # The child's folder is a fresh tmpfs there: it copies the grader's sources in from src/.
            jail.prepare_shared(home / "io", home / "work")
            settings["src"] = str(home / "src")
            if self.settings.data:
                settings["data"] = env["MNIST_PATH"] = str(home / "data.npz")
            env["GRADE_JAIL"] = "1"
            if jail.as_root():
                env["GRADE_DROP_USER"] = "1"
            disk = self.limits.disk_mb * 1024 * 1024
            seccomp = jail.seccomp_file()
            prefix = jail.command(home, src=home / "work", io=home / "io", data=self.settings.data,
                                  gpu=self.gpu, disk_bytes=disk, tmp_bytes=disk // 4, hide=hide,
                                  seccomp_fd=seccomp)
        elif self.namespaces:
            # The fallback: the machine stays visible read-only except what is hidden; whatever Python
            # needs inside a hidden folder (the grader's home) is bound back read-only.
            settings["reveal"] = jail.python_paths()
            if jail.as_root():
                settings["hide"] = list(dict.fromkeys([*hide, *(p for p in WEAK_HIDE_AS_ROOT if os.path.exists(p)),
                                                       *_closed_above(home)]))
                env["GRADE_DROP_USER"] = "1"
                _give_to_unprivileged_user(home)
        elif self.drops_root:
            # neither bubblewrap nor namespaces (a container such as Colab's): the child still leaves root
            # before it runs anything (:meth:`_no_root_without_namespaces`), in a folder it may write
            _give_to_unprivileged_user(home)
        command = [sys.executable, "-I", "-c", CHILD_BOOT, _package_dir(), json.dumps(settings)]
        if self.jailed:
            command = prefix + command
        elif self.namespaces:
            env["GRADE_NAMESPACES"] = "1"
            command = _unshare_prefix(shutil.which("unshare")) + command
        kwargs: dict = {}
        self._grader_pid = os.getpid()
        if LINUX:  # loaded here: nothing may be imported between fork and exec
            import ctypes

            self._prctl = ctypes.CDLL(None, use_errno=True).prctl
        if WINDOWS:
            kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
        else:
            kwargs["start_new_session"] = True
            kwargs["preexec_fn"] = self._set_rlimits
        if self.jailed and seccomp is not None:
            kwargs["pass_fds"] = (seccomp,)
        try:
            with _STARTING:
                proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, cwd=str(home / "work"), env=env, **kwargs)
                _RUNNING.add(proc)
            return proc
        finally:
            if self.jailed and seccomp is not None:
                os.close(seccomp)  # bwrap has its own copy

    def _no_root_without_namespaces(self) -> None:  # runs in the forked child before exec
        """As root with neither bubblewrap nor namespaces, the child still never runs as root."""
        if self.drops_root:
            os.setgroups([])
            os.setgid(jail.UNPRIVILEGED_UID)
            os.setuid(jail.UNPRIVILEGED_UID)

    @staticmethod
    def _sibling_sandboxes(home: Path) -> list[str]:
        """The sandbox root, when ``home`` is in it: other students' private copies live there."""
        root = sandbox_root()
        return [str(root)] if root in Path(home).resolve().parents else []

    def _set_rlimits(self) -> None:  # runs in the forked child before exec
        import resource

        if self.cgroup is not None:
            self.cgroup.join()
        if LINUX:
            # Die with the grader, however it dies (even SIGKILL): for ``unshare`` this takes the
            # whole PID namespace, and so everything the submission spawned, down with it. The
            # signal follows the thread that started the child, the one that talks to it.
            # bubblewrap is left to its own ``--die-with-parent``, which it sets once the sandbox
            # stands: killed while it builds it, bubblewrap 0.8 leaves the sandbox's first process
            # waiting for it forever. A grader gone before that leaves a child that ends itself
            # when it finds the grader's pipe closed.
            if not self.jailed:
                self._prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            if os.getppid() != self._grader_pid:  # the grader died before the line above
                os._exit(1)
        limits = self.limits
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_CAP, FILE_CAP))
        if LINUX and not self.gpu:
            # A backstop only: TensorFlow reserves about three times the memory it touches, so the
            # address space gets twice the cap and the watchdog holds resident memory to the cap.
            cap = 2 * limits.memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        self._no_root_without_namespaces()

    def _can_drop_root(self) -> bool:
        if not (LINUX and not self.namespaces and jail.as_root()) or not jail.unprivileged_can_run_python():
            return False
        home, root = Path(self.settings.home).resolve(), sandbox_root().resolve()
        if root in home.parents:
            os.chmod(root, 0o711)  # passable for the child, not listable: the other folders' names stay unknown
        return not _closed_above(home)

    @property
    def _leaves_root(self) -> bool:
        """The child does not run as the host's root (the child's own report overrides this where it drops it)."""
        return not jail.as_root() or self.namespaces or self.drops_root

    def _parent_isolation(self) -> dict[str, bool]:
        return {
            "private_copy": True,
            "scrubbed_environment": True,
            "wall_clock_limit": True,
            "output_cap": True,
            "cpu_limit": not WINDOWS,
            "memory_cap": LINUX,
            "memory_cgroup": self.cgroup is not None,
            "kill_all_spawned": self.namespaces,
            "only_own_files": self.jailed,
            "no_host_devices": self.jailed,
            # never the host's root: bwrap, confine or the start drop it (not where nobody cannot run Python)
            "kernel_settings_protected": LINUX and self._leaves_root,
            "unprivileged_user": self._leaves_root,
            "disk_budget": self.jailed,
            "process_count_cap": bool(self.cgroup and self.cgroup.pids),
            "sysv_ipc_refused": self.jailed and jail.seccomp_filter() is not None,
        }

    # -- talking ---------------------------------------------------------------------------
    def request(self, message: dict, timeout: float) -> dict:
        """Send one request and wait for its answer; :class:`ChildDied` when there is none."""
        self._next_id += 1
        message = {**message, "id": self._next_id}
        try:
            self.proc.stdin.write(dumps(message))
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            raise self._died() from None
        while True:
            answer = self._receive(timeout)
            if answer.get("id") == self._next_id:
                return answer

    def _receive(self, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill("timeout")
                raise ChildDied("timeout", f"{timeout:.0f} s")
            try:
                line = self._lines.get(timeout=min(remaining, 0.5))
            except queue.Empty:
                if self.proc.poll() is not None and self._lines.empty():
                    raise self._died() from None
                continue
            if line is None:
                raise self._died()
            try:
                return loads(line)
            except ValueError:
                self.kill("protocol")
                raise ChildDied("protocol", "the child sent something that is not an answer") from None

    def _read_protocol(self) -> None:
        stream = self.proc.stdout
        while True:
            line = stream.readline(MAX_LINE)
            if not line:
                self._lines.put(None)
                return
            self._lines.put(line)

    def _read_output(self) -> None:
        cap = self.limits.output_kb * 1024
        stream = self.proc.stderr
        while True:
            chunk = stream.read1(65536) if hasattr(stream, "read1") else stream.read(65536)
            if not chunk:
                return
            room = cap - len(self.output)
            if room > 0:
                self.output += chunk[:room]
            self.output_dropped += max(0, len(chunk) - max(room, 0))

    def _watch_memory(self) -> None:
        """Resident memory plus memory-backed files (``memfd``) of the whole tree against the cap;
        every byte it can write to the grader's disk against the disk budget: all of ``io/`` with
        bubblewrap (the rest it can write is size-limited tmpfs), else its whole private folder."""
        cap_kb = self.limits.memory_mb * 1024
        io = Path(self.settings.home) / "io" if self.jailed else Path(self.settings.home)
        disk_cap = self.limits.disk_mb * 1024 * 1024 + IO_ALLOWANCE
        while self.proc.poll() is None:
            if tree_memory_kb(self.proc.pid) > cap_kb:
                self.kill("memory")
                return
            if folder_bytes(io, stop_at=disk_cap) > disk_cap:
                self.kill("disk")
                return
            time.sleep(0.2)

    def _died(self) -> ChildDied:
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill("hung")
            code = self.proc.returncode
        if self.killed_for:
            return ChildDied(self.killed_for)
        if self.cgroup is not None and self.cgroup.oom_killed():
            return ChildDied("memory")
        if not WINDOWS and code == -signal.SIGXCPU:
            return ChildDied("cpu")
        if code is not None and code < 0:
            return ChildDied("crashed", f"signal {-code}")
        return ChildDied("exited", f"exit code {code}")

    def captured_output(self) -> str:
        """What the submission printed, without terminal escapes or control characters."""
        text = printable(self.output.decode("utf-8", errors="replace"))
        if self.output_dropped:
            text += f"\n[... {self.output_dropped} more bytes of output dropped]"
        return text

    # -- ending ----------------------------------------------------------------------------
    def kill(self, reason: str | None = None) -> None:
        """Kill the child and everything it spawned."""
        if reason and not self.killed_for:
            self.killed_for = reason
        kill_tree(self.proc)

    def _remove_cgroup(self) -> None:
        if self.cgroup is not None:
            self.cgroup.remove()

    def close(self) -> None:
        """Ask the child to exit, then make sure it and all it spawned are gone."""
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write(dumps({"op": "exit"}))
                self.proc.stdin.flush()
                self.proc.wait(timeout=2)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                pass
        kill_tree(self.proc)
        _RUNNING.discard(self.proc)
        self._remove_cgroup()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                stream.close()
            except OSError:
                pass


def _closed_above(home: Path) -> list[str]:
    """The highest folder above ``home`` that ``nobody`` cannot pass through (``/tmp/pytest-of-root``), if
    any: the fallback hides it behind a passable, unlistable folder that holds only ``home``."""
    for folder in reversed(Path(home).resolve().parents):
        if str(folder) != "/" and not os.stat(folder).st_mode & 0o001:
            return [str(folder)]
    return []


def _empty(folder: Path) -> None:
    """Remove everything inside ``folder`` (links not followed), keeping the folder."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass


def _give_to_unprivileged_user(home: Path) -> None:
    """As root, hand the private folder (and all in it) to ``nobody``, the user the child becomes."""
    for folder, dirs, files in os.walk(home):
        for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
            os.chown(name, jail.UNPRIVILEGED_UID, jail.UNPRIVILEGED_UID, follow_symlinks=False)


def _tree(pid: int) -> list[psutil.Process]:
    """``pid`` and every live process below it (empty when ``pid`` is gone)."""
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def descendants(pid: int) -> list[int]:
    """Every live process below ``pid``."""
    return [process.pid for process in _tree(pid)[1:]]


def tree_memory_kb(pid: int) -> int:
    """Resident memory of ``pid`` and its descendants plus the size of every memory-backed file
    (``memfd_create``) they hold open: such a file holds host memory without being resident."""
    total = 0
    seen = set()
    for process in _tree(pid):
        try:
            total += process.memory_info().rss // 1024
        except psutil.Error:
            continue
        total += _memfd_kb(process.pid, seen)
    return total


def _memfd_kb(pid: int, seen: set) -> int:
    """The memory-backed files ``pid`` holds open and ``seen`` does not count yet (Linux). psutil's
    ``open_files()`` leaves them out (their link, ``/memfd:NAME (deleted)``, names no file on disk),
    so the links under ``/proc/PID/fd`` are read here."""
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return 0
    total = 0
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}").startswith("/memfd:"):
                info = os.stat(f"/proc/{pid}/fd/{fd}")
                if (info.st_dev, info.st_ino) not in seen:
                    seen.add((info.st_dev, info.st_ino))
                    total += info.st_blocks // 2
        except OSError:
            continue
    return total


ENTRY_BYTES = 4096
"""What each file, folder or link counts at least: empty files fill a disk's inodes all the same."""


def folder_bytes(folder: Path, stop_at: int | None = None) -> int:
    """Bytes held under ``folder``, every sub-folder and hidden file included (links not followed, a
    file with several hard links counted once, each entry at least :data:`ENTRY_BYTES`); the walk
    stops once past ``stop_at``."""
    total = 0
    seen: set[tuple[int, int]] = set()
    pending = [folder]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    try:
                        info = entry.stat(follow_symlinks=False)
                        if entry.is_dir(follow_symlinks=False):
                            pending.append(entry.path)
                    except OSError:
                        continue
                    if (info.st_dev, info.st_ino) in seen:
                        continue
                    seen.add((info.st_dev, info.st_ino))
                    total += max(info.st_blocks * 512, ENTRY_BYTES)
                    if stop_at is not None and total > stop_at:
                        return total
        except OSError:
            continue
    return total


_STARTING = threading.Lock()
_RUNNING: set[subprocess.Popen] = set()
"""The children this process started and has not closed (:func:`kill_every_child`)."""


def kill_every_child() -> None:
    """Kill every child this process started and has not closed, and start none after: for a process
    about to end without closing them (a batch worker whose batch is gone)."""
    _STARTING.acquire(timeout=10)  # kept: a child being started now is in the set once this returns
    for proc in list(_RUNNING):
        kill_tree(proc)


def _stop_tree(pid: int) -> list[psutil.Process]:
    """SIGSTOP ``pid`` and every process below it, again until no new one appears: a stopped process
    starts no other. Returns them all (killed one by one instead, a bubblewrap caught while it builds
    its sandbox would leave the sandbox's first process behind, waiting for it forever)."""
    stopped: dict[int, psutil.Process] = {}
    for _ in range(20):
        fresh = [p for p in _tree(pid) if p.pid not in stopped]
        if not fresh:
            break
        for process in fresh:
            stopped[process.pid] = process
            try:
                process.suspend()
            except psutil.Error:
                pass
        deadline = time.monotonic() + 0.5
        for process in fresh:  # stopped, not merely signalled: a clone under way has finished
            while time.monotonic() < deadline:
                try:
                    if process.status() in (psutil.STATUS_STOPPED, psutil.STATUS_TRACING_STOP, psutil.STATUS_ZOMBIE,
                                            psutil.STATUS_DEAD):
                        break
                except psutil.Error:
                    break
                time.sleep(0.001)
    return list(stopped.values())


def kill_tree(proc: subprocess.Popen) -> None:
    """SIGKILL the process, its process group and every descendant still found (all stopped first)."""
    if WINDOWS:
        subprocess.run(["taskkill", "/T", "/F", "/PID", str(proc.pid)], capture_output=True)
        proc.kill()
        return
    victims = [p.pid for p in _stop_tree(proc.pid) if p.pid != proc.pid] if proc.poll() is None else []
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    for pid in victims:
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        proc.kill()
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired, OSError):
        pass
