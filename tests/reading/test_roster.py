from pathlib import Path

import pytest

from dagplejecli.config import RosterConfig
from dagplejecli.errors import DagplejeError
from dagplejecli.roster import read_roster
from tests.builders import (
    CH1,
    CHILD_HEADER,
    DAGPLEJER_HEADER,
    DP1,
    DP2,
    DP3,
    FAR1,
    MOR1,
    MOR2,
    small_roster,
    write_csv,
    write_ods,
    write_xlsx,
)


def messy_two_sheet(path: Path) -> Path:
    """Title row, blank rows, upper-case headers, numeric CPRs, protected persons with aliases."""
    return write_xlsx(
        path,
        {
            "Dagplejere": [
                ["DAGPLEJEOVERSIGT 2026"],
                [],
                [
                    "NR",
                    "CPR-NR.",
                    "FORNAVN",
                    "EFTERNAVN",
                    "POSTNR",
                    "DISTRIKT",
                    "BESKYTTET",
                    "ALIAS FORNAVN",
                    "ALIAS EFTERNAVN",
                ],
                ["D1", int(DP1), " Anne ", "Jensen", 8200, "Nord", "", "", ""],
                [],
                ["D2", DP2, "Bo", "Ærø", 900, " syd ", "Ja", "Dag", "Plejer"],
            ],
            "Børn": [
                ["Børn"],
                list(CHILD_HEADER),
                [int(CH1), "Liv", "Jensen", "D1", MOR1, "Mette Jensen", "Mor", "Ja"],
            ],
        },
    )


def test_messy_two_sheet_workbook(tmp_path: Path) -> None:
    roster, findings = read_roster(
        messy_two_sheet(tmp_path / "r.xlsx"), RosterConfig(kolonner={"id": "NR"})
    )
    assert roster.layout == "to-ark"
    d1, d2 = roster.dagplejere
    assert (d1.id, d1.cpr, d1.first_name) == ("D1", DP1, "Anne")
    assert d1.cells["cpr"].__str__() == "Dagplejere!B4"
    assert d2.cells["fornavn"].a1 == "C6"  # the blank row 5 is skipped, rows keep their numbers
    assert d2.protected and d2.alias_first == "Dag"
    assert d2.extra["POSTNR"] == "0900"
    assert d2.extra["DISTRIKT"] == "syd"
    assert "CPR-NR." not in d1.extra  # CPR numbers are never rule columns
    child = roster.children[0]
    assert child.cpr == CH1 and child.dagplejer_id == "D1"
    assert child.cells["cpr"].a1 == "A3"
    assert child.contacts[0].relation == "Mor" and child.contacts[0].custody
    codes = sorted(f.code for f in findings)
    assert "DP202" in codes  # restored zero, reported as info
    assert "DP215" in codes


def test_forælder_becomes_mor_or_far_by_last_digit_and_says_so(tmp_path: Path) -> None:
    sheets = small_roster()
    sheets["Børn"][2][6] = sheets["Børn"][3][6] = "Forælder"
    roster, findings = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), RosterConfig())
    ida = roster.children[2]
    assert ida.contacts[0].relation_raw == "Forælder"
    assert ida.contacts[0].relation == ("Mor" if int(MOR2[-1]) % 2 == 0 else "Far")
    assert roster.children[1].contacts[0].relation == ("Mor" if int(FAR1[-1]) % 2 == 0 else "Far")
    # said once for the sheet, with the count, at the first one's cell
    [said] = [f for f in findings if f.code == "DP269"]
    assert (said.location.cell, said.params["count"]) == ("G3", 2)
    # a relation the configuration maps is the user's own decision: nothing to say
    config = RosterConfig(relationer={"Forælder": "Forælder"})
    roster, findings = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), config)
    assert ida.contacts[0].relation == roster.children[2].contacts[0].relation
    assert not [f for f in findings if f.code == "DP269"]


def test_unknown_relation_is_a_finding_not_a_guess(tmp_path: Path) -> None:
    sheets = small_roster()
    sheets["Børn"][1][6] = "Værge"
    roster, findings = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), RosterConfig())
    assert roster.children[0].contacts[0].relation is None
    f = next(f for f in findings if f.code == "DP211")
    assert f.location.cell == "G2"
    roster, findings = read_roster(
        write_xlsx(tmp_path / "r.xlsx", sheets),
        RosterConfig(relationer={"Værge": "Officielt tilknyttet person"}),
    )
    assert roster.children[0].contacts[0].relation == "Officielt tilknyttet person"


