"""What the scenario list shows: every playable scenario, every file that
failed to load (so an instructor sees it instead of wondering where it went),
and the trainee's last result for each scenario from the journals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sim import journal
from sim.journal import JournalInfo
from sim.library import Library, LoadedScenario, load_library
from sim.problems import Problem, sort_key


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the scenario list: a playable scenario or a broken file."""

    path: Path
    loaded: LoadedScenario | None = None
    problems: tuple[Problem, ...] = ()
    last: JournalInfo | None = None
    unfinished: bool = False

    @property
    def broken(self) -> bool:
        return self.loaded is None

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def key(self) -> str:
        return self.loaded.scenario.id if self.loaded else f"file:{self.path}"


@dataclass
class Catalog:
    library: Library
    entries: list[Entry] = field(default_factory=list)
    sources: tuple[Path, ...] = ()

    @classmethod
    def load(cls, dirs: Sequence[Path] = (), files: Sequence[Path] = ()) -> Catalog:
        """Built-in scenarios plus `dirs`, plus single scenario `files` (the
        library adds the personas and principles that sit beside them)."""
        sources = [*dirs, *files]
        library = load_library(sources, builtin_scenarios=True)
        catalog = cls(library, sources=tuple(sources))
        catalog.entries = catalog._entries()
        return catalog

    def reload(self) -> Catalog:
        catalog = Catalog(load_library(self.sources, builtin_scenarios=True), sources=self.sources)
        catalog.entries = catalog._entries()
        return catalog

    def with_fresh_results(self) -> Catalog:
        """The same scenarios with last results re-read from the journals."""
        catalog = Catalog(self.library, sources=self.sources)
        catalog.entries = catalog._entries()
        return catalog

    def _entries(self) -> list[Entry]:
        last = journal.last_results()
        unfinished = {info.scenario_id for info in journal.interrupted()}
        playable = sorted(self.library.scenarios, key=lambda ls: (not ls.builtin, ls.scenario.id))
        entries = [
            Entry(ls.path, ls, last=last.get(ls.scenario.id), unfinished=ls.scenario.id in unfinished) for ls in playable
        ]
        by_file: dict[str, list[Problem]] = {}
        for problem in self.library.problems:
            by_file.setdefault(problem.path, []).append(problem)
        for path, problems in sorted(by_file.items()):
            if any(p.severity == "error" for p in problems):
                entries.append(Entry(Path(path), problems=tuple(sorted(problems, key=sort_key))))
        return entries

    def find(self, name: str) -> Entry | None:
        """The entry for a scenario id or a file path."""
        for entry in self.entries:
            if entry.loaded and entry.loaded.scenario.id == name:
                return entry
        target = Path(name).resolve()
        return next((e for e in self.entries if e.path.resolve() == target), None)

    @property
    def critical_principles(self) -> frozenset[str]:
        return critical_principles(self.library)


def critical_principles(library: Library) -> frozenset[str]:
    return frozenset(pid for pid, p in library.principles.items() if p.critical)
