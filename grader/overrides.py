"""``OUT_DIR/overrides.csv``: grades an instructor sets by hand, kept across every resume and regrade.

One row per change, with the header ``student,check,points,reason``:

- ``check`` is a check's full name, its short column id from ``grades.csv``
  (``cnn.first_conv.1``), or ``total``;
- ``points`` is what the student gets for that check (between 0 and its
  maximum) or, for ``total``, the final total (after the late policy);
- ``reason`` is shown to the student in their feedback.

The batch writes the file with its header only when it is missing and never
rewrites it; it reads it again on every run and applies it after grading. A
row that cannot be applied is an error naming its line, before anything is
graded.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from grader.catalog.errors import ERRORS
from grader.errors import KitError
from grader.report.atomic import write_atomic

OVERRIDES_FILE = "overrides.csv"
HEADER = ("student", "check", "points", "reason")
TOTAL = "total"


@dataclass(frozen=True)
class Override:
    """One row of ``overrides.csv``."""

    student: str
    check: str
    """A full check name, or ``total``."""
    points: float
    reason: str
    line: int


def ensure_file(out_dir: Path) -> Path:
    """``overrides.csv`` with its header, written only when there is none."""
    path = Path(out_dir) / OVERRIDES_FILE
    if not path.exists():
        write_atomic(path, ",".join(HEADER) + "\n")
    return path


def load_overrides(out_dir: Path, points: dict[str, float], ids: dict[str, str]) -> dict[str, list[Override]]:
    """Student → their overrides, in file order. ``points``: check name → maximum; ``ids``: short id → name."""
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
        name = _target(target, points, ids)
        if name is None:
            raise KitError(ERRORS["overrides-target"].format(where=where, target=repr(target),
                                                             example=next(iter(ids), "cnn.first_conv.1")))
        try:
            amount = float(value)
        except ValueError:
            raise KitError(ERRORS["overrides-number"].format(where=where, value=repr(value))) from None
        top = sum(points.values()) if name == TOTAL else points[name]
        if not 0 <= amount <= top:
            raise KitError(ERRORS["overrides-range"].format(where=where, top=top, value=value))
        if (student, name) in seen:
            raise KitError(ERRORS["overrides-twice"].format(where=where, student=student, target=target,
                                                            first=seen[(student, name)]))
        seen[(student, name)] = number
        found.setdefault(student, []).append(Override(student, name, amount, reason, number))
    return found


def _target(target: str, points: dict[str, float], ids: dict[str, str]) -> str | None:
    if target.lower() == TOTAL:
        return TOTAL
    if target in points:
        return target
    return ids.get(target)
