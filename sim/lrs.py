"""Delivering queued xAPI statements to a Learning Record Store.

Statements wait in the history's outbox. Each batch is POSTed as one JSON
array; xAPI makes a batch all-or-nothing, so a batch is marked sent only
after a 200/204 answer and otherwise stays queued, with the error, for the
next export. Nothing is lost when the LRS is down, refuses the credentials
or rejects a statement.
"""

from __future__ import annotations

import base64
import http.client
import json
import socket
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sim.errors import UserError
from sim.history import Store
from sim.text import clean
from sim.xapi import XAPI_VERSION

BATCH = 50
TIMEOUT = 30.0


class LrsError(UserError):
    """The LRS could not be reached or did not accept the statements."""


@dataclass(frozen=True, slots=True)
class Delivery:
    sent: int
    pending: int
    error: LrsError | None = None


def statements_url(endpoint: str) -> str:
    """The statements resource of an LRS endpoint (`…/xapi/` → `…/xapi/statements`)."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LrsError(endpoint, "not an http(s) URL of an LRS", "give the LRS's xAPI endpoint, like https://lrs.example.org/xapi/")
    if parts.path.rstrip("/").endswith("/statements"):
        return endpoint
    return endpoint.rstrip("/") + "/statements"


def post(url: str, statements: Sequence[dict[str, Any]], *, user: str, password: str, timeout: float = TIMEOUT) -> None:
    """POST one batch; raises LrsError with the LRS's own words on failure."""
    body = json.dumps(list(statements), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "X-Experience-API-Version": XAPI_VERSION,
            "Authorization": f"Basic {token}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        message = _lrs_message(exc)
        if exc.code in (401, 403):
            raise LrsError(url, f"the LRS refused the credentials ({exc.code} {exc.reason}){message}", "check --user and --password (or SIM_LRS_USER / SIM_LRS_PASSWORD)") from None
        if exc.code == 404:
            raise LrsError(url, f"no xAPI statements resource here (404){message}", "give the LRS's xAPI endpoint, the URL that ends before /statements") from None
        if 400 <= exc.code < 500:
            raise LrsError(url, f"the LRS rejected the statements ({exc.code} {exc.reason}){message}", "the statements stay queued; fix the cause and export again") from None
        raise LrsError(url, f"the LRS failed ({exc.code} {exc.reason}){message}", "the statements stay queued; try again later") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ConnectionRefusedError):
            raise LrsError(url, "connection refused", "is the LRS running, and is the URL (host and port) right?") from None
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise _timeout(url, timeout) from None
        if isinstance(reason, socket.gaierror):
            raise LrsError(url, f"unknown host ({reason.strerror or reason})", "check the host name in --lrs") from None
        raise LrsError(url, f"cannot reach the LRS ({reason})", "check the URL and the network") from None
    except (TimeoutError, socket.timeout):
        raise _timeout(url, timeout) from None
    except OSError as exc:
        raise LrsError(url, f"the connection failed ({exc.strerror or exc})", "check the URL and the network; the statements stay queued") from None
    except http.client.HTTPException as exc:
        # Not an HTTP answer at all (wrong port, a proxy in the way).
        raise LrsError(url, f"the server did not answer like an LRS ({type(exc).__name__}: {exc})", "check that the URL is the LRS's xAPI endpoint") from None


def _timeout(url: str, timeout: float) -> LrsError:
    return LrsError(url, f"the LRS did not answer within {timeout:g} s", "the statements stay queued; try again later, or raise --timeout")


def _lrs_message(exc: urllib.error.HTTPError) -> str:
    """The LRS's explanation, from a JSON `message`/`error`/`detail` or the text."""
    try:
        raw = exc.read(4096).decode("utf-8", errors="replace")
    except (OSError, ValueError):
        return ""
    text = raw.strip()
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        for key in ("message", "error", "detail", "errors"):
            if data.get(key):
                value = data[key]
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                break
    text = " ".join(clean(text).split())
    if len(text) > 300:
        text = text[:297] + "…"
    return f": {text}" if text else ""


def deliver(store: Store, endpoint: str, *, user: str, password: str, timeout: float = TIMEOUT, batch: int = BATCH) -> Delivery:
    """Send every queued statement, oldest first, until the queue is empty or
    the LRS fails; what was not accepted stays queued."""
    url = statements_url(endpoint)
    sent = 0
    while True:
        pending = store.pending_statements(limit=batch)
        if not pending:
            return Delivery(sent, 0)
        ids = [sid for sid, _ in pending]
        try:
            post(url, [st for _, st in pending], user=user, password=password, timeout=timeout)
        except LrsError as exc:
            store.mark_failed(ids, exc.message)
            return Delivery(sent, store.outbox_counts()[0], exc)
        store.mark_sent(ids)
        sent += len(ids)
