"""Shared helpers: synthetic rosters and configurations written to a temporary folder.

All CPR numbers here are synthetic: made up for the tests, never taken from a real person.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from typer.testing import CliRunner

from dagplejecli.cli import app
from dagplejecli.findings import Finding, Rule
from dagplejecli.i18n import set_language

FULL_CPR = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)")

# Synthetic CPR numbers: valid dates, odd last digit = male, even = female.
DP1, DP2, DP3 = "0203751236", "1504821232", "2107691238"


def child_cpr(days_old: int, serial: str) -> str:
    """A synthetic child's CPR, ``days_old`` days old today (7th digit 4: born 2000-2036)."""
    born = dt.date.today() - dt.timedelta(days=days_old)
    return born.strftime("%d%m%y") + serial


CH1, CH2, CH3 = child_cpr(300, "4568"), child_cpr(500, "4561"), child_cpr(700, "4570")
MOR1, FAR1, MOR2 = "0908901236", "1105881233", "2212921238"

BASE_CONFIG = """\
[kommune]
kode = 751

[dtr]
ejerform = 1
lovgrundlag = 99
insttype = 6013

[unilogin]
skoleaar = "2026-2027"

[standard]
daginstitution = "Dagplejen Aarhus"
daginstitutionsnummer = "DI0001"
pnummer = "1003386512"
adresse = "Rådhuspladsen 2, 8000 Aarhus C"
email = "dagplejen@aarhus.example"
telefon = "89402000"
"""

AREAS = """
[[omraade]]
navn = "Dagplejen Nord"
institutionsnummer = "AB1234"
hvor = { Distrikt = ["Nord"] }

[[omraade]]
navn = "Dagplejen Syd"
institutionsnummer = "AB1235"
hvor = { Distrikt = ["Syd"] }
"""


# A fixed secret for golden files (a real one is random, made on first use).
TEST_SECRET = bytes(range(32))


def write_secret(folder: Path, secret: bytes = TEST_SECRET) -> None:
    from dagplejecli.secret import SECRET_NAME

    (folder / SECRET_NAME).write_text(secret.hex() + "\n", encoding="ascii")


ALL_CPRS = (DP1, DP2, DP3, CH1, CH2, CH3, MOR1, FAR1, MOR2)


def leaked_cprs(text: str, cprs: Sequence[str] = ALL_CPRS) -> list[str]:
    """The roster's full CPR numbers found in ``text`` (with or without dash or space)."""
    found = []
    for cpr in cprs:
        for form in (cpr, f"{cpr[:6]}-{cpr[6:]}", f"{cpr[:6]} {cpr[6:]}", str(int(cpr))):
            if re.search(rf"(?<!\d){form}(?!\d)", text):
                found.append(cpr)
                break
    return found


@pytest.fixture(autouse=True, scope="session")
def _declared_params_only() -> Iterator[None]:
    """A finding made in any test carries only params its rule declares (``Rule.params``):
    the catalogue's placeholders are checked against those in ``test_rules_registry.py``."""
    made = Rule.__call__

    def checked(rule: Rule, *args: Any, **params: Any) -> Finding:
        undeclared = set(params) - {"variant", *rule.params}
        assert not undeclared, f"{rule.code} is given params it does not declare: {undeclared}"
        return made(rule, *args, **params)

    Rule.__call__ = checked  # type: ignore[method-assign]
    yield
    Rule.__call__ = made  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def danish() -> None:
    """Every test starts in Danish, whatever an earlier test chose."""
    set_language("da")


def write_xlsx(
    path: Path, sheets: dict[str, Sequence[Sequence[object]]], hidden: Sequence[str] = ()
) -> Path:
    """A workbook of ``sheets`` (text cells as text), the sheets named in ``hidden`` hidden."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        if name in hidden:
            ws.sheet_state = "hidden"
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None or value == "":
                    continue
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text, as a roster export has it, never a formula
    wb.save(path)
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence[object]], encoding: str = "cp1252", delimiter: str = ";"
) -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


def write_ods(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    """A minimal OpenDocument spreadsheet (enough for a reader to take it as .ods)."""
    tables = []
    for name, rows in sheets.items():
        xml_rows = []
        for row in rows:
            cells = []
            for v in row:
                if v is None or v == "":
                    cells.append("<table:table-cell/>")
                elif isinstance(v, int | float):
                    cells.append(
                        f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
                    )
                else:
                    cells.append(
                        f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'
                    )
            xml_rows.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
        tables.append(f'<table:table table:name="{escape(name)}">{"".join(xml_rows)}</table:table>')
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", manifest)
    return path


DAGPLEJER_HEADER = (
    "Medarbejdernr",
    "CPR",
    "Fornavn",
    "Efternavn",
    "Adresse",
    "Postnr",
    "By",
    "Distrikt",
)
CHILD_HEADER = (
    "CPR",
    "Fornavn",
    "Efternavn",
    "Dagplejer",
    "Kontakt1 CPR",
    "Kontakt1 navn",
    "Kontakt1 relation",
    "Kontakt1 myndighed",
)


def small_roster() -> dict[str, list[list[object]]]:
    """Two dagplejere in Nord, one in Syd; three children with a parent each."""
    return {
        "Dagplejere": [
            list(DAGPLEJER_HEADER),
            ["D1", DP1, "Anne", "Jensen", "Søndergade 1", "8200", "Aarhus N", "Nord"],
            ["D2", DP2, "Bo", "Ærø", "Vestergade 2", "8210", "Aarhus V", "Nord"],
            ["D3", DP3, "Åse", "Østergaard", "Nørregade 3", "8260", "Viby J", "Syd"],
        ],
        "Børn": [
            list(CHILD_HEADER),
            [CH1, "Liv", "Jensen", "D1", MOR1, "Mette Jensen", "Mor", "Ja"],
            [CH2, "Emil", "Ærø", "D2", FAR1, "Ole Ærø", "Far", "Ja"],
            [CH3, "Ida", "Østergaard", "D3", MOR2, "Sara Østergaard", "Forælder", "Ja"],
        ],
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the small roster and a matching configuration; the current folder."""
    write_xlsx(tmp_path / "roster.xlsx", small_roster())
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(autouse=True)
def _no_fsync(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """``os.fsync`` does nothing in the tests (it waits for the disk: about 40 % of the
    suite's time), except in those marked ``real_fsync`` (the crash tests), which write as
    a user's run does. What a test sees of its files is the same either way."""
    if request.node.get_closest_marker("real_fsync") is None:
        monkeypatch.setattr(os, "fsync", lambda fd: None)


Runner = Callable[..., "Result"]


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str) -> Result:
    """Run the command line as a user would (in the current folder)."""
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, result.stderr)


def no_traceback(result: Result) -> bool:
    return "Traceback" not in result.output


def custody_in_unilogin(folder: Path) -> dict[str, bool]:
    """Each contact person's CPR → childCustody, as the exported Unilogin files say."""
    out = {}
    for xml in sorted((folder / "eksport" / "unilogin").glob("*.xml")):
        for element in ET.parse(xml).iter():
            if element.tag.rsplit("}", 1)[-1] != "ContactPerson":
                continue
            cpr = next(e.text for e in element.iter() if e.tag.endswith("CivilRegistrationNumber"))
            out[str(cpr)] = element.get("childCustody") == "true"
    return out
