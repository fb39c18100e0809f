"""The client as the trainee perceives them: who they are, how tense and how
trusting they are right now, and their mood in words.

In assessment mode the card hides the meters and the mood: a rise or fall
after a choice would tell the trainee what the choice was worth before the
self-assessment. The client's words still show in the conversation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from sim.tui.widgets.meter import Meter

if TYPE_CHECKING:
    from sim.core.engine import Band

BANDS: tuple[Band, ...] = ("calm", "irritated", "angry", "threatening")  # sim.core.engine.Band
BAND_MARKS = {"calm": "○", "irritated": "◔", "angry": "◑", "threatening": "●"}


class ClientCard(Vertical):
    DEFAULT_CSS = """
    ClientCard {
        height: auto;
        & > #client-name { text-style: bold; }
        & > #client-meta { color: $text-muted; margin-bottom: 1; }
        & > Meter { margin-bottom: 1; }
        & > #mood { text-style: bold; }
        & > #hidden-state { color: $text-muted; }
        & > #mood.-irritated { color: $text-warning; }
        & > #mood.-angry { color: $text-warning; }
        & > #mood.-threatening { color: $background; background: $text-error; text-style: bold; }
        & > #tension.-angry > .meter--bar { color: $text-warning; }
        & > #tension.-threatening > .meter--bar { color: $text-error; }
        & > #trust > .meter--bar { color: $text-success; }
    }
    """

    def __init__(self, name: str, meta: str, labels: dict[str, str], *, hidden: str | None = None, id: str | None = None) -> None:
        """`hidden`: the note shown instead of the meters and the mood (assessment mode)."""
        super().__init__(name=name, id=id)
        self._client_name = name
        self._meta = meta
        # tension, trust, mood (with a {band} field) and one label per band
        self._labels = labels
        self._hidden = hidden

    def compose(self) -> ComposeResult:
        yield Static(Content(self._client_name), id="client-name")
        yield Static(Content(self._meta), id="client-meta")
        if self._hidden is not None:
            yield Static(Content(self._hidden), id="hidden-state")
            return
        yield Meter(self._labels["tension"], id="tension")
        yield Meter(self._labels["trust"], id="trust")
        yield Static(id="mood")

    def show(self, tension: int, trust: int, band: str, *, animate: bool = True) -> None:
        if self._hidden is not None:
            return
        tension_meter = self.query_one("#tension", Meter)
        mood = self.query_one("#mood", Static)
        for b in BANDS:
            tension_meter.set_class(b == band, f"-{b}")
            mood.set_class(b == band, f"-{b}")
        tension_meter.set_value(tension, animate=animate)
        self.query_one("#trust", Meter).set_value(trust, animate=animate)
        mood.update(Content(f"{BAND_MARKS.get(band, '')} {self._labels['mood'].format(band=self._labels[band])}"))
