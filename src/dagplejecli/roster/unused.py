"""What reading left behind, said aloud: a sheet of roster data no role was given (DP248), child
columns that gave no child (DP249), no child at all beside a sheet left unused (DP251), and a
contacts sheet that gave no child a contact (DP252), columns of a contact on the child's row
with neither a name nor a CPR number (DP262). Nothing in a roster vanishes without a word.

A sheet is roster data when a header row names a person (``CPR``, ``Navn``, ``Barn CPR`` …) and
rows follow it, or, when no header is recognised, when a row of headers has rows of two or more
filled cells under it (``Kid number``, ``Given``, ``Minder``); only a sheet without such rows
(empty, a title, a note) is left in silence.
"""

from __future__ import annotations

from typing import TypeGuard

from dagplejecli.domain.identifiers import mask_cpr_in_text
from dagplejecli.domain.shape import Field, Owner, Role
from dagplejecli.domain.values import normalise_cpr
from dagplejecli.findings import OWN, Family, Finding, Location, ParamValue, Rule
from dagplejecli.findings import Severity as S
from dagplejecli.formats.sheets import RawSheet
from dagplejecli.model import CellRef, Child
from dagplejecli.roster.columns import PERSON_FIELDS, ColumnMap
from dagplejecli.roster.headers import (
    HeaderRow,
    child_prefixed,
    find_header_row,
    header_row_at,
    normalise_header,
)
from dagplejecli.roster.layout import (
    ROLE_KEYS,
    classify,
    contacts_of_children,
    holds_contacts,
    name_role,
)
from dagplejecli.roster.rows import is_filled
from dagplejecli.roster.unread import DP266

# a sheet of roster data not read
DP248 = Rule(
    "DP248", S.WARNING, Family.PERSONS, OWN, params=("headers", "key", "row", "rows", "sheet")
)
# child columns, and no child read
DP249 = Rule(
    "DP249", S.ERROR, Family.PERSONS, OWN, params=("columns", "key", "sheet", "sheet_role")
)
# no child read, and a sheet of data unused
DP251 = Rule("DP251", S.ERROR, Family.PERSONS, OWN, params=("headers", "row", "rows", "sheet"))
# a contacts sheet gave no child a contact
DP252 = Rule("DP252", S.ERROR, Family.PERSONS, OWN, params=("column", "sheet"))
# no child has a contact, and a sheet of contacts by the child's CPR was not read
DP278 = Rule("DP278", S.ERROR, Family.PERSONS, OWN, params=("headers", "sheet"))
# totals and notes rows set aside
DP256 = Rule("DP256", S.INFO, Family.PERSONS, OWN, params=("count", "row", "sheet", "text"))
# hidden sheets, not read
DP257 = Rule("DP257", S.INFO, Family.PERSONS, OWN, params=("count", "sheets"))
# Columns of a contact group on the child's row with neither a name nor a CPR number («Mors
# mobil» beside «Forælder 1 navn»): no person, so not read; whose they are is the user's to say
DP262 = Rule(
    "DP262", S.WARNING, Family.PERSONS, OWN, params=("sheet", "columns", "groups", "first")
)
# The findings about the roster's sheets, which ``init`` and ``plan`` show too.
# the children's dagplejer column found by what it holds (roster/link.naming_column)
DP265 = Rule("DP265", S.INFO, Family.PERSONS, OWN, params=("column", "sheet"))
# sheets alike read as one (a sheet per district): roster/joined.py
DP264 = Rule(
    "DP264",
    S.INFO,
    Family.PERSONS,
    OWN,
    params=("fields", "first", "key", "listed", "sheet_role", "sheets"),
)
# a column of unknown header read as the status from its words (roster/columns.py)
DP272 = Rule("DP272", S.WARNING, Family.PERSONS, OWN, params=("column", "key", "sheet"))
# a report grouped by dagplejer, read by its headings (roster/grouped.py)
DP274 = Rule("DP274", S.INFO, Family.PERSONS, OWN, params=("sheet", "text"))
_LAYOUT_RULES = (DP248, DP249, DP251, DP252, DP256, DP257, DP262, DP264, DP265, DP266, DP272)
LAYOUT_CODES = frozenset(r.code for r in (*_LAYOUT_RULES, DP274, DP278))

