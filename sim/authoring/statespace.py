"""Every situation a scenario can be in, as a graph: the ground the analysis stands on.

The engine's state is (node, tension, trust, extra variables, turn, visited
nodes, threat counter, help called, threat seen, critical misses). Most of it
never changes what happens next, so a state here keeps only what something
still reads:

- tension, always and exactly (0–100): the threat threshold reads it on
  every turn, and the persona's volatility and recovery make its arithmetic
  non-linear, so no coarser bucketing is exact;
- other variables and `turn` only while a condition that reads them can
  still come (liveness over the node graph), `turn` saturated just above the
  largest number a condition compares it with, so loops stay finite;
- `visited(x)` only while a condition naming `x` can still come;
- at an ending, only the node (and, at an `escalated` one, whether the
  client arrived as a threat).

Two engine states with the same key offer the same options with the same
scores from then on, so counts, paths and per-principle scores computed on
this graph are exact for the engine. Critical misses depend on the whole
history (threat counter, help called), not on the key, so they are
recomputed exactly along any concrete path (`critical_miss`).

A conditional `next` and the narration steps a move passes through are
resolved inside the move, on the values after its effects (`resolve`): a
step is never a state, and the steps passed add their `visited` bits.

The transition below mirrors `sim.core.engine.Session`; the tests replay paths
through the engine to keep the two in step.
"""

from __future__ import annotations

import functools
import math
import operator
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from sim.content import conditions
from sim.content.model import Node, Profile, Route, Scenario, routes
from sim.content.model import targets as targets_of
from sim.core import judgement
from sim.core.engine import CALL_HELP, HELP, TIMEOUT, clamp, round_half_up
from sim.core.judgement import Threat

# The exploration's own structures (the graph, the index of the states seen,
# the queue and the cache of moves) stay within MEMORY_BOUND bytes as Python
# counts them (tracemalloc). A state costs BYTES_PER_STATE plus, for each value
# it keeps, a pointer and the number itself when it is too big to be shared; a
# move costs BYTES_PER_MOVE in the graph and, the first time it is worked out,
# BYTES_PER_CACHED_MOVE in the cache. Measured with tracemalloc on the built-in
# scenarios, the generated 10,000-node one and files made to explode
# (tests/unit/authoring/test_statespace_bound.py keeps the figures honest).
# A real scenario has a few hundred states per ten nodes.
MEMORY_BOUND = 500_000_000
BYTES_PER_STATE = 320
BYTES_PER_VALUE = 8
BYTES_PER_MOVE = 40
BYTES_PER_CACHED_MOVE = 400
# The tables made from the scenario before the first state: per node, per
# choice and per character of each different condition (compiled once).
BYTES_PER_NODE = 1_500
BYTES_PER_CHOICE = 200
BYTES_PER_CONDITION_CHAR = 50
MAX_STATES = MEMORY_BOUND // (BYTES_PER_STATE + BYTES_PER_VALUE)  # a state with tension alone and no moves
# Growth is extrapolated once this many states are known, at the end of each
# breadth-first level (`projected`): the file of the review that took 1.4 GB is
# refused after 4,127 states, in a fraction of a second. An explosion the
# estimate does not see stops at MEMORY_BOUND.
PROBE_STATES = 4_000
WALK_STEPS = 256  # the longest walk that looks for how far a value can be pushed

Evidence = tuple[tuple[int, int, int], ...]  # (principle index, earned, possible) with possible > 0
Check = Callable[[tuple[int, ...], int], bool]
# In `explore`: a state's identity, flat: (node, visited bits, *values); at an
# ending only the node, and for an `escalated` one whether the client is a threat.
StateKey = tuple[int, ...]
# In `explore`: what a move does (action, target, tension row, variable updates,
# evidence, flags, end kind, and the target's visited bit, live bits and dead slots).
# A conditional `next` or one into a narration step: (condition, target) entries, resolved
# per state after the move's effects (the move's target is then -1); otherwise None.
Router = tuple[tuple[Check | None, int], ...]
Move = tuple[str, int, list[int], tuple[tuple[int, int, int, int], ...], Evidence, int, int, int, int, tuple[int, ...], Router | None]

HELPED, CRITICAL = 1, 2  # edge flags: the move calls for help / lowers a critical principle


