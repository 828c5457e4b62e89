"""One file written all or nothing, owner-only when it holds personal data.

The file is written beside its target under a temporary name, flushed, and renamed into place:
the target is either the old file or the complete new one, never half of each.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from dagplejecli.files.target import check_target, replace, write_error

PRIVATE_MODE = 0o600
PUBLIC_MODE = 0o644
FOLDER_MODE = 0o700


def remove_stale_temporaries(target: Path, older_than: float = 0.0) -> None:
    """Temporary files an interrupted earlier write of ``target`` left beside it (they may
    hold personal data); only those untouched for ``older_than`` seconds, so that a write
    in progress in another process is left alone."""
    limit = time.time() - older_than
    with contextlib.suppress(OSError):
        for leftover in target.parent.glob(f".{target.name}.*.tmp"):
            with contextlib.suppress(OSError):
                if older_than <= 0 or leftover.stat().st_mtime < limit:
                    leftover.unlink()


@contextlib.contextmanager
def _temporary_beside(target: Path) -> Iterator[Path]:
    make_folders(target.parent)
    remove_stale_temporaries(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        if tmp.exists():
            tmp.unlink()


def write_atomic(target: Path, produce: Callable[[Path], None], *, private: bool = True) -> None:
    """Let ``produce`` write a temporary file beside ``target``, then rename it into place.

    ``target`` is either the old file or the complete new one, never half of each. Files with
    personal data are created readable by the owner only.
    """
    try:
        check_target(target)
        with _temporary_beside(target) as tmp:
            os.chmod(tmp, PRIVATE_MODE if private else PUBLIC_MODE)
            produce(tmp)
            os.chmod(tmp, PRIVATE_MODE if private else PUBLIC_MODE)
            fsync_file(tmp)
            replace(tmp, target)
            fsync_dir(target.parent)
    except OSError as exc:
        raise write_error(exc, target) from None


def write_bytes_atomic(target: Path, data: bytes, *, private: bool = True) -> None:
    """``data`` as the whole of ``target`` (see ``write_atomic``)."""

    def produce(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_atomic(target, produce, private=private)


def make_folders(folder: Path) -> None:
    """``folder`` and its missing parents, owner-only whatever the umask (personal data)."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir(exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(made, FOLDER_MODE)


def fsync_file(path: Path) -> None:
    """``path``'s content on the disk."""
    # Windows flushes only a handle opened for writing
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable. Windows cannot open a folder (NTFS journals renames itself)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
