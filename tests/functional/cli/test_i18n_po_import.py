"""`sim i18n --import-po FILE`: a translated PO file back into the catalogue's
shape, with what is wrong in it as located problems; the way back from
`sim i18n --export-po` (tests/test_i18n_catalogue.py)."""

from __future__ import annotations

import json
import textwrap

import pytest

from sim.cli.i18n import import_po
from sim.i18n import STRINGS
from tests.cli_run import cli

PLURAL_BASES = {k.removesuffix(".one") for k in STRINGS if k.endswith(".one")}


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    monkeypatch.setenv("SIM_LANG", "en")
    monkeypatch.setenv("NO_COLOR", "1")


# --- the round trip ---------------------------------------------------------------


def test_export_then_import_gives_the_catalogue_back_in_its_order(tmp_path, capsys):
    po = tmp_path / "x.po"
    assert cli(capsys, "i18n", "--export-po", "fi", "-o", po)[0] == 0
    code, out, err = cli(capsys, "i18n", "--import-po", po)
    assert code == 0
    assert err == "0 errors, 0 warnings in 1 file\n"
    data = json.loads(out)
    assert data["lang"] == "fi"  # from the Language header, not the file name
    assert data["strings"] == {k: v["fi"] for k, v in STRINGS.items()}
    assert list(data["strings"]) == list(STRINGS)


def test_a_template_for_a_new_language_is_all_untranslated(tmp_path, capsys):
    po = tmp_path / "sv.po"
    assert cli(capsys, "i18n", "--export-po", "sv", "-o", po)[0] == 0
    language, strings, problems = import_po(po, "en")
    assert (language, strings) == ("sv", {})
    assert {p.code for p in problems} == {"untranslated"} and {p.severity for p in problems} == {"warning"}
    assert len(problems) == len(STRINGS) - len(PLURAL_BASES)  # one per PO entry: a plural is one
    code, out, err = cli(capsys, "i18n", "--import-po", po)
    assert code == 0  # warnings alone
    assert json.loads(out) == {"lang": "sv", "strings": {}}
    first = next(iter(STRINGS)).removesuffix(".one")  # its entry follows the header
    assert f"{po}:12:1: warning: `{first}` is not translated, so it is left out\n    hint: fill in its msgstr" in err
    assert err.endswith(f"0 errors, {len(problems)} warnings in 1 file\n")


# --- a file written by hand, as translators leave them ------------------------------

HAND_MADE = textwrap.dedent(
    r"""
    # Finnish, by hand.
    msgid ""
    msgstr ""
    "Language: fi\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n"

    #, fuzzy
    msgctxt "app.title"
    msgid "Encounter simulator"
    msgstr "Kohtaamissimulaattori"

    msgctxt "walk.scores"
    msgid "Scores"
    msgstr ""

    msgctxt "walk.succes"
    msgid "a successful ending"
    msgstr "onnistunut lopputulos"

    msgctxt "walk.principles"
    msgid "Principals"
    msgstr "Periaatteet"

    #, python-brace-format
    msgctxt "walk.critical"
    msgid "Critical miss: {principle}"
    msgstr "Kriittinen virhe: {periaate}"

    # A translator's comment, then a string over several lines with escapes.
    #, python-brace-format
    msgctxt "cli.problem"
    msgid ""
    "{prog}: {message}\n"
    "    hint: {hint}"
    msgstr ""
    "{prog}: \"{message}\"\n"
    "    vihje:\t{hint} \\o/"

    #, python-brace-format
    msgctxt "count.errors"
    msgid "{count} error"
    msgid_plural "{count} errors"
    msgstr[0] "{count} virhe"
    msgstr[1] "{count} virhettä"

    #~ msgctxt "walk.gone"
    #~ msgid "An entry the template no longer has"
    #~ msgstr "Poistunut merkintä"
    """
).lstrip("\n")

# (line, severity, code): where each entry starts, its first comment or flag line.
EXPECTED = [
    (8, "warning", "fuzzy"),
    (13, "warning", "untranslated"),
    (17, "error", "unknown-key"),
    (21, "warning", "stale"),
    (25, "error", "fields"),
]


