"""What every pass over one state graph shares: the graph, its shape, and
the per-edge facts computed once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sim.authoring.analysis.longest import _follow
from sim.authoring.analysis.reach import _Bits
from sim.authoring.analysis.results import NEG, Path
from sim.authoring.analysis.shape import _Shape
from sim.authoring.statespace import (
    Evidence,
    StateGraph,
)

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
        assert self._ev_ids is not None  # made with the distinct evidence
        return list(map(values.__getitem__, self._ev_ids))

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
