"""Broken and hostile input, generated here: a clear message, exit 2 (or 1), nothing written.

Each case is tried as a new user would: ``dagpleje plan FILE`` in a folder with a good
configuration. None may print a traceback, take more than seconds, or leave a file behind.
"""

from __future__ import annotations

import faulthandler
import os
import random
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.builders import (
    AREAS,
    BASE_CONFIG,
    no_traceback,
    run_cli,
    small_roster,
    write_csv,
    write_xlsx,
)

# A bound no machine should reach (each case takes well under a second): a parser that hangs
# past it ends the run with every thread's traceback (faulthandler). Nothing here measures
# speed: no test asserts how long it took. The tests so guarded are marked ``slow``.
SECONDS = 120


@pytest.fixture
def no_hang() -> Iterator[None]:
    """A hang ends the test process with its traceback after SECONDS, instead of waiting."""
    faulthandler.dump_traceback_later(SECONDS, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


def _good(path: Path) -> Path:
    return write_xlsx(path, small_roster())


def empty_file(folder: Path) -> Path:
    (folder / "tom.xlsx").write_bytes(b"")
    return folder / "tom.xlsx"


def text_renamed(folder: Path) -> Path:
    (folder / "tekst.xlsx").write_text("Navn;CPR\nAnne;0203751236\n", encoding="utf-8")
    return folder / "tekst.xlsx"


def truncated(folder: Path) -> Path:
    data = _good(folder / "hel.xlsx").read_bytes()
    (folder / "hel.xlsx").unlink()
    (folder / "halv.xlsx").write_bytes(data[: len(data) // 2])
    return folder / "halv.xlsx"


def random_bytes(folder: Path) -> Path:
    (folder / "støj.xlsx").write_bytes(random.Random(5).randbytes(20000))
    return folder / "støj.xlsx"


def _replace_member(src: Path, dst: Path, member: str, data: bytes) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, data if item.filename == member else zin.read(item.filename))
    src.unlink()
    return dst


def entity_bomb(folder: Path) -> Path:
    entities = '<!ENTITY a "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)
    )
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Navn</t></is></c><c r="B1" t="inlineStr"><is><t>CPR</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>'
    )
    return _replace_member(
        _good(folder / "base.xlsx"),
        folder / "bombe.xlsx",
        "xl/worksheets/sheet1.xml",
        sheet.encode(),
    )


def zip_bomb(folder: Path) -> Path:
    path = folder / "zipbombe.xlsx"
    base = _good(folder / "base.xlsx")
    with (
        zipfile.ZipFile(base) as zin,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout,
    ):
        for item in zin.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with zout.open(item.filename, "w", force_zip64=True) as fh:
                    chunk = b" " * (1 << 20)
                    for _ in range(320):  # 320 MB of spaces, about 1.5 MB packed
                        fh.write(chunk)
            else:
                zout.writestr(item, zin.read(item.filename))
    base.unlink()
    return path


def headers_only(folder: Path) -> Path:
    sheets = small_roster()
    sheets = {"Dagplejere": sheets["Dagplejere"][:1], "Børn": sheets["Børn"][:1]}
    return write_xlsx(folder / "overskrifter.xlsx", sheets)


def no_recognisable_sheet(folder: Path) -> Path:
    return write_xlsx(folder / "forkert.xlsx", {"Ark1": [["Hej", "med", "dig"], [1, 2, 3]]})


def missing_required_column(folder: Path) -> Path:
    sheets = small_roster()
    for row in sheets["Børn"]:
        del row[3]  # the child's dagplejer
    return write_xlsx(folder / "mangler.xlsx", sheets)


