"""A trainee's practice over time: what to do next, and their assignments.

The rules are sim.core.recommend's; this module gathers what they need (the
trainee's sessions from the history, the scenarios of the library, the class's
assignment file) so `sim next`, the home screen and `--plain` ask one function.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from sim.content import assignments as assignment_file
from sim.content.assignments import Assignments
from sim.content.library import Library
from sim.content.problems import Problem
from sim.core.recommend import Offered, Recommendation, completes, recommend
from sim.i18n import t
from sim.reports.classview import assigned
from sim.reports.cohort import Attempt, from_history
from sim.reports.words import recommendation_text, when
from sim.session.history import Store


@dataclass(frozen=True, slots=True)
class Due:
    """One of the trainee's assignments and where it stands."""

    scenario: str
    day: date | None  # the last day to pass it
    due: datetime | None  # the moment it falls due: the end of that day
    pass_score: int
    mode: str | None
    done: bool
    attempts: int
    best: int | None


@dataclass(frozen=True, slots=True)
class Plan:
    trainee: str
    recommendation: Recommendation | None
    assignments: tuple[Due, ...]
    now: datetime


def offered(library: Library) -> list[Offered]:
    return [Offered(s.scenario.id, s.scenario.difficulty, tuple(s.scenario.goals)) for s in library.scenarios]


def load_assignments(path: Path | None, library: Library) -> tuple[Assignments | None, list[Problem]]:
    """The class's assignment file at `path` (None: none is used) checked against `library`,
    and its problems; None instead of the assignments where it has an error."""
    if path is None:
        return None, []
    return assignment_file.load_checked(path, library)


def plan(store: Store, library: Library, trainee: str, now: datetime, *, assignments: Assignments | None = None) -> Plan:
    """What `trainee` should practise next, and their assignments, at `now` (timezone-aware)."""
    attempts = from_history(store, trainee=trainee) if trainee else []
    return plan_from(attempts, library, trainee, now, assignments=assignments)


def plan_from(attempts: list[Attempt], library: Library, trainee: str, now: datetime, *, assignments: Assignments | None = None) -> Plan:
    history = [a.practised() for a in attempts]
    mine = assignments.of(trainee) if assignments else []
    rules = [assigned(a, library) for a in mine]
    rec = recommend(history, offered(library), now, principles=list(library.principles), assignments=rules)
    dues = []
    for item, rule in zip(mine, rules):
        tries = [h for h in history if h.scenario == item.scenario]
        dues.append(
            Due(
                item.scenario,
                item.due,
                rule.due,
                rule.pass_score,
                rule.mode,
                completes(rule, tries),
                len(tries),
                max((h.overall for h in tries if h.overall is not None), default=None),
            )
        )
    return Plan(trainee, rec, tuple(dues), now)


def reason(p: Plan, library: Library, lang: str) -> str:
    """The recommendation's reason in `lang` ("" when there is none)."""
    if p.recommendation is None:
        return ""
    return recommendation_text(p.recommendation, p.now, lang, partial(library.principle_name, lang=lang))


def as_dict(p: Plan, library: Library, lang: str) -> dict[str, Any]:
    """`sim next --json`: the recommendation, its reason and the schedule behind it."""
    rec = p.recommendation
    name = partial(library.principle_name, lang=lang)

    def stamp(value: datetime | None) -> str | None:
        return None if value is None else value.isoformat(timespec="seconds")

    out: dict[str, Any] = {"trainee": p.trainee, "now": stamp(p.now), "scenario": None}
    if rec is not None:
        loaded = library.scenario(rec.scenario)
        out.update(
            scenario={"id": rec.scenario, "title": library.scenario_title(rec.scenario, lang), "difficulty": loaded.scenario.difficulty if loaded else None},
            mode=rec.mode,
            reason={
                "code": rec.reason,
                "text": reason(p, library, lang),
                "principle": rec.principle,
                "level": rec.level,
                "last": stamp(rec.last),
                "due": stamp(rec.due),
            },
            rung=rec.rung,
            principles=[
                {
                    "id": s.principle,
                    "name": name(s.principle),
                    "level": s.level,
                    "sessions": s.sessions,
                    "last": stamp(s.last),
                    "interval_days": round(s.interval.total_seconds() / 86400, 2),
                    "due": stamp(s.due),
                    "is_due": s.is_due(p.now),
                }
                for s in rec.schedule
            ],
        )
    out["assignments"] = [
        {
            "scenario": d.scenario,
            "title": library.scenario_title(d.scenario, lang),
            "due": d.day.isoformat() if d.day else None,
            "when": when(d.due - timedelta(seconds=1), p.now, lang) if d.due else None,
            "overdue": bool(d.due and not d.done and d.due <= p.now),
            "pass": d.pass_score,
            "mode": d.mode,
            "done": d.done,
            "attempts": d.attempts,
            "best": d.best,
        }
        for d in p.assignments
    ]
    return out


@dataclass(frozen=True, slots=True)
class HomePlan:
    """The trainee's plan as the home screen and `--plain` show it: a few lines."""

    plan: Plan
    broken: str | None = None  # the assignment file that could not be read

    def lines(self, library: Library, lang: str, *, key: bool = False) -> list[str]:
        """The recommendation, its reason and the assignments; `key`: the headline names F4, the home screen's key for it."""
        out = []
        rec = self.plan.recommendation
        if rec is not None:
            title = library.scenario_title(rec.scenario, lang)
            out.append(t("next.headline.key" if key else "next.headline", lang, scenario=title, mode=t(f"mode.{rec.mode}", lang)))
            out.append(reason(self.plan, library, lang))
        dues = self.plan.assignments
        if dues:
            done = sum(d.done for d in dues)
            line = t("next.assignments", lang, done=done, of=len(dues))
            late = [d for d in dues if not d.done and d.due is not None and d.due <= self.plan.now]
            if late:
                line += " " + t("next.assignments_late", lang, count=len(late))
            coming = sorted((d for d in dues if not d.done and d.due is not None and d.due > self.plan.now), key=lambda d: d.due or self.plan.now)
            if coming and coming[0].due is not None:
                day = coming[0].day.isoformat() if coming[0].day else ""
                line += " " + t("next.assignments_next", lang, due=day, when=when(coming[0].due - timedelta(seconds=1), self.plan.now, lang))
            out.append(line)
        if self.broken:
            out.append(t("next.assignments_broken", lang, path=self.broken))
        return out


def home_plan(library: Library, trainee: str, now: datetime | None = None) -> HomePlan | None:
    """The plan for the home screen and `--plain`: the data folder's history and assignment
    file; None when the history cannot be read (the screens say so elsewhere)."""
    from sim.paths import data_dir
    from sim.session.history import StoreError

    now = now or datetime.now().astimezone()
    path = assignment_file.default_path(data_dir())
    given, problems = load_assignments(path, library)
    # The file's name only: under `sim serve` the trainees need not see the server's folders.
    broken = next((f"{Path(p.path).name}:{p.line}:{p.col}" for p in problems if p.severity == "error"), None)
    from sim.session.history import db_path

    try:
        if db_path().exists():
            with Store() as store:
                found = plan(store, library, trainee, now, assignments=given)
        else:  # no history yet: nothing to read, and nothing is created just to find that out
            found = plan_from([], library, trainee, now, assignments=given)
    except StoreError:
        return None
    return HomePlan(found, broken)
