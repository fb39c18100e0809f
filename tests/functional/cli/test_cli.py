"""The `sim` command: exit codes, output formats, and never a traceback.

Most tests run the CLI in-process (`sim.cli.main.run`); a few run it as a real
subprocess, the way instructors and CI do.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sim.content.library
from tests.cli_run import cli
from tests.conftest import ROOT

SAMPLE = ROOT / "tests" / "data" / "sample"
SAMPLE_FILE = SAMPLE / "sample.yaml"
SAMPLE_TEXT = SAMPLE_FILE.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    monkeypatch.setenv("SIM_LANG", "en")
    monkeypatch.setenv("NO_COLOR", "1")
    for var in ("SIM_DIALOGUES", "SIM_DEBUG"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def no_builtins(tmp_path_factory, monkeypatch):
    """Keep concurrently edited built-in content out of in-process runs."""
    empty = tmp_path_factory.mktemp("no-builtins")
    monkeypatch.setattr(sim.content.library, "builtin_dialogues", lambda: empty / "dialogues")
    monkeypatch.setattr(sim.content.library, "builtin_profiles", lambda: empty / "profiles")


def subprocess_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SIM_DIALOGUES", "SIM_DEBUG")}
    env.update({"PYTHONPATH": str(ROOT), "SIM_LANG": "en", "NO_COLOR": "1", "COLUMNS": "80"})
    return env


def sim_process(*args: str) -> subprocess.CompletedProcess[bytes]:
    proc = subprocess.run(
        [sys.executable, "-m", "sim", *map(str, args)],
        cwd=ROOT,
        env=subprocess_env(),
        capture_output=True,
        timeout=60,
    )
    assert b"Traceback" not in proc.stdout + proc.stderr
    return proc


def position(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def sample_copy(tmp_path: Path, text: str | None = None, name: str = "lib") -> Path:
    """A copy of tests/data/sample (personas and principles included); returns the scenario file."""
    folder = tmp_path / name
    shutil.copytree(SAMPLE, folder)
    path = folder / "sample.yaml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    return path


# --- validate: exit codes and located problems ------------------------------------


def test_validate_clean_sample_exits_0(capsys, no_builtins):
    code, out, err = cli(capsys, "validate", SAMPLE)
    assert code == 0
    assert out.strip() == "0 errors, 0 warnings in 3 files"
    assert err == ""


BROKEN = {
    "typo-key": (
        SAMPLE_TEXT.replace("        next: angry\n", "        nxet: angry\n"),
        "nxet",
        "unknown key `nxet`",
        "did you mean `next`?",
    ),
    "dangling-next": (
        SAMPLE_TEXT.replace("next: angry", "next: angyr"),
        "angyr",
        "there is no node `angyr`",
        "did you mean `angry`?",
    ),
    "bad-condition": (
        SAMPLE_TEXT.replace('when: "tension < 100"', 'when: "tension <> 100"'),
        "<>",
        "bad condition: `<>` is not an operator",
        "use `!=`",
    ),
    "yaml-syntax": (
        SAMPLE_TEXT.replace('client: "Are you calling me stupid?"', 'client: "Are you calling me stupid?'),
        None,
        "YAML syntax: ",
        "",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_validate_reports_located_problems_without_traceback(case, tmp_path, capsys, no_builtins):
    text, needle, message, hint = BROKEN[case]
    path = sample_copy(tmp_path, text)
    code, out, err = cli(capsys, "validate", path)
    assert code == 1
    lines = out.splitlines()
    error_lines = [l for l in lines if ": error: " in l]
    assert len(error_lines) >= 1
    assert all(re.match(rf"^{re.escape(str(path))}:\d+:\d+: error: ", l) for l in error_lines)
    (found,) = [l for l in error_lines if message in l]
    if needle is not None:
        line, col = position(text, needle)
        assert found == f"{path}:{line}:{col}: error: {message}"
    hint_line = lines[lines.index(found) + 1]
    assert hint_line.startswith("    hint: ")
    assert hint in hint_line
    assert lines[0] == f"Errors ({len(error_lines)})"


def test_yaml_syntax_error_points_into_the_file(tmp_path, capsys, no_builtins):
    text = BROKEN["yaml-syntax"][0]
    path = sample_copy(tmp_path, text)
    code, out, _ = cli(capsys, "validate", path)
    assert code == 1
    # The unterminated quote runs to the next `"` on line 36; libyaml stops at line 36.
    assert f"{path}:36:" in out
    assert "hint: " in out


def test_problem_lines_are_not_wrapped(tmp_path, capsys, no_builtins):
    path = sample_copy(tmp_path, "a: \"" + "x" * 150 + "\n")
    code, out, _ = cli(capsys, "validate", path)
    assert code == 1
    (line,) = [l for l in out.splitlines() if ": error: " in l]
    assert line.startswith(f"{path}:2:1: error: YAML syntax: found unexpected end of stream")
    assert line.endswith("(while scanning a quoted scalar that starts at line 1, column 4)")


def test_validate_a_directory_of_garbage(tmp_path, capsys, no_builtins):
    garbage = tmp_path / "garbage"
    (garbage / "profiles").mkdir(parents=True)
    (garbage / "noise.yaml").write_bytes(bytes(range(1, 256)) * 3)
    (garbage / "braces.yaml").write_text("{{{{\n")
    (garbage / "words.yml").write_text("just some words\n")
    (garbage / "empty.yaml").write_text("")
    (garbage / "principles.yaml").write_text("principles: [1, 2]\n")
    (garbage / "profiles" / "p.yaml").write_text("- a\n")
    (garbage / "notes.txt").write_text("not yaml, not looked at\n")
    code, out, err = cli(capsys, "validate", garbage)
    assert code == 1
    errors = [l for l in out.splitlines() if ": error: " in l]
    assert [l.split(": error: ")[0] for l in errors] == [
        f"{garbage / 'braces.yaml'}:2:1",
        f"{garbage / 'empty.yaml'}:1:1",
        f"{garbage / 'noise.yaml'}:2:118",  # bytes 1…255: 0x80 is the first bad one, after the newline 0x0a
        f"{garbage / 'principles.yaml'}:1:13",
        f"{garbage / 'profiles' / 'p.yaml'}:1:1",
        f"{garbage / 'words.yml'}:1:1",
    ]
    assert out.count("    hint: ") == 6
    assert "6 errors, 0 warnings in 6 files" in out


def test_validate_a_binary_file(tmp_path, capsys):
    path = tmp_path / "photo.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    code, out, err = cli(capsys, "validate", path)
    assert code == 1
    assert f"{path}:1:1: error: this looks like a binary file, not YAML text" in out
    assert "    hint: save the scenario as UTF-8 text" in out


def test_validate_missing_file_exits_2(tmp_path, capsys):
    code, out, _ = cli(capsys, "validate", tmp_path / "nope.yaml")
    assert code == 2
    assert f"{tmp_path / 'nope.yaml'}:1:1: error: no such file or folder" in out


def test_validate_permission_denied_exits_2(tmp_path, capsys, monkeypatch):
    path = tmp_path / "locked.yaml"
    path.write_text("id: x\n")

    def deny(path, limit):
        raise PermissionError(13, "Permission denied", str(path))

    # (As root a chmod would not stop the read: the reading function is made to refuse.)
    monkeypatch.setattr("sim.content.yamlsafe.read_limited", deny)
    code, out, _ = cli(capsys, "validate", path)
    assert code == 2
    assert f"{path}:1:1: error: permission denied" in out


@pytest.mark.parametrize(
    "args",
    [
        ["bogus"],
        ["validate"],
        ["validate", "x.yaml", "--format", "xml"],
        ["walk"],
        ["schema", "nonsense"],
        ["walk", "x.yaml", "--seed", "abc"],
    ],
)
def test_bad_usage_exits_2_with_a_hint(args, capsys):
    code, out, err = cli(capsys, *args)
    assert code == 2
    assert "error: " in err
    assert "hint: `sim" in err and "--help` lists the options" in err


def test_help_exits_0_and_bare_sim_without_a_terminal_exits_2(capsys):
    code, out, _ = cli(capsys, "--help")
    assert code == 0
    assert out.startswith("usage: sim")
    for command in ("validate", "walk", "schema", "list"):
        assert command in out
    code, out2, err = cli(capsys)
    assert code == 2  # the simulator did not start
    assert out2.startswith("usage: sim") and "needs a terminal" in err


# --- validate: output formats ----------------------------------------------------


@pytest.fixture
def mixed_folder(tmp_path) -> Path:
    """The sample, a second scenario with one warning and a third with one error."""
    path = sample_copy(tmp_path)
    folder = path.parent
    warning = SAMPLE_TEXT.replace("id: sample\n", "id: sample-warning\n").replace(
        "        feedback: A concrete next step.\n", ""
    )
    (folder / "warning.yaml").write_text(warning, encoding="utf-8")
    error = SAMPLE_TEXT.replace("id: sample\n", "id: sample-error\n").replace("next: filed", "next: filled")
    (folder / "error.yaml").write_text(error, encoding="utf-8")
    return folder


def test_text_output_lists_errors_before_warnings(mixed_folder, capsys, no_builtins):
    code, out, _ = cli(capsys, "validate", mixed_folder)
    assert code == 1
    lines = out.splitlines()
    err_line, err_col = position(SAMPLE_TEXT.replace("next: filed", "next: filled"), "filled")
    warn_line, warn_col = position(SAMPLE_TEXT, "- id: file")
    warn_col += 2  # the choice mapping starts after `- `
    assert lines == [
        "Errors (1)",
        f"{mixed_folder / 'error.yaml'}:{err_line}:{err_col}: error: there is no node `filled`",
        "    hint: did you mean `filed`?",
        "",
        "Warnings (1)",
        f"{mixed_folder / 'warning.yaml'}:{warn_line}:{warn_col}: warning: choice has no `feedback`",
        "    hint: say why this is a good or poor move, naming the principle",
        "",
        "1 error, 1 warning in 5 files",
    ]


def test_json_output_separates_errors_and_warnings(mixed_folder, capsys, no_builtins):
    code, out, _ = cli(capsys, "validate", "--format", "json", mixed_folder)
    assert code == 1
    data = json.loads(out)
    assert data["files"] == 5
    assert data["scenarios"] == 2  # the one with an error is not counted
    assert [e["code"] for e in data["errors"]] == ["unknown-node"]
    assert [w["code"] for w in data["warnings"]] == ["no-feedback"]
    error = data["errors"][0]
    assert set(error) == {"path", "line", "col", "severity", "code", "message", "hint"}
    assert error["severity"] == "error" and data["warnings"][0]["severity"] == "warning"
    assert error["path"] == str(mixed_folder / "error.yaml")
    assert (error["line"], error["col"]) == position(SAMPLE_TEXT.replace("next: filed", "next: filled"), "filled")
    assert error["hint"] == "did you mean `filed`?"


def test_json_output_of_a_clean_folder(capsys, no_builtins):
    code, out, _ = cli(capsys, "validate", "--format", "json", SAMPLE)
    assert code == 0
    assert json.loads(out) == {"files": 3, "scenarios": 1, "errors": [], "warnings": []}


def test_github_annotations(mixed_folder, capsys, no_builtins):
    code, out, _ = cli(capsys, "validate", "--format", "github", mixed_folder)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"::error file={mixed_folder / 'error.yaml'},line=")
    assert ",title=unknown-node::there is no node `filled` (hint: did you mean `filed`?)" in lines[0]
    assert lines[1].startswith(f"::warning file={mixed_folder / 'warning.yaml'},line=")
    assert lines[1].endswith("title=no-feedback::choice has no `feedback` (hint: say why this is a good or poor move, naming the principle)")


def test_github_annotations_escape_properties_and_message(tmp_path, capsys):
    folder = tmp_path / "we,ird:dir"
    folder.mkdir()
    (folder / "pct.yaml").write_text("a: %x\n")
    (folder / "nl.yaml").write_text('id: x\n"bad\\nkey": 1\n')
    code, out, _ = cli(capsys, "validate", "--format", "github", folder)
    assert code == 1
    lines = out.splitlines()
    escaped_dir = str(folder).replace(",", "%2C").replace(":", "%3A")
    assert all(re.match(r"^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[^,:]+::", l) for l in lines), lines
    pct = [l for l in lines if "pct.yaml" in l]
    assert pct == [
        f"::error file={escaped_dir}/pct.yaml,line=1,col=4,title=yaml-syntax::YAML syntax: found character that "
        "cannot start any token (while scanning for the next token) (hint: `%25` cannot start a plain value: put the value in quotes)"
    ]
    newline = [l for l in lines if "unknown key" in l]
    assert len(newline) == 1
    assert newline[0].startswith(f"::error file={escaped_dir}/nl.yaml,line=2,col=1,title=unknown-key::unknown key `bad%0Akey` (hint: ")


# --- walk --------------------------------------------------------------------------


def test_walk_prints_transcript_scores_and_ending(capsys):
    code, out, err = cli(capsys, "walk", SAMPLE_FILE, "--choices", "notice,1,1")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("Sample") and "(sample, seed 0)" in lines[0]
    assert lines[1] == "Client: Angry client — tension 50, trust 30, threat at 75"
    for expected in [
        "── Turn 1 · opening",
        "  Client: Third time here! Nobody does anything!",
        "    1. Three visits and no answer - let's look at it together.",
        "  ▶ 2. It says on the notice that decisions take four weeks.",
        "    Feedback: Pointing at the notice shames the client.",
        "    Principles: no-shaming -2",
        "    tension 50 → 80 (+30) · trust 30",
        "── Turn 2 · angry",
        "  ▶ 1. No - the notice is easy to miss. Let's check your case.",
        "    Critical miss: call-help-early",
        "── Turn 3 · details",
        "── filed",
        "  The complaint is filed.",
        "Ending: resolved (a successful ending, but with a critical miss)",
        "Critical miss at turn 2: call-help-early — carried on alone while the client was a threat",
        "Overall: 28 — needs practice",
    ]:
        assert any(l.rstrip() == expected for l in lines), expected
    # Scores name the turns that earned them.
    assert "t1 +0 of +0…+2 → 0/2" in out  # listen-acknowledge
    assert "t1 -2 of -2…+0 → 0/2" in out  # no-shaming
    assert "t2 +0 of +0…+2 → 0/2" in out  # call-help-early: help was the best option at turn 2
    assert re.search(r"No shaming \(no-shaming\) ★\s*│\s+50 │\s+2/4 │", out)


def test_walk_best_path(capsys):
    code, out, _ = cli(capsys, "walk", SAMPLE_FILE, "--choices", "acknowledge, file")
    assert code == 0
    assert "t1 +2 of +0…+2 → 2/2" in out
    assert "not tested" in out  # call-help-early: never threatened
    assert out.rstrip().endswith("Overall: 100 — excellent\nPassed (pass mark 70).")
    assert "Ending: resolved (a successful ending)" in out


def test_walk_stopped_before_an_ending(capsys):
    code, out, _ = cli(capsys, "walk", SAMPLE_FILE, "--choices", "1")
    assert code == 0
    assert "Stopped at node `details` (not an ending)" in out


def test_walk_json_structure(capsys):
    code, out, _ = cli(capsys, "walk", SAMPLE_FILE, "--choices", "notice,help", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {
        "scenario", "content_hash", "seed", "lang", "actions", "transcript", "turns",
        "node", "ended", "ending", "success", "passed", "shortfalls", "verdicts", "scores",
    }
    assert data["scenario"] == "sample" and data["seed"] == 0 and data["lang"] == "en"
    assert re.fullmatch(r"[0-9a-f]{16}", data["content_hash"])
    assert data["actions"] == ["notice", "help"]
    assert (data["node"], data["ended"], data["ending"], data["success"]) == ("colleague", True, "help-called", True)
    # As the debrief judges it: not passed (turn 1 shamed the client), the call at turn 2 the right move.
    assert data["passed"] is False and {f["code"] for f in data["shortfalls"]} >= {"score"}
    assert data["verdicts"] == [{"turn": 1, "was_best": False, "better": "acknowledge"}, {"turn": 2, "was_best": True, "better": None}]
    assert [t["action"] for t in data["turns"]] == ["choice", "help"]
    first, second = data["turns"]
    assert first["choice_id"] == "notice" and first["next"] == "angry"
    assert first["state_before"] == {"tension": 50, "trust": 30, "turn": 0}
    assert first["state_after"] == {"tension": 80, "trust": 30, "turn": 1}
    assert second["threatened"] is True and second["principles"] == {"call-help-early": 2}
    assert data["transcript"][0] == {"turn": 1, "node": "opening", "speaker": "client", "text": "Third time here! Nobody does anything!"}
    scores = data["scores"]
    assert scores["critical_misses"] == []
    by_id = {p["id"]: p for p in scores["principles"]}
    assert list(by_id)[:3] == ["listen-acknowledge", "no-shaming", "call-help-early"]
    assert by_id["call-help-early"]["score"] == 100
    assert by_id["call-help-early"]["evidence"] == [
        {"turn": 2, "node": "angry", "choice_id": None, "action": "help", "delta": 2, "best": 2, "worst": 0}
    ]
    # t1: -2 of -2…0 → 0/2; t2: the call for help says nothing about shaming, so it is no evidence.
    assert (by_id["no-shaming"]["earned"], by_id["no-shaming"]["possible"]) == (0, 2)
    assert [e["turn"] for e in by_id["no-shaming"]["evidence"]] == [1]


def test_walk_invalid_option_number_exits_2_with_a_located_message(capsys):
    code, out, err = cli(capsys, "walk", SAMPLE_FILE, "--choices", "1,5")
    assert code == 2
    assert out == ""
    line, col = position(SAMPLE_TEXT, "details:")
    assert err.splitlines() == [
        f"{SAMPLE_FILE}:{line}:{col}: error: choice 2 (`5`) at node `details`: there is no option 5; choose 1–1",
        "    hint: options are numbered as `sim walk` prints them; ids, `help` and `timeout` work too",
    ]


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ("nope", "choice 1 (`nope`) at node `opening`: node `opening` has no choice `nope`, and no other node has one; it may have been renamed or removed"),
        ("1,1,1,1", "choice 3 (`1`) at node `filed`: the encounter has ended"),
        ("timeout", "choice 1 (`timeout`) at node `opening`: node `opening` has no time limit"),
        ("0", "choice 1 (`0`) at node `opening`: there is no option 0; choose 1–2"),
    ],
)
def test_walk_bad_choices_exit_2(choices, message, capsys):
    code, _, err = cli(capsys, "walk", SAMPLE_FILE, "--choices", choices)
    assert code == 2
    assert f": error: {message}" in err.splitlines()[0]


def test_walk_missing_or_broken_scenario_exits_2(tmp_path, capsys, no_builtins):
    code, _, err = cli(capsys, "walk", "no-such-scenario")
    assert code == 2
    assert err.startswith("no-such-scenario:1:1: error: no scenario file or id `no-such-scenario`")
    broken = sample_copy(tmp_path, SAMPLE_TEXT.replace("next: angry", "next: angyr"))
    code, _, err = cli(capsys, "walk", broken, "--choices", "1")
    assert code == 2
    line, col = position(SAMPLE_TEXT.replace("next: angry", "next: angyr"), "angyr")
    assert err.startswith(f"{broken}:{line}:{col}: error: there is no node `angyr`")


def test_walk_by_id_with_dir(capsys):
    code, out, _ = cli(capsys, "--dir", SAMPLE, "walk", "sample", "--choices", "acknowledge,file")
    assert code == 0
    assert "Overall: 100 — excellent" in out


def test_walk_is_byte_identical_across_processes():
    args = ("walk", SAMPLE_FILE, "--choices", "notice,sorry,file", "--seed", "7")
    first = sim_process(*args)
    second = sim_process(*args)
    assert first.returncode == second.returncode == 0
    assert first.stderr == second.stderr == b""
    assert first.stdout == second.stdout
    assert b"Overall: 28" in first.stdout


def shuffled_sample(tmp_path: Path) -> Path:
    return sample_copy(tmp_path, SAMPLE_TEXT.replace("shuffle: false", "shuffle: true"), name="shuffled")


def option_lines(out: str) -> list[str]:
    return [l.strip() for l in out.splitlines() if re.match(r"^  [▶ ] \d+\. ", l)]


def test_seed_changes_numbering_but_ids_give_the_same_scores(tmp_path, capsys):
    path = shuffled_sample(tmp_path)
    orders = {}
    for seed in range(12):
        code, out, _ = cli(capsys, "walk", path, "--choices", "notice,sorry,file", "--seed", seed)
        assert code == 0
        orders[seed] = option_lines(out)
    assert len({tuple(o) for o in orders.values()}) > 1, "some seed should change the option order"
    other = next(seed for seed, order in orders.items() if order != orders[0])

    def scores(seed: int):
        code, out, _ = cli(capsys, "walk", path, "--choices", "notice,sorry,file", "--seed", seed, "--json")
        assert code == 0
        data = json.loads(out)
        return data["actions"], data["scores"], data["ending"]

    assert scores(0) == scores(other)
    actions, result, ending = scores(0)
    assert actions == ["notice", "sorry", "file"] and ending == "resolved"
    assert result["overall"] == 28


def test_walk_text_option_numbers_follow_the_seed(tmp_path, capsys):
    path = shuffled_sample(tmp_path)
    for seed in range(12):
        code, out, _ = cli(capsys, "walk", path, "--choices", "notice", "--seed", seed)
        chosen = [l for l in option_lines(out) if l.startswith("▶")]
        assert chosen and chosen[0].endswith("It says on the notice that decisions take four weeks.")
        number = int(chosen[0].split()[1].rstrip("."))
        # Choosing by that number gives the same turn as choosing by id.
        code, by_number, _ = cli(capsys, "walk", path, "--choices", str(number), "--seed", seed)
        assert by_number == out


# --- schema and list -------------------------------------------------------------------------


def test_schema_prints_json(capsys):
    code, out, _ = cli(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "Scenario"
    assert {"id", "title", "nodes", "help"} <= set(schema["properties"])
    code, out, _ = cli(capsys, "schema", "profile")
    assert code == 0 and json.loads(out)["title"] == "Profile"


def test_schema_output_file(tmp_path, capsys):
    target = tmp_path / "scenario.schema.json"
    code, out, _ = cli(capsys, "schema", "-o", target)
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "Scenario"
    code, _, err = cli(capsys, "schema", "-o", tmp_path / "new" / "x.json")
    assert code == 0 and (tmp_path / "new" / "x.json").exists()  # a missing folder is made
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, _, err = cli(capsys, "schema", "-o", blocker / "x.json")
    assert code == 2
    assert f"{blocker / 'x.json'}: cannot write this file (Not a directory)" in err
    assert "hint: check that its folder exists" in err


def test_schema_subprocess_is_valid_json():
    proc = sim_process("schema", "principles")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["title"] == "Catalogue"


def test_list_json_includes_dir(capsys):
    code, out, _ = cli(capsys, "--dir", SAMPLE, "list", "--json")
    assert code == 0
    rows = json.loads(out)
    local = [r for r in rows if not r["builtin"]]
    assert local == [
        {
            "id": "sample",
            "title": "Sample",
            "channel": "desk",
            "persona": "Angry client",
            "difficulty": "easy",
            "languages": ["en"],
            "minutes": 3,
            "builtin": False,
            "path": str(SAMPLE_FILE),
        }
    ]
    # Built-in scenarios (if any) come first.
    assert [r["builtin"] for r in rows] == sorted((r["builtin"] for r in rows), reverse=True)


def test_list_uses_sim_dialogues(capsys, monkeypatch):
    monkeypatch.setenv("SIM_DIALOGUES", str(SAMPLE))
    code, out, _ = cli(capsys, "list", "--json", "--lang", "fi")
    assert code == 0
    (row,) = [r for r in json.loads(out) if not r["builtin"]]
    assert row["title"] == "Esimerkki"
    assert row["persona"] == "Kiukkuinen asiakas"


def test_list_table(capsys):
    code, out, _ = cli(capsys, "--dir", SAMPLE, "list")
    assert code == 0
    assert "Scenarios" in out
    assert re.search(r"^  sample \*\s+Sample\s+desk\s+Angry client\s+easy\s+en\s+3\s*$", out, re.M)
    assert re.search(r"^\* sample: .*tests/data/sample/sample.yaml$", out, re.M)


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_list_fits_an_80_column_terminal(capsys, monkeypatch, lang):
    import sim.cli.listing
    from sim.console import console

    monkeypatch.setattr(sim.cli.listing, "console", lambda: console_80)
    console_80 = console()
    console_80.width = 80
    code, out, _ = cli(capsys, "--lang", lang, "list")
    assert code == 0
    lines = out.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    header = next(line for line in lines if line.strip().startswith(("id", "tunnus")))
    assert header.split()[-1] == "min"  # the last column is on screen, not cut off
    assert "aggressive-desk" in out and "Frustrated" not in out  # the persona is left out


def test_subprocess_help_and_validate_errors():
    help_proc = sim_process("--help")
    assert help_proc.returncode == 0
    assert help_proc.stdout.startswith(b"usage: sim")
    bare = sim_process()
    assert bare.returncode == 2 and bare.stdout.startswith(b"usage: sim") and b"needs a terminal" in bare.stderr
    proc = sim_process("validate", SAMPLE, "no-such-file.yaml")
    assert proc.returncode == 2
    assert b"no-such-file.yaml:1:1: error: no such file or folder" in proc.stdout


def test_validate_a_single_file_uses_its_companions(capsys, no_builtins):
    code, out, _ = cli(capsys, "validate", SAMPLE_FILE)
    assert "there is no persona" not in out
    assert code == 0


def test_piped_output_honours_columns(capsys, monkeypatch, sample_library):
    from tests.history_helpers import GOOD, record

    record(sample_library, GOOD)
    code, fixed, _ = cli(capsys, "history", "--trainee", "ann")
    assert code == 0 and 60 < max(len(line) for line in fixed.splitlines()) <= 100  # the fixed width
    monkeypatch.setenv("COLUMNS", "60")
    code, narrow, _ = cli(capsys, "history", "--trainee", "ann")
    assert code == 0 and max(len(line) for line in narrow.splitlines()) <= 60
    monkeypatch.setenv("COLUMNS", "not-a-number")  # ignored: the fixed width again
    assert cli(capsys, "history", "--trainee", "ann")[1] == fixed


def test_every_command_in_the_table_resolves_and_every_command_has_an_entry():
    import argparse
    from importlib import import_module

    from sim.cli.main import APP, COMMANDS, PLAIN, build_parser

    for target in [*COMMANDS.values(), APP, PLAIN]:
        module, _, function = target.partition(":")
        assert callable(getattr(import_module(module), function)), target
    sub = next(a for a in build_parser("en")._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == set(COMMANDS) | {"play"}


@pytest.mark.parametrize(
    "args, says",
    [
        (["export", "--xapi", "--timeout", "-1"], "is not a number of seconds"),
        (["export", "--xapi", "--timeout", "nan"], "is not a number of seconds"),
        (["export", "--xapi", "--timeout", "inf"], "is not a number of seconds"),
        (["export", "--xapi", "--lrs", "http://[::1"], "is not a web address"),
        (["export", "--xapi", "--lrs", "http://lrs.example.org:99999/"], "is not a web address"),
        (["export", "--xapi", "--lrs", "file:///etc/passwd"], "is not a web address"),
    ],
)
def test_a_bad_argument_is_a_usage_error_with_a_message(capsys, args, says):
    code, out, err = cli(capsys, *args)
    assert code == 2 and says in err and "Traceback" not in err


def test_json_output_carries_no_escape_from_a_scenario(tmp_path, capsys):
    from tests.helpers import write_scenario

    _, ls = write_scenario(
        tmp_path,
        {"opening": {"client": "Hi\u202eevil", "choices": [{"id": "ok", "say": "Hello", "next": "done"}]}, "done": {"end": "resolved"}, "helped": {"end": "help-called"}},
        title="Title\x1b]0;owned\x07\U000e0041",
    )
    for command in (["walk", str(ls.path), "--choices", "ok", "--json"], ["list", "--dir", str(tmp_path), "--json"]):
        code, out, err = cli(capsys, *command)
        assert code == 0, err
        assert not any(ch in out for ch in "\x1b\x07\u202e\U000e0041"), command
        assert "\\u001b" not in out and "\\u0007" not in out


def test_list_of_a_folder_that_is_not_there_says_so(capsys, tmp_path):
    for extra in ([], ["--json"]):
        code, out, err = cli(capsys, "list", "--dir", tmp_path / "nowhere", *extra)
        assert code == 2
        assert f"{tmp_path / 'nowhere'}:1:1: error: no such file or folder" in err
