"""An .xls workbook (Excel 97-2003: BIFF records in an OLE2 compound file) checked against
``limits.py`` before calamine parses it.

calamine parses the whole of an .xls when it opens it: it finds the workbook stream in the
compound file, reads the workbook's global records, and then builds every sheet as a dense
grid from its smallest to its largest row and column that a cell record names (and a grid of
formula texts from the formula records). A file of a few KB whose sheets each name A1 and
IV65536 so costs gigabytes. Here the same bytes are read the way calamine 0.37 reads them
(``src/cfb.rs``, ``src/xls.rs``), and what it would build is counted as it is read:

- the compound file: its header, the DIFAT, the FAT, the directory, the mini stream and the
  workbook stream, each chain followed with a hard bound. A sector twice in a chain, a sector
  outside the file, a chain leading out of the FAT is refused: calamine would loop for ever,
  read the same sectors again up to a length the file gives, or panic;
- the workbook's global records up to their EOF: the sheets' offsets and names, the BIFF
  version and codepage, the shared strings (read across their CONTINUE records);
- each sheet's records from its offset to the EOF that ends it, as calamine walks them: the
  extent of its cells (the records calamine turns into cells: NUMBER, RK, MULRK, LABEL,
  RSTRING, LABELSST, BOOLERR, FORMULA and the STRING after a formula; not BLANK, MULBLANK or
  ROW), the room a DIMENSIONS record makes calamine reserve, every cell's text (a shared
  string counted for every cell that shows it), and the work of writing each formula as text.

Anything calamine could not read, or would read only by failing part-way (a record shorter
than calamine takes it to be, a record running past the stream), is refused as not a workbook.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from dagplejecli.errors import DagplejeError
from dagplejecli.formats.bounded import book_too_large, too_large
from dagplejecli.limits import (
    MAX_CELL_TEXT,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    MAX_XLS_FILE_BYTES,
    MAX_XLS_SHEET_CELLS,
    MAX_XLS_WORKBOOK_CELLS,
    MAX_XLS_WORKBOOK_TEXT,
)
from dagplejecli.model import column_letters

_U16 = struct.Struct("<H")
_U32 = struct.Struct("<I")
_PAIR = struct.Struct("<HH")  # a record's type and length; a cell's row and column

# --- The compound file (MS-CFB) -----------------------------------------------------------------
_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENDOFCHAIN = 0xFFFFFFFE
_DIFSECT = 0xFFFFFFFC
_MARKERS = 0xFFFFFFFA  # sector numbers from here on are markers, never sectors
_MINI_CUTOFF = 4096  # a stream shorter than this is stored in the mini stream
_MINI_SECTOR = 64
_ENTRY = 128  # a directory entry
# calamine reads the first of these streams it finds, in this order
_STREAM_NAMES = ("Workbook", "Book", "WORKBOOK", "BOOK")
# calamine reserves room for as many DIFAT entries (4 bytes each) as the 4 bytes at offset 62
# of the header say, before it reads a sector. Those bytes are the top of the mini FAT's first
# sector and the bottom of its length, so a file whose mini FAT has n sectors has about n x
# 65,536 there: up to 64 MB (a mini FAT of 255 sectors, 2 MB of small streams) is believed
_MAX_HEADER_RESERVE = 1 << 24

# --- BIFF records (MS-XLS) ----------------------------------------------------------------------
_FORMULA = 0x0006
_EOF = 0x000A
_EXTERNSHEET = 0x0017
_LBL = 0x0018
_DATEMODE = 0x0022
_FILEPASS = 0x002F
_CONTINUE = 0x003C
_CODEPAGE = 0x0042
_BOUNDSHEET = 0x0085
_MULRK = 0x00BD
_RSTRING = 0x00D6
_XF = 0x00E0
_MERGECELLS = 0x00E5
_SST = 0x00FC
_LABELSST = 0x00FD
_DIMENSIONS = 0x0200
_NUMBER = 0x0203
_LABEL = 0x0204
_BOOLERR = 0x0205
_STRING = 0x0207
_RK = 0x027E
_BOF = 0x0809

# The global records whose first bytes calamine reads without looking how many there are
_GLOBAL_BYTES = {_FILEPASS: 2, _CODEPAGE: 2, _DATEMODE: 2, _BOF: 2, _XF: 4, _EXTERNSHEET: 2}
# The global records calamine reads (and the EOF that ends them)
_GLOBAL_RECORDS = frozenset({*_GLOBAL_BYTES, _EOF, _BOUNDSHEET, _LBL, _SST})
# The records calamine makes one cell of, and the bytes it reads of each (fewer is an error)
_CELL_RECORDS = {_NUMBER: 14, _RK: 10, _LABELSST: 10, _BOOLERR: 8, _LABEL: 6, _RSTRING: 6}
# The records a sheet's walk looks at
_SHEET_RECORDS = frozenset(
    {*_CELL_RECORDS, _BOF, _EOF, _MULRK, _STRING, _FORMULA, _DIMENSIONS, _MERGECELLS}
)
_ERROR_CODES = frozenset({0x00, 0x07, 0x0F, 0x17, 0x1D, 0x24, 0x2A, 0x2B})

# calamine takes each CONTINUE record of the shared strings from the front of a list, which
# costs it their number squared; a writer fills each to 8,224 bytes, so a workbook within
# MAX_XLS_FILE_BYTES has fewer than 8,200 of them
_MAX_SST_CONTINUES = 16_384
# calamine holds every shared string (24 bytes and its text) while it reads the sheets
_MAX_SST_STRINGS = 4_000_000
# The records calamine walks, the globals' and every sheet's from its offset together (a sheet
# without an EOF is walked to the end of the stream, through the sheets after it): a workbook
# within the limits has fewer than 7 million
_MAX_RECORDS = 20_000_000
# calamine writes every formula as text when it opens the file, inserting characters one by
# one (a space token inserts up to 255), each insert moving the text after it. The work is
# counted as (tokens + inserted characters) x the formula's longest text, all formulas
# together (about 10^11 a second), and the texts' bytes against the workbook's text. A
# formula calamine cannot read (its stack of operands is not followed here) becomes a message
# of up to about 100 bytes, so each counts as that much at least
_MAX_FORMULA_WORK = 10_000_000_000
_FORMULA_ERROR_TEXT = 100
_FUNCTION_TEXT = 18 + 2 + 255  # the longest function name, its parentheses, 255 commas
_NUMBER_TEXT = 330  # a float written out in full (1e308 is 309 digits)

# Codepages calamine decodes a BIFF5 string's bytes in as they stand (a single-byte one, or
# UTF-8: at most a character a byte); for any other it widens each byte to two first. The
# UTF-16 ones make a character of every two bytes
_SINGLE_BYTE = frozenset(
    {866, 874, 10000, 10007, 20866, 21866, 65001, *range(1250, 1259), *range(28591, 28606)}
)
_UTF16 = frozenset({1200, 1201})


class _Malformed(Exception):
    """Something calamine could not read as an .xls, or would read only by failing."""


def is_compound(raw: bytes) -> bool:
    """Whether ``raw`` begins as a compound file: calamine then reads it as an .xls, whatever
    the file is called (it tries .xls before any other kind)."""
    return raw.startswith(_SIGNATURE)


def check_xls(path: Path, raw: bytes) -> None:
    """The .xls in ``raw`` (the bytes of ``path``) within every limit, or exit 2 naming the
    file (and the sheet and the cell that cross a limit)."""
    if len(raw) > MAX_XLS_FILE_BYTES:  # calamine holds it about six times over
        raise DagplejeError(
            "roster_too_large",
            where=str(path),
            hint="roster_xls_too_large_hint",
            size_mb=len(raw) // (1024 * 1024),
            limit_mb=MAX_XLS_FILE_BYTES // (1024 * 1024),
        )
    try:
        _Book(path, _Compound(raw).workbook()).check()
    except (_Malformed, struct.error, IndexError):
        raise DagplejeError(
            "roster_not_workbook", where=str(path), hint="roster_not_workbook_hint"
        ) from None


# --- The compound file ---------------------------------------------------------------------------


class _Compound:
    """An OLE2 compound file, read as calamine's ``Cfb::new`` and ``Cfb::get_stream`` do."""

    def __init__(self, raw: bytes) -> None:
        if len(raw) < 512 or raw[:8] != _SIGNATURE:
            raise _Malformed
        shift, mini_shift = struct.unpack_from("<HH", raw, 30)
        if shift not in (9, 12) or mini_shift != 6:
            raise _Malformed
        self.raw = memoryview(raw)
        self.size = 1 << shift
        if len(raw) < self.size:  # the header takes the first sector
            raise _Malformed
        self.entries_per_sector = self.size // 4  # FAT entries in a sector
        # the sectors the file holds (a last one cut short counts: a stream may end in it)
        self.sectors = -(-(len(raw) - self.size) // self.size)
        version = _U16.unpack_from(raw, 26)[0]
        fat_sectors, dir_start = struct.unpack_from("<II", raw, 44)
        mini_fat_start, mini_fat_sectors, difat_start = struct.unpack_from("<III", raw, 60)
        # room calamine reserves before it reads a sector
        if fat_sectors > self.sectors or _U32.unpack_from(raw, 62)[0] > _MAX_HEADER_RESERVE:
            raise _Malformed
        self.fat = self._fat(list(struct.unpack_from("<109I", raw, 76)), difat_start)
        self.directory = self._stream(dir_start, 1 << 62, whole=True)
        if len(self.directory) < _ENTRY:
            raise _Malformed
        root_start, root_size = self._entry(0)[1:]
        if version != 3 and root_start == _ENDOFCHAIN:
            raise _Malformed
        self.mini_stream = self.mini_fat = memoryview(b"")
        if mini_fat_sectors > 0:  # calamine reads both, whatever the workbook needs
            self.mini_stream = self._stream(root_start, root_size)
            self.mini_fat = self._stream(mini_fat_start, mini_fat_sectors * self.size)

    def _sector(self, sector: int, whole: bool = True) -> memoryview:
        """A sector's bytes. One outside the file is refused (calamine stops with an error, or
        panics on the one just past the end), and so is one cut short where it must be whole."""
        start = self.size + sector * self.size
        if sector >= _MARKERS or start >= len(self.raw):
            raise _Malformed
        if whole and start + self.size > len(self.raw):
            raise _Malformed
        return self.raw[start : start + self.size]

    def _fat(self, difat: list[int], sector: int) -> list[int]:
        """The FAT's sectors as calamine finds them: the header's 109 entries, then a chain of
        DIFAT sectors (each one's last entry names the next). A DIFAT chain that comes back to
        a sector is refused (calamine would loop for ever, its list growing), as are more FAT
        sectors than the file has sectors (calamine reads each, duplicates too)."""
        seen: set[int] = set()
        while sector < _MARKERS:
            if sector in seen or len(difat) > 109 + self.sectors + self.entries_per_sector:
                raise _Malformed
            seen.add(sector)
            difat.extend(struct.unpack_from(f"<{self.entries_per_sector}I", self._sector(sector)))
            sector = difat.pop()
        fat = [s for s in difat if s < _DIFSECT]
        if len(fat) > self.sectors:
            raise _Malformed
        for s in fat:
            self._sector(s)
        return fat

    def _next(self, sector: int) -> int:
        """The FAT's entry for ``sector``: the next sector of its chain."""
        index, at = divmod(sector, self.entries_per_sector)
        if index >= len(self.fat):  # beyond the FAT: calamine panics
            raise _Malformed
        return int(_U32.unpack_from(self._sector(self.fat[index]), 4 * at)[0])

    def _stream(self, sector: int, length: int, whole: bool = False) -> memoryview:
        """The chain from ``sector`` until its end or ``length`` bytes, as calamine's
        ``get_chain`` reads it (one sector even for a length of 0). A sector twice is refused:
        calamine would read the loop again and again (for ever, or up to ``length``)."""
        pieces: list[memoryview] = []
        got = 0
        seen: set[int] = set()
        while sector != _ENDOFCHAIN:
            if sector in seen:
                raise _Malformed
            seen.add(sector)
            data = self._sector(sector, whole)
            take = min(len(data), length - got)
            pieces.append(data[:take])
            got += take
            if got >= length:
                break
            sector = self._next(sector)
        return _joined(pieces)

    def _entry(self, index: int) -> tuple[str, int, int]:
        """A directory entry's name (as calamine decodes it), first sector and size."""
        at = index * _ENTRY
        name = _entry_name(bytes(self.directory[at : at + 64]))
        start = _U32.unpack_from(self.directory, at + 116)[0]
        if self.size == 512:
            size = _U32.unpack_from(self.directory, at + 120)[0]
        else:
            size = struct.unpack_from("<Q", self.directory, at + 120)[0]
        return name, start, size

    def workbook(self) -> memoryview:
        """The stream calamine reads as the workbook: the first entry (in the directory's
        order, whatever its kind) named as the first of ``_STREAM_NAMES`` that one is."""
        found: dict[str, int] = {}
        for index in range(len(self.directory) // _ENTRY):
            name = self._entry(index)[0]
            if name in _STREAM_NAMES:
                found.setdefault(name, index)
        for wanted in _STREAM_NAMES:
            if wanted in found:
                _, start, size = self._entry(found[wanted])
                if size >= _MINI_CUTOFF:
                    return self._stream(start, size)
                return self._mini_stream(start, size)
        raise _Malformed

    def _mini_stream(self, sector: int, length: int) -> memoryview:
        """A small stream: 64-byte sectors of the mini stream, chained by the mini FAT."""
        pieces: list[memoryview] = []
        got = 0
        seen: set[int] = set()
        while sector != _ENDOFCHAIN:
            start = sector * _MINI_SECTOR
            if sector in seen or start + _MINI_SECTOR > len(self.mini_stream):
                raise _Malformed
            seen.add(sector)
            take = min(_MINI_SECTOR, length - got)
            pieces.append(self.mini_stream[start : start + take])
            got += take
            if got >= length:
                break
            if 4 * (sector + 1) > len(self.mini_fat):  # beyond the mini FAT: calamine panics
                raise _Malformed
            sector = _U32.unpack_from(self.mini_fat, 4 * sector)[0]
        return _joined(pieces)


def _joined(pieces: list[memoryview]) -> memoryview:
    """The pieces as one (without a copy when there is one)."""
    return pieces[0] if len(pieces) == 1 else memoryview(b"".join(pieces))


def _entry_name(data: bytes) -> str:
    """A directory entry's name as calamine reads it: its 64 bytes decoded as UTF-16LE (or as
    a byte order mark at their start says, as ``encoding_rs`` decodes), up to the first NUL."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", "replace")
    elif data.startswith(b"\xfe\xff"):
        text = data[2:].decode("utf-16-be", "replace")
    elif data.startswith(b"\xff\xfe"):
        text = data[2:].decode("utf-16-le", "replace")
    else:
        text = data.decode("utf-16-le", "replace")
    return text.split("\x00", 1)[0]


# --- The workbook's records -----------------------------------------------------------------------


@dataclass(slots=True)
class _Sheet:
    """What calamine builds for one sheet: its cells (from A1, as they are read) and the grid
    of its formulas (from the first to the last row and column a formula names)."""

    name: str
    rows: int = 0  # the farthest row a cell names (1-based; 0 for none)
    columns: int = 0
    cells: int = 0  # the cell records: calamine holds each until the grid is built
    formulas: int = 0
    formula_rows: tuple[int, int] = (1 << 32, -1)
    formula_columns: tuple[int, int] = (1 << 32, -1)

    def formula_grid(self) -> int:
        if self.formulas == 0:
            return 0
        rows = self.formula_rows[1] - self.formula_rows[0] + 1
        return rows * (self.formula_columns[1] - self.formula_columns[0] + 1)


class _Book:
    """The workbook stream's records, walked as calamine walks them, and what they cost."""

    def __init__(self, path: Path, stream: memoryview) -> None:
        self.path = path
        self.stream = stream
        self.codepage = 1200  # calamine's own, until a CODEPAGE record says otherwise
        self.biff8 = True
        self.shared: list[int] = []  # each shared string's length
        self.sheets: list[tuple[int, str]] = []  # each sheet's offset and name
        self.sheet_name_bytes = 4  # the longest sheet name in UTF-8 (or ``#REF``)
        self.lbl_name_bytes = 5  # the longest defined name in UTF-8 (or ``#REF!``)
        self.records = 0  # the records walked
        self.cells = 0  # every sheet's grids together
        self.characters = 0  # every cell's text together, and the shared strings
        self.formula_work = 0
        self.formula_bytes = 0

    def check(self) -> None:
        if self._globals():
            for at, name in self.sheets:
                self._sheet(at, name)
        # else encrypted: calamine refuses it before it reads a sheet, and says why

    def _continues(self, at: int) -> tuple[list[memoryview], int]:
        """The CONTINUE records from ``at`` (taken with the record before them while more
        than 4 bytes are left, as calamine's ``RecordIter`` takes them), and where the record
        after them begins; more than the shared strings may have are refused (see
        _MAX_SST_CONTINUES)."""
        stream = self.stream
        pieces: list[memoryview] = []
        while len(stream) - at > 4 and _U16.unpack_from(stream, at)[0] == _CONTINUE:
            end = at + 4 + _U16.unpack_from(stream, at + 2)[0]
            if end > len(stream) or len(pieces) == _MAX_SST_CONTINUES:
                raise _Malformed
            pieces.append(stream[at + 4 : end])
            at = end
        self.records += len(pieces)
        return pieces, at

    def _globals(self) -> bool:
        """The workbook's global records up to the first EOF (or the end of the stream): the
        sheets' offsets and names, the codepage and the BIFF version, the shared strings. False
        for an encrypted workbook. The records are read as ``_sheet`` reads them."""
        stream, unpack = self.stream, _PAIR.unpack_from
        end = len(stream)
        at = 0
        while at < end:
            if end - at < 4:
                raise _Malformed  # a record's header cut short
            kind, length = unpack(stream, at)
            begin, at = at + 4, at + 4 + length
            self.records += 1
            if at > end or self.records > _MAX_RECORDS:
                raise _Malformed  # a record running past the stream; too many walked
            if kind not in _GLOBAL_RECORDS:
                continue
            if kind == _EOF:
                break
            data = stream[begin:at]
            if length < _GLOBAL_BYTES.get(kind, 0):
                raise _Malformed  # calamine panics, or stops with an error
            if kind == _FILEPASS and _U16.unpack_from(data)[0] != 0:
                return False
            if kind == _CODEPAGE:
                self.codepage = _U16.unpack_from(data)[0]
            elif kind == _BOF:
                self.biff8 = _biff8(data)
            elif kind == _BOUNDSHEET:
                self._boundsheet(data)
            elif kind == _LBL:
                self._lbl(data)
            elif kind == _SST:
                pieces, at = self._continues(at)
                self._shared_strings(data, pieces)
        return True

    def _boundsheet(self, data: memoryview) -> None:
        """A sheet's offset in the stream, its visibility and kind, and its name."""
        if len(data) < 6 or data[4] & 0x3F > 2 or data[5] not in (0, 1, 2, 6):
            raise _Malformed
        if len(data) < (8 if self.biff8 else 7):
            raise _Malformed
        count = data[6]
        high = (data[7] & 1 == 1) if self.biff8 else None
        chars = bytes(data[8:] if self.biff8 else data[7:])
        length = self._decoded(len(chars), count, high)
        self.sheet_name_bytes = max(self.sheet_name_bytes, 3 * length)
        self.sheets.append((_U32.unpack_from(data)[0], _sheet_name(chars, count, high)))

    def _lbl(self, data: memoryview) -> None:
        """A defined name: its length (a formula may show it), and that calamine can read it
        without a panic."""
        size = len(data)
        if size < 14:
            raise _Malformed
        count, cce = data[3], _U16.unpack_from(data, 4)[0]
        if (self.biff8 and size - 14 < count + 1) or cce > size:
            raise _Malformed
        rgce = data[size - cce :]
        if rgce:
            ptg = rgce[0]
            need = 0  # the bytes calamine reads of the name's first token
            if ptg in (0x3A, 0x5A, 0x7A):
                need = 7 if self.biff8 else 18
            elif ptg in (0x3B, 0x5B, 0x7B):
                need = 11 if self.biff8 else 21
            elif ptg in (0x3C, 0x5C, 0x7C, 0x3D, 0x5D, 0x7D):
                need = 3 if self.biff8 else 13
            if len(rgce) < need:
                raise _Malformed
        # up to two characters a byte of its ``count`` (see _decoded), three bytes each
        self.lbl_name_bytes = max(self.lbl_name_bytes, 6 * count)

    # Text: how many characters calamine's ``decode_to`` makes of a string, at most

    def _decoded(self, available: int, count: int, high: bool | None) -> int:
        """The characters of a string of ``count`` units from ``available`` bytes: one or
        two bytes a unit (``high``; for a BIFF5 string the codepage says), a byte widened to
        two where it is one (calamine does so for any codepage but a single-byte one), and two
        bytes a character in UTF-16, else at most one a byte."""
        if high is None and self.codepage not in _SINGLE_BYTE:
            high = False
        units = min(available // 2 if high else available, count)
        fed = units if high is None else 2 * units
        return fed // 2 if self.codepage in _UTF16 else fed

    def _string(self, data: memoryview) -> int:
        """The length of an ``XLUnicodeString`` (calamine's ``parse_string``): a count of
        characters, in BIFF8 a flags byte, the characters."""
        expected = 3 if self.biff8 else 2
        if len(data) < expected:
            if len(data) == 2 and _U16.unpack_from(data)[0] == 0:
                return 0
            raise _Malformed
        high = (data[2] & 1 == 1) if self.biff8 else None
        return self._decoded(len(data) - expected, _U16.unpack_from(data)[0], high)

    def _shared_strings(self, data: memoryview, continues: list[memoryview]) -> None:
        """The shared strings, read as calamine's ``parse_sst`` reads them, across their
        CONTINUE records (a string's characters go on in the next one after a flags byte; its
        rich-text runs and phonetic data are skipped): each string's length."""
        if len(data) < 8:
            raise _Malformed
        widened = 1 if self.codepage in _UTF16 else 2  # see _decoded
        lengths: list[int] = []
        piece, at, i = data, 8, 0  # the record being read, where, and the next CONTINUE
        while True:
            if at == len(piece):  # on to the next CONTINUE record
                if i == len(continues):
                    break
                piece, at, i = continues[i], 0, i + 1
                if not piece:
                    lengths.append(0)  # calamine reads an empty record as an empty string
                    continue
            if len(piece) - at < 3:
                raise _Malformed
            count, flags = _U16.unpack_from(piece, at)[0], piece[at + 2]
            at += 3
            skip = 0  # the rich-text runs (4 bytes each) and the phonetic data after the text
            if flags & 0x08:
                skip, at = 4 * _U16.unpack_from(piece, at)[0], at + 2
            if flags & 0x04:  # a signed size, which calamine takes as unsigned
                skip, at = skip + struct.unpack_from("<i", piece, at)[0] % (1 << 64), at + 4
            high, left = flags & 1, count
            while left:
                taken = min((len(piece) - at) >> high, left)
                at, left = at + (taken << high), left - taken
                if left:  # the text goes on in the next CONTINUE record, after a flags byte
                    if i == len(continues) or not continues[i]:
                        raise _Malformed  # calamine: the stream ends, or a panic
                    piece, i = continues[i], i + 1
                    high, at = piece[0] & 1, 1
            while skip:
                if at == len(piece):
                    if i == len(continues):
                        raise _Malformed
                    piece, at, i = continues[i], 0, i + 1
                taken = min(skip, len(piece) - at)
                at, skip = at + taken, skip - taken
            lengths.append(count * widened)
            if len(lengths) > _MAX_SST_STRINGS:
                raise _Malformed
        self.shared = lengths
        self._add_text(sum(lengths), self.path.name)  # calamine holds them all

    def _add_text(self, characters: int, where: str) -> None:
        self.characters += characters
        if self.characters > MAX_XLS_WORKBOOK_TEXT:
            raise DagplejeError(
                "roster_text_too_much",
                where=where,
                hint="roster_text_too_much_hint",
                limit=MAX_XLS_WORKBOOK_TEXT // 1_000_000,
            )

    # A sheet

    def _sheet(self, at: int, name: str) -> None:
        """One sheet's records from its offset, as calamine walks them: to the EOF that ends
        its own substream (a chart's BOF…EOF inside it is skipped; the first BOF is the
        sheet's own) or the end of the stream. A record is a type, a length and that many
        bytes (calamine takes the CONTINUE records after one with it; walked one by one here,
        they end at the same places). The common cells are counted in the loop itself: a
        sheet may hold millions."""
        stream, shared, unpack = self.stream, self.shared, _PAIR.unpack_from
        end = len(stream)
        if at > end:
            raise _Malformed  # calamine panics
        sheet = _Sheet(name)
        records, budget = 0, _MAX_RECORDS - self.records
        seen_bof = False
        depth = 0
        formula_at = (0, 0)  # where the STRING after a FORMULA puts its text
        while at < end:
            if end - at < 4:
                raise _Malformed  # a record's header cut short
            kind, length = unpack(stream, at)
            begin, at = at + 4, at + 4 + length
            records += 1
            if at > end or records > budget:
                raise _Malformed  # a record running past the stream; too many walked
            if kind not in _SHEET_RECORDS:
                continue
            if depth:
                depth += 1 if kind == _BOF else -1 if kind == _EOF else 0
            elif kind in (_NUMBER, _RK, _LABELSST):
                if length < _CELL_RECORDS[kind]:
                    raise _Malformed
                row, column = unpack(stream, begin)
                if kind == _LABELSST:
                    index = _U32.unpack_from(stream, begin + 6)[0]
                    if index >= len(shared):
                        continue  # calamine makes no cell of it
                    if shared[index]:
                        self._text(sheet, row, column, shared[index])
                sheet.cells += 1
                if row >= sheet.rows or column >= sheet.columns:
                    self._extent(sheet, row, column)
            elif kind == _EOF:
                break
            elif kind == _BOF:
                depth, seen_bof = (1 if seen_bof else 0), True
            elif kind in _CELL_RECORDS:
                self._cell_record(sheet, kind, begin, at)
            elif kind == _MULRK:
                self._mulrk(sheet, begin, at)
            elif kind == _STRING:
                self._cell(sheet, *formula_at, self._string(stream[begin:at]))
            elif kind == _FORMULA:
                formula_at = self._formula(sheet, begin, at)
            elif kind == _DIMENSIONS:
                self._dimensions(sheet, stream[begin:at])
            elif kind == _MERGECELLS and (
                length < 2 or length < 2 + 8 * _U16.unpack_from(stream, begin)[0]
            ):
                raise _Malformed  # calamine reads 2 bytes, then 8 for each range, or panics
        self.records += records
        if sheet.cells > MAX_XLS_SHEET_CELLS:
            raise _Malformed  # more cell records than cells: one cell over and over
        self.cells += sheet.rows * sheet.columns + sheet.formula_grid()
        if self.cells > MAX_XLS_WORKBOOK_CELLS:
            raise book_too_large(self.path, name, MAX_XLS_WORKBOOK_CELLS)

    def _cell_record(self, sheet: _Sheet, kind: int, begin: int, end: int) -> None:
        """A record of one cell other than a number or a shared string: a BOOLERR, a LABEL or
        an RSTRING (a text of its own)."""
        if end - begin < _CELL_RECORDS[kind]:
            raise _Malformed
        row, column = _PAIR.unpack_from(self.stream, begin)
        length = 0
        if kind == _BOOLERR:
            value, is_error = self.stream[begin + 6], self.stream[begin + 7]
            if is_error > 1 or (is_error == 1 and value not in _ERROR_CODES):
                raise _Malformed
        else:
            length = self._string(self.stream[begin + 6 : end])
        self._cell(sheet, row, column, length)

    def _cell(self, sheet: _Sheet, row: int, column: int, length: int = 0) -> None:
        """A cell calamine makes (0-based ``row`` and ``column``), with a text of ``length``."""
        sheet.cells += 1
        if row >= sheet.rows or column >= sheet.columns:
            self._extent(sheet, row, column)
        if length:
            self._text(sheet, row, column, length)

    def _extent(self, sheet: _Sheet, row: int, column: int) -> None:
        """The sheet reaches a cell beyond its extent so far: from A1 to there (as calamine's
        grid and the rows Python is given reach), within a sheet's limits."""
        sheet.rows, sheet.columns = max(sheet.rows, row + 1), max(sheet.columns, column + 1)
        if (
            sheet.rows > MAX_SHEET_ROWS
            or sheet.columns > MAX_SHEET_COLUMNS
            or sheet.rows * sheet.columns > MAX_XLS_SHEET_CELLS
        ):
            raise self._too_large(sheet.name, row, column)

    def _text(self, sheet: _Sheet, row: int, column: int, length: int) -> None:
        """A cell's text of ``length`` characters: within a cell's limit and, with every text
        before it, the workbook's."""
        if length > MAX_CELL_TEXT:
            raise DagplejeError(
                "roster_text_too_long",
                where=f"{self.path.name}, {sheet.name}!{_ref(row, column)}",
                hint="roster_text_too_long_hint",
                length=length,
                limit=MAX_CELL_TEXT,
            )
        if self.characters + length > MAX_XLS_WORKBOOK_TEXT:
            self._add_text(length, f"{self.path.name}, {sheet.name}!{_ref(row, column)}")
        self.characters += length

    def _too_large(self, sheet: str, row: int, column: int) -> DagplejeError:
        return too_large(self.path, sheet, _ref(row, column), MAX_XLS_SHEET_CELLS)

    def _mulrk(self, sheet: _Sheet, begin: int, end: int) -> None:
        """Numbers in a row of cells: the first column, 6 bytes a cell, the last column."""
        size = end - begin
        if size < 6:
            raise _Malformed
        row, first = _PAIR.unpack_from(self.stream, begin)
        last = _U16.unpack_from(self.stream, end - 2)[0]
        count = (last - first + 1) & 0xFFFF  # as calamine counts them, in 16 bits
        if size != 6 + 6 * count:
            raise _Malformed
        if count:
            sheet.cells += count - 1
            self._cell(sheet, row, first + count - 1)

    def _dimensions(self, sheet: _Sheet, data: memoryview) -> None:
        """The room calamine reserves for the cells a DIMENSIONS record claims (40 bytes each),
        whether or not they come: held to a sheet's limit."""
        if len(data) == 14:
            first_row, last_row, first_column, last_column = struct.unpack_from("<IIHH", data)
        elif len(data) == 10:
            first_row, last_row, first_column, last_column = struct.unpack_from("<HHHH", data)
        else:
            raise _Malformed
        if first_column > 0xFF or last_column < first_column:
            first_column = 0
        if last_row < 1 or last_column < 1:
            return  # one cell
        # calamine's arithmetic, in 32 bits: a last row before the first wraps round
        rows = (last_row - first_row) % (1 << 32)
        columns = last_column - first_column
        if rows * columns > MAX_XLS_SHEET_CELLS:
            raise self._too_large(sheet.name, first_row + rows - 1, first_column + columns - 1)

    def _formula(self, sheet: _Sheet, begin: int, end: int) -> tuple[int, int]:
        """A formula: its value's cell (unless the value is a string, which the STRING record
        after it gives), a cell of the formulas' grid, and the work of writing it as text."""
        stream = self.stream
        if end - begin < 22:
            raise _Malformed  # calamine reads 20 bytes and the tokens' length
        row, column = _PAIR.unpack_from(stream, begin)
        kind, value = stream[begin + 6], stream[begin + 8]
        if stream[begin + 12] != 0xFF or stream[begin + 13] != 0xFF:
            self._cell(sheet, row, column)  # a number
        elif kind > 3 or (kind == 2 and value not in _ERROR_CODES):
            raise _Malformed
        elif kind != 0:
            self._cell(sheet, row, column)  # a boolean, an error or an empty string
        sheet.formulas += 1
        sheet.formula_rows = (min(sheet.formula_rows[0], row), max(sheet.formula_rows[1], row))
        sheet.formula_columns = (
            min(sheet.formula_columns[0], column),
            max(sheet.formula_columns[1], column),
        )
        if sheet.formulas > MAX_XLS_SHEET_CELLS or sheet.formula_grid() > MAX_XLS_SHEET_CELLS:
            raise self._too_large(sheet.name, row, column)
        text, work = self._formula_cost(stream[begin + 20 : end])
        self.formula_work += work
        self.formula_bytes += text
        if self.formula_work > _MAX_FORMULA_WORK or self.formula_bytes > MAX_XLS_WORKBOOK_TEXT:
            raise DagplejeError(
                "roster_formulas_too_large",
                where=f"{self.path.name}, {sheet.name}!{_ref(row, column)}",
                hint="roster_formulas_too_large_hint",
            )
        return row, column

    def _formula_cost(self, data: memoryview) -> tuple[int, int]:
        """The longest text calamine's ``parse_formula`` can write for a formula's tokens, and
        the work of writing it: each token's operand skipped as calamine skips it (one it would
        read past the end is refused: calamine panics); a token calamine does not know ends the
        formula, as calamine gives up there."""
        cce = _U16.unpack_from(data)[0]
        if 2 + cce > len(data):
            raise _Malformed
        tokens = data[2 : 2 + cce]
        text = count = inserts = at = 0
        while at < len(tokens):
            ptg = tokens[at]
            at += 1
            count += 1
            operand, written = self._token(ptg)
            if ptg == 0x17:  # a string: its length, and up to 3 bytes for each of 2 a byte
                if at >= len(tokens):
                    raise _Malformed
                operand, written = 2 + tokens[at], 2 + 6 * tokens[at]
            elif ptg == 0x19:  # an attribute
                operand, written, inserted = _attribute(tokens, at)
                inserts += inserted
            elif ptg in (0x12, 0x13, 0x15):  # a sign or a parenthesis, inserted
                inserts += 1
            elif ptg == 0x01 and len(tokens) - at < 4:
                operand = -1  # calamine: an error, not a panic
            elif ptg == 0x1C:  # an error value
                if at >= len(tokens):
                    raise _Malformed
                if tokens[at] not in _ERROR_CODES:
                    operand = -1
            elif ptg in (0x21, 0x41, 0x61):  # a function
                if len(tokens) - at < 2:
                    raise _Malformed
                if _U16.unpack_from(tokens, at)[0] >= 485:
                    operand = -1
            if operand < 0:
                break
            if len(tokens) - at < operand:
                raise _Malformed
            at += operand
            text += written
        return max(text, _FORMULA_ERROR_TEXT), (count + inserts) * max(text, 1)

    def _token(self, ptg: int) -> tuple[int, int]:
        """The operand's bytes and the text at most of a formula token (-1: one calamine does
        not know)."""
        if ptg in (0x3A, 0x5A, 0x7A):  # a cell of another sheet
            return 6, self.sheet_name_bytes + 12
        if ptg in (0x3B, 0x5B, 0x7B):  # an area of another sheet
            return 10, self.sheet_name_bytes + 30
        if ptg in (0x3C, 0x5C, 0x7C):
            return 6, self.sheet_name_bytes + 6
        if ptg in (0x3D, 0x5D, 0x7D):
            return 10, self.sheet_name_bytes + 6
        if ptg in (0x23, 0x43, 0x63):  # a defined name
            return 4, self.lbl_name_bytes
        if ptg in (0x24, 0x44, 0x64, 0x2A, 0x4A, 0x6A):  # a cell
            return (4 if self.biff8 else 3), 11
        if ptg in (0x25, 0x45, 0x65, 0x2B, 0x4B, 0x6B):  # an area
            return (8 if self.biff8 else 6), 25
        return _TOKENS.get(ptg, (-1, 0))


# The operand (bytes after the token) and the text at most of the formula tokens calamine
# knows that are the same in every BIFF version and name no sheet; see ``_Book._token``
_TOKENS: dict[int, tuple[int, int]] = {
    0x01: (4, 0),  # PtgExp
    **{ptg: (0, 2) for ptg in range(0x03, 0x12)},  # binary operators
    0x12: (0, 1),
    0x13: (0, 1),
    0x14: (0, 1),
    0x15: (0, 2),
    0x16: (0, 0),
    0x17: (0, 0),  # a string: its length decides
    0x18: (5, 0),
    0x19: (0, 0),  # an attribute: its kind decides
    0x1C: (1, 13),
    0x1D: (1, 5),
    0x1E: (2, 5),
    0x1F: (8, _NUMBER_TEXT),
    **{ptg: (7, 10) for ptg in (0x20, 0x40, 0x60)},  # PtgArray
    **{ptg: (2, _FUNCTION_TEXT) for ptg in (0x21, 0x41, 0x61)},  # PtgFunc
    **{ptg: (3, _FUNCTION_TEXT) for ptg in (0x22, 0x42, 0x62)},  # PtgFuncVar
    0x39: (6, 10),
    0x59: (6, 10),
}


def _attribute(tokens: memoryview, at: int) -> tuple[int, int, int]:
    """A PtgAttr (its kind at ``at``): its operand's bytes (-1 where calamine gives up), the
    text it writes and the characters it inserts."""
    if at >= len(tokens):
        raise _Malformed
    kind = tokens[at]
    if kind in (0x01, 0x02, 0x08, 0x20, 0x21):
        return 3, 0, 0
    if kind == 0x04:  # a choice and its jump table
        if len(tokens) - at < 3:
            raise _Malformed
        return 3 + 2 * (_U16.unpack_from(tokens, at + 1)[0] + 1), 0, 0
    if kind == 0x10:  # SUM(…)
        return 3, 5, 1
    if kind in (0x40, 0x41):  # spaces, inserted one by one
        if len(tokens) - at < 3:
            raise _Malformed
        if tokens[at + 1] > 6:
            return -1, 0, 0
        return 3, tokens[at + 2], tokens[at + 2]
    return -1, 0, 0


def _biff8(data: memoryview) -> bool:
    """Whether a BOF record starts BIFF8 records (calamine's ``parse_bof``)."""
    version = _U16.unpack_from(data)[0]
    kind = _U16.unpack_from(data, 2)[0] if len(data) >= 4 else 0
    if version in (0x0200, 0x0002, 0x0007, 0x0300, 0x0400, 0x0500):
        return False
    return not (version == 0 and kind == 0x1000)


def _sheet_name(chars: bytes, count: int, high: bool | None) -> str:
    """A sheet's name for a message (calamine decodes it with the workbook's codepage)."""
    if high:
        text = chars[: 2 * count].decode("utf-16-le", "replace")
    else:
        text = chars[:count].decode("cp1252" if high is None else "latin-1", "replace")
    return text.replace("\x00", "")


def _ref(row: int, column: int) -> str:
    """``A1`` for 0-based row 0 and column 0."""
    return f"{column_letters(column + 1)}{row + 1}"
