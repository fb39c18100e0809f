"""A blocking error dialog: the problems of a file, `file:line:col` first,
never a traceback."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Static

from sim.content.problems import Problem
from sim.text import clean
from sim.tui.screens.base import SimModal


class ErrorScreen(SimModal[None]):
    BINDINGS = [
        Binding("escape,enter", "close", "key.close", id="error.close", tooltip="tip.close"),
    ]

    def __init__(self, title: str, problems: Sequence[Problem] = (), message: str = "", hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.problems = list(problems)
        self.message = message
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="-error") as dialog:
            dialog.border_title = clean(self.title_text)
            with VerticalScroll(id="problems"):
                if self.message:
                    yield Static(Content(clean(self.message)), classes="message")
                for p in self.problems:
                    yield Static(self._problem(p), classes=f"problem -{p.severity}")
            if self.hint:
                yield Static(Content(clean(self.hint)), classes="hint")
            yield Button(self.t("button.close"), id="close", variant="primary", compact=True)
        yield Footer()

    def _problem(self, p: Problem) -> Content:
        # The location on a line of its own: it is what an instructor copies into an editor.
        severity = self.t(f"severity.{p.severity}")
        parts: list[Content | str | tuple[str, str]] = [(clean(p.location), "bold"), "  ", (severity, "italic"), "\n  ", clean(p.message)]
        if p.hint:
            parts += ["\n  ", (self.t("error.hint_label") + " ", "italic"), clean(p.hint)]
        return Content.assemble(*parts)

    def on_button_pressed(self) -> None:
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
