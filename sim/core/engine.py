"""The encounter engine: a pure state machine over one scenario.

No I/O, no clock, no Textual. Randomness (the order choices are shown in)
comes only from the seed, and time limits only arrive as `timeout()` calls,
so a session is fully determined by (scenario, persona, seed, actions) and
can be replayed exactly from its journal.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from sim.content import conditions
from sim.content.model import Choice, Ending, Node, Outcome, Profile, Route, Said, Scenario, Varied, routes
from sim.core import judgement
from sim.core.judgement import CALL_HELP as CALL_HELP  # re-exported: the engine's callers name it here
from sim.core.judgement import HELP_CREDIT as HELP_CREDIT
from sim.core.judgement import Threat

HELP = "help"
TIMEOUT = "timeout"

Action = Literal["choice", "help", "timeout"]
Band = Literal["calm", "irritated", "angry", "threatening"]
Text = str | Mapping[str, str]


class EngineError(Exception):
    """Raised for an action that is not possible in the current state."""


@dataclass(frozen=True, slots=True)
class Option:
    """A choice as the trainee sees it: numbered in display order."""

    number: int
    choice: Choice

    @property
    def id(self) -> str:
        assert self.choice.id is not None
        return self.choice.id


@dataclass(frozen=True, slots=True)
class Alternative:
    """One option that was open at a turn, with what it was worth."""

    action: Action
    choice_id: str | None
    say: Text | None
    principles: Mapping[str, int]
    next: str | tuple[Route, ...]  # as authored: a node, or a conditional list
    # The help key where no offered option means it: evidence, and part of a
    # principle's range, only on the principles it names (judgement.help_tests).
    names_only: bool = False
    calls: bool = False  # it brings help in: the key, or an option into the help node

    @property
    def response(self) -> str:
        """What it is, as one id: a choice id, `help` or `timeout` (as journals and xAPI say it)."""
        return self.choice_id if self.action == "choice" and self.choice_id else self.action


@dataclass(frozen=True, slots=True)
class Turn:
    number: int
    node: str
    action: Action
    choice_id: str | None
    say: Text | None
    feedback: Text | None
    principles: Mapping[str, int]
    state_before: Mapping[str, int]
    state_after: Mapping[str, int]
    threatened: bool
    alternatives: tuple[Alternative, ...]
    next: str  # the node the move led to, after conditional `next` lists and narration steps
    critical: tuple[str, ...] = ()
    threat: Threat = "none"  # how dangerous the client was when the move was made
    called_help: bool = False  # the help key, or an option that leads to the help node
    helped_before: bool = False  # help had been called at an earlier turn
    help_as: str | None = None  # the help key: the id of the option it was judged as, if any
    help_authored: bool = False  # the node's options score `call-help-early` themselves (judgement.names_call_help)

    def as_dict(self, text: Callable[[Text | None], str | None]) -> dict[str, object]:
        """The turn as plain data, with authored texts rendered by `text`
        (which picks the language); shared by `walk --json` and the reports."""
        return {
            "number": self.number,
            "node": self.node,
            "action": self.action,
            "choice_id": self.choice_id,
            "say": text(self.say),
            "feedback": text(self.feedback),
            "principles": dict(self.principles),
            "state_before": dict(self.state_before),
            "state_after": dict(self.state_after),
            "threatened": self.threatened,
            "critical": list(self.critical),
        }


@dataclass(frozen=True, slots=True)
class Line:
    """One entry of the transcript."""

    speaker: Literal["client", "trainee", "narration", "gloss", "system"]
    text: Text
    node: str
    turn: int
    who: str | None = None  # a client line said by one of the scenario's `speakers`: its id


MISS_REASONS = {
    "alone": "carried on alone while the client was a threat",
    "against": "chose an option that goes against a critical principle",
    "escalated": "the encounter escalated without a call for help",
}


@dataclass(frozen=True, slots=True)
class CriticalMiss:
    turn: int
    principle: str
    code: str  # a key of MISS_REASONS, for interfaces that say it in their own language

    @property
    def reason(self) -> str:
        return MISS_REASONS[self.code]


@dataclass
class Session:
    scenario: Scenario
    profile: Profile
    seed: int = 0
    critical_principles: frozenset[str] = frozenset({CALL_HELP})
    # Which variants of each varied line this trainee has heard, least lately first
    # (from the history; see `heard_after`): the engine says the others first.
    heard: Mapping[str, tuple[int, ...]] = field(default_factory=dict)

    node_id: str = field(init=False)
    state: dict[str, int] = field(init=False)
    visited: list[str] = field(init=False, default_factory=list)
    # The same nodes as a set, kept as we go: rebuilding it every turn made
    # long replays (thousands of turns, as `sim analyze` verifies) quadratic.
    _visited_set: set[str] = field(init=False, default_factory=set)
    turns: list[Turn] = field(init=False, default_factory=list)
    transcript: list[Line] = field(init=False, default_factory=list)
    actions: list[str] = field(init=False, default_factory=list)
    critical_misses: list[CriticalMiss] = field(init=False, default_factory=list)
    help_called: bool = field(init=False, default=False)
    threat_seen: bool = field(init=False, default=False)
    _alone_under_threat: int = field(init=False, default=0)
    _options: tuple[Option, ...] = field(init=False, default=())
    _shown_before: tuple[Option, ...] = field(init=False, default=())  # the options of the node a move left
    # The variant said at each varied line entered, in order: (line key, variant index).
    said_variants: list[tuple[str, int]] = field(init=False, default_factory=list)
    _heard: dict[str, list[int]] = field(init=False)
    _rng: random.Random = field(init=False)
    # Variants are picked from a stream of their own, so a scenario that gains
    # variants shows its choices in the same order for the same seed.
    _variant_rng: random.Random = field(init=False)
    _ranges: dict[str, tuple[int, int]] = field(init=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._variant_rng = random.Random(f"variants/{self.seed}")
        self._heard = {key: list(order) for key, order in self.heard.items()}
        self._ranges = self.scenario.ranges()
        self.state = {"tension": self.profile.tension, "trust": self.profile.trust, "turn": 0}
        for name, var in self.scenario.variables.items():
            self.state[name] = int(var.start)
        for node_id in self._path(self.scenario.start):
            self._enter(node_id)

    # --- reading ---------------------------------------------------------

    @property
    def node(self) -> Node:
        return self.scenario.nodes[self.node_id]

    @property
    def ended(self) -> bool:
        return self.node.end is not None

    @property
    def ending(self) -> Ending | None:
        return self.node.end

    @property
    def threatened(self) -> bool:
        return self.state["tension"] >= self.profile.threat_threshold

    @property
    def threat(self) -> Threat:
        """A threat, becoming one, or neither (see `judgement.threat_level`)."""
        return judgement.threat_level(self.state["tension"], self.profile)

    @property
    def options(self) -> tuple[Option, ...]:
        return self._options

    @property
    def can_call_help(self) -> bool:
        """The help key is open: always, except once help that comes and goes (`return: true`) has come."""
        return not (self.scenario.help.return_ and self.help_called)

    @property
    def time_limit(self) -> int | None:
        return None if self.ended else self.node.time_limit

    @property
    def band(self) -> Band:
        """The client's escalation stage, so colour is never the only signal."""
        return tension_band(self.state["tension"], self.profile.threat_threshold)

    def snapshot(self) -> Mapping[str, int]:
        return MappingProxyType(dict(self.state))

    def heard_after(self) -> dict[str, tuple[int, ...]]:
        """`heard` as it is now, with this session's variants: what the next session of the trainee starts from."""
        return {key: tuple(order) for key, order in self._heard.items()}

    # --- acting ----------------------------------------------------------

    def choose(self, number: int) -> Turn:
        """Take the option shown as `number` (1-based)."""
        self._require_open()
        if not 1 <= number <= len(self._options):
            raise EngineError(f"there is no option {number}; choose 1–{len(self._options)}")
        return self._take_choice(self._options[number - 1].choice)

    def choose_id(self, choice_id: str) -> Turn:
        self._require_open()
        for option in self._options:
            if option.id == choice_id:
                return self._take_choice(option.choice)
        offered = ", ".join(o.id for o in self._options) or "none"
        if any(c.id == choice_id for c in self.node.choices):
            raise EngineError(f"choice `{choice_id}` is not offered now (its condition does not hold); offered: {offered}")
        raise EngineError(f"node `{self.node_id}` has no choice `{choice_id}`; offered: {offered}")

    def call_for_help(self) -> Turn:
        self._require_open()
        if not self.can_call_help:
            raise EngineError("help has come already: it stays with you for the rest of the encounter")
        h = self.scenario.help
        offered = self._offered_as_authored()
        deltas = judgement.help_principles(self.scenario, offered, self.threat)
        meaning = judgement.help_meaning(self.scenario, offered, self.threat)
        outcome = _Move(next=h.next, effects=dict(h.effects), principles=deltas, feedback=h.feedback, set=dict(h.set))
        return self._apply("help", None, h.say, outcome, calls_help=True, help_as=None if meaning is None else meaning.id, back=h.return_)

    def timeout(self) -> Turn:
        self._require_open()
        if self.node.timeout is None:
            raise EngineError(f"node `{self.node_id}` has no time limit")
        return self._apply("timeout", None, None, self.node.timeout)

    def act(self, action: str) -> Turn:
        """One journal entry: `help`, `timeout` or a choice id."""
        if action == HELP:
            return self.call_for_help()
        if action == TIMEOUT:
            return self.timeout()
        return self.choose_id(action)

    @classmethod
    def replay(
        cls,
        scenario: Scenario,
        profile: Profile,
        seed: int,
        actions: Iterable[str],
        critical_principles: frozenset[str] = frozenset({CALL_HELP}),
        heard: Mapping[str, tuple[int, ...]] | None = None,
    ) -> Session:
        session = cls(scenario, profile, seed, critical_principles, heard or {})
        for action in actions:
            session.act(action)
        return session

    # --- internals -------------------------------------------------------

    def _require_open(self) -> None:
        if self.ended:
            raise EngineError("the encounter has ended")

    def _take_choice(self, choice: Choice) -> Turn:
        # A choice that brings help in is a call for help, and earns the same credit.
        outcome = _Move(
            next=choice.next,
            effects=judgement.choice_effects(self.scenario, choice),
            principles=judgement.choice_principles(self.scenario, choice, self.threat),
            feedback=choice.feedback,
            set=judgement.choice_sets(self.scenario, choice),
        )
        calls = judgement.calls_help(self.scenario, choice)
        # An option into help that comes and goes comes back here, as the key does.
        return self._apply("choice", choice.id, choice.say, outcome, calls_help=calls, back=calls and self.scenario.help.return_)

    def _offered_as_authored(self) -> list[Choice]:
        """The options open now, in the order the author wrote them (not as shuffled)."""
        shown = {o.id for o in self._options}
        return [c for c in self.node.choices if c.id in shown]

    def _alternatives(self, level: Threat) -> list[Alternative]:
        scenario = self.scenario
        alts = [
            Alternative(
                "choice", o.id, o.choice.say, MappingProxyType(judgement.choice_principles(scenario, o.choice, level)), o.choice.next,
                calls=judgement.calls_help(scenario, o.choice),
            )
            for o in self._options
        ]  # fmt: skip
        if judgement.help_is_an_option(level, self.help_called):
            offered = self._offered_as_authored()
            worth = judgement.help_principles(scenario, offered, level)
            meant = judgement.help_meaning(scenario, offered, level) is not None
            alts.append(Alternative("help", None, scenario.help.say, MappingProxyType(worth), scenario.help.next, names_only=not meant, calls=True))
        return alts

    def _apply(
        self,
        action: Action,
        choice_id: str | None,
        say: Text | None,
        outcome: Outcome | _Move,
        *,
        calls_help: bool = False,
        help_as: str | None = None,
        back: bool = False,
    ) -> Turn:
        threatened = self.threatened
        level = self.threat
        before = dict(self.state)
        authored = judgement.names_call_help(self.scenario, self._offered_as_authored(), self.node.timeout)
        alternatives = self._alternatives(level)
        chosen = Alternative(
            action, choice_id, say, MappingProxyType(dict(outcome.principles)), outcome.next,
            names_only=action == "help" and help_as is None, calls=calls_help,
        )  # fmt: skip
        # What the trainee did is always among the alternatives, so the range of a
        # turn covers it even when it is not an ordinary option (timeout, help when calm).
        if not any(a.action == action and a.choice_id == choice_id for a in alternatives):
            alternatives.append(chosen)
        number = len(self.turns) + 1
        self.actions.append(choice_id if action == "choice" and choice_id else action)
        if say is not None:
            self.transcript.append(Line("trainee", say, self.node_id, number))

        critical: list[str] = []
        helped_before = self.help_called
        helped = calls_help
        if helped:
            self.help_called = True
            self._alone_under_threat = 0
        elif threatened and not self.help_called:
            # Alone with a threat: once help has been called, the trainee no longer is.
            self._alone_under_threat += 1
            if self._alone_under_threat == self.scenario.threat_turns:
                critical.append(CALL_HELP)
                self.critical_misses.append(
                    CriticalMiss(number, CALL_HELP, "alone")
                )
        for pid, delta in outcome.principles.items():
            if delta < 0 and pid in self.critical_principles and pid not in critical:
                critical.append(pid)
                self.critical_misses.append(CriticalMiss(number, pid, "against"))

        self._change_state(outcome.effects)
        for var, value in outcome.set.items():
            low, high = self._ranges[var]
            self.state[var] = clamp(int(value), low, high)
        self.state["turn"] = number
        origin = self.node_id
        path = self._path(outcome.next)
        if back:
            # Help that comes and goes: its node's lines, then the trainee is where they were.
            path.append(origin)
        turn = Turn(
            number=number,
            node=self.node_id,
            action=action,
            choice_id=choice_id,
            say=say,
            feedback=outcome.feedback,
            principles=MappingProxyType(dict(outcome.principles)),
            state_before=MappingProxyType(before),
            state_after=MappingProxyType(dict(self.state)),
            threatened=threatened,
            alternatives=tuple(alternatives),
            next=path[-1],
            critical=tuple(critical),
            threat=level,
            called_help=helped,
            helped_before=helped_before,
            help_as=help_as,
            help_authored=authored,
        )
        self.turns.append(turn)
        self._shown_before = self._options
        for i, node_id in enumerate(path):
            self._enter(node_id, quiet=back and i == len(path) - 1)
        escalated_without_help = self.ended and self.ending is Ending.escalated and self.threat_seen and not self.help_called
        if escalated_without_help and not any(m.principle == CALL_HELP for m in self.critical_misses):
            self.critical_misses.append(CriticalMiss(number, CALL_HELP, "escalated"))
        return turn

    def _change_state(self, effects: Mapping[str, int]) -> None:
        rise = False
        for var, delta in effects.items():
            if var == "tension" and delta > 0:
                delta = round_half_up(delta * self.profile.volatility)
                rise = rise or delta > 0
            low, high = self._ranges.get(var, (0, 100))
            self.state[var] = clamp(self.state[var] + delta, low, high)
        if not rise:
            baseline = self.profile.calm_baseline
            tension = self.state["tension"]
            if tension > baseline:
                self.state["tension"] = max(baseline, tension - self.profile.recovery)

    def _route(self, nxt: str | tuple[Route, ...], visited: Container[str]) -> str:
        """The first entry of a `next` whose condition holds now (the last has none)."""
        for entry in routes(nxt):
            if entry.when is None or conditions.evaluate(_parsed(entry.when), self.state, visited):
                return entry.to
        raise EngineError("no entry of a conditional `next` holds, and it has no default")

    def _path(self, nxt: str | tuple[Route, ...]) -> list[str]:
        """The nodes a move enters: where its `next` leads, then on through narration
        steps to the node that stops (conditions read the state after the move,
        and see each step as visited once it is entered)."""
        # The steps entered so far count as visited on top of the session's nodes: an
        # overlay, not a copy, which would cost a long session a copy of its whole path per move.
        steps: set[str] = set()
        seen = _Seen(self._visited_set, steps)
        path = [self._route(nxt, seen)]
        while (node := self.scenario.nodes[path[-1]]).is_step:
            if len(path) > len(self.scenario.nodes):
                raise EngineError(f"the narration steps from `{path[0]}` loop without end")
            steps.add(path[-1])
            assert node.next is not None
            path.append(self._route(node.next, seen))
        return path

    def _enter(self, node_id: str, *, quiet: bool = False) -> None:
        """Arrive at a node: its lines into the transcript (not when `quiet`:
        back where help was called, the client does not say it all again), then its options."""
        self.node_id = node_id
        self.visited.append(node_id)
        self._visited_set.add(node_id)
        node = self.node
        number = len(self.turns) + 1
        if not quiet:
            self._say_lines(node_id, node, number)
        if self.threatened and node.end is None and not node.is_step:
            # Seen where the trainee had a turn to face it: a client who becomes a
            # threat only as the encounter ends left no moment to call for help.
            self.threat_seen = True
        offered = [c for c in node.choices if c.when is None or conditions.evaluate(_parsed(c.when), self.state, self._visited_set)]
        if quiet:
            # Back where help was called: the options keep the places the trainee saw them in.
            now = {c.id: c for c in offered}
            kept = [now.pop(o.id) for o in self._shown_before if o.id in now]
            offered = kept + list(now.values())
        elif self.scenario.shuffle and len(offered) > 1:
            self._rng.shuffle(offered)
        self._options = tuple(Option(i + 1, c) for i, c in enumerate(offered))

    def _say_lines(self, node_id: str, node: Node, number: int) -> None:
        # Narration sets the scene before the client speaks; on an ending it
        # closes the scene, after the client's last words ("The caller hangs up.").
        closing = node.end is not None
        narration = self._pick(f"{node_id}/narration", node.narration)
        if narration is not None and not closing:
            self.transcript.append(Line("narration", narration, node_id, number))
        for i, said in enumerate(node.client or ()):
            if isinstance(said, Said):
                self.transcript.append(Line("client", said.say, node_id, number, said.speaker))
            elif isinstance(said, Varied):
                text = self._pick(f"{node_id}/client/{i}", said)
                if text is not None:
                    self.transcript.append(Line("client", text, node_id, number, said.speaker))
            else:
                self.transcript.append(Line("client", said, node_id, number))
        if node.gloss is not None:
            self.transcript.append(Line("gloss", node.gloss, node_id, number))
        if narration is not None and closing:
            self.transcript.append(Line("narration", narration, node_id, number))

    def _pick(self, key: str, text: Text | Varied | None) -> Text | None:
        """The words of a line: as written, or one of its variants. Among the
        variants whose condition holds, one with a condition (the client
        remembering something) comes before the plain ones; among those, one the
        trainee has not heard, else the one heard least lately; ties by the seed.
        None when no variant holds: the line is not said."""
        if not isinstance(text, Varied):
            return text
        holding = [
            i for i, v in enumerate(text.variants) if v.when is None or conditions.evaluate(_parsed(v.when), self.state, self._visited_set)
        ]
        if not holding:
            return None
        specific = [i for i in holding if text.variants[i].when is not None]
        tier = specific or holding
        order = self._heard.setdefault(key, [])
        fresh = [i for i in tier if i not in order]
        if not fresh:
            fresh = [min(tier, key=order.index)]
        index = fresh[0] if len(fresh) == 1 else self._variant_rng.choice(fresh)
        if index in order:
            order.remove(index)
        order.append(index)
        self.said_variants.append((key, index))
        return text.variants[index].say


