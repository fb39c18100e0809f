"""One encounter as the trainee plays it: the engine session, the journal that
lets it survive a crash, and the language and mode it is shown in.

Every action goes through `Play.act`, which writes the journal line before
returning, so the screen cannot show the next node of a turn that is not on
disk yet. A finished play is recorded in the history by `record_history`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.content.library import Library, LoadedScenario
from sim.content.model import Scenario, Varied
from sim.core.engine import Band, Session, Turn
from sim.core.scoring import Score, Tone, feedback_tone, score
from sim.errors import UserError
from sim.i18n import t
from sim.paths import data_dir
from sim.session import reflection
from sim.session.journal import Journal, JournalError, JournalInfo, new_seed
from sim.session.own_words import Typed
from sim.session.settings import default_trainee
from sim.text import LocalText, clean, localize

if TYPE_CHECKING:
    from sim.core.matching import Match
    from sim.session.history import SessionRecord
    from sim.session.rebuild import Rebuilt

MODES = ("practice", "assessment")


def default_report_path(session_id: str) -> Path:
    """Where the debrief offers to save a session's report."""
    return data_dir() / "reports" / f"{session_id}.md"


def _now() -> datetime:
    return datetime.now(UTC)


def _parse_time(iso: str) -> datetime:
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        return _now()


def _heard(trainee: str, scenario: Scenario) -> dict[str, tuple[int, ...]]:
    """The variants this trainee has heard in the scenario, so the client says
    the others first. Only the choice of words hangs on it: a history that cannot
    be read (it is said elsewhere) means nothing heard, and practice goes on."""
    if not any(isinstance(line, Varied) for node in scenario.nodes.values() for line in (*(node.client or ()), node.narration)):
        return {}
    from sim.session import history

    try:
        return history.heard(trainee=trainee or default_trainee(), scenario=scenario.id)
    except UserError:
        return {}


def timed_note(scenario: Scenario, setting: str, lang: str, *, plain: bool = False) -> str | None:
    """What the briefing says about timed turns, by the trainee's time-limit
    setting; None if no turn of the scenario is timed. `plain`: for `--plain`,
    where the limit is printed above each timed turn's options."""
    limits = [node.time_limit for node in scenario.nodes.values() if node.time_limit]
    if not limits:
        return None
    if setting == "off":
        return t("briefing.timed.off", lang)
    most = max(limits) * (2 if setting == "double" else 1)
    key = "briefing.timed.plain" if plain else "briefing.timed"
    note = t(key, lang, seconds=most)
    return note + " " + t("briefing.timed.doubled", lang) if setting == "double" else note


