"""What a trainee should practise next, from what they have practised so far.

Pure: the sessions, the scenarios on offer, the assignments and the time are
all given, so the rules are tested with a fake clock and every front end
(`sim next`, the home screen, `--plain`) gets the same answer.

The rules (docs/practice.md says them for instructors):

- **Spaced repetition, per principle.** Each session that scored a principle
  sets when it is due again: practised well (≥ GOOD) the interval grows
  (2 days, then ×2.5 each time, at most MAX_INTERVAL); practised fairly it
  stays (at least a day); practised badly (< POOR) it is due again in a day.
  A principle never practised is due now.
- **Weakest first.** A principle's level is the mean of its scores with the
  newest counting most (each older one half as much as the one after it).
  Among the principles that are due, the lowest level comes first; one never
  practised counts as UNSEEN_LEVEL, so a clearly weak one still comes before
  a new one. Ties: the longest overdue, then the catalogue's order.
- **A difficulty ladder.** A trainee starts on easy scenarios, moves to medium
  once they have passed an easy one with at least LADDER_SCORE, and to hard
  once they have passed a medium one so. The scenario practises the chosen
  principle (it is one of its goals), at the trainee's rung if one does, then
  the nearest rung below, then above; one not yet played before one played,
  then the one played longest ago.
- **Mode.** Assessment once the trainee has passed that scenario in practice
  with at least LADDER_SCORE and not yet in assessment; practice otherwise.
- **Assignments first.** An assignment not yet passed that is overdue or due
  within a week (its day at most 7 days ahead) comes before everything else,
  the earliest due first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

GOOD = 80
POOR = 50
LADDER_SCORE = 70
UNSEEN_LEVEL = 50
FIRST_INTERVAL = timedelta(days=2)
GROWTH = 2.5
MIN_INTERVAL = timedelta(days=1)
MAX_INTERVAL = timedelta(days=60)
# An assignment falls due at the end of its day: one due "in 7 days" is up to 8 days away.
ASSIGNMENT_SOON = timedelta(days=8)
RUNGS = ("easy", "medium", "hard")


@dataclass(frozen=True, slots=True)
class Practised:
    """One finished session of the trainee, as the rules need it."""

    scenario: str
    started: datetime
    mode: str
    overall: int | None
    passed: bool
    principles: Mapping[str, int | None]  # the principle's score in the session; None where it was not tested


@dataclass(frozen=True, slots=True)
class Offered:
    """A scenario the trainee can play."""

    id: str
    difficulty: str
    goals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Assigned:
    """An assignment of the trainee's class (sim.content.assignments), as the rules need it."""

    scenario: str
    due: datetime | None
    pass_score: int  # the overall score that completes it
    mode: str | None  # the mode it must be done in; None: either


@dataclass(frozen=True, slots=True)
class Schedule:
    """Where one principle stands for the trainee."""

    principle: str
    level: int | None  # recency-weighted score; None if never practised
    sessions: int
    last: datetime | None
    interval: timedelta  # until it is due again after `last`
    due: datetime | None  # None: due now, never practised

    def is_due(self, now: datetime) -> bool:
        return self.due is None or self.due <= now

    def overdue(self, now: datetime) -> timedelta:
        return timedelta(0) if self.due is None else now - self.due


@dataclass(frozen=True, slots=True)
class Recommendation:
    """The next scenario and mode, and why: `reason` is a code the words come from
    (sim.reports.words.recommendation_text), `principle` the one it practises."""

    scenario: str
    mode: str
    reason: str  # first | assignment | never | weak | due | early
    principle: str | None = None
    level: int | None = None
    last: datetime | None = None
    due: datetime | None = None
    rung: str = "easy"
    climbed: bool = False  # the first scenario on a rung the trainee has just reached
    schedule: tuple[Schedule, ...] = field(default=(), compare=False)


def schedule(principle: str, history: Sequence[Practised]) -> Schedule:
    """When `principle` is due again after the sessions in `history` (oldest first)."""
    scores: list[tuple[datetime, int]] = [(s.started, sc) for s in history if (sc := s.principles.get(principle)) is not None]
    interval = timedelta(0)
    for _, score in scores:
        if score >= GOOD:
            interval = FIRST_INTERVAL if interval < FIRST_INTERVAL else min(MAX_INTERVAL, interval * GROWTH)
        elif score >= POOR:
            interval = max(MIN_INTERVAL, interval)
        else:
            interval = MIN_INTERVAL
    if not scores:
        return Schedule(principle, None, 0, None, timedelta(0), None)
    last = scores[-1][0]
    return Schedule(principle, _level([sc for _, sc in scores]), len(scores), last, interval, last + interval)


