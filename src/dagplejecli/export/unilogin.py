"""Unilogin: one ``UNILoginImport`` document per area (DOMAIN.md §4), deterministic bytes.

One ``Hovedgruppe`` per dagplejer; each dagplejer an ``Employee`` in their group; each child a
``Student`` with role ``Barn`` and their dagplejer's group as ``MainGroupId``, with the contact
persons inside. Elements follow the schema's order. The only file that carries full CPR numbers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from dagplejecli.config import Config
from dagplejecli.identifiers import cpr_birth_date, cpr_is_female
from dagplejecli.model import Area, Child, ContactPerson, Dagplejer, Person, Plan, Roster

STUDENT_ROLE = "Barn"
GROUP_TYPE = "Hovedgruppe"


def school_year(config: Config, when: dt.datetime) -> str:
    """``[unilogin] skoleaar``, or the school year of ``when`` (a new one from 1 August)."""
    if config.unilogin.skoleaar:
        return config.unilogin.skoleaar.strip()
    start = when.year if when.month >= 8 else when.year - 1
    return f"{start}-{start + 1}"


def child_person_id(child: Child) -> str:
    """A child's LocalPersonId: the roster's id when it has one, else derived from the CPR.

    Derived ids are stable across exports as long as the CPR is; they are never a CPR.
    """
    if child.id:
        return child.id
    digest = hashlib.sha256(f"dagpleje-barn:{child.cpr or child.name}".encode()).hexdigest()
    return f"B-{digest[:16].upper()}"


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


def _text(parent: ET.Element, tag: str, value: str | None, **attrs: str) -> ET.Element | None:
    if value is None or value == "":
        return None
    el = ET.SubElement(parent, tag, attrs)
    el.text = value
    return el


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _person(parent: ET.Element, p: Person, address: tuple[str, str, str] | None = None) -> None:
    el = ET.SubElement(parent, "Person", {"protected": _bool(p.protected)})
    _text(el, "FirstName", p.first_name)
    _text(el, "FamilyName", p.last_name)
    if p.protected:
        _text(el, "AliasFirstName", p.alias_first)
        _text(el, "AliasFamilyName", p.alias_last)
    _text(el, "CivilRegistrationNumber", p.cpr)
    _text(el, "EmailAddress", p.email)
    if p.cpr:
        born = cpr_birth_date(p.cpr)
        _text(el, "BirthDate", born.isoformat() if born else None)
        _text(el, "Gender", "K" if cpr_is_female(p.cpr) else "M")
    if address is not None and not p.protected and all(address):
        addr = ET.SubElement(el, "Address")
        _text(addr, "StreetAddress", address[0])
        _text(addr, "PostalCode", address[1])
        _text(addr, "PostalDistrict", address[2])
    if p.phone:
        _text(el, "MobilePhoneNumber", p.phone, protected=_bool(p.protected))


def _dagplejer_address(d: Dagplejer) -> tuple[str, str, str]:
    a = d.address
    street = " ".join(x for x in (a.street, a.house_no) if x)
    if a.floor or a.door:
        street += ", " + " ".join(x for x in (a.floor and f"{a.floor}.", a.door) if x)
    return street, a.postnr or "", a.city or ""


def _contact(parent: ET.Element, p: ContactPerson, access_level: int) -> None:
    el = ET.SubElement(
        parent,
        "ContactPerson",
        {
            "relation": p.relation or "Andet",
            "childCustody": _bool(p.custody),
            "accessLevel": str(access_level),
        },
    )
    _person(el, p)


def import_document(config: Config, members: AreaMembers, when: dt.datetime) -> bytes:
    """One area's ``UNILoginImport``: same input and time → same bytes."""
    u = config.unilogin
    root = ET.Element(
        "UNILoginImport",
        {
            "sourceDateTime": when.isoformat(),
            "source": u.kilde,
            "schoolYear": school_year(config, when),
        },
    )
    inst = ET.SubElement(root, "Institution")
    _text(inst, "InstitutionNumber", members.area.institution_number)
    _text(inst, "InstitutionName", members.area.name)
    for d in members.dagplejere:
        group = ET.SubElement(inst, "Group")
        _text(group, "GroupId", d.id)
        _text(
            group,
            "GroupName",
            (d.alias_first + " " + d.alias_last if d.protected else d.name)[:100],
        )
        _text(group, "GroupType", GROUP_TYPE)
        _text(group, "GroupLevel", u.trin)
    for d in members.dagplejere:
        ip = ET.SubElement(inst, "InstitutionPerson")
        _text(ip, "LocalPersonId", d.id)
        _person(ip, d, _dagplejer_address(d))
        emp = ET.SubElement(ip, "Employee")
        _text(emp, "Role", u.rolle)
        _text(emp, "GroupId", d.id)
    for child, group_id in members.children:
        ip = ET.SubElement(inst, "InstitutionPerson")
        _text(ip, "LocalPersonId", child_person_id(child))
        _person(ip, child)
        student = ET.SubElement(ip, "Student")
        _text(student, "Role", STUDENT_ROLE)
        _text(student, "Level", u.trin)
        _text(student, "MainGroupId", group_id)
        for p in sorted(child.contacts, key=lambda p: (p.cpr or "", p.name)):
            _contact(student, p, u.adgangsniveau)
    ET.indent(root, space="  ")
    data: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return data + b"\n"


def unilogin_files(
    config: Config, members: Sequence[AreaMembers], when: dt.datetime
) -> dict[str, bytes]:
    """``unilogin/<institutionsnummer>.xml`` for every area."""
    return {
        f"unilogin/{m.area.institution_number}.xml": import_document(config, m, when)
        for m in members
    }
