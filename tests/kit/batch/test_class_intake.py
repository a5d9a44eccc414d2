"""The class around the submissions, without grading anyone: entries, roster, lateness, overrides, adjustments."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
import tomli_w
from classroom import MODULES, solution_source, stub_source

from grader import config
from grader.classbook.adjustments import class_facts
from grader.classbook.entries import claimed_notice, find_entries
from grader.classbook.lateness import days_late, late_adjustment
from grader.classbook.overrides import (
    OVERRIDES_FILE,
    POSITIONAL_BACKUP,
    ensure_file,
    load_overrides,
    migrate_positional_ids,
    positional_ids,
)
from grader.classbook.roster import load_roster
from grader.engine.intake import Intake, collect, write_archive
from grader.engine.untouched import nothing_implemented
from grader.errors import KitError
from grader.messages import Text
from grader.record.results import FAILED, PASSED, CheckResult, Report
from grader.record.student import ClassFacts, StudentRecord
from grader.report.csv import GradeRow, grade_table


def archive(target: Path, student: str | None, created: str | None, read=solution_source) -> Path:
    """An archive as `grade submit` writes it (its manifest names the student and the time)."""
    meta = {"student": student, **({"created": created} if created else {})}
    return write_archive(Intake(files={f"{m}.py": read(m).encode() for m in MODULES}), target, meta)


def course_with(tmp_path: Path, **tables: dict) -> config.Course:
    (tmp_path / "course.toml").write_text(tomli_w.dumps(tables), encoding="utf-8")
    return config.load(tmp_path)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# -- which entries, whose, and which one -------------------------------------------------------------------
def received(path: Path, text: str) -> Path:
    """Set ``path``'s file time, the time it was collected at (what the instructor's side knows)."""
    moment = at(text).timestamp()
    os.utime(path, (moment, moment))
    return path


def test_submit_archive_is_graded_at_the_time_it_was_received(tmp_path):
    """Is grade submit's submission-ID-TIME.zip the student ID, handed in at its file time, with the manifest's
    time kept only as what the student's machine said?"""
    received(archive(tmp_path / "submission-2026007-20261201T043727Z.zip", "2026007", "2026-12-01T04:37:27+00:00"),
             "2026-12-03T09:00:00+00:00")
    room = find_entries(tmp_path, tmp_path / "out")
    entry = room.entries["2026007"]
    assert list(room.entries) == ["2026007"] and not room.warnings
    assert (entry.submitted_at, entry.time_source) == (at("2026-12-03T09:00:00+00:00"), "file time")
    assert entry.claimed_at == at("2026-12-01T04:37:27+00:00")
    said = claimed_notice(entry).summary
    assert "2026-12-01 04:37 UTC" in said.en and "2026-12-03 09:00 UTC" in said.en and "학생 컴퓨터" in said.ko


def test_the_latest_of_several_archives_is_graded_and_the_others_listed(tmp_path):
    """With two submits by one student, is the later received graded and the earlier named, not a second student?"""
    old = received(archive(tmp_path / "submission-2026007-20261201T043727Z.zip", "2026007",
                           "2026-12-01T04:37:27+00:00"), "2026-12-01T05:00:00+00:00")
    new = received(archive(tmp_path / "submission-2026007-20261202T010000Z.zip", "2026007",
                           "2026-12-02T01:00:00+00:00"), "2026-12-02T01:05:00+00:00")
    entry = find_entries(tmp_path, None).entries["2026007"]
    assert entry.paths == (new,) and entry.superseded == (old,)
    assert old.name in entry.notices[0].summary.en and "the latest" in entry.notices[0].summary.en


def test_a_manifest_naming_someone_else_never_decides_whose_work_it_is(tmp_path):
    """Is an archive named 2026004 whose manifest says 2026001 graded as 2026004's, the disagreement said out loud,
    while 2026001's own archive stays 2026001's alone (no conflict, not replaced)?"""
    impostor = archive(tmp_path / "2026004.zip", "2026001", "2026-12-01T04:37:27+00:00")
    own = archive(tmp_path / "2026001.zip", "2026001", "2026-12-01T04:37:27+00:00")
    room = find_entries(tmp_path, None, "ko")
    assert {s: e.paths for s, e in room.entries.items()} == {"2026001": (own,), "2026004": (impostor,)}
    assert len(room.warnings) == 1 and "2026004" in room.warnings[0] and "2026001" in room.warnings[0]
    assert "2026001" in room.entries["2026004"].notices[0].summary.ko
    assert room.entries["2026004"].named_as == ("2026001",) and not room.entries["2026001"].notices


