"""The engine: transitions, persona modulation, clamping, threats and replay."""

from __future__ import annotations

import pytest

from sim.content.model import Ending
from sim.core.engine import EngineError, Session, round_half_up, tension_band


def test_start_state_comes_from_the_persona(sample, sample_profile):
    s = Session(sample, sample_profile)
    assert s.node_id == "opening"
    assert s.state == {"tension": 50, "trust": 30, "turn": 0}
    assert [o.id for o in s.options] == ["acknowledge", "notice"]  # shuffle is off in the sample
    assert [line.speaker for line in s.transcript] == ["client"]
    assert not s.ended and s.ending is None


def test_calming_choice_applies_effects_then_recovery_towards_baseline(sample, sample_profile):
    s = Session(sample, sample_profile)
    turn = s.choose_id("acknowledge")
    # 50 - 15 = 35, then recovery 5 towards the baseline 30 → 30.
    assert turn.state_after["tension"] == 30
    assert turn.state_after["trust"] == 40
    assert turn.state_before["tension"] == 50
    assert s.node_id == "details"
    assert dict(turn.principles) == {"listen-acknowledge": 2}


def test_rises_are_multiplied_by_volatility_and_clamped(sample, sample_profile):
    s = Session(sample, sample_profile)
    s.choose_id("notice")  # +20 × 1.5 = 30
    assert s.state["tension"] == 80
    s.choose_id("argue")  # +15 × 1.5 = 22.5 → 23, clamped at 100
    assert s.state["tension"] == 100


def test_round_half_up_is_symmetric():
    assert [round_half_up(x) for x in (2.5, 3.5, -2.5, 0.49, 22.5)] == [3, 4, -3, 0, 23]


def test_threat_without_help_is_a_critical_miss(sample, sample_profile):
    s = Session(sample, sample_profile)
    s.choose_id("notice")
    assert s.threatened and s.band == "threatening"
    turn = s.choose_id("argue")
    assert turn.threatened
    assert turn.critical == ("call-help-early",)
    assert [(m.turn, m.principle) for m in s.critical_misses] == [(2, "call-help-early")]


def test_calling_help_under_threat_earns_credit_and_no_miss(sample, sample_profile):
    s = Session(sample, sample_profile)
    s.choose_id("notice")
    turn = s.call_for_help()
    assert dict(turn.principles) == {"call-help-early": 2}
    assert s.ended and s.ending is Ending.help_called
    assert s.critical_misses == []
    assert s.help_called


def test_calling_help_when_calm_applies_the_scenario_deltas(sample, sample_profile):
    calm = sample_profile.model_copy(update={"tension": 40})  # below the angry band (from 50)
    s = Session(sample, calm)
    turn = s.call_for_help()
    assert dict(turn.principles) == {"solution-focus": -1}
    assert s.actions == ["help"]


def test_a_client_who_walks_in_angry_is_not_yet_becoming_a_threat_the_author_says_what_a_call_is_worth(sample, sample_profile):
    # Tension 50 at the start, the angry band's floor (two thirds of 75), not higher: `help.principles` judge the call.
    s = Session(sample, sample_profile)
    turn = s.call_for_help()
    assert turn.threat == "none" and dict(turn.principles) == {"solution-focus": -1}


def test_escalated_ending_after_a_threat_without_help_is_a_miss(sample, sample_profile):
    s = Session.replay(sample, sample_profile, 0, ["notice", "argue", "alone"])
    assert s.ending is Ending.escalated
    assert any(m.principle == "call-help-early" for m in s.critical_misses)


def test_invalid_actions_raise_engine_errors(sample, sample_profile):
    s = Session(sample, sample_profile)
    with pytest.raises(EngineError, match="no option 3"):
        s.choose(3)
    with pytest.raises(EngineError, match="no choice `nope`"):
        s.choose_id("nope")
    with pytest.raises(EngineError, match="no time limit"):
        s.timeout()
    s.call_for_help()
    with pytest.raises(EngineError, match="ended"):
        s.choose(1)


def test_conditions_hide_choices(sample, sample_profile):
    # `argue` is offered only while tension < 100.
    s = Session(sample, sample_profile)
    s.choose_id("notice")
    assert "argue" in [o.id for o in s.options]
    s2 = Session.replay(sample, sample_profile, 0, ["notice"])
    s2.state["tension"] = 100
    s2._enter("angry")  # re-enter to re-evaluate conditions in the changed state
    assert [o.id for o in s2.options] == ["sorry"]
    with pytest.raises(EngineError, match="not offered now"):
        s2.choose_id("argue")


def test_replay_is_exact(sample, sample_profile):
    a = Session(sample.model_copy(update={"shuffle": True}), sample_profile, seed=7)
    for _ in range(2):
        if a.ended:
            break
        a.choose(1)
    b = Session.replay(a.scenario, sample_profile, 7, a.actions)
    assert b.state == a.state
    assert b.node_id == a.node_id
    assert b.transcript == a.transcript
    assert [t.principles for t in b.turns] == [t.principles for t in a.turns]


def test_seed_decides_the_shown_order_only(sample, sample_profile):
    shuffled = sample.model_copy(update={"shuffle": True})
    orders = {tuple(o.id for o in Session(shuffled, sample_profile, seed=seed).options) for seed in range(20)}
    assert orders == {("acknowledge", "notice"), ("notice", "acknowledge")}


def test_timeout_branch(tmp_path):
    from tests.helpers import write_scenario

    lib, ls = write_scenario(
        tmp_path,
        nodes={
            "opening": {
                "client": "Hello?",
                "time_limit": 20,
                "timeout": {"next": "left", "effects": {"tension": 10}, "principles": {"listen-acknowledge": -1}, "feedback": "Silence."},
                "choices": [{"id": "hi", "say": "Hi", "next": "done", "feedback": "ok", "principles": {"listen-acknowledge": 1}}],
            },
            "done": {"end": "resolved"},
            "left": {"end": "client-left"},
            "helped": {"end": "help-called"},
        },
    )
    s = Session(ls.scenario, lib.profile_for(ls.scenario))
    assert s.time_limit == 20
    turn = s.timeout()
    assert turn.action == "timeout" and s.ending is Ending.client_left
    assert turn.state_after["tension"] == 60  # 50 + 10 × volatility 1.0
    assert s.actions == ["timeout"]
    assert s.time_limit is None


def test_bands_scale_with_threshold():
    assert [tension_band(t, 75) for t in (0, 24, 25, 49, 50, 74, 75, 100)] == [
        "calm", "calm", "irritated", "irritated", "angry", "angry", "threatening", "threatening",
    ]


def test_an_ending_s_narration_closes_the_scene_after_the_client_s_last_words():
    from sim.content.library import load_library

    lib = load_library(builtin_scenarios=True)
    loaded = lib.scenario("chat-bounced")
    scenario = loaded.scenario
    [node_id] = [nid for nid, n in scenario.nodes.items() if nid == "logged-off"]
    session = Session(scenario, lib.profile_for(scenario), 0)
    session._enter(node_id)
    speakers = [line.speaker for line in session.transcript if line.node == node_id]
    assert speakers == ["client", "narration"]
    opening = [line.speaker for line in session.transcript if line.node == scenario.start]
    assert opening[0] in ("narration", "client")  # elsewhere narration still comes first, where there is one
