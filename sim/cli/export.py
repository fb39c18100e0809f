"""`sim export --xapi`: the history as xAPI statements, to a file, standard
output or a Learning Record Store."""

from __future__ import annotations

import argparse
import json
import os
import sys

from sim.cli.history import open_history
from sim.cli.output import write_output
from sim.console import complain, console, literal, ui_lang
from sim.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from sim.i18n import t
from sim.text import clean, clean_tree


def run_export(args: argparse.Namespace) -> int:
    err = console(stderr=True)
    lang = ui_lang(args)
    if not args.xapi:
        complain("sim export", t("cli.export.choose", lang), t("cli.export.choose_hint", lang), lang)
        return EXIT_USAGE
    user = args.user or os.environ.get("SIM_LRS_USER", "")
    password = args.password if args.password is not None else os.environ.get("SIM_LRS_PASSWORD", "")
    if args.lrs and not user:
        complain("sim export", t("cli.export.needs_user", lang), t("cli.export.needs_user_hint", lang), lang)
        return EXIT_USAGE
    if args.lrs:
        from sim.reports.lrs import statements_url

        statements_url(args.lrs)  # a malformed URL fails before anything is asked or queued
    if args.lrs and args.password is None and "SIM_LRS_PASSWORD" not in os.environ:
        # Never needed on the command line, where other users could read it.
        asked = _ask_secret(t("cli.export.password_prompt", lang, user=user, url=args.lrs))
        if asked is None:
            complain("sim export", t("cli.export.needs_password", lang), t("cli.export.needs_password_hint", lang), lang)
            return EXIT_USAGE
        password = asked

    from sim.reports.xapi import base_iri, statements

    base = base_iri()
    if not os.environ.get("SIM_XAPI_SALT"):
        err.print(literal(t("cli.export.no_salt", lang)), soft_wrap=True)
    with open_history(args) as store:
        batches = []
        for row in store.sessions(trainee=args.trainee):
            record = store.session(row.id)
            if record is not None:
                batches.append((row.id, statements(record, base=base)))
        flat = [st for _, sts in batches for st in sts]
        # With --lrs, the statements go to a file only when -o asks for it.
        to_file = args.output is not None or not args.lrs
        if to_file and write_output(args.output, json.dumps(clean_tree(flat), ensure_ascii=False, indent=2) + "\n", lang, example="statements.json"):
            err.print(literal(t("cli.export.wrote", lang, statements=len(flat), sessions=len(batches), path=args.output)), soft_wrap=True)
        if not args.lrs:
            return EXIT_OK

        from sim.reports.lrs import deliver

        store.enqueue_statements((sid, pos, st) for sid, sts in batches for pos, st in enumerate(sts))
        result = deliver(store, args.lrs, user=user, password=password, timeout=args.timeout)
    if result.error is not None:
        err.print(literal(result.error.format(lang)), soft_wrap=True)
        err.print(literal(t("cli.export.queued", lang, sent=result.sent, pending=result.pending)), soft_wrap=True)
        return EXIT_FINDINGS
    err.print(literal(t("cli.export.sent", lang, sent=result.sent, url=args.lrs)), soft_wrap=True)
    return EXIT_OK


def _ask_secret(prompt: str) -> str | None:
    """The secret typed at the terminal, unechoed; None without a terminal to ask at."""
    if not sys.stdin.isatty():
        return None
    import getpass

    try:
        return getpass.getpass(clean(prompt))
    except EOFError:  # ctrl+d at the prompt
        return None

