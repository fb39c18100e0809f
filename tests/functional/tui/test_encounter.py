"""The encounter screen: time limits on a fake clock, pause, the client card,
and authored text that tries to style or escape the terminal."""

from __future__ import annotations

from sim.tui.screens.encounter import EncounterScreen
from sim.tui.widgets.choices import Choices
from sim.tui.widgets.client_card import ClientCard
from sim.tui.widgets.countdown import Countdown
from sim.tui.widgets.meter import Meter
from sim.tui.widgets.transcript import LABEL_WIDTH, Entry, Transcript
from tests.functional.tui.conftest import SIZE, TIMED, screen_text, start


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
        transcript = app.screen.query_one(Transcript)
        # The lines as drawn: each a run of the label's style, then one of the text's.
        strips = [transcript.render_line(y) for y in range(transcript.size.height)]
        rows = [strip for strip in strips if strip.text.strip()]
        plain = "\n".join(strip.text for strip in rows)
        assert "[red]Is anyone there?[/red]" in plain
        assert "[link=https://e.x]click me[/link]" in plain
        assert "\x1b" not in plain and "\x07" not in plain
        assert "␛[2J␛]52;c;aGVsbG8=␇" in plain  # visible control pictures, not obeyed
        text = screen_text(app)
        assert "[red]Is anyone there?[/red]" in text
        assert "A call in a [bold]hurry[/bold]" in text  # the title in the header too
        # No span at all: nothing was read as a style or a hyperlink. The text
        # column of every line is one segment, in one style, without a link.
        for strip in rows:
            text = [seg for seg in strip.crop(LABEL_WIDTH, transcript.size.width) if seg.text.strip()]
            assert len(text) == 1, [seg.text for seg in text]
            assert not text[0].style.link and not text[0].style.bold
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


def _said(n: int) -> Entry:
    return Entry("client", "Client", f"Line {n}: " + "so what happens now " * 3, gap=True)


async def test_a_long_transcript_follows_the_newest_line_unless_scrolled_back(make_app):
    app = make_app(TIMED, play="timed-call")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        transcript = app.screen.query_one(Transcript)
        transcript.add(_said(n) for n in range(40))
        await pilot.pause()
        assert transcript.max_scroll_y > 0 and transcript.scroll_y == transcript.max_scroll_y
        assert "Line 39:" in screen_text(app)
        await pilot.press("pageup")  # reading back: a new line must not pull the view away
        kept = transcript.scroll_y
        assert kept < transcript.max_scroll_y
        transcript.add([_said(40)])
        await pilot.pause()
        assert transcript.scroll_y == kept and "Line 40:" not in screen_text(app)
        for _ in range(5):
            await pilot.press("pagedown")
        transcript.add([_said(41)])  # back at the bottom: following again
        await pilot.pause()
        assert transcript.scroll_y == transcript.max_scroll_y and "Line 41:" in screen_text(app)


async def test_the_transcript_wraps_to_its_width_and_again_on_resize(make_app):
    app = make_app(TIMED, play="timed-call")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        transcript = app.screen.query_one(Transcript)
        transcript.add(_said(n) for n in range(30))
        await pilot.pause()
        narrow = transcript.virtual_size.height
        text = screen_text(app)
        # Continuation lines are indented under the text, not under the label.
        assert "Line 29: so what happens now" in text and "\n│           now" in text
        # The scroll bar takes its columns from the text, not the other way round.
        width = transcript.scrollable_content_region.width
        assert all(transcript.render_line(y).cell_length == width for y in range(transcript.size.height))
        assert all(len(transcript.render_line(y).text.rstrip()) <= width for y in range(transcript.size.height))
        await pilot.resize_terminal(140, 30)
        await pilot.pause()
        assert transcript.virtual_size.height < narrow
        assert transcript.scroll_y == transcript.max_scroll_y and "Line 29:" in screen_text(app)


async def test_the_speakers_keep_their_colours_in_the_light_theme(make_app):
    app = make_app(TIMED, play="timed-call")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("1")
        transcript = app.screen.query_one(Transcript)

        def label_colours() -> dict[str, str]:
            colours = {}
            for y in range(transcript.size.height):
                strip = transcript.render_line(y)
                label = strip.text[:LABEL_WIDTH].strip()
                if label:
                    colours[label] = next(iter(strip)).style.color.name
            return colours

        dark = label_colours()
        assert len({dark["Client"], dark["You"], dark["Meaning"]}) == 3
        await pilot.press("ctrl+t")
        await pilot.pause()
        light = label_colours()
        assert light.keys() == dark.keys() and light["Meaning"] != dark["Meaning"]
        assert len({light["Client"], light["You"], light["Meaning"]}) == 3


async def test_the_transcript_text_can_be_selected_and_copied(make_app):
    from textual.selection import SELECT_ALL

    app = make_app(TIMED, play="timed-call")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        transcript = app.screen.query_one(Transcript)
        app.screen.selections = {transcript: SELECT_ALL}
        await pilot.pause()
        text = app.screen.get_selected_text()
        assert text is not None
        assert "Client    Hello? [red]Is anyone there?[/red]\n          ␛[2J" in text
        assert "Meaning   [link=https://e.x]click me[/link]" in text
