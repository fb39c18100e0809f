"""Scoring a finished (or unfinished) session against the principles.

Every point is traceable: at each turn, for every principle the open options
treated differently, the trainee earns `chosen − worst` out of `best − worst`
(an option without a delta for the principle counts as 0). A principle's
score is 100 × earned ÷ possible over the session. Deterministic: the same
session always gives the same score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from sim.content.model import Ending
from sim.core import judgement
from sim.core.engine import Alternative, CriticalMiss, Session, Turn
from sim.core.judgement import CALL_HELP, Rules, help_is_an_option, help_tests, right_call_tests, rules, tests_call_help

GRADES: tuple[tuple[int, str], ...] = ((85, "excellent"), (70, "good"), (50, "satisfactory"), (0, "needs practice"))
CRITICAL_CAP = 49


@dataclass(frozen=True, slots=True)
class Evidence:
    """What one turn contributed to one principle."""

    turn: int
    node: str
    chosen: Alternative
    delta: int
    best: int
    worst: int

    @property
    def earned(self) -> int:
        return self.delta - self.worst

    @property
    def possible(self) -> int:
        return self.best - self.worst


@dataclass(frozen=True, slots=True)
class PrincipleScore:
    principle: str
    goal: bool
    evidence: tuple[Evidence, ...]

    @property
    def earned(self) -> int:
        return sum(e.earned for e in self.evidence)

    @property
    def possible(self) -> int:
        return sum(e.possible for e in self.evidence)

    @property
    def score(self) -> int | None:
        """0–100, or None when no turn tested this principle."""
        if self.possible == 0:
            return None
        return (200 * self.earned + self.possible) // (2 * self.possible)  # rounded half up, in integers


@dataclass(frozen=True, slots=True)
class Shortfall:
    """One reason an ended encounter did not pass."""

    code: Literal["ending", "miss", "score", "critical"]
    principle: str | None = None  # "critical": the principle that fell short
    value: int | None = None  # the score that fell short
    need: int | None = None  # what passing needs

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "principle": self.principle, "value": self.value, "need": self.need}


@dataclass(frozen=True, slots=True)
class Score:
    principles: tuple[PrincipleScore, ...]
    overall: int | None
    uncapped: int | None
    grade: str
    critical_misses: tuple[CriticalMiss, ...]
    ending: Ending | None
    verdicts: tuple[TurnVerdict, ...]  # one per turn
    rules: Rules = field(default_factory=Rules)  # how this scenario is graded
    cap: int | None = None  # the highest overall score the ending allows, if it limits it
    passed: bool | None = None  # None until the encounter has ended
    shortfalls: tuple[Shortfall, ...] = ()  # why it did not pass

    def principle(self, pid: str) -> PrincipleScore | None:
        return next((p for p in self.principles if p.principle == pid), None)

    @property
    def success(self) -> bool:
        return self.ending is not None and self.ending.success and not self.critical_misses

    @property
    def capped_by(self) -> Literal["miss", "ending", "both"] | None:
        """What holds the overall score below the mean of the goals, if anything."""
        if self.overall is None or self.uncapped is None or self.overall == self.uncapped:
            return None
        missed = bool(self.critical_misses) and self.uncapped > CRITICAL_CAP
        if self.cap is None:
            return "miss"
        return "both" if missed else "ending"


def grade_for(score: int | None) -> str:
    if score is None:
        return "not assessed"
    return next(name for floor, name in GRADES if score >= floor)


def _delta(alt: Alternative, pid: str) -> int:
    return alt.principles.get(pid, 0)


def counts_in_range(alt: Alternative, pid: str, helped: bool) -> bool:
    """Whether an option open at a turn sets the range of `pid` there: not the
    key on a principle it does not name, nor — once help is there — a call on
    `call-help-early` (calling again is no measure of carrying on)."""
    if alt.names_only and pid not in alt.principles:
        return False
    return not (helped and alt.calls and pid == CALL_HELP)


def turn_evidence(turn: Turn, pid: str) -> Evidence | None:
    chosen = chosen_alternative(turn)
    if chosen is None:  # pragma: no cover - the engine always records it
        return None
    if turn.action == "help" and not help_tests(pid, turn.principles, turn.help_as):
        return None  # the help key says nothing about a principle it does not touch
    if turn.called_help and not right_call_tests(pid, turn.principles, turn.threat):
        return None  # a call when it is right loses nothing on what it does not touch
    if pid == CALL_HELP and not tests_call_help(turn.threat, turn.helped_before, turn.called_help, turn.help_authored):
        return None  # not calling is marked down only under threat, before help came
    values = [_delta(a, pid) for a in turn.alternatives if counts_in_range(a, pid, turn.helped_before)]
    if not values:  # pragma: no cover - the move itself is always among them
        return None
    best, worst = max(values), min(values)
    if best == worst:
        return None
    delta = turn.principles.get(pid, 0)
    return Evidence(turn.number, turn.node, chosen, delta, best, worst)


@dataclass(frozen=True, slots=True)
class TurnVerdict:
    """How a turn's choice compares with the other options on the scenario's
    goals: the one rule behind "✓ one of the best" and "better: …" in the
    debrief, `--plain` and every report."""

    was_best: bool | None  # worth as much as the best option; None when there was no decision
    better: Alternative | None  # the best option, when the choice was worth less

    @property
    def decision(self) -> bool:
        """More than one option was open: a turn with one option is no decision."""
        return self.was_best is not None


def chosen_alternative(turn: Turn) -> Alternative | None:
    """The option the trainee took, among those that were open."""
    return next((a for a in turn.alternatives if a.action == turn.action and a.choice_id == turn.choice_id), None)


def worth(alt: Alternative, goals: Sequence[str]) -> int:
    """What an option is worth on the scenario's goals."""
    return judgement.worth(alt.principles, goals)


