"""The order of the elements in a Unilogin document: the writer's table (ELEMENT_ORDER), the
golden files, and the order DOMAIN.md §4 gives from STIL's schema."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from dagplejecli.export.unilogin import ELEMENT_ORDER
from tests.builders import GOLDEN_XML as GOLDEN
from tests.builders import NAMESPACE, full_document_bytes

# DOMAIN.md §4, written out here by hand: the children of each element in the schema's order,
# optional ones included. "A|B" are alternatives at one place.
DOMAIN_ORDER: dict[str, tuple[str, ...]] = {
    "UNILoginImport": ("Institution",),
    "Institution": ("InstitutionNumber", "InstitutionName", "Group", "InstitutionPerson"),
    "Group": (
        "GroupId",
        "GroupName",
        "GroupType",
        "GroupLevel",
        "Line",
        "FromDate",
        "ToDate",
    ),
    "InstitutionPerson": ("LocalPersonId", "Person", "Student|Employee|Extern"),
    "Person": (
        "FirstName",
        "FamilyName",
        "UserId",
        "CivilRegistrationNumber",
        "CivilRegistrationNumberType",
        "EmailAddress",
        "BirthDate",
        "Gender",
        "PhotoId",
        "Address",
        "HomePhoneNumber",
        "WorkPhoneNumber",
        "MobilePhoneNumber",
        "AliasFirstName",
        "AliasFamilyName",
    ),
    "Address": (
        "StreetAddress",
        "PostalCode",
        "PostalDistrict",
        "CountryCode",
        "Country",
        "MunicipalityCode",
        "MunicipalityName",
    ),
    "Employee": ("Role", "ShortName", "Occupation", "Location", "GroupId"),
    "Student": (
        "Role",
        "StudentNumber",
        "Level",
        "Location",
        "MainGroupId",
        "GroupId",
        "ContactPerson",
    ),
    "ContactPerson": ("Person",),
    "Extern": ("Role", "GroupId"),
}
ALIASES = ("AliasFirstName", "AliasFamilyName")


def out_of_order(children: list[str], order: tuple[str, ...]) -> str | None:
    """What breaks ``order`` in ``children`` (repeats allowed), or None."""
    rank = {name: n for n, place in enumerate(order) for name in place.split("|")}
    last = -1
    for i, name in enumerate(children):
        if name not in rank:
            return f"{name} has no place in {order}"
        if rank[name] < last:
            return f"{name} comes after {children[i - 1]}"
        last = rank[name]
    return None


def local(tag: str) -> str:
    """``{namespace}Person`` → ``Person``."""
    return tag.rpartition("}")[2]


def elements(root: ET.Element) -> Iterator[tuple[str, list[str]]]:
    """Every element with children: its local name and its children's."""
    for element in root.iter():
        if len(element):
            yield local(element.tag), [local(child.tag) for child in element]


def without_aliases(tag: str, children: list[str] | tuple[str, ...]) -> list[str]:
    return [c for c in children if tag != "Person" or c not in ALIASES]


def full_document() -> ET.Element:
    """A document in which a person has every element the writer can write."""
    return ET.fromstring(full_document_bytes("8006254579"))  # day 20 + 60: a substitute


def documents() -> list[tuple[str, ET.Element]]:
    return [(p.name, ET.parse(p).getroot()) for p in GOLDEN] + [("full", full_document())]


def test_the_full_document_has_every_element_of_the_table() -> None:
    written = {tag for tag, _ in elements(full_document())}
    written |= {c for _, children in elements(full_document()) for c in children}
    assert set(ELEMENT_ORDER) | {c for cs in ELEMENT_ORDER.values() for c in cs} <= written


def test_golden_files_follow_the_table() -> None:
    assert GOLDEN, "no golden Unilogin files"
    for name, root in documents():
        for tag, children in elements(root):
            assert tag in ELEMENT_ORDER, f"{name}: <{tag}> is not in ELEMENT_ORDER"
            problem = out_of_order(children, ELEMENT_ORDER[tag])
            assert problem is None, f"{name}, <{tag}>: {problem}"


@pytest.mark.parametrize("tag", sorted(ELEMENT_ORDER))
def test_the_table_follows_domain_md(tag: str) -> None:
    """Everything but the aliases' place, which the next test holds."""
    assert tag in DOMAIN_ORDER
    problem = out_of_order(without_aliases(tag, ELEMENT_ORDER[tag]), DOMAIN_ORDER[tag])
    assert problem is None, f"<{tag}>: {problem}"


def test_golden_files_follow_domain_md() -> None:
    """Everything but the aliases' place, which the next test holds."""
    for name, root in documents():
        for tag, children in elements(root):
            problem = out_of_order(without_aliases(tag, children), DOMAIN_ORDER[tag])
            assert problem is None, f"{name}, <{tag}>: {problem}"


def test_aliases_come_last_in_person() -> None:
    assert out_of_order(list(ELEMENT_ORDER["Person"]), DOMAIN_ORDER["Person"]) is None
    protected = 0
    for name, root in documents():
        for person in root.iter(f"{{{NAMESPACE}}}Person"):
            children = [local(child.tag) for child in person]
            assert out_of_order(children, DOMAIN_ORDER["Person"]) is None, name
            if person.get("protected") == "true":
                assert children[-2:] == list(ALIASES), name
                protected += 1
    assert protected, "no protected person to hold the aliases' place"


def test_every_element_is_in_the_namespace() -> None:
    for name, root in documents():
        assert root.tag == f"{{{NAMESPACE}}}UNILoginImport", name
        for element in root.iter():
            assert element.tag.startswith(f"{{{NAMESPACE}}}"), (name, element.tag)
        assert all("}" not in attribute for e in root.iter() for attribute in e.attrib), name
