"""Checks of the people: CPR numbers, duplicates, links between them, protection, names."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import TypeVar

from dagplejecli.config import toml_string
from dagplejecli.domain.identifiers import (
    age_in_years,
    birth_date_from_first7,
    contains_cpr,
    mask_cpr,
    mask_cpr_in_text,
    substitute_birth_date,
)
from dagplejecli.domain.shape import ColumnTable, Field, Kind, Role
from dagplejecli.domain.values import EMAIL, comparable_text, id_key, is_danish_phone, phone_digits
from dagplejecli.findings import (
    CPR_LAW,
    OWN,
    STIL_DAGPLEJE,
    STIL_UNILOGIN,
    Family,
    Finding,
    Location,
    Rule,
)
from dagplejecli.findings import Severity as S
from dagplejecli.model import Child, Dagplejer, Person
from dagplejecli.rules.context import CheckContext, person
from dagplejecli.rules.declare import Checks

CHECKS = Checks()
PERSONS = Family.PERSONS

P = TypeVar("P", bound=Person)


def _people(ctx: CheckContext) -> list[tuple[Kind, Person, str | None]]:
    """(role, person, area) for every dagplejer, child and contact person."""
    return ctx.people


def _at(person: Person, *fields: Field) -> Location:
    return Location.of_cell(person.cell(*fields))


DP201 = Rule("DP201", S.ERROR, PERSONS, CPR_LAW, params=("cpr", "name", "role"))
DP213 = Rule("DP213", S.ERROR, PERSONS, STIL_UNILOGIN, params=("count", "cpr", "name", "role"))
# A substitute CPR number (day + 60): a person without a CPR number, which Unilogin's newer
# services may not handle; until this rule it was DP201, an error.
DP226 = Rule("DP226", S.WARNING, PERSONS, STIL_UNILOGIN, params=("cpr", "name", "role"))


@CHECKS.add(DP201, DP213, DP226)
def check_cpr(ctx: CheckContext) -> list[Finding]:
    people = _people(ctx)
    # A CPR's date lies in its first seven digits, which many people share: each distinct
    # beginning (None: no CPR) is checked once, and people are looked at only if one is bad.
    beginnings = {None if p.cpr is None else p.cpr[:7] for _, p, _ in people}
    bad = {b for b in beginnings if b is None or birth_date_from_first7(b) is None}
    if not bad:
        return []
    out = []
    # people of a sheet with no CPR column: one finding per sheet and role, with the count
    # (the fix is a column, not a cell)
    # (a sheet's contact groups together: «Mor» and «Far» without CPR columns are one fix)
    no_column: dict[tuple[Kind, object], list[tuple[Person, str | None]]] = {}
    for role, p, area in people:
        if p.cpr is not None and p.cpr[:7] not in bad:
            continue  # the common case: nothing to say, nothing to build
        if not p.cpr_given and Field.CPR not in p.columns and p.row_ref is not None:
            sheet = p.row_ref.sheet if role == Kind.KONTAKT else id(p.columns)
            no_column.setdefault((role, sheet), []).append((p, area))
        elif not p.cpr_given:
            out.append(DP213(_at(p, Field.CPR), area, role=role, **person(p)))
        elif p.cpr is not None and substitute_birth_date(p.cpr) is not None:
            out.append(DP226(_at(p, Field.CPR), area, role=role, **person(p)))
        else:
            variant = "length" if p.cpr is None else ""
            out.append(DP201(_at(p, Field.CPR), area, variant=variant, role=role, **person(p)))
    for (role, _), missing in no_column.items():
        first, area = missing[0]
        ref = first.row_ref  # no cell: the sheet misses a column
        where = Location(file=ref.file, sheet=ref.sheet) if ref is not None else None
        variant = "no_column_contact" if role == Kind.KONTAKT else "no_column"
        out.append(
            DP213(where, area, variant=variant, role=role, count=len(missing), **person(first))
        )
    return out


def _duplicates(
    people: Sequence[P], group: str, area_of: Callable[[P], str | None]
) -> list[Finding]:
    cprs = [p.cpr for p in people if p.cpr]
    if len(set(cprs)) == len(cprs):
        return []  # the common case: no one twice
    groups: dict[str, list[P]] = defaultdict(list)
    for p in people:
        if p.cpr:
            groups[p.cpr].append(p)
    out = []
    for cpr, same in groups.items():
        if len(same) > 1:
            cells = ", ".join(str(p.cell(Field.CPR)) for p in same)
            out.append(
                DP203(
                    _at(same[1], Field.CPR),
                    area_of(same[1]),
                    cpr=mask_cpr(cpr),
                    count=len(same),
                    group=group,
                    cells=cells,
                )
            )
    return out


def _constant(area: str | None) -> Callable[[Person], str | None]:
    def area_of(_person: Person) -> str | None:
        return area

    return area_of


DP203 = Rule("DP203", S.ERROR, PERSONS, STIL_UNILOGIN, params=("cells", "count", "cpr", "group"))


@CHECKS.add(DP203)
def check_duplicate_cpr(ctx: CheckContext) -> list[Finding]:
    plan = ctx.plan
    dagplejere, children = ctx.roster.dagplejere, ctx.roster.children
    out = _duplicates(dagplejere, "dagplejere", lambda d: plan.area_of(d.id))
    out += _duplicates(children, "boern", lambda c: plan.area_of(c.dagplejer_id))
    label = "kontakter"
    for c in ctx.roster.children:
        contacts = c.contacts
        if len(contacts) < 2 or (len(contacts) == 2 and contacts[0].cpr != contacts[1].cpr):
            continue  # nearly every child: one contact person, or two with two CPR numbers
        cprs = [p.cpr for p in contacts if p.cpr]
        if len(cprs) == len(set(cprs)):
            continue  # no contact twice
        out += _duplicates(c.contacts, label, _constant(plan.area_of(c.dagplejer_id)))
    return out


# An error since DP220 (a person known to Unilogin must arrive with the same details everywhere);
# it was a warning before.
DP204 = Rule("DP204", S.ERROR, PERSONS, STIL_UNILOGIN, params=("cpr", "name1", "name2"))


@CHECKS.add(DP204)
def check_dagplejer_is_contact(ctx: CheckContext) -> list[Finding]:
    names = {d.cpr: d for d in ctx.roster.dagplejere if d.cpr}
    if names.keys().isdisjoint([p.cpr for c in ctx.roster.children for p in c.contacts]):
        return []  # the common case: no dagplejer is also a contact person
    out = []
    seen: set[str] = set()
    for c in ctx.roster.children:
        for p in c.contacts:
            d = names.get(p.cpr or "")
            if d is None or p.cpr in seen:
                continue
            if comparable_text(d.name) != comparable_text(p.name):
                seen.add(p.cpr or "")
                out.append(
                    DP204(
                        _at(p, Field.NAVN, Field.FORNAVN, Field.CPR),
                        ctx.plan.area_of(c.dagplejer_id),
                        cpr=p.cpr_masked,
                        name1=d.name,
                        name2=p.name,
                    )
                )
    return out


DP205 = Rule("DP205", S.ERROR, PERSONS, OWN, params=("cpr", "key", "name", "ref"))


@CHECKS.add(DP205)
def check_child_dagplejer(ctx: CheckContext) -> list[Finding]:
    out = []
    for c in ctx.roster.unlinked_on_their_own():
        ref = mask_cpr_in_text(c.dagplejer_ref)
        # a reference [roster.henvisninger] can name: written, and no CPR number in it
        named = bool(ref.strip()) and ref == c.dagplejer_ref
        key = toml_string(ref)  # the line to write: [roster.henvisninger] "ref" = "…"
        variant = "" if named else "cell"
        out.append(
            DP205(_at(c, Field.DAGPLEJER), None, variant=variant, ref=ref, key=key, **person(c))
        )
    return out


DP206 = Rule("DP206", S.ERROR, PERSONS, STIL_DAGPLEJE, params=("cpr", "id", "name"))


@CHECKS.add(DP206)
def check_unassigned(ctx: CheckContext) -> list[Finding]:
    return [
        DP206(_at(d, Field.ID, Field.NAVN, Field.FORNAVN), None, id=d.id, **person(d))
        for d in ctx.roster.dagplejere
        if ctx.plan.area_of(d.id) is None
    ]


DP207 = Rule("DP207", S.WARNING, PERSONS, STIL_UNILOGIN, params=("cpr", "name"))


@CHECKS.add(DP207)
def check_custody(ctx: CheckContext) -> list[Finding]:
    out = []
    for c in ctx.roster.children:
        for p in c.contacts:
            if p.custody:
                break
        else:
            out.append(DP207(_at(c, Field.CPR), ctx.plan.area_of(c.dagplejer_id), **person(c)))
    return out


DP208 = Rule(
    "DP208",
    S.WARNING,
    PERSONS,
    "Dagtilbudsloven § 21 (højst 5 børn pr. dagplejer)",
    params=("count", "id", "limit", "name"),
)


@CHECKS.add(DP208)
def check_children_per_dagplejer(ctx: CheckContext) -> list[Finding]:
    limit = ctx.config.config.regler.max_boern
    counts = Counter([c.dagplejer_id for c in ctx.roster.children if c.dagplejer_id])
    return [
        DP208(
            _at(d, Field.ID, Field.NAVN, Field.FORNAVN),
            ctx.plan.area_of(d.id),
            id=d.id,
            name=d.name,
            count=counts[d.id],
            limit=limit,
        )
        for d in ctx.roster.dagplejere
        if counts.get(d.id, 0) > limit
    ]


# at [regler] max_alder
DP209 = Rule("DP209", S.WARNING, PERSONS, OWN, params=("age", "cpr", "limit", "name"))
DP224 = Rule("DP224", S.ERROR, PERSONS, OWN, params=("born", "cpr", "name"))  # born after today
# at [regler] max_alder_fejl
DP225 = Rule("DP225", S.ERROR, PERSONS, OWN, params=("age", "cpr", "limit", "name"))


def _born(cpr: str) -> dt.date | None:
    """The birth date of a CPR number, a substitute one's too (day + 60)."""
    return birth_date_from_first7(cpr[:7]) or substitute_birth_date(cpr)


