"""The registers' files the user names → exports and DTR files, recognised by content.

``--unilogin`` and ``--dtr`` take files or folders (a folder: its ``.xml`` and ``.csv`` files).
Each file is recognised by what it holds, not by its name or the option it came with: XML with a
``UNILoginExport…`` root (bare or in its SOAP answer) is a Unilogin export, a CSV with DTR's
columns a DTR export. Anything else stops with a message naming the file (exit 2), before any
comparison: a comparison with a file that was not read would say «no difference» untruthfully.
Files are only read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dagplejecli.afstem.dtr_export import DtrFile, decode_csv, read_dtr
from dagplejecli.afstem.unilogin_export import (
    UniloginExport,
    find_export_root,
    parse_xml,
    read_export,
)
from dagplejecli.errors import DagplejeError
from dagplejecli.limits import MAX_DTR_BYTES, MAX_UNILOGIN_BYTES, check_input_file

FOLDER_SUFFIXES = (".xml", ".csv")


@dataclass(slots=True)
class Registers:
    exports: list[UniloginExport] = field(default_factory=list)
    dtr: list[DtrFile] = field(default_factory=list)

    @property
    def paths(self) -> list[Path]:
        return [e.path for e in self.exports] + [d.path for d in self.dtr]


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files as named, and a folder's ``.xml`` and ``.csv`` files in name order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in FOLDER_SUFFIXES and not p.name.startswith(".")
            )
            if not found:
                raise DagplejeError(
                    "afstem_folder_empty", where=str(path), hint="afstem_folder_empty_hint"
                )
            out += found
        elif not path.exists():
            raise DagplejeError("afstem_file_missing", where=str(path), hint="roster_missing_hint")
        else:
            out.append(path)
    return out


def _read_bytes(path: Path, limit: int) -> bytes:
    check_input_file(path, "input_register", limit)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DagplejeError(
            "afstem_file_unreadable", where=str(path), detail=exc.strerror or str(exc)
        ) from None


def read_file(path: Path, registers: Registers) -> None:
    """Recognise one file by its content and add what it holds to ``registers``."""
    # the larger limit first: which limit applies is known once the content is seen
    data = _read_bytes(path, max(MAX_UNILOGIN_BYTES, MAX_DTR_BYTES))
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        found = find_export_root(parse_xml(data, path), path)
        if found is None:
            raise DagplejeError(
                "afstem_not_register", where=str(path), hint="afstem_not_register_hint"
            )
        root, wrapped = found
        export = read_export(root, path, wrapped)
        if not export.institution_number:
            raise DagplejeError(
                "afstem_no_institution", where=str(path), hint="afstem_not_register_hint"
            )
        registers.exports.append(export)
        return
    if len(data) > MAX_DTR_BYTES:
        check_input_file(path, "input_register", MAX_DTR_BYTES)
    if b"\x00" in head or head.startswith(b"PK"):  # UTF-16, a workbook, an archive
        raise DagplejeError("afstem_not_register", where=str(path), hint="afstem_not_register_hint")
    registers.dtr.append(read_dtr(decode_csv(data, path), path))


def read_registers(unilogin: Sequence[Path], dtr: Sequence[Path]) -> Registers:
    """Every named file, read; two exports of one unit stop (which one holds is unclear)."""
    registers = Registers()
    seen: set[Path] = set()
    for path in expand([*unilogin, *dtr]):
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        read_file(path, registers)
    by_number: dict[str, UniloginExport] = {}
    for export in registers.exports:
        earlier = by_number.setdefault(export.institution_number, export)
        if earlier is not export:
            raise DagplejeError(
                "afstem_two_exports",
                where=f"{earlier.path}, {export.path}",
                hint="afstem_two_exports_hint",
                number=export.institution_number,
            )
    return registers
