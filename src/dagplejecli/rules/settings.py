"""Checks of the configuration's values (its shape was checked when it was read)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from dagplejecli.config import UNILOGIN_NAMESPACE
from dagplejecli.domain.identifiers import is_digits, is_valid_cvr
from dagplejecli.domain.shape import ColumnTable, Role
from dagplejecli.findings import (
    CVR_LAW,
    OWN,
    STIL_DAGPLEJE,
    STIL_DTR,
    STIL_NAMES,
    STIL_UNILOGIN,
    Family,
    Finding,
    Rule,
)
from dagplejecli.findings import Severity as S
from dagplejecli.kommuner import all_kommuner
from dagplejecli.rules.context import CheckContext, is_placeholder
from dagplejecli.rules.declare import Checks

CHECKS = Checks()
CONFIG = Family.CONFIG

EMPLOYEE_ROLES = ("Lærer", "Pædagog", "Vikar", "Leder", "Ledelse", "TAP", "Konsulent")
KNOWN_INSTTYPES = (6010, 6011, 6012, 6013)
# STIL's type ``trin`` (DOMAIN.md §4): exactly these 18 values; DT is day care
STIL_TRIN = ("DT", *(str(n) for n in range(11)), "U1", "U2", "U3", "U4", "VU", "Andet")
_SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


DP001 = Rule("DP001", S.ERROR, CONFIG, STIL_NAMES, params=("kode",))
DP002 = Rule("DP002", S.ERROR, CONFIG, CVR_LAW, params=("cvr",))
DP003 = Rule("DP003", S.WARNING, CONFIG, STIL_DAGPLEJE, params=("cvr", "expected", "kommune"))


@CHECKS.add(DP001, DP002, DP003)
def check_kommune(ctx: CheckContext) -> list[Finding]:
    k = ctx.config.config.kommune
    known = all_kommuner().get(k.kode)
    out = []
    if known is None:
        out.append(DP001(ctx.key("kommune", "kode"), kode=k.kode))
    if k.cvr is not None and not is_placeholder(k.cvr):
        cvr = k.cvr.strip()
        if not is_valid_cvr(cvr):
            variant = "" if len(cvr) == 8 and is_digits(cvr) else "length"
            out.append(DP002(ctx.key("kommune", "cvr"), variant=variant, cvr=cvr))
        elif known is not None and cvr != known.cvr:
            out.append(
                DP003(ctx.key("kommune", "cvr"), cvr=cvr, kommune=known.navn, expected=known.cvr)
            )
    return out


DP004 = Rule("DP004", S.WARNING, CONFIG, STIL_DTR, params=("value",))
DP005 = Rule("DP005", S.ERROR, CONFIG, STIL_DTR)
DP006 = Rule("DP006", S.WARNING, CONFIG, STIL_DTR, params=("value",))
DP010 = Rule("DP010", S.INFO, CONFIG, STIL_DAGPLEJE)


@CHECKS.add(DP004, DP005, DP006, DP010)
def check_dtr_codes(ctx: CheckContext) -> list[Finding]:
    dtr = ctx.config.config.dtr
    out = []
    if dtr.ejerform != 1:
        out.append(DP004(ctx.key("dtr", "ejerform"), value=dtr.ejerform))
    code = dtr.lovgrundlag
    if code is None or (
        isinstance(code, str) and not is_placeholder(code) and not is_digits(code.strip())
    ):
        out.append(DP005(ctx.key("dtr", "lovgrundlag")))
    if dtr.insttype not in KNOWN_INSTTYPES:
        out.append(DP006(ctx.key("dtr", "insttype"), value=dtr.insttype))
    if dtr.cvr_udtraek is None:
        out.append(DP010(ctx.key("dtr")))
    return out


DP008 = Rule("DP008", S.ERROR, CONFIG, STIL_UNILOGIN, params=("value",))
DP009 = Rule("DP009", S.ERROR, CONFIG, STIL_UNILOGIN, params=("allowed", "key", "value"))
# DP020 starts a run of its own after the DP00x/DP010 configuration rules
DP020 = Rule("DP020", S.ERROR, CONFIG, STIL_UNILOGIN, params=("key",))
DP021 = Rule("DP021", S.ERROR, CONFIG, STIL_UNILOGIN, params=("allowed", "value"))


@CHECKS.add(DP008, DP009, DP020, DP021)
def check_unilogin(ctx: CheckContext) -> list[Finding]:
    u = ctx.config.config.unilogin
    out = []
    # the import's source and every child's Level (trin) are mandatory in Unilogin
    for key, value in (("kilde", u.kilde), ("trin", u.trin)):
        if not value.strip():
            out.append(DP020(ctx.key("unilogin", key), key=key))
    if u.trin.strip() and u.trin not in STIL_TRIN:
        out.append(DP021(ctx.key("unilogin", "trin"), value=u.trin, allowed=", ".join(STIL_TRIN)))
    if u.skoleaar is not None:
        m = _SCHOOL_YEAR.match(u.skoleaar.strip())
        if not m or int(m.group(2)) != int(m.group(1)) + 1:
            out.append(DP008(ctx.key("unilogin", "skoleaar"), value=u.skoleaar))
    for key, value in (("rolle", u.rolle), ("vikar_rolle", u.vikar_rolle)):
        if value not in EMPLOYEE_ROLES:
            allowed = ", ".join(EMPLOYEE_ROLES)
            out.append(DP009(ctx.key("unilogin", key), key=key, value=value, allowed=allowed))
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


DP007 = Rule("DP007", S.ERROR, CONFIG, OWN, params=("file", "key", "line", "value"))


@CHECKS.add(DP007)
def check_placeholders(ctx: CheckContext) -> list[Finding]:
    out = []
    for loc, value in _strings(ctx.config.config.model_dump(exclude_none=True)):
        if is_placeholder(value):
            where = ctx.key(*loc)
            out.append(
                DP007(
                    where,
                    key=where.key or "",
                    value=value[:120],
                    file=where.file or "",
                    line=where.line or "?",
                )
            )
    return out


# Column names for a sheet the roster does not have: the configuration says something the
# reader never uses (a contact's columns on the child's row are read from their headers).
DP011 = Rule("DP011", S.WARNING, CONFIG, OWN, params=("columns",))


@CHECKS.add(DP011)
def check_unused_contact_columns(ctx: CheckContext) -> list[Finding]:
    mapped = ctx.config.config.roster.kontakt_kolonner
    infos = ctx.roster.sheet_info
    if not mapped or any(i.role == Role.KONTAKTER or i.long_form for i in infos):
        return []
    return [DP011(ctx.key("roster", ColumnTable.KONTAKT_KOLONNER), columns=tuple(mapped.values()))]


# The namespace the Unilogin files are written in is documented evidence, not a confirmation
# (DOMAIN.md §4): said once, so no one takes the default for STIL's word.
DP012 = Rule("DP012", S.INFO, CONFIG, STIL_UNILOGIN, params=("namespace",))


@CHECKS.add(DP012)
def check_namespace_is_the_default(ctx: CheckContext) -> list[Finding]:
    if ctx.config.config.unilogin.navnerum != UNILOGIN_NAMESPACE:
        return []
    return [DP012(ctx.key("unilogin", "navnerum"), namespace=UNILOGIN_NAMESPACE)]
