"""``course.toml``, read once into frozen dataclasses.

Every key has a default and a one-line description (the field's ``doc``
metadata); an unknown key or a wrong type is a :class:`KitError` that names
the key and the file.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import tomli_w

from grader.catalog.errors import ERRORS
from grader.errors import KitError
from grader.messages import Text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAME = "course.toml"


def _f(default, doc: str):
    if isinstance(default, (dict, list)):
        return field(default_factory=lambda: type(default)(default), metadata={"doc": doc})
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class CourseSection:
    name: str = _f("day06", "Course unit shown in reports.")
    language: str = _f("ko", "Default language of everything a student reads: ko or en.")
    seed: int = _f(1234, "Seed for every random choice in grading (same submission, same score).")
    mnist_path: str = _f("", "A keras-style mnist.npz to use first (MNIST_PATH overrides it).")
    due: str = _f("", "Due date, ISO 8601 with offset (e.g. 2026-12-01T23:59:00+09:00).")
    roster: str = _f("", "Class roster CSV (relative to the kit folder) that grade batch reads when --roster is not given.")


@dataclass(frozen=True)
class LimitsSection:
    call_seconds: float = _f(60.0, "Wall-clock limit for one call into the submission.")
    import_seconds: float = _f(120.0, "Wall-clock limit for starting the child and importing TensorFlow.")
    train_seconds: float = _f(300.0, "Time budget for the accuracy run's training call.")
    student_seconds: float = _f(900.0, "Wall-clock budget for all calls into one submission together, every "
                                "part (the lessons and the project) in one; when it runs out, its remaining checks "
                                "fail (final, not retried).")
    cpu_seconds: int = _f(1200, "CPU-time limit for one submission's child process (all its calls).")
    memory_mb: int = _f(4096, "Resident-memory cap for the child process (its address space may reach twice this).")
    output_kb: int = _f(64, "Captured stdout/stderr kept per submission; the rest is discarded.")
    tasks: int = _f(512, "Processes and threads one submission may run at once (cgroup pids.max, else RLIMIT_NPROC).")
    disk_mb: int = _f(1024, "Disk budget of a submission's private folder (a size-limited tmpfs; /tmp gets a quarter).")
    result_mb: int = _f(64, "Largest data one call may send back (model weights included).")


@dataclass(frozen=True)
class AccuracySection:
    epochs: int = _f(3, "Epochs the accuracy run trains for.")
    batch_size: int = _f(128, "Batch size the accuracy run passes to train_model.")
    train_samples: int = _f(4000, "Training digits used on the 5k subset (0 = the whole training split).")
    train_samples_full: int = _f(12000, "Training digits used on full MNIST (0 = all 60,000).")
    threshold_full: float = _f(0.96, "Minimum test accuracy on full MNIST.")
    threshold_5k: float = _f(0.90, "Minimum test accuracy on the 5k offline subset.")


@dataclass(frozen=True)
class ProjectSection:
    enabled: bool = _f(True, "Grade the project part (project.py) when a submission has one.")
    param_cap: int = _f(1_000_000, "Most parameters (trainable and not) a project model may have.")
    train_seconds: float = _f(300.0, "Time budget for every second the project's code runs (importing project.py, "
                              "build, compile and train together), measured by the grader.")
    holdout: int = _f(1000, "Training digits the grader keeps back to measure on; the child never gets them.")
    train_samples: int = _f(0, "Training digits train_project_model gets on the 5k subset (0 = all not held back).")
    train_samples_full: int = _f(12000, "Training digits train_project_model gets on full MNIST (0 = all not held back).")
    margin: float = _f(0.005, "How far above the baseline model's accuracy (the course's, trained on the same digits) counts as beating it.")
    bar_5k: float = _f(0.97, "The higher bar: accuracy on the held-back digits, 5k offline subset.")
    bar_full: float = _f(0.985, "The higher bar on full MNIST.")
    leaderboard_names: str = _f("anonymous", "Names on the class leaderboard: anonymous, nickname or student_id.")


@dataclass(frozen=True)
class BatchSection:
    workers: int = _f(0, "Students graded at once on the embedded cluster (0 = number of cores).")
    scheduler: str = _f("", "Dask scheduler to grade on (tcp://HOST:8786); empty: an embedded cluster here.")
    replace_worker_mb: int = _f(3072, "Resident memory (MB) past which a grading worker is replaced by a fresh "
                                      "one before its next student (0: never).")


@dataclass(frozen=True)
class LateSection:
    policy: str = _f("none", "What a late submission costs: none, zero, or percent_per_day.")
    percent_per_day: float = _f(10.0, "percent_per_day: percent of the earned score taken per day (or part of one) late.")
    max_percent: float = _f(50.0, "percent_per_day: the most that is taken, in percent of the earned score.")
    grace_minutes: int = _f(0, "Minutes after course.due that still count as on time.")


@dataclass(frozen=True)
class FeedbackSection:
    show_hidden: str = _f("after_due", "When students see hidden-check results: always, after_due or never.")


@dataclass(frozen=True)
class NotebookSection:
    kit: str = _f("tf-grade-kit.zip", "What the exercise notebooks' first cell installs: a zip of the student "
                  "kit (grade release) or a wheel, as a path or URL.")
    colab: str = _f("", "Where Colab opens the exercise notebooks from, the folder that holds them (such as "
                    "https://colab.research.google.com/github/ORG/REPO/blob/main/exercises/notebooks): each notebook "
                    "then starts with an 'Open in Colab' link to itself. Empty: no link.")


@dataclass(frozen=True)
class ScoringSection:
    carry_forward: bool = _f(True, "Error carried forward: a check failing only because of a mistake already "
                                   "charged elsewhere keeps its points, marked with the root cause.")


@dataclass(frozen=True)
class Part:
    """One module of the course, as ``course.toml``'s ``[[parts]]`` declares it, in grading order."""

    module: str = _f("", "The module students write (module.py or module.ipynb); its checks are module.function.")
    data: str = _f("none", "What its checks need: none, mnist (the data set, for training and evaluating) or holdout "
                           "(training digits only, the rest kept back to measure on).")
    counts: bool = _f(True, "Counts toward the course's 100 points; false: scored apart, on its own total.")
    optional: bool = _f(False, "A submission may leave it out (no notice, no row); graded when present.")


