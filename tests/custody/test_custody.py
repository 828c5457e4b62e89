"""Custody decides who sees a child in Aula: a custody column on the child's row (one for the
whole row, not one per contact person) is used only when the configuration says whose it is.

Synthetic CPR numbers only (tests/builders.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import (
    AREAS,
    BASE_CONFIG,
    CH1,
    CH2,
    CH3,
    DP1,
    DP3,
    FAR1,
    FAR2,
    FAR3,
    MOR1,
    MOR2,
    MOR3,
    custody_in_unilogin,
    findings,
    no_traceback,
    run_cli,
    small_roster,
    write_xlsx,
)


def roster_with_row_custody() -> dict[str, list[list[object]]]:
    """Mor and Far on each child's row, and one «Forældremyndighed» for the row: Ja, Nej and
    blank."""
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
            "Forældremyndighed",
        ],
        [CH1, "Liv", "Jensen", "D1", MOR1, "Mette Jensen", FAR1, "Ole Jensen", "Ja"],
        [CH2, "Emil", "Ærø", "D2", MOR2, "Sara Ærø", FAR2, "Per Ærø", "Nej"],
        [CH3, "Ida", "Østergaard", "D3", MOR3, "Lis Østergaard", FAR3, "Kim Østergaard", ""],
    ]
    return sheets


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_xlsx(tmp_path / "roster.xlsx", roster_with_row_custody())
    return tmp_path


def configure(folder: Path, roster_settings: str) -> None:
    text = BASE_CONFIG + (f"\n[roster]\n{roster_settings}\n" if roster_settings else "") + AREAS
    (folder / "dagpleje.toml").write_text(text, encoding="utf-8")
    assert run_cli("plan", "roster.xlsx").exit_code == 0


def test_a_row_custody_column_is_one_error_and_grants_no_one_custody(folder: Path) -> None:
    configure(folder, "")
    found = findings()
    row_custody = [f for f in found if f["code"] == "DP245"]
    assert len(row_custody) == 1 and row_custody[0]["severity"] == "fejl"
    assert "«Forældremyndighed» på arket «Børn»" in str(row_custody[0]["message"])
    assert 'raekke_myndighed = "alle"' in str(row_custody[0]["hint"])
    assert row_custody[0]["location"] == {
        "file": "roster.xlsx",
        "sheet": "Børn",
        "cell": "I2",
        "row": 2,
        "column": "I",
        "key": None,
        "line": None,
    }
    english = [f for f in findings("en") if f["code"] == "DP245"]
    assert "does not say which of the row's contact persons" in str(english[0]["message"])
    # the export is refused while the column's meaning is undecided
    result = run_cli("export", "--target", "unilogin")
    assert result.exit_code != 0 and no_traceback(result)
    assert not (folder / "eksport" / "unilogin").exists()


def test_a_no_is_never_overruled_by_the_blank_custody_setting(folder: Path) -> None:
    configure(folder, 'tom_myndighed = "forældre"')
    codes = [f["code"] for f in findings()]
    assert "DP245" in codes  # still undecided: the column is not used


def test_row_custody_for_every_contact_of_the_row_when_the_configuration_says_so(
    folder: Path,
) -> None:
    configure(folder, 'raekke_myndighed = "alle"\ntom_myndighed = "nej"')
    found = findings()
    assert not [f for f in found if f["code"] in ("DP245", "DP221")]
    assert run_cli("export", "--target", "unilogin").exit_code == 0
    custody = custody_in_unilogin(folder)
    assert custody == {
        MOR1: True,
        FAR1: True,  # Ja: both of the row
        MOR2: False,
        FAR2: False,  # Nej: neither
        MOR3: False,
        FAR3: False,  # blank: as tom_myndighed says ("nej")
    }


def test_a_blank_row_custody_is_still_a_decision_to_make(folder: Path) -> None:
    configure(folder, 'raekke_myndighed = "alle"')
    blank = [f for f in findings() if f["code"] == "DP221"]
    assert len(blank) == 2  # the blank row's Mor and Far: neither granted nor silently denied


def test_a_contacts_own_custody_column_wins_over_the_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    sheets = roster_with_row_custody()
    sheets["Børn"][0].append("Far myndighed")
    for row, far in zip(sheets["Børn"][1:], ["Nej", "Ja", "Nej"], strict=True):
        row.append(far)
    write_xlsx(tmp_path / "roster.xlsx", sheets)
    configure(tmp_path, 'raekke_myndighed = "alle"\ntom_myndighed = "nej"')
    assert run_cli("export", "--target", "unilogin").exit_code == 0
    custody = custody_in_unilogin(tmp_path)
    assert (custody[MOR1], custody[FAR1]) == (True, False)
    assert (custody[MOR2], custody[FAR2]) == (False, True)
    assert (custody[MOR3], custody[FAR3]) == (False, False)


def test_an_unknown_value_for_the_setting_names_the_one_allowed(folder: Path) -> None:
    (folder / "dagpleje.toml").write_text(
        BASE_CONFIG + '\n[roster]\nraekke_myndighed = "mor"\n' + AREAS, encoding="utf-8"
    )
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2 and no_traceback(result)
    assert "raekke_myndighed" in result.output and "'alle'" in result.output


def test_one_sheet_roster_row_custody_is_held_to_the_same_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    header = ["Dagplejer nr", "Dagplejer CPR", "Dagplejer navn", "Distrikt", "Barn CPR"]
    header += ["Barn navn", "Mor CPR", "Mor navn", "Far CPR", "Far navn", "Forældremyndighed"]
    anne = ["D1", DP1, "Anne Jensen", "Nord", CH1, "Liv Jensen"]
    aase = ["D3", DP3, "Åse Østergaard", "Syd", CH3, "Ida Berg"]
    rows = [
        header,
        [*anne, MOR1, "Mette Jensen", FAR1, "Ole Jensen", "Nej"],
        [*aase, MOR3, "Lis Berg", FAR3, "Kim Berg", "Ja"],
    ]
    write_xlsx(tmp_path / "roster.xlsx", {"Ark1": rows})
    configure(tmp_path, 'tom_myndighed = "forældre"')
    found = findings()
    assert [f["location"]["cell"] for f in found if f["code"] == "DP245"] == ["K2"]  # type: ignore[index]
    configure(tmp_path, 'tom_myndighed = "forældre"\nraekke_myndighed = "alle"')
    assert run_cli("export", "--target", "unilogin").exit_code == 0
    custody = custody_in_unilogin(tmp_path)
    assert custody == {MOR1: False, FAR1: False, MOR3: True, FAR3: True}


def test_the_rows_custody_is_never_a_custody_for_contacts_on_a_sheet_of_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A custody column on the child's row is not about the contacts of a Kontakter sheet:
    it grants them nothing, a «Nej» there is never overruled by tom_myndighed, and even
    raekke_myndighed = "alle" (about the row's own contacts) does not make it theirs."""
    monkeypatch.chdir(tmp_path)
    sheets = small_roster()
    sheets["Børn"] = [
        ["CPR", "Fornavn", "Efternavn", "Dagplejer", "Forældremyndighed"],
        [CH1, "Liv", "Jensen", "D1", "Nej"],
        [CH2, "Emil", "Ærø", "D2", "Ja"],
    ]
    contacts = [
        ["Barn CPR", "CPR", "Navn", "Relation"],
        [CH1, MOR1, "Mette Jensen", "Mor"],
        [CH2, FAR1, "Ole Ærø", "Far"],
        [CH2, MOR3, "Lis Ærø", "Andet"],  # a grandmother
    ]
    sheets["Kontakter"] = contacts
    write_xlsx(tmp_path / "roster.xlsx", sheets)
    for extra in ("", '\nraekke_myndighed = "alle"'):
        configure(tmp_path, 'tom_myndighed = "forældre"\nkontakt_ark = "Kontakter"' + extra)
        (row_custody,) = [f for f in findings() if f["code"] == "DP245"]
        assert row_custody["variant"] == "elsewhere"
        assert row_custody["location"]["cell"] == "E2"  # type: ignore[index]
        assert "«Forældremyndighed»" in str(row_custody["hint"])
        assert run_cli("export", "--target", "unilogin").exit_code == 1  # undecided: refused
    # the fix the finding names: the contacts' own column
    sheets["Kontakter"] = [[*contacts[0], "Forældremyndighed"]] + [
        [*row, yes] for row, yes in zip(contacts[1:], ["Nej", "Ja", "Nej"], strict=True)
    ]
    write_xlsx(tmp_path / "roster.xlsx", sheets)
    configure(tmp_path, 'tom_myndighed = "forældre"\nkontakt_ark = "Kontakter"')
    assert run_cli("export", "--target", "unilogin").exit_code == 0
    assert custody_in_unilogin(tmp_path) == {MOR1: False, FAR1: True, MOR3: False}


