"""Every command first finishes or undoes an export a kill interrupted, in the project's own
export folder and in every folder the project exported to with ``--out``, and removes the
staging, backup and temporary files it left (they hold personal data)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

from dagplejecli.errors import DagplejeError
from dagplejecli.files.atomic import write_bytes_atomic
from dagplejecli.files.commit import recover_locked
from dagplejecli.files.folder import BACKUP, JOURNAL, JOURNAL_TMP, STAGING
from dagplejecli.files.legacy import legacy_leftovers
from dagplejecli.files.lock import folder_lock

# The export folders a project's exports wrote to with --out, beside its configuration, so that
# the next command can finish or undo an export killed there too.
EXPORT_FOLDERS = ".dagpleje-eksportmapper.json"
MAX_EXPORT_FOLDERS = 100
MAX_EXPORT_FOLDERS_BYTES = 64 * 1024


@contextlib.contextmanager
def export_lock(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the export folder ``root`` for this process: a second export waits up to
    ``LOCK_WAIT_SECONDS``, then refuses with exit 2. An interrupted commit is finished first."""
    with folder_lock(root, wait):
        recover_locked(root)
        yield


def needs_recovery(root: Path) -> bool:
    """Did an interrupted commit leave a journal, staging or backup files in ``root``?"""
    if any((root / name).exists() for name in (JOURNAL, JOURNAL_TMP, STAGING, BACKUP)):
        return True
    return any(True for _ in legacy_leftovers(root))


def recover(root: Path) -> bool:
    """Finish or undo a commit that was interrupted in ``root`` and remove its staging and
    backup files. Does nothing while another process holds the folder. True if it acted."""
    if not root.is_dir() or not needs_recovery(root):
        return False
    try:
        with export_lock(root, wait=0):
            pass  # export_lock recovers once it holds the folder
    except DagplejeError as exc:
        if exc.key == "export_locked":
            return False  # another export is at work here; it finishes its own commit
        raise
    return True


def remembered_folders(config_folder: Path) -> list[Path]:
    """The export folders given with --out that ``config_folder``'s project remembers. The
    file is input like the journal: a regular file of bounded size holding a list of absolute
    paths; anything else stops with exit 2."""
    from dagplejecli.limits import read_bounded

    path = config_folder / EXPORT_FOLDERS
    data = read_bounded(path, "input_export_folders", MAX_EXPORT_FOLDERS_BYTES)
    if data is None:
        return []
    try:
        items = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        items = None
    if (
        not isinstance(items, list)
        or len(items) > MAX_EXPORT_FOLDERS
        or not all(isinstance(i, str) and i.isprintable() and Path(i).is_absolute() for i in items)
    ):
        raise DagplejeError("export_folders_bad", where=str(path), hint="export_folders_bad_hint")
    return [Path(i) for i in items]


def remember_folder(config_folder: Path, out_dir: Path) -> None:
    """Remember ``out_dir`` (an export folder given with --out) in the project."""
    folders = remembered_folders(config_folder)
    wanted = out_dir.absolute()
    if wanted in folders:
        return
    kept = [str(f) for f in [*folders, wanted][-MAX_EXPORT_FOLDERS:]]
    write_bytes_atomic(config_folder / EXPORT_FOLDERS, json.dumps(kept).encode("utf-8"))


def recover_remembered(config_folder: Path) -> None:
    """Finish or undo an export interrupted in any export folder the project remembers."""
    for folder in remembered_folders(config_folder):
        recover(folder)
