"""What a user trial with a pladsanvisning export found, through the command line: a child's
dagplejer written as «id - navn», custody written «Fælles» or another word, and a contact
group without a custody column.

Never assume who a child belongs to or who has custody: when the roster is unclear, an error
with the fix. Synthetic CPR numbers only (tests/builders.py).
"""

from __future__ import annotations

import json
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.builders import (
    AREAS,
    BASE_CONFIG,
    CH1,
    CH2,
    CH3,
    FAR1,
    MOR1,
    MOR2,
    custody_in_unilogin,
    leaked_cprs,
    no_traceback,
    run_cli,
    small_roster,
    write_xlsx,
)

FAR2, FAR3, MOR3 = "0304871237", "1709851235", "2511931234"
Sheets = dict[str, list[list[object]]]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def numbered(refs: tuple[object, ...] = ("20100", "20101", "20102")) -> Sheets:
    """The small roster with the dagplejere numbered 20100, 20101 and 20102 (Anne Jensen, Bo
    Ærø, Åse Østergaard) and the children's dagplejer column holding ``refs``."""
    sheets = small_roster()
    for row, ident in zip(sheets["Dagplejere"][1:], (20100, 20101, 20102), strict=True):
        row[0] = ident
    for row, ref in zip(sheets["Børn"][1:], refs, strict=True):
        row[3] = ref
    return sheets


def setup(folder: Path, sheets: Sheets, roster_settings: str = "") -> None:
    write_xlsx(folder / "roster.xlsx", sheets)
    settings = f"\n[roster]\n{roster_settings}\n" if roster_settings else ""
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + settings + AREAS, encoding="utf-8")


def findings(lang: str = "da") -> list[dict[str, object]]:
    report = json.loads(run_cli("--lang", lang, "validate", "--format", "json").stdout)
    found: list[dict[str, object]] = report["findings"]
    return found


def of_code(found: list[dict[str, object]], code: str) -> list[dict[str, object]]:
    return [f for f in found if f["code"] == code]


def groups_of_children(folder: Path) -> dict[str, str]:
    """Each child's CPR → its main group (its dagplejer's), as the exported Unilogin files say."""
    out = {}
    for xml in sorted((folder / "eksport" / "unilogin").glob("*.xml")):
        for person in ET.parse(xml).iter():
            if person.tag.rsplit("}", 1)[-1] != "InstitutionPerson":
                continue
            student = next((e for e in person if e.tag.endswith("Student")), None)
            if student is not None:
                cpr = next(e for e in person.iter() if e.tag.endswith("CivilRegistrationNumber"))
                group = next(e for e in student.iter() if e.tag.endswith("MainGroupId"))
                out[str(cpr.text)] = str(group.text)
    return out


# ----------------------------------------------------------------- «id - navn» references


def test_id_and_name_written_together_link_each_child(folder: Path) -> None:
    setup(folder, numbered(("20100 - Anne Jensen", "Ærø, Bo (20101)", "020102 Åse Østergaard")))
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 0, result.output
    assert "Alle 3 børn er knyttet til deres dagplejer." in result.stdout
    assert not [f for f in findings() if f["severity"] == "fejl"]
    assert run_cli("export", "--target", "unilogin").exit_code == 0
    groups = groups_of_children(folder)
    assert groups == {CH1: "20100", CH2: "20101", CH3: "20102"}


def test_an_id_and_a_name_that_disagree_are_an_error_not_a_pick(folder: Path) -> None:
    # 20100 is Anne Jensen's id; Bo Ærø is another dagplejer
    setup(folder, numbered(("20100 - Bo Ærø", "20101", "20102")))
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 1, result.output
    out = " ".join(result.stdout.split())
    assert "DP240" in out and "«20100»" in out and "«Anne Jensen»" in out and "«Bo Ærø»" in out
    found = of_code(findings(), "DP240")
    assert len(found) == 1 and found[0]["severity"] == "fejl"
    assert found[0]["location"]["cell"] == "D2"  # type: ignore[index]
    assert "skriv kun dagplejerens id" in str(found[0]["hint"])
    english = of_code(findings("en"), "DP240")
    assert "contradict each other" in str(english[0]["message"])
    assert not of_code(findings(), "DP205")  # one finding says it, not two
    refused = run_cli("export", "--target", "unilogin")
    assert refused.exit_code != 0 and no_traceback(refused)
    assert not (folder / "eksport" / "unilogin").exists()


