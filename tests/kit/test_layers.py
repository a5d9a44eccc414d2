"""The trust boundary is a rule the code obeys, checked on every module's imports (ast, no imports run).

- Code under ``grader/sandbox/child/`` runs in the untrusted process: it imports only itself and
  ``grader.sandbox.protocol``, never the grader's side (``host``) or the rest of the grader.
- Outside ``grader.sandbox`` nothing imports the child's modules; the one public entry is
  ``grader.sandbox.child.in_process_server`` (the nbgrader kernel).
- keras objects sent by the child are rebuilt only by ``grader/sandbox/host/values.py``
  (its ``rebuild``, the one allow-listed decoder).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHILD = ROOT / "grader" / "sandbox" / "child"
SANDBOX = ROOT / "grader" / "sandbox"
REBUILD = SANDBOX / "host" / "values.py"
TRUSTED = [ROOT / "grader", ROOT / "tests" / "checks", ROOT / "bench"]
DESERIALISERS = {"model_from_json", "deserialize_keras_object", "load_model", "model_from_config"}


def python_files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*.py"))


def imports(path: Path) -> list[tuple[str, list[str], int]]:
    """``(module, names, line)`` for every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([module] if module else []))
            found.append((module, [alias.name for alias in node.names], node.lineno))
    return found


def child_modules_named(module: str, names: list[str]) -> list[str]:
    """The child's own modules an import statement reaches (``grader.sandbox.child.server``...)."""
    if module.startswith("grader.sandbox.child."):
        return [module]
    if module == "grader.sandbox.child":
        return [f"{module}.{name}" for name in names if name != "in_process_server"]
    if module == "grader.sandbox" and "child" in names:
        return ["grader.sandbox.child"]
    return []


def test_the_rules_see_the_files():
    assert len(python_files(CHILD)) >= 4
    assert len(python_files(*TRUSTED)) > 40
    assert imports(CHILD / "server.py"), "the parser found no imports in the child's server"


@pytest.mark.parametrize("path", python_files(CHILD), ids=lambda p: p.name)
def test_child_code_imports_only_itself_and_the_protocol(path):
    bad = [f"{path.name}:{line} imports {module}" for module, _, line in imports(path)
           if module.startswith("grader") and not (
               module in ("grader.sandbox.child", "grader.sandbox.protocol")
               or module.startswith("grader.sandbox.child."))]
    bad += [f"{path.name}:{line} imports grader.sandbox.{name}" for module, names, line in imports(path)
            if module == "grader.sandbox" for name in names if name != "protocol"]
    assert not bad, bad


def test_nothing_outside_the_sandbox_imports_child_internals():
    bad = []
    for path in python_files(*TRUSTED):
        if SANDBOX in path.parents:
            continue
        for module, names, line in imports(path):
            for reached in child_modules_named(module, names):
                bad.append(f"{path.relative_to(ROOT)}:{line} imports {reached}")
    assert not bad, bad


def test_the_rule_catches_what_it_forbids():
    assert child_modules_named("grader.sandbox.child.describe", []) == ["grader.sandbox.child.describe"]
    assert child_modules_named("grader.sandbox.child", ["describe"]) == ["grader.sandbox.child.describe"]
    assert child_modules_named("grader.sandbox.child", ["in_process_server"]) == []
    assert child_modules_named("grader.sandbox", ["child"]) == ["grader.sandbox.child"]


def keras_decoders_used(path: Path) -> list[str]:
    """keras' own decoders a file reaches: ``keras.models.model_from_json(...)``, ``from keras... import``."""
    used = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in DESERIALISERS:
            used.append(f"{path.relative_to(ROOT)}:{node.lineno} uses {node.attr}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("keras", "tensorflow"):
            used += [f"{path.relative_to(ROOT)}:{node.lineno} imports {alias.name}"
                     for alias in node.names if alias.name in DESERIALISERS]
    return used


def test_keras_objects_from_the_child_are_rebuilt_in_one_place():
    bad = [use for path in python_files(*TRUSTED) if path != REBUILD for use in keras_decoders_used(path)]
    assert not bad, bad
    assert len(keras_decoders_used(REBUILD)) == 1, "one call to keras' decoder, inside values.rebuild"
