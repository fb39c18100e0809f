"""`sim play FILE --watch`: the file is edited on disk during the test, and
the preview follows — at the same point after a compatible edit, from the
start after an incompatible one, with the errors of a broken save on screen
until it is fixed. Nothing is journalled or recorded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sim.cli.main import build_parser
from sim.session import history, journal
from sim.tui.screens.briefing import BriefingScreen
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.encounter import EncounterScreen
from sim.tui.screens.error import ErrorScreen
from sim.tui.widgets.transcript import Transcript
from tests.conftest import SAMPLE
from tests.functional.tui.conftest import SIZE, screen_text, shows, until


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    shutil.copytree(SAMPLE, folder)
    return folder / "sample.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    before = path.stat().st_mtime_ns
    path.write_text(text.replace(old, new), encoding="utf-8")
    # Two saves within one tick of a coarse file-system clock look alike: not in a test.
    os.utime(path, ns=(before + 10**9, before + 10**9))


async def saved(pilot) -> None:
    """What the poll timer does every half second, done now, until the watch
    has taken in the save. The timer may have started a check of its own just
    before the edit (which then saw nothing new and made our poll a no-op):
    so wait on the watch's own record of the files, not on one poll."""
    app = pilot.app
    for _ in range(100):  # bounded: each round is one complete check
        await app.workers.wait_for_complete()
        if app._watch is not None and app._watch.is_current():
            await pilot.pause()
            return
        app.poll_watch()
        await app.workers.wait_for_complete()
        await pilot.pause()
    raise AssertionError("the watch never took in the saved file")


def last_note(app) -> str:
    entry = app.screen.query_one(Transcript).entries[-1]
    assert entry.kind == "event"
    return entry.text


def watching(make_app, scenario: Path):
    return make_app(scenario.parent, play=str(scenario), watch=True)


async def test_a_compatible_edit_keeps_the_trainee_where_they_are(make_app, scenario, _isolated_home):
    app = watching(make_app, scenario)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)  # no resume offer, no name asked
        await shows(pilot, "Live preview — nothing is saved")
        await pilot.press("enter", "2")
        edit(scenario, "Are you calling me stupid?", "So I am stupid, am I?")
        await saved(pilot)
        screen = app.screen
        assert isinstance(screen, EncounterScreen)
        assert screen.play.session.actions == ["notice"] and screen.play.session.node_id == "angry"
        assert "So I am stupid, am I?" in screen_text(app)
        assert last_note(app) == "sample.yaml reloaded: you are at the same point of the edited scenario."
        await pilot.press("1", "1", "enter")
        await pilot.pause()
        await pilot.press("3", "3", "3", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        # A preview is not practice: no journal to resume, nothing in the history.
        assert journal.paths() == []
        assert not (_isolated_home / history.DB_NAME).exists()


async def test_an_incompatible_edit_starts_again_and_says_why(make_app, scenario):
    app = watching(make_app, scenario)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "2", "1")
        assert app.screen.play.session.node_id == "details"
        edit(scenario, "id: sorry", "id: apologise")
        await saved(pilot)
        screen = app.screen
        assert isinstance(screen, EncounterScreen)
        assert screen.play.session.actions == [] and screen.play.session.node_id == "opening"
        assert last_note(app) == (
            "sample.yaml reloaded, but your path no longer fits it (the choice “sorry” of turn 2 "
            "has been removed or renamed): started again from the beginning."
        )


async def test_a_yaml_error_is_shown_until_the_file_is_fixed(make_app, scenario):
    app = watching(make_app, scenario)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "2")
        encounter = app.screen
        edit(scenario, "  angry:\n", "  angry\n")
        await saved(pilot)
        assert isinstance(app.screen, ErrorScreen)
        await until(pilot, lambda: "sample.yaml has errors" in screen_text(app), "the error dialog")
        # The location is checked on the dialog's problems: on screen the
        # temporary folder's path wraps wherever its length puts the break.
        assert [p.code for p in app.screen.problems] == ["yaml-syntax"]
        assert app.screen.problems[0].location.startswith(f"{scenario}:")
        text = screen_text(app)
        assert "YAML syntax" in text
        assert "Traceback" not in text
        # Another broken save replaces the dialog instead of stacking a second one.
        edit(scenario, "  threat:\n", "  threat\n")
        await saved(pilot)
        assert sum(isinstance(s, ErrorScreen) for s in app.screen_stack) == 1
        edit(scenario, "  angry\n", "  angry:\n")
        edit(scenario, "  threat\n", "  threat:\n")
        await saved(pilot)
        assert app.screen is encounter  # fixed, and nothing the preview shows changed
        assert encounter.play.session.actions == ["notice"]
        assert any(n.message == "sample.yaml loads again: the preview goes on." for n in app._notifications)


