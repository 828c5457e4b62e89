"""From raw sheets to a Roster: pick the sheets, map the columns, normalise every value.

Layouts understood:
- *to-ark*: a dagplejer sheet and a child sheet (contacts as ``Kontakt1 …`` columns on the
  child's row, or on a third sheet keyed by the child's CPR);
- *et-ark*: one row per child with the dagplejer's columns repeated (``Dagplejer CPR``,
  ``Barn CPR`` …); plain columns (``Distrikt``, ``Postnr``) belong to the dagplejer;
- *csv*: either of the above in one CSV file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dagplejecli.config import CHILD_FIELDS, PARENT, UNILOGIN_RELATIONS, RosterConfig
from dagplejecli.domain.address import Address, parse_address, split_postnr_city
from dagplejecli.domain.identifiers import (
    cpr_is_female,
    cpr_text_digits,
    is_valid_cpr,
    mask_cpr,
    mask_cpr_in_text,
)
from dagplejecli.domain.values import (
    clean_text,
    normalise_bool,
    normalise_cpr,
    normalise_date,
    normalise_digits,
    split_name,
)
from dagplejecli.errors import DagplejeError
from dagplejecli.findings import CPR_LAW, OWN, STIL_UNILOGIN, Family, Finding, Location, Rule
from dagplejecli.findings import Severity as S
from dagplejecli.messages import ui
from dagplejecli.model import (
    CellRef,
    Child,
    ContactPerson,
    Dagplejer,
    Person,
    Roster,
    RowRef,
    SheetInfo,
)
from dagplejecli.roster.headers import PARENT_GROUPS, HeaderRow, find_header_row, normalise_header
from dagplejecli.roster.sheets import RawSheet, read_sheets

# What reading notices (the checks in rules/ see only what reading kept).
DP202 = Rule("DP202", S.INFO, Family.PERSONS, CPR_LAW)  # a CPR stored as a number lost its 0
DP211 = Rule("DP211", S.ERROR, Family.PERSONS, STIL_UNILOGIN)  # relation Unilogin cannot take
DP214 = Rule("DP214", S.WARNING, Family.PERSONS, OWN)  # neither yes nor no
DP215 = Rule("DP215", S.INFO, Family.PERSONS, OWN)  # a postnummer stored as a number lost its 0
DP217 = Rule("DP217", S.INFO, Family.PERSONS, STIL_UNILOGIN)  # dagplejer ids made from names
DP218 = Rule("DP218", S.WARNING, Family.PERSONS, OWN)  # a contact whose child is not found
READER_RULES = (DP202, DP211, DP214, DP215, DP217, DP218)

DAGPLEJER_NAMES = ("dagplejere", "dagplejer", "dagplejerne", "medarbejdere", "personale")
CHILD_NAMES = ("børn", "boern", "barn", "børnene", "indskrevne", "indmeldte")
CONTACT_NAMES = ("kontakter", "kontaktpersoner", "forældre", "foraeldre", "pårørende")

IMPLIED_RELATION = dict(PARENT_GROUPS.values())  # contact group → relation ("Mor CPR" → Mor)

DEFAULT_RELATIONS = {
    "mor": "Mor",
    "moder": "Mor",
    "mother": "Mor",
    "far": "Far",
    "fader": "Far",
    "father": "Far",
    "andet": "Andet",
    "anden": "Andet",
    "other": "Andet",
    "officielt tilknyttet person": "Officielt tilknyttet person",
    "officielt tilknyttet": "Officielt tilknyttet person",
    "forælder": PARENT,
    "forældre": PARENT,
    "foraelder": PARENT,
    "parent": PARENT,
    "forælder 1": PARENT,
    "forælder 2": PARENT,
}


@dataclass(slots=True)
class ColumnMap:
    """Which column (0-based) holds which field, for one sheet."""

    file: str
    sheet: RawSheet
    header: HeaderRow
    role: str  # "dagplejere", "boern", "kontakter", "et-ark"
    fields: dict[str, int] = field(default_factory=dict)
    child: dict[str, int] = field(default_factory=dict)  # et-ark only
    contacts: dict[int, dict[str, int]] = field(default_factory=dict)
    extra: dict[str, int] = field(default_factory=dict)  # header text → column, for rules


def classify(header: HeaderRow) -> str:
    """A sheet's role from its headers alone (a child sheet with the dagplejer's columns
    repeated may still turn out to be a one-sheet roster: see ``_pick_sheets``)."""
    dagplejer_named = sum(
        1 for m in header.meanings if m and m.owner == "dagplejer" and m.field != "id"
    )
    if header.count("barn") and dagplejer_named:
        return "et-ark"
    if header.count("barn_ref") and not header.count("dagplejer_ref"):
        return "kontakter"
    if header.count("dagplejer_ref") or header.count("kontakt"):
        return "boern"
    return "dagplejere"


def _name_role(name: str) -> str | None:
    plain = name.strip().casefold()
    if plain in DAGPLEJER_NAMES:
        return "dagplejere"
    if plain in CHILD_NAMES:
        return "boern"
    if plain in CONTACT_NAMES:
        return "kontakter"
    return None


def _header_place(file: str, sheet: RawSheet, header: HeaderRow) -> str:
    return f"{file}, {sheet.name}, {ui('row')} {header.row}"


def _map_columns(
    file: str, sheet: RawSheet, header: HeaderRow, role: str, overrides: dict[str, dict[str, str]]
) -> ColumnMap:
    cmap = ColumnMap(file, sheet, header, role)
    used: set[int] = set()

    def put(target: dict[str, int], name: str, col: int) -> None:
        if name not in target:
            target[name] = col
            used.add(col)

    for col, m in enumerate(header.meanings):
        if m is None:
            continue
        if role == "dagplejere":
            if m.owner in ("plain", "dagplejer") or m.owner == "dagplejer_ref":
                put(cmap.fields, m.field, col)
        elif role == "boern":
            # a plain "id"/"Medarbejdernr" on a child sheet is too likely the dagplejer's
            if m.owner == "barn" or (m.owner == "plain" and m.field != "id"):
                put(cmap.fields, m.field, col)
            elif m.owner == "dagplejer_ref":
                put(cmap.fields, "dagplejer", col)
            elif m.owner == "barn_ref":  # "Barn CPR" on a child's own row is the child's CPR
                put(cmap.fields, "cpr", col)
            elif m.owner == "kontakt":
                put(cmap.contacts.setdefault(m.group or 1, {}), m.field, col)
        elif role == "kontakter":
            if m.owner in ("plain", "kontakt"):
                put(cmap.fields, m.field, col)
            elif m.owner == "barn_ref":
                put(cmap.fields, "barn", col)
        elif role == "et-ark":
            if m.owner in ("dagplejer", "dagplejer_ref"):
                put(cmap.fields, m.field, col)
            elif m.owner == "barn":
                put(cmap.child, m.field, col)
            elif m.owner == "barn_ref":
                put(cmap.child, "cpr", col)
            elif m.owner == "kontakt":
                put(cmap.contacts.setdefault(m.group or 1, {}), m.field, col)
    if role == "boern" and "dagplejer" not in cmap.fields:
        # no "Dagplejer" column: a plain "Medarbejdernr"/"Id" on a child sheet names the dagplejer
        plain_id = next(
            (
                c
                for c, m in enumerate(header.meanings)
                if m and m.owner == "plain" and m.field == "id"
            ),
            None,
        )
        if plain_id is not None:
            put(cmap.fields, "dagplejer", plain_id)

    if role == "et-ark":
        # Plain columns after the prefixed ones: the dagplejer's address, contact and id
        # ("Distrikt" and the like stay rule columns); plain person columns (CPR, Navn …) are
        # the child's when the dagplejer's own are prefixed ("Dagplejer CPR").
        for col, m in enumerate(header.meanings):
            if m is None or m.owner != "plain":
                continue
            if m.field in ("id", "adresse", "vejnavn", "husnr", "postnr", "by", "telefon", "email"):
                put(cmap.fields, m.field, col)
            elif m.field in CHILD_FIELDS:
                put(cmap.child, m.field, col)

    norm_headers = [normalise_header(t) for t in header.texts]
    for table, mapping in overrides.items():
        target = cmap.child if (role == "et-ark" and table == "boern_kolonner") else cmap.fields
        for name, wanted in mapping.items():
            try:
                col = norm_headers.index(normalise_header(wanted))
            except ValueError:
                raise DagplejeError(
                    "roster_column_missing",
                    where=_header_place(file, sheet, header),
                    hint="roster_column_missing_hint",
                    header=wanted,
                    table=table,
                    field=name,
                    sheet=sheet.name,
                    row=header.row,
                    headers=", ".join(t for t in header.texts if t),
                ) from None
            for other in (cmap.fields, cmap.child, *cmap.contacts.values()):
                for key, c in list(other.items()):
                    if c == col:
                        del other[key]
            target[name] = col
            used.add(col)

    if role in ("dagplejere", "et-ark"):
        # Every column stays available to the rules, except CPR numbers and (one-sheet)
        # the child's and contacts' columns.
        excluded = {cmap.fields.get("cpr"), *cmap.child.values()}
        for group in cmap.contacts.values():
            excluded |= set(group.values())
        for col, text in enumerate(header.texts):
            if text and col not in excluded:
                cmap.extra.setdefault(text, col)
    return cmap


def _info(cmap: ColumnMap) -> SheetInfo:
    texts = cmap.header.texts
    mapped = set(cmap.fields.values()) | set(cmap.child.values())
    for group in cmap.contacts.values():
        mapped |= set(group.values())
    recognised = {f: texts[c] for f, c in cmap.fields.items()}
    recognised.update({f"barn.{f}": texts[c] for f, c in cmap.child.items()})
    return SheetInfo(
        cmap.sheet.name,
        cmap.role,
        cmap.header.row,
        recognised,
        len(cmap.contacts),
        [t for c, t in enumerate(texts) if t and c not in mapped],
    )


def _require(cmap: ColumnMap, table: str, *alternatives: tuple[str, ...]) -> None:
    """Each alternative is a tuple of fields that together satisfy the requirement."""
    fields = cmap.child if table == "boern_kolonner" and cmap.role == "et-ark" else cmap.fields
    if any(all(f in fields for f in alt) for alt in alternatives):
        return
    wanted = " / ".join("+".join(alt) for alt in alternatives)
    raise DagplejeError(
        "roster_required_missing",
        where=_header_place(cmap.file, cmap.sheet, cmap.header),
        hint="roster_required_missing_hint",
        sheet=cmap.sheet.name,
        field=wanted,
        table=table,
        row=cmap.header.row,
        headers=", ".join(t for t in cmap.header.texts if t) or "-",
    )


def _text(values: dict[str, object], name: str) -> str:
    found = values.get(name)
    if isinstance(found, str):
        return " ".join(found.split())
    return "" if found is None else clean_text(found)


class _RowReader:
    """Reads fields of one row through a column map, remembering each value's cell."""

    def __init__(self, file: str, sheet: str, row_no: int, row: list[object]) -> None:
        self.file, self.sheet, self.row_no, self.row = file, sheet, row_no, row
        self.row_ref = RowRef(file, sheet, row_no)

    def values(self, cols: dict[str, int]) -> dict[str, object]:
        """The non-blank values of the fields in ``cols``; a cell of spaces counts as blank.

        One C-speed comprehension per column map (callers pass the result on rather than ask
        again); text is cleaned when a field is read (_text)."""
        row, n = self.row, len(self.row)
        return {
            name: value
            for name, col in cols.items()
            if col < n
            and (
                value and not value.isspace()
                if isinstance(value := row[col], str)
                else value is not None
            )
        }

    def cell(self, col: int) -> CellRef:
        return CellRef(self.file, self.sheet, self.row_no, col + 1)


