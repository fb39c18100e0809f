"""The shape of the state graph: its strongly connected components, in
sink-first order, found without recursion."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sim.authoring.statespace import (
    StateGraph,
)

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
