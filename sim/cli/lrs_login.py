"""Who to be at an LRS, for `sim export --lrs` and `sim class --from lrs`: the user from
`--user` or SIM_LRS_USER, the password from SIM_LRS_PASSWORD or asked at the terminal
(never needed on the command line, where other users could read it)."""

from __future__ import annotations

import argparse
import os
import sys

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
    asked = ask_secret(t("cli.export.password_prompt", lang, user=user, url=url))
    if asked is None:
        complain(prog, t(f"{words}.needs_password", lang), t("cli.export.needs_password_hint", lang), lang)
        return None
    return user, asked


def ask_secret(prompt: str) -> str | None:
    """The secret typed at the terminal, unechoed; None without a terminal to ask at."""
    if not sys.stdin.isatty():
        return None
    import getpass

    try:
        return getpass.getpass(clean(prompt))
    except EOFError:  # ctrl+d at the prompt
        return None
