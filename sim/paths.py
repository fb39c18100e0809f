"""Where things live: the built-in content and the user's data folder."""

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
