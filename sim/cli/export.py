"""`sim export --xapi`: the history as xAPI statements, to a file, standard
output or a Learning Record Store."""

from __future__ import annotations

import argparse
import json
import os
import sys

from sim.cli.history import open_history
from sim.cli.main import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from sim.cli.output import console, literal
from sim.cli.report import write_report


def run_export(args: argparse.Namespace) -> int:
    err = console(stderr=True)
    if not args.xapi:
        err.print(literal("sim export: error: choose what to export\n    hint: `sim export --xapi` writes xAPI statements"), soft_wrap=True)
        return EXIT_USAGE
    user = args.user or os.environ.get("SIM_LRS_USER", "")
    password = args.password if args.password is not None else os.environ.get("SIM_LRS_PASSWORD", "")
    if args.lrs and not user:
        err.print(literal("sim export: error: --lrs needs --user (or SIM_LRS_USER)\n    hint: the LRS's key and secret go in --user and --password"), soft_wrap=True)
        return EXIT_USAGE

    from sim.xapi import base_iri, statements

    if args.lrs:
        from sim.lrs import statements_url

        statements_url(args.lrs)  # a malformed URL fails before anything is queued

    base = base_iri()
    if not os.environ.get("SIM_XAPI_SALT"):
        err.print(
            literal("note: SIM_XAPI_SALT is not set, so anyone who guesses a trainee's name can find their statements; set it to an organisation-wide secret"),
            soft_wrap=True,
        )
    with open_history(args) as store:
        batches = []
        for row in store.sessions(trainee=args.trainee):
            record = store.session(row.id)
            if record is not None:
                batches.append((row.id, statements(record, base=base)))
        flat = [st for _, sts in batches for st in sts]
        if args.output is not None:
            write_report(args.output, json.dumps(flat, ensure_ascii=False, indent=2) + "\n")
            err.print(literal(f"wrote {len(flat)} statement(s) from {len(batches)} session(s) to {args.output}"), soft_wrap=True)
        elif not args.lrs:
            json.dump(flat, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        if not args.lrs:
            return EXIT_OK

        from sim.lrs import deliver

        store.enqueue_statements((sid, pos, st) for sid, sts in batches for pos, st in enumerate(sts))
        result = deliver(store, args.lrs, user=user, password=password, timeout=args.timeout)
    if result.error is not None:
        err.print(literal(result.error.format()), soft_wrap=True)
        err.print(
            literal(f"sent {result.sent} statement(s); {result.pending} stay queued and are sent by the next `sim export --xapi --lrs`"),
            soft_wrap=True,
        )
        return EXIT_FINDINGS
    err.print(literal(f"sent {result.sent} statement(s) to {args.lrs}; none queued"), soft_wrap=True)
    return EXIT_OK

