"""The encounter: the conversation, the client's visible mood, the options,
and the keys that are always there (call for help, pause, save and quit).

Every action is journalled by `Play.act` before the next node is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Button, Footer, Header, Input, OptionList, Static

from sim.core.engine import EngineError, Line, Turn
from sim.core.scoring import TONE_MARKS
from sim.i18n import tc
from sim.session.clock import TurnTimer
from sim.session.own_words import MAX_REPLY, Typed
from sim.session.play import Play
from sim.session.settings import typing_delay
from sim.text import clean
from sim.tui.messages import EncounterEnded, TimeRanOut, TurnTaken
from sim.tui.screens.base import SimScreen, localize_bindings, relabel
from sim.tui.screens.confirm import ConfirmScreen
from sim.tui.widgets.choices import Choices
from sim.tui.widgets.client_card import BANDS, ClientCard
from sim.tui.widgets.countdown import Countdown
from sim.tui.widgets.transcript import Entry, Transcript


class EncounterScreen(SimScreen[None]):
    BINDINGS = [
        Binding("1", "choose(1)", "key.choose", key_display="1-9", id="encounter.choose.1", tooltip="tip.choose"),
        *[
            Binding(str(n), f"choose({n})", "key.choose", show=False, id=f"encounter.choose.{n}", tooltip="tip.choose")
            for n in range(2, 10)
        ],
        Binding("h", "call_help", "key.help", id="encounter.help", tooltip="tip.help"),
        # While the trainee writes, letters are theirs: help is on F1, and Esc shows the options.
        Binding("f1", "call_help_writing", "key.help", priority=True, id="encounter.help-writing", tooltip="tip.help"),
        Binding("escape", "options", "key.options", id="encounter.options", tooltip="tip.options"),
        Binding("escape", "write", "key.write", id="encounter.write", tooltip="tip.write"),
        Binding("p", "pause", "key.pause", id="encounter.pause", tooltip="tip.pause"),
        Binding("q", "quit_and_save", "key.quit_save", id="encounter.quit", tooltip="tip.quit_save"),
        Binding("q", "leave_what_if", "key.leave", id="encounter.leave", tooltip="tip.leave"),
        Binding("q", "quit_preview", "key.quit", id="encounter.quit-preview", tooltip="tip.quit_preview"),
        # Hidden: shadows the app's "^q Quit" in the footer, where "q" already says it.
        Binding("ctrl+q", "quit_and_save", "key.quit_save", show=False, id="encounter.ctrl-quit", tooltip="tip.quit_save"),
        Binding("enter", "continue", "key.continue", id="encounter.continue", tooltip="tip.continue"),
        # Priority: the option list would otherwise take these for itself.
        Binding(
            "pageup", "scroll_transcript(-1)", "key.scroll", key_display="PgUp/Dn", priority=True, id="encounter.scroll-up", tooltip="tip.scroll"
        ),
        Binding("pagedown", "scroll_transcript(1)", "key.scroll", show=False, priority=True, id="encounter.scroll-down", tooltip="tip.scroll"),
    ]

    paused: reactive[bool] = reactive(False, bindings=True)

    def __init__(self, play: Play, *, resumed: bool = False, notice: str = "") -> None:
        """`notice`: a note at the end of the story so far (the scenario changed
        under a resumed session, or a live preview reloaded it)."""
        super().__init__()
        self.play = play
        localize_bindings(self, self.lang, self.channel)  # "Ask for help" in a chat
        label = play.scenario.help.label
        if label is not None:
            # The scenario's own words for its help key ("Call security", "Ask the team leader").
            relabel(self, "encounter.help", play.text(label))
        self.resumed = resumed
        self.notice = notice
        self.timer = TurnTimer(self.app.clock)
        self._shown = 0  # transcript lines of the session already on screen
        self._warned_journal = False
        self._options_at = 0.0  # when the options on screen appeared (the app's clock)
        self._bindings_ended = False  # the keys offered are those of an encounter going on
        self._typing: list[Line] | None = None  # a chat reply being typed: its lines, shown when typed
        self._own: Typed | None = None  # the trainee's own words for this turn, once matched
        self._typing_timer: Timer | None = None

    @property
    def channel(self) -> str:
        return self.play.scenario.channel.value

    def t(self, key: str, **fields: Any) -> str:
        """The catalogue's words, in this encounter's channel's where they differ."""
        return tc(key, self.channel, self.lang, **fields)

    # --- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        play = self.play
        s = play.session
        labels = {"tension": self.t("card.tension"), "trust": self.t("card.trust"), "mood": self.t("card.mood")}
        labels.update({band: play.mood(band) for band in BANDS})
        meta = " · ".join((self.t(f"channel.{s.scenario.channel.value}"), self.t(f"mode.{play.mode}")))
        yield Header()
        with Horizontal(id="stage"):
            transcript = Transcript(id="transcript")
            transcript.border_title = self.t("transcript.title")
            yield transcript
            with Vertical(id="side") as side:
                side.border_title = self.t("card.title")
                hidden = None if play.mode == "practice" else self.t("card.hidden")
                yield ClientCard(play.persona_name(), meta, labels, hidden=hidden, id="client")
                yield Countdown(self.timer, left=self.t("countdown.left"), paused=self.t("countdown.paused"), id="countdown")
        choices = Choices(id="choices")
        choices.border_title = self.t("choices.title")
        yield choices
        reply = Input(id="reply", placeholder=self.t("reply.placeholder"), max_length=MAX_REPLY)
        reply.border_title = self.t("choices.title")
        yield reply
        yield Static(Content(self.t("pause.body")), id="paused")
        with Vertical(id="ended"):
            yield Static(id="ending")
            yield Button(self.t("button.continue"), id="continue", variant="primary", compact=True)
        # The trainee's keys need the whole width at 80 columns; ctrl+p still opens the palette.
        # A scenario's own, longer help label gets the room from the gaps between the keys.
        label = play.scenario.help.label
        longer = label is not None and len(play.text(label)) > len(self.t("key.help"))
        yield Footer(show_command_palette=False, compact=longer or play.own_words)

    def on_mount(self) -> None:
        self.query_one(Countdown).mirror = self.query_one(Choices)
        self.query_one(Transcript).add(self._history())
        self._shown = len(self.play.session.transcript)
        self._show_node(animate=False)
        self._warn_if_unsaved()

    def _warn_if_unsaved(self) -> None:
        said = self.play.journal_problem(self.lang)
        if said is not None and not self._warned_journal:
            self._warned_journal = True
            self.notify(said, severity="error", timeout=15, markup=False)

    # --- what is shown -------------------------------------------------------------

    def _history(self) -> list[Entry]:
        """Everything so far: the first node of a new session, or the whole
        story of a resumed one or of a what-if."""
        s = self.play.session
        groups: dict[int, list[Line]] = {}
        for line in s.transcript:
            groups.setdefault(line.turn, []).append(line)
        entries: list[Entry] = []
        subject = s.scenario.subject
        if subject is not None and s.scenario.channel.value == "email":
            entries.append(Entry("event", self.t("email.subject"), self.play.text(subject)))
        for number in range(1, len(s.turns) + 2):
            lines = groups.get(number, [])
            entries += self._lines([line for line in lines if line.speaker != "trainee"])
            if number <= len(s.turns):
                entries += self._lines([line for line in lines if line.speaker == "trainee"])
                entries += self._after(s.turns[number - 1])
        if self.resumed:
            entries.append(Entry("event", self.t("speaker.event"), self.t("event.resumed"), gap=True))
        if self.play.branch_turn is not None:
            entries.append(Entry("event", self.t("speaker.event"), self.t("event.what_if", turn=self.play.branch_turn), gap=True))
        if self.notice:
            entries.append(Entry("event", self.t("speaker.event"), self.notice, gap=True))
        return entries

    def _lines(self, lines: Sequence[Line]) -> list[Entry]:
        entries = []
        for i, line in enumerate(lines):
            kind = "event" if line.speaker == "system" else line.speaker
            label = self.play.speaker_name(line.who) or self.t(f"speaker.{kind}")
            entries.append(Entry(kind, label, self.play.text(line.text), gap=i == 0))
        return entries

    def _after(self, turn: Turn) -> list[Entry]:
        """What follows the trainee's words: the help or timeout event, then feedback."""
        entries = []
        if turn.action == "timeout":
            entries.append(Entry("event", self.t("speaker.event"), self.t("event.timeout"), gap=True))
        elif turn.action == "help" and turn.say is None:
            entries.append(Entry("event", self.t("speaker.event"), self.t("event.help"), gap=True))
        if self.play.mode != "practice":
            return entries
        label = self.t("speaker.feedback")
        if turn.feedback is not None:
            tone = self.play.tone(turn)
            entries.append(Entry("feedback", label, f"{TONE_MARKS[tone]} {self.play.text(turn.feedback)}", tone=tone))
        for miss in self.play.misses(turn.number):
            entries.append(Entry("feedback", label, f"⚠ {miss}", tone="bad"))
        return entries

    def _show_node(self, *, animate: bool = True) -> None:
        s = self.play.session
        self.query_one(ClientCard).show(s.state["tension"], s.state["trust"], s.band, animate=animate)
        title = self.play.text(s.scenario.title)
        self.sub_title = f"{title} — {self.t('encounter.turn', turn=len(s.turns) + (0 if s.ended else 1))}"
        choices = self.query_one(Choices)
        countdown = self.query_one(Countdown)
        self.set_class(s.ended, "-ended")
        if s.ended:
            countdown.stop()
            assert s.ending is not None
            key = "end.next_what_if" if self.play.is_what_if else "end.next"
            self.query_one("#ending", Static).update(
                Content.assemble((self.t("end.body", ending=self.t(f"ending.{s.ending.value}")), "bold"), "\n", self.t(key))
            )
            self.set_focus(None)
        else:
            choices.show([(o.number, o.id, self.play.text(o.choice.say)) for o in s.options])
            choices.border_title = self.t("choices.title")
            self._options_at = self.app.clock()
            self.timer.restart()
            countdown.start(self.play.time_limit)
            if self.play.own_words:
                self._write()
            else:
                choices.focus()
        if s.ended != self._bindings_ended:
            # Which keys work changes only when the encounter ends (pause has its
            # own reactive). Not every turn: each refresh rebuilds the footer, and
            # in Textual 8.2 every discarded footer key stayed reachable (measured:
            # about 70k objects more per 100 choices), so the heap, and with it
            # every full garbage collection, grew with each choice.
            self._bindings_ended = s.ended
            self.refresh_bindings()

    # --- in one's own words ----------------------------------------------------------

    @property
    def writing(self) -> bool:
        return self.has_class("-writing")

    def _write(self) -> None:
        """The reply box, empty, in place of the options: the trainee writes first."""
        self._own = None
        reply = self.query_one("#reply", Input)
        reply.value = ""
        self.add_class("-writing")

        def ready() -> None:
            # Focus is refused while the box is hidden: once the styles apply. The keys
            # change with it (letters are the trainee's now), so the footer says when
            # writing can begin.
            reply.focus()
            self.refresh_bindings()

        self.call_after_refresh(ready)

    def _list(self, title: str, highlight: str | None = None) -> None:
        """The options, to confirm what was understood or to pick one."""
        choices = self.query_one(Choices)
        self.remove_class("-writing")
        choices.border_title = title
        ids = [o.id for o in self.play.session.options]
        if highlight in ids:
            choices.highlighted = ids.index(highlight)
        self._options_at = self.app.clock()  # the key guard counts from when they are seen
        choices.focus()
        self.refresh_bindings()

    @on(Input.Submitted, "#reply")
    def _replied(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text or self.play.session.ended:
            return
        result = self.play.understand(text)
        self._own = Typed(text, self.lang, result.accepted)
        shown = clean(" ".join(text.split()))
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        numbers = {o.id: o.number for o in self.play.session.options}
        asked = result.did_you_mean()
        if result.accepted is not None:
            self._list(self.t("reply.understood", text=shown, number=numbers[result.accepted]), result.accepted)
        elif len(asked) > 1:
            self._list(self.t("reply.did_you_mean", text=shown, first=numbers[asked[0]], second=numbers[asked[1]]), asked[0])
        else:
            self._list(self.t("reply.not_understood", text=shown))

    def action_options(self) -> None:
        """Esc while writing: the options, to pick one, pause or quit."""
        self._own = None
        self._list(self.t("reply.pick"))

    def action_write(self) -> None:
        """Esc at the options: write the reply (again)."""
        self._write()

    def action_call_help_writing(self) -> None:
        self.action_call_help()

    # --- acting --------------------------------------------------------------------

    def _take(self, action: str) -> None:
        if self._typing is not None:
            self._typed()  # help, mid-reply: the reply is there at once, then help comes
        elapsed_ms = round(self.timer.elapsed() * 1000)
        # The trainee's own words go with the option they took, not with help or the clock.
        typed = self._own if action not in ("help", "timeout") else None
        self._own = None
        try:
            turn = self.play.act(action, elapsed_ms, typed)
        except EngineError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._warn_if_unsaved()
        lines = self.play.session.transcript[self._shown :]
        self._shown = len(self.play.session.transcript)
        said = [line for line in lines if line.turn == turn.number]
        following = [line for line in lines if line.turn != turn.number]
        transcript = self.query_one(Transcript)
        delay = self._typing_delay(following)
        if delay > 0:
            # A chat: the reply is typed before it is there, and the options with it.
            transcript.add(self._lines(said) + self._after(turn), keep_first_in_view=True)
            self._typing = following
            transcript.border_subtitle = self.t("chat.typing", name=self.play.persona_name())
            self.query_one(Choices).show([])
            self.query_one(Countdown).stop()  # the next turn's clock starts with its options
            self._typing_timer = self.set_timer(delay, self._typed)
        else:
            # The trainee's words and the feedback on them stay in view, not only the reply.
            transcript.add(self._lines(said) + self._after(turn) + self._lines(following), keep_first_in_view=True)
            self._show_node()
        if action == "help" and not self.play.session.can_call_help:
            self.refresh_bindings()  # the help key leaves the footer: once, not every turn (see _show_node)
        self.post_message(TurnTaken(self.play, turn))

    def _typing_delay(self, following: Sequence[Line]) -> float:
        if self.channel != "chat" or self.play.session.ended or not any(line.speaker == "client" for line in following):
            return 0.0
        chars = sum(len(self.play.text(line.text)) for line in following if line.speaker == "client")
        return typing_delay(chars, self.app.options.typing)

    def _typed(self) -> None:
        """The typed reply arrives, and the trainee's options with it."""
        if self._typing is None:
            return
        following, self._typing = self._typing, None
        if self._typing_timer is not None:
            self._typing_timer.stop()
            self._typing_timer = None
        transcript = self.query_one(Transcript)
        transcript.border_subtitle = ""
        transcript.add(self._lines(following))
        self._show_node()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        ended = self.play.session.ended
        own = self.play.own_words
        if action == "options":
            return own and not ended and self.writing
        if action == "write":
            return own and not ended and not self.writing
        if action == "call_help_writing":
            return own and not ended and self.play.session.can_call_help
        if own and self.writing and action in ("choose", "pause", "quit_and_save", "leave_what_if", "quit_preview"):
            return False  # letters are the trainee's while they write: Esc first
        if action in ("choose", "pause", "call_help"):
            if ended:
                return False
            if action == "call_help" and (own or not self.play.session.can_call_help):
                return False  # help that comes and goes has come; it stays (in one's own words, help is F1)
            return not (action == "choose" and self.paused)  # paused: the options are hidden, and so is their key
        if action == "continue":
            return ended
        if action == "quit_and_save":
            return not self.play.is_what_if and not self.play.preview
        if action == "leave_what_if":
            return self.play.is_what_if
        if action == "quit_preview":
            return self.play.preview and not self.play.is_what_if
        return True

    def action_choose(self, number: int) -> None:
        options = self.play.session.options
        if self._too_soon():
            return
        if 1 <= number <= len(options):
            self._take(options[number - 1].id)
        else:
            self.app.bell()

    @on(OptionList.OptionSelected, "#choices")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self.paused and event.option.id is not None and not self._too_soon():
            self._take(event.option.id)

    def _too_soon(self) -> bool:
        """A choice key that came before the options on screen had been seen:
        a double press, or a key typed for the options before. It is dropped,
        and the trainee told why, so no turn is taken on options never read.
        (The help key is never held back.)"""
        if self._typing is None and self.app.clock() - self._options_at >= self.app.options.key_guard:
            return False
        # After a reply in one's own words, what showed is how it was understood, not new options.
        self.notify(self.t("encounter.too_soon_reply" if self._own else "encounter.too_soon"), severity="warning", timeout=4, markup=False)
        return True

    def action_call_help(self) -> None:
        # Always available, even paused: the one key a frightened trainee must find.
        if self.paused:
            self.paused = False
        self._take("help")

    @on(TimeRanOut)
    def _time_ran_out(self, event: TimeRanOut) -> None:
        event.stop()
        s = self.play.session
        if not s.ended and self.play.time_limit is not None and not self.timer.paused:
            self._take("timeout")

    def action_pause(self) -> None:
        self.paused = not self.paused

    def watch_paused(self, paused: bool) -> None:
        if paused:
            self.timer.pause()
        else:
            self.timer.resume()
        self.set_class(paused, "-paused")
        self.query_one(Countdown).refresh()
        if not paused and not self.play.session.ended:
            self.query_one(Choices).focus()

    def on_screen_suspend(self) -> None:
        # A dialog or the command palette is over the encounter: the clock waits.
        self.timer.pause()

    def on_screen_resume(self) -> None:
        if not self.paused:
            self.timer.resume()

    def action_scroll_transcript(self, direction: int) -> None:
        transcript = self.query_one(Transcript)
        if direction < 0:
            transcript.scroll_page_up()
        else:
            transcript.scroll_page_down()

    def action_continue(self) -> None:
        if self.play.session.ended:
            self.post_message(EncounterEnded(self.play))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "continue":
            self.action_continue()

    # --- leaving -------------------------------------------------------------------

    def action_quit_and_save(self) -> None:
        self.confirm_quit()

    def action_leave_what_if(self) -> None:
        self.confirm_quit()

    def action_quit_preview(self) -> None:
        self.confirm_quit()

    def confirm_quit(self) -> None:
        if self.play.is_what_if:
            dialog = ConfirmScreen(self.t("confirm.leave.title"), self.t("confirm.leave.body"), self.t("button.leave"), self.t("button.keep_playing"))
        else:
            turn = len(self.play.session.turns) + (0 if self.play.session.ended else 1)
            body = self.t("confirm.quit.body_ended" if self.play.session.ended else "confirm.quit.body", turn=turn)
            if self.play.preview:
                body = self.t("confirm.quit.body_preview")
            elif self.play.journal is None:
                body = self.t("confirm.quit.body_unsaved")
            elif not self.play.session.turns:
                body = self.t("confirm.quit.body_nothing")  # no turn yet: nothing will be offered to resume
            dialog = ConfirmScreen(self.t("confirm.quit.title"), body, self.t("button.quit"), self.t("button.keep_playing"))
        self.app.push_screen(dialog, self._quit_answered)

    def _quit_answered(self, yes: bool | None) -> None:
        if not yes:
            return
        if self.play.is_what_if:
            self.dismiss()
        else:
            message = self.t("exit.saved") if self.play.journal is not None and self.play.session.turns else ""
            self.app.exit(message=Text(message) if message else None)
