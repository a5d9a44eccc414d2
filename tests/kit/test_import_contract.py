"""The package layout is a contract the code obeys: each layer imports only itself and the layers below it,
and no two modules import each other, even through others (ast, no imports run).

Layers, bottom to top (``docs/architecture.md`` says what each holds):

====================  =================================================================
``grader.messages``   bilingual text
``grader.printable``  the one sanitiser between what a submission names and a terminal
``grader.errors``     the one error type a person reads
``grader.korean``     Korean particles chosen by a word's final sound
``grader.catalog``    every sentence a person reads
``grader.config``     ``course.toml``
``grader.data``       MNIST, found and split (students call ``grader.data.load_mnist()``); ``grader.datasets``
                      holds the kit's own 5k digits
``grader.sandbox``    the untrusted child and the grader's side of it
``grader.record``     a grade's record: results, the scoring pass, atomic writes
``grader.checks``     the check API and running checks
``grader.engine``     one submission: intake, data, grading, a holdout part
``grader.classbook``  the class around it: entries, roster, lateness, overrides
``grader.report``     renderers of a record
``grader.content``    exercises, notebooks, the student kit, in-notebook ``check()``
``grader.batch``      a whole class: plan, executor, grade book, similarity
``grader.nbgrader``   nbgrader's course, kernel and gradebook
``grader.cli``        the ``grade`` commands; the pytest plugin and the notebook's ``check()`` are front ends too
====================  =================================================================
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GRADER = ROOT / "grader"
LAYERS = ("grader.messages", "grader.printable", "grader.errors", "grader.korean", "grader.catalog", "grader.config", "grader.datasets", "grader.data", "grader.sandbox", "grader.record",
          "grader.checks", "grader.engine", "grader.classbook", "grader.report", "grader.content", "grader.batch",
          "grader.nbgrader", "grader.cli")
FRONT_ENDS = {"grader.checks.pytest_plugin": "grader.cli", "grader.notebook": "grader.cli", "grader.__main__": "grader.cli"}
"""Modules that are front ends wherever they live, at names students and tools already use: pytest
loads its plugin by this name (the checks' conftest and every released kit name it), a notebook's
first cell runs ``from grader.notebook import check``, ``python -m grader`` runs ``__main__``."""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(GRADER.rglob("*.py"))}


def imported(path: Path) -> set[str]:
    """The grader's modules a file imports, anywhere in it (inside functions too), relative ones resolved;
    ``from grader.x import y`` counts ``grader.x.y`` when that is a module, else ``grader.x``."""
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


def layer(module: str) -> int:
    if module == "grader":  # the package itself: its docstring and version, nothing more
        return 0
    owner = FRONT_ENDS.get(module) or next((top for top in LAYERS if module == top or module.startswith(top + ".")),
                                           None)
    assert owner is not None, f"{module} belongs to no layer: add it to LAYERS or move it into one"
    return LAYERS.index(owner)


GRAPH = {name: imported(path) for name, path in MODULES.items() if name != "grader"}


def test_the_contract_sees_the_code():
    """Does the contract find the modules and their imports (a parser that found nothing would pass)?"""
    assert len(GRAPH) > 80
    assert "grader.record.results" in GRAPH["grader.engine.grading"]
    assert "grader.engine.grading" in GRAPH["grader.checks.pytest_plugin"]


def test_every_module_belongs_to_a_layer():
    """Is every module of grader/ inside one of the layers (no loose module beside them)?"""
    for name in GRAPH:
        layer(name)


def test_no_layer_imports_a_layer_above_it():
    """Does every import go to the module's own layer or one below it?"""
    upward = [f"{name} ({LAYERS[layer(name)]}) imports {target} ({LAYERS[layer(target)]})"
              for name, targets in GRAPH.items() for target in sorted(targets) if layer(target) > layer(name)]
    assert not upward, "\n".join(upward)


def test_no_two_modules_import_each_other():
    """Is the module import graph free of cycles (lazy imports inside functions count too)?"""
    state: dict[str, int] = {}
    cycles = []

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for target in sorted(GRAPH.get(name, ())):
            if state.get(target) == 1:
                cycles.append(" -> ".join(trail[trail.index(target):] + [target]))
            elif target not in state:
                visit(target, trail + [target])
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert not cycles, "\n".join(cycles)


def test_the_contract_catches_what_it_forbids():
    """Would an upward import and a cycle be caught?"""
    assert layer("grader.report.csv") > layer("grader.classbook.overrides")
    assert layer("grader.checks.pytest_plugin") == LAYERS.index("grader.cli")
