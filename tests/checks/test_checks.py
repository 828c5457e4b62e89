"""Every finding code, each with a case that triggers it; the clean project triggers none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from dagplejecli.findings import Finding, Severity
from dagplejecli.messages import da, en, finding_message
from dagplejecli.pipeline import plan_roster, validate_project
from dagplejecli.planfile import write_plan
from dagplejecli.rules.registry import all_rules
from tests.afstem_cases import AFSTEM_SCENARIOS
from tests.builders import (
    AREAS,
    BASE_CONFIG,
    CH1,
    CH2,
    DP1,
    FAR1,
    MOR1,
    MOR2,
    NEW_CPR,
    Sheets,
    _with,
    child_cpr,
    corrected,
    renders_in_both_languages,
    small_roster,
    with_child_ids,
    with_column,
    write_xlsx,
)
from tests.roster_cases.cases import grouped_by_dagplejer, sheet_per_district


def findings_for(
    tmp: Path, config: str = BASE_CONFIG + AREAS, sheets: Sheets | None = None
) -> list[Finding]:
    roster = write_xlsx(tmp / "roster.xlsx", sheets or small_roster())
    (tmp / "dagpleje.toml").write_text(config, encoding="utf-8")
    planned = plan_roster(roster, tmp / "dagpleje.toml")
    write_plan(tmp / "dagpleje-plan.xlsx", planned.plan, planned.roster, planned.config)
    return validate_project(tmp / "dagpleje.toml", tmp / "dagpleje-plan.xlsx").findings


def message(f: Finding) -> str:
    return finding_message(f)


def only(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def test_clean_project_has_only_the_skipped_cvr_note(tmp_path: Path) -> None:
    findings = findings_for(tmp_path)
    # the skipped CVR checks, and the namespace that is the documented default (said once)
    assert [(f.code, f.severity) for f in findings] == [
        ("DP010", Severity.INFO),
        ("DP012", Severity.INFO),
    ]


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
        "DP020",
        BASE_CONFIG.replace("[unilogin]", '[unilogin]\ntrin = " "'),
        "unilogin.trin",
    ),
    (
        "DP021",
        BASE_CONFIG.replace("[unilogin]", '[unilogin]\ntrin = "Dagpleje"'),
        "unilogin.trin",
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
    assert all(renders_in_both_languages(f) for f in found)
    assert found[0].location.key == key
    assert found[0].location.line is not None or key.startswith("dtr.lovgrundlag")
    assert found[0].severity == all_rules()[code].severity


def test_five_digit_p_number_is_named_in_message(tmp_path: Path) -> None:
    found = only(
        findings_for(tmp_path, BASE_CONFIG.replace('"1003386512"', '"12345"') + AREAS), "DP103"
    )
    assert len(found) == 1  # both areas inherit it from [standard]: one finding names both
    assert "«Dagplejen Nord» og «Dagplejen Syd»" in message(found[0])
    assert "5 cifre" in message(found[0]) and found[0].severity is Severity.ERROR
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
    assert "dagplejen  syd" in message(only(findings, "DP110")[0])
    assert "dagplejen  syd" in {f.area for f in only(findings, "DP111")}
    assert only(findings, "DP112")[0].params["value"] == "AB12"


def test_duplicate_institution_numbers(tmp_path: Path) -> None:
    found = only(findings_for(tmp_path, BASE_CONFIG + AREAS.replace("AB1235", "AB1234")), "DP113")
    assert "«Dagplejen Nord» og «Dagplejen Syd»" in message(found[0])
    assert found[0].params["areas"] == ("Dagplejen Nord", "Dagplejen Syd")


def test_shared_p_number_and_address_is_not_a_finding(tmp_path: Path) -> None:
    # both areas inherit [standard]'s P-number and address; STIL allows it
    assert [f.code for f in findings_for(tmp_path)] == ["DP010", "DP012"]


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
    assert [f.area for f in wrong] == ["Dagplejen Syd"] and "64942212" in message(wrong[0])
    differs = only(findings, "DP115")
    assert [f.area for f in differs] == ["Dagplejen Nord"]
    assert differs[0].severity is Severity.WARNING
    # same address, written differently ("st." vs "st", case, spaces): no finding
    same = config.replace(
        '"Rådhuspladsen 2, 8000 Aarhus C"', '"rådhuspladsen 2, st, 8000 AARHUS C"'
    )
    assert not only(findings_for(tmp_path, same + areas), "DP115")


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
    ("DP220", _with("Børn", 2, 4, MOR1), "Børn", "F3"),
    ("DP221", _with("Børn", 1, 7, ""), "Børn", "H2"),
    ("DP222", _with("Børn", 1, 6, ""), "Børn", "G2"),
    ("DP223", _with("Børn", 1, 6, "Medmor"), "Børn", "G2"),
    ("DP224", _with("Børn", 1, 0, child_cpr(-30, "4568")), "Børn", "A2"),
    ("DP225", _with("Børn", 1, 0, child_cpr(7 * 366, "4568")), "Børn", "A2"),
    ("DP226", _with("Børn", 1, 0, f"{int(CH1[:2]) + 60}{CH1[2:]}"), "Børn", "A2"),
    ("DP230", _with("Dagplejere", 1, 2, "Åse Ødegård " * 9), "Dagplejere", "C2"),
    ("DP231", _with("Dagplejere", 1, 2, f"Anne {DP1[:6]}.{DP1[6:]}"), "Dagplejere", "C2"),
    ("DP260", _with("Dagplejere", 1, 1, child_cpr(400, "4568")), "Dagplejere", "B2"),
    ("DP261", _with("Dagplejere", 1, 2, "?nne"), "Dagplejere", "C2"),
    ("DP269", _with("Børn", 3, 6, "Forælder"), "Børn", "G4"),
]


@pytest.mark.parametrize(
    ("code", "sheets", "sheet", "cell"), PERSON_CASES, ids=[c[0] for c in PERSON_CASES]
)
def test_person_findings_point_at_the_cell(
    tmp_path: Path, code: str, sheets: Sheets, sheet: str, cell: str
) -> None:
    found = only(findings_for(tmp_path, sheets=sheets), code)
    assert found, code
    assert all(renders_in_both_languages(f) for f in found)
    assert (found[0].location.sheet, found[0].location.cell) == (sheet, cell)
    assert found[0].location.file == "roster.xlsx"


def test_impossible_child_cpr_names_the_cell(tmp_path: Path) -> None:
    found = only(findings_for(tmp_path, sheets=_with("Børn", 2, 0, "3102254561")), "DP201")
    assert found[0].location.cell == "A3" and "datoen findes ikke" in message(found[0])
    assert "310225-xxxx" in message(found[0])


def test_unknown_dagplejer_is_named(tmp_path: Path) -> None:
    found = only(findings_for(tmp_path, sheets=_with("Børn", 1, 3, "D9")), "DP205")
    assert "«D9»" in message(found[0])


def test_unassigned_dagplejer_named_by_id(tmp_path: Path) -> None:
    found = only(findings_for(tmp_path, sheets=_with("Dagplejere", 3, 7, "Vest")), "DP206")
    assert "D3" in message(found[0]) and "Åse Østergaard" in message(found[0])


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
    assert stale and "Rosteren er ændret" in message(stale[0])
    # same roster, configuration now gives another plan
    findings_for(tmp_path)
    (tmp_path / "dagpleje.toml").write_text(
        BASE_CONFIG + AREAS.replace('["Syd"]', '["Nord"]'), encoding="utf-8"
    )
    findings = validate_project(
        tmp_path / "dagpleje.toml", tmp_path / "dagpleje-plan.xlsx"
    ).findings
    assert "Konfigurationen giver nu en anden plan" in message(only(findings, "DP301")[0]), [
        f.code for f in findings
    ]


# Codes not in CONFIG_CASES or PERSON_CASES, each with the smallest scenario that raises it.
def _protected(tmp: Path) -> list[Finding]:
    sheets = small_roster()
    sheets["Børn"][0] += ["Beskyttet"]
    sheets["Børn"][1] += ["måske"]
    return findings_for(tmp, sheets=sheets)


def _long_name(tmp: Path) -> list[Finding]:
    long_name = '"Dagplejen Nord ' + "x" * 130 + '"'
    return findings_for(tmp, BASE_CONFIG + AREAS.replace('"Dagplejen Nord"', long_name))


def _no_ids(tmp: Path) -> list[Finding]:
    sheets = small_roster()
    for row in sheets["Dagplejere"]:
        del row[0]
    sheets["Børn"] = [["CPR", "Fornavn", "Efternavn", "Dagplejer CPR"], [CH1, "Liv", "Jensen", DP1]]
    sheets["Kontakter"] = [["Barn CPR", "CPR", "Navn"], ["0101014561", MOR1, "M J"]]
    return findings_for(tmp, sheets=sheets)


def _shared_name(tmp: Path) -> list[Finding]:
    """Two dagplejere named Bo Ærø; a child names its dagplejer by that name."""
    sheets = small_roster()
    sheets["Dagplejere"][1][2:4] = ["Bo", "Ærø"]
    sheets["Børn"][1][3] = "Bo Ærø"
    return findings_for(tmp, sheets=sheets)


def _unmapped_ids(tmp: Path) -> list[Finding]:
    """The dagplejere's ids in a column no header names as the id."""
    sheets = small_roster()
    sheets["Dagplejere"][0][0] = "Nøgle"
    return findings_for(tmp, sheets=sheets)