class _Builder:
    """Builds people from rows and collects the reading findings."""

    def __init__(
        self, file: str, relations: dict[str, str], today: dt.date, light: bool = False
    ) -> None:
        self.file = file
        self.today = today  # for two-digit years in dates
        self.light = light
        self.findings: list[Finding] = []
        self.relations = {normalise_header(k): v for k, v in DEFAULT_RELATIONS.items()}
        self.relations.update({normalise_header(k): v for k, v in relations.items()})
        self._seen_relations: dict[str, str | None] = {}
        self._date_columns: dict[int, list[str]] = {}
        # per column map, kept by id() like _date_columns: each lives as long as the reading
        self._group_order: dict[int, list[tuple[dict[str, int], str | None]]] = {}

    def _relation(self, raw: str) -> str | None:
        """The configured or default meaning of a relation text (memoised: few distinct texts)."""
        if raw not in self._seen_relations:
            self._seen_relations[raw] = self.relations.get(normalise_header(raw))
        return self._seen_relations[raw]

    def fill_person(
        self, person: Person, r: _RowReader, cols: dict[str, int], v: dict[str, object]
    ) -> None:
        """Fill the fields every person has from ``v``, the row's values for ``cols``."""
        person.row_ref = r.row_ref
        person.columns = cols
        raw_cpr = v.get("cpr")
        if raw_cpr is not None:
            person.cpr_given = True
            if isinstance(raw_cpr, str):  # the common case, without a CprValue
                person.cpr = cpr_text_digits(raw_cpr)
            else:
                value = normalise_cpr(raw_cpr)
                person.cpr = value.digits
                if value.restored_zero and value.digits:
                    where = Location.of_cell(person.cell("cpr"))
                    self.findings.append(DP202(where, cpr=mask_cpr(value.digits)))
            if person.cpr is None:
                person.cpr_text = clean_text(raw_cpr)  # kept only to show it masked in a finding
        # Only fields the row has are set (the rest keep their "" defaults): this runs for
        # every person of a national roster.
        if "fornavn" in v:
            person.first_name = _text(v, "fornavn")
        if "efternavn" in v:
            person.last_name = _text(v, "efternavn")
        if not person.first_name and not person.last_name:
            person.first_name, person.last_name = split_name(_text(v, "navn"))
        if "alias_fornavn" in v:
            person.alias_first = _text(v, "alias_fornavn")
        if "alias_efternavn" in v:
            person.alias_last = _text(v, "alias_efternavn")
        if "telefon" in v:
            person.phone = _text(v, "telefon")
        if "email" in v:
            person.email = _text(v, "email")
        if "beskyttet" in v:
            person.protected = self.yes_no(v, r, cols, "beskyttet", when_unsure=True) or False

    def yes_no(
        self,
        v: dict[str, object],
        r: _RowReader,
        cols: dict[str, int],
        name: str,
        when_unsure: bool,
    ) -> bool | None:
        raw = v.get(name)
        if raw is None:
            return None
        value = normalise_bool(raw)
        if value is None:
            self.findings.append(
                DP214(
                    Location.of_cell(r.cell(cols[name])),
                    value=mask_cpr_in_text(clean_text(raw))[:40],
                    column=name,
                    assumed="ja" if when_unsure else "nej",
                )
            )
            return when_unsure
        return value

    def dagplejer(self, r: _RowReader, cols: dict[str, int], extra: dict[str, int]) -> Dagplejer:
        d = Dagplejer()
        v = r.values(cols)
        self.fill_person(d, r, cols, v)
        d.id = _text(v, "id")
        postnr_cell = v.get("postnr")
        city_from_postnr = None
        if isinstance(postnr_cell, str) and (both := split_postnr_city(postnr_cell)):
            postnr_cell, city_from_postnr = both  # "8000 Aarhus C" in one column
        postnr, restored = normalise_digits(postnr_cell, 4)
        if restored:
            self.findings.append(
                DP215(Location.of_cell(r.cell(cols["postnr"])), value=postnr or "")
            )
        if "adresse" in cols:
            d.address_text = _text(v, "adresse")
            parsed, _ = parse_address(d.address_text)
            if postnr and not parsed.postnr:
                parsed = Address(
                    parsed.street,
                    parsed.house_no,
                    parsed.floor,
                    parsed.door,
                    postnr,
                    _text(v, "by") or city_from_postnr,
                )
            d.address = parsed
        else:
            d.address = Address(
                street=_text(v, "vejnavn") or None,
                house_no=_text(v, "husnr") or None,
                postnr=postnr,
                city=_text(v, "by") or city_from_postnr,
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
        for header in self.date_columns(extra):
            # Excel dates and Danish text dates alike become YYYY-MM-DD
            when = normalise_date(row[extra[header]], self.today) if extra[header] < n else None
            if when is not None:
                d.extra[header] = when.isoformat()
        if postnr and "postnr" in cols:
            for header, col in extra.items():
                if col == cols["postnr"]:
                    d.extra[header] = postnr
        return d

    def child(
        self, r: _RowReader, cols: dict[str, int], v: dict[str, object] | None = None
    ) -> Child:
        """The child in a row (``v``: the row's values for ``cols``, when already known)."""
        c = Child()
        v = r.values(cols) if v is None else v
        self.fill_person(c, r, cols, v)
        c.dagplejer_ref = _text(v, "dagplejer")
        c.id = _text(v, "id")
        return c

    def date_columns(self, extra: dict[str, int]) -> list[str]:
        """The kept columns whose header says they hold a date (``Startdato``, ``Fødselsdato``)."""
        key = id(extra)
        if key not in self._date_columns:
            self._date_columns[key] = [h for h in extra if "dato" in normalise_header(h)]
        return self._date_columns[key]

    def contact_groups(
        self, r: _RowReader, groups: dict[int, dict[str, int]]
    ) -> list[ContactPerson]:
        """The contact persons in a child's ``Kontakt1 …``/``Kontakt2 …`` (or ``Mor …``/``Far …``)
        columns; for ``Mor``/``Far`` columns the header gives the relation."""
        key = id(groups)
        if key not in self._group_order:
            self._group_order[key] = [(groups[g], IMPLIED_RELATION.get(g)) for g in sorted(groups)]
        found = []
        for cols, implied in self._group_order[key]:
            p = self.contact(r, cols, implied)
            if p is not None:
                found.append(p)
        return found

    def contact(
        self,
        r: _RowReader,
        cols: dict[str, int],
        implied: str | None = None,
        v: dict[str, object] | None = None,
    ) -> ContactPerson | None:
        """The contact person in a row, or None when its columns are blank (``v``: the row's
        values for ``cols``, when already known)."""
        v = r.values(cols) if v is None else v
        if not v:
            return None
        if self.light:  # the plan only counts contact persons: CPR (or name) is enough
            return ContactPerson(
                cpr=normalise_cpr(v.get("cpr")).digits,
                first_name=_text(v, "fornavn") or _text(v, "navn"),
                last_name=_text(v, "efternavn"),
            )
        p = ContactPerson()
        self.fill_person(p, r, cols, v)
        p.relation_raw = _text(v, "relation") or (implied or "")
        p.relation = self.map_relation(p, r, cols)
        custody = self.yes_no(v, r, cols, "myndighed", when_unsure=False)
        p.custody = custody if custody is not None else p.relation in ("Mor", "Far")
        return p

    def map_relation(self, p: ContactPerson, r: _RowReader, cols: dict[str, int]) -> str | None:
        """Unilogin's relation for the roster's text; "Forælder" becomes Mor/Far by the CPR."""
        raw = p.relation_raw
        mapped = self._relation(raw) if raw else PARENT
        if mapped is not None and mapped != PARENT:
            return mapped
        if mapped == PARENT and p.cpr and is_valid_cpr(p.cpr):
            return "Mor" if cpr_is_female(p.cpr) else "Far"
        self.findings.append(
            DP211(
                Location.of_cell(p.cell("relation")),
                variant="" if mapped is None else "parent_without_cpr",
                value=mask_cpr_in_text(raw)[:40],
                allowed=", ".join(UNILOGIN_RELATIONS),
            )
        )
        return None
        return mapped


def _data_rows(cmap: ColumnMap) -> list[tuple[int, list[object]]]:
    """The rows under the header with any value in them, with their 1-based numbers."""
    out = []
    start = cmap.header.row  # header.row is 1-based, so this index is the next row
    for index, row in enumerate(cmap.sheet.rows[start:], start=start + 1):
        # usually the first cell decides; only rows of blanks are looked at whole
        for v in row:
            if isinstance(v, str):
                if v and not v.isspace():
                    out.append((index, row))
                    break
            elif v is not None:
                out.append((index, row))
                break
    return out


def _pick_sheets(
    sheets: list[RawSheet], cfg: RosterConfig, path: Path
) -> dict[str, tuple[RawSheet, HeaderRow]]:
    by_name = {s.name: s for s in sheets}
    names = ", ".join(s.name for s in sheets)
    chosen: dict[str, tuple[RawSheet, HeaderRow]] = {}
    explicit = {"ark": cfg.ark, "boern_ark": cfg.boern_ark, "kontakt_ark": cfg.kontakt_ark}
    for key, name in explicit.items():
        if name is None:
            continue
        if name not in by_name:
            raise DagplejeError(
                "roster_sheet_missing", where=str(path), sheet=name, key=key, sheets=names
            )
        header = find_header_row(by_name[name].rows)
        if header is None:
            raise DagplejeError(
                "roster_no_header",
                where=f"{path.name}, {name}",
                hint="roster_no_header_hint",
                sheet=name,
                sheets=names,
            )
        role = {"ark": "dagplejere", "boern_ark": "boern", "kontakt_ark": "kontakter"}[key]
        if role == "dagplejere" and classify(header) == "et-ark":
            role = "et-ark"
        chosen[role] = (by_name[name], header)

    candidates: dict[str, list[tuple[RawSheet, HeaderRow]]] = {}
    for sheet in sheets:
        if any(sheet is s for s, _ in chosen.values()):
            continue
        header = find_header_row(sheet.rows)
        if header is None:
            continue
        role = classify(header)
        named = _name_role(sheet.name)
        if role == "dagplejere" and named in ("boern", "kontakter"):
            role = named
        candidates.setdefault(role, []).append((sheet, header))

    for role in ("dagplejere", "boern", "kontakter", "et-ark"):
        if role in chosen or role not in candidates:
            continue
        options = candidates[role]
        if len(options) > 1:
            preferred = [o for o in options if _name_role(o[0].name) == role]
            if len(preferred) != 1:
                raise DagplejeError(
                    "roster_ambiguous",
                    where=str(path),
                    hint="roster_no_dagplejer_sheet_hint",
                    sheets=", ".join(s.name for s, _ in options),
                )
            options = preferred
        chosen[role] = options[0]
    if "dagplejere" in chosen:
        chosen.pop("et-ark", None)
    elif "et-ark" not in chosen and "boern" in chosen:
        # children with their dagplejer's columns and no dagplejer sheet: one sheet
        chosen["et-ark"] = chosen.pop("boern")
    if "dagplejere" not in chosen and "et-ark" not in chosen:
        if not any(find_header_row(s.rows) for s in sheets):
            raise DagplejeError(
                "roster_no_header",
                where=str(path),
                hint="roster_no_header_hint",
                sheet=sheets[0].name if sheets else "-",
                sheets=names or "-",
            )
        raise DagplejeError(
            "roster_no_dagplejer_sheet",
            where=str(path),
            hint="roster_no_dagplejer_sheet_hint",
            sheets=names,
        )
    return chosen


def _derive_ids(dagplejere: list[Dagplejer]) -> None:
    """Give dagplejere without an id one made from their name (never from the CPR number)."""
    seen: dict[str, int] = {}
    for d in dagplejere:
        if d.id:
            continue
        digest = hashlib.sha256(d.name.casefold().encode("utf-8")).hexdigest()[:8].upper()
        base = f"D-{digest}"
        n = seen.get(base, 0) + 1
        seen[base] = n
        d.id = base if n == 1 else f"{base}-{n}"
        d.id_derived = True


def read_roster(
    path: Path,
    cfg: RosterConfig,
    sheets: list[RawSheet] | None = None,
    light: bool = False,
    today: dt.date | None = None,
) -> tuple[Roster, list[Finding]]:
    """Read and normalise the roster (``sheets``: its cells, when already read).

    ``light``: contact persons get only their CPR and name (enough to count them, as ``plan``
    does); ``validate`` and ``export`` read them whole. ``today`` places two-digit years in
    dates (default: the day it runs). Raises DagplejeError when the roster cannot be read at all.
    """
    if sheets is None:
        sheets = read_sheets(path)
    raw = path.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    chosen = _pick_sheets(sheets, cfg, path)
    builder = _Builder(path.name, cfg.relationer, today or dt.date.today(), light)
    dagplejere: list[Dagplejer] = []
    children: list[Child] = []
    infos: list[SheetInfo] = []

    def use(role: str, tables: tuple[str, ...], *required: tuple[str, ...]) -> ColumnMap:
        """The chosen sheet for ``role``, its columns mapped and its required fields checked
        (against the first of ``tables``, the configuration tables that may name columns)."""
        sheet, header = chosen[role]
        cmap = _map_columns(path.name, sheet, header, role, _overrides(cfg, *tables))
        _require(cmap, tables[0], *required)
        infos.append(_info(cmap))
        return cmap

    if "et-ark" in chosen:
        cmap = use("et-ark", ("kolonner", "boern_kolonner"), ("id",), ("cpr",))
        dagplejere, children = _read_one_sheet(cmap, builder, path.name)
        layout = "et-ark"
    else:
        required = (("id",), ("cpr",), ("navn",), ("fornavn", "efternavn"))
        cmap = use("dagplejere", ("kolonner",), *required)
        for row_no, row in _data_rows(cmap):
            r = _RowReader(path.name, cmap.sheet.name, row_no, row)
            dagplejere.append(builder.dagplejer(r, cmap.fields, cmap.extra))
        layout = "to-ark" if "boern" in chosen else "kun-dagplejere"
        if "boern" in chosen:
            cm = use("boern", ("boern_kolonner",), ("dagplejer",))
            children = _read_child_sheet(cm, builder, path.name)
    if path.suffix.lower() == ".csv":
        layout = "csv"
    if "kontakter" in chosen:
        km = use("kontakter", ("kontakt_kolonner",), ("barn",))
        _attach_contact_sheet(km, builder, path.name, children)

    if not dagplejere:
        raise DagplejeError(
            "roster_no_rows",
            where=f"{path.name}, {cmap.sheet.name}",
            hint="roster_no_rows_hint",
            sheet=cmap.sheet.name,
            row=cmap.header.row,
            sheets=", ".join(s.name for s in sheets),
        )
    derived = [d for d in dagplejere if not d.id]
    _derive_ids(dagplejere)
    findings = builder.findings
    if derived:
        findings.append(DP217(Location(file=path.name, sheet=cmap.sheet.name), count=len(derived)))
    _resolve_children(dagplejere, children)
    _derive_child_ids(children)
    roster = Roster(path, sha, layout, [s.name for s in sheets], dagplejere, children, infos)
    return roster, findings


def _overrides(cfg: RosterConfig, *tables: str) -> dict[str, dict[str, str]]:
    """The configured column names for these tables (``kolonner``, ``boern_kolonner`` …)."""
    return {t: getattr(cfg, t) for t in tables if getattr(cfg, t)}


def _read_child_sheet(cm: ColumnMap, builder: _Builder, file: str) -> list[Child]:
    """One child per row, with the contact persons in the row's column groups."""
    children = []
    for row_no, row in _data_rows(cm):
        r = _RowReader(file, cm.sheet.name, row_no, row)
        child = builder.child(r, cm.fields)
        child.contacts = builder.contact_groups(r, cm.contacts)
        children.append(child)
    return children


def _attach_contact_sheet(
    km: ColumnMap, builder: _Builder, file: str, children: list[Child]
) -> None:
    """Contacts on a sheet of their own, each joined to its child by the child's CPR."""
    by_cpr = {c.cpr: c for c in children if c.cpr}
    contact_cols = {k: v for k, v in km.fields.items() if k != "barn"}
    for row_no, row in _data_rows(km):
        r = _RowReader(file, km.sheet.name, row_no, row)
        v = r.values(km.fields)
        child_cpr = normalise_cpr(v.pop("barn", None)).digits
        contact = builder.contact(r, contact_cols, v=v)
        if contact is None:
            continue
        target = by_cpr.get(child_cpr) if child_cpr else None
        if target is None:
            where = Location.of_cell(r.cell(km.fields["barn"]))
            builder.findings.append(DP218(where, cpr=mask_cpr(child_cpr) or "?"))
            continue
        target.contacts.append(contact)


def _read_one_sheet(
    cmap: ColumnMap, builder: _Builder, file: str
) -> tuple[list[Dagplejer], list[Child]]:
    dagplejere: dict[str, Dagplejer] = {}
    children: list[Child] = []
    key_of: Callable[[Dagplejer], str] = lambda d: d.id or (d.cpr or "") or d.name  # noqa: E731
    for row_no, row in _data_rows(cmap):
        r = _RowReader(file, cmap.sheet.name, row_no, row)
        before = len(builder.findings)
        d = builder.dagplejer(r, cmap.fields, cmap.extra)
        key = key_of(d)
        if key not in dagplejere:
            dagplejere[key] = d
        else:
            # a repeated dagplejer: its notes (restored zeros) were given on its first row
            del builder.findings[before:]
        v = r.values(cmap.child)
        if not v:
            continue
        child = builder.child(r, cmap.child, v)
        child.dagplejer_ref = key
        child.contacts = builder.contact_groups(r, cmap.contacts)
        children.append(child)
    return list(dagplejere.values()), children


def _derive_child_ids(children: list[Child]) -> None:
    """Children without an id in the roster get one derived from the CPR (LocalPersonId).

    Stable across exports as long as the CPR is; a hash, never the CPR itself.
    """
    for c in children:
        if not c.id:
            digest = hashlib.sha256(f"dagpleje-barn:{c.cpr or c.name}".encode()).hexdigest()
            c.id = f"B-{digest[:16].upper()}"
            c.id_derived = True


def _resolve_children(dagplejere: list[Dagplejer], children: list[Child]) -> None:
    """Link each child to its dagplejer's id, by id, by CPR or (one-sheet) by name."""
    by_id = {d.id: d.id for d in dagplejere}
    by_cpr: dict[str, str] | None = None  # only needed when a child names its dagplejer so
    by_name: dict[str, str] | None = None
    for c in children:
        ref = c.dagplejer_ref
        if not ref:
            continue
        found = by_id.get(ref)
        if found is None:
            if by_cpr is None:
                by_cpr = {d.cpr: d.id for d in dagplejere if d.cpr}
            digits = normalise_cpr(ref).digits
            found = by_cpr.get(digits) if digits else None
        if found is None:
            if by_name is None:
                by_name = {d.name: d.id for d in dagplejere if d.name}
            found = by_name.get(ref)
        c.dagplejer_id = found
