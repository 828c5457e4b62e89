"""Workbooks for people. Every text is written as a text cell, never as a formula."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

Cell = object


def new_workbook() -> Any:
    """A write-only workbook (fast, small memory)."""
    return Workbook(write_only=True)


def text_cell(ws: Any, value: Cell, bold: bool = False) -> Any:
    """A cell whose text is stored as text: ``=cmd|…`` stays inert in Excel."""
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would otherwise store a leading "=" as a formula
    if bold:
        cell.font = Font(bold=True)
    return cell


def add_sheet(wb: Any, title: str, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Any:
    ws = wb.create_sheet(title=title)
    ws.append([text_cell(ws, h, bold=True) for h in header])
    for row in rows:
        ws.append([text_cell(ws, v) for v in row])
    return ws


def workbook_bytes(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Cell]]]]) -> bytes:
    """A whole workbook in memory, one (title, header, rows) per sheet."""
    wb = new_workbook()
    for title, header, rows in sheets:
        add_sheet(wb, title, header, rows)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
