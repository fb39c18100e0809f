"""The theme chosen with ctrl+t is the one the next start opens with; a tab
of `sim serve` keeps its choice to itself, as it does the trainee's name."""

from __future__ import annotations

import json

from sim.session import settings
from sim.tui.app import DARK, LIGHT
from tests.functional.tui.conftest import SIZE, until
from tests.history_helpers import read_only


async def toggle(pilot) -> None:
    await pilot.press("ctrl+t")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_chosen_theme_is_the_next_start_s(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == DARK  # never chosen: dark
        await toggle(pilot)
        assert app.theme == LIGHT
    assert settings.theme() == "light"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        assert again.theme == LIGHT
        await toggle(pilot)
    assert settings.theme() == "dark"
    async with make_app().run_test(size=SIZE) as pilot:
        assert pilot.app.theme == DARK


async def test_two_quick_toggles_keep_the_last(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t", "ctrl+t", "ctrl+t")
        await app.workers.wait_for_complete()
        assert app.theme == LIGHT
    assert settings.theme() == "light"


async def test_the_theme_is_kept_beside_the_name(make_app, _isolated_home):
    settings.save_trainee("Anna Virtanen")
    async with make_app().run_test(size=SIZE) as pilot:
        await toggle(pilot)
    saved = json.loads((_isolated_home / settings.SETTINGS_NAME).read_text(encoding="utf-8"))
    assert saved["trainee"] == "Anna Virtanen" and saved["theme"] == "light"


async def test_an_unknown_theme_in_the_settings_starts_dark(make_app, _isolated_home):
    (_isolated_home / settings.SETTINGS_NAME).write_text('{"theme": "purple"}', encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        assert pilot.app.theme == DARK


async def test_a_classroom_tab_neither_saves_nor_reads_the_theme(make_app, monkeypatch, _isolated_home):
    # `sim serve`: one data folder for every tab; the next tab is someone else's.
    path = _isolated_home / settings.SETTINGS_NAME
    path.write_text('{"theme": "light"}', encoding="utf-8")  # chosen outside the server, on this account
    monkeypatch.setenv(settings.ASK_NAME_ENV, "1")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == DARK
        app.action_toggle_theme()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.theme == LIGHT  # this tab's choice, for as long as the tab lives
    assert json.loads(path.read_text(encoding="utf-8")) == {"theme": "light"}  # untouched
    async with make_app().run_test(size=SIZE) as pilot:
        assert pilot.app.theme == DARK


async def test_a_theme_that_cannot_be_saved_still_changes_and_says_so(make_app, _isolated_home):
    app = make_app()
    with read_only(_isolated_home):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+t")
            await until(pilot, lambda: app._notifications, "a notice")
            assert app.theme == LIGHT
            [notice] = app._notifications
            assert notice.message.startswith("The theme is not remembered for the next start: ")
            assert notice.severity == "error"
    assert settings.theme() is None