@dataclass
class Play:
    loaded: LoadedScenario
    library: Library
    session: Session
    mode: str = "practice"
    lang: str = "en"
    journal: Journal | None = None
    # A what-if branch: the play it branches from and the turn it replays from.
    parent: Play | None = None
    branch_turn: int | None = None
    self_assessment: dict[str, Any] | None = None
    session_id: str = ""
    trainee: str = ""
    started: datetime = field(default_factory=_now)
    ended: datetime | None = None
    # Per turn: milliseconds the trainee took (None where it was not measured).
    durations_ms: list[int | None] = field(default_factory=list)
    # The trainee's accessibility setting: time limits as written, doubled, or off.
    time_limits: str = "normal"
    # The trainee answers in their own words: typed, matched, confirmed (sim.core.matching).
    own_words: bool = False
    # Per turn number: the reply the trainee typed for it.
    typed: dict[int, Typed] = field(default_factory=dict)
    # A debrief re-opened from the history: the stored session it shows.
    record: SessionRecord | None = None
    # An authoring preview (`sim play --watch`): never journalled or recorded.
    preview: bool = False
    # Why the journal stopped (None while it is written): the screen says so once.
    journal_error: JournalError | None = field(default=None, init=False)
    # The journal holds the whole session, its end included: the history can
    # always be brought up to date from it, whatever happens to the database.
    journal_whole: bool = field(default=False, init=False)

    # --- starting ----------------------------------------------------------

    @classmethod
    def start(
        cls,
        library: Library,
        loaded: LoadedScenario,
        *,
        mode: str,
        lang: str,
        seed: int | None = None,
        trainee: str = "",
        journalled: bool = True,
        time_limits: str = "normal",
        own_words: bool = False,
    ) -> Play:
        """A new session; `journalled=False` for an authoring preview, which
        must leave no journal to resume and nothing in the history."""
        scenario = loaded.scenario
        seed = new_seed() if seed is None else seed
        heard = _heard(trainee, scenario) if journalled else {}
        session = Session(scenario, library.profile_for(scenario), seed, library.critical_principles, heard)
        if not journalled:
            return cls(loaded, library, session, mode, lang, trainee=trainee, preview=True, time_limits=time_limits, own_words=own_words)
        try:
            journal = Journal.start(
                scenario_id=scenario.id,
                # Absolute: a resume may start from another working directory.
                scenario_path=str(loaded.path.resolve()),
                content_hash=scenario.content_hash,
                seed=seed,
                mode=mode,
                lang=lang,
                trainee=trainee,
                time_limits=time_limits,
                heard=heard,
                own_words=own_words,
            )
        except JournalError as exc:
            # Practising matters more than the journal: play on, and say it is not saved.
            play = cls(loaded, library, session, mode, lang, trainee=trainee, time_limits=time_limits, own_words=own_words)
            play.journal_error = exc
            return play
        return cls(
            loaded, library, session, mode, lang, journal,
            session_id=journal.session_id, trainee=trainee, time_limits=time_limits, own_words=own_words,
        )  # fmt: skip

    @classmethod
    def resume(cls, library: Library, loaded: LoadedScenario, info: JournalInfo, session: Session, *, lang: str, trainee: str = "") -> Play:
        """Carry on an interrupted session: `session` is its journal replayed
        on `loaded` (by `sim.core.replay.check`, which also decides whether it may)."""
        mode = info.mode if info.mode in MODES else "practice"
        durations = (info.durations_ms + [None] * len(session.turns))[: len(session.turns)]
        return cls(
            loaded,
            library,
            session,
            mode,
            lang,
            Journal.reopen(info),
            session_id=info.session_id,
            trainee=info.trainee or trainee,
            started=_parse_time(info.started),
            durations_ms=durations,
            time_limits=info.time_limits,  # as the session began: a resume does not change the rules mid-way
            own_words=info.own_words,
            typed={n: said for n, said in enumerate(info.typed[: len(session.turns)], start=1) if said is not None},
        )

    @classmethod
    def from_history(cls, rebuilt: Rebuilt, record: SessionRecord, *, lang: str) -> Play:
        """A stored session, replayed on its scenario, for a read-only debrief."""
        row = record.row
        return cls(
            rebuilt.loaded,
            rebuilt.library,
            rebuilt.session,
            row.mode if row.mode in MODES else "practice",
            lang,
            self_assessment=record.self_assessment,
            session_id=row.id,
            trainee=row.trainee,
            started=_parse_time(row.started),
            record=record,
            time_limits=row.time_limits or "normal",
            typed={turn.number: turn.typed for turn in record.turns if turn.typed is not None},
        )

    def what_if(self, turn_number: int) -> Play:
        """A new session that replays this one up to `turn_number` and lets the
        trainee choose again from there; this play is left as it is."""
        actions = self.session.actions[: turn_number - 1]
        s = self.session
        session = Session.replay(s.scenario, s.profile, s.seed, actions, s.critical_principles, s.heard)
        return Play(
            self.loaded,
            self.library,
            session,
            self.mode,
            self.lang,
            parent=self,
            branch_turn=turn_number,
            session_id=self.session_id,
            trainee=self.trainee,
            durations_ms=self.durations_ms[: turn_number - 1],
            preview=self.preview,
            time_limits=self.time_limits,
            own_words=self.own_words,
            typed={n: said for n, said in self.typed.items() if n < turn_number},
        )

    # --- acting --------------------------------------------------------------

    def understand(self, text: str) -> Match:
        """What a reply typed in the trainee's own words means among the options on screen."""
        from sim.core.matching import match_at  # here: the matcher loads when a reply is first typed

        s = self.session
        return match_at(s.scenario, s.node_id, [o.choice for o in s.options], text, self.lang)

    def act(self, action: str, elapsed_ms: int | None = None, typed: Typed | None = None) -> Turn:
        """Take a journal action (`help`, `timeout` or a choice id) and journal it;
        `typed`: the reply the trainee wrote for it in their own words."""
        turn = self.session.act(action)
        self.durations_ms.append(elapsed_ms)
        if typed is not None:
            self.typed[turn.number] = typed
        if self.journal is not None:
            try:
                # Where the step led, too: a resume after an edit checks both ends of every step.
                self.journal.record(turn.number, self.session.actions[-1], turn.node, elapsed_ms, arrived=turn.next, typed=typed)
            except JournalError as exc:
                # The encounter goes on, but it can no longer be resumed: stop
                # writing so the journal never has a gap, and let the screen say so.
                self.journal = None
                self.journal_error = exc
        return turn

    def finish(self, self_assessment: dict[str, Any] | None) -> None:
        """Record the self-assessment and the end in the journal. A journal
        that cannot take it is said through `journal_error`, never raised:
        the debrief comes next whatever the disk does."""
        self.self_assessment = self_assessment
        self.ended = _now()
        if self.journal is not None and self.session.ending is not None:
            try:
                self.journal.finish(self.session.ending.value, self_assessment, self.score().overall)
            except JournalError as exc:
                self.journal = None
                self.journal_error = exc
            else:
                self.journal_whole = True

    def history_failure(self, exc: UserError, lang: str) -> str:
        """What to tell the trainee when the history could not take this
        session: whether its journal will bring it in later, or this screen is
        all there is (the journal failed too, often on the same full disk)."""
        if self.journal_whole:
            return t("history.record_failed_later", lang, error=exc.message_in(lang))
        return t("history.record_failed_lost", lang, error=exc.message_in(lang))

    def journal_problem(self, lang: str) -> str | None:
        """The journal's failure as one message for the trainee, or None."""
        if self.journal_error is None:
            return None
        hint = self.journal_error.hint_in(lang)
        return t("journal.failed", lang, error=self.journal_error.message_in(lang), hint=hint or "")

    def record_history(self) -> str:
        """Add this finished session to the history; returns its id. Blocking
        (SQLite, fsync) and raises `StoreError`: call it from a worker thread."""
        from sim.session import history
        return history.record_session(
            self.session,
            self.score(),
            trainee=self.trainee,
            mode=self.mode,
            lang=self.lang,
            started=self.started,
            ended=self.ended,
            self_assessment=self.self_assessment,
            durations_ms=self.durations_ms,
            # Without a journal the store makes up an id: the session is still kept.
            session_id=self.session_id or None,
            scenario_path=str(self.loaded.path),
            time_limits=self.time_limits,
            typed=self.typed,
        )

    # --- reading -------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    @property
    def is_what_if(self) -> bool:
        return self.parent is not None

    def score(self) -> Score:
        return score(self.session)

    @property
    def needs_aftercare(self) -> bool:
        """The encounter ended in a way that may shake the trainee: the
        recovery step comes before the self-assessment (sim.session.reflection)."""
        s = self.session
        return s.ending is not None and reflection.needs_aftercare(s.ending.value, s.node.aftercare)

    @property
    def time_limit(self) -> int | None:
        """Seconds to answer on the current node, by the trainee's setting:
        as written, doubled, or none. Every front end times turns by this."""
        limit = self.session.time_limit
        if limit is None or self.time_limits == "off":
            return None
        return limit * 2 if self.time_limits == "double" else limit

    def tone(self, turn: Turn) -> Tone:
        """The mark on a turn's feedback (✓ ✗ •), by the debrief's rule."""
        return feedback_tone(turn, self.scenario.goals)

    def goals_to_rate(self) -> list[str]:
        """The goals the trainee rates themselves on: those this encounter
        tested. A goal no turn tested has no score to compare a rating with."""
        result = self.score()
        return [pid for pid in self.scenario.goals if (ps := result.principle(pid)) is not None and ps.possible > 0]

    def text(self, value: LocalText | None) -> str:
        """Authored text in the trainee's language, safe to show."""
        return clean(localize(value, self.lang, self.scenario.language))

    def persona_name(self) -> str:
        profile = self.session.profile
        return clean(localize(profile.name, self.lang, profile.language))

    def speaker_name(self, who: str | None) -> str | None:
        """The name of one of the scenario's other speakers, safe to show; None for the client."""
        name = self.scenario.speaker_name(who)
        return None if name is None else " ".join(self.text(name).split())  # a label: on one line

    def mood(self, band: Band) -> str:
        """The client's mood in a band of tension, in the persona's own words where it has them."""
        profile = self.session.profile
        words = profile.moods.get(band)
        return clean(localize(words, self.lang, profile.language)) if words is not None else t(f"band.{band}", self.lang)

    def principle_name(self, pid: str) -> str:
        return self.library.principle_name(pid, self.lang)

    def principle_description(self, pid: str) -> str:
        p = self.library.principles.get(pid)
        return clean(localize(p.description, self.lang)) if p else ""

    def misses(self, turn: int | None = None) -> list[str]:
        """The critical misses (of one turn, or all), in the trainee's words."""
        out = []
        for miss in self.session.critical_misses:
            if turn is None or miss.turn == turn:
                reason = t(f"reason.{miss.code}", self.lang)
                out.append(t("debrief.critical", self.lang, turn=miss.turn, principle=self.principle_name(miss.principle), reason=reason))
        return out

    def report_path(self) -> Path:
        name = self.session_id or f"{self.scenario.id}-{self.session.seed}"
        if self.is_what_if:
            name += f"-what-if-{self.branch_turn}"
        return default_report_path(name)
