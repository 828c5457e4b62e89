"""Columns no field reads whose content would vanish from the export in silence: CPR numbers
(a father under a header the reader does not know, a second CPR column), middle names
(Unilogin has a first and a family name only), and name-and-address protection (without it a
protected person is written with name and address)."""

from __future__ import annotations

from dagplejecli.domain.shape import Role
from dagplejecli.domain.values import is_cpr_cell, normalise_bool
from dagplejecli.findings import OWN, STIL_UNILOGIN, Family, Finding, Location, Rule
from dagplejecli.findings import Severity as S
from dagplejecli.model import CellRef, column_letters
from dagplejecli.roster.columns import ColumnMap
from dagplejecli.roster.headers import child_prefixed, normalise_header
from dagplejecli.roster.rows import data_rows
from dagplejecli.roster.vocabulary import vocabulary

# a column of CPR numbers no field reads
DP246 = Rule("DP246", S.WARNING, Family.PERSONS, OWN, params=("column", "count", "sheet", "table"))
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
_PROTECTED_PARTS = _V.protection_parts
_PROTECTED_WORDS = _V.protection_starts
_HIDDEN = _V.hidden
_MIDDLE = _V.middle_name

# The configuration table that maps a column of a sheet of this role (for the hint).
TABLE_OF_ROLE = {
    Role.DAGPLEJERE: "kolonner",
    Role.BOERN: "boern_kolonner",
    Role.ET_ARK: "boern_kolonner",
    Role.KONTAKTER: "kontakt_kolonner",
}


def unread_columns(cmap: ColumnMap) -> list[Finding]:
    """DP246 for each column no field reads where at least half the filled cells are CPR
    numbers (the numbers themselves never in the finding: only the column and a count),
    DP253 for a column of middle names with something in it, and DP254 for one whose header
    says protection (``Beskyttelse``, ``Skjult adresse``, ``Protected``) and marks someone."""
    rows = [row for _, row in data_rows(cmap)]
    read = cmap.read_columns()
    width = max([len(cmap.header.texts), *(len(row) for row in rows)])
    unread = [col for col in range(width) if col not in read]
    out = []
    for col in unread:
        filled = [row[col] for row in rows if col < len(row) and _filled(row[col])]
        count = sum(1 for value in filled if is_cpr_cell(value))
        if count and count * 2 >= len(filled):
            out.append(_finding(cmap, col, count))
        elif filled and _header_has(cmap, col, _MIDDLE):
            out.append(_middle_names(cmap, col, len(filled)))
        elif _is_protection(cmap, col) and (yes := sum(1 for v in filled if _says_yes(v))):
            out.append(_protection(cmap, col, yes))
    return out


def _is_protection(cmap: ColumnMap, col: int) -> bool:
    """Whether column ``col``'s header says name-and-address protection."""
    texts = cmap.header.texts
    words = normalise_header(texts[col]).split() if col < len(texts) else []
    return any(
        any(part in w for part in _PROTECTED_PARTS)
        or w.startswith(_PROTECTED_WORDS)
        or w in _HIDDEN
        for w in words
    )


def _says_yes(value: object) -> bool:
    """A cell that marks a person: yes in any spelling the reader knows, or an «X»."""
    return normalise_bool(value) is True or str(value).strip().casefold() == "x"


def _header_has(cmap: ColumnMap, col: int, words: tuple[str, ...]) -> bool:
    """Whether column ``col``'s header holds one of ``words`` (in any case)."""
    texts = cmap.header.texts
    header = " ".join(texts[col].casefold().split()) if col < len(texts) else ""
    return any(word in header for word in words)


def _at(cmap: ColumnMap, col: int) -> Location:
    """A column's header cell."""
    return Location.of_cell(CellRef(cmap.file, cmap.sheet.name, cmap.header.row, col + 1))


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _finding(cmap: ColumnMap, col: int, count: int) -> Finding:
    texts = cmap.header.texts
    header = texts[col] if col < len(texts) and texts[col] else column_letters(col + 1)
    return DP246(
        _at(cmap, col),
        column=header,
        sheet=cmap.sheet.name,
        count=count,
        table=TABLE_OF_ROLE.get(cmap.role, "kolonner"),
    )


def _middle_names(cmap: ColumnMap, col: int, count: int) -> Finding:
    """DP253: a column of middle names, which Unilogin has no place for."""
    column, sheet = cmap.header.texts[col], cmap.sheet.name
    return DP253(_at(cmap, col), column=column, sheet=sheet, count=count)


def _protection(cmap: ColumnMap, col: int, count: int) -> Finding:
    """DP254: a column that looks like protection, read by no field, with ``count`` people
    marked in it."""
    column, sheet = cmap.header.texts[col], cmap.sheet.name
    table = TABLE_OF_ROLE.get(cmap.role, "kolonner")
    if cmap.role == Role.ET_ARK and not child_prefixed(normalise_header(column)):
        table = "kolonner"  # a plain column of a one-sheet roster is the dagplejer's
    return DP254(_at(cmap, col), column=column, sheet=sheet, count=count, table=table)
