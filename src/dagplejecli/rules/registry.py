"""The one list of every check and every rule (``explain``, the tests, ``run_checks``).

A rule registers itself where it is declared (``findings.Rule``). Checks are declared in
``settings``, ``areas``, ``persons`` and ``unilogin`` (see ``declare``); the rules raised while
reading the roster, judging who is in care, reading the plan, comparing an export with the last
one and reconciling with the registers' files are declared where they are raised. ``RULE_MODULES``
names every module that declares a rule — the one place to add a new one; a test imports every
module of the package and checks that no rule is declared outside them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from dagplejecli.findings import Finding, Rule, declared_rules
from dagplejecli.rules import areas, persons, settings, unilogin
from dagplejecli.rules.declare import DeclaredCheck

if TYPE_CHECKING:
    from dagplejecli.rules.context import CheckContext

# Every module that declares a Rule (the checks' modules first).
RULE_MODULES = (
    "dagplejecli.rules.settings",
    "dagplejecli.rules.areas",
    "dagplejecli.rules.persons",
    "dagplejecli.rules.unilogin",
    "dagplejecli.rules.plan",
    "dagplejecli.roster.custody",
    "dagplejecli.roster.records",
    "dagplejecli.roster.onesheet",
    "dagplejecli.roster.repeated",
    "dagplejecli.roster.unread",
    "dagplejecli.roster.unused",
    "dagplejecli.roster.read",
    "dagplejecli.care",
    "dagplejecli.export.diff",
    "dagplejecli.afstem.rules",
)


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
    for module in RULE_MODULES:
        importlib.import_module(module)
    return dict(sorted(declared_rules().items()))


def run_declared(check: DeclaredCheck, ctx: CheckContext) -> list[Finding]:
    """Run one check; a finding of a rule it did not declare is a bug in the check."""
    found = check.run(ctx)
    for f in found:
        if f.rule not in check.rules:
            raise RuntimeError(f"{check.run.__name__} raised {f.code} without declaring it")
    return found
