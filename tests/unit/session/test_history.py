"""The history store: round trip, migrations, concurrent writers, journal
import, unusable data folders, and the `sim history` command."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time

import pytest

from sim.session import history
from sim.session.history import SCHEMA_VERSION, Store, StoreError
from tests.cli_run import cli
from tests.history_helpers import (
    ALONE,
    GOOD,
    HELP,
    ROOT,
    SAMPLE_DIR,
    SHAMING,
    play,
    read_only,
    record,
    write_journal,
)

# --- round trip ------------------------------------------------------------------


def test_round_trip_keeps_everything(sample_library, _isolated_home):
    sid = record(
        sample_library,
        ALONE,
        ratings={"no-shaming": 4, "listen-acknowledge": 2},
        reflections={"What went well?": "I stayed calm", "What would you do differently?": ""},
        durations=[1200, 3400, None],
        session_id="s-1",
    )
    assert sid == "s-1"
    assert (_isolated_home / history.DB_NAME).is_file()
    rec = history.session("s-1")
    assert rec is not None
    row = rec.row
    assert (row.trainee, row.scenario_id, row.seed, row.mode, row.lang) == ("ann", "sample", 0, "practice", "en")
    assert row.scenario_path == str(SAMPLE_DIR / "sample.yaml")
    assert row.content_hash == sample_library.scenario("sample").scenario.content_hash
    assert row.title == {"fi": "Esimerkki", "en": "Sample"}
    assert (row.started, row.ended) == ("2024-05-01T10:00:00+00:00", "2024-05-01T10:05:00+00:00")
    assert (row.ending, row.success, row.overall, row.grade) == ("escalated", False, 0, "needs practice")
    assert row.actions == tuple(ALONE)
    assert [(p.principle, p.goal, p.score, p.earned, p.possible) for p in rec.principles] == [
        ("listen-acknowledge", True, 0, 0, 3),  # not at the threat: its one option against a key that says nothing of listening
        ("no-shaming", True, 0, 0, 4),
        ("call-help-early", True, 0, 0, 4),
    ]
    assert [(m.turn, m.principle) for m in rec.misses] == [(2, "call-help-early")]
    assert [(t.number, t.node, t.action, t.choice_id, t.ms) for t in rec.turns] == [
        (1, "opening", "choice", "notice", 1200),
        (2, "angry", "choice", "argue", 3400),
        (3, "threat", "choice", "alone", None),
    ]
    first = rec.turns[0]
    assert first.state_before == {"tension": 50, "trust": 30, "turn": 0}
    assert first.state_after["tension"] == 80 and first.deltas == {"no-shaming": -2}
    assert [o["id"] for o in first.offered] == ["acknowledge", "notice"] and first.best == "acknowledge"
    assert rec.turns[2].best_responses() == ["help"]
    assert rec.ratings == {"no-shaming": 4, "listen-acknowledge": 2}
    assert rec.reflections == {"What went well?": "I stayed calm"}  # unanswered prompts are not kept
    assert rec.self_assessment == {"ratings": rec.ratings, "reflections": rec.reflections}


def test_recording_the_same_session_twice_keeps_one(sample_library):
    record(sample_library, GOOD, session_id="same")
    record(sample_library, ALONE, session_id="same")  # e.g. the TUI, then the journal import
    [row] = history.sessions()
    assert row.actions == tuple(GOOD)
    with Store() as store:
        assert store.count() == 1
        assert len(store.session("same").turns) == 2


def test_queries_filter_and_order(sample_library):
    record(sample_library, ALONE, trainee="ann", started="2024-05-01T10:00:00+00:00", ratings={"no-shaming": 5})
    record(sample_library, SHAMING, trainee="bob", started="2024-05-02T10:00:00+00:00")
    record(sample_library, GOOD, trainee="ann", started="2024-05-03T10:00:00+00:00", ratings={"no-shaming": 4})
    assert [r.trainee for r in history.sessions()] == ["ann", "bob", "ann"]
    ann = history.sessions(trainee="ann")
    assert [r.actions for r in ann] == [tuple(ALONE), tuple(GOOD)]
    assert [r.id for r in history.sessions(limit=1)] == [ann[-1].id]
    with Store() as store:
        assert store.last_id() == ann[-1].id
        assert store.last_id(trainee="bob") == history.sessions(trainee="bob")[0].id
        assert store.find_ids(ann[0].id) == [ann[0].id]
        assert ann[0].id in store.find_ids(ann[0].id[:-2])
        assert store.find_ids("no-such") == []

    progress = history.progress("ann")
    assert [p.score for p in progress["no-shaming"]] == [0, 100]
    assert [p.score for p in progress["listen-acknowledge"]] == [0, 100]
    assert "call-help-early" in progress  # tested in the first session only
    assert [p.score for p in progress["call-help-early"]] == [0]
    everyone = history.progress()
    assert len(everyone["no-shaming"]) == 3

    calib = history.calibration("ann")
    assert [(c.principle, c.rating, c.self_score, c.score, c.gap) for c in calib] == [
        ("no-shaming", 5, 100, 0, 100),
        ("no-shaming", 4, 75, 100, -25),
    ]


# --- migrations -----------------------------------------------------------------

# The v1 schema as the first release wrote it: written out here, not taken from
# sim.session.history, so that a change to the migrations cannot change the old file.
V1 = """
CREATE TABLE sessions (id TEXT PRIMARY KEY, trainee TEXT NOT NULL, scenario_id TEXT NOT NULL, scenario_path TEXT NOT NULL,
  content_hash TEXT NOT NULL, title TEXT NOT NULL, seed INTEGER NOT NULL, mode TEXT NOT NULL, started TEXT NOT NULL,
  ended TEXT, ending TEXT, success INTEGER NOT NULL, overall INTEGER, uncapped INTEGER, grade TEXT NOT NULL, actions TEXT NOT NULL);
