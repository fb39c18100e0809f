"""`sim … | head` is no failure: when the reader closes the pipe early, every
command exits 0 without a word on stderr, whether the pipe breaks on a plain
write, inside Rich (which exits 1 on its own) or in the flush at exit."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

COMMANDS = [["history"], ["history", "--json"], ["list"], ["schema"], ["--help"]]


@pytest.fixture
def env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SIM_", "COLUMNS"))}
    # An empty history: its few lines sit in Rich's buffer until the end, where the reported exit 1 came from.
    env |= {"SIM_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache"), "SIM_LANG": "en"}
    return env


def quiet(stderr: bytes) -> bool:
    return stderr.decode(errors="replace").strip() == ""


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_reader_gone_before_the_first_write_is_exit_0(args, env):
    # The read end is closed before the command starts, so its first write
    # certainly fails: no race with how much fits in the pipe.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run([sys.executable, "-m", "sim", *args], stdout=write_end, stderr=subprocess.PIPE, env=env, cwd=ROOT, timeout=120)
    finally:
        os.close(write_end)
    assert (proc.returncode, quiet(proc.stderr)) == (0, True), proc.stderr.decode(errors="replace")


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_reader_that_takes_one_byte_and_leaves_is_exit_0(args, env):
    # `sim history | head -c1`: the pipe breaks in the middle of the output, or
    # at the flush when the interpreter exits.
    proc = subprocess.Popen([sys.executable, "-m", "sim", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    assert len(proc.stdout.read(1)) == 1
    proc.stdout.close()
    stderr = proc.stderr.read()
    assert (proc.wait(timeout=120), quiet(stderr)) == (0, True), stderr.decode(errors="replace")
