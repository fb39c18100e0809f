"""The encounter screen: time limits on a fake clock, pause, the client card,
and authored text that tries to style or escape the terminal."""

from __future__ import annotations

from sim.tui.screens.encounter import EncounterScreen
from sim.tui.widgets.choices import Choices
from sim.tui.widgets.client_card import ClientCard
from sim.tui.widgets.countdown import Countdown
from sim.tui.widgets.meter import Meter
from sim.tui.widgets.transcript import LABEL_WIDTH, Entry, Transcript
from tests.conftest import SAMPLE
from tests.functional.tui.conftest import SIZE, TIMED, screen_text, shows, start, until


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
        await until(pilot, lambda: play.session.actions == ["timeout"], "the countdown's own tick to notice")
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


async def test_the_time_left_is_on_the_options_border_whatever_else_is_cut(make_app, clock):
    app = make_app(TIMED, play="timed-call")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        choices = app.screen.query_one(Choices)
        assert "0:20 left" in str(choices.border_subtitle)
        clock.advance(16)
        app.screen.query_one(Countdown).tick()
        assert "0:04 left" in str(choices.border_subtitle)
        # The bottom border of the options is the last line above the footer.
        bottom = screen_text(app).splitlines()[-2]
        assert "◷ 0:04 left" in bottom


async def test_a_second_key_before_new_options_were_seen_is_dropped_and_said(make_app, clock):
    app = make_app(SAMPLE, play="sample", key_guard=0.3)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        play = app.screen.play
        await pilot.press("2")  # options shown at this same instant: too soon
        assert play.session.actions == []
        await until(pilot, lambda: any("read them first" in n.message for n in app._notifications), "the hint")
        clock.advance(0.5)
        await pilot.press("2", "1")  # a double press: the second lands on options never seen
        assert play.session.actions == ["notice"]
        await pilot.press("enter")  # Enter on the highlighted option is held back the same way
        assert play.session.actions == ["notice"]
        clock.advance(0.5)
        await pilot.press("1")
        assert len(play.session.actions) == 2
        await pilot.press("h")  # the help key is never held back
        assert play.session.actions[-1] == "help"


async def test_written_channels_ask_what_you_write_and_help_is_asked_for(make_app):
    app = make_app(play="chat-bounced", lang="fi")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        text = await shows(pilot, "Mitä kirjoitat?")
        assert "h Pyydä apua" in text and "Hälytä" not in text
    app = make_app(play="chat-bounced")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        text = await shows(pilot, "What do you write?")
        assert "h Ask for help" in text
        await pilot.press("h")
        await shows(pilot, "The encounter has ended: help requested.")


async def test_doubled_time_limits_are_announced_and_applied(make_app, clock):
    from sim.session import settings

    settings.save_time_limits("Tess", "double")
    app = make_app(TIMED, play="timed-call")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.query("#timed"), "the briefing")
        timed = str(app.screen.query_one("#timed").render())
        assert "Some turns are timed, up to 60 seconds" in timed and "Doubled for you" in timed  # 30 s at most, doubled
        await start(pilot)
        assert app.screen.query_one(Countdown).limit == 40
        assert "0:40 left" in str(app.screen.query_one(Choices).border_subtitle)
        clock.advance(30)  # past the scenario's 20 s, within the trainee's 40
        app.screen.query_one(Countdown).tick()
        await pilot.pause()
        assert app.screen.play.session.actions == []


async def test_time_limits_are_changed_from_the_palette_and_remembered(make_app):
    from sim.session import settings

    app = make_app(TIMED)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for expected in ("double", "off", "normal"):
            app.action_cycle_time_limits()
            assert settings.time_limits("Tess") == expected
        app.action_cycle_time_limits()
    app = make_app(TIMED, play="timed-call")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.query("#timed"), "the briefing")
        assert "Doubled for you" in str(app.screen.query_one("#timed").render())


async def test_a_turn_longer_than_the_view_is_shown_from_the_trainee_s_own_words():
    from textual.app import App

    class One(App[None]):
        CSS = "Transcript { height: 6; }"

        def compose(self):
            yield Transcript(id="t")

    app = One()
    async with app.run_test(size=(60, 10)) as pilot:
        transcript = app.query_one(Transcript)
        transcript.add([Entry("client", "Client", f"line {n}", gap=True) for n in range(10)])
        await pilot.pause()
        assert transcript.is_vertical_scroll_end  # an opening follows the newest line
        turn = [
            Entry("trainee", "You", "What I said.", gap=True),
            Entry("feedback", "Feedback", "✗ Why that was poor.", tone="bad"),
            *[Entry("client", "Client", f"reply {n}", gap=True) for n in range(5)],
        ]
        transcript.add(turn, keep_first_in_view=True)
        await pilot.pause()
        shown = "\n".join(transcript.render_line(y).text for y in range(transcript.scrollable_content_region.height))
        assert "What I said." in shown and "Why that was poor." in shown
        transcript.add([Entry("trainee", "You", "Short.", gap=True)], keep_first_in_view=True)
        await pilot.pause()
        assert transcript.is_vertical_scroll_end  # a turn that fits: back to following the end


async def test_quitting_before_the_first_turn_promises_no_resume(make_app):
    app = make_app(SAMPLE, play="sample")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("q")
        text = " ".join((await shows(pilot, "Nothing has been played yet")).split())
        assert "resume at turn" not in text


async def test_while_paused_the_footer_does_not_offer_choosing(make_app):
    app = make_app(SAMPLE, play="sample")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert "1-9 Choose" in screen_text(app)
        await pilot.press("p")
        await until(pilot, lambda: "1-9 Choose" not in screen_text(app), "the footer without Choose")
        assert "h Call for help" in screen_text(app)  # help is always there
