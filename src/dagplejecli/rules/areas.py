"""Checks of the areas (Anvisningsenheder) against DTR's rules and the CVR extract."""

from __future__ import annotations

import re
from collections import defaultdict

from dagplejecli.domain.identifiers import (
    contains_cpr,
    is_digits,
    mask_cpr_in_text,
    p_number_check_digit_ok,
)
from dagplejecli.domain.values import comparable_text, id_key
from dagplejecli.findings import (
    CVR_LAW,
    OWN,
    STIL_DAGPLEJE,
    STIL_DTR,
    STIL_NAMES,
    Family,
    Finding,
    Rule,
)
from dagplejecli.findings import Severity as S
from dagplejecli.model import Area
from dagplejecli.rules.context import CheckContext, is_placeholder
from dagplejecli.rules.declare import Checks

CHECKS = Checks()
AREAS = Family.AREAS

MAX_NAME = 132
MAX_EMAIL = 132
MAX_PHONE = 20
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s\-]+$")
_INSTITUTION_NUMBER = re.compile(r"^[A-Za-z0-9]{6}$")


DP101 = Rule("DP101", S.ERROR, AREAS, STIL_DAGPLEJE)


@CHECKS.add(DP101)
def check_any_area(ctx: CheckContext) -> list[Finding]:
    if ctx.plan.areas:
        return []
    return [DP101(ctx.key("omraade"))]


DP102 = Rule("DP102", S.ERROR, AREAS, STIL_DTR, params=("area",))


@CHECKS.add(DP102)
def check_daginstitution(ctx: CheckContext) -> list[Finding]:
    return [
        DP102(ctx.area_key(a, "daginstitution"), a.name, area=a.name)
        for a in ctx.plan.areas
        if not a.daginstitution
    ]


DP103 = Rule("DP103", S.ERROR, AREAS, STIL_DAGPLEJE, params=("area", "length", "pnummer"))
DP104 = Rule("DP104", S.WARNING, AREAS, CVR_LAW, params=("area", "pnummer"))


@CHECKS.add(DP103, DP104)
def check_p_number(ctx: CheckContext) -> list[Finding]:
    out = []
    for a in ctx.plan.areas:
        p = a.p_number
        where = ctx.area_key(a, "pnummer")
        if is_placeholder(p):
            continue  # reported once as a placeholder
        if not p:
            out.append(DP103(where, a.name, variant="missing", area=a.name))
        elif not is_digits(p):
            out.append(DP103(where, a.name, variant="not_digits", area=a.name, pnummer=p))
        elif len(p) != 10:
            out.append(DP103(where, a.name, area=a.name, pnummer=p, length=len(p)))
        elif not p_number_check_digit_ok(p):
            out.append(DP104(where, a.name, area=a.name, pnummer=p))
    return out


DP105 = Rule("DP105", S.ERROR, AREAS, STIL_DAGPLEJE, params=("address", "area", "parts"))


@CHECKS.add(DP105)
def check_address(ctx: CheckContext) -> list[Finding]:
    out = []
    for a in ctx.plan.areas:
        if is_placeholder(a.address_text):
            continue
        where = ctx.area_key(a, "adresse")
        text = a.address_text
        if not text:
            out.append(DP105(where, a.name, variant="missing", area=a.name))
        elif missing := a.address.missing_parts():
            parts = tuple(missing)
            out.append(
                DP105(where, a.name, variant="lacks", area=a.name, address=text, parts=parts)
            )
        elif bad := a.address.invalid_parts():
            parts = tuple(bad)
            out.append(
                DP105(where, a.name, variant="invalid", area=a.name, address=text, parts=parts)
            )
        elif not a.address_understood:
            out.append(DP105(where, a.name, area=a.name, address=text))
    return out


DP106 = Rule("DP106", S.ERROR, AREAS, STIL_DTR, params=("length", "value"))
DP107 = Rule("DP107", S.ERROR, AREAS, STIL_DTR, params=("area",))
DP108 = Rule("DP108", S.ERROR, AREAS, STIL_DTR, params=("area",))


@CHECKS.add(DP106, DP107, DP108)
def check_lengths(ctx: CheckContext) -> list[Finding]:
    out = []
    for a in ctx.plan.areas:
        for value, key in ((a.name, "navn"), (a.daginstitution, "daginstitution")):
            if len(value) > MAX_NAME:
                out.append(
                    DP106(
                        ctx.area_key(a, key),
                        a.name,
                        variant="" if key == "navn" else key,
                        value=value[:40] + "…",
                        length=len(value),
                    )
                )
        if (
            a.email
            and not is_placeholder(a.email)
            and (len(a.email) > MAX_EMAIL or not _EMAIL.match(a.email))
        ):
            out.append(DP107(ctx.area_key(a, "email"), a.name, area=a.name))
        if (
            a.phone
            and not is_placeholder(a.phone)
            and (len(a.phone) > MAX_PHONE or not _PHONE.match(a.phone))
        ):
            out.append(DP108(ctx.area_key(a, "telefon"), a.name, area=a.name))
    return out


