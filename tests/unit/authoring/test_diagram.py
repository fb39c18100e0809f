"""`sim graph`: Mermaid and DOT checked line by line, hostile text escaped, and
SVG/PNG through Graphviz whether or not `dot` is installed."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from sim.authoring.diagram import build, dot_text, mermaid_text, to_dot, to_mermaid
from sim.cli.main import run
from sim.content.model import Scenario
from tests.conftest import ROOT
from tests.helpers import tool

SAMPLE_FILE = ROOT / "tests" / "data" / "sample" / "sample.yaml"

HOSTILE = 'He said "no" [twice] {x} <b>#1</b> & `code` | a;b \\N back\\slash\nsecond line \x1b[31mred'


def hostile_scenario() -> Scenario:
    return Scenario.model_validate(
        {
            "id": "hostile",
            "title": "T",
            "channel": "desk",
            "profile": "p",
            "briefing": "B",
            "goals": ["no-shaming"],
            "start": "end",  # `end` is a Mermaid keyword: ids must never be used raw
            "help": {"next": "graph", "principles": {"solution-focus": -1}},
            "shuffle": False,
            "nodes": {
                "end": {
                    "client": HOSTILE,
                    "time_limit": 20,
                    "timeout": {"next": "graph", "principles": {"no-shaming": -1}},
                    "choices": [
                        {"id": "a", "say": HOSTILE, "next": "subgraph", "principles": {"no-shaming": 2, "calm-presence": -1}},
                        {"id": "b", "say": "plain", "when": 'tension < 50 and not visited(end)', "next": "graph"},
                    ],
                },
                "subgraph": {"end": "resolved", "narration": HOSTILE},
                "graph": {"end": "escalated"},
            },
        }
    )


# Mermaid: node lines `  key<open>"label"<close>` and edge lines `  src arrow|"label"| dst`.
MERMAID_NODE = re.compile(r'^  (\w+)(\[|\(\(|\(\[|\{\{)"([^"]*)"(\]|\)\)|\]\)|\}\})$')
MERMAID_EDGE = re.compile(r'^  (\w+) (-->|-\.->|==>)(?:\|"([^"]*)"\|)? (\w+)$')
DOT_NODE = re.compile(r'^  (\w+) \[label="((?:[^"\\]|\\.)*)", (.*)\];$')
DOT_EDGE = re.compile(r'^  (\w+) -> (\w+)(?: \[(.*)\])?;$')


def parse_mermaid(text: str) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str, str, str]]]:
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    nodes: dict[str, tuple[str, str]] = {}
    edges: list[tuple[str, str, str, str]] = []
    for line in lines[1:]:
        if line.startswith(("  %%", "  classDef ", "  class ")):
            continue
        if m := MERMAID_NODE.match(line):
            nodes[m.group(1)] = (m.group(2), m.group(3))
        elif m := MERMAID_EDGE.match(line):
            edges.append((m.group(1), m.group(2), m.group(3) or "", m.group(4)))
        else:
            pytest.fail(f"not a Mermaid node or edge line: {line!r}")
    return nodes, edges


def parse_dot(text: str) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str, str]]]:
    lines = text.splitlines()
    assert lines[0].startswith('digraph "') and lines[-1] == "}"
    nodes: dict[str, tuple[str, str]] = {}
    edges: list[tuple[str, str, str]] = []
    for line in lines[1:-1]:
        if line.startswith(("  graph [", "  node [", "  edge [")):
            continue
        if m := DOT_EDGE.match(line):
            edges.append((m.group(1), m.group(2), m.group(3) or ""))
        elif m := DOT_NODE.match(line):
            nodes[m.group(1)] = (m.group(2), m.group(3))
        else:
            pytest.fail(f"not a DOT node or edge line: {line!r}")
    return nodes, edges


def test_mermaid_structure_of_the_sample(sample):
    nodes, edges = parse_mermaid(to_mermaid(build(sample)))
    labels = {v[1].split("<br/>")[0]: k for k, v in nodes.items()}
    assert set(labels) >= set(sample.nodes) | {"start", "call for help"}
    # Endings look different from ordinary nodes, and the help route is drawn once.
    assert nodes[labels["filed"]][0] == "(["
    assert nodes[labels["opening"]][0] == "["
    assert nodes[labels["call for help"]][0] == "{{"
    help_edges = [e for e in edges if e[0] == labels["call for help"]]
    assert [(e[1], e[3]) for e in help_edges] == [("==>", labels["colleague"])]
    # One edge per choice, numbered in authored order, with its deltas; the conditional one dashed.
    from_angry = [e for e in edges if e[0] == labels["angry"]]
    assert [e[2].split("<br/>")[0] for e in from_angry] == ["1", "2 if tension #lt; 100"]
    assert from_angry[0][1] == "-->" and from_angry[1][1] == "-.->"
    assert "+1 no-shaming" in from_angry[0][2] and "−1 no-shaming" in from_angry[1][2]
    choices = sum(len(n.choices) for n in sample.nodes.values())
    assert len(edges) == choices + 2  # plus start and help
    text = to_mermaid(build(sample))
    assert f"class {labels['filed']},{labels['colleague']} success" in text
    assert f"class {labels['incident']} ending" in text


def test_dot_structure_of_the_sample(sample):
    nodes, edges = parse_dot(to_dot(build(sample)))
    labels = {v[0].split("\\n")[0]: k for k, v in nodes.items()}
    assert set(labels) >= set(sample.nodes)
    assert "peripheries=2" in nodes[labels["filed"]][1] and "#e8f5e9" in nodes[labels["filed"]][1]
    assert "#ffebee" in nodes[labels["incident"]][1]
    assert "shape=hexagon" in nodes[labels["call for help"]][1]
    angry = [e for e in edges if e[0] == labels["angry"]]
    assert angry[0][2] == 'label="1\\n+1 no-shaming\\n+1 listen-acknowledge"'
    assert angry[1][2].startswith('label="2 if tension < 100') and "style=dashed" in angry[1][2]
    assert (labels["start"], labels["opening"], "") in edges


def test_hostile_text_cannot_break_or_inject_into_mermaid():
    text = to_mermaid(build(hostile_scenario(), text=True))
    nodes, edges = parse_mermaid(text)  # every line still parses
    assert "\x1b" not in text
    # Once the entity codes are taken out, nothing that means something to Mermaid is left.
    labels = [label for _, label in nodes.values()] + [edge[2] for edge in edges]
    for label in labels:
        bare = re.sub(r"#(\w+);", "", label.replace("<br/>", " "))
        assert not set(bare) & set('"<>&`|;#'), label
    # `end`, `graph` and `subgraph` are Mermaid keywords: the drawing uses its own keys.
    assert not any(k in ("end", "graph", "subgraph") for k in nodes)
    assert any(label.startswith("end<br/>") for _, label in nodes.values())
    timeout = [e for e in edges if e[2].startswith("timeout")]
    assert timeout and timeout[0][1] == "-.->"


def test_hostile_text_cannot_break_or_inject_into_dot():
    text = to_dot(build(hostile_scenario(), text=True))
    nodes, edges = parse_dot(text)
    assert "\x1b" not in text
    for label, _ in nodes.values():
        # Every quote and backslash inside a label is escaped.
        assert not re.search(r'(?<!\\)"', label)
        assert "\\N" not in label.replace("\\\\", "")
    assert any('\\"no\\"' in label for label, _ in nodes.values())
    assert len(edges) == 2 + 3  # start, help, two choices and the timeout
    assert any("style=dotted" in attrs for _, _, attrs in edges)


def test_escaping_functions():
    assert mermaid_text('a "b" #c <d>') == "a #quot;b#quot; #35;c #lt;d#gt;"
    assert mermaid_text("x\ny") == "x y"
    assert dot_text('a "b" \\N') == 'a \\"b\\" \\\\N'
    assert dot_text("x\ny") == "x y"


def test_cli_mermaid_and_dot_to_stdout_and_file(capsys, tmp_path):
    assert run(["graph", str(SAMPLE_FILE)]) == 0
    out = capsys.readouterr().out
    parse_mermaid(out)
    out_file = tmp_path / "g.dot"
    assert run(["graph", str(SAMPLE_FILE), "--format", "dot", "-o", str(out_file)]) == 0
    parse_dot(out_file.read_text(encoding="utf-8"))


def test_cli_text_option_shows_authored_words(capsys):
    assert run(["graph", str(SAMPLE_FILE), "--format", "dot", "--text"]) == 0
    out = capsys.readouterr().out
    assert "Third time here! Nobody does anything!" in out


@pytest.mark.parametrize("fmt, magic", [("svg", b"<svg"), ("png", b"\x89PNG")])
def test_cli_svg_and_png_with_graphviz(fmt, magic, tmp_path, capsys):
    tool("dot", "Graphviz (`dot`)")
    out_file = tmp_path / f"g.{fmt}"
    assert run(["graph", str(SAMPLE_FILE), "--format", fmt, "-o", str(out_file)]) == 0
    assert magic in out_file.read_bytes()[:400]


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_cli_without_graphviz_says_so_and_exits_2(fmt, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    code = run(["graph", str(SAMPLE_FILE), "--format", fmt, "-o", str(tmp_path / "x")])
    err = capsys.readouterr().err
    assert code == 2
    assert "Graphviz `dot` is not installed" in err and "hint:" in err and "--format mermaid" in err
    assert "Traceback" not in err
    assert not (tmp_path / "x").exists()


def test_cli_graph_of_a_missing_scenario_exits_2(capsys):
    assert run(["graph", "no-such-scenario-id"]) == 2
    assert "no scenario file or id" in capsys.readouterr().err


def test_graph_of_every_builtin_scenario_parses():
    from sim.content.library import load_library

    lib = load_library([], builtin_scenarios=True)
    for ls in lib.scenarios:
        for text in (True, False):
            g = build(ls.scenario, text=text, lang="fi")
            nodes, edges = parse_mermaid(to_mermaid(g))
            assert len(nodes) == len(ls.scenario.nodes) + 2
            dnodes, dedges = parse_dot(to_dot(g))
            assert len(dedges) == len(edges)


def test_graph_yaml_round_trip_of_hostile_ids_is_not_needed():
    # Node ids are restricted by the format (letters, digits, - and _), so they
    # need no escaping; this pins that assumption.
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Scenario.model_validate({**yaml.safe_load(SAMPLE_FILE.read_text(encoding="utf-8")), "start": 'a"b'})
