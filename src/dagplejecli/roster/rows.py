"""A sheet's rows as the reader goes through them: the rows of data under the header, and one
row's fields read through a column map, each with its cell."""

from __future__ import annotations

from dagplejecli.domain.shape import Field
from dagplejecli.model import CellRef, RowRef
from dagplejecli.roster.columns import Cols, ColumnMap


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


def data_rows(cmap: ColumnMap) -> list[tuple[int, list[object]]]:
    """The rows under the header with any value in them, with their 1-based numbers."""
    out = []
    start = cmap.header.row  # header.row is 1-based, so this index is the next row
    for index, row in enumerate(cmap.sheet.rows[start:], start=start + 1):
        # usually the first cell decides; only rows of blanks are looked at whole
        for v in row:
            if isinstance(v, str):
                if v and not v.isspace():
                    out.append((index, row))
                    break
            elif v is not None:
                out.append((index, row))
                break
    return out
