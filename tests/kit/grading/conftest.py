"""Fixtures for the grading corpora: offline data, and the test course of the batch tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from grader import config

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "batch"))  # classroom.py, shared with the batch tests

from classroom import make_course  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def offline(tmp_path_factory):
    """No downloads, and MNIST parsed once into a cache of this session's own."""
    patch = pytest.MonkeyPatch()
    patch.setenv("GRADE_OFFLINE", "1")
    patch.setenv("GRADE_CACHE", str(tmp_path_factory.mktemp("grade-cache")))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def course(tmp_path_factory) -> config.Course:
    return make_course(tmp_path_factory.mktemp("course"))
