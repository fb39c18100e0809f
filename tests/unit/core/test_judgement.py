"""The rules of sim.core.judgement, as a session plays them: when the client
is a threat or becoming one, what calling for help is worth, and what the
debrief may say about it. The plain persona starts at tension 50, threat
at 75, so the angry line is 50."""

from __future__ import annotations

from pathlib import Path

from sim.content.library import load_library
from sim.core.engine import Session
from sim.core.judgement import angry_line, threat_level
from sim.core.scoring import score
from tests.helpers import write_scenario

GOALS = ["listen-acknowledge", "no-shaming", "call-help-early"]


def played(tmp_path: Path, nodes: dict, actions: list[str], **overrides):
    tmp_path.mkdir(parents=True, exist_ok=True)
    lib, ls = write_scenario(tmp_path, nodes, goals=GOALS, **overrides)
    session = Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, actions, lib.critical_principles)
    return session, score(session)


def by_id(result, pid):
    return result.principle(pid)


def test_threat_levels(sample_profile):
    # Sample persona: start 50, threat at 75, angry line 50.
    assert angry_line(sample_profile) == 50
    assert threat_level(75, sample_profile) == threat_level(100, sample_profile) == "threat"
    assert threat_level(60, sample_profile) == "becoming"  # angry, and higher than at the start
    assert threat_level(50, sample_profile) == "none"  # walked in angry, no worse: help.principles say what a call is worth
    assert threat_level(40, sample_profile) == "none"
    started_higher = sample_profile.model_copy(update={"tension": 60})
    assert threat_level(55, started_higher) == "none"  # angry band, but calmer than at the start
    assert threat_level(61, started_higher) == "becoming"


# Tension 50 → 65 at turn 1 ("push"): becoming a threat at turn 2.
ESCALATING = {
    "opening": {"choices": [{"id": "push", "say": "Rules are rules.", "next": "angry", "effects": {"tension": 15}}]},
    "angry": {
        "choices": [
            {"id": "listen", "say": "Tell me more.", "next": "calm", "principles": {"listen-acknowledge": 1, "no-shaming": 1}},
            {"id": "anna", "say": "Let's ask Anna to join us.", "next": "helped", "principles": {"listen-acknowledge": 1}},
            {"id": "lecture", "say": "Calm down.", "next": "calm", "principles": {"no-shaming": -1}},
        ]
    },
    "calm": {"end": "resolved"},
    "helped": {"end": "help-called"},
}


def test_the_help_key_is_judged_as_the_option_that_calls_help(tmp_path):
    key, key_score = played(tmp_path / "a", ESCALATING, ["push", "help"])
    words, words_score = played(tmp_path / "b", ESCALATING, ["push", "anna"])
    assert key.turns[1].threat == "becoming"
    assert dict(key.turns[1].principles) == dict(words.turns[1].principles) == {"listen-acknowledge": 1, "call-help-early": 2}
    for pid in GOALS:
        assert (by_id(key_score, pid).earned, by_id(key_score, pid).possible) == (by_id(words_score, pid).earned, by_id(words_score, pid).possible), pid
    assert key_score.overall == words_score.overall
    assert key_score.verdicts[1].was_best and key_score.verdicts[1].better is None


def test_a_call_while_the_client_becomes_a_threat_earns_credit_and_nothing_is_better(tmp_path):
    nodes = {**ESCALATING, "angry": {**ESCALATING["angry"], "choices": [c for c in ESCALATING["angry"]["choices"] if c["id"] != "anna"]}}
    session, result = played(tmp_path, nodes, ["push", "help"])
    turn = session.turns[1]
    assert turn.threat == "becoming" and dict(turn.principles) == {"call-help-early": 2}
    assert (by_id(result, "call-help-early").earned, by_id(result, "call-help-early").possible) == (2, 2)
    # The call says nothing about listening or shaming: no evidence either way at turn 2.
    assert by_id(result, "listen-acknowledge").possible == 0 and by_id(result, "no-shaming").possible == 0
    assert result.verdicts[1].was_best is True and result.verdicts[1].better is None


