"""The rule that what is validated and exported is the plan the user reviewed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dagplejecli.findings import OWN, Family, Finding, Location, Rule, Severity
from dagplejecli.planfile import fingerprint, in_care_fingerprint
from dagplejecli.status import roster_words

if TYPE_CHECKING:
    from dagplejecli.model import Plan, Roster
    from dagplejecli.planfile import SavedPlan

DP301 = Rule("DP301", Severity.ERROR, Family.PLAN, OWN, params=("day", "planned", "roster"))


def freshness(
    saved: SavedPlan, roster: Roster, plan: Plan, day: dt.date | None = None
) -> list[Finding]:
    """DP301 when the roster or the plan's content (``config``) changed since ``dagpleje
    plan``, or others are in care on ``day`` (default today) than on the day it was made for
    (``day``): what is exported must be who the user reviewed."""
    day = day or dt.date.today()
    params = {"planned": "", "day": ""}
    if saved.roster_sha256 != roster.sha256:
        variant = ""
    elif saved.fingerprint != fingerprint(plan):
        variant = "config"
    elif saved.in_care and saved.in_care != in_care_fingerprint(roster):
        planned = saved.made_for
        # the same day, others in care: the configuration changed it ([roster.status] …)
        variant = "config" if planned == day else "day"
        params = {
            "planned": planned.strftime("%d-%m-%Y") if planned else saved.day[:10],
            "day": day.strftime("%d-%m-%Y"),
        }
    else:
        return []
    return [
        DP301(
            Location(file=saved.path.name),
            variant=variant,
            roster=roster_words(saved.roster_paths),  # a command to type here
            **params,
        )
    ]
