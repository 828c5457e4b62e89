"""The municipality's secret: a file next to the configuration, made on first use.

Children's ids and the manifest's hashes are derived with it (``domain/keyed.py``), so they
reveal no CPR number and stay the same on every export from the same folder. It is never written
into an export; it must be backed up with ``dagpleje.toml``, because a new secret gives every
child without an id column a new id (a new person in Unilogin).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from dagplejecli.errors import DagplejeError, notice, os_detail
from dagplejecli.project import SECRET_NAME as SECRET_NAME  # re-exported

_SECRET_BYTES = 32


def secret_path(config_folder: Path) -> Path:
    return config_folder / SECRET_NAME


def read_secret(config_folder: Path) -> bytes | None:
    """The secret in ``config_folder``, or None when there is none. Raises DagplejeError
    (exit 2) when the file is there but is not a secret this tool wrote: not a regular file
    (a FIFO would block, a link to a device never end), over 1 KB, or not 64 hex digits. A
    secret that other users can read is used, with a warning naming ``chmod 600`` (as ssh
    does); Windows has no such bits, and the folder's permissions apply there."""
    from dagplejecli.limits import MAX_SECRET_BYTES, read_bounded

    path = secret_path(config_folder)
    data = read_bounded(path, "input_secret", MAX_SECRET_BYTES)
    if data is None:
        return None
    try:
        text = data.decode("ascii").strip()
    except UnicodeDecodeError:
        raise DagplejeError("secret_unreadable", where=str(path), hint="secret_bad_hint") from None
    try:
        value = bytes.fromhex(text)
    except ValueError:
        value = b""
    if len(value) != _SECRET_BYTES:
        raise DagplejeError("secret_unreadable", where=str(path), hint="secret_bad_hint")
    if os.name != "nt" and _readable_by_others(path):
        notice("secret_readable_by_others", path=path)
    return value


def _readable_by_others(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & 0o077)
    except OSError:
        return False


def load_or_create_secret(config_folder: Path, exported: Path | None = None) -> bytes:
    """The secret in ``config_folder``, made there on first use (owner-only where the system
    has POSIX permissions; on Windows the folder's own permissions apply). ``exported``: the
    manifest of an earlier export; then a missing secret is lost, not new, and no command may
    quietly make another (someone might back that one up instead of restoring the real one)."""
    found = read_secret(config_folder)
    if found is not None:
        return found
    path = secret_path(config_folder)
    if exported is not None and exported.exists():
        raise DagplejeError(
            "secret_missing", where=str(path), hint="secret_lost_hint", manifest=exported
        )
    value = secrets.token_bytes(_SECRET_BYTES)
    try:
        # O_EXCL: two commands started at once never write two different secrets
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        again = read_secret(config_folder)
        if again is None:  # pragma: no cover - removed between the two calls
            raise DagplejeError("secret_unreadable", where=str(path)) from None
        return again
    except OSError as exc:
        raise DagplejeError("write_failed", where=str(path), detail=os_detail(exc)) from None
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(value.hex() + "\n")
    return value
