"""Splitting a condition into tokens, with a located message and a hint for
every character that cannot start one (Python, smart quotes, arithmetic …)."""

from __future__ import annotations

import string
import unicodedata
from typing import NamedTuple

from sim.content.conditions.syntax import ConditionError

# --------------------------------------------------------------------------
# Lexer

WHITESPACE = " \t\r\n"
_DIGITS = string.digits
_WORD_START = string.ascii_letters + "_"
_WORD_CHARS = string.ascii_letters + string.digits + "_"
_NODE_START = string.ascii_letters + string.digits
_NODE_CHARS = _NODE_START + "_-"

# Words that show up when someone writes Python instead of a condition; naming
# them gives a better message than "expected a comparison operator".
PYTHON_WORDS = frozenset(
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
    if not ch.isascii() and category.startswith(("L", "N")):
        return (
            "only plain ASCII letters and digits are allowed; this character may look "
            "like one but was probably pasted in, so retype it"
        )
    return _GENERIC_HINT


class Token(NamedTuple):
    kind: str  # "(", ")", "op", "num", "word", "eof"
    text: str
    start: int
    end: int


class Lexer:
    """Scans on demand so ``visited(...)`` can switch to node-id rules."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.last: Token | None = None
        self._peeked: Token | None = None

    def peek(self) -> Token:
        if self._peeked is None:
            self._peeked = self._scan()
        return self._peeked

    def next(self) -> Token:
        tok = self.peek()
        self._peeked = None
        self.pos = tok.end
        self.last = tok
        return tok

    def _skip_ws(self, i: int) -> int:
        src, n = self.src, len(self.src)
        while i < n and src[i] in WHITESPACE:
            i += 1
        return i

    def _char_error(self, i: int, where: str = "") -> ConditionError:
        ch = self.src[i]
        return ConditionError(f"unexpected character {_show_char(ch)}{where}", i, _char_hint(ch))

    def _scan(self) -> Token:
        src, n = self.src, len(self.src)
        i = self._skip_ws(self.pos)
        if i >= n:
            return Token("eof", "", n, n)
        ch = src[i]
        nxt = src[i + 1] if i + 1 < n else ""
        if ch in "()":
            return Token(ch, ch, i, i + 1)
        if ch in "<>":
            if nxt == "=":
                return Token("op", ch + "=", i, i + 2)
            if ch == "<" and nxt == ">":
                raise ConditionError("`<>` is not an operator", i, "use `!=`")
            return Token("op", ch, i, i + 1)
        if ch == "=":
            if nxt == "=":
                return Token("op", "==", i, i + 2)
            if nxt in ("<", ">"):
                raise ConditionError(f"`={nxt}` is not an operator", i, f"use `{nxt}=`")
            raise ConditionError("`=` is not an operator", i, "use `==` to compare")
        if ch == "!":
            if nxt == "=":
                return Token("op", "!=", i, i + 2)
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
            return Token("num", src[i:j], i, j)
        if ch in _WORD_START:
            j = i + 1
            while j < n and src[j] in _WORD_CHARS:
                j += 1
            return Token("word", src[i:j], i, j)
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
            self.last = Token(")", ")", k, k + 1)
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

