"""`sim report SESSION`: one stored session as Markdown, HTML or JSON.

The session is rebuilt by replaying its actions on the scenario, so the
report has the full texts; if the scenario was edited since, it says so.
"""

from __future__ import annotations

import argparse

from sim.cli.history import open_history
from sim.cli.output import CliError, write_output
from sim.console import console, literal, ui_lang
from sim.content.locate import dialogue_dirs
from sim.errors import EXIT_OK
from sim.i18n import t
from sim.session.history import SessionRecord, Store


def find_record(store: Store, wanted: str, trainee: str | None = None, lang: str = "en") -> SessionRecord:
    """`last`, a session id, or the unique start of one."""
    if wanted == "last":
        sid = store.last_id(trainee=trainee)
        if sid is None:
            raise CliError(lang, "last", t("cli.report.no_sessions", lang), t("cli.report.no_sessions_hint", lang))
    else:
        ids = store.find_ids(wanted)
        if not ids:
            raise CliError(lang, wanted, t("cli.report.no_such", lang), t("cli.report.no_such_hint", lang))
        if len(ids) > 1:
            shown = ", ".join(ids[:5]) + (", …" if len(ids) > 5 else "")
            raise CliError(lang, wanted, t("cli.report.ambiguous", lang, count=len(ids), shown=shown), t("cli.report.ambiguous_hint", lang))
        sid = ids[0]
    record = store.session(sid)
    assert record is not None
    return record


def render(record: SessionRecord, fmt: str, args: argparse.Namespace) -> str:
    from sim.reports.data import render, report_data
    from sim.session.rebuild import Rebuilder

    rebuilt = Rebuilder(dialogue_dirs(args)).rebuild_record(record.row)
    lang = args.lang or record.row.lang or "en"
    return render(report_data(rebuilt.session, rebuilt.score, rebuilt.library, lang, record.self_assessment, record=record), fmt)


def run_report(args: argparse.Namespace) -> int:
    with open_history(args) as store:
        record = find_record(store, args.session, args.trainee, ui_lang(args))
    text = render(record, args.format, args)
    if write_output(args.output, text, ui_lang(args), example=f"report.{args.format}"):
        console(stderr=True).print(literal(t("cli.wrote", ui_lang(args), path=str(args.output))), soft_wrap=True)
    return EXIT_OK
