"""Delivering queued xAPI statements to a Learning Record Store.

Every LRS endpoint has its own queue in the history's outbox, which names each
statement by its session and position; the statement is built when it is sent
(sim.reports.xapi.QueuedStatements), so its pseudonym follows the SIM_XAPI_SALT
of that moment.

A statement leaves the queue only when the LRS has confirmed it: a 200 answer
listing its id, or, when the answer does not list it, the LRS showing the same
statement back when asked for it (GET ?statementId=). Anything else keeps it
queued, with the error for `sim export --xapi --status`: a redirect (never
followed: a POST turned into a GET delivers nothing), a page instead of the ids
(a captive portal), a reply cut off or larger than any LRS sends, the time
running out, a refusal. 429 and 5xx answers are retried a few times, after the
wait the LRS asks for (Retry-After). A batch the LRS rejects is split until the
statements at fault are found: they stay queued with the LRS's reason while the
others go on.
"""

from __future__ import annotations

import base64
import email.utils
import http.client
import json
import socket
import ssl
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from sim.errors import UserError
from sim.reports.xapi import XAPI_VERSION, QueuedStatements
from sim.session.history import QueuedStatement, Store
from sim.text import clean

BATCH = 50
TIMEOUT = 30.0  # seconds for one request, from connecting to the last byte of the answer
# An LRS answers a batch with its ids (50 × 39 bytes) and a statement query with one
# statement: a megabyte is far more than either; a reply past it is not an LRS's.
MAX_REPLY = 1 << 20
# A page of a statements query (sim.reports.lrs_read) holds up to 500 whole statements,
# each a few kilobytes with its choices' words in two languages.
MAX_PAGE = 16 << 20
MAX_SAID = 4096  # of an error page: its start says what there is to say
# Waits before the retries of a 429 or 5xx answer (longer when Retry-After asks for
# more); a Retry-After past MAX_WAIT is not waited for: the statements stay queued.
BACKOFF: tuple[float, ...] = (1.0, 4.0, 15.0)
MAX_WAIT = 60.0
RETRY = frozenset({429, 500, 502, 503, 504})
# A batch answered with these is split until the statements at fault are found: 400
# (a statement is invalid), 409 (an id the LRS holds, see `_Delivery.verify`), 413
# (too large), 422 (what some LRSs answer for an invalid statement).
SPLIT = frozenset({400, 409, 413, 422})
SUCCESS = frozenset(range(200, 300))


class LrsError(UserError):
    """The LRS could not be reached or did not accept the statements."""


@dataclass(frozen=True, slots=True)
class Delivery:
    sent: int
    pending: int  # still queued for the endpoint, skipped ones aside
    error: LrsError | None = None  # why the delivery stopped before the queue's end
    skipped: int = 0
    rejected: tuple[LrsError, ...] = ()  # statements refused one by one: they stay queued, the others went on


def statements_url(endpoint: str) -> str:
    """The statements resource of an LRS endpoint (`…/xapi/` → `…/xapi/statements`),
    normalised, as the key of the endpoint's queue: scheme and host in lower case,
    no default port, no user name or password, no fragment."""
    try:
        parts = urlsplit(endpoint.strip())
        port = parts.port
    except ValueError:
        raise LrsError.of(endpoint, "err.lrs.not_url", "err.lrs.not_url_hint") from None
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if scheme not in ("http", "https") or not host:
        raise LrsError.of(endpoint, "err.lrs.not_url", "err.lrs.not_url_hint")
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or port == (443 if scheme == "https" else 80) else f"{host}:{port}"
    path = parts.path.rstrip("/")
    if not path.endswith("/statements"):
        path += "/statements"
    return urlunsplit((scheme, netloc, path, parts.query, ""))


# --- one request, within its time -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    reason: str
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def line(self) -> str:
        """`400 Bad Request`, safe to print."""
        return _excerpt(f"{self.status} {self.reason}".strip(), 80)


