"""Fixtures for the content tests: the project root and importing a file by its path."""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path
from types import ModuleType
from typing import Callable

import pytest
from classroom import ALL_MODULES as MODULES

_ROOT = Path(__file__).resolve().parents[3]
_counter = itertools.count()


def _load_module(path: Path) -> ModuleType:
    """Import the file at ``path`` under a fresh name, as the grader does with a submission."""
    name = f"_content_test_{path.parent.name}_{path.stem}_{next(_counter)}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def root() -> Path:
    return _ROOT


@pytest.fixture(scope="session")
def load_module() -> Callable[[Path], ModuleType]:
    return _load_module


@pytest.fixture(scope="session")
def solutions() -> dict[str, ModuleType]:
    return {module: _load_module(_ROOT / "solutions" / f"{module}.py") for module in MODULES}


@pytest.fixture(scope="session")
def stubs() -> dict[str, ModuleType]:
    return {module: _load_module(_ROOT / "exercises" / f"{module}.py") for module in MODULES}
