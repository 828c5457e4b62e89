"""Every command on one roster: no full CPR number on screen or in any file but the Unilogin XML."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.builders import EVERY_CPR, WHEN, leaked_cprs, run_cli, write_project


def file_text(path: Path) -> str:
    if path.suffix == ".xlsx":
        wb = load_workbook(path)
        parts = []
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    parts.append("" if cell.value is None else str(cell.value))
                    if cell.comment is not None:
                        parts.append(cell.comment.text)
        return "\n".join(parts)
    return path.read_bytes().decode("utf-8", "replace")


def test_no_cpr_outside_the_unilogin_xml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    outputs = [
        run_cli("plan", "roster.xlsx"),
        run_cli("validate"),
        run_cli("validate", "--format", "json"),
        run_cli("validate", "--annotate", "kopi.xlsx"),
        run_cli("--lang", "en", "validate"),
        run_cli("export", "--target", "dtr"),
        run_cli("export", "--target", "unilogin", "--source-datetime", WHEN),
        run_cli("export", "--target", "unilogin", "--dry-run"),
        run_cli("explain"),
    ]
    for result in outputs:
        assert leaked_cprs(result.output, EVERY_CPR) == [], result.output
    written = [
        p
        for p in tmp_path.rglob("*")
        if p.is_file() and p.name not in ("roster.xlsx", "dagpleje.toml")
    ]
    assert {p.name for p in written} >= {
        "dagpleje-plan.xlsx",
        "kopi.xlsx",
        "brugere.xlsx",
        "manifest.json",
    }
    xml = [p for p in written if p.suffix == ".xml"]
    assert len(xml) == 4 and all(leaked_cprs(p.read_text("utf-8"), EVERY_CPR) for p in xml)
    for path in written:
        if path.suffix != ".xml":
            assert leaked_cprs(file_text(path), EVERY_CPR) == [], path.name
