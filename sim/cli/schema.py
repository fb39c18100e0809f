"""`sim schema`: the JSON Schema editors use to complete and check files."""

from __future__ import annotations

import argparse
import json
import sys

from sim.cli.main import EXIT_OK, EXIT_USAGE
from sim.model import Catalogue, Profile, Scenario

MODELS = {"scenario": Scenario, "profile": Profile, "principles": Catalogue}


def schema_for(kind: str) -> dict:
    if kind == "test":
        # Imported here: the test format pulls in the engine, which the other schemas do not need.
        from sim.testfile import TranscriptFile

        schema = TranscriptFile.model_json_schema()
    else:
        schema = MODELS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def run_schema(args: argparse.Namespace) -> int:
    text = json.dumps(schema_for(args.kind), indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        from sim.cli.output import complain, ui_lang
        from sim.i18n import t

        lang = ui_lang(args)
        complain("sim schema", t("cli.cannot_write", lang, path=args.output, error=exc.strerror or exc), t("cli.hint.writable", lang), lang)
        return EXIT_USAGE
    return EXIT_OK
