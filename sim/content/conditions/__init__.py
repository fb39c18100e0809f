"""The condition language used in scenario ``when:`` fields.

A condition decides whether a choice is offered, for example::

    when: "tension < 90 and not visited(apology)"

Grammar::

    expr       := or_expr
    or_expr    := and_expr ("or" and_expr)*
    and_expr   := unary ("and" unary)*
    unary      := "not" unary | primary
    primary    := "(" expr ")" | "true" | "false" | visited | comparison | FLAG
    visited    := "visited" "(" NODE_ID ")"
    comparison := VAR OP NUMBER | NUMBER OP VAR
    OP         := "<" | "<=" | ">" | ">=" | "==" | "!="
    VAR        := [a-z_][a-z0-9_]*            (state variable: tension, trust, turn, or a scenario-declared one)
    NODE_ID    := [A-Za-z0-9][A-Za-z0-9_-]*
    NUMBER     := [+-]?[0-9]+                 (integers only)
    FLAG       := VAR                         (a variable alone: a flag that holds, read as VAR != 0)

Keywords (``and``, ``or``, ``not``, ``true``, ``false``, ``visited``) are
lowercase and case-sensitive. Whitespace (space, tab, newline) is free
between tokens. A comparison needs exactly one variable and one number;
``10 < tension < 50`` must be written ``10 < tension and tension < 50``.

Limits: at most 500 characters and at most 32 nested levels of parentheses
and ``not``.

Conditions come from files that anyone can share, so they are parsed by the
small recursive-descent parser below and interpreted over a tiny AST; nothing
is ever handed to Python's ``eval``/``exec``/``compile``. The parser's
recursion is bounded by the nesting limit, so hostile input produces a
``ConditionError`` and never a ``RecursionError``.

Public API: ``parse``, ``evaluate``, ``references``, ``satisfiable``,
``can_all_fail``, ``to_source``, ``ConditionError`` and the AST node classes
``Compare``, ``Visited``, ``Not``, ``And``, ``Or``, ``Const``.
"""

from __future__ import annotations

from sim.content.conditions.parser import parse
from sim.content.conditions.solver import can_all_fail, satisfiable
from sim.content.conditions.syntax import (
    KEYWORDS,
    MAX_ANALYSIS_STEPS,
    MAX_DEPTH,
    MAX_LENGTH,
    OPERATORS,
    And,
    Compare,
    ConditionError,
    Const,
    Expr,
    Not,
    Or,
    Visited,
    bare_variables,
    evaluate,
    references,
    to_source,
)

__all__ = [
    "KEYWORDS",
    "MAX_ANALYSIS_STEPS",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "OPERATORS",
    "And",
    "Compare",
    "ConditionError",
    "Const",
    "Expr",
    "Not",
    "Or",
    "Visited",
    "bare_variables",
    "can_all_fail",
    "evaluate",
    "parse",
    "references",
    "satisfiable",
    "to_source",
]
