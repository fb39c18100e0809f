"""The class's sessions, read back from an xAPI Learning Record Store.

What sim.reports.xapi writes for a session (`attempted`, one `responded` per
turn, `completed`, `passed` or `failed`, `scored`) is read back with a
statements query (xAPI 1.0.3, Communication §2.1.3) and turned into the same
`cohort.Attempt` that the history gives for the session, so a class view
reads alike from the LRS and from the machine the trainee played on.

Everything the LRS answers is untrusted: a page that is not a statement list
stops the reading with an LrsError; a statement that is not sim's, or not as
sim writes it, is counted and left out. Every text is cleaned for the
terminal and every id is bounded in length.

Reading is bounded (pages, statements) and resumable: with a cache folder the
statements read are kept (only what the reading needs), and the next call asks
only `since` the latest `stored` time read. A read that a bound or an error
stopped goes on the same way when its pages came in `stored` order, else from
the LRS's `more` link where it stopped. An LRS that does not answer `since` by
`stored` (ralph 5.1 compares it with `timestamp`) is noticed by what it sends
back, and read in full from then on.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode, urljoin, urlsplit

from sim.files import read_limited, write_file
from sim.reports import xapi
from sim.reports.cohort import Attempt, aware, judged_move, unique
from sim.reports.lrs import Client, LrsError, Reply, _excerpt, statements_url
from sim.text import clean

PAGE = 500  # statements asked for per page; an LRS may send fewer
# `since` is exclusive and a page may end among statements stored in the same
# instant: the next read asks from this much earlier and drops what it holds.
OVERLAP = timedelta(milliseconds=1)
MAX_ID = 256  # characters of a session, node, choice, principle or account id
MAX_IRI = 2048
MAX_TITLE = 2000
MAX_CHOICES = 200
MAX_MORE = 8192  # characters of a `more` link
MAX_NEAR = 1000  # ids kept of the statements stored at the latest instant read
MAX_CACHE = 256 << 20  # bytes: a cache file past it is not ours, and is read again from the LRS
CACHE_FORMAT = "sim-lrs-read/1"
_SCORED = frozenset({"attempted", "completed", "passed", "failed", "scored"})  # verbs whose object is the scenario
Origin = tuple[str, str, int]  # scheme, host, port


@dataclass(frozen=True, slots=True)
class Read:
    """What one call read, and the attempts of all that is known of the query."""

    attempts: list[Attempt]  # cohort.unique(...) of the finished sessions found
    statements: int  # statements read (this run + from the cache)
    pages: int  # pages fetched this run
    complete: bool  # False when a bound stopped the paging (then `resume` says how to go on)
    skipped: int  # statements that were not ours or not well-formed (counted, never fatal)
    # The LRS's `more` link the paging stopped before: the next call with the same
    # cache starts there. None when the reading ended (or the LRS's links went round in a loop).
    resume: str | None = None


# --- one statement, as sim wrote it --------------------------------------------------------


class _NotOurs(Exception):
    """A statement sim did not write, or not in the shape sim writes."""


@dataclass(frozen=True, slots=True)
class _Statement:
    """What the reading needs of one statement, checked and cleaned."""

    id: str
    verb: str  # one of xapi.VERBS
    home: str  # the actor's account.homePage: the base of every IRI sim wrote in it
    account: str
    registration: str
    object: str  # the object's IRI
    scenario: str
    node: str | None  # of a `responded`
    timestamp: datetime
    stored: datetime | None
    session: str
    mode: str | None
    language: str | None
    ending: str | None
    scores: dict[str, int | None]
    ratings: dict[str, int]
    title: dict[str, str]
    response: str | None
    turn: int | None
    choices: tuple[str, ...]
    best: tuple[str, ...]
    overall: int | None

    def to_json(self) -> dict[str, Any]:
        """The statement with only what `_parse` reads: what the cache keeps."""
        ext: dict[str, Any] = {f"{self.home}/extensions/session": self.session}
        if self.mode is not None:
            ext[f"{self.home}/extensions/mode"] = self.mode
        if self.ending is not None:
            ext[f"{self.home}/extensions/ending"] = self.ending
        if self.ratings:
            ext[f"{self.home}/extensions/self-ratings"] = self.ratings
        ext.update({xapi.principle_iri(self.home, p): score for p, score in self.scores.items()})
        context: dict[str, Any] = {"registration": self.registration, "extensions": ext}
        if self.language is not None:
            context["language"] = self.language
        definition: dict[str, Any] = {}
        if self.title:
            definition["name"] = self.title
        if self.choices:
            definition["choices"] = [{"id": c} for c in self.choices]
        if self.best:
            definition["correctResponsesPattern"] = list(self.best)
        result: dict[str, Any] = {}
        if self.response is not None:
            result["response"] = self.response
        if self.turn is not None:
            result["extensions"] = {f"{self.home}/extensions/turn": self.turn}
        if self.overall is not None:
            result["score"] = {"raw": self.overall}
        out: dict[str, Any] = {
            "id": self.id,
            "actor": {"account": {"homePage": self.home, "name": self.account}},
            "verb": {"id": xapi.ADL_VERBS + self.verb},
            "object": {"id": self.object, **({"definition": definition} if definition else {})},
            "context": context,
            "timestamp": self.timestamp.isoformat(),
        }
        if result:
            out["result"] = result
        if self.stored is not None:
            out["stored"] = self.stored.isoformat()
        return out


def _dict(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _NotOurs
    return value


def _text(value: object, limit: int = MAX_ID) -> str:
    if not isinstance(value, str) or not value or len(value) > limit:
        raise _NotOurs
    return clean(value)


def _optional_text(value: object, limit: int = MAX_ID) -> str | None:
    return None if value is None else _text(value, limit)


def _number(value: object, low: int, high: int) -> int:
    # A JSON number an LRS wrote back as 80.0 is still 80; true is no number.
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _NotOurs
    return value


def _moment(value: object) -> datetime:
    try:
        return aware(_text(value, 64))
    except ValueError:
        raise _NotOurs from None


def _uuid(value: object) -> str:
    try:
        return str(uuid.UUID(_text(value, 64)))
    except ValueError:
        raise _NotOurs from None


def _part(text: str) -> str:
    """One path part of an IRI sim wrote (quoted, with no `/`), unquoted."""
    if not text or "/" in text:
        raise _NotOurs
    return _text(unquote(text))


def _parse(raw: object) -> _Statement:
    """The statement `raw`, checked: _NotOurs when sim did not write it so."""
    st = _dict(raw)
    verb_id = _text(_dict(st.get("verb")).get("id"), MAX_IRI)
    verb = verb_id.removeprefix(xapi.ADL_VERBS)
    if verb == verb_id or verb not in xapi.VERBS:
        raise _NotOurs
    account = _dict(_dict(st.get("actor")).get("account"))
    home = _text(account.get("homePage"), MAX_IRI)
    obj = _dict(st.get("object"))
    object_id = _text(obj.get("id"), MAX_IRI)
    rest = object_id.removeprefix(f"{home}/scenarios/")
    if rest == object_id:
        raise _NotOurs
    node = None
    scenario_part = rest
    if verb == "responded":
        scenario_part, sep, node_part = rest.partition("/nodes/")
        if not sep:
            raise _NotOurs
        node = _part(node_part)
    context = _dict(st.get("context"))
    ext = _dict(context.get("extensions", {}))
    result = _dict(st.get("result", {}))
    definition = _dict(obj.get("definition", {}))
    return _Statement(
        id=_uuid(st.get("id")),
        verb=verb,
        home=home,
        account=_text(account.get("name")),
        registration=_uuid(context.get("registration")),
        object=object_id,
        scenario=_part(scenario_part),
        node=node,
        timestamp=_moment(st.get("timestamp")),
        stored=_moment(st["stored"]) if st.get("stored") is not None else None,
        session=_text(ext.get(f"{home}/extensions/session")),
        mode=_optional_text(ext.get(f"{home}/extensions/mode")),
        language=_optional_text(context.get("language"), 35),
        ending=_optional_text(ext.get(f"{home}/extensions/ending")),
        scores=_scores(home, ext),
        ratings=_ratings(ext.get(f"{home}/extensions/self-ratings")),
        title=_title_map(definition.get("name")) if verb != "responded" else {},
        response=_text(result.get("response")) if verb == "responded" else None,
        turn=_number(_dict(result.get("extensions")).get(f"{home}/extensions/turn"), 0, 1_000_000) if verb == "responded" else None,
        choices=_choices(definition.get("choices")),
        best=_best(definition.get("correctResponsesPattern")),
        overall=_overall(result.get("score")),
    )


def _scores(home: str, ext: Mapping[str, Any]) -> dict[str, int | None]:
    prefix = f"{home}/principles/"
    out: dict[str, int | None] = {}
    for key, value in ext.items():
        if key.startswith(prefix):
            out[_part(key[len(prefix) :])] = None if value is None else _number(value, 0, 100)
    return out


def _ratings(value: object) -> dict[str, int]:
    if value is None:
        return {}
    return {_text(principle): _number(rating, 1, 5) for principle, rating in _dict(value).items()}


def _title_map(value: object) -> dict[str, str]:
    if value is None:
        return {}
    return {_text(lang, 35): _text(text, MAX_TITLE) for lang, text in _dict(value).items()}


def _choices(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > MAX_CHOICES:
        raise _NotOurs
    return tuple(_text(_dict(choice).get("id")) for choice in value)


def _best(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > MAX_CHOICES:
        raise _NotOurs
    return tuple(_text(pattern) for pattern in value)


def _overall(value: object) -> int | None:
    if value is None:
        return None
    raw = _dict(value).get("raw")
    return None if raw is None else _number(raw, 0, 100)


def _where(raw: object) -> tuple[str, datetime, datetime | None] | None:
    """The id, `stored` and `timestamp` of any statement, sim's or not: where a read got to."""
    try:
        st = _dict(raw)
        return _uuid(st.get("id")), _moment(st.get("stored")), _moment(st["timestamp"]) if "timestamp" in st else None
    except _NotOurs:
        return None


