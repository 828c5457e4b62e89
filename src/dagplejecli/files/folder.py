"""An export folder's own names, and which paths lie inside it.

A manifest or a journal is a file in the export folder that anyone could edit: the paths it
names are checked here before dagpleje reads, moves or removes anything by them.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path, PurePosixPath, PureWindowsPath

STAGING = ".dagpleje-staging"
BACKUP = ".dagpleje-backup"
JOURNAL = ".dagpleje-journal.json"
JOURNAL_TMP = JOURNAL + ".tmp"
OWN_NAMES = (STAGING, BACKUP, JOURNAL, JOURNAL_TMP)


def resolved(path: Path) -> Path:
    """``path`` with its links followed; a loop of links is an OSError (ELOOP) as the system
    says it, not the RuntimeError ``Path.resolve`` raises for it before Python 3.13."""
    try:
        return path.resolve()
    except RuntimeError:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path)) from None


def is_member_path(rel: str) -> bool:
    """``rel`` names a file inside an export folder: relative, no ``..``, no drive, on Windows
    as on POSIX, nothing of dagpleje's own (staging, backup, journal) and no control
    character. A manifest or a journal is a file in that folder that anyone could edit; it must
    not make dagpleje touch, or read, anything outside."""
    if not rel or len(rel) > 1000 or any(ord(ch) < 32 or ord(ch) == 127 for ch in rel):
        return False
    for path in (PurePosixPath(rel), PureWindowsPath(rel)):
        if path.is_absolute() or path.drive or path.root or ".." in path.parts:
            return False
        if path.parts and path.parts[0] in OWN_NAMES:
            return False
    return True


def inside_folder(root: Path, rel: str, *, folder: bool = False) -> bool:
    """``rel`` is a member path (``is_member_path``) whose folder, links followed, is ``root``
    or a folder inside it: a link planted in the folder cannot lead a move or a removal out.
    ``folder``: ``rel`` names a folder (``.`` is ``root`` itself)."""
    if not is_member_path(rel):
        return False
    try:
        base = resolved(root)
        parent = resolved(root / rel) if folder else resolved((root / rel).parent)
    except OSError:
        return False
    return parent == base or parent.is_relative_to(base)


def missing_dirs(root: Path, rels: list[str]) -> list[Path]:
    """Folders a write of ``rels`` under ``root`` would create (deepest first), to remove
    again on failure."""
    wanted = {root} | {(root / rel).parent for rel in rels}
    missing = set()
    for folder in wanted:
        while not folder.exists() and folder not in missing:
            missing.add(folder)
            folder = folder.parent
    return sorted(missing, key=lambda p: len(p.parts), reverse=True)


def remove_tree(folder: Path) -> None:
    """``folder`` and everything in it, if it is a folder and not a link to one."""
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder, ignore_errors=True)
