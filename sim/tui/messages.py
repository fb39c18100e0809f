"""Messages the screens send to the app, which owns navigation.

Screens say what happened; the app decides which screen comes next. Tests
watch these with `run_test(message_hook=…)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from sim.core.engine import Turn
    from sim.session.catalog import Entry
    from sim.session.play import Play


@dataclass
class ScenarioChosen(Message):
    """The trainee picked a row of the scenario list."""

    entry: Entry


@dataclass
class EncounterStartRequested(Message):
    """The trainee read the briefing and wants to start."""

    entry: Entry


@dataclass
class TurnTaken(Message):
    """A turn was played and journalled."""

    play: Play
    turn: Turn


@dataclass
class EncounterEnded(Message):
    """The trainee saw the ending and wants to go on."""

    play: Play


@dataclass
class AftercareDone(Message):
    """The trainee took the recovery step and is ready to rate themselves."""

    play: Play


@dataclass
class SelfAssessed(Message):
    """The trainee rated themselves; the score may now be shown."""

    play: Play
    answers: dict[str, Any]


@dataclass
class ReplayRequested(Message):
    """What-if: play again from `turn` of `play`, keeping `play` as it is."""

    play: Play
    turn: int


@dataclass
class TimeRanOut(Message):
    """A node's time limit ran out (never while paused)."""
