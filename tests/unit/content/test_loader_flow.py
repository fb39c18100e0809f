"""Loading conditional `next` lists and narration steps (issue 20): every problem
located at `file:line:col`, with a hint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sim.authoring.lint import lint
from tests.helpers import write_scenario


def where(path: Path, needle: str, nth: int = 0) -> tuple[int, int]:
    """Line and column (1-based) of the nth occurrence of `needle` in the file."""
    text = path.read_text(encoding="utf-8")
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def nodes_with(opening_next: Any, **extra: Any) -> dict[str, Any]:
    return {
        "opening": {
            "client": "Hi",
            "choices": [
                {"id": "go", "say": "Go.", "feedback": "F.", "principles": {"listen-acknowledge": 1}, "next": opening_next},
                {"id": "no", "say": "No.", "feedback": "F.", "principles": {"listen-acknowledge": -1}, "next": "left"},
            ],
        },
        "calm": {"end": "resolved"},
        "left": {"end": "client-left"},
        "helped": {"end": "help-called"},
        **extra,
    }


def errors(lib) -> list:
    return [p for p in lib.problems if p.severity == "error"]


def test_a_good_conditional_next_and_step_load_without_problems(tmp_path):
    nodes = nodes_with([{"when": "tension < 40", "to": "calm"}, {"to": "pause"}], pause={"narration": "A pause.", "next": "left"})
    lib, ls = write_scenario(tmp_path, nodes)
    assert lib.problems == [] and ls is not None
    assert lint(ls, lib) == []  # a step has no choices and no feedback: nothing to warn about


def test_an_unknown_to_is_located_with_did_you_mean(tmp_path):
    lib, _ = write_scenario(tmp_path, nodes_with([{"when": "tension < 40", "to": "clam"}, {"to": "left"}]))
    (p,) = errors(lib)
    assert p.code == "unknown-node" and p.message == "there is no node `clam`" and p.hint == "did you mean `calm`?"
    assert (p.line, p.col) == where(Path(p.path), "clam")


def test_the_last_entry_must_be_a_default(tmp_path):
    lib, _ = write_scenario(tmp_path, nodes_with([{"to": "left"}, {"when": "tension < 40", "to": "calm"}]))
    (p,) = errors(lib)
    assert p.code == "structure" and "end the list with a default `{to: …}`" in (p.hint or "")
    assert (p.line, p.col) == where(Path(p.path), "tension < 40")


def test_a_bad_condition_in_an_entry_is_located(tmp_path):
    lib, _ = write_scenario(tmp_path, nodes_with([{"when": "tension <", "to": "calm"}, {"to": "left"}]))
    (p,) = errors(lib)
    assert p.code == "condition"
    line, col = where(Path(p.path), "tension <")
    assert p.line == line and p.col >= col


def test_an_unknown_key_in_an_entry_suggests_to(tmp_path):
    lib, _ = write_scenario(tmp_path, nodes_with([{"when": "tension < 40", "too": "calm"}, {"to": "left"}]))
    found = {p.code: p for p in errors(lib)}
    assert found["unknown-key"].hint == "did you mean `to`?"
    assert (found["unknown-key"].line, found["unknown-key"].col) == where(Path(found["unknown-key"].path), "too")
    assert found["missing-key"].message.startswith("missing required key `to` in `nodes.opening.choices.0.next.0`")


def test_a_step_cannot_also_have_choices_or_an_end(tmp_path):
    nodes = nodes_with("calm")
    nodes["calm"] = {"end": "resolved", "next": "left"}
    lib, _ = write_scenario(tmp_path, nodes)
    (p,) = errors(lib)
    assert p.code == "structure" and "narration step" in p.message
    lines = Path(p.path).read_text(encoding="utf-8").splitlines()
    assert lines[p.line - 2].strip() == "end: resolved" and lines[p.line - 1][p.col - 1 :] == "left"


def test_a_loop_made_only_of_steps_is_an_error(tmp_path):
    nodes = nodes_with("a", a={"narration": "A.", "next": "b"}, b={"narration": "B.", "next": [{"when": "tension > 10", "to": "a"}, {"to": "a"}]})
    lib, _ = write_scenario(tmp_path, nodes)
    (p,) = errors(lib)
    assert p.code == "step-loop" and "`a`" in p.message and p.hint


def test_a_loop_through_a_node_with_choices_is_fine(tmp_path):
    nodes = nodes_with("a", a={"narration": "A.", "next": "opening"})
    lib, _ = write_scenario(tmp_path, nodes)
    assert errors(lib) == []


def test_a_node_without_choices_or_next_must_still_be_an_ending(tmp_path):
    nodes = nodes_with("a", a={"narration": "A."})
    lib, ls = write_scenario(tmp_path, nodes)
    assert errors(lib) == []
    assert [p.code for p in lint(ls, lib) if p.severity == "error"] == ["dead-end"]


def test_entries_that_can_never_be_taken_are_warned_about(tmp_path):
    nodes = nodes_with(
        [
            {"when": "tension > 200", "to": "calm"},  # can never hold
            {"when": "tension >= 0", "to": "calm"},  # always holds ...
            {"when": "tension < 40", "to": "left"},  # ... so this one is never taken
            {"to": "left"},  # nor the default
        ]
    )
    lib, ls = write_scenario(tmp_path, nodes)
    assert errors(lib) == []
    never = [p for p in lint(ls, lib) if p.code == "route-never-taken"]
    assert ["never hold" in p.message for p in never] == [True, False, False]
    text = Path(never[0].path).read_text(encoding="utf-8").splitlines()
    assert "tension > 200" in text[never[0].line - 1]
    assert "tension < 40" in text[never[1].line - 1]


def test_the_schema_offers_both_forms_of_next():
    from sim.cli.schema import schema_for

    defs = schema_for("scenario")["$defs"]
    forms = defs["Choice"]["properties"]["next"]["oneOf"]
    assert forms[0]["type"] == "string" and forms[1] == {"items": {"$ref": "#/$defs/Route"}, "minItems": 1, "type": "array"}
    assert set(defs["Route"]["properties"]) == {"when", "to"} and defs["Route"]["required"] == ["to"]
    assert "narration step" in defs["Node"]["properties"]["next"]["description"]
