"""Garbage collection around start-up.

Start-up creates a few hundred thousand objects that live as long as the
process: Textual's, Rich's and pydantic's classes, the parsed CSS, the
scenario index. The young generation fills every 700 allocations and is
collected while they are being created, finding nothing to free; that was
about a twentieth of the time to the first frame. Collection is therefore
made rare until the command is under way, then put back as it was. The
full-screen app also freezes what start-up built, so that the collections
during play no longer walk it (they were the long pauses between a key and
its frame).
"""

from __future__ import annotations

import gc

_STARTUP_THRESHOLD = 50_000
_saved: tuple[int, ...] | None = None


def defer_collection() -> None:
    global _saved
    if _saved is None:
        _saved = gc.get_threshold()
        gc.set_threshold(_STARTUP_THRESHOLD, *_saved[1:])


def resume_collection(*, freeze: bool = False) -> None:
    """Collect as usual again; with `freeze`, first exempt what exists now
    from every later collection. Does nothing unless collection was deferred,
    so an app started inside another program (the tests) keeps that
    program's garbage collectable."""
    global _saved
    if _saved is None:
        return
    if freeze:
        gc.freeze()
    gc.set_threshold(*_saved)
    _saved = None
