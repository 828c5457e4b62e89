"""CPR numbers are masked in every spelling the reader accepts, by one masker, in every text
that reaches a person: messages, the JSON report, the plan and brugere.xlsx."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dagplejecli.domain.identifiers import mask_cpr_in_text
from tests.builders import CH2, DP1, DP2, DP3, MOR1, no_traceback, run_cli, small_roster, write_xlsx

STRAY = "0506771234"  # synthetic; belongs to nobody in the roster
SPELLINGS = ["0506771234", "050677-1234", "050677 1234", "05.06.77.1234", "05/06/77-1234",
             "'0506771234", "050677.1234", "05-06-77-1234"]  # fmt: skip


def leaked(text: str, cpr: str = STRAY) -> bool:
    """The full number in ``text`` in any spelling (separators removed before looking)."""
    return cpr in re.sub(r"[\s\-./']", "", text)


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_the_masker_knows_every_spelling(spelling: str) -> None:
    masked = mask_cpr_in_text(f"Dagplejer {spelling} findes ikke")
    assert masked == "Dagplejer 050677-xxxx findes ikke" or masked.endswith("-xxxx findes ikke")
    assert not leaked(masked)


def test_a_p_number_with_no_date_is_left_alone() -> None:
    assert mask_cpr_in_text("P-nummer 1029829825") == "P-nummer 1029829825"


@pytest.mark.parametrize("spelling", ["05.06.77.1234", "05/06/77-1234", "'0506771234"])
def test_a_reference_in_any_spelling_is_masked_in_text_and_json(
    project: Path, spelling: str
) -> None:
    sheets = small_roster()
    sheets["Børn"][1][3] = spelling  # the child's dagplejer, as a CPR nobody has
    write_xlsx(project / "roster.xlsx", sheets)
    assert run_cli("plan", "roster.xlsx").exit_code in (0, 1)
    text = run_cli("validate")
    assert text.exit_code == 1 and no_traceback(text)
    assert "050677-xxxx" in text.output and not leaked(text.output)
    as_json = run_cli("validate", "--format", "json")
    assert "050677-xxxx" in as_json.stdout and not leaked(as_json.output)


def test_a_cpr_column_as_id_column_is_an_error_with_the_fix(project: Path) -> None:
    sheets = small_roster()
    for row, cpr in zip(sheets["Dagplejere"][1:], (DP1, DP2, DP3), strict=True):
        row[0] = cpr  # Medarbejdernr = CPR
    for row, cpr in zip(sheets["Børn"][1:], (DP1, DP2, DP3), strict=True):
        row[3] = cpr
    write_xlsx(project / "roster.xlsx", sheets)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2 and no_traceback(result)
    assert "Id-kolonnen (kolonne A) indeholder CPR-numre" in result.stderr
    assert "Dagplejere!A2" in result.stderr and "[roster.kolonner] id" in result.stderr
    assert not any(leaked(result.output, c) for c in (DP1, DP2, DP3))
    assert not (project / "dagpleje-plan.xlsx").exists()


def test_an_id_made_of_a_cpr_number_is_refused_like_one(project: Path) -> None:
    """«B» and the child's CPR number: a CPR number inside an id would reach Unilogin's
    LocalPersonId, which is not filtered as the CPR element is."""
    sheets = small_roster()
    sheets["Børn"][0].append("Barn id")
    for row, ident in zip(sheets["Børn"][1:], ("K1", f"B{CH2}", "K3"), strict=True):
        row.append(ident)
    write_xlsx(project / "roster.xlsx", sheets)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2 and no_traceback(result)
    assert "Børn!I3" in result.stderr and not leaked(result.output, CH2)
    assert not (project / "dagpleje-plan.xlsx").exists()
    # a parent's CPR number with a serial after it: the digits read together
    sheets["Børn"][2][-1] = f"F{MOR1}001"
    write_xlsx(project / "roster.xlsx", sheets)
    refused = run_cli("plan", "roster.xlsx")
    assert refused.exit_code == 2
    # the example in the message is masked too, though no masker finds a CPR number run
    # together with other digits: its last four digits are hidden where the check found them
    assert MOR1 not in refused.output and f"F{MOR1[:6]}xxxx001" in refused.stderr
    # … also when the id is refused for an invisible character in it
    sheets["Børn"][2][-1] = f"F{MOR1}001\u200b"
    write_xlsx(project / "roster.xlsx", sheets)
    refused = run_cli("plan", "roster.xlsx")
    assert refused.exit_code == 2 and MOR1 not in refused.output, refused.output
    # digits that only look like a date, and no one's CPR number, make an id; one that reads
    # as a CPR number with a real birth date is said (a family's key of a parent not listed)
    for ident, said in (("B1234567890", False), ("P-15012024-03", False), ("F-0311891238", True)):
        sheets["Børn"][2][-1] = ident
        write_xlsx(project / "roster.xlsx", sheets)
        assert run_cli("plan", "roster.xlsx").exit_code == 0, ident
        found = json.loads(run_cli("validate", "--format", "json").stdout)["findings"]
        assert ("DP273" in {f["code"] for f in found}) is said, ident


def cells(path: Path) -> str:
    wb = load_workbook(path, read_only=True)
    return "\n".join(
        str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v
    )


def test_a_cpr_typed_into_a_name_or_district_is_not_copied_out(project: Path) -> None:
    sheets = small_roster()
    sheets["Dagplejere"][1][2] = "Anne 05.06.77.1234"  # first name
    sheets["Dagplejere"][2][2] = "Bo 050677 1234"
    sheets["Dagplejere"][2][7] = "Nord 050677-1234"  # Distrikt: matches no area
    write_xlsx(project / "roster.xlsx", sheets)
    planned = run_cli("plan", "roster.xlsx")
    assert planned.exit_code == 1  # D2 has no area
    assert "050677-xxxx" in planned.output and not leaked(planned.output)
    plan_cells = cells(project / "dagpleje-plan.xlsx")
    assert "050677-xxxx" in plan_cells and not leaked(plan_cells)
    sheets["Dagplejere"][2][7] = "Nord"
    write_xlsx(project / "roster.xlsx", sheets)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    # the Unilogin XML would carry the names as they are: a CPR in a name stops the export
    exported = run_cli("export", "--target", "unilogin")
    assert exported.exit_code == 1 and "DP231" in exported.output, exported.output
    assert not (project / "eksport" / "unilogin").exists() and not leaked(exported.output)
    shown = run_cli("validate")
    assert "050677-xxxx" in shown.output and not leaked(shown.output)
