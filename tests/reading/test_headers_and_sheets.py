"""Headers and sheets the reader must recognise, through the command line: English headers from an IT
or HR system, headers named only in the configuration, a three-sheet roster whose contacts
sheet writes the owner after the field, and a children's sheet named «Indskrevne børn». None
of them may end as a roster without children, or without contact persons, in silence.

All CPR numbers are the synthetic ones of builders.py.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from dagplejecli.domain.shape import Field
from dagplejecli.errors import DagplejeError
from tests.builders import (
    BASE_CONFIG,
    CH1,
    CH2,
    CH3,
    DP1,
    DP2,
    DP3,
    FAR1,
    MOR1,
    MOR2,
    ONE_AREA,
    Sheets,
    no_traceback,
    run_cli,
    write_xlsx,
)


def employees() -> list[list[object]]:
    """An English HR system's staff sheet."""
    return [
        [
            "Employee ID",
            "SSN",
            "First name",
            "Last name",
            "Street address",
            "Zip code",
            "City",
            "Team",
            "Email",
        ],
        ["E3001", DP1, "Bente", "Lind", "Algade 4", "4000", "Roskilde", "North", "bl@example.dk"],
        ["E3002", DP2, "Helle", "Krag", "Byvej 12", "4000", "Roskilde", "South", ""],
        ["E3003", DP3, "Tove", "Munk", "Skovvej 3", "4030", "Tune", "South", ""],
    ]


def english_children() -> list[list[object]]:
    """Children with their carer's id and two guardians as column groups."""
    guardian = ("SSN", "name", "relation", "custody")
    return [
        [
            "Child SSN",
            "Child first name",
            "Child last name",
            "Caregiver ID",
            *(f"Guardian 1 {g}" for g in guardian),
            *(f"Guardian 2 {g}" for g in guardian),
        ],
        [
            *(CH1, "Karla", "Lind", "E3001"),
            *(MOR1, "Anja Lind", "Mother", "Yes"),
            *(FAR1, "Per Lind", "Father", "No"),
        ],
        [CH2, "Aksel", "Krag", "E3002", MOR2, "Tove Krag", "Mother", "Yes"],
        [CH3, "Sofus", "Munk", "E3003"],
    ]


def test_english_headers_are_read(folder: Path) -> None:
    """``Employees``/``Children`` with ``SSN``, ``Zip code``, ``Child first name``,
    ``Caregiver ID`` and ``Guardian N …`` were read as three dagplejere and no children."""
    write_xlsx(folder / "roster.xlsx", {"Employees": employees(), "Children": english_children()})
    init = run_cli("init", "roster.xlsx", "--kommune", "265")
    assert init.exit_code == 0, init.output
    assert "Rosteren roster.xlsx (to ark)" in init.stdout
    assert "id=Employee ID, cpr=SSN" in init.stdout
    assert "adresse=Street address, postnr=Zip code, by=City" in init.stdout
    assert "Arket «Children» (børn" in init.stdout
    assert "cpr=Child SSN, fornavn=Child first name" in init.stdout
    assert "dagplejer=Caregiver ID" in init.stdout
    assert "kontaktpersoner: 2 kolonnegrupper" in init.stdout
    assert "3 dagplejere, 3 børn, 3 kontaktpersoner" in init.stdout
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + ONE_AREA, encoding="utf-8")
    plan = run_cli("plan", "roster.xlsx")
    assert plan.exit_code == 0, plan.output
    assert "Alle 3 børn er knyttet til deres dagplejer." in plan.stdout
    validate = run_cli("validate", "--format", "json")
    report = json.loads(validate.stdout)
    assert report["stats"]["boern"] == 3 and report["stats"]["kontaktpersoner"] == 3
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors == [], errors


def test_mother_and_father_in_english_headers_give_the_relation(folder: Path) -> None:
    """``Mother SSN``/``Father's name``: the header says the relation, as ``Mor CPR`` does."""
    children = [
        [
            *("Child SSN", "Child name", "Caregiver"),
            *("Mother SSN", "Mother's name", "Father SSN", "Father's name"),
        ],
        [CH1, "Karla Lind", "E3001", MOR1, "Anja Lind", FAR1, "Per Lind"],
    ]
    write_xlsx(folder / "roster.xlsx", {"Employees": employees(), "Children": children})
    init = run_cli("init", "roster.xlsx", "--kommune", "265")
    assert init.exit_code == 0, init.output
    assert "kontaktpersoner: 2 kolonnegrupper" in init.stdout
    assert "3 dagplejere, 1 barn, 2 kontaktpersoner" in init.stdout


