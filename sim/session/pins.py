"""Trainee PINs on a shared classroom server: chosen at first use, kept hashed.

Under `sim serve` every browser tab runs as the server's one user and shares
its data folder, so a name alone would let anyone type a classmate's name and
read their sessions and reflections. There, a name is claimed with a PIN the
first time it is used; later, the history, the resume offers and the last
scores of that name are shown only after the same PIN. Instructors read
everything with the CLI on the server, which asks for no PIN.

The PINs are stored as scrypt hashes with a random salt per name (a stolen
file does not give the PINs away cheaply), compared in constant time, and a
name is locked for a while after repeated wrong PINs, counted in the file so
that opening another tab does not reset the count. The file is changed under
an exclusive lock, since every tab is its own process. Headless.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sim.files import read_limited, write_file
from sim.paths import data_dir

PINS_NAME = "pins.json"
PIN_DIGITS = (4, 12)
MAX_FAILURES = 5  # wrong PINs in a row before the name is locked
LOCK_SECONDS = 300
# scrypt at 16 MB and about 50 ms per check: slow for a guesser with the file,
# quick for a trainee. Stored with each hash, so they can be raised later.
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MAX_FILE_BYTES = 4 * 1024 * 1024  # thousands of names


@dataclass(frozen=True, slots=True)
class Verdict:
    outcome: Literal["claimed", "ok", "wrong", "locked"]
    wait_seconds: int = 0  # when locked: how long until another try
    tries_left: int = 0  # when wrong: before the name is locked


def valid_pin(pin: str) -> bool:
    low, high = PIN_DIGITS
    return pin.isascii() and pin.isdigit() and low <= len(pin) <= high


def pins_path() -> Path:
    return data_dir() / PINS_NAME


def has_pin(name: str) -> bool:
    return isinstance(_load().get(name), dict)


def check(name: str, pin: str, *, now: float | None = None) -> Verdict:
    """Claim `name` with `pin` if nobody has, else check `pin` against it.
    `pin` must pass `valid_pin`. Raises OSError if the claim cannot be saved."""
    if not valid_pin(pin):
        raise ValueError("not a valid PIN")
    now = time.time() if now is None else now
    with _locked():
        entries = _load()
        entry = entries.get(name)
        if not isinstance(entry, dict) or not _well_formed(entry):
            entries[name] = _new_entry(pin)
            _save(entries)
            return Verdict("claimed")
        locked_until = entry.get("locked_until", 0)
        if locked_until > now:
            return Verdict("locked", wait_seconds=int(locked_until - now) + 1)
        if hmac.compare_digest(_hash(pin, bytes.fromhex(entry["salt"]), entry["params"]), bytes.fromhex(entry["hash"])):
            if entry.get("failures") or locked_until:
                entry["failures"], entry["locked_until"] = 0, 0
                _save(entries)
            return Verdict("ok")
        failures = int(entry.get("failures", 0)) + 1
        if failures >= MAX_FAILURES:
            entry["failures"], entry["locked_until"] = 0, now + LOCK_SECONDS
            _save(entries)
            return Verdict("locked", wait_seconds=LOCK_SECONDS)
        entry["failures"] = failures
        _save(entries)
        return Verdict("wrong", tries_left=MAX_FAILURES - failures)


def forget(name: str) -> bool:
    """Remove `name`'s PIN (an instructor's `sim serve --reset-pin NAME`);
    whether there was one."""
    with _locked():
        entries = _load()
        if entries.pop(name, None) is None:
            return False
        _save(entries)
        return True


def _new_entry(pin: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    return {"salt": salt.hex(), "params": dict(SCRYPT), "hash": _hash(pin, salt, SCRYPT).hex(), "failures": 0, "locked_until": 0}


def _hash(pin: str, salt: bytes, params: dict[str, int]) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=params["n"], r=params["r"], p=params["p"], maxmem=64 * 1024 * 1024, dklen=32)


def _well_formed(entry: dict[str, Any]) -> bool:
    # The file is untrusted like any in the data folder: an entry that is not
    # what we write is treated as no entry (the name can be claimed again)
    # rather than crash every tab. Parameters are bounded so a crafted entry
    # cannot make a check take gigabytes.
    params = entry.get("params")
    try:
        return (
            isinstance(params, dict)
            and all(isinstance(params.get(k), int) for k in ("n", "r", "p"))
            and 2 <= params["n"] <= 2**16 and params["n"] & (params["n"] - 1) == 0
            and 1 <= params["r"] <= 16 and 1 <= params["p"] <= 4
            and len(bytes.fromhex(entry["salt"])) >= 16
            and len(bytes.fromhex(entry["hash"])) == 32
            and isinstance(entry.get("failures", 0), int)
            and isinstance(entry.get("locked_until", 0), (int, float))
        )  # fmt: skip
    except (KeyError, TypeError, ValueError):
        return False


def _load() -> dict[str, Any]:
    try:
        data = json.loads(read_limited(pins_path(), MAX_FILE_BYTES))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, RecursionError):
        # A damaged file must not lock every trainee out, nor let names be
        # claimed again silently: refuse until an instructor looks at it.
        raise OSError(f"{pins_path()} cannot be read; move it away to start again") from None
    return data if isinstance(data, dict) else {}


def _save(entries: dict[str, Any]) -> None:
    write_file(pins_path(), json.dumps(entries, indent=1) + "\n", parents=True)
    with contextlib.suppress(OSError):
        os.chmod(pins_path(), 0o600)


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    import fcntl

    path = data_dir() / (PINS_NAME + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
