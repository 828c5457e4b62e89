"""Rows to records: dagplejere, children and contact persons, every value normalised and
its cell remembered; what reading notices becomes a finding."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dagplejecli.config import PARENT, UNILOGIN_RELATIONS
from dagplejecli.domain.address import Address, parse_address, split_postnr_city
from dagplejecli.domain.identifiers import (
    cpr_is_female,
    cpr_text_digits,
    is_substitute_cpr,
    is_valid_cpr,
    mask_cpr,
    mask_cpr_in_text,
)
from dagplejecli.domain.shape import Field
from dagplejecli.domain.values import (
    clean_text,
    normalise_bool,
    normalise_cpr,
    normalise_date,
    normalise_digits,
    split_name,
)
from dagplejecli.findings import CPR_LAW, OWN, STIL_UNILOGIN, Family, Finding, Location, Rule
from dagplejecli.findings import Severity as S
from dagplejecli.model import Child, ContactPerson, Dagplejer, Person, RowCustody
from dagplejecli.roster.columns import Cols, ColumnMap
from dagplejecli.roster.custody import Custody, PerColumn, who
from dagplejecli.roster.headers import normalise_header
from dagplejecli.roster.rows import (
    RowReader,
    any_filled,
    cell_text,
    data_rows,
    filled,
)
from dagplejecli.roster.vocabulary import vocabulary

# What reading notices (the checks in rules/ see only what reading kept).
# a CPR stored as a number lost its 0
DP202 = Rule("DP202", S.INFO, Family.PERSONS, CPR_LAW, params=("cpr",))
# relation Unilogin cannot take
DP211 = Rule("DP211", S.ERROR, Family.PERSONS, STIL_UNILOGIN, params=("allowed", "value"))
# neither yes nor no
DP214 = Rule("DP214", S.WARNING, Family.PERSONS, OWN, params=("assumed", "column", "value"))
# a postnummer stored as a number lost its 0
DP215 = Rule("DP215", S.INFO, Family.PERSONS, OWN, params=("value",))
# a contact whose child is not found
DP218 = Rule("DP218", S.WARNING, Family.PERSONS, OWN, params=("cpr",))
# blank relation
DP222 = Rule("DP222", S.ERROR, Family.PERSONS, STIL_UNILOGIN, params=("count", "cpr", "name"))
# Medmor/Medfar read as Mor/Far
DP223 = Rule(
    "DP223", S.INFO, Family.PERSONS, STIL_UNILOGIN, params=("cpr", "name", "relation", "value")
)
# «Forælder» read as Mor or Far by the CPR number's sex digit (once per sheet, with the count)
DP269 = Rule(
    "DP269", S.INFO, Family.PERSONS, STIL_UNILOGIN, params=("count", "cpr", "name", "value")
)
# Custody's own (DP221 blank, DP245 on the child's row, DP250 neither yes nor no): custody.py

_NINE_DIGITS = re.compile(r"\s*\d{9}\s*")

# Relation words and Danish family law's medmor/medfar (a legal parent: Unilogin's Mor/Far,
# noted as DP223): the vocabulary's [relationer] and [medforaeldre].
CO_PARENTS = vocabulary().co_parents
DEFAULT_RELATIONS = vocabulary().relations


# The fields every person has that are kept as text, and the attribute each is kept in.
_TEXT_ATTRIBUTES = {
    Field.FORNAVN: "first_name",
    Field.EFTERNAVN: "last_name",
    Field.ALIAS_FORNAVN: "alias_first",
    Field.ALIAS_EFTERNAVN: "alias_last",
    Field.TELEFON: "phone",
    Field.EMAIL: "email",
    Field.STATUS: "status_text",
}

# The column the rules see when the postnummer stands in the address cell («…, 9200 Aalborg SV»)
ADDRESS_POSTNR = "Postnr"


@dataclass(frozen=True, slots=True)
class LightGroup:
    """A contact group's columns as the plan reads them, found once per sheet: every column
    (a contact is there when any is filled), and those of the CPR number and the name."""

    columns: tuple[int, ...]
    cpr: int | None
    first: int | None
    name: int | None
    last: int | None

    @classmethod
    def of(cls, cols: Cols) -> LightGroup:
        return cls(
            tuple(cols.values()),
            cols.get(Field.CPR),
            cols.get(Field.FORNAVN),
            cols.get(Field.NAVN),
            cols.get(Field.EFTERNAVN),
        )


@dataclass(frozen=True, slots=True)
class PersonColumns:
    """The columns of the fields every person has, found once per column map: the reader goes
    straight to each row's cells."""

    text: tuple[tuple[int, str], ...]  # the fields kept as text: their columns and attributes
    cpr: int | None
    name: int | None  # Navn, read when neither first nor last name is there
    protected: int | None
    start: int | None
    end: int | None

    @classmethod
    def of(cls, cols: Cols) -> PersonColumns:
        text = tuple((col, _TEXT_ATTRIBUTES[f]) for f, col in cols.items() if f in _TEXT_ATTRIBUTES)
        get = cols.get
        return cls(
            text,
            get(Field.CPR),
            get(Field.NAVN),
            get(Field.BESKYTTET),
            get(Field.START),
            get(Field.SLUT),
        )


