"""`sim serve`: the simulator in web browsers, for a classroom.

textual-serve (the optional `[serve]` extra) answers HTTP and, for every
browser tab that connects, starts one `sim` process of its own, which draws
the app through Textual's web driver. So each tab is its own session: its own
journal, its own trainee name (the app asks for it at start, because every
tab on a shared server runs as the same operating-system user), its own
history entry.
"""

from __future__ import annotations

import argparse
import os
import shlex
import socket
import sys

from sim.errors import EXIT_USAGE
from sim.i18n import default_lang, t
from sim.session.settings import ASK_NAME_ENV


def app_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each browser tab."""
    argv = [sys.executable, "-m", "sim"]
    # Absolute: the command runs in a shell and stands in the server's log, far from where `sim serve` was typed.
    for folder in [*getattr(args, "dir", []), *getattr(args, "sub_dir", [])]:
        argv += ["--dir", str(folder.resolve())]
    if getattr(args, "mode", None):
        argv += ["--mode", args.mode]
    if getattr(args, "ui_lang", None):
        argv += ["--lang", args.ui_lang]
    return shlex.join(argv)


def public_url(host: str, port: int, given: str | None) -> str | None:
    """The address browsers use. The page holds the websocket's absolute URL,
    so listening on every interface must not send browsers to `0.0.0.0`."""
    if given:
        return given.rstrip("/")
    if host in ("0.0.0.0", "::", ""):
        return f"http://{socket.getfqdn()}:{port}"
    return None  # textual-serve's own: http://HOST:PORT


def run_serve(args: argparse.Namespace) -> int:
    lang = getattr(args, "ui_lang", None) or default_lang()
    try:
        from textual_serve.server import Server
    except ImportError:
        sys.stderr.write(t("serve.missing", lang) + "\n")
        return EXIT_USAGE
    missing = [d for d in [*args.dir, *args.sub_dir] if not d.exists()]
    if missing:
        for d in missing:
            sys.stderr.write(t("cli.no_folder", lang, path=d) + "\n")
        return EXIT_USAGE
    # The app processes inherit the server's environment (textual-serve copies
    # it): each asks its trainee's name, and none takes a name meant for all.
    os.environ[ASK_NAME_ENV] = "1"
    os.environ.pop("SIM_TRAINEE", None)
    server = Server(
        app_command(args),
        host=args.host,
        port=args.port,
        title=t("app.title", lang),
        public_url=public_url(args.host, args.port, args.public_url),
    )
    sys.stderr.write(t("serve.started", lang, url=server.public_url) + "\n")
    try:
        server.serve()
    except OSError as exc:
        # Most often the port is taken, or a privileged one.
        message = t("cli.serve.cannot_listen", lang, host=args.host, port=args.port, error=exc.strerror or exc)
        sys.stderr.write(t("cli.problem", lang, prog="sim serve", message=message, hint=t("cli.serve.cannot_listen_hint", lang)) + "\n")
        return EXIT_USAGE
    return 0
