"""One export at a time per folder: an operating-system lock on a file beside the folder
(``fcntl`` on POSIX, ``msvcrt`` on Windows), dropped by the system when the process ends,
however it ends, so a lock is never left stale.

The lock file is input like any other: it may have been put there by someone else, so it is
never followed through a link, never blocks on a FIFO, and must be a regular file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from dagplejecli.errors import DagplejeError, Said
from dagplejecli.files.atomic import make_folders
from dagplejecli.files.folder import resolved
from dagplejecli.files.target import write_error

LOCK_WAIT_SECONDS = 10.0  # a second export waits this long for the first, then refuses


def _try_lock(fd: int) -> bool:
    """An exclusive lock on ``fd`` without waiting."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(root: Path) -> Path:
    """The lock of export folder ``root``: beside it, so an export refused before it writes
    anything does not leave an empty folder (the lock file holds nothing personal)."""
    try:
        folder = resolved(root)
    except OSError:
        folder = root.absolute()
    return folder.parent / f".{folder.name}.dagpleje-lock"


@contextlib.contextmanager
def folder_lock(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold export folder ``root`` for this process: wait up to ``wait`` seconds (default
    ``LOCK_WAIT_SECONDS``) for another process to let go, then refuse with exit 2."""
    waited = LOCK_WAIT_SECONDS if wait is None else wait
    where = lock_path(root)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        make_folders(where.parent)
        fd = os.open(where, flags, 0o600)
    except OSError as exc:
        if where.is_symlink() or (where.exists() and not where.is_file()):
            raise _lock_not_regular(where) from None
        raise write_error(exc, root) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _lock_not_regular(where)
        deadline = time.monotonic() + waited
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise DagplejeError("export_locked", where=str(root), hint="export_locked_hint")
            time.sleep(0.05)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _lock_not_regular(where: Path) -> DagplejeError:
    return DagplejeError(
        "input_not_regular", where=str(where), hint="lock_not_regular_hint", what=Said("input_lock")
    )
