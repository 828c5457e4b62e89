import re
import tomllib
from pathlib import Path

from tests.builders import (
    CH1,
    DP1,
    DP2,
    DP3,
    FAR1,
    MOR1,
    fill_in,
    no_traceback,
    run_cli,
    small_roster,
    write_csv,
    write_xlsx,
)


def test_two_sheet_round_trip(folder: Path) -> None:
    sheets = small_roster()
    sheets["Dagplejere"].insert(0, ["DAGPLEJERE I AARHUS"])
    write_xlsx(folder / "roster.xlsx", sheets)
    result = run_cli("init", "roster.xlsx", "--kommune", "751")
    assert result.exit_code == 0, result.output
    text = (folder / "dagpleje.toml").read_text("utf-8")
    config = tomllib.loads(text)
    assert config["kommune"]["kode"] == 751
    assert "Distrikt" in text and "# 2 dagplejere" in text
    assert [a["hvor"] for a in config["omraade"]] == [{"Distrikt": ["Nord"]}, {"Distrikt": ["Syd"]}]
    # every decision reading made is written, so the user sees it and can change it
    roster = config["roster"]
    assert (roster["ark"], roster["boern_ark"]) == ("Dagplejere", "Børn")
    assert roster["kolonner"] == {
        "id": "Medarbejdernr",
        "cpr": "CPR",
        "fornavn": "Fornavn",
        "efternavn": "Efternavn",
        "adresse": "Adresse",
        "postnr": "Postnr",
        "by": "By",
    }
    assert roster["boern_kolonner"] == {
        "cpr": "CPR",
        "fornavn": "Fornavn",
        "efternavn": "Efternavn",
        "dagplejer": "Dagplejer",
    }
    assert "«Kontakt1 CPR»" in text  # the contacts on the child's row, said in a comment
    assert "Aarhus Kommune" in result.stdout and "Distrikt" in result.stdout
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    validate = run_cli("validate")
    assert validate.exit_code == 1
    for key in ("dtr.lovgrundlag", "standard.pnummer", "standard.adresse"):
        assert key in validate.stdout
    assert "DP007" in validate.stdout
    fill_in(folder / "dagpleje.toml")
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    final = run_cli("validate")
    assert final.exit_code == 0, final.stdout


def test_one_sheet_and_kommune_by_name(folder: Path) -> None:
    header = [
        "Dagplejer nr",
        "Dagplejer CPR",
        "Dagplejer navn",
        "Team",
        "Barn CPR",
        "Barn navn",
        "Kontakt1 CPR",
        "Kontakt1 navn",
    ]
    rows = [
        header,
        ["D1", DP1, "Anne Jensen", "Team A", CH1, "Liv Jensen", MOR1, "Mette Jensen"],
        ["D2", DP2, "Bo Ærø", "Team B", "", "", "", ""],
    ]
    write_xlsx(folder / "et.xlsx", {"Ark1": rows})
    result = run_cli("init", "et.xlsx", "--kommune", "københavn")
    assert result.exit_code == 0, result.output
    config = tomllib.loads((folder / "dagpleje.toml").read_text("utf-8"))
    assert config["kommune"]["kode"] == 101
    assert config["standard"]["daginstitution"] == "Dagplejen København"
    assert {a["navn"] for a in config["omraade"]} == {"Dagplejen Team A", "Dagplejen Team B"}
    fill_in(folder / "dagpleje.toml")
    assert run_cli("plan", "et.xlsx").exit_code == 0


