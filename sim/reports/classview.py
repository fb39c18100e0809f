"""The instructor's class view: a class's attempts as one JSON-ready dict.

`sim class` prints it as tables or writes it as JSON, CSV or HTML
(sim.reports.class_files), and the TUI's class screen shows the same dict,
so every figure is computed here once:

- **grid**: per trainee and principle, the sessions that tested it, the
  latest score, the mean, the trend (latest minus first, from two sessions
  on) and the mean self-rating gap (self-score minus score);
- **trainees**: sessions, and the first and the last attempt with their scores;
- **assignments**: for each trainee it is for, `done` (passed at its score,
  in its mode: sim.core.recommend.completes), `tried` or `not started`, and
  whether it was done late or is overdue;
- **missed**: per node, how often trainees did not take the best option
  there, and what they took instead, the most missed first.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sim.content.assignments import Assignment, Assignments, name_key
from sim.content.library import Library
from sim.core.judgement import DEFAULT_PASS, rules
from sim.core.recommend import Assigned, completes
from sim.core.self_rating import mean_gap
from sim.reports.cohort import Attempt
from sim.text import clean, localize

FORMAT = "encounter-sim.class"
VERSION = 1
MISSED_NODES = 20  # the most-missed nodes listed


@dataclass(frozen=True, slots=True)
class Roster:
    """Who is in the class: names from the assignment file and `--trainees`."""

    names: tuple[str, ...] = ()

    def spellings(self) -> dict[str, str]:
        """Each name's key (sim.content.assignments.name_key) to the roster's spelling of it."""
        return {name_key(n): n for n in reversed(self.names)}


def class_view(
    attempts: Sequence[Attempt],
    library: Library,
    lang: str,
    now: datetime,
    *,
    roster: Roster = Roster(),
    assignments: Assignments | None = None,
    source: str = "history",
    completing: Sequence[Attempt] | None = None,
) -> dict[str, Any]:
    """The class view of `attempts` (finished sessions, oldest first). Assignments are
    judged on `completing` where given: a view narrowed to a scenario or a time still
    counts every session that completed one."""
    attempts = [a for a in attempts if a.finished]
    # One row per trainee however they typed their name: the roster's spelling, else the first seen.
    # Names come from trainees (and their reports): cleaned here, so every format shows them safely.
    spelling = roster.spellings()
    by_trainee: dict[str, list[Attempt]] = {clean(n): [] for n in spelling.values()}

    def who(name: str) -> str:
        return clean(spelling.setdefault(name_key(name), name))

    for a in sorted(attempts, key=lambda a: a.started):
        by_trainee.setdefault(who(a.trainee), []).append(a)
    trainees = sorted(by_trainee, key=str.casefold)
    completed: dict[str, list[Attempt]] = {}
    for a in sorted(attempts if completing is None else [a for a in completing if a.finished], key=lambda a: a.started):
        completed.setdefault(who(a.trainee), []).append(a)

    order = list(library.principles)
    tested = {p for a in attempts for p, score in a.scores.items() if score is not None}
    principles = [p for p in order if p in tested] + sorted(tested - set(order))

    def title(scenario_id: str, fallback: str = "") -> str:
        return library.scenario_title(scenario_id, lang, fallback)

    titles = {a.scenario: a.title for a in attempts}

    def brief(a: Attempt) -> dict[str, Any]:
        started = a.started.isoformat(timespec="seconds")
        return {"session": a.session, "scenario": a.scenario, "started": started, "mode": a.mode, "overall": a.overall, "passed": a.passed}

    grid: dict[str, dict[str, dict[str, Any]]] = {}
    people = []
    for name in trainees:
        mine = by_trainee[name]
        grid[name] = {p: _cell(mine, p) for p in principles}
        first, last = (mine[0], mine[-1]) if mine else (None, None)
        gaps = [g for a in mine for p in principles if (g := a.gap(p)) is not None]
        change = None if first is None or last is None or first is last or first.overall is None or last.overall is None else last.overall - first.overall
        people.append(
            {
                "name": name,
                "sessions": len(mine),
                "passed": sum(a.passed for a in mine),
                "first": brief(first) if first else None,
                "last": brief(last) if last and last is not first else None,
                "change": change,
                # The mean of every self-rating's gap (self-score − score) over the trainee's sessions.
                "gap": mean_gap(gaps),
            }
        )

    return {
        "format": FORMAT,
        "version": VERSION,
        "source": source,
        "generated": now.isoformat(timespec="seconds"),
        "class": clean(localize(assignments.name, lang)) if assignments and assignments.name else None,
        "sessions": len(attempts),
        "principles": [{"id": p, "name": library.principle_name(p, lang)} for p in principles],
        "trainees": people,
        "grid": grid,
        "assignments": _assignments(assignments, trainees, completed, library, now, title) if assignments else [],
        "missed": _missed(attempts, library, lang, lambda s: title(s, titles.get(s, ""))),
    }


def _cell(attempts: Sequence[Attempt], principle: str) -> dict[str, Any]:
    scores = [s for a in attempts if (s := a.scores.get(principle)) is not None]
    gaps = [g for a in attempts if (g := a.gap(principle)) is not None]
    return {
        "n": len(scores),
        "latest": scores[-1] if scores else None,
        "mean": round(statistics.fmean(scores), 1) if scores else None,
        "trend": scores[-1] - scores[0] if len(scores) > 1 else None,
        "gap": mean_gap(gaps),
    }


def assigned(item: Assignment, library: Library) -> Assigned:
    """An assignment as the rules of sim.core.recommend read it: due at the end of its day in
    this machine's local time; its pass mark defaults to the scenario's."""
    loaded = library.scenario(item.scenario)
    pass_score = item.pass_score if item.pass_score is not None else (rules(loaded.scenario).pass_score if loaded else DEFAULT_PASS)
    return Assigned(item.scenario, item.due_at(), pass_score, item.mode)


def _assignments(
    assignments: Assignments, trainees: Sequence[str], by_trainee: Mapping[str, Sequence[Attempt]], library: Library, now: datetime, title: Any
) -> list[dict[str, Any]]:
    out = []
    for item in assignments.assignments:
        rule = assigned(item, library)
        who = [n for n in trainees if assignments.in_class(n) and item.is_for(n)]
        status: dict[str, dict[str, Any]] = {}
        for name in who:
            mine = [a for a in by_trainee.get(name, []) if a.scenario == item.scenario]
            done_by = next((a for a in mine if completes(rule, [a.practised()])), None)
            best = max((a.overall for a in mine if a.overall is not None), default=None)
            state = "done" if done_by else ("tried" if mine else "not-started")
            status[name] = {
                "status": state,
                "attempts": len(mine),
                "best": best,
                "done": done_by.started.isoformat(timespec="seconds") if done_by else None,
                # Late: done after its day. Overdue: its day has passed and it is not done.
                "late": bool(done_by and rule.due and done_by.started >= rule.due),
                "overdue": bool(not done_by and rule.due and now >= rule.due),
            }
        out.append(
            {
                "scenario": item.scenario,
                "title": title(item.scenario),
                "due": item.due.isoformat() if item.due else None,
                "pass": rule.pass_score,
                "mode": item.mode,
                "done": sum(s["status"] == "done" for s in status.values()),
                "of": len(who),
                "trainees": status,
            }
        )
    return out


def _missed(attempts: Iterable[Attempt], library: Library, lang: str, title: Any) -> list[dict[str, Any]]:
    judged: Counter[tuple[str, str]] = Counter()
    missed: Counter[tuple[str, str]] = Counter()
    taken: dict[tuple[str, str], Counter[str]] = {}
    better: dict[tuple[str, str], Counter[str]] = {}
    for a in attempts:
        for m in a.moves:
            if m.best is None:
                continue
            key = (a.scenario, m.node)
            judged[key] += 1
            if not m.best:
                missed[key] += 1
                taken.setdefault(key, Counter())[m.response] += 1
                better.setdefault(key, Counter()).update(m.better)

    def say(scenario_id: str, node: str, response: str) -> str:
        loaded = library.scenario(scenario_id)
        if loaded is not None and node in loaded.scenario.nodes:
            s = loaded.scenario
            choice = next((c for c in s.nodes[node].choices if c.id == response), None)
            if choice is not None:
                return clean(localize(choice.say, lang, s.language))
        return clean(response)

    rows = []
    for key, count in missed.items():
        scenario_id, node = key
        rows.append(
            {
                "scenario": scenario_id,
                "title": title(scenario_id),
                "node": node,
                "turns": judged[key],
                "missed": count,
                "share": round(count / judged[key], 2),
                "instead": [{"response": r, "say": say(scenario_id, node, r), "times": n} for r, n in sorted(taken[key].items(), key=lambda x: (-x[1], x[0]))],
                # The best options there, as the turns judged them (the scenario may have changed since).
                "better": [{"response": r, "say": say(scenario_id, node, r)} for r in sorted(better.get(key, Counter()), key=lambda r: (-better[key][r], r))],
            }
        )
    rows.sort(key=lambda r: (-r["missed"], -r["share"], r["scenario"], r["node"]))
    return rows[:MISSED_NODES]
