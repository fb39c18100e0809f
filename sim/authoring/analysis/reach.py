"""What each state can still reach, as packed bits: the principles still
testable and the evidence still to come, shared by every pass."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import TYPE_CHECKING

from sim.authoring.analysis.shape import _Shape
from sim.authoring.statespace import (
    Evidence,
    StateGraph,
)

if TYPE_CHECKING:
    from sim.authoring.analysis.context import _Context


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
