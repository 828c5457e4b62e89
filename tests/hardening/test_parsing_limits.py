"""Limits counted while the XML is parsed, never by a pattern that expects one spelling: each
attack is a few lines with ``zipfile`` on the small roster, refused with exit 2 and the place
named, in seconds, nothing written."""

from __future__ import annotations

import hashlib
import struct
import zipfile
from pathlib import Path

import pytest

from dagplejecli.planfile import PLAN_NAME
from tests.builders import no_traceback, run_cli, small_roster, write_csv, write_xlsx

SHEET = "xl/worksheets/sheet1.xml"  # Dagplejere
ROW = '<row r="{r}">{cells}</row>'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _rewrite(path: Path, change: dict[str, bytes], rename: dict[str, str] | None = None) -> Path:
    """``path`` with some parts replaced (and some moved)."""
    rename = rename or {}
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = change.get(item.filename, src.read(item.filename))
            dst.writestr(rename.get(item.filename, item.filename), data)
    tmp.replace(path)
    return path


def _with_row(project: Path, row: str) -> Path:
    path = write_xlsx(project / "roster.xlsx", small_roster())
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read(SHEET)
    return _rewrite(path, {SHEET: sheet.replace(b"</sheetData>", row.encode() + b"</sheetData>")})


def _refused(project: Path, *where: str) -> str:
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2, result.output
    assert no_traceback(result)
    for text in where:
        assert text in result.stderr, result.stderr
    assert not (project / PLAN_NAME).exists()
    return result.stderr


@pytest.mark.parametrize(
    "cell",
    [
        "<c r='XFD1048576' t='inlineStr'><is><t>x</t></is></c>",  # single quotes
        '<c r = "XFD1048576" t="inlineStr"><is><t>x</t></is></c>',  # spaces around =
        '<c r="&#88;FD1048576" t="inlineStr"><is><t>x</t></is></c>',  # a character reference
        '<c\tr="XFD1048576"\nt="inlineStr"><is><t>x</t></is></c>',  # other whitespace
        '<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'r="XFD1048576" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c>',  # a prefix
    ],
)
def test_a_far_cell_however_written_is_refused(project: Path, cell: str) -> None:
    _with_row(project, ROW.format(r=1048576, cells=cell))
    _refused(project, "Dagplejere!XFD1048576")


def test_cells_without_references_count_as_they_are_read(project: Path) -> None:
    cells = '<c t="inlineStr"><is><t>x</t></is></c>' * 800  # 800 columns, none named
    _with_row(project, ROW.format(r=9, cells=cells))
    _refused(project, "Dagplejere!")


def test_a_sheet_stored_elsewhere_through_the_relationships_is_counted(project: Path) -> None:
    path = _with_row(project, ROW.format(r=1048576, cells="<c r='XFD1048576'><v>1</v></c>"))
    with zipfile.ZipFile(path) as zf:
        rels = zf.read("xl/_rels/workbook.xml.rels")
        types = zf.read("[Content_Types].xml")
    _rewrite(
        path,
        {
            "xl/_rels/workbook.xml.rels": rels.replace(b"worksheets/sheet1.xml", b"data/a.xml"),
            "[Content_Types].xml": types.replace(b"/xl/worksheets/sheet1.xml", b"/xl/data/a.xml"),
        },
        {SHEET: "xl/data/a.xml"},
    )
    _refused(project, "Dagplejere!XFD1048576")


@pytest.mark.parametrize(
    "text",
    [
        "<r><t>{a}</t></r><r><t>{a}</t></r>",  # rich-text runs, each under the limit
        "<t><![CDATA[{a}]]></t><t><![CDATA[{a}]]></t>",  # CDATA
    ],
)
def test_a_long_text_split_in_runs_or_cdata_is_refused(project: Path, text: str) -> None:
    inline = text.format(a="B" * 20_000)
    _with_row(project, ROW.format(r=9, cells=f'<c r="C9" t="inlineStr"><is>{inline}</is></c>'))
    _refused(project, "40000 tegn", "Dagplejere!C9")


def test_a_cell_hidden_behind_a_cdata_section_still_counts_its_text(project: Path) -> None:
    # a start tag inside CDATA splits the stretch between cells: the text is still one cell's
    inline = "<t><![CDATA[" + "B" * 20_000 + '<c r="D9"/>' + "B" * 20_000 + "]]></t>"
    _with_row(project, ROW.format(r=9, cells=f'<c r="C9" t="inlineStr"><is>{inline}</is></c>'))
    _refused(project, "Dagplejere!C9")


def test_a_cell_reference_given_twice_is_not_taken_as_the_first(project: Path) -> None:
    _with_row(project, ROW.format(r=9, cells='<c r="C9" r="XFD1048576"><v>1</v></c>'))
    _refused(project)


