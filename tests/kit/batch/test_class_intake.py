"""The class around the submissions, without grading anyone: entries, roster, lateness, overrides, adjustments."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import tomli_w
from classroom import solution_source, stub_source

from grader import config
from grader.adjustments import adjusted, class_facts
from grader.classroom import find_entries
from grader.errors import KitError
from grader.intake import MODULES, Intake, collect, write_archive
from grader.lateness import days_late, late_adjustment
from grader.overrides import OVERRIDES_FILE, ensure_file, load_overrides
from grader.results import FAILED, PASSED, CheckResult, Report
from grader.roster import load_roster
from grader.untouched import nothing_implemented


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
def test_submit_archive_is_named_by_its_manifest(tmp_path):
    """Is grade submit's submission-ID-TIME.zip the student ID, at the manifest's time?"""
    archive(tmp_path / "submission-2026007-20261201T043727Z.zip", "2026007", "2026-12-01T04:37:27+00:00")
    room = find_entries(tmp_path, tmp_path / "out")
    entry = room.entries["2026007"]
    assert list(room.entries) == ["2026007"] and not room.warnings
    assert (entry.submitted_at, entry.time_source) == (at("2026-12-01T04:37:27+00:00"), "manifest")


def test_the_latest_of_several_archives_is_graded_and_the_others_listed(tmp_path):
    """With two submits by one student, is the later one graded and the earlier named, not a second student?"""
    old = archive(tmp_path / "submission-2026007-20261201T043727Z.zip", "2026007", "2026-12-01T04:37:27+00:00")
    new = archive(tmp_path / "submission-2026007-20261202T010000Z.zip", "2026007", "2026-12-02T01:00:00+00:00")
    entry = find_entries(tmp_path, None).entries["2026007"]
    assert entry.paths == (new,) and entry.superseded == (old,)
    assert old.name in entry.notices[0].summary.en and "the latest" in entry.notices[0].summary.en


def test_a_name_that_disagrees_with_the_manifest_is_reported(tmp_path):
    """Is an archive named 2026004 whose manifest says s1 graded as s1, with the disagreement said out loud?"""
    archive(tmp_path / "2026004.zip", "s1", "2026-12-01T04:37:27+00:00")
    room = find_entries(tmp_path, None, "ko")
    assert list(room.entries) == ["s1"]
    assert "2026004" in room.warnings[0] and "s1" in room.warnings[0]
    assert "2026004" in room.entries["s1"].notices[0].summary.ko
    assert room.entries["s1"].named_as == ("2026004",)


def test_an_archive_without_student_keeps_its_name(tmp_path):
    """Does `grade submit` without --student (manifest student null) take the id from the file name?"""
    archive(tmp_path / "2026001.zip", None, None)
    entry = find_entries(tmp_path, None).entries["2026001"]
    assert entry.time_source == "file time" and entry.submitted_at is not None


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
POINTS = {"cnn.first_conv: a": 3.0, "cnn.first_conv: b": 2.0, "tensors.add: c": 5.0}
IDS = {"cnn.first_conv.1": "cnn.first_conv: a", "cnn.first_conv.2": "cnn.first_conv: b", "tensors.add.1": "tensors.add: c"}


def test_overrides_by_id_name_and_total(tmp_path):
    """Does overrides.csv name a check by its column id or full name, or the total, with a reason?"""
    assert ensure_file(tmp_path).read_text() == "student,check,points,reason\n"
    (tmp_path / OVERRIDES_FILE).write_text("student,check,points,reason\n"
                                           "s1,cnn.first_conv.2,2,\"regraded by hand, see mail\"\n"
                                           "s1,tensors.add: c,0,copied\n\ns2,total,9.5,excused\n")
    ensure_file(tmp_path)  # never rewritten once there
    found = load_overrides(tmp_path, POINTS, IDS)
    assert [(o.check, o.points, o.reason) for o in found["s1"]] == [
        ("cnn.first_conv: b", 2.0, "regraded by hand, see mail"), ("tensors.add: c", 0.0, "copied")]
    assert [(o.check, o.points) for o in found["s2"]] == [("total", 9.5)]


@pytest.mark.parametrize("row, message", [
    ("s1,cnn.nothing.1,1,x", "'cnn.nothing.1' is neither 'total' nor a check"),
    ("s1,total,lots,x", "points must be a number, not 'lots'"),
    ("s1,cnn.first_conv.1,4,x", "points must be between 0 and 3, not 4"),
    (",total,1,x", "no student id"),
])
def test_a_bad_override_names_its_line(tmp_path, row, message):
    """Is a row that cannot be applied an error naming the file's line?"""
    (tmp_path / OVERRIDES_FILE).write_text(f"student,check,points,reason\n{row}\n")
    with pytest.raises(KitError, match=f"overrides.csv, line 2: {message}"):
        load_overrides(tmp_path, POINTS, IDS)


