"""`--plain --own-words` (issue 22): a trainee plays aggressive-desk to its end
typing every reply in Finnish; each reply is understood and confirmed before
it counts, journalled with the match, kept in the history, and the debrief
shows the trainee's words. A misunderstanding can be corrected from the list."""

from __future__ import annotations

import argparse
import io
import json

from sim.content.locate import find_scenario
from sim.plain import PlainPlay, run_plain
from sim.session import history
from sim.session.journal import journals_dir

# The best path of aggressive-desk, in words of the trainee's own (not the options'), each confirmed with Enter.
REPLIES = [
    "kertokaa rauhassa mitä on tapahtunut, katson samalla hakemuksenne",
    "teiltä puuttuu tiliotteet kahdelta kuukaudelta, siksi käsittely on seis",
    "voi olla ettei kirje tullut perille, tarkistan osoitteen",
    "voitte tulostaa tiliotteet täällä koneella tai tuoda ne huomenna, kumpi sopii",
    "en voi luvata rahaa perjantaiksi mutta soitan käsittelijälle heti",
    "anna tule tähän viereen, haluan auttaa teitä rauhassa",
    "soitan nyt käsittelijälle ja pyydän kiireellistä käsittelyä",
    "ei se mitään, kuka tahansa hermostuisi, tässä numeroni",
    "kirjaan tilanteen ja pidän pienen tauon",
]
SELF_ASSESSMENT = ["4"] * 8 + ["", "", ""]


def play(answers: list[str], *, lang: str = "fi", seed: int | None = None) -> tuple[int, str]:
    out = io.StringIO()
    stdin = io.StringIO("".join(a + "\n" for a in answers))
    if seed is None:
        args = argparse.Namespace(scenario="aggressive-desk", dir=[], sub_dir=[], ui_lang=lang, mode="practice", own_words=True)
        return run_plain(args, stdin, out), out.getvalue()
    lib, found, _ = find_scenario("aggressive-desk", [])
    assert found is not None
    return PlainPlay(lib, found, lang, "practice", stdin, out, seed=seed, own_words=True).run(), out.getvalue()


def test_a_whole_encounter_typed_in_finnish():
    answers = [line for reply in REPLIES for line in (reply, "")] + SELF_ASSESSMENT
    code, out = play(answers)
    assert code == 0, out
    assert out.count("— tulkittu: ") == len(REPLIES)  # every reply understood, none asked back
    assert "Kokonaisarvio 100/100 — erinomainen" in out
    for reply in REPLIES:
        assert f"  Omin sanoin: ”{reply}”" in out.splitlines()  # the debrief shows the trainee's words
    # Kept with the session: the journal and the history have the words and what they were understood as.
    journal = next(journals_dir().glob("*.jsonl"))
    typed = [json.loads(line).get("typed") for line in journal.read_text(encoding="utf-8").splitlines()[1:] if '"action"' in line]
    assert [t["text"] for t in typed] == REPLIES and typed[0] == {"text": REPLIES[0], "lang": "fi", "understood": "hear-him-out"}
    stored = history.session(history.sessions()[-1].id)
    assert stored is not None
    assert [t.typed.text if t.typed else None for t in stored.turns] == REPLIES


def test_a_misunderstanding_is_corrected_from_the_list():
    # Understood as hear-him-out; the trainee takes the list instead and picks stock empathy (seed-dependent
    # number: found from the list printed).
    code, out = play(["kerro mitä tapahtui", "?", "q"], seed=3)
    listed = out.split("Kirjoitit ”kerro mitä tapahtui”")[1]
    numbers = [line.split(".")[0] for line in listed.splitlines() if line[:2].rstrip(".").isdigit() and "Ymmärrän täysin" in line]
    assert numbers, listed
    answers = ["kerro mitä tapahtui", "?", numbers[0], "q"]
    code, out = play(answers, seed=3)
    assert code != 1
    journal = sorted(journals_dir().glob("*.jsonl"))[-1]
    action = json.loads(journal.read_text(encoding="utf-8").splitlines()[1])
    assert action["action"] == "stock-empathy" and action["typed"]["understood"] == "hear-him-out"


def test_a_reply_that_fits_nothing_is_asked_again_and_help_still_works():
    code, out = play(["banaanikakku", "h", "q"])
    assert "Vastaus ei vastannut mitään tämän hetken vaihtoehdoista." in out
    assert "Pyysit apua" in out or "hälyt" in out.lower()
