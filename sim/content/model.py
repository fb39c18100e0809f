"""The typed model of authored content: principles, client personas and scenarios.

Pydantic checks the shape of every file (types, required keys, unknown keys)
and gives us the JSON Schema that editors use for completion. Cross-file
references and the graph are checked later, by the loader and the linter.
Every field carries a description: it becomes the completion help in editors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
LANG_RE = re.compile(r"^[a-z]{2,3}$")
VAR_RE = re.compile(r"^[a-z_][a-z0-9_]{0,31}$")

Identifier = Annotated[
    str,
    Field(pattern=ID_RE.pattern, description="An id: letters, digits, `-` and `_`, at most 64 characters."),
]
VarName = Annotated[
    str,
    Field(pattern=VAR_RE.pattern, description="A state variable: `tension`, `trust` or one declared under `variables`."),
]
Lang = Annotated[str, Field(pattern=LANG_RE.pattern, description="A language code such as `fi` or `en`.")]

MAX_TEXT = 4000
MAX_EXAMPLE = 500

_TEXT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "maxLength": MAX_TEXT},
        {
            "type": "object",
            "propertyNames": {"pattern": LANG_RE.pattern},
            "additionalProperties": {"type": "string", "maxLength": MAX_TEXT},
            "minProperties": 1,
        },
    ],
    "description": "Text: a plain string in the scenario's `language`, or one per language: `{fi: …, en: …}`.",
}


def _check_text(value: Any) -> str | dict[str, str]:
    # One custom check instead of a pydantic union: a union reports one error
    # per member, which reads as noise to an instructor.
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise PydanticCustomError("text_too_long", f"text is longer than {MAX_TEXT} characters")
        return value
    if isinstance(value, Mapping):
        if not value:
            raise PydanticCustomError("text_empty", "empty text mapping: give at least one language, like {fi: …, en: …}")
        out: dict[str, str] = {}
        for key, text in value.items():
            if isinstance(key, bool):
                raise PydanticCustomError(
                    "text_lang",
                    "a language code was read as true/false (YAML reads `no`, `yes`, `on` and `off` that way): put it in quotes, like \"no\"",
                )
            if not isinstance(key, str) or not LANG_RE.match(key):
                if isinstance(key, str) and " " in key.strip():
                    raise PydanticCustomError(
                        "text_lang",
                        "`{key}` is not a language code: a comma inside `{…}` starts a new entry, so put texts with commas in quotes",
                        {"key": key},
                    )
                raise PydanticCustomError(
                    "text_lang", "`{key}` is not a language code (use two or three lowercase letters, like `fi`)", {"key": key}
                )
            if not isinstance(text, str):
                raise PydanticCustomError("text_value", "the `{key}` text must be a string", {"key": key})
            if len(text) > MAX_TEXT:
                raise PydanticCustomError("text_too_long", f"text is longer than {MAX_TEXT} characters")
            out[key] = text
        return out
    if isinstance(value, (bool, int, float, date)):
        # YAML read the words as something else: say what, and how to keep them text.
        what = "a date" if isinstance(value, date) else "true/false" if isinstance(value, bool) else "a number"
        raise PydanticCustomError(
            "text_type",
            "expected text, but YAML read {value} as {what}: put it in quotes, like \"{value}\"",
            {"value": str(value).lower() if isinstance(value, bool) else str(value), "what": what},
        )
    raise PydanticCustomError(
        "text_type", "expected text: a string, or one string per language like {fi: …, en: …}"
    )


LocalText = Annotated[str | dict[str, str], PlainValidator(_check_text), WithJsonSchema(_TEXT_SCHEMA)]


Delta = Annotated[int, Field(ge=-5, le=5)]
Effect = Annotated[int, Field(ge=-100, le=100)]


class Channel(StrEnum):
    """The service channel the encounter happens in."""

    desk = "desk"
    phone = "phone"
    chat = "chat"
    email = "email"


class Ending(StrEnum):
    """How an encounter ended. The first three count as a success."""

    resolved = "resolved"
    next_step = "next-step"
    help_called = "help-called"
    client_left = "client-left"
    unresolved = "unresolved"
    escalated = "escalated"

    @property
    def success(self) -> bool:
        return self in (Ending.resolved, Ending.next_step, Ending.help_called)


# Strict mode would demand enum instances; authored YAML gives their values.
ChannelName = Annotated[Channel, Field(strict=False)]
EndingName = Annotated[Ending, Field(strict=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- lines of a node --------------------------------------------------------


class Said(_Strict):
    """A line said by one of the scenario's `speakers` instead of the client."""

    speaker: Identifier = Field(description="The id of a speaker declared under the scenario's `speakers:`.")
    say: LocalText = Field(description="What the speaker says.")


