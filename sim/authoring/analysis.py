"""What a scenario teaches, over all its paths: `sim analyze`.

Every question is answered on the state graph of `sim.authoring.statespace` (what the
engine can actually reach, with conditions and the persona's arithmetic taken
into account) by dynamic programming over states, never by listing paths.
What is exact and what is a bound:

- path counts are exact big integers, or infinite when a loop can be
  repeated on the way to an ending (the loops are reported);
- shortest paths, and every ending's shortest way in, are exact (breadth
  first); the longest path is exact when there is no loop, otherwise it is
  the longest path that never comes back to a state it was in;
- a principle's best and worst score is exact. Scores are ratios (earned ÷
  possible, summed over turns), so they are not additive. A perfect (or
  zero) score is decided for all principles at once by reachability; any
  other extreme by Dinkelbach's method, which turns "maximise e/P" into a few
  longest-path problems "maximise e − λ·P" whose optimum is 0 exactly at the
  best ratio λ, in integer arithmetic. With loops the answer is a supremum
  that a loop may only approach (`attained: false`);
- the overall score (a mean of ratios, capped by critical misses) does not
  decompose at all. It is exact by listing every path when there are few
  (at most ENUMERATION_LIMIT); otherwise the best path found by a
  sum-of-ratios search is an achievable score (replayable), and a bound from
  the per-principle extremes, the goals every path tests and the misses no
  path avoids limits how much better (or worse) any path can do. When the
  two meet it is exact.

Every reported choice list can be replayed through the engine; `verify`
does that, so the numbers printed are the numbers a trainee would get.
"""

from __future__ import annotations

import gc
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from heapq import heapify, heappop, heappush
from itertools import compress
from math import fsum
from operator import add
from typing import Any

from sim.authoring.statespace import (
    CRITICAL,
    HELPED,
    Evidence,
    StateGraph,
    TooLarge,
    explore,
)
from sim.content.model import Profile, Scenario
from sim.core.engine import CALL_HELP, HELP, Session
from sim.core.scoring import (
    CRITICAL_CAP,
    PrincipleScore,
    Score,
    grade_for,
    score,
    turn_evidence,
)

NEG = float("-inf")
ENUMERATION_LIMIT = 20_000  # complete paths listed one by one for an exact overall score
MAX_LOOPS_REPORTED = 10
JSON_PATHS = 100  # endings and threat nodes whose ways in --json spells out in full
SEARCH_ROUNDS = 3  # sum-of-ratios improvement rounds per starting path
SEARCH_BUDGET = 1_000_000  # edge visits the search may spend: big graphs get fewer rounds
SEARCH_STARTS = 1  # how many of the best starting paths are improved


class AnalysisError(Exception):
    """The analysis cannot answer (a bug caught by its own checks)."""


__all__ = ["Analysis", "AnalysisError", "TooLarge", "analyze", "replay", "verify"]


# --------------------------------------------------------------------------
# Results


class Path:
    """A complete way through: the choice list `sim walk --choices` takes, and the nodes on it.

    Built lazily from the state graph: a 10,000-node scenario has thousands of
    endings whose shortest ways share their beginnings, and most are never printed.
    """

    __slots__ = ("_make", "_actions", "_nodes", "_turns", "edges")

    def __init__(
        self, make: Callable[[], tuple[tuple[str, ...], tuple[str, ...]]], turns: int | None = None, edges: tuple[int, ...] | None = None
    ) -> None:
        self._make: Callable[[], tuple[tuple[str, ...], tuple[str, ...]]] | None = make
        self._actions: tuple[str, ...] = ()
        self._nodes: tuple[str, ...] = ()
        self._turns = turns  # known without building the path, when it comes from the search tree
        self.edges = edges  # the state graph's edges, when the analysis made the path from them

    @classmethod
    def of(cls, actions: Sequence[str], nodes: Sequence[str]) -> Path:
        made = (tuple(actions), tuple(nodes))
        return cls(lambda: made)

    def _build(self) -> None:
        if self._make is not None:
            self._actions, self._nodes = self._make()
            self._make = None

    @property
    def actions(self) -> tuple[str, ...]:
        """Choice ids, `help` and `timeout`, in order."""
        self._build()
        return self._actions

    @property
    def nodes(self) -> tuple[str, ...]:
        """The node of every turn, then the ending."""
        self._build()
        return self._nodes

    @property
    def turns(self) -> int:
        return self._turns if self._turns is not None else len(self.actions)

    @property
    def end(self) -> str:
        return self.nodes[-1]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Path) and (self.actions, self.nodes) == (other.actions, other.nodes)

    def __hash__(self) -> int:
        return hash((self.actions, self.nodes))

    def __repr__(self) -> str:
        return f"Path({', '.join(self.actions)} → {self.end})"

    def as_dict(self, full: bool = True) -> dict[str, Any]:
        if not full:
            return {"turns": self.turns, "actions": None, "nodes": None}
        return {"turns": self.turns, "actions": list(self.actions), "nodes": list(self.nodes)}


@dataclass(frozen=True, slots=True)
class Loop:
    nodes: tuple[str, ...]  # nodes of one way round, starting where it is entered
    actions: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"nodes": list(self.nodes), "actions": list(self.actions)}


@dataclass(frozen=True, slots=True)
class Extreme:
    """The best or worst score of one principle over all complete paths."""

    score: int  # 0–100, rounded like the debrief
    ratio: Fraction  # earned ÷ possible; with loops a supremum/infimum
    attained: bool  # False: a loop only approaches `ratio`; `path` is the best finite path found
    path: Path
    earned: int  # on `path`
    possible: int
    loop: Loop | None = None

    def as_dict(self) -> dict[str, Any]:
        out = {
            "score": self.score,
            "ratio": [self.ratio.numerator, self.ratio.denominator],
            "attained": self.attained,
            "earned": self.earned,
            "possible": self.possible,
            "path": self.path.as_dict(),
        }
        if self.loop is not None:
            out["loop"] = self.loop.as_dict()
        return out


@dataclass(frozen=True, slots=True)
class PrincipleRange:
    principle: str
    goal: bool
    best: Extreme | None  # None: no complete path tests it
    worst: Extreme | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.principle,
            "goal": self.goal,
            "tested": self.best is not None,
            "best": None if self.best is None else self.best.as_dict(),
            "worst": None if self.worst is None else self.worst.as_dict(),
        }


