"""How the encounter, the self-assessment and the debrief look at 80×24.

Plain `def` tests: `snap_compare` runs its own event loop. Update the SVGs
with `pytest tests/tui/test_snapshots.py --snapshot-update` and look at them.
"""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.conftest import SIZE, TIMED


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
