"""Errors a user can act on, in the user's language: the history store's,
an LRS's, a rebuild's, a report file's (sim.errors.UserError, worded from
sim/i18n.py), and `sim fuzz`'s problems in its text output.

English stays byte for byte what it was; `where` (a path, a URL) and the
details in ( ) (the system's or the server's own words) are never translated;
the JSON of `sim fuzz` and the xAPI outbox's `last_error` stay English.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import socket
import sqlite3

import pytest

from sim.errors import UserError
from sim.i18n import STRINGS
from sim.reports.lrs import LrsError
from sim.session import history
from sim.session.history import SCHEMA_VERSION, StoreError
from tests.cli_run import cli
from tests.conftest import PACKAGE
from tests.functional.cli.test_cli_i18n import english_left
from tests.history_helpers import GOOD, SAMPLE_FILE, play, record, write_journal
from tests.unit.reports.test_xapi import FakeLrs


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    monkeypatch.setenv("SIM_LANG", "en")
    monkeypatch.setenv("NO_COLOR", "1")
    for var in ("SIM_DIALOGUES", "SIM_DEBUG", "SIM_XAPI_SALT", "SIM_LRS_USER", "SIM_LRS_PASSWORD"):
        monkeypatch.delenv(var, raising=False)


def finnish_only(text: str) -> list[str]:
    """English words left, the ( ) details (the system's own words) aside."""
    return english_left(re.sub(r"\([^()]*\)", " ", text))


# --- the error itself ------------------------------------------------------------------


def test_an_error_from_the_catalogue_keeps_english_and_says_itself_in_finnish():
    error = StoreError.of("/data/history.sqlite3", "err.store.cannot_write", "err.store.folder_hint", error="attempt to write a readonly database")
    assert error.message == "cannot write the session history (attempt to write a readonly database)"
    assert error.hint == "make the data folder writable, or set SIM_HOME to a folder you can write to"
    assert str(error) == f"/data/history.sqlite3: {error.message}"
    assert error.format() == error.format("en") == f"/data/history.sqlite3: {error.message}\n    hint: {error.hint}"
    assert error.format("fi") == (
        "/data/history.sqlite3: harjoitushistoriaan ei voi kirjoittaa (attempt to write a readonly database)\n"
        "    vihje: anna datakansioon kirjoitusoikeus tai aseta SIM_HOME osoittamaan kansioon, johon voit kirjoittaa"
    )
    assert error.message_in("fi").startswith("harjoitushistoriaan") and error.hint_in("fi").startswith("anna datakansioon")


def test_numbers_and_per_language_fields():
    from sim.reports.lrs import _timeout

    assert _timeout("http://lrs/statements", 0.2).message == "the LRS did not answer within 0.2 s"
    assert _timeout("http://lrs/statements", 30).message == "the LRS did not answer within 30 s"
    assert _timeout("http://lrs/statements", 0.2).message_in("fi") == "LRS ei vastannut 0,2 sekunnin kuluessa"  # a decimal comma
    error = LrsError.of("u", "err.rebuild.restore_hint", offered={"en": "offered here: `a`; ", "fi": ""})
    assert error.message == "offered here: `a`; restore the scenario version that was played to rebuild this session"
    assert error.message_in("fi").startswith("palauta harjoituksesta")  # an empty text in a language is that text


def test_an_error_worded_directly_shows_its_words_in_every_language():
    error = UserError("x", "as it was said", "and the hint")
    assert error.key is None and error.message_in("fi") == "as it was said" and error.hint_in("fi") == "and the hint"
    assert error.format() == "x: as it was said\n    hint: and the hint"


def _error_keys() -> set[str]:
    """Every catalogue key an error or a fuzz problem is worded with, read from the source."""
    keys: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            error_of = isinstance(func, ast.Attribute) and func.attr == "of" and isinstance(func.value, ast.Name) and func.value.id.endswith("Error")
            said = isinstance(func, ast.Name) and func.id in ("_said", "_crash", "Said")
            if error_of or said:
                for arg in node.args[1:] if error_of else node.args:
                    keys |= {c.value for c in ast.walk(arg) if isinstance(c, ast.Constant) and isinstance(c.value, str)}
    return keys


def test_every_error_and_fuzz_key_is_in_the_catalogue():
    from sim.authoring.fuzz import KINDS

    keys = _error_keys()
    assert len([k for k in keys if k.startswith("err.")]) > 40 and len([k for k in keys if k.startswith("fuzz.")]) > 15, "has the code changed shape?"
    keys |= {history._FOLDER_HINT} | {f"fuzz.kind.{kind}" for kind in KINDS}
    keys |= {f"fuzz.{name}" for name in ("overall_range", "uncapped_range")}
    assert sorted(keys - set(STRINGS)) == []


# --- the session history in the CLI --------------------------------------------------------


def test_a_damaged_history_in_finnish_and_in_english(_isolated_home, capsys):
    db = _isolated_home / history.DB_NAME
    db.write_bytes(b"this is not sqlite, just text " * 100)
    code, out, err = cli(capsys, "--lang", "fi", "history")
    assert (code, out) == (2, "")
    assert err == (
        f"{db}: tämä ei ole luettavissa oleva simin harjoitushistoria (file is not a database)\n"
        "    vihje: siirrä tiedosto muualle; `sim history` aloittaa silloin uuden historian ja tuo päättyneet harjoituskerrat uudelleen välitallenteista\n"
    )
    assert finnish_only(err) == []
    assert cli(capsys, "history", "--lang", "fi")[2] == err  # `--lang` after the command too
    code, out, err = cli(capsys, "history")
    assert (code, out) == (2, "")
    assert err == (
        f"{db}: this is not a readable sim history (file is not a database)\n"
        "    hint: move the file aside; `sim history` then starts a new one and re-imports the finished sessions from the journals\n"
    )


def test_a_data_folder_that_cannot_be_created_in_finnish(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SIM_HOME", str(blocker / "sim"))
    code, _, err = cli(capsys, "--lang", "fi", "report", "last")
    assert code == 2
    assert err.startswith(f"{blocker / 'sim'}: datakansiota ei voi luoda (")
    assert err.endswith("\n    vihje: anna datakansioon kirjoitusoikeus tai aseta SIM_HOME osoittamaan kansioon, johon voit kirjoittaa\n")
    assert finnish_only(err) == []
    code, _, err = cli(capsys, "report", "last")
    assert code == 2 and err.startswith(f"{blocker / 'sim'}: cannot create the data folder (")
    assert err.endswith("\n    hint: make the data folder writable, or set SIM_HOME to a folder you can write to\n")


def test_a_newer_history_in_finnish(_isolated_home, capsys):
    db = sqlite3.connect(_isolated_home / history.DB_NAME)
    db.execute("PRAGMA user_version = 99")
    db.close()
    code, _, err = cli(capsys, "export", "--xapi", "--lang", "fi")
    assert code == 2
    assert err.endswith(
        f"history.sqlite3: historian on kirjoittanut simin uudempi versio (skeema 99; tämä versio tuntee enintään skeeman {SCHEMA_VERSION})\n"
        "    vihje: päivitä sim tai aseta SIM_HOME osoittamaan toiseen kansioon\n"
    )
    code, _, err = cli(capsys, "export", "--xapi")
    assert code == 2 and err.endswith(
        f"history.sqlite3: the history was written by a newer sim (schema 99; this sim knows up to {SCHEMA_VERSION})\n    hint: upgrade sim, or set SIM_HOME to another folder\n"
    )


def test_a_full_disk_in_finnish_with_plain(monkeypatch):
    from tests.functional.plain.test_plain import SAMPLE_FILE as PLAIN_SAMPLE
    from tests.functional.plain.test_plain import play as play_plain

    def full(*args, **kwargs):
        raise StoreError.of("history.sqlite3", "err.store.full", "err.store.full_hint")

    monkeypatch.setattr("sim.session.history.record_session", full)  # as Play.record_history calls it
    code, out = play_plain(PLAIN_SAMPLE, ["1", "1", "4", "5", "2", "", "", ""], lang="fi")
    assert code == 0
    [line] = [line for line in out.splitlines() if "levy on täynnä" in line]
    # The journal took the whole session: it is promised to the history later.
    assert line == (
        "Harjoitusta ei vielä voitu lisätä historiaan: levy on täynnä, joten harjoitushistoriaa ei voitu tallentaa."
        " Sen välitallenne on tallessa, ja `sim history` lisää sen myöhemmin."
    )


def test_journals_that_cannot_be_rebuilt_are_named_in_finnish(sample_library, tmp_path, capsys):
    gone = write_journal(sample_library, GOOD, scenario_path=str(tmp_path / "gone.yaml"), scenario_id="gone")
    changed = write_journal(sample_library, ["acknowledge", "no-such-choice"])
    edited = write_journal(sample_library, ["acknowledge", "no-such-choice"], content_hash="0123abcd")
    code, _, err = cli(capsys, "history", "--lang", "fi")
    assert code == 0
    lines = err.splitlines()
    assert lines[0] == "huom.: päättyneitä harjoituskertoja ei voitu lisätä historiaan (3):"
    [edited_line] = [line for line in lines if edited in line]
    assert re.search(r": harjoitusta on muutettu tämän harjoituskerran jälkeen \(sisältö 0123abcd → [0-9a-f]+\), eikä vaihe 2 \(", edited_line)
    [gone_line] = [line for line in lines if gone in line]
    assert gone_line.endswith(": harjoitusta `gone` ei enää löydy")
    [changed_line] = [line for line in lines if changed in line]
    assert re.search(r": vaihe 2 \(`no-such-choice` solmussa `[a-z-]+`\) ei enää sovi harjoitukseen: vuoron 2 valinta ”no-such-choice” on poistettu tai nimetty uudelleen$", changed_line)
    assert finnish_only(err.replace(str(history.data_dir()), "")) == []
    code, _, err = cli(capsys, "history")
    [gone_line] = [line for line in err.splitlines() if gone in line]
    assert gone_line.endswith(": scenario `gone` cannot be found any more")
    [changed_line] = [line for line in err.splitlines() if changed in line]
    assert re.search(r": step 2 \(`no-such-choice` at `[a-z-]+`\) no longer fits: node `[a-z-]+` has no choice `no-such-choice`, and no other node has one", changed_line)


def test_a_session_whose_scenario_is_gone_cannot_be_reported_in_finnish(tmp_path, capsys):
    from sim.content.library import load_library
    from sim.core.scoring import score

    folder = tmp_path / "lib"
    shutil.copytree(SAMPLE_FILE.parent, folder)
    path = folder / "sample.yaml"
    session = play(load_library([folder]), GOOD)
    history.record_session(session, score(session), trainee="ann", scenario_path=str(path))
    [row] = history.sessions()
    shutil.rmtree(folder)
    code, _, err = cli(capsys, "report", row.id, "--lang", "fi")
    assert code == 2
    assert err == (
        f"{path}: harjoitusta `sample` ei enää löydy\n"
        "    vihje: palauta harjoitustiedosto paikalleen tai kerro sen kansio valitsimella --dir tai SIM_DIALOGUES-muuttujalla\n"
    )
    code, _, err = cli(capsys, "report", row.id)
    assert code == 2
    assert err == f"{path}: scenario `sample` cannot be found any more\n    hint: put the scenario file back, or name its folder with --dir or SIM_DIALOGUES\n"


# --- an LRS ---------------------------------------------------------------------------------


def _send(capsys, url: str, *extra: str) -> tuple[int, str, str]:
    return cli(capsys, "export", "--xapi", "--lrs", url, "--user", "key", "--password", "secret", *extra)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # free now: nothing listens there


def test_a_refused_connection_in_finnish_and_in_english(sample_library, capsys):
    record(sample_library, GOOD)
    url = f"http://127.0.0.1:{_closed_port()}/xapi"
    code, out, err = _send(capsys, url, "--lang", "fi")
    assert (code, out) == (1, "")
    lines = err.splitlines()
    at = lines.index(f"{url}/statements: palvelin ei ottanut yhteyttä vastaan")
    assert lines[at + 1] == "    vihje: onko LRS käynnissä, ja onko osoite (palvelin ja portti) oikein?"
    assert re.fullmatch(r"lähetetty 0 lauseketta; \d+ jää jonoon ja lähtee seuraavalla `sim export --xapi --lrs` -komennolla", lines[at + 2])
    assert finnish_only(err) == []
    code, _, err = _send(capsys, url)
    assert code == 1
    lines = err.splitlines()
    at = lines.index(f"{url}/statements: connection refused")
    assert lines[at + 1] == "    hint: is the LRS running, and is the URL (host and port) right?"
    # What is kept for the next export (and any log) is the English.
    with history.Store() as store:
        assert {r[0] for r in store._db.execute("SELECT last_error FROM xapi_outbox")} == {"connection refused"}


def test_refused_credentials_and_a_timeout_in_finnish(sample_library, capsys):
    record(sample_library, GOOD)
    with FakeLrs(401, message="bad key") as lrs:
        code, _, err = _send(capsys, lrs.url, "--lang", "fi")
    assert code == 1
    assert f"{lrs.url}statements: LRS ei hyväksynyt tunnuksia (401 Unauthorized): bad key\n    vihje: tarkista --user ja --password (tai SIM_LRS_USER / SIM_LRS_PASSWORD)\n" in err
    with FakeLrs(200, hold=True) as lrs:
        code, _, err = _send(capsys, lrs.url, "--timeout", "0.2", "--lang", "fi")
    assert code == 1
    assert "LRS ei vastannut 0,2 sekunnin kuluessa\n    vihje: lausekkeet jäävät jonoon; yritä myöhemmin uudelleen tai kasvata valitsimen --timeout arvoa\n" in err
    with FakeLrs(400, message="Statement 'actor' is not valid") as lrs:
        code, _, err = _send(capsys, lrs.url, "--lang", "fi")
    assert code == 1 and "LRS hylkäsi tämän lausekkeen (400 Bad Request): Statement 'actor' is not valid\n    vihje: muut lausekkeet lähtivät; tämä jää jonoon" in err
    assert "LRS hylkäsi ensimmäisen erän kaikki 6 lauseketta, joten loppuja ei lähetetty" in err and finnish_only(err) == []


def test_a_url_that_is_no_lrs_in_finnish(capsys):
    code, _, err = cli(capsys, "export", "--xapi", "--lrs", "ftp://lrs.example.org/", "--user", "u", "--lang", "fi")
    assert code == 2
    assert err == "ftp://lrs.example.org/: tämä ei ole LRS:n http(s)-osoite\n    vihje: anna LRS:n xAPI-osoite, esim. https://lrs.example.org/xapi/\n"
    code, _, err = cli(capsys, "export", "--xapi", "--lrs", "ftp://lrs.example.org/", "--user", "u")
    assert err == "ftp://lrs.example.org/: not an http(s) URL of an LRS\n    hint: give the LRS's xAPI endpoint, like https://lrs.example.org/xapi/\n"


# --- report files given to `sim summary` ---------------------------------------------------------


def test_report_files_that_cannot_be_summarised_in_finnish(tmp_path, capsys):
    (tmp_path / "broken.json").write_text('{"format": ', encoding="utf-8")
    (tmp_path / "other.json").write_text('{"some": "thing"}', encoding="utf-8")
    code, _, err = cli(capsys, "summary", tmp_path, tmp_path / "missing", "--lang", "fi")
    assert code == 2
    lines = err.splitlines()
    for expected in (
        f"{tmp_path / 'missing'}: tiedostoa tai kansiota ei ole",
        "    vihje: tarkista polku ja sen kirjoitusasu",
        f"{tmp_path / 'broken.json'}:1:12: ei ole kelvollista JSONia (Expecting value)",
        "    vihje: anna `sim report --format json` -komennon kirjoittamat JSON-tiedostot",
        f"{tmp_path / 'other.json'}: ei ole simin raportti",
        "    vihje: tee se komennolla `sim report TUNNUS --format json -o TIEDOSTO`",
    ):
        assert expected in lines, expected
    assert finnish_only(err) == []
    code, _, err = cli(capsys, "summary", tmp_path, tmp_path / "missing")
    assert code == 2
    for expected in (
        f"{tmp_path / 'missing'}: no such file or folder\n    hint: check the path and its spelling\n",
        f"{tmp_path / 'broken.json'}:1:12: not valid JSON (Expecting value)\n    hint: give the JSON files `sim report --format json` writes\n",
        f"{tmp_path / 'other.json'}: not a sim report\n    hint: make it with `sim report SESSION --format json -o FILE`\n",
    ):
        assert expected in err, expected


# --- sim fuzz ---------------------------------------------------------------------------------


def test_fuzz_problems_in_finnish_text_and_the_same_json(tmp_path, capsys):
    from tests.helpers import write_scenario
    from tests.unit.authoring.test_fuzz import STUCK_NODES

    _, ls = write_scenario(tmp_path, STUCK_NODES)
    code, out, _ = cli(capsys, "fuzz", ls.path, "--runs", "40", "--lang", "fi")
    assert code == 1
    lines = [line.rstrip() for line in out.splitlines()]
    assert any(
        line.startswith("umpikuja: solmu `wait` ei ole lopputulos, siinä ei ole tässä tilassa yhtään valintaa eikä sillä ole aikarajaa (") for line in lines
    ), out
    assert "    toiminnot: provoke" in lines
    assert english_left(out) == []
    code, out_en, _ = cli(capsys, "fuzz", ls.path, "--runs", "40")
    assert any(line.startswith("stuck: node `wait` is not an ending, offers no choice in this state and has no time limit (") for line in out_en.splitlines())
    # The JSON is a machine format: the same in every language, its kind and message in English.
    json_fi = cli(capsys, "fuzz", ls.path, "--runs", "40", "--json", "--lang", "fi")[1]
    json_en = cli(capsys, "fuzz", ls.path, "--runs", "40", "--json")[1]
    assert json_fi == json_en
    [problem] = json.loads(json_fi)["problems"]
    assert (problem["kind"], problem["message"]) == ("stuck", "node `wait` is not an ending, offers no choice in this state and has no time limit")


def test_every_fuzz_problem_reads_in_finnish(sample, sample_profile, monkeypatch):
    import sim.core.engine
    from sim.authoring.fuzz import fuzz

    monkeypatch.setattr(sim.core.engine, "clamp", lambda value, low, high: value)
    report = fuzz(sample, sample_profile, runs=60, seed=0)
    [p, *_] = [p for p in report.problems if p.kind == "out-of-range"]
    assert p.text() == p.message and re.fullmatch(r"`tension` is \d+, outside its range 0…100", p.message)
    assert re.fullmatch(r"`tension` on \d+, sallitun alueen 0…100 ulkopuolella", p.text("fi"))
    assert (p.kind_text("en"), p.kind_text("fi")) == ("out-of-range", "arvoalueen ulkopuolella")
