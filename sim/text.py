"""Authored text: choosing a language and neutralising characters that could
restyle or escape the terminal.

Authored YAML is data. Whatever a scenario file contains, the trainee must see
the words literally: no terminal escape sequence, no bidi override that
reorders a line, no invisible character hiding part of it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import TypeAlias

LocalText: TypeAlias = "str | Mapping[str, str]"

# C0 controls (but tab and newline) and DEL become visible control pictures,
# so an author sees "␛[31m" instead of the terminal obeying it.
_C0 = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)}
_C0[0x7F] = "\u2421"
# C1 controls (including the 8-bit CSI and OSC introducers) have no picture.
_C1 = dict.fromkeys(range(0x80, 0xA0), "\ufffd")
# Bidi embeddings, overrides and isolates, the zero-width space, invisible
# operators and tag characters are removed: they are how "Trojan source" text
# reorders or hides what is shown. Kept, because scripts need them: the
# zero-width (non-)joiner (Persian, Indic scripts, emoji sequences) and the
# implicit direction marks LRM, RLM and ALM, which cannot reorder a line.
_INVISIBLE = dict.fromkeys(
    (
        0x200B,
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2065),
        *range(0x2066, 0x206A),
        0xFEFF,
        *range(0xE0000, 0xE0080),
    )
)
_TABLE = {**_C0, **_C1, **_INVISIBLE, 0x09: "    "}
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2060-\u2069\ufeff\t\U000e0000-\U000e007f]")


def clean(text: str) -> str:
    """Return `text` safe to print to a terminal, keeping newlines."""
    if _UNSAFE.search(text) is None:
        return text
    return text.translate(_TABLE)


def is_clean(text: str) -> bool:
    return _UNSAFE.search(text) is None


def clean_tree(value: object) -> object:
    """`value` (JSON-like data: dicts, lists, strings, numbers) with every string,
    keys included, `clean`ed: what a command prints as JSON is as safe as its text."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean(k) if isinstance(k, str) else k: clean_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_tree(v) for v in value]
    return value


def localize(text: LocalText | None, lang: str, default: str = "en") -> str:
    """Pick `lang` from a per-language text, falling back to `default`, then
    to English, then to whatever language the author gave first."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for key in (lang, default, "en"):
        value = text.get(key)
        if value is not None:
            return value
    return next(iter(text.values()), "")


def languages(text: LocalText | None, default: str) -> set[str]:
    """Languages a text is available in; a plain string is in `default`."""
    if text is None:
        return set()
    if isinstance(text, str):
        return {default}
    return set(text)


def local_time(stamp: str | datetime | None, *, zone: bool = False) -> str:
    """An ISO timestamp (or a datetime) as the user's local date and time, to
    the minute; with `zone`, followed by its UTC offset, for a report read
    elsewhere than where it was made."""
    if not stamp:
        return "—"
    if isinstance(stamp, datetime):
        moment = stamp
    else:
        try:
            moment = datetime.fromisoformat(stamp)
        except ValueError:
            return stamp[:16]
    local = moment.astimezone()
    shown = local.strftime("%Y-%m-%d %H:%M")
    if not zone:
        return shown
    return f"{shown} ({zone_name(local)})"


def zone_name(moment: datetime) -> str:
    """A moment's time zone as its offset from UTC: "UTC", "UTC+02:00"."""
    offset = moment.strftime("%z")  # +0200
    return "UTC" if offset in ("+0000", "-0000", "") else f"UTC{offset[:3]}:{offset[3:5]}"
