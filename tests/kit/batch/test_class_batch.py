"""A class as an instructor receives it: `grade submit` archives, a roster, a due time, a late policy, overrides.

One batch grades the class once (no accuracy run); the tests below ask one
question each about what it wrote, then a rerun with a changed ``overrides.csv`` (nothing regraded, the change applied).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from classroom import MODULES, make_course, solution_source, stub_source
from click.testing import CliRunner

from grader import config
from grader.batch import BatchSummary, run_batch
from grader.cli import cli
from grader.engine.intake import Intake, write_archive
from grader.report.batch_line import student_line

pytestmark = pytest.mark.slow

ROSTER = "학번,이름\n2026001,김민수\n2026002,이영희\n2026003,박지민\n2026004,최유진\n2026005,정하늘\n"
OVERRIDES = ("student,check,points,reason\n2026001,tensors.matmul.product,0,copied from a friend\n"
             "2026005,total,50,excused: in hospital\n")


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


def submit(batch: Path, name: str, student: str | None, created: str, read) -> Path:
    files = {f"{m}.py": read(m).encode() for m in MODULES}
    return write_archive(Intake(files=files), batch / name, {"student": student, "created": created})


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
    submit(batch, "2026003.zip", "s1", "2026-12-01T10:00:00+00:00", stub_source)  # the manifest disagrees
    (batch / "2026004").mkdir()
    for m in MODULES:
        (batch / "2026004" / f"{m}.py").write_text(stub_source(m), encoding="utf-8")
    roster = root / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    out.mkdir()
    (out / "overrides.csv").write_text(OVERRIDES, encoding="utf-8")
    summary = run_batch(course, batch, out, workers=2, progress=False, include_slow=False, roster=roster, lang="ko")
    return Graded(summary, course, batch, out, roster)


def test_every_roster_student_has_a_row_in_words(graded):
    """Does every roster student (and the stranger) get a row, with the status in words?"""
    rows = graded.rows()
    assert list(rows) == ["Points Possible", "2026001", "2026002", "2026003", "2026004", "2026005", "s1"]
    assert {s: rows[s]["status"] for s in rows if s != "Points Possible"} == {
        "2026001": "graded", "2026002": "graded", "2026003": "no submission", "2026004": "nothing implemented",
        "2026005": "no submission", "s1": "nothing implemented"}
    assert (rows["2026003"]["score"], rows["2026003"]["name"]) == ("0", "박지민")
    assert graded.summary.no_submission == ["2026003", "2026005"]


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


def test_a_manifest_that_disagrees_is_reported(graded):
    """Is 2026003.zip, whose manifest says s1, graded as s1 with the disagreement in the summary and feedback?"""
    lines = "\n".join(graded.summary.lines("ko"))  # the batch ran in Korean
    assert "2026003.zip: 파일 이름의 학번은 2026003" in lines and "s1: 명단(roster)에 없는 학번" in lines
    assert "2026003" in (graded.out / "s1" / "feedback.html").read_text(encoding="utf-8")


def test_the_live_line_names_what_happened(graded):
    """Does each student's line say the score and, in words, failed checks or why nothing ran?"""
    assert student_line(graded.record("2026004"), "en").startswith("✗ 2026004  0/")
    assert "nothing implemented: Every function still raises NotImplementedError" in student_line(
        graded.record("2026004"), "en")
    line = student_line(graded.record("2026002"), "en")
    assert "graded" in line and "(1 day(s) late)" in line


def test_the_class_report_shows_where_the_class_struggled(graded):
    """Is class-report.html one self-contained page with the histogram, modules, checks by pass rate, the
    students who need attention, and the late and missing students, in the batch's language?"""
    page = (graded.out / "class-report.html").read_text(encoding="utf-8")
    assert graded.summary.class_report == graded.out / "class-report.html"
    assert "반 전체 보고서" in page and "<svg" in page and "<script" not in page and "http" not in page
    for words in ("모듈별 평균", "검사별 통과율", "살펴볼 학생", "늦은 제출과 미제출"):
        assert words in page
    assert "구현 안 함" in page and "nothing implemented" not in page and "2026004" in page  # why, in Korean
    assert "정하늘" in page and "박지민" in page  # no submission
    assert "파일 이름의 학번은 2026003입니다" in page and "명단에 없는 학번입니다" in page  # s1 needs a look
    assert "tensors.make_variable.kind" in page and "NotImplementedError" in page  # a check and its common failure
    assert any("Class report: " in line or "반 전체 보고서: " in line for line in graded.summary.lines("ko"))


def test_the_class_report_states_the_terminals_figures(graded):
    """Does class-report.html state the very mean and median line the terminal printed (who is counted
    beside it), the hand-in times in the course's zone, and a unit on the penalty?"""
    page = (graded.out / "class-report.html").read_text(encoding="utf-8")
    figures = next(line for line in graded.summary.lines("ko") if line.startswith("평균"))
    assert "제출한 학생 4명 기준, 제출하지 않은 2명은 빼고 셈" in figures and figures in page
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
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "day06 CNN"]
    assert rows[1][0] == "Points Possible" and float(rows[1][5]) > 0
    by_id = {row[2]: row for row in rows[2:]}
    assert by_id["2026005"][0] == "정하늘" and by_id["2026005"][5] == graded.rows()["2026005"]["score"]
    assert by_id["2026003"][5] == "0"


def test_similarity_flags_the_copied_pair_only(graded):
    """Does `grade similarity OUT_DIR` put the two identical submissions first and leave the untouched stubs
    (boilerplate) at nothing shared, without changing any score?"""
    before = (graded.out / "grades.csv").read_bytes()
    result = CliRunner().invoke(cli, ["similarity", str(graded.out), "--lang", "en"],
                                env={"GRADE_COURSE": str(graded.course.root)}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "2026001 · 2026002: 100%" in result.output
    page = (graded.out / "similarity.html").read_text(encoding="utf-8")
    assert "<mark>" in page and "Similar submissions" in page
    from grader.batch.similarity import class_sources, compare
    pairs = {(p.first, p.second): p.share for p in compare(class_sources(graded.batch, graded.out),
                                                           {m: stub_source(m) for m in MODULES})}
    assert pairs[("2026004", "s1")] == 0.0
    assert (graded.out / "grades.csv").read_bytes() == before


def test_a_rerun_keeps_grades_and_applies_changed_overrides(graded, tmp_path):
    """After overrides.csv changes, does the same batch regrade nobody and apply the new overrides?"""
    (graded.out / "overrides.csv").write_text("student,check,points,reason\n2026002,total,88,fire alarm\n",
                                              encoding="utf-8")
    summary = run_batch(graded.course, graded.batch, graded.out, workers=2, progress=False, include_slow=False,
                        roster=graded.roster, lang="en")
    assert summary.regraded == [] and len(summary.kept) == 6
    rows = graded.rows()
    assert rows["2026002"]["score"] == "88" and rows["2026001"]["override"] == ""
    assert float(rows["2026001"]["score"]) == sum(r["score"] for r in graded.record("2026001")["results"])
    assert "copied from a friend" not in (graded.out / "2026001" / "feedback.html").read_text(encoding="utf-8")
    assert (graded.out / "overrides.csv").read_text(encoding="utf-8").endswith("fire alarm\n")  # never rewritten