def test_csv_without_division_gets_one_area(folder: Path) -> None:
    rows = [
        ["Navn", "CPR-nr", "Postnr"],
        ["Anne Jensen", DP1, "8200"],
        ["Åse Østergaard", DP3, "8260"],
    ]
    write_csv(folder / "liste.csv", rows)
    result = run_cli("init", "liste.csv", "--kommune", "Aarhus", "--out", "ny.toml")
    assert result.exit_code == 0, result.output
    text = (folder / "ny.toml").read_text("utf-8")
    config = tomllib.loads(text)
    assert config["omraade"] == [{"navn": "Dagplejen Aarhus", "resten": True}]
    assert "[roster.kolonner]" in text  # no id column: the comment says how to name one
    assert "ikke genkendt" not in result.stdout or "Postnr" not in result.stdout
    fill_in(folder / "ny.toml")
    assert run_cli("plan", "liste.csv", "--config", "ny.toml").exit_code == 0


def test_refuses_to_overwrite(folder: Path) -> None:
    write_xlsx(folder / "roster.xlsx", small_roster())
    (folder / "dagpleje.toml").write_text("# min egen\n", "utf-8")
    result = run_cli("init", "roster.xlsx", "--kommune", "751")
    assert result.exit_code == 2 and "--force" in result.stderr and no_traceback(result)
    assert (folder / "dagpleje.toml").read_text("utf-8") == "# min egen\n"
    assert run_cli("init", "roster.xlsx", "--kommune", "751", "--force").exit_code == 0


def test_unknown_kommune(folder: Path) -> None:
    write_xlsx(folder / "roster.xlsx", small_roster())
    result = run_cli("init", "roster.xlsx", "--kommune", "Atlantis")
    assert result.exit_code == 2 and "Atlantis" in result.stderr
    assert not (folder / "dagpleje.toml").exists()


def test_without_kommune_validate_points_at_the_line(folder: Path) -> None:
    write_xlsx(folder / "roster.xlsx", small_roster())
    assert run_cli("init", "roster.xlsx").exit_code == 0
    fill_in(folder / "dagpleje.toml")
    run_cli("plan", "roster.xlsx")
    result = run_cli("validate")
    assert result.exit_code == 1 and "DP001" in result.stdout and "kommune.kode" in result.stdout


def test_status_without_arguments(folder: Path) -> None:
    out = run_cli().stdout
    assert "dagpleje init" in out
    assert out.index("Arbejdsgang") < out.index("Status") < out.index("Brug:")
    write_xlsx(folder / "roster.xlsx", small_roster())
    run_cli("init", "roster.xlsx", "--kommune", "751")
    assert "ingen plan endnu" in run_cli().stdout
    fill_in(folder / "dagpleje.toml")
    run_cli("plan", "roster.xlsx")
    assert "Planen er aktuel" in run_cli().stdout
    sheets = small_roster()
    sheets["Dagplejere"][1][2] = "Anna"
    write_xlsx(folder / "roster.xlsx", sheets)
    assert "forældet" in run_cli().stdout
    # a project per district in one folder: no dagpleje.toml, but the others are named
    (folder / "dagpleje.toml").rename(folder / "nord.toml")
    (folder / "noter.toml").write_text("[mine]\nx = 1\n", "utf-8")  # no configuration
    out = run_cli().stdout
    assert "konfigurationerne nord.toml: brug --config" in out and "noter" not in out, out


def test_every_command_has_danish_help_with_an_example() -> None:
    for command in ("init", "plan", "validate", "export", "explain"):
        result = run_cli(command, "--help")
        assert result.exit_code == 0
        assert "Eksempel" in result.stdout, command
    # an argument as the README writes it (typer wrote «{roster}...»)
    assert "dagpleje init [VALG] ROSTER..." in run_cli("init", "--help").stdout
    assert "dagpleje plan [VALG] [ROSTER]..." in run_cli("plan", "--help").stdout


