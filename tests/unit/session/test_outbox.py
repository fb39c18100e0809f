"""The xAPI outbox in the history: one queue per LRS endpoint, rows that name a
statement by session and position, and the move from the schema 4 outbox (one
queue for every LRS, the statements themselves stored)."""

from __future__ import annotations

import json
import sqlite3

from sim.reports import xapi
from sim.session import history
from sim.session.history import OutboxCounts, Store
from tests.cli_run import cli
from tests.history_helpers import ALONE, GOOD, record
from tests.unit.reports.test_lrs import Lrs

A = "https://a.example.org/xapi/statements"
B = "https://b.example.org/xapi/statements"


def test_each_endpoint_has_its_own_queue(sample_library):
    sid = record(sample_library, GOOD)
    with Store() as store:
        rows = [(st["id"], sid, i, "") for i, st in enumerate(xapi.statements(store.session(sid)))]
        assert store.enqueue_statements(A, rows) == len(rows)
        assert store.enqueue_statements(A, rows) == 0
        assert store.enqueue_statements(B, rows) == len(rows)
        store.mark_sent(A, [rows[0][0]])
        store.mark_failed(B, [rows[0][0]], "connection refused")
        assert store.outbox_counts(A) == OutboxCounts(pending=len(rows) - 1, skipped=0, sent=1, dropped=0)
        assert store.outbox_counts(B).pending == len(rows)
        assert [r.id for r in store.pending_statements(B, limit=2)] == [rows[0][0], rows[1][0]]
        first = store.pending_statements(B)[0]
        assert (first.attempts, first.last_error, first.position, first.session_id) == (1, "connection refused", 0, sid)
        assert [r.id for r in store.pending_statements(B, after=first.rowid)] == [r[0] for r in rows[1:]]

        assert store.skip_statements(B, [rows[1][0]]) == 1
        assert store.skip_statements(B, [rows[1][0]]) == 0  # already aside
        assert rows[1][0] not in [r.id for r in store.pending_statements(B)]
        assert store.outbox_counts(B) == OutboxCounts(pending=len(rows) - 1, skipped=1, sent=0, dropped=0)
        assert store.drop_statements(B, [rows[1][0], rows[2][0]]) == 2
        assert store.enqueue_statements(B, rows) == 0  # dropped ones are not queued again
        assert store.outbox_counts(B) == OutboxCounts(pending=len(rows) - 2, skipped=0, sent=0, dropped=2)
        assert store.find_queued(B, rows[3][0][:6].upper()) == [store.queued_statements(B)[1]]
        assert store.outbox_endpoints() == [A, B]


def test_the_schema_4_outbox_moves_to_the_next_endpoint_named(sample_library, capsys, _isolated_home):
    # A history from before: the statements stored, one queue for every LRS.
    good = record(sample_library, GOOD)
    alone = record(sample_library, ALONE, started="2024-05-02T10:00:00+00:00")
    with Store() as store:
        statements = [(sid, i, st) for sid in (good, alone) for i, st in enumerate(xapi.statements(store.session(sid)))]
    db = sqlite3.connect(_isolated_home / history.DB_NAME, isolation_level=None)
    db.execute("DROP TABLE xapi_outbox")
    for sql in history._V3:
        db.execute(sql)
    db.executemany(
        "INSERT INTO xapi_outbox (id, session_id, position, statement, queued, sent, attempts, last_error) VALUES (?,?,?,?,?,?,?,?)",
        [
            (st["id"], sid, i, json.dumps(st), "2024-06-01T00:00:00+00:00", "2024-06-01T00:00:01+00:00" if sid == good else None,
             1 if sid == alone else 0, "connection refused" if sid == alone else None)
            for sid, i, st in statements
        ],
    )  # fmt: skip
    db.execute("INSERT INTO xapi_outbox (id, session_id, position, statement, queued) VALUES ('x', 's', 0, 'not json', '2024-06-01')")
    db.execute("ALTER TABLE sessions DROP COLUMN time_limits")  # added in version 6
    db.execute("ALTER TABLE sessions DROP COLUMN heard")  # added in version 7
    db.execute("ALTER TABLE sessions DROP COLUMN heard_after")
    db.execute("ALTER TABLE turns DROP COLUMN typed")  # added in version 8
    db.execute("PRAGMA user_version = 4")
    db.close()

    with Store() as store:
        assert store.version() == history.SCHEMA_VERSION == 8
        # Still queued: kept, for whichever LRS the next export names; sent ones: to which LRS is unknown.
        assert store.outbox_endpoints() == [""]
        queued = store.queued_statements("")
        assert [r.id for r in queued[:-1]] == [st["id"] for sid, _, st in statements if sid == alone]
        assert {r.base for r in queued[:-1]} == {xapi.DEFAULT_BASE} and queued[-1].base == ""
        assert {(r.attempts, r.last_error) for r in queued[:-1]} == {(1, "connection refused")}
        assert store.integrity_check() == "ok"
    code, out, _ = cli(capsys, "export", "--xapi", "--status")
    assert code == 1 and out.startswith("queued before sim kept a queue per LRS (the next `sim export --xapi --lrs URL` takes them over): 8 queued")

    with Lrs() as lrs:
        code, _, err = cli(capsys, "export", "--xapi", "--lrs", lrs.url, "--user", "k", "--password", "p")
        # Every statement goes, the ones sent before to an unknown LRS too; the broken row stays queued.
        assert code == 1 and "this statement cannot be built: its session s is no longer in the history" in err
        assert sorted(lrs.held) == sorted(st["id"] for _, _, st in statements)
    with Store() as store:
        assert store.outbox_endpoints() == [lrs.statements_url]
        assert store.outbox_counts(lrs.statements_url) == OutboxCounts(pending=1, skipped=0, sent=len(statements), dropped=0)
