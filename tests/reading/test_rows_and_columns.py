"""Rows and columns as the reader takes them, through the command line: a one-sheet row
without its dagplejer, one id written two ways, names written «Efternavn, Fornavn» on both
sides, parent columns under headers the reader did not know, a protection column, and one row
per contact person. All CPR numbers are the synthetic ones of builders.py.
"""

from __future__ import annotations

import json
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
    leaked_cprs,
    run_cli,
    write_csv,
    write_xlsx,
)

AREAS_BY_TEAM = """
[[omraade]]
navn = "Dagplejen Nord"
hvor = { Team = ["Nord"] }

[[omraade]]
navn = "Dagplejen Syd"
hvor = { Team = ["Syd"] }
"""

ONE_SHEET_HEADER = [
    "MA-nr",
    "Dagplejer CPR-nr.",
    "Dagplejer navn",
    "Adresse",
    "Postnr./by",
    "Team",
    "Barn CPR",
    "Barn navn",
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + AREAS_BY_TEAM, encoding="utf-8")
    return tmp_path


def write_roster(folder: Path, rows: list[list[object]], kind: str) -> str:
    """The rows as ``roster.xlsx`` or ``roster.csv`` (Danish Excel's semicolon CSV)."""
    if kind == "xlsx":
        write_xlsx(folder / "roster.xlsx", {"Udtræk": rows})
    else:
        write_csv(folder / "roster.csv", rows)
    return f"roster.{kind}"


def report(roster: str) -> dict[str, object]:
    """``plan`` then ``validate`` as JSON."""
    run_cli("plan", roster)
    result = run_cli("validate", "--format", "json")
    doc: dict[str, object] = json.loads(result.stdout)
    return doc


def findings(doc: dict[str, object]) -> list[dict[str, str]]:
    found = doc["findings"]
    assert isinstance(found, list)
    return found


def codes(doc: dict[str, object]) -> list[str]:
    return sorted(f["code"] for f in findings(doc))


# --------------------------------------------------- 1. a one-sheet row without its dagplejer


def rows_with_a_child_without_dagplejer() -> list[list[object]]:
    """Two dagplejere; the third child's row leaves the dagplejer's id, CPR and name empty."""
    return [
        ONE_SHEET_HEADER,
        ["0301", DP1, "Karin Lund", "Kirketorvet 22", "7100 Vejle", "Nord", CH1, "Oscar Berg"],
        ["0302", DP2, "Susanne Holm", "Vestergade 5", "7100 Vejle", "Syd", CH2, "Ida Holm"],
        ["", "", "", "", "", "", CH3, "William Sand"],
    ]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_one_sheet_child_without_dagplejer_makes_no_phantom_dagplejer(
    folder: Path, kind: str
) -> None:
    roster = write_roster(folder, rows_with_a_child_without_dagplejer(), kind)
    (folder / "dagpleje.toml").unlink()
    init = run_cli("init", roster, "--kommune", "630")
    assert init.exit_code == 0, init.output
    assert "2 dagplejere, 3 børn" in init.stdout
    config = (folder / "dagpleje.toml").read_text(encoding="utf-8")
    assert "uden en værdi" not in config  # no area proposed for the empty row

    (folder / "dagpleje.toml").write_text(BASE_CONFIG + AREAS_BY_TEAM, encoding="utf-8")
    plan = run_cli("plan", roster)
    assert plan.exit_code == 1, plan.output  # a child linked to no one
    assert "D-" not in plan.stdout  # no dagplejer with an id made of an empty name
    assert "1 af 3 børn er ikke knyttet til sin dagplejer:" in plan.stdout
    assert "DP247" in plan.stdout and "!A4" in plan.stdout

    doc = report(roster)
    assert doc["stats"]["dagplejere"] == 2  # type: ignore[index]
    phantom = {"DP205", "DP212", "DP213", "DP217", "DP242"}  # a dagplejer made of an empty row
    assert "DP247" in codes(doc) and phantom.isdisjoint(codes(doc))
    (f,) = [f for f in findings(doc) if f["code"] == "DP247"]
    assert f["location"]["cell"] == "A4"  # type: ignore[index]
    assert "William Sand" in f["message"] and "«MA-nr»" in f["message"]
    assert "barnets række" in f["hint"] and "dagplejer-arket" not in f["hint"]


def test_the_finding_reads_in_english(folder: Path) -> None:
    roster = write_roster(folder, rows_with_a_child_without_dagplejer(), "xlsx")
    run_cli("plan", roster)
    result = run_cli("--lang", "en", "validate", "--format", "json")
    (f,) = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "DP247"]
    assert "has no dagplejer" in f["message"] and "the child's row" in f["hint"]
    assert leaked_cprs(result.stdout) == []


