"""Aftercare: after a stressful ending, a recovery step before the
self-assessment; a reflection that speaks of distress gets a supportive
answer and a pointer to who to talk to."""

from __future__ import annotations

from sim.session.play import Play
from sim.tui.screens.aftercare import AftercareScreen
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.self_assessment import SelfAssessmentScreen
from tests.functional.tui.conftest import SIZE, screen_text, shows, start, until

ESCALATED = ["calm-down", "ultimatum", "appease-alone", "keep-pleading"]  # aggressive-desk, to its escalated ending


async def _to_the_end(pilot, app, actions):
    await start(pilot)
    play: Play = app.screen.play
    for action in actions:
        number = next(o.number for o in play.session.options if o.id == action)
        await pilot.press(str(number))
    assert play.session.ending is not None and play.session.ending.value == "escalated"
    await pilot.press("enter")
    return play


async def test_the_escalated_ending_of_aggressive_desk_brings_the_recovery_step_before_the_self_assessment(make_app):
    app = make_app(play="aggressive-desk")
    async with app.run_test(size=SIZE) as pilot:
        await _to_the_end(pilot, app, ESCALATED)
        await until(pilot, lambda: isinstance(app.screen, AftercareScreen), "the recovery step")
        text = " ".join((await shows(pilot, "Take a moment")).split())
        assert "Breathe out slowly" in text and "This was an exercise" in text
        assert "occupational health care" in text  # who to talk to: the catalogue's words
        assert "Score" not in text and "Overall" not in text
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SelfAssessmentScreen), "the self-assessment")


async def test_a_reflection_that_speaks_of_distress_gets_a_supportive_answer_in_finnish(make_app):
    app = make_app(play="aggressive-desk", lang="fi")
    async with app.run_test(size=SIZE) as pilot:
        await _to_the_end(pilot, app, ESCALATED)
        await until(pilot, lambda: isinstance(app.screen, AftercareScreen), "the recovery step")
        await shows(pilot, "Pysähdy hetkeksi")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SelfAssessmentScreen), "the self-assessment")
        screen = app.screen
        for rating in screen._ratings().values():
            rating.rate(3)
        screen.query_one("#prompt-feeling").value = "Tärisyttää"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, DebriefScreen), "the debrief")
        reflections = str(app.screen.query_one("#reflections").render())
        assert "Miltä sinusta nyt tuntuu? Tärisyttää" in reflections  # the question, in the reader's language
        assert "tavallinen reaktio" in reflections and "työterveyshuolto" in reflections


async def test_a_calm_ending_goes_straight_to_the_self_assessment(make_app):
    app = make_app(play="sample")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("1", "1", "enter")
        await until(pilot, lambda: isinstance(app.screen, SelfAssessmentScreen), "the self-assessment")
        assert "Take a moment" not in screen_text(app)
