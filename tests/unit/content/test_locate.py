"""Which scenario a name on the command line means: the CLI, --plain and the
TUI tell a file from an id by one rule (sim.content.locate.is_file_reference)."""

from __future__ import annotations

from sim.content.locate import find_scenario, is_file_reference
from sim.session.catalog import Catalog
from tests.conftest import SAMPLE


def test_a_folder_with_a_scenarios_name_does_not_hide_the_scenario(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "after-prison").mkdir()  # e.g. where an instructor keeps notes on it
    assert not is_file_reference("after-prison")
    _, found, problems = find_scenario("after-prison", [])  # the CLI and --plain
    assert problems == [] and found is not None and found.scenario.id == "after-prison"
    entry = Catalog.load([], []).find("after-prison")  # the TUI
    assert entry is not None and entry.info is not None and entry.info.id == "after-prison"


def test_a_file_is_a_file_with_or_without_a_suffix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine").write_text((SAMPLE / "sample.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert is_file_reference("mine") and is_file_reference("other.yaml") and is_file_reference("dir/x")
    assert not is_file_reference("aggressive-desk")
