"""The steps a command runs, as plain functions: read → plan → check. No printing here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dagplejecli.config import LoadedConfig, load_config
from dagplejecli.findings import Finding
from dagplejecli.model import Plan, Roster
from dagplejecli.planning import make_plan
from dagplejecli.roster import read_roster


@dataclass(slots=True)
class Planned:
    """A configuration, the roster it was applied to, the plan, and what reading noticed."""

    config: LoadedConfig
    roster: Roster
    plan: Plan
    reading: list[Finding]


def plan_roster(roster_path: Path, config_path: Path | None) -> Planned:
    """Read configuration and roster and group the dagplejere into areas."""
    config = load_config(config_path)
    roster, reading = read_roster(roster_path, config.config.roster)
    plan = make_plan(config.config, roster.dagplejere)
    return Planned(config, roster, plan, reading)
