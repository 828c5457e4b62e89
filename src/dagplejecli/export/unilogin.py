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
from dagplejecli.domain.identifiers import cpr_birth_date, cpr_is_female, is_substitute_cpr
from dagplejecli.domain.values import phone_digits
from dagplejecli.formats.xml import escape, needs_escaping
from dagplejecli.model import Area, Child, Dagplejer, Person, Plan, Roster, contact_key

STUDENT_ROLE = "Barn"
GROUP_TYPE = "Hovedgruppe"
GROUP_NAME_BYTES = 100  # GroupName is STIL's Token100char, counted in UTF-8 bytes
CPR_REPLACEMENT = "CPR_REPLACEMENT_ID"  # CivilRegistrationNumberType of a substitute number


def cut_to_bytes(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes, never inside a character."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", "ignore")


def group_name(d: Dagplejer) -> str:
    """The name of a dagplejer's group as the roster gives it (the alias when protected),
    before it is cut to ``GROUP_NAME_BYTES``."""
    return f"{d.alias_first} {d.alias_last}" if d.protected else d.name


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
        return len({contact_key(c, p) for c, _ in self.children for p in c.contacts})

    def group_ids(self) -> list[str]:
        """The area's groups: one per dagplejer, except a guest carer's when no child is
        hers (she has no group of her own; DOMAIN.md §4)."""
        mains = {group for _, group in self.children}
        return [d.id for d in self.dagplejere if not d.guest or d.id in mains]


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


# The order of each element's children (DOMAIN.md §4), which the writer follows: it can write
# no child that is not named here, and leaves out those with no value. ``Group``,
# ``InstitutionPerson`` and ``ContactPerson`` repeat; an ``InstitutionPerson`` holds an
# ``Employee`` (a dagplejer) or a ``Student`` (a child), never both.
ELEMENT_ORDER: dict[str, tuple[str, ...]] = {
    "UNILoginImport": ("Institution",),
    "Institution": ("InstitutionNumber", "InstitutionName", "Group", "InstitutionPerson"),
    "Group": ("GroupId", "GroupName", "GroupType", "GroupLevel"),
    "InstitutionPerson": ("LocalPersonId", "Person", "Employee", "Student"),
    "Person": (
        "FirstName",
        "FamilyName",
        "CivilRegistrationNumber",
        "CivilRegistrationNumberType",
        "EmailAddress",
        "BirthDate",
        "Gender",
        "Address",
        "MobilePhoneNumber",
        # last, as the v7 "myndighed" type appends them after the phone numbers
        "AliasFirstName",
        "AliasFamilyName",
    ),
    "Address": ("StreetAddress", "PostalCode", "PostalDistrict"),
    "Employee": ("Role", "GroupId"),
    "Student": ("Role", "Level", "MainGroupId", "ContactPerson"),
    "ContactPerson": ("Person",),
}

_BOOL = {True: "true", False: "false"}
_GENDER = {True: "K", False: "M"}

# Every text, in elements and attributes alike: quotes escaped (so it fits an attribute), and
# tabs and line breaks made spaces (a reader would change them anyway).
_clean = partial(escape, quotes=True, line_breaks="space")


def _line(indent: str, name: str, value: str) -> str:
    """``<name>value</name>`` on a line of its own, or nothing when ``value`` is empty."""
    return f"{indent}<{name}>{value}</{name}>\n" if value else ""


@dataclass(frozen=True, slots=True)
class _Depth:
    """The indentation of an element (``at``) and of its children (``inner``)."""

    at: str
    inner: str

    @classmethod
    def of(cls, depth: int) -> _Depth:
        return cls("  " * depth, "  " * (depth + 1))


# Where each element stands: UNILoginImport/Institution/{Group, InstitutionPerson/{Person,
# Employee, Student/ContactPerson/Person}}
_INSTITUTION, _GROUP, _INSTITUTION_PERSON = _Depth.of(1), _Depth.of(2), _Depth.of(2)
_PERSON, _STUDENT, _CONTACT, _CONTACT_PERSON = (
    _Depth.of(3),
    _Depth.of(3),
    _Depth.of(4),
    _Depth.of(5),
)


