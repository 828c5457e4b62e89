"""The one list of every check and every rule (``explain``, the tests, ``run_checks``).

Checks are declared in ``settings``, ``areas``, ``persons`` and ``unilogin`` (see
``declare``); rules raised while reading the roster or the plan, not by a check, are declared
where they are raised (``roster/records.py`` and ``roster/read.py``, ``rules/plan.py``, and the
export's comparison with the last one in ``export/manifest.py``, and ``afstem``'s comparison
with the registers' files in ``afstem/rules.py``) and listed in ``all_rules``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dagplejecli.afstem.rules import AFSTEM_RULES
from dagplejecli.care import CARE_RULES
from dagplejecli.export.diff import EXPORT_RULES
from dagplejecli.findings import Finding, Rule
from dagplejecli.roster.read import READER_RULES
from dagplejecli.rules import areas, persons, settings, unilogin
from dagplejecli.rules.declare import DeclaredCheck
from dagplejecli.rules.plan import PLAN_RULES

if TYPE_CHECKING:
    from dagplejecli.rules.context import CheckContext


def all_checks() -> tuple[DeclaredCheck, ...]:
    """Every check, configuration first, then areas, then people (and what the Unilogin files
    make of them)."""
    return (
        *settings.CHECKS.declared,
        *areas.CHECKS.declared,
        *persons.CHECKS.declared,
        *unilogin.CHECKS.declared,
    )


def all_rules() -> dict[str, Rule]:
    """Every rule the tool can raise, by code, in code order."""
    rules = [r for c in all_checks() for r in c.rules]
    rules += [*READER_RULES, *CARE_RULES, *PLAN_RULES, *EXPORT_RULES, *AFSTEM_RULES]
    by_code: dict[str, Rule] = {}
    for r in rules:
        if by_code.setdefault(r.code, r) is not r:
            raise RuntimeError(f"{r.code} is declared twice")
    return dict(sorted(by_code.items()))


def run_declared(check: DeclaredCheck, ctx: CheckContext) -> list[Finding]:
    """Run one check; a finding of a rule it did not declare is a bug in the check."""
    found = check.run(ctx)
    for f in found:
        if f.rule not in check.rules:
            raise RuntimeError(f"{check.run.__name__} raised {f.code} without declaring it")
    return found
