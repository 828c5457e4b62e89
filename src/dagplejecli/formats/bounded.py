"""A spreadsheet's zip and XML checked against ``limits.py`` before any reader parses them:
the roster, the CVR extract and the plan workbook all pass through ``check_zip``.

Every part a reader will parse — found through the workbook's relationships, and through
``xl/workbook.xml``'s, which calamine reads whatever they say — is inflated once with a hard
byte count (a header that understates a part's size is refused), holds no DTD, and is either
found to be in the plain form a spreadsheet program writes (a few searches at the speed of the
C regex engine; see the comment at ``_PLAIN_ROWS`` for why that bounds it) or parsed by a
streaming XML parser that counts rows, cells, the farthest column and the longest text as it
goes; the text of all cells together is bounded too (``_Text``). The caller then parses the
same bytes.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dagplejecli.errors import DagplejeError
from dagplejecli.limits import (
    MAX_CELL_TEXT,
    MAX_ODS_CELLS,
    MAX_SHEET_CELLS,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    MAX_WORKBOOK_CELLS,
    MAX_WORKBOOK_TEXT,
    column_number,
)
from dagplejecli.model import column_letters

ZIP_SUFFIXES = (".xlsx", ".xlsm", ".ods")
# Limits checked before parsing, so that a zip bomb costs nothing. A roster of 10,000
# dagplejere and 40,000 children is about 10 MB uncompressed; these leave ample room.
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000
CHUNK = 1024 * 1024


def _dtd_in(data: bytes) -> bool:
    """``<!DOCTYPE`` or ``<!ENTITY`` anywhere (in any case), found from each ``<!``: the
    regex engine cannot skip ahead to a pattern that ignores case."""
    at = data.find(b"<!")
    while at >= 0:
        if data[at + 2 : at + 9].upper().startswith((b"DOCTYPE", b"ENTITY")):
            return True
        at = data.find(b"<!", at + 2)
    return False


_ZIP_ERRORS = (zipfile.BadZipFile, OSError, ValueError, EOFError)

_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CELL_REF = re.compile(r"([A-Za-z]*)([0-9]*)")


def _not_workbook(path: Path) -> DagplejeError:
    return DagplejeError("roster_not_workbook", where=str(path), hint="roster_not_workbook_hint")


def check_zip(path: Path, raw: bytes) -> bool:
    """Every part of the zip inflated once, with a hard count of the bytes it really holds (a
    header that understates a part's size is refused, not believed), no DTD anywhere, and each
    part calamine reads as a sheet or as shared strings either in the plain form or counted by
    a streaming XML parser (rows, cells, the farthest column, the longest text, all text
    together) against ``limits.py``. The caller then gives calamine these same bytes. True
    when the text may not be in NFC (the cells are then normalised one by one; a workbook whose
    parts are NFC and hold no character references needs no pass over its cells)."""
    normal = True
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            members = zf.infolist()
            _check_sizes(path, members)
            names = [m.filename for m in members]
            # calamine finds a part by its name in any case and with "\\" for "/": two names
            # that are one to it are two readers' choice, as are two equal names
            folded = {_fold(name): name for name in names}
            if len(folded) != len(names):
                raise _not_workbook(path)
            # calamine picks its reader by what the zip holds, not by the file's name: a
            # workbook's parts and an OpenDocument's content are both checked wherever found
            ods = "content.xml" in names
            sheets, shared = _workbook_parts(zf, folded)
            budget = [MAX_UNCOMPRESSED_BYTES]  # every part inflated once, counted together
            text = _Text(path)  # every cell's text, a shared string once per cell showing it
            # every sheet's extent together; a plain sheet's estimate counted exactly on demand
            grid = _Grid(
                path,
                lambda part: _plain_extent(
                    _read_counted(zf, zf.getinfo(part), [MAX_UNCOMPRESSED_BYTES])
                ),
            )
            # whatever the relationships say (calamine joins and reads their paths its own
            # way), a part that holds a sheet's data or shared strings is checked as such
            for m in members:
                if m.filename in sheets or m.filename in shared:
                    continue
                dtd, sheet_data, strings = _look(zf, m, budget)
                if dtd and (sheet_data or strings or m.filename.endswith((".xml", ".rels"))):
                    raise DagplejeError("roster_xml_entities", where=f"{path} ({m.filename})")
                if strings:
                    shared.append(m.filename)
                if sheet_data:
                    sheets[m.filename] = m.filename
            # the shared strings first: a sheet's cells are counted with their lengths. A part
            # may be read as both (the relationships may say so): it is checked as both
            for m in [m for m in members if m.filename in shared]:
                data = _read_counted(zf, m, budget)
                normal = normal and _is_nfc(data)
                # the plain form holds no declaration (so no DTD); anything else is looked at
                # for one before it is parsed
                lengths = _plain_shared_strings(data)
                if not lengths:
                    _refuse_dtd(path, m, data)
                    lengths = _scan_shared_strings(path, zf, m, sheets)
                text.share(lengths)
            for m in members:
                if m.filename in sheets:
                    data = _read_counted(zf, m, budget)
                    normal = normal and _is_nfc(data)
                    if not _plain_sheet(data, text, grid, sheets[m.filename], m.filename):
                        _refuse_dtd(path, m, data)
                        _scan_sheet(path, zf, m, sheets[m.filename], text, grid)
            if ods:
                _scan_ods(path, zf, zf.getinfo("content.xml"), text, grid)
                normal = False
    except DagplejeError:
        raise
    except (*_ZIP_ERRORS, etree_errors()):
        raise _not_workbook(path) from None
    return not normal


def _refuse_dtd(path: Path, member: zipfile.ZipInfo, data: bytes) -> None:
    """A part not in the plain form is looked at for a DTD before it is parsed."""
    if _dtd_in(data):
        raise DagplejeError("roster_xml_entities", where=f"{path} ({member.filename})")


def _is_nfc(data: bytes) -> bool:
    """The part's text is NFC as it stands. A character reference could spell anything (an
    ASCII part may hold ``A&#778;``): then the cells are normalised, which costs little."""
    if b"&#" in data:
        return False
    if data.isascii():
        return True
    try:
        return unicodedata.is_normalized("NFC", data.decode("utf-8"))
    except UnicodeDecodeError:
        return False


def etree_errors() -> type[Exception]:
    from lxml import etree

    return etree.LxmlError


class _Counted(io.RawIOBase):
    """A zip part read through a hard byte count: more than its header says is an error."""

    def __init__(self, zf: zipfile.ZipFile, member: zipfile.ZipInfo, budget: list[int]) -> None:
        self._fh = zf.open(member)
        self._left = member.file_size
        self._budget = budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._fh.read(min(len(buffer), CHUNK))
        self._left -= len(data)
        self._budget[0] -= len(data)
        if self._left < 0 or self._budget[0] < 0:
            raise zipfile.BadZipFile("a part holds more than its header says")
        if not data and self._left != 0:
            raise zipfile.BadZipFile("a part holds less than its header says")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._fh.close()
        super().close()


# A tag a reader takes for a sheet's data or for shared strings by its local name (prefixed or
# not), in UTF-8 or any encoding that keeps ASCII, or in UTF-16 once its NUL bytes are left out
_SHEET_DATA_TAG = re.compile(rb"[<:]sheetData[\s/>]")
_SHARED_TAG = re.compile(rb"[<:]sst[\s/>]")


def _look(
    zf: zipfile.ZipFile, member: zipfile.ZipInfo, budget: list[int]
) -> tuple[bool, bool, bool]:
    """Whether the part holds a DTD (anywhere, not only in its first bytes), a sheet's data or
    shared strings; inflated in chunks, counted."""
    dtd = sheet_data = strings = False
    tail = b""
    with _Counted(zf, member, budget) as fh:
        while chunk := fh.read(CHUNK):
            window = tail + chunk
            dtd = dtd or _dtd_in(window)
            ascii_ = window.replace(b"\x00", b"") if b"\x00" in window else window
            sheet_data = sheet_data or _SHEET_DATA_TAG.search(ascii_) is not None
            strings = strings or _SHARED_TAG.search(ascii_) is not None
            tail = chunk[-64:]
    return dtd, sheet_data, strings


def _iterparse(source: Any, tags: tuple[str, ...]) -> Any:
    from lxml import etree

    return etree.iterparse(
        source,
        events=("end",),
        tag=tags,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
    )


def _release(element: Any) -> None:
    """Forget a parsed element and what came before it (memory stays one row)."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _fold(name: str) -> str:
    """A part's name as calamine looks it up: ASCII letters in any case, ``\\`` for ``/``."""
    return name.replace("\\", "/").translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _read_part(zf: zipfile.ZipFile, names: dict[str, str], name: str) -> bytes:
    """The part calamine finds under ``name`` (KeyError when there is none)."""
    return zf.read(names[_fold(name)])


def _workbook_parts(zf: zipfile.ZipFile, names: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The worksheets (part → sheet name) and shared strings the workbook's relationships
    name, wherever in the zip they are stored: of the workbook ``_rels/.rels`` names and of
    ``xl/workbook.xml``; and the usual places too, as a reader may look there whatever the
    relationships say. calamine reads ``workbook.xml``, its relationships and
    ``sharedStrings.xml`` in the folder of the target ``_rels/.rels`` names, whatever the
    target's own name. ``names`` maps each part's folded name (``_fold``) to its name in the
    zip; the parts are named as in the zip."""
    from defusedxml import ElementTree as SafeET

    books = {"xl/workbook.xml"}
    strings = {"xl/sharedStrings.xml"}
    try:
        for rel in SafeET.fromstring(_read_part(zf, names, "_rels/.rels")).iter():
            if rel.get("Type", "").endswith("/officeDocument"):
                target = rel.get("Target", "")
                folder = target[: target.rfind("/") + 1].removeprefix("/")
                books |= {_target("", target), f"{folder}workbook.xml"}
                strings.add(f"{folder}sharedStrings.xml")
    except (KeyError, SafeET.ParseError):
        pass
    sheets: dict[str, str] = {}
    shared = {names[_fold(n)] for n in strings if _fold(n) in names}
    for book in sorted(names[_fold(b)] for b in books if _fold(b) in names):
        _book_parts(zf, names, book, sheets, shared)
    for folded, name in names.items():  # where a reader may look whatever the rels say
        if folded.startswith("xl/worksheets/") and folded.endswith(".xml") and name not in sheets:
            sheets[name] = name
    return sheets, sorted(shared)


def _target(base: str, ref: str) -> str:
    """A relationship's target, as a path in the zip, from the part ``base`` that names it."""
    if ref.startswith("/"):
        return ref.lstrip("/")
    parts = [p for p in base.split("/")[:-1] if p]
    for piece in ref.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _book_parts(
    zf: zipfile.ZipFile,
    names: dict[str, str],
    book: str,
    sheets: dict[str, str],
    shared: set[str],
) -> None:
    """The worksheets and shared strings one workbook part's relationships name."""
    from defusedxml import ElementTree as SafeET

    folder, leaf = book.rsplit("/", 1) if "/" in book else ("", book)
    rels_name = f"{folder}/_rels/{leaf}.rels" if folder else f"_rels/{leaf}.rels"
    ids: dict[str, list[str]] = {}
    try:
        for rel in SafeET.fromstring(_read_part(zf, names, rels_name)).iter():
            kind, ref = rel.get("Type", ""), rel.get("Target", "")
            # the target as a path, and as calamine joins it (``..`` kept)
            joined = ref[1:] if ref.startswith("/") else f"{folder}/{ref}" if folder else ref
            for target in {_fold(_target(book, ref)), _fold(joined)} & names.keys():
                part = names[target]
                if kind.endswith("/sharedStrings"):
                    shared.add(part)
                elif kind.endswith(("/worksheet", "/chartsheet", "/dialogsheet", "/macrosheet")):
                    ids.setdefault(rel.get("Id", ""), []).append(part)
                    sheets.setdefault(part, part)
        rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        for sheet in SafeET.fromstring(_read_part(zf, names, book)).iter():
            if sheet.tag.endswith("}sheet") and sheet.get(rid) in ids:
                for part in ids[sheet.get(rid, "")]:
                    sheets[part] = sheet.get("name", "")
    except (KeyError, SafeET.ParseError):
        pass


# The plain form a spreadsheet program writes, recognised at the speed of the C regex engine,
# so that a usual roster is not parsed twice in Python. It is a grammar the bytes must match,
# not a list of what they must not hold: anything it does not describe goes to the streaming
# parser (_scan_sheet and _scan_shared_strings), which counts it as it is read.
# - The part is UTF-8 or ASCII (no byte order mark of another encoding, no other encoding
#   declared, no NUL byte), so every tag a reader can see stands in the bytes as ASCII.
# - A worksheet's cells stand in one ``<sheetData>``, which holds rows and nothing else
#   (``_PLAIN_ROWS``, whitespace between them allowed): ``<row r="99999" …>`` of cells, each
#   exactly ``<c r="LL99999"``, at most ``s`` and ``t``, and either nothing or one value
#   ``<v>TEXT</v>`` or one inline string ``<is><t>TEXT</t></is>`` (``<t xml:space="preserve">``
#   too), where TEXT holds no tag and has no more bytes than a cell may hold characters. The
#   references give the extent exactly; a reader that joins the text inside a cell finds only
#   that TEXT to join.
# - Before and after ``<sheetData>`` (``_NOT_PLAIN_AROUND``) stands no comment, CDATA section,
#   processing instruction or declaration, and no element a reader could take as a row, a
#   cell, a formula or a text, prefixed or not.
# Shared strings alike: ``<sst …>`` holds only ``<si><t>TEXT</t></si>`` (``_PLAIN_SHARED``),
# its attributes each ``name="value"``, and a ``uniqueCount`` (calamine reserves room for
# that many strings before it reads one) of digits, believable (``_believed_count``).
_NAME_GOES_ON = rb"(?![\w.:\x80-\xff-])"  # the tag's name ends here
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:<\?xml\s[^<>]*\?>)?")
_UTF8_DECLARED = re.compile(rb"encoding\s*=\s*[\"']utf-?8[\"']", re.IGNORECASE)
# A text without a tag in it, of no more bytes than a cell holds characters (a character is
# at least one byte): MAX_CELL_TEXT bounds it.
_TEXT = rb"[^<]{0,%d}" % MAX_CELL_TEXT
_T = rb'<t(?: xml:space="preserve")?>' + _TEXT + rb"</t>"
_CELL = (
    rb'<c r="[A-Z]{1,2}[1-9][0-9]{0,4}"(?: s="[0-9]{1,6}")?(?: t="[a-zA-Z]{1,12}")?'
    rb"(?:/>|>(?:<v>" + _TEXT + rb"</v>|<is>" + _T + rb"</is>)?</c>)"
)
_ROW = rb'<row r="[1-9][0-9]{0,4}"[^<>]*(?:/>|>(?:\s*' + _CELL + rb")*+\s*</row>)"
_PLAIN_ROWS = re.compile(rb"(?:\s*" + _ROW + rb")*+\s*")
_NOT_PLAIN_AROUND = re.compile(
    rb"<[!?]|[<:](?:c|f|is|row|sheetData|si|t|v)" + _NAME_GOES_ON  # (prefixed: any ``:c`` …)
)
_ATTRIBUTE = re.compile(rb'\s+([\w:.-]+)="([^"<>]*)"')
_PLAIN_SHARED = re.compile(
    rb'\s*<sst((?:\s+[\w:.-]+="[^"<>]*")*)\s*(?:/>|>(?:\s*<si>' + _T + rb"</si>)*+\s*</sst>)\s*"
)
# calamine reserves 24 bytes for each string the shared strings' uniqueCount claims, before it
# reads one: a count beyond the strings the part holds is believed up to this (24 MB)
_BELIEVED_COUNT = 1_000_000
_WIDE_CELL = re.compile(rb'<c r="([A-Z]{2})[1-9]')
_CELL_REFS = re.compile(rb'<c r="([A-Z]{1,2})([0-9]{1,5})"')
_ROW_DIGITS = {n: re.compile(rb'<c r="[A-Z]{1,2}[1-9][0-9]{%d}"' % (n - 1)) for n in (2, 3, 4, 5)}


def _body(data: bytes) -> bytes | None:
    """The part after its XML declaration, when the part is UTF-8 or ASCII (see above)."""
    if b"\x00" in data:
        return None
    prolog = _PROLOG.match(data)
    head = prolog.group() if prolog else b""
    if b"encoding" in head and not _UTF8_DECLARED.search(head):
        return None
    return data[len(head) :]


def _read_counted(zf: zipfile.ZipFile, member: zipfile.ZipInfo, budget: list[int]) -> bytes:
    """A part's bytes, counted; read in pieces of ``CHUNK`` (``read()`` alone would inflate a
    sheet of 33 MB in 4,000 pieces of 8 KB, a third slower)."""
    with _Counted(zf, member, budget) as fh:
        pieces = []
        while piece := fh.read(CHUNK):
            pieces.append(piece)
        return b"".join(pieces)


class _Text:
    """The characters a reader will put in the workbook's cells, against MAX_WORKBOOK_TEXT:
    each cell's own text, and a shared string's length for every cell that shows it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.shared: list[int] = []  # each shared string's length (at most; by index)
        self.total = 0

    def add(self, n: int) -> None:
        self.total += n
        if self.total > MAX_WORKBOOK_TEXT:
            raise DagplejeError(
                "roster_text_too_much",
                where=self.path.name,
                hint="roster_text_too_much_hint",
                limit=MAX_WORKBOOK_TEXT // 1_000_000,
            )

    def share(self, lengths: list[int]) -> None:
        """A shared strings part's lengths. Where the workbook has more than one (its own
        relationships name one, calamine reads ``xl/sharedStrings.xml``), an index counts as
        the longest string it has in any of them."""
        both = min(len(self.shared), len(lengths))
        self.shared[:both] = map(max, self.shared[:both], lengths[:both])
        self.shared.extend(lengths[both:])

    def shown(self, index: str | None) -> int:
        """The length of the shared string a cell's value names (0 for none). calamine takes a
        value it cannot read as a number (``x``, ``+0``, `` 0``, more digits than fit) for
        string 0: anything but the index of a string counted counts as the longest of them."""
        if not index:
            return 0
        i = int(index) if index.isascii() and index.isdigit() and len(index) < 10 else -1
        return self.shared[i] if 0 <= i < len(self.shared) else max(self.shared, default=0)


class _Grid:
    """The cells a reader builds for the whole workbook, against MAX_WORKBOOK_CELLS: each
    sheet's extent (rows x columns, from A1 to its farthest cell), all sheets together. A plain
    sheet is first counted at its estimate (``estimate``); only when the total would cross the
    limit are the estimates counted exactly (``exact``: a plain part's extent), so an estimate
    never refuses a workbook."""

    def __init__(self, path: Path, exact: Callable[[str], int]) -> None:
        self.path = path
        self.total = 0
        self.exact = exact
        self.estimated: dict[str, int] = {}  # plain part → the cells counted for it

    def estimate(self, sheet: str, part: str, cells: int) -> None:
        self.estimated[part] = cells
        self.add(sheet, cells, 1)

    def add(self, sheet: str, rows: int, columns: int, limit: int = MAX_WORKBOOK_CELLS) -> None:
        """A sheet's extent; ``limit``: the workbook's, lower for an .ods."""
        self.total += rows * columns
        if self.total > limit and self.estimated:
            for part, cells in self.estimated.items():
                self.total += self.exact(part) - cells
            self.estimated.clear()
        if self.total > limit:
            raise book_too_large(self.path, sheet, limit)


# A plain cell's text: its type, whether it is a value or an inline string, and the text (only a
# value names a shared string: calamine reads an inline string as it stands, whatever the type)
_PLAIN_CELL_TEXT = re.compile(
    rb'<c r="[^"]*"(?: s="[0-9]*")?(?: t="([a-zA-Z]*)")?><(v|is><t[^>]*)>([^<]*)<'
)


def _plain_text(body: bytes, text: _Text) -> None:
    """Add a plain sheet's text: at most its bytes and its shared strings' longest for every
    cell that shows one; counted cell by cell only when that could be over the limit."""
    shown = body.count(b' t="s">')
    if text.total + len(body) + shown * max(text.shared, default=0) <= MAX_WORKBOOK_TEXT:
        text.add(len(body) + shown * max(text.shared, default=0))
        return
    for kind, element, value in _PLAIN_CELL_TEXT.findall(body):
        text.add(text.shown(value.decode()) if kind == b"s" and element == b"v" else len(value))


def _sheet_rows(body: bytes) -> bytes | None:
    """The rows of a plain worksheet: what stands in its one ``<sheetData>``, when nothing
    around it holds anything a reader could take for data (see above); else None."""
    start = body.find(b"<sheetData>")
    if start >= 0:
        end = body.find(b"</sheetData>", start)
        around = (body[:start], body[end + len(b"</sheetData>") :])
        rows = body[start + len(b"<sheetData>") : end]
    else:  # a sheet without data
        start = body.find(b"<sheetData/>")
        end = start + len(b"<sheetData/>")
        around, rows = (body[:start], body[end:]), b""
    if start < 0 or end < start or any(_NOT_PLAIN_AROUND.search(part) for part in around):
        return None
    return rows


def _plain_sheet(data: bytes, text: _Text, grid: _Grid, sheet: str, part: str) -> bool:
    """The worksheet is in the plain form and within every limit (see above)."""
    body = _body(data)
    rows = None if body is None else _sheet_rows(body)
    if rows is None or not _PLAIN_ROWS.fullmatch(rows):
        return False
    # columns of one letter (26) and rows of at most five digits are far within the limits;
    # two letters only while the columns x 99,999 rows stay within the cells
    wide = {column_number(m.decode()) for m in set(_WIDE_CELL.findall(rows))}
    if max(wide, default=26) * 99_999 > MAX_SHEET_CELLS:
        return False
    # its extent, at most: the widest two-letter column (or Z), and the largest row number of
    # as many digits as the longest a cell names (a search that stops at the first such cell)
    digits = next((n for n in (5, 4, 3, 2) if _ROW_DIGITS[n].search(rows)), 1)
    grid.estimate(sheet, part, (10**digits - 1) * max(wide, default=26))
    _plain_text(rows, text)
    return True


def _plain_extent(data: bytes) -> int:
    """A plain worksheet's extent exactly: its farthest row times its farthest column, from
    the cells' references (the grammar makes them exact)."""
    body = _body(data)
    rows = (_sheet_rows(body) if body is not None else None) or b""
    refs = _CELL_REFS.findall(rows)
    if not refs:
        return 0
    highest = max(int(number) for _, number in refs)
    return highest * max(column_number(letters.decode()) for letters in {c for c, _ in refs})


def _plain_shared_strings(data: bytes) -> list[int]:
    """Each shared string's length at most (its stretch of bytes), when the part is in the
    plain form (see above); else none (an empty list)."""
    body = _body(data)
    plain = None if body is None else _PLAIN_SHARED.fullmatch(body)
    if body is None or plain is None:
        return []
    lengths = [len(piece) for piece in body.split(b"<si>")[1:]]
    attributes = _ATTRIBUTE.findall(plain.group(1))
    if len({name for name, _ in attributes}) != len(attributes):
        return []
    for name, value in attributes:
        if name == b"uniqueCount" and not (
            value.isdigit() and len(value) < 10 and _believed_count(int(value), len(lengths))
        ):
            return []
    return lengths


def _believed_count(count: int, held: int) -> bool:
    """A shared strings part's ``uniqueCount`` (room calamine reserves) is no lie that costs."""
    return count <= max(held, _BELIEVED_COUNT)


def _beyond(rows: int, columns: int, cells: int = MAX_SHEET_CELLS) -> bool:
    """An extent past the limits: too many rows, columns, or cells in all."""
    return rows > MAX_SHEET_ROWS or columns > MAX_SHEET_COLUMNS or rows * columns > cells


# calamine takes an element by its local name, in any namespace or none, wherever it stands
_ANY = "{*}"


def _local(element: Any) -> str:
    return str(element.tag).rpartition("}")[2]


def _nested(element: Any) -> bool:
    """Whether ``element`` stands inside another of its name (a row inside a cell's text, a
    shared string inside another's): a reader takes it as text of the one it is in, so it is
    counted there, and is not released before that one is. Anywhere else (inside an element
    a reader does not know, in any namespace) it is counted as itself."""
    name = _local(element)
    return any(_local(outer) == name for outer in element.iterancestors())


def _scan_sheet(
    path: Path, zf: zipfile.ZipFile, member: zipfile.ZipInfo, sheet: str, text: _Text, grid: _Grid
) -> None:
    """Rows, cells, the farthest column and the longest text of one worksheet, counted as the
    XML is parsed (a cell without ``r`` is the next one, as calamine reads it). The work per
    cell is kept to its reference: a row's text and formulas are looked at cell by cell only
    when the row as a whole could hold a problem."""
    budget = [MAX_UNCOMPRESSED_BYTES]
    last_row = widest = highest = 0
    ns = _ANY
    with _Counted(zf, member, budget) as fh:
        for _, row in _iterparse(fh, (f"{ns}row",)):
            if _nested(row):
                continue  # inside a cell's text: counted with the row it is in
            # calamine's row: the row's own r, else the one after the row before; a cell's
            # reference places that cell, never the cells after it or the next row
            number = at = _number(row.get("r"), last_row + 1)
            column = 0
            for cell in row.iter(f"{ns}c"):  # a cell inside another's text too
                ref = cell.get("r")
                if ref is None:
                    column, number = column + 1, at
                elif 1 < len(ref) < 9 and ref[0].isupper() and ref[1:].isdigit() and ref.isascii():
                    column, number = ord(ref[0]) - 64, int(ref[1:])
                else:
                    letters, digits = _split_ref(ref)
                    column = column_number(letters) if letters else column + 1
                    number = _number(digits, at)
                if column > widest:
                    widest = column
                if number > highest:
                    highest = number
                if _beyond(highest, widest):
                    raise too_large(path, sheet, f"{column_letters(column) or 'A'}{number}")
            if at > MAX_SHEET_ROWS:
                raise too_large(path, sheet, f"A{at}")
            # the row's text in all (runs and CDATA joined): no cell in it can be longer
            written = sum(map(len, row.itertext()))
            if row.find(f".//{ns}f") is not None or written > MAX_CELL_TEXT:
                _check_row_cells(path, sheet, row, ns, at)
            text.add(written)
            for cell in row.iter(f"{ns}c"):  # wherever in the row a reader finds it
                if cell.get("t") == "s":
                    text.add(text.shown(cell.findtext(f"{ns}v")))
            last_row = at
            _release(row)
    grid.add(sheet, highest, widest)


def _check_row_cells(path: Path, sheet: str, row: Any, ns: str, at: int) -> None:
    column = 0
    for cell in row.iter(f"{ns}c"):  # wherever in the row a reader finds it
        letters, digits = _split_ref(cell.get("r"))
        column = column_number(letters) if letters else column + 1
        _check_cell(path, sheet, cell, ns, f"{column_letters(column)}{_number(digits, at)}")


def _check_cell(path: Path, sheet: str, cell: Any, ns: str, ref: str) -> None:
    value = cell.find(f"{ns}v")
    if cell.find(f"{ns}f") is not None and (value is None or not value.text):
        raise DagplejeError(
            "roster_formulas_without_values",
            where=f"{path.name}, {sheet}!{ref}",
            hint="roster_formulas_without_values_hint",
        )
    inline = cell.find(f"{ns}is")
    length = len(value.text or "") if value is not None else 0
    if inline is not None:
        length = max(length, _text_length(inline, ns))
    if length > MAX_CELL_TEXT:
        raise _too_long(path, f"{sheet}!{ref}", length)


def _text_length(element: Any, ns: str) -> int:
    """A rich text's characters: its runs and CDATA joined, phonetic guides left out."""
    return sum(
        len("".join(t.itertext())) for t in element.iter(f"{ns}t") if _local(t.getparent()) != "rPh"
    )


def _too_long(path: Path, where: str, length: int) -> DagplejeError:
    return DagplejeError(
        "roster_text_too_long",
        where=f"{path.name}, {where}",
        hint="roster_text_too_long_hint",
        length=length,
        limit=MAX_CELL_TEXT,
    )


def _scan_shared_strings(
    path: Path, zf: zipfile.ZipFile, member: zipfile.ZipInfo, sheets: dict[str, str]
) -> list[int]:
    """Each shared string's length (its text in all), counted as the XML is parsed."""
    from lxml import etree

    budget = [MAX_UNCOMPRESSED_BYTES]
    tags = (f"{_ANY}si", f"{_ANY}sst")
    lengths: list[int] = []
    claimed = 0  # the most strings an ``<sst>`` claims (calamine reads the first)
    with _Counted(zf, member, budget) as fh:
        for event, item in etree.iterparse(
            fh,
            events=("start", "end"),
            tag=tags,
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=False,
            remove_comments=True,
        ):
            if _local(item) == "sst":
                if event == "start":
                    claimed = max(claimed, _count(item.get("uniqueCount")))
                continue
            if event == "start":
                continue
            if _nested(item):
                continue  # inside a string's text: its text is the string's it is in
            index = len(lengths)
            length = sum(map(len, item.itertext()))
            if length > MAX_CELL_TEXT:
                length = _text_length(item, _ANY)
            if length > MAX_CELL_TEXT:
                raise _too_long(path, _shared_string_cell(zf, index, sheets), length)
            lengths.append(length)
            _release(item)
    if not _believed_count(claimed, len(lengths)):
        where = f"{path} ({member.filename})"
        raise DagplejeError("roster_not_workbook", where=where, hint="roster_not_workbook_hint")
    return lengths


def _count(value: str | None) -> int:
    """A count as calamine may read it (digits, a ``+`` before them); 0 for no number."""
    digits = (value or "").strip().lstrip("+")
    if not digits.isascii() or not digits.isdigit():
        return 0
    return int(digits) if len(digits) < 19 else 10**18


def _shared_string_cell(zf: zipfile.ZipFile, index: int, sheets: dict[str, str]) -> str:
    """The first cell that shows shared string ``index`` (only to name it in a message)."""
    for part, sheet in sheets.items():
        last_row = 0
        budget = [MAX_UNCOMPRESSED_BYTES]
        ns = _ANY
        with _Counted(zf, zf.getinfo(part), budget) as fh:
            for _, row in _iterparse(fh, (f"{ns}row",)):
                at, column = _number(row.get("r"), last_row + 1), 0
                for cell in row.iter(f"{ns}c"):
                    letters, digits = _split_ref(cell.get("r"))
                    column = column_number(letters) if letters else column + 1
                    value = cell.find(f"{ns}v")
                    if cell.get("t") == "s" and value is not None and value.text == str(index):
                        return f"{sheet}!{column_letters(column)}{_number(digits, at)}"
                last_row = at
                _release(row)
    return "xl/sharedStrings.xml"


def _number(text: str | None, default: int) -> int:
    """A row number or a repeat count as a reader may take it: ASCII digits (a leading ``+``
    and zeros allowed) at their full value, however many (far beyond every limit counts as
    10**18); anything else is ``default``."""
    digits = text[1:] if text and text[0] == "+" else text
    if not digits or not digits.isascii() or not digits.isdigit():
        return default
    return int(digits) if len(digits) < 19 else 10**18


def _split_ref(ref: str | None) -> tuple[str, str]:
    """``AB12`` → (``AB``, ``12``); letters beyond any sheet count as far as they reach."""
    if not ref:
        return "", ""
    m = _CELL_REF.match(ref.strip())
    letters, digits = (m.group(1).upper(), m.group(2)) if m else ("", "")
    if len(letters) > 4:
        letters = "ZZZZ"
    if len(digits) > 9:
        digits = "999999999"
    return letters, digits


def book_too_large(path: Path, sheet: str, cells: int) -> DagplejeError:
    """A workbook whose sheets together cross ``cells``, named at the sheet that crossed it."""
    return DagplejeError(
        "roster_book_too_large",
        where=f"{path.name}, {sheet}",
        hint="roster_book_too_large_hint",
        sheet=sheet,
        cells=cells,
    )


def too_large(path: Path, sheet: str, cell: str, cells: int = MAX_SHEET_CELLS) -> DagplejeError:
    """A sheet whose farthest cell ``cell`` lies beyond the limits (named, with the limits)."""
    return DagplejeError(
        "roster_sheet_too_large",
        where=f"{path.name}, {sheet}!{cell}",
        hint="roster_sheet_too_large_hint",
        cell=cell,
        rows=MAX_SHEET_ROWS,
        columns=MAX_SHEET_COLUMNS,
        cells=cells,
    )


def _scan_ods(
    path: Path, zf: zipfile.ZipFile, member: zipfile.ZipInfo, text: _Text, grid: _Grid
) -> None:
    """The extent of each table of an OpenDocument spreadsheet, its repeats summed as the XML
    is parsed. LibreOffice repeats empty rows and cells by the million, which cost nothing;
    only repeats of content count (a 7 KB file can claim a cell with text 200 columns wide on
    200,000 rows, which calamine then builds: 5 GB)."""
    budget = [MAX_UNCOMPRESSED_BYTES]
    from lxml import etree

    row = max_row = max_col = 0
    sheet = ""
    with _Counted(zf, member, budget) as fh:
        for event, element in etree.iterparse(
            fh,
            events=("start", "end"),
            tag=(f"{_ANY}table", f"{_ANY}table-row"),
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=False,
        ):
            if _local(element) == "table":
                if event == "start":
                    sheet = next(iter(_attributes(element, "name")), "")
                    row = max_row = max_col = 0
                else:
                    grid.add(sheet, max_row, max_col, MAX_ODS_CELLS)
                    _release(element)
                continue
            if event == "start":
                continue
            repeat = _repeat(element, "number-rows-repeated")
            col, filled = 0, False
            for cell in element.iterchildren(f"{_ANY}table-cell", f"{_ANY}covered-table-cell"):
                columns = _repeat(cell, "number-columns-repeated")
                col += columns
                if len(cell) or _attributes(cell, "value-type"):
                    filled, max_col = True, max(max_col, col)
                    # a space element <text:s text:c="N"/> stands for N spaces
                    spaces = sum(_repeat(space, "c") for space in cell.iter(f"{_ANY}s"))
                    length = sum(len(t) for t in cell.itertext()) + spaces
                    if length > MAX_CELL_TEXT:
                        where = f"{sheet}!{column_letters(col) or 'A'}{row + 1}"
                        raise _too_long(path, where, length)
                    text.add(length * columns * repeat)  # a repeated cell is built each time
            row += repeat
            if filled:
                max_row = row
            if _beyond(max_row, max_col, MAX_ODS_CELLS):
                cell = f"{column_letters(max_col) or 'A'}{max_row}"
                raise too_large(path, sheet, cell, MAX_ODS_CELLS)
            if not _nested(element):  # a row in another's cell is its text too: kept for it
                _release(element)


def _attributes(element: Any, name: str) -> list[str]:
    """The values of an element's attributes of local name ``name``, in any namespace or none:
    calamine reads an OpenDocument file's ``table:…`` and ``text:…`` by the prefix as written,
    whatever namespace it is bound to, so every spelling is counted."""
    return [v for k, v in element.attrib.items() if k.rpartition("}")[2] == name]


def _repeat(element: Any, name: str) -> int:
    """A repeat count (``number-rows-repeated``, ``c``, …): the largest given, else 1."""
    return max((_number(v, 1) for v in _attributes(element, name)), default=1)


def check_workbook_bytes(path: Path, raw: bytes) -> None:
    """A workbook other than the roster (the plan, the CVR extract) checked as the roster is:
    parts inflated once and counted, sheets parsed against the limits (exit 2 otherwise); a
    file that begins as a compound file is checked as an .xls, and one that begins as a zip as
    a workbook, as calamine reads them, whatever they are called."""
    from dagplejecli.formats.xls import check_xls, is_compound

    if path.suffix.lower() == ".xls" or is_compound(raw):
        check_xls(path, raw)
    # a zip whatever its name, found as calamine finds one (by its end record)
    if path.suffix.lower() in ZIP_SUFFIXES or zipfile.is_zipfile(io.BytesIO(raw)):
        check_zip(path, raw)


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
