"""Which sheet is what: the dagplejere, the children, their contacts, or all in one sheet.

Decided by declared tables fed by evidence: ``clues`` gathers what a sheet's columns
(``COLUMN_CLUES``), its name and the configuration say; ``READINGS`` gives a sheet the role of
the first ``Choice`` its clues fit, ``KEY_ROLES`` a sheet the configuration names (``ark``,
``boern_ark``, ``kontakt_ark``, which overrule the rest), and ``REREADS`` the role the sheets
beside it change. Each sheet's header row is the reader's, or ``[roster] overskriftsraekke``'s.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from dagplejecli.config import RosterConfig
from dagplejecli.domain.shape import ColumnTable, Field, Owner, Role, SheetKey
from dagplejecli.errors import DagplejeError, Said, Term
from dagplejecli.formats.sheets import RawSheet
from dagplejecli.roster.columns import contact_groups, plain_dagplejer_fields
from dagplejecli.roster.grouped import ungroup_parts
from dagplejecli.roster.headers import (
    HEADER_SCAN,
    HeaderRow,
    find_header_row,
    header_row_at,
    normalise_header,
)
from dagplejecli.roster.joined import alike, join, split, union, unlike
from dagplejecli.roster.vocabulary import vocabulary

# The configuration key that gives a sheet each role.
ROLE_KEYS = {
    Role.DAGPLEJERE: SheetKey.ARK,
    Role.ET_ARK: SheetKey.ARK,
    Role.BOERN: SheetKey.BOERN_ARK,
    Role.KONTAKTER: SheetKey.KONTAKT_ARK,
}
# The tables of column names that may name a configured sheet's headers, by its key.
KEY_TABLES = {
    # a one-sheet roster has the child's columns too
    SheetKey.ARK: (ColumnTable.KOLONNER, ColumnTable.BOERN_KOLONNER),
    SheetKey.BOERN_ARK: (ColumnTable.BOERN_KOLONNER,),
    SheetKey.KONTAKT_ARK: (ColumnTable.KONTAKT_KOLONNER,),
}


# A dagplejer's plain columns a contact sheet would not have: the id and the address.
_DAGPLEJER_PLAIN = frozenset({Field.ID, Field.ADRESSE, Field.VEJNAVN, Field.HUSNR, Field.POSTNR})
# A contact sheet's plain columns: whose relation to the child, and custody.
_CONTACT_PLAIN = frozenset({Field.RELATION, Field.MYNDIGHED})


class Clue(StrEnum):
    """Evidence of a sheet's role: what its headers say, what its name says."""

    CHILD = "child"  # the child's own columns («Barnets CPR»)
    CHILD_REF = "child_ref"  # a column naming the child by CPR («Barn CPR»)
    DAGPLEJER_REF = "dagplejer_ref"  # a column naming the child's dagplejer («Dagplejer nr.»)
    CONTACT = "contact"  # a contact group («Kontakt1 CPR», «Mor navn»)
    CONTACT_GROUPS = "contact_groups"  # two or more on a row: a child's, not a contact's row
    CHILD_GROUPS = "child_groups"  # numbered children on a row («Barn 1», «Barn 2»): one sheet
    DAGPLEJER_NAMED = "dagplejer_named"  # the dagplejer's own columns («Dagplejer navn»)
    OWN_CPR = "own_cpr"  # a plain CPR column: the sheet's own person's
    OWN_NAME = "own_name"  # a plain name column: the sheet's own person's
    DAGPLEJER_PLAIN = "dagplejer_plain"  # a plain id or address: a dagplejer's own columns
    CONTACT_PLAIN = "contact_plain"  # a plain relation or custody: a contact person's
    # a child per row beside its dagplejer's unprefixed columns (``_plain_one_sheet``)
    PLAIN_ONE_SHEET = "plain_one_sheet"
    NAMES_DAGPLEJER = "names_dagplejer"  # a column that can name each child's dagplejer
    NAME_DAGPLEJERE = "name_dagplejere"  # the sheet's name says dagplejere
    NAME_BOERN = "name_boern"  # … children («Indskrevne børn»)
    NAME_KONTAKTER = "name_kontakter"  # … contacts («Forældre»)
    NO_BOERN_ARK = "no_boern_ark"  # the configuration names no children's sheet


