"""Layouts a municipality's roster comes in, read through the command line: which sheet plays
which role, and that no sheet or child column is dropped without a word.

All CPR numbers are the synthetic ones of builders.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import (
    BASE_CONFIG,
    CH1,
    CH2,
    CH3,
    DP1,
    DP2,
    FAR1,
    MOR1,
    MOR2,
    ONE_AREA,
    no_traceback,
    run_cli,
    write_csv,
    write_xlsx,
)


def payroll_dagplejere() -> list[list[object]]:
    """A payroll system's dagplejer sheet: the name in one column, family name first."""
    return [
        [
            "Medarb.nr",
            "Cpr.nr",
            "Navn (efternavn, fornavn)",
            "Gade",
            "Husnummer",
            "Postnummer/By",
            "Dagplejegruppe",
        ],
        ["7001", DP1, "Lind, Bente", "Algade", "4", "4000 Roskilde", "A"],
        ["7002", DP2, "Krag, Helle", "Byvej", "12", "4000 Roskilde", "B"],
    ]


def children_by_dagplejer_name() -> list[list[object]]:
    """A pladsanvisning's child sheet naming each child's dagplejer by name, parents as
    ``Mors …`` columns."""
    return [
        [
            "Barnets CPR-nummer",
            "Barnets navn",
            "Dagplejers navn",
            "Mors CPR",
            "Mors navn",
            "Mor myndighed",
        ],
        [CH1, "Karla Lind", "Bente Lind", MOR1, "Anja Lind", "Ja"],
        [CH2, "Aksel Krag", "Helle Krag", MOR2, "Tove Krag", "Ja"],
    ]


def test_child_sheet_naming_its_dagplejer_by_name_is_read(folder: Path) -> None:
    """``Dagplejers navn`` beside ``Barnets navn`` once made the sheet look like a one-sheet
    roster, dropped because a dagplejer sheet exists: init said «kun dagplejere»."""
    sheets = {"Dagplejere": payroll_dagplejere(), "Børn": children_by_dagplejer_name()}
    write_xlsx(folder / "roster.xlsx", sheets)
    init = run_cli("init", "roster.xlsx", "--kommune", "265")
    assert init.exit_code == 0, init.output
    assert "Rosteren roster.xlsx (to ark)" in init.stdout
    assert "Arket «Børn» (børn" in init.stdout
    assert "dagplejer=Dagplejers navn" in init.stdout
    assert "2 dagplejere, 2 børn, 2 kontaktpersoner" in init.stdout
    plan = run_cli("plan", "roster.xlsx")
    assert plan.exit_code == 0, plan.output
    assert "Alle 2 børn er knyttet til deres dagplejer." in plan.stdout


def one_sheet_rows(child_cpr_header: str) -> list[list[object]]:
    """One row per child with the dagplejer's columns repeated, the dagplejer's unprefixed."""
    header = [
        "Medarb. nr.",
        "CPR-nr.",
        "Efternavn, Fornavn",
        "Vejnavn",
        "Husnr.",
        "Post nr.",
        "By",
        "Distrikt",
        child_cpr_header,
        "Barnets fulde navn",
        "Mor CPR",
        "Mor navn",
        "Mor forældremyndighed",
    ]
    bente = ["7001", DP1, "Lind, Bente", "Algade", "4", "4000", "Roskilde", "Nord"]
    helle = ["7002", DP2, "Krag, Helle", "Byvej", "12", "4000", "Roskilde", "Syd"]
    return [
        header,
        [*bente, CH1, "Karla Lind", MOR1, "Anja Lind", "Ja"],
        [*bente, CH2, "Aksel Lind", MOR1, "Anja Lind", "Ja"],
        [*helle, CH3, "Emil Krag", MOR2, "Tove Krag", "Ja"],
    ]


@pytest.mark.parametrize("child_cpr_header", ["Barnets cpr", "Barn CPR"])
def test_one_sheet_csv_with_unprefixed_dagplejer_columns(
    folder: Path, child_cpr_header: str
) -> None:
    """Plain CPR and name are the dagplejer's when the child's are prefixed: once refused
    («intet ark med dagplejere»), and with a configuration every child was dropped."""
    write_csv(folder / "roster.csv", one_sheet_rows(child_cpr_header))
    init = run_cli("init", "roster.csv", "--kommune", "265")
    assert init.exit_code == 0, init.output
    assert "ét ark: dagplejere og børn" in init.stdout
    assert "cpr=CPR-nr., navn=«Efternavn, Fornavn»" in init.stdout
    assert f"barn.cpr={child_cpr_header}" in init.stdout
    assert "2 dagplejere, 3 børn, 2 kontaktpersoner" in init.stdout
    plan = run_cli("plan", "roster.csv")
    assert plan.exit_code == 0, plan.output
    assert "Alle 3 børn er knyttet til deres dagplejer." in plan.stdout


def test_one_sheet_csv_named_in_a_hand_written_configuration(folder: Path) -> None:
    """``[roster] ark`` naming the CSV's one sheet: its children are read, not dropped."""
    write_csv(folder / "roster.csv", one_sheet_rows("Barnets cpr"))
    config = BASE_CONFIG.replace("kode = 751", "kode = 265")
    (folder / "dagpleje.toml").write_text(
        config + '\n[roster]\nark = "roster.csv"\n' + ONE_AREA, encoding="utf-8"
    )
    plan = run_cli("plan", "roster.csv")
    assert plan.exit_code == 0, plan.output
    assert "Alle 3 børn er knyttet til deres dagplejer." in plan.stdout
    assert no_traceback(plan)