def test_an_archive_without_student_keeps_its_name(tmp_path):
    """Does `grade submit` without --student (manifest student null) take the id from the file name?"""
    archive(tmp_path / "2026001.zip", None, None)
    entry = find_entries(tmp_path, None).entries["2026001"]
    assert entry.time_source == "file time" and entry.submitted_at is not None and entry.claimed_at is None


@pytest.mark.parametrize("student", ["leaderboard.html", "Grades.CSV", "canvas.csv", "notes.json"])
def test_an_id_that_names_a_kit_file_is_skipped_with_a_line(tmp_path, student):
    """Is an entry whose id would be one of the kit's own files in OUT_DIR (leaderboard.html, any case) skipped
    with a line saying so, whether the id came from a folder or from a manifest?"""
    (tmp_path / student).mkdir()
    (tmp_path / student / "tensors.py").write_text("x = 1\n")
    archive(tmp_path / "2026001.zip", student, None)
    room = find_entries(tmp_path, None)
    assert list(room.entries) == ["2026001"] and room.entries["2026001"].named_as == ()
    assert len(room.skipped) == 1 and "name of a file the kit writes" in room.skipped[0]


def test_a_folder_and_an_archive_are_a_conflict(tmp_path):
    """Are kim/ and kim.zip still not guessed between?"""
    (tmp_path / "kim").mkdir()
    (tmp_path / "kim" / "tensors.py").write_text("x = 1\n")
    archive(tmp_path / "kim.zip", "kim", "2026-12-01T04:37:27+00:00")
    entry = find_entries(tmp_path, None).entries["kim"]
    assert [p.name for p in entry.paths] == ["kim", "kim.zip"] and entry.submitted_at is None


def test_lms_folders_with_id_pattern(tmp_path):
    """Does --id-pattern read the id out of an LMS download's folder names, grading the archive inside?"""
    folder = tmp_path / "Kim Minsu_2026001_assignsubmission_file_"
    folder.mkdir()
    inside = archive(folder / "submission-2026001-20261201T043727Z.zip", "2026001", "2026-12-01T04:37:27+00:00")
    (tmp_path / "index.html").write_text("x")
    room = find_entries(tmp_path, None, "en", r"_(?P<id>\d{7})_")
    assert room.entries["2026001"].paths == (inside,)
    assert any("index.html" in line for line in room.skipped)
    with pytest.raises(KitError, match="--id-pattern '\\(' is not a regular expression"):
        find_entries(tmp_path, None, "en", "(")


# -- the roster ------------------------------------------------------------------------------------------------
def test_roster_with_korean_headers(tmp_path):
    """Does a roster with 학번 and 이름 columns give the students in order?"""
    path = tmp_path / "roster.csv"
    path.write_text("이름,학번\n김민수,2026001\n이영희,2026002\n,\n", encoding="utf-8-sig")
    assert [(s.student, s.name) for s in load_roster(path)] == [("2026001", "김민수"), ("2026002", "이영희")]


def test_canvas_export_as_roster(tmp_path):
    """Does a Canvas gradebook export (SIS User ID, a Points Possible row) read as a roster?"""
    path = tmp_path / "canvas.csv"
    path.write_text("Student,ID,SIS User ID,Section\n    Points Possible,,,\nKim Minsu,881,2026001,A\n")
    students = load_roster(path)
    assert [(s.student, s.name, s.column("ID")) for s in students] == [("2026001", "Kim Minsu", "881")]


def test_roster_errors_name_the_problem(tmp_path):
    """Is a roster without an id column, or with an id twice, one clear error?"""
    path = tmp_path / "roster.csv"
    path.write_text("who,when\nkim,now\n")
    with pytest.raises(KitError, match="has no student id column \\(headers: who, when"):
        load_roster(path)
    path.write_text("student_id\n1\n2\n1\n")
    with pytest.raises(KitError, match="student 1 is listed twice \\(lines 2 and 4\\)"):
        load_roster(path)
    with pytest.raises(KitError, match="does not exist"):
        load_roster(tmp_path / "nope.csv")
    path.write_bytes("학번,이름\n2026001,김민수\n".encode("cp949"))  # saved by a Korean Excel
    assert load_roster(path)[0].name == "김민수"


# -- lateness ----------------------------------------------------------------------------------------------------
def test_days_late_count_started_days_after_the_grace(tmp_path):
    """Is one minute late one day, and within the grace minutes on time?"""
    course = course_with(tmp_path, course={"due": "2026-12-01T23:59:00+09:00"}, late={"grace_minutes": 10})
    assert days_late(course, at("2026-12-01T23:59:00+09:00")) == 0
    assert days_late(course, at("2026-12-02T00:09:00+09:00")) == 0
    assert days_late(course, at("2026-12-02T00:10:01+09:00")) == 1
    assert days_late(course, at("2026-12-04T00:10:01+09:00")) == 3
    assert days_late(course, None) is None


