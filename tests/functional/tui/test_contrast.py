"""Every character on the key screens is readable in both themes: WCAG AA,
a contrast ratio of at least 4.5:1 between a text cell's colour and the
colour behind it.

Checked cell by cell on what the compositor draws (the colours after
Textual has blended every alpha and applied every theme variable), in
truecolor and as a 256-colour terminal shows them (where the issue was
found: #ffaf00 on #dadada). Exempt, and only these: the glyphs that are
pure decoration — the box-drawing and block characters of borders and
scroll bars. A meter's or the countdown's bar and the line under the
active tab are graphics, not text: their filled part is held to WCAG's
3:1 for graphical objects, their empty track (which only frames the fill)
is decoration. Behind an open dialog the screen is dimmed on purpose and
inactive: there only the dialog is checked.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass

import pytest
from rich.color import Color, ColorSystem, ColorTriplet
from rich.segment import Segment
from textual._compositor import LayoutUpdate
from textual.app import App
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarCorner
from textual.widgets._tabs import Underline

from sim.tui.app import DARK, LIGHT
from sim.tui.widgets.countdown import Countdown
from sim.tui.widgets.meter import Meter
from tests.functional.tui.conftest import SIZE, TIMED, shows, start

TEXT = 4.5  # WCAG 2.x AA, 1.4.3 (normal-size text: a terminal has no large text)
GRAPHIC = 3.0  # WCAG 2.x AA, 1.4.11 (non-text contrast)
BARS = {Meter: "meter--bar", Countdown: "countdown--bar", Underline: "underline--bar"}


def luminance(rgb: ColorTriplet) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a: ColorTriplet, b: ColorTriplet) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def decorative(char: str) -> bool:
    """Box drawing (U+2500–257F) and block elements (U+2580–259F)."""
    return 0x2500 <= ord(char) <= 0x259F


@dataclass(frozen=True)
class Miss:
    ratio: float
    needed: float
    x: int
    y: int
    char: str
    fg: str
    bg: str
    where: str

    def __str__(self) -> str:
        return f"{self.ratio:.2f} < {self.needed} at {self.x},{self.y} {self.char!r} {self.fg} on {self.bg} in {self.where}"


def cells(app: App[None]) -> Iterator[tuple[int, int, Segment]]:
    """(x, y, one-character segment) of every cell on the screen, as drawn."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert isinstance(update, LayoutUpdate)  # a full update always is one
    for y, line in enumerate(update.strips):
        x = 0
        for strip in line:
            for segment in strip:
                if segment.control:
                    continue
                for char in segment.text:
                    yield x, y, Segment(char, segment.style)
                    x += 1  # the screens hold no wide characters


def colours(segment: Segment, system: ColorSystem) -> tuple[ColorTriplet, ColorTriplet]:
    style = segment.style
    assert style is not None and style.color is not None and style.bgcolor is not None, f"a cell in the terminal's own colours: {segment!r}"
    fg, bg = (c.downgrade(system).get_truecolor() for c in (style.color, style.bgcolor))
    if style.dim:  # as Textual's DimFilter and most terminals draw it
        fg = ColorTriplet(*(round(b + (f - b) * 0.5) for f, b in zip(fg, bg, strict=True)))
    if style.reverse:
        fg, bg = bg, fg
    return fg, bg


def needed(app: App[None], x: int, y: int, char: str, segment: Segment) -> float | None:
    """The ratio this cell must reach; None for a decorative one."""
    if not char.strip():
        return None
    widget, region = app.screen.get_widget_at(x, y)
    if isinstance(widget, (ScrollBar, ScrollBarCorner)):
        return None
    inner = region.shrink(widget.styles.border.spacing)
    if decorative(char) and not inner.contains(x, y):
        return None  # a border line (a border's title is text, and checked)
    for kind, component in BARS.items():
        if isinstance(widget, kind) and decorative(char):
            track = widget.get_component_rich_style(component).bgcolor
            style = segment.style
            return None if style is not None and style.color == track else GRAPHIC
    return TEXT


def misses(app: App[None], where: str, region: Region | None = None) -> list[Miss]:
    found = []
    for x, y, segment in cells(app):
        if region is not None and not region.contains(x, y):
            continue
        need = needed(app, x, y, segment.text, segment)
        if need is None:
            continue
        for system in (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT):
            fg, bg = colours(segment, system)
            r = ratio(fg, bg)
            if r < need:
                owner = app.screen.get_widget_at(x, y)[0]
                name = f"{where}/{type(owner).__name__}#{owner.id or ''}.{'.'.join(owner.classes)} ({system.name})"
                found.append(Miss(r, need, x, y, segment.text, Color.from_triplet(fg).name, Color.from_triplet(bg).name, name))
    return found


def summary(found: list[Miss]) -> list[str]:
    """One line per place and pair of colours, the worst first, with an example."""
    seen: dict[tuple[str, str, str], tuple[Miss, str]] = {}
    for m in found:
        key = (m.where, m.fg, m.bg)
        first, text = seen.get(key, (m, ""))
        seen[key] = (first, (text + m.char)[:30])
    return [f"{m} {text!r}" for m, text in sorted(seen.values(), key=lambda v: v[0].ratio)]


