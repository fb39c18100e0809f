"""`sim list`: the scenarios a trainee can play, built-in and local."""

from __future__ import annotations

import argparse
from typing import TypedDict

from rich import box
from rich.table import Table
from rich.text import Text

from sim.cli.output import print_json
from sim.console import console, literal, ui_lang
from sim.content.library import LoadedScenario, load_library
from sim.content.locate import dialogue_dirs
from sim.errors import EXIT_OK, EXIT_USAGE
from sim.i18n import t, tn
from sim.text import languages, localize


def scenario_languages(ls: LoadedScenario) -> list[str]:
    s = ls.scenario
    return sorted(languages(s.title, s.language) & languages(s.briefing, s.language))


class _Row(TypedDict):
    """One scenario as `sim list --json` gives it."""

    id: str
    title: str
    channel: str
    persona: str
    difficulty: str
    languages: list[str]
    minutes: int | None
    builtin: bool
    path: str


def run_list(args: argparse.Namespace) -> int:
    lib = load_library(dialogue_dirs(args), builtin_scenarios=True)
    lang = ui_lang(args)
    rows: list[_Row] = []
    for ls in sorted(lib.scenarios, key=lambda x: (not x.builtin, x.scenario.id)):
        s = ls.scenario
        profile = lib.profiles.get(s.profile)
        rows.append(
            {
                "id": s.id,
                "title": localize(s.title, lang, s.language),
                "channel": s.channel.value,
                "persona": localize(profile.name, lang, profile.language) if profile else s.profile,
                "difficulty": s.difficulty,
                "languages": scenario_languages(ls),
                "minutes": s.minutes,
                "builtin": ls.builtin,
                "path": str(ls.path),
            }
        )
    problems = [p for p in lib.problems if p.severity == "error"]
    # A folder that is not there, or one cut off at the file cap, is said as it is:
    # "1 file has errors" would hide that nothing (or not everything) was looked at.
    reading = [p for p in problems if p.code in ("io", "limit")]
    if reading:
        err = console(stderr=True)
        for p in reading:
            err.print(literal(p.format()), soft_wrap=True)
    code = EXIT_USAGE if any(p.code == "io" for p in reading) else EXIT_OK
    if args.json:
        print_json(rows)
        return code
    out = console()
    table = Table(title=t("home.subtitle", lang), title_justify="left", box=box.SIMPLE_HEAD)
    # Below 100 columns the persona and the languages are left out: with them
    # an 80-column terminal cut off the last columns (`--json` has everything).
    wide = out.width >= 100
    # Ids and short values never wrap: they are what people type and scan.
    table.add_column(t("list.col.id", lang), no_wrap=True)
    table.add_column(t("list.col.title", lang), min_width=16)
    table.add_column(t("list.col.channel", lang), no_wrap=True)
    if wide:
        table.add_column(t("list.col.persona", lang), min_width=10)
    for column in ("difficulty", "lang", "minutes") if wide else ("difficulty", "minutes"):
        table.add_column(t(f"list.col.{column}", lang), no_wrap=True)
    for r in rows:
        cells: list[Text | str] = [
            literal(r["id"] + ("" if r["builtin"] else " *")),
            literal(r["title"]),
            t(f"channel.{r['channel']}", lang),
            literal(r["persona"]),
            t(f"difficulty.{r['difficulty']}", lang),
            ",".join(r["languages"]),
            str(r["minutes"] or "—"),
        ]
        table.add_row(*(cells if wide else [*cells[:3], cells[4], cells[6]]))
    out.print(table)
    for r in rows:
        if not r["builtin"]:
            out.print(literal(f"* {r['id']}: {r['path']}"), soft_wrap=True)
    scenarios = [p for p in problems if p not in reading]
    if scenarios:
        out.print(literal(tn("list.broken", len({p.path for p in scenarios}), lang)))
    return code
