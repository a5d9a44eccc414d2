"""`grade check --watch`: a save is checked again, in a sandbox started ahead, with the same verdicts."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from grader import config
from grader.cli.watch import Watcher, snapshot
from grader.engine import grading

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ("return tf.Variable(value, dtype=dtype)", "return tf.constant(value, dtype=dtype)")


def test_snapshot_sees_a_save(tmp_path):
    """Does the folder's snapshot change when a watched file is saved, and only then?"""
    (tmp_path / "tensors.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("a", encoding="utf-8")
    before = snapshot(tmp_path)
    (tmp_path / "notes.txt").write_text("ab", encoding="utf-8")
    assert snapshot(tmp_path) == before
    (tmp_path / "tensors.py").write_text("x = 22\n", encoding="utf-8")
    assert snapshot(tmp_path) != before


@pytest.mark.slow
def test_each_save_is_checked_again_in_a_warm_sandbox(tmp_path):
    """Does the watcher check at once, say the moment it notices a save (before that check, never for
    the first), check again (the child already started), and give the verdict the saved code earns?"""
    source = (ROOT / "solutions" / "tensors.py").read_text(encoding="utf-8")
    (tmp_path / "tensors.py").write_text(source, encoding="utf-8")
    course = config.load(ROOT)
    options = grading.Options(scope="public", selection=("tensors.make_variable",), include_slow=False,
                              include_training=False)
    watcher = Watcher(tmp_path, course, options)
    reports, shown, events = [], threading.Event(), []

    def show(report):
        reports.append(report)
        events.append("report")
        shown.set()

    loop = threading.Thread(target=watcher.run, args=(show,), kwargs={
        "stop": lambda: len(reports) >= 2, "noticed": lambda: events.append("noticed")})
    loop.start()
    assert shown.wait(300)
    assert watcher.wait_until_warm(300)
    shown.clear()
    (tmp_path / "tensors.py").write_text(source.replace(*BROKEN), encoding="utf-8")
    assert shown.wait(300)
    loop.join(60)
    first, second = reports
    assert events == ["report", "noticed", "report"]
    assert first.score == first.max_score == sum(r.max_score for r in first.results) > 0
    kind = next(r for r in second.results if r.name == "tensors.make_variable: returns a tf.Variable")
    assert not kind.passed and second.score == 1  # a tf.constant keeps the dtype, but is no Variable