def _stale(tmp: Path) -> list[Finding]:
    findings_for(tmp)
    write_xlsx(tmp / "roster.xlsx", _with("Dagplejere", 3, 7, "Nord"))
    return validate_project(tmp / "dagpleje.toml", tmp / "dagpleje-plan.xlsx").findings


def _extract(tmp: Path, p_number: str) -> list[Finding]:
    unit = [p_number, "55133018", "Aarhus Kommune", "Et andet sted 1", "8000", "Aarhus C"]
    write_xlsx(
        tmp / "p.xlsx",
        {"P-enheder": [["P-nummer", "CVR-nummer", "Navn", "Adresse", "Postnr", "By"], unit]},
    )
    config = BASE_CONFIG.replace("insttype = 6013", 'insttype = 6013\ncvr_udtraek = "p.xlsx"')
    return findings_for(tmp, config + AREAS)


def exported_then(tmp: Path, before: Sheets, after: Sheets) -> list[Finding]:
    """The identity findings of an export of ``after``, after an export of ``before``."""
    from dagplejecli import api
    from dagplejecli.export import Target

    config, plan, out = tmp / "dagpleje.toml", tmp / "dagpleje-plan.xlsx", tmp / "eksport"
    config.write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    for sheets, when in ((before, "2026-11-27T08:00:00+01:00"), (after, None)):
        write_xlsx(tmp / "roster.xlsx", sheets)
        api.plan(tmp / "roster.xlsx", config, plan)
        prepared = api.export(
            Target.UNILOGIN, config, plan, out, source_datetime=when, dry_run=when is None
        )
    return prepared.identity


