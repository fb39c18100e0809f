"""Variants, flags and help that comes and goes (issue 20), in the engine:
the words vary by seed and by what the trainee has heard, never the flow;
a session replays exactly from (seed, heard, actions)."""

from __future__ import annotations

from typing import Any

import pytest

from sim.content.library import load_library
from sim.core.engine import EngineError, Session
from tests.conftest import ROOT
from tests.helpers import write_scenario

FEATURES = ROOT / "tests" / "data" / "email-features"


@pytest.fixture(scope="module")
def features() -> tuple[Any, Any]:
    lib = load_library([FEATURES])
    assert not lib.problems
    loaded = lib.scenarios[0]
    return loaded.scenario, lib.profile_for(loaded.scenario)


def words(session: Session) -> list[tuple[str, str | None, str]]:
    return [(line.speaker, line.who, line.text["en"] if isinstance(line.text, dict) else line.text) for line in session.transcript]


def test_the_same_seed_says_the_same_words_and_another_seed_other_words(features):
    s, p = features
    play = ["blame", "help", "honest"]
    once, again = Session.replay(s, p, 1, play), Session.replay(s, p, 1, play)
    assert words(once) == words(again) and once.said_variants == again.said_variants
    others = [words(Session.replay(s, p, seed, play)) for seed in range(2, 8)]
    assert any(w != words(once) for w in others)
    # The flow never varies: the same nodes, the same state.
    runs = [Session.replay(s, p, seed, play) for seed in range(8)]
    assert {(tuple(r.visited), tuple(r.state.items())) for r in runs} == {(tuple(once.visited), tuple(once.state.items()))}


def test_a_variant_with_a_condition_is_said_when_it_holds(features):
    s, p = features
    blamed = Session.replay(s, p, 3, ["blame"])
    assert blamed.state["blamed"] == 1
    assert words(blamed)[-1][2] == "You already told me the attachments were missing. They were not!"
    kind = Session.replay(s, p, 3, ["acknowledge"])
    assert kind.node_id == "second-calm" and kind.state["blamed"] == 0


def test_the_variant_heard_least_lately_comes_first(features):
    s, p = features
    heard: dict[str, tuple[int, ...]] = {}
    openings = []
    for seed in range(4):
        session = Session(s, p, seed, heard=heard)
        openings.append(session.said_variants[0])
        heard = session.heard_after()
    # Three variants: each heard once before any is said again, then the one heard least lately.
    assert sorted(i for _, i in openings[:3]) == [0, 1, 2]
    assert openings[3] == openings[0]


def test_a_session_replays_exactly_from_what_was_heard(features):
    s, p = features
    first = Session.replay(s, p, 5, ["acknowledge", "honest"])
    heard = first.heard_after()
    second = Session.replay(s, p, 5, ["acknowledge", "honest"], heard=heard)
    assert words(second) != words(first)  # the same seed, but what was heard is said last
    assert words(Session.replay(s, p, 5, ["acknowledge", "honest"], heard=heard)) == words(second)


def test_help_that_returns_comes_back_without_repeating_and_comes_once(features):
    s, p = features
    session = Session.replay(s, p, 1, ["blame"])
    shown = [o.id for o in session.options]
    lines_before = len(session.transcript)
    turn = session.call_for_help()
    assert turn.next == "second-angry" and session.node_id == "second-angry"
    new = words(session)[lines_before:]
    assert [(k, who) for k, who, _ in new] == [("trainee", None), ("client", "leader")]  # the leader's words only
    assert [o.id for o in session.options] == shown  # the options keep their places
    assert not session.can_call_help
    with pytest.raises(EngineError, match="help has come already"):
        session.call_for_help()
    assert "leader-reads" in session.visited


def test_set_applies_after_effects_and_clamps_numbers(tmp_path):
    lib, loaded = write_scenario(
        tmp_path,
        {
            "a": {
                "client": "Hi",
                "choices": [
                    {
                        "id": "go",
                        "say": "x",
                        "next": [{"when": "told and level == 2", "to": "yes"}, {"to": "no"}],
                        "set": {"told": True, "level": 2},
                        "effects": {"level": 3},
                    }
                ],
            },
            "yes": {"end": "resolved"},
            "no": {"end": "unresolved"},
            "helped": {"end": "help-called"},
        },
        start="a",
        help="helped",
        variables={"told": {"start": False}, "level": {"start": 5, "min": 0, "max": 9}},
    )
    assert not lib.problems, lib.problems
    s = loaded.scenario
    session = Session.replay(s, lib.profile_for(s), 0, ["go"])
    assert session.node_id == "yes" and session.state["told"] == 1 and session.state["level"] == 2


def test_an_option_into_help_that_returns_comes_back_as_the_key_does(tmp_path):
    lib, loaded = write_scenario(
        tmp_path,
        {
            "a": {
                "client": "You will regret this.",
                "choices": [
                    {"id": "signal", "say": "I signal my colleague.", "next": "listens", "when": "not visited(listens)"},
                    {"id": "end", "say": "Let's end here.", "next": "done"},
                ],
            },
            "listens": {"narration": "Your colleague listens in."},
            "done": {"end": "resolved"},
        },
        start="a",
        help={"next": "listens", "return": True},
    )
    assert not lib.problems, lib.problems
    s = loaded.scenario
    session = Session.replay(s, lib.profile_for(s), 0, ["signal"])
    assert session.node_id == "a" and session.turns[-1].called_help and not session.can_call_help
    assert [o.id for o in session.options] == ["end"]  # the author's `when:` keeps it from being offered again
    from sim.authoring.analysis import analyze

    result = analyze(s, lib.profile_for(s), lib.critical_principles)
    assert result.paths == 3  # end; signal then end; the key then end


def test_call_help_early_scored_by_the_author_counts_while_the_client_is_calm(tmp_path):
    # Telling colleagues before a tense meeting is calling for help early, though no one threatens yet.
    from sim.core.scoring import score

    lib, loaded = write_scenario(
        tmp_path,
        {
            "a": {
                "client": "Let's go.",
                "choices": [
                    {"id": "heads-up", "say": "I tell the team where I'll be.", "next": "done", "principles": {"call-help-early": 1}, "feedback": "Good."},
                    {"id": "straight-in", "say": "Follow me.", "next": "done", "feedback": "Nobody knows where you are."},
                ],
            },
            "done": {"end": "resolved"},
            "helped": {"end": "help-called"},
        },
        start="a",
        goals=["call-help-early"],
    )
    assert not lib.problems, lib.problems
    s = loaded.scenario
    for action, points in (("heads-up", 1), ("straight-in", 0)):
        result = score(Session.replay(s, lib.profile_for(s), 0, [action], lib.critical_principles))
        principle = result.principle("call-help-early")
        assert (principle.earned, principle.possible) == (points, 1), action
