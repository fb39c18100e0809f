"""The session history: every finished session with its turns, scores,
self-assessment and reflections, in one SQLite database in the data folder.

Several `sim` processes may use it at once (two terminals, the TUI and
`sim history`): WAL lets readers carry on while one process writes, every
write is one short `BEGIN IMMEDIATE` transaction (it takes the write lock up
front, so two writers queue instead of deadlocking on a lock upgrade), and
`busy_timeout` makes the second writer wait instead of failing.

The journal stays the source of truth while a session is played; the store
is where finished sessions are kept and compared. `import_journals` brings
in finished journals that never reached the store (played before it existed,
or by a front end that only journals), keyed by session id so it can run
any number of times.

Only the standard library is imported here: the engine and scoring types are
used by attribute, so `sim history` opens the store without loading pydantic.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.core.self_rating import self_score
from sim.errors import UserError
from sim.paths import data_dir
from sim.session import rows
from sim.session.journal import new_session_id
from sim.session.own_words import Typed
from sim.session.settings import TIME_LIMITS, default_trainee

if TYPE_CHECKING:
    from sim.core.engine import Session
    from sim.core.scoring import Score

DB_NAME = "history.sqlite3"
BUSY_TIMEOUT_MS = 30_000

# Each migration is a list of statements run in one transaction together with
# the version bump, so a crash mid-migration leaves the old version intact.
# (executescript() would commit the open transaction first, so no.)
_V1 = [
    """CREATE TABLE sessions (
        id            TEXT PRIMARY KEY,
        trainee       TEXT NOT NULL,
        scenario_id   TEXT NOT NULL,
        scenario_path TEXT NOT NULL,
        content_hash  TEXT NOT NULL,
        title         TEXT NOT NULL,   -- JSON {lang: text}: readable even if the scenario file is gone
        seed          INTEGER NOT NULL,
        mode          TEXT NOT NULL,
        started       TEXT NOT NULL,   -- ISO 8601, UTC
        ended         TEXT,
        ending        TEXT,
        success       INTEGER NOT NULL,
        overall       INTEGER,
        uncapped      INTEGER,
        grade         TEXT NOT NULL,
        actions       TEXT NOT NULL    -- JSON list: with the seed it replays the session exactly
    )""",
    """CREATE TABLE principle_scores (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        principle  TEXT NOT NULL,
        goal       INTEGER NOT NULL,
        score      INTEGER,
        earned     INTEGER NOT NULL,
        possible   INTEGER NOT NULL,
        PRIMARY KEY (session_id, principle)
    )""",
    """CREATE TABLE critical_misses (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        turn       INTEGER NOT NULL,
        principle  TEXT NOT NULL,
        reason     TEXT NOT NULL
    )""",
    """CREATE TABLE turns (
        session_id   TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        number       INTEGER NOT NULL,
        node         TEXT NOT NULL,
        action       TEXT NOT NULL,
        choice_id    TEXT,
        state_before TEXT NOT NULL,    -- JSON
        state_after  TEXT NOT NULL,    -- JSON
        deltas       TEXT NOT NULL,    -- JSON: principle deltas of what was done
        offered      TEXT NOT NULL,    -- JSON: the options open at this turn, as played
        best         TEXT,             -- response id of the best option on the goals
        ms           INTEGER,
        PRIMARY KEY (session_id, number)
    )""",
    """CREATE TABLE self_ratings (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        principle  TEXT NOT NULL,
        rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
        PRIMARY KEY (session_id, principle)
    )""",
    """CREATE TABLE reflections (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        prompt     TEXT NOT NULL,
        answer     TEXT NOT NULL,
        PRIMARY KEY (session_id, position)
    )""",
]
_V2 = [
    # The language the session was shown in, so a report is rebuilt in it.
    "ALTER TABLE sessions ADD COLUMN lang TEXT",
    # History and progress read one trainee's sessions in time order.
    "CREATE INDEX sessions_by_trainee ON sessions(trainee, started)",
]
_V3 = [
    # xAPI statements waiting for (or delivered to) a Learning Record Store:
    # a failed delivery keeps them here for the next export.
    """CREATE TABLE xapi_outbox (
        id         TEXT PRIMARY KEY,   -- the statement id (a deterministic uuid5)
        session_id TEXT NOT NULL,
        position   INTEGER NOT NULL,
        statement  TEXT NOT NULL,      -- JSON
        queued     TEXT NOT NULL,
        sent       TEXT,
        attempts   INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
    )""",
    # Entries of an index are ordered by key, then rowid: pending ones come out in the order queued.
    "CREATE INDEX xapi_outbox_pending ON xapi_outbox(sent)",
]
_V4 = [
    # Whether the session passed by its scenario's grading rules (pass mark,
    # critical principles, ending). NULL for sessions recorded before: read as `success`.
    "ALTER TABLE sessions ADD COLUMN passed INTEGER",
]
_V5 = [
    # One outbox per LRS: each statement is queued, sent, skipped or dropped for each
    # endpoint on its own. The statement is no longer stored: it is built again from its
    # session when it is sent (sim.reports.xapi.QueuedStatements), so the pseudonym
    # follows the SIM_XAPI_SALT of that moment and nothing built with another salt
    # leaves the machine.
    "ALTER TABLE xapi_outbox RENAME TO xapi_outbox_v4",
    "DROP INDEX xapi_outbox_pending",
    """CREATE TABLE xapi_outbox (
        endpoint   TEXT NOT NULL,      -- the LRS's statements URL (sim.reports.lrs.statements_url); '' = the next one an export names
        id         TEXT NOT NULL,      -- the statement id (uuid5 of base, session and position)
        session_id TEXT NOT NULL,
        position   INTEGER NOT NULL,   -- the statement's place among its session's statements
        base       TEXT NOT NULL,      -- SIM_XAPI_BASE when queued ('' = the current one): with the session and position, it gives this id
        queued     TEXT NOT NULL,
        sent       TEXT,               -- when the LRS confirmed it
        attempts   INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,               -- why the last attempt failed, in English
        skipped    TEXT,               -- when `--skip` set it aside: still queued, not sent until `--unskip`
        dropped    TEXT,               -- when `--drop` forgot it for this endpoint: never sent there, never queued again
        PRIMARY KEY (endpoint, id)
    )""",
    "CREATE INDEX xapi_outbox_pending ON xapi_outbox(endpoint, sent)",
    # Statements still queued stay queued "for the next endpoint an export names": which
    # LRS they were meant for was never recorded. Sent ones are not kept: to which LRS is
    # unknown too, and keeping them as sent would keep them from every other LRS; sent
    # again, an LRS knows them by their id and keeps one of each.
    """INSERT INTO xapi_outbox (endpoint, id, session_id, position, base, queued, attempts, last_error)
       SELECT '', id, session_id, position,
              coalesce(CASE WHEN json_valid(statement) THEN json_extract(statement, '$.actor.account.homePage') END, ''),
              queued, attempts, last_error
       FROM xapi_outbox_v4 WHERE sent IS NULL ORDER BY rowid""",
    "DROP TABLE xapi_outbox_v4",
]
_V6 = [
    # The trainee's accessibility setting for time limits: 'normal', 'double' or 'off'
    # (NULL for sessions recorded before it existed: read as 'normal'). Reports say it.
    "ALTER TABLE sessions ADD COLUMN time_limits TEXT",
]
_V7 = [
    # Which variants of each varied line the trainee had heard before the session
    # (`heard`, so a replay says the same words) and after it (`heard_after`, where
    # the trainee's next session of the scenario starts from): JSON, NULL before variants.
    "ALTER TABLE sessions ADD COLUMN heard TEXT",
    "ALTER TABLE sessions ADD COLUMN heard_after TEXT",
]
_V8 = [
    # A reply the trainee typed in their own words for the turn, and what it was
    # understood as: JSON {"text", "lang", "understood"}; NULL where an option was picked.
    "ALTER TABLE turns ADD COLUMN typed TEXT",
]
MIGRATIONS: tuple[tuple[int, list[str]], ...] = ((1, _V1), (2, _V2), (3, _V3), (4, _V4), (5, _V5), (6, _V6), (7, _V7), (8, _V8))
SCHEMA_VERSION = MIGRATIONS[-1][0]

_FOLDER_HINT = "err.store.folder_hint"  # a catalogue key (sim/i18n.py), as every StoreError's words


class StoreError(UserError):
    """The history cannot be opened, read or written (read-only or full disk,
    a damaged or foreign file, a newer schema)."""


def db_path() -> Path:
    return data_dir() / DB_NAME


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def iso(value: datetime | str | None) -> str | None:
    """A timestamp as ISO 8601 in UTC (naive datetimes are taken as UTC)."""
    if value is None or isinstance(value, str):
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds")


def text_map(text: Any, default_lang: str) -> dict[str, str]:
    """Authored text as `{lang: text}`; a plain string is in `default_lang`."""
    if text is None:
        return {}
    if isinstance(text, str):
        return {default_lang: text}
    return {str(k): str(v) for k, v in dict(text).items()}


# --- what the store gives back -------------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: str
    trainee: str
    scenario_id: str
    scenario_path: str
    content_hash: str
    title: dict[str, str]
    seed: int
    mode: str
    lang: str | None
    started: str
    ended: str | None
    ending: str | None
    success: bool
    overall: int | None
    uncapped: int | None
    grade: str
    actions: tuple[str, ...]
    passed: bool | None = None  # by the scenario's grading rules; None for sessions recorded before them
    time_limits: str = "normal"  # the trainee's accessibility setting: normal, double or off
    heard: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # variants heard before the session (engine input)

    @property
    def pass_result(self) -> bool:
        """Passed or not: by the grading rules where recorded, else (older sessions) by `success`."""
        return self.success if self.passed is None else self.passed


@dataclass(frozen=True, slots=True)
class PrincipleResult:
    principle: str
    goal: bool
    score: int | None
    earned: int
    possible: int


@dataclass(frozen=True, slots=True)
class StoredMiss:
    turn: int
    principle: str
    reason: str


@dataclass(frozen=True, slots=True)
class StoredTurn:
    number: int
    node: str
    action: str
    choice_id: str | None
    state_before: dict[str, int]
    state_after: dict[str, int]
    deltas: dict[str, int]
    offered: list[dict[str, Any]]
    best: str | None
    ms: int | None
    typed: Typed | None = None  # the reply typed in the trainee's own words, if it was typed

    @property
    def response(self) -> str:
        """What was done, as one id: a choice id, `help` or `timeout`."""
        return self.choice_id if self.action == "choice" and self.choice_id else self.action

    def best_responses(self) -> list[str]:
        """Every option worth the most on the goals (several on a tie), as the
        debrief judged the turn; none where there was no decision (one option).
        Rows of schema 1 kept no options: their stored best stands."""
        if len(self.offered) == 1:
            return []
        worths = [w for o in self.offered if isinstance(w := o.get("worth"), int)]
        if not worths or len(worths) < len(self.offered):  # none offered, or one not worth a number
            return [self.best] if self.best else []
        top = max(worths)
        return [str(o["id"]) for o in self.offered if o.get("worth") == top]


@dataclass(frozen=True, slots=True)
class SessionRecord:
    row: SessionRow
    principles: tuple[PrincipleResult, ...]
    misses: tuple[StoredMiss, ...]
    turns: tuple[StoredTurn, ...]
    ratings: dict[str, int]
    reflections: dict[str, str]

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def self_assessment(self) -> dict[str, Any] | None:
        """In the shape the reports and the TUI use."""
        if not self.ratings and not self.reflections:
            return None
        return {"ratings": dict(self.ratings), "reflections": dict(self.reflections)}


@dataclass(frozen=True, slots=True)
class ProgressPoint:
    session_id: str
    started: str
    scenario_id: str
    score: int


@dataclass(frozen=True, slots=True)
class CalibrationPoint:
    session_id: str
    started: str
    scenario_id: str
    principle: str
    rating: int
    self_score: int
    score: int

    @property
    def gap(self) -> int:
        """Positive: the trainee rated themselves higher than they scored."""
        return self.self_score - self.score


@dataclass(frozen=True, slots=True)
class QueuedStatement:
    """A statement in one LRS's outbox: what it is built from, and how sending it went."""

    rowid: int  # the order it was queued in
    endpoint: str
    id: str
    session_id: str
    position: int
    base: str  # '' = the current SIM_XAPI_BASE
    attempts: int
    last_error: str | None
    skipped: bool