# ------------------------------------------------------ 2. one id, written 05003 and 5003


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_one_sheet_id_with_and_without_its_leading_zero_is_one_dagplejer(
    folder: Path, kind: str
) -> None:
    karin = ["Karin Lund", "Kirketorvet 22", "7100 Vejle", "Nord"]
    rows: list[list[object]] = [
        ONE_SHEET_HEADER,
        ["05003", DP1, *karin, CH1, "Oscar Berg"],
        [5003, DP1, *karin, CH2, "Olivia Berg"],  # the same id, as a number
        ["0302", DP2, "Susanne Holm", "Vestergade 5", "7100 Vejle", "Syd", CH3, "Ida Holm"],
    ]
    roster = write_roster(folder, rows, kind)
    plan = run_cli("plan", roster)
    assert plan.exit_code == 0, plan.output
    assert "Alle 3 børn er knyttet til deres dagplejer." in plan.stdout
    doc = report(roster)
    assert doc["stats"]["dagplejere"] == 2  # type: ignore[index]
    assert "DP203" not in codes(doc)  # not "the same CPR number on 2 dagplejere"


@pytest.mark.parametrize("other_id", ["05003", "5003", "D5003"])
def test_one_sheet_rows_of_two_people_with_one_id_are_never_merged(
    folder: Path, other_id: str
) -> None:
    """Rows with one id but another CPR number and name are two dagplejere with a shared id
    (an error), never one dagplejer who takes the other's children."""
    rows: list[list[object]] = [
        ONE_SHEET_HEADER,
        ["5003", DP1, "Karin Lund", "Kirketorvet 22", "7100 Vejle", "Nord", CH1, "Oscar Berg"],
        [other_id, DP2, "Hanne Holm", "Vestergade 5", "7100 Vejle", "Syd", CH2, "Emil Holm"],
    ]
    roster = write_roster(folder, rows, "xlsx")
    doc = report(roster)
    if other_id == "D5003":  # another id: two dagplejere, no finding about ids
        assert doc["stats"]["dagplejere"] == 2 and "DP216" not in codes(doc)  # type: ignore[index]
        return
    assert doc["stats"]["dagplejere"] == 2  # type: ignore[index]
    assert "DP216" in codes(doc)  # the shared id: an error, so nothing is exported
    assert run_cli("export", "--target", "unilogin").exit_code == 1


def test_two_dagplejere_with_one_id_written_two_ways_are_a_duplicate_id(folder: Path) -> None:
    """On two sheets, 05003 and 5003 link as one id, so two dagplejere may not have them."""
    header = ["Medarbejdernr", "CPR", "Fornavn", "Efternavn", "Team"]
    sheets: dict[str, list[list[object]]] = {
        "Dagplejere": [
            header,
            ["05003", DP1, "Karin", "Lund", "Nord"],
            [5003, DP2, "Susanne", "Holm", "Syd"],
        ],
        "Børn": [["CPR", "Fornavn", "Efternavn", "Dagplejer"], [CH1, "Oscar", "Berg", "5003"]],
    }
    write_xlsx(folder / "roster.xlsx", sheets)
    assert "DP216" in codes(report("roster.xlsx"))


# ------------------------------------------- 3. «Efternavn, Fornavn» on both sides links


def two_sheets_by_name(refs: tuple[str, str], second_name: str = "Krag, Helle") -> str:
    write_xlsx(
        Path("roster.xlsx"),
        {
            "Dagplejere": [
                ["Medarb.nr", "Cpr.nr", "Navn (efternavn, fornavn)", "Team"],
                ["7001", DP1, "Lind, Bente", "Nord"],
                ["7002", DP2, second_name, "Syd"],
            ],
            "Børn": [
                ["CPR", "Navn", "Dagplejers navn"],
                [CH1, "Karla Lind", refs[0]],
                [CH2, "Aksel Krag", refs[1]],
            ],
        },
    )
    config = Path("dagpleje.toml")
    config.write_text(
        BASE_CONFIG
        + AREAS_BY_TEAM
        + '\n[roster]\nark = "Dagplejere"\nboern_ark = "Børn"\n'
        + '\n[roster.kolonner]\nnavn = "Navn (efternavn, fornavn)"\n'
        + '\n[roster.boern_kolonner]\ndagplejer = "Dagplejers navn"\n',
        encoding="utf-8",
    )
    return "roster.xlsx"


def test_a_family_name_first_on_both_sides_links_by_name(folder: Path) -> None:
    roster = two_sheets_by_name(("Lind, Bente", "Helle Krag"))
    plan = run_cli("plan", roster)
    assert plan.exit_code == 0, plan.output
    assert "Alle 2 børn er knyttet til deres dagplejer." in plan.stdout
    assert "DP243" in plan.stdout  # linked, but by a name: fragile, and said so


