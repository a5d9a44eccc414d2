"""``grade similarity OUT_DIR``: which submissions of a class look alike, for a person to look at.

Each student's modules (notebooks converted to source, as graded) are
fingerprinted with copydetect (winnowing over tokens, so renamed variables and
moved whitespace do not hide a copy). What does not count:

- the handed-out stubs: every line of a student's module that is a line of the stub (docstrings,
  signatures, comments) is blanked before fingerprinting, and the stub's own fingerprints are
  boilerplate, so nothing straddles the handout;
- what most of the class wrote alike (MOSS's ``-m``): a fingerprint found in at least
  :data:`COMMON_SHARE` of the students' versions of a module (and at least :data:`COMMON_MIN` of
  them) is the lecture's idiom, not a copy (``return tf.matmul(a, b)``).

The same data gives the same numbers: copydetect hashes k-grams with Python's ``hash()``, which
changes from one process to the next, so the fingerprints here use a fixed hash (BLAKE2b).
Pairs are ranked by the share of their own code they have in common, and ``OUT_DIR/similarity.html``
shows the most similar pairs with the shared code marked. It is a signal, never a score change:
nothing here touches a grade.

The batch folder is the one the last ``grade batch`` into ``OUT_DIR`` read
(:func:`grader.batch.outputs.batch_source`), unless one is given.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from grader.catalog.errors import ERRORS
from grader.engine.intake import Expected
from grader.errors import KitError
from grader.record.atomic import write_atomic
from grader.report import similarity_page
from grader.report.class_report import SIMILARITY_PAGE
from grader.report.similarity_page import MARK_END, MARK_START

REPORT_FILE = SIMILARITY_PAGE
NOISE_TOKENS = 25
"""copydetect's noise threshold: shared runs shorter than this many tokens are ignored."""
GUARANTEE_TOKENS = 30
"""copydetect's guarantee threshold: shared runs this long are always found."""
FLAG_SHARE = 0.5
"""A pair sharing at least this share of their own code is marked for a look (measured on the kit's
corpus of independent correct styles: ``bench/similarity_styles.py``)."""
COMMON_SHARE = 0.25
"""A fingerprint in at least this share of the students' versions of a module is the class's common idiom."""
COMMON_MIN = 3
"""... and in at least this many of them (so the one pair of a small class is never its own idiom)."""


@dataclass
class Pair:
    """Two students and what they share, per module."""

    first: str
    second: str
    shares: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Module → (share of the first's code, share of the second's) found in the other."""
    marked: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Module → both sources as HTML with the shared code marked."""

    @property
    def share(self) -> float:
        """The larger of the two shares, over all modules (the number a reader sorts by)."""
        return max((max(a, b) for a, b in self.shares.values()), default=0.0)


def class_sources(batch_dir: Path, out_dir: Path, id_pattern: str | None = None,
                  expected: Expected | None = None) -> dict[str, dict[str, str]]:
    """Student → module → source, for the entry each student was graded on (conflicts left out)."""
    from grader.classbook.entries import find_entries

    if not Path(batch_dir).is_dir():
        raise KitError(ERRORS["not-submissions-folder"].format(folder=batch_dir))
    room = find_entries(batch_dir, out_dir, "en", id_pattern, modules=expected.modules if expected else ())
    sources = {}
    for student, entry in sorted(room.entries.items()):
        if len(entry.paths) != 1:
            continue
        try:
            intake = entry.collect(expected=expected)
        except (KitError, OSError):
            continue
        if intake.sources:
            sources[student] = dict(intake.sources)
    return sources


def compare(sources: dict[str, dict[str, str]], stubs: dict[str, str]) -> list[Pair]:
    """Every pair of students, most similar first; the same sources give the same pairs and numbers."""
    from copydetect import compare_files
    from copydetect.utils import highlight_overlap

    with _stable_hashes():
        own = {s: {m: own_code(text, stubs.get(m, "")) for m, text in mods.items()} for s, mods in sources.items()}
        stub_prints = {m: sorted(_fingerprint(text).hashes) for m, text in stubs.items()}
        first_pass = {s: {m: _fingerprint(text, stub_prints.get(m)) for m, text in mods.items()}
                      for s, mods in own.items()}
        modules = sorted({m for mods in own.values() for m in mods})
        boiler = {m: sorted({*stub_prints.get(m, []), *common_hashes(first_pass, m)}) for m in modules}
        prints = {s: {m: _fingerprint(text, boiler[m] or None) for m, text in mods.items()}
                  for s, mods in own.items()}
    pairs = []
    for first, second in itertools.combinations(sorted(prints), 2):
        pair = Pair(first, second)
        for module in sorted(set(prints[first]) & set(prints[second])):
            a, b = prints[first].get(module), prints[second].get(module)
            if a is None or b is None:
                continue
            _, shares, slices = compare_files(a, b)
            pair.shares[module] = (float(shares[0]), float(shares[1]))
            if max(shares) > 0:
                pair.marked[module] = (
                    highlight_overlap(a.raw_code, slices[0], MARK_START, MARK_END, escape_html=False)[0],
                    highlight_overlap(b.raw_code, slices[1], MARK_START, MARK_END, escape_html=False)[0])
        pairs.append(pair)
    return sorted(pairs, key=lambda p: (-p.share, p.first, p.second))


