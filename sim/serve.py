"""`sim serve`: the simulator in web browsers, for a classroom.

textual-serve (the optional `[serve]` extra) answers HTTP and, for every
browser tab that connects, starts one `sim` process of its own, which draws
the app through Textual's web driver. So each tab is its own session: its own
journal, its own trainee name (the app asks for it at start, because every
tab on a shared server runs as the same operating-system user), its own
history entry.

textual-serve is made for one developer showing an app on their own machine;
a classroom server faces many browsers and whatever web pages they visit. So
`ClassroomServer` wraps it, and these are its rules:

- A session's app process ends when its websocket closes, when the browser
  stops answering the websocket's heartbeat, or when its trainee sends nothing
  (no key, no mouse, no resize, no focus change) for `--idle-timeout` seconds,
  DEFAULT_IDLE_TIMEOUT (30 minutes: longer than anyone reads one screen,
  short enough that the tabs of a finished lesson do not hold memory until the
  next). The app is asked to quit; if it has not ended QUIT_GRACE seconds
  later, its process group is terminated, and killed a second after that.
- At most `--max-sessions` sessions at once, DEFAULT_MAX_SESSIONS (60: two
  classes of 30 on one machine; each app process takes ~100 MB). When full,
  the page says so in the server's language, and so does the websocket
  (close code 1013, "try again later").
- A window is at most MAX_WIDTH × MAX_HEIGHT cells and a websocket message at
  most MAX_MESSAGE_BYTES; a bigger message closes the session (code 1009).
  Input the app has not yet read is at most MAX_INPUT_BACKLOG bytes; more is
  a flood, not typing, and closes the session (code 1008).
- A websocket whose Origin header is not this server is refused (HTTP 403),
  so a web page a trainee visits cannot drive a session. Browsers always send
  Origin with a websocket, which is what makes the check work; a request
  without one does not come from a web page (curl, a script on a machine that
  can reach the server anyway) and is let in. This server's origins are the
  public URL, its localhost aliases when it listens on loopback, and the
  address the browser used when that is an IP address (a name could be a
  DNS-rebinding attacker's; an IP address cannot).
- The page loads nothing from the internet, so it works on a closed
  classroom network: textual-serve's template asks Google Fonts for Roboto
  Mono, which textual-serve ships itself; the page is given that file instead.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import html
import ipaddress
import json
import logging
import os
import re
import shlex
import signal
import socket
import sys
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sim.errors import EXIT_OK, EXIT_USAGE
from sim.i18n import default_lang, t
from sim.session.settings import ASK_NAME_ENV

try:
    import aiohttp_jinja2
    import jinja2
    from aiohttp import WSCloseCode, WSMsgType, web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server, to_int
except ImportError:  # the [serve] extra is missing: run_serve says how to install it
    HAVE_TEXTUAL_SERVE = False
else:
    HAVE_TEXTUAL_SERVE = True

log = logging.getLogger("sim.serve")

DEFAULT_MAX_SESSIONS = 60
DEFAULT_IDLE_TIMEOUT = 30 * 60.0
MAX_WIDTH, MAX_HEIGHT = 500, 200
MAX_MESSAGE_BYTES = 64 * 1024
MAX_INPUT_BACKLOG = 256 * 1024
QUIT_GRACE = 3.0
HEARTBEAT = 15.0


def app_command(args: argparse.Namespace) -> str:
    """The command line run for each browser tab (split with shlex, no shell: see AppProcess)."""
    argv = [sys.executable, "-m", "sim"]
    # Absolute: the command stands in the server's log, far from where `sim serve` was typed.
    for folder in [*getattr(args, "dir", []), *getattr(args, "sub_dir", [])]:
        argv += ["--dir", str(folder.resolve())]
    if getattr(args, "mode", None):
        argv += ["--mode", args.mode]
    if getattr(args, "ui_lang", None):
        argv += ["--lang", args.ui_lang]
    if getattr(args, "own_words", None):
        argv += ["--own-words"]  # a class that answers in its own words, in every tab
    return shlex.join(argv)


def public_url(host: str, port: int, given: str | None) -> str | None:
    """The address browsers use. The page holds the websocket's absolute URL,
    so listening on every interface must not send browsers to `0.0.0.0`."""
    if given:
        return given.rstrip("/")
    if host in ("0.0.0.0", "::", ""):
        return f"http://{socket.getfqdn()}:{port}"
    return None  # textual-serve's own: http://HOST:PORT


def origin_of(url: str) -> str | None:
    """`scheme://host[:port]` as a browser writes it in an Origin header
    (lower case, no default port), or None for anything not http(s)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname
    if parts.scheme not in ("http", "https") or not host:
        return None
    if ":" in host:
        host = f"[{host}]"
    default = 443 if parts.scheme == "https" else 80
    return f"{parts.scheme}://{host}" + ("" if port in (None, default) else f":{port}")


