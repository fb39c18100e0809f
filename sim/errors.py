"""Errors a user can act on: where it happened, what, and what to do next.

Kept dependency-free so that every front end can catch them without importing
the store, the exporter or anything else heavy (sim.i18n, the only import, is
a dictionary and is imported when an error is worded).

An error is worded from the catalogue (sim/i18n.py) with `SomeError.of(where,
key, hint_key, **fields)` and says itself in any language: `format(lang)`,
`message_in(lang)`, `hint_in(lang)`. Its `.message` and `.hint` stay the
English words, for logs, the xAPI outbox's `last_error` and code that reads
them. `where` (a path, a URL, a session id) is never translated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Self

# Every front end exits with these: 0 ok, 1 problems found in the input (or
# an export that left statements queued), 2 bad usage or unreadable input,
# 3 a bug (never with a traceback), 130 interrupted with ctrl+c.
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class UserError(Exception):
    """A failure caused by the environment or the input, not by a bug:
    shown as `where: message` plus a hint, never as a traceback."""

    # Set by `of`: the catalogue keys and their fields. Without them (an error
    # made with words, as before), every language shows `.message` and `.hint`.
    key: str | None = None
    hint_key: str | None = None
    fields: Mapping[str, object] = {}

    def __init__(self, where: str, message: str, hint: str | None = None) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message
        self.hint = hint

    @classmethod
    def of(cls, where: str, key: str, hint_key: str | None = None, /, **fields: object) -> Self:
        """The error worded by the catalogue's `key` (and `hint_key`), both
        filled in with `fields`. A float field is written as the language
        writes numbers (2.5 / 2,5); a field given as `{lang: text}` (English
        required) is taken in the language shown, for a detail that is worded
        elsewhere in each language."""
        error = cls(where, _fill(key, "en", fields), _fill(hint_key, "en", fields) if hint_key else None)
        error.key, error.hint_key, error.fields = key, hint_key, dict(fields)
        return error

    def message_in(self, lang: str) -> str:
        return _fill(self.key, lang, self.fields) if self.key else self.message

    def hint_in(self, lang: str) -> str | None:
        return _fill(self.hint_key, lang, self.fields) if self.hint_key else self.hint

    def format(self, lang: str = "en") -> str:
        """`where: message` and, indented, `hint: …`, in `lang` (English by default)."""
        text = f"{self.where}: {self.message_in(lang)}"
        hint = self.hint_in(lang)
        if hint:
            from sim.i18n import t

            text += "\n    " + t("cli.hint", lang, hint=hint)
        return text


def _fill(key: str | None, lang: str, fields: Mapping[str, object]) -> str:
    from sim.i18n import t

    assert key is not None
    return t(key, lang, **{name: _value(value, lang) for name, value in fields.items()})


def _value(value: object, lang: str) -> object:
    if isinstance(value, Mapping):
        return value[lang] if lang in value else value["en"]
    if isinstance(value, float):
        from sim.i18n import decimal_text

        return decimal_text(f"{value:g}", lang)
    return value
