"""A sheet's rows as the reader goes through them: the rows of data under the header, and one
row's fields read through a column map, each with its cell."""

from __future__ import annotations

from collections.abc import Iterable

from dagplejecli.domain.identifiers import looks_like_cpr, mask_cpr_in_text
from dagplejecli.domain.shape import Field, Role
from dagplejecli.domain.values import clean_text
from dagplejecli.model import CellRef, RowRef
from dagplejecli.roster.columns import ColumnMap
from dagplejecli.roster.joined import sheet_column
from dagplejecli.roster.vocabulary import (
    ROLE_WORDS,
    normalise_words,
    vocabulary,
    without_role_words,
)


class RowReader:
    """Reads fields of one row through a column map, remembering each value's cell."""

    __slots__ = ("file", "headers", "row", "row_no", "row_ref", "sheet")

    def __init__(
        self,
        file: str,
        sheet: str,
        row_no: int,
        row: list[object],
        headers: list[str],
        elsewhere: tuple[tuple[int, int, int], ...] = (),
        order: tuple[int, ...] = (),
    ) -> None:
        self.file, self.sheet, self.row_no, self.row = file, sheet, row_no, row
        self.headers = headers  # the sheet's header row as written
        self.row_ref = RowRef(file, sheet, row_no, elsewhere, order)

    @classmethod
    def at(cls, cmap: ColumnMap, file: str, row_no: int, row: list[object]) -> RowReader:
        """Row ``row_no`` of ``cmap``'s sheet (in ``file``), in the sheet it stands in: a
        part's own, when the sheet is several read as one."""
        sheet, number = cmap.sheet.origin(row_no)
        if sheet is cmap.sheet:
            moved = sheet.elsewhere.get(number, ()) if sheet.elsewhere else ()
            return cls(file, sheet.name, number, row, cmap.header.texts, moved)
        # a part's row: its title block's fields stand in its title block
        titles = cmap.sheet.titles.get(sheet.name, ())
        if sheet.elsewhere:  # a part read by its headings: the heading's cell, in the part
            titles += sheet.elsewhere.get(number, ())
        order = cmap.sheet.orders.get(sheet.name, ())
        return cls(sheet.file or file, sheet.name, number, row, cmap.header.texts, titles, order)

    def cell(self, col: int) -> CellRef:
        """The cell of column ``col`` (0-based) in this row."""
        return self.row_ref.cell(col)

    def header(self, col: int) -> str:
        """Column ``col``'s header as written (its letter when the header cell is blank)."""
        text = self.headers[col] if col < len(self.headers) else ""
        return text or self.cell(col).a1.rstrip("0123456789")


def is_filled(value: object) -> bool:
    """A cell with something in it (a cell of spaces is blank)."""
    return bool(value and not value.isspace()) if isinstance(value, str) else value is not None


def filled(row: list[object], col: int | None) -> object:
    """A cell's value, None when it is blank (a cell of spaces too) or absent."""
    if col is None or col >= len(row):
        return None
    value = row[col]
    return value if is_filled(value) else None


def any_filled(row: list[object], cols: Iterable[int]) -> bool:
    """Whether any of the row's cells in ``cols`` is filled (a contact's columns: the contact
    is there). A blank "" — most of them — is passed over before any other test."""
    n = len(row)
    for c in cols:  # noqa: SIM110 (a loop, not a generator: it runs for every contact group)
        if c < n and (v := row[c]) != "" and is_filled(v):
            return True
    return False


def cell_text(row: list[object], col: int | None) -> str:
    """A cell's text, its spaces made single ("" when blank or absent)."""
    if col is None or col >= len(row):
        return ""
    value = row[col]
    if type(value) is str:
        return " ".join(value.split())
    return "" if value is None else clean_text(value)


def _any(row: list[object]) -> bool:
    """Whether any cell of the row is filled; usually the first cell decides."""
    return any(map(is_filled, row))


_FOOTER = vocabulary().footer
_NOTES = vocabulary().notes
_FOOTER_FIRST = frozenset(normalise_words(w).split()[0] for w in _FOOTER)  # a cheap first test
_NAME_FIELDS = frozenset({Field.NAVN, Field.FORNAVN, Field.EFTERNAVN})


def _columns_of(cmap: ColumnMap, fields: frozenset[Field]) -> set[int]:
    """The columns of the sheet that these fields read, whoever's they are."""
    maps = [cmap.fields, cmap.child, *cmap.children.values(), *cmap.contacts.values()]
    return {col for m in maps for f, col in m.items() if f in fields}


