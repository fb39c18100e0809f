"""The recovery step after a stressful ending (an escalated encounter, or an
ending the author marked with `aftercare:`): a pause, breathing, grounding, a
reminder that it was an exercise, and who to talk to, before the trainee
rates themselves. Nothing here is timed; the trainee goes on when ready."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Static

from sim.session import reflection
from sim.session.play import Play
from sim.tui.messages import AftercareDone
from sim.tui.screens.base import SimScreen


class AftercareScreen(SimScreen[None]):
    DEFAULT_CSS = """
    AftercareScreen {
        align: center top;
        & #aftercare { width: 76; max-width: 100%; height: 1fr; padding: 1 2; }
        & .title { text-style: bold; margin-bottom: 1; }
        & .step { margin-bottom: 1; }
        & #who { border: round $primary 50%; border-title-color: $text; padding: 0 1; margin-top: 1; }
        & .buttons { height: auto; width: 76; max-width: 100%; padding: 0 2; }
    }
    """

    AUTO_FOCUS = "#ready"
    BINDINGS = [Binding("enter", "ready", "key.ready", id="aftercare.ready", tooltip="tip.ready")]

    def __init__(self, play: Play) -> None:
        super().__init__(id="aftercare-screen")
        self.play = play

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="aftercare"):
            yield Static(Content(self.t("aftercare.title")), classes="title")
            for step in reflection.recovery_steps(self.lang):
                yield Static(Content(step), classes="step")
            who = Static(Content(reflection.contact(self.play.scenario.library_aftercare, self.lang)), id="who")
            who.border_title = self.t("aftercare.who")
            yield who
        with Horizontal(classes="buttons"):
            yield Button(self.t("aftercare.ready"), id="ready", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.t("aftercare.title")

    def on_button_pressed(self) -> None:
        self.action_ready()

    def action_ready(self) -> None:
        self.post_message(AftercareDone(self.play))
