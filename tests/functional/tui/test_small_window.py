"""Below 80×24 the simulator says what size it needs instead of showing a
screen cut to pieces, and takes the warning away once the window is large
enough again; meanwhile nothing of the session is lost, and a timed turn's
clock stands still."""

from __future__ import annotations

from sim.tui.app import TooSmall
from sim.tui.screens.encounter import EncounterScreen
from sim.tui.screens.home import HomeScreen
from sim.tui.widgets.countdown import Countdown
from tests.functional.tui.conftest import SIZE, TIMED, screen_text, shows, start, until


def flat(text: str) -> str:
    """The screen's words with the box and the wrapping taken out."""
    return " ".join(text.replace("│", " ").split())


async def test_a_small_window_is_told_the_size_it_needs_and_the_encounter_waits(make_app, clock):
    app = make_app(TIMED, play="timed-call")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        encounter = app.screen
        assert isinstance(encounter, EncounterScreen)
        await shows(pilot, "0:20 left")
        clock.advance(5)
        await pilot.resize_terminal(60, 20)
        await until(pilot, lambda: isinstance(app.screen, TooSmall), "the warning")
        said = flat(await shows(pilot, "60×20"))
        assert "The window is 60×20; the simulator needs at least 80×24. Enlarge the window or make the font smaller." in said
        assert "Nothing is lost meanwhile: the session waits, and a timed turn's clock is stopped." in said
        assert "Hello?" not in said  # not a cut encounter under the warning
        # Longer than the turn's 20 seconds: behind the warning, they do not run.
        clock.advance(600)
        encounter.query_one(Countdown).tick()
        await pilot.press("1")  # and the keys of the screen underneath do nothing
        await pilot.pause()
        assert encounter.play.session.actions == []
        await pilot.resize_terminal(70, 22)  # still too small: the numbers follow the window
        await shows(pilot, "70×22")
        await pilot.resize_terminal(*SIZE)
        await until(pilot, lambda: app.screen is encounter, "the encounter back")
        await shows(pilot, "0:15 left", "Hello? [red]Is anyone there?[/red]")
        assert encounter.play.session.actions == [] and not encounter.paused
        assert encounter.timer.elapsed() == 5
        await pilot.press("1")
        await until(pilot, lambda: encounter.play.session.actions == ["greet"], "the choice")


async def test_a_start_in_a_small_window_says_it_in_finnish_and_a_larger_one_shows_the_home_screen(make_app):
    app = make_app(lang="fi")
    async with app.run_test(size=(60, 20)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TooSmall), "the warning")
        said = flat(await shows(pilot, "60×20"))
        assert "Ikkuna on liian pieni" in said
        assert "Ikkuna on 60×20, mutta simulaattori tarvitsee vähintään 80×24. Suurenna ikkunaa tai pienennä fonttikokoa." in said
        assert "Mitään ei menetetä sillä välin" in said
        await pilot.resize_terminal(100, 30)
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
        await shows(pilot, "Kohtaamissimulaattori")
        assert len(app.screen_stack) == 1


async def test_quitting_under_the_warning_asks_as_the_encounter_would(make_app):
    app = make_app(TIMED, play="timed-call")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.resize_terminal(60, 20)
        await until(pilot, lambda: isinstance(app.screen, TooSmall), "the warning")
        await pilot.press("ctrl+q")
        await shows(pilot, "Keep playing")  # the encounter's question, not a quit at once
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, TooSmall), "the warning again")
        await pilot.resize_terminal(*SIZE)
        await until(pilot, lambda: isinstance(app.screen, EncounterScreen), "the encounter back")
        assert "The window is" not in screen_text(app)
