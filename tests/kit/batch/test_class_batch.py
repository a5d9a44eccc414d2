"""A class as an instructor receives it: `grade submit` archives, a roster, a due time, a late policy, overrides.

One batch grades the class once (no accuracy run); the tests below ask one
question each about what it wrote, then a rerun with a changed ``overrides.csv`` (nothing regraded, the change applied).
The class also holds what a student (or a file name) might try, each beside an honest twin: an archive whose
manifest names a classmate, a late archive whose times say it is early, a flat Canvas download, names with
terminal escape sequences, an id that is the name of a kit file in OUT_DIR.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from classroom import MODULES, make_course, solution_source, stub_source
from click.testing import CliRunner

from grader import config
from grader.batch import BatchSummary, run_batch
from grader.cli import cli
from grader.engine.intake import Intake, write_archive
from grader.record.student import StudentRecord
from grader.report.batch_line import student_line

pytestmark = pytest.mark.slow

ROSTER = "학번,이름\n2026001,김민수\n2026002,이영희\n2026003,박지민\n2026004,최유진\n2026005,정하늘\n2026006,한지우\n"
OVERRIDES = ("student,check,points,reason\n2026001,tensors.matmul.product,0,copied from a friend\n"
             "2026005,total,50,excused: in hospital\n")
ESCAPED = "\x1b[2J\x1b[HAll 48 students graded.zip"
"""A file name that would clear the instructor's screen and print a forged line."""


def without_cnn(module: str) -> str:
    """Worked tensors and concepts, the cnn stub: graded work that trains nothing (the tests stay fast)."""
    return stub_source(module) if module == "cnn" else solution_source(module)


@dataclass
class Graded:
    summary: BatchSummary
    course: config.Course
    batch: Path
    out: Path
    roster: Path

    def rows(self) -> dict[str, dict[str, str]]:
        text = (self.out / "grades.csv").read_text(encoding="utf-8-sig")
        return {row["student_id"]: row for row in csv.DictReader(text.splitlines())}

    def record(self, student: str) -> dict:
        return json.loads((self.out / student / "report.json").read_text(encoding="utf-8"))

    def saved(self, student: str) -> StudentRecord:
        """The student's report.json read back as the batch reads it (one codec)."""
        return StudentRecord.from_json(self.record(student))


def received(path: Path, when: str) -> Path:
    """Give ``path`` the time it was collected at (what the LMS download or the instructor's copy says)."""
    moment = datetime.fromisoformat(when).timestamp()
    os.utime(path, (moment, moment))
    return path


def submit(batch: Path, name: str, student: str | None, created: str, read, when: str | None = None) -> Path:
    files = {f"{m}.py": read(m).encode() for m in MODULES}
    archive = write_archive(Intake(files=files), batch / name, {"student": student, "created": created})
    return received(archive, when or created)


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Graded:
    root = tmp_path_factory.mktemp("class14")
    make_course(root / "course")
    toml = (root / "course" / "course.toml").read_text(encoding="utf-8")
    toml = toml.replace("[course]\n", '[course]\ndue = "2026-12-01T12:00:00+00:00"\n', 1)
    toml += '\n[late]\npolicy = "percent_per_day"\npercent_per_day = 10.0\nmax_percent = 50.0\n'
    (root / "course" / "course.toml").write_text(toml, encoding="utf-8")
    course = config.load(root / "course")
    batch, out = root / "batch", root / "out"
    batch.mkdir()
    submit(batch, "submission-2026001-20261201T100000Z.zip", "2026001", "2026-12-01T10:00:00+00:00", without_cnn)
    submit(batch, "submission-2026002-20261201T090000Z.zip", "2026002", "2026-12-01T09:00:00+00:00", stub_source)
    submit(batch, "submission-2026002-20261202T100000Z.zip", "2026002", "2026-12-02T10:00:00+00:00", without_cnn)
    # an impersonating archive: handed in as 2026003, its manifest names the classmate 2026001
    submit(batch, "2026003.zip", "2026001", "2026-12-01T11:00:00+00:00", stub_source)
    (batch / "2026004").mkdir()
    for m in MODULES:
        (batch / "2026004" / f"{m}.py").write_text(stub_source(m), encoding="utf-8")
        received(batch / "2026004" / f"{m}.py", "2026-12-01T10:00:00+00:00")
    # a late archive whose manifest and file name were edited to say it was made before the due time
    submit(batch, "submission-2026006-20261201T100000Z.zip", "2026006", "2026-12-01T10:00:00+00:00", without_cnn,
           when="2026-12-04T10:00:00+00:00")
    # a flat Canvas download, marked late by Canvas, for a Canvas user the roster does not know
    for m in MODULES:
        (batch / f"choisu_LATE_1009_70{len(m)}_{m}.py").write_text(without_cnn(m), encoding="utf-8")
        received(batch / f"choisu_LATE_1009_70{len(m)}_{m}.py", "2026-12-01T11:00:00+00:00")
    submit(batch, ESCAPED, "2026005", "2026-12-01T10:00:00+00:00", without_cnn)
    (batch / "leaderboard.html").mkdir()  # an id that is the class leaderboard's file name
    (batch / "leaderboard.html" / "tensors.py").write_text(solution_source("tensors"), encoding="utf-8")
    roster = root / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    out.mkdir()
    (out / "overrides.csv").write_text(OVERRIDES, encoding="utf-8")
    summary = run_batch(course, batch, out, workers=2, progress=False, include_slow=False, roster=roster, lang="ko")
    return Graded(summary, course, batch, out, roster)


