"""Fixtures: fresh sample reports (see report_samples.py) for each test."""

from __future__ import annotations

import pytest
import report_samples

from grader.record.results import Report


@pytest.fixture
def correct_report() -> Report:
    """Correct work after `grade submit`: every public check passed, all artifacts present."""
    return report_samples.correct()


@pytest.fixture
def mistake_report() -> Report:
    """A batch report for padding="valid", with a hidden failure, a notice and odd output."""
    return report_samples.mistake()


@pytest.fixture
def bare_report() -> Report:
    """`grade check` on a broken submission: no artifacts at all."""
    return report_samples.bare()
