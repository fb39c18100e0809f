"""Crash-safe resume: an unfinished journal is offered at start, and resuming
rebuilds the same session (same seed, same state) and journals on."""

from __future__ import annotations

import shutil
from pathlib import Path

from sim.content.library import load_library
from sim.core.engine import Session
from sim.session import journal
from sim.session.journal import Journal
from sim.tui.screens.encounter import EncounterScreen
from sim.tui.screens.home import HomeScreen
from sim.tui.screens.resume import ResumeScreen
from sim.tui.screens.self_assessment import SelfAssessmentScreen
from sim.tui.widgets.transcript import Transcript
from tests.conftest import SAMPLE
from tests.functional.tui.conftest import SIZE, screen_text, shows


def interrupted_session(*actions: str, content_hash: str | None = None, path: Path | None = None) -> Journal:
    """A journal as a killed `sim` leaves it: started, some turns, no end."""
    lib = load_library([path or SAMPLE])
    loaded = lib.scenario("sample")
    j = Journal.start(
        scenario_id="sample",
        scenario_path=str(loaded.path),
        content_hash=content_hash or loaded.scenario.content_hash,
        seed=7,
        mode="assessment",
        lang="en",
    )
    session = Session(loaded.scenario, lib.profile_for(loaded.scenario), 7)
    for action in actions:
        turn = session.act(action)
        j.record(turn.number, action, turn.node, 900, arrived=turn.next)
    return j


async def test_resume_offers_the_unfinished_session_and_continues_it(make_app):
    j = interrupted_session("notice")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await shows(pilot, "Sample — at turn 2")
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EncounterScreen)
        play = screen.play
        assert (play.session.seed, play.session.actions, play.mode) == (7, ["notice"], "assessment")
        assert play.session.state["tension"] == 80 and play.session.node_id == "angry"
        entries = screen.query_one(Transcript).entries
        assert [e.kind for e in entries] == ["client", "trainee", "client", "event"]
        assert "Resumed where you left off." in screen_text(app)
        await pilot.press("1")
        assert journal.read(j.path).actions == ["notice", "sorry"]  # the same journal goes on
    assert [i.actions for i in journal.interrupted()] == [["notice", "sorry"]]


async def test_discarding_gives_the_session_up_for_good(make_app):
    j = interrupted_session("notice")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert journal.read(j.path).abandoned and journal.interrupted() == []


async def test_not_now_keeps_it_for_next_time(make_app):
    interrupted_session("notice")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    assert len(journal.interrupted()) == 1


async def test_an_encounter_that_ended_resumes_at_the_self_assessment(make_app):
    interrupted_session("acknowledge", "file")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, SelfAssessmentScreen)
        assert app.screen.play.session.ending.value == "resolved"


def edit(folder: Path, old: str, new: str) -> None:
    path = folder / "sample.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


async def test_a_compatibly_edited_scenario_resumes_and_says_it_changed(make_app, tmp_path):
    folder = tmp_path / "lib"
    shutil.copytree(SAMPLE, folder)
    j = interrupted_session("notice", path=folder / "sample.yaml")
    # New words and a stronger effect; every step still leads where it did.
    edit(folder, "Are you calling me stupid?", "So I am stupid, am I?")
    edit(folder, "effects: {tension: -10}", "effects: {tension: -20}")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        resume = app.screen
        assert isinstance(resume, ResumeScreen)
        assert resume.items[0].problem == ""
        assert resume.items[0].note.startswith("The scenario changed since this session started")
        assert "The scenario changed since this session" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EncounterScreen)
        assert "So I am stupid, am I?" in screen_text(app)  # the edited version is the one played on
        last = screen.query_one(Transcript).entries[-1]
        assert last.kind == "event" and last.text.startswith("The scenario changed since this session started")
        await pilot.press("1")  # `sorry`: the edited effect applies
        assert screen.play.session.state["tension"] == 55
    info = journal.read(j.path)
    assert info.actions == ["notice", "sorry"] and info.arrived == ["angry", "details"]


async def test_an_incompatibly_edited_scenario_says_why_and_can_be_discarded(make_app, tmp_path):
    folder = tmp_path / "lib"
    shutil.copytree(SAMPLE, folder)
    j = interrupted_session("notice", "sorry", path=folder / "sample.yaml")
    edit(folder, "id: sorry", "id: apologise")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        resume = app.screen
        assert isinstance(resume, ResumeScreen)
        assert resume.items[0].problem == (
            "The scenario changed since this session started, and it cannot be resumed: "
            "the choice “sorry” of turn 2 has been removed or renamed. Press d to discard it."
        )
        await pilot.press("r")  # refused, with the reason as a notice
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert journal.read(j.path).abandoned


async def test_a_finnish_trainee_reads_the_reason_in_finnish(make_app, tmp_path):
    folder = tmp_path / "lib"
    shutil.copytree(SAMPLE, folder)
    interrupted_session("notice", "sorry", path=folder / "sample.yaml")
    edit(folder, "        next: angry\n", "        next: details\n")
    app = make_app(folder, lang="fi")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.items[0].problem.endswith("vuoro 1 johtaa nyt muualle. Hylkää se painamalla d.")


def test_every_reason_a_resume_can_fail_for_has_words():
    from typing import get_args

    from sim.core.replay import Reason
    from sim.i18n import STRINGS

    assert [r for r in get_args(Reason) if f"resume.why.{r}" not in STRINGS] == []


async def test_the_tui_and_plain_offer_the_same_local_start_time(make_app, monkeypatch):
    """Both front ends show when the session started in the trainee's own time
    zone, through `sim.text.local_time`: not one of them in UTC."""
    import argparse
    import io
    import time
    from datetime import datetime

    from sim.plain import run_plain

    with monkeypatch.context() as zone:
        zone.setenv("TZ", "Europe/Helsinki")
        time.tzset()
        try:
            info = journal.read(interrupted_session("notice").path)
            local = datetime.fromisoformat(info.started).astimezone().strftime("%Y-%m-%d %H:%M")
            assert local != info.started[:16].replace("T", " ")  # Helsinki is never at UTC

            app = make_app()
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                assert isinstance(app.screen, ResumeScreen)
                await shows(pilot, f"started {local}")

            args = argparse.Namespace(scenario=str(SAMPLE / "sample.yaml"), dir=[], sub_dir=[], ui_lang="en", mode="practice")
            out = io.StringIO()
            run_plain(args, io.StringIO(""), out)  # ends at the question whether to resume
            assert f"at turn 2, started {local}." in out.getvalue()
        finally:
            zone.undo()
            time.tzset()
