"""Journal durability and replay; the Markdown report and its atomic write."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sim.core.engine import Session
from sim.core.scoring import score
from sim.files import write_file
from sim.reports.data import report_data
from sim.reports.markdown import markdown
from sim.session import journal
from sim.session.play import default_report_path


def _start(**kw):
    args = {"scenario_id": "sample", "scenario_path": "tests/data/sample/sample.yaml", "content_hash": "abc", "seed": 5, "mode": "practice", "lang": "en"}
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


def test_sessions_started_in_one_second_keep_their_order(_isolated_home):
    # Journals sort by name; with a one-second stamp and a random suffix, the
    # newest of several sessions started in the same second was a coin toss.
    started = [_start(seed=n) for n in range(20)]
    for j in started:
        j.record(1, "acknowledge", "opening")
    assert [info.seed for info in journal.interrupted()] == list(range(19, -1, -1))
    assert [p.name for p in journal.paths()] == [j.path.name for j in started]


def test_journals_named_before_microseconds_are_still_read_in_order(_isolated_home):
    new = _start(seed=2)
    new.record(1, "acknowledge", "opening")
    stamp = new.session_id.split(".")[0]  # the same second, old style
    old = journal.Journal(_isolated_home / "journals" / f"{stamp}-ffffff.jsonl", f"{stamp}-ffffff")
    old._append({"v": 1, "session": old.session_id, "scenario": "sample", "hash": "abc", "seed": 1})
    old.record(1, "acknowledge", "opening")
    earlier = journal.Journal(_isolated_home / "journals" / "20000101T000000-000000.jsonl", "20000101T000000-000000")
    earlier._append({"v": 1, "session": earlier.session_id, "scenario": "sample", "hash": "abc", "seed": 0})
    earlier.record(1, "acknowledge", "opening")
    # An old name counts as the start of its second: before any session stamped later in it.
    assert [info.seed for info in journal.interrupted()] == [2, 1, 0]


def test_markdown_report(sample_library, sample, sample_profile):
    s = Session.replay(sample, sample_profile, 0, ["notice", "argue", "alone"])
    text = markdown(report_data(s, score(s), sample_library, "en", {"ratings": {"no-shaming": 4}, "reflections": {"What went well?": "I *stayed* calm"}}))
    assert text.startswith("# Sample")
    assert "## Critical misses" in text and "Turn 2: Call for help early" in text
    assert "| No shaming (goal) | 0 | 4/5 | +75 | 0/4 |" in text
    assert "better: “Three visits and no answer - let's look at it together.”" in text
    assert r"I \*stayed\* calm" in text


def test_write_atomic_replaces_whole_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "r" / "report.md"
    write_file(target, "old", parents=True)
    real_replace = os.replace

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_file(target, "new")
    monkeypatch.setattr(os, "replace", real_replace)
    assert target.read_text() == "old"
    assert [p.name for p in target.parent.iterdir()] == ["report.md"]  # no temp file left behind
    assert default_report_path("x").name == "x.md"


def test_a_journal_file_never_exists_without_its_header(monkeypatch):
    # A kill during start must leave no journal rather than an empty one:
    # the header is written to a temporary file and moved into place.
    def boom(src, dst):
        raise OSError("killed")

    with monkeypatch.context() as m:
        m.setattr(os, "replace", boom)
        with pytest.raises(journal.JournalError, match="cannot write the journal"):
            _start()
    folder = journal.journals_dir()
    assert list(folder.iterdir()) == []
    j = _start()
    assert journal.read(j.path).scenario_id == "sample"


def test_each_journal_is_parsed_once_until_it_changes(monkeypatch):
    first, second = _start(seed=1), _start(seed=2)
    first.record(1, "notice", "opening")
    second.record(1, "notice", "opening")
    parsed: list[str] = []
    real_read = journal.read
    monkeypatch.setattr(journal, "read", lambda path: parsed.append(path.name) or real_read(path))
    journal.interrupted(), journal.last_results(), journal.interrupted()
    assert sorted(parsed) == sorted([first.path.name, second.path.name])  # start-up asks three times, reads once
    parsed.clear()
    second.record(2, "sorry", "angry")  # a journal that grew is read again; the other is not
    assert [i.actions for i in journal.interrupted()] == [["notice", "sorry"], ["notice"]]
    assert parsed == [second.path.name]
    first.path.unlink()  # a deleted journal is gone from the answers
    assert [i.seed for i in journal.interrupted()] == [2]
