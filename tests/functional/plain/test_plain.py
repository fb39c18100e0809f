"""`sim play SCENARIO --plain`: the encounter line by line on standard input
and output, sharing the engine, journal, self-assessment, scores and history
with the TUI."""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sim.plain import PlainPlay, run_plain
from sim.session import history, journal
from tests.conftest import ROOT, SAMPLE
from tests.functional.tui.conftest import TIMED

SAMPLE_FILE = str(SAMPLE / "sample.yaml")
TIMED_FILE = str(TIMED / "timed.yaml")


def play(scenario: str, answers: list[str], *, lang: str = "en", mode: str = "practice", clock=None, seed: int | None = None) -> tuple[int, str]:
    args = argparse.Namespace(scenario=scenario, dir=[], sub_dir=[], ui_lang=lang, mode=mode)
    out = io.StringIO()
    stdin = io.StringIO("".join(a + "\n" for a in answers))
    if clock is None and seed is None:
        code = run_plain(args, stdin, out)
    else:
        # The same as run_plain, with the clock in the test's hands.
        from sim.content.locate import find_scenario

        lib, found, _ = find_scenario(scenario, [])
        code = PlainPlay(lib, found, lang, mode, stdin, out, clock=clock or time.monotonic, seed=seed).run()
    return code, out.getvalue()


def test_a_whole_session_to_the_debrief_is_journalled_and_recorded():
    answers = [
        "7",  # not an option: asked again
        "2",  # notice: shames the client
        "1",  # sorry, while the client is a threat: a critical miss
        "1",  # file
        "9",  # not a rating: asked again
        "4", "5", "2",  # ratings of the three goals
        "I stayed calm", "", "tired",  # reflections
    ]  # fmt: skip
    code, out = play(SAMPLE_FILE, answers)
    assert code == 0
    lines = out.splitlines()
    # The transcript: one utterance per line, the options numbered.
    for expected in [
        "Client: Third time here! Nobody does anything!",
        "1. Three visits and no answer - let's look at it together.",
        "2. It says on the notice that decisions take four weeks.",
        "You: It says on the notice that decisions take four weeks.",
        "Feedback: ✗ Pointing at the notice shames the client.",
        "Client: Are you calling me stupid?",
        "Feedback: ⚠ Critical miss at turn 2: Call for help early — you carried on alone while the client was a threat",
        "Scene: The complaint is filed.",
        "The encounter has ended: resolved.",
    ]:
        assert expected in lines, expected
    assert out.count("Type a number from 1 to 2, h for help or q to save and quit.") == 1
    assert out.count("Type a number from 1 (not at all) to 5 (fully)") == 1
    # The debrief: scores beside the self-ratings with the gap, the miss, better alternatives.
    debrief = out[out.index("\nDebrief\n") :]
    for expected in [
        "Overall 28/100 — needs practice",
        "Ending: resolved (not a success, because of a critical miss)",
        "⚠ Critical miss at turn 2: Call for help early — you carried on alone while the client was a threat",
        "Listen and acknowledge ★: score 33; you 75 (4/5); gap +42 you rated higher",
        "No shaming ★: score 50; you 100 (5/5); gap +50 you rated higher",
        "Call for help early ★: score 0; you 25 (2/5); gap +25 you rated higher",
        "Turn 1 (tension 50 → 80)",
        "  Better: Three visits and no answer - let's look at it together.",
        "What went well? I stayed calm",
    ]:
        assert expected in debrief.splitlines(), expected
    assert "\x1b" not in out  # no colour, no cursor movement

    (info,) = [journal.read(p) for p in journal.journals_dir().glob("*.jsonl")]
    assert info.finished and info.ending == "resolved" and info.actions == ["notice", "sorry", "file"]
    assert info.self_assessment["ratings"] == {"listen-acknowledge": 4, "no-shaming": 5, "call-help-early": 2}
    assert info.self_assessment["reflections"]["went_well"] == "I stayed calm"
    assert f"sim report {info.session_id}" in out

    record = history.session(info.session_id)
    assert record is not None
    assert (record.row.overall, record.row.grade, record.row.ending) == (28, "needs practice", "resolved")
    assert record.self_assessment["ratings"]["no-shaming"] == 5
    assert [t.action for t in record.turns] == ["choice", "choice", "choice"]
    # After the debrief, what next, as the home screen says it: the session just played counts.
    tail = out[out.index(f"sim report {info.session_id}") :].splitlines()
    assert tail[2].startswith("Next: ") and tail[2].endswith("(practice)")
    # Just practised badly: due again tomorrow, and the weakest, so offered early.
    # (a day after the session: "today" if midnight passed between the session and this line)
    assert tail[3].startswith("Nothing is due yet. Your weakest is “Call for help early” (0), due again ")
    assert tail[3].endswith(("tomorrow.", "today.")), tail[3]