def test_a_row_column_every_contact_has_its_own_cell_for_is_no_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    sheets = roster_with_row_custody()
    sheets["Børn"][0] += ["Mor myndighed", "Far myndighed"]
    for row in sheets["Børn"][1:]:
        row[8] = row[8] or "Ja"  # the row's column filled on every row
        row += ["Ja", "Nej"]
    write_xlsx(tmp_path / "roster.xlsx", sheets)
    configure(tmp_path, "")
    assert not [f for f in findings() if f["code"] in ("DP245", "DP221")]
    assert run_cli("export", "--target", "unilogin").exit_code == 0
    custody = custody_in_unilogin(tmp_path)
    assert custody[MOR2] is True and custody[FAR2] is False  # their own cells, not the row's Nej


@pytest.mark.parametrize("dash", ["-", "–", " - "])
def test_a_dash_in_a_contacts_custody_cell_is_said_not_read_as_no(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dash: str
) -> None:
    """«-» says nothing of custody: an error on the cell (DP250), never a quiet no."""
    from tests.builders import small_roster

    monkeypatch.chdir(tmp_path)
    sheets = small_roster()
    sheets["Børn"][2][-1] = dash  # Kontakt1 myndighed of the second child
    write_xlsx(tmp_path / "roster.xlsx", sheets)
    configure(tmp_path, 'tom_myndighed = "forældre"')
    unreadable = [f for f in findings() if f["code"] == "DP250"]
    assert [f["location"]["cell"] for f in unreadable] == ["H3"]  # type: ignore[index]


