"""The domain's records: where a value came from, the people of a roster, areas and the plan."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import NamedTuple

from dagplejecli.domain.address import Address
from dagplejecli.domain.identifiers import mask_cpr
from dagplejecli.domain.shape import Field, Layout, RefForm, Role


@cache
def column_letters(col: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


NO_ADDRESS = Address()


@dataclass(frozen=True, slots=True)
class CellRef:
    """A cell of the roster: ``Dagplejere!B7``. Rows and columns count from 1, as in Excel."""

    file: str
    sheet: str
    row: int
    col: int

    @property
    def a1(self) -> str:
        return f"{column_letters(self.col)}{self.row}"

    def __str__(self) -> str:
        return f"{self.sheet}!{self.a1}"


class RowRef(NamedTuple):
    """A row of the roster; with a column it makes a CellRef (built only when needed). A
    tuple: one is made for every row read."""

    file: str
    sheet: str
    row: int
    # the cells of this row that stand elsewhere in its sheet: (column, row, its own column),
    # a title block's fields read as columns of a sheet's every row (roster/joined.py)
    elsewhere: tuple[tuple[int, int, int], ...] = ()
    # a sheet read as one with others whose columns stand in another order: each column's own
    # (from 0), by the column it is read as (roster/joined.py); empty: the same order
    order: tuple[int, ...] = ()

    def cell(self, col: int) -> CellRef:
        """``col`` counts from 0, as the reader's column maps do."""
        for moved, row, own in self.elsewhere:
            if moved == col:
                return CellRef(self.file, self.sheet, row, own + 1)
        own = self.order[col] if col < len(self.order) else col
        return CellRef(self.file, self.sheet, self.row, own + 1)


@dataclass(slots=True)
class Person:
    """What every person in a roster has. ``cpr`` is 10 digits or None when it could not be read."""

    cpr: str | None = None
    cpr_given: bool = False
    cpr_text: str = ""  # the cell's text when it is not a readable CPR (never shown unmasked)
    first_name: str = ""
    last_name: str = ""
    protected: bool = False
    alias_first: str = ""
    alias_last: str = ""
    phone: str = ""
    email: str = ""
    # the placement (employment) period and status as the cells hold them; care.py reads them
    start_cell: object = None
    end_cell: object = None
    status_text: str = ""
    row_ref: RowRef | None = None
    columns: Mapping[Field, int] = field(default_factory=dict)  # field → column, shared per sheet

    @property
    def name(self) -> str:
        """First and last name with one space between (either alone when the other is blank):
        asked for every person by the checks and both export files, so written without a
        generator."""
        first, last = self.first_name, self.last_name
        return f"{first} {last}" if first and last else first or last

    @property
    def cpr_masked(self) -> str:
        """The CPR as people may see it: ``DDMMYY-xxxx`` (empty when there is none)."""
        return mask_cpr(self.cpr or self.cpr_text)

    @property
    def cells(self) -> dict[str, CellRef]:
        """Every field's cell."""
        if self.row_ref is None:
            return {}
        return {name: self.row_ref.cell(col) for name, col in self.columns.items()}

    def cell(self, *fields: Field) -> CellRef | None:
        """The cell of the first of ``fields`` the roster had, else the row's first cell."""
        if self.row_ref is None:
            return None
        for name in fields:
            col = self.columns.get(name)
            if col is not None:
                return self.row_ref.cell(col)
        return self.row_ref.cell(min(self.columns.values(), default=0))


@dataclass(slots=True)
class Dagplejer(Person):
    id: str = ""
    id_derived: bool = False
    address_text: str = ""
    address: Address = NO_ADDRESS  # frozen, so one empty address serves all
    extra: dict[str, str] = field(default_factory=dict)
    guest: bool = False  # a guest carer (gæstedagplejer): no group of her own
    # a one-sheet roster's rows that mark her a guest carer while others of hers do not
    # (her rows, as text): not one by the roster (care.mark_guests says it, DP263)
    guest_disputed: str = ""
    position: str = ""  # Stilling, as written


@dataclass(slots=True)
class ContactPerson(Person):
    relation: str | None = None  # Unilogin value: Mor, Far, Andet, Officielt tilknyttet person
    relation_raw: str = ""
    custody: bool = False


@dataclass(frozen=True, slots=True)
class RowCustody:
    """A custody column on a child's row (one for the row, not one per contact): its yes/no
    (None when blank), its cell and its header. Whose it is the row does not say."""

    value: bool | None
    cell: CellRef
    column: str
    # the parents the cell names as having custody («Mor»: {"Mor"}; «Fælles»: {"Mor", "Far"}),
    # None when the cell is a yes or no (or blank)
    names: frozenset[str] | None = None
    value_text: str = ""  # the cell as written, when it names who (for a finding)


@dataclass(slots=True)
class Child(Person):
    id: str = ""  # the roster's id for the child, or one derived from the CPR when reading
    id_derived: bool = False
    dagplejer_ref: str = ""
    dagplejer_id: str | None = None  # resolved id of the dagplejer, None when unknown
    contacts: list[ContactPerson] = field(default_factory=list)
    # the row's custody column, for contacts on a sheet of their own that have none
    row_custody: RowCustody | None = None


