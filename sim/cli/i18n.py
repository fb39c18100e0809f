"""`sim i18n`: the message catalogue as a gettext PO file and back, for
translators who work in Poedit, Weblate or with Babel.

sim/i18n.py stays the source (its docstring says why); the PO file is a view
of it. `--export-po LANG` writes it: msgctxt is the key, msgid the English
text, msgstr the translation (empty for a language the catalogue does not
have yet, so the file is a template to start one). `KEY.one`/`KEY.other`
become one plural entry.

`--import-po FILE` (`-` for standard input) reads a translated PO file back
and prints the catalogue's own shape for that language, `{"lang": …,
"strings": {KEY: text}}` in the catalogue's key order, plural entries as
`KEY.one`/`KEY.other` again, for a reviewer to merge into sim/i18n.py. The
language is the Language header as the catalogue writes it (`fi_FI` → `fi`),
else the file's name if that is a language of the catalogue. The file is read
by `parse_po` here and not with polib: polib reads past broken syntax (an
unquoted msgstr, a string left open, an unknown escape) and keeps a garbled
translation, where GNU msgfmt stops. What is wrong in an entry is a located
`FILE:LINE:1` problem, printed as `sim validate` prints them (on standard
error, the JSON being the output): untranslated entries, fuzzy ones and stale
ones (their msgid is no longer the catalogue's English) are warnings and left
out; unknown keys, duplicates, plural entries that do not fit the catalogue's
two forms and translations whose `{fields}` differ from the English are errors
(exit 1), and left out too. A file that cannot be read as a PO file at all
(broken syntax, at its line and column), or that says no language, is a usage
error (exit 2), with nothing on standard output.
"""

from __future__ import annotations

import argparse
import bisect
import codecs
import json
import re
import string
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from sim import __version__
from sim.content.problems import Problem, Severity
from sim.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
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
# difflib compares a key with every key of the catalogue, milliseconds a time: a file of
# 150,000 unknown keys took minutes, and nobody reads past the first few suggestions.
MAX_SUGGESTIONS = 20
# Per group; past that a list helps nobody, and the summary line still counts them all.
MAX_LISTED = 100
STDIN = "<stdin>"  # how GNU gettext's tools name standard input in their located messages

_KEYWORD = re.compile(r"msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?")
_WORD = re.compile(r'[^\s"]+')
_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))")
_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_CHARSET = re.compile(rb"Content-Type:[^\n]*?charset=([\w\-:.]+)")
# UTF-32's marks first: UTF-16 LE's is the start of UTF-32 LE's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# `fi`, `fi_FI`, `fi-FI`, `fi_FI.UTF-8`, `fi@euro`: what Poedit, Weblate and locales write.
_LOCALE = re.compile(r"([A-Za-z]{2,3})(?:[_-][A-Za-z0-9]+)*(?:\.[\w-]+)?(?:@\w+)?")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


@dataclass
class PoEntry:
    """One entry of a PO file as `parse_po` reads it."""

    line: int  # where it starts: its first comment, else its first keyword
    fuzzy: bool = False
    msgctxt: str | None = None
    msgid: str | None = None
    msgid_plural: str | None = None
    msgstr: str | None = None
    msgstr_plural: list[str] = field(default_factory=list)
    # The header's msgstr string by string, with their lines: where a header field is.
    strings: list[tuple[int, str]] = field(default_factory=list)
    last: str = ""  # the keyword read last, which a continuation string extends
    last_line: int = 0
    last_col: int = 0
    waiting: int = 0  # the column after `last` when no string followed it on its line (one must come next)

    @property
    def complete(self) -> bool:
        return self.msgstr is not None or bool(self.msgstr_plural)

    def add(self, value: str, line: int, header: bool) -> None:
        if self.last == "msgctxt":
            self.msgctxt = (self.msgctxt or "") + value
        elif self.last == "msgid":
            self.msgid = (self.msgid or "") + value
        elif self.last == "msgid_plural":
            self.msgid_plural = (self.msgid_plural or "") + value
        elif self.last == "msgstr":
            self.msgstr = (self.msgstr or "") + value
            if header:
                self.strings.append((line, value))
        else:
            self.msgstr_plural[-1] += value


def _allowed(entry: PoEntry) -> list[str]:
    """The keywords that may follow what `entry` has so far."""
    if entry.last == "msgctxt":
        return ["msgid"]
    if entry.last == "msgid":
        return ["msgid_plural", "msgstr"]
    if entry.last == "msgid_plural":
        return ["msgstr[0]"]
    if entry.last.startswith("msgstr["):
        return [f"msgstr[{len(entry.msgstr_plural)}]", "msgctxt", "msgid"]
    return ["msgctxt", "msgid"]


