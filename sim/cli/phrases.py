"""`sim phrases`: replies trainees typed in their own words that were not
understood, or that they corrected — candidates for new `examples:`.

Read from the history: each row names the scenario, the node, the words, what
the matcher understood them as and the option the trainee took in the end.
"""

from __future__ import annotations

import argparse

from rich.table import Table

from sim.cli.history import open_history
from sim.cli.output import print_json
from sim.console import console, literal, ui_lang
from sim.errors import EXIT_OK
from sim.i18n import t
from sim.text import clean

COLUMNS = ("scenario", "node", "lang", "text", "understood", "chosen")  # keys of the rows, shown in this order


def run_phrases(args: argparse.Namespace) -> int:
    lang = ui_lang(args)
    found = []
    with open_history(args) as store:
        for row in store.sessions(trainee=args.trainee, scenario=args.scenario):
            record = store.session(row.id)
            if record is None:
                continue
            for turn in record.turns:
                typed = turn.typed
                chosen = turn.choice_id if turn.action == "choice" else None
                if typed is None or not typed.corrected(chosen):
                    continue
                found.append(
                    {
                        "scenario": row.scenario_id,
                        "node": turn.node,
                        "lang": typed.lang,
                        "text": clean(typed.text),
                        "understood": typed.understood,
                        "chosen": chosen,
                        "trainee": row.trainee,
                        "session": row.id,
                    }
                )
    if args.json:
        print_json(found)
        return EXIT_OK
    out = console()
    if not found:
        out.print(literal(t("cli.phrases.none", lang)))
        return EXIT_OK
    table = Table(title=t("cli.phrases.title", lang), title_justify="left", expand=False)
    for key in COLUMNS:
        table.add_column(t(f"cli.phrases.col.{key}", lang))
    for item in found:
        table.add_row(*(literal(str(item[k]) if item[k] is not None else "—") for k in COLUMNS))
    out.print(table)
    out.print(literal(t("cli.phrases.hint", lang)))
    return EXIT_OK
