"""A one-sheet roster: a row per child with the dagplejer's columns repeated, each dagplejer
made once from the rows that name the same one."""

from __future__ import annotations

from dagplejecli.domain.shape import Field
from dagplejecli.domain.values import id_key, name_key, split_name
from dagplejecli.findings import OWN, Family, Finding, Location, Rule
from dagplejecli.findings import Severity as S
from dagplejecli.model import Child, Dagplejer
from dagplejecli.roster.columns import ColumnMap
from dagplejecli.roster.link import id_and_name
from dagplejecli.roster.records import Builder
from dagplejecli.roster.rows import RowReader, data_rows, filled
from dagplejecli.roster.vocabulary import without_role_words

# a child on a row that names no dagplejer
DP247 = Rule("DP247", S.ERROR, Family.PERSONS, OWN, params=("columns", "cpr", "name"))

# The fields that say who a one-sheet row's dagplejer is; a row with none of them has no
# dagplejer (its child is DP247), not a dagplejer without a name.
IDENTITY_FIELDS = (Field.ID, Field.CPR, Field.NAVN, Field.FORNAVN, Field.EFTERNAVN)


def dagplejer_key(d: Dagplejer) -> str:
    """Who a one-sheet row's dagplejer is, compared as ids and names are compared elsewhere
    (``05003`` and ``5003`` are one id; ``Lind, Bente`` and ``Bente Lind`` one name); empty
    when the row names no dagplejer."""
    if d.id:
        return f"id:{id_key(d.id)}"
    if d.cpr or d.cpr_text:
        return f"cpr:{d.cpr or d.cpr_text}"
    return f"navn:{name_key(d.name)}" if d.name else ""


def same_person(a: Dagplejer, b: Dagplejer) -> bool:
    """Whether two rows with one dagplejer id are the same person: no CPR number or name on
    them disagrees (a row that leaves them blank agrees)."""
    cpr_a, cpr_b = a.cpr or a.cpr_text, b.cpr or b.cpr_text
    if cpr_a and cpr_b and cpr_a != cpr_b:
        return False
    return not (a.name and b.name and name_key(a.name) != name_key(b.name))


def read_one_sheet(
    cmap: ColumnMap, builder: Builder, file: str
) -> tuple[list[Dagplejer], list[Child]]:
    """A one-sheet roster: a dagplejer per distinct dagplejer, a child per row with a child.
    A child on a row without its dagplejer's id, CPR or name belongs to no one (DP247)."""
    dagplejere: dict[str, Dagplejer] = {}
    children: list[Child] = []
    guest_rows: dict[int, tuple[Dagplejer, list[int], list[int]]] = {}  # kept → (it, yes, no)
    identity = [cmap.fields[f] for f in IDENTITY_FIELDS if f in cmap.fields]
    groups = cmap.child_groups()
    for row_no, row in data_rows(cmap):
        r = RowReader.at(cmap, file, row_no, row)
        before = len(builder.findings)
        d = builder.dagplejer(r, cmap.fields, cmap.extra, cmap.date_columns)
        if d.id and not d.name:
            _id_and_name(d)
        key = dagplejer_key(d)
        # a custody cell alone is no child
        filled_groups = [
            cols
            for cols in groups
            if any(filled(row, c) is not None for f, c in cols.items() if f != Field.MYNDIGHED)
        ]
        has_child = bool(filled_groups)
        # a row naming no dagplejer is none when it has a child (DP247); without one it stays
        # a dagplejer, whose missing name and CPR number the checks point at
        kept = dagplejere.setdefault(key, d) if key or not has_child else None
        if kept is not None and kept is not d and not same_person(kept, d):
            # one id on the rows of two people: both kept, so the shared id is an error
            # (DP216) rather than one of them and their children given to the other
            kept = dagplejere.setdefault(f"{key}|{d.cpr or d.cpr_text or name_key(d.name)}", d)
        if kept is not None:
            _, yes, no = guest_rows.setdefault(id(kept), (kept, [], []))
            (yes if d.guest else no).append(row_no)
        if kept is not d:
            # a repeated dagplejer: its notes (restored zeros) were given on its first row
            del builder.findings[before:]
        for cols in filled_groups:
            child = builder.child(r, cols)
            child.row_custody = builder.custody.of_row(r, cols)
            child.contacts = builder.contact_groups(r, cmap.contact_order, child.row_custody)
            children.append(child)
            if kept is None:
                builder.findings.append(_no_dagplejer(r, cmap, identity, child))
            else:
                child.dagplejer_ref = kept.id or kept.cpr or kept.cpr_text or kept.name
    for d, yes, no in guest_rows.values():
        if yes and no:  # her rows disagree: more access is never the guess (care.mark_guests)
            d.guest, d.guest_disputed = False, ", ".join(map(str, yes[:5]))
    return list(dagplejere.values()), children


def _id_and_name(d: Dagplejer) -> None:
    """A dagplejer written as her id and name in one cell («Jensen, Hanne - 5270», «Dagplejer
    Hanne Jensen (5270)»), with no column of her name: the id and the name, when the cell reads
    one way only with an id of digits."""
    readings = [
        (ident, name)
        for ident, name in id_and_name(without_role_words(d.id))
        if not any(ch.isalpha() for ch in ident)
    ]
    if len(readings) == 1:
        d.id = readings[0][0]
        d.first_name, d.last_name = split_name(readings[0][1])


def _no_dagplejer(r: RowReader, cmap: ColumnMap, identity: list[int], child: Child) -> Finding:
    """DP247: a one-sheet row with a child whose dagplejer's id, CPR and name are blank."""
    columns = tuple(cmap.header.texts[c] for c in sorted(identity))
    where = Location.of_cell(r.cell(min(identity, default=0)))
    variant = "one_column" if len(columns) == 1 else ""
    return DP247(where, variant=variant, columns=columns, name=child.name, cpr=child.cpr_masked)
