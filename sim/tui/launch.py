"""`sim` with no command, and `sim play SCENARIO`: check everything that can
be checked while the terminal is still ours to print to, then run the app."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sim.console import console, literal, problem
from sim.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from sim.i18n import default_lang, t

if TYPE_CHECKING:  # imported when the app runs: `sim --help` needs neither
    from sim.session.catalog import Catalog
    from sim.tui.app import Options, SimApp


def _fail(*lines: str) -> int:
    err = console(stderr=True)
    for line in lines:
        err.print(literal(line), soft_wrap=True)  # a location on one line, whatever the width
    return EXIT_USAGE


def run_tui(args: argparse.Namespace) -> int:
    lang = getattr(args, "ui_lang", None) or default_lang()
    mode = getattr(args, "mode", None) or "practice"
    from sim.content.locate import dialogue_dirs, is_file_reference

    dirs = dialogue_dirs(args)
    missing = [d for d in dirs if not d.exists()]
    if missing:
        return _fail(*(t("cli.no_folder", lang, path=d) for d in missing))

    from sim.session.catalog import Catalog

    name: str | None = args.scenario if args.command == "play" else None
    files = [Path(name)] if name is not None and is_file_reference(name) else []
    from sim.session.settings import known_trainee

    catalog = Catalog.load(dirs, files, trainee=known_trainee())
    if name is not None:
        entry = catalog.find(name)
        if entry is None:
            # Not found: `find_scenario` words it, with a did-you-mean.
            from sim.content.locate import find_scenario

            return _fail(*(p.format() for p in find_scenario(name, dirs)[2]))
        if entry.loaded is None and not getattr(args, "watch", False):  # a preview opens on the errors and waits for the fix
            return _fail(*(p.format() for p in entry.problems))

    # SIM_EXIT_ON_READY=1: a start-up check (CI, benchmarks/run.py) that needs no terminal.
    exit_on_ready = os.environ.get("SIM_EXIT_ON_READY") == "1"
    # TEXTUAL_DRIVER: `sim serve` runs the app through pipes, drawn in a browser.
    driven = bool(os.environ.get("TEXTUAL_DRIVER"))
    if not exit_on_ready and not driven and not (sys.stdin.isatty() and sys.stdout.isatty()):
        show_commands = getattr(args, "show_commands", None)
        if name is None and show_commands is not None:
            # Bare `sim` in a pipe or a script: the list of commands is the useful
            # answer, but the simulator did not start, and a script must see that.
            show_commands()
            sys.stderr.write(t("cli.launch.no_terminal_help", lang) + "\n")
            return EXIT_USAGE
        return _fail(problem("sim", t("cli.launch.no_terminal", lang), t("cli.launch.no_terminal_hint", lang), lang))

    from sim.tui.app import Options, SimApp

    options = Options(
        dirs=tuple(dirs),
        files=tuple(files),
        play=name,
        mode=mode,
        lang=lang,
        watch=getattr(args, "watch", False),
        time_limits=getattr(args, "time_limits", None),
        own_words=getattr(args, "own_words", None),
    )
    if exit_on_ready:
        return _run_until_ready(SimApp, options, catalog)
    app = SimApp(options, catalog)
    app.run()
    if app.return_code == 1:  # an unhandled exception inside the app; it has said so
        return EXIT_INTERNAL
    return app.return_code or EXIT_OK


def _run_until_ready(app_class: type[SimApp], options: Options, catalog: Catalog) -> int:
    """Run headless until the first frame is on screen (Textual's `Ready`),
    print what the active screen shows, and exit: how `benchmarks/run.py`
    times a cold start, and a smoke test that the app starts at all."""

    class ExitOnReady(app_class):  # type: ignore[misc, valid-type]  # a subclass of the class passed in
        shown = ""

        def on_ready(self) -> None:  # runs after any `on_ready` of the app itself
            home = self.screen_stack[0]  # the default screen, under anything pushed on mount
            tables = home.query("DataTable")
            rows = tables.first().row_count if tables else 0
            self.shown = f"ready: screen={self.screen.id or type(self.screen).__name__} home-rows={rows}"
            self.exit()

    app = ExitOnReady(options, catalog)
    # An explicit size: without one, Textual's headless driver and the console
    # disagree (80×24 against 80×25) and a screen that relays out on resize never settles.
    app.run(headless=True, size=(80, 24))
    if app.return_code == 1:
        return EXIT_INTERNAL
    print(app.shown or "not ready")  # English on purpose: a line for benchmarks/run.py, not for people
    return app.return_code or (EXIT_OK if app.shown else EXIT_INTERNAL)
