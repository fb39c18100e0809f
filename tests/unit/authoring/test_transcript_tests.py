"""`sim test`: transcript tests beside scenarios, with failures at the test
file's line:col, pytest-like exit codes, and JSON and JUnit reports."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.authoring.transcript_file import load_tests
from sim.authoring.transcript_run import run_paths
from tests.cli_run import cli
from tests.conftest import ROOT

SAMPLE = ROOT / "tests" / "data" / "sample"

PASSING = """\
scenario: sample
cases:
  - name: best path
    steps:
      - acknowledge
      - {do: file, expect: {node: filed, feedback: concrete}}
    expect:
      ending: resolved
      state: [tension < 40, trust >= 40]
      scores: [listen-acknowledge == 100, overall >= 85]
      grade: excellent
      critical: none
  - name: option numbers follow the seed
    seed: 3
    steps: [{expect: {node: opening, ending: none}}, notice, help]
    expect: {ending: help-called, critical: none, scores: "call-help-early == 100"}
"""

FAILING = """\
scenario: sample.yaml
cases:
  - name: passes
    steps: [acknowledge]
  - name: shaming is not resolved
    steps:
      - notice
      - do: argue
        expect: {state: tension < 75}
      - alone
    expect:
      ending: resolved
      critical: none
      scores: [no-shaming >= 50]
