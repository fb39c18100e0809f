"""The simulator app: owns the scenario catalogue and the settings, and
decides which screen follows which (screens only say what happened).

Also what happens around the screens: resuming interrupted journals,
recording finished sessions in the history, and, for `sim play --watch`,
carrying the preview over to each saved version of the file.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.geometry import Size
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES
from textual.widgets import Static
from textual.worker import Worker

from sim.errors import UserError
from sim.i18n import t
from sim.session import settings
from sim.session.catalog import Catalog, Entry
from sim.session.clock import Clock
from sim.session.journal import Journal
from sim.text import clean, local_time, localize
from sim.tui.commands import SimCommands
from sim.tui.messages import (
    AftercareDone,
    EncounterEnded,
    EncounterStartRequested,
    ReplayRequested,
    ScenarioChosen,
    SelfAssessed,
)
from sim.tui.screens.base import SimModal, SimScreen, localize_bindings
from sim.tui.screens.briefing import BriefingScreen
from sim.tui.screens.error import ErrorScreen
from sim.tui.screens.home import HomeScreen
from sim.tui.screens.resume import Answer, ResumeScreen, Unfinished
from sim.tui.screens.trainee import TraineeScreen

# The engine and the typed model (pydantic), and the screens and modules that
# use them, are imported by the methods that need them: the home screen lists
# the scenarios from the catalogue's index, so `sim` starts without them.
if TYPE_CHECKING:
    from sim.content.library import LoadedScenario
    from sim.content.problems import Problem
    from sim.session.play import Play
    from sim.session.resume import Unfinished as JudgedUnfinished
    from sim.session.watch import FileWatch

DARK, LIGHT = "sim-dark", "sim-light"
THEME_SETTING = {DARK: "dark", LIGHT: "light"}  # what settings.json keeps: not Textual's names

# Textual's two themes, with every text colour readable: WCAG AA, 4.5:1 against
# what it is drawn on, in truecolor and in a 256-colour terminal. Foreground
# glyphs (text, meters, the countdown) use the $text-* variants, which are
# made for the theme's background; the base colours fill borders and
# backgrounds. tests/functional/tui/test_contrast.py checks every cell.
THEMES = (
    replace(
        BUILTIN_THEMES["textual-dark"],
        name=DARK,
        primary="#0066B3",  # light text on a button, darker than Textual's #0178D4 (3.8:1)
        variables={
            # A pale row cursor, dark text on it: readable even where a row's text is dimmed.
            "block-cursor-background": "#C7E1F8",
        },
    ),
    replace(
        BUILTIN_THEMES["textual-light"],
        name=LIGHT,
        foreground="#101010",  # dimmed (the header's sub-title) it still reads: #1F1F1F did not
        variables={
            **BUILTIN_THEMES["textual-light"].variables,
            # Dark enough to stay dark where a 256-colour terminal rounds them.
            "block-cursor-background": "#002F51",
            "footer-key-foreground": "#002F51",  # Textual's #0178D4: 2.9:1 on the footer
            "text-muted": "auto 70%",
            "text-accent": "#952E00",  # the headings and the client's label: #FFA62B was 1.5:1
            "text-warning": "#952E00",
            "text-success": "#155724",
        },
    ),
)


MIN_WIDTH, MIN_HEIGHT = 80, 24  # the size every screen is laid out for


def fits(size: Size) -> bool:
    return size.width >= MIN_WIDTH and size.height >= MIN_HEIGHT


class TooSmall(SimScreen[None]):
    """Instead of a screen cut to pieces: how big the window is, and how big
    it must be. Pushed over whatever was on screen, which waits, suspended
    (an encounter's clock stops with it), until the window is large enough."""

    def __init__(self) -> None:
        super().__init__(id="too-small")

    def compose(self) -> ComposeResult:
        with Vertical(id="too-small-box") as box:
            box.border_title = self.t("size.too_small_title")
            yield Static(id="too-small-size")
            yield Static(Content(self.t("size.kept")), id="too-small-kept")

    def on_mount(self) -> None:
        self.show_size()

    def on_resize(self) -> None:
        self.show_size()

    def show_size(self) -> None:
        width, height = self.app.size
        said = self.t("size.too_small", width=width, height=height, min_width=MIN_WIDTH, min_height=MIN_HEIGHT)
        self.query_one("#too-small-size", Static).update(Content(said))

    def on_screen_resume(self) -> None:
        # On top again (a dialog opened over it has closed): the window may have grown meanwhile.
        if fits(self.app.size):
            self.dismiss()

    def confirm_quit(self) -> None:
        # ctrl+q means what it means on the screen underneath: an encounter asks first.
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 else None
        if isinstance(below, (SimScreen, SimModal)):
            below.confirm_quit()
        else:
            self.app.exit()


@dataclass(frozen=True)
class Options:
    dirs: tuple[Path, ...] = ()
    files: tuple[Path, ...] = ()  # single scenario files, with the personas beside them
    play: str | None = None  # a scenario id or file to open at the briefing
    mode: str = "practice"
    lang: str = "en"
    clock: Clock = time.monotonic
    seed: int | None = None  # the order of the options; random unless given (tests, demonstrations)
    watch: bool = False  # `play` is a file to preview live: reloaded on save, never journalled
    time_limits: str | None = None  # `--time-limits` for this run; else the trainee's setting
    # Seconds new options must be on screen before a choice key counts (sim.session.settings).
    key_guard: float = field(default_factory=settings.key_guard_seconds)
    # The longest a chat client is seen typing before the reply appears (0: at once).
    typing: float = field(default_factory=settings.typing_seconds)
    own_words: bool | None = None  # `--own-words` for this run; else the trainee's setting


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
        self.catalog = catalog if catalog is not None else Catalog.load(options.dirs, options.files, trainee=settings.known_trainee())
        for theme in THEMES:
            self.register_theme(theme)
        # The theme chosen last time (not in a tab of `sim serve`: see sim.session.settings).
        self.theme = LIGHT if settings.theme() == THEME_SETTING[LIGHT] else DARK
        self._theme_saving = threading.Lock()
        # Read once: the trainee's name is asked for only when none was ever given.
        self._named = settings.trainee()
        self._trainee = self._named
        self._watch: FileWatch | None = None
        self._watch_worker: Worker[None] | None = None
        self._watch_error: ErrorScreen | None = None
        self._watch_hash = ""  # the version on screen: a save that changes nothing is not a reload
        self._apply_language()
        # Where each interrupted journal's scenario was found, and the session replayed on it.
        self._resumable: dict[str, JudgedUnfinished] = {}

    @property
    def trainee(self) -> str:
        """Whose sessions these are: the name given, else SIM_TRAINEE or the login name."""
        if self._trainee is None:
            self._trainee = settings.default_trainee()
        return self._trainee

    @trainee.setter
    def trainee(self, name: str) -> None:
        self._trainee = name

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
        # In every header: a preview must never pass for practice that counts.
        self.title = t("watch.title" if self.options.watch else "app.title", self.lang)

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen()

    def on_mount(self) -> None:
        entry = self.catalog.find(self.options.play) if self.options.play is not None else None
        if self.options.watch and entry is not None:
            if entry.loaded is None:
                # Broken already: the author fixes it with the preview open.
                self._show_watch_error(self._watch_error_screen(entry.path, list(entry.problems)))
            else:
                self.open_entry(entry)
            self.start_watch(entry.path, entry.loaded)
            return  # an author previewing a file is not asked who practises, nor to resume
        if entry is not None:
            self.open_entry(entry)
        if self._named is None and not os.environ.get("SIM_TRAINEE", "").strip():
            # Who it is first: the interrupted sessions offered are theirs.
            self.push_screen(self._trainee_screen(first=True), partial(self._trainee_answered, first=True))
        else:
            self.offer_resume()

    def on_ready(self) -> None:
        from sim.startup import resume_collection

        resume_collection(freeze=True)  # the first frame is on screen: see sim.startup
        self._check_size(self.size)  # after the screens a start opens, so the warning is on top
        home = self.screen_stack[0] if self.screen_stack else None
        if isinstance(home, HomeScreen):
            home.plan_next()  # what next, once the list is on screen

    def on_resize(self, event: Resize) -> None:
        self._check_size(event.size)

    def _check_size(self, size: Size) -> None:
        """Below 80×24, the warning instead of the screen; gone again once the window fits."""
        if not fits(size) and not isinstance(self.screen, TooSmall):
            self.push_screen(TooSmall())
        elif fits(size) and isinstance(self.screen, TooSmall):
            self.screen.dismiss()

    # --- app-wide actions ----------------------------------------------------------

    def action_quit(self) -> None:  # type: ignore[override]  # App's is async; Textual runs a plain one as well
        screen = self.screen
        if isinstance(screen, (SimScreen, SimModal)):
            screen.confirm_quit()
        else:
            self.exit()

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK
        self._save_theme()

    @work(thread=True, exit_on_error=False, group="settings")
    def _save_theme(self) -> None:
        # The theme on screen when it is this save's turn: of quick toggles, the last is kept.
        try:
            with self._theme_saving:
                settings.save_theme(THEME_SETTING[self.theme])
        except OSError as exc:
            message = t("theme.save_failed", self.lang, error=exc.strerror or str(exc))
            self.call_from_thread(self.notify, message, severity="error", markup=False)

    def action_toggle_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]  # wants App[object]; App is invariant
            self.push_screen(CommandPalette(id="--command-palette", placeholder=t("palette.placeholder", self.lang)))

    def action_history(self) -> None:
        # Imported on first use: the history screen is not needed to start.
        from sim.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def action_class_view(self) -> None:
        from sim.tui.screens.class_view import ClassScreen

        self.push_screen(ClassScreen())

    def action_change_trainee(self) -> None:
        self.push_screen(self._trainee_screen(first=False), partial(self._trainee_answered, first=False))

    @property
    def time_limits(self) -> str:
        """The time limits this trainee plays with: `--time-limits`, else their setting."""
        return self.options.time_limits or settings.time_limits(self.trainee)

    @property
    def own_words(self) -> bool:
        """Whether this trainee answers in their own words: `--own-words`, else their setting."""
        return self.options.own_words if self.options.own_words is not None else settings.own_words(self.trainee)

    def toggle_own_words(self) -> bool:
        """Answer in one's own words, or from the list: switched and remembered for this trainee."""
        chosen = not self.own_words
        self._remember("own_words", chosen, lambda: settings.save_own_words(self.trainee, chosen))
        return chosen

    def action_cycle_time_limits(self) -> None:
        """normal → doubled → off → normal, remembered for this trainee."""
        order = settings.TIME_LIMITS
        chosen = order[(order.index(self.time_limits) + 1) % len(order)]
        self._remember("time_limits", chosen, lambda: settings.save_time_limits(self.trainee, chosen))
        self.notify(t(f"limits.now.{chosen}", self.lang), markup=False)

    def _remember(self, option: str, chosen: Any, save: Callable[[], None]) -> None:
        """A setting chosen here: it wins over the command line's flag, and is saved
        for the trainee; if the data folder cannot be written, it is kept until quit."""
        unset: dict[str, Any] = {option: None}
        self.options = replace(self.options, **unset)
        try:
            save()
        except OSError as exc:
            self.notify(t("limits.save_failed", self.lang, error=exc.strerror or str(exc)), severity="error", markup=False)
            kept: dict[str, Any] = {option: chosen}
            self.options = replace(self.options, **kept)

    def _trainee_screen(self, *, first: bool) -> TraineeScreen:
        if settings.asks_name_each_start():
            # A classroom tab: no name offered (it would be the server's account),
            # a PIN with the name, and no way past the first question without both.
            return TraineeScreen("" if first else self.trainee, served=True, required=first)
        return TraineeScreen(self.trainee)

    def _trainee_answered(self, name: str | None, first: bool) -> None:
        if name is None and not first:
            return
        # Esc on the first start keeps the default name, and remembers it, so it is not asked again.
        self.trainee = name or self.trainee
        self._named = self.trainee
        self._save_trainee(self.trainee)
        if name is not None:
            self.notify(t("trainee.saved", self.lang, name=clean(self.trainee)), markup=False)
        home = self.screen_stack[0]
        if isinstance(home, HomeScreen):
            home.plan_next()  # what next, and the assignments, are the new trainee's
            if self.catalog.trainee != self.trainee:
                home.refresh_results()  # the last scores shown are the new trainee's
        if first or self.screen is home:
            self.offer_resume()  # and so are the sessions offered to go on with (not mid-encounter)

    @work(thread=True, exit_on_error=False, group="settings")
    def _save_trainee(self, name: str) -> None:
        try:
            settings.save_trainee(name)
        except OSError as exc:
            message = t("trainee.save_failed", self.lang, error=exc.strerror or str(exc))
            self.call_from_thread(self.notify, message, severity="error", markup=False)

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
        from sim.session.play import Play
        from sim.tui.screens.encounter import EncounterScreen

        assert message.entry.loaded is not None
        play = Play.start(
            self.catalog.library,
            message.entry.loaded,
            mode=self.mode,
            lang=self.lang,
            seed=self.options.seed,
            trainee=self.trainee,
            journalled=not self.options.watch,
            time_limits=self.time_limits,
            own_words=self.own_words,
        )
        self.switch_screen(EncounterScreen(play))

    def on_encounter_ended(self, message: EncounterEnded) -> None:
        from sim.tui.screens.debrief import DebriefScreen
        from sim.tui.screens.self_assessment import SelfAssessmentScreen

        if message.play.is_what_if:
            self.switch_screen(DebriefScreen(message.play))
        elif message.play.needs_aftercare:
            from sim.tui.screens.aftercare import AftercareScreen

            # A hard ending: a moment to recover comes before rating oneself.
            self.switch_screen(AftercareScreen(message.play))
        else:
            self.switch_screen(SelfAssessmentScreen(message.play))

    def on_aftercare_done(self, message: AftercareDone) -> None:
        from sim.tui.screens.self_assessment import SelfAssessmentScreen

        self.switch_screen(SelfAssessmentScreen(message.play))

    def on_self_assessed(self, message: SelfAssessed) -> None:
        from sim.tui.screens.debrief import DebriefScreen

        play = message.play
        play.finish(message.answers)  # a journal that cannot take the end says so in the debrief
        if not play.preview:
            self._record(play)
        self.switch_screen(DebriefScreen(play))

    @work(thread=True, exit_on_error=False, group="history")
    def _record(self, play: Play) -> None:
        # The debrief is already on screen: a read-only or full data folder costs
        # the history entry, never the debrief (the journal can still bring it in later).
        try:
            play.record_history()
        except UserError as exc:
            said = play.history_failure(exc, self.lang)
        except Exception as exc:  # noqa: BLE001 - a bug here must not pass silently, nor take the debrief down
            said = play.history_failure(UserError("sim", f"{type(exc).__name__}: {exc}"), self.lang)
        else:
            return
        # Not a toast that fades: whether this session is kept anywhere is what
        # the trainee must know before leaving the debrief.
        self.call_from_thread(self.notify, said, severity="error", timeout=3600, markup=False)

    def on_replay_requested(self, message: ReplayRequested) -> None:
        from sim.tui.screens.encounter import EncounterScreen

        self.push_screen(EncounterScreen(message.play.what_if(message.turn)))

    # --- resuming ----------------------------------------------------------------------

    def offer_resume(self) -> None:
        from sim.session.resume import unfinished

        judged = unfinished(self.trainee, self.catalog)
        self._resumable = {u.info.session_id: u for u in judged}
        if judged:
            self.push_screen(ResumeScreen([self._offer(u) for u in judged]), self._resume_answered)

    def _offer(self, item: JudgedUnfinished) -> Unfinished:
        info = item.info
        if item.found is None:
            title = clean(info.scenario_id)
        else:
            s = item.found[1].scenario
            title = clean(localize(s.title, self.lang, s.language))
        note = t("resume.changed_note", self.lang) if item.changed else ""
        label = t("resume.item", self.lang, title=title, turn=len(info.actions) + 1, started=local_time(info.started))
        return Unfinished(info, label, item.why_not(self.lang), note)

    def _resume_answered(self, answer: Answer) -> None:
        from sim.tui.screens.encounter import EncounterScreen
        from sim.tui.screens.self_assessment import SelfAssessmentScreen

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
        judged = self._resumable[item.info.session_id]
        play = judged.play(lang=self.lang, trainee=self.trainee)
        notice = t("event.resumed_changed", self.lang) if judged.changed else ""
        if play.session.ended:
            self.push_screen(SelfAssessmentScreen(play))
            if notice:
                self.notify(notice, markup=False)
        else:
            self.push_screen(EncounterScreen(play, resumed=True, notice=notice))

    # --- live preview (`sim play FILE --watch`) -------------------------------------------

    def start_watch(self, path: Path, loaded: LoadedScenario | None) -> None:
        from sim.session.watch import POLL_SECONDS, FileWatch

        self._watch = FileWatch(path)
        self._watch_hash = loaded.scenario.content_hash if loaded is not None else ""
        self.set_interval(POLL_SECONDS, self.poll_watch)
        self.notify(t("watch.started", self.lang, file=clean(path.name)), timeout=8, markup=False)

    def poll_watch(self) -> None:
        """Look at the file again, unless the last look is still loading it."""
        if self._watch is not None and (self._watch_worker is None or self._watch_worker.is_finished):
            self._watch_worker = self._check_watched()

    @work(thread=True, exit_on_error=False, group="watch")
    def _check_watched(self) -> None:
        assert self._watch is not None
        if self._watch.changed():
            catalog = self.catalog.reload()
            self.call_from_thread(self._watched_changed, catalog)

    def _watched_changed(self, catalog: Catalog) -> None:
        assert self._watch is not None
        path = self._watch.path
        entry = catalog.find(str(path))
        if entry is None or entry.loaded is None:
            problems = [p for e in catalog.entries if e.broken and self._watch.is_watched(e.path) for p in e.problems]
            self._show_watch_error(self._watch_error_screen(path, problems))
            return
        was_broken = self._watch_error is not None
        self._show_watch_error(None)
        self.catalog = catalog
        loaded = entry.loaded
        if loaded.scenario.content_hash == self._watch_hash:
            self.notify(t("watch.fixed" if was_broken else "watch.unchanged", self.lang, file=clean(path.name)), markup=False)
            return
        never_loaded = not self._watch_hash
        self._watch_hash = loaded.scenario.content_hash
        if never_loaded:  # broken since the start: the preview begins now, at the briefing
            self.open_entry(entry)
            self.notify(t("watch.fixed", self.lang, file=clean(path.name)), markup=False)
            return
        self._carry_preview_over(entry)

    def _watch_error_screen(self, path: Path, problems: list[Problem]) -> ErrorScreen:
        return ErrorScreen(
            t("watch.error_title", self.lang, file=path.name),
            problems,
            message="" if problems else t("watch.not_loaded", self.lang, file=path.name),
            hint=t("watch.error_hint", self.lang),
        )

    def _show_watch_error(self, screen: ErrorScreen | None) -> None:
        """Replace the error dialog of the last save (if still open) by `screen`."""
        if self._watch_error is not None and self._watch_error is self.screen:
            self._watch_error.dismiss()
        self._watch_error = screen
        if screen is not None:
            self.push_screen(screen)

    def _carry_preview_over(self, entry: Entry) -> None:
        """Show the reloaded scenario where the author was: the briefing, or the
        same point of the encounter, self-assessment or debrief when the steps
        taken still fit; else the encounter from the start."""
        from sim.session.resume import explain
        from sim.session.watch import carry_over
        from sim.tui.screens.debrief import DebriefScreen
        from sim.tui.screens.encounter import EncounterScreen
        from sim.tui.screens.self_assessment import SelfAssessmentScreen

        assert entry.loaded is not None
        file = clean(entry.path.name)
        current = next((s for s in reversed(self.screen_stack) if isinstance(s, (BriefingScreen, EncounterScreen, SelfAssessmentScreen, DebriefScreen))), None)
        screen: Screen[None]
        if current is None or isinstance(current, BriefingScreen):
            while self.screen_stack[-1] is not (current or self.screen_stack[0]):
                self.pop_screen()
            if current is None:
                home = self.screen_stack[0]
                if isinstance(home, HomeScreen):
                    home.fill()
            else:
                current.call_later(current.reload, entry)
            self.notify(t("watch.reloaded", self.lang, file=file), markup=False)
            return
        play, verdict = carry_over(current.play, self.catalog.library, entry.loaded)
        if verdict.ok:
            message = t("watch.same_point", self.lang, file=file)
            screen = EncounterScreen(play, notice=message) if isinstance(current, EncounterScreen) else type(current)(play)
        else:
            message = t("watch.restarted", self.lang, file=file, why=explain(verdict, self.lang, bare=True))
            screen = EncounterScreen(play, notice=message)
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(screen)
        if not isinstance(screen, EncounterScreen):  # an encounter has it as the last note of the story
            self.notify(message, markup=False)

