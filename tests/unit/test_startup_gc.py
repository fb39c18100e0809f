"""sim.startup: collection is rare while the process starts, then as before."""

from __future__ import annotations

import gc

import pytest

from sim import startup


@pytest.fixture(autouse=True)
def _restore_gc():
    before = gc.get_threshold()
    yield
    startup._saved = None
    gc.set_threshold(*before)
    gc.unfreeze()


def test_deferred_then_restored_exactly():
    before = gc.get_threshold()
    startup.defer_collection()
    startup.defer_collection()  # twice: the saved thresholds are still the user's, not ours
    assert gc.get_threshold()[0] > before[0]
    startup.resume_collection()
    assert gc.get_threshold() == before


def test_freeze_only_after_a_deferred_start(monkeypatch):
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    startup.resume_collection(freeze=True)  # an app run inside the tests: nothing deferred, nothing frozen
    assert frozen == []
    startup.defer_collection()
    startup.resume_collection(freeze=True)
    assert frozen == [True]


def test_commands_other_than_the_app_collect_as_usual(capsys):
    from sim.__main__ import main

    before = gc.get_threshold()
    assert main(["list"]) == 0
    assert gc.get_threshold() == before