# Columns that may hold a person's name though no name field reads them: an id («Dagplejer»
# read as her id), the child's dagplejer, a contact's child
_NAMING_FIELDS = _NAME_FIELDS | {Field.ID, Field.DAGPLEJER, Field.BARN}


def _holds_cpr(row: list[object]) -> bool:
    return any(looks_like_cpr(str(v)) for v in row if is_filled(v))


def _trailer(rows: list[tuple[int, list[object]]], names: set[int]) -> int:
    """Where a report's own closing lines begin (the system, its number, the date), or
    ``len(rows)``: the rows without a CPR number under the last total («I alt: 250 børn»),
    when the row above that total holds one — a sheet of people with CPR numbers, whose lines
    under the total are not more of them."""
    for i in range(len(rows) - 2, 0, -1):
        row = rows[i + 1][1]
        # a group's heading under the total: the list goes on (its children may lack CPR)
        if _holds_cpr(row) or section_heading(row):
            break
        if _total_or_note(rows[i][1], names, notes=False) is not None:
            return i + 1 if _holds_cpr(rows[i - 1][1]) else len(rows)
    return len(rows)


def _total_or_note(
    row: list[object], names: set[int], notes: bool = True, marked: bool = False
) -> str | None:
    """The text of a row under the data that is no person, or None: a total («I alt: 250
    børn», «Total 250»: a footer word of the vocabulary first, and no CPR number in the row),
    or a note (one text, no CPR number). In a column of ``names`` only a total that holds a
    number or a colon counts («Sum Li» may be a child), and a note never does — unless
    ``marked``: then a note with a number or a colon does («Udskrevet 07-12-2026»), and a
    name alone («Karen Holm») is read."""
    filled = [(col, v) for col, v in enumerate(row) if is_filled(v)]
    col, first = filled[0]
    if not isinstance(first, str) or any(looks_like_cpr(str(v)) for _, v in filled):
        return None
    if mask_cpr_in_text(first) != first:  # a CPR number in the text: maybe a person
        return None
    words = normalise_words(first)
    total = _begins(words, _FOOTER)
    # a total in a column of names, its count in another cell («I alt» | «30 børn», «Antal
    # børn» | 4); an id or a name beside it («Sum» | «Li» | «D1») is no count
    counted = total and any(_a_count(v) for _, v in filled[1:])
    if total and (col not in names or _counts(first) or counted):
        return first
    note = notes and len(filled) == 1 and any(ch.isalpha() for ch in first)
    if note and col in names:
        # a name or an id may stand alone; a text no name is written as is a note
        note = (marked and _counts(first)) or not _name_like(first) or _begins(words, _NOTES)
    return first if note else None


def footer_text(text: str) -> bool:
    """Whether a text begins as a total's or a report's own line (the vocabulary's footer
    words, as phrases: «I alt», «Antal børn: 4»; never «I pleje»)."""
    return _begins(normalise_words(text), _FOOTER)


def _begins(words: str, phrases: tuple[str, ...]) -> bool:
    """Whether ``words`` (as compared) are one of ``phrases`` or begin with one."""
    return any(words == w or words.startswith(f"{w} ") for w in phrases)


def _counts(value: object) -> bool:
    """Whether a cell holds a number or a colon, as a total's or a dated note's does."""
    return any(ch.isdigit() or ch == ":" for ch in str(value))


def _a_count(value: object) -> bool:
    """Whether a cell is a count: a number, or a text that begins with one («30 børn»)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and value.strip()[:1].isdigit()


def _name_like(text: str) -> bool:
    """Whether a text could be a person's name or id, written as one however odd its letters
    («Sean O´Hara», «Noah Jensen – venter på CPR»): it begins with a letter or a digit and
    holds no colon. «--- Ny gruppe fra januar ---» and «Bemærk: ferie uge 52» are notes."""
    text = text.strip()
    return text[:1].isalnum() and ":" not in text


def _note_among(row: list[object], naming: set[int], first: str) -> str | None:
    """A row among the data that is no person: one text of words in one cell, without a CPR
    number anywhere in it — a note outside the columns that may name a person («Bemærk:
    dagplejer 2 holder ferie uge 52»), or a total with a number or a colon («I alt Nord: 2»)
    in any. A row of only a name («Hanne Sørensen» under «Dagplejer») or a word («D7») is
    read: it may be a person. A total with more cells filled («Antal børn: 4» and its group's
    dagplejer) is no person either."""
    text = _lone_value(row)
    if text is None:  # more cells: a group's total still, its dagplejer copied down beside it
        words = first.split(None, 1)  # (the row's first filled cell)
        if not words or words[0].casefold().rstrip(":") not in _FOOTER_FIRST:
            return None
        return _total_or_note(row, naming, notes=False)
    if not isinstance(text, str) or len(text.split()) < 2 or not any(c.isalpha() for c in text):
        return None
    return _total_or_note(row, naming)


def _lone_value(row: list[object]) -> object:
    """The row's one filled cell's value, or None when it has more (a person's row: found at
    its second filled cell, so this costs two cells a row)."""
    lone = None
    for value in row:
        if is_filled(value):
            if lone is not None:
                return None
            lone = value
    return lone


def repeats_header(row: list[object], header: list[str]) -> bool:
    """Whether a row writes the header row again (two cells or more, each its column's
    header as written, in any case): a report that repeats its header over every group
    («Barnets navn | CPR-nr.»). ``header``: the header's texts, stripped and casefolded."""
    same = 0
    for col, value in enumerate(row):
        if value is None or value == "":
            continue
        if not isinstance(value, str) or col >= len(header) or not header[col]:
            return False
        if value.strip().casefold() != header[col]:
            return False  # a person's row: at its first filled cell
        same += 1
    return same >= 2


