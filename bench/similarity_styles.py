"""``grade similarity`` on the kit's corpus of independent correct styles: where honest students land (issue 24).

    .venv/bin/python bench/similarity_styles.py [--copies 2]

A class of honest students: the lecture's solutions and every case of ``tests/kit/grading/styles``
(correct work written the ways students write it; each scores 100/100), built as the grading
corpus builds them (the two that are the solutions again, as an archive and as notebooks, left out), plus ``--copies`` students who handed in another student's work verbatim.
It prints, for the kit's comparison (stubs blanked, the class's common idioms left out, a fixed
hash) and for the baseline in the same process (copydetect as the kit used it before: the stubs'
fingerprints as boilerplate, nothing else), the share of shared code per pair: highest, 90th
percentile, median, the pairs and honest students at or above ``FLAG_SHARE``, whether the copies
are flagged, and whether two processes with different hash seeds give the same numbers. Nothing
here is a test: it prints figures for docs/instructor.md.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "kit" / "batch")]

from grader import config
from grader.batch.similarity import FLAG_SHARE, compare
from grader.engine.intake import Expected, collect

STYLES = ROOT / "tests" / "kit" / "grading" / "styles"
COURSE = config.load(ROOT)
MODULES = COURSE.required_modules


def honest_class(folder: Path) -> dict[str, dict[str, str]]:
    """Student → module → source: the solutions and every style case, as graded (notebooks converted)."""
    from classroom import build_student

    sources = {"solutions": {m: (ROOT / "solutions" / f"{m}.py").read_text(encoding="utf-8") for m in MODULES}}
    for case in sorted(p.name for p in STYLES.iterdir() if p.is_dir()):
        if (STYLES / case / "BASE").exists():  # the solutions again, as an archive or notebooks: not independent
            continue
        entry = build_student(folder / case, case, {}, STYLES)
        sources[case] = dict(collect(entry, Expected.of(COURSE)).sources)
    return sources


def stubs() -> dict[str, str]:
    return {m: (ROOT / "exercises" / f"{m}.py").read_text(encoding="utf-8") for m in MODULES}


def baseline(sources: dict[str, dict[str, str]], given: dict[str, str]) -> list[tuple[str, str, float]]:
    """The kit's comparison before issue 24: copydetect's own hash, the stubs' fingerprints as boilerplate."""
    from copydetect import CodeFingerprint, compare_files

    def fingerprint(text, boilerplate=None):
        return CodeFingerprint("submission.py", 25, 6, boilerplate=boilerplate, language="python",
                               fp=io.StringIO(text))

    boiler = {m: sorted(fingerprint(t).hashes) for m, t in given.items()}
    prints = {s: {m: fingerprint(t, boiler.get(m)) for m, t in mods.items()} for s, mods in sources.items()}
    out = []
    for a, b in itertools.combinations(sorted(prints), 2):
        shares = [max(compare_files(prints[a][m], prints[b][m])[1]) for m in MODULES
                  if m in prints[a] and m in prints[b]]
        out.append((a, b, float(max(shares, default=0.0))))
    return out


def figures(name: str, pairs: list[tuple[str, str, float]], copies: set[str]) -> None:
    honest = [(a, b, s) for a, b, s in pairs if not ({a, b} & copies)]
    shares = sorted(s for _, _, s in honest)
    flagged = [(a, b, s) for a, b, s in honest if s >= FLAG_SHARE]
    students = {x for a, b, _ in flagged for x in (a, b)}
    everyone = {x for a, b, _ in honest for x in (a, b)}
    caught = [s for a, b, s in pairs if {a, b} & copies and any(a == c.split("-copy-of-")[1] or b == c.split(
        "-copy-of-")[1] for c in copies if c in (a, b))]
    print(f"{name}: {len(everyone)} honest students, {len(honest)} pairs; shared code per pair: highest "
          f"{100 * shares[-1]:.0f}%, 90th percentile {100 * shares[int(0.9 * (len(shares) - 1))]:.0f}%, median "
          f"{100 * statistics.median(shares):.0f}%")
    print(f"  at or above {100 * FLAG_SHARE:.0f}%: {len(flagged)} honest pairs, {len(students)} of {len(everyone)} "
          f"honest students in one; copies found at {', '.join(f'{100 * s:.0f}%' for s in caught) or '-'}")
    if len(flagged) <= 5:
        for a, b, s in flagged:
            print(f"    {a} · {b}: {100 * s:.0f}%")


def in_child(seed: str, data: Path) -> list:
    """The kit's comparison in a fresh process with ``PYTHONHASHSEED=seed``."""
    code = (f"import json,sys; sys.path.insert(0, {str(ROOT)!r}); from grader.batch.similarity import compare; "
            f"d=json.load(open({str(data)!r})); print(json.dumps([(p.first, p.second, p.shares) for p in "
            "compare(d['sources'], d['stubs'])]))")
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed},
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tf-grade-similarity-") as tmp:
        sources = honest_class(Path(tmp))
        names = sorted(n for n in sources if n != "solutions")
        copies = set()
        for i in range(args.copies):
            original = names[(5 * i) % len(names)]
            copy = f"z{i}-copy-of-{original}"
            sources[copy] = dict(sources[original])
            copies.add(copy)
        given = stubs()
        kit = [(p.first, p.second, p.share) for p in compare(sources, given)]
        figures("kit (stubs blanked, common idioms left out, fixed hash)", kit, copies)
        figures("baseline (copydetect's hash, stub fingerprints only)", baseline(sources, given), copies)
        data = Path(tmp) / "class.json"
        data.write_text(json.dumps({"sources": sources, "stubs": given}), encoding="utf-8")
        same = in_child("1", data) == in_child("2", data)
        print(f"two processes, PYTHONHASHSEED 1 and 2: {'the same numbers' if same else 'DIFFERENT numbers'}")


if __name__ == "__main__":
    main()
