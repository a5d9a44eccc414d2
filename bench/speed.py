"""The kit's speed in one run, every figure beside its yardstick measured in the same run (issue 25).

    .venv/bin/python bench/speed.py                       # everything, about 15 minutes on an idle 2-core machine
    .venv/bin/python bench/speed.py --students 24         # the executor's share for a class of 24
    .venv/bin/python bench/speed.py --baseline DIR        # also grade the class with another checkout (its .venv)
    .venv/bin/python bench/speed.py --only check          # the first grade check and its split

It prints, each line with the machine's 1-minute load average at its end:

- check: a bare ``import tensorflow``, the first ``grade check`` on the solutions (the real command line), and
  where that check spends its time (measured in one process: the kit's own imports, keras imported in the
  grader, each sandboxed child's start with its TensorFlow import, the checks, the report);
- student: one student graded in one process as ``grade submit`` does (hidden checks too), counting how many
  times ``train_model`` was called: the training checks and the accuracy run share one fit;
- batch: ``grade batch`` of one generated class (``bench.py``'s variants) with 2 and 1 workers, each between
  two measurements of the floor (``bench/floor.py``: import TensorFlow, train the lecture model with the
  grader's budget, evaluate it; twice at each point); per student, against the floors just before and just
  after it, and the executor's share of the wall clock (what is not the students' own grading: start-up,
  hand-out, writing);
- scheduler: the same class on a real Dask scheduler with 2 workers in separate processes, started as
  docs/cluster.md starts them, against the embedded cluster's per-student cost;
- scale: 300 students on this machine and on N such machines, projected from the measured costs.

Nothing here is a test: it prints figures for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))

from bench import make_class  # noqa: E402

ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONDONTWRITEBYTECODE": "1"}

SPLIT = r'''
import contextlib, io, json, sys, time
T0 = time.perf_counter()
from pathlib import Path
from grader import cli  # noqa: F401  (what `grade` imports before it runs a command)
from grader import config
from grader.engine import grading
from grader.checks import runner
from grader.sandbox.host import process, submission
kit_import = time.perf_counter() - T0
spans, calls = {}, {}


def timed(owner, name, key):
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spans.setdefault(key, []).append((started - T0, time.perf_counter() - T0))
    setattr(owner, name, wrapper)


timed(process.Child, "__init__", "child")
timed(grading, "_import_keras", "keras")
timed(runner, "run", "checks")
original_call = submission.Submission.call


def counted(self, function, *args, **kwargs):
    calls[function] = calls.get(function, 0) + 1
    started = time.perf_counter()
    try:
        return original_call(self, function, *args, **kwargs)
    finally:
        if function == "cnn.train_model":
            spans.setdefault("fit", []).append((started - T0, time.perf_counter() - T0))
submission.Submission.call = counted
mode = sys.argv[1]
course = config.load()
options = (grading.Options(scope="public", include_slow=False, include_training=False) if mode == "check"
           else grading.Options(scope="all"))
started = time.perf_counter()
report = grading.grade(Path(sys.argv[2]), course, options)
graded = time.perf_counter() - started
started = time.perf_counter()
from grader.report.terminal import print_report
with contextlib.redirect_stdout(io.StringIO()):
    print_report(report, course.language, show_hidden=True, skipped_slow=mode == "check")
shown = time.perf_counter() - started
print(json.dumps({"kit_import": kit_import, "grade": graded, "report": shown, "spans": spans,
                  "train_model_calls": calls.get("cnn.train_model", 0), "score": report.score,
                  "total_in_process": time.perf_counter() - T0}))
'''
"""Grades one folder in this process, timing the parts of :func:`grader.engine.grading.grade` it wraps (a bench's
instrument, not the kit's code); prints them as JSON."""


def load() -> float:
    return os.getloadavg()[0]


def run(command: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, str]:
    """Seconds and stdout of ``command``; exits on failure."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**os.environ, **ENV, **(env or {})})
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return seconds, result.stdout


def split(python: str, mode: str, folder: Path, env: dict, cwd: Path = ROOT) -> tuple[float, dict]:
    seconds, out = run([python, "-c", SPLIT, mode, str(folder)], cwd=cwd, env=env)
    return seconds, json.loads(out.strip().splitlines()[-1])


def span_text(spans: dict, key: str) -> str:
    return " + ".join(f"{b - a:.1f}" for a, b in spans.get(key, [])) or "-"


def check_part(env: dict, rounds: int, figures: dict) -> None:
    """The first ``grade check`` against a bare ``import tensorflow``, alternating, best of ``rounds``."""
    imports, checks = [], []
    for _ in range(rounds):
        imports.append(run([sys.executable, "-c", "import tensorflow"], env=env)[0])
        checks.append(run([str(BIN / "grade"), "check", "--path", str(ROOT / "solutions")], env=env)[0])
    best_import, best_check = min(imports), min(checks)
    figures["check"] = {"import_tensorflow_s": imports, "grade_check_s": checks,
                        "ratio": best_check / best_import}
    print(f"check  import tensorflow            {best_import:6.2f} s  (of {', '.join(f'{s:.2f}' for s in imports)})")
    print(f"check  grade check (first, cold)    {best_check:6.2f} s  (of {', '.join(f'{s:.2f}' for s in checks)})"
          f"  = {best_check / best_import:.2f}x import tensorflow   load {load():.1f}")
    wall, parts = split(sys.executable, "check", ROOT / "solutions", env)
    spans = parts["spans"]
    figures["check"]["split"] = parts
    checks_s = sum(b - a for a, b in spans.get("checks", []))
    children = sum(b - a for a, b in spans.get("child", []))
    print(f"check  split of one cold check, {wall:.2f} s from outside: python + the kit's imports "
          f"{parts['kit_import']:.2f} s; grade() {parts['grade']:.2f} s, of which keras imported in the grader "
          f"{span_text(spans, 'keras')} s (on a thread), the checks {checks_s:.2f} s including the sandboxed "
          f"children's start (TensorFlow imported) {span_text(spans, 'child')} s; the checks' own work "
          f"{checks_s - children:.2f} s; the report {parts['report']:.2f} s; the rest (interpreter exit) "
          f"{wall - parts['total_in_process']:.2f} s   load {load():.1f}")


def student_part(env: dict, figures: dict, baseline: Path | None, rounds: int) -> None:
    """One student graded as ``grade submit`` grades (hidden checks too), in one process; with ``baseline``,
    alternately with that checkout's code (its own .venv), on the same machine in the same run."""
    kits = [("this kit", ROOT)] + ([(f"{baseline.name} (baseline)", baseline.resolve())] if baseline else [])
    figures["student"] = {}
    for _ in range(min(rounds, 2)):
        for name, kit in kits:
            wall, parts = split(str(kit / ".venv" / "bin" / "python"), "submit", ROOT / "solutions",
                                {**env, "GRADE_COURSE": str(kit)}, cwd=kit)
            spans = parts["spans"]
            figures["student"].setdefault(name, []).append({"wall_s": wall, **parts})
            print(f"student  {name:20} one student, hidden checks and accuracy run: {wall:5.1f} s (grade() "
                  f"{parts['grade']:.1f} s); train_model called {parts['train_model_calls']} time(s), taking "
                  f"{span_text(spans, 'fit')} s; children {span_text(spans, 'child')} s; score {parts['score']:g}"
                  f"   load {load():.1f}", flush=True)


def grading_seconds(out: Path) -> float:
    """The students' own grading time, summed: what each report says its grading took on its worker."""
    return sum(float(json.loads(p.read_text(encoding="utf-8")).get("seconds") or 0.0) for p in out.glob("*/report.json"))


def scores(out: Path) -> dict[str, str]:
    lines = (out / "grades.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    return {line.split(",")[0]: line.split(",")[1] for line in lines}


PHASES = re.compile(r"reading the class ([\d.]+) s, starting the workers ([\d.]+) s, grading ([\d.]+) s, "
                    r"stopping them ([\d.]+) s, writing the class's files ([\d.]+) s")
"""The line of ``grade batch``'s summary that says where its time went (``BatchSummary.phases``)."""
PHASE_NAMES = ("plan", "start", "grading", "stop", "write")


def batch(kit: Path, folder: Path, out: Path, env: dict, workers: int = 0,
          scheduler: str = "") -> tuple[float, dict[str, float]]:
    """The seconds ``grade batch`` took and where it says they went (empty from a baseline older than that line)."""
    where = ["--scheduler", scheduler] if scheduler else ["--workers", str(workers)]
    seconds, printed = run([str(kit / ".venv" / "bin" / "grade"), "batch", str(folder), "--out", str(out), *where,
                            "--lang", "en"], cwd=kit, env={**env, "GRADE_COURSE": str(kit)})
    found = PHASES.search(" ".join(printed.split()))
    return seconds, dict(zip(PHASE_NAMES, map(float, found.groups()))) if found else {}


def batch_line(name: str, seconds: float, phases: dict[str, float], students: int, workers: int, out: Path,
               floors: list[float]) -> dict:
    """One batch against the floors measured just before and just after it (their mean: the machine as it was
    while this batch ran)."""
    floor = sum(floors) / len(floors)
    inside = grading_seconds(out)
    per = seconds / students
    share = (seconds - inside / workers) / students
    print(f"batch  {name:34} {seconds:7.1f} s  {per:6.2f} s/student  = {per / floor:.2f}x the floor around it "
          f"({floor:.2f} s: {', '.join(f'{f:.2f}' for f in floors)});  grading {inside / students:5.2f} s/student "
          f"inside the workers, the executor's share {share:5.2f} s/student   load {load():.1f}", flush=True)
    if phases:
        # the grading phase less the students' own grading divided among the workers: hand-out, the workers'
        # own TensorFlow import, the wait for the last student while the other worker has nothing left
        idle = phases["grading"] - inside / workers
        print(f"batch  {'':34} where the share went: reading the class {phases['plan']:.1f} s, starting the "
              f"workers {phases['start']:.1f} s, in the grading phase beyond the students' own {idle:.1f} s, "
              f"stopping them {phases['stop']:.1f} s, writing the class's files {phases['write']:.1f} s; the "
              f"interpreter's start and exit {seconds - sum(phases.values()):.1f} s", flush=True)
    return {"seconds": seconds, "per_student_s": per, "floor_s": floors, "vs_floor": per / floor,
            "grading_per_student_s": inside / students, "executor_share_per_student_s": share, "phases_s": phases}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scheduler_run(folder: Path, out: Path, env: dict, workers: int) -> tuple[float, dict[str, float]]:
    """``grade batch --scheduler`` on ``dask scheduler`` and ``dask worker --nworkers N`` started here, as
    docs/cluster.md starts them; the workers are up (TensorFlow imported) before the clock starts."""
    from distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    environment = {**os.environ, **ENV, **env, "GRADE_COURSE": str(ROOT),
                   "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1"}
    logs = open(out.parent / "dask.log", "w")
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], env=environment, stdout=logs, stderr=subprocess.STDOUT)]
    try:
        time.sleep(2)
        procs.append(subprocess.Popen([str(BIN / "dask"), "worker", address, "--nworkers", str(workers),
                                       "--nthreads", "1", "--preload", "grader.batch.preload", "--no-dashboard"],
                                      env=environment, stdout=logs, stderr=subprocess.STDOUT, cwd=ROOT))
        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=300)
        return batch(ROOT, folder, out, env, scheduler=address)
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
        logs.close()


