"""The recursive-descent parser: tokens to a tree. Its recursion is bounded
by MAX_DEPTH, so hostile input gives a ConditionError, never a RecursionError."""

from __future__ import annotations

from sim.content.conditions.lexer import PYTHON_WORDS, WHITESPACE, Lexer, Token
from sim.content.conditions.syntax import (
    KEYWORDS,
    MAX_DEPTH,
    MAX_LENGTH,
    VAR_RE,
    And,
    Compare,
    ConditionError,
    Const,
    Expr,
    Not,
    Or,
    Visited,
)

# --------------------------------------------------------------------------
# Parser

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_COMPARE_EXAMPLE = "compare a variable with a number, e.g. `tension < 50`"


def _is_kw(tok: Token, word: str) -> bool:
    return tok.kind == "word" and tok.text == word


def _miscased_keyword(tok: Token) -> ConditionError | None:
    if tok.kind == "word" and tok.text not in KEYWORDS and tok.text.lower() in KEYWORDS:
        return ConditionError(
            "keywords are lowercase", tok.start,
            f"write `{tok.text.lower()}` instead of `{tok.text}`",
        )
    return None


class _Parser:
    def __init__(self, source: str) -> None:
        self.lx = Lexer(source)
        self.depth = 0

    def parse(self) -> Expr:
        expr = self.or_expr()
        tok = self.lx.peek()
        if tok.kind != "eof":
            raise self._unexpected(tok, "after the end of the condition")
        return expr

    def _unexpected(self, tok: Token, where: str, join_hint: str = "join conditions with `and` or `or`") -> ConditionError:
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

    def _enter(self, tok: Token) -> None:
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

    def _expected_condition(self, tok: Token) -> ConditionError:
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

    def _expect_op(self, after: Token) -> Token:
        tok = self.lx.peek()
        if tok.kind == "op":
            return self.lx.next()
        found = "" if tok.kind == "eof" else f", found `{tok.text}`"
        hint = _COMPARE_EXAMPLE
        if tok.kind == "word" and tok.text in PYTHON_WORDS:
            hint = f"conditions are not Python: `{tok.text}` is not supported; {_COMPARE_EXAMPLE}"
        raise ConditionError(f"expected a comparison operator after `{after.text}`{found}", tok.start, hint)

    def _check_variable(self, word: Token) -> None:
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
            if word.text in PYTHON_WORDS:
                raise python from None
            raise
        if nxt.kind == "(":
            raise ConditionError(
                f"unknown function `{word.text}`: only visited(node) can be called", word.start,
                f"{_COMPARE_EXAMPLE}, or check a node with `visited(node_id)`",
            )
        if word.text in PYTHON_WORDS and nxt.kind != "op":
            raise python
        if not VAR_RE.fullmatch(word.text):
            raise ConditionError(
                "variable names are lowercase", word.start, f"write `{word.text.lower()}`"
            )

    def _variable_first(self) -> Expr:
        lx = self.lx
        word = lx.next()
        self._check_variable(word)
        if self.lx.peek().kind in ("eof", ")") or _is_kw(self.lx.peek(), "and") or _is_kw(self.lx.peek(), "or"):
            # A variable alone is a flag that holds: `told_to_calm` means `told_to_calm != 0`.
            # Whether it is one is checked against the scenario, which the parser does not see.
            return Compare(word.text, "!=", 0, word.start, bare=True)
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

    def _reject_chain(self, left: Token, op: Token, right: Token) -> None:
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
    if not source.strip(WHITESPACE):
        raise ConditionError(
            "empty condition", 0,
            "write a condition such as `tension < 50`, or remove the `when:` field",
        )
    return _Parser(source).parse()

