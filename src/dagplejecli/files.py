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