def _district_on_the_childrens_rows() -> Sheets:
    """«Distrikt» on the children's rows only, Anne's two children agreeing."""
    sheets = small_roster()
    sheets["Dagplejere"] = [row[:-1] for row in sheets["Dagplejere"]]
    sheets["Børn"][0].append("Distrikt")
    sheets["Børn"][2][3] = "D1"
    for row, district in zip(sheets["Børn"][1:], ("Nord", "Nord", "Syd"), strict=True):
        row.append(district)
    return sheets


def _status_under_an_unknown_header() -> Sheets:
    sheets = with_column(
        small_roster(), "Børn", "Bookingtilstand", ("Indskrevet", "Venteliste", "")
    )
    return sheets


def _one_row_per_contact() -> Sheets:
    """The first child on a second row, with its second parent."""
    sheets = small_roster()
    sheets["Børn"].append([CH1, "Liv", "Jensen", "D1", FAR1, "Ole Jensen", "Far", "Ja"])
    return sheets


def _unread_protection() -> Sheets:
    """A dagplejer's protection under a header no field reads."""
    sheets = small_roster()
    sheets["Dagplejere"][0].append("Skjult (navn og adr.)")
    sheets["Dagplejere"][1].append("X")
    return sheets


def _middle_names() -> Sheets:
    """A dagplejer's middle name in a column of its own."""
    sheets = small_roster()
    sheets["Dagplejere"][0].append("Mellemnavn")
    sheets["Dagplejere"][1].append("Marie")
    return sheets


def _row_custody() -> Sheets:
    """One custody column for the child's row, where the contact's own custody cell is blank."""
    sheets = small_roster()
    sheets["Børn"][0].append("Forældremyndighed")
    sheets["Børn"][1].append("Ja")
    sheets["Børn"][1][7] = ""  # Kontakt1 myndighed
    return sheets


def _nameless_children() -> Sheets:
    """The children's name columns under headers no one would guess."""
    sheets = small_roster()
    sheets["Børn"][0][1:3] = ["Kaldes", "Slægt"]
    return sheets


def _one_sheet_child_without_dagplejer() -> Sheets:
    """A one-sheet roster whose second child's row leaves the dagplejer's columns empty."""
    header = [
        "Dagplejer nr",
        "Dagplejer CPR",
        "Dagplejer navn",
        "Distrikt",
        "Barn CPR",
        "Barn navn",
    ]
    return {
        "Børn": [
            header,
            ["D1", DP1, "Anne Jensen", "Nord", CH1, "Liv Jensen"],
            ["", "", "", "", CH2, "Emil Ærø"],
        ]
    }


def _one_sheet_guest_on_some_rows() -> Sheets:
    """A one-sheet roster whose dagplejer is a guest carer on one of her two rows."""
    header = ["Dagplejer nr", "Dagplejer CPR", "Dagplejer navn", "Distrikt", "Gæstedagplejer",
              "Barn CPR", "Barn navn"]  # fmt: skip
    return {
        "Børn": [
            header,
            ["D1", DP1, "Anne Jensen", "Nord", "Ja", CH1, "Liv Jensen"],
            ["D1", DP1, "Anne Jensen", "Nord", "Nej", CH2, "Emil Ærø"],
        ]
    }


def _unread_cpr_column(cpr: str = FAR1) -> Sheets:
    """A father's CPR number under a header no field reads: by default one read as another
    child's father (DP246); ``cpr`` read nowhere else gives DP275."""
    sheets = small_roster()
    sheets["Børn"][0].append("Papa")
    sheets["Børn"][1].append(cpr)
    return sheets


def _with_sheet(name: str, rows: list[list[object]]) -> Sheets:
    sheets = small_roster()
    sheets[name] = rows
    return sheets


def _no_child_rows() -> Sheets:
    """A children's sheet with its headers and not one row."""
    sheets = small_roster()
    sheets["Børn"] = [["Barn CPR", "Barn navn", "Dagplejer"]]
    return sheets


def _children_under_unknown_headers() -> Sheets:
    """No children's sheet the reader knows: the children are on a sheet whose headers no
    alias reads, so no role is given it."""
    sheets = small_roster()
    del sheets["Børn"]
    sheets["Kids"] = [["Kid number", "Given", "Minder"], ["K1", "Liv", "D1"]]
    return sheets


def _parents_on_a_sheet_named_otherwise() -> Sheets:
    """The parents side by side by the child's CPR on «Ark3», and none on the children's rows."""
    sheets = small_roster()
    sheets["Børn"] = [row[:4] for row in sheets["Børn"]]
    sheets["Ark3"] = [
        ["Barnets CPR", "Mor", "Mors CPR", "Far", "Fars CPR"],
        [CH1, "Mette", MOR1, "Ole", FAR1],
    ]
    return sheets


def _initials_as_ids() -> Sheets:
    """The dagplejere's ids are their initials («AJ», «BÆ»), the children's references too."""
    sheets = small_roster()
    for row, initials in zip(sheets["Dagplejere"][1:], ("AJ", "BÆ", "ÅØ"), strict=True):
        row[0] = initials
    sheets["Dagplejere"][0][0] = "Initialer"
    for row, initials in zip(sheets["Børn"][1:], ("AJ", "BÆ", "ÅØ"), strict=True):
        row[3] = initials
    return sheets


