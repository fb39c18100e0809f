"""Shared fixtures: an isolated data folder and the sample scenario."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.ralph import lrs_env

if TYPE_CHECKING:
    from sim.content.library import Library
    from sim.content.model import Profile, Scenario

ROOT = Path(__file__).resolve().parents[1]  # the repository
PACKAGE = ROOT / "sim"
DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "sample"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data and cache folders and no stray language or dialogue settings."""
    home = tmp_path_factory.mktemp("sim-home")
    monkeypatch.setenv("SIM_HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("sim-cache")))
    monkeypatch.delenv("SIM_DIALOGUES", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)  # piped output's width is the tests' own choice
    monkeypatch.setenv("SIM_LANG", "en")
    # No prompt on the developer's terminal: a test that reaches the LRS
    # password prompt in-process meets "no terminal", as it does in CI (tests
    # of the prompt give it a terminal of their own).
    monkeypatch.setattr("sim.cli.lrs_login.open_terminal", _no_terminal)
    return home


def _no_terminal() -> object:
    raise OSError("no terminal in the tests")


@pytest.fixture
def sample_library() -> Library:
    from sim.content.library import load_library

    lib = load_library([SAMPLE])
    assert not lib.problems, [p.format() for p in lib.problems]
    return lib


@pytest.fixture
def sample(sample_library: Library) -> Scenario:
    loaded = sample_library.scenario("sample")
    assert loaded is not None
    return loaded.scenario


@pytest.fixture
def sample_profile(sample_library: Library, sample: Scenario) -> Profile:
    return sample_library.profile_for(sample)


@pytest.fixture(scope="session")
def ralph_lrs_env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment in which ralph's LRS runs (tests/ralph.py); fails, never skips, without one."""
    return lrs_env(request, tmp_path_factory)