def contact_key(child: Child, contact: ContactPerson) -> str:
    """Who a contact person is, wherever people are counted or compared: the CPR, so that a
    parent of two children is one person; without one, the name within that child (the
    child's id, which every child has once read), so that two namesakes are two people."""
    return contact.cpr or f"{contact.name}|{child.id}"


@dataclass(frozen=True, slots=True)
class SheetInfo:
    """How one sheet was read: its role, header row, and which columns meant what."""

    name: str
    role: Role
    header_row: int
    recognised: dict[str, str]  # canonical field → header as written
    contact_groups: int
    unrecognised: list[str]  # headers no field names (kept for the rules)
    # one sheet: those of ``unrecognised`` that are the child's ([roster.boern_kolonner])
    child_columns: list[str] = field(default_factory=list)
    long_form: bool = False  # a children's sheet with a row per child and contact person
    file: str = ""  # the file the sheet is in
    # the contact groups on the row: group (1, 2 …; 101 Mor, 102 Far) → field → header
    contacts: dict[int, dict[str, str]] = field(default_factory=dict)
    # the columns of contact groups with neither a name nor a CPR number, not read (DP262)
    nameless: list[str] = field(default_factory=list)
    # sheets alike read as this one (a sheet per district): each part's name and header row
    parts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RosterFile:
    """One file of the roster, with the SHA-256 of the bytes read."""

    path: Path
    sha256: str


def roster_fingerprint(files: list[RosterFile]) -> str:
    """The roster's hash: its file's own for one file, else one over every file's, in order."""
    if len(files) == 1:
        return files[0].sha256
    return hashlib.sha256(" ".join(f.sha256 for f in files).encode("ascii")).hexdigest()


@dataclass(slots=True)
class Roster:
    """Everything read from the roster's files, normalised, with every value's cell."""

    path: Path  # the first file
    sha256: str  # ``roster_fingerprint`` of ``files``
    layout: Layout
    sheets: list[str]
    dagplejere: list[Dagplejer]
    children: list[Child]
    sheet_info: list[SheetInfo] = field(default_factory=list)
    # children's dagplejer references a reading finding already explains (DP240, DP241):
    # no finding per child for them
    explained_refs: frozenset[str] = frozenset()
    files: list[RosterFile] = field(default_factory=list)  # every file, the first is ``path``
    # how every linked child's dagplejer column names her, when one form links them all
    reference_form: RefForm | None = None

    @property
    def name(self) -> str:
        """The roster's file names as the user gave them («pladsliste.csv + dagplejere.csv»)."""
        return " + ".join(f.path.name for f in self.files) or self.path.name

    def unlinked_on_their_own(self) -> list[Child]:
        """The children linked to no dagplejer for a reason of their own row (DP205), not one a
        reading finding explains for many (``explained_refs``)."""
        return [
            c
            for c in self.children
            if c.dagplejer_id is None and c.dagplejer_ref not in self.explained_refs
        ]


@dataclass(frozen=True, slots=True)
class Area:
    """An area (Anvisningsenhed) with every value resolved from its own table and [standard]."""

    name: str
    loc: tuple[str | int, ...]  # where it is configured: ("omraade", 1) or ("opdeling",)
    daginstitution: str
    daginstitution_number: str
    p_number: str
    address_text: str
    address: Address
    address_understood: bool
    email: str
    phone: str
    institution_number: str
    sources: dict[str, tuple[str | int, ...]]  # value name → configuration key it came from


class Why(StrEnum):
    """How a dagplejer came to its area (or to none)."""

    EXPLICIT = "explicit"  # listed in the area's ``dagplejere``
    WHERE = "where"  # the area's ``hvor``, or ``[opdeling]``: a column's value
    REST = "rest"  # the area with ``resten = true``
    NONE = "none"  # no area


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a dagplejer is in its area, as data (the words are chosen where it is shown):
    ``conditions`` are the columns and the values they accept, for ``Why.WHERE``."""

    why: Why
    conditions: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class Assignment:
    dagplejer_id: str
    area: str | None
    rule: Reason  # how it was assigned: listed, Distrikt = Nord, the rest, or none


@dataclass(slots=True)
class Plan:
    """Areas and who belongs where. Children follow their dagplejer, contacts their child."""

    areas: list[Area]
    assignments: dict[str, Assignment]
    rule_columns: list[str]

    def area_of(self, dagplejer_id: str | None) -> str | None:
        if dagplejer_id is None:
            return None
        a = self.assignments.get(dagplejer_id)
        return a.area if a else None


@dataclass(frozen=True, slots=True)
class AreaCounts:
    dagplejere: int
    children: int
    contacts: int


def area_counts(plan: Plan, roster: Roster) -> dict[str, AreaCounts]:
    """Dagplejere, children and distinct contact persons (by ``contact_key``) per area."""
    dp: dict[str, int] = {a.name: 0 for a in plan.areas}
    ch: dict[str, int] = dict.fromkeys(dp, 0)
    contacts: dict[str, set[str]] = {name: set() for name in dp}
    for a in plan.assignments.values():
        if a.area is not None:
            dp[a.area] = dp.get(a.area, 0) + 1
    for c in roster.children:
        area = plan.area_of(c.dagplejer_id)
        if area is None:
            continue
        ch[area] = ch.get(area, 0) + 1
        for p in c.contacts:
            contacts.setdefault(area, set()).add(contact_key(c, p))
    return {name: AreaCounts(dp[name], ch.get(name, 0), len(contacts.get(name, ()))) for name in dp}
