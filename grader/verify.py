"""``grade verify``: the kit checks itself before an instructor trusts it.

1. stubs and solutions define the same functions with the same signatures;
2. the committed exercises are exactly what the solutions generate;
3. every check has points and the points add up to 100;
4. the solutions score full marks on every check (hidden and training included);
5. the untouched stubs score zero.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Callable

from grader.checks import runner
from grader.config import Course
from grader.content.build import MODULES, check_exercises

TOTAL_POINTS = 100


def signatures(path: Path) -> dict[str, str]:
    """Function name → its argument list as source text, for every top-level function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name: ast.unparse(node.args) for node in tree.body if isinstance(node, ast.FunctionDef)}


def signature_problems(root: Path) -> list[str]:
    problems = []
    for module in MODULES:
        stub, solution = root / "exercises" / f"{module}.py", root / "solutions" / f"{module}.py"
        if not stub.is_file() or not solution.is_file():
            problems.append(f"{module}: exercises/{module}.py or solutions/{module}.py is missing")
            continue
        a, b = signatures(stub), signatures(solution)
        for name in sorted(set(a) | set(b)):
            if a.get(name) != b.get(name):
                problems.append(f"{module}.{name}: stub ({a.get(name)}) and solution ({b.get(name)}) differ")
    return problems


def points_problems(course: Course) -> list[str]:
    checks = runner.discover(course, "all")
    names = {c.name for c in checks}
    problems = [f"[points] names no check: \"{k}\"" for k in course.points if k not in names]
    total = sum(course.points[c.name] for c in checks)
    if abs(total - TOTAL_POINTS) > 1e-9:
        problems.append(f"points add up to {total:g}, not {TOTAL_POINTS}")
    return problems


def verify_kit(course: Course, echo: Callable[[str], None] = print) -> list[str]:
    """Every problem found (empty when the kit is in order)."""
    from grader import grading

    root = course.root
    problems = signature_problems(root)
    problems += [f"exercises out of date: {name} (run: grade exercises)" for name in check_exercises(root)]
    problems += points_problems(course)
    echo("grading solutions/ with every check (this trains the model once)...")
    solved = grading.grade(root / "solutions", course, grading.Options(scope="all"))
    echo(f"  solutions: {solved.score:g} / {solved.max_score:g}")
    problems += [f"solutions fail \"{r.name}\": {r.feedback.summary.en if r.feedback else ''}"
                 for r in solved.failed]
    echo("grading exercises/ (untouched stubs)...")
    stubs = grading.grade(root / "exercises", course, grading.Options(scope="all"))
    echo(f"  stubs: {stubs.score:g} / {stubs.max_score:g}")
    problems += [f"untouched stubs pass \"{r.name}\"" for r in stubs.results if r.passed]
    return problems
