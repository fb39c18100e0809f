"""`sim analyze`: what a scenario teaches, over all its paths, as a report or JSON.

The numbers come from `sim.analysis`; every choice list printed here has been
replayed through the engine before it is shown, and each is printed as the
`sim walk` command that shows it turn by turn.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sim.cli.main import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, extra_dirs
from sim.cli.output import console, literal
from sim.cli.scenarios import scenario_or_report
from sim.problems import Problem

SHOWN = 25  # rows per list in the text report; --json has them all
CHOICES_SHOWN = 14  # choices of a path spelled out before it is abbreviated


def run_analyze(args: argparse.Namespace) -> int:
    from sim.analysis import Analysis, analyze, verify
    from sim.statespace import TooLarge

    loaded = scenario_or_report(args.scenario, extra_dirs(args))
    if loaded is None:
        return EXIT_USAGE
    lib, found = loaded
    scenario = found.scenario
    critical = lib.critical_principles
    try:
        result: Analysis = analyze(scenario, lib.profile_for(scenario), critical)
    except TooLarge as exc:
        line, col = found.at("nodes", key=True)
        p = Problem(
            str(found.path), line, col, f"cannot analyse `{scenario.id}`: {exc}",
            "conditions on many variables and `visited(...)` multiply the states; split the scenario, or read fewer variables in conditions",
            code="analyze",
        )
        console(stderr=True).print(literal(p.format()), soft_wrap=True)
        return EXIT_USAGE
    disagreements = verify(result)
    if disagreements:
        # The analysis mirrors the engine; a disagreement is a bug, never the author's fault.
        sys.stderr.write("sim analyze: internal error: the analysis disagrees with the engine:\n")
        for line in disagreements:
            sys.stderr.write(f"    {line}\n")
        sys.stderr.write("    hint: this is a bug in sim; please report it with the scenario file\n")
        return EXIT_INTERNAL
    if args.json:
        json.dump(result.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_report(result, args.scenario, lib)
    return EXIT_OK


# --------------------------------------------------------------------------
# The text report


def _count(value: int | None) -> str:
    if value is None:
        return "infinitely many"
    text = f"{value:,}"
    if len(str(value)) > 15:
        text = f"about 10^{len(str(value)) - 1} ({len(str(value))} digits)"
    return text


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def walk_command(scenario_arg: str, actions: Sequence[str]) -> str:
    """The command that replays a path, abbreviated when it is long."""
    shown = list(actions)
    if len(shown) > CHOICES_SHOWN:
        head, tail = shown[: CHOICES_SHOWN - 3], shown[-2:]
        return f"{len(shown)} turns: {','.join(head)},…,{','.join(tail)} (--json lists them all)"
    if not shown:
        return "(no turns: the start is an ending)"
    return f"sim walk {shlex.quote(scenario_arg)} --choices {shlex.quote(','.join(shown))}"


def _heading(out: Console, text: str) -> None:
    out.print()
    out.print(Text(text, style="bold cyan"))


def print_report(a, scenario_arg: str, lib) -> None:
    out = console()
    s = a.scenario
    from sim.text import localize

    title = localize(s.title, "en", s.language)
    head = Text("Analysis of ", style="bold")
    head.append_text(literal(s.id, "bold"))
    head.append(" — ")
    head.append_text(literal(title))
    out.print(head)
    profile_name = localize(a.profile.name, "en", a.profile.language)
    out.print(
        literal(f"Client: {profile_name} ({a.profile.id}), start tension {a.profile.tension}, threat at {a.profile.threat_threshold}"),
    )
    out.print(
        Text(
            f"{len(s.nodes):,} nodes · {a.states:,} situations · {a.edges:,} moves · {a.seconds:.2f} s · "
            + ("every path below was replayed through the engine" if a.verified else "not verified"),
            style="dim",
        )
    )
    kept = "the client's tension" if a.abstraction == "tension" else f"the client's {a.abstraction} (each only while a condition can still read it)"
    out.print(literal(f"A situation is a node with {kept}.", "dim"), soft_wrap=True)

    _paths(out, a, scenario_arg)
    _endings(out, a, scenario_arg)
    _scores(out, a, scenario_arg, lib)
    _coverage(out, a)
    _idle(out, a)
    _threat(out, a, scenario_arg)
    for note in a.notes:
        out.print(Text(f"note: {note}", style="dim"))


def _paths(out: Console, a, arg: str) -> None:
    _heading(out, "Paths")
    out.print(literal(f"  Complete paths: {_count(a.paths)}; without calling for help: {_count(a.paths_without_help)}"))
    if a.loops:
        out.print(literal("  Loops (each can be gone round again and again):"))
        for lp in a.loops:
            out.print(literal(f"    {' → '.join(lp.nodes)} → {lp.nodes[0]}   by {', '.join(lp.actions)}"), soft_wrap=True)
    if a.shortest is not None:
        out.print(literal(f"  Shortest: {_n(a.shortest.turns, 'turn')} to `{a.shortest.end}`: {walk_command(arg, a.shortest.actions)}"), soft_wrap=True)
    if a.longest is not None:
        what = "Longest" if a.longest_exact else "Longest without repeating a situation"
        out.print(literal(f"  {what}: {_n(a.longest.turns, 'turn')} to `{a.longest.end}`: {walk_command(arg, a.longest.actions)}"), soft_wrap=True)
    if a.unreachable:
        out.print(Text("  Never reached: ", style="yellow").append_text(literal(", ".join(a.unreachable))), soft_wrap=True)


def _endings(out: Console, a, arg: str) -> None:
    _heading(out, "Endings")
    for e in a.endings[:SHOWN]:
        line = Text("  ")
        line.append_text(literal(e.node, "bold"))
        line.append(f" ({e.kind}{', a success' if e.success else ''})")
        if not e.reachable:
            line.append(": never reached on any path", style="bold yellow")
            out.print(line, soft_wrap=True)
            continue
        assert e.shortest is not None
        paths = "infinitely many paths" if e.paths is None else _n(e.paths, "path") if e.paths < 10**15 else f"{_count(e.paths)} paths"
        line.append(f": {paths}; shortest {_n(e.shortest.turns, 'turn')}: ")
        line.append_text(literal(walk_command(arg, e.shortest.actions)))
        # One ending per line, never wrapped inside the command: it is meant to be copied.
        out.print(line, soft_wrap=True)
    if len(a.endings) > SHOWN:
        out.print(Text(f"  … and {len(a.endings) - SHOWN} more endings (--json lists them)", style="dim"))


def _scores(out: Console, a, arg: str, lib) -> None:
    _heading(out, "Scores (best and worst any path can get)")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("principle", no_wrap=True)
    table.add_column("best", justify="right", no_wrap=True)
    table.add_column("worst", justify="right", no_wrap=True)
    for pr in a.principles:
        label = literal(pr.principle + (" ★" if pr.goal else ""))
        if pr.best is None or pr.worst is None:
            table.add_row(label, Text("not tested on any path", style="yellow" if pr.goal else "dim"), "")
            continue
        table.add_row(label, _extreme_text(pr.best), _extreme_text(pr.worst))
    out.print(table)
    out.print(Text("★ goal of this scenario · ~ a loop only approaches this value", style="dim"))
    for label, ov in (("Best overall", a.best), ("Worst overall", a.worst)):
        if ov is None:
            continue
        score = "—" if ov.score is None else str(ov.score)
        line = Text(f"  {label}: {score} ({ov.grade}", style="bold")
        line.append(", with a critical miss)" if ov.critical_miss else ")")
        if ov.exact:
            line.append(" — exact", style="green")
        elif ov.bound is not None:
            better = "better than" if label.startswith("Best") else "worse than"
            line.append(f" — found by search; no path does {better} {ov.bound}", style="yellow")
        out.print(line)
        out.print(literal(f"    {walk_command(arg, ov.path.actions)}"), soft_wrap=True)
    out.print(Text("  The paths to each principle's extremes:", style="dim"))
    # Many principles share their best (or worst) path: list each path once.
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    loops: dict[tuple[str, tuple[str, ...]], str] = {}
    for pr in a.principles:
        for which, ext in (("best", pr.best), ("worst", pr.worst)):
            if ext is None:
                continue
            key = (which, ext.path.actions)
            groups.setdefault(key, []).append(f"{pr.principle} {ext.score}")
            if ext.loop is not None:
                loops[key] = " → ".join(ext.loop.nodes)
    for (which, actions), labels in groups.items():
        line = f"    {which} {', '.join(labels)}: {walk_command(arg, actions)}"
        if (which, actions) in loops:
            line += f" (going round {loops[(which, actions)]} again and again comes ever closer)"
        out.print(literal(line), soft_wrap=True, style="dim")


def _extreme_text(ext) -> Text:
    text = Text(str(ext.score) + ("" if ext.attained else "~"))
    return text


def _coverage(out: Console, a) -> None:
    _heading(out, "Principle coverage (goals, along reachable paths)")
    gaps = 0
    for c in a.coverage:
        parts = []
        if not c.tested:
            parts.append("never scored on any path")
        else:
            if not c.good:
                parts.append("no good option")
            if not c.bad:
                parts.append("no poor option")
        if parts:
            gaps += 1
            out.print(Text("  ! ", style="bold yellow").append_text(literal(f"{c.principle}: {', '.join(parts)}")))
    if not gaps:
        out.print(Text("  Every goal has a good and a poor option on some reachable path.", style="green"))


def _idle(out: Console, a) -> None:
    if not a.idle and not a.never_offered:
        return
    _heading(out, "Choices that never matter")
    for item in a.idle[:SHOWN]:
        if item.kind == "all-same":
            text = f"  `{item.node}`: all its options ({', '.join(item.choices)}) lead to `{item.next}` with the same effects and scores"
        else:
            text = f"  `{item.node}`: {', '.join(item.choices)} have the same outcome (`{item.next}`, same effects and scores)"
        out.print(literal(text), soft_wrap=True)
    for node, choice in a.never_offered[:SHOWN]:
        out.print(literal(f"  `{node}`: `{choice}` is never offered: its condition fails on every path"), soft_wrap=True)
    hidden = max(0, len(a.idle) - SHOWN) + max(0, len(a.never_offered) - SHOWN)
    if hidden:
        out.print(Text(f"  … and {hidden} more (--json lists them all)", style="dim"))


def _threat(out: Console, a, arg: str) -> None:
    _heading(out, f"Where calling for help becomes due (tension ≥ {a.profile.threat_threshold})")
    if not a.threat:
        out.print(literal("  Nowhere: no path makes the client a threat."))
        return
    out.print(literal(f"  At {_n(len(a.threat), 'node')}; the nearest first:"))
    for t in a.threat[:SHOWN]:
        low, high = t.tension
        tension = f"{low}" if low == high else f"{low}–{high}"
        out.print(literal(f"    `{t.node}` (tension {tension}): {walk_command(arg, t.path.actions)}"), soft_wrap=True)
    if len(a.threat) > SHOWN:
        out.print(Text(f"  … and {len(a.threat) - SHOWN} more (--json lists them)", style="dim"))
