"""The instructor's class view: every trainee of this machine's history (or of
a classroom server's data folder) by principle, the class's assignments, and
the choices most often missed. The figures are sim.reports.classview's, the
same `sim class` prints, writes as CSV or HTML, and reads back from an LRS."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from sim.errors import UserError
from sim.text import clean
from sim.tui.screens.base import SimScreen

VIEWS = ("grid-view", "assignments-view", "missed-view")
PASS_LINE = 50  # the grade "needs practice" below it


class ClassScreen(SimScreen[None]):
    AUTO_FOCUS = "#grid"

    BINDINGS = [
        Binding("t", "switch_view", "key.history_view", id="class.view", tooltip="tip.classview"),
        Binding("escape", "back", "key.back", id="class.back", tooltip="tip.back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="class")
        self.view: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(self.t("history.loading")), id="class-status")
        with TabbedContent(id="class-views", initial="grid-view"):
            with TabPane(self.t("classview.tab.grid"), id="grid-view"):
                yield DataTable(id="grid", cursor_type="row", zebra_stripes=True)
            with TabPane(self.t("classview.tab.assignments"), id="assignments-view"):
                yield DataTable(id="assignments", cursor_type="row", zebra_stripes=True)
            with TabPane(self.t("classview.tab.missed"), id="missed-view"), VerticalScroll(id="missed-scroll"):
                yield Static(id="missed")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.t("classview.subtitle")
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="class")
    def _load(self) -> None:
        from datetime import datetime

        from sim.content import assignments as assignment_file
        from sim.paths import data_dir
        from sim.reports.classview import Roster, class_view
        from sim.reports.cohort import from_history
        from sim.reports.practice import load_assignments
        from sim.session.history import Store

        library = self.app.catalog.library
        try:
            given, problems = load_assignments(assignment_file.default_path(data_dir()), library)
            with Store() as store:
                attempts = from_history(store)
            roster = Roster(tuple(given.trainees) if given else ())
            view = class_view(attempts, library, self.lang, datetime.now().astimezone(), roster=roster, assignments=given)
        except UserError as exc:
            self.app.call_from_thread(self._status, exc.message_in(self.lang))
            return
        broken = next((p.location for p in problems if p.severity == "error"), None)
        self.app.call_from_thread(self._show, view, broken)

    def _status(self, text: str) -> None:
        status = self.query_one("#class-status", Static)
        status.update(Content(text))
        status.display = bool(text)

    def _show(self, view: dict[str, Any], broken: str | None) -> None:
        self.view = view
        notes = []
        if not view["trainees"]:
            notes.append(self.t("classview.empty"))
        if broken:
            notes.append(self.t("next.assignments_broken", path=broken))
        self._status("\n".join(notes))
        self._fill_grid(view)
        self._fill_assignments(view)
        self._fill_missed(view)

    def _fill_grid(self, view: dict[str, Any]) -> None:
        """Trainees down, principles across: each cell the latest score and its change since the first."""
        table = self.query_one("#grid", DataTable)
        table.clear(columns=True)
        table.add_column(Text(self.t("cli.class.col.trainee")), key="trainee")
        table.add_column(Text(self.t("classview.col.sessions")), key="sessions")
        table.add_column(Text(self.t("classview.col.first_last")), key="first-last")
        for p in view["principles"]:
            table.add_column(Text(_short_name(p["name"])), key=f"p:{p['id']}")
        for person in view["trainees"]:
            cells: list[Text] = [Text(clean(person["name"])), Text(str(person["sessions"]), justify="right"), _first_last(person)]
            for p in view["principles"]:
                cell = view["grid"][person["name"]][p["id"]]
                cells.append(_cell(cell))
            table.add_row(*cells, key=person["name"])

    def _fill_assignments(self, view: dict[str, Any]) -> None:
        table = self.query_one("#assignments", DataTable)
        table.clear(columns=True)
        table.add_column(Text(self.t("cli.class.col.trainee")), key="trainee")
        # Labels as Text: a title with `[` in it is text, not markup. Keys by position: a
        # scenario may be assigned twice (to two groups of the class).
        for i, a in enumerate(view["assignments"]):
            due = f" {a['due']}" if a["due"] else ""
            table.add_column(Text(f"{_short_name(a['title'])}{due} ({a['done']}/{a['of']})"), key=f"a:{i}")
        names = [p["name"] for p in view["trainees"]]
        for name in names:
            cells = [Text(clean(name))]
            for a in view["assignments"]:
                s = a["trainees"].get(name)
                if s is None:
                    cells.append(Text(""))
                    continue
                word = self.t(f"classview.status.{s['status']}")
                if s["late"] or s["overdue"]:
                    word += " " + self.t("classview.late" if s["late"] else "classview.overdue")
                cells.append(Text(word, style="dim" if s["status"] == "not-started" else ""))
            table.add_row(*cells, key=name)
        if not view["assignments"]:
            table.add_column(Text(self.t("classview.no_assignments")), key="none")

    def _fill_missed(self, view: dict[str, Any]) -> None:
        lines = []
        for row in view["missed"]:
            lines.append(self.t("classview.missed_row", title=row["title"], node=row["node"], missed=row["missed"], turns=row["turns"]))
            for i in row["instead"][:2]:
                lines.append("  ✗ " + self.t("classview.took", say=i["say"], times=i["times"]))
            if row["better"]:
                lines.append("  ✓ " + self.t("classview.better", say=row["better"][0]["say"]))
            lines.append("")
        self.query_one("#missed", Static).update(Content("\n".join(lines) or self.t("classview.missed_none")))

    def action_switch_view(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = VIEWS[(VIEWS.index(tabs.active) + 1) % len(VIEWS)] if tabs.active in VIEWS else VIEWS[0]
        focus = {"grid-view": "#grid", "assignments-view": "#assignments", "missed-view": "#missed-scroll"}[tabs.active]
        self.query_one(focus).focus()

    def action_back(self) -> None:
        self.dismiss(None)


def _short_name(name: str, width: int = 14) -> str:
    name = clean(name)
    return name if len(name) <= width else name[: width - 1] + "…"


def _first_last(person: dict[str, Any]) -> Text:
    """The overall score of the first attempt and of the last ("61→93")."""
    first, last = person["first"], person["last"]
    if first is None:
        return Text("—", style="dim", justify="right")

    def score(attempt: dict[str, Any]) -> str:
        return "—" if attempt["overall"] is None else str(attempt["overall"])

    return Text(score(first) if last is None else f"{score(first)}→{score(last)}", justify="right")


def _cell(cell: dict[str, Any]) -> Text:
    if cell["latest"] is None:
        return Text("—", style="dim", justify="right")
    trend = cell["trend"]
    mark = "" if not trend else (f" ▲{trend}" if trend > 0 else f" ▼{-trend}")
    # Below the pass line in bold, not in a colour: it reads the same in both themes and without colour.
    text = Text(str(cell["latest"]), style="bold" if cell["latest"] < PASS_LINE else "", justify="right")
    text.append(mark, style="dim")
    return text
