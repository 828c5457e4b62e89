"""Custody as a pladsanvisning export writes it, through the command line: «Fælles» or another
word in a parent's own custody column or on the child's row, and a contact group without a
custody column.

Never assume who has custody: when the roster is unclear, an error with the fix. Synthetic CPR
numbers only (tests/builders.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.builders import (
    CH1,
    CH2,
    FAR1,
    FAR2,
    MOR1,
    MOR2,
    MOR3,
    Sheets,
    custody_in_unilogin,
    findings,
    leaked_cprs,
    no_traceback,
    of_code,
    run_cli,
    setup,
    small_roster,
)

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
