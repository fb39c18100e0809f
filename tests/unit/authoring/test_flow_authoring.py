"""Conditional `next` lists and narration steps (issue 20) in the authoring tools:
`sim analyze` agrees with every path played through the engine, the graph draws
an edge per entry, transcript tests and fuzz play through steps."""

from __future__ import annotations

import random
from typing import Any

import pytest
import yaml

from sim.authoring.analysis import analyze, verify
from sim.authoring.diagram import build
from sim.authoring.fuzz import fuzz
from sim.authoring.transcript_run import run_paths
from sim.content.model import Profile, Scenario, Varied
from sim.core.engine import CALL_HELP, HELP, Session
from tests.helpers import write_scenario
from tests.unit.authoring.test_analysis import brute_force, go, profile, ratio, scenario


def random_flow(seed: int) -> tuple[Scenario, Profile, frozenset[str]]:
    """A small scenario without loops whose moves lead through conditional `next`
    lists and chains of narration steps (conditions read state after the move)."""
    rng = random.Random(seed)
    n = rng.randint(3, 5)
    order = [f"n{i}" for i in range(n)]
    # Steps are spread among the nodes: each leads only to what comes after it.
    steps = {nid for nid in order[1:] if rng.random() < 0.4}
    ends = ["good", "bad", "boom"]
    conditions = [
        "tension < 60", "tension >= 55", "trust > 45", "mood >= 1", "not visited(n1)", "visited(n2)", "turn < 2", "turn >= 2",
        "told", "not told and tension < 70",
    ]

    def nxt(later: list[str]) -> Any:
        if rng.random() < 0.4:
            return rng.choice(later)
        entries = [{"when": rng.choice(conditions), "to": rng.choice(later)} for _ in range(rng.randint(1, 2))]
        return [*entries, {"to": rng.choice(later)}]

    nodes: dict[str, Any] = {}
    for i, nid in enumerate(order):
        later = order[i + 1 :] + ends + ["helped"]
        if nid in steps:
            nodes[nid] = {"narration": f"step {nid}", "next": nxt(later)}
            continue
        choices = []
        for c in range(rng.randint(1, 3)):
            choice: dict[str, Any] = {"id": f"c{c}", "say": f"{nid} {c}", "next": nxt(later)}
            if c > 0 and rng.random() < 0.4:
                choice["when"] = rng.choice(conditions)
            effects = {"tension": rng.choice([-15, -5, 0, 10, 20])}
            if rng.random() < 0.3:
                effects["mood"] = rng.choice([-1, 1])
            if rng.random() < 0.3:
                effects["trust"] = rng.choice([-10, 10])
            choice["effects"] = effects
            choice["principles"] = {rng.choice(["p", "q", "r", CALL_HELP]): rng.choice([-2, -1, 1, 2])}
            if rng.random() < 0.3:
                choice["set"] = {"told": rng.random() < 0.7}
            choices.append(choice)
        node: dict[str, Any] = {"choices": choices}
        if rng.random() < 0.2:
            node["time_limit"] = 10
            node["timeout"] = {"next": nxt(later), "effects": {"tension": 10}, "principles": {"q": -1}}
        if rng.random() < 0.5:
            # Varied lines, some only when a condition holds: they change the words, never the flow.
            node["client"] = [{"variants": [f"{nid} a", {"say": f"{nid} b", "when": rng.choice(conditions)}]}, f"{nid} plain"]
        nodes[nid] = node
    nodes["good"] = {"end": "resolved"}
    nodes["bad"] = {"end": "client-left"}
    nodes["boom"] = {"end": "escalated"}
    help_next: Any = "helped" if rng.random() < 0.5 else [{"when": "tension >= 70", "to": "helped"}, {"to": "good"}]
    help_extra: dict[str, Any] = {}
    if rng.random() < 0.3:
        # Help that comes and goes: its node says what happens, and the trainee is back where they were.
        help_next, help_extra = "colleague", {"return": True, "set": {"told": False}}
        nodes["colleague"] = {"narration": {"variants": ["A colleague comes.", "Your team leader comes."]}}
    opening = {"narration": "It begins.", "next": "n0"} if rng.random() < 0.5 else {"choices": [go("n0", id="begin")]}
    s = scenario(
        {**nodes, "opening": opening},
        goals=rng.sample(["p", "q", "r", CALL_HELP], rng.randint(1, 3)),
        help={"next": help_next, "effects": {"tension": -20}, "principles": {"r": -1}, **help_extra},
        threat_turns=rng.choice([1, 2]),
        variables={"mood": {"start": 0, "min": -1, "max": 2}, "told": {"start": False}},
    )
    p = profile(
        tension=rng.choice([40, 55, 70]),
        volatility=rng.choice([1.0, 1.5]),
        recovery=rng.choice([0, 5]),
        baseline=30,
        threat_threshold=rng.choice([60, 75]),
    )
    critical = frozenset({CALL_HELP, "q"} if rng.random() < 0.3 else {CALL_HELP})
    return s, p, critical


