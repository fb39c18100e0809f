"""Fixtures for the TUI tests: apps at 80×24 without animations, a clock the
test moves by hand, and a way to read what is on the screen."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import SAMPLE

if TYPE_CHECKING:
    from sim.session.catalog import Catalog

TIMED = Path(__file__).parent / "data" / "timed"
BROKEN = Path(__file__).parent / "data" / "broken"
SIZE = (80, 24)


class FakeClock:
    """A monotonic clock that only moves when told to."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def _named_trainee(monkeypatch: pytest.MonkeyPatch) -> str:
    """A trainee named by the environment is not asked for a name at start;
    the tests of that question unset it."""
    monkeypatch.setenv("SIM_TRAINEE", "Tess")
    return "Tess"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


_LOADED: dict[tuple[Path, ...], Catalog] = {}


@pytest.fixture
def make_app(clock: FakeClock) -> Callable[..., object]:
    """`make_app(SAMPLE, TIMED, play="sample", lang="fi", mode="assessment", …)`:
    a quiet app; with `play` it opens at that scenario's briefing."""
    from sim.session import settings
    from sim.session.catalog import Catalog
    from sim.tui.app import Options, SimApp

    def make(*dirs: Path, **options: Any) -> SimApp:
        dirs = tuple(dirs) or (SAMPLE,)
        options.setdefault("seed", 0)
        # Keys come as fast as the test sends them, on a clock that stands still:
        # the guard against double presses is tested on its own (test_encounter).
        options.setdefault("key_guard", 0.0)
        options.setdefault("typing", 0.0)  # a chat reply at once; the typing is tested on its own (test_email_features)
        options.setdefault("clock", clock)
        options.setdefault("lang", "en")
        # Parsing the built-in scenarios once per session keeps the suite fast;
        # the last results are read afresh from this test's journals.
        if dirs not in _LOADED:
            _LOADED[dirs] = Catalog.load(dirs)
        # Whose results: the same trainee the app itself would start with.
        catalog = _LOADED[dirs].with_fresh_results(settings.known_trainee())
        app = SimApp(Options(dirs=dirs, **options), catalog)
        app.animation_level = "none"  # meters jump to their value: screens are deterministic
        return app

    return make


async def until(pilot, condition: Callable[[], object], what: str, rounds: int = 200) -> None:
    """Pause until `condition()` holds. `pilot.pause()` alone guesses that the
    app is idle from how much CPU it used, which a loaded machine fools; the
    screen's own content is the condition to wait on. Bounded in rounds."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"waited {rounds} rounds for {what}; the screen shows:\n{screen_text(pilot.app)}")


async def shows(pilot, *needles: str) -> str:
    """The screen's text once every one of `needles` is on it: a screen just
    pushed is drawn a moment later, later still on a busy machine."""
    await until(pilot, lambda: all(n in screen_text(pilot.app) for n in needles), f"{needles!r} on screen")
    return screen_text(pilot.app)


def screen_text(app) -> str:
    """The characters on the terminal, row by row, as the trainee sees them."""
    svg = app.export_screenshot()
    rows: dict[float, list[tuple[float, str]]] = {}
    for m in re.finditer(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(float(m.group(2)), []).append((float(m.group(1)), html.unescape(m.group(3))))
    lines = []
    for y in sorted(rows):
        line = ""
        for x, text in sorted(rows[y]):
            line = line.ljust(round(x / 12.2)) + text
        lines.append(line.replace("\xa0", " ").rstrip())
    return "\n".join(lines)


async def start(pilot) -> None:
    """From the briefing (an app made with `play=`) into the encounter."""
    await pilot.press("enter")
    await pilot.pause()


async def palette_highlights(pilot, text: str) -> None:
    """Wait until the command palette's background search has finished with
    the command showing `text` highlighted, so Enter runs that one (waiting a
    fixed time guesses, and loses on a loaded machine)."""
    from textual.command import CommandList, CommandPalette

    def ready() -> bool:
        palette = pilot.app.screen
        if not isinstance(palette, CommandPalette) or not all(w.is_finished for w in pilot.app.workers if w.node is palette):
            return False
        commands = palette.query_one(CommandList)
        if commands.highlighted is None:
            return False
        return text in str(commands.get_option_at_index(commands.highlighted).prompt)

    await until(pilot, ready, f"the palette's search to highlight {text!r}")
