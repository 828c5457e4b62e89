"""``brugere.xlsx``: the users of an export, one sheet per area, for people to read."""

from __future__ import annotations

from dagplejecli.domain.identifiers import mask_cpr
from dagplejecli.export.unilogin import AreaMembers, child_person_id
from dagplejecli.formats.xlsx import Sheet


def user_sheets(members: list[AreaMembers]) -> list[Sheet]:
    """``brugere.xlsx``: one sheet per area, for people to read; CPR numbers masked."""
    header = [
        "Type",
        "LocalPersonId",
        "Navn",
        "CPR",
        "Gruppe",
        "Relation",
        "Forældremyndighed",
        "Beskyttet",
    ]
    sheets: list[Sheet] = []
    for m in members:
        rows: list[list[object]] = []
        for d in m.dagplejere:
            rows.append(
                [
                    "Dagplejer",
                    d.id,
                    d.name,
                    mask_cpr(d.cpr),
                    d.id,
                    "",
                    "",
                    "ja" if d.protected else "",
                ]
            )
        for child, group in m.children:
            rows.append(
                [
                    "Barn",
                    child_person_id(child),
                    child.name,
                    mask_cpr(child.cpr),
                    group,
                    "",
                    "",
                    "ja" if child.protected else "",
                ]
            )
            for p in child.contacts:
                rows.append(
                    [
                        "Kontaktperson",
                        "",
                        p.name,
                        mask_cpr(p.cpr),
                        group,
                        p.relation or "",
                        "ja" if p.custody else "nej",
                        "ja" if p.protected else "",
                    ]
                )
        sheets.append((m.area.institution_number or m.area.name, header, rows))
    return sheets
