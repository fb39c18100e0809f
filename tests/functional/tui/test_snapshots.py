"""How the encounter, the self-assessment, the debrief and the history look at 80×24.

Plain `def` tests: `snap_compare` runs its own event loop. Update the SVGs
with `pytest tests/tui/test_snapshots.py --snapshot-update` and look at them.
"""

from __future__ import annotations

import os
import time

import pytest
from textual.widgets import Input

from tests.functional.tui.conftest import SIZE, TIMED


async def _quiet(pilot) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def test_encounter(snap_compare, make_app):
    """A phone call after one poor choice: feedback, meters, countdown, options."""
    app = make_app(TIMED, play="timed-call")

    async def run_before(pilot) -> None:
        await pilot.press("enter", "2")
        await _quiet(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_self_assessment(snap_compare, make_app):
    """After the ending, before any score: one goal rated, the next one focused."""
    app = make_app(play="sample")

    async def run_before(pilot) -> None:
        await pilot.press("enter", "2", "1", "1", "enter", "4")
        await _quiet(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_debrief(snap_compare, make_app):
    """Scores beside self-ratings, the calibration gap and a critical miss."""
    app = make_app(play="sample")

    async def run_before(pilot) -> None:
        await pilot.press("enter", "2", "1", "1", "enter", "4", "3", "5", *"kept calm", "ctrl+s")
        await _quiet(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.fixture
def utc():
    """Dates on screen are local time: pin the zone so the picture is the same everywhere."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_history(snap_compare, make_app, utc):
    """Progress per principle, the self-assessment gap per session, and the sessions."""
    from sim.content.library import load_library
    from tests.conftest import SAMPLE
    from tests.history_helpers import ALONE, GOOD, HELP, SHAMING, record

    lib = load_library([SAMPLE])
    plays = [(ALONE, 4), (SHAMING, 4), (HELP, 3), (SHAMING, 3), (GOOD, 4), (GOOD, 5)]
    for day, (actions, rating) in enumerate(plays, start=1):
        ratings = dict.fromkeys(("listen-acknowledge", "no-shaming", "call-help-early"), rating)
        record(lib, actions, trainee="Tess", started=f"2024-05-{day:02d}T10:00:00+00:00", ratings=ratings, session_id=f"s-{day}")
    app = make_app()

    async def run_before(pilot) -> None:
        await pilot.press("f3")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
