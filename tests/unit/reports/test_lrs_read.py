"""Reading a class's sessions back from an LRS (sim.reports.lrs_read), from an
LRS on 127.0.0.1 that serves real statements: the ones sim.reports.xapi builds
for the sessions of a history. What is read back is what the history says
(cohort.from_history) however the pages come: several, in a loop, pointing
elsewhere, cut short by a bound or an error and resumed, with statements that
are not sim's, or from an LRS that answers `since` by the wrong time.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from sim.content.library import Library
from sim.reports import lrs as lrs_module
from sim.reports import lrs_read, xapi
from sim.reports.cohort import Attempt, aware, from_history
from sim.reports.lrs import LrsError
from sim.reports.lrs_read import Read, read_attempts
from sim.session.history import Store
from tests.history_helpers import ALONE, GOOD, HELP, SHAMING, record

KEY, SECRET = "key", "secret"
ROSTER = ("ann", "bob", "cid", "dan")
STORED = datetime(2025, 1, 1, tzinfo=UTC)  # when the LRS stored the first statement


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("SIM_XAPI_SALT", "SIM_XAPI_BASE", "SIM_LRS_USER", "SIM_LRS_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(lrs_module, "BACKOFF", (0.0, 0.0, 0.0))  # a 5xx is retried without waiting


# --- an LRS serving canned pages --------------------------------------------------------------

Answer = Callable[["Lrs", str, dict[str, str]], "tuple[int, bytes, str] | None"]


class Lrs:
    """An LRS on 127.0.0.1 holding `statements` (each with its `stored`). It answers a
    statements query as xAPI says: `since` by `stored` (or, `since_by_timestamp`, by
    `timestamp` as ralph 5.1 does), oldest first, `page` at a time with a `more` link
    relative to the server. It ignores `agent` and `activity`, so what is read back is
    filtered by sim. `answer` may answer a request first (None: the usual answer)."""

    def __init__(self, statements: list[dict[str, Any]], *, page: int = 10, since_by_timestamp: bool = False, answer: Answer | None = None) -> None:
        self.statements = statements
        self.page = page
        self.since_by_timestamp = since_by_timestamp
        self.answer = answer
        self.requests: list[str] = []  # the path and query of each GET
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                lrs.requests.append(self.path)
                query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query, keep_blank_values=True).items()}
                status, body, kind = (lrs.answer and lrs.answer(lrs, self.path, query)) or lrs.serve(query)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/xapi/"

    def serve(self, query: dict[str, str]) -> tuple[int, bytes, str]:
        rows = sorted(self.statements, key=lambda s: aware(s["stored"]))
        if "since" in query:
            field = "timestamp" if self.since_by_timestamp else "stored"
            rows = [s for s in rows if aware(s[field]) > aware(query["since"])]
        start = int(query.get("start", "0"))
        body: dict[str, Any] = {"statements": rows[start : start + self.page], "more": ""}
        if start + self.page < len(rows):
            body["more"] = "/xapi/statements?" + urlencode({**query, "start": start + self.page})
        return 200, json.dumps(body).encode(), "application/json"

    def first(self, index: int = 0) -> dict[str, str]:
        """The query string of a request, as parameters."""
        return {k: v[0] for k, v in parse_qs(urlsplit(self.requests[index]).query).items()}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture
def lrs_server() -> Iterator[Callable[..., Lrs]]:
    """Starts LRSs (`lrs_server(statements, page=…)`), each shut down after the test."""
    started: list[Lrs] = []

    def start(statements: list[dict[str, Any]], **options: Any) -> Lrs:
        started.append(Lrs(statements, **options))
        return started[-1]

    yield start
    for server in started:
        server.close()


def json_reply(data: object) -> tuple[int, bytes, str]:
    return 200, json.dumps(data).encode(), "application/json"


# --- sessions and their statements ----------------------------------------------------------


def play_class(lib: Library) -> None:
    """Four trainees, five finished sessions; ann's self-ratings kept."""
    record(lib, GOOD, trainee="ann", ratings={"no-shaming": 4, "listen-acknowledge": 5})
    record(lib, ALONE, trainee="bob", started="2024-05-02T10:00:00+00:00")
    record(lib, HELP, trainee="cid", started="2024-05-03T10:00:00+00:00", lang="fi")
    record(lib, SHAMING, trainee="ann", started="2024-05-04T10:00:00+00:00", ratings={"no-shaming": 2})
    record(lib, GOOD, trainee="dan", started="2024-05-05T10:00:00+00:00")