def _custody_naming_the_parents(second: str = "Mor") -> Sheets:
    """«Forældremyndighed» on the child's row saying who: Fælles (both) or Mor (only her); the
    second child's cell ``second`` («Fælles» names a father the row does not have: DP276)."""
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
        [CH1, "Liv", "Jensen", "D1", MOR1, "Mette Jensen", FAR1, "Ole Jensen", "Fælles"],
        [CH2, "Emil", "Ærø", "D2", MOR2, "Sara Ærø", "", "", second],
    ]
    return sheets


def _phones_by_role() -> Sheets:
    """«Forælder 1 …» beside a «Mors mobil»: the phone is no person, and whose it is not said."""
    sheets = small_roster()
    header = sheets["Børn"][0]
    sheets["Børn"] = [
        [*header, "Forælder 1 navn", "Forælder 1 CPR", "Mors mobil"],
        *[[*row, "", "", "20304050"] for row in sheets["Børn"][1:]],
    ]
    return sheets


def _long_form() -> Sheets:
    """A row per child and contact person, no [roster] lang_form: read so, and said."""
    sheets = small_roster()
    sheets["Børn"] = [
        [
            "Barnets CPR",
            "Barnets navn",
            "Dagplejer",
            "Kontaktperson",
            "Kontaktperson CPR",
            "Relation",
            "Forældremyndighed",
        ],
        [CH1, "Liv Jensen", "D1", "Mette Jensen", MOR1, "Mor", "Ja"],
        [CH1, "Liv Jensen", "D1", "Ole Jensen", FAR1, "Far", "Ja"],
        [CH2, "Emil Ærø", "D2", "Sara Ærø", MOR2, "Mor", "Ja"],
        [CH2, "Emil Ærø", "D2", "Ole Jensen", FAR1, "Far", "Nej"],
    ]
    return sheets


def _with_totals_row() -> Sheets:
    """A totals row under the children, as a booking system prints it."""
    sheets = small_roster()
    sheets["Børn"] += [[], ["I alt: 3 børn"]]
    return sheets


