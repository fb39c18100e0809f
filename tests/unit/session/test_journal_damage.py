"""A journal survives a full disk and damage: lines are written whole or not
at all, a torn or damaged line never hides the lines after it, and a session
cut short by the disk resumes at its last whole turn and is recorded once."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

import sim.files
from sim.session import history, journal
from sim.session.play import Play
from sim.session.resume import unfinished_of

# The sample scenario's resolved path: notice → sorry → file.
PATH = ["notice", "sorry", "file"]


class FillingDisk:
    """`os.write` on a disk with `room` bytes left: the write that reaches
    the limit lands partly, and every later one fails with ENOSPC."""

    def __init__(self, room: int) -> None:
        self.room = room
        self.real = os.write

    def __call__(self, fd: int, data) -> int:
        if self.room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        part = bytes(data[: self.room])
        self.room -= len(part)
        return self.real(fd, part)


def _play(sample_library):
    return Play.start(sample_library, sample_library.scenario("sample"), mode="practice", lang="en", seed=7, trainee="Tess")


def test_a_disk_that_fills_mid_turn_leaves_the_last_whole_turn_and_the_session_is_recorded_once(sample_library, monkeypatch):
    play = _play(sample_library)
    play.act(PATH[0], 900)
    with monkeypatch.context() as m:
        m.setattr(sim.files.os, "write", FillingDisk(room=9))  # turn 2's line lands torn
        play.act(PATH[1], 800)
        assert play.journal is None and play.journal_error is not None
        said = play.journal_problem("en")
        assert said is not None and "the disk is full" in said and "free some disk space" in said
        assert "levy on täynnä" in (play.journal_problem("fi") or "")
    raw = play.journal_error.where  # the journal's path
    text = Path(raw).read_text(encoding="utf-8")
    assert not text.endswith("\n")  # the torn line is on disk

    info = journal.read(journal.journals_dir() / f"{play.session_id}.jsonl")
    assert info.actions == PATH[:1] and not info.finished
    assert info.damage == []  # a torn last line is the turn in progress, not damage

    # The disk has room again: the trainee resumes at the last whole turn.
    [offer] = unfinished_of("Tess", sample_library, sample_library.scenario("sample"))
    assert offer.resumable
    resumed = offer.play(lang="en", trainee="Tess")
    assert resumed.session.node_id == play.session.turns[0].next
    for action in PATH[1:]:
        resumed.act(action, 500)
    resumed.finish({"ratings": {}, "reflections": {}})
    assert resumed.journal_whole
    resumed.record_history()

    assert resumed.journal is not None
    info = journal.read(resumed.journal.path)
    assert info.actions == PATH and info.finished and info.ending == "resolved"
    # The torn line, no longer last, is named and skipped; it hid nothing.
    assert [d.where.rsplit(":", 1)[1] for d in info.damage] == ["3"]
    assert history.import_journals().imported == []  # already recorded: not again
    assert [r.id for r in history.sessions()] == [play.session_id]
    assert unfinished_of("Tess", sample_library, sample_library.scenario("sample")) == []


def test_a_full_disk_at_the_end_is_said_plainly_and_the_history_still_takes_the_session(sample_library, monkeypatch):
    play = _play(sample_library)
    for action in PATH:
        play.act(action, 100)
    with monkeypatch.context() as m:
        m.setattr(sim.files.os, "write", FillingDisk(room=0))
        play.finish({"ratings": {}, "reflections": {}})  # never raises: the debrief comes next
    assert not play.journal_whole and play.journal_error is not None
    play.record_history()
    # Finished in the history, unfinished in its journal: not offered again.
    assert unfinished_of("Tess", sample_library, sample_library.scenario("sample")) == []


def test_when_nothing_could_be_saved_the_trainee_is_not_promised_a_later_import(sample_library, monkeypatch):
    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as m:
        m.setattr(sim.files.tempfile, "mkstemp", no_space)
        play = _play(sample_library)
    assert play.journal is None and play.journal_error is not None
    for action in PATH:
        play.act(action)
    play.finish(None)
    store_full = history.StoreError.of("history.sqlite", "err.store.full", "err.store.full_hint")
    said = play.history_failure(store_full, "en")
    assert "`sim history` adds it later" not in said and "only record" in said

    ok = _play(sample_library)
    for action in PATH:
        ok.act(action)
    ok.finish(None)
    assert "`sim history` adds it later" in ok.history_failure(store_full, "en")


@pytest.mark.parametrize(
    ("errno_", "words", "hint"),
    [
        (errno.ENOSPC, "the disk is full", "free some disk space"),
        (errno.EDQUOT, "the disk is full", "free some disk space"),
        (errno.EROFS, "read-only", "SIM_HOME"),
        (errno.EACCES, "no permission", "permissions"),
        (errno.EIO, "the disk failed", "check the disk"),
    ],
)
def test_write_failures_are_told_apart(tmp_path, errno_, words, hint):
    error = journal.write_error(tmp_path / "j.jsonl", OSError(errno_, os.strerror(errno_)))
    assert words in error.message_in("en") and hint in (error.hint_in("en") or "")
    assert error.message_in("fi") != error.message_in("en")


def _journal_with(lines: list[object]) -> journal.JournalInfo:
    path = journal.journals_dir()
    path.mkdir(parents=True, exist_ok=True)
    file = path / "20260101T000000.000000-abcdef.jsonl"
    header = {"v": 1, "session": "s1", "scenario": "sample", "seed": 1, "mode": "practice", "lang": "en", "started": "2026-01-01T00:00:00+00:00"}
    body = [json.dumps(header)] + [x if isinstance(x, str) else json.dumps(x) for x in lines]
    file.write_text("\n".join(body) + "\n", encoding="utf-8")
    return journal.read(file)


def test_a_damaged_line_is_skipped_with_its_line_number_and_hides_nothing_after_it():
    info = _journal_with([
        {"turn": 1, "action": "notice", "node": "opening"},
        '{"turn": 2, "action": "sorry", "no',  # a line the disk damaged
        {"turn": 2, "action": "sorry", "node": "angry"},
        {"turn": 3, "action": "file", "node": "calmer"},
        {"end": "resolved", "self": None, "overall": 80, "at": "2026-01-01T00:05:00+00:00"},
    ])
    assert info.actions == PATH and info.finished and info.overall == 80
    [damage] = info.damage
    assert damage.where.endswith(".jsonl:3") and "not JSON" in damage.message


@pytest.mark.parametrize(
    "end",
    [
        {"end": "resolved", "self": None, "overall": 80, "at": 5},
        {"end": "resolved", "self": {"ratings": {}, "reflections": ["not", "a", "map"]}, "overall": 80},
        {"end": "resolved", "overall": 10**400},
        {"end": ["resolved"]},
    ],
)
def test_a_damaged_end_record_is_named_and_skipped_never_a_crash(end):
    info = _journal_with([{"turn": 1, "action": "help", "node": "opening"}, end])
    assert not info.finished and info.self_assessment is None
    [damage] = info.damage
    assert damage.where.endswith(":3")


def test_odd_ratings_are_no_rating_and_the_end_still_counts():
    info = _journal_with([
        {"turn": 1, "action": "help", "node": "opening"},
        {"end": "resolved", "self": {"ratings": {"a": True, "b": 9, "c": 4}, "reflections": {"q": "a"}}},
    ])
    assert info.finished and info.self_assessment == {"ratings": {"a": None, "b": None, "c": 4}, "reflections": {"q": "a"}}


def test_a_missing_turn_stops_the_actions_there_and_the_import_says_why(sample_library):
    info = _journal_with([
        {"turn": 1, "action": "notice", "node": "opening"},
        {"turn": 3, "action": "file", "node": "calmer"},
        {"end": "resolved", "overall": 80},
    ])
    assert info.actions == ["notice"] and info.gap_at == 2 and info.finished
    result = history.import_journals(extra_dirs=[sample_library.files[0].parent])
    assert result.imported == [] and len(result.skipped) == 1
    assert any("turn 2 is missing" in d.message for d in result.damage)
    assert "no longer reach" in result.skipped[0][1]


@pytest.mark.parametrize(
    "header",
    ['{"v": 1, "session": 5}', '{"session": "s", "seed": "7"}', "[1, 2]", '{"session": "s", "seed": -1}', "not json"],
)
def test_a_file_whose_first_line_is_no_header_is_not_a_journal(header):
    folder = journal.journals_dir()
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / "x.jsonl"
    file.write_text(header + '\n{"turn": 1, "action": "help"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="not a journal"):
        journal.read(file)
