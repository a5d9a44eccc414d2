"""Bilingual text: every sentence a student reads exists in Korean and English.

A :class:`Text` holds both languages; renderers pick one with ``text.get(lang)``.
A kit test walks every catalogue entry and every check message to prove that
neither language is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("ko", "en")


@dataclass(frozen=True)
class Text:
    """One sentence in both languages."""

    ko: str
    en: str

    def get(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en

    def format(self, **values: object) -> "Text":
        return Text(self.ko.format(**values), self.en.format(**values))

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