def test_late_policies(tmp_path):
    """Does percent_per_day take its share of the earned points up to the cap, zero take all, none nothing?"""
    course = course_with(tmp_path, course={"due": "2026-12-01T00:00:00+00:00"},
                         late={"policy": "percent_per_day", "percent_per_day": 10.0, "max_percent": 30.0})
    when = at("2026-12-03T00:00:00+00:00")
    assert late_adjustment(course, 80.0, 2, when).points == -16.0
    assert late_adjustment(course, 80.0, 7, when).points == -24.0
    assert "24" in late_adjustment(course, 80.0, 7, when).reason.ko
    assert late_adjustment(course, 80.0, 0, when) is None
    zero = course_with(tmp_path, course={"due": "2026-12-01T00:00:00+00:00"}, late={"policy": "zero"})
    assert late_adjustment(zero, 80.0, 1, when).points == -80.0
    free = course_with(tmp_path, course={"due": "2026-12-01T00:00:00+00:00"})
    assert late_adjustment(free, 80.0, 1, when).points == 0  # reported, not charged


def test_bad_due_and_policy_are_errors(tmp_path):
    """Are a due date that is not ISO 8601 and an unknown policy errors naming the key?"""
    with pytest.raises(KitError, match="course.due .* must be an ISO 8601 time"):
        course_with(tmp_path, course={"due": "next friday"})
    with pytest.raises(KitError, match="late.policy .* must be one of none, zero, percent_per_day"):
        course_with(tmp_path, late={"policy": "half"})


# -- overrides and adjustments -----------------------------------------------------------------------------------
POINTS = {"cnn.first_conv.kernel": 3.0, "cnn.first_conv.padding": 2.0, "tensors.add.sum": 5.0}
TITLES = {"cnn.first_conv: a": "cnn.first_conv.kernel", "cnn.first_conv: b": "cnn.first_conv.padding",
          "tensors.add: c": "tensors.add.sum"}


def test_overrides_by_id_name_and_total(tmp_path):
    """Does overrides.csv name a check by its stable id or full title, or the total, with a reason?"""
    assert ensure_file(tmp_path).read_text() == "student,check,points,reason\n"
    (tmp_path / OVERRIDES_FILE).write_text("student,check,points,reason\n"
                                           "s1,cnn.first_conv.padding,2,\"regraded by hand, see mail\"\n"
                                           "s1,tensors.add: c,0,copied\n\ns2,total,9.5,excused\n")
    ensure_file(tmp_path)  # never rewritten once there
    found = load_overrides(tmp_path, POINTS, TITLES)
    assert [(o.check, o.points, o.reason) for o in found["s1"]] == [
        ("cnn.first_conv.padding", 2.0, "regraded by hand, see mail"), ("tensors.add.sum", 0.0, "copied")]
    assert [(o.check, o.points) for o in found["s2"]] == [("total", 9.5)]


def test_old_numbered_ids_are_rewritten_once_with_the_stable_ids(tmp_path):
    """Does an overrides.csv written with the old numbered column ids (cnn.first_conv.2: the second check
    of cnn.first_conv in course.toml) keep working: rewritten once with the stable ids it meant, the old
    file kept beside it, and a second read changing nothing?"""
    text = "student,check,points,reason\ns1,cnn.first_conv.2,2,by hand\ns2,tensors.add.1,0,copied\ns3,total,9,x\n"
    (tmp_path / OVERRIDES_FILE).write_text(text)
    legacy = positional_ids(list(POINTS))
    assert legacy == {"cnn.first_conv.1": "cnn.first_conv.kernel", "cnn.first_conv.2": "cnn.first_conv.padding",
                      "tensors.add.1": "tensors.add.sum"}
    assert migrate_positional_ids(tmp_path, legacy) == 2
    assert (tmp_path / POSITIONAL_BACKUP).read_text() == text
    assert (tmp_path / OVERRIDES_FILE).read_text().splitlines()[1:3] == [
        "s1,cnn.first_conv.padding,2,by hand", "s2,tensors.add.sum,0,copied"]
    assert migrate_positional_ids(tmp_path, legacy) == 0
    found = load_overrides(tmp_path, POINTS, TITLES)
    assert [(s, o.check) for s, rows in found.items() for o in rows] == [
        ("s1", "cnn.first_conv.padding"), ("s2", "tensors.add.sum"), ("s3", "total")]


