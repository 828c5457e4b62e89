"""A number 1 reads in the singular, in both languages: the command line's texts (plural forms
declared in the catalogue, ``ui_count``), the comments ``init`` writes (``config_comment_count``)
and the findings (the form ``one`` when the param ``count`` is 1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dagplejecli.messages import da, en
from dagplejecli.messages.catalogue import Plural, fields
from tests.builders import (
    AREAS,
    BASE_CONFIG,
    CH1,
    MOR1,
    fill_in,
    run_cli,
    said,
    small_roster,
    write_ods,
    write_xlsx,
)

NORD_ONLY = "\n[[omraade]]" + AREAS.split("[[omraade]]")[1]


def one_of_each() -> dict[str, list[list[object]]]:
    """One dagplejer (Nord) with one child with one parent."""
    sheets = small_roster()
    return {"Dagplejere": sheets["Dagplejere"][:2], "Børn": sheets["Børn"][:2]}


def test_every_singular_form_has_the_placeholders_of_its_plural_but_the_count() -> None:
    plurals: list[Plural] = []
    for cat in (da, en):
        for texts in (cat.UI, cat.CONFIG_COMMENTS):
            plurals += [t for t in texts.values() if isinstance(t, Plural)]
        for finding in cat.FINDINGS.values():
            for text in (finding.message, *finding.variants.values()):
                if isinstance(text, Plural):
                    plurals.append(text)
    assert len(plurals) > 30  # the texts that change with a number, in both languages
    for text in plurals:
        assert fields(text.one) <= fields(text.other) | {"n"}, text


@pytest.mark.parametrize(
    ("lang", "wanted"),
    [
        (
            "da",
            (
                "Plan: 1 område fra roster.xlsx",
                "1 dagplejer har intet område:",
                "Barnet er ikke knyttet til sin dagplejer:",
            ),
        ),
        (
            "en",
            (
                "Plan: 1 area from roster.xlsx",
                "1 dagplejer has no area:",
                "The child is not linked to its dagplejer:",
            ),
        ),
    ],
)
def test_plan_of_one_area_one_unassigned_and_one_unlinked_child(
    folder: Path, lang: str, wanted: tuple[str, ...]
) -> None:
    sheets = small_roster()
    sheets["Dagplejere"] = [
        sheets["Dagplejere"][0],
        sheets["Dagplejere"][1],
        sheets["Dagplejere"][3],
    ]
    sheets["Børn"] = [sheets["Børn"][0], [CH1, "Liv", "Jensen", "D9", MOR1, "Mette", "Mor", "Ja"]]
    write_xlsx(folder / "roster.xlsx", sheets)
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + NORD_ONLY, encoding="utf-8")
    result = run_cli("--lang", lang, "plan", "roster.xlsx")
    assert result.exit_code == 1, result.output
    for sentence in wanted:
        assert sentence in said(result.stdout), sentence
    assert "1 områder" not in result.stdout and "1 areas" not in result.stdout


def test_plan_with_one_of_several_children_not_linked(folder: Path) -> None:
    sheets = small_roster()
    sheets["Børn"][1][3] = "D9"
    write_xlsx(folder / "roster.xlsx", sheets)
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    danish = said(run_cli("plan", "roster.xlsx").stdout)
    english = said(run_cli("--lang", "en", "plan", "roster.xlsx").stdout)
    assert "1 af 3 børn er ikke knyttet til sin dagplejer:" in danish
    assert "1 of 3 children is not linked to their dagplejer:" in english


def test_init_of_one_dagplejer_says_it_in_the_singular(folder: Path) -> None:
    write_xlsx(folder / "roster.xlsx", one_of_each())
    danish = run_cli("init", "roster.xlsx", "--kommune", "751")
    assert danish.exit_code == 0, danish.output
    assert "1 dagplejer, 1 barn, 1 kontaktperson" in danish.stdout
    assert "kontaktpersoner: 1 kolonnegruppe" in danish.stdout
    toml = (folder / "dagpleje.toml").read_text("utf-8")
    assert "(1 værdi, 1 dagplejer)" in toml and "[[omraade]]   # 1 dagplejer\n" in toml

    english = run_cli("--lang", "en", "init", "roster.xlsx", "-k", "751", "-o", "en.toml")
    assert "1 dagplejer, 1 child, 1 contact person" in english.stdout
    assert "contact persons: 1 column group" in english.stdout
    toml = (folder / "en.toml").read_text("utf-8")
    assert "(1 value, 1 dagplejer)" in toml and "[[omraade]]   # 1 dagplejer\n" in toml


def test_init_comment_of_one_dagplejer_without_a_value(folder: Path) -> None:
    sheets = small_roster()
    sheets["Dagplejere"][3][7] = ""
    write_xlsx(folder / "roster.xlsx", sheets)
    assert run_cli("init", "roster.xlsx", "-k", "751").exit_code == 0
    assert "# 1 dagplejer uden værdi i «Distrikt»" in (folder / "dagpleje.toml").read_text("utf-8")
    assert (
        run_cli("--lang", "en", "init", "roster.xlsx", "-k", "751", "-o", "en.toml").exit_code == 0
    )
    text = (folder / "en.toml").read_text("utf-8")
    assert "# 1 dagplejer without a value in «Distrikt»" in text


@pytest.mark.parametrize(
    ("lang", "area", "proposal"),
    [
        ("da", "# 1 dagplejer, 1 barn: Aarhus N", "# 1 nyt område af hele postnumre"),
        ("en", "# 1 dagplejer, 1 child: Aarhus N", "# 1 new area of whole postcodes"),
    ],
)
def test_proposal_of_one_area(folder: Path, lang: str, area: str, proposal: str) -> None:
    write_xlsx(folder / "roster.xlsx", one_of_each())
    result = run_cli("--lang", lang, "init", "roster.xlsx", "-k", "751", "--omraader", "1")
    assert result.exit_code == 0, result.output
    text = (folder / "dagpleje.toml").read_text("utf-8")
    assert area in text and proposal in text


def test_too_many_areas_for_one_postcode(folder: Path) -> None:
    write_xlsx(folder / "roster.xlsx", one_of_each())
    result = run_cli("--lang", "en", "init", "roster.xlsx", "-k", "751", "--omraader", "2")
    assert result.exit_code == 2
    assert "the roster has only 1 postcode." in said(result.stderr)


def test_a_three_sheet_roster_says_three_sheets(folder: Path) -> None:
    sheets = small_roster()
    sheets["Børn"] = [["CPR", "Fornavn", "Efternavn", "Dagplejer"], [CH1, "Liv", "Jensen", "D1"]]
    sheets["Kontakter"] = [
        ["Barnets CPR", "CPR", "Navn", "Relation", "Forældremyndighed"],
        [CH1, MOR1, "Mette Jensen", "Mor", "Ja"],
    ]
    write_ods(folder / "roster.ods", sheets)
    assert "Rosteren roster.ods (tre ark):" in run_cli("init", "roster.ods", "-k", "751").stdout
    english = run_cli("--lang", "en", "init", "roster.ods", "-k", "751", "-o", "en.toml")
    assert "The roster roster.ods (three sheets):" in english.stdout


def test_ids_made_for_one_dagplejer(folder: Path) -> None:
    sheets = one_of_each()
    for row in sheets["Dagplejere"]:
        del row[0]  # no id column: the child names its dagplejer
    sheets["Børn"][1][3] = "Anne Jensen"
    write_xlsx(folder / "roster.xlsx", sheets)
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + NORD_ONLY, encoding="utf-8")
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    # the messages as the report gives them (a table's wrapping depends on its other rows)
    danish = said(run_cli("validate", "--format", "json").stdout)
    english = said(run_cli("--lang", "en", "validate", "--format", "json").stdout)
    assert "1 dagplejer har fået et id dannet af navnet" in danish
    assert "1 dagplejer got an id made from the dagplejer's name" in english


def test_one_dagplejer_without_an_address(folder: Path) -> None:
    sheets = small_roster()
    sheets["Dagplejere"][2][4:7] = ["", "", ""]
    write_xlsx(folder / "roster.xlsx", sheets)
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    english = said(run_cli("--lang", "en", "validate").stdout)
    assert "1 of 3 dagplejere is written without an address" in english
    assert "1 af 3 dagplejere skrives uden adresse" in said(run_cli("validate").stdout)


def test_export_refused_for_one_error(folder: Path) -> None:
    write_xlsx(folder / "roster.xlsx", small_roster())
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    config = (folder / "dagpleje.toml").read_text("utf-8")
    (folder / "dagpleje.toml").write_text(config.replace("1003386512", "12"), encoding="utf-8")
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    result = run_cli("--lang", "en", "export", "--target", "dtr")
    assert result.exit_code == 1
    found = re.search(r"validate finds (\d+) (errors?) ", said(result.stderr))
    assert found is not None, result.stderr
    assert found.groups() == ("1", "error")
    danish = run_cli("export", "--target", "dtr")
    assert "validate finder 1 fejl (" in said(danish.stderr)


def test_fill_in_keeps_singular_configuration_valid(folder: Path) -> None:
    write_xlsx(folder / "roster.xlsx", one_of_each())
    assert run_cli("--lang", "en", "init", "roster.xlsx", "-k", "751").exit_code == 0
    fill_in(folder / "dagpleje.toml")
    assert run_cli("plan", "roster.xlsx").exit_code == 0
