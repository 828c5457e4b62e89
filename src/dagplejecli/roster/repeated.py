"""A child on several rows — one row per contact person, as a pladsanvisning's contact list is
often written — is one child with the contact persons of all its rows, when the rows write the
same child alike (name and dagplejer on every row, and the same id, protection, alias and
placement period and status).
Rows that differ or leave them blank stay apart, and the checks name them (DP203: the same CPR
number twice)."""

from __future__ import annotations

from dagplejecli.domain.shape import Field
from dagplejecli.domain.values import clean_text, id_key, name_key, read_date
from dagplejecli.findings import OWN, Family, Finding, Location, Rule
from dagplejecli.findings import Severity as S
from dagplejecli.model import Child, ContactPerson
from dagplejecli.roster.vocabulary import normalise_words

# a child's rows read as one child
DP255 = Rule("DP255", S.INFO, Family.PERSONS, OWN, params=("children", "count", "cpr", "name"))


def merge_repeated_children(children: list[Child]) -> tuple[list[Child], list[Finding]]:
    """The children with each child's repeated rows merged into its first (its contacts
    joined, one of each), and an info finding (DP255) saying how many rows were merged."""
    first_of: dict[str, Child] = {}
    kept: list[Child] = []
    merged: list[Child] = []
    for child in children:
        first = first_of.get(child.cpr) if child.cpr else None
        if first is not None and same_child(first, child):
            _join_contacts(first, child.contacts)
            _fill_placement(first, child)
            merged.append(child)
            continue
        if child.cpr and first is None:
            first_of[child.cpr] = child
        kept.append(child)
    if not merged:
        return kept, []
    example = first_of[str(merged[0].cpr)]  # the child kept, as its first row writes it
    finding = DP255(
        Location.of_cell(merged[0].cell(Field.CPR)),
        count=len(merged),
        children=len({c.cpr for c in merged}),
        name=example.name,
        cpr=example.cpr_masked,
    )
    return kept, [finding]


def same_child(a: Child, b: Child) -> bool:
    """Whether two rows with one child's CPR number say the same child with the same dagplejer:
    the name and the dagplejer written on both and alike, everything else read of the child
    (id, protection, alias) the same, and the placement (start, end, status) the same where
    both rows write it. A blank name or dagplejer is no agreement: such a row stays apart, and
    the checks name it (DP203). Rows of two placements (an ended and a current one) are two,
    each judged on the day (care.py), never one child with the first row's period."""
    if not (a.name and b.name and a.dagplejer_ref and b.dagplejer_ref):
        return False
    if _child_as_written(a) != _child_as_written(b):
        return False
    pairs = zip(_placement(a), _placement(b), strict=True)
    return all(x is None or y is None or x == y for x, y in pairs)


def _child_as_written(c: Child) -> tuple[object, ...]:
    return (
        name_key(c.name),
        id_key(c.dagplejer_ref),
        id_key(c.id),
        c.protected,
        name_key(f"{c.alias_first} {c.alias_last}"),
    )


def _placement(c: Child) -> tuple[object, object, object]:
    """The start, end and status as compared (None: blank): a date however written (an Excel
    date, «1.8.2024», «01-08-2024»), else its text; the status's words."""

    def when(cell: object) -> object:
        date, readable = read_date(cell)
        if date is not None:
            return date
        return None if readable else clean_text(cell)  # readable without a date: blank

    return when(c.start_cell), when(c.end_cell), normalise_words(c.status_text) or None


def _fill_placement(child: Child, other: Child) -> None:
    """What ``other`` (a row of the same child) writes of the placement where ``child``'s first
    row left it blank."""
    if _placement(child)[0] is None:
        child.start_cell = other.start_cell
    if _placement(child)[1] is None:
        child.end_cell = other.end_cell
    if not child.status_text:
        child.status_text = other.status_text


def _join_contacts(child: Child, others: list[ContactPerson]) -> None:
    """``others`` added to the child's contacts, except one already there as it is (the same
    parent written on two of the child's rows); one written otherwise stays, for the checks."""
    seen = {_contact_as_written(p) for p in child.contacts}
    for p in others:
        if _contact_as_written(p) not in seen:
            child.contacts.append(p)
            seen.add(_contact_as_written(p))


def _contact_as_written(p: ContactPerson) -> tuple[object, ...]:
    return (p.cpr or p.cpr_text, name_key(p.name), p.relation, p.custody, p.protected)
