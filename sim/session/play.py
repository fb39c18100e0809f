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
from sim.content.model import Scenario
from sim.core.engine import Band, Session, Turn
from sim.core.scoring import Score, score
from sim.i18n import t
from sim.paths import data_dir
from sim.session.journal import Journal, JournalInfo, new_seed
from sim.text import LocalText, clean, localize

if TYPE_CHECKING:
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
    # A debrief re-opened from the history: the stored session it shows.
    record: SessionRecord | None = None
    # An authoring preview (`sim play --watch`): never journalled or recorded.
    preview: bool = False
    journal_error: str | None = field(default=None, init=False)

    # --- starting ----------------------------------------------------------

    @classmethod
    def start(
        cls, library: Library, loaded: LoadedScenario, *, mode: str, lang: str, seed: int | None = None, trainee: str = "", journalled: bool = True
    ) -> Play:
        """A new session; `journalled=False` for an authoring preview, which
        must leave no journal to resume and nothing in the history."""
        scenario = loaded.scenario
        seed = new_seed() if seed is None else seed
        session = Session(scenario, library.profile_for(scenario), seed, library.critical_principles)
        if not journalled:
            return cls(loaded, library, session, mode, lang, trainee=trainee, preview=True)
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
            )
        except OSError as exc:
            # Practising matters more than the journal: play on, and say it is not saved.
            play = cls(loaded, library, session, mode, lang, trainee=trainee)
            play.journal_error = str(exc)
            return play
        return cls(loaded, library, session, mode, lang, journal, session_id=journal.session_id, trainee=trainee)

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
        )

    def what_if(self, turn_number: int) -> Play:
        """A new session that replays this one up to `turn_number` and lets the
        trainee choose again from there; this play is left as it is."""
        actions = self.session.actions[: turn_number - 1]
        s = self.session
        session = Session.replay(s.scenario, s.profile, s.seed, actions, s.critical_principles)
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
        )

    # --- acting --------------------------------------------------------------

    def act(self, action: str, elapsed_ms: int | None = None) -> Turn:
        """Take a journal action (`help`, `timeout` or a choice id) and journal it."""
        turn = self.session.act(action)
        self.durations_ms.append(elapsed_ms)
        if self.journal is not None:
            try:
                # Where the step led, too: a resume after an edit checks both ends of every step.
                self.journal.record(turn.number, self.session.actions[-1], turn.node, elapsed_ms, arrived=turn.next)
            except OSError as exc:
                # The encounter goes on, but it can no longer be resumed: stop
                # writing so the journal never has a gap, and let the screen say so.
                self.journal = None
                self.journal_error = str(exc)
        return turn

    def finish(self, self_assessment: dict[str, Any] | None) -> None:
        self.self_assessment = self_assessment
        self.ended = _now()
        if self.journal is not None and self.session.ending is not None:
            self.journal.finish(self.session.ending.value, self_assessment, self.score().overall)

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

    def mood(self, band: Band) -> str:
        """The client's mood in a band of tension, in the persona's own words where it has them."""
        profile = self.session.profile
        words = profile.moods.get(band)
        return clean(localize(words, self.lang, profile.language)) if words is not None else t(f"band.{band}", self.lang)

    def principle_name(self, pid: str) -> str:
        p = self.library.principles.get(pid)
        return clean(localize(p.name, self.lang)) if p else clean(pid)

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