def with_sheets(**extra: list[list[object]]) -> dict[str, list[list[object]]]:
    """The payroll dagplejer sheet, its children, and ``extra`` sheets."""
    return {"Dagplejere": payroll_dagplejere(), "Børn": children_by_dagplejer_name(), **extra}


def test_a_sheet_of_people_not_used_is_said_by_init_plan_and_validate(folder: Path) -> None:
    """A waiting list beside the roster's sheets is not read, and each command says so, with
    the key that would read it; a sheet of data whose headers name no one is said too (its
    role and columns to name), and only an empty sheet is left in silence."""
    waiting = [["CPR", "Navn"], [CH3, "Emil Krag"]]
    notes = [["Bemærkning", "Dato"], ["Ferie i uge 29", "1.7.2026"]]
    write_xlsx(folder / "roster.xlsx", with_sheets(Venteliste=waiting, Noter=notes, Tom=[]))
    init = run_cli("init", "roster.xlsx", "--kommune", "265")
    assert init.exit_code == 0, init.output
    said = "DP248 roster.xlsx, Venteliste!A1: Arket «Venteliste» blev ikke brugt"
    assert said in init.stdout
    assert 'ark = "Venteliste"' not in init.stdout  # the dagplejere's sheet is «Dagplejere»
    assert "De roller, det kunne have, har andre ark" in init.stdout
    assert "Tom" not in init.stdout
    notes_said = "DP248 roster.xlsx, Noter!A1: Arket «Noter» blev ikke brugt"
    assert notes_said in init.stdout and "ingen af felterne genkendes i" in init.stdout
    plan = run_cli("plan", "roster.xlsx", "--quiet")
    assert plan.exit_code == 0, plan.output  # a warning: the roster's children are all read
    assert said in plan.stdout
    validate = run_cli("validate", "--format", "json")
    assert '"DP248"' in validate.stdout and "Tom" not in validate.stdout
    english = run_cli("--lang", "en", "plan", "roster.xlsx", "--quiet")
    assert "The sheet «Venteliste» was not used" in english.stdout


def test_no_child_read_from_a_sheet_of_children_is_an_error(folder: Path) -> None:
    """A child sheet whose dagplejer column is not recognised reads as contacts: no child,
    every contact an orphan. init writes the configuration but exits 1, plan exits 1, and
    both name the sheet to set as boern_ark; with it set, the children are read."""
    children = [["Barnets CPR", "Barnets navn", "Plejemor"], [CH1, "Karla Lind", "7001"]]
    write_xlsx(folder / "roster.xlsx", {"Dagplejere": payroll_dagplejere(), "Indskrevne": children})
    init = run_cli("init", "roster.xlsx", "--kommune", "265")
    assert init.exit_code == 1, init.output
    fix = '[roster] boern_ark = "Indskrevne"'
    assert "DP249" in init.stdout and fix in init.stdout
    assert (folder / "dagpleje.toml").exists()
    plan = run_cli("plan", "roster.xlsx", "--quiet")
    assert plan.exit_code == 1, plan.output
    assert fix in plan.stdout and "kør dagpleje plan igen" in plan.stdout
    english = run_cli("--lang", "en", "plan", "roster.xlsx", "--quiet")
    assert "was read as contact persons" in english.stdout and fix in english.stdout
    config = (folder / "dagpleje.toml").read_text(encoding="utf-8")
    assert "og fjern det fra kontakt_ark" in init.stdout
    config = config.replace('kontakt_ark = "Indskrevne"', 'boern_ark = "Indskrevne"')
    config += '\n[roster.boern_kolonner]\ndagplejer = "Plejemor"\n'
    (folder / "dagpleje.toml").write_text(config, encoding="utf-8")
    fixed = run_cli("plan", "roster.xlsx")
    assert fixed.exit_code == 0, fixed.output
    assert "Barnet er knyttet til sin dagplejer." in fixed.stdout and "DP249" not in fixed.stdout


def test_child_columns_that_give_no_child_are_an_error(folder: Path) -> None:
    """A one-sheet CSV whose child columns are all blank: not a roster without children."""
    rows = one_sheet_rows("Barn CPR")
    for row in rows[1:]:
        row[8:] = [""] * (len(row) - 8)
    write_csv(folder / "roster.csv", rows)
    init = run_cli("init", "roster.csv", "--kommune", "265")
    assert init.exit_code == 1, init.output
    assert "DP249 roster.csv!I1: Ingen børn blev læst" in init.stdout
    assert "[roster.boern_kolonner]" in init.stdout
    plan = run_cli("plan", "roster.csv")
    assert plan.exit_code == 1, plan.output
    assert "DP249" in plan.stdout


def test_no_dagplejer_sheet_in_a_csv_names_its_headers_not_a_sheet(folder: Path) -> None:
    """A CSV has one sheet: the fix is its headers, never ``[roster] ark = "Dagplejere"``."""
    write_csv(
        folder / "roster.csv", [["Barn CPR", "CPR", "Navn", "Relation"], [CH1, MOR1, "A", "Mor"]]
    )
    for lang, words in (("da", "Overskrifter i filen"), ("en", "Headers in the file")):
        result = run_cli("--lang", lang, "init", "roster.csv", "--kommune", "265")
        assert result.exit_code == 2, result.output
        assert "«roster.csv»" in result.stderr
        assert f"{words}: Barn CPR, CPR, Navn, Relation" in result.stderr
        assert "«Medarb. nr.»" in result.stderr and "«Barn CPR»" in result.stderr
        assert "[roster] ark" not in result.stderr and '"Dagplejere"' not in result.stderr