def test_every_roster_student_has_a_row_in_words(graded):
    """Does every roster student (and the Canvas stranger) get a row, with the status in words?"""
    rows = graded.rows()
    assert list(rows) == ["Points Possible", "1009", "2026001", "2026002", "2026003", "2026004", "2026005", "2026006"]
    assert {s: rows[s]["status"] for s in rows if s != "Points Possible"} == {
        "1009": "graded", "2026001": "graded", "2026002": "graded", "2026003": "nothing implemented",
        "2026004": "nothing implemented", "2026005": "no submission", "2026006": "graded"}
    assert (rows["2026003"]["score"], rows["2026003"]["name"]) == ("0", "박지민")
    assert graded.summary.no_submission == ["2026005"]


def test_the_latest_archive_is_graded_late_with_the_penalty(graded):
    """Is the later of 2026002's archives graded, a day late, with 10 % of the earned points taken off?"""
    row = graded.rows()["2026002"]
    record = graded.record("2026002")
    earned = sum(r["score"] for r in record["results"])
    assert earned >= 40  # the worked modules, not the stubs of the earlier archive
    assert (row["submitted_at"], row["late"]) == ("2026-12-02T10:00:00+00:00", "1")
    assert float(row["late_penalty"]) == pytest.approx(earned * 0.1)
    assert float(row["score"]) == pytest.approx(earned * 0.9)
    feedback = (graded.out / "2026002" / "feedback.html").read_text(encoding="utf-8")
    assert "1일 늦게 제출했습니다" in feedback and "submission-2026002-20261201T090000Z.zip" in feedback
    assert graded.rows()["2026001"]["late"] == "0"


def test_overrides_show_in_grades_and_feedback(graded):
    """Does an override set the check (and the total of a student with no submission), with its reason shown?"""
    rows = graded.rows()
    matmul = next(h for h in rows["2026001"] if h.startswith("tensors.matmul.product ("))
    assert (rows["2026001"][matmul], rows["2026001"]["override"]) == ("0", "-2")
    assert "copied from a friend" in (graded.out / "2026001" / "feedback.html").read_text(encoding="utf-8")
    assert (rows["2026005"]["score"], rows["2026005"]["override"]) == ("50", "50")
    assert "excused: in hospital" in rows["2026005"]["notes"]


def test_an_archive_naming_a_classmate_is_graded_as_who_handed_it_in(graded):
    """Is 2026003.zip, whose manifest names the classmate 2026001, graded as 2026003's own (its stubs), with the
    disagreement in the summary, its feedback and grades.csv, while 2026001 keeps their own graded work and
    full marks for it (no conflict, nothing replaced)?"""
    lines = "\n".join(graded.summary.lines("ko"))  # the batch ran in Korean
    assert "제출 파일 2026003.zip" in lines and "2026001(으)로 적혀" in lines and "2026003의 제출물로 채점" in lines
    assert graded.record("2026003")["class"]["named_as"] == ["2026001"]
    assert "2026001" in (graded.out / "2026003" / "feedback.html").read_text(encoding="utf-8")
    victim = graded.record("2026001")
    assert victim["status"] == "graded" and victim["entries"] == ["submission-2026001-20261201T100000Z.zip"]
    assert sum(r["score"] for r in victim["results"]) == sum(r["score"] for r in graded.record("2026002")["results"])


def test_a_late_archive_with_edited_times_is_late_as_received(graded):
    """Is the archive received three days late, whose manifest and file name say it was made before the due
    time, three days late (30 % off), with what the student's machine said shown beside it?"""
    row, record = graded.rows()["2026006"], graded.record("2026006")
    earned = sum(r["score"] for r in record["results"])
    assert (row["submitted_at"], row["late"]) == ("2026-12-04T10:00:00+00:00", "3")
    assert float(row["score"]) == pytest.approx(earned * 0.7)
    assert (record["class"]["claimed_at"], record["class"]["claimed_days"]) == ("2026-12-01T10:00:00+00:00", 0)
    feedback = (graded.out / "2026006" / "feedback.html").read_text(encoding="utf-8")
    assert "학생 컴퓨터의 시각으로 2026-12-01 10:00 UTC" in feedback and "3일 늦게 제출했습니다" in feedback
    page = (graded.out / "class-report.html").read_text(encoding="utf-8")
    assert "manifest의 시각(2026-12-01T10:00:00+00:00)으로는 늦은 날수가 0일" in page


