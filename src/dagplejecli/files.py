"""Writing files safely: a file or a whole export all or nothing, owner-only when personal.

A single file is written beside its target under a temporary name and renamed into place.

A whole export (``commit_files``) works like a database journal, so that a kill at any instant
leaves one complete set:

1. every new file is written to ``.dagpleje-staging/`` and flushed to disk;
2. the journal (``.dagpleje-journal.json``: which staged file goes where, which old files go)
   is written and flushed — from here on the new set is decided;
3. the switch: each old file is moved to ``.dagpleje-backup/``, each new one renamed into place;
4. the journal is removed, then the staging and backup folders (they hold personal data).

A failure during the switch (a file held open by Excel) puts the old files back. After a kill,
the next run of any command (``recover``) finishes a switch whose journal exists, or removes
the staging folder of one that never got that far. Every state in between is one that
``recover`` knows: a staged file not yet renamed is renamed, one already renamed is gone from
the staging folder. Only one export at a time may work in a folder (``export_lock``).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from dagplejecli.errors import DagplejeError, os_detail
from dagplejecli.wording import Words

PRIVATE_MODE = 0o600
PUBLIC_MODE = 0o644
FOLDER_MODE = 0o700
STAGING = ".dagpleje-staging"
BACKUP = ".dagpleje-backup"
JOURNAL = ".dagpleje-journal.json"
LOCK_WAIT_SECONDS = 10.0  # a second export waits this long for the first, then refuses
# The export folders this process has written a complete set to (an interruption after the
# commit must say the export is done, not leave the person guessing)
COMMITTED: list[Path] = []


def resolved(path: Path) -> Path:
    """``path`` with its links followed; a loop of links is an OSError (ELOOP) as the system
    says it, not the RuntimeError ``Path.resolve`` raises for it before Python 3.13."""
    try:
        return path.resolve()
    except RuntimeError:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path)) from None


def checkpoint(step: str) -> None:
    """A step of the commit has reached the disk. Nothing happens here: the crash tests replace
    this function to stop the process exactly at ``step``."""


# ---------------------------------------------------------------------------- single files


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
            _fsync_file(tmp)
            replace(tmp, target)
            _fsync_dir(target.parent)
    except OSError as exc:
        raise write_error(exc, target) from None


def write_bytes_atomic(target: Path, data: bytes, *, private: bool = True) -> None:
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
    _while_held(lambda: os.replace(source, target), (target, source), HELD_WAIT_SECONDS)


def _while_held(action: Callable[[], None], paths: tuple[Path, ...], wait: float) -> None:
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
            _while_held(lambda: os.close(os.open(target, flags)), (target,), HELD_WAIT_SECONDS)
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


def _fsync_file(path: Path) -> None:
    # Windows flushes only a handle opened for writing
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
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


# ------------------------------------------------------------------------------------ lock


def _try_lock(fd: int) -> bool:
    """An exclusive lock on ``fd`` without waiting; the system drops it when the process ends,
    however it ends, so a lock is never left stale."""
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
def export_lock(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the export folder ``root`` for this process: a second export waits up to
    ``LOCK_WAIT_SECONDS``, then refuses with exit 2. An interrupted commit is finished first."""
    waited = LOCK_WAIT_SECONDS if wait is None else wait
    where = lock_path(root)
    # the lock is a file others may have put there too: never follow a link, never block on a
    # FIFO, and use only a regular file
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
            _recover_locked(root)
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _lock_not_regular(where: Path) -> DagplejeError:
    return DagplejeError(
        "input_not_regular",
        where=str(where),
        hint="lock_not_regular_hint",
        what=Words("input_lock"),
    )


# ---------------------------------------------------------------------------------- commit


