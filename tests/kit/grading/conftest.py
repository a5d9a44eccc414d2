"""Fixtures for the grading corpora: offline data, and the test course of the batch tests."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "batch"))  # classroom.py, shared with the batch tests

from classroom import course, offline  # noqa: F401  (pytest fixtures, shared by the batch tests and the grading corpora)

