"""One run of the comparison: its inputs, an index of every export's people, and what it has
found so far (``unilogin_compare`` and ``dtr_compare`` add to it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dagplejecli.afstem.read import Registers
from dagplejecli.afstem.result import RAN, SKIPPED
from dagplejecli.afstem.unilogin_export import ExportPerson, UniloginExport
from dagplejecli.config import LoadedConfig, key_text
from dagplejecli.domain.values import comparable_text
from dagplejecli.findings import Finding, Location
from dagplejecli.model import Plan, Roster


@dataclass(slots=True)
class _Index:
    """Every export's people, by (source, LocalPersonId), by CPR and by name and birth date."""

    by_local: dict[tuple[str, str], list[tuple[UniloginExport, ExportPerson]]]
    by_cpr: dict[str, list[tuple[UniloginExport, ExportPerson]]]
    by_name: dict[tuple[str, str], list[tuple[UniloginExport, ExportPerson]]]

    @classmethod
    def of(cls, exports: list[UniloginExport]) -> _Index:
        by_local: dict[tuple[str, str], list[tuple[UniloginExport, ExportPerson]]] = {}
        by_cpr: dict[str, list[tuple[UniloginExport, ExportPerson]]] = {}
        by_name: dict[tuple[str, str], list[tuple[UniloginExport, ExportPerson]]] = {}
        for e in exports:
            for p in e.persons:
                if p.local_id:
                    by_local.setdefault((p.source, p.local_id), []).append((e, p))
                if p.cpr:
                    by_cpr.setdefault(p.cpr, []).append((e, p))
                if p.birth_date:
                    key = (comparable_text(p.name), p.birth_date)
                    by_name.setdefault(key, []).append((e, p))
        return cls(by_local, by_cpr, by_name)


class Run:
    """One run of the comparison: the inputs and what it has found so far."""

    def __init__(
        self,
        config: LoadedConfig,
        plan: Plan,
        roster: Roster,
        registers: Registers,
        last_export: dt.datetime | None,
        today: dt.date,
    ) -> None:
        self.config, self.plan, self.roster, self.registers = config, plan, roster, registers
        self.last_export, self.today = last_export, today
        self.ours = config.config.unilogin.kilde
        self.findings: list[Finding] = []
        self.checks: dict[str, str] = {}
        self.matched: set[int] = set()  # id() of the export persons a plan person claimed
        self.index = _Index.of(registers.exports)
        self.exports = {e.institution_number: e for e in registers.exports}
        self.area_of_number = {
            a.institution_number.strip().upper(): a for a in plan.areas if a.institution_number
        }
        self.area_names: dict[int, str] = {}  # id(export) → the area (or unit) it belongs to

    def add(self, f: Finding) -> Finding:
        self.findings.append(f)
        return f

    def check(self, name: str, ran: bool) -> None:
        """Record a check as run; a check skipped somewhere stays recorded as skipped."""
        if self.checks.get(name) != SKIPPED:
            self.checks[name] = RAN if ran else SKIPPED

    def key(self, *loc: str | int) -> Location:
        c = self.config
        return Location(file=c.path.name, key=key_text(loc), line=c.line_of(*loc))
