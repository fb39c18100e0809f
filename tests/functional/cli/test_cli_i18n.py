"""The CLI in Finnish: argparse's own words and every command's, from sim/i18n.py.

Machine formats (JSON, JUnit XML, xAPI, Mermaid/DOT, the JSON Schema, the
`sim new` template) are the same in every language; the located
`file:line:col` problem lines stay English, as `sim validate`'s do.
"""

from __future__ import annotations

import argparse
import ast
import gettext
import json
import os
import re
import shutil
from pathlib import Path

import pytest

import sim.cli.main
from sim.cli.main import build_parser
from sim.i18n import STRINGS, lang_from_argv
from tests.cli_run import cli
from tests.conftest import PACKAGE
from tests.history_helpers import ALONE, GOOD, SAMPLE_FILE, SHAMING, record, sim_process

SAMPLE_DIR = SAMPLE_FILE.parent
COMMANDS = ("play", "validate", "walk", "analyze", "graph", "new", "schema", "test", "fuzz", "list", "history", "report", "export", "summary", "next", "class", "serve", "i18n")


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    monkeypatch.setenv("SIM_LANG", "en")
    monkeypatch.setenv("NO_COLOR", "1")
    for var in ("SIM_DIALOGUES", "SIM_DEBUG", "SIM_XAPI_SALT"):
        monkeypatch.delenv(var, raising=False)


# English words that must not be left in Finnish output. What is not prose is
# taken out first: `code`, paths (`pytest-of-root`), options, commands to copy
# (`sim walk … --choices …` to the end of the line) and hyphenated ids.
ENGLISH = re.compile(
    r"\b(usage|error|hint|note|options|positional|show|default|instead|print|write|wrote|next|the|of|and|or|to|from|with|this|"
    r"file|folder|files|paths?|endings?|scores?|passed|failed|runs?|turns?|nodes?|shortest|never|every|session|sessions|"
    r"report|reports|mean|missed|client|tension|goal|language)\b",
    re.IGNORECASE,
)


def english_left(text: str) -> list[str]:
    prose = re.sub(r"`[^`]*`|\bsim [a-z0-9]+\b.*$|\S*/\S*|--[a-z-]+|\{[a-z,]+\}|\b[a-z]+(-[a-z]+)+\b", " ", text, flags=re.MULTILINE)
    prose = re.sub(rf"^\s+({'|'.join(COMMANDS)})\b", " ", prose, flags=re.MULTILINE)  # `sim --help` lists the commands by name
    return sorted(set(ENGLISH.findall(prose)))


# --- choosing the language ------------------------------------------------------------


def test_the_language_is_read_from_the_command_line_before_parsing(monkeypatch):
    assert lang_from_argv(["--lang", "fi", "--help"]) == "fi"
    assert lang_from_argv(["walk", "x", "--lang=fi"]) == "fi"
    assert lang_from_argv(["--lang", "fi", "walk", "x", "--lang", "en"]) == "en"  # the last one, as argparse keeps
    assert lang_from_argv(["walk", "x", "--lang", "sv"]) == "en"  # a scenario language, not one of sim's
    assert lang_from_argv(["walk", "--", "--lang", "fi"]) == "en"
    assert lang_from_argv(["--lang"]) == "en"
    monkeypatch.setenv("SIM_LANG", "fi")
    assert lang_from_argv(["--help"]) == "fi"


def test_catalogue_fields_never_take_the_names_of_ts_own_parameters():
    # t(key, lang, **fields): a field called `lang` or `key` could never be filled in.
    import string

    clashes = [k for k, e in STRINGS.items() for text in e.values() for _, f, _, _ in string.Formatter().parse(text) if f in ("key", "lang")]
    assert clashes == []


# --- argparse ------------------------------------------------------------------------


