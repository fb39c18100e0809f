"""A labelled 0–100 meter whose bar glides to each new value.

The number and the direction of the last change are printed beside the
label, so the meter never relies on colour or motion alone.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.renderables.bar import Bar
from textual.widget import Widget


class Meter(Widget):
    DEFAULT_CSS = """
    Meter {
        height: 2;
        width: 1fr;
        & > .meter--bar { color: $text-primary; background: $surface-lighten-2; }
        & > .meter--label { text-style: bold; }
        & > .meter--change { color: $text-muted; }
    }
    """

    COMPONENT_CLASSES = {"meter--bar", "meter--label", "meter--change"}

    # What the bar shows right now; glides towards `value`.
    shown: reactive[float] = reactive(0.0)
    value: reactive[int] = reactive(0)
    change: reactive[int] = reactive(0)

    def __init__(self, label: str, value: int = 0, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.label = label
        self.set_reactive(Meter.value, value)
        self.set_reactive(Meter.shown, float(value))

    def set_value(self, value: int, *, animate: bool = True) -> None:
        """Move to `value`; without `animate` it is a fresh start, not a change."""
        self.change = value - self.value if animate else 0
        self.value = value
        if animate:
            self.animate("shown", float(value), duration=0.6, easing="out_cubic")
        else:
            self.shown = float(value)

    def render(self) -> RenderableType:
        width = self.size.width
        number = Text(str(self.value))
        if self.change:
            arrow = "▲" if self.change > 0 else "▼"
            number.append(f" {arrow}{abs(self.change)}", style=self.get_component_rich_style("meter--change"))
        head = Text(self.label, style=self.get_component_rich_style("meter--label"), no_wrap=True, overflow="ellipsis")
        head.append(" " * max(1, width - head.cell_len - number.cell_len))
        head.append_text(number)
        bar_style = self.get_component_rich_style("meter--bar")
        bar = Bar(
            highlight_range=(0, width * max(0.0, min(100.0, self.shown)) / 100),
            highlight_style=Style.from_color(bar_style.color),
            background_style=Style.from_color(bar_style.bgcolor),
            width=width,
        )
        return Group(head, bar)
