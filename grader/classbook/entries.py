"""Which students a class folder holds, which of their files is graded, and when it was handed in.

Nothing here is taken on a student's word. **Who** handed an entry in is what
the instructor's side says: the folder or file name the LMS gave (read with
``--id-pattern`` when the id sits inside it), the ``ID.zip`` an instructor named,
the ``submission-ID-TIME.zip`` name. An archive's ``manifest.json`` that names
someone else is a line to look at (the summary, the student's feedback,
``grades.csv``'s notes), never a reason to grade the entry as someone else's.
**When** it was handed in is the LMS's submission time where the download's
name carries it (Blackboard's ``_attempt_`` stamp; Canvas's ``LATE`` mark makes
it at least a day late), else the file's time as collected (a folder: its
newest module). The manifest's ``created`` and the time in ``grade submit``'s
file name are what the student's machine said: kept as :attr:`Entry.claimed_at`
and shown, never counted.

An entry of ``BATCH_DIR`` is a student's folder (``.py`` files or notebooks),
an archive, or a loose file of an LMS's flat bulk download (:data:`LMS_NAMES`:
Canvas ``kimminji_1001_5557_tensors.py``, Moodle ``Kim Minji_1001_assignsubmission_file_tensors.py``,
Blackboard ``day06_kimminji_attempt_2026-12-01-10-00-00_tensors.py``), keyed by
the LMS's user id; a student's loose files together are one submission. A
folder that holds no modules but archives (one folder per student) stands for
those archives. Several archives of one student: the latest received is
graded, the others are listed.

Every id becomes a folder of ``OUT_DIR``: one that names a file the kit writes
there (:data:`RESERVED`, or a name with one of :data:`RESERVED_SUFFIXES`) is
skipped with a line saying so.

Nothing here runs or unpacks submission code: a manifest is read as JSON, at
most :data:`MANIFEST_BYTES` of it.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from grader.catalog.batch import CLASSROOM, TIME_SOURCES
from grader.catalog.errors import ERRORS
from grader.engine.intake import MANIFEST, Expected, Intake, collect, collect_named, modules_in
from grader.errors import KitError
from grader.record.late import parse_time  # noqa: F401  (the class book's API)
from grader.record.results import Feedback

MANIFEST_BYTES = 1024 * 1024
SUBMIT_NAME = re.compile(r"^submission-(?P<id>.+)-(?P<time>\d{8}T\d{6}Z)\.zip$", re.IGNORECASE)
"""The name ``grade submit`` gives its archive."""
RESERVED = frozenset({"grades.csv", "overrides.csv", "class-report.html", "similarity.html", "canvas.csv",
                      "leaderboard.html", "gradescope", "autograder.zip", "results.json", "feedback.html",
                      "report.json", "nbgrader_config.py", "gradebook.db", "feedback", "autograded",
                      "submitted", "release", "source"})
"""Names the kit writes (or may write) directly in ``OUT_DIR``, compared without case; never a student id."""
RESERVED_SUFFIXES = (".html", ".csv", ".json", ".zip", ".db", ".log", ".lock", ".py", ".ipynb")
"""An id ending so would be read as one of the kit's own files in ``OUT_DIR``."""

LMS_TIME = "LMS"
FILE_TIME = "file time"

LMS_NAMES = {
    "moodle": re.compile(r"^(?P<who>.+?)_(?P<user>\d+)_assignsubmission_(?:file|onlinetext)_(?P<file>.*)$"),
    "blackboard": re.compile(r"^(?P<assignment>.+)_(?P<user>[^_]+)_attempt_"
                             r"(?P<time>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})(?:_(?P<file>.+)|\.txt)?$"),
    "canvas": re.compile(r"^(?P<who>[^_]+)_(?:(?P<late>LATE)_)?(?P<user>\d+)_(?P<attachment>\d+)_(?P<file>.+)$"),
}
"""The names an LMS's bulk download gives each file (the LMS's user id in ``user``, the student's own file name
in ``file``); the same layouts as nbgrader's ``zip_collect`` examples. A Moodle folder per student matches
with an empty ``file``."""
RESUBMITTED = re.compile(r"^(?P<stem>.+?)-(?P<n>\d+)(?P<suffix>\.(?:py|ipynb))$")
"""Canvas's name for a file uploaded again under the same name: ``tensors-1.py``."""


