"""Outputs never overwrite inputs: a target the user named is checked before anything is
written — not the roster, the configuration, the plan, a file an export wrote, the secret or an
export's lock, a folder, or anything but a regular file."""

from __future__ import annotations

from pathlib import Path

from dagplejecli.config import CONFIG_NAME
from dagplejecli.errors import DagplejeError
from dagplejecli.export.manifest import MANIFEST_NAME
from dagplejecli.files import check_target, resolved
from dagplejecli.secret import SECRET_NAME
from dagplejecli.status import EXPORT_FOLDER, read_manifest
from dagplejecli.wording import Said


def _same_file(a: Path, b: Path) -> bool:
    try:
        return resolved(a) == resolved(b) or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _folder_key(folder: Path) -> Path:
    """A folder as one path however it is written (itself when it cannot be resolved)."""
    try:
        return resolved(folder)
    except OSError:
        return folder


def exported_files(folder: Path) -> list[Path]:
    """Every file an export in ``folder`` wrote: its manifest and the sets the manifest lists."""
    manifest = folder / MANIFEST_NAME
    parsed = read_manifest(folder)
    if parsed is None:
        return []
    sets = parsed.data.get("files")
    listed = [
        folder / rel
        for target in (sets if isinstance(sets, dict) else {})
        for rel in parsed.file_set(str(target))
    ]
    return [manifest, *listed]


def not_an_input(option: str, out: Path, inputs: dict[str, Path | None]) -> None:
    """Refuse an output that is one of the ``inputs`` (role → path; a role may carry a
    number after «#» when it has several files: ``roster#1``)."""
    for role, path in inputs.items():
        if path is not None and _same_file(out, path):
            raise DagplejeError(
                "output_is_input",
                where=str(out),
                hint="output_is_input_hint",
                option=option,
                role=Said(f"input_{role.partition('#')[0]}"),  # «roster#2»: a roster's 2nd file
                path=path,
            )


def check_output(option: str, out: Path, inputs: dict[str, Path | None]) -> None:
    """Refuse (exit 2), before anything is written, an output ``out`` that is one of the
    ``inputs`` (role → path: roster, configuration, plan), a file an export wrote, a folder or
    anything but a regular file."""
    not_an_input(option, out, inputs)
    # the municipality's secret and an export's lock are dagpleje's own, wherever they lie
    if out.name == SECRET_NAME or out.name.endswith(".dagpleje-lock"):
        raise DagplejeError(
            "output_is_own_file", where=str(out), hint="output_is_input_hint", option=option
        )
    config = inputs.get("config") or Path(CONFIG_NAME)
    exports = {Path.cwd() / EXPORT_FOLDER, config.parent / EXPORT_FOLDER}
    # each folder once, however it is written (``eksport`` and the same folder by its full
    # path): a national export's manifest takes a while to read
    folders = {_folder_key(f): f for f in (out.parent, out.parent.parent, *exports)}
    for folder in folders.values():
        if any(_same_file(out, done) for done in exported_files(folder)):
            raise DagplejeError(
                "output_is_export", where=str(out), hint="output_is_input_hint", option=option
            )
    check_target(out)