def test_a_shared_name_written_either_way_still_links_no_one(folder: Path) -> None:
    roster = two_sheets_by_name(("Lind, Bente", "Helle Krag"), second_name="Bente Lind")
    plan = run_cli("plan", roster)
    assert plan.exit_code == 1, plan.output
    out = " ".join(plan.stdout.split())
    assert "DP240" in out and "«7001» og «7002»" in out


def test_a_shared_name_spelt_two_ways_is_one_finding_for_both_children(folder: Path) -> None:
    roster = two_sheets_by_name(("Lind, Bente", "bente  LIND"), second_name="Bente Lind")
    plan = run_cli("plan", roster)
    out = " ".join(plan.stdout.split())
    assert out.count("DP240") == 1 and "Antal børn: 2" in out
    assert "DP205" not in run_cli("validate").stdout  # the children are explained by DP240


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [("020100", "20100.0", True), ("1" * 5000, "0" + "1" * 5000, True), ("٣", "3", False)],
)
def test_ids_compare_as_ids_of_any_length_and_only_in_ascii_digits(
    one: str, other: str, same: bool
) -> None:
    from dagplejecli.domain.values import id_key

    assert (id_key(one) == id_key(other)) is same


# ----------------------------------------- 4. parent columns under headers read or warned


def two_sheets_with_parents(parent_headers: list[str]) -> str:
    write_xlsx(
        Path("roster.xlsx"),
        {
            "Dagplejere": [
                ["Medarbejdernr", "CPR", "Fornavn", "Efternavn", "Adresse", "Postnr", "By", "Team"],
                ["D1", DP1, "Bente", "Lind", "Algade 4", "4000", "Roskilde", "Nord"],
            ],
            "Børn": [
                ["CPR", "Fornavn", "Efternavn", "Dagplejer", *parent_headers],
                [CH1, "Karla", "Lind", "D1", MOR1, "Anja Lind", "Ja", FAR1, "Per Lind", "Ja"],
                [CH2, "Alma", "Lind", "D1", MOR1, "Anja Lind", "Ja", "", "", ""],
            ],
        },
    )
    return "roster.xlsx"


def test_field_before_relation_headers_are_parents(folder: Path) -> None:
    headers = ["CPR mor", "Navn mor", "Myndighed mor", "CPR far", "Navn far", "Myndighed far"]
    roster = two_sheets_with_parents(headers)
    one_area = '[[omraade]]\nnavn = "Dagplejen"\ninstitutionsnummer = "AB1234"\nresten = true\n'
    Path("dagpleje.toml").write_text(BASE_CONFIG + one_area, encoding="utf-8")
    doc = report(roster)
    assert doc["stats"]["kontaktpersoner"] == 2  # type: ignore[index]
    assert codes(doc) == ["DP010", "DP012"]  # both parents, with custody: nothing to say
    exported = run_cli("export", "--target", "unilogin")
    assert exported.exit_code == 0, exported.output
    xml = "".join(p.read_text(encoding="utf-8") for p in Path("eksport").rglob("*.xml"))
    assert "Per" in xml and "Anja" in xml


def test_a_column_of_cpr_numbers_of_people_read_nowhere_is_an_error_without_the_numbers(
    folder: Path,
) -> None:
    """A father under a header no field reads, and read nowhere else: he would be left out of
    Unilogin, so the export stops (DP275) until the column is read or declared of no account."""
    headers = ["Mor CPR", "Mor navn", "Mor myndighed", "Papa", "Papas navn", "Papas myndighed"]
    doc = report(two_sheets_with_parents(headers))
    assert doc["stats"]["kontaktpersoner"] == 1  # type: ignore[index]
    (f,) = [f for f in findings(doc) if f["code"] == "DP275"]
    assert f["severity"] == "fejl"
    assert f["location"]["cell"] == "H1"  # type: ignore[index]
    assert f["message"].startswith(
        "Kolonnen «Papa» på arket «Børn» bruges ikke og har CPR-nummeret på 1 person"
    )
    assert "«Far CPR»" in f["hint"] and "[roster.boern_kolonner]" in f["hint"]
    assert 'ignorer_kolonner = ["Papa"]' in f["hint"]
    assert leaked_cprs(json.dumps(doc)) == []
    shown = run_cli("validate").stdout
    assert "DP275" in shown and leaked_cprs(shown) == []
    assert run_cli("validate").exit_code == 1  # an error: the export is stopped