def test_carrying_on_while_the_client_only_becomes_a_threat_is_not_marked_down(tmp_path):
    nodes = {**ESCALATING, "angry": {**ESCALATING["angry"], "choices": [c for c in ESCALATING["angry"]["choices"] if c["id"] != "anna"]}}
    session, result = played(tmp_path, nodes, ["push", "listen"])
    assert session.turns[1].threat == "becoming"
    assert all(a.action != "help" for a in session.turns[1].alternatives)
    assert by_id(result, "call-help-early").possible == 0  # not tested: calming is as right as calling
    assert result.verdicts[1].was_best is True


def test_under_threat_not_calling_is_measured_against_the_call(tmp_path):
    nodes = {**ESCALATING, "opening": {"choices": [{"id": "push", "say": "Rules are rules.", "next": "angry", "effects": {"tension": 30}}]}}
    session, result = played(tmp_path, nodes, ["push", "listen"])
    assert session.turns[1].threat == "threat"
    assert (by_id(result, "call-help-early").earned, by_id(result, "call-help-early").possible) == (0, 2)
    assert result.verdicts[1].better is not None


def test_after_help_the_trainee_is_not_alone_with_a_threat(tmp_path):
    # The help node is not an ending and the client is still a threat there.
    nodes = {
        "opening": {"choices": [{"id": "push", "say": "No.", "next": "angry", "effects": {"tension": 40}}]},
        "angry": {"choices": [{"id": "wait", "say": "Hm.", "next": "calm"}]},
        "helped": {"narration": "Anna joins you.", "choices": [{"id": "together", "say": "Let's look together.", "next": "calm"}]},
        "calm": {"end": "resolved"},
    }
    session, result = played(tmp_path, nodes, ["push", "help", "together"])
    assert session.turns[2].threatened  # tension still 90 at the help node
    assert session.critical_misses == []
    assert result.success


def test_a_choice_into_the_help_node_brings_the_helps_effects(tmp_path):
    nodes = {
        "opening": {
            "choices": [
                {"id": "anna", "say": "Anna, could you join us?", "next": "helped", "effects": {"trust": 5}},
                {"id": "done", "say": "Bye.", "next": "calm"},
            ]
        },
        "calm": {"end": "resolved"},
        "helped": {"end": "help-called"},
    }
    session, _ = played(tmp_path, nodes, ["anna"], help={"next": "helped", "effects": {"tension": -20, "trust": 1}})
    # The option's own trust change wins; the help's tension change applies too.
    assert session.state["tension"] == 30 and session.state["trust"] == 55


def test_the_aggressive_desk_help_key_scores_as_calling_anna():
    lib = load_library([], builtin_scenarios=True)
    ls = lib.scenario("aggressive-desk")
    runs = {}
    for path in (["calm-down", "help", "two-ways-out"], ["calm-down", "colleague-anna", "two-ways-out"]):
        session = Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, path, lib.critical_principles)
        runs[path[1]] = score(session)
    key, words = runs["help"], runs["colleague-anna"]
    assert key.principle("call-help-early").score >= words.principle("call-help-early").score == 100
    assert key.overall >= words.overall
    assert key.verdicts[1].better is None


# --- grading: endings count, and what passing takes ----------------------------------

LEAVING = {
    "opening": {
        "choices": [
            {"id": "listen", "say": "Tell me more.", "next": "left", "principles": {"listen-acknowledge": 2}},
            {"id": "lecture", "say": "Calm down.", "next": "left", "principles": {"listen-acknowledge": -1}},
            {"id": "fix", "say": "Let's fix it.", "next": "done", "principles": {"listen-acknowledge": 2}},
        ]
    },
    "left": {"end": "client-left"},
    "done": {"end": "resolved"},
    "helped": {"end": "help-called"},
}


