"""The municipality's production units from CVR, as a spreadsheet or CSV the user downloaded."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dagplejecli.domain.address import Address, parse_address
from dagplejecli.domain.values import clean_text, normalise_digits
from dagplejecli.errors import DagplejeError
from dagplejecli.formats.sheets import read_sheets
from dagplejecli.roster.headers import normalise_header

HEADERS = {
    "pnummer": (
        "pnummer",
        "p nummer",
        "p nr",
        "pnr",
        "p enhed",
        "produktionsenhed",
        "pnummer p enhed",
    ),
    "cvr": ("cvr", "cvr nummer", "cvrnr", "cvr nr", "cvrnummer"),
    "navn": ("navn", "enhedsnavn", "p enhedsnavn", "name", "p enhed navn"),
    "adresse": ("adresse", "beliggenhedsadresse", "address", "vejnavn og husnr"),
    "postnr": ("postnr", "postnummer", "post nr"),
    "by": ("by", "postdistrikt", "bynavn"),
}
# the reader's messages that say «the roster» of the file itself
_ROSTER_WORDED = frozenset(
    {"roster_missing", "roster_is_dir", "roster_empty_file", "roster_too_large"}
    | {"roster_unreadable_os", "roster_bad_suffix"}
)
_LOOKUP = {alias: name for name, aliases in HEADERS.items() for alias in aliases}


@dataclass(frozen=True, slots=True)
class PUnit:
    p_number: str
    cvr: str
    name: str
    address: Address


def read_extract(path: Path) -> list[PUnit]:
    """Every P-unit in the file's first sheet that has a recognisable header row. The file is
    read as a roster is (bounded, counted while parsed); what is wrong with the file itself is
    said of the CVR extract, not of the roster."""
    from dagplejecli.formats.sheets import MAX_FILE_BYTES
    from dagplejecli.limits import check_input_file

    if not path.exists():
        raise DagplejeError(
            "extract_missing", where=str(path), hint="extract_missing_hint", name=path.name
        )
    check_input_file(path, "input_extract", MAX_FILE_BYTES)
    try:
        sheets = read_sheets(path)
    except DagplejeError as exc:
        if exc.key in _ROSTER_WORDED:
            raise DagplejeError(
                "extract_unreadable",
                where=exc.place,
                hint="extract_unreadable_hint",
                detail=exc.params.get("detail", "-"),
            ) from None
        raise
    for sheet in sheets:
        for index, row in enumerate(sheet.rows[:30]):
            cols = {}
            for col, value in enumerate(row):
                name = _LOOKUP.get(normalise_header(value)) if isinstance(value, str) else None
                if name and name not in cols:
                    cols[name] = col
            if "pnummer" in cols and "cvr" in cols:
                return _units(sheet.rows[index + 1 :], cols)
    raise DagplejeError("extract_no_header", where=str(path), hint="extract_no_header_hint")


def _units(rows: list[list[object]], cols: dict[str, int]) -> list[PUnit]:
    def get(row: list[object], name: str) -> object:
        col = cols.get(name)
        return row[col] if col is not None and col < len(row) else None

    units = []
    for row in rows:
        p_number, _ = normalise_digits(get(row, "pnummer"), 10)
        if not p_number:
            continue
        cvr, _ = normalise_digits(get(row, "cvr"), 8)
        text = clean_text(get(row, "adresse"))
        postnr, _ = normalise_digits(get(row, "postnr"), 4)
        if postnr:
            text = f"{text}, {postnr} {clean_text(get(row, 'by'))}"
        address, _ = parse_address(text)
        units.append(PUnit(p_number, cvr or "", clean_text(get(row, "navn")), address))
    return units
