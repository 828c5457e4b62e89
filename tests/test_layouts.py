"""Layouts a municipality's roster comes in, read through the command line: which sheet plays
which role, and that no sheet or child column is dropped without a word.

All CPR numbers are the synthetic ones of conftest.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import (
    BASE_CONFIG,
    CH1,
    CH2,
    CH3,
    DP1,
    DP2,
    MOR1,
    MOR2,
    no_traceback,
    run_cli,
    write_csv,
    write_xlsx,
)

ONE_AREA = """
[[omraade]]
navn = "Dagplejen"
resten = true
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


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
    assert "cpr=CPR-nr., navn=Efternavn, Fornavn" in init.stdout
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