def _variant_shorthand(value: Any) -> Any:
    # A variant is a text, or a mapping with `say` (and `when`): `say` is no
    # language code, so a mapping with it is never a text.
    return value if isinstance(value, Mapping) and ("say" in value or "when" in value) else {"say": value}


class Variant(_Strict):
    """One way of saying a line: picked when its condition holds and the trainee has heard it least lately."""

    say: LocalText = Field(description="The words of this variant.")
    when: str | None = Field(
        None, max_length=500, description="Condition under which this variant may be said, e.g. `told_to_calm` or `visited(apology)`."
    )


_VARIANT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        _TEXT_SCHEMA,
        {
            "type": "object",
            "properties": {
                "say": _TEXT_SCHEMA,
                "when": {"type": "string", "maxLength": 500, "description": "Condition under which this variant may be said."},
            },
            "required": ["say"],
            "additionalProperties": False,
        },
    ],
    "description": "A variant: a text, or `{say: TEXT, when: CONDITION}`.",
}

VariantItem = Annotated[Variant, BeforeValidator(_variant_shorthand), WithJsonSchema(_VARIANT_SCHEMA)]


class Varied(_Strict):
    """A line said in one of several ways: `{variants: [...]}`, with an optional `speaker`."""

    variants: tuple[VariantItem, ...] = Field(
        min_length=1, max_length=50, strict=False, description="The ways of saying the line; one of those whose condition holds is picked."
    )
    speaker: Identifier | None = Field(
        None, description="The id of a speaker declared under `speakers:`; leave it out for the client's own line."
    )


# Tags of the three forms of a line: the loader drops them from error paths.
LINE_TAGS = ("text-line", "speaker-line", "varied-line")


def _line_kind(value: Any) -> str:
    # `say`, `speaker` and `variants` are not language codes a text would use: a
    # mapping with one of them is a speaker's or a varied line (and is told what
    # it lacks if not complete).
    if isinstance(value, Varied) or (isinstance(value, Mapping) and "variants" in value):
        return "varied-line"
    if isinstance(value, Said) or (isinstance(value, Mapping) and ("speaker" in value or "say" in value)):
        return "speaker-line"
    return "text-line"


def _as_lines(value: Any) -> Any:
    if isinstance(value, list):
        if not value:
            raise PydanticCustomError("lines_empty", "empty list of lines")
        return value
    return [value]


def _dump_lines(lines: tuple[Any, ...]) -> list[Any]:
    return [_dump_varied(line) if isinstance(line, Varied) else line.model_dump(mode="json") if isinstance(line, Said) else line for line in lines]


def _dump_varied(value: Any) -> Any:
    # Without the unset speaker: a scenario's hash is what its author wrote.
    if isinstance(value, Varied):
        return {k: v for k, v in value.model_dump(mode="json").items() if v is not None}
    return value


LineItem = Annotated[
    Annotated[LocalText, Tag("text-line")] | Annotated[Said, Tag("speaker-line")] | Annotated[Varied, Tag("varied-line")],
    Discriminator(_line_kind),
]

