"""End to end: the real `sim` in a real terminal (tmux, 80×24), played with
keystrokes; then killed with `kill -9` mid-encounter and started again.

Needs tmux. Without it the test fails under CI (CI is set) and is skipped,
with the reason, on a developer's machine.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sim.session import journal
from tests.conftest import ROOT, SAMPLE
from tests.helpers import tool

DEADLINE = 120.0  # a bound on a hang, not a speed: a cold start under load imports Textual slowly


def sim_command() -> list[str]:
    """The installed console script if there is one, else `python -m sim`."""
    script = Path(sys.executable).with_name("sim")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sim"]


class Terminal:
    """One tmux server of our own (its own socket), one 80×24 window."""

    def __init__(self, socket: Path, env: dict[str, str]) -> None:
        self.socket = socket
        self.env = env

    def tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-S", str(self.socket), *args], capture_output=True, text=True, timeout=10)
        if result.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def start(self, *args: str) -> None:
        # A new tmux server for every start: the last one may still be shutting
        # down after its session ended (a kill -9), and a new session on its
        # socket then fails with "server exited unexpectedly".
        self.starts = getattr(self, "starts", 0) + 1
        self.socket = self.socket.with_name(f"tmux-{self.starts}.sock")
        env = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        # `exec`: the pane's process is sim itself, so its pid is the one to kill.
        command = f"cd {shlex.quote(str(ROOT))} && exec env {env} {shlex.join([*sim_command(), *args])}"
        self.tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "sim", command)

    @property
    def running(self) -> bool:
        return subprocess.run(["tmux", "-S", str(self.socket), "has-session", "-t", "sim"], capture_output=True).returncode == 0

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "sim", "#{pane_pid}").strip())

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "sim", key)
            time.sleep(0.05)  # one key per frame, as a person types

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "sim") if self.running else ""

    def wait_for(self, *texts: str) -> str:
        """The screen, once it shows every one of `texts`."""
        return self._wait(lambda screen: all(text in screen for text in texts), f"{texts!r}")

    def wait_for_any(self, *texts: str) -> str:
        """The screen, once it shows one of `texts`."""
        return self._wait(lambda screen: any(text in screen for text in texts), f"any of {texts!r}")

    def _wait(self, done: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + DEADLINE
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if done(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"waited {DEADLINE}s for {what}; the screen shows:\n{screen}")

    def wait_gone(self, text: str) -> None:
        deadline = time.monotonic() + DEADLINE
        while text in self.screen() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert text not in self.screen(), f"{text!r} stayed on screen"

    def wait_until_closed(self) -> None:
        deadline = time.monotonic() + DEADLINE
        while self.running and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not self.running, f"sim did not exit; the screen shows:\n{self.screen()}"


def require_tmux() -> None:
    tool("tmux", "tmux (the end-to-end tests drive the real terminal through it)")


@pytest.fixture
def terminal(tmp_path: Path, _isolated_home: Path):
    env = {
        "SIM_HOME": str(_isolated_home),
        "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
        "SIM_LANG": "en",
        "SIM_TRAINEE": "Tess",
        "PYTHONPATH": str(ROOT),
        "TERM": "xterm-256color",
        # Keys are sent as soon as the screen shows what they answer; the guard
        # against a double press has its own test below.
        "SIM_KEY_GUARD_MS": "0",
        "SIM_TYPING_MS": "0",  # a chat reply at once: the tests wait on the screen, not on typing
    }
    term = Terminal(tmp_path / "tmux.sock", env)
    yield term
    if shutil.which("tmux"):
        for socket in tmp_path.glob("tmux*.sock"):
            subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True)


def test_play_to_the_end_then_crash_and_resume(terminal: Terminal) -> None:
    require_tmux()
    # A whole encounter with keystrokes.
    terminal.start("--dir", str(SAMPLE), "play", "sample")
    terminal.wait_for("Goals", "Start the encounter")
    terminal.keys("Enter")
    terminal.wait_for("Third time here!", "What do you say?", "h Call for help")
    terminal.keys("2")
    terminal.wait_for("Are you calling me stupid?", "Mood: threatening")
    terminal.keys("Down", "Up", "Enter")
    terminal.wait_for("Fine. What do you need?")
    terminal.keys("1")
    terminal.wait_for("The encounter has ended: resolved.")
    terminal.keys("Enter")
    terminal.wait_for("Self-assessment", "Listen and acknowledge")
    terminal.keys("4", "3", "5", "C-s")
    screen = terminal.wait_for("Overall", "Critical miss at turn 2")
    assert "75 (4/5)" in screen
    terminal.keys("C-q")
    terminal.wait_until_closed()
    [finished] = journal.last_results().values()
    assert finished.actions == ["notice", "sorry", "file"] and finished.self_assessment is not None

    # Killed in the middle of an encounter: nothing but the turn in progress is lost.
    terminal.start("--dir", str(SAMPLE), "play", "sample")
    terminal.wait_for("Start the encounter")
    terminal.keys("Enter")
    terminal.wait_for("What do you say?")
    terminal.keys("2")
    terminal.wait_for("Are you calling me stupid?")
    os.kill(terminal.pid(), signal.SIGKILL)
    terminal.wait_until_closed()

    terminal.start("--dir", str(SAMPLE))
    terminal.wait_for("Unfinished encounter", "Sample — at turn 2")
    terminal.keys("r")
    screen = terminal.wait_for("Resumed where you left off.", "Are you calling me stupid?", "turn 2")
    assert "80" in screen  # the same tension as before the crash
    terminal.keys("C-q")
    terminal.wait_for("Quit now?", "resume at turn 2")
    terminal.keys("y")
    terminal.wait_until_closed()
    [unfinished] = journal.interrupted()
    assert unfinished.actions == ["notice"]


def test_assessment_mode_shows_no_sign_of_a_choices_worth(terminal: Terminal) -> None:
    require_tmux()
    terminal.start("--dir", str(SAMPLE), "play", "sample", "--mode", "assessment")
    terminal.wait_for("Assessment mode", "Start the encounter")
    terminal.keys("Enter")
    terminal.wait_for("Third time here!", "What do you say?", "Assessment: tension, trust")
    terminal.keys("2")  # a shaming choice: in practice mode tension jumps ▲30 and the mood turns
    screen = terminal.wait_for("Are you calling me stupid?", "What do you say?")
    assert "▲" not in screen and "▼" not in screen
    assert "Mood" not in screen and "threatening" not in screen
    assert "Pointing at the notice" not in screen  # and no feedback
    terminal.keys("1")
    screen = terminal.wait_for("Fine. What do you need?")
    assert "▲" not in screen and "▼" not in screen and "Mood" not in screen


def test_a_timed_chat_turn_shows_its_countdown_the_whole_time_at_80x24(terminal: Terminal) -> None:
    require_tmux()
    terminal.start("play", "chat-bounced")  # long options: the side panel is cut below Trust
    terminal.wait_for("Start the encounter")
    terminal.keys("Enter")
    screen = terminal.wait_for("What do you write?", "left")
    seen: set[str] = set()
    # Every look at the screen shows it, until the clock has visibly moved on
    # twice (the time is the condition; DEADLINE only bounds a hang).
    deadline = time.monotonic() + DEADLINE
    while len(seen) < 3 and time.monotonic() < deadline:
        assert "◷" in screen and "left" in screen, screen
        seen |= {line.strip("╰─ ") for line in screen.splitlines() if "◷" in line}
        time.sleep(0.05)
        screen = terminal.screen()
    assert len(seen) >= 3, seen  # the time left went down while we watched
    assert all(line.endswith("left") or "left" in line for line in seen)


def test_a_double_press_on_new_options_takes_one_turn_and_says_why(terminal: Terminal) -> None:
    require_tmux()
    terminal.env["SIM_KEY_GUARD_MS"] = "5000"  # far longer than a look at the screen, however busy the machine
    terminal.start("--dir", str(SAMPLE), "play", "sample")
    terminal.wait_for("Start the encounter")
    terminal.keys("Enter")
    terminal.wait_for("Third time here!", "What do you say?")
    # The first key may itself come too soon: press until it is taken.
    for _ in range(100):
        terminal.keys("2")
        screen = terminal.wait_for_any("Are you calling me stupid?", "New options")
        if "Are you calling me stupid?" in screen:
            break
        terminal.wait_gone("New options")
    terminal.keys("1")  # at once: the options of turn 2 were not yet seen
    terminal.keys("p")  # keys are handled in order: once paused, the "1" has been dealt with
    terminal.wait_for("Paused")
    [info] = journal.interrupted()
    assert info.actions == ["notice"]


def test_aggressive_desk_typed_in_finnish_to_the_end(terminal: Terminal) -> None:
    # Issue 22, "Must show": every reply typed in the trainee's own words, in Finnish.
    require_tmux()
    from tests.functional.plain.test_plain_own_words import REPLIES

    terminal.start("--lang", "fi", "play", "aggressive-desk", "--own-words")
    terminal.wait_for("Aloita kohtaaminen")
    terminal.keys("Enter")
    for reply in REPLIES:
        terminal.wait_for("Kirjoita vastauksesi ja paina Enter", "esc Vaihtoehdot")  # the box has the keys
        terminal.tmux("send-keys", "-t", "sim", "-l", reply)  # literally: the words as typed
        terminal.keys("Enter")
        terminal.wait_for("Tulkittu vaihtoehdoksi")
        terminal.keys("Enter")
        terminal.wait_gone("Tulkittu vaihtoehdoksi")
    terminal.wait_for("Kohtaaminen päättyi")
    terminal.keys("Enter")
    terminal.wait_for("Ennen pisteitä", "Kunniallinen perääntyminen")
    terminal.keys(*"44444444", "C-s")
    terminal.wait_for("Kokonaisarvio 100/100")
    terminal.keys("t")
    terminal.wait_for("Omin sanoin: ”kertokaa rauhassa")
    terminal.keys("C-q")
    terminal.wait_until_closed()
    [finished] = journal.last_results().values()
    assert len(finished.actions) == len(REPLIES)