@dataclass(frozen=True, slots=True)
class OutboxCounts:
    """One LRS's outbox."""

    pending: int  # queued and not skipped: the next export sends them
    skipped: int  # queued, but set aside until `--unskip`
    sent: int
    dropped: int

    @property
    def queued(self) -> int:
        return self.pending + self.skipped


@dataclass
class ImportResult:
    imported: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (journal path, why in English)
    reasons: dict[str, UserError] = field(default_factory=dict)  # journal path → why, to say in any language
    # Damaged lines found in the journals read (each `path:line`), skipped:
    # said once by whoever imports, so a bad disk does not go unnoticed.
    damage: list[UserError] = field(default_factory=list)


# --- errors -----------------------------------------------------------------------


def _sqlite_error(path: Path, exc: sqlite3.Error) -> StoreError:
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    low = text.lower()
    if name.startswith("SQLITE_FULL") or "disk is full" in low:
        return StoreError.of(str(path), "err.store.full", "err.store.full_hint")
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")) or "readonly" in low or "unable to open" in low:
        return StoreError.of(str(path), "err.store.cannot_write", _FOLDER_HINT, error=text)
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or "not a database" in low or "malformed" in low:
        return StoreError.of(str(path), "err.store.not_readable", "err.store.not_readable_hint", error=text)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in low:
        return StoreError.of(str(path), "err.store.locked", "err.store.locked_hint", seconds=BUSY_TIMEOUT_MS // 1000)
    if name.startswith("SQLITE_IOERR") or "disk i/o" in low:
        return StoreError.of(str(path), "err.store.disk_failed", "err.store.disk_failed_hint", error=text)
    return StoreError.of(str(path), "err.store.unknown", "err.store.unknown_hint", error=text)


def _os_error(path: Path, exc: OSError) -> StoreError:
    return StoreError.of(str(path), "err.store.cannot_create_folder", _FOLDER_HINT, error=exc.strerror or str(exc))


# --- the store --------------------------------------------------------------------


class Store:
    """An open connection to the history. Open it for one job and close it:
    short-lived connections keep locks short when several processes share it."""

    def __init__(self, path: Path | None = None, *, on_damage: Callable[[StoreError], None] | None = None) -> None:
        self.path = path or db_path()
        # Told about each row skipped because a value has the wrong type (the
        # database is a file others may have changed); by default, nobody.
        self.on_damage = on_damage or (lambda error: None)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _os_error(self.path.parent, exc) from None
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a write
            # is exactly one transaction and reads are never held open.
            self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise _sqlite_error(self.path, exc) from None
        try:
            with self._translated():
                self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                self._enable_wal()
                # FULL: a session is recorded once, at its end; durability is worth one fsync.
                self._db.execute("PRAGMA synchronous = FULL")
                self._db.execute("PRAGMA foreign_keys = ON")
                self._migrate()
        except BaseException:
            self._db.close()
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing -------------------------------------------------------------------

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise _sqlite_error(self.path, exc) from None
        except OSError as exc:
            raise StoreError.of(str(self.path), "err.store.cannot_use", _FOLDER_HINT, error=exc.strerror or str(exc)) from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._translated():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                # SQLite rolls back by itself on some errors (a full disk): then
                # there is nothing to roll back, and the first error is the one to report.
                if self._db.in_transaction:
                    with suppress(sqlite3.Error):
                        self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _damaged(self, table: str, row: object, exc: rows.Damaged) -> StoreError:
        return StoreError.of(f"{self.path} ({table}, {row})", "err.store.damaged_row", "err.store.damaged_row_hint", column=exc.column, why=exc.why)

    def _skip(self, table: str, row: object, exc: rows.Damaged) -> None:
        self.on_damage(self._damaged(table, row, exc))

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        # One read transaction: several SELECTs see the same snapshot.
        with self._translated():
            self._db.execute("BEGIN")
            try:
                yield self._db
            finally:
                self._db.execute("COMMIT")

    def _enable_wal(self) -> None:
        # Switching to WAL needs a lock that SQLite does not wait for with the
        # busy timeout: two processes creating the history at the same moment
        # get "database is locked" at once. Retry within the same time limit.
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self._db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def version(self) -> int:
        with self._translated():
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        if self.version() == SCHEMA_VERSION:
            return
        with self._write() as db:
            # Read again under the write lock: another process may have migrated meanwhile.
            current = int(db.execute("PRAGMA user_version").fetchone()[0])
            if current > SCHEMA_VERSION:
                raise StoreError.of(str(self.path), "err.store.newer", "err.store.newer_hint", found=current, known=SCHEMA_VERSION)
            for version, statements in MIGRATIONS:
                if version > current:
                    for sql in statements:
                        db.execute(sql)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # --- recording --------------------------------------------------------------------

    def record_session(
        self,
        session: Session,
        score: Score,
        *,
        trainee: str = "",
        mode: str = "practice",
        lang: str = "en",
        started: datetime | str | None = None,
        ended: datetime | str | None = None,
        self_assessment: Mapping[str, Any] | None = None,
        durations_ms: Sequence[int | None] | None = None,
        session_id: str | None = None,
        scenario_path: str = "",
        content_hash: str | None = None,
        time_limits: str = "normal",
        typed: Mapping[int, Typed] | None = None,
    ) -> str:
        """Store a played session; returns its id. Recording the same session
        id again changes nothing, so the TUI and the journal import may both
        record a session. `content_hash` is the version that was played, when
        that is not the scenario's current one (an old journal)."""
        # Here, not at the top: this module loads with the standard library only.
        from sim.core.scoring import judged_worths

        sid = session_id or new_session_id()
        scenario = session.scenario
        default_lang = scenario.language
        now = utc_now()
        started_s = iso(started) or now
        ended_s = iso(ended) or (now if session.ended else None)
        ending = session.ending.value if session.ending is not None else None
        session_row = (
            sid, trainee or default_trainee(), scenario.id, _absolute(scenario_path), content_hash or scenario.content_hash,
            json.dumps(text_map(scenario.title, default_lang), ensure_ascii=False),
            int(session.seed), mode, lang, started_s, ended_s, ending, int(score.success),
            score.overall, score.uncapped, score.grade, json.dumps(list(session.actions), ensure_ascii=False),
            None if score.passed is None else int(score.passed), time_limits,
            json.dumps({k: list(v) for k, v in session.heard.items()}) if session.heard else None,
            json.dumps({k: list(v) for k, v in session.heard_after().items()}) if session.said_variants or session.heard else None,
        )  # fmt: skip
        durations = list(durations_ms or [])
        turn_rows = []
        for i, turn in enumerate(session.turns):
            worths = judged_worths(turn, scenario.goals)
            # The first option worth the most, as the debrief judged the turn; none without a decision.
            best = turn.alternatives[worths.index(max(worths))] if len(worths) > 1 else None
            offered = [
                {
                    "id": alt.response,
                    "action": alt.action,
                    "say": text_map(alt.say, default_lang),
                    "principles": dict(alt.principles),
                    # What the option is worth, as the debrief judged the turn: ties are all "best".
                    "worth": value,
                }
                for alt, value in zip(turn.alternatives, worths)
            ]
            ms = durations[i] if i < len(durations) else None
            turn_rows.append((
                sid, turn.number, turn.node, turn.action, turn.choice_id,
                json.dumps(dict(turn.state_before)), json.dumps(dict(turn.state_after)),
                json.dumps(dict(turn.principles)), json.dumps(offered, ensure_ascii=False),
                best.response if best is not None else None,
                int(ms) if isinstance(ms, (int, float)) and not isinstance(ms, bool) else None,
                json.dumps(said.as_dict(), ensure_ascii=False) if (said := (typed or {}).get(turn.number)) is not None else None,
            ))  # fmt: skip
        principle_rows = [(sid, p.principle, int(p.goal), p.score, p.earned, p.possible) for p in score.principles]
        miss_rows = [(sid, m.turn, m.principle, m.reason) for m in score.critical_misses]
        assessment = self_assessment or {}
        ratings = assessment.get("ratings") or {}
        rating_rows = [(sid, str(pid), r) for pid, r in ratings.items() if self_score(r) is not None]
        reflections = assessment.get("reflections") or {}
        reflection_rows = [(sid, i, str(q), str(a)) for i, (q, a) in enumerate(reflections.items()) if a]

        with self._write() as db:
            cur = db.execute(
                "INSERT INTO sessions (id, trainee, scenario_id, scenario_path, content_hash, title, seed, mode, lang,"
                " started, ended, ending, success, overall, uncapped, grade, actions, passed, time_limits, heard, heard_after)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
                session_row,
            )
            if cur.rowcount == 0:
                return sid
            db.executemany("INSERT INTO turns VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", turn_rows)
            db.executemany("INSERT INTO principle_scores VALUES (?,?,?,?,?,?)", principle_rows)
            db.executemany("INSERT INTO critical_misses VALUES (?,?,?,?)", miss_rows)
            db.executemany("INSERT INTO self_ratings VALUES (?,?,?)", rating_rows)
            db.executemany("INSERT INTO reflections VALUES (?,?,?,?)", reflection_rows)
        return sid

    # --- reading ----------------------------------------------------------------------

    def session_ids(self) -> set[str]:
        with self._translated():
            return {r[0] for r in self._db.execute("SELECT id FROM sessions")}

    def count(self) -> int:
        with self._translated():
            return int(self._db.execute("SELECT count(*) FROM sessions").fetchone()[0])

    def sessions(self, *, trainee: str | None = None, scenario: str | None = None, limit: int | None = None) -> list[SessionRow]:
        """Sessions oldest first."""
        where, params = _filters(trainee=trainee, scenario=scenario)
        sql = f"SELECT {_ROW_COLUMNS} FROM sessions s{where} ORDER BY s.started DESC, s.rowid DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        found = []
        with self._translated():
            for r in self._db.execute(sql, params):
                try:
                    found.append(_row(r))
                except rows.Damaged as exc:
                    self._skip("sessions", f"id {r[0]!r}", exc)
        return found[::-1]

    def last_id(self, *, trainee: str | None = None) -> str | None:
        where, params = _filters(trainee=trainee)
        with self._translated():
            r = self._db.execute(
                f"SELECT s.id FROM sessions s{where} ORDER BY coalesce(s.ended, s.started) DESC, s.rowid DESC LIMIT 1", params
            ).fetchone()
        return r[0] if r else None

    def heard(self, *, trainee: str, scenario: str) -> dict[str, tuple[int, ...]]:
        """The variants of each varied line `trainee` has heard in `scenario`, least
        lately first: where their next session starts from (sim.core.engine.Session.heard)."""
        with self._translated():
            r = self._db.execute(
                "SELECT heard_after FROM sessions WHERE trainee = ? AND scenario_id = ? AND heard_after IS NOT NULL"
                " ORDER BY coalesce(ended, started) DESC, rowid DESC LIMIT 1",
                (trainee, scenario),
            ).fetchone()
        return rows.heard(r[0]) if r else {}

    def find_ids(self, part: str) -> list[str]:
        """The session `part` names: its exact id, else the ids starting with
        it, else the ids containing it (`sim history` shows the short end of each id)."""
        escaped = part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        with self._translated():
            exact = self._db.execute("SELECT id FROM sessions WHERE id = ?", (part,)).fetchone()
            if exact:
                return [exact[0]]
            for pattern in (escaped + "%", "%" + escaped + "%"):
                found = [r[0] for r in self._db.execute("SELECT id FROM sessions WHERE id LIKE ? ESCAPE '\\' ORDER BY id", (pattern,))]
                if found:
                    return found
        return []

    def session(self, session_id: str) -> SessionRecord | None:
        """One stored session in full; a StoreError naming the table, row and
        column if a value in it has the wrong type."""
        with self._read() as db:
            r = db.execute(f"SELECT {_ROW_COLUMNS} FROM sessions s WHERE s.id = ?", (session_id,)).fetchone()
            if r is None:
                return None
            table, row = "sessions", f"id {session_id!r}"
            try:
                head = _row(r)
                table = "principle_scores"
                principles = tuple(
                    PrincipleResult(
                        rows.text(p, "principle"), rows.flag(goal, "goal"), rows.optional_whole(value, "score", 0, 100),
                        rows.whole(earned, "earned"), rows.whole(possible, "possible"),
                    )
                    for p, goal, value, earned, possible in db.execute(
                        "SELECT principle, goal, score, earned, possible FROM principle_scores WHERE session_id = ? ORDER BY rowid",
                        (session_id,),
                    )
                )
                table = "critical_misses"
                misses = tuple(
                    StoredMiss(rows.whole(n, "turn"), rows.text(p, "principle"), rows.text(why, "reason"))
                    for n, p, why in db.execute("SELECT turn, principle, reason FROM critical_misses WHERE session_id = ? ORDER BY rowid", (session_id,))
                )
                table = "turns"
                turns = tuple(
                    StoredTurn(
                        rows.whole(n, "number", 1), rows.text(node, "node"), rows.text(action, "action"), rows.optional_text(cid, "choice_id"),
                        rows.counts(sb, "state_before"), rows.counts(sa, "state_after"), rows.counts(d, "deltas"), rows.options(o, "offered"),
                        rows.optional_text(best, "best"), rows.optional_whole(ms, "ms", 0), _typed(typed),
                    )
                    for n, node, action, cid, sb, sa, d, o, best, ms, typed in db.execute(
                        "SELECT number, node, action, choice_id, state_before, state_after, deltas, offered, best, ms, typed"
                        " FROM turns WHERE session_id = ? ORDER BY number",
                        (session_id,),
                    )
                )
                table = "self_ratings"
                ratings = {
                    rows.text(p, "principle"): rows.whole(rating, "rating")
                    for p, rating in db.execute("SELECT principle, rating FROM self_ratings WHERE session_id = ? ORDER BY rowid", (session_id,))
                }
                table = "reflections"
                reflections = {
                    rows.text(q, "prompt"): rows.text(a, "answer")
                    for q, a in db.execute("SELECT prompt, answer FROM reflections WHERE session_id = ? ORDER BY position", (session_id,))
                }
            except rows.Damaged as exc:
                raise self._damaged(table, row, exc) from None
        return SessionRecord(head, principles, misses, turns, ratings, reflections)

    def principle_scores(self, *, trainee: str | None = None) -> dict[str, dict[str, int | None]]:
        """Per session id, the score of every principle it tested or touched."""
        where, params = _filters(trainee=trainee)
        out: dict[str, dict[str, int | None]] = {}
        with self._translated():
            for sid, pid, value in self._db.execute(
                f"SELECT p.session_id, p.principle, p.score FROM principle_scores p JOIN sessions s ON s.id = p.session_id{where} ORDER BY p.rowid",
                params,
            ):
                try:
                    out.setdefault(sid, {})[rows.text(pid, "principle")] = rows.optional_whole(value, "score", 0, 100)
                except rows.Damaged as exc:
                    self._skip("principle_scores", f"session {sid!r}", exc)
        return out

    def progress(self, trainee: str | None = None, *, scenario: str | None = None) -> dict[str, list[ProgressPoint]]:
        """Per principle, its scores over the sessions in time order (untested ones left out)."""
        where, params = _filters(trainee=trainee, scenario=scenario, extra="p.score IS NOT NULL")
        out: dict[str, list[ProgressPoint]] = {}
        with self._translated():
            for pid, sid, started, scenario_id, value in self._db.execute(
                "SELECT p.principle, s.id, s.started, s.scenario_id, p.score FROM principle_scores p"
                f" JOIN sessions s ON s.id = p.session_id{where} ORDER BY s.started, s.rowid",
                params,
            ):
                try:
                    point = ProgressPoint(sid, rows.text(started, "started"), scenario_id, rows.whole(value, "score", 0, 100))
                    principle = rows.text(pid, "principle")
                    out.setdefault(principle, []).append(point)
                except rows.Damaged as exc:
                    self._skip("principle_scores", f"session {sid!r}", exc)
        return out

    def calibration(self, trainee: str | None = None, *, session_id: str | None = None) -> list[CalibrationPoint]:
        """Self-ratings beside the computed scores, for every rated principle that was scored."""
        where, params = _filters(trainee=trainee, session_id=session_id, extra="p.score IS NOT NULL")
        with self._translated():
            found = self._db.execute(
                "SELECT s.id, s.started, s.scenario_id, r.principle, r.rating, p.score FROM self_ratings r"
                " JOIN principle_scores p ON p.session_id = r.session_id AND p.principle = r.principle"
                f" JOIN sessions s ON s.id = r.session_id{where} ORDER BY s.started, s.rowid, r.rowid",
                params,
            ).fetchall()
        points = []
        for sid, started, scen, pid, rating, value in found:
            try:
                own = self_score(rows.whole(rating, "rating"))
                if own is None:
                    raise rows.Damaged("rating", f"{rating} is outside 1–5")
                point = CalibrationPoint(sid, rows.text(started, "started"), scen, rows.text(pid, "principle"), rating, own, rows.whole(value, "score", 0, 100))
                points.append(point)
            except rows.Damaged as exc:
                self._skip("self_ratings", f"session {sid!r}", exc)
        return points

    # --- xAPI outbox ------------------------------------------------------------------
    # One queue per LRS endpoint (its statements URL, as sim.reports.lrs.statements_url
    # gives it). A row names its statement by session and position; the statement is
    # built when it is sent. Rows queued before the outbox knew endpoints have the
    # endpoint '': the first export that names an LRS takes them over.

    def enqueue_statements(self, endpoint: str, statements: Iterable[tuple[str, str, int, str]]) -> int:
        """Queue `(statement_id, session_id, position, base)` for `endpoint`; one already
        queued, sent, skipped or dropped there is left as it is. Returns how many were new."""
        if not endpoint:
            raise ValueError("an outbox needs its endpoint")
        now = utc_now()
        rows = [(endpoint, sid, session_id, position, base, now) for sid, session_id, position, base in statements]
        with self._write() as db:
            db.execute(
                "INSERT OR IGNORE INTO xapi_outbox (endpoint, id, session_id, position, base, queued, attempts, last_error)"
                " SELECT ?, id, session_id, position, base, queued, attempts, last_error FROM xapi_outbox WHERE endpoint = '' ORDER BY rowid",
                (endpoint,),
            )
            db.execute("DELETE FROM xapi_outbox WHERE endpoint = ''")
            before = db.total_changes
            db.executemany("INSERT OR IGNORE INTO xapi_outbox (endpoint, id, session_id, position, base, queued) VALUES (?,?,?,?,?,?)", rows)
            return db.total_changes - before

    def pending_statements(self, endpoint: str, *, after: int = 0, limit: int | None = None) -> list[QueuedStatement]:
        """What the next delivery to `endpoint` sends, oldest first: queued, not skipped,
        and queued after the row `after` (so one delivery passes each row once)."""
        return self._outbox("endpoint = ? AND sent IS NULL AND dropped IS NULL AND skipped IS NULL AND rowid > ?", [endpoint, after], limit)

    def queued_statements(self, endpoint: str) -> list[QueuedStatement]:
        """Everything still queued for `endpoint`, skipped ones included, oldest first."""
        return self._outbox("endpoint = ? AND sent IS NULL AND dropped IS NULL", [endpoint])

    def find_queued(self, endpoint: str, part: str) -> list[QueuedStatement]:
        """The queued statements `part` names: its exact id, else the ids starting with it."""
        exact = self._outbox("endpoint = ? AND sent IS NULL AND dropped IS NULL AND id = ?", [endpoint, part.lower()])
        if exact or not part:
            return exact
        escaped = part.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return self._outbox("endpoint = ? AND sent IS NULL AND dropped IS NULL AND id LIKE ? ESCAPE '\\'", [endpoint, escaped + "%"])

    def _outbox(self, where: str, params: list[Any], limit: int | None = None) -> list[QueuedStatement]:
        sql = f"SELECT rowid, endpoint, id, session_id, position, base, attempts, last_error, skipped FROM xapi_outbox WHERE {where} ORDER BY rowid"
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, limit]
        with self._translated():
            return [
                QueuedStatement(rowid, endpoint, sid, session_id, position, base, attempts, last_error, skipped is not None)
                for rowid, endpoint, sid, session_id, position, base, attempts, last_error, skipped in self._db.execute(sql, params)
            ]

    def mark_sent(self, endpoint: str, ids: Sequence[str]) -> None:
        now = utc_now()
        with self._write() as db:
            db.executemany(
                "UPDATE xapi_outbox SET sent = ?, attempts = attempts + 1, last_error = NULL WHERE endpoint = ? AND id = ?",
                [(now, endpoint, i) for i in ids],
            )

    def mark_failed(self, endpoint: str, ids: Sequence[str], error: str) -> None:
        with self._write() as db:
            db.executemany(
                "UPDATE xapi_outbox SET attempts = attempts + 1, last_error = ? WHERE endpoint = ? AND id = ?", [(error, endpoint, i) for i in ids]
            )

    def skip_statements(self, endpoint: str, ids: Sequence[str], *, skip: bool = True) -> int:
        """Set queued statements aside (`skip`), or back in the queue; returns how many changed."""
        now = utc_now() if skip else None
        with self._write() as db:
            before = db.total_changes
            db.executemany(
                "UPDATE xapi_outbox SET skipped = ? WHERE endpoint = ? AND id = ? AND sent IS NULL AND dropped IS NULL AND (skipped IS NULL) = ?",
                [(now, endpoint, i, skip) for i in ids],
            )
            return db.total_changes - before

    def drop_statements(self, endpoint: str, ids: Sequence[str]) -> int:
        """Forget queued statements for `endpoint`: never sent there, and not queued
        again by a later export (the row stays, as the record of that)."""
        now = utc_now()
        with self._write() as db:
            before = db.total_changes
            db.executemany(
                "UPDATE xapi_outbox SET dropped = ?, skipped = NULL WHERE endpoint = ? AND id = ? AND sent IS NULL AND dropped IS NULL",
                [(now, endpoint, i) for i in ids],
            )
            return db.total_changes - before

    def outbox_counts(self, endpoint: str) -> OutboxCounts:
        with self._translated():
            pending, skipped, sent, dropped = self._db.execute(
                "SELECT count(*) FILTER (WHERE sent IS NULL AND dropped IS NULL AND skipped IS NULL),"
                " count(*) FILTER (WHERE sent IS NULL AND dropped IS NULL AND skipped IS NOT NULL),"
                " count(*) FILTER (WHERE sent IS NOT NULL), count(*) FILTER (WHERE dropped IS NOT NULL)"
                " FROM xapi_outbox WHERE endpoint = ?",
                (endpoint,),
            ).fetchone()
        return OutboxCounts(int(pending), int(skipped), int(sent), int(dropped))

    def outbox_endpoints(self) -> list[str]:
        """Every endpoint with an outbox, in the order first queued for ('' for rows queued before endpoints were known)."""
        with self._translated():
            return [r[0] for r in self._db.execute("SELECT endpoint FROM xapi_outbox GROUP BY endpoint ORDER BY min(rowid)")]

    def integrity_check(self) -> str:
        with self._translated():
            return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])


