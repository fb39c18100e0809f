"""`sim class` and `sim next`: a class of five trainees, four sessions each, in one data folder."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from sim.paths import data_dir
from sim.session.history import db_path
from tests.class_helpers import TRAINEES, builtin, play_class
from tests.cli_run import cli

ASSIGNMENTS = """\
class: {en: Evening desk, fi: Iltavuoro}
trainees: [Aino, Ben, Chen, Dana, Eero, Fanni]
assignments:
  - scenario: aggressive-desk
    due: 2026-12-18
    pass: 60
  - scenario: stressed-parent
    due: 2026-11-20
    trainees: [Ben, Fanni]
"""


@pytest.fixture(scope="module")
def lib():
    return builtin()


@pytest.fixture
def classroom(lib, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("SIM_ASSIGNMENTS", raising=False)
    ids = play_class(lib, db_path())
    (data_dir() / "assignments.yaml").write_text(ASSIGNMENTS, encoding="utf-8")
    return ids


def view(capsys, *args: str) -> dict:
    code, out, err = cli(capsys, "class", "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


def test_the_grid_completion_and_most_missed(capsys, classroom, lib):
    v = view(capsys)
    assert v["class"] == "Evening desk" and v["sessions"] == 20
    names = [t["name"] for t in v["trainees"]]
    assert names == sorted([*TRAINEES, "Fanni"], key=str.casefold)
    fanni = next(t for t in v["trainees"] if t["name"] == "Fanni")
    assert fanni["sessions"] == 0 and fanni["first"] is None
    # Every cell is the trainee's own history: the latest score of each principle and the change since the first.
    from sim.reports.cohort import from_history
    from sim.session.history import Store

    with Store() as store:
        attempts = from_history(store)
    for name in TRAINEES:
        mine = [a for a in attempts if a.trainee == name]
        for p in v["principles"]:
            scores = [s for a in mine if (s := a.scores.get(p["id"])) is not None]
            cell = v["grid"][name][p["id"]]
            assert cell["n"] == len(scores)
            assert cell["latest"] == (scores[-1] if scores else None)
            assert cell["trend"] == (scores[-1] - scores[0] if len(scores) > 1 else None)
    desk = next(a for a in v["assignments"] if a["scenario"] == "aggressive-desk")
    assert desk["of"] == 6 and desk["pass"] == 60
    assert desk["trainees"]["Fanni"]["status"] == "not-started"
    done = {n for n, s in desk["trainees"].items() if s["status"] == "done"}
    expected = {a.trainee for a in attempts if a.scenario == "aggressive-desk" and a.passed and (a.overall or 0) >= 60}
    assert done == expected and desk["done"] == len(expected)
    parent = next(a for a in v["assignments"] if a["scenario"] == "stressed-parent")
    assert set(parent["trainees"]) == {"Ben", "Fanni"} and parent["of"] == 2
    assert parent["trainees"]["Fanni"]["overdue"] and not parent["trainees"]["Fanni"]["late"]  # due 2026-11-20, never started
    # The most-missed choices: counted from the turns, the most missed first, with the better option named.
    assert v["missed"]
    counts = [row["missed"] for row in v["missed"]]
    assert counts == sorted(counts, reverse=True)
    top = v["missed"][0]
    assert top["missed"] == sum(i["times"] for i in top["instead"]) and top["better"]


def test_text_csv_and_html(capsys, classroom, tmp_path):
    code, out, _ = cli(capsys, "class")
    assert code == 0
    assert "Evening desk" in out and "Fanni" in out and "not started" in out
    code, _, _ = cli(capsys, "class", "--format", "csv", "-o", tmp_path / "class.csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "class.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) > 20
    code, _, _ = cli(capsys, "class", "--format", "html", "-o", tmp_path / "class.html")
    page = (tmp_path / "class.html").read_text(encoding="utf-8")
    assert code == 0 and "<script" not in page and "Fanni" in page
    code, out, _ = cli(capsys, "--lang", "fi", "class")
    assert code == 0 and "aloittamatta" in out


def test_reports_give_the_same_figures_as_the_history(capsys, classroom, tmp_path):
    folder = tmp_path / "handed-in"
    for sid in classroom:
        code, _, err = cli(capsys, "report", sid, "--format", "json", "-o", folder / f"{sid}.json")
        assert code == 0, err
    from_history = view(capsys)
    from_reports = view(capsys, "--from", "reports", str(folder))
    for key in ("grid", "assignments", "missed", "principles", "sessions"):
        assert from_reports[key] == from_history[key], key
    assert [t["first"] for t in from_reports["trainees"]] == [t["first"] for t in from_history["trainees"]]


def test_filters_and_bad_sources(capsys, classroom):
    v = view(capsys, "--trainee", "ben")
    assert [t["name"] for t in v["trainees"]] == ["Ben"]
    v = view(capsys, "--scenario", "aggressive-desk")
    assert {m["scenario"] for m in v["missed"]} <= {"aggressive-desk"}
    # Sessions from the third day on: two of each trainee's four.
    assert view(capsys, "--since", "2026-11-04")["sessions"] == 10
    code, _, err = cli(capsys, "class", "--since", "next week")
    assert code == 2 and "YYYY-MM-DD" in err
    for bad in (["--from", "disk"], ["--from", "lrs"], ["--from", "reports"], ["--from", "history", "x"]):
        code, _, err = cli(capsys, "class", *bad)
        assert code == 2 and "--from history" in err


def test_a_broken_assignment_file_is_located(capsys, classroom, tmp_path):
    broken = tmp_path / "a.yaml"
    broken.write_text("assignments:\n  - scenario: agressive-desk\n    due: soon\n", encoding="utf-8")
    code, _, err = cli(capsys, "class", "--assignments", broken)
    assert code == 2
    assert f"{broken}:3:10" in err
    broken.write_text("assignments:\n  - scenario: agressive-desk\n", encoding="utf-8")
    code, _, err = cli(capsys, "next", "--assignments", broken)
    assert code == 2 and f"{broken}:2:15" in err and "aggressive-desk" in err


def test_a_class_list_adds_trainees_and_is_checked(capsys, classroom, tmp_path):
    roster = tmp_path / "class.txt"
    roster.write_text("# the evening team\nGustav\nAino\naino\n", encoding="utf-8")
    code, out, err = cli(capsys, "class", "--format", "json", "--trainees", roster)
    assert code == 0
    assert "Gustav" in [t["name"] for t in json.loads(out)["trainees"]]
    assert f"{roster}:4:1" in err and "twice" in err


def test_next_changes_as_the_history_changes(capsys, classroom, lib):
    code, out, _ = cli(capsys, "next", "--trainee", "Aino", "--json")
    assert code == 0
    before = json.loads(out)
    assert before["scenario"]["id"] and before["reason"]["text"]
    # Aino practises what was recommended, perfectly: the recommendation moves on.
    from sim.core.scoring import score
    from sim.session import history
    from tests.class_helpers import play_one

    for seed in range(3):
        session, _ = play_one(lib, before["scenario"]["id"], 1.0, 900 + seed)
        history.record_session(session, score(session), trainee="Aino", mode=before["mode"], durations_ms=[3000] * len(session.turns))
    code, out, _ = cli(capsys, "next", "--trainee", "Aino", "--json")
    after = json.loads(out)
    assert (after["scenario"]["id"], after["reason"]["text"]) != (before["scenario"]["id"], before["reason"]["text"])
    code, out, _ = cli(capsys, "next", "--trainee", "Aino")
    assert code == 0 and "sim play" in out


def test_next_for_a_newcomer_names_an_easy_scenario(capsys, classroom, lib):
    code, out, _ = cli(capsys, "next", "--trainee", "Fanni", "--json")
    data = json.loads(out)
    # Fanni's assignment is overdue: it comes first.
    assert data["scenario"]["id"] == "stressed-parent" and data["reason"]["code"] == "assignment"
    assert any(a["overdue"] for a in data["assignments"])
    code, out, _ = cli(capsys, "next", "--trainee", "Gustav", "--json")
    data = json.loads(out)
    assert data["reason"]["code"] == "first" and data["scenario"]["difficulty"] == "easy"
    assert Path(data["scenario"]["id"]).name


def test_narrowing_the_view_keeps_what_completed_the_assignments(capsys, classroom):
    whole = {a["scenario"]: a["done"] for a in view(capsys)["assignments"]}
    # No session since this day: the grid is empty, the assignments done stay done.
    later = view(capsys, "--since", "2026-11-30")
    assert later["sessions"] == 0 and {a["scenario"]: a["done"] for a in later["assignments"]} == whole
    # Narrowed to one scenario: its assignment only, as done as before.
    one = view(capsys, "--scenario", "aggressive-desk")
    assert [(a["scenario"], a["done"]) for a in one["assignments"]] == [("aggressive-desk", whole["aggressive-desk"])]


def test_names_match_however_they_are_typed(capsys, classroom, lib):
    upper = view(capsys, "--trainee", "  AINO ")
    assert [t["name"] for t in upper["trainees"]] == ["Aino"] and upper["trainees"][0]["sessions"] == 4
    _, out, _ = cli(capsys, "next", "--trainee", "aino", "--json")
    _, same, _ = cli(capsys, "next", "--trainee", "Aino", "--json")
    assert json.loads(out)["scenario"] == json.loads(same)["scenario"] and json.loads(out)["reason"]["code"] != "first"
    # Without a class list, one row for one trainee who typed their name two ways.
    from sim.core.scoring import score
    from sim.session import history
    from tests.class_helpers import play_one

    session, _ = play_one(lib, "stressed-parent", 0.5, 77)
    history.record_session(session, score(session), trainee="ben ", mode="practice", durations_ms=[3000] * len(session.turns))
    (data_dir() / "assignments.yaml").unlink()
    names = [t["name"] for t in view(capsys)["trainees"]]
    assert names.count("Ben") == 1 and "ben" not in [n.strip() for n in names if n != "Ben"]


def test_an_assignment_is_for_the_class_only(capsys, classroom):
    _, out, _ = cli(capsys, "next", "--trainee", "Zed", "--json")
    assert json.loads(out)["assignments"] == []
    _, out, _ = cli(capsys, "next", "--trainee", "Fanni", "--json")
    assert len(json.loads(out)["assignments"]) == 2


def test_dates_at_the_ends_of_the_calendar_are_refused_or_skipped(capsys, classroom, tmp_path):
    far = tmp_path / "far.yaml"
    far.write_text("assignments:\n  - scenario: aggressive-desk\n    due: 9999-12-31\n", encoding="utf-8")
    code, _, err = cli(capsys, "class", "--assignments", far)
    assert code == 2 and f"{far}:3:10" in err and "between the years" in err
    # A handed-in report from the year 9999 is not a session: counted as unreadable, never a crash.
    folder = tmp_path / "reports"
    sid = classroom[0]
    code, _, _ = cli(capsys, "report", sid, "--format", "json", "-o", folder / "a.json")
    data = json.loads((folder / "a.json").read_text(encoding="utf-8"))
    data["session"]["started"] = "9999-12-31T23:00:00-05:00"
    data["session"]["id"] = "forged"
    (folder / "b.json").write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = cli(capsys, "class", "--from", "reports", folder, "--format", "html")
    assert code == 0 and "9999" not in out
