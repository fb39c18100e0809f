"""Interrupted sessions, and whether each can go on: the one place that
decides, for the TUI, `--plain` and `sim serve` alike.

A journal is resumable on a scenario when replaying it there reaches the
same nodes (`sim.core.replay.check`): unchanged, or edited in a way every
step survives. Where the scenario is now is asked of the catalogue, and of
the path the journal was played from (the trainee may not have named that
folder again).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sim.content.library import Library, LoadedScenario
from sim.core.replay import Resumability, check
from sim.i18n import t
from sim.session import journal
from sim.session.catalog import Catalog
from sim.session.journal import JournalInfo
from sim.session.play import Play
from sim.text import clean

Found = tuple[Library, LoadedScenario]


@dataclass(frozen=True, slots=True)
class Unfinished:
    """One interrupted session, judged."""

    info: JournalInfo
    found: Found | None  # where it can go on; else the first place its scenario was found, if any
    verdict: Resumability | None  # None: its scenario was found nowhere

    @property
    def resumable(self) -> bool:
        return self.verdict is not None and self.verdict.ok

    @property
    def changed(self) -> bool:
        """Resumable although the scenario was edited since (compatibly)."""
        return self.resumable and self.verdict is not None and self.verdict.changed

    def why_not(self, lang: str) -> str:
        """Why it cannot go on, in the trainee's language ("" when it can)."""
        if self.verdict is None:
            return t("resume.missing", lang)
        return "" if self.verdict.ok else explain(self.verdict, lang)

    def play(self, *, lang: str, trainee: str = "") -> Play:
        """The session, carried on where it stopped."""
        assert self.found is not None and self.verdict is not None and self.verdict.session is not None
        library, loaded = self.found
        return Play.resume(library, loaded, self.info, self.verdict.session, lang=lang, trainee=trainee)


def judge(info: JournalInfo, candidates: Sequence[Found]) -> Unfinished:
    """Whether `info` can go on in one of the places its scenario may be;
    an unchanged version first, so the session goes on exactly as played."""
    if not candidates:
        return Unfinished(info, None, None)
    verdicts = [(found, check(info, found[1].scenario, found[0].profile_for(found[1].scenario), found[0].critical_principles)) for found in candidates]
    fitting = sorted((v for v in verdicts if v[1].ok), key=lambda v: v[1].changed)
    found, verdict = fitting[0] if fitting else verdicts[0]
    return Unfinished(info, found, verdict)


def candidates(catalog: Catalog, info: JournalInfo) -> list[Found]:
    """Where the scenario a journal was played on may be now: in the
    catalogue, and at the path it was loaded from."""
    out: list[Found] = []
    entry = catalog.by_id(info.scenario_id)
    if entry is not None and entry.loaded is not None:
        out.append((catalog.library, entry.loaded))
    path = Path(info.scenario_path)
    if path.is_file() and not any(found.path.resolve() == path.resolve() for _, found in out):
        beside = Catalog.load(files=[path])
        other = beside.find(str(path))
        if other is not None and other.loaded is not None:
            out.append((beside.library, other.loaded))
    return out


def unfinished(trainee: str, catalog: Catalog) -> list[Unfinished]:
    """The trainee's interrupted sessions, newest first, each judged."""
    return [judge(info, candidates(catalog, info)) for info in _interrupted(trainee)]


def unfinished_of(trainee: str, library: Library, loaded: LoadedScenario) -> list[Unfinished]:
    """The trainee's interrupted sessions of one scenario, judged on it as it is now."""
    sid = loaded.scenario.id
    return [judge(info, [(library, loaded)]) for info in _interrupted(trainee) if info.scenario_id == sid]


def _interrupted(trainee: str) -> list[JournalInfo]:
    """Interrupted journals, less those whose session the history already
    holds: a journal that could not take its end (a full disk) while the
    history could is finished, and finishing it again would be thrown away."""
    found = journal.interrupted(trainee)
    if not found:
        return found
    from sim.session.history import Store, StoreError

    try:
        with Store() as store:
            recorded = store.session_ids()
    except StoreError:
        return found  # no history to ask: offering too much beats losing a session
    return [info for info in found if info.session_id not in recorded]


def explain(verdict: Resumability, lang: str, *, bare: bool = False) -> str:
    """Why a session cannot go on, in the trainee's language; `bare`: just the reason."""
    reason = "new-start" if verdict.reason == "leads-elsewhere" and verdict.step == 0 else verdict.reason
    why = t(f"resume.why.{reason}", lang, step=verdict.step or 0, action=clean(verdict.action or ""))
    if bare:
        return why
    return t("resume.cannot_changed" if verdict.changed else "resume.cannot", lang, why=why)