SCAN = 30  # rows searched for a header, as ``find_header_row`` does
SHOWN = 4  # headers named in a finding (the first few)


def _names_person(header: HeaderRow | None) -> TypeGuard[HeaderRow]:
    """Whether a header row has a column that names a person."""
    return header is not None and any(
        m is not None
        and (m.field in PERSON_FIELDS or m.owner in (Owner.BARN_REF, Owner.DAGPLEJER_REF))
        for m in header.meanings
    )


def person_header(rows: list[list[object]]) -> HeaderRow | None:
    """The sheet's header row when one names a person: the reader's own header row, or else
    the first row with a single person header (``Navn``)."""
    header = find_header_row(rows, SCAN)
    if _names_person(header):
        return header
    candidates = (header_row_at(index, row) for index, row in enumerate(rows[:SCAN]))
    return next((h for h in candidates if _names_person(h)), None)


def _filled_cells(row: list[object]) -> int:
    """How many of the row's cells are filled."""
    return sum(map(is_filled, row))


def any_header(rows: list[list[object]]) -> HeaderRow | None:
    """A row that looks like headers, recognised or not: of the first rows, the (first) one
    with the most text cells (at least two)."""
    counts = [sum(1 for v in row if isinstance(v, str) and v.strip()) for row in rows[:SCAN]]
    most = max(counts, default=0)
    return header_row_at(counts.index(most), rows[counts.index(most)]) if most >= 2 else None


def sheet_data(sheet: RawSheet) -> tuple[HeaderRow, int, bool] | None:
    """A sheet's header row and how many rows of data follow it (with a cell filled under a
    header naming a person, else with two), and whether its headers name a person; None for a
    sheet without data (empty, a title, a note)."""
    named = person_header(sheet.rows)
    header = named or any_header(sheet.rows)
    if header is None:
        return None
    least = 1 if named else 2
    rows = sum(1 for row in sheet.rows[header.row :] if _filled_cells(row) >= least)
    return (header, rows, named is not None) if rows else None


def child_columns(header: HeaderRow) -> list[int]:
    """The columns (0-based) whose header is a child's (``Barn CPR``, ``Barnets startdato``)."""
    return [
        c
        for c, (m, text) in enumerate(zip(header.meanings, header.texts, strict=True))
        if (m is not None and m.owner in (Owner.BARN, Owner.BARN_REF))
        or (m is None and child_prefixed(normalise_header(text)))
    ]


def _place(file: str, sheet: RawSheet, header: HeaderRow, col: int) -> Location:
    return Location.of_cell(CellRef(sheet.file or file, sheet.name, header.row, col + 1))


def left_behind(
    file: str,
    sheets: list[RawSheet],
    chosen: dict[Role, tuple[RawSheet, HeaderRow]],
    children: int,
    contacts: int,
    child_cprs: frozenset[str],
    contact_cprs: frozenset[str],
) -> list[Finding]:
    """Findings for the sheets of roster data given no role in ``chosen`` (DP248; DP251 when
    no child was read: a dagpleje without children is a misread; DP278 when no child got a
    contact person (``contacts``), or most of the children the sheet names by CPR were read
    (``child_cprs``), and it holds contact persons by the child's CPR: the parents, unread,
    would be missing from Unilogin; a waiting list's children are not read), and, when no
    child was read (``children``), for the child columns the roster has all the same
    (DP249)."""
    findings: list[Finding] = []
    explained = False  # no children, and an unused sheet of them says why
    for sheet in sheets:
        if any(s.holds(sheet) for s, _ in chosen.values()):
            continue
        if sheet.hidden and not hidden_people(sheet):
            continue  # a hidden lookup list is said once, as hidden (DP257)
        data = sheet_data(sheet)
        if data is None:
            continue
        kids = child_columns(data[0])
        if kids and not children:
            findings.append(_no_children(file, sheet, data[0], kids, "sheet"))
            explained = True
        elif children and (
            (not contacts and holds_contacts(data[0]))
            or (
                holds_contacts(data[0], alone=True)
                and _left_out(sheet, data[0], child_cprs, contact_cprs)
            )
        ):
            header = data[0]
            headers = tuple(t for t in header.texts if t)[:SHOWN]
            place = _place(file, sheet, header, header.texts.index(headers[0]))
            variant = "read_children" if contacts else ""
            findings.append(DP278(place, variant=variant, sheet=sheet.name, headers=headers))
        else:
            findings.append(_unused(file, sheet, data, children, chosen))
    if not children and not explained:
        for role, (sheet, header) in chosen.items():
            if kids := child_columns(header):
                # read as the children's: their columns; read as another's: the sheet
                if role in (Role.BOERN, Role.ET_ARK):
                    findings.append(_no_children(file, sheet, header, kids, "columns"))
                else:
                    as_role = {"sheet_role": role, "key": ROLE_KEYS[role]}
                    findings.append(_no_children(file, sheet, header, kids, "", **as_role))
                break
    return findings


