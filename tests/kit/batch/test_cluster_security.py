"""Another account on the instructor's machine cannot take over a batch: the embedded Dask cluster.

One real embedded cluster (one worker) is started as ``grade batch`` starts it; a second local user
(uid 65534 via ``setpriv`` when the tests run as root, else this user without the batch's credentials)
then tries to join it as an attacker would: with no certificate, with a certificate of its own, over
plain TCP. Each attempt is refused, and nothing of the cluster listens beyond loopback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import psutil
import pytest
from classroom import make_course

from grader.batch.executor import LOOPBACK, Executor

pytestmark = pytest.mark.slow

JOIN = r"""
import os, sys
from distributed import Client
from distributed.security import Security
print("UID", os.getuid())
tls = sys.argv[1]
for how, address, security in (("own-certificate", tls, Security.temporary()), ("none", tls, None),
                               ("plain-tcp", tls.replace("tls://", "tcp://"), None)):
    try:
        client = Client(address, timeout=4, security=security, set_as_default=False)
        print("JOINED", how, client.run(os.getuid))
        client.run(lambda: open("/tmp/tf-grade-taken-over", "w").write("x"))
    except BaseException as exc:
        print("REFUSED", how, type(exc).__name__)
"""


def as_other_user() -> tuple[list[str], dict[str, str], str]:
    """The command prefix, environment and uid of a second local user who can run Python with this
    venv's packages; this user (without the batch's credentials) when the tests do not run as root."""
    site = sysconfig.get_paths()["purelib"]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": site, "HOME": "/nonexistent"}
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        return [sys.executable], env, str(os.getuid())
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for python in (sys.executable, shutil.which(version, path="/usr/local/bin:/usr/bin") or ""):
        if python and subprocess.run([*prefix, "sh", "-c", f'"{python}" -c "import distributed, cryptography"'],
                                     env=env, capture_output=True, timeout=120, check=False).returncode == 0:
            return [*prefix, python], env, "65534"
    pytest.skip("no Python that uid 65534 can run with this venv's packages")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("secure") / "course")
    with Executor(course, workers=1, jobs=1) as executor:
        yield executor


def test_a_second_local_user_cannot_join_the_embedded_cluster(cluster):
    """Does another local account (no credentials, a certificate of its own, or plain TCP) get refused by the
    running batch's scheduler, so that it can run nothing as the instructor?"""
    address = cluster.cluster.scheduler_address
    assert address.startswith(f"tls://{LOOPBACK}:")
    command, env, uid = as_other_user()
    Path("/tmp/tf-grade-taken-over").unlink(missing_ok=True)
    done = subprocess.run([*command, "-c", JOIN, address], env=env, capture_output=True, text=True, timeout=180,
                          check=False)
    said = done.stdout.splitlines()
    assert f"UID {uid}" in said and "JOINED" not in done.stdout, (done.stdout, done.stderr[-2000:])
    assert {line.split()[1] for line in said if line.startswith("REFUSED")} == {"own-certificate", "none",
                                                                               "plain-tcp"}, done.stdout
    assert not Path("/tmp/tf-grade-taken-over").exists()
    assert cluster.client.run(lambda: 1)  # the batch's own client, with the credentials, is still in


def test_nothing_of_the_cluster_listens_beyond_loopback(cluster):
    """Do the scheduler, its dashboard, the nanny and the worker listen on 127.0.0.1 only?"""
    me = psutil.Process()
    pids = {me.pid, *(p.pid for p in me.children(recursive=True))}
    listening = [c for c in psutil.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN and c.pid in pids]
    assert len(listening) >= 4  # scheduler, dashboard, nanny, worker
    assert {c.laddr.ip for c in listening} == {LOOPBACK}, listening
    assert cluster.dashboard and cluster.dashboard.startswith(f"http://{LOOPBACK}:")
    assert cluster.encrypted


def test_a_scheduler_s_missing_tls_file_is_one_clear_error(tmp_path):
    """Does `--scheduler tls://...` with a TLS file that is not there stop with an error naming it, before any
    connection is tried?"""
    from grader.errors import KitError

    course = make_course(tmp_path / "course")
    with pytest.raises(KitError, match="the TLS file /nowhere/ca.pem does not exist"):
        Executor(course, scheduler="tls://127.0.0.1:1", security={"ca_file": "/nowhere/ca.pem"}).__enter__()
