"""The session journal: one JSON line per event, flushed to disk before the
trainee sees what follows, so a crash, a closed terminal or `kill -9` loses
at most the turn in progress.

The engine is pure, so a journal only needs the scenario, the seed and the
actions: replaying them rebuilds the session exactly.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.errors import UserError
from sim.files import append_line, read_limited, write_file, write_problem
from sim.paths import data_dir
from sim.session.own_words import Typed

if TYPE_CHECKING:
    from sim.session.records import Header

FORMAT = 1


class JournalError(UserError):
    """A journal could not be written (full disk, read-only folder, a failing
    disk): the encounter goes on, but it can no longer be resumed."""


def write_error(path: Path, exc: OSError) -> JournalError:
    """The failure worded by its kind, so the hint fits: free space, a
    writable folder, or a look at the disk."""
    key, hint = _WRITE_PROBLEMS[write_problem(exc)]
    return JournalError.of(str(path), key, hint, error=exc.strerror or str(exc))


_WRITE_PROBLEMS = {
    "full": ("err.journal.full", "err.journal.full_hint"),
    "read-only": ("err.journal.read_only", "err.journal.read_only_hint"),
    "denied": ("err.journal.denied", "err.journal.denied_hint"),
    "io": ("err.journal.io", "err.journal.io_hint"),
    "other": ("err.journal.failed", "err.journal.failed_hint"),
}


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
    time_limits: str = "normal"  # the trainee's accessibility setting (sim.session.settings.TIME_LIMITS)
    own_words: bool = False  # the trainee answers in their own words
    # The variants the trainee had heard when the session began: a replay says the same words.
    heard: dict[str, tuple[int, ...]] = field(default_factory=dict)
    actions: list[str] = field(default_factory=list)
    # Per action: the node it was taken at, and the node it led to. Both are
    # None in records that did not carry them; sim.core.replay uses them to tell
    # whether an edited scenario still takes the journalled path.
    nodes: list[str | None] = field(default_factory=list)
    arrived: list[str | None] = field(default_factory=list)
    # Per action: milliseconds the trainee took, None where not measured.
    durations_ms: list[int | None] = field(default_factory=list)
    # Per action: the reply typed in the trainee's own words, None where an option was picked.
    typed: list[Typed | None] = field(default_factory=list)
    finished: bool = False
    abandoned: bool = False
    # Lines that were damaged (not a torn last line, which is the turn in
    # progress at a crash): skipped, each with its line number, and said.
    damage: list[JournalError] = field(default_factory=list)
    # A turn missing before later ones: the actions stop there, since a
    # replay without it would take the later ones at the wrong places.
    gap_at: int | None = None
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
        time_limits: str = "normal",
        heard: Mapping[str, Sequence[int]] | None = None,
        own_words: bool = False,
    ) -> Journal:
        folder = journals_dir()
        session_id = new_session_id()
        journal = cls(folder / f"{session_id}.jsonl", session_id)
        try:
            folder.mkdir(parents=True, exist_ok=True)
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
                    "limits": time_limits,
                    **({"heard": {k: list(v) for k, v in heard.items()}} if heard else {}),
                    **({"words": True} if own_words else {}),
                }
            ))
        except OSError as exc:
            raise write_error(journal.path, exc) from None
        return journal

    @classmethod
    def reopen(cls, info: JournalInfo) -> Journal:
        """Carry on writing to an interrupted journal after a resume."""
        return cls(info.path, info.session_id)

    def record(
        self,
        turn_number: int,
        action: str,
        node: str,
        elapsed_ms: int | None = None,
        *,
        arrived: str | None = None,
        typed: Typed | None = None,
    ) -> None:
        """Journal one action taken at `node`; `arrived` is the node it led to;
        `typed`, the reply the trainee wrote in their own words for it."""
        record: dict[str, Any] = {"turn": turn_number, "action": action, "node": node, "ms": elapsed_ms}
        if arrived is not None:
            record["next"] = arrived
        if typed is not None:
            record["typed"] = typed.as_dict()
        self._append(record)

    def finish(self, ending: str, self_assessment: dict[str, Any] | None = None, overall: int | None = None) -> None:
        self._append({"end": ending, "self": self_assessment, "overall": overall, "at": _now()})

    def abandon(self) -> None:
        self._append({"abandoned": True, "at": _now()})

    def _append(self, record: dict[str, Any]) -> None:
        # Whole and durable before the caller shows the next node; a write the
        # disk cut short is a torn line, which never swallows the next one.
        try:
            append_line(self.path, _line(record).encode("utf-8"))
        except OSError as exc:
            raise write_error(self.path, exc) from None


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


MAX_JOURNAL_BYTES = 16 * 1024 * 1024  # a session of thousands of turns is well under 1 MB

def read(path: Path) -> JournalInfo:
    """Read a journal. A torn last line (the turn in progress at a crash) is
    left out quietly; a damaged line anywhere else is left out and listed in
    `damage`, and the lines after it are still read. Raises ValueError if the
    file is not a journal at all (its first line is not a valid header)."""
    # Here, not at the top: the history opens without pydantic until a journal is read.
    from pydantic import ValidationError

    from sim.session.records import Header

    # Untrusted like any file in the data folder: a regular file of bounded size only.
    text = read_limited(path, MAX_JOURNAL_BYTES).decode("utf-8", errors="replace")
    lines = text.split("\n")  # not splitlines: U+2028 may stand in a record
    torn_last = not text.endswith("\n")
    info: JournalInfo | None = None
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        last = number == len(lines)
        try:
            record = json.loads(raw)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            if info is None:
                info = _info(path, Header.model_validate(record))
            else:
                _add(info, record, number)
        except (ValueError, ValidationError, RecursionError) as exc:
            if info is None:
                raise ValueError(f"{path}: not a journal") from None
            if not (last and torn_last):
                info.damage.append(_damaged(path, number, exc))
    if info is None:
        raise ValueError(f"{path}: not a journal")
    return info


def _info(path: Path, h: Header) -> JournalInfo:
    return JournalInfo(
        path=path,
        session_id=h.session,
        scenario_id=h.scenario,
        scenario_path=h.path,
        content_hash=h.hash,
        seed=h.seed,
        mode=h.mode,
        lang=h.lang,
        trainee=h.trainee,
        started=h.started,
        time_limits=h.limits,
        heard={k: tuple(dict.fromkeys(v)) for k, v in h.heard.items()},
        own_words=h.words,
    )


def _add(info: JournalInfo, record: dict[str, Any], number: int) -> None:
    from sim.session.records import Abandoned, Action, End

    if "action" in record:
        step = Action.model_validate(record)
        if info.gap_at is not None:
            return  # after a missing turn, nothing can be replayed in its place
        expected = len(info.actions) + 1
        if step.turn < expected:
            # The same turn twice (an old journal's resume): the first one stands.
            info.damage.append(_damaged(info.path, number, ValueError(f"turn {step.turn} is already recorded")))
            return
        if step.turn > expected:
            info.gap_at = expected
            info.damage.append(JournalError.of(f"{info.path}:{number}", "err.journal.gap", "err.journal.gap_hint", turn=expected))
            return
        info.actions.append(step.action)
        info.nodes.append(step.node)
        info.arrived.append(step.next)
        info.durations_ms.append(step.ms)
        info.typed.append(None if step.typed is None else Typed(step.typed.text, step.typed.lang, step.typed.understood))
    elif "end" in record:
        end = End.model_validate(record)
        info.finished = True
        info.ending = end.end
        info.self_assessment = None if end.self is None else end.self.model_dump()
        info.overall = end.overall
        info.ended_at = end.at
    elif "abandoned" in record:
        info.abandoned = Abandoned.model_validate(record).abandoned
    else:
        raise ValueError("not a record this version of sim writes")


def _damaged(path: Path, number: int, exc: Exception) -> JournalError:
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the record"
        detail = f"{where}: {first['msg']}"
    elif isinstance(exc, json.JSONDecodeError):
        detail = f"not JSON ({exc.msg}, column {exc.colno})"
    else:
        detail = str(exc)
    return JournalError.of(f"{path}:{number}", "err.journal.damaged", "err.journal.damaged_hint", detail=detail)


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
