"""The class view read back from a real LRS: five trainees × four sessions sent with
`sim export --xapi --lrs` to ralph on 127.0.0.1, then `sim class --from lrs` gives the
same grid, assignment completion and most-missed choices as `sim class` gives from the
history they were sent from."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sim.paths import data_dir
from sim.session.history import db_path
from tests.class_helpers import TRAINEES, builtin, play_class
from tests.cli_run import cli
from tests.functional.cli.test_class import ASSIGNMENTS
from tests.ralph import KEY, SECRET, Ralph


@pytest.fixture(scope="module")
def lrs(ralph_lrs_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    server = Ralph(tmp_path_factory.mktemp("ralph-class"), ralph_lrs_env)
    try:
        server.wait_until_up(time.monotonic() + 90)
        yield server
    finally:
        if server.proc.poll() is None:
            server.stop()


def test_the_lrs_gives_the_class_view_of_the_history(capsys, lrs: Ralph, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("SIM_XAPI_SALT", "organisation-secret")
    monkeypatch.setenv("SIM_LRS_PASSWORD", SECRET)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SIM_ASSIGNMENTS", raising=False)
    play_class(builtin(), db_path())
    (data_dir() / "assignments.yaml").write_text(ASSIGNMENTS, encoding="utf-8")
    code, _, err = cli(capsys, "export", "--xapi", "--lrs", lrs.url, "--user", KEY)
    assert code == 0, err

    code, out, err = cli(capsys, "class", "--format", "json")
    assert code == 0, err
    here = json.loads(out)
    code, out, err = cli(capsys, "class", "--from", "lrs", lrs.url, "--user", KEY, "--format", "json")
    assert code == 0, err
    there = json.loads(out)
    assert there["source"] == "lrs" and there["sessions"] == here["sessions"] == 20
    for key in ("principles", "grid", "assignments", "missed"):
        assert there[key] == here[key], key
    assert there["trainees"] == here["trainees"]
    # The class list is what turned the pseudonyms back into names; the LRS has none of them.
    held = json.dumps(lrs.statements())
    assert not any(name in held for name in TRAINEES)
    assert re.search(r"statements read from the LRS: \d+", err)

    # Without the organisation's salt the pseudonyms are not the class's: nobody is recognised.
    monkeypatch.setenv("SIM_XAPI_SALT", "another-secret")
    code, out, _ = cli(capsys, "class", "--from", "lrs", lrs.url, "--user", KEY, "--format", "json")
    strangers = json.loads(out)
    assert {t["name"] for t in strangers["trainees"] if t["sessions"]}.isdisjoint(TRAINEES)
    monkeypatch.setenv("SIM_XAPI_SALT", "organisation-secret")

    # One trainee, and the text view in Finnish.
    code, out, _ = cli(capsys, "class", "--from", "lrs", lrs.url, "--user", KEY, "--trainee", "ben", "--format", "json")
    assert [t["name"] for t in json.loads(out)["trainees"]] == ["Ben"]
    code, out, _ = cli(capsys, "--lang", "fi", "class", "--from", "lrs", lrs.url, "--user", KEY)
    assert code == 0 and "Iltavuoro" in out and "aloittamatta" in out


def test_an_unreachable_lrs_is_a_clear_error(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIM_LRS_PASSWORD", "x")
    code, _, err = cli(capsys, "class", "--from", "lrs", "http://127.0.0.1:9/xAPI/", "--user", KEY, "--timeout", "5")
    assert code == 2
    assert "reading the LRS stopped" in err and "run the same command again" in err
    monkeypatch.delenv("SIM_LRS_PASSWORD")
    code, _, err = cli(capsys, "class", "--from", "lrs", "http://127.0.0.1:9/xAPI/", "--user", KEY)
    assert code == 2 and "password" in err.lower()
