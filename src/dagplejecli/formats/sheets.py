"""Raw cells from a spreadsheet or CSV file, with limits checked before anything is parsed
(a workbook's zip and XML by ``formats/bounded.py``, an .xls's compound file and records by
``formats/xls.py``, a CSV's lines and fields here)."""

from __future__ import annotations

import bisect
import csv
import hashlib
import io
import os
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from dagplejecli.errors import DagplejeError, os_detail
from dagplejecli.formats.bounded import CHUNK, ZIP_SUFFIXES, check_zip, too_large
from dagplejecli.formats.xls import check_xls, is_compound
from dagplejecli.limits import (
    MAX_CELL_TEXT,
    MAX_CSV_FIELD,
    MAX_SHEET_CELLS,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
)
from dagplejecli.model import column_letters
from dagplejecli.wording import Place, Said

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = (*WORKBOOK_SUFFIXES, ".csv")

# The largest file read (a roster of 10,000 dagplejere is a few MB).
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(slots=True)
class RawSheet:
    """One sheet's cells as Python values (str, float, int, bool, date, datetime or None)."""

    name: str
    rows: list[list[object]]
    file: str = ""  # the file it was read from (a roster may be several files)
    hidden: bool = False  # hidden in the workbook (a lookup list): never proposed for a role
    # Sheets alike read as one (roster/joined.py): each part, the index of its first row
    # here, and that row's number in the part; in the order of their rows.
    parts: list[tuple[RawSheet, int, int]] = field(default_factory=list)
    # each part's title block fields read as columns: (column here, row, column there)
    titles: dict[str, tuple[tuple[int, int, int], ...]] = field(default_factory=dict)
    # a part whose columns stand in another order than the first's: each column's own there
    orders: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # rows (by number) with cells that stand elsewhere: (column, row, its own column), a
    # grouped report's heading read on each row under it (roster/grouped.py)
    elsewhere: dict[int, tuple[tuple[int, int, int], ...]] = field(default_factory=dict)
    source: RawSheet | None = None  # the sheet this one reads with a column added, if any

    def origin(self, row_no: int) -> tuple[RawSheet, int]:
        """The sheet row ``row_no`` (1-based) of this one stands in, and its number there."""
        if not self.parts:
            return self, row_no
        starts = [start for _, start, _ in self.parts]
        part, start, first = self.parts[bisect.bisect_right(starts, row_no - 1) - 1]
        return part, first + row_no - 1 - start

    def holds(self, sheet: RawSheet) -> bool:
        """Whether ``sheet`` is this one or one of its parts."""
        parts = (p for part, _, _ in self.parts for p in (part, part.source))
        return sheet is self or sheet is self.source or any(sheet is p for p in parts)


def _normalise_cells(sheets: list[RawSheet]) -> None:
    """Every text cell in NFC: the one normalisation at the door (``Åby`` typed and ``Åby``
    decomposed by a Mac are one word to every rule)."""
    for sheet in sheets:
        for row in sheet.rows:
            for i, value in enumerate(row):
                if type(value) is str and not value.isascii():
                    row[i] = unicodedata.normalize("NFC", value)


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
            what=Said("input_roster"),
        )
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DagplejeError(
            "roster_bad_suffix",
            where=str(path),
            suffix=suffix or Said("no_suffix"),
            kinds=", ".join(SUFFIXES),
        )
    size = info.st_size
    if size == 0:
        raise DagplejeError("roster_empty_file", where=str(path))
    if size > MAX_FILE_BYTES:
        raise _file_too_large(path, size)


def _file_too_large(path: Path, size: int) -> DagplejeError:
    return DagplejeError(
        "roster_too_large",
        where=str(path),
        size_mb=size // (1024 * 1024),
        limit_mb=MAX_FILE_BYTES // (1024 * 1024),
    )


class Sheets(list[RawSheet]):
    """Sheets, and for each file they were read from the SHA-256 of the very bytes they were
    parsed from (a file replaced while it is read — Excel saves by rename — cannot give the
    new file's hash to the old content)."""

    digests: dict[str, str]

    def __init__(self, sheets: list[RawSheet] | None = None) -> None:
        super().__init__(sheets or [])
        self.digests = {}


