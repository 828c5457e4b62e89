"""``brugere.xlsx``: the users of an export, one sheet per area, for people to read.

Every text from the roster passes the one masker: a CPR typed into a name is not copied out."""

from __future__ import annotations

from collections.abc import Iterator

from dagplejecli.domain.identifiers import mask_cpr, mask_cpr_in_text
from dagplejecli.export.unilogin import AreaMembers, child_person_id
from dagplejecli.formats.xlsx import Sheet

HEADER = (
    "Type",
    "LocalPersonId",
    "Navn",
    "CPR",
    "Gruppe",
    "Relation",
    "Forældremyndighed",
    "Beskyttet",
)


def user_sheets(members: list[AreaMembers]) -> list[Sheet]:
    """``brugere.xlsx``: one sheet per area, for people to read; CPR numbers masked."""
    return [(m.area.institution_number or m.area.name, HEADER, _rows(m)) for m in members]


def _rows(m: AreaMembers) -> Iterator[tuple[str, ...]]:
    """An area's users, one row each, made as the workbook is written (none kept)."""
    for d in m.dagplejere:
        ident = mask_cpr_in_text(d.id)
        yield (
            "Dagplejer",
            ident,
            mask_cpr_in_text(d.name),
            mask_cpr(d.cpr),
            ident,
            "",
            "",
            _yes(d.protected),
        )
    for child, group in m.children:
        child_id, protected = child_person_id(child), _yes(child.protected)
        child_id, group = mask_cpr_in_text(child_id), mask_cpr_in_text(group)
        yield (
            "Barn",
            child_id,
            mask_cpr_in_text(child.name),
            mask_cpr(child.cpr),
            group,
            "",
            "",
            protected,
        )
        for p in child.contacts:
            custody = "ja" if p.custody else "nej"
            relation, protected = p.relation or "", _yes(p.protected)
            yield (
                "Kontaktperson",
                "",
                mask_cpr_in_text(p.name),
                mask_cpr(p.cpr),
                group,
                relation,
                custody,
                protected,
            )


def _yes(flag: bool) -> str:
    return "ja" if flag else ""