_VARIED_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "variants": {"type": "array", "items": _VARIANT_SCHEMA, "minItems": 1, "maxItems": 50},
        "speaker": {"type": "string", "pattern": ID_RE.pattern, "description": "The id of a speaker declared under `speakers:`."},
    },
    "required": ["variants"],
    "additionalProperties": False,
    "description": "A line said in one of several ways: `{variants: [TEXT, {say: TEXT, when: CONDITION}, …]}`.",
}


def _narration_kind(value: Any) -> str:
    return "varied-line" if isinstance(value, Varied) or (isinstance(value, Mapping) and "variants" in value) else "text-line"


Narration = Annotated[
    Annotated[LocalText, Tag("text-line")] | Annotated[Varied, Tag("varied-line")],
    Discriminator(_narration_kind),
    PlainSerializer(_dump_varied),
    WithJsonSchema({"anyOf": [_TEXT_SCHEMA, _VARIED_SCHEMA], "description": "Narration: a text, or `{variants: [...]}`."}),
]

_SAID_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "speaker": {"type": "string", "pattern": ID_RE.pattern, "description": "The id of a speaker declared under `speakers:`."},
        "say": _TEXT_SCHEMA,
    },
    "required": ["speaker", "say"],
    "additionalProperties": False,
    "description": "A line said by one of the scenario's `speakers`: `{speaker: ID, say: TEXT}`.",
}

Lines = Annotated[
    tuple[LineItem, ...],
    BeforeValidator(_as_lines),
    Field(strict=False),
    PlainSerializer(_dump_lines),
    WithJsonSchema(
        {
            "anyOf": [
                _TEXT_SCHEMA,
                _SAID_SCHEMA,
                _VARIED_SCHEMA,
                {"type": "array", "items": {"anyOf": [_TEXT_SCHEMA, _SAID_SCHEMA, _VARIED_SCHEMA]}, "minItems": 1},
            ],
            "description": "One line, or a list of lines said one after another. A line is a text (the client's), "
            "`{speaker: ID, say: TEXT}` for one of the scenario's `speakers`, or `{variants: [...]}` for a line said "
            "in one of several ways.",
        }
    ),
]


# --- principle catalogue ---------------------------------------------------


class Principle(_Strict):
    """One principle of the scoring rubric: what it means and what good and bad look like."""

    name: LocalText = Field(description="Short name shown in the debrief.")
    description: LocalText = Field(description="What the principle means, in a sentence or two.")
    good: list[LocalText] = Field(default_factory=list, description="Observable good behaviours (examples).")
    bad: list[LocalText] = Field(default_factory=list, description="Observable bad behaviours (examples).")
    sources: list[str] = Field(
        default_factory=list, description="Where the principle comes from, for authors (source documents, literature)."
    )
    basis: LocalText | None = Field(
        None, description="Where the principle comes from, in words a trainee understands; shown in the debrief on request."
    )
    critical: bool = Field(
        False,
        description="A choice that lowers a critical principle is a critical miss, which caps the overall grade.",
    )


Score100 = Annotated[int, Field(ge=0, le=100)]


class Assessment(_Strict):
    """How an encounter is graded: what passing takes, and how good a score each
    ending allows. Unset keys fall back to the catalogue's, then to the defaults
    (pass 70, critical 50; escalated and client-left at most 49, unresolved at most 69)."""

    pass_score: Score100 | None = Field(None, alias="pass", description="The overall score needed to pass, 0–100.")
    critical: Score100 | None = Field(
        None, description="The score each critical principle needs, where the encounter tested it, to pass, 0–100."
    )
    endings: dict[EndingName, Score100] = Field(
        default_factory=dict, description="The highest overall score an ending of each kind allows, e.g. `{client-left: 49}`."
    )


class Catalogue(_Strict):
    """The principle catalogue (principles.yaml): the rubric every scenario is scored against."""

    principles: dict[Identifier, Principle] = Field(description="The principles, keyed by id.")
    assessment: Assessment | None = Field(None, description="How every scenario of this library is graded, unless it says otherwise.")
    aftercare: LocalText | None = Field(
        None,
        description="Who a trainee can talk to after a stressful encounter, in the organisation's own words (shown in the recovery step).",
    )