def parse_po(text: str, name: str, ui: str) -> list[PoEntry]:
    """The entries of a PO file, obsolete (`#~`) ones left out. polib reads past
    what GNU msgfmt rejects (an unquoted msgstr, a string left open, `\\q`) and
    keeps a garbled translation, so this reads the grammar itself and stops at
    the first mistake: a `CliError` at its line and column."""
    from sim.cli.output import CliError
    from sim.i18n import t

    def fail(line: int, col: int, key: str, **fields: str) -> NoReturn:
        raise CliError(ui, f"{name}:{line}:{col}", t(f"cli.i18n.import.{key}", ui, **fields), t(f"cli.i18n.import.{key}_hint", ui, **fields))

    def unescape(body: str, line: int, col: int) -> str:
        def one(found: re.Match[str]) -> str:
            octal, hexadecimal, char = found.groups()
            if char is None:
                # A byte above 0x7f would be half a character of the file's encoding.
                value = int(octal, 8) if octal else int(hexadecimal, 16)
                if 0 < value < 0x80:
                    return chr(value)
            elif char in _ESCAPES:
                return _ESCAPES[char]
            fail(line, col + found.start(), "bad_escape", escape=found.group(0))

        return _ESCAPE.sub(one, body)

    def strings(text_line: str, pos: int, line: int) -> tuple[str, bool]:
        """The strings from `pos` (an opening quote) to the end of the line, joined,
        and whether a comment follows them."""
        parts = []
        end = len(text_line)
        while True:
            found = _STRING.match(text_line, pos)
            if found is None:
                fail(line, pos + 1, "unterminated")
            body = found.group(1)
            parts.append(unescape(body, line, pos + 2) if "\\" in body else body)
            pos = found.end()
            while pos < end and text_line[pos] in " \t":
                pos += 1
            if pos == end or text_line[pos] == "#":
                return "".join(parts), pos < end
            if text_line[pos] != '"':
                fail(line, pos + 1, "after_string")

    entries: list[PoEntry] = []
    current: PoEntry | None = None
    comments_from, fuzzy = 0, False  # the comment lines before the next entry

    def close(entry: PoEntry) -> None:
        if entry.waiting:
            fail(entry.last_line, entry.waiting, "not_quoted", keyword=entry.last)
        if not entry.complete:
            missing = {"msgctxt": "msgid", "msgid": "msgstr", "msgid_plural": "msgstr[0]"}[entry.last]
            fail(entry.last_line, entry.last_col, "incomplete", keyword=missing)
        entries.append(entry)

    for number, raw in enumerate(text.split("\n"), 1):
        line = raw[:-1] if raw.endswith("\r") else raw
        body = line.lstrip(" \t")
        if not body:
            continue
        col = len(line) - len(body) + 1
        if body[0] == '"':
            if current is None:
                fail(number, col, "stray_string")
            value, commented = strings(line, col - 1, number)
            current.add(value, number, not entries)
            current.waiting = 0
            if commented:  # as msgfmt reads it, a comment ends the entry wherever it is
                close(current)
                current = None
            continue
        if body[0] == "#":
            if current is not None:
                close(current)
                current = None
            if body.startswith("#~"):
                comments_from, fuzzy = 0, False  # the comments before it were the obsolete entry's
                continue
            comments_from = comments_from or number
            if body.startswith("#,") and "fuzzy" in (flag.strip() for flag in body[2:].split(",")):
                fuzzy = True
            continue
        word = _WORD.match(body)
        keyword = _KEYWORD.fullmatch(word.group() if word else body)
        if keyword is None:
            raise CliError(ui, f"{name}:{number}:{col}", t("cli.i18n.import.syntax", ui), t("cli.i18n.import.not_po_hint", ui))
        kw = keyword.group() if keyword.group(1) is None else f"msgstr[{int(keyword.group(1))}]"
        if current is not None and current.waiting:
            fail(current.last_line, current.waiting, "not_quoted", keyword=current.last)
        if current is not None and current.complete and kw in ("msgctxt", "msgid"):
            close(current)
            current = None
        if current is None:
            current = PoEntry(comments_from or number, fuzzy)
            comments_from, fuzzy = 0, False
        allowed = _allowed(current)
        if kw not in allowed:
            if kw in ("msgctxt", "msgid") and current.last in ("msgid", "msgid_plural"):
                close(current)  # the entry before ends without its msgstr: that is the mistake
            fail(number, col, "out_of_place", keyword=kw, expected=", ".join(allowed))
        current.last, current.last_line, current.last_col, current.waiting = kw, number, col, 0
        if kw.startswith("msgstr["):
            current.msgstr_plural.append("")
        pos = col - 1 + len(keyword.group())
        while pos < len(line) and line[pos] in " \t":
            pos += 1
        if pos < len(line) and line[pos] not in '"#':
            fail(number, pos + 1, "not_quoted", keyword=kw)
        if pos == len(line) or line[pos] == "#":
            # GNU msgfmt takes the string on the next line too; nothing writes it so, but it is no mistake.
            current.waiting = pos + 1
            value, commented = "", pos < len(line)
        else:
            value, commented = strings(line, pos, number)
        current.add(value, number, not entries)
        if commented:  # as msgfmt reads it, a comment ends the entry wherever it is
            close(current)
            current = None
    if current is not None:
        close(current)
    return entries


