"""A 1–5 rating picked with the arrows or the digits, its value shown by
brackets and a word as well as by colour."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from sim.tui.screens.base import localize_bindings


class Rating(Widget, can_focus=True):
    DEFAULT_CSS = """
    Rating {
        height: 1;
        width: auto;
        padding: 0 1;
        & > .rating--chosen { text-style: bold; color: $text-accent; }
        & > .rating--word { color: $text-muted; }
        &:focus { background: $accent 20%; }
    }
    """

    COMPONENT_CLASSES = {"rating--chosen", "rating--word"}

    BINDINGS = [
        Binding("left", "step(-1)", "key.rate", key_display="←→ 1-5", id="rating.down", tooltip="tip.rate"),
        Binding("right", "step(1)", "key.rate", show=False, id="rating.up", tooltip="tip.rate"),
    ]
    # The digits are bound by the screen that holds the ratings: a digit also moves
    # on to the next rating, and only the screen can do both in the order keys came.

    value: reactive[int | None] = reactive(None)

    @dataclass
    class Changed(Message):
        rating: Rating
        value: int

    def __init__(self, words: tuple[str, ...], *, lang: str, id: str | None = None) -> None:
        """`words`: the meaning of 1…5, then the text for "not rated"."""
        super().__init__(id=id)
        self.words = words
        localize_bindings(self, lang)

    def action_step(self, delta: int) -> None:
        # From "not rated", the first step lands in the middle.
        start = self.value if self.value is not None else 3 - delta
        self.rate(min(5, max(1, start + delta)))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def rate(self, value: int) -> None:
        self.value = value
        self.post_message(self.Changed(self, value))

    def on_click(self, event: Click) -> None:
        # Each number is four cells wide ("[3] " or " 3  "), after the padding and the pointer.
        n = (event.x - 3) // 4 + 1
        if 1 <= n <= 5:
            self.rate(n)

    def render(self) -> Content:
        chosen = self.get_visual_style("rating--chosen", partial=True)
        # Not partial: a partial style resolves $text-muted's "auto" against no
        # background at all, and gave white on the light theme's grey.
        word = self.get_visual_style("rating--word")
        # A pointer as well as a background shows which rating has the keys.
        parts: list[Content] = [Content("▸ " if self.has_focus else "  ")]
        for n in range(1, 6):
            if n == self.value:
                parts.append(Content(f"[{n}]").stylize(chosen))
            else:
                parts.append(Content(f" {n} "))
            parts.append(Content(" "))
        label = self.words[self.value - 1] if self.value else self.words[5]
        parts.append(Content(label).stylize(word))
        return Content.assemble(*parts)