class TooLarge(Exception):
    """The scenario has more reachable states than the analysis will explore.

    `variables` are the values that multiply the states, as (name, lowest,
    highest) seen so far, the widest first; `nodes` the nodes with the most
    states, as (node id, states); `visited` the nodes whose visits are
    remembered when their combinations multiply the states too.
    """

    def __init__(
        self,
        message: str,
        *,
        variables: Sequence[tuple[str, int, int]] = (),
        nodes: Sequence[tuple[str, int]] = (),
        visited: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.variables = tuple(variables)
        self.nodes = tuple(nodes)
        self.visited = tuple(visited)

    @property
    def hint(self) -> str:
        if self.variables:
            names = ", ".join(f"`{name}`" for name, _, _ in self.variables[:3])
            return (
                f"clamp {names} with `min:` and `max:` to the values your conditions need, or change them in fewer, larger steps;"
                " every variable and `visited(...)` a condition reads multiplies the states"
            )
        return "conditions on many variables and `visited(...)` multiply the states; split the scenario, or read fewer variables in conditions"


@dataclass(frozen=True, slots=True)
class Abstraction:
    """What of the engine state the graph keeps (see the module docstring)."""

    variables: tuple[str, ...]  # read by conditions, in value-slot order after tension
    turn_cap: int | None  # `turn` is kept, saturated at this value, when a condition reads it
    visited: tuple[str, ...]  # nodes named by `visited(...)`

    def describe(self) -> str:
        """What a state holds besides its node, in words: `tension, understanding, visited(apology)`."""
        parts = ["tension", *self.variables]
        if self.turn_cap is not None:
            parts.append(f"turn (counted up to {self.turn_cap})")
        if len(self.visited) <= 6:
            parts += [f"visited({v})" for v in self.visited]
        else:
            parts.append(f"which of {len(self.visited)} nodes were visited")
        return ", ".join(parts)


@dataclass(slots=True)
class StateGraph:
    """States in breadth-first order from the start (state 0), edges in CSR form.

    `first[s]:first[s+1]` are the edges of state `s`; an edge `k` goes to
    `dst[k]` by `action[k]` (a choice id, `help` or `timeout`) and scores
    `evidence[k]`. `parent[s]` is the edge that first reached `s`, so
    following parents gives a shortest way to every state.
    """

    scenario: Scenario
    profile: Profile
    critical: frozenset[str]
    abstraction: Abstraction
    principles: tuple[str, ...]
    node_ids: tuple[str, ...]
    escalated: tuple[bool, ...]  # per node: an `escalated` ending
    node: list[int] = field(default_factory=list)
    tension: list[int] = field(default_factory=list)  # exact, but at an ending only the first one seen
    threat: list[bool] = field(default_factory=list)  # the client is a threat here (at an ending: on arrival)
    helped: list[bool] = field(default_factory=list)  # help has been called on the way here (not kept at endings)
    ended: list[bool] = field(default_factory=list)
    first: list[int] = field(default_factory=lambda: [0])
    dst: list[int] = field(default_factory=list)
    action: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    flags: list[int] = field(default_factory=list)  # HELPED | CRITICAL
    # Machine integers, not a list of int objects: a state's parent and depth are read rarely.
    parent: array[int] = field(default_factory=lambda: array("q"))
    depth: array[int] = field(default_factory=lambda: array("q"))  # turns of a shortest way from the start
    # What was seen on the way, for the coverage and idle-choice questions.
    offered: set[tuple[int, int]] = field(default_factory=set)  # (node index, choice index)
    signs: dict[str, set[int]] = field(default_factory=dict)  # principle -> {+1, -1} of deltas on moves
    stepped: set[int] = field(default_factory=set)  # narration steps some move passes through (never a state)
    _src: list[int] | None = None

    @property
    def size(self) -> int:
        return len(self.node)

    @property
    def edges(self) -> int:
        return len(self.dst)

    def node_id(self, s: int) -> str:
        return self.node_ids[self.node[s]]

    def src(self) -> list[int]:
        if self._src is None or len(self._src) != len(self.dst):
            out: list[int] = []
            first = self.first
            for s in range(len(self.node)):
                out += [s] * (first[s + 1] - first[s])
            self._src = out
        return self._src

    def way_to(self, s: int) -> list[int]:
        """The edges of a shortest path from the start to `s`."""
        src = self.src()
        edges: list[int] = []
        while s != 0:
            k = self.parent[s]
            if k < 0 or len(edges) > len(self.node):
                raise ValueError(f"state {s} has no recorded way from the start")
            edges.append(k)
            s = src[k]
        edges.reverse()
        return edges

    def critical_miss(self, edges: Sequence[int]) -> bool:
        """Whether the engine records a critical miss on this path from the start.

        Mirrors `Session._apply`: the counter of turns alone under threat, the
        call for help that resets it, critical principles lowered, and an
        escalation without any call for help after a threat was seen.
        """
        turns = self.scenario.threat_turns
        alone, helped, seen = 0, False, self.threat[0]
        s = 0
        for k in edges:
            f = self.flags[k]
            if f & HELPED:
                alone, helped = 0, True
            elif self.threat[s] and not helped:
                alone += 1
                if alone == turns:
                    return True
            if f & CRITICAL:
                return True
            s = self.dst[k]
            seen = seen or (self.threat[s] and not self.ended[s])  # at an ending there is no turn to call (engine: _enter)
            if self.ended[s] and self.escalated[self.node[s]] and seen and not helped:
                return True
        return False


def abstraction_for(scenario: Scenario) -> Abstraction:
    variables: list[str] = []
    visited: list[str] = []
    turn_max: int | None = None
    for text in scenario.conditions():
        expr = conditions.parse(text)
        for kind, name in _names(expr):
            if kind == "node":
                if name not in visited:
                    visited.append(name)
            elif name == "turn":
                for value in _turn_values(expr):
                    turn_max = value if turn_max is None else max(turn_max, value)
            elif name != "tension" and name not in variables:
                variables.append(name)
    # Any `turn op c` reads the same for every turn above max(c), so counting
    # stops one past it and loops stay finite.
    turn_cap = None if turn_max is None else max(turn_max, 0) + 1
    return Abstraction(tuple(variables), turn_cap, tuple(visited))


def _names(expr: conditions.Expr) -> list[tuple[str, str]]:
    """("var", name) and ("node", node id) of what a condition reads: `conditions.references`
    without the offsets, and without its self-referencing closure, which the
    analysis (cyclic collector off) would leak on every call."""
    out: list[tuple[str, str]] = []
    todo = [expr]
    while todo:
        e = todo.pop()
        if isinstance(e, conditions.Compare):
            out.append(("var", e.var))
        elif isinstance(e, conditions.Visited):
            out.append(("node", e.node))
        elif isinstance(e, conditions.Not):
            todo.append(e.operand)
        elif isinstance(e, (conditions.And, conditions.Or)):
            todo += reversed(e.operands)
    return out


def _turn_values(expr: conditions.Expr) -> list[int]:
    if isinstance(expr, conditions.Compare):
        return [expr.value] if expr.var == "turn" else []
    if isinstance(expr, conditions.Not):
        return _turn_values(expr.operand)
    if isinstance(expr, (conditions.And, conditions.Or)):
        return [v for o in expr.operands for v in _turn_values(o)]
    return []


def _successors(scenario: Scenario, node: Node) -> set[str]:
    """Every node a move from `node` may lead to, through conditional `next` lists (a
    narration step is a node here, leading on); the call for help from every node that waits."""
    out = {t for nxt in node.exits() for t in targets_of(nxt)}
    if node.end is None and not node.is_step:
        out.update(targets_of(scenario.help.next))
    return out


def _route_conditions(scenario: Scenario, node: Node) -> list[str]:
    """The conditions read after a move from `node`, to choose where it leads."""
    found = [nxt for nxt in node.exits() if not isinstance(nxt, str)]
    if node.end is None and not node.is_step and not isinstance(scenario.help.next, str):
        found.append(scenario.help.next)
    return [r.when for nxt in found for r in nxt if r.when is not None]


def _liveness(scenario: Scenario, node_ids: Sequence[str], slots: Mapping[str, int], bits: Mapping[str, int]) -> tuple[list[frozenset[int]], list[int]]:
    """Per node: the value slots and visited bits some condition may still read, here or later."""
    index = {nid: i for i, nid in enumerate(node_ids)}
    reads_slots: list[set[int]] = []
    reads_bits: list[int] = []
    succ: list[set[int]] = []
    for nid in node_ids:
        node = scenario.nodes[nid]
        rs: set[int] = set()
        rb = 0
        for text in [*(c.when for c in node.choices if c.when is not None), *_route_conditions(scenario, node)]:
            for kind, name in _names(conditions.parse(text)):
                if kind == "node":
                    rb |= bits[name]
                elif name != "tension":
                    rs.add(slots[name])
        reads_slots.append(rs)
        reads_bits.append(rb)
        succ.append({index[t] for t in _successors(scenario, node)})
    pred: list[list[int]] = [[] for _ in node_ids]
    for n, targets in enumerate(succ):
        for m in targets:
            pred[m].append(n)
    live_slots = [set(r) for r in reads_slots]
    live_bits = list(reads_bits)
    work = list(range(len(node_ids)))
    queued = [True] * len(node_ids)
    while work:
        m = work.pop()
        queued[m] = False
        for n in pred[m]:
            grown = False
            if not live_slots[m] <= live_slots[n]:
                live_slots[n] |= live_slots[m]
                grown = True
            if live_bits[m] & ~live_bits[n]:
                live_bits[n] |= live_bits[m]
                grown = True
            if grown and not queued[n]:
                queued[n] = True
                work.append(n)
    shared: dict[frozenset[int], frozenset[int]] = {}  # most nodes read the same few slots (often none)
    return [shared.setdefault(fs, fs) for fs in map(frozenset, live_slots)], live_bits


def _compiled(cache: dict[str, Check], text: str, slots: Mapping[str, int], bits: Mapping[str, int]) -> Check:
    check = cache.get(text)
    if check is None:
        check = cache[text] = _compile(conditions.parse(text), slots, bits)
    return check


_OPS: dict[str, Callable[[int, int], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
}


def _compile(expr: conditions.Expr, slots: Mapping[str, int], bits: Mapping[str, int]) -> Check:
    """A condition as a closure over (values, visited bits): no eval, no dict per state.
    One small factory per kind, so a closure holds only what it reads (a
    scenario may have thousands of long conditions)."""
    if isinstance(expr, conditions.Compare):
        return _compare(_OPS[expr.op], slots[expr.var], expr.value)
    if isinstance(expr, conditions.Visited):
        return _visited(bits[expr.node])
    if isinstance(expr, conditions.Not):
        return _not(_compile(expr.operand, slots, bits))
    if isinstance(expr, conditions.And):
        return _all(tuple(_compile(o, slots, bits) for o in expr.operands))
    if isinstance(expr, conditions.Or):
        return _any(tuple(_compile(o, slots, bits) for o in expr.operands))
    if isinstance(expr, conditions.Const):
        return _const(bool(expr.value))
    raise TypeError(f"not a condition node: {expr!r}")


def _compare(op: Callable[[int, int], bool], slot: int, value: int) -> Check:
    return lambda vals, vb: op(vals[slot], value)


def _visited(bit: int) -> Check:
    return lambda vals, vb: bool(vb & bit)


def _not(inner: Check) -> Check:
    return lambda vals, vb: not inner(vals, vb)


def _all(parts: tuple[Check, ...]) -> Check:
    return lambda vals, vb: all(p(vals, vb) for p in parts)


def _any(parts: tuple[Check, ...]) -> Check:
    return lambda vals, vb: any(p(vals, vb) for p in parts)


def _const(value: bool) -> Check:
    return lambda vals, vb: value


def tension_step(profile: Profile, delta: int, tension: int) -> int:
    """The engine's `_change_state` for tension alone (other variables cannot affect it)."""
    rise = False
    if delta > 0:
        delta = round_half_up(delta * profile.volatility)
        rise = delta > 0
    tension = clamp(tension + delta, 0, 100)
    if not rise:
        baseline = profile.calm_baseline
        if tension > baseline:
            tension = max(baseline, tension - profile.recovery)
    return tension


def projected(levels: Sequence[int], spans: Sequence[Sequence[int]], room: Sequence[int], total: int, cap: int | None) -> int | None:
    """How many states an exploration is heading for; None while its growth is not sustained.

    `levels[d]` is the number of states first reached after `d` moves (the
    last level complete, not yet expanded), `spans[d][i]` how many values slot
    `i` has spanned so far (slot 0, tension, is not read), `room[i]` how many
    it can span, `total` the states found and `cap` (when known) how many
    more levels there can be. While the levels grow as a power of the depth
    and some slot's values keep spreading, no slower than they did over the
    last half of the levels, the growth is carried on until the first of
    those slots would run out of room at that rate (at most 4 × d more
    levels); a slot that has filled its room, or spreads ever more slowly (a
    condition holds it back), stops it at once. That is meant as an
    underestimate: growth rarely stops there, and nothing after it is counted.
    """
    d = len(levels) - 1
    h = d // 2
    if d < 4 or levels[d] < 2 * levels[h] or levels[d] < levels[d - 1]:
        return None
    more, spreading = math.inf, False
    # Tension (slot 0) drifts back to the persona's baseline rather than spreading: it is left out.
    for now, then, last, width in zip(spans[d][1:], spans[h][1:], spans[d - 1][1:], room[1:], strict=True):
        if now > then:
            if (now - last) * (d - h) < now - then:
                return None  # spreading more slowly than it did: something (a condition) is holding it back

            # Growing, or grown to the end of its room: then the growth is slowing already.
            more = min(more, max(0, width - now) * (d - h) / (now - then))
            spreading = spreading or 2 * now >= 3 * then
    more = min(more, 4 * d, math.inf if cap is None else cap)
    if not spreading or more < 1:
        return None
    power = math.log(levels[d] / levels[h]) / math.log(d / h)
    # The sum of levels[d] * ((d + j) / d) ** power over the levels to come,
    # from below by its integral (the terms grow).
    grown = levels[d] * d / (power + 1) * (((d + more) / d) ** (power + 1) - 1)
    return total + int(min(grown, 1e18))


def _longest_turns(scenario: Scenario, node_ids: Sequence[str]) -> int | None:
    """The most moves any path from the start can make, when the nodes form no loop (else None)."""
    index = {nid: i for i, nid in enumerate(node_ids)}
    succ = [{index[t] for t in _successors(scenario, scenario.nodes[nid])} for nid in node_ids]
    longest: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[int, bool]] = [(index[scenario.start], False)]
    while stack:
        n, done = stack.pop()
        if done:
            on_path.discard(n)
            longest[n] = max((longest[m] + 1 for m in succ[n]), default=0)
            continue
        if n in longest:
            continue
        if n in on_path:
            return None  # a loop
        on_path.add(n)
        stack.append((n, True))
        for m in succ[n]:
            if m in on_path:
                return None
            if m not in longest:
                stack.append((m, False))
    return longest[index[scenario.start]]


def _with_zero(span: tuple[int, int]) -> tuple[int, int]:
    """A range with 0 in it: a value no condition can read any more is kept as 0."""
    return min(span[0], 0), max(span[1], 0)


def _boxed(lo: int, hi: int) -> int:
    """Bytes of the int object a value of this range needs (none for Python's shared small ints)."""
    if lo >= -5 and hi <= 256:
        return 0
    return sys.getsizeof(max(abs(lo), abs(hi)))


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def explore(
    scenario: Scenario,
    profile: Profile,
    critical: frozenset[str] = frozenset({CALL_HELP}),
    *,
    max_states: int = MAX_STATES,
    memory_bound: int = MEMORY_BOUND,
) -> StateGraph:
    """Every reachable state and every move between them, breadth first.

    Raises TooLarge, naming what multiplies the states, as soon as the
    exploration would pass `memory_bound` bytes or `max_states` states, or the
    growth of its levels shows early on that it will (`projected`).
    """
    choices = [c for node in scenario.nodes.values() for c in node.choices]
    texts = set(scenario.conditions())  # each different condition once
    setup_cost = (
        BYTES_PER_NODE * len(scenario.nodes)
        + BYTES_PER_CHOICE * len(choices)
        + BYTES_PER_CONDITION_CHAR * sum(map(len, texts))
    )
    if setup_cost > memory_bound:
        raise TooLarge(
            f"{len(scenario.nodes):,} nodes, {len(choices):,} choices and their conditions alone"
            f" take more than the {memory_bound / 1e6:,.0f} MB the analysis may use"
        )
    ab = abstraction_for(scenario)
    node_ids = tuple(scenario.nodes)
    index = {nid: i for i, nid in enumerate(node_ids)}
    nodes = [scenario.nodes[nid] for nid in node_ids]

    principle_set: list[str] = list(scenario.goals)
    for node in nodes:
        for o in [*node.choices, *([node.timeout] if node.timeout else [])]:
            principle_set += [p for p in o.principles if p not in principle_set]
    principle_set += [p for p in scenario.help.principles if p not in principle_set]
    if CALL_HELP not in principle_set:
        principle_set.append(CALL_HELP)
    principles = tuple(principle_set)
    pindex = {p: i for i, p in enumerate(principles)}

    # Value slots: tension first, then the tracked variables, then turn.
    ranges = scenario.ranges()
    slots = {"tension": 0}
    for i, name in enumerate(ab.variables, start=1):
        slots[name] = i
    turn_slot = None
    if ab.turn_cap is not None:
        turn_slot = len(slots)
        slots["turn"] = turn_slot
    bits = {nid: 1 << i for i, nid in enumerate(ab.visited)}
    node_bit = [bits.get(nid, 0) for nid in node_ids]
    compiled: dict[str, Check] = {}  # by text: a condition written many times is compiled once
    checks: list[list[Check | None]] = [
        [None if c.when is None else _compiled(compiled, c.when, slots, bits) for c in node.choices] for node in nodes
    ]
    live_slots, live_bits = _liveness(scenario, node_ids, slots, bits)
    dead_slots = [tuple(i for i in range(1, len(slots)) if i not in live) for live in live_slots]

    # Tension after each authored delta, precomputed for every start value.
    tension_deltas = {0, scenario.help.effects.get("tension", 0)}
    for node in nodes:
        for c in node.choices:
            tension_deltas.add(judgement.choice_effects(scenario, c).get("tension", 0))
        if node.timeout is not None:
            tension_deltas.add(node.timeout.effects.get("tension", 0))
    step_table = {d: [tension_step(profile, d, t) for t in range(101)] for d in tension_deltas}

    var_limits = [ranges[name] for name in ab.variables]
    turn_cap = ab.turn_cap or 0
    theta = profile.threat_threshold
    level_at = [judgement.threat_level(t, profile) for t in range(101)]
    help_out = scenario.help
    returning = index[help_out.next] if help_out.return_ and isinstance(help_out.next, str) else None
    # Whether help has been called is part of the state where it changes what
    # follows: once help is there, the trainee is no longer alone with a threat.
    help_ends = all(scenario.nodes[t].end is not None for t in targets_of(scenario.help.next))
    help_bit = 0 if help_ends else 1 << len(ab.visited)
    live_bits = [b | help_bit for b in live_bits]
    escalated = tuple(n.end is not None and n.end.value == "escalated" for n in nodes)
    is_end = [n.end is not None for n in nodes]

    def router(nxt: str | tuple[Route, ...]) -> Router:
        return tuple((None if r.when is None else _compiled(compiled, r.when, slots, bits), index[r.to]) for r in routes(nxt))

    # Narration steps are never a state: a move into one goes on at once (engine: Session._path).
    step_router = [router(n.next) if n.next is not None and n.is_step else None for n in nodes]

    def resolve(route: Router, nv: tuple[int, ...], vb: int) -> tuple[int, int]:
        """Where a routed move stops, and the visited bits of the steps it passes."""
        passed = 0
        while True:
            target = route[-1][1]
            for chk, t in route:
                if chk is None or chk(nv, vb | passed):
                    target = t
                    break
            onward = step_router[target]
            if onward is None:
                return target, passed
            passed |= node_bit[target]
            g.stepped.add(target)
            route = onward

    start_vals = [profile.tension] + [profile.trust if name == "trust" else int(scenario.variables[name].start) for name in ab.variables]
    if turn_slot is not None:
        start_vals.append(0)
    g = StateGraph(scenario, profile, critical, ab, principles, node_ids, escalated)
    # A state's key is all the exploration keeps of it, flat: (node, visited
    # bits, *values), at an ending (node,) or (node, threat). `pending` holds
    # the keys in state order; an expanded one is freed.
    keys: dict[StateKey, int] = {}
    pending: list[StateKey] = []
    freed: StateKey = (0,)

    # The memory bound: what a state costs with this scenario's values, so the
    # state limit, and a running account of states, moves and cached moves.
    span_of: list[tuple[int, int]] = [(0, 100), *(_with_zero(var_limits[i]) for i in range(len(ab.variables)))]
    if turn_slot is not None:
        span_of.append((0, turn_cap))
    bits_top = 2 * max(help_bit, *bits.values(), 1)  # above every set of visited bits
    state_cost = BYTES_PER_STATE + _boxed(0, bits_top) + sum(BYTES_PER_VALUE + _boxed(lo, hi) for lo, hi in span_of)
    limit = min(max_states, max(1, memory_bound - setup_cost) // state_cost)
    tables_cost = setup_cost  # the scenario's tables, and the moves cached as they are worked out
    # A bound no exploration can pass (each node's kept values and visits in
    # every combination): when it is within the limit, growth is not watched.
    widths = [hi - lo + 1 for lo, hi in span_of]
    ceiling = sum(
        (2 if escalated[n] else 1) if is_end[n] else widths[0] * math.prod(widths[i] for i in live_slots[n]) << bin(live_bits[n]).count("1")
        for n in range(len(nodes))
    )
    watch = ceiling > limit
    depth_cap: int | None = None  # how deep paths go (no deeper when the nodes form no loop): worked out when first needed
    capped = False

    def too_large(estimate: int | None) -> TooLarge:
        """The refusal, naming what multiplies the states (a pass over those found)."""
        kept = [k for k in keys if len(k) > 2]
        variables: list[tuple[str, int, int]] = []
        names = [*ab.variables, *(["turn"] if turn_slot is not None else [])]
        if kept:
            for i, name in enumerate(names, start=1):
                lo, hi = min(map(operator.itemgetter(2 + i), kept)), max(map(operator.itemgetter(2 + i), kept))
                if hi > lo:
                    variables.append((name, lo, hi))
        variables.sort(key=lambda v: v[1] - v[2])
        # (No set of them: there may be a million, and the bound holds here too.)
        seen_bits = functools.reduce(operator.or_, map(operator.itemgetter(1), kept), 0) & ~help_bit
        differ = bool(kept) and any((k[1] & ~help_bit) != (kept[0][1] & ~help_bit) for k in kept)
        visited = [nid for nid, bit in bits.items() if seen_bits & bit] if differ else []
        busiest = [(node_ids[n], c) for n, c in Counter(g.node).most_common(3) if 10 * c >= g.size]
        megabytes = f"{memory_bound / 1e6:,.0f} MB"
        if estimate is None:
            message = f"more than {g.size:,} reachable states ({g.edges:,} moves so far): more than fit in the {megabytes} the analysis may use"
        else:
            message = (
                f"its states keep multiplying: after {g.size:,} of them, their growth points to {estimate:,} or more,"
                f" more than fit in the {megabytes} the analysis may use (about {limit:,})"
            )
        multiply = []
        if variables:
            shown = [f"`{name}` ({lo}–{hi}{' so far' if not i else ''})" for i, (name, lo, hi) in enumerate(variables[:4])]
            multiply.append(f"the values of {_and(shown)} combine")
        if visited:
            multiply.append(f"the visits to {_and([f'`{v}`' for v in visited[:4]])} combine")
        if multiply:
            message += "; " + " and ".join(multiply)
        if busiest:
            message += f", most at {_and([f'`{nid}` ({c:,})' for nid, c in busiest])}"
        return TooLarge(message, variables=variables, nodes=busiest, visited=visited)

    # What a move does depends on the node, the options offered and whether
    # the client is a threat, not on the rest of the state: compute it once.
    moves_cache: dict[tuple[int, tuple[int, ...], Threat, bool], list[Move]] = {}

    def moves_for(n: int, offered: tuple[int, ...], level: Threat, helped_before: bool) -> list[Move]:
        # The engine's `_alternatives`, from the same rules (sim.core.judgement);
        # `offered` is in authored order, as the judgement wants it.
        node = nodes[n]
        open_choices = [node.choices[i] for i in offered]
        help_worth = judgement.help_principles(scenario, open_choices, level)
        help_as = judgement.help_meaning(scenario, open_choices, level)
        help_option = judgement.help_is_an_option(level, helped_before)
        authored = judgement.names_call_help(scenario, open_choices, node.timeout)
        # Each alternative with whether it counts only on the principles it names and
        # whether it is a call (engine: Alternative.names_only, .calls; scoring.counts_in_range).
        key_names_only = help_as is None
        base = [(judgement.choice_principles(scenario, c, level), False, judgement.calls_help(scenario, c)) for c in open_choices]
        if help_option:
            base.append((help_worth, key_names_only, True))
        out: list[Move] = []

        def spread(alts: Sequence[tuple[Mapping[str, int], bool, bool]]) -> list[tuple[int, str, int, int]]:
            # (index, principle, best, worst) of every principle the alternatives treat differently.
            touched = {p for a, _, _ in alts for p, d in a.items() if d}
            found = []
            for p in touched:
                values = [
                    a.get(p, 0) for a, names_only, calls in alts
                    if not (names_only and p not in a) and not (helped_before and calls and p == CALL_HELP)
                ]  # fmt: skip
                if not values:
                    continue
                best, worst = max(values), min(values)
                if best != worst:
                    found.append((pindex[p], p, best, worst))
            return found

        base_spread = spread(base)

        def move(
            action: str,
            principles: Mapping[str, int],
            effects: Mapping[str, int],
            nxt: str | tuple[Route, ...],
            extra: Mapping[str, int] | None,
            helped: bool,
            sets: Mapping[str, bool | int],
        ) -> None:
            # The engine's alternatives: the options offered, the call for help
            # under threat, and the move itself when it is neither (timeout, help when calm).
            ranges = base_spread if extra is None else spread([*base, (extra, action == HELP and key_names_only, action == HELP)])
            if action == HELP:
                # Which principles the help key is evidence on (engine: scoring.turn_evidence).
                meaning = None if help_as is None else help_as.id
                ranges = [r for r in ranges if judgement.help_tests(r[1], principles, meaning)]
            if helped:
                ranges = [r for r in ranges if judgement.right_call_tests(r[1], principles, level)]
            if not judgement.tests_call_help(level, helped_before, helped, authored):
                ranges = [r for r in ranges if r[1] != CALL_HELP]
            ev = [(i, principles.get(p, 0) - worst, best - worst) for i, p, best, worst in ranges]
            for p, d in principles.items():
                if d:
                    g.signs.setdefault(p, set()).add(1 if d > 0 else -1)
            flags = (HELPED if helped else 0) | (CRITICAL if any(d < 0 and p in critical for p, d in principles.items()) else 0)
            updates = tuple(
                (i, effects[name], *var_limits[i - 1]) for i, name in enumerate(ab.variables, start=1) if effects.get(name)
            )
            # `set:` after the effects, as a change clamped to the one value set (engine: _apply).
            updates += tuple((slots[name], 0, int(value), int(value)) for name, value in sets.items() if name in slots)
            # What the hot loop needs to know about the target, looked up once here
            # (for a conditional `next` or a narration step, per state in the loop).
            routed = not isinstance(nxt, str) or step_router[index[nxt]] is not None
            target = -1 if routed else index[targets_of(nxt)[0]]
            passed = 0
            if helped and returning is not None:  # the key, or an option into the help node (engine: _take_choice)
                # Help that comes and goes: its node is visited, and the trainee is back here.
                target, passed, routed = n, node_bit[returning], False
                g.stepped.add(returning)  # passed through, like a narration step
            end_kind = 0 if not is_end[target] else 2 if escalated[target] else 1
            out.append(
                (
                    action, target, step_table[effects.get("tension", 0)], updates, tuple(sorted(ev)), flags,
                    end_kind, node_bit[target] | passed | (help_bit if helped else 0), live_bits[target], dead_slots[target],
                    router(nxt) if routed else None,
                )
            )

        for c in open_choices:
            # A choice that brings help in is a call for help (engine: _take_choice).
            assert c.id is not None
            principles = judgement.choice_principles(scenario, c, level)
            move(c.id, principles, judgement.choice_effects(scenario, c), c.next, None, judgement.calls_help(scenario, c), judgement.choice_sets(scenario, c))
        if node.timeout is not None:
            t_out = node.timeout
            move(TIMEOUT, t_out.principles, t_out.effects, t_out.next, t_out.principles, False, t_out.set)
        # The help key: among the alternatives under threat; else the move itself is added to them (engine: _apply).
        if returning is None or not helped_before:  # help that came and went is with the trainee (engine: can_call_help)
            move(HELP, help_worth, help_out.effects, help_out.next, None if help_option else help_worth, True, help_out.set)
        return out

    start = index[scenario.start]
    start_bits = 0
    if step_router[start] is not None:
        start, start_bits = resolve(((None, start),), tuple(start_vals), 0)
    start_key: StateKey
    if is_end[start]:
        start_key = (start, start_vals[0] >= theta) if escalated[start] else (start,)
    else:
        for i in dead_slots[start]:
            start_vals[i] = 0  # a value no condition can read any more
        start_key = (start, (node_bit[start] | start_bits) & live_bits[start], *start_vals)
    keys[start_key] = 0
    g.node.append(start)
    g.tension.append(start_vals[0])
    g.threat.append(start_vals[0] >= theta)
    g.helped.append(False)
    g.ended.append(is_end[start])
    g.parent.append(-1)
    g.depth.append(0)
    pending.append(start_key)

    # The hot loop: every edge of the graph passes here once. (Adding a state
    # is written out: this runs for each of a million moves.)
    head = 0
    dst, action, evidence, flags_out, first = g.dst, g.action, g.evidence, g.flags, g.first
    g_node, g_tension, g_threat, g_ended, g_parent, g_depth = g.node, g.tension, g.threat, g.ended, g.parent, g.depth
    g_helped = g.helped
    unconditional = [None if any(checks[n]) else tuple(range(len(nodes[n].choices))) for n in range(len(nodes))]
    simple = len(slots) == 1  # only tension: no variables or turn to carry along
    carry = not simple and turn_slot is None  # variables, but a move without updates keeps them as they are

    def moves_at(n: int, vb: int, vals: tuple[int, ...]) -> list[Move]:
        """The moves open in a state: its node, the choices its conditions offer,
        the threat level and whether help was called, cached (the hot loop and
        the walks of `pushed` both ask here, so they cannot differ)."""
        nonlocal tables_cost
        offered = unconditional[n]
        if offered is None:
            offered = tuple([i for i, chk in enumerate(checks[n]) if chk is None or chk(vals, vb)])
        helped_before = bool(vb & help_bit)
        cache_key = (n, offered, level_at[vals[0]], helped_before)
        moves = moves_cache.get(cache_key)
        if moves is None:
            # Every state asked about is reachable: what it offers is offered.
            moves = moves_cache[cache_key] = moves_for(n, offered, cache_key[2], helped_before)
            g.offered.update((n, i) for i in offered)
            tables_cost += len(moves) * BYTES_PER_CACHED_MOVE
        return moves

    def successors(key: StateKey) -> list[StateKey]:
        """The waiting states one move from a waiting state: the hot loop below as
        a function, for the walks of `pushed` (no state is added to the graph)."""
        n, vb, vals = key[0], key[1], key[2:]
        t0 = vals[0]
        moves = moves_at(n, vb, vals)
        out: list[StateKey] = []
        for _, target, trow, updates, _, flags, end_kind, tbit, tlive, tdead, route in moves:
            listed = list(vals)
            listed[0] = trow[t0]
            for i, d, lo, hi in updates:
                listed[i] = min(max(listed[i] + d, lo), hi)
            if turn_slot is not None:
                listed[turn_slot] = min(listed[turn_slot] + 1, turn_cap)
            if route is not None:
                target, passed = resolve(route, tuple(listed), vb)
                end_kind = 1 if is_end[target] else 0
                tbit = node_bit[target] | passed | (help_bit if flags & HELPED else 0)
                tlive, tdead = live_bits[target], dead_slots[target]
            if not end_kind:
                for j in tdead:
                    listed[j] = 0
                out.append((target, (vb | tbit) & tlive, *listed))
        return out

    def push(key: StateKey, slot: int, sign: int) -> int:
        """How far greedy moves push one value from `key` (each step the move that
        pushes it furthest, while one does): a value that is surely reachable."""
        at = 2 + slot
        for _ in range(WALK_STEPS):
            ahead = [k for k in successors(key) if sign * k[at] > sign * key[at]]
            if not ahead:
                break
            key = max(ahead, key=lambda k: sign * k[at])
        return key[at]

    room = [1] * len(start_vals)  # per slot: how many values it can span at least (`pushed`)

    def pushed(fresh: list[StateKey]) -> list[int]:
        """How many values each slot can span at least: those seen so far, and
        how far walks from the newest level's extremes push it up and down (again
        only once the values seen have filled what the last walks found). Walks
        only follow moves, so the room found is never overstated."""
        for i in range(1, len(lows)):
            if highs[i] - lows[i] + 1 >= room[i]:
                top = push(max(fresh, key=operator.itemgetter(2 + i)), i, 1)
                bottom = push(min(fresh, key=operator.itemgetter(2 + i)), i, -1)
                room[i] = max(highs[i], top) - min(lows[i], bottom) + 1
        return room

    states = len(g_node)
    # Breadth first, level by level: states [level_end, states) are the next
    # level, complete when `head` reaches `level_end`.
    level_end = 0
    levels: list[int] = []  # states per level
    spans: list[tuple[int, ...]] = []  # per level: how many values each slot has spanned so far
    lows, highs = list(start_vals), list(start_vals)
    while head < len(pending):
        if head == level_end:
            levels.append(states - level_end)
            if watch:
                # How far the values have spread, and whether the growth of the
                # levels, carried on while they spread, passes the bound.
                fresh = [k for k in pending[level_end:states] if len(k) > 2]
                for i in range(len(lows)) if fresh else ():
                    lows[i] = min(lows[i], min(map(operator.itemgetter(2 + i), fresh)))
                    highs[i] = max(highs[i], max(map(operator.itemgetter(2 + i), fresh)))
                spans.append(tuple(h - lo + 1 for lo, h in zip(lows, highs, strict=True)))
                last = len(levels) - 1  # the gate of `projected`, before working out what it needs
                if states >= PROBE_STATES and last >= 4 and levels[last] >= max(2 * levels[last // 2], levels[last - 1]):
                    if not capped:
                        depth_cap, capped = _longest_turns(scenario, node_ids), True
                    room = pushed(fresh)
                    estimate = projected(levels, spans, room, states, None if depth_cap is None else depth_cap - last)
                    if estimate is not None:
                        per_state = len(dst) / head  # moves per expanded state so far
                        cost = tables_cost + estimate * (state_cost + per_state * BYTES_PER_MOVE)
                        if estimate > limit or cost > memory_bound:
                            raise too_large(estimate)
            level_end = states
        key = pending[head]
        pending[head] = freed  # free memory as we go
        deeper = g_depth[head] + 1  # pending is in state order: this is state `head`
        head += 1
        n = key[0]
        if is_end[n]:
            first.append(len(dst))
            continue
        vb = key[1]
        vals = key[2:]
        t0 = vals[0]
        moves = moves_at(n, vb, vals)
        rest = vals[1:]
        for act, target, trow, updates, ev, flags, end_kind, tbit, tlive, tdead, route in moves:
            if simple:
                nv: tuple[int, ...] = (trow[t0],)
            elif carry and not updates:
                nv = (trow[t0], *rest)
            else:
                listed = list(vals)
                listed[0] = trow[t0]
                for i, d, lo, hi in updates:
                    v = listed[i] + d
                    listed[i] = lo if v < lo else hi if v > hi else v
                if turn_slot is not None:
                    listed[turn_slot] = min(listed[turn_slot] + 1, turn_cap)
                nv = tuple(listed)
            if route is not None:
                target, passed = resolve(route, nv, vb)
                end_kind = 0 if not is_end[target] else 2 if escalated[target] else 1
                tbit = node_bit[target] | passed | (help_bit if flags & HELPED else 0)
                tlive, tdead = live_bits[target], dead_slots[target]
            if end_kind:
                new: StateKey = (target, nv[0] >= theta) if end_kind == 2 else (target,)
                nvb = vb
            else:
                nvb = (vb | tbit) & tlive
                for i in tdead:
                    if nv[i]:
                        # A value no condition can read any more: forget it, so states merge.
                        listed = list(nv)
                        for j in tdead:
                            listed[j] = 0
                        nv = tuple(listed)
                        break
                new = (target, nvb, *nv)
            t = keys.get(new)
            if t is None:
                t = states
                if t >= limit:
                    raise too_large(None)
                states += 1
                keys[new] = t
                g_node.append(target)
                g_tension.append(nv[0])
                g_threat.append(nv[0] >= theta)
                g_helped.append(bool(nvb & help_bit))
                g_ended.append(end_kind != 0)
                g_parent.append(len(dst))
                g_depth.append(deeper)
                pending.append(new)
            dst.append(t)
            action.append(act)
            evidence.append(ev)
            flags_out.append(flags)
        first.append(len(dst))
        if states * state_cost + len(dst) * BYTES_PER_MOVE + tables_cost > memory_bound:
            raise too_large(None)
    return g