CREATE TABLE principle_scores (session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, principle TEXT NOT NULL,
  goal INTEGER NOT NULL, score INTEGER, earned INTEGER NOT NULL, possible INTEGER NOT NULL, PRIMARY KEY (session_id, principle));
CREATE TABLE critical_misses (session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, turn INTEGER NOT NULL,
  principle TEXT NOT NULL, reason TEXT NOT NULL);
CREATE TABLE turns (session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, number INTEGER NOT NULL, node TEXT NOT NULL,
  action TEXT NOT NULL, choice_id TEXT, state_before TEXT NOT NULL, state_after TEXT NOT NULL, deltas TEXT NOT NULL,
  offered TEXT NOT NULL, best TEXT, ms INTEGER, PRIMARY KEY (session_id, number));
CREATE TABLE self_ratings (session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, principle TEXT NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5), PRIMARY KEY (session_id, principle));
CREATE TABLE reflections (session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, position INTEGER NOT NULL,
  prompt TEXT NOT NULL, answer TEXT NOT NULL, PRIMARY KEY (session_id, position));
INSERT INTO sessions VALUES ('old-1', 'ann', 'sample', '', 'abc', '{"en": "Sample"}', 3, 'practice',
  '2023-01-01T09:00:00+00:00', '2023-01-01T09:04:00+00:00', 'resolved', 1, 100, 100, 'excellent', '["acknowledge", "file"]');
INSERT INTO principle_scores VALUES ('old-1', 'no-shaming', 1, 80, 4, 5);
INSERT INTO self_ratings VALUES ('old-1', 'no-shaming', 3);
INSERT INTO turns VALUES ('old-1', 1, 'opening', 'choice', 'acknowledge', '{"tension": 50}', '{"tension": 35}', '{}',
  '[{"id": "acknowledge", "action": "choice", "say": {"en": "Hi"}, "principles": {}}, {"id": "argue", "action": "choice", "say": {"en": "No"}, "principles": {}}]', 'acknowledge', 900);