class Builder:
    """Builds people from rows and collects the reading findings."""

    def __init__(
        self,
        file: str,
        relations: dict[str, str],
        today: dt.date,
        light: bool = False,
        blank_custody: str | None = None,
        row_custody: str | None = None,
    ) -> None:
        self.file = file
        # A CSV saved by Excel holds numbers as text: a CPR Excel had as a number lost its
        # leading zero there too, and is restored as one from a workbook is (DP202).
        self.numbers_as_text = file.lower().endswith(".csv")
        self.today = today  # for two-digit years in dates
        self.light = light
        self.findings: list[Finding] = []
        # [roster] tom_myndighed and raekke_myndighed: what custody cells leave undecided
        self.relations = {normalise_header(k): v for k, v in DEFAULT_RELATIONS.items()}
        self.configured = {normalise_header(k): v for k, v in relations.items()}
        self.relations.update(self.configured)
        self.custody = Custody(self.findings, blank_custody, row_custody, self.relations)
        self._seen_relations: dict[str, tuple[str | None, bool, bool]] = {}
        # contacts without a relation column, per sheet: one DP222 each, with the count
        self._no_relation = PerColumn()
        # «Forælder» made Mor or Far by the CPR number, per sheet: one DP269 each, with the count
        self._parent_by_cpr = PerColumn()
        self._compiled: dict[int, tuple[Cols, PersonColumns]] = {}  # by the column map's id

    def finish(self) -> None:
        """What reading says once, when every sheet is read: a missing relation column (one
        DP222 per sheet, with the number of contact persons) and custody's (``Custody.finish``)."""
        self.findings.extend(self._no_relation.findings())
        self.findings.extend(self._parent_by_cpr.findings())
        self.custody.finish()

    def _relation(self, raw: str) -> tuple[str | None, bool, bool]:
        """The configured or default meaning of a relation text, whether it is a medmor or
        medfar read as Mor/Far (DP223), and whether the configuration gave the meaning
        (memoised: few distinct texts)."""
        if raw not in self._seen_relations:
            key = normalise_header(raw)
            configured = key in self.configured
            if key in CO_PARENTS and not configured:
                self._seen_relations[raw] = (CO_PARENTS[key], True, False)
            else:
                self._seen_relations[raw] = (self.relations.get(key), False, configured)
        return self._seen_relations[raw]

    def _columns(self, cols: Cols) -> PersonColumns:
        """``cols``' person columns, found once per column map."""
        found = self._compiled.get(id(cols))
        if found is None or found[0] is not cols:
            found = self._compiled[id(cols)] = (cols, PersonColumns.of(cols))
        return found[1]

    def fill_person(self, person: Person, r: RowReader, cols: Cols) -> None:
        """Fill the fields every person has from the row, through ``cols``' person columns:
        this runs for every person of a national roster, so it goes straight to the cells
        (only fields the row has are set; the rest keep their "" defaults)."""
        pc = self._columns(cols)
        row = r.row
        person.row_ref = r.row_ref
        person.columns = cols
        raw_cpr = filled(row, pc.cpr)
        if raw_cpr is not None:
            person.cpr_given = True
            if isinstance(raw_cpr, str):  # the common case, without a CprValue
                person.cpr = cpr_text_digits(raw_cpr)
                if person.cpr is None and self.numbers_as_text and _NINE_DIGITS.fullmatch(raw_cpr):
                    raw_cpr = int(raw_cpr)
            if not isinstance(raw_cpr, str):
                value = normalise_cpr(raw_cpr)
                person.cpr = value.digits
                if value.restored_zero and value.digits:
                    where = Location.of_cell(person.cell(Field.CPR))
                    self.findings.append(DP202(where, cpr=mask_cpr(value.digits)))
            if person.cpr is None:
                person.cpr_text = clean_text(raw_cpr)  # kept only to show it masked in a finding
        n = len(row)
        for col, attr in pc.text:  # a blank cell or one of spaces sets "", the default
            if col < n and (cell := row[col]) is not None and cell != "":
                setattr(
                    person, attr, " ".join(cell.split()) if type(cell) is str else clean_text(cell)
                )
        if not person.first_name and not person.last_name:
            person.first_name, person.last_name = split_name(cell_text(row, pc.name))
        if pc.protected is not None and (raw := filled(row, pc.protected)) is not None:
            person.protected = self.yes_no(raw, r, pc.protected, when_unsure=True)
        # the period and status as written: who is in care on a day is care.py's to say
        if pc.start is not None:
            person.start_cell = filled(row, pc.start)
        if pc.end is not None:
            person.end_cell = filled(row, pc.end)

    def yes_no(self, raw: object, r: RowReader, col: int, when_unsure: bool) -> bool:
        """The yes/no in cell ``raw`` (filled) of column ``col``; neither yes nor no is noted
        (DP214, naming the column's header as written) and read as ``when_unsure``. Not for
        custody, which is never guessed (custody.py)."""
        value = normalise_bool(raw)
        if value is None:
            self.findings.append(
                DP214(
                    Location.of_cell(r.cell(col)),
                    value=mask_cpr_in_text(clean_text(raw))[:40],
                    column=r.header(col),
                    assumed="ja" if when_unsure else "nej",
                )
            )
            return when_unsure
        return value

    def dagplejer(
        self, r: RowReader, cols: Cols, extra: dict[str, int], dates: list[str]
    ) -> Dagplejer:
        """The dagplejer in a row, with the address and every kept column (``extra``; those
        named in ``dates`` hold a date)."""
        d = Dagplejer()
        row = r.row
        self.fill_person(d, r, cols)
        d.id = cell_text(row, cols.get(Field.ID))
        if (guest := filled(row, cols.get(Field.GAEST))) is not None:
            d.guest = self.yes_no(guest, r, cols[Field.GAEST], when_unsure=False)
        d.position = cell_text(row, cols.get(Field.STILLING))
        postnr_cell = filled(row, cols.get(Field.POSTNR))
        city_from_postnr = None
        if isinstance(postnr_cell, str) and (both := split_postnr_city(postnr_cell)):
            postnr_cell, city_from_postnr = both  # "8000 Aarhus C" in one column
        postnr, restored = normalise_digits(postnr_cell, 4)
        if restored:
            self.findings.append(
                DP215(Location.of_cell(r.cell(cols[Field.POSTNR])), value=postnr or "")
            )
        if Field.ADRESSE in cols:
            d.address_text = cell_text(row, cols.get(Field.ADRESSE))
            parsed, _ = parse_address(d.address_text)
            if postnr and not parsed.postnr:
                parsed = Address(
                    parsed.street,
                    parsed.house_no,
                    parsed.floor,
                    parsed.door,
                    postnr,
                    cell_text(row, cols.get(Field.BY)) or city_from_postnr,
                )
            d.address = parsed
        else:
            d.address = Address(
                street=cell_text(row, cols.get(Field.VEJNAVN)) or None,
                house_no=cell_text(row, cols.get(Field.HUSNR)) or None,
                postnr=postnr,
                city=cell_text(row, cols.get(Field.BY)) or city_from_postnr,
            )
            d.address_text = d.address.one_line()
        row, n = r.row, len(r.row)
        # every kept column as clean text (clean_text, with its common case written out)
        d.extra = {
            header: (" ".join(x.split()) if isinstance(x := row[col], str) else clean_text(x))
            if col < n
            else ""
            for header, col in extra.items()
        }
        for header in dates:
            # Excel dates and Danish text dates alike become YYYY-MM-DD
            when = normalise_date(row[extra[header]], self.today) if extra[header] < n else None
            if when is not None:
                d.extra[header] = when.isoformat()
        if postnr and Field.POSTNR in cols:
            for header, col in extra.items():
                if col == cols[Field.POSTNR]:
                    d.extra[header] = postnr
        elif Field.POSTNR not in cols and Field.ADRESSE in cols:
            # the whole address in one cell: its postnummer is a column the rules and init's
            # proposal can use, as if the roster had one
            d.extra.setdefault(ADDRESS_POSTNR, d.address.postnr or "")
        return d

    def child(self, r: RowReader, cols: Cols) -> Child:
        """The child in a row."""
        c = Child()
        self.fill_person(c, r, cols)
        c.dagplejer_ref = cell_text(r.row, cols.get(Field.DAGPLEJER))
        c.id = cell_text(r.row, cols.get(Field.ID))
        return c

    def contact_groups(
        self,
        r: RowReader,
        groups: list[tuple[Cols, str | None]],
        row_custody: RowCustody | None = None,
    ) -> list[ContactPerson]:
        """The contact persons in a child's ``Kontakt1 …``/``Kontakt2 …`` (or ``Mor …``/``Far …``)
        columns (``groups``: a column map's ``contact_order``); for ``Mor``/``Far`` columns the
        header gives the relation. ``row_custody``: the row's own custody column (see
        ``Custody.of_row``), for contacts without a custody column of their own."""
        found = []
        for cols, implied in groups:
            p = self.contact(r, cols, implied, row_custody=row_custody)
            if p is not None:
                found.append(p)
        if not self.light:
            self.custody.settle_named(r, found, row_custody)
        return found

    def light_contacts(self, row: list[object], groups: list[LightGroup]) -> list[ContactPerson]:
        """The contact persons of a child's row as the plan counts them: only the CPR number
        and the name, read straight from the columns each group found once per sheet (what
        ``contact`` makes with ``light``, without a dictionary of the row's fields)."""
        found = []
        n = len(row)
        for g in groups:
            if not any_filled(row, g.columns):  # a contact is there when any cell is filled
                continue
            cpr = row[g.cpr] if g.cpr is not None and g.cpr < n else None
            digits = cpr_text_digits(cpr) if type(cpr) is str else normalise_cpr(cpr).digits
            # a CSV's CPR number Excel had as a number: its 0 restored, as fill_person does
            nine = digits is None and self.numbers_as_text and type(cpr) is str
            if nine and _NINE_DIGITS.fullmatch(str(cpr)):
                digits = normalise_cpr(int(str(cpr))).digits
            first = cell_text(row, g.first) or cell_text(row, g.name)
            found.append(ContactPerson(digits, first_name=first, last_name=cell_text(row, g.last)))
        return found

    def contact(
        self,
        r: RowReader,
        cols: Cols,
        implied: str | None = None,
        row_custody: RowCustody | None = None,
        elsewhere: bool = False,
    ) -> ContactPerson | None:
        """The contact person in a row, or None when its columns are blank."""
        row = r.row
        if not any_filled(row, cols.values()):
            return None
        if self.light:  # the plan only counts contact persons: CPR (or name) is enough
            return self.light_contacts(row, [LightGroup.of(cols)])[0]
        p = ContactPerson()
        self.fill_person(p, r, cols)
        p.relation_raw = cell_text(row, cols.get(Field.RELATION)) or (implied or "")
        p.relation = self.map_relation(p, r, cols)
        custody = filled(row, cols.get(Field.MYNDIGHED))
        p.custody = self.custody.of_contact(p, r, cols, custody, row_custody, elsewhere)
        return p

    def map_relation(self, p: ContactPerson, r: RowReader, cols: Cols) -> str | None:
        """Unilogin's relation for the roster's text; "Forælder" becomes Mor/Far by the CPR,
        "Medmor"/"Medfar" Mor/Far (DP223); a blank is DP222, never a guess."""
        raw = p.relation_raw
        if not raw:
            # no relation column for this contact at all: the fix is a column, not a cell
            where = Location.of_cell(p.cell(Field.RELATION, Field.CPR, Field.NAVN))
            if Field.RELATION in cols:
                self.findings.append(DP222(where, **who(p)))
            else:
                self._no_relation.add((r.sheet, ""), DP222(where, variant="no_column", **who(p)))
            return None
        mapped, co_parent, _ = self._relation(raw)
        if co_parent and mapped is not None:
            where = Location.of_cell(p.cell(Field.RELATION))
            self.findings.append(DP223(where, value=raw[:40], relation=mapped, **who(p)))
            return mapped
        if mapped is not None and mapped != PARENT:
            return mapped
        if mapped == PARENT and p.cpr and (is_valid_cpr(p.cpr) or is_substitute_cpr(p.cpr)):
            if not self._relation(raw)[2]:  # the default's guess is said (the user's is not)

                def first() -> Finding:
                    where = Location.of_cell(p.cell(Field.RELATION, Field.CPR))
                    return DP269(where, value=raw[:40], **who(p))

                self._parent_by_cpr.count((r.sheet, ""), first)
            return "Mor" if cpr_is_female(p.cpr) else "Far"
        self.findings.append(
            DP211(
                Location.of_cell(p.cell(Field.RELATION)),
                variant="" if mapped is None else "parent_without_cpr",
                value=mask_cpr_in_text(raw)[:40],
                allowed=", ".join(UNILOGIN_RELATIONS),
            )
        )
        return None


