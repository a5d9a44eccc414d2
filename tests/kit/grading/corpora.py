"""Grading a corpus folder as one class (shared by test_styles.py and test_mistakes.py)."""

from __future__ import annotations

import json
from pathlib import Path

from classroom import build_class

from grader import config
from grader.batch import run_batch


def grade_corpus(course: config.Course, corpus: Path, root: Path) -> dict[str, dict]:
    """Every case of ``corpus`` as one class, graded in one batch (2 workers, hidden checks and the accuracy
    run included); each student's report.json by case name."""
    cases = sorted(p.name for p in corpus.iterdir() if p.is_dir())
    batch = build_class(root / "batch", {case: case for case in cases}, corpus=corpus)
    summary = run_batch(course, batch, root / "out", workers=2, progress=False, include_slow=True)
    assert sorted(summary.graded) == cases
    return {case: json.loads((root / "out" / case / "report.json").read_text(encoding="utf-8")) for case in cases}