DP109 = Rule("DP109", S.ERROR, AREAS, STIL_NAMES, params=("area", "count"))
DP110 = Rule("DP110", S.ERROR, AREAS, STIL_NAMES, params=("names",))


@CHECKS.add(DP109, DP110)
def check_unique_names(ctx: CheckContext) -> list[Finding]:
    exact: dict[str, list[int]] = defaultdict(list)
    loose: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(ctx.plan.areas):
        exact[a.name].append(i)
        loose[comparable_text(a.name)].append(i)
    out = []
    for name, idx in exact.items():
        if len(idx) > 1:
            a = ctx.plan.areas[idx[1]]
            out.append(DP109(ctx.area_key(a, "navn"), name, area=name, count=len(idx)))
    for idx in loose.values():
        names = sorted({ctx.plan.areas[i].name for i in idx})
        if len(names) > 1:
            a = ctx.plan.areas[idx[1]]
            out.append(DP110(ctx.area_key(a, "navn"), a.name, names=tuple(names)))
    return out


DP111 = Rule("DP111", S.WARNING, AREAS, OWN, params=("area",))


@CHECKS.add(DP111)
def check_empty_areas(ctx: CheckContext) -> list[Finding]:
    used = {a.area for a in ctx.plan.assignments.values()}
    return [
        DP111(ctx.key(*a.loc), a.name, area=a.name) for a in ctx.plan.areas if a.name not in used
    ]


DP120 = Rule(
    "DP120",
    S.WARNING,
    AREAS,
    OWN,
    params=("areas", "largest", "largest_n", "limit", "smallest", "smallest_n"),
)


@CHECKS.add(DP120)
def check_balance(ctx: CheckContext) -> list[Finding]:
    """Very unequal areas: the largest has more than ``[regler] max_forskel`` times the
    dagplejere of the smallest (areas with none are DP111's)."""
    sizes: dict[str, int] = {}
    for a in ctx.plan.assignments.values():
        if a.area:
            sizes[a.area] = sizes.get(a.area, 0) + 1
    if len(sizes) < 2:
        return []
    limit = ctx.config.config.regler.max_forskel
    largest = max(sizes, key=lambda name: (sizes[name], name))
    smallest = min(sizes, key=lambda name: (sizes[name], name))
    if sizes[largest] <= limit * sizes[smallest]:
        return []
    where = (
        ctx.key("regler", "max_forskel")
        if ctx.config.line_of("regler", "max_forskel")
        else ctx.key("omraade")
    )
    return [
        DP120(
            where,
            largest=largest,
            largest_n=sizes[largest],
            smallest=smallest,
            smallest_n=sizes[smallest],
            limit=f"{limit:g}",
            areas=len(ctx.plan.areas),
        )
    ]


DP121 = Rule("DP121", S.ERROR, AREAS, OWN, params=("area",))


@CHECKS.add(DP121)
def check_cpr_in_area(ctx: CheckContext) -> list[Finding]:
    """An area named, or chosen, by a CPR number (a CPR typed into a division column that
    ``init`` or a person copied into the configuration) would go out in the DTR files."""
    out = []
    for i, om in enumerate(ctx.config.config.omraade):
        values = [("navn", om.navn)]
        for column, accepted in om.hvor.items():
            for v in [accepted] if isinstance(accepted, str) else accepted:
                values.append((f"hvor.{column}", v))
        for key, value in values:
            if contains_cpr(value):
                out.append(
                    DP121(ctx.key("omraade", i, *key.split(".")), area=mask_cpr_in_text(om.navn))
                )
                break
    return out


DP122 = Rule("DP122", S.WARNING, AREAS, OWN, params=("area", "count", "ids"))


@CHECKS.add(DP122)
def check_listed_ids(ctx: CheckContext) -> list[Finding]:
    """Ids in an area's ``dagplejere = [...]`` that no dagplejer in the roster has (a typo, or
    a dagplejer who left): the dagplejer meant gets an area by the other rules, if any."""
    if not any(om.dagplejere for om in ctx.config.config.omraade):
        return []  # no area lists ids
    known = {id_key(d.id) for d in ctx.roster.dagplejere}
    out = []
    for i, om in enumerate(ctx.config.config.omraade):
        unknown = tuple(x for x in om.dagplejere if x.strip() and id_key(x) not in known)
        if unknown:
            where = ctx.key("omraade", i, "dagplejere")
            out.append(DP122(where, om.navn, ids=unknown, count=len(unknown), area=om.navn))
    return out


DP112 = Rule("DP112", S.ERROR, AREAS, STIL_DTR, params=("area", "value"))
DP113 = Rule("DP113", S.ERROR, AREAS, STIL_DTR, params=("areas", "value"))