def verdict(turn: Turn, goals: Sequence[str]) -> TurnVerdict:
    best = best_alternative(turn, goals)
    chosen = chosen_alternative(turn)
    if best is None or chosen is None or len(turn.alternatives) < 2:
        return TurnVerdict(None, None)
    if turn.critical:
        # A move the encounter counts as a critical miss is never among the best,
        # however it adds up on the goals: the better move is one that is no miss
        # (a call, where carrying on alone or against calling was the miss).
        safe = [a for a in turn.alternatives if a is not chosen and _no_miss(a, turn.critical)]
        return TurnVerdict(False, max(safe, key=lambda a: worth(a, goals)) if safe else None)
    if _call_is_the_move(turn) and not turn.called_help:
        # Under threat, before help came, calling is the right move (however carrying
        # on adds up on the other goals): the better move is the best call.
        calls = [a for a in turn.alternatives if a.calls]
        return TurnVerdict(False, max(calls, key=lambda a: worth(a, goals)) if calls else None)
    if turn.called_help and turn.threat != "none" and not turn.helped_before:
        # Calling for help while the client is or is becoming a threat is never the
        # wrong move: nothing is proposed as better than it.
        return TurnVerdict(True, None)
    if not tests_call_help(turn.threat, turn.helped_before, turn.called_help, turn.help_authored):
        # Nor is not calling, where it is not marked down: judged on the other goals.
        goals = [g for g in goals if g != CALL_HELP]
        best = best_alternative(turn, goals)
        if best is None:
            return TurnVerdict(None, None)
    if worth(chosen, goals) >= worth(best, goals):  # a tie with the best is the best
        return TurnVerdict(True, None)
    return TurnVerdict(False, best)


Tone = Literal["good", "bad", "neutral"]
TONE_MARKS: dict[Tone, str] = {"good": "✓", "bad": "✗", "neutral": "•"}


def feedback_tone(turn: Turn, goals: Sequence[str]) -> Tone:
    """The mark on a turn's feedback as it is played, by the rule of the
    debrief's verdict, so play never says ✓ where the debrief proposes a
    better option: good when the choice was (one of) the best; bad when it
    was a critical miss, or worth less than the best and less than nothing on
    the goals; neutral in between. A turn without a decision: by the sign of
    its worth."""
    judged = verdict(turn, goals)
    chosen = chosen_alternative(turn)
    value = worth(chosen, goals) if chosen is not None else 0
    if turn.critical:
        return "bad"
    if judged.was_best:
        return "good"
    if judged.was_best is None:
        return "good" if value > 0 else "bad" if value < 0 else "neutral"
    return "bad" if value < 0 else "neutral"


