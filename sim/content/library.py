"""A set of authored files loaded together: principles, personas and scenarios,
with every cross-file reference checked and located.

The built-in principles and personas are always part of a library, so a
scenario in an instructor's own folder can use them; files in the given
folders add to them or replace them by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sim.content.problems import Problem, sort_key
from sim.paths import builtin_dialogues, builtin_profiles
from sim.text import clean, localize

# The parser, the model (pydantic) and the conditions are imported by the
# functions that load and check: finding files and the classes below cost
# nothing, so the simulator can list scenarios from its index without them.
if TYPE_CHECKING:
    from sim.content.model import Assessment, LocalText, Principle, Profile, Route, Scenario
    from sim.content.yamlsafe import Document

Kind = Literal["principles", "profile", "scenario", "test"]

MAX_FILES = 5000
RESERVED_VARIABLES = ("tension", "trust", "turn")


@dataclass(slots=True)
class LoadedScenario:
    scenario: Scenario
    doc: Document
    path: Path
    builtin: bool = False

    def at(self, *loc: Any, key: bool = False) -> tuple[int, int]:
        from sim.content.yamlsafe import locate

        return locate(self.doc.value, loc, key=key) or self.doc.mark


@dataclass(slots=True)
class Library:
    principles: dict[str, Principle] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)
    scenarios: list[LoadedScenario] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    # Ids defined in files that had errors: references to them are not
    # reported again, so one typo does not cascade into dozens of errors.
    broken_ids: set[str] = field(default_factory=set)
    assessment: Assessment | None = None  # the built-in catalogue's grading rules

    def scenario(self, scenario_id: str) -> LoadedScenario | None:
        return next((s for s in self.scenarios if s.scenario.id == scenario_id), None)

    def at(self, path: Path) -> LoadedScenario | None:
        """The scenario loaded from the file `path` (however the path is spelled)."""
        target = path.resolve()
        return next((s for s in self.scenarios if s.path.resolve() == target), None)

    def principle_name(self, pid: str, lang: str) -> str:
        """A principle's name in `lang`, cleaned for any screen; its id where the catalogue has none."""
        p = self.principles.get(pid)
        return clean(localize(p.name, lang)) if p else clean(pid)

    def scenario_title(self, scenario_id: str, lang: str, fallback: str = "") -> str:
        """A scenario's title in `lang`, cleaned; `fallback` (else the id) where the library has none."""
        loaded = self.scenario(scenario_id)
        if loaded is None:
            return clean(fallback or scenario_id)
        return clean(localize(loaded.scenario.title, lang, loaded.scenario.language))

    def profile_for(self, scenario: Scenario) -> Profile:
        return self.profiles[scenario.profile]

    @property
    def critical_principles(self) -> frozenset[str]:
        """Principles whose violation is a critical miss, as the catalogue marks them."""
        return frozenset(pid for pid, p in self.principles.items() if p.critical)

    def sorted_problems(self) -> list[Problem]:
        return sorted(self.problems, key=sort_key)


def classify(path: Path) -> Kind:
    name = path.name.lower()
    if name.endswith((".test.yaml", ".test.yml")):
        return "test"
    if name in ("principles.yaml", "principles.yml"):
        return "principles"
    if path.parent.name == "profiles":
        return "profile"
    return "scenario"


