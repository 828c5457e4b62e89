"""How a check declares the rules it raises, and the one list of every rule.

A rule module declares each ``Rule`` once, above the check that raises it, and registers the
check with those rules::

    DP101 = Rule("DP101", Severity.ERROR, Family.AREAS, STIL_DAGPLEJE)

    @CHECKS.add(DP101)
    def check_any_area(ctx: CheckContext) -> list[Finding]:
        return [] if ctx.plan.areas else [DP101(ctx.key("omraade"))]

Rules raised while reading the roster or the plan (not by a check) are declared the same way
in the module that raises them and listed in ``all_rules``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dagplejecli.findings import Finding, Rule

if TYPE_CHECKING:
    from dagplejecli.rules.context import CheckContext

Check = Callable[["CheckContext"], list[Finding]]


@dataclass(frozen=True, slots=True)
class DeclaredCheck:
    """A check and the rules it may raise."""

    run: Check
    rules: tuple[Rule, ...]


class Checks:
    """One module's checks, in the order they are declared."""

    def __init__(self) -> None:
        self.declared: list[DeclaredCheck] = []

    def add(self, *rules: Rule) -> Callable[[Check], Check]:
        """Register the decorated check as raising ``rules`` (and no others)."""

        def register(check: Check) -> Check:
            self.declared.append(DeclaredCheck(check, rules))
            return check

        return register


def all_checks() -> tuple[DeclaredCheck, ...]:
    """Every check, configuration first, then areas, then people."""
    from dagplejecli.rules import areas, persons, settings

    return (*settings.CHECKS.declared, *areas.CHECKS.declared, *persons.CHECKS.declared)


def all_rules() -> dict[str, Rule]:
    """Every rule the tool can raise, by code, in code order."""
    from dagplejecli.roster.records import READER_RULES
    from dagplejecli.rules.plan import PLAN_RULES

    rules = [r for c in all_checks() for r in c.rules] + [*READER_RULES, *PLAN_RULES]
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
