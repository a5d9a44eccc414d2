"""feedback.html in a real browser: headless Chromium (Debian package) photographs it at phone width."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
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
