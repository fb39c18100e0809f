"""The other questions: how many paths, which loops, which choices are
never taken, which nodes change nothing, where the client becomes a threat."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from sim.authoring.analysis.context import _Context
from sim.authoring.analysis.longest import _follow, _longest
from sim.authoring.analysis.reach import _bits
from sim.authoring.analysis.results import (
    NEG,
    AnalysisError,
    Coverage,
    Idle,
    Loop,
    ThreatNode,
)
from sim.authoring.analysis.shape import _Shape
from sim.authoring.statespace import (
    HELPED,
    StateGraph,
)
from sim.content.model import Scenario
from sim.core.engine import CALL_HELP

# --------------------------------------------------------------------------
# The other questions


def _counts(g: StateGraph, shape: _Shape, skip: Sequence[bool] | None = None) -> list[int | None]:
    """Number of paths from the start to every state (None: infinitely many).

    `skip` leaves edges out; `shape` must have been computed without them.
    """
    fwd: list[int | None] = [0] * g.size
    fwd[0] = 1
    first, dst, comp = g.first, g.dst, shape.comp
    if shape.acyclic:
        # No loops once `skip` is left out (loops only through the help key, say): `order` is empty, `flat` is the order.
        for s in reversed(shape.flat):  # sources first
            c = fwd[s]
            if not c:
                continue
            for k in range(first[s], first[s + 1]):
                if skip is None or not skip[k]:
                    t = dst[k]
                    cur = fwd[t]
                    fwd[t] = None if c is None or cur is None else cur + c
        return fwd
    for ci in range(len(shape.order) - 1, -1, -1):  # sources first
        members = shape.order[ci]
        if shape.cyclic[ci] and any(fwd[s] != 0 for s in members):
            for s in members:
                fwd[s] = None  # reached, and round the loop as often as you like
        for s in members:
            c = fwd[s]
            if c == 0:
                continue
            for k in range(first[s], first[s + 1]):
                if skip is not None and skip[k]:
                    continue
                t = dst[k]
                if comp[t] == ci:
                    continue  # inside a loop: already infinite
                cur = fwd[t]
                fwd[t] = None if c is None or cur is None else cur + c
    return fwd


def _counts_dag(g: StateGraph, shape: _Shape, skip: Sequence[bool]) -> tuple[list[int], list[int]]:
    """Both counts of `_counts` (all edges, and without `skip`) in one pass, for a graph without loops."""
    n = g.size
    every = [0] * n
    some = [0] * n
    every[0] = some[0] = 1
    first, dst = g.first, g.dst
    for s in reversed(shape.flat):  # sources first
        c, d = every[s], some[s]
        if not c:
            continue
        for k in range(first[s], first[s + 1]):
            t = dst[k]
            every[t] += c
            if d and not skip[k]:
                some[t] += d
    return every, some


def _loops(cx: _Context) -> list[Loop]:
    g, shape = cx.g, cx.shape
    out: list[Loop] = []
    seen: set[tuple[str, ...]] = set()
    for ci, members in enumerate(shape.order):
        if not shape.cyclic[ci] or not any(cx.coreachable(s) for s in members):
            continue
        cycle = _a_cycle(g, shape, cx.src, ci, members)
        nodes = tuple(g.node_id(cx.src[k]) for k in cycle)
        # The same loop at other tensions is the same loop to an author.
        key = tuple(sorted(set(nodes)))
        if key not in seen:
            seen.add(key)
            out.append(Loop(nodes, tuple(g.action[k] for k in cycle)))
    out.sort(key=lambda lp: (len(lp.nodes), lp.nodes))
    return out


def _a_cycle(g: StateGraph, shape: _Shape, src: list[int], ci: int, members: list[int]) -> list[int]:
    # Breadth first from one member back to itself, inside the component: a shortest loop.
    start = members[0]
    parent: dict[int, int] = {}
    queue = deque([start])
    while queue:
        s = queue.popleft()
        for k in range(g.first[s], g.first[s + 1]):
            t = g.dst[k]
            if shape.comp[t] != ci:
                continue
            if t == start:
                edges = [k]
                while s != start:
                    kk = parent[s]
                    edges.append(kk)
                    s = src[kk]
                edges.reverse()
                return edges
            if t not in parent:
                parent[t] = k
                queue.append(t)
    raise AnalysisError("internal error: a loop could not be traced")


def _longest_simple(cx: _Context) -> list[int] | None:
    """The longest path that never comes back to a state: loops' closing steps left out."""
    g = cx.g
    if cx.shape.acyclic:
        ones = [1] * g.edges
        lengths, _ = _longest(g, cx.shape, ones, 1)
        return None if lengths[0] == NEG else _follow(g, lengths, None, ones)
    # Depth first from the start; an edge back to a state on the current way is dropped.
    colour = [0] * g.size  # 0 new, 1 on the way, 2 done
    back = [False] * g.edges
    colour[0] = 1
    stack = [(0, g.first[0])]
    post: list[int] = []
    while stack:
        s, k = stack[-1]
        if k < g.first[s + 1]:
            stack[-1] = (s, k + 1)
            t = g.dst[k]
            if colour[t] == 1:
                back[k] = True
            elif colour[t] == 0:
                colour[t] = 1
                stack.append((t, g.first[t]))
            continue
        colour[s] = 2
        post.append(s)
        stack.pop()
    val: list[float] = [NEG] * g.size
    succ = [-1] * g.size
    for s in post:  # postorder: every kept successor is done before s
        if g.ended[s]:
            val[s] = 0
            continue
        for k in range(g.first[s], g.first[s + 1]):
            v = val[g.dst[k]]
            if not back[k] and v != NEG and v + 1 > val[s]:
                val[s], succ[s] = v + 1, k
    return None if val[0] == NEG else _follow(g, val, succ, None)