def test_end_of_input_mid_session_leaves_a_resumable_journal():
    code, out = play(SAMPLE_FILE, ["2"])  # then standard input ends
    assert code == 0
    assert out.rstrip().endswith("Saved. Start `sim play` or `sim` again to resume where you left off.")
    (info,) = journal.interrupted()
    assert info.actions == ["notice"] and not info.finished
    assert history.sessions() == []

    # Resumed (here in plain mode; the TUI offers the same journal), then finished.
    code, out = play(SAMPLE_FILE, ["r", "1", "1", "3", "3", "3", "", "", ""])
    assert code == 0
    assert "This scenario has an unfinished session, at turn 2" in out
    assert "Resumed where you left off." in out
    assert "You: It says on the notice that decisions take four weeks." in out  # the story so far
    assert "Overall 28/100 — needs practice" in out
    assert journal.interrupted() == []
    (row,) = history.sessions()
    assert row.id == info.session_id


def test_q_saves_and_quits_and_self_assessment_resumes_after_the_ending():
    code, out = play(SAMPLE_FILE, ["1", "1", "q"])
    assert code == 0 and "Saved." in out
    (info,) = journal.interrupted()
    assert info.actions == ["acknowledge", "file"]  # ended, not yet rated
    code, out = play(SAMPLE_FILE, ["r", "5", "5", "5", "", "", ""])
    assert code == 0
    assert "Self-assessment" in out and "Overall 100/100 — excellent" in out


def test_h_calls_for_help_and_an_answer_after_the_time_limit_is_a_timeout():
    now = [0.0]
    ticks = iter([0.0, 25.0, 25.0, 27.0])  # shown at 0, answered at 25 (limit 20); next node at 25, answered at 27

    def clock() -> float:
        now[0] = next(ticks, now[0])
        return now[0]

    code, out = play(TIMED_FILE, ["1", "h", "3", "3", "", "", ""], clock=clock)
    assert code == 0
    assert "Time limit: 20 seconds." in out
    assert "Note: Time ran out before you answered." in out
    assert "Client: HELLO?! Is this thing on?" in out  # the timeout branch
    assert "You: You ask your supervisor to take the call." in out
    assert "The encounter has ended: help requested." in out
    (info,) = [journal.read(p) for p in journal.journals_dir().glob("*.jsonl")]
    assert info.actions == ["timeout", "help"]
    assert info.durations_ms == [20000, 2000]


def test_authored_text_is_shown_literally():
    code, out = play(TIMED_FILE, ["q"])
    assert code == 0
    assert "Client: Hello? [red]Is anyone there?[/red] ␛[2J␛]52;c;aGVsbG8=␇" in out
    assert "Meaning: [link=https://e.x]click me[/link]" in out
    assert "A call in a [bold]hurry[/bold]" in out
    assert "\x1b" not in out and "\x07" not in out


def test_finnish():
    code, out = play(SAMPLE_FILE, ["x", "2", "q"], lang="fi")
    assert code == 0
    assert "Asiakas: Third time here! Nobody does anything!" in out  # the scenario is English only
    assert "Kirjoita numero 1–2, h hälyttääksesi apua tai q tallentaaksesi ja lopettaaksesi." in out
    assert "Tallennettu." in out


def test_unknown_scenario_is_a_usage_error(capsys):
    code, out = play("no-such-scenario", [])
    assert code == 2 and out == ""
    assert "no scenario file or id `no-such-scenario`" in capsys.readouterr().err


