"""Which column holds which field, per sheet: from the recognised headers and the configuration."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from dagplejecli.config import CHILD_FIELDS, RosterConfig
from dagplejecli.domain.identifiers import looks_like_cpr
from dagplejecli.domain.shape import ColumnTable, Field, Owner, Role
from dagplejecli.domain.values import is_cpr_cell, normalise_bool
from dagplejecli.errors import DagplejeError
from dagplejecli.formats.sheets import RawSheet
from dagplejecli.model import CellRef, SheetInfo
from dagplejecli.roster.headers import (
    HeaderMeaning,
    HeaderRow,
    child_prefixed,
    normalise_header,
    says_cpr,
)
from dagplejecli.roster.vocabulary import normalise_words, vocabulary
from dagplejecli.wording import Place

# Which column (0-based) holds each field of one person's columns
Cols = dict[Field, int]


@dataclass(slots=True)
class ColumnMap:
    """Which column (0-based) holds which field, for one sheet."""

    file: str
    sheet: RawSheet
    header: HeaderRow
    role: Role
    fields: Cols = field(default_factory=dict)
    child: Cols = field(default_factory=dict)  # et-ark only
    # et-ark: the children side by side on a dagplejer's row («Barn 1», «CPR barn 1», «Barn 2»
    # …), by their number; empty when a row has one child (``child``)
    children: dict[int, Cols] = field(default_factory=dict)
    contacts: dict[int, Cols] = field(default_factory=dict)
    extra: dict[str, int] = field(default_factory=dict)  # header text → column, for rules
    # Worked out once from the above, when the map is made (not once per row):
    # the kept columns whose header says they hold a date ("Startdato", "Fødselsdato") …
    date_columns: list[str] = field(default_factory=list)
    # the rows of data under the header, and the totals and notes rows set aside (``data_rows``)
    rows: list[tuple[int, list[object]]] | None = None
    skipped: list[tuple[int, str]] = field(default_factory=list)
    # … and the contact groups in order, each with the relation its header implies (Mor/Far)
    contact_order: list[tuple[Cols, str | None]] = field(default_factory=list)
    # groups on the row with neither a name nor a CPR number (a «Mors mobil» beside «Forælder
    # 1 …»): no person, not read (DP262); the groups that are people are numbered 1, 2 … in
    # the order of ``contacts`` ([roster.kontaktgrupper])
    nameless: dict[int, Cols] = field(default_factory=dict)
    # a column read as the status from its words alone («Pasningsstatus»), said (DP272)
    guessed_status: int | None = None

    @property
    def header_sheet(self) -> str:
        """The sheet the header row stands in (of sheets read as one, the first): where a
        finding about a column points."""
        return self.sheet.origin(self.header.row)[0].name

    def header_cell(self, col: int) -> CellRef:
        """Where column ``col``'s header stands: of sheets read as one, in the first that has
        the column (one only a later sheet has is that sheet's), else the header row's."""
        for part, start, first in self.sheet.parts:
            row = self.header.row if start == 0 else first - 1
            order = self.sheet.orders.get(part.name, ())
            own = order[col] if col < len(order) else col
            texts = part.rows[row - 1] if 0 < row <= len(part.rows) else []
            if own < len(texts) and texts[own] not in ("", None):
                return CellRef(part.file or self.file, part.name, row, own + 1)
        return CellRef(self.file, self.header_sheet, self.header.row, col + 1)

    def read_columns(self) -> set[int]:
        """The columns a field reads: the person's own, the child's (one sheet), the contacts'."""
        maps = (self.fields, self.child, *self.children.values(), *self.contacts.values())
        return {c for cols in maps for c in cols.values()}

    def child_groups(self) -> list[Cols]:
        """The child columns of a one-sheet row: the one child's, and each numbered child's
        («Barn», «CPR barn» before «Barn 2», «CPR barn 2» is the first of them)."""
        numbered = [self.children[n] for n in sorted(self.children)]
        return [self.child, *numbered] if self.child or not numbered else numbered


# On a one-sheet roster, the plain columns that are the dagplejer's: address, contact and id.
# Other plain person columns (CPR, Navn …) are the child's when the dagplejer's own are
# prefixed ("Dagplejer CPR").
ONE_SHEET_DAGPLEJER_PLAIN = frozenset(
    {
        Field.ID,
        Field.ADRESSE,
        Field.VEJNAVN,
        Field.HUSNR,
        Field.POSTNR,
        Field.BY,
        Field.TELEFON,
        Field.EMAIL,
        Field.GAEST,  # a guest carer, and a position, are a dagplejer's: a child has neither
        Field.STILLING,
    }
)
# The fields that say who a person is.
PERSON_FIELDS = frozenset({Field.CPR, Field.NAVN, Field.FORNAVN, Field.EFTERNAVN})
# a sheet's own columns that say who its person is: never moved to a contact person
_IDENTITY_FIELDS = PERSON_FIELDS | {Field.ID, Field.DAGPLEJER}
# A person's own columns of a kind: the CPR number, or the name (whole or in parts).
_KINDS: dict[Field, tuple[Field, ...]] = {
    Field.CPR: (Field.CPR,),
    Field.NAVN: (Field.NAVN, Field.FORNAVN, Field.EFTERNAVN),
}


def holds_cprs(sheet: RawSheet, header: HeaderRow, col: int) -> bool:
    """Whether a child's column (``Barn``, ``Child``) is its CPR number: the header says so,
    or most of its filled cells are CPR numbers (a bare ``Barn`` may as well hold names)."""
    if says_cpr(normalise_header(header.texts[col])):
        return True
    cells = [row[col] for row in sheet.rows[header.row :] if col < len(row) and row[col]]
    return bool(cells) and sum(map(is_cpr_cell, cells)) * 2 > len(cells)


def _holds_names(sheet: RawSheet, header: HeaderRow, col: int) -> bool:
    """Whether most of a column's filled cells are names: words of letters, no digit."""
    cells = [row[col] for row in sheet.rows[header.row :] if col < len(row) and row[col]]
    names = sum(
        1
        for v in cells
        if isinstance(v, str)
        and len(v.split()) > 1
        and v.isprintable()
        and not any(ch.isdigit() for ch in v)
    )
    return bool(cells) and names * 2 > len(cells)


def plain_dagplejer_fields(header: HeaderRow) -> frozenset[Field]:
    """The plain person columns (``CPR``, ``Navn``) of a one-sheet roster that are the
    dagplejer's, kind by kind, when the dagplejer has no prefixed column of that kind (``Dagplejer
    CPR``): the kind the child has a column of its own of (``Barnets CPR`` leaves a plain ``CPR``
    to the dagplejer), and every kind when the sheet also has the dagplejer's plain id or
    address (``Medarbejdernr``, ``Adresse``). A plain ``Navn`` beside only ``Dagplejer nr`` and
    ``Barnets CPR`` stays the child's."""
    child: set[Field] = set()
    dagplejer: set[Field] = set()
    dagplejer_plain = False
    for m in header.meanings:
        if m is None:
            continue
        kind = next((k for k, fields in _KINDS.items() if m.field in fields), None)
        if m.owner == Owner.BARN_REF:
            child.add(Field.CPR)
        elif m.owner == Owner.BARN and kind:
            child.add(kind)
        elif m.owner in (Owner.DAGPLEJER, Owner.DAGPLEJER_REF) and kind:
            dagplejer.add(kind)
        elif m.owner == Owner.PLAIN and m.field in ONE_SHEET_DAGPLEJER_PLAIN:
            dagplejer_plain = True
    kinds = set(_KINDS) if child and dagplejer_plain else child
    return frozenset(f for kind in kinds - dagplejer for f in _KINDS[kind])


def one_sheet_child_column(meaning: HeaderMeaning | None, norm: str) -> bool:
    """Whether a column of a one-sheet roster is the child's, as ``map_columns`` reads it: a
    child's header (``Barn CPR``, or ``Barnets startdato``, which names no field), or a plain
    person field the dagplejer's prefixed columns leave to the child."""
    if meaning is None:
        return child_prefixed(norm)
    if meaning.owner == Owner.PLAIN:
        return meaning.field not in ONE_SHEET_DAGPLEJER_PLAIN and meaning.field in CHILD_FIELDS
    return meaning.owner in (Owner.BARN, Owner.BARN_REF)


def _header_place(cmap: ColumnMap) -> Place:
    return Place(cmap.file, sheet=cmap.header_sheet, row=cmap.header.row)


class Slot(StrEnum):
    """Where a recognised column goes in a sheet's ``ColumnMap``."""

    OWN = "own"  # the sheet's own person's field (``fields``)
    # … except an id (a plain «Id» on a children's sheet: its dagplejer's)
    OWN_NOT_ID = "own_not_id"
    OWN_CPR_IF_CPRS = "own_cpr_if_cprs"  # ``fields``' CPR when the column holds CPR numbers
    CHILD = "child"  # the child's field on a one-sheet roster (``child``)
    CHILD_CPR_IF_CPRS = "child_cpr_if_cprs"  # the child's CPR when the column holds them
    CONTACT = "contact"  # a contact group on the row (``contacts[group]``)
    DAGPLEJER_REF = "dagplejer_ref"  # the child's dagplejer (``fields["dagplejer"]``)
    CHILD_REF = "child_ref"  # the contact's child (``fields["barn"]``)
    ONE_SHEET_PLAIN = "one_sheet_plain"  # the dagplejer's or the child's: decided after


# The one table of column decisions: a column whose header reads as ``owner``'s goes, on a
# sheet of ``role``, to this slot. Pairs not listed are not read (kept as extra columns).
SLOTS: dict[tuple[Role, Owner], Slot] = {
    (Role.DAGPLEJERE, Owner.PLAIN): Slot.OWN,
    (Role.DAGPLEJERE, Owner.DAGPLEJER): Slot.OWN,
    (Role.DAGPLEJERE, Owner.DAGPLEJER_REF): Slot.OWN,  # «Dagplejer nr.» on their own sheet
    (Role.BOERN, Owner.BARN): Slot.OWN,
    (Role.BOERN, Owner.PLAIN): Slot.OWN_NOT_ID,
    (Role.BOERN, Owner.DAGPLEJER_REF): Slot.DAGPLEJER_REF,
    (Role.BOERN, Owner.BARN_REF): Slot.OWN_CPR_IF_CPRS,  # «Barn CPR» on the child's own row
    (Role.BOERN, Owner.KONTAKT): Slot.CONTACT,
    (Role.KONTAKTER, Owner.PLAIN): Slot.OWN,
    (Role.KONTAKTER, Owner.KONTAKT): Slot.OWN,
    (Role.KONTAKTER, Owner.BARN_REF): Slot.CHILD_REF,
    (Role.ET_ARK, Owner.DAGPLEJER): Slot.OWN,
    (Role.ET_ARK, Owner.DAGPLEJER_REF): Slot.OWN,
    (Role.ET_ARK, Owner.BARN): Slot.CHILD,
    (Role.ET_ARK, Owner.BARN_REF): Slot.CHILD_CPR_IF_CPRS,
    (Role.ET_ARK, Owner.KONTAKT): Slot.CONTACT,
    (Role.ET_ARK, Owner.PLAIN): Slot.ONE_SHEET_PLAIN,
}

# The long form (a row per child and contact person): a children's sheet with one contact
# group, whose plain columns of these fields are that contact's («Relation»,
# «Forældremyndighed», «Telefon», «E-mail»), not the child's.
LONG_FORM_CONTACT_FIELDS = frozenset({Field.RELATION, Field.MYNDIGHED, Field.TELEFON, Field.EMAIL})


def long_form(sheet: RawSheet, header: HeaderRow, setting: bool | None) -> bool:
    """Whether a children's sheet is written in the long form: ``[roster] lang_form`` when set;
    else one contact group (a single «Kontaktperson …»/«Forælder …» set of columns) and children
    on more than one row with another contact person on each — at least two such children, and
    a quarter of all (one child written twice by mistake does not change how a sheet is read)."""
    if setting is not None:
        return setting
    if len(contact_groups(header)) != 1:
        return False
    said = [(m.owner, m.field) if m else None for m in header.meanings]
    cprs = ((Owner.BARN_REF, Field.BARN), (Owner.BARN, Field.CPR), (Owner.PLAIN, Field.CPR))
    child = next((c for c, owned in enumerate(said) if owned in cprs), None)
    contact = _first_of(header, (Owner.KONTAKT, Field.CPR), (Owner.KONTAKT, Field.NAVN))
    if child is None or contact is None:
        return False
    contacts: dict[object, set[object]] = {}
    for row in sheet.rows[header.row :]:
        key = row[child] if child < len(row) else None
        if key is None or key == "":
            continue
        contacts.setdefault(key, set()).add(row[contact] if contact < len(row) else None)
    several = sum(1 for found in contacts.values() if len(found) > 1)
    return several >= 2 and several * 4 >= len(contacts)


def contact_groups(header: HeaderRow) -> dict[int, str]:
    """The contact groups on a row (1, 2 …; 101 Mor, 102 Far), each with the relation its
    headers say («Mor CPR»: Mor; «Forælder 1 CPR»: Forælder; "" when they say none)."""
    groups: dict[int, str] = {}
    for m in header.meanings:
        if m is not None and m.owner == Owner.KONTAKT:
            groups[m.group or 1] = groups.get(m.group or 1) or m.implied
    return groups


def _first_of(header: HeaderRow, *wanted: tuple[Owner, Field]) -> int | None:
    """The first column of the first of ``wanted`` (an owner's field) the header has."""
    said = [(m.owner, m.field) if m else None for m in header.meanings]
    return next((said.index(w) for w in wanted if w in said), None)


def _filled_cells(sheet: RawSheet, header: HeaderRow, col: int) -> Iterator[object]:
    """The filled cells of column ``col`` under the header (a cell of spaces is blank)."""
    for row in sheet.rows[header.row :]:
        v = row[col] if col < len(row) else None
        if not (v is None or v == "" or (isinstance(v, str) and v.isspace())):
            yield v


def _holds_yes_no(sheet: RawSheet, header: HeaderRow, col: int) -> bool:
    """Whether every filled cell of a column is a yes or a no («Ja», «Nej», «X», TRUE): a
    status written as a tick, never a date («Indskrevet»: Ja)."""
    seen = False
    for v in _filled_cells(sheet, header, col):
        if not (isinstance(v, bool) or (isinstance(v, str) and normalise_bool(v) is not None)):
            return False  # a date, or anything else: stops at the first
        seen = True
    return seen


def _ticks_as_status(cmap: ColumnMap) -> None:
    """A start or end column by its header («Indskrevet», «Udmeldt») whose cells are yes or
    no is the person's status, not a period: its words are then status words, which the
    configuration maps ([roster.status]; until then DP268 stops the export), never a date that
    cannot be read in every cell."""
    for target in (cmap.fields, cmap.child):
        for period in (Field.START, Field.SLUT):
            col = target.get(period)
            if col is None or Field.STATUS in target:
                continue
            if _holds_yes_no(cmap.sheet, cmap.header, col):
                del target[period]
                target[Field.STATUS] = col


def _names_by_content(cmap: ColumnMap, used: set[int]) -> None:
    """A column whose header says whose it is but not what, and that holds names, is that
    person's name when no column is: «Barn» beside «CPR-nummer» (the child's), and «Dagplejer»
    read as her id beside her CPR number (a name is no id: hers is then made from it)."""
    names = set(_KINDS[Field.NAVN])
    sheet, header = cmap.sheet, cmap.header
    if cmap.role in (Role.BOERN, Role.ET_ARK):
        target = cmap.child if cmap.role == Role.ET_ARK else cmap.fields
        bare = [
            c
            for c, m in enumerate(header.meanings)
            if m is not None and m.owner == Owner.BARN_REF and c not in used
        ]
        if not target.keys() & names and len(bare) == 1 and _holds_names(sheet, header, bare[0]):
            target[Field.NAVN] = bare[0]
            used.add(bare[0])
    if cmap.role in (Role.DAGPLEJERE, Role.ET_ARK) and Field.CPR in cmap.fields:
        col = cmap.fields.get(Field.ID)
        if col is not None and not cmap.fields.keys() & names and _holds_names(sheet, header, col):
            del cmap.fields[Field.ID]
            cmap.fields[Field.NAVN] = col


def _holds_status_words(sheet: RawSheet, header: HeaderRow, col: int) -> bool:
    """Whether every filled cell of a column is a status word of the vocabulary, in two cells
    or more, and one of them a word of a placement («Indskrevet», «Venteliste», «Udmeldt»):
    «Aktiv» and «Ophørt» alone may be a subsidy's."""
    v = vocabulary()
    seen, placement = 0, False
    for value in _filled_cells(sheet, header, col):
        if not isinstance(value, str) or (word := normalise_words(value)) not in v.statuses:
            return False  # anything else: stops at the first
        seen += 1
        placement = placement or word in v.placement_words
    return seen >= 2 and placement


def _words_as_status(cmap: ColumnMap, used: set[int]) -> None:
    """A sheet of people without a status column by its header, and one column the reader
    does not know («Pasningsstatus») whose cells are placement statuses: that column is the
    status (the child's, on one sheet), said (``guessed_status``, DP272). Left unread, a
    child on the waiting list would go into Unilogin in silence."""
    if cmap.role not in (Role.BOERN, Role.DAGPLEJERE, Role.ET_ARK):
        return
    target = cmap.child if cmap.role == Role.ET_ARK else cmap.fields
    if Field.STATUS in target:
        return
    read = cmap.read_columns()
    found = [
        col
        for col, m in enumerate(cmap.header.meanings)
        if m is None
        and col not in used
        and col not in read
        and _holds_status_words(cmap.sheet, cmap.header, col)
    ]
    if len(found) == 1:
        target[Field.STATUS] = found[0]
        used.add(found[0])
        cmap.guessed_status = found[0]


def map_columns(
    file: str,
    sheet: RawSheet,
    header: HeaderRow,
    role: Role,
    overrides: dict[str, dict[str, str]],
    long: bool = False,
    groups_override: dict[int, dict[str, str]] | None = None,
) -> ColumnMap:
    """The fields of ``sheet`` for its ``role``: recognised headers placed by ``SLOTS``, then
    the configured ``overrides`` (table → field → header), which win, and on a children's
    sheet ``groups_override`` ([roster.kontaktgrupper]: a contact group's place → field →
    header). ``long``: a children's sheet in the long form (``long_form``). Raises
    DagplejeError for a configured header the sheet does not have."""
    cmap = ColumnMap(file, sheet, header, role)
    used: set[int] = set()

    def put(target: Cols, name: Field, col: int) -> None:
        if name not in target:
            target[name] = col
            used.add(col)

    meanings = list(enumerate(header.meanings))
    if role == Role.BOERN:
        # the child's own columns before plain ones: "Barnets CPR" is the child's even after a
        # plain "CPR" (its dagplejer's, repeated)
        meanings.sort(key=lambda cm: cm[1] is not None and cm[1].owner == Owner.PLAIN)
    groups = contact_groups(header)
    single = next(iter(groups)) if len(groups) == 1 else None  # one contact group on the row
    one_group = single if long else None
    # a plain «Relation» beside groups whose headers say theirs («Mor», «Far») and one whose
    # do not («Anden kontakt»): that one's relation
    unsaid = [group for group, said in groups.items() if not said]
    relation_group = single if single is not None else unsaid[0] if len(unsaid) == 1 else None
    for col, m in meanings:
        if m is None:
            continue
        slot = SLOTS.get((role, m.owner))  # None: not read on a sheet of this role
        # a child has no relation: the row's one contact has; in the long form, the row's one
        # contact's other fields too
        contacts = m.field == Field.RELATION or (long and m.field in LONG_FORM_CONTACT_FIELDS)
        plain = m.owner == Owner.PLAIN and role in (Role.BOERN, Role.ET_ARK)
        if role == Role.KONTAKTER and m.owner == Owner.KONTAKT and len(groups) > 1:
            slot = Slot.CONTACT  # a child's contacts side by side on a row of their own
        if (plain and contacts and single is not None) or (
            plain and m.field == Field.RELATION and relation_group is not None
        ):
            slot = Slot.CONTACT
        if slot is Slot.OWN or (slot is Slot.OWN_NOT_ID and m.field != Field.ID):
            put(cmap.fields, m.field, col)
        elif slot is Slot.DAGPLEJER_REF:
            put(cmap.fields, Field.DAGPLEJER, col)
        elif slot is Slot.CHILD_REF:
            put(cmap.fields, Field.BARN, col)
        elif slot is Slot.OWN_CPR_IF_CPRS and holds_cprs(sheet, header, col):
            put(cmap.fields, Field.CPR, col)
        elif slot is Slot.CHILD:
            put(cmap.children.setdefault(m.group, {}) if m.group else cmap.child, m.field, col)
        elif slot is Slot.CHILD_CPR_IF_CPRS and holds_cprs(sheet, header, col):
            put(cmap.child, Field.CPR, col)
        elif slot is Slot.CONTACT:
            number = relation_group if m.owner == Owner.PLAIN else (m.group or 1)
            put(cmap.contacts.setdefault(number or 1, {}), m.field, col)
    if role in (Role.DAGPLEJERE, Role.ET_ARK) and not cmap.fields.keys() & set(_KINDS[Field.NAVN]):
        # two columns read as her id («Dagplejer nr.» and «Dagplejer»): the one that holds
        # names is her name, what each column holds deciding
        ids = [c for c, m in meanings if m is not None and m.field == Field.ID and c not in used]
        if Field.ID in cmap.fields and len(ids) == 1:
            pair = sorted(
                (cmap.fields[Field.ID], ids[0]), key=lambda c: _holds_names(sheet, header, c)
            )
            if [_holds_names(sheet, header, c) for c in pair] == [False, True]:
                cmap.fields[Field.ID], cmap.fields[Field.NAVN] = pair
                used.add(ids[0])
    if len(cmap.children) == 1 and not cmap.child:  # «Barn 1» alone: the row's one child
        cmap.child.update(cmap.children.popitem()[1])
    _ticks_as_status(cmap)
    if role == Role.BOERN and Field.DAGPLEJER not in cmap.fields:
        # no "Dagplejer" column: a plain "Medarbejdernr"/"Id" on a child sheet names the
        # dagplejer; without one, "Dagplejers navn" names the dagplejer by name
        found = _first_of(header, (Owner.PLAIN, Field.ID), (Owner.DAGPLEJER, Field.NAVN))
        if found is not None:
            put(cmap.fields, Field.DAGPLEJER, found)

    if role == Role.BOERN:
        cmap.fields = dict(sorted(cmap.fields.items(), key=lambda item: item[1]))  # as written
    if role == Role.ET_ARK:
        # Plain columns after the prefixed ones ("Distrikt" and the like stay rule columns)
        # ("CPR" and "Navn" too, when the child's are prefixed and the dagplejer's are not)
        dagplejers = ONE_SHEET_DAGPLEJER_PLAIN | plain_dagplejer_fields(header)
        for col, m in enumerate(header.meanings):
            if m is None or m.owner != Owner.PLAIN or col in used:
                continue  # (a column the long form gave the row's contact is theirs)
            if m.field in dagplejers:
                put(cmap.fields, m.field, col)
            elif m.field in CHILD_FIELDS or m.field == Field.MYNDIGHED:
                # a custody column is the child's row's: whose it is, the reader decides
                put(cmap.child, m.field, col)

    _names_by_content(cmap, used)
    _words_as_status(cmap, used)
    # the child's columns the configuration names: a contact's table naming one too shares
    # it (the long form's one «Beskyttet adresse» for the child and the row's contact)
    childs: dict[int, list[tuple[Cols, Field]]] = {}
    for table, mapping in overrides.items():
        target = cmap.fields
        if role == Role.ET_ARK and table == ColumnTable.BOERN_KOLONNER:
            target = cmap.child
        elif role in (Role.BOERN, Role.ET_ARK) and table == ColumnTable.KONTAKT_KOLONNER:
            # the long form: the contacts' columns are on the children's sheet, one per row
            target = cmap.contacts.setdefault(one_group or 1, {})
        for name, wanted in mapping.items():
            col = _configured_column(cmap, table, name, wanted)
            if col == cmap.guessed_status:
                cmap.guessed_status = None  # the configuration names it: no guess
            _move(cmap, col, target, Field(name))
            used.add(col)
            if table == ColumnTable.BOERN_KOLONNER:
                childs.setdefault(col, []).append((target, Field(name)))
            _share(col, childs)
    if role in (Role.BOERN, Role.ET_ARK) and not long:
        _place_groups(cmap, groups_override or {}, childs)
    guessed_in = cmap.child if role == Role.ET_ARK else cmap.fields
    if cmap.guessed_status is not None and guessed_in.get(Field.STATUS) != cmap.guessed_status:
        cmap.guessed_status = None  # the configuration named another status column

    if role in (Role.DAGPLEJERE, Role.ET_ARK):
        # Every column stays available to the rules, except CPR numbers and (one-sheet)
        # the child's and contacts' columns.
        others = (cmap.child, *cmap.contacts.values())
        excluded = {cmap.fields.get(Field.CPR), *(c for cols in others for c in cols.values())}
        for col, text in enumerate(header.texts):
            if text and col not in excluded:
                cmap.extra.setdefault(text, col)
    cmap.date_columns = [h for h in cmap.extra if "dato" in normalise_header(h)]
    if len(cmap.children) > 1:  # whose a contact on a row of several children is, none says
        cmap.contacts.clear()
    cmap.contact_order = [(cmap.contacts[g], groups.get(g) or None) for g in sorted(cmap.contacts)]
    return cmap


def _configured_column(cmap: ColumnMap, table: str, name: str, wanted: str) -> int:
    """The column whose header a configuration table names (exit 2 when the sheet has none)."""
    try:
        return [normalise_header(t) for t in cmap.header.texts].index(normalise_header(wanted))
    except ValueError:
        header = cmap.header
        # a row that holds a CPR number is data, not headers: the row is the fault
        data = any(looks_like_cpr(t) for t in header.texts)
        raise DagplejeError(
            "roster_column_missing",
            where=_header_place(cmap),
            hint="roster_column_missing_data_hint" if data else "roster_column_missing_hint",
            header=wanted,
            table=table,
            field=name,
            sheet=cmap.sheet.name,
            row=header.row,
            headers=", ".join(t for t in header.texts if t),
        ) from None


def _move(cmap: ColumnMap, col: int, target: Cols, name: Field) -> None:
    """Column ``col`` read as ``name`` of ``target``, and by no other field."""
    for other in (cmap.fields, cmap.child, *cmap.contacts.values()):
        for key, c in list(other.items()):
            if c == col:
                del other[key]
    target[name] = col


def _share(col: int, childs: dict[int, list[tuple[Cols, Field]]]) -> None:
    """Column ``col`` read for the child too, when the configuration names it in the child's
    table (``childs``) as well as a contact's: what is written is read, for both."""
    for target, name in childs.get(col, ()):
        target[name] = col


def _place_groups(
    cmap: ColumnMap,
    placed: dict[int, dict[str, str]],
    childs: dict[int, list[tuple[Cols, Field]]] | None = None,
) -> None:
    """The contact groups side by side on a children's row, numbered by their place (1, 2 …)
    among those with a name or a CPR number, as init and DP262 number them: the configured
    columns moved into theirs ([roster.kontaktgrupper]; the child's too when the child's
    table names them, ``childs``), then a group left with neither a name nor a CPR number set
    aside (``nameless``): no person."""
    order = [g for g in sorted(cmap.contacts) if not PERSON_FIELDS.isdisjoint(cmap.contacts[g])]
    given: dict[int, int] = {}  # column → the group it was given to
    for place, mapping in placed.items():
        while place > len(order):  # a group of its own, after the row's groups
            order.append(max(cmap.contacts, default=0) + 1)
            cmap.contacts[order[-1]] = {}
        target = cmap.contacts[order[place - 1]]
        for name, wanted in mapping.items():
            col = _configured_column(cmap, "kontaktgrupper", name, wanted)
            if given.setdefault(col, place) != place:  # «Mor tlf.» and «Mor tlf» are one
                raise DagplejeError(
                    "roster_group_column_twice",
                    where=_header_place(cmap),
                    header=cmap.header.texts[col],
                    groups=f"{given[col]}, {place}",
                )
            own = [f for m in (cmap.fields, cmap.child) for f, c in m.items() if c == col]
            if own and own[0] in _IDENTITY_FIELDS:  # the child's CPR is never a contact's
                raise DagplejeError(
                    "roster_group_takes_own",
                    where=_header_place(cmap),
                    hint="roster_group_takes_own_hint",
                    header=wanted,
                    group=place,
                    field=str(own[0]),
                    sheet=cmap.sheet.name,
                )
            _move(cmap, col, target, Field(name))
            _share(col, childs or {})
    for group in sorted(cmap.contacts):
        cols = cmap.contacts[group]
        if not cols:
            del cmap.contacts[group]
        elif PERSON_FIELDS.isdisjoint(cols):
            cmap.nameless[group] = cmap.contacts.pop(group)


def sheet_info(cmap: ColumnMap, long: bool = False) -> SheetInfo:
    """How the sheet was read, for ``init`` and the plan: role, header row, fields found."""
    texts = cmap.header.texts
    # a nameless contact group's columns are said by DP262, not as unrecognised
    mapped = cmap.read_columns() | {c for cols in cmap.nameless.values() for c in cols.values()}
    recognised = {str(f): texts[c] for f, c in cmap.fields.items()}
    recognised.update({f"{Owner.BARN}.{f}": texts[c] for f, c in cmap.child.items()})
    # children side by side («barn2.cpr»): by their headers, no table names them
    recognised.update(
        {
            f"{Owner.BARN}{n}.{f}": texts[c]
            for n, cols in cmap.children.items()
            for f, c in cols.items()
        }
    )
    unrecognised = [c for c, t in enumerate(texts) if t and c not in mapped]
    child_columns = [
        texts[c]
        for c in unrecognised
        if cmap.role == Role.ET_ARK
        and one_sheet_child_column(cmap.header.meanings[c], normalise_header(texts[c]))
    ]
    return SheetInfo(
        cmap.sheet.name,
        cmap.role,
        cmap.header.row,
        recognised,
        len(cmap.contacts),
        [texts[c] for c in unrecognised],
        child_columns,
        long,
        cmap.sheet.file,
        {g: {str(f): texts[c] for f, c in cols.items()} for g, cols in cmap.contacts.items()},
        [texts[c] for cols in cmap.nameless.values() for c in sorted(cols.values())],
        {  # a part's header row: the row above its first (the first part's is the sheet's)
            part.name: cmap.header.row if start == 0 else first - 1
            for part, start, first in cmap.sheet.parts
        },
    )


def require(cmap: ColumnMap, table: ColumnTable, *alternatives: tuple[str, ...]) -> None:
    """Each alternative is a tuple of fields that together satisfy the requirement."""
    fields = (
        cmap.child
        if table == ColumnTable.BOERN_KOLONNER and cmap.role == Role.ET_ARK
        else cmap.fields
    )
    if any(all(f in fields for f in alt) for alt in alternatives):
        return
    wanted = " / ".join("+".join(alt) for alt in alternatives)
    raise DagplejeError(
        "roster_required_missing",
        where=_header_place(cmap),
        hint="roster_required_missing_hint",
        sheet=cmap.sheet.name,
        field=wanted,
        table=table,
        key=alternatives[0][0],  # the first a user would write, as a key of the table
        row=cmap.header.row,
        headers=", ".join(t for t in cmap.header.texts if t) or "-",
    )


def configured_columns(cfg: RosterConfig, *tables: str) -> dict[str, dict[str, str]]:
    """The configured column names for these tables (``kolonner``, ``boern_kolonner`` …)."""
    return {t: getattr(cfg, t) for t in tables if getattr(cfg, t)}
