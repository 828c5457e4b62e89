"""Every word in the current language: the DTR workbook's status, the rule of the rest area,
a TOML syntax error (Python's English), and the plan's roster columns beside its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.builders import AREAS, BASE_CONFIG, no_traceback, run_cli, said, small_roster, write_xlsx

REST = '\n[[omraade]]\nnavn = "Dagplejen Resten"\nresten = true\n'


def test_the_dtr_workbook_says_its_status_in_english(project: Path) -> None:
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    assert run_cli("--lang", "en", "export", "--target", "dtr").exit_code == 0
    book = load_workbook(project / "eksport/dtr/dtr-oprettelse.xlsx")
    statuses = [row[0] for sheet in book for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert statuses == ["exists (DI0001)", "exists (AB1234)", "exists (AB1235)"]
    assert book.sheetnames == ["1 Daginstitutioner", "2 Anvisningsenheder"]


@pytest.mark.parametrize(("lang", "rule"), [("da", "resten"), ("en", "the rest (resten = true)")])
def test_the_rest_areas_rule_in_the_current_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, rule: str
) -> None:
    monkeypatch.chdir(tmp_path)
    sheets = small_roster()
    sheets["Dagplejere"][3][7] = "Vest"  # in no area but the rest
    write_xlsx(tmp_path / "roster.xlsx", sheets)
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + AREAS + REST, encoding="utf-8")
    result = run_cli("--lang", lang, "plan", "roster.xlsx")
    assert result.exit_code == 0, result.output
    rules = [
        row[3]
        for row in load_workbook(tmp_path / "dagpleje-plan.xlsx")
        .worksheets[2]
        .iter_rows(min_row=2, values_only=True)
    ]
    assert rules == ["Distrikt = Nord", "Distrikt = Nord", rule]
    assert rule in said(result.stdout)


def test_the_plan_fingerprint_does_not_depend_on_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    sheets = small_roster()
    sheets["Dagplejere"][3][7] = "Vest"
    write_xlsx(tmp_path / "roster.xlsx", sheets)
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + AREAS + REST, encoding="utf-8")
    assert run_cli("--lang", "en", "plan", "roster.xlsx").exit_code == 0
    assert run_cli("validate").exit_code == 0  # no DP301: the English plan is current in Danish


TOML_CASES = [
    (
        'navn = "Dagplejen Nord\nkode = 751\n',
        (
            "en tekst mangler sit afsluttende anførselstegn (linje 1, kolonne 23)",
            'Afslut teksten med "',
        ),
        ("a text lacks its closing quote (line 1, column 23)", 'End the text with "'),
    ),
    (
        "[kommune]\nnavn = Dagplejen Nord\n",
        (
            "hverken et tal, true/false, en liste eller en tekst i anførselstegn (linje 2, kolonne 8)",
            "Sæt tekst i anførselstegn",
        ),
        (
            "neither a number, true/false, a list nor a text in quotes (line 2, column 8)",
            "Put text in quotes",
        ),
    ),
    (
        "[kommune]\nkode = 751\nkode = 461\n",
        ("en nøgle står to gange i samme tabel (linje 3,", "hver nøgle må kun stå én gang"),
        ("a key is given twice in the same table (line 3,", "each key may be given once"),
    ),
    (
        "[kommune\nkode = 751\n",
        ("linjen kan ikke læses (linje 1, kolonne 9)", "Ret linjen, der nævnes."),
        ("the line cannot be read (line 1, column 9)", "Correct the line mentioned."),
    ),
]


@pytest.mark.parametrize(("text", "danish", "english"), TOML_CASES)
def test_a_toml_syntax_error_is_explained_in_the_current_language(
    project: Path, text: str, danish: tuple[str, str], english: tuple[str, str]
) -> None:
    (project / "dagpleje.toml").write_text(text, encoding="utf-8")
    for lang, (problem, hint) in (("da", danish), ("en", english)):
        result = run_cli("--lang", lang, "plan", "roster.xlsx")
        assert result.exit_code == 2 and no_traceback(result)
        err = said(result.stderr)
        assert problem in err and hint in err, err
        for python in ("Illegal character", "Invalid value", "Cannot", "Expected", "(at "):
            assert python not in err, err


def test_the_plans_roster_columns_are_told_from_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    sheets = small_roster()
    sheets["Dagplejere"][0][7] = "Område"
    write_xlsx(tmp_path / "roster.xlsx", sheets)
    areas = AREAS.replace("Distrikt", '"Område"')
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + areas, encoding="utf-8")
    for lang, area in (("da", "Område"), ("en", "Area")):
        assert run_cli("--lang", lang, "plan", "roster.xlsx").exit_code == 0
        sheet = load_workbook(tmp_path / "dagpleje-plan.xlsx").worksheets[2]
        header = next(sheet.iter_rows(max_row=1, values_only=True))
        assert header[2] == area and header[-1] == "Område (roster)", header
        assert len(set(header)) == len(header)


def test_english_texts_name_the_date_format_in_english() -> None:
    """«ÅÅÅÅ-MM-DD» is the Danish way to write the format: English says YYYY-MM-DD."""
    from pathlib import Path

    import dagplejecli.messages

    catalogue = Path(dagplejecli.messages.__file__).with_name("catalogue.toml")
    english = [line for line in catalogue.read_text("utf-8").splitlines() if '.en = "' in line]
    assert english
    assert [line for line in english if "ÅÅÅÅ" in line] == []
