"""Pictures of a model's behaviour, drawn from a report's artifacts as PNG bytes.

Matplotlib's Agg canvas on a bare :class:`~matplotlib.figure.Figure` (no
pyplot, no global state). Korean labels use NanumGothic, the font shipped in
the ``koreanize-matplotlib`` wheel, registered by file so that importing that
package (and its global ``rcParams`` change) is not needed. Without the font,
labels fall back to English rather than drawing empty boxes.

Each function returns ``None`` (or no digits) when the data is missing or
malformed: a picture is never a reason for a report to fail.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import math
from functools import lru_cache
from pathlib import Path

from grader.catalog.report import REPORT

KOREAN_FONT = "NanumGothic"
DPI = 110
MAX_DIGITS = 15


@lru_cache(maxsize=1)
def korean_font() -> str | None:
    """Register NanumGothic from koreanize-matplotlib's wheel; its family name, or ``None``."""
    from matplotlib import font_manager

    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    fonts = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    regular = fonts / f"{KOREAN_FONT}.ttf"
    if not regular.is_file():
        return None
    for path in sorted(fonts.glob("NanumGothic*.ttf")):
        font_manager.fontManager.addfont(str(path))
    return KOREAN_FONT


def picture_lang(lang: str) -> str:
    """The language labels are drawn in: English when Korean is asked for but no Hangul font exists."""
    return lang if lang != "ko" or korean_font() else "en"


def data_uri(png: bytes) -> str:
    """A PNG as a ``data:`` URI, to embed in a self-contained page."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _word(key: str, lang: str, **values) -> str:
    text = REPORT[key].format(**values) if values else REPORT[key]
    return text.get(lang)


def _style() -> dict:
    family = [korean_font()] if korean_font() else []
    return {"font.family": [*family, "DejaVu Sans"], "axes.unicode_minus": False, "font.size": 9,
            "axes.spines.top": False, "axes.spines.right": False}


def figure_png(draw, size: tuple[float, float]) -> bytes:
    """A PNG of what ``draw(figure)`` puts on a figure of ``size`` inches, in the reports' style."""
    return _png(draw, size)


def _png(draw, size: tuple[float, float]) -> bytes:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_style()):
        figure = Figure(figsize=size, layout="constrained")
        FigureCanvasAgg(figure)
        draw(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _series(history) -> dict[str, list[float]]:
    if not isinstance(history, dict):
        return {}
    series = {}
    for name, values in history.items():
        if not isinstance(values, (list, tuple)) or not values:
            continue
        try:
            numbers = [float(v) for v in values]
        except (TypeError, ValueError):
            continue
        if all(math.isfinite(v) for v in numbers):
            series[str(name)] = numbers
    return series


CURVES = ("loss", "accuracy")
"""The training-curve panels: series whose name holds "loss", and the rest (accuracy)."""


def curve_series(history, panel: str = "loss") -> dict[str, list[float]]:
    """The series one panel draws: those named with "loss", or the others (accuracy)."""
    return {name: values for name, values in _series(history).items() if ("loss" in name) == (panel == "loss")}


def training_curve(history, lang: str, panel: str = "loss") -> bytes | None:
    """One panel of the training curve (``loss`` or ``accuracy`` per epoch); ``None`` without such series.

    Panels are separate pictures so that a page can put them side by side on a
    screen and one above the other on a phone.
    """
    members = curve_series(history, panel)
    if not members:
        return None
    lang = picture_lang(lang)

    def draw(figure):
        axes = figure.subplots()
        for name, values in members.items():
            label = _word(f"history-{name}", lang) if f"history-{name}" in REPORT else name
            axes.plot(range(1, len(values) + 1), values, marker="o",
                      linestyle="--" if name.startswith("val_") else "-", label=label)
        axes.set_title(_word(f"axis-{panel}", lang))
        axes.set_xlabel(_word("axis-epoch", lang))
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.grid(alpha=0.3)
        axes.legend(fontsize=8)

    return _png(draw, (3.4, 2.6))


def confusion_matrix(matrix, lang: str) -> bytes | None:
    """The counts of (true, predicted) digits on the test split; ``None`` unless a square table."""
    try:
        rows = [[int(v) for v in row] for row in matrix]
    except (TypeError, ValueError):
        return None
    size = len(rows)
    if size == 0 or any(len(row) != size for row in rows):
        return None
    lang = picture_lang(lang)
    largest = max(max(row) for row in rows) or 1

    def draw(figure):
        axes = figure.subplots()
        axes.imshow(rows, cmap="Blues", vmin=0, vmax=largest)
        for i, row in enumerate(rows):
            for j, count in enumerate(row):
                if count:
                    color = "white" if count > largest / 2 else ("#b00020" if i != j else "black")
                    axes.text(j, i, str(count), ha="center", va="center", fontsize=7, color=color)
        axes.set_xticks(range(size))
        axes.set_yticks(range(size))
        axes.set_xlabel(_word("axis-pred", lang))
        # Hangul reads badly on its side; an English label may stand upright or not
        axes.set_ylabel(_word("axis-true", lang), rotation=0 if lang == "ko" else 90,
                        labelpad=12 if lang == "ko" else 4)
        axes.tick_params(length=0)
        for side in axes.spines.values():
            side.set_visible(False)

    return _png(draw, (4.0, 3.8))


def digit(image) -> bytes | None:
    """One 28x28 digit (0-255, or 0-1) as a tiny PNG, dark ink on white; ``None`` unless a 2-D image."""
    import numpy as np
    from matplotlib import image as mpimg

    try:
        pixels = np.asarray(image, dtype=float)
    except (TypeError, ValueError):
        return None
    if pixels.ndim != 2 or not pixels.size or not np.isfinite(pixels).all():
        return None
    buffer = io.BytesIO()
    mpimg.imsave(buffer, pixels, cmap="gray_r", vmin=0, vmax=255 if pixels.max() > 1 else 1, format="png")
    return buffer.getvalue()


def misclassified(items, limit: int = MAX_DIGITS) -> list[tuple[bytes, int, int]]:
    """Up to ``limit`` misclassified digits as ``(png, true, predicted)``; malformed items are skipped.

    The labels are left to the page, where they stay text: readable at any
    width and in either language.
    """
    digits = []
    for item in items if isinstance(items, list) else []:
        try:
            true, pred = int(item["true"]), int(item["pred"])
            png = digit(item["image"])
        except (KeyError, TypeError, ValueError):
            continue
        if png is not None:
            digits.append((png, true, pred))
        if len(digits) == limit:
            break
    return digits