def unknown_children() -> list[list[object]]:
    """Children under headers no alias reads, a title above them."""
    return [
        ["Udtræk fra pladssystemet"],
        [],
        ["Kid SSN", "Given", "Family", "Minder"],
        [CH1, "Karla", "Lind", "E3001"],
        [CH2, "Aksel", "Krag", "E3002"],
    ]


def test_a_roster_without_children_beside_an_unused_sheet_is_an_error(folder: Path) -> None:
    """A sheet whose headers no alias reads was left in silence, and the roster went on with
    0 children: now init, plan and validate say it as an error (DP251), naming the key."""
    write_xlsx(folder / "roster.xlsx", {"Employees": employees(), "Kids": unknown_children()})
    init = run_cli("init", "roster.xlsx", "--kommune", "265")
    assert init.exit_code == 1, init.output
    said = "DP251 roster.xlsx, Kids!A3: Ingen børn blev læst, og arket «Kids» blev ikke brugt"
    assert said in init.stdout and 'boern_ark = "Kids"' in init.stdout
    assert "«Kid SSN», «Given», «Family» og «Minder»" in init.stdout
    plan = run_cli("plan", "roster.xlsx", "--quiet")
    assert plan.exit_code == 1, plan.output
    assert said in plan.stdout
    english = run_cli("--lang", "en", "plan", "roster.xlsx", "--quiet")
    assert "No child was read, and the sheet «Kids» was not used" in english.stdout
    validate = run_cli("validate", "--format", "json")
    assert validate.exit_code == 1, validate.output
    codes = [(f["code"], f["severity"]) for f in json.loads(validate.stdout)["findings"]]
    assert ("DP251", "fejl") in codes


def test_an_unused_sheet_of_unknown_headers_beside_the_children_is_said(folder: Path) -> None:
    """With the children read, a sheet of data whose headers name no one is a warning (DP248),
    never silence."""
    sheets = {
        "Employees": employees(),
        "Children": english_children(),
        "Waiting": [["Ref", "Wanted from"], ["W1", "2027-01-01"]],
    }
    write_xlsx(folder / "roster.xlsx", sheets)
    init = run_cli("init", "roster.xlsx", "--kommune", "265")
    assert init.exit_code == 0, init.output
    assert "DP248 roster.xlsx, Waiting!A1: Arket «Waiting» blev ikke brugt" in init.stdout
    assert "ingen af felterne genkendes i" in init.stdout


def test_configured_headers_make_the_header_row(folder: Path) -> None:
    """``boern_ark`` and ``[roster.boern_kolonner]`` naming every child column: the sheet had
    «no header row», because only recognised headers counted."""
    write_xlsx(folder / "roster.xlsx", {"Employees": employees(), "Kids": unknown_children()})
    config = BASE_CONFIG + ONE_AREA
    config += '\n[roster]\nboern_ark = "Kids"\n\n[roster.boern_kolonner]\n'
    config += 'cpr = "Kid SSN"\nfornavn = "Given"\nefternavn = "Family"\ndagplejer = "Minder"\n'
    (folder / "dagpleje.toml").write_text(config, encoding="utf-8")
    plan = run_cli("plan", "roster.xlsx")
    assert plan.exit_code == 0, plan.output
    assert "Alle 2 børn er knyttet til deres dagplejer." in plan.stdout
    assert no_traceback(plan)


