"""The rules that decide what a move is worth beyond its authored deltas:
when the client is a threat (or becoming one), what the call for help earns,
and what happens on the way to the help node.

The engine applies them as a session is played and the state-space analysis
applies them to every state at once, so both call these functions: a rule
written twice would let `sim analyze` and a trainee's debrief disagree.
Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from sim.content.model import Assessment, Choice, Ending, Outcome, Profile, Route, Scenario, routes

CALL_HELP = "call-help-early"
HELP_CREDIT = 2  # call-help-early points for calling while the client is (becoming) a threat

Threat = Literal["none", "becoming", "threat"]


def angry_line(profile: Profile) -> int:
    """Where the "angry" band starts: two thirds of the way to the threat line."""
    return profile.threat_threshold * 2 // 3


def threat_level(tension: int, profile: Profile) -> Threat:
    """How dangerous the client is now.

    A *threat* at or above the persona's threat line. *Becoming* one in the
    angry band below it (from two thirds of the threat line) when the
    encounter has escalated — tension higher than at its start: the moment
    when calling for help is early, which is what the principle asks. A
    client who walks in angry and has not got worse is not yet becoming a
    threat: whether a call then is needed is the author's to say, in
    `help.principles` (a publicity threat by email needs no hand-over; a
    client leaning over the counter may).
    """
    if tension >= profile.threat_threshold:
        return "threat"
    if tension >= angry_line(profile) and tension > profile.tension:
        return "becoming"
    return "none"


def help_is_an_option(level: Threat, helped: bool) -> bool:
    """Whether the help key counts among a turn's options, so that carrying on
    is measured against calling. Under threat, yes: not calling is a decision
    — unless help has been called already (`helped`): then help is there.
    While the client is only becoming a threat, calling early earns its credit
    (the key is then judged as the move it is), but carrying on is not marked
    down for it: calming the client is as right as calling."""
    return level == "threat" and not helped


def tests_call_help(level: Threat, helped: bool, calls: bool, authored: bool = False) -> bool:
    """Whether a move is evidence on `call-help-early`.

    A call is, unless help is there already (`helped`): calling again is not
    calling early. Any other move is where the author named
    `call-help-early` on an option that is not itself a call, or on the
    timeout (`authored`: telling colleagues before a tense meeting, reporting
    a threat made in a calm voice, carrying on where asking for support was
    the point) — before help came or after; and, before help came, while the
    client is a threat (the moments `help_is_an_option` puts the call among
    the options)."""
    if calls:
        return not helped
    return authored or help_is_an_option(level, helped)


def names_call_help(scenario: Scenario, choices: Iterable[Choice], timeout: Outcome | None) -> bool:
    """The author named `call-help-early` in the `principles:` of one of these
    options that is not itself a call, or of the timeout — with any value, 0
    included (`call-help-early: 0` on carrying on says: this move is judged on
    calling, and earns nothing of it). A score on an option into the help
    node says only what the call earns: it does not make carrying on count
    (see `tests_call_help`)."""
    outcomes: list[Outcome] = [c for c in choices if not calls_help(scenario, c)]
    if timeout is not None:
        outcomes.append(timeout)
    return any(CALL_HELP in o.principles for o in outcomes)


def enters(scenario: Scenario, nxt: str | tuple[Route, ...], nodes: frozenset[str]) -> bool:
    """Whether every way a `next` may go enters one of `nodes`: its entries'
    targets, or on through narration steps until one is reached."""
    seen: set[str] = set()
    todo = [nxt]
    while todo:
        for route in routes(todo.pop()):
            if route.to in nodes:
                continue
            node = scenario.nodes.get(route.to)
            if node is None or not node.is_step or node.next is None or route.to in seen:
                return False  # it stops (or loops) without having entered one
            seen.add(route.to)
            todo.append(node.next)
    return True


def calls_help(scenario: Scenario, choice: Choice) -> bool:
    """An authored option that brings help in: it enters a node the call for
    help enters — the help node itself, directly, through every entry of a
    conditional `next`, or through narration steps. (Not merely where help
    may lead on to: after help, the conversation goes on elsewhere.)"""
    nxt, help_next = choice.next, scenario.help.next
    if nxt == help_next:
        return True
    help_nodes = frozenset(route.to for route in routes(help_next))
    if isinstance(nxt, str) and nxt not in help_nodes and not scenario.nodes[nxt].is_step:
        return False  # the common case, without a walk
    return enters(scenario, nxt, help_nodes)


def worth(principles: Mapping[str, int], goals: Sequence[str]) -> int:
    """What a set of deltas is worth on the scenario's goals."""
    return sum(principles.get(g, 0) for g in goals)


