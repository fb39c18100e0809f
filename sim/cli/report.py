"""`sim report SESSION`: one stored session as Markdown, HTML or JSON.

The session is rebuilt by replaying its actions on the scenario, so the
report has the full texts; if the scenario was edited since, it says so.
"""

from __future__ import annotations

import argparse
import json

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
    from sim.session.rebuild import Rebuilder

    rebuilt = Rebuilder(dialogue_dirs(args)).rebuild_record(record.row)
    lang = args.lang or record.row.lang or "en"
    assessment = record.self_assessment
    if fmt == "md":
        from sim.reports.markdown import markdown

        text = markdown(rebuilt.session, rebuilt.score, rebuilt.library, lang, assessment)
        return _markdown_header(text, record, rebuilt.content_changed, rebuilt.current_hash, lang)
    from sim.reports.json_report import report_data

    data = report_data(rebuilt.session, rebuilt.score, rebuilt.library, lang, assessment, record=record)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    from sim.reports.html import render as render_html

    return render_html(data)


def _markdown_header(text: str, record: SessionRecord, changed: bool, current: str, lang: str = "en") -> str:
    # The Markdown debrief is the TUI's; the stored session adds who and when.
    from sim.i18n import STRINGS
    from sim.reports.markdown import _md

    row = record.row
    lines = text.split("\n")
    mode = t(f"mode.{row.mode}", lang) if f"mode.{row.mode}" in STRINGS else _md(row.mode)
    extra = ["- " + t("report.session", lang, id=row.id, trainee=_md(row.trainee), started=row.started, mode=mode)]
    if changed:
        extra.append("- " + t("report.changed", lang, old=row.content_hash, new=current))
    # After the title and its blank line.
    return "\n".join(lines[:2] + extra + lines[2:]) + ("" if text.endswith("\n") else "\n")


def run_report(args: argparse.Namespace) -> int:
    with open_history(args) as store:
        record = find_record(store, args.session, args.trainee, ui_lang(args))
    text = render(record, args.format, args)
    if write_output(args.output, text, ui_lang(args), example=f"report.{args.format}"):
        console(stderr=True).print(literal(t("cli.wrote", ui_lang(args), path=str(args.output))), soft_wrap=True)
    return EXIT_OK