def test_a_flat_canvas_download_is_graded_under_the_canvas_id_and_late_mark(graded):
    """Are the loose files choisu_LATE_1009_..._tensors.py etc. one student, 1009, graded on their own files,
    a day late by Canvas's mark though their file time is before the due time?"""
    row, record = graded.rows()["1009"], graded.record("1009")
    earned = sum(r["score"] for r in record["results"])
    assert earned == sum(r["score"] for r in graded.record("2026002")["results"])  # the same worked modules
    assert (row["late"], record["class"]["lms"]) == ("1", "canvas")
    assert float(row["score"]) == pytest.approx(earned * 0.9)


def test_names_with_escape_sequences_reach_the_terminal_made_visible(graded, capsys):
    """Does a file name carrying ESC[2J (clear screen) and a forged line reach the instructor's terminal only as
    visible text, through the lines `grade batch` prints?"""
    from grader.cli import _print_lines

    lines = graded.summary.lines("ko")
    assert any(ESCAPED in line for line in lines)  # skipped, and named as it is
    _print_lines(lines)
    shown = capsys.readouterr().out
    assert "\x1b" not in shown and "\\x1b[2J\\x1b[HAll 48 students graded.zip" in shown


def test_an_id_that_names_a_kit_file_is_skipped_and_the_class_pages_written(graded):
    """Is the folder leaderboard.html/ skipped with a line (no crash, no row), and the class's pages written?"""
    lines = "\n".join(graded.summary.lines("ko"))
    assert "leaderboard.html: 학번 leaderboard.html은(는) 결과 폴더에 채점기가 쓰는 파일 이름과 겹쳐서" in lines
    assert "leaderboard.html" not in graded.rows() and not (graded.out / "leaderboard.html").is_dir()
    assert (graded.out / "class-report.html").is_file()


def test_the_live_line_names_what_happened(graded):
    """Does each student's line say the score and, in words, failed checks or why nothing ran?"""
    assert student_line(graded.saved("2026004"), "en").startswith("✗ 2026004  0/")
    assert "nothing implemented: Every function still raises NotImplementedError" in student_line(
        graded.saved("2026004"), "en")
    line = student_line(graded.saved("2026002"), "en")
    assert "graded" in line and "(1 day(s) late)" in line
    assert "nothing implemented: Every function" in student_line(graded.saved("2026003"), "en")  # reason first


def test_the_class_report_shows_where_the_class_struggled(graded):
    """Is class-report.html one self-contained page with the histogram, modules, checks by pass rate, the
    students who need attention, and the late and missing students, in the batch's language?"""
    page = (graded.out / "class-report.html").read_text(encoding="utf-8")
    assert graded.summary.class_report == graded.out / "class-report.html"
    assert "반 전체 보고서" in page and "<svg" in page and "<script" not in page and "http" not in page
    for words in ("모듈별 평균", "검사별 통과율", "살펴볼 학생", "늦은 제출과 미제출"):
        assert words in page
    assert "구현 안 함" in page and "nothing implemented" not in page and "2026004" in page  # why, in Korean
    assert "정하늘" in page and "박지민" in page  # no submission, nothing implemented
    assert "manifest에는 학번이 2026001(으)로 적혀 있습니다" in page and "명단에 없는 학번입니다" in page  # a look
    assert "tensors.make_variable.kind" in page and "NotImplementedError" in page  # a check and its common failure
    assert any("Class report: " in line or "반 전체 보고서: " in line for line in graded.summary.lines("ko"))


