"""Seeded random playthroughs of one scenario, looking for what no author
thinks to try: engine crashes, a state outside its range, a node where the
trainee is stuck, an ending whose score does not add up, a path that never ends.

Deterministic and reproducible: run i of `--seed S` uses seed S + i, both for
the order the options are shown in and for the random picks, so
`--seed S+i --runs 1` plays exactly that run again, and every problem comes
with its seed and the exact list of actions (which `sim walk --choices` replays).
"""

from __future__ import annotations

import math
import random
import statistics
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sim.engine import CALL_HELP, HELP, TIMEOUT, Session
from sim.model import Profile, Scenario
from sim.scoring import CRITICAL_CAP, Score, grade_for, score

MAX_TURNS = 500
HELP_RATE = 0.05  # a trainee reaches for the help key now and then, threatened or not
TIMEOUT_RATE = 0.15  # and sometimes lets a time limit run out
NOT_ENDED = "did not end"

Kind = Literal["crash", "stuck", "out-of-range", "not-a-number", "inconsistent", "did-not-end"]
KINDS: tuple[Kind, ...] = ("crash", "stuck", "out-of-range", "not-a-number", "inconsistent", "did-not-end")


@dataclass(frozen=True, slots=True)
class FuzzProblem:
    kind: Kind
    message: str
    node: str
    seed: int  # the run's seed: `sim fuzz SCENARIO --seed SEED --runs 1` replays it
    actions: tuple[str, ...]  # the exact actions, for `sim walk --seed SEED --choices …`
    runs: int = 1  # how many runs ran into the same problem (the shortest is kept)


@dataclass(frozen=True, slots=True)
class Spread:
    low: int
    median: float
    high: int
    runs: int  # runs in which it was measured

    @classmethod
    def of(cls, values: list[int]) -> Spread | None:
        if not values:
            return None
        return cls(min(values), statistics.median(values), max(values), len(values))


@dataclass(slots=True)
class FuzzReport:
    scenario: str
    runs: int
    seed: int
    max_turns: int
    endings: dict[str, int] = field(default_factory=dict)  # ending kind (or "did not end") → runs
    turns: Spread | None = None
    overall: Spread | None = None
    scores: dict[str, Spread] = field(default_factory=dict)  # principle → spread over ended runs
    unvisited: list[str] = field(default_factory=list)
    problems: list[FuzzProblem] = field(default_factory=list)

    @property
    def problem_runs(self) -> int:
        return sum(p.runs for p in self.problems)


@dataclass(slots=True)
class _Run:
    seed: int
    actions: list[str]
    session: Session | None = None
    problem: FuzzProblem | None = None
    result: Score | None = None


def fuzz(
    scenario: Scenario,
    profile: Profile,
    *,
    runs: int = 200,
    seed: int = 0,
    max_turns: int = MAX_TURNS,
    critical_principles: frozenset[str] = frozenset({CALL_HELP}),
) -> FuzzReport:
    report = FuzzReport(scenario.id, runs, seed, max_turns)
    visited: set[str] = set()
    turns: list[int] = []
    overall: list[int] = []
    by_principle: dict[str, list[int]] = {}
    found: dict[tuple[str, str, str], FuzzProblem] = {}
    for i in range(runs):
        run = play(scenario, profile, seed + i, max_turns, critical_principles)
        if run.session is not None:
            visited.update(run.session.visited)
            turns.append(len(run.session.turns))
            ending = run.session.ending.value if run.session.ending else NOT_ENDED
            report.endings[ending] = report.endings.get(ending, 0) + 1
        if run.result is not None and run.problem is None:
            if run.result.overall is not None:
                overall.append(run.result.overall)
            for ps in run.result.principles:
                if ps.score is not None:
                    by_principle.setdefault(ps.principle, []).append(ps.score)
        if run.problem is not None:
            p = run.problem
            key = (p.kind, p.node, p.message)
            first = found.get(key)
            if first is None:
                found[key] = p
            else:
                # Keep the shortest way to the problem: it is the easiest to read and replay.
                keep = p if len(p.actions) < len(first.actions) else first
                found[key] = FuzzProblem(keep.kind, keep.message, keep.node, keep.seed, keep.actions, first.runs + 1)
    report.turns = Spread.of(turns)
    report.overall = Spread.of(overall)
    order = list(scenario.goals) + sorted(set(by_principle) - set(scenario.goals))
    report.scores = {pid: s for pid in order if (s := Spread.of(by_principle.get(pid, []))) is not None}
    report.unvisited = [nid for nid in scenario.nodes if nid not in visited]
    report.endings = dict(sorted(report.endings.items(), key=lambda kv: (kv[0] == NOT_ENDED, -kv[1], kv[0])))
    report.problems = sorted(found.values(), key=lambda p: (KINDS.index(p.kind), p.seed, p.node))
    return report


