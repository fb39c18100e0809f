"""A chat client's reply is typed before it appears (issue 20): the transcript
says who is typing, the options wait for the reply, and the help key is never
held back (it brings the reply at once)."""

from __future__ import annotations

from sim.tui.widgets.choices import Choices
from sim.tui.widgets.transcript import Transcript
from tests.conftest import ROOT
from tests.functional.tui.conftest import SIZE, start, until

CHAT = ROOT / "tests" / "data" / "chat-typing"


async def test_the_reply_is_typed_then_the_options_come(make_app):
    app = make_app(CHAT, play="chat-typing", typing=1.0)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        transcript = app.screen.query_one(Transcript)
        await until(pilot, lambda: app.screen.play.session.options, "the first options")
        await pilot.press("1")
        # Typing: the indicator is shown and no option can be taken yet.
        await until(pilot, lambda: transcript.border_subtitle == "Applicant is typing…", "the typing indicator")
        assert app.screen.query_one(Choices).option_count == 0
        assert not any(e.text == "ok. it came yesterday" for e in transcript.entries)
        await pilot.press("1")  # meant for options not yet seen: dropped
        assert len(app.screen.play.session.turns) == 1
        # Then the reply and the options, and the indicator gone. The typing timer runs on
        # real time: polled every 50 ms, for at most 20 s however busy the machine.
        for _ in range(400):
            if any(e.text == "ok. it came yesterday" for e in transcript.entries):
                break
            await pilot.pause(0.05)
        else:
            raise AssertionError("the typed reply never came")
        await until(pilot, lambda: app.screen.query_one(Choices).option_count == 1, "the options")
        assert transcript.border_subtitle == ""


async def test_help_while_typing_brings_the_reply_at_once(make_app):
    app = make_app(CHAT, play="chat-typing", typing=10.0)  # far longer than the test waits
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        transcript = app.screen.query_one(Transcript)
        await until(pilot, lambda: app.screen.play.session.options, "the first options")
        await pilot.press("1")
        await until(pilot, lambda: "typing" in str(transcript.border_subtitle), "the typing indicator")
        await pilot.press("h")
        texts = [e.text for e in transcript.entries]
        assert "ok. it came yesterday" in texts  # the reply came first, then the call for help
        await until(pilot, lambda: app.screen.play.session.ended, "help ending the chat")
