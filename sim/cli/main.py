"""`sim` argument parsing and the guard that keeps tracebacks away from users."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sim import __version__
from sim.errors import UserError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n    hint: `{self.prog} --help` lists the options\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sim",
        description="Practise difficult customer-service encounters. With no command, starts the simulator.",
    )
    parser.add_argument("--version", action="version", version=f"sim {__version__}")
    parser.add_argument("--dir", type=Path, action="append", default=[], metavar="PATH", help="also use scenarios from this folder (or set SIM_DIALOGUES)")
    _add_tui_options(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("play", help="start the simulator at the briefing of one scenario")
    p.add_argument("scenario", help="a scenario file or id")
    # SUPPRESS: `sim --lang fi play X` keeps the value given before the command.
    _add_tui_options(p, argparse.SUPPRESS)
    p.add_argument("--plain", action="store_true", help="line by line on standard input and output, without the full-screen app (screen readers, slow links, pipes)")
    p.add_argument("--watch", action="store_true", help="live preview for authors: reload the file on every save, keep your place if it still fits; nothing is saved")

    p = sub.add_parser("validate", help="check scenario, persona and principle files")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    p.add_argument("--format", choices=("text", "json", "github"), default="text", help="output format (github: workflow annotations)")
    p.add_argument("--require-lang", default="", metavar="LANGS", help="comma-separated languages every text must have, e.g. fi,en")
    p.add_argument("--lang", choices=("en", "fi"), default=None, help="language of the headings and the summary; the file:line:col lines stay English for editors and CI")

    p = sub.add_parser("walk", help="play a path through a scenario without the TUI")
    p.add_argument("scenario", help="a scenario file or id")
    p.add_argument("--choices", default="", help="comma-separated: option numbers, choice ids, `help`, `timeout`")
    p.add_argument("--seed", type=int, default=0, help="seed for the order of the options (default 0)")
    p.add_argument("--lang", default=None, help="language of the scenario texts (fi, en, …)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    _dir_option(p)

    p = sub.add_parser("analyze", help="what a scenario teaches over all its paths: counts, endings, best and worst scores, coverage")
    p.add_argument("scenario", help="a scenario file or id")
    p.add_argument("--json", action="store_true", help="print JSON instead of a report")
    _dir_option(p)

    p = sub.add_parser("graph", help="draw a scenario as a Mermaid or Graphviz graph")
    p.add_argument("scenario", help="a scenario file or id")
    p.add_argument("--format", choices=("mermaid", "dot", "svg", "png"), default="mermaid", help="mermaid (default), dot, or svg/png drawn by Graphviz `dot`")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    p.add_argument("--text", action="store_true", help="show the client's first words and each choice's text, not only ids")
    p.add_argument("--lang", default=None, help="language of the texts shown with --text (fi, en, …)")
    _dir_option(p)

    p = sub.add_parser("new", help="start a new scenario or persona file from a commented template")
    p.add_argument("kind", choices=("scenario", "profile"), help="what to create")
    p.add_argument("name", help="its id, which is also the file name, e.g. noise-complaint")
    p.add_argument("--channel", choices=("desk", "phone", "chat", "email"), default="desk", help="service channel of a new scenario (default desk)")
    p.add_argument("--profile", default=None, help="persona id of a new scenario (default: a built-in one)")
    p.add_argument("-o", "--output", type=Path, default=Path("."), metavar="DIR", help="folder to write into (default: the current folder)")
    _dir_option(p)

    p = sub.add_parser("schema", help="print the JSON Schema of the file format")
    p.add_argument("kind", nargs="?", choices=("scenario", "profile", "principles", "test"), default="scenario")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")

    p = sub.add_parser("test", help="run the transcript tests (*.test.yaml) beside scenarios")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="test files, scenario files or folders (default: the current folder)")
    p.add_argument("--format", choices=("text", "json", "junit"), default="text", help="output format (junit: JUnit XML for CI)")
    p.add_argument("-o", "--output", type=Path, help="write the report to this file (text still goes to the screen)")
    _dir_option(p)

    p = sub.add_parser("fuzz", help="play seeded random sessions of a scenario and report problems")
    p.add_argument("scenario", help="a scenario file or id")
    p.add_argument("--runs", type=int, default=200, help="number of sessions (default 200)")
    p.add_argument("--seed", type=int, default=0, help="seed of the first session; session i uses seed+i (default 0)")
    p.add_argument("--max-turns", type=int, default=500, help="a session this long is reported as not ending (default 500)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    _dir_option(p)

    p = sub.add_parser("list", help="list the built-in and local scenarios")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--lang", default=None, help="language of the titles")
    _dir_option(p)

    # --- history, reports and export (the store lives in the data folder; SIM_HOME overrides it)
    p = sub.add_parser("history", help="past sessions and progress per principle")
    p.add_argument("--json", action="store_true", help="print JSON instead of tables")
    p.add_argument("--trainee", default=None, metavar="NAME", help="only this trainee's sessions")
    p.add_argument("--lang", default=None, help="language of the titles")
    _dir_option(p)

    p = sub.add_parser("report", help="the debrief of one past session as Markdown, HTML or JSON")
    p.add_argument("session", metavar="SESSION", help="a session id from `sim history` (any unique part of it), or `last`")
    p.add_argument("--format", choices=("md", "html", "json"), default="md", help="report format (default md)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to this file (atomically) instead of standard output")
    p.add_argument("--trainee", default=None, metavar="NAME", help="with `last`: this trainee's newest session")
    p.add_argument("--lang", default=None, help="language of the texts (default: the one the session was played in)")
    _dir_option(p)

    p = sub.add_parser("export", help="export the history as xAPI statements, to a file or a Learning Record Store")
    p.add_argument("--xapi", action="store_true", help="xAPI 1.0.3 statements (SIM_XAPI_BASE sets the IRI base)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the statements to this file (default: standard output, unless --lrs)")
    p.add_argument("--trainee", default=None, metavar="NAME", help="only this trainee's sessions")
    p.add_argument("--lrs", default=None, metavar="URL", help="POST the statements to this xAPI endpoint; undelivered ones stay queued for the next export")
    p.add_argument("--user", default=None, metavar="U", help="LRS key for Basic auth (or SIM_LRS_USER)")
    p.add_argument("--password", default=None, metavar="P", help="LRS secret (or SIM_LRS_PASSWORD, which other users cannot see in the process list)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS", help="how long to wait for the LRS (default 30)")
    _dir_option(p)

    p = sub.add_parser("summary", help="aggregate JSON reports of several trainees per scenario and principle")
    p.add_argument("paths", nargs="+", type=Path, metavar="FILES_OR_DIRS", help="report files from `sim report --format json`, or folders of them")
    p.add_argument("--json", action="store_true", help="print JSON instead of tables")

    # --- reach: the browser mode and the message catalogue
    p = sub.add_parser("serve", help="serve the simulator to web browsers (needs the [serve] extra)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--public-url", default=None, metavar="URL", help="the address browsers use, when behind a reverse proxy, e.g. https://sim.example.org")
    _add_tui_options(p, argparse.SUPPRESS)
    _dir_option(p)

    p = sub.add_parser("i18n", help="the simulator's message catalogue, for translators")
    p.add_argument("--export-po", required=True, metavar="LANG", help="write a gettext PO file of this language (fi, en; another code gives an empty template)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to this file instead of standard output")
    return parser


def _dir_option(p: argparse.ArgumentParser) -> None:
    # Accepted after the command too (`sim list --dir X`); a separate dest,
    # because a subparser's default would overwrite the value given before it.
    p.add_argument("--dir", dest="sub_dir", type=Path, action="append", default=[], metavar="PATH", help="also use scenarios from this folder")


def _add_tui_options(parser: argparse.ArgumentParser, default: object) -> None:
    # `ui_lang`, not `lang`: walk and list have a `--lang` of their own for scenario texts.
    parser.add_argument("--mode", choices=("practice", "assessment"), default=default, help="practice: feedback after every choice (default); assessment: feedback only in the debrief")
    parser.add_argument("--lang", dest="ui_lang", choices=("en", "fi"), default=default, help="language of the simulator (default: from SIM_LANG or the locale)")


def extra_dirs(args: argparse.Namespace) -> list[Path]:
    dirs = list(args.dir) + list(getattr(args, "sub_dir", []))
    env = os.environ.get("SIM_DIALOGUES")
    if env:
        dirs.extend(Path(p) for p in env.split(os.pathsep) if p)
    return dirs


def dispatch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not _runs_the_app(args):
        from sim.startup import resume_collection

        resume_collection()  # only the full-screen app keeps it deferred until its first frame
    if args.command == "validate":
        from sim.cli.validate import run_validate

        return run_validate(args)
    if args.command == "walk":
        from sim.cli.walk import run_walk

        return run_walk(args)
    if args.command == "analyze":
        from sim.cli.analyze import run_analyze

        return run_analyze(args)
    if args.command == "graph":
        from sim.cli.graph import run_graph

        return run_graph(args)
    if args.command == "new":
        from sim.cli.new import run_new

        return run_new(args)
    if args.command == "schema":
        from sim.cli.schema import run_schema

        return run_schema(args)
    if args.command == "list":
        from sim.cli.listing import run_list

        return run_list(args)
    if args.command == "history":
        from sim.cli.history import run_history

        return run_history(args)
    if args.command == "report":
        from sim.cli.report import run_report

        return run_report(args)
    if args.command == "export":
        from sim.cli.export import run_export

        return run_export(args)
    if args.command == "summary":
        from sim.cli.summary import run_summary

        return run_summary(args)
    if args.command == "test":
        from sim.cli.test import run_test

        return run_test(args)
    if args.command == "fuzz":
        from sim.cli.fuzz import run_fuzz

        return run_fuzz(args)
    if args.command == "serve":
        from sim.serve import run_serve

        return run_serve(args)
    if args.command == "i18n":
        from sim.cli.i18n import run_i18n

        return run_i18n(args)
    if args.command == "play" and args.plain:
        # Line by line, without Textual.
        from sim.plain import run_plain

        return run_plain(args)
    # No command, or `play`: the simulator itself. Textual is imported only here.
    from sim.tui.launch import run_tui

    return run_tui(args)


def _runs_the_app(args: argparse.Namespace) -> bool:
    return args.command is None or (args.command == "play" and not getattr(args, "plain", False))


def run(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        return dispatch(args, parser)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except UserError as exc:
        # Read-only or full data folder, an unreachable LRS, a missing session: say where and what to do.
        from sim.text import clean

        sys.stderr.write(clean(exc.format()) + "\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error worth a message.
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # the last guard: users never see a traceback
        if os.environ.get("SIM_DEBUG"):
            raise
        sys.stderr.write(
            f"sim: internal error: {type(exc).__name__}: {exc}\n"
            "    hint: this is a bug in sim; run again with SIM_DEBUG=1 for details and report it\n"
        )
        return EXIT_INTERNAL
