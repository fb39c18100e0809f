"""Where the principles come from: each principle this debrief scores, what
it means and its basis, in words a trainee understands (from the catalogue)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from sim.tui.screens.base import SimModal


class BasisScreen(SimModal[None]):
    BINDINGS = [
        Binding("escape,b,enter", "close", "key.close", id="basis.close", tooltip="tip.close"),
    ]

    def __init__(self, title: str, principles: list[tuple[str, str, str]]) -> None:
        """`principles`: (name, description, basis) of each, already cleaned."""
        super().__init__()
        self.title_text = title
        self.principles = principles

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = self.title_text
            with VerticalScroll(id="basis"):
                for name, description, basis in self.principles:
                    yield Static(Content.assemble((name, "bold"), "\n", description), classes="principle")
                    if basis:
                        yield Static(Content.assemble((self.t("basis.label") + " ", "italic"), basis), classes="basis")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#basis").focus()

    def action_close(self) -> None:
        self.dismiss()
