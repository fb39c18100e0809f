"""Whether an interrupted session can go on, even after its scenario was edited.

A journal holds the content hash of the scenario it was played on, the
actions as choice ids (or `help` / `timeout`), the node each action was taken
at and, when the caller recorded it, the node it led to. Choice ids survive
edits that do not touch them, so a changed hash alone does not mean the path
is gone: replaying the actions on the edited scenario and comparing nodes
tells. The session must never carry on somewhere the trainee never was.

Pure: no I/O and no clock, like the engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, TypedDict, Unpack

from sim.content.loader import did_you_mean
from sim.content.model import Profile, Scenario
from sim.core.engine import CALL_HELP, HELP, TIMEOUT, EngineError, Session


class PlayedPath(Protocol):
    """What a journal says was played (sim.session.journal.JournalInfo is one)."""

    @property
    def scenario_id(self) -> str: ...
    @property
    def content_hash(self) -> str: ...
    @property
    def seed(self) -> int: ...
    @property
    def actions(self) -> Sequence[str]: ...
    @property
    def nodes(self) -> Sequence[str | None]: ...
    @property
    def arrived(self) -> Sequence[str | None]: ...
    @property
    def heard(self) -> Mapping[str, tuple[int, ...]]: ...


Reason = Literal[
    "same",             # resumable: the scenario is unchanged
    "compatible",       # resumable: changed, but every step still leads where it did
    "other-scenario",   # the journal belongs to another scenario
    "missing-choice",   # a journalled choice id exists nowhere in the scenario now
    "moved-choice",     # the id exists, but at another node
    "not-offered",      # the choice is still there, but its condition no longer holds
    "no-timeout",       # a journalled timeout at a node that has no time limit now
    "ended-early",      # the edited scenario ends before the journal does
    "leads-elsewhere",  # a step now leads to another node than it did
    "unverifiable",     # the scenario changed and the journal does not say where steps were taken
    "engine",           # anything else the engine refused
]


@dataclass(frozen=True, slots=True)
class Resumability:
    ok: bool
    changed: bool  # the scenario's content hash differs from the journal's
    reason: Reason
    message: str  # in English; the TUI can build its own words from the fields below
    hint: str | None = None
    step: int | None = None  # 1-based journal step that no longer fits; 0 means the start
    action: str | None = None  # that step's action
    expected: str | None = None  # the node the journal says
    found: str | None = None  # the node the edited scenario gives instead
    session: Session | None = None  # the replayed session, when ok


class _Where(TypedDict, total=False):
    """Where a journal stops fitting: the fields of Resumability that say so."""

    step: int
    action: str
    expected: str | None
    found: str


def check(
    info: PlayedPath,
    scenario: Scenario,
    profile: Profile,
    critical_principles: frozenset[str] = frozenset({CALL_HELP}),
) -> Resumability:
    """Decide whether `info` can be resumed on `scenario` as it is now."""
    changed = not info.content_hash or info.content_hash != scenario.content_hash

    def cannot(reason: Reason, message: str, hint: str | None = None, **where: Unpack[_Where]) -> Resumability:
        return Resumability(False, changed, reason, message, hint, **where)

    if info.scenario_id and info.scenario_id != scenario.id:
        return cannot("other-scenario", f"this session was played on scenario `{info.scenario_id}`, not `{scenario.id}`")
    try:
        session = Session(scenario, profile, info.seed, critical_principles, info.heard)
    except Exception as exc:  # noqa: BLE001 - a scenario that loaded should start; never crash the caller if not
        return cannot("engine", f"the scenario cannot start: {exc}")

    for index, action in enumerate(info.actions):
        step = index + 1
        taken_at = info.nodes[index] if index < len(info.nodes) else None
        if taken_at is None and changed:
            return cannot(
                "unverifiable",
                "the scenario changed since this session started, and the journal does not record where each step was taken",
                "start the scenario again",
                step=step,
                action=action,
            )
        if taken_at is not None and session.node_id != taken_at:
            if step == 1:
                return cannot(
                    "leads-elsewhere",
                    f"the scenario now starts at `{session.node_id}`, not at `{taken_at}` where this session started",
                    "start the scenario again",
                    step=0,
                    expected=taken_at,
                    found=session.node_id,
                )
            previous = info.actions[index - 1]
            return cannot(
                "leads-elsewhere",
                f"step {step - 1} (`{previous}`) now leads to `{session.node_id}` instead of `{taken_at}`",
                "start the scenario again",
                step=step - 1,
                action=previous,
                expected=taken_at,
                found=session.node_id,
            )
        if session.ended:
            return cannot(
                "ended-early",
                f"after step {step - 1} the edited scenario already ends at `{session.node_id}`, but the session went on with `{action}`",
                "start the scenario again",
                step=step,
                action=action,
                found=session.node_id,
            )
        try:
            session.act(action)
        except EngineError as exc:
            reason, message, hint = why_not(session, action)
            if reason == "engine":
                message = str(exc)
            return cannot(reason, f"step {step} (`{action}` at `{session.node_id}`): {message}", hint, step=step, action=action, expected=taken_at)
        except Exception as exc:  # noqa: BLE001 - defensive: a bug must show as "cannot resume", not as a crash
            return cannot("engine", f"step {step} (`{action}`): the engine failed: {type(exc).__name__}: {exc}", step=step, action=action)
        arrived = info.arrived[index] if index < len(info.arrived) else None
        if arrived is not None and session.node_id != arrived:
            return cannot(
                "leads-elsewhere",
                f"step {step} (`{action}`) now leads to `{session.node_id}` instead of `{arrived}`",
                "start the scenario again",
                step=step,
                action=action,
                expected=arrived,
                found=session.node_id,
            )

    if not changed:
        return Resumability(True, False, "same", "the scenario is unchanged", session=session)
    return Resumability(
        True,
        True,
        "compatible",
        "the scenario changed since this session started; every step taken so far still leads where it did",
        "scores and the client's mood follow the edited scenario",
        session=session,
    )


def why_not(session: Session, action: str) -> tuple[Reason, str, str | None]:
    """Why `action` cannot be taken at the session's current node, in words
    that say whether it was removed, renamed, moved or is just not offered now."""
    node_id = session.node_id
    offered = [o.id for o in session.options]
    offered_text = ", ".join(f"`{o}`" for o in offered) or "none"
    if session.ended:
        ending = session.ending.value if session.ending else "an ending"
        return "ended-early", f"the encounter has already ended at `{node_id}` ({ending})", None
    if action == HELP:
        return "engine", "calling for help is not possible here", None
    if action == TIMEOUT:
        return "no-timeout", f"node `{node_id}` has no time limit, so there is no timeout", f"offered here: {offered_text}"
    node = session.node
    here = next((c for c in node.choices if c.id == action), None)
    if here is not None:
        return (
            "not-offered",
            f"choice `{action}` is not offered now: its condition `{here.when}` does not hold",
            f"offered here: {offered_text}",
        )
    elsewhere = [nid for nid, n in session.scenario.nodes.items() if any(c.id == action for c in n.choices)]
    if elsewhere:
        return (
            "moved-choice",
            f"`{action}` is a choice of node `{elsewhere[0]}`, not of `{node_id}`",
            f"offered here: {offered_text}",
        )
    close = did_you_mean(action, offered)
    hint = f"{close + ' ' if close else ''}offered here: {offered_text}"
    if "/" in action:
        # A derived id (`node/first-words`) changes whenever the text of the choice does.
        hint += "; ids made from the text change when the text does: give choices an explicit `id:`"
    return (
        "missing-choice",
        f"node `{node_id}` has no choice `{action}`, and no other node has one; it may have been renamed or removed",
        hint,
    )
