"""`sim i18n --import-po FILE`: a translated PO file back into the catalogue's
shape, with what is wrong in it as located problems; the way back from
`sim i18n --export-po` (tests/test_i18n_catalogue.py)."""

from __future__ import annotations

import codecs
import io
import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from sim.cli.i18n import MAX_LISTED, MAX_SUGGESTIONS, import_po
from sim.i18n import STRINGS
from tests.cli_run import cli
from tests.helpers import tool

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
    po = tmp_path / "fi_FI.po"
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
    assert language == "fi"  # no Language header: the file's name, as the catalogue writes the language
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
    path = tmp_path / "fi.po"
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
    # polib, which read these files once, takes a string that is an existing path for a
    # file to open: the contents of a one-line file must never be read as a path.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "other.po").write_text('msgctxt "walk.scores"\nmsgid "Scores"\nmsgstr "Pisteet"\n', encoding="utf-8")
    (tmp_path / "tricky.po").write_text("other.po", encoding="utf-8")
    from sim.errors import UserError

    with pytest.raises(UserError) as caught:
        import_po(tmp_path / "tricky.po", "en")
    assert caught.value.message == "this is not a PO file, or it is broken on this line"


# --- the PO syntax: what GNU msgfmt rejects is a located error, never a garbled translation ---

MISS = 'msgctxt "miss.alone"\nmsgid "carried on alone while the client was a threat"\n'


def _msgfmt_rejects(path) -> bool:
    msgfmt = tool("msgfmt", "msgfmt (GNU gettext)")
    return subprocess.run([msgfmt, "-o", os.devnull, str(path)], capture_output=True).returncode != 0


@pytest.mark.parametrize(
    "content, line, col, message",
    [
        (MISS + "msgstr jatkoi\n", 3, 8, "`msgstr` must be followed by its text in double quotes"),
        (MISS + 'msgstr ""\n"jatkoi\n', 4, 1, "this string has no closing quote on its line"),
        (MISS + 'msgstr "jat\\qkoi"\n', 3, 12, "`\\q` is not an escape sequence a PO string may have"),
        (MISS + 'msgstr "x\n', 3, 8, "this string has no closing quote on its line"),
        ('msgctxt "miss.alone"\nmsgid "carried on alone\nmsgstr "x"\n', 2, 7, "this string has no closing quote on its line"),
        (MISS + '\nmsgctxt "walk.scores"\nmsgid "Scores"\nmsgstr "Pisteet"\n', 2, 1, "this entry has no msgstr"),
        (MISS + '# a comment cannot come between\nmsgstr "x"\n', 2, 1, "this entry has no msgstr"),
        (MISS + "msgstr\n", 3, 7, "`msgstr` must be followed by its text in double quotes"),
        (MISS + "msgstr # a comment\n", 3, 8, "`msgstr` must be followed by its text in double quotes"),
        (MISS + 'msgstr "jat" # a comment ends the entry\n"koi"\n', 4, 1, "this string belongs to no keyword"),
        ('msgctxt "miss.alone" # a comment\nmsgid "a"\nmsgstr "x"\n', 1, 1, "this entry has no msgid"),
        ('msgctxt "app.title"\nmsgid "a"b"\nmsgstr ""\n', 2, 10, "text after the closing quote of a string"),
        ('msgctxt "app.title"\nmsgctxt "app.title"\nmsgid "a"\nmsgstr "x"\n', 2, 1, "`msgctxt` cannot come here (what may: msgid)"),
        ('msgctxt "app.title"\nmsgid "a"\nmsgstr[0] "x"\n', 3, 1, "`msgstr[0]` cannot come here (what may: msgid_plural, msgstr)"),
        ('msgctxt "count.errors"\nmsgid "a"\nmsgid_plural "b"\nmsgstr "x"\n', 4, 1, "`msgstr` cannot come here (what may: msgstr[0])"),
        ('msgctxt "count.errors"\nmsgid "a"\nmsgid_plural "b"\nmsgstr[1] "x"\nmsgstr[0] "y"\n', 4, 1, "`msgstr[1]` cannot come here"),
        ('msgctxt "count.errors"\nmsgid "a"\nmsgid_plural "b"\n', 3, 1, "this entry has no msgstr[0]"),
        ('"a string of nothing"\nmsgid "a"\nmsgstr "x"\n', 1, 1, "this string belongs to no keyword"),
        ('msgid "a"\nmsgstr "x"\nmsgtxt "y"\n', 3, 1, "this is not a PO file, or it is broken on this line"),
    ],
)
def test_broken_po_syntax_is_an_error_at_its_line_and_column(tmp_path, capsys, content, line, col, message):
    path = tmp_path / "fi.po"
    path.write_text(content, encoding="utf-8")
    assert _msgfmt_rejects(path)  # the sample really is broken
    code, out, err = cli(capsys, "i18n", "--import-po", path)
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}:{line}:{col}: {message}"), err
    assert "\n    hint: " in err