def own_origins(host: str, port: int, url: str) -> set[str]:
    """The origins of this server's own pages, known before any request."""
    origins = {o for o in [origin_of(url)] if o}
    if host in ("127.0.0.1", "::1", "localhost"):
        # A browser on the server's own machine may have typed any of them.
        origins |= {f"http://localhost:{port}", f"http://127.0.0.1:{port}", f"http://[::1]:{port}"}
    return origins


def origin_allowed(origin: str | None, own: set[str], request_host: str | None, request_scheme: str = "http") -> bool:
    if origin is None:
        return True  # not a browser: see the module's docstring
    normal = origin_of(origin)
    if normal is None:
        return False  # "null" (a sandboxed frame, a file:// page) and the like
    if normal in own:
        return True
    # The page was reached by an IP address that is not the public URL's
    # (a trainee typed 10.0.0.5:8000): same origin as the Host the websocket
    # went to. Only for IP addresses, which DNS rebinding cannot forge.
    hostname = urlsplit(normal).hostname or ""
    try:
        ipaddress.ip_address(hostname)
    except ValueError:
        return False
    return request_host is not None and normal == origin_of(f"{request_scheme}://{request_host}")


def _offline_page(source: str) -> str:
    """textual-serve's page template, loading nothing from off the server."""
    font_face = (
        "<style>@font-face { font-family: 'Roboto Mono'; "
        "src: url('{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf') format('truetype'); }</style>"
    )
    # Any stylesheet from off the server (today: Google Fonts' Roboto Mono).
    source = re.sub(r"<link\b[^>]*\bhref=\"https?://[^\"]*\"[^>]*>", font_face, source)
    # An inline <svg> in HTML needs no namespace; without it the page holds no off-server URL at all.
    return re.sub(r"\s+xmlns=\"http://www\.w3\.org/2000/svg\"", "", source)


def _clamp(value: object, default: int, most: int) -> int:
    number = value if isinstance(value, int) and not isinstance(value, bool) else default
    return max(1, min(number, most))


def _signal_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)


