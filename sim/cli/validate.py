"""`sim validate`: every problem in the given files, errors apart from warnings."""

from __future__ import annotations

import argparse
import json
import sys

from sim.authoring.lint import lint_library
from sim.authoring.transcript_file import check_test_files
from sim.authoring.translations_lint import translation_problems
from sim.console import complain, print_problems, ui_lang
from sim.content.library import load_library
from sim.content.model import LANG_RE
from sim.content.problems import Problem, sort_key
from sim.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from sim.i18n import t


def run_validate(args: argparse.Namespace) -> int:
    required = [lang.strip() for lang in getattr(args, "require_lang", "").split(",") if lang.strip()]
    bad = [lang for lang in required if not LANG_RE.match(lang)]
    if bad:
        lang = ui_lang(args)
        complain("sim validate", t("cli.not_lang_code", lang, option="--require-lang", code=bad[0]), t("cli.hint.lang_codes", lang), lang)
        return EXIT_USAGE
    lib = load_library(args.paths)
    # Test files are checked here too, so a broken one is not found only when `sim test` runs.
    found = lib.problems + lint_library(lib) + check_test_files(lib) + translation_problems(lib, required)
    problems = sorted(set(found), key=sort_key)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    if args.format == "json":
        json.dump(
            {
                "files": len(lib.files),
                "scenarios": len([s for s in lib.scenarios if not s.builtin]),
                "errors": [p.as_dict() for p in errors],
                "warnings": [p.as_dict() for p in warnings],
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
    elif args.format == "github":
        for p in problems:
            sys.stdout.write(github_annotation(p) + "\n")
    else:
        print_problems(errors, warnings, len(lib.files), ui_lang(args))
    if any(p.code == "io" for p in errors) and len(errors) == sum(p.code == "io" for p in errors):
        return EXIT_USAGE
    return EXIT_FINDINGS if errors else EXIT_OK


def _escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github_annotation(p: Problem) -> str:
    """A GitHub Actions workflow command, so problems show on the changed lines."""
    message = p.message + (f" (hint: {p.hint})" if p.hint else "")
    return (
        f"::{p.severity} file={_escape(p.path, prop=True)},line={p.line},col={p.col},"
        f"title={_escape(p.code, prop=True)}::{_escape(message)}"
    )