def own_code(source: str, stub: str) -> str:
    """``source`` with every line that is a line of the handed-out ``stub`` blanked (line numbers kept)."""
    given = {line.strip() for line in stub.splitlines() if line.strip()}
    return "\n".join("" if line.strip() in given else line for line in source.splitlines())


def common_hashes(prints: dict[str, dict], module: str) -> set:
    """Fingerprints of ``module`` that at least :data:`COMMON_SHARE` (and :data:`COMMON_MIN`) of the students share."""
    versions = [mods[module] for mods in prints.values() if module in mods]
    needed = max(COMMON_MIN, math.ceil(COMMON_SHARE * len(versions)))
    counts = Counter(h for fingerprint in versions for h in set(fingerprint.hashes))
    return {h for h, count in counts.items() if count >= needed}


def _fingerprint(text: str, boilerplate=None):
    from copydetect import CodeFingerprint

    return CodeFingerprint("submission.py", NOISE_TOKENS, GUARANTEE_TOKENS - NOISE_TOKENS + 1,
                           boilerplate=boilerplate, language="python", fp=io.StringIO(text))


def stable_kgram_hashes(string: str, k: int):
    """copydetect's ``hashed_kgrams`` with a hash that is the same in every process (BLAKE2b, 8 bytes)."""
    import numpy as np

    return np.array([int.from_bytes(hashlib.blake2b(string[i:i + k].encode("utf-8", "surrogatepass"),
                                                    digest_size=8).digest(), "little", signed=True)
                     for i in range(len(string) - k + 1)], dtype=np.int64)


@contextlib.contextmanager
def _stable_hashes():
    """copydetect fingerprints with :func:`stable_kgram_hashes` while the block runs (then as it was)."""
    from copydetect import utils

    before = utils.hashed_kgrams
    utils.hashed_kgrams = stable_kgram_hashes
    try:
        yield
    finally:
        utils.hashed_kgrams = before


def similarity_report(out_dir: Path, course, batch_dir: Path | None = None, lang: str = "ko",
                      top: int = 20) -> tuple[Path, list[Pair]]:
    """Compare the class graded into ``out_dir`` and write ``OUT_DIR/similarity.html``; the path and the pairs."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise KitError(ERRORS["out-missing"].format(folder=out_dir))
    id_pattern = None
    if batch_dir is None:
        from grader.batch.outputs import batch_source

        source = batch_source(out_dir)
        batch_dir, id_pattern = Path(source["batch_dir"]), source.get("id_pattern") or None
    sources = class_sources(batch_dir, out_dir, id_pattern, Expected.of(course))
    stubs = {}
    for module in course.modules:
        stub = course.root / "exercises" / f"{module}.py"
        if stub.is_file():
            stubs[module] = stub.read_text(encoding="utf-8")
    pairs = compare(sources, stubs)
    path = write_atomic(out_dir / REPORT_FILE, render(pairs[:top], len(sources), len(pairs), lang, course.modules))
    return path, pairs


def render(pairs: list[Pair], students: int, compared: int, lang: str, modules: tuple[str, ...] = ()) -> str:
    """The page (:mod:`grader.report.similarity_page`): a table of pairs, then each pair's modules side by side
    with the shared code marked. ``modules``: the course's, in order (default: those the pairs compared)."""
    modules = list(modules) or sorted({m for pair in pairs for m in pair.shares})
    rows = [{"first": pair.first, "second": pair.second, "percent": round(100 * pair.share),
             "cells": [_percent(pair.shares[m]) if m in pair.shares else "-" for m in modules],
             "flag": pair.share >= FLAG_SHARE,
             "modules": [{"name": module, "percent": _percent(pair.shares[module]),
                          "sides": [similarity_page.segments(left), similarity_page.segments(right)]}
                         for module, (left, right) in pair.marked.items()]}
            for pair in pairs]
    return similarity_page.render(rows, students, compared, lang, modules)


def _percent(shares: tuple[float, float]) -> str:
    return f"{round(100 * shares[0])}% / {round(100 * shares[1])}%"