def _planned_with_parents(fathers: str) -> tuple[str, Path, str]:
    """The roster with a mother's columns and a father's under ``fathers`` (a header no field
    reads, or none), planned: the roster, the configuration and its text."""
    headers = ["Mor CPR", "Mor navn", "Mor myndighed", fathers, "Papas navn", "Papas myndighed"]
    roster = two_sheets_with_parents(headers)
    run_cli("plan", roster)
    config = Path("dagpleje.toml")
    return roster, config, config.read_text("utf-8")


def test_a_column_declared_of_no_account_is_not_said_and_one_the_roster_lacks_is_exit_2(
    folder: Path,
) -> None:
    roster, config, text = _planned_with_parents("Papa")
    config.write_text(text + '\n[roster]\nignorer_kolonner = ["papa"]\n', "utf-8")
    doc = json.loads(run_cli("validate", "--format", "json").stdout)
    assert not {"DP246", "DP275"} & {f["code"] for f in findings(doc)}
    # the plan (a lighter reading), init and the status read by it too
    assert run_cli("plan", roster).exit_code == 0
    assert run_cli("init", roster, "--kommune", "751", "--ja").exit_code == 0
    assert 'ignorer_kolonner = ["papa"]' in config.read_text("utf-8")
    config.write_text(text + '\n[roster]\nignorer_kolonner = ["papa"]\n', "utf-8")
    bare = run_cli()  # the status: where the project stands
    assert bare.exit_code == 0 and "uventet" not in bare.output, bare.output
    config.write_text(text + '\n[roster]\nignorer_kolonner = ["Søskende"]\n', "utf-8")
    missing = run_cli("validate")
    assert missing.exit_code == 2 and "«Søskende»" in missing.stdout + missing.stderr


def test_a_column_of_cpr_numbers_of_people_read_elsewhere_is_a_warning(folder: Path) -> None:
    """A column no field reads whose CPR numbers are all of people read (a mother's again):
    no one is left out, but this row's child may lose the link (DP246, a warning)."""
    headers = ["Mor CPR", "Mor navn", "Mor myndighed", "Mama", "Mamas navn", "Mamas myndighed"]
    write_xlsx(
        Path("roster.xlsx"),
        {
            "Dagplejere": [
                ["Medarbejdernr", "CPR", "Fornavn", "Efternavn", "Team"],
                ["D1", DP1, "Bo", "Lind", "Nord"],
            ],
            "Børn": [
                ["CPR", "Fornavn", "Efternavn", "Dagplejer", *headers],
                [CH1, "Karla", "Lind", "D1", MOR1, "Anja Lind", "Ja", MOR1, "Anja Lind", "Ja"],
            ],
        },
    )
    doc = report("roster.xlsx")
    (f,) = [f for f in findings(doc) if f["code"] == "DP246"]
    assert f["severity"] == "advarsel" and "DP275" not in {g["code"] for g in findings(doc)}


def test_the_error_counts_people_in_the_plural_and_in_english(folder: Path) -> None:
    roster = "roster.xlsx"
    sheets: dict[str, list[list[object]]] = {
        "Dagplejere": [
            ["Medarbejdernr", "CPR", "Fornavn", "Efternavn", "Team"],
            ["D1", DP1, "Bente", "Lind", "Nord"],
        ],
        "Børn": [
            ["CPR", "Fornavn", "Efternavn", "Dagplejer", "Papa"],
            [CH1, "Karla", "Lind", "D1", FAR1],
            [CH2, "Alma", "Lind", "D1", int(MOR1)],  # a CPR number stored as a number
        ],
    }
    write_xlsx(Path(roster), sheets)
    run_cli("plan", roster)
    da = run_cli("validate", "--format", "json").stdout
    assert "har CPR-numrene på 2 personer" in da
    en = run_cli("--lang", "en", "validate", "--format", "json").stdout
    assert "holds the CPR numbers of 2 people" in en and "[roster.boern_kolonner]" in en


def test_plan_shows_a_few_children_without_dagplejer_and_counts_the_rest(folder: Path) -> None:
    rows = rows_with_a_child_without_dagplejer()[:3]
    for n in range(7):
        rows.append(["", "", "", "", "", "", CH3, f"Barn {n}"])
    write_roster(folder, rows, "xlsx")
    plan = run_cli("plan", "roster.xlsx")
    assert "7 af 9 børn er ikke knyttet til deres dagplejer:" in plan.stdout
    assert plan.stdout.count("DP247") == 5 and "… og 2 mere" in plan.stdout


