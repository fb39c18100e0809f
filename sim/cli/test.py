"""`sim test`: run the transcript tests (`*.test.yaml`) beside scenarios.

Exit codes follow pytest: 0 every case passed, 1 some case failed, 2 a test
file, its scenario or the command line could not be used.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from sim.authoring.transcript_run import RunResult, run_paths
from sim.cli.output import write_output
from sim.console import console, literal, ui_lang
from sim.content.locate import dialogue_dirs
from sim.content.problems import Problem
from sim.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from sim.i18n import t, tn


def run_test(args: argparse.Namespace) -> int:
    lang = ui_lang(args)
    paths = list(args.paths) or [Path(".")]
    result = run_paths(paths, dialogue_dirs(args))
    if not result.files and not result.problems:
        where = ", ".join(str(p) for p in paths)
        result.problems.append(
            Problem(
                where,
                1,
                1,
                "no transcript tests found",
                "test files end in `.test.yaml` and sit beside the scenario, e.g. `dialogues/aggressive-desk.test.yaml`",
                code="io",
            )
        )
    if args.format == "json":
        report = json.dumps(as_json(result), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "junit":
        from sim.cli.junit import junit_xml

        report = junit_xml(result)
    else:
        report = None
    if args.output is not None:
        text = report if report is not None else render_text(result, lang)
        write_output(args.output, text, lang, example=f"results.{'xml' if args.format == 'junit' else args.format}")
        if report is not None and str(args.output) != "-":
            print_text(result, lang=lang)
    elif report is not None:
        sys.stdout.write(report)
    else:
        print_text(result, lang=lang)
    if result.errors:
        return EXIT_USAGE
    return EXIT_FINDINGS if result.failed else EXIT_OK


def as_json(result: RunResult) -> dict[str, Any]:
    return {
        "passed": result.passed,
        "failed": result.failed,
        "errors": [p.as_dict() for p in result.problems],
        "files": [
            {
                "path": str(f.path),
                "scenario": f.scenario,
                "errors": [p.as_dict() for p in f.errors],
                "cases": [
                    {
                        "name": c.name,
                        "line": c.line,
                        "col": c.col,
                        "seed": c.seed,
                        "status": c.status,
                        "actions": c.actions,
                        "node": c.node,
                        "ending": c.ending,
                        "failures": [x.as_dict() for x in c.failures],
                    }
                    for c in f.cases
                ],
            }
            for f in result.files
        ],
    }


def _problem_lines(p: Problem) -> list[Text]:
    line = Text()
    line.append(p.location, style="bold")
    line.append(": ")
    line.append(p.severity, style="bold red")
    line.append(": ")
    line.append_text(literal(p.message))
    lines = [line]
    if p.hint:
        lines.append(Text("    hint: ", style="dim").append_text(literal(p.hint)))  # English on purpose, as validate's
    return lines


def print_text(result: RunResult, out: Console | None = None, lang: str = "en") -> None:
    """The results; the located problem and failure lines stay English, as `sim validate`'s do."""
    out = out or console()
    width = max(len(t("cli.test.pass", lang)), len(t("cli.test.fail", lang)))
    marks = {
        "passed": Text(f"  {t('cli.test.pass', lang):<{width}} ", style="bold green"),
        "failed": Text(f"  {t('cli.test.fail', lang):<{width}} ", style="bold red"),
    }
    for p in result.problems:
        for line in _problem_lines(p):
            out.print(line, soft_wrap=True)
    for f in result.files:
        title = Text()
        title.append_text(literal(str(f.path), "bold"))
        if f.scenario:
            title.append(" · ").append_text(literal(t("cli.test.scenario", lang, id=f.scenario)))
        out.print(title, soft_wrap=True)
        for p in f.errors:
            for line in _problem_lines(p):
                out.print(Text("  ").append_text(line), soft_wrap=True)
        for c in f.cases:
            mark = marks["passed" if c.status == "passed" else "failed"].copy()
            out.print(mark.append_text(literal(c.name)), soft_wrap=True)
            for x in c.failures:
                # One failure per line, never wrapped: editors read `file:line:col: …`.
                # Its lines stay English, as `sim validate`'s do: editors and CI parse them.
                out.print(Text("      ").append(x.location, style="bold").append(": ").append_text(literal(x.message)), soft_wrap=True)
                if x.expected is not None:
                    out.print(Text("          expected: ", style="dim").append_text(literal(x.expected)), soft_wrap=True)  # English on purpose
                if x.actual is not None:
                    out.print(Text("          actual:   ", style="dim").append_text(literal(x.actual)), soft_wrap=True)  # English on purpose
                if x.hint:
                    out.print(Text("          hint: ", style="dim").append_text(literal(x.hint)), soft_wrap=True)  # English on purpose
    out.print()
    out.print(_summary(result, lang), soft_wrap=True)


def _summary(result: RunResult, lang: str = "en") -> Text:
    errors = len(result.errors)
    parts = [t("cli.test.passed", lang, count=result.passed), t("cli.test.failed", lang, count=result.failed)]
    if errors:
        parts.append(tn("count.errors", errors, lang))
    style = "bold red" if result.failed or errors else "bold green"
    return Text(", ".join(parts) + " " + tn("count.in_files", len(result.files), lang), style=style)


def render_text(result: RunResult, lang: str = "en") -> str:
    buffer = io.StringIO()
    print_text(result, console(buffer), lang)  # not a terminal: no colour codes in the file
    return buffer.getvalue()
