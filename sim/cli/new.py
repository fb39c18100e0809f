"""`sim new scenario NAME` / `sim new profile NAME`: a commented starting file.

Never overwrites: an instructor's half-written scenario is worth more than a
template. The JSON Schema the file's first line points at is written beside
it when missing, so editor completion works at once.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sim.cli.main import EXIT_OK, EXIT_USAGE, extra_dirs
from sim.cli.output import console, literal

DEFAULT_PROFILE = "aggressive-client"


def _fail(message: str, hint: str) -> int:
    err = console(stderr=True)
    err.print(literal(f"sim new: {message}"), soft_wrap=True)
    err.print(literal(f"    hint: {hint}"), soft_wrap=True)
    return EXIT_USAGE


def run_new(args: argparse.Namespace) -> int:
    from sim.model import ID_RE

    name: str = args.name
    if not ID_RE.match(name):
        return _fail(
            f"`{name}` cannot be an id",
            "use letters, digits, `-` and `_` (at most 64, starting with a letter or digit), e.g. noise-complaint",
        )
    folder: Path = args.output
    if folder.exists() and not folder.is_dir():
        return _fail(f"{folder} is a file, not a folder", "give a folder with -o, e.g. -o my-scenarios")
    if args.kind == "profile":
        # Personas are recognised by their folder's name.
        if folder.name != "profiles":
            folder = folder / "profiles"
        return _write(folder, name, "profile")
    return _write(folder, name, "scenario", args)


def _write(folder: Path, name: str, kind: str, args: argparse.Namespace | None = None) -> int:
    from sim.cli.schema import schema_for
    from sim.scaffold import profile_text, scenario_text

    path = folder / f"{name}.yaml"
    existing = next((p for p in (path, path.with_suffix(".yml")) if p.exists()), None)
    if existing is not None:
        return _fail(f"{existing} already exists; not overwriting it", f"choose another name, or move the existing file away first")
    schema_name = f"{kind}.schema.json"
    if kind == "scenario":
        assert args is not None
        profiles = _known_profiles(folder, args)
        profile = args.profile or DEFAULT_PROFILE
        if profile not in profiles:
            from sim.loader import did_you_mean

            hint = did_you_mean(profile, profiles) or f"known personas: {', '.join(profiles)}; or create one with `sim new profile {profile}`"
            return _fail(f"there is no persona `{profile}`", hint)
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
        return _fail(f"{path} already exists; not overwriting it", "choose another name, or move the existing file away first")
    except OSError as exc:
        return _fail(f"cannot write {path}: {exc.strerror or exc}", "check that the folder is writable")
    out = console()
    out.print(literal(f"Wrote {path}"), soft_wrap=True)
    if wrote_schema:
        out.print(literal(f"Wrote {schema_path} (editor completion: see the file's first line)"), soft_wrap=True)
    out.print(literal("Next:"))
    out.print(literal(f"  edit {path}"), soft_wrap=True)
    out.print(literal(f"  sim validate {folder if kind == 'profile' else path}"), soft_wrap=True)
    if kind == "scenario":
        out.print(literal(f"  sim walk {path} --choices acknowledge,next-step"), soft_wrap=True)
        out.print(literal(f"  sim analyze {path}"), soft_wrap=True)
    return EXIT_OK


def _known_profiles(folder: Path, args: argparse.Namespace) -> list[str]:
    """Built-in personas, those beside the new file (as `sim validate` will see them), and --dir ones."""
    from sim.library import load_library

    places = [p for p in (folder / "profiles", folder.parent / "profiles") if p.is_dir()]
    places += extra_dirs(args)
    lib = load_library(places)
    return list(lib.profiles)
