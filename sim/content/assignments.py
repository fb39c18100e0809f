"""A class's assignments: which scenarios its trainees are to pass, how well and by when.

An instructor writes one YAML file per class (docs/practice.md):

    class: {en: Evening desk, fi: Iltavuoro}
    trainees: [Aino, Ben, Chen]
    assignments:
      - scenario: aggressive-desk
        due: 2026-12-18
        pass: 75
        mode: assessment
      - scenario: stressed-phone
        trainees: [Ben]

The file is untrusted like any authored file: read by sim.content.yamlsafe,
shape-checked by the model below, and every problem is located at
`file:line:col`. References to scenarios are checked against the library the
file is used with (`check`), as scenario references are.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from sim.content.library import Library
from sim.content.loader import closest, load
from sim.content.model import Identifier, LocalText, Score100, _Strict
from sim.content.problems import Problem, has_errors
from sim.content.yamlsafe import Document, locate
from sim.files import read_limited
from sim.text import clean

FILE_NAME = "assignments.yaml"
ENV = "SIM_ASSIGNMENTS"

Name = str


def _a_course_day(day: date) -> date:
    if not 2000 <= day.year <= 2999:
        raise ValueError("a due day is a date of a course, between the years 2000 and 2999")
    return day


class Assignment(_Strict):
    """One scenario the class (or some of it) is to pass."""

    scenario: Identifier = Field(description="The id of the scenario to play.")
    due: Annotated[date, AfterValidator(_a_course_day)] | None = Field(None, description="The last day to pass it, as YYYY-MM-DD.")
    pass_score: Score100 | None = Field(
        None, alias="pass", description="The overall score that completes it, 0–100; default: the scenario's pass mark."
    )
    mode: Literal["practice", "assessment"] | None = Field(None, description="The mode it must be passed in; default: either.")
    trainees: list[Name] | None = Field(None, max_length=10_000, description="Who it is for; default: the whole class.")

    def due_at(self, zone: tzinfo | None = None) -> datetime | None:
        """The moment it is due: the end of its day, in `zone`, else in this machine's local
        time by the rules of that day (a fixed offset taken today would be an hour off
        across a change to or from summer time)."""
        if self.due is None:
            return None
        midnight = datetime.combine(self.due + timedelta(days=1), time(0))
        return midnight.replace(tzinfo=zone) if zone is not None else midnight.astimezone()

    def is_for(self, trainee: str) -> bool:
        """Named in the assignment's own list, when it has one."""
        return self.trainees is None or name_key(trainee) in {name_key(n) for n in self.trainees}


class Assignments(_Strict):
    """A class's assignment file."""

    name: LocalText | None = Field(None, alias="class", description="The class's name, shown with its assignments.")
    trainees: list[Name] = Field(default_factory=list, max_length=10_000, description="The trainees of the class, by the names they play under.")
    assignments: list[Assignment] = Field(default_factory=list, max_length=1000, description="What the class is to pass.")

    def in_class(self, trainee: str) -> bool:
        """A trainee of the class: anyone where the file lists no one."""
        return not self.trainees or name_key(trainee) in {name_key(n) for n in self.trainees}

    def of(self, trainee: str) -> list[Assignment]:
        """The assignments of a trainee of the class (none for anyone else)."""
        if not self.in_class(trainee):
            return []
        return [a for a in self.assignments if a.is_for(trainee)]


def name_key(name: str) -> str:
    """A name as it is compared: case and extra spaces do not matter."""
    return " ".join(name.split()).casefold()


def same_name(a: str, b: str) -> bool:
    """Names as trainees type them: case and surrounding spaces do not matter."""
    return name_key(a) == name_key(b)


def default_path(data_dir: Path) -> Path | None:
    """The class's file when none is named: SIM_ASSIGNMENTS, else `assignments.yaml` in the data folder, if there is one."""
    named = os.environ.get(ENV)
    if named:
        return Path(named).expanduser()
    path = data_dir / FILE_NAME
    return path if path.is_file() else None


def read(path: Path) -> tuple[Assignments | None, Document | None, list[Problem]]:
    """The file's assignments, or the problems that keep it from being read."""
    return load(path, Assignments)


def load_checked(path: Path, library: Library) -> tuple[Assignments | None, list[Problem]]:
    """The file's assignments, checked against `library`, and every problem found (warnings
    too); None instead of the assignments where there is an error."""
    found, doc, problems = read(path)
    if found is not None:
        problems = [*problems, *check(found, doc, library)]
    return (None if found is None or has_errors(problems) else found), problems


def check(assignments: Assignments, doc: Document | None, library: Library) -> list[Problem]:
    """Located problems of the file against `library`: a scenario it does not have,
    a trainee of an assignment who is not in the class, the same scenario twice for someone."""
    problems: list[Problem] = []
    ids = [s.scenario.id for s in library.scenarios]
    where = doc.path if doc is not None else ""

    def at(loc: tuple[object, ...], message: str, hint: str | None, code: str, severity: Literal["error", "warning"] = "error") -> None:
        mark = locate(doc.value, loc) if doc is not None else None
        line, col = mark or (1, 1)
        problems.append(Problem(where, line, col, message, hint, severity, code))

    seen: dict[tuple[str, str], int] = {}
    members = {name_key(n) for n in assignments.trainees}
    for i, a in enumerate(assignments.assignments):
        if a.scenario not in ids:
            near = closest(a.scenario, ids)
            hint = f"did you mean `{near}`?" if near else "`sim list` shows the ids"
            at(("assignments", i, "scenario"), f"no scenario has the id `{a.scenario}`", hint, "unknown-scenario")
        for j, name in enumerate(a.trainees or ()):
            if members and name_key(name) not in members:
                hint = "add them under `trainees:` at the top, or check the spelling"
                at(("assignments", i, "trainees", j), f"`{name}` is not one of the class's trainees", hint, "unknown-trainee", "warning")
        for who in [*(a.trainees or ["*"])]:
            key = (a.scenario, who.casefold())
            if key in seen:
                message = f"`{a.scenario}` is assigned twice (also item {seen[key] + 1})"
                at(("assignments", i, "scenario"), message, "keep one: the class view lists each", "duplicate", "warning")
            seen.setdefault(key, i)
    return problems


MAX_ROSTER = 1 << 20


def read_roster(path: Path) -> tuple[list[str], list[Problem]]:
    """The names in a class list: one per line, `#` starts a comment, blank lines
    ignored (a spreadsheet's first column saved as text will do)."""
    try:
        text = read_limited(path, MAX_ROSTER).decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [Problem(str(path), 1, 1, "the class list is not UTF-8 text", "save it as UTF-8 text, one name per line", "error", "encoding")]
    except OSError as exc:
        why = f"the class list cannot be read: {exc.strerror or exc}"
        return [], [Problem(str(path), 1, 1, why, "check the path: a text file, one name per line", "error", "unreadable")]
    names: list[str] = []
    keys: set[str] = set()
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), 1):
        name = " ".join(clean(line.split("#", 1)[0]).split())
        if not name:
            continue
        if len(name) > 200:
            problems.append(Problem(str(path), number, 1, "this line is too long for a name", "one name per line", "error", "limit"))
        elif name_key(name) in keys:
            problems.append(Problem(str(path), number, 1, f"`{name}` is listed twice", "keep one line per trainee", "warning", "duplicate"))
        else:
            names.append(name)
            keys.add(name_key(name))
    return names, problems
