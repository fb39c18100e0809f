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

The transition below mirrors `sim.core.engine.Session`; the tests replay paths
through the engine to keep the two in step.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from sim.content import conditions
from sim.content.model import Profile, Scenario
from sim.core import judgement
from sim.core.engine import CALL_HELP, HELP, TIMEOUT, clamp, round_half_up
from sim.core.judgement import Threat

# Beyond this the question is too big for an interactive answer; a real
# scenario has a few hundred states per ten nodes.
MAX_STATES = 2_000_000

Evidence = tuple[tuple[int, int, int], ...]  # (principle index, earned, possible) with possible > 0
Check = Callable[[tuple[int, ...], int], bool]
# In `explore`: a state's identity, (node, visited bits, values); at an ending
# only the node, and for an `escalated` one whether the client is a threat.
StateKey = tuple[int] | tuple[int, bool] | tuple[int, int, tuple[int, ...]]
# In `explore`: what a move does (action, target, tension row, variable updates,
# evidence, flags, end kind, and the target's visited bit, live bits and dead slots).
Move = tuple[str, int, list[int], tuple[tuple[int, int, int, int], ...], Evidence, int, int, int, int, tuple[int, ...]]

HELPED, CRITICAL = 1, 2  # edge flags: the move calls for help / lowers a critical principle


class TooLarge(Exception):
    """The scenario has more reachable states than the analysis will explore."""


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
    parent: list[int] = field(default_factory=list)
    depth: list[int] = field(default_factory=list)  # turns of a shortest way from the start
    # What was seen on the way, for the coverage and idle-choice questions.
    offered: set[tuple[int, int]] = field(default_factory=set)  # (node index, choice index)
    signs: dict[str, set[int]] = field(default_factory=dict)  # principle -> {+1, -1} of deltas on moves
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
            seen = seen or self.threat[s]
            if self.ended[s] and self.escalated[self.node[s]] and seen and not helped:
                return True
        return False


def abstraction_for(scenario: Scenario) -> Abstraction:
    variables: list[str] = []
    visited: list[str] = []
    turn_max: int | None = None
    for node in scenario.nodes.values():
        for choice in node.choices:
            if choice.when is None:
                continue
            expr = conditions.parse(choice.when)
            for kind, name, _ in conditions.references(expr):
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


def _turn_values(expr: conditions.Expr) -> list[int]:
    if isinstance(expr, conditions.Compare):
        return [expr.value] if expr.var == "turn" else []
    if isinstance(expr, conditions.Not):
        return _turn_values(expr.operand)
    if isinstance(expr, (conditions.And, conditions.Or)):
        return [v for o in expr.operands for v in _turn_values(o)]
    return []


def _liveness(scenario: Scenario, node_ids: Sequence[str], slots: Mapping[str, int], bits: Mapping[str, int]) -> tuple[list[frozenset[int]], list[int]]:
    """Per node: the value slots and visited bits some condition may still read, here or later."""
    index = {nid: i for i, nid in enumerate(node_ids)}
    help_next = index[scenario.help.next]
    reads_slots: list[set[int]] = []
    reads_bits: list[int] = []
    succ: list[set[int]] = []
    for nid in node_ids:
        node = scenario.nodes[nid]
        rs: set[int] = set()
        rb = 0
        for c in node.choices:
            if c.when is not None:
                for kind, name, _ in conditions.references(conditions.parse(c.when)):
                    if kind == "node":
                        rb |= bits[name]
                    elif name != "tension":
                        rs.add(slots[name])
        reads_slots.append(rs)
        reads_bits.append(rb)
        nxt = {index[c.next] for c in node.choices}
        if node.timeout is not None:
            nxt.add(index[node.timeout.next])
        if node.end is None:
            nxt.add(help_next)
        succ.append(nxt)
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
    return [frozenset(x) for x in live_slots], live_bits


