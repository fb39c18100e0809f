"""`sim class`: the instructor's view of a class, from the history, a folder of
reports or a Learning Record Store, as tables, JSON, CSV or one HTML file."""

from __future__ import annotations

import argparse
from datetime import datetime, time
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sim.cli.history import open_history
from sim.cli.lrs_login import credentials
from sim.cli.output import print_json, write_output
from sim.cli.practice_options import assignments, library, now
from sim.console import complain, console, decimal, literal, ui_lang
from sim.content.assignments import read_roster, same_name
from sim.content.problems import has_errors
from sim.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from sim.i18n import t, tn
from sim.reports import cohort
from sim.reports.classview import Roster, class_view

SOURCES = ("history", "reports", "lrs")
MISSED_SHOWN = 8  # in the tables; JSON, CSV and HTML have all of them
SAY_SHOWN = 70


def run_class(args: argparse.Namespace) -> int:
    lang = ui_lang(args)
    err = console(stderr=True)
    source, *where = args.source or ["history"]
    if source not in SOURCES or (source == "reports" and not where) or (source == "lrs" and len(where) != 1) or (source == "history" and where):
        complain("sim class", t("cli.class.bad_source", lang, given=" ".join(args.source or [])), t("cli.class.bad_source_hint", lang), lang)
        return EXIT_USAGE
    lib = library(args)
    given, ok = assignments(args, lib)
    if not ok:
        return EXIT_USAGE
    names = list(given.trainees) if given else []
    if args.trainees:
        listed, problems = read_roster(args.trainees)
        for p in problems:
            err.print(literal(p.format()), soft_wrap=True)
        if has_errors(problems):
            return EXIT_USAGE
        names += [n for n in listed if not any(same_name(n, m) for m in names)]

    findings = False
    if source == "history":
        with open_history(args) as store:
            attempts = cohort.from_history(store, trainee=args.trainee)
    elif source == "reports":
        from pathlib import Path

        attempts, unread = cohort.from_reports([Path(p) for p in where])
        for bad in unread:
            err.print(literal(bad.format(lang)), soft_wrap=True)
        findings = bool(unread)
    else:
        from sim.paths import cache_dir
        from sim.reports.lrs import LrsError, statements_url
        from sim.reports.lrs_read import read_attempts

        url = where[0]
        statements_url(url)  # a malformed URL fails before a password is asked
        login = credentials(args, url, lang, "sim class", words="cli.lrs")
        if login is None:
            return EXIT_USAGE
        since = datetime.combine(args.since, time(0)).astimezone() if args.since else None
        try:
            # No scenario filter at the LRS: ralph 5.1 matches no `activity` filter at all (an
            # empty class, silently); the scenario is picked out below, as for the other sources.
            user, password = login
            read = read_attempts(
                url, user=user, password=password, names=names, since=since, trainee=args.trainee, timeout=args.timeout, cache=cache_dir() / "lrs"
            )
        except LrsError as exc:
            complain("sim class", t("cli.class.lrs_failed", lang, error=exc.message_in(lang)), t("cli.class.lrs_failed_hint", lang), lang)
            return EXIT_USAGE
        attempts = read.attempts
        err.print(literal(t("cli.class.lrs_read", lang, statements=read.statements, pages=read.pages, skipped=read.skipped)), soft_wrap=True)
        if not read.complete:
            err.print(literal(t("cli.class.lrs_incomplete", lang)), soft_wrap=True)
            findings = True
    if args.trainee:
        attempts = [a for a in attempts if same_name(a.trainee, args.trainee)]
        names = [n for n in names if same_name(n, args.trainee)]
    # Assignments are judged on every session: one completed before --since, or while
    # practising another scenario's view, is still completed.
    completing = list(attempts)
    if args.since:
        start = datetime.combine(args.since, time(0)).astimezone()
        attempts = [a for a in attempts if a.started >= start]
    if args.scenario:
        attempts = [a for a in attempts if a.scenario == args.scenario]
        if given is not None:
            given = given.model_copy(update={"assignments": [a for a in given.assignments if a.scenario == args.scenario]})

    view = class_view(attempts, lib, lang, now(), roster=Roster(tuple(names)), assignments=given, source=source, completing=completing)
    code = EXIT_FINDINGS if findings else EXIT_OK
    if args.format == "json":
        if args.output is None:
            print_json(view)
        else:
            import json

            write_output(args.output, json.dumps(view, ensure_ascii=False, indent=2) + "\n", lang, "class.json")
        return code
    if args.format in ("csv", "html"):
        from sim.reports.class_files import BOM, to_csv, to_html

        text = to_csv(view, lang) if args.format == "csv" else to_html(view, lang)
        if args.format == "csv" and args.output is not None and str(args.output) != "-":
            text = BOM + text  # a file is opened by double-clicking it: Excel reads ä and ö right only with the mark
        if write_output(args.output, text, lang, f"class.{args.format}"):
            err.print(literal(t("cli.class.written", lang, path=str(args.output))), soft_wrap=True)
        return code
    out = console()
    if not view["trainees"]:
        out.print(literal(t("cli.class.empty", lang)))
        return EXIT_FINDINGS if findings else EXIT_OK
    print_text(view, out, lang)
    return code


