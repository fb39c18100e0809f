"""The trainee's whole way through: list → briefing → encounter →
self-assessment → debrief → what-if replay, with the keys that drive it."""

from __future__ import annotations

from textual.widgets import DataTable

from sim.session import journal
from sim.tui.messages import TurnTaken
from sim.tui.screens.briefing import BriefingScreen
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.encounter import EncounterScreen
from sim.tui.screens.home import HomeScreen
from sim.tui.screens.self_assessment import SelfAssessmentScreen
from sim.tui.widgets.rating import Rating
from sim.tui.widgets.transcript import Transcript
from tests.functional.tui.conftest import SIZE, screen_text, shows, start


def kinds(app) -> list[str]:
    return [e.kind for e in app.screen.query_one(Transcript).entries]


async def test_whole_flow_with_replay_from_a_turn(make_app):
    app = make_app()
    taken: list[TurnTaken] = []

    def hook(message) -> None:
        # A message is seen once where it is posted and again as it bubbles up.
        if isinstance(message, TurnTaken) and all(message is not m for m in taken):
            taken.append(message)

    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press(*"sample", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        await shows(pilot, "Angry client", "Listen and acknowledge", "call for help")
        await pilot.press("enter")
        await pilot.pause()
        encounter = app.screen
        assert isinstance(encounter, EncounterScreen)
        play = encounter.play

        # Turn 1 by number, turn 2 by arrows and Enter, turn 3 by number.
        await pilot.press("2")
        assert play.session.actions == ["notice"]
        await pilot.press("down", "up", "enter")
        assert play.session.actions == ["notice", "sorry"]
        await pilot.press("1")
        await pilot.pause()
        assert play.session.ended and play.session.ending.value == "resolved"
        assert [m.turn.number for m in taken] == [1, 2, 3]
        # Every turn reached the journal before the next node was shown.
        assert journal.read(play.journal.path).actions == ["notice", "sorry", "file"]
        assert "The encounter has ended: resolved." in screen_text(app)

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SelfAssessmentScreen)
        assert "Score" not in await shows(pilot, "Listen and acknowledge")  # no score before the self-assessment
        await pilot.press("ctrl+s")  # nothing rated yet: refused
        await pilot.pause()
        assert isinstance(app.screen, SelfAssessmentScreen)
        await pilot.press("4", "3", "right", "right")  # digits move on; arrows step
        ratings = [r.value for r in app.screen.query(Rating)]
        assert ratings == [4, 3, 4]
        await pilot.press("down")
        await pilot.press(*"stayed calm")
        await pilot.press("ctrl+s")
        await pilot.pause()

        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        text = screen_text(app)
        assert "Overall" in text and "Critical miss at turn 2" in text
        assert "75 (4/5)" in text  # self-rating 4 → 75 beside the computed score
        # The tension line is the report's series drawn as the history's trend is.
        from sim.reports.data import tension_series
        from sim.reports.trend import sparkline

        series = tension_series(debrief.play.session)
        assert len(series) == len(debrief.play.session.turns) + 1
        assert debrief._timeline().plain.endswith(f" {sparkline(series, points=len(series))}  {' → '.join(map(str, series))}")
        info = journal.read(play.journal.path)
        assert info.finished and info.self_assessment["ratings"] == {"listen-acknowledge": 4, "no-shaming": 3, "call-help-early": 4}
        assert info.self_assessment["reflections"]["went_well"] == "stayed calm"
        assert info.overall == debrief.score.overall

        # What if: from turn 1 again, choosing the other option this time.
        await pilot.press("t")
        await pilot.pause()
        assert "Better" in screen_text(app)  # turn 1 shows the better alternative
        await pilot.press("r")
        await pilot.pause()
        what_if = app.screen
        assert isinstance(what_if, EncounterScreen) and what_if.play.is_what_if
        assert what_if.play.session.actions == [] and what_if.play.journal is None
        await pilot.press("1", "1")
        await pilot.pause()
        assert what_if.play.session.actions == ["acknowledge", "file"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen) and app.screen.play is what_if.play
        await shows(pilot, "Your own session")
        # The original session is untouched and its debrief is one step back.
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is debrief
        assert play.session.actions == ["notice", "sorry", "file"]
        assert journal.read(play.journal.path).actions == ["notice", "sorry", "file"]

        # Back in the list, the new result is there.
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        row = app.screen.query_one(DataTable).get_row(app.screen.current.key)
        assert row[-1].plain == str(debrief.score.overall)


async def test_ratings_typed_in_one_burst_rate_one_goal_each(make_app):
    # A fast typist (or tmux send-keys on a busy machine): the digits arrive before
    # the first one has been handled. Each must still rate the next goal, and a
    # digit in a reflection field is text.
    from textual import events

    app = make_app(play="sample")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("2", "1", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SelfAssessmentScreen)
        for key in ["4", "3", "5", "2", "up"]:
            app.post_message(events.Key(key, key if key.isdigit() else None))  # no pause between them
        await pilot.pause()
        assert [r.value for r in app.screen.query(Rating)] == [4, 3, 5]
        assert app.screen.query_one("#prompt-went_well").value == "2"  # after the last goal, text
        assert app.screen.focused is app.screen.query(Rating).last()  # and "up" came back to the goals


