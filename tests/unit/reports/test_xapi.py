"""xAPI export: statements checked by a real validator (ralph's pydantic xAPI
models), deterministic ids, pseudonymous actors, and delivery to an LRS that
accepts, rejects, refuses or hangs — with nothing lost on the way."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import threading
import uuid
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sim.core.engine import Session
from sim.core.scoring import score
from sim.reports import xapi
from sim.session import history
from sim.session.history import OutboxCounts, Store
from tests.cli_run import cli
from tests.conftest import ROOT
from tests.history_helpers import ALONE, GOOD, HELP, SHAMING, record

# --- the validator ------------------------------------------------------------------------

# Run in a subprocess, so the same check works with ralph from the venv (the
# `test` extra) or from a throw-away --target install.
VALIDATE = """
import json, sys
from importlib.metadata import version
from ralph.models.xapi.base.statements import BaseXapiStatement
from ralph.models.xapi.base.agents import BaseXapiAgentWithAccount
from ralph.models.xapi.base.unnested_objects import BaseXapiActivityInteractionDefinition
from ralph.models.xapi.concepts.verbs.scorm_profile import CompletedVerb

statements = json.load(sys.stdin)
for i, st in enumerate(statements):
    try:
        BaseXapiStatement.model_validate(st)
        BaseXapiAgentWithAccount.model_validate(st["actor"])
        verb = st["verb"]["id"].rsplit("/", 1)[1]
        if verb == "completed":
            CompletedVerb.model_validate(st["verb"])
        if verb == "responded":
            BaseXapiActivityInteractionDefinition.model_validate(st["object"]["definition"])
    except Exception as exc:
        sys.exit(f"statement {i} ({st.get('verb', {}).get('id')}) is invalid: {exc}")
# The validator is not a pushover: broken copies are refused.
for breakage in ({"version": "2.0.0"}, {"actor": {"objectType": "Agent", "account": {"homePage": "not an iri", "name": "x"}}},
                 {"result": {"score": {"scaled": 1.5}}}, {"context": {"language": ""}}):
    try:
        BaseXapiStatement.model_validate({**statements[0], **breakage})
    except Exception:
        continue
    sys.exit(f"ralph accepted a broken statement: {breakage}")
