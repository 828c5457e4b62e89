"""Sheets alike read as one: a workbook with a sheet per district («Nord», «Syd», «Vest»), each
with the same header row, is one roster. Each row keeps its own sheet and row number (its
cells are named as they stand), and its sheet's name stands in a column «Ark», which the
areas' rules can use (``hvor = { Ark = ["Nord"] }``).

A sheet per dagplejer often says whose it is in its title block («Dagplejer: Hanne Sørensen»,
«Medarbejdernr: 41789») rather than on every row: such a field, written on every sheet with a
value of each sheet's own, becomes a column after «Ark», read by its header as any column is."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from dagplejecli.domain.shape import Field, Owner
from dagplejecli.domain.values import normalise_date
from dagplejecli.formats.sheets import RawSheet
from dagplejecli.roster.headers import (
    HeaderMeaning,
    HeaderRow,
    header_row_at,
    normalise_header,
    read_header,
)

SHEET_COLUMN = "Ark"  # the column that holds each row's sheet


def _headers(header: HeaderRow) -> list[str]:
    """A header row's texts as compared, without the blank cells after the last header."""
    texts = [normalise_header(t) for t in header.texts]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def alike(parts: list[tuple[RawSheet, HeaderRow]]) -> bool:
    """Whether the sheets have the same headers (each its own header row: a title block may
    differ), in the same columns or each in a column of its own (``order``)."""
    first = parts[0][1]
    return bool(_headers(first)) and all(order(first, header) is not None for _, header in parts)


def unlike(parts: list[tuple[RawSheet, HeaderRow]]) -> tuple[str, list[str]]:
    """The first sheet not alike the first one, and the headers as written that only one of
    the two has, or has twice, or leaves blank (for the message that says it)."""
    first = parts[0][1]
    for sheet, header in parts[1:]:
        if order(first, header) is None:
            theirs, own = Counter(_headers(first)), Counter(_headers(header))
            odd = [h for h, n in (own - theirs).items()] + [h for h, n in (theirs - own).items()]
            odd += [h for h, n in own.items() if n > 1 or not h]
            written = {normalise_header(t): t for t in (*first.texts, *header.texts)}
            return sheet.name, [written.get(h, h) for h in dict.fromkeys(odd)]
    return parts[0][0].name, []


def order(first: HeaderRow, header: HeaderRow) -> tuple[int, ...] | None:
    """Where ``header``'s sheet has each of ``first``'s columns: empty when in the same
    columns; the column of each, when the same headers stand in another order, each header
    once and none blank (a column is then known by its header alone); else None."""
    theirs, own = _headers(first), _headers(header)
    if own == theirs:
        return ()
    if sorted(own) != sorted(theirs) or "" in own or len(set(own)) != len(own):
        return None
    return tuple(own.index(text) for text in theirs)


# The fields that say who a row is, and name-and-address protection (a protected child on a
# sheet without the column would be published): a sheet of a list named as one must have
# each the others have
_ON_EVERY_SHEET = frozenset(
    {
        Field.BESKYTTET,
        Field.CPR,
        Field.NAVN,
        Field.FORNAVN,
        Field.EFTERNAVN,
        Field.ID,
        Field.DAGPLEJER,
        Field.BARN,
    }
)


def union(parts: list[tuple[RawSheet, HeaderRow]]) -> list[str] | None:
    """The headers of sheets named as one list where some have columns the others lack (a
    «Slutdato» on one dagplejer's sheet): the first's, then each other's own in the order they
    stand, as written. None when a sheet repeats a header or leaves one blank between its
    headers (a column is then not known by its header alone), or has a cell beyond its
    headers, or lacks a header that says who a row is or protects them (a CPR number, a name,
    an id, the child's dagplejer, name-and-address protection: «Barnets navn» on one sheet
    and «Stue» on the other are a header changed, not a column added), or when two headers
    read as one field («Slutdato» and «Slut dato»: one would be read, the other lost)."""
    written: dict[str, str] = {}
    shared: set[str] | None = None
    for sheet, header in parts:
        own = _headers(header)
        if not own or "" in own or len(set(own)) != len(own):
            return None
        if any(_any(row[len(own) :]) for row in sheet.rows[header.row :]):
            return None  # a cell beyond its headers: where it would stand, no header says
        if sheet.elsewhere:
            return None  # a list grouped by headings: its heading's column is its own
        for text, norm in zip(header.texts, own, strict=False):
            written.setdefault(norm, " ".join(text.split()))
        shared = set(own) if shared is None else shared & set(own)
    meanings = [read_header(norm) for norm in written]
    for norm, m in zip(written, meanings, strict=True):
        if m is not None and m.field in _ON_EVERY_SHEET and norm not in (shared or ()):
            return None
    # one field under two spellings («Slutdato» on one sheet, «Slut dato» on another): one
    # would be read and the other lost (two such headers on every sheet are as before)
    by_meaning: dict[HeaderMeaning, list[str]] = {}
    for norm, m in zip(written, meanings, strict=True):
        if m is not None:
            by_meaning.setdefault(m, []).append(norm)
    if any(len(n) > 1 and not set(n) <= (shared or set()) for n in by_meaning.values()):
        return None
    return list(written.values())


