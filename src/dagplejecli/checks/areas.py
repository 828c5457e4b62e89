"""Checks of the areas (Anvisningsenheder) against DTR's rules and the CVR extract."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from dagplejecli.checks.context import CheckContext, is_placeholder
from dagplejecli.findings import Finding
from dagplejecli.i18n import pick
from dagplejecli.identifiers import comparable_text, is_digits, p_number_check_digit_ok

MAX_NAME = 132
MAX_EMAIL = 132
MAX_PHONE = 20
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s\-]+$")
_INSTITUTION_NUMBER = re.compile(r"^[A-Za-z0-9]{6}$")


def check_any_area(ctx: CheckContext) -> list[Finding]:
    if ctx.plan.areas:
        return []
    return [Finding("DP101", ctx.key("omraade"))]


def check_daginstitution(ctx: CheckContext) -> list[Finding]:
    out = []
    for a in ctx.plan.areas:
        if not a.daginstitution:
            out.append(
                Finding("DP102", ctx.area_key(a, "daginstitution"), a.name, {"area": a.name})
            )
    return out


def check_p_number(ctx: CheckContext) -> list[Finding]:
    out = []
    for a in ctx.plan.areas:
        p = a.p_number
        where = ctx.area_key(a, "pnummer")
        if is_placeholder(p):
            continue  # reported once as a placeholder
        if not p:
            problem = pick(
                "intet P-nummer (heller ikke i [standard])",
                "no P-number (none in [standard] either)",
            )
        elif not is_digits(p):
            problem = pick(
                f"et P-nummer med andet end cifre: «{p}»", f"a P-number with non-digits: «{p}»"
            )
        elif len(p) != 10:
            problem = pick(
                f"P-nummeret {p} med {len(p)} cifre; det skal have 10",
                f"P-number {p} with {len(p)} digits; it must have 10",
            )
        else:
            if not p_number_check_digit_ok(p):
                out.append(Finding("DP104", where, a.name, {"area": a.name, "pnummer": p}))
            continue
        out.append(Finding("DP103", where, a.name, {"area": a.name, "problem": problem}))
    return out


def check_address(ctx: CheckContext) -> list[Finding]:
    out = []
    for a in ctx.plan.areas:
        if is_placeholder(a.address_text):
            continue
        where = ctx.area_key(a, "adresse")
        if not a.address_text:
            problem = pick(
                "ingen adresse (heller ikke i [standard])", "no address (none in [standard] either)"
            )
        elif missing := a.address.missing_parts():
            problem = pick(
                f"adressen «{a.address_text}» mangler {', '.join(missing)}",
                f"address «{a.address_text}» lacks {', '.join(missing)}",
            )
        elif bad := a.address.invalid_parts():
            problem = pick(
                f"adressen «{a.address_text}» har ugyldigt {', '.join(bad)} "
                "(husnr 1-999 evt. med stort bogstav; postnr 4 cifre i Danmark)",
                f"address «{a.address_text}» has an invalid {', '.join(bad)} "
                "(house number 1-999 with optional capital letter; a Danish 4-digit postcode)",
            )
        elif not a.address_understood:
            problem = pick(
                f"adressen «{a.address_text}» kan ikke læses helt (etage/dør?)",
                f"address «{a.address_text}» cannot be read completely (floor/door?)",
            )
        else:
            continue
        out.append(Finding("DP105", where, a.name, {"area": a.name, "problem": problem}))
    return out


def check_lengths(ctx: CheckContext) -> list[Finding]:
    out = []
    for a in ctx.plan.areas:
        for what, value, key in (
            (pick("Områdenavnet", "The area name"), a.name, "navn"),
            (
                pick("Daginstitutionsnavnet", "The daginstitution name"),
                a.daginstitution,
                "daginstitution",
            ),
        ):
            if len(value) > MAX_NAME:
                out.append(
                    Finding(
                        "DP106",
                        ctx.area_key(a, key),
                        a.name,
                        {"what": what, "value": value[:40] + "…", "length": len(value)},
                    )
                )
        if (
            a.email
            and not is_placeholder(a.email)
            and (len(a.email) > MAX_EMAIL or not _EMAIL.match(a.email))
        ):
            out.append(Finding("DP107", ctx.area_key(a, "email"), a.name, {"area": a.name}))
        if (
            a.phone
            and not is_placeholder(a.phone)
            and (len(a.phone) > MAX_PHONE or not _PHONE.match(a.phone))
        ):
            out.append(Finding("DP108", ctx.area_key(a, "telefon"), a.name, {"area": a.name}))
    return out


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
            out.append(
                Finding("DP109", ctx.area_key(a, "navn"), name, {"area": name, "count": len(idx)})
            )
    for idx in loose.values():
        names = sorted({ctx.plan.areas[i].name for i in idx})
        if len(names) > 1:
            a = ctx.plan.areas[idx[1]]
            shown = ", ".join(f"«{n}»" for n in names)
            out.append(Finding("DP110", ctx.area_key(a, "navn"), a.name, {"names": shown}))
    return out


def check_empty_areas(ctx: CheckContext) -> list[Finding]:
    used = {a.area for a in ctx.plan.assignments.values()}
    return [
        Finding("DP111", ctx.key(*a.loc), a.name, {"area": a.name})
        for a in ctx.plan.areas
        if a.name not in used
    ]


def check_institution_numbers(ctx: CheckContext) -> list[Finding]:
    out = []
    by_number: dict[str, list[str]] = defaultdict(list)
    for a in ctx.plan.areas:
        n = a.institution_number
        if not n:
            continue
        if not _INSTITUTION_NUMBER.match(n):
            out.append(
                Finding(
                    "DP112",
                    ctx.area_key(a, "institutionsnummer"),
                    a.name,
                    {"value": n, "area": a.name},
                )
            )
        by_number[n.upper()].append(a.name)
    for number, names in by_number.items():
        if len(names) > 1:
            a = next(x for x in ctx.plan.areas if x.name == names[1])
            out.append(
                Finding(
                    "DP113",
                    ctx.area_key(a, "institutionsnummer"),
                    a.name,
                    {"value": number, "areas": ", ".join(names)},
                )
            )
    return out


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
        if unit is None:
            problem = pick("findes ikke i CVR-udtrækket", "is not in the CVR extract")
        elif unit.cvr != cvr:
            problem = pick(
                f"hører til CVR-nummer {unit.cvr}, ikke kommunens {cvr}",
                f"belongs to CVR number {unit.cvr}, not the municipality's {cvr}",
            )
        else:
            if a.address.postnr and unit.address.comparable() != a.address.comparable():
                out.append(
                    Finding(
                        "DP115",
                        ctx.area_key(a, "adresse"),
                        a.name,
                        {
                            "area": a.name,
                            "address": a.address.one_line(),
                            "cvr_address": unit.address.one_line(),
                        },
                    )
                )
            continue
        out.append(
            Finding(
                "DP114",
                ctx.area_key(a, "pnummer"),
                a.name,
                {"area": a.name, "pnummer": p, "problem": problem},
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
        names = [str(f.params["area"]) for f in same]
        joined = "», «".join(names[:-1]) + pick("» og «", "» and «") + names[-1]
        params = {**same[0].params, "area": joined}
        out.append(Finding(same[0].code, same[0].location, None, params, same[0].severity_override))
    return out


AREA_CHECKS: tuple[Callable[[CheckContext], list[Finding]], ...] = (
    check_any_area,
    check_daginstitution,
    check_p_number,
    check_address,
    check_lengths,
    check_unique_names,
    check_empty_areas,
    check_institution_numbers,
    check_cvr_extract,
)
