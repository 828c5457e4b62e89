"""Bounded reading: a small hostile file is refused by its claimed size before it is parsed,
with a message that names the stray cell, the line or the file."""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dagplejecli.formats import sheets
from dagplejecli.formats.sheets import RawSheet
from tests.builders import (
    AREAS,
    BASE_CONFIG,
    no_traceback,
    ods_with,
    run_cli,
    small_roster,
    write_xlsx,
)

needs_fifo = pytest.mark.skipif(sys.platform == "win32", reason="no FIFOs on Windows")


def parsed_workbooks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The workbooks given to the parser (calamine) from now on: a file refused by its claimed
    size is refused before it is parsed, so none."""
    parsed: list[Path] = []
    parse = sheets._read_workbook

    def counted(path: Path, raw: bytes) -> list[RawSheet]:
        parsed.append(path)
        return parse(path, raw)

    monkeypatch.setattr(sheets, "_read_workbook", counted)
    return parsed


def with_stray_cell(path: Path, ref: str) -> Path:
    write_xlsx(path, small_roster())
    wb = load_workbook(path)
    wb["Børn"][ref] = "x"
    wb.save(path)
    return path


@pytest.mark.parametrize("ref", ["XFD1048576", "AZZ300000", "ZZ40000", "B600000"])
def test_a_stray_cell_far_away_is_named_before_parsing(
    project: Path, ref: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_stray_cell(project / "roster.xlsx", ref)
    assert (project / "roster.xlsx").stat().st_size < 20_000
    parsed = parsed_workbooks(monkeypatch)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2 and no_traceback(result)
    assert f"roster.xlsx, Børn!{ref}" in result.stderr
    assert f"Slet indholdet og formateringen af cellen {ref}" in result.stderr
    assert parsed == []


def test_a_long_but_real_roster_is_read(project: Path) -> None:
    with_stray_cell(project / "roster.xlsx", "Z20000")  # 26 columns x 20,000 rows: allowed
    assert run_cli("plan", "roster.xlsx").exit_code in (0, 1)


def config_result(project: Path, text: str) -> str:
    (project / "dagpleje.toml").write_text(text, encoding="utf-8")
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2 and no_traceback(result), result.output
    return result.stderr


def test_configuration_shape_is_bounded(project: Path) -> None:
    dotted = "x" + ".x" * 20_000 + " = 1\n"
    assert "punktummer" in config_result(project, BASE_CONFIG + dotted)
    nested = "[regler]\nx = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n"
    assert "mere end 32 niveauer" in config_result(project, BASE_CONFIG + nested)
    long_key = "[regler]\n" + "k" * 300 + " = 1\n"
    assert "mere end 256 tegn" in config_result(project, BASE_CONFIG + long_key)
    big = BASE_CONFIG + AREAS + "# " + "x" * (1024 * 1024) + "\n"
    assert "grænsen er 1024 KB" in config_result(project, big)


def test_a_real_configuration_passes_the_shape_check(project: Path) -> None:
    text = (
        BASE_CONFIG
        + AREAS
        + "[regler]\nmax_fjernet_procent = 12.5\n# a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q\n"
    )
    (project / "dagpleje.toml").write_text(text, encoding="utf-8")
    assert run_cli("plan", "roster.xlsx").exit_code == 0


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "150", "-1"])
def test_numeric_settings_reject_nan_inf_and_out_of_range(project: Path, value: str) -> None:
    text = BASE_CONFIG + AREAS + f"[regler]\nmax_fjernet_procent = {value}\n"
    err = config_result(project, text)
    assert "regler.max_fjernet_procent" in err
    assert "mellem 0 og 100" in err or "ikke nan eller inf" in err


@needs_fifo
def test_configuration_and_plan_must_be_regular_files(project: Path) -> None:
    os.mkfifo(project / "fifo.toml")
    result = run_cli("plan", "roster.xlsx", "--config", "fifo.toml")
    assert result.exit_code == 2 and "ikke en almindelig fil" in result.stderr
    os.mkfifo(project / "fifo.xlsx")
    result = run_cli("validate", "--plan", "fifo.xlsx")
    assert result.exit_code == 2 and "ikke en almindelig fil" in result.stderr
    result = run_cli("plan", "fifo.xlsx")
    assert result.exit_code == 2 and "ikke en almindelig fil" in result.stderr


def test_a_dtd_late_in_a_part_is_refused(project: Path) -> None:
    path = project / "roster.xlsx"
    write_xlsx(path, small_roster())
    late = project / "late.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(late, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/workbook.xml":
                prolog = b"<!--" + b" " * 5000 + b"-->" + b"<!DOCTYPE x []>"
                data = prolog + data
            dst.writestr(item, data)
    result = run_cli("plan", "late.xlsx")
    assert result.exit_code == 2 and "DTD" in result.stderr


def test_a_text_longer_than_a_cell_holds_is_refused_not_cut(project: Path) -> None:
    sheets = small_roster()
    sheets["Dagplejere"][2][2] = "MARKER"
    write_xlsx(project / "plain.xlsx", sheets)  # openpyxl itself would cut the text
    plain, roster = project / "plain.xlsx", project / "roster.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(roster, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item).replace(b"MARKER", b"Bo" * 20_000))
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2 and no_traceback(result)
    assert "40000 tegn" in result.stderr and "roster.xlsx, Dagplejere!C3" in result.stderr
    rows = [list(r) for r in small_roster()["Dagplejere"]]
    rows[2][2] = "Å" * 33_000
    from tests.builders import write_csv

    write_csv(project / "r.csv", rows, encoding="utf-8")
    result = run_cli("plan", "r.csv")
    assert result.exit_code == 2 and "r.csv, linje 3, kolonne 3" in result.stderr


def test_an_ods_repeating_content_far_is_refused_but_empty_repeats_are_not(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = (  # what LibreOffice writes after the last row: costs nothing
        '<table:table-row table:number-rows-repeated="1048553">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    ods_with(project, empty)
    assert run_cli("plan", "roster.ods").exit_code == 0
    hostile = (
        '<table:table-row table:number-rows-repeated="200000">'
        '<table:table-cell table:number-columns-repeated="200" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    ods_with(project, hostile)
    parsed = parsed_workbooks(monkeypatch)
    err = run_cli("plan", "roster.ods")
    assert err.exit_code == 2 and "roster.ods, Dagplejere!GR200004" in err.stderr
    assert parsed == []
