"""The offline matcher of replies typed in the trainee's own words (issue 22):
Finnish forms and phone typing still find their option; a reply close to two
options, or to none, is asked back rather than guessed."""

from __future__ import annotations

from sim.core.matching import FLOOR, Candidate, Matcher, decide, normalise

OPTIONS_FI = [
    ("hear-him-out", ["Kertokaa alusta, mitä on tapahtunut – avaan hakemuksenne samalla.", "Kerro mitä on sattunut, katsotaan yhdessä."]),
    ("calm-down", ["Rauhoittukaa nyt ensin, niin sitten voidaan puhua asiallisesti.", "Rauhoitu ensin."]),
    ("stock-empathy", ["Ymmärrän täysin, miltä teistä tuntuu.", "Ymmärrän tunteesi."]),
]
OPTIONS_EN = [
    ("hear-him-out", ["Third visit and the rent still open. Tell me from the start what happened – I'll open your application.", "Tell me what happened."]),
    ("calm-down", ["Calm down first, then we can talk properly.", "Calm down."]),
    ("stock-empathy", ["I completely understand how you feel.", "I understand your feelings."]),
]


def test_finnish_forms_and_phone_typing_find_their_option():
    m = Matcher()
    for text in (
        "Kertokaa mitä on tapahtunut, katson hakemuksenne",
        "kerro mita on tapahtunu niin katson hakemuksen",  # no dots, a letter short
        "Mitä tapahtui? Avataan hakemus.",
    ):
        assert m.match("opening", OPTIONS_FI, text, "fi").accepted == "hear-him-out", text
    assert m.match("opening", OPTIONS_FI, "rauhottukaa nyt", "fi").accepted == "calm-down"


def test_english_stems_and_typos():
    m = Matcher()
    assert m.match("opening", OPTIONS_EN, "what hapened? tell me", "en").accepted == "hear-him-out"
    assert m.match("opening", OPTIONS_EN, "please calm down", "en").accepted == "calm-down"
    assert m.match("opening", OPTIONS_EN, "I understand exactly how you're feeling", "en").accepted == "stock-empathy"


def test_a_reply_close_to_two_options_is_asked_back():
    m = Matcher()
    result = m.match("opening", OPTIONS_EN, "calm down, I understand how you feel", "en")
    assert result.accepted is None
    assert {c.choice for c in result.candidates[:2]} == {"stock-empathy", "calm-down"}


def test_a_reply_close_to_none_is_asked_back():
    m = Matcher()
    for text in ("banana", "", "   !!! "):
        result = m.match("opening", OPTIONS_EN, text, "en")
        assert result.accepted is None, text


def test_the_decision_is_by_the_margin_not_a_fixed_threshold():
    # A high score with a close second is asked back; a modest one that clearly leads is taken.
    assert decide([Candidate("a", 0.9), Candidate("b", 0.85)])[0] is None
    assert decide([Candidate("a", 0.4), Candidate("b", 0.1)])[0] == "a"
    assert decide([Candidate("a", FLOOR / 2), Candidate("b", 0.0)])[0] is None  # shares too little with anything


def test_normalise_keeps_finnish_letters_and_drops_punctuation():
    assert normalise("Mitä?! Hakemus—ÄÖ") == "mitä hakemus äö"


def test_ranking_is_deterministic_and_scores_are_in_range():
    m = Matcher()
    first = m.match("opening", OPTIONS_FI, "ymmärrän kyllä", "fi")
    again = Matcher().match("opening", OPTIONS_FI, "ymmärrän kyllä", "fi")
    assert first == again
    assert all(0.0 <= c.score <= 1.0 for c in first.candidates)
    assert first.accepted == "stock-empathy"


def test_a_watched_file_saved_many_times_keeps_only_the_latest_matchers(tmp_path):
    """`sim play --watch` makes a new scenario version at every save: the matchers
    of old versions are let go, the one in use is kept."""
    from sim.core import matching
    from tests.helpers import write_scenario

    nodes = {
        "opening": {"client": "Hello.", "choices": [
            {"id": "greet", "say": "Good morning, how can I help?", "principles": {"listen-acknowledge": 1}, "feedback": "Good.", "next": "done"},
            {"id": "wait", "say": "Please take a number.", "principles": {"listen-acknowledge": -1}, "feedback": "Poor.", "next": "done"},
        ]},
        "done": {"end": "resolved"},
        "helped": {"end": "help-called"},
    }
    matching._MATCHER.clear()
    first = None
    for save in range(matching.KEPT_VERSIONS * 2):
        version = tmp_path / f"v{save}"
        version.mkdir()
        scenario = write_scenario(version, nodes, briefing=f"Save {save}")[1].scenario
        first = first or scenario
        found = matching.match_at(scenario, "opening", scenario.nodes["opening"].choices, "good morning", "en")
        assert found.accepted == "greet"
        matching.match_at(first, "opening", first.nodes["opening"].choices, "take a number", "en")
    assert len(matching._MATCHER) == matching.KEPT_VERSIONS
    assert first.content_hash in matching._MATCHER