_PARSED: dict[str, conditions.Expr] = {}


def _parsed(source: str) -> conditions.Expr:
    # Conditions are few and repeat across sessions: parse each text once.
    expr = _PARSED.get(source)
    if expr is None:
        expr = _PARSED[source] = conditions.parse(source)
    return expr


def clamp(value: int, low: int, high: int) -> int:
    return low if value < low else high if value > high else value


def round_half_up(x: float) -> int:
    # Python's round() rounds halves to even; authors expect 2.5 → 3.
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


def tension_band(tension: int, threat_threshold: int) -> Band:
    """calm / irritated / angry / threatening, scaled to the persona's threshold."""
    if tension >= threat_threshold:
        return "threatening"
    if tension >= threat_threshold * 2 // 3:
        return "angry"
    if tension >= threat_threshold // 3:
        return "irritated"
    return "calm"


class _Seen:
    """The nodes a session has visited, and the narration steps a move has entered so far."""

    __slots__ = ("base", "extra")

    def __init__(self, base: Container[str], extra: Container[str]) -> None:
        self.base = base
        self.extra = extra

    def __contains__(self, node: object) -> bool:
        return node in self.extra or node in self.base


@dataclass(frozen=True, slots=True)
class _Move:
    """What a move does, as `_apply` reads an Outcome: every value comes from content
    already validated, so a move builds no pydantic model (that cost a fifth of a step)."""

    next: str | tuple[Route, ...]
    effects: Mapping[str, int]
    principles: Mapping[str, int]
    feedback: Text | None
    set: Mapping[str, bool | int]
