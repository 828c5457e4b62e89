"""Every finding code, each with a case that triggers it; the clean project triggers none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dagplejecli.findings import REGISTRY, Finding, Severity
from dagplejecli.pipeline import plan_roster, validate_project
from dagplejecli.planfile import write_plan
from tests.conftest import AREAS, BASE_CONFIG, CH1, DP1, MOR1, child_cpr, small_roster, write_xlsx

Sheets = dict[str, list[list[object]]]
COVERED: set[str] = set()


def findings_for(
    tmp: Path, config: str = BASE_CONFIG + AREAS, sheets: Sheets | None = None
) -> list[Finding]:
    roster = write_xlsx(tmp / "roster.xlsx", sheets or small_roster())
    (tmp / "dagpleje.toml").write_text(config, encoding="utf-8")
    planned = plan_roster(roster, tmp / "dagpleje.toml")
    write_plan(tmp / "dagpleje-plan.xlsx", planned.plan, planned.roster, planned.config)
    findings = validate_project(tmp / "dagpleje.toml", tmp / "dagpleje-plan.xlsx").findings
    COVERED.update(f.code for f in findings)
    return findings


def only(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def test_clean_project_has_only_the_skipped_cvr_note(tmp_path: Path) -> None:
    findings = findings_for(tmp_path)
    assert [(f.code, f.severity) for f in findings] == [("DP010", Severity.INFO)]


CONFIG_CASES = [
    ("DP001", BASE_CONFIG.replace("kode = 751", "kode = 999"), "kommune.kode"),
    ("DP002", BASE_CONFIG.replace("kode = 751", 'kode = 751\ncvr = "12345678"'), "kommune.cvr"),
    ("DP003", BASE_CONFIG.replace("kode = 751", 'kode = 751\ncvr = "64942212"'), "kommune.cvr"),
    ("DP004", BASE_CONFIG.replace("ejerform = 1", "ejerform = 3"), "dtr.ejerform"),
    ("DP005", BASE_CONFIG.replace("lovgrundlag = 99\n", ""), "dtr.lovgrundlag"),
    ("DP006", BASE_CONFIG.replace("insttype = 6013", "insttype = 7000"), "dtr.insttype"),
    (
        "DP007",
        BASE_CONFIG.replace('pnummer = "1003386512"', 'pnummer = "UDFYLD: P-nummer"'),
        "standard.pnummer",
    ),
    (
        "DP008",
        BASE_CONFIG.replace('skoleaar = "2026-2027"', 'skoleaar = "2026-2028"'),
        "unilogin.skoleaar",
    ),
    (
        "DP009",
        BASE_CONFIG.replace("[unilogin]", '[unilogin]\nrolle = "Dagplejer"'),
        "unilogin.rolle",
    ),
    (
        "DP102",
        BASE_CONFIG.replace('daginstitution = "Dagplejen Aarhus"\n', ""),
        "standard.daginstitution",
    ),
    (
        "DP103",
        BASE_CONFIG.replace('pnummer = "1003386512"', 'pnummer = "12345"'),
        "standard.pnummer",
    ),
    (
        "DP104",
        BASE_CONFIG.replace('pnummer = "1003386512"', 'pnummer = "1029829824"'),
        "standard.pnummer",
    ),
    (
        "DP105",
        BASE_CONFIG.replace('adresse = "Rådhuspladsen 2, 8000 Aarhus C"\n', ""),
        "standard.adresse",
    ),
    (
        "DP107",
        BASE_CONFIG.replace('email = "dagplejen@aarhus.example"', 'email = "dagplejen"'),
        "standard.email",
    ),
    (
        "DP108",
        BASE_CONFIG.replace('telefon = "89402000"', 'telefon = "8940 2000 lokal 1234567"'),
        "standard.telefon",
    ),
]


@pytest.mark.parametrize(("code", "config", "key"), CONFIG_CASES, ids=[c[0] for c in CONFIG_CASES])
def test_configuration_and_area_value_findings(
    tmp_path: Path, code: str, config: str, key: str
) -> None:
    found = only(findings_for(tmp_path, config + AREAS), code)
    assert found, code
    assert found[0].location.key == key
    assert found[0].location.line is not None or key.startswith("dtr.lovgrundlag")
    assert found[0].severity == REGISTRY[code].severity


def test_five_digit_p_number_is_named_in_message(tmp_path: Path) -> None:
    found = only(
        findings_for(tmp_path, BASE_CONFIG.replace('"1003386512"', '"12345"') + AREAS), "DP103"
    )
    assert len(found) == 1  # both areas inherit it from [standard]: one finding names both
    assert "«Dagplejen Nord» og «Dagplejen Syd»" in found[0].message
    assert "5 cifre" in found[0].message and found[0].severity is Severity.ERROR
    own = BASE_CONFIG + AREAS.replace(
        'institutionsnummer = "AB1235"', 'institutionsnummer = "AB1235"\npnummer = "999"'
    )
    found = only(findings_for(tmp_path, own), "DP103")
    assert sorted(f.location.key for f in found) == ["omraade[2].pnummer"]


def test_no_area_at_all(tmp_path: Path) -> None:
    findings = findings_for(tmp_path, BASE_CONFIG)
    assert only(findings, "DP101")
    assert len(only(findings, "DP206")) == 3


def test_area_name_rules(tmp_path: Path) -> None:
    long_name = "Dagplejen " + "x" * 130
    config = (
        BASE_CONFIG
        + f"""