@dataclass(frozen=True)
class LmsName:
    """What an LMS download's name says about a file."""

    lms: str
    user: str
    file: str
    late: bool = False
    time: datetime | None = None


@dataclass(frozen=True)
class Entry:
    """One student in ``BATCH_DIR``: the entry graded (two or more: a conflict) and what else was found."""

    student: str
    paths: tuple[Path, ...]
    """What is graded: one path, or every candidate when they cannot be told apart (a conflict)."""
    submitted_at: datetime | None = None
    """When the graded entry was handed in, from the instructor's side (the LMS, else the file's time)."""
    time_source: str = ""
    """Where :attr:`submitted_at` comes from: ``LMS`` or ``file time``."""
    superseded: tuple[Path, ...] = ()
    """Earlier archives of the same student, not graded."""
    notices: tuple[Feedback, ...] = ()
    """What the student's feedback says about the entry (a manifest naming someone else, earlier archives)."""
    named_as: tuple[str, ...] = ()
    """Other ids the entries' manifests gave (a line to look at; the entry is this student's all the same)."""
    claimed_at: datetime | None = None
    """What the student's machine said (the manifest's ``created``, the time in ``grade submit``'s name): shown only."""
    lms_late: bool = False
    """The LMS marked the submission late (Canvas's ``LATE``): at least one day late."""
    loose: tuple[tuple[str, Path], ...] = ()
    """A flat LMS download: the kit's file name (``tensors.py``) → the student's loose file (``paths`` holds one
    of them, to name the entry)."""
    lms: str = ""
    """The LMS whose download named the entry (``canvas``, ``moodle``, ``blackboard``): the id is that LMS's user id."""

    def collect(self, path: Path | None = None, expected: Expected | None = None) -> Intake:
        """The submission at ``path`` (default: the graded one), read from its loose files when it has them;
        ``expected``: the course's modules (:meth:`Expected.of`)."""
        if self.loose:
            return collect_named(dict(self.loose), self.paths[0].parent, expected)
        return collect(path if path is not None else self.paths[0], expected)


@dataclass
class Classroom:
    """Everything :func:`find_entries` found in ``BATCH_DIR``."""

    entries: dict[str, Entry] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    """One line per entry that is not a student (in the batch language)."""
    warnings: list[str] = field(default_factory=list)
    """One line per entry that is graded but needs a look (a manifest naming someone else), in the batch language."""


@dataclass(frozen=True)
class _Candidate:
    path: Path
    named: str
    """The id the instructor's side gives (the entry's name, the LMS's user id): the student it is graded under."""
    time: datetime | None
    time_source: str
    claimed_id: str | None = None
    """The manifest's id, when it names a usable id other than :attr:`named`."""
    claimed_at: datetime | None = None
    lms_late: bool = False
    loose: tuple[tuple[str, Path], ...] = ()
    lms: str = ""


def find_entries(batch_dir: Path, out_dir: Path | None = None, lang: str = "en",
                 id_pattern: str | None = None, due_zone=None, modules: tuple[str, ...] = ()) -> Classroom:
    """The students of ``batch_dir``; ``out_dir`` (when it lies inside) is not one of them. ``due_zone``: the
    time zone of an LMS stamp that carries none (Blackboard's), default UTC. ``modules``: the course's (a flat
    LMS download's loose files are read as these; empty: any module file)."""
    pattern = compile_pattern(id_pattern)
    out = Path(out_dir).resolve() if out_dir is not None else None
    room = Classroom()
    candidates: dict[str, list[_Candidate]] = {}
    loose: dict[str, list[tuple[Path, LmsName]]] = {}
    for path in sorted(Path(batch_dir).iterdir()):
        name = path.name
        if out is not None and path.resolve() == out:
            continue
        lms = lms_name(name, due_zone, folder=path.is_dir())
        is_zip = path.is_file() and path.suffix.lower() == ".zip"
        if not (path.is_dir() or is_zip or (path.is_file() and lms is not None)):
            room.skipped.append(CLASSROOM["skip-file"].get(lang).format(name=name))
            continue
        if pattern is not None:
            match = pattern.search(name)
            if match is None:
                room.skipped.append(CLASSROOM["skip-pattern"].get(lang).format(name=name))
                continue
            named = match.group("id") if "id" in pattern.groupindex else match.group(1 if pattern.groups else 0)
        elif lms is not None:
            named = lms.user
        elif path.is_dir():
            named = name
        else:
            submitted = SUBMIT_NAME.match(name)
            named = submitted.group("id") if submitted else path.stem
        if not kit_free(named):
            room.skipped.append(CLASSROOM["skip-kit-name"].get(lang).format(name=name, student=named))
            continue
        if not valid_id(named):
            room.skipped.append(CLASSROOM["skip-name"].get(lang).format(name=name))
            continue
        if path.is_file() and not is_zip:  # a loose file of a flat LMS download: gathered per student below
            loose.setdefault(named, []).append((path, lms))
            continue
        inner = _archives_inside(path) if path.is_dir() else []
        for item in inner or [path]:
            found = _candidate(item, named, lms)
            if found.claimed_id:
                room.warnings.append(CLASSROOM["id-mismatch"].get(lang).format(
                    file=_entry_name(item), named=named, manifest=found.claimed_id))
            candidates.setdefault(named, []).append(found)
    for named, files in sorted(loose.items()):
        found = _loose_candidate(files, modules)
        if found is None:
            room.skipped.extend(CLASSROOM["skip-file"].get(lang).format(name=p.name) for p, _ in files)
        else:
            candidates.setdefault(named, []).append(found)
    for student, found in sorted(candidates.items()):
        room.entries[student] = _choose(student, found)
    return room


