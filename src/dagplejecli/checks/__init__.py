"""Every rule of the registers as a small function: CheckContext → list[Finding]."""

from __future__ import annotations

from dagplejecli.checks.areas import AREA_CHECKS, merge_inherited
from dagplejecli.checks.context import CheckContext
from dagplejecli.checks.persons import PERSON_CHECKS
from dagplejecli.checks.settings import CONFIG_CHECKS
from dagplejecli.findings import Finding, sort_key

ALL_CHECKS = (*CONFIG_CHECKS, *AREA_CHECKS, *PERSON_CHECKS)


def run_checks(ctx: CheckContext) -> list[Finding]:
    """All findings of all checks, errors first, then by area and place."""
    findings: list[Finding] = []
    for check in ALL_CHECKS:
        findings.extend(check(ctx))
    return sorted(merge_inherited(findings), key=sort_key)


__all__ = ["ALL_CHECKS", "CheckContext", "run_checks"]
