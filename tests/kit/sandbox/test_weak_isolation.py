"""Without bubblewrap: batch grading waits for the instructor's word, and the fallback still keeps the child
away from root, the grading user's home, the kit's history, the machine's passwords and the data set.

``GRADE_NO_BWRAP=1`` is the documented switch that plays a machine without bubblewrap (docs/isolation.md).
Like ``test_jail.py``, these hold whether the grader runs as root or as an ordinary user.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import grader
from grader import config, data
from grader.engine.grading import default_hide
from grader.sandbox.host import jail
from grader.sandbox.host.process import Limits, folder_bytes, namespaces_available
from grader.sandbox.host.submission import Submission

KIT = Path(grader.__file__).resolve().parents[1]
LINUX = sys.platform.startswith("linux")
PEEKS = '''
import os

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

def whoami():
    return [os.getuid(), os.geteuid()]
'''


def test_batch_refuses_to_start_without_bubblewrap(tmp_path):
    """Does `grade batch` (and `grade nbgrader autograde`) on Linux without bubblewrap refuse to start, with one
    line naming the package to install and the option that takes the risk, grading no one?"""
    if not LINUX:
        pytest.skip("bubblewrap is Linux's")
    (tmp_path / "batch" / "kim").mkdir(parents=True)
    env = {**os.environ, "GRADE_NO_BWRAP": "1", "GRADE_KIT": str(KIT)}
    for command in (["batch", str(tmp_path / "batch"), "--out", str(tmp_path / "out"), "--lang", "en"],
                    ["nbgrader", "autograde", str(tmp_path / "course")]):
        done = subprocess.run([sys.executable, "-m", "grader", *command], capture_output=True, text=True,
                              env=env, timeout=120)
        assert done.returncode != 0, done.stdout
        said = done.stdout + done.stderr
        assert "apt install bubblewrap" in said and "--allow-weak-isolation" in said, said
        assert "Traceback" not in said
    assert not (tmp_path / "out").exists()


def test_the_option_that_takes_the_risk_is_named_in_the_help():
    """Do `grade batch --help` and `grade nbgrader autograde --help` offer --allow-weak-isolation and say what
    it risks?"""
    for command, risk in ((["batch", "--lang", "en"], "risk"), (["batch", "--lang", "ko"], "위험"),
                          (["nbgrader", "autograde"], "")):
        done = subprocess.run([sys.executable, "-m", "grader", *command, "--help"],
                              capture_output=True, text=True, env={**os.environ, "GRADE_KIT": str(KIT)}, timeout=60)
        assert "--allow-weak-isolation" in done.stdout and risk in done.stdout, done.stdout


@pytest.fixture(scope="module")
def fallback(tmp_path_factory):
    """A child started as `grade` starts one (the course's hide list) on a machine without bubblewrap."""
    if not namespaces_available():
        pytest.skip("needs Linux namespaces (unshare)")
    home = tmp_path_factory.mktemp("fallback")
    (home / "work").mkdir()
    (home / "work" / "tensors.py").write_text(PEEKS, encoding="utf-8")
    course = config.load(KIT)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GRADE_NO_BWRAP", "1")
        sub = Submission(home, {"tensors": "tensors.py"}, Limits(call_seconds=60, memory_mb=1200, disk_mb=64),
                         hide=default_hide(course))
        sub.start()
        yield sub
        sub.close()


def call(sub, function, *args):
    return sub.call(f"tensors.{function}", *args).python()


def test_the_fallback_child_is_never_root(fallback):
    """Without bubblewrap, does a child of a grader running as root run as nobody (and, for an ordinary user,
    as that user)?"""
    assert not fallback.isolation["only_own_files"]  # it is the fallback
    uid, euid = call(fallback, "whoami")
    if os.geteuid() == 0:
        assert (uid, euid) == (jail.UNPRIVILEGED_UID, jail.UNPRIVILEGED_UID)
        assert fallback.isolation["unprivileged_user"]
    assert fallback.isolation["capabilities_dropped"] and fallback.isolation["hidden_paths"]


def test_the_fallback_child_sees_no_home_history_passwords_or_data(fallback):
    """Without bubblewrap, can the child read the grading user's home, the kit's .git, solutions or hidden
    checks, /etc/shadow, or any file the grader's digits come from? (The grader package still loads.)"""
    home = Path.home()
    if home != Path("/") and home.is_dir():
        needed = {Path(p).relative_to(home).parts[0] for p in jail.python_paths() if home in Path(p).parents}
        seen = call(fallback, "listing", str(home))
        assert seen in ("FileNotFoundError", "PermissionError") or set(seen) <= needed, seen
    for secret in (KIT / ".git", KIT / ".git" / "HEAD", KIT / "solutions" / "cnn.py",
                   KIT / "tests" / "checks" / "hidden" / "test_cnn.py", Path("/etc/shadow"),
                   *(Path(p) for p in data.secret_files())):
        if secret.exists() and secret.is_file():
            got = call(fallback, "read", str(secret))
            assert not got.startswith("read ") or got == "read 0", (secret, got)
        elif secret.is_dir():
            assert call(fallback, "listing", str(secret)) in ("FileNotFoundError", "PermissionError", []), secret
    assert call(fallback, "read", str(Path(grader.__file__))).startswith("read ")


def test_every_byte_under_a_folder_counts(tmp_path):
    """Does the disk watchdog's count take in sub-folders and hidden files, count a hard-linked file once and
    every empty file as a block, and stop once past its limit?"""
    deep = tmp_path / ".hidden" / "deeper"
    deep.mkdir(parents=True)
    (deep / ".part").write_bytes(b"x" * 1_000_000)
    os.link(deep / ".part", tmp_path / "again")
    for index in range(10):
        (tmp_path / f"empty{index}").touch()
    counted = folder_bytes(tmp_path)
    assert 1_000_000 <= counted - 10 * 4096 - 2 * 4096 <= 1_100_000
    assert folder_bytes(tmp_path, stop_at=10) < counted



def test_without_namespaces_either_the_child_leaves_root_or_the_report_says_it_did_not(monkeypatch):
    """With neither bubblewrap nor namespaces (a container such as Colab's, which runs everything as root),
    does a check still grade, with the child as nobody where nobody can run this Python and reach its
    folder, and as the grader's user otherwise, said in the isolation report, never a PermissionError
    charged to the student?"""
    if not LINUX:
        pytest.skip("the fallback without namespaces is Linux's")
    from grader.engine.grading import Options, grade

    monkeypatch.setenv("GRADE_NO_BWRAP", "1")
    monkeypatch.setenv("GRADE_NO_NAMESPACES", "1")
    report = grade(KIT / "solutions", config.load(KIT), Options(selection=("tensors.make_variable",),
                                                                 include_slow=False, include_training=False))
    assert [r.status for r in report.results] == ["passed", "passed"], report.results
    assert not report.isolation["only_own_files"] and not report.isolation["kill_all_spawned"]  # the weakest
    if os.geteuid() == 0:
        assert report.isolation["unprivileged_user"] == jail.unprivileged_can_run_python(), report.isolation
    else:
        assert report.isolation["unprivileged_user"], report.isolation
