"""Whether a condition can be true (or all of a node's conditions false) in
some state: exact, and bounded by MAX_ANALYSIS_STEPS against hostile input."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from sim.content.conditions.syntax import (
    MAX_ANALYSIS_STEPS,
    And,
    Compare,
    ConditionError,
    Const,
    Expr,
    Not,
    Or,
    Visited,
    references,
)

# --------------------------------------------------------------------------
# Satisfiability
#
# The question is answered by walking the disjunctive normal form lazily:
# negations are pushed down to the atoms on the way (De Morgan; a negated
# comparison flips its operator), conjunctions accumulate constraints, and
# each disjunction is a branch point of a depth-first search. Building the
# whole DNF first would be simpler but explodes on ordinary linter input:
# `not (c1 or ... or c8)` where each choice is `tension < X and not
# visited(n)` has 2^8 conjunctions, while the search finds a witness on its
# first branch. A partial conjunction that is already contradictory is
# abandoned immediately, which keeps exhaustive (unsatisfiable) searches
# small in practice; a step budget bounds the hostile cases.
#
# A conjunction is (bounds, visited_nodes, unvisited_nodes) where bounds maps
# each variable to an inclusive integer interval [lo, hi] (bounds may be
# ±inf) plus the points excluded by `!=` atoms. Keeping `!=` as excluded
# points instead of splitting into two intervals avoids a branch per `!=`.
# Intervals are kept tight (neither end is excluded), so a stored interval
# is never empty of integers: it contains its own finite end, or infinitely
# many integers.

_Bound = tuple["int | float", "int | float", frozenset[int]]
_Conj = tuple[dict[str, _Bound], frozenset[str], frozenset[str]]
_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
_INF = math.inf


def _tighten(lo: int | float, hi: int | float, excluded: Iterable[int]) -> _Bound | None:
    ex = {x for x in excluded if lo <= x <= hi}
    # Each step removes one excluded point, so this is bounded by len(ex).
    while lo in ex:
        ex.discard(lo)
        lo += 1
    while hi in ex:
        ex.discard(hi)
        hi -= 1
    if lo > hi:
        return None
    return lo, hi, frozenset(ex)


def _atom_bound(op: str, value: int) -> _Bound:
    if op == "<":
        return -_INF, value - 1, frozenset()
    if op == "<=":
        return -_INF, value, frozenset()
    if op == ">":
        return value + 1, _INF, frozenset()
    if op == ">=":
        return value, _INF, frozenset()
    if op == "==":
        return value, value, frozenset()
    if op == "!=":
        return -_INF, _INF, frozenset({value})
    raise ValueError(f"invalid operator {op!r}")


class _Search:
    def __init__(self, ranges: Mapping[str, tuple[int, int]]) -> None:
        self.ranges: dict[str, _Bound] = {name: (lo, hi, frozenset()) for name, (lo, hi) in ranges.items()}
        self.steps = 0

    def check_ranges(self, expr: Expr) -> None:
        # An empty range means no state exists at all, which would make every
        # answer vacuous; say so at the first mention instead. Ranges of
        # variables the condition does not use are none of its business.
        for kind, name, offset in references(expr):
            if kind == "var" and name in self.ranges:
                lo, hi, _ = self.ranges[name]
                if lo > hi:
                    raise ConditionError(
                        f"variable `{name}` has an empty range ({lo} to {hi})", offset,
                        "make its `min` no greater than its `max`",
                    )

    def _tick(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > MAX_ANALYSIS_STEPS:
            raise ConditionError(
                "condition is too complex to analyse", 0,
                "split it into several simpler conditions (for example, one per choice)",
            )

    def _constrain(self, conj: _Conj, var: str, op: str, value: int) -> _Conj | None:
        bounds = conj[0]
        lo0, hi0, ex0 = bounds.get(var) or self.ranges.get(var) or (-_INF, _INF, frozenset())
        lo, hi, ex = _atom_bound(op, value)
        tight = _tighten(max(lo, lo0), min(hi, hi0), ex | ex0)
        if tight is None:
            return None
        return ({**bounds, var: tight}, conj[1], conj[2])

    def run(self, root: Expr, negated: bool) -> bool:
        # Each stack entry is a partial conjunction and the sub-expressions
        # (with their polarity) still to be added to it.
        start: _Conj = ({}, frozenset(), frozenset())
        stack: list[tuple[_Conj, tuple[tuple[Expr, bool], ...]]] = [(start, ((root, negated),))]
        while stack:
            conj, todo = stack.pop()
            work = list(todo)
            branches: list[tuple[And | Or, bool]] = []  # the junctions to branch on, each with its negation
            alive = True
            # Take in every atom before branching, so contradictions are found
            # at the shallowest possible point of the search.
            while work and alive:
                self._tick()
                e, neg = work.pop()
                if isinstance(e, Not):
                    work.append((e.operand, not neg))
                elif isinstance(e, Const):
                    alive = bool(e.value) != neg
                elif isinstance(e, Compare):
                    op = _NEGATE[e.op] if neg else e.op
                    new = self._constrain(conj, e.var, op, e.value)
                    if new is None:
                        alive = False
                    else:
                        conj = new
                elif isinstance(e, Visited):
                    pos, negs = conj[1], conj[2]
                    if neg:
                        alive = e.node not in pos
                        negs = negs | {e.node}
                    else:
                        alive = e.node not in negs
                        pos = pos | {e.node}
                    conj = (conj[0], pos, negs)
                elif isinstance(e, (And, Or)):
                    if isinstance(e, And) != neg:
                        work.extend((o, neg) for o in e.operands)
                    else:
                        branches.append((e, neg))
                else:
                    raise TypeError(f"not a condition node: {e!r}")
            if not alive:
                continue
            if not branches:
                return True
            (first, neg), rest = branches[0], tuple(branches[1:])
            self._tick(len(first.operands) * (1 + len(rest)))
            for o in reversed(first.operands):
                stack.append((conj, ((o, neg), *rest)))
        return False


def satisfiable(expr: Expr, ranges: Mapping[str, tuple[int, int]]) -> bool:
    """Whether some state makes ``expr`` true.

    A state is any integer value for each variable within its inclusive
    ``ranges`` entry (variables not in ``ranges`` are unbounded) together
    with any set of visited nodes. The answer is exact, not heuristic.

    Raises ConditionError("condition is too complex to analyse", offset 0)
    when the search needs more than MAX_ANALYSIS_STEPS steps, so hostile
    input cannot stall the loader, and a ConditionError at the variable's
    first mention when a variable used in ``expr`` has a range whose low
    end is above its high end.
    """
    search = _Search(ranges)
    search.check_ranges(expr)
    return search.run(expr, False)


def can_all_fail(exprs: Sequence[Expr], ranges: Mapping[str, tuple[int, int]]) -> bool:
    """Whether some state makes every one of ``exprs`` false.

    The linter uses this to warn that all choices at a node are conditional
    and the trainee could be left with none. With no expressions the answer
    is trivially True. Raises like ``satisfiable``.
    """
    return satisfiable(Not(Or(tuple(exprs))), ranges)

