"""Hooks the batch workers call before grading a student (``run_batch(_before_grade="batch_hooks:...")``)."""

from __future__ import annotations

import os

DOOMED = "worker_dies"


def kill_worker_for_doomed(student: str) -> None:
    """The grading worker itself dies while holding this student (what the batch must survive)."""
    if student == DOOMED:
        os._exit(70)