# The clue a sheet's name gives. A word of the name says its role when the whole name does not
# («Indskrevne børn»), the contacts' words first («Børnenes forældre»).
_NAME_CLUES = {
    Role.KONTAKTER: Clue.NAME_KONTAKTER,
    Role.BOERN: Clue.NAME_BOERN,
    Role.DAGPLEJERE: Clue.NAME_DAGPLEJERE,
}
_NAME_WORDS = tuple((role, vocabulary().sheet_names[role]) for role in _NAME_CLUES)


@dataclass(frozen=True, slots=True)
class Choice:
    """A role a sheet takes when it has every clue of ``needs`` and none of ``refuses``, and
    (``alone``, when given) its headers alone read as one of those roles."""

    role: Role
    needs: tuple[Clue, ...] = ()
    refuses: tuple[Clue, ...] = ()
    alone: tuple[Role, ...] = ()


C, R = Clue, Role  # short names for the tables below
# What a column says of its sheet: a column of this owner (and field, None for any) is a clue.
COLUMN_CLUES = (
    (C.CHILD, Owner.BARN, None),
    (C.CHILD_REF, Owner.BARN_REF, None),
    (C.DAGPLEJER_REF, Owner.DAGPLEJER_REF, None),
    (C.CONTACT, Owner.KONTAKT, None),
    (C.DAGPLEJER_NAMED, Owner.DAGPLEJER, None),  # (her id is a DAGPLEJER_REF)
    (C.OWN_CPR, Owner.PLAIN, Field.CPR),
    (C.OWN_NAME, Owner.PLAIN, Field.NAVN),
    (C.OWN_NAME, Owner.PLAIN, Field.FORNAVN),
    (C.OWN_NAME, Owner.PLAIN, Field.EFTERNAVN),
    *((C.DAGPLEJER_PLAIN, Owner.PLAIN, f) for f in _DAGPLEJER_PLAIN),
    *((C.CONTACT_PLAIN, Owner.PLAIN, f) for f in _CONTACT_PLAIN),
    # a column that can name each child's dagplejer, as a children's sheet is read
    (C.NAMES_DAGPLEJER, Owner.DAGPLEJER_REF, None),
    (C.NAMES_DAGPLEJER, Owner.DAGPLEJER, Field.NAVN),
    (C.NAMES_DAGPLEJER, Owner.PLAIN, Field.ID),
)
_CHILD_OWNED = (C.CHILD, C.CHILD_REF, C.CONTACT)  # only a child's or a contact's sheet has

