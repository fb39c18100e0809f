"""sim.content.library (cross-references) and sim.authoring.lint (graph and teaching checks) on
small scenario folders built in tmp_path."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

import sim.content.library
from sim.authoring.lint import lint_library
from sim.content.library import load_library
from sim.content.problems import Problem
from tests.conftest import SAMPLE

PRINCIPLES = {
    "principles": {
        "listen": {"name": "Listen", "description": "Listen first."},
        "no-shaming": {"name": "No shaming", "description": "Never shame the client."},
        "call-help-early": {"name": "Call help early", "description": "Call for help.", "critical": True},
        "extra": {"name": "Extra", "description": "Something else."},
    }
}
PROFILE = {"id": "test-client", "name": "Test client", "description": "A test persona.", "tension": 40, "trust": 40}

# A scenario with no errors and no warnings; each test breaks one thing.
BASE: dict[str, Any] = {
    "id": "base",
    "title": "Base",
    "channel": "desk",
    "profile": "test-client",
    "briefing": "A client arrives.",
    "goals": ["listen", "no-shaming"],
    "start": "opening",
    "help": "colleague",
    "shuffle": False,
    "nodes": {
        "opening": {
            "client": "Hello.",
            "choices": [
                {"id": "good", "say": "Good", "principles": {"listen": 2, "no-shaming": 1}, "feedback": "Good.", "next": "done"},
                {"id": "bad", "say": "Bad", "principles": {"listen": -1, "no-shaming": -2}, "feedback": "Bad.", "next": "done"},
            ],
        },
        "done": {"end": "resolved"},
        "colleague": {"end": "help-called"},
    },
}


@pytest.fixture(autouse=True)
def no_builtin_content(tmp_path_factory, monkeypatch):
    """Built-in dialogues and personas are being written concurrently: keep them out."""
    empty = tmp_path_factory.mktemp("no-builtins")
    monkeypatch.setattr(sim.content.library, "builtin_dialogues", lambda: empty / "dialogues")
    monkeypatch.setattr(sim.content.library, "builtin_profiles", lambda: empty / "profiles")


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)


class Folder:
    def __init__(self, root: Path, scenario: dict[str, Any] | str, principles: dict | str = PRINCIPLES) -> None:
        self.root = root
        (root / "profiles").mkdir(parents=True, exist_ok=True)
        (root / "profiles" / "test-client.yaml").write_text(dump(PROFILE), encoding="utf-8")
        (root / "principles.yaml").write_text(principles if isinstance(principles, str) else dump(principles), encoding="utf-8")
        self.text = scenario if isinstance(scenario, str) else dump(scenario)
        self.path = root / "scenario.yaml"
        self.path.write_text(self.text, encoding="utf-8")

    def check(self) -> list[Problem]:
        lib = load_library([self.root])
        return sorted(lib.problems + lint_library(lib), key=lambda p: (p.path, p.line, p.col, p.code))

    def pos(self, needle: str, nth: int = 0, *, line_of: str | None = None) -> tuple[int, int]:
        """1-based (line, col) of `needle` in the scenario text; with `line_of`,
        the nth occurrence of `needle` after the first line containing `line_of`."""
        text = self.text
        start = text.index(line_of) if line_of else 0
        index = start - 1
        for _ in range(nth + 1):
            index = text.index(needle, index + 1)
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        return line, col


def scenario(**changes: Any) -> dict[str, Any]:
    s = copy.deepcopy(BASE)
    s.update(changes)
    return s


def only(problems: list[Problem], code: str) -> list[Problem]:
    return [p for p in problems if p.code == code]


def summary(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.severity, p.code) for p in problems]


def test_base_scenario_is_clean(tmp_path):
    folder = Folder(tmp_path, BASE)
    assert folder.check() == []
    lib = load_library([tmp_path])
    assert [s.scenario.id for s in lib.scenarios] == ["base"]
    assert set(lib.principles) == set(PRINCIPLES["principles"])
    assert set(lib.profiles) == {"test-client"}
    assert lib.scenarios[0].scenario.content_hash


def test_sample_folder_is_clean():
    sample = SAMPLE
    lib = load_library([sample])
    assert lib.problems + lint_library(lib) == []
    assert [s.scenario.id for s in lib.scenarios] == ["sample"]


# --- reference errors ---------------------------------------------------------------


def test_dangling_next_with_did_you_mean(tmp_path):
    s = scenario()
    s["nodes"]["opening"]["choices"][0]["next"] = "doen"
    folder = Folder(tmp_path, s)
    (p,) = folder.check()
    assert (p.severity, p.code) == ("error", "unknown-node")
    assert p.message == "there is no node `doen`"
    assert p.hint == "did you mean `done`?"
    assert (p.line, p.col) == folder.pos("doen")
    assert p.path == str(folder.path)


def test_dangling_start_and_help_without_close_match(tmp_path):
    s = scenario(start="zzz", help={"next": "qqq", "say": "You call."})
    folder = Folder(tmp_path, s)
    problems = folder.check()
    assert [(p.message, p.hint, (p.line, p.col)) for p in problems] == [
        ("there is no node `zzz`", "add the node, or fix the id", folder.pos("zzz")),
        ("there is no node `qqq`", "add the node, or fix the id", folder.pos("qqq")),
    ]


def test_unknown_profile(tmp_path):
    folder = Folder(tmp_path, scenario(profile="test-clinet"))
    (p,) = folder.check()
    assert (p.severity, p.code, p.message) == ("error", "unknown-profile", "there is no persona `test-clinet`")
    assert p.hint == "did you mean `test-client`?"
    assert (p.line, p.col) == folder.pos("test-clinet")


def test_unknown_principle_in_goals_and_in_choices(tmp_path):
    s = scenario(goals=["listen", "no-shamming"])
    s["nodes"]["opening"]["choices"][0]["principles"] = {"listen": 2, "lisen": 1}
    s["help"] = {"next": "colleague", "principles": {"quokka": -1}}
    folder = Folder(tmp_path, s)
    problems = folder.check()
    assert [(p.code, p.message, p.hint, (p.line, p.col)) for p in problems] == [
        ("unknown-principle", "there is no principle `no-shamming`", "did you mean `no-shaming`?", folder.pos("no-shamming")),
        ("unknown-principle", "there is no principle `quokka`", "add it to principles.yaml, or fix the id", folder.pos("quokka")),
        ("unknown-principle", "there is no principle `lisen`", "did you mean `listen`?", folder.pos("lisen")),
    ]
    assert {p.severity for p in problems} == {"error"}


def test_unknown_variable_in_effects(tmp_path):
    s = scenario(variables={"understanding": {"start": 30}})
    s["nodes"]["opening"]["choices"][0]["effects"] = {"tensoin": 5, "understandin": 3, "understanding": 2}
    s["nodes"]["opening"]["choices"][1]["effects"] = {"turn": 1}
    folder = Folder(tmp_path, s)
    problems = folder.check()
    assert [(p.code, p.message, p.hint, (p.line, p.col)) for p in problems] == [
        ("unknown-variable", "there is no state variable `tensoin`", "did you mean `tension`?", folder.pos("tensoin")),
        ("unknown-variable", "there is no state variable `understandin`", "did you mean `understanding`?", folder.pos("understandin:")),
        ("unknown-variable", "`turn` counts itself and cannot be changed", "remove it from `effects`", folder.pos("turn: 1")),
    ]


def with_conditions(*conditions: str, variables: dict | None = None) -> str:
    """The base scenario with `when:` written verbatim (quoted as given) on its choices."""
    s = scenario()
    if variables:
        s["variables"] = variables
    for i, _ in enumerate(conditions):
        s["nodes"]["opening"]["choices"][i]["when"] = f"WHEN{i}"
    text = dump(s)
    for i, cond in enumerate(conditions):
        text = text.replace(f"when: WHEN{i}", f"when: {cond}")
    return text


def test_unknown_variable_and_node_in_when_are_located_inside_the_string(tmp_path):
    folder = Folder(tmp_path, with_conditions('"tensoin < 5 and visited(opning)"', "trust > 10 and visited(done)"))
    problems = folder.check()
    line, col = folder.pos("tensoin")
    assert [(p.code, p.message, p.hint, (p.line, p.col)) for p in problems] == [
        ("unknown-variable", "condition uses unknown variable `tensoin`", "did you mean `tension`?", (line, col)),
        ("unknown-node", "condition uses unknown node `opning`", "did you mean `opening`?", folder.pos("opning")),
    ]
    # The opening quote is not part of the condition: the column is that of the name.
    assert folder.text.splitlines()[line - 1][col - 2] == '"'


@pytest.mark.parametrize(
    ("written", "needle", "message", "hint"),
    [
        pytest.param('"tension <> 5"', "<>", "bad condition: `<>` is not an operator", "use `!=`", id="diamond-double-quoted"),
        pytest.param("'tension <> 5'", "<>", "bad condition: `<>` is not an operator", "use `!=`", id="diamond-single-quoted"),
        pytest.param("tension = 5", "= 5", "bad condition: `=` is not an operator", "use `==` to compare", id="plain"),
        pytest.param(
            "\"__import__('os')\"", "__import__",
            "bad condition: unknown function `__import__`: only visited(node) can be called", None, id="python",
        ),
        pytest.param('"trust > 1 && tension < 5"', "&&", "bad condition: `&&` is not an operator", "use `and`", id="ampersands"),
    ],
)
def test_bad_condition_is_reported_at_the_column_inside_the_string(tmp_path, written, needle, message, hint):
    folder = Folder(tmp_path, with_conditions(written))
    (p,) = folder.check()
    assert (p.severity, p.code, p.message) == ("error", "condition", message)
    if hint is not None:
        assert p.hint == hint
    else:
        assert p.hint
    assert (p.line, p.col) == folder.pos(needle)


@pytest.mark.parametrize("indicator", ["|", ">", "|-", ">+"])
def test_bad_condition_in_a_block_scalar_points_at_the_character(tmp_path, indicator):
    folder = Folder(tmp_path, with_conditions(f"{indicator}\n        trust > 1 and\n          tension <> 5"))
    (p,) = folder.check()
    assert p.code == "condition"
    assert (p.line, p.col) == folder.pos("<>")


def test_condition_as_a_bare_bool_is_a_shape_error(tmp_path):
    folder = Folder(tmp_path, with_conditions("true"))
    (p,) = folder.check()
    assert (p.code, p.message) == ("type", "`nodes.opening.choices.0.when` should be text, not `true`")


def test_ending_with_choices(tmp_path):
    s = scenario()
    s["nodes"]["done"]["choices"] = [{"id": "again", "say": "Again", "next": "opening"}]
    folder = Folder(tmp_path, s)
    (p,) = folder.check()
    assert (p.severity, p.code) == ("error", "structure")
    assert p.message == "an ending node cannot have `choices` or a `timeout`"
    assert (p.line, p.col) == folder.pos("resolved")


def test_time_limit_without_timeout_and_vice_versa(tmp_path):
    s = scenario()
    s["nodes"]["opening"]["time_limit"] = 10
    s["nodes"]["waiting"] = {"client": "…", "timeout": {"next": "done"}}
    s["nodes"]["opening"]["choices"].append({"id": "wait", "say": "Wait", "next": "waiting", "feedback": "f"})
    folder = Folder(tmp_path, s)
    problems = folder.check()
    assert [(p.code, p.message, (p.line, p.col)) for p in problems] == [
        ("structure", "`time_limit` without a `timeout` branch", folder.pos("10")),
        ("structure", "`timeout` without a `time_limit`", folder.pos("next: done", line_of="timeout:")),
    ]
    assert problems[0].hint.startswith("add `timeout:")
    assert problems[1].hint == "add `time_limit: SECONDS`"


def test_timed_node_with_timeout_is_fine(tmp_path):
    s = scenario()
    s["nodes"]["opening"]["time_limit"] = 10
    s["nodes"]["opening"]["timeout"] = {"next": "done", "principles": {"listen": -1}, "feedback": "Too slow."}
    assert Folder(tmp_path, s).check() == []


def test_duplicate_choice_ids(tmp_path):
    s = scenario()
    s["nodes"]["opening"]["choices"][1]["id"] = "good"
    folder = Folder(tmp_path, s)
    (p,) = folder.check()
    assert (p.severity, p.code) == ("error", "duplicate-id")
    assert p.message == "two choices here have the id `good`"
    assert (p.line, p.col) == folder.pos("good", nth=1)


def test_declared_variable_named_tension(tmp_path):
    s = scenario(variables={"tension": {"start": 10}, "mood": {"start": 500}})
    folder = Folder(tmp_path, s)
    problems = folder.check()
    assert [(p.code, p.message, (p.line, p.col)) for p in problems] == [
        ("variable", "`tension` is built in and cannot be declared", folder.pos("tension:", line_of="variables:")),
        ("variable", "`mood` starts at 500, outside 0…100", folder.pos("start: 500")),
    ]


def test_duplicate_scenario_id_across_files(tmp_path):
    folder = Folder(tmp_path, BASE)
    second = tmp_path / "copy.yaml"
    second.write_text(folder.text, encoding="utf-8")
    problems = folder.check()
    assert [(Path(p.path).name, p.code, p.line, p.col) for p in problems] == [("scenario.yaml", "duplicate-id", 1, 5)]
    assert problems[0].message == f"scenario `base` is already defined in {second}"


def test_broken_principles_file_does_not_cascade(tmp_path):
    broken = "principles:\n  listen:\n    name: Listen\n    descripton: d\n  no-shaming: {name: N, description: D, critcal: true}\n"
    s = scenario()
    s["nodes"]["opening"]["choices"][0]["principles"]["listen"] = 1
    folder = Folder(tmp_path, s, principles=broken)
    problems = folder.check()
    errors = [p for p in problems if p.severity == "error"]
    # Only the principles file itself has errors; the scenario's many
    # references to `listen` and `no-shaming` are not reported again.
    assert {Path(p.path).name for p in errors} == {"principles.yaml"}
    assert [(p.line, p.col, p.code) for p in errors] == [
        (3, 5, "missing-key"),
        (4, 5, "unknown-key"),
        (5, 41, "unknown-key"),
    ]
    assert [p.hint for p in errors if p.code == "unknown-key"] == ["did you mean `description`?", "did you mean `critical`?"]
    assert not any(p.code == "unknown-principle" for p in problems)


def test_broken_persona_does_not_cascade(tmp_path):
    folder = Folder(tmp_path, BASE)
    (tmp_path / "profiles" / "test-client.yaml").write_text("id: test-client\nname: N\ndescription: D\ntension: lots\ntrust: 1\n")
    problems = folder.check()
    assert [(Path(p.path).name, p.code) for p in problems] == [("test-client.yaml", "type")]


def test_unknown_principle_is_still_reported_next_to_a_valid_catalogue(tmp_path):
    s = scenario()
    s["nodes"]["opening"]["choices"][1]["principles"]["quokka"] = -1
    folder = Folder(tmp_path, s)
    assert summary(folder.check()) == [("error", "unknown-principle")]


def test_references_hold_back_the_lint(tmp_path):
    # A scenario with reference errors is not linted: its graph is not trustworthy.
    s = scenario()
    s["nodes"]["opening"]["choices"][0]["next"] = "nowhere"
    s["nodes"]["island"] = {"client": "x"}
    folder = Folder(tmp_path, s)
    assert summary(folder.check()) == [("error", "unknown-node")]


# --- lint: the graph ---------------------------------------------------------------------


def test_unreachable_node_is_a_warning(tmp_path):
    s = scenario()
    s["nodes"]["island"] = {"client": "x", "choices": [{"id": "i", "say": "i", "feedback": "f", "next": "done"}]}
    folder = Folder(tmp_path, s)
    (p,) = folder.check()
    assert (p.severity, p.code) == ("warning", "unreachable")
    assert p.message == "node `island` can never be reached from `opening`"
    assert (p.line, p.col) == folder.pos("island:")


def test_ending_never_reached_is_a_warning(tmp_path):
    s = scenario()
    s["nodes"]["lost"] = {"end": "unresolved"}
    folder = Folder(tmp_path, s)
    (p,) = folder.check()
    assert (p.severity, p.code) == ("warning", "ending-unreached")
    assert p.message == "ending `lost` can never be reached"
    assert p.hint == "lead a choice to it with `next: lost`, or remove it"
    assert (p.line, p.col) == folder.pos("lost:")


def test_help_node_counts_as_reachable(tmp_path):
    # `colleague` is only reachable through the call for help: no warning.
    assert Folder(tmp_path, BASE).check() == []


def test_dead_end_is_an_error(tmp_path):
    s = scenario()
    s["nodes"]["opening"]["choices"][1]["next"] = "stuck"
    s["nodes"]["stuck"] = {"client": "Well?"}
    folder = Folder(tmp_path, s)
    (p,) = folder.check()
    assert (p.severity, p.code) == ("error", "dead-end")
    assert p.message == "node `stuck` is not an ending but has no choices"
    assert (p.line, p.col) == folder.pos("stuck:")


def test_loop_without_a_way_to_an_ending_is_an_error(tmp_path):
    s = scenario()
    s["nodes"]["opening"]["choices"].append({"id": "loop", "say": "Loop", "feedback": "f", "next": "round1"})
    s["nodes"]["round1"] = {"client": "1", "choices": [{"id": "on", "say": "On", "feedback": "f", "next": "round2"}]}
    s["nodes"]["round2"] = {"client": "2", "choices": [{"id": "back", "say": "Back", "feedback": "f", "next": "round1"}]}
    folder = Folder(tmp_path, s)
    problems = folder.check()
    assert [(p.severity, p.code, p.message, (p.line, p.col)) for p in problems] == [
        ("error", "no-way-out", "from node `round1` no ending can be reached (only calling for help ends the encounter)", folder.pos("round1:")),
        ("error", "no-way-out", "from node `round2` no ending can be reached (only calling for help ends the encounter)", folder.pos("round2:")),
    ]


def test_loop_with_an_exit_is_fine(tmp_path):
    s = scenario()
    s["nodes"]["opening"]["choices"].append({"id": "loop", "say": "Loop", "feedback": "f", "next": "round1"})
    s["nodes"]["round1"] = {
        "client": "1",
        "choices": [
            {"id": "again", "say": "Again", "feedback": "f", "next": "opening"},
            {"id": "out", "say": "Out", "feedback": "f", "next": "done"},
        ],
    }
    assert Folder(tmp_path, s).check() == []


def test_choice_that_can_never_be_offered(tmp_path):
    folder = Folder(tmp_path, with_conditions("'tension > 100'"))
    problems = folder.check()
    # The conditional choice was the goals' only good option: a choice never
    # offered teaches nothing, so both goals are reported as lacking one.
    assert summary(problems) == [("warning", "goal-no-good")] * 2 + [("warning", "never-offered")]
    p = problems[2]
    assert (p.severity, p.code) == ("warning", "never-offered")
    assert p.message == "this condition can never hold within the variables' ranges, so the choice is never offered"
    assert (p.line, p.col) == folder.pos("'tension > 100'")


def test_declared_variable_ranges_are_used(tmp_path):
    folder = Folder(tmp_path, with_conditions("mood > 10", variables={"mood": {"start": 5, "min": 0, "max": 10}}))
    assert summary(folder.check()) == [("warning", "goal-no-good")] * 2 + [("warning", "never-offered")]
    folder = Folder(tmp_path, with_conditions("mood > 9", variables={"mood": {"start": 5, "min": 0, "max": 10}}))
    assert folder.check() == []


def test_never_offered_choice_is_not_an_edge(tmp_path):
    s = scenario()
    s["nodes"]["opening"]["choices"].append(
        {"id": "secret", "say": "Secret", "feedback": "f", "next": "hidden", "when": "trust < 0"}
    )
    s["nodes"]["hidden"] = {"end": "resolved"}
    folder = Folder(tmp_path, s)
    assert summary(folder.check()) == [("warning", "never-offered"), ("warning", "ending-unreached")]


def test_node_where_every_choice_can_fail(tmp_path):
    s = scenario()
    s["nodes"]["opening"]["choices"][0]["when"] = "tension < 50"
    s["nodes"]["opening"]["choices"][1]["when"] = "trust > 60"
    folder = Folder(tmp_path, s)
    (p,) = folder.check()
    assert (p.severity, p.code) == ("warning", "maybe-stuck")
    assert p.message == "every choice at `opening` has a condition, and in some states none holds"
    assert (p.line, p.col) == folder.pos("- id: good")


def test_conditional_choices_that_cover_every_state_are_fine(tmp_path):
    s = scenario()
    s["nodes"]["opening"]["choices"][0]["when"] = "tension < 50"
    s["nodes"]["opening"]["choices"][1]["when"] = "tension >= 50"
    assert Folder(tmp_path, s).check() == []


# --- lint: teaching ---------------------------------------------------------------------------


def test_goal_not_exercised(tmp_path):
    folder = Folder(tmp_path, scenario(goals=["listen", "no-shaming", "extra"]))
    (p,) = folder.check()
    assert (p.severity, p.code) == ("warning", "goal-unused")
    assert p.message == "goal `extra` (Extra) is not exercised by any choice"
    assert (p.line, p.col) == folder.pos("extra", line_of="goals:")


def test_call_help_early_goal_is_scored_by_the_engine(tmp_path):
    assert Folder(tmp_path, scenario(goals=["listen", "no-shaming", "call-help-early"])).check() == []


def test_goal_without_a_good_or_a_bad_option(tmp_path):
    s = scenario()
    s["nodes"]["opening"]["choices"][0]["principles"] = {"listen": 2, "no-shaming": 0}
    s["nodes"]["opening"]["choices"][1]["principles"] = {"listen": 1, "no-shaming": -2}
    folder = Folder(tmp_path, s)
    problems = folder.check()
    assert [(p.severity, p.code, p.message, (p.line, p.col)) for p in problems] == [
        ("warning", "goal-no-bad", "goal `listen` has no poor option (no choice lowers it)", folder.pos("listen", line_of="goals:")),
        ("warning", "goal-no-good", "goal `no-shaming` has no good option (no choice raises it)", folder.pos("no-shaming", line_of="goals:")),
    ]


def test_choice_without_feedback(tmp_path):
    s = scenario()
    del s["nodes"]["opening"]["choices"][1]["feedback"]
    folder = Folder(tmp_path, s)
    (p,) = folder.check()
    assert (p.severity, p.code, p.message) == ("warning", "no-feedback", "choice has no `feedback`")
    assert (p.line, p.col) == folder.pos("id: bad")


def test_many_problems_of_one_kind_are_capped(tmp_path):
    s = scenario()
    for i in range(40):
        s["nodes"]["opening"]["choices"].append({"id": f"c{i}", "say": f"Choice {i}", "next": "done"})
    problems = Folder(tmp_path, s).check()
    no_feedback = only(problems, "no-feedback")
    assert len(no_feedback) == 26
    assert sum(p.message == "… and 15 more like this (no-feedback)" for p in no_feedback) == 1


def test_bad_condition_in_a_multi_line_plain_scalar_points_at_the_character(tmp_path):
    # Folding joins the lines, so an offset into the text is not a column:
    # the problem is found on the line where it is written.
    folder = Folder(tmp_path, with_conditions("tension < 5 and\n        visted(opening)"))
    (p,) = folder.check()
    assert p.code == "condition"
    assert (p.line, p.col) == folder.pos("visted(")


def test_unknown_variable_on_a_later_line_of_a_condition_is_located_there(tmp_path):
    folder = Folder(tmp_path, with_conditions("tension < 5 and\n          trust > 2 and\n          patience > 1"))
    (p,) = folder.check()
    assert p.code == "unknown-variable" and (p.line, p.col) == folder.pos("patience")


def test_a_multi_line_quoted_condition_is_located_at_its_start(tmp_path):
    # Escapes such as \n make the characters of the text and of the file differ.
    folder = Folder(tmp_path, with_conditions('"tension < 5 and\n        tension <> 5"'))
    (p,) = folder.check()
    assert p.code == "condition" and (p.line, p.col) == folder.pos('"tension < 5')


# --- the call for help ------------------------------------------------------------------


def test_an_option_into_the_help_node_that_credits_the_call_differently_is_a_warning(tmp_path):
    s = scenario(help={"next": "colleague", "principles": {"listen": -1}})
    s["nodes"]["opening"]["choices"].append(
        {"id": "anna", "say": "Let's ask Anna to join us.", "principles": {"no-shaming": 1}, "feedback": "Help.", "next": "colleague"}
    )
    folder = Folder(tmp_path, s)
    [warning] = only(folder.check(), "help-credit-differs")
    assert warning.severity == "warning"
    assert (warning.line, warning.col) == folder.pos("id: anna")
    assert "(no-shaming +1) from `help.principles` (listen -1)" in warning.message
    assert "the key is judged as this choice" in warning.message


def test_an_option_into_the_help_node_with_the_help_credit_is_clean(tmp_path):
    s = scenario(help={"next": "colleague", "principles": {"listen": -1}})
    s["nodes"]["opening"]["choices"].append(
        {"id": "anna", "say": "Let's ask Anna.", "principles": {"listen": -1, "call-help-early": 2}, "feedback": "Help.", "next": "colleague"}
    )
    assert only(Folder(tmp_path, s).check(), "help-credit-differs") == []


def test_a_call_for_help_that_lowers_call_help_early_is_a_warning(tmp_path):
    s = scenario(help={"next": "colleague", "principles": {"call-help-early": -1}})
    s["nodes"]["opening"]["choices"].append(
        {"id": "anna", "say": "Let's ask Anna.", "principles": {"call-help-early": -2}, "feedback": "Help.", "next": "colleague"}
    )
    folder = Folder(tmp_path, s)
    warnings = only(folder.check(), "help-against-call")
    assert [(w.line, w.col) for w in warnings] == [folder.pos("call-help-early: -1"), folder.pos("call-help-early: -2")]
    assert "would be a critical miss" in warnings[0].message and "choosing it is a critical miss" in warnings[1].message


def test_a_failed_ending_capped_at_good_or_above_is_a_warning(tmp_path):
    s = scenario(assessment={"endings": {"client-left": 85, "resolved": 100, "unresolved": 69}})
    folder = Folder(tmp_path, s)
    [warning] = only(folder.check(), "ending-cap-high")
    assert (warning.line, warning.col) == folder.pos("client-left: 85")
    assert "`client-left` may grade up to 85" in warning.message


def test_a_failed_ending_capped_high_by_the_catalogue_is_a_warning_on_each_scenario(tmp_path):
    principles = copy.deepcopy(PRINCIPLES)
    principles["assessment"] = {"endings": {"escalated": 70}}
    folder = Folder(tmp_path, BASE, principles)
    [warning] = only(folder.check(), "ending-cap-high")
    assert "from the principle catalogue" in warning.message