PART_DATA = ("none", "mnist", "holdout")


def _subset(source) -> bool:
    """Whether ``source`` (a :class:`grader.data.DataSource`, or anything that says ``subset``) holds the offline
    5,000-digit subset: the data source carries that fact, the course only the thresholds for each kind."""
    subset = getattr(source, "subset", None)
    if not isinstance(subset, bool):
        raise TypeError(f"not a data source: {source!r}")
    return subset


@dataclass(frozen=True)
class Course:
    """The whole of course.toml."""

    course: CourseSection = _f(None, "[course]")
    limits: LimitsSection = _f(None, "[limits]")
    accuracy: AccuracySection = _f(None, "[accuracy]")
    project: ProjectSection = _f(None, "[project]")
    batch: BatchSection = _f(None, "[batch]")
    late: LateSection = _f(None, "[late]")
    feedback: FeedbackSection = _f(None, "[feedback]")
    notebook: NotebookSection = _f(None, "[notebook]")
    scoring: ScoringSection = _f(None, "[scoring]")
    parts: tuple = _f((), "[[parts]]: the course's modules in grading order, each a table of the keys below.")
    points: dict = _f({}, "Points of the check with that stable id (`cnn.first_conv.layer`); the course's parts "
                          "100 in all, the project part its own total (`grade verify` checks both).")
    root: Path = _f(Path("."), "Folder holding course.toml (the kit root).")
    secret: str = field(default="", repr=False, compare=False, metadata={
        "doc": "The course's secret, when a grader carries it (a batch's workers); else read from or made in "
               "the course folder's .grade/secret (grader.engine.holdout.course_secret). Never in course.toml."})

    @property
    def language(self) -> str:
        return self.course.language

    @property
    def declared_parts(self) -> tuple[Part, ...]:
        """The parts in grading order; :class:`KitError` when ``course.toml`` declares none (grading needs them)."""
        if not self.parts:
            raise KitError(ERRORS["no-parts"].format(source=self.root / CONFIG_NAME))
        return self.parts

    def part(self, module: str) -> Part | None:
        """The part of ``module``, ``None`` when the course has no such part."""
        return next((p for p in self.parts if p.module == module), None)

    @property
    def modules(self) -> tuple[str, ...]:
        """Every part's module, in grading order."""
        return tuple(p.module for p in self.declared_parts)

    @property
    def required_modules(self) -> tuple[str, ...]:
        """The modules a submission is expected to hold (a missing one is a notice and scores 0)."""
        return tuple(p.module for p in self.declared_parts if not p.optional)

    @property
    def apart(self) -> tuple[str, ...]:
        """The modules scored apart from the 100 points, on their own total."""
        return tuple(p.module for p in self.parts if not p.counts)

    def needs(self, module: str) -> str:
        """What the checks of ``module`` need: ``none``, ``mnist`` or ``holdout``."""
        part = self.part(module)
        return part.data if part is not None else "none"

    def accuracy_threshold(self, source) -> float:
        """The accuracy run's threshold for the digits of ``source`` (a :class:`grader.data.DataSource`)."""
        return self.accuracy.threshold_5k if _subset(source) else self.accuracy.threshold_full

    def train_samples(self, source) -> int:
        """How many training digits the accuracy run uses from ``source``."""
        return self.accuracy.train_samples if _subset(source) else self.accuracy.train_samples_full

    def project_train_samples(self, source) -> int:
        """How many training digits ``train_project_model`` gets from ``source`` (0 = all not held back)."""
        return self.project.train_samples if _subset(source) else self.project.train_samples_full

    def project_bar(self, source) -> float:
        """The project's higher bar on the digits of ``source``."""
        return self.project.bar_5k if _subset(source) else self.project.bar_full

    @property
    def checks_dir(self) -> Path:
        return self.root / "tests" / "checks"


