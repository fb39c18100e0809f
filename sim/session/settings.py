"""The trainee's settings, kept in the data folder: the name their sessions
are recorded under, the theme they chose (dark or light), their time limits.

Per data folder, not per machine. Under `sim serve` every browser tab is a
process of its own that shares the server's data folder, so there
(SIM_ASK_NAME=1) the settings live in the tab: the name is asked at every
start, and nothing chosen is saved for the next tab. Headless: no Textual here.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from sim.files import read_limited
from sim.paths import data_dir

SETTINGS_NAME = "settings.json"
MAX_NAME = 80  # a name, not an essay: it is shown in headers and tables
ASK_NAME_ENV = "SIM_ASK_NAME"  # set by `sim serve` for the app process of each tab
THEMES = ("dark", "light")

# The settings are read, changed and written whole: one change at a time, or
# a theme saved while the name is being saved could put the old name back.
_WRITING = threading.RLock()  # re-entered by a save that reads, changes and saves one key


KEY_GUARD_ENV = "SIM_KEY_GUARD_MS"
KEY_GUARD_MS = 300  # longer than a double press or a key bounce, shorter than reading one option


def key_guard_seconds() -> float:
    """How long new options must have been on screen before a choice key
    counts: SIM_KEY_GUARD_MS (0–5000), else 300 ms. A key typed sooner was
    meant for the options before (a double press, a fast typist)."""
    value = os.environ.get(KEY_GUARD_ENV, "").strip()
    ms = int(value) if value.isdigit() and int(value) <= 5000 else KEY_GUARD_MS
    return ms / 1000


TYPING_ENV = "SIM_TYPING_MS"
TYPING_MS = 1500  # the longest a chat client is seen typing


def typing_seconds() -> float:
    """The longest a chat client's reply is shown as being typed before it
    appears: SIM_TYPING_MS (0–10000; 0 turns it off), else 1.5 s."""
    value = os.environ.get(TYPING_ENV, "").strip()
    ms = int(value) if value.isdigit() and int(value) <= 10_000 else TYPING_MS
    return ms / 1000


def typing_delay(chars: int, longest: float) -> float:
    """How long a reply of `chars` characters is typed: a moment to start, then
    faster than anyone types (the trainee waits, nothing more), at most `longest`."""
    return 0.0 if longest <= 0 else min(longest, 0.4 + 0.01 * chars)


TIME_LIMITS = ("normal", "double", "off")  # an accessibility setting: every time limit as written, doubled, or none
# Under `sim serve`: each tab's choices, never saved for the next tab (by setting, then trainee).
_tab_choices: dict[str, dict[str, object]] = {}


def _chosen(key: str, trainee: str) -> object:
    """What `trainee` chose for the setting `key`, as saved (None if nothing)."""
    if asks_name_each_start():
        return _tab_choices.get(key, {}).get(trainee)
    chosen = load().get(key)
    return chosen.get(trainee) if isinstance(chosen, dict) else None


def _choose(key: str, trainee: str, value: object) -> None:
    """Remember `trainee`'s `value` for `key` (raises OSError when the data folder cannot be written)."""
    if asks_name_each_start():
        _tab_choices.setdefault(key, {})[trainee] = value
        return
    with _WRITING:
        chosen = load().get(key)
        chosen = dict(chosen) if isinstance(chosen, dict) else {}
        chosen[trainee] = value
        _save(key, chosen)


def time_limits(trainee: str) -> str:
    """`trainee`'s time-limit setting: "normal" unless they chose another."""
    value = _chosen("time_limits", trainee)
    return value if isinstance(value, str) and value in TIME_LIMITS else "normal"


def save_time_limits(trainee: str, value: str) -> None:
    """Remember `trainee`'s setting (raises OSError when the data folder cannot be written)."""
    if value not in TIME_LIMITS:
        raise ValueError(value)
    _choose("time_limits", trainee, value)


def own_words(trainee: str) -> bool:
    """Whether `trainee` answers in their own words (typed, then matched) rather than from the list."""
    return _chosen("own_words", trainee) is True


def save_own_words(trainee: str, value: bool) -> None:
    """Remember `trainee`'s choice (raises OSError when the data folder cannot be written)."""
    _choose("own_words", trainee, bool(value))


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
    _save("trainee", normalize_name(name))


def theme() -> str | None:
    """The theme chosen last, "dark" or "light"; None if never chosen (or in a tab of `sim serve`)."""
    if asks_name_each_start():
        return None
    chosen = load().get("theme")
    return chosen if chosen in THEMES else None


def save_theme(name: str) -> None:
    """Remember the theme for the next start (raises OSError when the data folder cannot be written)."""
    if name not in THEMES:
        raise ValueError(f"no theme {name!r}: {' or '.join(THEMES)}")
    if asks_name_each_start():
        return  # the next tab is someone else's
    _save("theme", name)


def _save(key: str, value: object) -> None:
    from sim.files import write_file

    with _WRITING:
        data = load()
        data[key] = value
        write_file(settings_path(), json.dumps(data, ensure_ascii=False, indent=2) + "\n", parents=True)
