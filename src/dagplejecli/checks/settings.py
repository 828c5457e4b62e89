"""Checks of the configuration's values (its shape was checked when it was read)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from dagplejecli.checks.context import CheckContext, is_placeholder
from dagplejecli.findings import Finding
from dagplejecli.i18n import pick
from dagplejecli.identifiers import is_digits, is_valid_cvr
from dagplejecli.kommuner import all_kommuner

EMPLOYEE_ROLES = ("Lærer", "Pædagog", "Vikar", "Leder", "Ledelse", "TAP", "Konsulent")
KNOWN_INSTTYPES = (6010, 6011, 6012, 6013)
_SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


def check_kommune(ctx: CheckContext) -> list[Finding]:
    k = ctx.config.config.kommune
    known = all_kommuner().get(k.kode)
    out = []
    if known is None:
        out.append(Finding("DP001", ctx.key("kommune", "kode"), params={"kode": k.kode}))
    if k.cvr is not None and not is_placeholder(k.cvr):
        cvr = k.cvr.strip()
        if not is_valid_cvr(cvr):
            reason = (
                pick("skal være 8 cifre", "must be 8 digits")
                if not (len(cvr) == 8 and is_digits(cvr))
                else pick("modulus 11-kontrollen fejler", "the modulus 11 check fails")
            )
            out.append(
                Finding("DP002", ctx.key("kommune", "cvr"), params={"cvr": cvr, "reason": reason})
            )
        elif known is not None and cvr != known.cvr:
            out.append(
                Finding(
                    "DP003",
                    ctx.key("kommune", "cvr"),
                    params={"cvr": cvr, "kommune": known.navn, "expected": known.cvr},
                )
            )
    return out


def check_dtr_codes(ctx: CheckContext) -> list[Finding]:
    dtr = ctx.config.config.dtr
    out = []
    if dtr.ejerform != 1:
        out.append(Finding("DP004", ctx.key("dtr", "ejerform"), params={"value": dtr.ejerform}))
    code = dtr.lovgrundlag
    if code is None or (
        isinstance(code, str) and not is_placeholder(code) and not is_digits(code.strip())
    ):
        out.append(Finding("DP005", ctx.key("dtr", "lovgrundlag")))
    if dtr.insttype not in KNOWN_INSTTYPES:
        out.append(Finding("DP006", ctx.key("dtr", "insttype"), params={"value": dtr.insttype}))
    if dtr.cvr_udtraek is None:
        out.append(Finding("DP010", ctx.key("dtr")))
    return out


def check_unilogin(ctx: CheckContext) -> list[Finding]:
    u = ctx.config.config.unilogin
    out = []
    if u.skoleaar is not None:
        m = _SCHOOL_YEAR.match(u.skoleaar.strip())
        if not m or int(m.group(2)) != int(m.group(1)) + 1:
            out.append(
                Finding("DP008", ctx.key("unilogin", "skoleaar"), params={"value": u.skoleaar})
            )
    if u.rolle not in EMPLOYEE_ROLES:
        out.append(
            Finding(
                "DP009",
                ctx.key("unilogin", "rolle"),
                params={"value": u.rolle, "allowed": ", ".join(EMPLOYEE_ROLES)},
            )
        )
    return out


def _strings(
    data: Any, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _strings(v, (*loc, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _strings(v, (*loc, i))
    elif isinstance(data, str):
        yield loc, data


def check_placeholders(ctx: CheckContext) -> list[Finding]:
    out = []
    for loc, value in _strings(ctx.config.config.model_dump(exclude_none=True)):
        if is_placeholder(value):
            where = ctx.key(*loc)
            out.append(
                Finding(
                    "DP007",
                    where,
                    params={
                        "key": where.key or "",
                        "value": value[:60],
                        "file": where.file or "",
                        "line": where.line or "?",
                    },
                )
            )
    return out


CONFIG_CHECKS: tuple[Callable[[CheckContext], list[Finding]], ...] = (
    check_kommune,
    check_dtr_codes,
    check_unilogin,
    check_placeholders,
)
