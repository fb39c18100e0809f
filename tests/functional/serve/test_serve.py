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
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from sim.i18n import t
from sim.serve import ASK_NAME_ENV, app_command, public_url
from sim.session import settings
from tests.conftest import ROOT


@pytest.fixture
def aiohttp():
    try:
        import aiohttp
        import textual_serve  # noqa: F401
    except ImportError as exc:
        pytest.fail(f"textual-serve is not installed ({exc}); install it with: pip install -e '.[test]'", pytrace=False)
    return aiohttp


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(aiohttp):
    # A name saved in the shared data folder must not be taken by every tab.
    settings.save_trainee("Whoever played last")
    port = free_port()
    # Its own process group, so the app processes it starts go with it.
    proc = subprocess.Popen(
        [sys.executable, "-m", "sim", "serve", "--host", "127.0.0.1", "--port", str(port), "--lang", "en"],
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
        yield port, page
    finally:
        proc.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # anything of this test's group that is left
        proc.wait(timeout=10)


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
    args = argparse.Namespace(dir=[Path("rel")], sub_dir=[tmp_path], mode="assessment", ui_lang="fi")
    command = app_command(args)
    assert shlex.split(command)[:3] == [sys.executable, "-m", "sim"]
    assert f"--dir {Path('rel').resolve()}" in command and f"--dir {tmp_path}" in command
    assert "--mode assessment" in command and "--lang fi" in command
    assert ASK_NAME_ENV == "SIM_ASK_NAME"


def test_listening_everywhere_gives_browsers_a_reachable_address():
    assert public_url("127.0.0.1", 8000, None) is None  # textual-serve's own http://127.0.0.1:8000
    assert public_url("0.0.0.0", 8000, "https://sim.example.org/") == "https://sim.example.org"
    assert public_url("0.0.0.0", 8000, None) == f"http://{socket.getfqdn()}:8000"
