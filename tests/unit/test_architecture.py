"""The layers hold: import-linter's contracts (pyproject.toml) over the code
as written, and, at run time, no module below the front ends pulls in
Textual or Rich, whatever it imports lazily; and ruff and strict mypy find
nothing."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import sim
from tests.conftest import ROOT

# Below the front ends and reports: nothing here draws anything.
QUIET = ("sim.content", "sim.core", "sim.session", "sim.authoring")


def test_the_layer_contracts_are_kept():
    # `lint-imports`, as installed beside this interpreter.
    code = "import sys; from importlinter.cli import lint_imports_command; sys.argv = ['lint-imports', '--no-cache']; lint_imports_command()"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def _modules(prefix: str) -> list[str]:
    package = __import__(prefix, fromlist=["_"])
    return [prefix] + [f"{prefix}.{m.name}" for m in pkgutil.iter_modules(package.__path__)]


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
