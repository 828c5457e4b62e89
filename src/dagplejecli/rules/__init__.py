"""Every rule of the registers as a small check: CheckContext → list[Finding].

``registry`` says how a check declares its rules; ``settings``, ``areas`` and ``persons`` hold
the checks; ``plan`` holds the rule that the saved plan is still the one reviewed.
"""

from __future__ import annotations

from dagplejecli.findings import Finding, sort_key
from dagplejecli.rules.areas import merge_inherited
from dagplejecli.rules.context import CheckContext
from dagplejecli.rules.registry import all_checks, run_declared


def run_checks(ctx: CheckContext) -> list[Finding]:
    """All findings of all checks, errors first, then by area and place."""
    findings: list[Finding] = []
    for check in all_checks():
        findings.extend(run_declared(check, ctx))
    return sorted(merge_inherited(findings), key=sort_key)


__all__ = ["CheckContext", "run_checks"]