@pytest.mark.parametrize("row, message", [
    ("s1,cnn.nothing.1,1,x", "'cnn.nothing.1' is neither 'total' nor a check"),
    ("s1,total,lots,x", "points must be a number, not 'lots'"),
    ("s1,cnn.first_conv.kernel,4,x", "points must be between 0 and 3, not 4"),
    (",total,1,x", "no student id"),
])
def test_a_bad_override_names_its_line(tmp_path, row, message):
    """Is a row that cannot be applied an error naming the file's line?"""
    (tmp_path / OVERRIDES_FILE).write_text(f"student,check,points,reason\n{row}\n")
    with pytest.raises(KitError, match=f"overrides.csv, line 2: {message}"):
        load_overrides(tmp_path, POINTS, TITLES)


def test_adjustments_apply_in_order_and_come_off_again(tmp_path):
    """Check overrides, then the late share of what is earned, then a total override; and without overrides,
    the checks' own score again?"""
    course = course_with(tmp_path, course={"due": "2026-12-01T00:00:00+00:00"},
                         late={"policy": "percent_per_day", "percent_per_day": 10.0})
    (tmp_path / OVERRIDES_FILE).write_text("student,check,points,reason\ns1,cnn.first_conv.kernel,3,typo in the key\n")
    results = [CheckResult("cnn.first_conv: a", 0.0, 3.0, FAILED, id="cnn.first_conv.kernel"),
               CheckResult("tensors.add: c", 5.0, 5.0, PASSED, id="tensors.add.sum")]
    raw = StudentRecord("s1", Report(results=results, student="s1", scope="all"))
    overrides = load_overrides(tmp_path, POINTS, TITLES)["s1"]
    record = raw.settled(class_facts(raw.report, course, at("2026-12-01T10:00:00+00:00"), "manifest", overrides))
    report = record.adjusted()
    assert report.results[0].score == 3.0 and report.score == 7.2  # 8 earned, 10 % off for a day late
    assert record.late_days == 1 and "typo in the key" in report.notices[0].summary.en
    assert record.report.score == 5.0 and raw.facts is None  # the checks' own verdicts are kept, raw is unchanged
    again = StudentRecord.from_json(record.to_json())
    assert again == record and again.adjusted().score == 7.2  # the codec keeps the class's facts
    record = record.settled(class_facts(record.report, course, at("2026-12-01T10:00:00+00:00"), "manifest", []))
    assert record.adjusted().score == 4.5


def test_nothing_implemented_is_read_from_the_source(tmp_path):
    """Are the handed-out stubs "nothing implemented", and a stub with one function written not?"""
    assert nothing_implemented(collect(Path(__file__).resolve().parents[3] / "exercises"))
    folder = tmp_path / "sub"
    folder.mkdir()
    for m in MODULES:
        (folder / f"{m}.py").write_text(stub_source(m), encoding="utf-8")
    assert nothing_implemented(collect(folder))
    text = stub_source("concepts").replace('raise NotImplementedError("', 'return 0\n    x = ("', 1)
    (folder / "concepts.py").write_text(text, encoding="utf-8")
    assert not nothing_implemented(collect(folder))
    assert not nothing_implemented(Intake())


def test_a_flat_canvas_download_is_one_submission_per_canvas_user(tmp_path):
    """Is a Canvas bulk download of loose files (kimminji_1001_5557_tensors.py, a re-upload tensors-1.py, a
    _LATE_ one) read as one submission per Canvas user id, the latest upload of each module graded under the
    kit's own file names, the LATE mark kept?"""
    for name, text in [("kimminji_1001_5557_tensors.py", "old = 1\n"), ("kimminji_1001_5560_tensors-1.py", "new = 1\n"),
                       ("kimminji_1001_5558_cnn.py", "x = 1\n"), ("kimminji_1001_5559_concepts.ipynb", "{}"),
                       ("leeyounghee_LATE_1002_6001_tensors.py", "y = 1\n"), ("leeyounghee_LATE_1002_6002_notes.txt", "")]:
        (tmp_path / name).write_text(text)
    room = find_entries(tmp_path, None)
    kim, lee = room.entries["1001"], room.entries["1002"]
    assert dict(kim.loose) == {"tensors.py": tmp_path / "kimminji_1001_5560_tensors-1.py",
                               "cnn.py": tmp_path / "kimminji_1001_5558_cnn.py",
                               "concepts.ipynb": tmp_path / "kimminji_1001_5559_concepts.ipynb"}
    assert kim.collect().sources["tensors"] == "new = 1\n" and kim.lms == "canvas" and not kim.lms_late
    assert lee.lms_late and set(dict(lee.loose)) == {"tensors.py"} and not room.skipped


