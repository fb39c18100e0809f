"""`sim export --xapi --lrs` against a real LRS: ralph (ralph-malph, the test
extra's xAPI validator) run as a server on 127.0.0.1 with its file-system backend
(tests/ralph.py).

Two of them, for the second LRS an organisation moves to: each gets every
statement exactly once; sending again sends nothing, and a delivery whose
answer was lost is recognised (ralph answers 204 for statements it holds, and
shows them when asked); a salt set between exports is in what is sent after
it; a statement ralph holds differently stays queued without stalling the others.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from sim.content.library import Library
from sim.reports import xapi
from sim.reports.lrs import same_statement, statements_url
from sim.session.history import OutboxCounts, Store
from tests.cli_run import cli
from tests.history_helpers import ALONE, GOOD, HELP, record
from tests.ralph import KEY, SECRET, Ralph


@pytest.fixture(scope="module")
def ralphs(ralph_lrs_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Ralph, Ralph]]:
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
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    for var in ("SIM_XAPI_SALT", "SIM_XAPI_BASE", "SIM_LRS_USER", "SIM_LRS_PASSWORD"):
        monkeypatch.delenv(var, raising=False)


def send(capsys: pytest.CaptureFixture[str], url: str, *extra: str) -> tuple[int, str, str]:
    return cli(capsys, "export", "--xapi", "--lrs", url, "--user", KEY, "--password", SECRET, *extra)


def built(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    code, out, _ = cli(capsys, "export", "--xapi")
    assert code == 0
    statements: list[dict[str, Any]] = json.loads(out)
    return statements


def held(server: Ralph, ids: list[str]) -> Counter[str]:
    """How many times the LRS holds each of `ids`."""
    wanted = set(ids)
    return Counter(s["id"] for s in server.statements() if s["id"] in wanted)


def test_sent_once_and_not_again_even_when_the_answer_was_lost(ralphs: tuple[Ralph, Ralph], sample_library: Library, capsys: pytest.CaptureFixture[str]) -> None:
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


def test_two_lrss_each_get_every_statement_once(ralphs: tuple[Ralph, Ralph], sample_library: Library, capsys: pytest.CaptureFixture[str]) -> None:
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


def test_a_salt_set_between_exports_is_in_what_is_sent_after_it(ralphs: tuple[Ralph, Ralph], sample_library: Library, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
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


def test_a_statement_the_lrs_holds_differently_does_not_stall_the_others(ralphs: tuple[Ralph, Ralph], sample_library: Library, capsys: pytest.CaptureFixture[str]) -> None:
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