"""


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("SIM_DEBUG", raising=False)


def position(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def folder_with(tmp_path: Path, tests: str, name: str = "sample.test.yaml") -> Path:
    folder = tmp_path / "lib"
    shutil.copytree(SAMPLE, folder)
    (folder / name).write_text(tests, encoding="utf-8")
    return folder


def test_passing_cases_exit_0(tmp_path, capsys):
    folder = folder_with(tmp_path, PASSING)
    code, out, err = cli(capsys, "test", folder)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{folder / 'sample.test.yaml'} · scenario sample",
        "  PASS best path",
        "  PASS option numbers follow the seed",
        "",
        "2 passed, 0 failed in 1 file",
    ]


def test_a_failing_expectation_names_the_test_file_line_and_col(tmp_path, capsys):
    folder = folder_with(tmp_path, FAILING)
    path = folder / "sample.test.yaml"
    code, out, _ = cli(capsys, "test", path)
    assert code == 1
    lines = out.splitlines()
    assert "  PASS passes" in lines and "  FAIL shaming is not resolved" in lines
    # Every failure, in file order, with expected beside actual.
    failures = [l.strip() for l in lines[lines.index("  FAIL shaming is not resolved") + 1 : lines.index("")]]
    state = position(FAILING, "tension < 75")
    ending = position(FAILING, "resolved", 1)
    critical = position(FAILING, "none")
    score = position(FAILING, "no-shaming >= 50")
    assert failures == [
        f"{path}:{state[0]}:{state[1]}: after step 2 (`argue`): state",
        "expected: tension < 75",
        "actual:   tension 100",
        f"{path}:{ending[0]}:{ending[1]}: at the end: ending",
        "expected: resolved",
        "actual:   escalated",
        f"{path}:{critical[0]}:{critical[1]}: at the end: critical misses",
        "expected: none",
        "actual:   call-help-early at turn 2 (carried on alone while the client was a threat)",
        f"{path}:{score[0]}:{score[1]}: at the end: score",
        "expected: no-shaming >= 50",
        "actual:   no-shaming 0",
    ]
    assert lines[-1] == "1 passed, 1 failed in 1 file"


def test_a_step_that_cannot_be_taken_says_why_and_stops_the_case(tmp_path, capsys):
    tests = "scenario: sample\ncases:\n  - name: renamed\n    steps: [acknowledge, notice, file]\n    expect: {ending: resolved}\n  - name: numbers\n    steps: [7]\n"
    folder = folder_with(tmp_path, tests)
    code, out, _ = cli(capsys, "test", folder)
    assert code == 1
    path = folder / "sample.test.yaml"
    line, col = position(tests, "notice")
    assert f"      {path}:{line}:{col}: step 2 (`notice`) at node `details`: `notice` is a choice of node `opening`, not of `details`" in out
    assert "          hint: offered here: `file`" in out
    assert "at the end" not in out  # the case stopped at the step
    assert "step 1 (`7`) at node `opening`: there is no option 7 (options shown for seed 0: 1 = acknowledge; 2 = notice)" in out


def test_junit_report_parses_back(tmp_path, capsys):
    folder = folder_with(tmp_path, FAILING)
    (folder / "broken.test.yaml").write_text("scenario: nowhere\ncases:\n  - name: x\n", encoding="utf-8")
    code, out, _ = cli(capsys, "test", folder, "--format", "junit")
    assert code == 2  # a test file that cannot run outranks a failing case
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "1", "1")
    suites = {Path(s.get("name")).name: s for s in root.findall("testsuite")}
    assert set(suites) == {"sample.test.yaml", "broken.test.yaml"}
    sample = suites["sample.test.yaml"]
    assert (sample.get("tests"), sample.get("failures"), sample.get("errors")) == ("2", "1", "0")
    cases = {c.get("name"): c for c in sample.findall("testcase")}
    assert cases["passes"].find("failure") is None
    failure = cases["shaming is not resolved"].find("failure")
    assert failure is not None and failure.get("type") == "expectation"
    line, col = position(FAILING, "tension < 75")
    assert failure.get("message") == f"{folder / 'sample.test.yaml'}:{line}:{col}: after step 2 (`argue`): state"
    assert "expected: resolved" in failure.text and "actual:   escalated" in failure.text
    assert cases["shaming is not resolved"].get("classname") == "sample"
    error = suites["broken.test.yaml"].find("testcase/error")
    assert error is not None and "no scenario with the id `nowhere`" in error.get("message")


def test_junit_to_a_file_and_text_to_the_screen(tmp_path, capsys):
    folder = folder_with(tmp_path, PASSING)
    report = tmp_path / "out" / "results.xml"
    code, out, _ = cli(capsys, "test", folder, "--format", "junit", "-o", report)
    assert code == 0
    assert out.splitlines()[-1] == "2 passed, 0 failed in 1 file"
    root = ET.parse(report).getroot()
    assert [c.get("name") for c in root.iter("testcase")] == ["best path", "option numbers follow the seed"]


def test_junit_is_valid_even_with_control_characters_in_names(tmp_path, capsys):
    folder = folder_with(tmp_path, 'scenario: sample\ncases:\n  - name: "bell \\a and escape \\e[31m"\n    steps: [nope]\n')
    code, out, _ = cli(capsys, "test", folder, "--format", "junit")
    assert code == 2  # `nope` is no choice of the scenario: caught before playing
    ET.fromstring(out)


def test_json_report(tmp_path, capsys):
    folder = folder_with(tmp_path, FAILING)
    code, out, _ = cli(capsys, "test", folder, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert (data["passed"], data["failed"], data["errors"]) == (1, 1, [])
    [f] = data["files"]
    assert f["scenario"] == "sample"
    failed = f["cases"][1]
    assert failed["status"] == "failed" and failed["actions"] == ["notice", "argue", "alone"] and failed["ending"] == "escalated"
    assert set(failed["failures"][0]) == {"path", "line", "col", "message", "expected", "actual", "hint"}


def test_a_scenario_file_brings_its_tests(tmp_path, capsys):
    folder = folder_with(tmp_path, PASSING)
    code, out, _ = cli(capsys, "test", folder / "sample.yaml")
    assert code == 0 and "2 passed" in out
    code, _, err = cli(capsys, "test", folder / "principles.yaml")
    assert code == 2


def test_no_tests_or_no_such_path_exit_2(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _ = cli(capsys, "test", empty)
    assert code == 2
    assert f"{empty}:1:1: error: no transcript tests found" in out
    code, out, _ = cli(capsys, "test", tmp_path / "nope")
    assert code == 2 and "no such file or folder" in out


def test_shape_errors_are_located_and_exit_2(tmp_path, capsys):
    tests = "scenario: sample\ncases:\n  - name: x\n    stpes: [1]\n    expect: {ending: resolvd, grade: great}\n"
    folder = folder_with(tmp_path, tests)
    path = folder / "sample.test.yaml"
    code, out, _ = cli(capsys, "test", folder)
    assert code == 2
    assert f"{path}:4:5: error: unknown key `stpes`" in out
    assert "hint: did you mean `steps`?" in out
    line, col = position(tests, "resolvd")
    assert f"{path}:{line}:{col}: error: `cases.0.expect.ending`: `resolvd` is not an ending kind; did you mean `resolved`?" in out
    assert "0 passed, 0 failed, 3 errors in 1 file" in out


def test_an_unknown_scenario_is_located(tmp_path, capsys):
    folder = folder_with(tmp_path, "scenario: sampel\ncases:\n  - name: x\n")
    code, out, _ = cli(capsys, "test", folder)
    assert code == 2
    assert f"{folder / 'sample.test.yaml'}:1:11: error: no scenario with the id `sampel`" in out
    assert "did you mean `sample`?" in out


def test_validate_checks_test_files(tmp_path, capsys):
    tests = "scenario: sample\ncases:\n  - name: x\n    steps: [acknowledge, fille]\n    expect: {state: tensoin < 4, scores: [no-shaming => 5]}\n"
    folder = folder_with(tmp_path, tests)
    path = folder / "sample.test.yaml"
    code, out, _ = cli(capsys, "validate", folder)
    assert code == 1
    errors = [l for l in out.splitlines() if ": error: " in l]
    assert errors == [
        f"{path}:{position(tests, 'fille')[0]}:{position(tests, 'fille')[1]}: error: scenario `sample` has no choice `fille`",
        f"{path}:{position(tests, 'tensoin')[0]}:{position(tests, 'tensoin')[1]}: error: condition uses unknown variable `tensoin`",
        f"{path}:{position(tests, 'no-shaming')[0]}:{position(tests, 'no-shaming')[1]}: error: bad score bound: `=>` is not an operator",
    ]
    assert "hint: did you mean `file`?" in out and "hint: write `no-shaming >= 5`" in out
    (folder / "sample.test.yaml").write_text(PASSING, encoding="utf-8")
    code, out, _ = cli(capsys, "validate", folder)
    assert code == 0 and out.strip() == "0 errors, 0 warnings in 4 files"


def test_the_documented_example_passes(tmp_path):
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    scenario = next(b for b in blocks if b.startswith("id: noise-complaint"))
    tests = next(b for b in blocks if b.startswith("scenario: noise-complaint"))
    (tmp_path / "noise.yaml").write_text(scenario, encoding="utf-8")
    (tmp_path / "noise.test.yaml").write_text(tests, encoding="utf-8")
    result = run_paths([tmp_path])
    assert result.errors == []
    assert [(c.name, c.status) for c in result.cases] == [("best path", "passed"), ("pointing at the notice is shaming", "passed")]


_scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.sampled_from(["sample", "none", "help", "1", "tension < 4", "x y", ""]))
_keys = st.sampled_from(["scenario", "cases", "name", "seed", "steps", "expect", "do", "node", "ending", "state", "scores", "critical", "feedback", "grade", "x"])
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_keys, inner, max_size=4), max_leaves=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(_keys, _values, max_size=4))
def test_any_shape_gives_located_problems_never_an_exception(tmp_path, data):
    path = tmp_path / "fuzzed.test.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    loaded, problems = load_tests(path)
    assert loaded is not None or problems
    assert all(p.path == str(path) and p.line >= 1 and p.col >= 1 for p in problems)