def test_no_dagplejer_sheet_in_a_workbook_names_a_sheet_it_has(folder: Path) -> None:
    """In a workbook, the configuration may name the sheet: one that exists, not «Dagplejere»."""
    contacts = [["Barnets CPR", "CPR", "Navn", "Relation"], [CH1, MOR1, "Anja Lind", "Mor"]]
    write_xlsx(folder / "roster.xlsx", {"Forside": [["Udtræk"]], "Ark2": contacts})
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2, result.output
    assert "«Forside» (ingen overskrifter genkendt)" in result.stderr
    assert "«Ark2» (overskrifter i række 1, læst som kontaktpersoner)" in result.stderr
    assert '[roster] ark = "Ark2"' in result.stderr and '"Dagplejere"' not in result.stderr


def test_two_sheets_of_children_name_the_role_they_share(folder: Path) -> None:
    """Two sheets that may both be the children's: the message says children, not
    «dagplejer-arket», and the fix names one of them under boern_ark."""
    children = children_by_dagplejer_name()
    write_xlsx(
        folder / "roster.xlsx",
        {"Dagplejere": payroll_dagplejere(), "Gruppe A": children, "Gruppe B": children},
    )
    result = run_cli("init", "roster.xlsx")
    assert result.exit_code == 2, result.output
    assert "Flere ark kan være børn: Gruppe A, Gruppe B." in result.stderr
    assert 'boern_ark = "Gruppe A"' in result.stderr


def test_a_parents_sheet_with_their_addresses_is_the_contacts_sheet(folder: Path) -> None:
    """«Forældre» with the child's CPR and each parent's CPR, name and address (no relation
    column) is read as the contacts, never left aside while the export goes on without them."""
    from tests.builders import AREAS, small_roster, write_xlsx

    sheets = small_roster()
    sheets["Børn"] = [
        ["CPR", "Fornavn", "Efternavn", "Dagplejer"],
        *[row[:4] for row in sheets["Børn"][1:]],
    ]
    sheets["Forældre"] = [
        ["Barn CPR", "CPR", "Navn", "Adresse", "Postnr", "By"],
        [CH1, MOR1, "Mette Jensen", "Søndergade 1", "8200", "Aarhus N"],
        [CH2, MOR2, "Sara Ærø", "Vestergade 2", "8210", "Aarhus V"],
    ]
    write_xlsx(folder / "roster.xlsx", sheets)
    (folder / "dagpleje.toml").write_text(
        BASE_CONFIG + '\n[roster]\ntom_myndighed = "forældre"\n' + AREAS, encoding="utf-8"
    )
    plan = run_cli("plan", "roster.xlsx")
    assert "DP248" not in plan.stdout
    validate = run_cli("validate")
    assert "DP222" in validate.stdout  # the parents are read: their blank relation is asked for
    # … with the fix that fits a sheet without a relation column: add one, not "fill the cell"
    import json

    doc = json.loads(run_cli("validate", "--format", "json").stdout)
    relation = [f for f in doc["findings"] if f["code"] == "DP222"]
    assert relation and all(f["variant"] == "no_column" for f in relation)
    assert "Tilføj en kolonne «Relation»" in relation[0]["hint"]
    assert run_cli("export", "--target", "unilogin").exit_code == 1


def test_a_plain_name_beside_only_the_childs_cpr_is_the_childs(folder: Path) -> None:
    """``Barnets CPR`` and a plain ``Navn`` on a one-sheet roster: the name is the child's (the
    child has no name column of its own), not the dagplejer's."""
    import json

    from tests.builders import write_xlsx

    rows: list[list[object]] = [
        ["Dagplejer nr", "Distrikt", "Barnets CPR", "Navn", "Mor CPR", "Mor navn"],
        ["D1", "Nord", CH1, "Liv Jensen", MOR1, "Mette Jensen"],
        ["D2", "Syd", CH2, "Emil Ærø", MOR2, "Sara Ærø"],
    ]
    write_xlsx(folder / "roster.xlsx", {"Ark1": rows})
    init = run_cli("init", "roster.xlsx", "--kommune", "265", "--out", "x.toml")
    assert "barn.navn=Navn" in init.stdout
    run_cli("plan", "roster.xlsx", "--config", "x.toml")
    doc = json.loads(run_cli("validate", "--config", "x.toml", "--format", "json").stdout)
    nameless = [f for f in doc["findings"] if f["code"] == "DP244"]
    assert [f["params"]["table"] for f in nameless] == ["kolonner"]  # the dagplejere's, only
    assert not [
        f for f in doc["findings"] if "Liv Jensen" in f["message"] and "Dagplejer" in f["message"]
    ]


def layout_of(folder: Path, sheets: dict[str, list[list[object]]], roster_settings: str) -> dict:
    """``plan`` then ``validate --format json`` on ``sheets`` with a configuration whose
    ``[roster]`` table is ``roster_settings``."""
    import json

    from tests.builders import AREAS, write_xlsx

    write_xlsx(folder / "roster.xlsx", sheets)
    roster = f"\n[roster]\n{roster_settings}\n" if roster_settings else ""
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + roster + AREAS, encoding="utf-8")
    run_cli("plan", "roster.xlsx")
    doc: dict = json.loads(run_cli("validate", "--format", "json").stdout)
    return doc