# --- statements → attempts --------------------------------------------------------------------


def _attempts(statements: Iterable[_Statement], roster: Mapping[str, str]) -> list[Attempt]:
    sessions: dict[str, list[_Statement]] = {}
    for st in statements:
        sessions.setdefault(st.registration, []).append(st)
    found = (_attempt(group, roster) for group in sessions.values())
    return unique(a for a in found if a is not None)


def _attempt(group: Sequence[_Statement], roster: Mapping[str, str]) -> Attempt | None:
    """The session of one registration; None when it has not finished."""
    completed = sorted((s for s in group if s.verb == "completed"), key=lambda s: s.id)
    if not completed:
        return None
    end = completed[0]
    # A statement that names another trainee, session or scenario under this registration is none of its.
    mine = [s for s in group if (s.home, s.account, s.session, s.scenario) == (end.home, end.account, end.session, end.scenario)]
    verbs = {s.verb for s in mine}
    attempted = [s.timestamp for s in mine if s.verb == "attempted"]
    turns: dict[int, _Statement] = {}
    for s in sorted((s for s in mine if s.verb == "responded"), key=lambda s: (s.turn or 0, s.timestamp, s.id)):
        turns.setdefault(s.turn or 0, s)
    moves = tuple(judged_move(s.node or "", s.response or "", list(s.best) if len(s.choices) >= 2 else None) for s in turns.values())
    title = next((s.title for s in [end, *mine] if s.title and s.verb in _SCORED), {})
    lang = end.language or "en"
    return Attempt(
        session=end.session,
        trainee=roster.get(end.account, end.account),
        scenario=end.scenario,
        started=min(attempted) if attempted else min(s.timestamp for s in mine),
        mode=end.mode or "practice",
        overall=end.overall,
        passed="passed" in verbs,
        # Finished: its `completed` says so, though an empty ending was not written.
        ending=end.ending if end.ending is not None else "",
        scores=dict(end.scores),
        ratings=dict(end.ratings),
        moves=moves,
        # In the session's language, as the history's attempt has it (cohort.from_record).
        title=title.get(lang) or title.get("en") or next(iter(title.values()), ""),
    )