@pytest.mark.parametrize(
    ("encoding", "declared"), [("utf-16", True), ("utf-16", False), ("iso-8859-1", True)]
)
def test_a_sheet_in_another_encoding_is_counted_as_it_is_read(
    project: Path, encoding: str, declared: bool
) -> None:
    path = _with_row(project, ROW.format(r=1048576, cells='<c r="XFD1048576"><v>1</v></c>'))
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read(SHEET).decode()
    head = f'<?xml version="1.0" encoding="{encoding}"?>' if declared else ""
    body = sheet.split("?>", 1)[1] if sheet.startswith("<?xml") else sheet
    _rewrite(path, {SHEET: (head + body).encode(encoding)})
    _refused(project)


def _with_shared_strings(path: Path, strings: str) -> None:
    """``path`` with a shared strings part holding ``strings`` (the ``<si>`` elements)."""
    sst = (
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>'
    ).encode()
    with zipfile.ZipFile(path) as zf:
        rels = zf.read("xl/_rels/workbook.xml.rels")
    rel = (
        b'<Relationship Id="rIdS" Target="strings.xml" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings"/></Relationships>'
    )
    _rewrite(path, {"xl/_rels/workbook.xml.rels": rels.replace(b"</Relationships>", rel)})
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/strings.xml", sst)


def test_a_long_shared_string_in_runs_is_refused(project: Path) -> None:
    path = _with_row(project, ROW.format(r=9, cells='<c r="C9" t="s"><v>0</v></c>'))
    runs = "<r><t>" + "B" * 20_000 + "</t></r>"
    _with_shared_strings(path, f"<si>{runs}{runs}</si>")
    _refused(project, "40000 tegn", "Dagplejere!C9")


def test_a_cell_nested_in_a_text_does_not_split_it(project: Path) -> None:
    # a reader joins everything inside <t>: a cell tag in the middle hides nothing
    inline = "<t>" + ("B" * 20_000 + '<c r="C9"/>') * 3 + "</t>"
    _with_row(project, ROW.format(r=9, cells=f'<c r="C9" t="inlineStr"><is>{inline}</is></c>'))
    _refused(project, "60000 tegn", "Dagplejere!C9")


def test_a_string_nested_in_a_shared_string_does_not_split_it(project: Path) -> None:
    path = _with_row(project, ROW.format(r=9, cells='<c r="C9" t="s"><v>0</v></c>'))
    _with_shared_strings(path, "<si><t>" + ("B" * 20_000 + "<si></si>") * 3 + "</t></si>")
    _refused(project, "60000 tegn", "Dagplejere!C9")


def test_a_sheet_of_the_workbook_calamine_reads_is_checked_whatever_rels_says(
    project: Path,
) -> None:
    # _rels/.rels names a decoy workbook; calamine reads xl/workbook.xml and its sheets
    path = _with_row(project, ROW.format(r=9, cells='<c r="A9"><v>1</v></c>'))
    with zipfile.ZipFile(path) as zf:
        rels, book_rels = zf.read("_rels/.rels"), zf.read("xl/_rels/workbook.xml.rels")
        book, sheet = zf.read("xl/workbook.xml"), zf.read(SHEET)
    far = ROW.format(r=1048576, cells='<c r="XFD1048576"><v>1</v></c>')
    _rewrite(
        path,
        {
            "_rels/.rels": rels.replace(b"xl/workbook.xml", b"xl/decoy.xml"),
            "xl/_rels/workbook.xml.rels": book_rels.replace(b"worksheets/sheet1.xml", b"big.xml"),
        },
    )
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/decoy.xml", book)
        zf.writestr("xl/_rels/decoy.xml.rels", book_rels)
        zf.writestr("xl/big.xml", sheet.replace(b"</sheetData>", far.encode() + b"</sheetData>"))
    _refused(project, "XFD1048576")


@pytest.mark.parametrize("plain", [True, False])
def test_a_shared_string_shown_by_many_cells_counts_for_each(project: Path, plain: bool) -> None:
    # 32,000 characters, within a cell's limit, shown by 4,000 cells: 128 million in all
    row = "".join(f'<c r="{c}{{r}}" t="s"><v>0</v></c>' for c in "OPQRSTUVWXYZ")
    rows = "".join(ROW.format(r=r, cells=row.format(r=r)) for r in range(20, 354))
    note = "" if plain else "<!-- not the plain form -->"
    path = _with_row(project, rows + note)
    _with_shared_strings(path, "<si><t>" + "Y" * 32_000 + "</t></si>")
    _refused(project, "100 millioner tegn")


def test_a_part_larger_than_its_header_says_is_refused(project: Path) -> None:
    path = _with_row(project, ROW.format(r=9, cells='<c r="A9"><v>1</v></c>' * 1))
    data = bytearray(path.read_bytes())
    name = SHEET.encode()
    # understate the sheet's uncompressed size in the local header and the central directory
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", data, at + size_at, 100)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    _refused(project, "roster.xlsx")


