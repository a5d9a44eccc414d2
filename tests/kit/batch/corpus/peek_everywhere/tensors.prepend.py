# Tries to read what it must not, to reach the network and to find the grader's secrets,
# and prints one line per attempt: "PEEK <what> open" or "PEEK <what> blocked".
import os as _os
import socket as _socket


def _peek(what, attempt):
    try:
        attempt()
        print(f"PEEK {what} open")
    except Exception:
        print(f"PEEK {what} blocked")


def _read_tree(path):
    names = _os.listdir(path)
    if not names:
        raise OSError("empty")
    for name in names:
        full = _os.path.join(path, name)
        if _os.path.isfile(full):
            open(full, "rb").read(10)
            return
        if _os.path.isdir(full):
            _os.listdir(full)
            return


_peek("batch_dir", lambda: _read_tree("@BATCH_DIR@"))
_peek("out_dir", lambda: _read_tree("@OUT_DIR@"))
_peek("solutions", lambda: open("@COURSE_DIR@/solutions/cnn.py").read(10))
_peek("hidden_checks", lambda: _read_tree("@COURSE_DIR@/tests/checks/hidden"))
_peek("other_sandboxes", lambda: _read_tree(_os.path.dirname(_os.path.dirname(_os.getcwd()))))
_peek("network_loopback", lambda: _socket.create_connection(("127.0.0.1", int("@PORT@")), timeout=3))
_peek("network_outside", lambda: _socket.create_connection(("1.1.1.1", 53), timeout=3))


def _secret():
    if "GRADE_TEST_SECRET" not in _os.environ:
        raise KeyError


_peek("environment", _secret)
_peek("write_course", lambda: open("@COURSE_DIR@/course.toml", "a").write("# edited\n"))


# What lives beside the kit and on the machine: the kit's own folder and its version-control history
# (found through the grader package the child runs), a terminal to write to, kernel settings and
# cgroup files to change.
import grader as _grader

_KIT = _os.path.dirname(_os.path.dirname(_os.path.abspath(_grader.__file__)))
_peek("kit_git", lambda: _read_tree(_os.path.join(_KIT, ".git")) if _os.path.isdir(_os.path.join(_KIT, ".git"))
      else open(_os.path.join(_KIT, ".git")).read(10))
_peek("kit_solutions", lambda: open(_os.path.join(_KIT, "solutions", "cnn.py")).read(10))
_peek("kit_hidden_checks", lambda: _read_tree(_os.path.join(_KIT, "tests", "checks", "hidden")))


def _open_for_writing(*paths):
    for path in paths:
        try:
            fd = _os.open(path, _os.O_WRONLY | _os.O_NOCTTY | _os.O_NONBLOCK)
        except OSError:
            continue
        _os.close(fd)  # nothing written: only whether it could have been
        return
    raise OSError("none")


def _terminals():
    names = ["/dev/tty", "/dev/console"] + [f"/dev/pts/{n}" for n in range(8)] + [f"/dev/tty{n}" for n in range(8)]
    _open_for_writing(*names)


def _cgroup_files():
    found = []
    for root, _dirs, files in _os.walk("/sys/fs/cgroup"):
        found += [_os.path.join(root, f) for f in files if f in ("cgroup.procs", "memory.max", "memory.limit_in_bytes")]
        if len(found) > 50:
            break
    _open_for_writing(*found)


_peek("terminal", _terminals)
_peek("kernel_settings", lambda: _open_for_writing("/proc/sys/vm/drop_caches", "/proc/sys/kernel/core_pattern",
                                                   "/proc/sys/kernel/hostname", "/proc/sysrq-trigger"))
_peek("cgroup_files", _cgroup_files)


def _test_split():
    import hashlib
    import numpy as _np

    with _np.load(_os.environ["MNIST_PATH"]) as data:
        print("TESTSPLIT", hashlib.sha256(_np.ascontiguousarray(data["x_test"]).tobytes()).hexdigest())


try:
    _test_split()
except Exception as exc:
    print("TESTSPLIT none", type(exc).__name__)
