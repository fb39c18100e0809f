"""Where things live: the built-in content, the user's data folder and the cache."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_root() -> Path:
    """The folder holding the built-in `dialogues/` and `profiles/`.

    An installed wheel carries them inside the package; a source checkout
    (including an editable install) has them at the top of the repository.
    """
    packaged = _PACKAGE / "_builtin"
    if (packaged / "dialogues").is_dir():
        return packaged
    return _PACKAGE.parent


def builtin_dialogues() -> Path:
    return builtin_root() / "dialogues"


def builtin_profiles() -> Path:
    return builtin_root() / "profiles"


def data_dir() -> Path:
    """The per-user data folder (journals, history); `SIM_HOME` overrides it."""
    override = os.environ.get("SIM_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("encounter-sim", appauthor=False)


def cache_dir() -> Path:
    """The per-user cache folder (the start-up index): anything in it can be
    rebuilt, so it sits where the platform keeps caches (XDG_CACHE_HOME),
    never among the journals that are the trainee's own data."""
    from platformdirs import user_cache_path

    return user_cache_path("encounter-sim", appauthor=False)
