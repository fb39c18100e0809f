"""`sim fuzz`: seeded random playthroughs of one scenario, with the problems
found and how the runs ended. Exit 1 when a problem was found."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from dataclasses import asdict
from typing import Any

from rich.table import Table
from rich.text import Text

from sim.cli.main import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, extra_dirs
from sim.cli.output import console, literal
from sim.cli.scenarios import scenario_or_report

from sim.fuzz import FuzzProblem, FuzzReport, Spread, fuzz

MAX_RUNS = 1_000_000


def run_fuzz(args: argparse.Namespace) -> int:
    if not 1 <= args.runs <= MAX_RUNS or args.seed < 0 or not 1 <= args.max_turns <= 100_000:
        console(stderr=True).print(
            literal(f"sim fuzz: --runs must be 1…{MAX_RUNS:,}, --seed 0 or more, --max-turns 1…100,000\n    hint: e.g. `sim fuzz {args.scenario} --runs 200 --seed 0`"),
            soft_wrap=True,
        )
        return EXIT_USAGE
    loaded = scenario_or_report(args.scenario, extra_dirs(args))
    if loaded is None:
        return EXIT_USAGE
    lib, found = loaded
    critical = lib.critical_principles
    report = fuzz(found.scenario, lib.profile_for(found.scenario), runs=args.runs, seed=args.seed, max_turns=args.max_turns, critical_principles=critical)
    if args.json:
        json.dump(as_json(report, args.scenario), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_report(report, args.scenario)
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


def _fmt(s: Spread | None) -> str:
    if s is None:
        return "—"
    return f"{s.low} / {s.median:g} / {s.high}"


def print_report(report: FuzzReport, scenario_arg: str) -> None:
    out = console()
    title = Text("Random playthroughs of ", style="bold").append_text(literal(report.scenario, "bold"))
    title.append(f" ({report.runs} runs from seed {report.seed}, at most {report.max_turns} turns each)", style="dim")
    out.print(title, soft_wrap=True)
    out.print()
    endings = Table(title="Endings", title_justify="left", expand=False)
    endings.add_column("ending")
    endings.add_column("runs", justify="right")
    endings.add_column("share", justify="right")
    for kind, n in report.endings.items():
        endings.add_row(literal(kind), str(n), f"{100 * n / report.runs:.0f}%")
    out.print(endings)
    out.print(Text(f"Turns per run (min / median / max): {_fmt(report.turns)}"))
    out.print()
    scores = Table(title="Scores over the runs that ended (min / median / max)", title_justify="left", expand=False)
    scores.add_column("principle")
    scores.add_column("scores", justify="right")
    scores.add_column("runs tested", justify="right")
    for pid, s in report.scores.items():
        scores.add_row(literal(pid), _fmt(s), str(s.runs))
    if report.overall is not None:
        scores.add_row(Text("overall", style="bold"), _fmt(report.overall), str(report.overall.runs))
    out.print(scores)
    if report.unvisited:
        out.print(Text("Nodes never visited: ", style="bold yellow").append_text(literal(", ".join(report.unvisited))), soft_wrap=True)
    else:
        out.print(Text("Every node was visited."))
    out.print()
    if not report.problems:
        out.print(Text("No problems found.", style="bold green"))
        return
    out.print(Text(f"Problems ({len(report.problems)}, in {report.problem_runs} run{'s' * (report.problem_runs != 1)})", style="bold red"))
    for p in report.problems:
        runs = f" ({p.runs} runs)" if p.runs > 1 else ""
        out.print(Text(f"{p.kind}: ", style="bold red").append_text(literal(p.message)).append(runs), soft_wrap=True)
        out.print(Text("    seed: ", style="dim").append(str(p.seed)).append("   at node: ", style="dim").append_text(literal(p.node)), soft_wrap=True)
        out.print(Text("    actions: ", style="dim").append_text(literal(", ".join(p.actions) or "(none)")), soft_wrap=True)
        for command in replay_commands(p, scenario_arg):
            out.print(Text("    replay: ", style="dim").append_text(literal(command)), soft_wrap=True)
