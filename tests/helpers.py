"""Building small scenario folders for tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import SAMPLE

BASE: dict[str, Any] = {
    "id": "t",
    "title": "T",
    "channel": "desk",
    "profile": "sample-client-plain",
    "briefing": "B",
    "goals": ["listen-acknowledge"],
    "start": "opening",
    "help": "helped",
    "shuffle": False,
}

PLAIN_PROFILE = {
    "id": "sample-client-plain",
    "name": "Plain",
    "description": "A client with volatility 1 and no recovery.",
    "tension": 50,
    "trust": 50,
    "volatility": 1.0,
    "recovery": 0,
    "threat_threshold": 75,
}


def write_scenario(tmp_path: Path, nodes: dict[str, Any], *, persona: dict[str, Any] | None = None, **overrides: Any):
    """Write a scenario (plus persona — PLAIN_PROFILE with `persona` over it — and the sample principles) and load it."""
    from sim.content.library import load_library

    (tmp_path / "profiles").mkdir(exist_ok=True)
    (tmp_path / "profiles" / "plain.yaml").write_text(yaml.safe_dump({**PLAIN_PROFILE, **(persona or {})}), encoding="utf-8")
    (tmp_path / "principles.yaml").write_text((SAMPLE / "principles.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    data = {**BASE, **overrides, "nodes": nodes}
    path = tmp_path / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    lib = load_library([tmp_path])
    return lib, lib.scenario(data["id"])


def tool(command: str, what: str) -> str:
    """The path of a program a test needs from outside Python: skipped without
    it on a developer's machine, a failure under CI (.ci/run installs them all).
    `what` says what it is and how to get it."""
    found = shutil.which(command)
    if found is None:
        reason = f"{what} is not installed"
        if os.environ.get("CI"):
            pytest.fail(reason + "; .ci/run installs it")
        pytest.skip(reason + "; under CI this is a failure")
    return found
