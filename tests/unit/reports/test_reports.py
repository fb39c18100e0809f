"""`sim report`: Markdown, HTML and JSON reports of stored sessions, written
atomically; replays on edited scenarios; and `sim summary` over many reports."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sim.files import write_file
from sim.session import history
from tests.cli_run import cli
from tests.helpers import write_scenario
from tests.history_helpers import ALONE, GOOD, HELP, ROOT, SAMPLE_DIR, SHAMING, record

# --- finding the session -------------------------------------------------------------


def test_report_last_in_markdown(sample_library, capsys):
    record(sample_library, ALONE, started="2024-05-01T10:00:00+00:00", ratings={"no-shaming": 4}, reflections={"What went well?": "I *stayed* calm"})
    sid = record(sample_library, GOOD, started="2024-05-02T10:00:00+00:00")
    code, out, err = cli(capsys, "report", "last")
    assert code == 0 and err == ""
    assert out.startswith("# Sample\n\n- Session: `" + sid + "`, trainee ann, played 2024-05-02T10:00:00+00:00")
    assert "- Overall: **100** (excellent)" in out and "Note:" not in out
    code, out, _ = cli(capsys, "report", history.sessions()[0].id)
    assert "## Critical misses" in out and "| No shaming (goal) | 0 | 4/5 | +75 | 0/4 |" in out
    assert r"I \*stayed\* calm" in out


def test_report_finds_a_session_by_a_unique_part_of_its_id(sample_library, capsys):
    record(sample_library, GOOD, session_id="20240501T100000-aaaa1111")
    record(sample_library, ALONE, session_id="20240501T110000-bbbb2222")
    code, out, _ = cli(capsys, "report", "bbbb2222", "--format", "json")
    assert code == 0 and json.loads(out)["session"]["id"] == "20240501T110000-bbbb2222"
    code, _, err = cli(capsys, "report", "20240501T1")
    assert code == 2 and "2 sessions start with this" in err and "hint: give more of the id" in err
    code, _, err = cli(capsys, "report", "nope")
    assert code == 2 and err.startswith("nope: no session with this id") and "`sim history` lists" in err


def test_report_with_an_empty_history(capsys):
    code, _, err = cli(capsys, "report", "last")
    assert code == 2 and "there are no sessions in the history yet" in err and "hint:" in err


def test_report_of_a_journal_only_session(sample_library, capsys):
    """A session the TUI only journalled is imported on the way."""
    from tests.history_helpers import write_journal

    sid = write_journal(sample_library, SHAMING, trainee="dan")
    code, out, _ = cli(capsys, "report", "last", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["session"]["id"] == sid and data["session"]["trainee"] == "dan"
    assert [t["ms"] for t in data["turns"]] == [1000, 2000, 3000]


# --- JSON --------------------------------------------------------------------------------


def test_json_report_has_everything_a_summary_needs(sample_library, capsys):
    record(sample_library, ALONE, ratings={"no-shaming": 4, "listen-acknowledge": 1}, reflections={"q": "a"})
    code, out, _ = cli(capsys, "report", "last", "--format", "json")
    data = json.loads(out)
    assert (data["format"], data["version"]) == ("encounter-sim.report", 1)
    assert data["scenario"]["id"] == "sample" and data["scenario"]["content_changed"] is False
    assert (data["ending"], data["success"], data["overall"], data["grade"]) == ("escalated", False, 0, "needs practice")
    p = {x["id"]: x for x in data["principles"]}
    assert (p["no-shaming"]["self_score"], p["no-shaming"]["gap"], p["no-shaming"]["calibration"]) == (75, 75, "over")
    assert (p["listen-acknowledge"]["gap"], p["listen-acknowledge"]["calibration"]) == (0, "calibrated")
    assert data["calibration"] == {"rated": 2, "mean_gap": 37.5, "mean_abs_gap": 37.5}
    assert [m["principle"] for m in data["critical_misses"]] == ["call-help-early"]
    assert data["tension"] == [50, 80, 100, 100]
    first = data["turns"][0]
    assert first["was_best"] is False and first["better"]["choice_id"] == "acknowledge"
    assert first["better"]["say"] == "Three visits and no answer - let's look at it together."
    assert data["turns"][2]["better"]["action"] == "help"
    assert data["transcript"][0] == {"turn": 1, "node": "opening", "speaker": "client", "text": "Third time here! Nobody does anything!"}
    assert data["reflections"] == [{"id": None, "prompt": "q", "answer": "a"}]  # an unknown question keeps its words


# --- HTML ----------------------------------------------------------------------------------

HOSTILE = "<script>alert('x')</script>"


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _hostile_scenario(tmp_path: Path):
    nodes = {
        "opening": {
            "client": f"Look at this {HOSTILE} and <img src=https://evil.example/x.png>",
            "choices": [
                {"id": "calm", "say": "I hear you <a href='https://evil.example'>click</a>", "principles": {"listen-acknowledge": 2}, "feedback": f"Good {HOSTILE}", "next": "done"},
                {"id": "rude", "say": f"Read the sign {HOSTILE}", "principles": {"listen-acknowledge": -1}, "next": "done"},
            ],
        },
        "done": {"narration": "It ends \x1b[31mred\x1b[0m.", "end": "resolved"},
        "helped": {"end": "help-called"},
    }
    lib, loaded = write_scenario(tmp_path, nodes, title=f"Hostile {HOSTILE}")
    assert loaded is not None, [p.format() for p in lib.problems]
    return lib, loaded


def test_html_report_is_self_contained_and_escapes_authored_text(tmp_path, capsys, monkeypatch):
    from sim.core.engine import Session
    from sim.core.scoring import score

    lib, loaded = _hostile_scenario(tmp_path)
    session = Session.replay(loaded.scenario, lib.profile_for(loaded.scenario), 0, ["rude"])
    history.record_session(
        session, score(session), trainee="<b>eve</b>", scenario_path=str(loaded.path),
        self_assessment={"ratings": {"listen-acknowledge": 5}, "reflections": {"What went well?": HOSTILE}},
    )  # fmt: skip

    def no_network(*args, **kwargs):
        raise AssertionError("the report tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    out_file = tmp_path / "out" / "report.html"
    code, _, err = cli(capsys, "report", "last", "--format", "html", "-o", out_file)
    assert code == 0 and f"wrote {out_file}" in err
    page = out_file.read_text(encoding="utf-8")

    parser = _Collect()
    parser.feed(page)
    tags = [t for t, _ in parser.tags]
    assert "script" not in tags and "img" not in tags and "link" not in tags and "iframe" not in tags
    # The only links lead within the page: from a principle's score to the turns behind it.
    links = [a.get("href") for t, a in parser.tags if t == "a"]
    assert links and all(re.fullmatch(r"#turn-\d+", href or "") for href in links), links
    for tag, attrs in parser.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("src", "href", "action", "data", "poster", "srcset", "xlink:href"):
                assert not (value or "").lower().startswith(("http:", "https:", "//")), (tag, name, value)
            if name == "style":
                assert value.startswith("width:") and "url(" not in value
    csp = [a["content"] for t, a in parser.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'; img-src data:"]
    assert "url(" not in page and "@import" not in page and "http://" not in page.replace("http://www.w3.org", "")

    text = "".join(parser.text)
    # The hostile texts are shown as text, and the escape sequence as visible control pictures.
    assert f"Look at this {HOSTILE} and <img src=https://evil.example/x.png>" in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert f"Read the sign {HOSTILE}" in text and "I hear you <a href='https://evil.example'>click</a>" in text
    assert "It ends ␛[31mred␛[0m." in text and "\x1b" not in page
    assert "<b>eve</b>" in text and "&lt;b&gt;eve&lt;/b&gt;" in page
    assert f"Hostile {HOSTILE}" in text
    # Transcript, scores, self-assessment with its gap, the better alternative.
    assert "Turn 1" in text and "tension 50 → 50" in text
    assert "Listen and acknowledge" in text and ">0<" in page
    assert "5/5 (100)" in text and "+100 rated higher" in text
    assert "Better:" in text and "“I hear you <a href='https://evil.example'>click</a>”" in text
    assert HOSTILE in text.split("Reflection", 1)[1]


def test_html_report_of_a_sample_session(sample_library, capsys):
    record(sample_library, HELP, ratings={"no-shaming": 3})
    code, out, _ = cli(capsys, "report", "last", "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert "Critical misses" in out and "Turn 2: Call for help early" in out
    assert "called for help: You ask your colleague to join you." in out
    assert "<svg" in out and "polyline" in out


def test_every_report_format_is_offered_by_the_cli_and_the_tui_and_rendered(sample_library, capsys):
    from sim.reports.formats import FORMATS
    from sim.tui.screens.save_report import CHOICES

    assert {f for _, formats in CHOICES for f in formats} == set(FORMATS)
    record(sample_library, HELP)
    for fmt in FORMATS:
        code, out, _ = cli(capsys, "report", "last", "--format", fmt)
        assert code == 0 and out.strip(), fmt


def test_the_html_report_says_when_in_local_time_and_which_zone(sample_library, capsys, monkeypatch):
    with monkeypatch.context() as zone:
        zone.setenv("TZ", "Europe/Helsinki")
        time.tzset()
        try:
            record(sample_library, HELP, started="2024-05-01T10:00:00+00:00")
            code, out, _ = cli(capsys, "report", "last", "--format", "html")
        finally:
            zone.undo()
            time.tzset()
    assert code == 0 and "Played: 2024-05-01 13:00 (UTC+03:00)" in out


# --- edited scenarios ---------------------------------------------------------------------


def _copy_sample(tmp_path: Path) -> Path:
    folder = tmp_path / "copy"
    shutil.copytree(SAMPLE_DIR, folder)
    return folder / "sample.yaml"


def test_a_changed_scenario_is_named_in_every_format(tmp_path, capsys):
    from sim.content.library import load_library
    from sim.core.engine import Session
    from sim.core.scoring import score

    path = _copy_sample(tmp_path)
    lib = load_library([path])
    loaded = lib.scenario("sample")
    session = Session.replay(loaded.scenario, lib.profile_for(loaded.scenario), 0, GOOD)
    history.record_session(session, score(session), scenario_path=str(path))
    played = loaded.scenario.content_hash
    path.write_text(path.read_text(encoding="utf-8").replace("A concrete next step.", "A concrete, friendly next step."), encoding="utf-8")
    current = load_library([path]).scenario("sample").scenario.content_hash
    assert current != played

    code, out, _ = cli(capsys, "report", "last")
    assert code == 0 and f"the scenario has changed since this session was played (content {played} → {current})" in out
    assert "A concrete, friendly next step." in out
    code, out, _ = cli(capsys, "report", "last", "--format", "json")
    scen = json.loads(out)["scenario"]
    assert (scen["content_changed"], scen["played_hash"], scen["content_hash"]) == (True, played, current)
    code, out, _ = cli(capsys, "report", "last", "--format", "html")
    assert "The scenario has changed since this session was played" in out


def test_a_scenario_changed_beyond_replay_is_a_clear_error(tmp_path, capsys):
    from sim.content.library import load_library
    from sim.core.engine import Session
    from sim.core.scoring import score

    path = _copy_sample(tmp_path)
    lib = load_library([path])
    loaded = lib.scenario("sample")
    session = Session.replay(loaded.scenario, lib.profile_for(loaded.scenario), 0, GOOD)
    history.record_session(session, score(session), scenario_path=str(path))
    path.write_text(path.read_text(encoding="utf-8").replace("id: file", "id: file-it"), encoding="utf-8")
    code, out, err = cli(capsys, "report", "last")
    assert code == 2 and out == ""
    assert err.startswith(f"{path}: the scenario changed since this session was played")
    assert "step 2 (`file` at `details`) no longer fits" in err
    assert "hint:" in err and "restore the scenario version that was played" in err
    path.write_text("id: sample\ntitle: [unclosed\n", encoding="utf-8")
    code, _, err = cli(capsys, "report", "last")
    assert code == 2 and err.startswith(f"{path}:") and "the scenario file has errors now" in err and "sim validate" in err
    path.unlink()
    code, _, err = cli(capsys, "report", "last")
    assert code == 2 and "scenario `sample` cannot be found any more" in err and "--dir" in err


# --- atomic writing ----------------------------------------------------------------------------

KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from sim import files

target, marker, where = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
text = "<p>new report</p>\\n" * 2_000_000   # ~36 MB: a big report
if where == "write":
    real_fdopen = os.fdopen
    class Slow:
        # The temp file gets the first half, then the process hangs mid-write.
        def __init__(self, fh): self.fh = fh
        def __enter__(self): return self
        def __exit__(self, *a): return self.fh.__exit__(*a)
        def write(self, s):
            self.fh.write(s[: len(s) // 2]); self.fh.flush()
            marker.touch(); time.sleep(120)
        def __getattr__(self, name): return getattr(self.fh, name)
    os.fdopen = lambda *a, **k: Slow(real_fdopen(*a, **k))
else:
    real_fsync = os.fsync
    def slow_fsync(fd):
        # Everything written, not yet durable nor in place.
        marker.touch(); time.sleep(120)
    os.fsync = slow_fsync
files.write_file(target, text)
"""


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_a_kill_during_a_report_write_leaves_the_old_file(tmp_path, where):
    target = tmp_path / "reports" / "report.html"
    write_file(target, "<p>old report</p>\n", parents=True)
    marker = tmp_path / "in-write"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target), str(marker), where], env=env, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert child.poll() is None, child.stderr.read().decode()
            assert time.monotonic() < deadline, "the writer never got going"
            time.sleep(0.005)
        temps = [p for p in target.parent.iterdir() if p != target]
        assert len(temps) == 1 and temps[0].stat().st_size > 1_000_000  # the new report, part-written
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == "<p>old report</p>\n"
    # The next write replaces it whole, leftover temp file or not.
    write_file(target, "<p>newer</p>\n")
    assert target.read_text(encoding="utf-8") == "<p>newer</p>\n"