def lms_name(name: str, zone=None, folder: bool = False) -> LmsName | None:
    """What an LMS download's name says (:data:`LMS_NAMES`; a folder: Moodle's only), or ``None``."""
    for lms, pattern in LMS_NAMES.items():
        if folder and lms != "moodle":
            continue
        match = pattern.match(name)
        if match is None:
            continue
        found = match.groupdict()
        time = None
        if found.get("time"):
            try:
                time = datetime.strptime(found["time"], "%Y-%m-%d-%H-%M-%S").replace(tzinfo=zone or timezone.utc)
            except ValueError:
                continue
        return LmsName(lms, found["user"], found.get("file") or "", bool(found.get("late")), time)
    return None


def compile_pattern(id_pattern: str | None) -> re.Pattern | None:
    if not id_pattern:
        return None
    try:
        pattern = re.compile(id_pattern)
    except re.error as exc:
        raise KitError(ERRORS["id-pattern"].format(pattern=repr(id_pattern), detail=exc)) from None
    return pattern


def valid_id(student: str) -> bool:
    """A name usable as a folder in ``OUT_DIR`` and a CSV cell: not hidden, no control characters."""
    return (bool(student.strip()) and student == student.strip() and not student.startswith((".", "__"))
            and all(c.isprintable() for c in student) and "/" not in student and "\\" not in student
            and kit_free(student))


def kit_free(student: str) -> bool:
    """``False`` when ``OUT_DIR/<student>`` would be, or look like, one of the kit's own files."""
    folded = student.casefold()
    return folded not in RESERVED and not folded.endswith(RESERVED_SUFFIXES)


