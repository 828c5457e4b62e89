"""Which step of the workflow a folder is at: no config / no plan / plan stale / ready."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dagplejecli.config import CONFIG_NAME
from dagplejecli.errors import DagplejeError
from dagplejecli.planfile import PLAN_NAME
from dagplejecli.project import EXPORT_FOLDER as EXPORT_FOLDER  # re-exported
from dagplejecli.shell import shell_word
from dagplejecli.wording import Said

if TYPE_CHECKING:
    from dagplejecli.export.manifest import Manifest


def plan_command(roster: Path | Sequence[Path], config_path: Path | None = None) -> str:
    """``dagpleje plan ROSTER…`` as the user would type it here (every file of the roster),
    with ``--config`` when the configuration is not the one in this folder; each path quoted
    where it must be."""
    files = [roster] if isinstance(roster, Path) else list(roster)
    flags = project_flags(config_path) if config_path is not None else ""
    return f"dagpleje plan {roster_words(files)}{flags}"


def roster_words(files: Sequence[Path]) -> str:
    """The roster's files as the user would type them here: relative to this folder when in
    it, each quoted where it must be."""
    cwd = Path.cwd()
    return " ".join(shell_word(p.relative_to(cwd) if p.is_relative_to(cwd) else p) for p in files)


def project_flags(config: Path, plan: Path | None = None) -> str:
    """`` --config X --plan Y`` for a suggested command: the configuration and plan the user
    named, when they are not this folder's own (empty when they are)."""
    flags = ""
    if config.absolute() != Path.cwd() / CONFIG_NAME:
        flags += f" --config {shell_word(config)}"
    if plan is not None and plan.absolute() != (config.parent / PLAN_NAME).absolute():
        flags += f" --plan {shell_word(plan)}"
    return flags


def read_manifest(folder: Path) -> Manifest | None:
    """The last export's manifest in export folder ``folder``, or None before the first export.

    The one place a manifest is read: a regular file of bounded size, UTF-8, of the shape
    dagpleje writes (``parse_manifest``); anything else stops with exit 2, touching nothing."""
    from dagplejecli.export.manifest import MANIFEST_NAME, parse_manifest
    from dagplejecli.limits import MAX_MANIFEST_BYTES, read_bounded

    path = folder / MANIFEST_NAME
    data = read_bounded(path, "input_manifest", MAX_MANIFEST_BYTES)
    if data is None:
        return None
    try:
        return parse_manifest(data.decode("utf-8"))
    except UnicodeDecodeError:
        detail = "UTF-8"
    except ValueError as exc:
        detail = str(exc)
    raise DagplejeError(
        "manifest_unreadable", where=str(path), hint="manifest_unreadable_hint", detail=detail
    )


def last_export(folder: Path) -> tuple[str, str] | None:
    """The target and local time (to the minute) of the newest export its manifest records."""
    from dagplejecli.export.manifest import parse_datetime

    manifest = read_manifest(folder)
    if manifest is None:
        return None
    found = []
    for target, record in manifest.data.items():
        if isinstance(record, dict) and isinstance(record.get("time"), str):
            try:
                found.append((parse_datetime(record["time"]), str(target)))
            except ValueError:
                continue
    if not found:
        return None
    when, target = max(found)
    return target, when.astimezone().strftime("%Y-%m-%d %H:%M")


def exported_plan(folder: Path, target: str) -> str | None:
    """The fingerprint of the plan ``target``'s last export in ``folder`` exported (None when
    its manifest does not say: an export from before it was recorded, or none)."""
    manifest = read_manifest(folder)
    record = manifest.data.get(target) if manifest is not None else None
    plan = record.get("plan") if isinstance(record, dict) else None
    return plan if isinstance(plan, str) else None


