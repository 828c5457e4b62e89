"""Unilogin: one ``UNILoginImport`` document per area (DOMAIN.md §4), deterministic bytes.

One ``Hovedgruppe`` per dagplejer; each dagplejer an ``Employee`` in their group; each child a
``Student`` with role ``Barn`` and their dagplejer's group as ``MainGroupId``, with the contact
persons inside. Elements follow the schema's order. The only file that carries full CPR numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from dagplejecli.config import Config
from dagplejecli.formats.xml import escape, needs_escaping
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


_BOOL = {True: "true", False: "false"}
_GENDER = {True: "K", False: "M"}
_NL = "\n"  # for f-strings nested in f-strings (no backslash allowed there)

# Every text, in elements and attributes alike: quotes escaped (so it fits an attribute), and
# tabs and line breaks made spaces (a reader would change them anyway).
_clean = partial(escape, quotes=True, line_breaks="space")


def _lines(out: list[str], indent: str, elements: tuple[tuple[str, str | None], ...]) -> None:
    """``<tag>value</tag>`` lines at one indentation; an element with no value is left out."""
    for tag, value in elements:
        if value:
            out.append(f"{indent}<{tag}>{value}</{tag}>\n")


def _person(
    out: list[str], indent: str, p: Person, address: tuple[str, str, str] | None = None
) -> None:
    """One ``<Person>`` at ``indent``, written as text: this runs for every person of a
    national roster, so the values are checked for escaping once, together."""
    protected = p.protected
    first, last, cpr, email, phone = p.first_name, p.last_name, p.cpr or "", p.email, p.phone
    alias_first, alias_last = (p.alias_first, p.alias_last) if protected else ("", "")
    if needs_escaping(f"{first}{last}{alias_first}{alias_last}{cpr}{email}{phone}"):
        first, last, alias_first, alias_last, cpr, email, phone = map(
            _clean, (first, last, alias_first, alias_last, cpr, email, phone)
        )
    i = indent + "  "
    flag = _BOOL[protected]
    born = cpr_birth_date(cpr) if cpr else None
    address_xml = ""
    if address is not None and not protected and all(address):
        street, postal_code, district = map(_clean, address)
        address_xml = (
            f"{i}<Address>\n{i}  <StreetAddress>{street}</StreetAddress>\n"
            f"{i}  <PostalCode>{postal_code}</PostalCode>\n"
            f"{i}  <PostalDistrict>{district}</PostalDistrict>\n{i}</Address>\n"
        )
    phone_xml = ""
    if phone:
        phone_xml = f'{i}<MobilePhoneNumber protected="{flag}">{phone}</MobilePhoneNumber>\n'
    # one text per person; an element with no value is left out
    out.append(
        f'{indent}<Person protected="{flag}">\n'
        f"{f'{i}<FirstName>{first}</FirstName>{_NL}' if first else ''}"
        f"{f'{i}<FamilyName>{last}</FamilyName>{_NL}' if last else ''}"
        f"{f'{i}<AliasFirstName>{alias_first}</AliasFirstName>{_NL}' if alias_first else ''}"
        f"{f'{i}<AliasFamilyName>{alias_last}</AliasFamilyName>{_NL}' if alias_last else ''}"
        f"{f'{i}<CivilRegistrationNumber>{cpr}</CivilRegistrationNumber>{_NL}' if cpr else ''}"
        f"{f'{i}<EmailAddress>{email}</EmailAddress>{_NL}' if email else ''}"
        f"{f'{i}<BirthDate>{born.isoformat()}</BirthDate>{_NL}' if born else ''}"
        f"{f'{i}<Gender>{_GENDER[cpr_is_female(cpr)]}</Gender>{_NL}' if cpr else ''}"
        f"{address_xml}{phone_xml}{indent}</Person>\n"
    )


def _dagplejer_address(d: Dagplejer) -> tuple[str, str, str]:
    a = d.address
    street = " ".join(x for x in (a.street, a.house_no) if x)
    if a.floor or a.door:
        street += ", " + " ".join(x for x in (a.floor and f"{a.floor}.", a.door) if x)
    return street, a.postnr or "", a.city or ""


def import_document(config: Config, members: AreaMembers, when: dt.datetime) -> bytes:
    """One area's ``UNILoginImport``: same input and time → same bytes.

    Written as text with two-space indentation, in the schema's element order: many times
    faster than building a tree for tens of thousands of people, and the bytes depend only on
    what is written.
    """
    u = config.unilogin
    level, role = _clean(u.trin), _clean(u.rolle)
    out = [
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        f'<UNILoginImport sourceDateTime="{_clean(when.isoformat())}" source="{_clean(u.kilde)}"'
        f' schoolYear="{_clean(school_year(config, when))}">\n',
        "  <Institution>\n",
    ]
    _lines(
        out,
        "    ",
        (
            ("InstitutionNumber", _clean(members.area.institution_number)),
            ("InstitutionName", _clean(members.area.name)),
        ),
    )
    for d in members.dagplejere:
        name = (f"{d.alias_first} {d.alias_last}" if d.protected else d.name)[:100]
        out.append("    <Group>\n")
        _lines(
            out,
            "      ",
            (
                ("GroupId", _clean(d.id)),
                ("GroupName", _clean(name)),
                ("GroupType", GROUP_TYPE),
                ("GroupLevel", level),
            ),
        )
        out.append("    </Group>\n")
    for d in members.dagplejere:
        group = _clean(d.id)
        out.append(f"    <InstitutionPerson>\n      <LocalPersonId>{group}</LocalPersonId>\n")
        _person(out, "      ", d, _dagplejer_address(d))
        out.append("      <Employee>\n")
        _lines(out, "        ", (("Role", role), ("GroupId", group)))
        out.append("      </Employee>\n    </InstitutionPerson>\n")
    access = str(u.adgangsniveau)
    for child, group_id in members.children:
        out.append(
            f"    <InstitutionPerson>\n"
            f"      <LocalPersonId>{_clean(child_person_id(child))}</LocalPersonId>\n"
        )
        _person(out, "      ", child)
        out.append(f"      <Student>\n        <Role>{STUDENT_ROLE}</Role>\n")
        _lines(out, "        ", (("Level", level), ("MainGroupId", _clean(group_id))))
        for p in sorted(child.contacts, key=lambda p: (p.cpr or "", p.name)):
            relation = _clean(p.relation or "Andet")
            out.append(
                f'        <ContactPerson relation="{relation}" childCustody="{_BOOL[p.custody]}"'
                f' accessLevel="{access}">\n'
            )
            _person(out, "          ", p)
            out.append("        </ContactPerson>\n")
        out.append("      </Student>\n    </InstitutionPerson>\n")
    out.append("  </Institution>\n</UNILoginImport>\n")
    return "".join(out).encode("utf-8")


def unilogin_files(
    config: Config, members: Sequence[AreaMembers], when: dt.datetime
) -> dict[str, bytes]:
    """``unilogin/<institutionsnummer>.xml`` for every area."""
    return {
        f"unilogin/{m.area.institution_number}.xml": import_document(config, m, when)
        for m in members
    }
