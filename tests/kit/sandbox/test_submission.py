"""The child process: calls as data, failures that cost one call, and the limits it runs under."""

import os
import time
from pathlib import Path

import numpy as np
import pytest

from grader.sandbox.host import jail
from grader.sandbox.host.process import Limits, descendants, namespaces_available
from grader.sandbox.host.submission import CallError, Submission, tensor, variable

LINUX_NS = pytest.mark.skipif(not namespaces_available(), reason="needs Linux namespaces (unshare)")

SOURCE = '''
import os, subprocess, sys, time
import numpy as np
import tensorflow as tf

def double(x):
    print("noise on stdout")
    print("fake: 100 passed", file=sys.stderr)
    return x * 2

def same(v, value):
    v.assign(value)
    return v

def ask():
    return input()

def die():
    os._exit(7)

def loop():
    while True:
        pass

def tiny_model():
    return tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])

def plots():
    import matplotlib.pyplot as plt
    plt.plot([1, 2, 3])
    return plt.get_backend()

def hog():
    block = bytearray(8 * 1024 ** 3)
    return len(block)

def flood():
    for _ in range(200000):
        print("x" * 1000)
    return 1

def read(path):
    with open(path, encoding="utf-8") as fh:
        return fh.read()

def write(path):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("pwned")
    return True

def connect():
    import socket
    s = socket.create_connection(("127.0.0.1", 9), timeout=2)
    return True

def daemon():
    pid = os.fork()
    if pid == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(600)
        os._exit(0)
    os.waitpid(pid, 0)
    return os.getpid()

@tf.function
def graph_square(x):
    return x * x

graph_wrapped = tf.function(double)

class Liar:
    def __eq__(self, other):
        return True

def liar():
    return Liar()
'''


@pytest.fixture(scope="module")
def sub(tmp_path_factory):
    home = tmp_path_factory.mktemp("sub")
    (home / "work").mkdir()
    (home / "work" / "tensors.py").write_text(SOURCE, encoding="utf-8")
    (home / "work" / "cnn.py").write_text("raise ImportError('no such thing as cnn2')\n", encoding="utf-8")
    secret = tmp_path_factory.mktemp("secret")
    (secret / "answers.txt").write_text("42", encoding="utf-8")
    sub = Submission(home, {"tensors": "tensors.py", "cnn": "cnn.py"},
                     Limits(call_seconds=20, memory_mb=3000, output_kb=16), hide=[str(secret)])
    sub.secret = secret
    yield sub
    sub.close()


def test_call_returns_plain_data(sub):
    """Does a call come back as data, untouched by what the function printed?"""
    value = sub.call("tensors.double", np.array([[1, 2, 3]], dtype=np.int64))
    assert value.kind == "ndarray" and value.dtype == "int64" and value.shape == (1, 3)
    assert value.array.tolist() == [[2, 4, 6]]


def test_a_child_lost_while_asked_about_a_returned_model_is_a_call_error(sub):
    """When the child dies while the grader asks it about a model it returned (its weights), is that a
    CallError saying how, with the next call served by a fresh child?"""
    import signal

    model = sub.call("tensors.tiny_model")
    process = sub.child.proc.pid  # bubblewrap's or unshare's process, and the child below it
    for pid in (*descendants(process), process):
        os.kill(pid, signal.SIGKILL)
    with pytest.raises(CallError) as error:
        sub.weights(model)
    assert error.value.kind in ("exited", "crashed")
    assert sub.call("tensors.double", np.array([1])).array.tolist() == [2]


def test_a_submission_may_import_matplotlib(sub):
    """Does code that plots get matplotlib as usual (the child imports TensorFlow without it)?"""
    assert sub.call("tensors.plots").python().lower() == "agg"


def test_tensor_arguments_and_identity(sub):
    """Are tensors built in the child, and is 'the same object' reported with the new value?"""
    value = sub.call("tensors.same", variable([1.0, 2.0], "float64"), tensor([5.0, 6.0], "float64"),
                     inspect_args=True)
    assert value.kind == "Variable" and value.same_as_arg == [True, False]
    assert value.args_after[0].array.tolist() == [5.0, 6.0]


def test_a_tf_function_is_reported_as_a_graph(sub):
    """Does the child say which function is a tf.function (decorated or wrapped, traced once per input shape)
    and which a plain Python one, so a check can ask for graph execution?"""
    first = sub.call("tensors.graph_square", tensor([1.0, 2.0], "float32"))
    again = sub.call("tensors.graph_square", tensor([3.0, 4.0], "float32"))
    other = sub.call("tensors.graph_square", tensor([[1.0]], "float32"))
    assert first.function == {"graph": True, "traces": 1} and again.function["traces"] == 1
    assert other.function["traces"] == 2 and again.array.tolist() == [9.0, 16.0]
    assert sub.call("tensors.graph_wrapped", tensor([1.0], "float32")).function["graph"] is True
    assert sub.call("tensors.double", 2).function == {"graph": False}