@CHECKS.add(DP209, DP224, DP225)
def check_child_age(ctx: CheckContext) -> list[Finding]:
    regler = ctx.config.config.regler
    warn, error = regler.max_alder, regler.max_alder_fejl
    children = ctx.roster.children
    # as in check_cpr: each distinct beginning of a CPR once, the children only when needed
    born_on = {b: _born(f"{b}000") for b in {c.cpr[:7] for c in children if c.cpr}}
    ages = {b: age_in_years(born, ctx.today) for b, born in born_on.items() if born is not None}
    future = {b for b, born in born_on.items() if born is not None and born > ctx.today}
    if not future and all(age < warn for age in ages.values()):
        return []
    out = []
    for c in children:
        first7 = c.cpr[:7] if c.cpr else ""
        age = ages.get(first7)
        if age is None:
            continue
        where, area = _at(c, Field.CPR), ctx.plan.area_of(c.dagplejer_id)
        if first7 in future:
            out.append(DP224(where, area, born=str(born_on[first7]), **person(c)))
        elif age >= error:
            out.append(DP225(where, area, age=age, limit=error, **person(c)))
        elif age >= warn:
            out.append(DP209(where, area, age=age, limit=warn, **person(c)))
    return out


# A dagplejer whose CPR number says she is a child: usually a child's row read as a dagplejer's
DP260 = Rule("DP260", S.ERROR, PERSONS, OWN, params=("age", "cpr", "name"))
ADULT = 18