# --- client personas ------------------------------------------------------


class Profile(_Strict):
    """A client persona (a file in profiles/): start state and how the client reacts."""

    id: Identifier = Field(description="The id scenarios use in `profile:`.")
    name: LocalText = Field(description="The persona's name or label, shown in the briefing.")
    description: LocalText = Field(description="A short description for the briefing.")
    language: Lang = Field("en", description="Language of plain-string texts in this file.")
    tension: int = Field(ge=0, le=100, description="Start tension, 0 (calm) to 100 (crisis).")
    trust: int = Field(ge=0, le=100, description="Start trust in the service, 0 to 100.")
    baseline: int | None = Field(
        None, ge=0, le=100, description="Tension the client calms towards; defaults to the start tension."
    )
    volatility: float = Field(
        1.0, ge=0.1, le=3.0, description="Multiplier on every rise in tension: 1.5 reacts half again as strongly."
    )
    recovery: int = Field(
        5, ge=0, le=50, description="Tension points the client calms by, towards the baseline, after a turn that did not provoke."
    )
    threat_threshold: int = Field(
        75, ge=1, le=100, description="Tension at which the client is a threat: calling for help becomes the right move."
    )
    moods: dict[Literal["calm", "irritated", "angry", "threatening"], LocalText] = Field(
        default_factory=dict,
        description="This client's mood in words for each band of tension, where the general words do not fit "
        "(a worried parent is “worried”, not “irritated”).",
    )
    expectations: dict[ChannelName, LocalText] = Field(
        default_factory=dict, description="What this client expects of each service channel."
    )

    @property
    def calm_baseline(self) -> int:
        return self.tension if self.baseline is None else self.baseline


# --- scenarios --------------------------------------------------------------


class Route(_Strict):
    """One entry of a conditional `next`: go `to` the node when the condition holds."""

    when: str | None = Field(
        None,
        max_length=500,
        description="Condition, read after the move's effects, e.g. `tension >= 75`; leave it out on the last entry (the default).",
    )
    to: Identifier = Field(description="The node the dialogue goes to when the condition holds.")


def _next_kind(value: Any) -> str:
    return "route-list" if isinstance(value, (list, tuple)) else "node-id"


# Tags of the two forms of `next`: the loader drops them from error paths.
NEXT_TAGS = ("node-id", "route-list")

Next = Annotated[
    Annotated[Identifier, Tag("node-id")]
    | Annotated[tuple[Route, ...], Field(strict=False, min_length=1), Tag("route-list")],
    Discriminator(_next_kind),
]
NEXT_HELP = (
    "The node the dialogue goes to, or a list of `{when: CONDITION, to: NODE}` entries ending with a default `{to: NODE}`: "
    "the first entry whose condition holds is taken."
)


def routes(nxt: str | tuple[Route, ...]) -> tuple[Route, ...]:
    """A `next` as its list of entries (a plain node id is one default entry)."""
    return _default_route(nxt) if isinstance(nxt, str) else nxt


@lru_cache(maxsize=65536)
def _default_route(to: str) -> tuple[Route, ...]:
    # Routes are frozen: one per node id serves every move (the engine asks on each).
    return (Route(when=None, to=to),)


def targets(nxt: str | tuple[Route, ...]) -> tuple[str, ...]:
    """Every node a `next` may lead to, in authored order, each once."""
    return (nxt,) if isinstance(nxt, str) else tuple(dict.fromkeys(r.to for r in nxt))


class Outcome(_Strict):
    """What happens after an action: where the dialogue goes and what it changes."""

    next: Next = Field(description=NEXT_HELP)
    effects: dict[VarName, Effect] = Field(
        default_factory=dict, description="Changes to state variables, e.g. `{tension: -10, trust: +5}`."
    )
    principles: dict[Identifier, Delta] = Field(
        default_factory=dict, description="Principle deltas from -5 to +5, e.g. `{no-shaming: -2}`."
    )
    feedback: LocalText | None = Field(None, description="Why this was a good or poor move, naming the principle.")
    set: dict[VarName, bool | int] = Field(
        default_factory=dict,
        description="Variables set to a value, after `effects`: a flag to true or false (`{told_to_calm: true}`), a number to that number.",
    )