@dataclass(frozen=True, slots=True)
class Overall:
    """The best or worst overall score (the mean of the goal scores, capped by critical misses)."""

    score: int | None  # achieved by `path` (replayable)
    grade: str
    critical_miss: bool
    path: Path
    bound: int | None  # no path does better (best) / worse (worst) than this
    method: str  # "enumeration" (exact) or "search"

    @property
    def exact(self) -> bool:
        return self.method == "enumeration" or self.score == self.bound

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "grade": self.grade,
            "critical_miss": self.critical_miss,
            "exact": self.exact,
            "bound": self.bound,
            "method": self.method,
            "path": self.path.as_dict(),
        }


@dataclass(frozen=True, slots=True)
class EndingInfo:
    node: str
    kind: str
    success: bool
    reachable: bool
    paths: int | None  # None: infinitely many
    shortest: Path | None

    def as_dict(self, full: bool = True) -> dict[str, Any]:
        return {
            "node": self.node,
            "kind": self.kind,
            "success": self.success,
            "reachable": self.reachable,
            "paths": None if self.paths is None else str(self.paths),
            "infinite": self.reachable and self.paths is None,
            "shortest": None if self.shortest is None else self.shortest.as_dict(full),
        }


@dataclass(frozen=True, slots=True)
class Coverage:
    principle: str
    tested: bool  # some reachable turn scores it
    good: bool  # some reachable move raises it
    bad: bool  # some reachable move lowers it (or, for call-help-early, carries on alone under threat)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.principle, "tested": self.tested, "good": self.good, "bad": self.bad}


@dataclass(frozen=True, slots=True)
class Idle:
    """Choices whose outcome does not depend on which one is taken."""

    node: str
    kind: str  # "all-same": every offered choice at the node has one outcome; "same-as": these choices share one
    choices: tuple[str, ...]
    next: str

    def as_dict(self) -> dict[str, Any]:
        return {"node": self.node, "kind": self.kind, "choices": list(self.choices), "next": self.next}


@dataclass(frozen=True, slots=True)
class ThreatNode:
    node: str
    tension: tuple[int, int]  # lowest and highest tension at or above the threshold
    path: Path  # a shortest way there

    def as_dict(self, full: bool = True) -> dict[str, Any]:
        return {"node": self.node, "tension": list(self.tension), "path": self.path.as_dict(full)}


@dataclass(slots=True)
class Analysis:
    scenario: Scenario
    profile: Profile
    critical: frozenset[str]
    states: int
    edges: int
    abstraction: str
    paths: int | None  # None: infinitely many
    paths_without_help: int | None
    loops: list[Loop]
    shortest: Path | None
    longest: Path | None
    longest_exact: bool  # False: loops make paths arbitrarily long; `longest` never repeats a state
    endings: list[EndingInfo]
    principles: list[PrincipleRange]
    best: Overall | None
    worst: Overall | None
    coverage: list[Coverage]
    idle: list[Idle]
    never_offered: list[tuple[str, str]]  # (node, choice id) never offered in any reachable state
    unreachable: list[str]  # non-ending nodes never reached
    threat: list[ThreatNode]
    seconds: float = 0.0
    verified: bool = False
    notes: list[str] = field(default_factory=list)  # English, for the JSON; the CLI words its own
    loops_not_listed: int = 0  # beyond MAX_LOOPS_REPORTED

    def as_dict(self) -> dict[str, Any]:
        s = self.scenario
        return {
            "scenario": s.id,
            "nodes": len(s.nodes),
            "states": self.states,
            "moves": self.edges,
            "abstraction": self.abstraction,
            "seconds": round(self.seconds, 3),
            "verified": self.verified,
            "paths": {
                "count": None if self.paths is None else str(self.paths),
                "infinite": self.paths is None,
                "without_help": None if self.paths_without_help is None else str(self.paths_without_help),
                "loops": [lp.as_dict() for lp in self.loops],
            },
            "shortest": None if self.shortest is None else self.shortest.as_dict(),
            "longest": None if self.longest is None else {**self.longest.as_dict(), "exact": self.longest_exact},
            # Many long ways in would make the output quadratic in the scenario's size;
            # past JSON_PATHS entries a list gives each path's length only.
            "endings": [e.as_dict(i < JSON_PATHS) for i, e in enumerate(self.endings)],
            "scores": {
                "principles": [p.as_dict() for p in self.principles],
                "overall": {
                    "best": None if self.best is None else self.best.as_dict(),
                    "worst": None if self.worst is None else self.worst.as_dict(),
                },
            },
            "coverage": [c.as_dict() for c in self.coverage],
            "idle_choices": [i.as_dict() for i in self.idle],
            "never_offered": [{"node": n, "choice": c} for n, c in self.never_offered],
            "unreachable_nodes": self.unreachable,
            "threat": {
                "threshold": self.profile.threat_threshold,
                "nodes": [t.as_dict(i < JSON_PATHS) for i, t in enumerate(self.threat)],
            },
            "notes": self.notes,
        }


# --------------------------------------------------------------------------
# The shape of the state graph


@dataclass(slots=True)
class _Shape:
    """Components in sink-first order: every component after all it can reach."""

    order: list[list[int]]  # empty when acyclic: see `flat`
    cyclic: list[bool]  # per component: has a loop
    comp: list[int]  # component of every state
    acyclic: bool
    flat: list[int]  # all states, sinks first (when acyclic: a reverse topological order)
    # Per looped component, what `_longest_in_loop` needs whatever the weights.
    inside: dict[int, _Inside] = field(default_factory=dict)


@dataclass(slots=True)
class _Inside:
    exits: list[list[int]]  # per member (by position): its edges out of the component
    edges: list[list[tuple[int, int]]]  # per member: (edge, end) of its edges inside, in order
    preds: list[list[int]]  # per member: the positions of the members with an edge to it


def _shape(g: StateGraph, skip: Sequence[bool] | None = None) -> _Shape:
    # Kahn's algorithm first: cheaper than Tarjan, and most scenarios have no loops.
    n = g.size
    first, dst = g.first, g.dst
    if skip is None:
        counted = Counter(dst)
        indeg = list(map(counted.__getitem__, range(n)))  # 0 for a state nothing leads to
    else:
        indeg = [0] * n
        for k, t in enumerate(dst):
            if not skip[k]:
                indeg[t] += 1
    queue = [s for s in range(n) if indeg[s] == 0]
    head = 0
    while head < len(queue):
        s = queue[head]
        head += 1
        a, b = first[s], first[s + 1]
        if skip is None:
            for t in dst[a:b]:
                indeg[t] -= 1
                if not indeg[t]:
                    queue.append(t)
        else:
            for k in range(a, b):
                if not skip[k]:
                    t = dst[k]
                    indeg[t] -= 1
                    if not indeg[t]:
                        queue.append(t)
    if len(queue) == n:
        queue.reverse()
        # Without loops every state is its own component; `order` is left empty and `flat` used instead.
        return _Shape([], [], _positions(queue), True, queue)
    return _tarjan(g, skip)


