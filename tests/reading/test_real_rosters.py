"""Rosters shaped like real payroll and pladsanvisning exports, read through the command line.

Title rows above the header, ``Medarb. nr.``, ``Personnummer`` stored as a number (so a
leading zero is gone), ``Efternavn, Fornavn`` in one column and ``Postnr./by`` in one column;
written as xlsx and as a semicolon CSV from Danish Excel (cp1252). All CPR numbers are the
synthetic ones of builders.py.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

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
    no_traceback,
    run_cli,
    write_xlsx,
)

AREAS_BY_DISTRICT = """
[[omraade]]
navn = "Dagplejen Nord"
hvor = { Distrikt = ["Nord"] }

[[omraade]]
navn = "Dagplejen Syd"
hvor = { Distrikt = ["Syd"] }
"""


def payroll_roster(
    id_header: str = "Medarb. nr.",
    postnr_header: str = "Postnr./by",
    ids: tuple[object, object, object] = (20100, 20101, 20102),
    refs: tuple[object, object, object] = (20100, 20101, 20102),
    address_header: str = "Adresse",
) -> dict[str, list[list[object]]]:
    """A two-sheet roster as a payroll system writes it (CPR numbers as numbers)."""
    return {
        "Dagplejere": [
            ["Odense Kommune - Dagplejen"],
            ["Udtræk 01.11.2026"],
            [],
            [
                id_header,
                "Personnummer",
                "Efternavn, Fornavn",
                address_header,
                postnr_header,
                "Distrikt",
            ],
            [ids[0], int(DP1), "Jensen, Anne", "Søndergade 1", "5000 Odense C", "Nord"],
            [ids[1], int(DP2), "Ærø, Bo", "Vestergade 2", "5200 Odense V", "Nord"],
            [ids[2], int(DP3), "Østergaard, Åse", "Nørregade 3", "5250 Odense SV", "Syd"],
        ],
        "Børn": [
            ["Indskrevne børn"],
            [],
            ["Personnummer", "Navn", "Dagplejer nr.", "Mor CPR", "Mor navn"],
            [int(CH1), "Liv Jensen", refs[0], int(MOR1), "Mette Jensen"],
            [int(CH2), "Emil Ærø", refs[1], "", ""],
            [int(CH3), "Ida Østergaard", refs[2], "", ""],
        ],
    }


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + AREAS_BY_DISTRICT, encoding="utf-8")
    return tmp_path


# ------------------------------------------------------------------------------- linking


def test_ids_as_text_with_zeros_and_as_numbers_are_one_id(folder: Path) -> None:
    sheets = payroll_roster(ids=("020100", "020101", "020102"), refs=(20100, 20101.0, "20102"))
    write_xlsx(folder / "roster.xlsx", sheets)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 0, result.output
    assert "Alle 3 børn er knyttet til deres dagplejer." in result.stdout


def test_ods_links_like_xlsx(folder: Path) -> None:
    from tests.builders import write_ods

    write_ods(folder / "roster.ods", payroll_roster(refs=(20100.0, 20101, 20102)))
    result = run_cli("plan", "roster.ods")
    assert result.exit_code == 0, result.output
    assert "Alle 3 børn er knyttet til deres dagplejer." in result.stdout


def test_unmapped_id_column_is_one_finding_with_the_fix(folder: Path) -> None:
    write_xlsx(folder / "roster.xlsx", payroll_roster(id_header="Nøgle"))
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 1, result.output
    out = " ".join(result.stdout.split())
    assert "Ingen af de 3 børn er knyttet til deres dagplejer:" in out
    assert "DP241" in out and "«Nøgle»" in out and '[roster.kolonner] id = "Nøgle"' in out
    validate = run_cli("validate")
    assert validate.exit_code == 1
    assert "DP241" in validate.stdout and "DP205" not in validate.stdout


def test_one_unlinked_child_is_its_own_finding_and_exit_1(folder: Path) -> None:
    write_xlsx(folder / "roster.xlsx", payroll_roster(refs=(20100, 20101, 29999)))
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 1, result.output
    assert "1 af 3 børn er ikke knyttet til sin dagplejer:" in result.stdout
    assert "DP241" not in result.stdout
    validate = run_cli("validate")
    assert "DP205" in validate.stdout and "DP241" not in validate.stdout


def test_init_finds_the_id_column_by_the_childrens_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_xlsx(tmp_path / "roster.xlsx", payroll_roster(id_header="Nøgle"))
    result = run_cli("init", "roster.xlsx", "--kommune", "461")
    assert result.exit_code == 0, result.output
    config = tomllib.loads((tmp_path / "dagpleje.toml").read_text("utf-8"))
    assert config["roster"]["kolonner"]["id"] == "Nøgle"  # beside the columns read
    # and said so: the column is the dagplejere's id, not among those not recognised
    out = " ".join(result.stdout.split())
    assert "id=Nøgle" in out
    unread = [line for line in result.stdout.splitlines() if "ikke genkendt" in line]
    assert all("Nøgle" not in line for line in unread), unread
    plan = run_cli("plan", "roster.xlsx")
    assert plan.exit_code == 0, plan.output
    assert "Alle 3 børn er knyttet" in plan.stdout


def test_a_name_two_dagplejere_share_links_no_child(folder: Path) -> None:
    sheets = payroll_roster(refs=("Bo Ærø", 20100, 20102))
    sheets["Dagplejere"][4][2] = "Ærø, Bo"  # two dagplejere named Bo Ærø
    write_xlsx(folder / "roster.xlsx", sheets)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 1, result.output
    out = " ".join(result.stdout.split())
    assert "DP240" in out and "«20100» og «20101»" in out
    # a unique name still links
    sheets = payroll_roster(refs=("Bo Ærø", 20100, 20102))
    write_xlsx(folder / "roster.xlsx", sheets)
    unique = run_cli("plan", "roster.xlsx")
    assert unique.exit_code == 0, unique.output
    assert "DP243" in unique.stdout and "Alle 3 børn er knyttet" in unique.stdout  # but fragile
    assert no_traceback(result)


def test_linking_in_english(folder: Path) -> None:
    write_xlsx(folder / "roster.xlsx", payroll_roster(id_header="Nøgle"))
    result = run_cli("--lang", "en", "plan", "roster.xlsx")
    assert result.exit_code == 1
    out = " ".join(result.stdout.split())
    assert (
        "None of the 3 children are linked" in out
        and "matches the dagplejere's column «Nøgle»" in out
    )
    assert not re.search(r"\bbørn\b", out)


# ------------------------------------------------------------------------------- headers


def test_a_name_column_that_says_its_order_in_brackets_is_the_name(folder: Path) -> None:
    sheets = payroll_roster()
    sheets["Dagplejere"][3][2] = "Navn (efternavn, fornavn)"
    write_xlsx(folder / "roster.xlsx", sheets)
    out = validate_text(folder)
    assert "DP244" not in out and "DP212" not in out


@pytest.mark.parametrize(
    "id_header",
    ["Medarb. nr.", "Medarb.nr", "MA-nr", "Tjenestenummer", "Medarbejder-nr.", "Lønnummer"],
)
@pytest.mark.parametrize(
    "postnr_header", ["Postnr./by", "Postnr/By", "Post nr. / by", "Postnummer og by"]
)
def test_payroll_headers_are_recognised(folder: Path, id_header: str, postnr_header: str) -> None:
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster

    write_xlsx(folder / "roster.xlsx", payroll_roster(id_header, postnr_header))
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 0, result.output
    assert "Alle 3 børn er knyttet til deres dagplejer." in result.stdout
    roster, _ = read_roster(folder / "roster.xlsx", RosterConfig(), light=True)
    first = roster.dagplejere[0]
    assert (first.id, first.first_name, first.last_name) == ("20100", "Anne", "Jensen")
    assert (first.address.street, first.address.postnr, first.address.city) == (
        "Søndergade",
        "5000",
        "Odense C",
    )


# ------------------------------------------------------------------------------ CSV and xlsx


def one_sheet_rows(as_text: bool) -> list[list[object]]:
    """A one-sheet payroll export; CPR numbers as numbers, or as the text Danish Excel writes
    for them in a CSV (a leading zero gone: nine digits)."""

    def number(cpr: str) -> object:
        return str(int(cpr)) if as_text else int(cpr)

    return [
        ["Dagplejen - børn pr. dagplejer"],
        [],
        [
            "Dagplejer medarb. nr.",
            "Dagplejer personnummer",
            "Dagplejer efternavn, fornavn",
            "Adresse",
            "Postnr./by",
            "Distrikt",
            "Barn personnummer",
            "Barn navn",
        ],
        [
            20100,
            number(DP1),
            "Jensen, Anne",
            "Søndergade 1",
            "5000 Odense C",
            "Nord",
            number(CH1),
            "Liv Jensen",
        ],
        [
            20101,
            number(DP2),
            "Ærø, Bo",
            "Vestergade 2",
            "5200 Odense V",
            "Nord",
            number(CH2),
            "Emil Ærø",
        ],
        [
            20102,
            number(DP3),
            "Østergaard, Åse",
            "Nørregade 3",
            "5250 Odense SV",
            "Syd",
            number(CH3),
            "Ida Østergaard",
        ],
    ]


def codes_of(folder: Path, roster: str) -> tuple[list[str], str]:
    import json

    assert run_cli("plan", roster).exit_code == 0
    result = run_cli("validate", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    return sorted(f["code"] for f in findings if f["code"] in ("DP201", "DP202")), result.stdout


def test_nine_digit_cpr_in_csv_is_restored_like_a_number_in_xlsx(folder: Path) -> None:
    from tests.builders import leaked_cprs, write_csv

    write_xlsx(folder / "roster.xlsx", {"Ark1": one_sheet_rows(as_text=False)})
    write_csv(folder / "roster.csv", one_sheet_rows(as_text=True))
    from_xlsx, _ = codes_of(folder, "roster.xlsx")
    from_csv, text = codes_of(folder, "roster.csv")
    assert from_csv == from_xlsx and "DP201" not in from_csv
    assert from_csv.count("DP202") == sum(c.startswith("0") for c in (DP1, DP2, DP3, CH1, CH2, CH3))
    assert f"{DP1[:6]}-xxxx" in text and leaked_cprs(text) == []
    shown = run_cli("validate").stdout  # a CSV's cell names the file once
    assert "roster.csv!B4" in shown and "roster.csv, roster.csv" not in shown


def test_masking_never_shows_digits_that_are_not_the_cprs() -> None:
    from dagplejecli.domain.identifiers import mask_cpr

    assert mask_cpr(str(int(DP1))) == "xxxxxx-xxxx"  # nine digits: the first six are not DP1's
    assert mask_cpr(DP1 + "7") == "xxxxxx-xxxx"
    assert mask_cpr(f"{DP1[:6]}-{DP1[6:]}") == f"{DP1[:6]}-xxxx"


# ---------------------------------------------------------------- nothing dropped in silence


def validate_text(folder: Path) -> str:
    """Every finding as ``CODE message``, one a line (the JSON report: no table wrapping)."""
    import json

    run_cli("plan", "roster.xlsx")
    report = json.loads(run_cli("validate", "--format", "json").stdout)
    return "\n".join(f"{f['code']} {f['message']}" for f in report["findings"])


def test_unrecognised_address_columns_are_a_finding_naming_the_column(folder: Path) -> None:
    sheets = payroll_roster(address_header="Adr. linje 1", postnr_header="Sted")
    write_xlsx(folder / "roster.xlsx", sheets)
    out = validate_text(folder)
    assert "DP242" in out and "3 af 3 dagplejere skrives uden adresse" in out
    assert "«Adr. linje 1» ligner en adresse" in out
    # one dagplejer without a street: counted, with who
    sheets = payroll_roster()
    sheets["Dagplejere"][5][3] = ""
    write_xlsx(folder / "roster.xlsx", sheets)
    out = validate_text(folder)
    assert "1 af 3 dagplejere skrives uden adresse" in out and "Bo Ærø" in out


def test_a_sheet_without_a_recognised_name_column_is_one_finding_with_the_fix(
    folder: Path,
) -> None:
    sheets = payroll_roster()
    sheets["Dagplejere"][3][2] = "Medarbejder"  # the names' column, under a header not known
    sheets["Børn"][2][1] = "Barnet"
    write_xlsx(folder / "roster.xlsx", sheets)
    out = validate_text(folder)
    assert out.count("DP244") == 2 and "DP212" not in out  # one per sheet, not one per row
    assert "arket «Dagplejere» blev læst som navn" in out and "«Medarbejder»" in out
    assert "arket «Børn» blev læst som navn" in out and "«Barnet»" in out
    assert "«Distrikt»" not in out  # a column the areas' rules use is no name
    text = " ".join(run_cli("validate").stdout.replace("│", " ").split())  # the table, unwrapped
    assert "angiv den under [roster.kolonner]" in text
    assert "angiv den under [roster.boern_kolonner]" in text
    # the one-line fix the finding names
    config = folder / "dagpleje.toml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + '\n[roster.kolonner]\nnavn = "Medarbejder"\n'
        + '\n[roster.boern_kolonner]\nnavn = "Barnet"\n',
        encoding="utf-8",
    )
    out = validate_text(folder)
    assert "DP244" not in out and "DP212" not in out
    # a first-name column alone: one finding saying the last name's column is missing
    sheets = payroll_roster()
    sheets["Børn"][2][1] = "Fornavn"
    write_xlsx(folder / "roster.xlsx", sheets)
    config.write_text(BASE_CONFIG + AREAS_BY_DISTRICT, encoding="utf-8")
    out = validate_text(folder)
    assert out.count("DP244") == 1 and "DP212" not in out
    assert "ingen blev læst som efternavn, så alle rækker mangler efternavn" in out
    # a name missing on one row is still that row's own finding
    sheets = payroll_roster()
    sheets["Dagplejere"][5][2] = ""
    write_xlsx(folder / "roster.xlsx", sheets)
    config.write_text(BASE_CONFIG + AREAS_BY_DISTRICT, encoding="utf-8")
    out = validate_text(folder)
    assert "DP244" not in out and out.count("DP212") == 1


def test_unrecognised_id_column_is_named(folder: Path) -> None:
    sheets = payroll_roster(id_header="Løbe-nr")
    for row in sheets["Børn"][3:]:
        row[2] = ""
    write_xlsx(folder / "roster.xlsx", sheets)
    out = validate_text(folder)
    assert "DP217" in out and "«Løbe-nr» ligner et id" in out


def test_mistyped_id_in_an_areas_list(folder: Path) -> None:
    write_xlsx(folder / "roster.xlsx", payroll_roster())
    areas = AREAS_BY_DISTRICT.replace(
        'hvor = { Distrikt = ["Syd"] }', 'dagplejere = ["020102", "20999"]'
    )
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + areas, encoding="utf-8")
    out = validate_text(folder)
    assert "DP122" in out and "«20999»" in out and "(1)" in out
    plan = run_cli("plan", "roster.xlsx")
    assert plan.exit_code == 0, plan.output  # "020102" is 20102: listed, so in Syd


def test_one_sheet_list_of_dagplejere_with_a_dagplejer_nr_column(folder: Path) -> None:
    rows = payroll_roster(id_header="Dagplejer nr")["Dagplejere"]
    write_xlsx(folder / "roster.xlsx", {"Ark1": rows})
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 0, result.output
    assert "│ I alt          │          3 │    0 │" in result.stdout


# ----------------------------------------------------------------------------- right advice


def test_init_says_which_table_maps_a_column_of_each_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    sheets = payroll_roster()
    sheets["Børn"][2][0] = "Barn pnr"
    write_xlsx(tmp_path / "roster.xlsx", sheets)
    result = run_cli("init", "roster.xlsx", "--kommune", "461")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    child_line = next(line for line in lines if "Barn pnr" in line)
    assert "[roster.boern_kolonner]" in child_line
    dagplejer_line = next(line for line in lines if "Distrikt" in line and "genkendt" in line)
    assert "[roster.kolonner]" in dagplejer_line


def test_a_child_column_mapped_in_the_dagplejer_table_says_where_it_belongs(folder: Path) -> None:
    sheets = payroll_roster()
    sheets["Børn"][2][0] = "Barn pnr"
    write_xlsx(folder / "roster.xlsx", sheets)
    with (folder / "dagpleje.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[roster.kolonner]\ncpr = "Barn pnr"\n')
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2 and no_traceback(result)
    err = " ".join(result.stderr.split())
    assert "Kolonnen «Barn pnr» fra [roster.kolonner] cpr findes ikke" in err
    assert "[roster.boern_kolonner]" in err
    with (folder / "dagpleje.toml").open("w", encoding="utf-8") as fh:
        fh.write(BASE_CONFIG + AREAS_BY_DISTRICT + '\n[roster.boern_kolonner]\ncpr = "Barn pnr"\n')
    fixed = run_cli("plan", "roster.xlsx")
    assert fixed.exit_code == 0, fixed.output


# ------------------------------------------------------------------ paths follow the config


def test_plan_and_export_live_beside_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "dagpleje"
    elsewhere = tmp_path / "andet"
    project.mkdir()
    elsewhere.mkdir()
    sheets = payroll_roster()
    sheets["Børn"][4][3:5] = [int(FAR1), "Ole Ærø"]
    sheets["Børn"][5][3:5] = [int(MOR2), "Sara Østergaard"]
    write_xlsx(project / "roster.xlsx", sheets)
    config = (
        BASE_CONFIG
        + '[roster]\ntom_myndighed = "forældre"\n'
        + AREAS_BY_DISTRICT.replace(
            'navn = "Dagplejen Nord"', 'navn = "Dagplejen Nord"\ninstitutionsnummer = "AB1234"'
        ).replace('navn = "Dagplejen Syd"', 'navn = "Dagplejen Syd"\ninstitutionsnummer = "AB1235"')
    )
    (project / "dagpleje.toml").write_text(config, encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    toml = str(project / "dagpleje.toml")
    assert run_cli("plan", str(project / "roster.xlsx"), "--config", toml).exit_code == 0
    assert (project / "dagpleje-plan.xlsx").is_file()
    assert run_cli("validate", "--config", toml).exit_code == 0
    first = run_cli(
        "export", "-t", "unilogin", "-c", toml, "--source-datetime", "2026-11-27T08:00:00+01:00"
    )
    assert first.exit_code == 0, first.output
    assert (project / "eksport" / "unilogin").is_dir()
    assert "Første Unilogin-eksport" in first.stdout
    # run from the project folder, the same export is the earlier one
    monkeypatch.chdir(project)
    again = run_cli(
        "export", "-t", "unilogin", "--dry-run", "--source-datetime", "2026-11-27T09:00:00+01:00"
    )
    assert again.exit_code == 0, again.output
    assert "Første Unilogin-eksport" not in again.stdout
    assert sorted(p.name for p in elsewhere.iterdir()) == []
    # an explicit --out and --plan still win
    monkeypatch.chdir(elsewhere)
    assert (
        run_cli("plan", str(project / "roster.xlsx"), "-c", toml, "--out", "p.xlsx").exit_code == 0
    )
    assert (elsewhere / "p.xlsx").is_file()
    out = run_cli("export", "-t", "unilogin", "-c", toml, "--plan", "p.xlsx", "--out", "ud")
    assert out.exit_code == 0, out.output
    assert (elsewhere / "ud" / "unilogin").is_dir()


def test_a_one_sheet_roster_without_ids_is_not_a_fragile_name_link(folder: Path) -> None:
    rows = [row[1:] for row in one_sheet_rows(as_text=False)]
    rows[3][0] = ""  # no id, no CPR: this row's dagplejer is known by name only
    write_xlsx(folder / "roster.xlsx", {"Ark1": rows})
    run_cli("plan", "roster.xlsx")
    out = run_cli("validate").stdout
    assert "DP213" in out and "DP243" not in out  # the missing CPR, not a fragile link
