"""Try the released kit as a new student would, in the real JupyterLab, driven through a real browser.

What it does, each step as a student does it:

1. builds the student zip as docs/instructor.md says (``grade release kit && (cd kit && zip -qr
   ../tf-grade-kit.zip .)``) and unzips it in a fresh folder;
2. makes a fresh Python environment that has TensorFlow and the rest but has never seen the kit
   (``python -m venv`` with this environment's packages hard-linked in, tf-grade left out), as its
   kernel, so the notebook's first cell really installs the kit, with pip kept off any index
   (``PIP_NO_INDEX=1``: offline);
3. starts the real JupyterLab on the loopback with a token and no browser of its own, and opens a
   released notebook in Debian's ``chromium`` through playwright (no browser download);
4. runs the install cell, writes a function in its cell with a mistake (typed, as a student types),
   runs its try-it cell and its check cell, then corrects it and checks again;
5. prints what the student sees (each cell's output as text, the feedback frame's text, any red
   stderr block), how long each check took from Shift+Enter to the answer, and when the "checking"
   line appeared; saves a screenshot of each step to look at.

    .venv/bin/python tools/try_jupyterlab.py [--notebook tensors] [--out DIR] [--keep]

With ``--colab``, also the Colab route's install branches that can be tried offline (see :func:`colab`).
Exits non-zero when a step fails (no install, no answer, a red block, English in the Korean feedback).
It takes minutes (a fresh environment, JupyterLab, TensorFlow in the kernel and in the sandbox), so it
is a tool to run by hand, not a test; ``tests/kit/content/test_released_notebook.py`` runs a released
notebook with nbclient in the suite.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from fresh_python import fresh_python  # tools/, beside this script

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BIN = Path(sys.executable).parent

WRONG = "def make_variable(value, dtype=tf.int32):\n    return tf.constant(value, dtype=dtype)\n"
"""The student's first try at make_variable: a constant, not a variable (a common mistake)."""
RIGHT = "def make_variable(value, dtype=tf.int32):\n    return tf.Variable(value, dtype=dtype)\n"
FUNCTION = ("tensors", "make_variable")

STDERR = '[data-mime-type="application/vnd.jupyter.stderr"]'


@dataclass
class Seen:
    """What the student saw, step by step."""

    steps: list[tuple[str, str]] = field(default_factory=list)
    shots: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)

    def say(self, step: str, text: str) -> None:
        self.steps.append((step, text))
        print(f"--- {step}\n{text}", flush=True)


# ---------------------------------------------------------------- the student's folder and Python


def build_zip(base: Path) -> Path:
    """``grade release kit && (cd kit && zip -qr ../tf-grade-kit.zip .)``, as docs/instructor.md says."""
    env = {**os.environ, "GRADE_KIT": str(ROOT)}
    subprocess.run([str(BIN / "grade"), "release", str(base / "kit")], check=True, env=env, cwd=base,
                   stdout=subprocess.DEVNULL, timeout=300)
    subprocess.run(["zip", "-qr", "../tf-grade-kit.zip", "."], check=True, cwd=base / "kit", timeout=120)
    return base / "tf-grade-kit.zip"


