"""Loading a submission: a folder of ``.py`` files, a folder of notebooks, or a ``grade submit`` archive.

The result is plain source text per module plus notices for anything odd
(a missing module, a file that is not UTF-8, a broken notebook, an archive
whose manifest does not match). Nothing here runs submission code.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from grader.catalog.errors import ERRORS
from grader.catalog.student import NOT_READ_KINDS, NOTICES
from grader.errors import KitError
from grader.messages import Text
from grader.record.results import Feedback

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ARCHIVE_BYTES = 20 * 1024 * 1024
MAX_ARCHIVE_ENTRIES = 200
"""An archive with more entries, or more bytes unpacked (as its directory declares), is not read at all."""
MANIFEST = "manifest.json"
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)


@dataclass(frozen=True)
class Expected:
    """The modules a submission should hold: a course's parts (:meth:`of`)."""

    required: tuple[str, ...]
    """A missing one is a notice (and its checks score 0)."""
    optional: tuple[str, ...] = ()
    """Read when present; a submission without them is complete (graded on their own)."""

    @classmethod
    def of(cls, course) -> "Expected":
        """What ``course`` (:class:`grader.config.Course`) declares in ``[[parts]]``."""
        return cls(course.required_modules, tuple(m for m in course.modules if m not in course.required_modules))

    @property
    def modules(self) -> tuple[str, ...]:
        return (*self.required, *self.optional)


def modules_in(names) -> tuple[str, ...]:
    """The module names among file names (``x.py``, ``x.ipynb``), for a submission read without a course."""
    stems = {Path(n).stem for n in names if Path(n).suffix in (".py", ".ipynb")}
    return tuple(sorted(s for s in stems if s.isidentifier()))


@dataclass
class Intake:
    """What a submission holds, as text, before anything runs."""

    sources: dict[str, str] = field(default_factory=dict)
    """Module name → Python source (notebooks already converted)."""
    files: dict[str, bytes] = field(default_factory=dict)
    """Original file name → bytes, for hashing and archiving."""
    notices: list[Feedback] = field(default_factory=list)
    form: str = "py"
    """``py``, ``ipynb`` or ``archive``."""

    def notice(self, key: str, **values) -> None:
        self.notices.append(Feedback(NOTICES[key].format(**values)))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_hash(intake: Intake) -> str:
    """One hash of everything the submission holds (for the regrade cache)."""
    digest = hashlib.sha256()
    for name in sorted(intake.files):
        digest.update(name.encode() + b"\0" + sha256(intake.files[name]).encode() + b"\0")
    return digest.hexdigest()


def collect(path: Path, expected: Expected | None = None) -> Intake:
    """Read a submission folder or archive: the ``expected`` modules (a course's, :meth:`Expected.of`), or
    without it every module file found. :class:`KitError` only when there is nothing to grade."""
    path = Path(path)
    if path.is_symlink():  # the entry itself: a link to somebody else's folder or to the solutions
        intake = Intake()
        _refuse(intake, path.name, "link")
        return intake
    if not path.exists():
        raise KitError(ERRORS["submission-missing"].format(path=path))
    if path.is_file():
        if zipfile.is_zipfile(path):
            return _from_archive(path, expected)
        raise KitError(ERRORS["not-folder-or-zip"].format(path=path))
    expected = expected or Expected((), modules_in(p.name for p in path.iterdir()))
    found = {m: (path / f"{m}.py", path / f"{m}.ipynb") for m in expected.modules}
    return _from_files(found, path, expected)


def collect_named(files: dict[str, Path], where: Path, expected: Expected | None = None) -> Intake:
    """A submission handed in as loose files under other names (an LMS's flat bulk download): the kit's
    file name (``<module>.py``) → the file. :class:`KitError` when none of them is a module."""
    expected = expected or Expected((), modules_in(files))
    found = {m: (files.get(f"{m}.py"), files.get(f"{m}.ipynb")) for m in expected.modules}
    return _from_files(found, where, expected)


def _from_files(found: dict[str, tuple[Path | None, Path | None]], path: Path, expected: Expected) -> Intake:
    intake = Intake()
    kinds = {p: _kind(p) for pair in found.values() for p in pair if p is not None}
    kinds[None] = None
    if not any(kinds.values()):
        raise KitError(ERRORS["no-modules"].format(
            path=path, files=", ".join(m + ".py" for m in expected.required or expected.modules) or "*.py"))
    for module, (py, nb) in found.items():
        chosen = py if kinds[py] else nb if kinds[nb] else None
        if chosen is None:
            if module not in expected.required:
                continue
            intake.notice("module-missing", module=module)
            continue
        if chosen is py and kinds[nb]:
            intake.notice("both-forms", module=module)
        data = _read_regular(chosen) if kinds[chosen] == "regular" else None
        if data is None:
            _refuse(intake, chosen.name, kinds[chosen] if kinds[chosen] != "regular" else "other")
            intake.notice("module-missing", module=module)
            continue
        if chosen is nb:
            intake.form = "ipynb"
        _add(intake, module, f"{module}.py" if chosen is py else f"{module}.ipynb", data)
    return intake


