"""The structural self-check (export/unilogin_check.py), held to DOMAIN.md §4: it passes what
the published structure allows and names what it does not, and export treats a failure as a bug
(exit code 70) before anything is written."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from dagplejecli.export.unilogin_check import check_document
from tests.builders import GOLDEN_XML as GOLDEN
from tests.builders import NS, document, full_document_bytes


def test_a_valid_document_passes() -> None:
    assert check_document("x.xml", document(), NS) == []


def test_every_golden_and_the_full_document_pass() -> None:
    for path in GOLDEN:
        assert check_document(path.name, path.read_bytes(), NS) == []
    assert check_document("full", full_document_bytes(), NS) == []
    assert check_document("substitute", full_document_bytes("8006254579"), NS) == []


@pytest.mark.parametrize(
    ("person", "group", "root", "expected"),
    [
        # aliases right after FamilyName, where the writer used to put them
        (
            "<FirstName>A</FirstName><FamilyName>B</FamilyName><AliasFirstName>C</AliasFirstName>"
            "<AliasFamilyName>D</AliasFamilyName><Gender>K</Gender>",
            "",
            "",
            "Gender': This element is not expected",
        ),
        (
            "<FamilyName>B</FamilyName>",
            "",
            "",
            "Expected is ( {https://unilogin.dk/data}FirstName )",
        ),
        (
            "<FirstName>A</FirstName><FamilyName>B</FamilyName><UserId>x</UserId>",
            "",
            "",
            "UserId': This element is not expected",
        ),
        (
            "<FirstName>A</FirstName><FamilyName>B</FamilyName><Gender>F</Gender>",
            "",
            "",
            "Gender': [facet 'enumeration']",
        ),
        (
            "<FirstName>A</FirstName><FamilyName>B</FamilyName>"
            "<CivilRegistrationNumberType>CPR_FAKE</CivilRegistrationNumberType>",
            "",
            "",
            "CivilRegistrationNumberType': [facet 'enumeration']",
        ),
        (
            "<FirstName>A</FirstName><FamilyName>B</FamilyName><BirthDate>2025-13-01</BirthDate>",
            "",
            "",
            "BirthDate'",
        ),
        (
            "",
            "<GroupId>D1</GroupId><GroupName>" + "æ" * 51 + "</GroupName>"
            "<GroupType>Hovedgruppe</GroupType><GroupLevel>0</GroupLevel>",
            "",
            "GroupName longer than 100 UTF-8 bytes",
        ),
        (
            "",
            "<GroupId>D1</GroupId><GroupType>Klasse</GroupType>",
            "",
            "GroupType': [facet 'enumeration']",
        ),
        (
            "",
            "<GroupId>D1</GroupId><GroupType>Hovedgruppe</GroupType>",
            "",
            "GroupLevel must be given for a Hovedgruppe",
        ),
        (
            "",
            "",
            'sourceDateTime="2026-11-27T08:00:00+01:00" source="x" schoolYear="2026/27"',
            "schoolYear",
        ),
        ("", "", 'source="x" schoolYear="2026-2027"', "'sourceDateTime' is required"),
    ],
)
def test_what_breaks_the_structure_is_named(
    person: str, group: str, root: str, expected: str
) -> None:
    problems = check_document("x.xml", document(person, group, root), NS)
    assert any(expected in p for p in problems), problems


def test_institution_number_pattern_and_namespace() -> None:
    bad_number = document().replace(b"AB0001", b"AB-001")
    assert any("pattern" in p for p in check_document("x.xml", bad_number, NS))
    elsewhere = check_document("x.xml", document(), "")
    assert any("No matching global declaration" in p for p in elsewhere)
    no_namespace = document().replace(f' xmlns="{NS}"'.encode(), b"")
    assert check_document("x.xml", no_namespace, "") == []
    assert check_document("x.xml", no_namespace, NS) != []


def test_ids_are_unique_and_groups_named() -> None:
    person = b"<InstitutionPerson><LocalPersonId>D1</LocalPersonId>"
    twice = document().replace(b"</Institution>", person + b"</InstitutionPerson></Institution>")
    assert any("person" in p and "Duplicate" in p for p in check_document("x.xml", twice, NS))
    unknown = document().replace(
        b"<GroupId>D1</GroupId></Employee>", b"<GroupId>D2</GroupId></Employee>"
    )
    assert any("groupref" in p for p in check_document("x.xml", unknown, NS))
    team = document(group="<GroupId>D1</GroupId><GroupType>Team</GroupType>")
    student = (
        b"<InstitutionPerson><LocalPersonId>B1</LocalPersonId><Student><Role>Barn</Role>"
        b"<Level>0</Level><MainGroupId>D1</MainGroupId></Student></InstitutionPerson>"
    )
    not_main = team.replace(b"</Institution>", student + b"</Institution>")
    assert check_document("x.xml", not_main, NS) == [
        "x.xml: a MainGroupId that is not a Hovedgruppe"
    ]


def test_a_protected_person_without_alias_is_named() -> None:
    bad = document().replace(b'protected="false"', b'protected="true"')
    assert any("alias" in p for p in check_document("x.xml", bad, NS))


def test_a_substitute_cpr_is_written_as_a_replacement_id() -> None:
    root = ET.fromstring(full_document_bytes("8006254579"))
    child = [p for p in root.iter(f"{{{NS}}}Person") if p.findtext(f"{{{NS}}}FirstName") == "Noah"]
    assert child[0].findtext(f"{{{NS}}}CivilRegistrationNumberType") == "CPR_REPLACEMENT_ID"
    assert child[0].find(f"{{{NS}}}BirthDate") is None  # the date part is not a birth date
    ordinary = ET.fromstring(full_document_bytes("2006254579"))
    assert ordinary.find(f".//{{{NS}}}CivilRegistrationNumberType") is None


def test_the_identities_are_checked_wherever_the_ids_stand() -> None:
    """GroupId unique, every group reference (an Employee's, a Student's GroupId or
    MainGroupId) naming a group, LocalPersonId unique — also when a comment splits an id."""
    full = full_document_bytes()
    assert check_document("full", full, NS) == []
    second_group = b"<Group><GroupId>D1</GroupId><GroupType>Team</GroupType></Group>"
    twice = document().replace(b"</Group>", b"</Group>" + second_group)
    assert any("Duplicate GroupId" in p for p in check_document("x.xml", twice, NS))
    for wrong in (
        full.replace(b"<MainGroupId>D1</MainGroupId>", b"<MainGroupId>D9</MainGroupId>"),
        full.replace(
            b"<MainGroupId>D1</MainGroupId>", b"<MainGroupId>D1</MainGroupId><GroupId>D7</GroupId>"
        ),
    ):
        assert any("groupref" in p for p in check_document("x.xml", wrong, NS))
    split = b"<InstitutionPerson><LocalPersonId>D<!-- -->1</LocalPersonId></InstitutionPerson>"
    again = document().replace(b"</Institution>", split + b"</Institution>")
    assert any("Duplicate LocalPersonId" in p for p in check_document("x.xml", again, NS))


def test_a_protected_contact_person_without_alias_is_named() -> None:
    full = full_document_bytes()
    contact = b'accessLevel="1">\n          <Person protected="false">'
    assert contact in full
    bad = full.replace(contact, contact.replace(b"false", b"true"))
    assert any("alias" in p for p in check_document("x.xml", bad, NS))
    spaced = document().replace(b'protected="false"', b'protected=" 1 "')  # xs:boolean
    assert any("alias" in p for p in check_document("x.xml", spaced, NS))
