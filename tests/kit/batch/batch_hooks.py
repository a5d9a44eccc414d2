"""Hooks the batch workers call before grading a student (``run_batch(_before_grade="batch_hooks:...")``)."""

from __future__ import annotations

import os

DOOMED = "worker_dies"


def kill_worker_for_doomed(student: str) -> None:
    """The grading worker itself dies while holding this student (what the batch must survive)."""
    if student == DOOMED:
        os._exit(70)



LEAK_MB = 1500
_leaked: list[bytearray] = []


def leak_once_per_worker(student: str) -> None:
    """Each grading worker keeps 1.5 GB after its first student (a leak, or models rebuilt and held)."""
    if not _leaked:
        _leaked.append(bytearray(LEAK_MB * 1024 * 1024))
        _leaked[0][::4096] = b"\x01" * len(_leaked[0][::4096])  # touch every page: resident, not just reserved
