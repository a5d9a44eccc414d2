"""The batch's bookkeeping, without grading anyone: entries, hashes, statuses, files, errors."""

from __future__ import annotations

import csv
import dataclasses
import fcntl
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from grader import batch
from grader.batch import outputs as batch_outputs
from grader.engine.intake import Intake, collect
from grader.errors import KitError
from grader.messages import Text, plain
from grader.record.atomic import remove_stale_temporaries, write_atomic
from grader.record.results import FAILED, PASSED, CheckResult, Feedback, Report
from grader.record.student import StudentRecord


def student(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_entries_folders_archives_and_the_rest(tmp_path):
    """Are folders and .zip files students, named by id, and everything else skipped with a warning?"""
    student(tmp_path / "2024001", **{"tensors.py": ""})
    (tmp_path / "2024002.zip").write_bytes(b"PK")
    (tmp_path / "README.txt").write_text("x")
    (tmp_path / ".DS_Store").write_text("x")
    student(tmp_path / "__MACOSX", **{"tensors.py": ""})
    out = tmp_path / "out"
    out.mkdir()
    entries, skipped = batch.find_entries(tmp_path, out.resolve())
    assert sorted(entries) == ["2024001", "2024002"]
    assert entries["2024002"].paths == (tmp_path / "2024002.zip",)
    assert len(skipped) == 3 and all(("skipped" in line) for line in skipped)
    assert not any("out" in line.split(":")[0] for line in skipped)  # OUT_DIR inside BATCH_DIR is not a student


def test_two_entries_for_one_id_are_kept_together(tmp_path):
    """Do kim/ and kim.ZIP end up as one student with both entries (a conflict), not one silently chosen?"""
    student(tmp_path / "kim", **{"tensors.py": ""})
    (tmp_path / "kim.ZIP").write_bytes(b"PK")
    entries, _ = batch.find_entries(tmp_path, tmp_path / "out")
    assert [p.name for p in entries["kim"].paths] == ["kim", "kim.ZIP"]


@pytest.mark.parametrize("name, ok", [("2024001", True), ("김민수", True), ("kim lee", True), (".hidden", False),
                                      ("__MACOSX", False), ("grades.csv", False), ("tab\there", False)])
def test_valid_student_ids(name, ok):
    """Which names can be a student id (a folder in OUT_DIR and a CSV cell)?"""
    assert batch.valid_id(name) is ok


def test_unreadable_entries_become_notices(tmp_path):
    """Do a folder without modules and a corrupt zip give an intake with a clear line instead of an error?"""
    empty = batch.read_entry(student(tmp_path / "empty"))
    assert empty.sources == {} and "holds none of tensors.py" in empty.notices[0].summary.en
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    bad = batch.read_entry(tmp_path / "bad.zip")
    assert bad.sources == {} and "bad.zip" in bad.notices[0].summary.en
    assert "손상" in bad.notices[0].summary.ko


def test_submission_hash_follows_the_content(tmp_path):
    """Does the hash stay for the same files, change when a file or what could be read changes, and
    ignore the wording of notices (rewording a sentence regrades nobody)?"""
    one = student(tmp_path / "one", **{"tensors.py": "x = 1\n"})
    two = student(tmp_path / "two", **{"tensors.py": "x = 1\n"})
    assert batch.submission_hash(collect(one)) == batch.submission_hash(collect(two))
    (two / "tensors.py").write_text("x = 2\n")
    assert batch.submission_hash(collect(one)) != batch.submission_hash(collect(two))
    reworded = Intake(files=collect(one).files, sources=collect(one).sources, notices=[Feedback(plain("odd"))])
    assert batch.submission_hash(reworded) == batch.submission_hash(collect(one))
    unreadable = Intake(files=collect(one).files, sources={}, notices=[Feedback(plain("not UTF-8"))])
    assert batch.submission_hash(unreadable) != batch.submission_hash(collect(one))


def test_kit_hash_follows_the_rules(course, tmp_path):
    """Does the kit hash change with course.toml's values, the checks' files and the accuracy run?"""
    base = batch.kit_hash(course, include_slow=True)
    assert batch.kit_hash(course, include_slow=True) == base
    assert batch.kit_hash(course, include_slow=False) != base
    stricter = dataclasses.replace(course, limits=dataclasses.replace(course.limits, call_seconds=3.0))
    assert batch.kit_hash(stricter, include_slow=True) != base
    moved = dataclasses.replace(course, root=tmp_path)
    (tmp_path / "tests" / "checks" / "public").mkdir(parents=True)
    assert batch.kit_hash(moved, include_slow=True) != base  # other (here: no) checks


def test_status_could_not_run_only_when_nothing_ran():
    """Is a submission "could not run" only when none of its modules could be imported (by the report's
    facts, whatever its sentences say)?"""
    intake = Intake(sources={"tensors": "", "concepts": ""})
    reworded = Feedback(Text("", "concepts.py could not be imported, so its checks score 0."))
    one = Report(notices=[reworded], facts={"import_failed": {"tensors": "import"}})
    assert batch.status_of(intake, one) == batch.GRADED
    both = Report(facts={"import_failed": {"tensors": "import", "concepts": "died"}})
    assert batch.status_of(intake, both) == batch.COULD_NOT_RUN
    assert batch.status_of(Intake(), Report()) == batch.COULD_NOT_RUN


def report(student_id: str, passed: dict[str, float], **batch_facts) -> StudentRecord:
    results = [CheckResult(name, points if ok else 0.0, points, PASSED if ok else FAILED,
                           id=name.replace(": ", "."))
               for name, (points, ok) in passed.items()]
    return StudentRecord(student_id, Report(results=results, student=student_id, scope="all"), batch.GRADED,
                         **batch_facts)


def test_grades_csv_rows_and_columns(tmp_path):
    """Does grades.csv hold a points-possible row, then one sorted row per student with module and check
    columns headed by their stable id and maximum, and a row for one not graded yet?"""
    records = {
        "b": report("b", {"tensors.add: x": (2, True), "cnn.first_conv: y": (3, False), "cnn.first_conv: z": (1, True)}),
        "a": report("a", {"tensors.add: x": (2, True), "cnn.first_conv: y": (3, True), "cnn.first_conv: z": (1, True)}),
    }
    path = batch_outputs.write_grades(tmp_path, ["b", "a", "c"], records, "en", Text("아직", "not graded yet"),
                                      {"a": "Kim A"})
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["student_id", "name", "score", "max_score", "status", "submitted_at", "late", "late_penalty",
                       "override", "failed", "tensors (2)", "cnn (4)", "tensors.add.x (2)", "cnn.first_conv.y (3)",
                       "cnn.first_conv.z (1)", "notes"]
    assert rows[1] == ["Points Possible", "", "6", "6", "", "", "", "", "", "", "2", "4", "2", "3", "1", ""]
    assert [r[:5] + r[9:15] for r in rows[2:]] == [
        ["a", "Kim A", "6", "6", "graded", "0", "2", "4", "2", "3", "1"],
        ["b", "", "3", "6", "graded", "1", "2", "1", "2", "0", "1"],
        ["c", "", "", "", "not graded yet", "", "", "", "", "", ""]]
    assert path.read_bytes().startswith("\ufeff".encode())  # spreadsheets read the Korean


def test_files_are_written_atomically(tmp_path):
    """Is a file replaced in one step, with no temporary file left, and are stale ones cleaned up?"""
    target = tmp_path / "s" / "report.json"
    write_atomic(target, "{}")
    write_atomic(target, '{"a": 1}')
    assert json.loads(target.read_text()) == {"a": 1}
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]
    (target.parent / ".report.json.abc.tmp").write_text("half")
    remove_stale_temporaries(target.parent)
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_a_student_is_done_when_report_json_is_there(tmp_path):
    """Are all three files written, report.json (the marker) readable back, a damaged one treated as missing?"""
    record = report("kim", {"tensors.add: x": (1, True)}, content_hash="h", kit_hash="k")
    batch_outputs.write_student(tmp_path, record, "ko", True)
    assert {p.name for p in (tmp_path / "kim").iterdir()} == {"report.json", "results.json", "feedback.html"}
    assert batch_outputs.read_record(tmp_path, "kim") == record
    assert json.loads((tmp_path / "kim" / "results.json").read_text(encoding="utf-8"))["score"] == 1
    (tmp_path / "kim" / "report.json").write_text("{broken")
    assert batch_outputs.read_record(tmp_path, "kim") is None