def _person(t: _Depth, p: Person, address: tuple[str, str, str] | None = None) -> str:
    """One ``<Person>`` (``t`` says at which depth), its children in ``ELEMENT_ORDER``'s
    order, those without a value left out: this runs for every person of a national roster,
    so the values are checked for escaping once, together, and the text grows in place."""
    protected = p.protected
    first, last, cpr, email = p.first_name, p.last_name, p.cpr or "", p.email
    phone = phone_digits(p.phone)  # digits only, as STIL's own files write them (DP232)
    alias_first, alias_last = (p.alias_first, p.alias_last) if protected else ("", "")
    if needs_escaping(f"{first}{last}{alias_first}{alias_last}{cpr}{email}{phone}"):
        first, last, alias_first, alias_last, cpr, email, phone = map(
            _clean, (first, last, alias_first, alias_last, cpr, email, phone)
        )
    flag, inner = _BOOL[protected], t.inner
    out = f'{t.at}<Person protected="{flag}">\n'
    if first:
        out += f"{inner}<FirstName>{first}</FirstName>\n"
    if last:
        out += f"{inner}<FamilyName>{last}</FamilyName>\n"
    born = None
    if cpr:
        out += f"{inner}<CivilRegistrationNumber>{cpr}</CivilRegistrationNumber>\n"
        born = cpr_birth_date(cpr)
        if born is None and is_substitute_cpr(cpr):
            # a substitute number says so; it carries no birth date or gender to read
            out += (
                f"{inner}<CivilRegistrationNumberType>{CPR_REPLACEMENT}"
                "</CivilRegistrationNumberType>\n"
            )
    if email:
        out += f"{inner}<EmailAddress>{email}</EmailAddress>\n"
    if born is not None:
        out += (
            f"{inner}<BirthDate>{born.isoformat()}</BirthDate>\n"
            f"{inner}<Gender>{_GENDER[cpr_is_female(cpr)]}</Gender>\n"
        )
    if address is not None and not protected and all(address):
        street, postal_code, district = map(_clean, address)
        deeper = f"{inner}  "
        out += (
            f"{inner}<Address>\n"
            f"{deeper}<StreetAddress>{street}</StreetAddress>\n"
            f"{deeper}<PostalCode>{postal_code}</PostalCode>\n"
            f"{deeper}<PostalDistrict>{district}</PostalDistrict>\n"
            f"{inner}</Address>\n"
        )
    if phone:
        out += f'{inner}<MobilePhoneNumber protected="{flag}">{phone}</MobilePhoneNumber>\n'
    if alias_first:
        out += f"{inner}<AliasFirstName>{alias_first}</AliasFirstName>\n"
    if alias_last:
        out += f"{inner}<AliasFamilyName>{alias_last}</AliasFamilyName>\n"
    return f"{out}{t.at}</Person>\n"


def dagplejer_address(d: Dagplejer) -> tuple[str, str, str]:
    """A dagplejer's (street, postal code, district) as the files write them; the files
    leave the address out when a part is empty."""
    a = d.address
    street = " ".join(x for x in (a.street, a.house_no) if x)
    if a.floor or a.door:
        street += ", " + " ".join(x for x in (a.floor and f"{a.floor}.", a.door) if x)
    return street, a.postnr or "", a.city or ""


