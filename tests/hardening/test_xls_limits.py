"""An .xls roster (Excel 97-2003: BIFF8 records in an OLE2 compound file) checked against the
limits before calamine parses it: calamine builds every sheet of an .xls as a dense grid when it
opens the file, from A1 to the farthest cell any record names, so a file of a few KB can claim
gigabytes. Each attack is refused with exit 2 and the place named, in seconds, nothing written.

The files are written by xlwt (a test-only dependency) where it can write them, else record by
record here (``record``, ``stream``, ``compound``).
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

import dagplejecli
from dagplejecli.errors import DagplejeError
from dagplejecli.formats import sheets, xls
from dagplejecli.formats.sheets import read_sheets
from dagplejecli.planfile import PLAN_NAME, read_plan
from tests.builders import no_traceback, run_cli, small_roster

# What a hostile roster may cost at most: the project's rule for every attack.
MEMORY_CAP = 1 << 30
SECONDS = 30


def write_xls(path: Path, workbook: dict[str, list[list[object]]]) -> Path:
    """An .xls written by xlwt, as an old export would be."""
    import xlwt

    wb = xlwt.Workbook()
    for name, rows in workbook.items():
        ws = wb.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None and value != "":
                    ws.write(r, c, value)
    wb.save(str(path))
    return path


def far_sheets(count: int, row: int = 65536, column: int = 256) -> dict[str, list[list[object]]]:
    """The small roster and ``count`` sheets with a cell at A1 and one far away (at IV65536,
    the last cell of an .xls sheet, unless told): a file of a few KB."""
    workbook = small_roster()
    for n in range(1, count + 1):
        rows: list[list[object]] = [["x"]] + [[] for _ in range(row - 2)]
        rows.append([None] * (column - 1) + ["x"])
        workbook[f"Ark{n}"] = rows
    return workbook


def run_capped(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``dagpleje ARGS`` in a process of its own, its address space capped at MEMORY_CAP
    (where the platform can: POSIX; elsewhere without the cap); a run past SECONDS is ended
    and fails the test (``TimeoutExpired``)."""

    def cap() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    source = str(Path(dagplejecli.__file__).parents[1])
    path = os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": path, "RUST_BACKTRACE": "0"}
    return subprocess.run(
        [sys.executable, "-m", "dagplejecli", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=SECONDS,
        preexec_fn=cap if os.name == "posix" else None,
        check=False,
    )


# Records, a workbook stream and a compound file, written by hand (MS-XLS, MS-CFB)

EOF_RECORD = b"\x0a\x00\x00\x00"


def record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def bof(kind: int) -> bytes:
    """A BIFF8 BOF: 0x0005 begins the workbook's globals, 0x0010 a worksheet."""
    return record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x0206))


def number(row: int, column: int, value: float = 1.0) -> bytes:
    return record(0x0203, struct.pack("<HHHd", row, column, 15, value))


def label_sst(row: int, column: int, index: int) -> bytes:
    return record(0x00FD, struct.pack("<HHHI", row, column, 15, index))


def shared_strings(*texts: str) -> bytes:
    """An SST of compressed (one byte a character) strings, its text run on in CONTINUE
    records of at most 8,224 bytes, as Excel writes them."""
    head = struct.pack("<II", len(texts), len(texts))
    records, body = [], head
    for text in texts:
        body += struct.pack("<HB", len(text), 0)
        chars = text.encode("latin-1")
        while len(body) + len(chars) > 8224:
            room = 8224 - len(body)
            records.append(body + chars[:room])
            body, chars = b"\x00", chars[room:]  # a CONTINUE: a flags byte, then the text
        body += chars
    records.append(body)
    return record(0x00FC, records[0]) + b"".join(record(0x003C, r) for r in records[1:])


def stream(workbook: list[tuple[str, bytes]], extra: bytes = b"") -> bytes:
    """A workbook stream: the globals (``extra`` among them), and each sheet's records between
    its BOF and EOF."""
    names = [name.encode("latin-1") for name, _ in workbook]
    head = bof(0x0005) + record(0x0042, struct.pack("<H", 1200)) + extra
    boundsheets = sum(len(record(0x0085, bytes(8) + name)) for name in names)
    at = len(head) + boundsheets + len(EOF_RECORD)
    entries, bodies = b"", b""
    for name, (_, body) in zip(names, workbook, strict=True):
        entries += record(
            0x0085, struct.pack("<IBBBB", at + len(bodies), 0, 0, len(name), 0) + name
        )
        bodies += bof(0x0010) + body + EOF_RECORD
    return head + entries + EOF_RECORD + bodies


