"""Who is practising: asked once, on the first start in a data folder, and
changeable from the command palette. Sessions are recorded under this name."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Input, Static

from sim.session.settings import MAX_NAME, normalize_name
from sim.tui.screens.base import SimModal
from sim.tui.widgets.plain_input import PlainInput


class TraineeScreen(SimModal[str | None]):
    """Dismissed with the name given, or None when the trainee keeps `current`."""

    AUTO_FOCUS = "#trainee-name"

    BINDINGS = [
        # Priority: the input would take Enter for itself, and the footer should say what it does.
        Binding("enter", "ok", "key.ok", priority=True, id="trainee.ok", tooltip="tip.trainee_ok"),
        Binding("escape", "cancel", "key.keep_name", id="trainee.cancel", tooltip="tip.keep_name"),
    ]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = self.t("trainee.title")
            yield Static(Content(self.t("trainee.body")), classes="message")
            yield PlainInput(self.current, placeholder=self.t("trainee.placeholder"), id="trainee-name", max_length=MAX_NAME)
            with Horizontal(classes="buttons"):
                yield Button(self.t("button.ok"), id="ok", variant="primary", compact=True)
                yield Button(self.t("button.keep_name"), id="keep", compact=True)
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.action_ok()
        else:
            self.action_cancel()

    def action_ok(self) -> None:
        self.after_pending_keys(self._ok)

    def _ok(self) -> None:
        name = normalize_name(self.query_one(Input).value)
        if not name:
            self.notify(self.t("trainee.empty"), severity="warning")
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