def three_sheets(child_refs: tuple[str, str] = (CH1, CH2)) -> Sheets:
    """Medarbejdere, Børn and Kontaktpersoner, as a payroll-and-pladsanvisning export writes
    them: ``CPR-nr. barn`` (the field first) and ``Kontaktpersonens CPR-nr.``."""
    return {
        "Medarbejdere": [
            ["Tjenestenr.", "CPR-nr.", "Navn", "Adresse", "Postnr. og by"],
            ["11001", DP1, "Mette Juhl", "Kongensgade 40", "6700 Esbjerg"],
            ["11002", DP2, "Lene Bak", "Torvet 3", "6700 Esbjerg"],
        ],
        "Børn": [
            ["CPR-nr. barn", "Barnets fornavn", "Barnets efternavn", "Dagplejer (tjenestenr.)"],
            [CH1, "Liva", "Juhl", "11001"],
            [CH2, "Theo", "Bak", "11002"],
        ],
        "Kontaktpersoner": [
            [
                *("Barnets CPR-nr.", "Kontaktpersonens CPR-nr.", "Fornavn", "Efternavn"),
                *("Relation til barnet", "Forældremyndighed"),
            ],
            [child_refs[0], MOR1, "Karen", "Juhl", "Mor", "Ja"],
            [child_refs[0], FAR1, "Ahmed", "Juhl", "Far", "Ja"],
            [child_refs[1], MOR2, "Sara", "Bak", "Mor", "Ja"],
        ],
    }


def test_three_sheets_with_the_owner_after_the_field(folder: Path) -> None:
    """``CPR-nr. barn`` and ``Kontaktpersonens CPR-nr.`` were not read: 0 contact persons,
    without a word."""
    write_xlsx(folder / "roster.xlsx", three_sheets())
    init = run_cli("init", "roster.xlsx", "--kommune", "561")
    assert init.exit_code == 0, init.output
    assert "cpr=CPR-nr. barn" in init.stdout
    assert "cpr=Kontaktpersonens CPR-nr." in init.stdout
    assert "2 dagplejere, 2 børn, 3 kontaktpersoner" in init.stdout


def test_a_contacts_sheet_that_gives_no_contact_is_said(folder: Path) -> None:
    """A contacts sheet whose child column matches no child: every row was a warning in
    validate only, and init and plan said «0 kontaktpersoner» and exited 0."""
    write_xlsx(folder / "roster.xlsx", three_sheets(child_refs=("B-001", "B-002")))
    init = run_cli("init", "roster.xlsx", "--kommune", "561")
    assert init.exit_code == 1, init.output
    said = "DP252 roster.xlsx, Kontaktpersoner!A1: Arket «Kontaktpersoner» blev læst som"
    assert said in init.stdout and "«Barnets CPR-nr.»" in init.stdout
    plan = run_cli("plan", "roster.xlsx", "--quiet")
    assert plan.exit_code == 1, plan.output
    assert said in plan.stdout
    english = run_cli("--lang", "en", "plan", "roster.xlsx", "--quiet")
    assert "was read as the contact persons', but not one of its rows" in english.stdout


def test_contacts_for_children_without_a_cpr_column_are_said(folder: Path) -> None:
    """The children's CPR column not read (a header no alias knows): no contact can be
    attached, and the finding says to name the children's CPR column."""
    sheets = three_sheets()
    sheets["Børn"][0][0] = "Identitet"
    write_xlsx(folder / "roster.xlsx", sheets)
    init = run_cli("init", "roster.xlsx", "--kommune", "561")
    assert init.exit_code == 1, init.output
    assert "DP252" in init.stdout
    assert "ingen af børnene har et CPR-nummer" in init.stdout
    assert "[roster.boern_kolonner] (cpr" in init.stdout


def enrolled_children(dagplejer_header: str) -> list[list[object]]:
    """A pladsanvisning's report of enrolled children, title rows above the headers, parents
    as ``Forælder N …`` column groups."""
    parent = ("CPR", "navn", "relation", "forældremyndighed")
    return [
        ["Rapport: Indskrevne børn i dagpleje"],
        ["Kørt 01.11.2026 af pladsanvisningen"],
        [],
        ["Barnets CPR", "Barnets navn", dagplejer_header, "Indmeldt dato"]
        + [f"Forælder 1 {p}" for p in parent],
        [CH1, "Alma Hansen", "11001", "01.08.2026", MOR1, "Lise Hansen", "Mor", "Ja"],
        [CH2, "Bo Holm", "11002", "01.02.2025", MOR2, "Mette Holm", "Mor", "Ja"],
    ]


