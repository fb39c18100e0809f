"""The trainee's reflection after an encounter: its questions, kept by id so
a debrief or report shows them in the reader's language, and the aftercare
that follows a stressful ending or an answer that speaks of distress.

The same questions and the same reading of an answer serve the TUI, `--plain`
and the reports, so none of them can drift from the others.
"""

from __future__ import annotations

import re
import unicodedata

from sim.i18n import SUPPORTED, t
from sim.text import LocalText, clean, localize

# The questions, in the order they are asked (their words: `prompt.<id>` in sim/i18n.py).
PROMPTS = ("went_well", "differently", "feeling")

# Endings that end an encounter in a way that may shake the trainee, whatever
# the scenario says (it may mark others with `aftercare: true` on the node).
STRESSFUL_ENDINGS = frozenset({"escalated"})


def question(key: str, lang: str) -> str:
    """A reflection's question in `lang`. Sessions recorded before questions
    were kept by id stored the question's words: those are known again when
    they are a catalogue question in any language, and shown as they are if not."""
    if key in PROMPTS:
        return t(f"prompt.{key}", lang)
    for known in PROMPTS:
        if any(key == t(f"prompt.{known}", other) for other in SUPPORTED):
            return t(f"prompt.{known}", lang)
    return key


def answered(reflections: object) -> list[tuple[str, str]]:
    """(question id or old words, answer) of every answered reflection, in the
    order asked; anything that is not text is left out (a damaged record)."""
    if not isinstance(reflections, dict):
        return []
    pairs = [(str(q), a.strip()) for q, a in reflections.items() if isinstance(a, str) and a.strip()]
    order = {key: i for i, key in enumerate(PROMPTS)}
    return sorted(pairs, key=lambda pair: order.get(pair[0], len(PROMPTS)))


# Words (and the start of words, for Finnish endings) that say a trainee is
# shaken. Deliberately broad: a supportive word to someone who is fine costs
# little; none to someone who is not costs much. Matched on whole words or
# word starts, so "stressaava" and "tärisyttää" are found, "shakespeare" not.
_DISTRESS = {
    "en": (
        "shaking", "shaken", "shaky", "trembl", "scared", "afraid", "fear", "frighten", "terrif", "panic", "anxious", "anxiety",
        "stress", "upset", "awful", "horrible", "terrible", "crying", "tears", "sick", "nause",
        "overwhelm", "distress", "traumat", "heart racing", "heart is racing", "can't breathe", "cannot breathe",
        "unsafe", "threatened", "hurt", "numb", "exhausted", "drained", "not ok", "not okay",
    ),
    "fi": (
        "täris", "vapis", "pelot", "pelk", "pelä", "pelko", "kauhe", "kamala", "kamalal", "ahdist", "paniik",
        "stress", "hermostu", "järkyt", "itke", "itku", "paha olo", "pahaolo", "huono olo", "huonovointi",
        "sydän hakkaa", "sydän hakkas", "uuvu", "väsyn", "turta", "uhattu", "loukka", "ei hyvä", "ei ok",
        "ahistaa", "ahisti", "kurja", "surkea", "surullinen",
    ),
}
_DISTRESS_ALL = tuple(sorted({w for words in _DISTRESS.values() for w in words}, key=len, reverse=True))
_WORD_START = re.compile(r"(?<![\w])(" + "|".join(re.escape(w) for w in _DISTRESS_ALL) + r")", re.IGNORECASE)


def speaks_of_distress(text: str) -> bool:
    """Whether an answer says the trainee is shaken ("Tärisyttää", "I'm
    still shaking"), in English or Finnish."""
    folded = unicodedata.normalize("NFC", text).casefold().replace("’", "'")
    return _WORD_START.search(folded) is not None


def needs_aftercare(ending: str | None, marked: bool) -> bool:
    """Whether an ending is followed by the recovery step: one of
    STRESSFUL_ENDINGS, or an ending node the author marked."""
    return marked or ending in STRESSFUL_ENDINGS


def recovery_steps(lang: str) -> list[str]:
    """The recovery step's words, one paragraph each: a pause, breathing,
    grounding, and a reminder that it was an exercise."""
    return [t(f"aftercare.step.{n}", lang) for n in ("pause", "breathe", "ground", "exercise")]


def contact(aftercare: LocalText | None, lang: str) -> str:
    """Who to talk to: the organisation's words from the catalogue, else the simulator's."""
    if aftercare is None:
        return t("aftercare.contact", lang)
    return clean(localize(aftercare, lang))


def support(aftercare: LocalText | None, lang: str) -> str:
    """The answer to a reflection that speaks of distress."""
    return t("aftercare.support", lang, contact=contact(aftercare, lang))