def compound(data: bytes, size: int | None = None) -> tuple[bytearray, dict[str, int]]:
    """A compound file holding ``data`` as its Workbook stream (its size as ``size`` says, if
    told): the FAT's sectors first, then the directory's, then the stream's. Returned with
    where its parts are, so that a test can break them."""
    data = data.ljust(max(4096, -(-len(data) // 512) * 512), b"\x00")
    count = len(data) // 512
    fats = 1
    while fats * 128 < fats + 1 + count:
        fats += 1
    directory, first = fats, fats + 1
    fat = [0xFFFFFFFD] * fats + [0xFFFFFFFE]
    fat += [first + i + 1 for i in range(count - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (fats * 128 - len(fat))

    def entry(name: str, kind: int, start: int, length: int, child: int) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBBIII", len(encoded), kind, 1, 0xFFFFFFFF, 0xFFFFFFFF, child)
            + bytes(36)
            + struct.pack("<IQ", start, length)
        )

    entries = entry("Root Entry", 5, 0xFFFFFFFE, 0, 1)
    entries += entry("Workbook", 2, first, len(data) if size is None else size, 0xFFFFFFFF)
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<9I", 0, fats, directory, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    header += struct.pack("<109I", *range(fats), *[0xFFFFFFFF] * (109 - fats))
    raw = header + struct.pack(f"<{len(fat)}I", *fat) + entries.ljust(512, b"\x00") + data
    places = {"fat": 512, "directory": directory, "first": first, "last": first + count - 1}
    return bytearray(raw), places


def set_fat(raw: bytearray, places: dict[str, int], sector: int, value: int) -> None:
    struct.pack_into("<I", raw, places["fat"] + 4 * sector, value)


@pytest.fixture
def unparsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """calamine is never given the file: a file the check missed would abort or hang the test
    process rather than fail the test."""
    import python_calamine

    class Unread:
        @staticmethod
        def from_filelike(*_: object) -> None:
            pytest.fail("parsed, not checked")

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Unread)


def refused(project: Path, name: str, *words: str) -> str:
    result = run_cli("plan", name)
    assert result.exit_code == 2, result.output
    assert no_traceback(result)
    assert name in result.stderr, result.stderr
    for text in words:
        assert text in result.stderr, result.stderr
    assert not (project / PLAN_NAME).exists()
    return result.stderr


NOT_A_WORKBOOK = "ikke et gyldigt regneark"


# --- The far cells: the attack, and its kin ---------------------------------------------------


@pytest.mark.slow
def test_far_cells_in_an_xls_are_refused_within_the_memory_cap(project: Path) -> None:
    # two sheets of 65,536 x 256 cells each: calamine builds 537 MB for each when it opens the
    # file, and a copy of a sheet when it is read (under the cap, it aborts the process); the
    # file is under 10 KB
    write_xls(project / "fjern.xls", far_sheets(2))
    assert (project / "fjern.xls").stat().st_size < 10_000
    done = run_capped(project, "plan", "fjern.xls")
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    assert "fjern.xls" in done.stderr and "Ark1!IV65536" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / PLAN_NAME).exists()


@pytest.mark.usefixtures("unparsed")
def test_a_far_cell_is_named_in_english_too(project: Path) -> None:
    write_xls(project / "fjern.xls", far_sheets(1))
    result = run_cli("--lang", "en", "plan", "fjern.xls")
    assert result.exit_code == 2 and no_traceback(result)
    assert "The sheet reaches cell IV65536" in result.stderr, result.stderr
    assert "fjern.xls, Ark1!IV65536" in result.stderr


@pytest.mark.usefixtures("unparsed")
def test_a_column_beyond_an_xls_sheet_that_calamine_reads_is_refused(project: Path) -> None:
    # calamine takes a cell's column as 16 bits: column 1,000 (past IV) is a cell to it
    data = stream([("Ark1", number(0, 0) + number(0, 999))])
    (project / "bred.xls").write_bytes(compound(data)[0])
    refused(project, "bred.xls", "Ark1!ALL1")


@pytest.mark.usefixtures("unparsed")
def test_an_xls_with_a_workbook_after_it_named_xlsx_is_checked_as_the_xls(project: Path) -> None:
    # calamine tries .xls before any other kind, whatever the file is called: an .xls of far
    # cells with a good .xlsx after it is a zip to the zip check, and an .xls to calamine
    far = write_xls(project / "fjern.xls", far_sheets(1)).read_bytes()
    (project / "roster.xlsx").write_bytes(far + (project / "roster.xlsx").read_bytes())
    refused(project, "roster.xlsx", "Ark1!IV65536")


@pytest.mark.usefixtures("unparsed")
def test_a_plan_that_is_an_xls_is_checked_as_one(project: Path) -> None:
    # the plan is a file anyone with access to the folder can change
    write_xls(project / "plan.xls", far_sheets(1))
    with pytest.raises(DagplejeError) as refusal:
        read_plan(project / "plan.xls")
    assert refusal.value.key == "roster_sheet_too_large"
    assert str(refusal.value.place) == "plan.xls, Ark1!IV65536"


@pytest.mark.usefixtures("unparsed")
def test_many_sheets_each_within_a_sheets_limit_are_refused_together(project: Path) -> None:
    # each sheet 65,536 x 50 = 3.3 million cells, within a sheet's 4 million; two are 6.6
    write_xls(project / "mange.xls", far_sheets(2, column=50))
    refused(project, "mange.xls", "mange.xls, Ark2", "6000000 celler", "arket Ark2")


@pytest.mark.usefixtures("unparsed")
def test_one_sheet_named_twice_is_counted_twice(project: Path) -> None:
    # a second sheet entry at the first sheet's offset: calamine builds the sheet for each
    twice = record(0x0085, struct.pack("<IBBBB", 0, 0, 0, 4, 0) + b"Ark2")
    sheet = number(0, 0) + number(23_000, 139)  # 3.2 million cells: within a sheet's limit
    data = bytearray(stream([("Ark1", sheet)], extra=twice))
    first = data.index(twice)
    at = struct.unpack_from("<I", data, data.index(b"\x85\x00", first + len(twice)) + 4)[0]
    struct.pack_into("<I", data, first + 4, at)
    (project / "to.xls").write_bytes(compound(bytes(data))[0])
    refused(project, "to.xls", "6000000 celler", "arket Ark1")


@pytest.mark.usefixtures("unparsed")
@pytest.mark.parametrize(
    ("dimensions", "cell"),
    [
        # a DIMENSIONS record claiming the whole sheet: calamine reserves 40 bytes a cell
        (struct.pack("<IIHHH", 0, 65536, 0, 256, 0), "IV65536"),
        # its last row before its first: calamine's arithmetic wraps round to 4 billion rows
        # and it asks for 44 TB, which aborts the process
        (struct.pack("<IIHHH", 5, 3, 0, 256, 0), "Ark1!IV"),
    ],
    ids=["whole sheet", "wrapping round"],
)
def test_a_dimensions_record_claiming_too_much_is_refused(
    project: Path, dimensions: bytes, cell: str
) -> None:
    data = stream([("Ark1", record(0x0200, dimensions) + number(0, 0))])
    (project / "dim.xls").write_bytes(compound(data)[0])
    refused(project, "dim.xls", cell)


def test_cells_that_are_no_cells_to_calamine_are_not_counted(project: Path) -> None:
    # BLANK and MULBLANK (formatting) far away, and a chart's own BOF…EOF with a far cell in
    # it, build nothing to calamine: the sheet is read as it is
    blank = record(0x0201, struct.pack("<HHH", 65535, 255, 15))
    mulblank = record(0x00BE, struct.pack("<HHHHH", 60000, 0, 15, 15, 1))
    chart = bof(0x0020) + number(65535, 255) + EOF_RECORD
    data = stream([("Ark1", number(1, 1, 7.0) + blank + mulblank + chart)])
    (project / "tomme.xls").write_bytes(compound(data)[0])
    assert read_sheets(project / "tomme.xls")[0].rows == [["", ""], ["", 7.0]]


def test_an_xls_larger_than_calamine_can_hold_is_refused(project: Path) -> None:
    # calamine holds an .xls about six times over: a 100 MB file aborted it under 1 GiB
    raw = write_xls(project / "stor.xls", small_roster()).read_bytes()
    (project / "stor.xls").write_bytes(raw + bytes(65 * 1024 * 1024))
    refused(project, "stor.xls", "65 MB", "64 MB", ".xlsx")


# --- Text -----------------------------------------------------------------------------------


@pytest.mark.usefixtures("unparsed")
def test_a_shared_string_longer_than_a_cell_holds_is_refused_where_shown(project: Path) -> None:
    data = stream(
        [("Ark1", number(0, 0) + label_sst(8, 2, 1))],
        extra=shared_strings("kort", "B" * 40_000),
    )
    (project / "lang.xls").write_bytes(compound(data)[0])
    refused(project, "lang.xls", "40000 tegn", "Ark1!C9")


@pytest.mark.usefixtures("unparsed")
def test_a_shared_string_shown_in_many_cells_counts_for_each(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # calamine copies a shared string into every cell that shows it: at the real limit that is
    # 670 cells of 30,000 characters (a file of 40 KB); here the limit is a million
    monkeypatch.setattr(xls, "MAX_XLS_WORKBOOK_TEXT", 1_000_000)
    cells = b"".join(label_sst(row, 0, 0) for row in range(40))
    data = stream([("Ark1", cells)], extra=shared_strings("B" * 30_000))
    (project / "kopier.xls").write_bytes(compound(data)[0])
    refused(project, "kopier.xls", "1 millioner tegn")


# --- Formulas -----------------------------------------------------------------------------------


def formula(row: int, column: int, tokens: bytes) -> bytes:
    """A FORMULA with the value 1 and ``tokens`` (its parsed formula)."""
    head = struct.pack("<HHHdHI", row, column, 15, 1.0, 0, 0)
    return record(0x0006, head + struct.pack("<H", len(tokens)) + tokens)


@pytest.mark.usefixtures("unparsed")
def test_formulas_whose_text_would_take_minutes_to_write_are_refused(project: Path) -> None:
    # an integer, then 450 tokens each inserting 255 spaces one by one before it: calamine
    # moves the whole text for every space (0.13 s a formula); 1,000 of them in 2 MB: minutes
    spaces = b"\x1e\x01\x00" + b"\x19\x40\x00\xff" * 450
    cells = b"".join(formula(row, 0, spaces) for row in range(1000))
    (project / "formler.xls").write_bytes(compound(stream([("Ark1", cells)]))[0])
    refused(project, "formler.xls", "formler", "Ark1!A")


def test_ordinary_formulas_are_read(project: Path) -> None:
    # =A1+1 and =SUM(A1:A2), with their values
    tokens = b"\x24\x00\x00\x00\xc0\x1e\x01\x00\x03"
    total = b"\x25\x00\x00\x01\x00\x00\xc0\x00\xc0\x19\x10\x00\x00"
    cells = number(0, 0, 1.0) + formula(1, 0, tokens) + formula(2, 0, total)
    (project / "formler.xls").write_bytes(compound(stream([("Ark1", cells)]))[0])
    assert read_sheets(project / "formler.xls")[0].rows == [[1.0], [1.0], [1.0]]


# --- A broken compound file or stream --------------------------------------------------------


@pytest.mark.usefixtures("unparsed")
@pytest.mark.parametrize("cut", [100, 511, 600, 2000, 0.5, -1])
def test_a_truncated_xls_is_refused(project: Path, cut: float) -> None:
    raw = write_xls(project / "hel.xls", small_roster()).read_bytes()
    at = int(len(raw) * cut) if isinstance(cut, float) else cut % len(raw)
    (project / "halv.xls").write_bytes(raw[:at])
    refused(project, "halv.xls", NOT_A_WORKBOOK)


@pytest.mark.usefixtures("unparsed")
@pytest.mark.parametrize(
    "record_",
    [
        record(0x0085, b"\x00\x00\x10\x00\x00\x00\x04\x00Ark2"),  # a sheet past the stream
        record(0x0042, b""),  # a CODEPAGE too short: calamine reads two bytes and panics
        record(0x00E5, struct.pack("<H", 9)),  # merged ranges claimed and missing
        record(0x0203, b"\x00" * 4),  # a NUMBER too short
        formula(0, 0, b"\x17\x40x"),  # a string token running past its formula
        b"\x03\x02\xff\x7f",  # a record running past the stream
    ],
    ids=["sheet offset", "codepage", "merged ranges", "number", "formula string", "length"],
)
def test_a_garbled_record_is_refused(project: Path, record_: bytes) -> None:
    if record_[:2] in (b"\x85\x00", b"\x42\x00"):
        data = stream([("Ark1", number(0, 0))], extra=record_)
    else:
        data = stream([("Ark1", number(0, 0) + record_)])
    (project / "rod.xls").write_bytes(compound(data)[0])
    refused(project, "rod.xls", NOT_A_WORKBOOK)


@pytest.mark.usefixtures("unparsed")
@pytest.mark.parametrize("loop", ["workbook", "directory", "difat", "outside"])
def test_a_loop_in_the_compound_file_is_refused_without_hanging(project: Path, loop: str) -> None:
    # calamine follows each chain until it ends: the directory's for ever (its memory growing
    # until it aborts), the workbook's up to the 2 GB its entry claims, the DIFAT's for ever
    data = stream([("Ark1", number(0, 0))])
    raw, places = compound(data, size=2_000_000_000 if loop == "workbook" else None)
    if loop == "workbook":
        set_fat(raw, places, places["last"], places["first"])
    elif loop == "directory":
        set_fat(raw, places, places["directory"], places["directory"])
    elif loop == "difat":
        own = len(raw) // 512 - 1  # a DIFAT sector of its own, its last entry itself
        raw += struct.pack("<128I", *[0xFFFFFFFF] * 127, own)
        struct.pack_into("<II", raw, 68, own, 1)
    else:
        set_fat(raw, places, places["first"], 10_000)  # a sector beyond the file
    (project / "loekke.xls").write_bytes(raw)
    refused(project, "loekke.xls", NOT_A_WORKBOOK)


@pytest.mark.usefixtures("unparsed")
def test_shared_strings_in_too_many_pieces_are_refused(project: Path) -> None:
    # calamine takes each CONTINUE record from the front of a list: 100,000 empty ones (400 KB)
    # cost it seconds, and their number squared
    strings = shared_strings("x") + record(0x003C) * 100_000
    data = stream([("Ark1", number(0, 0))], extra=strings)
    (project / "stykker.xls").write_bytes(compound(data)[0])
    refused(project, "stykker.xls", NOT_A_WORKBOOK)


# --- What is read as before --------------------------------------------------------------------


def test_an_ordinary_xls_is_read_as_before(project: Path) -> None:
    workbook = small_roster()
    # enough texts for the shared strings to run on in CONTINUE records
    workbook["Noter"] = [[f"note {n} " + "æøå" * 20] for n in range(400)]
    write_xls(project / "gammel.xls", workbook)
    read = read_sheets(project / "gammel.xls")
    assert [s.name for s in read] == ["Dagplejere", "Børn", "Noter"]
    assert read[0].rows == small_roster()["Dagplejere"]
    assert read[2].rows[399] == ["note 399 " + "æøå" * 20]
    assert run_cli("plan", "gammel.xls").exit_code == 0


def test_two_sheets_of_one_name_are_refused(project: Path) -> None:
    data = stream([("Ark1", number(0, 0)), ("Ark1", number(1, 1))])
    (project / "navne.xls").write_bytes(compound(data)[0])
    refused(project, "navne.xls", NOT_A_WORKBOOK)


def test_a_panic_in_calamine_is_an_unreadable_roster(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # without the check, a sheet offset past the stream makes calamine panic (pyo3's
    # PanicException, not an Exception): still a clear message, no traceback
    monkeypatch.setattr(sheets, "check_xls", lambda *_: None)
    extra = record(0x0085, b"\x00\x00\x10\x00\x00\x00\x04\x00Ark2")
    (project / "panik.xls").write_bytes(compound(stream([("Ark1", number(0, 0))], extra))[0])
    refused(project, "panik.xls", "kan ikke læses")
