"""The history screen at 80×24, in English and in Finnish: every session with
its date, mode, full ending and full grade; every principle of the
catalogue; and under each session's self-assessment gap, a bar of its own."""

from __future__ import annotations

import re

import pytest

from sim.content.library import load_library
from sim.core.engine import Session
from sim.core.scoring import score
from sim.i18n import t
from sim.reports.trend import SPARKS
from sim.reports.words import passed_word
from sim.session import history
from sim.tui.screens.history import HistoryScreen
from tests.functional.tui.conftest import SIZE, screen_text, shows, until

# The built-in aggressive-desk's best path: the one that reaches `recovery`,
# the principle no other path of the built-in scenarios scores.
BEST = ["hear-him-out", "plain-missing", "org-rep", "two-ways", "honest-cant-today", "anna-and-boundary", "call-caseworker-now", "gracious", "take-five"]
SESSIONS = 12
SCROLLBAR = " ▁▂▃▄▅▆▇█▉▊▋▌▍▎▏▐"  # what a scroll bar leaves at a line's end in the screen's text


def a_long_history() -> list[str]:
    """Twelve sessions of Tess's on the built-in scenarios, every third one
    an assessment, that between them score all fourteen principles; the
    session ids, newest first."""
    lib = load_library([], builtin_scenarios=True)
    critical = frozenset(pid for pid, p in lib.principles.items() if p.critical)
    # aggressive-desk first: BEST is its path.
    scenarios = sorted(lib.scenarios, key=lambda ls: (ls.scenario.id != "aggressive-desk", ls.scenario.id))
    ids = []
    for k in range(SESSIONS):
        loaded = scenarios[k % len(scenarios)]
        scenario = loaded.scenario
        session = Session(scenario, lib.profile_for(scenario), 0, critical)
        if k == 0:
            session = Session.replay(scenario, lib.profile_for(scenario), 0, BEST, critical)
        while not session.ended:  # a different path each time: option k+1, k+2, … of each node
            session.choose((k + len(session.turns)) % len(session.options) + 1)
        scored = score(session)
        ratings = {p.principle: 1 + (k + i) % 5 for i, p in enumerate(scored.principles) if p.goal}
        ids.append(history.record_session(
            session, scored, trainee="Tess", mode="assessment" if k % 3 == 2 else "practice",
            started=f"2024-05-{k + 1:02d}T10:00:00+00:00", self_assessment={"ratings": ratings, "reflections": {}},
            durations_ms=[1000] * len(session.turns), session_id=f"s-{k:02d}", scenario_path=str(loaded.path),
        ))  # fmt: skip
    assert set(history.progress("Tess")) == set(lib.principles), "the history no longer scores every principle"
    return ids[::-1]


async def open_history(pilot) -> HistoryScreen:
    await pilot.press("f3")
    await pilot.app.workers.wait_for_complete()
    await until(pilot, lambda: isinstance(pilot.app.screen, HistoryScreen) and pilot.app.screen.query_one("#sessions").row_count, "the sessions")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """Dates on screen are local time: the same everywhere in UTC."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("lang", ["en", "fi"])
async def test_every_session_shows_its_mode_and_its_full_ending_and_grade(make_app, lang):
    newest_first = a_long_history()
    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one("#sessions")
        assert table.row_count == SESSIONS
        modes = set()
        for n, sid in enumerate(newest_first):
            table.move_cursor(row=n)  # the list scrolls: every session, one after another
            await pilot.pause()
            row = history.session(sid).row
            lines = screen_text(app).splitlines()
            [at] = [i for i, line in enumerate(lines) if line.lstrip().startswith(row.started[:10] + " 10:00")]
            first, second = (line.rstrip(SCROLLBAR) for line in lines[at : at + 2])
            mode, ending, grade = (t(key, lang) for key in (f"mode.{row.mode}", f"ending.{row.ending}", f"grade.{row.grade}"))
            result = passed_word(row.pass_result, lang)
            assert re.search(rf"\s{re.escape(grade)}\s*$", first), first
            assert re.match(rf"^\s*{re.escape(mode)}\s+{re.escape(ending)}\s+{re.escape(result)}\s*$", second), second
            modes.add(mode)
        assert modes == {t("mode.practice", lang), t("mode.assessment", lang)}
        # The list reaches down to the keys: no empty rows under it.
        assert lines[-2].strip(SCROLLBAR)


@pytest.mark.parametrize("lang", ["en", "fi"])
async def test_the_progress_view_shows_every_principle_and_a_bar_under_each_gap(make_app, lang):
    a_long_history()
    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.press("t")
        text = await shows(pilot, t("history.progress", lang))
        names = [p.name[lang] for p in app.catalog.library.principles.values()]
        assert len(names) == 14
        assert [name for name in names if name not in text] == []  # all fourteen on one screen
        lines = text.splitlines()
        # The gaps, oldest first, as many as fit, and a bar under each one's first character.
        [at] = [i for i, line in enumerate(lines) if re.match(r"^\s*[+−±]\d", line)]
        numbers, bars = lines[at], lines[at + 1]
        starts = [m.start() for m in re.finditer(r"[+−±]\d+", numbers)]
        marks = [i for i, ch in enumerate(bars) if ch in SPARKS]
        assert starts == marks and len(starts) >= 8
        assert t("history.calibration_newest", lang, shown=len(starts), total=SESSIONS) in numbers
        assert t("history.calibration_distance", lang) in bars
        assert "…" not in numbers
        assert lines.index(bars) == len(lines) - 2  # the last line above the keys: no empty space
        # Enter does not open a session from here; the first view is one key away.
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("t")
        await until(pilot, lambda: screen.focused is screen.query_one("#sessions"), "the sessions")
