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