def test_an_unwritable_output_is_a_clear_error(sample_library, tmp_path, capsys):
    record(sample_library, GOOD)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = cli(capsys, "report", "last", "-o", blocker / "report.md")
    assert code == 2 and f"{blocker / 'report.md'}: cannot write this file" in err and "hint:" in err


@pytest.mark.parametrize(("setting", "en", "fi"), [("double", "Time limits were doubled", "Aikarajat olivat kaksinkertaiset"), ("off", "Time limits were off", "Aikarajat eivät olleet käytössä")])
def test_a_time_limit_setting_is_said_in_every_report_format(sample_library, capsys, setting, en, fi):
    from sim.core.scoring import score
    from tests.history_helpers import play as replay

    session = replay(sample_library, GOOD)
    sid = history.record_session(session, score(session), trainee="ann", time_limits=setting, scenario_path=str(SAMPLE_DIR / "sample.yaml"))
    for fmt in ("md", "html"):
        code, out, _ = cli(capsys, "report", sid, "--format", fmt)
        assert code == 0 and en in out
    code, out, _ = cli(capsys, "report", sid, "--format", "json")
    assert json.loads(out)["session"]["time_limits"] == setting
    code, out, _ = cli(capsys, "report", sid, "--lang", "fi")
    assert fi in out


