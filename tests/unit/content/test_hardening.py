"""Hostile input: links out of the folder, path-like references, random bytes
and random scenario graphs. Nothing may crash, escape or run."""

from __future__ import annotations

import string
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sim.authoring.analysis import analyze, verify
from sim.authoring.lint import lint
from sim.content.library import load_library
from sim.content.loader import validate
from sim.content.model import Scenario
from sim.content.problems import Problem
from sim.content.yamlsafe import YamlError, decode, parse
from sim.core.engine import Session
from sim.core.scoring import score
from tests.conftest import SAMPLE
from tests.helpers import write_scenario


def test_links_to_files_outside_the_folder_are_not_read(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("id: secret-profile\nroot:x:0:0: stolen\n", encoding="utf-8")
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "leak.yaml").symlink_to(outside / "secret.yaml")
    (folder / "dir").symlink_to(outside, target_is_directory=True)
    lib = load_library([folder])
    assert [(p.code, p.severity) for p in lib.problems] == [("outside-link", "warning")]
    assert all("stolen" not in p.message for p in lib.problems)
    assert lib.files == []


def test_a_profile_reference_cannot_be_a_path(tmp_path: Path):
    _, ls = write_scenario(tmp_path, {"a": {"end": "resolved"}, "helped": {"end": "help-called"}}, profile="../../etc/passwd", start="a")
    lib = load_library([tmp_path])
    [problem] = [p for p in lib.problems if p.severity == "error"]
    assert problem.code == "value" and "not a valid name" in problem.message
    assert problem.line == 4  # the `profile:` line of the dumped scenario


# --- random input to the loader ---------------------------------------------

