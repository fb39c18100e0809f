"""`sim match`: how a reply typed in the trainee's own words is understood at a node.

The instructor's window into the matcher (sim.core.matching): the options
ranked, with the score of each, and whether the simulator would take the
reply as the best one or ask the trainee back.
"""

from __future__ import annotations

import argparse

from rich.table import Table
from rich.text import Text

from sim.cli.output import print_json
from sim.console import complain, console, literal, scenario_or_report, suggestion, ui_lang
from sim.content.locate import dialogue_dirs
from sim.content.model import Scenario
from sim.core.matching import match_at
from sim.errors import EXIT_OK, EXIT_USAGE
from sim.i18n import t
from sim.text import localize


def run_match(args: argparse.Namespace) -> int:
    loaded = scenario_or_report(args.scenario, dialogue_dirs(args))
    if loaded is None:
        return EXIT_USAGE
    _, found = loaded
    scenario = found.scenario
    lang = ui_lang(args)
    if args.report:
        return _report(scenario, lang, args.json)
    if args.node is None or args.text is None:
        complain("sim match", t("match.needs_text", lang), None, lang)
        return EXIT_USAGE
    node = scenario.nodes.get(args.node)
    if node is None:
        complain("sim match", t("match.no_node", lang, scenario=scenario.id, node=args.node), suggestion(args.node, list(scenario.nodes), lang), lang)
        return EXIT_USAGE
    if not node.choices:
        complain("sim match", t("match.no_choices", lang, node=args.node), None, lang)
        return EXIT_USAGE
    reply_lang = args.lang or scenario.language
    result = match_at(scenario, args.node, node.choices, args.text, reply_lang)
    if args.json:
        print_json(result.as_dict())
        return EXIT_OK
    out = console()
    table = Table(expand=False)
    table.add_column(t("match.col.option", lang))
    table.add_column(t("match.col.score", lang), justify="right")
    table.add_column(t("match.col.says", lang))
    says = {c.id: localize(c.say, reply_lang, scenario.language) for c in node.choices}
    for c in result.candidates:
        table.add_row(literal(c.choice), f"{c.score:.2f}", literal(says.get(c.choice, "")))
    out.print(table)
    if result.accepted is not None:
        out.print(Text(t("match.understood", lang, choice=result.accepted, confidence=f"{result.confidence:.2f}"), style="bold green"))
    elif len(asked := result.did_you_mean()) > 1:
        out.print(Text(t("match.ask_back", lang, first=asked[0], second=asked[1]), style="bold yellow"))
    else:
        out.print(Text(t("match.ask_back_one", lang), style="bold yellow"))
    return EXIT_OK


OUTCOMES = ("correct", "asked", "wrong")  # sim.authoring.separability.Trial.outcome, in the report's order


def _report(scenario: Scenario, lang: str, as_json: bool) -> int:
    """Per node and language: how its examples fare, each matched with itself left out."""
    from sim.authoring.separability import node_reports

    reports = node_reports(scenario)
    if as_json:
        print_json(
            [
                {"node": r.node, "lang": r.lang, "examples": len(r.trials), **r.counts(),
                 "confusions": [{"choice": c, "read_as": o, "text": x} for c, o, x in r.confusions()]}
                for r in reports
            ]
        )  # fmt: skip
        return EXIT_OK
    out = console()
    if not reports:
        out.print(literal(t("match.report.none", lang)))
        return EXIT_OK
    table = Table(title=t("match.report.title", lang), title_justify="left", expand=False)
    for key in ("node", "lang", "examples", "correct", "asked", "wrong"):
        table.add_column(t(f"match.report.col.{key}", lang), justify="left" if key in ("node", "lang") else "right")
    for r in reports:
        counts, n = r.counts(), len(r.trials) or 1
        table.add_row(
            literal(r.node), r.lang, str(len(r.trials)),
            *(f"{100 * counts[k] / n:.0f} %" for k in OUTCOMES),
        )  # fmt: skip
    out.print(table)
    for r in reports:
        for choice, other, text in r.confusions():
            line = t("match.report.confusion", lang, node=r.node, language=r.lang, choice=choice, other=other, text=text)
            out.print(literal(line), soft_wrap=True)
    return EXIT_OK