if TYPE_CHECKING or HAVE_TEXTUAL_SERVE:

    class AppProcess(AppService):
        """One session's app, which ends when told to, in bounded time.

        Subclassed, not copied: textual-serve's protocol with the app (the
        packets, downloads, the prelude) stays its own. What changes is how
        the process starts and stops. Upstream starts it through a shell and
        stops it by writing "quit" to its stdin and waiting for it to end,
        without a time limit: an app busy with a flood of keys, or blocked
        writing to a stdout nobody reads, never reads that "quit", so it was
        never reaped. Here it starts in a process group of its own, without a
        shell, so that everything it runs can be ended with one signal."""

        async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
            self._process = process = await asyncio.create_subprocess_exec(
                *shlex.split(self.command),
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                env=self._build_environment(width=width, height=height),
                start_new_session=True,
            )
            assert process.stdin is not None
            self._stdin = process.stdin
            return process

        @property
        def pid(self) -> int | None:
            return self._process.pid if self._process is not None else None

        async def stop(self) -> None:
            task, process = self._task, self._process
            if task is None or process is None:
                return
            self._task = None
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
            if process.returncode is None:
                # Asked first, so that the app can save its journal; then told.
                deadline = asyncio.get_running_loop().time() + QUIT_GRACE
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout_at(deadline):
                        await self.send_meta({"type": "quit"})  # blocks while the app is not reading its input
                        await process.wait()
                await self.end_process()
            try:
                await asyncio.wait_for(task, QUIT_GRACE)
            except TimeoutError:
                task.cancel()

        async def end_process(self) -> None:
            """Terminate the app's process group; kill it if it has not ended a second later."""
            process = self._process
            if process is None:
                return
            if process.returncode is None:
                _signal_group(process.pid, signal.SIGTERM)
                try:
                    await asyncio.wait_for(process.wait(), 1.0)
                except TimeoutError:
                    _signal_group(process.pid, signal.SIGKILL)
                    await process.wait()
            _signal_group(process.pid, signal.SIGKILL)  # anything the app started that outlived it

    class ClassroomServer(Server):
        """textual-serve's server with a classroom's limits (see the module's docstring).

        Subclassed, not copied: its routes, statics, downloads and the way it
        runs aiohttp stay upstream's and come with its fixes. The page
        handler is wrapped (the cap, then upstream's page) and its template is
        edited as it loads. The websocket handler is replaced: upstream's
        starts the app before anything could be checked and trusts every
        message (its size, a window of any size, any JSON), and it has no
        hook for the checks, so those ~40 lines are ours."""

        def __init__(
            self,
            command: str,
            *,
            host: str,
            port: int,
            title: str,
            public_url: str | None,
            lang: str,
            max_sessions: int = DEFAULT_MAX_SESSIONS,
            idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
        ) -> None:
            super().__init__(command, host=host, port=port, title=title, public_url=public_url)
            self.lang = lang
            self.max_sessions = max_sessions
            self.idle_timeout = idle_timeout
            self.origins = own_origins(host, port, self.public_url)
            self.sessions: dict[web.WebSocketResponse, AppProcess] = {}

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            env = aiohttp_jinja2.get_env(app)
            upstream = env.loader
            assert upstream is not None

            def load(name: str) -> tuple[str, str | None, Any]:
                source, filename, uptodate = upstream.get_source(env, name)
                return _offline_page(source), filename, uptodate

            env.loader = jinja2.FunctionLoader(load)
            return app

        async def on_shutdown(self, app: web.Application) -> None:
            # Without this, aiohttp waits (a minute) for the open websockets and the apps outlive the server.
            for websocket in list(self.sessions):
                await websocket.close(code=WSCloseCode.GOING_AWAY)
            await asyncio.gather(*(s.stop() for s in list(self.sessions.values())), return_exceptions=True)

        def full(self) -> bool:
            return len(self.sessions) >= self.max_sessions

        async def handle_index(self, request: web.Request) -> Any:
            if self.full():
                return self.full_page()
            return await super().handle_index(request)

        def full_page(self) -> web.Response:
            lang = self.lang
            title, message, again = (html.escape(t(k, lang, count=self.max_sessions)) for k in ("serve.full_title", "serve.full", "serve.try_again"))
            body = (
                f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>\n'
                f'<body style="font-family: sans-serif; margin: 3em;"><h1>{title}</h1><p>{message}</p><p><a href="/">{again}</a></p></body></html>\n'
            )
            return web.Response(text=body, content_type="text/html", status=503, headers={"Retry-After": "30"})

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            origin = request.headers.get("Origin")
            if not origin_allowed(origin, self.origins, request.host, request.scheme):
                log.warning("refused a websocket from origin %r", origin)
                raise web.HTTPForbidden(text=t("serve.foreign_origin", self.lang) + "\n")
            websocket = web.WebSocketResponse(heartbeat=HEARTBEAT, max_msg_size=MAX_MESSAGE_BYTES)
            await websocket.prepare(request)
            if self.full():
                # Said on the terminal too, for a browser that got the page just before the last seat went.
                await websocket.send_bytes(t("serve.full", self.lang, count=self.max_sessions).encode("utf-8") + b"\r\n")
                await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"full")
                return websocket
            width = _clamp(to_int(request.query.get("width", "80"), 80), 80, MAX_WIDTH)
            height = _clamp(to_int(request.query.get("height", "24"), 24), 24, MAX_HEIGHT)

            async def close() -> None:  # what the app's "exit" does
                await websocket.close()

            app_service = AppProcess(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.sessions[websocket] = app_service  # counted from before the start, so that the cap holds during starts
            try:
                await app_service.start(width, height)
                await self._process_messages(websocket, app_service)
            except Exception as error:  # a broken session must not take the server down
                log.exception(error)
            finally:
                try:
                    await app_service.stop()
                finally:
                    del self.sessions[websocket]
                    await websocket.close()
            return websocket

        async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
            # Keys go to the app through a queue, not straight to its stdin as
            # upstream does: a write to an app that does not read its input
            # blocks, and meanwhile nobody would notice the websocket closing.
            keys: asyncio.Queue[bytes] = asyncio.Queue()
            backlog = [0]

            async def feed() -> None:
                while True:
                    data = await keys.get()
                    backlog[0] -= len(data)
                    if not await app_service.send_bytes(data):
                        await websocket.close()
                        return

            feeder = asyncio.create_task(feed())
            try:
                while not websocket.closed:
                    try:
                        # Not receive(timeout=…): that timeout starts again with every heartbeat pong, which the
                        # browser sends by itself, so a tab left open would never count as silent.
                        async with asyncio.timeout(self.idle_timeout):
                            message = await websocket.receive()
                    except TimeoutError:
                        log.info("closing a session silent for %s s", self.idle_timeout)
                        await websocket.close(code=WSCloseCode.OK, message=b"idle")
                        return
                    if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
                        return
                    if message.type != WSMsgType.TEXT:
                        continue
                    try:
                        envelope = json.loads(message.data)
                    except ValueError:
                        continue
                    if not isinstance(envelope, list) or not envelope:
                        continue
                    kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
                    if kind == "stdin" and isinstance(data, str):
                        encoded = data.encode("utf-8")
                        if backlog[0] + len(encoded) > MAX_INPUT_BACKLOG:
                            log.warning("closing a session that sends input faster than its app reads it")
                            await websocket.close(code=WSCloseCode.POLICY_VIOLATION, message=b"input flood")
                            return
                        backlog[0] += len(encoded)
                        keys.put_nowait(encoded)
                    elif kind == "resize" and isinstance(data, dict):
                        await app_service.set_terminal_size(
                            _clamp(data.get("width"), 80, MAX_WIDTH), _clamp(data.get("height"), 24, MAX_HEIGHT)
                        )
                    elif kind == "ping" and isinstance(data, str | int | float):
                        await websocket.send_json(["pong", data])
                    elif kind == "blur":
                        await app_service.blur()
                    elif kind == "focus":
                        await app_service.focus()
            finally:
                feeder.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await feeder


def _reset_pin(name: str, lang: str) -> int:
    """An instructor's `sim serve --reset-pin NAME`, on the server: no server is started."""
    from sim.session import pins
    from sim.session.settings import normalize_name
    from sim.text import clean

    name = normalize_name(name)
    try:
        found = pins.forget(name)
    except OSError as exc:
        sys.stderr.write(t("cli.problem", lang, prog="sim serve", message=clean(str(exc)), hint=t("err.journal.failed_hint", lang)) + "\n")
        return EXIT_USAGE
    if not found:
        message, hint = t("serve.pin_unknown", lang, name=clean(name)), t("serve.pin_unknown_hint", lang)
        sys.stderr.write(t("cli.problem", lang, prog="sim serve", message=message, hint=hint) + "\n")
        return EXIT_USAGE
    sys.stderr.write(t("serve.pin_reset", lang, name=clean(name)) + "\n")
    return EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    lang = getattr(args, "ui_lang", None) or default_lang()
    if getattr(args, "reset_pin", None) is not None:
        return _reset_pin(args.reset_pin, lang)
    if not HAVE_TEXTUAL_SERVE:
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
    # In a browser every frame crosses the network: the meters jump to their value
    # instead of sliding (measured with 30 tabs: a key's frames 30 → 4, its p95 125 → 67 ms).
    # An instructor who wants them can set TEXTUAL_ANIMATIONS themselves.
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    server = ClassroomServer(
        app_command(args),
        host=args.host,
        port=args.port,
        title=t("app.title", lang),
        public_url=public_url(args.host, args.port, args.public_url),
        lang=lang,
        max_sessions=getattr(args, "max_sessions", None) or DEFAULT_MAX_SESSIONS,
        idle_timeout=getattr(args, "idle_timeout", None) or DEFAULT_IDLE_TIMEOUT,
    )
    sys.stderr.write(t("serve.started", lang, url=server.public_url) + "\n")
    try:
        server.serve()
    except OSError as exc:
        # Most often the port is taken, or a privileged one.
        message = t("cli.serve.cannot_listen", lang, host=args.host, port=args.port, error=exc.strerror or exc)
        sys.stderr.write(t("cli.problem", lang, prog="sim serve", message=message, hint=t("cli.serve.cannot_listen_hint", lang)) + "\n")
        return EXIT_USAGE
    return EXIT_OK
