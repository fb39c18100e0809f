"""The tree of a condition: its limits, its error, its node classes, and what
can be read off a tree (its value in a state, what it mentions, its text).

Offsets are excluded from equality and hashing so that structurally equal
conditions compare equal however they were spelled or spaced.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

MAX_LENGTH = 500
MAX_DEPTH = 32
# Satisfiability is NP-hard in general; this bounds the search (roughly
# 0.1 s of work) so a hostile file cannot stall the loader or linter.
MAX_ANALYSIS_STEPS = 500_000

KEYWORDS = frozenset({"and", "or", "not", "true", "false", "visited"})
OPERATORS = ("<", "<=", ">", ">=", "==", "!=")


class ConditionError(ValueError):
    """A condition that cannot be parsed or analysed.

    ``offset`` is a 0-based character index into the source string, so the
    loader can turn it into a file:line:col position.
    """

    def __init__(self, message: str, offset: int = 0, hint: str | None = None) -> None:
        # Passing everything to ValueError keeps the exception picklable.
        super().__init__(message, offset, hint)
        self.message = message
        self.offset = offset
        self.hint = hint

    def __str__(self) -> str:
        return self.message


# Identifiers: a state variable, and a node id.
VAR_RE = re.compile(r"[a-z_][a-z0-9_]*")
NODE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


# --------------------------------------------------------------------------
# AST
#
# Offsets are excluded from equality and hashing so that structurally equal
# conditions compare equal however they were spelled or spaced, and so tests
# and callers can build nodes without inventing positions.


@dataclass(frozen=True, slots=True)
class Compare:
    """``var op value``; the parser always puts the variable on the left."""

    var: str
    op: str
    value: int
    offset: int = field(default=0, compare=False)  # where the variable name starts
    bare: bool = field(default=False, compare=False)  # written as a flag alone (`told`), read as `told != 0`


@dataclass(frozen=True, slots=True)
class Visited:
    node: str
    offset: int = field(default=0, compare=False)  # where the node id starts


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr


@dataclass(frozen=True, slots=True)
class And:
    operands: tuple[Expr, ...]

    def __post_init__(self) -> None:
        # A list would make the node unhashable.
        object.__setattr__(self, "operands", tuple(self.operands))


@dataclass(frozen=True, slots=True)
class Or:
    operands: tuple[Expr, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "operands", tuple(self.operands))


@dataclass(frozen=True, slots=True)
class Const:
    value: bool


Expr: TypeAlias = Compare | Visited | Not | And | Or | Const



# --------------------------------------------------------------------------
# Evaluation and inspection

_OPS: dict[str, Callable[[int, int], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


def evaluate(expr: Expr, state: Mapping[str, int], visited: Container[str]) -> bool:
    """Evaluate ``expr`` against variable values and the set of visited nodes.

    Callers are expected to have checked ``references()`` against the
    scenario when it was loaded; a variable missing from ``state`` raises
    ``KeyError`` rather than silently counting as 0 or false.
    """
    if isinstance(expr, Compare):
        return _OPS[expr.op](state[expr.var], expr.value)
    if isinstance(expr, Visited):
        return expr.node in visited
    if isinstance(expr, Not):
        return not evaluate(expr.operand, state, visited)
    if isinstance(expr, And):
        return all(evaluate(o, state, visited) for o in expr.operands)
    if isinstance(expr, Or):
        return any(evaluate(o, state, visited) for o in expr.operands)
    if isinstance(expr, Const):
        return bool(expr.value)
    raise TypeError(f"not a condition node: {expr!r}")


def references(expr: Expr) -> list[tuple[str, str, int]]:
    """Every variable and node the condition mentions, in source order.

    Items are ``("var", name, offset)`` or ``("node", node_id, offset)``;
    repeated mentions are all listed so each can be reported where it is.
    """
    # A stack, not a nested recursive function: such a function refers to
    # itself through its closure, a cycle that only the garbage collector
    # frees, and `sim analyze` runs with the collector off.
    out: list[tuple[str, str, int]] = []
    stack = [expr]
    while stack:
        e = stack.pop()
        if isinstance(e, Compare):
            out.append(("var", e.var, e.offset))
        elif isinstance(e, Visited):
            out.append(("node", e.node, e.offset))
        elif isinstance(e, Not):
            stack.append(e.operand)
        elif isinstance(e, (And, Or)):
            stack.extend(reversed(e.operands))
        elif not isinstance(e, Const):
            raise TypeError(f"not a condition node: {e!r}")
    return out


def bare_variables(expr: Expr) -> list[tuple[str, int]]:
    """Variables written alone, as flags (`told_to_calm`), with where each starts."""
    return [(e.var, e.offset) for e in _walk(expr) if isinstance(e, Compare) and e.bare]


def _walk(expr: Expr) -> list[Expr]:
    out: list[Expr] = []
    stack = [expr]
    while stack:
        e = stack.pop()
        out.append(e)
        if isinstance(e, Not):
            stack.append(e.operand)
        elif isinstance(e, (And, Or)):
            stack.extend(reversed(e.operands))
    return out


def _collapse(e: Expr) -> Expr:
    # Hand-built And/Or with fewer than two operands have no syntax of their
    # own; print them as what they mean.
    while isinstance(e, (And, Or)) and len(e.operands) < 2:
        if not e.operands:
            return Const(isinstance(e, And))
        e = e.operands[0]
    return e


def to_source(expr: Expr) -> str:
    """Canonical text for ``expr``: parse(to_source(e)) == e.

    Spacing, operand order of comparisons and keyword spelling are
    normalised; parentheses appear only where the tree needs them, so
    ``a and (b and c)`` keeps its grouping but ``(a) and b`` loses it.
    """
    e = _collapse(expr)
    if isinstance(e, Const):
        return "true" if e.value else "false"
    if isinstance(e, Compare):
        if not VAR_RE.fullmatch(e.var) or e.var in KEYWORDS:
            raise ValueError(f"invalid variable name {e.var!r}")
        if e.op not in _OPS:
            raise ValueError(f"invalid operator {e.op!r}")
        if not isinstance(e.value, int) or isinstance(e.value, bool):
            raise ValueError(f"comparison value must be an int, not {e.value!r}")
        if e.bare and e.op == "!=" and e.value == 0:
            return e.var
        return f"{e.var} {e.op} {e.value}"
    if isinstance(e, Visited):
        if not NODE_RE.fullmatch(e.node):
            raise ValueError(f"invalid node id {e.node!r}")
        return f"visited({e.node})"
    if isinstance(e, Not):
        inner = _collapse(e.operand)
        text = to_source(inner)
        return f"not ({text})" if isinstance(inner, (And, Or)) else f"not {text}"
    if isinstance(e, (And, Or)):
        # `and` binds tighter than `or`, so an And inside an Or needs no
        # parentheses; everything else of the same or looser kind does.
        needs_parens = (And, Or) if isinstance(e, And) else (Or,)
        parts = []
        for o in e.operands:
            child = _collapse(o)
            text = to_source(child)
            parts.append(f"({text})" if isinstance(child, needs_parens) else text)
        return (" and " if isinstance(e, And) else " or ").join(parts)
    raise TypeError(f"not a condition node: {e!r}")

