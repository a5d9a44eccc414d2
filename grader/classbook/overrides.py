"""``OUT_DIR/overrides.csv``: grades an instructor sets by hand, kept across every resume and regrade.

One row per change, with the header ``student,check,points,reason``:

- ``check`` is a check's stable id, the heading of its ``grades.csv`` column
  (``cnn.first_conv.layer``), its full title, or ``total``;
- ``points`` is what the student gets for that check (between 0 and its
  maximum) or, for ``total``, the final total (after the late policy);
- ``reason`` is shown to the student in their feedback.

The batch writes the file with its header only when it is missing; it reads it
again on every run and applies it after grading. A row that cannot be applied
is an error naming its line, before anything is graded.

Before checks had ids, columns were numbered by position (``cnn.first_conv.1``,
the first check of ``cnn.first_conv`` in ``course.toml``), so inserting a check
moved every override after it. A file still holding such ids is rewritten once
with the stable ids (:func:`migrate_positional_ids`; the old file is kept beside
it), and the batch says so.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from grader.catalog.errors import ERRORS
from grader.errors import KitError
from grader.record.atomic import write_atomic
from grader.record.scoring import TOTAL, Override  # noqa: F401  (a row of the file is the scoring pass's own type)

OVERRIDES_FILE = "overrides.csv"
POSITIONAL_BACKUP = "overrides.positional-ids.csv"
POSITIONAL = re.compile(r"[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*\.[0-9]+")
"""An id of the old numbered kind (``cnn.first_conv.1``); stable ids never end in a number part."""
HEADER = ("student", "check", "points", "reason")


def ensure_file(out_dir: Path) -> Path:
    """``overrides.csv`` with its header, written only when there is none."""
    path = Path(out_dir) / OVERRIDES_FILE
    if not path.exists():
        write_atomic(path, ",".join(HEADER) + "\n")
    return path


def positional_ids(check_ids: list[str]) -> dict[str, str]:
    """The old numbered column id → the stable id, numbering each function's checks in the order given
    (``course.toml``'s), as ``grades.csv`` did before checks had ids."""
    found: dict[str, str] = {}
    counts: dict[str, int] = {}
    for check_id in check_ids:
        function = check_id.rsplit(".", 1)[0]
        counts[function] = counts.get(function, 0) + 1
        found[f"{function}.{counts[function]}"] = check_id
    return found


def migrate_positional_ids(out_dir: Path, legacy: dict[str, str]) -> int:
    """Rewrite ``overrides.csv`` once, its old numbered ids (``cnn.first_conv.1``) replaced by the stable
    ids they meant (``legacy``, from :func:`positional_ids`); the file as it was is kept as
    ``overrides.positional-ids.csv``. The number of rows rewritten (0: nothing to do)."""
    path = Path(out_dir) / OVERRIDES_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 0  # load_overrides says what is wrong with it
    rows = list(csv.reader(io.StringIO(text)))
    moved = 0
    for row in rows[1:]:
        if len(row) > 1 and POSITIONAL.fullmatch(row[1].strip()) and row[1].strip() in legacy:
            row[1] = legacy[row[1].strip()]
            moved += 1
    if moved:
        write_atomic(Path(out_dir) / POSITIONAL_BACKUP, text)
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows(rows)
        write_atomic(path, buffer.getvalue())
    return moved


def load_overrides(out_dir: Path, points: dict[str, float], titles: dict[str, str]) -> dict[str, list[Override]]:
    """Student → their overrides, in file order. ``points``: check id → maximum; ``titles``: a check's
    full title → its id (both spellings are accepted in the file)."""
    path = Path(out_dir) / OVERRIDES_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise KitError(ERRORS["overrides-encoding"].format(path=path, detail=exc)) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return {}
    header = [cell.strip().lower() for cell in rows[0]]
    if header[:3] != list(HEADER[:3]):
        raise KitError(ERRORS["overrides-header"].format(path=path, header=",".join(HEADER)))
    found: dict[str, list[Override]] = {}
    seen: dict[tuple[str, str], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [cell.strip() for cell in row] + [""] * 4
        student, target, value, reason = cells[0], cells[1], cells[2], ",".join(row[3:]).strip()
        where = ERRORS["overrides-where"].format(path=path, line=number)
        if not student:
            raise KitError(ERRORS["overrides-no-student"].format(where=where))
        check_id = _target(target, points, titles)
        if check_id is None:
            raise KitError(ERRORS["overrides-target"].format(where=where, target=repr(target),
                                                             example=next(iter(points), "module.function.id")))
        try:
            amount = float(value)
        except ValueError:
            raise KitError(ERRORS["overrides-number"].format(where=where, value=repr(value))) from None
        top = sum(points.values()) if check_id == TOTAL else points[check_id]
        if not 0 <= amount <= top:
            raise KitError(ERRORS["overrides-range"].format(where=where, top=top, value=value))
        if (student, check_id) in seen:
            raise KitError(ERRORS["overrides-twice"].format(where=where, student=student, target=target,
                                                            first=seen[(student, check_id)]))
        seen[(student, check_id)] = number
        found.setdefault(student, []).append(Override(student, check_id, amount, reason, number))
    return found


def _target(target: str, points: dict[str, float], titles: dict[str, str]) -> str | None:
    if target.lower() == TOTAL:
        return TOTAL
    if target in points:
        return target
    return titles.get(target)
