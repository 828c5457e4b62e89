"""Shared builders: synthetic rosters, configurations and projects written to a temporary
folder, and the helpers more than one test module uses (fixtures are in ``conftest.py``).

All CPR numbers here are synthetic: made up for the tests, never taken from a real person.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from typer.testing import CliRunner

from dagplejecli.cli import app
from dagplejecli.export.unilogin import AreaMembers, import_document
from dagplejecli.findings import Finding
from dagplejecli.i18n import set_language
from dagplejecli.messages import da, en, finding_hint, finding_message

FULL_CPR = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)")

# Synthetic CPR numbers: valid dates, odd last digit = male, even = female.
DP1, DP2, DP3 = "0203751236", "1504821232", "2107691238"


def child_cpr(days_old: int, serial: str) -> str:
    """A synthetic child's CPR, ``days_old`` days old today (7th digit 4: born 2000-2036)."""
    born = dt.date.today() - dt.timedelta(days=days_old)
    return born.strftime("%d%m%y") + serial


CH1, CH2, CH3 = child_cpr(300, "4568"), child_cpr(500, "4561"), child_cpr(700, "4570")
MOR1, FAR1, MOR2 = "0908901236", "1105881233", "2212921238"
FAR2, FAR3, MOR3 = "0304871237", "1709851235", "2511931234"

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

# One area that takes every dagplejer.
ONE_AREA = """
[[omraade]]
navn = "Dagplejen"
resten = true
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
            [CH3, "Ida", "Østergaard", "D3", MOR2, "Sara Østergaard", "Mor", "Ja"],
        ],
    }


def with_column(
    sheets: dict[str, list[list[object]]], sheet: str, header: str, values: Sequence[object]
) -> dict[str, list[list[object]]]:
    """``sheets`` with a column ``header`` added to ``sheet``, one value a row (in place)."""
    sheets[sheet][0].append(header)
    for row, value in zip(sheets[sheet][1:], values, strict=True):
        row.append(value)
    return sheets


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


# The export's project: four areas, five dagplejere, six children (tests/golden is made from it).
GOLDEN = Path(__file__).parent / "golden"
GOLDEN_XML = sorted(GOLDEN.glob("*.xml"))


NAMESPACE = "https://unilogin.dk/data"  # DOMAIN.md §4: the default [unilogin] navnerum


N = f"{{{NAMESPACE}}}"


WHEN = "2026-11-27T08:00:00+01:00"
LATER = "2026-11-28T08:00:00+01:00"  # an export after WHEN


# Fixed synthetic CPR numbers (children born 2025, so the golden files never change).
# fmt: off
DAGPLEJERE = [
    ["D1", "0203751236", "Anne", "Jensen", "Søndergade 1", "8200", "Aarhus N", "Nord", "", "", ""],
    ["D2", "1504821232", "Bo", "Ærø", "Vestergade 2", "8210", "Aarhus V", "Syd", "", "", ""],
    ["D3", "2107691238", "Åse", "Østergaard", "Nørregade 3", "8260", "Viby J", "Vest", "Ja", "Dag", "Plejer"],
    ["D4", "1212801234", "Kaj", "Bæk", "Skovvej 4", "8300", "Odder", "Øst", "", "", ""],
    ["D5", "0101701238", "Ida", "Holm", "Kirkevej 5", "8000", "Aarhus C", "Nord", "", "", ""],
]


CHILDREN = [
    ["0105254568", "Liv", "Jensen", "D1", "Nej", "", "", "0908901236", "Mette Jensen", "Mor", "Ja", "1105881233", "Ole Jensen", "Far", "Ja"],
    ["1211254561", "Emil", "Ærø", "D2", "Ja", "Sol", "Barn", "2212921238", "Sara Ærø", "Forælder", "Ja", "", "", "", ""],
    ["0302254570", "Ida", "Østergaard", "D3", "Nej", "", "", "1107911235", "Jon Østergaard", "Forælder", "Ja", "", "", "", ""],
    ["1509254574", "Alma", "Bæk", "D4", "Nej", "", "", "0303931236", "Eva Bæk", "Mor", "Ja", "", "", "", ""],
    ["2006254579", "Noah", "Holm", "D5", "Nej", "", "", "0404941238", "Lise Holm", "Mor", "Ja", "", "", "", ""],
    ["2106254563", "Ella", "Holm", "D5", "Nej", "", "", "0404941238", "Lise Holm", "Mor", "Ja", "", "", "", ""],
]


# fmt: on
EVERY_CPR = sorted(
    {r[1] for r in DAGPLEJERE} | {v for r in CHILDREN for v in (r[0], r[7], r[11]) if v}
)


D_HEADER = ["Medarbejdernr", "CPR", "Fornavn", "Efternavn", "Adresse", "Postnr", "By", "Distrikt", "Beskyttet", "Alias fornavn", "Alias efternavn"]  # fmt: skip


C_HEADER = [
    "CPR",
    "Fornavn",
    "Efternavn",
    "Dagplejer",
    "Beskyttet",
    "Alias fornavn",
    "Alias efternavn",
] + [f"Kontakt{n} {f}" for n in (1, 2) for f in ("CPR", "navn", "relation", "myndighed")]


AREAS4 = """
[[omraade]]
navn = "Dagplejen Nord"
institutionsnummer = "AB0001"
hvor = { Distrikt = ["Nord"] }