def read_dagplejer_sheet(cmap: ColumnMap, builder: Builder, file: str) -> list[Dagplejer]:
    """One dagplejer per row."""
    return [
        builder.dagplejer(
            RowReader.at(cmap, file, row_no, row),
            cmap.fields,
            cmap.extra,
            cmap.date_columns,
        )
        for row_no, row in data_rows(cmap)
    ]


def read_child_sheet(cm: ColumnMap, builder: Builder, file: str) -> list[Child]:
    """One child per row, with the contact persons in the row's column groups."""
    children = []
    light = [LightGroup.of(cols) for cols, _ in cm.contact_order] if builder.light else None
    for row_no, row in data_rows(cm):
        r = RowReader.at(cm, file, row_no, row)
        child = builder.child(r, cm.fields)
        child.row_custody = builder.custody.of_row(r, cm.fields)
        if light is not None:
            child.contacts = builder.light_contacts(row, light)
        else:
            child.contacts = builder.contact_groups(r, cm.contact_order, child.row_custody)
        children.append(child)
    return children


def attach_contact_sheet(km: ColumnMap, builder: Builder, file: str, children: list[Child]) -> None:
    """Contacts on a sheet of their own, each joined to its child by the child's CPR: to
    every row of it (a child moving between dagplejere has a row per placement; which of them
    is in care on the day is care.py's to say)."""
    by_cpr: dict[str, list[Child]] = {}
    for c in children:
        if c.cpr:
            by_cpr.setdefault(c.cpr, []).append(c)
    contact_cols: Cols = {k: v for k, v in km.fields.items() if k != Field.BARN}
    for row_no, row in data_rows(km):
        r = RowReader.at(km, file, row_no, row)
        child_cpr = normalise_cpr(filled(row, km.fields[Field.BARN])).digits
        targets = by_cpr.get(child_cpr, []) if child_cpr else []
        if km.contact_order:  # the child's contacts side by side («Mor …», «Far …»)
            # the row's custody column («Begge», «Mor») says whose, as on a child's row
            row_custody = builder.custody.of_row(r, contact_cols)
            found = builder.contact_groups(r, km.contact_order, row_custody)
        else:
            # the child's row may hold a custody column (DP245 when a contact here needs it)
            on_row = targets[0].row_custody if targets else None
            contact = builder.contact(r, contact_cols, row_custody=on_row, elsewhere=True)
            found = [contact] if contact is not None else []
        if found and not targets:
            where = Location.of_cell(r.cell(km.fields[Field.BARN]))
            masked = mask_cpr(child_cpr)
            builder.findings.append(DP218(where, variant="" if masked else "blank", cpr=masked))
            continue
        for target in targets:
            target.contacts.extend(found)
