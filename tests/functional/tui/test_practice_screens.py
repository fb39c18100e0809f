"""Practice over time in the TUI: the home screen says what to practise next and
how the assignments stand, F4 opens the recommended scenario, and the class
screen shows every trainee of the data folder by principle."""

from __future__ import annotations

from datetime import date, timedelta

from sim.content.library import load_library
from sim.paths import data_dir
from sim.tui.screens.briefing import BriefingScreen
from sim.tui.screens.class_view import ClassScreen
from tests.conftest import SAMPLE
from tests.functional.tui.conftest import SIZE, shows, until
from tests.history_helpers import ALONE, GOOD, record

# Due in three days: soon enough to come before anything else.
DUE = (date.today() + timedelta(days=3)).isoformat()
ASSIGNMENT = f"assignments:\n  - scenario: sample\n    due: {DUE}\n    pass: 90\n"


async def test_home_says_what_next_and_f4_opens_it(make_app):
    lib = load_library([SAMPLE])
    record(lib, ALONE, trainee="Tess")
    (data_dir() / "assignments.yaml").write_text(ASSIGNMENT, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        text = await shows(pilot, "Next (F4):", "Assignments: 0 of 1 done.")
        assert f"Assigned to you: due {DUE} (in 3 days)." in text
        assert "f4 Next" in text  # the key is in the footer
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(app.screen, BriefingScreen), "the briefing of the recommended scenario")


async def test_home_in_finnish_without_history(make_app):
    app = make_app(lang="fi")
    async with app.run_test(size=SIZE) as pilot:
        await shows(pilot, "Seuraavaksi (F4):", "Aloita helposta harjoituksesta")


def two_trainees(assignments: str) -> None:
    """Tess, who escalated, and Uma, who resolved the sample; the class's assignment file."""
    lib = load_library([SAMPLE])
    record(lib, ALONE, trainee="Tess")
    record(lib, GOOD, trainee="Uma", started="2024-05-02T10:00:00+00:00")
    (data_dir() / "assignments.yaml").write_text(assignments, encoding="utf-8")


async def open_class_view(app, pilot) -> None:
    await shows(pilot, "Next (F4):")
    app.action_class_view()
    await until(pilot, lambda: isinstance(app.screen, ClassScreen) and app.screen.view is not None, "the class view")


async def test_the_class_screen_shows_every_trainee(make_app):
    two_trainees(ASSIGNMENT)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_class_view(app, pilot)
        text = await shows(pilot, "Tess", "Uma", "t Switch view")
        assert "—" in text or any(ch.isdigit() for ch in text)
        await pilot.press("t")
        await shows(pilot, "tried")
        await pilot.press("t")
        await shows(pilot, "missed")
        await pilot.press("escape")
        await shows(pilot, "Next (F4):")


async def test_the_class_screen_lists_a_scenario_assigned_twice(make_app):
    two_trainees("assignments:\n  - scenario: sample\n    trainees: [Tess]\n  - scenario: sample\n    trainees: [Uma]\n    pass: 10\n")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_class_view(app, pilot)
        await pilot.press("t")
        text = await shows(pilot, "Tess", "Uma", "(0/1)", "(1/1)")
        assert "done" in text and "tried" in text
