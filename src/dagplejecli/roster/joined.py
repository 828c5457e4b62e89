"""Sheets alike read as one: a workbook with a sheet per district («Nord», «Syd», «Vest»), each
with the same header row, is one roster. Each row keeps its own sheet and row number (its
cells are named as they stand), and its sheet's name stands in a column «Ark», which the
areas' rules can use (``hvor = { Ark = ["Nord"] }``)."""

from __future__ import annotations

from dagplejecli.formats.sheets import RawSheet
from dagplejecli.roster.headers import HeaderRow, header_row_at, normalise_header

SHEET_COLUMN = "Ark"  # the column that holds each row's sheet


def _headers(header: HeaderRow) -> list[str]:
    """A header row's texts as compared, without the blank cells after the last header."""
    texts = [normalise_header(t) for t in header.texts]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def alike(parts: list[tuple[RawSheet, HeaderRow]]) -> bool:
    """Whether the sheets have the same headers in the same columns (each its own header
    row: a title block may differ)."""
    first = _headers(parts[0][1])
    return bool(first) and all(_headers(header) == first for _, header in parts[1:])


def split(parts: list[tuple[RawSheet, HeaderRow]]) -> bool:
    """Whether sheets alike are one roster split up: no row of data stands on two of them
    (two copies of a list, or a list and its older copy, are not one roster)."""
    seen: set[tuple[object, ...]] = set()
    for sheet, header in parts:
        rows = {tuple(v for v in row if v not in ("", None)) for row in sheet.rows[header.row :]}
        rows.discard(())
        if rows & seen:
            return False
        seen |= rows
    return True


def join(parts: list[tuple[RawSheet, HeaderRow]]) -> tuple[RawSheet, HeaderRow]:
    """One sheet of ``parts`` (alike): the first's rows down to its header row, with «Ark»
    after the last column, then each part's rows under its header, each with the part's name
    in «Ark». The sheet's ``parts`` say where each row stands."""
    first, header = parts[0]
    width = max(len(row) for sheet, _ in parts for row in sheet.rows)
    joined = RawSheet(", ".join(s.name for s, _ in parts), [], first.file, False)
    top = [_padded(row, width) for row in first.rows[: header.row]]
    top[-1] = [*top[-1], SHEET_COLUMN]
    joined.rows = top
    for sheet, head in parts:
        start = 0 if sheet is first else len(joined.rows)
        joined.parts.append((sheet, start, 1 if sheet is first else head.row + 1))
        # the sheet's name in each row of data (a blank row stays blank: no one)
        joined.rows += [
            [*_padded(row, width), sheet.name if any(v not in ("", None) for v in row) else ""]
            for row in sheet.rows[head.row :]
        ]
    above = joined.rows[header.row - 2] if header.row > 1 else None
    return joined, header_row_at(header.row - 1, joined.rows[header.row - 1], above)


def _padded(row: list[object], width: int) -> list[object]:
    return row + [""] * (width - len(row)) if len(row) < width else row