def test_a_configured_dagplejer_sheet_with_next_of_kin_stays_the_dagplejeres(
    folder: Path,
) -> None:
    """HR data's «Pårørende» columns are no children: with ``ark`` set, the staff sheet stays
    the dagplejere's and the children's sheet is read."""
    from tests.builders import small_roster

    sheets = small_roster()
    sheets["Dagplejere"][0] += ["Pårørende", "Pårørende telefon"]
    for row in sheets["Dagplejere"][1:]:
        row += ["Karl Hansen", "12345678"]
    doc = layout_of(folder, sheets, 'ark = "Dagplejere"')
    assert doc["stats"]["dagplejere"] == 3 and doc["stats"]["boern"] == 3


def test_a_children_sheet_beside_a_configured_one_sheet_roster_is_said(folder: Path) -> None:
    one = [
        ["Medarbejdernr", "Dagplejer navn", "Distrikt", "Barnets CPR", "Barnets navn"],
        ["D1", "Anne Jensen", "Nord", CH1, "Liv Jensen"],
    ]
    kids = [["CPR", "Fornavn", "Efternavn", "Dagplejer"], [CH2, "Emil", "Ærø", "D1"]]
    doc = layout_of(folder, {"Oversigt": one, "Børn": kids}, 'ark = "Oversigt"')
    said = [f for f in doc["findings"] if f["code"] == "DP248"]
    assert [f["params"]["sheet"] for f in said] == ["Børn"]  # never dropped in silence


def test_a_waiting_list_is_not_the_contacts_sheet(folder: Path) -> None:
    """«Barnets CPR», «Navn», «Adresse» beside the roster's sheets: a waiting list, left and
    said — not contacts, which would give an enrolled child herself as a contact."""
    from tests.builders import small_roster

    sheets = small_roster()
    sheets["Venteliste"] = [
        ["Barnets CPR", "Navn", "Adresse", "Postnr", "Ønsket start"],
        [CH1, "Liv Jensen", "Søndergade 1", "8200", "1.8.2026"],
    ]
    doc = layout_of(folder, sheets, 'tom_myndighed = "forældre"')
    said = [f for f in doc["findings"] if f["code"] == "DP248"]
    assert [f["params"]["sheet"] for f in said] == ["Venteliste"]
    assert said[0]["variant"] == "taken"  # no key of a role another sheet has
    assert doc["stats"]["kontaktpersoner"] == 3


@pytest.mark.parametrize("sheet", ["Oversigt", "Børn og forældre"])
@pytest.mark.parametrize("child_name", [True, False])
def test_a_one_sheet_roster_with_plain_dagplejer_columns_and_the_childs_cpr(
    folder: Path, sheet: str, child_name: bool
) -> None:
    """``Medarbejdernr``, ``Navn``, ``Adresse`` (the dagplejer's) beside ``Barnets CPR``: one
    sheet, the plain name the dagplejer's (with or without the child's own name column); a
    sheet name that also says contacts changes nothing."""
    header = ["Medarbejdernr", "Navn", "Adresse", "Postnr", "By", "Distrikt", "Barnets CPR"]
    anne = ["D1", "Anne Jensen", "Søndergade 1", "8200", "Aarhus N", "Nord", CH1]
    bo = ["D2", "Bo Ærø", "Vestergade 2", "8210", "Aarhus V", "Syd", CH2]
    names = (["Barnets navn"], ["Liv Jensen"], ["Emil Ærø"]) if child_name else ([], [], [])
    rows: list[list[object]] = [
        [*header, *names[0], "Mor CPR", "Mor navn", "Mor myndighed"],
        [*anne, *names[1], MOR1, "Mette Jensen", "Ja"],
        [*bo, *names[2], MOR2, "Sara Ærø", "Ja"],
    ]
    doc = layout_of(folder, {sheet: rows}, "")
    assert doc["stats"]["dagplejere"] == 2 and doc["stats"]["boern"] == 2
    nameless = [f["params"]["table"] for f in doc["findings"] if f["code"] == "DP244"]
    assert nameless == ([] if child_name else ["boern_kolonner"])  # never the dagplejere's
    assert not [f for f in doc["findings"] if f["code"] == "DP212"]


def test_a_bare_child_column_is_not_taken_for_the_childs_cpr(folder: Path) -> None:
    """``Child | SSN | Dagplejer``: the CPR is the SSN column; «Child» (names) is not read as
    the CPR number but as the child's name, no column being one."""
    from tests.builders import small_roster

    sheets = small_roster()
    sheets["Børn"] = [
        ["Child", "SSN", "Dagplejer", "Relation forælder", "CPR forælder", "Navn forælder"],
        ["Liv Jensen", CH1, "D1", "Mor", MOR1, "Mette Jensen"],
        ["Emil Ærø", CH2, "D2", "Mor", MOR2, "Sara Ærø"],
    ]
    doc = layout_of(folder, sheets, 'tom_myndighed = "nej"')
    codes = {f["code"] for f in doc["findings"]}
    assert "DP201" not in codes  # no name read as a CPR number
    assert "DP246" not in codes  # the SSN and the parent's CPR are both read
    assert "DP244" not in codes  # «Child» is the name
    assert doc["stats"]["boern"] == 2 and doc["stats"]["kontaktpersoner"] == 2