# The one table of sheet roles: a sheet reads as the first role whose evidence it has.
READINGS = (
    Choice(R.ET_ARK, (C.CHILD, C.DAGPLEJER_NAMED)),  # a child with its dagplejer's columns
    # a dagplejer with her children side by side (never a parent's row with her children)
    *(
        Choice(R.ET_ARK, (C.CHILD_GROUPS, hers), (C.CONTACT_PLAIN, C.CONTACT, C.NAME_KONTAKTER))
        for hers in (C.DAGPLEJER_REF, C.DAGPLEJER_NAMED, C.DAGPLEJER_PLAIN, C.OWN_NAME, C.OWN_CPR)
    ),
    Choice(R.ET_ARK, (C.PLAIN_ONE_SHEET,)),
    # the child's CPR and a column naming the dagplejer, on a sheet whose name says children
    Choice(R.BOERN, (C.CHILD_REF, C.NAMES_DAGPLEJER, C.NAME_BOERN), (C.DAGPLEJER_REF,)),
    Choice(R.KONTAKTER, (C.CHILD_REF,), (C.DAGPLEJER_REF, C.CONTACT_GROUPS)),
    # a child's parents side by side by its CPR, and no name or dagplejer of a child's own
    # (when its name says contacts: a children's list grouped by dagplejer, a waiting list,
    # has no column of a child's own either; another name is said, DP278, never dropped)
    Choice(
        R.KONTAKTER,
        (C.CHILD_REF, C.CONTACT_GROUPS, C.NAME_KONTAKTER),
        (C.DAGPLEJER_REF, C.NAMES_DAGPLEJER, C.OWN_NAME, C.CHILD),
    ),
    # «Dagplejer nr.» on the dagplejere's own sheet is their id
    Choice(R.DAGPLEJERE, (C.DAGPLEJER_REF, C.NAME_DAGPLEJERE), _CHILD_OWNED),
    Choice(R.BOERN, (C.DAGPLEJER_REF,)),
    Choice(R.BOERN, (C.CONTACT,)),
    Choice(R.BOERN, (C.NAME_BOERN,)),  # nothing of a child's in the headers: the name says
    Choice(R.KONTAKTER, (C.NAME_KONTAKTER,)),
    Choice(R.DAGPLEJERE),
)
# The role a configuration key gives its sheet: ``ark`` is a one-sheet roster when it reads as
# one, or as the children's with the child's own columns while no ``boern_ark`` is named (a
# staff sheet's «Pårørende» is no child).
KEY_ROLES = {
    SheetKey.ARK: (
        # (never beside a children's sheet the configuration names: then it is the dagplejere's)
        Choice(R.ET_ARK, (C.NO_BOERN_ARK,), alone=(R.ET_ARK,)),
        Choice(R.ET_ARK, (C.CHILD, C.NO_BOERN_ARK), alone=(R.BOERN,)),
        Choice(R.ET_ARK, (C.CHILD_REF, C.NO_BOERN_ARK), alone=(R.BOERN,)),
        Choice(R.DAGPLEJERE),
    ),
    SheetKey.BOERN_ARK: (Choice(R.BOERN),),
    SheetKey.KONTAKT_ARK: (Choice(R.KONTAKTER),),
}


@dataclass(frozen=True, slots=True)
class Reread:
    """A sheet reading as ``role`` where the roster has a dagplejer sheet (``beside``) or has
    none, read as the first of ``instead`` it has the evidence for and whose role no sheet has
    (with none, it is left: DP248); ``chosen``: the one sheet chosen for ``role``, else every
    sheet reading as it, before one is chosen."""

    role: Role
    beside: bool
    chosen: bool
    instead: tuple[Choice, ...]


# A sheet of the children's contacts: the child's CPR with a person's own CPR («Barn CPR»,
# «CPR», «Navn»), or a name that says contacts; a waiting list (the child's CPR, name and
# address) is not.
CONTACTS = (
    Choice(R.KONTAKTER, (C.CHILD_REF, C.OWN_CPR)),
    Choice(R.KONTAKTER, (C.CHILD_REF, C.NAME_KONTAKTER)),
)
REREADS = (
    # beside a dagplejer sheet, a child per row with its dagplejer's columns repeated
    # («Dagplejers navn») is the children's sheet; beside a children's sheet too, the child's
    # CPR with a person's own columns is a contacts sheet
    Reread(R.ET_ARK, True, False, (Choice(R.BOERN), *CONTACTS)),
    # a children's sheet and no dagplejer sheet: nothing of a child's or a contact's («Dagplejer
    # nr», «CPR», «Navn») is a list of dagplejere whose id column says whose; else one sheet
    Reread(
        R.BOERN,
        False,
        True,
        (Choice(R.DAGPLEJERE, (), (*_CHILD_OWNED, C.NAME_BOERN)), Choice(R.ET_ARK)),
    ),
)
_MAIN = (R.DAGPLEJERE, R.ET_ARK)  # a sheet of dagplejere