def test_one_sheet_roster_says_which_table_maps_the_childs_columns(folder: Path) -> None:
    """On a one-sheet roster the child's unrecognised columns are mapped under
    [roster.boern_kolonner], the dagplejer's under [roster.kolonner]; following the advice
    reads the child's CPR."""
    header = [
        "Dagplejer nr",
        "Dagplejer CPR",
        "Dagplejer navn",
        "Team",
        "Barn pnr",
        "Barn navn",
        "Barnets kælenavn",  # a column of the child's no field reads
        "Kontakt1 CPR",
        "Kontakt1 navn",
    ]
    rows = [
        header,
        ["D1", DP1, "Anne Jensen", "Team A", CH1, "Liv Jensen", "Lille Liv", MOR1, "Mette Jensen"],
        ["D2", DP2, "Bo Ærø", "Team B", "", "", "", "", ""],
    ]
    write_xlsx(folder / "et.xlsx", {"Ark1": rows})
    for lang, words in (("da", "ikke genkendt"), ("en", "not recognised")):
        result = run_cli("--lang", lang, "init", "et.xlsx", "--kommune", "751", "--force")
        assert result.exit_code == 0, result.output
        advice = [line for line in result.stdout.splitlines() if words in line]
        assert len(advice) == 2, advice
        assert "[roster.kolonner]" in advice[0] and advice[0].endswith(": Team")
        assert "[roster.boern_kolonner]" in advice[1]
        assert advice[1].endswith(": Barn pnr, Barnets kælenavn")
    fill_in(folder / "dagpleje.toml")
    assert run_cli("plan", "et.xlsx").exit_code == 0
    assert "DP213" in run_cli("validate").stdout  # the child's CPR is not read yet
    # the table init wrote names the child's columns it read: the user adds the CPR column
    config = folder / "dagpleje.toml"
    text = config.read_text("utf-8")
    assert text.count("[roster.boern_kolonner]") == 1
    text = text.replace("[roster.boern_kolonner]\n", '[roster.boern_kolonner]\ncpr = "Barn pnr"\n')
    config.write_text(text, encoding="utf-8")
    assert run_cli("plan", "et.xlsx").exit_code == 0
    assert "DP213" not in run_cli("validate").stdout


def test_without_kommune_no_name_is_made_up_for_the_daginstitution(folder: Path) -> None:
    sheets = small_roster()
    for row in sheets["Dagplejere"][1:]:
        row[7] = ""  # no division: one area with every dagplejer
    write_xlsx(folder / "roster.xlsx", sheets)
    result = run_cli("init", "roster.xlsx")
    assert result.exit_code == 0
    assert "skriv kommunekoden i [kommune] kode" in " ".join(result.stdout.split())
    text = (folder / "dagpleje.toml").read_text("utf-8")
    assert "Kommunen" not in text
    assert re.search(r'(?m)^daginstitution = "UDFYLD: ', text)
    assert re.search(r'(?m)^navn = "Dagplejen"$', text)


def test_a_misspelt_municipality_suggests_the_near_one(project: Path) -> None:
    result = run_cli("init", "roster.xlsx", "--kommune", "Høje Taastrup", "--out", "ny.toml")
    assert result.exit_code == 2
    assert "Mente du «Høje-Taastrup»?" in result.stderr
    assert not (project / "ny.toml").exists()
    far = run_cli("init", "roster.xlsx", "--kommune", "Zzz", "--out", "ny.toml")
    assert far.exit_code == 2 and "Mente du" not in far.stderr


def test_an_area_value_that_already_says_dagplejen_is_not_said_twice() -> None:
    from dagplejecli.init import _dagplejen

    assert _dagplejen("Nord") == "Dagplejen Nord"
    assert _dagplejen("Dagplejen Nord") == "Dagplejen Nord"
    assert _dagplejen("dagpleje Vest") == "dagpleje Vest"
    assert _dagplejen("Aarhus", "øvrige") == "Dagplejen Aarhus øvrige"
    assert _dagplejen("Dagplejeområde Syd") == "Dagplejen Dagplejeområde Syd"


