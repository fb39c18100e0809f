"""History in the TUI: a finished session is recorded (even when it cannot
be, the debrief still shows), the trainee's name is asked once, the history
screen shows progress and calibration, past debriefs re-open read-only, and
reports are saved as HTML, Markdown or JSON."""

from __future__ import annotations

import json
import shutil

from sim.content.library import load_library
from sim.core.scoring import score
from sim.session import history, journal, settings
from sim.session.history import StoreError
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.error import ErrorScreen
from sim.tui.screens.history import HistoryScreen
from sim.tui.screens.home import HomeScreen
from sim.tui.screens.save_report import SaveReportScreen
from sim.tui.screens.trainee import TraineeScreen
from tests.conftest import SAMPLE
from tests.functional.tui.conftest import SIZE, palette_highlights, screen_text, shows, until
from tests.history_helpers import (
    ALONE,
    GOOD,
    SHAMING,
    play,
    read_only,
    record,
    write_journal,
)


async def play_sample_to_the_debrief(pilot, clock=None) -> None:
    """From the briefing: notice, sorry, file; then rate 4, 3, 5."""
    await pilot.press("enter")
    await pilot.pause()
    for key, seconds in (("2", 3), ("1", 1.5), ("1", 2)):
        if clock is not None:
            clock.advance(seconds)
        await pilot.press(key)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("4", "3", "5", "ctrl+s")
    await pilot.pause()


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# --- recording -------------------------------------------------------------------


async def test_a_finished_session_is_recorded_with_its_trainee_and_timings(make_app, clock):
    app = make_app(play="sample")
    async with app.run_test(size=SIZE) as pilot:
        await play_sample_to_the_debrief(pilot, clock)
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        sid = debrief.play.session_id
    [row] = history.sessions()
    assert (row.id, row.trainee, row.scenario_id, row.ending, row.overall) == (sid, "Tess", "sample", "resolved", debrief.score.overall)
    record_ = history.session(sid)
    assert [turn.ms for turn in record_.turns] == [3000, 1500, 2000]
    assert record_.ratings == {"listen-acknowledge": 4, "no-shaming": 3, "call-help-early": 5}
    # The journal names the trainee too, so an import elsewhere keeps the name.
    assert journal.read(debrief.play.journal.path).trainee == "Tess"


async def test_a_what_if_is_not_recorded(make_app):
    app = make_app(play="sample")
    async with app.run_test(size=SIZE) as pilot:
        await play_sample_to_the_debrief(pilot)
        await pilot.press("t", "r")
        await pilot.pause()
        await pilot.press("1", "1", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen) and app.screen.play.is_what_if
    assert len(history.sessions()) == 1


async def test_a_read_only_data_folder_still_plays_and_debriefs(make_app, _isolated_home):
    app = make_app(play="sample")
    with read_only(_isolated_home):
        async with app.run_test(size=SIZE) as pilot:
            await play_sample_to_the_debrief(pilot)
            await settle(pilot)
            assert isinstance(app.screen, DebriefScreen)
            await shows(pilot, "Overall")
            messages = [n.message for n in app._notifications]
            assert any(m.startswith("This session could not be saved anywhere: cannot write") for m in messages), messages
    assert not (_isolated_home / history.DB_NAME).exists()


async def test_a_full_disk_costs_the_history_entry_not_the_debrief(make_app, monkeypatch):
    def full(*args, **kwargs):
        raise StoreError("history.sqlite3", "the disk is full: the session history could not be saved")

    monkeypatch.setattr(history, "record_session", full)
    app = make_app(play="sample")
    async with app.run_test(size=SIZE) as pilot:
        await play_sample_to_the_debrief(pilot)
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        messages = [n.message for n in app._notifications]
        assert any("the disk is full" in m for m in messages), messages
    # The journal still has it: the next `sim history` brings it in.
    [finished] = journal.last_results().values()
    assert finished.finished


