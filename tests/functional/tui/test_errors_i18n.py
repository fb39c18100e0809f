"""The history's errors in the TUI speak the app's language: a session that
cannot be recorded, a history that cannot be read, a debrief that cannot be
rebuilt (the path or the file in them stays as it is)."""

from __future__ import annotations

import shutil

from sim.session import history
from sim.session.history import StoreError
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.error import ErrorScreen
from sim.tui.screens.history import HistoryScreen
from tests.conftest import SAMPLE
from tests.functional.tui.conftest import SIZE, screen_text
from tests.functional.tui.test_history import edit, play_sample_to_the_debrief, record_on, settle
from tests.history_helpers import SHAMING


async def test_a_full_disk_is_told_in_finnish(make_app, monkeypatch):
    def full(*args, **kwargs):
        raise StoreError.of("history.sqlite3", "err.store.full", "err.store.full_hint")

    monkeypatch.setattr(history, "record_session", full)
    app = make_app(play="sample", lang="fi")
    async with app.run_test(size=SIZE) as pilot:
        await play_sample_to_the_debrief(pilot)
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        messages = [n.message for n in app._notifications]
        assert (
            "Harjoitusta ei vielä voitu lisätä historiaan: levy on täynnä, joten harjoitushistoriaa ei voitu tallentaa."
            " Sen välitallenne on tallessa, ja `sim history` lisää sen myöhemmin." in messages
        ), messages


async def test_a_damaged_history_is_told_in_finnish(make_app, _isolated_home):
    (_isolated_home / history.DB_NAME).write_bytes(b"this is not sqlite, just text " * 100)
    app = make_app(lang="fi")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        status = str(screen.query_one("#history-status").render())
        assert status == (
            "Historiaa ei voi lukea: tämä ei ole luettavissa oleva simin harjoitushistoria (file is not a database)\n"
            "siirrä tiedosto muualle; `sim history` aloittaa silloin uuden historian ja tuo päättyneet harjoituskerrat uudelleen välitallenteista"
        )


async def test_a_debrief_that_cannot_be_rebuilt_says_why_in_finnish(make_app, tmp_path):
    folder = tmp_path / "lib"
    shutil.copytree(SAMPLE, folder)
    record_on(folder, SHAMING)
    edit(folder, "id: sorry", "id: apologise")
    app = make_app(folder, lang="fi")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ErrorScreen)
        assert dialog.message.startswith("Palaute rakennetaan toistamalla kohtaaminen harjoituksessaan")
        assert "\n\nharjoitusta on muutettu tämän harjoituskerran jälkeen (sisältö " in dialog.message
        assert dialog.message.endswith("eikä vaihe 2 (`sorry` solmussa `angry`) enää sovi siihen: vuoron 2 valinta ”sorry” on poistettu tai nimetty uudelleen")
        assert dialog.hint == "palauta harjoituksesta se versio, jolla harjoituskerta pelattiin, niin tämä harjoituskerta voidaan koota uudelleen"
        assert "offered" not in " ".join(screen_text(app).split())