def split(parts: list[tuple[RawSheet, HeaderRow]]) -> bool:
    """Whether sheets alike are one roster split up: no row of data stands on two of them
    (two copies of a list, or a list and its older copy, are not one roster)."""
    seen: set[tuple[object, ...]] = set()
    for sheet, header in parts:
        rows = {tuple(v for v in row if v not in ("", None)) for row in sheet.rows[header.row :]}
        # a person's row has two values or more; a total («Antal børn: 1») or the header
        # again may stand on each sheet
        rows = {r for r in rows if len(r) > 1 and list(r) != [t for t in header.texts if t]}
        if rows & seen:
            return False
        seen |= rows
    return True


def sheet_column(header: HeaderRow) -> int:
    """Where a joined sheet's own columns begin: «Ark», then the title block's (the last
    «Ark»: the roster may have one of its own)."""
    texts = header.texts
    return len(texts) - 1 - texts[::-1].index(SHEET_COLUMN)


def _title_fields(sheet: RawSheet, header: HeaderRow) -> dict[str, tuple[object, int, int]]:
    """The fields of a sheet's title block: each row above the header row that holds just
    «Key: value» in one cell, or «Key:» and the value in the next, by its key's words, with
    the value's cell (its row, from 1, and column, from 0)."""
    found: dict[str, tuple[object, int, int]] = {}
    for number, row in enumerate(sheet.rows[: header.row - 1], start=1):
        cells = [(col, v) for col, v in enumerate(row) if v not in ("", None)]
        value: object
        if len(cells) == 1 and isinstance(cells[0][1], str):
            at, (key, colon, value) = cells[0][0], cells[0][1].partition(":")
            if not colon:
                continue
        elif (
            len(cells) == 2 and isinstance(cells[0][1], str) and cells[0][1].rstrip().endswith(":")
        ):
            key, (at, value) = cells[0][1].rstrip()[:-1], cells[1]
        else:
            continue
        key = " ".join(key.split())
        value = " ".join(value.split()) if isinstance(value, str) else value
        # a key is words (no clock's «Kl. 10:15»); the first of a key counts
        if key and not any(ch.isdigit() for ch in key) and value not in ("", None):
            found.setdefault(key, (value, number, at))
    return found


def _a_date(value: object) -> bool:
    if isinstance(value, dt.date):
        return True
    return isinstance(value, str) and normalise_date(value, dt.date.today()) is not None


# A title field that says whose the sheet is: the dagplejer's id or name, and then her
# address. Any other field a header names (a phone, a status, a period, a contact, a CPR
# number) is never read from a title block: it would be every row's, in silence.
_IDENTITY = frozenset({Field.ID, Field.NAVN, Field.FORNAVN, Field.EFTERNAVN})
_ADDRESS = frozenset({Field.ADRESSE, Field.VEJNAVN, Field.HUSNR, Field.POSTNR, Field.BY})
_HERS = frozenset({Owner.PLAIN, Owner.DAGPLEJER, Owner.DAGPLEJER_REF})


def _names_dagplejer(header: HeaderRow) -> bool:
    """Whether the sheets' own headers say whose each row is (a dagplejer column, her id)."""
    return any(
        m is not None
        and (
            m.owner in (Owner.DAGPLEJER, Owner.DAGPLEJER_REF)
            or (m.owner, m.field) == (Owner.PLAIN, Field.ID)
        )
        for m in header.meanings
    )


