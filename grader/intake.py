"""Loading a submission: a folder of ``.py`` files, a folder of notebooks, or a ``grade submit`` archive.

The result is plain source text per module plus notices for anything odd
(a missing module, a file that is not UTF-8, a broken notebook, an archive
whose manifest does not match). Nothing here runs submission code.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from grader.catalog import NOTICES
from grader.errors import KitError
from grader.messages import plain
from grader.results import Feedback

MODULES = ("tensors", "cnn", "concepts")
OPTIONAL_MODULES = ("project",)
"""Read when present; a submission without them is complete (the project part is graded on its own)."""
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ARCHIVE_BYTES = 20 * 1024 * 1024
MANIFEST = "manifest.json"


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


def collect(path: Path) -> Intake:
    """Read a submission folder or archive. :class:`KitError` only when there is nothing to grade."""
    path = Path(path)
    if not path.exists():
        raise KitError(f"{path} does not exist")
    if path.is_file():
        if zipfile.is_zipfile(path):
            return _from_archive(path)
        raise KitError(f"{path} is neither a folder nor a submission archive (.zip)")
    intake = Intake()
    found = {m: (path / f"{m}.py", path / f"{m}.ipynb") for m in (*MODULES, *OPTIONAL_MODULES)}
    if not any(p.exists() for pair in found.values() for p in pair):
        raise KitError(f"{path} holds none of {', '.join(m + '.py' for m in MODULES)} "
                       f"(or their .ipynb notebooks)")
    for module, (py, nb) in found.items():
        if py.is_file():
            if nb.exists():
                intake.notice("both-forms", module=module)
            _add(intake, module, py.name, _read(py))
        elif nb.is_file():
            intake.form = "ipynb"
            _add(intake, module, nb.name, _read(nb))
        elif module not in OPTIONAL_MODULES:
            intake.notice("module-missing", module=module)
    return intake


def _read(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(MAX_FILE_BYTES + 1)


def _add(intake: Intake, module: str, filename: str, data: bytes) -> None:
    intake.files[filename] = data
    if len(data) > MAX_FILE_BYTES:
        intake.notices.append(Feedback(plain(f"{filename}: larger than {MAX_FILE_BYTES} bytes; not graded")))
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        intake.notice("not-utf8", file=filename, detail=f"byte {exc.start}")
        return
    if filename.endswith(".ipynb"):
        from grader.content.notebooks import notebook_to_source

        try:
            notebook = json.loads(text)
            if not isinstance(notebook, dict):
                raise KitError(f"{filename}: not a valid notebook: not a JSON object")
            text = notebook_to_source(notebook)
        except ValueError as exc:
            intake.notice("bad-notebook", file=filename, detail=f"invalid JSON ({exc})"[:200])
            return
        except KitError as exc:
            intake.notice("bad-notebook", file=filename, detail=str(exc).split(": ", 1)[-1][:200])
            return
    intake.sources[module] = text


def _from_archive(path: Path) -> Intake:
    intake = Intake(form="archive")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = {}
            total = 0
            for info in archive.infolist():
                name = PurePosixPath(info.filename)
                if info.is_dir():
                    continue
                if name.is_absolute() or ".." in name.parts or "\\" in info.filename:
                    intake.notice("archive", file=path.name, detail=f"unsafe path {info.filename!r} ignored")
                    continue
                total += info.file_size
                if total > MAX_ARCHIVE_BYTES:
                    intake.notice("archive", file=path.name, detail="too large when unpacked; the rest ignored")
                    break
                entries[name.name] = archive.read(info)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
        intake.notice("archive", file=path.name, detail=f"corrupt ({exc})")
        return intake
    manifest = None
    if MANIFEST in entries:
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
    for module in (*MODULES, *OPTIONAL_MODULES):
        for suffix in (".py", ".ipynb"):
            if f"{module}{suffix}" in entries:
                _add(intake, module, f"{module}{suffix}", entries[f"{module}{suffix}"])
                break
        else:
            if module not in OPTIONAL_MODULES:
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
