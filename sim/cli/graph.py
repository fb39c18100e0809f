"""`sim graph`: draw a scenario as Mermaid or DOT text, or as SVG/PNG through Graphviz."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from sim.cli.main import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, extra_dirs
from sim.cli.output import console, literal
from sim.cli.scenarios import scenario_or_report

DOT_TIMEOUT = 120  # seconds; Graphviz on a 10,000-node scenario is slow but finishes


def _fail(message: str, hint: str, code: int = EXIT_USAGE) -> int:
    err = console(stderr=True)
    err.print(literal(f"sim graph: {message}"), soft_wrap=True)
    err.print(literal(f"    hint: {hint}"), soft_wrap=True)
    return code


def run_graph(args: argparse.Namespace) -> int:
    from sim.graph import build, to_dot, to_mermaid
    from sim.i18n import default_lang

    # Before loading anything: a missing Graphviz is the most common problem.
    dot_program = None
    if args.format in ("svg", "png"):
        dot_program = shutil.which("dot")
        if dot_program is None:
            return _fail(
                "Graphviz `dot` is not installed, so it cannot draw " + args.format.upper(),
                "install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`, macOS: `brew install graphviz`), "
                "or use `--format mermaid` or `--format dot` and draw it elsewhere",
            )
        if args.format == "png" and args.output is None and sys.stdout.isatty():
            return _fail("a PNG picture cannot be shown in a terminal", "give a file: `-o scenario.png`")

    loaded = scenario_or_report(args.scenario, extra_dirs(args))
    if loaded is None:
        return EXIT_USAGE
    _, found = loaded
    graph = build(found.scenario, text=args.text, lang=args.lang or default_lang())
    if args.format == "mermaid":
        return _write_text(to_mermaid(graph), args.output)
    if args.format == "dot":
        return _write_text(to_dot(graph), args.output)
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
        return _fail(f"Graphviz `dot` took longer than {DOT_TIMEOUT} s", "draw a smaller scenario, or use `--format dot` and run dot yourself", EXIT_FINDINGS)
    except OSError as exc:
        return _fail(f"cannot run Graphviz `dot`: {exc.strerror or exc}", "check the Graphviz installation", EXIT_FINDINGS)
    if proc.returncode != 0:
        first = proc.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        return _fail(
            "Graphviz `dot` failed" + (f": {first[0]}" if first else ""),
            "run `sim graph … --format dot | dot -Tsvg` to see everything it says",
            EXIT_FINDINGS,
        )
    return _write_bytes(proc.stdout, args.output)


def _write_text(text: str, output: Path | None) -> int:
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    return _write_bytes(text.encode("utf-8"), output)


def _write_bytes(data: bytes, output: Path | None) -> int:
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return EXIT_OK
    try:
        output.write_bytes(data)
    except OSError as exc:
        return _fail(f"cannot write {output}: {exc.strerror or exc}", "check that the folder exists and is writable")
    return EXIT_OK