def _compile(expr: conditions.Expr, slots: Mapping[str, int], bits: Mapping[str, int]) -> Check:
    """A condition as a closure over (values, visited bits): no eval, no dict per state."""
    ops = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq, "!=": operator.ne}
    if isinstance(expr, conditions.Compare):
        op, slot, value = ops[expr.op], slots[expr.var], expr.value
        return lambda vals, vb: op(vals[slot], value)
    if isinstance(expr, conditions.Visited):
        bit = bits[expr.node]
        return lambda vals, vb: bool(vb & bit)
    if isinstance(expr, conditions.Not):
        inner = _compile(expr.operand, slots, bits)
        return lambda vals, vb: not inner(vals, vb)
    if isinstance(expr, conditions.And):
        parts = [_compile(o, slots, bits) for o in expr.operands]
        return lambda vals, vb: all(p(vals, vb) for p in parts)
    if isinstance(expr, conditions.Or):
        parts = [_compile(o, slots, bits) for o in expr.operands]
        return lambda vals, vb: any(p(vals, vb) for p in parts)
    if isinstance(expr, conditions.Const):
        value_ = bool(expr.value)
        return lambda vals, vb: value_
    raise TypeError(f"not a condition node: {expr!r}")


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


def explore(scenario: Scenario, profile: Profile, critical: frozenset[str] = frozenset({CALL_HELP}), *, max_states: int = MAX_STATES) -> StateGraph:
    """Every reachable state and every move between them, breadth first."""
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
    checks: list[list[Check | None]] = [
        [None if c.when is None else _compile(conditions.parse(c.when), slots, bits) for c in node.choices] for node in nodes
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
    help_next = index[scenario.help.next]
    help_out = scenario.help
    # Whether help has been called is part of the state where it changes what
    # follows: once help is there, the trainee is no longer alone with a threat.
    help_bit = 0 if scenario.nodes[scenario.help.next].end is not None else 1 << len(ab.visited)
    live_bits = [b | help_bit for b in live_bits]
    escalated = tuple(n.end is not None and n.end.value == "escalated" for n in nodes)
    is_end = [n.end is not None for n in nodes]

    g = StateGraph(scenario, profile, critical, ab, principles, node_ids, escalated)
    keys: dict[StateKey, int] = {}
    pending: list[tuple[int, tuple[int, ...], int]] = []  # (node, values, visited bits) of states to expand
    freed = (0, (), 0)

    def key_of(n: int, vals: tuple[int, ...], vb: int) -> tuple[StateKey, tuple[int, ...], int]:
        if is_end[n]:
            return ((n, vals[0] >= theta) if escalated[n] else (n,)), vals, vb
        vb = (vb | node_bit[n]) & live_bits[n]
        for i in dead_slots[n]:
            if vals[i]:
                # A value no condition can read any more: forget it, so states merge.
                listed = list(vals)
                for j in dead_slots[n]:
                    listed[j] = 0
                vals = tuple(listed)
                break
        return (n, vb, vals), vals, vb

    def new_state(key: StateKey, n: int, vals: tuple[int, ...], vb: int, via: int, depth: int) -> int:
        s = len(g.node)
        if s >= max_states:
            raise TooLarge(f"more than {max_states:,} reachable states")
        keys[key] = s
        g.node.append(n)
        g.tension.append(vals[0])
        g.threat.append(vals[0] >= theta)
        g.helped.append(bool(vb & help_bit))
        g.ended.append(is_end[n])
        g.parent.append(via)
        g.depth.append(depth)
        pending.append((n, vals, vb))
        return s

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
        base = [judgement.choice_principles(scenario, c, level) for c in open_choices]
        if help_option:
            base.append(help_worth)
        out: list[Move] = []

        def spread(alts: Sequence[Mapping[str, int]]) -> list[tuple[int, str, int, int]]:
            # (index, principle, best, worst) of every principle the alternatives treat differently.
            touched = {p for a in alts for p, d in a.items() if d}
            found = []
            for p in touched:
                values = [a.get(p, 0) for a in alts]
                best, worst = max(values), min(values)
                if best != worst:
                    found.append((pindex[p], p, best, worst))
            return found

        base_spread = spread(base)

        def move(action: str, principles: Mapping[str, int], effects: Mapping[str, int], target: int, extra: Mapping[str, int] | None, helped: bool) -> None:
            # The engine's alternatives: the options offered, the call for help
            # under threat, and the move itself when it is neither (timeout, help when calm).
            ranges = base_spread if extra is None else spread([*base, extra])
            if action == HELP:
                # Which principles the help key is evidence on (engine: scoring.turn_evidence).
                meaning = None if help_as is None else help_as.id
                ranges = [r for r in ranges if judgement.help_tests(r[1], principles, meaning)]
            if not judgement.tests_call_help(level, helped_before, helped):
                ranges = [r for r in ranges if r[1] != CALL_HELP]
            ev = [(i, principles.get(p, 0) - worst, best - worst) for i, p, best, worst in ranges]
            for p, d in principles.items():
                if d:
                    g.signs.setdefault(p, set()).add(1 if d > 0 else -1)
            flags = (HELPED if helped else 0) | (CRITICAL if any(d < 0 and p in critical for p, d in principles.items()) else 0)
            updates = tuple(
                (i, effects[name], *var_limits[i - 1]) for i, name in enumerate(ab.variables, start=1) if effects.get(name)
            )
            # What the hot loop needs to know about the target, looked up once here.
            end_kind = 0 if not is_end[target] else 2 if escalated[target] else 1
            out.append(
                (
                    action, target, step_table[effects.get("tension", 0)], updates, tuple(sorted(ev)), flags,
                    end_kind, node_bit[target] | (help_bit if helped else 0), live_bits[target], dead_slots[target],
                )
            )

        for c in open_choices:
            # A choice that brings help in is a call for help (engine: _take_choice).
            assert c.id is not None
            principles = judgement.choice_principles(scenario, c, level)
            move(c.id, principles, judgement.choice_effects(scenario, c), index[c.next], None, judgement.calls_help(scenario, c))
        if node.timeout is not None:
            t_out = node.timeout
            move(TIMEOUT, t_out.principles, t_out.effects, index[t_out.next], t_out.principles, False)
        # The help key: among the alternatives under threat; else the move itself is added to them (engine: _apply).
        move(HELP, help_worth, help_out.effects, help_next, None if help_option else help_worth, True)
        return out

    start_vals = [profile.tension] + [profile.trust if name == "trust" else scenario.variables[name].start for name in ab.variables]
    if turn_slot is not None:
        start_vals.append(0)
    start = index[scenario.start]
    start_key, start_vals_kept, start_vb = key_of(start, tuple(start_vals), 0)
    new_state(start_key, start, start_vals_kept, start_vb, -1, 0)

    # The hot loop: every edge of the graph passes here once. (`key_of` and
    # `new_state` written out: this runs for each of a million moves.)
    head = 0
    dst, action, evidence, flags_out, first = g.dst, g.action, g.evidence, g.flags, g.first
    g_node, g_tension, g_threat, g_ended, g_parent, g_depth = g.node, g.tension, g.threat, g.ended, g.parent, g.depth
    g_helped = g.helped
    unconditional = [None if any(checks[n]) else tuple(range(len(nodes[n].choices))) for n in range(len(nodes))]
    simple = len(slots) == 1  # only tension: no variables or turn to carry along
    carry = not simple and turn_slot is None  # variables, but a move without updates keeps them as they are
    states = len(g_node)
    while head < len(pending):
        n, vals, vb = pending[head]
        pending[head] = freed  # free memory as we go
        deeper = g_depth[head] + 1  # pending is in state order: this is state `head`
        head += 1
        if is_end[n]:
            first.append(len(dst))
            continue
        t0 = vals[0]
        level = level_at[t0]
        offered = unconditional[n]
        if offered is None:
            offered = tuple([i for i, chk in enumerate(checks[n]) if chk is None or chk(vals, vb)])
        helped_before = bool(vb & help_bit)
        cache_key = (n, offered, level, helped_before)
        moves = moves_cache.get(cache_key)
        if moves is None:
            moves = moves_cache[cache_key] = moves_for(n, offered, level, helped_before)
            g.offered.update((n, i) for i in offered)
        rest = vals[1:]
        for act, target, trow, updates, ev, flags, end_kind, tbit, tlive, tdead in moves:
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
            if end_kind:
                key: StateKey = (target, nv[0] >= theta) if end_kind == 2 else (target,)
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
                key = (target, nvb, nv)
            t = keys.get(key)
            if t is None:
                t = states
                if t >= max_states:
                    raise TooLarge(f"more than {max_states:,} reachable states")
                states += 1
                keys[key] = t
                g_node.append(target)
                g_tension.append(nv[0])
                g_threat.append(nv[0] >= theta)
                g_helped.append(bool(nvb & help_bit))
                g_ended.append(end_kind != 0)
                g_parent.append(len(dst))
                g_depth.append(deeper)
                pending.append((target, nv, nvb))
            dst.append(t)
            action.append(act)
            evidence.append(ev)
            flags_out.append(flags)
        first.append(len(dst))
    return g
