"""The command palette: scenarios to open (from the scenario list) and the
app's actions, in the trainee's language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from sim.i18n import t
from sim.session.settings import asks_name_each_start
from sim.text import clean, localize
from sim.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from sim.tui.app import SimApp


@dataclass(frozen=True, slots=True)
class Command:
    name: str  # already cleaned: may hold authored text
    help: str
    run: Callable[[], object]


def highlight(matcher: Matcher, text: str) -> Content:
    """Like `Matcher.highlight`, but the text is never read as markup: a
    scenario title is authored text."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class SimCommands(Provider):
    @property
    def sim(self) -> SimApp:
        return self.app  # type: ignore[return-value]  # Provider.app is an App; the SimApp that lists this provider

    def commands(self) -> Iterator[Command]:
        app = self.sim
        lang = app.lang
        home = self.screen if isinstance(self.screen, HomeScreen) else None
        if home is not None:
            for entry in app.catalog.entries:
                if entry.loaded is None:
                    name = t("cmd.broken", lang, file=clean(entry.path.name))
                    yield Command(name, clean(str(entry.path)), partial(home.open_entry, entry))
                    continue
                s = entry.loaded.scenario
                title = clean(localize(s.title, lang, s.language))
                details = " · ".join((t(f"channel.{s.channel.value}", lang), t(f"difficulty.{s.difficulty}", lang), s.id))
                yield Command(t("cmd.play", lang, title=title), details, partial(home.open_entry, entry))
            yield Command(t("cmd.history", lang), t("cmd.history.help", lang), app.action_history)
            if not asks_name_each_start():  # a classroom server's tab is one trainee's: the class is not theirs to see
                yield Command(t("cmd.class", lang), t("cmd.class.help", lang), app.action_class_view)
            yield Command(t("cmd.trainee", lang, name=clean(app.trainee)), t("cmd.trainee.help", lang), app.action_change_trainee)
            yield Command(t("cmd.language", lang), t("cmd.language.help", lang), app.switch_language)
            yield Command(t("cmd.reload", lang), t("cmd.reload.help", lang), home.action_reload)
        if home is not None:
            yield Command(t(f"cmd.time_limits.{app.time_limits}", lang), t("cmd.time_limits.help", lang), app.action_cycle_time_limits)
        yield Command(t("cmd.theme", lang), t("cmd.theme.help", lang), app.action_toggle_theme)
        yield Command(t("cmd.keys", lang), t("cmd.keys.help", lang), app.action_toggle_keys)
        yield Command(t("cmd.quit", lang), t("cmd.quit.help", lang), app.action_quit)

    async def discover(self) -> Hits:
        for command in self.commands():
            yield DiscoveryHit(Content(command.name), command.run, text=command.name, help=escape(command.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(command.name)
            if score > 0:
                # The palette reads help text as markup, and it may name a file.
                yield Hit(score, highlight(matcher, command.name), command.run, text=command.name, help=escape(command.help))