# --- where a read got to, and the cache that keeps it -----------------------------------------


@dataclass
class _Mark:
    """The latest `stored` time read, and the statements stored within OVERLAP of
    it: a read asking `since` that time from an LRS that answers it as xAPI says
    gets some of them back."""

    stored: datetime | None = None
    near: dict[str, datetime] = field(default_factory=dict)

    def see(self, statement_id: str, stored: datetime) -> None:
        if self.stored is None or stored > self.stored:
            self.stored = stored
            self.near = {k: v for k, v in self.near.items() if v >= stored - OVERLAP}
            self.near[statement_id] = stored
        elif stored >= self.stored - OVERLAP and len(self.near) < MAX_NEAR:
            self.near[statement_id] = stored

    def merged(self, other: _Mark) -> _Mark:
        out = _Mark(self.stored, dict(self.near))
        for statement_id, stored in other.near.items():
            out.see(statement_id, stored)
        return out

    def to_json(self) -> dict[str, Any]:
        return {"stored": self.stored.isoformat() if self.stored else None, "near": {k: v.isoformat() for k, v in self.near.items()}}

    @classmethod
    def from_json(cls, value: object) -> _Mark:
        data = _dict(value)
        near = _dict(data.get("near"))
        if len(near) > MAX_NEAR or (data.get("stored") is None and near):
            raise _NotOurs
        return cls(None if data.get("stored") is None else _moment(data["stored"]), {_uuid(k): _moment(v) for k, v in near.items()})


