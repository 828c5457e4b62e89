"""Checks of the people: CPR numbers, duplicates, links between them, protection, names."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TypeVar

from dagplejecli.checks.context import CheckContext, role_name, who
from dagplejecli.findings import Finding, Location
from dagplejecli.i18n import pick
from dagplejecli.identifiers import (
    age_in_years,
    birth_date_from_first7,
    comparable_text,
    mask_cpr,
    mask_cpr_in_text,
)
from dagplejecli.model import Person

P = TypeVar("P", bound=Person)


def _people(ctx: CheckContext) -> list[tuple[str, Person, str | None]]:
    """(role, person, area) for every dagplejer, child and contact person."""
    return ctx.people


def _at(person: Person, *fields: str) -> Location:
    return Location.of_cell(person.cell(*fields))


def check_cpr(ctx: CheckContext) -> list[Finding]:
    people = _people(ctx)
    # A CPR's date lies in its first seven digits, which many people share: each distinct
    # beginning (None: no CPR) is checked once, and people are looked at only if one is bad.
    beginnings = {None if p.cpr is None else p.cpr[:7] for _, p, _ in people}
    bad = {b for b in beginnings if b is None or birth_date_from_first7(b) is None}
    if not bad:
        return []
    out = []
    for role, p, area in people:
        if p.cpr is not None and p.cpr[:7] not in bad:
            continue  # the common case: nothing to say, nothing to build
        params = {"role": role_name(role), "who": who(p)}
        if not p.cpr_given:
            out.append(Finding("DP213", _at(p, "cpr"), area, params))
            continue
        reason = (
            pick("ikke 10 cifre", "not 10 digits")
            if p.cpr is None
            else pick("datoen findes ikke", "the date does not exist")
        )
        params |= {"cpr": p.cpr_masked, "reason": reason}
        out.append(Finding("DP201", _at(p, "cpr"), area, params))
    return out


def _duplicates(
    people: Sequence[P], role_plural: str, area_of: Callable[[P], str | None]
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
            cells = ", ".join(str(p.cell("cpr")) for p in same)
            out.append(
                Finding(
                    "DP203",
                    _at(same[1], "cpr"),
                    area_of(same[1]),
                    {
                        "cpr": mask_cpr(cpr),
                        "count": len(same),
                        "role_plural": role_plural,
                        "cells": cells,
                    },
                )
            )
    return out


def _constant(area: str | None) -> Callable[[Person], str | None]:
    def area_of(_person: Person) -> str | None:
        return area

    return area_of


def check_duplicate_cpr(ctx: CheckContext) -> list[Finding]:
    plan = ctx.plan
    dagplejere, children = ctx.roster.dagplejere, ctx.roster.children
    out = _duplicates(dagplejere, pick("dagplejere", "dagplejere"), lambda d: plan.area_of(d.id))
    out += _duplicates(children, pick("børn", "children"), lambda c: plan.area_of(c.dagplejer_id))
    label = pick("af barnets kontaktpersoner", "of the child's contacts")
    for c in ctx.roster.children:
        cprs = [p.cpr for p in c.contacts if p.cpr]
        if len(cprs) == len(set(cprs)):
            continue  # nearly every child: no contact twice
        out += _duplicates(c.contacts, label, _constant(plan.area_of(c.dagplejer_id)))
    return out


def check_dagplejer_is_contact(ctx: CheckContext) -> list[Finding]:
    names = {d.cpr: d for d in ctx.roster.dagplejere if d.cpr}
    if names.keys().isdisjoint({p.cpr for c in ctx.roster.children for p in c.contacts}):
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
                    Finding(
                        "DP204",
                        _at(p, "navn", "fornavn", "cpr"),
                        ctx.plan.area_of(c.dagplejer_id),
                        {"cpr": p.cpr_masked, "name1": d.name, "name2": p.name},
                    )
                )
    return out


def check_child_dagplejer(ctx: CheckContext) -> list[Finding]:
    return [
        Finding(
            "DP205",
            _at(c, "dagplejer"),
            None,
            {"who": who(c), "ref": mask_cpr_in_text(c.dagplejer_ref) or pick("(tom)", "(empty)")},
        )
        for c in ctx.roster.children
        if c.dagplejer_id is None
    ]


def check_unassigned(ctx: CheckContext) -> list[Finding]:
    return [
        Finding(
            "DP206",
            _at(d, "id", "navn", "fornavn"),
            None,
            {"id": d.id, "name": d.name, "cpr": d.cpr_masked},
        )
        for d in ctx.roster.dagplejere
        if ctx.plan.area_of(d.id) is None
    ]


def check_custody(ctx: CheckContext) -> list[Finding]:
    out = []
    for c in ctx.roster.children:
        for p in c.contacts:
            if p.custody:
                break
        else:
            out.append(
                Finding("DP207", _at(c, "cpr"), ctx.plan.area_of(c.dagplejer_id), {"who": who(c)})
            )
    return out


def check_children_per_dagplejer(ctx: CheckContext) -> list[Finding]:
    limit = ctx.config.config.regler.max_boern
    counts: dict[str, int] = defaultdict(int)
    for c in ctx.roster.children:
        if c.dagplejer_id:
            counts[c.dagplejer_id] += 1
    return [
        Finding(
            "DP208",
            _at(d, "id", "navn", "fornavn"),
            ctx.plan.area_of(d.id),
            {"id": d.id, "name": d.name, "count": counts[d.id], "limit": limit},
        )
        for d in ctx.roster.dagplejere
        if counts.get(d.id, 0) > limit
    ]


def check_child_age(ctx: CheckContext) -> list[Finding]:
    limit = ctx.config.config.regler.max_alder
    children = ctx.roster.children
    # as in check_cpr: each distinct beginning of a CPR once, the children only when needed
    ages = {
        b: age_in_years(born, ctx.today)
        for b in {c.cpr[:7] for c in children if c.cpr}
        if (born := birth_date_from_first7(b)) is not None
    }
    if all(age < limit for age in ages.values()):
        return []
    out = []
    for c in children:
        age = ages.get(c.cpr[:7]) if c.cpr else None
        if age is not None and age >= limit:
            out.append(
                Finding(
                    "DP209",
                    _at(c, "cpr"),
                    ctx.plan.area_of(c.dagplejer_id),
                    {"who": who(c), "age": age, "limit": limit},
                )
            )
    return out


def check_protected_alias(ctx: CheckContext) -> list[Finding]:
    return [
        Finding("DP210", _at(p, "beskyttet", "cpr"), area, {"role": role_name(role), "who": who(p)})
        for role, p, area in _people(ctx)
        if p.protected and not (p.alias_first and p.alias_last)
    ]


def check_names(ctx: CheckContext) -> list[Finding]:
    out = []
    for role, p, area in _people(ctx):
        if p.first_name and p.last_name:
            continue
        missing = [
            label
            for label, value in (
                (pick("fornavn", "first name"), p.first_name),
                (pick("efternavn", "family name"), p.last_name),
            )
            if not value
        ]
        if missing:
            what = pick(" og ", " and ").join(missing)
            out.append(
                Finding(
                    "DP212",
                    _at(p, "fornavn", "navn", "efternavn"),
                    area,
                    {"role": role_name(role), "who": who(p), "what": what},
                )
            )
    return out


def check_duplicate_ids(ctx: CheckContext) -> list[Finding]:
    groups: dict[str, list[Person]] = defaultdict(list)
    for d in ctx.roster.dagplejere:
        groups[d.id].append(d)
    return [
        Finding(
            "DP216",
            _at(same[1], "id"),
            None,
            {"id": ident, "cells": ", ".join(str(p.cell("id")) for p in same)},
        )
        for ident, same in groups.items()
        if len(same) > 1
    ]


PERSON_CHECKS: tuple[Callable[[CheckContext], list[Finding]], ...] = (
    check_cpr,
    check_duplicate_cpr,
    check_dagplejer_is_contact,
    check_child_dagplejer,
    check_unassigned,
    check_custody,
    check_children_per_dagplejer,
    check_child_age,
    check_protected_alias,
    check_names,
    check_duplicate_ids,
)
