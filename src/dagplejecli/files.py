"""Writing files safely: all or nothing (temporary name, then rename), owner-only when personal."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from dagplejecli.errors import DagplejeError

PRIVATE_MODE = 0o600


@contextlib.contextmanager
def _temporary_beside(target: Path) -> Iterator[Path]:
    target.parent.mkdir(parents=True, exist_ok=True)
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
        with _temporary_beside(target) as tmp:
            os.chmod(tmp, PRIVATE_MODE if private else 0o644)
            produce(tmp)
            os.chmod(tmp, PRIVATE_MODE if private else 0o644)
            os.replace(tmp, target)
    except OSError as exc:
        raise DagplejeError(
            "write_failed", where=str(target), detail=exc.strerror or str(exc)
        ) from None


def write_bytes_atomic(target: Path, data: bytes, *, private: bool = True) -> None:
    def produce(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_atomic(target, produce, private=private)


def commit_files(root: Path, files: dict[str, tuple[bytes, bool]]) -> list[Path]:
    """Write every file under ``root`` or none: stage them all, then swap them in.

    ``files`` maps a relative path to (content, private). Existing files are kept aside until
    every new one is in place, and put back if anything fails, so an earlier export is never
    left half-overwritten.
    """
    staged: list[tuple[Path, Path, bool]] = []
    placed: list[Path] = []
    backups: list[tuple[Path, Path]] = []
    made = _missing_dirs(root, files)
    try:
        root.mkdir(parents=True, exist_ok=True)
        stage_dir = Path(tempfile.mkdtemp(prefix=".dagpleje-", dir=root))
        try:
            for index, (rel, (data, private)) in enumerate(sorted(files.items())):
                tmp = stage_dir / f"{index}.tmp"
                fd = os.open(
                    tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE if private else 0o644
                )
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                staged.append((tmp, root / rel, private))
            for _, target, _ in staged:
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.exists():
                    backup = target.with_name(f".{target.name}.bak")
                    os.replace(target, backup)
                    backups.append((backup, target))
            for tmp, target, _ in staged:
                os.replace(tmp, target)
                placed.append(target)
        except BaseException:
            for target in placed:
                target.unlink(missing_ok=True)
            for backup, target in backups:
                os.replace(backup, target)
            _remove_empty(made, stage_dir)
            raise
        finally:
            for tmp, _, _ in staged:
                tmp.unlink(missing_ok=True)
            if stage_dir.exists():
                stage_dir.rmdir()
        for backup, _ in backups:
            backup.unlink(missing_ok=True)
    except OSError as exc:
        raise DagplejeError(
            "write_failed", where=str(root), detail=exc.strerror or str(exc)
        ) from None
    return placed


def _missing_dirs(root: Path, files: dict[str, tuple[bytes, bool]]) -> list[Path]:
    """Folders this write would create (deepest first), to remove again on failure."""
    wanted = {root} | {(root / rel).parent for rel in files}
    missing = set()
    for folder in wanted:
        while not folder.exists() and folder not in missing:
            missing.add(folder)
            folder = folder.parent
    return sorted(missing, key=lambda p: len(p.parts), reverse=True)


def _remove_empty(folders: list[Path], stage_dir: Path) -> None:
    with contextlib.suppress(OSError):
        for leftover in stage_dir.glob("*"):
            leftover.unlink()
        stage_dir.rmdir()
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()
