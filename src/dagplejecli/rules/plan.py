"""The rule that what is validated and exported is the plan the user reviewed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dagplejecli.findings import OWN, Family, Finding, Location, Rule, Severity
from dagplejecli.planfile import fingerprint
from dagplejecli.shell import shell_word

if TYPE_CHECKING:
    from dagplejecli.model import Plan, Roster
    from dagplejecli.planfile import SavedPlan

DP301 = Rule("DP301", Severity.ERROR, Family.PLAN, OWN, params=("roster",))


def freshness(saved: SavedPlan, roster: Roster, plan: Plan) -> list[Finding]:
    """DP301 when the roster or the plan's content (``config``) changed
    since ``dagpleje plan``."""
    if saved.roster_sha256 != roster.sha256:
        variant = ""
    elif saved.fingerprint != fingerprint(plan):
        variant = "config"
    else:
        return []
    return [
        DP301(
            Location(file=saved.path.name),
            variant=variant,
            roster=" ".join(shell_word(p.name) for p in saved.roster_paths),  # a command
        )
    ]
