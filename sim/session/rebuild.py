"""Rebuilding a stored session from its scenario, seed and actions.

The store and the journal keep what was done, not the texts: a report or an
import finds the scenario again (by its stored path, else by id among the
built-in and local scenarios) and replays the actions on the pure engine.
If the scenario was edited since, the rebuilt session says so; if the edit
broke the path, the error says which step no longer fits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sim.content.library import Library, LoadedScenario, load_library
from sim.core.engine import EngineError, Session
from sim.core.scoring import Score, score
from sim.errors import UserError

if TYPE_CHECKING:
    from sim.session.history import SessionRow


class RebuildError(UserError):
    """The session's scenario cannot be found, or its actions no longer fit it."""


@dataclass(frozen=True, slots=True)
class Rebuilt:
    session: Session
    score: Score
    library: Library
    loaded: LoadedScenario
    played_hash: str  # the content hash of the version that was played ("" if unknown)

    @property
    def current_hash(self) -> str:
        return self.loaded.scenario.content_hash

    @property
    def content_changed(self) -> bool:
        return bool(self.played_hash) and self.played_hash != self.current_hash


class Rebuilder:
    """Rebuilds sessions, loading each scenario folder once however many
    sessions were played on it."""

    def __init__(self, extra_dirs: Sequence[Path] = ()) -> None:
        self.extra_dirs = list(extra_dirs)
        self._by_path: dict[Path, Library] = {}
        self._catalogue: Library | None = None

    def find(self, scenario_id: str, scenario_path: str = "", played_hash: str = "") -> tuple[Library, LoadedScenario]:
        candidates: list[tuple[Library, LoadedScenario]] = []
        broken: Library | None = None
        if scenario_path:
            path = Path(scenario_path)
            if path.is_file():
                key = path.resolve()
                lib = self._by_path.get(key)
                if lib is None:
                    lib = self._by_path[key] = load_library([path])
                found = lib.at(key)
                if found is not None and found.scenario.id == scenario_id:
                    candidates.append((lib, found))
                elif any(p.severity == "error" for p in lib.problems):
                    broken = lib
        if not candidates or (played_hash and candidates[0][1].scenario.content_hash != played_hash):
            # The file moved, was renamed or changed: the catalogue may still hold the version played.
            if self._catalogue is None:
                self._catalogue = load_library(self.extra_dirs, builtin_scenarios=True)
            found = self._catalogue.scenario(scenario_id)
            if found is not None:
                candidates.append((self._catalogue, found))
        if not candidates and broken is not None:
            first = broken.sorted_problems()[0]
            # The file's own problem stays English, as `sim validate`'s located lines do.
            raise RebuildError.of(first.location, "err.rebuild.broken", "err.rebuild.broken_hint", problem=first.message, path=scenario_path)
        if not candidates:
            raise RebuildError.of(scenario_path or scenario_id, "err.rebuild.missing", "err.rebuild.missing_hint", id=scenario_id)
        for lib, found in candidates:
            if played_hash and found.scenario.content_hash == played_hash:
                return lib, found
        return candidates[0]

    def rebuild(
        self,
        scenario_id: str,
        scenario_path: str,
        played_hash: str,
        seed: int,
        actions: Iterable[str],
        heard: Mapping[str, tuple[int, ...]] | None = None,
    ) -> Rebuilt:
        lib, loaded = self.find(scenario_id, scenario_path, played_hash)
        scenario = loaded.scenario
        session = Session(scenario, lib.profile_for(scenario), seed, lib.critical_principles, heard or {})
        for step, action in enumerate(actions, start=1):
            try:
                session.act(action)
            except EngineError as exc:
                from sim.core.replay import why_not
                from sim.i18n import SUPPORTED, t

                reason, message, hint = why_not(session, action)
                changed = bool(played_hash) and played_hash != scenario.content_hash
                # In English the author's detail (sim.core.replay's words, as `sim test` shows them);
                # in another language the trainer's words for the same reason, from the resume dialog.
                why: dict[str, str] = {"en": message or str(exc)}
                why |= {lang: t(f"resume.why.{reason}", lang, action=action, step=step) for lang in SUPPORTED if lang != "en"}
                raise RebuildError.of(
                    str(loaded.path),
                    "err.rebuild.changed_no_longer_fits" if changed else "err.rebuild.no_longer_fits",
                    "err.rebuild.restore_hint",
                    played=played_hash,
                    current=scenario.content_hash,
                    step=step,
                    action=action,
                    node=session.node_id,
                    why=why,
                    offered=dict.fromkeys(SUPPORTED, "") | {"en": hint + "; " if hint else ""},
                ) from None
        return Rebuilt(session, score(session), lib, loaded, played_hash)

    def rebuild_record(self, row: SessionRow) -> Rebuilt:
        return self.rebuild(row.scenario_id, row.scenario_path, row.content_hash, row.seed, row.actions, row.heard)