def exchange(method: str, url: str, headers: Mapping[str, str], body: bytes | None, timeout: float, *, limit: int = MAX_REPLY) -> Reply:
    """One request and its whole answer within `timeout` seconds, from connecting to
    the answer's last byte. A socket timeout bounds each read, not the exchange: a
    server trickling a byte at a time would keep us forever. So a watchdog shuts the
    socket at the deadline, which ends any read under way, and each read waits at
    most for the time left. Never follows a redirect. A successful answer larger
    than `limit` bytes is refused."""
    parts = urlsplit(url)
    target = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    conn_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = conn_class(parts.hostname or "", parts.port, timeout=timeout)
    deadline = time.monotonic() + timeout
    held: list[socket.socket] = []  # the socket, kept: the connection lets go of it when a reply ends with the connection
    expired = threading.Event()

    def cut() -> None:
        expired.set()
        for sock in [*held, conn.sock]:
            if sock is not None:
                with suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket's: also under TLS

    watchdog = threading.Timer(timeout, cut)
    watchdog.daemon = True
    watchdog.start()
    response: http.client.HTTPResponse | None = None
    try:
        conn.connect()
        held.append(conn.sock)
        conn.request(method, target, body=body, headers=dict(headers))
        response = conn.getresponse()
        data = _read(url, response, held[0], deadline, limit=limit)
        return Reply(response.status, response.reason, response.msg, data)
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if expired.is_set() or isinstance(exc, TimeoutError):
            raise _timeout(url, timeout) from None
        raise _network_error(url, exc) from None
    finally:
        watchdog.cancel()
        if response is not None:
            response.close()
        conn.close()


def _read(url: str, response: http.client.HTTPResponse, sock: socket.socket, deadline: float, *, limit: int = MAX_REPLY) -> bytes:
    """The body, one system call at a time, each within the time left; bounded in size."""
    cap = limit if response.status < 300 else MAX_SAID
    data = bytearray()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        sock.settimeout(left)
        chunk = response.read1(64 * 1024)
        if not chunk:
            break
        data += chunk
        if len(data) > cap:
            if response.status >= 300:
                return bytes(data[:cap])
            status = _excerpt(f"{response.status} {response.reason}", 80)
            raise LrsError.of(url, "err.lrs.too_large", "err.lrs.not_lrs_hint", status=status, size=max(1, limit >> 20))
    if response.length:  # the connection ended before the Content-Length did
        raise http.client.IncompleteRead(bytes(data), response.length)
    return bytes(data)


def _timeout(url: str, timeout: float) -> LrsError:
    return LrsError.of(url, "err.lrs.timeout", "err.lrs.timeout_hint", seconds=float(timeout))


def _network_error(url: str, exc: Exception) -> LrsError:
    if isinstance(exc, http.client.IncompleteRead):
        return LrsError.of(url, "err.lrs.cut_off", "err.lrs.later_hint", got=len(exc.partial), expected=exc.expected)
    if isinstance(exc, ConnectionRefusedError):
        return LrsError.of(url, "err.lrs.connection_refused", "err.lrs.connection_refused_hint")
    if isinstance(exc, socket.gaierror):
        return LrsError.of(url, "err.lrs.unknown_host", "err.lrs.unknown_host_hint", error=_excerpt(exc.strerror or str(exc)))
    if isinstance(exc, http.client.RemoteDisconnected):
        return LrsError.of(url, "err.lrs.connection_failed", "err.lrs.connection_failed_hint", error=_excerpt(str(exc)))
    if isinstance(exc, (http.client.HTTPException, ValueError)):
        # Not an HTTP answer at all (wrong port, a proxy in the way); the words may be the server's.
        return LrsError.of(url, "err.lrs.not_lrs", "err.lrs.not_lrs_hint", error=_excerpt(f"{type(exc).__name__}: {exc}"))
    if isinstance(exc, ssl.SSLCertVerificationError):
        return LrsError.of(url, "err.lrs.connection_failed", "err.lrs.connection_failed_hint", error=_excerpt(exc.verify_message or str(exc)))
    assert isinstance(exc, OSError)
    return LrsError.of(url, "err.lrs.connection_failed", "err.lrs.connection_failed_hint", error=_excerpt(exc.strerror or str(exc)))


def _excerpt(text: str, size: int = 300) -> str:
    """Text from the network, safe for a terminal, on one line and not too long."""
    text = " ".join(clean(text).split())
    return text if len(text) <= size else text[: size - 1] + "…"


# --- the statements resource of one LRS -------------------------------------------------


