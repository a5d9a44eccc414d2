"""How long `check()` in a notebook takes, warm, beside `grade check` in the terminal and `--watch`.

All three judge the same code: the concepts and tensors notebooks with the solutions' functions written
in (one cell of the student's own with an import and a helper). Measured in this one process, one after
the other, so their ratios hold under whatever load the machine has:

* ``terminal``: ``grade check EXERCISE --path FOLDER`` as the command runs it (a cold sandbox each time,
  this process's imports kept, as a second run of the command would not have them: its floor);
* ``notebook``: :func:`grader.notebook.check` with the notebook's cells (the first check waits for the
  sandbox started when the module is imported; each later one takes the warm child the previous one
  left, as in a kernel);
* ``watch``: ``grade check --watch``: a save to the report, warm.

Two notebook figures: ``notebook`` is a check run after the student has read the previous answer
and edited (here: the terminal's run in between, several seconds, long enough for the next child to
start), ``again`` is the same cell run again ``--again`` seconds after the answer, before the next
child has finished importing TensorFlow (what a student who re-runs a cell at once waits).

    .venv/bin/python bench/notebook_check.py [--rounds 3] [--again 1]

Prints each round and the warm medians, and the notebook's and the watch's ratio to the terminal;
every line ends with the machine's 1-minute load average when the figure was taken.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRADE_OFFLINE", "1")

from grader import config
from grader.cli.watch import Watcher
from grader.content.notebooks import module_to_notebook
from grader.engine import grading

EXERCISES = ("concepts.conv_params", "tensors.make_variable")


def solved_notebook(module: str) -> dict:
    """The module's lesson notebook with the solutions' code, plus a cell of the student's own."""
    nb = module_to_notebook((ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8"), module, lesson=True)
    data = json.loads(json.dumps(nb))
    data["cells"].insert(3, {"cell_type": "code", "id": "mine", "metadata": {}, "outputs": [], "execution_count": None,
                             "source": "import math\n\n\ndef helper(n):\n    return math.prod([n, 1])"})
    return data


def load() -> str:
    return f"[load {os.getloadavg()[0]:.2f}]"


def terminal(folder: Path, exercise: str, course) -> float:
    started = time.perf_counter()
    grading.grade(folder, course, grading.Options(scope="public", selection=(exercise,), include_slow=False,
                                                  include_training=False))
    return time.perf_counter() - started


def in_notebook(exercise: str, notebooks: dict) -> float:
    from grader import notebook

    started = time.perf_counter()
    result = notebook.check(exercise, notebook=notebooks[exercise.split(".")[0]])
    took = time.perf_counter() - started
    assert result.passed and result.report.results, repr(result)  # the checks ran, and passed
    return took


def watch(folder: Path, exercise: str, course, saves: int) -> list[float]:
    module = exercise.split(".")[0]
    options = grading.Options(scope="public", selection=(exercise,), include_slow=False, include_training=False)
    watcher = Watcher(folder, course, options)
    shown, answers, saved = threading.Event(), [], [0.0]

    def show(report) -> None:
        if saved[0]:
            answers.append(time.perf_counter() - saved[0])
        shown.set()

    loop = threading.Thread(target=watcher.run, args=(show,), kwargs={"stop": lambda: len(answers) >= saves})
    loop.start()
    shown.wait(600)
    path = folder / f"{module}.ipynb"
    for _ in range(saves):
        watcher.wait_until_warm(600)
        shown.clear()
        text = path.read_text(encoding="utf-8")
        saved[0] = time.perf_counter()
        path.write_text(text.replace('"cells": [', '"cells": [ ', 1) if '"cells": [ ' not in text
                        else text.replace('"cells": [ ', '"cells": [', 1), encoding="utf-8")
        shown.wait(600)
    loop.join(120)
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--again", type=float, default=1.0, help="seconds between an answer and the cell run again")
    parser.add_argument("--ahead", type=int, help="sandboxes started ahead (default: grader.notebook.AHEAD)")
    args = parser.parse_args()
    course = config.load(ROOT)
    notebooks = {m: solved_notebook(m) for m in {e.split(".")[0] for e in EXERCISES}}
    with tempfile.TemporaryDirectory() as tmp:
        for module, data in notebooks.items():
            folder = Path(tmp, module)
            folder.mkdir()
            (folder / f"{module}.ipynb").write_text(json.dumps(data), encoding="utf-8")
        from grader import notebook

        if args.ahead is not None:
            notebook.AHEAD = args.ahead
        print(f"sandboxes started ahead: {notebook.AHEAD}", flush=True)
        notebook._start_warm(course)  # as importing it in a kernel does
        for exercise in EXERCISES:
            folder = Path(tmp, exercise.split(".")[0])
            first = in_notebook(exercise, notebooks)
            print(f"{exercise}: first notebook check {first:.2f} s {load()}", flush=True)
            terms, books, agains = [], [], []
            for round_ in range(args.rounds):
                terms.append(terminal(folder, exercise, course))
                line = f"{exercise} round {round_ + 1}: terminal {terms[-1]:.2f} s {load()}"
                books.append(in_notebook(exercise, notebooks))
                line += f", notebook {books[-1]:.2f} s {load()}"
                time.sleep(args.again)  # the same cell run again at once: the next child is still starting
                agains.append(in_notebook(exercise, notebooks))
                print(f"{line}, again after {args.again:g} s {agains[-1]:.2f} s {load()}", flush=True)
            watched = watch(folder, exercise, course, args.rounds)
            print(f"{exercise} watch: " + ", ".join(f"{w:.2f} s" for w in watched) + f" {load()}", flush=True)
            term, book, again, seen = (statistics.median(x) for x in (terms, books, agains, watched))
            print(f"{exercise}: warm medians: terminal {term:.2f} s, notebook {book:.2f} s ({book / term:.2f}x), "
                  f"again at once {again:.2f} s, watch {seen:.2f} s ({seen / term:.2f}x) {load()}", flush=True)
        notebook._stop_warm()


if __name__ == "__main__":
    main()