def test_one_sheet_roster(tmp_path: Path) -> None:
    header = [
        "Dagplejer nr",
        "Dagplejer CPR",
        "Dagplejer navn",
        "Distrikt",
        "Barn CPR",
        "Barn navn",
        "Kontakt1 CPR",
        "Kontakt1 navn",
        "Kontakt1 relation",
    ]
    rows = [
        header,
        ["D1", DP1, "Anne Jensen", "Nord", CH1, "Liv Jensen", MOR1, "Mette Jensen", "Mor"],
        ["D1", DP1, "Anne Jensen", "Nord", "", "", "", "", ""],
        ["D2", DP2, "Bo Ærø", "Syd", "", "", "", "", ""],
    ]
    roster, _ = read_roster(write_xlsx(tmp_path / "one.xlsx", {"Ark1": rows}), RosterConfig())
    assert roster.layout == "et-ark"
    assert [d.id for d in roster.dagplejere] == ["D1", "D2"]
    assert (roster.dagplejere[0].first_name, roster.dagplejere[0].last_name) == ("Anne", "Jensen")
    assert roster.dagplejere[0].extra["Distrikt"] == "Nord"
    assert len(roster.children) == 1 and roster.children[0].dagplejer_id == "D1"
    assert roster.children[0].contacts[0].name == "Mette Jensen"


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("cp1252", ";"), ("utf-8-sig", ","), ("utf-8", ";")]
)
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    rows = [
        ["Liste over dagplejere"],
        [],
        list(DAGPLEJER_HEADER),
        *small_roster()["Dagplejere"][1:],
    ]
    path = write_csv(tmp_path / "r.csv", rows, encoding=encoding, delimiter=delimiter)
    roster, _ = read_roster(path, RosterConfig())
    assert roster.layout == "csv"
    assert [d.last_name for d in roster.dagplejere] == ["Jensen", "Ærø", "Østergaard"]
    assert roster.dagplejere[2].first_name == "Åse"
    assert str(roster.dagplejere[0].cells["cpr"]) == "r.csv!B4"


def test_ods(tmp_path: Path) -> None:
    roster, _ = read_roster(write_ods(tmp_path / "r.ods", small_roster()), RosterConfig())
    assert len(roster.dagplejere) == 3 and len(roster.children) == 3


def test_xlsm_is_read_like_xlsx(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", small_roster())
    xlsm = path.rename(tmp_path / "r.xlsm")
    roster, _ = read_roster(xlsm, RosterConfig())
    assert len(roster.dagplejere) == 3


def test_contacts_on_their_own_sheet(tmp_path: Path) -> None:
    sheets = small_roster()
    sheets["Børn"] = [["CPR", "Fornavn", "Efternavn", "Dagplejer"], [CH1, "Liv", "Jensen", "D1"]]
    sheets["Kontakter"] = [
        ["Barnets CPR", "CPR", "Navn", "Relation", "Forældremyndighed"],
        [CH1, MOR1, "Mette Jensen", "Mor", "Ja"],
        ["0101011234", MOR2, "Sara X", "Mor", "Ja"],
    ]
    roster, findings = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), RosterConfig())
    assert [p.name for p in roster.children[0].contacts] == ["Mette Jensen"]
    orphan = next(f for f in findings if f.code == "DP218")
    assert (orphan.location.sheet, orphan.location.cell) == ("Kontakter", "A3")


def test_column_override_and_missing_override(tmp_path: Path) -> None:
    sheets = small_roster()
    sheets["Dagplejere"][0][0] = "Lønnummer ID"
    path = write_xlsx(tmp_path / "r.xlsx", sheets)
    roster, _ = read_roster(path, RosterConfig(kolonner={"id": "lønnummer id"}))
    assert roster.dagplejere[0].id == "D1"
    with pytest.raises(DagplejeError) as info:
        read_roster(path, RosterConfig(kolonner={"id": "Personalenummer"}))
    assert info.value.key == "roster_column_missing"
    assert "Lønnummer ID" in info.value.hint


def test_missing_id_column_derives_stable_ids(tmp_path: Path) -> None:
    sheets = small_roster()
    for row in sheets["Dagplejere"]:
        del row[0]
    sheets["Børn"] = [["CPR", "Fornavn", "Efternavn", "Dagplejer CPR"], [CH1, "Liv", "Jensen", DP1]]
    path = write_xlsx(tmp_path / "r.xlsx", sheets)
    first, findings = read_roster(path, RosterConfig())
    second, _ = read_roster(path, RosterConfig())
    assert [d.id for d in first.dagplejere] == [d.id for d in second.dagplejere]
    assert all(d.id.startswith("D-") and DP1 not in d.id for d in first.dagplejere)
    assert first.children[0].dagplejer_id == first.dagplejere[0].id
    assert any(f.code == "DP217" for f in findings)


