"""The time left to answer on a node with a time limit.

Reads a `TurnTimer` rather than counting ticks, so a slow or paused event
loop never makes the clock wrong, and tests can drive it with a fake clock.
"""

from __future__ import annotations

import math

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.reactive import reactive
from textual.renderables.bar import Bar
from textual.widget import Widget

from sim.session.clock import TurnTimer
from sim.tui.messages import TimeRanOut

TICK = 0.2  # seconds between looks at the clock
URGENT = 5  # seconds left when the countdown turns urgent


class Countdown(Widget):
    DEFAULT_CSS = """
    Countdown {
        height: 2;
        display: none;
        &.-running { display: block; }
        & > .countdown--bar { color: $text-primary; background: $surface-lighten-2; }
        &.-urgent > .countdown--bar { color: $text-error; }
        &.-urgent { text-style: bold; }
    }
    """

    COMPONENT_CLASSES = {"countdown--bar"}

    remaining: reactive[float] = reactive(0.0)

    def __init__(self, timer: TurnTimer, *, left: str, paused: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timer = timer
        self.limit: int | None = None
        self._expired = False
        self._left = left  # "{time} left"
        self._paused = paused
        # Where the time is also shown: the border of the options, which stay
        # on screen at any window size (the side panel may be cut at 80×24).
        self.mirror: Widget | None = None

    def on_mount(self) -> None:
        self.set_interval(TICK, self.tick)

    def start(self, limit: int | None) -> None:
        """Count down from `limit` seconds of the timer's current node (None: no limit)."""
        self.limit = limit
        self._expired = False
        self.set_class(limit is not None, "-running")
        self.tick()

    def stop(self) -> None:
        self.start(None)

    def tick(self) -> None:
        if self.limit is None or self._expired:
            self._mirror()
            return
        self.remaining = max(0.0, self.limit - self.timer.elapsed())
        self.set_class(self.remaining <= URGENT, "-urgent")
        self.refresh()
        self._mirror()
        if self.remaining <= 0:
            self._expired = True
            self.post_message(TimeRanOut())

    def label(self) -> str:
        """"◷ 0:28 left" (and "paused"), or "" without a time limit."""
        if self.limit is None:
            return ""
        seconds = math.ceil(self.remaining)
        clock = f"{seconds // 60}:{seconds % 60:02d}"
        text = f"◷ {self._left.format(time=clock)}"
        return f"{text} ({self._paused})" if self.timer.paused else text

    def _mirror(self) -> None:
        if self.mirror is None:
            return
        label = self.label()
        urgent = bool(label) and self.remaining <= URGENT
        subtitle = Content.styled(f" {label} ", "bold $text-error" if urgent else "bold") if label else ""
        if self.mirror.border_subtitle != subtitle:
            self.mirror.border_subtitle = subtitle

    def render(self) -> RenderableType:
        if self.limit is None:
            return Text()
        head = Text(self.label())
        width = self.size.width
        style = self.get_component_rich_style("countdown--bar")
        bar = Bar(
            highlight_range=(0, width * self.remaining / self.limit),
            highlight_style=Style.from_color(style.color),
            background_style=Style.from_color(style.bgcolor),
            width=width,
        )
        return Group(head, bar)
