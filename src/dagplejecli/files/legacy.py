"""What dagpleje 0.1.0 left after an export it was killed in, made good by later versions.

0.1.0 wrote an export without a journal: its new files in a ``.dagpleje-XXXX/`` folder (a
random name) in the export folder, each old file kept aside as ``.NAME.bak`` beside itself
until the new set was in place. A kill in between leaves both, with personal data. Every
command removes the staging folder and puts back a ``.bak`` whose file never got its successor
(else removes it).

To be removed in 0.3.0: from 0.2.0 on, every command runs this in every export folder it
recovers, so a folder opened once by 0.2.x holds nothing of 0.1.0's any more.

0.1.0 wrote files at most one folder deep, and only in ``dtr/`` and ``unilogin/``
(``manifest.json``, ``dtr/*.csv``, ``dtr/dtr-oprettelse.xlsx``, ``unilogin/*.xml``,
``unilogin/brugere.xlsx``), so its leftovers are looked for by listing those three folders:
never a walk of the tree, on every command.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from dagplejecli.files.folder import BACKUP, STAGING, remove_tree

# The folders of an export folder 0.1.0 wrote files to ("" is the export folder itself)
LEGACY_FOLDERS = ("", "dtr", "unilogin")


def _listing(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:  # not there, or not a folder
        return []


def legacy_leftovers(root: Path) -> Iterator[Path]:
    """What 0.1.0 left after a kill in export folder ``root``: ``.dagpleje-XXXX/`` staging
    folders and ``.NAME.bak`` copies of old files."""
    for entry in _listing(root):
        own = entry.name in (STAGING, BACKUP)
        if entry.name.startswith(".dagpleje-") and not own and entry.is_dir(follow_symlinks=False):
            yield Path(entry.path)
    for sub in LEGACY_FOLDERS:
        for entry in _listing(root / sub if sub else root):
            if _is_backup(entry.name) and entry.is_file(follow_symlinks=False):
                yield Path(entry.path)


def _is_backup(name: str) -> bool:
    """``.NAME.bak``: 0.1.0's copy of ``NAME``."""
    return name.startswith(".") and name.endswith(".bak") and len(name) > len("..bak")


def remove_legacy(root: Path) -> None:
    """Remove 0.1.0's staging folders; put back each ``.bak`` whose file is gone (the kill
    came between moving it aside and placing its successor), remove the others."""
    for path in list(legacy_leftovers(root)):
        if path.is_dir():
            remove_tree(path)
            continue
        original = path.with_name(path.name[1:-4])
        if not original.exists():
            os.replace(path, original)  # the old file never got its successor: keep it
        else:
            path.unlink()
