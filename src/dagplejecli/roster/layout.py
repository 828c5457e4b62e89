"""Which sheet is what: the dagplejere, the children, their contacts, or all in one sheet.

Headers decide first; a sheet's name breaks ties, and ``ark``/``boern_ark``/``kontakt_ark`` in
the configuration overrule both.
"""

from __future__ import annotations

import re
from pathlib import Path

from dagplejecli.config import RosterConfig
from dagplejecli.domain.shape import Field, Owner, Role
from dagplejecli.errors import DagplejeError, Said, Term
from dagplejecli.roster.columns import plain_dagplejer_fields
from dagplejecli.roster.headers import HeaderRow, find_header_row, normalise_header
from dagplejecli.roster.sheets import RawSheet
from dagplejecli.roster.vocabulary import vocabulary

# A word of a sheet's name says its role when the whole name does not («Indskrevne børn»),
# the contacts' words first («Børnenes forældre»).
_NAME_WORDS = tuple(
    (role, vocabulary().sheet_names[role]) for role in (Role.KONTAKTER, Role.BOERN, Role.DAGPLEJERE)
)
# The configuration key that gives a sheet each role.
ROLE_KEYS = {
    Role.DAGPLEJERE: "ark",
    Role.ET_ARK: "ark",
    Role.BOERN: "boern_ark",
    Role.KONTAKTER: "kontakt_ark",
}
# The tables of column names that may name a configured sheet's headers, by its key.
KEY_TABLES = {
    "ark": ("kolonner", "boern_kolonner"),  # a one-sheet roster has the child's columns too
    "boern_ark": ("boern_kolonner",),
    "kontakt_ark": ("kontakt_kolonner",),
}


# A dagplejer's plain columns a contact sheet would not have: the id and the address.
_DAGPLEJER_PLAIN = frozenset({Field.ID, Field.ADRESSE, Field.VEJNAVN, Field.HUSNR, Field.POSTNR})
# A contact sheet's plain columns: whose relation to the child, and custody.
_CONTACT_PLAIN = frozenset({Field.RELATION, Field.MYNDIGHED})


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


def classify(header: HeaderRow) -> Role:
    """A sheet's role from its headers alone (a child sheet with the dagplejer's columns
    repeated may still turn out to be a one-sheet roster: see ``pick_sheets``)."""
    dagplejer_named = sum(
        1 for m in header.meanings if m and m.owner == Owner.DAGPLEJER and m.field != Field.ID
    )
    if header.count(Owner.BARN) and dagplejer_named:
        return Role.ET_ARK
    if _plain_one_sheet(header):
        return Role.ET_ARK
    if header.count(Owner.BARN_REF) and not header.count(Owner.DAGPLEJER_REF):
        return Role.KONTAKTER
    if header.count(Owner.DAGPLEJER_REF) or header.count(Owner.KONTAKT):
        return Role.BOERN
    return Role.DAGPLEJERE


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


def _preferred(
    options: list[tuple[RawSheet, HeaderRow]], role: Role
) -> list[tuple[RawSheet, HeaderRow]]:
    """Of several sheets that read as ``role``, those whose name says it: the whole name
    first, then a word of it."""
    exact = [o for o in options if _exactname_role(o[0].name) == role]
    return exact if len(exact) == 1 else [o for o in options if name_role(o[0].name) == role]


def _known_headers(cfg: RosterConfig, key: str) -> frozenset[str]:
    """The headers the configuration names for the sheet given by ``key``, normalised."""
    tables = (getattr(cfg, t) for t in KEY_TABLES[key])
    return frozenset(normalise_header(h) for table in tables for h in table.values())


def _names_dagplejer(header: HeaderRow, cfg: RosterConfig) -> bool:
    """Whether a sheet has a column that can name each child's dagplejer, as a children's
    sheet is read (``Dagplejer``, ``Dagplejers navn``, a plain ``Medarbejdernr``, or the one
    the configuration names)."""
    return Field.DAGPLEJER in cfg.boern_kolonner or any(
        m is not None
        and (
            m.owner == Owner.DAGPLEJER_REF
            or (m.owner == Owner.DAGPLEJER and m.field == Field.NAVN)
            or (m.owner == Owner.PLAIN and m.field == Field.ID)
        )
        for m in header.meanings
    )


