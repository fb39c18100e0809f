"""`sim` and `sim play`: what is checked before the terminal is taken over,
and that the command line stays free of Textual until the TUI starts."""

from __future__ import annotations

import subprocess
import sys

from sim.cli.main import run
from tests.conftest import SAMPLE
from tests.functional.tui.conftest import BROKEN


def test_importing_the_cli_does_not_import_textual():
    code = "import sys, sim.cli.main, sim.__main__; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_unknown_scenario_exits_2_with_a_hint_and_no_traceback(capsys):
    assert run(["--dir", str(SAMPLE), "play", "sampel"]) == 2
    err = capsys.readouterr().err
    assert "no scenario file or id `sampel`" in err and "sample" in err
    assert "Traceback" not in err


def test_broken_scenario_file_exits_2_with_its_location(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")  # a location is never broken across lines, however narrow
    assert run(["play", str(BROKEN / "broken.yaml")]) == 2
    err = capsys.readouterr().err
    assert "broken.yaml:14:15: error: there is no node `nowhere`" in err


def test_missing_folder_exits_2(capsys, tmp_path):
    assert run(["--dir", str(tmp_path / "nope")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_without_a_terminal_it_says_so(capsys):
    # pytest's stdin is not a terminal. Bare `sim` then lists the commands.
    assert run(["--dir", str(SAMPLE), "--lang", "fi", "--mode", "assessment"]) == 2
    out, err = capsys.readouterr()
    # In the language asked for, the list of commands too.
    assert out.startswith("käyttö: sim") and "tarvitsee päätteen" in err
    assert run(["--dir", str(SAMPLE)]) == 2  # the simulator did not start: a script must see it
    out, err = capsys.readouterr()
    assert out.startswith("usage: sim") and "needs a terminal" in err
    assert run(["--dir", str(SAMPLE), "play", "sample"]) == 2
    assert "needs a terminal" in capsys.readouterr().err


def test_bad_option_values_are_usage_errors(capsys):
    assert run(["--mode", "exam"]) == 2
    assert run(["play", "x", "--lang", "sv"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_lang_and_mode_before_or_after_play_are_both_kept():
    from sim.cli.main import build_parser

    parser = build_parser()
    before = parser.parse_args(["--lang", "fi", "--mode", "assessment", "play", "x"])
    after = parser.parse_args(["play", "x", "--lang", "fi", "--mode", "assessment"])
    none = parser.parse_args(["play", "x"])
    assert (before.ui_lang, before.mode) == (after.ui_lang, after.mode) == ("fi", "assessment")
    assert (none.ui_lang, none.mode) == (None, None)