PRAGMA user_version = 1;
"""


def test_a_v1_database_is_migrated_in_place(sample_library, _isolated_home, capsys):
    path = _isolated_home / history.DB_NAME
    db = sqlite3.connect(path)
    db.executescript(V1)
    db.close()

    with Store() as store:
        assert store.version() == SCHEMA_VERSION == 8
        columns = [r[1] for r in store._db.execute("PRAGMA table_info(sessions)")]
        assert "lang" in columns and "passed" in columns
        indexes = {r[1] for r in store._db.execute("PRAGMA index_list(sessions)")}
        assert "sessions_by_trainee" in indexes
        assert store._db.execute("SELECT count(*) FROM xapi_outbox").fetchone() == (0,)
        old = store.session("old-1")
        assert old is not None and old.row.lang is None and old.row.overall == 100
        assert old.row.passed is None and old.row.pass_result is old.row.success  # recorded before the grading rules
        assert old.turns[0].best_responses() == ["acknowledge"]  # v1 rows have no worths: the stored best
        assert store.integrity_check() == "ok"
    # The migrated store takes new sessions beside the old one, and reads both.
    record(sample_library, GOOD, started="2024-01-01T09:00:00+00:00")
    assert [p.score for p in history.progress("ann")["no-shaming"]] == [80, 100]
    assert [c.gap for c in history.calibration("ann")] == [50 - 80]
    code, out, _ = cli(capsys, "history", "--json", "--dir", SAMPLE_DIR)
    assert code == 0 and next(s["id"] for s in json.loads(out)["sessions"]) == "old-1"
    # Opening again does not migrate again.
    with Store() as store:
        assert store.version() == 8 and store.count() == 2


def test_a_newer_schema_is_refused_with_a_hint(_isolated_home, capsys):
    db = sqlite3.connect(_isolated_home / history.DB_NAME)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(StoreError) as info:
        Store()
    assert "newer sim" in info.value.message and "upgrade sim" in info.value.hint
    code, _, err = cli(capsys, "history")
    assert code == 2 and "history.sqlite3: the history was written by a newer sim" in err and "hint: upgrade sim" in err


def test_a_foreign_file_is_refused_with_a_hint(_isolated_home, capsys):
    (_isolated_home / history.DB_NAME).write_bytes(b"this is not sqlite, just text " * 100)
    code, _, err = cli(capsys, "history")
    assert code == 2
    assert "not a readable sim history" in err and "hint: move the file aside" in err


# --- two processes at once ---------------------------------------------------------

WRITER = """
import sys, time
from pathlib import Path
from sim.content.library import load_library
from sim.core.engine import Session
from sim.core.scoring import score
from sim.session import history
from tests.conftest import ROOT
name, count, gate = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
lib = load_library([Path(sys.argv[4])])
scenario = lib.scenario("sample").scenario
profile = lib.profile_for(scenario)
paths = [["acknowledge", "file"], ["notice", "sorry", "file"], ["notice", "argue", "help"]]
(gate / f"ready-{name}").touch()
while not (gate / "go").exists():   # start writing together, so the writes really overlap
    time.sleep(0.005)
for i in range(count):
    s = Session.replay(scenario, profile, i, paths[i % 3])
    history.record_session(s, score(s), trainee=name, session_id=f"{name}-{i}", durations_ms=[10] * len(s.turns),
                           self_assessment={"ratings": {"no-shaming": 1 + i % 5}, "reflections": {"q": f"answer {i}"}})