yaml_ish = st.text(alphabet=string.printable + "äö€\u202e\x00\t", max_size=300)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_ish)
def test_random_text_gives_a_model_or_located_errors(text):
    try:
        doc = parse(text, "fuzz.yaml")
    except YamlError as exc:
        _located(exc.problem, text)
        return
    model, problems = validate(doc, Scenario)
    assert (model is None) == bool(problems)
    for p in problems:
        _located(p, text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_give_text_or_a_located_error(data):
    try:
        text = decode("fuzz.yaml", data)
    except YamlError as exc:
        _located(exc.problem, None)
        return
    try:
        parse(text, "fuzz.yaml")
    except YamlError as exc:
        _located(exc.problem, text)


def _located(p: Problem, text: str | None) -> None:
    assert p.path == "fuzz.yaml" and p.message
    assert p.line >= 1 and p.col >= 1
    if text is not None:
        # YAML breaks lines at \r too, as splitlines() does.
        assert p.line <= len(text.splitlines()) + 2


# --- random scenario graphs --------------------------------------------------

NODE = st.sampled_from([f"n{i}" for i in range(8)])
CONDITIONS = st.sampled_from([None, "tension < 60", "trust >= 40", "not visited(n2)", "tension > 30 and trust < 80", "turn < 3"])


@st.composite
def scenario_graph(draw):
    count = draw(st.integers(min_value=2, max_value=8))
    ids = [f"n{i}" for i in range(count)]
    nodes: dict[str, dict] = {}
    for nid in ids:
        if draw(st.booleans()) and nid != "n0":
            nodes[nid] = {"end": draw(st.sampled_from(["resolved", "client-left", "escalated", "unresolved"]))}
            continue
        choices = []
        for k in range(draw(st.integers(min_value=0, max_value=3))):
            choice = {
                "id": f"c{k}",
                "say": f"say {k}",
                "next": draw(st.sampled_from(ids)),
                "effects": {"tension": draw(st.integers(-40, 40)), "trust": draw(st.integers(-40, 40))},
                "principles": {draw(st.sampled_from(["listen-acknowledge", "no-shaming"])): draw(st.integers(-3, 3))},
                "feedback": "f",
            }
            condition = draw(CONDITIONS)
            if condition:
                choice["when"] = condition.replace("n2", draw(st.sampled_from(ids)))
            choices.append(choice)
        node: dict = {"client": f"line {nid}", "choices": choices}
        if draw(st.booleans()):
            node["time_limit"] = 10
            node["timeout"] = {"next": draw(st.sampled_from(ids)), "effects": {"tension": 10}}
        nodes[nid] = node
    nodes["helped"] = {"end": "help-called"}
    return nodes, draw(st.integers(0, 2**16)), draw(st.lists(st.integers(0, 4), max_size=25))


# The slowest of 3,000 random graphs: tension × trust × turn make one looped
# component of some 23,000 states, and the analysis' Bellman-Ford used to run
# states + 1 rounds over it for every loop Dinkelbach's method had to find
# (26 minutes on a 2-core machine). Now about two seconds.
SLOW_LOOPED_GRAPH: dict = {
    "n0": {
        "client": "line n0",
        "choices": [
            {"id": "c0", "say": "say 0", "next": "n3", "effects": {"tension": -39, "trust": 22},
             "principles": {"listen-acknowledge": 0}, "feedback": "f", "when": "tension > 30 and trust < 80"},
        ],
        "time_limit": 10,
        "timeout": {"next": "n0", "effects": {"tension": 10}},
    },
    "n1": {"client": "line n1", "choices": [], "time_limit": 10, "timeout": {"next": "n1", "effects": {"tension": 10}}},
    "n2": {
        "client": "line n2",
        "choices": [
            {"id": "c0", "say": "say 0", "next": "n3", "effects": {"tension": -27, "trust": 1},
             "principles": {"listen-acknowledge": -2}, "feedback": "f", "when": "turn < 3"},
            {"id": "c1", "say": "say 1", "next": "n3", "effects": {"tension": 22, "trust": 0},
             "principles": {"listen-acknowledge": 3}, "feedback": "f"},
            {"id": "c2", "say": "say 2", "next": "n0", "effects": {"tension": -31, "trust": -38},
             "principles": {"listen-acknowledge": -3}, "feedback": "f", "when": "trust >= 40"},
        ],
        "time_limit": 10,
        "timeout": {"next": "n2", "effects": {"tension": 10}},
    },
    "n3": {
        "client": "line n3",
        "choices": [
            {"id": "c0", "say": "say 0", "next": "n0", "effects": {"tension": -8, "trust": -11},
             "principles": {"no-shaming": -1}, "feedback": "f"},
        ],
        "time_limit": 10,
        "timeout": {"next": "n2", "effects": {"tension": 10}},
    },
    "helped": {"end": "help-called"},
}


# Random examples, different on every run. The deadline leaves a loaded 2-core
# machine ample room (the slowest graph above takes a few seconds) and still
# catches an analysis that takes minutes again.
@settings(max_examples=100, deadline=timedelta(seconds=60), suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(scenario_graph())
@example((SLOW_LOOPED_GRAPH, 0, [2, 0, 1, 3, 0, 2]))
def test_random_graphs_lint_and_play_without_invalid_states(tmp_path_factory, graph):
    nodes, seed, picks = graph
    folder = tmp_path_factory.mktemp("g")
    lib, ls = write_scenario(folder, nodes, start="n0", goals=["listen-acknowledge", "no-shaming"])
    assert ls is not None, [p.format() for p in lib.problems]
    lint(ls, lib)  # must not raise, whatever the graph
    analysis = analyze(ls.scenario, lib.profile_for(ls.scenario))
    assert verify(analysis) == []  # every path it reports replays to its numbers
    session = Session(ls.scenario, lib.profile_for(ls.scenario), seed=seed)
    for pick in picks:
        if session.ended:
            break
        actions = len(session.options) + 1 + (session.time_limit is not None)
        k = pick % actions
        if k < len(session.options):
            session.choose(k + 1)
        elif k == len(session.options):
            session.call_for_help()
        else:
            session.timeout()
        assert 0 <= session.state["tension"] <= 100 and 0 <= session.state["trust"] <= 100
        assert session.node_id in ls.scenario.nodes
    result = score(session)
    for ps in result.principles:
        assert ps.score is None or 0 <= ps.score <= 100
    replay = Session.replay(ls.scenario, lib.profile_for(ls.scenario), seed, session.actions)
    assert replay.state == session.state and replay.node_id == session.node_id


def test_sample_yaml_round_trips_through_safe_dump():
    # The helper that writes test scenarios must produce what our loader reads.
    data = yaml.safe_load((SAMPLE / "sample.yaml").read_text(encoding="utf-8"))
    assert data["id"] == "sample"


def test_hidden_folders_are_not_searched(tmp_path: Path):
    (tmp_path / ".venv" / "lib").mkdir(parents=True)
    (tmp_path / ".venv" / "lib" / "junk.yaml").write_text("not: [a scenario", encoding="utf-8")
    lib = load_library([tmp_path])
    assert lib.files == [] and lib.problems == []


def test_all_digit_choice_ids_are_refused(tmp_path: Path):
    nodes = {
        "opening": {"choices": [{"id": "2", "say": "x", "next": "done", "feedback": "f"}]},
        "done": {"end": "resolved"},
        "helped": {"end": "help-called"},
    }
    lib, ls = write_scenario(tmp_path, nodes)
    assert ls is None
    [problem] = lib.problems
    assert "only digits" in problem.message and problem.severity == "error"


HOSTILE = "[red]red[/red] [link=https://evil.example]x[/link] \x1b[2J\x1b]52;c;cHduZWQ=\x07 \x1b]8;;https://e.x\x07link\x1b]8;;\x07 \u202eevil\u202c zero\u200bwidth"


def test_walk_shows_hostile_authored_text_literally(tmp_path: Path, capsys):
    from sim.cli.main import run

    nodes = {
        "opening": {"client": HOSTILE, "choices": [{"id": "a", "say": HOSTILE, "next": "done", "feedback": HOSTILE, "principles": {"listen-acknowledge": 1}}]},
        "done": {"end": "resolved", "narration": HOSTILE},
        "helped": {"end": "help-called"},
    }
    lib, ls = write_scenario(tmp_path, nodes, title=HOSTILE)
    assert run(["walk", str(ls.path), "--choices", "a"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\u200b" not in out
    assert "[red]red[/red]" in out and "[link=https://evil.example]x[/link]" in out
    assert "␛[2J" in out and "␛]52;c;cHduZWQ=␇" in out
    assert "zerowidth" in out and "evil" in out


def test_a_100_mb_file_is_refused_before_it_is_read(tmp_path: Path, capsys):
    import resource

    from sim.cli.main import run

    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: costs no disk
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    read_before = _bytes_read()
    assert run(["validate", str(huge)]) == 1
    read = _bytes_read() - read_before
    out = capsys.readouterr().out
    assert "file is too large (104,857,600 bytes" in out and "hint:" in out
    # Refused from its size, not after reading it: counted in bytes, not seconds.
    assert read < 1024 * 1024
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50 * 1024  # KiB on Linux


def _bytes_read() -> int:
    """Bytes this process has read through system calls (Linux's rchar)."""
    io = Path("/proc/self/io")
    if not io.exists():
        pytest.skip("needs /proc/self/io (Linux) to count the bytes read")
    for line in io.read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")