[[omraade]]
navn = "Dagplejen Syd"
institutionsnummer = "AB0002"
pnummer = "1029829825"
adresse = "Skanderborgvej 100, st. tv, 8260 Viby J"
hvor = { Distrikt = ["Syd"] }

[[omraade]]
navn = "Dagplejen Vest"
institutionsnummer = "AB0003"
daginstitution = "Dagplejen Vest og Øst"
daginstitutionsnummer = "DI0002"
hvor = { Distrikt = ["Vest"] }

[[omraade]]
navn = "Dagplejen Øst"
institutionsnummer = "AB0004"
daginstitution = "Dagplejen Vest og Øst"
daginstitutionsnummer = "DI0002"
resten = true
"""


def write_project(
    folder: Path, dagplejere: list[list[object]] | None = None, areas: str = AREAS4
) -> None:
    write_xlsx(
        folder / "roster.xlsx",
        {"Dagplejere": [D_HEADER, *(dagplejere or DAGPLEJERE)], "Børn": [C_HEADER, *CHILDREN]},
    )
    (folder / "dagpleje.toml").write_text(
        BASE_CONFIG + AREAS4 if areas is AREAS4 else BASE_CONFIG + areas, encoding="utf-8"
    )
    write_secret(folder)


# The Unilogin documents.
def full_document_bytes(cpr: str = "2006254579") -> bytes:
    """A document in which a person has every element the writer can write (the child's CPR
    is ``cpr``: a substitute number gives it a CivilRegistrationNumberType)."""
    from dagplejecli.config import parse_config
    from dagplejecli.domain.address import Address
    from dagplejecli.model import Area, Child, ContactPerson, Dagplejer
    from tests.builders import BASE_CONFIG

    config = parse_config(BASE_CONFIG, Path("dagpleje.toml")).config
    address = Address("Vej", "1", None, None, "8000", "Aarhus C")
    open_ = Dagplejer(first_name="Anne", last_name="Jensen", email="a@example.dk", phone="12345678")
    open_.id, open_.address, open_.cpr = "D1", address, "0101701238"
    hidden = Dagplejer(first_name="Åse", last_name="Ø", email="b@example.dk", phone="87654321")
    hidden.id, hidden.address, hidden.cpr, hidden.protected = "D2", address, "2107691238", True
    hidden.alias_first, hidden.alias_last = "Dag", "Plejer"
    child = Child(first_name="Noah", last_name="Holm", cpr=cpr)
    child.id, child.protected, child.alias_first, child.alias_last = "B1", True, "Sol", "Barn"
    child.contacts = [
        ContactPerson(
            first_name="Lise",
            last_name="Holm",
            cpr="0404941238",
            email="l@example.dk",
            phone="11223344",
            relation="Mor",
            custody=True,
        )
    ]
    area = Area("Nord", ("omraade", 1), "", "", "", "", address, True, "", "", "AB0001", {})
    members = AreaMembers(area, [open_, hidden], [(child, "D1")])
    when = dt.datetime(2026, 11, 27, 8, tzinfo=dt.UTC)
    return import_document(config, members, when)


NS = "https://unilogin.dk/data"


def document(person: str = "", group: str = "", root: str = "") -> bytes:
    """A small valid document; ``person``/``group`` replace the first person's or group's
    inner XML, ``root`` the root's attributes."""
    person = person or (
        "<FirstName>Anne</FirstName><FamilyName>Jensen</FamilyName>"
        "<CivilRegistrationNumber>0101701238</CivilRegistrationNumber>"
    )
    group = group or (
        "<GroupId>D1</GroupId><GroupName>Anne Jensen</GroupName>"
        "<GroupType>Hovedgruppe</GroupType><GroupLevel>0</GroupLevel>"
    )
    root = (
        root
        or 'sourceDateTime="2026-11-27T08:00:00+01:00" source="dagpleje" schoolYear="2026-2027"'
    )
    return (
        f'<UNILoginImport xmlns="{NS}" {root}><Institution>'
        f"<InstitutionNumber>AB0001</InstitutionNumber><Group>{group}</Group>"
        f'<InstitutionPerson><LocalPersonId>D1</LocalPersonId><Person protected="false">{person}'
        "</Person><Employee><Role>Pædagog</Role><GroupId>D1</GroupId></Employee>"
        "</InstitutionPerson></Institution></UNILoginImport>"
    ).encode()


