"""The conversation so far, one labelled entry per line.

Who speaks is told by a label in the left column (Client, You, Scene, …),
not by colour alone; authored text is shown literally.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

KINDS = ("client", "trainee", "narration", "gloss", "feedback", "event")


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # one of KINDS
    label: str
    text: str  # already cleaned
    tone: str = ""  # feedback: good | bad | neutral
    gap: bool = False  # starts a new block (a new node, a new turn)


class TranscriptEntry(Horizontal):
    DEFAULT_CSS = """
    TranscriptEntry {
        height: auto;
        &.-gap { margin-top: 1; }
        & > .label { width: 10; text-style: bold; color: $text-muted; }
        & > .body { width: 1fr; }
        &.-client > .label { color: $accent; }
        &.-trainee > .label { color: $primary; }
        &.-narration > .body { text-style: italic; color: $text-muted; }
        &.-gloss > .body { text-style: italic; }
        &.-feedback > .body { color: $text-muted; }
        &.-feedback.-good > .label { color: $success; }
        &.-feedback.-bad > .label { color: $error; }
        &.-event > .body { color: $text-muted; text-style: italic; }
    }
    """

    def __init__(self, entry: Entry) -> None:
        classes = f"-{entry.kind}" + (f" -{entry.tone}" if entry.tone else "") + (" -gap" if entry.gap else "")
        super().__init__(classes=classes)
        self.entry = entry

    def compose(self) -> ComposeResult:
        yield Static(Content(self.entry.label), classes="label")
        yield Static(Content(self.entry.text), classes="body")


class Transcript(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    Transcript { height: 1fr; padding: 0 1; }
    """

    def on_mount(self) -> None:
        # Stay at the newest line unless the trainee scrolls back to read.
        self.anchor()

    def add(self, entries: Iterable[Entry]) -> None:
        widgets = [TranscriptEntry(e) for e in entries]
        if widgets:
            self.mount_all(widgets)

    @property
    def entries(self) -> list[Entry]:
        return [w.entry for w in self.query(TranscriptEntry)]