def import_po(path: Path, ui: str) -> tuple[str, dict[str, str], list[Problem]]:
    """The language, the usable translations (in STRINGS order) and the
    problems of the PO file at `path` (`-` for standard input), worded in `ui`.
    A file that cannot be read as a PO file is a `CliError` (exit 2)."""
    from sim.cli.output import CliError
    from sim.console import suggestion
    from sim.i18n import t

    name = STDIN if str(path) == "-" else str(path)
    entries = parse_po(_read_po(path, name, ui), name, ui)
    first = entries[0] if entries else None
    header = first if first and first.msgctxt is None and first.msgid == "" and first.msgid_plural is None else None
    if header is not None:
        entries = entries[1:]
    elif not entries:  # comments only, obsolete entries only, or nothing at all
        raise CliError(ui, f"{name}:1:1", t("cli.i18n.import.empty", ui), t("cli.i18n.import.not_po_hint", ui))
    fields = _header_fields(header)
    language = _language(fields, path, name, header.line if header else 1, ui)
    plurals = plural_bases()
    taken: dict[str, str] = {}
    problems: list[Problem] = []
    seen: dict[str, int] = {}

    def report(line: int, severity: Severity, code: str, message: str, hint: str | None) -> None:
        problems.append(Problem(name, line, 1, message, hint, severity, code))

    plural_forms = fields.get("Plural-Forms")
    forms_fit = True
    if plural_forms is not None:
        nplurals = _NPLURALS.search(plural_forms[1])
        if nplurals is None or int(nplurals.group(1)) != 2:
            forms_fit = False
            value = plural_forms[1].strip()
            fix = t("cli.i18n.import.nplurals_hint", ui, forms=PLURAL_FORMS)
            report(plural_forms[0], "error", "plural-forms", t("cli.i18n.import.nplurals", ui, value=value), fix)
    candidates = sorted(set(STRINGS) | plurals)
    suggested = 0
    for entry in entries:
        line = entry.line
        key = entry.msgctxt
        if key is None:
            report(line, "error", "no-context", t("cli.i18n.import.no_context", ui), t("cli.i18n.import.no_context_hint", ui))
            continue
        if key in seen:
            report(line, "error", "duplicate", t("cli.i18n.import.duplicate", ui, msgctxt=key, line=seen[key]), t("cli.i18n.import.duplicate_hint", ui))
            continue
        seen[key] = line
        if key in plurals:
            if entry.msgid_plural is None:
                report(line, "error", "not-plural", t("cli.i18n.import.needs_plural", ui, msgctxt=key), t("cli.i18n.import.needs_plural_hint", ui))
                continue
            if not forms_fit:
                continue  # the Plural-Forms error says why
            if len(entry.msgstr_plural) != 2:
                count = len(entry.msgstr_plural)
                report(line, "error", "plural-forms", t("cli.i18n.import.forms", ui, msgctxt=key, count=count), t("cli.i18n.import.forms_hint", ui))
                continue
            keys = [f"{key}.one", f"{key}.other"]
            given = [entry.msgid or "", entry.msgid_plural]
            translations = entry.msgstr_plural
        elif key in STRINGS:
            if entry.msgid_plural is not None:
                report(line, "error", "plural", t("cli.i18n.import.not_plural", ui, msgctxt=key), t("cli.i18n.import.not_plural_hint", ui))
                continue
            keys, given, translations = [key], [entry.msgid or ""], [entry.msgstr or ""]
        else:
            hint = suggestion(key, candidates, ui) if suggested < MAX_SUGGESTIONS else None
            suggested += 1
            report(line, "error", "unknown-key", t("cli.i18n.import.unknown", ui, msgctxt=key), hint or t("cli.i18n.import.unknown_hint", ui))
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


def _header_fields(header: PoEntry | None) -> dict[str, tuple[int, str]]:
    """`Field: value` of the header's msgstr, each with the line it starts on."""
    if header is None:
        return {}
    fields: dict[str, tuple[int, str]] = {}
    starts, lines, offset = [], [], 0
    for line, piece in header.strings:
        starts.append(offset)
        lines.append(line)
        offset += len(piece)
    whole, offset = "".join(piece for _, piece in header.strings), 0
    for row in whole.split("\n"):
        name, colon, value = row.partition(":")
        if colon and name.strip():
            # A long field may go on over several strings (msgcat wraps them): it starts in the last one before it.
            fields.setdefault(name.strip(), (lines[bisect.bisect_right(starts, offset) - 1] if lines else header.line, value))
        offset += len(row) + 1
    return fields


