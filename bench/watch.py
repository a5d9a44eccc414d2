"""How long `grade check --watch` takes to answer a save, after the first run.

Copies the exercises to a temporary folder, starts the watcher as the command does (warm
sandbox, this process's imports kept), then saves one file again and again and times each
answer from the save to the report. Prints the first (cold) run and each warm answer, per
selection (one function, a module, everything the command checks).

    .venv/bin/python bench/watch.py [--saves 4] [--path exercises] [--only cnn]

Figures (README, "The watch loop"), 2026-12-01 on the shared 2-core machine at load 2-3, warm median:
tensors.make_variable 0.47 -> 0.19 s, tensors 0.62 -> 0.26 s, cnn 0.76 -> 0.51 s, everything 0.92 -> 0.60 s
(before: polling every 0.25 s, the first keras layer built after the save, the used child stopped before
the answer).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader import config
from grader.cli.watch import Watcher
from grader.engine import grading


def measure(folder: Path, selection: tuple[str, ...], saves: int) -> tuple[float, list[float], list[float]]:
    """The first run's time, each warm answer's time (save to report), and how long each wait for
    the next warm sandbox lasted after a report (time the student spends reading anyway)."""
    course = config.load(ROOT)
    options = grading.Options(scope="public", selection=selection, include_slow=False, include_training=False)
    answers: list[float] = []
    saved = {"at": time.perf_counter()}
    done = threading.Event()

    def show(report) -> None:
        answers.append(time.perf_counter() - saved["at"])
        done.set()

    watcher = Watcher(folder, course, options)
    runner = threading.Thread(target=watcher.run, args=(show,), kwargs={"stop": lambda: len(answers) > saves},
                              daemon=True)
    runner.start()
    done.wait()
    target = folder / f"{(selection[0] if selection else 'tensors').split('.')[0]}.py"
    warmups = []
    for _ in range(saves):
        began = time.perf_counter()
        watcher.wait_until_warm(600)  # the student reads and edits; the next sandbox warms meanwhile
        warmups.append(time.perf_counter() - began)
        time.sleep(0.5)
        done.clear()
        saved["at"] = time.perf_counter()
        target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        done.wait()
    runner.join()
    return answers[0], answers[1:], warmups


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=4)
    parser.add_argument("--path", type=Path, default=ROOT / "solutions")
    parser.add_argument("--only", action="append", default=None, metavar="SELECTION",
                        help="measure this selection only (tensors, cnn, tensors.make_variable; 'all' for "
                             "everything grade check runs); repeatable")
    args = parser.parse_args(argv)
    selections = [("tensors.make_variable",), ("tensors",), ("cnn",), ()]
    if args.only:
        selections = [() if s == "all" else (s,) for s in args.only]
    print(f"{'selection':<24}{'first run':>10}{'warm median':>13}{'warm max':>10}{'warming':>9}{'load':>7}"
          "   (seconds; warm = save -> report; load: 1-minute load average at the end)")
    for selection in selections:
        with tempfile.TemporaryDirectory(prefix="tf-grade-watch-") as tmp:
            folder = Path(tmp)
            for name in ("tensors", "cnn", "concepts"):
                shutil.copyfile(args.path / f"{name}.py", folder / f"{name}.py")
            first, warm, warming = measure(folder, selection, args.saves)
        label = ", ".join(selection) or "(all of grade check)"
        print(f"{label:<24}{first:>10.2f}{statistics.median(warm):>13.2f}{max(warm):>10.2f}"
              f"{statistics.median(warming):>9.1f}{os.getloadavg()[0]:>7.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
