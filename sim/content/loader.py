"""From a parsed YAML document to a typed model, with every shape problem located.

Pydantic reports problems as paths into the data (`nodes.opening.choices.0.nxet`);
the located document turns each path back into `file:line:col`, and the
messages are rewritten for instructors, who are not programmers.
"""

from __future__ import annotations

import difflib
import re
import threading
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from sim.content.model import (
    LINE_TAGS,
    NEXT_TAGS,
    Catalogue,
    Choice,
    Help,
    Node,
    Outcome,
    Principle,
    Profile,
    Route,
    Said,
    Scenario,
    Speaker,
    Variable,
)
from sim.content.problems import Problem
from sim.content.yamlsafe import (
    AUTHORING_GUIDE,
    Document,
    LList,
    LMap,
    YamlError,
    gc_paused,
    locate,
    parse,
    read_text,
)

M = TypeVar("M", bound=BaseModel)

# Which model sits at a path, so an unknown key can be compared with the keys
# that are allowed right there.
_CHILDREN: dict[type[BaseModel], dict[str, Any]] = {
    Scenario: {"help": Help, "nodes": ("map", Node), "variables": ("map", Variable), "speakers": ("map", Speaker)},
    Node: {"choices": ("list", Choice), "timeout": Outcome, "next": ("list", Route), "client": ("list", Said)},
    Choice: {"next": ("list", Route)},
    Outcome: {"next": ("list", Route)},
    Help: {"next": ("list", Route)},
    Catalogue: {"principles": ("map", Principle)},
}

_TYPE_NAMES = {
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "string_type": "text",
    "dict_type": "a mapping (`key: value` lines)",
    "list_type": "a list (`- item` lines)",
    "model_type": "a mapping (`key: value` lines)",
    "model_attributes_type": "a mapping (`key: value` lines)",
}