def test_namesakes_without_an_id_column_keep_their_ids_when_the_rows_are_sorted(
    tmp_path: Path,
) -> None:
    """Two «Anne Jensen»: each keeps her id (and her group) whichever row comes first, told
    apart by her CPR number keyed with the municipality's secret, never by its digits."""
    sheets = small_roster()
    for row in sheets["Dagplejere"]:
        del row[0]
    sheets["Dagplejere"][2][1:3] = ["Anne", "Jensen"]
    sheets["Børn"] = [["CPR", "Fornavn", "Efternavn", "Dagplejer CPR"], [CH1, "Liv", "Jensen", DP2]]
    secret = b"s" * 32

    def ids(rows: list[list[object]]) -> dict[str, str]:
        sheets["Dagplejere"][1:] = rows
        path = write_xlsx(tmp_path / "r.xlsx", sheets)
        roster, _ = read_roster(path, RosterConfig(), id_secret=lambda: secret)
        return {d.cpr or "": d.id for d in roster.dagplejere}

    rows = sheets["Dagplejere"][1:]
    before, after = ids(rows), ids(rows[::-1])
    assert before == after and len(set(before.values())) == 3
    assert before[DP1] != before[DP2] and not any(DP1[-4:] in i for i in before.values())


def test_wrong_sheet_name_in_config(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", small_roster())
    with pytest.raises(DagplejeError) as info:
        read_roster(path, RosterConfig(ark="Personale"))
    assert info.value.key == "roster_sheet_missing"
    assert "Dagplejere" in info.value.message


def test_no_header_row(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", {"Ark1": [["a", "b"], [1, 2]]})
    with pytest.raises(DagplejeError) as info:
        read_roster(path, RosterConfig())
    assert info.value.key == "roster_no_header"


@pytest.mark.parametrize(
    "header",
    [
        [
            "Dagplejer",
            "Dagplejer CPR",
            "Dagplejer navn",
            "Distrikt",
            "CPR",
            "Navn",
            "Kontakt1 CPR",
            "Kontakt1 navn",
            "Kontakt1 relation",
        ],
        [
            "Dagplejer id",
            "Dagplejer CPR",
            "Dagplejer fornavn",
            "Distrikt",
            "Barn CPR",
            "Barn navn",
            "Kontakt1 CPR",
            "Kontakt1 navn",
            "Kontakt1 relation",
        ],
        [
            "DAGPLEJER NR",
            "DAGPLEJER CPR",
            "DAGPLEJER NAVN",
            "DISTRIKT",
            "BARN CPR",
            "BARN NAVN",
            "FORÆLDER1 CPR",
            "FORÆLDER1 NAVN",
            "FORÆLDER1 RELATION",
        ],
    ],
)
def test_one_sheet_variants(tmp_path: Path, header: list[str]) -> None:
    rows = [
        ["Børn i dagpleje"],
        header,
        ["D1", DP1, "Anne Jensen", "Nord", CH1, "Liv Jensen", MOR1, "Mette Jensen", "Mor"],
        ["D2", int(DP2), "Bo Ærø", "Syd", "", "", "", "", ""],
    ]
    roster, _ = read_roster(write_xlsx(tmp_path / "et.xlsx", {"Ark1": rows}), RosterConfig())
    assert roster.layout == "et-ark"
    assert [(d.id, d.cpr) for d in roster.dagplejere] == [("D1", DP1), ("D2", DP2)]
    assert [d.extra.get(header[3]) for d in roster.dagplejere] == ["Nord", "Syd"]
    assert [(c.cpr, c.name, c.dagplejer_id) for c in roster.children] == [(CH1, "Liv Jensen", "D1")]
    assert [(p.cpr, p.relation) for p in roster.children[0].contacts] == [(MOR1, "Mor")]


def test_old_xls_format(tmp_path: Path) -> None:
    """.xls (Excel 97-2003), written here with xlwt, a test-only dependency."""
    import xlwt

    wb = xlwt.Workbook()
    for name, rows in small_roster().items():
        ws = wb.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                ws.write(r, c, int(value) if name == "Dagplejere" and c == 1 and r else value)
    wb.save(str(tmp_path / "gammel.xls"))
    roster, findings = read_roster(tmp_path / "gammel.xls", RosterConfig())
    assert [d.cpr for d in roster.dagplejere] == [DP1, DP2, DP3]
    assert any(
        f.code == "DP202" and f.location.cell == "B2" for f in findings
    )  # 0203… lost its zero
    assert len(roster.children) == 3 and roster.children[0].dagplejer_id == "D1"


def test_mor_and_far_columns_give_the_relation(tmp_path: Path) -> None:
    sheets = small_roster()
    sheets["Børn"] = [
        [
            "CPR",
            "Fornavn",
            "Efternavn",
            "Dagplejer",
            "Mor CPR",
            "Mor navn",
            "Far CPR",
            "Far navn",
            "Adressebeskyttet",
        ],
        [CH1, "Liv", "Jensen", "D1", MOR1, "Mette Jensen", DP3, "Ole Jensen", "Nej"],
    ]
    path = write_xlsx(tmp_path / "r.xlsx", sheets)
    roster, _ = read_roster(path, RosterConfig(tom_myndighed="forældre"))
    contacts = roster.children[0].contacts
    assert [(p.name, p.relation, p.custody) for p in contacts] == [
        ("Mette Jensen", "Mor", True),
        ("Ole Jensen", "Far", True),
    ]
    # without that decision a blank custody cell grants nothing, and says so
    roster, findings = read_roster(path, RosterConfig())
    assert [p.custody for p in roster.children[0].contacts] == [False, False]
    assert [f.code for f in findings] == ["DP221", "DP221"]


def test_name_family_first_postnr_with_city_and_text_mark(tmp_path: Path) -> None:
    rows = [
        ["Medarbejdernr", "CPR", "Navn", "Adresse", "Postnr og by"],
        ["D1", "'" + DP1, "Jensen, Anne Marie", "Søndergade 1", "8200 Aarhus N"],
        ["D2", DP2, "Bo Ærø", "Vestergade 2", "0900"],
    ]
    roster, _ = read_roster(write_csv(tmp_path / "r.csv", rows), RosterConfig())
    d1, d2 = roster.dagplejere
    assert (d1.first_name, d1.last_name, d1.cpr) == ("Anne Marie", "Jensen", DP1)
    assert (d1.address.street, d1.address.house_no, d1.address.postnr, d1.address.city) == (
        "Søndergade",
        "1",
        "8200",
        "Aarhus N",
    )
    assert d1.extra["Postnr og by"] == "8200"
    assert (d2.first_name, d2.last_name, d2.address.postnr) == ("Bo", "Ærø", "0900")


def test_child_sheet_naming_the_dagplejer_by_medarbejdernr(tmp_path: Path) -> None:
    sheets = small_roster()
    sheets["Børn"] = [
        ["CPR", "Fornavn", "Efternavn", "Medarbejdernr"],
        [CH1, "Liv", "Jensen", "D2"],
    ]
    roster, _ = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), RosterConfig())
    assert roster.children[0].dagplejer_id == "D2"