def test_the_class_report_states_the_terminals_figures(graded):
    """Does class-report.html state the very mean and median line the terminal printed (who is counted
    beside it), the hand-in times in the course's zone, and a unit on the penalty?"""
    page = (graded.out / "class-report.html").read_text(encoding="utf-8")
    figures = next(line for line in graded.summary.lines("ko") if line.startswith("평균"))
    assert "제출한 학생 6명 기준, 제출하지 않은 1명은 빼고 셈" in figures and figures in page
    assert "2026-12-02 10:00 UTC" in page and "2026-12-02T10:00" not in page and "감점 (점)" in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LAYOUT = """() => {
  const lines = (e) => { const r = document.createRange(); r.selectNodeContents(e);
    return new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top))).size; };
  return {
    width: document.documentElement.scrollWidth,
    tables: document.querySelectorAll('table').length,
    loose_tables: Array.from(document.querySelectorAll('table')).filter(t => !t.parentElement.classList.contains('scroll')).length,
    boxes_wider_than_page: Array.from(document.querySelectorAll('.scroll')).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).length,
    broken_names: Array.from(document.querySelectorAll('td.who')).filter(e => e.textContent.trim() && lines(e) > 1).map(e => e.textContent.trim()),
  };
}"""


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium fonts-nanum; .ci/run does)")
def test_the_class_report_reads_at_desktop_and_phone_width(graded, tmp_path):
    """In a real browser at 1280 px and 390 px, does the class report never scroll sideways as a page
    (each table scrolls inside its own box), with no student id, name or status broken over lines?"""
    from playwright.sync_api import sync_playwright

    page_file = (graded.out / "class-report.html").as_uri()
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            for width, height in ((1280, 900), (390, 844)):
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(page_file)
                facts = page.evaluate(LAYOUT)
                page.screenshot(path=str(tmp_path / f"class-report-{width}.png"), full_page=True)
                assert facts["width"] <= width, facts
                assert facts["tables"] >= 3 and facts["loose_tables"] == 0, facts
                assert facts["boxes_wider_than_page"] == 0 and facts["broken_names"] == [], facts
                page.close()
        finally:
            browser.close()
    shots = os.environ.get("TF_GRADE_SCREENSHOTS")
    if shots:  # to look at them: TF_GRADE_SCREENSHOTS=/some/folder
        for png in tmp_path.glob("class-report-*.png"):
            shutil.copy(png, shots)


def test_canvas_export(graded):
    """Does `grade export canvas OUT_DIR` write Canvas's import columns, the points-possible row and each total?"""
    result = CliRunner().invoke(cli, ["export", "canvas", str(graded.out), "--assignment", "day06 CNN"],
                                env={"GRADE_COURSE": str(graded.course.root)}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader((graded.out / "canvas.csv").read_text(encoding="utf-8").splitlines()))
    project = next(h for h in graded.rows()["2026001"] if h.startswith("project ("))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "day06 CNN", "day06 CNN project"]
    assert rows[1][0] == "Points Possible" and float(rows[1][5]) > 0 and rows[1][6] == graded.rows()[
        "Points Possible"][project]
    by_id = {row[2]: row for row in rows[2:]}
    assert by_id["2026005"][0] == "정하늘" and by_id["2026005"][5] == graded.rows()["2026005"]["score"]
    assert by_id["2026003"][5] == "0" and by_id["2026001"][6] == graded.rows()["2026001"][project]
    canvas = next(row for row in rows[2:] if row[1] == "1009")  # keyed by Canvas's own user id: its ID column
    assert canvas[2] == "" and canvas[5] == graded.rows()["1009"]["score"]


def test_similarity_flags_the_copied_pair_only(graded):
    """Does `grade similarity OUT_DIR` put the two identical submissions first and leave the untouched stubs
    (boilerplate) at nothing shared, without changing any score?"""
    before = (graded.out / "grades.csv").read_bytes()
    result = CliRunner().invoke(cli, ["similarity", str(graded.out), "--lang", "en"],
                                env={"GRADE_COURSE": str(graded.course.root)}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = (graded.out / "similarity.html").read_text(encoding="utf-8")
    assert "Similar submissions" in page
    from grader.batch.similarity import class_sources, compare
    # five of the class hand in the same worked modules: code most of a class shares is its idiom, not a
    # copy, so the pair is looked for among four (two identical, two untouched)
    four = {s: v for s, v in class_sources(graded.batch, graded.out).items()
            if s in ("2026001", "2026002", "2026003", "2026004")}
    pairs = {(p.first, p.second): p.share for p in compare(four, {m: stub_source(m) for m in MODULES})}
    assert pairs[("2026001", "2026002")] == 1.0 and pairs[("2026003", "2026004")] == 0.0
    assert (graded.out / "grades.csv").read_bytes() == before


def test_a_rerun_keeps_grades_and_applies_changed_overrides(graded, tmp_path):
    """After overrides.csv changes, does the same batch regrade nobody and apply the new overrides?"""
    (graded.out / "overrides.csv").write_text("student,check,points,reason\n2026002,total,88,fire alarm\n",
                                              encoding="utf-8")
    summary = run_batch(graded.course, graded.batch, graded.out, workers=2, progress=False, include_slow=False,
                        roster=graded.roster, lang="en")
    assert summary.regraded == [] and len(summary.kept) == 7
    rows = graded.rows()
    assert rows["2026002"]["score"] == "88" and rows["2026001"]["override"] == ""
    assert float(rows["2026001"]["score"]) == sum(r["score"] for r in graded.record("2026001")["results"])
    assert "copied from a friend" not in (graded.out / "2026001" / "feedback.html").read_text(encoding="utf-8")
    assert (graded.out / "overrides.csv").read_text(encoding="utf-8").endswith("fire alarm\n")  # never rewritten