@pytest.mark.parametrize("blank", ["forældre", "nej", None])
def test_a_named_row_cell_grants_no_custody_to_contacts_on_a_sheet_of_their_own(
    tmp_path: Path, blank: str | None
) -> None:
    """«Far» in the child's row's custody cell (raekke_myndighed = "navngivet") says nothing
    of contacts on a sheet of their own: no one there gets custody from it, not even by
    tom_myndighed = "forældre" (it gave Mor custody), and DP245 says so."""
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.builders import CH1, DP1, FAR1, MOR1, write_xlsx

    dagplejere = [["Medarb.nr", "CPR", "Fornavn", "Efternavn"], ["D1", DP1, "Bente", "Lind"]]
    children = [["Barnets CPR", "Barnets navn", "Dagplejer nr", "Forældremyndighed"]]
    children.append([CH1, "Karla Lind", "D1", "Far"])
    contacts = [["Barn CPR", "CPR", "Navn", "Relation"], [CH1, MOR1, "Anja Lind", "Mor"]]
    contacts.append([CH1, FAR1, "Ole Lind", "Far"])
    sheets = {"Dagplejere": dagplejere, "Børn": children, "Kontakter": contacts}
    path = write_xlsx(tmp_path / "roster.xlsx", sheets)
    config = RosterConfig(raekke_myndighed="navngivet", tom_myndighed=blank)
    roster, found = read_roster(path, config)
    assert [(p.relation, p.custody) for p in roster.children[0].contacts] == [
        ("Mor", False),
        ("Far", False),
    ]
    assert ("DP245", "elsewhere") in {(f.code, f.variant) for f in found}


def test_both_in_a_contacts_own_custody_cell_says_nothing_of_that_person(tmp_path: Path) -> None:
    """«Begge» names Mor and Far on the child's row (raekke_myndighed = "navngivet"); in a
    contact's own custody cell it is neither yes nor no (a grandparent is no «both»): DP250,
    no custody, never a guess."""
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.builders import small_roster, write_xlsx

    sheets = small_roster()
    sheets["Børn"][1][7] = "Begge"  # Kontakt1 myndighed
    path = write_xlsx(tmp_path / "roster.xlsx", sheets)
    roster, found = read_roster(path, RosterConfig())
    assert roster.children[0].contacts[0].custody is False
    assert any(f.code == "DP250" for f in found)


@pytest.mark.parametrize(
    ("cell", "mother", "father"), [("Mor alene", True, False), ("Kun far", False, True)]
)
def test_one_parent_alone_on_the_row_gives_that_parent_only(
    tmp_path: Path, cell: str, mother: bool, father: bool
) -> None:
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.builders import CH1, FAR1, MOR1, small_roster, write_xlsx

    sheets = small_roster()
    sheets["Børn"] = [
        [*sheets["Børn"][0][:4], "Mor CPR", "Mor navn", "Far CPR", "Far navn", "Forældremyndighed"],
        [CH1, "Liv", "Jensen", "D1", MOR1, "Mette Jensen", FAR1, "Ole Jensen", cell],
    ]
    path = write_xlsx(tmp_path / "roster.xlsx", sheets)
    roster, found = read_roster(path, RosterConfig(raekke_myndighed="navngivet"))
    custody = {p.relation: p.custody for p in roster.children[0].contacts}
    assert custody == {"Mor": mother, "Far": father}
    assert not {"DP250", "DP276"} & {f.code for f in found}