def _positions(order: list[int]) -> list[int]:
    comp = [0] * len(order)
    for i, s in enumerate(order):
        comp[s] = i
    return comp


def _tarjan(g: StateGraph, skip: Sequence[bool] | None) -> _Shape:
    # Iterative: a 10,000-node scenario would overflow Python's recursion.
    n = g.size
    first, dst = g.first, g.dst
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    comp = [-1] * n
    stack: list[int] = []
    order: list[list[int]] = []
    cyclic: list[bool] = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work = [(root, first[root])]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            v, k = work[-1]
            if k < first[v + 1]:
                work[-1] = (v, k + 1)
                if skip is not None and skip[k]:
                    continue
                w = dst[k]
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, first[w]))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work:
                u = work[-1][0]
                if low[v] < low[u]:
                    low[u] = low[v]
            if low[v] == index[v]:
                members = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp[w] = len(order)
                    members.append(w)
                    if w == v:
                        break
                loop = len(members) > 1 or any(
                    dst[j] == v and (skip is None or not skip[j]) for j in range(first[v], first[v + 1])
                )
                order.append(members)
                cyclic.append(loop)
    flat = [s for members in order for s in members]
    return _Shape(order, cyclic, comp, not any(cyclic), flat)


# --------------------------------------------------------------------------
# Longest paths (max-plus dynamic programming towards the endings)


class _PositiveLoop(Exception):
    def __init__(self, edges: list[int]) -> None:
        super().__init__("a loop gains weight")
        self.edges = edges


def _longest(g: StateGraph, shape: _Shape, w: Sequence[float] | None, constant: int | None = None) -> tuple[list[float], list[int] | None]:
    """Best total weight from every state to an ending (NEG: none), and, with loops, the best first edges.

    An edge of weight NEG is not taken. Raises _PositiveLoop when a loop that
    can reach an ending adds weight every time round (the best is unbounded).
    `constant`: every entry of `w` is this integer (cheaper without loops).
    """
    n = g.size
    first, dst, ended = g.first, g.dst, g.ended
    val: list[float] = [NEG] * n
    if shape.acyclic:
        getv = val.__getitem__
        for s in shape.flat:
            a, b = first[s], first[s + 1]
            if a == b:
                if ended[s]:
                    val[s] = 0
            elif w is None:
                val[s] = max(map(getv, dst[a:b]))
            elif constant is not None:
                val[s] = max(map(getv, dst[a:b])) + constant
            else:
                val[s] = max(map(add, w[a:b], map(getv, dst[a:b])))
        return val, None
    succ = [-1] * n
    for ci, members in enumerate(shape.order):
        if shape.cyclic[ci]:
            _longest_in_loop(g, shape, ci, members, w, val, succ)
            continue
        s = members[0]
        if ended[s]:
            val[s] = 0
            continue
        best, arg = NEG, -1
        for k in range(first[s], first[s + 1]):
            v = val[dst[k]] + (0 if w is None else w[k])
            if v > best:
                best, arg = v, k
        val[s], succ[s] = best, arg
    return val, succ


def _longest_in_loop(g, shape, ci, members, w, val, succ) -> None:
    """Bellman-Ford inside one component; everything it can leave to is final.

    The rounds are those of the plain algorithm (every edge inside, in order,
    values updated in place), so ties break as they always did, but a state is
    only looked at again once a state it leads to has changed: an edge whose
    end has not moved cannot improve anything. A loop that gains weight is
    caught as soon as the best-edge pointers close one (every such loop gains
    weight), not only after more rounds than states.
    """
    comp = shape.comp
    size = len(members)
    known = shape.inside.get(ci)
    if known is None:
        first, dst = g.first, g.dst
        where = {s: i for i, s in enumerate(members)}
        known = shape.inside[ci] = _Inside([[] for _ in range(size)], [[] for _ in range(size)], [[] for _ in range(size)])
        for i, s in enumerate(members):
            for k in range(first[s], first[s + 1]):
                t = dst[k]
                if comp[t] == ci:
                    j = where[t]
                    known.edges[i].append((k, t))
                    pj = known.preds[j]
                    if not pj or pj[-1] != i:
                        pj.append(i)
                else:
                    known.exits[i].append(k)
    dst, preds = g.dst, known.preds
    inside: list[list[tuple[int, int, float]]] = []
    for i, s in enumerate(members):
        best, arg = NEG, -1
        for k in known.exits[i]:
            v = val[dst[k]] + (0 if w is None else w[k])
            if v > best:
                best, arg = v, k
        val[s], succ[s] = best, arg
        inside.append([(k, t, 0) for k, t in known.edges[i]] if w is None else [(k, t, w[k]) for k, t in known.edges[i]])
    todo = [i for i in range(size) if inside[i]]  # this round's states, by position (a heap)
    queued = bytearray(size)  # 1: in this round's heap, 2: in the next round's list
    for i in todo:
        queued[i] = 1
    changes = 0  # since the pointers were last checked for a loop
    changed_at = -1
    for _ in range(size + 1):
        later: list[int] = []
        changed_at = -1
        while todo:
            i = heappop(todo)
            queued[i] &= 2
            s = members[i]
            best = val[s]
            arg = -1
            for k, t, wk in inside[i]:
                v = val[t] + wk
                if v > best:
                    best, arg = v, k
            if arg < 0:
                continue
            val[s], succ[s] = best, arg
            changed_at = s
            changes += 1
            for j in preds[i]:
                if j > i:
                    if not queued[j] & 1:
                        queued[j] |= 1
                        heappush(todo, j)
                elif not queued[j] & 2:
                    queued[j] |= 2
                    later.append(j)
        if changed_at == -1:
            return
        if changes >= size:
            changes = 0
            cycle = _pointer_cycle(g, succ, members, comp, ci)
            if cycle is not None and _gains(w, cycle):
                raise _PositiveLoop(cycle)
        for j in later:
            queued[j] = 1
        heapify(later)
        todo = later
    raise _PositiveLoop(_pointer_loop(g, succ, members, changed_at))


def _gains(w: Sequence[float] | None, cycle: list[int]) -> bool:
    # Exact for integer weights (a pointer loop always gains); with float
    # weights rounding could close a loop that gains nothing: look.
    return w is not None and (isinstance(w[cycle[0]], int) or fsum(w[k] for k in cycle) > 0)


