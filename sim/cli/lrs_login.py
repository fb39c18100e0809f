"""Who to be at an LRS, for `sim export --lrs` and `sim class --from lrs`: the user from
`--user` or SIM_LRS_USER, the password from SIM_LRS_PASSWORD or asked at the terminal
(never needed on the command line, where other users could read it)."""

from __future__ import annotations

import argparse
import io
import os
from typing import TextIO

from sim.console import complain
from sim.i18n import t
from sim.text import clean


def credentials(args: argparse.Namespace, url: str, lang: str, prog: str, *, words: str = "cli.export") -> tuple[str, str] | None:
    """(user, password), or None after saying what is missing (in the catalogue's `words`.needs_user/needs_password)."""
    user = args.user or os.environ.get("SIM_LRS_USER", "")
    if not user:
        complain(prog, t(f"{words}.needs_user", lang), t("cli.export.needs_user_hint", lang), lang)
        return None
    if args.password is not None:
        return user, args.password
    if "SIM_LRS_PASSWORD" in os.environ:
        return user, os.environ["SIM_LRS_PASSWORD"]
    try:
        asked = ask_secret(t("cli.export.password_prompt", lang, user=user, url=url))
    except NoTerminal:
        complain(prog, t(f"{words}.needs_password", lang), t("cli.export.needs_password_hint", lang), lang)
        return None
    if asked is None:
        complain(prog, t("cli.lrs.no_password_given", lang), t("cli.lrs.no_password_given_hint", lang), lang)
        return None
    return user, asked


class NoTerminal(Exception):
    """There is no controlling terminal to ask at (cron, CI, a detached service)."""


def open_terminal() -> TextIO:
    """The controlling terminal, wherever stdin and stdout point; OSError without one."""
    # O_NOCTTY: a process without one must not acquire this one by asking.
    fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    return io.TextIOWrapper(io.FileIO(fd, "w+"))


def ask_secret(prompt: str) -> str | None:
    """The secret typed at the controlling terminal, unechoed; None if the input
    ends (ctrl+d) before one is given. Raises NoTerminal without a terminal.

    Asked at /dev/tty, as ssh, sudo and getpass do, rather than on stdin:
    `sim export --lrs … < statements` in a terminal still has someone to ask,
    and a redirected stdin is no reason to say there is nobody."""
    try:
        terminal = open_terminal()
    except OSError:
        raise NoTerminal from None
    import getpass

    with terminal:
        try:
            # The prompt on the terminal too, never on a redirected stderr.
            return getpass.getpass(clean(prompt), stream=terminal)
        except (EOFError, KeyboardInterrupt) as exc:
            # getpass ends its line only after an answer; without one, what
            # follows (the error, the shell's prompt) would start on the prompt's line.
            terminal.write("\n")
            terminal.flush()
            if isinstance(exc, KeyboardInterrupt):
                raise  # ctrl+c: `run` exits 130, as for any interrupted command
            return None
