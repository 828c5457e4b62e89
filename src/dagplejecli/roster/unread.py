"""Columns no field reads whose content would vanish from the export in silence: CPR numbers
(a father under a header the reader does not know, a second CPR column), middle names
(Unilogin has a first and a family name only), and name-and-address protection (without it a
protected person is written with name and address)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from dagplejecli.domain.identifiers import cpr_birth_date
from dagplejecli.domain.shape import ColumnTable, Role
from dagplejecli.domain.values import is_cpr_cell, normalise_bool, normalise_cpr
from dagplejecli.findings import OWN, STIL_UNILOGIN, Family, Finding, Location, Rule
from dagplejecli.findings import Severity as S
from dagplejecli.model import column_letters
from dagplejecli.roster.columns import ColumnMap
from dagplejecli.roster.headers import child_prefixed, normalise_header
from dagplejecli.roster.rows import data_rows, is_filled
from dagplejecli.roster.vocabulary import vocabulary

# a column of CPR numbers no field reads, all of people read elsewhere in the roster
DP246 = Rule("DP246", S.WARNING, Family.PERSONS, OWN, params=("column", "count", "sheet", "table"))
# a column of CPR numbers no field reads, some of people read nowhere: left out of Unilogin
DP275 = Rule("DP275", S.ERROR, Family.PERSONS, OWN, params=("column", "count", "sheet", "table"))
# no child has a contact person, while the children's sheet has CPR numbers no field reads
DP266 = Rule("DP266", S.ERROR, Family.PERSONS, OWN, params=("columns", "count", "sheet"))
# a column of middle names no field reads
DP253 = Rule("DP253", S.WARNING, Family.PERSONS, OWN, params=("column", "count", "sheet"))
# A column that looks like name-and-address protection no field reads: the people it protects
# would be written into Unilogin with their names and addresses (an error, not a warning)
DP254 = Rule(
    "DP254", S.ERROR, Family.PERSONS, STIL_UNILOGIN, params=("column", "count", "sheet", "table")
)
# Protection: a word with «beskyt» in it («Adressebeskyt.», «Beskyttelse») or beginning with
# «protect», or a word for hidden, secret or confidential («Skjult», «Fortrolig adresse»,
# «Hidden (name+addr)»); middle names («Barnets mellemnavn»): the vocabulary's [ulaest] words.
# Only a cell that marks someone makes protection a finding, so «Solbeskyttelse: Faktor 50»
# passes; when in doubt it stops the export: a protected person must not be published.
_V = vocabulary()

# The configuration table that maps a column of a sheet of this role (for the hint).
TABLE_OF_ROLE = {
    Role.DAGPLEJERE: ColumnTable.KOLONNER,
    Role.BOERN: ColumnTable.BOERN_KOLONNER,
    Role.ET_ARK: ColumnTable.BOERN_KOLONNER,
    Role.KONTAKTER: ColumnTable.KONTAKT_KOLONNER,
}


def no_contact_read(
    cmap: ColumnMap, children: int, dagplejere: set[str], today: dt.date
) -> list[Finding]:
    """DP266, once: not one of the ``children`` got a contact person, though the children's
    sheet has columns no field reads whose CPR numbers are mostly adults' other than the
    dagplejere's (``dagplejere``: their CPR numbers): the parents are on the rows, unread, and
    an export would leave them out of Unilogin and Aula. A warning per column (DP246) is too
    little when they are all of the parents. A column of the dagplejer's CPR repeated, or of
    children's (a sibling's, the child's own twice), is no parents'."""
    columns = []
    for _, header, filled in _unread(cmap):
        cprs = [normalise_cpr(v).digits for v in filled if is_cpr_cell(v)]
        adults = [c for c in cprs if c and c not in dagplejere and _adult(c, today)]
        if adults and len(adults) * 2 >= len(cprs):
            columns.append(header)
    if not columns:
        return []
    where = Location(file=cmap.file, sheet=cmap.header_sheet)
    return [DP266(where, columns=tuple(columns), count=children, sheet=cmap.sheet.name)]


def _adult(cpr: str, today: dt.date) -> bool:
    """Whether the CPR number's person is 15 or older on ``today`` (a parent, not a child)."""
    born = cpr_birth_date(cpr)
    return born is not None and (today.year - born.year) >= 15