class Choice(Outcome):
    """One option the trainee can take at a node."""

    id: Identifier | None = Field(
        None, description="A stable id for tests and journals; derived from the node id and text when left out."
    )
    say: LocalText = Field(description="What the trainee says or does.")
    when: str | None = Field(
        None, max_length=500, description="Condition under which the choice is offered, e.g. `tension < 60`."
    )
    examples: dict[Lang, Annotated[list[Annotated[str, Field(min_length=1, max_length=MAX_EXAMPLE)]], Field(max_length=50)]] = Field(
        default_factory=dict,
        description="Other ways a trainee might say this in their own words, per language: `{fi: [...], en: [...]}`. "
        "Typed answers are matched to the option they mean; `say` always counts as one.",
    )


class Help(_Strict):
    """The always-available call for help: where it leads and what it changes."""

    next: Next = Field(description="The node the call for help leads to (or a conditional list, as for a choice).")
    say: LocalText | None = Field(None, description="What the trainee does, e.g. presses the alarm button.")
    effects: dict[VarName, Effect] = Field(default_factory=dict, description="Changes to state variables.")
    principles: dict[Identifier, Delta] = Field(
        default_factory=dict,
        description="Principle deltas of a call for help while the client is calm (neither a threat nor becoming one); "
        "at a node with an option into the help node, the key is judged as that option instead.",
    )
    feedback: LocalText | None = Field(None, description="Feedback shown after calling for help.")
    set: dict[VarName, bool | int] = Field(default_factory=dict, description="Variables set to a value, as for a choice.")
    label: LocalText | None = Field(
        None, description="The help key's short label in the footer, e.g. `{fi: Pyydä esihenkilö, en: Ask the team leader}`."
    )
    return_: bool = Field(
        False,
        alias="return",
        description="After the help node's lines, come back to the node where help was called (the help node then has lines only).",
    )


def _help_shorthand(value: Any) -> Any:
    return {"next": value} if isinstance(value, str) else value


class Node(_Strict):
    """One moment of the conversation: what the client says and the trainee's options, or an ending."""

    client: Lines | None = Field(
        None,
        description="What the client says (one text or a list); a line `{speaker: ID, say: …}` is said by one of the scenario's `speakers`.",
    )
    gloss: LocalText | None = Field(
        None, description="What the trainee understands of the client's words (for a language barrier)."
    )
    narration: Narration | None = Field(
        None, description="What happens, shown in italics: a text, or `{variants: [...]}` for several ways of telling it."
    )
    choices: list[Choice] = Field(default_factory=list, description="The trainee's options, in authored order.")
    time_limit: int | None = Field(None, ge=1, le=600, description="Seconds the trainee has to answer.")
    timeout: Outcome | None = Field(None, description="What happens when the time limit runs out.")
    end: EndingName | None = Field(None, description="Makes this node an ending of the given kind.")
    aftercare: bool = Field(
        False,
        description="On an ending: it may shake the trainee, so the debrief begins with a recovery step (always so after `escalated`).",
    )
    next: Next | None = Field(
        None,
        description="Makes this node a narration step with no choices: its lines are shown and the dialogue moves on here "
        "at once (a node id, or a conditional list as for a choice).",
    )

    @property
    def is_step(self) -> bool:
        """A narration step: shown, then left at once for `next`, without a turn."""
        return self.next is not None and self.end is None and not self.choices and self.timeout is None

    def exits(self) -> list[str | tuple[Route, ...]]:
        """The `next` of every way out of this node except the call for help."""
        out: list[str | tuple[Route, ...]] = [c.next for c in self.choices]
        if self.timeout is not None:
            out.append(self.timeout.next)
        if self.next is not None:
            out.append(self.next)
        return out