def test_an_ods_repeat_in_single_quotes_is_counted(project: Path) -> None:
    from tests.builders import ods_with

    hostile = (
        "<table:table-row table:number-rows-repeated='200000'>"
        "<table:table-cell table:number-columns-repeated='200' office:value-type='string'>"
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    ods_with(project, hostile)
    result = run_cli("plan", "roster.ods")
    assert result.exit_code == 2 and no_traceback(result)
    assert "roster.ods, Dagplejere!GR200004" in result.stderr


def test_an_ods_cell_repeated_within_the_extent_counts_its_text_each_time(project: Path) -> None:
    from tests.builders import ods_with

    # 32,000 characters in 20 columns of 200 rows: 128 million, in a file of a few kilobytes
    long = "Y" * 32_000
    hostile = (
        "<table:table-row table:number-rows-repeated='200'>"
        "<table:table-cell table:number-columns-repeated='20' office:value-type='string'>"
        f"<text:p>{long}</text:p></table:table-cell></table:table-row>"
    )
    ods_with(project, hostile)
    result = run_cli("plan", "roster.ods")
    assert result.exit_code == 2 and no_traceback(result)
    assert "100 millioner tegn" in result.stderr


def test_the_roster_is_hashed_from_the_bytes_that_were_parsed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel saves by rename: a roster replaced while plan reads it must not give the new
    file's hash to the old content."""
    from dagplejecli.formats import sheets
    from dagplejecli.planfile import read_plan

    path = project / "roster.xlsx"
    original = path.read_bytes()
    changed = small_roster()
    changed["Dagplejere"][1][2] = "Anna"
    write_xlsx(project / "other.xlsx", changed)
    real = sheets._read_workbook

    def replaced_meanwhile(p: Path, raw: bytes) -> list[sheets.RawSheet]:
        (project / "other.xlsx").replace(path)  # the new version lands while reading
        return real(p, raw)

    monkeypatch.setattr(sheets, "_read_workbook", replaced_meanwhile)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    assert read_plan(project / PLAN_NAME).roster_sha256 == hashlib.sha256(original).hexdigest()


def test_a_csv_line_of_twenty_thousand_fields_is_refused(project: Path) -> None:
    rows = [list(r) for r in small_roster()["Dagplejere"]] + [["x"] * 20_001]
    write_csv(project / "r.csv", rows, encoding="utf-8")
    result = run_cli("plan", "r.csv")
    assert result.exit_code == 2 and no_traceback(result)
    assert "r.csv, r.csv!" in result.stderr


def test_a_utf8_csv_with_one_cp1252_byte_is_an_error_naming_the_line(project: Path) -> None:
    rows = [list(r) for r in small_roster()["Dagplejere"]]
    text = "\n".join(";".join(str(v) for v in row) for row in rows) + "\n"
    data = text.encode("utf-8").replace("Østergaard".encode(), "Østergaard".encode("cp1252"))
    (project / "r.csv").write_bytes(data)
    result = run_cli("plan", "r.csv")
    assert result.exit_code == 2 and no_traceback(result)
    assert "r.csv, linje 4" in result.stderr and "UTF-8" in result.stderr


def test_a_cp1252_csv_is_read_as_cp1252(project: Path) -> None:
    write_csv(project / "r.csv", small_roster()["Dagplejere"], encoding="cp1252")
    assert run_cli("plan", "r.csv").exit_code == 0


def test_a_note_with_many_commas_does_not_make_a_semicolon_file_a_comma_file() -> None:
    from dagplejecli.formats.sheets import sniff_delimiter

    note = "Bemærk: a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p"
    lines = [note, "Id;Navn;Postnr;By", "D1;Anne;8200;Aarhus N", "D2;Bo;8210;Aarhus V"]
    assert sniff_delimiter("\n".join(lines)) == ";"
    assert sniff_delimiter("Id,Navn,By\nD1,Anne,Aarhus\nD2,Bo,Viby\n") == ","


def test_a_dotted_key_of_digits_is_bounded(project: Path) -> None:
    """``0.0.0…`` is a key of many parts, not a float (5 KB of it: exit 70; 41 KB: 1.6 GB)."""
    text = "[kommune]\nkode = 751\n[regler]\n" + "0." * 3000 + "0 = 1\n"
    (project / "dagpleje.toml").write_text(text, encoding="utf-8")
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2 and no_traceback(result)
    assert "dagpleje.toml, linje 4" in result.stderr


def test_a_far_cell_in_the_plans_metadata_is_refused(project: Path) -> None:
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    plan = project / PLAN_NAME
    with zipfile.ZipFile(plan) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    # the Metadata sheet is the last one
    last = sorted(n for n in parts if n.startswith("xl/worksheets/sheet"))[-1]
    far = b"<row r='1048576'><c r='XFD1048576'><v>1</v></c></row></sheetData>"
    _rewrite(plan, {last: parts[last].replace(b"</sheetData>", far)})
    before = plan.read_bytes()
    for args in (["validate"], ["export", "--target", "dagtilbudsregisteret"]):
        result = run_cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert no_traceback(result) and "XFD1048576" in result.stderr
    status = run_cli()  # plain dagpleje says where the folder stands: the plan cannot be read
    assert status.exit_code == 0 and "XFD1048576" in status.stdout
    assert plan.read_bytes() == before
    assert not (project / "eksport").exists()


def test_a_text_in_the_plain_form_is_bounded_without_the_parser(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a text a little under the limit is checked by the plain form's own bound; one over it
    # goes to the streaming parser, which refuses it with its cell
    from dagplejecli.formats import bounded
    from dagplejecli.limits import MAX_CELL_TEXT

    cell = '<c r="C9" t="inlineStr"><is><t>{}</t></is></c>'
    short = _with_row(project, ROW.format(r=9, cells=cell.format("B" * (MAX_CELL_TEXT - 3))))
    with monkeypatch.context() as patched:
        patched.setattr(bounded, "_scan_sheet", lambda *_: pytest.fail("parsed, not bounded"))
        bounded.check_zip(short, short.read_bytes())
    _with_row(project, ROW.format(r=9, cells=cell.format("B" * (MAX_CELL_TEXT + 1))))
    _refused(project, "Dagplejere!C9")


def test_the_plain_form_is_what_spreadsheet_programs_write(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # openpyxl's shared strings and numbers, Excel's row attributes and styled empty cells,
    # a date, a text with spaces kept: all bounded without the streaming parser
    from dagplejecli.formats import bounded

    path = write_xlsx(project / "roster.xlsx", small_roster())
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read(SHEET)
    excel = (
        '<row r="9" spans="1:3" x14ac:dyDescent="0.25"><c r="A9" s="1"/>'
        '<c r="B9" s="2"><v>45292</v></c>'
        '<c r="C9" t="inlineStr"><is><t xml:space="preserve"> Bo </t></is></c></row>'
    )
    _rewrite(path, {SHEET: sheet.replace(b"</sheetData>", excel.encode() + b"</sheetData>")})
    with monkeypatch.context() as patched:
        for streaming in ("_scan_sheet", "_scan_shared_strings"):
            patched.setattr(bounded, streaming, lambda *_: pytest.fail("parsed, not bounded"))
        bounded.check_zip(path, path.read_bytes())


@pytest.mark.parametrize(
    "around",
    [
        b'<c r="XFD1048576"><v>1</v></c>',  # a cell before the sheet's data
        b'<sheetData><row r="1"/></sheetData>',  # a second sheet's data
        b"<!-- a comment -->",
        b'<x:c xmlns:x="urn:x" r="A1"/>',  # a prefixed cell
    ],
)
def test_anything_around_the_sheets_data_is_not_the_plain_form(
    project: Path, monkeypatch: pytest.MonkeyPatch, around: bytes
) -> None:
    from dagplejecli.formats import bounded

    path = write_xlsx(project / "roster.xlsx", small_roster())
    with zipfile.ZipFile(path) as zf:
        body = bounded._body(zf.read(SHEET))
    assert body is not None and bounded._sheet_rows(body) is not None
    before = body.replace(b"<sheetData>", around + b"<sheetData>", 1)
    after = body.replace(b"</sheetData>", b"</sheetData>" + around, 1)
    assert bounded._sheet_rows(before) is None
    assert bounded._sheet_rows(after) is None


@pytest.mark.parametrize("plain", [True, False])
@pytest.mark.parametrize("index", ["x", "+0", " 0x"])
def test_a_shared_string_index_that_is_no_number_counts_as_a_string_shown(
    project: Path, plain: bool, index: str
) -> None:
    # calamine reads a shared string index it cannot parse as string 0: 4,000 cells showing a
    # 32,000-character string are 128 million characters, however their index is written
    row = "".join(f'<c r="{c}{{r}}" t="s"><v>{index}</v></c>' for c in "OPQRSTUVWXYZ")
    rows = "".join(ROW.format(r=r, cells=row.format(r=r)) for r in range(20, 354))
    note = "" if plain else "<!-- not the plain form -->"
    path = _with_row(project, rows + note)
    _with_shared_strings(path, "<si><t>" + "Y" * 32_000 + "</t></si>")
    _refused(project, "100 millioner tegn")


FAR = ROW.format(r=1048576, cells='<c r="XFD1048576"><v>1</v></c>')


@pytest.mark.parametrize("name", ["XL/Worksheets/Sheet1.xml", "xl\\worksheets\\sheet1.xml"])
def test_a_sheet_stored_under_another_spelling_of_its_name_is_counted(
    project: Path, name: str
) -> None:
    # calamine finds a part by its name in any case and with \ for /
    path = _with_row(project, FAR)
    _rewrite(path, {}, {SHEET: name})
    _refused(project, "Dagplejere!XFD1048576")


def test_two_parts_whose_names_differ_only_in_case_are_refused(project: Path) -> None:
    # the checked part is one of them; calamine reads the other
    path = write_xlsx(project / "roster.xlsx", small_roster())
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read(SHEET)
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr(SHEET.upper(), sheet.replace(b"</sheetData>", FAR.encode() + b"</sheetData>"))
    _refused(project, "roster.xlsx")


def test_shared_strings_stored_under_another_spelling_of_their_name_are_counted(
    project: Path,
) -> None:
    path = _with_row(project, ROW.format(r=9, cells='<c r="C9" t="s"><v>0</v></c>'))
    sst = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
        + "B" * 40_000
        + "</t></si></sst>"
    )
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("XL/SharedStrings.xml", sst)
    _refused(project, "40000 tegn", "Dagplejere!C9")


@pytest.mark.parametrize("plain", [True, False])
def test_a_shared_string_count_beyond_the_strings_held_is_refused(
    project: Path, plain: bool
) -> None:
    # calamine reserves room for uniqueCount strings before it reads one, 24 bytes each: here
    # 24 GB for a part of a few bytes (an abort under a memory cap or without overcommit);
    # a count of 100 billion aborts the process anywhere
    path = _with_row(project, ROW.format(r=9, cells='<c r="C9" t="s"><v>0</v></c>'))
    note = "" if plain else "<!-- not the plain form -->"
    sst = f'<sst xmlns="{_MAIN}" count="1" uniqueCount="1000000000"><si><t>B</t></si>{note}</sst>'
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/sharedStrings.xml", sst)
    _refused(project, "roster.xlsx (xl/sharedStrings.xml)")


def test_an_inline_string_in_a_shared_string_cell_counts_its_own_text(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # calamine reads <is> as the cell's text whatever t says: counted as a shared string index
    # it was one character. At the real limit this takes a sheet of over 100 MB (within the
    # 300 MB a workbook may unpack to); here the limit is a million characters
    from dagplejecli.formats import bounded

    monkeypatch.setattr(bounded, "MAX_WORKBOOK_TEXT", 1_000_000)
    cell = '<c r="{c}{r}" t="s"><is><t>' + "B" * 30_000 + "</t></is></c>"
    cells = "".join(cell.format(c=c, r="{r}") for c in "JKLMN")
    path = _with_row(
        project, "".join(ROW.format(r=r, cells=cells.format(r=r)) for r in range(9, 17))
    )
    _with_shared_strings(path, "<si><t>Y</t></si>")
    # the sheet is in the plain form: the streaming parser is not asked
    monkeypatch.setattr(bounded, "_scan_sheet", lambda *_: pytest.fail("parsed, not bounded"))
    _refused(project, "1 millioner tegn")


@pytest.mark.parametrize(
    ("rows", "cell"),
    [
        # calamine takes rows, cells, values and texts by their local names, wherever they
        # stand in the sheet's data and in whatever namespace
        ('<y><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></y>', "XFD1048576"),
        ('<row r="400000"><c xmlns="urn:x" r="XFD400000"><v>1</v></c></row>', "XFD400000"),
        ('<row xmlns="urn:x" r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "XFD1048576"),
        (
            '<row r="9"><y><c r="C9" t="inlineStr"><is><t>'
            + "B" * 40_000
            + "</t></is></c></y></row>",
            "C9",
        ),
    ],
)
def test_rows_and_cells_in_any_namespace_or_wrapping_are_counted(
    project: Path, rows: str, cell: str
) -> None:
    _with_row(project, rows)
    _refused(project, f"Dagplejere!{cell}")


def test_a_sheet_without_a_namespace_is_counted(project: Path) -> None:
    path = _with_row(project, ROW.format(r=1048576, cells='<c r="XFD1048576"><v>1</v></c>'))
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read(SHEET)
    _rewrite(path, {SHEET: sheet.replace(f' xmlns="{_MAIN}"'.encode(), b"")})
    _refused(project, "Dagplejere!XFD1048576")


@pytest.mark.parametrize(
    "strings",
    [
        "<y><si><t>{long}</t></si></y>",
        '<si xmlns="urn:x"><t>{long}</t></si>',
        '<x:si xmlns:x="urn:x"><x:t>{long}</x:t></x:si>',
    ],
)
def test_a_shared_string_in_any_namespace_or_wrapping_is_counted(
    project: Path, strings: str
) -> None:
    # calamine takes an <si> by its local name wherever it stands in <sst>
    path = _with_row(project, ROW.format(r=9, cells='<c r="C9" t="s"><v>0</v></c>'))
    _with_shared_strings(path, strings.format(long="B" * 40_000))
    _refused(project, "40000 tegn")


def test_shared_strings_in_two_parts_count_the_longer_string_of_each_index(
    project: Path,
) -> None:
    # the relationships name xl/strings.xml, of short strings; calamine reads
    # xl/sharedStrings.xml, of long ones: 4,000 cells showing string 0 are 128 million
    row = "".join(f'<c r="{c}{{r}}" t="s"><v>0</v></c>' for c in "OPQRSTUVWXYZ")
    path = _with_row(
        project, "".join(ROW.format(r=r, cells=row.format(r=r)) for r in range(20, 354))
    )
    _with_shared_strings(path, "<si><t>y</t></si>")
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr(
            "xl/sharedStrings.xml", f'<sst xmlns="{_MAIN}"><si><t>{"Y" * 32_000}</t></si></sst>'
        )
    _refused(project, "100 millioner tegn")


def test_shared_strings_beside_the_workbook_the_package_names_are_counted(
    project: Path,
) -> None:
    # _rels/.rels names foo/workbook.xml: calamine reads foo/sharedStrings.xml, which no
    # relationship names
    path = _with_row(project, ROW.format(r=9, cells='<c r="C9" t="s"><v>0</v></c>'))
    with zipfile.ZipFile(path) as zf:
        rels = zf.read("_rels/.rels")
    moved = ("workbook.xml", "_rels/workbook.xml.rels", "styles.xml")
    _rewrite(
        path,
        {"_rels/.rels": rels.replace(b"xl/workbook.xml", b"foo/workbook.xml")},
        {f"xl/{name}": f"foo/{name}" for name in moved},
    )
    sst = f'<sst xmlns="{_MAIN}"><si><t>{"B" * 40_000}</t></si></sst>'
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("foo/sharedStrings.xml", sst)
    _refused(project, "40000 tegn", "Dagplejere!C9")


def test_the_workbook_calamine_reads_beside_the_target_the_package_names_is_checked(
    project: Path,
) -> None:
    # _rels/.rels names foo/book.xml, which is not there: calamine reads foo/workbook.xml and
    # its relationships, which put the sheets in bar/
    path = _with_row(project, FAR)
    with zipfile.ZipFile(path) as zf:
        rels, book_rels = zf.read("_rels/.rels"), zf.read("xl/_rels/workbook.xml.rels")
    moved = {f"xl/{n}": f"foo/{n}" for n in ("workbook.xml", "_rels/workbook.xml.rels")}
    _rewrite(
        path,
        {
            "_rels/.rels": rels.replace(b"xl/workbook.xml", b"foo/book.xml"),
            "xl/_rels/workbook.xml.rels": book_rels.replace(b"/xl/worksheets/", b"/bar/"),
        },
        moved | {f"xl/worksheets/sheet{i}.xml": f"bar/sheet{i}.xml" for i in (1, 2)},
    )
    _refused(project, "Dagplejere!XFD1048576")


def test_a_part_read_as_shared_strings_and_as_a_sheet_is_checked_as_both(
    project: Path,
) -> None:
    # the relationships make xl/sharedStrings.xml the first sheet too: calamine reads its
    # strings and, as the sheet, its data
    path = _with_row(project, FAR)
    with zipfile.ZipFile(path) as zf:
        sheet, rels = zf.read(SHEET), zf.read("xl/_rels/workbook.xml.rels")
    both = sheet.replace(b"<sheetData>", b"<sst><si><t>a</t></si></sst><sheetData>")
    _rewrite(
        path,
        {
            SHEET: both,
            "xl/_rels/workbook.xml.rels": rels.replace(
                b"/xl/worksheets/sheet1.xml", b"/xl/sharedStrings.xml"
            ),
        },
        {SHEET: "xl/sharedStrings.xml"},
    )
    _refused(project, "Dagplejere!XFD1048576")


@pytest.mark.parametrize(
    ("rel", "name"),
    [
        # calamine takes the last part of the type and does not read the target's references
        ('Type="worksheet" Target="/bar/s.xml"', "bar/s.xml"),
        ('Type="{w}" Target="/bar/s&#46;xml"', "bar/s&#46;xml"),
    ],
)
def test_a_sheet_however_its_relationship_is_written_is_counted(
    project: Path, rel: str, name: str
) -> None:
    w = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    path = write_xlsx(project / "roster.xlsx", small_roster())  # its own sheet is harmless
    with zipfile.ZipFile(path) as zf:
        rels, sheet = zf.read("xl/_rels/workbook.xml.rels"), zf.read(SHEET)
    old = f'Type="{w}" Target="/xl/worksheets/sheet1.xml"'.encode()
    assert old in rels
    _rewrite(path, {"xl/_rels/workbook.xml.rels": rels.replace(old, rel.format(w=w).encode())})
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr(name, sheet.replace(b"</sheetData>", FAR.encode() + b"</sheetData>"))
    _refused(project, "XFD1048576")


def _with_sheets(project: Path, sheets: list[str]) -> Path:
    """The small roster with more worksheets (each part's XML as given), named X0, X1, …"""
    path = write_xlsx(project / "roster.xlsx", small_roster())
    with zipfile.ZipFile(path) as zf:
        book, rels = zf.read("xl/workbook.xml"), zf.read("xl/_rels/workbook.xml.rels")
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    named = "".join(
        f'<sheet xmlns:r="{kind.rpartition("/")[0]}" name="X{i}" sheetId="{100 + i}" r:id="rX{i}"/>'
        for i in range(len(sheets))
    )
    targets = "".join(
        f'<Relationship Id="rX{i}" Target="worksheets/x{i}.xml" Type="{kind}"/>'
        for i in range(len(sheets))
    )
    _rewrite(
        path,
        {
            "xl/workbook.xml": book.replace(b"</sheets>", named.encode() + b"</sheets>"),
            "xl/_rels/workbook.xml.rels": rels.replace(
                b"</Relationships>", targets.encode() + b"</Relationships>"
            ),
        },
    )
    with zipfile.ZipFile(path, "a") as zf:
        for i, sheet in enumerate(sheets):
            zf.writestr(f"xl/worksheets/x{i}.xml", sheet)
    return path


# the plain form (_plain_sheet), and the same cell where only the streaming parser reads it
_FAR_SHEET = {
    "plain": f'<worksheet xmlns="{_MAIN}"><sheetData><row r="{{r}}"><c r="{{ref}}"/></row>'
    "</sheetData></worksheet>",
    "parsed": f"<worksheet xmlns='{_MAIN}'><sheetData><row r='{{r}}'><c r='{{ref}}'/></row>"
    "</sheetData></worksheet>",
}


@pytest.mark.parametrize("form", ["plain", "parsed"])
def test_many_sheets_each_within_the_limits_are_bounded_together(project: Path, form: str) -> None:
    # each sheet reaches GR99999 (20 million cells, within a sheet's limits): calamine and
    # to_python hold about 165 MB for each (measured: 8 such sheets, 1.9 GB)
    far = _FAR_SHEET[form].format(r=99999, ref="GR99999")
    _with_sheets(project, [far] * 100)
    stderr = _refused(project, "roster.xlsx, X")
    assert "40000000" in stderr or "40.000.000" in stderr, stderr


def test_an_ods_of_many_tables_each_within_the_limits_is_bounded_together(project: Path) -> None:
    from tests.builders import ods_with

    # after the roster's own table, tables each reaching GR14999 with one cell (3 million
    # cells, within an .ods sheet's 6 million: T2 takes them over the workbook's)
    table = (
        "<table:table table:name='T{i}'><table:table-row table:number-rows-repeated='14998'>"
        "<table:table-cell/></table:table-row><table:table-row>"
        "<table:table-cell table:number-columns-repeated='199'/>"
        "<table:table-cell office:value-type='string'><text:p>x</text:p></table:table-cell>"
        "</table:table-row></table:table>"
    )
    tables = "".join(table.format(i=i) for i in range(8))
    ods_with(project, "</table:table>" + tables[: -len("</table:table>")])
    result = run_cli("plan", "roster.ods")
    assert result.exit_code == 2 and no_traceback(result), result.output
    assert "roster.ods, T2" in result.stderr, result.stderr


@pytest.mark.parametrize("form", ["plain", "parsed"])
def test_many_sheets_of_a_real_size_are_read(project: Path, form: str) -> None:
    from dagplejecli.formats import bounded

    # 60 sheets each reaching Z9999 (260,000 cells; 15.6 million together): a workbook of
    # lookup lists and old rosters beside the roster is no attack
    path = _with_sheets(project, [_FAR_SHEET[form].format(r=9999, ref="Z9999")] * 60)
    bounded.check_zip(path, path.read_bytes())


def _refusal(path: Path) -> str:
    """What the bounded check says of ``path`` (it must refuse it)."""
    from dagplejecli.errors import DagplejeError
    from dagplejecli.formats import bounded

    with pytest.raises(DagplejeError) as caught:
        bounded.check_zip(path, path.read_bytes())
    return str(caught.value.where)


def test_a_cells_reference_does_not_move_the_row_the_next_cells_stand_in(project: Path) -> None:
    # calamine puts a cell without a reference in its row's row (the row's r, else the one
    # after the row before), whatever the cell before it named: 30,001 rows of column ZZ
    rows = ROW.format(r=1, cells='<c r="ZZ1"><v>1</v></c>') + (
        '<row><c r="A1"><v>1</v></c><c><v>1</v></c></row>' * 30_000
    )
    assert "Dagplejere!" in _refusal(_with_row(project, rows))


@pytest.mark.parametrize("r", ["1000000000", "0000500001", "+500001"])
def test_a_row_number_of_many_digits_counts_at_its_value(project: Path, r: str) -> None:
    # calamine reads the row's r whatever its length: row 1,000,000,000 is 32 GB to it
    row = f'<row r="{r}"><c t="inlineStr"><is><t>x</t></is></c></row>'
    assert f"Dagplejere!A{int(r)}" in _refusal(_with_row(project, row))


def _ods(project: Path, rows: str, rebind: bool = False) -> Path:
    from tests.builders import ods_with

    path = ods_with(project, rows)
    if rebind:  # the prefix table: bound to another namespace; calamine reads it by the prefix
        with zipfile.ZipFile(path) as zf:
            content = zf.read("content.xml")
        ns = b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        assert ns in content
        _rewrite(path, {"content.xml": content.replace(ns, b'xmlns:table="urn:x"')})
    return path


def test_an_ods_repeat_of_many_digits_counts_at_its_value(project: Path) -> None:
    hostile = (
        "<table:table-row table:number-rows-repeated='0000100000'>"
        "<table:table-cell table:number-columns-repeated='0000000702' "
        "office:value-type='string'><text:p>x</text:p></table:table-cell></table:table-row>"
    )
    assert "Dagplejere!ZZ" in _refusal(_ods(project, hostile))


def test_an_ods_space_element_counts_the_spaces_it_stands_for(project: Path) -> None:
    # <text:s text:c="N"/> is N spaces to calamine: one cell of ten million characters
    hostile = (
        "<table:table-row><table:table-cell office:value-type='string'>"
        "<text:p>x<text:s text:c='10000000'/></text:p></table:table-cell></table:table-row>"
    )
    _ods(project, hostile)
    result = run_cli("plan", "roster.ods")
    assert result.exit_code == 2 and no_traceback(result), result.output
    assert "roster.ods, Dagplejere!A" in result.stderr, result.stderr
    assert "10000001" in result.stderr or "10.000.001" in result.stderr, result.stderr


def test_an_ods_whose_table_prefix_is_bound_elsewhere_is_counted(project: Path) -> None:
    hostile = (
        "<table:table-row table:number-rows-repeated='200000'>"
        "<table:table-cell table:number-columns-repeated='200' office:value-type='string'>"
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    assert "Dagplejere!GR" in _refusal(_ods(project, hostile, rebind=True))


def test_many_small_plain_sheets_are_counted_exactly_not_refused_by_an_estimate(
    project: Path,
) -> None:
    from dagplejecli.formats import bounded

    # 20 sheets of 10,001 rows and two columns (400,000 cells): the plain form's estimate
    # (99,999 rows x 26 columns each) would cross the workbook's limit; the count does not
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="B{r}"><v>2</v></c></row>'
        for r in range(1, 10_002)
    )
    sheet = f'<worksheet xmlns="{_MAIN}"><sheetData>{rows}</sheetData></worksheet>'
    path = _with_sheets(project, [sheet] * 20)
    bounded.check_zip(path, path.read_bytes())


def test_plain_sheets_estimated_large_are_counted_exactly_before_a_refusal(
    project: Path,
) -> None:
    from dagplejecli.formats import bounded

    # two plain sheets each reaching GA10000 with two cells (1.8 million cells each, estimated
    # at 99,999 rows: 18.3 million each), then a sheet reaching Z200000 (5.2 million, counted
    # by the parser): 8.9 million in all, within the limit
    far = (
        f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="10000"><c r="GA10000"><v>1</v></c></row></sheetData></worksheet>'
    )
    long = (
        f'<worksheet xmlns="{_MAIN}"><sheetData><row r="200000"><c r="Z200000"><v>1</v></c>'
        "</row></sheetData></worksheet>"
    )
    path = _with_sheets(project, [far, far, long])
    bounded.check_zip(path, path.read_bytes())


def test_an_ods_named_as_an_xlsx_is_counted_as_the_ods_it_is(project: Path) -> None:
    """calamine picks its reader by the zip's content, not the file's name: an .ods renamed
    .xlsx is checked as an .ods (780 bytes had been 150,000 x 200 cells, 4 GB)."""
    hostile = (
        "<table:table-row table:number-rows-repeated='150000'>"
        "<table:table-cell table:number-columns-repeated='200' office:value-type='string'>"
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    renamed = _ods(project, hostile).rename(project / "roster.xlsx")
    assert "Dagplejere!GR" in _refusal(renamed)
    _refused(project, "roster.xlsx")


def test_an_ods_is_held_to_what_calamine_builds_of_it_in_memory(project: Path) -> None:
    """calamine builds every cell an .ods repeats, with its own text: 20 million cells, within
    an .xlsx sheet's limit, took 2.6 GB and 35 s; an .ods sheet is held to 6 million."""
    hostile = (
        "<table:table-row table:number-rows-repeated='28480'>"
        "<table:table-cell table:number-columns-repeated='702' office:value-type='string'>"
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    assert "Dagplejere!ZZ" in _refusal(_ods(project, hostile))


def test_a_plan_that_is_a_zip_under_another_name_is_checked_as_a_workbook(project: Path) -> None:
    """calamine reads a zip as a workbook whatever it is called: a plan given as «plan.dat»
    gets the same check as one called .xlsx."""
    from dagplejecli.errors import DagplejeError
    from dagplejecli.planfile import read_plan

    far = _FAR_SHEET["plain"].format(r=500001, ref="A500001")
    renamed = _with_sheets(project, [far]).rename(project / "plan.dat")
    with pytest.raises(DagplejeError) as refusal:
        read_plan(renamed)
    assert refusal.value.key == "roster_sheet_too_large"
    # bytes before the zip: calamine finds it by its end record, and so does the check
    renamed.write_bytes(b"\x00" * 16 + renamed.read_bytes())
    with pytest.raises(DagplejeError) as refusal:
        read_plan(renamed)
    assert refusal.value.key == "roster_sheet_too_large"