def _short(text: str) -> str:
    return text if len(text) <= SAY_SHOWN else text[: SAY_SHOWN - 1].rstrip() + "…"


def _score(value: Any) -> str:
    return "—" if value is None else str(value)


def _signed(value: Any, lang: str) -> str:
    if value is None:
        return ""
    return ("▲" if value > 0 else "▼" if value < 0 else "=") + (decimal(abs(value), lang, 0) if value else "")


def print_text(view: dict[str, Any], out: Console, lang: str) -> None:
    """The class view as tables: who did what, the grid, the assignments, the most-missed choices."""
    title = view["class"] or t("cli.class.title", lang)
    source = t(f"cli.class.source.{view['source']}", lang)
    trainees, sessions = tn("cli.class.trainees", len(view["trainees"]), lang), tn("cli.class.sessions", view["sessions"], lang)
    heading = t("cli.class.heading", lang, title=title, sessions=sessions, trainees=trainees, source=source)
    out.print(Text(heading, style="bold"), soft_wrap=True)

    people = Table(title=t("cli.class.people", lang), title_justify="left", box=box.SIMPLE_HEAD)
    for key in ("trainee", "sessions", "first", "last", "change", "gap"):
        header = t(f"cli.class.col.{key}", lang)
        # Names and numbers whole; a scenario id may fold onto a second line at 80 columns.
        people.add_column(
            header,
            justify="left" if key in ("trainee", "first", "last") else "right",
            no_wrap=key not in ("first", "last"),
            min_width=len(header),
            overflow="fold",
        )
    for person in view["trainees"]:
        first, last = person["first"], person["last"] or person["first"]
        people.add_row(
            literal(person["name"]),
            f"{person['sessions']} ({person['passed']}✓)",
            literal(f"{_score(first['overall'])} {first['scenario']}") if first else "—",
            literal(f"{_score(last['overall'])} {last['scenario']}") if person["last"] else "",
            _signed(person["change"], lang),
            "" if person["gap"] is None else decimal(person["gap"], lang, 0),
        )
    out.print(people)

    if view["principles"]:
        grid = Table(title=t("cli.class.grid", lang), title_justify="left", box=box.SIMPLE_HEAD)
        grid.add_column(t("cli.class.col.principle", lang), min_width=14)
        for person in view["trainees"]:
            grid.add_column(literal(person["name"]), justify="right", no_wrap=True)
        for p in view["principles"]:
            cells = []
            for person in view["trainees"]:
                cell = view["grid"][person["name"]][p["id"]]
                cells.append(Text("—", style="dim") if cell["latest"] is None else Text(f"{cell['latest']} {_signed(cell['trend'], lang)}".rstrip()))
            grid.add_row(literal(p["name"]), *cells)
        out.print(grid)
        out.print(Text(t("cli.class.grid_legend", lang), style="dim"), soft_wrap=True)

    for a in view["assignments"]:
        due = t("cli.class.due", lang, due=a["due"]) if a["due"] else ""
        table = Table(
            title=literal(t("cli.class.assignment", lang, title=a["title"], done=a["done"], of=a["of"], due=due, score=a["pass"])),
            title_justify="left",
            box=box.SIMPLE_HEAD,
        )
        table.add_column(t("cli.class.col.trainee", lang))
        table.add_column(t("cli.class.col.status", lang))
        table.add_column(t("cli.class.col.best", lang), justify="right")
        for name, s in a["trainees"].items():
            status = t(f"cli.class.status.{s['status']}", lang)
            if s["late"] or s["overdue"]:
                status += " " + t("cli.class.late" if s["late"] else "cli.class.overdue", lang)
            table.add_row(literal(name), literal(status), _score(s["best"]))
        out.print(table)

    if view["missed"]:
        out.print(Text(t("cli.class.missed", lang), style="bold"))
        for row in view["missed"][:MISSED_SHOWN]:
            instead = ", ".join(t("classview.took", lang, say=_short(i["say"]), times=i["times"]) for i in row["instead"][:2])
            line = t("cli.class.missed_row", lang, title=row["title"], node=row["node"], missed=row["missed"], turns=row["turns"], instead=instead)
            out.print(literal(line), soft_wrap=True)
            if row["better"]:
                out.print(literal("    " + t("cli.class.better", lang, say=_short(row["better"][0]["say"]))), soft_wrap=True)