def collect(paths: Iterable[Path], problems: list[Problem]) -> list[Path]:
    """Every YAML file named by `paths`, folders searched recursively."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            for p in sorted(path.rglob("*")):
                if p.suffix not in (".yaml", ".yml") or not p.is_file():
                    continue
                # Hidden folders (.git, .venv, editor state) never hold scenarios.
                if any(part.startswith(".") for part in p.relative_to(path).parts[:-1]):
                    continue
                # A scenario folder travels between organisations: a link in it
                # must not make us read (and quote in errors) files elsewhere.
                if not p.resolve().is_relative_to(root):
                    problems.append(
                        Problem(
                            str(p),
                            1,
                            1,
                            "not read: this is a link to a file outside the folder",
                            "copy the file into the folder instead of linking to it",
                            "warning",
                            "outside-link",
                        )
                    )
                    continue
                found.append(p)
        elif path.exists():
            found.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, "no such file or folder", "check the path and its spelling", code="io"))
        if len(found) > MAX_FILES:
            problems.append(Problem(str(path), 1, 1, f"more than {MAX_FILES} files", "validate a smaller folder", code="limit"))
            return found[:MAX_FILES]
    unique: dict[Path, Path] = {}
    for p in found:
        unique.setdefault(p.resolve(), p)
    return list(unique.values())


def companions(path: Path) -> list[Path]:
    """Personas and principles that sit beside a scenario file. One that is a
    link to somewhere else is not theirs: it is left out, so naming a scenario
    file never makes us read (and quote in errors) files outside its folders."""
    folder = path.parent
    candidates = [(folder / "profiles", folder), (folder.parent / "profiles", folder.parent), (folder / "principles.yaml", folder)]
    return [p for p, home in candidates if p.exists() and inside(p, home)]


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, links followed, is in `folder` (links followed too)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


def load_library(paths: Sequence[Path] = (), *, builtin_scenarios: bool = False) -> Library:
    """Load the built-in catalogue and personas, plus everything under `paths`.

    A scenario file named on its own brings the personas and principles that
    sit beside it, as they would if its folder were given.
    """
    from sim.content.loader import load
    from sim.content.model import Catalogue, Profile, Scenario
    from sim.content.yamlsafe import locate

    lib = Library()
    builtin = collect([builtin_dialogues() / "principles.yaml", builtin_profiles()], [])
    if builtin_scenarios:
        builtin += [p for p in collect([builtin_dialogues()], []) if classify(p) == "scenario"]
    extra = [c for p in paths if p.is_file() and classify(p) == "scenario" for c in companions(p)]
    given = collect([*paths, *extra], lib.problems)
    given_resolved = {p.resolve() for p in given}
    # Built-in problems are reported only when the built-in files are among those checked.
    quiet = [p for p in builtin if p.resolve() not in given_resolved]
    lib.files = given

    by_kind: dict[Kind, list[tuple[Path, bool]]] = {"principles": [], "profile": [], "scenario": [], "test": []}
    for path in quiet:
        by_kind[classify(path)].append((path, True))
    for path in given:
        by_kind[classify(path)].append((path, False))

    defined_in: dict[tuple[str, str], tuple[str, bool]] = {}

    def define(kind: str, key: str, path: Path, is_builtin: bool, mark: tuple[int, int]) -> bool:
        previous = defined_in.get((kind, key))
        if previous and not previous[1] and not is_builtin:
            lib.problems.append(
                Problem(
                    str(path),
                    *mark,
                    f"{kind} `{key}` is already defined in {previous[0]}",
                    "give it another id, or remove one of the two",
                    code="duplicate-id",
                )
            )
            return False
        defined_in[(kind, key)] = (str(path), is_builtin)
        return True

    grading: dict[Path, Assessment] = {}  # a catalogue's folder → its grading rules
    contacts: dict[Path, LocalText] = {}  # a catalogue's folder → who to talk to after a stressful encounter
    builtin_contact: LocalText | None = None
    for path, is_builtin in by_kind["principles"]:
        cat, doc, problems = load(path, Catalogue)
        _report(lib, problems, is_builtin)
        if cat is None and doc is not None:
            lib.broken_ids.update(_ids_in(doc.value, "principles"))
        if cat and doc:
            if cat.assessment is not None:
                grading[path.resolve().parent] = cat.assessment
                if is_builtin:
                    lib.assessment = cat.assessment
            if cat.aftercare is not None:
                contacts[path.resolve().parent] = cat.aftercare
                if is_builtin:
                    builtin_contact = cat.aftercare
            for pid, principle in cat.principles.items():
                if define("principle", pid, path, is_builtin, locate(doc.value, ("principles", pid), key=True) or doc.mark):
                    lib.principles[pid] = principle

    for path, is_builtin in by_kind["profile"]:
        profile, doc, problems = load(path, Profile)
        _report(lib, problems, is_builtin)
        if profile is None and doc is not None and isinstance(doc.value, dict):
            lib.broken_ids.add(str(doc.value.get("id")))
        if profile and doc:
            if define("persona", profile.id, path, is_builtin, locate(doc.value, ("id",)) or doc.mark):
                lib.profiles[profile.id] = profile
            problems = [] if is_builtin else check_profile(profile, doc)
            lib.problems.extend(problems)

    for path, is_builtin in by_kind["scenario"]:
        scenario, doc, problems = load(path, Scenario)
        _report(lib, problems, is_builtin)
        if scenario and doc:
            loaded = LoadedScenario(scenario, doc, path, is_builtin)
            if not define("scenario", scenario.id, path, is_builtin, loaded.at("id")):
                continue
            refs = check_references(loaded, lib)
            if not is_builtin:
                lib.problems.extend(refs)
            if scenario.profile in lib.profiles and not any(p.severity == "error" for p in refs):
                # The grading of the catalogue in the scenario's own folder (or the
                # nearest one above it), else the built-in catalogue's: one folder's
                # rules never reach another folder's scenarios.
                folder = path.resolve().parent
                own = next((grading[d] for d in (folder, *folder.parents) if d in grading), None)
                scenario._library_assessment = own if own is not None else lib.assessment
                contact = next((contacts[d] for d in (folder, *folder.parents) if d in contacts), None)
                scenario._library_aftercare = contact if contact is not None else builtin_contact
                lib.scenarios.append(loaded)
    return lib


def _ids_in(value: Any, key: str) -> list[str]:
    inner = value.get(key) if isinstance(value, dict) else None
    return [str(k) for k in inner] if isinstance(inner, dict) else []


def _report(lib: Library, problems: list[Problem], is_builtin: bool) -> None:
    if not is_builtin:
        lib.problems.extend(problems)


def check_profile(profile: Profile, doc: Document) -> list[Problem]:
    from sim.content.yamlsafe import locate

    problems = []
    if profile.baseline is not None and profile.baseline >= profile.threat_threshold:
        line, col = locate(doc.value, ("baseline",)) or doc.mark
        problems.append(
            Problem(
                doc.path,
                line,
                col,
                "the baseline is at or above the threat threshold",
                "a client who calms down to a threat never calms; lower `baseline`",
                "warning",
                "profile",
            )
        )
    return problems


def check_references(ls: LoadedScenario, lib: Library) -> list[Problem]:
    """Every name a scenario uses must exist: nodes, persona, principles, variables."""
    from sim.content.loader import did_you_mean
    from sim.content.model import Said, Varied, targets

    s = ls.scenario
    path = str(ls.path)
    out: list[Problem] = []

    def err(loc: tuple[Any, ...], message: str, hint: str | None, code: str, *, key: bool = False) -> None:
        out.append(Problem(path, *ls.at(*loc, key=key), message, hint, "error", code))

    node_ids = list(s.nodes)
    principle_ids = list(lib.principles)
    variables = {"tension", "trust", *s.variables}

    def node_ref(loc: tuple[Any, ...], target: str) -> None:
        if target not in s.nodes:
            err(loc, f"there is no node `{target}`", did_you_mean(target, node_ids) or "add the node, or fix the id", "unknown-node")

    def next_refs(loc: tuple[Any, ...], nxt: str | tuple[Route, ...]) -> None:
        # `next`: a node id, or entries `{when: …, to: …}` ending with a default `{to: …}`.
        if isinstance(nxt, str):
            node_ref(loc, nxt)
            return
        for i, entry in enumerate(nxt):
            node_ref((*loc, i, "to"), entry.to)
            if entry.when is not None:
                out.extend(_check_condition(ls, (*loc, i, "when"), entry.when, s, variables, ranges))
        if nxt[-1].when is not None:
            err(
                (*loc, len(nxt) - 1, "when"),
                "the last entry of a conditional `next` has a condition, so in some states no entry is taken",
                "end the list with a default `{to: …}` (no `when:`)",
                "structure",
            )

    def principle_refs(loc: tuple[Any, ...], deltas: Iterable[str]) -> None:
        for pid in deltas:
            if pid not in lib.principles and pid not in lib.broken_ids:
                err(
                    (*loc, pid),
                    f"there is no principle `{pid}`",
                    did_you_mean(pid, principle_ids) or "add it to principles.yaml, or fix the id",
                    "unknown-principle",
                    key=True,
                )

    flags = s.flags()

    def effect_refs(loc: tuple[Any, ...], effects: Iterable[str]) -> None:
        for var in effects:
            if var == "turn":
                err((*loc, var), "`turn` counts itself and cannot be changed", "remove it from `effects`", "unknown-variable", key=True)
            elif var not in variables:
                err(
                    (*loc, var),
                    f"there is no state variable `{var}`",
                    did_you_mean(var, sorted(variables)) or "declare it under `variables:`",
                    "unknown-variable",
                    key=True,
                )
            elif var in flags:
                err((*loc, var), f"`{var}` is a flag: it is true or false, not a number to add to", f"use `set: {{{var}: true}}`", "value", key=True)

    def set_refs(loc: tuple[Any, ...], values: Mapping[str, bool | int]) -> None:
        for var, value in values.items():
            if var == "turn" or var not in variables:
                effect_refs(loc, [var])
            elif var in ("tension", "trust"):
                err((*loc, var), f"`{var}` changes by `effects`, which the client's persona weighs", f"use `effects: {{{var}: …}}`", "value", key=True)
            elif var in flags and not isinstance(value, bool):
                err((*loc, var), f"`{var}` is a flag: set it to true or false", f"write `{var}: true` or `{var}: false`", "value")
            elif var not in flags and isinstance(value, bool):
                err((*loc, var), f"`{var}` is a number, not a flag", "set it to a number, or declare it as a flag with `start: false`", "value")
            elif var not in flags and not ranges[var][0] <= value <= ranges[var][1]:
                low, high = ranges[var]
                err((*loc, var), f"`{var}` is set to {value}, outside {low}…{high}", f"set a value from {low} to {high}", "value")

    def line_refs(loc: tuple[Any, ...], line: Any) -> None:
        # A speaker's line, or a varied one: its speaker exists, its conditions read what exists.
        speaker = line.speaker if isinstance(line, (Said, Varied)) else None
        if speaker is not None and speaker not in s.speakers:
            err(
                (*loc, "speaker"),
                f"there is no speaker `{speaker}`",
                did_you_mean(speaker, list(s.speakers)) or "declare it under `speakers:`, or fix the id",
                "unknown-speaker",
            )
        if isinstance(line, Varied):
            for j, variant in enumerate(line.variants):
                if variant.when is not None:
                    out.extend(_check_condition(ls, (*loc, "variants", j, "when"), variant.when, s, variables, ranges))

    if s.profile not in lib.profiles and s.profile not in lib.broken_ids:
        err(
            ("profile",),
            f"there is no persona `{s.profile}`",
            did_you_mean(s.profile, list(lib.profiles)) or "add a file to profiles/, or fix the id",
            "unknown-profile",
        )
    for i, goal in enumerate(s.goals):
        if goal not in lib.principles and goal not in lib.broken_ids:
            err(
                ("goals", i),
                f"there is no principle `{goal}`",
                did_you_mean(goal, principle_ids) or "add it to principles.yaml, or fix the id",
                "unknown-principle",
            )
    for name, var in s.variables.items():
        if name in RESERVED_VARIABLES:
            err(("variables", name), f"`{name}` is built in and cannot be declared", "choose another name", "variable", key=True)
        elif not var.flag and not var.min <= var.start <= var.max:
            err(("variables", name), f"`{name}` starts at {var.start}, outside {var.min}…{var.max}", "make min ≤ start ≤ max", "variable")
    ranges = s.ranges()
    node_ref(("start",), s.start)
    next_refs(("help", "next") if isinstance(ls.doc.value.get("help"), dict) else ("help",), s.help.next)
    principle_refs(("help", "principles"), s.help.principles)
    effect_refs(("help", "effects"), s.help.effects)
    set_refs(("help", "set"), s.help.set)
    if s.help.return_ and not isinstance(s.help.next, str):
        err(("help", "return"), "with `return: true` the call for help leads to one node", "give `next:` a node id, not a list", "structure")
    elif s.help.return_:
        for target in targets(s.help.next):
            node = s.nodes.get(target)
            if node is not None and (node.choices or node.end is not None or node.next is not None or node.timeout is not None):
                err(
                    ("help", "return"),
                    f"with `return: true` the help node `{target}` must have lines only, but it has "
                    + ("an `end`" if node.end is not None else "`choices`" if node.choices else "a `next`" if node.next is not None else "a `timeout`"),
                    "remove `return: true`, or make the help node only say what happens when help comes",
                    "structure",
                )

    for nid, node in s.nodes.items():
        base = ("nodes", nid)
        if node.end is not None and (node.choices or node.timeout):
            err((*base, "end"), "an ending node cannot have `choices` or a `timeout`", "remove `end:` or the choices", "structure")
        if node.next is not None:
            if node.end is not None or node.choices or node.timeout is not None:
                err(
                    (*base, "next"),
                    "a node with `next:` is a narration step: it cannot also have `end`, `choices` or a `timeout`",
                    "put `next:` on each choice instead, or remove the choices to make this node a step",
                    "structure",
                )
            next_refs((*base, "next"), node.next)
        if node.time_limit is not None and node.timeout is None:
            err(
                (*base, "time_limit"),
                "`time_limit` without a `timeout` branch",
                "add `timeout: {next: …}` saying what happens when time runs out",
                "structure",
            )
        if node.timeout is not None and node.time_limit is None:
            err((*base, "timeout"), "`timeout` without a `time_limit`", "add `time_limit: SECONDS`", "structure")
        if node.timeout is not None:
            t = (*base, "timeout")
            next_refs((*t, "next"), node.timeout.next)
            principle_refs((*t, "principles"), node.timeout.principles)
            effect_refs((*t, "effects"), node.timeout.effects)
            set_refs((*t, "set"), node.timeout.set)
        # Lines of other speakers and varied lines: `client:` is one line or a list of them, and the loc must match the file.
        listed = isinstance(ls.doc.value.get("nodes", {}).get(nid, {}).get("client"), list)
        for i, said in enumerate(node.client or ()):
            line_refs((*base, "client", i) if listed else (*base, "client"), said)
        line_refs((*base, "narration"), node.narration)
        seen: dict[str, int] = {}
        for i, choice in enumerate(node.choices):
            c = (*base, "choices", i)
            next_refs((*c, "next"), choice.next)
            principle_refs((*c, "principles"), choice.principles)
            effect_refs((*c, "effects"), choice.effects)
            set_refs((*c, "set"), choice.set)
            if choice.id and choice.id.isdigit():
                err(
                    (*c, "id"),
                    f"the choice id `{choice.id}` is only digits",
                    "`sim walk --choices 2` means the option shown as number 2; give the choice an id with a letter in it",
                    "value",
                )
            if choice.id in seen:
                err((*c, "id"), f"two choices here have the id `{choice.id}`", "give each choice of a node its own id", "duplicate-id")
            seen[choice.id or ""] = i
            if choice.when is not None:
                out.extend(_check_condition(ls, (*c, "when"), choice.when, s, variables, ranges))
    for nid in _step_cycle(s):
        err(
            ("nodes", nid, "next"),
            f"the narration step `{nid}` is on a loop made only of steps, so the dialogue would never stop there",
            "lead one of the loop's steps to a node with choices, or to an ending",
            "step-loop",
        )
    return out


def _step_cycle(s: Scenario) -> list[str]:
    """The narration steps that lie on a loop made only of steps (one per loop, the first found)."""
    from sim.content.model import targets

    steps = {nid: [t for t in targets(n.next) if t in s.nodes and s.nodes[t].is_step] for nid, n in s.nodes.items() if n.next is not None and n.is_step}
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    found: list[str] = []
    for root in steps:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            nid, i = stack.pop()
            if i < len(steps[nid]):
                stack.append((nid, i + 1))
                nxt = steps[nid][i]
                if state.get(nxt) == 1:
                    found.append(nxt)
                elif nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, 0))
            else:
                state[nid] = 2
    return found


def _check_condition(
    ls: LoadedScenario, loc: tuple[Any, ...], source: str, s: Scenario, variables: set[str], ranges: dict[str, tuple[int, int]]
) -> list[Problem]:
    from sim.content import conditions
    from sim.content.loader import did_you_mean

    line, col = ls.at(*loc)
    style = ls.doc.scalar_styles.get((line, col))
    # In a one-line plain or quoted condition an offset is a column; in a
    # plain or block one that spans lines, folding and indentation change the
    # spaces but not the other characters, so the n-th non-blank character of
    # the text is the n-th one in the file from where the scalar starts.
    # Escapes make multi-line quoted ones unmappable: located at their start.
    inline = style in (None, "", '"', "'") and (line, col) not in ls.doc.multiline
    shift = 1 if style in ('"', "'") else 0
    spread = not inline and style in (None, "", "|", ">")

    def at(offset: int) -> tuple[int, int]:
        if inline:
            return (line, col + shift + offset)
        if spread:
            found = _nth_non_blank(ls.path, line, col, skip_header=style in ("|", ">"), n=_non_blank(source[:offset]))
            if found is not None:
                return found
        return (line, col)

    try:
        expr = conditions.parse(source)
    except conditions.ConditionError as exc:
        return [Problem(str(ls.path), *at(exc.offset), f"bad condition: {exc.message}", exc.hint, "error", "condition")]
    out = []
    known_vars = sorted(variables | {"turn"})
    flags = s.flags()
    for name, offset in conditions.bare_variables(expr):
        if (name in variables and name not in flags) or name == "turn":
            out.append(
                Problem(
                    str(ls.path),
                    *at(offset),
                    f"`{name}` is a number, not a flag: it cannot stand alone in a condition",
                    f"compare it with a number, e.g. `{name} > 0`",
                    "error",
                    "condition",
                )
            )
    for kind, name, offset in conditions.references(expr):
        if kind == "var" and name not in variables and name != "turn":
            out.append(
                Problem(
                    str(ls.path),
                    *at(offset),
                    f"condition uses unknown variable `{name}`",
                    did_you_mean(name, known_vars) or f"known variables: {', '.join(known_vars)}",
                    "error",
                    "unknown-variable",
                )
            )
        elif kind == "node" and name not in s.nodes:
            out.append(
                Problem(
                    str(ls.path),
                    *at(offset),
                    f"condition uses unknown node `{name}`",
                    did_you_mean(name, list(s.nodes)) or "fix the node id",
                    "error",
                    "unknown-node",
                )
            )
    return out


_BLANK = " \t\r\n\x85\u2028\u2029"


def _non_blank(text: str) -> int:
    return sum(ch not in _BLANK for ch in text)


def _nth_non_blank(path: Path, line: int, col: int, *, skip_header: bool, n: int) -> tuple[int, int] | None:
    """Where in the file the n-th (from 0) non-blank character at or after
    line:col is; after the indicator line for a block scalar. Only read when
    a problem is found, so the file is read again rather than kept."""
    import re

    try:
        lines = re.split("\r\n|[\r\n\x85\u2028\u2029]", path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return None
    row, start = (line, 0) if skip_header else (line - 1, col - 1)
    while row < len(lines):
        for i in range(start, len(lines[row])):
            if lines[row][i] not in _BLANK:
                if n == 0:
                    return (row + 1, i + 1)
                n -= 1
        row, start = row + 1, 0
    return None
