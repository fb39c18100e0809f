"""Which language to show: `--lang`, else the locale, else English."""

from __future__ import annotations

import os

SUPPORTED = ("en", "fi")


def default_lang() -> str:
    for var in ("SIM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            if code in SUPPORTED:
                return code
            if var == "SIM_LANG":
                break
    return "en"