def test_a_column_of_middle_names_is_said_not_dropped(folder: Path) -> None:
    write_xlsx(
        Path("roster.xlsx"),
        {
            "Dagplejere": [
                ["Medarb.nr", "Cpr.nr", "Fornavn", "Mellemnavn", "Efternavn", "Team"],
                ["7001", DP1, "Bente", "Marie", "Lind", "Nord"],
                ["7002", DP2, "Helle", "", "Krag", "Syd"],
            ],
            "Børn": [["CPR", "Navn", "Dagplejer"], [CH1, "Karla Lind", "7001"]],
        },
    )
    Path("dagpleje.toml").write_text(BASE_CONFIG + AREAS_BY_TEAM, encoding="utf-8")
    doc = report("roster.xlsx")
    (f,) = [f for f in findings(doc) if f["code"] == "DP253"]
    assert f["severity"] == "advarsel" and f["location"]["cell"] == "D1"  # type: ignore[index]
    assert (
        "«Mellemnavn» på arket «Dagplejere»" in f["message"] and "1 udfyldt celle" in f["message"]
    )


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("Beskyttelse (navn/adresse)", "DP210"),  # read: protected, and an alias is asked for
        ("Protected address", "DP210"),
        ("Skjult (navn og adr.)", "DP254"),  # not read: said, never exported unprotected
        ("Adressebeskyt.", "DP210"),
        ("Fortrolig adresse", "DP210"),
        ("Hidden address", "DP210"),
        ("Skjult", "DP254"),
        ("Hidden (name+addr)", "DP254"),
        ("Confidential", "DP254"),
    ],
)
def test_a_protection_column_is_read_or_stops_the_export(
    folder: Path, header: str, code: str
) -> None:
    write_xlsx(
        Path("roster.xlsx"),
        {
            "Dagplejere": [
                ["Medarb.nr", "Cpr.nr", "Fornavn", "Efternavn", "Team", header],
                ["7001", DP1, "Lene", "Bak", "Nord", "X"],
                ["7002", DP2, "Helle", "Krag", "Syd", ""],
            ],
            "Børn": [["CPR", "Navn", "Dagplejer"], [CH1, "Theo Bak", "7001"]],
        },
    )
    Path("dagpleje.toml").write_text(BASE_CONFIG + AREAS_BY_TEAM, encoding="utf-8")
    doc = report("roster.xlsx")
    errors = {f["code"] for f in findings(doc) if f["severity"] == "fejl"}
    assert code in errors
    if code == "DP254":
        (f,) = [f for f in findings(doc) if f["code"] == "DP254"]
        assert f'beskyttet = "{header}"' in f["hint"] and "[roster.kolonner]" in f["hint"]
    assert run_cli("export", "--target", "unilogin").exit_code == 1
    assert not Path("eksport/unilogin").exists()


def one_row_per_contact(sofus_elsewhere: bool = False) -> list[list[object]]:
    """A pladsanvisning's contact list: the child's columns repeated on each contact's row."""
    header = [*ONE_SHEET_HEADER, "Kontaktperson CPR", "Kontaktperson navn"]
    header += ["Kontaktperson relation", "Kontaktperson forældremyndighed"]
    karin = ["0301", DP1, "Karin Lund", "Kirketorvet 22", "7100 Vejle", "Nord"]
    susanne = ["0302", DP2, "Susanne Holm", "Vestergade 5", "7100 Vejle", "Syd"]
    rows: list[list[object]] = [
        header,
        [*karin, CH1, "Oscar Berg", MOR1, "Anja Berg", "Mor", "Ja"],
        [*karin, CH1, "Oscar Berg", FAR1, "Per Berg", "Far", "Nej"],
        [*susanne, CH2, "Ida Holm", MOR2, "Tove Holm", "Mor", "Ja"],
        [*susanne, CH2, "Ida Holm", MOR2, "Tove Holm", "Mor", "Ja"],  # the same row twice
        [*susanne, CH3, "Emil Holm", MOR2, "Tove Holm", "Mor", "Ja"],
    ]
    if sofus_elsewhere:  # the same child under another dagplejer: not one child
        rows.append([*karin, CH3, "Emil Holm", FAR1, "Per Berg", "Far", "Ja"])
    return rows


def test_one_row_per_contact_person_is_one_child_with_every_contact(folder: Path) -> None:
    roster = write_roster(folder, one_row_per_contact(), "csv")
    doc = report(roster)
    assert doc["stats"]["boern"] == 3  # type: ignore[index]
    assert not {"DP203", "DP219"} & set(codes(doc))
    (info,) = [f for f in findings(doc) if f["code"] == "DP255"]
    assert info["severity"] == "info" and "2 rækker gentog et barn" in info["message"]
    numbered = AREAS_BY_TEAM.replace('Nord"\n', 'Nord"\ninstitutionsnummer = "AB1234"\n')
    numbered = numbered.replace('Syd"\n', 'Syd"\ninstitutionsnummer = "AB1235"\n')
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + numbered, encoding="utf-8")
    run_cli("plan", roster)
    assert run_cli("export", "--target", "unilogin").exit_code == 0
    xml = (folder / "eksport" / "unilogin" / "AB1234.xml").read_text("utf-8")
    oscar = xml.split(CH1, 1)[1].split("</InstitutionPerson>", 1)[0]
    assert oscar.count("<ContactPerson ") == 2  # Anja and Per, both of Oscar's rows
    assert 'relation="Far" childCustody="false"' in oscar