def test_phones_headed_by_role_beside_numbered_parents_are_said_and_placed_by_the_user(
    folder: Path,
) -> None:
    """«Mors mobil» beside «Forælder 1 …»: no contact person of its own (init counts the
    parents only and says DP262); the user's [roster.kontaktgrupper] places it, and init --ja
    keeps that decision."""
    sheets = small_roster()
    header = sheets["Børn"][0]
    sheets["Børn"] = [
        [*header, "Forælder 1 navn", "Forælder 1 CPR", "Mors mobil"],
        [*sheets["Børn"][1], "Mette Jensen", MOR1, "20304050"],
        *[[*row, "", "", ""] for row in sheets["Børn"][2:]],
    ]
    write_xlsx(folder / "roster.xlsx", sheets)
    result = run_cli("init", "roster.xlsx", "--kommune", "751")
    assert result.exit_code == 0, result.output
    assert "DP262" in result.stdout and "«Mors mobil»" in result.stdout
    text = (folder / "dagpleje.toml").read_text("utf-8")
    assert '# [roster.kontaktgrupper.1]\n# telefon = "Mors mobil"' in text
    placed = text.replace(
        '# [roster.kontaktgrupper.1]\n# telefon = "Mors mobil"',
        '[roster.kontaktgrupper.1]\ntelefon = "Mors mobil"',
    )
    (folder / "dagpleje.toml").write_text(placed, "utf-8")
    plan = run_cli("plan", "roster.xlsx")
    assert plan.exit_code == 0 and "DP262" not in plan.stdout, plan.output
    again = run_cli("init", "roster.xlsx", "--kommune", "751", "--ja")
    assert again.exit_code == 0, again.output
    kept = tomllib.loads((folder / "dagpleje.toml").read_text("utf-8"))
    assert kept["roster"]["kontaktgrupper"] == {"1": {"telefon": "Mors mobil"}}


def test_init_says_to_fix_the_roster_first_when_it_was_not_read_whole(folder: Path) -> None:
    children = [
        ["Child SSN", "Child first name", "Child last name", "Udbyder", "Guardian 1 name"],
        [CH1, "Liv", "Jensen", "D1", "Mette Jensen"],
    ]
    write_csv(folder / "children.csv", children)
    write_csv(folder / "providers.csv", small_roster()["Dagplejere"])
    result = run_cli("init", "children.csv", "providers.csv", "--kommune", "751")
    assert result.exit_code == 1, result.output
    out = " ".join(result.stdout.split())
    assert "DP249" in out
    assert "Næste skridt: rosteren er ikke læst helt (DP249 ovenfor)" in out
    assert "kør dagpleje plan" not in out


def test_a_csvs_place_names_the_file_once() -> None:
    from dagplejecli.messages import place_text
    from dagplejecli.wording import Place

    assert place_text(Place("x.csv", sheet="x.csv", row=1)) == "x.csv, række 1"
    assert place_text(Place("r.xlsx", sheet="Børn", row=4)) == "r.xlsx, Børn, række 4"


def test_init_again_shows_and_keeps_the_configurations_municipality(folder: Path) -> None:
    write_xlsx(folder / "roster.xlsx", small_roster())
    assert run_cli("init", "roster.xlsx", "--kommune", "751").exit_code == 0
    shown = run_cli("init", "roster.xlsx")  # the file is there: read by it, shown, kept
    assert shown.exit_code == 0, shown.output
    assert "Aarhus Kommune (751)" in shown.stdout and "ikke angivet" not in shown.stdout
    replaced = run_cli("init", "roster.xlsx", "--ja")
    assert replaced.exit_code == 0, replaced.output
    assert tomllib.loads((folder / "dagpleje.toml").read_text("utf-8"))["kommune"]["kode"] == 751