def test_no_time_limit_note_when_the_limits_were_as_written(sample_library, capsys):
    sid = record(sample_library, GOOD)
    code, out, _ = cli(capsys, "report", sid)
    assert code == 0 and "Time limits" not in out


def test_a_session_graded_differently_by_todays_rules_says_what_was_recorded(tmp_path, capsys):
    """The history and the LRS keep the result of when it was played; a report
    scored again after the catalogue's pass mark changed says both."""
    import yaml

    from sim.core.engine import Session
    from sim.core.scoring import score

    lib, ls = write_scenario(tmp_path, {
        "opening": {"client": "Well?", "choices": [
            {"id": "good", "say": "Let's look.", "principles": {"listen-acknowledge": 2}, "feedback": "Good.", "next": "done"},
            {"id": "fair", "say": "Hm.", "principles": {"listen-acknowledge": 1}, "feedback": "Fair.", "next": "done"},
        ]},
        "done": {"end": "resolved"},
        "helped": {"end": "help-called"},
    }, goals=["listen-acknowledge"])  # fmt: skip
    session = Session.replay(ls.scenario, lib.profile_for(ls.scenario), 0, ["good"])
    history.record_session(session, score(session), trainee="ann", scenario_path=str(ls.path))
    code, out, _ = cli(capsys, "report", "last", "--format", "json", "--dir", tmp_path)
    assert code == 0 and json.loads(out)["as_recorded"] is None  # nothing changed: nothing to say
    catalogue = tmp_path / "principles.yaml"
    data = yaml.safe_load(catalogue.read_text(encoding="utf-8"))
    data["assessment"] = {"pass": 100, "endings": {"resolved": 60}}
    catalogue.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, out, _ = cli(capsys, "report", "last", "--format", "json", "--dir", tmp_path)
    report = json.loads(out)
    assert (report["overall"], report["passed"], report["as_recorded"]) == (60, False, {"overall": 100, "passed": True})
    code, out, _ = cli(capsys, "report", "last", "--dir", tmp_path)
    assert "when it was played it scored 100 and was passed" in out
    code, out, _ = cli(capsys, "report", "last", "--format", "html", "--dir", tmp_path)
    assert "when it was played it scored 100 and was passed" in out
