"""`sim completion SHELL`, and the answers `sim` gives when that shell asks
how a command line could go on: commands, options, their values, scenario ids
and files.

argcomplete does the shells' side (bash, zsh, fish): the script it writes
calls `sim` back with the command line in the environment, and `complete`
answers from the same parser that runs the command, so what the shell offers
is never out of step with what `sim` accepts.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from sim.errors import EXIT_OK

SHELLS = ("bash", "zsh", "fish")


def asked() -> bool:
    """Whether this process was started by a shell asking for completions."""
    return "_ARGCOMPLETE" in os.environ


def complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell and exit; `asked()` must be true."""
    import argcomplete

    argcomplete.autocomplete(parser, always_complete_options=False)  # options once a "-" is typed


def scenario_names(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
    """Scenario ids, built-in and from `--dir`/SIM_DIALOGUES, then files: the
    scenario argument takes either."""
    from argcomplete.completers import FilesCompleter

    from sim.content.locate import dialogue_dirs
    from sim.session.catalog import scenario_ids

    try:
        ids = scenario_ids(dialogue_dirs(parsed_args))
    except Exception:  # noqa: BLE001 - a completion never breaks the shell's line: offer files alone
        ids = []
    return [i for i in ids if i.startswith(prefix)] + list(FilesCompleter(("yaml", "yml"))(prefix))


def run_completion(args: argparse.Namespace) -> int:
    from argcomplete.shell_integration import shellcode

    print(shellcode(["sim"], shell=args.shell), end="")
    return EXIT_OK