def test_a_syntax_error_in_finnish(tmp_path, capsys):
    path = tmp_path / "fi.po"
    path.write_text(MISS + "msgstr jatkoi\n", encoding="utf-8")
    code, _, err = cli(capsys, "i18n", "--import-po", path, "--lang", "fi")
    assert code == 2
    assert err == f'{path}:3:8: sanan `msgstr` jälkeen pitää tulla sen teksti lainausmerkeissä\n    vihje: kirjoita se muodossa msgstr "teksti", lainausmerkkeineen\n'


def test_escapes_are_read_as_msgfmt_reads_them(tmp_path):
    path = tmp_path / "fi.po"
    path.write_text(
        'msgid ""\nmsgstr "Language: fi\\n"\n\n'
        'msgctxt "walk.scores"\nmsgid "Scores"\n'
        'msgstr "\\a\\b\\f\\v\\r\\t\\n \\\\ \\" \\101\\x42\\103" "+"\n'
        '  "jatkuu" \t # a comment after the strings ends the entry\n'
        '\n#, fuzzy\n#~ msgctxt "walk.gone"\n#~ msgid "Gone"\n#~ msgstr "poissa"\n',
        encoding="utf-8",
    )
    assert not _msgfmt_rejects(path)
    assert import_po(path, "en") == ("fi", {"walk.scores": '\a\b\f\v\r\t\n \\ " ABC+jatkuu'}, [])


# --- the language: as the catalogue writes it, never a file name -------------------------


@pytest.mark.parametrize("written", ["fi", "fi_FI", "fi-FI", "fi_FI.UTF-8", "fi@euro", "FI"])
def test_a_regional_language_is_the_catalogues_language(tmp_path, written):
    path = tmp_path / "translated.po"
    path.write_text(f'msgid ""\nmsgstr "Language: {written}\\n"\n\nmsgctxt "walk.scores"\nmsgid "Old"\nmsgstr "Pisteet"\n', encoding="utf-8")
    language, strings, problems = import_po(path, "en")
    assert (language, strings) == ("fi", {})
    assert problems[0].hint and "`sim i18n --export-po fi`" in problems[0].hint  # a command sim runs


@pytest.mark.parametrize("name, expected", [("fi.po", "fi"), ("fi_FI.po", "fi"), ("en.po", "en"), ("t_bad_escape.po", None), ("sv.po", None)])
def test_without_a_language_header_only_a_language_of_the_catalogue_is_taken_from_the_name(tmp_path, capsys, name, expected):
    path = tmp_path / name
    path.write_text('msgctxt "walk.scores"\nmsgid "Scores"\nmsgstr "Pisteet"\n', encoding="utf-8")
    code, out, err = cli(capsys, "i18n", "--import-po", path)
    if expected:
        assert code == 0 and json.loads(out)["lang"] == expected
    else:
        assert (code, out) == (2, "")
        assert err.startswith(f"{path}:1:1: the file does not say its language, nor does its name\n    hint: put the header line")


