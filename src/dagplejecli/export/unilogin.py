"""Unilogin: one ``UNILoginImport`` document per area (DOMAIN.md §4), deterministic bytes.

One ``Hovedgruppe`` per dagplejer; each dagplejer an ``Employee`` in their group; each child a
``Student`` with role ``Barn`` and their dagplejer's group as ``MainGroupId``, with the contact
persons inside. Elements follow the schema's order. The only file that carries full CPR numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
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

# A child with attributes, which the caller writes whole, as it writes an element
_WRITTEN_WHOLE = frozenset({"MobilePhoneNumber"})

# An element's children by name: text (written as ``<name>text</name>``) or, for an element of
# ELEMENT_ORDER (or one of _WRITTEN_WHOLE), what is already written of it: one text, or a list
# of texts where the child repeats
Children = Mapping[str, str | list[str]]


@dataclass(frozen=True, slots=True)
class _Template:
    """How one element is written at its depth in the document, derived from ELEMENT_ORDER
    once, at import: its opening and closing lines and, for each child in order, the text on
    either side of the child's value. Writing an element is then one pass over these."""

    inner: str  # the children's indentation
    open: str  # ``<tag`` indented; the attributes and ``>`` follow
    close: str
    slots: tuple[tuple[str, str, str], ...]  # (name, before, after) in ELEMENT_ORDER's order
    elements: dict[str, _Template]  # the templates of the children that are elements

    @classmethod
    def derive(cls, tag: str, depth: int = 0) -> _Template:
        indent, inner = "  " * depth, "  " * (depth + 1)
        slots: list[tuple[str, str, str]] = []
        elements: dict[str, _Template] = {}
        for name in ELEMENT_ORDER[tag]:
            if name in ELEMENT_ORDER:
                elements[name] = cls.derive(name, depth + 1)
            if name in ELEMENT_ORDER or name in _WRITTEN_WHOLE:
                slots.append((name, "", ""))
            else:
                slots.append((name, f"{inner}<{name}>", f"</{name}>\n"))
        return cls(inner, f"{indent}<{tag}", f"{indent}</{tag}>\n", tuple(slots), elements)

    def of(self, *path: str) -> _Template:
        """The template of a descendant: ``of("Student", "ContactPerson")``."""
        template = self
        for name in path:
            template = template.elements[name]
        return template

    def parts(
        self, children: Children, attributes: str = "", *, keep_empty: bool = False
    ) -> list[str]:
        """The element with ``children`` in the table's order, as texts to join. A text child
        that is empty is left out, unless ``keep_empty`` (then it is ``<name></name>``)."""
        out = [self.open, attributes, ">\n"]
        for name, before, after in self.slots:
            value = children.get(name)
            if value:
                if isinstance(value, list):
                    out += value
                else:
                    out.append(f"{before}{value}{after}")
            elif keep_empty and value == "":
                out.append(f"{before}{after}")
        out.append(self.close)
        return out

    def write(self, children: Children, attributes: str = "", *, keep_empty: bool = False) -> str:
        """The element as one text (see ``parts``)."""
        return "".join(self.parts(children, attributes, keep_empty=keep_empty))


_DOCUMENT = _Template.derive("UNILoginImport")
_INSTITUTION = _DOCUMENT.of("Institution")
_GROUP = _INSTITUTION.of("Group")
_INSTITUTION_PERSON = _INSTITUTION.of("InstitutionPerson")
_PERSON = _INSTITUTION_PERSON.of("Person")  # a dagplejer or a child
_EMPLOYEE = _INSTITUTION_PERSON.of("Employee")
_STUDENT = _INSTITUTION_PERSON.of("Student")
_CONTACT = _STUDENT.of("ContactPerson")
_CONTACT_PERSON = _CONTACT.of("Person")

_BOOL = {True: "true", False: "false"}
_GENDER = {True: "K", False: "M"}

# Every text, in elements and attributes alike: quotes escaped (so it fits an attribute), and
# tabs and line breaks made spaces (a reader would change them anyway).
_clean = partial(escape, quotes=True, line_breaks="space")


