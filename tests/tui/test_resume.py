"""Crash-safe resume: an unfinished journal is offered at start, and resuming
rebuilds the same session (same seed, same state) and journals on."""

from __future__ import annotations

from sim import journal
from sim.journal import Journal
from sim.library import load_library
from sim.tui.screens.encounter import EncounterScreen
from sim.tui.screens.home import HomeScreen
from sim.tui.screens.resume import ResumeScreen
from sim.tui.screens.self_assessment import SelfAssessmentScreen
from sim.tui.widgets.transcript import Transcript
from tests.conftest import SAMPLE
from tests.tui.conftest import SIZE, screen_text


def interrupted_session(*actions: str, content_hash: str | None = None) -> Journal:
    """A journal as a killed `sim` leaves it: started, some turns, no end."""
    loaded = load_library([SAMPLE]).scenario("sample")
    j = Journal.start(
        scenario_id="sample",
        scenario_path=str(loaded.path),
        content_hash=content_hash or loaded.scenario.content_hash,
        seed=7,
        mode="assessment",
        lang="en",
    )
    for number, action in enumerate(actions, start=1):
        j.record(number, action, "?", 900)
    return j


async def test_resume_offers_the_unfinished_session_and_continues_it(make_app):
    j = interrupted_session("notice")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert "Sample — at turn 2" in screen_text(app)
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


async def test_a_changed_scenario_is_not_resumed(make_app):
    interrupted_session("notice", content_hash="0000")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "The scenario has changed since" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)  # refused, with a notice; discard still works
