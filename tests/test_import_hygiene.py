"""Only sim/tui may import Textual: the core runs and tests without a terminal."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = ["sim", "sim.content.model", "sim.content.yamlsafe", "sim.content.loader", "sim.content.library", "sim.content.conditions", "sim.core.engine", "sim.core.scoring", "sim.authoring.lint", "sim.text", "sim.paths", "sim.core.replay", "sim.authoring.fuzz", "sim.authoring.transcript_file", "sim.authoring.transcript_run", "sim.authoring.translations_lint", "sim.session.settings"]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module):
    code = f"import sys, {module}; bad = [m for m in ('textual', 'rich') if m in sys.modules]; print(','.join(bad))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported = result.stdout.strip()
    assert "textual" not in imported
    # The core does not render anything either: Rich belongs to the CLI and TUI.
    assert "rich" not in imported


def test_cli_validate_does_not_import_textual():
    code = "import sys; from sim.cli.main import run; run(['validate', 'tests/data/sample']); print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().endswith("False")
