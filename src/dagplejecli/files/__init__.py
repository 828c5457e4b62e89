"""Writing files safely: a file or a whole export all or nothing, owner-only when personal.

- ``atomic``: one file, written beside its target under a temporary name and renamed into
  place (``write_atomic``, ``write_bytes_atomic``).
- ``target``: may a target be written (``check_target``), is another program holding it
  (``in_use``, ``replace`` tries again for a moment), and an OS error as a message
  (``write_error``).
- ``lock``: one export at a time per folder (``folder_lock``, an OS lock).
- ``journal``: the typed ``Journal`` of a commit, written and read back as checked input.
- ``commit``: a whole export (``commit_files``), and finishing or undoing one a kill
  interrupted.
- ``recovery``: what every command does first (``export_lock``, ``recover``, the export
  folders a project remembers).
- ``legacy``: what 0.1.0 left after a kill (to be removed in 0.3.0).
- ``folder``: an export folder's own names and which paths lie inside it.

A whole export (``commit_files``) works like a database journal, so that a kill at any instant
leaves one complete set:

1. every new file is written to ``.dagpleje-staging/`` and flushed to disk;
2. the journal (``.dagpleje-journal.json``: which staged file goes where, which old files go)
   is written and flushed — from here on the new set is decided;
3. the switch: each old file is moved to ``.dagpleje-backup/``, each new one renamed into place;
4. the journal is removed, then the staging and backup folders (they hold personal data).

A failure during the switch (a file held open by Excel) puts the old files back; if that fails
too, the journal stays, marked as being undone (``UndoFailed``). After a kill, the next run of
any command (``recover``) finishes a switch whose journal exists, finishes an undo, or removes
the staging folder of one that never got that far. Every state in between is one that
``recover`` knows: a staged file not yet renamed is renamed, one already renamed is gone from
the staging folder. Only one export at a time may work in a folder (``export_lock``).
"""

from __future__ import annotations

from dagplejecli.files.atomic import (
    FOLDER_MODE,
    PRIVATE_MODE,
    PUBLIC_MODE,
    make_folders,
    remove_stale_temporaries,
    write_atomic,
    write_bytes_atomic,
)
from dagplejecli.files.commit import COMMITTED, UndoFailed, commit_files
from dagplejecli.files.folder import (
    BACKUP,
    JOURNAL,
    STAGING,
    inside_folder,
    is_member_path,
    resolved,
)
from dagplejecli.files.journal import Journal, load_journal
from dagplejecli.files.lock import lock_path
from dagplejecli.files.recovery import (
    EXPORT_FOLDERS,
    export_lock,
    recover,
    recover_remembered,
    remember_folder,
)
from dagplejecli.files.target import check_target, in_use, write_error

__all__ = [
    "BACKUP",
    "COMMITTED",
    "EXPORT_FOLDERS",
    "FOLDER_MODE",
    "JOURNAL",
    "PRIVATE_MODE",
    "PUBLIC_MODE",
    "STAGING",
    "Journal",
    "UndoFailed",
    "check_target",
    "commit_files",
    "export_lock",
    "in_use",
    "inside_folder",
    "is_member_path",
    "load_journal",
    "lock_path",
    "make_folders",
    "recover",
    "recover_remembered",
    "remember_folder",
    "remove_stale_temporaries",
    "resolved",
    "write_atomic",
    "write_bytes_atomic",
    "write_error",
]
