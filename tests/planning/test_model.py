"""One identity for a contact person, and the counts per area that follow from it."""

from __future__ import annotations

from pathlib import Path

from dagplejecli.domain.address import Address
from dagplejecli.export.manifest import area_hashes
from dagplejecli.export.unilogin import members_by_area
from dagplejecli.model import (
    Area,
    AreaCounts,
    Assignment,
    Child,
    ContactPerson,
    Dagplejer,
    Plan,
    Reason,
    Roster,
    Why,
    area_counts,
    contact_key,
)
from tests.builders import CH1, CH2, CH3, DP1, DP2, MOR1


def _area(name: str) -> Area:
    address = Address("Vej", "1", None, None, "8000", "Aarhus C")
    return Area(name, ("omraade", 1), "", "", "", "", address, True, "", "", "AB0001", {})


def _child(child_id: str, cpr: str, dagplejer: str, *contacts: ContactPerson) -> Child:
    child = Child(cpr=cpr, first_name="Liv", id=child_id, dagplejer_id=dagplejer)
    child.contacts = list(contacts)
    return child


def test_contact_key_is_the_cpr_or_the_name_within_the_child() -> None:
    child = _child("B1", CH1, "D1")
    assert contact_key(child, ContactPerson(cpr=MOR1, first_name="Mette")) == MOR1
    assert contact_key(child, ContactPerson(first_name="Mette", last_name="Jensen")) == (
        "Mette Jensen|B1"
    )


def test_every_count_of_contact_persons_uses_the_same_identity() -> None:
    mother = ContactPerson(cpr=MOR1, first_name="Mette")
    children = [
        # the same mother of two children is one person
        _child("B1", CH1, "D1", mother),
        _child("B2", CH2, "D1", ContactPerson(cpr=MOR1, first_name="Mette")),
        # two namesakes without a CPR, for two children, are two people
        _child("B3", CH3, "D2", ContactPerson(first_name="Ole")),
        _child("B4", "", "D2", ContactPerson(first_name="Ole")),
    ]
    dagplejere = [Dagplejer(cpr=DP1, id="D1"), Dagplejer(cpr=DP2, id="D2")]
    plan = Plan(
        [_area("Nord"), _area("Syd")],
        {
            "D1": Assignment("D1", "Nord", Reason(Why.EXPLICIT)),
            "D2": Assignment("D2", "Syd", Reason(Why.EXPLICIT)),
        },
        [],
    )
    roster = Roster(Path("r.xlsx"), "", "to-ark", [], dagplejere, children)

    counts = area_counts(plan, roster)
    assert counts == {"Nord": AreaCounts(1, 2, 1), "Syd": AreaCounts(1, 2, 2)}
    for members in members_by_area(plan, roster):
        assert members.contact_count == counts[members.area.name].contacts
        hashes = area_hashes(b"secret", members)
        assert hashes.contacts == members.contact_count
        people = len(members.dagplejere) + len(members.children) + members.contact_count
        assert len(hashes.members) == people
