"""`sim next [--trainee NAME] [--json]`: what the trainee should practise next, and why."""

from __future__ import annotations

import argparse

from rich import box
from rich.table import Table
from rich.text import Text

from sim.cli.history import open_history
from sim.cli.output import print_json
from sim.cli.practice_options import assignments, library, now
from sim.console import console, literal, ui_lang, word
from sim.errors import EXIT_OK, EXIT_USAGE
from sim.i18n import t
from sim.reports import practice
from sim.session.settings import known_trainee


def run_next(args: argparse.Namespace) -> int:
    lang = ui_lang(args)
    lib = library(args)
    given, ok = assignments(args, lib)
    if not ok:
        return EXIT_USAGE
    trainee = args.trainee or known_trainee()
    with open_history(args) as store:
        plan = practice.plan(store, lib, trainee, now(), assignments=given)
    if args.json:
        print_json(practice.as_dict(plan, lib, lang))
        return EXIT_OK
    out = console()
    rec = plan.recommendation
    if rec is None:
        out.print(literal(t("next.none", lang)))
        return EXIT_USAGE
    title = lib.scenario_title(rec.scenario, lang)
    out.print(Text(t("next.headline", lang, scenario=title, mode=word("mode", rec.mode, lang)), style="bold"))
    out.print(literal(practice.reason(plan, lib, lang)), soft_wrap=True)
    out.print(Text(f"sim play {rec.scenario}" + (" --mode assessment" if rec.mode == "assessment" else ""), style="dim"))
    data = practice.as_dict(plan, lib, lang)
    if data["assignments"]:
        table = Table(title=t("cli.next.assignments", lang), title_justify="left", box=box.SIMPLE_HEAD)
        for key in ("scenario", "due", "pass", "status"):
            table.add_column(t(f"cli.next.col.{key}", lang))
        for a in data["assignments"]:
            status = t("cli.next.done", lang) if a["done"] else t("cli.next.overdue", lang) if a["overdue"] else t("cli.next.open", lang)
            due = f"{a['due']} ({a['when']})" if a["due"] else "—"
            table.add_row(literal(a["title"]), literal(due), str(a["pass"]), literal(status))
        out.print(table)
    return EXIT_OK
