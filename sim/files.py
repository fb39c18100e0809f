"""The simulator's files on disk: read only if regular and small enough,
written atomically where that is safe, never over a device.

Reading (`read_limited`): journals, caches, settings and reports handed in
by trainees are untrusted; one that is a link to `/dev/zero`, a FIFO or a
huge file must give a message, not read without end or block forever. So a
file is read only if it is a regular file (after following links) of at most
the given size.

Appending (`append_line`): a journal grows by whole lines. A write the disk
cut short leaves a torn line; the next line starts on a fresh line, so the
reader loses the torn one only, never what follows it.

Writing: every file the simulator writes for a user (reports, exports, schemas,
graphs, PO files, the TUI's saved reports) and its own small files
(settings, a journal's first line) go through `write_file`, so one rule
decides what a path may be:

- absent or a regular file: a temporary file beside it is renamed over it,
  so a reader sees the old file or the new one, never half; the folder is
  then fsynced, so a crash right after cannot lose the new name;
- a character device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe):
  written to as it is. Renaming over it would replace the device with a
  plain file — as root, `-o /dev/null` once did exactly that to a machine;
- a symbolic link: followed, and its target handled by these same rules;
  the link itself stays;
- a directory, a socket, a block device: refused with `NotWritable`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path


class NotWritable(OSError):
    """The path names something that is neither a file nor a stream to write into."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(errno.EISDIR if what == "directory" else errno.EINVAL, f"is a {what}, not a file", str(path))
        self.what = what  # directory | socket | block-device | other


def write_file(path: Path, data: str | bytes, *, parents: bool = False) -> None:
    """Write `data` (text as UTF-8) to `path` by the rules above. `parents`
    makes missing folders, for the program's own files in its data folder;
    a user's `-o` into a folder that is not there is a mistake to report."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(os.path.realpath(path))  # a link is followed; the link stays
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    if mode is None or stat.S_ISREG(mode):
        if parents:
            target.parent.mkdir(parents=True, exist_ok=True)
        _replace_atomically(target, payload, None if mode is None else stat.S_IMODE(mode))
    elif stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        _write_into_stream(target, payload)
    else:
        what = "directory" if stat.S_ISDIR(mode) else "socket" if stat.S_ISSOCK(mode) else "block-device" if stat.S_ISBLK(mode) else "other"
        raise NotWritable(path, what)


def _replace_atomically(path: Path, payload: bytes, keep_mode: int | None) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); the result should look like
        # any file the user writes: the old file's mode, else 0666 less the umask.
        os.fchmod(fd, keep_mode if keep_mode is not None else 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_folder(path.parent)


def append_line(path: Path, line: bytes) -> None:
    """Append `line` (ending in a newline) to `path`, whole and durable: every
    byte written (a short write is carried on), then fsync. If the file does
    not end in a newline, a torn line is there: a newline ends it first."""
    # Read-write: the last byte is read through the same descriptor (pread
    # ignores O_APPEND), not by opening the file a second time every turn.
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = b"\n" + line
        view = memoryview(line)
        while view:
            written = os.write(fd, view)
            if written <= 0:  # pragma: no cover - POSIX raises ENOSPC instead
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def write_problem(exc: OSError) -> str:
    """What kind of failure a write met, for a message with the right hint:
    `full` (no space or quota), `read-only`, `denied`, `io` (the disk or the
    network file system failed) or `other`."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "full"
    if code == errno.EROFS:
        return "read-only"
    if code in (errno.EACCES, errno.EPERM):
        return "denied"
    if code == errno.EIO:
        return "io"
    return "other"


def _write_into_stream(path: Path, payload: bytes) -> None:
    # No O_CREAT, no O_TRUNC: a device or pipe is opened as it is, never made anew.
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "wb") as fh:
        fh.write(payload)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - a folder that cannot be opened (Windows)
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on a folder
        pass
    finally:
        os.close(fd)


def _read_umask() -> int:
    # Reading the umask means setting it: done once, at import, before any
    # thread could create a file under the wrong mask.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


class NotReadable(OSError):
    """A path that is not a regular file, or is larger than the caller allows."""


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of `path` if it is a regular file (links followed) of at most
    `limit` bytes; else `NotReadable` (an OSError, as a missing file is).
    Opened first and checked on the open file, so a swap between the check and
    the read cannot slip a device in."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)  # O_NONBLOCK: opening a FIFO must not wait for a writer
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotReadable(errno.EINVAL, "not a regular file", str(path))
        if st.st_size > limit:
            raise NotReadable(errno.EFBIG, f"larger than {limit:,} bytes", str(path))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
        if len(data) > limit:  # it grew while we read
            raise NotReadable(errno.EFBIG, f"larger than {limit:,} bytes", str(path))
        return data
    finally:
        os.close(fd)
