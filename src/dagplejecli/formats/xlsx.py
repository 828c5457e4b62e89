"""Workbooks for people, written directly as Office Open XML.

Every text is an inline string cell, so nothing the tool writes can become a formula
(``=cmd|…`` stays inert text). Writing the XML ourselves is many times faster than a general
library on the national-scale rosters, and the bytes are deterministic (fixed zip timestamps).
The header row is bold and frozen; columns get a width that fits their content.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import cast

from dagplejecli.formats.xml import escape, needs_escaping
from dagplejecli.model import column_letters

Cell = object
Sheet = tuple[str, Sequence[str], Iterable[Sequence[Cell]]]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_WIDTH_SAMPLE = 300
_MAX_WIDTH = 60

_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _cell(ref: str, value: Cell, style: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="inlineStr"><is><t>{"ja" if value else "nej"}</t></is></c>'
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return f'<c r="{ref}"{style}><v>{value!r}</v></c>'
    return (
        f'<c r="{ref}"{style} t="inlineStr"><is>'
        f'<t xml:space="preserve">{escape(str(value))}</t></is></c>'
    )


_TEXT = '" t="inlineStr"><is><t xml:space="preserve">'  # between a text cell's reference and text


def _row_xml(r: int, row: Sequence[Cell], letters: list[str], style: str = "") -> str:
    """One ``<row>`` with ``style`` on every cell. The usual row, text only and no style, is
    checked for escaping once and written in one pass; any other row cell by cell."""
    while len(letters) < len(row):
        letters.append(column_letters(len(letters) + 1))
    n = str(r)
    texts = cast("Sequence[str]", row)
    try:  # joining fails (TypeError) when a cell is a number, a boolean or None
        joined = None if style else "".join(texts)
    except TypeError:
        joined = None
    if joined is None:
        cells = "".join(_cell(f"{c}{n}", v, style) for c, v in zip(letters, row, strict=False))
    else:
        if needs_escaping(joined):
            texts = [escape(v) for v in texts]
        cells = "".join(
            [
                f'<c r="{c}{n}{_TEXT}{v}</t></is></c>'
                for c, v in zip(letters, texts, strict=False)
                if v
            ]
        )
    return f'<row r="{n}">{cells}</row>'


def _sheet_xml(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """The worksheet, written as ``rows`` come: a row is not kept once it is written."""
    letters = [column_letters(i + 1) for i in range(max(len(header), 1))]
    widths = [len(str(h)) for h in header]
    # parts[0] is the head, known once the rows have sized the columns; the sheet is joined
    # once, head to tail (it is tens of MB for a national roster: not copied twice)
    parts = ["", _row_xml(1, header, letters, ' s="1"')]
    for r, row in enumerate(rows, start=2):
        parts.append(_row_xml(r, row, letters))
        if r <= _WIDTH_SAMPLE:
            for c, v in enumerate(row):
                size = len(str(v)) if v is not None else 0
                if c >= len(widths):
                    widths.append(size)
                elif size > widths[c]:
                    widths[c] = size
    cols = "".join(
        f'<col min="{i + 1}" max="{i + 1}" width="{min(w + 2, _MAX_WIDTH)}" customWidth="1"/>'
        for i, w in enumerate(widths)
    )
    pane = '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    parts[0] = (
        f'{_HEAD}<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0">{pane}'
        f"</sheetView></sheetViews>{f'<cols>{cols}</cols>' if cols else ''}<sheetData>"
    )
    parts.append("</sheetData></worksheet>")
    return "".join(parts)


def sheet_title(name: str, used: set[str]) -> str:
    """A sheet name Excel accepts (no ``[]:*?/\\``, at most 31 characters), unique in the book."""
    clean = re.sub(r"[\[\]:*?/\\]", "_", name).strip("'")[:31] or "Ark"
    title, n = clean, 2
    while title.casefold() in used:
        title = f"{clean[:28]}-{n}"
        n += 1
    used.add(title.casefold())
    return title


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A whole workbook in memory, one (title, header, rows) per sheet."""
    used: set[str] = set()
    titles = [sheet_title(title, used) for title, _, _ in sheets]
    # an attribute value: quotes escaped, line breaks as references so that they survive parsing
    names = [escape(t, quotes=True, line_breaks="reference") for t in titles]
    n = len(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, n + 1)
    )
    content_types = (
        f'{_HEAD}<Types xmlns="{_PKG}/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{overrides}</Types>"
    )
    root_rels = (
        f'{_HEAD}<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    book = (
        f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        + "".join(
            f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
            for i, name in enumerate(names, start=1)
        )
        + "</sheets></workbook>"
    )
    book_rels = (
        f'{_HEAD}<Relationships xmlns="{_PKG}/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        + f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:

        def put(name: str, text: str) -> None:
            info = zipfile.ZipInfo(name, _TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"), compresslevel=1)  # speed over size

        put("[Content_Types].xml", content_types)
        put("_rels/.rels", root_rels)
        put("xl/workbook.xml", book)
        put("xl/_rels/workbook.xml.rels", book_rels)
        put("xl/styles.xml", _STYLES)
        for i, (_, header, rows) in enumerate(sheets, start=1):
            put(f"xl/worksheets/sheet{i}.xml", _sheet_xml(header, rows))
    return buffer.getvalue()


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write ``sheets`` to ``path`` (callers wrap this in an atomic write)."""
    path.write_bytes(workbook_bytes(sheets))