def _left_out(
    sheet: RawSheet, header: HeaderRow, children: frozenset[str], contacts: frozenset[str]
) -> bool:
    """Whether most of the children a sheet names by CPR («Barnets CPR») were read, and it
    has a contact person's CPR number no contact read has (an old copy of the parents' sheet
    has none)."""
    child = [c for c, m in enumerate(header.meanings) if m and m.owner == Owner.BARN_REF]
    theirs = [
        c
        for c, m in enumerate(header.meanings)
        if m and m.field == Field.CPR and m.owner in (Owner.KONTAKT, Owner.PLAIN)
    ]
    if not child or not theirs:
        return False

    def cprs(col: int) -> list[str]:
        rows = sheet.rows[header.row :]
        return [d for row in rows if col < len(row) and (d := normalise_cpr(row[col]).digits)]

    named = cprs(child[0])
    read = bool(named) and sum(n in children for n in named) * 2 > len(named)
    return read and any(p not in contacts for col in theirs for p in cprs(col))


def _unused(
    file: str,
    sheet: RawSheet,
    data: tuple[HeaderRow, int, bool],
    children: int,
    chosen: dict[Role, tuple[RawSheet, HeaderRow]],
) -> Finding:
    """DP248 for a sheet of data no role was given (its headers naming a person or not, as
    ``sheet_data`` says), or DP251 when no child was read: that sheet may well be the
    children's."""
    header, rows, names_person = data
    headers = tuple(t for t in header.texts if t)
    place = _place(file, sheet, header, header.texts.index(headers[0]))
    said: dict[str, ParamValue] = {
        "sheet": sheet.name,
        "rows": rows,
        "row": header.row,
        "headers": headers[:SHOWN],
    }
    if not children:
        return DP251(place, variant="", **said)
    if not names_person:
        return DP248(place, variant="unrecognised", **said)
    key = suggested_key(sheet, header, chosen)
    return DP248(place, variant="" if key else "taken", **said, key=key)


def suggested_key(
    sheet: RawSheet, header: HeaderRow, chosen: dict[Role, tuple[RawSheet, HeaderRow]]
) -> str:
    """The ``[roster]`` key that would read an unused sheet: the role its name says, else its
    headers', else contacts for a sheet of the children's contacts — never the key of a role another
    sheet already has (``ark`` beside the dagplejer sheet); ``""`` when every fitting role is
    taken."""
    taken = set(chosen) | (
        {Role.DAGPLEJERE, Role.ET_ARK} if {Role.DAGPLEJERE, Role.ET_ARK} & set(chosen) else set()
    )
    contacts = Role.KONTAKTER if contacts_of_children(sheet, header) else None
    for role in (name_role(sheet.name), classify(header), contacts):
        if role is not None and role not in taken:
            return ROLE_KEYS[role]
    return ""  # every role it could have is another sheet's


