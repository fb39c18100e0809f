"""The transcript-test format: `*.test.yaml` files that sit beside scenarios.

A test file names one scenario and holds cases: a seed, the steps a trainee
takes and what must be true after any step and at the end. This module reads
the files (safe YAML, pydantic, every shape problem at `file:line:col`) and
checks them against their scenario without playing it; sim.authoring.transcript_run
plays them.

```yaml
scenario: aggressive-desk        # a scenario id, or a file path relative to this file
cases:
  - name: best path
    seed: 0                      # the order options are shown in (default 0)
    steps:
      - hear-him-out             # a choice id, `help`, `timeout`, or an option number
      - {do: org-rep, expect: {node: options, state: "tension < 40"}}
    expect:                      # after the last step
      ending: resolved
      scores: ["no-shaming >= 80", "overall >= 85"]
      critical: none
```
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from sim.content import conditions
from sim.content.library import Library, LoadedScenario, inside, load_library
from sim.content.loader import did_you_mean, load
from sim.content.locate import names_a_file, unknown_id_hint
from sim.content.model import Ending, Identifier
from sim.content.problems import Problem
from sim.content.yamlsafe import Document, locate
from sim.core.engine import HELP, TIMEOUT
from sim.core.scoring import GRADES

OVERALL = "overall"
NONE = "none"
GRADE_NAMES = (*(name for _, name in GRADES), "not assessed")
MAX_STEPS = 2000
MAX_CASES = 1000


def is_test_file(path: Path) -> bool:
    return path.name.lower().endswith((".test.yaml", ".test.yml"))


# --- the shape --------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _action(value: Any) -> int | str:
    # One check instead of a union: a union reports one error per member.
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise PydanticCustomError("step", "options are numbered from 1")
        return value
    if isinstance(value, str) and value.strip() and len(value) <= 200 and not any(ch.isspace() for ch in value):
        return value
    raise PydanticCustomError(
        "step", "a step is an option number (1, 2, …), a choice id, `help` or `timeout`"
    )


Action = Annotated[
    int | str,
    PlainValidator(_action),
    WithJsonSchema(
        {
            "anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": r"^\S+$"}],
            "description": "An option number as shown for the case's seed, a choice id, `help` or `timeout`.",
        }
    ),
]


def _listify(value: Any) -> Any:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise PydanticCustomError("texts", "expected text, or a list of texts (`- …` lines)")
    return value


def _none_or_list(value: Any) -> Any:
    if value == NONE:
        return []
    if isinstance(value, str):
        raise PydanticCustomError("critical", "write `none`, or a list of principle ids like [call-help-early]")
    return value


def _ending(value: Any) -> str:
    allowed = [NONE, *(e.value for e in Ending)]
    if isinstance(value, str) and value in allowed:
        return value
    close = did_you_mean(value, allowed) if isinstance(value, str) else None
    raise PydanticCustomError(
        "ending", "{got} is not an ending kind; {hint}", {"got": f"`{value}`", "hint": close or "use one of: " + ", ".join(allowed)}
    )


Many = Annotated[list[str], BeforeValidator(_listify, json_schema_input_type=str | list[str])]


class Expect(_Strict):
    """What must be true at a checkpoint. Every key is optional."""

    node: Identifier | None = Field(None, description="The node the dialogue is at.")
    ending: Annotated[str, PlainValidator(_ending), WithJsonSchema({"enum": [NONE, *(e.value for e in Ending)]})] | None = Field(
        None, description="The ending reached, or `none` for not ended yet."
    )
    state: Many | None = Field(
        None, description="Conditions on the state, in the `when:` language, e.g. `tension < 40`; all must hold."
    )
    scores: Many | None = Field(
        None, description="Score bounds 0–100: `PRINCIPLE OP NUMBER` or `overall OP NUMBER`, e.g. `no-shaming >= 80`."
    )
    grade: Literal[GRADE_NAMES] | None = Field(None, description="The overall grade.")  # type: ignore[valid-type]  # from GRADES, at run time
    critical: Annotated[list[Identifier], BeforeValidator(_none_or_list, json_schema_input_type=str | list[str])] | None = Field(
        None, description="The principles with a critical miss, exactly; `none` for no critical miss."
    )
    feedback: Many | None = Field(
        None, description="Words the feedback of the last step contains (in any of its languages, ignoring case)."
    )
    said: Many | None = Field(
        None,
        description="Words said since the last step — by the client, another speaker or the narration — contain "
        "(in any language, ignoring case): which variant was picked, a flag remembered.",
    )


def _step_shorthand(value: Any) -> Any:
    return value if isinstance(value, Mapping) else {"do": value}


class Step(_Strict):
    do: Action | None = Field(None, description="The action: an option number, a choice id, `help` or `timeout`.")
    expect: Expect | None = Field(None, description="What must be true after this step.")

    @model_validator(mode="after")
    def _something(self) -> Step:
        if self.do is None and self.expect is None:
            raise PydanticCustomError("step", "a step mapping needs `do:`, `expect:` or both")
        return self


StepItem = Annotated[Step, BeforeValidator(_step_shorthand, json_schema_input_type=int | str | Step)]


class Case(_Strict):
    name: str = Field(min_length=1, max_length=200, description="What the case shows; unique in the file.")
    seed: int = Field(0, ge=0, le=2**63 - 1, description="Seed for the order options are shown in (default 0).")
    steps: list[StepItem] = Field(default_factory=list, max_length=MAX_STEPS, description="The actions, in order.")
    expect: Expect | None = Field(None, description="What must be true after the last step.")


class TranscriptFile(_Strict):
    scenario: str = Field(min_length=1, max_length=500, description="A scenario id, or a file path relative to this file.")
    cases: list[Case] = Field(min_length=1, max_length=MAX_CASES, description="The test cases.")


# Which model owns which key, so an unknown key gets a "did you mean".
_KEYS: dict[str, list[str]] = {
    "file": list(TranscriptFile.model_fields),
    "case": list(Case.model_fields),
    "step": list(Step.model_fields),
    "expect": list(Expect.model_fields),
}


def _owner(loc: tuple[Any, ...]) -> str | None:
    if len(loc) == 1:
        return "file"
    if loc[:1] != ("cases",):
        return None
    rest = loc[2:]
    if len(rest) == 1:
        return "case"
    if rest[:1] == ("expect",) and len(rest) == 2:
        return "expect"
    if rest[:1] == ("steps",) and len(rest) == 3:
        return "step"
    if rest[:1] == ("steps",) and len(rest) == 4 and rest[2] == "expect":
        return "expect"
    return None


# --- loading ----------------------------------------------------------------------


@dataclass(slots=True)
class LoadedTests:
    path: Path
    doc: Document
    tests: TranscriptFile

    def at(self, *loc: Any, key: bool = False) -> tuple[int, int]:
        return locate(self.doc.value, loc, key=key) or self.doc.mark


def load_tests(path: Path) -> tuple[LoadedTests | None, list[Problem]]:
    """Parse and shape-check one test file."""
    tests, doc, problems = load(path, TranscriptFile)
    problems = [_with_key_hint(p, doc) for p in problems]
    if tests is None or doc is None:
        return None, problems
    loaded = LoadedTests(path, doc, tests)
    seen: dict[str, int] = {}
    for i, case in enumerate(tests.cases):
        if case.name in seen:
            line, col = loaded.at("cases", i, "name")
            problems.append(
                Problem(
                    str(path),
                    line,
                    col,
                    f"two cases are named `{case.name}`",
                    "give each case its own name: reports refer to cases by name",
                    code="duplicate-case",
                )
            )
        seen.setdefault(case.name, i)
    return loaded, problems


def _with_key_hint(p: Problem, doc: Document | None) -> Problem:
    if p.code != "unknown-key" or p.hint or doc is None:
        return p
    key = p.message.removeprefix("unknown key `").removesuffix("`")
    # The loader knows the scenario models; find where in a test file this key sits.
    for loc in _key_paths(doc.value, key):
        owner = _owner(loc)
        if owner and locate(doc.value, loc, key=True) == (p.line, p.col):
            allowed = _KEYS[owner]
            hint = did_you_mean(key, allowed) or f"allowed keys here: {', '.join(allowed)}"
            return Problem(p.path, p.line, p.col, p.message, hint, p.severity, p.code)
    return p


def _key_paths(value: Any, key: str, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k == key:
                out.append((*prefix, k))
            out.extend(_key_paths(v, key, (*prefix, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_key_paths(v, key, (*prefix, i)))
    return out


# --- finding the scenario a test file names ------------------------------------------------


class ScenarioFinder:
    """Loads the scenario a test file names, once per folder or file."""

    def __init__(self, extra_dirs: Sequence[Path] = (), known: Library | None = None) -> None:
        self.extra_dirs = list(extra_dirs)
        # A library already loaded (by `sim validate`) is looked in first.
        self.known = known
        self._libraries: dict[tuple[str, ...], Library] = {}

    def _library(self, paths: list[Path], builtin: bool) -> Library:
        key = (str(builtin), *(str(p.resolve()) for p in paths))
        if key not in self._libraries:
            self._libraries[key] = load_library(paths, builtin_scenarios=builtin)
        return self._libraries[key]

    def find(self, lt: LoadedTests) -> tuple[Library | None, LoadedScenario | None, list[Problem]]:
        ref = lt.tests.scenario
        where = lt.at("scenario")
        path = str(lt.path)
        if names_a_file(ref):
            target = (lt.path.parent / ref)
            if not inside(target, lt.path.parent):
                # Never read (nor quote) a file outside the test file's folder: tests are shared.
                outside = Problem(
                    path,
                    *where,
                    f"the scenario `{ref}` is outside this test file's folder",
                    "name a scenario by its id, or by a path inside this folder",
                    code="unknown-scenario",
                )
                return None, None, [outside]
            if not target.is_file():
                return None, None, [
                    Problem(
                        path,
                        *where,
                        f"there is no scenario file `{ref}` beside this test file",
                        f"the path is relative to {lt.path.parent}",
                        code="unknown-scenario",
                    )
                ]
            if self.known is not None and (found := self.known.at(target)) is not None:
                return self.known, found, []
            lib = self._library([target], builtin=False)
            found = lib.at(target)
            if found is None:
                errors = [p for p in lib.problems if p.severity == "error" and Path(p.path).resolve() == target.resolve()]
                first = errors[0] if errors else None
                hint = f"its first error is at {first.location}: {first.message}" if first else "the file is not a scenario, or its persona is missing"
                return lib, None, [Problem(path, *where, f"scenario file `{ref}` cannot be loaded", hint, code="broken-scenario")]
            return lib, found, []
        if self.known is not None and (found := self.known.scenario(ref)) is not None:
            return self.known, found, []
        lib = self._library([lt.path.parent, *self.extra_dirs], builtin=True)
        found = lib.scenario(ref)
        if found is None:
            hint = unknown_id_hint(ref, lib, nothing="no scenarios found beside this file")
            if any(p.severity == "error" for p in lib.problems):
                hint += f"; some files in {lt.path.parent} have errors (`sim validate` lists them)"
            return lib, None, [Problem(path, *where, f"no scenario with the id `{ref}`", hint, code="unknown-scenario")]
        return lib, found, []


# --- score bounds ------------------------------------------------------------------

_SCORE_RE = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9_-]*)\s*(<=|>=|==|!=|<|>)\s*([+-]?\d+)\s*$")
_ALMOST_RE = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9_-]*)\s*(=|=>|=<)\s*([+-]?\d+)\s*$")


@dataclass(frozen=True, slots=True)
class ScoreBound:
    principle: str  # a principle id, or `overall`
    op: str
    value: int

    def holds(self, score: int) -> bool:
        return conditions.evaluate(conditions.Compare("x", self.op, self.value), {"x": score}, ())

    def __str__(self) -> str:
        return f"{self.principle} {self.op} {self.value}"


def parse_score(text: str) -> ScoreBound:
    """`no-shaming >= 80` → ScoreBound; raises ValueError with a hint as its second arg."""
    m = _SCORE_RE.match(text)
    if m:
        return ScoreBound(m.group(1), m.group(2), int(m.group(3)))
    almost = _ALMOST_RE.match(text)
    if almost:
        fixed = {"=": "==", "=>": ">=", "=<": "<="}[almost.group(2)]
        raise ValueError(f"`{almost.group(2)}` is not an operator", f"write `{almost.group(1)} {fixed} {almost.group(3)}`")
    raise ValueError(
        f"`{text}` is not a score bound",
        "write a principle id (or `overall`), an operator (<, <=, >, >=, ==, !=) and a number, e.g. `no-shaming >= 80`",
    )


# --- checking a file against its scenario without playing it ---------------------------


def check_against(lt: LoadedTests, ls: LoadedScenario, lib: Library) -> list[Problem]:
    """References in the test file that the scenario or the catalogue lacks."""
    s = ls.scenario
    path = str(lt.path)
    out: list[Problem] = []
    choice_ids = sorted({c.id for node in s.nodes.values() for c in node.choices if c.id})
    variables = {*s.ranges()}

    def err(loc: tuple[Any, ...], message: str, hint: str | None, code: str) -> None:
        out.append(Problem(path, *lt.at(*loc), message, hint, "error", code))

    def check_expect(base: tuple[Any, ...], e: Expect) -> None:
        if e.node is not None and e.node not in s.nodes:
            err((*base, "node"), f"scenario `{s.id}` has no node `{e.node}`", did_you_mean(e.node, list(s.nodes)) or "fix the node id", "unknown-node")
        for i, source in enumerate(e.state or ()):
            # locate() stops at the deepest value it finds: a single string instead of a list.
            out.extend(state_problems(lt, (*base, "state", i), source, s.nodes, variables))
        for i, text in enumerate(e.scores or ()):
            loc = (*base, "scores", i)
            try:
                bound = parse_score(text)
            except ValueError as exc:
                err(loc, f"bad score bound: {exc.args[0]}", exc.args[1], "score")
                continue
            known = [OVERALL, *lib.principles]
            if bound.principle != OVERALL and bound.principle not in lib.principles:
                err(
                    loc,
                    f"there is no principle `{bound.principle}`",
                    did_you_mean(bound.principle, known) or "use a principle id from principles.yaml, or `overall`",
                    "unknown-principle",
                )
            elif not 0 <= bound.value <= 100:
                err(loc, f"scores run from 0 to 100, so `{text}` compares with {bound.value}", "use a number from 0 to 100", "score")
        for i, pid in enumerate(e.critical or ()):
            if pid not in lib.principles:
                err(
                    (*base, "critical", i),
                    f"there is no principle `{pid}`",
                    did_you_mean(pid, list(lib.principles)) or "use a principle id from principles.yaml",
                    "unknown-principle",
                )

    for ci, case in enumerate(lt.tests.cases):
        for si, step in enumerate(case.steps):
            base = ("cases", ci, "steps", si)
            if isinstance(step.do, str) and step.do not in (HELP, TIMEOUT) and step.do not in choice_ids:
                err(
                    (*base, "do"),
                    f"scenario `{s.id}` has no choice `{step.do}`",
                    did_you_mean(step.do, choice_ids) or "choice ids are the `id:` of a choice, or made from its node and first words (see `sim walk --json`)",
                    "unknown-choice",
                )
            if step.expect is not None:
                check_expect((*base, "expect"), step.expect)
        if case.expect is not None:
            check_expect(("cases", ci, "expect"), case.expect)
    return out


def state_problems(lt: LoadedTests, loc: tuple[Any, ...], source: str, nodes: Mapping[str, Any], variables: set[str]) -> list[Problem]:
    """Problems in one state condition, at the character where they are when it can be found."""
    at = offset_locator(lt.doc, lt.at(*loc))
    path = str(lt.path)
    try:
        expr = conditions.parse(source)
    except conditions.ConditionError as exc:
        return [Problem(path, *at(exc.offset), f"bad condition: {exc.message}", exc.hint, "error", "condition")]
    out = []
    known = sorted(variables)
    for kind, name, offset in conditions.references(expr):
        if kind == "var" and name not in variables:
            out.append(
                Problem(
                    path,
                    *at(offset),
                    f"condition uses unknown variable `{name}`",
                    did_you_mean(name, known) or f"known variables: {', '.join(known)}",
                    "error",
                    "unknown-variable",
                )
            )
        elif kind == "node" and name not in nodes:
            out.append(
                Problem(
                    path,
                    *at(offset),
                    f"condition uses unknown node `{name}`",
                    did_you_mean(name, list(nodes)) or "fix the node id",
                    "error",
                    "unknown-node",
                )
            )
    return out


def offset_locator(doc: Document, mark: tuple[int, int]) -> Callable[[int], tuple[int, int]]:
    """Maps a character offset inside a scalar to line:col, when it can."""
    line, col = mark
    style = doc.scalar_styles.get(mark)
    # Only a one-line plain or quoted scalar maps offsets to columns by addition.
    inline = style in (None, "", '"', "'") and mark not in doc.multiline
    shift = 1 if style in ('"', "'") else 0

    def at(offset: int) -> tuple[int, int]:
        return (line, col + shift + offset) if inline else (line, col)

    return at


def check_test_files(lib: Library, extra_dirs: Sequence[Path] = ()) -> list[Problem]:
    """`sim validate` on test files: their shape, and their references into their scenario."""
    finder = ScenarioFinder(extra_dirs, known=lib)
    out: list[Problem] = []
    for path in lib.files:
        if not is_test_file(Path(path)):
            continue
        lt, problems = load_tests(Path(path))
        out.extend(problems)
        if lt is None:
            continue
        found_lib, ls, problems = finder.find(lt)
        out.extend(problems)
        if ls is not None and found_lib is not None:
            out.extend(check_against(lt, ls, found_lib))
    return out
