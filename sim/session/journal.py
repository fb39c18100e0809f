"""The session journal: one JSON line per event, flushed to disk before the
trainee sees what follows, so a crash, a closed terminal or `kill -9` loses
at most the turn in progress.

The engine is pure, so a journal only needs the scenario, the seed and the
actions: replaying them rebuilds the session exactly.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sim.files import read_limited, write_file
from sim.paths import data_dir

FORMAT = 1


def journals_dir() -> Path:
    return data_dir() / "journals"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_seed() -> int:
    return secrets.randbelow(2**31)


@dataclass
class JournalInfo:
    path: Path
    session_id: str
    scenario_id: str
    scenario_path: str
    content_hash: str
    seed: int
    mode: str
    lang: str
    trainee: str
    started: str
    actions: list[str] = field(default_factory=list)
    # Per action: the node it was taken at, and the node it led to. Both are
    # None in records that did not carry them; sim.core.replay uses them to tell
    # whether an edited scenario still takes the journalled path.
    nodes: list[str | None] = field(default_factory=list)
    arrived: list[str | None] = field(default_factory=list)
    # Per action: milliseconds the trainee took, None where not measured.
    durations_ms: list[int | None] = field(default_factory=list)
    finished: bool = False
    abandoned: bool = False
    ending: str | None = None
    self_assessment: dict[str, Any] | None = None
    overall: int | None = None
    ended_at: str | None = None


class Journal:
    """An open journal file that the current session appends to."""

    def __init__(self, path: Path, session_id: str) -> None:
        self.path = path
        self.session_id = session_id

    @classmethod
    def start(
        cls,
        *,
        scenario_id: str,
        scenario_path: str,
        content_hash: str,
        seed: int,
        mode: str,
        lang: str,
        trainee: str = "",
    ) -> Journal:
        folder = journals_dir()
        folder.mkdir(parents=True, exist_ok=True)
        session_id = new_session_id()
        journal = cls(folder / f"{session_id}.jsonl", session_id)
        # The header lands atomically: a kill during start leaves no journal
        # at all rather than an empty file that is not a journal.
        write_file(journal.path, _line(
            {
                "v": FORMAT,
                "session": session_id,
                "scenario": scenario_id,
                "path": scenario_path,
                "hash": content_hash,
                "seed": seed,
                "mode": mode,
                "lang": lang,
                "trainee": trainee,
                "started": _now(),
            }
        ))
        return journal

    @classmethod
    def reopen(cls, info: JournalInfo) -> Journal:
        """Carry on writing to an interrupted journal after a resume."""
        return cls(info.path, info.session_id)

    def record(self, turn_number: int, action: str, node: str, elapsed_ms: int | None = None, *, arrived: str | None = None) -> None:
        """Journal one action taken at `node`; `arrived` is the node it led to."""
        record: dict[str, Any] = {"turn": turn_number, "action": action, "node": node, "ms": elapsed_ms}
        if arrived is not None:
            record["next"] = arrived
        self._append(record)

    def finish(self, ending: str, self_assessment: dict[str, Any] | None = None, overall: int | None = None) -> None:
        self._append({"end": ending, "self": self_assessment, "overall": overall, "at": _now()})

    def abandon(self) -> None:
        self._append({"abandoned": True, "at": _now()})

    def _append(self, record: dict[str, Any]) -> None:
        line = _line(record)
        # O_APPEND writes of one short line land whole; fsync makes them durable
        # before the caller shows the next node.
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


MAX_JOURNAL_BYTES = 16 * 1024 * 1024  # a session of thousands of turns is well under 1 MB


def read(path: Path) -> JournalInfo:
    """Read a journal, ignoring a torn last line (the turn in progress)."""
    header: dict[str, Any] | None = None
    info: JournalInfo | None = None
    # Untrusted like any file in the data folder: a regular file of bounded size only.
    text = read_limited(path, MAX_JOURNAL_BYTES).decode("utf-8", errors="replace")
    for raw in text.split("\n"):  # not splitlines: U+2028 may stand in a record
        try:
            record = json.loads(raw)
        except json.JSONDecodeError:
            break  # a write cut short: everything after it is lost anyway
        if not isinstance(record, dict):
            break
        if header is None:
            header = record
            info = JournalInfo(
                path=path,
                session_id=str(record.get("session", path.stem)),
                scenario_id=str(record.get("scenario", "")),
                scenario_path=str(record.get("path", "")),
                content_hash=str(record.get("hash", "")),
                seed=int(record.get("seed", 0)),
                mode=str(record.get("mode", "practice")),
                lang=str(record.get("lang", "en")),
                trainee=str(record.get("trainee", "")),
                started=str(record.get("started", "")),
            )
            continue
        assert info is not None
        if "action" in record:
            info.actions.append(str(record["action"]))
            node, arrived = record.get("node"), record.get("next")
            info.nodes.append(node if isinstance(node, str) else None)
            info.arrived.append(arrived if isinstance(arrived, str) else None)
            ms = record.get("ms")
            info.durations_ms.append(ms if isinstance(ms, int) and not isinstance(ms, bool) else None)
        elif "end" in record:
            info.finished = True
            info.ending = record.get("end")
            info.self_assessment = record.get("self")
            info.overall = record.get("overall")
            info.ended_at = record.get("at")
        elif record.get("abandoned"):
            info.abandoned = True
    if info is None:
        raise ValueError(f"{path}: not a journal")
    return info


def new_session_id() -> str:
    """Sortable by start time, unique: journals and history entries share it."""
    # Microseconds: two sessions started in one second must still sort in order.
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")
    return f"{stamp}-{secrets.token_hex(3)}"


def _start_order(path: Path) -> tuple[str, str]:
    # Names from before microseconds were added (`20240501T100000-3f2a9c`)
    # count as the start of their second.
    stamp, _, rest = path.stem.partition("-")
    return (stamp if "." in stamp else stamp + ".000000"), rest


def paths() -> list[Path]:
    """Every journal file, oldest first."""
    folder = journals_dir()
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.jsonl"), key=_start_order)


# Start-up asks for the last results and for the interrupted sessions, and
# asks again after each resume offer: each journal is parsed once and read
# again only when its size or modification time says it has changed.
_read_cache: dict[Path, tuple[tuple[int, int], JournalInfo]] = {}


def _all() -> list[JournalInfo]:
    out = []
    seen = set()
    for path in reversed(paths()):
        seen.add(path)
        try:
            stat = path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
            cached = _read_cache.get(path)
            if cached is None or cached[0] != stamp:
                cached = _read_cache[path] = (stamp, read(path))
            out.append(cached[1])
        except (OSError, ValueError, TypeError, RecursionError):
            continue  # an unreadable journal must not stop the simulator starting
    for gone in _read_cache.keys() - seen:
        del _read_cache[gone]
    return out


def _whose(j: JournalInfo, trainee: str | None) -> bool:
    # None: everyone's. Journals from before names were recorded belong to anyone.
    return trainee is None or j.trainee in ("", trainee)


def interrupted(trainee: str | None = None) -> list[JournalInfo]:
    """Sessions that were neither finished nor given up, newest first; only
    `trainee`'s when given (trainees share a data folder under `sim serve`
    and on a training-room computer)."""
    return [j for j in _all() if not j.finished and not j.abandoned and j.actions and _whose(j, trainee)]


def last_results(trainee: str | None = None) -> dict[str, JournalInfo]:
    """The newest finished session of each scenario; only `trainee`'s when given."""
    out: dict[str, JournalInfo] = {}
    for j in _all():
        if j.finished and j.scenario_id not in out and _whose(j, trainee):
            out[j.scenario_id] = j
    return out