def _refuse(intake: Intake, file: str, kind: str) -> None:
    intake.notices.append(Feedback(NOTICES["not-regular"].format(file=file, what=NOT_READ_KINDS[kind])))


def _kind(path: Path) -> str | None:
    """``regular``, ``link``, ``hard-link`` or ``other`` for what is at ``path`` (never followed); None if nothing."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(info.st_mode):
        return "link"
    if not stat.S_ISREG(info.st_mode):
        return "other"
    return "regular" if info.st_nlink == 1 else "hard-link"


def _read_regular(path: Path) -> bytes | None:
    """The first bytes of a regular file with no other name, opened without following a link or
    blocking (a FIFO put there in the meantime is refused, not waited on); None otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | NOFOLLOW | NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
            return None
        return fh.read(MAX_FILE_BYTES + 1)


def _add(intake: Intake, module: str, filename: str, data: bytes) -> None:
    intake.files[filename] = data
    if len(data) > MAX_FILE_BYTES:
        intake.notice("too-large", file=filename, limit=MAX_FILE_BYTES)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        intake.notice("not-utf8", file=filename, detail=f"byte {exc.start}")
        return
    if filename.endswith(".ipynb"):
        from grader.engine.notebooks import NotebookError, notebook_to_source, parse_notebook

        try:
            text = notebook_to_source(parse_notebook(text, filename))
        except NotebookError as exc:
            intake.notice("bad-notebook", file=filename, detail=Text(exc.reason.ko[:200], exc.reason.en[:200]))
            return
    intake.sources[module] = text


def _from_archive(path: Path, expected: Expected | None) -> Intake:
    intake = Intake(form="archive")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ARCHIVE_ENTRIES:
                intake.notice("archive", file=path.name,
                              detail=f"{len(infos)} entries (at most {MAX_ARCHIVE_ENTRIES}); nothing was read")
                return intake
            declared = sum(info.file_size for info in infos if not info.is_dir())
            if declared > MAX_ARCHIVE_BYTES:
                intake.notice("archive", file=path.name, detail=f"{declared} bytes when unpacked (at most "
                              f"{MAX_ARCHIVE_BYTES}); nothing was read")
                return intake
            entries = {}
            for info in infos:
                name = PurePosixPath(info.filename)
                if info.is_dir():
                    continue
                if name.is_absolute() or ".." in name.parts or "\\" in info.filename:
                    intake.notice("archive", file=path.name, detail=f"unsafe path {info.filename!r} ignored")
                    continue
                kind = stat.S_IFMT(info.external_attr >> 16)
                if kind and kind != stat.S_IFREG:
                    _refuse(intake, info.filename, "link" if kind == stat.S_IFLNK else "other")
                    continue
                if info.filename in entries:
                    intake.notice("archive", file=path.name, detail=f"{info.filename} appears twice; not graded")
                    entries[info.filename] = None
                    continue
                entries[info.filename] = archive.read(info)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
        intake.notice("archive", file=path.name, detail=f"corrupt ({exc})")
        return intake
    manifest = None
    if entries.get(MANIFEST) is not None:
        try:
            manifest = json.loads(entries.pop(MANIFEST))
        except (ValueError, UnicodeDecodeError):
            intake.notice("archive", file=path.name, detail="manifest.json is not valid JSON")
    else:
        intake.notice("archive", file=path.name, detail="no manifest.json")
    if isinstance(manifest, dict) and isinstance(manifest.get("files"), dict):
        for name, digest in manifest["files"].items():
            if name not in entries:
                intake.notice("archive", file=path.name, detail=f"{name} is listed but missing")
            elif sha256(entries[name]) != digest:
                intake.notice("archive", file=path.name, detail=f"{name} does not match its manifest hash")
    expected = expected or Expected((), modules_in(PurePosixPath(n).name for n in entries))
    for module in expected.modules:
        for suffix in (".py", ".ipynb"):
            # Keyed by full path: two <module>.py at different depths is a conflict, not "last one wins".
            found = sorted(n for n in entries if PurePosixPath(n).name == f"{module}{suffix}")
            if len(found) > 1:
                intake.notice("archive", file=path.name,
                              detail=f"{module}{suffix} appears more than once ({', '.join(found)}); not graded")
                intake.notice("module-missing", module=module)
                break
            if found and entries[found[0]] is not None:
                _add(intake, module, found[0], entries[found[0]])
                break
            if found:
                intake.notice("module-missing", module=module)
                break
        else:
            if module in expected.required:
                intake.notice("module-missing", module=module)
    return intake


def write_archive(intake: Intake, target: Path, meta: dict) -> Path:
    """Write a submission archive: the files plus a manifest of their sha256."""
    manifest = {**meta, "files": {name: sha256(data) for name, data in sorted(intake.files.items())}}
    tmp = target.with_suffix(target.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(intake.files.items()):
            archive.writestr(name, data)
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
    tmp.replace(target)
    return target