def test_a_name_two_dagplejere_share_is_settled_by_the_id_beside_it(folder: Path) -> None:
    sheets = numbered(("20100 - Anne Jensen", "Anne Jensen", "20102"))
    sheets["Dagplejere"][2][2:4] = ["Anne", "Jensen"]  # 20101 is an Anne Jensen too
    setup(folder, sheets)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 1, result.output
    out = " ".join(result.stdout.split())
    assert "1 af 3 børn er ikke knyttet" in out  # the plain name links no one (DP240) …
    assert "DP240" in out and "«20100» og «20101»" in out
    assert "D3" in out and "D2" not in out  # … the one with the id beside it links


def test_unmapped_id_column_is_found_by_the_id_in_id_and_name(folder: Path) -> None:
    sheets = numbered(("20100 - Anne Jensen", "20101 - Bo Ærø", "20102 - Åse Østergaard"))
    sheets["Dagplejere"][0][0] = "Nøgle"
    setup(folder, sheets)
    result = run_cli("plan", "roster.xlsx")
    out = " ".join(result.stdout.split())
    assert "DP241" in out and '[roster.kolonner] id = "Nøgle"' in out
    (folder / "dagpleje.toml").unlink()
    init = run_cli("init", "roster.xlsx", "--kommune", "751")
    assert init.exit_code == 0, init.output
    config = tomllib.loads((folder / "dagpleje.toml").read_text("utf-8"))
    assert config["roster"]["kolonner"]["id"] == "Nøgle"  # beside the columns read


def test_dp241_never_advises_mapping_the_id_column_that_is_mapped(folder: Path) -> None:
    # the placement system numbers its dagplejere itself: ids the dagplejer sheet lacks
    setup(folder, numbered(("901 - Anne J.", "902 - Bo Æ.", "903 - Åse Ø.")))
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 1, result.output
    found = of_code(findings(), "DP241")
    assert len(found) == 1
    message, hint = str(found[0]["message"]), str(found[0]["hint"])
    assert "«id - navn»" in message and "«Medarbejdernr»" in message
    assert "[roster.kolonner] id, eller" not in message
    assert hint != "Angiv kolonnen med dagplejernes id under [roster.kolonner]."
    assert "«Medarbejdernr»" in hint
    english = of_code(findings("en"), "DP241")
    assert "«id - name»" in str(english[0]["message"])
    # values that are neither id, CPR nor name: said so, with the id column named
    setup(folder, numbered(("Gul stue", "Rød stue", "Blå stue")))
    run_cli("plan", "roster.xlsx")
    found = of_code(findings(), "DP241")
    message, hint = str(found[0]["message"]), str(found[0]["hint"])
    assert "hverken er et id i dagplejernes id-kolonne «Medarbejdernr»" in message
    assert "[roster.boern_kolonner] dagplejer" in hint
    assert "Angiv kolonnen med dagplejernes id" not in message + hint


# ------------------------------------------------------------------------------- custody


SHEETS = 'ark = "Dagplejere"\nboern_ark = "Børn"'  # as the trial's init wrote them


def placement_roster(custody: tuple[object, object, object, object]) -> Sheets:
    """Children as a pladsanvisning writes them: «Forælder 1 …» and «Forælder 2 …» groups,
    custody in each parent's own column (``custody``: the first two children's parents)."""
    sheets = small_roster()
    header = ["Barnets CPR", "Barnets navn", "Dagplejer"]
    for n in (1, 2):
        header += [f"Forælder {n} {f}" for f in ("CPR", "navn", "relation", "forældremyndighed")]
    sheets["Børn"] = [
        header,
        [
            CH1,
            "Liv Jensen",
            "D1",
            MOR1,
            "Mette Jensen",
            "Mor",
            custody[0],
            FAR1,
            "Ole Jensen",
            "Far",
            custody[1],
        ],
        [
            CH2,
            "Emil Ærø",
            "D2",
            MOR2,
            "Sara Ærø",
            "Mor",
            custody[2],
            FAR2,
            "Per Ærø",
            "Far",
            custody[3],
        ],
    ]
    return sheets


def test_faelles_in_a_parents_own_column_is_custody(folder: Path) -> None:
    setup(folder, placement_roster(("Fælles", "fælles forældremyndighed", "Ja", "Nej")), SHEETS)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    found = findings()
    assert not of_code(found, "DP214") and not of_code(found, "DP250")
    assert run_cli("export", "--target", "unilogin").exit_code == 0
    assert custody_in_unilogin(folder) == {MOR1: True, FAR1: True, MOR2: True, FAR2: False}