def _plain_one_sheet(header: HeaderRow) -> bool:
    """A child per row beside its dagplejer's unprefixed columns (``Medarb. nr.``, ``CPR``,
    ``Navn``, ``Postnr`` and ``Barnets CPR``), not a contact sheet (``Barn CPR``, ``CPR``,
    ``Navn``, ``Relation``)."""
    plain = {m.field for m in header.meanings if m and m.owner == Owner.PLAIN}
    return (
        bool(plain & plain_dagplejer_fields(header))
        and bool(plain & _DAGPLEJER_PLAIN)
        and not plain & _CONTACT_PLAIN
    )


def clues(header: HeaderRow, name: str | None = None, cfg: RosterConfig | None = None) -> set[Clue]:
    """The evidence of a sheet's role: its columns (``COLUMN_CLUES``), its ``name`` when given,
    and the configuration's columns and sheets when given."""
    found = {
        clue
        for m in header.meanings
        if m is not None
        for clue, owner, field in COLUMN_CLUES
        if m.owner == owner and field in (None, m.field)
    }
    if _plain_one_sheet(header):
        found.add(C.PLAIN_ONE_SHEET)
    if len(contact_groups(header)) > 1:
        found.add(C.CONTACT_GROUPS)
    numbered = {m.group for m in header.meanings if m is not None and m.owner == Owner.BARN}
    if len(numbered - {0}) > 1:
        found.add(C.CHILD_GROUPS)
    if cfg is not None and Field.DAGPLEJER in cfg.boern_kolonner:
        found.add(C.NAMES_DAGPLEJER)
    if cfg is not None and cfg.boern_ark is None:
        found.add(C.NO_BOERN_ARK)
    if name is not None and (named := name_role(name)) is not None:
        found.add(_NAME_CLUES[named])
    return found


def _fits(choice: Choice, found: set[Clue], header: HeaderRow) -> bool:
    return (
        found.issuperset(choice.needs)
        and found.isdisjoint(choice.refuses)
        and (not choice.alone or classify(header) in choice.alone)
    )


def _first(
    choices: tuple[Choice, ...],
    found: set[Clue],
    header: HeaderRow,
    taken: Collection[Role] = (),
) -> Role | None:
    """The decision: the role of the first choice the evidence fits whose role is not
    ``taken``."""
    return next((c.role for c in choices if c.role not in taken and _fits(c, found, header)), None)


def classify(header: HeaderRow) -> Role:
    """A sheet's role from its headers alone (a child sheet with the dagplejer's columns
    repeated may still turn out to be a one-sheet roster: see ``REREADS``)."""
    return _first(READINGS, clues(header), header) or Role.DAGPLEJERE


def _out_of_care(parts: list[tuple[RawSheet, HeaderRow]]) -> bool:
    """Whether a sheet's name says its people are not in care (a status word of the
    vocabulary: «Venteliste», «Udmeldte», «Tilbudt»)."""
    statuses = vocabulary().statuses
    for sheet, _ in parts:
        words = set(re.findall(r"\w+", sheet.name.casefold()))
        if any(statuses.get(w, "i_pleje") != "i_pleje" for w in words):
            return True
    return False


def _exactname_role(name: str) -> Role | None:
    """The role a sheet's whole name says («Børn», «Dagplejere»)."""
    plain = name.strip().casefold()
    return next((role for role, names in _NAME_WORDS if plain in names), None)


def name_role(name: str) -> Role | None:
    """The role a sheet's name says: the whole name, or else its words («Indskrevne børn»,
    «Børn 2026»). Words of two roles say none, except children and contacts: a contacts sheet
    often names the children too («Børnenes forældre»)."""
    if role := _exactname_role(name):
        return role
    words = set(re.findall(r"\w+", name.casefold()))
    roles = {role for role, names in _NAME_WORDS if words & set(names)}
    if roles == {Role.KONTAKTER, Role.BOERN}:
        return Role.KONTAKTER
    return roles.pop() if len(roles) == 1 else None


