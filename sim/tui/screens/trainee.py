"""Who is practising: asked once, on the first start in a data folder, and
changeable from the command palette. Sessions are recorded under this name.

Under `sim serve` (`served`), where every tab shares one data folder, the name
comes with a PIN: chosen the first time a name is used, asked every time after
(sim.session.pins). Until it is given, the tab shows nobody's sessions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Input, Static

from sim.session import pins
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

    def __init__(self, current: str, *, served: bool = False, required: bool = False) -> None:
        super().__init__()
        self.current = current
        self.served = served
        # No name to keep (a classroom tab's first question): Esc does not
        # leave the dialog, since nothing may be shown before a name is given.
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = self.t("trainee.title")
            yield Static(Content(self.t("trainee.body_served" if self.served else "trainee.body")), classes="message")
            yield PlainInput(self.current, placeholder=self.t("trainee.placeholder"), id="trainee-name", max_length=MAX_NAME)
            if self.served:
                yield PlainInput(
                    "", placeholder=self.t("trainee.pin_placeholder"), id="trainee-pin", password=True, restrict=r"[0-9]*", max_length=pins.PIN_DIGITS[1]
                )
            with Horizontal(classes="buttons"):
                yield Button(self.t("button.ok"), id="ok", variant="primary", compact=True)
                if not self.required:
                    yield Button(self.t("button.keep_name"), id="keep", compact=True)
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.action_ok()
        else:
            self.action_cancel()

    def action_ok(self) -> None:
        if self.served:
            field = self.query_one("#trainee-pin", Input)
            # `focused`, not `has_focus`: that follows the Focus event, which comes later.
            if not field.value and self.focused is not field:
                # Enter after the name: on to the PIN at once, not once the name's keys are
                # in. Keys typed after the Enter (in one burst, or on a slow server) are the
                # PIN's; going on later, they went into the name, shown in plain text.
                self.set_focus(field)
                return
        # The name's keys first, then the PIN's, then the check.
        self.query_one("#trainee-name", Input).call_later(self.after_pending_keys, self._ok)

    def _ok(self) -> None:
        name = normalize_name(self.query_one("#trainee-name", Input).value)
        if not name:
            self.notify(self.t("trainee.empty"), severity="warning")
            return
        if not self.served:
            self.dismiss(name)
            return
        field = self.query_one("#trainee-pin", Input)
        pin = field.value
        if not pins.valid_pin(pin):
            low, high = pins.PIN_DIGITS
            self.notify(self.t("trainee.pin_invalid", low=low, high=high), severity="warning")
            field.focus()
            return
        try:
            verdict = pins.check(name, pin)
        except OSError as exc:
            self.notify(self.t("trainee.pin_failed", error=str(exc)), severity="error", markup=False)
            return
        if verdict.outcome in ("ok", "claimed"):
            if verdict.outcome == "claimed":
                self.notify(self.t("trainee.pin_claimed", name=name), markup=False, timeout=10)
            self.dismiss(name)
            return
        field.value = ""
        field.focus()
        if verdict.outcome == "locked":
            minutes = max(1, -(-verdict.wait_seconds // 60))
            self.notify(self.t("trainee.pin_locked", minutes=minutes), severity="error", markup=False)
        else:
            self.notify(self.t("trainee.pin_wrong", tries=verdict.tries_left), severity="error", markup=False)

    def action_cancel(self) -> None:
        if self.required:
            self.notify(self.t("trainee.required"), severity="warning")
            return
        self.dismiss(None)