def _call_is_the_move(turn: Turn) -> bool:
    """The client is a threat and help has not come: the call is the right move."""
    return help_is_an_option(turn.threat, turn.helped_before)


def _no_miss(alt: Alternative, missed: Sequence[str]) -> bool:
    """Whether `alt` avoids the critical misses of a turn: a call where
    call-help-early was missed, nothing below zero on any principle missed."""
    if CALL_HELP in missed and not alt.calls:
        return False
    return all(alt.principles.get(pid, 0) >= 0 for pid in missed)


def judged_worths(turn: Turn, goals: Sequence[str]) -> list[int]:
    """What each of the turn's alternatives is worth as `verdict` judges them:
    on the goals it weighs, and with a correct call for help at the top — so
    an export's "correct responses" agree with the debrief's "✓ best"; at a
    turn that was a critical miss, every option that would have been one too
    ranks below those that would not."""
    chosen = chosen_alternative(turn)
    if turn.critical or (_call_is_the_move(turn) and not turn.called_help):
        # Only what `verdict` could call better ranks at the top: a move that is no
        # miss, and under threat before help, a call.
        values = [worth(a, goals) for a in turn.alternatives]
        low = min(values, default=0) - 1
        ok = [a is not chosen and _no_miss(a, turn.critical) and (a.calls or not _call_is_the_move(turn)) for a in turn.alternatives]
        return [v if good else low for v, good in zip(values, ok)]
    if not tests_call_help(turn.threat, turn.helped_before, turn.called_help, turn.help_authored):
        goals = [g for g in goals if g != CALL_HELP]
    values = [worth(a, goals) for a in turn.alternatives]
    if chosen is not None and turn.called_help and turn.threat != "none" and not turn.helped_before and values:
        i = turn.alternatives.index(chosen)
        values[i] = max(values)
    return values


def best_alternative(turn: Turn, goals: Sequence[str]) -> Alternative | None:
    """The option worth most on the scenario's goals (first one on a tie)."""
    if not turn.alternatives:
        return None
    return max(turn.alternatives, key=lambda a: worth(a, goals))


def score(session: Session) -> Score:
    goals = list(session.scenario.goals)
    touched: set[str] = set()
    for turn in session.turns:
        for alt in turn.alternatives:
            touched.update(pid for pid, d in alt.principles.items() if d)
    order = goals + sorted(touched - set(goals))
    principles = tuple(
        PrincipleScore(
            pid,
            pid in goals,
            tuple(e for e in (turn_evidence(t, pid) for t in session.turns) if e is not None),
        )
        for pid in order
    )
    assessed = [p.score for p in principles if p.goal and p.score is not None]
    if not assessed:
        assessed = [p.score for p in principles if p.score is not None]
    uncapped = (2 * sum(assessed) + len(assessed)) // (2 * len(assessed)) if assessed else None
    misses = tuple(session.critical_misses)
    grading = rules(session.scenario)
    cap = grading.cap(session.ending)
    overall = uncapped
    if misses and overall is not None:
        overall = min(overall, CRITICAL_CAP)
    if cap is not None and overall is not None:
        overall = min(overall, cap)
    grade = "needs practice" if misses else grade_for(overall)
    passed, shortfalls = None, []
    if session.ending is not None:
        # Passing takes all of: a good ending, no critical miss, the pass mark, and
        # each critical principle the encounter tested at its threshold.
        if not session.ending.success:
            shortfalls.append(Shortfall("ending"))
        if misses:
            shortfalls.append(Shortfall("miss"))
        if overall is None or overall < grading.pass_score:
            shortfalls.append(Shortfall("score", value=overall, need=grading.pass_score))
        for p in principles:
            if p.principle in session.critical_principles and p.score is not None and p.score < grading.critical:
                shortfalls.append(Shortfall("critical", p.principle, p.score, grading.critical))
        passed = not shortfalls
    return Score(
        principles=principles,
        overall=overall,
        uncapped=uncapped,
        grade=grade,
        critical_misses=misses,
        ending=session.ending,
        verdicts=tuple(verdict(t, goals) for t in session.turns),
        rules=grading,
        cap=cap if cap is not None and uncapped is not None and uncapped > cap else None,
        passed=passed,
        shortfalls=tuple(shortfalls),
    )

