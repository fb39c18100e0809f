"""`--plain` names the scenario's other speakers and says what the client expects (issue 20)."""

from __future__ import annotations

from tests.conftest import ROOT
from tests.functional.plain.test_plain import play

SPEAKERS_FILE = str(ROOT / "tests" / "data" / "speakers" / "speakers.yaml")


def test_other_speakers_are_named_and_the_expectations_are_in_the_briefing():
    code, out = play(SPEAKERS_FILE, ["h", "", "", ""])
    assert code == 0
    lines = out.splitlines()
    for expected in [
        "What this client expects: That someone takes the letter in hand and explains it.",
        "Client: Paperi! Paperi!",
        "The boy: Mum is asking about this letter.",
        "Scene: Your team leader comes to the desk.",
        "Team leader: Let's look at this together.",
    ]:
        assert expected in lines, expected
    assert "Expects nothing of a phone call." not in out  # only the scenario's own channel


def test_in_finnish():
    code, out = play(SPEAKERS_FILE, ["h", "", "", ""], lang="fi")
    assert code == 0
    lines = out.splitlines()
    assert "Mitä asiakas odottaa: Että joku ottaa kirjeen käteen ja selittää sen." in lines
    assert "Poika: Äiti kysyy tästä kirjeestä." in lines and "Tiimivastaava: Katsotaan tätä yhdessä." in lines