def merged_header(folder: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Dagplejere"
    ws.append(["Dagplejer", None, None, "Område"])
    ws.append(["Medarbejdernr", "CPR", "Navn", "Distrikt"])
    ws.append(["D1", "0203751236", "Anne Jensen", "Nord"])
    ws.merge_cells("A1:C1")
    wb.save(folder / "flettet.xlsx")
    return folder / "flettet.xlsx"


def formulas_without_values(folder: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Dagplejere"
    ws.append(["Medarbejdernr", "CPR", "Navn", "Distrikt"])
    ws.append(["D1", '=CONCATENATE("0203","751236")', "Anne Jensen", "Nord"])
    wb.save(folder / "formler.xlsx")
    return folder / "formler.xlsx"


def utf16_csv_without_bom(folder: Path) -> Path:
    path = folder / "utf16.csv"
    path.write_bytes("Medarbejdernr;CPR;Navn\nD1;0203751236;Anne\n".encode("utf-16-le"))
    return path


def folder_as_roster(folder: Path) -> Path:
    (folder / "mappe.xlsx").mkdir()
    return folder / "mappe.xlsx"


def missing_path(folder: Path) -> Path:
    return folder / "findes-ikke.xlsx"


def unknown_suffix(folder: Path) -> Path:
    (folder / "roster.pdf").write_bytes(b"%PDF-1.4")
    return folder / "roster.pdf"


CASES: list[tuple[Callable[[Path], Path], int, str]] = [
    (empty_file, 2, "tom fil"),
    (text_renamed, 2, "ikke et gyldigt regneark"),
    (truncated, 2, "regneark"),
    (random_bytes, 2, "regneark"),
    (entity_bomb, 2, "entitet"),
    (zip_bomb, 2, "udpakket"),
    (headers_only, 2, "ingen dagplejere"),
    (no_recognisable_sheet, 2, "overskriftsrække"),
    (missing_required_column, 2, "mangler en kolonne for dagplejer"),
    (merged_header, 0, "Planen er skrevet"),
    (formulas_without_values, 2, "formler uden beregnede værdier"),
    (utf16_csv_without_bom, 2, "ikke tekst"),
    (folder_as_roster, 2, "mappe"),
    (missing_path, 2, "findes ikke"),
    (unknown_suffix, 2, "Filtypen .pdf"),
]


@pytest.mark.slow
@pytest.mark.usefixtures("no_hang")
@pytest.mark.parametrize(("make", "code", "words"), CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_roster(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[Path], Path],
    code: int,
    words: str,
) -> None:
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    roster = make(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = set(os.listdir(tmp_path))
    result = run_cli("plan", roster.name)
    assert result.exit_code == code, result.output
    assert no_traceback(result)
    assert words in result.output
    if code == 2:
        assert roster.name in result.output
        assert set(os.listdir(tmp_path)) == before


@pytest.mark.parametrize(
    ("make", "code", "words"),
    [c for c in CASES if c[1] == 2],
    ids=[c[0].__name__ for c in CASES if c[1] == 2],
)
def test_bad_roster_without_any_configuration(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[Path], Path],
    code: int,
    words: str,
) -> None:
    """A new user's first command: the roster's problem is named, not the missing configuration."""
    roster = make(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = set(os.listdir(tmp_path))
    result = run_cli("plan", roster.name)
    assert result.exit_code == 2 and no_traceback(result)
    assert words in result.output and roster.name in result.output
    assert set(os.listdir(tmp_path)) == before


def test_good_roster_without_configuration_points_to_init(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_xlsx(tmp_path / "roster.xlsx", small_roster())
    monkeypatch.chdir(tmp_path)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2 and "dagpleje init" in result.stderr


def test_formula_cell_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    formulas_without_values(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert "Dagplejere!B2" in run_cli("plan", "formler.xlsx").stderr


CONFIG_CASES = [
    ("[kommune\nkode = 751\n", "linje 1"),
    ("[kommune]\nkode = 751\n[standard]\npnummer = 1003386512\n", "standard.pnummer"),
    ("[kommune]\nkode = 751\n[standardd]\n", "standardd"),
    ("[kommune]\nkode = [751]\n", "kommune.kode"),
    ('[kommune]\nkode = 751\n[[omraade]]\nnavn = "A"\nresten = "ja"\n', "omraade[1].resten"),
    ("\x00\x01", "TOML"),
]


@pytest.mark.parametrize(("text", "words"), CONFIG_CASES)
def test_bad_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, words: str
) -> None:
    write_xlsx(tmp_path / "roster.xlsx", small_roster())
    (tmp_path / "dagpleje.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2
    assert words in result.stderr.replace("line", "linje") and "dagpleje.toml" in result.stderr
    assert no_traceback(result)
    assert not (tmp_path / "dagpleje-plan.xlsx").exists()


def test_config_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_xlsx(tmp_path / "roster.xlsx", small_roster())
    (tmp_path / "dagpleje.toml").write_bytes(
        '[kommune]\nkode = 751\nnavn = "Århus"\n'.encode("cp1252")
    )
    monkeypatch.chdir(tmp_path)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2 and "UTF-8" in result.stderr


def test_csv_with_odd_encoding_still_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    write_csv(tmp_path / "r.csv", small_roster()["Dagplejere"], encoding="latin-1")
    monkeypatch.chdir(tmp_path)
    assert run_cli("plan", "r.csv").exit_code == 0


@pytest.mark.slow
@pytest.mark.usefixtures("no_hang")
def test_calamine_itself_refuses_entity_declarations(tmp_path: Path) -> None:
    """Documents the reader's own behaviour behind our guard: custom entities are not expanded."""
    from python_calamine import CalamineWorkbook

    path = entity_bomb(tmp_path)
    workbook = CalamineWorkbook.from_path(str(path))
    with pytest.raises(Exception, match="entity"):
        workbook.get_sheet_by_name(workbook.sheet_names[0]).to_python()