def test_light_reading_keeps_what_the_plan_counts(tmp_path: Path) -> None:
    path = messy_two_sheet(tmp_path / "r.xlsx")
    cfg = RosterConfig(kolonner={"id": "NR"})
    full, _ = read_roster(path, cfg)
    light, _ = read_roster(path, cfg, light=True)
    assert [(c.cpr, [(p.cpr, p.name) for p in c.contacts]) for c in light.children] == [
        (c.cpr, [(p.cpr, p.name) for p in c.contacts]) for c in full.children
    ]
    assert [d.extra for d in light.dagplejere] == [d.extra for d in full.dagplejere]


def test_date_columns_become_iso_dates(tmp_path: Path) -> None:
    import datetime as dt

    rows = [
        ["Medarbejdernr", "CPR", "Navn", "Startdato", "Distrikt"],
        ["D1", DP1, "Anne Jensen", dt.date(2024, 8, 1), "Nord"],
        ["D2", DP2, "Bo Ærø", "1.8.2024", "Syd"],
        ["D3", DP3, "Åse Østergaard", "01-08-2024", "Syd"],
    ]
    roster, _ = read_roster(write_xlsx(tmp_path / "r.xlsx", {"Dagplejere": rows}), RosterConfig())
    assert [d.extra["Startdato"] for d in roster.dagplejere] == ["2024-08-01"] * 3
    assert roster.dagplejere[1].extra["Distrikt"] == "Syd"


def test_two_digit_years_in_dates_follow_the_day_given(tmp_path: Path) -> None:
    import datetime as dt

    rows = [["Medarbejdernr", "CPR", "Navn", "Startdato"], ["D1", DP1, "Anne Jensen", "1.8.30"]]
    path = write_xlsx(tmp_path / "r.xlsx", {"Dagplejere": rows})
    for today, year in ((dt.date(2026, 3, 1), "1930"), (dt.date(2031, 1, 1), "2030")):
        roster, _ = read_roster(path, RosterConfig(), today=today)
        assert roster.dagplejere[0].extra["Startdato"] == f"{year}-08-01"
