"""The offer, at start, to resume an encounter that was interrupted (a crash,
a closed terminal, `kill -9`) or to discard it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from sim.session.journal import JournalInfo
from sim.tui.screens.base import SimModal


@dataclass(frozen=True, slots=True)
class Unfinished:
    info: JournalInfo
    label: str  # scenario title, turn and start time, already cleaned
    problem: str = ""  # why it cannot be resumed, if it cannot
    note: str = ""  # what to know before resuming (the scenario was edited, compatibly)


Answer = tuple[Literal["resume", "discard"], Unfinished] | None


class ResumeScreen(SimModal[Answer]):
    BINDINGS = [
        Binding("r", "resume", "key.resume", id="resume.resume", tooltip="tip.resume"),
        Binding("d", "discard", "key.discard", id="resume.discard", tooltip="tip.discard"),
        Binding("escape", "later", "key.later", id="resume.later", tooltip="tip.later"),
    ]

    def __init__(self, items: Sequence[Unfinished]) -> None:
        super().__init__()
        self.items = list(items)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = self.t("resume.title")
            yield Static(Content(self.t("resume.body")), classes="message")
            yield OptionList(*(self._option(item) for item in self.items), id="unfinished")
            with Horizontal(classes="buttons"):
                yield Button(self.t("button.resume"), id="resume", variant="primary", compact=True)
                yield Button(self.t("button.discard"), id="discard", variant="error", compact=True)
                yield Button(self.t("button.later"), id="later", compact=True)
        yield Footer()

    def _option(self, item: Unfinished) -> Option:
        text = Content(item.label)
        for line in (item.problem, item.note):
            if line:
                text = Content.assemble(text, "\n  ", (line, "italic"))
        return Option(text)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @property
    def current(self) -> Unfinished | None:
        index = self.query_one(OptionList).highlighted
        return None if index is None else self.items[index]

    def on_option_list_option_selected(self) -> None:
        self.action_resume()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"resume": self.action_resume, "discard": self.action_discard, "later": self.action_later}[str(event.button.id)]()

    def action_resume(self) -> None:
        item = self.current
        if item is None:
            return
        if item.problem:
            self.notify(item.problem, severity="warning", markup=False)
            return
        self.dismiss(("resume", item))

    def action_discard(self) -> None:
        item = self.current
        if item is not None:
            self.dismiss(("discard", item))

    def action_later(self) -> None:
        self.dismiss(None)
