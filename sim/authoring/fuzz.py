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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from sim.content.model import Profile, Scenario
from sim.core.engine import CALL_HELP, HELP, TIMEOUT, Session
from sim.core.scoring import CRITICAL_CAP, Score, grade_for, score
from sim.i18n import t
from sim.text import localize

MAX_TURNS = 500
HELP_RATE = 0.05  # a trainee reaches for the help key now and then, threatened or not
TIMEOUT_RATE = 0.15  # and sometimes lets a time limit run out
NOT_ENDED = "did not end"

Kind = Literal["crash", "stuck", "out-of-range", "not-a-number", "inconsistent", "did-not-end"]
KINDS: tuple[Kind, ...] = ("crash", "stuck", "out-of-range", "not-a-number", "inconsistent", "did-not-end")


@dataclass(frozen=True, slots=True)
class Said:
    """A problem's words: a catalogue key (sim/i18n.py, `fuzz.*`) and its fields."""

    key: str
    fields: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return t(self.key, lang, **self.fields)


def _said(key: str, **fields: object) -> Said:
    return Said(key, fields)


@dataclass(frozen=True, slots=True)
class FuzzProblem:
    kind: Kind
    message: str  # in English, as the JSON has it; `text(lang)` in any language
    node: str
    seed: int  # the run's seed: `sim fuzz SCENARIO --seed SEED --runs 1` replays it
    actions: tuple[str, ...]  # the exact actions, for `sim walk --seed SEED --choices …`
    runs: int = 1  # how many runs ran into the same problem (the shortest is kept)
    said: Said | None = field(default=None, compare=False)

    def text(self, lang: str = "en") -> str:
        return self.said.text(lang) if self.said is not None else self.message

    def kind_text(self, lang: str = "en") -> str:
        """The kind's words; in English its code, as the JSON has it."""
        return t(f"fuzz.kind.{self.kind}", lang)


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
    words: Spread | None = None  # words a trainee reads in a turn: the options, then what is said and the feedback

    @property
    def problem_runs(self) -> int:
        return sum(p.runs for p in self.problems)

    @property
    def minutes(self) -> int | None:
        """An honest estimate of the minutes one play takes: the median turns of
        random play, each the median words read at READING_WPM plus DECIDING_SECONDS."""
        if self.turns is None or self.words is None:
            return None
        seconds = self.turns.median * (self.words.median / READING_WPM * 60 + DECIDING_SECONDS)
        return max(1, math.ceil(seconds / 60))


@dataclass(slots=True)
class _Run:
    seed: int
    actions: list[str]
    session: Session | None = None
    problem: FuzzProblem | None = None
    result: Score | None = None
    words: list[int] = field(default_factory=list)  # per turn: words read (`FuzzReport.words`)


READING_WPM = 200  # an adult reading a screen of dialogue
DECIDING_SECONDS = 10  # and choosing what to say