def test_a_child_repeated_under_another_dagplejer_is_not_merged(folder: Path) -> None:
    roster = write_roster(folder, one_row_per_contact(sofus_elsewhere=True), "csv")
    doc = report(roster)
    assert "DP203" in codes(doc)  # two dagplejere name the child: an error, never a pick


@pytest.mark.parametrize("blank", ["name", "protected"])
def test_rows_that_do_not_write_the_child_alike_are_never_merged(folder: Path, blank: str) -> None:
    """A repeated CPR number on a row without the child's name (a typo, a copied cell), or
    with another protection, is not the same child: no contact of it reaches the child, and
    the export stops (DP203)."""
    rows = one_row_per_contact()
    rows[0] = [*rows[0], "Barn beskyttet"]
    for row in rows[1:]:
        row.append("")
    if blank == "name":
        rows[2][7] = ""  # Oscar's second row: no child name
    else:
        rows[2][-1] = "Ja"  # Oscar protected on his second row only
    roster = write_roster(folder, rows, "csv")
    doc = report(roster)
    assert "DP203" in codes(doc) and "DP255" in codes(doc)  # Ida's rows still merge
    assert run_cli("export", "--target", "unilogin").exit_code == 1


@pytest.mark.parametrize(
    ("header", "values"),
    [
        ("Solbeskyttelse", ["Faktor 50", "Faktor 30"]),  # marks no one: «Faktor 50» is no yes
        ("Beskyttelse (intern)", ["Nej", "Nej"]),  # marks no one
        ("Hemmelighed", ["Ja", ""]),  # a secret, not a hidden name or address
    ],
)
def test_a_column_that_only_seems_like_protection_does_not_stop_the_export(
    folder: Path, header: str, values: list[str]
) -> None:
    write_xlsx(
        Path("roster.xlsx"),
        {
            "Dagplejere": [
                ["Medarb.nr", "Cpr.nr", "Fornavn", "Efternavn", "Team", header],
                ["7001", DP1, "Lene", "Bak", "Nord", values[0]],
                ["7002", DP2, "Helle", "Krag", "Syd", values[1]],
            ],
            "Børn": [["CPR", "Navn", "Dagplejer"], [CH1, "Theo Bak", "7001"]],
        },
    )
    Path("dagpleje.toml").write_text(BASE_CONFIG + AREAS_BY_TEAM, encoding="utf-8")
    assert "DP254" not in codes(report("roster.xlsx"))


def test_protection_on_a_one_sheet_roster_names_the_dagplejeres_table(folder: Path) -> None:
    rows = rows_with_a_child_without_dagplejer()[:3]
    rows[0] = [*rows[0], "Skjult (navn og adr.)"]
    rows[1] = [*rows[1], "X"]
    rows[2] = [*rows[2], ""]
    roster = write_roster(folder, rows, "xlsx")
    (f,) = [f for f in findings(report(roster)) if f["code"] == "DP254"]
    assert "[roster.kolonner]" in f["hint"] and "markerer 1 person" in f["message"]


def test_a_reports_footer_under_the_data_is_no_child(tmp_path: Path) -> None:
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.builders import small_roster, write_xlsx

    # a booking system's report ends with when it was printed and its page, over two cells
    sheets = small_roster()
    sheets["Børn"] += [["Udskrevet:", "07-12-2026", "", "", "", "", "", ""], ["Side 1 af 1"]]
    roster, findings = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), RosterConfig())
    assert len(roster.children) == 3
    (said,) = [f for f in findings if f.code == "DP256"]
    assert said.params["count"] == 2


def test_rows_under_a_subtotal_on_a_sheet_without_cpr_numbers_are_read(tmp_path: Path) -> None:
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.builders import small_roster, write_xlsx

    # the lines under a total are a report's own only where the people above have CPR numbers:
    # here the dagplejere have none, and those under «I alt Nord» are dagplejere
    sheets = small_roster()
    sheets["Dagplejere"] = [
        [cell for i, cell in enumerate(row) if i != 1] for row in sheets["Dagplejere"]
    ]
    sheets["Dagplejere"].insert(3, ["I alt Nord: 2"])
    roster, findings = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), RosterConfig())
    # … and the subtotal among them is no dagplejer: set aside and said
    assert [d.id for d in roster.dagplejere] == ["D1", "D2", "D3"]
    (said,) = [f for f in findings if f.code == "DP256"]
    assert said.params["count"] == 1 and "I alt Nord: 2" in str(said.params["text"])


