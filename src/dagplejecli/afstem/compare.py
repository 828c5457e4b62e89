"""The registers' files against the plan: who is where, and what differs.

Areas meet their export by institution number (the area's ``institutionsnummer`` =
``InstitutionNumber`` = DTR's ``anvisningsenhedsNummer``). A person of the plan meets a person
of the exports by our import source and ``LocalPersonId``, else by CPR where the export carries
it, else by name and birth date — then only as a «possible match», never taken as the same
person. Matching runs over every export at once, so a dagplejer found in another area's export
is a move, not a removal there and a creation here. Contact persons are compared per child, by
CPR.

Every check that cannot run on what the files carry (no CPR numbers, no P-number column, no
export for an area) says so (DP425) and is recorded as skipped, never as passed.
"""

from __future__ import annotations

import datetime as dt

from dagplejecli.afstem.dtr_compare import DtrComparison
from dagplejecli.afstem.read import Registers
from dagplejecli.afstem.result import Reconciliation
from dagplejecli.afstem.unilogin_compare import UniloginComparison
from dagplejecli.config import LoadedConfig
from dagplejecli.errors import DagplejeError
from dagplejecli.findings import sort_key
from dagplejecli.model import Plan, Roster


class _Comparison(UniloginComparison, DtrComparison):
    """Both comparisons over one run's state."""


def reconcile(
    config: LoadedConfig,
    plan: Plan,
    roster: Roster,
    registers: Registers,
    last_export: dt.datetime | None,
    today: dt.date,
) -> Reconciliation:
    """Compare the registers' files with the plan: every finding, sorted, and the tables."""
    known_units = {u.number for f in registers.dtr for u in f.units}
    planned = {a.institution_number.strip().upper() for a in plan.areas if a.institution_number}
    for e in registers.exports:
        if e.institution_number not in planned and e.institution_number not in known_units:
            raise DagplejeError(
                "afstem_unknown_unit",
                where=str(e.path),
                hint="afstem_unknown_unit_hint",
                number=e.institution_number,
            )
    run = _Comparison(config, plan, roster, registers, last_export, today)
    areas = run.unilogin()
    dtr_rows = run.dtr()
    # a code per person shown once in the tables, however often it was raised
    for a in areas:
        for r in a.rows:
            r.codes = sorted(set(r.codes))
    return Reconciliation(
        areas,
        dtr_rows,
        sorted(run.findings, key=sort_key),
        dict(sorted(run.checks.items())),
        [p.name for p in registers.paths],
    )