def test_moodle_and_blackboard_downloads_carry_the_lms_id_and_time(tmp_path):
    """Are a Moodle folder per student (no --id-pattern needed) and Blackboard's flat files (the attempt's time
    in the name, read in the course's time zone; the receipt ignored) keyed by the LMS's user id, handed in
    when the LMS says?"""
    from datetime import timedelta, timezone

    folder = tmp_path / "Kim Minji_2026001_assignsubmission_file_"
    folder.mkdir()
    (folder / "tensors.py").write_text("x = 1\n")
    stamp = "day06_leeyh_attempt_2026-12-02-09-30-00"
    (tmp_path / f"{stamp}_tensors.py").write_text("y = 1\n")
    (tmp_path / f"{stamp}.txt").write_text("receipt")
    seoul = timezone(timedelta(hours=9))
    room = find_entries(tmp_path, None, "en", None, seoul)
    assert room.entries["2026001"].paths == (folder,) and room.entries["2026001"].lms == "moodle"
    lee = room.entries["leeyh"]
    assert (lee.submitted_at, lee.time_source) == (datetime(2026, 12, 2, 9, 30, tzinfo=seoul), "LMS")
    assert not room.skipped


def test_a_canvas_late_mark_makes_it_late_whatever_the_file_time(tmp_path):
    """Does Canvas's LATE mark count at least one day late even when the file's time says on time, and is a
    manifest's earlier time only noted beside the days it would make?"""
    course = course_with(tmp_path, course={"due": "2026-12-01T12:00:00+00:00"})
    report = Report(results=[CheckResult("a", 10.0, 10.0, PASSED)])
    facts = class_facts(report, course, at("2026-12-01T11:00:00+00:00"), "file time", [], late_mark=True)
    assert facts.late_days == 1
    facts = class_facts(report, course, at("2026-12-03T11:00:00+00:00"), "file time", [],
                        claimed=at("2026-12-01T10:00:00+00:00"))
    assert (facts.late_days, facts.claimed_days, facts.claimed_at) == (2, 0, "2026-12-01T10:00:00+00:00")


def test_a_canvas_user_id_becomes_the_roster_student(tmp_path):
    """With a Canvas export as roster, is a flat download keyed by Canvas's user id (881) graded as the roster's
    student (2026001), and one the roster does not know left under its Canvas id?"""
    from grader.batch.gradebook import Klass

    (tmp_path / "kimminsu_881_5557_tensors.py").write_text("x = 1\n")
    (tmp_path / "stranger_999_5558_tensors.py").write_text("x = 1\n")
    (tmp_path / "roster.csv").write_text("Student,ID,SIS User ID\nKim Minsu,881,2026001\n", encoding="utf-8")
    klass = Klass(config.load(Path(__file__).resolve().parents[3]), load_roster(tmp_path / "roster.csv"))
    entries = klass.by_lms_id(find_entries(tmp_path, None).entries)
    assert sorted(entries) == ["2026001", "999"] and entries["2026001"].student == "2026001"
    assert entries["999"].lms == "canvas" and entries["2026001"].lms == ""


# -- the command line, where it stops before grading ---------------------------------------------------------------
@pytest.mark.parametrize("extra, setup, message", [
    (["--roster", "nope.csv"], None, "Error: roster nope.csv does not exist"),
    (["--id-pattern", "("], None, "Error: --id-pattern '(' is not a regular expression"),
    ([], "student,check,points,reason\ns1,total,500,why\n", "overrides.csv, line 2: points must be between 0 and "),
])
def test_batch_stops_with_one_error_line(tmp_path, monkeypatch, extra, setup, message):
    """Is a missing roster, a broken --id-pattern or an override that cannot apply one Error line, before grading?"""
    from click.testing import CliRunner

    from grader.cli import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GRADE_KIT", "")  # --kit sets it for the run; restored after the test
    (tmp_path / "batch").mkdir()
    archive(tmp_path / "batch" / "s1.zip", "s1", None)
    if setup:
        (tmp_path / "out").mkdir()
        (tmp_path / "out" / OVERRIDES_FILE).write_text(setup)
    root = Path(__file__).resolve().parents[3]
    result = CliRunner().invoke(cli, ["--kit", str(root), "batch", "batch", "--out", "out", "--lang", "en", *extra])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert message in result.output
    assert not (tmp_path / "out" / "s1").exists()


