"""Raw cells from a spreadsheet or CSV file, with limits checked before anything is parsed."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from dagplejecli.errors import DagplejeError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
ZIP_SUFFIXES = (".xlsx", ".xlsm", ".ods")
SUFFIXES = (*WORKBOOK_SUFFIXES, ".csv")

# Limits checked before parsing, so that a zip bomb costs nothing. A roster of 10,000
# dagplejere and 40,000 children is about 10 MB uncompressed; these leave ample room.
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(slots=True)
class RawSheet:
    """One sheet's cells as Python values (str, float, int, bool, date, datetime or None)."""

    name: str
    rows: list[list[object]]


_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
# A formula cell without a cached value: <c r="B2" ...><f>…</f></c> (no <v>).
_FORMULA_WITHOUT_VALUE = re.compile(
    rb'<c r="([A-Z]{1,3}[0-9]+)"[^>]*>\s*'  # the cell and its reference
    rb"<f(?:\s[^>]*)?(?:/>|>[^<]*</f>)\s*"  # a formula
    rb"(?:<v\s*/>|<v></v>)?\s*</c>"  # and no value (or an empty one)
)


_ZIP_ERRORS = (zipfile.BadZipFile, OSError, ValueError, EOFError)


def _not_workbook(path: Path) -> DagplejeError:
    return DagplejeError("roster_not_workbook", where=str(path), hint="roster_not_workbook_hint")


def _check_zip(path: Path) -> None:
    """Size and number of parts from the zip directory alone (a zip bomb costs nothing), then
    the XML: all before calamine parses anything, with the zip opened once for both."""
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            _check_sizes(path, members)
            _check_xml(path, zf, members)
    except _ZIP_ERRORS:
        raise _not_workbook(path) from None


def _check_xml(path: Path, zf: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """No DTDs (entity bombs) anywhere; no formulas without a computed value in the sheets."""
    for m in members:
        if not m.filename.endswith((".xml", ".rels")):
            continue
        with zf.open(m) as fh:
            if _DTD.search(fh.read(4096)):
                raise DagplejeError("roster_xml_entities", where=f"{path} ({m.filename})")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return
    for m in members:
        if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml"):
            data = zf.read(m)
            hit = _FORMULA_WITHOUT_VALUE.search(data) if b"<f" in data else None
            if hit:
                sheet = _sheet_files(zf).get(m.filename, m.filename)  # only to name the cell
                raise DagplejeError(
                    "roster_formulas_without_values",
                    where=f"{path.name}, {sheet}!{hit.group(1).decode()}",
                    hint="roster_formulas_without_values_hint",
                )


def _sheet_files(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → sheet name, from workbook.xml and its relationships."""
    from defusedxml import ElementTree as SafeET

    try:
        book = SafeET.fromstring(zf.read("xl/workbook.xml"))
        rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, SafeET.ParseError):
        return {}
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for sheet in book.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet"):
        target = targets.get(sheet.get(rel_ns), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        out[part] = sheet.get("name", "")
    return out


def _check_sizes(path: Path, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_ZIP_MEMBERS:
        raise DagplejeError(
            "roster_too_many_members",
            where=str(path),
            count=len(members),
            limit=MAX_ZIP_MEMBERS,
        )
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise DagplejeError(
            "roster_too_large_unpacked",
            where=str(path),
            size_mb=total // (1024 * 1024),
            limit_mb=MAX_UNCOMPRESSED_BYTES // (1024 * 1024),
        )


def check_roster_path(path: Path) -> None:
    """The roster exists, is a file of a kind we read, and is not absurdly large."""
    if not path.exists():
        raise DagplejeError("roster_missing", where=str(path), hint="roster_missing_hint")
    if path.is_dir():
        raise DagplejeError("roster_is_dir", where=str(path))
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DagplejeError(
            "roster_bad_suffix",
            where=str(path),
            suffix=suffix or "(ingen)",
            kinds=", ".join(SUFFIXES),
        )
    size = path.stat().st_size
    if size == 0:
        raise DagplejeError("roster_empty_file", where=str(path))
    if size > MAX_FILE_BYTES:
        raise DagplejeError(
            "roster_too_large",
            where=str(path),
            size_mb=size // (1024 * 1024),
            limit_mb=MAX_FILE_BYTES // (1024 * 1024),
        )


def read_sheets(path: Path) -> list[RawSheet]:
    """Every sheet of the file. CSV files have one sheet, named after the file.

    A workbook's size, parts and XML are checked before it is parsed.
    """
    check_roster_path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [RawSheet(path.name, read_csv_rows(path))]
    if suffix in ZIP_SUFFIXES:
        _check_zip(path)
    return _read_workbook(path)


def _read_workbook(path: Path) -> list[RawSheet]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = []
        for name in workbook.sheet_names:
            # skip_empty_area=False keeps row 1 as row 1: cell references must not shift.
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            sheets.append(RawSheet(name, cast("list[list[object]]", rows)))  # no copy
    except Exception:  # calamine raises several types for broken files; all mean the same here
        raise DagplejeError(
            "roster_unreadable", where=str(path), hint="roster_not_workbook_hint"
        ) from None
    return sheets


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM) or Windows-1252, as Danish Excel writes CSV."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """Semicolon (Danish Excel), comma or tab: whichever splits the first lines most evenly."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ";", -1
    for delimiter in (";", ",", "\t"):
        counts = [len(next(csv.reader([line], delimiter=delimiter))) - 1 for line in lines]
        score = max(counts, default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_rows(path: Path) -> list[list[object]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DagplejeError("roster_unreadable_os", where=str(path), detail=exc.strerror) from None
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DagplejeError("roster_binary_csv", where=str(path), hint="roster_not_workbook_hint")
    text = decode_text(raw)
    delimiter = sniff_delimiter(text)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error:
        raise DagplejeError("roster_unreadable", where=str(path)) from None
