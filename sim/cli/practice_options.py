"""What `sim next` and `sim class` share: the history, the library and the class's assignment file."""

from __future__ import annotations

import argparse
from datetime import datetime

from sim.console import console, literal
from sim.content.assignments import Assignments, default_path, load_checked
from sim.content.library import Library, load_library
from sim.content.locate import dialogue_dirs
from sim.paths import data_dir


def library(args: argparse.Namespace) -> Library:
    return load_library(dialogue_dirs(args), builtin_scenarios=True)


def assignments(args: argparse.Namespace, lib: Library) -> tuple[Assignments | None, bool]:
    """The class's assignments (`--assignments FILE`, else SIM_ASSIGNMENTS, else the data
    folder's assignments.yaml), with its located problems printed; False when it has errors."""
    path = args.assignments or default_path(data_dir())
    if path is None:
        return None, True
    found, problems = load_checked(path, lib)
    err = console(stderr=True)
    for p in problems:  # located lines stay English, as `sim validate`'s do
        err.print(literal(p.format()), soft_wrap=True)
    return found, found is not None


def now() -> datetime:
    """The local time, timezone-aware: due dates fall at the end of a local day."""
    return datetime.now().astimezone()

