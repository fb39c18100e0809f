"""Answering in one's own words in the TUI (issue 22): the trainee writes, sees
which option it was understood as, takes it with Enter or picks another, and
the debrief shows their words. Help stays one key away while writing (F1)."""

from __future__ import annotations

from textual.widgets import Input

from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.self_assessment import SelfAssessmentScreen
from sim.tui.widgets.choices import Choices
from tests.functional.plain.test_plain_own_words import REPLIES
from tests.functional.tui.conftest import SIZE, shows, start, until


async def write(pilot, text: str) -> None:
    reply = pilot.app.screen.query_one("#reply", Input)
    await until(pilot, lambda: reply.has_focus, "the reply box")
    reply.value = text
    await pilot.press("enter")


async def test_the_whole_encounter_in_finnish_words(make_app):
    app = make_app(play="aggressive-desk", lang="fi", own_words=True)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        play = app.screen.play
        assert play.own_words
        await shows(pilot, "f1 Hälytä apua")  # help while writing, in the footer
        for n, text in enumerate(REPLIES, start=1):
            await write(pilot, text)
            choices = app.screen.query_one(Choices)
            await until(pilot, lambda choices=choices: choices.has_focus, "the understood option")
            assert str(choices.border_title).startswith("Tulkittu vaihtoehdoksi")
            understood = play.session.options[choices.highlighted].id
            await pilot.press("enter")
            await until(pilot, lambda n=n: len(play.session.turns) == n, f"turn {n}")
            assert play.session.turns[-1].choice_id == understood
            assert play.typed[n].text == text and play.typed[n].understood == understood
        assert play.session.ended and play.score().overall == 100
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SelfAssessmentScreen), "the self-assessment")
        await pilot.press(*"44444444", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, DebriefScreen), "the debrief")
        await pilot.press("t")  # the turn-by-turn view
        await shows(pilot, "Omin sanoin: ”kertokaa rauhassa")


async def test_esc_shows_the_options_and_f1_calls_help_while_writing(make_app):
    app = make_app(play="aggressive-desk", own_words=True, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        play = app.screen.play
        await until(pilot, lambda: app.screen.query_one("#reply", Input).has_focus, "the reply box")
        await pilot.press("escape")  # the options, to pick one
        choices = app.screen.query_one(Choices)
        await until(pilot, lambda: choices.has_focus, "the options")
        await pilot.press("escape")  # back to writing
        await until(pilot, lambda: app.screen.query_one("#reply", Input).has_focus, "the reply box again")
        await write(pilot, "calm down, I understand how you feel")  # close to two options: asked back
        await until(pilot, lambda: choices.has_focus, "the question back")
        assert str(choices.border_title).startswith("Did you mean")
        stock = next(o.number for o in play.session.options if o.id == "stock-empathy")
        await pilot.press(str(stock))
        await until(pilot, lambda: len(play.session.turns) == 1, "the first turn")
        assert play.typed[1].understood is None and play.session.turns[0].choice_id == "stock-empathy"
        await until(pilot, lambda: app.screen.query_one("#reply", Input).has_focus, "the reply box")
        await pilot.press("f1")
        await until(pilot, lambda: len(play.session.turns) == 2, "help")
        assert play.session.turns[1].action == "help" and 2 not in play.typed


async def test_w_on_the_briefing_switches_and_is_remembered_for_the_trainee(make_app):
    from sim.session import settings

    app = make_app(play="aggressive-desk")
    async with app.run_test(size=SIZE) as pilot:
        await shows(pilot, "w Own words")
        assert not app.own_words
        await pilot.press("w")
        await until(pilot, lambda: app.own_words, "the switch")
        assert settings.own_words(app.trainee)
        answers = app.screen.query_one("#answers")
        assert answers.display and "You answer in your own words" in str(answers.render())
        await start(pilot)
        assert app.screen.play.own_words
        await until(pilot, lambda: app.screen.query_one("#reply", Input).has_focus, "the reply box")


async def test_enter_on_the_understood_option_waits_until_it_has_been_seen_and_says_so(make_app, clock):
    app = make_app(play="aggressive-desk", own_words=True, key_guard=0.3)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        play = app.screen.play
        await write(pilot, "Third visit and the rent still open. Tell me from the start what happened.")
        choices = app.screen.query_one(Choices)
        await until(pilot, lambda: choices.has_focus, "the understood option")
        await pilot.press("enter")  # at the same instant it showed: not read yet
        assert play.session.turns == []
        await until(pilot, lambda: any("what your reply was understood as" in n.message for n in app._notifications), "the hint")
        assert not any("New options" in n.message for n in app._notifications)
        clock.advance(0.5)
        await pilot.press("enter")
        await until(pilot, lambda: len(play.session.turns) == 1, "the first turn")
        assert play.session.turns[0].choice_id == "hear-him-out"