def test_canvas_file_carries_the_canvas_roster(tmp_path):
    """From grades.csv and a Canvas export as roster: Canvas's columns, its ID and Section, each total?"""
    from grader.report.canvas import canvas_table

    (tmp_path / "grades.csv").write_text(
        "\ufeffstudent_id,name,score,max_score,status\nPoints Possible,,100,100,\n"
        "2026001,김민수,91.5,100,graded\n2026002,,0,100,no submission\n", encoding="utf-8")
    (tmp_path / "canvas-export.csv").write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section\n    Points Possible,,,,\n"
        "Kim Minsu,881,2026001,kms,A1\nLee Younghee,882,2026002,lyh,A2\n", encoding="utf-8")
    table = canvas_table(tmp_path, "day06", load_roster(tmp_path / "canvas-export.csv"), ("project",))
    assert table == [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "day06"],
                     ["Points Possible", "", "", "", "", "100"],
                     ["김민수", "881", "2026001", "kms", "A1", "91.5"],
                     ["Lee Younghee", "882", "2026002", "lyh", "A2", "0"]]
    with pytest.raises(KitError, match="grades.csv does not exist"):
        canvas_table(tmp_path / "nowhere", "day06")


def test_canvas_export_takes_the_column_from_the_export_and_adds_the_project_and_the_roster(tmp_path):
    """With a Canvas gradebook export as roster: is the assignment column the export's own (day06 (900001)), the
    project a column of its own with its points possible, and a roster student with no row of grades.csv a 0?"""
    from grader.report.canvas import canvas_table

    (tmp_path / "grades.csv").write_text(
        "student_id,name,score,max_score,status,project (20)\nPoints Possible,,100,100,,20\n"
        "2026001,김민수,91.5,100,graded,17\n2026002,,60,100,graded,\n", encoding="utf-8")
    (tmp_path / "canvas-export.csv").write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,Day06 (900001),day06 project (900002)\n"
        "    Points Possible,,,,,100,20\nKim Minsu,881,2026001,kms,A1,,\nLee Younghee,882,2026002,lyh,A2,,\n"
        "Park Jimin,883,2026003,pjm,A1,,\n", encoding="utf-8")
    table = canvas_table(tmp_path, "day06", load_roster(tmp_path / "canvas-export.csv"), ("project",))
    assert table == [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Day06 (900001)",
                      "day06 project (900002)"],
                     ["Points Possible", "", "", "", "", "100", "20"],
                     ["김민수", "881", "2026001", "kms", "A1", "91.5", "17"],
                     ["Lee Younghee", "882", "2026002", "lyh", "A2", "60", ""],
                     ["Park Jimin", "883", "2026003", "pjm", "A1", "0", ""]]
    (tmp_path / "grades.csv").write_text(
        "student_id,name,score,max_score,status\nPoints Possible,,100,100,\n2026001,김민수,91.5,100,graded\n",
        encoding="utf-8")
    assert canvas_table(tmp_path, "day06", apart=("project",))[0][5:] == ["day06"]  # no project in grades.csv: no project column


# -- the class report, from rows --------------------------------------------------------------------------------
def test_class_view_sorts_checks_and_names_root_causes():
    """Are checks sorted by pass rate with the common failure and each failure's own root, and the
    students who need attention listed with why, their status in the reader's language?"""
    from grader.messages import Text
    from grader.record.results import Feedback
    from grader.report.class_report import class_view, render_class_report
    from grader.report.csv import GradeRow

    def row(student, passed, status="graded"):
        wrong = Feedback(Text("틀렸습니다", "wrong"))
        names = {i: n for n, i in TITLES.items()}
        results = [CheckResult(names[i], p if i in passed else 0.0, p, PASSED if i in passed else FAILED,
                               feedback=None if i in passed else wrong, id=i) for i, p in POINTS.items()]
        return GradeRow(student, Report(results=results, student=student), status)

    rows = [row("a", set(POINTS)), row("b", {"tensors.add.sum"}), row("c", {"tensors.add.sum"}),
            row("d", set(), "nothing implemented"), row("e", set(POINTS))]
    rows[-1] = GradeRow("e", rows[-1].report, "graded", look=(Text("명단에 없는 학번입니다", "Not on the roster"),))
    view = class_view(rows, "en", list(POINTS))
    assert [(c["id"], c["passed"], c["percent"]) for c in view["checks"]] == [  # the untouched one not counted
        ("cnn.first_conv.kernel", "2/4", 50), ("cnn.first_conv.padding", "2/4", 50), ("tensors.add.sum", "4/4", 100)]
    assert view["checks"][1]["causes"] == [{"root": "this check itself", "code": False, "count": "2/2"}]
    assert view["checks"][2]["causes"] == []
    assert view["checks"][0]["failure"] == "wrong" and view["checks"][0]["failure_count"] == "2"
    assert [(s["student"], s["why"][0]) for s in view["attention"]] == [("d", "nothing implemented"),
                                                                      ("e", "Not on the roster")]
    assert sum(b["count"] for b in view["histogram"]) == 5
    page = render_class_report(rows, "ko", list(POINTS))
    assert "검사별 통과율" in page and "틀렸습니다" in page
    assert "구현 안 함" in page and "nothing implemented" not in page  # the status in Korean
    assert "2/4명" in page and "이 검사 자체" in page


