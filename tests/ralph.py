"""A real LRS for the tests: ralph (ralph-malph, the test extra's xAPI validator)
run as a server on 127.0.0.1 with its file-system backend.

`lrs_env` makes an environment in which it runs (the session-scoped fixture
`ralph_lrs_env` in tests/conftest.py); `Ralph` is one server.
"""

from __future__ import annotations

import base64
import importlib.metadata
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

KEY, SECRET = "sim-test", "ralph-secret"
# What the LRS needs beyond the validator: ralph's [lrs] extra, and `requests`, which
# ralph's OIDC module imports though none of its extras asks for it.
PROBE = "import bcrypt, fastapi, requests, uvicorn, ralph.backends.lrs.fs"

# The server: a user with every scope, then ralph's app under uvicorn.
LAUNCH = """
import json, sys
import bcrypt
port, user, secret, auth_file = sys.argv[1:5]
hashed = bcrypt.hashpw(secret.encode(), bcrypt.gensalt(4)).decode()
with open(auth_file, "w") as f:
    json.dump([{"agent": {"mbox": "mailto:sim-test@example.org"}, "scopes": ["all"], "hash": hashed, "username": user}], f)
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
# ralph 5.1's file-system LRS keeps every statement in one file (fs_lrs.jsonl) but
# writes it with the default operation, INDEX, which refuses a file that exists:
# every POST after the first fails with 500. Appending is what one file needs.
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
import uvicorn
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(port), log_level="warning")
"""


def lrs_env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment in which ralph's LRS runs; fails (never skips) if none can be made.
    Without the [lrs] extra in this environment, it is installed once into pytest's
    cache folder (a temporary one without the cache plugin)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RALPH_")}
    if _imports(env):
        return env
    try:
        spec = f"ralph-malph[lrs]=={importlib.metadata.version('ralph-malph')}"
    except importlib.metadata.PackageNotFoundError:
        spec = "ralph-malph[lrs]>=5.1,<6"
    cache = getattr(request.config, "cache", None)
    name = "ralph-lrs-" + spec.partition("==")[2] if "==" in spec else "ralph-lrs"
    target = cache.mkdir(name) if cache is not None else tmp_path_factory.mktemp(name)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(target), env.get("PYTHONPATH", "")) if p)
    if _imports(env):
        return env
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade", "--target", str(target), spec, "requests"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if install.returncode != 0 or not _imports(env):
        pytest.fail(f"ralph's LRS ({spec}) is not installed and could not be installed here:\n{install.stderr[-2000:]}")
    return env


def _imports(env: dict[str, str]) -> bool:
    return subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, timeout=120).returncode == 0


class Ralph:
    """One ralph LRS on 127.0.0.1, its statements in `folder`."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder = folder
        (folder / "store").mkdir(parents=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = {
            **env,
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "store"),
            "RALPH_AUTH_FILE": str(folder / "auth.json"),
            "RALPH_HISTORY_FILE": str(folder / "history.json"),
            "RALPH_APP_DIR": str(folder),
        }
        self.log = (folder / "server.log").open("w")
        # cwd: ralph reads a `.env` file from the working folder.
        args = [sys.executable, "-c", LAUNCH, str(self.port), KEY, SECRET, str(folder / "auth.json")]
        self.proc = subprocess.Popen(args, env=env, cwd=folder, stdout=self.log, stderr=subprocess.STDOUT)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def wait_until_up(self, deadline: float) -> None:
        """Poll the heartbeat until it answers (bounded by `deadline`); the pause between
        polls waits on the server's exit, so a server that dies fails at once."""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                pass
            try:
                self.proc.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                continue
            break
        self.stop()
        pytest.fail(f"ralph did not start on port {self.port}:\n{(self.folder / 'server.log').read_text()[-3000:]}")

    def statements(self) -> list[dict[str, Any]]:
        path = self.folder / "store" / "fs_lrs.jsonl"
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []

    def post(self, statements: list[dict[str, Any]]) -> int:
        request = urllib.request.Request(
            self.url + "statements",
            data=json.dumps(statements).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-Experience-API-Version": "1.0.3",
                "Authorization": "Basic " + base64.b64encode(f"{KEY}:{SECRET}".encode()).decode(),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                return int(reply.status)
        except urllib.error.HTTPError as exc:
            return exc.code

    def query(self, query: str) -> dict[str, Any]:
        """The answer to GET statements?`query` (or to a `more` link, a path on the server)."""
        path = query if query.startswith("/") else f"/xAPI/statements?{query}"
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            headers={"X-Experience-API-Version": "1.0.3", "Authorization": "Basic " + base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()},
        )
        with urllib.request.urlopen(request, timeout=30) as reply:
            answer: dict[str, Any] = json.loads(reply.read())
            return answer

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.log.close()