def _words(text: str | Mapping[str, str] | None, language: str) -> int:
    # Counted in English where there is English: words of one language, for every scenario.
    return len(localize(text, "en", language).split()) if text is not None else 0


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
    words: list[int] = []
    overall: list[int] = []
    by_principle: dict[str, list[int]] = {}
    found: dict[tuple[str, str, str], FuzzProblem] = {}
    for i in range(runs):
        run = play(scenario, profile, seed + i, max_turns, critical_principles)
        words += run.words
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
                found[key] = replace(keep, runs=first.runs + 1)
    report.turns = Spread.of(turns)
    report.words = Spread.of(words)
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
    if r < HELP_RATE and session.can_call_help:
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

    def stop(kind: Kind, said: Said, node: str) -> _Run:
        run.problem = FuzzProblem(kind, said.text(), node, seed, tuple(run.actions), said=said)
        return run

    try:
        session = Session(scenario, profile, seed, critical)
    except Exception as exc:  # noqa: BLE001 - any crash of the engine is what the fuzzer reports
        return stop("crash", _crash(exc, "fuzz.crash.start"), scenario.start)
    run.session = session
    while True:
        bad = check_state(session)
        if bad is not None:
            return stop(*bad, session.node_id)
        if session.ended:
            break
        if len(session.turns) >= max_turns:
            return stop("did-not-end", _said("fuzz.no_end", max_turns=max_turns), session.node_id)
        action = choose_action(session, rng)
        if action is None:
            return stop("stuck", _said("fuzz.stuck", node=session.node_id), session.node_id)
        run.actions.append(action)
        node = session.node_id
        shown = len(session.transcript)
        read = sum(_words(o.choice.say, scenario.language) for o in session.options)
        try:
            turn = session.act(action)
        except Exception as exc:  # noqa: BLE001 - any crash of the engine is what the fuzzer reports
            return stop("crash", _crash(exc, "fuzz.crash.act", action=action, node=node), node)
        read += sum(_words(line.text, scenario.language) for line in session.transcript[shown:] if line.speaker != "trainee")
        run.words.append(read + _words(turn.feedback, scenario.language))
    try:
        run.result = score(session)
    except Exception as exc:  # noqa: BLE001 - any crash of the scoring is what the fuzzer reports
        return stop("crash", _crash(exc, "fuzz.crash.score"), session.node_id)
    wrong = check_ending(session, run.result)
    if wrong is not None:
        return stop("inconsistent", wrong, session.node_id)
    return run


def _crash(exc: BaseException, key: str, **doing: object) -> Said:
    frames = traceback.extract_tb(exc.__traceback__)
    at = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return _said(key, error=type(exc).__name__, detail=str(exc), at=at, **doing)


def check_state(session: Session) -> tuple[Kind, Said] | None:
    ranges = session.scenario.ranges()
    state: Mapping[str, object] = session.state
    for var in ranges:
        if var not in state:
            return "inconsistent", _said("fuzz.missing_var", var=var)
    for var, value in state.items():
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and math.isnan(value):
                return "not-a-number", _said("fuzz.nan", var=var)
            return "not-a-number", _said("fuzz.not_whole", var=var, value=repr(value))
        low, high = ranges.get(var, (0, 100))
        if not low <= value <= high:
            return "out-of-range", _said("fuzz.out_of_range", var=var, value=value, low=low, high=high)
    if session.node_id not in session.scenario.nodes:
        return "inconsistent", _said("fuzz.not_a_node", node=session.node_id)
    if state.get("turn") != len(session.turns):
        return "inconsistent", _said("fuzz.turn_count", turn=state.get("turn"), turns=len(session.turns))
    return None


def check_ending(session: Session, result: Score) -> Said | None:
    """Whether the score agrees with how the encounter ended."""
    ending = session.ending
    misses = bool(result.critical_misses)
    if result.ending != ending:
        return _said("fuzz.ending_mismatch", reported=result.ending, ending=ending)
    if ending is not None and result.success != (ending.success and not misses):
        return _said("fuzz.scored_success" if result.success else "fuzz.scored_no_success", ending=ending.value)
    for ps in result.principles:
        if ps.score is not None and not 0 <= ps.score <= 100:
            return _said("fuzz.principle_range", principle=ps.principle, score=ps.score)
        for e in ps.evidence:
            if not 0 <= e.earned <= e.possible:
                return _said("fuzz.evidence_range", principle=ps.principle, earned=e.earned, possible=e.possible, turn=e.turn)
    for value, key in ((result.overall, "fuzz.overall_range"), (result.uncapped, "fuzz.uncapped_range")):
        if value is not None and not 0 <= value <= 100:
            return _said(key, value=value)
    if misses:
        if result.overall is not None and result.overall > CRITICAL_CAP:
            return _said("fuzz.over_cap", overall=result.overall, cap=CRITICAL_CAP)
        if result.grade != "needs practice":
            return _said("fuzz.grade_with_miss", grade=result.grade)
    elif result.grade != grade_for(result.overall):
        return _said("fuzz.grade_mismatch", grade=result.grade, overall=result.overall)
    if ending is not None and ending.value == "help-called" and not session.help_called:
        return _said("fuzz.help_without_call")
    return None
