"""How a check declares the rules it raises.

A rule module declares each ``Rule`` once, above the check that raises it, and registers the
check with those rules::

    DP101 = Rule("DP101", Severity.ERROR, Family.AREAS, STIL_DAGPLEJE)

    @CHECKS.add(DP101)
    def check_any_area(ctx: CheckContext) -> list[Finding]:
        return [] if ctx.plan.areas else [DP101(ctx.key("omraade"))]
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