# -- stable check ids -------------------------------------------------------------------------------------------
CHECK_FILE = '''
from grader.checks import check, require


@check("cnn.first_conv: 32 filters", id="filters")
def test_filters(sub):
    """Filters?"""


{inserted}
@check("cnn.first_conv: same padding", id="padding")
def test_padding(sub):
    """Padding?"""
'''
INSERTED = '''@check("cnn.first_conv: 5x5 kernel", id="kernel")
def test_kernel(sub):
    """Kernel?"""
'''


def small_kit(root: Path, inserted: bool) -> config.Course:
    """A kit of one check file; with ``inserted``, a new check sits between the two old ones, in the file
    and in course.toml, as an instructor adds one mid-semester."""
    (root / "tests" / "checks" / "public").mkdir(parents=True, exist_ok=True)
    (root / "tests" / "checks" / "public" / "test_cnn.py").write_text(
        CHECK_FILE.format(inserted=INSERTED if inserted else ""), encoding="utf-8")
    points = {"cnn.first_conv.filters": 3, **({"cnn.first_conv.kernel": 1} if inserted else {}),
              "cnn.first_conv.padding": 2}
    return course_with(root, parts=[{"module": "cnn"}], points=points)


def test_inserting_a_check_moves_no_override(tmp_path):
    """When a check is inserted before others (in its file and in course.toml) after overrides were written,
    does every override stay on the check it named, and every grades.csv column keep its heading?"""
    from grader.batch.gradebook import load_class

    out = tmp_path / "out"
    out.mkdir()
    (out / OVERRIDES_FILE).write_text("student,check,points,reason\ns1,cnn.first_conv.padding,1,by hand\n"
                                      "s2,cnn.first_conv: 32 filters,0,copied\n")
    before = load_class(small_kit(tmp_path / "kit", inserted=False), out, None).overrides
    after = load_class(small_kit(tmp_path / "kit", inserted=True), out, None)
    assert before == after.overrides
    assert [(o.student, o.check) for rows in after.overrides.values() for o in rows] == [
        ("s1", "cnn.first_conv.padding"), ("s2", "cnn.first_conv.filters")]
    assert not after.said  # nothing to rewrite
    results = [CheckResult(f"cnn.first_conv: {t}", 0.0, p, FAILED, id=f"cnn.first_conv.{i}")
               for t, i, p in (("32 filters", "filters", 3), ("5x5 kernel", "kernel", 1), ("same padding", "padding", 2))]
    header = grade_table([GradeRow("s1", Report(results=results))], "en", list(after.course.points))[0]
    assert [h for h in header if h.startswith("cnn.first_conv.")] == [
        "cnn.first_conv.filters (3)", "cnn.first_conv.kernel (1)", "cnn.first_conv.padding (2)"]


def test_a_batch_says_once_that_it_rewrote_old_numbered_ids(tmp_path):
    """Does loading the class rewrite an overrides.csv with old numbered ids once, with a line for the
    instructor in both languages, and say nothing the second time?"""
    from grader.batch.gradebook import load_class

    out = tmp_path / "out"
    out.mkdir()
    (out / OVERRIDES_FILE).write_text("student,check,points,reason\ns1,cnn.first_conv.2,1,by hand\n")
    course = small_kit(tmp_path / "kit", inserted=False)
    first = load_class(course, out, None)
    assert [(o.student, o.check) for o in first.overrides["s1"]] == [("s1", "cnn.first_conv.padding")]
    assert "cnn.first_conv.1" in first.notes("en")[0] and POSITIONAL_BACKUP in first.notes("ko")[0]
    assert not load_class(course, out, None).said