def test_the_hand_made_file_line_by_line(tmp_path, capsys):
    lines = HAND_MADE.splitlines()
    assert [lines[line - 1].split()[0] for line, _, _ in EXPECTED] == ["#,", "msgctxt", "msgctxt", "msgctxt", "#,"]
    po = tmp_path / "hand.po"
    po.write_text(HAND_MADE, encoding="utf-8")
    language, strings, problems = import_po(po, "en")
    assert language == "fi"
    assert [(p.path, p.line, p.col, p.severity, p.code) for p in problems] == [(str(po), line, 1, sev, code) for line, sev, code in EXPECTED]
    assert strings == {
        "count.errors.one": "{count} virhe",
        "count.errors.other": "{count} virhettä",
        "cli.problem": '{prog}: "{message}"\n    vihje:\t{hint} \\o/',
    }
    assert list(strings) == [k for k in STRINGS if k in strings]  # the catalogue's order

    code, out, err = cli(capsys, "i18n", "--import-po", po)
    assert code == 1  # an error: the unknown key, the lost field
    assert json.loads(out) == {"lang": "fi", "strings": strings}
    for expected in [
        "Errors (2)",
        f"{po}:17:1: error: `walk.succes` is not a key of the catalogue",
        "    hint: did you mean `walk.success`?",
        f"{po}:25:1: error: the translation of `walk.critical` has the fields {{periaate}}, the English {{principle}}",
        "Warnings (3)",
        f"{po}:8:1: warning: `app.title` is marked fuzzy, a translation still to be checked, so it is left out",
        f"{po}:13:1: warning: `walk.scores` is not translated, so it is left out",
        f"{po}:21:1: warning: the English of `walk.principles` has changed since this file was exported, so its translation is left out",
        "    hint: update the file from a new `sim i18n --export-po fi` (msgmerge, or the PO editor's update from a template), then check this translation",
        "2 errors, 3 warnings in 1 file",
    ]:
        assert expected in err.splitlines(), expected
    assert "walk.gone" not in err  # obsolete (`#~`) entries are what an editor keeps of old ones


def test_a_problem_in_finnish(tmp_path, capsys):
    po = tmp_path / "hand.po"
    po.write_text(HAND_MADE, encoding="utf-8")
    code, _, err = cli(capsys, "i18n", "--import-po", po, "--lang", "fi")
    assert code == 1
    lines = err.splitlines()
    # The `file:line:col: severity:` frame and `hint:` stay English for editors, as `sim validate`'s do.
    i = lines.index(f"{po}:13:1: warning: `walk.scores` on kääntämättä, joten se jätetään pois")
    assert lines[i + 1] == "    hint: täytä sen msgstr (monikossa jokainen msgstr[n])"
    assert "Varoitukset (3)" in lines and lines[-1] == "2 virhettä, 3 varoitusta 1 tiedostossa"


def test_more_ways_an_entry_goes_wrong(tmp_path):
    po = tmp_path / "more.po"
    po.write_text(
        textwrap.dedent(
            """\
            msgctxt "walk.scores"
            msgid "Scores"
            msgstr "Pisteet"

            msgctxt "walk.scores"
            msgid "Scores"
            msgstr "Pisteytys"

            msgid "no context"
            msgstr "ei kontekstia"

            msgctxt "walk.turn"
            msgid "── Turn {turn} · {node} "
            msgstr "── Vuoro {turn · {node} "

            msgctxt "count.warnings"
            msgid "{count} warning"
            msgid_plural "{count} warnings"
            msgstr[0] "{count} varoitus"
            msgstr[1] ""

            msgctxt "argparse.required"
            msgid "the following arguments are required: %s"
            msgstr "pakollisia argumentteja puuttuu"
            """
        ),
        encoding="utf-8",
    )
    language, strings, problems = import_po(po, "en")
    assert language == "more"  # no Language header: the file's name
    assert strings == {"walk.scores": "Pisteet"}  # the first of two
    assert [(p.line, p.code) for p in problems] == [(5, "duplicate"), (9, "no-context"), (12, "fields"), (16, "untranslated"), (22, "fields")]
    assert problems[0].message == "`walk.scores` is in this file twice; only the first one, on line 1, counts"
    assert problems[2].message == "the braces in the translation of `walk.turn` do not make fields"
    assert problems[4].message == "the translation of `argparse.required` has the fields —, the English %s"


# --- files that are no PO file: exit 2, located, with a hint, never a traceback ----------