def with_help_credit(principles: Mapping[str, int], level: Threat) -> dict[str, int]:
    """A call for help's deltas: `call-help-early` at least HELP_CREDIT while
    the client is or is becoming a threat."""
    out = dict(principles)
    if level != "none":
        out[CALL_HELP] = max(out.get(CALL_HELP, 0), HELP_CREDIT)
    return out


def help_meaning(scenario: Scenario, offered: Iterable[Choice], level: Threat) -> Choice | None:
    """The offered option the help key means here: one that leads to the help
    node (the best of them on the goals, with the help credit, if several), or
    None. `offered` in the order the author wrote them, not the order shown:
    on a tie the first wins, and the seed must not decide what a call is worth."""
    same = [c for c in offered if calls_help(scenario, c)]
    if not same:
        return None
    return max(same, key=lambda c: worth(with_help_credit(c.principles, level), scenario.goals))


def help_principles(scenario: Scenario, offered: Iterable[Choice], level: Threat) -> dict[str, int]:
    """What the help key is worth at a node where `offered` are open.

    The key means what an offered option that leads to the help node means,
    so it is judged as that option (the best of them on the goals, if several),
    with the help credit while the client is or is becoming a threat.
    Elsewhere, while the client is or is becoming a threat, calling is the
    right move and is judged on `call-help-early` alone; with a calm client,
    by the scenario's `help.principles` (an author may mark an unneeded call).
    """
    meaning = help_meaning(scenario, offered, level)
    if meaning is not None:
        return with_help_credit(meaning.principles, level)
    if level != "none":
        return {CALL_HELP: HELP_CREDIT}
    return dict(scenario.help.principles)


def choice_principles(scenario: Scenario, choice: Choice, level: Threat) -> dict[str, int]:
    """An offered option's deltas: its own, with the help credit if it calls for help."""
    if calls_help(scenario, choice):
        return with_help_credit(choice.principles, level)
    return dict(choice.principles)


def choice_effects(scenario: Scenario, choice: Choice) -> dict[str, int]:
    """An option's effects. One that leads to the help node brings help in, so
    the help's `effects` apply too, for every variable the option does not
    change itself (however the help node is reached, help changes the scene)."""
    if calls_help(scenario, choice):
        return {**scenario.help.effects, **choice.effects}
    return dict(choice.effects)


def choice_sets(scenario: Scenario, choice: Choice) -> dict[str, bool | int]:
    """An option's `set:`; one that brings help in also sets what help sets
    (for every variable it does not set itself), as with `choice_effects`."""
    if calls_help(scenario, choice):
        return {**scenario.help.set, **choice.set}
    return dict(choice.set)


def help_tests(pid: str, principles: Mapping[str, int], meaning: str | None) -> bool:
    """Whether a call for help is evidence on principle `pid`. Judged as an
    option (`meaning`), on everything that option is; otherwise only on the
    principles its deltas name — pressing the key says nothing about, say,
    honesty."""
    return meaning is not None or pid in principles


def right_call_tests(pid: str, principles: Mapping[str, int], level: Threat) -> bool:
    """Whether a call for help — the key or an option into the help node — is
    evidence on `pid`. While the client is or is becoming a threat the call is
    the right move: it loses nothing on the principles it does not name (a
    colleague fetched is not a boundary left unset). With a calm client it is
    judged as any move is."""
    return level == "none" or pid in principles


# --- grading: what passing takes, and what each ending allows ----------------------


# An encounter that went wrong cannot grade well, however well each turn was
# played: a client who left or an escalation is at most "needs practice", a
# matter left unresolved at most "satisfactory". Successful endings have no cap.
DEFAULT_CAPS: Mapping[Ending, int] = MappingProxyType({Ending.escalated: 49, Ending.client_left: 49, Ending.unresolved: 69})
DEFAULT_PASS = 70  # "good"
DEFAULT_CRITICAL = 50  # each critical principle the encounter tested, at least half its points


@dataclass(frozen=True, slots=True)
class Rules:
    """How one scenario is graded, with the catalogue's and the defaults filled in."""

    pass_score: int = DEFAULT_PASS
    critical: int = DEFAULT_CRITICAL
    caps: Mapping[Ending, int] = field(default_factory=lambda: DEFAULT_CAPS)

    def cap(self, ending: Ending | None) -> int | None:
        return None if ending is None else self.caps.get(ending)


def rules(scenario: Scenario) -> Rules:
    """The scenario's `assessment`, over its catalogue's, over the defaults."""
    out = Rules()
    for layer in (scenario.library_assessment, scenario.assessment):
        out = _over(out, layer)
    return out


def _over(base: Rules, layer: Assessment | None) -> Rules:
    if layer is None:
        return base
    return Rules(
        pass_score=base.pass_score if layer.pass_score is None else layer.pass_score,
        critical=base.critical if layer.critical is None else layer.critical,
        caps=MappingProxyType({**base.caps, **layer.endings}),
    )
