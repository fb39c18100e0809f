"""The scenario list: columns, filter, broken files, last results, language."""

from __future__ import annotations

import re

from textual.widgets import DataTable

from sim.session.journal import Journal
from sim.tui.screens.briefing import BriefingScreen
from sim.tui.screens.error import ErrorScreen
from sim.tui.screens.home import HomeScreen
from tests.conftest import SAMPLE
from tests.functional.tui.conftest import BROKEN, SIZE, TIMED, palette_highlights, screen_text, shows, until


async def test_lists_built_in_and_given_scenarios_with_their_details(make_app):
    app = make_app(SAMPLE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = await shows(pilot, "Scenario", "Last")
        for header in ("Scenario", "Channel", "Client", "Level", "Lang", "Last"):
            assert header in text
        ids = [e.key for e in app.catalog.entries]
        assert "sample" in ids
        assert len(ids) > 1  # the built-in scenarios are there too (whatever they are)
        await pilot.press(*"sample")
        assert app.screen.query_one(DataTable).row_count == 1
        text = await shows(pilot, "Sample")
        assert "Angry client" in text and "easy" in text
        assert "A client comes back about a delayed decision." in screen_text(app)
        await pilot.press("escape")
        assert app.screen.query_one(DataTable).row_count == len(ids)


async def test_last_score_and_an_unfinished_session_show_in_the_list(make_app):
    for overall in (85, None):
        j = Journal.start(scenario_id="sample", scenario_path=str(SAMPLE / "sample.yaml"), content_hash="x", seed=1, mode="practice", lang="en")
        j.record(1, "acknowledge", "opening")
        if overall is not None:
            j.finish("resolved", None, overall)
    app = make_app(SAMPLE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")  # not now: the resume offer is tested elsewhere
        await pilot.press(*"sample")
        row = app.screen.query_one(DataTable).get_row_at(0)
        assert row[-1].plain == "85 ↻"
        assert "last score 85" in screen_text(app)


async def test_broken_file_is_listed_and_opens_an_error_screen_with_locations(make_app):
    app = make_app(SAMPLE, BROKEN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"broken", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        text = await shows(pilot, "there is no node `nowhere`")
        # The location wraps wherever the checkout's path length puts the break: read the
        # dialog's lines (between its side borders, not the list behind them) unwrapped.
        inside = "".join(line.split("█")[1] for line in text.splitlines() if line.count("█") >= 2)
        assert "broken.yaml:14:15" in re.sub(r"\s+", "", inside)
        assert "Traceback" not in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_finnish_ui_and_switching_language_on_the_fly(make_app):
    app = make_app(SAMPLE, lang="fi")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"sample")
        text = screen_text(app)
        assert "Harjoitus" in text and "Kanava" in text and "Asiakas" in text
        assert "Kiukkuinen" in text and "Esimerkki" in text  # the Finnish persona and title
        assert "In English" in text  # the footer offers the other language
        await pilot.press("f2")
        await pilot.pause()
        text = screen_text(app)
        assert app.lang == "en"
        assert "Scenario" in text and "Suomeksi" in text and "Angry client" in text and "Sample" in text


async def test_command_palette_opens_a_scenario(make_app):
    app = make_app(SAMPLE, TIMED)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"hurry")
        await palette_highlights(pilot, "Play: A call in a [bold]hurry[/bold]")  # authored title, literally
        assert "Play: A call in a [bold]hurry[/bold]" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, BriefingScreen), "the briefing")
        assert app.screen.loaded.scenario.id == "timed-call"


async def test_theme_toggles_between_dark_and_light(make_app):
    app = make_app(SAMPLE)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "sim-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "sim-light"
