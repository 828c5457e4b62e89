"""Raw cells from a spreadsheet or CSV file, with limits checked before anything is parsed."""

from __future__ import annotations

import csv
import io
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from dagplejecli.errors import DagplejeError, os_detail
from dagplejecli.limits import (
    MAX_CELL_TEXT,
    MAX_CSV_FIELD,
    MAX_SHEET_CELLS,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    column_number,
)
from dagplejecli.messages import ui
from dagplejecli.model import column_letters

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
# A formula cell without a cached value: <c r="B2" ...><f>…</f></c> (no <v>); the reference
# may stand anywhere among the attributes (<c t="str" r="C4">).
_FORMULA_WITHOUT_VALUE = re.compile(
    rb'<c\s(?:[^>]*?\s)?r="([A-Z]{1,3}[0-9]+)"[^>]*>\s*'  # the cell and its reference
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
            if path.suffix.lower() == ".ods":
                for m in members:
                    if m.filename == "content.xml":
                        _check_ods_extent(path, zf.read(m))
    except _ZIP_ERRORS:
        raise _not_workbook(path) from None


# Any cell (or row) beyond column ZZ or row 999,999; the two-letter columns; each row's number.
# Excel separates attributes by one space; other whitespace takes the slower patterns.
_FAR = re.compile(rb' r="([A-Z]{3,}[0-9]+|[A-Z]*[0-9]{7,})"')
_FAR_ANY = re.compile(rb'\sr="([A-Z]{3,}[0-9]+|[A-Z]*[0-9]{7,})"')
_TWO_LETTERS = re.compile(rb' r="([A-Z]{2})[0-9]')
_TWO_LETTERS_ANY = re.compile(rb'\sr="([A-Z]{2})[0-9]')
# Column AA or beyond, or row 100,000 or beyond: only then is the extent worth working out
# (26 columns x 99,999 rows is far below the cell limit). One pass for a usual roster.
_WIDE_OR_LONG = re.compile(rb' r="(?:[A-Z]{2}|[A-Z]*[0-9]{6})')
_WIDE_OR_LONG_ANY = re.compile(rb'\sr="(?:[A-Z]{2}|[A-Z]*[0-9]{6})')
_ROW = re.compile(rb'<row\s[^>]*?r="([0-9]+)"')
_CELL_REF = re.compile(rb'<c\s(?:[^>]*?\s)?r="([A-Z]+[0-9]+)"')
_CHUNK = 1024 * 1024


def _has_dtd(zf: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """A DTD anywhere in the part, not only in its first bytes; read in chunks."""
    tail = b""
    with zf.open(member) as fh:
        while chunk := fh.read(_CHUNK):
            if _DTD.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _check_xml(path: Path, zf: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """No DTDs (entity bombs) anywhere; in the sheets, no extent beyond the limits and no
    formulas without a computed value."""
    xlsx = path.suffix.lower() in (".xlsx", ".xlsm")
    worksheets = [
        m
        for m in members
        if xlsx and m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml")
    ]
    for m in members:  # the worksheets are read whole below, and searched there
        if m.filename.endswith((".xml", ".rels")) and m not in worksheets and _has_dtd(zf, m):
            raise DagplejeError("roster_xml_entities", where=f"{path} ({m.filename})")
    for m in worksheets:
        data = zf.read(m)
        if _DTD.search(data):
            raise DagplejeError("roster_xml_entities", where=f"{path} ({m.filename})")
        _check_extent(path, zf, m.filename, data)
        if len(data) > MAX_CELL_TEXT:
            _check_long_text(path, zf, m.filename, data, worksheets)
        hit = _FORMULA_WITHOUT_VALUE.search(data) if b"<f" in data else None
        if hit:
            sheet = _sheet_files(zf).get(m.filename, m.filename)  # only to name the cell
            raise DagplejeError(
                "roster_formulas_without_values",
                where=f"{path.name}, {sheet}!{hit.group(1).decode()}",
                hint="roster_formulas_without_values_hint",
            )
    for m in members:
        if m.filename == "xl/sharedStrings.xml" and m.file_size > MAX_CELL_TEXT:
            _check_long_text(path, zf, m.filename, zf.read(m), worksheets)


_LONG_RUN = re.compile(rb">[^<]{%d,}<" % (MAX_CELL_TEXT + 1))


def _check_long_text(
    path: Path, zf: zipfile.ZipFile, part: str, data: bytes, worksheets: list[zipfile.ZipInfo]
) -> None:
    """No text longer than a cell can hold (Excel's and the registers' 32,767 characters):
    it would be cut without a word when written. Runs of bytes are candidates; characters
    are counted only for those."""
    from html import unescape

    for run in _LONG_RUN.finditer(data):
        text = unescape(run.group()[1:-1].decode("utf-8", "replace"))
        if len(text) <= MAX_CELL_TEXT:
            continue
        if part.startswith("xl/worksheets/"):
            cell = _CELL_REF.search(data, data.rfind(b"<c ", 0, run.start()))
            sheet = _sheet_files(zf).get(part, part)
            ref = f"{sheet}!{cell.group(1).decode()}" if cell else sheet
        else:  # a shared string: the cell that uses it
            ref = _shared_string_cell(zf, data.count(b"<si>", 0, run.start()) - 1, worksheets)
        raise DagplejeError(
            "roster_text_too_long",
            where=f"{path.name}, {ref}",
            hint="roster_text_too_long_hint",
            length=len(text),
            limit=MAX_CELL_TEXT,
        )


def _shared_string_cell(zf: zipfile.ZipFile, index: int, worksheets: list[zipfile.ZipInfo]) -> str:
    names = _sheet_files(zf)
    for m in worksheets:
        data = zf.read(m)
        for hit in re.finditer(rb"<v>%d</v>" % index, data):
            start = data.rfind(b"<c ", 0, hit.start())
            head = data[start : data.find(b">", start) + 1]
            cell = _CELL_REF.search(data, start)
            if b't="s"' in head and cell:
                return f"{names.get(m.filename, m.filename)}!{cell.group(1).decode()}"
    return "xl/sharedStrings.xml"


def _check_extent(path: Path, zf: zipfile.ZipFile, part: str, data: bytes) -> None:
    """Refuse a sheet whose farthest cell would make calamine allocate rows x columns cells
    beyond the limits (a stray cell at XFD1048576 in a small file asks for 512 GB)."""
    # Excel puts one space between attributes and no line break after the first line; other
    # whitespace (found with memchr, which is fast) takes the slower patterns
    odd = any(data.find(sep, 256) >= 0 for sep in (b"\n", b"\t", b"\r"))
    # rows without a number count too: calamine gives each its own row
    unnumbered = data.count(b"<row")
    if unnumbered <= 99_999 and not (_WIDE_OR_LONG_ANY if odd else _WIDE_OR_LONG).search(data):
        return
    far = (_FAR_ANY if odd else _FAR).search(data)
    stray = far.group(1).decode() if far else None
    if far is not None and stray is not None and stray.isdigit():  # a row: name its first cell
        cell = _CELL_REF.search(data, far.end())
        stray = cell.group(1).decode() if cell else f"A{stray}"
    if stray is None:
        two = set((_TWO_LETTERS_ANY if odd else _TWO_LETTERS).findall(data))
        columns = max((column_number(c.decode()) for c in two), default=26)
        rows = max(max((int(r) for r in _ROW.findall(data)), default=0), unnumbered)
        if rows > MAX_SHEET_ROWS or rows * columns > MAX_SHEET_CELLS:
            stray = _farthest_cell(data, rows, columns)
    if stray is not None:
        sheet = _sheet_files(zf).get(part, part)  # only to name the cell
        raise _too_large(path, sheet, stray)


def _too_large(path: Path, sheet: str, cell: str) -> DagplejeError:
    """A sheet whose farthest cell ``cell`` lies beyond the limits (named, with the limits)."""
    return DagplejeError(
        "roster_sheet_too_large",
        where=f"{path.name}, {sheet}!{cell}",
        hint="roster_sheet_too_large_hint",
        cell=cell,
        rows=MAX_SHEET_ROWS,
        columns=MAX_SHEET_COLUMNS,
        cells=MAX_SHEET_CELLS,
    )


# OpenDocument repeats a row or a cell with an attribute: a 7 KB file can claim a cell with
# text 200 columns wide on 200,000 rows, which calamine then builds (5 GB). LibreOffice repeats
# empty rows and cells by the million, which cost nothing; only repeats of content count.
_ODS_REPEAT = re.compile(rb'number-(?:rows|columns)-repeated="([0-9]{2,})"')
_ODS_TOKEN = re.compile(
    rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)\b([^>]*?)(/?)>"
)
_ODS_ROWS = re.compile(rb'number-rows-repeated="([0-9]+)"')
_ODS_COLUMNS = re.compile(rb'number-columns-repeated="([0-9]+)"')
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')


def _check_ods_extent(path: Path, data: bytes) -> None:
    """The extent of each table of an OpenDocument spreadsheet, counted from its repeats."""
    if not any(int(m.group(1)) >= 50 for m in _ODS_REPEAT.finditer(data)):
        return  # no repeat worth counting: the extent is the size of the XML
    sheet, row, col, row_filled, max_row, max_col, repeat = "", 0, 0, False, 0, 0, 1
    for tok in _ODS_TOKEN.finditer(data):
        closing, kind, attrs, empty = tok.group(1), tok.group(2), tok.group(3), tok.group(4)
        if kind == b"table" and not closing:
            named = _ODS_NAME.search(attrs)
            sheet = named.group(1).decode("utf-8", "replace") if named else ""
            row = max_row = max_col = 0
        elif kind == b"table-row" and not closing:
            rows = _ODS_ROWS.search(attrs)
            repeat = int(rows.group(1)) if rows else 1
            col, row_filled = 0, False
            if empty:
                row += repeat
        elif kind == b"table-row" and closing:
            row += repeat
            if row_filled:
                max_row = row
        elif kind in (b"table-cell", b"covered-table-cell") and not closing:
            columns = _ODS_COLUMNS.search(attrs)
            col += int(columns.group(1)) if columns else 1
            if not empty or b"value-type" in attrs:
                row_filled, max_col = True, max(max_col, col)
        if (
            max_row > MAX_SHEET_ROWS
            or max_col > MAX_SHEET_COLUMNS
            or (max_row * max_col > MAX_SHEET_CELLS)
        ):
            raise _too_large(path, sheet, f"{column_letters(max_col) or 'A'}{max_row}")


def _farthest_cell(data: bytes, rows: int, columns: int) -> str:
    """The reference of a cell in the last row (too many rows) or the last column."""
    if rows > MAX_SHEET_ROWS or columns <= 26:
        at = re.search(rb'<row\s(?:[^>]*?\s)?r="%d"' % rows, data)
        hit = _CELL_REF.search(data, at.end()) if at else None
        return hit.group(1).decode() if hit else f"A{rows}"
    letters = column_letters(columns) or "A"
    hit = re.search(rb'<c\s(?:[^>]*?\s)?r="(%s[0-9]+)"' % letters.encode(), data)
    return hit.group(1).decode() if hit else f"{letters}1"


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


def check_zip_sizes(path: Path) -> None:
    """Size and number of parts of any zip-based workbook, from its directory alone."""
    try:
        with zipfile.ZipFile(path) as zf:
            _check_sizes(path, zf.infolist())
    except _ZIP_ERRORS:
        raise _not_workbook(path) from None


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
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DagplejeError("roster_missing", where=str(path), hint="roster_missing_hint") from None
    except OSError as exc:  # e.g. a folder on the way that may not be searched
        raise DagplejeError(
            "roster_unreadable_os", where=str(path), detail=os_detail(exc)
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise DagplejeError("roster_is_dir", where=str(path))
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block, a device never end
        raise DagplejeError(
            "input_not_regular",
            where=str(path),
            hint="input_not_regular_hint",
            what=ui("input_roster"),
        )
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DagplejeError(
            "roster_bad_suffix",
            where=str(path),
            suffix=suffix or "(ingen)",
            kinds=", ".join(SUFFIXES),
        )
    size = info.st_size
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
        counts = []
        for line in lines:
            try:
                counts.append(len(next(csv.reader([line], delimiter=delimiter))) - 1)
            except csv.Error:  # e.g. a field over the limit: reading reports it, with its line
                continue
        score = max(counts, default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_rows(path: Path) -> list[list[object]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DagplejeError(
            "roster_unreadable_os", where=str(path), detail=os_detail(exc)
        ) from None
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DagplejeError("roster_binary_csv", where=str(path), hint="roster_not_workbook_hint")
    try:
        text = decode_text(raw)
    except UnicodeDecodeError as exc:  # UTF-16 with a byte missing or a broken pair
        raise DagplejeError(
            "roster_bad_utf16", where=str(path), hint="roster_bad_utf16_hint", byte=exc.start
        ) from None
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows: list[list[object]] = [list(row) for row in reader]
    except csv.Error as exc:
        where = f"{path.name}, {ui('line')} {reader.line_num}"
        if "field larger than field limit" in str(exc):
            raise DagplejeError(
                "roster_csv_field_too_long",
                where=where,
                hint="roster_csv_field_too_long_hint",
                limit=MAX_CSV_FIELD,
            ) from None
        raise DagplejeError("roster_unreadable", where=where) from None
    for number, row in enumerate(rows, start=1):
        if row and max(map(len, cast("list[str]", row))) > MAX_CELL_TEXT:
            column = max(range(len(row)), key=lambda i: len(cast("str", row[i])))
            raise DagplejeError(
                "roster_text_too_long",
                where=f"{path.name}, {ui('line')} {number}, {ui('column')} {column + 1}",
                hint="roster_text_too_long_hint",
                length=len(cast("str", row[column])),
                limit=MAX_CELL_TEXT,
            )
    return rows
