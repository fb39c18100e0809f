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
