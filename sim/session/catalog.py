"""What the scenario list shows: every playable scenario, every file that
failed to load (so an instructor sees it instead of wondering where it went),
and the trainee's last result for each scenario from the journals.

The list is drawn from an index — per scenario its title, channel, persona,
difficulty, languages and briefing; per broken file its problems — that is
kept in the user's cache folder and is valid while no file it was made from, nor
the loading code, has changed (path, size and modification time of each).
So `sim` starts without the YAML parser and the typed model (pydantic): the
files are loaded in full the first time a scenario is opened (`Entry.loaded`,
`Catalog.library`). When the index is missing or stale, the files are loaded
at once and the index is written again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim import __version__
from sim.content.library import classify, collect, companions
from sim.content.locate import is_file_reference
from sim.content.problems import Problem, sort_key
from sim.files import read_limited, write_file
from sim.i18n import STRINGS
from sim.paths import builtin_dialogues, builtin_profiles, cache_dir, data_dir
from sim.session import journal
from sim.session.journal import JournalInfo
from sim.text import LocalText, languages

if TYPE_CHECKING:
    from sim.content.library import Library, LoadedScenario

INDEX_FORMAT = 1
INDEX_NAME = "catalog-index.json"
MAX_INDEX_BYTES = 64 * 1024 * 1024  # a cache is read only as a regular file of bounded size
INDEX_KEEP = 8  # source sets remembered (`sim`, `sim --dir X`, `sim play FILE`, …)
_CONTENT = Path(__file__).resolve().parent.parent / "content"
# `import sim.x` and `from sim.x import a, b` (names over several lines
# included), wherever they stand: a lazy import inside a function counts too.
_IMPORT = re.compile(rb"^[ \t]*(?:from[ \t]+(sim(?:\.\w+)*)[ \t]+import[ \t]+(?:\(([^)]*)\)|([\w \t,]*))|import[ \t]+(sim(?:\.\w+)*))", re.MULTILINE)
_COMMENT = re.compile(rb"#[^\n]*")


def _code_files() -> tuple[Path, ...]:
    return _code_files_of(_CONTENT)


@functools.cache  # the code a process runs does not change under it: found once, stat-ed at every fingerprint
def _code_files_of(content: Path) -> tuple[Path, ...]:
    """The code that decides what loads and what a file's problems say: every
    module of sim/content, every sim module they import (transitively), and
    this one, which writes the index. Found from their import lines, not
    listed by hand, so an import added anywhere counts at once; an index made
    by another version of them is not trusted. A regular expression, not
    `ast`: this runs at every start, and parsing the code would cost more
    than the rest of the check (tests/functional/tui/test_startup.py checks
    it against `ast`)."""
    root = content.parent
    found: set[Path] = set()
    todo = sorted(content.rglob("*.py"))
    while todo:
        path = todo.pop()
        if path in found:
            continue
        found.add(path)
        try:
            code = path.read_bytes()
        except OSError:
            continue  # the fingerprint records it as missing
        for module, wrapped, names, plain in _IMPORT.findall(code):
            name = (module or plain).decode()
            dotted_names = [name]
            if root.joinpath(*name.split(".")[1:], "__init__.py").is_file():
                # `from sim.a import b` may name a module sim.a.b as well as a name in sim.a.
                listed = _COMMENT.sub(b"", wrapped or names).decode().replace(",", " ").split()
                dotted_names += [f"{name}.{n}" for n in listed]
            for dotted in dotted_names:
                parts = dotted.split(".")[1:]
                # Importing sim.a.b runs sim/__init__.py and sim/a/__init__.py first.
                packages = [root.joinpath(*parts[:i], "__init__.py") for i in range(len(parts) + 1)]
                todo += [p for p in (*packages, root.joinpath(*parts).with_suffix(".py")) if p not in found and p.is_file()]
    return tuple(sorted(found | {root / "session" / "catalog.py"}))


@dataclass(frozen=True, slots=True)
class ScenarioInfo:
    """What the scenario list shows of a playable scenario."""

    id: str
    title: LocalText
    language: str
    channel: str
    difficulty: str
    briefing: LocalText
    minutes: int | None
    profile: str
    persona: LocalText | None  # the persona's name, None if it has none
    persona_language: str
    languages: tuple[str, ...]  # the languages both the title and the briefing are in
    builtin: bool

    @classmethod
    def of(cls, ls: LoadedScenario, library: Library) -> ScenarioInfo:
        s = ls.scenario
        profile = library.profiles.get(s.profile)
        return cls(
            id=s.id,
            title=_plain(s.title),
            language=s.language,
            channel=s.channel.value,
            difficulty=s.difficulty,
            briefing=_plain(s.briefing),
            minutes=s.minutes,
            profile=s.profile,
            persona=_plain(profile.name) if profile else None,
            persona_language=profile.language if profile else s.language,
            languages=tuple(sorted(languages(s.title, s.language) & languages(s.briefing, s.language))),
            builtin=ls.builtin,
        )


def _plain(text: LocalText) -> LocalText:
    return text if isinstance(text, str) else dict(text)


class _Source:
    """The files behind a catalogue, loaded in full the first time they are needed."""

    def __init__(self, sources: tuple[Path, ...], library: Library | None = None) -> None:
        self.sources = sources
        self._library = library
        self._lock = threading.Lock()

    @property
    def library(self) -> Library:
        with self._lock:  # the home screen reloads in a worker thread
            if self._library is None:
                from sim.content.library import load_library

                self._library = load_library(self.sources, builtin_scenarios=True)
            return self._library


class Entry:
    """One row of the scenario list: a playable scenario or a broken file."""

    __slots__ = ("_problems", "_source", "info", "last", "path", "unfinished")

    def __init__(
        self,
        path: Path,
        info: ScenarioInfo | None = None,
        problems: tuple[Problem, ...] = (),
        last: JournalInfo | None = None,
        unfinished: bool = False,
        source: _Source | None = None,
    ) -> None:
        self.path = path
        self.info = info
        self.last = last
        self.unfinished = unfinished
        self._problems = problems
        self._source = source

    def __repr__(self) -> str:
        return f"Entry({self.key!r})"

    @property
    def broken(self) -> bool:
        return self.info is None

    @property
    def loaded(self) -> LoadedScenario | None:
        """The scenario in full (loading the catalogue's files on first use);
        None for a broken file, or one that has stopped loading since the list was made."""
        if self.info is None or self._source is None:
            return None
        library = self._source.library
        ls = library.scenario(self.info.id)
        if ls is None or ls.path.resolve() != self.path.resolve():
            return None
        return ls

    @property
    def problems(self) -> tuple[Problem, ...]:
        if self.info is None or self._source is None or self.loaded is not None:
            return self._problems
        # Listed as playable, but the file changed since and no longer loads.
        target = str(self.path)
        return tuple(sorted((p for p in self._source.library.problems if p.path == target), key=sort_key))

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def key(self) -> str:
        return self.info.id if self.info is not None else f"file:{self.path}"


@dataclass(frozen=True, slots=True)
class _Row:
    """An index row: a playable scenario (`info`) or a broken file (`problems`)."""

    path: str
    info: ScenarioInfo | None
    problems: tuple[Problem, ...] = ()


class Catalog:
    def __init__(self, source: _Source, rows: Sequence[_Row], trainee: str | None = None) -> None:
        self._source = source
        self._rows = tuple(rows)
        self.sources = source.sources
        # Whose last results and interrupted sessions the entries show (None: anyone's).
        self.trainee = trainee
        self.entries = self._entries()

    @classmethod
    def load(cls, dirs: Sequence[Path] = (), files: Sequence[Path] = (), *, trainee: str | None = None) -> Catalog:
        """Built-in scenarios plus `dirs`, plus single scenario `files` (the
        library adds the personas and principles that sit beside them)."""
        sources = (*dirs, *files)
        source, rows = _rows(sources)
        return cls(source, rows, trainee)

    @property
    def library(self) -> Library:
        """Every file in full: loaded on first use."""
        return self._source.library

    def reload(self) -> Catalog:
        return Catalog.load(self.sources, trainee=self.trainee)

    def with_fresh_results(self, trainee: str | None = None) -> Catalog:
        """The same scenarios with last results re-read from the journals,
        for `trainee` when given (another trainee took the seat)."""
        return Catalog(self._source, self._rows, self.trainee if trainee is None else trainee)

    def _entries(self) -> list[Entry]:
        last = journal.last_results(self.trainee)
        unfinished = {info.scenario_id for info in journal.interrupted(self.trainee)}
        src = self._source
        return [
            Entry(Path(r.path), r.info, r.problems, last.get(r.info.id), r.info.id in unfinished, src)
            if r.info is not None
            else Entry(Path(r.path), None, r.problems, source=src)
            for r in self._rows
        ]

    def by_id(self, scenario_id: str) -> Entry | None:
        """The entry of the scenario with this id."""
        return next((e for e in self.entries if e.info is not None and e.info.id == scenario_id), None)

    def find(self, name: str) -> Entry | None:
        """The entry for a scenario id or a file path, told apart as the
        command line tells them (`locate.is_file_reference`)."""
        if not is_file_reference(name):
            return self.by_id(name)
        target = Path(name).resolve()
        return next((e for e in self.entries if e.path.resolve() == target), None)

    @property
    def critical_principles(self) -> frozenset[str]:
        return self.library.critical_principles


# --- the index ------------------------------------------------------------------------


def _rows(sources: tuple[Path, ...]) -> tuple[_Source, list[_Row]]:
    """The list's rows, from the index when it is current, else from the files."""
    key, fingerprint = _fingerprint(sources)
    cached = _read_index(key, fingerprint)
    if cached is not None:
        return _Source(sources), cached
    from sim.content.library import load_library

    library = load_library(sources, builtin_scenarios=True)
    rows = _rows_of(library)
    _write_index(key, fingerprint, rows)
    return _Source(sources, library), rows


def scenario_ids(dirs: Sequence[Path] = ()) -> list[str]:
    """The ids of the playable scenarios, built-in plus `dirs`, from the index
    alone: unlike `Catalog.load`, no journal is read for last results (shell
    completion asks on every Tab)."""
    _, rows = _rows(tuple(dirs))
    return sorted({r.info.id for r in rows if r.info is not None})


def _rows_of(library: Library) -> list[_Row]:
    playable = sorted(library.scenarios, key=lambda ls: (not ls.builtin, ls.scenario.id))
    rows = [_Row(str(ls.path), ScenarioInfo.of(ls, library)) for ls in playable]
    by_file: dict[str, list[Problem]] = {}
    for problem in library.problems:
        by_file.setdefault(problem.path, []).append(problem)
    for path, problems in sorted(by_file.items()):
        if any(p.severity == "error" for p in problems):
            rows.append(_Row(path, None, tuple(sorted(problems, key=sort_key))))
    return rows


def _fingerprint(sources: tuple[Path, ...]) -> tuple[str, str]:
    """(which source set, what its files and the loading code are now)."""
    code = _CONTENT.parent
    # Per install too: two versions sharing a data folder keep an index each.
    key = json.dumps([str(code), *(str(p) for p in sources)])
    files = collect([builtin_dialogues() / "principles.yaml", builtin_profiles(), builtin_dialogues()], [])
    files += [c for p in sources if p.is_file() and classify(p) == "scenario" for c in companions(p)]
    files += collect(sources, [])
    # Relative paths (`sim --dir scenarios`) mean another folder elsewhere.
    cwd = os.getcwd() if any(not p.is_absolute() for p in sources) else ""
    stamp: list[Any] = [INDEX_FORMAT, __version__, cwd]
    for path in [*_code_files(), *files]:
        try:
            st = path.stat()
        except OSError:
            stamp.append([str(path), None])
            continue
        stamp.append([str(path), st.st_mtime_ns, st.st_size])
    return key, hashlib.sha256(json.dumps(stamp).encode("utf-8")).hexdigest()


def _index_path() -> Path:
    return cache_dir() / INDEX_NAME


def _former_index_path() -> Path:
    # Where 0.1.0 kept the index: among the trainee's data.
    return data_dir() / "cache" / INDEX_NAME


def _read_index(key: str, fingerprint: str) -> list[_Row] | None:
    try:
        data = json.loads(read_limited(_index_path(), MAX_INDEX_BYTES))
        item = data["sets"][key]
        if data.get("format") != INDEX_FORMAT or item["fingerprint"] != fingerprint:
            return None
        return [_row_from(r) for r in item["rows"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None  # no index yet, or one we cannot read: load the files


def _write_index(key: str, fingerprint: str, rows: list[_Row]) -> None:
    path = _index_path()
    try:
        try:
            data = json.loads(read_limited(path, MAX_INDEX_BYTES))
            sets = data["sets"] if data.get("format") == INDEX_FORMAT and isinstance(data.get("sets"), dict) else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            sets = {}
        sets.pop(key, None)
        sets[key] = {"fingerprint": fingerprint, "rows": [_row_to(r) for r in rows]}
        while len(sets) > INDEX_KEEP:  # the oldest first: dicts keep their order in JSON
            sets.pop(next(iter(sets)))
        write_file(path, json.dumps({"format": INDEX_FORMAT, "sets": sets}, ensure_ascii=False), parents=True)
    except OSError:
        return  # a read-only cache folder: the next start loads the files again
    former = _former_index_path()
    try:
        former.unlink()
        former.parent.rmdir()  # only when nothing else is in it
    except OSError:
        pass


def _row_to(row: _Row) -> dict[str, Any]:
    info = None
    if row.info is not None:
        info = {name: getattr(row.info, name) for name in ScenarioInfo.__slots__}
    return {"path": row.path, "info": info, "problems": [p.as_dict() for p in row.problems]}


def _row_from(data: dict[str, Any]) -> _Row:
    """A row read back, its types checked: a damaged index is rebuilt, never shown."""
    raw = data["info"]
    info = None
    if raw is not None:
        info = ScenarioInfo(**{**raw, "languages": tuple(raw["languages"])})
        texts = (info.title, info.briefing, *(() if info.persona is None else (info.persona,)))
        strings = (info.id, info.language, info.channel, info.difficulty, info.profile, info.persona_language, *info.languages)
        if not (
            all(_is_text(t) for t in texts)
            and all(isinstance(x, str) for x in strings)
            and (info.minutes is None or type(info.minutes) is int)
            and type(info.builtin) is bool
            and f"channel.{info.channel}" in STRINGS  # the list shows these through the UI's words
            and f"difficulty.{info.difficulty}" in STRINGS
        ):
            raise ValueError("damaged index row")
    problems = tuple(
        Problem(p["path"], p["line"], p["col"], p["message"], p["hint"], p["severity"], p["code"]) for p in data["problems"]
    )
    if not isinstance(data["path"], str) or not all(
        isinstance(p.path, str) and type(p.line) is int and type(p.col) is int and isinstance(p.message, str)
        and (p.hint is None or isinstance(p.hint, str)) and p.severity in ("error", "warning") and isinstance(p.code, str)
        for p in problems
    ):
        raise ValueError("damaged index row")
    return _Row(data["path"], info, problems)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()))
