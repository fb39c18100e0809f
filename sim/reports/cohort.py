"""Sessions of many trainees, read alike from any of the places they are kept.

The class view (sim.reports.classview) and the trainee's "what next"
(sim.core.recommend) count attempts, whatever they were read from: the
history database of one machine, a folder of JSON reports handed in, or a
Learning Record Store (sim.reports.lrs_read). Each source turns what it holds
into the same `Attempt`, so the figures agree wherever they come from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sim.content.assignments import same_name
from sim.core.recommend import Practised
from sim.core.self_rating import self_score
from sim.reports.summary import ReportError, load_report, report_files
from sim.session.history import SessionRecord, Store


@dataclass(frozen=True, slots=True)
class Move:
    """What a trainee did at one turn, and whether it was the best open there."""

    node: str
    response: str  # a choice id, `help` or `timeout`
    best: bool | None  # None: there was nothing to choose
    better: tuple[str, ...] = ()  # the better option there, as the debrief names it, where it was not taken


@dataclass(frozen=True, slots=True)
class Attempt:
    """One session of one trainee."""

    session: str
    trainee: str
    scenario: str
    started: datetime  # timezone-aware
    mode: str
    overall: int | None
    passed: bool
    ending: str | None
    scores: Mapping[str, int | None]  # by principle; None where the session did not test it
    ratings: Mapping[str, int] = field(default_factory=dict)  # the trainee's self-ratings, 1–5
    moves: tuple[Move, ...] = ()
    title: str = ""

    @property
    def finished(self) -> bool:
        return self.ending is not None

    def gap(self, principle: str) -> int | None:
        """Self-score minus score (sim.core.self_rating): positive where the trainee rated themselves higher."""
        own = self_score(self.ratings.get(principle))
        score = self.scores.get(principle)
        return None if own is None or score is None else own - score

    def practised(self) -> Practised:
        return Practised(self.scenario, self.started, self.mode, self.overall, self.passed, self.scores)


FIRST_YEAR, LAST_YEAR = 1970, 9998  # a session's time outside them is not one: date sums would overflow


def aware(value: str | datetime) -> datetime:
    """A stored time as a timezone-aware datetime (UTC where none is given);
    ValueError for a time no session has (handed-in reports and LRSs are untrusted)."""
    when = value if isinstance(value, datetime) else datetime.fromisoformat(value.replace("Z", "+00:00"))
    if not FIRST_YEAR <= when.year <= LAST_YEAR:
        raise ValueError(f"{when.year} is not a year of a session")
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def unique(attempts: Iterable[Attempt]) -> list[Attempt]:
    """Each session once (a report handed in twice, or a session in two sources), oldest first."""
    seen: dict[tuple[str, str], Attempt] = {}
    for a in attempts:
        seen.setdefault((a.trainee, a.session), a)
    return sorted(seen.values(), key=lambda a: (a.started, a.trainee, a.session))


# --- the history database ---------------------------------------------------------


def from_record(record: SessionRecord) -> Attempt:
    row = record.row
    moves = tuple(judged_move(turn.node, turn.response, turn.best_responses()) for turn in record.turns)
    return Attempt(
        session=row.id,
        trainee=row.trainee,
        scenario=row.scenario_id,
        started=aware(row.started),
        mode=row.mode,
        overall=row.overall,
        passed=row.pass_result,
        ending=row.ending,
        scores={p.principle: p.score for p in record.principles},
        ratings=dict(record.ratings),
        moves=moves,
        title=_title(row.title, row.lang),
    )


def judged_move(node: str, response: str, best: Sequence[str] | None) -> Move:
    """A move judged by the options worth the most there (None: nothing to choose)."""
    if best is None or not best:
        return Move(node, response, None)
    hit = response in best
    # The first of the best, in the order they were offered: the option the debrief (and a
    # report's `better`) names, so every source says the same.
    return Move(node, response, hit, () if hit else (best[0],))


def from_history(store: Store, *, trainee: str | None = None) -> list[Attempt]:
    """Every finished session in the history (of one trainee, if named: however they typed their name)."""
    out = []
    rows = store.sessions() if trainee is None else [r for r in store.sessions() if same_name(r.trainee, trainee)]
    for row in rows:
        if row.ending is None:
            continue
        record = store.session(row.id)
        if record is not None:
            out.append(from_record(record))
    return unique(out)


def _title(title: Mapping[str, str], lang: str | None) -> str:
    return title.get(lang or "en") or title.get("en") or next(iter(title.values()), "")


# --- a folder of JSON reports ------------------------------------------------------


def from_report(data: Mapping[str, Any]) -> Attempt | None:
    """The attempt of a report loaded by `sim.reports.summary.load_report` (checked
    and cleaned there); None for a report of a session that did not end."""
    session = data.get("session") or {}
    if data.get("ending") is None or not session.get("started"):
        return None
    try:
        started = aware(session["started"])
    except ValueError:
        return None
    ratings = {p["id"]: p["self_rating"] for p in data["principles"] if isinstance(p.get("self_rating"), int)}
    moves = tuple(
        Move(t["node"], t["response"], t["was_best"], () if t["was_best"] is not False or not t.get("better") else (t["better"]["response"],))
        for t in data.get("turns") or []
    )
    return Attempt(
        session=session.get("id") or f"{data['scenario']['id']}@{session['started']}",
        trainee=session.get("trainee") or "?",
        scenario=data["scenario"]["id"],
        started=started,
        mode=session.get("mode") or "practice",
        overall=data.get("overall"),
        passed=bool(data["passed"] if data.get("passed") is not None else data.get("success")),
        ending=data.get("ending"),
        scores={p["id"]: p.get("score") for p in data["principles"]},
        ratings=ratings,
        moves=moves,
        title=data["scenario"].get("title") or "",
    )


def from_reports(paths: Sequence[Path]) -> tuple[list[Attempt], list[ReportError]]:
    """The attempts of every JSON report named or in a named folder, and each file's problem."""
    files, problems = report_files(paths)
    out = []
    for path in files:
        try:
            attempt = from_report(load_report(path))
        except ReportError as exc:
            problems.append(exc)
            continue
        if attempt is not None:
            out.append(attempt)
    return unique(out), problems
