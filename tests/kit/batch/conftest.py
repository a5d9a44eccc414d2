"""Fixtures for the batch tests: offline data with a cache of their own, and the test course."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # classroom.py and batch_hooks.py, for the batch workers too

from classroom import course, offline  # noqa: F401  (pytest fixtures, shared by the batch tests and the grading corpora)