def test_the_real_command_reads_stdin_and_imports_neither_textual_nor_rich(tmp_path):
    code = (
        "import sys; from sim.cli.main import run; rc = run(sys.argv[1:]);"
        "print('IMPORTED', [m for m in ('textual', 'rich') if m in sys.modules]); sys.exit(rc)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "play", SAMPLE_FILE, "--plain", "--lang", "en"],
        input="1\n1\n4\n4\n4\nok\n\n\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Overall 100/100 — excellent" in proc.stdout
    assert proc.stdout.rstrip().endswith("IMPORTED []")


def test_end_of_input_before_playing_saves_nothing_and_keeps_the_unfinished_session():
    code, out = play(SAMPLE_FILE, [])
    assert code == 0 and "Saved" not in out and journal.interrupted() == []
    play(SAMPLE_FILE, ["2"])
    code, out = play(SAMPLE_FILE, [])  # ends at the question whether to resume
    assert code == 0 and "Saved" not in out
    assert [i.actions for i in journal.interrupted()] == [["notice"]]


def test_assessment_mode_keeps_feedback_for_the_debrief():
    code, out = play(SAMPLE_FILE, ["1", "1", "3", "3", "3", "", "", ""], mode="assessment")
    assert code == 0
    encounter, debrief = out.split("\nDebrief\n")
    assert "Assessment mode" in encounter and "Feedback:" not in encounter
    assert "  Feedback: You named the situation first." in debrief


# --- resuming after an edit: the same life cycle as the TUI (sim.session.resume) ---------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_compatibly_edited_scenario_resumes_in_plain_mode(tmp_path):
    import shutil

    folder = tmp_path / "lib"
    shutil.copytree(SAMPLE, folder)
    scenario = str(folder / "sample.yaml")
    code, out = play(scenario, ["2"])  # `notice`, then input ends
    (info,) = journal.interrupted()
    # New words and a stronger effect; every step still leads where it did.
    _edit(folder / "sample.yaml", "Are you calling me stupid?", "So I am stupid, am I?")
    _edit(folder / "sample.yaml", "effects: {tension: -10}", "effects: {tension: -20}")

    code, out = play(scenario, ["r", "1", "q"])
    assert code == 0
    assert "This scenario has an unfinished session, at turn 2" in out
    assert "every turn so far still fits, so it resumes on the edited version" in out
    assert "The scenario changed since this session started: scores and the client's mood now follow the edited version." in out
    assert "So I am stupid, am I?" in out  # the story so far, in the edited words
    resumed = journal.read(info.path)
    assert resumed.session_id == info.session_id  # the same session went on
    assert resumed.actions == ["notice", "sorry"] and resumed.arrived == ["angry", "details"]
    assert "Mood: angry · Tension 55 · Trust 30" in out  # the edited effect applies (it was 65)


def test_an_incompatibly_edited_scenario_says_why_and_can_be_discarded_in_plain_mode(tmp_path):
    import shutil

    folder = tmp_path / "lib"
    shutil.copytree(SAMPLE, folder)
    scenario = str(folder / "sample.yaml")
    play(scenario, ["2", "1"])  # `notice`, `sorry`
    (info,) = journal.interrupted()
    _edit(folder / "sample.yaml", "id: sorry", "id: apologise")

    code, out = play(scenario, ["r", "n"])  # r is not offered: it cannot go on
    assert "the choice “sorry” of turn 2 has been removed or renamed" in out
    assert "Type d or n." in out
    assert journal.read(info.path).abandoned is False  # kept: n starts a new one beside it

    code, out = play(scenario, ["d", "q"])
    assert "Discarded." in out
    assert journal.read(info.path).abandoned


@pytest.mark.parametrize(
    ("setting", "said", "timed_out"),
    [
        ("normal", "Time limit: 20 seconds.", True),
        ("double", "Time limit: 40 seconds.", False),
        ("off", None, False),
    ],
)
def test_the_time_limit_setting_doubles_or_removes_limits_and_is_said(monkeypatch, setting, said, timed_out):
    from sim.session import settings

    settings.save_time_limits("Tess", setting)
    monkeypatch.setenv("SIM_TRAINEE", "Tess")
    now = [0.0]
    ticks = iter([0.0, 25.0])  # the first answer comes after 25 s: past 20, within 40

    def clock() -> float:
        now[0] = next(ticks, now[0])
        return now[0]

    code, out = play(TIMED_FILE, ["1", "1", "3", "3", "", "", ""], clock=clock)
    assert code == 0
    if said is None:
        assert "Time limit:" not in out and "time limits are off for you" in out
    else:
        assert said in out and "Some turns are timed" in out
    assert ("Time ran out before you answered." in out) == timed_out
    (info,) = [journal.read(p) for p in journal.journals_dir().glob("*.jsonl")]
    assert info.time_limits == setting  # a resume goes on with the same rules
    for row in history.sessions():
        assert row.time_limits == setting  # and the history keeps them for the reports
    note = {"normal": None, "double": "Time limits were doubled", "off": "Time limits were off"}[setting]
    if note:
        assert note in out


def test_p_pauses_the_clock_so_a_paused_answer_is_in_time():
    now = [0.0]
    # Options shown at 0; p at 15 (paused until 115); the answer at 120: 20 s of clock, not 120.
    ticks = iter([0.0, 15.0, 115.0, 119.0])

    def clock() -> float:
        now[0] = next(ticks, now[0])
        return now[0]

    code, out = play(TIMED_FILE, ["p", "", "1", "3", "3", "", "", ""], clock=clock)
    assert code == 0
    assert "Paused: the clock has stopped." in out
    assert "Time ran out" not in out.split("Paused")[1].split("Client")[0]
    (info,) = [journal.read(p) for p in journal.journals_dir().glob("*.jsonl")]
    assert info.actions[0] != "timeout" and info.durations_ms[0] == 19000


def test_long_lines_break_between_words_on_a_terminal(monkeypatch):
    import io

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("COLUMNS", "40")
    out = Tty()
    plain = PlainPlay.__new__(PlainPlay)
    plain.stdout = out
    plain.say("Client: " + "a fairly long sentence that does not fit " * 2)
    lines = out.getvalue().splitlines()
    assert len(lines) > 1 and all(len(line) <= 39 for line in lines)
    assert all(line.startswith("        ") for line in lines[1:])  # under the words, not the label
    assert not any(line.rstrip().endswith(("fai", "sen")) for line in lines)  # no word cut in two


def test_after_an_escalation_plain_offers_the_recovery_step_and_answers_distress():
    # aggressive-desk to its escalated ending (no shuffling: the authored numbers).
    answers = ["2", "2", "2", "2", "", "", *["3"] * 6, "", "", "I'm still shaking"]
    code, out = play("aggressive-desk", answers, seed=0)
    assert code == 0
    recovery = out.index("Take a moment")
    assert recovery < out.index("Self-assessment")
    assert "Breathe out slowly" in out and "Who to talk to: " in out
    assert "normal reaction after a hard encounter" in out.split("Your reflections")[1]