SECTIONS = {
    "course": CourseSection,
    "limits": LimitsSection,
    "accuracy": AccuracySection,
    "project": ProjectSection,
    "batch": BatchSection,
    "late": LateSection,
    "feedback": FeedbackSection,
    "notebook": NotebookSection,
    "scoring": ScoringSection,
}
CHOICES = {
    ("course", "language"): ("ko", "en"),
    ("feedback", "show_hidden"): ("always", "after_due", "never"),
    ("project", "leaderboard_names"): ("anonymous", "nickname", "student_id"),
    ("late", "policy"): ("none", "zero", "percent_per_day"),
}


def _check_type(value, expected, where: Text):
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if expected is int and isinstance(value, bool) or not isinstance(value, expected):
        raise KitError(ERRORS["toml-type"].format(where=where, expected=expected.__name__,
                                                  found=type(value).__name__, value=repr(value)))
    return value


def parse(data: dict, source: str, root: Path) -> Course:
    """Validate a parsed TOML table and build the frozen :class:`Course`."""
    values: dict = {}
    for key, table in data.items():
        if key == "parts":
            values["parts"] = _parts(table, source)
            continue
        if key == "points":
            if not isinstance(table, dict):
                raise KitError(ERRORS["points-table"].format(source=source))
            points = {}
            for name, pts in table.items():
                points[name] = _check_type(pts, float, ERRORS["toml-where-points"].format(source=source, name=name))
                if points[name] < 0:
                    raise KitError(ERRORS["points-negative"].format(source=source, name=name))
            values["points"] = points
            continue
        section = SECTIONS.get(key)
        if section is None:
            raise KitError(ERRORS["unknown-section"].format(source=source, key=key,
                                                            known=", ".join([*SECTIONS, "parts", "points"])))
        if not isinstance(table, dict):
            raise KitError(ERRORS["section-table"].format(source=source, key=key))
        known = {f.name: f for f in dataclasses.fields(section)}
        kwargs = {}
        for name, value in table.items():
            if name not in known:
                raise KitError(ERRORS["unknown-key"].format(source=source, key=key, name=name, known=", ".join(known)))
            kwargs[name] = _check_type(value, type(known[name].default),
                                       ERRORS["toml-where-key"].format(source=source, key=f"{key}.{name}"))
            choices = CHOICES.get((key, name))
            if choices and value not in choices:
                raise KitError(ERRORS["toml-choice"].format(source=source, key=f"{key}.{name}",
                                                           choices=", ".join(choices), value=repr(value)))
        values[key] = section(**kwargs)
    for key, section in SECTIONS.items():
        values.setdefault(key, section())
    due = values["course"].due
    if due:
        try:
            datetime.fromisoformat(due.replace("Z", "+00:00"))
        except ValueError:
            raise KitError(ERRORS["toml-due"].format(source=source, value=repr(due))) from None
    return Course(**values, root=root)


def _parts(table, source: str) -> tuple[Part, ...]:
    """``[[parts]]`` as :class:`Part` values: each a table with a module name, once each."""
    if not isinstance(table, list) or not all(isinstance(t, dict) for t in table):
        raise KitError(ERRORS["parts-list"].format(source=source))
    known = {f.name: f for f in dataclasses.fields(Part)}
    parts: list[Part] = []
    for number, entry in enumerate(table, start=1):
        kwargs = {}
        for name, value in entry.items():
            if name not in known:
                raise KitError(ERRORS["unknown-key"].format(source=source, key="parts", name=name,
                                                            known=", ".join(known)))
            kwargs[name] = _check_type(value, type(known[name].default),
                                       ERRORS["toml-where-key"].format(source=source, key=f"parts.{name}"))
        module = kwargs.get("module", "")
        if not module.isidentifier() or any(p.module == module for p in parts):
            raise KitError(ERRORS["parts-module"].format(source=source, number=number))
        if kwargs.get("data", "none") not in PART_DATA:
            raise KitError(ERRORS["toml-choice"].format(source=source, key="parts.data", choices=", ".join(PART_DATA),
                                                       value=repr(kwargs["data"])))
        parts.append(Part(**kwargs))
    return tuple(parts)