def _level(scores: Sequence[int]) -> int:
    """The mean of `scores` (oldest first), each weighing twice the one before it."""
    # Halved from the newest back: a trainee with a thousand sessions must not overflow a float.
    level = 0.0
    total = 0.0
    for score in scores:
        level = level / 2 + score
        total = total / 2 + 1
    return round(level / total)


def rung(history: Iterable[Practised], difficulty: Mapping[str, str]) -> str:
    """The trainee's rung on the difficulty ladder."""
    passed = {difficulty.get(s.scenario) for s in history if s.passed and (s.overall or 0) >= LADDER_SCORE}
    for here in RUNGS[:-1]:
        if here not in passed:
            return here
    return RUNGS[-1]


def recommend(
    history: Sequence[Practised],
    offered: Sequence[Offered],
    now: datetime,
    *,
    principles: Sequence[str] = (),
    assignments: Sequence[Assigned] = (),
) -> Recommendation | None:
    """The next thing to practise; None when nothing is on offer.

    `history` is the trainee's finished sessions in any order; `principles` the
    catalogue's order (ties are broken by it); `now` is timezone-aware like the
    sessions' times."""
    if not offered:
        return None
    history = sorted(history, key=lambda s: s.started)
    by_id = {o.id: o for o in offered}
    difficulty = {o.id: o.difficulty for o in offered}
    order = list(dict.fromkeys([*principles, *(g for o in offered for g in o.goals)]))
    schedules = tuple(schedule(p, history) for p in order if any(p in o.goals for o in offered))
    step = rung(history, difficulty)

    def mode_for(scenario: str) -> str:
        done = [s for s in history if s.scenario == scenario and s.passed and (s.overall or 0) >= LADDER_SCORE]
        if any(s.mode == "practice" for s in done) and not any(s.mode == "assessment" for s in done):
            return "assessment"
        return "practice"

    # Assignments first: the earliest due of those not yet done that are overdue or due soon.
    open_ = [a for a in assignments if a.scenario in by_id and not completes(a, history)]
    pressing = sorted((a for a in open_ if a.due is not None and a.due - now <= ASSIGNMENT_SOON), key=lambda a: (a.due, a.scenario))
    if pressing:
        a = pressing[0]
        return Recommendation(a.scenario, a.mode or mode_for(a.scenario), "assignment", due=a.due, rung=step, schedule=schedules)

    if not history:
        first = min(offered, key=lambda o: (_rung_distance(o.difficulty, "easy"), -len(o.goals), o.id))
        return Recommendation(first.id, "practice", "first", rung=step, schedule=schedules)

    due = [s for s in schedules if s.is_due(now)]
    if due:
        pick = min(due, key=lambda s: (UNSEEN_LEVEL if s.level is None else s.level, -s.overdue(now).total_seconds(), order.index(s.principle)))
        reason = "never" if pick.level is None else ("weak" if pick.level < LADDER_SCORE else "due")
    else:
        pick = min(schedules, key=lambda s: (s.level if s.level is not None else UNSEEN_LEVEL, s.due or now, order.index(s.principle)))
        reason = "early"
    scenario = _scenario_for(pick.principle, offered, history, step)
    climbed = step != "easy" and difficulty.get(scenario) == step and all(difficulty.get(s.scenario) != step for s in history)
    return Recommendation(
        scenario, mode_for(scenario), reason, pick.principle, pick.level, pick.last, pick.due, rung=step, climbed=climbed, schedule=schedules
    )


def completes(a: Assigned, history: Iterable[Practised]) -> bool:
    """Whether one of the sessions in `history` completes the assignment: passed,
    at its score, in its mode (the class view and the home screen count the same)."""
    return any(
        s.scenario == a.scenario and s.passed and (s.overall or 0) >= a.pass_score and (a.mode is None or s.mode == a.mode)
        for s in history
    )


def _rung_distance(difficulty: str, step: str) -> tuple[int, int]:
    here = RUNGS.index(difficulty) if difficulty in RUNGS else 1
    at = RUNGS.index(step)
    # The trainee's rung, then the nearest below, then above.
    return (0, 0) if here == at else ((1, at - here) if here < at else (2, here - at))


def _scenario_for(principle: str, offered: Sequence[Offered], history: Sequence[Practised], step: str) -> str:
    last_played = {s.scenario: s.started for s in history}
    fitting = [o for o in offered if principle in o.goals] or list(offered)
    best = min(
        fitting,
        key=lambda o: (
            _rung_distance(o.difficulty, step),
            o.id in last_played,
            last_played.get(o.id, datetime.min.replace(tzinfo=history[0].started.tzinfo) if history else datetime.min),
            o.id,
        ),
    )
    return best.id