# Headers of contact persons beside a child's CPR («Barnets CPR», «Mor», «Mors CPR» …, or a
# person's own «CPR»), whatever the sheet's name: unused.py asks about such a sheet not read
# (DP278). ``_ALONE``: and no child's own columns or dagplejer (a copy of the children's
# sheet, its contacts on the row, is none).
HOLDS_CONTACTS = tuple(Choice(R.KONTAKTER, (C.CHILD_REF, c)) for c in (C.CONTACT, C.OWN_CPR))
HOLDS_CONTACTS_ALONE = tuple(
    Choice(R.KONTAKTER, choice.needs, (C.CHILD, C.DAGPLEJER_REF, C.NAMES_DAGPLEJER))
    for choice in HOLDS_CONTACTS
)


def holds_contacts(header: HeaderRow, alone: bool = False) -> bool:
    """Whether a sheet's headers hold contact persons by the child's CPR (``HOLDS_CONTACTS``)."""
    choices = HOLDS_CONTACTS_ALONE if alone else HOLDS_CONTACTS
    return _first(choices, clues(header), header) is not None


def contacts_of_children(sheet: RawSheet, header: HeaderRow) -> bool:
    """Whether a sheet beside the dagplejere's and the children's is their contacts."""
    return _first(CONTACTS, clues(header, sheet.name), header) is not None


Candidate = tuple[RawSheet, HeaderRow, set[Clue]]


def _header(
    sheet: RawSheet, cfg: RosterConfig, path: Path, known: frozenset[str] = frozenset()
) -> HeaderRow | None:
    """A sheet's header row: the one ``[roster] overskriftsraekke`` gives it (a number: the
    roster's only sheet's), else the one the reader finds. Raises DagplejeError when the row
    given holds no header."""
    rows = cfg.overskriftsraekke
    row = rows.get(sheet.name) if isinstance(rows, dict) else rows
    if row is None:
        return find_header_row(sheet.rows, known=known)
    cells = sheet.rows[row - 1] if row <= len(sheet.rows) else []
    if not any(isinstance(v, str) and v.strip() for v in cells):
        raise DagplejeError(
            "roster_header_row_empty",
            where=", ".join(dict.fromkeys((sheet.file or path.name, sheet.name))),  # a CSV once
            hint="roster_header_row_empty_hint",
            sheet=sheet.name,
            row=row,
        )
    return header_row_at(
        row - 1, cells, sheet.rows[row - 2] if 1 < row <= len(sheet.rows) + 1 else None
    )


def _check_header_rows(sheets: list[RawSheet], cfg: RosterConfig, path: Path) -> None:
    """``overskriftsraekke`` names sheets the roster has (or, as a number, the roster has one)."""
    rows, names = cfg.overskriftsraekke, [s.name for s in sheets]
    if isinstance(rows, int) and len(sheets) > 1:
        raise DagplejeError(
            "roster_header_row_which",
            where=str(path),
            hint="roster_header_row_which_hint",
            row=rows,
            first=names[0],
        )
    for name in rows if isinstance(rows, dict) else ():
        if name not in names:
            raise sheet_missing(path, name, "overskriftsraekke", names)


def sheet_missing(path: Path, name: str, key: str, names: list[str]) -> DagplejeError:
    """A sheet the configuration's ``key`` names that the roster does not have, with the
    sheet whose name is nearest (a letter wrong or missing: «Born» for «Børn»)."""
    import difflib

    fold = {normalise_header(n): n for n in names}
    near = difflib.get_close_matches(normalise_header(name), list(fold), n=1, cutoff=0.6)
    return DagplejeError(
        "roster_sheet_missing",
        where=str(path),
        hint="roster_sheet_missing_near_hint" if near else "roster_sheet_missing_hint",
        sheet=name,
        key=key,
        sheets=", ".join(names),
        near=fold[near[0]] if near else "",
    )


