"""`sim` argument parsing and the guard that keeps tracebacks away from users."""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache, partial
from importlib import import_module
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

from sim import __version__
from sim.cli.completion import SHELLS, asked, complete, scenario_names
from sim.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UserError
from sim.i18n import STRINGS, default_lang, lang_from_argv, t
from sim.reports.formats import FORMATS

# argparse's own words ("usage:", "options", "the following arguments are
# required", "invalid choice", …) come from `argparse._`, its module-level alias
# of `gettext.gettext`, called at the moment each text is needed, both while the
# parser is built and deep inside parsing, in messages argparse formats itself
# before they reach `error()`. So the one clean place to put them into another
# language is that function, and `_argparse_speaks` swaps it (and `ngettext`) for
# a lookup in sim/i18n.py while a parser of ours runs, keyed by the English
# msgid exactly as a gettext catalogue is; a msgid the catalogue lacks stays
# English, as gettext does. The alternatives are worse: a subclass reaches only
# what argparse routes through overridable methods (the usage prefix, group
# titles) and would have to translate finished error messages back from
# English with patterns that break with each Python release; a compiled .mo
# bound to gettext's default domain needs a build step and is process-global
# for good. The swap is undone on the way out, so argparse is untouched outside.


@cache
def _argparse_msgids() -> dict[str, str]:
    """argparse's English msgid → catalogue key (a plural's base key, by its singular)."""
    msgids: dict[str, str] = {}
    for key, entry in STRINGS.items():
        if key.startswith("argparse.") and not key.endswith(".other"):
            msgids[entry["en"]] = key.removesuffix(".one")
    return msgids


