"""Roster shapes through the command line, as a user meets them: a booking system's long-form
pladsliste with the HR list as a second file, an address in one cell, one file or sheet given
twice, and ``init`` where a configuration already exists."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

from tests.builders import no_traceback, run_cli
from tests.roster_cases import generated


def fill_in(path: Path, relations: str = "") -> None:
    """The placeholders filled in as a user would, and the decisions the tool asked for."""
    text = path.read_text("utf-8")
    text = re.sub(r'(?m)^lovgrundlag = "UDFYLD.*$', "lovgrundlag = 12", text)
    text = re.sub(r'(?m)^pnummer = "UDFYLD.*$', 'pnummer = "1003386512"', text)
    text = re.sub(r'(?m)^adresse = "UDFYLD.*$', 'adresse = "Boulevarden 13, 9000 Aalborg"', text)
    path.write_text(text + relations, "utf-8")


VAERGE = '\n[roster.relationer]\n"Værge" = "Officielt tilknyttet person"\n'


def errors(folder: Path) -> list[str]:
    doc = json.loads(run_cli("validate", "--format", "json").stdout)
    return sorted({f["code"] for f in doc["findings"] if f["severity"] == "fejl"})


def test_pladsliste_and_hr_list_as_two_csv_files_from_init_to_export(folder: Path) -> None:
    """The roster unchanged: init reads both files, the only decision asked is what «Værge»
    is in Unilogin; then nothing but the registers' numbers stands before the export."""
    generated.shape_csv(folder, 7)
    files = ["pladsliste.csv", "dagplejere.csv"]
    known = json.loads((folder / "pladsliste-csv.expected.json").read_text("utf-8"))
    init = run_cli("init", *files, "--kommune", "851")
    assert init.exit_code == 0 and no_traceback(init), init.output
    counts = f"{known['dagplejere']} dagplejere, {known['children']} børn"
    assert counts in " ".join(init.stdout.split())
    assert "dagpleje plan pladsliste.csv dagplejere.csv" in " ".join(init.stdout.split())
    fill_in(folder / "dagpleje.toml", VAERGE)
    assert run_cli("plan", *files).exit_code == 0
    assert errors(folder) == []
    # the plan records both files: a change to the HR list makes it stale
    hr = folder / "dagplejere.csv"
    hr.write_bytes(hr.read_bytes() + b"\r\n")
    stale = run_cli("validate")
    assert stale.exit_code == 1 and "DP301" in stale.stdout
    assert "dagpleje plan pladsliste.csv dagplejere.csv" in " ".join(stale.stdout.split())


def test_pladsliste_workbook_read_without_an_edit(folder: Path) -> None:
    """Title block, autofilter, a totals row, a hidden lookup sheet, «Dagplejer Navn (id)», one
    row per child and contact person: read as it is."""
    generated.shape_pladsliste(folder, 5)
    known = json.loads((folder / "pladsliste.expected.json").read_text("utf-8"))
    init = run_cli("init", "pladsliste.xlsx", "--kommune", "851")
    assert init.exit_code == 0 and no_traceback(init), init.output
    config = tomllib.loads((folder / "dagpleje.toml").read_text("utf-8"))
    assert config["roster"]["lang_form"] is True
    assert config["roster"]["kontakt_kolonner"]["relation"] == "Relation"
    fill_in(folder / "dagpleje.toml", VAERGE)
    plan = run_cli("plan", "pladsliste.xlsx")
    assert plan.exit_code == 0, plan.output
    assert "DP256" in plan.stdout  # the totals row set aside, said
    quiet = run_cli("plan", "pladsliste.xlsx", "--quiet")
    assert quiet.exit_code == 0 and "DP256" not in quiet.stdout  # a note: not with --quiet
    doc = json.loads(run_cli("validate", "--format", "json").stdout)
    assert doc["stats"]["boern"] == known["children"]
    assert {f["code"] for f in doc["findings"] if f["severity"] == "fejl"} == set()
    said = {f["code"] for f in doc["findings"]}
    assert {"DP255", "DP256", "DP257"} <= said  # rows merged, totals row, hidden sheet: said


def test_an_address_in_one_cell_gives_the_postnummer_to_the_areas(folder: Path) -> None:
    generated.shape_csv(folder, 3)
    files = ["pladsliste.csv", "dagplejere.csv"]
    init = run_cli("init", *files, "--kommune", "851", "--omraader", "2")
    assert init.exit_code == 0 and no_traceback(init), init.output
    config = tomllib.loads((folder / "dagpleje.toml").read_text("utf-8"))
    assert all("Postnr" in area["hvor"] for area in config["omraade"])
    fill_in(folder / "dagpleje.toml", VAERGE)
    plan = run_cli("plan", *files)
    assert plan.exit_code == 0, plan.output  # every dagplejer has an area


