"""Errors a user can act on: where it happened, what, and what to do next.

Kept dependency-free so that `sim.cli.main` can catch them without importing
the store, the exporter or anything else heavy.
"""

from __future__ import annotations


class UserError(Exception):
    """A failure caused by the environment or the input, not by a bug:
    shown as `where: message` plus a hint, never as a traceback."""

    def __init__(self, where: str, message: str, hint: str | None = None) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message
        self.hint = hint

    def format(self) -> str:
        text = f"{self.where}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text