# --- the trainee's name ------------------------------------------------------------------


async def test_the_name_is_asked_once_on_the_first_start(make_app, monkeypatch):
    monkeypatch.delenv("SIM_TRAINEE")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TraineeScreen)
        await shows(pilot, "Who is practising?")
        await pilot.press("ctrl+a", "ctrl+k", *"Anna Virtanen", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.trainee == "Anna Virtanen"
    assert settings.trainee() == "Anna Virtanen"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen) and again.trainee == "Anna Virtanen"


async def test_escape_keeps_the_login_name_and_is_not_asked_again(make_app, monkeypatch):
    monkeypatch.delenv("SIM_TRAINEE")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        default = app.trainee
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert settings.trainee() == default


async def test_the_name_changes_from_the_command_palette(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.trainee == "Tess"  # SIM_TRAINEE: not asked
        await pilot.press("ctrl+p", *"trainee")
        await palette_highlights(pilot, "Change the trainee's name (Tess)")
        assert "Change the trainee's name (Tess)" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TraineeScreen), "the name screen")
        await pilot.press("ctrl+a", "ctrl+k", *"  Tess   Tester ", "enter")
        await settle(pilot)
        assert app.trainee == "Tess Tester"
    assert settings.trainee() == "Tess Tester"


async def test_an_empty_name_is_refused(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.action_change_trainee()
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TraineeScreen)
        await pilot.press("escape")
        assert app.trainee == "Tess"


# --- the history screen ------------------------------------------------------------------


def some_history() -> None:
    lib = load_library([SAMPLE])
    ratings = {"listen-acknowledge": 4, "no-shaming": 4, "call-help-early": 4}
    for day, actions in enumerate((ALONE, SHAMING, GOOD), start=1):
        record(lib, actions, trainee="Tess", started=f"2024-05-0{day}T10:00:00+00:00", ratings=ratings, session_id=f"s-{day}")
    record(lib, GOOD, trainee="someone else", started="2024-05-04T10:00:00+00:00")
    # Finished, but played where only the journal was written: imported on the way in.
    write_journal(lib, GOOD, trainee="Tess")


async def test_history_shows_progress_calibration_and_the_sessions(make_app):
    some_history()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert "History of Tess" in screen_text(app)
        await pilot.press("t")  # the sessions first, the progress in the second view
        text = await shows(pilot, "Progress per principle")
        assert "Listen and acknowledge" in text
        sessions = screen.query_one("#sessions")
        assert sessions.row_count == 4  # three recorded and one imported; not someone else's
        assert [r.id for r in screen.newest_first][1:] == ["s-3", "s-2", "s-1"]
        progress = screen.query_one("#progress")
        listen = [cell.plain for cell in progress.get_row("listen-acknowledge")]
        assert listen[1] == "4" and listen[2] == "▁▃██"
        calibration = screen.query_one("#calibration").render().plain
        assert calibration.startswith("+")  # self-ratings of 4 (75) against lower scores
        assert "distance" in calibration
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_history_from_the_palette_and_when_empty(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"history")
        await palette_highlights(pilot, "History and progress")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await shows(pilot, "No finished sessions yet.")
        await pilot.press("enter")  # nothing to open: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_a_past_debrief_opens_read_only(make_app):
    some_history()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("down", "enter")  # s-3: the good session of 3 May
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen) and debrief.read_only
        assert debrief.play.session.actions == GOOD
        text = screen_text(app)
        assert "Debrief of 2024-05-03" in text and "Overall 100/100" in text
        assert "Replay from turn" not in text  # no what-if from the history
        await pilot.press("t", "r")
        await pilot.pause()
        assert app.screen is debrief
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


def record_on(folder, actions: list[str]) -> None:
    """A session of Tess's, played on the copy of the sample in `folder`."""
    lib = load_library([folder])
    session = play(lib, actions)
    history.record_session(session, score(session), trainee="Tess", scenario_path=str(folder / "sample.yaml"))