KIT_ENV = "GRADE_KIT"
"""The environment variable that names the kit folder (``grade --kit DIR`` sets it for one run)."""


def kit_folder(value: str | Path, source: str) -> Path:
    """``value`` as a kit root: a folder holding course.toml (or the course.toml itself)."""
    path = Path(value).expanduser()
    folder = path.parent if path.is_file() and path.name == CONFIG_NAME else path
    if not (folder / CONFIG_NAME).is_file():
        raise KitError(ERRORS["kit-without-toml"].format(source=source, value=value))
    return folder.resolve()


def find_root(start: Path | None = None) -> Path:
    """The kit root: ``GRADE_KIT`` (``--kit``), ``GRADE_COURSE``, else the nearest folder at or above
    ``start`` holding course.toml."""
    kit = os.environ.get(KIT_ENV)
    if kit:
        return kit_folder(kit, f"{KIT_ENV}=")
    env = os.environ.get("GRADE_COURSE")
    if env:
        path = Path(env)
        return path.parent if path.is_file() else path
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise KitError(ERRORS["no-course-toml"].format(folder=here))



def language_hint(kit: str | Path | None = None) -> str:
    """The language course.toml asks for, read leniently (for a message about why ``grade`` could not
    run, when course.toml may itself be the problem): the default, Korean, when it cannot be read."""
    default = CourseSection.language
    try:
        root = kit_folder(kit, "") if kit else find_root()
        with (root / CONFIG_NAME).open("rb") as fh:
            language = tomllib.load(fh).get("course", {}).get("language", default)
    except (KitError, OSError, tomllib.TOMLDecodeError, AttributeError):
        return default
    return language if language in CHOICES[("course", "language")] else default


def load(root: Path | None = None) -> Course:
    """Read ``course.toml`` from the kit root (found from the current folder when not given)."""
    root = find_root() if root is None else Path(root)
    path = root / CONFIG_NAME
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise KitError(ERRORS["toml-missing"].format(path=path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise KitError(ERRORS["toml-invalid"].format(path=path, detail=exc)) from None
    return parse(data, str(path), root.resolve())


def describe_keys() -> list[tuple[str, object, str]]:
    """``(section.key, default, description)`` for every key: the reference's table."""
    rows = []
    for key, section in SECTIONS.items():
        for f in dataclasses.fields(section):
            rows.append((f"{key}.{f.name}", f.default, f.metadata["doc"]))
    return rows


REFERENCE_START = "<!-- course.toml keys: made by `python -m grader.config`; edit the descriptions in grader/config.py -->"
REFERENCE_END = "<!-- end of course.toml keys -->"


def reference() -> str:
    """The Markdown table of every ``course.toml`` key, its default and description, from the sections'
    own fields: ``docs/configuration.md`` holds it between :data:`REFERENCE_START` and
    :data:`REFERENCE_END` (``python -m grader.config`` writes it; a test fails when it drifts)."""
    def shown(value) -> str:
        return f"`{tomli_w.dumps({'v': value}).split('=', 1)[1].strip()}`"

    rows = ["| key | default | meaning |", "| --- | --- | --- |"]
    rows += [f"| `{key}` | {shown(default)} | {doc} |" for key, default, doc in describe_keys()]
    rows += [f"| `[[parts]] {f.name}` | {shown(f.default) if f.default != '' else '(required)'} | "
             f"{f.metadata['doc']} |" for f in dataclasses.fields(Part)]
    points = next(f for f in dataclasses.fields(Course) if f.name == "points")
    rows.append(f"| `points.\"ID\"` | | {points.metadata['doc']} |")
    return "\n".join([REFERENCE_START, *rows, REFERENCE_END])


def write_reference(path: Path) -> bool:
    """Put :func:`reference` into the Markdown file at ``path`` between its markers; ``True`` when it changed."""
    text = path.read_text(encoding="utf-8")
    start, end = text.index(REFERENCE_START), text.index(REFERENCE_END) + len(REFERENCE_END)
    new = text[:start] + reference() + text[end:]
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    write_reference(Path(__file__).resolve().parents[1] / "docs" / "configuration.md")