def _pointer_cycle(g: StateGraph, succ: list[int], members: list[int], comp: list[int], ci: int) -> list[int] | None:
    """A loop of best-edge pointers inside the component, if there is one."""
    dst = g.dst
    mark: dict[int, int] = {}  # state -> walk that visited it
    for walk, s0 in enumerate(members):
        s = s0
        while s not in mark:
            mark[s] = walk
            k = succ[s]
            if k < 0:
                break
            t = dst[k]
            if comp[t] != ci:
                break
            s = t
        else:
            if mark[s] == walk:  # came back to this walk: a loop
                edges = []
                t = s
                while True:
                    k = succ[t]
                    edges.append(k)
                    t = dst[k]
                    if t == s:
                        return edges
    return None


def _pointer_loop(g: StateGraph, succ: list[int], members: list[int], start: int) -> list[int]:
    # After more rounds than states, the best-edge pointers contain a loop
    # that gains weight each time round; walk into it and read it off.
    for s0 in (start, *members):
        seen: dict[int, int] = {}
        edges: list[int] = []
        s = s0
        while s not in seen and succ[s] >= 0:
            seen[s] = len(edges)
            edges.append(succ[s])
            s = g.dst[succ[s]]
        if s in seen:
            return edges[seen[s]:]
    raise AnalysisError("internal error: a loop that gains weight could not be located")


def _follow(g: StateGraph, val: list[float], succ: list[int] | None, w: Sequence[float] | None, s: int = 0) -> list[int]:
    """The edges of a best path from `s`, read back from the values."""
    edges: list[int] = []
    first, dst = g.first, g.dst
    while not g.ended[s]:
        if succ is not None:
            k = succ[s]
        else:
            target = val[s]
            k = next(
                (k for k in range(first[s], first[s + 1]) if val[dst[k]] + (0 if w is None else w[k]) == target),
                -1,
            )
        if k < 0 or len(edges) > g.size:
            raise AnalysisError("internal error: a best path does not reach an ending")
        edges.append(k)
        s = dst[k]
    return edges


def _by_component(shape: _Shape, update: Callable[[int], bool]) -> None:
    """Call `update(state)` sinks first; inside a loop, repeat until nothing changes.

    `update` returns whether the state's value changed. Values only grow, so
    a component of n states is done after at most n rounds.
    """
    if shape.acyclic:
        for s in shape.flat:
            update(s)
        return
    for ci, members in enumerate(shape.order):
        for _ in range(len(members) if shape.cyclic[ci] else 1):
            changed = False
            for s in members:
                changed = update(s) or changed
            if not changed:
                break


def _packed_bits(g: StateGraph, shape: _Shape, keep: Sequence[int], tested: Sequence[int], shift: int, at_end: int) -> list[int]:
    """Per state, the OR over its edges k of `(v | (v & tested[k]) << shift) & keep[k]`, v
    the value of the edge's end; `at_end` at an ending. Several reachability
    questions packed side by side in one integer, answered in one pass.
    """
    first, dst, ended = g.first, g.dst, g.ended
    bits = [0] * g.size
    if shape.acyclic:
        for s in shape.flat:
            if ended[s]:
                bits[s] = at_end
                continue
            acc = 0
            for k in range(first[s], first[s + 1]):
                v = bits[dst[k]]
                acc |= (v | (v & tested[k]) << shift) & keep[k]
            bits[s] = acc
        return bits

    def update(s: int) -> bool:
        if ended[s]:
            bits[s] = at_end
            return False
        acc = bits[s]
        for k in range(first[s], first[s + 1]):
            v = bits[dst[k]]
            acc |= (v | (v & tested[k]) << shift) & keep[k]
        if acc == bits[s]:
            return False
        bits[s] = acc
        return True

    _by_component(shape, update)
    return bits


@dataclass(slots=True)
class _Bits:
    """What one pass of `_packed_bits` says, per state, in lanes of `width` bits:

    lane 0 (best) / 2 (worst): principles p with a path to an ending on which
    every turn that scores p gives all (none) of its points; lane 1 / 3: the
    same, and p is scored at least once; lane 4: `_bound`'s bits (goals and
    certain misses some path to an ending avoids).
    """

    width: int
    values: list[int]

    def lane(self, s: int, i: int) -> int:
        return self.values[s] >> (i * self.width) & ((1 << self.width) - 1)


def _bits(cx: _Context) -> _Bits:
    if cx.bits is not None:
        return cx.bits
    g = cx.g
    n_principles = len(g.principles)
    goal_bits = {p: i for i, p in enumerate(cx.goals)}
    n_goals = len(cx.goals)
    width = max(n_principles, n_goals + 2)
    full = (1 << width) - 1
    W2, W3, W4 = 2 * width, 3 * width, 4 * width
    any_goal, miss_bit = 1 << n_goals, 1 << (n_goals + 1)

    def masks(ev: Evidence) -> tuple[int, int, int]:
        tested = imperfect = earning = block = 0
        for p, e, P in ev:
            tested |= 1 << p
            if e < P:
                imperfect |= 1 << p
            if e > 0:
                earning |= 1 << p
            i = goal_bits.get(p)
            if i is not None:
                block |= (1 << i) | any_goal
        keep = (
            (~imperfect & full) * (1 | 1 << width)
            | (~earning & full) * (1 << W2 | 1 << W3)
            | (~block & full) << W4
        )
        return tested, tested | tested << W2, keep

    per_edge = cx.by_evidence(masks)
    if not per_edge:
        cx.tested, tested, keep = [], [], []
    else:
        cx.tested, tested, keep = map(list, zip(*per_edge))
    no_miss = ~(miss_bit << W4)
    for k in compress(range(len(keep)), cx.sure_miss):
        keep[k] &= no_miss
    at_end = full | full << W2 | full << W4
    cx.bits = _Bits(width, _packed_bits(g, cx.shape, keep, tested, width, at_end))
    return cx.bits


# --------------------------------------------------------------------------
# Shared context