@CHECKS.add(DP112, DP113)
def check_institution_numbers(ctx: CheckContext) -> list[Finding]:
    out = []
    by_number: dict[str, list[str]] = defaultdict(list)
    for a in ctx.plan.areas:
        n = a.institution_number
        if not n:
            continue
        if not _INSTITUTION_NUMBER.match(n):
            out.append(DP112(ctx.area_key(a, "institutionsnummer"), a.name, value=n, area=a.name))
        by_number[n.upper()].append(a.name)
    for number, names in by_number.items():
        if len(names) > 1:
            a = next(x for x in ctx.plan.areas if x.name == names[1])
            out.append(
                DP113(
                    ctx.area_key(a, "institutionsnummer"), a.name, value=number, areas=tuple(names)
                )
            )
    return out


DP114 = Rule("DP114", S.ERROR, AREAS, STIL_DAGPLEJE, params=("area", "cvr", "owner", "pnummer"))
DP115 = Rule("DP115", S.WARNING, AREAS, STIL_DAGPLEJE, params=("address", "area", "cvr_address"))


@CHECKS.add(DP114, DP115)
def check_cvr_extract(ctx: CheckContext) -> list[Finding]:
    """P-number under the municipality's CVR (error); address as the P-unit's (warning)."""
    if ctx.extract is None:
        return []  # reported once as skipped (DP010) by the configuration checks
    from dagplejecli.kommuner import all_kommuner

    k = ctx.config.config.kommune
    known = all_kommuner().get(k.kode)
    cvr = (k.cvr or (known.cvr if known else "")).strip()
    units = {u.p_number: u for u in ctx.extract}
    out = []
    for a in ctx.plan.areas:
        p = a.p_number
        if not (len(p) == 10 and is_digits(p)):
            continue  # DP103 already says so
        unit = units.get(p)
        where = ctx.area_key(a, "pnummer")
        if unit is None:
            out.append(DP114(where, a.name, variant="not_in_extract", area=a.name, pnummer=p))
        elif unit.cvr != cvr:
            out.append(DP114(where, a.name, area=a.name, pnummer=p, owner=unit.cvr, cvr=cvr))
        elif a.address.postnr and unit.address.comparable() != a.address.comparable():
            out.append(
                DP115(
                    ctx.area_key(a, "adresse"),
                    a.name,
                    area=a.name,
                    address=a.address.one_line(),
                    cvr_address=unit.address.one_line(),
                )
            )
    return out


DP116 = Rule("DP116", S.WARNING, AREAS, STIL_DTR, params=("areas", "count", "daginstitution"))
DP117 = Rule("DP117", S.ERROR, AREAS, STIL_DTR, params=("area", "other", "value"))


@CHECKS.add(DP116, DP117)
def check_daginstitution_numbers(ctx: CheckContext) -> list[Finding]:
    """The DTR files must agree with themselves: an Anvisningsenhed that exists has a
    Daginstitution that exists (with a number), and the two levels never share a number."""
    out = []
    by_name: dict[str, list[Area]] = defaultdict(list)
    for a in ctx.plan.areas:
        by_name[a.daginstitution].append(a)
    for name, group in by_name.items():
        numbered = [a for a in group if a.institution_number]
        if name and numbered and not any(a.daginstitution_number for a in group):
            out.append(
                DP116(
                    ctx.area_key(numbered[0], "daginstitution"),
                    daginstitution=name,
                    areas=tuple(a.name for a in numbered),
                    count=len(numbered),
                )
            )
    numbers = {a.institution_number.upper(): a.name for a in ctx.plan.areas if a.institution_number}
    for a in ctx.plan.areas:
        other = numbers.get(a.daginstitution_number.upper()) if a.daginstitution_number else None
        if other is not None:
            out.append(
                DP117(
                    ctx.area_key(a, "daginstitutionsnummer"),
                    a.name,
                    area=a.name,
                    value=a.daginstitution_number,
                    other=other,
                )
            )
    return out


def merge_inherited(findings: list[Finding]) -> list[Finding]:
    """One finding for a [standard] value that several areas inherit, naming them all.

    Without this a bad P-number in [standard] would be reported once per area.
    """
    groups: dict[tuple[object, ...], list[Finding]] = {}
    out: list[Finding] = []
    for f in findings:
        key = f.location.key or ""
        if not key.startswith("standard.") or "area" not in f.params:
            out.append(f)
            continue
        rest = tuple(sorted((k, v) for k, v in f.params.items() if k != "area"))
        groups.setdefault((f.code, key, rest), []).append(f)
    for same in groups.values():
        if len(same) == 1:
            out.append(same[0])
            continue
        names = tuple(str(f.params["area"]) for f in same)
        first = same[0]
        out.append(
            Finding(
                first.rule, first.location, None, {**first.params, "area": names}, first.variant
            )
        )
    return out