@CHECKS.add(DP260)
def check_dagplejer_age(ctx: CheckContext) -> list[Finding]:
    out = []
    for d in ctx.roster.dagplejere:
        born = _born(d.cpr) if d.cpr else None
        if born is None:
            continue
        age = age_in_years(born, ctx.today)
        if age < ADULT:
            where = _at(d, Field.CPR)
            out.append(DP260(where, ctx.plan.area_of(d.id), age=max(age, 0), **person(d)))
    return out


# A «?» (or the replacement character) in a name: a letter lost when the file was saved in a
# character set that lacks it («Łucja» saved in Windows-1252 is «?ucja»)
DP261 = Rule("DP261", S.WARNING, PERSONS, OWN, params=("cpr", "name", "role", "value"))
_LOST_LETTER = ("?", "\ufffd")


@CHECKS.add(DP261)
def check_lost_letters(ctx: CheckContext) -> list[Finding]:
    out = []
    for role, p, area in _people(ctx):
        # the marks are single characters: one is in a name iff it is in the names run together
        names = f"{p.first_name}{p.last_name}{p.alias_first}{p.alias_last}"
        if "?" not in names and "\ufffd" not in names:
            continue  # nearly everyone
        for value in (p.first_name, p.last_name, p.alias_first, p.alias_last):
            if any(mark in value for mark in _LOST_LETTER):
                where = _at(p, Field.FORNAVN, Field.NAVN, Field.EFTERNAVN)
                shown = mask_cpr_in_text(value)[:40]
                out.append(DP261(where, area, role=role, value=shown, **person(p)))
                break
    return out