def test_a_custody_value_neither_yes_nor_no_is_an_error_and_refuses_the_export(
    folder: Path,
) -> None:
    setup(folder, placement_roster(("Delt", "Ja", "Ja", f"se {FAR2}")), SHEETS)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    found = findings()
    assert not of_code(found, "DP214")
    unread = of_code(found, "DP250")
    assert [(f["severity"], f["location"]["cell"]) for f in unread] == [  # type: ignore[index]
        ("fejl", "G2"),
        ("fejl", "K3"),
    ]
    first = str(unread[0]["message"])
    assert "«Delt»" in first and "«Forælder 1 forældremyndighed»" in first
    assert "Mette Jensen" in first
    assert unread[0]["hint"] == "Skriv Ja eller Nej i cellen."
    assert not leaked_cprs(json.dumps(unread, ensure_ascii=False), (FAR2,))
    english = of_code(findings("en"), "DP250")
    assert "is neither Ja nor Nej" in str(english[0]["message"])
    refused = run_cli("export", "--target", "unilogin")
    assert refused.exit_code != 0 and no_traceback(refused)
    assert not (folder / "eksport" / "unilogin").exists()
    assert not of_code(found, "DP221")  # the cell is not blank: one finding, not two


def test_faelles_on_the_childs_row_says_no_one_and_is_an_error(folder: Path) -> None:
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
        [CH2, "Emil", "Ærø", "D2", MOR2, "Sara Ærø", FAR2, "Per Ærø", "Ja"],
    ]
    setup(folder, sheets, 'raekke_myndighed = "alle"')
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    unread = of_code(findings(), "DP250")
    assert [f["location"]["cell"] for f in unread] == ["I2"]  # type: ignore[index]
    assert "siger ikke, hvem af rækkens kontaktpersoner" in str(unread[0]["message"])
    assert "«Mor myndighed» og «Far myndighed»" in str(unread[0]["hint"])
    assert run_cli("export", "--target", "unilogin").exit_code != 0


def test_dp214_names_the_column_as_its_header_is_written(folder: Path) -> None:
    sheets = small_roster()
    sheets["Børn"][0].append("Navne- og adressebeskyttelse")
    sheets["Børn"][1].append("måske")
    setup(folder, sheets)
    run_cli("plan", "roster.xlsx")
    unsure = of_code(findings(), "DP214")
    assert "i kolonnen «Navne- og adressebeskyttelse»" in str(unsure[0]["message"])
    assert "kolonnen beskyttet" not in str(unsure[0]["message"])


def test_a_contact_group_without_a_custody_column_is_told_which_to_add(folder: Path) -> None:
    sheets = small_roster()
    sheets["Børn"] = [
        [
            "CPR",
            "Fornavn",
            "Efternavn",
            "Dagplejer",
            "Mor CPR",
            "Mor navn",
            "Mor myndighed",
            "CPR far",
            "Navn far",
            "Forælder 3 CPR",
            "Forælder 3 navn",
            "Forælder 3 relation",
        ],
        [
            CH1,
            "Liv",
            "Jensen",
            "D1",
            MOR1,
            "Mette Jensen",
            "Ja",
            FAR1,
            "Ole Jensen",
            MOR3,
            "Lis Berg",
            "Andet",
        ],
    ]
    setup(folder, sheets)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    blank = of_code(findings(), "DP221")
    assert [f["location"]["cell"] for f in blank] == ["H2", "J2"]  # type: ignore[index]
    far, third = (str(f["hint"]) for f in blank)
    assert "Tilføj en kolonne «Far myndighed»" in far and "tom_myndighed" in far
    assert "Tilføj en kolonne «Forælder 3 myndighed»" in third
    assert "Skriv Ja eller Nej i cellen" not in far + third
    assert "ingen kolonne for forældremyndighed" in str(blank[0]["message"])
    english = of_code(findings("en"), "DP221")
    assert "Add a column «Far myndighed»" in str(english[0]["hint"])
    # the columns it names are read as those contacts' custody
    sheets["Børn"][0] += ["Far myndighed", "Forælder 3 myndighed"]
    sheets["Børn"][1] += ["Nej", "Ja"]
    setup(folder, sheets)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    assert not of_code(findings(), "DP221")
    assert run_cli("export", "--target", "unilogin").exit_code == 0
    assert custody_in_unilogin(folder) == {MOR1: True, FAR1: False, MOR3: True}
    # a blank cell in a custody column there is: the fix in the cell, as before
    setup(folder, placement_roster(("Ja", "", "Ja", "Nej")), SHEETS)
    run_cli("plan", "roster.xlsx")
    blank = of_code(findings(), "DP221")
    assert [f["location"]["cell"] for f in blank] == ["K2"]  # type: ignore[index]
    assert str(blank[0]["hint"]).startswith("Skriv Ja eller Nej i cellen")