def test_a_bare_child_column_holding_cpr_numbers_is_the_childs_cpr(folder: Path) -> None:
    from tests.builders import small_roster

    sheets = small_roster()
    sheets["Børn"] = [
        ["Barn", "Navn", "Dagplejer", "Mor CPR", "Mor navn", "Mor myndighed"],
        [CH1, "Liv Jensen", "D1", MOR1, "Mette Jensen", "Ja"],
        [CH2, "Emil Ærø", "D2", MOR2, "Sara Ærø", "Ja"],
    ]
    doc = layout_of(folder, sheets, "")
    codes = {f["code"] for f in doc["findings"]}
    assert not {"DP213", "DP246", "DP244"} & codes
    assert doc["stats"]["boern"] == 2


def test_sheets_named_as_a_list_are_read_as_one_with_each_rows_own_cells(folder: Path) -> None:
    """Two children's sheets whose names both say children («Børn A», «Børn B») are not read
    as one on a guess; named as a list under boern_ark they are: every child read, the sheet's
    name in «Ark», and a finding on the second sheet names its own sheet and row."""
    children = children_by_dagplejer_name()
    second = [children[0], [CH3, "Ida Krag", "Helle Krag", MOR2, "Tove Krag", "Måske"]]
    sheets = {"Dagplejere": payroll_dagplejere(), "Børn A": children[:2], "Børn B": second}
    write_xlsx(folder / "roster.xlsx", sheets)
    ambiguous = run_cli("init", "roster.xlsx", "--kommune", "265")
    assert ambiguous.exit_code == 2, ambiguous.output
    assert 'boern_ark = ["Børn A", "Børn B"]' in ambiguous.stderr  # the list form, offered
    config = '[roster]\nboern_ark = ["Børn A", "Børn B"]\n'
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + config + ONE_AREA, encoding="utf-8")
    plan = run_cli("plan", "roster.xlsx")
    assert plan.exit_code == 0, plan.output
    assert "Alle 2 børn er knyttet til deres dagplejer." in plan.stdout, plan.stdout
    validate = run_cli("validate", "--format", "json")
    import json

    findings = json.loads(validate.stdout)["findings"]
    custody = [f for f in findings if f["code"] == "DP250"]
    assert [(f["location"]["sheet"], f["location"]["cell"]) for f in custody] == [("Børn B", "F2")]
    assert any(f["code"] == "DP264" for f in findings)


def test_sheets_named_as_a_list_must_be_alike(folder: Path) -> None:
    """Sheets under one key as a list are one sheet only when their headers are the same."""
    sheets = {"Dagplejere": payroll_dagplejere(), "Børn": children_by_dagplejer_name()}
    write_xlsx(folder / "roster.xlsx", sheets)
    config = '[roster]\nark = ["Dagplejere", "Børn"]\n'
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + config + ONE_AREA, encoding="utf-8")
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2 and no_traceback(result), result.output
    assert "Arkene Dagplejere, Børn under [roster] ark læses som ét ark" in result.stderr
    assert not (folder / "dagpleje-plan.xlsx").exists()
    (folder / "dagpleje.toml").write_text(
        BASE_CONFIG + "[roster]\nark = []\n" + ONE_AREA, encoding="utf-8"
    )
    empty = run_cli("plan", "roster.xlsx")
    assert empty.exit_code == 2 and no_traceback(empty), empty.output
    assert "en liste af ark" in empty.stderr


def test_init_completes_a_file_of_only_the_roster_decisions(folder: Path) -> None:
    """Before the first init, the sheet a message asks for is written in a dagpleje.toml of
    only [roster]: init reads the roster by it, and with --ja writes the whole configuration
    (no file is overwritten unasked)."""
    children = children_by_dagplejer_name()
    sheets = {"Dagplejere": payroll_dagplejere(), "Gruppe A": children, "Gruppe B": children}
    write_xlsx(folder / "roster.xlsx", sheets)
    asked = run_cli("init", "roster.xlsx", "--kommune", "265")
    assert asked.exit_code == 2 and "en fil med kun [roster]" in asked.stderr, asked.output
    (folder / "dagpleje.toml").write_text('[roster]\nboern_ark = "Gruppe A"\n', encoding="utf-8")
    read_by_it = run_cli("init", "roster.xlsx", "--kommune", "265")
    assert read_by_it.exit_code == 0 and "2 børn" in read_by_it.stdout, read_by_it.output
    assert "--ja" in read_by_it.stdout  # kept as it is, and how to have it written
    assert (folder / "dagpleje.toml").read_text("utf-8") == '[roster]\nboern_ark = "Gruppe A"\n'
    result = run_cli("init", "roster.xlsx", "--kommune", "265", "--ja")
    assert result.exit_code == 0, result.output
    written = (folder / "dagpleje.toml").read_text("utf-8")
    assert "[kommune]" in written and 'boern_ark = "Gruppe A"' in written
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    (folder / "dagpleje.toml").write_text("[roster]\nboern_ark = 5\n", encoding="utf-8")
    wrong = run_cli("init", "roster.xlsx", "--kommune", "265")
    assert wrong.exit_code == 2 and "roster.boern_ark" in wrong.stderr, wrong.output
    (folder / "dagpleje.toml").write_text("# mine\n[dtr]\nejerform = 1\n", encoding="utf-8")
    other = run_cli("init", "roster.xlsx", "--kommune", "265")
    assert other.exit_code == 2 and "findes allerede" in other.stderr, other.output
    assert (folder / "dagpleje.toml").read_text("utf-8") == "# mine\n[dtr]\nejerform = 1\n"


