"""The formats a report is written in: one list for `sim report --format`,
the TUI's save dialog and `data.render`.

A module of its own that imports nothing, so the CLI builds its parser
without loading the report code."""

from __future__ import annotations

FORMATS = ("md", "html", "json")