@pytest.mark.parametrize("seed", range(40))
def test_analyze_agrees_with_every_path_played_through_the_engine(seed):
    s, p, critical = random_flow(seed)
    a = analyze(s, p, critical)
    paths = brute_force(s, p, critical)
    assert a.paths == len(paths)
    assert a.paths_without_help == sum(HELP not in actions for actions, _ in paths)
    reached_endings = {session.node_id for _, session in paths}
    assert {e.node for e in a.endings if e.paths} == reached_endings
    for e in a.endings:
        assert e.paths == sum(session.node_id == e.node for _, session in paths), e.node
    visited = {nid for _, session in paths for nid in session.visited}
    assert set(a.unreachable) == {nid for nid, node in s.nodes.items() if node.end is None and nid not in visited}
    lengths = [len(actions) for actions, _ in paths]
    assert a.shortest.turns == min(lengths) and a.longest.turns == max(lengths)
    for pr in a.principles:
        ratios = [r for _, session in paths if (r := ratio(session, pr.principle)) is not None]
        if ratios:
            assert pr.best.ratio == max(ratios) and pr.worst.ratio == min(ratios), pr.principle
        else:
            assert pr.best is None and pr.worst is None
    assert verify(a) == []


def test_the_random_flows_do_use_conditional_lists_steps_flags_variants_and_returning_help():
    cases = [random_flow(seed)[0] for seed in range(40)]
    assert sum(any(n.is_step for n in s.nodes.values()) for s in cases) >= 20
    assert sum(any(not isinstance(c.next, str) for n in s.nodes.values() for c in n.choices) for s in cases) >= 20
    assert sum(any(c.set for n in s.nodes.values() for c in n.choices) for s in cases) >= 20
    assert sum(any(isinstance(line, Varied) for n in s.nodes.values() for line in n.client or ()) for s in cases) >= 20
    assert sum(s.help.return_ for s in cases) >= 8


def test_the_graph_draws_an_edge_per_entry_labelled_with_its_condition():
    s = scenario(
        {
            "opening": {"narration": "In.", "next": [{"when": "tension > 60", "to": "angry"}, {"to": "desk"}]},
            "desk": {"choices": [{"id": "a", "say": "A", "next": [{"when": "trust >= 50", "to": "good"}, {"to": "angry"}]}]},
            "angry": {"end": "escalated"},
            "good": {"end": "resolved"},
        }
    )
    g = build(s)
    keys = {n.lines[0]: n.key for n in g.nodes}
    edges = {(e.src, e.dst): (e.lines, e.kind) for e in g.edges}
    assert edges[(keys["opening"], keys["angry"])] == (("then if tension > 60",), "conditional")
    assert edges[(keys["opening"], keys["desk"])] == (("otherwise",), "choice")
    assert edges[(keys["desk"], keys["good"])] == (("1", "then if trust >= 50"), "conditional")
    assert edges[(keys["desk"], keys["angry"])] == (("1", "otherwise"), "choice")