def test_a_sheet_said_to_be_no_part_of_the_roster_is_neither_read_nor_said(folder: Path) -> None:
    """An overview sheet beside the roster is a warning (DP248) until [roster] ignorer_ark
    says it is no part of the roster; a name the roster does not have is an error."""
    sheets = {
        "Dagplejere": payroll_dagplejere(),
        "Børn": children_by_dagplejer_name(),
        "Oversigt": [["Distrikt", "Antal"], ["A", 1], ["B", 1]],
    }
    write_xlsx(folder / "roster.xlsx", sheets)
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + ONE_AREA, encoding="utf-8")
    said = run_cli("plan", "roster.xlsx")
    assert (
        said.exit_code == 0
        and "DP248" in said.stdout
        and 'ignorer_ark = ["Oversigt"]' in (said.stdout + said.stderr)
    ), said.output
    ignored = BASE_CONFIG + '[roster]\nignorer_ark = ["Oversigt"]\n' + ONE_AREA
    (folder / "dagpleje.toml").write_text(ignored, encoding="utf-8")
    quiet = run_cli("plan", "roster.xlsx")
    assert quiet.exit_code == 0 and "DP248" not in quiet.output, quiet.output
    typo = BASE_CONFIG + '[roster]\nignorer_ark = ["Oversigten"]\n' + ONE_AREA
    (folder / "dagpleje.toml").write_text(typo, encoding="utf-8")
    wrong = run_cli("plan", "roster.xlsx")
    assert wrong.exit_code == 2 and no_traceback(wrong) and "Oversigten" in wrong.stderr


def test_sheets_read_as_one_keep_blank_rows_and_totals_no_one(folder: Path) -> None:
    """A blank row and a total under the first of sheets read as one are no dagplejere (the
    sheet's name in «Ark» makes no row a person)."""
    dagplejere = payroll_dagplejere()
    nord = [dagplejere[0], dagplejere[1], [None] * 7, ["I alt: 1"]]
    sheets = {"Nord": nord, "Syd": [dagplejere[0], dagplejere[2]]}
    write_xlsx(folder / "roster.xlsx", {**sheets, "Børn": children_by_dagplejer_name()})
    config = BASE_CONFIG + '[roster]\nark = ["Nord", "Syd"]\n' + ONE_AREA
    (folder / "dagpleje.toml").write_text(config, encoding="utf-8")
    plan = run_cli("plan", "roster.xlsx")
    assert plan.exit_code == 0, plan.output
    assert "DP256 roster.xlsx, Nord!A4" in plan.stdout, plan.stdout  # the total, set aside
    import json

    doc = json.loads(run_cli("validate", "--format", "json").stdout)
    assert (doc["stats"]["dagplejere"], doc["stats"]["boern"]) == (2, 2)
    # every finding points at a sheet the workbook has, never at «Nord, Syd»
    sheets_named = {f["location"].get("sheet") for f in doc["findings"]}
    assert sheets_named <= {"Nord", "Syd", "Børn", None, ""}, sheets_named


def test_alike_sheets_whose_names_say_not_in_care_are_never_joined(folder: Path) -> None:
    """init joins alike sheets of a roster split up, never a waiting list to the children in
    care; plan joins only what the configuration lists."""
    children = children_by_dagplejer_name()
    waiting = [children[0], [CH3, "Ida Krag", "Helle Krag", MOR2, "Tove Krag", "Ja"]]
    sheets = {"Dagplejere": payroll_dagplejere(), "Aktuelle": children, "Venteliste": waiting}
    write_xlsx(folder / "roster.xlsx", sheets)
    result = run_cli("init", "roster.xlsx", "--kommune", "265")
    assert result.exit_code == 2 and "Flere ark kan være børn" in result.stderr, result.output
    sheets = {"Dagplejere": payroll_dagplejere(), "Gruppe 1": children, "Gruppe 2": waiting}
    write_xlsx(folder / "roster.xlsx", sheets)
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + ONE_AREA, encoding="utf-8")
    assert run_cli("plan", "roster.xlsx").exit_code == 2  # not listed: no join on a guess
    (folder / "dagpleje.toml").unlink()
    init = run_cli("init", "roster.xlsx", "--kommune", "265")
    assert init.exit_code == 0 and "DP264" in init.stdout, init.output
    assert 'boern_ark = ["Gruppe 1", "Gruppe 2"]' in (folder / "dagpleje.toml").read_text("utf-8")


def test_a_column_of_small_numbers_is_not_the_childrens_dagplejer(folder: Path) -> None:
    """Found by what it holds, the dagplejer column must name them by name or CPR number (or
    id with name): a bare id matches any column of small numbers (an age)."""
    dagplejere = [
        ["Medarb.nr", "Cpr.nr", "Navn"],
        ["1", DP1, "Bente Lind"],
        ["2", DP2, "Helle Krag"],
    ]
    children = [
        ["Barnets CPR", "Barnets navn", "Alder", "Mors CPR", "Mors navn", "Fars CPR", "Fars navn"],
        [CH1, "Karla Lind", 1, MOR1, "Anja Lind", FAR1, "Ole Lind"],
        [CH2, "Aksel Krag", 2, MOR2, "Tove Krag", "", ""],
    ]
    write_xlsx(folder / "roster.xlsx", {"Dagplejere": dagplejere, "Børn": children})
    result = run_cli("init", "roster.xlsx", "--kommune", "265")
    assert result.exit_code == 2 and "mangler en kolonne for dagplejer" in result.stderr


