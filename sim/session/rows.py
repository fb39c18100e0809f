"""Values read back from the history database, type-checked.

SQLite keeps whatever a column is given, and the database is a file in the
user's data folder that other programs (or a damaged disk) may have changed:
a value of the wrong type must be named, with its table, row and column, and
its row skipped, never reach a report as a crash. Standard library only, as
the store itself.
"""

from __future__ import annotations

import json
from typing import Any

MAX_JSON_CHARS = 1_000_000  # a turn's offered options are a few kB


class Damaged(ValueError):
    """A value that does not have the type its column promises."""

    def __init__(self, column: str, why: str) -> None:
        super().__init__(f"{column}: {why}")
        self.column = column
        self.why = why


def _kind(value: object) -> str:
    return {str: "text", int: "a whole number", float: "a decimal number", bytes: "binary data", type(None): "nothing"}.get(type(value), type(value).__name__)


def text(value: object, column: str) -> str:
    if isinstance(value, str):
        return value
    raise Damaged(column, f"expected text, found {_kind(value)}")


def optional_text(value: object, column: str) -> str | None:
    return None if value is None else text(value, column)


def whole(value: object, column: str, low: int | None = None, high: int | None = None) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise Damaged(column, f"expected a whole number, found {_kind(value)}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise Damaged(column, f"{value} is outside {low}–{high}")
    return value


def optional_whole(value: object, column: str, low: int | None = None, high: int | None = None) -> int | None:
    return None if value is None else whole(value, column, low, high)


def flag(value: object, column: str) -> bool:
    return bool(whole(value, column, 0, 1))


def _json(value: object, column: str) -> Any:
    raw = text(value, column)
    if len(raw) > MAX_JSON_CHARS:
        raise Damaged(column, f"longer than {MAX_JSON_CHARS:,} characters")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise Damaged(column, f"not JSON ({exc})") from None


def json_value(value: object, column: str) -> Any:
    """A JSON column's value, parsed (any JSON; its shape is the caller's to check)."""
    return _json(value, column)


def text_map(value: object, column: str) -> dict[str, str]:
    """A JSON object of texts (`{"en": …, "fi": …}`)."""
    data = _json(value, column)
    if isinstance(data, dict) and all(isinstance(v, str) for v in data.values()):
        return data
    raise Damaged(column, "expected a JSON object of texts")


def counts(value: object, column: str) -> dict[str, int]:
    """A JSON object of whole numbers (a state, principle deltas)."""
    data = _json(value, column)
    if isinstance(data, dict) and all(isinstance(v, int) and not isinstance(v, bool) for v in data.values()):
        return data
    raise Damaged(column, "expected a JSON object of whole numbers")


def texts(value: object, column: str) -> list[str]:
    data = _json(value, column)
    if isinstance(data, list) and all(isinstance(v, str) for v in data):
        return data
    raise Damaged(column, "expected a JSON list of texts")


def options(value: object, column: str) -> list[dict[str, Any]]:
    """A turn's offered options: each with a text `id` and `action`, texts in
    `say`, whole numbers in `principles` and a whole-number `worth` or none."""
    data = _json(value, column)
    if not isinstance(data, list):
        raise Damaged(column, "expected a JSON list of options")
    for option in data:
        ok = (
            isinstance(option, dict)
            and isinstance(option.get("id"), str)
            and isinstance(option.get("action"), str)
            and isinstance(option.get("say", {}), dict)
            and all(isinstance(v, str) for v in option.get("say", {}).values())
            and isinstance(option.get("principles", {}), dict)
            and all(isinstance(v, int) and not isinstance(v, bool) for v in option.get("principles", {}).values())
            and (option.get("worth") is None or (isinstance(option["worth"], int) and not isinstance(option["worth"], bool)))
        )
        if not ok:
            raise Damaged(column, "an option is not in the shape the simulator writes")
    return data


MAX_HEARD = 10_000  # varied lines a scenario can have, and more


def heard(value: object) -> dict[str, tuple[int, ...]]:
    """Which variants of each varied line a trainee has heard (sim.core.engine.Session.heard).
    Only the choice of words hangs on it, so a damaged value reads as nothing heard
    rather than making its session unreadable."""
    if value is None:
        return {}
    try:
        data = _json(value, "heard")
    except Damaged:
        return {}
    if not isinstance(data, dict) or len(data) > MAX_HEARD:
        return {}
    out: dict[str, tuple[int, ...]] = {}
    for key, order in data.items():
        well_formed = isinstance(key, str) and len(key) <= 500 and isinstance(order, list) and len(order) <= 50
        if well_formed and all(isinstance(i, int) and not isinstance(i, bool) and 0 <= i < 50 for i in order):
            out[key] = tuple(dict.fromkeys(order))
    return out
