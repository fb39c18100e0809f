"""Longest paths towards the endings by max-plus dynamic programming,
loops included."""

from __future__ import annotations

from collections.abc import Sequence
from heapq import heapify, heappop, heappush
from math import fsum
from operator import add

from sim.authoring.analysis.results import NEG, AnalysisError
from sim.authoring.analysis.shape import _Inside, _Shape
from sim.authoring.statespace import (
    StateGraph,
)

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


def _longest_in_loop(
    g: StateGraph,
    shape: _Shape,
    ci: int,
    members: list[int],
    w: Sequence[float] | None,
    val: list[float],
    succ: list[int],
) -> None:
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
