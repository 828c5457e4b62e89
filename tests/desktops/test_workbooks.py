"""The workbooks the tool writes itself (plan, brugere.xlsx, dtr-oprettelse.xlsx) open in
real spreadsheet software: LibreOffice, when it is installed, converts every sheet to CSV."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from dagplejecli.formats.xlsx import workbook_bytes

SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed here")
def test_libreoffice_reads_our_workbooks(tmp_path: Path) -> None:
    sheets = [
        (
            "Oversigt",
            ["Område", "Antal", "Tekst"],
            [
                ["Dagplejen Nord", 75, "=cmd|' /C calc'!A0"],
                ["Ærø & Ødsted <Syd>", 3.5, "  mellemrum  "],
            ],
        ),
        ("Andet ark", ["A"], [["x"]]),
    ]
    path = tmp_path / "bog.xlsx"
    path.write_bytes(workbook_bytes(sheets))
    filt = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    subprocess.run(
        [
            str(SOFFICE),
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            filt,
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with (tmp_path / "bog-Oversigt.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Område", "Antal", "Tekst"]
    assert rows[1] == ["Dagplejen Nord", "75", "=cmd|' /C calc'!A0"]  # text, not a formula
    assert rows[2][0] == "Ærø & Ødsted <Syd>" and rows[2][1] == "3.5"
    assert (tmp_path / "bog-Andet ark.csv").exists()


def test_any_text_makes_a_workbook_that_opens() -> None:
    """Quotes, line breaks and characters XML cannot hold, in sheet names and cells alike."""
    import io

    from openpyxl import load_workbook

    title = 'Syd "A"\x01\n'
    data = workbook_bytes([(title, ["navn"], [['Ærø & "Ø"\x0b\tx\n<y>']])])
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ['Syd "A"\n']
    assert wb.active is not None and wb.active["A2"].value == 'Ærø & "Ø"\tx\n<y>'


def test_every_kind_of_cell_lands_where_it_was_given() -> None:
    """Rows of text only (the quick way), mixed rows, empty cells and rows longer than the
    header, given as a generator: each value back in its own cell, the header bold."""
    import io

    from openpyxl import load_workbook

    rows = [
        ["Anne", "", "0203751236"],
        ["<b>", "Ærø & Ø", ""],
        ["tal", 7, 2.5, True, None, "sidst"],
        ["", "", "", "", "", "", "langt ude"],
    ]
    data = workbook_bytes([("Ark", ["A", "B", "C"], (row for row in rows))])
    ws = load_workbook(io.BytesIO(data)).active
    assert ws is not None
    got = [[cell.value for cell in row] for row in ws.iter_rows(max_col=7)]
    assert got == [
        ["A", "B", "C", None, None, None, None],
        ["Anne", None, "0203751236", None, None, None, None],
        ["<b>", "Ærø & Ø", None, None, None, None, None],
        ["tal", 7, 2.5, "ja", None, "sidst", None],
        [None, None, None, None, None, None, "langt ude"],
    ]
    assert ws["A1"].font.b and not ws["A2"].font.b
