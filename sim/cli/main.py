"""`sim` argument parsing and the guard that keeps tracebacks away from users."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sim import __version__

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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("validate", help="check scenario, persona and principle files")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    p.add_argument("--format", choices=("text", "json", "github"), default="text", help="output format (github: workflow annotations)")

    p = sub.add_parser("walk", help="play a path through a scenario without the TUI")
    p.add_argument("scenario", help="a scenario file or id")
    p.add_argument("--choices", default="", help="comma-separated: option numbers, choice ids, `help`, `timeout`")
    p.add_argument("--seed", type=int, default=0, help="seed for the order of the options (default 0)")
    p.add_argument("--lang", default=None, help="language of the scenario texts (fi, en, …)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    _dir_option(p)

    p = sub.add_parser("schema", help="print the JSON Schema of the file format")
    p.add_argument("kind", nargs="?", choices=("scenario", "profile", "principles"), default="scenario")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")

    p = sub.add_parser("list", help="list the built-in and local scenarios")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--lang", default=None, help="language of the titles")
    _dir_option(p)
    return parser


def _dir_option(p: argparse.ArgumentParser) -> None:
    # Accepted after the command too (`sim list --dir X`); a separate dest,
    # because a subparser's default would overwrite the value given before it.
    p.add_argument("--dir", dest="sub_dir", type=Path, action="append", default=[], metavar="PATH", help="also use scenarios from this folder")


def extra_dirs(args: argparse.Namespace) -> list[Path]:
    dirs = list(args.dir) + list(getattr(args, "sub_dir", []))
    env = os.environ.get("SIM_DIALOGUES")
    if env:
        dirs.extend(Path(p) for p in env.split(os.pathsep) if p)
    return dirs


def dispatch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.command == "validate":
        from sim.cli.validate import run_validate

        return run_validate(args)
    if args.command == "walk":
        from sim.cli.walk import run_walk

        return run_walk(args)
    if args.command == "schema":
        from sim.cli.schema import run_schema

        return run_schema(args)
    if args.command == "list":
        from sim.cli.listing import run_list

        return run_list(args)
    parser.print_help()
    return EXIT_OK


def run(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        return dispatch(args, parser)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
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
