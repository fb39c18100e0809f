"""The issue-20 scenario of every format feature, played in the TUI: the email's
subject heads the transcript, the help key carries the scenario's own label and
comes back, the client remembers, and the card reads the tone of the last email."""

from __future__ import annotations

from sim.tui.widgets.transcript import Transcript
from tests.conftest import ROOT
from tests.functional.tui.conftest import SIZE, shows, start, until

FEATURES = ROOT / "tests" / "data" / "email-features"


async def test_an_email_played_with_help_that_returns(make_app):
    app = make_app(FEATURES, play="email-features", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        transcript = app.screen.query_one(Transcript)
        await until(pilot, lambda: len(transcript.entries) >= 2, "the first email")
        assert (transcript.entries[0].label, transcript.entries[0].text) == ("Subject", "MY APPLICATION WAS REJECTED!!!")
        text = await shows(pilot, "What do you write?", "h Ask the team leader")
        assert "Last email:" in text
        await pilot.press("1")  # blames the client: at seed 1 shown first
        await until(pilot, lambda: any("You already told me" in e.text for e in transcript.entries), "the client remembering")
        shown = [o.id for o in app.screen.play.session.options]
        await pilot.press("h")
        await until(pilot, lambda: any(e.label == "Team leader" for e in transcript.entries), "the team leader's words")
        # Back where help was called: the options as they were, and the key gone from the footer.
        assert [o.id for o in app.screen.play.session.options] == shown
        await until(pilot, lambda: "Ask the team leader" not in _footer(pilot), "the help key leaving the footer")
        clients = [e for e in transcript.entries if e.kind == "client" and e.label == "Client"]
        assert len(clients) == 2  # the first email and the angry reply, neither said twice
        await pilot.press(str(shown.index("honest") + 1))
        await shows(pilot, "resolved")


def _footer(pilot) -> str:
    from tests.functional.tui.conftest import screen_text

    return screen_text(pilot.app).splitlines()[-1]