class Client:
    """Requests to one LRS's statements resource: each within `timeout` seconds,
    429 and 5xx answers retried after each wait of `backoff`. Raises LrsError for
    what stops a delivery (unreachable, refused, redirected, no LRS's answer)."""

    def __init__(
        self,
        url: str,
        *,
        user: str,
        password: str,
        timeout: float = TIMEOUT,
        backoff: Sequence[float] | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.url = url
        self.timeout = timeout
        self._backoff = tuple(BACKOFF if backoff is None else backoff)
        self._sleep = sleep or time.sleep
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        self._headers = {
            "Authorization": f"Basic {token}",
            "X-Experience-API-Version": XAPI_VERSION,
            "Accept": "application/json",
            "Connection": "close",
        }

    def post(self, statements: Sequence[Mapping[str, Any]]) -> Reply:
        """POST one batch; the answer is a success or one of SPLIT."""
        body = json.dumps(list(statements), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return self._call("POST", self.url, body, SUCCESS | SPLIT)

    def get(self, statement_id: str) -> Reply:
        """The LRS's copy of one statement: a 200 with it, or a 404."""
        joiner = "&" if urlsplit(self.url).query else "?"
        return self._call("GET", f"{self.url}{joiner}statementId={quote(statement_id, safe='')}", None, frozenset({200, 404}))

    def query(self, url: str) -> Reply:
        """One page of a statements query (`url`: this resource with its filters, or
        the `more` of the page before): a 200 with up to MAX_PAGE bytes."""
        return self._call("GET", url, None, frozenset({200}), limit=MAX_PAGE)

    def _call(self, method: str, url: str, body: bytes | None, answers: frozenset[int], *, limit: int = MAX_REPLY) -> Reply:
        headers = dict(self._headers)
        if body is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        tries = 0
        while True:
            reply = exchange(method, url, headers, body, self.timeout, limit=limit)
            tries += 1
            if reply.status in answers:
                return reply
            if reply.status in RETRY and tries <= len(self._backoff):
                wait = max(self._backoff[tries - 1], retry_after(reply.headers.get("Retry-After")) or 0.0)
                if wait > MAX_WAIT:
                    raise LrsError.of(self.url, "err.lrs.busy", "err.lrs.later_hint", status=reply.line, seconds=float(round(min(wait, 1e9))))
                self._sleep(wait)
                continue
            raise _failure(self.url, reply, tries)


def retry_after(value: str | None) -> float | None:
    """Seconds to wait by a Retry-After header (a number of seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _failure(url: str, reply: Reply, tries: int) -> LrsError:
    # `said`: the LRS's own words (": …", or nothing), shown as it wrote them.
    status, said = reply.line, _said(reply)
    if 300 <= reply.status < 400:
        location = reply.headers.get("Location")
        if location:
            return LrsError.of(url, "err.lrs.redirect", "err.lrs.redirect_hint", status=status, location=_excerpt(location, 200))
        return LrsError.of(url, "err.lrs.redirect_nowhere", "err.lrs.redirect_hint", status=status)
    if reply.status in (401, 403):
        return LrsError.of(url, "err.lrs.refused", "err.lrs.refused_hint", status=status, said=said)
    if reply.status == 404:
        return LrsError.of(url, "err.lrs.not_found", "err.lrs.not_found_hint", said=said)
    if reply.status in RETRY and tries > 1:
        return LrsError.of(url, "err.lrs.gave_up", "err.lrs.later_hint", status=status, said=said, tries=tries)
    if 400 <= reply.status < 500:
        return LrsError.of(url, "err.lrs.rejected", "err.lrs.rejected_hint", status=status, said=said)
    if reply.status >= 500:
        return LrsError.of(url, "err.lrs.failed", "err.lrs.later_hint", status=status, said=said)
    return _not_ids(url, reply)


def _said(reply: Reply) -> str:
    """The LRS's explanation, from a JSON `message`/`error`/`detail` or the text."""
    text = reply.body[:MAX_SAID].decode("utf-8", errors="replace").strip()
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
    text = _excerpt(text)
    return f": {text}" if text else ""


def _not_ids(url: str, reply: Reply) -> LrsError:
    """A success that is no LRS's: a login page (a captive portal), a proxy's answer."""
    kind = reply.headers.get_content_type()
    text = reply.body[:MAX_SAID].decode("utf-8", errors="replace").lstrip()
    if kind in ("text/html", "application/xhtml+xml") or text.startswith("<"):
        return LrsError.of(url, "err.lrs.page", "err.lrs.portal_hint", status=reply.line, type=_excerpt(kind, 60))
    return LrsError.of(url, "err.lrs.not_ids", "err.lrs.portal_hint", status=reply.line, said=f": {_excerpt(text, 80)}" if text.strip() else "")


def confirmed_ids(url: str, reply: Reply, ids: Sequence[str]) -> set[str]:
    """The ids of the batch `ids` that an answer to its POST confirms as stored.

    xAPI answers a POST with 200 and the ids of the statements. Some LRSs list only
    the statements they stored just then and leave out those they already held
    (ralph, which answers 204 when it held them all): a success that does not list a
    statement confirms nothing about it, and it is asked for. Ids the batch does not
    have, or an answer that is not a list of ids, are no LRS's: that raises."""
    if reply.status != 200:
        return set()
    try:
        data = json.loads(reply.body.decode("utf-8"))
    except ValueError:
        raise _not_ids(url, reply) from None
    if not isinstance(data, list) or not all(isinstance(i, str) for i in data):
        raise _not_ids(url, reply)
    listed = {i.lower() for i in data}
    if not listed <= set(ids):
        raise _not_ids(url, reply)
    return listed


def stored_statement(url: str, reply: Reply, statement_id: str) -> dict[str, Any] | None:
    """The statement in the answer to GET ?statementId= (None: the LRS does not have it)."""
    if reply.status != 200:
        return None
    try:
        data = json.loads(reply.body.decode("utf-8"))
    except ValueError:
        raise _not_ids(url, reply) from None
    if not isinstance(data, dict):
        raise _not_ids(url, reply)
    # xAPI answers with the statement; ralph with a statement list, as for other queries.
    listed = data.get("statements")
    for statement in listed if isinstance(listed, list) else [data]:
        if isinstance(statement, dict) and str(statement.get("id", "")).lower() == statement_id:
            return statement
    return None


# xAPI 1.0.3 (Data §2.2, statement comparison): what the LRS adds or may change is
# not the statement's; timestamps are compared as instants.
_NOT_COMPARED = frozenset({"authority", "stored", "version", "attachments"})


def same_statement(stored: Mapping[str, Any], sent: Mapping[str, Any]) -> bool:
    """Whether the LRS's copy is the statement sent, by xAPI's comparison rules."""
    return _comparable(stored) == _comparable(sent)


def _comparable(statement: Mapping[str, Any]) -> dict[str, Any]:
    out = {key: _canonical(value) for key, value in statement.items() if key not in _NOT_COMPARED}
    if isinstance(out.get("id"), str):
        out["id"] = out["id"].lower()
    if isinstance(out.get("timestamp"), str):
        with suppress(ValueError):
            moment = datetime.fromisoformat(out["timestamp"].replace("Z", "+00:00"))
            out["timestamp"] = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).isoformat(timespec="milliseconds")
    return out


def _canonical(value: Any) -> Any:
    # An `objectType` an LRS may add or leave out: the default of where it stands.
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items() if not (k == "objectType" and v in ("Agent", "Activity"))}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    return value


