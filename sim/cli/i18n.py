"""`sim i18n`: the message catalogue as a gettext PO file and back, for
translators who work in Poedit, Weblate or with Babel.

sim/i18n.py stays the source (its docstring says why); the PO file is a view
of it. `--export-po LANG` writes it: msgctxt is the key, msgid the English
text, msgstr the translation (empty for a language the catalogue does not
have yet, so the file is a template to start one). `KEY.one`/`KEY.other`
become one plural entry.

`--import-po FILE` reads a translated PO file back with polib and prints the
catalogue's own shape for that language, `{"lang": …, "strings": {KEY: text}}`
in the catalogue's key order, plural entries as `KEY.one`/`KEY.other` again,
for a reviewer to merge into sim/i18n.py. What is wrong in the file is a
located `FILE:LINE:1` problem, printed as `sim validate` prints them (on
standard error, the JSON being the output): untranslated entries, fuzzy ones
and stale ones (their msgid is no longer the catalogue's English) are
warnings and left out; unknown keys, duplicates and translations whose
`{fields}` differ from the English are errors (exit 1), and left out too. A
file that cannot be read as a PO file at all is a usage error (exit 2).
"""

from __future__ import annotations

import argparse
import json
import re
import string
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sim import __version__
from sim.content.problems import Problem, Severity
from sim.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from sim.i18n import STRINGS

if TYPE_CHECKING:
    import polib

PLURAL_FORMS = "nplurals=2; plural=(n != 1);"  # English and Finnish alike
_FIELD = re.compile(r"\{[a-z_]+\}")
_PERCENT = re.compile(r"%(\([a-z_]+\))?[sr]")


