"""What reading left behind, said aloud: a sheet of roster data no role was given (DP248), and
child columns that gave no child (DP249). Nothing in a roster vanishes without a word.

A sheet is roster data when a header row names a person (``CPR``, ``Navn``, ``Barn CPR`` …) and
rows follow it; an empty sheet, or one whose headers name no one, is left in silence.
"""

from __future__ import annotations

from dagplejecli.findings import OWN, Family, Finding, Location, Rule
from dagplejecli.findings import Severity as S
from dagplejecli.model import CellRef
from dagplejecli.roster.columns import PERSON_FIELDS
from dagplejecli.roster.headers import (
    HeaderMeaning,
    HeaderRow,
    child_prefixed,
    find_header_row,
    normalise_header,
    read_header,
)
from dagplejecli.roster.layout import ROLE_KEYS, classify
from dagplejecli.roster.sheets import RawSheet

DP248 = Rule("DP248", S.WARNING, Family.PERSONS, OWN)  # a sheet of roster data not read
DP249 = Rule("DP249", S.ERROR, Family.PERSONS, OWN)  # child columns, and no child read
LAYOUT_RULES = (DP248, DP249)
# The findings about the roster's sheets, which ``init`` and ``plan`` show too.
LAYOUT_CODES = frozenset(r.code for r in LAYOUT_RULES)

SCAN = 30  # rows searched for a header, as ``find_header_row`` does
SHOWN = 4  # headers named in a finding (the first few)


def _names_person(m: HeaderMeaning | None) -> bool:
    return m is not None and (m.field in PERSON_FIELDS or m.owner in ("barn_ref", "dagplejer_ref"))


def person_header(rows: list[list[object]]) -> HeaderRow | None:
    """The sheet's header row when one names a person: the reader's own header row, or else
    the first row with a single person header (``Navn``)."""
    header = find_header_row(rows, SCAN)
    if header is not None and any(_names_person(m) for m in header.meanings):
        return header
    for index, row in enumerate(rows[:SCAN]):
        meanings = [read_header(normalise_header(v)) if isinstance(v, str) else None for v in row]
        if any(_names_person(m) for m in meanings):
            texts = [" ".join(str(v).split()) if v is not None else "" for v in row]
            return HeaderRow(index + 1, texts, meanings)
    return None


def _filled(row: list[object]) -> bool:
    return any(v is not None and not (isinstance(v, str) and not v.strip()) for v in row)


def child_columns(header: HeaderRow) -> list[int]:
    """The columns (0-based) whose header is a child's (``Barn CPR``, ``Barnets startdato``)."""
    return [
        c
        for c, (m, text) in enumerate(zip(header.meanings, header.texts, strict=True))
        if (m is not None and m.owner in ("barn", "barn_ref"))
        or (m is None and child_prefixed(normalise_header(text)))
    ]


def _place(file: str, sheet: RawSheet, header: HeaderRow, col: int) -> Location:
    return Location.of_cell(CellRef(file, sheet.name, header.row, col + 1))


def left_behind(
    file: str,
    sheets: list[RawSheet],
    chosen: dict[str, tuple[RawSheet, HeaderRow]],
    children: int,
) -> list[Finding]:
    """Findings for the sheets of roster data given no role in ``chosen`` (DP248), and, when
    no child was read (``children``), for the child columns the roster has all the same
    (DP249)."""
    findings: list[Finding] = []
    explained = False  # no children, and an unused sheet of them says why
    for sheet in sheets:
        if any(sheet is s for s, _ in chosen.values()):
            continue
        header = person_header(sheet.rows)
        if header is None:
            continue
        rows = sum(1 for row in sheet.rows[header.row :] if _filled(row))
        if not rows:
            continue
        kids = child_columns(header)
        if kids and not children:
            findings.append(_no_children(file, sheet, header, kids, "sheet"))
            explained = True
            continue
        headers = tuple(t for t in header.texts if t)
        findings.append(
            DP248(
                _place(file, sheet, header, header.texts.index(headers[0])),
                sheet=sheet.name,
                rows=rows,
                row=header.row,
                headers=headers[:SHOWN],
                key=ROLE_KEYS[classify(header)],
            )
        )
    if not children and not explained:
        for role, (sheet, header) in chosen.items():
            if kids := child_columns(header):
                # read as the children's: their columns; read as another's: the sheet
                if role in ("boern", "et-ark"):
                    findings.append(_no_children(file, sheet, header, kids, "columns"))
                else:
                    as_role = {"sheet_role": role, "key": ROLE_KEYS[role]}
                    findings.append(_no_children(file, sheet, header, kids, "", **as_role))
                break
    return findings


def _no_children(
    file: str, sheet: RawSheet, header: HeaderRow, kids: list[int], variant: str, **read_as: str
) -> Finding:
    """DP249 at the first child column (``read_as``: the role the sheet was read in, and the
    key that gives it that role, when it was read as another's)."""
    return DP249(
        _place(file, sheet, header, kids[0]),
        variant=variant,
        sheet=sheet.name,
        columns=tuple(header.texts[c] for c in kids[:SHOWN]),
        **read_as,
    )
