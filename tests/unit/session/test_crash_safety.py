"""Journal and history survive `kill -9` at any point: after every kill the
files are readable and at most the turn in progress is lost."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from sim.session import journal
from sim.session.history import DB_NAME
from tests.conftest import ROOT

REPO = ROOT

# The child plays sessions of the sample scenario as fast as it can, journalling
# every turn and recording every finished session, and prints what is durable.
CHILD = r"""
import sys
from sim.core.engine import Session
from sim.session.history import Store
from sim.session.journal import Journal, new_seed
from sim.content.library import load_library
from sim.core.scoring import score
from datetime import datetime, timezone

from pathlib import Path
lib = load_library([Path(sys.argv[1])])
ls = lib.scenario("sample")
paths = [["acknowledge", "file"], ["notice", "sorry", "file"], ["notice", "argue", "alone"], ["help"]]
store = Store()
n = 0
while True:
    actions = paths[n % len(paths)]
    n += 1
    j = Journal.start(scenario_id="sample", scenario_path=str(ls.path), content_hash=ls.scenario.content_hash, seed=n, mode="practice", lang="en")
    s = Session(ls.scenario, lib.profile_for(ls.scenario), n)
    started = datetime.now(timezone.utc)
    for k, action in enumerate(actions, 1):
        turn = s.act(action)
        j.record(turn.number, action, turn.node, 1)
        print(f"turn {j.session_id} {k}", flush=True)
    result = score(s)
    j.finish(s.ending.value, None, result.overall)
    store.record_session(s, result, trainee="t", mode="practice", lang="en", started=started, ended=datetime.now(timezone.utc), self_assessment=None, durations_ms=[1] * len(actions), session_id=j.session_id, scenario_path=str(ls.path))
    print(f"stored {j.session_id}", flush=True)
"""


def test_kill_9_at_random_points_loses_at_most_the_turn_in_progress(tmp_path: Path):
    home = tmp_path / "home"
    env = {**os.environ, "SIM_HOME": str(home), "PYTHONPATH": str(REPO)}
    rng = random.Random(2026)
    durable: dict[str, int] = {}
    stored: set[str] = set()
    for _ in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(REPO / "tests" / "data" / "sample")],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        # Kill somewhere between the first turn and a few dozen sessions in,
        # counted in the child's progress, not in seconds: a loaded machine
        # gets as far as an idle one. The child goes on working while we
        # read, so the kill still lands at an unplanned point.
        assert proc.stdout is not None
        lines = []
        for _ in range(rng.randint(1, 150)):
            line = proc.stdout.readline()
            if not line:
                break  # the child died on its own: the checks below say why it matters
            lines.append(line)
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=60)
        for line in [*lines, *rest.splitlines()]:
            parts = line.split()
            if parts[:1] == ["turn"] and len(parts) == 3:
                durable[parts[1]] = max(durable.get(parts[1], 0), int(parts[2]))
            elif parts[:1] == ["stored"] and len(parts) == 2:
                stored.add(parts[1])

        # Every journal is readable; every turn reported done is on disk.
        infos = {}
        for path in (home / "journals").glob("*.jsonl"):
            info = journal.read(path)
            infos[info.session_id] = info
        for session_id, turns in durable.items():
            assert len(infos[session_id].actions) >= turns, session_id
        journal.interrupted()  # must not raise, whatever was cut short

        # The store is intact and holds every session reported stored.
        if not (home / DB_NAME).exists():
            assert not stored  # killed before the first session was recorded
            continue
        with sqlite3.connect(home / DB_NAME) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            ids = {row[0] for row in db.execute("SELECT id FROM sessions")}
        assert stored <= ids
    assert len(stored) > 0 and len(durable) > len(stored)
