"""The steps a command runs, as plain functions: read → plan → check. No printing here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dagplejecli.care import Care, apply_care, place
from dagplejecli.config import LoadedConfig, load_config
from dagplejecli.errors import DagplejeError
from dagplejecli.findings import Finding
from dagplejecli.formats.sheets import RawSheet, read_roster_sheets
from dagplejecli.model import AreaCounts, Dagplejer, Plan, Roster, area_counts
from dagplejecli.planfile import SavedPlan, read_plan, refuse_other_config
from dagplejecli.planning import make_plan
from dagplejecli.project import Project
from dagplejecli.roster import read_roster
from dagplejecli.roster.unused import LAYOUT_CODES
from dagplejecli.secret import load_or_create_secret


def secret_of(config: LoadedConfig) -> Callable[[], bytes]:
    """The municipality's secret beside the configuration, made when first asked for."""
    # the project's export folder (beside the configuration, wherever the command runs):
    # its manifest says whether ids were exported with a secret
    project = Project(config.path)
    return lambda: load_or_create_secret(project.folder, project.manifest)


def no_step(_key: str) -> None:
    """For ``on_step`` when no one is listening."""


@dataclass(slots=True)
class Planned:
    """A configuration, the roster it was applied to, the plan, and what reading noticed."""

    config: LoadedConfig
    roster: Roster
    plan: Plan
    reading: list[Finding]
    sheets: list[RawSheet] | None = None  # the roster's cells, when asked to keep them
    # who is not in care on the day (left out of the roster above), and why
    care: Care | None = None
    _counts: dict[str, AreaCounts] | None = None

    @property
    def counts(self) -> dict[str, AreaCounts]:
        """Dagplejere, children and contact persons per area (computed once)."""
        if self._counts is None:
            self._counts = area_counts(self.plan, self.roster)
        return self._counts

    def unassigned(self) -> list[Dagplejer]:
        """The dagplejere no rule gives an area."""
        return [d for d in self.roster.dagplejere if self.plan.area_of(d.id) is None]

    def sheets_left(self) -> list[Finding]:
        """What reading left of the roster's sheets and child columns (DP248, DP249)."""
        return [f for f in self.reading if f.code in LAYOUT_CODES]

    def unlinked(self) -> int:
        """How many children are linked to no dagplejer."""
        return sum(1 for c in self.roster.children if c.dagplejer_id is None)


def in_care(
    config: LoadedConfig, roster: Roster, reading: list[Finding], day: dt.date | None
) -> tuple[Plan, Care]:
    """Leave out of ``roster`` those not in care on ``day`` (default today), plan the rest,
    and add what judging the periods found to ``reading``."""
    care = apply_care(roster, config.config, day or dt.date.today())
    plan = make_plan(config.config, roster.dagplejere)
    place(care, plan, config.config)
    reading.extend(care.findings)
    return plan, care


def as_paths(paths: Path | Sequence[Path]) -> list[Path]:
    """One roster file or several, as a list."""
    return [paths] if isinstance(paths, Path) else list(paths)


def plan_roster(
    roster_paths: Path | Sequence[Path], config_path: Path | None, day: dt.date | None = None
) -> Planned:
    """Read configuration and roster (one file or several) and group the dagplejere in care on
    ``day`` (default today) into areas."""
    from dagplejecli.config import RosterConfig

    roster_path = as_paths(roster_paths)
    sheets = read_roster_sheets(roster_path)  # the files the user named complain first
    try:
        config = load_config(config_path)
    except DagplejeError as exc:
        if exc.key == "config_missing":
            # a new user without a configuration: a problem in the roster is the more useful
            # message (read with the defaults); a good roster gets "run dagpleje init"
            read_roster(roster_path, RosterConfig(), sheets, light=True)
        raise
    # the plan counts contact persons but checks none of their details: read them light
    roster, reading = read_roster(
        roster_path, config.config.roster, sheets, light=True, id_secret=secret_of(config)
    )
    plan, care = in_care(config, roster, reading, day)
    return Planned(config, roster, plan, reading, care=care)


