"""`sim fuzz`: seeded random playthroughs of one scenario, with the problems
found and how the runs ended. Exit 1 when a problem was found."""

from __future__ import annotations

import argparse
import shlex
from dataclasses import asdict
from typing import Any

from rich.table import Table
from rich.text import Text

from sim.authoring.fuzz import NOT_ENDED, FuzzProblem, FuzzReport, Spread, fuzz
from sim.cli.output import print_json
from sim.console import (
    complain,
    console,
    decimal,
    ending_kind,
    literal,
    number,
    percent,
    scenario_or_report,
    ui_lang,
)
from sim.content.locate import dialogue_dirs
from sim.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from sim.i18n import t, tn

MAX_RUNS = 1_000_000
MAX_TURNS = 100_000


def run_fuzz(args: argparse.Namespace) -> int:
    lang = ui_lang(args)
    if not 1 <= args.runs <= MAX_RUNS or args.seed < 0 or not 1 <= args.max_turns <= MAX_TURNS:
        complain(
            "sim fuzz",
            t("cli.fuzz.bad_args", lang, max_runs=number(MAX_RUNS, lang), max_turns=number(MAX_TURNS, lang)),
            t("cli.fuzz.bad_args_hint", lang, scenario=args.scenario),
            lang,
        )
        return EXIT_USAGE
    loaded = scenario_or_report(args.scenario, dialogue_dirs(args))
    if loaded is None:
        return EXIT_USAGE
    lib, found = loaded
    critical = lib.critical_principles
    report = fuzz(found.scenario, lib.profile_for(found.scenario), runs=args.runs, seed=args.seed, max_turns=args.max_turns, critical_principles=critical)
    if args.json:
        print_json(as_json(report, args.scenario))
    else:
        print_report(report, args.scenario, lang)
    return EXIT_FINDINGS if report.problems else EXIT_OK


def replay_commands(p: FuzzProblem, scenario_arg: str) -> list[str]:
    name = shlex.quote(scenario_arg)
    commands = [f"sim fuzz {name} --seed {p.seed} --runs 1"]
    if p.actions:
        commands.append(f"sim walk {name} --seed {p.seed} --choices {shlex.quote(','.join(p.actions))}")
    return commands


def _spread(s: Spread | None) -> dict[str, Any] | None:
    return None if s is None else asdict(s)


def as_json(report: FuzzReport, scenario_arg: str) -> dict[str, Any]:
    return {
        "scenario": report.scenario,
        "runs": report.runs,
        "seed": report.seed,
        "max_turns": report.max_turns,
        "endings": report.endings,
        "turns": _spread(report.turns),
        "words_per_turn": _spread(report.words),
        "minutes": report.minutes,
        "overall": _spread(report.overall),
        "scores": {pid: _spread(s) for pid, s in report.scores.items()},
        "unvisited": report.unvisited,
        "problems": [
            {
                "kind": p.kind,
                "message": p.message,
                "node": p.node,
                "seed": p.seed,
                "actions": list(p.actions),
                "runs": p.runs,
                "replay": replay_commands(p, scenario_arg),
            }
            for p in report.problems
        ],
    }


def _fmt(s: Spread | None, lang: str = "en") -> str:
    if s is None:
        return "—"
    return f"{s.low} / {decimal(s.median, lang)} / {s.high}"


def _label(key: str, lang: str, indent: str = "    ") -> Text:
    return Text(f"{indent}{t(key, lang)}: ", style="dim")


def print_report(report: FuzzReport, scenario_arg: str, lang: str = "en") -> None:
    """The text report, in `lang`; the JSON (`as_json`) keeps a problem's kind and message in English."""
    out = console()
    title = literal(t("cli.fuzz.title", lang, scenario=report.scenario), "bold")
    title.append(" ").append(tn("cli.fuzz.runs", report.runs, lang, seed=report.seed, max_turns=report.max_turns), style="dim")
    out.print(title, soft_wrap=True)
    out.print()
    endings = Table(title=t("cli.fuzz.endings", lang), title_justify="left", expand=False)
    endings.add_column(t("cli.fuzz.col.ending", lang))
    endings.add_column(t("cli.fuzz.col.runs", lang), justify="right")
    endings.add_column(t("cli.fuzz.col.share", lang), justify="right")
    for kind, runs in report.endings.items():
        label = t("cli.fuzz.not_ended", lang) if kind == NOT_ENDED else ending_kind(kind, lang)
        endings.add_row(literal(label), str(runs), percent(runs / report.runs, lang))
    out.print(endings)
    out.print(Text(t("cli.fuzz.turns", lang, spread=_fmt(report.turns, lang))))
    if report.minutes is not None and report.words is not None:
        out.print(Text(t("cli.fuzz.minutes", lang, minutes=report.minutes, words=round(report.words.median))))
    out.print()
    scores = Table(title=t("cli.fuzz.scores", lang), title_justify="left", expand=False)
    scores.add_column(t("cli.fuzz.col.principle", lang))
    scores.add_column(t("cli.fuzz.col.scores", lang), justify="right")
    scores.add_column(t("cli.fuzz.col.tested", lang), justify="right")
    for pid, s in report.scores.items():
        scores.add_row(literal(pid), _fmt(s, lang), str(s.runs))
    if report.overall is not None:
        scores.add_row(Text(t("cli.fuzz.overall", lang), style="bold"), _fmt(report.overall, lang), str(report.overall.runs))
    out.print(scores)
    if report.unvisited:
        out.print(literal(t("cli.fuzz.unvisited", lang, nodes=", ".join(report.unvisited)), "bold yellow"), soft_wrap=True)
    else:
        out.print(Text(t("cli.fuzz.all_visited", lang)))
    out.print()
    if not report.problems:
        out.print(Text(t("cli.fuzz.no_problems", lang), style="bold green"))
        return
    out.print(Text(tn("cli.fuzz.problems", report.problem_runs, lang, problems=len(report.problems)), style="bold red"))
    for p in report.problems:
        line = Text(p.kind_text(lang) + ": ", style="bold red").append_text(literal(p.text(lang)))
        if p.runs > 1:
            line.append(" " + tn("cli.fuzz.same", p.runs, lang))
        out.print(line, soft_wrap=True)
        out.print(
            _label("cli.fuzz.seed", lang).append(str(p.seed)).append_text(_label("cli.fuzz.at_node", lang, "   ")).append_text(literal(p.node)),
            soft_wrap=True,
        )
        out.print(_label("cli.fuzz.actions", lang).append_text(literal(", ".join(p.actions) or t("cli.fuzz.no_actions", lang))), soft_wrap=True)
        for command in replay_commands(p, scenario_arg):
            out.print(_label("cli.fuzz.replay", lang).append_text(literal(command)), soft_wrap=True)
