"""`sim export --xapi --lrs` against a real LRS: ralph (ralph-malph, the test
extra's xAPI validator) run as a server on 127.0.0.1 with its file-system backend.

Two of them, for the second LRS an organisation moves to: each gets every
statement exactly once; sending again sends nothing, and a delivery whose
answer was lost is recognised (ralph answers 204 for statements it holds, and
shows them when asked); a salt set between exports is in what is sent after
it; a statement ralph holds differently stays queued without stalling the others.
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
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sim.reports import xapi
from sim.reports.lrs import same_statement, statements_url
from sim.session.history import OutboxCounts, Store
from tests.cli_run import cli
from tests.history_helpers import ALONE, GOOD, HELP, record

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


@pytest.fixture(scope="session")
def ralph_lrs_env(request, tmp_path_factory) -> dict[str, str]:
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
                return reply.status
        except urllib.error.HTTPError as exc:
            return exc.code

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.log.close()


@pytest.fixture(scope="module")
def ralphs(ralph_lrs_env, tmp_path_factory) -> Iterator[tuple[Ralph, Ralph]]:
    """Two LRSs, started together; the tests tell their statements apart by id."""
    servers = (Ralph(tmp_path_factory.mktemp("ralph-a"), ralph_lrs_env), Ralph(tmp_path_factory.mktemp("ralph-b"), ralph_lrs_env))
    try:
        deadline = time.monotonic() + 90
        for server in servers:
            server.wait_until_up(deadline)
        yield servers
    finally:
        for server in servers:
            if server.proc.poll() is None:
                server.stop()


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    for var in ("SIM_XAPI_SALT", "SIM_XAPI_BASE", "SIM_LRS_USER", "SIM_LRS_PASSWORD"):
        monkeypatch.delenv(var, raising=False)


def send(capsys, url: str, *extra: str) -> tuple[int, str, str]:
    return cli(capsys, "export", "--xapi", "--lrs", url, "--user", KEY, "--password", SECRET, *extra)


def built(capsys) -> list[dict[str, Any]]:
    code, out, _ = cli(capsys, "export", "--xapi")
    assert code == 0
    return json.loads(out)


def held(server: Ralph, ids: list[str]) -> Counter[str]:
    """How many times the LRS holds each of `ids`."""
    wanted = set(ids)
    return Counter(s["id"] for s in server.statements() if s["id"] in wanted)


def test_sent_once_and_not_again_even_when_the_answer_was_lost(ralphs, sample_library, capsys):
    lrs = ralphs[0]
    record(sample_library, GOOD)
    record(sample_library, ALONE, trainee="bob")
    expected = built(capsys)
    ids = [s["id"] for s in expected]
    code, _, err = send(capsys, lrs.url)
    assert code == 0 and f"sent {len(ids)} statement(s) to {lrs.url}statements; none queued" in err
    assert held(lrs, ids) == Counter(ids)
    stored = {s["id"]: s for s in lrs.statements()}
    assert all(same_statement(stored[s["id"]], s) for s in expected)  # as built, by xAPI's comparison

    code, _, err = send(capsys, lrs.url)
    assert code == 0 and "sent 0 statement(s)" in err
    # The answer to a delivery lost on the way: sim sends again, ralph recognises what it
    # holds (204), and sim, asking for each, finds it there. Nothing is stored twice.
    with Store() as store:
        store._db.execute("UPDATE xapi_outbox SET sent = NULL WHERE endpoint = ?", (statements_url(lrs.url),))
    code, _, err = send(capsys, lrs.url)
    assert code == 0 and f"sent {len(ids)} statement(s)" in err
    assert held(lrs, ids) == Counter(ids)

    record(sample_library, HELP, started="2024-05-03T10:00:00+00:00")
    new = [s["id"] for s in built(capsys)][len(ids):]
    code, _, err = send(capsys, lrs.url)
    assert code == 0 and f"sent {len(new)} statement(s)" in err
    assert held(lrs, ids + new) == Counter(ids + new)


def test_two_lrss_each_get_every_statement_once(ralphs, sample_library, capsys):
    first, second = ralphs
    record(sample_library, GOOD)
    record(sample_library, HELP, started="2024-05-02T10:00:00+00:00")
    ids = [s["id"] for s in built(capsys)]
    for lrs in (first, second, first, second):
        code, _, _ = send(capsys, lrs.url)
        assert code == 0
    assert held(first, ids) == held(second, ids) == Counter(ids)
    with Store() as store:
        for lrs in ralphs:
            assert store.outbox_counts(statements_url(lrs.url)) == OutboxCounts(pending=0, skipped=0, sent=len(ids), dropped=0)


def test_a_salt_set_between_exports_is_in_what_is_sent_after_it(ralphs, sample_library, capsys, monkeypatch):
    first, second = ralphs
    record(sample_library, GOOD, trainee="Anna Virtanen")
    old = [s["id"] for s in built(capsys)]
    code, _, _ = send(capsys, first.url)  # no salt yet
    assert code == 0
    monkeypatch.setenv("SIM_XAPI_SALT", "organisation secret")
    record(sample_library, ALONE, trainee="Anna Virtanen", started="2024-05-02T10:00:00+00:00")
    ids = [s["id"] for s in built(capsys)]
    new = ids[len(old):]
    for lrs in ralphs:
        code, _, _ = send(capsys, lrs.url)
        assert code == 0
    unsalted, salted = xapi.pseudonym("Anna Virtanen", "encounter-sim"), xapi.pseudonym("Anna Virtanen", "organisation secret")
    actors = {lrs: {s["id"]: s["actor"]["account"]["name"] for s in lrs.statements() if s["id"] in set(ids)} for lrs in ralphs}
    assert {actors[first][i] for i in old} == {unsalted}  # sent before the salt was set
    assert {actors[first][i] for i in new} == {salted}
    assert set(actors[second].values()) == {salted}  # the old session too: built when sent


def test_a_statement_the_lrs_holds_differently_does_not_stall_the_others(ralphs, sample_library, capsys):
    lrs = ralphs[0]
    record(sample_library, GOOD)
    record(sample_library, HELP, started="2024-05-02T10:00:00+00:00")
    expected = built(capsys)
    ids = [s["id"] for s in expected]
    taken = {**expected[1], "actor": {"objectType": "Agent", "account": {"homePage": "https://elsewhere.invalid", "name": "someone"}}}
    assert lrs.post([taken]) == 200
    code, _, err = send(capsys, lrs.url)
    assert code == 1
    assert f"{lrs.url}statements {taken['id']}: the LRS already holds a different statement with this id" in err
    assert f"sent {len(ids) - 1} statement(s); 1 stay queued" in err
    assert held(lrs, ids) == Counter(ids)  # each once: the others went on, the one held was not replaced
    assert next(s for s in lrs.statements() if s["id"] == taken["id"])["actor"]["account"]["name"] == "someone"

    code, out, _ = cli(capsys, "export", "--xapi", "--lrs", lrs.url, "--status")
    assert code == 1 and f"  the last attempt failed (1): the LRS already holds a different statement with this id\n    {taken['id']}  session" in out
    code, _, _ = cli(capsys, "export", "--xapi", "--lrs", lrs.url, "--drop", taken["id"], "--yes")
    assert code == 0
    code, _, err = send(capsys, lrs.url)
    assert code == 0 and "none queued" in err
    assert held(lrs, ids) == Counter(ids)
