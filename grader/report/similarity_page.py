"""``similarity.html``: the pairs ``grade similarity`` found, rendered from plain values through a template
(autoescaped: a student's code and ids are text, never markup)."""

from __future__ import annotations

from pathlib import Path

import jinja2

from grader.catalog.instructor import SIMILARITY

TEMPLATES = Path(__file__).with_name("templates")
MARK_START, MARK_END = "\0<", ">\0"
"""How copydetect's ``highlight_overlap`` is asked to mark shared code (characters no source holds)."""


def segments(text: str) -> list[tuple[str, bool]]:
    """``text`` split at the marks into ``(piece, shared)``, in order."""
    out: list[tuple[str, bool]] = []
    rest = text
    while rest:
        start = rest.find(MARK_START)
        if start < 0:
            out.append((rest, False))
            break
        end = rest.find(MARK_END, start + len(MARK_START))
        if end < 0:
            out.append((rest, False))
            break
        if start:
            out.append((rest[:start], False))
        out.append((rest[start + len(MARK_START):end], True))
        rest = rest[end + len(MARK_END):]
    return out


def render(pairs: list[dict], students: int, compared: int, lang: str, modules: list[str]) -> str:
    """The page: ``pairs`` as :func:`grader.batch.similarity.page_rows` makes them, in ``lang``."""
    words = {key: text.get(lang) for key, text in SIMILARITY.items()}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("similarity.html.j2").render(
        lang=lang, w=words, intro=words["intro"].format(students=students, pairs=compared), pairs=pairs,
        modules=modules)