def test_a_missing_file_or_a_folder(tmp_path, capsys):
    code, out, err = cli(capsys, "i18n", "--import-po", tmp_path / "fi.po")
    assert (code, out) == (2, "")
    assert err == f"{tmp_path / 'fi.po'}: no such file\n    hint: check the path and its spelling\n"
    code, _, err = cli(capsys, "i18n", "--import-po", tmp_path)
    assert code == 2 and err.startswith(f"{tmp_path}: this is a folder: --import-po reads one PO file\n    hint: give the PO file inside it")


NOT_PO_HINT = "    hint: a PO file is made of msgctxt, msgid and msgstr lines"


@pytest.mark.parametrize(
    "name, content, where, message",
    [
        ("junk.po", bytes(range(256)) * 4, 1, "this is a binary file, not a PO file"),
        ("latin.po", b'msgctxt "app.title"\nmsgid "x"\nmsgstr "\xe4"\n', 3, "this is not UTF-8 text, so it cannot be read as a PO file"),
        ("scenario.yaml", b"id: sample\ntitle:\n  en: A sample\nnodes: []\n", 1, "this is not a PO file, or it is broken on this line"),
        ("broken.po", b'msgctxt "app.title"\nmsgid "a"b"\nmsgstr ""\n', 2, "this is not a PO file, or it is broken on this line"),
        ("comments.po", b"# nothing but a comment\n", 1, "this has no PO entries, so it is not a PO file"),
        ("empty.po", b"", 1, "this has no PO entries, so it is not a PO file"),
    ],
)
def test_a_file_that_is_no_po_file(tmp_path, capsys, name, content, where, message):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = cli(capsys, "i18n", "--import-po", path)
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}:{where}:1: {message}\n{NOT_PO_HINT}"), err


def test_a_file_that_is_no_po_file_in_finnish(tmp_path, capsys):
    path = tmp_path / "scenario.yaml"
    path.write_text("id: sample\nnodes: [\n", encoding="utf-8")
    code, _, err = cli(capsys, "i18n", "--import-po", path, "--lang", "fi")
    assert code == 2
    assert err.startswith(f"{path}:1:1: tämä ei ole PO-tiedosto, tai se on rikki tällä rivillä\n    vihje: PO-tiedosto koostuu")


def test_the_header_charset_is_honoured(tmp_path):
    path = tmp_path / "latin.po"
    path.write_bytes(
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
        b'msgctxt "walk.scores"\nmsgid "Scores"\nmsgstr "P\xe4\xe4pisteet"\n'
    )
    assert import_po(path, "en")[1:] == ({"walk.scores": "Pääpisteet"}, [])


# --- the command line ------------------------------------------------------------------


def test_output_to_a_file_and_the_usage_errors(tmp_path, capsys):
    po, out_file = tmp_path / "fi.po", tmp_path / "out" / "fi.json"
    cli(capsys, "i18n", "--export-po", "fi", "-o", po)
    code, out, err = cli(capsys, "i18n", "--import-po", po, "-o", out_file)
    assert (code, out) == (0, "") and err.endswith(f"wrote {out_file}\n")
    assert json.loads(out_file.read_text(encoding="utf-8"))["strings"]["app.title"] == STRINGS["app.title"]["fi"]
    code, out, err = cli(capsys, "i18n")
    assert (code, out) == (2, "") and "sim i18n: error: one of the arguments --export-po --import-po is required" in err
    code, _, err = cli(capsys, "i18n", "--export-po", "fi", "--import-po", po)
    assert code == 2 and "not allowed with argument" in err and "hint: `sim i18n --help`" in err
    code, _, err = cli(capsys, "i18n", "--import-po", po, "--export-po", "fi", "--lang", "fi")
    assert code == 2 and "ei käy yhdessä argumentin" in err


def test_a_file_that_names_another_file_is_read_as_itself(tmp_path, monkeypatch):
    # polib takes a string that is an existing path for a file to open: the contents of
    # a one-line file must never be read as a path.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "other.po").write_text('msgctxt "walk.scores"\nmsgid "Scores"\nmsgstr "Pisteet"\n', encoding="utf-8")
    (tmp_path / "tricky.po").write_text("other.po", encoding="utf-8")
    from sim.errors import UserError

    with pytest.raises(UserError) as caught:
        import_po(tmp_path / "tricky.po", "en")
    assert caught.value.message == "this is not a PO file, or it is broken on this line"