def test_contact_groups_are_numbered_alike_in_the_finding_and_the_configuration(
    folder: Path,
) -> None:
    """A nameless group first on the row does not shift the numbers: DP262 lists the people
    1, 2 …, and [roster.kontaktgrupper.2] is the second of them."""
    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster

    sheets = small_roster()
    sheets["Børn"] = [
        [
            "CPR",
            "Fornavn",
            "Efternavn",
            "Dagplejer",
            "Kontakt1 telefon",
            "Kontakt2 navn",
            "Kontakt2 CPR",
            "Kontakt3 navn",
            "Kontakt3 CPR",
        ],
        [CH1, "Liv", "Jensen", "D1", "20304050", "Mette Jensen", MOR1, "Ole Jensen", FAR1],
    ]
    path = write_xlsx(folder / "roster.xlsx", sheets)
    _, findings = read_roster(path, RosterConfig())
    (said,) = [f for f in findings if f.code == "DP262"]
    assert said.params["groups"] == "1: «Kontakt2 navn», 2: «Kontakt3 navn»"
    placed = RosterConfig(kontaktgrupper={2: {"telefon": "Kontakt1 telefon"}})
    roster, findings = read_roster(path, placed)
    phones = {p.name: p.phone for p in roster.children[0].contacts}
    assert phones == {"Mette Jensen": "", "Ole Jensen": "20304050"}
    assert "DP262" not in {f.code for f in findings}


def test_init_again_without_a_municipality_anywhere_still_runs(folder: Path) -> None:
    """The first init wrote the placeholder kode = 0; running init again is no error."""
    write_xlsx(folder / "roster.xlsx", small_roster())
    assert run_cli("init", "roster.xlsx").exit_code == 0
    again = run_cli("init", "roster.xlsx")
    assert again.exit_code == 0, again.output
    assert run_cli("init", "roster.xlsx", "--ja").exit_code == 0


def test_without_an_id_column_the_commented_id_stands_in_the_columns_table(folder: Path) -> None:
    """The commented «id = …» stands inside [roster.kolonner] when init writes that table:
    uncommented, as the comment invites, it reads (a second table header made it «a key
    twice»)."""
    sheets = small_roster()
    sheets["Dagplejere"] = [row[1:] for row in sheets["Dagplejere"]]  # no Medarbejdernr
    names = {"D1": "Anne Jensen", "D2": "Bo Ærø", "D3": "Carl Holm"}
    for row in sheets["Børn"][1:]:
        row[3] = names.get(str(row[3]), row[3])
    write_xlsx(folder / "roster.xlsx", sheets)
    assert run_cli("init", "roster.xlsx", "--kommune", "751").exit_code in (0, 1)
    text = (folder / "dagpleje.toml").read_text("utf-8")
    assert text.count("[roster.kolonner]") == 1, text
    tomllib.loads(text.replace('# id = "Medarbejdernr"', 'id = "Medarbejdernr"'))


def test_init_checks_that_its_configuration_reads_the_roster_as_it_did(folder: Path) -> None:
    """What init writes is read back: a [roster] that reads the roster otherwise (other
    numbers of people, or not at all) is said, never left for plan to show other numbers."""
    from dagplejecli.api import _reads_otherwise
    from dagplejecli.config import RosterConfig
    from dagplejecli.formats.sheets import read_roster_sheets
    from dagplejecli.roster import read_roster

    path = write_xlsx(folder / "roster.xlsx", small_roster())
    sheets = read_roster_sheets([path])
    roster, _ = read_roster(path, RosterConfig(), sheets, light=True)
    assert _reads_otherwise([path], sheets, '[roster]\nark = "Dagplejere"\n', roster) is None
    first, again = _reads_otherwise(
        [path], sheets, '[roster]\nboern_ark = "Dagplejere"\n', roster
    ) or (
        None,
        None,
    )
    assert first is not None and again != first
    assert _reads_otherwise([path], sheets, '[roster]\nark = "Findes ikke"\n', roster) == (
        first,
        None,
    )


