"""A report grouped by dagplejer: a childcare system's «Børneliste pr. dagplejer» names each
dagplejer on a row of its own over her children («Dagplejer: Hanne Sørensen (41789)»), not on
their rows. Read as if each child's row had a column «Dagplejer» holding the heading above it:
the heading's cell is that cell (a finding about the reference names the heading, where the
user would correct it), and the reference is read as any other, role words and all."""

from __future__ import annotations

from dagplejecli.domain.shape import Field, Owner
from dagplejecli.formats.sheets import RawSheet
from dagplejecli.roster.headers import HeaderRow, header_row_at, normalise_header
from dagplejecli.roster.rows import section_heading

HEADING_COLUMN = "Dagplejer"  # the column each row's heading is read in


def names_dagplejer(header: HeaderRow, configured: str | None) -> bool:
    """Whether the children's rows say their dagplejer: a column whose header says it, or the
    one ``[roster.boern_kolonner] dagplejer`` names."""
    if configured is not None and normalise_header(configured) in map(
        normalise_header, header.texts
    ):
        return True
    return any(
        m is not None and (m.owner == Owner.DAGPLEJER_REF or m.field == Field.DAGPLEJER)
        for m in header.meanings
    )


def ungroup(sheet: RawSheet, header: HeaderRow) -> tuple[RawSheet, HeaderRow] | None:
    """The sheet with the column «Dagplejer» after its own, each row under a heading holding
    the heading's text (its cell the heading's, ``RawSheet.elsewhere``); None when no row under
    the header is a heading (``rows.section_heading``). The heading rows themselves, repeated
    headers and a group's totals stay as they are, for the reading to set aside (DP256)."""
    start = header.row  # the first row under the header (0-based)
    # the first group's heading may stand over the header row (the header repeats or not)
    headings = {
        i: text for i, row in enumerate(sheet.rows) if (text := section_heading(row)) is not None
    }
    if not headings:
        return None
    width = max(len(row) for row in sheet.rows)
    out = RawSheet(sheet.name, [], sheet.file, sheet.hidden, source=sheet)
    top = [_padded(row, width) for row in sheet.rows[:start]]
    top[-1] = [*top[-1], HEADING_COLUMN]
    out.rows = top
    current, at = "", (0, 0)
    own = _texts(sheet.rows[start - 1])
    for i, row in enumerate(sheet.rows):
        if i in headings:
            current = headings[i]
            col = next(c for c, v in enumerate(row) if v not in ("", None))
            at = (i + 1, col)
        if i < start:
            continue
        if i in headings:
            out.rows.append([*_padded(row, width), ""])
        elif own and _texts(row) == own:  # the header again over a group: with the column too
            out.rows.append([*_padded(row, width), HEADING_COLUMN])
        elif current and any(v not in ("", None) for v in row):
            out.rows.append([*_padded(row, width), current])
            out.elsewhere[i + 1] = ((width, *at),)
        else:
            out.rows.append([*_padded(row, width), ""])
    above = out.rows[start - 2] if start > 1 else None
    return out, header_row_at(start - 1, out.rows[start - 1], above)


def _texts(row: list[object]) -> list[str]:
    """A row's texts as a header's are compared, without the blank cells at its end."""
    texts = [" ".join(str(v).split()) if v is not None else "" for v in row]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def _padded(row: list[object], width: int) -> list[object]:
    return row + [""] * (width - len(row)) if len(row) < width else row