def _person(t: _Template, p: Person, address: tuple[str, str, str] | None = None) -> str:
    """One ``<Person>`` (``t`` says at which depth): this runs for every person of a national
    roster, so the values are checked for escaping once, together."""
    protected = p.protected
    first, last, cpr, email = p.first_name, p.last_name, p.cpr or "", p.email
    phone = phone_digits(p.phone)  # digits only, as STIL's own files write them (DP232)
    alias_first, alias_last = (p.alias_first, p.alias_last) if protected else ("", "")
    if needs_escaping(f"{first}{last}{alias_first}{alias_last}{cpr}{email}{phone}"):
        first, last, alias_first, alias_last, cpr, email, phone = map(
            _clean, (first, last, alias_first, alias_last, cpr, email, phone)
        )
    flag = _BOOL[protected]
    born = cpr_birth_date(cpr) if cpr else None
    # a substitute number says so; it carries no birth date or gender to read
    substitute = born is None and is_substitute_cpr(cpr)
    address_xml = ""
    if address is not None and not protected and all(address):
        street, postal_code, district = map(_clean, address)
        fields = {"StreetAddress": street, "PostalCode": postal_code, "PostalDistrict": district}
        address_xml = t.elements["Address"].write(fields, keep_empty=True)
    phone_xml = (
        f'{t.inner}<MobilePhoneNumber protected="{flag}">{phone}</MobilePhoneNumber>\n'
        if phone
        else ""
    )
    children: Children = {
        "FirstName": first,
        "FamilyName": last,
        "AliasFirstName": alias_first,
        "AliasFamilyName": alias_last,
        "CivilRegistrationNumber": cpr,
        "CivilRegistrationNumberType": CPR_REPLACEMENT if substitute else "",
        "EmailAddress": email,
        "BirthDate": born.isoformat() if born else "",
        "Gender": _GENDER[cpr_is_female(cpr)] if born else "",
        "Address": address_xml,
        "MobilePhoneNumber": phone_xml,
    }
    return t.write(children, f' protected="{flag}"')


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

    Written as text with two-space indentation, in ``ELEMENT_ORDER``: many times faster than
    building a tree for tens of thousands of people, and the bytes depend only on what is
    written.
    """
    u = config.unilogin
    level, role, guest_role = _clean(u.trin), _clean(u.rolle), _clean(u.vikar_rolle)
    group_ids = members.group_ids()
    own_group = set(group_ids)
    groups: list[str] = []
    for d in members.dagplejere:
        if d.id not in own_group:
            continue
        # cut before escaping: STIL counts the value's bytes, and an entity must stay whole
        name = cut_to_bytes(group_name(d), GROUP_NAME_BYTES)
        fields = {"GroupId": _clean(d.id), "GroupName": _clean(name)}
        groups.append(_GROUP.write(fields | {"GroupType": GROUP_TYPE, "GroupLevel": level}))
    people: list[str] = []
    for d in members.dagplejere:
        group = _clean(d.id)
        if d.guest:
            # a guest carer covers every group of her area (and her own, if a child is hers)
            covered = [f"{_EMPLOYEE.inner}<GroupId>{_clean(g)}</GroupId>\n" for g in group_ids]
            employee = _EMPLOYEE.write({"Role": guest_role, "GroupId": covered})
        else:
            employee = _EMPLOYEE.write({"Role": role, "GroupId": group})
        about = {
            "LocalPersonId": group,
            "Person": _person(_PERSON, d, dagplejer_address(d)),
            "Employee": employee,
        }
        people.append(_INSTITUTION_PERSON.write(about, keep_empty=True))
    access = str(u.adgangsniveau)
    for child, group_id in members.children:
        contacts: list[str] = []
        for p in sorted(child.contacts, key=lambda p: (p.cpr or "", p.name)):
            relation = _clean(p.relation or "Andet")
            attributes = (
                f' relation="{relation}" childCustody="{_BOOL[p.custody]}" accessLevel="{access}"'
            )
            contact = {"Person": _person(_CONTACT_PERSON, p)}
            contacts.append(_CONTACT.write(contact, attributes))
        fields = {"Role": STUDENT_ROLE, "Level": level, "MainGroupId": _clean(group_id)}
        about = {
            "LocalPersonId": _clean(child_person_id(child)),
            "Person": _person(_PERSON, child),
            "Student": _STUDENT.write({**fields, "ContactPerson": contacts}),
        }
        people.append(_INSTITUTION_PERSON.write(about, keep_empty=True))
    institution: Children = {
        "InstitutionNumber": _clean(members.area.institution_number),
        "InstitutionName": _clean(members.area.name),
        "Group": groups,
        "InstitutionPerson": people,
    }
    namespace = f' xmlns="{_clean(u.navnerum)}"' if u.navnerum else ""
    attributes = (
        f'{namespace} sourceDateTime="{_clean(when.isoformat())}" source="{_clean(u.kilde)}"'
        f' schoolYear="{_clean(school_year(config, when))}"'
    )
    document = _DOCUMENT.parts({"Institution": _INSTITUTION.parts(institution)}, attributes)
    return "".join(["<?xml version='1.0' encoding='UTF-8'?>\n", *document]).encode()


def unilogin_files(
    config: Config, members: Sequence[AreaMembers], when: dt.datetime
) -> dict[str, bytes]:
    """``unilogin/<institutionsnummer>.xml`` for every area."""
    return {
        f"unilogin/{m.area.institution_number}.xml": import_document(config, m, when)
        for m in members
    }