FLOORS_EACH = 2
"""Floors measured at each point between the batches: a batch is judged against the ones just before and
just after it, since on a shared machine two floors a quarter of an hour apart have differed by 17%."""


def floors_now(env: dict) -> list[float]:
    floors = [run([sys.executable, str(ROOT / "bench" / "floor.py")], env=env)[0] for _ in range(FLOORS_EACH)]
    print(f"batch  floor (import, train, evaluate)   {', '.join(f'{f:.2f}' for f in floors)} s   load {load():.1f}",
          flush=True)
    return floors


def batch_part(args, env: dict, work: Path, figures: dict) -> None:
    folder = work / "class"
    make_class(folder, args.students)
    n = args.students
    plan = [("embedded cluster, 2 workers", ROOT, 2), ("embedded cluster, 1 worker", ROOT, 1)]
    if args.baseline:
        plan.insert(1, (f"{args.baseline.name} (baseline), 2 workers", args.baseline.resolve(), 2))
    if args.scheduler:  # right after the embedded cluster's run, which it is compared with
        plan.insert(1, ("real scheduler, 2 worker processes", ROOT, 2))
    figures["batch"] = {"students": n, "runs": {}}
    runs = figures["batch"]["runs"]
    results: dict[str, dict] = {}
    before = floors_now(env)
    for i, (name, kit, workers) in enumerate(plan):
        out = work / f"out{i}"
        if name.startswith("real scheduler"):
            timing = scheduler_run(folder, out, env, workers)
        else:
            timing = batch(kit, folder, out, env, workers=workers)
        results[name] = scores(out)
        after = floors_now(env)
        runs[name] = batch_line(name, *timing, n, workers, out, before + after)
        before = after
    same = all(r == results[plan[0][0]] for r in results.values())
    figures["batch"]["same_scores"] = same
    print(f"batch  scores identical in every run: {same}")
    two, one = runs[plan[0][0]], runs["embedded cluster, 1 worker"]
    if args.scheduler:
        real = runs["real scheduler, 2 worker processes"]
        print(f"scheduler  real scheduler {real['per_student_s']:.2f} s/student against the embedded cluster's "
              f"{two['per_student_s']:.2f}: {real['per_student_s'] / two['per_student_s']:.3f}x (grading inside the "
              f"workers {real['grading_per_student_s']:.2f} against {two['grading_per_student_s']:.2f} s/student); "
              f"each against the floor around it: {real['vs_floor']:.2f}x against {two['vs_floor']:.2f}x = "
              f"{real['vs_floor'] / two['vs_floor']:.3f}")
    print(f"scale  per student: {one['per_student_s']:.2f} s with 1 worker, {two['per_student_s']:.2f} s with 2 "
          f"({one['per_student_s'] / two['per_student_s']:.2f}x from the second worker on {os.cpu_count()} cores)")
    for machines in (1, 4, 10, 25):
        minutes = 300 * two["per_student_s"] / machines / 60
        print(f"scale  300 students on {machines:2} machine(s) like this one ({2 * machines:2} Dask workers of 1 "
              f"thread): about {minutes:5.1f} minutes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=6, help="the class graded by grade batch")
    parser.add_argument("--rounds", type=int, default=3, help="cold checks and imports timed, alternating")
    parser.add_argument("--only", choices=("check", "student", "batch"), default=None)
    parser.add_argument("--no-scheduler", dest="scheduler", action="store_false",
                        help="leave out the run on a real scheduler")
    parser.add_argument("--baseline", type=Path, default=None, help="another checkout of the kit, with its .venv")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    figures: dict = {"cores": os.cpu_count(), "load_at_start": load()}
    print(f"bench: {os.cpu_count()} cores, load {load():.1f}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    with tempfile.TemporaryDirectory(prefix="tf-grade-speed-") as tmp:
        work = Path(tmp)
        env = {"GRADE_CACHE": str(work / "cache")}
        run([sys.executable, str(ROOT / "bench" / "floor.py")], env=env)  # the data set cached, disks warm
        if args.only in (None, "check"):
            check_part(env, args.rounds, figures)
        if args.only in (None, "student"):
            student_part(env, figures, args.baseline, args.rounds)
        if args.only in (None, "batch"):
            batch_part(args, env, work, figures)
    print(f"bench: done, load {load():.1f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