_ROW_COLUMNS = (
    "s.id, s.trainee, s.scenario_id, s.scenario_path, s.content_hash, s.title, s.seed, s.mode, s.lang,"
    " s.started, s.ended, s.ending, s.success, s.overall, s.uncapped, s.grade, s.actions, s.passed, s.time_limits, s.heard"
)


def _row(r: Sequence[Any]) -> SessionRow:
    """A sessions row, every value checked (rows.Damaged names the first bad one)."""
    return SessionRow(
        rows.text(r[0], "id"), rows.text(r[1], "trainee"), rows.text(r[2], "scenario_id"), rows.text(r[3], "scenario_path"),
        rows.text(r[4], "content_hash"), rows.text_map(r[5], "title"), rows.whole(r[6], "seed", 0), rows.text(r[7], "mode"),
        rows.optional_text(r[8], "lang"), rows.text(r[9], "started"), rows.optional_text(r[10], "ended"), rows.optional_text(r[11], "ending"),
        rows.flag(r[12], "success"), rows.optional_whole(r[13], "overall", 0, 100), rows.optional_whole(r[14], "uncapped", 0, 100),
        rows.text(r[15], "grade"), tuple(rows.texts(r[16], "actions")), None if r[17] is None else rows.flag(r[17], "passed"),
        _time_limits(r[18]), rows.heard(r[19]),
    )  # fmt: skip


