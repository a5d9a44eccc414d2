"""grader.report.pictures: PNG pictures with Korean labels, and no crash on missing data."""

from __future__ import annotations

import io
import warnings

import matplotlib
import pytest
from PIL import Image
from report_samples import LECTURE, artifacts

from grader.report import pictures

PNG = b"\x89PNG\r\n\x1a\n"


def test_korean_font_comes_from_koreanize_matplotlib():
    """Is NanumGothic, shipped in the koreanize-matplotlib wheel, registered with matplotlib?"""
    from matplotlib import font_manager

    assert pictures.korean_font() == "NanumGothic"
    # the wheel's own file is registered (a machine may have Debian's fonts-nanum too: findfont picks either)
    paths = [f.fname for f in font_manager.fontManager.ttflist if f.name == "NanumGothic"]
    assert any(p.endswith("NanumGothic.ttf") and "koreanize_matplotlib" in p for p in paths), paths
    assert pictures.picture_lang("ko") == "ko"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_each_picture_draws_without_warnings(lang):
    """Do the curve, confusion matrix and digit grid draw as PNGs, with no missing-glyph warning?"""
    data = artifacts(LECTURE)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        drawn = [pictures.training_curve(data["history"], lang, "loss"),
                 pictures.training_curve(data["history"], lang, "accuracy"),
                 pictures.confusion_matrix(data["confusion"], lang),
                 *(png for png, _, _ in pictures.misclassified(data["misclassified"]))]
    assert len(drawn) == 3 + 7
    for png in drawn:
        assert png is not None and png.startswith(PNG)


def test_global_matplotlib_settings_untouched():
    """Does drawing leave matplotlib's global settings (font family, minus sign) as they were?"""
    before = (list(matplotlib.rcParams["font.family"]), matplotlib.rcParams["axes.unicode_minus"])
    pictures.training_curve({"loss": [1.0, 0.5]}, "ko")
    assert (list(matplotlib.rcParams["font.family"]), matplotlib.rcParams["axes.unicode_minus"]) == before


@pytest.mark.parametrize("bad", [None, {}, [], "text", {"loss": []}, {"loss": ["a"]}, {"loss": [float("nan")]}])
def test_no_curve_without_a_history(bad):
    """Is an absent or malformed history no picture rather than an error?"""
    assert pictures.training_curve(bad, "en") is None


def test_curve_panels_split_loss_from_accuracy():
    """Does each panel draw only its own series, and no panel when it has none?"""
    only_loss = {"loss": [0.5, 0.4], "val_loss": [0.6, 0.5]}
    assert pictures.training_curve(only_loss, "en", "loss").startswith(PNG)
    assert pictures.training_curve(only_loss, "en", "accuracy") is None


@pytest.mark.parametrize("bad", [None, [], [[1, 2], [3]], [["a"]], 7])
def test_no_matrix_without_a_square_table(bad):
    """Is an absent or non-square confusion matrix no picture rather than an error?"""
    assert pictures.confusion_matrix(bad, "en") is None


@pytest.mark.parametrize("bad", [None, [], [{"image": [1, 2, 3], "true": 1, "pred": 2}], [{"true": 1}], "x",
                                 [{"image": "??", "true": 1, "pred": 2}], [{"image": [[1]], "true": "a", "pred": 2}]])
def test_no_digits_without_images(bad):
    """Are absent or malformed misclassified digits skipped rather than an error?"""
    assert pictures.misclassified(bad) == []


def test_digits_are_capped_and_labelled():
    """Are at most MAX_DIGITS digits drawn, each 28x28 with its true and predicted label?"""
    many = artifacts(LECTURE)["misclassified"] * 10
    digits = pictures.misclassified(many)
    assert len(digits) == pictures.MAX_DIGITS
    png, true, pred = digits[1]
    assert (true, pred) == (1, 5)
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (28, 28)