def column_names(cmap: ColumnMap) -> list[str]:
    """Each column of the sheet, to its last cell of data, as findings and [roster]
    ignorer_kolonner name it: its header, or its letter when the header cell is blank."""
    texts = cmap.header.texts
    width = max([len(texts), *(len(row) for _, row in data_rows(cmap))])
    return [(texts[c] if c < len(texts) else "") or column_letters(c + 1) for c in range(width)]


def _unread(cmap: ColumnMap) -> Iterator[tuple[int, str, list[object]]]:
    """Each column of the sheet no field reads: its index, its name (``column_names``) and
    its filled cells under the header."""
    rows = [row for _, row in data_rows(cmap)]
    read = cmap.read_columns()
    for col, header in enumerate(column_names(cmap)):
        if col not in read:
            yield col, header, [row[col] for row in rows if col < len(row) and is_filled(row[col])]


def unread_columns(
    cmap: ColumnMap, read: Callable[[], set[str]], ignored: set[str]
) -> list[Finding]:
    """For each column no field reads (but those headed as one of ``ignored``, [roster]
    ignorer_kolonner) where at least half the filled cells are CPR numbers: DP275 (an error)
    when some are of people the roster's read columns do not hold (``read``: everyone's CPR
    number, asked for only then), who would be left out of Unilogin and Aula — a father under
    a header the reader does not know, a second child in a row's second block; else DP246 (a
    warning: the people are read, but perhaps not with this row's child). The numbers
    themselves are never in the finding: only the column and a count. DP253 for a column of
    middle names with something in it (Unilogin has no place for them), and DP254 for one
    whose header says protection (``Beskyttelse``, ``Skjult adresse``, ``Protected``) and
    marks someone."""
    sheet = cmap.sheet.name
    table = TABLE_OF_ROLE.get(cmap.role, ColumnTable.KOLONNER)
    out = []
    for col, column, filled in _unread(cmap):
        header = cmap.header.texts[col] if col < len(cmap.header.texts) else ""
        if normalise_header(header or column) in ignored:
            continue
        count = sum(1 for value in filled if is_cpr_cell(value))
        cprs = {d for v in filled if is_cpr_cell(v) and (d := normalise_cpr(v).digits)}
        where = Location.of_cell(cmap.header_cell(col))
        if count and count * 2 >= len(filled):
            lost = len(cprs - read())
            rule, count = (DP275, lost) if lost else (DP246, count)
            out.append(rule(where, column=column, sheet=sheet, count=count, table=table))
        elif filled and any(word in " ".join(header.casefold().split()) for word in _V.middle_name):
            out.append(DP253(where, column=column, sheet=sheet, count=len(filled)))
        elif _is_protection(header) and (yes := sum(1 for v in filled if _says_yes(v))):
            # a plain column of a one-sheet roster is the dagplejer's
            plain = cmap.role == Role.ET_ARK and not child_prefixed(normalise_header(header))
            own = ColumnTable.KOLONNER if plain else table
            out.append(DP254(where, column=column, sheet=sheet, count=yes, table=own))
    return out


def _is_protection(header: str) -> bool:
    """Whether a column's header says name-and-address protection."""
    return any(
        any(part in w for part in _V.protection_parts)
        or w.startswith(_V.protection_starts)
        or w in _V.hidden
        for w in normalise_header(header).split()
    )


def _says_yes(value: object) -> bool:
    """A cell that marks a person: yes in any spelling the reader knows, or an «X»."""
    return normalise_bool(value) is True or str(value).strip().casefold() == "x"