def _language(fields: dict[str, tuple[int, str]], path: Path, name: str, header_line: int, ui: str) -> str:
    """The Language header as the catalogue writes a language (`fi_FI` → `fi`), else
    the file's name if that is a language of the catalogue (`fi.po`, `fi_FI.po`)."""
    from sim.cli.output import CliError
    from sim.i18n import SUPPORTED, t

    line, value = fields.get("Language", (header_line, ""))
    found = _LOCALE.fullmatch(value.strip())
    if found:
        return found.group(1).lower()
    from_name = _LOCALE.fullmatch(path.stem) if name != STDIN else None
    if from_name and from_name.group(1).lower() in SUPPORTED:
        return from_name.group(1).lower()
    hint = t("cli.i18n.import.no_language_hint", ui)
    if value.strip():
        message = t("cli.i18n.import.bad_language_stdin" if name == STDIN else "cli.i18n.import.bad_language", ui, value=value.strip())
    else:
        message = t("cli.i18n.import.no_language_stdin" if name == STDIN else "cli.i18n.import.no_language", ui)
    raise CliError(ui, f"{name}:{line}:1", message, hint)


def _read_po(path: Path, name: str, ui: str) -> str:
    """The text of the file, decoded as its byte order mark or header says (else UTF-8)."""
    from sim.cli.output import CliError
    from sim.i18n import t

    not_po = t("cli.i18n.import.not_po_hint", ui)
    if name == STDIN:
        data = sys.stdin.buffer.read(MAX_PO_BYTES + 1)
    else:
        if path.is_dir():
            raise CliError(ui, name, t("cli.i18n.import.folder", ui), t("cli.i18n.import.folder_hint", ui, example=str(path / "fi.po")))
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_PO_BYTES + 1)
        except FileNotFoundError:
            raise CliError(ui, name, t("cli.i18n.import.missing", ui), t("cli.i18n.import.missing_hint", ui)) from None
        except OSError as exc:
            raise CliError(ui, name, t("cli.i18n.import.cannot_read", ui, error=exc.strerror or exc), t("cli.i18n.import.cannot_read_hint", ui)) from None
    if len(data) > MAX_PO_BYTES:
        raise CliError(ui, name, t("cli.i18n.import.too_big", ui, size=MAX_PO_BYTES // (1024 * 1024)), not_po)
    encoding = next((codec for bom, codec in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        nul = data.find(b"\0")
        if nul >= 0:
            if _looks_utf16(data):
                raise CliError(ui, f"{name}:1:1", t("cli.i18n.import.utf16", ui), t("cli.i18n.import.utf16_hint", ui))
            raise CliError(ui, f"{name}:{_line_at(data, nul)}:1", t("cli.i18n.import.binary", ui), not_po)
        encoding = _header_charset(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(encoding, "replace").count("\n") + 1
        shown = encoding.upper().removesuffix("-SIG")
        raise CliError(ui, f"{name}:{line}:1", t("cli.i18n.import.not_text", ui, encoding=shown), not_po) from None
    nul = text.find("\0")
    if nul >= 0:  # a UTF-16 or UTF-32 file's
        raise CliError(ui, f"{name}:{text.count(chr(10), 0, nul) + 1}:1", t("cli.i18n.import.binary", ui), not_po)
    return text


def _header_charset(data: bytes) -> str:
    """The header's charset (it comes first, so the first 64 kB), else UTF-8, as
    msgfmt and polib read it: a template's `charset=CHARSET` is no codec."""
    found = _CHARSET.search(data, 0, 65536)
    if found:
        try:
            return codecs.lookup(found.group(1).decode("ascii")).name
        except LookupError:
            pass
    return "utf-8"


def _looks_utf16(data: bytes) -> bool:
    """Every other byte zero, as UTF-16 without its byte order mark writes mostly-ASCII text."""
    head = data[:512]
    return len(head) >= 4 and (head[0::2].count(0) == len(head[0::2]) or head[1::2].count(0) == len(head[1::2]))


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
    from sim.cli.output import write_output
    from sim.console import print_problems
    from sim.content.problems import sort_key
    from sim.i18n import t

    language, strings, problems = import_po(path, ui)
    problems.sort(key=sort_key)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    # As `sim validate` lists them, on standard error (standard output is the JSON's).
    print_problems(errors, warnings, 1, ui, stderr=True, most=MAX_LISTED)
    text = json.dumps({"lang": language, "strings": strings}, ensure_ascii=False, indent=2) + "\n"
    if write_output(output, text, ui, example=f"{language}.json"):
        sys.stderr.write(t("cli.wrote", ui, path=str(output)) + "\n")
    return EXIT_FINDINGS if errors else EXIT_OK


