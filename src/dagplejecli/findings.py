"""Findings as data: which rule, where, which area, and the raw values the message needs.

A ``Rule`` is declared once, beside the code that raises it (``rules/`` for the checks,
``roster/`` for what reading notices), with the names of the params its texts may use; declaring
it registers it (``declared_rules``). The sentences live in ``messages/catalogue.toml``, keyed by
the code and an optional variant. Nothing here knows a language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from dagplejecli.model import CellRef


class Severity(StrEnum):
    """The stable values (also in the JSON report) are Danish; the catalogue has the labels."""

    ERROR = "fejl"
    WARNING = "advarsel"
    INFO = "info"


class Family(StrEnum):
    """What a rule looks at; the stable values are Danish, like the severities."""

    CONFIG = "konfiguration"
    AREAS = "områder"
    PERSONS = "personer"
    PLAN = "plan"
    RECONCILE = "afstemning"  # what the registers hold against the plan (``afstem/``)


# Where rules come from: a STIL page, a law, or our own (to catch mistakes before reporting).
STIL_DTR = "https://viden.stil.dk/display/DATIREG/Datamodel"
STIL_DAGPLEJE = "https://viden.stil.dk/display/DATIREG/Dagplejere+i+Dagtilbudsregisteret"
STIL_NAMES = "https://viden.stil.dk/display/DATIREG/Navngivning+af+institutioner"
STIL_UNILOGIN = "https://viden.stil.dk/x/WgUk (Unilogin-import, wsaIMPORT v7)"
CPR_LAW = "CPR-loven og cpr.dk (personnummerets opbygning; modulus 11 kræves ikke siden 2007)"
CVR_LAW = "CVR-loven § 6 og cvr.dk (CVR- og P-numre)"
OWN = "dagpleje (egen regel, for at fange fejl før indberetning)"
STIL_EXPORT = "STIL: wsiEKSPORT v7 (eksporterXmlFuld) og Dagtilbudsregisterets eksport"

ParamValue = str | int | tuple[str, ...]  # a tuple is a list of names, joined by the catalogue


_DECLARED: dict[str, Rule] = {}  # every rule declared so far, by code


def declared_rules() -> dict[str, Rule]:
    """Every rule declared in the modules imported so far, by code (``rules/registry.py``
    imports the modules that declare rules)."""
    return dict(_DECLARED)


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: a stable code (``DP103`` always means the same), its severity, family and
    source, and the names of the params its texts may use (``{who}`` is made of ``name`` and
    ``cpr``). Declaring it registers it; a code declared twice is a bug. Calling it makes a
    finding: ``DP103(where, area, pnummer=p)``."""

    code: str
    severity: Severity
    family: Family
    source: str
    params: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if _DECLARED.setdefault(self.code, self) is not self:
            raise RuntimeError(f"{self.code} is declared twice")

    def __call__(
        self,
        location: Location | None = None,
        area: str | None = None,
        /,
        *,
        variant: str = "",
        **params: ParamValue,
    ) -> Finding:
        return Finding(self, location or Location(), area, params, variant)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points: a roster cell, or a configuration key (with its line)."""

    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None
    key: str | None = None
    line: int | None = None

    @classmethod
    def of_cell(cls, ref: CellRef | None) -> Location:
        if ref is None:
            return cls()
        return cls(
            file=ref.file,
            sheet=ref.sheet,
            cell=ref.a1,
            row=ref.row,
            column=ref.a1.rstrip("0123456789"),
        )

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "row": self.row,
            "column": self.column,
            "key": self.key,
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem (or note). ``params`` are raw values for the message; they never hold a full
    CPR: person CPR numbers enter as ``mask_cpr(...)``, text copied from a roster cell through
    ``mask_cpr_in_text``. ``variant`` picks one of the code's message variants ("" = the usual).
    """

    rule: Rule
    location: Location = field(default_factory=Location)
    area: str | None = None
    params: Mapping[str, ParamValue] = field(default_factory=dict)
    variant: str = ""

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def severity(self) -> Severity:
        return self.rule.severity


def count(findings: Iterable[Finding]) -> dict[str, int]:
    """``{"fejl": n, "advarsler": n, "info": n}`` — the summary's keys, as in the JSON report."""
    out = {"fejl": 0, "advarsler": 0, "info": 0}
    names = {Severity.ERROR: "fejl", Severity.WARNING: "advarsler", Severity.INFO: "info"}
    for f in findings:
        out[names[f.severity]] += 1
    return out


def sort_key(f: Finding) -> tuple[int, str, str, str, str, int, int, int, str, str]:
    """Errors first, then by area and code; within a code by file, sheet, line or row, and
    column (B before AA), as people read a roster."""
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    loc = f.location
    column = loc.column or ""
    return (
        order[f.severity],
        f.area or "",
        f.code,
        loc.file or "",
        loc.sheet or "",
        loc.line or 0,
        loc.row or 0,
        len(column),
        column,
        loc.key or "",
    )