@dataclass(slots=True)
class Validation:
    """The outcome of ``validate``: every finding, and what was checked."""

    planned: Planned
    findings: list[Finding]
    plan_path: Path | None = None  # the plan validated (a suggested command names it)

    def errors(self, strict: bool = False) -> list[Finding]:
        from dagplejecli.findings import Severity

        bad = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return [f for f in self.findings if f.severity in bad]

    def stats(self) -> dict[str, object]:
        counts = self.planned.counts
        return {
            "roster": self.planned.roster.name,
            "omraader": len(self.planned.plan.areas),
            "dagplejere": len(self.planned.roster.dagplejere),
            "boern": len(self.planned.roster.children),
            "kontaktpersoner": sum(c.contacts for c in counts.values()),
            "per_omraade": {
                name: {
                    "dagplejere": c.dagplejere,
                    "boern": c.children,
                    "kontaktpersoner": c.contacts,
                }
                for name, c in counts.items()
            },
            # those not in care on the day, left out of the numbers above, per area
            "ikke_i_pleje": {
                "dato": self.planned.care.day.isoformat() if self.planned.care else None,
                # everyone left out, those of no area too (a child of no dagplejer)
                "i_alt": dict(
                    zip(("dagplejere", "boern"), self.planned.care.totals(), strict=True)
                    if self.planned.care
                    else {}
                ),
                "per_omraade": {
                    name: {"dagplejere": d, "boern": c}
                    for name, (d, c) in (
                        self.planned.care.per_area() if self.planned.care else {}
                    ).items()
                },
            },
        }


def replan(
    config: LoadedConfig,
    plan_path: Path,
    light: bool = False,
    keep_sheets: bool = False,
    today: dt.date | None = None,
    id_secret: bytes | None = None,
    plans_day: bool = False,
) -> tuple[SavedPlan, Planned]:
    """The saved plan, and the plan made again from its roster and today's configuration
    (``keep_sheets``: keep the roster's cells too, for ``--annotate``; ``id_secret``: the
    municipality's secret, by default the one beside the configuration, made on first use),
    who is in care judged on ``today``, or with ``plans_day`` and no ``today`` on the day the
    plan was made for."""
    saved = read_plan(plan_path)
    if plans_day and today is None:
        today = saved.made_for
    refuse_other_config(saved, config.path)
    sheets = read_roster_sheets(saved.roster_paths)
    secret = secret_of(config) if id_secret is None else lambda: id_secret
    roster, reading = read_roster(
        saved.roster_paths,
        config.config.roster,
        sheets,
        light=light,
        today=today,
        id_secret=secret,
    )
    plan, care = in_care(config, roster, reading, today)
    return saved, Planned(config, roster, plan, reading, sheets if keep_sheets else None, care)


def validate_project(
    config_path: Path | None,
    plan_path: Path,
    today: dt.date | None = None,
    on_step: Callable[[str], None] = no_step,
    keep_sheets: bool = False,
    id_secret: bytes | None = None,
) -> Validation:
    """Recompute the plan from roster + configuration and run every check on it.

    ``on_step`` hears of each step as it begins (``step_reading``, ``step_checking``);
    ``keep_sheets`` keeps the roster's cells in ``planned.sheets`` (for ``--annotate``)."""
    from dagplejecli.cvrextract import read_extract
    from dagplejecli.findings import sort_key
    from dagplejecli.rules import CheckContext, run_checks
    from dagplejecli.rules.plan import freshness

    on_step("step_reading")
    config = load_config(config_path)
    today = today or dt.date.today()
    saved, planned = replan(
        config, plan_path, keep_sheets=keep_sheets, today=today, id_secret=id_secret
    )
    on_step("step_checking")
    roster, plan = planned.roster, planned.plan
    extract = None
    if config.config.dtr.cvr_udtraek:
        extract_path = config.path.parent / config.config.dtr.cvr_udtraek
        extract = read_extract(extract_path)
    ctx = CheckContext(config, roster, plan, today, extract)
    findings = freshness(saved, roster, plan, today) + planned.reading + run_checks(ctx)
    return Validation(planned, sorted(findings, key=sort_key), plan_path)
