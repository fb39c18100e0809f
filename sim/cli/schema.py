"""`sim schema`: the JSON Schema editors use to complete and check files."""

from __future__ import annotations

import argparse
import json
from typing import Any

from pydantic import BaseModel

from sim.content.model import Catalogue, Profile, Scenario
from sim.errors import EXIT_OK

MODELS: dict[str, type[BaseModel]] = {"scenario": Scenario, "profile": Profile, "principles": Catalogue}


def schema_for(kind: str) -> dict[str, Any]:
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