class Speaker(_Strict):
    """Someone besides the client who speaks in the scenario, e.g. a team leader who comes when help is called."""

    name: LocalText = Field(description="The name shown before the speaker's lines, e.g. `{fi: Tiimivastaava, en: Team leader}`.")
    role: LocalText | None = Field(None, description="Who the speaker is, in a few words: a note for authors, not shown to the trainee.")


class Variable(_Strict):
    """An extra state variable for conditions, e.g. `understanding`; one that starts `true` or `false` is a flag."""

    start: bool | int = Field(description="Start value: a number, or `true`/`false` for a flag that `set:` turns on or off.")
    min: int = Field(0, description="Lowest value; changes are clamped to it.")
    max: int = Field(100, description="Highest value; changes are clamped to it.")

    @property
    def flag(self) -> bool:
        return isinstance(self.start, bool)


class Scenario(_Strict):
    """A scenario file: a branching dialogue for one difficult encounter."""

    id: Identifier = Field(description="A unique id for the scenario.")
    title: LocalText = Field(description="Title shown in the scenario list.")
    channel: ChannelName = Field(description="Service channel: desk, phone, chat or email.")
    profile: Identifier = Field(description="The id of the client persona (a file in profiles/).")
    language: Lang = Field("en", description="Language of plain-string texts in this file.")
    difficulty: Literal["easy", "medium", "hard"] = Field("medium", description="easy, medium or hard.")
    minutes: int | None = Field(None, ge=1, le=240, description="Estimated minutes to play.")
    content_warning: LocalText | None = Field(None, description="Shown before the briefing of an intense scenario.")
    subject: LocalText | None = Field(None, description="For the email channel: the subject line of the client's message.")
    briefing: LocalText = Field(description="The situation, as the trainee learns it before starting.")
    goals: list[Identifier] = Field(min_length=1, description="The principles this scenario practises and scores.")
    start: Identifier = Field(description="The first node.")
    help: Annotated[Help, BeforeValidator(_help_shorthand, json_schema_input_type=str | Help)] = Field(
        description="Where the always-available call for help leads: a node id, or a mapping with `next`."
    )
    threat_turns: int = Field(
        1,
        ge=1,
        le=10,
        description="Turns a trainee may carry on alone while the client is a threat before it is a critical miss.",
    )
    shuffle: bool = Field(True, description="Show the choices in a seeded random order.")
    variables: dict[VarName, Variable] = Field(
        default_factory=dict, description="Extra state variables besides tension and trust, e.g. `understanding`."
    )
    speakers: dict[Identifier, Speaker] = Field(
        default_factory=dict,
        description="People besides the client who speak, keyed by id; a node's line `{speaker: ID, say: …}` is theirs.",
    )
    nodes: dict[Identifier, Node] = Field(min_length=1, description="The dialogue nodes, keyed by id.")
    assessment: Assessment | None = Field(None, description="How this scenario is graded, where it differs from the catalogue.")

    _content_hash: str = PrivateAttr(default="")
    # The catalogue's grading, set by the library that loads the scenario.
    _library_assessment: Assessment | None = PrivateAttr(default=None)
    _library_aftercare: LocalText | None = PrivateAttr(default=None)

    @property
    def library_aftercare(self) -> LocalText | None:
        """Who to talk to after a stressful encounter: from the catalogue of the scenario's folder, else the built-in one."""
        return self._library_aftercare

    @property
    def library_assessment(self) -> Assessment | None:
        return self._library_assessment

    @model_validator(mode="after")
    def _derive_choice_ids(self) -> Scenario:
        for node_id, node in self.nodes.items():
            taken: set[str] = {c.id for c in node.choices if c.id}
            counters: dict[str, int] = {}
            for choice in node.choices:
                if choice.id is None:
                    cid = derive_choice_id(node_id, choice.say, self.language, taken, counters)
                    taken.add(cid)
                    # Frozen models: filling a derived default once, while the
                    # model is being built, is the one place we write.
                    object.__setattr__(choice, "id", cid)
        return self

    @property
    def content_hash(self) -> str:
        """A hash of what the scenario means (not how it is formatted): the
        version a journal or a history entry was played on. Worked out on
        first use; dumping a large scenario takes a while that `validate`
        and `analyze` do not need to spend."""
        if not self._content_hash:
            import hashlib
            import json

            data = self.model_dump(mode="json")
            # Keys added to the format after journals existed are hashed only
            # where used: a scenario that does not use them keeps its hash, so
            # its old journals and history still match.
            _drop_unused(data, ("speakers", "subject"))
            _drop_unused(data["help"], ("set", "label", "return_"))
            for node in data["nodes"].values():
                _drop_unused(node, ("next",))
                for outcome in [*node["choices"], node["timeout"] or {}]:
                    _drop_unused(outcome, ("set",))
                    # Ways of saying an option change how typed answers are matched, never a
                    # session's path: adding them must not stop a journal from resuming.
                    outcome.pop("examples", None)
            blob = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            self._content_hash = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
        return self._content_hash

    def speaker_name(self, who: str | None) -> LocalText | None:
        """The name of the speaker of a line (`Line.who`); None for the client's own lines."""
        speaker = self.speakers.get(who) if who is not None else None
        return None if speaker is None else speaker.name

    def speaker_ids(self) -> list[str]:
        """The speaker id of every line said by someone other than the client, in authored order."""
        return [
            line.speaker for node in self.nodes.values() for line in node.client or () if isinstance(line, (Said, Varied)) and line.speaker is not None
        ]

    def conditions(self) -> list[str]:
        """Every condition text of the scenario: of choices and of conditional `next` entries."""
        out: list[str] = []
        for node in self.nodes.values():
            out += [c.when for c in node.choices if c.when is not None]
            for nxt in node.exits():
                out += [r.when for r in routes(nxt) if r.when is not None]
        out += [r.when for r in routes(self.help.next) if r.when is not None]
        return out

    def ranges(self) -> dict[str, tuple[int, int]]:
        """Inclusive value range of every state variable."""
        out = {"tension": (0, 100), "trust": (0, 100), "turn": (0, 10_000)}
        for name, var in self.variables.items():
            out[name] = (0, 1) if var.flag else (var.min, var.max)
        return out

    def flags(self) -> set[str]:
        """The variables that are flags (true or false)."""
        return {name for name, var in self.variables.items() if var.flag}