def read_sheets(path: Path) -> Sheets:
    """Every sheet of the file. CSV files have one sheet, named after the file.

    The file is read once, as bytes of bounded size; a workbook's size, parts and XML are
    checked on those bytes (``check_zip``; an .xls's compound file and records by
    ``check_xls``), and calamine parses the same bytes.
    """
    check_roster_path(path)
    raw = _read_once(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        sheets = Sheets([RawSheet(path.name, read_csv_rows(path, raw), path.name)])
    else:
        if suffix == ".xls" or is_compound(raw):  # calamine tries .xls first, whatever the name
            check_xls(path, raw)
        mixed = check_zip(path, raw) if suffix in ZIP_SUFFIXES else True
        sheets = Sheets(_read_workbook(path, raw))
        if mixed:
            _normalise_cells(sheets)
    sheets.digests = {str(path): hashlib.sha256(raw).hexdigest()}
    return sheets


def sheets_sha256(sheets: list[RawSheet], path: Path) -> str:
    """The SHA-256 of the bytes of ``path`` that ``sheets`` were read from (the file's, read
    in pieces, for sheets that do not know it)."""
    known = sheets.digests.get(str(path)) if isinstance(sheets, Sheets) else None
    if known:
        return known
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _read_once(path: Path) -> bytes:
    """The file's bytes, from one open: a regular file (checked on the open file, not the name
    before it) of at most ``MAX_FILE_BYTES``."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise DagplejeError(
            "roster_unreadable_os", where=str(path), detail=os_detail(exc)
        ) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DagplejeError(
                "input_not_regular",
                where=str(path),
                hint="input_not_regular_hint",
                what=Said("input_roster"),
            )
        chunks, size = [], 0
        while chunk := os.read(fd, CHUNK):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                raise _file_too_large(path, size)
        return b"".join(chunks)
    except OSError as exc:
        raise DagplejeError(
            "roster_unreadable_os", where=str(path), detail=os_detail(exc)
        ) from None
    finally:
        os.close(fd)


def _read_workbook(path: Path, raw: bytes) -> list[RawSheet]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        names = [meta.name for meta in workbook.sheets_metadata]
        if len(set(names)) != len(names):
            # two sheets of one name (a workbook never has them): each would be read as the
            # one calamine keeps for the name, as often as the name is given
            raise DagplejeError(
                "roster_not_workbook", where=str(path), hint="roster_not_workbook_hint"
            )
        sheets = []
        for meta in workbook.sheets_metadata:
            name = meta.name
            # skip_empty_area=False keeps row 1 as row 1: cell references must not shift.
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            hidden = str(meta.visible).rsplit(".", 1)[-1].lower() != "visible"
            # no copy of the rows
            sheets.append(RawSheet(name, cast("list[list[object]]", rows), path.name, hidden))
    except DagplejeError:
        raise
    except Exception:  # calamine raises several types for broken files; all mean the same here
        raise DagplejeError(
            "roster_unreadable", where=str(path), hint="roster_not_workbook_hint"
        ) from None
    except BaseException as exc:
        # a panic in calamine (a file it reads past its end, say) reaches Python as pyo3's
        # PanicException, which is not an Exception: the file is as unreadable as any other
        if type(exc).__name__ != "PanicException":
            raise
        raise DagplejeError(
            "roster_unreadable", where=str(path), hint="roster_not_workbook_hint"
        ) from None
    return sheets


def decode_text(raw: bytes, name: str = "") -> str:
    """UTF-16 (with its BOM), else UTF-8 (with or without BOM) when every line is, else
    Windows-1252 as Danish Excel writes CSV. A file whose lines disagree — some UTF-8 with
    letters beyond ASCII, others not UTF-8 at all — is an error naming the first line that
    breaks from the lines before it (decoding it all as either would garble half of it)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    first: str | None = None  # the encoding the first line beyond ASCII is in
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            kind = "utf-8"
        except UnicodeDecodeError:
            kind = "cp1252"
        if first is None:
            first = kind
        elif kind != first:
            raise DagplejeError(
                "roster_mixed_encoding",
                where=Place(name, line=number),
                hint="roster_mixed_encoding_hint",
                first=first.upper(),
                other=kind.upper(),
            )
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
        return raw.decode("latin-1")


_DELIMITERS = (";", ",", "\t")


def sniff_delimiter(text: str) -> str:
    """Semicolon (Danish Excel), comma or tab: the one that splits the first lines alike, as
    ``csv.Sniffer`` judges it — the most lines with the same number of fields (two or more),
    then more fields — never the one that splits a single line most (a note full of commas
    above a semicolon header)."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ";", (0, 0)
    for delimiter in _DELIMITERS:
        counts: Counter[int] = Counter()
        for line in lines:
            try:
                fields = len(next(csv.reader([line], delimiter=delimiter)))
            except csv.Error:  # e.g. a field over the limit: reading reports it, with its line
                continue
            if fields > 1:
                counts[fields] += 1
        if not counts:
            continue
        width, lines_alike = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if (lines_alike, width) > best_score:
            best, best_score = delimiter, (lines_alike, width)
    return best


def read_csv_rows(path: Path, raw: bytes | None = None) -> list[list[object]]:
    """The rows of a CSV file (``raw``: its bytes, when already read), the limits of a sheet
    counted while the csv module reads them: no row is kept beyond them."""
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise DagplejeError(
                "roster_unreadable_os", where=str(path), detail=os_detail(exc)
            ) from None
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DagplejeError("roster_binary_csv", where=str(path), hint="roster_not_workbook_hint")
    try:
        text = decode_text(raw, path.name)
    except UnicodeDecodeError as exc:  # UTF-16 with a byte missing or a broken pair
        raise DagplejeError(
            "roster_bad_utf16", where=str(path), hint="roster_bad_utf16_hint", byte=exc.start
        ) from None
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)  # one normalisation at the door
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[object]] = []
    widest = 0
    try:
        for row in reader:
            number = len(rows) + 1
            widest = max(widest, len(row))
            if (
                len(row) > MAX_SHEET_COLUMNS
                or number > MAX_SHEET_ROWS
                or number * widest > MAX_SHEET_CELLS
            ):
                cell = f"{column_letters(max(len(row), 1))}{number}"
                raise too_large(path, path.name, cell)
            if row and max(map(len, row)) > MAX_CELL_TEXT:
                column = max(range(len(row)), key=lambda i: len(row[i]))
                raise DagplejeError(
                    "roster_text_too_long",
                    where=Place(path.name, line=number, column=column + 1),
                    hint="roster_text_too_long_hint",
                    length=len(row[column]),
                    limit=MAX_CELL_TEXT,
                )
            rows.append(list(row))
    except csv.Error as exc:
        where = Place(path.name, line=reader.line_num)
        if "field larger than field limit" in str(exc):
            raise DagplejeError(
                "roster_csv_field_too_long",
                where=where,
                hint="roster_csv_field_too_long_hint",
                limit=MAX_CSV_FIELD,
            ) from None
        raise DagplejeError("roster_unreadable", where=where) from None
    return rows


def read_roster_sheets(paths: list[Path]) -> Sheets:
    """Every sheet of every file, read as one workbook: a CSV is one sheet named by its file;
    a sheet name that two files share is told apart by its file («Ark1 (b.xlsx)»)."""
    from dagplejecli.files import resolved

    seen: dict[Path, Path] = {}
    for path in paths:
        try:
            key = resolved(path)
        except OSError:  # a loop of links: reading it says so
            key = path.absolute()
        same = seen.setdefault(key, path)
        if same is not path:
            raise DagplejeError(
                "roster_file_twice", where=str(path), hint="roster_file_twice_hint", path=path
            )
    sheets = Sheets()
    read: list[tuple[Path, RawSheet]] = []
    for path in paths:
        file_sheets = read_sheets(path)
        if any(_is_plan_metadata(sheet) for sheet in file_sheets):
            # dagpleje's own plan (given by a wildcard, say): never read as a roster
            raise DagplejeError("roster_is_plan", where=str(path), hint="roster_is_plan_hint")
        sheets.digests.update(file_sheets.digests)
        read += [(path, sheet) for sheet in file_sheets]
    names = [s.name for _, s in read]
    files = [s.file for _, s in read]
    for path, sheet in read:
        if names.count(sheet.name) > 1:
            # a sheet name two files share: told apart by its file, or with its folder's name
            # when the files share a name too («boern.csv (nord/boern.csv)»), the same
            # however the path is written (the plan keeps it absolute)
            where = f"{path.parent.name}/{path.name}" if files.count(sheet.file) > 1 else sheet.file
            sheet.name = f"{sheet.name} ({where})"
    sheets.extend(sheet for _, sheet in read)
    return sheets


# The keys of the plan's Metadata sheet, the same in every language (planfile.py)
_PLAN_KEYS = frozenset({"roster_sha256", "plan_fingerprint", "konfiguration_sha256"})


def _is_plan_metadata(sheet: RawSheet) -> bool:
    """The Metadata sheet dagpleje writes in its plan."""
    if sheet.name != "Metadata":
        return False
    keys = {row[0] for row in sheet.rows[:40] if row and isinstance(row[0], str)}
    return len(keys & _PLAN_KEYS) >= 2