async def test_a_file_broken_at_the_start_opens_on_its_errors_and_waits_for_the_fix(make_app, scenario):
    edit(scenario, "  angry:\n", "  angry\n")
    app = watching(make_app, scenario)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        await shows(pilot, "sample.yaml has errors", "YAML syntax")
        edit(scenario, "  angry\n", "  angry:\n")
        await saved(pilot)
        assert isinstance(app.screen, BriefingScreen)  # fixed: the preview begins
        assert sum(isinstance(s, ErrorScreen) for s in app.screen_stack) == 0
        await pilot.press("enter", "2")
        assert isinstance(app.screen, EncounterScreen) and app.screen.play.session.actions == ["notice"]


def test_the_command_line_starts_a_preview_of_a_broken_file(scenario, _isolated_home):
    # Outside the app the same file is refused with its errors (exit 2); with --watch it opens.
    edit(scenario, "  angry:\n", "  angry\n")
    env = {**os.environ, "SIM_EXIT_ON_READY": "1", "SIM_HOME": str(_isolated_home)}

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "sim", "play", str(scenario), *extra], capture_output=True, text=True, env=env, timeout=60)

    refused, previewed = run(), run("--watch")
    assert refused.returncode == 2 and "sample.yaml:" in refused.stderr
    assert previewed.returncode == 0 and "ready: screen=ErrorScreen" in previewed.stdout, previewed.stderr


async def test_escape_keeps_playing_the_last_version_that_loaded(make_app, scenario):
    app = watching(make_app, scenario)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        edit(scenario, "start: opening", "start: nowhere")
        await saved(pilot)
        assert isinstance(app.screen, ErrorScreen)
        await shows(pilot, "there is no node `nowhere`")
        await pilot.press("escape")
        await pilot.press("1")
        assert isinstance(app.screen, EncounterScreen) and app.screen.play.session.actions == ["acknowledge"]
        edit(scenario, "start: nowhere", "start: opening")
        await saved(pilot)
        assert isinstance(app.screen, EncounterScreen) and app.screen.play.session.actions == ["acknowledge"]


async def test_the_briefing_and_the_debrief_follow_the_file_too(make_app, scenario):
    app = watching(make_app, scenario)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        edit(scenario, "A client comes back about a delayed decision.", "A client is back, angrier.")
        await saved(pilot)
        assert isinstance(app.screen, BriefingScreen)
        await shows(pilot, "A client is back, angrier.")
        await pilot.press("enter", "1", "1", "enter")
        await pilot.pause()
        await pilot.press("4", "4", "4", "ctrl+s")
        await pilot.pause()
        before = app.screen
        assert isinstance(before, DebriefScreen)
        edit(scenario, "feedback: A concrete next step.", "feedback: A concrete next step, well done.")
        await saved(pilot)
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen) and debrief is not before
        assert debrief.play.self_assessment == before.play.self_assessment
        assert debrief.play.session.actions == ["acknowledge", "file"]
        assert debrief.play.session.turns[1].feedback == "A concrete next step, well done."


async def test_quitting_a_preview_says_nothing_is_saved(make_app, scenario):
    app = watching(make_app, scenario)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "q Quit" in text and "Save & quit" not in text
        await pilot.press("q")
        await pilot.pause()
        assert "This is a preview: nothing is saved." in screen_text(app)


def test_watch_is_an_option_of_play():
    args = build_parser().parse_args(["play", "x.yaml", "--watch"])
    assert args.watch and args.scenario == "x.yaml"
    assert not build_parser().parse_args(["play", "x.yaml"]).watch
