"""Time spent on the current node, for time limits and the journal.

The clock is injected (`time.monotonic` by default) so tests can move time
by hand instead of sleeping, and pausing really stops it: a paused trainee
never runs out of time.
"""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]


class TurnTimer:
    def __init__(self, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self._started = clock()
        self._paused_at: float | None = None
        self._paused_for = 0.0

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def restart(self) -> None:
        """Start timing a new node; a pause in force carries on."""
        now = self._clock()
        self._started = now
        self._paused_for = 0.0
        if self._paused_at is not None:
            self._paused_at = now

    def pause(self) -> None:
        if self._paused_at is None:
            self._paused_at = self._clock()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._paused_for += self._clock() - self._paused_at
            self._paused_at = None

    def elapsed(self) -> float:
        """Seconds on this node, not counting pauses."""
        now = self._paused_at if self._paused_at is not None else self._clock()
        return max(0.0, now - self._started - self._paused_for)
