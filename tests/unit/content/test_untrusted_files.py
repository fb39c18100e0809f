"""Only regular files inside the folder the user named are read: a FIFO, a
device, a link out of the folder or a path outside it gives a message — it
never blocks, reads without end, or quotes a byte of a file elsewhere.

Cases that could hang run `sim` as a subprocess with a timeout, so a
regression fails the test instead of stopping the suite."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.cli_run import cli
from tests.conftest import ROOT, SAMPLE

SECRET = "TOP-SECRET-LINE-FROM-ELSEWHERE"


def run_sim(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "sim", *args], capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder the user did not name, holding files that must never be quoted."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.yaml").write_text(f"{SECRET}: [\n", encoding="utf-8")
    (folder / "principles.yaml").write_text(f"principles:\n  {SECRET}: {{name: x}}\n", encoding="utf-8")
    return folder


def test_a_fifo_named_as_a_scenario_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = run_sim("validate", str(fifo), timeout=60)
    assert result.returncode == 2  # as for a file that is not there: nothing to validate
    assert "not a regular file" in result.stdout + result.stderr


def test_a_link_to_a_device_is_refused(tmp_path):
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    result = run_sim("validate", str(link), timeout=60)
    assert result.returncode == 2 and "not a regular file" in result.stdout + result.stderr


def test_journals_settings_and_the_cache_that_are_devices_or_pipes_are_skipped(tmp_path):
    home, cache = tmp_path / "home", tmp_path / "cache"
    (home / "journals").mkdir(parents=True)
    (home / "journals" / "20240101-000000-000000-x.jsonl").symlink_to("/dev/zero")
    os.mkfifo(home / "journals" / "20240101-000000-000001-y.jsonl")
    (home / "settings.json").symlink_to("/dev/zero")
    (cache / "encounter-sim").mkdir(parents=True)
    env = {**os.environ, "SIM_HOME": str(home), "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(ROOT)}
    for args in (["history"], ["list"]):
        result = subprocess.run([sys.executable, "-m", "sim", *args], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr


def test_a_test_files_scenario_outside_its_folder_is_not_read(tmp_path, elsewhere, capsys):
    folder = tmp_path / "lib"
    shutil.copytree(SAMPLE, folder)
    test = folder / "outside.test.yaml"
    test.write_text(yaml.safe_dump({"scenario": str(elsewhere / "secret.yaml"), "cases": [{"name": "t", "steps": ["acknowledge"]}]}), encoding="utf-8")
    code, out, err = cli(capsys, "test", str(test))
    assert code != 0
    assert "outside this test file's folder" in out + err
    assert SECRET not in out + err


def test_principles_beside_a_named_scenario_that_link_elsewhere_are_not_read(tmp_path, elsewhere, capsys):
    folder = tmp_path / "lib"
    shutil.copytree(SAMPLE, folder)
    (folder / "principles.yaml").unlink()
    (folder / "principles.yaml").symlink_to(elsewhere / "principles.yaml")
    code, out, err = cli(capsys, "validate", str(folder / "sample.yaml"))
    assert SECRET not in out + err
