"""The condition language used in scenario ``when:`` fields.

A condition decides whether a choice is offered, for example::

    when: "tension < 90 and not visited(apology)"

Grammar::

    expr       := or_expr
    or_expr    := and_expr ("or" and_expr)*
    and_expr   := unary ("and" unary)*
    unary      := "not" unary | primary
    primary    := "(" expr ")" | "true" | "false" | visited | comparison
    visited    := "visited" "(" NODE_ID ")"
    comparison := VAR OP NUMBER | NUMBER OP VAR
    OP         := "<" | "<=" | ">" | ">=" | "==" | "!="
    VAR        := [a-z_][a-z0-9_]*            (state variable: tension, trust, turn, or a scenario-declared one)
    NODE_ID    := [A-Za-z0-9][A-Za-z0-9_-]*
    NUMBER     := [+-]?[0-9]+                 (integers only)

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

import math
import operator
import re
import string
import unicodedata
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypeAlias

__all__ = [
    "KEYWORDS",
    "MAX_ANALYSIS_STEPS",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "And",
    "Compare",
    "ConditionError",
    "Const",
    "Expr",
    "Not",
    "OPERATORS",
    "Or",
    "Visited",
    "can_all_fail",
    "evaluate",
    "parse",
    "references",
    "satisfiable",
    "to_source",
]

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
# Lexer

_WHITESPACE = " \t\r\n"
_DIGITS = string.digits
_WORD_START = string.ascii_letters + "_"
_WORD_CHARS = string.ascii_letters + string.digits + "_"
_NODE_START = string.ascii_letters + string.digits
_NODE_CHARS = _NODE_START + "_-"
_VAR_RE = re.compile(r"[a-z_][a-z0-9_]*")
_NODE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")

# Words that show up when someone writes Python instead of a condition; naming
# them gives a better message than "expected a comparison operator".
_PYTHON_WORDS = frozenset(
    {"if", "else", "elif", "lambda", "import", "from", "is", "in", "for",
     "while", "def", "class", "return", "yield", "await", "async", "with",
     "None"}
)

_GENERIC_HINT = (
    "conditions contain only variable names, whole numbers, comparison "
    "operators, `(`, `)`, and the words and, or, not, true, false, visited"
)
_QUOTE_HINT = "text in quotes is not part of conditions; node ids are written bare, e.g. `visited(apology)`"
_CHAR_HINTS: dict[str, str] = {
    "'": _QUOTE_HINT,
    '"': _QUOTE_HINT,
    "\u2018": _QUOTE_HINT,
    "\u2019": _QUOTE_HINT,
    "\u201c": _QUOTE_HINT,
    "\u201d": _QUOTE_HINT,
    "+": "arithmetic is not supported; compare a variable with a whole number, e.g. `tension < 50`",
    "-": "arithmetic is not supported; compare a variable with a whole number, e.g. `tension < 50`",
    "*": "arithmetic is not supported; compare a variable with a whole number, e.g. `tension < 50`",
    "/": "arithmetic is not supported; compare a variable with a whole number, e.g. `tension < 50`",
    "%": "arithmetic is not supported; compare a variable with a whole number, e.g. `tension < 50`",
    ".": "attributes and decimals are not supported; use plain names and whole numbers",
    "[": "group conditions with `(` and `)`",
    "]": "group conditions with `(` and `)`",
    "{": "group conditions with `(` and `)`",
    "}": "group conditions with `(` and `)`",
    ",": "join conditions with `and` or `or`",
    "\u2264": "use `<=`",
    "\u2265": "use `>=`",
    "\u2260": "use `!=`",
    "\u2212": "use the plain ASCII minus sign `-`",
    "\u2013": "use the plain ASCII minus sign `-`",
    "\u2014": "use the plain ASCII minus sign `-`",
}


def _show_char(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    name = unicodedata.name(ch, "")
    label = f"{code} {name}" if name else code
    if ch == "`":
        return f"backtick ({code})"
    if ch.isascii() and ch.isprintable() and not ch.isspace():
        return f"`{ch}`"
    if ch.isprintable() and not ch.isspace():
        return f"`{ch}` ({label})"
    # Invisible characters are shown only by code point; printing them inside
    # backticks would look like an empty or blank quote.
    return label


def _char_hint(ch: str) -> str:
    if ch in _CHAR_HINTS:
        return _CHAR_HINTS[ch]
    category = unicodedata.category(ch)
    if ch.isspace() or category in ("Zs", "Zl", "Zp") or ch in "\u200b\u2060\ufeff":
        return "use ordinary spaces; this invisible character was probably pasted in"
    if category.startswith("C"):
        return "remove this invisible control character"
    if not ch.isascii() and (category.startswith("L") or category.startswith("N")):
        return (
            "only plain ASCII letters and digits are allowed; this character may look "
            "like one but was probably pasted in, so retype it"
        )
    return _GENERIC_HINT


class _Token(NamedTuple):
    kind: str  # "(", ")", "op", "num", "word", "eof"
    text: str
    start: int
    end: int


class _Lexer:
    """Scans on demand so ``visited(...)`` can switch to node-id rules."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.last: _Token | None = None
        self._peeked: _Token | None = None

    def peek(self) -> _Token:
        if self._peeked is None:
            self._peeked = self._scan()
        return self._peeked

    def next(self) -> _Token:
        tok = self.peek()
        self._peeked = None
        self.pos = tok.end
        self.last = tok
        return tok

    def _skip_ws(self, i: int) -> int:
        src, n = self.src, len(self.src)
        while i < n and src[i] in _WHITESPACE:
            i += 1
        return i

    def _char_error(self, i: int, where: str = "") -> ConditionError:
        ch = self.src[i]
        return ConditionError(f"unexpected character {_show_char(ch)}{where}", i, _char_hint(ch))

    def _scan(self) -> _Token:
        src, n = self.src, len(self.src)
        i = self._skip_ws(self.pos)
        if i >= n:
            return _Token("eof", "", n, n)
        ch = src[i]
        nxt = src[i + 1] if i + 1 < n else ""
        if ch in "()":
            return _Token(ch, ch, i, i + 1)
        if ch in "<>":
            if nxt == "=":
                return _Token("op", ch + "=", i, i + 2)
            if ch == "<" and nxt == ">":
                raise ConditionError("`<>` is not an operator", i, "use `!=`")
            return _Token("op", ch, i, i + 1)
        if ch == "=":
            if nxt == "=":
                return _Token("op", "==", i, i + 2)
            if nxt in ("<", ">"):
                raise ConditionError(f"`={nxt}` is not an operator", i, f"use `{nxt}=`")
            raise ConditionError("`=` is not an operator", i, "use `==` to compare")
        if ch == "!":
            if nxt == "=":
                return _Token("op", "!=", i, i + 2)
            raise ConditionError("`!` is not an operator", i, "use `not`")
        if ch in "&|":
            text = ch * 2 if nxt == ch else ch
            word = "and" if ch == "&" else "or"
            raise ConditionError(f"`{text}` is not an operator", i, f"use `{word}`")
        if ch in _DIGITS or (ch in "+-" and nxt != "" and nxt in _DIGITS):
            j = i + 1
            while j < n and src[j] in _DIGITS:
                j += 1
            if j + 1 < n and src[j] == "." and src[j + 1] in _DIGITS:
                k = j + 1
                while k < n and src[k] in _DIGITS:
                    k += 1
                raise ConditionError(
                    f"`{src[i:k]}` is not a whole number", i,
                    f"conditions use whole numbers only, e.g. `{src[i:j]}`",
                )
            return _Token("num", src[i:j], i, j)
        if ch in _WORD_START:
            j = i + 1
            while j < n and src[j] in _WORD_CHARS:
                j += 1
            return _Token("word", src[i:j], i, j)
        raise self._char_error(i)

    def read_node_id(self) -> tuple[str, int]:
        """Read ``NODE_ID ")"`` right after ``visited(`` has been consumed."""
        assert self._peeked is None
        src, n = self.src, len(self.src)
        example = "write `visited(node_id)`, e.g. `visited(apology)`"
        i = self._skip_ws(self.pos)
        if i >= n:
            raise ConditionError("expected a node id after `visited(`", n, example)
        ch = src[i]
        if ch == ")":
            raise ConditionError("visited() needs a node id", i, example)
        if ch in "'\"\u2018\u2019\u201c\u201d":
            raise ConditionError(
                "node ids are written without quotes", i,
                "write `visited(apology)`, not `visited(\"apology\")`",
            )
        if ch not in _NODE_START:
            if ch in _NODE_CHARS:
                raise ConditionError(
                    f"a node id cannot start with `{ch}`", i,
                    "node ids start with a letter or a digit",
                )
            raise self._char_error(i, " where a node id should be")
        j = i + 1
        while j < n and src[j] in _NODE_CHARS:
            j += 1
        node = src[i:j]
        k = self._skip_ws(j)
        if k >= n:
            raise ConditionError(
                f"missing `)` after `visited({node}`", n, f"close it: `visited({node})`"
            )
        ch = src[k]
        if ch == ")":
            self.pos = k + 1
            self.last = _Token(")", ")", k, k + 1)
            return node, i
        if ch == ",":
            raise ConditionError(
                "visited() takes exactly one node id", k,
                f"check several nodes with `and` or `or`, e.g. `visited({node}) and visited(other)`",
            )
        if ch in _NODE_CHARS:
            # Only reachable after whitespace: the scan above is greedy.
            raise ConditionError(
                "visited() takes exactly one node id", k,
                "node ids cannot contain spaces; check several nodes with "
                f"`visited({node}) and visited(other)`",
            )
        raise ConditionError(
            f"unexpected character {_show_char(ch)} in a node id", k,
            "node ids contain only letters, digits, `_` and `-`",
        )


