"""`sim schema`: the JSON Schema editors use to complete and check files."""

from __future__ import annotations

import argparse
import json

from sim.content.model import Catalogue, Profile, Scenario
from sim.errors import EXIT_OK

MODELS = {"scenario": Scenario, "profile": Profile, "principles": Catalogue}


def schema_for(kind: str) -> dict:
    if kind == "test":
        # Imported here: the test format pulls in the engine, which the other schemas do not need.
        from sim.authoring.transcript_file import TranscriptFile

        schema = TranscriptFile.model_json_schema()
    else:
        schema = MODELS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def run_schema(args: argparse.Namespace) -> int:
    from sim.cli.output import write_output
    from sim.console import ui_lang

    text = json.dumps(schema_for(args.kind), indent=2, ensure_ascii=False) + "\n"
    write_output(args.output, text, ui_lang(args), example=f"{args.kind}.schema.json")
    return EXIT_OK
