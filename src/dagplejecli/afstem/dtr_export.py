"""DTR's public CSV export (DOMAIN.md §8) → the units and Daginstitutioner it lists.

The export (dagtilbudsregister.stil.dk → Eksport) is ``;``-separated UTF-8 with a BOM. Its
column names come from third-party code that reads real downloads, so they are matched without
regard to case, spaces or punctuation; the P-number column is not attested at all, so several
spellings are tried, and a file without one says so (the check is skipped, never passed).
Which export a file is — Anvisningsenhed, Samlet udtræk or Daginstitution — its columns say.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from dagplejecli.errors import DagplejeError
from dagplejecli.limits import MAX_CSV_FIELD

# normalised column name (lower case, letters and digits only) → field
COLUMNS = {
    "anvisningsenhedsnummer": "number",
    "daginstitutionsnummer": "daginstitution",
    "insttype3": "insttype",
    "aktivitetsstatus": "status",
    "navn": "name",
    "kommunekode": "kommune",
    "vejnavn": "street",
    "husnummer": "house_no",
    "postnummer": "postnr",
    "bynavn": "city",
    "dagtilbudsnavn": "offer_name",
    "dagtilbudstype": "offer_type",
}
# the P-number's column: not attested (DOMAIN.md §8), so the spellings readers try
P_NUMBER_COLUMNS = ("pnummer", "pnumber", "pnr", "produktionsenhedsnummer")
ACTIVE = "aktiv"


def column_key(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", header.strip().lstrip("\ufeff").casefold())


@dataclass(slots=True)
class DtrUnit:
    """One Anvisningsenhed as DTR lists it (texts as written, trimmed)."""

    number: str
    daginstitution: str
    name: str
    status: str
    kommune: str
    insttype: str
    street: str
    house_no: str
    postnr: str
    city: str
    p_number: str | None  # None: the file has no P-number column
    file: str
    row: int

    @property
    def active(self) -> bool:
        return self.status.casefold() == ACTIVE or not self.status


@dataclass(slots=True)
class DtrFile:
    path: Path
    kind: str  # anvisningsenhed, samlet, daginstitution
    units: list[DtrUnit] = field(default_factory=list)
    daginstitutioner: dict[str, str] = field(default_factory=dict)  # number → name
    has_p_number: bool = False
    has_kommune: bool = False


def decode_csv(data: bytes, path: Path) -> str:
    """UTF-8 (with or without its BOM), as DTR writes it; anything else stops with a message
    naming the file (a file saved again by Excel is often Windows-1252)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DagplejeError(
            "afstem_dtr_encoding", where=str(path), hint="afstem_dtr_download_hint"
        ) from None


def read_dtr(text: str, path: Path) -> DtrFile:
    """The DTR export in ``text`` (decoded). Not one (no unit or Daginstitution number
    column), or separated by commas: a DagplejeError naming the file."""
    first = text.split("\n", 1)[0]
    if ";" not in first:
        found = {column_key(h) for h in re.split(r"[,\t]", first)}
        if found & {"anvisningsenhedsnummer", "daginstitutionsnummer"}:
            raise DagplejeError(
                "afstem_dtr_delimiter", where=str(path), hint="afstem_dtr_download_hint"
            )
        raise DagplejeError("afstem_not_register", where=str(path), hint="afstem_not_register_hint")
    old_limit = csv.field_size_limit(MAX_CSV_FIELD)
    try:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=";")
        header = next(rows, [])
        keys = [column_key(h) for h in header]
        fields = {COLUMNS[k]: i for i, k in reversed(list(enumerate(keys))) if k in COLUMNS}
        p_col = next((keys.index(k) for k in P_NUMBER_COLUMNS if k in keys), None)
        if "number" in fields:
            kind = (
                "samlet" if "offer_type" in fields or "offer_name" in fields else "anvisningsenhed"
            )
        elif "daginstitution" in fields:
            kind = "daginstitution"
        else:
            raise DagplejeError(
                "afstem_not_register", where=str(path), hint="afstem_not_register_hint"
            )
        out = DtrFile(path, kind, has_p_number=p_col is not None, has_kommune="kommune" in fields)

        width = len(header) + 1
        none = width - 1  # an index past the row's cells, which reads as ""
        at = {name: fields.get(name, none) for name in (*COLUMNS.values(),)}
        number_at, dag_at, name_at, offer_at = (
            at["number"],
            at["daginstitution"],
            at["name"],
            at["offer_name"],
        )
        for line, row in enumerate(rows, start=2):
            if len(row) < width:
                row += [""] * (width - len(row))
            number = row[number_at].strip().upper()
            if kind == "daginstitution" or not number:
                dag = row[dag_at].strip().upper()
                if dag:
                    name = row[name_at].strip() or row[offer_at].strip()
                    out.daginstitutioner.setdefault(dag, name)
                continue
            out.units.append(
                DtrUnit(
                    number=number,
                    daginstitution=row[dag_at].strip().upper(),
                    name=row[name_at].strip() or row[offer_at].strip(),
                    status=row[at["status"]].strip(),
                    kommune=row[at["kommune"]].strip().lstrip("0"),
                    insttype=row[at["insttype"]].strip(),
                    street=row[at["street"]].strip(),
                    house_no=row[at["house_no"]].strip(),
                    postnr=row[at["postnr"]].strip(),
                    city=row[at["city"]].strip(),
                    p_number=row[p_col].strip() if p_col is not None else None,
                    file=path.name,
                    row=line,
                )
            )
        return out
    except csv.Error:
        raise DagplejeError(
            "afstem_dtr_broken", where=str(path), hint="afstem_dtr_download_hint"
        ) from None
    finally:
        csv.field_size_limit(old_limit)
