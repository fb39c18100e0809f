"""`sim analyze` on the command line: the report, JSON for tools, located
errors, and the promise that printed choice lists replay to the printed numbers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import sim.authoring.analysis
from tests.cli_run import cli
from tests.conftest import ROOT
from tests.hostile_scenarios import exploding, write

SAMPLE_FILE = ROOT / "tests" / "data" / "sample" / "sample.yaml"


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("SIM_DEBUG", raising=False)


def test_report_of_the_sample(capsys):
    code, out, err = cli(capsys, "analyze", SAMPLE_FILE)
    assert code == 0, err
    for heading in ("Paths", "Endings", "Scores", "Principle coverage", "Where calling for help becomes due"):
        assert heading in out
    assert "replayed through the engine" in out
    # Every printed walk command replays: run one and compare the ending.
    line = next(l for l in out.splitlines() if l.strip().startswith("incident"))
    command = line.split("shortest 3 turns: ", 1)[1]
    choices = command.split("--choices ", 1)[1].strip()
    code, walked, _ = cli(capsys, "walk", SAMPLE_FILE, "--choices", choices)
    assert code == 0 and "Ending: escalated" in walked


def test_json_is_complete_and_replays(capsys):
    code, out, _ = cli(capsys, "analyze", SAMPLE_FILE, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["scenario"] == "sample" and data["verified"] is True
    assert data["paths"]["count"] == "8" and data["paths"]["infinite"] is False
    endings = {e["node"]: e for e in data["endings"]}
    assert set(endings) == {"filed", "incident", "colleague"}
    assert endings["incident"]["shortest"]["actions"] == ["notice", "argue", "alone"]
    principles = {p["id"]: p for p in data["scores"]["principles"]}
    assert principles["listen-acknowledge"]["best"]["score"] == 100
    overall = data["scores"]["overall"]
    assert overall["best"]["exact"] and overall["best"]["method"] == "enumeration"
    # The best overall path, walked, scores what the analysis says.
    actions = ",".join(overall["best"]["path"]["actions"])
    code, walked, _ = cli(capsys, "walk", SAMPLE_FILE, "--choices", actions, "--json")
    assert json.loads(walked)["scores"]["overall"] == overall["best"]["score"]
    assert data["threat"]["threshold"] == 75
    assert [t["node"] for t in data["threat"]["nodes"]] == ["angry", "threat"]  # notice: 50 + 20 × 1.5 = 80


def test_analyze_by_id_of_a_builtin(capsys):
    code, out, _ = cli(capsys, "analyze", "aggressive-desk")
    assert code == 0
    assert "Loops" in out and "infinitely many" in out


def test_unknown_scenario_exits_2_with_a_hint(capsys):
    code, _, err = cli(capsys, "analyze", "aggresive-desk")
    assert code == 2 and "did you mean `aggressive-desk`?" in err


def test_broken_file_exits_2_with_located_problems(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(SAMPLE_FILE.read_text(encoding="utf-8").replace("next: details", "next: detials", 1), encoding="utf-8")
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "c.yaml").write_text((SAMPLE_FILE.parent / "profiles" / "sample-client.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "principles.yaml").write_text((SAMPLE_FILE.parent / "principles.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = cli(capsys, "analyze", bad)
    assert code == 2
    assert f"{bad}:" in err and "there is no node `detials`" in err and "did you mean `details`?" in err


def test_too_many_states_is_a_located_message(monkeypatch, capsys):
    from sim.authoring.statespace import TooLarge

    def explode(*args, **kwargs):
        raise TooLarge("more than 10 reachable states")

    monkeypatch.setattr(sim.authoring.analysis.entry, "explore", explode)
    code, _, err = cli(capsys, "analyze", SAMPLE_FILE)
    assert code == 2 and "cannot analyse `sample`" in err and "hint:" in err and "sample.yaml:" in err


def test_a_hostile_file_is_refused_early_at_the_variable_that_multiplies_the_states(tmp_path, capsys):
    # The review's 2.8 KB file (four counters a looping node raises), generated:
    # it took 18 s and 1.4 GB before the state limit refused it. Its memory is
    # measured in tests/unit/authoring/test_statespace_bound.py.
    path = write(tmp_path, exploding())
    assert path.stat().st_size < 3_000
    code, out, err = cli(capsys, "analyze", path)
    assert code == 2 and out == ""
    line = path.read_text(encoding="utf-8").splitlines().index("  v0:") + 1  # where `v0` is declared
    assert err.startswith(f"{path}:{line}:3: error: cannot analyse `exploding`: its states keep multiplying: after 4,127 of them")
    assert "more than fit in the 500 MB the analysis may use" in err
    assert "the values of `v0` (0–20 so far), `v1` (0–20), `v2` (0–20) and `v3` (0–20) combine, most at `spin`" in err
    assert "hint: clamp `v0`, `v1`, `v2` with `min:` and `max:` to the values your conditions need" in err
    # The authoring guide shows this very refusal.
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert err.replace(f"{path}:", "exploding.yaml:") in guide


def test_a_disagreement_with_the_engine_is_an_internal_error_not_a_report(monkeypatch, capsys):
    monkeypatch.setattr(sim.authoring.analysis, "verify", lambda a: ["best overall: the engine scores 1, the analysis 2"])
    code, out, err = cli(capsys, "analyze", SAMPLE_FILE, internal_error=True)
    assert code == 3 and "disagrees with the engine" in err and out == ""


def test_importing_the_cli_does_not_import_the_analysis():
    code = "import sys, sim.cli.main; print(any(m in sys.modules for m in ('sim.authoring.analysis', 'sim.authoring.statespace', 'sim.authoring.diagram', 'sim.authoring.scaffold', 'rich')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "False"


def test_core_analysis_modules_do_not_import_rich_or_textual():
    code = "import sys, sim.authoring.analysis, sim.authoring.statespace, sim.authoring.diagram, sim.authoring.scaffold; print([m for m in ('rich', 'textual') if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(("lang", "note"), [("en", "note: 1 more loop is not listed"), ("fi", "huom.: vielä 1 silmukka jäi luettelematta")])
def test_loops_beyond_the_listed_ones_are_counted_in_the_users_language(monkeypatch, capsys, lang, note):
    monkeypatch.setattr(sim.authoring.analysis.entry, "MAX_LOOPS_REPORTED", 0)
    loops = ROOT / "benchmarks" / "data" / "loop.yaml"  # a scenario that goes round: one loop
    code, out, _ = cli(capsys, "--lang", lang, "analyze", str(loops))
    assert code == 0 and out.splitlines()[-1].strip() == note
    code, out, _ = cli(capsys, "analyze", str(loops), "--json")
    assert json.loads(out)["notes"] == ["1 more loop is not listed"]  # the JSON keeps its English words