[[omraade]]
navn = "{long_name}"
hvor = {{ Distrikt = ["Nord"] }}
[[omraade]]
navn = "Dagplejen Syd"
hvor = {{ Distrikt = ["Syd"] }}
[[omraade]]
navn = "Dagplejen Syd"
hvor = {{ Distrikt = ["Vest"] }}
[[omraade]]
navn = "dagplejen  syd"
institutionsnummer = "AB12"
hvor = {{ Distrikt = ["Øst"] }}
"""
    )
    findings = findings_for(tmp_path, config)
    assert only(findings, "DP106")[0].location.key == "omraade[1].navn"
    assert only(findings, "DP109")[0].location.key == "omraade[3].navn"
    assert "dagplejen  syd" in only(findings, "DP110")[0].message
    assert "dagplejen  syd" in {f.area for f in only(findings, "DP111")}
    assert only(findings, "DP112")[0].params["value"] == "AB12"


def test_duplicate_institution_numbers(tmp_path: Path) -> None:
    found = only(findings_for(tmp_path, BASE_CONFIG + AREAS.replace("AB1235", "AB1234")), "DP113")
    assert "Dagplejen Nord, Dagplejen Syd" in found[0].message


def test_shared_p_number_and_address_is_not_a_finding(tmp_path: Path) -> None:
    # both areas inherit [standard]'s P-number and address; STIL allows it
    assert [f.code for f in findings_for(tmp_path)] == ["DP010"]


def test_cvr_extract(tmp_path: Path) -> None:
    write_xlsx(
        tmp_path / "p.xlsx",
        {
            "P-enheder": [
                ["Udtræk fra CVR"],
                ["P-nummer", "CVR-nummer", "Navn", "Adresse", "Postnr", "By"],
                [1003386512, 55133018, "Aarhus Kommune", "Rådhuspladsen 2, st.", 8000, "Aarhus C"],
                ["1029829825", "64942212", "Anden", "Et sted 1", "1000", "København K"],
            ]
        },
    )
    config = BASE_CONFIG.replace("insttype = 6013", 'insttype = 6013\ncvr_udtraek = "p.xlsx"')
    areas = AREAS.replace(
        'institutionsnummer = "AB1235"', 'institutionsnummer = "AB1235"\npnummer = "1029829825"'
    )
    findings = findings_for(tmp_path, config + areas)
    assert not only(findings, "DP010")
    wrong = only(findings, "DP114")
    assert [f.area for f in wrong] == ["Dagplejen Syd"] and "64942212" in wrong[0].message
    differs = only(findings, "DP115")
    assert [f.area for f in differs] == ["Dagplejen Nord"]
    assert differs[0].severity is Severity.WARNING
    # same address, written differently ("st." vs "st", case, spaces): no finding
    same = config.replace(
        '"Rådhuspladsen 2, 8000 Aarhus C"', '"rådhuspladsen 2, st, 8000 AARHUS C"'
    )
    assert not only(findings_for(tmp_path, same + areas), "DP115")


def _with(sheet: str, row: int, col: int, value: object) -> Sheets:
    sheets = small_roster()
    sheets[sheet][row][col] = value
    return sheets


PERSON_CASES = [
    ("DP201", _with("Børn", 2, 0, "3102254561"), "Børn", "A3"),
    ("DP202", _with("Dagplejere", 1, 1, int(DP1)), "Dagplejere", "B2"),
    ("DP203", _with("Dagplejere", 2, 1, DP1), "Dagplejere", "B3"),
    ("DP204", _with("Børn", 1, 4, DP1), "Børn", "F2"),
    ("DP205", _with("Børn", 1, 3, "D9"), "Børn", "D2"),
    ("DP206", _with("Dagplejere", 3, 7, "Vest"), "Dagplejere", "A4"),
    ("DP207", _with("Børn", 1, 7, "Nej"), "Børn", "A2"),
    ("DP209", _with("Børn", 1, 0, child_cpr(4 * 366, "4568")), "Børn", "A2"),
    ("DP211", _with("Børn", 1, 6, "Værge"), "Børn", "G2"),
    ("DP212", _with("Dagplejere", 1, 3, ""), "Dagplejere", "C2"),
    ("DP213", _with("Børn", 1, 0, None), "Børn", "A2"),
    ("DP215", _with("Dagplejere", 1, 5, 900), "Dagplejere", "F2"),
    ("DP216", _with("Dagplejere", 2, 0, "D1"), "Dagplejere", "A3"),
]


@pytest.mark.parametrize(
    ("code", "sheets", "sheet", "cell"), PERSON_CASES, ids=[c[0] for c in PERSON_CASES]
)
def test_person_findings_point_at_the_cell(
    tmp_path: Path, code: str, sheets: Sheets, sheet: str, cell: str
) -> None:
    found = only(findings_for(tmp_path, sheets=sheets), code)
    assert found, code
    assert (found[0].location.sheet, found[0].location.cell) == (sheet, cell)
    assert found[0].location.file == "roster.xlsx"


def test_impossible_child_cpr_names_the_cell(tmp_path: Path) -> None:
    found = only(findings_for(tmp_path, sheets=_with("Børn", 2, 0, "3102254561")), "DP201")
    assert found[0].location.cell == "A3" and "datoen findes ikke" in found[0].message
    assert "310225-xxxx" in found[0].message


def test_unknown_dagplejer_is_named(tmp_path: Path) -> None:
    found = only(findings_for(tmp_path, sheets=_with("Børn", 1, 3, "D9")), "DP205")
    assert "«D9»" in found[0].message


def test_unassigned_dagplejer_named_by_id(tmp_path: Path) -> None:
    found = only(findings_for(tmp_path, sheets=_with("Dagplejere", 3, 7, "Vest")), "DP206")
    assert "D3" in found[0].message and "Åse Østergaard" in found[0].message


def test_too_many_children(tmp_path: Path) -> None:
    config = BASE_CONFIG + "[regler]\nmax_boern = 0\n" + AREAS
    assert len(only(findings_for(tmp_path, config), "DP208")) == 3


def test_protected_without_alias_and_with(tmp_path: Path) -> None:
    sheets = small_roster()
    sheets["Børn"][0] += ["Beskyttet", "Alias fornavn", "Alias efternavn"]
    sheets["Børn"][1] += ["Ja", "", ""]
    sheets["Børn"][2] += ["Ja", "Sol", "Barn"]
    sheets["Børn"][3] += ["måske", "", ""]
    findings = findings_for(tmp_path, sheets=sheets)
    protected = only(findings, "DP210")
    assert [f.location.cell for f in protected] == ["I2", "I4"]  # "måske" is read as protected
    assert only(findings, "DP214")[0].location.cell == "I4"


def test_id_derived_and_contacts_sheet_orphan(tmp_path: Path) -> None:
    sheets = small_roster()
    for row in sheets["Dagplejere"]:
        del row[0]
    sheets["Børn"] = [["CPR", "Fornavn", "Efternavn", "Dagplejer CPR"], [CH1, "Liv", "Jensen", DP1]]
    sheets["Kontakter"] = [
        ["Barn CPR", "CPR", "Navn", "Relation"],
        ["0101014561", MOR1, "M J", "Mor"],
    ]
    findings = findings_for(tmp_path, sheets=sheets)
    assert only(findings, "DP217") and only(findings, "DP218")


def test_stale_plan(tmp_path: Path) -> None:
    findings_for(tmp_path)
    write_xlsx(tmp_path / "roster.xlsx", _with("Dagplejere", 3, 7, "Nord"))
    findings = validate_project(
        tmp_path / "dagpleje.toml", tmp_path / "dagpleje-plan.xlsx"
    ).findings
    stale = only(findings, "DP301")
    assert stale and "Rosteren er ændret" in stale[0].message
    COVERED.add("DP301")
    # same roster, configuration now gives another plan
    findings_for(tmp_path)
    (tmp_path / "dagpleje.toml").write_text(
        BASE_CONFIG + AREAS.replace('["Syd"]', '["Nord"]'), encoding="utf-8"
    )
    findings = validate_project(
        tmp_path / "dagpleje.toml", tmp_path / "dagpleje-plan.xlsx"
    ).findings
    assert "Konfigurationen giver nu en anden plan" in only(findings, "DP301")[0].message, [
        f.code for f in findings
    ]


def test_zz_every_code_is_covered() -> None:
    """Runs last in this module: every registered code was produced by some test above."""
    assert set(REGISTRY) - COVERED == set()


def test_child_age_uses_completed_years() -> None:
    from dagplejecli.identifiers import age_in_years

    assert age_in_years(dt.date(2023, 12, 1), dt.date(2026, 11, 30)) == 2
    assert age_in_years(dt.date(2023, 11, 30), dt.date(2026, 11, 30)) == 3