# --- a delivery: the queue, batch by batch --------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Item:
    row: QueuedStatement
    statement: dict[str, Any]


@dataclass
class _Delivery:
    store: Store
    client: Client
    sent: int = 0
    rejected: list[LrsError] = field(default_factory=list)
    settled: set[str] = field(default_factory=set)  # ids marked sent or rejected in this delivery

    @property
    def url(self) -> str:
        return self.client.url

    def send(self, items: Sequence[_Item]) -> None:
        """POST `items`; a rejected batch is split until the statements at fault are found."""
        reply = self.client.post([item.statement for item in items])
        if reply.status in SPLIT:
            if len(items) > 1:
                half = len(items) // 2
                self.send(items[:half])
                self.send(items[half:])
            elif reply.status == 409:
                self.verify(items[0], conflict=reply)
            else:
                self.reject(items[0], self.statement_error("err.lrs.statement_rejected", items[0], status=reply.line, said=_said(reply)))
            return
        listed = confirmed_ids(self.url, reply, [item.row.id for item in items])
        self.confirm([item for item in items if item.row.id in listed])
        for item in items:
            if item.row.id not in listed:
                self.verify(item)

    def verify(self, item: _Item, *, conflict: Reply | None = None) -> None:
        """Ask the LRS for a statement it did not confirm, and compare.

        A 409 Conflict is neither a delivery nor a rejection by itself. xAPI 1.0.3
        (Communication §2.1.2) has an LRS that already holds a statement with the id
        answer 409 when the one sent differs, and accept the same one again; some LRSs
        answer 409 for the same one too. So the statement is asked for: held and the
        same by xAPI's comparison rules, it was delivered (before, or by a reply that
        was lost on the way); held but different (built with another SIM_XAPI_SALT,
        say), it stays queued with the conflict, as an LRS never replaces a statement:
        `--drop` is the way out; not held, the 409 rejected it."""
        reply = self.client.get(item.row.id)
        stored = stored_statement(self.url, reply, item.row.id)
        if stored is not None and same_statement(stored, item.statement):
            self.confirm([item])
        elif stored is not None:
            self.reject(item, self.statement_error("err.lrs.conflict", item))
        elif conflict is not None:
            self.reject(item, self.statement_error("err.lrs.statement_rejected", item, status=conflict.line, said=_said(conflict)))
        else:
            self.reject(item, self.statement_error("err.lrs.unconfirmed", item))

    def confirm(self, items: Sequence[_Item]) -> None:
        if items:
            ids = [item.row.id for item in items]
            self.store.mark_sent(self.url, ids)
            self.settled.update(ids)
            self.sent += len(ids)

    def reject(self, item: _Item | QueuedStatement, error: LrsError) -> None:
        row = item.row if isinstance(item, _Item) else item
        self.store.mark_failed(self.url, [row.id], error.message)
        self.settled.add(row.id)
        self.rejected.append(error)

    def statement_error(self, key: str, item: _Item | QueuedStatement, **fields: object) -> LrsError:
        row = item.row if isinstance(item, _Item) else item
        hint = "err.lrs.conflict_hint" if key == "err.lrs.conflict" else "err.lrs.statement_hint"
        return LrsError.of(f"{self.url} {row.id}", key, hint, url=self.url, id=row.id, **fields)


