"""What ``afstem`` found, as plain data for the renderers and the report: each area's people by
status, DTR's units, every finding, and which checks ran and which were skipped."""

from __future__ import annotations

from dataclasses import dataclass, field

from dagplejecli.domain.shape import Kind
from dagplejecli.findings import Finding, Severity

# The statuses of a person in an area's table
BOTH, ROSTER, UNILOGIN, OTHER, MOVED = "begge", "roster", "unilogin", "anden_kilde", "flyttet"
STATUSES = (BOTH, ROSTER, UNILOGIN, OTHER, MOVED)
RAN, SKIPPED = "kørt", "sprunget over"


@dataclass(slots=True)
class PersonRow:
    """One person of an area as the report shows them; the CPR number masked."""

    status: str
    role: str  # dagplejer, barn, or "" (a person of the export only: its kind)
    local_id: str
    name: str
    cpr: str  # masked
    user_id: str
    source: str
    codes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class AreaResult:
    name: str
    number: str
    file: str | None  # the export compared with, None when there was none
    in_plan: bool
    rows: list[PersonRow] = field(default_factory=list)

    def counts(self) -> dict[str, dict[str, int]]:
        """Status → {"dagplejere": n, "boern": n, "andre": n}."""
        out = {s: {"dagplejere": 0, "boern": 0, "andre": 0} for s in STATUSES}
        column: dict[str, str] = {Kind.DAGPLEJER: "dagplejere", Kind.BARN: "boern"}
        for r in self.rows:
            kind = column.get(r.role, "andre")
            out[r.status][kind] += 1
        return out


@dataclass(slots=True)
class DtrRow:
    number: str
    name: str
    status: str
    p_number: str
    address: str
    insttype: str
    area: str  # the plan's area with this number, or ""
    file: str
    codes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Reconciliation:
    """What ``afstem`` found: per area its people, DTR's units, every finding, and which checks
    ran and which were skipped."""

    areas: list[AreaResult]
    dtr: list[DtrRow]
    findings: list[Finding]
    checks: dict[str, str]
    files: list[str]

    def errors(self, strict: bool = False) -> list[Finding]:
        bad = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return [f for f in self.findings if f.severity in bad]

    def stats(self) -> dict[str, object]:
        return {
            "filer": self.files,
            "kontroller": self.checks,
            "per_omraade": {
                a.name: {"institutionsnummer": a.number, "fil": a.file, **a.counts()}
                for a in self.areas
            },
            "dtr_enheder": len(self.dtr),
        }
