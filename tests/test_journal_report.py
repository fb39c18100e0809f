"""Journal durability and replay; the Markdown report and its atomic write."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sim import journal
from sim.engine import Session
from sim.report import default_report_path, markdown, write_atomic
from sim.scoring import score


def _start(**kw):
    args = dict(scenario_id="sample", scenario_path="tests/data/sample/sample.yaml", content_hash="abc", seed=5, mode="practice", lang="en")
    args.update(kw)
    return journal.Journal.start(**args)


def test_journal_round_trip_and_replay(sample, sample_profile, _isolated_home):
    j = _start()
    assert j.path.parent == _isolated_home / "journals"
    s = Session(sample, sample_profile, seed=5)
    for action in ("notice", "sorry"):
        turn = s.act(action)
        j.record(turn.number, action, turn.node, 1200)
    [info] = journal.interrupted()
    assert (info.scenario_id, info.seed, info.actions, info.finished) == ("sample", 5, ["notice", "sorry"], False)
    again = Session.replay(sample, sample_profile, info.seed, info.actions)
    assert again.node_id == s.node_id and again.state == s.state
    j.finish("resolved", {"ratings": {"no-shaming": 3}}, 70)
    assert journal.interrupted() == []
    assert journal.last_results()["sample"].overall == 70


def test_torn_last_line_loses_only_the_turn_in_progress():
    j = _start()
    j.record(1, "notice", "opening")
    with j.path.open("a", encoding="utf-8") as fh:
        fh.write('{"turn": 2, "acti')  # killed in the middle of a write
    info = journal.read(j.path)
    assert info.actions == ["notice"] and not info.finished


def test_abandoned_sessions_are_not_offered_again():
    j = _start()
    j.record(1, "notice", "opening")
    j.abandon()
    assert journal.interrupted() == []


def test_unreadable_journals_are_ignored(_isolated_home):
    folder = _isolated_home / "journals"
    folder.mkdir(parents=True)
    (folder / "garbage.jsonl").write_bytes(b"\xff\xfe not json")
    (folder / "list.jsonl").write_text("[1, 2]\n")
    assert journal.interrupted() == []


def test_markdown_report(sample_library, sample, sample_profile):
    s = Session.replay(sample, sample_profile, 0, ["notice", "argue", "alone"])
    text = markdown(s, score(s), sample_library, "en", {"ratings": {"no-shaming": 4}, "reflections": {"What went well?": "I *stayed* calm"}})
    assert text.startswith("# Sample")
    assert "## Critical misses" in text and "Turn 2: Call for help early" in text
    assert "| No shaming (goal) | 0 | 4/5 | +75 | 0/4 |" in text
    assert "better: “Three visits and no answer - let's look at it together.”" in text
    assert r"I \*stayed\* calm" in text


def test_write_atomic_replaces_whole_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "r" / "report.md"
    write_atomic(target, "old")
    real_replace = os.replace

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    monkeypatch.setattr(os, "replace", real_replace)
    assert target.read_text() == "old"
    assert [p.name for p in target.parent.iterdir()] == ["report.md"]  # no temp file left behind
    assert default_report_path("x").name == "x.md"
