"""One verdict per turn, the same everywhere: a choice worth as much as the
best is the best (no "better: …"), and a turn with a single option was no
decision (no "✓ best", no "better"), in Markdown, JSON, HTML and --plain alike."""

from __future__ import annotations

import io
import json

from sim.core.engine import Session
from sim.core.scoring import score, verdict
from sim.reports.data import report_data
from sim.reports.html import render
from sim.reports.markdown import markdown
from tests.helpers import write_scenario

NODES = {
    "opening": {
        "choices": [
            {"id": "a", "say": "Sorry for the wait.", "next": "second", "principles": {"no-shaming": 1}, "feedback": "f"},
            {"id": "b", "say": "I hear you.", "next": "second", "principles": {"listen-acknowledge": 1}, "feedback": "f"},
            {"id": "c", "say": "Calm down.", "next": "second", "principles": {"no-shaming": -2}, "feedback": "f"},
        ]
    },
    # One option only: nothing to choose.
    "second": {"choices": [{"id": "d", "say": "Here is the form.", "next": "done", "principles": {"no-shaming": 1}, "feedback": "f"}]},
    "done": {"end": "resolved"},
    "helped": {"end": "help-called"},
}


def _played(tmp_path):
    lib, ls = write_scenario(tmp_path, NODES, goals=["no-shaming", "listen-acknowledge"])
    session = Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, ["b", "d"])
    return lib, session, score(session)


def test_the_verdicts(tmp_path):
    _, session, result = _played(tmp_path)
    tie, single = result.verdicts
    assert (tie.decision, tie.was_best, tie.better) == (True, True, None)  # b ties with a, listed first
    assert (single.decision, single.was_best, single.better) == (False, None, None)
    goals = session.scenario.goals
    assert [verdict(t, goals) for t in session.turns] == list(result.verdicts)


def test_markdown_json_and_html_agree(tmp_path):
    lib, session, result = _played(tmp_path)
    md = markdown(report_data(session, result, lib, "en", None))
    assert "better:" not in md  # a tie with the best is not "worse"
    data = report_data(session, result, lib, "en", None)
    assert [(t["was_best"], t["better"]) for t in data["turns"]] == [(True, None), (None, None)]
    page = render(json.loads(json.dumps(data)))
    assert page.count("One of the best options here.") == 1  # turn 1 only: turn 2 was no decision
    assert md.count("✓ One of the best options here.") == 1  # Markdown says it too, and only there


def test_a_worse_choice_names_the_better_one_everywhere(tmp_path):
    lib, ls = write_scenario(tmp_path, NODES, goals=["no-shaming", "listen-acknowledge"])
    session = Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, ["c", "d"])
    result = score(session)
    assert result.verdicts[0].better.choice_id == "a"
    assert "Sorry for the wait." in markdown(report_data(session, result, lib, "en", None)).split("better:")[1]
    data = report_data(session, result, lib, "en", None)
    assert data["turns"][0]["was_best"] is False and data["turns"][0]["better"]["choice_id"] == "a"
    assert "One of the best options here." not in render(data)


def test_plain_debrief_agrees(tmp_path):
    from sim.plain import PlainPlay

    lib, ls = write_scenario(tmp_path, NODES, goals=["no-shaming", "listen-acknowledge"])
    out = io.StringIO()
    # b ties with the best, then the single option; two goals rated, reflections left empty.
    PlainPlay(lib, ls, "en", "practice", io.StringIO("2\n1\n3\n3\n\n\n\n"), out).run()
    text = out.getvalue()
    turns = text[text.index("Turns"):] if "Turns" in text else text
    assert turns.count("One of the best options here.") == 1
    assert "Better" not in turns and "better:" not in turns


# --- the self-assessment: one rule for the rating, the gap and its judgement ----------------


def test_self_score_and_calibration():
    from sim.core.self_rating import CALIBRATED, calibration, self_score

    assert [self_score(r) for r in (1, 2, 3, 4, 5)] == [0, 25, 50, 75, 100]
    # A damaged journal or a hand-edited report: none of these is a rating.
    assert [self_score(r) for r in (0, 6, True, False, "3", 3.0, None, [3])] == [None] * 8
    assert calibration(None) is None
    assert calibration(CALIBRATED) == calibration(-CALIBRATED) == "calibrated"
    assert calibration(CALIBRATED + 1) == "over" and calibration(-CALIBRATED - 1) == "under"


def test_the_self_rating_is_judged_the_same_everywhere(tmp_path):
    """A `true` rating (from a damaged journal) was 0 in the debrief but no
    rating in the history and the reports; now it is no rating everywhere."""
    from sim.core.self_rating import self_checks

    lib, session, result = _played(tmp_path)  # no-shaming 100, listen-acknowledge 100
    assessment = {"ratings": {"no-shaming": True, "listen-acknowledge": 2}, "reflections": {}}
    checks = self_checks(result, assessment["ratings"])
    assert [(c.principle.principle, c.rating, c.own, c.gap, c.calibration) for c in checks] == [
        ("no-shaming", None, None, None, None),
        ("listen-acknowledge", 2, 25, -75, "under"),
    ]
    data = report_data(session, result, lib, "en", assessment)
    assert [(p["self_rating"], p["gap"], p["calibration"]) for p in data["principles"]] == [(None, None, None), (2, -75, "under")]
    md = markdown(report_data(session, result, lib, "en", assessment))
    rows = [line for line in md.splitlines() if line.startswith(("| No shaming", "| Listen"))]
    assert [row.split(" | ")[2:4] for row in rows] == [["—", "—"], ["2/5", "-75"]]
    page = render(data)
    assert page.count('class="under"') == 1 and 'class="over"' not in page
    assert self_checks(result, "not a mapping")[0].rating is None  # a damaged self-assessment is no rating


