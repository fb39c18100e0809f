"""Running `sim` in-process from the tests: its exit code and what it printed,
with the promise every command keeps checked on the way: no traceback, and
no internal error unless the test provokes one."""

from __future__ import annotations

from typing import Any


def cli(capsys: Any, *args: object, internal_error: bool = False) -> tuple[int, str, str]:
    from sim.cli.main import run

    code = run([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if not internal_error:
        assert "internal error" not in err and "sisäinen virhe" not in err, err
    return code, out, err
