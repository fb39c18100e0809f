"""`sim summary FILES_OR_DIRS`: the instructor's view of many trainees' reports."""

from __future__ import annotations

import argparse

from rich import box
from rich.table import Table
from rich.text import Text

from sim.cli.output import print_json
from sim.console import complain, console, decimal, literal, ui_lang
from sim.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from sim.i18n import t
from sim.reports.summary import ReportError, load_report, report_files, summarise


def run_summary(args: argparse.Namespace) -> int:
    """The tables and a file's own problem (`path: message`) in the user's language."""
    err = console(stderr=True)
    lang = ui_lang(args)
    files, problems = report_files(args.paths)
    reports = []
    for path in files:
        try:
            reports.append(load_report(path))
        except ReportError as exc:
            problems.append(exc)
    for problem in problems:
        err.print(literal(problem.format(lang)), soft_wrap=True)
    if not reports:
        complain("sim summary", t("cli.summary.none", lang), t("cli.summary.none_hint", lang), lang)
        return EXIT_USAGE
    summaries = summarise(reports)
    if args.json:
        print_json({"reports": len(reports), "scenarios": [s.as_dict() for s in summaries]})
        return EXIT_FINDINGS if problems else EXIT_OK

    out = console()
    for s in summaries:
        overall = s.as_dict()["overall"]
        title = t(
            "cli.summary.title", lang, title=s.title, id=s.scenario, sessions=s.sessions, trainees=len(s.trainees), mean=decimal(overall["mean"], lang)
        )
        table = Table(title=literal(title), title_justify="left", box=box.SIMPLE_HEAD)
        table.add_column(t("cli.summary.col.principle", lang), min_width=16)
        for column in ("n", "mean", "stdev", "range", "missed"):
            table.add_column(t(f"cli.summary.col.{column}", lang), justify="right", no_wrap=True)
        for p in s.principles:
            span = "—" if p.low is None else f"{p.low}–{p.high}"
            cells = (str(p.n), decimal(p.mean, lang), decimal(p.stdev, lang), span, f"{p.missed}/{p.n}")
            table.add_row(literal(p.name + (" ★" if p.goal else "")), *cells)
        out.print(table)
        worst = s.most_missed()
        if worst:
            out.print(literal(t("cli.summary.most_missed", lang, principles=", ".join(f"{p.name} ({p.missed}/{p.n})" for p in worst))))
        out.print()
    out.print(Text(t("cli.summary.footer", lang, count=len(reports)), style="dim"))
    return EXIT_FINDINGS if problems else EXIT_OK