print(f"ralph-malph {version('ralph-malph')}: {len(statements)} statements valid")
"""


@pytest.fixture(scope="session")
def ralph_env(tmp_path_factory) -> dict[str, str]:
    """An environment in which `import ralph` works; fails (never skips) if none can be made."""
    env = {**os.environ}
    probe = subprocess.run([sys.executable, "-c", "import ralph.models.xapi.base.statements"], capture_output=True, text=True, env=env)
    if probe.returncode == 0:
        return env
    target = tmp_path_factory.mktemp("ralph")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target", str(target), "ralph-malph"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if install.returncode != 0:
        pytest.fail(
            "the xAPI validator ralph-malph is not installed (pip install -e '.[test]') and could not be installed here:\n"
            + probe.stderr[-800:] + "\n" + install.stderr[-2000:]
        )  # fmt: skip
    env["PYTHONPATH"] = os.pathsep.join([str(target), env.get("PYTHONPATH", "")])
    return env


def validate(statements: list[dict], env: dict[str, str]) -> str:
    proc = subprocess.run([sys.executable, "-c", VALIDATE], input=json.dumps(statements), capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr or proc.stdout
    return proc.stdout


def _export(capsys, *args) -> list[dict]:
    code, out, err = cli(capsys, "export", "--xapi", *args)
    assert code == 0, err
    return json.loads(out)


# --- statements --------------------------------------------------------------------------


def test_statements_are_valid_xapi_for_ralph(sample_library, capsys, ralph_env):
    record(sample_library, GOOD, ratings={"no-shaming": 4})
    record(sample_library, ALONE, trainee="bob", started="2024-05-02T10:00:00+00:00")
    record(sample_library, HELP, durations=[500, 83_450, None], started="2024-05-03T10:00:00+00:00")
    statements = _export(capsys)
    # attempted + one responded per turn + completed, passed/failed, scored
    assert len(statements) == (1 + 2 + 3) + (1 + 3 + 3) + (1 + 3 + 3)
    assert validate(statements, ralph_env).endswith(": 20 statements valid\n")


def test_one_session_tells_its_story(sample_library, capsys):
    record(sample_library, HELP, durations=[500, 83_450, None], started="2024-05-03T10:00:00+00:00", ended="2024-05-03T10:04:00+00:00")
    sts = _export(capsys)
    verbs = [s["verb"]["id"].removeprefix("http://adlnet.gov/expapi/verbs/") for s in sts]
    assert verbs == ["attempted", "responded", "responded", "responded", "completed", "failed", "scored"]
    assert all(s["verb"]["display"] == {"en-US": v} for s, v in zip(sts, verbs))
    base = "https://encounter-sim.invalid"
    scenario = f"{base}/scenarios/sample"
    assert {s["object"]["id"] for s in sts if s["verb"]["id"].endswith(("attempted", "completed", "failed", "scored"))} == {scenario}
    assert sts[0]["object"]["definition"] == {"type": "http://adlnet.gov/expapi/activities/simulation", "name": {"fi": "Esimerkki", "en": "Sample"}}

    responded = sts[1:4]
    for st in responded:
        definition = st["object"]["definition"]
        assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
        assert definition["interactionType"] == "choice"
        assert st["context"]["contextActivities"]["parent"] == [{"objectType": "Activity", "id": scenario}]
    assert [st["object"]["id"] for st in responded] == [f"{scenario}/nodes/opening", f"{scenario}/nodes/angry", f"{scenario}/nodes/threat"]
    assert [st["result"]["response"] for st in responded] == ["notice", "argue", "help"]
    assert [st["result"]["success"] for st in responded] == [False, False, True]
    assert [c["id"] for c in responded[1]["object"]["definition"]["choices"]] == ["sorry", "argue", "help"]
    # Under threat, carrying on alone with any words was the critical miss of turn 2: only the call was right.
    assert responded[1]["object"]["definition"]["correctResponsesPattern"] == ["help"]
    assert [st["result"].get("duration") for st in responded] == ["PT0.50S", "PT1M23.45S", None]
    assert [st["timestamp"] for st in responded] == ["2024-05-03T10:00:00.500Z", "2024-05-03T10:01:23.950Z", "2024-05-03T10:01:23.950Z"]
    assert responded[0]["result"]["extensions"][f"{base}/extensions/state-after"]["tension"] == 80

    completed, failed, scored = sts[4:]
    # listen 0/3 and no-shaming 0/4 (the call at turn 3 is no evidence for them), call-help-early 2/4: (0 + 0 + 50) / 3
    assert completed["result"] == {"completion": True, "duration": "PT4M", "score": {"scaled": 0.17, "raw": 17, "min": 0, "max": 100}}
    assert failed["result"]["success"] is False and failed["result"]["score"]["scaled"] == 0.17
    assert scored["result"]["score"] == {"scaled": 0.17, "raw": 17, "min": 0, "max": 100}
    ext = scored["context"]["extensions"]
    assert ext[f"{base}/principles/no-shaming"] == 0 and ext[f"{base}/principles/call-help-early"] == 50
    assert ext[f"{base}/extensions/ending"] == "help-called"
    assert ext[f"{base}/extensions/critical-misses"][0]["principle"] == "call-help-early"
    for st in sts:
        assert -1 <= st.get("result", {}).get("score", {}).get("scaled", 0) <= 1
        assert datetime.fromisoformat(st["timestamp"].replace("Z", "+00:00")).tzinfo is not None
        assert st["context"]["registration"] == sts[0]["context"]["registration"]
        assert st["context"]["revision"] == sts[0]["context"]["revision"]


def test_a_good_session_passes(sample_library, capsys):
    record(sample_library, GOOD)
    sts = _export(capsys)
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in sts][-3:] == ["completed", "passed", "scored"]
    assert sts[-2]["result"]["success"] is True and sts[-1]["result"]["score"]["scaled"] == 1


def test_a_session_whose_client_leaves_fails_by_the_grading_rules(capsys):
    # phone-decision: the client leaves (not a success) with goals scored 67 before the
    # ending's cap; passed/failed follows the same rules as the debrief.
    from sim.content.library import load_library
    from sim.session import history

    lib = load_library([], builtin_scenarios=True)
    ls = lib.scenario("phone-decision")
    path = ["read-together", "not-accusation", "ask-them-why", "thats-how"]
    session = Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, path, lib.critical_principles)
    result = score(session)
    history.record_session(session, result, trainee="ann", mode="practice", lang="en", started="2024-05-01T10:00:00+00:00",
                           ended="2024-05-01T10:05:00+00:00", scenario_path=str(ls.path))  # fmt: skip
    sts = _export(capsys)
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in sts][-3:] == ["completed", "failed", "scored"]
    assert sts[-2]["result"]["success"] is False and sts[-1]["result"]["score"]["raw"] == result.overall <= 49


def test_actors_are_pseudonymous_and_stable(sample_library, capsys, monkeypatch):
    record(sample_library, GOOD, trainee="Anna Virtanen")
    record(sample_library, SHAMING, trainee="Anna Virtanen")
    record(sample_library, ALONE, trainee="Bo")
    sts = _export(capsys)
    actors = {json.dumps(s["actor"], sort_keys=True) for s in sts}
    assert len(actors) == 2
    for s in sts:
        assert set(s["actor"]) == {"objectType", "account"} and set(s["actor"]["account"]) == {"homePage", "name"}
        assert "Anna" not in json.dumps(s) and "Virtanen" not in json.dumps(s)
    monkeypatch.setenv("SIM_XAPI_SALT", "organisation secret")
    salted = _export(capsys)
    assert salted[0]["actor"]["account"]["name"] != sts[0]["actor"]["account"]["name"]
    assert xapi.pseudonym("Anna Virtanen", "organisation secret") == salted[0]["actor"]["account"]["name"]


def test_exports_are_deterministic_and_filterable(sample_library, capsys, tmp_path, monkeypatch):
    record(sample_library, GOOD, trainee="ann")
    record(sample_library, ALONE, trainee="bob")
    first = _export(capsys)
    assert _export(capsys) == first  # re-exporting is idempotent, ids and all
    ids = [s["id"] for s in first]
    assert len(set(ids)) == len(ids) and all(uuid.UUID(i).version == 5 for i in ids)
    only_bob = _export(capsys, "--trainee", "bob")
    assert only_bob == first[-len(only_bob):]  # bob's session was recorded last
    out = tmp_path / "statements.json"
    code, stdout, err = cli(capsys, "export", "--xapi", "-o", out)
    assert code == 0 and stdout == "" and f"wrote {len(first)} statement(s) from 2 session(s) to {out}" in err
    assert json.loads(out.read_text(encoding="utf-8")) == first

    monkeypatch.setenv("SIM_XAPI_BASE", "https://lrs.example.org/sim/")
    moved = _export(capsys)
    assert moved[0]["object"]["id"] == "https://lrs.example.org/sim/scenarios/sample"
    assert moved[0]["actor"]["account"]["homePage"] == "https://lrs.example.org/sim"
    assert moved[0]["id"] != first[0]["id"]


def test_durations_in_iso_8601():
    assert [xapi.duration(ms) for ms in (0, 10, 1500, 60_000, 3_725_250)] == ["PT0S", "PT0.01S", "PT1.50S", "PT1M", "PT1H2M5.25S"]


def test_export_usage_errors(capsys):
    code, _, err = cli(capsys, "export")
    assert code == 2 and "choose what to export" in err and "--xapi" in err
    code, _, err = cli(capsys, "export", "--xapi", "--lrs", "http://127.0.0.1:1/xapi")
    assert code == 2 and "--lrs needs --user" in err
    code, _, err = cli(capsys, "export", "--xapi", "--lrs", "ftp://lrs.example.org/", "--user", "u")
    assert code == 2 and "ftp://lrs.example.org/: not an http(s) URL of an LRS" in err
    with Store() as store:
        assert store.outbox_endpoints() == []  # nothing queued by a command that could not run


# --- delivery to an LRS -----------------------------------------------------------------------


class FakeLrs:
    """A tiny LRS on 127.0.0.1: answers each POST with the next status of `statuses`
    (the last one repeats), keeping every request."""

    def __init__(self, *statuses: int, message: str = "Invalid statement", hold: bool = False) -> None:
        self.statuses = list(statuses) or [200]
        self.message = message
        self.hold = hold
        self.released = threading.Event()
        self.requests: list[tuple[str, dict[str, str], list[dict]]] = []
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                statements = json.loads(body)
                lrs.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}, statements))
                if lrs.hold:
                    # Never answer while the test runs (bounded, so a client
                    # that does not give up fails the test instead of hanging it).
                    lrs.released.wait(timeout=60)
                status = lrs.statuses.pop(0) if len(lrs.statuses) > 1 else lrs.statuses[0]
                payload = json.dumps([s["id"] for s in statements] if status == 200 else {"message": lrs.message}).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout test)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/xapi/"

    @property
    def received(self) -> list[dict]:
        return [st for _, _, sts in self.requests for st in sts]

    def __enter__(self) -> FakeLrs:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.released.set()  # server_close waits for the handlers
        self.server.shutdown()
        self.server.server_close()


def _send(capsys, lrs_url: str, *extra: str) -> tuple[int, str, str]:
    return cli(capsys, "export", "--xapi", "--lrs", lrs_url, "--user", "key", "--password", "sécret", *extra)


def test_an_accepting_lrs_gets_every_statement_once(sample_library, capsys, ralph_env):
    record(sample_library, GOOD)
    record(sample_library, ALONE)
    expected = _export(capsys)
    with FakeLrs(200) as lrs:
        code, out, err = _send(capsys, lrs.url)
        assert code == 0 and out == "" and f"sent {len(expected)} statement(s)" in err and "none queued" in err
        [(path, headers, body)] = lrs.requests
        assert path == "/xapi/statements"
        assert headers["x-experience-api-version"] == "1.0.3"
        assert headers["content-type"].startswith("application/json")
        assert headers["authorization"] == "Basic " + base64.b64encode("key:sécret".encode()).decode()
        assert body == expected
        validate(lrs.received, ralph_env)
        # Sent statements are not sent again; a new session's are.
        code, _, err = _send(capsys, lrs.url)
        assert code == 0 and "sent 0 statement(s)" in err and len(lrs.requests) == 1
        record(sample_library, SHAMING)
        code, _, err = _send(capsys, lrs.url)
        assert code == 0 and len(lrs.requests) == 2
        assert [s["id"] for s in lrs.requests[1][2]] == [s["id"] for s in _export(capsys)[len(expected):]]
    with Store() as store:
        assert store.outbox_counts(lrs.url + "statements") == OutboxCounts(pending=0, skipped=0, sent=len(expected) + 7, dropped=0)


def test_a_rejecting_lrs_keeps_statements_queued_until_a_later_export(sample_library, capsys):
    record(sample_library, GOOD)
    expected = _export(capsys)
    with FakeLrs(400, message="Statement 'actor' is not valid") as lrs:
        code, out, err = _send(capsys, lrs.url)
        url = lrs.url + "statements"
    assert code == 1
    # The batch is split down to single statements: each is rejected with the LRS's words.
    assert f"/xapi/statements {expected[0]['id']}: the LRS rejected this statement (400 Bad Request): Statement 'actor' is not valid" in err
    assert f"/xapi/statements: the LRS rejected each of the {len(expected)} statements of the first batch, so the rest were not sent" in err
    assert f"sent 0 statement(s); {len(expected)} stay queued" in err and "Traceback" not in err
    with Store() as store:
        assert store.outbox_counts(url).pending == len(expected)
        errors = {r[0] for r in store._db.execute("SELECT last_error FROM xapi_outbox")}
        assert errors == {"the LRS rejected this statement (400 Bad Request): Statement 'actor' is not valid"}
    with FakeLrs(200) as lrs:
        code, _, err = _send(capsys, lrs.url)
        assert code == 0 and f"sent {len(expected)} statement(s)" in err
        assert lrs.received == expected
        url = lrs.url + "statements"
    with Store() as store:
        assert store.outbox_counts(url) == OutboxCounts(pending=0, skipped=0, sent=len(expected), dropped=0)


def test_a_failure_mid_way_keeps_only_the_unsent_batches(sample_library):
    from sim.reports import lrs as lrs_module
    for actions in (GOOD, ALONE, HELP):
        record(sample_library, actions)
    with Store() as store, FakeLrs(200, 500, 200) as lrs:
        url = lrs_module.statements_url(lrs.url)
        for row in store.sessions():
            store.enqueue_statements(url, ((st["id"], row.id, i, "") for i, st in enumerate(xapi.statements(store.session(row.id)))))
        total = store.outbox_counts(url).pending
        order = [r.id for r in store.pending_statements(url)]
        # backoff=(): a 5xx is not retried here (tests/unit/reports/test_lrs.py retries).
        result = lrs_module.deliver(store, lrs.url, user="u", password="p", batch=5, backoff=())
        assert (result.sent, result.pending) == (5, total - 5)
        assert "the LRS failed (500" in result.error.message
        result = lrs_module.deliver(store, lrs.url, user="u", password="p", batch=5, backoff=())
        assert (result.sent, result.pending, result.error) == (total - 5, 0, None)
        # The rejected batch was sent again: every statement was accepted once, in order.
        accepted = [st["id"] for i, (_, _, sts) in enumerate(lrs.requests) if i != 1 for st in sts]
        assert accepted == order
        assert [st["id"] for st in lrs.requests[1][2]] == order[5:10]


def test_a_refused_connection_is_a_clear_error(sample_library, capsys):
    record(sample_library, GOOD)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free now: nothing listens there
    code, _, err = _send(capsys, f"http://127.0.0.1:{port}/xapi")
    assert code == 1
    assert f"http://127.0.0.1:{port}/xapi/statements: connection refused" in err
    assert "hint: is the LRS running" in err and "stay queued" in err


def test_a_hanging_lrs_times_out_clearly(sample_library, capsys):
    record(sample_library, GOOD)
    with FakeLrs(200, hold=True) as lrs:
        code, _, err = _send(capsys, lrs.url, "--timeout", "0.2")
    assert code == 1 and "the LRS did not answer within 0.2 s" in err and "raise --timeout" in err
    with Store() as store:
        assert store.outbox_counts(lrs.url + "statements").sent == 0


def test_wrong_credentials_are_named(sample_library, capsys):
    record(sample_library, GOOD)
    with FakeLrs(401, message="bad key") as lrs:
        code, _, err = _send(capsys, lrs.url)
    assert code == 1 and "the LRS refused the credentials (401 Unauthorized): bad key" in err and "--password" in err


def test_credentials_from_the_environment(sample_library, capsys, monkeypatch):
    record(sample_library, GOOD)
    monkeypatch.setenv("SIM_LRS_USER", "envkey")
    monkeypatch.setenv("SIM_LRS_PASSWORD", "envsecret")
    with FakeLrs(200) as lrs:
        code, _, _ = cli(capsys, "export", "--xapi", "--lrs", lrs.url)
        assert code == 0
        assert lrs.requests[0][1]["authorization"] == "Basic " + base64.b64encode(b"envkey:envsecret").decode()


def test_without_a_secret_or_a_terminal_nothing_is_sent_and_the_way_out_is_named(sample_library, capsys, monkeypatch):
    def no_terminal():
        raise OSError(6, "No such device or address", "/dev/tty")  # what a process without one gets

    # Patched, so the test does not ask the developer's own terminal.
    monkeypatch.setattr("sim.cli.lrs_login.open_terminal", no_terminal)
    record(sample_library, GOOD)
    with FakeLrs(200) as lrs:
        code, _, err = cli(capsys, "export", "--xapi", "--lrs", lrs.url, "--user", "key")
    assert code == 2 and lrs.requests == []
    assert "--lrs needs the LRS's secret, and there is no terminal to ask for it" in err and "set SIM_LRS_PASSWORD" in err


# Made a session leader, the child opens its terminal by name, which makes it
# the controlling terminal that getpass reads from, as in a real login. Its
# stderr is that terminal in every test; stdin may be redirected.
_ON_A_TERMINAL = (
    "import os, sys\n"
    "os.close(os.open(os.ttyname(2), os.O_RDWR))\n"
    "from sim.__main__ import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


class Terminal:
    """`sim` with a pseudo-terminal as its controlling terminal, and what it shows."""

    def __init__(self, *args: str, stdin_redirected: bool = False) -> None:
        import pty

        env = {k: v for k, v in os.environ.items() if k not in ("SIM_LRS_PASSWORD", "SIM_LRS_USER")}
        env["PYTHONPATH"] = str(ROOT)
        self.main, child = pty.openpty()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _ON_A_TERMINAL, *args],
            stdin=subprocess.DEVNULL if stdin_redirected else child, stdout=child, stderr=child, env=env, start_new_session=True,
        )  # fmt: skip
        os.close(child)
        self.seen = b""

    def read_until(self, text: bytes) -> None:
        import select

        while text not in self.seen:  # bounded by the select timeout: a silent child fails the test
            ready, _, _ = select.select([self.main], [], [], 60)
            assert ready, f"no {text!r} on the terminal; it shows {self.seen!r}"
            try:
                chunk = os.read(self.main, 4096)
            except OSError:  # the child closed the terminal
                chunk = b""
            assert chunk, f"the terminal closed before {text!r}; it showed {self.seen!r}"
            self.seen += chunk

    def type(self, keys: bytes) -> None:
        os.write(self.main, keys)

    def close(self) -> int:
        try:
            return self.proc.wait(timeout=60)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            os.close(self.main)


def _prompt(url: str) -> bytes:
    return b"LRS secret for key at " + url.encode() + b": "


@pytest.mark.parametrize("stdin_redirected", [False, True], ids=["stdin-terminal", "stdin-redirected"])
def test_in_a_terminal_the_secret_is_asked_for_unechoed_and_used(sample_library, _isolated_home, stdin_redirected):
    # `sim export … < /dev/null` in a terminal: asked on the terminal like ssh
    # and sudo do, not refused for want of one.
    record(sample_library, GOOD)
    with FakeLrs(200) as lrs:
        term = Terminal("export", "--xapi", "--lrs", lrs.url, "--user", "key", stdin_redirected=stdin_redirected)
        term.read_until(_prompt(lrs.url))
        term.type("sécret\n".encode())
        term.read_until(b"sent ")
        assert term.close() == 0
    assert b"s\xc3\xa9cret" not in term.seen  # not echoed
    assert lrs.requests[0][1]["authorization"] == "Basic " + base64.b64encode("key:sécret".encode()).decode()


def test_ctrl_d_at_the_prompt_ends_the_line_and_says_no_password_was_given(sample_library, _isolated_home):
    record(sample_library, GOOD)
    with FakeLrs(200) as lrs:
        term = Terminal("export", "--xapi", "--lrs", lrs.url, "--user", "key", stdin_redirected=True)
        term.read_until(_prompt(lrs.url))
        term.type(b"\x04")  # ctrl+d on an empty line: the end of the input
        term.read_until(b"SIM_LRS_PASSWORD")
        assert term.close() == 2
    assert lrs.requests == []
    shown = term.seen.decode().replace("\r\n", "\n")
    after = shown.split(_prompt(lrs.url).decode(), 1)[1]
    # The message starts on a line of its own, and is not the no-terminal one.
    assert after.startswith("\nsim export: error: no password given: the input ended at the prompt for the LRS's secret\n"), after
    assert "no terminal" not in shown


def test_ctrl_c_at_the_prompt_exits_130_and_sends_nothing(sample_library, _isolated_home):
    record(sample_library, GOOD)
    with FakeLrs(200) as lrs:
        term = Terminal("export", "--xapi", "--lrs", lrs.url, "--user", "key", stdin_redirected=True)
        term.read_until(_prompt(lrs.url))
        term.type(b"\x03")  # the terminal turns it into SIGINT for the foreground process
        assert term.close() == 130
    assert lrs.requests == []


def test_statements_url():
    from sim.reports.lrs import statements_url

    assert statements_url("https://lrs.example.org/xapi") == "https://lrs.example.org/xapi/statements"
    assert statements_url("https://lrs.example.org/xapi/") == "https://lrs.example.org/xapi/statements"
    assert statements_url("https://lrs.example.org/xapi/statements") == "https://lrs.example.org/xapi/statements"


def test_the_queue_survives_a_history_reopen(sample_library, tmp_path):
    record(sample_library, GOOD)
    url = "https://lrs.example.org/xapi/statements"
    with Store() as store:
        row = store.sessions()[0]
        sts = xapi.statements(store.session(row.id))
        assert store.enqueue_statements(url, ((st["id"], row.id, i, "") for i, st in enumerate(sts))) == len(sts)
        assert store.enqueue_statements(url, ((st["id"], row.id, i, "") for i, st in enumerate(sts))) == 0  # queued once
    with Store() as store:
        assert [r.id for r in store.pending_statements(url)] == [st["id"] for st in sts]
    assert history.DB_NAME in os.listdir(Path(os.environ["SIM_HOME"]))


def test_a_turn_with_one_option_is_no_decision_right_or_wrong(tmp_path, capsys):
    """As in the debrief, `--plain` and the reports: a turn with a single option
    has no "correct response" and no success, and the class view counts no miss."""
    from sim.reports.cohort import from_record
    from tests.helpers import write_scenario

    nodes = {
        "opening": {"client": "Well?", "choices": [
            {"id": "only", "say": "Let's look at it.", "principles": {"listen-acknowledge": 1}, "feedback": "Good.", "next": "next"},
        ]},
        "next": {"client": "So?", "choices": [
            {"id": "calm", "say": "Let's sort it out.", "principles": {"listen-acknowledge": 1}, "feedback": "Good.", "next": "done"},
            {"id": "cold", "say": "Read the notice.", "principles": {"listen-acknowledge": -1}, "feedback": "Poor.", "next": "done"},
        ]},
        "done": {"end": "resolved"},
        "helped": {"end": "help-called"},
    }
    lib, ls = write_scenario(tmp_path, nodes)
    session = Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, ["only", "cold"])
    result = score(session)
    assert [v.was_best for v in result.verdicts] == [None, False]
    history.record_session(session, result, trainee="ann", mode="practice", lang="en", scenario_path=str(ls.path))
    responded = [s for s in _export(capsys) if s["verb"]["id"].endswith("/responded")]
    assert "success" not in responded[0]["result"] and "correctResponsesPattern" not in responded[0]["object"]["definition"]
    assert responded[1]["result"]["success"] is False and responded[1]["object"]["definition"]["correctResponsesPattern"] == ["calm"]
    stored = history.session(history.sessions()[-1].id)
    assert stored is not None
    assert [m.best for m in from_record(stored).moves] == [None, False]
    assert stored.turns[0].best is None and stored.turns[1].best == "calm"
