"""One normalisation at the door: text cells and configuration values NFC, digits and ids
NFKC, invisible characters in ids and keys refused with the place named."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

from dagplejecli.domain.values import id_key, normalise_digits
from dagplejecli.formats.sheets import read_sheets
from tests.builders import BASE_CONFIG, no_traceback, run_cli, small_roster, write_csv, write_xlsx

NFD_AABY = unicodedata.normalize("NFD", "Åby")
AREAS = """
[[omraade]]
navn = "Dagplejen Åby"
institutionsnummer = "AB1234"
hvor = { Distrikt = ["Åby"] }

[[omraade]]
navn = "Dagplejen Syd"
institutionsnummer = "AB1235"
hvor = { Distrikt = ["Syd"] }
"""


def _roster(district: str) -> dict[str, list[list[object]]]:
    roster = small_roster()
    for row in roster["Dagplejere"][1:]:
        if row[-1] == "Nord":
            row[-1] = district
    return roster


def test_a_decomposed_name_in_the_roster_meets_the_rule(project: Path) -> None:
    assert NFD_AABY != "Åby"
    write_xlsx(project / "roster.xlsx", _roster(NFD_AABY))
    (project / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 0, result.output  # no dagplejer left without an area


def test_a_decomposed_rule_in_the_configuration_meets_the_roster(project: Path) -> None:
    write_csv(project / "roster.csv", _roster("Åby")["Dagplejere"], encoding="utf-8")
    text = BASE_CONFIG + AREAS.replace('["Åby"]', f'["{NFD_AABY}"]')
    (project / "dagpleje.toml").write_text(text, encoding="utf-8")
    result = run_cli("plan", "roster.csv")
    assert result.exit_code == 0, result.output


def test_digits_and_ids_are_folded() -> None:
    assert normalise_digits("\uff18\uff12\uff10\uff10", 4) == ("8200", False)
    assert id_key("\uff24\uff13") == id_key("D3")


def test_an_id_with_an_invisible_character_is_refused_naming_the_cell(project: Path) -> None:
    roster = small_roster()
    roster["Dagplejere"][3][0] = "D\u200b3"
    write_xlsx(project / "roster.xlsx", roster)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2 and no_traceback(result)
    assert "usynligt tegn" in result.stderr and "Dagplejere!A4" in result.stderr


def test_a_configuration_key_with_an_invisible_character_is_refused(project: Path) -> None:
    # a quoted key may hold anything; one with a zero-width space names no column anyone sees
    text = BASE_CONFIG + AREAS.replace('{ Distrikt = ["Syd"] }', '{ "Distr\u200bikt" = ["Syd"] }')
    (project / "dagpleje.toml").write_text(text, encoding="utf-8")
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2 and no_traceback(result)
    assert "usynligt tegn" in result.stderr and "«Distrikt»" in result.stderr
    assert "omraade[2].hvor" in result.stderr


def test_a_combining_mark_written_as_a_reference_is_normalised(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", small_roster())
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    # all ASCII, as some writers store it: every other letter a reference too
    for name in [n for n in parts if n.endswith(".xml")]:
        parts[name] = parts[name].decode().encode("ascii", "xmlcharrefreplace")
    sheet = "xl/worksheets/sheet1.xml"
    assert b"Anne" in parts[sheet]
    parts[sheet] = parts[sheet].replace(b"Anne", b"A&#778;nne", 1)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    names = [c for row in read_sheets(path)[0].rows for c in row if isinstance(c, str)]
    assert "\u00c5nne" in names