# The findings' projects (tests/checks).
Sheets = dict[str, list[list[object]]]


def renders_in_both_languages(f: Finding) -> bool:
    """The finding's message and hint fill in, in Danish and English: each placeholder has its
    param, and the variant exists in both catalogues."""
    try:
        for lang in ("en", "da"):
            set_language(lang)
            for text in (finding_message(f), finding_hint(f)):
                assert text.strip() and "{" not in text, (lang, f.code, text)
    finally:
        set_language("da")
    return all(not f.variant or f.variant in c.FINDINGS[f.code].variants for c in (da, en))


def _with(sheet: str, row: int, col: int, value: object) -> Sheets:
    sheets = small_roster()
    sheets[sheet][row][col] = value
    return sheets


def with_child_ids(*ids: str) -> Sheets:
    """The small roster with a child id column (``Barn id``, column I)."""
    sheets = small_roster()
    sheets["Børn"][0].append("Barn id")
    for row, ident in zip(sheets["Børn"][1:], ids, strict=True):
        row.append(ident)
    return sheets


NEW_CPR = child_cpr(301, "4568")  # the same child's CPR number, corrected


def corrected(sheets: Sheets) -> Sheets:
    """The first child's CPR number corrected."""
    sheets["Børn"][1][0] = NEW_CPR
    return sheets


# Folders, configurations, readme.
def contents(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def fill_in(path: Path) -> None:
    text = path.read_text("utf-8")
    text = re.sub(r'(?m)^lovgrundlag = "UDFYLD.*$', "lovgrundlag = 12", text)
    text = re.sub(r'(?m)^pnummer = "UDFYLD.*$', 'pnummer = "1003386512"', text)
    text = re.sub(r'(?m)^adresse = "UDFYLD.*$', 'adresse = "Rådhuspladsen 2, 8000 Aarhus C"', text)
    path.write_text(text, "utf-8")


def ods_with(project: Path, extra_rows: str) -> Path:
    from tests.builders import write_ods

    plain = write_ods(project / "plain.ods", small_roster())
    path = project / "roster.ods"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "content.xml":
                data = data.replace(b"</table:table>", extra_rows.encode() + b"</table:table>", 1)
            dst.writestr(item, data)
    return path


ROOT = Path(__file__).resolve().parent.parent


README = ROOT / "README.md"


def _clean(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


DEMO = [
    ("plan", "roster.xlsx"),
    ("validate",),
    ("export", "--target", "dagtilbudsregisteret"),
    ("export", "--target", "unilogin"),
]


def said(text: str) -> str:
    """A text's words on one line (as a console wraps them)."""
    return " ".join(text.split())


def unboxed(text: str) -> str:
    """An error panel's words on one line (the panel wraps them at its edge)."""
    return " ".join(text.replace("│", " ").split())


# The findings of ``validate --format json``, as a test of the command line reads them.


def setup(folder: Path, sheets: Sheets, roster_settings: str = "") -> None:
    write_xlsx(folder / "roster.xlsx", sheets)
    settings = f"\n[roster]\n{roster_settings}\n" if roster_settings else ""
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + settings + AREAS, encoding="utf-8")


def findings(lang: str = "da") -> list[dict[str, object]]:
    report = json.loads(run_cli("--lang", lang, "validate", "--format", "json").stdout)
    found: list[dict[str, object]] = report["findings"]
    return found


def of_code(found: list[dict[str, object]], code: str) -> list[dict[str, object]]:
    return [f for f in found if f["code"] == code]
