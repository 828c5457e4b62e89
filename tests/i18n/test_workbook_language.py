"""The workbooks written for people (the plan, ``brugere.xlsx``) in the chosen language; the
plan's machine-read part the same in every language."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dagplejecli.messages import da, en
from tests.builders import (
    AREAS4,
    BASE_CONFIG,
    C_HEADER,
    CHILDREN,
    D_HEADER,
    DAGPLEJERE,
    EVERY_CPR,
    WHEN,
    leaked_cprs,
    run_cli,
    small_roster,
    write_secret,
    write_xlsx,
)

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
META_KEYS = ["roster", "roster_json", "roster_sha256", "konfiguration", "konfiguration_sti"]
META_KEYS += ["konfiguration_sha256"]
META_KEYS += ["plan_fingerprint", "dato", "i_pleje", "version"]


@dataclass(frozen=True)
class PlanWords:
    sheets: list[str]  # overview, areas, dagplejere, metadata
    overview: tuple[str, ...]
    areas: tuple[str, ...]
    dagplejere: tuple[str, ...]
    meta: tuple[str, str]
    no_area: str
    series: list[str]


PLAN_DA = PlanWords(
    sheets=["Oversigt", "Områder", "Dagplejere", "Metadata"],
    overview=("Område", "Daginstitution", "Dagplejere", "Børn", "Kontaktpersoner"),
    areas=("Område", "Daginstitution", "P-nummer", "Adresse", "Vejnavn", "Husnr"),
    dagplejere=("Id", "Navn", "Område", "Regel"),
    meta=("Nøgle", "Værdi"),
    no_area="(intet område)",
    series=["Dagplejere", "Børn"],
)
PLAN_EN = PlanWords(
    sheets=["Overview", "Areas", "Dagplejere", "Metadata"],
    overview=("Area", "Daginstitution", "Dagplejere", "Children", "Contact persons"),
    areas=("Area", "Daginstitution", "P-number", "Address", "Street", "House no."),
    dagplejere=("Id", "Name", "Area", "Rule"),
    meta=("Key", "Value"),
    no_area="(no area)",
    series=["Dagplejere", "Children"],
)


def test_workbook_catalogues_have_the_same_keys() -> None:
    assert set(da.WORKBOOKS) == set(en.WORKBOOKS)
    assert all(da.WORKBOOKS.values()) and all(en.WORKBOOKS.values())


def rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    return list(load_workbook(path)[sheet].iter_rows(values_only=True))


def chart_series(path: Path) -> list[tuple[str, str]]:
    """The chart's series: (the header cell it names, its cached name)."""
    with zipfile.ZipFile(path) as zf:
        chart = ET.fromstring(zf.read("xl/charts/chart1.xml"))
    return [
        (ser.findtext(f"{C}tx/{C}strRef/{C}f") or "", ser.findtext(f"{C}tx//{C}v") or "")
        for ser in chart.iter(f"{C}ser")
    ]


def text_of(path: Path) -> str:
    wb = load_workbook(path)
    return " ".join(
        str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v
    )


@pytest.mark.parametrize(("lang", "want"), [((), PLAN_DA), (("--lang", "en"), PLAN_EN)])
def test_the_plan_is_in_the_chosen_language(
    project: Path, lang: tuple[str, ...], want: PlanWords
) -> None:
    sheets = small_roster()
    sheets["Dagplejere"][3][7] = "Vest"  # D3 gets no area: the overview's last row
    write_xlsx(project / "roster.xlsx", sheets)
    assert run_cli(*lang, "plan", "roster.xlsx").exit_code == 1
    path = project / "dagpleje-plan.xlsx"
    overview_sheet, areas_sheet, dagplejere_sheet, meta_sheet = want.sheets
    assert load_workbook(path).sheetnames == want.sheets
    overview = rows(path, overview_sheet)
    assert overview[0][:5] == want.overview
    assert overview[-1][:3] == (want.no_area, None, 1)
    assert rows(path, areas_sheet)[0][:6] == want.areas
    assert rows(path, dagplejere_sheet)[0][:4] == want.dagplejere
    meta = rows(path, meta_sheet)
    assert meta[0] == want.meta and [r[0] for r in meta[1:]] == META_KEYS
    assert chart_series(path) == [
        (f"'{overview_sheet}'!$C$1", want.series[0]),  # the header cells hold the same names
        (f"'{overview_sheet}'!$D$1", want.series[1]),
    ]
    assert leaked_cprs(text_of(path)) == []