def _configured(
    sheets: list[RawSheet], cfg: RosterConfig, path: Path
) -> dict[Role, tuple[RawSheet, HeaderRow]]:
    """The sheets the configuration names (``ark``, ``boern_ark``, ``kontakt_ark``; a list:
    sheets alike read as one), each with its header row and the role ``KEY_ROLES`` gives it."""
    by_name = {s.name: s for s in sheets}
    given = [(k, sheet_names(getattr(cfg, k))) for k in KEY_ROLES if getattr(cfg, k) is not None]
    keys: dict[str, str] = {}  # sheet → the key that named it first
    for key, names in given:
        for name in names:
            if name in keys:  # one sheet, two roles (or twice in one): read twice
                raise DagplejeError(
                    "roster_sheet_twice",
                    where=str(path),
                    hint="roster_sheet_twice_hint",
                    sheet=name,
                    key=key,
                    other=keys[name],
                )
            keys[name] = key
    chosen: dict[Role, tuple[RawSheet, HeaderRow]] = {}
    for key, names in given:
        # the headers the configuration names for these sheets, normalised
        known = frozenset(
            normalise_header(h) for t in KEY_TABLES[key] for h in getattr(cfg, t).values()
        )
        parts = [_configured_sheet(sheets, by_name, name, key, known, cfg, path) for name in names]
        if key == SheetKey.BOERN_ARK:  # each a list grouped by dagplejer: read by its headings
            parts = ungroup_parts(parts, cfg.boern_kolonner.get(Field.DAGPLEJER))
        # sheets named as one whose columns differ (a «Slutdato» on one sheet): each row has
        # them all, blank where its sheet lacks one — the user said they are one list
        every = union(parts) if len(parts) > 1 and not alike(parts) else None
        if len(parts) > 1 and not alike(parts) and every is None:
            other, headers = unlike(parts)
            raise DagplejeError(
                "roster_sheets_not_alike",
                where=f"{path}, {other}",
                hint="roster_sheets_not_alike_hint",
                key=key,
                sheets=", ".join(names),
                sheet=other,
                first=names[0],
                headers=", ".join(f"«{h}»" for h in headers) or "«»",
            )
        sheet, header = join(parts, every) if len(parts) > 1 else parts[0]
        found = clues(header, cfg=cfg)
        if key == SheetKey.ARK and _childs_columns_only_here(sheet, header, sheets, cfg):
            found.add(C.CHILD)
        role = _first(KEY_ROLES[key], found, header) or Role.DAGPLEJERE
        chosen[role] = (sheet, header)
    return chosen


def _childs_columns_only_here(
    sheet: RawSheet, header: HeaderRow, sheets: list[RawSheet], cfg: RosterConfig
) -> bool:
    """Whether every child's column the configuration names ([roster.boern_kolonner]) stands
    on this sheet and on no other, while no children's sheet is named: a one-sheet roster, as
    init writes one (its plain «CPR» and «Navn» the child's) — as telling as a «Barnets CPR».
    Beside another sheet with those columns (a children's sheet found by its headers), they
    are that sheet's."""
    named = {normalise_header(h) for h in cfg.boern_kolonner.values()}
    if cfg.boern_ark is not None or not named:
        return False

    def holds(texts: Iterable[object]) -> bool:
        return named <= {normalise_header(t) for t in texts if isinstance(t, str)}

    if not holds(header.texts):
        return False
    others = [s for s in sheets if not sheet.holds(s)]
    return not any(holds(v for row in s.rows[:HEADER_SCAN] for v in row) for s in others)