def edit(folder, old: str, new: str) -> None:
    path = folder / "sample.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


async def test_a_session_whose_scenario_no_longer_fits_explains_itself(make_app, tmp_path):
    folder = tmp_path / "lib"
    shutil.copytree(SAMPLE, folder)
    record_on(folder, SHAMING)
    edit(folder, "id: sorry", "id: apologise")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        text = " ".join((await shows(pilot, "Its scores")).split())
        assert "This debrief cannot be re-opened" in text
        assert "Its scores stay in the history" in text
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_a_compatibly_edited_scenario_reopens_with_a_warning(make_app, tmp_path):
    folder = tmp_path / "lib"
    shutil.copytree(SAMPLE, folder)
    record_on(folder, SHAMING)
    edit(folder, "A concrete next step.", "A concrete next step, well done.")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        assert any("The scenario changed since this session was played" in n.message for n in app._notifications)


# --- reports ------------------------------------------------------------------------------


async def test_saving_the_report_offers_html_markdown_and_json(make_app, _isolated_home):
    app = make_app(play="sample")
    async with app.run_test(size=SIZE) as pilot:
        await play_sample_to_the_debrief(pilot)
        await settle(pilot)
        debrief = app.screen
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SaveReportScreen)
        await shows(pilot, "HTML", "Markdown", "JSON")
        await pilot.press("enter")  # HTML is first
        await settle(pilot)
        html = debrief.report_path.with_suffix(".html")
        assert html.is_file() and html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        shown = debrief.query_one("#report").render().plain
        assert shown == f"Report saved: {html}"
        await pilot.press("s", "down", "down", "down", "enter")  # all three
        await settle(pilot)
        md, js = debrief.report_path, debrief.report_path.with_suffix(".json")
        assert md.read_text(encoding="utf-8").startswith("# ")
        data = json.loads(js.read_text(encoding="utf-8"))
        assert data["session"]["id"] == debrief.play.session_id and data["session"]["trainee"] == "Tess"
        assert data["format"] == "encounter-sim.report" and data["overall"] == debrief.score.overall
        assert debrief.report_path.parent == _isolated_home / "reports"
        assert "Reports saved in" in debrief.query_one("#report").render().plain
        await pilot.press("s", "escape")  # cancelled: nothing more happens
        await pilot.pause()
        assert app.screen is debrief


async def test_a_report_saved_in_the_debrief_is_the_one_sim_report_prints(make_app, clock, capsys):
    from tests.cli_run import cli

    app = make_app(play="sample")
    async with app.run_test(size=SIZE) as pilot:
        await play_sample_to_the_debrief(pilot, clock)
        await settle(pilot)
        debrief = app.screen
        await pilot.press("s", "down", "down", "down", "enter")  # all three
        await settle(pilot)
        sid = debrief.play.session_id
    for fmt, suffix in (("md", ".md"), ("json", ".json"), ("html", ".html")):
        saved = debrief.report_path.with_suffix(suffix).read_text(encoding="utf-8")
        code, printed, _ = cli(capsys, "report", sid, "--format", fmt, "--dir", SAMPLE)
        assert code == 0 and saved == printed, fmt
    assert "trainee Tess" in saved or "Tess" in saved


async def test_a_debrief_reopened_from_the_history_knows_its_saved_report(make_app, clock):
    app = make_app(play="sample")
    async with app.run_test(size=SIZE) as pilot:
        await play_sample_to_the_debrief(pilot, clock)
        await settle(pilot)
        await pilot.press("s", "down", "enter")  # Markdown
        await settle(pilot)
        path = app.screen.report_path
        assert path.is_file()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        shown = app.screen.query_one("#report").render().plain
        assert "not saved yet" not in shown and str(path) in shown


