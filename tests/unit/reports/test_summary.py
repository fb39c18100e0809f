"""`sim summary`: JSON reports of several trainees, per scenario and principle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sim.reports.summary import load_report, summarise
from tests.cli_run import cli
from tests.history_helpers import ALONE, GOOD, SHAMING, record


@pytest.fixture
def reports(sample_library, capsys, tmp_path) -> Path:
    """ann played well, bob escalated alone, cy shamed first (and stayed alone under threat)."""
    folder = tmp_path / "reports"
    for trainee, actions in (("ann", GOOD), ("bob", ALONE), ("cy", SHAMING)):
        sid = record(sample_library, actions, trainee=trainee)
        code, _, err = cli(capsys, "report", sid, "--format", "json", "-o", folder / f"{trainee}.json")
        assert code == 0, err
    # The same session handed in twice counts once.
    (folder / "copies").mkdir()
    (folder / "copies" / "ann-again.json").write_text((folder / "ann.json").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_summary_json(reports, capsys):
    code, out, err = cli(capsys, "summary", reports, "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["reports"] == 4
    [s] = data["scenarios"]
    assert (s["scenario"], s["title"], s["sessions"], s["trainees"]) == ("sample", "Sample", 3, 3)
    assert s["success_rate"] == 0.33  # only ann: cy's resolved ending carries a critical miss
    assert s["overall"]["n"] == 3 and s["overall"]["max"] == 100
    p = {x["principle"]: x for x in s["principles"]}
    assert p["no-shaming"] == {
        "principle": "no-shaming", "name": "No shaming", "goal": True,
        "n": 3, "mean": 50.0, "stdev": 50.0, "min": 0, "max": 100, "missed": 1,
    }  # fmt: skip
    assert (p["listen-acknowledge"]["n"], p["listen-acknowledge"]["mean"], p["listen-acknowledge"]["stdev"]) == (3, 44.3, 51.0)
    assert (p["listen-acknowledge"]["min"], p["listen-acknowledge"]["max"], p["listen-acknowledge"]["missed"]) == (0, 100, 2)
    # ann was never tested on calling for help; bob and cy missed it.
    assert (p["call-help-early"]["n"], p["call-help-early"]["mean"], p["call-help-early"]["stdev"], p["call-help-early"]["missed"]) == (2, 0.0, 0.0, 2)
    assert [m["principle"] for m in s["most_missed"]] == ["call-help-early", "listen-acknowledge", "no-shaming"]


def test_summary_table(reports, capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = cli(capsys, "summary", reports / "ann.json", reports / "bob.json", reports / "cy.json")
    assert code == 0
    assert "Sample (sample) — 3 session(s), 3 trainee(s)" in out
    row = next(line for line in out.splitlines() if "No shaming" in line and "★" in line)
    assert row.split()[-5:] == ["3", "50", "50", "0–100", "1/3"]
    assert "Most missed: Call for help early (2/2), Listen and acknowledge (2/3), No shaming (1/3)" in out


def test_bad_files_are_named_and_the_rest_summarised(reports, capsys, tmp_path):
    (reports / "broken.json").write_text('{"format": ', encoding="utf-8")
    (reports / "other.json").write_text('{"some": "thing"}', encoding="utf-8")
    code, out, err = cli(capsys, "summary", reports, tmp_path / "missing", "--json")
    assert code == 1
    assert f"{reports / 'broken.json'}:1:12: not valid JSON" in err
    assert f"{reports / 'other.json'}: not a sim report" in err and "sim report SESSION --format json" in err
    assert f"{tmp_path / 'missing'}: no such file or folder" in err
    assert json.loads(out)["scenarios"][0]["sessions"] == 3


def test_nothing_to_summarise_is_a_usage_error(tmp_path, capsys):
    code, _, err = cli(capsys, "summary", tmp_path)
    assert code == 2 and "no reports to summarise" in err and "hint:" in err


def test_summarise_without_scores():
    data = {
        "format": "encounter-sim.report", "version": 1, "session": {"id": "x", "trainee": "t"},
        "scenario": {"id": "s", "title": "S"}, "overall": None, "success": False, "critical_misses": [],
        "principles": [{"id": "p", "name": "P", "goal": True, "score": None}],
    }  # fmt: skip
    [s] = summarise([data])
    assert s.as_dict()["principles"][0] == {"principle": "p", "name": "P", "goal": True, "n": 0, "mean": None, "stdev": None, "min": None, "max": None, "missed": 0}
    assert s.most_missed() == []


def test_a_newer_report_version_is_refused(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"format": "encounter-sim.report", "version": 99}), encoding="utf-8")
    with pytest.raises(Exception) as info:
        load_report(path)
    assert "newer than this sim reads" in str(info.value)


# --- reports are untrusted: hostile files get a message, never a crash or a terminal escape ------------


ESCAPES = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x1b]0;owned\x07"  # clipboard write, clear screen, window title


def _hostile(reports: Path, name: str, text: str) -> Path:
    path = reports / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_reports_texts_cannot_control_the_terminal(reports, capsys):
    good = json.loads(next(reports.glob("*.json")).read_text(encoding="utf-8"))
    good["scenario"]["title"] = f"Sample{ESCAPES}"
    good["scenario"]["id"] = "sample\x1b[31m"
    good["principles"][0]["name"] = "Listen\u202eetirw"  # a bidi override
    good["session"]["id"] = "hostile-1"
    _hostile(reports, "hostile.json", json.dumps(good))
    for args in ((), ("--json",)):
        code, out, err = cli(capsys, "summary", str(reports), *args)
        assert code == 0, err
        assert "\x1b" not in out + err and "\x07" not in out + err and "\u202e" not in out + err


@pytest.mark.parametrize(
    "name, text, says",
    [
        ("huge-int.json", '{"format": "encounter-sim.report", "version": 1, "overall": ' + "9" * 5000 + "}", "not valid JSON"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("wrong-types.json", json.dumps({"format": "encounter-sim.report", "version": 1, "scenario": {"id": "s"}, "principles": [{"id": 5}]}), "`principles.0.id`"),
        ("session-list.json", json.dumps({"format": "encounter-sim.report", "version": 1, "scenario": {"id": "s"}, "principles": [], "session": []}), "`session`"),
        ("score.json", json.dumps({"format": "encounter-sim.report", "version": 1, "scenario": {"id": "s"}, "principles": [{"id": "p", "score": 10**6}]}), "`principles.0.score`"),
    ],
)
def test_a_damaged_or_hostile_report_is_named_with_why_never_a_crash(tmp_path, capsys, name, text, says):
    path = _hostile(tmp_path, name, text)
    code, out, err = cli(capsys, "summary", str(path))
    assert code == 2, err
    assert str(path) in err and says in err and "Traceback" not in err