def title_columns(parts: list[tuple[RawSheet, HeaderRow]]) -> dict[str, list[object]]:
    """The title block's fields that say each sheet's own, as columns: a key every sheet
    writes, with values not all the same (a print date, the municipality's name say nothing
    of a sheet's rows), none of them a date (an «Udskrevet: 07-12-2026» is when the list was
    printed, never when a child left), and no header of the sheets already. A key that names
    a field is read only when it says whose the sheet is — the dagplejer's id or name, and
    then her address — and the rows do not say it themselves; a key that names no field is a
    column the areas' rules can use («Dagplejegruppe»). Each key with its value on each sheet."""
    fields = [
        {k: value for k, (value, _, _) in _title_fields(sheet, header).items()}
        for sheet, header in parts
    ]
    taken = {normalise_header(h) for h in (*parts[0][1].texts, SHEET_COLUMN)}
    whose = not _names_dagplejer(parts[0][1])  # a title may say whose the sheet is
    columns: dict[str, list[object]] = {}
    address: dict[str, list[object]] = {}
    for key in fields[0]:
        values = [f.get(key) for f in fields]
        norm = normalise_header(key)
        if norm in taken or any(v is None or _a_date(v) for v in values):
            continue
        if len({str(v).casefold() for v in values}) < 2:
            continue
        m = read_header(norm)
        if m is None or (whose and m.owner in _HERS and m.field in _IDENTITY):
            columns[key] = values
        elif whose and m.owner in _HERS and m.field in _ADDRESS:
            address[key] = values
        else:
            continue
        taken.add(norm)
    if any(read_header(normalise_header(k)) is not None for k in columns):
        columns.update(address)  # her address, when the title says whose the sheet is
    return columns


def join(
    parts: list[tuple[RawSheet, HeaderRow]], headers: list[str] | None = None
) -> tuple[RawSheet, HeaderRow]:
    """One sheet of ``parts`` (alike): the first's rows down to its header row, with «Ark»
    and the title block's columns (``title_columns``) after the last column, then each part's
    rows under its header, each with the part's name in «Ark» and its own title fields. The
    sheet's ``parts`` say where each row stands. ``headers``: the ``union`` of sheets named
    as one whose columns differ: each row has them all, blank where its sheet lacks one."""
    first, header = parts[0]
    width = max(len(row) for sheet, _ in parts for row in sheet.rows)
    if headers is not None:
        width = max(width, len(headers))
    titled = title_columns(parts)
    joined = RawSheet(", ".join(s.name for s, _ in parts), [], first.file, False)
    top = [padded(row, width) for row in first.rows[: header.row]]
    if headers is not None:
        top[-1] = padded(list(headers), width)
    top[-1] = [*top[-1], SHEET_COLUMN, *titled]
    joined.rows = top
    for i, (sheet, head) in enumerate(parts):
        start = 0 if sheet is first else len(joined.rows)
        joined.parts.append((sheet, start, 1 if sheet is first else head.row + 1))
        # each title column's cell is its value's in the part's title block
        cells = _title_fields(sheet, head)
        joined.titles[sheet.name] = tuple(
            (width + 1 + n, *cells[key][1:]) for n, key in enumerate(titled)
        )
        own = [sheet.name, *(values[i] for values in titled.values())]
        blank = [""] * len(own)
        # its columns as the first's, each cell still named where it stands
        moved = _moved(header, head, sheet, headers)
        if moved:
            joined.orders[sheet.name] = moved
        # the sheet's name and fields in each row of data (a blank row stays blank: no one)
        joined.rows += [
            [*padded(_in_order(row, moved), width), *(own if _any(row) else blank)]
            for row in sheet.rows[head.row :]
        ]
    above = joined.rows[header.row - 2] if header.row > 1 else None
    return joined, header_row_at(header.row - 1, joined.rows[header.row - 1], above)


def _moved(
    first: HeaderRow, head: HeaderRow, sheet: RawSheet, headers: list[str] | None
) -> tuple[int, ...]:
    """Where a part has each of the joined sheet's columns: as in the first (``order``), or,
    for a ``union``, each where the part has it and a missing one past its last cell."""
    if headers is None:
        return order(first, head) or ()
    return _columns_of(headers, sheet, head)


def _columns_of(headers: list[str], sheet: RawSheet, head: HeaderRow) -> tuple[int, ...]:
    """Where a sheet has each of ``headers``: its column, or one past its last cell for a
    header it lacks (a blank cell, named where the sheet has none)."""
    own = _headers(head)
    beyond = max((len(row) for row in sheet.rows), default=0)
    past = iter(range(beyond, beyond + len(headers)))
    wanted = [normalise_header(h) for h in headers]
    return tuple(own.index(h) if h in own else next(past) for h in wanted)


def _any(row: list[object]) -> bool:
    return any(v not in ("", None) for v in row)


def _in_order(row: list[object], moved: tuple[int, ...]) -> list[object]:
    """A row with the cells of its first ``len(moved)`` columns in the first sheet's order
    (the cells beyond the headers where they stand)."""
    if not moved:
        return row
    n = len(row)
    return [row[c] if c < n else "" for c in moved] + row[len(moved) :]


def padded(row: list[object], width: int) -> list[object]:
    return row + [""] * (width - len(row)) if len(row) < width else row