DP210 = Rule("DP210", S.ERROR, PERSONS, STIL_UNILOGIN, params=("cpr", "name", "role"))


@CHECKS.add(DP210)
def check_protected_alias(ctx: CheckContext) -> list[Finding]:
    return [
        DP210(_at(p, Field.BESKYTTET, Field.CPR), area, role=role, **person(p))
        for role, p, area in _people(ctx)
        if p.protected and not (p.alias_first and p.alias_last)
    ]


DP212 = Rule("DP212", S.ERROR, PERSONS, STIL_UNILOGIN, params=("cpr", "missing", "name", "role"))
# A sheet on which no column was read as a name (or as a first or a last name): one finding
# with the mapping that fixes it, instead of one DP212 per row, whose hint ("fill in the name
# on the row") would be the wrong fix.
DP244 = Rule(
    "DP244", S.ERROR, PERSONS, STIL_UNILOGIN, params=("count", "headers", "sheet", "table")
)
# where a role's columns map
NAME_TABLE = {Kind.DAGPLEJER: ColumnTable.KOLONNER, Kind.BARN: ColumnTable.BOERN_KOLONNER}


@CHECKS.add(DP212, DP244)
def check_names(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    said_for_sheet: set[str] = set()  # roles whose sheet has DP244
    for role, people in ((Kind.DAGPLEJER, ctx.roster.dagplejere), (Kind.BARN, ctx.roster.children)):
        finding = _nameless_sheet(ctx, role, people)
        if finding is not None:
            out.append(finding)
            said_for_sheet.add(role)
    for role, p, area in _people(ctx):
        if (p.first_name and p.last_name) or role in said_for_sheet:
            continue
        missing = "fornavn" if p.last_name else "efternavn" if p.first_name else "begge"
        where = _at(p, Field.FORNAVN, Field.NAVN, Field.EFTERNAVN)
        out.append(DP212(where, area, role=role, missing=missing, **person(p)))
    return out


def _nameless_sheet(ctx: CheckContext, role: Kind, people: Sequence[Person]) -> Finding | None:
    """DP244 when a role's sheet has no column read as the whole name nor both a first- and a
    last-name column; with no name column at all, it names the headers not recognised (one of
    them is likely the name)."""
    if not people:
        return None
    columns = people[0].columns  # the same for every row of a sheet
    if Field.NAVN in columns or (Field.FORNAVN in columns and Field.EFTERNAVN in columns):
        return None
    named_elsewhere = any(p.first_name or p.last_name for p in people)
    if named_elsewhere and Field.FORNAVN not in columns and Field.EFTERNAVN not in columns:
        return None  # names from a child's «Dagplejer Navn (id)», not a column: DP212 each
    cell = people[0].cell()
    sheet = cell.sheet if cell is not None else ""
    headers = _unrecognised_headers(ctx, sheet, role)
    if Field.FORNAVN in columns:
        variant = "no_last"
    elif Field.EFTERNAVN in columns:
        variant = "no_first"
    else:
        variant = "" if headers else "no_headers"
    return DP244(
        Location(file=cell.file if cell else None, sheet=sheet or None),
        variant=variant,
        table=NAME_TABLE[role],
        sheet=sheet,
        count=len(people),
        headers=headers,
    )


def _unrecognised_headers(ctx: CheckContext, sheet: str, role: Kind) -> tuple[str, ...]:
    """The sheet's headers no field reads and no area rule uses; on a one-sheet roster only
    those of ``role`` (the child's columns are the ones the reader gives the child)."""
    for info in ctx.roster.sheet_info:
        if info.name != sheet:
            continue
        own = [h for h in info.unrecognised if h not in ctx.plan.rule_columns]
        if info.role == Role.ET_ARK:
            child = role == Kind.BARN
            own = [h for h in own if (h in info.child_columns) == child]
        return tuple(own)
    return ()


DP216 = Rule("DP216", S.ERROR, PERSONS, STIL_UNILOGIN, params=("cells", "id"))


@CHECKS.add(DP216)
def check_duplicate_ids(ctx: CheckContext) -> list[Finding]:
    keys = [id_key(d.id) for d in ctx.roster.dagplejere]  # 05003 and 5003 link as one id
    if len(set(keys)) == len(keys):
        return []  # the common case: every id once
    groups: dict[str, list[Dagplejer]] = defaultdict(list)
    for key, d in zip(keys, ctx.roster.dagplejere, strict=True):
        groups[key].append(d)  # so they are one
    return [
        DP216(
            _at(same[1], Field.ID),
            None,
            id=same[1].id,
            cells=", ".join(str(p.cell(Field.ID)) for p in same),
        )
        for same in groups.values()
        if len(same) > 1
    ]


DP219 = Rule("DP219", S.ERROR, PERSONS, STIL_UNILOGIN, params=("cells", "id"))


@CHECKS.add(DP219)
def check_unique_person_ids(ctx: CheckContext) -> list[Finding]:
    """LocalPersonId is unique across every person of the export (two dagplejere with one id
    are DP216): a child whose id is a dagplejer's, or two children with one id."""
    keys = [id_key(d.id) for d in ctx.roster.dagplejere]
    keys += [id_key(c.id) for c in ctx.roster.children]
    if len(set(keys)) == len(keys):
        return []  # the common case: every id once
    people: list[tuple[Kind, Dagplejer | Child]] = [
        (Kind.DAGPLEJER, d) for d in ctx.roster.dagplejere
    ]
    people += [(Kind.BARN, c) for c in ctx.roster.children]
    roles: dict[str, list[tuple[Kind, Dagplejer | Child]]] = defaultdict(list)
    for key, (role, p) in zip(keys, people, strict=True):
        roles[key].append((role, p))
    out = []
    for same in roles.values():
        children = [p for role, p in same if role == Kind.BARN]
        if not children or len(same) < 2:
            continue
        if all(p.id_derived for _, p in same):
            continue  # ids dagpleje made from one CPR number: DP203 names the cause
        cells = ", ".join(str(p.cell(Field.ID, Field.CPR)) for _, p in same)
        where = children[1] if len(children) > 1 else children[0]
        variant = "" if len(children) < len(same) else "children"
        out.append(
            DP219(_at(where, Field.ID, Field.CPR), None, variant=variant, id=where.id, cells=cells)
        )
    return out


DP220 = Rule("DP220", S.ERROR, PERSONS, STIL_UNILOGIN, params=("cells", "cpr", "name1", "name2"))

# The details Unilogin holds of a person, compared between rows with one CPR (variant names).
_DETAILS: tuple[tuple[str, Callable[[Person], str]], ...] = (
    ("", lambda p: comparable_text(p.name)),
    ("protected", lambda p: "ja" if p.protected else "nej"),
    # an alias is written for a protected person only
    ("alias", lambda p: comparable_text(f"{p.alias_first} {p.alias_last}") if p.protected else ""),
    ("email", lambda p: p.email.casefold()),
    ("phone", lambda p: phone_digits(p.phone)),  # as the export writes it: «+45 …» is no other
)


@CHECKS.add(DP220)
def check_same_cpr_same_details(ctx: CheckContext) -> list[Finding]:
    """One CPR, one set of details, wherever the person appears (children and contact persons:
    a parent on two siblings' rows; a dagplejer who is also a parent, whose name differing is
    DP204)."""
    # most CPR numbers appear once: only those repeated are grouped and compared
    children = ctx.roster.children
    cprs = [c.cpr for c in children if c.cpr]
    cprs += [p.cpr for c in children for p in c.contacts if p.cpr]
    cprs += [d.cpr for d in ctx.roster.dagplejere if d.cpr]
    if len(set(cprs)) == len(cprs):
        return []  # the common case: no one twice
    repeated = {cpr for cpr, n in Counter(cprs).items() if n > 1}
    groups: dict[str, list[tuple[Person, str | None]]] = defaultdict(list)
    for _, p, area in _people(ctx):
        if p.cpr is not None and p.cpr in repeated:
            groups[p.cpr].append((p, area))
    out = []
    for cpr, same in groups.items():
        first = same[0][0]
        staff = any(isinstance(p, Dagplejer) for p, _ in same)
        for variant, detail in _DETAILS:
            if staff and not variant:
                continue  # a dagplejer's name as a contact's: DP204
            # an email or phone given on one row and not on another is not a disagreement
            values = {detail(p) for p, _ in same}
            if variant in ("email", "phone"):
                values.discard("")
            if len(values) < 2:
                continue
            other, area = next((p, a) for p, a in same if detail(p) != detail(first))
            cells = ", ".join(str(p.cell(Field.CPR)) for p, _ in same)
            out.append(
                DP220(
                    _at(other, Field.NAVN, Field.FORNAVN, Field.CPR),
                    area,
                    variant=variant,
                    cpr=mask_cpr(cpr),
                    name1=first.name,
                    name2=other.name,
                    cells=cells,
                )
            )
            break
    return out


DP231 = Rule("DP231", S.ERROR, PERSONS, OWN, params=("column", "cpr", "name", "role"))


@CHECKS.add(DP231)
def check_cpr_in_text(ctx: CheckContext) -> list[Finding]:
    """A CPR number typed into a name, alias, address, e-mail or phone cell would be published
    with it (Unilogin and Aula show names to other users)."""
    out = []
    # texts run together, searched once each: many people share them (a child's name only)
    searched: dict[str, bool] = {}
    for role, p, area in _people(ctx):
        # one search over the person's texts first: «|» is no digit and no separator, so a
        # CPR number in one text is found in them joined, and none there means none in any
        address = p.address_text if isinstance(p, Dagplejer) else ""
        joined = (
            f"{p.first_name}|{p.last_name}|{p.alias_first}|{p.alias_last}|{p.email}|{p.phone}"
            f"|{address}"
        )
        found = searched.get(joined)
        if found is None:
            found = searched[joined] = contains_cpr(joined)
        if not found:
            continue
        fields: list[tuple[Field, str]] = [
            (Field.FORNAVN, p.first_name),
            (Field.EFTERNAVN, p.last_name),
            (Field.ALIAS_FORNAVN, p.alias_first),
            (Field.ALIAS_EFTERNAVN, p.alias_last),
            (Field.EMAIL, p.email),
            (Field.TELEFON, p.phone),
        ]
        if isinstance(p, Dagplejer):
            fields.append((Field.ADRESSE, p.address_text))
        for field, value in fields:
            if contains_cpr(value):
                where = _at(p, field, Field.NAVN)
                out.append(DP231(where, area, role=role, column=field, **person(p)))
                break
    return out


DP232 = Rule("DP232", S.WARNING, PERSONS, STIL_UNILOGIN, params=("cpr", "name", "role", "value"))
DP233 = Rule("DP233", S.WARNING, PERSONS, OWN, params=("cpr", "name", "role", "value"))


@CHECKS.add(DP232, DP233)
def check_phone_and_email(ctx: CheckContext) -> list[Finding]:
    """Phone numbers go to Unilogin as digits (spaces, dashes and +45 removed): what is not
    eight digits then is said; so is an e-mail address that is not one. A CPR number in
    either cell is DP231's."""
    out = []
    for role, p, area in _people(ctx):
        # eight digits as written are what phone_digits would make of them (no separator and
        # no +45 to take away): nothing to say, and too short for a CPR number
        if p.phone and not is_danish_phone(p.phone) and not contains_cpr(p.phone):
            written = phone_digits(p.phone)
            if not is_danish_phone(written):
                value = p.phone[:40]
                out.append(DP232(_at(p, Field.TELEFON), area, role=role, value=value, **person(p)))
        if p.email and not EMAIL.match(p.email) and not contains_cpr(p.email):
            value = p.email[:60]
            out.append(DP233(_at(p, Field.EMAIL), area, role=role, value=value, **person(p)))
    return out


DP234 = Rule("DP234", S.WARNING, PERSONS, STIL_UNILOGIN, params=("contacts", "cpr", "name"))


@CHECKS.add(DP234)
def check_protected_child_family(ctx: CheckContext) -> list[Finding]:
    """A protected child whose contact persons are not protected, or protected contact
    persons whose child is not: the family usually shares the surname, so the open names in
    Unilogin and Aula can give the protected ones away."""
    out = []
    for c in ctx.roster.children:
        protected = tuple(p.name for p in c.contacts if p.protected and p.name)
        if not c.protected and not protected:
            continue  # the common case
        area = ctx.plan.area_of(c.dagplejer_id)
        if not c.protected:
            where = _at(c, Field.BESKYTTET, Field.CPR)
            out.append(DP234(where, area, variant="child_open", contacts=protected, **person(c)))
            continue
        open_contacts = tuple(p.name for p in c.contacts if not p.protected and p.name)
        if open_contacts:
            where = _at(c, Field.BESKYTTET, Field.CPR)
            out.append(DP234(where, area, contacts=open_contacts, **person(c)))
    return out


DP235 = Rule("DP235", S.WARNING, PERSONS, OWN, params=("cpr", "id", "limit", "name", "role"))
ID_MAX = 36  # the length of a UUID, the longest id administrative systems commonly write


_PLAIN_ID = re.compile(f"[A-Za-z0-9_-]{{0,{ID_MAX}}}")


def _plain_id(value: str) -> bool:
    """At most 36 characters, each of A-Z, a-z, 0-9, - and _."""
    return _PLAIN_ID.fullmatch(value) is not None


@CHECKS.add(DP235)
def check_id_form(ctx: CheckContext) -> list[Finding]:
    """An id the roster gives (LocalPersonId, and a dagplejer's GroupId) longer than 36
    characters or with characters other than A-Z, a-z, 0-9, - and _. Ids dagpleje derives are
    of that form already."""
    out = []
    groups: tuple[tuple[Kind, Sequence[Dagplejer | Child]], ...] = (
        (Kind.DAGPLEJER, ctx.roster.dagplejere),
        (Kind.BARN, ctx.roster.children),
    )
    for role, group in groups:
        for p in group:
            if p.id_derived or not p.id or _plain_id(p.id):
                continue
            area = ctx.plan.area_of(p.id if isinstance(p, Dagplejer) else p.dagplejer_id)
            variant = "" if len(p.id) > ID_MAX else "characters"
            where = _at(p, Field.ID, Field.CPR)
            value = mask_cpr_in_text(p.id)[:60]
            out.append(
                DP235(where, area, variant=variant, role=role, id=value, limit=ID_MAX, **person(p))
            )
    return out


DP267 = Rule(
    "DP267", S.INFO, PERSONS, STIL_DAGPLEJE, params=("cpr", "groups", "id", "name", "role")
)


@CHECKS.add(DP267)
def check_guest_carers_access(ctx: CheckContext) -> list[Finding]:
    """A guest carer is given every group of her area (the children of every dagplejer in it):
    access no one asked for by name, so each is said, with the groups the export gives her —
    the roster may put her in one group (a «Dagplejegruppe»), which an area wider than it
    overrules."""
    if not any(d.guest for d in ctx.roster.dagplejere):
        return []
    from dagplejecli.export.unilogin import members_by_area

    role = ctx.config.config.unilogin.vikar_rolle
    out = []
    for members in members_by_area(ctx.plan, ctx.roster):
        groups = len(members.group_ids())  # as the export writes them
        for d in members.dagplejere:
            if d.guest:
                where = _at(d, Field.ID, Field.NAVN, Field.FORNAVN)
                area = members.area.name
                out.append(DP267(where, area, id=d.id, groups=groups, role=role, **person(d)))
    return out


DP239 = Rule("DP239", S.WARNING, PERSONS, STIL_DAGPLEJE, params=("cpr", "id", "name"))
DP229 = Rule("DP229", S.INFO, PERSONS, STIL_DAGPLEJE, params=("cpr", "id", "name", "status"))


@CHECKS.add(DP239, DP229)
def check_dagplejer_without_children(ctx: CheckContext) -> list[Finding]:
    """A dagplejer with no child in care gets an empty group in Unilogin: said, naming her
    (a warning; on leave, as her status says, a note). A guest carer has no children of her
    own and is not said."""
    from dagplejecli.care import LEAVE, status_meaning

    with_children = {c.dagplejer_id for c in ctx.roster.children}
    out = []
    for d in ctx.roster.dagplejere:
        if d.guest or d.id in with_children:
            continue
        area = ctx.plan.area_of(d.id)
        where = _at(d, Field.ID, Field.NAVN, Field.FORNAVN)
        if status_meaning(ctx.config.config, d.status_text) == LEAVE:
            out.append(DP229(where, area, id=d.id, status=d.status_text, **person(d)))
        else:
            out.append(DP239(where, area, id=d.id, **person(d)))
    return out