def commit_files(
    root: Path, files: dict[str, tuple[bytes, bool]], obsolete: tuple[str, ...] = ()
) -> list[Path]:
    """Write every file under ``root`` or none, crash-safe (see the module's docstring).

    ``files`` maps a relative path to (content, private); ``obsolete`` names files of the
    previous set that the new one no longer has (they are removed in the same switch). The
    caller holds ``export_lock(root)``. Every target is checked before anything is written.
    """
    entries = sorted(files.items(), key=lambda kv: (kv[0] == "manifest.json", kv[0]))
    for rel, _ in entries:
        check_target(root / rel)
    made = _missing_dirs(root, [rel for rel, _ in entries])
    stage = root / STAGING
    journal: dict[str, Any] = {"version": 1, "files": [], "obsolete": [], "made": []}
    try:
        make_folders(root)
        _remove_tree(stage)
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
            journal["files"].append([rel, index, (root / rel).exists()])
            checkpoint(f"staged:{rel}")
        _fsync_dir(stage)
        for folder in reversed(made):
            make_folders(folder)
        journal["obsolete"] = [rel for rel in obsolete if (root / rel).is_file()]
        journal["made"] = [str(p.relative_to(root)) for p in made]  # deepest first
        _write_journal(root, journal)
    except BaseException as exc:
        _remove_tree(stage)
        (root / (JOURNAL + ".tmp")).unlink(missing_ok=True)
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
    _finish(root)
    COMMITTED.append(root)
    return [root / rel for rel, _ in entries]


def _write_journal(root: Path, journal: dict[str, Any]) -> None:
    tmp = root / (JOURNAL + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(json.dumps(journal).encode("utf-8"))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, root / JOURNAL)
    _fsync_dir(root)


def _switch(root: Path, journal: dict[str, Any]) -> None:
    backup = root / BACKUP
    backup.mkdir(mode=FOLDER_MODE, exist_ok=True)
    for rel, index, _ in journal["files"]:
        target = root / rel
        if target.exists():
            replace(target, backup / str(index))
            checkpoint(f"backup:{rel}")
        replace(root / STAGING / str(index), target)
        checkpoint(f"placed:{rel}")
    for number, rel in enumerate(journal["obsolete"]):
        os.replace(root / rel, backup / f"o{number}")
        checkpoint(f"obsolete:{rel}")
    for folder in {(root / rel).parent for rel, _, _ in journal["files"]} | {root}:
        _fsync_dir(folder)


def _undo(root: Path, journal: dict[str, Any]) -> None:
    """Put the old set back after a failed switch (every state of ``_switch`` is handled)."""
    with contextlib.suppress(BaseException):
        journal["undo"] = True
        _write_journal(root, journal)
        _undo_files(root, journal)
        _finish(root)
        _remove_made(root, journal)


def _remove_made(root: Path, journal: dict[str, Any]) -> None:
    """The folders the undone commit created, if they are empty again."""
    for rel in journal.get("made", []):
        with contextlib.suppress(OSError):
            (root / rel).rmdir()


def _undo_files(root: Path, journal: dict[str, Any]) -> None:
    backup = root / BACKUP
    for rel, index, existed in journal["files"]:
        target, saved = root / rel, backup / str(index)
        if saved.exists():
            os.replace(saved, target)
        elif not existed and not (root / STAGING / str(index)).exists():
            target.unlink(missing_ok=True)
    for number, rel in enumerate(journal["obsolete"]):
        saved = backup / f"o{number}"
        if saved.exists():
            os.replace(saved, root / rel)


def _redo_files(root: Path, journal: dict[str, Any]) -> None:
    for rel, index, _ in journal["files"]:
        staged = root / STAGING / str(index)
        if staged.exists():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, root / rel)
    for rel in journal["obsolete"]:
        (root / rel).unlink(missing_ok=True)


def _finish(root: Path) -> None:
    """The switch is complete: forget the journal, then remove what held personal data."""
    (root / JOURNAL).unlink(missing_ok=True)
    _fsync_dir(root)
    _remove_tree(root / STAGING)
    _remove_tree(root / BACKUP)
    (root / (JOURNAL + ".tmp")).unlink(missing_ok=True)


def _remove_tree(folder: Path) -> None:
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder, ignore_errors=True)


# The export folders a project's exports wrote to with --out, beside its configuration, so that
# the next command can finish or undo an export killed there too.
EXPORT_FOLDERS = ".dagpleje-eksportmapper.json"
MAX_EXPORT_FOLDERS = 100
MAX_EXPORT_FOLDERS_BYTES = 64 * 1024


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


def needs_recovery(root: Path) -> bool:
    """Did an interrupted commit leave a journal, staging or backup files in ``root``?"""
    names = (JOURNAL, JOURNAL + ".tmp", STAGING, BACKUP)
    if any((root / name).exists() for name in names):
        return True
    return any(True for _ in _legacy_leftovers(root))


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