@dataclass
class _State:
    """What is known of one query: its statements, where the last whole read
    ended (`done`), and where a read a bound or an error stopped got to (`going`,
    and `more`, the link to the page it did not read)."""

    statements: dict[str, _Statement] = field(default_factory=dict)
    done: _Mark = field(default_factory=_Mark)
    going: _Mark = field(default_factory=_Mark)
    more: str | None = None
    ascending: bool = True  # the stopped read's pages came in `stored` order
    since_works: bool = True  # the LRS answers `since` by `stored`, as xAPI says


def _load(path: Path, key: Mapping[str, Any], origin: Origin) -> _State:
    """The cache file's state; an empty one when the file is missing, damaged, too
    large or another query's (a file anyone could have written is checked like the LRS's answers)."""
    try:
        lines = read_limited(path, MAX_CACHE).decode("utf-8").splitlines()
        head = _dict(json.loads(lines[0]))
        flags = (head.get("since_works"), head.get("ascending"))
        if head.get("format") != CACHE_FORMAT or head.get("key") != key or not all(isinstance(flag, bool) for flag in flags):
            return _State()
        more = head.get("more")
        if more is not None and (not isinstance(more, str) or len(more) > MAX_MORE or _origin(more) != origin):
            return _State()
        done, going = _Mark.from_json(head.get("done")), _Mark.from_json(head.get("going"))
        state = _State(done=done, going=going, more=more, ascending=head["ascending"], since_works=head["since_works"])
        for line in lines[1:]:
            st = _parse(json.loads(line))
            state.statements[st.id] = st
    except (OSError, ValueError, IndexError, RecursionError, _NotOurs):
        return _State()
    return state


def _save(path: Path, key: Mapping[str, Any], state: _State) -> None:
    head = {
        "format": CACHE_FORMAT,
        "key": key,
        "done": state.done.to_json(),
        "going": state.going.to_json(),
        "more": state.more,
        "ascending": state.ascending,
        "since_works": state.since_works,
    }
    lines = [json.dumps(head, ensure_ascii=False)]
    lines += [json.dumps(st.to_json(), ensure_ascii=False, separators=(",", ":")) for st in state.statements.values()]
    with suppress(OSError):  # a cache that cannot be written costs a longer read next time, nothing else
        write_file(path, "\n".join(lines) + "\n", parents=True)


# --- paging -------------------------------------------------------------------------------------


def _origin(url: str) -> Origin:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return ("", "", 0)
    scheme = parts.scheme.lower()
    return (scheme, (parts.hostname or "").lower(), port or (443 if scheme == "https" else 80))


def _page(url: str, reply: Reply) -> tuple[list[Any], str | None]:
    """The statements of one page and its `more` link (None: the last page)."""
    try:
        data = json.loads(reply.body)
    except (ValueError, RecursionError):
        text = reply.body[:4096].decode("utf-8", errors="replace").lstrip()
        kind = reply.headers.get_content_type()
        if kind in ("text/html", "application/xhtml+xml") or text.startswith("<"):
            raise LrsError.of(url, "err.lrs_read.page", "err.lrs_read.not_lrs_hint", status=reply.line, type=_excerpt(kind, 60)) from None
        raise LrsError.of(url, "err.lrs_read.not_json", "err.lrs_read.not_lrs_hint", status=reply.line, said=_said(text)) from None
    statements = data.get("statements") if isinstance(data, dict) else None
    more = data.get("more") if isinstance(data, dict) else None
    if not isinstance(statements, list) or (more is not None and not isinstance(more, str)):
        text = reply.body[:4096].decode("utf-8", errors="replace")
        raise LrsError.of(url, "err.lrs_read.not_statements", "err.lrs_read.not_lrs_hint", status=reply.line, said=_said(text))
    return statements, more or None