def _quote(text: str) -> str:
    """A PO string: escaped, and split after each newline as PO editors show it."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    parts = escaped.split("\n")
    if len(parts) == 1:
        return f'"{escaped}"'
    pieces = [p + "\\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    return '""\n' + "\n".join(f'"{p}"' for p in pieces)


def plural_bases() -> set[str]:
    """The keys X whose `X.one` and `X.other` both exist: one PO plural entry each, both ways."""
    return {k.removesuffix(".one") for k in STRINGS if k.endswith(".one") and k.removesuffix(".one") + ".other" in STRINGS}


def po_catalogue(lang: str) -> str:
    header = "\n".join(
        (
            "Project-Id-Version: encounter-sim " + __version__,
            f"Language: {lang}",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
            f"Plural-Forms: {PLURAL_FORMS}",
            "",
        )
    )
    out = [
        f"# Encounter simulator: its own words in `{lang}`.",
        f"# Exported by `sim i18n --export-po {lang}` from sim/i18n.py, which stays the source.",
        'msgid ""',
        f"msgstr {_quote(header)}",
        "",
    ]
    done: set[str] = set()
    plurals = plural_bases()
    for key, entry in STRINGS.items():
        if key in done:
            continue
        base, _, form = key.rpartition(".")
        if form in ("one", "other") and base in plurals:
            one, other = STRINGS[f"{base}.one"], STRINGS[f"{base}.other"]
            done.update((f"{base}.one", f"{base}.other"))
            out += _flags(one["en"] + other["en"])
            out += [
                f"msgctxt {_quote(base)}",
                f"msgid {_quote(one['en'])}",
                f"msgid_plural {_quote(other['en'])}",
                f"msgstr[0] {_quote(one.get(lang, ''))}",
                f"msgstr[1] {_quote(other.get(lang, ''))}",
                "",
            ]
            continue
        done.add(key)
        out += _flags(entry["en"])
        out += [f"msgctxt {_quote(key)}", f"msgid {_quote(entry['en'])}", f"msgstr {_quote(entry.get(lang, ''))}", ""]
    return "\n".join(out)


def _flags(text: str) -> list[str]:
    # The flag makes `msgfmt --check` compare the {fields} of msgid and msgstr;
    # argparse's own messages have `%(name)s` / `%s` fields instead.
    if _FIELD.search(text):
        return ["#, python-brace-format"]
    return ["#, python-format"] if _PERCENT.search(text) else []


# --- the way back: a translated PO file into the catalogue's shape ------------------

MAX_PO_BYTES = 16 * 1024 * 1024  # the whole catalogue exports to ~100 kB; /dev/zero is not a PO file
_POLIB_LINE = re.compile(r"\(line (\d+)\)")


def import_po(path: Path, ui: str) -> tuple[str, dict[str, str], list[Problem]]:
    """The language, the usable translations (in STRINGS order) and the
    problems of the PO file at `path`, worded in `ui`. A file that cannot be
    read as a PO file is a `CliError` (exit 2)."""
    po, first_line = _read_po(path, ui)
    language = str(po.metadata.get("Language", "")).strip() or path.stem
    plurals = plural_bases()
    taken: dict[str, str] = {}
    problems: list[Problem] = []
    seen: dict[str, int] = {}

    def report(line: int, severity: Severity, code: str, message: str, hint: str | None) -> None:
        problems.append(Problem(str(path), line, 1, message, hint, severity, code))

    from sim.console import suggestion
    from sim.i18n import t

    for entry in po:
        if entry.obsolete:  # `#~` lines: what a PO editor keeps of entries gone from the template
            continue
        line = entry.linenum or first_line  # polib counts the very first entry of a headerless file as line 0
        key = entry.msgctxt
        if key is None:
            report(line, "error", "no-context", t("cli.i18n.import.no_context", ui), t("cli.i18n.import.no_context_hint", ui))
            continue
        if key in seen:
            report(line, "error", "duplicate", t("cli.i18n.import.duplicate", ui, msgctxt=key, line=seen[key]), t("cli.i18n.import.duplicate_hint", ui))
            continue
        seen[key] = line
        if entry.msgid_plural and key in plurals:
            keys = [f"{key}.one", f"{key}.other"]
            given = [entry.msgid, entry.msgid_plural]
            translations = [entry.msgstr_plural.get(0, ""), entry.msgstr_plural.get(1, "")]
        elif not entry.msgid_plural and key in STRINGS:
            keys, given, translations = [key], [entry.msgid], [entry.msgstr]
        else:
            hint = suggestion(key, sorted(set(STRINGS) | plurals), ui) or t("cli.i18n.import.unknown_hint", ui)
            report(line, "error", "unknown-key", t("cli.i18n.import.unknown", ui, msgctxt=key), hint)
            continue
        english = [STRINGS[k]["en"] for k in keys]
        if entry.fuzzy:
            report(line, "warning", "fuzzy", t("cli.i18n.import.fuzzy", ui, msgctxt=key), t("cli.i18n.import.fuzzy_hint", ui))
        elif given != english:
            report(line, "warning", "stale", t("cli.i18n.import.stale", ui, msgctxt=key), t("cli.i18n.import.stale_hint", ui, language=language))
        elif not all(text.strip() for text in translations):
            report(line, "warning", "untranslated", t("cli.i18n.import.untranslated", ui, msgctxt=key), t("cli.i18n.import.untranslated_hint", ui))
        else:
            broken = _field_mismatch(key, english, translations, ui)
            if broken:
                report(line, "error", "fields", broken, t("cli.i18n.import.fields_hint", ui))
            else:
                taken.update(zip(keys, translations))
    return language, {k: taken[k] for k in STRINGS if k in taken}, problems


def _read_po(path: Path, ui: str) -> tuple[polib.POFile, int]:
    """The parsed file and the line its first entry starts on."""
    import polib

    from sim.cli.output import CliError
    from sim.i18n import t

    not_po = t("cli.i18n.import.not_po_hint", ui)
    if path.is_dir():
        raise CliError(ui, str(path), t("cli.i18n.import.folder", ui), t("cli.i18n.import.folder_hint", ui, example=str(path / "fi.po")))
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_PO_BYTES + 1)
    except FileNotFoundError:
        raise CliError(ui, str(path), t("cli.i18n.import.missing", ui), t("cli.i18n.import.missing_hint", ui)) from None
    except OSError as exc:
        raise CliError(ui, str(path), t("cli.i18n.import.cannot_read", ui, error=exc.strerror or exc), t("cli.i18n.import.cannot_read_hint", ui)) from None
    if len(data) > MAX_PO_BYTES:
        raise CliError(ui, str(path), t("cli.i18n.import.too_big", ui, size=MAX_PO_BYTES // (1024 * 1024)), not_po)
    # polib takes a string without a newline for a file name to open: a PO file always has one.
    if not data.endswith(b"\n"):
        data += b"\n"
    nul = data.find(b"\0")
    if nul >= 0:
        raise CliError(ui, f"{path}:{_line_at(data, nul)}:1", t("cli.i18n.import.binary", ui), not_po)
    encoding = polib.detect_encoding(data)  # the header's charset, else UTF-8
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise CliError(ui, f"{path}:{_line_at(data, exc.start)}:1", t("cli.i18n.import.not_text", ui, encoding=encoding.upper()), not_po) from None
    try:
        po = polib.pofile(text, encoding=encoding)
    except (OSError, ValueError) as exc:  # polib's "Syntax error in po file (line N)" is an IOError
        found = _POLIB_LINE.search(str(exc))
        raise CliError(ui, f"{path}:{found.group(1) if found else 1}:1", t("cli.i18n.import.syntax", ui), not_po) from None
    if not len(po) and not po.metadata:  # comments only, or nothing at all
        raise CliError(ui, f"{path}:1:1", t("cli.i18n.import.empty", ui), not_po)
    lines = text.splitlines()
    first_line = next((i for i, s in enumerate(lines, 1) if s.strip() and not s.lstrip().startswith("#")), 1)
    return po, first_line


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _placeholders(text: str) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """`{field}`s (any number of times, in any order) and argparse's `%s`/`%(name)s`
    (each one as often as in the English); None for braces that do not parse."""
    try:
        braces = frozenset("{" + name + "}" for _, name, _, _ in string.Formatter().parse(text) if name is not None)
    except ValueError:
        return None
    return braces, tuple(sorted(m.group(0) for m in _PERCENT.finditer(text)))


def _field_mismatch(key: str, english: list[str], translations: list[str], ui: str) -> str | None:
    from sim.i18n import t

    for source, translation in zip(english, translations):
        expected, found = _placeholders(source), _placeholders(translation)
        if found is None:
            return t("cli.i18n.import.braces", ui, msgctxt=key)
        if found != expected:
            return t("cli.i18n.import.fields", ui, msgctxt=key, found=_listed(found), expected=_listed(expected))
    return None


def _listed(placeholders: tuple[frozenset[str], tuple[str, ...]] | None) -> str:
    names = sorted(placeholders[0]) + list(placeholders[1]) if placeholders else []
    return " ".join(names) if names else "—"


def run_i18n(args: argparse.Namespace) -> int:
    from sim.cli.output import write_output
    from sim.console import complain, ui_lang
    from sim.i18n import t

    ui = ui_lang(args)
    if args.import_po is not None:
        return _run_import(args.import_po, args.output, ui)
    lang = args.export_po
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        complain("sim i18n", t("cli.not_lang_code", ui, option="--export-po", code=lang), t("cli.hint.lang_code", ui), ui)
        return EXIT_USAGE
    text = po_catalogue(lang)
    if write_output(args.output, text, ui, example=f"{lang}.po"):
        sys.stderr.write(t("cli.wrote", ui, path=str(args.output)) + "\n")
    return EXIT_OK


def _run_import(path: Path, output: Path | None, ui: str) -> int:
    from contextlib import redirect_stdout

    from sim.cli.output import write_output
    from sim.cli.validate import print_text
    from sim.content.problems import sort_key
    from sim.i18n import t

    language, strings, problems = import_po(path, ui)
    problems.sort(key=sort_key)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    with redirect_stdout(sys.stderr):  # standard output is the JSON's
        print_text(errors, warnings, 1, ui)
    text = json.dumps({"lang": language, "strings": strings}, ensure_ascii=False, indent=2) + "\n"
    if write_output(output, text, ui, example=f"{language}.json"):
        sys.stderr.write(t("cli.wrote", ui, path=str(output)) + "\n")
    return EXIT_FINDINGS if errors else EXIT_OK