def choose_action(session: Session, rng: random.Random) -> str | None:
    """A random action that is possible now; None when the trainee is stuck."""
    options = session.options
    can_time_out = session.node.timeout is not None
    if not options and not can_time_out:
        return None
    r = rng.random()
    if r < HELP_RATE:
        return HELP
    if can_time_out and (r < TIMEOUT_RATE or not options):
        return TIMEOUT
    return rng.choice(options).id


def play(scenario: Scenario, profile: Profile, seed: int, max_turns: int, critical: frozenset[str]) -> _Run:
    """One random playthrough, stopped at the first problem."""
    # A separate stream from the engine's, so the picks do not depend on how
    # many shuffles the engine happened to draw.
    rng = random.Random(f"fuzz:{seed}")
    run = _Run(seed, [])

    def problem(kind: Kind, message: str, node: str) -> _Run:
        run.problem = FuzzProblem(kind, message, node, seed, tuple(run.actions))
        return run

    try:
        session = Session(scenario, profile, seed, critical)
    except Exception as exc:
        return problem("crash", _crash(exc, "starting the session"), scenario.start)
    run.session = session
    while True:
        bad = check_state(session)
        if bad is not None:
            return problem(*bad, session.node_id)
        if session.ended:
            break
        if len(session.turns) >= max_turns:
            return problem("did-not-end", f"no ending after {max_turns} turns", session.node_id)
        action = choose_action(session, rng)
        if action is None:
            return problem(
                "stuck",
                f"node `{session.node_id}` is not an ending, offers no choice in this state and has no time limit",
                session.node_id,
            )
        run.actions.append(action)
        node = session.node_id
        try:
            session.act(action)
        except Exception as exc:
            return problem("crash", _crash(exc, f"taking `{action}` at `{node}`"), node)
    try:
        run.result = score(session)
    except Exception as exc:
        return problem("crash", _crash(exc, "scoring the session"), session.node_id)
    bad = check_ending(session, run.result)
    if bad is not None:
        return problem("inconsistent", bad, session.node_id)
    return run


def _crash(exc: BaseException, doing: str) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__} while {doing}: {exc}{where}"


def check_state(session: Session) -> tuple[Kind, str] | None:
    ranges = session.scenario.ranges()
    state: Mapping[str, object] = session.state
    for var in ranges:
        if var not in state:
            return "inconsistent", f"state variable `{var}` is missing"
    for var, value in state.items():
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and math.isnan(value):
                return "not-a-number", f"`{var}` is NaN"
            return "not-a-number", f"`{var}` is {value!r}, not a whole number"
        low, high = ranges.get(var, (0, 100))
        if not low <= value <= high:
            return "out-of-range", f"`{var}` is {value}, outside its range {low}…{high}"
    if session.node_id not in session.scenario.nodes:
        return "inconsistent", f"the session is at `{session.node_id}`, which is not a node"
    if state.get("turn") != len(session.turns):
        return "inconsistent", f"`turn` is {state.get('turn')} after {len(session.turns)} turns"
    return None


def check_ending(session: Session, result: Score) -> str | None:
    """Whether the score agrees with how the encounter ended."""
    ending = session.ending
    misses = bool(result.critical_misses)
    if result.ending != ending:
        return f"the score reports ending `{result.ending}`, but the session ended at `{ending}`"
    if ending is not None and result.success != (ending.success and not misses):
        return f"ending `{ending.value}` is scored as {'a success' if result.success else 'no success'}"
    for ps in result.principles:
        if ps.score is not None and not 0 <= ps.score <= 100:
            return f"`{ps.principle}` scores {ps.score}, outside 0…100"
        for e in ps.evidence:
            if not 0 <= e.earned <= e.possible:
                return f"`{ps.principle}` earns {e.earned} of {e.possible} at turn {e.turn}"
    for value, name in ((result.overall, "overall"), (result.uncapped, "uncapped overall")):
        if value is not None and not 0 <= value <= 100:
            return f"the {name} score is {value}, outside 0…100"
    if misses:
        if result.overall is not None and result.overall > CRITICAL_CAP:
            return f"overall {result.overall} with a critical miss, above the cap of {CRITICAL_CAP}"
        if result.grade != "needs practice":
            return f"grade `{result.grade}` with a critical miss"
    elif result.grade != grade_for(result.overall):
        return f"grade `{result.grade}` does not match overall {result.overall}"
    if ending is not None and ending.value == "help-called" and not session.help_called:
        return "ending `help-called` reached without a call for help"
    return None
