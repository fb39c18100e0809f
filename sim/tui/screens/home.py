"""The scenario list: what there is to practise, how hard it is, and how the
trainee did last time. Files with errors are listed too, so an instructor
sees them instead of wondering where a scenario went."""

from __future__ import annotations

import textwrap
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.widgets import DataTable, Footer, Header, Input, Static

from sim.session.catalog import Catalog, Entry
from sim.text import clean, localize
from sim.tui.messages import ScenarioChosen
from sim.tui.screens.base import SimScreen, localize_bindings
from sim.tui.widgets.plain_input import PlainInput

# Widths of the fixed columns; the title takes what is left.
FIXED = {"channel": 9, "client": 16, "level": 8, "lang": 5, "last": 6}
CELL_PADDING = 2  # DataTable pads each cell by one on both sides
MIN_TITLE = 16


class HomeScreen(SimScreen[None]):
    AUTO_FOCUS = "#filter"

    BINDINGS = [
        # Priority, so Enter opens the highlighted row even while typing a filter.
        Binding("enter", "open", "key.open", priority=True, id="home.open", tooltip="tip.open"),
        Binding("down", "move(1)", "key.down", show=False, id="home.down", tooltip="tip.move"),
        Binding("up", "move(-1)", "key.up", show=False, id="home.up", tooltip="tip.move"),
        Binding("escape", "clear_filter", "key.clear", show=False, id="home.clear", tooltip="tip.clear"),
        Binding("f2", "switch_language", "key.language", id="home.language", tooltip="tip.language"),
        Binding("f3", "app.history", "key.history", id="home.history", tooltip="tip.history"),
        Binding("f4", "next", "key.recommended", id="home.next", tooltip="tip.recommended"),
        Binding("ctrl+r", "reload", "key.reload", id="home.reload", tooltip="tip.reload"),
        # Hidden: the footer needs the room for History at 80 columns in Finnish; ctrl+t, F1 and the palette still have it.
        Binding("ctrl+t", "app.toggle_theme", "key.theme", show=False, id="home.theme", tooltip="tip.theme"),
    ]

    def __init__(self) -> None:
        super().__init__(id="home")
        self._visible: list[Entry] = []
        self._resumed_before = False
        self._title_width = 0  # the title column's width at the last fill
        self._details_width = -1  # the width the briefing lines were last wrapped to
        self._filter = ""  # the filter text the table was last filled for
        self._plan: Any = None  # the trainee's next step (sim.reports.practice.HomePlan), once read

    @property
    def catalog(self) -> Catalog:
        return self.app.catalog

    def compose(self) -> ComposeResult:
        yield Header()
        yield PlainInput(placeholder=self.t("home.filter"), id="filter")
        yield Static(id="next")
        yield DataTable(id="scenarios", cursor_type="row", zebra_stripes=True)
        with Vertical(id="details"):
            yield Static(id="details-title")
            yield Static(id="details-body")
            yield Static(id="details-meta")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.t("home.subtitle")
        self.fill()
        # Planned once the first frame is up (SimApp.on_ready): reading the history and
        # importing the rules in a thread beside the start cost the start a fifth of its time.
        self.query_one("#next", Static).display = False

    async def relabel(self) -> None:
        """Show this screen in the app's (new) language, keeping the filter."""
        query = self.query_one(Input).value
        localize_bindings(self, self.lang)
        await self.recompose()
        self.sub_title = self.t("home.subtitle")
        self.query_one(Input).value = query
        self.query_one(Input).focus()
        self.fill()
        self._show_next()
        self.refresh_bindings()

    def on_screen_resume(self) -> None:
        # Back from an encounter or a debrief: the last results may have changed.
        # A recommended mode (F4) was for that one scenario: back here, the mode the app started in.
        self.app.mode = self.app.options.mode
        if self._resumed_before:
            self.refresh_results()
            self.plan_next()
        self._resumed_before = True

    # --- what next -------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="next")
    def plan_next(self) -> None:
        """The trainee's next step and assignments (sim.reports.practice), read off the screen's thread."""
        from sim.reports.practice import home_plan

        found = home_plan(self.app.catalog.library, self.app.trainee)
        self.app.call_from_thread(self._planned, found)

    def _planned(self, found: Any) -> None:
        self._plan = found
        self._show_next()
        self._show_details()  # the highlighted scenario may be assigned

    def _show_next(self) -> None:
        box = self.query_one("#next", Static)
        lines = [] if self._plan is None else self._plan.lines(self.app.catalog.library, self.lang, key=True)
        box.update(Content("\n".join(lines)))
        box.display = bool(lines)
        self.refresh_bindings()

    def _assigned(self, scenario_id: str) -> str:
        """The scenario's assignment, if the trainee has one: its pass mark and day, or that it is done."""
        dues = () if self._plan is None else self._plan.plan.assignments
        due = next((d for d in dues if d.scenario == scenario_id), None)
        if due is None:
            return ""
        if due.done:
            return self.t("home.assigned_done")
        if due.day is None:
            return self.t("home.assigned_open", score=due.pass_score)
        return self.t("home.assigned", score=due.pass_score, due=due.day.isoformat())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":
            return self._next_entry() is not None
        return True

    def _next_entry(self) -> Entry | None:
        rec = None if self._plan is None else self._plan.plan.recommendation
        if rec is None:
            return None
        return next((e for e in self.catalog.entries if e.info is not None and e.info.id == rec.scenario), None)

    def action_next(self) -> None:
        """Open the recommended scenario."""
        entry = self._next_entry()
        if entry is not None and self._plan is not None and self._plan.plan.recommendation is not None:
            self.app.mode = self._plan.plan.recommendation.mode  # the briefing says which
            self.query_one(Input).value = ""
            self.fill()
            self.open_entry(entry)

    # --- the table -------------------------------------------------------------

    def fill(self) -> None:
        table = self.query_one(DataTable)
        query = self._filter = self.query_one(Input).value
        words = query.lower().split()
        self._visible = [e for e in self.catalog.entries if all(w in self._haystack(e) for w in words)]
        key = self.current.key if self.current else None
        table.clear(columns=True)
        title_width = self._title_width = self._fitting_title_width()
        table.add_column(self.t("col.title"), key="title", width=title_width)
        for column, width in self._fixed_widths().items():
            table.add_column(self.t(f"col.{column}"), key=column, width=width)
        for entry in self._visible:
            table.add_row(*self._cells(entry), key=entry.key)
        keys = [e.key for e in self._visible]
        if key in keys:
            table.move_cursor(row=keys.index(key))
        self._show_details()

    def _fitting_title_width(self) -> int:
        # Before the first layout the table has no size yet; the screen's width
        # is what it will get (it spans the screen), so the start-up fill is
        # already the right one and the resizes that follow need no refill.
        width = self.query_one(DataTable).size.width or self.size.width
        return max(MIN_TITLE, width - sum(self._fixed_widths().values()) - CELL_PADDING * (len(FIXED) + 1) - 2)

    def _fixed_widths(self) -> dict[str, int]:
        # Wide enough for the heading in this language too ("Viimeksi" is not "Last").
        return {column: max(width, len(self.t(f"col.{column}"))) for column, width in FIXED.items()}

    def _haystack(self, entry: Entry) -> str:
        return " ".join(c.plain for c in self._cells(entry)).lower() + " " + entry.key.lower()

    def _cells(self, entry: Entry) -> list[Text]:
        def cell(text: str, style: str = "") -> Text:
            return Text(clean(text), style=style, no_wrap=True, overflow="ellipsis")

        if entry.info is None:
            return [
                cell(f"⚠ {entry.path.name}", "bold"),
                cell("—"),
                cell(self.t("home.errors", count=entry.error_count)),
                cell("—"),
                cell("—"),
                cell("—"),
            ]
        s = entry.info  # from the catalogue's index: the list needs no scenario loaded in full
        persona = localize(s.persona, self.lang, s.persona_language) if s.persona is not None else s.profile
        last = "—"
        if entry.last is not None and entry.last.overall is not None:
            last = str(entry.last.overall)
        if entry.unfinished:
            last += " ↻"  # an interrupted session waits to be resumed
        return [
            cell(localize(s.title, self.lang, s.language)),
            cell(self.t(f"channel.{s.channel}")),
            cell(persona),
            cell(self.t(f"difficulty.{s.difficulty}")),
            cell(",".join(s.languages)),
            cell(last),
        ]

    @property
    def current(self) -> Entry | None:
        table = self.query_one(DataTable)
        if not self._visible or table.row_count == 0:
            return None
        return self._visible[min(table.cursor_row, len(self._visible) - 1)]

    def _show_details(self) -> None:
        """Title, two lines of the briefing, and where the scenario comes from."""
        entry = self.current
        title, body, meta = "", "", ""
        if entry is None:
            query = clean(self.query_one(Input).value)
            body = self.t("home.no_match", query=query) if self.catalog.entries else self.t("home.empty")
        elif entry.info is None:
            title = clean(str(entry.path))
            body = self.t("home.broken_detail", count=entry.error_count)
        else:
            s = entry.info
            title = clean(localize(s.title, self.lang, s.language))
            body = clean(localize(s.briefing, self.lang, s.language))
            parts = [s.id]
            if s.minutes:
                parts.append(self.t("home.minutes", minutes=s.minutes))
            if entry.last is not None:
                parts.append(self.t("home.last", score="—" if entry.last.overall is None else entry.last.overall))
            assigned = self._assigned(s.id)
            if assigned:
                parts.append(assigned)
            parts.append(self.t("home.builtin") if s.builtin else clean(str(entry.path)))
            meta = " · ".join(parts)
        self.query_one("#details-title", Static).update(Content(title))
        self._details_width = self.query_one("#details-body").size.width
        self.query_one("#details-body", Static).update(Content(_two_lines(body, self._details_width)))
        self.query_one("#details-meta", Static).update(Content(meta))

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_details()

    @on(Input.Changed, "#filter")
    def _filtered(self) -> None:
        self.fill()

    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self._fit_to_width)

    def _fit_to_width(self) -> None:
        # Start-up sends several resizes at the same size: rebuild the table
        # only when the title column would change, rewrap the details always.
        if self._fitting_title_width() != self._title_width:
            self.fill()
        elif self.query_one("#details-body").size.width != self._details_width:
            self._show_details()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    # --- actions -----------------------------------------------------------------

    def action_open(self) -> None:
        self.after_pending_keys(self._open_highlighted)

    def _open_highlighted(self) -> None:
        if self.query_one(Input).value != self._filter:
            self.fill()  # the filter typed just before Enter has not been applied yet
        entry = self.current
        if entry is not None:
            self.open_entry(entry)

    def open_entry(self, entry: Entry) -> None:
        self.post_message(ScenarioChosen(entry))

    def action_move(self, delta: int) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + delta)))

    def action_clear_filter(self) -> None:
        self.query_one(Input).value = ""

    def action_switch_language(self) -> None:
        self.app.switch_language()

    def action_reload(self) -> None:
        self._reload()

    @work(thread=True, exclusive=True, exit_on_error=False, group="catalog")
    def _reload(self) -> None:
        catalog = self.catalog.reload()
        self.app.call_from_thread(self._reloaded, catalog, True)

    @work(thread=True, exclusive=True, exit_on_error=False, group="catalog")
    def refresh_results(self) -> None:
        catalog = self.catalog.with_fresh_results(self.app.trainee)
        self.app.call_from_thread(self._reloaded, catalog, False)

    def _reloaded(self, catalog: Catalog, announce: bool) -> None:
        self.app.catalog = catalog
        self.fill()
        if announce:
            playable = sum(1 for e in catalog.entries if not e.broken)
            self.notify(self.t("home.reloaded", count=playable, broken=len(catalog.entries) - playable))


def _two_lines(text: str, width: int) -> str:
    """`text` wrapped to `width`, cut after two lines with an ellipsis."""
    lines = textwrap.wrap(" ".join(text.split()), max(20, width))
    if len(lines) > 2:
        lines = [lines[0], lines[1][: max(0, width - 1)].rstrip() + "…"]
    return "\n".join(lines)
