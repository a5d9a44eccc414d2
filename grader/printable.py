"""The one sanitiser between what a submission names and the instructor's terminal.

A file name, a manifest field or an error message can carry control characters: ``ESC[2J``
clears a terminal, ``\\r`` rewrites a line, a right-to-left override reverses what follows.
:func:`visible` writes each of them out as an escape (``\\x1b[2J``), so the line shows what was
there and does nothing. Every line the kit prints goes through it: :func:`echo` for plain lines,
:func:`safe_console` for everything drawn with rich (a report, the batch's progress).
"""

from __future__ import annotations

import functools
import unicodedata

import click


def visible(text: object, newlines: bool = False) -> str:
    """``text`` with every control and format character (C0, DEL, C1, bidirectional overrides, zero-width
    characters) written as ``\\xNN`` / ``\\uNNNN``; ``newlines=True`` keeps line breaks (a message of the
    kit's own that spans lines), tabs become a space."""
    out = []
    for char in str(text):
        if char == "\n" and newlines:
            out.append(char)
        elif char == "\t":
            out.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


def echo(line: object = "", err: bool = False) -> None:
    """Print one line of the kit (it may span lines of its own) with nothing in it acting on the terminal."""
    click.echo(visible(line, newlines=True), err=err)


def safe_console(**options):
    """A rich ``Console`` (``options`` as rich takes them) whose every written character went through
    :func:`visible`; rich's own cursor moves and colours are kept (control segments and styles, never text)."""
    return _safe_console_class()(**options)


@functools.cache
def _safe_console_class():
    from rich.console import Console
    from rich.segment import Segment

    class SafeConsole(Console):
        def _render_buffer(self, buffer):  # rich's one place where segments become the characters written
            return super()._render_buffer(
                Segment(text if control else visible(text, newlines=True), style, control)
                for text, style, control in buffer)

    return SafeConsole
