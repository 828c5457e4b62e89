"""Children side by side on a dagplejer's row, and parents side by side on a contacts sheet:
what must never be read so, and what is asked rather than guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from dagplejecli.config import RosterConfig
from dagplejecli.domain.shape import Role
from dagplejecli.errors import DagplejeError
from dagplejecli.roster import read_roster
from tests.builders import CH1, CH2, CH3, DP1, DP2, FAR1, MOR1, MOR2, small_roster, write_xlsx

DAGPLEJER = ["Dagplejer", "Medarbejdernr.", "CPR", "Adresse"]
ANNE = ["Anne Jensen", "D1", DP1, "Søndergade 1, 8200 Aarhus N"]
BO = ["Bo Ærø", "D2", DP2, "Vestergade 2, 8210 Aarhus V"]


def _read(folder: Path, sheets: dict[str, list[list[object]]], **roster: object):  # type: ignore[no-untyped-def]
    path = write_xlsx(folder / "roster.xlsx", sheets)
    return read_roster([path], RosterConfig(**roster))


def test_an_unnumbered_first_block_is_the_first_child(tmp_path: Path) -> None:
    # «Barn», «CPR barn» before «Barn 2», «CPR barn 2»: three children, not one
    header = [*DAGPLEJER, "Barn", "CPR barn", "Barn 2", "CPR barn 2"]
    rows = [header, [*ANNE, "Liv Jensen", CH1, "Emil Ærø", CH2], [*BO, "Ida Holm", CH3, "", ""]]
    roster, _ = _read(tmp_path, {"Oversigt": rows})
    assert sorted(c.name for c in roster.children) == ["Emil Ærø", "Ida Holm", "Liv Jensen"]


def test_a_second_block_alone_does_not_take_the_first_ones_place(tmp_path: Path) -> None:
    header = [*DAGPLEJER, "Barn", "CPR barn", "Barn 2", "CPR barn 2"]
    rows = [header, [*ANNE, "Liv Jensen", CH1, "Emil Ærø", CH2]]
    roster, _ = _read(tmp_path, {"Oversigt": rows[:1] + rows[1:]})
    assert {c.cpr for c in roster.children} == {CH1, CH2}


def test_an_end_date_per_block_is_read(tmp_path: Path) -> None:
    header = [*DAGPLEJER, "Barn 1", "CPR barn 1", "Slut barn 1", "Barn 2", "CPR barn 2"]
    rows = [header, [*ANNE, "Liv Jensen", CH1, "01-10-2026", "Emil Ærø", CH2]]
    roster, _ = _read(tmp_path, {"Oversigt": rows})
    liv = next(c for c in roster.children if c.name == "Liv Jensen")
    emil = next(c for c in roster.children if c.name == "Emil Ærø")
    assert liv.end_cell == "01-10-2026" and emil.end_cell is None


def test_an_overview_beside_a_childrens_sheet_is_asked_about_and_read_as_named(
    tmp_path: Path,
) -> None:
    # the dagplejere's sheet lists her children as an overview; the children's sheet has them
    # with their parents: never one of them read and the other dropped
    sheets = small_roster()
    sheets["Dagplejere"][0] += ["Barn 1", "CPR barn 1", "Barn 2", "CPR barn 2"]
    sheets["Dagplejere"][1] += ["Liv Jensen", CH1, "", ""]
    with pytest.raises(DagplejeError) as asked:
        _read(tmp_path, sheets)
    assert asked.value.key == "roster_one_sheet_and_children"
    roster, _ = _read(tmp_path, sheets, boern_ark="Børn", ark="Dagplejere")
    roles = {i.name: i.role for i in roster.sheet_info}
    assert roles == {"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN}
    assert len(roster.children) == 3 and sum(len(c.contacts) for c in roster.children) == 3


def test_a_parents_row_with_her_children_numbered_is_no_dagplejers(tmp_path: Path) -> None:
    # a contacts sheet, one row per parent, with «Barn 1 CPR», «Barn 2 CPR»: never read as a
    # one-sheet roster of dagplejere (it was, and then left out with a warning)
    sheets = small_roster()
    sheets["Kontakter"] = [
        ["CPR", "Navn", "Relation", "Forældremyndighed", "Barn 1 CPR", "Barn 2 CPR"],
        [MOR1, "Mette Jensen", "Mor", "Ja", CH1, CH2],
    ]
    try:
        roster, _ = _read(tmp_path, sheets)
    except DagplejeError:
        return  # said: fine
    assert all(i.role != Role.ET_ARK for i in roster.sheet_info)


def test_a_grouped_childrens_list_with_parents_side_by_side_is_read_as_children(
    tmp_path: Path,
) -> None:
    # «Dagplejer: …» headings over the children, the child by CPR only, the parents side by
    # side: a children's list, not a contacts sheet
    sheets = small_roster()
    sheets["Børn"] = [
        ["Børneliste pr. dagplejer"],
        [],
        ["Dagplejer: Anne Jensen (D1)"],
        ["Barnets CPR", "Mor", "Mors CPR", "Far", "Fars CPR"],
        [CH1, "Mette Jensen", MOR1, "Ole Jensen", FAR1],
        [CH2, "Sara Ærø", MOR2, "", ""],
        ["Antal børn: 2"],
        [],
        ["Dagplejer: Bo Ærø (D2)"],
        ["Barnets CPR", "Mor", "Mors CPR", "Far", "Fars CPR"],
        [CH3, "Line Holm", MOR2, "", ""],
    ]
    roster, _ = _read(tmp_path, sheets, tom_myndighed="nej")
    assert {i.name: i.role for i in roster.sheet_info}["Børn"] == Role.BOERN
    assert len(roster.children) == 3


@pytest.mark.parametrize("header", ["Børn 24", "Children 2", "Barn 0", "Barn 1 år", "Barn nr"])
def test_headers_that_are_no_numbered_child(header: str) -> None:
    from dagplejecli.roster.headers import normalise_header, read_header

    meaning = read_header(normalise_header(header))
    assert meaning is None or meaning.group == 0


def _parents_side_by_side(sheet: str) -> dict[str, list[list[object]]]:
    sheets = small_roster()
    sheets["Børn"] = [[*row[:4]] for row in sheets["Børn"]]
    sheets[sheet] = [
        ["Barnets CPR", "Mor", "Mors CPR", "Far", "Fars CPR", "Forældremyndighed"],
        [CH1, "Mette Jensen", MOR1, "Ole Jensen", FAR1, "Begge"],
        [CH2, "Sara Ærø", MOR2, "", "", "Mor"],
    ]
    return sheets


@pytest.mark.parametrize("name", ["Forældre", "Kontaktoplysninger", "Familie"])
def test_parents_side_by_side_are_read_on_a_sheet_named_for_them(tmp_path: Path, name: str) -> None:
    sheets = _parents_side_by_side(name)
    sheets[name].insert(2, ["Dagplejer: ferie uge 29"])  # a note, not a group's heading
    roster, found = _read(tmp_path, sheets, raekke_myndighed="navngivet")
    assert {i.name: i.role for i in roster.sheet_info}[name] == Role.KONTAKTER
    contacts = {p.name: p.custody for c in roster.children for p in c.contacts}
    assert contacts == {"Mette Jensen": True, "Ole Jensen": True, "Sara Ærø": True}
    assert "DP276" not in {f.code for f in found}


@pytest.mark.parametrize("name", ["Ark3", "Venteliste"])
def test_parents_side_by_side_on_a_sheet_named_otherwise_are_asked_about(
    tmp_path: Path, name: str
) -> None:
    # never read on a guess (a waiting list's parents must not get access), never dropped
    # with a warning while no child has a contact person: DP278 stops the export
    roster, found = _read(tmp_path, _parents_side_by_side(name), raekke_myndighed="navngivet")
    assert not any(c.contacts for c in roster.children)
    (asked,) = [f for f in found if f.code == "DP278"]
    assert asked.params["sheet"] == name and asked.severity.name == "ERROR"
    roster, _ = _read(
        tmp_path, _parents_side_by_side(name), raekke_myndighed="navngivet", kontakt_ark=name
    )
    assert sum(len(c.contacts) for c in roster.children) == 3


def test_a_named_custody_cell_with_the_parents_on_a_sheet_of_their_own_is_no_dp276(
    tmp_path: Path,
) -> None:
    # «Fælles» on the children's sheet, the parents on a contacts sheet: the row has no
    # contacts of its own, so no parent is missing from it (DP245 says what the cell is)
    sheets = small_roster()
    sheets["Børn"] = [
        [*row[:4], cell]
        for row, cell in zip(
            sheets["Børn"], ("Forældremyndighed", "Fælles", "Mor", "Far"), strict=True
        )
    ]
    sheets["Kontakter"] = [
        ["Barnets CPR", "CPR", "Navn", "Relation"],
        [CH1, MOR1, "Mette Jensen", "Mor"],
    ]
    _, found = _read(tmp_path, sheets, raekke_myndighed="navngivet")
    assert "DP276" not in {f.code for f in found}


def test_numbered_children_beside_a_plain_name_and_cpr_are_a_one_sheet_roster(
    tmp_path: Path,
) -> None:
    header = ["Navn", "CPR", "Barn 1", "CPR barn 1", "Barn 2", "CPR barn 2"]
    rows = [header, ["Anne Jensen", DP1, "Liv Jensen", CH1, "Emil Ærø", CH2]]
    roster, _ = _read(tmp_path, {"Oversigt": rows})
    assert {i.role for i in roster.sheet_info} == {Role.ET_ARK}
    assert len(roster.children) == 2 and roster.dagplejere[0].cpr == DP1


@pytest.mark.parametrize("ref", ["D2", "Bo Ærø", "D2 - Bo Ærø", "Dagplejer: Bo Ærø (D2)"])
def test_a_reference_that_already_names_another_dagplejer_cannot_be_mapped(
    tmp_path: Path, ref: str
) -> None:
    with pytest.raises(DagplejeError) as refused:
        _read(tmp_path, small_roster(), henvisninger={ref: "D1"})
    assert refused.value.key == "roster_reference_is_another"


def test_a_contact_without_the_childs_cpr_is_said_so(tmp_path: Path) -> None:
    sheets = _parents_side_by_side("Forældre")
    sheets["Forældre"][2][0] = ""  # Sara's row: no child's CPR number
    _, found = _read(tmp_path, sheets, raekke_myndighed="navngivet")
    (lost,) = [f for f in found if f.code == "DP218"]
    assert lost.variant == "blank" and lost.location.cell == "A3"


def test_parents_on_a_sheet_named_otherwise_are_asked_about_when_some_contacts_were_read(
    tmp_path: Path,
) -> None:
    # one child's mother on the children's rows; every parent side by side on «Ark3», whose
    # children were read: still an error, never a warning while four parents are left out
    sheets = _parents_side_by_side("Ark3")
    sheets["Børn"] = [
        [*row, mother]
        for row, mother in zip(sheets["Børn"], ("Mor CPR", MOR1, "", ""), strict=True)
    ]
    roster, found = _read(tmp_path, sheets, raekke_myndighed="navngivet", tom_myndighed="nej")
    assert sum(len(c.contacts) for c in roster.children) == 1
    (asked,) = [f for f in found if f.code == "DP278"]
    assert asked.variant == "read_children"


def test_a_column_only_a_later_sheet_has_is_said_at_its_own_header(tmp_path: Path) -> None:
    from tests.roster_cases.cases import area_sheets_with_hr_list

    sheets = area_sheets_with_hr_list()
    sheets["Syd"] = [
        [*row, cpr] for row, cpr in zip(sheets["Syd"], ("Søskende CPR", "0304871237"), strict=True)
    ]
    _, found = _read(tmp_path, sheets, boern_ark=["Nord", "Syd"], raekke_myndighed="navngivet")
    (lost,) = [f for f in found if f.code == "DP275"]
    assert (lost.location.sheet, lost.location.cell) == ("Syd", "I1")


def test_an_old_copy_of_the_parents_sheet_is_no_dp278(tmp_path: Path) -> None:
    # «Forældre» read, and «Forældre 2025» beside it with the same parents: none left out
    sheets = _parents_side_by_side("Forældre")
    sheets["Forældre 2025"] = [list(row) for row in sheets["Forældre"]]
    _, found = _read(tmp_path, sheets, raekke_myndighed="navngivet")
    assert "DP278" not in {f.code for f in found}
    assert "DP248" in {f.code for f in found}  # the copy is said, as any sheet not used


def test_parents_with_the_childs_name_beside_them_are_asked_about_when_none_was_read(
    tmp_path: Path,
) -> None:
    sheets = _parents_side_by_side("Ark3")
    sheets["Ark3"] = [
        [row[0], name, *row[1:]]
        for row, name in zip(
            sheets["Ark3"], ("Barnets navn", "Liv Jensen", "Emil Ærø"), strict=True
        )
    ]
    _, found = _read(tmp_path, sheets, raekke_myndighed="navngivet")
    assert "DP278" in {f.code for f in found}


def test_sheets_named_as_one_with_two_phone_columns_each_and_one_extra_are_read(
    tmp_path: Path,
) -> None:
    from tests.roster_cases.cases import area_sheets_with_hr_list

    sheets = area_sheets_with_hr_list()
    for name in ("Nord", "Syd"):
        sheets[name] = [
            [*row, *(("Telefon", "Mobil") if i == 0 else ("", ""))]
            for i, row in enumerate(sheets[name])
        ]
    sheets["Syd"] = [[*row, "Slutdato" if i == 0 else ""] for i, row in enumerate(sheets["Syd"])]
    roster, _ = _read(tmp_path, sheets, boern_ark=["Nord", "Syd"], raekke_myndighed="navngivet")
    assert len(roster.children) == 4
