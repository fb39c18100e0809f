"""`sim serve`: the app in web browsers through textual-serve.

These tests need the `[serve]` extra (it is in the `test` extra too). If it
is missing they fail and say so: a browser mode that is never tested is not
known to work.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sim.i18n import t
from sim.serve import ASK_NAME_ENV, app_command, origin_allowed, own_origins, public_url
from sim.session import settings
from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_processes(server_pid: int) -> list[int]:
    """The server's child processes (its sessions' apps), zombies included: one not reaped is not gone."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # ended while we looked
            # pid (comm) state ppid …; comm may hold spaces and parentheses.
            if int(stat.rpartition(")")[2].split()[1]) == server_pid:
                children.append(int(entry.name))
    return children


def wait_until(condition, timeout: float, what: str, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"not within {timeout} s: {what}")
        time.sleep(step)
    return result


@contextlib.contextmanager
def running_server(*options: str):
    """`sim serve` on 127.0.0.1 with `options`: yields (port, first page, server process)."""
    # A name saved in the shared data folder must not be taken by every tab.
    settings.save_trainee("Whoever played last")
    port = free_port()
    # Its own process group, so whatever it starts and leaves behind can be ended with it.
    proc = subprocess.Popen(
        [sys.executable, "-m", "sim", "serve", "--host", "127.0.0.1", "--port", str(port), "--lang", "en", *options],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    output = proc.stdout.read().decode("utf-8", "replace") if proc.poll() is not None else ""
                    pytest.fail(f"sim serve did not answer on port {port}: {output}")
                time.sleep(0.1)
        yield port, page, proc
    finally:
        leftovers = app_processes(proc.pid)
        proc.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        # The apps run in process groups of their own; the server ends them, and this is for a server that did not.
        for pid in [proc.pid, *leftovers]:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.fixture
def server(aiohttp):
    with running_server() as (port, page, _proc):
        yield port, page


async def read_screen(ws, aiohttp, until: bytes, timeout: float = 30) -> bytes:
    """What the app draws, until `until` is in it, the websocket closes or `timeout` passes."""
    seen = b""
    deadline = time.monotonic() + timeout
    while until not in seen and time.monotonic() < deadline:
        try:
            message = await ws.receive(timeout=1)
        except TimeoutError:
            continue
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            break
    return seen


def test_serve_answers_with_the_page_of_the_app_and_runs_it_per_connection(server, aiohttp):
    port, page = server
    assert "<title>" in page.lower() or "<html" in page.lower()
    assert "Encounter simulator" in page  # the app's title, in the page's intro
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page

    asks = t("trainee.title", "en").encode("utf-8")

    async def first_screen() -> bytes:
        # What a browser tab does: open the websocket, give a size, read the screen.
        async with aiohttp.ClientSession() as client, client.ws_connect(f"http://127.0.0.1:{port}/ws?width=100&height=30") as ws:
            await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
            seen = b""
            deadline = time.monotonic() + 30
            while not (b"Encounter simulator" in seen and asks in seen) and time.monotonic() < deadline:
                try:
                    message = await ws.receive(timeout=1)
                except TimeoutError:
                    continue
                if message.type == aiohttp.WSMsgType.BINARY:
                    seen += message.data
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    break
            return seen

    seen = asyncio.run(first_screen())
    assert b"Encounter simulator" in seen, seen[-2000:]
    assert asks in seen, "the tab should ask who is practising"


def test_served_tabs_ask_the_name_each_time_and_do_not_save_it(monkeypatch):
    settings.save_trainee("Alice")
    monkeypatch.setenv(ASK_NAME_ENV, "1")
    assert settings.trainee() is None
    settings.save_trainee("Bob")
    monkeypatch.delenv(ASK_NAME_ENV)
    assert settings.trainee() == "Alice"


def test_without_textual_serve_it_says_how_to_install_it():
    code = "import sys; sys.modules['textual_serve'] = None; from sim.cli.main import run; sys.exit(run(['serve']))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2
    assert "pip install 'encounter-sim[serve]'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_each_tab_runs_sim_with_the_servers_options(tmp_path):
    args = argparse.Namespace(dir=[Path("rel")], sub_dir=[tmp_path], mode="assessment", ui_lang="fi", own_words=True)
    command = app_command(args)
    assert command.endswith("--own-words")
    assert shlex.split(command)[:3] == [sys.executable, "-m", "sim"]
    assert f"--dir {Path('rel').resolve()}" in command and f"--dir {tmp_path}" in command
    assert "--mode assessment" in command and "--lang fi" in command
    assert ASK_NAME_ENV == "SIM_ASK_NAME"


def test_listening_everywhere_gives_browsers_a_reachable_address():
    assert public_url("127.0.0.1", 8000, None) is None  # textual-serve's own http://127.0.0.1:8000
    assert public_url("0.0.0.0", 8000, "https://sim.example.org/") == "https://sim.example.org"
    assert public_url("0.0.0.0", 8000, None) == f"http://{socket.getfqdn()}:8000"


# --- a classroom server: untrusted browsers and the pages they visit


@pytest.mark.parametrize("how", ["one 1 MB message of keys", "1 MB of keys in 17 messages", "a 5000×5000 window"])
def test_the_app_of_a_client_that_leaves_is_ended(aiohttp, how):
    with running_server() as (port, _page, proc):
        huge = "window" in how
        query = "width=5000&height=5000" if huge else "width=80&height=24"

        async def session() -> list[int]:
            async with aiohttp.ClientSession() as client, client.ws_connect(f"http://127.0.0.1:{port}/ws?{query}") as ws:
                assert b"Encounter simulator" in await read_screen(ws, aiohttp, b"Encounter simulator")
                apps = app_processes(proc.pid)
                assert len(apps) == 1
                if huge:
                    environ = Path(f"/proc/{apps[0]}/environ").read_bytes().split(b"\0")
                    assert b"COLUMNS=500" in environ and b"ROWS=200" in environ  # at most 500×200
                    # Every frame crosses the network: meters jump instead of sliding.
                    assert b"TEXTUAL_ANIMATIONS=none" in environ
                    return apps
                keys = "a" * 1_000_000
                chunks = [keys] if how.startswith("one") else [keys[i : i + 60_000] for i in range(0, len(keys), 60_000)]
                for chunk in chunks:
                    # The server may close first: a message over 64 KiB, or more input than the app has read.
                    with contextlib.suppress(ConnectionError, aiohttp.ClientError):
                        await ws.send_str(json.dumps(["stdin", chunk]))
                return apps

        apps = asyncio.run(session())  # returns when the client has closed its websocket
        wait_until(lambda: not set(apps) & set(app_processes(proc.pid)), 10, "the app of the client that left is ended and reaped")


def test_a_silent_session_is_ended_after_the_idle_timeout(aiohttp):
    with running_server("--idle-timeout", "2") as (port, _page, proc):

        async def session() -> tuple[list[int], int | None]:
            async with aiohttp.ClientSession() as client, client.ws_connect(f"http://127.0.0.1:{port}/ws") as ws:
                # The app's first screen, or the close: on a busy machine the app may take
                # longer to draw than the silence allowed, and the session ends all the same.
                await read_screen(ws, aiohttp, b"Encounter simulator")
                apps = app_processes(proc.pid)
                await read_screen(ws, aiohttp, b"\0never drawn", timeout=30)  # silent, until the server closes
                return apps, ws.close_code

        apps, code = asyncio.run(session())
        assert code == 1000
        wait_until(lambda: not set(apps) & set(app_processes(proc.pid)), 10, "the silent session's app is ended")


def test_a_websocket_from_another_sites_page_is_refused(aiohttp):
    with running_server() as (port, _page, proc):

        async def handshake(origin: str) -> int:
            async with aiohttp.ClientSession() as client:
                try:
                    async with client.ws_connect(f"http://127.0.0.1:{port}/ws", origin=origin) as ws:
                        await ws.close()
                        return 101
                except aiohttp.WSServerHandshakeError as exc:
                    return exc.status

        for origin in ("https://evil.example", f"http://evil.example:{port}", f"http://127.0.0.1:{port + 1}", f"https://127.0.0.1:{port}", "null"):
            assert asyncio.run(handshake(origin)) == 403, origin
        assert app_processes(proc.pid) == [], "a refused websocket starts no app"
        for origin in (f"http://127.0.0.1:{port}", f"http://localhost:{port}"):
            assert asyncio.run(handshake(origin)) == 101, origin


def test_the_origins_of_the_servers_own_pages():
    own = own_origins("0.0.0.0", 8000, "http://sim.school.fi:8000")
    assert origin_allowed("http://sim.school.fi:8000", own, "sim.school.fi:8000")
    assert origin_allowed("HTTP://SIM.school.fi:8000", own, "sim.school.fi:8000")
    assert origin_allowed(None, own, "sim.school.fi:8000"), "not a browser: no web page drives it"
    # Reached by the server's IP address: the page and the websocket have the same origin.
    assert origin_allowed("http://10.0.0.5:8000", own, "10.0.0.5:8000")
    assert not origin_allowed("http://10.0.0.5:8000", own, "10.0.0.6:8000")
    # A name pointed at the server by its attacker (DNS rebinding) is not the server.
    assert not origin_allowed("http://evil.example:8000", own, "evil.example:8000")
    assert not origin_allowed("null", own, "sim.school.fi:8000")
    own = own_origins("0.0.0.0", 443, "https://sim.school.fi")
    assert origin_allowed("https://sim.school.fi", own, "sim.school.fi") and not origin_allowed("http://sim.school.fi", own, "sim.school.fi")


def test_the_page_loads_nothing_from_off_the_server(server):
    port, page = server
    urls = re.findall(r"https?://[^\s\"'<>)]+", page)
    assert urls, "the page should name its scripts and styles"
    assert [u for u in urls if urlsplit(u).netloc != f"127.0.0.1:{port}"] == []
    assert not re.search(r"[\"'(]//", page), "no protocol-relative URL either"
    # The font it asked Google for comes from the server instead.
    font = re.search(r"url\('([^']+\.ttf)'\)", page)
    assert font, page
    with urllib.request.urlopen(font.group(1), timeout=10) as response:
        assert response.status == 200 and len(response.read()) > 10_000
    for static in re.findall(r"(?:href|src)=\"([^\"]+\.(?:css|js))\"", page):
        with urllib.request.urlopen(static, timeout=10) as response:
            assert response.status == 200


def page_status(port: int) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_with_max_sessions_1_a_second_session_is_told_the_server_is_full(aiohttp):
    full = t("serve.full", "en", count=1)
    with running_server("--max-sessions", "1") as (port, _page, proc):

        async def two_sessions() -> None:
            async with aiohttp.ClientSession() as client, client.ws_connect(f"http://127.0.0.1:{port}/ws") as first:
                assert b"Encounter simulator" in await read_screen(first, aiohttp, b"Encounter simulator")
                status, text = await asyncio.to_thread(page_status, port)
                assert status == 503 and full in text and t("serve.full_title", "en") in text
                async with client.ws_connect(f"http://127.0.0.1:{port}/ws") as second:
                    assert full.encode("utf-8") in await read_screen(second, aiohttp, full.encode("utf-8"), timeout=10)
                    closing = await second.receive(timeout=10)
                    assert closing.type == aiohttp.WSMsgType.CLOSE and closing.data == 1013  # try again later
                assert len(app_processes(proc.pid)) == 1, "the refused session starts no app"

        asyncio.run(two_sessions())
        # The first one's seat is free again once it has left.
        wait_until(lambda: page_status(port)[0] == 200, 10, "the page is served again")


def test_the_full_page_speaks_the_servers_language():
    from sim.serve import ClassroomServer

    page = ClassroomServer("true", host="127.0.0.1", port=8000, title="sim", public_url=None, lang="fi", max_sessions=2).full_page()
    assert page.status == 503
    assert page.text is not None and t("serve.full", "fi", count=2) in page.text and 'lang="fi"' in page.text


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1", "80.5"])
def test_a_port_that_is_not_one_is_a_usage_error(port):
    proc = subprocess.run([sys.executable, "-m", "sim", "serve", f"--port={port}", "--lang", "en"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2
    assert t("serve.bad_port", "en", value=port) in proc.stderr
    assert "Traceback" not in proc.stderr