# Columns only a child's or a contact's sheet has.
_CHILD_OWNERS = (Owner.BARN, Owner.BARN_REF, Owner.KONTAKT)


def _role_of(sheet: RawSheet, header: HeaderRow, cfg: RosterConfig) -> Role:
    """A sheet's role from its headers, its name breaking ties. A sheet whose name says
    children («Indskrevne børn») is the children's when its headers read as the dagplejere's,
    or as the contacts' (the child's CPR and contact columns) while a column names the
    dagplejer; without one it stays the contacts' (and DP249 names the key to set)."""
    role = classify(header)
    named = name_role(sheet.name)
    if role == Role.DAGPLEJERE and named in (Role.BOERN, Role.KONTAKTER):
        return named
    if role == Role.BOERN and named == Role.DAGPLEJERE and not header.count(*_CHILD_OWNERS):
        return named  # «Dagplejer nr.» on the dagplejere's own sheet is their id
    if role == Role.KONTAKTER and named == Role.BOERN and _names_dagplejer(header, cfg):
        return named
    return role


def contacts_of_children(sheet: RawSheet, header: HeaderRow) -> bool:
    """Whether a sheet beside the dagplejere's and the children's is their contacts: the
    child's CPR with a person's own CPR (``Barn CPR``, ``CPR``, ``Navn``), or a name that says
    contacts («Forældre»); a waiting list (the child's CPR, name and address) is not."""
    if not header.count(Owner.BARN_REF):
        return False
    own = any(
        m is not None and m.owner == Owner.PLAIN and m.field == Field.CPR for m in header.meanings
    )
    return own or name_role(sheet.name) == Role.KONTAKTER


def _holds_children(header: HeaderRow, cfg: RosterConfig) -> bool:
    """Whether the sheet named as ``ark`` is a one-sheet roster: it reads as one, or as a
    children's sheet with the child's own columns while no ``boern_ark`` is named, as the
    same sheet found without the configuration is read."""
    role = classify(header)
    if role == Role.ET_ARK:
        return True
    # the child's own columns, not contacts alone (a staff sheet's «Pårørende» is no child)
    return (
        role == Role.BOERN
        and cfg.boern_ark is None
        and header.count(Owner.BARN, Owner.BARN_REF) > 0
    )