def not_ignored(sheets: list[RawSheet], cfg: RosterConfig, path: Path) -> list[RawSheet]:
    """The sheets but those ``[roster] ignorer_ark`` says are no part of the roster (an
    overview, a lookup list): never read, never said. Each must be one the roster has."""
    names = [s.name for s in sheets]
    for name in cfg.ignorer_ark:
        if name not in names:
            raise sheet_missing(path, name, "ignorer_ark", names)
    return [s for s in sheets if s.name not in cfg.ignorer_ark]


def sheet_names(given: str | list[str]) -> list[str]:
    """The sheets a key names: one, or several alike read as one."""
    return [given] if isinstance(given, str) else given


def _configured_sheet(
    sheets: list[RawSheet],
    by_name: dict[str, RawSheet],
    name: str,
    key: str,
    known: frozenset[str],
    cfg: RosterConfig,
    path: Path,
) -> tuple[RawSheet, HeaderRow]:
    """A sheet the configuration names, with its header row."""
    if name not in by_name:
        raise sheet_missing(path, name, key, list(by_name))
    header = _header(by_name[name], cfg, path, known)
    if header is None:
        raise DagplejeError(
            "roster_no_header",
            where=f"{path.name}, {name}",
            hint="roster_no_header_hint",
            sheet=name,
            sheets=", ".join(s.name for s in sheets),
        )
    return by_name[name], header


def pick_sheets(
    sheets: list[RawSheet], cfg: RosterConfig, path: Path, join_alike: bool = False
) -> dict[Role, tuple[RawSheet, HeaderRow]]:
    """The sheet (and its header row) for each role found: configured names first, then the
    evidence of each other sheet by ``READINGS``, then ``REREADS`` by the sheets beside it.
    A hidden sheet is never proposed (DP257 says it). Raises DagplejeError when no dagplejer
    sheet can be told."""
    _check_header_rows(sheets, cfg, path)
    chosen = _configured(sheets, cfg, path)
    configured = set(chosen)
    candidates: dict[Role, list[Candidate]] = {}
    for sheet in sheets:
        if sheet.hidden or any(s.holds(sheet) for s, _ in chosen.values()):
            continue
        header = _header(sheet, cfg, path)
        if header is None:
            continue
        found = clues(header, sheet.name, cfg)
        role = _first(READINGS, found, header) or Role.DAGPLEJERE
        candidates.setdefault(role, []).append((sheet, header, found))
    if Role.ET_ARK in chosen:
        # the configured one sheet holds the dagplejere and the children: another sheet of
        # either is left, and said (DP248), never read beside it nor dropped in silence
        candidates.pop(Role.DAGPLEJERE, None)
        candidates.pop(Role.BOERN, None)
    elif Role.BOERN in chosen and Role.ET_ARK in candidates:
        # the children's sheet is named: a sheet that reads as one with children too is the
        # dagplejere's (its children's columns an overview, said as columns not read)
        candidates.setdefault(Role.DAGPLEJERE, []).extend(candidates.pop(Role.ET_ARK))

    def beside(reread: Reread, *held: Collection[Role]) -> bool:
        """Whether the roster's sheets are as ``reread`` says: a dagplejer sheet or none."""
        main = any(r in h for r in _MAIN if r != reread.role for h in held)
        return main == reread.beside

    for reread in REREADS:  # every sheet reading as the role, before one is chosen
        if reread.chosen or reread.role in chosen or reread.role not in candidates:
            continue
        if beside(reread, chosen, candidates):
            taken = {*chosen, *candidates}
            for sheet, header, found in candidates.pop(reread.role):
                if (instead := _first(reread.instead, found, header, taken)) is not None:
                    candidates.setdefault(instead, []).append((sheet, header, found))
    for role in (Role.DAGPLEJERE, Role.BOERN, Role.KONTAKTER, Role.ET_ARK):
        if role not in chosen and role in candidates:
            chosen[role] = _one_of(candidates[role], role, path, join_alike)
    for reread in REREADS:  # the one sheet chosen for the role
        if reread.chosen and reread.role in chosen and beside(reread, chosen):
            sheet, header = chosen[reread.role]
            taken = set(chosen) - {reread.role}
            instead = _first(reread.instead, clues(header, sheet.name, cfg), header, taken)
            if instead is not None:
                chosen[instead] = chosen.pop(reread.role)
    if not any(r in chosen for r in _MAIN):
        raise _no_dagplejer_sheet(sheets, path)
    if Role.ET_ARK in chosen and Role.BOERN in chosen and Role.ET_ARK not in configured:
        # two sheets hold the children: which to read is the user's to say, never a guess
        one, kids = chosen[Role.ET_ARK][0].name, chosen[Role.BOERN][0].name
        raise DagplejeError(
            "roster_one_sheet_and_children",
            where=str(path),
            hint="roster_one_sheet_and_children_hint",
            one=one,
            children=kids,
        )
    return chosen


