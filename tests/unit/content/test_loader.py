"""sim.content.loader: shape validation with every problem at file:line:col, in words
an instructor understands."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.cli.schema import schema_for
from sim.content.loader import did_you_mean, load
from sim.content.model import Catalogue, Profile, Scenario

# Line numbers in the comments are what the tests below rely on.
GOOD = """\
id: loader-test
title: {fi: Testi, en: Test}
channel: desk
profile: some-client
briefing: "A client arrives."
goals: [listen]
start: opening
help: colleague
nodes:
  opening:
    client: "Hello."
    choices:
      - say: "Hello there, how are you today?"
        principles: {listen: +2}
        feedback: "Friendly."
        next: done
      - id: explicit-id
        say: "Next, please."
        principles: {listen: -1}
        next: done
  done:
    end: resolved
  colleague:
    end: help-called
"""


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str, model=Scenario):
    path = write(tmp_path, text)
    obj, doc, found = load(path, model)
    assert obj is None, "expected the file to be refused"
    assert doc is not None
    assert all(p.path == str(path) for p in found)
    assert all(p.severity == "error" for p in found)
    return found


def by_code(found, code):
    return [p for p in found if p.code == code]


def position(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, col) of the nth occurrence of `needle` in `text`."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def test_good_file_loads(tmp_path):
    scenario, doc, found = load(write(tmp_path, GOOD), Scenario)
    assert found == []
    assert scenario is not None and doc is not None
    assert scenario.id == "loader-test"
    assert scenario.help.next == "colleague"  # the string shorthand
    assert scenario.nodes["opening"].choices[0].principles == {"listen": 2}
    assert scenario.nodes["opening"].client == ("Hello.",)


def test_derived_and_explicit_choice_ids(tmp_path):
    text = GOOD.replace(
        "        next: done\n  done:",
        "        next: done\n"
        '      - say: "Hello there, how are you today?"\n'
        "        next: done\n"
        '      - say: {fi: "Hei vaan", en: "Hello, there! How"}\n'
        "        next: done\n"
        '      - say: "!!!"\n'
        "        next: done\n"
        "  done:",
    )
    scenario, _, found = load(write(tmp_path, text), Scenario)
    assert found == []
    ids = [c.id for c in scenario.nodes["opening"].choices]
    assert ids == [
        "opening/hello-there-how-are",
        "explicit-id",
        "opening/hello-there-how-are-2",  # same words: numbered, still unique
        "opening/hello-there-how",  # the file's language (en) is used
        "opening/choice",  # no words at all
    ]


def test_derived_id_uses_the_file_language(tmp_path):
    text = GOOD.replace("id: loader-test\n", "id: loader-test\nlanguage: fi\n").replace(
        'say: "Hello there, how are you today?"', 'say: {en: "Good day", fi: "Älä huoli, kyllä tämä tästä"}'
    )
    scenario, _, found = load(write(tmp_path, text), Scenario)
    assert found == []
    assert scenario.nodes["opening"].choices[0].id == "opening/älä-huoli-kyllä-tämä"


def test_typo_key_is_unknown_with_did_you_mean(tmp_path):
    text = GOOD.replace("        next: done\n      - id: explicit-id", "        nxet: done\n      - id: explicit-id")
    found = problems(tmp_path, text)
    unknown = by_code(found, "unknown-key")
    assert len(unknown) == 1
    p = unknown[0]
    assert p.message == "unknown key `nxet`"
    assert p.hint == "did you mean `next`?"
    assert (p.line, p.col) == position(text, "nxet") == (16, 9)
    # `next` is then missing too: reported at the choice's mapping.
    missing = by_code(found, "missing-key")
    assert [(m.line, m.col, m.message) for m in missing] == [
        (13, 9, "missing required key `next` in `nodes.opening.choices.0`")
    ]


def test_unknown_key_without_a_close_match_lists_the_allowed_keys(tmp_path):
    text = GOOD.replace("    end: resolved\n", "    end: resolved\n    zzzz: 1\n")
    (p,) = problems(tmp_path, text)
    assert p.code == "unknown-key"
    assert (p.line, p.col) == position(text, "zzzz")
    assert p.hint == "allowed keys here: client, gloss, narration, choices, time_limit, timeout, end, aftercare, next"


def test_typo_at_top_level_and_in_help_mapping(tmp_path):
    text = GOOD.replace("briefing:", "breifing:").replace("help: colleague", "help:\n  nxt: colleague")
    found = problems(tmp_path, text)
    unknown = {p.message: p for p in by_code(found, "unknown-key")}
    assert unknown["unknown key `breifing`"].hint == "did you mean `briefing`?"
    assert (unknown["unknown key `breifing`"].line, unknown["unknown key `breifing`"].col) == (5, 1)
    assert unknown["unknown key `nxt`"].hint == "did you mean `next`?"
    assert (unknown["unknown key `nxt`"].line, unknown["unknown key `nxt`"].col) == position(text, "nxt")
    messages = [p.message for p in by_code(found, "missing-key")]
    assert "missing required key `briefing`" in messages
    assert "missing required key `next` in `help`" in messages


def test_missing_say_is_located_at_its_mapping(tmp_path):
    text = GOOD.replace('      - id: explicit-id\n        say: "Next, please."\n', "      - id: explicit-id\n")
    (p,) = problems(tmp_path, text)
    assert p.code == "missing-key"
    assert p.message == "missing required key `say` in `nodes.opening.choices.1`"
    assert p.hint == "add `say: …` here"
    assert (p.line, p.col) == position(text, "id: explicit-id") == (17, 9)


def test_missing_top_level_key_is_located_at_the_file(tmp_path):
    text = GOOD.replace("channel: desk\n", "")
    (p,) = problems(tmp_path, text)
    assert (p.line, p.col, p.message) == (1, 1, "missing required key `channel`")


@pytest.mark.parametrize(
    ("old", "new", "needle", "message", "hint_part"),
    [
        pytest.param(
            'briefing: "A client arrives."', "briefing: 42", "42",
            "`briefing`: expected text, but YAML read 42 as a number: put it in quotes, like \"42\"", None,
            id="text-as-number",
        ),
        pytest.param(
            "principles: {listen: +2}", "principles: {listen: +2}\n        effects: {tension: lots}", "lots",
            "`nodes.opening.choices.0.effects.tension` should be a whole number, not the text `lots`", "write a number without quotes",
            id="effect-as-text",
        ),
        pytest.param(
            "principles: {listen: +2}", "principles: {listen: 1.5}", "1.5",
            "`nodes.opening.choices.0.principles.listen` should be a whole number, not the number 1.5", "without quotes or decimals",
            id="delta-as-float",
        ),
        pytest.param(
            "goals: [listen]", "goals: listen", "goals: listen",
            "`goals` should be a list (`- item` lines), not the text `listen`", "start each item on its own line",
            id="goals-not-a-list",
        ),
        pytest.param(
            "  done:\n    end: resolved", "  done: resolved", "resolved",
            "`nodes.done` should be a mapping (`key: value` lines), not the text `resolved`", "indent the keys",
            id="node-not-a-mapping",
        ),
        pytest.param(
            "channel: desk", "channel: [desk]", "[desk]",
            "`channel`: a list is not allowed", "use one of: desk, phone, chat, email",
            id="enum-as-list",
        ),
        pytest.param(
            "id: loader-test", "id: yes", "yes",
            "`id` should be text, not `true`", "put the value in quotes",
            id="yes-is-a-bool",
        ),
    ],
)
def test_wrong_types_read_well(tmp_path, old, new, needle, message, hint_part):
    text = GOOD.replace(old, new, 1)
    (p,) = problems(tmp_path, text)
    assert p.message == message
    line, col = position(text, needle)
    if needle.startswith("goals: "):
        col += len("goals: ")
    assert (p.line, p.col) == (line, col)
    if hint_part is None:
        assert p.hint is None
    else:
        assert hint_part in p.hint
    assert "Input should be" not in p.message and "pydantic" not in p.message.lower()


def test_enum_typos_get_did_you_mean(tmp_path):
    text = GOOD.replace("channel: desk", "channel: dsk").replace("end: resolved", "end: resolvd").replace(
        "id: loader-test\n", "id: loader-test\ndifficulty: hrad\n"
    )
    found = problems(tmp_path, text)
    got = {(p.line, p.col): (p.code, p.message, p.hint) for p in found}
    assert got == {
        position(text, "dsk"): ("value", "`channel`: the text `dsk` is not allowed", "did you mean `desk`?"),
        position(text, "resolvd"): ("value", "`nodes.done.end`: the text `resolvd` is not allowed", "did you mean `resolved`?"),
        position(text, "hrad"): ("value", "`difficulty`: the text `hrad` is not allowed", "did you mean `hard`?"),
    }


def test_enum_without_a_close_match_lists_the_options(tmp_path):
    (p,) = problems(tmp_path, GOOD.replace("channel: desk", "channel: carrier-pigeon"))
    assert p.hint == "use one of: desk, phone, chat, email"


def test_principle_delta_out_of_range(tmp_path):
    text = GOOD.replace("principles: {listen: +2}", "principles: {listen: +7, calm: -6}")
    found = problems(tmp_path, text)
    assert [(p.line, p.col, p.code, p.message) for p in found] == [
        (*position(text, "+7"), "range", "`nodes.opening.choices.0.principles.listen`: input should be less than or equal to 5 (got 7)"),
        (*position(text, "-6"), "range", "`nodes.opening.choices.0.principles.calm`: input should be greater than or equal to -5 (got -6)"),
    ]


def test_bad_id_pattern(tmp_path):
    text = GOOD.replace("id: explicit-id", "id: has space")
    (p,) = problems(tmp_path, text)
    assert p.code == "value"
    assert p.message == "`nodes.opening.choices.1.id`: the text `has space` is not a valid name"
    assert (p.line, p.col) == position(text, "has space")
    assert "letters, digits" in p.hint


def test_all_errors_in_one_file_are_reported(tmp_path):
    text = (
        GOOD.replace("channel: desk", "channel: dsk")
        .replace("goals: [listen]", "goals: listen")
        .replace("        feedback: \"Friendly.\"\n", "        feedbak: \"Friendly.\"\n")
        .replace("principles: {listen: -1}", "principles: {listen: -9}")
        .replace("    end: help-called\n", "    end: help-called\n    clinet: hi\n")
    )
    found = problems(tmp_path, text)
    assert [(p.line, p.code) for p in found] == [
        (3, "value"),
        (6, "type"),
        (15, "unknown-key"),
        (19, "range"),
        (25, "unknown-key"),
    ]
    assert found == sorted(found, key=lambda p: (p.line, p.col))


def test_comma_inside_a_flow_text_mapping_gives_the_quoting_advice(tmp_path):
    text = GOOD.replace(
        'client: "Hello."', "client: {en: Hello, I am here about my flat, fi: Hei}"
    )
    (p,) = problems(tmp_path, text)
    assert p.code == "value"
    assert p.message == (
        "`nodes.opening.client`: `I am here about my flat` is not a language code: "
        "a comma inside `{…}` starts a new entry, so put texts with commas in quotes"
    )
    assert (p.line, p.col) == position(text, "{en:")


def test_text_mapping_with_a_bad_language_code(tmp_path):
    text = GOOD.replace("title: {fi: Testi, en: Test}", "title: {FI: Testi, en: Test}")
    (p,) = problems(tmp_path, text)
    assert p.message == "`title`: `FI` is not a language code (use two or three lowercase letters, like `fi`)"


def test_file_that_is_not_a_mapping(tmp_path):
    (p,) = problems(tmp_path, "- one\n- two\n")
    assert (p.line, p.col, p.code) == (1, 1, "type")
    assert p.message == "the file should be a mapping of keys, not a list"
    assert p.hint == "see https://github.com/encounter-sim/encounter-sim/blob/main/docs/authoring.md for the format"


def test_yaml_error_is_returned_as_a_problem(tmp_path):
    path = write(tmp_path, "id: x\nid: y\n")
    obj, doc, found = load(path, Scenario)
    assert obj is None and doc is None
    assert [(p.line, p.col, p.code) for p in found] == [(2, 1, "duplicate-key")]


def test_profile_ranges_and_types(tmp_path):
    text = "id: p\nname: N\ndescription: D\ntension: 150\ntrust: lots\nvolatility: 1\nthreat_treshold: 70\n"
    found = problems(tmp_path, text, Profile)
    assert [(p.line, p.col, p.code) for p in found] == [(4, 10, "range"), (5, 8, "type"), (7, 1, "unknown-key")]
    assert found[2].hint == "did you mean `threat_threshold`?"


def test_catalogue_keys_are_checked_per_principle(tmp_path):
    text = "principles:\n  calm:\n    name: Calm\n    descripton: d\n"
    found = problems(tmp_path, text, Catalogue)
    assert [(p.line, p.col, p.message, p.hint) for p in found] == [
        (3, 5, "missing required key `description` in `principles.calm`", "add `description: …` here"),
        (4, 5, "unknown key `descripton`", "did you mean `description`?"),
    ]


def test_did_you_mean():
    assert did_you_mean("nxet", ["next", "say"]) == "did you mean `next`?"
    assert did_you_mean("zzz", ["next", "say"]) is None


# --- JSON Schema ----------------------------------------------------------------


def test_schema_describes_every_property():
    schema = schema_for("scenario")
    defs = schema["$defs"]
    models = {"Scenario": schema, "Node": defs["Node"], "Choice": defs["Choice"]}
    models["Profile"] = schema_for("profile")
    for name, model in models.items():
        props = model["properties"]
        assert props, name
        missing = [prop for prop, spec in props.items() if not spec.get("description")]
        assert missing == [], f"{name} properties without a description: {missing}"
    # Every other object in $defs too (Help, Outcome, Variable).
    for name, model in defs.items():
        for prop, spec in model.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{prop}"
    assert set(models["Choice"]["properties"]) >= {"id", "say", "next", "when", "effects", "principles", "feedback"}
    assert models["Scenario"]["additionalProperties"] is False


def test_schema_accepts_the_help_shorthand():
    spec = schema_for("scenario")["properties"]["help"]
    variants = spec.get("anyOf") or spec.get("oneOf") or [spec]
    assert any(v.get("type") == "string" for v in variants)


def test_derived_choice_ids_for_alike_texts_are_numbered_in_order():
    # (An authored id cannot contain "/", so it never collides with a derived one.)
    from sim.content.model import Scenario

    choices = [{"say": "Same words here every time", "next": "h"} for _ in range(5)]
    choices.insert(2, {"id": "author", "say": "Same words here every time", "next": "h"})
    data = {"id": "t", "title": "T", "channel": "desk", "profile": "p", "briefing": "b", "goals": ["g"], "start": "a", "help": "h",
            "nodes": {"a": {"choices": choices}, "h": {"end": "help-called"}}}  # fmt: skip
    ids = [c.id for c in Scenario.model_validate(data).nodes["a"].choices]
    base = "a/same-words-here-every"
    assert ids == [base, f"{base}-2", "author", f"{base}-3", f"{base}-4", f"{base}-5"]