def _drop_unused(data: dict[str, Any], keys: tuple[str, ...]) -> None:
    for key in keys:
        if key in data and data[key] in (None, False, {}):
            del data[key]


def first_words(line: str | Mapping[str, str] | Said | Varied | None) -> str | Mapping[str, str] | None:
    """The words of a line as an excerpt shows them: a varied line by its first variant."""
    if isinstance(line, Said):
        return line.say
    if isinstance(line, Varied):
        return line.variants[0].say
    return line


_SLUG_RE = re.compile(r"[^\w]+", re.UNICODE)


def derive_choice_id(
    node_id: str, say: str | Mapping[str, str], language: str, taken: set[str], counters: dict[str, int] | None = None
) -> str:
    """`node/first-words-of-the-text`: stable while the text is, readable in journals.
    `counters` remembers the next number to try for each base, so a node of
    thousands of alike texts gets its ids in linear time, not quadratic."""
    text = say if isinstance(say, str) else (say.get(language) or say.get("en") or next(iter(say.values()), ""))
    words = [w for w in _SLUG_RE.split(text.lower()) if w][:4]
    slug = "-".join(words)[:40].strip("-_") or "choice"
    base = f"{node_id}/{slug}"
    n = 2 if counters is None else counters.get(base, 2)
    cid = base if n == 2 else f"{base}-{n}"
    while cid in taken:
        cid, n = f"{base}-{n}", n + 1
    if counters is not None:
        counters[base] = n
    return cid