def section_heading(row: list[object]) -> str | None:
    """The text of a row over a group of a report's children that names their dagplejer with
    role words («Dagplejer: Hanne Sørensen (41789)»), its first filled cell — or the role
    words in one cell and the name in the next, the row's only two («Dagplejer:» | «Hanne
    Sørensen (41789)») — with no CPR number in the row; else None. No child is called that."""
    first = next((v for v in row if v != "" and v is not None), None)
    if not isinstance(first, str) or not (words := first.split()):
        return None
    if words[0].casefold().rstrip(":") not in ROLE_WORDS:
        return None  # a child's row: at its first word
    text = " ".join(words)
    if without_role_words(text) == text:  # role words alone: the name in the next cell
        filled = [v for v in row if is_filled(v)]
        if len(filled) != 2 or not isinstance(filled[1], str):
            return None
        text = f"{text} {' '.join(filled[1].split())}"
    return text if without_role_words(text) != text and not _holds_cpr(row) else None


def data_rows(cmap: ColumnMap) -> list[tuple[int, list[object]]]:
    """The rows under the header with any value in them, with their 1-based numbers (worked
    out once per sheet). At the end of the data, totals and notes are no person
    (``_total_or_note``), nor a report's lines under its total (``_trailer``); among the data,
    a note or a subtotal of words in one cell (``_note_among``): set aside in
    ``cmap.skipped``, for one finding."""
    if cmap.rows is not None:
        return cmap.rows
    start = cmap.header.row  # header.row is 1-based, so this index is the next row
    # sheets read as one: a row is judged without the sheet's name and title fields it was
    # given («Ark» and the columns after it)
    whole = dict(enumerate(cmap.sheet.rows[start:], start=start + 1))
    if cmap.sheet.parts:
        own = sheet_column(cmap.header)
        rows = [(index, row[:own]) for index, row in whole.items() if _any(row[:own])]
    else:
        rows = [(index, row) for index, row in whole.items() if _any(row)]
    names = _columns_of(cmap, _NAME_FIELDS)
    cut = _trailer(rows, names)
    skipped = [(number, str(next(v for v in row if is_filled(v)))) for number, row in rows[cut:]]
    naming = _columns_of(cmap, _NAMING_FIELDS)  # where a lone text may be a person
    while cut > 1 and (text := _total_or_note(rows[cut - 1][1], naming, marked=True)):
        cut -= 1  # from the end up, while the rows are totals or notes (never the first row)
        skipped.append((rows[cut][0], text))
    kept = []
    header = [t.strip().casefold() for t in cmap.header.texts]
    children = cmap.role == Role.BOERN
    for number, row in rows[:cut]:
        first = next((v for v in row if v != "" and v is not None), None)
        if not isinstance(first, str) or first[:1].isdigit():
            kept.append((number, whole[number]))  # a CPR number or a number first: a person's
        elif repeats_header(row, header):  # a report's header again over its next group
            skipped.append((number, " | ".join(str(v) for v in row if is_filled(v))))
        elif children and (text := section_heading(row)):  # «Dagplejer: Hanne Sørensen»
            skipped.append((number, text))
        elif (text := _note_among(row, naming, first)) is None:
            kept.append((number, whole[number]))
        else:
            skipped.append((number, text))
    cmap.rows, cmap.skipped = kept, sorted(skipped)
    return cmap.rows