def _argparse_msgids() -> set[str]:
    """Every string argparse passes to `_()` or `ngettext()` in this Python."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "ngettext"):
            found |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found


def test_every_argparse_message_in_the_catalogue_is_one_argparse_still_asks_for():
    # The lookup is by argparse's English msgid: a Python that rewords one would show it in English.
    msgids = _argparse_msgids()
    ours = {k: e["en"] for k, e in STRINGS.items() if k.startswith("argparse.")}
    assert [k for k, en in ours.items() if en not in msgids] == []
    for essential in ("usage: ", "options", "positional arguments", "the following arguments are required: %s", "unrecognized arguments: %s"):
        assert essential in ours.values()
    for key in ours:  # the same %-fields, or argparse's own `%` would fail
        fields = [sorted(re.findall(r"%(?:\([a-z_]+\))?[sr]", STRINGS[key][lang])) for lang in ("en", "fi")]
        assert fields[0] == fields[1], key


def test_sim_help_in_finnish(capsys):
    code, out, _ = cli(capsys, "--lang", "fi", "--help")
    assert code == 0
    assert out.startswith("käyttö: sim [-h] [--version] [--dir POLKU]")
    for expected in ("KOMENTO", "argumentit:", "valitsimet:", "näytä tämä ohje ja lopeta", "Harjoittele vaikeita asiakaspalvelutilanteita"):
        assert expected in out, expected
    assert english_left(out) == []


def test_help_follows_the_locale_without_lang():
    env = {k: v for k, v in os.environ.items() if k not in ("SIM_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env["LANG"] = "fi_FI.UTF-8"
    proc = sim_process("--help", env=env)
    assert proc.returncode == 0 and proc.stdout.startswith("käyttö: sim")
    env["SIM_LANG"] = "en"
    assert sim_process("--help", env=env).stdout.startswith("usage: sim")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_commands_help_in_finnish(command, capsys):
    code, out, _ = cli(capsys, command, "--help", "--lang", "fi")
    assert code == 0
    assert out.startswith(f"käyttö: sim {command}") and "valitsimet:" in out
    assert english_left(out) == [], out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_commands_help_in_english(command, capsys):
    code, out, _ = cli(capsys, command, "--help")
    assert code == 0
    assert out.startswith(f"usage: sim {command}") and "options:" in out and "show this help message and exit" in out


def test_play_without_a_scenario_is_a_finnish_usage_error():
    proc = sim_process("--lang", "fi", "play", env=dict(os.environ))
    assert proc.returncode == 2 and proc.stdout == ""
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert lines[0].startswith("käyttö: sim play [-h]")
    assert "sim play: virhe: pakollisia argumentteja puuttuu: harjoitus" in lines
    assert "    vihje: `sim play --help` näyttää valitsimet" in lines
    assert english_left(proc.stderr) == []


@pytest.mark.parametrize(
    "args, expected",
    [
        (["bogus"], "sim: virhe: argumentti KOMENTO: 'bogus' ei ole sallittu arvo (sallitut: 'play', "),
        (["walk", "x", "--seed", "abc"], "sim walk: virhe: argumentti --seed: arvo 'abc' ei kelpaa (tyyppi int)"),
        (["validate", "x", "--format", "xml"], "sim validate: virhe: argumentti --format: 'xml' ei ole sallittu arvo"),
        (["list", "extra"], "sim: virhe: tuntemattomia argumentteja: extra"),
        (["list", "--json=yes"], "sim list: virhe: argumentti --json: valitsin ei ota arvoa, joten 'yes' jäi käyttämättä"),
        (["walk", "x", "--seed"], "sim walk: virhe: argumentti --seed: tarvitsee yhden arvon"),
        (["i18n"], "sim i18n: virhe: pakollisia argumentteja puuttuu: --export-po"),
    ],
)
def test_usage_errors_in_finnish(args, expected, capsys):
    code, out, err = cli(capsys, "--lang", "fi", *args)
    assert code == 2 and out == ""
    assert err.startswith("käyttö: sim") and expected in err and "vihje: `sim" in err
    assert "usage" not in err and "error:" not in err


def test_argparse_speaks_english_again_afterwards(capsys):
    cli(capsys, "--lang", "fi", "bogus")
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext  # type: ignore[attr-defined]  # argparse's gettext hooks: not in its stubs
    parser = argparse.ArgumentParser(prog="other")
    assert parser.format_usage().startswith("usage: other")
    # And a parser of ours keeps its language whatever argparse was doing before.
    assert build_parser("fi").format_help().startswith("käyttö: sim")
    assert build_parser("en").format_help().startswith("usage: sim")


def test_the_last_guard_speaks_finnish(capsys, monkeypatch):
    def boom(args, parser):
        raise RuntimeError("boom")

    monkeypatch.setattr(sim.cli.main, "dispatch", boom)
    code, _, err = cli(capsys, "--lang", "fi", "list", internal_error=True)
    assert code == 3
    assert err.startswith("sim: sisäinen virhe: RuntimeError: boom\n    vihje: tämä on simin vika")


# --- the commands' own words ---------------------------------------------------------------


def test_test_in_finnish_keeps_the_located_failure_lines_english(tmp_path, capsys):
    from tests.unit.authoring.test_transcript_tests import FAILING, PASSING, folder_with

    folder = folder_with(tmp_path, PASSING)
    code, out, err = cli(capsys, "test", folder, "--lang", "fi")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{folder / 'sample.test.yaml'} · harjoitus sample",
        "  LÄPI    best path",
        "  LÄPI    option numbers follow the seed",
        "",
        "2 läpi, 0 hylätty 1 tiedostossa",
    ]
    failing = folder_with(tmp_path / "f", FAILING)
    code, out, _ = cli(capsys, "--lang", "fi", "test", failing)
    assert code == 1
    assert "  HYLÄTTY shaming is not resolved" in out.splitlines()
    assert "          expected: resolved" in out  # the located block, as in English
    assert out.splitlines()[-1] == "1 läpi, 1 hylätty 1 tiedostossa"
    code, out, _ = cli(capsys, "test", tmp_path / "nothing-here", "--lang", "fi")
    assert code == 2 and out.splitlines()[-1] == "0 läpi, 0 hylätty, 1 virhe 0 tiedostossa"


def test_fuzz_in_finnish(capsys):
    code, out, _ = cli(capsys, "--lang", "fi", "fuzz", SAMPLE_FILE, "--runs", "20")
    assert code == 0
    lines = [line.rstrip() for line in out.splitlines()]
    assert lines[0] == "Satunnaiset läpipeluut: sample (20 läpipeluuta siemenluvusta 0 alkaen, kukin enintään 500 vuoroa)"
    for expected in ("Lopputulokset", "lopputulos", "osuus", "Vuoroja läpipeluussa (pienin / mediaani / suurin): ", "kokonaisarvio", "Ongelmia ei löytynyt."):
        assert expected in out, expected
    assert re.search(r"│ asia ratkesi +│ +\d+ │ +\d+\u00a0% │", out)  # 42 %, as Finnish writes it
    assert english_left(out) == []
    code, _, err = cli(capsys, "fuzz", SAMPLE_FILE, "--runs", "0", "--lang", "fi")
    assert code == 2
    assert err.startswith("sim fuzz: --runs on 1…1\u00a0000\u00a0000, --seed vähintään 0 ja --max-turns 1…100\u00a0000\n    vihje: esim. `sim fuzz ")


def test_analyze_in_finnish(capsys):
    code, out, _ = cli(capsys, "--lang", "fi", "analyze", SAMPLE_FILE)
    assert code == 0
    lines = [line.rstrip() for line in out.splitlines()]
    assert lines[0] == "Analyysi: sample — Esimerkki"
    assert lines[1] == "Asiakas: Kiukkuinen asiakas (sample-client), jännitys alussa 50, uhka alkaen 75"
    for heading in ("Polut", "Lopputulokset", "Pisteet (paras ja huonoin, mitä jokin polku voi saada)", "Periaatteiden kattavuus (tavoitteet saavutettavilla poluilla)", "Missä avun hälyttämisen aika tulee (jännitys ≥ 75)"):
        assert heading in lines, heading
    incident = next(line for line in lines if line.strip().startswith("incident"))
    assert incident == f"  incident (tilanne kärjistyi): 1 polku; lyhin 3 vuoroa: sim walk {SAMPLE_FILE} --choices notice,argue,alone"
    assert "  Huonoin kokonaisarvio: 0 (harjoittele lisää, kriittinen virhe) — tarkka" in lines
    assert english_left(out) == []
    # `--lang` after the command says the same (but for the time it took).
    took = re.compile(r"\d+,\d+ s\b")
    assert took.sub("T", cli(capsys, "analyze", SAMPLE_FILE, "--lang", "fi")[1]) == took.sub("T", out)


@pytest.fixture
def json_reports(sample_library, capsys, tmp_path) -> Path:
    folder = tmp_path / "reports"
    for trainee, actions in (("ann", GOOD), ("bob", ALONE), ("cy", SHAMING)):
        sid = record(sample_library, actions, trainee=trainee)
        assert cli(capsys, "report", sid, "--format", "json", "-o", folder / f"{trainee}.json")[0] == 0
    return folder


def test_summary_in_finnish(json_reports, capsys):
    code, out, err = cli(capsys, "summary", json_reports, "--lang", "fi")
    assert (code, err) == (0, "")
    assert "Sample (sample) — harjoituskertoja 3, harjoittelijoita 3, kokonaisarvion keskiarvo 42,7" in " ".join(out.split())
    header = next(line for line in out.splitlines() if "periaate" in line).split()
    assert header == ["periaate", "n", "ka.", "kh.", "min–max", "puute"]
    row = next(line for line in out.splitlines() if "Listen and acknowledge" in line)
    assert row.split()[-5:] == ["3", "44,3", "51", "0–100", "2/3"]  # a decimal comma
    assert "Eniten puutteita: Call for help early (2/2), Listen and acknowledge (2/3), No shaming (1/3)" in out
    assert english_left(re.sub(r"Sample|Call for help early|Listen and acknowledge|No shaming|Solution focus", "", out)) == []
    code, _, err = cli(capsys, "summary", json_reports / "none", "--lang", "fi")
    assert code == 2
    assert "sim summary: ei koottavia raportteja\n    vihje: tee niitä komennolla `sim report TUNNUS --format json -o TIEDOSTO`" in err


def test_export_in_finnish_writes_the_same_statements(sample_library, capsys, tmp_path):
    record(sample_library, GOOD, trainee="ann")
    record(sample_library, ALONE, trainee="bob")
    code, _, err = cli(capsys, "export", "--xapi", "-o", tmp_path / "en.json")
    assert code == 0
    code, out, err = cli(capsys, "--lang", "fi", "export", "--xapi", "-o", tmp_path / "fi.json")
    assert code == 0 and out == ""
    statements = json.loads((tmp_path / "fi.json").read_text(encoding="utf-8"))
    assert statements == json.loads((tmp_path / "en.json").read_text(encoding="utf-8"))  # xAPI is not translated
    assert err.startswith("huom.: SIM_XAPI_SALT on asettamatta")
    assert f"kirjoitettu tiedostoon {tmp_path / 'fi.json'}: {len(statements)} lauseketta 2 harjoituskerrasta" in err
    code, _, err = cli(capsys, "export", "--lang", "fi")
    assert code == 2 and "sim export: virhe: valitse, mitä viedään\n    vihje: `sim export --xapi`" in err
    code, _, err = cli(capsys, "export", "--xapi", "--lrs", "http://127.0.0.1:9", "--lang", "fi")
    assert code == 2 and "--lrs tarvitsee myös valitsimen --user" in err
    assert english_left(err) == []


def test_new_in_finnish_writes_the_same_template(tmp_path, capsys):
    code, _, _ = cli(capsys, "new", "scenario", "melu", "-o", tmp_path / "en")
    assert code == 0
    code, out, err = cli(capsys, "new", "scenario", "melu", "-o", tmp_path / "fi", "--lang", "fi")
    assert (code, err) == (0, "")
    path = tmp_path / "fi" / "melu.yaml"
    assert out.splitlines()[:4] == [
        f"Kirjoitettu {path}",
        f"Kirjoitettu {tmp_path / 'fi' / 'scenario.schema.json'} (editorin täydennys: katso tiedoston ensimmäinen rivi)",
        "Seuraavaksi:",
        f"  muokkaa tiedostoa {path}",
    ]
    english = (tmp_path / "en" / "melu.yaml").read_text(encoding="utf-8").replace(str(tmp_path / "en"), "")
    assert path.read_text(encoding="utf-8").replace(str(tmp_path / "fi"), "") == english
    assert english_left(out) == []
    for args, expected in [
        (["scenario", "melu", "-o", tmp_path / "fi"], f"sim new: {path} on jo olemassa, eikä sen päälle kirjoiteta\n    vihje: valitse toinen nimi"),
        (["scenario", "x y"], "sim new: `x y` ei kelpaa tunnukseksi\n    vihje: käytä kirjaimia"),
        (["scenario", "z", "--profile", "agresive-client", "-o", tmp_path], "sim new: asiakasprofiilia `agresive-client` ei ole\n    vihje: tarkoititko `aggressive-client`?"),
        (["scenario", "z", "--profile", "qqq", "-o", tmp_path], "vihje: tunnetut asiakasprofiilit: "),
    ]:
        code, _, err = cli(capsys, "new", *args, "--lang", "fi")
        assert code == 2 and expected in err, err


def test_schema_graph_and_i18n_messages_in_finnish(tmp_path, capsys, monkeypatch):
    missing = tmp_path / "a-file"  # a file where a folder should be
    missing.write_text("x")
    assert cli(capsys, "--lang", "fi", "schema")[1] == cli(capsys, "schema")[1]  # the schema itself is not translated
    code, _, err = cli(capsys, "--lang", "fi", "schema", "-o", missing / "s.json")
    assert code == 2 and f"{missing / 's.json'}: tähän tiedostoon ei voi kirjoittaa (" in err and "\n    vihje: tarkista, että sen kansio" in err
    assert cli(capsys, "--lang", "fi", "graph", SAMPLE_FILE)[1] == cli(capsys, "graph", SAMPLE_FILE)[1]  # nor is Mermaid
    code, _, err = cli(capsys, "graph", SAMPLE_FILE, "-o", missing / "g.md", "--lang", "fi")
    assert code == 2 and f"{missing / 'g.md'}: tähän tiedostoon ei voi kirjoittaa (" in err and "vihje: " in err
    monkeypatch.setattr(shutil, "which", lambda name: None)
    code, _, err = cli(capsys, "graph", SAMPLE_FILE, "--format", "svg", "--lang", "fi")
    assert code == 2 and "sim graph: Graphvizin `dot`-ohjelmaa ei ole asennettu, joten SVG-kuvaa ei voi piirtää" in err
    assert english_left(err) == []
    code, _, err = cli(capsys, "i18n", "--export-po", "FIN", "--lang", "fi")
    assert code == 2 and err == "sim i18n: --export-po: `FIN` ei ole kielikoodi\n    vihje: kaksi tai kolme pientä kirjainta, esim. fi\n"
    code, _, err = cli(capsys, "--lang", "fi", "i18n", "--export-po", "fi", "-o", tmp_path / "fi.po")
    assert code == 0 and err == f"kirjoitettu {tmp_path / 'fi.po'}\n"
    code, _, err = cli(capsys, "validate", SAMPLE_DIR, "--require-lang", "f1", "--lang", "fi")
    assert code == 2 and "sim validate: --require-lang: `f1` ei ole kielikoodi\n    vihje: kaksi tai kolme pientä kirjainta pilkuin erotettuina" in err


def test_report_errors_in_finnish(sample_library, capsys):
    code, _, err = cli(capsys, "report", "last", "--lang", "fi")
    assert (code, err) == (2, "last: historiassa ei ole vielä harjoituskertoja\n    vihje: pelaa ensin jokin harjoitus komennolla `sim`\n")
    record(sample_library, GOOD)
    code, _, err = cli(capsys, "report", "nosuch", "--lang", "fi")
    assert code == 2 and err.startswith("nosuch: tällä tunnuksella ei ole harjoituskertaa\n    vihje: ")


def test_starting_the_simulator_and_serving_it_in_finnish(tmp_path, capsys):
    code, _, err = cli(capsys, "--lang", "fi", "--dir", tmp_path / "nope")
    assert code == 2 and err.startswith(f"sim: kansiota ei ole: {tmp_path / 'nope'}\n    vihje: tarkista --dir ja SIM_DIALOGUES")
    code, _, err = cli(capsys, "--lang", "fi", "play", SAMPLE_FILE)  # pytest's stdin is no terminal
    assert code == 2 and err.startswith("sim: simulaattori tarvitsee päätteen\n    vihje: `sim walk HARJOITUS --choices …`")
    code, _, err = cli(capsys, "--lang", "fi", "serve", "--dir", tmp_path / "nope")
    assert code == 2 and ("sim: kansiota ei ole" in err or "sim serve: selaintila tarvitsee" in err)
    assert english_left(err.replace("textual-serve", "")) == []


# --- no English literal reaches the screen untranslated -------------------------------------------------

# The scan below reads the source of every module that prints for the CLI and
# flags a string literal with words in it that reaches an output call
# (print, write, Text, literal, a table's title, column or row, a complaint)
# without going through `t`/`tn`. Commands (`sim walk …`, `--options`),
# `code`, catalogue keys, Rich styles and JSON keys are not words. A line
# that stays English on purpose (located problem lines, as `sim validate`'s)
# says so in a comment with the words "English on purpose".
# The errors a user can act on (sim.errors.UserError and its kinds) are made with
# `SomeError.of(where, key, hint_key, **fields)`: words given to one directly, or
# as a field, are found too; so are a `sim fuzz` problem's (`_said(key, **fields)`).
ERROR_CALLS = {"UserError", "StoreError", "LrsError", "RebuildError", "ReportError", "of", "_said", "Said", "FuzzProblem"}
OUTPUT_CALLS = {"print", "write", "literal", "Text", "append", "add_column", "add_row", "Table", "complain", "problem", "CliError"} | ERROR_CALLS
PARSER_CALLS = {"add_argument", "add_parser", "ArgumentParser", "_Parser"}  # only their help, description and metavar
STYLE_AFTER_FIRST = {"literal", "Text", "append"}  # literal(text, style), Text(text, style), text.append(text, style)
TRANSLATED = {"t", "tn", "w"}
NOT_SHOWN = {"get"}  # `data.get("version")`: a key, not words
STAYS_ENGLISH = {"Problem"}  # located problem lines
NOT_TEXT_KEYWORDS = {"style", "justify", "box", "end", "sep", "file", "title_justify", "overflow", "no_wrap", "min_width", "ratio", "dest", "choices", "default", "type", "action", "prog", "parser_class"}
CATALOGUE_KEY = re.compile(r"^[a-z_]+(\.[a-z_-]+)+$")
CODE = re.compile(r"`[^`]*`|\[[a-z-]+\]|--[a-z-]+(?:[ =][a-z0-9,._-]+)?|\bsim(?: [a-z0-9]+)?")
A_WORD = re.compile(r"[A-Za-z]{2,}")
PRINTERS = [*sorted((PACKAGE / "cli").glob("*.py")), PACKAGE / "serve.py", PACKAGE / "console.py", PACKAGE / "tui" / "launch.py"]
# Where the errors a user can act on, and `sim fuzz`'s problems, are worded.
PRINTERS += [PACKAGE / name for name in ("errors.py", "session/history.py", "reports/lrs.py", "session/rebuild.py", "reports/summary.py", "authoring/fuzz.py")]


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _words(node: ast.AST):
    if isinstance(node, ast.Call):
        name = _name(node.func)
        if name in TRANSLATED or name in STAYS_ENGLISH or name in NOT_SHOWN:
            return
        if isinstance(node.func, ast.Attribute) and not isinstance(node.func.value, ast.Constant):  # not ", ".join
            yield from _words(node.func.value)
        if name in PARSER_CALLS:
            args: list[ast.AST] = []
        elif name in STYLE_AFTER_FIRST:
            args = node.args[:1]
        elif name == "CliError":
            args = node.args[2:]  # (lang, where, message, hint): `where` is the user's own word
        else:
            args = list(node.args)
        args += [k.value for k in node.keywords if k.arg not in NOT_TEXT_KEYWORDS]
        for arg in args:
            yield from _words(arg)
        return
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str) and not CATALOGUE_KEY.match(node.value) and A_WORD.search(CODE.sub("", node.value)):
            yield node
        return
    if isinstance(node, ast.Subscript):
        yield from _words(node.value)
        return
    if isinstance(node, ast.Compare):
        return
    if isinstance(node, ast.IfExp):
        yield from _words(node.body)
        yield from _words(node.orelse)
        return
    if isinstance(node, ast.Dict):  # JSON rows: keys are not shown
        for value in node.values:
            if value is not None:
                yield from _words(value)
        return
    for child in ast.iter_child_nodes(node):
        yield from _words(child)


def untranslated(source: str) -> list[str]:
    lines = source.splitlines()
    found: dict[tuple[int, int], str] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _name(node.func) in OUTPUT_CALLS | PARSER_CALLS:
            for literal in _words(node):
                if "English on purpose" not in lines[literal.lineno - 1]:
                    found[(literal.lineno, literal.col_offset)] = f"{literal.lineno}: {literal.value!r}"
    return [found[k] for k in sorted(found)]


def test_the_scan_finds_an_untranslated_literal_and_passes_a_translated_one():
    assert untranslated('out.print(Text("Endings", style="bold"))') == ["1: 'Endings'"]
    assert untranslated('err.print(literal(f"sim fuzz: --runs must be 1…{n}"))') == ["1: 'sim fuzz: --runs must be 1…'"]
    assert untranslated('sys.stderr.write("sim: internal error\\n")') == ["1: 'sim: internal error\\n'"]
    assert untranslated('p.add_argument("--json", action="store_true", help="print JSON")') == ["1: 'print JSON'"]
    assert untranslated('table.add_column("runs", justify="right")') == ["1: 'runs'"]
    for fine in (
        'out.print(Text(t("cli.fuzz.endings", lang), style="bold"))',
        'out.print(literal("  " + tn("cli.analyze.turns", n, lang), "dim"))',
        'out.print(literal(f"  sim walk {path} --choices acknowledge,next-step"))',
        'complain("sim graph", t("cli.graph.failed", lang), t("cli.graph.failed_hint", lang), lang)',
        'p.add_argument("--json", action="store_true", help=w("args.json.text"))',
        'rows.append({"id": s.id, "title": title})',
        'out.print(Text("Endings"))  # English on purpose',
        'raise StoreError.of(str(path), "err.store.cannot_write", _FOLDER_HINT, error=text)',
        'raise ReportError.of(str(path), "err.summary.newer", "err.summary.newer_hint", version=repr(data.get("version")))',
        'return stop("stuck", _said("fuzz.stuck", node=session.node_id), session.node_id)',
    ):
        assert untranslated(fine) == [], fine
    assert untranslated('raise StoreError(str(path), "the disk is full", hint)') == ["1: 'the disk is full'"]
    assert untranslated('raise LrsError.of(url, "err.lrs.failed", status=f"{code} failed")') == ["1: ' failed'"]
    assert untranslated('raise UserError(sid, "this session is gone")') == ["1: 'this session is gone'"]
    assert untranslated('return _said("fuzz.nan", var="a number")') == ["1: 'a number'"]


@pytest.mark.parametrize("path", PRINTERS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_untranslated_literal_reaches_the_screen(path):
    assert untranslated(path.read_text(encoding="utf-8")) == []


def test_argparse_messages_are_exported_as_python_format():
    # So `msgfmt --check` (tests/test_i18n_catalogue.py) compares their `%(name)s` fields too.
    from sim.cli.i18n import po_catalogue

    lines = po_catalogue("fi").splitlines()
    flags = {lines[i + 1]: lines[i] for i in range(len(lines) - 1) if lines[i + 1].startswith('msgctxt "argparse.')}
    assert flags['msgctxt "argparse.required"'] == "#, python-format"
    assert flags['msgctxt "argparse.expected"'] == "#, python-format"
    assert flags['msgctxt "argparse.usage"'] != "#, python-format"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANGUAGE": "fi:en", "LANG": "en_GB.UTF-8"}, "fi"),
        ({"LANGUAGE": "sv:fi", "LANG": "en_GB.UTF-8"}, "fi"),  # the first language we have
        ({"LANGUAGE": "sv", "LANG": "fi_FI.UTF-8"}, "fi"),  # none we have: the locale decides
        ({"LC_ALL": "fi_FI.UTF-8@euro"}, "fi"),
        # C/POSIX asks for untranslated text: LANGUAGE and the variables LC_ALL overrides are ignored.
        ({"LC_ALL": "C", "LANG": "fi_FI.UTF-8"}, "en"),
        ({"LC_ALL": "C.UTF-8", "LANG": "fi_FI.UTF-8"}, "en"),
        ({"LC_ALL": "POSIX", "LANGUAGE": "fi"}, "en"),
        ({"LC_MESSAGES": "C", "LANG": "fi_FI.UTF-8", "LANGUAGE": "fi"}, "en"),
        ({"LANG": "C", "LANGUAGE": "fi"}, "en"),
        ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "fi_FI.UTF-8"}, "fi"),  # an empty variable is not set
        ({"LC_ALL": "fi_FI.UTF-8", "LANG": "C"}, "fi"),  # LC_ALL decides, not LANG
        ({"LANGUAGE": "fi", "LANG": "sv_SE.UTF-8"}, "fi"),  # LANGUAGE wins over any locale but C
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "fi_FI.UTF-8"}, "en"),  # a locale we have no words for: untranslated, as in gettext
        ({"SIM_LANG": "fi", "LC_ALL": "C"}, "fi"),  # SIM_LANG wins over everything
        ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "fi_FI.UTF-8"}, "en"),
        ({"SIM_LANG": "en", "LANGUAGE": "fi"}, "en"),
        ({}, "en"),
    ],
)
def test_the_language_follows_language_like_gettext(monkeypatch, env, expected):
    from sim.i18n import default_lang

    for var in ("SIM_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert default_lang() == expected


def test_lc_all_c_gives_english_output_from_the_command():
    # The reported case: a Finnish login session, `LC_ALL=C sim …` for a bug report.
    env = {k: v for k, v in os.environ.items() if k not in ("SIM_LANG", "LC_MESSAGES", "LANGUAGE")}
    env |= {"LC_ALL": "C", "LANG": "fi_FI.UTF-8"}
    proc = sim_process("--help", env=env)
    assert proc.returncode == 0 and proc.stdout.startswith("usage: sim"), proc.stdout[:80]
    env["SIM_LANG"] = "fi"
    assert sim_process("--help", env=env).stdout.startswith("käyttö: sim")
