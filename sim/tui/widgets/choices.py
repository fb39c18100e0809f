"""The trainee's options, numbered as the engine numbers them, so the keys
1–9 and the arrows with Enter pick the same thing."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
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


def _prompt(number: int, text: str) -> Table:
    # A two-column grid keeps wrapped lines indented under the text, not the number.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=2, justify="right", style="bold")
    grid.add_column(ratio=1)
    grid.add_row(Text(f"{number}."), Text(text))
    return grid
