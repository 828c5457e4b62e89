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
from dataclasses import dataclass
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


def _sheet_xml(header: Sequence[str], rows: Iterable[Sequence[Cell]], drawing: bool = False) -> str:
    """The worksheet, written as ``rows`` come: a row is not kept once it is written.
    ``drawing``: the sheet shows the drawing of its relationship rId1 (a chart)."""
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
    relationships = f' xmlns:r="{_REL}"' if drawing else ""
    parts[0] = (
        f'{_HEAD}<worksheet xmlns="{_MAIN}"{relationships}>'
        f'<sheetViews><sheetView workbookViewId="0">{pane}'
        f"</sheetView></sheetViews>{f'<cols>{cols}</cols>' if cols else ''}<sheetData>"
    )
    parts.append("</sheetData>" + ('<drawing r:id="rId1"/>' if drawing else "") + "</worksheet>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class BarChart:
    """A native bar chart on sheet ``sheet`` (0-based) of the data in that sheet: one bar per
    row ``first_row``..``last_row``, labelled by column ``labels`` (a letter), one series per
    column of ``series``. ``categories`` and each series' ``values`` are the same data, kept in
    the chart so that it draws without recalculation."""

    sheet: int
    title: str
    labels: str
    first_row: int
    categories: tuple[str, ...]
    series: tuple[tuple[str, str, tuple[int, ...]], ...]  # (column letter, name, values)
    anchor: tuple[int, int, int, int] = (9, 1, 19, 24)  # from column, row, to column, row

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.categories) - 1


_CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_SHEET_DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"


def _chart_xml(chart: BarChart, sheet_name: str) -> str:
    quoted = "'" + sheet_name.replace("'", "''") + "'"
    rows = f"${chart.first_row}:$"  # completed per column below
    n = len(chart.categories)

    def ref(col: str) -> str:
        return escape(f"{quoted}!${col}{rows}{col}${chart.last_row}")

    def pts(values: Sequence[object]) -> str:
        return "".join(
            f'<c:pt idx="{i}"><c:v>{escape(str(v))}</c:v></c:pt>' for i, v in enumerate(values)
        )

    categories = (
        f"<c:cat><c:strRef><c:f>{ref(chart.labels)}</c:f><c:strCache>"
        f'<c:ptCount val="{n}"/>{pts(chart.categories)}</c:strCache></c:strRef></c:cat>'
    )
    series = "".join(
        f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>'
        f"<c:tx><c:strRef><c:f>{escape(f'{quoted}!${col}${chart.first_row - 1}')}</c:f>"
        f'<c:strCache><c:ptCount val="1"/>{pts([name])}</c:strCache></c:strRef></c:tx>'
        f'<c:invertIfNegative val="0"/>{categories}'
        f"<c:val><c:numRef><c:f>{ref(col)}</c:f><c:numCache><c:formatCode>General</c:formatCode>"
        f'<c:ptCount val="{n}"/>{pts(values)}</c:numCache></c:numRef></c:val></c:ser>'
        for i, (col, name, values) in enumerate(chart.series)
    )
    title = (
        f"<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{escape(chart.title)}</a:t></a:r>"
        '</a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>'
    )
    axes = (
        '<c:catAx><c:axId val="10"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:tickLblPos val="nextTo"/><c:crossAx val="20"/><c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>'
        '<c:valAx><c:axId val="20"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>'
        '<c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/>'
        '<c:crossAx val="10"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>'
    )
    return (
        f'{_HEAD}<c:chartSpace xmlns:c="{_CHART_NS}" xmlns:a="{_DRAWING_NS}" xmlns:r="{_REL}">'
        f'<c:roundedCorners val="0"/><c:chart>{title}<c:plotArea><c:layout/>'
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        f'{series}<c:gapWidth val="80"/><c:axId val="10"/><c:axId val="20"/></c:barChart>'
        f'{axes}</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
    )


def _drawing_xml(chart: BarChart) -> str:
    c1, r1, c2, r2 = chart.anchor

    def at(tag: str, col: int, row: int) -> str:
        return (
            f"<xdr:{tag}><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:{tag}>"
        )

    return (
        f'{_HEAD}<xdr:wsDr xmlns:xdr="{_SHEET_DRAWING_NS}" xmlns:a="{_DRAWING_NS}">'
        f"<xdr:twoCellAnchor>{at('from', c1, r1)}{at('to', c2, r2)}"
        '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Diagram 1"/>'
        "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>"
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
        f'<a:graphic><a:graphicData uri="{_CHART_NS}">'
        f'<c:chart xmlns:c="{_CHART_NS}" xmlns:r="{_REL}" r:id="rId1"/>'
        "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
        "</xdr:wsDr>"
    )


def _one_relationship(kind: str, target: str) -> str:
    return (
        f'{_HEAD}<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/{kind}" Target="{target}"/></Relationships>'
    )


def sheet_title(name: str, used: set[str]) -> str:
    """A sheet name Excel accepts (no ``[]:*?/\\``, at most 31 characters), unique in the book."""
    clean = re.sub(r"[\[\]:*?/\\]", "_", name).strip("'")[:31] or "Ark"
    title, n = clean, 2
    while title.casefold() in used:
        title = f"{clean[:28]}-{n}"
        n += 1
    used.add(title.casefold())
    return title


def workbook_bytes(sheets: Sequence[Sheet], charts: Sequence[BarChart] = ()) -> bytes:
    """A whole workbook in memory, one (title, header, rows) per sheet; at most one chart on
    a sheet."""
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
    on_sheet = {chart.sheet: k for k, chart in enumerate(charts, start=1)}
    overrides += "".join(
        f'<Override PartName="/xl/drawings/drawing{k}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>'
        f'<Override PartName="/xl/charts/chart{k}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>'
        for k in range(1, len(charts) + 1)
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
            k = on_sheet.get(i - 1)
            put(f"xl/worksheets/sheet{i}.xml", _sheet_xml(header, rows, drawing=k is not None))
            if k is not None:
                chart = charts[k - 1]
                put(
                    f"xl/worksheets/_rels/sheet{i}.xml.rels",
                    _one_relationship("drawing", f"../drawings/drawing{k}.xml"),
                )
                put(f"xl/drawings/drawing{k}.xml", _drawing_xml(chart))
                put(
                    f"xl/drawings/_rels/drawing{k}.xml.rels",
                    _one_relationship("chart", f"../charts/chart{k}.xml"),
                )
                put(f"xl/charts/chart{k}.xml", _chart_xml(chart, titles[i - 1]))
    return buffer.getvalue()


def write_workbook(path: Path, sheets: Sequence[Sheet], charts: Sequence[BarChart] = ()) -> None:
    """Write ``sheets`` (and ``charts``) to ``path`` (callers wrap this in an atomic write)."""
    path.write_bytes(workbook_bytes(sheets, charts))
