"""feedback.html in a real browser: headless Chromium (Debian package) photographs it at phone width."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
import report_samples
from report_samples import mistake

from grader.report.html import write_html

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)


def _screenshots_tool():
    spec = importlib.util.spec_from_file_location("tf_grade_screenshots", ROOT / "tools" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium)")
def test_phone_width_page_renders(tmp_path):
    """Does Chromium render the Korean mistake report at phone width into a tall, non-blank picture?"""
    from PIL import Image

    page = write_html(tmp_path / "feedback.html", mistake(), "ko", show_hidden=False)
    png = _screenshots_tool().screenshot(page, tmp_path / "phone.png", (390, 9000))
    with Image.open(png) as image:
        assert image.width == 390
        assert 2000 < image.height < 9000  # cropped to the content, which is long on a phone
        assert len(image.convert("RGB").getcolors(maxcolors=4096) or []) > 10


DESKTOP = (1280, 900)
PHONE = (390, 844)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium)")
@pytest.mark.parametrize("sample", ["mistake", "stubs", "syntax"])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_first_failure_is_on_the_first_screen(tmp_path, sample, lang):
    """At 1280 px wide, does the first thing to fix start within the first 900 px, on a page that never
    scrolls sideways? And does the untouched-stub page fit about one screen?"""
    report = getattr(report_samples, sample)()
    page = write_html(tmp_path / "feedback.html", report, lang, show_hidden=sample != "mistake")
    facts = _screenshots_tool().measure(page, DESKTOP)
    assert facts["first_failure"] is not None and facts["first_failure"] <= 900, facts
    assert facts["width"] <= DESKTOP[0]
    if sample == "stubs":
        assert facts["height"] <= 1000, facts


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium)")
def test_phone_model_table_keeps_words_whole(tmp_path):
    """At phone width, is the model comparison one table that fits without sideways scrolling, with
    no layer name broken across lines?"""
    page = write_html(tmp_path / "feedback.html", mistake(), "ko", show_hidden=False)
    facts = _screenshots_tool().measure(page, PHONE)
    assert facts["width"] == PHONE[0], facts
    assert facts["tables_scrolling"] == 0 and facts["layer_names_broken"] == [], facts
    assert facts["first_failure"] <= PHONE[1], facts
