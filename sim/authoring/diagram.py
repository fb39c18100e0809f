"""A scenario as a picture: Mermaid and Graphviz DOT text for `sim graph`.

Nodes keep their authored ids; endings, the help route and the start look
different from ordinary nodes; every edge is labelled with the choice's number
in authored order and its principle deltas, and a conditional edge is dashed
and says its condition. Authored text goes through `sim.text.clean` and then
the target language's own escaping, so a quote, bracket, `#`, backslash or
newline in a scenario can never break (or inject into) the drawing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from sim.content.model import Outcome, Route, Said, Scenario, Varied, first_words, targets
from sim.text import clean, localize

EXCERPT = 40  # characters of authored text shown on a node or edge with --text

NodeKind = Literal["node", "start", "success", "ending", "help"]
EdgeKind = Literal["choice", "conditional", "timeout", "help"]


@dataclass(frozen=True, slots=True)
class GNode:
    key: str  # the id used in the drawing: n0, n1, … (authored ids may be keywords there)
    lines: tuple[str, ...]
    kind: NodeKind


@dataclass(frozen=True, slots=True)
class GEdge:
    src: str
    dst: str
    lines: tuple[str, ...]
    kind: EdgeKind


@dataclass(slots=True)
class Graph:
    name: str
    nodes: list[GNode] = field(default_factory=list)
    edges: list[GEdge] = field(default_factory=list)


def _excerpt(text: str) -> str:
    flat = " ".join(clean(text).split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1].rstrip() + "…"


def _deltas(principles: Mapping[str, int]) -> list[str]:
    # "+2 listen-acknowledge", "−1 no-shaming": the sign first, so it reads at a glance.
    return [f"{'+' if d > 0 else '−'}{abs(d)} {p}" for p, d in principles.items() if d]


def build(scenario: Scenario, *, text: bool = False, lang: str | None = None) -> Graph:
    lang = lang or scenario.language
    keys = {nid: f"n{i}" for i, nid in enumerate(scenario.nodes)}
    g = Graph(scenario.id)
    g.nodes.append(GNode("start_", ("start",), "start"))
    help_targets = targets(scenario.help.next)
    for nid, node in scenario.nodes.items():
        lines = [nid]
        if node.end is not None:
            lines.append(f"end: {node.end.value}")
        if text:
            first = node.client[0] if node.client else None
            words = first_words(first) if first is not None else first_words(node.narration)
            if words is not None:
                quote = f"“{_excerpt(localize(words, lang, scenario.language))}”"
                if isinstance(first, (Said, Varied)) and first.speaker in scenario.speakers:
                    quote = f"{_excerpt(localize(scenario.speakers[first.speaker].name, lang, scenario.language))}: {quote}"
                lines.append(quote)
        if node.end is not None:
            node_kind: NodeKind = "success" if node.end.success else "ending"
        elif nid in help_targets:
            node_kind = "help"
        else:
            node_kind = "node"
        g.nodes.append(GNode(keys[nid], tuple(lines), node_kind))
    # Help that comes and goes comes once, and leads back to where it was called.
    when = "(once, then back)" if scenario.help.return_ else "(any time)"
    g.nodes.append(GNode("help_", ("call for help", when), "help"))
    g.edges.append(GEdge("start_", keys[scenario.start], (), "choice"))
    # Calling under threat always earns call-help-early; the authored deltas count only when it was not needed.
    help_lines = ["+2 call-help-early if a threat", *(f"{d} if calm" for d in _deltas(scenario.help.principles))]

    def routed(src: str, nxt: str | tuple[Route, ...], lines: Sequence[str], kind: EdgeKind) -> None:
        # A conditional `next`: one edge per entry, labelled with its condition.
        if isinstance(nxt, str):
            g.edges.append(GEdge(src, keys[nxt], tuple(lines), kind))
            return
        for entry in nxt:
            cond = "otherwise" if entry.when is None else f"then if {' '.join(clean(entry.when).split())}"
            g.edges.append(GEdge(src, keys[entry.to], (*lines, cond), kind if entry.when is None else "conditional"))

    routed("help_", scenario.help.next, help_lines, "help")
    if scenario.help.return_ and isinstance(scenario.help.next, str):
        g.edges.append(GEdge(keys[scenario.help.next], "help_", ("back where help was called",), "help"))

    for nid, node in scenario.nodes.items():
        for number, choice in enumerate(node.choices, start=1):
            lines = [str(number)]
            if choice.when is not None:
                lines[0] += f" if {' '.join(clean(choice.when).split())}"
            if text:
                lines.append(f"“{_excerpt(localize(choice.say, lang, scenario.language))}”")
            lines += _deltas(choice.principles)
            edge_kind: EdgeKind = "conditional" if choice.when is not None else "choice"
            routed(keys[nid], choice.next, lines, edge_kind)
        if node.timeout is not None:
            t: Outcome = node.timeout
            seconds = f"timeout ({node.time_limit} s)" if node.time_limit else "timeout"
            routed(keys[nid], t.next, (seconds, *_deltas(t.principles)), "timeout")
        if node.next is not None and node.is_step:
            routed(keys[nid], node.next, [], "choice")
    return g


# --------------------------------------------------------------------------
# Mermaid

# Mermaid reads entity codes inside quoted labels; everything that could end
# the label, start markup or an entity becomes one. `#` comes first in spirit:
# the table maps each character once, so codes are never escaped twice.
_MERMAID = str.maketrans(
    {
        "#": "#35;",
        '"': "#quot;",
        "<": "#lt;",
        ">": "#gt;",
        "&": "#amp;",
        "`": "#96;",
        "|": "#124;",
        ";": "#59;",
        "\n": " ",
        "\r": " ",
    }
)

_MERMAID_SHAPES: dict[NodeKind, tuple[str, str]] = {
    "node": ('["', '"]'),
    "start": ('(("', '"))'),
    "success": ('(["', '"])'),
    "ending": ('(["', '"])'),
    "help": ('{{"', '"}}'),
}
_MERMAID_ARROWS: dict[EdgeKind, str] = {"choice": "-->", "conditional": "-.->", "timeout": "-.->", "help": "==>"}


def mermaid_text(line: str) -> str:
    return line.translate(_MERMAID)


def to_mermaid(g: Graph) -> str:
    out = ["flowchart TD", f"  %% scenario {mermaid_text(g.name)}"]
    for n in g.nodes:
        left, right = _MERMAID_SHAPES[n.kind]
        label = "<br/>".join(mermaid_text(line) for line in n.lines)
        out.append(f"  {n.key}{left}{label}{right}")
    for e in g.edges:
        arrow = _MERMAID_ARROWS[e.kind]
        if e.lines:
            label = "<br/>".join(mermaid_text(line) for line in e.lines)
            out.append(f'  {e.src} {arrow}|"{label}"| {e.dst}')
        else:
            out.append(f"  {e.src} {arrow} {e.dst}")
    out += [
        "  classDef start fill:#333,stroke:#333,color:#fff",
        "  classDef success fill:#e8f5e9,stroke:#2e7d32,stroke-width:2px",
        "  classDef ending fill:#ffebee,stroke:#c62828,stroke-width:2px",
        "  classDef help fill:#fff8e1,stroke:#f9a825,stroke-width:2px",
    ]
    for kind in ("start", "success", "ending", "help"):
        members = [n.key for n in g.nodes if n.kind == kind]
        if members:
            out.append(f"  class {','.join(members)} {kind}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Graphviz DOT


def dot_text(line: str) -> str:
    """A DOT double-quoted string's contents: backslashes and quotes escaped, no raw line breaks.

    A backslash must be doubled: DOT gives `\\N`, `\\G`, `\\l` and friends
    meanings inside labels.
    """
    return line.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")


_DOT_NODES: dict[NodeKind, str] = {
    "node": 'shape=box, style="rounded"',
    "start": 'shape=circle, style=filled, fillcolor="#333333", fontcolor=white, width=0.3',
    "success": 'shape=box, style="rounded,filled,bold", fillcolor="#e8f5e9", color="#2e7d32", peripheries=2',
    "ending": 'shape=box, style="rounded,filled,bold", fillcolor="#ffebee", color="#c62828", peripheries=2',
    "help": 'shape=hexagon, style=filled, fillcolor="#fff8e1", color="#f9a825"',
}
_DOT_EDGES: dict[EdgeKind, str] = {
    "choice": "",
    "conditional": "style=dashed",
    "timeout": 'style=dotted, color="#666666"',
    "help": 'style=bold, color="#f9a825"',
}


def to_dot(g: Graph) -> str:
    out = [
        f'digraph "{dot_text(g.name)}" {{',
        '  graph [rankdir=TB, fontname="Helvetica"];',
        '  node [fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for n in g.nodes:
        label = "\\n".join(dot_text(line) for line in n.lines)
        out.append(f'  {n.key} [label="{label}", {_DOT_NODES[n.kind]}];')
    for e in g.edges:
        attrs = []
        if e.lines:
            attrs.append('label="' + "\\n".join(dot_text(line) for line in e.lines) + '"')
        if _DOT_EDGES[e.kind]:
            attrs.append(_DOT_EDGES[e.kind])
        suffix = f" [{', '.join(attrs)}]" if attrs else ""
        out.append(f"  {e.src} -> {e.dst}{suffix};")
    out.append("}")
    return "\n".join(out) + "\n"
