"""The shapes a journal's lines may have, checked strictly before anything
downstream (the history, a report, an xAPI export) sees a value.

A journal is untrusted: it sits in a folder anyone on the machine may have
edited, and a disk may have damaged it. Kept apart from sim.session.journal so
that opening the history does not load pydantic until a journal is read.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sim.core.self_rating import self_score
from sim.session.journal import FORMAT

_Id = Annotated[str, Field(max_length=500)]
_Text = Annotated[str, Field(max_length=20_000)]
_Count = Annotated[int, Field(ge=0, le=2**53)]


class Record(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class Header(Record):
    v: _Count = FORMAT
    session: _Id
    scenario: _Id = ""
    path: Annotated[str, Field(max_length=4096)] = ""
    hash: _Id = ""
    seed: _Count = 0
    mode: _Id = "practice"
    lang: _Id = "en"
    trainee: _Id = ""
    started: _Id = ""
    limits: Literal["normal", "double", "off"] = "normal"
    words: bool = False  # the trainee answers in their own words
    # The variants the trainee had heard when the session began (sim.core.engine.Session.heard).
    heard: Annotated[dict[_Id, Annotated[list[Annotated[int, Field(ge=0, le=49)]], Field(max_length=50)]], Field(max_length=10_000)] = {}


class Typed(Record):
    """A reply the trainee typed in their own words, and what the matcher understood it as."""

    text: Annotated[str, Field(max_length=2000)]
    lang: _Id = "en"
    understood: _Id | None = None  # None: asked back


class Action(Record):
    turn: Annotated[int, Field(ge=1, le=1_000_000)]
    action: _Id
    node: _Id | None = None
    next: _Id | None = None
    ms: _Count | None = None
    typed: Typed | None = None


class SelfAssessment(Record):
    # A rating outside 1–5 (or `true`) is no rating, as sim.core.self_rating
    # reads it; it does not make the whole end of the session unreadable.
    ratings: dict[_Id, Annotated[int, Field(ge=1, le=5)] | None] = {}
    reflections: dict[_Text, _Text] = {}

    @field_validator("ratings", mode="before")
    @classmethod
    def _no_rating_for_odd_values(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: v if self_score(v) is not None else None for k, v in value.items()}
        return value


class End(Record):
    end: _Id
    self: SelfAssessment | None = None
    overall: Annotated[int, Field(ge=0, le=100)] | None = None
    at: _Id | None = None


class Abandoned(Record):
    abandoned: Literal[True]
    at: _Id | None = None


