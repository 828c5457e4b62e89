"""Files that used to end in "uventet fejl" or in a late failure: each now gets a message that
says what, where and how to fix it (exit 2), or is handled."""

from __future__ import annotations

import os
import pathlib
import re
import stat
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.builders import (
    AREAS,
    BASE_CONFIG,
    DAGPLEJER_HEADER,
    WHEN,
    no_traceback,
    run_cli,
    small_roster,
    write_csv,
    write_xlsx,
)


def refused(*args: str) -> str:
    result = run_cli(*args)
    assert result.exit_code == 2 and no_traceback(result), result.output
    assert "uventet fejl" not in result.output
    return result.stderr


def test_a_utf16_csv_with_a_byte_missing(project: Path) -> None:
    (project / "r.csv").write_bytes(b"\xff\xfe" + "Id;Navn\n".encode("utf-16-le") + b"x")
    assert "UTF-16" in refused("plan", "r.csv")


def test_a_csv_field_over_the_limit_names_its_line(project: Path) -> None:
    rows = [list(r) for r in small_roster()["Dagplejere"]]
    rows[2][2] = "x" * 140_000
    write_csv(project / "r.csv", rows, encoding="utf-8")
    err = refused("plan", "r.csv")
    assert "længere end 131072 tegn" in err and "r.csv, linje 3" in err


def test_annotate_a_csv_roster_with_brackets_in_its_name(project: Path) -> None:
    write_csv(project / "roster[1].csv", small_roster()["Dagplejere"], encoding="utf-8")
    assert run_cli("plan", "roster[1].csv").exit_code == 0
    assert run_cli("validate", "--annotate", "kopi.xlsx").exit_code == 0
    assert load_workbook(project / "kopi.xlsx").sheetnames == ["roster_1_.csv"]


def test_annotate_a_cell_with_a_control_character(project: Path) -> None:
    rows = [list(r) for r in small_roster()["Dagplejere"]]
    rows[1][2] = "An\x01ne"
    write_csv(project / "r.csv", rows, encoding="utf-8")
    assert run_cli("plan", "r.csv").exit_code == 0
    result = run_cli("validate", "--annotate", "kopi.xlsx")
    assert result.exit_code in (0, 1) and no_traceback(result)
    assert load_workbook(project / "kopi.xlsx").active["C2"].value == "An␁ne"


def test_a_roster_in_a_folder_that_cannot_be_searched(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_stat = pathlib.Path.stat

    def no_search(self: Path, **kwargs: object) -> os.stat_result:
        if self.name == "roster.xlsx":
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pathlib.Path, "stat", no_search)
    assert "du har ikke adgang" in refused("plan", "roster.xlsx")  # the system's EACCES, in words


def test_plain_dagpleje_with_a_broken_configuration(project: Path) -> None:
    nested = "[regler]\nx = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n"
    (project / "dagpleje.toml").write_text(BASE_CONFIG + nested, encoding="utf-8")
    result = run_cli()
    assert result.exit_code == 0 and no_traceback(result)
    assert "Konfigurationen har fejl" in result.stdout


def test_a_formula_without_value_whatever_the_attribute_order(project: Path) -> None:
    plain, path = project / "plain.xlsx", project / "roster.xlsx"
    write_xlsx(plain, small_roster())
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<c r="C3" t="inlineStr"><is><t>Bo</t></is></c>',
                    b'<c t="str" r="C3"><f>A1</f></c>',
                    data,
                )
                assert b'r="C3"><f>' in data
            dst.writestr(item, data)
    err = refused("plan", "roster.xlsx")
    assert "formler uden beregnede værdier" in err and "Dagplejere!C3" in err


def test_init_writes_only_what_it_can_read_back(project: Path) -> None:
    sheets = small_roster()
    sheets["Dagplejere"][1][7] = "Nord\x7f"
    write_xlsx(project / "roster.xlsx", sheets)
    (project / "dagpleje.toml").unlink()
    assert run_cli("init", "roster.xlsx", "--kommune", "751").exit_code == 0
    assert "\\u007f" not in (project / "dagpleje.toml").read_text(encoding="utf-8")
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 0, result.output  # "Nord" + DEL is district Nord


def test_a_control_character_in_the_configuration(project: Path) -> None:
    text = BASE_CONFIG + AREAS.replace('"Dagplejen Nord"', '"Dagplejen\\u0000Nord"')
    (project / "dagpleje.toml").write_text(text, encoding="utf-8")
    err = refused("plan", "roster.xlsx")
    assert "styretegn" in err and "omraade[1].navn" in err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_export_folders_are_owner_only_whatever_the_umask(four: Path) -> None:
    old = os.umask(0)
    try:
        assert run_cli("export", "--target", "unilogin", "--source-datetime", WHEN).exit_code == 0
    finally:
        os.umask(old)
    for folder in (four / "eksport", four / "eksport" / "unilogin"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert DAGPLEJER_HEADER  # the shared header, unchanged


def test_control_characters_never_reach_the_dtr_csv() -> None:
    from dagplejecli.formats.csvfile import csv_bytes

    data = csv_bytes(["navn"], [["Dagplejen\x00 Nord"], ["Syd\r\nlinje"], ["\t=1+1"]])
    text = data.decode("utf-8-sig")
    assert text.split("\r\n")[1:4] == ["Dagplejen Nord", "Syd  linje", "' =1+1"]
    assert "\x00" not in text
