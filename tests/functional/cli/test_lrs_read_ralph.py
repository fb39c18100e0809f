"""A class's sessions sent with `sim export --xapi --lrs` to a real LRS, ralph
(tests/ralph.py), and read back with sim.reports.lrs_read: the attempts are the
history's (cohort.from_history), for the whole class and for one trainee.

What ralph 5.1 (file-system backend) does with a statements query, found by
running it and kept here so that a new ralph that changes it is noticed:
`agent` and `more` work as xAPI says; `activity` (and `verb`) match nothing at
all; `since` is compared with `timestamp`, not `stored`; `limit` is capped at
100; and every order is `stored` order across pages, each page reversed when
`ascending=true`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from sim.cli.main import run
from sim.content.library import load_library
from sim.reports import lrs_read, xapi
from sim.reports.cohort import Attempt, aware, from_history
from sim.reports.lrs_read import read_attempts
from sim.session.history import Store
from tests.conftest import SAMPLE
from tests.history_helpers import ALONE, GOOD, HELP, SHAMING, record
from tests.ralph import KEY, SECRET, Ralph

ROSTER = ("Aino Virtanen", "Bertta Laine", "Cecilia Koskinen", "Daniel Mäkinen", "Eero Nieminen")


@dataclass(frozen=True)
class Class:
    lrs: Ralph
    attempts: list[Attempt]  # the history's, of every session sent
    statements: list[dict[str, Any]]  # as ralph holds them


@pytest.fixture(scope="module")
def sent(ralph_lrs_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Class]:
    """Five trainees, two sessions each, in a history of their own, sent to one ralph
    by `sim export --xapi --lrs`; ralph runs for the module."""
    lrs = Ralph(tmp_path_factory.mktemp("ralph"), ralph_lrs_env)
    try:
        lrs.wait_until_up(time.monotonic() + 90)
        with pytest.MonkeyPatch.context() as env:
            env.setenv("SIM_HOME", str(tmp_path_factory.mktemp("class-home")))
            env.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("class-cache")))
            env.setenv("SIM_LANG", "en")
            env.setenv("NO_COLOR", "1")
            for var in ("SIM_XAPI_SALT", "SIM_XAPI_BASE", "SIM_LRS_USER", "SIM_LRS_PASSWORD", "SIM_DIALOGUES"):
                env.delenv(var, raising=False)
            lib = load_library([SAMPLE])
            plays = [GOOD, ALONE, HELP, SHAMING]
            for i, name in enumerate(ROSTER):
                for j in range(2):
                    record(
                        lib,
                        plays[(i + j) % len(plays)],
                        trainee=name,
                        started=f"2024-05-{1 + 2 * i + j:02d}T10:00:00+00:00",
                        ratings={"no-shaming": 1 + (i + j) % 5} if j == 0 else None,
                        lang="fi" if i == 3 else "en",
                    )
            assert run(["export", "--xapi", "--lrs", lrs.url, "--user", KEY, "--password", SECRET]) == 0
            with Store() as store:
                attempts = from_history(store)
        assert len(attempts) == 10
        yield Class(lrs, attempts, lrs.statements())
    finally:
        if lrs.proc.poll() is None:
            lrs.stop()


@pytest.fixture(autouse=True)
def no_salt(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("SIM_XAPI_SALT", "SIM_XAPI_BASE"):
        monkeypatch.delenv(var, raising=False)


def read(lrs: Ralph, **options: Any) -> lrs_read.Read:
    return read_attempts(lrs.url, user=KEY, password=SECRET, names=ROSTER, **options)


# --- the attempts read back are the history's --------------------------------------------------


def test_the_class_read_back_is_the_history(sent: Class, monkeypatch: pytest.MonkeyPatch) -> None:
    n = len(sent.statements)
    assert n == 67
    result = read(sent.lrs)
    assert (result.complete, result.statements, result.skipped, result.pages) == (True, n, 0, 1)
    assert result.attempts == sent.attempts

    monkeypatch.setattr(lrs_read, "PAGE", 20)  # ralph's `more` links, page after page
    paged = read(sent.lrs)
    assert (paged.complete, paged.statements, paged.pages) == (True, n, 4)
    assert paged.attempts == sent.attempts


@pytest.mark.parametrize("trainee", [ROSTER[0], ROSTER[3]])
def test_one_trainees_sessions(trainee: str, sent: Class) -> None:
    result = read(sent.lrs, trainee=trainee)
    assert result.attempts == [a for a in sent.attempts if a.trainee == trainee]
    assert len(result.attempts) == 2 and result.statements < len(sent.statements) / 4  # filtered by ralph, not by sim


def test_one_scenarios_sessions_are_not_found_by_ralph(sent: Class) -> None:
    # Every session is of `sample`, but ralph 5.1 matches no statement to an `activity`:
    # its file-system backend compares the statement's id with the parameter as an IRI
    # object, never equal to a string. An LRS that honours it gives all ten.
    assert {a.scenario for a in sent.attempts} == {"sample"}
    result = read(sent.lrs, scenario="sample")
    assert (result.attempts, result.statements, result.complete) == ([], 0, True)


def test_a_bounded_read_goes_on_from_ralphs_more_link_and_then_reads_in_full(
    sent: Class, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lrs_read, "PAGE", 20)
    first = read(sent.lrs, max_statements=20, cache=tmp_path)
    assert (first.complete, first.statements, first.pages) == (False, 20, 1)
    assert first.resume is not None and "search_after=" in first.resume

    # Ralph's pages are each newest first, so `since` could skip what was not read yet: the link goes on.
    second = read(sent.lrs, cache=tmp_path)
    assert (second.complete, second.statements, second.pages) == (True, len(sent.statements), 3)
    assert second.attempts == sent.attempts

    # Asked `since` the end of that read, ralph sends nothing (it compares `timestamp`):
    # sim notices, reads it all instead, and does not ask `since` again.
    third = read(sent.lrs, cache=tmp_path)
    assert (third.complete, third.pages, third.attempts) == (True, 1 + 4, sent.attempts)
    fourth = read(sent.lrs, cache=tmp_path)
    assert (fourth.complete, fourth.pages, fourth.attempts) == (True, 4, sent.attempts)


# --- what ralph 5.1 does with a statements query --------------------------------------------------


def ids(answer: dict[str, Any]) -> list[str]:
    return [s["id"] for s in answer["statements"]]


def test_what_ralph_honours_of_a_statements_query(sent: Class) -> None:
    lrs, held = sent.lrs, sent.statements
    in_file_order = [s["id"] for s in held]
    assert [aware(s["stored"]) for s in held] == sorted(aware(s["stored"]) for s in held)

    # agent: yes, the statements of that actor only.
    who = xapi.pseudonym(ROSTER[1])
    agent = json.dumps({"objectType": "Agent", "account": {"homePage": xapi.DEFAULT_BASE, "name": who}})
    assert ids(lrs.query(urlencode({"agent": agent}))) == [s["id"] for s in held if s["actor"]["account"]["name"] == who] != []

    # activity: nothing, with or without related_activities; verb likewise.
    scenario = xapi.scenario_iri(xapi.DEFAULT_BASE, "sample")
    assert ids(lrs.query(urlencode({"activity": scenario}))) == []
    assert ids(lrs.query(urlencode({"activity": scenario, "related_activities": "true"}))) == []
    assert ids(lrs.query(urlencode({"verb": xapi.ADL_VERBS + "completed"}))) == []

    # since: by `timestamp`. Every statement was stored after this instant; ralph sends
    # those that happened after it.
    since = datetime(2024, 5, 6, tzinfo=UTC)
    assert all(aware(s["stored"]) > since for s in held)
    answer = lrs.query(urlencode({"since": xapi.timestamp(since)}))
    assert ids(answer) == [s["id"] for s in held if aware(s["timestamp"]) > since] != in_file_order

    # limit: at most 100. Order: `stored` order, whatever is asked; with ascending=true
    # each page is reversed, and the pages still go on in `stored` order.
    assert ids(lrs.query("limit=500")) == ids(lrs.query("")) == in_file_order
    first = lrs.query("limit=30&ascending=true")
    assert ids(first) == in_file_order[:30][::-1]

    # more: a path on the server, with the query and where to go on; the last page has none.
    assert first["more"].startswith("/xAPI/statements?limit=30&ascending=true&pit_id=None&search_after=")
    second = lrs.query(first["more"])
    third = lrs.query(second["more"])
    assert ids(second) == in_file_order[30:60][::-1] and ids(third) == in_file_order[60:][::-1]
    assert "more" not in third


def test_the_reads_cache_holds_no_name_and_nothing_the_reading_does_not_need(sent: Class, tmp_path: Path) -> None:
    read(sent.lrs, cache=tmp_path)
    text = "".join(p.read_text() for p in tmp_path.glob("*.jsonl"))
    assert text and not any(name in text for name in ROSTER)
    assert not any(word in text for word in ("description", "state-before", "authority", "revision", "Three visits"))
