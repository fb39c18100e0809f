"""Terminal output shared by the front ends that print lines (the commands,
`--plain`, the TUI's launcher): consoles, safe authored text, numbers and
words in the user's language, complaints with hints. Authored text is never
markup."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from sim.text import clean

if TYPE_CHECKING:
    from sim.content.library import Library, LoadedScenario
    from sim.content.problems import Problem


def console(file: IO[str] | None = None, *, stderr: bool = False) -> Console:
    # Off a terminal: the width COLUMNS asks for (`COLUMNS=200 sim history | less`),
    # else a fixed 100, so piped output is byte-identical run to run.
    stream = file or (sys.stderr if stderr else sys.stdout)
    width = None if stream.isatty() else _columns() or 100
    return Console(
        file=stream,
        width=width,
        highlight=False,
        emoji=False,
        markup=False,
        no_color=bool(os.environ.get("NO_COLOR")) or None,
    )


def _columns() -> int | None:
    value = os.environ.get("COLUMNS", "")
    return int(value) if value.isdigit() and 20 <= int(value) <= 1000 else None


def literal(text: str, style: str = "") -> Text:
    """Authored or user-given text, shown exactly as written but safe."""
    return Text(clean(text), style=style)


def ui_lang(args: object) -> str:
    """The language of a command's own words: its `--lang`, else `sim --lang`,
    else SIM_LANG or the locale."""
    from sim.i18n import default_lang

    return getattr(args, "lang", None) or getattr(args, "ui_lang", None) or default_lang()


# --- words and numbers in the user's language ------------------------------------


def number(value: int, lang: str) -> str:
    """A whole number with thousands grouped as the language writes them: 12,345 / 12 345."""
    text = f"{value:,}"
    return text.replace(",", "\u00a0") if lang == "fi" else text


def decimal(value: float | None, lang: str, places: int | None = None) -> str:
    """A measured value (a mean, a median) as short as it goes, or with `places`
    decimals; Finnish has a decimal comma."""
    if value is None:
        return "—"
    from sim.i18n import decimal_text

    return decimal_text(f"{value:g}" if places is None else f"{value:.{places}f}", lang)


def percent(share: float, lang: str) -> str:
    """A share as a whole percentage: 42% / 42 %."""
    return f"{100 * share:.0f}" + ("\u00a0%" if lang == "fi" else "%")


def word(prefix: str, value: str, lang: str) -> str:
    """The catalogue's word for a model value (`ending.resolved`, `grade.good`), else the value."""
    from sim.i18n import STRINGS, t

    key = f"{prefix}.{value}"
    return t(key, lang) if key in STRINGS else clean(value)


def ending_kind(kind: str, lang: str) -> str:
    """An ending's kind for authors' tools (analyze, fuzz): in English the `end:`
    value as the file says it (docs/authoring.md shows this output), in another
    language the catalogue's words for it."""
    return clean(kind) if lang == "en" else word("ending", kind, lang)


def problem(prog: str, message: str, hint: str | None, lang: str) -> str:
    """`prog: message` and an indented hint: a command's own complaint, worded in `lang`."""
    from sim.i18n import t

    return t("cli.problem", lang, prog=prog, message=message, hint=hint) if hint else f"{prog}: {message}"


def complain(prog: str, message: str, hint: str | None, lang: str) -> None:
    """`problem`, on standard error."""
    console(stderr=True).print(literal(problem(prog, message, hint, lang)), soft_wrap=True)


def suggestion(word_given: str, options: list[str], lang: str) -> str | None:
    """`did you mean …?` in `lang` (sim.content.loader's `did_you_mean`, which stays English for located problems)."""
    from sim.content.loader import closest
    from sim.i18n import t

    meant = closest(word_given, options)
    return t("cli.did_you_mean", lang, word=meant) if meant else None


def scenario_or_report(name: str, extra: list[Path]) -> tuple[Library, LoadedScenario] | None:
    """`find_scenario` for a command: on failure, print the problems to
    standard error and return None (the caller exits with the usage code)."""
    from sim.content.locate import find_scenario

    lib, found, problems = find_scenario(name, extra)
    if found is None or problems:
        err = console(stderr=True)
        for p in problems:
            err.print(literal(p.format()), soft_wrap=True)
        return None
    from sim.startup import resume_collection

    # The scenario stays loaded for the whole command: frozen, the collections of its
    # walks and analysis no longer go through it (a 10,000-node model made them the
    # largest cost of a step). Only where `sim` deferred collection (sim.cli.main).
    resume_collection(freeze=True)
    return lib, found


def print_problems(
    errors: list[Problem], warnings: list[Problem], files: int, lang: str = "en", *, stderr: bool = False, most: int | None = None
) -> None:
    """Located problems as `sim validate` lists them — `file:line:col: severity:
    message`, one a line, never wrapped (editors and grep read them), the hint
    under it — and a summary; with `most`, each group cut after that many."""
    from sim.i18n import t, tn

    out = console(stderr=stderr)
    for title, group, style in (("validate.errors", errors, "bold red"), ("validate.warnings", warnings, "bold yellow")):
        if not group:
            continue
        out.print(Text(t(title, lang, count=len(group)), style=style))
        for p in group[:most]:
            line = Text()
            line.append(p.location, style="bold")
            line.append(": ")
            line.append(p.severity, style=style)
            line.append(": ")
            line.append_text(literal(p.message))
            out.print(line, soft_wrap=True)
            if p.hint:
                out.print(Text("    hint: ", style="dim").append_text(literal(p.hint)), soft_wrap=True)  # English on purpose
        if most is not None and len(group) > most:
            out.print(Text(tn("cli.i18n.import.more", len(group) - most, lang), style=style))
        out.print()
    summary = t(
        "validate.summary",
        lang,
        errors=tn("count.errors", len(errors), lang),
        warnings=tn("count.warnings", len(warnings), lang),
        in_files=tn("count.in_files", files, lang),
    )
    out.print(Text(summary, style="bold red" if errors else "bold green"))
