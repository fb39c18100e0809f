"""The conversation so far, one labelled entry per line.

Who speaks is told by a label in the left column (Client, You, Scene, …),
not by colour alone; authored text is shown literally.

One widget draws the whole conversation line by line (Textual's Line API),
so a turn costs only the wrapping of its own few lines, however long the
conversation already is. (A widget per entry made every key press lay out
the whole, ever longer, conversation again.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from textual.cache import LRUCache
from textual.content import Content, Span
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style

KINDS = ("client", "trainee", "narration", "gloss", "feedback", "event")
LABEL_WIDTH = 10  # cells, the label's gap to the text included


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # one of KINDS
    label: str
    text: str  # already cleaned
    tone: str = ""  # feedback: good | bad | neutral
    gap: bool = False  # starts a new block (a new node, a new turn)


class _Row(NamedTuple):
    """One line on screen: part of an entry's label and of its text (both
    empty for the blank line before a new block)."""

    entry: int  # index in the entries, -1 for a blank line
    label: str  # padded to LABEL_WIDTH
    body: str


_BLANK = _Row(-1, "", "")


class Transcript(ScrollView, can_focus=False):
    DEFAULT_CSS = """
    Transcript {
        width: 1fr;
        height: 1fr;
        padding: 0 1;
        overflow-x: hidden;
        overflow-y: auto;
        & > .transcript--label { text-style: bold; color: $text-muted; }
        & > .transcript--label-client { color: $text-accent; }
        & > .transcript--label-trainee { color: $text-primary; }
        & > .transcript--label-good { color: $text-success; }
        & > .transcript--label-bad { color: $text-error; }
        & > .transcript--body-narration { text-style: italic; color: $text-muted; }
        & > .transcript--body-gloss { text-style: italic; }
        & > .transcript--body-feedback { color: $text-muted; }
        & > .transcript--body-event { color: $text-muted; text-style: italic; }
    }
    """

    COMPONENT_CLASSES = {
        "transcript--label",
        "transcript--label-client",
        "transcript--label-trainee",
        "transcript--label-good",
        "transcript--label-bad",
        "transcript--body-narration",
        "transcript--body-gloss",
        "transcript--body-feedback",
        "transcript--body-event",
    }

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._entries: list[Entry] = []
        self._rows: list[_Row] = []
        self._wrapped = 0  # entries already in the rows
        self._wrap_width = 0  # the text column's width the rows were wrapped to
        self._styles: dict[tuple[str, str], tuple[Style, Style]] = {}
        self._strips: LRUCache[int, Strip] = LRUCache(256)

    def on_mount(self) -> None:
        # Stay at the newest line unless the trainee scrolls back to read.
        self.anchor()

    # --- content -----------------------------------------------------------------

    def add(self, entries: Iterable[Entry], *, keep_first_in_view: bool = False) -> None:
        """Add `entries` at the end. `keep_first_in_view`: if they are more
        than the view holds, show them from their first line (the trainee's
        own words and the feedback on them) rather than from the last."""
        new = list(entries)
        if not new:
            return
        first = len(self._entries)
        self._entries += new
        self._update_rows()
        if keep_first_in_view:
            self._show_from(first)

    def _show_from(self, index: int) -> None:
        height = self.scrollable_content_region.height
        start = next((y for y, row in enumerate(self._rows) if row.entry >= index), None)
        if not height or start is None:
            return  # not laid out yet: it opens at the end
        if start > 0 and self._rows[start - 1].entry < 0:
            start -= 1  # and the blank line before, which sets the turn apart
        if len(self._rows) - start <= height:
            self.anchor()  # it all fits: follow the newest line as before
        else:
            # Stop following the end until the trainee scrolls back down to it.
            self.anchor(False)
            self.scroll_to(y=start, animate=False, immediate=True)

    @property
    def entries(self) -> list[Entry]:
        return list(self._entries)

    def _update_rows(self) -> None:
        """Wrap the entries not yet wrapped, or all of them again if the width
        for the text changed (a resize, the scroll bar coming or going)."""
        width, height = self.size
        if not width:
            return  # not laid out yet: on_resize wraps
        if self.is_anchored and self.is_vertical_scroll_end:
            # At the newest line, if only after scrolling back down: follow it
            # again. (ScrollView, unlike other scrolling widgets, does not
            # re-anchor by itself when the trainee scrolls back to the bottom.)
            self.anchor()
        # The text column is narrower by the scroll bar's width while there is one,
        # that is while the lines are more than the height (overflow-y: auto).
        full = max(1, width - LABEL_WIDTH)
        narrow = max(1, full - self.styles.scrollbar_size_vertical)
        if self._wrap_width not in (full, narrow):
            self._rewrap(full)
        else:
            self._wrap_pending()
        if self._wrap_width == full != narrow and len(self._rows) > height:
            self._rewrap(narrow)  # once, when the conversation first outgrows the height
        elif self._wrap_width == narrow != full and len(self._rows) <= height:
            self._rewrap(full)  # fewer lines at full width: no scroll bar either
        self.virtual_size = Size(width, len(self._rows))
        self.refresh()

    def _rewrap(self, text_width: int) -> None:
        self._wrap_width = text_width
        self._rows.clear()
        self._wrapped = 0
        self._strips.clear()
        self._wrap_pending()

    def _wrap_pending(self) -> None:
        for index in range(self._wrapped, len(self._entries)):
            self._rows += self._wrap(index)
        self._wrapped = len(self._entries)

    def _wrap(self, index: int) -> list[_Row]:
        entry = self._entries[index]
        labels = [line.plain for line in Content(entry.label).wrap(LABEL_WIDTH - 1)]
        bodies = [line.plain for line in Content(entry.text).wrap(self._wrap_width)]
        rows = [_BLANK] if entry.gap else []
        for n in range(max(len(labels), len(bodies))):
            label = labels[n] if n < len(labels) else ""
            label += " " * (LABEL_WIDTH - Content(label).cell_length)
            rows.append(_Row(index, label, bodies[n] if n < len(bodies) else ""))
        return rows

    def on_resize(self, event: Resize) -> None:
        self._update_rows()

    # --- drawing -----------------------------------------------------------------

    def notify_style_update(self) -> None:
        """The theme or the classes changed: the colours are looked up again."""
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _style(self, entry: Entry) -> tuple[Style, Style]:
        """The label's and the text's style of an entry's kind."""
        key = (entry.kind, entry.tone if entry.kind == "feedback" else "")
        if (styles := self._styles.get(key)) is None:
            label = ["transcript--label"]
            if entry.kind in ("client", "trainee"):
                label.append(f"transcript--label-{entry.kind}")
            elif entry.kind == "feedback" and entry.tone in ("good", "bad"):
                label.append(f"transcript--label-{entry.tone}")
            body = [f"transcript--body-{entry.kind}"] if f"transcript--body-{entry.kind}" in self.COMPONENT_CLASSES else []
            styles = self._styles[key] = (self.get_visual_style(*label), self.get_visual_style(*body))
        return styles

    def _content(self, y: int) -> Content:
        row = self._rows[y]
        if row.entry < 0:
            return Content("")
        label_style, body_style = self._style(self._entries[row.entry])
        end = len(row.label)
        spans = [Span(0, end, label_style), Span(end, end + len(row.body), body_style)]
        return Content(row.label + row.body, spans, strip_control_codes=False)

    def render_line(self, y: int) -> Strip:
        width, height = self.scrollable_content_region.size
        # Short conversations sit at the bottom, above the options, as in a chat.
        y += self.scroll_offset.y - max(0, height - len(self._rows))
        base = self.visual_style
        if not 0 <= y < len(self._rows):
            return Strip.blank(width, base.rich_style)
        selection = self.text_selection
        strip = self._strips.get(y) if selection is None else None
        if strip is None:
            content = self._content(y)
            if selection is not None and (span := selection.get_span(y)) is not None:
                start, end = span
                selected = Style.from_styles(self.screen.get_component_styles("screen--selection"))
                content = content.stylize(selected, start, len(content) if end == -1 else end)
            strip = Strip(content.render_segments(base), content.cell_length).apply_offsets(0, y)
            if selection is None:
                self._strips[y] = strip
        return strip.crop_extend(0, width, base.rich_style)

    # --- selecting text with the mouse -------------------------------------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        text = "\n".join((row.label + row.body).rstrip() for row in self._rows)
        return selection.extract(text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips.clear()
        self.refresh()
