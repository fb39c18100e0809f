"""The trainee rates themselves on each goal principle, and reflects, before
any score is shown: the gap between the two is the lesson."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Input, Static

from sim.session.play import Play
from sim.session.reflection import PROMPTS
from sim.tui.messages import SelfAssessed
from sim.tui.screens.base import SimScreen
from sim.tui.screens.confirm import ConfirmScreen
from sim.tui.widgets.plain_input import PlainInput
from sim.tui.widgets.rating import Rating


class SelfAssessmentScreen(SimScreen[None]):
    BINDINGS = [
        Binding("ctrl+s", "submit", "key.submit", id="self.submit", tooltip="tip.submit"),
        # Priority bindings run as each key arrives, in order, so a fast "4 3 5" rates three
        # goals: a widget's own binding runs only after the key's round trip through it,
        # by when the next digit may already have gone to the same rating.
        Binding("down", "move(1)", "key.next", show=False, priority=True, id="self.next", tooltip="tip.next"),
        Binding("up", "move(-1)", "key.previous", show=False, priority=True, id="self.previous", tooltip="tip.previous"),
        *[Binding(str(n), f"rate({n})", "key.rate", show=False, priority=True, id=f"self.rate.{n}", tooltip="tip.rate") for n in range(1, 6)],
    ]

    def __init__(self, play: Play) -> None:
        super().__init__()
        self.play = play

    def compose(self) -> ComposeResult:
        words = (*(self.t(f"rating.{n}") for n in range(1, 6)), self.t("rating.none"))
        yield Header()
        with VerticalScroll(id="assessment", can_focus=False):
            yield Static(Content(self.t("self.intro")), classes="intro")
            for pid in self.play.goals_to_rate():
                with Vertical(classes="goal"):
                    with Horizontal(classes="goal-row"):
                        yield Static(Content(self.play.principle_name(pid)), classes="goal-name")
                        yield Rating(words, lang=self.lang, id=f"rate-{pid}")
                    yield Static(Content(self.play.principle_description(pid)), classes="goal-description")
            for i, key in enumerate(PROMPTS):
                yield Static(Content(self.t(f"prompt.{key}")), classes="prompt -first" if i == 0 else "prompt")
                yield PlainInput(placeholder=self.t("self.placeholder"), id=f"prompt-{key}", compact=True, max_length=2000)
            with Horizontal(classes="buttons"):
                yield Button(self.t("button.submit"), id="submit", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.play.text(self.play.scenario.title)} — {self.t('self.subtitle')}"
        first = self.query(Rating)
        (first.first() if first else self.query(Input).first()).focus()

    def _ratings(self) -> dict[str, Rating]:
        return {pid: self.query_one(f"#rate-{pid}", Rating) for pid in self.play.goals_to_rate()}

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In a reflection field a digit is text; returning False passes the key on to it.
        if action == "rate":
            return self.focused is None or isinstance(self.focused, Rating)
        return True

    def action_rate(self, value: int) -> None:
        # A digit typed before the screen has set its focus rates the first goal.
        ratings = self.query(Rating)
        if not ratings:
            return
        rating = self.focused if isinstance(self.focused, Rating) else ratings.first()
        rating.rate(value)
        # Rating with a digit moves on, so five goals take five keys.
        self.set_focus(rating)
        self.focus_next()

    def action_move(self, step: int) -> None:
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "submit":
            self.action_submit()

    def answers(self) -> dict[str, Any]:
        ratings = {pid: r.value for pid, r in self._ratings().items() if r.value is not None}
        # By the question's id: a debrief or report shows the question in its reader's language.
        reflections = {key: self.query_one(f"#prompt-{key}", Input).value.strip() for key in PROMPTS}
        return {"ratings": ratings, "reflections": reflections}

    def action_submit(self) -> None:
        missing = [pid for pid, r in self._ratings().items() if r.value is None]
        if missing:
            names = ", ".join(self.play.principle_name(pid) for pid in missing)
            self.notify(self.t("self.missing", names=names), severity="warning", markup=False)
            self.query_one(f"#rate-{missing[0]}", Rating).focus()
            return
        self.post_message(SelfAssessed(self.play, self.answers()))

    def confirm_quit(self) -> None:
        dialog = ConfirmScreen(self.t("confirm.quit.title"), self.t("confirm.quit.body_self"), self.t("button.quit"), self.t("button.keep_rating"))
        self.app.push_screen(dialog, lambda yes: self.app.exit() if yes else None)