@pytest.mark.parametrize("mode, due, shown", [("always", "", True), ("never", "", False), ("after_due", "", True),
                                              ("after_due", "2020-01-01T00:00:00+09:00", True),
                                              ("after_due", "2999-01-01T00:00:00+09:00", False)])
def test_when_hidden_results_are_shown(course, mode, due, shown):
    """Are hidden-check results shown to students by [feedback] show_hidden and the due date?"""
    changed = dataclasses.replace(course, feedback=dataclasses.replace(course.feedback, show_hidden=mode),
                                  course=dataclasses.replace(course.course, due=due))
    assert batch_outputs.show_hidden(changed, datetime(2026, 6, 1, tzinfo=timezone.utc)) is shown


def test_missing_or_wrong_folders_are_errors(course, tmp_path):
    """Is a missing BATCH_DIR, a file as BATCH_DIR or OUT_DIR equal to it a KitError, before anything runs?"""
    with pytest.raises(KitError, match="does not exist"):
        batch.run_batch(course, tmp_path / "nowhere", tmp_path / "out", progress=False)
    (tmp_path / "file").write_text("x")
    with pytest.raises(KitError, match="is not a folder"):
        batch.run_batch(course, tmp_path / "file", tmp_path / "out", progress=False)
    with pytest.raises(KitError, match="must not be the batch folder"):
        batch.run_batch(course, tmp_path, tmp_path, progress=False)