def import_document(config: Config, members: AreaMembers, when: dt.datetime) -> bytes:
    """One area's ``UNILoginImport``: same input and time → same bytes.

    Written as text with two-space indentation, each element's children in
    ``ELEMENT_ORDER``'s order: many times faster than building a tree for tens of thousands of
    people, and the bytes depend only on what is written.
    """
    u = config.unilogin
    level, role, guest_role = _clean(u.trin), _clean(u.rolle), _clean(u.vikar_rolle)
    group_ids = members.group_ids()
    own_group = set(group_ids)
    g, ip = _GROUP, _INSTITUTION_PERSON
    groups: list[str] = []
    for d in members.dagplejere:
        if d.id not in own_group:
            continue
        # cut before escaping: STIL counts the value's bytes, and an entity must stay whole
        name = cut_to_bytes(group_name(d), GROUP_NAME_BYTES)
        groups.append(
            f"{g.at}<Group>\n{_line(g.inner, 'GroupId', _clean(d.id))}"
            f"{_line(g.inner, 'GroupName', _clean(name))}"
            f"{g.inner}<GroupType>{GROUP_TYPE}</GroupType>\n"
            f"{_line(g.inner, 'GroupLevel', level)}{g.at}</Group>\n"
        )
    people: list[str] = []
    e = _PERSON  # Employee and Student stand where Person does, after it
    for d in members.dagplejere:
        group = _clean(d.id)
        if d.guest:
            # a guest carer covers every group of her area (and her own, if a child is hers)
            covered = "".join(f"{e.inner}<GroupId>{_clean(gid)}</GroupId>\n" for gid in group_ids)
            employee = _line(e.inner, "Role", guest_role) + covered
        else:
            employee = _line(e.inner, "Role", role) + _line(e.inner, "GroupId", group)
        people.append(
            f"{ip.at}<InstitutionPerson>\n"
            f"{ip.inner}<LocalPersonId>{group}</LocalPersonId>\n"
            f"{_person(_PERSON, d, dagplejer_address(d))}"
            f"{e.at}<Employee>\n{employee}{e.at}</Employee>\n"
            f"{ip.at}</InstitutionPerson>\n"
        )
    access = str(u.adgangsniveau)
    c, s = _CONTACT, _STUDENT
    student_head = _line(s.inner, "Role", STUDENT_ROLE) + _line(s.inner, "Level", level)
    for child, group_id in members.children:
        contacts = child.contacts
        if len(contacts) > 1:
            contacts = sorted(contacts, key=lambda p: (p.cpr or "", p.name))
        written = [
            f'{c.at}<ContactPerson relation="{_clean(p.relation or "Andet")}"'
            f' childCustody="{_BOOL[p.custody]}" accessLevel="{access}">\n'
            f"{_person(_CONTACT_PERSON, p)}{c.at}</ContactPerson>\n"
            for p in contacts
        ]
        people.append(
            f"{ip.at}<InstitutionPerson>\n"
            f"{ip.inner}<LocalPersonId>{_clean(child_person_id(child))}</LocalPersonId>\n"
            f"{_person(_PERSON, child)}"
            f"{s.at}<Student>\n{student_head}"
            f"{_line(s.inner, 'MainGroupId', _clean(group_id))}{''.join(written)}"
            f"{s.at}</Student>\n"
            f"{ip.at}</InstitutionPerson>\n"
        )
    namespace = f' xmlns="{_clean(u.navnerum)}"' if u.navnerum else ""
    attributes = (
        f'{namespace} sourceDateTime="{_clean(when.isoformat())}" source="{_clean(u.kilde)}"'
        f' schoolYear="{_clean(school_year(config, when))}"'
    )
    i = _INSTITUTION
    head = (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        f"<UNILoginImport{attributes}>\n{i.at}<Institution>\n"
        f"{_line(i.inner, 'InstitutionNumber', _clean(members.area.institution_number))}"
        f"{_line(i.inner, 'InstitutionName', _clean(members.area.name))}"
    )
    tail = f"{i.at}</Institution>\n</UNILoginImport>\n"
    return "".join([head, *groups, *people, tail]).encode()


def unilogin_files(
    config: Config, members: Sequence[AreaMembers], when: dt.datetime
) -> dict[str, bytes]:
    """``unilogin/<institutionsnummer>.xml`` for every area."""
    return {
        f"unilogin/{m.area.institution_number}.xml": import_document(config, m, when)
        for m in members
    }
