"""The engine on conditional `next` lists and narration steps (issue 20): where a
move leads, what a step shows, what it does not count, and exact replay."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sim.content.model import Ending, Profile, Scenario
from sim.core.engine import HELP, TIMEOUT, Session

PLAIN: dict[str, Any] = {
    "id": "plain",
    "name": "Plain",
    "description": "No volatility, no recovery.",
    "tension": 50,
    "trust": 50,
    "volatility": 1.0,
    "recovery": 0,
    "threat_threshold": 75,
}


def scenario(nodes: dict[str, Any], **overrides: Any) -> Scenario:
    data = {
        "id": "t",
        "title": "T",
        "channel": "desk",
        "profile": "plain",
        "briefing": "B",
        "goals": ["p"],
        "start": "opening",
        "help": "helped",
        "shuffle": False,
        "nodes": {**nodes, "helped": {"end": "help-called"}, "good": {"end": "resolved"}, "bad": {"end": "client-left"}},
        **overrides,
    }
    return Scenario.model_validate(data)


def profile(**overrides: Any) -> Profile:
    return Profile.model_validate({**PLAIN, **overrides})


ANGRY_OR_FINE = [{"when": "tension >= 75", "to": "angry"}, {"to": "fine"}]
ROUTED = {
    "opening": {
        "client": "Well?",
        "choices": [
            {"id": "push", "say": "Read the notice.", "effects": {"tension": 30}, "next": ANGRY_OR_FINE},
            {"id": "calm", "say": "Let's look.", "effects": {"tension": -10}, "next": ANGRY_OR_FINE},
        ],
    },
    "angry": {"client": "What?!", "choices": [{"id": "sorry", "say": "Sorry.", "next": "bad"}]},
    "fine": {"client": "OK.", "choices": [{"id": "done", "say": "Done.", "next": "good"}]},
}


def test_a_conditional_next_reads_the_state_after_the_moves_effects():
    s = Session(scenario(ROUTED), profile())
    turn = s.choose_id("push")  # 50 + 30 = 80: the condition holds only after the effect
    assert s.node_id == "angry" and turn.next == "angry"
    s = Session(scenario(ROUTED), profile())
    turn = s.choose_id("calm")
    assert s.node_id == "fine" and turn.next == "fine"
    # The alternatives keep the authored `next`: the list, not one node.
    assert {a.choice_id: a.next for a in turn.alternatives}["push"] == scenario(ROUTED).nodes["opening"].choices[0].next


def test_the_first_entry_that_holds_is_taken_and_visited_counts_the_current_node():
    nodes = {
        "opening": {"choices": [{"id": "go", "say": "Go.", "next": "middle"}]},
        "middle": {
            "choices": [
                {
                    "id": "on",
                    "say": "On.",
                    "next": [{"when": "visited(opening) and visited(middle)", "to": "good"}, {"when": "true", "to": "bad"}, {"to": "bad"}],
                }
            ]
        },
    }
    s = Session.replay(scenario(nodes), profile(), 0, ["go", "on"])
    assert s.ending is Ending.resolved


def test_timeout_and_help_can_be_conditional():
    nodes = {
        "opening": {
            "client": "Hello?",
            "time_limit": 10,
            "timeout": {"next": [{"when": "tension > 55", "to": "bad"}, {"to": "good"}], "effects": {"tension": 10}},
            "choices": [{"id": "wait", "say": "…", "next": "good"}],
        },
        "backup": {"end": "resolved"},
    }
    s = Session(scenario(nodes), profile())
    assert s.timeout().next == "bad"  # 50 + 10 = 60 > 55
    help_routes = {"next": [{"when": "tension < 40", "to": "backup"}, {"to": "helped"}], "effects": {"tension": -20}}
    s = Session(scenario(nodes, help=help_routes), profile())
    assert s.call_for_help().next == "backup"  # 50 - 20 = 30
    s = Session(scenario(nodes, help=help_routes), profile(tension=70))
    assert s.call_for_help().next == "helped"


STEPS = {
    "opening": {"narration": "The door bangs open.", "client": ["Where is it?", "Well?"], "next": "desk"},
    "desk": {
        "client": "I'm waiting.",
        "choices": [
            {"id": "push", "say": "Read the notice.", "effects": {"tension": 30}, "next": "reaction"},
            {"id": "calm", "say": "Let's look.", "effects": {"tension": -10}, "next": "reaction"},
        ],
    },
    "reaction": {"narration": "The client takes a breath.", "next": [{"when": "tension >= 75", "to": "storm"}, {"to": "calmer"}]},
    "storm": {"narration": "They slam the desk.", "next": "storm-2"},
    "storm-2": {"client": "Enough!", "next": "angry"},
    "calmer": {"client": "Fine.", "choices": [{"id": "done", "say": "Done.", "next": "good"}]},
    "angry": {"client": "What?!", "choices": [{"id": "sorry", "say": "Sorry.", "next": "bad"}]},
}


def test_a_step_shows_its_lines_and_moves_on_without_a_turn():
    s = Session(scenario(STEPS), profile())
    assert s.node_id == "desk" and s.turns == [] and s.state["turn"] == 0
    assert [(line.speaker, line.node) for line in s.transcript] == [
        ("narration", "opening"),
        ("client", "opening"),
        ("client", "opening"),
        ("client", "desk"),
    ]
    assert s.visited == ["opening", "desk"]
    assert s.state["tension"] == 50


def test_a_chain_of_steps_with_a_conditional_next_leads_to_the_node_that_waits():
    s = Session(scenario(STEPS), profile())
    turn = s.choose_id("push")
    assert turn.next == "angry" and s.node_id == "angry"
    assert s.visited == ["opening", "desk", "reaction", "storm", "storm-2", "angry"]
    assert [line.text for line in s.transcript if line.turn == 2] == [
        "The client takes a breath.",
        "They slam the desk.",
        "Enough!",
        "What?!",
    ]
    assert len(s.turns) == 1 and s.state["turn"] == 1
    s = Session(scenario(STEPS), profile())
    assert s.choose_id("calm").next == "calmer"


def test_a_step_is_not_a_turn_alone_under_threat():
    # Two turns alone under threat make a critical miss; the steps in between are not turns.
    s = Session(scenario(STEPS, threat_turns=2), profile())
    s.choose_id("push")  # into the threat band, through three steps
    assert s.threatened and s.critical_misses == []
    s.choose_id("sorry")  # the first turn taken while a threat
    assert s.critical_misses == [] and s.ending is Ending.client_left


def test_a_step_into_an_ending_ends_the_encounter():
    nodes = {
        "opening": {"choices": [{"id": "leave", "say": "Bye.", "next": "door"}]},
        "door": {"narration": "The client goes.", "next": [{"when": "trust > 90", "to": "good"}, {"to": "bad"}]},
    }
    s = Session(scenario(nodes), profile())
    turn = s.choose_id("leave")
    assert s.ended and s.ending is Ending.client_left and turn.next == "bad"


def test_replay_of_the_actions_gives_the_same_session():
    s = Session(scenario(STEPS), profile())
    s.choose_id("push")
    again = Session.replay(scenario(STEPS), profile(), 0, s.actions)
    assert again.transcript == s.transcript and again.state == s.state and again.turns == s.turns


# --------------------------------------------------------------------------
# Property: random small scenarios with conditional `next` lists and steps never
# crash, and replaying their actions gives the same session.

CONDITIONS = ["tension < 60", "tension >= 55", "trust > 45", "visited(c1)", "not visited(s0)", "turn < 2", "true"]
ENDINGS = ["good", "bad", "helped"]


@st.composite
def flows(draw: st.DrawFn) -> Scenario:
    n_choice = draw(st.integers(1, 4))
    n_step = draw(st.integers(0, 3))
    choice_nodes = [f"c{i}" for i in range(n_choice)]
    steps = [f"s{i}" for i in range(n_step)]

    def nxt(candidates: list[str]) -> Any:
        if draw(st.booleans()):
            return draw(st.sampled_from(candidates))
        entries = [{"when": draw(st.sampled_from(CONDITIONS)), "to": draw(st.sampled_from(candidates))} for _ in range(draw(st.integers(0, 2)))]
        return [*entries, {"to": draw(st.sampled_from(candidates))}]

    nodes: dict[str, Any] = {}
    anywhere = choice_nodes + steps + ENDINGS
    for nid in choice_nodes:
        choices = []
        for k in range(draw(st.integers(1, 3))):
            choice: dict[str, Any] = {"id": f"x{k}", "say": f"{nid} {k}", "next": nxt(anywhere)}
            choice["effects"] = {"tension": draw(st.sampled_from([-20, -5, 0, 10, 25])), "trust": draw(st.sampled_from([-10, 0, 10]))}
            choice["principles"] = {"p": draw(st.sampled_from([-1, 0, 1]))}
            if k and draw(st.booleans()):
                choice["when"] = draw(st.sampled_from(CONDITIONS))
            choices.append(choice)
        node: dict[str, Any] = {"client": nid, "choices": choices}
        if draw(st.booleans()):
            node["time_limit"] = 5
            node["timeout"] = {"next": nxt(anywhere), "effects": {"tension": 10}}
        nodes[nid] = node
    for i, nid in enumerate(steps):
        # A step leads only to later steps, so no loop is made of steps alone.
        nodes[nid] = {"narration": f"step {nid}", "next": nxt(choice_nodes + steps[i + 1 :] + ENDINGS)}
    start = draw(st.sampled_from(choice_nodes + steps))
    help_next = nxt(ENDINGS + choice_nodes) if draw(st.booleans()) else "helped"
    data = {"id": "t", "title": "T", "channel": "desk", "profile": "plain", "briefing": "B", "goals": ["p"],
            "start": start, "help": {"next": help_next, "effects": {"tension": -20}}, "shuffle": draw(st.booleans()),
            "nodes": {**nodes, "good": {"end": "resolved"}, "bad": {"end": "client-left"}, "helped": {"end": "help-called"}}}
    return Scenario.model_validate(data)


@settings(max_examples=150, deadline=None)
@given(flows(), st.lists(st.integers(0, 10), max_size=12), st.integers(0, 3))
def test_random_flows_never_crash_and_replay_exactly(s, picks, seed):
    p = profile(threat_threshold=70)
    session = Session(s, p, seed)
    for pick in picks:
        if session.ended:
            break
        moves = [o.id for o in session.options] + ([TIMEOUT] if session.node.timeout else []) + [HELP]
        turn = session.act(moves[pick % len(moves)])
        assert turn.next == session.node_id
        assert not session.node.is_step
    again = Session.replay(s, p, seed, session.actions)
    assert again.transcript == session.transcript
    assert again.state == session.state and again.turns == session.turns and again.node_id == session.node_id
    assert again.critical_misses == session.critical_misses
