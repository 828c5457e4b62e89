"""Unilogin: one ``UNILoginImport`` document per area (DOMAIN.md §4), deterministic bytes.

One ``Hovedgruppe`` per dagplejer; each dagplejer an ``Employee`` in their group; each child a
``Student`` with role ``Barn`` and their dagplejer's group as ``MainGroupId``, with the contact
persons inside. Elements follow the schema's order. The only file that carries full CPR numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from dagplejecli.config import Config
from dagplejecli.identifiers import cpr_birth_date, cpr_is_female
from dagplejecli.model import Area, Child, Dagplejer, Person, Plan, Roster

STUDENT_ROLE = "Barn"
GROUP_TYPE = "Hovedgruppe"


def school_year(config: Config, when: dt.datetime) -> str:
    """``[unilogin] skoleaar``, or the school year of ``when`` (a new one from 1 August)."""
    if config.unilogin.skoleaar:
        return config.unilogin.skoleaar.strip()
    start = when.year if when.month >= 8 else when.year - 1
    return f"{start}-{start + 1}"


def child_person_id(child: Child) -> str:
    """A child's LocalPersonId: the roster's id, or the stable one derived when reading."""
    return child.id


@dataclass(frozen=True, slots=True)
class AreaMembers:
    """The people of one area, in a stable order."""

    area: Area
    dagplejere: list[Dagplejer]
    children: list[tuple[Child, str]]  # child and their dagplejer's id (= group id)

    @property
    def contact_count(self) -> int:
        return len({p.cpr or p.name for c, _ in self.children for p in c.contacts})


def members_by_area(plan: Plan, roster: Roster) -> list[AreaMembers]:
    by_area: dict[str, AreaMembers] = {a.name: AreaMembers(a, [], []) for a in plan.areas}
    for d in sorted(roster.dagplejere, key=lambda d: d.id):
        area = plan.area_of(d.id)
        if area is not None:
            by_area[area].dagplejere.append(d)
    for c in sorted(roster.children, key=child_person_id):
        area = plan.area_of(c.dagplejer_id)
        if area is not None and c.dagplejer_id is not None:
            by_area[area].children.append((c, c.dagplejer_id))
    return list(by_area.values())


_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NEEDS_WORK = re.compile('[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')
_INDENT = ["  " * depth for depth in range(16)]
_QUOTE = {'"': "&quot;"}


def _clean(value: str, attribute: bool = False) -> str:
    """Text for XML: escaped, characters XML cannot hold removed (one C-level test first)."""
    if _NEEDS_WORK.search(value) is None:
        return value
    return escape(_ILLEGAL_XML.sub("", value), _QUOTE if attribute else {})


class _Xml:
    """A small streaming XML writer: elements in the order written, two-space indentation.

    Faster than building a tree for tens of thousands of people, and the bytes depend only
    on what is written.
    """

    def __init__(self) -> None:
        self.parts: list[str] = ["<?xml version='1.0' encoding='UTF-8'?>\n"]
        self.depth = 0

    def open(self, tag: str, **attrs: str) -> None:
        self.parts.append(f"{_INDENT[self.depth]}<{tag}{_attrs(attrs)}>\n")
        self.depth += 1

    def close(self, tag: str) -> None:
        self.depth -= 1
        self.parts.append(f"{_INDENT[self.depth]}</{tag}>\n")

    def text(self, tag: str, value: str | None, **attrs: str) -> None:
        """An element with text; nothing at all when the value is empty (optional elements)."""
        if value:
            attributes = _attrs(attrs) if attrs else ""
            self.parts.append(f"{_INDENT[self.depth]}<{tag}{attributes}>{_clean(value)}</{tag}>\n")

    def bytes(self) -> bytes:
        return "".join(self.parts).encode("utf-8")


def _attrs(attrs: dict[str, str]) -> str:
    return "".join(f' {k}="{_clean(v, attribute=True)}"' for k, v in attrs.items())


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _person(x: _Xml, p: Person, address: tuple[str, str, str] | None = None) -> None:
    x.open("Person", protected=_bool(p.protected))
    x.text("FirstName", p.first_name)
    x.text("FamilyName", p.last_name)
    if p.protected:
        x.text("AliasFirstName", p.alias_first)
        x.text("AliasFamilyName", p.alias_last)
    x.text("CivilRegistrationNumber", p.cpr)
    x.text("EmailAddress", p.email)
    if p.cpr:
        born = cpr_birth_date(p.cpr)
        x.text("BirthDate", born.isoformat() if born else None)
        x.text("Gender", "K" if cpr_is_female(p.cpr) else "M")
    if address is not None and not p.protected and all(address):
        x.open("Address")
        x.text("StreetAddress", address[0])
        x.text("PostalCode", address[1])
        x.text("PostalDistrict", address[2])
        x.close("Address")
    x.text("MobilePhoneNumber", p.phone, protected=_bool(p.protected))
    x.close("Person")


def _dagplejer_address(d: Dagplejer) -> tuple[str, str, str]:
    a = d.address
    street = " ".join(x for x in (a.street, a.house_no) if x)
    if a.floor or a.door:
        street += ", " + " ".join(x for x in (a.floor and f"{a.floor}.", a.door) if x)
    return street, a.postnr or "", a.city or ""


def import_document(config: Config, members: AreaMembers, when: dt.datetime) -> bytes:
    """One area's ``UNILoginImport``: same input and time → same bytes."""
    u = config.unilogin
    x = _Xml()
    x.open(
        "UNILoginImport",
        sourceDateTime=when.isoformat(),
        source=u.kilde,
        schoolYear=school_year(config, when),
    )
    x.open("Institution")
    x.text("InstitutionNumber", members.area.institution_number)
    x.text("InstitutionName", members.area.name)
    for d in members.dagplejere:
        x.open("Group")
        x.text("GroupId", d.id)
        x.text("GroupName", (f"{d.alias_first} {d.alias_last}" if d.protected else d.name)[:100])
        x.text("GroupType", GROUP_TYPE)
        x.text("GroupLevel", u.trin)
        x.close("Group")
    for d in members.dagplejere:
        x.open("InstitutionPerson")
        x.text("LocalPersonId", d.id)
        _person(x, d, _dagplejer_address(d))
        x.open("Employee")
        x.text("Role", u.rolle)
        x.text("GroupId", d.id)
        x.close("Employee")
        x.close("InstitutionPerson")
    access = str(u.adgangsniveau)
    for child, group_id in members.children:
        x.open("InstitutionPerson")
        x.text("LocalPersonId", child_person_id(child))
        _person(x, child)
        x.open("Student")
        x.text("Role", STUDENT_ROLE)
        x.text("Level", u.trin)
        x.text("MainGroupId", group_id)
        for p in sorted(child.contacts, key=lambda p: (p.cpr or "", p.name)):
            x.open(
                "ContactPerson",
                relation=p.relation or "Andet",
                childCustody=_bool(p.custody),
                accessLevel=access,
            )
            _person(x, p)
            x.close("ContactPerson")
        x.close("Student")
        x.close("InstitutionPerson")
    x.close("Institution")
    x.close("UNILoginImport")
    return x.bytes()


def unilogin_files(
    config: Config, members: Sequence[AreaMembers], when: dt.datetime
) -> dict[str, bytes]:
    """``unilogin/<institutionsnummer>.xml`` for every area."""
    return {
        f"unilogin/{m.area.institution_number}.xml": import_document(config, m, when)
        for m in members
    }
