"""The layers hold: import-linter's contracts (pyproject.toml) over the code
as written, and, at run time, no module below the front ends pulls in
Textual or Rich, whatever it imports lazily; and ruff and strict mypy find
nothing."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys

import pytest

import sim
from tests.conftest import ROOT

# Below the front ends and sim.console: nothing here draws anything.
QUIET = ("sim.reports", "sim.content", "sim.core", "sim.session", "sim.authoring", "sim.errors", "sim.files", "sim.startup", "sim.i18n", "sim.text", "sim.paths")


def test_the_layer_contracts_are_kept():
    # `lint-imports`, as installed beside this interpreter.
    code = "import sys; from importlinter.cli import lint_imports_command; sys.argv = ['lint-imports', '--no-cache']; lint_imports_command()"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken." in result.stdout


def _modules(prefix: str) -> list[str]:
    """`prefix` and, if it is a package, every module under it, sub-packages
    (sim.content.conditions, sim.authoring.analysis) included."""
    package = __import__(prefix, fromlist=["_"])
    if not hasattr(package, "__path__"):
        return [prefix]
    return [prefix] + [m.name for m in pkgutil.walk_packages(package.__path__, prefix=f"{prefix}.")]


QUIET_MODULES = [m for p in QUIET for m in _modules(p)]


def test_every_module_is_in_a_layer():
    top = {m.name for m in pkgutil.iter_modules(sim.__path__)}
    layered = {"__main__", "cli", "tui", "plain", "serve", "console", "reports", "session", "authoring", "core", "content", "errors", "files", "startup", "i18n", "text", "paths"}
    assert top == layered, "a new top-level module needs its place in [tool.importlinter] and in ARCHITECTURE.md"


@pytest.mark.parametrize("module", QUIET_MODULES)
def test_nothing_below_the_front_ends_loads_textual_or_rich(module):
    code = f"import sys, {module}; print(','.join(m for m in ('textual', 'rich') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_cli_validate_does_not_import_textual():
    code = "import sys; from sim.cli.main import run; run(['validate', 'tests/data/sample']); print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.stdout.strip().endswith("False")


# --- lint and types ([tool.ruff] and [tool.mypy] in pyproject.toml) -------------------------


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "sim", "tests", "benchmarks"], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_finds_nothing(tmp_path):
    # Its own cache folder: a cache shared with a developer's run could hide an error.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy-cache")], capture_output=True, text=True, cwd=ROOT, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")


# --- ARCHITECTURE.md names what exists -------------------------------------------------------

ARCHITECTURE = ROOT / "ARCHITECTURE.md"
SIM = ROOT / "sim"
WRITTEN_WHEN_RUN = {"snapshot_report.html"}  # by a failing snapshot test


def _inline_code(text: str) -> list[str]:
    """Every `name` of the document's prose and tables (fenced blocks are pictures and commands)."""
    prose = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    return re.findall(r"`([^`\n]+)`", prose)


def _defined(name: str) -> bool:
    """A module or package of that name, or a class, function, constant or field
    defined in sim/ or in the tests' shared fixtures."""
    if any(SIM.rglob(f"{name}.py")) or any(p.is_dir() for p in SIM.rglob(name)):
        return True
    definition = re.compile(rf"^\s*(?:class {name}\b|(?:async )?def {name}\b|{name}\s*[:=])", re.MULTILINE)
    files = [*SIM.rglob("*.py"), ROOT / "tests" / "conftest.py"]
    return any(definition.search(f.read_text(encoding="utf-8")) for f in files)


def _resolves(dotted: str) -> bool:
    """`content.loader`, `core.engine.Session`, `data.render`, `sim.errors`: a
    module under sim/ (named from its package or by its own name), then attributes."""
    import importlib

    parts = dotted.removeprefix("sim.").split(".")
    homes = ["sim"] + [f"sim.{p.name}" for p in SIM.iterdir() if (p / "__init__.py").is_file()]
    for home in homes:
        for cut in range(len(parts), 0, -1):
            try:
                obj = importlib.import_module(".".join([home, *parts[:cut]]))
            except ImportError:
                continue
            try:
                for attr in parts[cut:]:
                    obj = getattr(obj, attr)
            except AttributeError:
                break
            return True
    return False


def _missing_in_the_document() -> list[str]:
    missing = []
    for token in sorted(set(_inline_code(ARCHITECTURE.read_text(encoding="utf-8")))):
        if not token or any(c in token for c in ' "*') or token.startswith("-") or "NAME" in token or token in WRITTEN_WHEN_RUN:
            continue  # a command, a placeholder or a pattern
        path, _, name = token.partition(":")
        if "/" in path or path.endswith((".py", ".toml", ".yaml", ".md")):
            # From the top, in sim/, or a folder of the tests (`plain/` beside `cli/` in tests/functional/).
            found = [p for p in (ROOT / path, SIM / path) if p.exists()] or [*SIM.rglob(path.rstrip("/")), *(ROOT / "tests").rglob(path.rstrip("/"))]
            if not found or (name and not re.search(rf"^\s*def {name}\b", found[0].read_text(encoding="utf-8"), re.MULTILINE)):
                missing.append(token)
        elif ":" in token:
            continue  # `file:line:col`, a notation
        elif token.startswith("self."):
            if not _defined(token.removeprefix("self.")):
                missing.append(token)
        elif "." in token:
            if not _resolves(token):
                missing.append(token)
        elif re.fullmatch(r"\w+", token) and not _defined(token):
            missing.append(token)
    return missing


def test_every_name_in_architecture_md_exists():
    assert _missing_in_the_document() == []


def test_the_layer_table_names_every_module_of_each_package():
    rows = list(re.finditer(r"^\| `(\w+)/` \|.*$", ARCHITECTURE.read_text(encoding="utf-8"), re.MULTILINE))
    assert len(rows) >= 5  # content, core, session, authoring, reports
    for row in rows:
        package, named = row.group(1), set(_inline_code(row.group(0)))
        modules = {m.name for m in pkgutil.iter_modules([str(SIM / package)]) if not m.name.startswith("_")}
        assert modules - named == set(), f"ARCHITECTURE.md's row for {package}/ does not say what these do"
