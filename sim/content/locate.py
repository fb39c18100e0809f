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


def find_scenario(name: str, extra: list[Path]) -> tuple[Library, LoadedScenario | None, list[Problem]]:
    """Load what `name` needs; problems are those that stop it from being played."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        lib = load_library([path])
        errors = [p for p in lib.problems if p.severity == "error"]
        found = next((s for s in lib.scenarios if s.path.resolve() == path.resolve()), None)
        if found is None and not errors:
            errors = [Problem(str(path), 1, 1, "this file is not a scenario", "give a scenario file (personas live in profiles/)", code="io")]
        return lib, found, errors
    lib = load_library(extra, builtin_scenarios=True)
    found = lib.scenario(name)
    if found is None:
        from sim.content.loader import did_you_mean

        ids = [s.scenario.id for s in lib.scenarios]
        hint = did_you_mean(name, ids) or ("known scenarios: " + ", ".join(ids) if ids else "no scenarios found")
        return lib, None, [Problem(name, 1, 1, f"no scenario file or id `{name}`", hint, code="io")]
    return lib, found, []