def test_a_language_header_that_is_no_language(tmp_path, capsys):
    path = tmp_path / "translated.po"
    path.write_text('# Finnish\nmsgid ""\nmsgstr ""\n"Project-Id-Version: x\\n"\n"Language: Finnish\\n"\n', encoding="utf-8")
    code, out, err = cli(capsys, "i18n", "--import-po", path)
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}:5:1: `Language: Finnish` is not a language code, nor is the file's name\n")


# --- standard input, plural forms, UTF-16 --------------------------------------------------


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_dash_reads_standard_input(tmp_path, capsys, monkeypatch):
    po = tmp_path / "fi.po"
    assert cli(capsys, "i18n", "--export-po", "fi", "-o", po)[0] == 0
    _stdin(monkeypatch, po.read_bytes().replace(b'msgstr "Kohtaamissimulaattori"', b'msgstr ""'))
    code, out, err = cli(capsys, "i18n", "--import-po", "-")
    assert code == 0
    assert json.loads(out)["strings"] == {k: v["fi"] for k, v in STRINGS.items() if k != "app.title"}
    assert "<stdin>:" in err and "warning: `app.title` is not translated" in err
    _stdin(monkeypatch, b'msgctxt "walk.scores"\nmsgid "Scores"\nmsgstr "Pisteet"\n')  # no name to take a language from
    code, out, err = cli(capsys, "i18n", "--import-po", "-")
    assert (code, out) == (2, "") and err.startswith("<stdin>:1:1: standard input does not say its language\n    hint: put the header line")


PLURAL_HEADER = 'msgid ""\nmsgstr ""\n"Language: fi\\n"\n"Plural-Forms: {forms}\\n"\n\n'
COUNT_ERRORS = 'msgctxt "count.errors"\nmsgid "{count} error"\nmsgid_plural "{count} errors"\nmsgstr[0] "{count} virhe"\nmsgstr[1] "{count} virhettä"\n'


def test_plural_forms_other_than_the_catalogues_two_are_errors(tmp_path, capsys):
    path = tmp_path / "fi.po"
    three = PLURAL_HEADER.replace("{forms}", "nplurals=3; plural=(n==1 ? 0 : n<5 ? 1 : 2);") + COUNT_ERRORS + 'msgstr[2] "{count} virheitä"\n'
    path.write_text(three, encoding="utf-8")
    _, strings, problems = import_po(path, "en")
    assert strings == {}
    assert [(p.line, p.code) for p in problems] == [(4, "plural-forms")]
    assert problems[0].message.startswith("`Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n<5 ? 1 : 2);` does not have the catalogue's 2 plural forms")
    assert cli(capsys, "i18n", "--import-po", path)[0] == 1
    # The header is right, the entry is not.
    path.write_text(PLURAL_HEADER.replace("{forms}", "nplurals=2; plural=(n != 1);") + COUNT_ERRORS + 'msgstr[2] "{count} virheitä"\n', encoding="utf-8")
    _, strings, problems = import_po(path, "en")
    assert strings == {}
    assert [(p.line, p.code, p.message) for p in problems] == [
        (6, "plural-forms", "the plural entry `count.errors` has 3 msgstr[n] lines instead of 2 (`.one` and `.other`), so it is left out")
    ]


def test_a_plural_key_needs_a_plural_entry_and_a_singular_one_a_singular_entry(tmp_path):
    path = tmp_path / "fi.po"
    path.write_text(
        'msgctxt "count.errors"\nmsgid "{count} error"\nmsgstr "{count} virhe"\n\n'
        'msgctxt "walk.scores"\nmsgid "Scores"\nmsgid_plural "Scores"\nmsgstr[0] "Pisteet"\nmsgstr[1] "Pisteet"\n',
        encoding="utf-8",
    )
    _, strings, problems = import_po(path, "en")
    assert strings == {}
    assert [(p.line, p.code, p.message) for p in problems] == [
        (1, "not-plural", "`count.errors` is a plural in the catalogue (`count.errors.one`, `count.errors.other`), but this entry has no msgid_plural"),
        (5, "plural", "`walk.scores` is not a plural in the catalogue, but this entry has msgid_plural"),
    ]


