"""A file about to be written: may it be written, is another program holding it, and an
operating-system error as the message a person can act on.

Windows is where users are: a file Excel has open cannot be replaced, and antivirus, OneDrive
or the search indexer hold a new file for a moment. ``on_windows()`` lets the tests simulate
Windows' rules on Linux.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

from dagplejecli.errors import DagplejeError, os_detail
from dagplejecli.files.folder import BACKUP, JOURNAL, STAGING

# Windows: another process has the file open without sharing it (Excel; for a moment also
# antivirus, OneDrive or the search indexer)
SHARING_VIOLATIONS = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
ACCESS_DENIED = 5  # ERROR_ACCESS_DENIED: no permission, or (on a rename) a file held open
HELD_WAIT_SECONDS = 2.0  # how long a replace is retried while another program holds a file


def on_windows() -> bool:
    """Whether Windows' file rules apply (the tests simulate them on Linux)."""
    return sys.platform == "win32"


def in_use(exc: OSError, path: Path | None = None) -> bool:
    """The file is held open by another program, as opposed to not being ours to write.

    Windows says so with a sharing violation; a rename onto a held file says only «access
    denied», which is also what a read-only file or a folder without permission says, so
    then ``path`` is opened to tell which it is."""
    if getattr(exc, "winerror", None) in SHARING_VIOLATIONS:
        return True
    if not (on_windows() and isinstance(exc, PermissionError)):
        return False
    if path is None or getattr(exc, "winerror", ACCESS_DENIED) != ACCESS_DENIED:
        return False
    try:
        os.close(os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0)))
    except FileNotFoundError:
        return False
    except OSError as probe:
        return getattr(probe, "winerror", None) in SHARING_VIOLATIONS
    return True  # writable now: it was held for a moment


def replace(source: Path, target: Path) -> None:
    """``os.replace``, tried again for up to ``HELD_WAIT_SECONDS`` while another program holds
    ``target`` or ``source`` (antivirus, OneDrive and the search indexer open a new file for
    a moment; Excel holds it until it is closed, and then the error goes to the caller)."""
    while_held(lambda: os.replace(source, target), (target, source), HELD_WAIT_SECONDS)


def while_held(action: Callable[[], None], paths: tuple[Path, ...], wait: float) -> None:
    """Do ``action``, again for up to ``wait`` seconds while another program holds one of
    ``paths``; any other error, or one still there when the time is up, goes to the caller."""
    deadline = time.monotonic() + wait
    pause = 0.05
    while True:
        try:
            action()
            return
        except OSError as exc:
            if time.monotonic() >= deadline or not any(in_use(exc, p) for p in paths):
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.4)


def write_error(exc: OSError, where: Path) -> DagplejeError:
    """An operating-system error as the message a person can act on."""
    # name the user's file, not the staging or backup copy an os.replace moved it from or to
    names = [n for n in (exc.filename, exc.filename2) if isinstance(n, str)]
    mine = [n for n in names if STAGING not in n and BACKUP not in n and JOURNAL not in n]
    path = Path(mine[0]) if mine else where
    if in_use(exc, path):
        return DagplejeError("file_in_use", where=str(path), hint="file_in_use_hint", path=path)
    if isinstance(exc, PermissionError):
        return DagplejeError(
            "file_no_permission", where=str(path), hint="file_no_permission_hint", path=path
        )
    return DagplejeError("write_failed", where=str(path), detail=os_detail(exc))


def check_target(target: Path) -> None:
    """Refuse (exit 2) a target that is a folder or not a regular file, before anything is
    written, and one another program holds open."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        _check_parents(target)
        return
    except OSError as exc:
        raise write_error(exc, target) from None
    if stat.S_ISDIR(info.st_mode):
        raise DagplejeError("target_is_folder", where=str(target), hint="target_is_folder_hint")
    if not stat.S_ISREG(info.st_mode):
        raise DagplejeError("target_not_regular", where=str(target), hint="target_not_file_hint")
    if on_windows():  # Excel locks a file it has open on Windows only
        try:
            flags = os.O_RDWR | getattr(os, "O_BINARY", 0)
            while_held(lambda: os.close(os.open(target, flags)), (target,), HELD_WAIT_SECONDS)
        except OSError as exc:
            raise write_error(exc, target) from None


def _check_parents(target: Path) -> None:
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise DagplejeError(
                    "target_parent_not_folder", where=str(parent), hint="target_not_file_hint"
                )
            return
