"""`sim new` writes files that validate with zero problems and never overwrites;
the JSON Schema describes every key, so editors can explain them."""

from __future__ import annotations

import json

import pytest
import yaml

from sim.authoring.lint import lint_library
from sim.cli.schema import schema_for
from sim.content.library import load_library
from tests.cli_run import cli


def problems_in(folder) -> list[str]:
    lib = load_library([folder])
    return [p.format() for p in lib.problems + lint_library(lib)]


@pytest.mark.parametrize("channel", ["desk", "phone", "chat", "email"])
def test_new_scenario_validates_with_zero_problems(channel, tmp_path, capsys):
    code, out, _ = cli(capsys, "new", "scenario", "noise-complaint", "--channel", channel, "-o", tmp_path)
    assert code == 0 and "noise-complaint.yaml" in out
    path = tmp_path / "noise-complaint.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=scenario.schema.json"
    assert json.loads((tmp_path / "scenario.schema.json").read_text(encoding="utf-8"))["title"] == "Scenario"
    assert problems_in(tmp_path) == []
    data = yaml.safe_load(text)
    assert data["id"] == "noise-complaint" and data["channel"] == channel
    # And through the command an instructor runs:
    code, out, _ = cli(capsys, "validate", tmp_path)
    assert code == 0 and "0 errors, 0 warnings" in out


def test_new_scenario_comments_explain_every_key(tmp_path, capsys):
    cli(capsys, "new", "scenario", "s1", "-o", tmp_path)
    lines = (tmp_path / "s1.yaml").read_text(encoding="utf-8").splitlines()
    data = yaml.safe_load("\n".join(lines))
    # Each top-level key is preceded by a comment (or carries one on its line).
    for i, line in enumerate(lines):
        key = line.split(":", 1)[0]
        if key in data and not line.startswith((" ", "#")):
            assert lines[i - 1].startswith("#") or "#" in line, f"`{key}` has no comment"
    # Optional keys are shown, commented out, so authors know they exist.
    text = "\n".join(lines)
    for optional in ("content_warning", "threat_turns", "shuffle", "variables", "time_limit", "timeout", "when:"):
        assert optional in text


def test_new_files_name_the_guide_by_its_address(tmp_path, capsys):
    # Installed from a wheel there is no docs/ folder beside the files.
    guide = "https://github.com/encounter-sim/encounter-sim/blob/main/docs/authoring.md"
    cli(capsys, "new", "scenario", "s3", "-o", tmp_path)
    cli(capsys, "new", "profile", "p3", "-o", tmp_path)
    for path in (tmp_path / "s3.yaml", tmp_path / "profiles" / "p3.yaml"):
        comments = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
        assert any(guide in line for line in comments), path.name
        assert not any(" docs/" in line for line in comments), path.name


def test_new_scenario_plays_and_analyses(tmp_path, capsys):
    cli(capsys, "new", "scenario", "s2", "-o", tmp_path)
    path = tmp_path / "s2.yaml"
    code, out, _ = cli(capsys, "walk", path, "--choices", "acknowledge,next-step")
    assert code == 0 and "Ending: resolved" in out
    code, out, _ = cli(capsys, "analyze", path)
    assert code == 0 and "Endings" in out


def test_new_profile_goes_into_profiles_and_scenarios_can_use_it(tmp_path, capsys):
    code, out, _ = cli(capsys, "new", "profile", "grumpy-neighbour", "-o", tmp_path)
    assert code == 0
    profile = tmp_path / "profiles" / "grumpy-neighbour.yaml"
    assert profile.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=profile.schema.json")
    assert (tmp_path / "profiles" / "profile.schema.json").exists()
    code, _, _ = cli(capsys, "new", "scenario", "fence", "--profile", "grumpy-neighbour", "-o", tmp_path)
    assert code == 0
    assert problems_in(tmp_path) == []
    assert yaml.safe_load((tmp_path / "fence.yaml").read_text(encoding="utf-8"))["profile"] == "grumpy-neighbour"


def test_new_refuses_to_overwrite(tmp_path, capsys):
    cli(capsys, "new", "scenario", "mine", "-o", tmp_path)
    path = tmp_path / "mine.yaml"
    path.write_text("id: mine  # my work\n", encoding="utf-8")
    code, _, err = cli(capsys, "new", "scenario", "mine", "-o", tmp_path)
    assert code == 2 and "already exists" in err and "hint:" in err
    assert path.read_text(encoding="utf-8") == "id: mine  # my work\n"
    cli(capsys, "new", "profile", "p1", "-o", tmp_path)
    code, _, err = cli(capsys, "new", "profile", "p1", "-o", tmp_path / "profiles")
    assert code == 2 and "already exists" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["new", "scenario", "two words"], "cannot be an id"),
        (["new", "scenario", "ok", "--profile", "aggressive-clint"], "did you mean `aggressive-client`?"),
        (["new", "scenario", "ok", "--profile", "nobody-at-all"], "sim new profile nobody-at-all"),
    ],
)
def test_new_usage_problems_exit_2_with_a_hint(args, message, tmp_path, capsys):
    code, _, err = cli(capsys, *args, "-o", tmp_path)
    assert code == 2 and message in err and "hint:" in err
    assert not list(tmp_path.glob("*.yaml"))


def test_new_into_a_file_path_exits_2(tmp_path, capsys):
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    code, _, err = cli(capsys, "new", "scenario", "x", "-o", target)
    assert code == 2 and "is a file" in err


def _undocumented(schema: dict, path: str = "") -> list[str]:
    missing = []
    for key, value in schema.get("properties", {}).items():
        if "description" not in value:
            missing.append(f"{path}.{key}")
    for name, sub in schema.get("$defs", {}).items():
        if "description" not in sub:
            missing.append(f"#{name}")
        missing += _undocumented(sub, f"#{name}")
    return missing


@pytest.mark.parametrize("kind", ["scenario", "profile", "principles"])
def test_schema_describes_every_key(kind):
    schema = schema_for(kind)
    assert schema.get("description")
    assert _undocumented(schema) == []