"""


def test_two_processes_writing_at_once_lose_nothing(_isolated_home, tmp_path):
    gate = tmp_path / "gate"
    gate.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SIM_HOME": str(_isolated_home)}
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, name, "50", str(gate), str(SAMPLE_DIR)], env=env, stderr=subprocess.PIPE, text=True)
        for name in ("p1", "p2")
    ]
    deadline = time.monotonic() + 60
    while not all((gate / f"ready-{n}").exists() for n in ("p1", "p2")):
        assert time.monotonic() < deadline, "writers did not start"
        assert all(p.poll() is None for p in procs), [p.communicate()[1] for p in procs]
        time.sleep(0.01)
    (gate / "go").touch()
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    with Store() as store:
        assert store.count() == 100
        assert store.integrity_check() == "ok"
        turns_per_writer = sum((2, 3, 3)[i % 3] for i in range(50))
        assert store._db.execute("SELECT count(*) FROM turns").fetchone()[0] == 2 * turns_per_writer
        assert store._db.execute("SELECT count(*) FROM self_ratings").fetchone()[0] == 100
        assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {r.trainee for r in history.sessions()} == {"p1", "p2"}


# --- importing journals ------------------------------------------------------------


def test_finished_journals_are_imported_once(sample_library):
    done = write_journal(sample_library, SHAMING, trainee="cara")
    write_journal(sample_library, ["notice"], finished=False)  # still being played: not history yet
    result = history.import_journals()
    assert result.imported == [done] and result.skipped == []
    rec = history.session(done)
    assert rec.row.trainee == "cara" and rec.row.mode == "assessment" and rec.row.ending == "resolved"
    assert [t.ms for t in rec.turns] == [1000, 2000, 3000]
    assert rec.ratings == {"no-shaming": 4} and rec.reflections == {"What went well?": "stayed calm"}
    # Idempotent: a second import, or the TUI recording the same id, adds nothing.
    assert history.import_journals().imported == []
    record(sample_library, GOOD, session_id=done)
    assert len(history.sessions()) == 1


def test_a_journal_without_a_trainee_gets_the_default_one(sample_library, monkeypatch):
    monkeypatch.setenv("SIM_TRAINEE", "desk-7")
    sid = write_journal(sample_library, GOOD)
    history.import_journals()
    assert history.session(sid).row.trainee == "desk-7"


def test_unrebuildable_journals_are_skipped_and_reported(sample_library, tmp_path, capsys):
    write_journal(sample_library, GOOD, scenario_path=str(tmp_path / "gone.yaml"), scenario_id="gone")
    sid = write_journal(sample_library, ["acknowledge", "no-such-choice"])
    result = history.import_journals()
    assert result.imported == []
    reasons = dict(result.skipped)
    assert len(reasons) == 2
    assert any("scenario `gone` cannot be found" in why for why in reasons.values())
    assert any("step 2 (`no-such-choice`" in why for why in reasons.values())
    code, out, err = cli(capsys, "history", "--dir", SAMPLE_DIR)
    assert code == 0 and "No sessions yet" in out
    assert "2 finished session(s) could not be added" in err and sid in err


# --- unusable data folders -------------------------------------------------------------


def test_a_read_only_data_folder_is_a_clear_error(_isolated_home, sample_library, capsys):
    with read_only(_isolated_home):
        with pytest.raises(StoreError) as info:
            record(sample_library, GOOD)
        assert "cannot write the session history" in info.value.message
        code, out, err = cli(capsys, "history")
    assert code == 2
    assert err.startswith(f"{_isolated_home / history.DB_NAME}: cannot write the session history")
    assert "hint: make the data folder writable, or set SIM_HOME" in err


def test_an_existing_history_in_a_read_only_folder_is_a_clear_error(_isolated_home, sample_library, capsys):
    record(sample_library, GOOD)
    with read_only(_isolated_home), pytest.raises(StoreError):
        record(sample_library, SHAMING)
    assert len(history.sessions()) == 1


def test_a_data_folder_that_cannot_be_created_is_a_clear_error(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SIM_HOME", str(blocker / "sim"))
    code, _, err = cli(capsys, "history")
    assert code == 2
    assert f"{blocker / 'sim'}: cannot create the data folder" in err and "hint:" in err


def test_a_full_disk_is_a_clear_error_and_leaves_no_half_session(sample_library):
    record(sample_library, GOOD)
    with Store() as store:
        # SQLite's own page limit gives the same SQLITE_FULL error as a full disk.
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")
        session = play(sample_library, ALONE)
        from sim.core.scoring import score

        with pytest.raises(StoreError) as info:
            store.record_session(session, score(session), self_assessment={"reflections": {"q": "x" * 200_000}})
        assert "the disk is full" in info.value.message and "journal" in info.value.hint
        assert store.count() == 1
        assert store._db.execute("SELECT count(*) FROM turns").fetchone()[0] == 2  # nothing of the failed one


# --- the command --------------------------------------------------------------------------


def test_history_command_tables_and_sparklines(sample_library, capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    record(sample_library, ALONE, started="2024-05-01T10:00:00+00:00", ratings={"no-shaming": 5})
    record(sample_library, SHAMING, started="2024-05-02T10:00:00+00:00")
    record(sample_library, GOOD, started="2024-05-03T10:00:00+00:00", ratings={"no-shaming": 4})
    record(sample_library, HELP, trainee="bob", started="2024-05-04T10:00:00+00:00")
    code, out, _ = cli(capsys, "history", "--dir", SAMPLE_DIR)
    assert code == 0
    assert "Sessions" in out and "trainee" in out and "bob" in out
    for word in ("Sample", "escalated", "resolved", "help called", "needs practice", "excellent"):
        assert word in out
    assert "Progress per principle" in out
    line = next(l for l in out.splitlines() if "No shaming" in l)
    # ann 0 → 50 → 100, bob 0 (help late): four points, lowest to highest bar
    assert "▁▄█▁" in line and "+37.5" in line

    code, out, _ = cli(capsys, "history", "--trainee", "ann", "--dir", SAMPLE_DIR)
    assert code == 0 and "bob" not in out and "Sessions of ann" in out
    assert "▁▄█" in next(l for l in out.splitlines() if "No shaming" in l)

    code, out, _ = cli(capsys, "history", "--json", "--trainee", "ann")
    data = json.loads(out)
    assert [s["ending"] for s in data["sessions"]] == ["escalated", "resolved", "resolved"]
    assert [p["score"] for p in data["progress"]["no-shaming"]] == [0, 50, 100]
    assert data["calibration"]["no-shaming"] == {"n": 2, "mean_gap": 37.5}


def test_history_command_with_no_sessions(capsys):
    code, out, err = cli(capsys, "history")
    assert code == 0 and "No sessions yet." in out and err == ""
    code, out, _ = cli(capsys, "history", "--json")
    assert json.loads(out) == {"sessions": [], "progress": {}, "calibration": {}}


def test_history_uses_the_width_columns_gives(sample_library, capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    for day in range(1, 31):  # more sessions than a 100-column trend shows
        record(sample_library, GOOD if day % 2 else SHAMING, started=f"2024-05-{day:02d}T10:00:00+00:00")

    def widest_and_trend(columns: str) -> tuple[int, int]:
        monkeypatch.setenv("COLUMNS", columns)
        code, out, _ = cli(capsys, "history", "--dir", SAMPLE_DIR)
        assert code == 0
        trend = next(l for l in out.splitlines() if "No shaming" in l).split()[-5]
        return max(len(l) for l in out.splitlines()), len(trend)

    assert widest_and_trend("100") == (100, 24)
    widest, points = widest_and_trend("200")
    assert widest == 200 and points == 30  # every session, as they fit


def test_sparkline_scale():
    from sim.reports.trend import sparkline

    assert sparkline([0, 12, 25, 37, 50, 62, 75, 100]) == "▁▁▂▃▄▅▆█"
    assert len(sparkline(list(range(100)))) == 24  # only the newest sessions that fit


# --- import hygiene --------------------------------------------------------------------------

HEADLESS = ["sim.session.history", "sim.session.rebuild", "sim.reports.xapi", "sim.reports.lrs", "sim.reports.data", "sim.reports.html", "sim.reports.summary", "sim.errors"]


@pytest.mark.parametrize("module", HEADLESS)
def test_store_and_export_modules_are_headless(module):
    code = f"import sys, {module}; print(','.join(m for m in ('textual', 'rich') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == ""


def test_the_store_opens_without_the_content_model():
    """`sim history` reads the store without loading pydantic or YAML."""
    code = "import sys, sim.session.history; print(','.join(m for m in ('pydantic', 'yaml', 'sim.core.engine') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == ""


def test_the_cli_entry_stays_light():
    code = "import sys, sim.cli.main; print(','.join(m for m in ('sqlite3', 'sim.session.history', 'urllib.request', 'rich') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == ""