def export_status(folder: Path) -> Said | None:
    """Whether the export folder holds exactly the files its manifest lists (SHA-256), or
    None when there is no export yet. The caller has let ``files.recover`` finish or undo an
    interrupted export first."""

    manifest = read_manifest(folder)
    if manifest is None:
        return None
    sets = manifest.data.get("files")
    if not isinstance(sets, dict) or not sets:
        return Said("status_export_unlisted", {"folder": folder.name})
    missing, changed, count = [], [], 0
    for target in sorted(sets):
        for rel, digest in sorted(manifest.file_set(str(target)).items()):
            count += 1
            actual = _file_digest(folder, rel)
            if actual is None:
                missing.append(rel)
            elif actual != digest:
                changed.append(rel)
    if not missing and not changed:
        return Said("status_export_ok", {"count": count, "folder": folder.name})
    return Said(
        "status_export_mismatch",
        {
            "folder": folder.name,
            "missing": ", ".join(missing) or "-",
            "changed": ", ".join(changed) or "-",
        },
    )


def exposed_folder(folder: Path) -> Said | None:
    """A warning when other users of this machine can read ``folder`` (Linux, macOS): the
    roster and the exports in it hold CPR numbers. Windows' folder permissions are inherited
    and not shown by a mode (the README says what to do there)."""
    if os.name == "nt":
        return None
    try:
        mode = stat.S_IMODE(folder.stat().st_mode)
    except OSError:
        return None
    if not mode & (stat.S_IRGRP | stat.S_IROTH):
        return None
    return Said("status_folder_readable", {"mode": f"{mode:o}", "folder": shell_word(folder)})


def _file_digest(folder: Path, rel: str) -> str | None:
    """SHA-256 of a file an export listed, read in pieces (an export's files are small, but a
    file put in its place need not be); None when it is not a regular file inside ``folder``
    (never a FIFO, never outside)."""
    from dagplejecli.files import inside_folder

    if not inside_folder(folder, rel):
        return None
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(folder / rel, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        digest = hashlib.sha256()
        while chunk := os.read(fd, 1 << 20):
            digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


def _holds_kommune(path: Path) -> bool:
    """Whether a TOML file in the folder looks like a dagpleje configuration: a [kommune]
    table near its start (read no further than a few kilobytes)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError:
        return False
    return b"[kommune]" in head


def folder_status(folder: Path) -> tuple[Said, ...]:
    """One or two lines for people, as raw words: where this folder stands and what to run
    next."""
    from dagplejecli.config import load_config
    from dagplejecli.pipeline import replan
    from dagplejecli.rules.plan import freshness

    config_path = folder / CONFIG_NAME
    if not config_path.exists():
        # other configurations in the folder (a project per district): named, with --config
        others = sorted(p.name for p in folder.glob("*.toml") if _holds_kommune(p))[:5]
        if others:
            return (Said("status_other_configs", {"configs": ", ".join(others)}),)
        return (Said("status_no_config"),)
    try:
        config = load_config(config_path)
    except DagplejeError as exc:
        return (Said("status_bad_config", {"message": Said(exc.key, exc.params)}),)
    plan_path = folder / PLAN_NAME
    if not plan_path.exists():
        return (Said("status_no_plan"),)
    try:
        saved, planned = replan(config, plan_path, light=True)
    except DagplejeError as exc:
        return (Said("status_plan_broken", {"message": Said(exc.key, exc.params)}),)
    stale = freshness(saved, planned.roster, planned.plan)
    if stale:
        roster = " ".join(shell_word(p.name) for p in saved.roster_paths)
        return (Said("status_stale", {"reason": stale[0], "roster": roster}),)
    last = last_export(folder / EXPORT_FOLDER)
    lines = [Said("status_last_export", {"target": last[0], "time": last[1]})] if last else []
    numbered = all(a.institution_number for a in planned.plan.areas)
    exported = exported_plan(folder / EXPORT_FOLDER, "unilogin")
    if last and last[0] == "unilogin" and numbered and exported not in (None, saved.fingerprint):
        # the plan was made again since (the roster changed): what was exported is not it
        lines.append(Said("status_plan_not_exported"))
    elif last and last[0] == "unilogin" and numbered:
        lines.append(Said("status_done"))
    elif numbered:
        lines.append(Said("status_ready_unilogin"))
    elif last:
        lines.append(Said("status_after_dtr", {"command": plan_command(saved.roster_paths)}))
    else:
        lines.append(Said("status_ready"))
    return tuple(lines)
