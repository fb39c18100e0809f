"""The instructor's summary: JSON reports of several trainees, aggregated per
scenario and principle.

Reads the files `sim report --format json` writes. A session that appears in
two files counts once. A principle is "missed" in a session when it scored
below 50 (the grade "needs practice") or was the subject of a critical miss;
the most-missed principles are those missed in the largest share of sessions.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, computed_field

from sim.errors import UserError
from sim.files import read_limited
from sim.reports.data import FORMAT, VERSION
from sim.text import clean

MISSED_BELOW = 50
MAX_FILE = 16 * 1024 * 1024
MAX_FILES = 10_000
MOST_MISSED = 3


class ReportError(UserError):
    """A file that is not a readable `sim report --format json` report."""


# What the summary reads of a report, type-checked: reports come from
# trainees, so every value is checked before it is counted or shown, and every
# text is cleaned (sim.text.clean) before it can reach a terminal.
class _Lax(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)


Text = Annotated[str, Field(max_length=2000), AfterValidator(clean)]
Score = Annotated[int, Field(ge=0, le=100)]


class _Scenario(_Lax):
    id: Text
    title: Text | None = None


Id = Annotated[str, Field(max_length=200), AfterValidator(clean)]


class _Session(_Lax):
    id: Text | None = None
    trainee: Text | None = None
    mode: Literal["practice", "assessment"] | None = None
    started: Annotated[str, Field(max_length=64)] | None = None


class _Miss(_Lax):
    principle: Text


class _Principle(_Lax):
    id: Text
    name: Text | None = None
    goal: bool = False
    score: Score | None = None
    self_rating: Annotated[int, Field(ge=1, le=5)] | None = None


class _Alternative(_Lax):
    action: Literal["choice", "help", "timeout"]
    choice_id: Id | None = None

    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented use
    @property
    def response(self) -> str:
        """What was done, as one id, as the history says it (sim.session.history.StoredTurn.response)."""
        return self.choice_id if self.action == "choice" and self.choice_id else self.action


class _Turn(_Alternative):
    node: Id
    was_best: bool | None = None
    better: _Alternative | None = None


class _Report(_Lax):
    scenario: _Scenario
    session: _Session = _Session()
    overall: Score | None = None
    success: bool = False
    passed: bool | None = None
    ending: Id | None = None
    turns: list[_Turn] = Field(default_factory=list, max_length=100_000)
    critical_misses: list[_Miss] = Field(default_factory=list, max_length=10_000)
    principles: list[_Principle] = Field(max_length=1000)


@dataclass(frozen=True, slots=True)
class PrincipleStats:
    principle: str
    name: str
    goal: bool
    n: int
    mean: float | None
    stdev: float | None
    low: int | None
    high: int | None
    missed: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "principle": self.principle,
            "name": self.name,
            "goal": self.goal,
            "n": self.n,
            "mean": self.mean,
            "stdev": self.stdev,
            "min": self.low,
            "max": self.high,
            "missed": self.missed,
        }


@dataclass
class ScenarioSummary:
    scenario: str
    title: str
    sessions: int = 0
    trainees: set[str] = field(default_factory=set)
    overall: list[int] = field(default_factory=list)
    successes: int = 0
    principles: list[PrincipleStats] = field(default_factory=list)

    def most_missed(self, count: int = MOST_MISSED) -> list[PrincipleStats]:
        missed = [p for p in self.principles if p.missed]
        return sorted(missed, key=lambda p: (-p.missed / max(p.n, 1), -p.missed, p.principle))[:count]

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "title": self.title,
            "sessions": self.sessions,
            "trainees": len(self.trainees),
            "success_rate": round(self.successes / self.sessions, 2) if self.sessions else None,
            "overall": _stats(self.overall),
            "principles": [p.as_dict() for p in self.principles],
            "most_missed": [{"principle": p.principle, "name": p.name, "missed": p.missed, "n": p.n} for p in self.most_missed()],
        }


def report_files(paths: Sequence[Path]) -> tuple[list[Path], list[ReportError]]:
    """Every `*.json` file named or under a named folder."""
    files: list[Path] = []
    problems: list[ReportError] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(ReportError.of(str(path), "err.summary.no_such", "err.summary.no_such_hint"))
    if len(files) > MAX_FILES:
        problems.append(ReportError.of(str(paths[0]), "err.summary.too_many", "err.summary.too_many_hint", count=MAX_FILES))
        files = files[:MAX_FILES]
    return files, problems


def load_report(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_FILE:
            raise ReportError.of(str(path), "err.summary.too_large", "err.summary.too_large_hint", megabytes=MAX_FILE // (1024 * 1024))
        data = json.loads(read_limited(path, MAX_FILE).decode("utf-8"))
    except RecursionError:
        raise ReportError.of(str(path), "err.summary.too_deep", "err.summary.not_report_hint") from None
    except UnicodeDecodeError:
        raise ReportError.of(str(path), "err.summary.not_text", "err.summary.json_hint") from None
    except json.JSONDecodeError as exc:
        raise ReportError.of(f"{path}:{exc.lineno}:{exc.colno}", "err.summary.not_json", "err.summary.json_hint", error=exc.msg) from None
    except ValueError as exc:  # an integer of thousands of digits: Python refuses to convert it
        raise ReportError.of(str(path), "err.summary.not_json", "err.summary.json_hint", error=clean(str(exc))) from None
    except OSError as exc:
        raise ReportError.of(str(path), "err.summary.unreadable", "err.summary.unreadable_hint", error=exc.strerror or str(exc)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ReportError.of(str(path), "err.summary.not_report", "err.summary.not_report_hint")
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise ReportError.of(str(path), "err.summary.newer", "err.summary.newer_hint", version=repr(data.get("version")), known=VERSION)
    scenario = data.get("scenario")
    if not isinstance(scenario, dict) or not isinstance(scenario.get("id"), str) or not isinstance(data.get("principles"), list):
        raise ReportError.of(str(path), "err.summary.incomplete", "err.summary.incomplete_hint")
    try:
        report = _Report.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ReportError.of(str(path), "err.summary.bad_value", "err.summary.not_report_hint", where=clean(where), error=clean(first["msg"])) from None
    return report.model_dump()


def summarise(reports: Iterable[dict[str, Any]]) -> list[ScenarioSummary]:
    by_scenario: dict[str, ScenarioSummary] = {}
    scores: dict[tuple[str, str], list[int]] = {}
    tested: dict[tuple[str, str], int] = {}
    missed: dict[tuple[str, str], int] = {}
    names: dict[tuple[str, str], tuple[str, bool]] = {}
    seen: set[tuple[str, Any]] = set()
    for data in reports:
        sc = data["scenario"]
        session = data.get("session") or {}
        key = (sc["id"], session.get("id") or id(data))
        if key in seen:
            continue  # the same session exported twice
        seen.add(key)
        summary = by_scenario.setdefault(sc["id"], ScenarioSummary(sc["id"], str(sc.get("title") or sc["id"])))
        summary.sessions += 1
        summary.trainees.add(str(session.get("trainee") or "?"))
        if isinstance(data.get("overall"), int):
            summary.overall.append(data["overall"])
        summary.successes += bool(data.get("success"))
        critical = {m.get("principle") for m in data.get("critical_misses") or [] if isinstance(m, dict)}
        for p in data["principles"]:
            if not isinstance(p, dict) or not isinstance(p.get("id"), str):
                continue
            k = (sc["id"], p["id"])
            names.setdefault(k, (str(p.get("name") or p["id"]), bool(p.get("goal"))))
            value = p.get("score")
            if isinstance(value, int) and not isinstance(value, bool):
                scores.setdefault(k, []).append(value)
                tested[k] = tested.get(k, 0) + 1
                if value < MISSED_BELOW or p["id"] in critical:
                    missed[k] = missed.get(k, 0) + 1
            elif p["id"] in critical:
                tested[k] = tested.get(k, 0) + 1
                missed[k] = missed.get(k, 0) + 1
    for (scenario, pid), (name, goal) in names.items():
        values = scores.get((scenario, pid), [])
        stats = _stats(values)
        by_scenario[scenario].principles.append(
            PrincipleStats(
                pid,
                name,
                goal,
                tested.get((scenario, pid), 0),
                stats["mean"],
                stats["stdev"],
                stats["min"],
                stats["max"],
                missed.get((scenario, pid), 0),
            )
        )
    for summary in by_scenario.values():
        summary.principles.sort(key=lambda p: (not p.goal, p.principle))
    return sorted(by_scenario.values(), key=lambda s: s.scenario)


def _stats(values: list[int]) -> dict[str, Any]:
    if not values:
        return {"n": 0, "mean": None, "stdev": None, "min": None, "max": None}
    # The sample standard deviation: the trainees are a sample of those who will play.
    stdev = round(statistics.stdev(values), 1) if len(values) > 1 else 0.0
    return {"n": len(values), "mean": round(statistics.fmean(values), 1), "stdev": stdev, "min": min(values), "max": max(values)}
