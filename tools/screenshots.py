"""Screenshots of feedback.html in a real browser, for docs/screenshots/.

Four submissions, really graded by the kit: the lecture's solution (``grade
submit``: public checks and the accuracy run), its most common mistake,
``padding="valid"`` in the first convolution (graded as ``grade batch`` does,
hidden checks included, shown before the due date), the untouched stubs and a
syntax error (both as ``grade check`` grades them). Each report is rendered in
Korean and English and photographed with headless Chromium (Debian package
``chromium``) at desktop and phone width. Two models train for real (about a
minute each on a laptop CPU).

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--html-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.report.html import write_html
from grader.record.results import Report

DESKTOP = (1280, 7000)
PHONE = (390, 12000)
PALETTE_COLOURS = 160
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--force-device-scale-factor=1")
MISTAKE = ('strides=(1, 1), padding="same"', 'strides=(1, 1), padding="valid"')
"""The edit to solutions/cnn.py's first_conv that makes the typical mistake."""


# ------------------------------------------------------------------ the two submissions


SYNTAX = ("return tf.Variable(value, dtype=dtype)", "return (tf.Variable(value, dtype=dtype)")
"""The edit to solutions/tensors.py's make_variable that makes a syntax error (a bracket never closed)."""


def _edited(folder: Path, module: str, edit: tuple[str, str]) -> Path:
    for name in ("tensors", "cnn", "concepts"):
        text = (ROOT / "solutions" / f"{name}.py").read_text(encoding="utf-8")
        if name == module:
            assert edit[0] in text, f"solutions/{module}.py no longer has the line the edit changes"
            text = text.replace(*edit)
        (folder / f"{name}.py").write_text(text, encoding="utf-8")
    return folder


def build_reports() -> dict[str, Report]:
    """``correct`` (grade submit on the solution), ``mistake`` (grade batch on padding="valid"),
    ``stubs`` and ``syntax`` (grade check on the untouched exercises and on a missing bracket)."""
    from grader import config
    from grader.engine import grading

    course = config.load(ROOT)
    check = grading.Options(scope="public", include_slow=False, include_training=False)
    reports = {"correct": grading.grade(ROOT / "solutions", course,
                                        grading.Options(scope="public", student="20241234"))}
    with tempfile.TemporaryDirectory(prefix="tf-grade-mistake-") as tmp:
        reports["mistake"] = grading.grade(_edited(Path(tmp), "cnn", MISTAKE), course,
                                           grading.Options(scope="all", student="20245678"))
    reports["stubs"] = grading.grade(ROOT / "exercises", course, check)
    with tempfile.TemporaryDirectory(prefix="tf-grade-syntax-") as tmp:
        reports["syntax"] = grading.grade(_edited(Path(tmp), "tensors", SYNTAX), course, check)
    return reports


# ------------------------------------------------------------------ the browser


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("chromium not found: apt-get update && apt-get install -y chromium fonts-nanum")


def screenshot(html: Path, png: Path, size: tuple[int, int], keep_colours: int = PALETTE_COLOURS) -> Path:
    """Photograph ``html`` at ``size`` with headless Chromium; crop the empty bottom; save a small PNG."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="tf-grade-chromium-") as profile:
        raw = Path(profile) / "raw.png"
        command = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={raw}",
                   f"--window-size={size[0]},{size[1]}", html.resolve().as_uri()]
        subprocess.run(command, check=True, capture_output=True, timeout=120,
                       env={**os.environ, "HOME": profile})
        with Image.open(raw) as image:
            image = image.convert("RGB")
            image = image.crop((0, 0, image.width, _content_height(image)))
    png.parent.mkdir(parents=True, exist_ok=True)
    small = image.quantize(colors=keep_colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(png, optimize=True)
    return png


MEASURE = """<script>
(function () {
  var first = document.querySelector('.failure');
  var words = Array.prototype.slice.call(document.querySelectorAll('table.model code.layer, .fixes a'));
  var out = {
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
    first_failure: first ? first.getBoundingClientRect().top + window.scrollY : null,
    tables_scrolling: Array.prototype.slice.call(document.querySelectorAll('.scroll'))
      .filter(function (e) { return e.scrollWidth > e.clientWidth + 1; }).length,
    layer_names_broken: Array.prototype.slice.call(document.querySelectorAll('table.model code.layer'))
      .filter(function (e) { return e.getClientRects().length > 1; }).map(function (e) { return e.textContent; })
  };
  var pre = parent.document.createElement('pre');
  pre.id = 'tf-grade-measure';
  pre.textContent = JSON.stringify(out);
  parent.document.body.appendChild(pre);
})();
</script>"""
"""Layout facts a test asserts, read in the page by the browser (added to a copy, never to the report)."""


def measure(html: Path, size: tuple[int, int]) -> dict:
    """Lay ``html`` out at ``size`` in headless Chromium and return :data:`MEASURE`'s facts: the page's
    width and height, where the first failure starts (px from the top) and layer names split over lines.

    The page is laid out in a frame of exactly ``size`` (Chromium's window is never narrower than
    500 px, a phone is), so its media queries see a phone's width."""
    import json
    import re
    from html import escape, unescape

    page = html.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>")
    frame = (f'<!doctype html><html><body style="margin:0"><iframe style="border:0;width:{size[0]}px;'
             f'height:{size[1]}px" srcdoc="{escape(page, quote=True)}"></iframe></body></html>')
    with tempfile.TemporaryDirectory(prefix="tf-grade-chromium-") as profile:
        copy = Path(profile) / "frame.html"
        copy.write_text(frame, encoding="utf-8")
        command = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom",
                   f"--window-size={max(size[0], 800)},{size[1] + 100}", copy.as_uri()]
        done = subprocess.run(command, check=True, capture_output=True, timeout=120, text=True,
                              env={**os.environ, "HOME": profile})
    found = re.search(r'<pre id="tf-grade-measure">(.*?)</pre>', done.stdout, re.DOTALL)
    if found is None:
        raise RuntimeError("Chromium ran no script on the page")
    return json.loads(unescape(found.group(1)))


def _content_height(image, margin: int = 24) -> int:
    """The height down to the last row that differs from the page background, plus a margin."""
    background = image.getpixel((image.width - 1, image.height - 1))
    width = image.width
    pixels = image.load()
    for y in range(image.height - 1, -1, -1):
        if any(pixels[x, y] != background for x in range(0, width, 3)):
            return min(image.height, y + margin)
    return image.height


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--html-dir", type=Path, default=None, help="keep the rendered pages here")
    args = parser.parse_args(argv)

    reports = build_reports()
    with tempfile.TemporaryDirectory(prefix="tf-grade-pages-") as tmp:
        pages = args.html_dir or Path(tmp)
        pages.mkdir(parents=True, exist_ok=True)
        shots = []
        for name, report in reports.items():
            show_hidden = name != "mistake"  # the mistake is seen before the due date: hidden results held
            for lang in ("ko", "en"):
                page = write_html(pages / f"{name}-{lang}.html", report, lang, show_hidden=show_hidden)
                shots.append(screenshot(page, args.out / f"{name}-{lang}.png", DESKTOP))
                shots.append(screenshot(page, args.out / f"{name}-{lang}-phone.png", PHONE))
        for shot in shots:
            print(f"{shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot}  "
                  f"{shot.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
