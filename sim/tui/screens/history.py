"""The trainee's history: progress per principle over their sessions, how
close their self-ratings came to the computed scores, and every past
session, whose debrief opens again read-only.

Finished journals that never reached the history (played before it existed,
or while the data folder could not be written) are added first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import JustifyMethod
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.widgets import DataTable, Footer, Header, Static

from sim.errors import UserError
from sim.i18n import tn
from sim.reports.trend import sparkline
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

# Widths of the fixed columns of the session list; the scenario takes the rest.
SESSION_COLUMNS = {"date": 16, "ending": 14, "score": 7, "grade": 14}
CELL_PADDING = 2
MIN_TITLE = 12
GAPS_SHOWN = 8  # the newest per-session gaps that fit beside the trend


@dataclass(frozen=True, slots=True)
class HistoryData:
    rows: list[SessionRow]
    progress: dict[str, list[ProgressPoint]]
    calibration: list[CalibrationPoint]
    skipped: int


def signed(gap: float) -> str:
    return f"{round(gap):+d}".replace("-", "−") if round(gap) else "±0"


def gaps_per_session(points: Sequence[CalibrationPoint]) -> list[float]:
    """The mean self-rating-minus-score of each session, oldest first."""
    by_session: dict[str, list[int]] = {}
    for p in points:
        by_session.setdefault(p.session_id, []).append(p.gap)
    return [sum(gaps) / len(gaps) for gaps in by_session.values()]


class HistoryScreen(SimScreen[None]):
    AUTO_FOCUS = "#sessions"

    BINDINGS = [
        # Priority: the session list would take Enter itself, and hide the key from the footer.
        Binding("enter", "open", "key.open_debrief", priority=True, id="history.open", tooltip="tip.open_debrief"),
        Binding("escape", "back", "key.back", id="history.back", tooltip="tip.back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="history")
        self._data = HistoryData([], {}, [], 0)
        self._rebuilder: Rebuilder | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="history-body"):
            yield Static(Content(self.t("history.loading")), id="history-status")
            yield Static(Content(self.t("history.progress")), classes="heading -first")
            yield DataTable(id="progress", cursor_type="none", show_cursor=False)
            yield Static(Content(self.t("history.calibration")), classes="heading")
            yield Static(id="calibration")
            yield Static(Content(self.t("history.sessions")), classes="heading")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
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
            with history.Store() as store:
                imported = history.import_journals(store, extra_dirs=self.app.catalog.sources)
                loaded = HistoryData(store.sessions(trainee=trainee), store.progress(trainee), store.calibration(trainee), len(imported.skipped))
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
        self._status("\n".join(notes))
        self._fill_progress()
        self._fill_calibration()
        self._fill_sessions()

    def _principle_name(self, pid: str) -> str:
        p = self.app.catalog.library.principles.get(pid)
        return clean(localize(p.name, self.lang)) if p else clean(pid)

    def _fill_progress(self) -> None:
        table = self.query_one("#progress", DataTable)
        table.clear(columns=True)
        for key in ("principle", "n", "trend", "last", "best", "gap"):
            table.add_column(self.t(f"col.{key}"), key=key)
        gaps: dict[str, list[int]] = {}
        for point in self._data.calibration:
            gaps.setdefault(point.principle, []).append(point.gap)
        rows = sorted(self._data.progress.items(), key=lambda kv: self._principle_name(kv[0]).lower())
        for pid, points in rows:
            values = [p.score for p in points]
            own = gaps.get(pid)
            table.add_row(
                Text(self._principle_name(pid), no_wrap=True, overflow="ellipsis"),
                Text(str(len(values)), justify="right"),
                Text(sparkline(values)),
                Text(str(values[-1]), justify="right"),
                Text(str(max(values)), justify="right"),
                Text("—" if not own else signed(sum(own) / len(own)), justify="right"),
                key=pid,
            )

    def _fill_calibration(self) -> None:
        gaps = gaps_per_session(self._data.calibration)
        if not gaps:
            text = Content(self.t("history.calibration_none"))
        else:
            values = " ".join(signed(g) for g in gaps[-GAPS_SHOWN:])
            if len(gaps) > GAPS_SHOWN:
                values = "… " + values
            trend = sparkline([round(abs(g)) for g in gaps])
            text = Content(self.t("history.calibration_line", values=values, trend=trend))
        self.query_one("#calibration", Static).update(text)

    def _fill_sessions(self) -> None:
        table = self.query_one("#sessions", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        title_width = max(MIN_TITLE, table.size.width - sum(SESSION_COLUMNS.values()) - CELL_PADDING * (len(SESSION_COLUMNS) + 1) - 2)
        table.add_column(self.t("col.date"), key="date", width=SESSION_COLUMNS["date"])
        table.add_column(self.t("col.title"), key="title", width=title_width)
        for key in ("ending", "score", "grade"):
            table.add_column(self.t(f"col.{key}"), key=key, width=SESSION_COLUMNS[key])

        def cell(text: str, justify: JustifyMethod = "left") -> Text:
            return Text(clean(text), no_wrap=True, overflow="ellipsis", justify=justify)

        for row in self.newest_first:
            title = localize(row.title, self.lang) if row.title else row.scenario_id
            ending = self.t(f"ending.{row.ending}") if row.ending else "—"
            table.add_row(
                cell(local_time(row.started)),
                cell(title),
                cell(ending),
                cell("—" if row.overall is None else str(row.overall), "right"),
                cell(self.t(f"grade.{row.grade}")),
                key=row.id,
            )
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    @property
    def newest_first(self) -> list[SessionRow]:
        return self._data.rows[::-1]

    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self._fill_sessions)

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

    def _cannot_open(self, exc: UserError) -> None:
        message = self.t("history.reopen_failed_body", error=exc.message_in(self.lang))
        self.app.push_screen(ErrorScreen(self.t("history.reopen_failed"), message=message, hint=exc.hint_in(self.lang) or ""))

    def action_back(self) -> None:
        self.dismiss()