def test_input_gets_nothing(sub):
    """Does input() in a submission read end-of-file, not the grader's protocol?"""
    with pytest.raises(CallError) as error:
        sub.call("tensors.ask")
    assert error.value.error_type == "EOFError"


def test_eq_liar_is_not_data(sub):
    """Is an object whose __eq__ always says True reported as 'other', not comparable data?"""
    value = sub.call("tensors.liar")
    assert value.kind == "other"
    with pytest.raises(ValueError):
        value.python()


def test_exit_costs_one_call(sub):
    """Does os._exit cost only that call, with the next call served by a fresh child?"""
    with pytest.raises(CallError) as error:
        sub.call("tensors.die")
    assert error.value.kind == "exited"
    assert sub.call("tensors.double", np.array([1])).array.tolist() == [2]
    restarts = sub.restarts
    with pytest.raises(CallError) as again:  # the same call again: the same end, without another child
        sub.call("tensors.die")
    assert again.value.kind == "exited" and sub.restarts == restarts


def test_endless_loop_times_out(sub):
    """Is an endless loop stopped at the wall-clock limit, and grading goes on?"""
    started = time.monotonic()
    with pytest.raises(CallError) as error:
        sub.call("tensors.loop", timeout=3)
    assert error.value.kind == "timeout"
    assert time.monotonic() - started < 15
    assert sub.call("tensors.double", np.array([1])).array.tolist() == [2]
    # called again (another check needs it): not run again, the same verdict at once
    restarts, crashes = sub.restarts, list(sub.crashes)
    with pytest.raises(CallError) as again:
        sub.call("tensors.loop", timeout=3)
    assert again.value.kind == "timeout" and again.value.function == "tensors.loop"
    assert (sub.restarts, sub.crashes) == (restarts, crashes)  # no child was lost to it a second time
    assert sub.call("tensors.double", np.array([1])).array.tolist() == [2]


def test_memory_blow_up_is_stopped(sub):
    """Is an 8 GB allocation refused or killed, and grading goes on?"""
    with pytest.raises(CallError) as error:
        sub.call("tensors.hog")
    assert error.value.kind in ("exception", "memory")
    assert sub.call("tensors.double", np.array([1])).array.tolist() == [2]


def test_output_is_capped(sub):
    """Is a 200 MB print flood capped, with the call still answered?"""
    assert sub.call("tensors.flood", timeout=60).python() == 1
    sub.close()
    assert len(sub.captured_output()) < 40 * 1024
    assert "more bytes of output dropped" in sub.captured_output()


def test_broken_module_does_not_stop_others(sub):
    """Does a module that fails to import fail its calls while the other module works?"""
    with pytest.raises(CallError) as error:
        sub.call("cnn.build_model")
    assert error.value.kind == "import" and "no such thing as cnn2" in error.value.message
    assert "cnn" in sub.broken
    assert sub.call("tensors.double", np.array([3])).array.tolist() == [6]


@LINUX_NS
def test_hidden_paths_unreadable(sub):
    """Can a submission read a path the grader hides (another student, the solutions)? No."""
    with pytest.raises(CallError) as error:
        sub.call("tensors.read", str(sub.secret / "answers.txt"))
    assert error.value.error_type in ("PermissionError", "FileNotFoundError")


@LINUX_NS
def test_cannot_write_outside_its_folder(sub, tmp_path):
    """Can a submission write a file outside its private folder? No."""
    target = Path(__file__).resolve().parent / "pwned.txt"
    with pytest.raises(CallError) as error:
        sub.call("tensors.write", str(target))
    assert error.value.error_type in ("OSError", "PermissionError", "FileNotFoundError")
    assert not target.exists()
    assert sub.call("tensors.write", "mine.txt").python() is True


@LINUX_NS
def test_no_network(sub):
    """Can a submission open a network connection? No."""
    with pytest.raises(CallError) as error:
        sub.call("tensors.connect")
    assert error.value.error_type in ("OSError", "ConnectionRefusedError", "TimeoutError")


@LINUX_NS
def test_spawned_daemons_die_with_the_child(sub):
    """Does a double-forked setsid daemon die when the child is closed?"""
    sub.call("tensors.daemon")
    child_pid = sub.child.proc.pid
    assert descendants(child_pid), "the daemon should be running under the child"
    before = set(descendants(child_pid))
    sub.close()
    time.sleep(0.5)
    alive = [p for p in before if os.path.exists(f"/proc/{p}") and _state(p) != "Z"]
    assert alive == []


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0].decode()
    except OSError:
        return "gone"


