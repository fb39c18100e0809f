"""`sim new scenario NAME` / `sim new profile NAME`: a commented starting file.

Never overwrites: an instructor's half-written scenario is worth more than a
template. The JSON Schema the file's first line points at is written beside
it when missing, so editor completion works at once.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sim.console import complain, console, literal, suggestion, ui_lang
from sim.content.locate import dialogue_dirs
from sim.errors import EXIT_OK, EXIT_USAGE
from sim.i18n import t

DEFAULT_PROFILE = "aggressive-client"


def _fail(lang: str, message: str, hint: str) -> int:
    complain("sim new", message, hint, lang)
    return EXIT_USAGE


def run_new(args: argparse.Namespace) -> int:
    """The file written is the same in every language (its texts are `language: en`); the messages are not."""
    from sim.content.model import ID_RE

    lang = ui_lang(args)
    name: str = args.name
    if not ID_RE.match(name):
        return _fail(lang, t("cli.new.bad_id", lang, name=name), t("cli.new.bad_id_hint", lang))
    folder: Path = args.output
    if folder.exists() and not folder.is_dir():
        return _fail(lang, t("cli.new.is_file", lang, path=folder), t("cli.new.is_file_hint", lang))
    if args.kind == "profile":
        # Personas are recognised by their folder's name.
        if folder.name != "profiles":
            folder = folder / "profiles"
        return _write(folder, name, "profile", lang=lang)
    return _write(folder, name, "scenario", args, lang)


def _write(folder: Path, name: str, kind: str, args: argparse.Namespace | None = None, lang: str = "en") -> int:
    from sim.authoring.scaffold import profile_text, scenario_text
    from sim.cli.schema import schema_for

    path = folder / f"{name}.yaml"
    existing = next((p for p in (path, path.with_suffix(".yml")) if p.exists()), None)
    if existing is not None:
        return _fail(lang, t("cli.new.exists", lang, path=existing), t("cli.new.exists_hint", lang))
    schema_name = f"{kind}.schema.json"
    if kind == "scenario":
        assert args is not None
        profiles = _known_profiles(folder, args)
        profile = args.profile or DEFAULT_PROFILE
        if profile not in profiles:
            hint = suggestion(profile, profiles, lang) or t("cli.new.no_persona_hint", lang, known=", ".join(profiles), profile=profile)
            return _fail(lang, t("cli.new.no_persona", lang, profile=profile), hint)
        text = scenario_text(name, channel=args.channel, profile=profile, profiles=sorted(profiles), file=str(path), schema=schema_name)
    else:
        text = profile_text(name, file=str(path), schema=schema_name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # "x": fail rather than overwrite, even if the file appeared since the check above.
        with path.open("x", encoding="utf-8") as f:
            f.write(text)
        schema_path = folder / schema_name
        wrote_schema = not schema_path.exists()
        if wrote_schema:
            schema_path.write_text(json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except FileExistsError:
        return _fail(lang, t("cli.new.exists", lang, path=path), t("cli.new.exists_hint", lang))
    except OSError as exc:
        return _fail(lang, t("cli.cannot_write", lang, path=path, error=exc.strerror or exc), t("cli.hint.writable", lang))
    out = console()
    out.print(literal(t("cli.new.wrote", lang, path=path)), soft_wrap=True)
    if wrote_schema:
        out.print(literal(t("cli.new.wrote_schema", lang, path=schema_path)), soft_wrap=True)
    out.print(literal(t("cli.new.next", lang)))
    out.print(literal("  " + t("cli.new.edit", lang, path=path)), soft_wrap=True)
    out.print(literal(f"  sim validate {folder if kind == 'profile' else path}"), soft_wrap=True)
    if kind == "scenario":
        out.print(literal(f"  sim walk {path} --choices acknowledge,next-step"), soft_wrap=True)
        out.print(literal(f"  sim analyze {path}"), soft_wrap=True)
    return EXIT_OK


def _known_profiles(folder: Path, args: argparse.Namespace) -> list[str]:
    """Built-in personas, those beside the new file (as `sim validate` will see them), and --dir ones."""
    from sim.content.library import load_library

    places = [p for p in (folder / "profiles", folder.parent / "profiles") if p.is_dir()]
    places += dialogue_dirs(args)
    lib = load_library(places)
    return list(lib.profiles)