@dataclass(slots=True)
class _Context:
    g: StateGraph
    shape: _Shape
    src: list[int]
    steps: list[float]  # −(turns of a shortest way to an ending) per state; NEG: no way
    goals: tuple[int, ...]
    per_principle: list[dict[int, tuple[int, int]] | None]  # edge -> (earned, possible), possible > 0; None: not made yet
    sure_miss: list[bool]  # the edge is a critical miss whatever came before
    minus_one: list[int]  # weight −1 on every edge: longest "−turns" is the shortest way
    steps_succ: list[int] | None
    bits: _Bits | None = None  # shared by the extremes and the bounds
    tested: list[int] | None = None  # per edge: the principles it scores, as bits
    _ev_ids: list[int] | None = None
    _ev_distinct: dict[int, Evidence] | None = None

    def by_evidence(self, f: Callable[[Evidence], Any]) -> list[Any]:
        """`f(evidence)` of every edge, computed once per distinct evidence.

        Edges made by the same move share one evidence tuple: a 10,000-node
        scenario has ten times fewer of them than edges.
        """
        values = {i: f(ev) for i, ev in self.distinct_evidence().items()}
        return list(map(values.__getitem__, self._ev_ids))  # type: ignore[arg-type]

    def distinct_evidence(self) -> dict[int, Evidence]:
        if self._ev_distinct is None:
            evidence = self.g.evidence
            self._ev_ids = list(map(id, evidence))
            self._ev_distinct = dict(zip(self._ev_ids, evidence))
        return self._ev_distinct

    def table(self, p: int) -> dict[int, tuple[int, int]]:
        """Edge -> (earned, possible) of principle `p`, for the edges that score it."""
        table = self.per_principle[p]
        if table is None:

            def of(ev: Evidence) -> tuple[int, int] | None:
                return next(((e, P) for q, e, P in ev if q == p), None)

            table = self.per_principle[p] = {k: x for k, x in enumerate(self.by_evidence(of)) if x is not None}
        return table

    def coreachable(self, s: int) -> bool:
        return self.steps[s] != NEG

    def path(self, edges: Sequence[int]) -> Path:
        g = self.g
        kept = tuple(edges)

        def make() -> tuple[tuple[str, ...], tuple[str, ...]]:
            nodes = [g.node_id(0)]
            nodes += [g.node_id(g.dst[k]) for k in kept]
            return tuple(g.action[k] for k in kept), tuple(nodes)

        return Path(make, len(kept), kept)

    def way_to(self, s: int) -> Path:
        g = self.g

        def make() -> tuple[tuple[str, ...], tuple[str, ...]]:
            edges = g.way_to(s)
            nodes = [g.node_id(0)]
            nodes += [g.node_id(g.dst[k]) for k in edges]
            return tuple(g.action[k] for k in edges), tuple(nodes)

        return Path(make, g.depth[s])

    def complete(self, s: int) -> list[int]:
        """A shortest way from `s` to an ending."""
        return _follow(self.g, self.steps, self.steps_succ, self.minus_one, s)

    def through(self, edges: Sequence[int]) -> list[int]:
        """A complete path: shortest to where `edges` start, `edges`, shortest to an ending."""
        if not edges:
            return self.complete(0)
        head = self.g.way_to(self.src[edges[0]])
        return [*head, *edges, *self.complete(self.g.dst[edges[-1]])]

    def sums(self, p: int, edges: Iterable[int]) -> tuple[int, int]:
        table = self.per_principle[p]
        e = P = 0
        if table is not None:
            for k in edges:
                x = table.get(k)
                if x is not None:
                    e += x[0]
                    P += x[1]
            return e, P
        evidence = self.g.evidence
        for k in edges:
            for q, ee, PP in evidence[k]:
                if q == p:
                    e += ee
                    P += PP
        return e, P


def _score(e: int, P: int) -> int:
    return (200 * e + P) // (2 * P)  # the debrief's rounding (sim.core.scoring.PrincipleScore.score)


# --------------------------------------------------------------------------
# Per-principle extremes


def _extremes(cx: _Context) -> tuple[dict[int, Extreme | None], dict[int, Extreme | None]]:
    g = cx.g
    scored: set[int] = set()
    for ev in cx.distinct_evidence().values():
        scored.update(p for p, _, _ in ev)
    wanted = [p for p in range(len(g.principles)) if p in scored or p in cx.goals]
    best: dict[int, Extreme | None] = {}
    worst: dict[int, Extreme | None] = {}
    # One reachability pass decides, for every principle at once, whether a
    # perfect (or a zero) score is possible; only the others need Dinkelbach.
    bits = _bits(cx)
    for sign, out, ok_lane in ((1, best, 0), (-1, worst, 2)):
        hit0 = bits.lane(0, ok_lane + 1)
        for p in wanted:
            if hit0 >> p & 1:
                path = _perfect_path(cx, p, sign, ok_lane)
                e, P = cx.sums(p, path)
                ratio = Fraction(1 if sign > 0 else 0)
                out[p] = Extreme(_score(ratio.numerator, ratio.denominator), ratio, True, cx.path(path), e, P)
    for p in wanted:
        if p not in best:
            best[p] = _dinkelbach(cx, p, +1)
        if p not in worst:
            worst[p] = _dinkelbach(cx, p, -1)
    return best, worst


def _judge(ev: Evidence, p: int, sign: int) -> int:
    """0: the move does not score `p`; 1: it scores it all (sign +1) or none (−1) of its points; 2: otherwise."""
    for q, e, P in ev:
        if q == p:
            return 1 if (e == P if sign > 0 else e == 0) else 2
    return 0


def _perfect_path(cx: _Context, p: int, sign: int, ok_lane: int) -> list[int]:
    """A path on which every turn that scores `p` gives all (or none) of the points.

    Without loops: the first move (in the authored order) that keeps such a
    path possible, turn after turn. With loops that could go round forever,
    so: a shortest such path, breadth first over (state, scored yet).
    """
    g = cx.g
    bits = cx.bits
    assert bits is not None
    ok_bit = 1 << (p + ok_lane * bits.width)
    hit_bit = ok_bit << bits.width
    values, evidence, first, dst, ended = bits.values, g.evidence, g.first, g.dst, g.ended
    judged: dict[int, int] = {}

    def judge(k: int) -> int:
        ev = evidence[k]
        j = judged.get(id(ev))
        if j is None:
            j = judged[id(ev)] = _judge(ev, p, sign)
        return j

    if cx.shape.acyclic:
        s, need_hit, path = 0, True, []
        while not ended[s]:
            for k in range(first[s], first[s + 1]):
                j = judge(k)
                if j == 2:
                    continue
                t = dst[k]
                if need_hit and values[t] & hit_bit:
                    break
                if values[t] & ok_bit and (not need_hit or j):
                    need_hit = False
                    break
            else:
                raise AnalysisError("internal error: a perfect path could not be traced")
            path.append(k)
            s = t
        return path
    # Only into states from which `_bits` says the path can still be completed:
    # that leaves the breadth-first order, and so the path found, as it is.
    parent: dict[int, tuple[int, int]] = {0: (-1, -1)}  # 2·state + scored yet -> (previous, edge)
    queue = [0]
    for code in queue:  # grows as it goes
        s, done = code >> 1, code & 1
        if done and ended[s]:
            path = []
            while code:
                code, k = parent[code]
                path.append(k)
            path.reverse()
            return path
        for k in range(first[s], first[s + 1]):
            j = judge(k)
            if j == 2:
                continue
            t = dst[k]
            d = done | (j == 1)
            if not values[t] & (ok_bit if d else hit_bit):
                continue
            c = 2 * t + d
            if c not in parent:
                parent[c] = (code, k)
                queue.append(c)
    raise AnalysisError("internal error: a perfect path could not be traced")