def _typed(value: object) -> Typed | None:
    # Only what the trainee's words were: a damaged value reads as none, never as an unreadable session.
    if value is None:
        return None
    try:
        return Typed.from_record(rows.json_value(value, "typed"))
    except rows.Damaged:
        return None


def _time_limits(value: object) -> str:
    if value is None:
        return "normal"
    if value in TIME_LIMITS:
        return str(value)
    raise rows.Damaged("time_limits", f"{value!r} is not one of {', '.join(TIME_LIMITS)}")


def _filters(*, trainee: str | None = None, scenario: str | None = None, session_id: str | None = None, extra: str | None = None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    for column, value in (("s.trainee", trainee), ("s.scenario_id", scenario), ("s.id", session_id)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if extra:
        clauses.append(extra)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _absolute(path: str) -> str:
    # Reports rebuild the session later, maybe from another working folder.
    if not path:
        return ""
    try:
        return str(Path(path).resolve())
    except OSError:
        return path


# --- one-call API: open, do, close -------------------------------------------------


def record_session(session: Session, score: Score, *, db: Path | None = None, **kwargs: Any) -> str:
    """`Store.record_session` on the data folder's history (see there)."""
    with Store(db) as store:
        return store.record_session(session, score, **kwargs)


def heard(*, trainee: str, scenario: str, db: Path | None = None) -> dict[str, tuple[int, ...]]:
    with Store(db) as store:
        return store.heard(trainee=trainee, scenario=scenario)


def sessions(*, db: Path | None = None, **filters: Any) -> list[SessionRow]:
    with Store(db) as store:
        return store.sessions(**filters)


def session(session_id: str, *, db: Path | None = None) -> SessionRecord | None:
    with Store(db) as store:
        return store.session(session_id)


def progress(trainee: str | None = None, *, db: Path | None = None, scenario: str | None = None) -> dict[str, list[ProgressPoint]]:
    with Store(db) as store:
        return store.progress(trainee, scenario=scenario)


def calibration(trainee: str | None = None, *, db: Path | None = None, session_id: str | None = None) -> list[CalibrationPoint]:
    with Store(db) as store:
        return store.calibration(trainee, session_id=session_id)


def import_journals(store: Store | None = None, *, extra_dirs: Sequence[Path] = ()) -> ImportResult:
    """Record every finished journal whose session is not in the store yet.

    A journal holds the scenario, seed and actions, so the session is rebuilt
    by replaying it. One that cannot be rebuilt (scenario gone, or changed so
    the actions no longer fit) is skipped and reported, and tried again next time.
    """
    from sim.session import journal
    result = ImportResult()
    folder = journal.journals_dir()
    if not folder.is_dir():
        return result
    own = store is None
    store = store or Store()
    try:
        known = store.session_ids()
        todo = []
        for path in journal.paths():  # oldest first, to the microsecond
            try:
                info = journal.read(path)
            except (OSError, ValueError, TypeError, RecursionError):
                continue  # not a journal, or unreadable: nothing to import
            if info.session_id in known:
                continue
            result.damage.extend(info.damage)
            if info.finished and info.ending:
                todo.append(info)
        if not todo:
            return result
        from sim.session.rebuild import Rebuilder, RebuildError

        rebuilder = Rebuilder(extra_dirs)
        for info in todo:
            try:
                rebuilt = rebuilder.rebuild(info.scenario_id, info.scenario_path, info.content_hash, info.seed, info.actions, info.heard)
            except RebuildError as exc:
                result.skipped.append((str(info.path), exc.message))
                result.reasons[str(info.path)] = exc
                continue
            if rebuilt.session.ending is None or rebuilt.session.ending.value != info.ending:
                # Turns lost to damage: what is left does not reach the recorded end.
                lost = RebuildError.of(str(info.path), "err.journal.incomplete", "err.journal.incomplete_hint", ending=str(info.ending))
                result.skipped.append((str(info.path), lost.message))
                result.reasons[str(info.path)] = lost
                continue
            store.record_session(
                rebuilt.session,
                rebuilt.score,
                trainee=info.trainee,
                mode=info.mode,
                lang=info.lang,
                started=info.started or None,
                ended=info.ended_at,
                self_assessment=info.self_assessment if isinstance(info.self_assessment, dict) else None,
                durations_ms=info.durations_ms,
                session_id=info.session_id,
                scenario_path=info.scenario_path,
                content_hash=info.content_hash or None,
                time_limits=info.time_limits,
                typed={number: said for number, said in enumerate(info.typed, start=1) if said is not None},
            )
            known.add(info.session_id)
            result.imported.append(info.session_id)
        return result
    finally:
        if own:
            store.close()
