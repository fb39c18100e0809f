"""Other speakers in the TUI (issue 20): a line of the scenario's `speakers`
is labelled with the speaker's name, and the briefing says what the client expects."""

from __future__ import annotations

from sim.tui.widgets.transcript import LABEL_WIDTH, Transcript
from tests.conftest import ROOT
from tests.functional.tui.conftest import SIZE, shows, start, until

SPEAKERS = ROOT / "tests" / "data" / "speakers"


async def test_the_briefing_says_what_the_client_expects_of_the_channel(make_app):
    app = make_app(SPEAKERS, play="speakers-desk")
    async with app.run_test(size=SIZE) as pilot:
        text = await shows(pilot, "What this client expects")
        assert "That someone takes the letter in hand and explains it." in text
        assert "Expects nothing of a phone call." not in text


async def test_a_speakers_line_is_labelled_with_their_name(make_app):
    app = make_app(SPEAKERS, play="speakers-desk")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        transcript = app.screen.query_one(Transcript)
        await until(pilot, lambda: len(transcript.entries) >= 2, "the opening lines")
        assert [(e.kind, e.label, e.text) for e in transcript.entries[:2]] == [
            ("client", "Client", "Paperi! Paperi!"),
            ("client", "The boy", "Mum is asking about this letter."),
        ]
        text = await shows(pilot, "The boy")
        assert any(line.startswith("│ The boy   Mum is asking about this letter.") for line in text.splitlines())


async def test_a_long_name_wraps_in_the_label_column(make_app):
    app = make_app(SPEAKERS, play="speakers-desk", lang="fi")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("h")
        transcript = app.screen.query_one(Transcript)
        await until(pilot, lambda: any(e.label == "Tiimivastaava" for e in transcript.entries), "the team leader's line")
        entry = next(e for e in transcript.entries if e.label == "Tiimivastaava")
        assert entry.kind == "client" and entry.text == "Katsotaan tätä yhdessä."
        rows = [row for row in transcript._rows if row.entry == transcript.entries.index(entry)]
        # The name is longer than the label column: it goes on over two rows, the text beside it.
        assert [row.label.rstrip() for row in rows] == ["Tiimivast", "aava"]
        assert all(len(row.label) == LABEL_WIDTH for row in rows) and rows[0].body == "Katsotaan tätä yhdessä."
