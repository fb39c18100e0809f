"""`-o FILE` for every command: a file by sim.files's rules, or standard output."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sim.errors import UserError
from sim.text import clean_tree


def write_output(path: Path | None, data: str | bytes, lang: str, example: str = "out.txt") -> bool:
    """What `-o` names, or standard output when there is no `-o` or it is `-`.
    Files follow `sim.files.write_file`'s rules (never over a device), in
    a folder made when missing (`-o reports/ann.json`, as every command did); a
    path that cannot be written is a `CliError` (exit 2). True when a file
    was written, for the commands that then say so."""
    if path is None or str(path) == "-":
        if isinstance(data, str):
            sys.stdout.write(data)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        return False
    from sim.files import NotWritable, write_file
    from sim.i18n import t

    try:
        write_file(path, data, parents=True)
    except NotWritable as exc:
        if exc.what == "directory":
            raise CliError(lang, str(path), t("cli.output.is_directory", lang), t("cli.output.is_directory_hint", lang, example=str(path / example))) from None
        raise CliError(lang, str(path), t("cli.output.not_a_file", lang), t("cli.output.not_a_file_hint", lang)) from None
    except OSError as exc:
        raise CliError(lang, str(path), t("cli.output.cannot_write", lang, error=exc.strerror or exc), t("cli.output.cannot_write_hint", lang)) from None
    return True


class CliError(UserError):
    """A `UserError` a command words in the user's language, its `hint:` label too."""

    def __init__(self, lang: str, where: str, message: str, hint: str | None = None) -> None:
        super().__init__(where, message, hint)
        self.lang = lang

    def format(self, lang: str | None = None) -> str:
        # Worded in the command's language already: its `hint:` label follows that, whatever is asked.
        return super().format(self.lang)


def print_json(data: object) -> None:
    """A command's `--json` output on standard output: every string cleaned
    (sim.text.clean_tree), as text output is, so no file read by the command
    can put an escape sequence, a bidi override or a tag character into it."""
    json.dump(clean_tree(data), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