def _dinkelbach(cx: _Context, p: int, sign: int) -> Extreme | None:
    g, table = cx.g, cx.table(p)
    tested = next((k for k in table if cx.coreachable(g.dst[k])), None)
    if tested is None:
        return None
    # λ = r/q. Best starts at 0 and worst at 1, the ends of the ratio's range.
    r, q = (0, 1) if sign > 0 else (1, 1)
    witness: list[int] | None = None
    loop: list[int] | None = None
    for _ in range(10_000):  # converges superlinearly; the limit only guards against a bug
        w = cx.by_evidence(lambda ev: next((sign * (q * e - r * P) for pp, e, P in ev if pp == p), 0))  # noqa: B023
        try:
            val, succ = _longest(g, cx.shape, w)
        except _PositiveLoop as found:
            e, P = cx.sums(p, found.edges)
            if sign * (e * q - r * P) <= 0:
                break  # not better than λ after all: λ is the answer
            r, q = e, P
            loop, witness = found.edges, None
            continue
        path = _follow(g, val, succ, w)
        e, P = cx.sums(p, path)
        if val[0] <= 0 or P == 0 or sign * (e * q - r * P) <= 0:
            if loop is not None and P > 0 and e * q == r * P:
                witness, loop = path, None  # a finite path reaches the loop's ratio after all
            break
        r, q = e, P
        witness, loop = path, None
    ratio = Fraction(r, q)
    if witness is None and loop is None:
        # The starting λ was optimal (best 0 or worst 1): every tested path shows it.
        witness = cx.through([tested])
    lp = None
    if loop is not None:
        lp = Loop(tuple(g.node_id(cx.src[k]) for k in loop), tuple(g.action[k] for k in loop))
        witness = cx.through(loop)
    assert witness is not None
    e, P = cx.sums(p, witness)
    return Extreme(_score(ratio.numerator, ratio.denominator), ratio, loop is None, cx.path(witness), e, P, lp)


# --------------------------------------------------------------------------
# Overall score


def _overall_of(cx: _Context, edges: Sequence[int]) -> tuple[int | None, bool]:
    """(overall score, critical miss) of a complete path, as sim.core.scoring computes it."""
    totals: dict[int, list[int]] = {}
    evidence = cx.g.evidence
    for k in edges:
        for p, e, P in evidence[k]:
            t = totals.get(p)
            if t is None:
                totals[p] = [e, P]
            else:
                t[0] += e
                t[1] += P
    goal_scores = [_score(*totals[p]) for p in cx.goals if p in totals]
    scores = goal_scores or [_score(e, P) for e, P in totals.values()]
    missed = cx.g.critical_miss(edges)
    if not scores:
        return None, missed
    value = (2 * sum(scores) + len(scores)) // (2 * len(scores))
    return (min(value, CRITICAL_CAP) if missed else value), missed


def _rank(value: int | None, sign: int) -> float:
    return NEG if value is None else value * sign


def _enumerate(cx: _Context, limit: int) -> tuple[list[int], list[int]] | None:
    """Exact best and worst overall by listing every complete path (None: too many)."""
    g = cx.g
    if g.ended[0]:
        return [], []
    best: tuple[float, list[int]] | None = None
    worst: tuple[float, list[int]] | None = None
    count = steps = 0
    stack: list[tuple[int, int]] = [(0, g.first[0])]
    edges: list[int] = []
    while stack:
        s, k = stack[-1]
        if k >= g.first[s + 1]:
            stack.pop()
            if edges:
                edges.pop()
            continue
        stack[-1] = (s, k + 1)
        steps += 1
        if steps > 50 * limit:
            return None  # many dead branches: leave it to the search
        t = g.dst[k]
        edges.append(k)
        if g.ended[t]:
            count += 1
            if count > limit:
                return None
            value, _ = _overall_of(cx, edges)
            if best is None or _rank(value, 1) > best[0]:
                best = (_rank(value, 1), list(edges))
            if worst is None or _rank(value, -1) > worst[0]:
                worst = (_rank(value, -1), list(edges))
            edges.pop()
            continue
        stack.append((t, g.first[t]))
    if best is None or worst is None:
        return None
    return best[1], worst[1]


