"""``grade verify``: the kit checks itself before an instructor trusts it.

1. stubs and solutions define the same functions with the same signatures;
2. the committed exercises are exactly what the solutions generate;
3. every check has points, the parts that count add up to 100 and the parts scored apart (their own
   total, when ``[project] enabled``) have points;
4. the solutions score full marks on every check (hidden, training and the parts scored apart included);
5. the untouched stubs score zero (the parts scored apart too).
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Callable

from grader.catalog.commands import VERIFY
from grader.checks import runner
from grader.config import Course
from grader.content.build import check_exercises, generated_modules
from grader.messages import Text, plain

TOTAL_POINTS = 100


def signatures(path: Path) -> dict[str, str]:
    """Function name → its argument list as source text, for every top-level function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name: ast.unparse(node.args) for node in tree.body if isinstance(node, ast.FunctionDef)}


def signature_problems(root: Path) -> list[Text]:
    problems = []
    for module in generated_modules(root):
        stub, solution = root / "exercises" / f"{module}.py", root / "solutions" / f"{module}.py"
        if not stub.is_file() or not solution.is_file():
            problems.append(VERIFY["missing"].format(module=module))
            continue
        a, b = signatures(stub), signatures(solution)
        for name in sorted(set(a) | set(b)):
            if a.get(name) != b.get(name):
                problems.append(VERIFY["signature"].format(function=f"{module}.{name}", stub=a.get(name),
                                                           solution=b.get(name)))
    return problems


def points_problems(course: Course) -> list[Text]:
    checks = runner.discover(course, "all")
    known = {c.id for c in checks} | {c.name for c in checks}
    problems = [VERIFY["no-such-check"].format(name=k) for k in course.points if k not in known]
    total = sum(c.points for c in checks if c.module not in course.apart)
    if abs(total - TOTAL_POINTS) > 1e-9:
        problems.append(VERIFY["total"].format(total=total, want=TOTAL_POINTS))
    if course.project.enabled and course.apart and not sum(c.points for c in checks if c.module in course.apart):
        problems.append(VERIFY["project-no-points"])
    return problems


def apart_total(course: Course) -> float:
    """The own total of the parts scored apart (0 when the course leaves them out)."""
    return sum(c.points for c in runner.discover(course, "all") if c.module in course.apart)


def verify_kit(course: Course, echo: Callable[[Text], None] = lambda text: print(text.en)) -> list[Text]:
    """Every problem found (empty when the kit is in order); ``echo`` shows the progress lines."""
    from grader.engine import grading

    root = course.root
    problems = signature_problems(root)
    problems += [VERIFY["stale"].format(name=name) for name in check_exercises(root)]
    problems += points_problems(course)
    echo(VERIFY["grading-solutions"])
    solved = grading.grade(root / "solutions", course, grading.Options(scope="all"))
    echo(VERIFY["solutions-score"].format(score=solved.score, max_score=solved.max_score,
                                          project=_apart_part(solved)))
    problems += [VERIFY["solutions-fail"].format(check=r.name, summary=r.feedback.summary if r.feedback else "")
                 for r in solved.failed]
    echo(VERIFY["grading-stubs"])
    stubs = grading.grade(root / "exercises", course, grading.Options(scope="all"))
    echo(VERIFY["stubs-score"].format(score=stubs.score, max_score=stubs.max_score, project=_apart_part(stubs)))
    problems += [VERIFY["stubs-pass"].format(check=r.name) for r in stubs.results if r.passed]
    if course.project.enabled:
        want = apart_total(course)
        for name, report in (("solutions", solved), ("exercises", stubs)):
            if report.project_max_score != want:
                problems.append(VERIFY["project-ungraded"].format(folder=name, want=want))
    return problems


def _apart_part(report) -> Text:
    if report.project_max_score is None:
        return plain("")
    return VERIFY["project-part"].format(score=report.project_score, max_score=report.project_max_score)
