"""``grade batch`` on the embedded Dask cluster versus the kit's old worker pool, and 1 vs 2 workers (issue 12).

    .venv/bin/python bench/executors.py --old-kit DIR [--students 6] [--rounds 1]

``--old-kit`` is a checkout of the kit from before the pool was replaced by Dask,
with its own virtual environment, e.g. (commit 5b38815 is main just before)::

    git worktree add --detach /tmp/oldpool 5b38815
    cp -a .venv /tmp/oldpool/.venv      # then fix its paths and `pip install --no-deps -e /tmp/oldpool`

It generates one class (``bench.py``'s variants), then times the real command
line on it, in the same run on the same machine: the old pool with 2 workers,
the embedded Dask cluster with 2 workers and with 1 worker (each from a fresh
``OUT_DIR``, cluster start-up included). Each line also gives the students' own
grading time (what each report says its grading took on its worker) and the
rest of the wall clock (start-up, hand-out, writing: the executor's share). With ``--rounds 2`` the three runs are
repeated in turn, and the best of each is kept. Nothing here is a test: it
prints figures for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench import make_class  # noqa: E402


def run(kit: Path, batch: Path, out: Path, workers: int, env: dict) -> float:
    """Seconds for ``grade batch`` of ``kit`` on ``batch``; exits on failure."""
    command = [str(kit / ".venv" / "bin" / "grade"), "batch", str(batch), "--out", str(out), "--workers",
               str(workers), "--lang", "en"]
    environment = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "GRADE_COURSE": str(kit), **env}
    started = time.perf_counter()
    result = subprocess.run(command, cwd=kit, capture_output=True, text=True, env=environment)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return seconds


def grading_seconds(out: Path) -> float:
    """The students' own grading time, summed: what each report says its grading took on its worker (the
    child, the checks, the accuracy run), without the executor's start-up, hand-out and writing."""
    total = 0.0
    for report in out.glob("*/report.json"):
        total += float(json.loads(report.read_text(encoding="utf-8")).get("seconds") or 0.0)
    return total


def scores(out: Path) -> dict[str, str]:
    lines = (out / "grades.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    return {line.split(",")[0]: line.split(",")[1] for line in lines}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old-kit", type=Path, required=True, help="a checkout of the kit with the old pool")
    parser.add_argument("--students", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    old = args.old_kit.resolve()
    if not (old / "grader" / "batch_workers.py").is_file():
        raise SystemExit(f"bench: {old} has no grader/batch_workers.py (the old pool)")
    runs = [("old pool, 2 workers", old, 2), ("Dask embedded, 2 workers", ROOT, 2), ("Dask embedded, 1 worker", ROOT, 1)]
    best: dict[str, float] = {}
    results: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="tf-grade-bench-") as tmp:
        work = Path(tmp)
        batch = work / "class"
        make_class(batch, args.students)
        env = {"GRADE_CACHE": str(work / "cache")}
        print(f"bench: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; {args.students} students, "
              f"accuracy run on; rounds {args.rounds}")
        for round_ in range(args.rounds):
            for n, (name, kit, workers) in enumerate(runs):
                out = work / f"out-{round_}-{n}"
                seconds = run(kit, batch, out, workers, env)
                best[name] = min(best.get(name, seconds), seconds)
                results[name] = scores(out)
                inside = grading_seconds(out)
                print(f"  {name:26} {seconds:7.1f} s  {seconds / args.students:6.2f} s/student  "
                      f"grading {inside / args.students:5.2f} s/student inside the workers, the rest "
                      f"{seconds - inside / workers:5.1f} s  (load {os.getloadavg()[0]:.1f})", flush=True)
    base = best[runs[0][0]]
    print("best of the rounds:")
    for name, seconds in best.items():
        print(f"  {name:26} {seconds / args.students:6.2f} s/student  = {seconds / base:.3f}x the old pool")
    same = all(r == results[runs[0][0]] for r in results.values())
    print(f"scores identical across the runs: {same}")
    if args.json:
        args.json.write_text(json.dumps({"students": args.students, "cores": os.cpu_count(), "seconds": best,
                                         "same_scores": same}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