# --- passing: one verdict, with its reasons, in every report and --plain ---------------------

LEAVING = {
    "opening": {
        "choices": [
            {"id": "a", "say": "Sorry for the wait.", "next": "left", "principles": {"no-shaming": 1}, "feedback": "f"},
            {"id": "c", "say": "Calm down.", "next": "done", "principles": {"no-shaming": -2}, "feedback": "f"},
        ]
    },
    "left": {"end": "client-left", "narration": "The client walks out."},
    "done": {"end": "resolved"},
    "helped": {"end": "help-called"},
}
NOT_PASSED = "Not passed: the encounter did not end well (the client left); overall 49, below the pass mark 70."


def test_the_pass_verdict_and_its_reasons_agree_everywhere(tmp_path):
    from sim.plain import PlainPlay

    lib, ls = write_scenario(tmp_path, LEAVING, goals=["no-shaming"])
    session = Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, ["a"])
    result = score(session)
    assert (result.uncapped, result.overall, result.passed) == (100, 49, False)
    assert [f.code for f in result.shortfalls] == ["ending", "score"]
    data = report_data(session, result, lib, "en", None)
    assert data["passed"] is False and data["pass"] == {"score": 70, "critical": 50}
    assert [f["code"] for f in data["shortfalls"]] == ["ending", "score"]
    assert data["capped_by"] == "ending" and data["ending_cap"] == 49
    assert f"**{NOT_PASSED}**" in markdown(data)
    assert "Capped from 100 by how it ended (the client left: at most 49)." in markdown(data)
    page = render(data)
    assert NOT_PASSED in page and "not passed" in page
    out = io.StringIO()
    PlainPlay(lib, ls, "en", "practice", io.StringIO("1\n3\n\n\n\n"), out).run()
    text = out.getvalue()
    assert "To pass: 70+ overall, 50+ on each critical principle tested, no critical miss, a good ending." in text
    assert "The score is at most 49 if the client left or escalated, 69 if unresolved." in text
    assert NOT_PASSED in text
    assert "The score is capped by how it ended (the client left: at most 49): 100 without the cap, 49 with it." in text


def test_every_report_says_which_turns_earned_or_lost_each_principle(tmp_path):
    from sim.plain import PlainPlay

    lib, ls = write_scenario(tmp_path, NODES, goals=["no-shaming", "listen-acknowledge"])
    session = Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, ["c", "d"])
    result = score(session)
    data = report_data(session, result, lib, "en", None)
    shaming = next(p for p in data["principles"] if p["id"] == "no-shaming")
    assert shaming["evidence"] == [{"turn": 1, "node": "opening", "delta": -2, "best": 1, "worst": -2, "earned": 0, "possible": 3}]
    why = "turn 1: 0 of 3 (your choice −2, the best +1)"
    assert f"- **No shaming**: {why}" in markdown(data)
    page = render(data)
    assert f'<a href="#turn-1">{why}</a>' in page and 'id="turn-1"' in page
    out = io.StringIO()
    PlainPlay(lib, ls, "en", "practice", io.StringIO("3\n1\n3\n3\n\n\n\n"), out).run()
    assert f"  {why}" in out.getvalue()


def test_the_mark_on_feedback_during_play_never_contradicts_the_debrief():
    """✓ while playing exactly where the debrief says "one of the best"; never
    ✓ where it proposes a better option (seeded random paths on every built-in scenario)."""
    import random

    from sim.content.library import load_library
    from sim.core.scoring import feedback_tone

    lib = load_library([], builtin_scenarios=True)
    rng = random.Random(7)
    checked = 0
    for ls in lib.scenarios:
        goals = ls.scenario.goals
        for _ in range(15):
            session = Session(ls.scenario, lib.profile_for(ls.scenario), rng.randrange(1000), lib.critical_principles)
            while not session.ended and len(session.turns) < 40:
                if rng.random() < 0.1 and session.can_call_help:
                    session.call_for_help()
                else:
                    session.choose(rng.randrange(len(session.options)) + 1)
            for turn in session.turns:
                judged, tone = verdict(turn, goals), feedback_tone(turn, goals)
                if judged.decision:
                    assert (tone == "good") == bool(judged.was_best), (ls.scenario.id, session.actions, turn.number)
                    checked += 1
    assert checked > 500


def test_a_good_ending_with_a_critical_miss_is_not_a_success_in_any_report(sample_library):
    """The TUI and --plain say "not a success, because of a critical miss"; so do
    the HTML and Markdown reports (the HTML used to call it successful)."""
    from tests.history_helpers import SHAMING

    ls = sample_library.scenario("sample")
    session = Session.replay(ls.scenario, sample_library.profile_for(ls.scenario), 0, SHAMING, sample_library.critical_principles)
    result = score(session)
    assert session.ending is not None and session.ending.success and result.critical_misses and not result.success
    data = report_data(session, result, sample_library, "en", None)
    assert "not a success, because of a critical miss" in render(data)
    assert "(not a success, because of a critical miss)" in markdown(data)


def test_a_session_where_nothing_was_scored_says_so_rather_than_a_dash_below_the_mark():
    from sim.reports.words import pass_verdict

    said = pass_verdict(False, [{"code": "score", "value": None, "need": 70}], 70, "help-called", "en")
    assert said is not None and "no principle was scored" in said and "—" not in said
