"""A report grouped by dagplejer: a childcare system's «Børneliste pr. dagplejer» names each
dagplejer on a row of its own over her children («Dagplejer: Hanne Sørensen (41789)»), not on
their rows. Read as if each child's row had a column «Dagplejer» holding the heading above it:
the heading's cell is that cell (a finding about the reference names the heading, where the
user would correct it), and the reference is read as any other, role words and all."""

from __future__ import annotations

from dagplejecli.domain.shape import Field, Owner
from dagplejecli.formats.sheets import RawSheet
from dagplejecli.roster.headers import HeaderRow, header_row_at, normalise_header
from dagplejecli.roster.joined import padded
from dagplejecli.roster.rows import footer_text, is_filled, repeats_header, section_heading
from dagplejecli.roster.vocabulary import vocabulary

HEADING_COLUMN = "Dagplejer"  # the column each row's heading is read in
_GROUP_WORDS = frozenset(vocabulary().group_words)


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


def ungroup(
    sheet: RawSheet, header: HeaderRow, one_group: bool = False
) -> tuple[RawSheet, HeaderRow] | None:
    """The sheet with the column «Dagplejer» after its own, each child's row holding the
    heading of its group (its cell the heading's, ``RawSheet.elsewhere``); None when no row
    of a child stands in a group under a heading (``rows.section_heading``).

    A group is a heading, perhaps the header again, and its children's rows; it ends at the
    first row after them that is no child's — a blank row, a total or a note, the header
    again. A child after that, without a heading of its own, has no dagplejer (never the last
    heading's). The first group's heading may stand over the header row, with only blank rows
    between; a title there is no heading when no group is under the header (``one_group``: it
    is, on a sheet of one group among sheets grouped). The heading rows, repeated headers and
    totals stay, for the reading to set aside (DP256)."""
    start = header.row  # the first row under the header (0-based)
    own = [t.strip().casefold() for t in header.texts]  # as a repeated header is compared
    width = max(map(_width, sheet.rows))  # the column after the last filled
    out = RawSheet(sheet.name, [], sheet.file, sheet.hidden, source=sheet)
    out.rows = [padded(row, width) for row in sheet.rows[:start]]
    out.rows[-1] = [*out.rows[-1], HEADING_COLUMN]
    current, children, linked = _heading_over(sheet.rows[: start - 1]), False, False
    for i, row in enumerate(sheet.rows[start:], start=start):
        text = _group_heading(row)
        cells = [(c, v) for c, v in enumerate(row) if v not in ("", None)]
        if text is not None:
            current, children = (text, (i + 1, cells[0][0])), False
            out.rows.append([*padded(row, width), ""])
            continue
        if repeats_header(row, own):  # the header again over a group: with the column too
            current = current if not children else None
            out.rows.append([*padded(row, width), HEADING_COLUMN])
        elif section_heading(row) or len(cells) < 2 or footer_text(str(cells[0][1])):
            # blank, a note, a total, another role's line («Vikar: …»): after children, the
            # group's end; a finding about the row, were it read as a child, names its own cell
            current = current if not children else None
            out.rows.append([*padded(row, width), ""])
            if cells:
                out.elsewhere[i + 1] = ((width, i + 1, cells[0][0]),)
        elif current:
            out.rows.append([*padded(row, width), current[0]])
            out.elsewhere[i + 1] = ((width, *current[1]),)
            children = linked = True
        else:  # no group: no dagplejer, and a finding about it names the row's first cell
            out.rows.append([*padded(row, width), ""])
            out.elsewhere[i + 1] = ((width, i + 1, 0),)
    grouped = one_group or any(_group_heading(r) for r in sheet.rows[start:])
    if not linked or not grouped:
        return None  # no child under a heading, or no group under the header: no grouped list
    above = out.rows[start - 2] if start > 1 else None
    return out, header_row_at(start - 1, out.rows[start - 1], above)


def _heading_over(rows: list[list[object]]) -> tuple[str, tuple[int, int]] | None:
    """The first group's heading over the header row: the nearest group heading, with only
    blank rows and other roles' lines («Gæstedagplejer: …») between."""
    for i in range(len(rows) - 1, -1, -1):
        cells = [(c, v) for c, v in enumerate(rows[i]) if v not in ("", None)]
        if not cells:
            continue
        if (text := _group_heading(rows[i])) is not None:
            return text, (i + 1, cells[0][0])
        if section_heading(rows[i]) is None:
            return None
    return None


def _group_heading(row: list[object]) -> str | None:
    """A heading that names a group's own dagplejer: its role word one of the vocabulary's
    ``gruppeord`` (not «Gæstedagplejer: …» or «Vikar: …», another's line in a group)."""
    text = section_heading(row)
    if text is None:
        return None
    return text if text.split(None, 1)[0].casefold().rstrip(":") in _GROUP_WORDS else None


def _width(row: list[object]) -> int:
    """Where a row's filled cells end: its last filled column, plus one."""
    return next((i + 1 for i in range(len(row) - 1, -1, -1) if is_filled(row[i])), 0)


def ungroup_parts(
    parts: list[tuple[RawSheet, HeaderRow]], configured: str | None
) -> list[tuple[RawSheet, HeaderRow]]:
    """Sheets to be read as one, each grouped by dagplejer read by its headings first (its
    first group's heading is in its title block, which joining would make every row's)."""
    if len(parts) < 2:
        return parts
    free = [not names_dagplejer(header, configured) for _, header in parts]
    grouped = [ungroup(*part) if f else None for part, f in zip(parts, free, strict=True)]
    if not any(grouped):
        return parts
    # beside sheets grouped, a sheet of one group: its heading over the header is one too
    return [
        got or (f and ungroup(*part, one_group=True)) or part
        for part, f, got in zip(parts, free, grouped, strict=True)
    ]
