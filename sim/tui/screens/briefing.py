"""What the trainee reads before the encounter: any content warning, who the
client is, the situation, the principles that will be scored, and the keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Static

from sim.i18n import tc
from sim.session.catalog import Entry
from sim.text import LocalText, clean, localize
from sim.tui.messages import EncounterStartRequested
from sim.tui.screens.base import SimScreen


class BriefingScreen(SimScreen[None]):
    AUTO_FOCUS = "#briefing"

    BINDINGS = [
        Binding("enter", "start", "key.start", id="briefing.start", tooltip="tip.start"),
        Binding("escape", "back", "key.back", id="briefing.back", tooltip="tip.back"),
        Binding("w", "own_words", "key.own_words", id="briefing.own-words", tooltip="tip.own_words"),
    ]

    def __init__(self, entry: Entry) -> None:
        super().__init__(id="briefing-screen")
        assert entry.loaded is not None
        self.entry = entry
        self.loaded = entry.loaded

    def _text(self, value: LocalText | None) -> str:
        return clean(localize(value, self.lang, self.loaded.scenario.language))

    def compose(self) -> ComposeResult:
        s = self.loaded.scenario
        lib = self.app.catalog.library
        profile = lib.profile_for(s)
        yield Header()
        with VerticalScroll(id="briefing"):
            yield Static(Content(self._text(s.title)), classes="title")
            if s.content_warning is not None:
                warning = Static(Content(self._text(s.content_warning)), id="content-warning")
                warning.border_title = self.t("briefing.warning")
                yield warning
            yield Static(Content(self.t("briefing.client")), classes="heading")
            yield Static(
                Content.assemble(
                    (clean(localize(profile.name, self.lang, profile.language)), "bold"),
                    " — ",
                    clean(localize(profile.description, self.lang, profile.language)),
                )
            )
            expects = profile.expectations.get(s.channel)
            if expects is not None:
                yield Static(Content(self.t("briefing.expects")), classes="heading")
                yield Static(Content(clean(localize(expects, self.lang, profile.language))), id="expectations")
            yield Static(Content(self.t("briefing.situation")), classes="heading")
            yield Static(Content(self._text(s.briefing)))
            yield Static(Content(self.t("briefing.goals")), classes="heading")
            for pid in s.goals:
                p = lib.principles.get(pid)
                name = lib.principle_name(pid, self.lang)
                description = clean(localize(p.description, self.lang)) if p else ""
                yield Static(Content.assemble("• ", (name, "bold"), " — " if description else "", description), classes="goal")
            setting = [
                self.t("briefing.channel", channel=self.t(f"channel.{s.channel.value}")),
                self.t("briefing.difficulty", difficulty=self.t(f"difficulty.{s.difficulty}")),
            ]
            if s.minutes:
                setting.append(self.t("home.minutes", minutes=s.minutes))
            yield Static(Content(" · ".join(setting)))
            yield Static(Content(self.t(f"briefing.mode.{self.app.mode}")))
            # Here, not at the top: the app starts (and lists scenarios) without the model and the engine.
            from sim.core import judgement
            from sim.reports import words

            yield Static(Content(words.grading(judgement.rules(s), self.lang, caps=False, channel=s.channel.value)))
            from sim.session.play import timed_note

            timed = timed_note(s, self.app.time_limits, self.lang)
            if timed is not None:
                yield Static(Content(timed), id="timed")
            # Said only when on: the footer's `w` offers it, and the briefing keeps its room at 80×24.
            answers = Static(Content(self._answers()), id="answers")
            answers.display = bool(self.app.own_words)
            yield answers
            yield Static(Content(self.t("briefing.controls")), classes="heading")
            yield Static(Content(self.t("briefing.controls_body", help=tc("key.help", s.channel.value, self.lang).lower())), classes="controls")
        with Horizontal(classes="buttons"):
            yield Button(self.t("button.start"), id="start", variant="primary", compact=True)
            yield Button(self.t("button.back"), id="back", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self._text(self.loaded.scenario.title)

    def _answers(self) -> str:
        return self.t("briefing.own_words" if self.app.own_words else "briefing.from_list")

    def action_own_words(self) -> None:
        """Answer this encounter (and the next ones) in one's own words, or from the list."""
        self.app.toggle_own_words()
        answers = self.query_one("#answers", Static)
        answers.update(Content(self._answers()))
        answers.display = True  # once switched, either way, say how this encounter is answered
        self.notify(self._answers(), markup=False)  # and say it where it is seen, however long the briefing

    async def reload(self, entry: Entry) -> None:
        """Show the scenario as it is now, after an edit (a live preview)."""
        assert entry.loaded is not None
        self.entry, self.loaded = entry, entry.loaded
        await self.recompose()
        self.on_mount()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_back()

    def action_start(self) -> None:
        self.post_message(EncounterStartRequested(self.entry))

    def action_back(self) -> None:
        self.dismiss()