# --- the screens --------------------------------------------------------------------------


Steps = Callable[..., Awaitable[object]]


async def home(pilot) -> None:
    await shows(pilot, "Scenario", "Last", "about")  # the list and the details of its first row


async def briefing(pilot) -> None:
    await shows(pilot, "Start")


async def encounter(pilot) -> None:
    await start(pilot)
    await pilot.press("2")  # a poor choice: feedback, a tense client, the countdown
    await shows(pilot, "✗")


async def urgent(pilot) -> None:
    await start(pilot)
    pilot.app.clock.advance(16)
    pilot.app.screen.query_one(Countdown).tick()
    await shows(pilot, "0:04 left")


async def threatening(pilot) -> None:
    await start(pilot)
    await pilot.press("2")
    await shows(pilot, "Mood: threatening")


async def paused(pilot) -> None:
    await start(pilot)
    await pilot.press("p")
    await shows(pilot, "Paused.")


async def self_assessment(pilot) -> None:
    await start(pilot)
    await pilot.press("2", "1", "1", "enter", "4")
    await shows(pilot, "Show my debrief")


async def debrief(pilot) -> None:
    await start(pilot)
    await pilot.press("2", "1", "1", "enter", "4", "3", "5", *"kept calm", "ctrl+s")
    await shows(pilot, "Overall")


async def debrief_turns(pilot) -> None:
    await debrief(pilot)
    await pilot.press("t")
    await shows(pilot, "Turn 1")


async def history(pilot) -> None:
    from sim.content.library import load_library
    from tests.conftest import SAMPLE
    from tests.history_helpers import ALONE, GOOD, HELP, SHAMING, record

    lib = load_library([SAMPLE])
    for day, actions in enumerate((ALONE, SHAMING, HELP, GOOD), start=1):
        ratings = dict.fromkeys(("listen-acknowledge", "no-shaming", "call-help-early"), 4)
        record(lib, actions, trainee="Tess", started=f"2024-05-{day:02d}T10:00:00+00:00", ratings=ratings)
    await pilot.press("f3")
    await pilot.app.workers.wait_for_complete()
    await shows(pilot, "Sessions, newest first", "practice")


async def history_progress(pilot) -> None:
    await history(pilot)
    await pilot.press("t")
    await shows(pilot, "Progress per principle", "distance")


async def trainee_dialog(pilot) -> None:
    pilot.app.action_change_trainee()
    await shows(pilot, "Who is practising?")


async def too_small(pilot) -> None:
    await start(pilot)
    await pilot.resize_terminal(60, 20)
    await shows(pilot, "The window is 60×20")


TIMED_CALL = {"dirs": (TIMED,), "play": "timed-call"}
SAMPLE_PLAY = {"play": "sample"}
SCREENS: dict[str, tuple[dict[str, object], Steps]] = {
    "home": ({}, home),
    "briefing": (SAMPLE_PLAY, briefing),
    "encounter": (TIMED_CALL, encounter),
    "urgent": (TIMED_CALL, urgent),
    "threatening": (SAMPLE_PLAY, threatening),
    "paused": (TIMED_CALL, paused),
    "self-assessment": (SAMPLE_PLAY, self_assessment),
    "debrief": (SAMPLE_PLAY, debrief),
    "debrief-turns": (SAMPLE_PLAY, debrief_turns),
    "history": ({}, history),
    "history-progress": ({}, history_progress),
    "trainee-dialog": ({}, trainee_dialog),
    "too-small": (TIMED_CALL, too_small),
}


@pytest.mark.parametrize("theme", [DARK, LIGHT])
@pytest.mark.parametrize("screen", list(SCREENS))
async def test_every_character_is_readable(make_app, screen: str, theme: str) -> None:
    options, steps = SCREENS[screen]
    options = dict(options)
    dirs = options.pop("dirs", ())
    app = make_app(*dirs, **options)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = theme
        await steps(pilot)
        await pilot.pause()
        # A dialog is checked, not what shows dimmed behind it (inactive for as long as it is open).
        dialog = app.screen.query("#dialog")
        found = misses(app, screen, dialog.first().region if dialog else None)
    assert not found, "\n".join(summary(found))


@pytest.mark.parametrize("theme", [DARK, LIGHT])
async def test_every_text_colour_of_the_theme_reads_on_its_backgrounds(make_app, theme: str) -> None:
    """The colours a screen may use for text that the screens above do not all
    show (a warning, a success), on each of the theme's backgrounds."""
    app = make_app()
    async with app.run_test(size=SIZE):
        app.theme = theme
        v = app.get_css_variables()
    texts = ("text-primary", "text-accent", "text-warning", "text-error", "text-success")
    grounds = ("background", "surface", "panel")
    found = []
    for fg in texts:
        for bg in grounds:
            for system in (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT):
                pair = [Color.parse(v[name]).downgrade(system).get_truecolor() for name in (fg, bg)]
                if (r := ratio(*pair)) < TEXT:
                    found.append(f"${fg} {v[fg]} on ${bg} {v[bg]}: {r:.2f} ({system.name})")
    assert found == []
