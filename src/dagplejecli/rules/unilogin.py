"""Checks of what the Unilogin files will hold beyond a person's own details: the lengths STIL
states, counted in UTF-8 bytes as STIL counts them (DOMAIN.md §4)."""

from __future__ import annotations

from dagplejecli.export.unilogin import GROUP_NAME_BYTES, cut_to_bytes, group_name
from dagplejecli.findings import STIL_UNILOGIN, Family, Finding, Location, Rule
from dagplejecli.findings import Severity as S
from dagplejecli.rules.context import CheckContext, person
from dagplejecli.rules.declare import Checks

CHECKS = Checks()

# A code apart from the DP21x run, so that another branch's new person rules cannot take it
DP230 = Rule("DP230", S.WARNING, Family.PERSONS, STIL_UNILOGIN)


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
        fields = ("alias_fornavn", "alias_efternavn") if d.protected else ("navn", "fornavn")
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
