"""Console output shared by the commands: authored text is never markup."""

from __future__ import annotations

import os
import sys
from typing import IO

from rich.console import Console
from rich.text import Text

from sim.text import clean


def console(file: IO[str] | None = None, *, stderr: bool = False) -> Console:
    # A fixed width off a terminal keeps piped output byte-identical run to run.
    stream = file or (sys.stderr if stderr else sys.stdout)
    width = None if stream.isatty() else 100
    return Console(
        file=stream,
        width=width,
        highlight=False,
        emoji=False,
        markup=False,
        no_color=bool(os.environ.get("NO_COLOR")) or None,
    )


def literal(text: str, style: str = "") -> Text:
    """Authored or user-given text, shown exactly as written but safe."""
    return Text(clean(text), style=style)


def ui_lang(args: object) -> str:
    """The language of a command's own words: its `--lang`, else `sim --lang`,
    else SIM_LANG or the locale."""
    from sim.i18n import default_lang

    return getattr(args, "lang", None) or getattr(args, "ui_lang", None) or default_lang()