def yaml_kind(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text `{value[:40]}`"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the last step of `loc`."""
    current: type[BaseModel] | None = model
    i = 0
    while i < len(loc) - 1 and current is not None:
        child = _CHILDREN.get(current, {}).get(loc[i])
        if child is None:
            return None
        if isinstance(child, tuple):
            current = child[1]
            i += 2
        else:
            current = child
            i += 1
    return current if i == len(loc) - 1 else None


def _fields(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def closest(word: str, options: list[str]) -> str | None:
    """The option `word` was most likely meant to be, if any is close."""
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, options: list[str]) -> str | None:
    meant = closest(word, options)
    return f"did you mean `{meant}`?" if meant else None


def _untagged(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The path without the tags pydantic adds for the form of a `next` (a node id
    or a list) and of a line (a text or a speaker's line)."""
    lines = loc.index("client") if "client" in loc else len(loc)
    return tuple(
        step
        for i, step in enumerate(loc)
        if not (i and loc[i - 1] == "next" and step in NEXT_TAGS) and not (i > lines and step in LINE_TAGS)
    )


def _single_line(doc: Document, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """A `client:` of one line is read as a list of one: the path without that list's index."""
    if "client" not in loc:
        return loc
    at = loc.index("client") + 1
    if at < len(loc) and loc[at] == 0:
        raw: Any = doc.value
        for step in loc[:at]:
            raw = raw.get(step) if isinstance(raw, dict) else None
        if not isinstance(raw, list):
            return loc[:at] + loc[at + 1 :]
    return loc


def _problem_for(doc: Document, model: type[BaseModel], err: ErrorDetails) -> Problem:
    loc = _single_line(doc, _untagged(tuple(err["loc"])))
    kind = err["type"]
    where = ".".join(str(s) for s in loc) or "the file"
    if kind == "extra_forbidden":
        key = loc[-1]
        mark = locate(doc.value, loc, key=True)
        owner = _model_at(model, loc)
        allowed = _fields(owner) if owner else []
        hint = did_you_mean(str(key), allowed) or (f"allowed keys here: {', '.join(allowed)}" if allowed else None)
        return _at(doc, mark, f"unknown key `{key}`", hint, "unknown-key")
    if kind == "missing":
        parent = loc[:-1]
        mark = locate(doc.value, parent)
        field = loc[-1]
        place = f" in `{'.'.join(map(str, parent))}`" if parent else ""
        return _at(doc, mark, f"missing required key `{field}`{place}", f"add `{field}: …` here", "missing-key")
    mark = locate(doc.value, loc)
    value = err.get("input")
    if kind in _TYPE_NAMES:
        expected = _TYPE_NAMES[kind]
        return _at(doc, mark, f"`{where}` should be {expected}, not {yaml_kind(value)}", _type_hint(kind), "type")
    if kind in ("enum", "literal_error"):
        expected = err.get("ctx", {}).get("expected", "")
        options = re.findall(r"'([^']*)'", expected)
        hint = did_you_mean(str(value), options) if isinstance(value, str) else None
        return _at(doc, mark, f"`{where}`: {yaml_kind(value)} is not allowed", hint or f"use one of: {', '.join(options) or expected}", "value")
    if kind == "string_pattern_mismatch":
        return _at(
            doc,
            mark,
            f"`{where}`: {yaml_kind(value)} is not a valid name",
            "ids use letters, digits, `-` and `_`; variables are lowercase with `_`; languages are codes like `fi`",
            "value",
        )
    if kind.startswith(("greater_than", "less_than")):
        return _at(doc, mark, f"`{where}`: {err['msg'].lower()} (got {value})", None, "range")
    if kind in ("too_short", "too_long", "string_too_long"):
        return _at(doc, mark, f"`{where}`: {err['msg'].lower()}", None, "value")
    message = err["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    return _at(doc, mark, f"`{where}`: {message}", None, "value")


def _type_hint(kind: str) -> str | None:
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "indent the keys that belong here under it"
    if kind == "list_type":
        return "start each item on its own line with `- `"
    if kind == "string_type":
        return "put the value in quotes to make it text"
    if kind in ("int_type", "int_from_float"):
        return "write a number without quotes or decimals, like `10` or `-5`"
    return None


def _at(doc: Document, mark: tuple[int, int] | None, message: str, hint: str | None, code: str) -> Problem:
    line, col = mark or doc.mark
    return Problem(doc.path, line, col, message, hint, "error", code)


def validate(doc: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Build `model` from the document, or return every shape problem in it."""
    if not isinstance(doc.value, LMap):
        return None, [
            _at(doc, doc.mark, f"the file should be a mapping of keys, not {yaml_kind(doc.value)}", f"see {AUTHORING_GUIDE} for the format", "type")
        ]
    try:
        return model.model_validate(doc.value), []
    except ValidationError as exc:
        problems = [_problem_for(doc, model, err) for err in exc.errors(include_url=False)]
        return None, sorted(set(problems), key=lambda p: (p.line, p.col, p.message))


# The files loaded last, by path and model, reused while their text is the
# same: `sim validate` reads every file twice (the library, then the check of
# its translations) and the simulator reloads a whole folder when one file in
# it changes. Models are frozen and documents are not changed after parsing,
# so sharing them is safe. At most CACHE_CHARS characters of text are covered.
CACHE_CHARS = 16 * 1024 * 1024
_cache: dict[tuple[str, type[BaseModel]], tuple[tuple[int, int], Any, Document | None, tuple[Problem, ...]]] = {}
_cache_chars = 0
_cache_lock = threading.Lock()


def load(path: Path, model: type[M]) -> tuple[M | None, Document | None, list[Problem]]:
    """Parse and shape-check one file."""
    global _cache_chars
    try:
        text = read_text(path)
    except YamlError as exc:
        return None, None, [exc.problem]
    key = (str(path), model)
    stamp = (len(text), hash(text))
    with _cache_lock:
        hit = _cache.pop(key, None)
        if hit is not None:
            _cache_chars -= hit[0][0]
            if hit[0] == stamp:
                _cache[key] = hit  # the most recently used last
                _cache_chars += stamp[0]
                return hit[1], hit[2], list(hit[3])
    doc: Document | None
    try:
        doc = parsed = parse(text, str(path))
    except YamlError as exc:
        obj, doc, problems = None, None, [exc.problem]
    else:
        with gc_paused():  # pydantic builds as many objects as the parser
            obj, problems = validate(parsed, model)
    if stamp[0] <= CACHE_CHARS:
        with _cache_lock:
            _cache[key] = (stamp, obj, doc, tuple(problems))
            _cache_chars += stamp[0]
            while _cache_chars > CACHE_CHARS:
                oldest = next(iter(_cache))
                _cache_chars -= _cache.pop(oldest)[0][0]
    return obj, doc, problems


__all__ = ["Catalogue", "LList", "LMap", "Profile", "Scenario", "did_you_mean", "load", "validate"]
