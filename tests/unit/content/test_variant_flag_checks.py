"""What `sim validate` says about variants, flags, returning help and language-key
typos (issue 20): each mistake located, with a hint, as an error or warning."""

from __future__ import annotations

from typing import Any

import pytest

from sim.authoring.lint import lint
from sim.authoring.translations_lint import translation_problems
from tests.helpers import write_scenario

OPENING: dict[str, Any] = {"client": "Hi", "choices": [{"id": "go", "say": "Go", "next": "done"}]}
ENDS: dict[str, Any] = {"done": {"end": "resolved"}, "helped": {"end": "help-called"}}


def problems(tmp_path, nodes: dict[str, Any], **overrides: Any) -> list[tuple[str, str, str]]:
    lib, loaded = write_scenario(tmp_path, {**ENDS, **nodes}, **overrides)
    found = lib.problems + (lint(loaded, lib) if loaded is not None else [])
    return [(p.severity, p.code, p.message) for p in found]


@pytest.mark.parametrize(
    "change, code, words",
    [
        ({"effects": {"told": 1}}, "value", "`told` is a flag"),
        ({"set": {"told": 1}}, "value", "set it to true or false"),
        ({"set": {"level": True}}, "value", "`level` is a number, not a flag"),
        ({"set": {"level": 50}}, "value", "outside 0…9"),
        ({"set": {"tension": 10}}, "value", "`tension` changes by `effects`"),
        ({"set": {"nope": True}}, "unknown-variable", "there is no state variable `nope`"),
        ({"when": "level"}, "condition", "`level` is a number, not a flag"),
    ],
)
def test_flag_mistakes_are_errors(tmp_path, change, code, words):
    choice = {**OPENING["choices"][0], **change}
    found = problems(
        tmp_path,
        {"opening": {"client": "Hi", "choices": [choice, {"id": "other", "say": "Other", "next": "done"}]}},
        variables={"told": {"start": False}, "level": {"start": 5, "min": 0, "max": 9}},
    )
    assert any(sev == "error" and c == code and words in m for sev, c, m in found), found


def test_a_flag_read_bare_is_fine(tmp_path):
    found = problems(
        tmp_path,
        {"opening": {"client": "Hi", "choices": [{**OPENING["choices"][0], "when": "not told", "set": {"told": True}}, {"id": "b", "say": "B", "next": "done"}]}},
        variables={"told": {"start": False}},
    )
    assert not [f for f in found if f[0] == "error"], found


def test_returning_help_needs_a_node_of_lines_only(tmp_path):
    found = problems(tmp_path, {"opening": OPENING}, help={"next": "done", "return": True})
    assert any(c == "structure" and "must have lines only, but it has an `end`" in m for _, c, m in found), found
    ok = problems(tmp_path, {"opening": OPENING, "comes": {"narration": "A colleague comes."}}, help={"next": "comes", "return": True})
    assert not [f for f in ok if f[0] == "error"], ok  # not a dead end: the trainee goes back


def test_variants_that_can_all_fail_are_warned_about(tmp_path):
    found = problems(
        tmp_path,
        {"opening": {**OPENING, "client": {"variants": [{"say": "A", "when": "tension > 50"}, {"say": "B", "when": "tension > 80"}]}}},
    )
    assert ("warning", "variants-may-fail") in [(s, c) for s, c, _ in found], found


def test_a_variants_unknown_speaker_and_bad_condition_are_errors(tmp_path):
    found = problems(
        tmp_path,
        {"opening": {**OPENING, "client": [{"speaker": "boss", "variants": ["A", {"say": "B", "when": "visited(nowhere)"}]}]}},
    )
    codes = {c for s, c, _ in found if s == "error"}
    assert {"unknown-speaker", "unknown-node"} <= codes, found


def test_a_language_key_typo_is_an_error(tmp_path):
    lib, _ = write_scenario(
        tmp_path,
        {**ENDS, "opening": {"client": {"fi": "Hei", "en": "Hi"}, "choices": [{"id": "go", "say": {"fin": "Mene", "en": "Go"}, "next": "done"}]}},
        title={"fi": "T", "en": "T"},
        briefing={"fi": "B", "en": "B"},
    )
    found = translation_problems(lib)
    typo = [p for p in found if p.code == "language-typo"]
    assert typo and typo[0].severity == "error" and "did you mean `fi`" in typo[0].message and typo[0].line > 0


def test_a_subject_outside_email_is_warned_about(tmp_path):
    found = problems(tmp_path, {"opening": OPENING}, subject="Hello")
    assert ("warning", "subject-unused") in [(s, c) for s, c, _ in found], found


def test_a_language_being_added_is_not_taken_for_a_typo(tmp_path):
    lib, _ = write_scenario(
        tmp_path,
        {**ENDS, "opening": {"client": {"fi": "Hei", "en": "Hi", "fr": "Salut"}, "choices": [{"id": "go", "say": {"fi": "Mene", "en": "Go"}, "next": "done"}]}},
        title={"fi": "T", "en": "T"},
        briefing={"fi": "B", "en": "B"},
    )
    assert [p for p in translation_problems(lib) if p.code == "language-typo"] == []


def test_phone_narration_that_describes_what_is_seen_is_warned_about(tmp_path):
    found = problems(
        tmp_path,
        {"opening": {**OPENING, "narration": {"variants": [{"fi": "Soittaja huokaa.", "en": "The caller sighs."}, {"fi": "Soittaja nyökkää.", "en": "The caller nods."}]}}},
        channel="phone",
    )
    assert [(s, c) for s, c, m in found if c == "phone-unseen"] == [("warning", "phone-unseen")]
    assert any("says `nyökkää`" in m or "says `nods`" in m for _, _, m in found)
    heard = problems(tmp_path, {"opening": {**OPENING, "narration": "The caller breathes fast; a television is on in the background."}}, channel="phone")
    assert "phone-unseen" not in [c for _, c, _ in heard]


def test_two_options_said_the_same_way_are_warned_about_unless_never_offered_together(tmp_path):
    said = {"id": "b", "say": "Other", "next": "done", "examples": {"en": ["Let's go now!"]}}
    found = problems(tmp_path, {"opening": {"client": "Hi", "choices": [{**OPENING["choices"][0], "examples": {"en": ["let's go now"]}}, said]}})
    assert [(s, c) for s, c, _ in found if c == "examples-alike"] == [("warning", "examples-alike")]
    apart = [{**OPENING["choices"][0], "when": "tension < 50", "examples": {"en": ["let's go now"]}}, {**said, "when": "tension >= 50"}]
    found = problems(tmp_path, {"opening": {"client": "Hi", "choices": apart}})
    assert "examples-alike" not in [c for _, c, _ in found]