def _said(text: str) -> str:
    text = _excerpt(text, 80)
    return f": {text}" if text else ""


class _Reader:
    """One run of a query's paging, into `state`.

    Where it starts: a read a bound or an error stopped goes on with `since` the
    latest `stored` it read, when its pages came in `stored` order (else nothing
    says all before that time was read) and the LRS answers `since` as xAPI says;
    else from the LRS's `more` link it stopped at. A read that ended is followed
    by one asking `since` its end. Each `since` is checked by the first page, which
    must bring back some of what was stored at that time; when it does not, `since`
    is not used with this LRS again."""

    def __init__(self, client: Client, query: str, since: datetime | None, state: _State, *, max_pages: int, max_statements: int) -> None:
        self.client = client
        self.query = query  # the first page's URL, without `since`
        self.since = since
        self.state = state
        self.origin = _origin(client.url)
        self.max_pages = max_pages
        self.max_statements = max_statements
        self.pages = 0
        self.read = 0
        self.skipped = 0
        self.complete = False
        self.resume: str | None = None

    def since_url(self, since: datetime | None) -> str:
        return self.query + "&" + urlencode({"since": xapi.timestamp(since)}, quote_via=quote) if since is not None else self.query

    def since_mark(self, mark: _Mark) -> datetime | None:
        """The `since` that goes on after `mark`; None when `since` cannot be used."""
        at = mark.stored
        if not self.state.since_works or at is None or (self.since is not None and self.since >= at - OVERLAP):
            return None
        return at - OVERLAP

    def plan(self, *, link: bool) -> tuple[str, datetime | None, bool]:
        """The first page: its URL, the `since` it asks when that is a time read before
        (None: nothing to check), and whether it goes on with the read that was stopped."""
        state = self.state
        if state.more is not None:
            since = self.since_mark(state.going) if state.ascending else None
            if since is not None:
                return self.since_url(since), since, True
            if link:
                return state.more, None, True
        since = self.since_mark(state.done)
        if since is not None:
            return self.since_url(since), since, False
        return self.since_url(self.since), None, False

    def run(self) -> None:
        state = self.state
        url, check, continues = self.plan(link=True)
        linked = url == state.more  # a link kept from an earlier run: it may have expired
        going, ascending = (state.going, state.ascending) if continues else (_Mark(), True)
        fetched: set[str] = {url}
        last: datetime | None = None
        # Each turn fetches a page, or gives up an expired link once: bounded by max_pages.
        while True:
            try:
                statements, more = _page(self.client.url, self.client.query(url))
            except LrsError:
                if not linked:
                    raise
                # xAPI keeps a `more` link usable for a day at least; an older one may be gone.
                url, check, continues = self.plan(link=False)
                linked = False
                going, ascending = (state.going, state.ascending) if continues else (_Mark(), True)
                fetched, last = {url}, None
                continue
            linked = False
            self.pages += 1
            known = set(state.statements) | set(state.going.near) | set(state.done.near) if check else set()
            page = _Mark()
            times, ordered, last = self.take(statements, page, last)
            following = self.follow(more) if more else None
            if check is not None and not any(i in known and t is not None and t <= check for i, t in times.items()):
                # An LRS that answers `since` by `stored` sends back what was stored just
                # after the time asked, though it happened before it; this one did not
                # (ralph 5.1 compares `since` with `timestamp`): read on without `since`.
                state.since_works = False
                following, _, continues = self.plan(link=True)
                going, ascending = (state.going, state.ascending) if continues else (_Mark(), True)
                fetched, last = set(), None
                linked = following == state.more
            else:
                going, ascending = going.merged(page), ascending and ordered
            check = None
            if following is None:
                state.done, state.going, state.more, state.ascending = state.done.merged(going), _Mark(), None, True
                self.complete = True
                return
            if following in fetched:
                state.going, state.more, state.ascending = _Mark(), None, True  # a loop: going on would only go round it
                return
            fetched.add(following)
            state.going, state.more, state.ascending = going, following, ascending
            if self.pages >= self.max_pages or self.read >= self.max_statements:
                self.resume = following
                return
            url = following

    def take(self, statements: Sequence[object], mark: _Mark, last: datetime | None) -> tuple[dict[str, datetime | None], bool, datetime | None]:
        """Keep sim's statements of a page. The `timestamp` of each of its statements
        by id, whether they came in `stored` order (after `last`, the latest `stored`
        of the page before), and the latest `stored`."""
        times: dict[str, datetime | None] = {}
        ordered = True
        for raw in statements:
            self.read += 1
            try:
                st = _parse(raw)
            except _NotOurs:
                self.skipped += 1
            else:
                self.state.statements.setdefault(st.id, st)
            where = _where(raw)
            if where is not None:
                statement_id, stored, times[statement_id] = where
                mark.see(statement_id, stored)
                ordered = ordered and (last is None or stored >= last)
                last = stored
        return times, ordered, last

    def follow(self, more: str) -> str:
        """The URL of the next page: `more` is relative to the LRS (or absolute, on it)."""
        if len(more) > MAX_MORE:
            raise LrsError.of(self.client.url, "err.lrs_read.bad_more", "err.lrs_read.lrs_fault_hint", more=_excerpt(more, 200))
        target = urljoin(self.client.url, more)
        if _origin(target) != self.origin:
            raise LrsError.of(self.client.url, "err.lrs_read.elsewhere", "err.lrs_read.elsewhere_hint", more=_excerpt(more, 200))
        return target