def test_a_note_among_the_data_is_no_person_but_one_word_or_a_name_is_read(tmp_path: Path) -> None:
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.builders import small_roster, write_xlsx

    sheets = small_roster()
    width = len(sheets["Børn"][0])
    sheets["Børn"].insert(2, ["Bemærk: dagplejer 2 holder ferie uge 52"] + [""] * (width - 1))
    roster, findings = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), RosterConfig())
    assert len(roster.children) == 3
    (said,) = [f for f in findings if f.code == "DP256"]
    assert "ferie uge 52" in str(said.params["text"])
    # a row of one word, or of a name alone, may be a person: read, as before
    first = sheets["Børn"][0].index("Fornavn")
    for lone in ("K7", "Liv Hansen"):
        rows = small_roster()
        cells: list[object] = [""] * width
        cells[first if " " in lone else 0] = lone
        rows["Børn"].insert(2, cells)
        roster, _ = read_roster(write_xlsx(tmp_path / "r.xlsx", rows), RosterConfig())
        assert len(roster.children) == 4, lone


def test_a_row_of_only_a_name_under_a_reference_or_id_column_is_read(tmp_path: Path) -> None:
    """A lone name may be a person wherever a person's name may stand: under «Dagplejer» read
    as the dagplejere's id, under the children's dagplejer column, and a text with a CPR
    number in it (a total with a colon or number is not, nor a note no name is written as:
    the test below)."""
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.builders import small_roster, write_xlsx

    sheets = small_roster()
    width = len(sheets["Dagplejere"][0])
    lone = ["Hanne Sørensen"] + [""] * (width - 1)  # column A: the dagplejere's id
    sheets["Dagplejere"].insert(2, lone)
    child_width = len(sheets["Børn"][0])
    ref = sheets["Børn"][0].index("Dagplejer")
    only_ref: list[object] = [""] * child_width
    only_ref[ref] = "Hanne Sørensen"
    with_cpr: list[object] = [""] * child_width
    with_cpr[child_width - 1] = "Emil Ærø 020375-1236"
    sheets["Børn"][2:2] = [only_ref, with_cpr]  # among the data
    roster, findings = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), RosterConfig())
    assert "Hanne Sørensen" in [d.id for d in roster.dagplejere]
    assert len(roster.children) == 5
    assert "DP256" not in {f.code for f in findings}


def test_a_note_or_total_in_a_column_of_names_is_no_person(tmp_path: Path) -> None:
    """A one-sheet list: «--- Ny gruppe fra januar ---» alone in the dagplejere's id column is
    written as no name or id is (a note), and «I alt» there with «3 børn» under the child's
    name is a total; neither is a dagplejer or a child. A name alone there is still read."""
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.builders import write_xlsx
    from tests.reading.test_layouts import one_sheet_rows

    rows = one_sheet_rows("Barnets CPR")
    width = len(rows[0])
    child_name = rows[0].index("Barnets fulde navn")
    note = ["--- Ny gruppe fra januar ---"] + [""] * (width - 1)
    total: list[object] = ["I alt"] + [""] * (width - 1)
    total[child_name] = f"{len(rows) - 1} børn"
    rows[2:2] = [note]
    rows.append(total)
    roster, findings = read_roster(write_xlsx(tmp_path / "r.xlsx", {"Ark1": rows}), RosterConfig())
    assert "--- Ny gruppe fra januar ---" not in [d.id for d in roster.dagplejere]
    assert "I alt" not in [d.id for d in roster.dagplejere]
    assert not [c for c in roster.children if "børn" in c.name]
    (said,) = [f for f in findings if f.code == "DP256"]
    assert said.params["count"] == 2


def test_under_the_data_a_lone_name_is_read_and_a_dated_line_is_not(tmp_path: Path) -> None:
    """The last row: «Karen Holm» alone under the dagplejere's id may be a dagplejer (read);
    «Udskrevet 07-12-2026» there is the report's own line (set aside, DP256)."""
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.builders import small_roster, write_xlsx

    sheets = small_roster()
    width = len(sheets["Dagplejere"][0])
    sheets["Dagplejere"].append(["Karen Holm"] + [""] * (width - 1))
    roster, findings = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), RosterConfig())
    assert [d.id for d in roster.dagplejere][-1] == "Karen Holm"
    assert "DP256" not in {f.code for f in findings}
    sheets["Dagplejere"][-1] = ["Udskrevet 07-12-2026"] + [""] * (width - 1)
    roster, findings = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), RosterConfig())
    assert [d.id for d in roster.dagplejere][-1] == "D3"
    assert "DP256" in {f.code for f in findings}


