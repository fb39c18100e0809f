"""Shared fixtures: an isolated data folder and the sample scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    return home


@pytest.fixture
def sample_library():
    from sim.content.library import load_library

    lib = load_library([SAMPLE])
    assert not lib.problems, [p.format() for p in lib.problems]
    return lib


@pytest.fixture
def sample(sample_library):
    return sample_library.scenario("sample").scenario


@pytest.fixture
def sample_profile(sample_library, sample):
    return sample_library.profile_for(sample)