# --------------------------------------------------------------------------
# Parser

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_COMPARE_EXAMPLE = "compare a variable with a number, e.g. `tension < 50`"


def _is_kw(tok: _Token, word: str) -> bool:
    return tok.kind == "word" and tok.text == word


def _miscased_keyword(tok: _Token) -> ConditionError | None:
    if tok.kind == "word" and tok.text not in KEYWORDS and tok.text.lower() in KEYWORDS:
        return ConditionError(
            "keywords are lowercase", tok.start,
            f"write `{tok.text.lower()}` instead of `{tok.text}`",
        )
    return None


class _Parser:
    def __init__(self, source: str) -> None:
        self.lx = _Lexer(source)
        self.depth = 0

    def parse(self) -> Expr:
        expr = self.or_expr()
        tok = self.lx.peek()
        if tok.kind != "eof":
            raise self._unexpected(tok, "after the end of the condition")
        return expr

    def _unexpected(self, tok: _Token, where: str, join_hint: str = "join conditions with `and` or `or`") -> ConditionError:
        if tok.kind == ")":
            return ConditionError("unmatched `)`", tok.start, "remove it or add a matching `(` before it")
        err = _miscased_keyword(tok)
        if err is not None:
            return err
        if tok.kind == "op":
            return ConditionError(
                f"unexpected `{tok.text}` {where}", tok.start,
                "a comparison needs one variable and one number, e.g. `tension < 50`",
            )
        return ConditionError(f"unexpected `{tok.text}` {where}", tok.start, join_hint)

    def _enter(self, tok: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError(
                "condition is nested too deeply", tok.start,
                f"use at most {MAX_DEPTH} levels of parentheses and `not`; split it into simpler conditions",
            )

    def or_expr(self) -> Expr:
        items = [self.and_expr()]
        while _is_kw(self.lx.peek(), "or"):
            self.lx.next()
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self) -> Expr:
        items = [self.unary()]
        while _is_kw(self.lx.peek(), "and"):
            self.lx.next()
            items.append(self.unary())
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self) -> Expr:
        # A loop rather than recursion keeps long `not not not ...` chains
        # from using stack; the depth limit still applies to each `not`.
        count = 0
        while _is_kw(self.lx.peek(), "not"):
            self._enter(self.lx.next())
            count += 1
        expr = self.primary()
        self.depth -= count
        for _ in range(count):
            expr = Not(expr)
        return expr

    def primary(self) -> Expr:
        lx = self.lx
        tok = lx.peek()
        if tok.kind == "(":
            lx.next()
            self._enter(tok)
            expr = self.or_expr()
            close = lx.peek()
            if close.kind == "eof":
                # Point at the `(` itself: the end of the text says nothing
                # about which of several parentheses was left open.
                raise ConditionError("this `(` is never closed", tok.start, "add a matching `)`")
            if close.kind != ")":
                raise self._unexpected(
                    close, "inside parentheses",
                    "close the parentheses with `)`, or join conditions with `and` or `or`",
                )
            lx.next()
            self.depth -= 1
            return expr
        if _is_kw(tok, "true") or _is_kw(tok, "false"):
            lx.next()
            after = lx.peek()
            if after.kind == "op":
                raise ConditionError(
                    f"`{tok.text}` cannot be compared", after.start,
                    f"`true` and `false` stand alone; {_COMPARE_EXAMPLE}",
                )
            return Const(tok.text == "true")
        if _is_kw(tok, "visited"):
            lx.next()
            paren = lx.peek()
            if paren.kind != "(":
                raise ConditionError(
                    "expected `(` after `visited`", paren.start,
                    "`visited` is a keyword: write `visited(node_id)`, e.g. `visited(apology)`",
                )
            lx.next()
            node, start = lx.read_node_id()
            return Visited(node, start)
        if tok.kind == "num":
            return self._number_first()
        if tok.kind == "word" and tok.text not in KEYWORDS:
            return self._variable_first()
        raise self._expected_condition(tok)

    def _expected_condition(self, tok: _Token) -> ConditionError:
        err = _miscased_keyword(tok)
        if err is not None:
            return err
        last = self.lx.last
        if tok.kind == "eof":
            assert last is not None  # empty input is rejected before parsing
            return ConditionError(
                f"expected a condition after `{last.text}`", tok.start,
                f"finish the condition or remove the trailing `{last.text}`",
            )
        if tok.kind == ")" and last is not None and last.kind == "(":
            return ConditionError(
                "expected a condition inside `()`", tok.start,
                "put a condition between the parentheses or remove them",
            )
        return ConditionError(
            f"expected a condition before `{tok.text}`", tok.start,
            "a condition is a comparison like `tension < 50`, `visited(node)`, `true` or `false`",
        )

    def _expect_op(self, after: _Token) -> _Token:
        tok = self.lx.peek()
        if tok.kind == "op":
            return self.lx.next()
        found = "" if tok.kind == "eof" else f", found `{tok.text}`"
        hint = _COMPARE_EXAMPLE
        if tok.kind == "word" and tok.text in _PYTHON_WORDS:
            hint = f"conditions are not Python: `{tok.text}` is not supported; {_COMPARE_EXAMPLE}"
        raise ConditionError(f"expected a comparison operator after `{after.text}`{found}", tok.start, hint)

    def _check_variable(self, word: _Token) -> None:
        """Explain a word that cannot be a variable here, most specific first."""
        err = _miscased_keyword(word)
        if err is not None:
            raise err
        # Python words are legal VARs by the grammar (`if < 5` parses), so
        # they are only called out when the text would fail anyway.
        python = ConditionError(
            f"`{word.text}` is not part of the condition language", word.start,
            f"conditions are not Python; {_COMPARE_EXAMPLE}",
        )
        try:
            nxt = self.lx.peek()
        except ConditionError:
            if word.text in _PYTHON_WORDS:
                raise python from None
            raise
        if nxt.kind == "(":
            raise ConditionError(
                f"unknown function `{word.text}`: only visited(node) can be called", word.start,
                f"{_COMPARE_EXAMPLE}, or check a node with `visited(node_id)`",
            )
        if word.text in _PYTHON_WORDS and nxt.kind != "op":
            raise python
        if not _VAR_RE.fullmatch(word.text):
            raise ConditionError(
                "variable names are lowercase", word.start, f"write `{word.text.lower()}`"
            )

    def _variable_first(self) -> Expr:
        lx = self.lx
        word = lx.next()
        self._check_variable(word)
        op = self._expect_op(word)
        rhs = lx.peek()
        if rhs.kind == "num":
            lx.next()
            self._reject_chain(word, op, rhs)
            return Compare(word.text, op.text, int(rhs.text), word.start)
        if rhs.kind == "word" and rhs.text not in KEYWORDS:
            raise ConditionError(
                f"cannot compare two variables (`{word.text}` and `{rhs.text}`)", rhs.start,
                f"compare each variable with a number, e.g. `{word.text} < 50 and {rhs.text} > 20`",
            )
        found = "" if rhs.kind == "eof" else f", found `{rhs.text}`"
        raise ConditionError(f"expected a number after `{op.text}`{found}", rhs.start, _COMPARE_EXAMPLE)

    def _number_first(self) -> Expr:
        lx = self.lx
        num = lx.next()
        op = self._expect_op(num)
        rhs = lx.peek()
        if rhs.kind == "word" and rhs.text not in KEYWORDS:
            word = lx.next()
            self._check_variable(word)
            self._reject_chain(num, op, word)
            return Compare(word.text, _FLIP[op.text], int(num.text), word.start)
        if rhs.kind == "num":
            raise ConditionError(
                "cannot compare two numbers", rhs.start,
                "one side must be a variable, e.g. `tension < 50`",
            )
        err = _miscased_keyword(rhs)
        if err is not None:
            raise err
        found = "" if rhs.kind == "eof" else f", found `{rhs.text}`"
        raise ConditionError(
            f"expected a variable after `{op.text}`{found}", rhs.start,
            "a comparison needs one variable and one number, e.g. `50 > tension`",
        )

    def _reject_chain(self, left: _Token, op: _Token, right: _Token) -> None:
        second = self.lx.peek()
        if second.kind != "op":
            return
        hint = (
            "compare one variable with one number at a time and join them with `and`, "
            "e.g. `10 < tension and tension < 50`"
        )
        if right.kind == "word":
            self.lx.next()
            try:
                third = self.lx.peek()
            except ConditionError:
                third = None
            if third is not None and third.kind == "num":
                hint = (
                    f"use `and`: `{left.text} {op.text} {right.text} and "
                    f"{right.text} {second.text} {third.text}`"
                )
        raise ConditionError("chained comparisons are not supported", second.start, hint)


