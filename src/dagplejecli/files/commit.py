"""A whole export written all or nothing: staged, journaled, switched (see the package's
docstring for the steps and why a kill at any of them leaves one complete set).

``recover_locked`` finishes or undoes a commit a kill interrupted; it runs with the folder's
lock held (``files.recovery``).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from dagplejecli.errors import DagplejeError, os_detail
from dagplejecli.files.atomic import FOLDER_MODE, PRIVATE_MODE, PUBLIC_MODE, fsync_dir, make_folders
from dagplejecli.files.folder import (
    BACKUP,
    JOURNAL,
    JOURNAL_TMP,
    STAGING,
    missing_dirs,
    remove_tree,
)
from dagplejecli.files.journal import Journal, Staged, load_journal, write_journal
from dagplejecli.files.legacy import remove_legacy
from dagplejecli.files.target import check_target, replace, write_error

# The export folders this process has written a complete set to (an interruption after the
# commit must say the export is done, not leave the person guessing)
COMMITTED: list[Path] = []


class UndoFailed(DagplejeError):
    """A failed switch could not put the old files back (a file held by another program).
    The journal, marked as being undone, stays: the next command puts the old set back."""


def checkpoint(step: str) -> None:
    """A step of the commit has reached the disk. Nothing happens here: the crash tests replace
    this function to stop the process exactly at ``step``."""


def commit_files(
    root: Path, files: dict[str, tuple[bytes, bool]], obsolete: tuple[str, ...] = ()
) -> list[Path]:
    """Write every file under ``root`` or none, crash-safe (see the package's docstring).

    ``files`` maps a relative path to (content, private); ``obsolete`` names files of the
    previous set that the new one no longer has (they are removed in the same switch). The
    caller holds ``export_lock(root)``. Every target is checked before anything is written.
    """
    entries = sorted(files.items(), key=lambda kv: (kv[0] == "manifest.json", kv[0]))
    for rel, _ in entries:
        check_target(root / rel)
    made = missing_dirs(root, [rel for rel, _ in entries])
    stage = root / STAGING
    journal = Journal()
    try:
        make_folders(root)
        remove_tree(stage)
        stage.mkdir(mode=FOLDER_MODE)
        checkpoint("staging")
        for index, (rel, (data, private)) in enumerate(entries):
            tmp = stage / str(index)
            mode = PRIVATE_MODE if private else PUBLIC_MODE
            fd = os.open(
                tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode
            )
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            journal.files.append(Staged(rel, index, (root / rel).exists()))
            checkpoint(f"staged:{rel}")
        fsync_dir(stage)
        for folder in reversed(made):
            make_folders(folder)
        journal.obsolete = [rel for rel in obsolete if (root / rel).is_file()]
        # deepest first; only inside the folder (a missing parent of it is left when undone)
        journal.made = [str(p.relative_to(root)) for p in made if p.is_relative_to(root)]
        write_journal(root, journal)
    except BaseException as exc:
        # nothing of the old set has moved: the staged files go, the old set stays
        remove_tree(stage)
        (root / JOURNAL_TMP).unlink(missing_ok=True)
        for folder in made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(exc, OSError):
            raise write_error(exc, root) from None
        raise
    try:
        checkpoint("journal")
        _switch(root, journal)
    except BaseException as exc:
        _undo(root, journal)
        if isinstance(exc, OSError):
            raise write_error(exc, root) from None
        raise
    finish(root)
    COMMITTED.append(root)
    return [root / rel for rel, _ in entries]


def _switch(root: Path, journal: Journal) -> None:
    backup = root / BACKUP
    backup.mkdir(mode=FOLDER_MODE, exist_ok=True)
    for s in journal.files:
        target = root / s.rel
        if target.exists():
            replace(target, backup / str(s.index))
            checkpoint(f"backup:{s.rel}")
        replace(root / STAGING / str(s.index), target)
        checkpoint(f"placed:{s.rel}")
    for number, rel in enumerate(journal.obsolete):
        os.replace(root / rel, backup / f"o{number}")
        checkpoint(f"obsolete:{rel}")
    for folder in {(root / s.rel).parent for s in journal.files} | {root}:
        fsync_dir(folder)


def _undo(root: Path, journal: Journal) -> None:
    """Put the old set back after a failed switch (every state of ``_switch`` is handled).

    The journal is first marked as being undone, so that a kill or an error from here on
    leaves it for the next command to finish the undo. An error of the file system here is
    ``UndoFailed``; an interruption (Ctrl-C) goes on as it is."""
    journal.undo = True
    try:
        write_journal(root, journal)
        undo_files(root, journal)
        finish(root)
        remove_made(root, journal)
    except OSError as exc:
        failed = write_error(exc, root)
        raise UndoFailed(
            "export_undo_failed",
            where=failed.where,
            hint="export_undo_failed_hint",
            detail=os_detail(exc),
        ) from exc


def remove_made(root: Path, journal: Journal) -> None:
    """The folders the undone commit created, if they are empty again."""
    for rel in journal.made:
        with contextlib.suppress(OSError):
            (root / rel).rmdir()


def undo_files(root: Path, journal: Journal) -> None:
    """The old files back from the backup folder; new files where none was, removed."""
    backup = root / BACKUP
    for s in journal.files:
        target, saved = root / s.rel, backup / str(s.index)
        if saved.exists():
            os.replace(saved, target)
        elif not s.existed and not (root / STAGING / str(s.index)).exists():
            target.unlink(missing_ok=True)
    for number, rel in enumerate(journal.obsolete):
        saved = backup / f"o{number}"
        if saved.exists():
            os.replace(saved, root / rel)


def redo_files(root: Path, journal: Journal) -> None:
    """The staged files not yet in place, put there; the obsolete ones removed."""
    for s in journal.files:
        staged = root / STAGING / str(s.index)
        if staged.exists():
            (root / s.rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, root / s.rel)
    for rel in journal.obsolete:
        (root / rel).unlink(missing_ok=True)


def finish(root: Path) -> None:
    """The switch is complete: forget the journal, then remove what held personal data."""
    (root / JOURNAL).unlink(missing_ok=True)
    fsync_dir(root)
    remove_tree(root / STAGING)
    remove_tree(root / BACKUP)
    (root / JOURNAL_TMP).unlink(missing_ok=True)


def recover_locked(root: Path) -> None:
    """Finish or undo the commit a kill interrupted in ``root`` (the caller holds its lock).
    The journal is read and checked whole before anything is touched: a bad one stops here."""
    journal = load_journal(root)
    try:
        if journal is not None:
            if journal.undo:
                undo_files(root, journal)
            else:
                redo_files(root, journal)
        finish(root)
        if journal is not None and journal.undo:
            remove_made(root, journal)
        remove_legacy(root)
    except OSError as exc:
        raise write_error(exc, root) from None
