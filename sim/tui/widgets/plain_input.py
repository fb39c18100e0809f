"""A one-line text field that takes only characters safe to show: a paste
with terminal escapes, other control characters, bidi overrides or tag
characters keeps its text and loses those. (Textual's Input would keep an
ESC byte and send it to the terminal when it draws the field.)"""

from __future__ import annotations

from textual.widgets import Input

from sim.text import clean


def _safe(text: str) -> str:
    # `clean` shows a C0 control as its picture (␛); typed into a field, the
    # picture is noise: leave controls out, keep everything else as `clean` does.
    return "".join(ch for ch in clean(text) if not 0x2400 <= ord(ch) <= 0x2421 or ch in text)


class PlainInput(Input):
    def insert_text_at_cursor(self, text: str) -> None:
        super().insert_text_at_cursor(_safe(text))

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(_safe(text), start, end)
