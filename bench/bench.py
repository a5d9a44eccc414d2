"""Grading speed, measured in one run on this machine (issue 6).

    .venv/bin/python bench/bench.py              # the full run (about 15 minutes on 2 cores)
    .venv/bin/python bench/bench.py --quick      # a smoke run: 4 students, workers 2, no nbgrader

It generates a class of N submissions (correct work in several styles and
typical mistakes), then times, on the same class and the same checks:

- the floor: a bare process that imports TensorFlow and trains the lecture
  model with the grader's training budget (``bench/floor.py``);
- ``grade batch`` for each class size and worker count, and a regrade of the
  unchanged class (the content-hash cache);
- plain ``nbgrader autograde`` on the course ``grade nbgrader build`` writes,
  and ``grade nbgrader autograde`` on the same course;
- ``grade check`` (no training) against a bare ``import tensorflow``.

It prints seconds per submission and the ratios ours/nbgrader and ours/floor.
Nothing here is a test: it prints figures for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
MODULES = ("tensors", "cnn", "concepts")
NBGRADER_ENV = {"PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
"""nbgrader runs alembic from PATH to create its gradebook: the kit's environment first."""

# Each variant is a list of (module, old, new) text edits applied to the reference solutions.
VARIANTS = {
    "correct": [],
    "style-int-kernels": [("cnn", "kernel_size=(5, 5)", "kernel_size=5"),
                          ("cnn", "kernel_size=(2, 2)", "kernel_size=2")],
    "style-loss-object": [("cnn", 'loss="sparse_categorical_crossentropy"',
                           "loss=keras.losses.SparseCategoricalCrossentropy()")],
    "mistake-valid-padding": [("cnn", 'strides=(1, 1), padding="same"', 'strides=(1, 1), padding="valid"')],
    "mistake-elementwise": [("tensors", "return tf.matmul(a, b)", "return a * b")],
    "mistake-categorical": [("cnn", 'loss="sparse_categorical_crossentropy"', 'loss="categorical_crossentropy"')],
}


def variant_sources(name: str) -> dict[str, str]:
    sources = {m: (ROOT / "solutions" / f"{m}.py").read_text(encoding="utf-8") for m in MODULES}
    for module, old, new in VARIANTS[name]:
        if old not in sources[module]:
            raise SystemExit(f"bench: variant {name}: {old!r} not found in solutions/{module}.py")
        sources[module] = sources[module].replace(old, new)
    return sources


def make_class(folder: Path, size: int) -> list[tuple[str, str]]:
    """``size`` student folders of .py files, cycling through the variants."""
    folder.mkdir(parents=True)
    students = []
    names = list(VARIANTS)
    for i in range(size):
        variant = names[i % len(names)]
        student = f"s{i + 1:03d}"
        (folder / student).mkdir()
        for module, text in variant_sources(variant).items():
            (folder / student / f"{module}.py").write_text(text, encoding="utf-8")
        students.append((student, variant))
    return students