def test_init_where_a_configuration_exists_reads_by_it_and_keeps_it(folder: Path) -> None:
    """A second init reads the roster with the configuration's [roster] (not from scratch)
    and changes nothing unless --ja; with --ja the decisions made there are kept."""
    generated.shape_pladsliste(folder, 5)
    assert run_cli("init", "pladsliste.xlsx", "--kommune", "851").exit_code == 0
    config = folder / "dagpleje.toml"
    fill_in(config, VAERGE)
    text = config.read_text("utf-8").replace("[roster]\n", '[roster]\ntom_myndighed = "nej"\n', 1)
    config.write_text(text, "utf-8")
    again = run_cli("init", "pladsliste.xlsx", "--omraader", "2")
    assert again.exit_code == 0 and no_traceback(again), again.output
    assert "er ikke ændret" in again.stdout and "Forslag" in again.stdout
    assert config.read_text("utf-8") == text
    replaced = run_cli("init", "pladsliste.xlsx", "--kommune", "851", "--ja")
    assert replaced.exit_code == 0, replaced.output
    kept = tomllib.loads(config.read_text("utf-8"))["roster"]
    assert kept["tom_myndighed"] == "nej"
    assert kept["relationer"] == {"Værge": "Officielt tilknyttet person"}


def test_init_ja_replaces_a_configuration_whose_sheets_are_gone(folder: Path) -> None:
    """--ja where the configuration names a sheet the new roster does not have: read from
    scratch, the municipality's decisions kept."""
    from tests.builders import small_roster, write_xlsx

    write_xlsx(folder / "roster.xlsx", small_roster())
    assert run_cli("init", "roster.xlsx", "--kommune", "751").exit_code == 0
    config = folder / "dagpleje.toml"
    config.write_text(
        config.read_text("utf-8").replace("[roster]\n", '[roster]\ntom_myndighed = "nej"\n', 1)
        + '\n[roster.status]\n"Afmeldt" = "ikke_i_pleje"\n',
        "utf-8",
    )
    sheets = small_roster()
    sheets["Indskrevne"] = sheets.pop("Børn")
    write_xlsx(folder / "ny.xlsx", sheets)
    kept = run_cli("init", "ny.xlsx")
    assert kept.exit_code == 2 and "Børn" in kept.stderr and no_traceback(kept)
    replaced = run_cli("init", "ny.xlsx", "--kommune", "751", "--ja")
    assert replaced.exit_code == 0 and no_traceback(replaced), replaced.output
    roster = tomllib.loads(config.read_text("utf-8"))["roster"]
    assert roster["boern_ark"] == "Indskrevne"
    assert roster["tom_myndighed"] == "nej"
    assert roster["status"] == {"Afmeldt": "ikke_i_pleje"}


def test_one_file_given_twice_and_files_of_one_name(folder: Path) -> None:
    from tests.builders import small_roster, write_csv

    roster = small_roster()
    (folder / "nord").mkdir()
    (folder / "syd").mkdir()
    write_csv(folder / "nord" / "liste.csv", roster["Dagplejere"])
    write_csv(folder / "syd" / "liste.csv", roster["Børn"])
    twice = run_cli("init", "nord/liste.csv", "./nord/liste.csv")
    assert twice.exit_code == 2 and "to gange" in twice.stderr and no_traceback(twice)
    both = run_cli("init", "nord/liste.csv", "syd/liste.csv", "--kommune", "751")
    assert both.exit_code == 0 and no_traceback(both), both.output
    config = tomllib.loads((folder / "dagpleje.toml").read_text("utf-8"))["roster"]
    assert (config["ark"], config["boern_ark"]) == (
        "liste.csv (nord/liste.csv)",
        "liste.csv (syd/liste.csv)",
    )
    fill_in(folder / "dagpleje.toml")
    assert run_cli("plan", "nord/liste.csv", "syd/liste.csv").exit_code == 0
    validate = run_cli("validate")  # read back by the plan's paths: the same sheet names
    assert validate.exit_code in (0, 1) and "DP301" not in validate.stdout, validate.output


def test_one_sheet_given_two_roles_is_refused(folder: Path) -> None:
    from tests.builders import BASE_CONFIG, small_roster, write_xlsx

    write_xlsx(folder / "roster.xlsx", small_roster())
    (folder / "dagpleje.toml").write_text(
        BASE_CONFIG + '\n[roster]\nark = "Børn"\nboern_ark = "Børn"\n', encoding="utf-8"
    )
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2 and no_traceback(result)
    assert "både som [roster] ark og boern_ark" in " ".join(result.stderr.split())


def test_the_tools_own_plan_given_as_a_roster_is_refused(project: Path) -> None:
    # «dagpleje init *.xlsx» in a folder where a plan lies: its sheets are never a roster
    assert run_cli("plan", "roster.xlsx").exit_code in (0, 1)
    shutil.copy(project / "dagpleje-plan.xlsx", project / "sidste-plan.xlsx")
    result = run_cli("plan", "roster.xlsx", "sidste-plan.xlsx")
    assert result.exit_code == 2 and no_traceback(result)
    assert "dagplejes egen plan" in result.stderr and "sidste-plan.xlsx" in result.stderr


