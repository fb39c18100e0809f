"""Delivery to an LRS that nothing is lost on: a statement leaves an LRS's queue
only when that LRS confirmed it. Against an LRS on 127.0.0.1 that keeps what it
takes and answers GET ?statementId=, and that can be told to misbehave: redirect,
answer with a login page, trickle its answer a byte at a time, never end it,
cut it off, be busy, reject one statement or hold another one under its id."""

from __future__ import annotations

import io
import json
import socket
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from sim.reports import lrs as lrs_module
from sim.reports import xapi
from sim.reports.lrs import same_statement, statements_url
from sim.session.history import OutboxCounts, Store
from tests.cli_run import cli
from tests.history_helpers import ALONE, GOOD, HELP, record

KEY, SECRET = "key", "secret"


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    for var in ("SIM_XAPI_SALT", "SIM_XAPI_BASE", "SIM_LRS_USER", "SIM_LRS_PASSWORD", "SIM_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    # Retries without waiting: the waits themselves are checked with deliver(sleep=…).
    monkeypatch.setattr(lrs_module, "BACKOFF", (0.0, 0.0, 0.0))


# --- an LRS to test against ------------------------------------------------------------------

Answer = Callable[[BaseHTTPRequestHandler, "Lrs"], None]


class Lrs:
    """An LRS on 127.0.0.1. It keeps the statements it takes (`held`), answers a POST
    with the ids (all of them, or with `duplicates="subset"` only the new ones, 204 when
    none is, as ralph does; with `duplicates="409"` it answers 409 for an id it holds,
    as some LRSs do), 400 for a batch with an id in `reject`, 409 for a statement that
    differs from the one it holds. `script`: answers for the next POSTs, first."""

    def __init__(self, *script: Answer, reject: set[str] | None = None, duplicates: str = "all") -> None:
        self.script = list(script)
        self.reject = reject or set()
        self.duplicates = duplicates
        self.held: dict[str, dict[str, Any]] = {}
        self.posts: list[list[dict[str, Any]]] = []
        self.gets: list[str] = []
        self.released = threading.Event()  # ends the answers that would go on for ever
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                statements = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                lrs.posts.append(statements)
                try:
                    if lrs.script:
                        lrs.script.pop(0)(self, lrs)
                    else:
                        lrs.take(self, statements)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up: what these tests are about

            def do_GET(self) -> None:
                statement_id = parse_qs(urlsplit(self.path).query).get("statementId", [""])[0]
                lrs.gets.append(statement_id)
                if statement_id in lrs.held:
                    reply(self, 200, lrs.held[statement_id])
                else:
                    reply(self, 404, {"message": "no such statement"})

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def take(self, handler: BaseHTTPRequestHandler, statements: list[dict[str, Any]]) -> None:
        bad = [s["id"] for s in statements if s["id"] in self.reject]
        if bad:
            return reply(handler, 400, {"message": f"statement {bad[0]} is not valid"})
        held = [s for s in statements if s["id"] in self.held]
        if any(self.held[s["id"]] != {**s, "stored": "2024-01-01T00:00:00Z"} for s in held):
            return reply(handler, 409, {"message": "a different statement already has this id"})
        if held and self.duplicates == "409":
            return reply(handler, 409, {"message": "statement already stored"})
        new = [s for s in statements if s["id"] not in self.held]
        for s in new:
            self.held[s["id"]] = {**s, "stored": "2024-01-01T00:00:00Z"}
        if self.duplicates == "subset":
            return reply(handler, 200, [s["id"] for s in new]) if new else reply(handler, 204, None)
        return reply(handler, 200, [s["id"] for s in statements])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/xapi/"

    @property
    def statements_url(self) -> str:
        return self.url + "statements"

    @property
    def received(self) -> list[dict[str, Any]]:
        return [s for batch in self.posts for s in batch]

    def __enter__(self) -> Lrs:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


def reply(handler: BaseHTTPRequestHandler, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
    body = b"" if data is None else json.dumps(data).encode()
    handler.send_response(status)
    for name, value in {"Content-Type": "application/json", "Content-Length": str(len(body)), **(headers or {})}.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


# Misbehaviour, one answer each.


def redirect(status: int, location: str | None) -> Answer:
    def answer(handler: BaseHTTPRequestHandler, lrs: Lrs) -> None:
        reply(handler, status, None, {"Location": location} if location else {})

    return answer


def login_page(handler: BaseHTTPRequestHandler, lrs: Lrs) -> None:
    body = b"<!doctype html><title>Hotel Wi-Fi</title><form>Accept the terms to go online</form>"
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def trickle(*, head: bool) -> Answer:
    """A byte every 0.05 s, far inside any read timeout, and no end (until released):
    in the status line and headers (`head`), or in the body after them."""

    def answer(handler: BaseHTTPRequestHandler, lrs: Lrs) -> None:
        start = b"" if head else b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
        handler.wfile.write(start)
        drip = b"HTTP/1.0 200 OK\r\nX-Padding: " if head else b'["'
        for i in range(2000):  # bounded: 100 s at most, though the client gives up within its --timeout
            handler.wfile.write(drip[i : i + 1] if i < len(drip) else b"a")
            handler.wfile.flush()
            if lrs.released.wait(0.05):
                return

    return answer


def endless(handler: BaseHTTPRequestHandler, lrs: Lrs) -> None:
    handler.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[")
    chunk = b'"6fbd600f-d17c-4c74-801a-2ec2e53231c7",' * 1700  # ~64 KiB
    for _ in range(1024):  # bounded: 64 MiB at most, though the client stops at 1 MiB
        if lrs.released.is_set():
            return
        handler.wfile.write(chunk)


def cut_off(handler: BaseHTTPRequestHandler, lrs: Lrs) -> None:
    handler.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[\"6fbd600f")
    handler.wfile.flush()
    handler.close_connection = True


def status(code: int, headers: dict[str, str] | None = None, message: str = "try later") -> Answer:
    def answer(handler: BaseHTTPRequestHandler, lrs: Lrs) -> None:
        reply(handler, code, {"message": message}, headers)

    return answer


# --- helpers ---------------------------------------------------------------------------------


def send(capsys, url: str, *extra: str) -> tuple[int, str, str]:
    return cli(capsys, "export", "--xapi", "--lrs", url, "--user", KEY, "--password", SECRET, *extra)


def counts(url: str) -> OutboxCounts:
    with Store() as store:
        return store.outbox_counts(statements_url(url))


def built(capsys) -> list[dict[str, Any]]:
    code, out, _ = cli(capsys, "export", "--xapi")
    assert code == 0
    return json.loads(out)


def queue_all(store: Store, url: str) -> list[str]:
    """Queue every session's statements for `url`, as an export does; their ids in order."""
    ids = []
    for row in store.sessions():
        for i, st in enumerate(xapi.statements(store.session(row.id))):
            ids.append(st["id"])
            store.enqueue_statements(url, [(st["id"], row.id, i, "")])
    return ids


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # free now: nothing listens there


class Terminal(io.StringIO):
    """Standard input as a terminal that answers with `text`."""

    def isatty(self) -> bool:
        return True


# --- an LRS that does not confirm: everything stays queued, with a clear message ----------------


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_redirect_is_a_failure_that_names_the_new_address(sample_library, capsys, code):
    record(sample_library, GOOD)
    n = len(built(capsys))
    with Lrs(redirect(code, "https://lrs.example.org/new/xapi/statements")) as lrs:
        result, out, err = send(capsys, lrs.url)
    assert result == 1 and out == ""
    assert f"{lrs.statements_url}: the LRS answered {code} " in err
    assert "points to https://lrs.example.org/new/xapi/statements; sim never follows a redirect, so nothing was sent" in err
    assert "hint: if the new address is the LRS's xAPI endpoint, give it with --lrs; the statements stay queued" in err
    assert f"sent 0 statement(s); {n} stay queued" in err and "none queued" not in err
    assert len(lrs.posts) == 1 and lrs.gets == [] and lrs.held == {}
    assert counts(lrs.url) == OutboxCounts(pending=n, skipped=0, sent=0, dropped=0)


def test_a_redirect_without_an_address(sample_library, capsys):
    record(sample_library, GOOD)
    with Lrs(redirect(302, None)) as lrs:
        code, _, err = send(capsys, lrs.url)
    assert code == 1 and "the LRS answered 302 Found, a redirect without an address; nothing was sent" in err
    assert counts(lrs.url).sent == 0


def test_a_login_page_instead_of_the_ids_sends_nothing(sample_library, capsys):
    # A captive portal answers 200 to everything, with its own page.
    record(sample_library, GOOD)
    n = len(built(capsys))
    with Lrs(login_page) as lrs:
        code, _, err = send(capsys, lrs.url)
    assert code == 1
    assert f"{lrs.statements_url}: the server answered 200 OK with a web page (text/html), not with the ids of the statements" in err
    assert "hint: a login page or a proxy (a captive portal) may be in the way" in err
    assert counts(lrs.url) == OutboxCounts(pending=n, skipped=0, sent=0, dropped=0)


@pytest.mark.parametrize("data", [{"ok": True}, ["6fbd600f-d17c-4c74-801a-2ec2e53231c7"], "accepted"], ids=["object", "foreign-id", "text"])
def test_a_success_that_is_not_the_batch_ids_confirms_nothing(sample_library, capsys, data):
    record(sample_library, GOOD)
    with Lrs(lambda handler, lrs: reply(handler, 200, data)) as lrs:
        code, _, err = send(capsys, lrs.url)
    assert code == 1 and "the server answered 200 OK with something other than the ids of the statements sent" in err
    assert counts(lrs.url).sent == 0


@pytest.mark.parametrize("head", [False, True], ids=["body", "headers"])
def test_a_trickling_answer_is_cut_at_the_timeout(sample_library, capsys, head):
    # A byte every 0.05 s never trips a per-read timeout of 0.5 s: only a deadline for
    # the whole exchange ends it. The server would go on for 100 s.
    record(sample_library, GOOD)
    n = len(built(capsys))
    with Lrs(trickle(head=head)) as lrs:
        start = time.monotonic()
        code, _, err = send(capsys, lrs.url, "--timeout", "0.5")
        elapsed = time.monotonic() - start
    assert code == 1 and elapsed < 5
    assert f"{lrs.statements_url}: the LRS did not answer within 0.5 s" in err and "raise --timeout" in err
    assert counts(lrs.url) == OutboxCounts(pending=n, skipped=0, sent=0, dropped=0)


def test_an_endless_answer_is_refused_at_a_megabyte(sample_library, capsys):
    record(sample_library, GOOD)
    n = len(built(capsys))
    with Lrs(endless) as lrs:
        code, _, err = send(capsys, lrs.url)
    assert code == 1 and "MemoryError" not in err
    assert f"{lrs.statements_url}: the server's answer (200 OK) is larger than 1 MiB, which no LRS sends" in err
    assert counts(lrs.url) == OutboxCounts(pending=n, skipped=0, sent=0, dropped=0)


def test_an_answer_cut_off_confirms_nothing(sample_library, capsys):
    record(sample_library, GOOD)
    with Lrs(cut_off) as lrs:
        code, _, err = send(capsys, lrs.url)
    assert code == 1 and "the answer was cut off after 10 bytes, with 990 more to come" in err
    assert counts(lrs.url).sent == 0


def test_terminal_escapes_from_the_network_are_not_printed(sample_library, capsys):
    record(sample_library, GOOD)
    with Lrs(redirect(302, "https://evil.example/\x1b]0;owned\x07\x1b[2J"), status(418, message="\x1b[31mred\x1b[0m teapot")) as lrs:
        code, _, err = send(capsys, lrs.url)
        assert code == 1 and "\x1b" not in err and "\x07" not in err and "https://evil.example/" in err
        code, _, err = send(capsys, lrs.url)
    assert code == 1 and "\x1b" not in err and "red" in err and "teapot" in err
    with Store() as store:
        assert all("\x1b" not in (r.last_error or "") for r in store.queued_statements(lrs.statements_url))


# --- retries -------------------------------------------------------------------------------------


def test_a_busy_lrs_is_retried_after_the_wait_it_asks_for(sample_library):
    record(sample_library, GOOD)
    waits: list[float] = []
    with Store() as store, Lrs(status(503, {"Retry-After": "7"}), status(429)) as lrs:
        ids = queue_all(store, lrs.statements_url)
        result = lrs_module.deliver(store, lrs.url, user=KEY, password=SECRET, backoff=(1.0, 2.0, 3.0), sleep=waits.append)
        assert (result.sent, result.pending, result.error) == (len(ids), 0, None)
        assert waits == [7.0, 2.0]  # Retry-After when longer than the backoff, else the backoff
        assert len(lrs.posts) == 3 and set(lrs.held) == set(ids)


def test_a_busy_lrs_is_given_up_on_after_the_retries(sample_library):
    record(sample_library, GOOD)
    waits: list[float] = []
    with Store() as store, Lrs(*[status(502, message="bad gateway")] * 4) as lrs:
        ids = queue_all(store, lrs.statements_url)
        result = lrs_module.deliver(store, lrs.url, user=KEY, password=SECRET, backoff=(0.5, 0.5, 0.5), sleep=waits.append)
        assert (result.sent, result.pending) == (0, len(ids))
        assert result.error.message == "the LRS did not take the statements in 4 tries (502 Bad Gateway): bad gateway"
        assert waits == [0.5, 0.5, 0.5] and len(lrs.posts) == 4


@pytest.mark.parametrize(("after", "said"), [("3600", "3600"), ("9" * 400, "1e+09")])
def test_a_wait_longer_than_a_minute_is_not_waited_for(sample_library, after, said):
    record(sample_library, GOOD)
    waits: list[float] = []
    with Store() as store, Lrs(status(429, {"Retry-After": after})) as lrs:
        ids = queue_all(store, lrs.statements_url)
        result = lrs_module.deliver(store, lrs.url, user=KEY, password=SECRET, sleep=waits.append)
        assert result.error.message == f"the LRS is busy (429 Too Many Requests) and asks to wait {said} s"
        assert waits == [] and result.pending == len(ids)


def test_retry_after_as_seconds_or_a_date():
    assert lrs_module.retry_after("12") == 12.0
    assert lrs_module.retry_after(None) is None and lrs_module.retry_after("soon") is None and lrs_module.retry_after("²") is None
    assert lrs_module.retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    later = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 30))
    assert 25 <= lrs_module.retry_after(later) <= 31


# --- one statement at fault does not stall the others -------------------------------------------


def test_a_rejected_statement_stays_queued_and_the_others_go(sample_library, capsys, monkeypatch):
    record(sample_library, GOOD)
    record(sample_library, HELP, started="2024-05-02T10:00:00+00:00")
    expected = built(capsys)
    bad = expected[2]["id"]
    with Lrs(reject={bad}) as lrs:
        code, _, err = send(capsys, lrs.url)
        assert code == 1
        assert f"{lrs.statements_url} {bad}: the LRS rejected this statement (400 Bad Request): statement {bad} is not valid" in err
        assert f"hint: the other statements went on; this one stays queued: fix the cause, or set it aside with `sim export --xapi --lrs {lrs.statements_url} --skip {bad}`" in err
        assert f"sent {len(expected) - 1} statement(s); 1 stay queued" in err
        assert set(lrs.held) == {s["id"] for s in expected} - {bad}
        assert len(lrs.posts) <= 2 * 6 + 1  # split in halves down to the one at fault, not one by one
        # The next export sends only that one; it is rejected again.
        code, _, err = send(capsys, lrs.url)
        assert code == 1 and [s["id"] for s in lrs.posts[-1]] == [bad]

        code, out, _ = cli(capsys, "export", "--xapi", "--lrs", lrs.url, "--status")
        assert code == 1
        assert f"{lrs.statements_url}: 1 queued, 0 skipped, {len(expected) - 1} sent, 0 dropped" in out
        assert f"  the last attempt failed (1): the LRS rejected this statement (400 Bad Request): statement {bad} is not valid" in out
        assert f"    {bad}  session " in out and "#2, 2 attempt(s)" in out

        # Set aside: the export succeeds, and says what stays aside.
        code, _, err = cli(capsys, "export", "--xapi", "--lrs", lrs.url, "--skip", bad[:8], "--yes")
        assert code == 0 and f"set 1 statement(s) aside for {lrs.statements_url}" in err
        posts = len(lrs.posts)
        code, _, err = send(capsys, lrs.url)
        assert code == 0 and len(lrs.posts) == posts
        assert f"sent 0 statement(s) to {lrs.statements_url}; none queued" in err
        assert f"1 skipped statement(s) stay queued for {lrs.statements_url}" in err
        code, out, _ = cli(capsys, "export", "--xapi", "--lrs", lrs.url, "--status")
        assert code == 1 and "  set aside until `--unskip` (1)" in out

        # Back in the queue, then forgotten for this LRS: not queued again by later exports.
        code, _, err = cli(capsys, "export", "--xapi", "--lrs", lrs.url, "--unskip", bad)
        assert code == 0 and f"1 statement(s) back in the queue for {lrs.statements_url}" in err
        assert counts(lrs.url) == OutboxCounts(pending=1, skipped=0, sent=len(expected) - 1, dropped=0)
        monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
        code, _, err = cli(capsys, "export", "--xapi", "--lrs", lrs.url, "--drop", bad)
        assert code == 1 and "Forget 1 statement(s) for" in err and "[y/N]" in err and "nothing changed" in err
        monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
        code, _, err = cli(capsys, "export", "--xapi", "--lrs", lrs.url, "--drop", bad)
        assert code == 0 and f"forgot 1 statement(s) for {lrs.statements_url}: they are never sent there" in err
        code, _, err = send(capsys, lrs.url)
        assert code == 0 and "none queued" in err
        assert counts(lrs.url) == OutboxCounts(pending=0, skipped=0, sent=len(expected) - 1, dropped=1)
        assert bad not in lrs.held


def test_a_batch_rejected_whole_stops_after_the_first_batch(sample_library):
    for actions in (GOOD, ALONE, HELP):
        record(sample_library, actions)
    with Store() as store, Lrs() as lrs:
        ids = queue_all(store, lrs.statements_url)
        lrs.reject = set(ids)
        result = lrs_module.deliver(store, lrs.url, user=KEY, password=SECRET, batch=4)
        assert result.error.message == "the LRS rejected each of the 4 statements of the first batch, so the rest were not sent"
        assert len(lrs.posts) == 7 and len(result.rejected) == 4  # 4, 2, 1, 1, 2, 1, 1: the first batch only
        assert (result.sent, result.pending) == (0, len(ids))


def test_queue_changes_ask_first_and_need_yes_without_a_terminal(sample_library, capsys):
    record(sample_library, GOOD)
    url = f"http://127.0.0.1:{closed_port()}/xapi"
    code, _, _ = send(capsys, url)
    assert code == 1
    with Store() as store:
        [first, second, *_] = store.queued_statements(statements_url(url))
    code, _, err = cli(capsys, "export", "--xapi", "--lrs", url, "--drop", first.id)
    assert code == 2 and "error: --drop asks before it changes the queue, and there is no terminal to ask at" in err and "add --yes" in err
    code, _, err = cli(capsys, "export", "--xapi", "--skip", first.id, "--yes")
    assert code == 2 and "error: --skip needs --lrs, the LRS whose queue it changes" in err
    code, _, err = cli(capsys, "export", "--xapi", "--lrs", url, "--skip", "no-such-id", "--yes")
    assert code == 2 and f"error: no statement no-such-id is queued for {statements_url(url)}" in err
    with Store() as store:
        store.enqueue_statements(statements_url(url), [("abcd0001-0000-5000-8000-000000000000", "s", 0, ""), ("abcd0002-0000-5000-8000-000000000000", "s", 1, "")])
    code, _, err = cli(capsys, "export", "--xapi", "--lrs", url, "--skip", "ABCD", "--yes")
    assert code == 2 and "error: 2 queued statements have ids that start with ABCD" in err and "give more of the id" in err
    code, _, err = cli(capsys, "export", "--xapi", "--lrs", url, "--unskip", first.id)
    assert code == 2 and f"error: no statement {first.id} is set aside for {statements_url(url)}" in err
    code, _, err = cli(capsys, "export", "--xapi", "--lrs", url, "--skip", first.id, "--drop", second.id)
    assert code == 2 and "not allowed with argument" in err
    assert counts(url).pending == counts(url).queued


def test_status_without_anything_queued(capsys):
    code, out, _ = cli(capsys, "export", "--xapi", "--status")
    assert (code, out) == (0, "nothing is queued for any LRS\n")
    code, out, _ = cli(capsys, "export", "--xapi", "--lrs", "https://lrs.example.org/xapi", "--status")
    assert (code, out) == (0, "https://lrs.example.org/xapi/statements: nothing was ever queued for it\n")


# --- 409: the same statement is delivered, a different one is a conflict ----------------------------


def test_a_409_for_the_same_statement_counts_as_delivered(sample_library, capsys):
    # The reply to a delivery was lost: the LRS has them, and answers 409 for ids it holds.
    record(sample_library, GOOD)
    expected = built(capsys)
    with Lrs(duplicates="409") as lrs:
        lrs.held = {s["id"]: {**s, "stored": "2024-01-01T00:00:00Z"} for s in expected[:3]}
        code, _, err = send(capsys, lrs.url)
        assert code == 0 and f"sent {len(expected)} statement(s)" in err
        assert set(lrs.held) == {s["id"] for s in expected}
        assert sorted(lrs.gets) == sorted(s["id"] for s in expected[:3])  # each held one asked for once


def test_a_different_statement_under_the_same_id_is_a_conflict(sample_library, capsys):
    record(sample_library, GOOD)
    expected = built(capsys)
    other = {**expected[1], "actor": {"objectType": "Agent", "account": {"homePage": "https://x.invalid", "name": "someone else"}}}
    with Lrs() as lrs:
        lrs.held = {other["id"]: {**other, "stored": "2024-01-01T00:00:00Z"}}
        code, _, err = send(capsys, lrs.url)
        assert code == 1
        assert f"{lrs.statements_url} {other['id']}: the LRS already holds a different statement with this id" in err
        assert f"`sim export --xapi --lrs {lrs.statements_url} --drop {other['id']}` stops sending it there" in err
        assert lrs.held[other["id"]]["actor"] == other["actor"]  # not replaced
        assert len(lrs.held) == len(expected)
    assert counts(lrs.url) == OutboxCounts(pending=1, skipped=0, sent=len(expected) - 1, dropped=0)


def test_a_success_that_leaves_ids_out_is_checked_one_by_one(sample_library, capsys):
    # Like ralph: a 200 lists only what was new, a 204 means nothing was.
    record(sample_library, GOOD)
    expected = built(capsys)
    with Lrs(duplicates="subset") as lrs:
        lrs.held = {s["id"]: {**s, "stored": "2024-01-01T00:00:00Z"} for s in expected}
        code, _, err = send(capsys, lrs.url)
        assert code == 0 and f"sent {len(expected)} statement(s)" in err and len(lrs.gets) == len(expected)
    with Lrs(lambda handler, lrs: reply(handler, 204, None), duplicates="subset") as lrs:
        code, _, err = send(capsys, lrs.url)  # said it took them, but has none of them
        assert code == 1 and "the LRS answered as if it took this statement, but does not have it when asked" in err
    assert counts(lrs.url).sent == 0


def test_statements_compare_by_the_xapi_rules():
    sent = {
        "id": "6fbd600f-d17c-4c74-801a-2ec2e53231c7",
        "actor": {"objectType": "Agent", "account": {"homePage": "https://x.invalid", "name": "t-1"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted", "display": {"en-US": "attempted"}},
        "object": {"objectType": "Activity", "id": "https://x.invalid/s"},
        "timestamp": "2024-05-01T10:00:00.000Z",
    }
    stored = {
        **sent,
        "id": sent["id"].upper(),
        "actor": {"account": {"homePage": "https://x.invalid", "name": "t-1"}},
        "timestamp": "2024-05-01T12:00:00+02:00",
        "stored": "2024-05-01T10:00:01Z",
        "authority": {"mbox": "mailto:lrs@example.org"},
        "version": "1.0.0",
    }
    assert same_statement(stored, sent)
    assert not same_statement({**stored, "actor": {"account": {"homePage": "https://x.invalid", "name": "t-2"}}}, sent)
    assert not same_statement({**stored, "timestamp": "2024-05-01T10:00:01Z"}, sent)


# --- one outbox per LRS, statements built when sent ----------------------------------------------------


def test_each_lrs_has_its_own_queue(sample_library, capsys):
    record(sample_library, GOOD)
    record(sample_library, ALONE, trainee="bob")
    expected = built(capsys)
    ids = [s["id"] for s in expected]
    dead = f"http://127.0.0.1:{closed_port()}/xapi"
    with Lrs() as test_lrs, Lrs() as production:
        code, _, err = send(capsys, test_lrs.url)
        assert code == 0 and f"sent {len(ids)} statement(s) to {test_lrs.statements_url}; none queued" in err
        # Another LRS gets every statement too, once.
        code, _, err = send(capsys, production.url)
        assert code == 0 and f"sent {len(ids)} statement(s) to {production.statements_url}" in err
        code, _, err = send(capsys, production.url.replace("http://", "HTTP://").rstrip("/") + "/statements/")
        assert code == 0 and "sent 0 statement(s)" in err and len(production.posts) == 1  # the same endpoint, however written
        # A dead one keeps everything queued for itself, and says so.
        code, _, err = send(capsys, dead)
        assert code == 1 and f"{dead}/statements: connection refused" in err and f"sent 0 statement(s); {len(ids)} stay queued" in err
        assert [s["id"] for s in test_lrs.received] == ids and [s["id"] for s in production.received] == ids
    assert counts(test_lrs.url) == counts(production.url) == OutboxCounts(pending=0, skipped=0, sent=len(ids), dropped=0)
    assert counts(dead) == OutboxCounts(pending=len(ids), skipped=0, sent=0, dropped=0)
    code, out, _ = cli(capsys, "export", "--xapi", "--status")
    assert code == 1
    assert f"{test_lrs.statements_url}: 0 queued, 0 skipped, {len(ids)} sent, 0 dropped" in out
    assert f"{dead}/statements: {len(ids)} queued, 0 skipped, 0 sent, 0 dropped\n  the last attempt failed ({len(ids)}): connection refused" in out
    assert f"    … and {len(ids) - 5} more" in out


def test_the_salt_of_the_moment_of_sending_applies(sample_library, capsys, monkeypatch):
    record(sample_library, GOOD, trainee="Anna Virtanen")
    with Lrs(*[status(503)] * 4) as lrs:
        code, _, _ = send(capsys, lrs.url)  # no salt yet, and the LRS down: queued
        assert code == 1 and counts(lrs.url).pending > 0
        monkeypatch.setenv("SIM_XAPI_SALT", "organisation secret")
        code, _, _ = send(capsys, lrs.url)
        assert code == 0
    # What the LRS keeps was built with the salt set since.
    assert {s["actor"]["account"]["name"] for s in lrs.held.values()} == {xapi.pseudonym("Anna Virtanen", "organisation secret")}
    assert xapi.pseudonym("Anna Virtanen", "encounter-sim") not in json.dumps(lrs.held)


def test_a_statement_whose_session_is_gone_stays_queued_with_the_reason(sample_library, capsys):
    record(sample_library, GOOD)
    with Store() as store, Lrs() as lrs:
        queue_all(store, lrs.statements_url)
        store.enqueue_statements(lrs.statements_url, [("00000000-0000-5000-8000-000000000000", "gone-session", 0, "")])
        code, _, err = send(capsys, lrs.url)
    assert code == 1 and "this statement cannot be built: its session gone-session is no longer in the history" in err
    assert counts(lrs.url).pending == 1


def test_statements_url_is_the_queue_key():
    assert statements_url("HTTPS://LRS.Example.org:443/xapi/") == "https://lrs.example.org/xapi/statements"
    assert statements_url("http://lrs.example.org:80/xapi") == "http://lrs.example.org/xapi/statements"
    assert statements_url("http://lrs.example.org:8080/xapi/statements/") == "http://lrs.example.org:8080/xapi/statements"
    assert statements_url("https://key:secret@lrs.example.org/xapi#top") == "https://lrs.example.org/xapi/statements"  # no secret in the history
    assert statements_url("https://lrs.example.org/xAPI?tenant=3") == "https://lrs.example.org/xAPI/statements?tenant=3"
    assert statements_url("http://[::1]:8100/xapi") == "http://[::1]:8100/xapi/statements"
