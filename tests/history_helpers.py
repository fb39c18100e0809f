"""Playing sample sessions into the history, for the store, report and export tests."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from sim.core.engine import Session
from sim.core.scoring import score
from tests.conftest import ROOT

SAMPLE_DIR = ROOT / "tests" / "data" / "sample"
SAMPLE_FILE = SAMPLE_DIR / "sample.yaml"

GOOD = ["acknowledge", "file"]  # resolved, every goal met
SHAMING = ["notice", "sorry", "file"]  # resolved after a shaming start
ALONE = ["notice", "argue", "alone"]  # escalated, the critical miss
HELP = ["notice", "argue", "help"]  # help called, one turn late


def play(lib, actions: list[str], seed: int = 0) -> Session:
    loaded = lib.scenario("sample")
    scenario = loaded.scenario
    critical = frozenset(pid for pid, p in lib.principles.items() if p.critical)
    return Session.replay(scenario, lib.profile_for(scenario), seed, actions, critical)


def record(lib, actions: list[str], *, trainee: str = "ann", started: str = "2024-05-01T10:00:00+00:00", ended: str | None = None,
           ratings: dict[str, int] | None = None, reflections: dict[str, str] | None = None, session_id: str | None = None,
           db: Path | None = None, durations: list[int | None] | None = None, lang: str = "en") -> str:  # fmt: skip
    from sim.session import history
    session = play(lib, actions)
    return history.record_session(
        session,
        score(session),
        db=db,
        trainee=trainee,
        mode="practice",
        lang=lang,
        started=started,
        ended=ended or started.replace("10:00:00", "10:05:00"),
        self_assessment={"ratings": ratings or {}, "reflections": reflections or {}},
        durations_ms=durations if durations is not None else [1500] * len(actions),
        session_id=session_id,
        scenario_path=str(SAMPLE_FILE),
    )


def write_journal(lib, actions: list[str], *, finished: bool = True, trainee: str = "", scenario_path: str | None = None,
                  scenario_id: str = "sample", content_hash: str | None = None) -> str:  # fmt: skip
    from sim.session import journal
    loaded = lib.scenario("sample")
    j = journal.Journal.start(
        scenario_id=scenario_id,
        scenario_path=str(SAMPLE_FILE) if scenario_path is None else scenario_path,
        content_hash=loaded.scenario.content_hash if content_hash is None else content_hash,
        seed=0,
        mode="assessment",
        lang="en",
        trainee=trainee,
    )
    for i, action in enumerate(actions, start=1):
        j.record(i, action, "x", 1000 * i)
    if finished:
        j.finish("resolved", {"ratings": {"no-shaming": 4}, "reflections": {"What went well?": "stayed calm"}}, 50)
    return j.session_id


def sim_process(*args: Any, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sim", *map(str, args)], capture_output=True, text=True, env=env, timeout=timeout, cwd=ROOT)


def load_json(text: str) -> Any:
    return json.loads(text)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make `folder` unwritable even for root (who ignores permission bits):
    mode 0500 for others, the immutable attribute for root."""
    import os
    import shutil

    if os.geteuid() != 0:
        folder.chmod(0o500)
        try:
            yield
        finally:
            folder.chmod(0o700)
        return
    chattr = shutil.which("chattr")
    proc = subprocess.run([chattr, "+i", str(folder)], capture_output=True, text=True) if chattr else None
    if proc is None or proc.returncode != 0:
        pytest.skip(f"running as root and cannot make a folder immutable here: {proc.stderr.strip() if proc else 'no chattr'}")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(folder)], check=True)
