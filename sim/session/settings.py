"""The trainee's settings, kept in the data folder: for now, the name their
sessions are recorded under.

Per data folder, not per machine. Under `sim serve` every browser tab is a
process of its own that shares the server's data folder, so there
(SIM_ASK_NAME=1) the name is asked at every start and never saved for the
next tab. Headless: no Textual here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sim.files import read_limited
from sim.paths import data_dir

SETTINGS_NAME = "settings.json"
MAX_NAME = 80  # a name, not an essay: it is shown in headers and tables
ASK_NAME_ENV = "SIM_ASK_NAME"  # set by `sim serve` for the app process of each tab


def asks_name_each_start() -> bool:
    return os.environ.get(ASK_NAME_ENV) == "1"


def settings_path() -> Path:
    return data_dir() / SETTINGS_NAME


def load() -> dict[str, Any]:
    """The settings, or none: a missing, unreadable or damaged file must not
    stop the simulator starting (the trainee is just asked again)."""
    try:
        data = json.loads(read_limited(settings_path(), 1024 * 1024))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def normalize_name(name: str) -> str:
    return " ".join(name.split())[:MAX_NAME]


def trainee() -> str | None:
    """The name the trainee gave, if they have given one."""
    if asks_name_each_start():
        return None
    name = load().get("trainee")
    if isinstance(name, str) and normalize_name(name):
        return normalize_name(name)
    return None


def default_trainee() -> str:
    """Who plays when no name is given: SIM_TRAINEE, else the login name."""
    import getpass

    name = os.environ.get("SIM_TRAINEE", "").strip()
    if name:
        return name
    try:
        return getpass.getuser() or "trainee"
    except (OSError, KeyError, ImportError):
        return "trainee"


def known_trainee() -> str:
    """Whose sessions a start can show before asking anything: the name
    given, else SIM_TRAINEE or the login name; "" (nobody yet) where every
    start asks, as a tab of `sim serve` must not see the previous tab's."""
    if asks_name_each_start():
        return ""
    return trainee() or default_trainee()


def save_trainee(name: str) -> None:
    """Remember `name` (raises OSError when the data folder cannot be written)."""
    if asks_name_each_start():
        return  # this tab's name lives in its process only
    from sim.files import write_file

    data = load()
    data["trainee"] = normalize_name(name)
    write_file(settings_path(), json.dumps(data, ensure_ascii=False, indent=2) + "\n", parents=True)
