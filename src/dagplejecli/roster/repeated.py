"""A child on several rows — one row per contact person, as a pladsanvisning's contact list is
often written — is one child with the contact persons of all its rows, when the rows write the
same child alike (name and dagplejer on every row, and the same id, protection and alias) and
the same placement (period and status, where a row writes them). Rows that differ, or that
leave the name or the dagplejer blank, stay apart, and the checks name them: DP203 (the same
CPR number twice) when both are in care, DP237 (care.py) when one is and the other, with the
same dagplejer and a period that overlaps, is not."""

from __future__ import annotations

from collections import Counter

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
    joined, one of each), and an info finding (DP255) saying how many rows were merged.

    Rows that write the same child (the name and the dagplejer, written on both, and the same
    id, protection and alias: ``_child_as_written``) are grouped by their placement (start,
    end, status). A placement is one child. A row
    that leaves some of it blank joins the one placement that writes all it writes — never
    one of two, and never a mix of two rows' values — whatever the rows' order."""
    seen = Counter(child.cpr for child in children if child.cpr)
    groups: dict[tuple[object, ...], list[Child]] = {}
    for child in children:  # most CPR numbers stand on one row: only the others are grouped
        if child.cpr and seen[child.cpr] > 1 and child.name and child.dagplejer_ref:
            groups.setdefault((child.cpr, *_child_as_written(child)), []).append(child)
    joins: dict[int, Child] = {}  # a row → the first row of the placement it is part of
    for rows in groups.values():
        if len(rows) < 2:
            continue
        first_of: dict[tuple[object, ...], Child] = {}
        for row in rows:
            first_of.setdefault(_placement(row), row)
        for row in rows:
            own = _placement(row)
            wider = [q for q in first_of if q != own and _within(own, q)]
            widest = [q for q in wider if not any(_within(q, r) for r in wider if r != q)]
            target = first_of[widest[0]] if len(widest) == 1 else first_of[own]
            if target is not row:
                joins[id(row)] = target

    def final(row: Child) -> Child:
        target = joins[id(row)]
        while id(target) in joins:  # the first row of a narrower placement joins a wider one
            target = joins[id(target)]
        return target

    kept = [c for c in children if id(c) not in joins]
    merged = [c for c in children if id(c) in joins]
    for child in merged:
        target = final(child)
        _join_contacts(target, child.contacts)  # (its placement is the target's, or less)
    if not merged:
        return kept, []
    example = final(merged[0])
    finding = DP255(
        Location.of_cell(merged[0].cell(Field.CPR)),
        count=len(merged),
        children=len({c.cpr for c in merged}),
        name=example.name,
        cpr=example.cpr_masked,
    )
    return kept, [finding]


def _within(narrow: tuple[object, ...], wide: tuple[object, ...]) -> bool:
    """Whether placement ``wide`` writes all ``narrow`` writes, alike."""
    return all(n is None or n == w for n, w in zip(narrow, wide, strict=True))


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