def test_each_failure_names_its_own_root():
    """When one student's only mistake is the loss and another's is the first convolution (which breaks
    every later call), does the loss check name each failure's own root, not the other student's?"""
    from grader.messages import Text
    from grader.record.results import Feedback
    from grader.report.class_report import class_view
    from grader.report.csv import GradeRow

    points = {"cnn.first_conv: a": 3.0, "cnn.compile_model: loss": 3.0, "cnn.train_model: accuracy": 5.0}
    own = Feedback(Text("틀렸습니다", "wrong"))
    broke = Feedback(Text("호출 실패", "call failed"), cause={"kind": "exception", "function": "cnn.first_conv"})
    conv = Report(results=[
        CheckResult("cnn.first_conv: a", 0.0, 3.0, FAILED, feedback=own),
        CheckResult("cnn.compile_model: loss", 0.0, 3.0, FAILED, feedback=broke),
        CheckResult("cnn.train_model: accuracy", 0.0, 5.0, FAILED, feedback=broke)])
    loss = Report(results=[
        CheckResult("cnn.first_conv: a", 3.0, 3.0, PASSED),
        CheckResult("cnn.compile_model: loss", 0.0, 3.0, FAILED, feedback=own),
        CheckResult("cnn.train_model: accuracy", 5.0, 5.0, PASSED, feedback=own, carried_from=("cnn.compile_model",))])
    view = class_view([GradeRow("conv", conv), GradeRow("loss", loss)], "en", list(points))
    causes = {c["id"]: {(x["root"], x["count"]) for x in c["causes"]} for c in view["checks"]}
    assert causes["cnn.compile_model: loss"] == {("cnn.first_conv", "1/2"), ("this check itself", "1/2")}
    assert causes["cnn.train_model: accuracy"] == {("cnn.first_conv", "1/1")}
    assert causes["cnn.first_conv: a"] == {("this check itself", "1/1")}


def test_class_figures_are_one_definition_in_the_course_time_zone():
    """Do the terminal and the class report state the same mean and median, with who is counted beside
    them, and the late table show hand-in times in the course's zone, with units, never a raw ISO time?"""
    from grader.batch.summary import BatchSummary, StudentResult
    from grader.record.results import Adjustment
    from grader.report.class_report import render_class_report
    from grader.report.csv import GradeRow

    def report(score):
        return Report(results=[CheckResult("tensors.add: c", score, 5.0, PASSED if score else FAILED)])

    late = StudentRecord("b", Report(results=[CheckResult("tensors.add: c", 5.0, 5.0, PASSED)]),
                         facts=ClassFacts(late_days=1, adjustments=(Adjustment("late", -0.5, Text("늦음", "late")),)),
                         ).adjusted()
    rows = [GradeRow("a", report(5.0)), GradeRow("b", late, submitted_at="2026-12-06T23:19:00+00:00", late=1),
            GradeRow("c", report(0.0), "nothing implemented"), GradeRow("d", report(0.0), "no submission")]
    summary = BatchSummary(out_dir=Path("."))
    for row in rows:
        summary.students[row.student] = StudentResult(row.student, row.status, row.report.score, 5.0, True)
    terminal = next(line for line in summary.lines("ko") if line.startswith("평균"))
    assert terminal == "평균 3.17점, 중앙값 4.5점 (만점 5점; 제출한 학생 3명 기준, 제출하지 않은 1명은 빼고 셈)"
    page = render_class_report(rows, "ko", ["tensors.add: c"], due="2026-12-06T23:59:00+09:00")
    assert terminal in page
    assert "2026-12-07 08:19 UTC+9" in page and "2026-12-06 23:59 UTC+9" in page
    assert "2026-12-06T23:19" not in page and "UTC</" not in page
    assert "0.5점" in page and "1일" in page and "감점 (점)" in page


def test_an_override_note_names_the_check_in_the_readers_language(tmp_path):
    """Does a check override's note name the check by its Korean title in Korean, and its English name in
    English (no English check name in a Korean sentence)?"""
    course = course_with(tmp_path)
    (tmp_path / OVERRIDES_FILE).write_text("student,check,points,reason\ns1,cnn.first_conv.kernel,3,\n")
    results = [CheckResult("cnn.first_conv: a", 0.0, 3.0, FAILED, title_ko="첫 합성곱 층", id="cnn.first_conv.kernel"),
               CheckResult("tensors.add: c", 5.0, 5.0, PASSED, id="tensors.add.sum")]
    raw = StudentRecord("s1", Report(results=results, student="s1", scope="all"))
    record = raw.settled(class_facts(raw.report, course, None, "manifest", load_overrides(tmp_path, POINTS, TITLES)["s1"]))
    note = record.adjusted().notices[0].summary
    assert "cnn.first_conv: 첫 합성곱 층" in note.ko and "cnn.first_conv: a" not in note.ko
    assert "cnn.first_conv: a" in note.en
