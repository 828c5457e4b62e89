"""Checks of what the Unilogin files will hold beyond a person's own details: the lengths STIL
states, counted in UTF-8 bytes as STIL counts them (DOMAIN.md §4)."""

from __future__ import annotations

from dagplejecli.domain.shape import Field
from dagplejecli.export.unilogin import (
    GROUP_NAME_BYTES,
    cut_to_bytes,
    dagplejer_address,
    group_name,
)
from dagplejecli.findings import STIL_UNILOGIN, Family, Finding, Location, Rule
from dagplejecli.findings import Severity as S
from dagplejecli.roster.headers import normalise_header
from dagplejecli.rules.context import CheckContext, person
from dagplejecli.rules.declare import Checks

CHECKS = Checks()

# DP230 starts the run of rules on what the Unilogin files can hold
DP230 = Rule(
    "DP230",
    S.WARNING,
    Family.PERSONS,
    STIL_UNILOGIN,
    params=("cpr", "cut", "length", "limit", "name"),
)


@CHECKS.add(DP230)
def check_group_name_bytes(ctx: CheckContext) -> list[Finding]:
    """A dagplejer's group name (the alias when protected) longer than ``GroupName`` allows:
    the export cuts it, and says here what it will write."""
    out = []
    for d in ctx.roster.dagplejere:
        name = group_name(d)
        size = len(name.encode("utf-8"))
        if size <= GROUP_NAME_BYTES:
            continue
        fields = (
            (Field.ALIAS_FORNAVN, Field.ALIAS_EFTERNAVN)
            if d.protected
            else (Field.NAVN, Field.FORNAVN)
        )
        out.append(
            DP230(
                Location.of_cell(d.cell(*fields)),
                ctx.plan.area_of(d.id),
                length=size,
                limit=GROUP_NAME_BYTES,
                cut=cut_to_bytes(name, GROUP_NAME_BYTES),
                **person(d),
            )
        )
    return out


# Dagplejere whose <Address> the Unilogin files leave out (a part is missing): said once,
# with the count, and with the column to map when no address column was recognised.
DP242 = Rule(
    "DP242",
    S.WARNING,
    Family.PERSONS,
    STIL_UNILOGIN,
    params=("column", "count", "cpr", "name", "total"),
)
ADDRESS_FIELDS = (Field.ADRESSE, Field.VEJNAVN, Field.POSTNR)
_ADDRESS_WORDS = ("adr", "vej", "gade", "bopæl", "post")


@CHECKS.add(DP242)
def check_address_written(ctx: CheckContext) -> list[Finding]:
    dagplejere = ctx.roster.dagplejere
    # a protected dagplejer's address is left out on purpose
    missing = [d for d in dagplejere if not d.protected and not all(dagplejer_address(d))]
    if not missing:
        return []
    first = missing[0]
    variant, column = "", ""
    if not any(f in first.columns for f in ADDRESS_FIELDS):
        variant = "no_column"
        column = next(
            (h for h in first.extra if any(w in normalise_header(h) for w in _ADDRESS_WORDS)), ""
        )
        if column:
            variant = "column"
    return [
        DP242(
            Location.of_cell(first.cell(*ADDRESS_FIELDS)),
            None,
            variant=variant,
            count=len(missing),
            total=len(dagplejere),
            column=column,
            **person(first),
        )
    ]