@contextmanager
def _argparse_speaks(lang: str) -> Iterator[None]:
    if lang == "en":  # argparse's own words are English
        yield
        return
    msgids = _argparse_msgids()

    def gettext(message: str) -> str:
        key = msgids.get(message)
        return t(key, lang) if key else message

    def ngettext(singular: str, plural: str, count: int) -> str:
        key = msgids.get(singular)
        if key is None:
            return singular if count == 1 else plural
        return t(f"{key}.{'one' if count == 1 else 'other'}", lang)

    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]  # argparse's gettext hooks: not in its stubs
    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]  # not in argparse's stubs
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]  # not in argparse's stubs


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks `lang`: its usage errors keep exit code 2
    and come with a hint, and argparse's own words are translated too."""

    def __init__(self, *args: Any, lang: str = "en", **kwargs: Any) -> None:
        self.lang = lang
        with _argparse_speaks(lang):  # the help option's text and the group titles are made here
            super().__init__(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with _argparse_speaks(self.lang):
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with _argparse_speaks(self.lang):
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with _argparse_speaks(self.lang):
            return super().format_usage()

    def format_help(self) -> str:
        with _argparse_speaks(self.lang):
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(t("cli.usage_error", self.lang, prog=self.prog, message=message) + "\n")
        raise SystemExit(EXIT_USAGE)


def seconds(lang: str) -> Callable[[str], float]:
    """An argparse type: a finite number of seconds, more than 0 and at most an hour."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("args.bad_seconds", lang, value=text)) from None
        if not math.isfinite(value) or not 0 < value <= 3600:
            raise argparse.ArgumentTypeError(t("args.bad_seconds", lang, value=text))
        return value

    return parse


def web_url(lang: str) -> Callable[[str], str]:
    """An argparse type: a URL with a host (and a valid port, if given)."""

    def parse(text: str) -> str:
        try:
            parts = urlsplit(text)
            parts.port  # noqa: B018 - reading it checks the port: it raises ValueError when invalid
        except ValueError:
            raise argparse.ArgumentTypeError(t("args.bad_url", lang, value=text)) from None
        if not parts.hostname:  # the scheme is the command's to judge, with its own hint
            raise argparse.ArgumentTypeError(t("args.bad_url", lang, value=text))
        return text

    return parse


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """`sim`'s parser, its help and usage errors in `lang` (default: SIM_LANG or the locale)."""
    lang = lang or default_lang()

    def w(key: str) -> str:
        return t(key, lang)

    def command(name: str, key: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=w(key), description=w(key))

    def scenario_arg(p: argparse.ArgumentParser) -> None:
        arg = p.add_argument("scenario", metavar=w("args.metavar.scenario"), help=w("args.scenario"))
        arg.completer = scenario_names  # type: ignore[attr-defined]  # argcomplete reads this attribute

    parser = _Parser(prog="sim", description=w("args.description"), lang=lang)
    parser.add_argument("--version", action="version", version=f"sim {__version__}", help=w("args.version"))
    parser.add_argument("--dir", type=Path, action="append", default=[], metavar=w("args.metavar.path"), help=w("args.dir"))
    _add_tui_options(parser, None, w)
    sub: argparse._SubParsersAction[argparse.ArgumentParser] = parser.add_subparsers(  # type: ignore[call-overload]  # a partial, not a class
        dest="command", metavar=w("args.metavar.command"), parser_class=partial(_Parser, lang=lang)
    )

    p = command("play", "args.play")
    scenario_arg(p)
    # SUPPRESS: `sim --lang fi play X` keeps the value given before the command.
    _add_tui_options(p, argparse.SUPPRESS, w)
    p.add_argument("--plain", action="store_true", help=w("args.play.plain"))
    p.add_argument("--watch", action="store_true", help=w("args.play.watch"))

    p = command("validate", "args.validate")
    p.add_argument("paths", nargs="+", type=Path, metavar=w("args.metavar.path"), help=w("args.validate.paths"))
    p.add_argument("--format", choices=("text", "json", "github"), default="text", help=w("args.validate.format"))
    p.add_argument("--require-lang", default="", metavar=w("args.metavar.langs"), help=w("args.validate.require_lang"))
    p.add_argument("--lang", choices=("en", "fi"), default=None, help=w("args.validate.lang"))

    p = command("walk", "args.walk")
    scenario_arg(p)
    p.add_argument("--choices", default="", metavar=w("args.metavar.choices"), help=w("args.walk.choices"))
    p.add_argument("--seed", type=int, default=0, metavar=w("args.metavar.seed"), help=w("args.walk.seed"))
    p.add_argument("--lang", default=None, metavar=w("args.metavar.lang"), help=w("args.walk.lang"))
    p.add_argument("--json", action="store_true", help=w("args.json.text"))
    _dir_option(p, w)

    p = command("match", "args.match")
    scenario_arg(p)
    p.add_argument("node", nargs="?", default=None, metavar=w("args.metavar.node"), help=w("args.match.node"))
    p.add_argument("text", nargs="?", default=None, metavar=w("args.metavar.text"), help=w("args.match.text"))
    p.add_argument("--report", action="store_true", help=w("args.match.report"))
    p.add_argument("--lang", default=None, metavar=w("args.metavar.lang"), help=w("args.match.lang"))
    p.add_argument("--json", action="store_true", help=w("args.json.report"))
    _dir_option(p, w)

    p = command("phrases", "args.phrases")
    p.add_argument("scenario", nargs="?", default=None, metavar=w("args.metavar.scenario"), help=w("args.phrases.scenario"))
    p.add_argument("--trainee", default=None, metavar=w("args.metavar.name"), help=w("args.phrases.trainee"))
    p.add_argument("--json", action="store_true", help=w("args.json.report"))
    _ui_lang_option(p, w)
    _dir_option(p, w)

    p = command("analyze", "args.analyze")
    scenario_arg(p)
    p.add_argument("--json", action="store_true", help=w("args.json.report"))
    _ui_lang_option(p, w)
    _dir_option(p, w)

    p = command("graph", "args.graph")
    scenario_arg(p)
    p.add_argument("--format", choices=("mermaid", "dot", "svg", "png"), default="mermaid", help=w("args.graph.format"))
    p.add_argument("-o", "--output", type=Path, metavar=w("args.metavar.output"), help=w("args.output"))
    p.add_argument("--text", action="store_true", help=w("args.graph.text"))
    p.add_argument("--lang", default=None, metavar=w("args.metavar.lang"), help=w("args.graph.lang"))
    _dir_option(p, w)

    p = command("new", "args.new")
    p.add_argument("kind", choices=("scenario", "profile"), help=w("args.new.kind"))
    p.add_argument("name", metavar=w("args.metavar.name"), help=w("args.new.name"))
    p.add_argument("--channel", choices=("desk", "phone", "chat", "email"), default="desk", help=w("args.new.channel"))
    p.add_argument("--profile", default=None, metavar=w("args.metavar.profile"), help=w("args.new.profile"))
    p.add_argument("-o", "--output", type=Path, default=Path("."), metavar=w("args.metavar.dir"), help=w("args.new.output"))
    _ui_lang_option(p, w)
    _dir_option(p, w)

    p = command("schema", "args.schema")
    p.add_argument("kind", nargs="?", choices=("scenario", "profile", "principles", "test"), default="scenario", help=w("args.schema.kind"))
    p.add_argument("-o", "--output", type=Path, metavar=w("args.metavar.output"), help=w("args.output"))
    _ui_lang_option(p, w)

    p = command("test", "args.test")
    p.add_argument("paths", nargs="*", type=Path, metavar=w("args.metavar.path"), help=w("args.test.paths"))
    p.add_argument("--format", choices=("text", "json", "junit"), default="text", help=w("args.test.format"))
    p.add_argument("-o", "--output", type=Path, metavar=w("args.metavar.output"), help=w("args.test.output"))
    _ui_lang_option(p, w)
    _dir_option(p, w)

    p = command("fuzz", "args.fuzz")
    scenario_arg(p)
    p.add_argument("--runs", type=int, default=200, metavar=w("args.metavar.runs"), help=w("args.fuzz.runs"))
    p.add_argument("--seed", type=int, default=0, metavar=w("args.metavar.seed"), help=w("args.fuzz.seed"))
    p.add_argument("--max-turns", type=int, default=500, metavar=w("args.metavar.max_turns"), help=w("args.fuzz.max_turns"))
    p.add_argument("--json", action="store_true", help=w("args.json.text"))
    _ui_lang_option(p, w)
    _dir_option(p, w)

    p = command("list", "args.list")
    p.add_argument("--json", action="store_true", help=w("args.json.table"))
    p.add_argument("--lang", default=None, metavar=w("args.metavar.lang"), help=w("args.titles_lang"))
    _dir_option(p, w)

    # --- history, reports and export (the store lives in the data folder; SIM_HOME overrides it)
    p = command("history", "args.history")
    p.add_argument("--json", action="store_true", help=w("args.json.tables"))
    p.add_argument("--trainee", default=None, metavar=w("args.metavar.trainee"), help=w("args.trainee"))
    p.add_argument("--lang", default=None, metavar=w("args.metavar.lang"), help=w("args.titles_lang"))
    _dir_option(p, w)

    p = command("report", "args.report")
    p.add_argument("session", metavar=w("args.metavar.session"), help=w("args.report.session"))
    p.add_argument("--format", choices=FORMATS, default="md", help=w("args.report.format"))
    p.add_argument("-o", "--output", type=Path, metavar=w("args.metavar.file"), help=w("args.report.output"))
    p.add_argument("--trainee", default=None, metavar=w("args.metavar.trainee"), help=w("args.report.trainee"))
    p.add_argument("--lang", default=None, metavar=w("args.metavar.lang"), help=w("args.report.lang"))
    _dir_option(p, w)

    p = command("export", "args.export")
    p.add_argument("--xapi", action="store_true", help=w("args.export.xapi"))
    p.add_argument("-o", "--output", type=Path, metavar=w("args.metavar.file"), help=w("args.export.output"))
    p.add_argument("--trainee", default=None, metavar=w("args.metavar.trainee"), help=w("args.trainee"))
    p.add_argument("--lrs", type=web_url(lang), default=None, metavar=w("args.metavar.url"), help=w("args.export.lrs"))
    p.add_argument("--user", default=None, metavar="U", help=w("args.export.user"))
    p.add_argument("--password", default=None, metavar="P", help=w("args.export.password"))
    p.add_argument("--timeout", type=seconds(lang), default=30.0, metavar=w("args.metavar.seconds"), help=w("args.export.timeout"))
    # The queue of an LRS, looked at or changed without sending anything.
    queue = p.add_mutually_exclusive_group()
    queue.add_argument("--status", action="store_true", help=w("args.export.status"))
    queue.add_argument("--skip", action="append", default=[], metavar=w("args.metavar.statement"), help=w("args.export.skip"))
    queue.add_argument("--unskip", action="append", default=[], metavar=w("args.metavar.statement"), help=w("args.export.unskip"))
    queue.add_argument("--drop", action="append", default=[], metavar=w("args.metavar.statement"), help=w("args.export.drop"))
    p.add_argument("--yes", action="store_true", help=w("args.export.yes"))
    p.epilog = w("args.export.epilog")
    _ui_lang_option(p, w)
    _dir_option(p, w)

    p = command("summary", "args.summary")
    p.add_argument("paths", nargs="+", type=Path, metavar=w("args.metavar.files_or_dirs"), help=w("args.summary.paths"))
    p.add_argument("--json", action="store_true", help=w("args.json.tables"))
    _ui_lang_option(p, w)

    # --- practice over time: the trainee's next step, the instructor's class view
    p = command("next", "args.next")
    p.add_argument("--trainee", default=None, metavar=w("args.metavar.trainee"), help=w("args.next.trainee"))
    p.add_argument("--json", action="store_true", help=w("args.json.tables"))
    _assignments_option(p, w)
    _ui_lang_option(p, w)
    _dir_option(p, w)

    p = command("class", "args.class")
    p.add_argument("--from", dest="source", nargs="+", default=None, metavar=w("args.metavar.source"), help=w("args.class.from"))
    p.add_argument("--trainees", type=Path, default=None, metavar=w("args.metavar.file"), help=w("args.class.trainees"))
    _assignments_option(p, w)
    p.add_argument("--format", choices=("text", "json", "csv", "html"), default="text", help=w("args.class.format"))
    p.add_argument("-o", "--output", type=Path, metavar=w("args.metavar.file"), help=w("args.class.output"))
    p.add_argument("--trainee", default=None, metavar=w("args.metavar.trainee"), help=w("args.class.trainee"))
    p.add_argument("--scenario", default=None, metavar=w("args.metavar.id"), help=w("args.class.scenario"))
    p.add_argument("--since", type=date_arg(lang), default=None, metavar=w("args.metavar.date"), help=w("args.class.since"))
    p.add_argument("--user", default=None, metavar="U", help=w("args.export.user"))
    p.add_argument("--password", default=None, metavar="P", help=w("args.export.password"))
    p.add_argument("--timeout", type=seconds(lang), default=30.0, metavar=w("args.metavar.seconds"), help=w("args.export.timeout"))
    _ui_lang_option(p, w)
    _dir_option(p, w)

    # --- reach: the browser mode and the message catalogue
    p = command("serve", "args.serve")

    def bounded(key: str, kind: Callable[[str], float], low: float, high: float, *, above: bool = False) -> Callable[[str], Any]:
        # An argparse type for `sim serve`: a number in [low, high] (`above`: more than low), else `key`'s usage error.
        def parse(text: str) -> float:
            try:
                value = kind(text)
            except ValueError:
                raise argparse.ArgumentTypeError(t(key, lang, value=text)) from None
            if not math.isfinite(value) or not (low < value if above else low <= value) or value > high:
                raise argparse.ArgumentTypeError(t(key, lang, value=text))
            return value

        return parse

    p.add_argument("--host", default="127.0.0.1", metavar=w("args.metavar.host"), help=w("args.serve.host"))
    p.add_argument("--port", type=bounded("serve.bad_port", int, 1, 65535), default=8000, metavar=w("args.metavar.port"), help=w("args.serve.port"))
    p.add_argument("--public-url", default=None, metavar=w("args.metavar.url"), help=w("args.serve.public_url"))
    # No defaults here: sim/serve.py holds them, with the reasons for them.
    p.add_argument("--max-sessions", type=bounded("serve.bad_count", int, 1, 10000), default=None, metavar="N", help=w("serve.args.max_sessions"))
    idle = bounded("serve.bad_timeout", float, 0, 86400, above=True)
    p.add_argument("--idle-timeout", type=idle, default=None, metavar=w("args.metavar.seconds"), help=w("serve.args.idle_timeout"))
    p.add_argument("--reset-pin", default=None, metavar=w("args.metavar.trainee"), help=w("serve.args.reset_pin"))
    _add_tui_options(p, argparse.SUPPRESS, w)
    _dir_option(p, w)

    p = command("i18n", "args.i18n")
    way = p.add_mutually_exclusive_group(required=True)
    way.add_argument("--export-po", metavar=w("args.metavar.lang"), help=w("args.i18n.export_po"))
    way.add_argument("--import-po", type=Path, metavar=w("args.metavar.file"), help=w("args.i18n.import_po"))
    p.add_argument("-o", "--output", type=Path, metavar=w("args.metavar.file"), help=w("args.output"))
    _ui_lang_option(p, w)

    p = sub.add_parser(
        "completion",
        help=w("args.completion"),
        description=w("args.completion"),
        epilog=w("args.completion.setup"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("shell", choices=SHELLS, help=w("args.completion.shell"))
    return parser


def _assignments_option(p: argparse.ArgumentParser, w: Callable[[str], str]) -> None:
    p.add_argument("--assignments", type=Path, default=None, metavar=w("args.metavar.file"), help=w("args.assignments"))


def date_arg(lang: str) -> Callable[[str], date]:
    def parse(text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("args.bad_date", lang, given=text)) from None

    return parse


def _dir_option(p: argparse.ArgumentParser, w: Callable[[str], str]) -> None:
    # Accepted after the command too (`sim list --dir X`); a separate dest,
    # because a subparser's default would overwrite the value given before it.
    p.add_argument("--dir", dest="sub_dir", type=Path, action="append", default=[], metavar=w("args.metavar.path"), help=w("args.sub_dir"))


def _add_tui_options(parser: argparse.ArgumentParser, default: object, w: Callable[[str], str]) -> None:
    # `ui_lang`, not `lang`: walk and list have a `--lang` of their own for scenario texts.
    parser.add_argument("--mode", choices=("practice", "assessment"), default=default, help=w("args.mode"))
    parser.add_argument("--time-limits", choices=("normal", "double", "off"), default=default, help=w("args.time_limits"))
    parser.add_argument("--own-words", action="store_const", const=True, default=default, help=w("args.own_words"))
    parser.add_argument("--lang", dest="ui_lang", choices=("en", "fi"), default=default, help=w("args.ui_lang"))


def _ui_lang_option(p: argparse.ArgumentParser, w: Callable[[str], str]) -> None:
    # `sim analyze X --lang fi` as well as `sim --lang fi analyze X`; SUPPRESS keeps the latter's value.
    p.add_argument("--lang", dest="ui_lang", choices=("en", "fi"), default=argparse.SUPPRESS, help=w("args.out_lang"))


# Which function runs each command, as "module:function", imported only when
# that command runs: `sim validate` never loads Textual, and the CLI does not
# import the other front ends (the TUI, --plain, serve), which it only starts.
COMMANDS: dict[str, str] = {
    "validate": "sim.cli.validate:run_validate",
    "walk": "sim.cli.walk:run_walk",
    "match": "sim.cli.match:run_match",
    "phrases": "sim.cli.phrases:run_phrases",
    "analyze": "sim.cli.analyze:run_analyze",
    "graph": "sim.cli.graph:run_graph",
    "new": "sim.cli.new:run_new",
    "schema": "sim.cli.schema:run_schema",
    "list": "sim.cli.listing:run_list",
    "history": "sim.cli.history:run_history",
    "report": "sim.cli.report:run_report",
    "export": "sim.cli.export:run_export",
    "summary": "sim.cli.summary:run_summary",
    "next": "sim.cli.next_step:run_next",
    "class": "sim.cli.classview:run_class",
    "test": "sim.cli.test:run_test",
    "fuzz": "sim.cli.fuzz:run_fuzz",
    "serve": "sim.serve:run_serve",
    "i18n": "sim.cli.i18n:run_i18n",
    "completion": "sim.cli.completion:run_completion",
}
# Commands that load one scenario and then work on it at length: collection stays
# deferred until it is loaded, then what was loaded is frozen (sim.console.scenario_or_report).
LOAD_THEN_WORK = frozenset({"walk", "analyze", "fuzz"})
PLAIN = "sim.plain:run_plain"  # `sim play X --plain`: line by line, without Textual
APP = "sim.tui.launch:run_tui"  # no command, or `sim play X`: the simulator itself


def dispatch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not _runs_the_app(args) and args.command not in LOAD_THEN_WORK:
        from sim.startup import resume_collection

        resume_collection()  # the app keeps it deferred until its first frame; LOAD_THEN_WORK until loaded
    # Bare `sim` without a terminal answers with the list of commands; the
    # launcher decides when (after its own checks), the parser knows the list.
    args.show_commands = parser.print_help
    target = COMMANDS.get(args.command, PLAIN if args.command == "play" and args.plain else APP)
    module, _, function = target.partition(":")
    runner: Callable[[argparse.Namespace], int] = getattr(import_module(module), function)
    return runner(args)


def _runs_the_app(args: argparse.Namespace) -> bool:
    return args.command is None or (args.command == "play" and not getattr(args, "plain", False))


def _reader_gone() -> int:
    """The reader of our output has closed the pipe: exit 0, quietly."""
    # What is still buffered for stdout would fail again in the flush at
    # interpreter exit, turning the exit status into 120; pointing stdout at
    # devnull lets that flush succeed (Python docs, "Note on SIGPIPE").
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass  # no real stdout (captured in tests, or closed): nothing is left to flush
    sys.stderr.close()
    return EXIT_OK


def run(argv: list[str]) -> int:
    # The language first: the parser's own words (help, usage errors) are in it.
    lang = lang_from_argv(argv)
    parser = build_parser(lang)
    if asked():
        complete(parser)  # answers the shell and exits
    try:
        args = parser.parse_args(argv)
        return dispatch(args, parser)
    except SystemExit as exc:
        if isinstance(exc.__context__, BrokenPipeError):
            # Rich's own broken-pipe handling (Console.on_broken_pipe) exits
            # with 1; `sim history | head` is no failure, as for every other command.
            return _reader_gone()
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except UserError as exc:
        # Read-only or full data folder, an unreachable LRS, a missing session: say where and what to do.
        from sim.text import clean

        sys.stderr.write(clean(exc.format(lang)) + "\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error worth a message.
        return _reader_gone()
    except Exception as exc:  # the last guard: users never see a traceback
        if os.environ.get("SIM_DEBUG"):
            raise
        sys.stderr.write(t("cli.internal_error", lang, error=f"{type(exc).__name__}: {exc}") + "\n")
        return EXIT_INTERNAL