def test_a_two_level_headers_phone_is_the_parents_not_the_childs(tmp_path: Path) -> None:
    """Under a two-level header, «Mobil» under «Mor» is the mother's phone: it was read as
    the child's own (and exported as the child's) while no parent was read at all."""
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.roster_cases.cases import two_level_header

    path = write_xlsx(tmp_path / "roster.xlsx", two_level_header())
    roster, _ = read_roster(path, RosterConfig(tom_myndighed="nej"))
    liv = roster.children[0]
    assert liv.phone == ""
    assert [(p.name, p.phone) for p in liv.contacts] == [
        ("Mette Jensen", "20304050"),
        ("Ole Jensen", "30405060"),
    ]


def test_a_plain_column_after_a_two_level_headers_last_group_is_no_ones(tmp_path: Path) -> None:
    """The last group heading spans only sub-headings an earlier group has: a protection
    column after «Far»'s is the child's (it had marked the father protected, not the child)."""
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.roster_cases.cases import two_level_header

    sheets = two_level_header()
    rows = sheets["Børneliste"]
    rows[1] = [*rows[1], ""]
    rows[2] = [*rows[2], "Navne- og adressebeskyttelse"]
    rows[3] = [*rows[3], "Ja"]
    rows[4] = [*rows[4], "Nej"]
    roster, _ = read_roster(
        write_xlsx(tmp_path / "r.xlsx", sheets), RosterConfig(tom_myndighed="nej")
    )
    liv = roster.children[0]
    assert liv.protected is True and not any(p.protected for p in liv.contacts)
    assert sum(len(c.contacts) for c in roster.children) == 3


def test_a_title_row_over_a_header_that_repeats_a_heading_is_no_group_row(tmp_path: Path) -> None:
    """Two cells of a title row over a header with «Telefon» twice: the header is read as it
    stands (read with the title, «Adresse» had become «Udskrevet: Adresse», not read)."""
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster

    title = ["", "", "", "Udskrevet:", "", "Af: HR", "", ""]
    header = ["Medarb.nr", "CPR", "Navn", "Telefon", "Adresse", "Postnr", "By", "Telefon"]
    dagplejere = [
        title,
        header,
        ["7001", DP1, "Bente Lind", "1", "Algade 4", "4000", "Roskilde", "2"],
    ]
    path = write_xlsx(tmp_path / "r.xlsx", {"Dagplejere": dagplejere})
    roster, _ = read_roster(path, RosterConfig())
    assert roster.dagplejere[0].address.postnr == "4000"


def test_no_parents_read_is_an_error_only_for_adults_cpr_numbers(folder: Path) -> None:
    """DP266 is for parents' CPR numbers left unread: a column of the dagplejer's CPR
    repeated on each child's row, or of children's, is no parents' (it had stopped the
    export of a roster without parents)."""
    import json

    from tests.builders import small_roster

    sheets = small_roster()
    header = ["CPR", "Fornavn", "Efternavn", "Dagplejer", "Dagplejer CPR"]
    cprs = {str(r[0]): r[1] for r in sheets["Dagplejere"][1:]}
    sheets["Børn"] = [header] + [[*r[:4], cprs[str(r[3])]] for r in sheets["Børn"][1:]]
    write_xlsx(folder / "roster.xlsx", sheets)
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + ONE_AREA, encoding="utf-8")
    run_cli("plan", "roster.xlsx")
    codes = {
        f["code"] for f in json.loads(run_cli("validate", "--format", "json").stdout)["findings"]
    }
    assert "DP266" not in codes, codes


def test_a_title_blocks_date_or_shared_value_is_never_a_column() -> None:
    """A sheet per dagplejer says whose it is in its title block: those fields become columns,
    but a date there (when the list was printed: an «Udskrevet» read as a column would end
    every child's care) and a value every sheet shares (the municipality) never do."""
    from dagplejecli.formats.sheets import RawSheet
    from dagplejecli.roster.headers import find_header_row
    from dagplejecli.roster.joined import join, title_columns

    def sheet(name: str, number: object, printed: str) -> RawSheet:
        rows: list[list[object]] = [
            [f"Dagplejer: {name}"],
            ["Medarbejdernr:", number],
            [f"Udskrevet: {printed}"],
            ["Kommune: Aalborg"],
            ["Kl. 10:15"],
            ["CPR", "Navn", "Mor CPR", "Mor navn"],
            [CH1 if number == 1 else CH2, "Liv Jensen", MOR1, "Mette Jensen"],
        ]
        return RawSheet(name, rows)

    parts = []
    for s in (sheet("Anne Jensen", 1, "01-12-2026"), sheet("Bo Ærø", 2, "02-12-2026")):
        header = find_header_row(s.rows)
        assert header is not None and header.row == 6
        parts.append((s, header))
    assert title_columns(parts) == {
        "Dagplejer": ["Anne Jensen", "Bo Ærø"],
        "Medarbejdernr": [1, 2],
    }
    joined, header = join(parts)
    assert header.texts[-3:] == ["Ark", "Dagplejer", "Medarbejdernr"]
    assert joined.rows[-1][-3:] == ["Bo Ærø", "Bo Ærø", 2]