def exported(*, first: datetime = STORED, per_instant: int = 5) -> list[dict[str, Any]]:
    """The statements of every session in the history, oldest session first, as an
    LRS holds them: with `stored` (`per_instant` statements stored at each instant) and an authority."""
    with Store() as store:
        rows = sorted(store.sessions(), key=lambda r: r.started)
        records = [store.session(row.id) for row in rows]
    statements = [st for rec in records if rec is not None for st in xapi.statements(rec)]
    for i, st in enumerate(statements):
        st["stored"] = xapi.timestamp(first + timedelta(seconds=i // per_instant))
        st["authority"] = {"objectType": "Agent", "mbox": "mailto:lrs@example.org"}
        st["version"] = "1.0.0"
    return statements


def history() -> list[Attempt]:
    with Store() as store:
        return from_history(store)


def read(lrs: Lrs, **options: Any) -> Read:
    return read_attempts(lrs.url, user=KEY, password=SECRET, names=ROSTER, **options)


# --- the attempts are the history's --------------------------------------------------------------


def test_paged_statements_give_the_historys_attempts(sample_library: Library, lrs_server: Callable[..., Lrs]) -> None:
    play_class(sample_library)
    statements = exported()
    assert len(statements) == 33
    lrs = lrs_server(statements, page=12)

    result = read(lrs)

    assert result.attempts == history()  # trainee, scenario, started, overall, passed, scores, ratings, moves, title
    assert len(result.attempts) == 5 and {a.trainee for a in result.attempts} == set(ROSTER)
    ann = result.attempts[0]
    assert ann.ratings == {"no-shaming": 4, "listen-acknowledge": 5} and ann.scores["call-help-early"] is None
    assert [(m.node, m.response, m.best) for m in result.attempts[1].moves] == [("opening", "notice", False), ("angry", "argue", False), ("threat", "alone", False)]
    assert (result.pages, result.complete, result.statements, result.skipped, result.resume) == (3, True, 33, 0, None)
    assert lrs.requests[1:] == [f"/xapi/statements?{urlencode({**lrs.first(), 'start': n})}" for n in (12, 24)]


def test_a_trainee_missing_from_the_roster_keeps_their_pseudonym(sample_library: Library, lrs_server: Callable[..., Lrs]) -> None:
    play_class(sample_library)
    lrs = lrs_server(exported())
    result = read_attempts(lrs.url, user=KEY, password=SECRET, names=["ann", "bob", "dan"])
    assert [a.trainee for a in result.attempts] == ["ann", "bob", xapi.pseudonym("cid"), "ann", "dan"]
    salted = read_attempts(lrs.url, user=KEY, password=SECRET, names=ROSTER, salt="another organisation")
    assert "ann" not in {a.trainee for a in salted.attempts}  # the roster's pseudonyms under another salt name nobody


def test_a_session_that_did_not_finish_is_left_out(sample_library: Library, lrs_server: Callable[..., Lrs]) -> None:
    play_class(sample_library)
    statements = exported()
    dan = history()[-1]
    unfinished = [s for s in statements if not (s["context"]["extensions"][f"{xapi.base_iri()}/extensions/session"] == dan.session and s["verb"]["id"].endswith(("completed", "passed", "scored")))]
    assert len(unfinished) == len(statements) - 3
    result = read(lrs_server(unfinished))
    assert result.attempts == history()[:-1]


def test_the_filters_are_in_the_query_and_applied_again_to_what_comes(sample_library: Library, lrs_server: Callable[..., Lrs]) -> None:
    play_class(sample_library)
    lrs = lrs_server(exported())  # answers every statement, whatever the filters say
    result = read(lrs, trainee="ann", scenario="sample", since=datetime(2024, 12, 31, 12, 30, tzinfo=UTC))

    query = lrs.first()
    assert json.loads(query.pop("agent")) == {"objectType": "Agent", "account": {"homePage": xapi.DEFAULT_BASE, "name": xapi.pseudonym("ann")}}
    assert query == {
        "ascending": "true",
        "limit": "500",
        "activity": f"{xapi.DEFAULT_BASE}/scenarios/sample",
        "related_activities": "true",
        "since": "2024-12-31T12:30:00.000Z",
    }
    with Store() as store:
        assert result.attempts == from_history(store, trainee="ann") and len(result.attempts) == 2
    assert read(lrs, scenario="another").attempts == []


def test_another_base_is_asked_for_and_read(sample_library: Library, lrs_server: Callable[..., Lrs], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIM_XAPI_BASE", "https://training.example.fi/sim/")
    play_class(sample_library)
    lrs = lrs_server(exported())
    result = read(lrs, scenario="sample")
    assert lrs.first()["activity"] == "https://training.example.fi/sim/scenarios/sample"
    assert result.attempts == history()
    assert read(lrs, scenario="sample", base=xapi.DEFAULT_BASE).attempts == []  # none was written under the default base


# --- paging: loops, other hosts, bounds -------------------------------------------------------------


def test_a_more_link_that_goes_round_in_a_loop_ends_the_reading(sample_library: Library, lrs_server: Callable[..., Lrs]) -> None:
    play_class(sample_library)
    statements = exported()

    def loop(lrs: Lrs, path: str, query: dict[str, str]) -> tuple[int, bytes, str]:
        page = int(query.get("p", "1"))
        following = 2 if page == 3 else page + 1  # 1 → 2 → 3 → 2 → …
        return json_reply({"statements": statements[(page - 1) * 12 : page * 12], "more": f"/xapi/statements?p={following}"})

    lrs = lrs_server(statements, answer=loop)
    result = read(lrs)
    assert (result.pages, result.complete, result.resume) == (3, False, None)
    assert len(lrs.requests) == 3
    assert result.attempts == history()  # all of it had come before the loop


@pytest.mark.parametrize(
    "more",
    [
        "http://lrs.example.org/xapi/statements?p=2",
        "//lrs.example.org/xapi/statements?p=2",
        "https://127.0.0.1:{port}/xapi/statements?p=2",
        "http://127.0.0.1:{other}/xapi/statements?p=2",
        "ftp://127.0.0.1:{port}/xapi/statements?p=2",
    ],
)
def test_a_more_link_to_another_server_is_refused(more: str, sample_library: Library, lrs_server: Callable[..., Lrs]) -> None:
    play_class(sample_library)
    statements = exported()

    def elsewhere(lrs: Lrs, path: str, query: dict[str, str]) -> tuple[int, bytes, str]:
        port = lrs.server.server_address[1]
        return json_reply({"statements": statements[:10], "more": more.format(port=port, other=port + 1)})

    lrs = lrs_server(statements, answer=elsewhere)
    with pytest.raises(LrsError) as caught:
        read(lrs)
    assert caught.value.key == "err.lrs_read.elsewhere"
    assert caught.value.message_in("fi").startswith("LRS ohjaa lausekkeiden seuraavalle sivulle toiselle palvelimelle")
    assert len(lrs.requests) == 1


def test_a_bound_stops_the_reading_and_the_next_call_goes_on_since_the_last_stored(
    sample_library: Library, lrs_server: Callable[..., Lrs], tmp_path: Path
) -> None:
    play_class(sample_library)
    statements = exported()
    lrs = lrs_server(statements, page=12)
    cache = tmp_path / "cache"

    first = read(lrs, max_statements=12, cache=cache)
    assert (first.pages, first.complete, first.statements) == (1, False, 12)
    assert first.resume is not None and first.resume.endswith("&start=12")
    assert [a.trainee for a in first.attempts] == ["ann", "bob"]  # the first two sessions, without bob's `scored`

    second = read(lrs, cache=cache)
    # Page one ended with statement 11, stored at instant 2 with statements 10–14:
    # asked from just before it, the LRS sends those again and sim keeps each once.
    assert lrs.first(1)["since"] == xapi.timestamp(STORED + timedelta(seconds=2) - timedelta(milliseconds=1))
    assert (second.pages, second.complete, second.statements, second.skipped) == (2, True, 33, 0)
    assert second.attempts == history()

    third = read(lrs, cache=cache)  # nothing new: the statements of the last instant only
    assert lrs.first(3)["since"] == xapi.timestamp(STORED + timedelta(seconds=6) - timedelta(milliseconds=1))
    assert (third.pages, third.complete, third.statements) == (1, True, 33)
    assert third.attempts == history()


def test_max_pages_is_a_bound_too(sample_library: Library, lrs_server: Callable[..., Lrs]) -> None:
    play_class(sample_library)
    lrs = lrs_server(exported(), page=5)
    result = read(lrs, max_pages=2)
    assert (result.pages, result.complete, result.statements) == (2, False, 10)
    assert result.resume is not None and result.resume.endswith("start=10")


def test_an_error_keeps_what_was_read_and_the_next_call_goes_on(sample_library: Library, lrs_server: Callable[..., Lrs], tmp_path: Path) -> None:
    play_class(sample_library)
    statements = exported()
    failing = {"on": True}

    def busy(lrs: Lrs, path: str, query: dict[str, str]) -> tuple[int, bytes, str] | None:
        return (503, b"maintenance", "text/plain") if failing["on"] and query.get("start") == "24" else None

    lrs = lrs_server(statements, page=12, answer=busy)
    with pytest.raises(LrsError) as caught:
        read(lrs, cache=tmp_path)
    assert caught.value.key == "err.lrs.gave_up"
    failing["on"] = False
    asked = len(lrs.requests)
    result = read(lrs, cache=tmp_path)
    assert "since" in lrs.first(asked)  # not from the start again
    assert (result.complete, result.statements) == (True, 33)
    assert result.attempts == history()


# --- an LRS that answers `since` by `timestamp` (ralph 5.1) ----------------------------------------


def test_since_answered_by_timestamp_is_noticed_and_the_lrs_read_in_full(
    sample_library: Library, lrs_server: Callable[..., Lrs], tmp_path: Path
) -> None:
    play_class(sample_library)
    lrs = lrs_server(exported(), since_by_timestamp=True)
    assert read(lrs, cache=tmp_path).attempts == history()

    # A session played long ago and exported only now is stored after the last read, but
    # happened before it: asked `since`, this LRS would leave it out.
    before = {s["id"] for s in lrs.statements}
    record(sample_library, ALONE, trainee="bob", started="2024-04-01T10:00:00+00:00")
    lrs.statements += [s for s in exported(first=STORED + timedelta(days=1)) if s["id"] not in before]
    asked = len(lrs.requests)
    result = read(lrs, cache=tmp_path)
    assert "since" in lrs.first(asked) and "since" not in lrs.first(asked + 1)
    assert (result.complete, len(result.attempts)) == (True, 6)
    assert result.attempts == history()

    asked = len(lrs.requests)
    assert read(lrs, cache=tmp_path).attempts == history()
    assert all("since" not in lrs.first(i) for i in range(asked, len(lrs.requests)))  # not asked again


def test_a_link_kept_from_a_bounded_read_that_no_longer_works_starts_the_read_again(
    sample_library: Library, lrs_server: Callable[..., Lrs], tmp_path: Path
) -> None:
    play_class(sample_library)
    expired = {"on": False}

    def newest_first(lrs: Lrs, path: str, query: dict[str, str]) -> tuple[int, bytes, str] | None:
        if expired["on"] and "start" in query:
            return 400, b'{"message": "unknown or expired cursor"}', "application/json"
        status, body, kind = lrs.serve(query)
        page = json.loads(body)
        page["statements"].reverse()  # each page newest first, as ralph 5.1 sends them with ascending=true
        return status, json.dumps(page).encode(), kind

    lrs = lrs_server(exported(), answer=newest_first)
    first = read(lrs, max_pages=1, cache=tmp_path)
    assert first.complete is False
    expired["on"] = True
    asked = len(lrs.requests)
    # The pages were not in `stored` order, so `since` cannot go on: the link can; it fails, and the read starts over.
    with pytest.raises(LrsError):
        read(lrs, cache=tmp_path)  # the new read's own second page fails too
    assert lrs.first(asked).get("start") == "10" and "start" not in lrs.first(asked + 1)
    expired["on"] = False
    assert read(lrs, cache=tmp_path).attempts == history()


# --- untrusted answers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "key"),
    [
        ((200, b"Hello from the proxy", "text/plain"), "err.lrs_read.not_json"),
        ((200, b"<!doctype html><title>Log in</title>", "text/html"), "err.lrs_read.page"),
        ((200, b'{"statements": {"id": 1}}', "application/json"), "err.lrs_read.not_statements"),
        ((200, b'[{"id": "x"}]', "application/json"), "err.lrs_read.not_statements"),
        ((200, b'{"statements": [], "more": 7}', "application/json"), "err.lrs_read.not_statements"),
        ((200, b"[" * 100_000, "application/json"), "err.lrs_read.not_json"),
    ],
)
def test_an_answer_that_is_not_a_page_of_statements_stops_with_its_reason(
    reply: tuple[int, bytes, str], key: str, lrs_server: Callable[..., Lrs]
) -> None:
    lrs = lrs_server([], answer=lambda lrs, path, query: reply)
    with pytest.raises(LrsError) as caught:
        read(lrs)
    assert caught.value.key == key and caught.value.hint_key == "err.lrs_read.not_lrs_hint"
    assert caught.value.where == lrs.url + "statements"
    assert caught.value.message_in("fi") != caught.value.message and caught.value.hint_in("fi")


def test_statements_that_are_not_sims_are_counted_and_left_out(sample_library: Library, lrs_server: Callable[..., Lrs]) -> None:
    play_class(sample_library)
    statements = exported()
    base = xapi.DEFAULT_BASE
    responded = next(s for s in statements if s["verb"]["id"].endswith("responded"))
    completed = next(s for s in statements if s["verb"]["id"].endswith("completed"))

    def copy(statement: dict[str, Any], n: int, change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
        out: dict[str, Any] = json.loads(json.dumps(statement))
        out["id"] = f"00000000-0000-4000-8000-{n:012d}"
        change(out)
        return out

    broken: list[object] = [
        "not a statement",
        None,
        {"id": "00000000-0000-4000-8000-000000000099", "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"}},  # another app's
        copy(responded, 1, lambda s: s["result"]["extensions"].update({f"{base}/extensions/turn": "two"})),
        copy(responded, 2, lambda s: s["result"].update({"response": "x" * 10_000})),
        copy(responded, 3, lambda s: s["object"].update({"id": f"{base}/scenarios/sample/elsewhere"})),
        copy(completed, 4, lambda s: s["result"]["score"].update({"raw": 250})),
        copy(completed, 5, lambda s: s["context"]["extensions"].update({f"{base}/principles/no-shaming": True})),
        copy(completed, 6, lambda s: s["context"]["extensions"].update({f"{base}/extensions/self-ratings": {"no-shaming": 9}})),
        copy(completed, 7, lambda s: s["context"].update({"registration": "not-a-uuid"})),
        copy(completed, 8, lambda s: s.update({"timestamp": "yesterday"})),
        copy(completed, 9, lambda s: s["actor"].update({"account": {"homePage": "https://elsewhere.invalid", "name": "x"}})),
        copy(completed, 10, lambda s: s.update({"id": "completed-4"})),
    ]
    lrs = lrs_server([], answer=lambda lrs, path, query: json_reply({"statements": statements[:20] + broken + statements[20:]}))
    result = read(lrs)
    assert (result.skipped, result.statements, result.complete) == (len(broken), 33 + len(broken), True)
    assert result.attempts == history()


def test_terminal_controls_in_what_the_lrs_sends_are_made_harmless(sample_library: Library, lrs_server: Callable[..., Lrs]) -> None:
    record(sample_library, GOOD, trainee="ann")
    statements = exported()
    for st in statements:
        definition = st["object"].get("definition", {})
        if "name" in definition and st["verb"]["id"].endswith("completed"):
            definition["name"] = {"en": "Sample\x1b[2J\u202e"}
    result = read(lrs_server(statements))
    assert result.attempts[0].title == "Sample\u241b[2J"


def test_a_page_larger_than_a_delivery_answer_is_read(sample_library: Library, lrs_server: Callable[..., Lrs]) -> None:
    play_class(sample_library)
    statements = exported()
    padding = {"id": "00000000-0000-4000-8000-000000000001", "stored": statements[0]["stored"], "note": "x" * (3 << 20)}
    lrs = lrs_server([*statements, padding], page=100)
    result = read(lrs)
    assert (result.skipped, result.attempts) == (1, history())


# --- the cache ----------------------------------------------------------------------------------------


def cache_file(folder: Path) -> Path:
    files = list(folder.glob("*.jsonl"))
    assert len(files) == 1
    return files[0]


def test_the_cache_keeps_only_what_the_reading_needs_and_is_enough_alone(
    sample_library: Library, lrs_server: Callable[..., Lrs], tmp_path: Path
) -> None:
    play_class(sample_library)
    lrs = lrs_server(exported())
    read(lrs, cache=tmp_path)
    lines = cache_file(tmp_path).read_text().splitlines()
    head = json.loads(lines[0])
    assert head["format"] == lrs_read.CACHE_FORMAT and head["key"]["url"] == lrs.url + "statements" and head["more"] is None
    assert len(lines) == 34 and "description" not in lines[2] and "state-before" not in lines[2]

    lrs.statements = []  # an LRS that lost everything: the cache still has the class
    result = read(lrs, cache=tmp_path)
    assert result.attempts == history() and result.statements == 33


@pytest.mark.parametrize("damage", ["garbage", "foreign", "too large", "bad statement", "link elsewhere"])
def test_a_damaged_or_foreign_cache_is_ignored_and_written_again(
    damage: str, sample_library: Library, lrs_server: Callable[..., Lrs], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    play_class(sample_library)
    lrs = lrs_server(exported())
    read(lrs, cache=tmp_path)
    path = cache_file(tmp_path)
    lines = path.read_text().splitlines()
    head = json.loads(lines[0])
    if damage == "garbage":
        path.write_bytes(b"\x00\xff" * 100)
    elif damage == "foreign":
        path.write_text("\n".join([json.dumps({**head, "key": {**head["key"], "url": "http://other.example/xapi/statements"}}), *lines[1:]]))
    elif damage == "too large":
        monkeypatch.setattr(lrs_read, "MAX_CACHE", 1000)
    elif damage == "bad statement":
        path.write_text("\n".join([*lines, '{"id": "not ours"}']))
    else:  # a link in the cache must not send the credentials to another server
        path.write_text("\n".join([json.dumps({**head, "more": "http://attacker.example/xapi/statements?p=2", "going": head["done"]}), *lines[1:]]))
    asked = len(lrs.requests)
    result = read(lrs, cache=tmp_path)
    assert "since" not in lrs.first(asked)  # read from the start
    assert result.attempts == history() and result.statements == 33
    monkeypatch.undo()
    assert json.loads(cache_file(tmp_path).read_text().splitlines()[0])["format"] == lrs_read.CACHE_FORMAT


def test_each_query_has_its_own_cache(sample_library: Library, lrs_server: Callable[..., Lrs], tmp_path: Path) -> None:
    play_class(sample_library)
    lrs = lrs_server(exported())
    read(lrs, cache=tmp_path)
    read(lrs, cache=tmp_path, trainee="ann")
    asked = len(lrs.requests)
    assert read(lrs, cache=tmp_path, trainee="ann").pages == 1
    assert len(list(tmp_path.glob("*.jsonl"))) == 2
    assert "since" in lrs.first(asked)


def test_bounds_below_one_are_a_mistake() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        read_attempts("http://127.0.0.1:9/xapi/", user=KEY, password=SECRET, max_pages=0)