async def test_a_classroom_tab_shows_only_its_own_trainees_results_and_sessions(make_app, monkeypatch):
    # `sim serve`: every tab shares the server's data folder and asks who is practising.
    monkeypatch.delenv("SIM_TRAINEE")
    monkeypatch.setenv(settings.ASK_NAME_ENV, "1")
    lib = load_library([SAMPLE])
    write_journal(lib, ["notice", "sorry", "file"], trainee="Bruno")  # finished, 50 points
    write_journal(lib, ["notice"], trainee="Bruno", finished=False)  # his tab was closed mid-encounter

    async def arrive(name: str, pin: str = "2468"):
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TraineeScreen)  # the name first: nothing of anyone's shows before it
            assert len(app.screen_stack) == 2
            assert app.screen.query_one("#trainee-name").value == ""  # not the server's account name
            await pilot.press(*name, "enter", *pin, "enter")
            await app.workers.wait_for_complete()
            await settle(pilot)
            entry = app.catalog.find("sample")
            return type(app.screen).__name__, entry.last.overall if entry.last else None, entry.unfinished

    assert await arrive("Aino") == ("HomeScreen", None, False)
    assert await arrive("Bruno") == ("ResumeScreen", 50, True)


async def test_a_classroom_tab_shows_a_name_s_sessions_only_after_its_pin(make_app, monkeypatch):
    from sim.session import pins

    monkeypatch.delenv("SIM_TRAINEE")
    monkeypatch.setenv(settings.ASK_NAME_ENV, "1")
    lib = load_library([SAMPLE])
    write_journal(lib, ["notice", "sorry", "file"], trainee="Bruno")
    pins.check("Bruno", "1357")  # Bruno claimed his name in an earlier lesson
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TraineeScreen)
        await pilot.press("escape")  # no way past the question without a name
        await pilot.press("f3")
        assert app.screen is screen
        await pilot.press(*"Bruno", "enter", *"0000", "enter")
        await until(pilot, lambda: any("Wrong PIN" in n.message for n in app._notifications), "the wrong-PIN notice")
        assert app.screen is screen and screen.query_one("#trainee-pin").value == ""
        assert app.catalog.find("sample").last is None  # nothing of Bruno's was shown
        await pilot.press(*"1357", "enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.trainee == "Bruno" and app.catalog.find("sample").last.overall == 50


async def test_a_name_typed_and_entered_in_one_burst_is_kept(make_app, monkeypatch):
    # A paste, a fast typist over SSH, tmux send-keys: the keys arrive together,
    # and Enter (a priority binding) must not overtake the letters before it.
    from textual import events

    monkeypatch.delenv("SIM_TRAINEE")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TraineeScreen)
        for key, char in [("ctrl+a", None), ("ctrl+k", None), *((c, c) for c in "Aino"), ("enter", "\r")]:
            app.post_message(events.Key(key, char))  # no pause between them
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and app.trainee == "Aino"


async def test_a_pin_typed_ahead_of_its_field_is_the_pins_never_the_names(make_app, monkeypatch):
    # A classroom server under load: the PIN is typed before its field has the cursor.
    from textual import events

    from sim.session import pins

    monkeypatch.delenv("SIM_TRAINEE")
    monkeypatch.setenv(settings.ASK_NAME_ENV, "1")
    pins.check("Ann", "482913")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TraineeScreen)
        burst = [*((c, c) for c in "Ann"), ("enter", "\r"), *((c, c) for c in "482913"), ("enter", "\r")]
        for key, char in burst:
            app.post_message(events.Key(key, char))  # no pause between them
        await settle(pilot)
        # In with the right PIN, under the name as typed: no digit went into the name.
        assert isinstance(app.screen, HomeScreen) and app.trainee == "Ann"


async def test_a_filter_typed_and_entered_in_one_burst_opens_what_it_finds(make_app):
    from textual import events

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        for c in "zzz":
            app.post_message(events.Key(c, c))
        app.post_message(events.Key("enter", "\r"))
        await settle(pilot)
        assert app.screen is home  # nothing matches "zzz": Enter opens nothing
