"""`sim analyze`: what a scenario teaches, over all its paths, as a report or JSON.

The numbers come from `sim.authoring.analysis`; every choice list printed here has been
replayed through the engine before it is shown, and each is printed as the
`sim walk` command that shows it turn by turn.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sim.cli.output import print_json
from sim.console import (
    console,
    decimal,
    ending_kind,
    literal,
    number,
    scenario_or_report,
    ui_lang,
    word,
)
from sim.content.locate import dialogue_dirs
from sim.content.problems import Problem
from sim.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from sim.i18n import t, tn

if TYPE_CHECKING:  # the analysis itself is imported when the command runs
    from sim.authoring.analysis import Analysis
    from sim.authoring.analysis.results import Extreme
    from sim.content.library import Library

SHOWN = 25  # rows per list in the text report; --json has them all
CHOICES_SHOWN = 14  # choices of a path spelled out before it is abbreviated


def run_analyze(args: argparse.Namespace) -> int:
    from sim.authoring.analysis import analyze, verify
    from sim.authoring.statespace import TooLarge

    loaded = scenario_or_report(args.scenario, dialogue_dirs(args))
    if loaded is None:
        return EXIT_USAGE
    lib, found = loaded
    scenario = found.scenario
    critical = lib.critical_principles
    try:
        result: Analysis = analyze(scenario, lib.profile_for(scenario), critical)
    except TooLarge as exc:
        # Located at what multiplies the states: the widest variable's declaration, else the busiest node.
        if exc.variables and exc.variables[0][0] in scenario.variables:
            line, col = found.at("variables", exc.variables[0][0], key=True)
        elif exc.nodes:
            line, col = found.at("nodes", exc.nodes[0][0], key=True)
        else:
            line, col = found.at("nodes", key=True)
        p = Problem(str(found.path), line, col, f"cannot analyse `{scenario.id}`: {exc}", exc.hint, code="analyze")
        console(stderr=True).print(literal(p.format()), soft_wrap=True)
        return EXIT_USAGE
    disagreements = verify(result)
    lang = ui_lang(args)
    if disagreements:
        # The analysis mirrors the engine; a disagreement is a bug, never the author's fault.
        sys.stderr.write(t("cli.analyze.disagrees", lang) + "\n")
        for disagreement in disagreements:
            sys.stderr.write(f"    {disagreement}\n")
        sys.stderr.write("    " + t("cli.analyze.disagrees_hint", lang) + "\n")
        return EXIT_INTERNAL
    if args.json:
        print_json(result.as_dict())
    else:
        print_report(result, args.scenario, lib, lang)
    return EXIT_OK


# --------------------------------------------------------------------------
# The text report


def _count(value: int | None, lang: str = "en") -> str:
    if value is None:
        return t("cli.analyze.infinite", lang)
    digits = len(str(value))
    if digits > 15:
        return t("cli.analyze.about", lang, power=digits - 1, digits=digits)
    return number(value, lang)


def walk_command(scenario_arg: str, actions: Sequence[str], lang: str = "en") -> str:
    """The command that replays a path, abbreviated when it is long."""
    shown = list(actions)
    if len(shown) > CHOICES_SHOWN:
        head, tail = shown[: CHOICES_SHOWN - 3], shown[-2:]
        turns = tn("cli.analyze.turns", len(shown), lang)
        return t("cli.analyze.abbreviated", lang, turns=turns, head=",".join(head), tail=",".join(tail))
    if not shown:
        return t("cli.analyze.no_turns", lang)
    return f"sim walk {shlex.quote(scenario_arg)} --choices {shlex.quote(','.join(shown))}"


def _heading(out: Console, text: str) -> None:
    out.print()
    out.print(Text(text, style="bold cyan"))


def print_report(a: Analysis, scenario_arg: str, lib: Library, lang: str = "en") -> None:
    """The report in `lang`."""
    out = console()
    s = a.scenario
    from sim.text import localize

    title = localize(s.title, lang, s.language)
    head = literal(t("cli.analyze.of", lang, id=s.id), "bold")
    head.append(" — ")
    head.append_text(literal(title))
    out.print(head)
    profile_name = localize(a.profile.name, lang, a.profile.language)
    out.print(
        literal(t("cli.analyze.client", lang, name=profile_name, id=a.profile.id, tension=a.profile.tension, threshold=a.profile.threat_threshold)),
    )
    sizes = [
        tn("cli.analyze.nodes", len(s.nodes), lang, n=number(len(s.nodes), lang)),
        tn("cli.analyze.situations", a.states, lang, n=number(a.states, lang)),
        tn("cli.analyze.moves", a.edges, lang, n=number(a.edges, lang)),
        f"{decimal(a.seconds, lang, places=2)} s",
        t("cli.analyze.verified", lang) if a.verified else t("cli.analyze.not_verified", lang),
    ]
    out.print(Text(" · ".join(sizes), style="dim"))
    kept = t("cli.analyze.situation", lang) if a.abstraction == "tension" else t("cli.analyze.situation_vars", lang, variables=a.abstraction)
    out.print(literal(kept, "dim"), soft_wrap=True)

    _paths(out, a, scenario_arg, lang)
    _endings(out, a, scenario_arg, lang)
    _scores(out, a, scenario_arg, lib, lang)
    _coverage(out, a, lang)
    _idle(out, a, lang)
    _threat(out, a, scenario_arg, lang)
    if a.loops_not_listed:
        out.print(Text(tn("cli.analyze.more_loops", a.loops_not_listed, lang), style="dim"))


def _turns(count: int, lang: str) -> str:
    return tn("cli.analyze.turns", count, lang)


def _paths(out: Console, a: Analysis, arg: str, lang: str = "en") -> None:
    _heading(out, t("cli.analyze.paths", lang))
    out.print(literal("  " + t("cli.analyze.complete", lang, paths=_count(a.paths, lang), without=_count(a.paths_without_help, lang))))
    if a.loops:
        out.print(literal("  " + t("cli.analyze.loops", lang)))
        for lp in a.loops:
            cycle = f"{' → '.join(lp.nodes)} → {lp.nodes[0]}"
            out.print(literal("    " + t("cli.analyze.loop", lang, cycle=cycle, actions=", ".join(lp.actions))), soft_wrap=True)
    if a.shortest is not None:
        line = t("cli.analyze.shortest", lang, turns=_turns(a.shortest.turns, lang), end=a.shortest.end, command=walk_command(arg, a.shortest.actions, lang))
        out.print(literal("  " + line), soft_wrap=True)
    if a.longest is not None:
        key = "cli.analyze.longest" if a.longest_exact else "cli.analyze.longest_simple"
        line = t(key, lang, turns=_turns(a.longest.turns, lang), end=a.longest.end, command=walk_command(arg, a.longest.actions, lang))
        out.print(literal("  " + line), soft_wrap=True)
    if a.unreachable:
        out.print(literal("  " + t("cli.analyze.unreachable", lang, nodes=", ".join(a.unreachable)), "yellow"), soft_wrap=True)


def _endings(out: Console, a: Analysis, arg: str, lang: str = "en") -> None:
    _heading(out, t("cli.analyze.endings", lang))
    for e in a.endings[:SHOWN]:
        line = Text("  ")
        line.append_text(literal(e.node, "bold"))
        kind = ending_kind(e.kind, lang)
        line.append_text(literal(f" ({t('cli.analyze.success', lang, kind=kind) if e.success else kind})"))
        if not e.reachable:
            line.append(": " + t("cli.analyze.never_reached", lang), style="bold yellow")
            out.print(line, soft_wrap=True)
            continue
        assert e.shortest is not None
        paths = t("cli.analyze.infinite_paths", lang) if e.paths is None else tn("cli.analyze.path_count", e.paths, lang, n=_count(e.paths, lang))
        command = walk_command(arg, e.shortest.actions, lang)
        # One ending per line, never wrapped inside the command: it is meant to be copied.
        line.append_text(literal(": " + t("cli.analyze.ending_paths", lang, paths=paths, turns=_turns(e.shortest.turns, lang), command=command)))
        out.print(line, soft_wrap=True)
    if len(a.endings) > SHOWN:
        out.print(Text("  " + t("cli.analyze.more_endings", lang, count=len(a.endings) - SHOWN), style="dim"))


def _scores(out: Console, a: Analysis, arg: str, lib: Library, lang: str = "en") -> None:
    _heading(out, t("cli.analyze.scores", lang))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(t("cli.analyze.col.principle", lang), no_wrap=True)
    table.add_column(t("cli.analyze.col.best", lang), justify="right", no_wrap=True)
    table.add_column(t("cli.analyze.col.worst", lang), justify="right", no_wrap=True)
    for pr in a.principles:
        label = literal(pr.principle + (" ★" if pr.goal else ""))
        if pr.best is None or pr.worst is None:
            table.add_row(label, Text(t("cli.analyze.untested", lang), style="yellow" if pr.goal else "dim"), "")
            continue
        table.add_row(label, _extreme_text(pr.best), _extreme_text(pr.worst))
    out.print(table)
    out.print(Text(t("cli.analyze.scores_note", lang), style="dim"))
    for which, ov in (("best", a.best), ("worst", a.worst)):
        if ov is None:
            continue
        overall_label = t(f"cli.analyze.{which}_overall", lang)
        score = "—" if ov.score is None else str(ov.score)
        key = "cli.analyze.overall_miss" if ov.critical_miss else "cli.analyze.overall"
        line = Text("  " + t(key, lang, label=overall_label, score=score, grade=word("grade", ov.grade, lang)), style="bold")
        if ov.exact:
            line.append(" — " + t("cli.analyze.exact", lang), style="green")
        elif ov.bound is not None:
            bound = t("cli.analyze.bound_best", lang, bound=ov.bound) if which == "best" else t("cli.analyze.bound_worst", lang, bound=ov.bound)
            line.append(" — " + bound, style="yellow")
        out.print(line)
        out.print(literal(f"    {walk_command(arg, ov.path.actions, lang)}"), soft_wrap=True)
    out.print(Text("  " + t("cli.analyze.extremes", lang), style="dim"))
    # Many principles share their best (or worst) path: list each path once.
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    loops: dict[tuple[str, tuple[str, ...]], str] = {}
    for pr in a.principles:
        for which, ext in (("best", pr.best), ("worst", pr.worst)):
            if ext is None:
                continue
            group = (which, ext.path.actions)
            groups.setdefault(group, []).append(f"{pr.principle} {ext.score}")
            if ext.loop is not None:
                loops[group] = " → ".join(ext.loop.nodes)
    for (which, actions), labels in groups.items():
        text = f"    {t(f'cli.analyze.col.{which}', lang)} {', '.join(labels)}: {walk_command(arg, actions, lang)}"
        if (which, actions) in loops:
            text += " " + t("cli.analyze.closer", lang, cycle=loops[(which, actions)])
        out.print(literal(text), soft_wrap=True, style="dim")


def _extreme_text(ext: Extreme) -> Text:
    text = Text(str(ext.score) + ("" if ext.attained else "~"))
    return text


def _coverage(out: Console, a: Analysis, lang: str = "en") -> None:
    _heading(out, t("cli.analyze.coverage", lang))
    gaps = 0
    for c in a.coverage:
        parts = []
        if not c.tested:
            parts.append(t("cli.analyze.never_scored", lang))
        else:
            if not c.good:
                parts.append(t("cli.analyze.no_good", lang))
            if not c.bad:
                parts.append(t("cli.analyze.no_poor", lang))
        if parts:
            gaps += 1
            out.print(Text("  ! ", style="bold yellow").append_text(literal(f"{c.principle}: {', '.join(parts)}")))
    if not gaps:
        out.print(Text("  " + t("cli.analyze.covered", lang), style="green"))


def _idle(out: Console, a: Analysis, lang: str = "en") -> None:
    if not a.idle and not a.never_offered:
        return
    _heading(out, t("cli.analyze.idle", lang))
    for item in a.idle[:SHOWN]:
        key = "cli.analyze.all_same" if item.kind == "all-same" else "cli.analyze.same"
        out.print(literal("  " + t(key, lang, node=item.node, choices=", ".join(item.choices), next=item.next)), soft_wrap=True)
    for node, choice in a.never_offered[:SHOWN]:
        out.print(literal("  " + t("cli.analyze.never_offered", lang, node=node, choice=choice)), soft_wrap=True)
    hidden = max(0, len(a.idle) - SHOWN) + max(0, len(a.never_offered) - SHOWN)
    if hidden:
        out.print(Text("  " + t("cli.analyze.more_all", lang, count=hidden), style="dim"))


def _threat(out: Console, a: Analysis, arg: str, lang: str = "en") -> None:
    _heading(out, t("cli.analyze.threat", lang, threshold=a.profile.threat_threshold))
    if not a.threat:
        out.print(literal("  " + t("cli.analyze.no_threat", lang)))
        return
    out.print(literal("  " + tn("cli.analyze.threat_at", len(a.threat), lang)))
    for point in a.threat[:SHOWN]:
        low, high = point.tension
        tension = f"{low}" if low == high else f"{low}–{high}"
        line = t("cli.analyze.threat_node", lang, node=point.node, tension=tension, command=walk_command(arg, point.path.actions, lang))
        out.print(literal("    " + line), soft_wrap=True)
    if len(a.threat) > SHOWN:
        out.print(Text("  " + t("cli.analyze.more", lang, count=len(a.threat) - SHOWN), style="dim"))