def read_manifest(path: Path) -> dict:
    """An archive's manifest as a dict; ``{}`` when there is none or it cannot be read."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(MANIFEST)
            if info.file_size > MANIFEST_BYTES:
                return {}
            data = json.loads(archive.read(info))
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, EOFError, ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _archives_inside(folder: Path) -> list[Path]:
    """The archives an LMS folder holds, when it holds no modules of its own."""
    try:
        names = {p.name for p in folder.iterdir()}
    except OSError:
        return []
    if modules_in(names):
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".zip")


def _candidate(path: Path, named: str, lms: LmsName | None) -> _Candidate:
    time, source = (lms.time, LMS_TIME) if lms is not None and lms.time else (None, FILE_TIME)
    late, system = bool(lms and lms.late), lms.lms if lms is not None else ""
    if path.is_dir():
        return _Candidate(path, named, time or _folder_time(path), source, lms_late=late, lms=system)
    manifest = read_manifest(path)
    said = manifest.get("student")
    claimed_id = said if isinstance(said, str) and valid_id(said) and said != named else None
    claimed = parse_time(manifest.get("created"))
    stamp = SUBMIT_NAME.match(path.name)
    if claimed is None and stamp:
        claimed = datetime.strptime(stamp.group("time"), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    return _Candidate(path, named, time or _file_time(path), source, claimed_id, claimed, late, lms=system)


def _loose_candidate(files: list[tuple[Path, LmsName]], modules: tuple[str, ...] = ()) -> _Candidate | None:
    """One student's loose files of a flat LMS download as one submission (the latest upload of each module);
    ``None`` when none of them is a module."""
    chosen: dict[str, tuple[int, Path]] = {}
    for path, lms in files:
        own, again = lms.file, 0
        resubmitted = RESUBMITTED.match(own)
        if resubmitted and _is_module(resubmitted.group("stem"), modules):
            own, again = resubmitted.group("stem") + resubmitted.group("suffix"), int(resubmitted.group("n"))
        stem, _, suffix = own.rpartition(".")
        if not _is_module(stem, modules) or suffix not in ("py", "ipynb"):
            continue
        if own not in chosen or again >= chosen[own][0]:
            chosen[own] = (again, path)
    if not chosen:
        return None
    paths = [p for _, p in chosen.values()]
    marks = [lms for p, lms in files if p in paths]
    stamps = [m.time for m in marks if m.time is not None]
    times = [t for p in paths if (t := _file_time(p)) is not None]
    time, source = (max(stamps), LMS_TIME) if stamps else (max(times, default=None), FILE_TIME)
    loose = tuple(sorted((own, path) for own, (_, path) in chosen.items()))
    return _Candidate(min(paths), files[0][1].user, time, source, lms_late=any(m.late for m in marks), loose=loose,
                      lms=files[0][1].lms)


def _is_module(stem: str, modules: tuple[str, ...]) -> bool:
    """A module of the course (``modules``), or without them, any name a module can have."""
    return stem in modules if modules else stem.isidentifier()


def _choose(student: str, found: list[_Candidate]) -> Entry:
    """One entry: the latest received; a conflict when a folder is among several or their times tie."""
    notices = [Feedback(CLASSROOM["id-mismatch"].format(file=_entry_name(c.path), named=student,
                                                        manifest=c.claimed_id)) for c in found if c.claimed_id]
    named = tuple(sorted({c.claimed_id for c in found if c.claimed_id}))
    if len(found) == 1:
        only = found[0]
        return Entry(student, (only.path,), only.time, only.time_source, (), tuple(notices), named,
                     only.claimed_at, only.lms_late, only.loose, only.lms)
    archives = all(c.path.is_file() and c.time is not None for c in found)
    ordered = sorted(found, key=lambda c: (c.time, c.claimed_at or c.time)) if archives else []
    if not archives or (ordered[-1].time, ordered[-1].claimed_at) == (ordered[-2].time, ordered[-2].claimed_at):
        return Entry(student, tuple(c.path for c in found), None, "", (), tuple(notices), named)
    latest, earlier = ordered[-1], ordered[:-1]
    notices.append(Feedback(CLASSROOM["superseded"].format(
        file=_entry_name(latest.path), time=f"{latest.time:%Y-%m-%d %H:%M:%S %Z}",
        others=", ".join(_entry_name(c.path) for c in earlier))))
    return Entry(student, (latest.path,), latest.time, latest.time_source, tuple(c.path for c in earlier),
                 tuple(notices), named, latest.claimed_at, latest.lms_late, latest.loose, latest.lms)


def claimed_notice(entry: Entry) -> Feedback | None:
    """What the student's machine said about the time, beside the time that counts; ``None`` when it said nothing."""
    if entry.claimed_at is None or entry.submitted_at is None:
        return None
    return Feedback(CLASSROOM["claimed-time"].format(
        claimed=f"{entry.claimed_at:%Y-%m-%d %H:%M %Z}", used=f"{entry.submitted_at:%Y-%m-%d %H:%M %Z}",
        source=TIME_SOURCES.get(entry.time_source, TIME_SOURCES[FILE_TIME])))


def _entry_name(path: Path) -> str:
    return f"{path.name}/" if path.is_dir() else path.name


def _file_time(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    except OSError:
        return None


def _folder_time(folder: Path) -> datetime | None:
    """The newest of the student's module files (what they last saved)."""
    times = [t for p in folder.iterdir() if modules_in([p.name]) and (t := _file_time(p)) is not None] \
        if folder.is_dir() else []
    return max(times) if times else _file_time(folder)