def _recover_locked(root: Path) -> None:
    # the journal is read and checked whole before anything is touched: a bad one stops here
    journal = load_journal(root)
    try:
        if journal is not None:
            if journal.get("undo"):
                _undo_files(root, journal)
            else:
                _redo_files(root, journal)
        _finish(root)
        if journal is not None and journal.get("undo"):
            _remove_made(root, journal)
        _remove_legacy(root)
    except OSError as exc:
        raise write_error(exc, root) from None


def load_journal(root: Path) -> dict[str, Any] | None:
    """The journal of an interrupted commit in ``root``, or None when there is none.

    It is a file in a folder others may write to (a shared drive, a colleague's zip), so it is
    read as any input: a regular file of bounded size, of exactly the shape ``commit_files``
    writes, every path relative and inside ``root`` (no ``..``, no drive, no link out of the
    folder), every staged index a small number. Anything else stops with exit 2 before a file
    is moved or removed."""
    from dagplejecli.limits import MAX_JOURNAL_BYTES, read_bounded

    path = root / JOURNAL
    data = read_bounded(path, "input_journal", MAX_JOURNAL_BYTES)
    if data is None:
        return None
    try:
        journal = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _bad_journal(path, "JSON") from None
    problem = _journal_problem(root, journal)
    if problem is not None:
        raise _bad_journal(path, problem)
    return journal  # type: ignore[no-any-return]


def _bad_journal(path: Path, detail: str) -> DagplejeError:
    return DagplejeError("journal_bad", where=str(path), hint="journal_bad_hint", detail=detail)


def _journal_problem(root: Path, journal: object) -> str | None:
    """What is wrong with ``journal`` (the first thing found), or None."""
    if not isinstance(journal, dict) or journal.get("version") != 1:
        return "version"
    if set(journal) - {"version", "files", "obsolete", "made", "undo"}:
        return ", ".join(sorted(set(journal) - {"version", "files", "obsolete", "made", "undo"}))
    files, obsolete, made = journal.get("files"), journal.get("obsolete"), journal.get("made")
    if not isinstance(files, list) or not isinstance(obsolete, list):
        return "files"
    if not isinstance(made, list) or not isinstance(journal.get("undo", False), bool):
        return "made"
    seen_index: set[int] = set()
    seen_rel: set[str] = set()
    for entry in files:
        if not (isinstance(entry, list) and len(entry) == 3):
            return "files"
        rel, index, existed = entry
        if not isinstance(rel, str) or not inside_folder(root, rel) or rel in seen_rel:
            return repr(rel)
        if type(index) is not int or not 0 <= index < len(files) or index in seen_index:
            return repr(index)
        if not isinstance(existed, bool):
            return repr(existed)
        seen_index.add(index)
        seen_rel.add(rel)
    for rel in obsolete:
        if not isinstance(rel, str) or not inside_folder(root, rel):
            return repr(rel)
    for rel in made:
        if not isinstance(rel, str) or not inside_folder(root, rel, folder=True):
            return repr(rel)
    return None


def _legacy_leftovers(root: Path) -> Iterator[Path]:
    """What versions before the journal left after a crash: ``.dagpleje-XXXX/`` staging
    folders and ``.NAME.bak`` copies of old files."""
    if not root.is_dir():
        return
    for path in root.glob(".dagpleje-*"):
        if path.is_dir() and path.name not in (STAGING, BACKUP):
            yield path
    for path in root.rglob(".*.bak"):
        if path.is_file():
            yield path


def _remove_legacy(root: Path) -> None:
    for path in list(_legacy_leftovers(root)):
        if path.is_dir():
            _remove_tree(path)
            continue
        original = path.with_name(path.name[1:-4])
        if not original.exists():
            os.replace(path, original)  # the old file never got its successor: keep it
        else:
            path.unlink()


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
        if path.parts and path.parts[0] in (STAGING, BACKUP, JOURNAL, JOURNAL + ".tmp"):
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


def _missing_dirs(root: Path, rels: list[str]) -> list[Path]:
    """Folders this write would create (deepest first), to remove again on failure."""
    wanted = {root} | {(root / rel).parent for rel in rels}
    missing = set()
    for folder in wanted:
        while not folder.exists() and folder not in missing:
            missing.add(folder)
            folder = folder.parent
    return sorted(missing, key=lambda p: len(p.parts), reverse=True)