def test_init_says_when_a_sheet_has_no_cpr_column(folder: Path) -> None:
    # an HR list without CPR numbers: Unilogin needs them, so init says it at once (once,
    # for the sheet), not validate as an error per dagplejer
    sheets = small_roster()
    for row in sheets["Dagplejere"]:
        del row[1]
    write_xlsx(folder / "roster.xlsx", sheets)
    result = run_cli("init", "roster.xlsx", "--kommune", "751")
    assert result.exit_code == 0, result.output
    said = [line for line in result.stdout.splitlines() if "ingen kolonne med CPR-numre" in line]
    assert len(said) == 1 and "alle dagplejere" in said[0] and "[roster.kolonner]" in said[0]
    # a roster with the column says nothing of it
    write_xlsx(folder / "roster.xlsx", small_roster())
    result = run_cli("init", "roster.xlsx", "--kommune", "751", "--out", "other.toml")
    assert result.exit_code == 0, result.output
    assert "CPR-numre" not in result.stdout


def test_areas_from_the_sheets_the_children_are_on(folder: Path) -> None:
    # the children on a sheet per area, the dagplejere on HR's list without areas: each
    # dagplejer's area is the sheet her children are on («Ark»), as init says it can be
    from tests.roster_cases.cases import area_sheets_with_hr_list

    write_xlsx(folder / "roster.xlsx", area_sheets_with_hr_list())
    result = run_cli("init", "roster.xlsx", "--kommune", "751")
    assert result.exit_code == 0, result.output
    text = (folder / "dagpleje.toml").read_text("utf-8")
    assert [a["hvor"] for a in tomllib.loads(text)["omraade"]] == [
        {"Ark": ["Nord"]},
        {"Ark": ["Syd"]},
    ]
    fill_in(folder / "dagpleje.toml")
    planned = run_cli("plan", "roster.xlsx")
    assert planned.exit_code == 0, planned.output
    # Anne and Åse in Nord with three children, Bo in Syd with one
    assert re.search(r"Nord\s.*│\s+2 │\s+3 │.*Ark = Nord", planned.stdout), planned.stdout
    assert re.search(r"Syd\s.*│\s+1 │\s+1 │.*Ark = Syd", planned.stdout), planned.stdout


def test_init_with_ja_says_what_stops_the_mapping_the_user_wrote(folder: Path) -> None:
    # the message asked for boern_ark = [...]; written so, init --ja must not ask again but say
    # why the listed sheets cannot be read as one (never a loop between two messages)
    sheets = small_roster()
    children = sheets.pop("Børn")
    sheets["Nord"] = [children[0], *children[1:3]]
    # a column of no header between two of Syd's: no column of it is known by its header
    sheets["Syd"] = [[*children[0], "", "Allergi"], [*children[3], "x", "Nødder"]]
    write_xlsx(folder / "roster.xlsx", sheets)
    (folder / "dagpleje.toml").write_text('[roster]\nboern_ark = ["Nord", "Syd"]\n', "utf-8")
    result = run_cli("init", "roster.xlsx", "--kommune", "751", "--ja")
    assert result.exit_code == 2 and no_traceback(result), result.output
    assert "ikke de samme overskrifter" in result.stderr, result.stderr


def test_init_with_ja_says_when_it_replaces_the_sheets_the_user_named(folder: Path) -> None:
    # [roster] names as the children's a sheet the roster no longer has: --ja reads the roster
    # from scratch and writes what it found, saying so and why, never in silence
    write_xlsx(folder / "roster.xlsx", small_roster())
    config = '[roster]\nboern_ark = "Indskrevne"\ntom_myndighed = "nej"\n'
    (folder / "dagpleje.toml").write_text(config, "utf-8")
    result = run_cli("init", "roster.xlsx", "--kommune", "751", "--ja")
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "Bemærk: [roster] i den tidligere dagpleje.toml kunne ikke læse rosteren" in said
    assert "Med --ja har init læst den forfra" in said
    written = tomllib.loads((folder / "dagpleje.toml").read_text("utf-8"))["roster"]
    assert written["boern_ark"] == "Børn" and written["tom_myndighed"] == "nej"
