"""Running transcript tests: play each case of a `*.test.yaml` file on its
scenario and compare what happened with what the file expects.

Every failure carries the test file's `line:col` of the expectation (or step)
that failed, with the expected and the actual value, so an instructor can
jump from the report to the line. The format is in sim.authoring.transcript_file.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sim.authoring.transcript_file import (
    NONE,
    OVERALL,
    Case,
    Expect,
    LoadedTests,
    ScenarioFinder,
    check_against,
    is_test_file,
    load_tests,
    parse_score,
)
from sim.content import conditions
from sim.content.library import Library, LoadedScenario
from sim.content.problems import Problem
from sim.core.engine import EngineError, Session
from sim.core.replay import why_not
from sim.core.scoring import Score, score
from sim.text import localize

Status = Literal["passed", "failed"]
SKIP_DIRS = frozenset({"node_modules", "__pycache__"})

CAPPED_BY = {"miss": "a critical miss", "ending": "the ending", "both": "a critical miss and the ending"}


@dataclass(frozen=True, slots=True)
class Failure:
    path: str
    line: int
    col: int
    message: str  # what was checked, e.g. "after step 3: ending"
    expected: str | None = None
    actual: str | None = None
    hint: str | None = None

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"

    def format(self) -> str:
        lines = [f"{self.location}: {self.message}"]
        if self.expected is not None:
            lines.append(f"    expected: {self.expected}")
        if self.actual is not None:
            lines.append(f"    actual:   {self.actual}")
        if self.hint:
            lines.append(f"    hint: {self.hint}")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "message": self.message,
            "expected": self.expected,
            "actual": self.actual,
            "hint": self.hint,
        }


@dataclass(slots=True)
class CaseResult:
    name: str
    path: str
    line: int
    col: int
    seed: int
    failures: list[Failure] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    node: str = ""
    ending: str | None = None
    seconds: float = 0.0

    @property
    def status(self) -> Status:
        return "failed" if self.failures else "passed"


@dataclass(slots=True)
class FileResult:
    path: Path
    scenario: str | None = None  # the scenario id, once found
    cases: list[CaseResult] = field(default_factory=list)
    # Problems that stopped the file from running (shape errors, a missing scenario).
    errors: list[Problem] = field(default_factory=list)
    seconds: float = 0.0


@dataclass(slots=True)
class RunResult:
    files: list[FileResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # paths that could not be searched

    @property
    def cases(self) -> list[CaseResult]:
        return [c for f in self.files for c in f.cases]

    @property
    def passed(self) -> int:
        return sum(c.status == "passed" for c in self.cases)

    @property
    def failed(self) -> int:
        return sum(c.status == "failed" for c in self.cases)

    @property
    def errors(self) -> list[Problem]:
        return [*self.problems, *(p for f in self.files for p in f.errors)]


# --- finding test files -------------------------------------------------------------


def sibling_test(path: Path) -> Path | None:
    """`x.yaml` → the `x.test.yaml` beside it, if there is one."""
    for suffix in (".test.yaml", ".test.yml"):
        candidate = path.with_name(path.name[: -len(path.suffix)] + suffix)
        if candidate.is_file():
            return candidate
    return None


def find_test_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Test files named by `paths`: folders are searched (skipping hidden
    folders such as `.venv`), and a scenario file brings the test beside it."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
                found.extend(Path(root) / f for f in sorted(files) if is_test_file(Path(f)))
        elif path.is_file():
            if is_test_file(path):
                found.append(path)
            elif path.suffix in (".yaml", ".yml") and (sibling := sibling_test(path)) is not None:
                found.append(sibling)
            else:
                problems.append(
                    Problem(
                        str(path),
                        1,
                        1,
                        "not a transcript test file",
                        f"test files end in `.test.yaml`, e.g. `{path.stem}.test.yaml` beside the scenario",
                        code="io",
                    )
                )
        else:
            problems.append(Problem(str(path), 1, 1, "no such file or folder", "check the path and its spelling", code="io"))
    unique: dict[Path, Path] = {}
    for p in found:
        unique.setdefault(p.resolve(), p)
    return list(unique.values()), problems


# --- running ----------------------------------------------------------------------------


def run_paths(paths: Sequence[Path], extra_dirs: Sequence[Path] = ()) -> RunResult:
    files, problems = find_test_files(paths)
    result = RunResult(problems=problems)
    finder = ScenarioFinder(extra_dirs)
    for path in files:
        result.files.append(run_file(path, finder))
    return result


def run_file(path: Path, finder: ScenarioFinder) -> FileResult:
    started = time.perf_counter()
    out = FileResult(path)
    lt, problems = load_tests(path)
    errors = [p for p in problems if p.severity == "error"]
    if lt is None or errors:
        out.errors = errors
        return out
    lib, ls, problems = finder.find(lt)
    if ls is None or lib is None:
        out.errors = problems
        return out
    out.scenario = ls.scenario.id
    static = [p for p in check_against(lt, ls, lib) if p.severity == "error"]
    if static:
        out.errors = static
        return out
    critical = lib.critical_principles
    for index, case in enumerate(lt.tests.cases):
        out.cases.append(run_case(lt, index, case, ls, lib, critical))
    out.seconds = time.perf_counter() - started
    return out


def run_case(lt: LoadedTests, index: int, case: Case, ls: LoadedScenario, lib: Library, critical: frozenset[str]) -> CaseResult:
    started = time.perf_counter()
    path = str(lt.path)
    base = ("cases", index)
    result = CaseResult(case.name, path, *lt.at(*base), seed=case.seed)
    session = Session(ls.scenario, lib.profile_for(ls.scenario), case.seed, critical)

    def fail(loc: tuple[Any, ...], message: str, expected: str | None = None, actual: str | None = None, hint: str | None = None) -> None:
        result.failures.append(Failure(path, *lt.at(*loc), message, expected, actual, hint))

    completed = True
    for number, step in enumerate(case.steps, start=1):
        loc = (*base, "steps", number - 1)
        if step.do is not None:
            action = step.do
            label = f"step {number} (`{action}`)"
            do_loc = (*loc, "do")  # for a bare `- 2` step, locate() stops at the item itself
            try:
                if isinstance(action, int):
                    _choose(session, action)
                else:
                    session.act(action)
            except EngineError as exc:
                message, hint = _step_failure(session, action, exc)
                fail(do_loc, f"{label} at node `{session.node_id}`: {message}", hint=hint)
                completed = False
                break
        else:
            label = f"step {number}"
        if step.expect is not None:
            check_expect(session, step.expect, (*loc, "expect"), f"after {label}", fail, ls)
    if completed and case.expect is not None:
        check_expect(session, case.expect, (*base, "expect"), "at the end", fail, ls)
    result.failures.sort(key=lambda f: (f.line, f.col))
    result.actions = list(session.actions)
    result.node = session.node_id
    result.ending = session.ending.value if session.ending else None
    result.seconds = time.perf_counter() - started
    return result


def _choose(session: Session, number: int) -> None:
    if not 1 <= number <= len(session.options):
        shown = "; ".join(f"{o.number} = {o.id}" for o in session.options) or "no options"
        raise EngineError(f"there is no option {number} (options shown for seed {session.seed}: {shown})")
    session.choose(number)


def _step_failure(session: Session, action: int | str, exc: EngineError) -> tuple[str, str | None]:
    if session.ended:
        return why_not(session, str(action))[1], "remove the steps after the ending, or check the earlier steps"
    if isinstance(action, int):
        return str(exc), "option numbers depend on the seed; a choice id works with any seed"
    reason, message, hint = why_not(session, action)
    return (str(exc) if reason == "engine" else message), hint


Fail = Callable[..., None]


def check_expect(session: Session, e: Expect, base: tuple[Any, ...], when: str, fail: Fail, ls: LoadedScenario) -> None:
    """Compare the session with one checkpoint; each mismatch becomes a failure."""
    result: Score | None = None

    def scored() -> Score:
        nonlocal result
        if result is None:
            result = score(session)
        return result

    if e.node is not None and session.node_id != e.node:
        fail((*base, "node"), f"{when}: node", e.node, session.node_id)
    if e.ending is not None:
        actual = session.ending.value if session.ending else NONE
        if actual != e.ending:
            shown = actual if session.ending else f"none (the dialogue is at `{session.node_id}`)"
            fail((*base, "ending"), f"{when}: ending", e.ending, shown)
    for i, source in enumerate(e.state or ()):
        # A single string instead of a list locates at the string itself.
        loc = (*base, "state", i)
        expr = conditions.parse(source)  # checked by sim.authoring.transcript_file before any case runs
        if not conditions.evaluate(expr, session.state, set(session.visited)):
            fail(loc, f"{when}: state", source, _describe_state(expr, session))
    for i, text in enumerate(e.scores or ()):
        loc = (*base, "scores", i)
        bound = parse_score(text)
        if bound.principle == OVERALL:
            value = scored().overall
        else:
            ps = scored().principle(bound.principle)
            value = ps.score if ps else None
        if value is None:
            fail(loc, f"{when}: score", str(bound), f"{bound.principle} not assessed: no turn so far tested it")
        elif not bound.holds(value):
            capped = ""
            by = scored().capped_by
            if bound.principle == OVERALL and by is not None:
                capped = f" (capped from {scored().uncapped} by {CAPPED_BY[by]})"
            fail(loc, f"{when}: score", str(bound), f"{bound.principle} {value}{capped}")
    if e.grade is not None and scored().grade != e.grade:
        fail((*base, "grade"), f"{when}: grade", e.grade, f"{scored().grade} (overall {scored().overall})")
    if e.critical is not None:
        misses = session.critical_misses
        if {m.principle for m in misses} != set(e.critical):
            expected = ", ".join(sorted(set(e.critical))) or NONE
            actual = "; ".join(f"{m.principle} at turn {m.turn} ({m.reason})" for m in misses) or NONE
            fail((*base, "critical"), f"{when}: critical misses", expected, actual)
    if e.feedback:
        last = session.turns[-1] if session.turns else None
        texts = _all_languages(last.feedback) if last else []
        if last is None:
            shown = "(no step taken yet)"
        elif last.feedback is None:
            shown = "(the last step has no feedback)"
        else:
            shown = repr(localize(last.feedback, "en", ls.scenario.language))
        for i, words in enumerate(e.feedback):
            if not any(words.casefold() in t.casefold() for t in texts):
                fail((*base, "feedback", i), f"{when}: feedback contains", repr(words), shown)
    if e.said:
        _check_said(session, e, base, when, fail, ls)


def _check_said(session: Session, e: Expect, base: tuple[Any, ...], when: str, fail: Fail, ls: LoadedScenario) -> None:
    # The lines since the last step are those of the turn to come (sim.core.engine.Line.turn).
    lines = [line for line in session.transcript if line.turn == len(session.turns) + 1 and line.speaker != "trainee"]
    texts = [t for line in lines for t in _all_languages(line.text)]
    shown = " / ".join(repr(localize(line.text, "en", ls.scenario.language)) for line in lines) or "(nothing said)"
    for i, words in enumerate(e.said or ()):
        if not any(words.casefold() in t.casefold() for t in texts):
            fail((*base, "said", i), f"{when}: said", repr(words), shown)


def _all_languages(text: Any) -> list[str]:
    if text is None:
        return []
    if isinstance(text, str):
        return [text]
    return list(text.values())


def _describe_state(expr: conditions.Expr, session: Session) -> str:
    """The values a failed condition looked at."""
    parts: list[str] = []
    seen: set[tuple[str, str]] = set()
    for kind, name, _ in conditions.references(expr):
        if (kind, name) in seen:
            continue
        seen.add((kind, name))
        if kind == "var":
            parts.append(f"{name} {session.state.get(name)}")
        else:
            parts.append(f"visited({name}) is {'true' if name in session.visited else 'false'}")
    return ", ".join(parts) or "the condition is false"