def _dagplejere() -> list[list[object]]:
    return three_sheets()["Medarbejdere"]


def test_a_sheet_named_enrolled_children_is_the_childrens(folder: Path) -> None:
    """«Indskrevne børn» with the child's CPR and a plain ``Medarbejdernr`` was read as the
    contacts' sheet (init wrote ``kontakt_ark``, then DP249): its name says children."""
    sheets = {"Dagplejere": _dagplejere(), "Indskrevne børn": enrolled_children("Medarbejdernr")}
    write_xlsx(folder / "roster.xlsx", sheets)
    init = run_cli("init", "roster.xlsx", "--kommune", "461")
    assert init.exit_code == 0, init.output
    assert "Arket «Indskrevne børn» (børn, overskrifter i række 4)" in init.stdout
    assert "2 dagplejere, 2 børn, 2 kontaktpersoner" in init.stdout
    roster = tomllib.loads((folder / "dagpleje.toml").read_text(encoding="utf-8"))["roster"]
    assert "kontakt_ark" not in roster
    assert "DP249" not in init.stdout


def test_the_childs_dagplejer_column_is_recognised(folder: Path) -> None:
    """``Barnets dagplejer`` names the child's dagplejer (it was no column at all)."""
    sheets = {"Dagplejere": _dagplejere(), "Børn": enrolled_children("Barnets dagplejer")}
    write_xlsx(folder / "roster.xlsx", sheets)
    init = run_cli("init", "roster.xlsx", "--kommune", "461")
    assert init.exit_code == 0, init.output
    assert "dagplejer=Barnets dagplejer" in init.stdout
    assert "2 dagplejere, 2 børn, 2 kontaktpersoner" in init.stdout


def test_sheets_with_their_headers_in_another_order_name_each_cell_where_it_stands(
    folder: Path,
) -> None:
    # «Syd» has the same headers as «Nord» in another order: read by header, and a finding
    # on one of its cells names that cell, not the column it has on «Nord»
    from tests.roster_cases.cases import area_sheets_in_their_own_order

    sheets = area_sheets_in_their_own_order()
    assert sheets["Syd"][0][2] == "CPR-nr."
    sheets["Syd"][1][2] = "3113251234"  # no such day: Emil's CPR number, in Syd's column C
    write_xlsx(folder / "roster.xlsx", sheets)
    config = BASE_CONFIG + ONE_AREA + '\n[roster]\nboern_ark = ["Nord", "Syd"]\n'
    config += 'raekke_myndighed = "navngivet"\n'
    (folder / "dagpleje.toml").write_text(config, "utf-8")
    assert run_cli("plan", "roster.xlsx").exit_code in (0, 1)
    found = json.loads(run_cli("validate", "--format", "json").stdout)["findings"]
    [bad] = [f for f in found if f["code"] == "DP201"]
    assert (bad["location"]["sheet"], bad["location"]["cell"]) == ("Syd", "C2"), bad


def test_sheets_that_are_not_alike_name_the_sheet_and_the_header(folder: Path) -> None:
    from tests.roster_cases.cases import area_sheets_with_hr_list

    sheets = area_sheets_with_hr_list()
    sheets["Syd"][0] = ["Stue", *sheets["Syd"][0][1:]]  # «Barnets navn» on «Nord»
    write_xlsx(folder / "roster.xlsx", sheets)
    (folder / "dagpleje.toml").write_text('[roster]\nboern_ark = ["Nord", "Syd"]\n', "utf-8")
    result = run_cli("init", "roster.xlsx", "--kommune", "751", "--ja")
    assert result.exit_code == 2 and no_traceback(result), result.output
    assert "«Syd» har ikke de samme overskrifter som «Nord»" in result.stderr, result.stderr
    assert "«Stue», «Barnets navn»" in result.stderr, result.stderr


def test_a_guardians_columns_say_her_relation_which_the_user_maps(tmp_path: Path) -> None:
    # «Værge», «Værge CPR»: the header says the relation as a cell would; Unilogin has no
    # «Værge», so reading asks (DP211) until [roster.relationer] says which it is
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.roster_cases.cases import guardian_in_columns_of_their_own

    path = write_xlsx(tmp_path / "r.xlsx", guardian_in_columns_of_their_own())
    _, findings = read_roster(path, RosterConfig(tom_myndighed="nej"))
    [asked] = [f for f in findings if f.code == "DP211"]
    assert asked.params["value"] == "Værge" and asked.location.cell == "J3"
    assert "DP222" not in {f.code for f in findings}  # the header gave a relation


