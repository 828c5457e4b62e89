"""A child's dagplejer written as «id - navn», as a pladsanvisning export writes it, through
the command line (custody written that way: ``tests/custody/test_custody_columns.py``).

Never assume who a child belongs to: when the roster is unclear, an error with the fix.
Synthetic CPR numbers only (tests/builders.py).
"""

from __future__ import annotations

import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.builders import (
    CH1,
    CH2,
    CH3,
    Sheets,
    findings,
    no_traceback,
    of_code,
    run_cli,
    setup,
    small_roster,
)


def numbered(refs: tuple[object, ...] = ("20100", "20101", "20102")) -> Sheets:
    """The small roster with the dagplejere numbered 20100, 20101 and 20102 (Anne Jensen, Bo
    Ærø, Åse Østergaard) and the children's dagplejer column holding ``refs``."""
    sheets = small_roster()
    for row, ident in zip(sheets["Dagplejere"][1:], (20100, 20101, 20102), strict=True):
        row[0] = ident
    for row, ref in zip(sheets["Børn"][1:], refs, strict=True):
        row[3] = ref
    return sheets


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
