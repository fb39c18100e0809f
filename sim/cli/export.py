"""`sim export --xapi`: the history as xAPI statements, to a file, standard
output or a Learning Record Store; and, with `--status`, `--skip`, `--unskip`
or `--drop`, the queue of statements waiting for an LRS."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING

from sim.cli.history import open_history
from sim.cli.lrs_login import credentials
from sim.cli.output import write_output
from sim.console import complain, console, literal, ui_lang
from sim.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from sim.i18n import t
from sim.text import clean, clean_tree

if TYPE_CHECKING:
    from rich.console import Console

    from sim.session.history import QueuedStatement, Store

SHOWN_REJECTED = 3  # statements rejected one by one, told in full after an export; --status lists them all
SHOWN_PER_REASON = 5  # statements listed under one reason by --status


def run_export(args: argparse.Namespace) -> int:
    err = console(stderr=True)
    lang = ui_lang(args)
    if not args.xapi:
        complain("sim export", t("cli.export.choose", lang), t("cli.export.choose_hint", lang), lang)
        return EXIT_USAGE
    if args.status or args.skip or args.unskip or args.drop:
        return _queue(args, lang)
    user = password = ""
    if args.lrs:
        from sim.reports.lrs import statements_url

        statements_url(args.lrs)  # a malformed URL fails before anything is asked or queued
        login = credentials(args, args.lrs, lang, "sim export")
        if login is None:
            return EXIT_USAGE
        user, password = login

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

        from sim.reports.lrs import deliver, statements_url

        # Queued by session and position (and the base, which the id depends on): the
        # statements are built again when sent, with the salt of that moment.
        url = statements_url(args.lrs)
        store.enqueue_statements(url, ((st["id"], sid, pos, base) for sid, sts in batches for pos, st in enumerate(sts)))
        result = deliver(store, url, user=user, password=password, timeout=args.timeout)
    for error in result.rejected[:SHOWN_REJECTED]:
        err.print(literal(error.format(lang)), soft_wrap=True)
    if len(result.rejected) > SHOWN_REJECTED:
        err.print(literal(t("cli.export.more_rejected", lang, count=len(result.rejected) - SHOWN_REJECTED)), soft_wrap=True)
    if result.error is not None:
        err.print(literal(result.error.format(lang)), soft_wrap=True)
    if result.skipped:
        err.print(literal(t("cli.export.skipped_left", lang, count=result.skipped, url=url)), soft_wrap=True)
    if result.error is not None or result.pending:
        err.print(literal(t("cli.export.queued", lang, sent=result.sent, pending=result.pending)), soft_wrap=True)
        err.print(literal(t("cli.export.see_status", lang, url=url)), soft_wrap=True)
        return EXIT_FINDINGS
    err.print(literal(t("cli.export.sent", lang, sent=result.sent, url=url)), soft_wrap=True)
    return EXIT_OK


# --- the queue of an LRS ----------------------------------------------------------------


def _queue(args: argparse.Namespace, lang: str) -> int:
    """`--status`, `--skip`, `--unskip`, `--drop`: nothing is built or sent."""
    from sim.reports.lrs import statements_url
    from sim.session.history import Store

    url = statements_url(args.lrs) if args.lrs else None
    if args.status:
        with Store() as store:
            return _status(store, [url] if url else store.outbox_endpoints(), lang)
    action, parts = ("skip", args.skip) if args.skip else ("unskip", args.unskip) if args.unskip else ("drop", args.drop)
    option = f"--{action}"
    if url is None:
        complain("sim export", t("cli.export.needs_lrs", lang, option=option), t("cli.export.needs_lrs_hint", lang), lang)
        return EXIT_USAGE
    with Store() as store:
        rows: dict[str, QueuedStatement] = {}
        for part in parts:
            found = [r for r in store.find_queued(url, part.strip()) if action != "unskip" or r.skipped]
            if not found:
                unknown = "cli.export.unknown_skipped" if action == "unskip" else "cli.export.unknown_id"
                complain("sim export", t(unknown, lang, id=part, url=url), t("cli.export.unknown_id_hint", lang, url=url), lang)
                return EXIT_USAGE
            if len(found) > 1:
                complain("sim export", t("cli.export.ambiguous_id", lang, id=part, count=len(found)), t("cli.export.ambiguous_id_hint", lang), lang)
                return EXIT_USAGE
            rows[found[0].id] = found[0]
        if action != "unskip" and not args.yes:
            # Setting aside or forgetting what an LRS should get is asked about first.
            if not sys.stdin.isatty():
                complain("sim export", t("cli.export.needs_yes", lang, option=option), t("cli.export.needs_yes_hint", lang), lang)
                return EXIT_USAGE
            err = console(stderr=True)
            for row in rows.values():
                _print_row(err, row, lang)
                if row.last_error:
                    err.print(literal(f"      {clean(row.last_error)}"), soft_wrap=True)
            if not _ask_yes(t(f"cli.export.confirm.{action}", lang, count=len(rows), url=url), lang):
                err.print(literal(t("cli.export.declined", lang)), soft_wrap=True)
                return EXIT_FINDINGS
        ids = list(rows)
        changed = store.drop_statements(url, ids) if action == "drop" else store.skip_statements(url, ids, skip=action == "skip")
    console(stderr=True).print(literal(t(f"cli.export.done.{action}", lang, count=changed, url=url)), soft_wrap=True)
    return EXIT_OK


def _status(store: Store, endpoints: list[str], lang: str) -> int:
    """What is queued for each endpoint, grouped by why its last attempt failed.
    Exit 1 when something stays queued, skipped statements included."""
    out = console()
    if not endpoints:
        out.print(literal(t("cli.export.status.nothing", lang)), soft_wrap=True)
        return EXIT_OK
    queued = False
    for endpoint in endpoints:
        counts = store.outbox_counts(endpoint)
        if not (counts.queued or counts.sent or counts.dropped):
            out.print(literal(t("cli.export.status.never", lang, url=endpoint)), soft_wrap=True)
            continue
        label = endpoint or t("cli.export.status.unassigned", lang)
        fields = {"pending": counts.pending, "skipped": counts.skipped, "sent": counts.sent, "dropped": counts.dropped}
        out.print(literal(t("cli.export.status.endpoint", lang, url=label, **fields)), soft_wrap=True)
        queued = queued or counts.queued > 0
        groups: dict[tuple[int, str], list[QueuedStatement]] = {}
        for row in store.queued_statements(endpoint):
            # Failed ones first, by reason; then those not tried yet; then the skipped.
            key = (2, "") if row.skipped else (0, row.last_error) if row.last_error else (1, "")
            groups.setdefault(key, []).append(row)
        for (kind, error), rows in groups.items():
            if kind == 0:
                out.print(literal(t("cli.export.status.failed", lang, count=len(rows), error=clean(error))), soft_wrap=True)
            else:
                out.print(literal(t("cli.export.status.skipped" if kind == 2 else "cli.export.status.untried", lang, count=len(rows))), soft_wrap=True)
            for row in rows[:SHOWN_PER_REASON]:
                _print_row(out, row, lang)
            if len(rows) > SHOWN_PER_REASON:
                out.print(literal(t("cli.export.status.more", lang, count=len(rows) - SHOWN_PER_REASON)), soft_wrap=True)
    return EXIT_FINDINGS if queued else EXIT_OK


def _print_row(out: Console, row: QueuedStatement, lang: str) -> None:
    line = t("cli.export.status.item", lang, id=row.id, session=clean(row.session_id), position=row.position, attempts=row.attempts)
    out.print(literal(line), soft_wrap=True)


def _ask_yes(question: str, lang: str) -> bool:
    """The answer to a yes/no question at the terminal; no unless it is yes."""
    sys.stderr.write(clean(question))
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline()
    except (EOFError, OSError):
        return False
    return answer.strip().lower() in t("cli.export.yes_words", lang).split()
