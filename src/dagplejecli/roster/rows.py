"""A sheet's rows as the reader goes through them: the rows of data under the header, and one
row's fields read through a column map, each with its cell."""

from __future__ import annotations

from dagplejecli.domain.identifiers import looks_like_cpr
from dagplejecli.domain.shape import Field
from dagplejecli.model import CellRef, RowRef
from dagplejecli.roster.columns import Cols, ColumnMap
from dagplejecli.roster.vocabulary import normalise_words, vocabulary


class RowReader:
    """Reads fields of one row through a column map, remembering each value's cell."""

    def __init__(
        self, file: str, sheet: str, row_no: int, row: list[object], headers: list[str]
    ) -> None:
        self.file, self.sheet, self.row_no, self.row = file, sheet, row_no, row
        self.headers = headers  # the sheet's header row as written
        self.row_ref = RowRef(file, sheet, row_no)

    def values(self, cols: Cols) -> dict[Field, object]:
        """The non-blank values of the fields in ``cols``; a cell of spaces counts as blank.

        One C-speed comprehension per column map (callers pass the result on rather than ask
        again); text is cleaned when a field is read (_text)."""
        row, n = self.row, len(self.row)
        return {
            name: value
            for name, col in cols.items()
            if col < n
            and (
                value and not value.isspace()
                if isinstance(value := row[col], str)
                else value is not None
            )
        }

    def cell(self, col: int) -> CellRef:
        """The cell of column ``col`` (0-based) in this row."""
        return CellRef(self.file, self.sheet, self.row_no, col + 1)

    def header(self, col: int) -> str:
        """Column ``col``'s header as written (its letter when the header cell is blank)."""
        text = self.headers[col] if col < len(self.headers) else ""
        return text or self.cell(col).a1.rstrip("0123456789")


def _first_filled(row: list[object]) -> tuple[object, int]:
    """The row's first filled cell and how many are filled, counted up to three (a cell of
    spaces is blank): enough to tell a row of data from a total or a note."""
    first: object = None
    count = 0
    for v in row:
        if (v and not v.isspace()) if isinstance(v, str) else v is not None:
            if count == 0:
                first = v
            count += 1
            if count > 2:
                break
    return first, count


_FOOTER = vocabulary().footer


def _footer(first: object, count: int) -> bool:
    """A totals or note row: at most two filled cells, the first beginning with a word of the
    vocabulary's [fodnote] («I alt: 250 børn», «Total», «Noter: …»)."""
    if count > 2 or not isinstance(first, str):
        return False
    words = normalise_words(first)
    return any(words == w or words.startswith(f"{w} ") for w in _FOOTER)


def data_rows(cmap: ColumnMap) -> list[tuple[int, list[object]]]:
    """The rows under the header with any value in them, with their 1-based numbers (worked
    out once per sheet). Totals and notes are no person: rows that begin with a footer word
    (``_footer``), and after the last row of two or more values, rows whose one value is a
    text (a note in a merged cell) — set aside in ``cmap.skipped``, for one finding."""
    if cmap.rows is not None:
        return cmap.rows
    out: list[tuple[int, list[object]]] = []
    skipped: list[tuple[int, str]] = []
    last_full = -1  # the index in ``out`` of the last row with two or more values
    start = cmap.header.row  # header.row is 1-based, so this index is the next row
    for index, row in enumerate(cmap.sheet.rows[start:], start=start + 1):
        first, count = _first_filled(row)
        if not count:
            continue
        if _footer(first, count):
            skipped.append((index, str(first)))
            continue
        if count > 1:
            last_full = len(out)
        out.append((index, row))
    # the rows after the last of two or more values: a note each, unless one is a CPR number
    trailing = out[last_full + 1 :] if last_full >= 0 else []
    notes = [
        (index, first)
        for index, row in trailing
        if isinstance(first := _first_filled(row)[0], str)
        and any(ch.isalpha() for ch in first)
        and not looks_like_cpr(first)
    ]
    if notes:
        kept = {index for index, _ in notes}
        out = [(index, row) for index, row in out if index not in kept]
        skipped += notes
    cmap.rows, cmap.skipped = out, sorted(skipped)
    return out