def deliver(
    store: Store,
    endpoint: str,
    *,
    user: str,
    password: str,
    timeout: float = TIMEOUT,
    batch: int = BATCH,
    backoff: Sequence[float] | None = None,
    sleep: Callable[[float], None] | None = None,
) -> Delivery:
    """Send what is queued for `endpoint`, oldest first, batch by batch, until the
    queue's end or a failure that stops the delivery (the LRS unreachable, refusing,
    redirecting, not answering like an LRS). Only what the LRS confirmed leaves the
    queue; a statement it rejects stays queued with the reason, and the others go on."""
    url = statements_url(endpoint)
    run = _Delivery(store, Client(url, user=user, password=password, timeout=timeout, backoff=backoff, sleep=sleep))
    build = QueuedStatements(store)
    error: LrsError | None = None
    after = 0
    while error is None:
        rows = store.pending_statements(url, after=after, limit=batch)
        if not rows:
            break
        after = rows[-1].rowid
        items = []
        for row in rows:
            statement = build.statement(row.session_id, row.position, row.base)
            if statement is None or statement.get("id") != row.id:
                run.reject(row, run.statement_error("err.lrs.cannot_build", row, session=row.session_id))
            else:
                items.append(_Item(row, statement))
        rejected_before = len(run.rejected)
        try:
            if items:
                run.send(items)
        except LrsError as exc:
            error = exc
            store.mark_failed(url, [item.row.id for item in items if item.row.id not in run.settled], exc.message)
            break
        if run.sent == 0 and len(items) > 1 and len(run.rejected) - rejected_before >= len(items):
            # Not one of a whole batch taken: the LRS will not take the rest either (a
            # wrong endpoint, a version it refuses), and trying each would be thousands of requests.
            error = LrsError.of(url, "err.lrs.rejects_all", "err.lrs.rejects_all_hint", count=len(items), url=url)
    counts = store.outbox_counts(url)
    return Delivery(run.sent, counts.pending, error, counts.skipped, tuple(run.rejected))
