"""How much does the project's score move from run to run? Grade the reference project N times.

    .venv/bin/python bench/project_runs.py [--runs 3] [--path solutions]

Each run grades ``project.py`` alone with the kit's course.toml, exactly as ``grade submit`` does (a
child of its own, the held-back digits measured by the grader). Every run uses a fresh cache, so
the lecture model's baseline is trained again each time and its variation shows too. Prints one
line per run and the spread; nothing is asserted (README: "Run-to-run variation").
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--path", type=Path, default=ROOT / "solutions")
    args = parser.parse_args(argv)
    os.environ.setdefault("GRADE_OFFLINE", "1")
    from grader import config
    from grader.engine import grading

    course = config.load(ROOT)
    rows = []
    for number in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory(prefix="project-runs-") as cache:
            os.environ["GRADE_CACHE"] = cache
            started = time.perf_counter()
            report = grading.grade(args.path, course, grading.Options(scope="all", selection=("project",)))
            seconds = time.perf_counter() - started
        run = report.artifacts.get("project") or {}
        base = run.get("baseline") or {}
        rows.append((run.get("accuracy"), base.get("accuracy"), run.get("train_seconds"), base.get("train_seconds"),
                     report.project_score, seconds))
        print(f"run {number}: accuracy {run.get('accuracy')} (lecture {base.get('accuracy')}), "
              f"training {run.get('train_seconds')} s (lecture {base.get('train_seconds')} s), "
              f"project {report.project_score:g} / {report.project_max_score:g}, whole run {seconds:.1f} s "
              f"on the {run.get('device')}", flush=True)
    for index, name in ((0, "accuracy"), (1, "lecture accuracy"), (2, "training s"), (5, "whole run s")):
        values = [r[index] for r in rows if isinstance(r[index], (int, float))]
        if values:
            print(f"{name}: min {min(values):g}, max {max(values):g}, spread {max(values) - min(values):.4g}"
                  + (f", sd {statistics.stdev(values):.4g}" if len(values) > 1 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
