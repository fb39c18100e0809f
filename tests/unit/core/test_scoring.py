"""Scoring: every point traceable to a turn, critical misses cap the grade."""

from __future__ import annotations

from sim.core.engine import Session
from sim.core.scoring import grade_for, score
from tests.helpers import write_scenario


def test_best_path_scores_full_marks(sample, sample_profile):
    s = Session.replay(sample, sample_profile, 0, ["acknowledge", "file"])
    result = score(s)
    la = result.principle("listen-acknowledge")
    assert la.score == 100
    # Turn 1: chose +2 of 0…+2 → 2/2; turn 2 only had one option: no decision.
    assert [(e.turn, e.delta, e.worst, e.best, e.earned, e.possible) for e in la.evidence] == [(1, 2, 0, 2, 2, 2)]
    assert result.principle("no-shaming").score == 100  # avoided the −2 at turn 1
    assert result.overall == 100 and result.grade == "excellent"
    assert result.success


def test_worst_path_is_traced_and_capped(sample, sample_profile):
    s = Session.replay(sample, sample_profile, 0, ["notice", "argue", "alone"])
    result = score(s)
    ns = result.principle("no-shaming")
    assert [(e.turn, e.earned, e.possible) for e in ns.evidence] == [(1, 0, 2), (2, 0, 2)]
    assert ns.score == 0
    chp = result.principle("call-help-early")
    # Threatened at turns 2 and 3: each time calling for help was worth +2.
    assert [(e.turn, e.delta, e.best) for e in chp.evidence] == [(2, 0, 2), (3, 0, 2)]
    assert result.grade == "needs practice"
    assert result.overall <= 49
    assert [m.turn for m in result.critical_misses][:1] == [2]
    assert not result.success


def test_partial_credit_matches_the_worked_example(tmp_path):
    # The guide's example: +1/0/−2 picking 0 → 2 of 3; later +2/−1 picking +2 → 3 of 3; 5/6 → 83.
    nodes = {
        "opening": {
            "choices": [
                {"id": "a", "say": "a", "next": "second", "principles": {"no-shaming": 1}, "feedback": "f"},
                {"id": "b", "say": "b", "next": "second", "principles": {"listen-acknowledge": 1}, "feedback": "f"},
                {"id": "c", "say": "c", "next": "second", "principles": {"no-shaming": -2}, "feedback": "f"},
            ]
        },
        "second": {
            "choices": [
                {"id": "d", "say": "d", "next": "done", "principles": {"no-shaming": 2}, "feedback": "f"},
                {"id": "e", "say": "e", "next": "done", "principles": {"no-shaming": -1}, "feedback": "f"},
            ]
        },
        "done": {"end": "resolved"},
        "helped": {"end": "help-called"},
    }
    lib, ls = write_scenario(tmp_path, nodes, goals=["no-shaming", "listen-acknowledge"])
    s = Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, ["b", "d"])
    result = score(s)
    ns = result.principle("no-shaming")
    assert (ns.earned, ns.possible, ns.score) == (5, 6, 83)
    assert result.principle("listen-acknowledge").score == 100
    assert result.overall == 92  # mean of 83 and 100, rounded half up
    assert result.verdicts[0].was_best and result.verdicts[0].better is None  # "b" ties "a", worth +1 on the goals


def test_untested_principle_is_not_assessed(tmp_path):
    nodes = {
        "opening": {"choices": [{"id": "a", "say": "a", "next": "done", "feedback": "f"}]},
        "done": {"end": "resolved"},
        "helped": {"end": "help-called"},
    }
    lib, ls = write_scenario(tmp_path, nodes)
    result = score(Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, ["a"]))
    assert result.principle("listen-acknowledge").score is None
    assert result.overall is None and result.grade == "not assessed"


def test_critical_principle_in_catalogue_makes_a_miss(tmp_path):
    nodes = {
        "opening": {
            "choices": [
                {"id": "alone", "say": "I'll manage alone", "next": "done", "principles": {"call-help-early": -2}, "feedback": "f"},
                {"id": "ok", "say": "ok", "next": "done", "principles": {"listen-acknowledge": 1}, "feedback": "f"},
            ]
        },
        "done": {"end": "resolved"},
        "helped": {"end": "help-called"},
    }
    lib, ls = write_scenario(tmp_path, nodes)
    critical = frozenset(pid for pid, p in lib.principles.items() if p.critical)
    s = Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, ["alone"], critical)
    result = score(s)
    assert [m.principle for m in result.critical_misses] == ["call-help-early"]
    assert result.grade == "needs practice"


def test_grade_bands():
    assert [grade_for(x) for x in (100, 85, 84, 70, 69, 50, 49, 0, None)] == [
        "excellent", "excellent", "good", "good", "satisfactory", "satisfactory", "needs practice", "needs practice", "not assessed",
    ]


def test_scoring_is_deterministic(sample, sample_profile):
    a = score(Session.replay(sample, sample_profile, 3, ["notice", "sorry", "file"]))
    b = score(Session.replay(sample, sample_profile, 3, ["notice", "sorry", "file"]))
    assert a == b