@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-8", codecs.BOM_UTF8)])
def test_a_file_with_a_byte_order_mark_is_read_in_its_encoding(tmp_path, capsys, codec, bom):
    po = tmp_path / "fi.po"
    assert cli(capsys, "i18n", "--export-po", "fi", "-o", po)[0] == 0
    marked = tmp_path / "marked.po"
    marked.write_bytes(bom + po.read_text(encoding="utf-8").encode(codec))
    assert import_po(marked, "en") == ("fi", {k: v["fi"] for k, v in STRINGS.items()}, [])


def test_utf16_without_its_byte_order_mark_says_so(tmp_path, capsys):
    path = tmp_path / "fi.po"
    path.write_bytes('msgctxt "walk.scores"\nmsgid "Scores"\nmsgstr "Pisteet"\n'.encode("utf-16-le"))
    code, out, err = cli(capsys, "i18n", "--import-po", path)
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}:1:1: this is UTF-16 text without a byte order mark, which cannot be read\n    hint: save it as UTF-8")


# --- a huge file: bounded work and a bounded list --------------------------------------------


def test_many_unknown_keys_get_few_suggestions_and_a_bounded_list(tmp_path, capsys, monkeypatch):
    import sim.console

    count = MAX_LISTED + 150
    path = tmp_path / "fi.po"
    path.write_text("".join(f'msgctxt "walk.score{i}"\nmsgid "Scores"\nmsgstr "Pisteet"\n\n' for i in range(count)), encoding="utf-8")
    asked = []
    real = sim.console.suggestion
    monkeypatch.setattr(sim.console, "suggestion", lambda *args: asked.append(args) or real(*args))
    _, strings, problems = import_po(path, "en")
    assert strings == {} and len(problems) == count and {p.code for p in problems} == {"unknown-key"}
    assert len(asked) == MAX_SUGGESTIONS  # difflib costs milliseconds a key: not for 150,000 of them
    hints = [p.hint for p in problems]
    assert all(h == "did you mean `walk.scores`?" for h in hints[:MAX_SUGGESTIONS])
    assert all(h and h.startswith("check its msgctxt") for h in hints[MAX_SUGGESTIONS:])
    code, out, err = cli(capsys, "i18n", "--import-po", path)
    assert code == 1 and json.loads(out) == {"lang": "fi", "strings": {}}
    lines = err.splitlines()
    assert lines[0] == f"Errors ({count})"
    assert sum(": error: " in line for line in lines) == MAX_LISTED
    assert "… and 150 more" in lines and lines[-1] == f"{count} errors, 0 warnings in 1 file"


# --- what PO tools do to a file on the way: msgcat re-wraps, sorts, and Windows ends lines with CRLF ---


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_round_trip_survives_msgcat_and_crlf(tmp_path, capsys, lang):
    msgcat = shutil.which("msgcat")
    if msgcat is None:
        pytest.skip("msgcat (GNU gettext) is not installed")
    po, wrapped = tmp_path / "x.po", tmp_path / "wrapped.po"
    assert cli(capsys, "i18n", "--export-po", lang, "-o", po)[0] == 0
    subprocess.run([msgcat, "--width=30", "--sort-output", "-o", str(wrapped), str(po)], check=True)
    crlf = tmp_path / "crlf.po"
    crlf.write_bytes(wrapped.read_bytes().replace(b"\n", b"\r\n"))
    expected = {k: v[lang] for k, v in STRINGS.items()}
    for path in (wrapped, crlf):
        assert import_po(path, "en") == (lang, expected, [])