STEPPED = {
    "opening": {"narration": "The door bangs open.", "client": "Well?", "next": "desk"},
    "desk": {
        "client": "I'm waiting.",
        "choices": [
            {"id": "push", "say": "Read the notice.", "feedback": "No.", "principles": {"listen-acknowledge": -1}, "effects": {"tension": 30},
             "next": [{"when": "tension >= 75", "to": "storm"}, {"to": "calm"}]},
            {"id": "calm-down", "say": "Let's look.", "feedback": "Yes.", "principles": {"listen-acknowledge": 2}, "effects": {"tension": -10},
             "next": [{"when": "tension >= 75", "to": "storm"}, {"to": "calm"}]},
        ],
    },
    "storm": {"narration": "They slam the desk.", "next": "left"},
    "calm": {"end": "resolved"},
    "left": {"end": "client-left"},
    "helped": {"end": "help-called"},
}

STEPPED_TEST = """\
scenario: t
cases:
  - name: pushing sends the client through the storm
    steps:
      - {do: push, expect: {ending: client-left}}
    expect: {ending: client-left}
  - name: the opening step is passed at once
    steps:
      - {expect: {node: desk}}
      - calm-down
    expect: {ending: resolved, scores: "listen-acknowledge == 100"}
"""


def test_a_transcript_test_plays_through_steps_and_conditional_next(tmp_path):
    write_scenario(tmp_path, STEPPED)
    (tmp_path / "t.test.yaml").write_text(STEPPED_TEST, encoding="utf-8")
    result = run_paths([tmp_path])
    assert [f.errors for f in result.files] == [[]]
    assert [(c.name, c.status) for c in result.cases] == [
        ("pushing sends the client through the storm", "passed"),
        ("the opening step is passed at once", "passed"),
    ]


def test_fuzz_plays_through_steps_without_problems(tmp_path):
    lib, ls = write_scenario(tmp_path, STEPPED)
    assert lib.problems == []
    report = fuzz(ls.scenario, lib.profile_for(ls.scenario), runs=50, seed=1)
    assert report.problems == []


def test_the_guides_examples_play_as_described():
    import re

    from tests.conftest import ROOT

    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    (routed,) = [yaml.safe_load(b) for b in blocks if b.lstrip().startswith("- id: read-the-notice")]
    (stepped,) = [yaml.safe_load(b) for b in blocks if b.startswith("start: arrival")]
    ends = {"shouting": {"end": "escalated"}, "client-leaves": {"end": "client-left"}, "details": {"end": "resolved"}, "angry": {"end": "unresolved"}}
    s = scenario({**stepped["nodes"], **ends}, start=stepped["start"])
    session = Session(s, profile(tension=50))
    assert session.node_id == "opening" and session.transcript[0].text.startswith("The door bangs open")
    assert session.choose_id("acknowledge").next == "details"
    s = scenario({"opening": {"choices": routed}, **ends})
    assert Session(s, profile(tension=70)).choose_id("read-the-notice").next == "shouting"  # 70 + 15 >= 75
    assert Session(s, profile(tension=50)).choose_id("read-the-notice").next == "angry"


@pytest.mark.parametrize("seed", range(40))
def test_every_path_of_a_random_flow_replays_exactly(seed):
    # Variants, flags and help that returns: the same seed, heard and actions say the same words.
    s, p, critical = random_flow(seed)
    for actions, session in brute_force(s, p, critical)[:200]:
        again = Session.replay(s, p, 0, actions, critical)
        assert again.transcript == session.transcript and again.said_variants == session.said_variants
        heard = session.heard_after()
        later = Session.replay(s, p, 0, actions, critical, heard)
        assert later.visited == session.visited and later.state == session.state  # the words vary, never the flow
        assert Session.replay(s, p, 0, actions, critical, heard).transcript == later.transcript
