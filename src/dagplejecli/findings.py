"""Findings as data: a stable code, a severity, where, which area, and the text in two languages.

The registry (code → severity, family, source) lives here; the words live in ``messages``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from dagplejecli.i18n import pick
from dagplejecli.messages import FINDING_TEXTS
from dagplejecli.model import CellRef


class Severity(StrEnum):
    """The stable values (also in the JSON report) are Danish; ``label`` is for people."""

    ERROR = "fejl"
    WARNING = "advarsel"
    INFO = "info"

    @property
    def label(self) -> str:
        english = {"fejl": "error", "advarsel": "warning", "info": "info"}[self.value]
        return pick(self.value, english)


@dataclass(frozen=True, slots=True)
class CodeInfo:
    severity: Severity
    family: str  # "konfiguration", "områder", "personer", "plan"
    source: str  # the rule's origin: a STIL page, a law, or "dagpleje" for our own


STIL_DTR = "https://viden.stil.dk/display/DATIREG/Datamodel"
STIL_DAGPLEJE = "https://viden.stil.dk/display/DATIREG/Dagplejere+i+Dagtilbudsregisteret"
STIL_NAMES = "https://viden.stil.dk/display/DATIREG/Navngivning+af+institutioner"
STIL_UNILOGIN = "https://viden.stil.dk/x/WgUk (Unilogin-import, wsaIMPORT v7)"
CPR_LAW = "CPR-loven og cpr.dk (personnummerets opbygning; modulus 11 kræves ikke siden 2007)"
CVR_LAW = "CVR-loven § 6 og cvr.dk (CVR- og P-numre)"
OWN = "dagpleje (egen regel, for at fange fejl før indberetning)"

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO

REGISTRY: dict[str, CodeInfo] = {
    "DP001": CodeInfo(E, "konfiguration", STIL_NAMES),
    "DP002": CodeInfo(E, "konfiguration", CVR_LAW),
    "DP003": CodeInfo(W, "konfiguration", STIL_DAGPLEJE),
    "DP004": CodeInfo(W, "konfiguration", STIL_DTR),
    "DP005": CodeInfo(E, "konfiguration", STIL_DTR),
    "DP006": CodeInfo(W, "konfiguration", STIL_DTR),
    "DP007": CodeInfo(E, "konfiguration", OWN),
    "DP008": CodeInfo(E, "konfiguration", STIL_UNILOGIN),
    "DP009": CodeInfo(E, "konfiguration", STIL_UNILOGIN),
    "DP010": CodeInfo(N, "konfiguration", STIL_DAGPLEJE),
    "DP101": CodeInfo(E, "områder", STIL_DAGPLEJE),
    "DP102": CodeInfo(E, "områder", STIL_DTR),
    "DP103": CodeInfo(E, "områder", STIL_DAGPLEJE),
    "DP104": CodeInfo(W, "områder", CVR_LAW),
    "DP105": CodeInfo(E, "områder", STIL_DAGPLEJE),
    "DP106": CodeInfo(E, "områder", STIL_DTR),
    "DP107": CodeInfo(E, "områder", STIL_DTR),
    "DP108": CodeInfo(E, "områder", STIL_DTR),
    "DP109": CodeInfo(E, "områder", STIL_NAMES),
    "DP110": CodeInfo(E, "områder", STIL_NAMES),
    "DP111": CodeInfo(W, "områder", OWN),
    "DP112": CodeInfo(E, "områder", STIL_DTR),
    "DP113": CodeInfo(E, "områder", STIL_DTR),
    "DP114": CodeInfo(E, "områder", STIL_DAGPLEJE),
    "DP115": CodeInfo(W, "områder", STIL_DAGPLEJE),
    "DP201": CodeInfo(E, "personer", CPR_LAW),
    "DP202": CodeInfo(N, "personer", CPR_LAW),
    "DP203": CodeInfo(E, "personer", STIL_UNILOGIN),
    "DP204": CodeInfo(W, "personer", STIL_UNILOGIN),
    "DP205": CodeInfo(E, "personer", OWN),
    "DP206": CodeInfo(E, "personer", STIL_DAGPLEJE),
    "DP207": CodeInfo(W, "personer", STIL_UNILOGIN),
    "DP208": CodeInfo(W, "personer", "Dagtilbudsloven § 21 (højst 5 børn pr. dagplejer)"),
    "DP209": CodeInfo(W, "personer", OWN),
    "DP210": CodeInfo(E, "personer", STIL_UNILOGIN),
    "DP211": CodeInfo(E, "personer", STIL_UNILOGIN),
    "DP212": CodeInfo(E, "personer", STIL_UNILOGIN),
    "DP213": CodeInfo(E, "personer", STIL_UNILOGIN),
    "DP214": CodeInfo(W, "personer", OWN),
    "DP215": CodeInfo(N, "personer", OWN),
    "DP216": CodeInfo(E, "personer", STIL_UNILOGIN),
    "DP217": CodeInfo(N, "personer", STIL_UNILOGIN),
    "DP218": CodeInfo(W, "personer", OWN),
    "DP301": CodeInfo(E, "plan", OWN),
}


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

    def text(self) -> str:
        """``roster.xlsx, Dagplejere!B7`` or ``dagpleje.toml, linje 12: omraade[2].pnummer``."""
        if self.key is not None:
            line = f", {pick('linje', 'line')} {self.line}" if self.line else ""
            return f"{self.file or ''}{line}: {self.key}".lstrip(": ")
        if self.sheet is not None:
            cell = f"!{self.cell}" if self.cell else ""
            return f"{self.file}, {self.sheet}{cell}" if self.file else f"{self.sheet}{cell}"
        return self.file or ""

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
    """One problem (or note). ``params`` fill the message; they never hold a full CPR.

    Person CPR numbers enter as ``mask_cpr(...)``; text copied from a roster cell enters
    through ``mask_cpr_in_text`` (a CPR typed in the wrong column must not leak either).
    """

    code: str
    location: Location = field(default_factory=Location)
    area: str | None = None
    params: Mapping[str, str | int] = field(default_factory=dict)
    severity_override: Severity | None = None

    @property
    def severity(self) -> Severity:
        return self.severity_override or REGISTRY[self.code].severity

    @property
    def message(self) -> str:
        da, en = FINDING_TEXTS[self.code].message
        return pick(da, en).format(**self.params)

    @property
    def hint(self) -> str:
        da, en = FINDING_TEXTS[self.code].hint
        return pick(da, en).format(**self.params)


def count(findings: Iterable[Finding]) -> dict[str, int]:
    """``{"fejl": n, "advarsler": n, "info": n}`` — the summary's keys, as in the JSON report."""
    out = {"fejl": 0, "advarsler": 0, "info": 0}
    names = {Severity.ERROR: "fejl", Severity.WARNING: "advarsler", Severity.INFO: "info"}
    for f in findings:
        out[names[f.severity]] += 1
    return out


def sort_key(f: Finding) -> tuple[int, str, str, int, str]:
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return (order[f.severity], f.area or "", f.code, f.location.row or 0, f.location.cell or "")
