"""`--plain` plays an email scenario with every format feature of issue 20: the
subject line, the scenario's own help label, help that comes and goes, a flag
the client remembers, variants picked by the seed."""

from __future__ import annotations

from tests.conftest import ROOT
from tests.functional.plain.test_plain import play

FEATURES = str(ROOT / "tests" / "data" / "email-features" / "email-features.yaml")
# blame (the option shown as 1 at seed 1), help, then the honest answer: the options keep their places.
ANSWERS = ["1", "h", "h", "2", "3", "3", "", "", ""]  # then two self-ratings and three reflections left blank


def test_an_email_with_a_returning_help_and_a_remembered_remark():
    code, out = play(FEATURES, ANSWERS, seed=1)
    assert code == 0, out
    lines = out.splitlines()
    for expected in [
        "In this scenario h means: Ask the team leader.",
        "Subject: MY APPLICATION WAS REJECTED!!!",
        "What do you write?",
        "Client: You already told me the attachments were missing. They were not!",
        "Team leader: I read the email. Answer calmly and tell them about the review.",
        "Help has come already: it stays with you for the rest of the encounter.",
    ]:
        assert expected in lines, expected
    assert any(line.startswith("Last email: ") for line in lines)
    # The client's first email is said once, not again when the trainee is back from asking for help.
    assert sum(line.startswith("Client: ") for line in lines[: lines.index("Team leader: I read the email. Answer calmly and tell them about the review.")]) == 2


def test_the_next_session_says_first_what_the_trainee_has_not_heard():
    def first_email(out: str) -> str:
        return next(line for line in out.splitlines() if line.startswith("Client: "))

    # The same seed each time: only the history of what was heard changes the words.
    openings = [first_email(play(FEATURES, ANSWERS, seed=1)[1]) for _ in range(3)]
    assert len(set(openings)) == 3, openings  # three variants: each heard once before any again


def test_in_finnish():
    code, out = play(FEATURES, ANSWERS, seed=1, lang="fi")
    assert code == 0, out
    lines = out.splitlines()
    assert "Aihe: HAKEMUKSENI HYLÄTTIIN!!!" in lines
    assert "Tässä harjoituksessa h tarkoittaa: Kysy tiimivastaavalta." in lines
    assert "Mitä kirjoitat?" in lines
    assert "Apu on jo tullut, ja se on tukenasi kohtaamisen loppuun asti." in lines