@pytest.mark.parametrize("lone", ["Noah Jensen – venter på CPR", "Sean O´Hara"])
def test_a_child_written_by_name_alone_is_read_however_odd_its_letters(
    tmp_path: Path, lone: str
) -> None:
    # a name alone under the child's name may be a child: read (and its missing CPR said),
    # never set aside as a note for a mark a name may hold
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.builders import small_roster, write_xlsx

    sheets = small_roster()
    width = len(sheets["Børn"][0])
    cells: list[object] = [""] * width
    cells[sheets["Børn"][0].index("Fornavn")] = lone
    sheets["Børn"].insert(2, cells)
    roster, _ = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), RosterConfig())
    assert len(roster.children) == 4


def test_a_footer_word_as_a_name_beside_an_id_is_a_person(tmp_path: Path) -> None:
    # «Sum | Li | D1»: a first name «Sum», and «D1» is no count: a child, not a total
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.builders import small_roster, write_xlsx

    sheets = small_roster()
    header = sheets["Børn"][0]
    row: list[object] = [""] * len(header)
    row[header.index("Fornavn")], row[header.index("Efternavn")] = "Sum", "Li"
    row[header.index("Dagplejer")] = "D1"
    sheets["Børn"].insert(2, row)
    roster, _ = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), RosterConfig())
    assert "Sum Li" in [c.name for c in roster.children]


def test_a_subtotal_in_two_cells_is_no_child(tmp_path: Path) -> None:
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.builders import small_roster, write_xlsx

    sheets = small_roster()
    header = sheets["Børn"][0]
    row: list[object] = [""] * len(header)
    row[header.index("Fornavn")], row[header.index("Efternavn")] = "Antal børn", 2
    sheets["Børn"].insert(3, row)
    roster, findings = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), RosterConfig())
    assert len(roster.children) == 3 and "DP256" in {f.code for f in findings}


def test_ignorer_kolonner_takes_a_headerless_columns_letter_and_refuses_a_read_column(
    folder: Path,
) -> None:
    _, config, text = _planned_with_parents("")
    doc = json.loads(run_cli("validate", "--format", "json").stdout)
    (said,) = [f for f in findings(doc) if f["code"] == "DP275"]
    assert said["params"]["column"] == "H"  # type: ignore[index]
    config.write_text(text + '\n[roster]\nignorer_kolonner = ["H"]\n', "utf-8")
    doc = json.loads(run_cli("validate", "--format", "json").stdout)
    assert "DP275" not in {f["code"] for f in findings(doc)}
    config.write_text(text + '\n[roster]\nignorer_kolonner = ["Mor CPR"]\n', "utf-8")
    read = run_cli("validate")
    assert read.exit_code == 2 and "«Mor CPR», men den læses" in read.stdout + read.stderr


def test_a_reference_the_roster_cannot_change_is_said_in_the_configuration(folder: Path) -> None:
    # «Anne J.» (a sheet's name, say) names no dagplejer by id or name: DP205 says how to say
    # who she is, [roster.henvisninger] says it, and an id no dagplejer has is exit 2
    write_xlsx(
        Path("roster.xlsx"),
        {
            "Dagplejere": [
                ["Medarbejdernr", "CPR", "Fornavn", "Efternavn", "Team"],
                ["7001", DP1, "Anne", "Jensen", "Nord"],
            ],
            "Børn": [
                ["CPR", "Fornavn", "Efternavn", "Dagplejer"],
                [CH1, "Karla", "Lind", "Anne J."],
            ],
        },
    )
    run_cli("plan", "roster.xlsx")
    doc = json.loads(run_cli("validate", "--format", "json").stdout)
    (unlinked,) = [f for f in findings(doc) if f["code"] == "DP205"]
    assert '[roster.henvisninger] "Anne J." = ' in unlinked["hint"]
    config = Path("dagpleje.toml")
    text = config.read_text("utf-8")
    config.write_text(text + '\n[roster.henvisninger]\n"anne  j." = "7001"\n', "utf-8")
    planned = run_cli("plan", "roster.xlsx")
    assert "Barnet er knyttet til sin dagplejer." in planned.stdout, planned.stdout
    # init keeps the decision when it writes the configuration anew
    assert run_cli("init", "roster.xlsx", "--kommune", "751", "--ja").exit_code == 0
    assert '[roster.henvisninger]\n"anne  j." = "7001"' in config.read_text("utf-8")
    config.write_text(text + '\n[roster.henvisninger]\n"Anne J." = "7009"\n', "utf-8")
    wrong = run_cli("plan", "roster.xlsx")
    assert wrong.exit_code == 2 and "«7009»" in wrong.stdout + wrong.stderr
