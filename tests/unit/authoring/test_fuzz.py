"""`sim fuzz`: seeded random playthroughs that find stuck nodes, crashes and
impossible states, each with the seed and actions that reproduce it."""

from __future__ import annotations

import json

import pytest

import sim.core.engine
from sim.authoring.fuzz import fuzz
from sim.core.engine import Session
from tests.cli_run import cli
from tests.helpers import write_scenario

# `wait` offers its only choice while tension < 60; `provoke` takes tension to 70.
STUCK_NODES = {
    "opening": {
        "client": "Well?",
        "choices": [
            {"id": "calm", "say": "Let's look at it.", "effects": {"tension": -10}, "principles": {"listen-acknowledge": 1}, "feedback": "Good.", "next": "wait"},
            {"id": "provoke", "say": "Read the notice.", "effects": {"tension": 20}, "principles": {"listen-acknowledge": -1}, "feedback": "Poor.", "next": "wait"},
        ],
    },
    "wait": {
        "client": "So?",
        "choices": [{"id": "finish", "say": "Done.", "when": "tension < 60", "principles": {"listen-acknowledge": 1}, "feedback": "Good.", "next": "done"}],
    },
    "done": {"end": "resolved"},
    "helped": {"end": "help-called"},
}


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("SIM_DEBUG", raising=False)


@pytest.fixture
def stuck(tmp_path):
    lib, ls = write_scenario(tmp_path, STUCK_NODES)
    return lib, ls


def test_the_linter_only_warns_so_the_scenario_loads(stuck, capsys):
    lib, ls = stuck
    code, out, _ = cli(capsys, "validate", ls.path.parent)
    assert code == 0
    assert "warning: every choice at `wait` has a condition, and in some states none holds" in out


def test_fuzz_finds_the_stuck_node_with_a_reproducing_seed(stuck, capsys):
    lib, ls = stuck
    code, out, _ = cli(capsys, "fuzz", ls.path, "--runs", "40", "--seed", "100", "--json")
    assert code == 1
    data = json.loads(out)
    [problem] = data["problems"]
    assert problem["kind"] == "stuck" and problem["node"] == "wait"
    assert problem["actions"] == ["provoke"]
    assert 100 <= problem["seed"] < 140 and problem["runs"] > 1
    assert problem["replay"] == [
        f"sim fuzz {ls.path} --seed {problem['seed']} --runs 1",
        f"sim walk {ls.path} --seed {problem['seed']} --choices provoke",
    ]
    # The seed and the actions take a fresh session to the same dead end.
    session = Session.replay(ls.scenario, lib.profile_for(ls.scenario), problem["seed"], problem["actions"])
    assert session.node_id == "wait" and not session.ended and session.options == () and session.node.timeout is None
    # And the seed alone replays that run.
    code, out, _ = cli(capsys, "fuzz", ls.path, "--runs", "1", "--seed", problem["seed"], "--json")
    assert code == 1
    [again] = json.loads(out)["problems"]
    assert (again["kind"], again["seed"], again["actions"], again["runs"]) == ("stuck", problem["seed"], ["provoke"], 1)


def test_text_report(stuck, capsys):
    lib, ls = stuck
    code, out, _ = cli(capsys, "fuzz", ls.path, "--runs", "40")
    assert code == 1
    lines = [l.rstrip() for l in out.splitlines()]
    assert lines[0] == "Random playthroughs of t (40 runs from seed 0, at most 500 turns each)"
    assert any(l.startswith("stuck: node `wait` is not an ending, offers no choice in this state and has no time limit (") for l in lines)
    assert "    actions: provoke" in lines
    assert any(l.startswith(f"    replay: sim walk {ls.path} --seed ") for l in lines)
    assert "Nodes never visited: " not in out or "helped" in out


def test_same_seed_same_report(capsys):
    outputs = []
    for _ in range(2):
        code, out, _ = cli(capsys, "fuzz", "tests/data/sample/sample.yaml", "--runs", "60", "--seed", "7", "--json")
        outputs.append(out)
    assert code == 0
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0])
    assert sum(data["endings"].values()) == 60 and data["problems"] == []
    assert set(data["scores"]) >= {"listen-acknowledge", "no-shaming"}
    assert data["scores"]["no-shaming"]["low"] <= data["scores"]["no-shaming"]["median"] <= data["scores"]["no-shaming"]["high"]
    _, other, _ = cli(capsys, "fuzz", "tests/data/sample/sample.yaml", "--runs", "60", "--seed", "8", "--json")
    assert other != outputs[0]


def test_a_run_that_hits_the_bound_did_not_end(sample, sample_profile):
    report = fuzz(sample, sample_profile, runs=30, seed=0, max_turns=1)
    kinds = {p.kind for p in report.problems}
    assert kinds == {"did-not-end"}
    assert report.endings.get("did not end", 0) == sum(p.runs for p in report.problems)


def test_an_engine_crash_is_reported_not_raised(stuck, monkeypatch):
    lib, ls = stuck
    original = sim.core.engine.Session._change_state

    def broken(self, effects):
        if effects.get("tension", 0) > 0:
            raise ZeroDivisionError("boom")
        original(self, effects)

    monkeypatch.setattr(sim.core.engine.Session, "_change_state", broken)
    report = fuzz(ls.scenario, lib.profile_for(ls.scenario), runs=20, seed=0)
    crash = next(p for p in report.problems if p.kind == "crash")
    assert crash.message.startswith("ZeroDivisionError while taking `provoke` at `opening`: boom (test_fuzz.py:")
    assert crash.actions == ("provoke",)


def test_a_state_outside_its_range_is_reported(sample, sample_profile, monkeypatch):
    monkeypatch.setattr(sim.core.engine, "clamp", lambda value, low, high: value)
    report = fuzz(sample, sample_profile, runs=60, seed=0)
    out_of_range = [p for p in report.problems if p.kind == "out-of-range"]
    assert out_of_range and all(p.message.startswith("`tension` is ") and "outside its range 0…100" in p.message for p in out_of_range)
    first = out_of_range[0]
    assert first.actions[:2] == ("notice", "argue")


def test_a_grade_that_disagrees_with_the_score_is_reported(sample, sample_profile, monkeypatch):
    monkeypatch.setattr("sim.authoring.fuzz.grade_for", lambda overall: "excellent")
    report = fuzz(sample, sample_profile, runs=60, seed=0)  # enough runs to reach a grade other than "excellent" without a miss
    assert any(p.kind == "inconsistent" and p.message.startswith("grade `") for p in report.problems)


@pytest.mark.parametrize("args", [["--runs", "0"], ["--seed", "-1"], ["--max-turns", "0"]])
def test_bad_numbers_exit_2(args, capsys):
    code, _, err = cli(capsys, "fuzz", "tests/data/sample/sample.yaml", *args)
    assert code == 2 and "hint: " in err


def test_an_unknown_scenario_exits_2(capsys):
    code, _, err = cli(capsys, "fuzz", "no-such-scenario")
    assert code == 2 and "no scenario file or id `no-such-scenario`" in err