def test_a_failed_ending_caps_the_overall_score_and_does_not_pass(tmp_path):
    _, left = played(tmp_path / "a", LEAVING, ["listen"])
    assert (left.uncapped, left.overall, left.grade) == (100, 49, "needs practice")
    assert left.cap == 49 and left.capped_by == "ending" and left.passed is False
    _, done = played(tmp_path / "b", LEAVING, ["fix"])
    assert (done.overall, done.cap, done.capped_by, done.passed) == (100, None, None, True)


def test_the_phone_decision_path_where_the_client_leaves_is_not_satisfactory():
    lib = load_library([], builtin_scenarios=True)
    ls = lib.scenario("phone-decision")
    path = ["read-together", "not-accusation", "ask-them-why", "thats-how"]
    session = Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, path, lib.critical_principles)
    result = score(session)
    assert session.ending.value == "client-left"
    assert result.overall <= 49 and result.grade == "needs practice" and result.passed is False


def test_a_scenario_sets_its_own_grading(tmp_path):
    assessment = {"pass": 40, "critical": 80, "endings": {"client-left": 60}}
    _, left = played(tmp_path, LEAVING, ["listen"], assessment=assessment)
    assert (left.overall, left.cap, left.rules.pass_score, left.rules.critical) == (60, 60, 40, 80)
    assert left.rules.cap(left.ending) == 60 and left.passed is False  # a failed ending never passes


def test_the_catalogue_sets_the_librarys_grading(tmp_path):
    import yaml

    from tests.helpers import write_scenario

    write_scenario(tmp_path, LEAVING, goals=GOALS)
    principles = yaml.safe_load((tmp_path / "principles.yaml").read_text(encoding="utf-8"))
    principles["assessment"] = {"pass": 90, "endings": {"unresolved": 30}}
    (tmp_path / "principles.yaml").write_text(yaml.safe_dump(principles, allow_unicode=True), encoding="utf-8")
    lib = load_library([tmp_path])
    assert not lib.problems, [p.format() for p in lib.problems]
    session = Session.replay(lib.scenario("t").scenario, lib.profile_for(lib.scenario("t").scenario), 0, ["fix"], lib.critical_principles)
    result = score(session)
    assert (result.rules.pass_score, result.rules.critical) == (90, 50)
    assert result.rules.caps[session.scenario.nodes["left"].end] == 49  # the default, kept
    assert result.passed is True  # 100 ≥ 90



# --- found by a hostile review: the rules hold across the history of a session -----------------


def test_calming_a_client_who_only_becomes_a_threat_is_not_marked_down_even_beside_a_calling_option(tmp_path):
    nodes = {
        "opening": {"choices": [{"id": "push", "say": "No.", "next": "angry", "effects": {"tension": 15}}]},
        "angry": {
            "choices": [
                {"id": "ask", "say": "Tell me.", "next": "calm", "principles": {"listen-acknowledge": 2}},
                {"id": "anna", "say": "Anna, join us?", "next": "helped", "principles": {"listen-acknowledge": 1}},
            ]
        },
        "calm": {"end": "resolved"},
        "helped": {"end": "help-called"},
    }
    session, result = played(tmp_path, nodes, ["push", "ask"])
    assert session.turns[1].threat == "becoming"
    assert result.principle("call-help-early").possible == 0  # not tested: calming was as right
    assert result.verdicts[1].was_best and result.passed


def test_after_help_is_called_carrying_on_under_threat_is_not_marked_down_again(tmp_path):
    nodes = {
        "opening": {"choices": [{"id": "up", "say": "No.", "next": "angry", "effects": {"tension": 30}}]},
        "angry": {"choices": [{"id": "wait", "say": "Hm.", "next": "calm"}]},
        "helped": {"narration": "Anna joins you.", "choices": [{"id": "together", "say": "Together?", "next": "more"}]},
        "more": {"choices": [{"id": "explain", "say": "Here is why.", "next": "calm", "principles": {"listen-acknowledge": 1}}]},
        "calm": {"end": "resolved"},
    }
    once, once_score = played(tmp_path / "a", nodes, ["up", "help", "together", "explain"])
    again, again_score = played(tmp_path / "b", nodes, ["up", "help", "help", "help", "together", "explain"])
    assert all(t.threatened for t in once.turns[1:])  # the client stays a threat after help came
    assert (once_score.principle("call-help-early").earned, once_score.principle("call-help-early").possible) == (2, 2)
    assert all(v.better is None for v in once_score.verdicts[2:])
    assert once_score.overall >= again_score.overall  # pressing help again and again is no way to score higher