# --- the query --------------------------------------------------------------------------------


def read_attempts(
    url: str,
    *,
    user: str,
    password: str,
    names: Sequence[str] = (),
    salt: str | None = None,
    since: datetime | None = None,
    trainee: str | None = None,
    scenario: str | None = None,
    base: str | None = None,
    timeout: float = 30.0,
    max_statements: int = 200_000,
    max_pages: int = 10_000,
    cache: Path | None = None,
    client: Client | None = None,
) -> Read:
    """The finished sessions an LRS holds (of one trainee, of one scenario, stored
    since a time), each trainee named from `names` (the class's roster) when their
    pseudonym is one of theirs. Raises LrsError when the LRS cannot be read; with
    `cache`, what was read before the error is kept for the next call."""
    if max_pages < 1 or max_statements < 1:
        raise ValueError("max_pages and max_statements must be at least 1")
    endpoint = statements_url(url)
    since = aware(since) if since is not None else None
    base = (base or xapi.base_iri()).rstrip("/")
    filters: dict[str, str] = {}
    if trainee is not None:
        agent = {"objectType": "Agent", "account": {"homePage": base, "name": xapi.pseudonym(trainee, salt)}}
        filters["agent"] = json.dumps(agent, separators=(",", ":"))
    if scenario is not None:
        filters["activity"] = xapi.scenario_iri(base, scenario)
        filters["related_activities"] = "true"  # the turns too: their parent is the scenario
    joiner = "&" if urlsplit(endpoint).query else "?"
    query = endpoint + joiner + urlencode({"ascending": "true", "limit": str(PAGE), **filters}, quote_via=quote)
    client = client or Client(endpoint, user=user, password=password, timeout=timeout)

    key = {"url": endpoint, "user": user, "filters": filters, "since": xapi.timestamp(since) if since else None}
    path = cache / (hashlib.sha256(json.dumps(key, sort_keys=True).encode("utf-8")).hexdigest()[:32] + ".jsonl") if cache is not None else None
    state = _load(path, key, _origin(endpoint)) if path is not None else _State()
    reader = _Reader(client, query, since, state, max_pages=max_pages, max_statements=max_statements)
    try:
        reader.run()
    finally:
        if path is not None:
            _save(path, key, state)

    roster = {xapi.pseudonym(name, salt): name for name in [*names, *([trainee] if trainee is not None else [])]}
    account = xapi.pseudonym(trainee, salt) if trainee is not None else None

    def wanted(st: _Statement) -> bool:
        # The filters again: an LRS that ignores one sends more than was asked for.
        if account is not None and (st.home, st.account) != (base, account):
            return False
        if scenario is not None and (st.home, st.scenario) != (base, scenario):
            return False
        return since is None or st.stored is None or st.stored > since

    attempts = _attempts(filter(wanted, state.statements.values()), roster)
    return Read(attempts, len(state.statements) + reader.skipped, reader.pages, reader.complete, reader.skipped, reader.resume)
