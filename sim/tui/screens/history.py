"""The trainee's history: every past session, whose debrief opens again
read-only, and in a second view the progress per principle over the
sessions and how close the self-ratings came to the computed scores.

Two views, because at 80×24 the sessions and all fourteen principles do
not fit one screen; each view fits, or scrolls as a whole.

Finished journals that never reached the history (played before it existed,
or while the data folder could not be written) are added first.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import JustifyMethod
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from sim.core.self_rating import mean_gap, session_gaps
from sim.errors import UserError
from sim.i18n import tn
from sim.reports.trend import SPARK_POINTS, sparkline
from sim.reports.words import passed_word, recorded_result, regraded, signed_gap
from sim.session.history import (
    CalibrationPoint,
    ProgressPoint,
    SessionRecord,
    SessionRow,
)
from sim.session.play import Play
from sim.session.rebuild import Rebuilder, Rebuilt
from sim.text import clean, local_time, localize
from sim.tui.screens.base import SimScreen
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.error import ErrorScreen

DATE_WIDTH = 16  # 2024-05-12 10:00
CELL_PADDING = 2  # a table cell's padding, both sides
SCROLLBAR = 2
MIN_TITLE = 12
MIN_TREND = 8
GAP_WIDTH = 5  # a session's mean gap, whole ("−100"), and a space; its bar sits under its first cell


@dataclass(frozen=True, slots=True)
class HistoryData:
    rows: list[SessionRow]
    progress: dict[str, list[ProgressPoint]]
    calibration: list[CalibrationPoint]
    skipped: int
    damaged: int = 0  # damaged journal lines and history rows, skipped


class HistoryScreen(SimScreen[None]):
    AUTO_FOCUS = "#sessions"

    BINDINGS = [
        # Priority: the session list would take Enter itself, and hide the key from the footer.
        Binding("enter", "open", "key.open_debrief", priority=True, id="history.open", tooltip="tip.open_debrief"),
        Binding("t", "switch_view", "key.history_view", id="history.view", tooltip="tip.history_view"),
        Binding("escape", "back", "key.back", id="history.back", tooltip="tip.back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="history")
        self._data = HistoryData([], {}, [], 0)
        self._rebuilder: Rebuilder | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(self.t("history.loading")), id="history-status")
        with TabbedContent(id="history-views", initial="sessions-view"):
            with TabPane(self.t("history.tab.sessions"), id="sessions-view"):
                yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            with TabPane(self.t("history.tab.progress"), id="progress-view"), VerticalScroll(id="progress-scroll"):
                yield Static(Content(self.t("history.progress")), classes="heading -first")
                progress: DataTable[Text] = DataTable(id="progress", cursor_type="none", show_cursor=False)
                progress.can_focus = False  # the view scrolls as a whole
                yield progress
                yield Static(Content(self.t("history.calibration")), classes="heading")
                yield Static(id="calibration")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.t("history.subtitle", name=clean(self.app.trainee))
        self._load()

    # --- reading ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="history")
    def _load(self) -> None:
        from sim.session import history
        trainee = self.app.trainee
        try:
            damaged: list[UserError] = []
            with history.Store(on_damage=damaged.append) as store:
                imported = history.import_journals(store, extra_dirs=self.app.catalog.sources)
                rows, progress, calibration = store.sessions(trainee=trainee), store.progress(trainee), store.calibration(trainee)
            loaded = HistoryData(rows, progress, calibration, len(imported.skipped), len(damaged) + len(imported.damage))
        except UserError as exc:
            self.app.call_from_thread(self._failed, exc)
        else:
            self.app.call_from_thread(self._show, loaded)

    def _failed(self, exc: UserError) -> None:
        hint = exc.hint_in(self.lang)
        self._status(self.t("history.failed", error=exc.message_in(self.lang)) + (f"\n{hint}" if hint else ""))

    def _status(self, text: str) -> None:
        status = self.query_one("#history-status", Static)
        status.update(Content(text))
        status.display = bool(text)

    def _show(self, data: HistoryData) -> None:
        self._data = data
        notes = []
        if not data.rows:
            notes.append(self.t("history.empty"))
        if data.skipped:
            notes.append(tn("history.skipped", data.skipped, self.lang))
        if data.damaged:
            notes.append(tn("history.damaged", data.damaged, self.lang))
        self._status("\n".join(notes))
        self._fill_progress()
        self._fill_calibration()
        self._fill_sessions()

    def _principle_name(self, pid: str) -> str:
        return self.app.catalog.library.principle_name(pid, self.lang)

    @property
    def _text_width(self) -> int:
        """Columns for the progress view's text: the screen's, less the view's
        padding and a scroll bar (the view may need one; its pane may be hidden)."""
        return max(40, self.size.width - 2 - SCROLLBAR)

    def _fill_progress(self) -> None:
        table = self.query_one("#progress", DataTable)
        table.clear(columns=True)
        gaps: dict[str, list[int]] = {}
        for point in self._data.calibration:
            gaps.setdefault(point.principle, []).append(point.gap)
        rows = []
        for pid, scored in sorted(self._data.progress.items(), key=lambda kv: self._principle_name(kv[0]).lower()):
            values = [p.score for p in scored]
            own = gaps.get(pid)
            gap = signed_gap(mean_gap(own or []), self.lang)
            rows.append((pid, values, [self._principle_name(pid), str(len(values)), str(values[-1]), str(max(values)), gap]))
        keys = ("principle", "n", "last", "best", "gap")
        headers = [self.t(f"col.{key}") for key in keys]
        # Every column as wide as its widest cell, and the trend the newest scores that fit the rest.
        widths = [max([cell_len(h), *(cell_len(r[2][i]) for r in rows)]) for i, h in enumerate(headers)]
        room = self._text_width - sum(widths) - CELL_PADDING * (len(keys) + 1)
        points = max(MIN_TREND, min(SPARK_POINTS, room))
        table.add_column(headers[0], key="principle", width=widths[0])
        table.add_column(headers[1], key="n", width=widths[1])
        table.add_column(self.t("col.trend"), key="trend", width=points)
        for key, header, width in zip(keys[2:], headers[2:], widths[2:], strict=True):
            table.add_column(header, key=key, width=width)
        for pid, values, (name, n, last, best, gap) in rows:
            table.add_row(
                Text(name, no_wrap=True, overflow="ellipsis"),
                Text(n, justify="right"),
                Text(sparkline(values, points)),
                Text(last, justify="right"),
                Text(best, justify="right"),
                Text(gap, justify="right"),
                key=pid,
            )

    def _fill_calibration(self) -> None:
        """Each session's gap (self-rating − score), oldest first, and under
        each one a bar of its size: as many bars as numbers, each under its own."""
        gaps = session_gaps(((p.session_id, p.gap) for p in self._data.calibration), places=0)  # whole: one a column
        if not gaps:
            self.query_one("#calibration", Static).update(Content(self.t("history.calibration_none")))
            return
        distance = self.t("history.calibration_distance")
        shown = gaps[-max(1, (self._text_width - cell_len(distance) - 2) // GAP_WIDTH) :]
        numbers = "".join(signed_gap(g, self.lang).ljust(GAP_WIDTH) for g in shown).rstrip()
        if len(shown) < len(gaps):
            numbers += "  " + self.t("history.calibration_newest", shown=len(shown), total=len(gaps))
        bars = "".join(sparkline([round(abs(g))]).ljust(GAP_WIDTH) for g in shown)
        self.query_one("#calibration", Static).update(Content(f"{numbers}\n{bars} {distance}"))

    def _fill_sessions(self) -> None:
        """Two lines a session, so that neither the ending nor the grade is
        cut at 80 columns: the date over the mode, the scenario over its ending."""
        table = self.query_one("#sessions", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        rows = []
        for row in self.newest_first:
            title = localize(row.title, self.lang) if row.title else row.scenario_id
            ending = self.t(f"ending.{row.ending}") if row.ending else "—"
            rows.append((
                row.id,
                f"{local_time(row.started)}\n{self.t(f'mode.{row.mode}')}",
                f"{clean(title)}\n{ending}",
                "—" if row.overall is None else str(row.overall),
                # The grade over the result: a good grade can still fall short of passing (a critical miss, the ending).
                f"{self.t(f'grade.{row.grade}')}\n{passed_word(row.pass_result if row.ending else None, self.lang)}",
            ))  # fmt: skip
        headers = [self.t(f"col.{key}") for key in ("date_mode", "title_ending", "score", "grade_result")]

        def widest(i: int) -> int:
            return max([cell_len(headers[i]), *(cell_len(line) for r in rows for line in r[i + 1].split("\n"))])

        date, score, grade = max(DATE_WIDTH, widest(0)), widest(2), widest(3)
        width = (table.size.width or self.size.width) - SCROLLBAR
        rest = max(MIN_TITLE, width - date - score - grade - CELL_PADDING * len(headers))
        for key, header, size in zip(("date", "title", "score", "grade"), headers, (date, rest, score, grade), strict=True):
            table.add_column(header, key=key, width=size)

        def cell(text: str, justify: JustifyMethod = "left") -> Text:
            return Text(text, no_wrap=True, overflow="ellipsis", justify=justify)

        for key, when, what, points, grade_ in rows:
            table.add_row(cell(when), cell(what), cell(points, "right"), cell(grade_), key=key, height=2)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    @property
    def newest_first(self) -> list[SessionRow]:
        return self._data.rows[::-1]

    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self._fill_sessions)
        if self._data.rows:  # read: the columns and the gaps shown follow the width
            self.call_after_refresh(self._fill_progress)
            self.call_after_refresh(self._fill_calibration)

    # --- the two views -------------------------------------------------------------------

    @property
    def view(self) -> str:
        """Which view is shown: "sessions-view" or "progress-view"."""
        return self.query_one(TabbedContent).active

    def action_switch_view(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = "progress-view" if tabs.active == "sessions-view" else "sessions-view"

    @on(TabbedContent.TabActivated)
    def _view_shown(self) -> None:
        # The keys follow the view: the arrows move in the list, or scroll the progress.
        self.query_one("#sessions" if self.view == "sessions-view" else "#progress-scroll").focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return self.view == "sessions-view"  # the progress view has no debrief to open
        return True

    # --- opening a past debrief ---------------------------------------------------------

    @on(DataTable.RowSelected, "#sessions")
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        self.after_pending_keys(self._open_highlighted)

    def _open_highlighted(self) -> None:
        table = self.query_one("#sessions", DataTable)
        rows = self.newest_first
        if rows and table.row_count:
            self._open(rows[min(table.cursor_row, len(rows) - 1)].id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def _open(self, session_id: str) -> None:
        from sim.session import history
        try:
            record = history.session(session_id)
            if record is None:
                raise UserError.of(session_id, "err.history.gone")
            if self._rebuilder is None:
                self._rebuilder = Rebuilder(self.app.catalog.sources)
            rebuilt = self._rebuilder.rebuild_record(record.row)
        except UserError as exc:  # the store or the rebuild: say which and why, never a traceback
            self.app.call_from_thread(self._cannot_open, exc)
        else:
            self.app.call_from_thread(self._opened, record, rebuilt)

    def _opened(self, record: SessionRecord, rebuilt: Rebuilt) -> None:
        play = Play.from_history(rebuilt, record, lang=self.lang)
        self.app.push_screen(DebriefScreen(play, read_only=True))
        if rebuilt.content_changed:
            self.notify(self.t("history.changed"), severity="warning", markup=False)
        again = regraded(recorded_result(record.row.overall, record.row.passed, rebuilt.score), self.lang)
        if again is not None:
            self.notify(again, severity="warning", markup=False, timeout=10)

    def _cannot_open(self, exc: UserError) -> None:
        message = self.t("history.reopen_failed_body", error=exc.message_in(self.lang))
        self.app.push_screen(ErrorScreen(self.t("history.reopen_failed"), message=message, hint=exc.hint_in(self.lang) or ""))

    def action_back(self) -> None:
        self.dismiss()
