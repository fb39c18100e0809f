"""Answering in one's own words: a typed reply, what the matcher understood it
as, and the option the trainee then took. Kept with the session (journal and
history) so a resumed session and a reopened debrief show the trainee's words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_REPLY = 2000  # characters: a reply is a few sentences; the rest is not kept


@dataclass(frozen=True, slots=True)
class Typed:
    text: str
    lang: str
    understood: str | None  # the option the matcher took it as; None: the trainee was asked back

    def corrected(self, chosen: str | None) -> bool:
        """The trainee took another option than the one understood (or none was understood)."""
        return self.understood is None or self.understood != chosen

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text[:MAX_REPLY], "lang": self.lang, "understood": self.understood}

    @classmethod
    def from_record(cls, data: object) -> Typed | None:
        """From a journal or history record, every value checked; anything else is no typed reply."""
        if not isinstance(data, dict):
            return None
        text, lang, understood = data.get("text"), data.get("lang"), data.get("understood")
        if not isinstance(text, str) or not isinstance(lang, str) or not (understood is None or isinstance(understood, str)):
            return None
        return cls(text[:MAX_REPLY], lang[:16], understood)
