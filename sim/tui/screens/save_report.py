"""Which report to write: HTML to open or print, Markdown to paste, JSON for
an instructor's `sim summary` — or all three side by side."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from sim.reports.formats import FORMATS
from sim.tui.screens.base import SimModal

# HTML first: the report a trainee opens or prints.
SHOWN = ("html", *(f for f in FORMATS if f != "html"))
CHOICES: tuple[tuple[str, tuple[str, ...]], ...] = (*((f, (f,)) for f in SHOWN), ("all", SHOWN))


class SaveReportScreen(SimModal[tuple[str, ...] | None]):
    """Dismissed with the formats to write, or None."""

    BINDINGS = [
        Binding("enter", "save", "key.save", priority=True, id="report.save", tooltip="tip.save_format"),
        Binding("escape", "cancel", "key.cancel", id="report.cancel", tooltip="tip.cancel_report"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = self.t("report.title")
            yield Static(Content(self.t("report.body")), classes="message")
            yield OptionList(*(Option(Content(self.t(f"report.{key}")), id=key) for key, _ in CHOICES), id="formats")
        yield Footer()

    def on_mount(self) -> None:
        formats = self.query_one(OptionList)
        formats.highlighted = 0
        formats.focus()

    def action_save(self) -> None:
        self.after_pending_keys(self._save)

    def _save(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss(CHOICES[index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