def pick_sheets(
    sheets: list[RawSheet], cfg: RosterConfig, path: Path
) -> dict[Role, tuple[RawSheet, HeaderRow]]:
    """The sheet (and its header row) for each role found: configured names first, then
    headers, then sheet names. Raises DagplejeError when no dagplejer sheet can be told."""
    by_name = {s.name: s for s in sheets}
    names = ", ".join(s.name for s in sheets)
    chosen: dict[Role, tuple[RawSheet, HeaderRow]] = {}
    explicit = {"ark": cfg.ark, "boern_ark": cfg.boern_ark, "kontakt_ark": cfg.kontakt_ark}
    given = [(k, s) for k, s in explicit.items() if s is not None]
    for n, (twice, sheet_name) in enumerate(given):
        other = next((k for k, s in given[:n] if s == sheet_name), None)
        if other is not None:  # one sheet, two roles: read twice, counted twice
            raise DagplejeError(
                "roster_sheet_twice",
                where=str(path),
                hint="roster_sheet_twice_hint",
                sheet=sheet_name,
                key=twice,
                other=other,
            )
    for key, name in explicit.items():
        if name is None:
            continue
        if name not in by_name:
            raise DagplejeError(
                "roster_sheet_missing", where=str(path), sheet=name, key=key, sheets=names
            )
        header = find_header_row(by_name[name].rows, known=_known_headers(cfg, key))
        if header is None:
            raise DagplejeError(
                "roster_no_header",
                where=f"{path.name}, {name}",
                hint="roster_no_header_hint",
                sheet=name,
                sheets=names,
            )
        role = {"ark": Role.DAGPLEJERE, "boern_ark": Role.BOERN, "kontakt_ark": Role.KONTAKTER}[key]
        if role == Role.DAGPLEJERE and _holds_children(header, cfg):
            role = Role.ET_ARK
        chosen[role] = (by_name[name], header)

    candidates: dict[Role, list[tuple[RawSheet, HeaderRow]]] = {}
    for sheet in sheets:
        if sheet.hidden or any(sheet is s for s, _ in chosen.values()):
            continue  # a hidden sheet (a lookup list) is never proposed: DP257 says it
        header = find_header_row(sheet.rows)
        if header is None:
            continue
        candidates.setdefault(_role_of(sheet, header, cfg), []).append((sheet, header))

    if Role.ET_ARK in chosen:
        # the configured one sheet holds the dagplejere and the children: another sheet of
        # either is left, and said (DP248), never read beside it nor dropped in silence
        candidates.pop(Role.DAGPLEJERE, None)
        candidates.pop(Role.BOERN, None)
    elif Role.ET_ARK in candidates and (Role.DAGPLEJERE in chosen or Role.DAGPLEJERE in candidates):
        # beside a dagplejer sheet, a child per row with its dagplejer's columns repeated
        # ("Dagplejers navn") is a children's sheet, not a one-sheet roster; beside a
        # children's sheet too, it is left (and said: DP248)
        one_sheet = candidates.pop(Role.ET_ARK)
        if Role.BOERN not in chosen and Role.BOERN not in candidates:
            candidates[Role.BOERN] = one_sheet
        elif Role.KONTAKTER not in chosen and Role.KONTAKTER not in candidates:
            # beside both: the child's CPR with a person's own columns is a contacts sheet
            referring = [(s, h) for s, h in one_sheet if contacts_of_children(s, h)]
            if referring:
                candidates[Role.KONTAKTER] = referring
    for role in (Role.DAGPLEJERE, Role.BOERN, Role.KONTAKTER, Role.ET_ARK):
        if role in chosen or role not in candidates:
            continue
        options = candidates[role]
        if len(options) > 1:
            preferred = _preferred(options, role)
            if len(preferred) != 1:
                raise DagplejeError(
                    "roster_ambiguous",
                    where=str(path),
                    hint="roster_ambiguous_hint",
                    role=Term("sheet_role", role),
                    sheets=", ".join(s.name for s, _ in options),
                    key=ROLE_KEYS[role],
                    first=options[0][0].name,
                )
            options = preferred
        chosen[role] = options[0]
    if Role.DAGPLEJERE not in chosen and Role.ET_ARK not in chosen and Role.BOERN in chosen:
        sheet, header = chosen[Role.BOERN]
        if (
            header.count(Owner.BARN, Owner.BARN_REF, Owner.KONTAKT) == 0
            and name_role(sheet.name) != Role.BOERN
        ):
            # nothing of a child's or a contact's ("Dagplejer nr", "CPR", "Navn"): a list of
            # dagplejere whose id column says whose it is
            chosen[Role.DAGPLEJERE] = chosen.pop(Role.BOERN)
        else:
            # children with their dagplejer's columns and no dagplejer sheet: one sheet
            chosen[Role.ET_ARK] = chosen.pop(Role.BOERN)
    if Role.DAGPLEJERE not in chosen and Role.ET_ARK not in chosen:
        raise _no_dagplejer_sheet(sheets, path)
    return chosen


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
    if len(sheets) == 1:
        return DagplejeError(
            "roster_no_dagplejer_sheet",
            where=str(path),
            hint="roster_no_dagplejer_sheet_hint_single_sheet",
            sheets=seen,
            headers=", ".join(t for t in found[0][1].texts if t),
        )
    return DagplejeError(
        "roster_no_dagplejer_sheet",
        where=str(path),
        hint="roster_no_dagplejer_sheet_hint",
        sheets=seen,
        first=found[0][0].name,
    )