def plan_findings(*args: str) -> list[str]:
    """The codes ``validate`` finds (in the language ``args`` choose), none of them about an
    unreadable plan."""
    result = run_cli(*args, "validate", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return [f["code"] for f in json.loads(result.stdout)["findings"]]


@pytest.mark.parametrize(
    ("writer", "reader"), [(("--lang", "en"), ()), ((), ("--lang", "en"))], ids=["en-da", "da-en"]
)
def test_a_plan_written_in_one_language_is_read_in_the_other(
    project: Path, writer: tuple[str, ...], reader: tuple[str, ...]
) -> None:
    assert run_cli(*writer, "plan", "roster.xlsx").exit_code == 0
    codes = plan_findings(*reader)
    assert "DP301" not in codes
    assert codes == plan_findings(*writer)  # as if read in the language it was written in
    text = run_cli(*reader, "validate").output
    assert "DP301" not in text
    assert da.UI["plan_unreadable"] not in text and en.UI["plan_unreadable"] not in text


def test_the_english_plan_is_deterministic(project: Path) -> None:
    for out in ("a.xlsx", "b.xlsx"):
        assert run_cli("--lang", "en", "plan", "roster.xlsx", "--out", out).exit_code == 0
    assert (project / "a.xlsx").read_bytes() == (project / "b.xlsx").read_bytes()


USERS_DA = (
    (
        "Type",
        "LocalPersonId",
        "Navn",
        "CPR",
        "Gruppe",
        "Relation",
        "Forældremyndighed",
        "Beskyttet",
    ),
    {"Dagplejer", "Barn", "Kontaktperson"},
    ("ja", "nej"),
)
USERS_EN = (
    ("Type", "LocalPersonId", "Name", "CPR", "Group", "Relation", "Custody", "Protected"),
    {"Dagplejer", "Child", "Contact person"},
    ("yes", "no"),
)


@pytest.fixture
def exportable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The export tests' four areas, one father without custody; planned in Danish."""
    children = [list(r) for r in CHILDREN]
    children[0][14] = "Nej"  # Liv's father; her mother has custody
    write_xlsx(
        tmp_path / "roster.xlsx",
        {"Dagplejere": [D_HEADER, *DAGPLEJERE], "Børn": [C_HEADER, *children]},
    )
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + AREAS4, encoding="utf-8")
    write_secret(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    return tmp_path


def export_users(folder: Path, out: str = "eksport") -> Path:
    result = run_cli("export", "--target", "unilogin", "--source-datetime", WHEN, "--out", out)
    assert result.exit_code == 0, result.output
    return folder / out / "unilogin/brugere.xlsx"


@pytest.mark.parametrize(("lang", "want"), [("da", USERS_DA), ("en", USERS_EN)])
def test_brugere_xlsx_is_in_the_chosen_language(
    exportable: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    want: tuple[tuple[str, ...], set[str], tuple[str, str]],
) -> None:
    header, types, (yes, no) = want
    monkeypatch.setenv("DAGPLEJE_LANG", lang)
    path = export_users(exportable)
    wb = load_workbook(path)
    assert wb.sheetnames == ["AB0001", "AB0002", "AB0003", "AB0004"]  # institution numbers
    users = [row for ws in wb.worksheets for row in ws.iter_rows(values_only=True)]
    assert {row for row in users if row[0] == "Type"} == {header}
    body = [row for row in users if row[0] != "Type"]
    assert {row[0] for row in body} == types
    assert {row[6] for row in body if row[6]} == {yes, no}  # custody: the father has none
    assert {row[7] for row in body if row[7]} == {yes}  # protected, or an empty cell
    text = text_of(path)
    assert "020375-xxxx" in text and leaked_cprs(text, EVERY_CPR) == []


def test_english_brugere_xlsx_is_deterministic_and_the_register_files_are_not_translated(
    exportable: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    danish = export_users(exportable, "da").parent
    monkeypatch.setenv("DAGPLEJE_LANG", "en")
    assert export_users(exportable, "a").read_bytes() == export_users(exportable, "b").read_bytes()
    english = exportable / "a/unilogin"
    xml = sorted(p.name for p in danish.glob("*.xml"))
    assert xml == ["AB0001.xml", "AB0002.xml", "AB0003.xml", "AB0004.xml"]
    for name in xml:
        assert (english / name).read_bytes() == (danish / name).read_bytes(), name


def test_the_dtr_files_are_the_same_in_both_languages_but_the_workbooks_status(
    exportable: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for lang in ("da", "en"):
        monkeypatch.setenv("DAGPLEJE_LANG", lang)
        assert run_cli("export", "--target", "dtr", "--out", lang).exit_code == 0
    files = sorted(p.name for p in (exportable / "da/dtr").iterdir())
    assert files and files == sorted(p.name for p in (exportable / "en/dtr").iterdir())
    for name in files:
        if name.endswith(".csv"):  # the register's files
            assert (exportable / "en/dtr" / name).read_bytes() == (
                exportable / "da/dtr" / name
            ).read_bytes(), name
    danish = load_workbook(exportable / "da/dtr/dtr-oprettelse.xlsx")
    english = load_workbook(exportable / "en/dtr/dtr-oprettelse.xlsx")
    assert danish.sheetnames == english.sheetnames == ["1 Daginstitutioner", "2 Anvisningsenheder"]
    statuses = {"da": set(), "en": set()}
    for lang, book in (("da", danish), ("en", english)):
        for sheet in book:
            table = list(sheet.iter_rows(values_only=True))
            assert table[0][0] == "Status"
            statuses[lang] |= {str(row[0]).split(" (")[0] for row in table[1:]}
            other = (english if lang == "da" else danish)[sheet.title]
            # everything but the Status column is the register's, the same in both languages
            assert [r[1:] for r in table] == [r[1:] for r in other.iter_rows(values_only=True)]
    assert statuses["da"] <= {"ny", "findes"} and statuses["en"] <= {"new", "exists"}
    assert statuses["da"] and len(statuses["da"]) == len(statuses["en"])