def contacts_unattached(km: ColumnMap, attached: int, children: list[Child]) -> list[Finding]:
    """DP252 when the contacts sheet ``km`` has rows of data and not one of them became a
    child's contact (``attached``): the children would have no contact persons in Unilogin and
    Aula. Said once, for the sheet, beside each row's own finding (DP218)."""
    if attached or not children:
        return []  # no children at all is said already (DP249, DP251)
    if not any(map(_filled_cells, km.sheet.rows[km.header.row :])):
        return []
    col = km.fields.get(Field.BARN, 0)
    with_cpr = any(c.cpr for c in children)
    return [
        DP252(
            _place(km.file, km.sheet, km.header, col),
            variant="" if with_cpr else "no_child_cpr",
            sheet=km.sheet.name,
            column=km.header.texts[col],
        )
    ]


def _no_children(
    file: str, sheet: RawSheet, header: HeaderRow, kids: list[int], variant: str, **read_as: str
) -> Finding:
    """DP249 at the first child column (``read_as``: the role the sheet was read in, and the
    key that gives it that role, when it was read as another's)."""
    return DP249(
        _place(file, sheet, header, kids[0]),
        variant=variant,
        sheet=sheet.name,
        columns=tuple(header.texts[c] for c in kids[:SHOWN]),
        **read_as,
    )


def rows_set_aside(cmaps: list[ColumnMap]) -> list[Finding]:
    """DP256, once per sheet: rows under the data that are no person («I alt: 250 børn»,
    «Total», a note in one merged cell), set aside by ``data_rows`` and said, never read as a
    person without a name and never dropped in silence."""
    out = []
    for cmap in cmaps:
        if not cmap.skipped:
            continue
        sheet, row = cmap.sheet.origin(cmap.skipped[0][0])  # a part's, of sheets read as one
        where = Location.of_cell(CellRef(sheet.file or cmap.file, sheet.name, row, 1))
        shown = mask_cpr_in_text(" ".join(cmap.skipped[0][1].split()))
        cut = shown if len(shown) <= 60 else shown[:59] + "…"
        count = len(cmap.skipped)
        # the sheet as read: sheets read as one are named together (the rows are on each)
        out.append(DP256(where, sheet=cmap.sheet.name, count=count, row=row, text=cut))
    return out


def hidden_people(sheet: RawSheet) -> bool:
    """Whether a hidden sheet holds people: a header row of at least two recognised headers,
    one naming a person, with rows under it. A lookup list of relation words («Værge», «Mor»)
    does not, though a single word of it reads as a header."""
    header = find_header_row(sheet.rows, SCAN)
    return _names_person(header) and any(map(_filled_cells, sheet.rows[header.row :]))


def hidden_sheets(file: str, sheets: list[RawSheet], chosen: list[RawSheet]) -> list[Finding]:
    """DP257, once: the sheets a workbook hides that hold no people (a lookup list). A hidden
    sheet of people is never given a role unless the configuration names it, and is said as
    any sheet of people left unused is (DP248, with the key that reads it)."""
    hidden = tuple(
        s.name
        for s in sheets
        if s.hidden
        and not any(c.holds(s) for c in chosen)
        and not hidden_people(s)  # a sheet of people: DP248 says it, with its key
    )
    if not hidden:
        return []
    first = next(s for s in sheets if s.name == hidden[0])
    where = Location(file=first.file or file, sheet=first.name)
    return [DP257(where, sheets=hidden, count=len(hidden))]


def nameless_groups(cmap: ColumnMap) -> list[Finding]:
    """DP262 once per sheet for the contact groups on its rows that are no person, naming
    their columns and the groups they could belong to (by place, as [roster.kontaktgrupper])."""
    if not cmap.nameless:
        return []
    texts = [mask_cpr_in_text(t) for t in cmap.header.texts]
    columns = [texts[c] for cols in cmap.nameless.values() for c in sorted(cols.values())]
    persons = [
        f"{place}: «{texts[min(cols.values())]}»"
        for place, cols in enumerate((cmap.contacts[g] for g in sorted(cmap.contacts)), start=1)
    ]
    where = Location(file=cmap.file, sheet=cmap.header_sheet)
    return [
        DP262(
            where,
            sheet=cmap.sheet.name,
            columns=", ".join(f"«{c}»" for c in columns),
            groups=", ".join(persons) or "-",
            first=columns[0],
        )
    ]