def parse(source: str) -> Expr:
    """Parse a condition into an AST; raise ConditionError on any problem."""
    if not isinstance(source, str):
        # YAML turns an unquoted `when: true` into a bool before we see it.
        raise ConditionError(
            f"a condition must be text, not {type(source).__name__}", 0,
            'quote it in the scenario file, e.g. when: "true"',
        )
    if len(source) > MAX_LENGTH:
        raise ConditionError(
            f"condition is too long ({len(source)} characters; the limit is {MAX_LENGTH})",
            MAX_LENGTH,
            "split it into simpler conditions, e.g. across several choices",
        )
    if not source.strip(_WHITESPACE):
        raise ConditionError(
            "empty condition", 0,
            "write a condition such as `tension < 50`, or remove the `when:` field",
        )
    return _Parser(source).parse()


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
    out: list[tuple[str, str, int]] = []

    def walk(e: Expr) -> None:
        if isinstance(e, Compare):
            out.append(("var", e.var, e.offset))
        elif isinstance(e, Visited):
            out.append(("node", e.node, e.offset))
        elif isinstance(e, Not):
            walk(e.operand)
        elif isinstance(e, (And, Or)):
            for o in e.operands:
                walk(o)
        elif not isinstance(e, Const):
            raise TypeError(f"not a condition node: {e!r}")

    walk(expr)
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
        if not _VAR_RE.fullmatch(e.var) or e.var in KEYWORDS:
            raise ValueError(f"invalid variable name {e.var!r}")
        if e.op not in _OPS:
            raise ValueError(f"invalid operator {e.op!r}")
        if not isinstance(e.value, int) or isinstance(e.value, bool):
            raise ValueError(f"comparison value must be an int, not {e.value!r}")
        return f"{e.var} {e.op} {e.value}"
    if isinstance(e, Visited):
        if not _NODE_RE.fullmatch(e.node):
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
            branches: list[tuple[Expr, bool]] = []
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