def test_init_proposes_no_area_per_dagplejer(folder: Path) -> None:
    """A sheet per dagplejer read as one has her name in «Ark»: a value of each dagplejer's
    own divides nothing, so init proposes one area, not an area for each of them."""
    from tests.roster_cases.cases import sheet_per_dagplejer

    sheets = sheet_per_dagplejer()
    extra = sheets["Bo Ærø"][:6]
    extra[0], extra[1] = ["Dagplejer: Cecilie Holm"], ["Medarbejdernr:", "D3"]
    sheets["Cecilie Holm"] = [*extra, [CH3, "Ida Holm", "Tove Holm", MOR2, "", ""]]
    sheets["Bo Ærø"] = [row for row in sheets["Bo Ærø"] if CH3 not in row]
    write_xlsx(folder / "roster.xlsx", sheets)
    result = run_cli("init", "roster.xlsx", "--kommune", "851")
    assert result.exit_code == 0, result.output
    assert "3 dagplejere, 3 børn" in result.stdout, result.stdout
    text = (folder / "dagpleje.toml").read_text("utf-8")
    areas = [line for line in text.splitlines() if line.startswith("[[omraade]]")]
    assert len(areas) == 1 and "Ark =" not in text, text


def test_a_title_field_is_read_only_when_it_says_whose_the_sheet_is() -> None:
    """A phone, a status, a period, a contact or a CPR number in a title block would be every
    row's, in silence: never read. The dagplejer's id, name and address are, when the rows
    do not say whose they are; a key that names no field is a column for the rules."""
    from dagplejecli.formats.sheets import RawSheet
    from dagplejecli.roster.headers import HeaderRow, find_header_row
    from dagplejecli.roster.joined import title_columns

    def parts(header: list[str], n: int) -> list[tuple[RawSheet, HeaderRow]]:
        out = []
        for i in (1, 2):
            rows: list[list[object]] = [
                [f"Dagplejer: Dagplejer {i}"],
                ["Medarbejdernr:", i],
                [f"Adresse: Vej {i}, 9000 Aalborg"],
                [f"Telefon: 9931 200{i}"],
                [f"Kontaktperson: Hanne {i}"],
                [f"Status: {['Aktiv', 'Fratrådt'][i - 1]}"],
                [f"Fra: Pladsanvisningen {i}"],
                ["Udskrevet:", 46350 + i],
                [f"Dagplejegruppe: Gruppe {i}"],
                [f"CPR: 01018{i}-1235"],
                header,
                [CH1 if i == 1 else CH2, "Liv Jensen", MOR1, "Mette Jensen"][:n],
            ]
            sheet = RawSheet(f"Ark {i}", rows)
            found = find_header_row(sheet.rows)
            assert found is not None and found.row == 11
            out.append((sheet, found))
        return out

    whose = ["Dagplejer", "Medarbejdernr", "Dagplejegruppe", "Adresse"]
    assert list(title_columns(parts(["CPR", "Navn", "Mor CPR", "Mor navn"], 4))) == whose
    # rows that say whose they are: the title's identity and address are not read
    rows_say = ["Dagplejer nr.", "Barnets CPR", "Barnets navn", "Mor CPR"]
    assert list(title_columns(parts(rows_say, 4))) == ["Dagplejegruppe"]


@pytest.mark.parametrize("settings", [{"cpr": "CPR"}, {"fornavn": "Fornavn"}])
def test_the_childs_configured_columns_beside_a_childrens_sheet_are_that_sheets(
    tmp_path: Path, settings: dict[str, str]
) -> None:
    """[roster.boern_kolonner] names the children's sheet's plain «CPR»; the dagplejere's
    sheet, named by ``ark``, has a «CPR» too: it stays the dagplejere's (a one-sheet reading
    made the three dagplejere children)."""
    from dagplejecli.config import RosterConfig
    from dagplejecli.domain.shape import Role
    from dagplejecli.roster import read_roster
    from tests.builders import small_roster

    sheets = small_roster()
    sheets["Dagplejere"][0][0] = "Dagplejer nr."
    sheets["Børn"][0][3] = "Dagplejer nr."
    path = write_xlsx(tmp_path / "roster.xlsx", sheets)
    roster, _ = read_roster(path, RosterConfig(ark="Dagplejere", boern_kolonner=settings))
    assert {i.name: i.role for i in roster.sheet_info} == {
        "Dagplejere": Role.DAGPLEJERE,
        "Børn": Role.BOERN,
    }
    assert (len(roster.dagplejere), len(roster.children)) == (3, 3)


def test_a_title_fields_cell_is_where_it_stands(tmp_path: Path) -> None:
    """A value read from a title block is named where the user finds it (the title's cell),
    not in a column beyond the sheet's last."""
    from dagplejecli.config import RosterConfig
    from dagplejecli.domain.shape import Field
    from dagplejecli.roster import read_roster
    from tests.roster_cases.cases import sheet_per_dagplejer

    path = write_xlsx(tmp_path / "roster.xlsx", sheet_per_dagplejer())
    config = RosterConfig(
        ark=["Anne Jensen", "Bo Ærø"], boern_kolonner={"cpr": "CPR", "navn": "Navn"}
    )
    roster, _ = read_roster(path, config)
    bo = next(d for d in roster.dagplejere if d.id == "D2")
    assert str(bo.cell(Field.NAVN)) == "Bo Ærø!A1"  # «Dagplejer: Bo Ærø»
    assert str(bo.cell(Field.ID)) == "Bo Ærø!B2"  # «Medarbejdernr:» | D2
    ida = next(c for c in roster.children if c.name == "Ida Østergaard")
    assert str(ida.cell(Field.CPR)) == "Bo Ærø!A9"  # the child's own cells as they stand
