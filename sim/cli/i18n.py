"""`sim i18n --export-po LANG`: the message catalogue as a gettext PO file,
for translators who work in Poedit, Weblate or with Babel.

sim/i18n.py stays the source (its docstring says why); the PO file is a view
of it: msgctxt is the key, msgid the English text, msgstr the translation
(empty for a language the catalogue does not have yet, so the file is a
template to start one). `KEY.one`/`KEY.other` become one plural entry.
"""

from __future__ import annotations

import argparse
import re
import sys

from sim import __version__
from sim.cli.main import EXIT_OK, EXIT_USAGE
from sim.i18n import STRINGS

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
    for key, entry in STRINGS.items():
        if key in done:
            continue
        base, _, form = key.rpartition(".")
        if form in ("one", "other") and f"{base}.one" in STRINGS and f"{base}.other" in STRINGS:
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


def run_i18n(args: argparse.Namespace) -> int:
    from sim.cli.output import complain, ui_lang
    from sim.i18n import t

    ui = ui_lang(args)
    lang = args.export_po
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        complain("sim i18n", t("cli.not_lang_code", ui, option="--export-po", code=lang), t("cli.hint.lang_code", ui), ui)
        return EXIT_USAGE
    text = po_catalogue(lang)
    from sim.cli.output import write_output

    if write_output(args.output, text, ui, example=f"{lang}.po"):
        sys.stderr.write(t("cli.wrote", ui, path=str(args.output)) + "\n")
    return EXIT_OK
