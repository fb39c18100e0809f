"""`sim match` (issue 22): the options ranked for a typed reply, and whether it is understood."""

from __future__ import annotations

import json

from tests.cli_run import cli


def test_the_must_show_reply_names_hear_him_out(capsys):
    code, out, _ = cli(capsys, "match", "aggressive-desk", "opening", "Kertokaa mitä on tapahtunut, katson hakemuksenne", "--lang", "fi", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["choice"] == "hear-him-out"
    assert set(data) == {"choice", "confidence", "candidates"}
    assert data["candidates"][0]["choice"] == "hear-him-out"
    assert 0 < data["confidence"] <= 1 and all(0 <= c["score"] <= 1 for c in data["candidates"])


def test_text_output_ranks_the_options_and_says_the_verdict(capsys):
    code, out, _ = cli(capsys, "--lang", "en", "match", "aggressive-desk", "opening", "calm down please", "--lang", "en")
    assert code == 0
    assert "calm-down" in out.splitlines()[3]  # the first row of the table
    assert "Understood as `calm-down`" in out


def test_a_reply_that_fits_nothing_is_asked_back(capsys):
    code, out, _ = cli(capsys, "match", "aggressive-desk", "opening", "banana split", "--lang", "en", "--json")
    assert code == 0 and json.loads(out)["choice"] is None


def test_an_unknown_node_is_named_with_a_suggestion(capsys):
    code, _, err = cli(capsys, "match", "aggressive-desk", "openin", "hello")
    assert code == 2
    assert "has no node `openin`" in err and "opening" in err


def test_phrases_lists_replies_not_understood_or_corrected(capsys):
    from sim.content.library import load_library
    from sim.session.own_words import Typed
    from sim.session.play import Play

    lib = load_library([], builtin_scenarios=True)
    play = Play.start(lib, lib.scenario("stressed-parent"), mode="practice", lang="fi", seed=0, trainee="Tess", own_words=True)
    play.act("list-everything", typed=Typed("ei kiirettä", "fi", "no-hurry"))  # understood as one, took another
    play.act("hurry-up", typed=Typed("hmm", "fi", None))  # not understood: picked from the list
    play.act("pep-talk")  # picked from the list
    play.act("come-back", typed=Typed("tulkaa takaisin kun paperi löytyy", "fi", "come-back"))  # understood, taken
    assert play.session.ended
    play.finish(None)
    play.record_history()
    code, out, _ = cli(capsys, "phrases", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["node"], r["text"], r["understood"], r["chosen"]) for r in rows] == [
        ("opening", "ei kiirettä", "no-hurry", "list-everything"),
        ("papers-everywhere", "hmm", None, "hurry-up"),
    ]
    code, out, _ = cli(capsys, "--lang", "en", "phrases", "stressed-parent", "--trainee", "Tess")
    assert code == 0 and "ei kiirettä" in out and "examples:" in out
    code, out, _ = cli(capsys, "--lang", "en", "phrases", "aggressive-desk")
    assert "No typed reply" in out


def test_the_report_shows_how_well_each_nodes_options_are_told_apart(capsys):
    code, out, _ = cli(capsys, "match", "stressed-parent", "--report", "--json")
    assert code == 0
    rows = json.loads(out)
    assert {r["lang"] for r in rows} == {"fi", "en"}
    for r in rows:
        assert r["examples"] == r.get("correct", 0) + r.get("asked", 0) + r.get("wrong", 0) > 0
        assert len(r["confusions"]) == r.get("wrong", 0)
    assert sum(r.get("correct", 0) for r in rows) > 0.8 * sum(r["examples"] for r in rows)
    code, out, _ = cli(capsys, "--lang", "en", "match", "stressed-parent", "--report")
    assert code == 0 and "How well the options can be told apart" in out


def test_a_node_and_a_reply_or_the_report_are_needed(capsys):
    code, _, err = cli(capsys, "match", "stressed-parent")
    assert code == 2 and "--report" in err