async def test_replay_from_a_later_turn_keeps_the_turns_before(make_app):
    app = make_app(play="sample")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("2", "1", "1", "enter")
        await pilot.pause()
        await pilot.press("1", "1", "1", "ctrl+s")
        await pilot.pause()
        await pilot.press("t", "down", "enter")  # Enter on turn 2 replays from it
        await pilot.pause()
        what_if = app.screen
        assert isinstance(what_if, EncounterScreen) and what_if.play.branch_turn == 2
        assert what_if.play.session.actions == ["notice"]
        assert "What if" in screen_text(app)
        await pilot.press("q")  # leave the what-if: asks first
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)


async def test_help_key_calls_for_help_and_ends_with_help_called(make_app):
    app = make_app(play="sample")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        play = app.screen.play
        await pilot.press("2")  # the client becomes a threat
        assert play.session.threatened
        await pilot.press("h")
        await pilot.pause()
        assert play.session.actions == ["notice", "help"]
        assert play.session.ending.value == "help-called"
        assert "Call for help early" not in " ".join(play.misses())
        text = screen_text(app)
        assert "You ask your colleague to join you." in text and "help called" in text


async def test_practice_mode_shows_feedback_and_assessment_mode_does_not(make_app):
    for mode, shown in (("practice", True), ("assessment", False)):
        app = make_app(mode=mode, play="sample")
        async with app.run_test(size=SIZE) as pilot:
            await start(pilot)
            await pilot.press("2")
            await pilot.pause()
            assert ("feedback" in kinds(app)) is shown
            text = screen_text(app)
            assert ("Pointing at the notice" in text) is shown
            # Nothing else tells the worth of a choice in assessment mode: no change marks, no mood.
            assert ("▲" in text or "▼" in text) is shown
            assert ("Mood:" in text) is shown
            assert ("Assessment: tension, trust" in text) is not shown
            await pilot.press("1", "1", "enter")
            await pilot.pause()
            await pilot.press("3", "3", "3", "ctrl+s")
            await pilot.pause()
            # Deferred, not lost: the debrief has the feedback in both modes.
            await pilot.press("t")
            await pilot.pause()
            assert "Pointing at the notice" in screen_text(app)


async def test_quit_asks_then_exits_and_the_session_stays_resumable(make_app):
    app = make_app(play="sample")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("2")
        await pilot.press("q")
        await pilot.pause()
        assert "resume at turn 2" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EncounterScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    [info] = journal.interrupted()
    assert info.actions == ["notice"]


async def test_an_unwritable_data_folder_warns_but_lets_the_trainee_practise(make_app, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("SIM_HOME", str(blocker))  # journals/ cannot be made inside a file
    app = make_app(play="sample")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot)
        play = app.screen.play
        assert play.journal is None and play.journal_error
        await pilot.pause()
        await shows(pilot, "Turns are no longer saved")  # the toast
        await pilot.press("1", "1")
        assert play.session.ended
        await pilot.press("q")
        await pilot.pause()
        assert "could not be saved" in screen_text(app)


async def test_the_self_assessment_asks_only_about_goals_the_encounter_tested(make_app):
    # Acknowledge, then file: the client never becomes a threat, so call-help-early was not tested.
    app = make_app(play="sample", seed=0)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        play = app.screen.play
        for action in ("acknowledge", "file"):
            option = next(o for o in play.session.options if o.id == action)
            await pilot.press(str(option.number))
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SelfAssessmentScreen)
        assert [r.id for r in app.screen.query(Rating)] == ["rate-listen-acknowledge", "rate-no-shaming"]
        assert "Call for help early" not in await shows(pilot, "No shaming")
        await pilot.press("5", "5", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert journal.read(play.journal.path).self_assessment["ratings"] == {"listen-acknowledge": 5, "no-shaming": 5}


async def test_b_in_the_debrief_says_where_the_principles_come_from(make_app, tmp_path):
    import yaml

    from tests.conftest import SAMPLE

    folder = tmp_path / "lib"
    import shutil

    shutil.copytree(SAMPLE, folder)
    catalogue = yaml.safe_load((folder / "principles.yaml").read_text(encoding="utf-8"))
    catalogue["principles"]["no-shaming"]["basis"] = {"en": "A Finnish guide on meeting difficult clients.", "fi": "Suomalainen opas."}
    (folder / "principles.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True), encoding="utf-8")
    app = make_app(folder, play="sample")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("2", "1", "1", "enter")
        await pilot.pause()
        await pilot.press("1", "1", "1", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await shows(pilot, "b Basis")
        await pilot.press("b")
        await pilot.pause()
        text = screen_text(app)
        assert "Where the principles come from" in text and "A Finnish guide on meeting difficult clients." in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)


async def test_a_paste_with_terminal_escapes_keeps_only_its_text(make_app):
    from textual import events

    app = make_app(play="sample")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("2", "1", "1", "enter")
        await pilot.pause()
        await pilot.press("3", "3", "3")  # the three goals rated: the first reflection field has the keys
        field = app.screen.focused
        assert field is not None and field.id == "prompt-went_well"
        field.post_message(events.Paste("\x1b]0;owned\x07kept \u202ecalm\x1b[2J"))
        await pilot.pause()
        assert field.value == "]0;ownedkept calm[2J"
        assert not any(ch in screen_text(app) for ch in "\x1b\x07\u202e")
