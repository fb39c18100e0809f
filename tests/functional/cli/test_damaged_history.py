"""A history database whose values have the wrong types (another program, a
disk fault): every command names the bad row and goes on, exit 2 at worst,
never a crash."""

from __future__ import annotations

import sqlite3

import pytest

from sim.session import history
from tests.cli_run import cli
from tests.history_helpers import GOOD, SHAMING, record


@pytest.fixture
def two_sessions(sample_library):
    good = record(sample_library, GOOD, started="2024-05-01T10:00:00+00:00")
    other = record(sample_library, SHAMING, started="2024-05-02T10:00:00+00:00")
    return good, other


def damage(sql: str, *params: object) -> None:
    with sqlite3.connect(history.db_path()) as db:
        db.execute(sql, params)


@pytest.mark.parametrize(
    ("sql", "column"),
    [
        ("UPDATE sessions SET seed = 'seven' WHERE id = ?", "seed"),
        ("UPDATE sessions SET title = '[1, 2]' WHERE id = ?", "title"),
        ("UPDATE sessions SET actions = '{not json' WHERE id = ?", "actions"),
        ("UPDATE sessions SET overall = 1e400 WHERE id = ?", "overall"),
        ("UPDATE sessions SET started = x'00ff' WHERE id = ?", "started"),
    ],
)
def test_a_damaged_session_row_is_named_and_skipped_by_history(capsys, two_sessions, sql, column):
    good, other = two_sessions
    damage(sql, good)
    code, out, err = cli(capsys, "history", "--json")
    assert code == 0
    assert f"(sessions, id '{good}')" in err and f"column {column}" in err
    assert "a damaged value was skipped" in err
    import json

    assert [s["id"] for s in json.loads(out)["sessions"]] == [other]


@pytest.mark.parametrize(
    ("sql", "table", "column"),
    [
        ("UPDATE turns SET offered = '[1]' WHERE session_id = ?", "turns", "offered"),
        ("UPDATE turns SET state_after = '{\"tension\": \"high\"}' WHERE session_id = ?", "turns", "state_after"),
        ("UPDATE reflections SET answer = x'00ff' WHERE session_id = ?", "reflections", "answer"),  # TEXT affinity keeps a blob
        ("UPDATE principle_scores SET score = 'x' WHERE session_id = ?", "principle_scores", "score"),
    ],
)
def test_a_report_of_a_damaged_session_is_refused_with_its_row_and_column(capsys, sample_library, sql, table, column):
    sid = record(sample_library, GOOD, reflections={"What went well?": "listened"})
    damage(sql, sid)
    code, _, err = cli(capsys, "report", sid)
    assert code == 2
    assert f"({table}, id '{sid}')" in err and f"column {column}" in err


def test_damaged_scores_leave_out_only_their_point_in_the_progress(capsys, sample_library, two_sessions):
    good, other = two_sessions
    damage("UPDATE principle_scores SET score = 'x' WHERE session_id = ?", good)
    code, out, err = cli(capsys, "history", "--json")
    assert code == 0 and f"session '{good}'" in err