def test_unknown_student_is_an_error(course, tmp_path):
    """Does --student with an id that is not in the batch name the ids there are?"""
    student(tmp_path / "batch" / "kim", **{"tensors.py": ""})
    with pytest.raises(KitError, match="no student 'lee'.*kim"):
        batch.run_batch(course, tmp_path / "batch", tmp_path / "out", student="lee", progress=False)


def test_two_batches_cannot_share_an_output_folder(course, tmp_path):
    """Is a second batch writing into the same OUT_DIR refused while the first holds it?"""
    (tmp_path / "batch").mkdir()
    out = tmp_path / "out"
    out.mkdir()
    with open(out / batch.LOCK_FILE, "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(KitError, match="another grade batch"):
            batch.run_batch(course, tmp_path / "batch", out, progress=False)


def test_conflicts_alone_need_no_worker(course, tmp_path):
    """Does a batch of a conflict and a stray file finish at once, with the conflict's files and the summary?"""
    root = tmp_path / "batch"
    student(root / "kim", **{"tensors.py": "x = 1\n"})
    (root / "kim.zip").write_bytes(b"PK")
    (root / "notes.txt").write_text("x")
    summary = batch.run_batch(course, root, tmp_path / "out", progress=False, lang="en")
    assert summary.conflicts == ["kim"] and summary.workers == 0
    record = json.loads((tmp_path / "out" / "kim" / "report.json").read_text(encoding="utf-8"))
    assert record["score"] == 0 and record["max_score"] == 100 and record["status"] == batch.CONFLICT
    printed = "\n".join(summary.lines("en"))
    assert "1 conflicts" in printed and "notes.txt" in printed
    assert "Where the time went" not in printed  # said only when someone was graded
    again = batch.run_batch(course, root, tmp_path / "out", progress=False, lang="en")
    assert again.kept == ["kim"]  # nothing changed: nothing rewritten


def test_kit_hash_follows_the_data(course, tmp_path, monkeypatch):
    """Does switching the accuracy run's data (the 5k subset → an mnist.npz) change the kit hash?"""
    import numpy as np

    from grader import data

    base = batch.kit_hash(course, include_slow=True)
    images = np.zeros((20, 28, 28), dtype=np.uint8)
    labels = np.arange(20, dtype=np.uint8) % 10
    monkeypatch.setenv("MNIST_PATH", str(data.save_npz(tmp_path / "mnist.npz", ((images, labels), (images, labels)))))
    assert batch.kit_hash(course, include_slow=True) != base
    assert batch.kit_hash(course, include_slow=False) == batch.kit_hash(course, include_slow=False)