def test_the_sheet_a_dagplejers_children_are_on_is_said_at_no_cell(tmp_path: Path) -> None:
    # «Ark» is no column of any sheet: DP271 names the sheets, not a cell past the table
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.roster_cases.cases import area_sheets_with_hr_list

    path = write_xlsx(tmp_path / "r.xlsx", area_sheets_with_hr_list())
    config = RosterConfig(boern_ark=["Nord", "Syd"], raekke_myndighed="navngivet")
    _, findings = read_roster(path, config)
    [carried] = [f for f in findings if f.code == "DP271"]
    assert (carried.variant, carried.location.cell) == ("joined", None)
    assert carried.params["sheet"] == "Nord, Syd"


def test_sheets_named_as_one_may_have_a_column_only_some_have(tmp_path: Path) -> None:
    # a hand-kept workbook: «Slutdato» on Syd only (a child moving out), in another place than
    # Nord's last column; the user names the sheets as one list: each row has every column,
    # blank where its sheet lacks it, and every cell is named where it stands
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.roster_cases.cases import area_sheets_with_hr_list

    sheets = area_sheets_with_hr_list()
    sheets["Syd"] = [
        [*row[:3], end, *row[3:]]
        for row, end in zip(sheets["Syd"], ("Slutdato", "31-12-2026"), strict=True)
    ]
    path = write_xlsx(tmp_path / "r.xlsx", sheets)
    config = RosterConfig(boern_ark=["Nord", "Syd"], raekke_myndighed="navngivet")
    roster, _ = read_roster(path, config)
    kids = {c.name: c for c in roster.children}
    assert set(kids) == {"Liv Jensen", "Ida Jensen", "Alma Holm", "Emil Ærø"}
    assert kids["Emil Ærø"].end_cell == "31-12-2026"
    assert kids["Liv Jensen"].end_cell in (None, "")
    ended = kids["Emil Ærø"].cell(Field.SLUT)
    assert ended is not None and (ended.sheet, ended.row, ended.col) == ("Syd", 2, 4)
    # a cell beyond a sheet's headers, or a header that says who a row is changed on one
    # sheet, is still said, not read
    sheets["Nord"][1].append("note beyond the headers")
    with pytest.raises(DagplejeError):
        read_roster(write_xlsx(tmp_path / "r1.xlsx", sheets), config)
    sheets["Nord"][1].pop()
    sheets["Syd"][0][0] = "Stue"
    path = write_xlsx(tmp_path / "r2.xlsx", sheets)
    with pytest.raises(DagplejeError):
        read_roster(path, config)


def test_sheets_named_as_one_with_one_field_under_two_spellings_are_refused(
    tmp_path: Path,
) -> None:
    # «Slutdato» on Nord, «Slut dato» on Syd: read as one list, one of the two columns would
    # be read and the other's dates lost in silence
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.roster_cases.cases import area_sheets_with_hr_list

    sheets = area_sheets_with_hr_list()
    for name, header in (("Nord", "Slutdato"), ("Syd", "Slut dato")):
        sheets[name] = [[*row, header if i == 0 else ""] for i, row in enumerate(sheets[name])]
    path = write_xlsx(tmp_path / "r.xlsx", sheets)
    config = RosterConfig(boern_ark=["Nord", "Syd"], raekke_myndighed="navngivet")
    with pytest.raises(DagplejeError) as refused:
        read_roster(path, config)
    assert refused.value.key == "roster_sheets_not_alike"
    # nor when one sheet marks name-and-address protection and another has no such column
    sheets = area_sheets_with_hr_list()
    sheets["Syd"] = [[*row, "Beskyttet" if i == 0 else ""] for i, row in enumerate(sheets["Syd"])]
    with pytest.raises(DagplejeError):
        read_roster(write_xlsx(tmp_path / "r2.xlsx", sheets), config)
