"""The simulator app: owns the scenario catalogue and the settings, and
decides which screen follows which (screens only say what happened)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette

from sim import journal
from sim.engine import EngineError
from sim.i18n import t
from sim.journal import Journal, JournalInfo
from sim.library import Library, LoadedScenario
from sim.text import clean, localize
from sim.tui.catalog import Catalog, Entry
from sim.tui.clock import Clock
from sim.tui.commands import SimCommands
from sim.tui.messages import EncounterEnded, EncounterStartRequested, ReplayRequested, ScenarioChosen, SelfAssessed
from sim.tui.play import Play
from sim.tui.screens.base import SimModal, SimScreen, localize_bindings
from sim.tui.screens.briefing import BriefingScreen
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.encounter import EncounterScreen
from sim.tui.screens.error import ErrorScreen
from sim.tui.screens.home import HomeScreen
from sim.tui.screens.resume import Answer, ResumeScreen, Unfinished
from sim.tui.screens.self_assessment import SelfAssessmentScreen

DARK, LIGHT = "textual-dark", "textual-light"


@dataclass(frozen=True)
class Options:
    dirs: tuple[Path, ...] = ()
    files: tuple[Path, ...] = ()  # single scenario files, with the personas beside them
    play: str | None = None  # a scenario id or file to open at the briefing
    mode: str = "practice"
    lang: str = "en"
    clock: Clock = time.monotonic
    seed: int | None = None  # the order of the options; random unless given (tests, demonstrations)


class SimApp(App[None]):
    CSS_PATH = "app.tcss"
    COMMANDS = {SimCommands}
    BINDINGS = [
        # Not a priority binding: a screen with something to lose binds ctrl+q itself.
        Binding("ctrl+q", "quit", "key.quit", id="app.quit", tooltip="tip.quit"),
        Binding("ctrl+t", "toggle_theme", "key.theme", show=False, id="app.theme", tooltip="tip.theme"),
        Binding("f1", "toggle_keys", "key.keys", show=False, id="app.keys", tooltip="tip.keys"),
        Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True, id="app.palette", tooltip="tip.palette"),
    ]

    def __init__(self, options: Options = Options(), catalog: Catalog | None = None) -> None:
        super().__init__()
        self.options = options
        self.lang = options.lang
        self.mode = options.mode
        self.clock = options.clock
        self.catalog = catalog if catalog is not None else Catalog.load(options.dirs, options.files)
        self.theme = DARK
        self._apply_language()
        # Where each interrupted journal's scenario was found, by session id.
        self._resumable: dict[str, tuple[Library, LoadedScenario]] = {}

    def _fatal_error(self) -> None:
        # Textual would print a traceback with locals. Users get one line and the
        # news that their session is safe; SIM_DEBUG=1 keeps Textual's report.
        if os.environ.get("SIM_DEBUG"):
            super()._fatal_error()
            return
        error = self._exception
        detail = f"{type(error).__name__}: {error}" if error is not None else "unknown error"
        self.bell()
        self._exit_renderables.append(Text(t("exit.crashed", self.lang, error=detail)))
        self._close_messages_no_wait()

    def _apply_language(self) -> None:
        localize_bindings(self, self.lang)
        self.title = t("app.title", self.lang)

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen()

    def on_mount(self) -> None:
        if self.options.play is not None:
            entry = self.catalog.find(self.options.play)
            if entry is not None:
                self.open_entry(entry)
        self.offer_resume()

    # --- app-wide actions ----------------------------------------------------------

    def action_quit(self) -> None:  # type: ignore[override]
        screen = self.screen
        if isinstance(screen, (SimScreen, SimModal)):
            screen.confirm_quit()
        else:
            self.exit()

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def action_toggle_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=t("palette.placeholder", self.lang)))

    def switch_language(self) -> None:
        self.lang = "en" if self.lang == "fi" else "fi"
        self._apply_language()
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.call_later(screen.relabel)

    # --- navigation ------------------------------------------------------------------

    def open_entry(self, entry: Entry) -> None:
        if entry.loaded is None:
            self.push_screen(
                ErrorScreen(
                    t("error.title", self.lang, file=entry.path.name),
                    entry.problems,
                    hint=t("error.fix_hint", self.lang, path=str(entry.path)),
                )
            )
        else:
            self.push_screen(BriefingScreen(entry))

    def on_scenario_chosen(self, message: ScenarioChosen) -> None:
        self.open_entry(message.entry)

    def on_encounter_start_requested(self, message: EncounterStartRequested) -> None:
        assert message.entry.loaded is not None
        play = Play.start(self.catalog.library, message.entry.loaded, mode=self.mode, lang=self.lang, seed=self.options.seed)
        self.switch_screen(EncounterScreen(play))

    def on_encounter_ended(self, message: EncounterEnded) -> None:
        if message.play.is_what_if:
            self.switch_screen(DebriefScreen(message.play))
        else:
            self.switch_screen(SelfAssessmentScreen(message.play))

    def on_self_assessed(self, message: SelfAssessed) -> None:
        try:
            message.play.finish(message.answers)
        except OSError as exc:
            self.notify(t("journal.finish_failed", self.lang, error=str(exc)), severity="error", markup=False)
        self.switch_screen(DebriefScreen(message.play))

    def on_replay_requested(self, message: ReplayRequested) -> None:
        self.push_screen(EncounterScreen(message.play.what_if(message.turn)))

    # --- resuming ----------------------------------------------------------------------

    def offer_resume(self) -> None:
        items = [self._unfinished(info) for info in journal.interrupted()]
        if items:
            self.push_screen(ResumeScreen(items), self._resume_answered)

    def _unfinished(self, info: JournalInfo) -> Unfinished:
        found = self._locate(info)
        problem = ""
        if found is None:
            title = clean(info.scenario_id)
            problem = t("resume.missing", self.lang)
        else:
            s = found[1].scenario
            title = clean(localize(s.title, self.lang, s.language))
            if s.content_hash != info.content_hash:
                problem = t("resume.changed", self.lang)
            else:
                self._resumable[info.session_id] = found
        label = t("resume.item", self.lang, title=title, turn=len(info.actions) + 1, started=_local_time(info.started))
        return Unfinished(info, label, problem)

    def _locate(self, info: JournalInfo) -> tuple[Library, LoadedScenario] | None:
        """The scenario a journal was played on: in the catalogue, or at the
        path it was loaded from (the trainee may not have given --dir again)."""
        candidates: list[tuple[Library, LoadedScenario]] = []
        entry = self.catalog.find(info.scenario_id)
        if entry is not None and entry.loaded is not None:
            candidates.append((self.catalog.library, entry.loaded))
        path = Path(info.scenario_path)
        if path.is_file() and not any(c[1].path.resolve() == path.resolve() for c in candidates):
            beside = Catalog.load(files=[path])
            other = beside.find(str(path))
            if other is not None and other.loaded is not None:
                candidates.append((beside.library, other.loaded))
        for candidate in candidates:
            if candidate[1].scenario.content_hash == info.content_hash:
                return candidate
        return candidates[0] if candidates else None

    def _resume_answered(self, answer: Answer) -> None:
        if answer is None:
            return
        action, item = answer
        if action == "discard":
            try:
                Journal.reopen(item.info).abandon()
            except OSError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.notify(t("resume.discarded", self.lang))
            self.offer_resume()  # the next one, if several were interrupted
            return
        library, loaded = self._resumable[item.info.session_id]
        try:
            play = Play.resume(library, loaded, item.info, lang=self.lang)
        except EngineError as exc:
            self.push_screen(ErrorScreen(t("resume.failed", self.lang), message=str(exc)))
            return
        if play.session.ended:
            self.push_screen(SelfAssessmentScreen(play))
        else:
            self.push_screen(EncounterScreen(play, resumed=True))


def _local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso

