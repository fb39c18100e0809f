"""`sim summary FILES_OR_DIRS`: the instructor's view of many trainees' reports."""

from __future__ import annotations

import argparse
import json
import sys

from rich import box
from rich.table import Table
from rich.text import Text

from sim.cli.main import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from sim.cli.output import console, literal
from sim.summary import ReportError, load_report, report_files, summarise


def _num(value: float | int | None) -> str:
    return "—" if value is None else f"{value:g}"


def run_summary(args: argparse.Namespace) -> int:
    err = console(stderr=True)
    files, problems = report_files(args.paths)
    reports = []
    for path in files:
        try:
            reports.append(load_report(path))
        except ReportError as exc:
            problems.append(exc)
    for problem in problems:
        err.print(literal(problem.format()), soft_wrap=True)
    if not reports:
        err.print(literal("sim summary: no reports to summarise\n    hint: make them with `sim report SESSION --format json -o FILE`"), soft_wrap=True)
        return EXIT_USAGE
    summaries = summarise(reports)
    if args.json:
        json.dump({"reports": len(reports), "scenarios": [s.as_dict() for s in summaries]}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_FINDINGS if problems else EXIT_OK

    out = console()
    for s in summaries:
        overall = s.as_dict()["overall"]
        title = f"{s.title} ({s.scenario}) — {s.sessions} session(s), {len(s.trainees)} trainee(s), overall mean {_num(overall['mean'])}"
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
        table.add_column("principle", min_width=16)
        table.add_column("n", justify="right", no_wrap=True)
        table.add_column("mean", justify="right", no_wrap=True)
        table.add_column("stdev", justify="right", no_wrap=True)
        table.add_column("min–max", justify="right", no_wrap=True)
        table.add_column("missed", justify="right", no_wrap=True)
        for p in s.principles:
            span = "—" if p.low is None else f"{p.low}–{p.high}"
            table.add_row(literal(p.name + (" ★" if p.goal else "")), str(p.n), _num(p.mean), _num(p.stdev), span, f"{p.missed}/{p.n}")
        out.print(table)
        worst = s.most_missed()
        if worst:
            out.print(literal("Most missed: " + ", ".join(f"{p.name} ({p.missed}/{p.n})" for p in worst)))
        out.print()
    out.print(Text(f"★ goal of the scenario · missed: scored below 50 or a critical miss · {len(reports)} report(s)", style="dim"))
    return EXIT_FINDINGS if problems else EXIT_OK