def test_the_seed_does_not_decide_what_the_help_key_is_worth(tmp_path):
    from sim.authoring.analysis import analyze, verify

    nodes = {
        "opening": {"choices": [{"id": "up", "say": "No.", "next": "angry", "effects": {"tension": 30}}]},
        "angry": {
            "choices": [
                {"id": "anna", "say": "Anna?", "next": "helped", "principles": {"no-shaming": -1}},
                {"id": "boss", "say": "Boss?", "next": "helped", "principles": {"no-shaming": 1}},
                {"id": "wait", "say": "Hm.", "next": "calm"},
            ]
        },
        "calm": {"end": "resolved"},
        "helped": {"end": "help-called"},
    }
    worths = set()
    for seed in range(6):
        (tmp_path / str(seed)).mkdir()
        lib, ls = write_scenario(tmp_path / str(seed), nodes, goals=["listen-acknowledge"], shuffle=True)
        session = Session.replay(ls.scenario, lib.profile_for(ls.scenario), seed, ["up", "help"], lib.critical_principles)
        worths.add(tuple(sorted(session.turns[1].principles.items())))
        assert verify(analyze(ls.scenario, lib.profile_for(ls.scenario), lib.critical_principles)) == []
    assert len(worths) == 1  # the first written of the tied options, whatever order they were shown in


def test_a_correct_call_is_among_the_best_responses_in_the_history(tmp_path):
    from sim.core.scoring import judged_worths

    nodes = {**ESCALATING, "opening": {"choices": [{"id": "push", "say": "Rules are rules.", "next": "angry", "effects": {"tension": 30}}]}}
    session, _ = played(tmp_path, nodes, ["push", "help"])
    turn = session.turns[1]
    values = judged_worths(turn, session.scenario.goals)
    chosen = next(i for i, a in enumerate(turn.alternatives) if a.action == "help")
    assert values[chosen] == max(values)


def test_one_folders_grading_does_not_reach_another_folders_scenarios(tmp_path):
    import yaml

    from tests.helpers import write_scenario

    strict, lax = tmp_path / "strict", tmp_path / "lax"
    strict.mkdir(), lax.mkdir()
    write_scenario(strict, LEAVING, goals=GOALS, id="strict")
    write_scenario(lax, LEAVING, goals=GOALS, id="lax")
    catalogue = yaml.safe_load((strict / "principles.yaml").read_text(encoding="utf-8"))
    catalogue["assessment"] = {"pass": 100}
    (strict / "principles.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True), encoding="utf-8")
    both = load_library([strict, lax])
    alone = load_library([lax / "lax.yaml"])
    from sim.core.judgement import rules

    assert rules(both.scenario("strict").scenario).pass_score == 100
    assert rules(both.scenario("lax").scenario).pass_score == rules(alone.scenario("lax").scenario).pass_score == 70


def test_the_analysis_bounds_the_best_by_what_the_endings_allow(tmp_path):
    from sim.authoring.analysis import analyze

    nodes = {
        "opening": {"choices": [{"id": "good", "say": "Tell me.", "next": "open", "principles": {"listen-acknowledge": 2}},
                                {"id": "bad", "say": "No.", "next": "open", "principles": {"listen-acknowledge": -1}}]},
        "open": {"end": "unresolved"},
        "helped": {"end": "help-called"},
    }  # fmt: skip
    # A calm client (below the angry band from 50): a call for help at once is judged by `help.principles`, no credit.
    lib, ls = write_scenario(tmp_path, nodes, goals=["listen-acknowledge"], persona={"tension": 40})
    result = analyze(ls.scenario, lib.profile_for(ls.scenario), lib.critical_principles)
    assert result.best is not None and result.best.score == 69 and result.best.bound == 69


# --- the help move among the options: what it may and may not count for ----------------


def builtin(scenario_id: str, path: list[str]):
    lib = load_library([], builtin_scenarios=True)
    ls = lib.scenario(scenario_id)
    session = Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, path, lib.critical_principles)
    return session, score(session)


