"""Bilingual text: the type of every sentence a person reads, in Korean and English.

A :class:`Text` holds both languages; renderers pick one with ``text.get(lang)``.
The kit's own sentences live in :mod:`grader.catalog`; a kit test walks every
catalogue entry to prove that neither language is missing.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

LANGS = ("ko", "en")

_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[ -~]?)"
                      r"|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x9c]*[\x07\x9c]?")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` without terminal escape sequences (CSI, OSC, DCS...), control characters (newline and tab
    stay) or bidirectional overrides: anything a submission controls passes here before a person reads it."""
    if not isinstance(text, str):
        text = str(text)
    if text.isprintable():
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text.replace("\r\n", "\n")))


class _English(string.Formatter):
    """``str.format``, and ``{count:|check}`` / ``{points:g|point}``: the number, then its noun, plural unless 1."""

    def format_field(self, value, format_spec: str) -> str:
        if "|" in format_spec:
            spec, noun = format_spec.split("|", 1)
            return f"{format(value, spec)} {noun if value == 1 else noun + 's'}"
        return super().format_field(value, format_spec)


_ENGLISH = _English()


@dataclass(frozen=True)
class Text:
    """One sentence in both languages."""

    ko: str
    en: str

    def __post_init__(self) -> None:  # every sentence a person reads is free of terminal escapes
        object.__setattr__(self, "ko", printable(self.ko))
        object.__setattr__(self, "en", printable(self.en))

    def get(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en

    def format(self, **values: object) -> "Text":
        """Both sentences with ``values`` filled in; a value that is a :class:`Text` fills each
        language with its own side. In English, ``{points:g|point}`` is a count with its noun in the
        singular or plural (``1 point``, ``2 points``)."""
        return Text(self.ko.format(**{k: v.ko if isinstance(v, Text) else v for k, v in values.items()}),
                    _ENGLISH.format(self.en, **{k: v.en if isinstance(v, Text) else v for k, v in values.items()}))

    def both(self, between: str = " / ") -> str:
        """Both languages at once, Korean first (``여기에 코드를 작성하세요 / YOUR CODE HERE``): for
        places that show one text to every reader, such as a notebook cell."""
        return f"{self.ko}{between}{self.en}"

    def __add__(self, other: "Text") -> "Text":
        return Text(self.ko + other.ko, self.en + other.en)

    def to_dict(self) -> dict:
        return {"ko": self.ko, "en": self.en}

    @classmethod
    def from_dict(cls, data: dict) -> "Text":
        return cls(str(data.get("ko", "")), str(data.get("en", "")))


def plain(value: str) -> Text:
    """A language-neutral string (a number, a code snippet, an error type)."""
    return Text(value, value)