def _coverage(cx: _Context) -> list[Coverage]:
    g = cx.g
    alone_under_threat = any(g.threat[cx.src[k]] and not g.helped[cx.src[k]] and not g.flags[k] & HELPED for k in range(g.edges))
    out = []
    # Goals scored on a move that can still reach an ending (edges in order:
    # the first few usually answer for every goal).
    wanted = 0
    for p in cx.goals:
        wanted |= 1 << p
    found = 0
    _bits(cx)
    per_edge = cx.tested
    assert per_edge is not None
    dst = g.dst
    for k, bits in enumerate(per_edge):
        if bits & wanted & ~found and cx.coreachable(dst[k]):
            found |= bits
            if not wanted & ~found:
                break
    for p in cx.goals:
        pid = g.principles[p]
        signs = g.signs.get(pid, set())
        tested = bool(found >> p & 1)
        bad = -1 in signs or (pid == CALL_HELP and alone_under_threat)
        out.append(Coverage(pid, tested, 1 in signs, bad))
    return out


def _idle(g: StateGraph, scenario: Scenario) -> tuple[list[Idle], list[tuple[str, str]]]:
    idle: list[Idle] = []
    never: list[tuple[str, str]] = []
    reached = set(g.node)
    for n, nid in enumerate(g.node_ids):
        node = scenario.nodes[nid]
        if n not in reached or not node.choices:
            continue
        offered = [i for i in range(len(node.choices)) if (n, i) in g.offered]
        never += [(nid, node.choices[i].id or "") for i in range(len(node.choices)) if i not in offered]
        groups: dict[tuple[str, tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]], list[int]] = {}
        for i in offered:
            c = node.choices[i]
            # A conditional `next` as text: its entries, in order, with their conditions.
            nxt = c.next if isinstance(c.next, str) else ", ".join(r.to if r.when is None else f"{r.to} if {r.when}" for r in c.next)
            # Effects and what `set:` records (a flag the client remembers is an outcome too).
            changes = tuple(sorted(c.effects.items())) + tuple(sorted((f"{var}=", int(v)) for var, v in c.set.items()))
            outcome = (nxt, changes, tuple(sorted((p, d) for p, d in c.principles.items() if d)))
            groups.setdefault(outcome, []).append(i)
        if len(offered) > 1 and len(groups) == 1:
            ((outcome, members),) = groups.items()
            idle.append(Idle(nid, "all-same", tuple(node.choices[i].id or "" for i in members), outcome[0]))
            continue
        for outcome, members in groups.items():
            if len(members) > 1:
                idle.append(Idle(nid, "same-as", tuple(node.choices[i].id or "" for i in members), outcome[0]))
    return idle, never


def _threat(cx: _Context) -> list[ThreatNode]:
    g = cx.g
    lowest: dict[int, int] = {}
    highest: dict[int, int] = {}
    first_state: dict[int, int] = {}  # states are numbered breadth first: the first is nearest the start
    node, tension, ended = g.node, g.tension, g.ended
    for s in (s for s, threat in enumerate(g.threat) if threat and not ended[s]):
        n, t = node[s], tension[s]
        if n not in first_state:
            first_state[n], lowest[n], highest[n] = s, t, t
        elif t < lowest[n]:
            lowest[n] = t
        elif t > highest[n]:
            highest[n] = t
    order = sorted(first_state, key=first_state.__getitem__)
    return [ThreatNode(g.node_ids[n], (lowest[n], highest[n]), cx.way_to(first_state[n])) for n in order]
