"""One encounter as the trainee plays it: the engine session, the journal that
lets it survive a crash, and the language and mode it is shown in.

Every action goes through `Play.act`, which writes the journal line before
returning, so the screen cannot show the next node of a turn that is not on
disk yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.engine import Session, Turn
from sim.i18n import t
from sim.journal import Journal, JournalInfo, new_seed
from sim.library import Library, LoadedScenario
from sim.model import Scenario
from sim.report import default_report_path
from sim.scoring import Score, score
from sim.text import LocalText, clean, localize
from sim.tui.catalog import critical_principles

MODES = ("practice", "assessment")


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
    journal_error: str | None = field(default=None, init=False)

    # --- starting ----------------------------------------------------------

    @classmethod
    def start(cls, library: Library, loaded: LoadedScenario, *, mode: str, lang: str, seed: int | None = None) -> Play:
        scenario = loaded.scenario
        seed = new_seed() if seed is None else seed
        session = Session(scenario, library.profile_for(scenario), seed, critical_principles(library))
        try:
            journal = Journal.start(
                scenario_id=scenario.id,
                # Absolute: a resume may start from another working directory.
                scenario_path=str(loaded.path.resolve()),
                content_hash=scenario.content_hash,
                seed=seed,
                mode=mode,
                lang=lang,
            )
        except OSError as exc:
            # Practising matters more than the journal: play on, and say it is not saved.
            play = cls(loaded, library, session, mode, lang)
            play.journal_error = str(exc)
            return play
        return cls(loaded, library, session, mode, lang, journal, session_id=journal.session_id)

    @classmethod
    def resume(cls, library: Library, loaded: LoadedScenario, info: JournalInfo, *, lang: str) -> Play:
        """Rebuild an interrupted session from its journal (raises EngineError
        when the actions no longer fit the scenario)."""
        scenario = loaded.scenario
        session = Session.replay(scenario, library.profile_for(scenario), info.seed, info.actions, critical_principles(library))
        mode = info.mode if info.mode in MODES else "practice"
        return cls(loaded, library, session, mode, lang, Journal.reopen(info), session_id=info.session_id)

    def what_if(self, turn_number: int) -> Play:
        """A new session that replays this one up to `turn_number` and lets the
        trainee choose again from there; this play is left as it is."""
        actions = self.session.actions[: turn_number - 1]
        s = self.session
        session = Session.replay(s.scenario, s.profile, s.seed, actions, s.critical_principles)
        return Play(
            self.loaded, self.library, session, self.mode, self.lang, parent=self, branch_turn=turn_number, session_id=self.session_id
        )

    # --- acting --------------------------------------------------------------

    def act(self, action: str, elapsed_ms: int | None = None) -> Turn:
        """Take a journal action (`help`, `timeout` or a choice id) and journal it."""
        turn = self.session.act(action)
        if self.journal is not None:
            try:
                self.journal.record(turn.number, self.session.actions[-1], turn.node, elapsed_ms)
            except OSError as exc:
                # The encounter goes on, but it can no longer be resumed: stop
                # writing so the journal never has a gap, and let the screen say so.
                self.journal = None
                self.journal_error = str(exc)
        return turn

    def finish(self, self_assessment: dict[str, Any] | None) -> None:
        self.self_assessment = self_assessment
        if self.journal is not None and self.session.ending is not None:
            self.journal.finish(self.session.ending.value, self_assessment, self.score().overall)

    # --- reading -------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    @property
    def is_what_if(self) -> bool:
        return self.parent is not None

    def score(self) -> Score:
        return score(self.session)

    def text(self, value: LocalText | None) -> str:
        """Authored text in the trainee's language, safe to show."""
        return clean(localize(value, self.lang, self.scenario.language))

    def persona_name(self) -> str:
        profile = self.session.profile
        return clean(localize(profile.name, self.lang, profile.language))

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