def test_the_best_choice_beside_a_calling_option_is_not_marked_down_while_the_client_only_becomes_a_threat():
    # aggressive-desk turn 2: tension 69 (threat line 75), becoming. `colleague-anna` carries the
    # +2 every call earns then; that is no reason to mark down the calm boundary, which the debrief calls best.
    session, result = builtin("aggressive-desk", ["calm-down", "boundary-calm"])
    assert session.turns[1].threat == "becoming" and result.verdicts[1].was_best
    assert all(e.turn != 2 for e in result.principle("call-help-early").evidence)


def test_a_right_call_loses_nothing_on_principles_it_does_not_name():
    # The key at aggressive-desk turn 2 means `colleague-anna` (call-help-early, calm-presence):
    # boundaries and honourable-retreat, which the call does not touch, are not evidence there.
    for path in (["calm-down", "help", "two-ways-out"], ["calm-down", "colleague-anna", "two-ways-out"]):
        _, result = builtin("aggressive-desk", path)
        assert all(e.turn != 2 for pid in ("boundaries", "honourable-retreat") for e in result.principle(pid).evidence), path
        assert any(e.turn == 2 for e in result.principle("calm-presence").evidence)


def test_the_help_key_does_not_widen_the_range_of_a_principle_it_does_not_touch(tmp_path):
    nodes = {
        "opening": {"choices": [{"id": "push", "say": "Rules.", "effects": {"tension": 30}, "next": "threat"}]},
        "threat": {"choices": [
            {"id": "fib", "say": "It's already sorted.", "principles": {"listen-acknowledge": -1}, "next": "calm"},
            {"id": "stall", "say": "I'll see.", "principles": {"listen-acknowledge": -1}, "next": "calm"},
        ]},
        "calm": {"end": "resolved"},
        "helped": {"end": "help-called"},
    }  # fmt: skip
    session, result = played(tmp_path, nodes, ["push", "fib"])
    assert session.turns[1].threat == "threat"
    # Both options -1 on listening; the key (which says nothing of it) would have made -1 a loss.
    assert result.principle("listen-acknowledge").evidence == ()


def test_calling_again_while_help_is_there_earns_nothing_more():
    _, once = builtin("aggressive-desk", ["calm-down", "ultimatum", "press-alarm", "two-ways-out"])
    _, twice = builtin("aggressive-desk", ["calm-down", "ultimatum", "press-alarm", "help", "two-ways-out"])
    assert twice.principle("call-help-early").score == once.principle("call-help-early").score
    assert all(e.turn != 4 for e in twice.principle("call-help-early").evidence)


def test_an_option_into_the_help_node_through_a_conditional_next_or_a_step_is_a_call(tmp_path):
    nodes = {
        "opening": {"choices": [{"id": "push", "say": "Rules.", "effects": {"tension": 30}, "next": "threat"}]},
        "threat": {"choices": [
            {"id": "alarm", "say": "(You press the alarm.)", "next": [{"when": "tension >= 1", "to": "helped"}, {"to": "helped"}]},
            {"id": "anna", "say": "Anna!", "next": "fetching"},
            {"id": "alone", "say": "Calm down.", "principles": {"listen-acknowledge": -1}, "next": "calm"},
        ]},
        "fetching": {"narration": "You wave to Anna.", "next": "helped"},
        "calm": {"end": "resolved"},
        "helped": {"client": "Anna is here.", "choices": [{"id": "go-on", "say": "Let's go on.", "next": "calm"}]},
    }  # fmt: skip
    help_block = {"next": "helped", "effects": {"tension": -40}}
    for call in ("alarm", "anna"):
        session, result = played(tmp_path / call, nodes, ["push", call, "go-on"], help=help_block)
        assert session.turns[1].called_help and session.help_called, call
        assert session.turns[1].state_after["tension"] < session.turns[1].state_before["tension"] - 30, call  # help.effects
        assert result.critical_misses == () and result.verdicts[1].better is None, call


