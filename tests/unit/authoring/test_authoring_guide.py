"""docs/authoring.md tells the truth: its example is what `sim new` writes, its
worked scoring example has the engine's numbers, and its sample output is real."""

from __future__ import annotations

import re

import pytest
import yaml

from sim.cli.main import run
from sim.content.library import load_library
from sim.core.engine import Session
from sim.core.scoring import score
from tests.conftest import ROOT

GUIDE = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")


@pytest.fixture
def example(tmp_path, capsys):
    assert run(["new", "scenario", "noise-complaint", "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    return tmp_path / "noise-complaint.yaml"


def test_the_complete_example_is_what_sim_new_writes(example):
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE, re.S)
    documented = next(b for b in blocks if b.startswith("id: noise-complaint"))
    assert yaml.safe_load(documented) == yaml.safe_load(example.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "choices, scores, overall, grade, missed",
    [
        # Path 1 of the worked example: alone under threat at turn 2.
        ("read-the-notice,apologise,next-step", {"listen-acknowledge": (2, 4, 50), "no-shaming": (2, 4, 50), "call-help-early": (0, 2, 0)}, 33, "needs practice", True),
        # Path 2: help called under threat: evidence for call-help-early only.
        ("read-the-notice,help", {"listen-acknowledge": (0, 2, 0), "no-shaming": (0, 2, 0), "call-help-early": (2, 2, 100)}, 33, "needs practice", False),
        # Path 3: no threat, so call-help-early has no score.
        ("acknowledge,next-step", {"listen-acknowledge": (2, 2, 100), "no-shaming": (2, 2, 100), "call-help-early": (0, 0, None)}, 100, "excellent", False),
    ],
)
def test_the_worked_scoring_example_has_the_engines_numbers(example, choices, scores, overall, grade, missed):
    assert f"--choices {choices}" in GUIDE
    lib = load_library([example])
    ls = lib.scenario("noise-complaint")
    critical = frozenset(pid for pid, p in lib.principles.items() if p.critical)
    session = Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, choices.split(","), critical)
    result = score(session)
    for pid, (earned, possible, value) in scores.items():
        ps = result.principle(pid)
        assert (ps.earned, ps.possible, ps.score) == (earned, possible, value), pid
    assert (result.overall, result.grade, bool(result.critical_misses)) == (overall, grade, missed)


def test_the_tension_example_is_right(example):
    lib = load_library([example])
    ls = lib.scenario("noise-complaint")
    session = Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, ["read-the-notice", "apologise"])
    assert [t.state_after["tension"] for t in session.turns] == [76, 61]
    assert "55 to 76" in GUIDE and "61." in GUIDE


def test_the_documented_validate_output_is_real(example, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "my-scenarios"
    folder.mkdir()
    text = example.read_text(encoding="utf-8").replace("next: details\n", "next: detials\n", 1).replace("tension < 90", "tension < 9O")
    (folder / "noise-complaint.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(["validate", "my-scenarios/noise-complaint.yaml"]) == 1
    out = capsys.readouterr().out
    for line in out.splitlines():
        if ": error: " in line or line.strip().startswith("hint:"):
            assert line.rstrip() in GUIDE, line


def test_the_documented_analysis_output_is_real(example, capsys, monkeypatch):
    monkeypatch.chdir(example.parent)
    monkeypatch.setenv("NO_COLOR", "1")
    assert run(["analyze", "noise-complaint.yaml"]) == 0
    out = capsys.readouterr().out
    block = GUIDE.split("sim analyze my-scenarios/noise-complaint.yaml\n```\n\n```\n", 1)[1].split("```", 1)[0]
    for line in block.splitlines():
        if line.strip() and line.strip() != "…" and not line.startswith(" principle") and "★" not in line:
            assert line.rstrip() in out, line


def test_every_yaml_and_json_example_in_the_guide_parses():
    import json

    for block in re.findall(r"```yaml\n(.*?)```", GUIDE, re.S):
        yaml.safe_load(block)
    for block in re.findall(r"```json\n(.*?)```", GUIDE, re.S):
        json.loads(block)
    workflow = next(b for b in re.findall(r"```yaml\n(.*?)```", GUIDE, re.S) if b.startswith("name: Check scenarios"))
    steps = yaml.safe_load(workflow)["jobs"]["validate"]["steps"]
    assert any("sim validate --format github" in step.get("run", "") for step in steps)