def test_isolation_is_reported(sub):
    """Does the child report which limits held?"""
    sub.call("tensors.double", np.array([1]))
    for key in ("private_copy", "wall_clock_limit", "output_cap", "cpu_limit"):
        assert sub.isolation[key] is True
    if namespaces_available():
        for key in ("network_blocked", "read_only_files", "hidden_paths", "kill_all_spawned", "pid_namespace"):
            assert sub.isolation[key] is True, key


@LINUX_NS
def test_sibling_sandboxes_hidden_but_tmp_still_readable(tmp_path):
    """Does a child see no other student's private copy, and (without bubblewrap, where the rest of the
    machine is visible read-only) still the rest of /tmp, where a virtual environment may live?"""
    import tempfile

    from grader.sandbox.host.process import sandbox_root

    mine = Path(tempfile.mkdtemp(prefix="sub-", dir=sandbox_root()))
    other = Path(tempfile.mkdtemp(prefix="sub-", dir=sandbox_root()))
    place = Path(tempfile.mkdtemp(dir="/tmp")) if os.geteuid() == 0 else tmp_path
    place.chmod(0o755)  # as root the fallback's child is nobody: a folder anyone may open
    try:
        (other / "tensors.py").write_text("SECRET = 1\n", encoding="utf-8")
        (mine / "work").mkdir()
        (mine / "work" / "tensors.py").write_text(SOURCE, encoding="utf-8")
        outside = place / "plain.txt"
        outside.write_text("visible", encoding="utf-8")
        outside.chmod(0o644)
        sub = Submission(mine, {"tensors": "tensors.py"}, Limits(call_seconds=20))
        try:
            with pytest.raises(CallError) as error:
                sub.call("tensors.read", str(other / "tensors.py"))
            assert error.value.error_type in ("PermissionError", "FileNotFoundError")
            if jail.available():  # only its own folder and the Python installation exist for it
                with pytest.raises(CallError) as error:
                    sub.call("tensors.read", str(outside))
                assert error.value.error_type == "FileNotFoundError"
            else:
                assert sub.call("tensors.read", str(outside)).python() == "visible"
        finally:
            sub.close()
    finally:
        import shutil

        shutil.rmtree(mine, ignore_errors=True)
        if os.geteuid() == 0:
            shutil.rmtree(place, ignore_errors=True)
        shutil.rmtree(other, ignore_errors=True)


def test_stale_sandboxes_are_swept():
    """Is a private folder left by a killed grader (its process gone) removed when the next one starts?"""
    from grader.sandbox.host.process import new_sandbox, sandbox_root

    stale = sandbox_root() / "sub-999999999-left"
    stale.mkdir(exist_ok=True)
    (stale / "tensors.py").write_text("x = 1\n", encoding="utf-8")
    fresh = new_sandbox()
    try:
        assert not stale.exists()
        assert fresh.name.startswith(f"sub-{os.getpid()}-")
    finally:
        fresh.rmdir()


def test_captured_output_is_the_submissions_own(tmp_path):
    """Is what the feedback shows as printed output the submission's own, without TensorFlow's start-up lines?"""
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "tensors.py").write_text("print('hello from the student')\ndef f():\n    return 1\n",
                                                  encoding="utf-8")
    sub = Submission(tmp_path, {"tensors": "tensors.py"}, Limits(call_seconds=20))
    try:
        assert sub.call("tensors.f").python() == 1
    finally:
        sub.close()
    assert sub.captured_output().strip() == "hello from the student"


def test_the_time_budget_covers_all_calls_and_is_final(tmp_path):
    """Does a submission that sleeps just under each call's limit run out of its whole budget, after which
    every call fails at once with "budget" (a verdict, not a retry)?"""
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "tensors.py").write_text("import time\ndef nap(s):\n    time.sleep(s)\n    return s\n",
                                                  encoding="utf-8")
    sub = Submission(tmp_path, {"tensors": "tensors.py"}, Limits(call_seconds=3), budget_seconds=15)
    started = time.monotonic()
    kinds = []
    try:
        for seconds in [0] + [2.5] * 12:  # the first call also starts the child (TensorFlow's import)
            try:
                sub.call("tensors.nap", seconds)
                kinds.append("ok")
            except CallError as error:
                kinds.append(error.kind)
                if error.kind == "budget":
                    assert "15 s" in error.message
                    break
        assert kinds[-1] == "budget" and "ok" in kinds
        assert time.monotonic() - started < 15 + 10
        again = time.monotonic()
        with pytest.raises(CallError) as error:
            sub.call("tensors.nap", 0)
        assert error.value.kind == "budget" and time.monotonic() - again < 1
        assert sub.child is None
    finally:
        sub.close()