def timed(command: list[str], cwd: Path = ROOT, env: dict | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", **(env or {})})
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return seconds


def best_of(times: int, command: list[str], **kwargs) -> float:
    return min(timed(command, **kwargs) for _ in range(times))


def nbgrader_class(work: Path, batch: Path, students: list[tuple[str, str]]) -> Path:
    """The same class as an nbgrader course: `grade nbgrader build`, released notebooks filled in."""
    import nbformat

    from grader.content.stubs import strip_markers
    from grader.nbgrader.build import solution_functions

    course_dir = work / "nbcourse"
    timed([str(BIN / "grade"), "nbgrader", "build", str(course_dir)])
    # nbgrader_config.py names the assignment, so nbgrader's commands take none.
    timed([str(BIN / "nbgrader"), "generate_assignment", "--force"], cwd=course_dir, env=NBGRADER_ENV)
    released = course_dir / "release" / "day06"
    for student, _ in students:
        target = course_dir / "submitted" / student / "day06"
        shutil.copytree(released, target)
        for module in MODULES:
            source = (batch / student / f"{module}.py").read_text(encoding="utf-8")
            functions = solution_functions(strip_markers(source), module)
            path = target / f"{module}.ipynb"
            nb = nbformat.read(path, as_version=4)
            for cell in nb.cells:
                function = cell.metadata.get("tf_grade", {}).get("function")
                if cell.cell_type == "code" and function and cell.metadata.get("nbgrader", {}).get("solution"):
                    cell.source = functions[function]
            nbformat.write(nb, path)
        (target / "timestamp.txt").write_text("2026-11-20 10:00:00.000000 UTC", encoding="utf-8")
    return course_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="8,24", help="class sizes (comma-separated)")
    parser.add_argument("--workers", default="1,2", help="worker counts (comma-separated)")
    parser.add_argument("--nbgrader-size", type=int, default=8, help="class size for the nbgrader comparison")
    parser.add_argument("--quick", action="store_true", help="4 students, 2 workers, no nbgrader")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    sizes = [4] if args.quick else [int(s) for s in args.sizes.split(",")]
    workers = [2] if args.quick else [int(w) for w in args.workers.split(",")]
    nb_size = 0 if args.quick else args.nbgrader_size
    grade = [str(BIN / "grade")]
    figures: dict = {"cores": os.cpu_count(), "python": sys.version.split()[0]}
    with tempfile.TemporaryDirectory(prefix="tf-grade-bench-") as tmp:
        work = Path(tmp)
        env = {"GRADE_CACHE": str(work / "cache")}
        print(f"bench: {os.cpu_count()} cores; classes of {sizes}; workers {workers}")
        figures["import_tensorflow_s"] = best_of(3, [sys.executable, "-c", "import tensorflow"])
        figures["grade_check_s"] = best_of(3, grade + ["check", "--path", str(ROOT / "solutions")], env=env)
        figures["floor_s"] = best_of(2, [sys.executable, str(ROOT / "bench" / "floor.py")], env=env)
        print(f"  import tensorflow            {figures['import_tensorflow_s']:6.1f} s")
        print(f"  grade check (no training)    {figures['grade_check_s']:6.1f} s   "
              f"= {figures['grade_check_s'] / figures['import_tensorflow_s']:.2f}x import tensorflow")
        print(f"  floor (import+train+eval)    {figures['floor_s']:6.1f} s per submission")
        figures["batch"] = []
        classes = {}
        for size in sizes:
            batch = work / f"class{size}"
            classes[size] = (batch, make_class(batch, size))
            # Every worker count on the first class size; larger classes with the most workers only.
            for w in workers if size == sizes[0] else workers[-1:]:
                out = work / f"out{size}-{w}"
                seconds = timed(grade + ["batch", str(batch), "--out", str(out), "--workers", str(w)], env=env)
                per = seconds / size
                row = {"students": size, "workers": w, "seconds": seconds, "per_submission_s": per,
                       "per_submission_core_s": per * min(w, os.cpu_count() or 1),
                       "vs_floor": per / figures["floor_s"]}
                figures["batch"].append(row)
                print(f"  grade batch N={size:<3} workers={w}  {seconds:7.1f} s  {per:6.1f} s/submission  "
                      f"= {row['vs_floor']:.2f}x floor")
            out = work / f"out{size}-{workers[-1]}"
            again = timed(grade + ["batch", str(batch), "--out", str(out), "--workers", str(workers[-1])], env=env)
            figures.setdefault("regrade_unchanged_s", {})[size] = again
            print(f"  regrade unchanged N={size:<3}    {again:7.1f} s")
        if nb_size:
            batch, students = classes.get(nb_size) or (work / f"class{nb_size}", None)
            if students is None:
                students = make_class(batch, nb_size)
            course_dir = nbgrader_class(work, batch, students)
            plain = timed([str(BIN / "nbgrader"), "autograde", "--force"], cwd=course_dir,
                          env={**env, **NBGRADER_ENV})
            ours = timed(grade + ["nbgrader", "autograde", str(course_dir)], env=env)
            best_batch = min((r for r in figures["batch"] if r["students"] == nb_size),
                             key=lambda r: r["seconds"], default=None)
            figures["nbgrader"] = {"students": nb_size, "nbgrader_autograde_s": plain,
                                   "grade_nbgrader_autograde_s": ours,
                                   "per_submission_nbgrader_s": plain / nb_size}
            print(f"  nbgrader autograde N={nb_size}       {plain:7.1f} s  {plain / nb_size:6.1f} s/submission")
            print(f"  grade nbgrader autograde N={nb_size} {ours:7.1f} s  {ours / nb_size:6.1f} s/submission  "
                  f"= nbgrader/ours {plain / ours:.2f}x")
            if best_batch:
                ratio = plain / best_batch["seconds"]
                figures["nbgrader"]["nbgrader_over_grade_batch"] = ratio
                print(f"  grade batch is {ratio:.2f}x faster than nbgrader autograde on the same class")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
