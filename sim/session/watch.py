"""`sim play FILE --watch`: a live preview for authors.

The scenario file, and the personas and principles beside it, are polled
(modification time, size and inode: editors that save by renaming a new
file over the old one change only the inode). After an edit the play is
carried over to the new version: at the same point when every step taken
still leads where it did — the same test as resuming a journal after an
edit (`sim.core.replay.check`) — else from the start.

A preview is for the author, not practice: nothing is journalled or recorded.
"""

from __future__ import annotations

from pathlib import Path

from sim.content.library import Library, LoadedScenario, companions
from sim.core.engine import Session
from sim.core.replay import Resumability, check
from sim.session.journal import JournalInfo
from sim.session.play import Play

POLL_SECONDS = 0.5

Signature = tuple[tuple[str, int, int, int], ...]


def watched_files(path: Path) -> list[Path]:
    files = [path]
    for companion in companions(path):
        if companion.is_dir():
            files += sorted(p for p in companion.iterdir() if p.suffix in (".yaml", ".yml"))
        else:
            files.append(companion)
    return files


def signature(path: Path) -> Signature | None:
    """What changes when any watched file is saved; None while the scenario
    file itself is missing (an editor between removing and writing it)."""
    out = []
    for file in watched_files(path):
        try:
            st = file.stat()
        except OSError:
            if file == path:
                return None
            continue  # a persona removed: the reload will say what that breaks
        out.append((str(file), st.st_mtime_ns, st.st_size, st.st_ino))
    return tuple(out)


class FileWatch:
    """Tells whether the watched files changed since it last looked. Used
    from one worker thread at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._last = signature(path)

    def changed(self) -> bool:
        now = signature(self.path)
        if now is None or now == self._last:
            return False
        self._last = now
        return True

    def is_current(self) -> bool:
        """Whether the last change taken in is the files as they are now."""
        return signature(self.path) == self._last

    def is_watched(self, path: Path) -> bool:
        resolved = path.resolve()
        return any(f.resolve() == resolved for f in watched_files(self.path))


def carry_over(play: Play, library: Library, loaded: LoadedScenario) -> tuple[Play, Resumability]:
    """`play` on the reloaded scenario: at the same point when the verdict is
    ok, else a new session from the start (same seed, so the same order of options)."""
    s = play.session
    scenario = loaded.scenario
    steps = JournalInfo(
        path=Path(),
        session_id=play.session_id,
        # The new id: an author may rename the scenario while previewing it, and it is the same file.
        scenario_id=scenario.id,
        scenario_path=str(play.loaded.path),
        content_hash=s.scenario.content_hash,
        seed=s.seed,
        mode=play.mode,
        lang=play.lang,
        trainee=play.trainee,
        started="",
        actions=list(s.actions),
        nodes=[turn.node for turn in s.turns],
        arrived=[turn.next for turn in s.turns],
        heard=dict(s.heard),
    )
    profile = library.profile_for(scenario)
    critical = library.critical_principles
    verdict = check(steps, scenario, profile, critical)
    session = verdict.session if verdict.ok and verdict.session is not None else Session(scenario, profile, s.seed, critical, s.heard)
    durations = play.durations_ms[: len(session.turns)] if verdict.ok else []
    carried = Play(
        loaded,
        library,
        session,
        play.mode,
        play.lang,
        trainee=play.trainee,
        preview=True,
        durations_ms=durations,
        self_assessment=play.self_assessment if verdict.ok else None,
    )
    return carried, verdict
