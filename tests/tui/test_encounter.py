"""The encounter screen: time limits on a fake clock, pause, the client card,
and authored text that tries to style or escape the terminal."""

from __future__ import annotations

from sim.tui.screens.encounter import EncounterScreen
from sim.tui.widgets.choices import Choices
from sim.tui.widgets.client_card import ClientCard
from sim.tui.widgets.countdown import Countdown
from sim.tui.widgets.meter import Meter
from sim.tui.widgets.transcript import Transcript, TranscriptEntry
from tests.tui.conftest import SIZE, TIMED, screen_text, start


async def test_countdown_runs_out_and_the_timeout_branch_fires(make_app, clock):
    app = make_app(TIMED, play="timed-call")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        play = app.screen.play
        countdown = app.screen.query_one(Countdown)
        assert countdown.limit == 20 and "0:20 left" in screen_text(app)
        clock.advance(15)
        countdown.tick()
        await pilot.pause()
        assert "0:05 left" in screen_text(app) and countdown.has_class("-urgent")
        clock.advance(5)
        await pilot.pause(0.3)  # the countdown's own tick notices
        assert play.session.actions == ["timeout"]
        assert play.session.node_id == "silence"
        assert "Time ran out before you answered." in screen_text(app)
        assert not countdown.has_class("-running")  # the next node has no limit


async def test_pause_stops_the_clock_and_hides_the_options(make_app, clock):
    app = make_app(TIMED, play="timed-call")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        screen = app.screen
        countdown = screen.query_one(Countdown)
        clock.advance(5)
        await pilot.press("p")
        assert screen.paused and not screen.query_one(Choices).display
        assert "Paused." in screen_text(app)
        clock.advance(600)  # a long coffee break
        countdown.tick()
        await pilot.press("1")  # choosing is off while paused
        assert screen.play.session.actions == []
        assert "0:15 left (paused)" in screen_text(app)
        await pilot.press("p")
        countdown.tick()
        assert screen.query_one(Choices).display and "0:15 left" in screen_text(app)
        assert screen.play.session.actions == []
        await pilot.press("1")
        assert screen.play.session.actions == ["greet"]
        # The journal has the time actually spent answering, without the pause.
        assert screen.timer.elapsed() == 0


async def test_the_client_card_shows_tension_trust_and_mood_in_words(make_app):
    app = make_app(play="sample")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        card = app.screen.query_one(ClientCard)
        assert card.query_one("#tension", Meter).value == 50
        assert "Mood: angry" in screen_text(app)
        await pilot.press("2")
        assert card.query_one("#tension", Meter).value == 80
        assert card.query_one("#tension", Meter).change == 30
        text = screen_text(app)
        assert "80 ▲30" in text and "Mood: threatening" in text


async def test_authored_markup_and_control_sequences_are_shown_literally(make_app):
    app = make_app(TIMED, play="timed-call")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert isinstance(app.screen, EncounterScreen)
        bodies = [e.query_one(".body").render() for e in app.screen.query(TranscriptEntry)]
        plain = "\n".join(str(b) for b in bodies)
        assert "[red]Is anyone there?[/red]" in plain
        assert "[link=https://e.x]click me[/link]" in plain
        assert "\x1b" not in plain and "\x07" not in plain
        assert "␛[2J␛]52;c;aGVsbG8=␇" in plain  # visible control pictures, not obeyed
        text = screen_text(app)
        assert "[red]Is anyone there?[/red]" in text
        assert "A call in a [bold]hurry[/bold]" in text  # the title in the header too
        # No span at all: nothing was read as a style or a hyperlink.
        assert all(not body.spans for body in bodies)
        assert "\x1b" not in app.export_screenshot()


async def test_transcript_labels_every_speaker(make_app):
    app = make_app(TIMED, play="timed-call")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("1")
        entries = app.screen.query_one(Transcript).entries
        assert [(e.kind, e.label) for e in entries] == [
            ("client", "Client"),
            ("gloss", "Meaning"),
            ("trainee", "You"),
            ("feedback", "Feedback"),
            ("client", "Client"),
        ]
        assert entries[3].tone == "good" and entries[3].text.startswith("✓ ")