def jupyter_home(base: Path, python: Path) -> dict[str, str]:
    """The server's environment: a home of its own, the fresh Python as the ``python3`` kernel, offline."""
    spec = base / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (ipykernel)", "language": "python"}))
    home = base / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("GRADE_COURSE", "GRADE_KIT", "MNIST_PATH", "PYTHONPATH", "VIRTUAL_ENV", "GRADE_LANG")}
    env.update(HOME=str(home), JUPYTER_PATH=str(base / "jupyter"), JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
               JUPYTER_DATA_DIR=str(home / ".local/share/jupyter"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", GRADE_OFFLINE="1",
               PATH=f"{python.parent}{os.pathsep}{env.get('PATH', '')}")
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_lab(folder: Path, env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    """The real JupyterLab on the loopback, with a token, no browser of its own; its URL once it answers."""
    port, token = _free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [str(BIN / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        env=env, cwd=folder, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"JupyterLab stopped at once:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                return server, f"{url}|{token}"
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("JupyterLab did not answer in 120 s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # its own session: the server and the kernels it started
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(20)


# ---------------------------------------------------------------- the browser


class Lab:
    """One notebook open in JupyterLab in chromium, cells found by their text."""

    def __init__(self, page, seen: Seen, shots: Path):
        self.page, self.seen, self.shots = page, seen, shots

    def cell(self, text: str):
        return self.page.locator(".jp-Notebook .jp-CodeCell").filter(has_text=text).first

    def prompt(self, cell) -> str:
        return cell.locator(".jp-InputArea-prompt").inner_text().strip()

    def run(self, cell, step: str, timeout: float = 600, busy_text: str | None = None) -> float:
        """Shift+Enter in ``cell``; wait for its answer; the seconds from the key to the answer."""
        cell.scroll_into_view_if_needed()
        cell.locator(".cm-content").click()
        self.page.keyboard.press("Escape")  # command mode: Shift+Enter runs the cell, whatever the cursor
        before = self.prompt(cell)
        started = time.perf_counter()
        self.page.keyboard.press("Shift+Enter")
        busy_at = None
        deadline = started + timeout
        while time.perf_counter() < deadline:
            now = self.prompt(cell)
            if busy_text and busy_at is None and busy_text in cell.locator(".jp-OutputArea").inner_text():
                busy_at = time.perf_counter() - started
                self.shot(cell, f"{step}-busy")
            if re.fullmatch(r"\[\d+\]:", now) and now != before:
                break
            time.sleep(0.05)
        else:
            self.seen.problems.append(f"{step}: no answer in {timeout:.0f} s")
        took = time.perf_counter() - started
        self.seen.timings.append((step, took))
        if busy_text:
            self.seen.timings.append((f"{step}: the checking line shown after",
                                      busy_at if busy_at is not None else float("nan")))
        return took

    def type_into(self, cell, code: str) -> None:
        """Select the cell's text and write ``code`` over it (as typed or pasted: the editor's own auto-indent
        would re-indent a typed body, so the text goes in as one input, as a paste does)."""
        cell.scroll_into_view_if_needed()
        cell.locator(".cm-content").click()
        self.page.keyboard.press("Control+a")
        self.page.keyboard.press("Delete")
        self.page.keyboard.insert_text(code.rstrip("\n"))
        written = cell.locator(".cm-content").inner_text().replace("\u00a0", " ")
        if written.strip() != code.strip():
            self.seen.problems.append(f"the editor holds {written!r}, not what was typed")

    def text(self, cell) -> str:
        """The cell's output as the student reads it; the feedback frame's page as its text."""
        parts = []
        outputs = cell.locator(".jp-OutputArea-output")
        for i in range(outputs.count()):
            out = outputs.nth(i)
            if out.locator("iframe").count():
                frame = out.locator("iframe").first.content_frame
                parts.append("[feedback frame]\n" + frame.locator("body").inner_text())
            else:
                parts.append(out.inner_text())
        return "\n".join(p.strip() for p in parts if p.strip())

    def red(self, cell) -> list[str]:
        return [b.inner_text() for b in cell.locator(STDERR).all()]

    def shot(self, cell, name: str) -> Path:
        path = self.shots / f"{len(self.seen.shots) + 1:02d}-{name}.png"
        cell.scroll_into_view_if_needed()
        area = cell.bounding_box()
        if area is not None and area["height"] > 0:
            cell.screenshot(path=str(path))
        else:
            self.page.screenshot(path=str(path))
        self.seen.shots.append(path)
        return path


def drive(url: str, student: Path, shots: Path, seen: Seen, module: str, function: str) -> None:
    from playwright.sync_api import sync_playwright

    base, token = url.split("|")
    notebook = f"exercises/notebooks/{module}.ipynb"
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=ko-KR"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="ko-KR")
            page.goto(f"{base}/lab/tree/{notebook}?token={token}")
            page.locator(".jp-Notebook .jp-CodeCell").first.wait_for(timeout=120_000)
            page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle'], "
                         "#jp-main-statusbar :text('Idle')").first.wait_for(timeout=120_000)
            lab = Lab(page, seen, shots)
            page.screenshot(path=str(shots / "00-opened.png"))

            install = lab.cell("# tf-grade: setup")
            lab.run(install, "install cell", timeout=600)
            seen.say("install cell: output", lab.text(install) or "(nothing)")
            lab.shot(install, "install")
            for step, cell in (("install cell", install), ("setup cell", lab.cell("import tensorflow as tf"))):
                red = lab.red(cell)
                if red:
                    seen.problems.append(f"{step}: a red stderr block: {red[0][:300]!r}")

            setup = lab.cell("import tensorflow as tf")
            lab.run(setup, "setup cell (import tensorflow)", timeout=300)
            if lab.red(setup):
                seen.problems.append(f"setup cell: a red stderr block: {lab.red(setup)[0][:300]!r}")
                lab.shot(setup, "setup-red")

            code = lab.cell(f"def {function}(")
            lab.type_into(code, WRONG)
            lab.run(code, "the function's cell", timeout=120)
            trial = page.locator(".jp-Notebook .jp-CodeCell").filter(has_text="# tf-grade: try").filter(
                has_text=f"{function}(").first
            lab.run(trial, "try-it cell", timeout=120)
            seen.say("try-it cell (the mistake)", lab.text(trial))
            check = page.locator(".jp-Notebook .jp-CodeCell").filter(
                has_text=f'check("{module}.{function}")').first
            lab.run(check, "first check (the mistake)", timeout=600, busy_text="검사하는 중")
            seen.say("check cell (the mistake)", lab.text(check))
            lab.shot(check, "check-mistake")

            lab.type_into(code, RIGHT)
            lab.run(code, "the function's cell, corrected", timeout=120)
            time.sleep(3)  # the student reads the try cell's answer
            lab.run(trial, "try-it cell, corrected", timeout=120)
            seen.say("try-it cell (corrected)", lab.text(trial))
            lab.run(check, "second check (corrected)", timeout=600, busy_text="검사하는 중")
            seen.say("check cell (corrected)", lab.text(check))
            lab.shot(check, "check-corrected")
            page.screenshot(path=str(shots / "99-page.png"))
            seen.shots.append(shots / "99-page.png")
            all_red = [t for t in page.locator(f".jp-Notebook {STDERR}").all_inner_texts() if t.strip()]
            if all_red:
                seen.problems.append(f"red stderr blocks in the notebook: {[t[:200] for t in all_red]}")
        finally:
            browser.close()


def colab(base: Path, archive: Path, python: Path, env: dict[str, str], seen: Seen, module: str,
          function: str) -> None:
    """The Colab route, as far as it goes offline: the install cell's Drive branch (``KIT`` an absolute
    path elsewhere) and its URL branch (``KIT`` an http address, served here on the loopback), each in a
    kernel of the fresh Python whose cwd is a bare folder (Colab's ``/content``), no notebook file told
    to the kernel (Colab sets no ``JPY_SESSION_NAME``), and no bubblewrap or namespaces (Colab's
    container: ``GRADE_NO_BWRAP``, ``GRADE_NO_NAMESPACES``); then a check cell. Real Colab cannot be
    reached from here."""
    import http.server
    import threading

    import nbformat
    from nbclient import NotebookClient

    released = nbformat.read(base / "student" / "exercises" / "notebooks" / f"{module}.ipynb", as_version=4)
    cells = {c.id: c for c in released.cells}
    drive = base / "drive" / "MyDrive"
    drive.mkdir(parents=True)
    shutil.copy(archive, drive / archive.name)
    handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=str(archive.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{archive.name}"
    colab_env = {**env, "GRADE_NO_BWRAP": "1", "GRADE_NO_NAMESPACES": "1"}
    try:
        for branch, kit in (("Drive", str(drive / archive.name)), ("URL", url)):
            subprocess.run([str(python), "-m", "pip", "uninstall", "-q", "-y", "tf-grade"], check=False, env=env,
                           capture_output=True, timeout=120)
            content = base / f"content-{branch}"
            content.mkdir()
            install = cells[f"{module}-install"].source.replace("KIT = 'tf-grade-kit.zip'", f"KIT = {kit!r}")
            nb = nbformat.v4.new_notebook(cells=[
                nbformat.v4.new_code_cell(install), cells[f"{module}-setup"],
                nbformat.v4.new_code_cell(RIGHT), cells[f"{module}-{function}-check"]])
            started = time.perf_counter()
            old = dict(os.environ)
            os.environ.clear()
            os.environ.update(colab_env)  # the kernel's environment is this process's
            try:
                NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                               resources={"metadata": {"path": str(content)}}).execute()
            finally:
                os.environ.clear()
                os.environ.update(old)
            said = "\n".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") + o.get("evalue", "")
                             for c in nb.cells for o in c.outputs)
            seen.timings.append((f"Colab route, {branch} branch: install and one check", time.perf_counter() - started))
            seen.say(f"Colab route, {branch} branch (offline stand-in)", said.strip() or "(nothing)")
            if not re.search(r"공개 검사 (\d+)점 중 \1점", said):
                seen.problems.append(f"Colab route, {branch} branch: the check did not pass")
            red = [o.get("text", "") for c in nb.cells for o in c.outputs if o.get("name") == "stderr"]
            if red:
                seen.problems.append(f"Colab route, {branch} branch: stderr {red[0][:300]!r}")
    finally:
        server.shutdown()


def judge(seen: Seen) -> None:
    """What a Korean student must read: Korean, the verdicts as expected."""
    said = dict(seen.steps)
    mistake, fixed = said.get("check cell (the mistake)", ""), said.get("check cell (corrected)", "")
    if "공개 검사" not in mistake or "tf.Variable" not in mistake:
        seen.problems.append("the mistake's check does not say, in Korean, what was wrong")
    if not re.search(r"공개 검사 (\d+)점 중 \1점", fixed):
        seen.problems.append("the corrected function's check does not pass")
    english = [line for line in (mistake + "\n" + fixed).splitlines()
               if re.search(r"\b(the|is|was|not|check|expected|found|points?)\b", line)
               and not re.search(r"[가-힣]", line)]
    if english:
        seen.problems.append(f"English in the Korean feedback: {english[:5]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="where the screenshots go (default: a new temporary folder)")
    parser.add_argument("--colab", action="store_true",
                        help="also the Colab route's install branches (Drive path, URL), offline")
    parser.add_argument("--keep", action="store_true", help="keep the student's folder and the server's log")
    args = parser.parse_args(argv)
    if CHROMIUM is None:
        print("chromium is not installed (apt-get install chromium fonts-nanum)", file=sys.stderr)
        return 2
    base = Path(tempfile.mkdtemp(prefix="try-jupyterlab-"))
    base.chmod(0o755)  # the fresh Python lives here: readable by the sandbox's unprivileged user, as /usr is
    shots = (args.out or base / "shots").resolve()
    shots.mkdir(parents=True, exist_ok=True)
    seen, server = Seen(), None
    started = time.perf_counter()
    try:
        archive = build_zip(base)
        student = base / "student"
        with zipfile.ZipFile(archive) as z:  # the student unzips what the instructor gave
            z.extractall(student)
        python = fresh_python(base / "venv")
        ready = time.perf_counter()
        server, url = start_lab(student, jupyter_home(base, python), base / "jupyterlab.log")
        drive(url, student, shots, seen, *FUNCTION)
        judge(seen)
        stop(server)
        server = None
        if args.colab:
            colab(base, archive, python, jupyter_home(base / "colab", python), seen, *FUNCTION)
        print(f"\nset-up (zip, venv) {ready - started:.1f} s, JupyterLab and the notebook "
              f"{time.perf_counter() - ready:.1f} s; load {os.getloadavg()[0]:.2f}")
    finally:
        if server is not None:
            stop(server)
        if not args.keep:
            shutil.rmtree(base / "venv", ignore_errors=True)
            shutil.rmtree(base / "student", ignore_errors=True)
            shutil.rmtree(base / "kit", ignore_errors=True)
    for step, seconds in seen.timings:
        print(f"{step}: {seconds:.2f} s")
    print("screenshots:", *seen.shots, sep="\n  ")
    if seen.problems:
        print("PROBLEMS:", *seen.problems, sep="\n  ")
        return 1
    print("no problems found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
