"""`sim graph`: draw a scenario as Mermaid or DOT text, or as SVG/PNG through Graphviz."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys

from sim.cli.output import write_output
from sim.console import complain, scenario_or_report, ui_lang
from sim.content.locate import dialogue_dirs
from sim.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from sim.i18n import t

DOT_TIMEOUT = 120  # seconds; Graphviz on a 10,000-node scenario is slow but finishes


def _fail(lang: str, message: str, hint: str, code: int = EXIT_USAGE) -> int:
    complain("sim graph", message, hint, lang)
    return code


def run_graph(args: argparse.Namespace) -> int:
    """The drawing (Mermaid, DOT, SVG, PNG) is the same in every language; the messages are not."""
    from sim.authoring.diagram import build, to_dot, to_mermaid
    from sim.i18n import default_lang

    lang = ui_lang(args)
    # Before loading anything: a missing Graphviz is the most common problem.
    dot_program = None
    if args.format in ("svg", "png"):
        dot_program = shutil.which("dot")
        if dot_program is None:
            return _fail(lang, t("cli.graph.no_dot", lang, format=args.format.upper()), t("cli.graph.no_dot_hint", lang))
        if args.format == "png" and (args.output is None or str(args.output) == "-") and sys.stdout.isatty():
            return _fail(lang, t("cli.graph.png_terminal", lang), t("cli.graph.png_terminal_hint", lang))

    loaded = scenario_or_report(args.scenario, dialogue_dirs(args))
    if loaded is None:
        return EXIT_USAGE
    _, found = loaded
    graph = build(found.scenario, text=args.text, lang=args.lang or default_lang())
    example = f"{found.scenario.id}.{'md' if args.format == 'mermaid' else args.format}"
    if args.format in ("mermaid", "dot"):
        write_output(args.output, (to_mermaid if args.format == "mermaid" else to_dot)(graph), lang, example)
        return EXIT_OK
    assert dot_program is not None
    try:
        proc = subprocess.run(
            [dot_program, f"-T{args.format}"],
            input=to_dot(graph).encode("utf-8"),
            capture_output=True,
            timeout=DOT_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return _fail(lang, t("cli.graph.timeout", lang, seconds=DOT_TIMEOUT), t("cli.graph.timeout_hint", lang), EXIT_FINDINGS)
    except OSError as exc:
        return _fail(lang, t("cli.graph.cannot_run", lang, error=exc.strerror or exc), t("cli.graph.cannot_run_hint", lang), EXIT_FINDINGS)
    if proc.returncode != 0:
        first = proc.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        message = t("cli.graph.failed_with", lang, error=first[0]) if first else t("cli.graph.failed", lang)
        return _fail(lang, message, t("cli.graph.failed_hint", lang), EXIT_FINDINGS)
    write_output(args.output, proc.stdout, lang, example)
    return EXIT_OK