def test_a_long_forms_protection_column_named_for_both_protects_both(tmp_path: Path) -> None:
    """One «Beskyttet adresse» on each row of the long form: named under both
    [roster.boern_kolonner] and [roster.kontakt_kolonner] it protects the child and the row's
    contact (the second mapping took it from the child, who was exported with her name);
    named for the contacts alone, it is theirs (the configuration says whose a column is)."""
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.builders import CH1, CH2, FAR1, MOR1, MOR2, small_roster, write_csv, write_xlsx

    header = ["Barnets CPR", "Barnets navn", "Dagplejer", "Kontaktperson", "Kontaktperson CPR"]
    rows = [
        [*header, "Relation", "Forældremyndighed", "Beskyttet adresse"],
        [CH1, "Liv Jensen", "D1", "Mette Jensen", MOR1, "Mor", "Ja", "Ja"],
        [CH1, "Liv Jensen", "D1", "Ole Jensen", FAR1, "Far", "Ja", "Ja"],
        [CH2, "Emil Ærø", "D2", "Sara Ærø", MOR2, "Mor", "Ja", ""],
    ]
    children = write_csv(tmp_path / "boern.csv", rows)
    staff = write_xlsx(tmp_path / "dagplejere.xlsx", {"Dagplejere": small_roster()["Dagplejere"]})
    both = {"beskyttet": "Beskyttet adresse"}
    for settings, child in (
        ({"boern_kolonner": both, "kontakt_kolonner": both}, True),
        ({"kontakt_kolonner": both}, False),
    ):
        roster, _ = read_roster([children, staff], RosterConfig(lang_form=True, **settings))
        liv = next(c for c in roster.children if c.name == "Liv Jensen")
        assert liv.protected is child, settings
        assert [p.protected for p in liv.contacts] == [True, True], settings
        emil = next(c for c in roster.children if c.name == "Emil Ærø")
        assert not emil.protected and not emil.contacts[0].protected


def test_the_childs_protection_named_for_a_contact_group_too_protects_both(tmp_path: Path) -> None:
    """The wide form: «Beskyttet adresse» named under [roster.boern_kolonner] and a contact
    group ([roster.kontaktgrupper.1]) protects both (the group took it from the child); on a
    one-sheet roster a column named for the dagplejer and the child stays the child's alone
    (never the dagplejer given the child's protection or name)."""
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.builders import small_roster, write_xlsx

    sheets = small_roster()
    sheets["Børn"][0].append("Beskyttet adresse")
    sheets["Børn"][1].append("Ja")
    path = write_xlsx(tmp_path / "roster.xlsx", sheets)
    both = {"beskyttet": "Beskyttet adresse"}
    roster, _ = read_roster(path, RosterConfig(boern_kolonner=both, kontaktgrupper={1: both}))
    liv = next(c for c in roster.children if c.name == "Liv Jensen")
    assert liv.protected and [p.protected for p in liv.contacts] == [True]

    one = [
        ["Medarbejdernr", "Dagplejer", "Barnets CPR", "Barnets navn", "Beskyttet"],
        ["D1", "Anne Jensen", sheets["Børn"][1][0], "Liv Jensen", "Ja"],
    ]
    path = write_xlsx(tmp_path / "et-ark.xlsx", {"Ark1": one})
    twice = {"beskyttet": "Beskyttet"}
    roster, _ = read_roster(path, RosterConfig(kolonner=twice, boern_kolonner=twice))
    assert roster.children[0].protected and not roster.dagplejere[0].protected


def test_an_english_street_and_house_number_make_one_address(tmp_path: Path) -> None:
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.builders import DP1, small_roster, write_xlsx

    staff = [
        ["Employee ID", "SSN", "First name", "Last name", "Street", "House number", "Zip", "City"],
        ["D1", DP1, "Anne", "Jensen", "Søndergade", "12B", "8200", "Aarhus N"],
    ]
    sheets = {"Staff": staff, "Børn": small_roster()["Børn"][:2]}
    roster, _ = read_roster(write_xlsx(tmp_path / "r.xlsx", sheets), RosterConfig())
    assert roster.dagplejere[0].address.one_line() == "Søndergade 12B, 8200 Aarhus N"


def test_plan_and_validate_restore_a_csv_parents_lost_zero_alike(tmp_path: Path) -> None:
    # Excel saved a parent's CPR number as the number 908901236: plan's light reading and
    # validate's full one both read 0908901236, so both count the mother of two once
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster
    from tests.builders import CH1, CH2, MOR1, small_roster, write_csv

    assert MOR1.startswith("0")
    sheets = small_roster()
    rows = sheets["Børn"]
    rows[1][4] = rows[2][4] = MOR1[1:]  # Liv's and Emil's mother, written as a number
    rows[2][5], rows[2][6] = rows[1][5], rows[1][6]
    files = [
        write_csv(tmp_path / "boern.csv", rows),
        write_csv(tmp_path / "dagplejere.csv", sheets["Dagplejere"]),
    ]
    for light in (False, True):
        roster, _ = read_roster(files, RosterConfig(), light=light)
        mothers = {c.cpr: [p.cpr for p in c.contacts] for c in roster.children}
        assert mothers[CH1] == mothers[CH2] == [MOR1], light