def test_a_client_who_becomes_a_threat_only_as_it_ends_is_no_escalation_miss():
    # email-press-threat: 75 → 82 (threat line 80) on the last move, into the escalated ending.
    session, result = builtin("email-press-threat", ["defend-self", "back-to-matter", "blame-system", "plead", "bargain"])
    assert session.ending is not None and session.ending.value == "escalated"
    assert not any(m.code == "escalated" for m in result.critical_misses)


def test_an_option_into_a_node_help_may_lead_on_to_is_no_call():
    # filming-client: help enters `leader-comes`, a step whose conditional next goes on to the
    # nodes the conversation continues from; giving in leads to one of those, without help.
    session, result = builtin("filming-client", ["leave-a-request", "illegal-police", "give-in"])
    turn = session.turns[2]
    assert turn.threat == "threat" and not turn.called_help and not session.help_called
    assert turn.critical == ("call-help-early",) and not result.verdicts[2].was_best


def test_a_turn_that_is_a_critical_miss_is_never_the_best_and_the_better_move_is_a_call():
    from sim.core.scoring import feedback_tone

    session, result = builtin("evening-desk-alone", ["youre-drunk", "not-here", "one-at-a-time"])
    turn, judged = session.turns[2], result.verdicts[2]
    assert turn.critical and judged.was_best is False
    assert judged.better is not None and judged.better.calls
    assert feedback_tone(turn, session.scenario.goals) == "bad"


def test_a_calling_option_at_a_calm_node_does_not_make_carrying_on_a_loss():
    # aggressive-desk turn 4: tension 53, below the start (55): calm. The boundary is marked best;
    # colleague-anna's +2 is only what that call earns, so the boundary loses nothing on calling.
    session, result = builtin("aggressive-desk", ["hear-him-out", "plain-missing", "prove-sent", "boundary-calm"])
    assert session.turns[3].threat == "none" and result.verdicts[3].was_best
    assert all(e.turn != 4 for e in result.principle("call-help-early").evidence)


def test_after_help_has_come_a_call_again_is_no_evidence_and_not_best_for_being_a_call():
    session, result = builtin("filming-client", ["help", "illegal-police", "call-leader"])
    assert session.turns[2].called_help and session.turns[2].helped_before
    assert all(e.turn != 3 for e in result.principle("call-help-early").evidence)


def test_a_call_at_once_for_a_client_who_walks_in_angry_is_judged_by_the_authors_help_principles():
    # email-press-threat: the writer starts angry; handing the whole thread over at once is not the lesson.
    session, result = builtin("email-press-threat", ["help"])
    assert session.turns[0].threat == "none"
    assert result.verdicts[0].was_best is False and result.verdicts[0].better is not None


def test_under_threat_before_help_carrying_on_is_never_the_best_however_it_adds_up():
    # after-prison: at the second outburst (a threat) a kind limit adds up to more than the key's +2 on
    # the goals, but the doctrine's move under threat is the call (DESIGN: crossing the threat line
    # makes calling the right move); the debrief proposes it and the mark is not ✓.
    from sim.core.scoring import feedback_tone, judged_worths

    path = ["stock-empathy", "insist", "ignore", "limit-and-way", "hush", "book-next-week", "limit-and-way"]
    session, result = builtin("after-prison", path)
    turn, judged = session.turns[6], result.verdicts[6]
    assert turn.threat == "threat" and not turn.helped_before and not turn.called_help
    assert judged.was_best is False and judged.better is not None and judged.better.calls
    assert feedback_tone(turn, session.scenario.goals) != "good"
    worths = judged_worths(turn, session.scenario.goals)
    top = [a for a, w in zip(turn.alternatives, worths) if w == max(worths)]
    assert top and all(a.calls for a in top)  # xAPI's correct responses: the calls