def test_adjustments_apply_in_order_and_come_off_again(tmp_path):
    """Check overrides, then the late share of what is earned, then a total override; and without overrides,
    the checks' own score again?"""
    course = course_with(tmp_path, course={"due": "2026-12-01T00:00:00+00:00"},
                         late={"policy": "percent_per_day", "percent_per_day": 10.0})
    (tmp_path / OVERRIDES_FILE).write_text("student,check,points,reason\ns1,cnn.first_conv.1,3,typo in the key\n")
    results = [CheckResult("cnn.first_conv: a", 0.0, 3.0, FAILED), CheckResult("tensors.add: c", 5.0, 5.0, PASSED)]
    record = {**Report(results=results, student="s1", scope="all").to_dict(), "status": "graded"}
    overrides = load_overrides(tmp_path, POINTS, IDS)["s1"]
    record["class"] = class_facts(Report.from_dict(record), course, at("2026-12-01T10:00:00+00:00"), "manifest",
                                  overrides)
    report = adjusted(record)
    assert report.results[0].score == 3.0 and report.score == 7.2  # 8 earned, 10 % off for a day late
    assert record["class"]["late_days"] == 1 and "typo in the key" in report.notices[0].summary.en
    assert Report.from_dict(record).score == 5.0  # the checks' own verdicts are kept
    record["class"] = class_facts(Report.from_dict(record), course, at("2026-12-01T10:00:00+00:00"), "manifest", [])
    assert adjusted(record).score == 4.5


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
    table = canvas_table(tmp_path, "day06", load_roster(tmp_path / "canvas-export.csv"))
    assert table == [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "day06"],
                     ["Points Possible", "", "", "", "", "100"],
                     ["김민수", "881", "2026001", "kms", "A1", "91.5"],
                     ["Lee Younghee", "882", "2026002", "lyh", "A2", "0"]]
    with pytest.raises(KitError, match="grades.csv does not exist"):
        canvas_table(tmp_path / "nowhere", "day06")


# -- the class report, from rows --------------------------------------------------------------------------------
def test_class_view_sorts_checks_and_names_root_causes():
    """Are checks sorted by pass rate with the common failure and the earlier check their failers failed too,
    and the students who need attention listed with why?"""
    from grader.messages import Text
    from grader.report.class_report import class_view, render_class_report
    from grader.report.csv import GradeRow
    from grader.results import Feedback

    def row(student, passed, status="graded"):
        wrong = Feedback(Text("틀렸습니다", "wrong"))
        results = [CheckResult(n, p if n in passed else 0.0, p, PASSED if n in passed else FAILED,
                               feedback=None if n in passed else wrong) for n, p in POINTS.items()]
        return GradeRow(student, Report(results=results, student=student), status)

    rows = [row("a", set(POINTS)), row("b", {"tensors.add: c"}), row("c", {"tensors.add: c"}),
            row("d", set(), "nothing implemented"), row("e", set(POINTS))]
    rows[-1] = GradeRow("e", rows[-1].report, "graded", look=(Text("명단에 없는 학번입니다", "Not on the roster"),))
    view = class_view(rows, "en", list(POINTS))
    assert [(c["id"], c["passed"], c["total"]) for c in view["checks"]] == [  # the untouched one not counted
        ("cnn.first_conv.1", 2, 4), ("cnn.first_conv.2", 2, 4), ("tensors.add.1", 4, 4)]
    assert view["checks"][1]["cause"] == "cnn.first_conv.1 (2/2)" and view["checks"][0]["cause"] == ""
    assert view["checks"][0]["failure"] == "wrong"
    assert [(s["student"], s["why"][0]) for s in view["attention"]] == [("d", "nothing implemented"),
                                                                      ("e", "Not on the roster")]
    assert sum(b["count"] for b in view["histogram"]) == 5
    page = render_class_report(rows, "ko", list(POINTS))
    assert "검사별 통과율" in page and "틀렸습니다" in page


def test_an_override_note_names_the_check_in_the_readers_language(tmp_path):
    """Does a check override's note name the check by its Korean title in Korean, and its English name in
    English (no English check name in a Korean sentence)?"""
    course = course_with(tmp_path)
    (tmp_path / OVERRIDES_FILE).write_text("student,check,points,reason\ns1,cnn.first_conv.1,3,\n")
    results = [CheckResult("cnn.first_conv: a", 0.0, 3.0, FAILED, title_ko="첫 합성곱 층"),
               CheckResult("tensors.add: c", 5.0, 5.0, PASSED)]
    record = {**Report(results=results, student="s1", scope="all").to_dict(), "status": "graded"}
    record["class"] = class_facts(Report.from_dict(record), course, None, "manifest",
                                  load_overrides(tmp_path, POINTS, IDS)["s1"])
    note = adjusted(record).notices[0].summary
    assert "cnn.first_conv: 첫 합성곱 층" in note.ko and "cnn.first_conv: a" not in note.ko
    assert "cnn.first_conv: a" in note.en
