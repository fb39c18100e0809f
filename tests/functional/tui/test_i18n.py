"""The UI string catalogue: every key in English and Finnish, with the same
fields, and every key the TUI asks for exists."""

from __future__ import annotations

import re
import string

from sim.content.model import Channel, Ending
from sim.core.scoring import GRADES
from sim.i18n import STRINGS, SUPPORTED, t
from sim.tui.screens.self_assessment import PROMPTS
from sim.tui.widgets.client_card import BANDS
from tests.conftest import PACKAGE

TUI = PACKAGE / "tui"


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_is_in_every_language_with_the_same_fields():
    missing = [key for key, entry in STRINGS.items() if set(entry) != set(SUPPORTED)]
    empty = [key for key, entry in STRINGS.items() if not all(entry.get(lang, "x").strip() for lang in SUPPORTED)]
    mismatched = [key for key, entry in STRINGS.items() if len({frozenset(fields(text)) for text in entry.values()}) > 1]
    assert (missing, empty, mismatched) == ([], [], [])


def test_every_literal_key_in_the_tui_exists():
    used: set[str] = set()
    for path in TUI.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(\s*"([a-z_]+\.[a-z_.-]+)\"""", source))
        used |= set(re.findall(r"""\"((?:key|tip)\.[a-z_.]+)\"""", source))
    assert used, "the pattern found no keys: has the code changed shape?"
    assert sorted(used - set(STRINGS)) == []


def test_every_value_the_model_can_take_has_words():
    keys = [f"channel.{c.value}" for c in Channel]
    keys += [f"ending.{e.value}" for e in Ending]
    keys += [f"grade.{name}" for _, name in GRADES] + ["grade.not assessed"]
    keys += [f"difficulty.{d}" for d in ("easy", "medium", "hard")]
    keys += [f"band.{b}" for b in BANDS] + [f"mode.{m}" for m in ("practice", "assessment")]
    keys += [f"rating.{n}" for n in range(1, 6)] + [f"prompt.{p}" for p in PROMPTS]
    keys += [f"severity.{s}" for s in ("error", "warning")] + [f"briefing.mode.{m}" for m in ("practice", "assessment")]
    assert [k for k in keys if k not in STRINGS] == []


def test_t_fills_fields_and_falls_back_to_english():
    assert t("encounter.turn", "fi", turn=3) == "vuoro 3"
    assert t("encounter.turn", "sv", turn=3) == "turn 3"
