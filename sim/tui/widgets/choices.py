"""The trainee's options, numbered as the engine numbers them, so the keys
1–9 and the arrows with Enter pick the same thing."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class Choices(OptionList):
    DEFAULT_CSS = """
    Choices {
        height: auto;
        max-height: 50%;
        border: round $primary 50%;
        border-title-color: $text;
        border-subtitle-color: $text;
        padding: 0 1;
        &:focus { border: round $primary; }
    }
    """

    def show(self, options: Sequence[tuple[int, str, str]]) -> None:
        """`options`: (number, choice id, text already cleaned)."""
        self.set_options(Option(_prompt(number, text), id=choice_id) for number, choice_id, text in options)
        if options:
            self.highlighted = 0


def _prompt(number: int, text: str) -> _Prompt:
    return _Prompt(f"{number}.".rjust(2) + " ", text)


class _Prompt:
    """An option's number, then its text, wrapped lines indented under the text (not the
    number). A Rich Table did the same and was a third of the time from a key to its frame."""

    def __init__(self, head: str, text: str) -> None:
        self.head = head
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = len(self.head)
        lines = Text(self.text).wrap(console, max(1, options.max_width - indent))
        for i, line in enumerate(lines):
            yield Text.assemble((self.head, "bold") if i == 0 else " " * indent, line)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(len(self.head) + 1, options.max_width)
