"""The simulator's own words for a judgement: what the trainee did, what
would have been better, how a self-rating compares with the score.

The debrief, `--plain` and the reports all say these things; they call these
functions, so the wording (and the rule behind it) cannot drift between them.
Authored text comes in already rendered and cleaned by the caller, who knows
whether it goes to one plain line, a table cell or Markdown.
"""

from __future__ import annotations

from sim.core.scoring import Score
from sim.core.self_rating import SelfCheck
from sim.i18n import t


def did(action: str, said: str | None, lang: str) -> str:
    """A turn's action in words: what was said, help called, or time run out."""
    if action == "timeout":
        return t("turn.timeout", lang)
    if action == "help":
        return t("turn.help", lang) + (f": {said}" if said else "")
    return said or ""


def alternative(action: str, said: str | None, lang: str) -> str:
    """An option that was open, in words (an option without words is the time limit's)."""
    if action == "help" or said is None:
        return did("help" if action == "help" else "timeout", said, lang)
    return said


def outcome(result: Score, lang: str) -> tuple[str, str]:
    """How the encounter ended, and whether that counts as a success, in words."""
    ending = result.ending
    ending_text = t(f"ending.{ending.value}", lang) if ending else t("debrief.unfinished", lang)
    if result.success:
        success = t("debrief.success", lang)
    elif ending is not None and ending.success:
        success = t("debrief.success_but_miss", lang)
    else:
        success = t("debrief.not_success", lang)
    return ending_text, success


def gap(check: SelfCheck, lang: str) -> str:
    """"+15 over" / "±0 calibrated" / "—" for one principle."""
    if check.gap is None:
        return "—"
    shown = f"{check.gap:+d}" if check.gap else "±0"
    return t(f"gap.{check.calibration}", lang, gap=shown)
