"""sim.core.replay: an interrupted session resumes after a compatible edit of its
scenario, and is refused — naming the first step that no longer fits — after
an incompatible one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sim.cli.main import run
from sim.content.library import load_library
from sim.core.engine import Session
from sim.core.replay import check
from sim.session import journal
from tests.conftest import SAMPLE

SAMPLE_TEXT = (SAMPLE / "sample.yaml").read_text(encoding="utf-8")


def load(tmp_path: Path, text: str, name: str):
    folder = tmp_path / name
    shutil.copytree(SAMPLE, folder)
    (folder / "sample.yaml").write_text(text, encoding="utf-8")
    lib = load_library([folder / "sample.yaml"])
    assert not [p for p in lib.problems if p.severity == "error"], [p.format() for p in lib.problems]
    ls = lib.scenario("sample")
    return ls.scenario, lib.profile_for(ls.scenario)


def played(scenario, profile, actions: list[str], *, seed: int = 4, arrived: bool = False) -> journal.JournalInfo:
    """A journal of `actions`, written the way the TUI writes it, then read back."""
    j = journal.Journal.start(scenario_id=scenario.id, scenario_path="sample.yaml", content_hash=scenario.content_hash, seed=seed, mode="practice", lang="en")
    session = Session(scenario, profile, seed)
    for action in actions:
        turn = session.act(action)
        j.record(turn.number, action, turn.node, 900, arrived=turn.next if arrived else None)
    return journal.read(j.path)


@pytest.fixture
def original(tmp_path):
    return load(tmp_path, SAMPLE_TEXT, "original")


def test_journal_keeps_where_each_step_was_taken_and_led(original):
    info = played(*original, ["notice", "sorry"], arrived=True)
    assert info.actions == ["notice", "sorry"]
    assert info.nodes == ["opening", "angry"]
    assert info.arrived == ["angry", "details"]


def test_unchanged_scenario_resumes(original):
    info = played(*original, ["notice", "sorry"])
    r = check(info, *original)
    assert (r.ok, r.changed, r.reason) == (True, False, "same")
    assert r.session is not None and r.session.node_id == "details" and r.session.actions == ["notice", "sorry"]


def test_compatible_edit_resumes_and_says_the_scenario_changed(original, tmp_path):
    info = played(*original, ["notice", "sorry"], arrived=True)
    edited = SAMPLE_TEXT.replace("feedback: You gave an honourable way back.", "feedback: An honourable way back, well done.").replace(
        "effects: {tension: -10}", "effects: {tension: -20}"
    )
    scenario, profile = load(tmp_path, edited, "edited")
    assert scenario.content_hash != info.content_hash
    r = check(info, scenario, profile)
    assert (r.ok, r.changed, r.reason) == (True, True, "compatible")
    assert r.message.startswith("the scenario changed since this session started")
    assert r.session is not None and r.session.node_id == "details"
    assert r.session.state["tension"] == 55  # the edited effects apply: 80 - 20, then 5 of recovery


def test_a_removed_choice_cannot_resume_and_names_the_step(original, tmp_path):
    info = played(*original, ["notice", "sorry", "file"])
    scenario, profile = load(tmp_path, SAMPLE_TEXT.replace("id: sorry", "id: apologise"), "renamed")
    r = check(info, scenario, profile)
    assert (r.ok, r.reason, r.step, r.action) == (False, "missing-choice", 2, "sorry")
    assert r.message == "step 2 (`sorry` at `angry`): node `angry` has no choice `sorry`, and no other node has one; it may have been renamed or removed"
    assert r.hint == "offered here: `apologise`, `argue`"
    assert r.session is None


def test_a_step_that_now_leads_elsewhere_cannot_resume(original, tmp_path):
    info = played(*original, ["notice", "sorry"])
    edited = SAMPLE_TEXT.replace("        next: angry\n", "        next: details\n")
    scenario, profile = load(tmp_path, edited, "redirected")
    r = check(info, scenario, profile)
    assert (r.ok, r.reason, r.step, r.expected, r.found) == (False, "leads-elsewhere", 1, "angry", "details")
    assert r.message == "step 1 (`notice`) now leads to `details` instead of `angry`"


def test_the_last_step_is_checked_when_its_destination_was_journalled(original, tmp_path):
    edited = SAMPLE_TEXT.replace("        feedback: You gave an honourable way back.\n        next: details\n", "        feedback: You gave an honourable way back.\n        next: filed\n")
    scenario, profile = load(tmp_path, edited, "last-step")
    with_arrival = played(*original, ["notice", "sorry"], arrived=True)
    r = check(with_arrival, scenario, profile)
    assert (r.ok, r.reason, r.step, r.message) == (False, "leads-elsewhere", 2, "step 2 (`sorry`) now leads to `filed` instead of `details`")
    # Older journal lines carry only the node a step was taken at: the last step's
    # destination cannot be compared, and the session resumes where the edit leads.
    without = played(*original, ["notice", "sorry"])
    assert check(without, scenario, profile).reason == "compatible"


def test_a_choice_whose_condition_no_longer_holds(original, tmp_path):
    info = played(*original, ["notice", "argue"])
    scenario, profile = load(tmp_path, SAMPLE_TEXT.replace('when: "tension < 100"', 'when: "tension < 50"'), "condition")
    r = check(info, scenario, profile)
    assert (r.ok, r.reason, r.step) == (False, "not-offered", 2)
    assert "its condition `tension < 50` does not hold" in r.message


def test_a_new_start_node(original, tmp_path):
    info = played(*original, ["acknowledge"])
    scenario, profile = load(tmp_path, SAMPLE_TEXT.replace("start: opening", "start: angry"), "start")
    r = check(info, scenario, profile)
    assert (r.ok, r.reason, r.step) == (False, "leads-elsewhere", 0)
    assert r.message == "the scenario now starts at `angry`, not at `opening` where this session started"


def test_a_derived_id_changes_with_the_text(tmp_path):
    text = SAMPLE_TEXT.replace("      - id: file\n        say:", "      - say:")
    scenario, profile = load(tmp_path, text, "derived")
    info = played(scenario, profile, ["acknowledge", "details/your-dates-i-ll"])
    edited, edited_profile = load(tmp_path, text.replace("Your dates; I'll file", "Dates, please; I'll file"), "derived-edited")
    r = check(info, edited, edited_profile)
    assert (r.ok, r.reason, r.step) == (False, "missing-choice", 2)
    assert "give choices an explicit `id:`" in (r.hint or "")


def test_a_timeout_where_there_is_no_time_limit_any_more(original, tmp_path):
    path = tmp_path / "j.jsonl"
    header = {"v": 1, "session": "s", "scenario": "sample", "hash": "old", "seed": 0}
    path.write_text(json.dumps(header) + "\n" + json.dumps({"turn": 1, "action": "timeout", "node": "opening"}) + "\n", encoding="utf-8")
    r = check(journal.read(path), *original)
    assert (r.ok, r.reason, r.step) == (False, "no-timeout", 1)
    assert "node `opening` has no time limit" in r.message


def test_a_changed_scenario_and_a_journal_without_nodes_is_not_guessed(original, tmp_path):
    path = tmp_path / "old.jsonl"
    header = {"v": 1, "session": "s", "scenario": "sample", "hash": "0123456789abcdef", "seed": 0}
    path.write_text(json.dumps(header) + "\n" + json.dumps({"turn": 1, "action": "acknowledge"}) + "\n", encoding="utf-8")
    r = check(journal.read(path), *original)
    assert (r.ok, r.reason, r.step) == (False, "unverifiable", 1)


def test_another_scenario(original):
    info = played(*original, ["notice"])
    info.scenario_id = "other"
    r = check(info, *original)
    assert (r.ok, r.reason) == (False, "other-scenario")


def test_walk_says_when_an_id_no_longer_exists(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    folder = tmp_path / "lib"
    shutil.copytree(SAMPLE, folder)
    path = folder / "sample.yaml"
    path.write_text(SAMPLE_TEXT.replace("id: sorry", "id: apologise"), encoding="utf-8")
    code = run(["walk", str(path), "--choices", "notice,sorry"])
    _, err = capsys.readouterr()
    assert code == 2
    lines = err.splitlines()
    assert lines[0].endswith("error: choice 2 (`sorry`) at node `angry`: node `angry` has no choice `sorry`, and no other node has one; it may have been renamed or removed")
    assert lines[1] == "    hint: offered here: `apologise`, `argue`"