def _one_of(
    options: list[Candidate], role: Role, path: Path, join_alike: bool = False
) -> tuple[RawSheet, HeaderRow]:
    """Of the sheets that read as ``role``, the one: the only one, or the one whose name says
    it (the whole name first, then a word of it). Raises DagplejeError when names do not tell."""
    if len(options) > 1:
        exact = [o for o in options if _exactname_role(o[0].name) == role]
        preferred = (
            exact if len(exact) == 1 else [o for o in options if name_role(o[0].name) == role]
        )
        parts = [(sheet, header) for sheet, header, _ in options]
        if join_alike and role == Role.BOERN:  # lists grouped by dagplejer: by their headings
            parts = ungroup_parts(parts, None)
        if (
            join_alike
            and not preferred
            and alike(parts)
            and split(parts)
            and not _out_of_care(parts)
        ):
            # init: no name says the role, and the sheets are alike, each with rows of its
            # own: one roster in several sheets (a sheet per district), read as one, said
            # (DP264) and written as a list, which plan then reads; never on a name that says
            # who is not in care («Venteliste», «Udmeldte»)
            return join(parts)
        if len(preferred) != 1:
            raise DagplejeError(
                "roster_ambiguous",
                where=str(path),
                hint="roster_ambiguous_hint",
                role=Term("sheet_role", role),
                sheets=", ".join(s.name for s, _, _ in options),
                key=ROLE_KEYS[role],
                first=options[0][0].name,
                listed=", ".join(f'"{s.name}"' for s, _, _ in options),
            )
        options = preferred
    return options[0][0], options[0][1]


def _no_dagplejer_sheet(sheets: list[RawSheet], path: Path) -> DagplejeError:
    """The error when no sheet reads as the dagplejere's: each sheet with what its headers
    were read as, and the headers looked for. A file of one sheet (a CSV) is told to change
    its headers: there is no other sheet to name in the configuration."""
    headers = [(s, find_header_row(s.rows)) for s in sheets]
    found = [(s, h) for s, h in headers if h is not None]
    if not found:
        return DagplejeError(
            "roster_no_header",
            where=str(path),
            hint="roster_no_header_hint",
            sheet=sheets[0].name if sheets else "-",
            sheets=", ".join(s.name for s in sheets) or "-",
        )
    seen = tuple(
        Said(
            "roster_sheet_read_as",
            {"sheet": s.name, "row": h.row, "role": Term("sheet_role", classify(h))},
        )
        if h is not None
        else Said("roster_sheet_no_headers", {"sheet": s.name})
        for s, h in headers
    )
    single = "_single_sheet" if len(sheets) == 1 else ""  # a CSV: change its headers
    return DagplejeError(
        "roster_no_dagplejer_sheet",
        where=str(path),
        hint=f"roster_no_dagplejer_sheet_hint{single}",
        sheets=seen,
        headers=", ".join(t for t in found[0][1].texts if t),
        first=found[0][0].name,
    )