def _hidden_lookup_sheet(tmp: Path) -> list[Finding]:
    """A hidden lookup sheet of relation words beside the roster."""
    sheets = {**small_roster(), "Opslag": [["Relation", "Kode"], ["Mor", "M"], ["Far", "F"]]}
    write_xlsx(tmp / "roster.xlsx", sheets, hidden=("Opslag",))
    (tmp / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    planned = plan_roster(tmp / "roster.xlsx", tmp / "dagpleje.toml")
    write_plan(tmp / "dagpleje-plan.xlsx", planned.plan, planned.roster, planned.config)
    return validate_project(tmp / "dagpleje.toml", tmp / "dagpleje-plan.xlsx").findings


def _contacts_of_no_child() -> Sheets:
    """A contacts sheet whose every row names a child the roster does not have."""
    header = ["Barn CPR", "CPR", "Navn", "Relation", "Forældremyndighed"]
    return _with_sheet("Kontakter", [header, [NEW_CPR, FAR1, "Ole Ærø", "Far", "Ja"]])


def _with_dagplejer_column(header: str, *values: object) -> Sheets:
    """The small roster with one more column on the dagplejere's sheet."""
    sheets = small_roster()
    sheets["Dagplejere"][0].append(header)
    for row, value in zip(sheets["Dagplejere"][1:], values, strict=False):
        row.append(value)
    return sheets


def _phone_and_email(tmp: Path) -> list[Finding]:
    sheets = _with_dagplejer_column("Telefon", "+45 90 09 11 81", "0045 9009-1182", "9009 118")
    sheets["Dagplejere"][0].append("E-mail")
    for row, value in zip(sheets["Dagplejere"][1:], ("a@b.dk", "bo.aeroe", "c@d.dk"), strict=True):
        row.append(value)
    found = findings_for(tmp, sheets=sheets)
    phones = only(found, "DP232")
    assert [(f.location.cell, f.params["value"]) for f in phones] == [("I4", "9009 118")]
    mails = only(found, "DP233")
    assert [(f.location.cell, f.params["value"]) for f in mails] == [("J3", "bo.aeroe")]
    return found


def _protected_child(tmp: Path) -> list[Finding]:
    sheets = small_roster()
    sheets["Børn"][0].append("Beskyttet")
    sheets["Børn"][0] += ["Alias fornavn", "Alias efternavn"]
    sheets["Børn"][1] += ["Ja", "Sol", "Barn"]
    # and the other way round: Ole Ærø protected, his child Emil not
    sheets["Børn"][0] += [
        "Kontakt1 beskyttet",
        "Kontakt1 alias fornavn",
        "Kontakt1 alias efternavn",
    ]
    sheets["Børn"][2] += ["", "", "", "Ja", "Far", "Skjult"]
    found = only(findings_for(tmp, sheets=sheets), "DP234")
    assert [(f.location.cell, f.variant, f.params["contacts"]) for f in found] == [
        ("I2", "", ("Mette Jensen",)),
        ("I3", "child_open", ("Ole Ærø",)),  # the child's own protection cell
    ]
    return found


def _odd_ids(tmp: Path) -> list[Finding]:
    sheets = small_roster()
    sheets["Dagplejere"][1][0] = "D1 Nord/Vest"
    sheets["Dagplejere"][2][0] = "D" * 37
    for row, ref in zip(sheets["Børn"][1:3], ("D1 Nord/Vest", "D" * 37), strict=True):
        row[3] = ref
    found = only(findings_for(tmp, sheets=sheets), "DP235")
    assert [(f.location.cell, f.variant) for f in found] == [("A2", "characters"), ("A3", "")]
    return found


def _periods(*rows: tuple[object, object, object]) -> Sheets:
    sheets = small_roster()
    sheets["Børn"][0] += ["Startdato", "Slutdato", "Status"]
    for row, period in zip(sheets["Børn"][1:], rows, strict=True):
        row += list(period)
    return sheets


def _care(tmp: Path) -> list[Finding]:
    """A child who left, one with a date that is none, and a status no one knows."""
    ended = (dt.date.today() - dt.timedelta(days=5)).isoformat()
    sheets = _periods(("", ended, ""), ("i morgen", "", ""), ("", "", "Pause"))
    found = findings_for(tmp, sheets=sheets)
    assert [f.location.cell for f in only(found, "DP236")] == ["J2"]
    assert [f.location.cell for f in only(found, "DP237")] == ["I3"]
    assert [f.params["values"] for f in only(found, "DP238")] == [("Pause",)]
    return found


def _ticks(tmp: Path) -> list[Finding]:
    """A status of ticks («Udmeldt»: X) no one has said the meaning of: an error."""
    sheets = with_column(small_roster(), "Børn", "Udmeldt", ("X", "", ""))
    found = findings_for(tmp, sheets=sheets)
    assert [f.params["values"] for f in only(found, "DP268")] == [("X",)]
    return found


def _without_children(tmp: Path) -> list[Finding]:
    """Two dagplejere without children: one on leave (info), one not (a warning)."""
    sheets = small_roster()
    sheets["Dagplejere"][0].append("Status")
    for row in sheets["Dagplejere"][1:]:
        row.append("")
    sheets["Dagplejere"].append(["D4", "0101801238", "Olga", "Holm", "Vej 4", "8200", "Aarhus N", "Nord", "Orlov"])  # fmt: skip
    sheets["Dagplejere"].append(["D5", "0202811236", "Pia", "Juul", "Vej 5", "8200", "Aarhus N", "Nord", ""])  # fmt: skip
    found = findings_for(tmp, sheets=sheets)
    assert [f.params["id"] for f in only(found, "DP229")] == ["D4"]
    assert [f.params["id"] for f in only(found, "DP239")] == ["D5"]
    return found


def _guest_carer(tmp: Path) -> list[Finding]:
    """A guest carer in an area of two dagplejere with children: her access is said."""
    sheets = small_roster()
    sheets["Dagplejere"][0].append("Stilling")
    for row in sheets["Dagplejere"][1:]:
        row.append("Dagplejer")
    sheets["Dagplejere"].append(["D4", "0101801238", "Olga", "Holm", "Vej 4", "8200", "Aarhus N", "Nord", "Gæstedagplejer"])  # fmt: skip
    found = findings_for(tmp, sheets=sheets)
    assert [(f.params["id"], f.params["groups"]) for f in only(found, "DP267")] == [("D4", 2)]
    return found


def _parents_unread() -> Sheets:
    """The small roster whose parents' columns have headers nothing reads («Felt 1» …): no
    child gets a contact person, though their CPR numbers stand on the rows."""
    sheets = small_roster()
    header = sheets["Børn"][0]
    sheets["Børn"][0] = [
        f"Felt {c}" if h.startswith("Kontakt1") else h for c, h in enumerate(header)
    ]
    return sheets


def _dagplejer_under(header: str) -> Sheets:
    """The small roster with the children's dagplejer column under a header that says nothing
    of it, written as «Dagplejer Anne Jensen (D1)»: what the column holds names the
    dagplejere."""
    sheets = small_roster()
    names = {str(r[0]): f"{r[2]} {r[3]}" for r in sheets["Dagplejere"][1:]}
    sheets["Børn"][0] = [header if h == "Dagplejer" else h for h in sheets["Børn"][0]]
    for row in sheets["Børn"][1:]:
        row[3] = f"Dagplejer {names[str(row[3])]} ({row[3]})"
    return sheets


SCENARIOS: dict[str, Callable[[Path], list[Finding]]] = {
    "DP229": _without_children,
    "DP239": _without_children,
    "DP267": _guest_carer,
    "DP236": _care,
    "DP237": _care,
    "DP238": _care,
    "DP268": _ticks,
    "DP012": findings_for,
    "DP234": _protected_child,
    "DP235": _odd_ids,
    "DP232": _phone_and_email,
    "DP233": _phone_and_email,
    "DP010": findings_for,
    "DP011": lambda tmp: findings_for(
        tmp, BASE_CONFIG + '\n[roster.kontakt_kolonner]\nrelation = "Rolle"\n' + AREAS
    ),
    "DP101": lambda tmp: findings_for(tmp, BASE_CONFIG),
    "DP106": _long_name,
    "DP109": lambda tmp: findings_for(
        tmp, BASE_CONFIG + AREAS.replace("Dagplejen Syd", "Dagplejen Nord")
    ),
    "DP110": lambda tmp: findings_for(
        tmp, BASE_CONFIG + AREAS.replace("Dagplejen Syd", "dagplejen  nord")
    ),
    "DP111": lambda tmp: findings_for(tmp, BASE_CONFIG + AREAS.replace('["Syd"]', '["Ingen"]')),
    "DP112": lambda tmp: findings_for(tmp, BASE_CONFIG + AREAS.replace("AB1235", "AB12")),
    "DP113": lambda tmp: findings_for(tmp, BASE_CONFIG + AREAS.replace("AB1235", "AB1234")),
    "DP114": lambda tmp: _extract(tmp, "1029829825"),
    "DP115": lambda tmp: _extract(tmp, "1003386512"),
    "DP116": lambda tmp: findings_for(
        tmp, BASE_CONFIG.replace('daginstitutionsnummer = "DI0001"', "") + AREAS
    ),
    "DP117": lambda tmp: findings_for(tmp, BASE_CONFIG.replace('"DI0001"', '"AB1235"') + AREAS),
    "DP208": lambda tmp: findings_for(tmp, BASE_CONFIG + "[regler]\nmax_boern = 0\n" + AREAS),
    "DP121": lambda tmp: findings_for(
        tmp, BASE_CONFIG + AREAS.replace('navn = "Dagplejen Syd"', f'navn = "Dagplejen {DP1}"')
    ),
    "DP122": lambda tmp: findings_for(
        tmp, BASE_CONFIG + AREAS.replace('hvor = { Distrikt = ["Syd"] }', 'dagplejere = ["D9"]')
    ),
    # Nord has two dagplejere, Syd one
    "DP120": lambda tmp: findings_for(tmp, BASE_CONFIG + "[regler]\nmax_forskel = 1.5\n" + AREAS),
    "DP210": _protected,
    "DP214": _protected,
    "DP217": _no_ids,
    "DP218": _no_ids,
    "DP240": _shared_name,
    "DP243": lambda tmp: findings_for(tmp, sheets=_with("Børn", 1, 3, "Anne Jensen")),
    "DP242": lambda tmp: findings_for(tmp, sheets=_with("Dagplejere", 1, 4, "")),
    "DP241": _unmapped_ids,
    "DP244": lambda tmp: findings_for(tmp, sheets=_nameless_children()),
    "DP245": lambda tmp: findings_for(tmp, sheets=_row_custody()),
    "DP247": lambda tmp: findings_for(tmp, sheets=_one_sheet_child_without_dagplejer()),
    "DP263": lambda tmp: findings_for(tmp, sheets=_one_sheet_guest_on_some_rows()),
    "DP246": lambda tmp: findings_for(tmp, sheets=_unread_cpr_column()),
    "DP275": lambda tmp: findings_for(tmp, sheets=_unread_cpr_column("0304871237")),
    "DP248": lambda tmp: findings_for(
        tmp, sheets=_with_sheet("Venteliste", [["CPR", "Navn"], [CH1, "Liv Jensen"]])
    ),
    "DP249": lambda tmp: findings_for(tmp, sheets=_no_child_rows()),
    "DP250": lambda tmp: findings_for(tmp, sheets=_with("Børn", 1, 7, "Måske")),
    "DP253": lambda tmp: findings_for(tmp, sheets=_middle_names()),
    "DP254": lambda tmp: findings_for(tmp, sheets=_unread_protection()),
    "DP255": lambda tmp: findings_for(tmp, sheets=_one_row_per_contact()),
    "DP256": lambda tmp: findings_for(tmp, sheets=_with_totals_row()),
    "DP259": lambda tmp: findings_for(tmp, sheets=_long_form()),
    "DP265": lambda tmp: findings_for(tmp, sheets=_dagplejer_under("Stue")),
    "DP266": lambda tmp: findings_for(tmp, sheets=_parents_unread()),
    "DP264": lambda tmp: findings_for(
        tmp,
        BASE_CONFIG + '[roster]\nark = ["Nord", "Syd"]\n' + AREAS.replace("Distrikt =", "Ark ="),
        sheet_per_district(),
    ),
    "DP262": lambda tmp: findings_for(tmp, sheets=_phones_by_role()),
    "DP258": lambda tmp: findings_for(
        tmp,
        BASE_CONFIG + AREAS + '[roster]\nraekke_myndighed = "navngivet"\n',
        _custody_naming_the_parents(),
    ),
    "DP277": lambda tmp: findings_for(tmp, sheets=_initials_as_ids()),
    "DP278": lambda tmp: findings_for(tmp, sheets=_parents_on_a_sheet_named_otherwise()),
    "DP276": lambda tmp: findings_for(
        tmp,
        BASE_CONFIG + AREAS + '[roster]\nraekke_myndighed = "navngivet"\n',
        _custody_naming_the_parents("Fælles"),
    ),
    "DP257": lambda tmp: _hidden_lookup_sheet(tmp),
    "DP251": lambda tmp: findings_for(tmp, sheets=_children_under_unknown_headers()),
    "DP252": lambda tmp: findings_for(tmp, sheets=_contacts_of_no_child()),
    "DP219": lambda tmp: findings_for(tmp, sheets=with_child_ids("D1", "K-2", "K-3")),
    "DP227": lambda tmp: exported_then(tmp, small_roster(), _with("Børn", 1, 0, NEW_CPR)),
    "DP228": lambda tmp: exported_then(
        tmp, with_child_ids("K1", "K2", "K3"), corrected(with_child_ids("K1", "K2", "K3"))
    ),
    "DP270": lambda tmp: exported_then(
        tmp, with_child_ids("K1", "K2", "K3"), with_child_ids("K1", "K2b", "K3")
    ),
    "DP271": lambda tmp: findings_for(tmp, sheets=_district_on_the_childrens_rows()),
    "DP272": lambda tmp: findings_for(tmp, sheets=_status_under_an_unknown_header()),
    "DP273": lambda tmp: findings_for(tmp, sheets=with_child_ids("K1", "F-0311891238", "K3")),
    "DP274": lambda tmp: findings_for(tmp, sheets=grouped_by_dagplejer()),
    "DP301": _stale,
    **AFSTEM_SCENARIOS,  # afstem's codes (DP4xx), against the registers' files
}


@pytest.mark.parametrize("code", sorted(SCENARIOS))
def test_scenario_raises_its_code(tmp_path: Path, code: str) -> None:
    found = only(SCENARIOS[code](tmp_path), code)
    assert found, code
    assert all(f.severity is all_rules()[code].severity for f in found)
    assert all(renders_in_both_languages(f) for f in found)


def test_rules_catalogues_and_cases_cover_the_same_codes() -> None:
    """Each rule is declared once, has both languages' texts, and a case above that raises it."""
    cases = {c[0] for c in CONFIG_CASES} | {c[0] for c in PERSON_CASES} | set(SCENARIOS)
    assert set(all_rules()) == set(da.FINDINGS) == set(en.FINDINGS) == cases
    for code in da.FINDINGS:
        assert set(da.FINDINGS[code].variants) == set(en.FINDINGS[code].variants), code
        # a variant's own fix: in both languages, for a variant there is
        assert set(da.FINDINGS[code].hints) == set(en.FINDINGS[code].hints), code
        assert set(da.FINDINGS[code].hints) <= set(da.FINDINGS[code].variants), code
        assert all_rules()[code].source, code
    assert set(da.UI) == set(en.UI)
    assert {k: set(v) for k, v in da.TERMS.items()} == {k: set(v) for k, v in en.TERMS.items()}


def test_child_id_rules(tmp_path: Path) -> None:
    same_as_dagplejer = only(findings_for(tmp_path, sheets=with_child_ids("D1", "K", "L")), "DP219")
    assert [(f.location.cell, f.variant) for f in same_as_dagplejer] == [("I2", "")]
    assert "Dagplejere!A2" in message(same_as_dagplejer[0])
    twins = only(findings_for(tmp_path, sheets=with_child_ids("K", "K", "L")), "DP219")
    assert [(f.location.cell, f.variant) for f in twins] == [("I3", "children")]
    assert not only(findings_for(tmp_path, sheets=with_child_ids("K", "L", "M")), "DP219")


def test_substitute_cpr_is_a_warning_not_an_error(tmp_path: Path) -> None:
    substitute = f"{int(CH1[:2]) + 60}{CH1[2:]}"
    findings = findings_for(tmp_path, sheets=_with("Børn", 1, 0, substitute))
    assert not only(findings, "DP201") and not only(findings, "DP209")
    assert [f.severity for f in only(findings, "DP226")] == [Severity.WARNING]


def test_child_ages(tmp_path: Path) -> None:
    config = BASE_CONFIG + "[regler]\nmax_alder = 3\nmax_alder_fejl = 5\n" + AREAS
    four = findings_for(tmp_path, config, _with("Børn", 1, 0, child_cpr(4 * 366, "4568")))
    assert only(four, "DP209") and not only(four, "DP225")
    five = findings_for(tmp_path, config, _with("Børn", 1, 0, child_cpr(5 * 366, "4568")))
    assert not only(five, "DP209") and only(five, "DP225")[0].params["limit"] == 5


def test_same_parent_on_two_rows_with_the_same_details_is_no_finding(tmp_path: Path) -> None:
    sheets = _with("Børn", 2, 4, MOR1)
    sheets["Børn"][2][5] = "Mette Jensen"
    assert not only(findings_for(tmp_path, sheets=sheets), "DP220")


def test_a_dagplejer_who_is_a_parent_has_one_set_of_details(tmp_path: Path) -> None:
    """Anne (D1) is Ida's mother too: Unilogin refuses a person whose details differ between
    two places, so her phone as dagplejer and as mother must agree (a name is DP204's)."""
    sheets = small_roster()
    sheets["Dagplejere"][0].append("Telefon")
    for row in sheets["Dagplejere"][1:]:
        row.append("86 11 11 11")
    sheets["Børn"][0].append("Kontakt1 telefon")
    for row in sheets["Børn"][1:]:
        row.append("")
    sheets["Børn"][3][4:6] = [DP1, "Anne Jensen"]
    sheets["Børn"][3][-1] = "22 22 22 22"
    [found] = only(findings_for(tmp_path, sheets=sheets), "DP220")
    assert (found.variant, found.location.cell) == ("phone", "F4")
    sheets["Børn"][3][-1] = "86111111"
    assert not only(findings_for(tmp_path, sheets=sheets), "DP220")
    sheets["Børn"][3][-1] = "+45 86 11 11 11"  # the same number, as the export writes it
    assert not only(findings_for(tmp_path, sheets=sheets), "DP220")
    sheets["Børn"][3][5] = "Anne Holm"
    findings = findings_for(tmp_path, sheets=sheets)
    assert only(findings, "DP204") and not only(findings, "DP220")


def test_blank_custody_as_the_configuration_decides(tmp_path: Path) -> None:
    sheets = _with("Børn", 1, 7, "")
    parents = BASE_CONFIG + '[roster]\ntom_myndighed = "forældre"\n' + AREAS
    findings = findings_for(tmp_path, parents, sheets)
    assert not only(findings, "DP221") and not only(findings, "DP207")
    no = BASE_CONFIG + '[roster]\ntom_myndighed = "nej"\n' + AREAS
    findings = findings_for(tmp_path, no, sheets)
    assert not only(findings, "DP221") and only(findings, "DP207")


def test_child_age_uses_completed_years() -> None:
    from dagplejecli.domain.identifiers import age_in_years

    assert age_in_years(dt.date(2023, 12, 1), dt.date(2026, 11, 30)) == 2
    assert age_in_years(dt.date(2023, 11, 30), dt.date(2026, 11, 30)) == 3


@pytest.mark.parametrize("code", ["DP121", "DP231"])
def test_a_cpr_in_a_name_is_reported_masked(tmp_path: Path, code: str) -> None:
    import json

    from dagplejecli.render.report import report_json

    sheets = _with("Dagplejere", 1, 2, f"Anne {DP1}")
    config = BASE_CONFIG + AREAS.replace('navn = "Dagplejen Syd"', f'navn = "Dagplejen {DP1}"')
    found = findings_for(tmp_path, config, sheets)
    assert only(found, code)
    text = json.dumps(json.loads(report_json(found, {}, False)), ensure_ascii=False)
    assert DP1 not in text and f"{DP1[:6]}-xxxx" in text


def test_dagplejere_named_only_by_the_childrens_reference_are_not_nameless(
    tmp_path: Path,
) -> None:
    # a booking system's one sheet: each child's dagplejer written «Dagplejer Navn (id)»; the
    # dagplejere are read from those cells, names and all, so no sheet is without names (DP244)
    sheets: Sheets = {
        "Pladser": [
            ["Barn CPR", "Barn fornavn", "Barn efternavn", "Dagplejer", "Distrikt"],
            [CH1, "Liv", "Jensen", "Dagplejer Anne Jensen (41789)", "Nord"],
            [CH2, "Emil", "Ærø", "Dagplejer Bo Ærø (41450)", "Nord"],
        ]
    }
    found = findings_for(tmp_path, sheets=sheets)
    assert not only(found, "DP244"), [message(f) for f in only(found, "DP244")]
    # their CPR numbers are not in the booking system's list: said once, for both
    [missing] = only(found, "DP213")
    assert missing.variant == "no_column" and missing.params["count"] == 2
    assert missing.params["name"] == "Anne Jensen"


def test_a_sheet_without_a_cpr_column_is_one_finding_not_one_per_row(tmp_path: Path) -> None:
    # an HR list without CPR numbers: the fix is a column, said once with the number of
    # dagplejere it concerns, at the sheet (no cell holds the missing number)
    sheets = small_roster()
    for row in sheets["Dagplejere"]:
        del row[1]
    found = findings_for(tmp_path, sheets=sheets)
    [missing] = only(found, "DP213")
    assert (missing.variant, missing.params["count"], missing.params["role"]) == (
        "no_column",
        3,
        "dagplejer",
    )
    assert missing.location.sheet == "Dagplejere" and missing.location.cell is None
    assert "3 personer har intet CPR-nummer" in message(missing)
    assert renders_in_both_languages(missing)
    # with the column, a blank cell is said at its cell, person by person
    sheets = small_roster()
    sheets["Dagplejere"][2][1] = ""
    [blank] = only(findings_for(tmp_path, sheets=sheets), "DP213")
    assert blank.variant == "" and blank.location.cell == "B3"


def test_a_dagplejer_a_guest_carer_on_some_rows_only_is_none(tmp_path: Path) -> None:
    sheets = _one_sheet_guest_on_some_rows()
    planned = plan_roster(write_xlsx(tmp_path / "r.xlsx", sheets), _config(tmp_path))
    assert [d.guest for d in planned.roster.dagplejere] == [False]
    (said,) = only(findings_for(tmp_path, sheets=sheets), "DP263")
    assert said.params["rows"] == "2" and said.params["id"] == "D1"
    # listed in [roster] gaeste: a guest carer, and nothing to say
    listed = BASE_CONFIG + AREAS + '\n[roster]\ngaeste = ["D1"]\n'
    assert not only(findings_for(tmp_path, listed, sheets), "DP263")
    sheets["Børn"][2][4] = "Ja"  # every row agrees: a guest carer
    planned = plan_roster(write_xlsx(tmp_path / "r.xlsx", sheets), _config(tmp_path))
    assert [d.guest for d in planned.roster.dagplejere] == [True]
    assert not only(findings_for(tmp_path, sheets=sheets), "DP263")


def _config(tmp: Path) -> Path:
    path = tmp / "dagpleje.toml"
    path.write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    return path


def test_parents_without_a_cpr_column_are_said_as_parents_with_where_to_get_the_numbers(
    tmp_path: Path,
) -> None:
    # a list that keeps the parents' names but not their CPR numbers: the fix is the numbers
    # from the placement office, in a column beside each parent
    sheets = small_roster()
    sheets["Børn"] = [
        ["CPR", "Fornavn", "Efternavn", "Dagplejer", "Mor", "Far"],
        [CH1, "Liv", "Jensen", "D1", "Mette Jensen", "Ole Jensen"],
        [CH2, "Emil", "Ærø", "D2", "Sara Ærø", ""],
    ]
    found = findings_for(tmp_path, sheets=sheets)
    [missing] = only(found, "DP213")
    assert (missing.variant, missing.params["count"]) == ("no_column_contact", 3)
    assert "Ingen kolonne med CPR-nummer hører til 3 kontaktpersoner" in message(missing)
    assert renders_in_both_languages(missing)
