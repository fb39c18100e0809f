"""benchmarks/run.py in its tiny mode produces every row. Timings are not
checked: no benchmark is a timed assertion in the test suite."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

ROWS = [
    "startup.cold-index", "startup.time", "startup.rss", "validate", "validate.schema", "load.alike", "engine", "validate.ink", "engine.ink",
    "analyze", "analyze.growth", "latency.p50", "latency.p95",
    "matching.en.correct", "matching.en.wrong", "matching.fi.correct", "matching.fi.wrong", "matching.p95",
    "classroom.memory", "classroom.p95",
]


def test_the_quick_run_produces_every_row(tmp_path):
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--json-out", str(out)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["quick"] and report["machine"]["cores"] >= 1
    rows = {r["id"]: r for r in report["rows"]}
    assert list(rows) == ROWS
    for row in rows.values():
        # Measured, or said plainly why not (check-jsonschema not installed, `sim analyze` missing).
        assert row["value"] is not None or "not available" in row["note"], row
        assert row["ok"] is None  # tiny sizes judge no target
    for row_id in ("startup.time", "startup.rss", "validate", "load.alike", "engine", "latency.p50"):
        assert rows[row_id]["baseline_value"] and rows[row_id]["ratio"], rows[row_id]
    # The table is printed as well as the JSON.
    assert "TUI cold start" in result.stdout and '"rows"' in result.stdout
