"""Which students a class folder holds, which of their files is graded, and when it was handed in.

An entry of ``BATCH_DIR`` is a student's folder (``.py`` files or notebooks),
the ``ID.zip`` an instructor named, or the ``submission-ID-TIME.zip`` that
``grade submit`` wrote. An archive's ``manifest.json`` names the student and the
time it was made: the id comes from the manifest, and when the file name says
another id the student's feedback and the batch summary say so (it is never
silently resolved). Several archives of one student: the latest by manifest
time is graded, the others are listed. A student's folder that holds no
modules but archives (what an LMS bulk download gives: one folder per student)
stands for those archives.

``id_pattern`` (``grade batch --id-pattern``) reads the id out of an LMS
download's names: a regular expression searched in each entry's name whose
group ``id`` (or first group) is the student id, e.g. ``_(?P<id>\\d{7})_`` for
``Kim Minsu_2026001_assignsubmission_file_``.

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

from grader.catalog.batch import CLASSROOM
from grader.catalog.errors import ERRORS
from grader.engine.intake import MANIFEST, modules_in
from grader.errors import KitError
from grader.record.results import Feedback

MANIFEST_BYTES = 1024 * 1024
SUBMIT_NAME = re.compile(r"^submission-(?P<id>.+)-(?P<time>\d{8}T\d{6}Z)\.zip$", re.IGNORECASE)
"""The name ``grade submit`` gives its archive."""
RESERVED = ("grades.csv", "overrides.csv", "class-report.html", "similarity.html", "canvas.csv")

MANIFEST_TIME = "manifest"
NAME_TIME = "file name"
FILE_TIME = "file time"


@dataclass(frozen=True)
class Entry:
    """One student in ``BATCH_DIR``: the entry graded (two or more: a conflict) and what else was found."""

    student: str
    paths: tuple[Path, ...]
    """What is graded: one path, or every candidate when they cannot be told apart (a conflict)."""
    submitted_at: datetime | None = None
    """When the graded entry was handed in (manifest time, else the time in its name, else its file time)."""
    time_source: str = ""
    """Where :attr:`submitted_at` comes from: ``manifest``, ``file name`` or ``file time``."""
    superseded: tuple[Path, ...] = ()
    """Earlier archives of the same student, not graded."""
    notices: tuple[Feedback, ...] = ()
    """What the student's feedback says about the entry (an id mismatch, earlier archives)."""
    named_as: tuple[str, ...] = ()
    """Other ids the entries' file names gave (their manifests said this student)."""


@dataclass
class Classroom:
    """Everything :func:`find_entries` found in ``BATCH_DIR``."""

    entries: dict[str, Entry] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    """One line per entry that is not a student (in the batch language)."""
    warnings: list[str] = field(default_factory=list)
    """One line per entry that is graded but needs a look (an id mismatch), in the batch language."""


@dataclass(frozen=True)
class _Candidate:
    path: Path
    named: str
    """The id the entry's name gives."""
    student: str
    """The id it is graded under (the manifest's, when it names a usable one)."""
    time: datetime | None
    time_source: str
    mismatch: bool


def find_entries(batch_dir: Path, out_dir: Path | None = None, lang: str = "en",
                 id_pattern: str | None = None) -> Classroom:
    """The students of ``batch_dir``; ``out_dir`` (when it lies inside) is not one of them."""
    pattern = compile_pattern(id_pattern)
    out = Path(out_dir).resolve() if out_dir is not None else None
    room = Classroom()
    candidates: dict[str, list[_Candidate]] = {}
    for path in sorted(Path(batch_dir).iterdir()):
        name = path.name
        if out is not None and path.resolve() == out:
            continue
        if not (path.is_dir() or (path.is_file() and path.suffix.lower() == ".zip")):
            room.skipped.append(CLASSROOM["skip-file"].get(lang).format(name=name))
            continue
        if pattern is not None:
            match = pattern.search(name)
            if match is None:
                room.skipped.append(CLASSROOM["skip-pattern"].get(lang).format(name=name))
                continue
            named = match.group("id") if "id" in pattern.groupindex else match.group(1 if pattern.groups else 0)
        elif path.is_dir():
            named = name
        else:
            submitted = SUBMIT_NAME.match(name)
            named = submitted.group("id") if submitted else path.stem
        if not valid_id(named):
            room.skipped.append(CLASSROOM["skip-name"].get(lang).format(name=name))
            continue
        inner = _archives_inside(path) if path.is_dir() else []
        for item in inner or [path]:
            found = _candidate(item, named)
            if found.mismatch:
                room.warnings.append(CLASSROOM["id-mismatch"].get(lang).format(
                    file=_entry_name(item), named=named, manifest=found.student))
            candidates.setdefault(found.student, []).append(found)
    for student, found in sorted(candidates.items()):
        room.entries[student] = _choose(student, found)
    return room


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
            and student not in RESERVED and all(c.isprintable() for c in student)
            and "/" not in student and "\\" not in student)


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


def parse_time(value) -> datetime | None:
    """An ISO 8601 time (a naive one is taken as UTC), or ``None``."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _archives_inside(folder: Path) -> list[Path]:
    """The archives an LMS folder holds, when it holds no modules of its own."""
    try:
        names = {p.name for p in folder.iterdir()}
    except OSError:
        return []
    if modules_in(names):
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".zip")


def _candidate(path: Path, named: str) -> _Candidate:
    if path.is_dir():
        return _Candidate(path, named, named, _folder_time(path), FILE_TIME, False)
    manifest = read_manifest(path)
    said = manifest.get("student")
    student = said if isinstance(said, str) and valid_id(said) else named
    time, source = parse_time(manifest.get("created")), MANIFEST_TIME
    if time is None:
        stamp = SUBMIT_NAME.match(path.name)
        if stamp:
            time = datetime.strptime(stamp.group("time"), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
            source = NAME_TIME
        else:
            time, source = _file_time(path), FILE_TIME
    return _Candidate(path, named, student, time, source, student != named)


def _choose(student: str, found: list[_Candidate]) -> Entry:
    """One entry: the latest archive; a conflict when a folder is among several or times tie."""
    notices = [Feedback(CLASSROOM["id-mismatch"].format(file=_entry_name(c.path), named=c.named, manifest=c.student))
               for c in found if c.mismatch]
    named = tuple(sorted({c.named for c in found if c.mismatch}))
    if len(found) == 1:
        only = found[0]
        return Entry(student, (only.path,), only.time, only.time_source, (), tuple(notices), named)
    archives = all(c.path.is_file() and c.time_source != FILE_TIME for c in found)
    ordered = sorted(found, key=lambda c: c.time) if archives else []
    if not archives or ordered[-1].time == ordered[-2].time:
        return Entry(student, tuple(c.path for c in found), None, "", (), tuple(notices), named)
    latest, earlier = ordered[-1], ordered[:-1]
    notices.append(Feedback(CLASSROOM["superseded"].format(
        file=_entry_name(latest.path), time=f"{latest.time:%Y-%m-%d %H:%M:%S %Z}",
        others=", ".join(_entry_name(c.path) for c in earlier))))
    return Entry(student, (latest.path,), latest.time, latest.time_source, tuple(c.path for c in earlier),
                 tuple(notices), named)


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
