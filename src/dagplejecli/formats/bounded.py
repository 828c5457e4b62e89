"""A spreadsheet's zip and XML checked against ``limits.py`` before any reader parses them:
the roster, the CVR extract and the plan workbook all pass through ``check_zip``.

Every part a reader will parse — found through the workbook's relationships — is inflated once
with a hard byte count (a header that understates a part's size is refused), holds no DTD,
and is either proven to be in the plain form a spreadsheet program writes (a few searches at
the speed of the C regex engine) or parsed by a streaming XML parser that counts rows, cells,
the farthest column and the longest text as it goes. The caller then parses the same bytes.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from dagplejecli.errors import DagplejeError
from dagplejecli.limits import (
    MAX_CELL_TEXT,
    MAX_SHEET_CELLS,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
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
CHUNK = 1024 * 1024

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_CELL_REF = re.compile(r"([A-Za-z]*)([0-9]*)")


def _not_workbook(path: Path) -> DagplejeError:
    return DagplejeError("roster_not_workbook", where=str(path), hint="roster_not_workbook_hint")


def check_zip(path: Path, raw: bytes) -> bool:
    """Every part of the zip inflated once, with a hard count of the bytes it really holds (a
    header that understates a part's size is refused, not believed), no DTD anywhere, and each
    part calamine reads as a sheet or as shared strings parsed by a streaming XML parser that
    counts rows, cells, the farthest column and the longest text against ``limits.py``. The
    caller then gives calamine these same bytes. True when the text may not be in NFC (the
    cells are then normalised one by one; a workbook whose parts are NFC and hold no character
    references needs no pass over its cells)."""
    normal = True
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            members = zf.infolist()
            _check_sizes(path, members)
            names = [m.filename for m in members]
            if len(set(names)) != len(names):  # two readers may take different ones
                raise _not_workbook(path)
            ods = path.suffix.lower() == ".ods"
            sheets, shared = ({}, []) if ods else _workbook_parts(zf, set(names))
            budget = [MAX_UNCOMPRESSED_BYTES]  # every part inflated once, counted together
            for m in members:
                if m.filename in sheets or m.filename in shared:
                    data = _read_counted(zf, m, budget)
                    if _dtd_in(data):
                        raise DagplejeError("roster_xml_entities", where=f"{path} ({m.filename})")
                    normal = normal and _is_nfc(data)
                    if m.filename in sheets and not _plain_sheet(data):
                        _scan_sheet(path, zf, m, sheets[m.filename])
                    if m.filename in shared and not _plain_shared_strings(data):
                        _scan_shared_strings(path, zf, m, sheets)
                elif _has_dtd(zf, m, budget) and m.filename.endswith((".xml", ".rels")):
                    raise DagplejeError("roster_xml_entities", where=f"{path} ({m.filename})")
            if ods and "content.xml" in names:
                _scan_ods(path, zf, zf.getinfo("content.xml"))
                normal = False
    except DagplejeError:
        raise
    except (*_ZIP_ERRORS, etree_errors()):
        raise _not_workbook(path) from None
    return not normal


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


def _has_dtd(zf: zipfile.ZipFile, member: zipfile.ZipInfo, budget: list[int]) -> bool:
    """A DTD anywhere in the part, not only in its first bytes; inflated in chunks, counted."""
    tail = b""
    with _Counted(zf, member, budget) as fh:
        while chunk := fh.read(CHUNK):
            if _dtd_in(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


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


def _workbook_parts(zf: zipfile.ZipFile, names: set[str]) -> tuple[dict[str, str], list[str]]:
    """The worksheets (part → sheet name) and shared strings the workbook's relationships
    name, wherever in the zip they are stored; the usual places too, as a reader may look
    there whatever the relationships say."""
    from defusedxml import ElementTree as SafeET

    def target(base: str, ref: str) -> str:
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

    book = "xl/workbook.xml"
    try:
        for rel in SafeET.fromstring(zf.read("_rels/.rels")):
            if rel.get("Type", "").endswith("/officeDocument"):
                book = target("", rel.get("Target", ""))
    except (KeyError, SafeET.ParseError):
        pass
    folder, leaf = book.rsplit("/", 1) if "/" in book else ("", book)
    rels_name = f"{folder}/_rels/{leaf}.rels" if folder else f"_rels/{leaf}.rels"
    sheets: dict[str, str] = {}
    shared = {"xl/sharedStrings.xml"} & names
    ids: dict[str, str] = {}
    try:
        for rel in SafeET.fromstring(zf.read(rels_name)):
            kind, part = rel.get("Type", ""), target(book, rel.get("Target", ""))
            if part not in names:
                continue
            if kind.endswith("/sharedStrings"):
                shared.add(part)
            elif kind.endswith(("/worksheet", "/chartsheet", "/dialogsheet", "/macrosheet")):
                ids[rel.get("Id", "")] = part
                sheets[part] = part
        rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        for sheet in SafeET.fromstring(zf.read(book)).iter():
            if sheet.tag.endswith("}sheet") and sheet.get(rid) in ids:
                sheets[ids[sheet.get(rid, "")]] = sheet.get("name", "")
    except (KeyError, SafeET.ParseError):
        pass
    for name in names:  # where a reader may look whatever the relationships say
        if name.startswith("xl/worksheets/") and name.endswith(".xml") and name not in sheets:
            sheets[name] = name
    return sheets, sorted(shared)


# The plain form a spreadsheet program writes, recognised at the speed of the C regex engine,
# so that a usual roster is not parsed twice in Python. It is a proof that holds for any bytes,
# well-formed XML or not, because it looks at every place an XML reader could see a cell:
# - the part is UTF-8 or ASCII (no byte order mark of another encoding, no other encoding
#   declared, no NUL byte), so every tag a reader can see stands in the bytes as ASCII;
# - it holds no comment, CDATA section, processing instruction or declaration after the XML
#   declaration, so no text or tag is hidden from the count below and no text is split by one;
# - no prefixed ``c``, ``f`` or ``si`` (a ``:c`` followed by anything that cannot continue a
#   name, anywhere: stricter than needed), no formula (``<f``), and every ``<c`` a reader
#   could take as a cell's start tag (followed by anything that cannot continue a name) is
#   exactly ``<c r="LL99999"``, then at most ``s`` and ``t`` once each, then the tag's end.
# Then the cell references give the extent exactly (the farthest column and row), and the text
# of a cell lies between its tag and the next cell's, so the longest stretch between two cells
# bounds the longest text. Anything else is counted by the streaming parser (_scan_sheet).
_NAME_GOES_ON = rb"(?![\w.:\x80-\xff-])"  # the tag's name ends here
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:<\?xml\s[^<>]*\?>)?")
_UTF8_DECLARED = re.compile(rb"encoding\s*=\s*[\"']utf-?8[\"']", re.IGNORECASE)
# Each searched on its own: a pattern that begins with a literal is found at C speed.
_NOT_PLAIN_SHEET = tuple(
    re.compile(pattern)
    for pattern in (
        rb"<[!?]",  # comment, CDATA, declaration, processing instruction
        rb":(?:c|f|si)" + _NAME_GOES_ON,  # a prefixed cell, formula or string (or more)
        rb"<f" + _NAME_GOES_ON,  # a formula
        rb'<c(?! r="|[\w.:\x80-\xff-])',  # a cell's start tag not followed by ` r="`
        # a cell's start tag with another reference or other attributes
        rb'<c r="(?![A-Z]{1,2}[1-9][0-9]{0,4}"(?: s="[0-9]{1,6}")?(?: t="[a-zA-Z]{1,12}")?/?>)',
    )
)
_NOT_PLAIN_SHARED = (*_NOT_PLAIN_SHEET[:2], re.compile(rb"<si" + _NAME_GOES_ON + rb"(?!>)"))
_WIDE_CELL = re.compile(rb'<c r="([A-Z]{2})[1-9]')


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
    with _Counted(zf, member, budget) as fh:
        return fh.read()


def _plain_sheet(data: bytes) -> bool:
    """The worksheet is in the plain form and within every limit (see above)."""
    body = _body(data)
    if body is None or any(odd.search(body) for odd in _NOT_PLAIN_SHEET):
        return False
    # columns of one letter (26) and rows of at most five digits are far within the limits;
    # two letters only while the columns x 99,999 rows stay within the cells
    wide = {column_number(m.decode()) for m in set(_WIDE_CELL.findall(body))}
    if max(wide, default=26) * 99_999 > MAX_SHEET_CELLS:
        return False
    return max(map(len, body.split(b'<c r="')), default=0) <= MAX_CELL_TEXT


def _plain_shared_strings(data: bytes) -> bool:
    """Every shared string begins ``<si>``, and none spans more bytes than a cell holds."""
    body = _body(data)
    if body is None or any(odd.search(body) for odd in _NOT_PLAIN_SHARED):
        return False
    return max(map(len, body.split(b"<si>")), default=0) <= MAX_CELL_TEXT


def _scan_sheet(path: Path, zf: zipfile.ZipFile, member: zipfile.ZipInfo, sheet: str) -> None:
    """Rows, cells, the farthest column and the longest text of one worksheet, counted as the
    XML is parsed (a cell without ``r`` is the next one, as calamine reads it). The work per
    cell is kept to its reference: a row's text and formulas are looked at cell by cell only
    when the row as a whole could hold a problem."""
    budget = [MAX_UNCOMPRESSED_BYTES]
    tags = tuple(f"{{{ns}}}row" for ns in (_MAIN, _STRICT))
    last_row = widest = highest = 0
    with _Counted(zf, member, budget) as fh:
        for _, row in _iterparse(fh, tags):
            ns = row.tag[: row.tag.index("}") + 1]
            number = _number(row.get("r"), last_row + 1)
            column = 0
            for cell in row.iterchildren(f"{ns}c"):
                ref = cell.get("r")
                if ref is None:
                    column += 1
                elif len(ref) > 1 and "A" <= ref[0] <= "Z" and ref[1:].isdigit() and ref.isascii():
                    column, number = ord(ref[0]) - 64, int(ref[1:])
                else:
                    letters, digits = _split_ref(ref)
                    column = column_number(letters) if letters else column + 1
                    number = int(digits) if digits else number
                if column > widest:
                    widest = column
                if number > highest:
                    highest = number
                if (
                    highest > MAX_SHEET_ROWS
                    or widest > MAX_SHEET_COLUMNS
                    or highest * widest > MAX_SHEET_CELLS
                ):
                    raise too_large(path, sheet, f"{column_letters(column) or 'A'}{number}")
            if number > MAX_SHEET_ROWS:
                raise too_large(path, sheet, f"A{number}")
            # the row's text in all (runs and CDATA joined): no cell in it can be longer
            if row.find(f".//{ns}f") is not None or sum(map(len, row.itertext())) > MAX_CELL_TEXT:
                _check_row_cells(path, sheet, row, ns, _number(row.get("r"), last_row + 1))
            last_row = number
            _release(row)


def _check_row_cells(path: Path, sheet: str, row: Any, ns: str, number: int) -> None:
    column = 0
    for cell in row.iterchildren(f"{ns}c"):
        letters, digits = _split_ref(cell.get("r"))
        column = column_number(letters) if letters else column + 1
        number = int(digits) if digits else number
        _check_cell(path, sheet, cell, ns, f"{column_letters(column)}{number}")


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
    return sum(len(t.text or "") for t in element.iter(f"{ns}t") if t.getparent().tag != f"{ns}rPh")


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
) -> None:
    budget = [MAX_UNCOMPRESSED_BYTES]
    tags = tuple(f"{{{ns}}}si" for ns in (_MAIN, _STRICT))
    with _Counted(zf, member, budget) as fh:
        for index, (_, item) in enumerate(_iterparse(fh, tags)):
            length = sum(map(len, item.itertext()))
            if length > MAX_CELL_TEXT:
                length = _text_length(item, item.tag[: item.tag.index("}") + 1])
            if length > MAX_CELL_TEXT:
                raise _too_long(path, _shared_string_cell(zf, index, sheets), length)
            _release(item)


def _shared_string_cell(zf: zipfile.ZipFile, index: int, sheets: dict[str, str]) -> str:
    """The first cell that shows shared string ``index`` (only to name it in a message)."""
    for part, sheet in sheets.items():
        last_row = 0
        budget = [MAX_UNCOMPRESSED_BYTES]
        tags = tuple(f"{{{ns}}}row" for ns in (_MAIN, _STRICT))
        with _Counted(zf, zf.getinfo(part), budget) as fh:
            for _, row in _iterparse(fh, tags):
                ns = row.tag[: row.tag.index("}") + 1]
                number, column = _number(row.get("r"), last_row + 1), 0
                for cell in row.iterchildren(f"{ns}c"):
                    letters, digits = _split_ref(cell.get("r"))
                    column = column_number(letters) if letters else column + 1
                    number = int(digits) if digits else number
                    value = cell.find(f"{ns}v")
                    if cell.get("t") == "s" and value is not None and value.text == str(index):
                        return f"{sheet}!{column_letters(column)}{number}"
                last_row = number
                _release(row)
    return "xl/sharedStrings.xml"


def _number(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and len(text) < 10 else default


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


def too_large(path: Path, sheet: str, cell: str) -> DagplejeError:
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


def _scan_ods(path: Path, zf: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """The extent of each table of an OpenDocument spreadsheet, its repeats summed as the XML
    is parsed. LibreOffice repeats empty rows and cells by the million, which cost nothing;
    only repeats of content count (a 7 KB file can claim a cell with text 200 columns wide on
    200,000 rows, which calamine then builds: 5 GB)."""
    budget = [MAX_UNCOMPRESSED_BYTES]
    table_tag, row_tag = f"{{{_TABLE}}}table", f"{{{_TABLE}}}table-row"
    cells = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
    repeat_rows = f"{{{_TABLE}}}number-rows-repeated"
    repeat_cols = f"{{{_TABLE}}}number-columns-repeated"
    value_type = f"{{{_OFFICE}}}value-type"
    from lxml import etree

    row = max_row = max_col = 0
    sheet = ""
    with _Counted(zf, member, budget) as fh:
        for event, element in etree.iterparse(
            fh,
            events=("start", "end"),
            tag=(table_tag, row_tag),
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=False,
        ):
            if element.tag == table_tag:
                if event == "start":
                    sheet = element.get(f"{{{_TABLE}}}name", "")
                    row = max_row = max_col = 0
                else:
                    _release(element)
                continue
            if event == "start":
                continue
            repeat = _number(element.get(repeat_rows), 1)
            col, filled = 0, False
            for cell in element.iterchildren(*cells):
                col += _number(cell.get(repeat_cols), 1)
                if len(cell) or cell.get(value_type) is not None:
                    filled, max_col = True, max(max_col, col)
                    length = sum(len(t) for t in cell.itertext())
                    if length > MAX_CELL_TEXT:
                        where = f"{sheet}!{column_letters(col) or 'A'}{row + 1}"
                        raise _too_long(path, where, length)
            row += repeat
            if filled:
                max_row = row
            if (
                max_row > MAX_SHEET_ROWS
                or max_col > MAX_SHEET_COLUMNS
                or max_row * max_col > MAX_SHEET_CELLS
            ):
                raise too_large(path, sheet, f"{column_letters(max_col) or 'A'}{max_row}")
            _release(element)


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


def check_workbook_bytes(path: Path, raw: bytes) -> None:
    """A workbook other than the roster (the plan, the CVR extract) checked as the roster is:
    parts inflated once and counted, sheets parsed against the limits (exit 2 otherwise)."""
    if path.suffix.lower() in ZIP_SUFFIXES:
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
