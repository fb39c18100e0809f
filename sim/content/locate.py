"""Finding the scenario a command names: a file path or a scenario id."""

from __future__ import annotations

import os
from pathlib import Path

from sim.content.library import Library, LoadedScenario, load_library
from sim.content.problems import Problem


def dialogue_dirs(options: object) -> list[Path]:
    """The local scenario folders a command line asks for: `--dir` before and
    after the command (`dir`, `sub_dir`), then SIM_DIALOGUES (os.pathsep-separated)."""
    dirs = [*getattr(options, "dir", []), *getattr(options, "sub_dir", [])]
    env = os.environ.get("SIM_DIALOGUES")
    if env:
        dirs.extend(Path(p) for p in env.split(os.pathsep) if p)
    return dirs


def names_a_file(name: str) -> bool:
    """Whether a scenario reference is a file path rather than a scenario id
    (an id has neither a YAML suffix nor a path separator)."""
    return name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name


def is_file_reference(name: str) -> bool:
    """Whether a scenario named on the command line is a file: a path (see
    `names_a_file`), or a regular file in the working folder even without a
    suffix. A folder that happens to have a scenario's name is not one: the
    id wins (`sim play after-prison` beside a folder `after-prison/`)."""
    return names_a_file(name) or Path(name).is_file()


def unknown_id_hint(name: str, lib: Library, nothing: str = "no scenarios found") -> str:
    """What to say about an id that is not in `lib`: the closest one, else the list."""
    from sim.content.loader import did_you_mean

    ids = sorted(s.scenario.id for s in lib.scenarios)
    return did_you_mean(name, ids) or ("known scenarios: " + ", ".join(ids) if ids else nothing)


def find_scenario(name: str, extra: list[Path]) -> tuple[Library, LoadedScenario | None, list[Problem]]:
    """Load what `name` needs; problems are those that stop it from being played.
    On the command line a file in the working folder counts even without a suffix."""
    path = Path(name)
    if is_file_reference(name):
        lib = load_library([path])
        errors = [p for p in lib.problems if p.severity == "error"]
        found = lib.at(path)
        if found is None and not errors:
            errors = [Problem(str(path), 1, 1, "this file is not a scenario", "give a scenario file (personas live in profiles/)", code="io")]
        return lib, found, errors
    lib = load_library(extra, builtin_scenarios=True)
    found = lib.scenario(name)
    if found is None:
        return lib, None, [Problem(name, 1, 1, f"no scenario file or id `{name}`", unknown_id_hint(name, lib), code="io")]
    return lib, found, []
