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
from sim.reports.xapi import XAPI_VERSION
from sim.session.history import Store
from sim.text import clean

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
        raise LrsError.of(endpoint, "err.lrs.not_url", "err.lrs.not_url_hint")
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
        # `said`: the LRS's own words (": …", or nothing), shown as it wrote them.
        status, said = f"{exc.code} {exc.reason}", _lrs_message(exc)
        if exc.code in (401, 403):
            raise LrsError.of(url, "err.lrs.refused", "err.lrs.refused_hint", status=status, said=said) from None
        if exc.code == 404:
            raise LrsError.of(url, "err.lrs.not_found", "err.lrs.not_found_hint", said=said) from None
        if 400 <= exc.code < 500:
            raise LrsError.of(url, "err.lrs.rejected", "err.lrs.rejected_hint", status=status, said=said) from None
        raise LrsError.of(url, "err.lrs.failed", "err.lrs.later_hint", status=status, said=said) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ConnectionRefusedError):
            raise LrsError.of(url, "err.lrs.connection_refused", "err.lrs.connection_refused_hint") from None
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise _timeout(url, timeout) from None
        if isinstance(reason, socket.gaierror):
            raise LrsError.of(url, "err.lrs.unknown_host", "err.lrs.unknown_host_hint", error=reason.strerror or str(reason)) from None
        raise LrsError.of(url, "err.lrs.unreachable", "err.lrs.network_hint", error=str(reason)) from None
    except TimeoutError:
        raise _timeout(url, timeout) from None
    except OSError as exc:
        raise LrsError.of(url, "err.lrs.connection_failed", "err.lrs.connection_failed_hint", error=exc.strerror or str(exc)) from None
    except http.client.HTTPException as exc:
        # Not an HTTP answer at all (wrong port, a proxy in the way).
        raise LrsError.of(url, "err.lrs.not_lrs", "err.lrs.not_lrs_hint", error=f"{type(exc).__name__}: {exc}") from None


def _timeout(url: str, timeout: float) -> LrsError:
    return LrsError.of(url, "err.lrs.timeout", "err.lrs.timeout_hint", seconds=float(timeout))


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