def _search(cx: _Context, sign: int, ranked: list[tuple[float, list[int]]]) -> list[int]:
    """Sum-of-ratios local search from the most promising starting paths.

    Around a path with ratios ρ_g, the mean of e_g/P_g changes to first order
    by Σ (Δe_g − ρ_g·ΔP_g)/P_g; the path maximising that weight is the next
    candidate. Every candidate is a real path scored exactly, so the result
    is achievable whatever the search misses.
    """
    g = cx.g
    # A critical miss caps the score: the best avoids every certain one.
    misses = cx.sure_miss if sign > 0 else None
    best_rank, best_path = ranked[0]
    rounds = max(1, min(SEARCH_ROUNDS, SEARCH_BUDGET // max(g.edges, 1)))
    for _, path in ranked[:SEARCH_STARTS]:
        seen = {tuple(path)}
        for _ in range(rounds):
            coefficients = {}
            for p in cx.goals:
                e, P = cx.sums(p, path)
                coefficients[p] = (e / P if P else (1.0 if sign > 0 else 0.0), sign / max(P, 1))

            def weight(ev: Evidence) -> float:
                # Summed goal by goal, in the goals' order, from 0.0: the same float every time.
                w = 0.0
                for p, c in coefficients.items():  # noqa: B023
                    for q, ee, PP in ev:
                        if q == p:
                            w += (ee - c[0] * PP) * c[1]
                return w

            weights = cx.by_evidence(weight)
            if misses is not None:
                weights = [NEG if m else w for m, w in zip(misses, weights)]
            try:
                val, succ = _longest(g, cx.shape, weights)
            except _PositiveLoop:
                break
            if val[0] == NEG:
                break
            path = _follow(g, val, succ, weights)
            if tuple(path) in seen:
                break
            seen.add(tuple(path))
            value, _ = _overall_of(cx, path)
            if _rank(value, sign) > best_rank:
                best_rank, best_path = _rank(value, sign), path
    return best_path


def _greedy(cx: _Context, sign: int) -> list[int]:
    """The debrief's "better alternative" at every turn, then the shortest way out."""
    g = cx.g
    goals = set(cx.goals)
    s, path = 0, []
    for _ in range(g.size):
        if g.ended[s]:
            return path
        options = [k for k in range(g.first[s], g.first[s + 1]) if cx.coreachable(g.dst[k]) and not (sign > 0 and cx.sure_miss[k])]
        if not options:
            break
        k = max(options, key=lambda k: sign * sum(e for p, e, _ in g.evidence[k] if p in goals))
        path.append(k)
        s = g.dst[k]
    return [*path, *cx.complete(s)]


def _bound(cx: _Context, extremes: dict[int, Extreme | None], sign: int) -> int | None:
    """No complete path's overall score is better (sign +1) or worse (−1) than this.

    A path's overall is the mean of its tested goals' scores, each at most the
    goal's best (at least its worst). Goals tested on every path are always
    in the mean; the others may be left out, so the bound takes the most
    favourable set that contains the former. Critical misses cap at 49: the
    best is capped only if no path avoids a certain miss, the worst unless no
    miss is possible at all.
    """
    g = cx.g
    goal_bits = {p: i for i, p in enumerate(cx.goals)}
    n_goals = len(cx.goals)
    any_goal, miss_bit = 1 << n_goals, 1 << (n_goals + 1)
    avoidable = _bits(cx).lane(0, 4)  # goals and certain misses some path avoids
    always = {p for p, i in goal_bits.items() if not avoidable >> i & 1}
    untested_path = bool(avoidable & any_goal)
    all_miss = not avoidable & miss_bit
    miss_possible = any(cx.sure_miss) or any(g.threat)

    def value(p: int) -> int:
        ext = extremes[p]
        assert ext is not None
        return ext.score

    candidates: list[int] = []
    testable = [p for p in cx.goals if extremes.get(p) is not None]
    if testable:
        chosen = [value(p) for p in testable if p in always]
        optional = sorted((value(p) for p in testable if p not in always), key=lambda v: -sign * v)
        if not chosen:
            chosen.append(optional.pop(0))
        for v in optional:
            if sign * v > sign * sum(chosen) / len(chosen):
                chosen.append(v)
        candidates.append((2 * sum(chosen) + len(chosen)) // (2 * len(chosen)))
    if untested_path or not testable:
        others = [ext.score for p, ext in extremes.items() if p not in cx.goals and ext is not None]
        if others:
            candidates.append(max(others) if sign > 0 else min(others))
    if not candidates:
        return None
    result = max(candidates) if sign > 0 else min(candidates)
    if (sign > 0 and all_miss) or (sign < 0 and miss_possible):
        result = min(result, CRITICAL_CAP)
    return result


def _overall(cx: _Context, extremes: dict[int, Extreme | None], sign: int, enumerated: tuple[list[int], list[int]] | None) -> Overall:
    if enumerated is not None:
        path = enumerated[0] if sign > 0 else enumerated[1]
        value, missed = _overall_of(cx, path)
        bound, method = value, "enumeration"
    else:
        bound, method = _bound(cx, extremes, sign), "search"
        starts = [_edges_of(cx, ext.path) for ext in extremes.values() if ext is not None]
        starts.append(_greedy(cx, sign))
        ranked = sorted(((_rank(_overall_of(cx, p)[0], sign), p) for p in starts), key=lambda x: x[0], reverse=True)
        path = ranked[0][1]
        if _rank(bound, sign) > ranked[0][0]:  # not yet proven best: look further
            path = _search(cx, sign, ranked)
        value, missed = _overall_of(cx, path)
    grade = "needs practice" if missed else grade_for(value)
    return Overall(value, grade, missed, cx.path(path), bound, method)


def _edges_of(cx: _Context, path: Path) -> list[int]:
    if path.edges is not None:
        return list(path.edges)
    g, s, out = cx.g, 0, []
    for action in path.actions:
        k = next(k for k in range(g.first[s], g.first[s + 1]) if g.action[k] == action)
        out.append(k)
        s = g.dst[k]
    return out


# --------------------------------------------------------------------------
# The other questions


def _counts(g: StateGraph, shape: _Shape, skip: Sequence[bool] | None = None) -> list[int | None]:
    """Number of paths from the start to every state (None: infinitely many).

    `skip` leaves edges out; `shape` must have been computed without them.
    """
    fwd: list[int | None] = [0] * g.size
    fwd[0] = 1
    first, dst, comp = g.first, g.dst, shape.comp
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
        val, _ = _longest(g, cx.shape, ones, 1)
        return None if val[0] == NEG else _follow(g, val, None, ones)
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
    alone_under_threat = any(g.threat[cx.src[k]] and not g.flags[k] & HELPED for k in range(g.edges))
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
        groups: dict[tuple, list[int]] = {}
        for i in offered:
            c = node.choices[i]
            outcome = (c.next, tuple(sorted(c.effects.items())), tuple(sorted((p, d) for p, d in c.principles.items() if d)))
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


# --------------------------------------------------------------------------
# Entry points


def analyze(
    scenario: Scenario,
    profile: Profile,
    critical: frozenset[str] = frozenset({CALL_HELP}),
    *,
    enumeration_limit: int = ENUMERATION_LIMIT,
) -> Analysis:
    """Answer every question about `scenario` played with `profile`.

    Raises statespace.TooLarge when the scenario has too many reachable states.
    """
    # Millions of small tuples and no reference cycles: the cyclic garbage
    # collector would only rescan them again and again (a third of the time).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _analyze(scenario, profile, critical, enumeration_limit)
    finally:
        if was_enabled:
            gc.enable()


def _analyze(scenario: Scenario, profile: Profile, critical: frozenset[str], enumeration_limit: int) -> Analysis:
    started = time.perf_counter()
    g = explore(scenario, profile, critical)
    shape = _shape(g)
    src = g.src()
    minus_one = [-1] * g.edges
    steps, steps_succ = _longest(g, shape, minus_one, -1)
    goals = tuple(i for i, p in enumerate(g.principles) if p in scenario.goals)
    per_principle: list[dict[int, tuple[int, int]] | None] = [None] * len(g.principles)  # made when needed
    # Certain misses: lowering a critical principle, or (with one allowed turn)
    # carrying on alone while the client is a threat.
    threat, flags = g.threat, g.flags
    sure_miss = [bool(f & CRITICAL) for f in flags]
    if scenario.threat_turns == 1 and any(threat):
        for s in range(g.size):
            if threat[s] and not g.ended[s]:
                for k in range(g.first[s], g.first[s + 1]):
                    if not flags[k] & HELPED:
                        sure_miss[k] = True
    cx = _Context(g, shape, src, steps, goals, per_principle, sure_miss, minus_one, steps_succ)

    ends = [s for s in range(g.size) if g.ended[s]]
    no_help = [a == HELP for a in g.action]
    fwd: list[int | None]
    fwd_nohelp: list[int | None]
    if shape.acyclic:
        fwd, fwd_nohelp = _counts_dag(g, shape, no_help)  # type: ignore[assignment]
    else:
        fwd = _counts(g, shape)
        fwd_nohelp = _counts(g, _shape(g, no_help), no_help)

    def total(counts: list[int | None]) -> int | None:
        acc = 0
        for s in ends:
            c = counts[s]
            if c is None:
                return None
            acc += c
        return acc

    paths = total(fwd)
    loops = _loops(cx) if not shape.acyclic else []

    ending_states: dict[int, list[int]] = {}
    for s in ends:
        ending_states.setdefault(g.node[s], []).append(s)
    endings: list[EndingInfo] = []
    for n, nid in enumerate(g.node_ids):
        node = scenario.nodes[nid]
        if node.end is None:
            continue
        states = ending_states.get(n, [])
        count: int | None = 0
        for s in states:
            c = fwd[s]
            count = None if c is None or count is None else count + c
        shortest = cx.way_to(min(states)) if states else None
        endings.append(EndingInfo(nid, node.end.value, node.end.success, bool(states), count if states else 0, shortest))

    shortest_path = cx.way_to(min(ends)) if ends else None
    longest_edges = _longest_simple(cx)

    best_ext, worst_ext = _extremes(cx)
    ranges = [
        PrincipleRange(g.principles[p], p in goals, best_ext[p], worst_ext[p])
        for p in range(len(g.principles))
        if p in best_ext
    ]
    enumerated = None
    if paths is not None and paths <= enumeration_limit:
        enumerated = _enumerate(cx, enumeration_limit)
    best_overall = _overall(cx, best_ext, +1, enumerated) if ends else None
    worst_overall = _overall(cx, worst_ext, -1, enumerated) if ends else None

    idle, never = _idle(g, scenario)
    reached = set(g.node)
    result = Analysis(
        scenario=scenario,
        profile=profile,
        critical=critical,
        states=g.size,
        edges=g.edges,
        abstraction=g.abstraction.describe(),
        paths=paths,
        paths_without_help=total(fwd_nohelp),
        loops=loops[:MAX_LOOPS_REPORTED],
        shortest=shortest_path,
        longest=cx.path(longest_edges) if longest_edges is not None else None,
        longest_exact=shape.acyclic,
        endings=endings,
        principles=ranges,
        best=best_overall,
        worst=worst_overall,
        coverage=_coverage(cx),
        idle=idle,
        never_offered=never,
        unreachable=[nid for n, nid in enumerate(g.node_ids) if n not in reached and scenario.nodes[nid].end is None],
        threat=_threat(cx),
    )
    if len(loops) > MAX_LOOPS_REPORTED:
        result.loops_not_listed = len(loops) - MAX_LOOPS_REPORTED
        n = result.loops_not_listed
        result.notes.append(f"{n} more {'loop is' if n == 1 else 'loops are'} not listed")
    result.seconds = time.perf_counter() - started
    return result


def replay(analysis: Analysis, path: Path):
    """The engine's own session and score for a reported path."""
    session = Session.replay(analysis.scenario, analysis.profile, 0, path.actions, analysis.critical)
    return session, score(session)


VERIFIED_ENDINGS = 50  # endings' ways in share one breadth-first tree: a sample checks it


def verify(analysis: Analysis, endings: int = VERIFIED_ENDINGS) -> list[str]:
    """Replay the reported choice lists through the engine; return the disagreements.

    Every score's path is replayed; of the endings' shortest ways in, the first `endings`.
    A path reported more than once is replayed once.
    """
    # Long replays make many small objects and no cycles, as in `analyze`.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _verify(analysis, endings)
    finally:
        if was_enabled:
            gc.enable()


def _verify(analysis: Analysis, endings: int) -> list[str]:
    problems: list[str] = []
    sessions: dict[tuple[str, ...], Session] = {}
    scores: dict[tuple[str, ...], Score] = {}

    def session_of(path: Path) -> Session:
        session = sessions.get(path.actions)
        if session is None:
            a = analysis
            session = sessions[path.actions] = Session.replay(a.scenario, a.profile, 0, path.actions, a.critical)
        return session

    def score_of(path: Path) -> Score:
        result = scores.get(path.actions)
        if result is None:
            result = scores[path.actions] = score(session_of(path))
        return result

    def principle_of(path: Path, pid: str) -> tuple[int, int]:
        # The engine's scoring of one principle (what `score` computes for
        # each), without the others when the whole score is not needed.
        result = scores.get(path.actions)
        if result is not None:
            ps = result.principle(pid)
        else:
            turns = session_of(path).turns
            ps = PrincipleScore(pid, False, tuple(e for e in (turn_evidence(t, pid) for t in turns) if e is not None))
        return (ps.earned, ps.possible) if ps is not None else (0, 0)

    def check_end(label: str, session: Session, path: Path) -> bool:
        if not session.ended or session.node_id != path.end:
            problems.append(f"{label}: the engine ends at `{session.node_id}`, the analysis at `{path.end}`")
            return False
        return True

    overall = [(label, ov) for label, ov in (("best overall", analysis.best), ("worst overall", analysis.worst)) if ov is not None]
    for _, ov in overall:
        score_of(ov.path)  # first: the principles' extremes may share these paths
    for pr in analysis.principles:
        for label, ext in ((f"{pr.principle} best", pr.best), (f"{pr.principle} worst", pr.worst)):
            if ext is None:
                continue
            if not check_end(label, session_of(ext.path), ext.path):
                continue
            got = principle_of(ext.path, pr.principle)
            if got != (ext.earned, ext.possible):
                problems.append(f"{label}: the engine scores {got[0]}/{got[1]}, the analysis {ext.earned}/{ext.possible}")
            elif ext.attained and Fraction(ext.earned, ext.possible) != ext.ratio:
                problems.append(f"{label}: the path scores {ext.earned}/{ext.possible}, not the reported {ext.ratio}")
    for label, ov in overall:
        session, result = session_of(ov.path), score_of(ov.path)
        if check_end(label, session, ov.path) and (result.overall != ov.score or bool(result.critical_misses) != ov.critical_miss):
            problems.append(f"{label}: the engine scores {result.overall}, the analysis {ov.score}")
    for ending in analysis.endings[:endings]:
        if ending.shortest is not None:
            check_end(f"ending {ending.node}", session_of(ending.shortest), ending.shortest)
    analysis.verified = not problems
    return problems
