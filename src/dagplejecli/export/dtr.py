"""Dagtilbudsregisteret: the Daginstitutioner and their Anvisningsenheder (the areas).

Field names are DTR's own (DOMAIN.md §3). Each Daginstitution comes before its Anvisningsenheder,
as DTR requires them created in that order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dagplejecli.config import Config
from dagplejecli.formats.csvfile import csv_bytes
from dagplejecli.model import Area

DAGINSTITUTION_FIELDS = (
    "daginstitutionsNummer",
    "daginstitutionsNavn",
    "ejerformKode",
    "lovgrundlagKode",
    "admKommuneKode",
)
ANVISNINGSENHED_FIELDS = (
    "EnhedsNummer",
    "EnhedsNavn",
    "daginstitutionsNummer",
    "daginstitutionsNavn",
    "Adresse.Vejnavn",
    "Adresse.Husnummer",
    "Adresse.Etage",
    "Adresse.Doer",
    "Adresse.Postnummer",
    "Adresse.Postdistrikt",
    "InstType3",
    "Email",
    "TelefonNummer",
    "PNummer",
)


@dataclass(frozen=True, slots=True)
class Daginstitution:
    name: str
    number: str
    areas: tuple[Area, ...]


def daginstitutioner(areas: Sequence[Area]) -> list[Daginstitution]:
    """One Daginstitution per distinct name, in the order the areas first name it."""
    order: dict[str, list[Area]] = {}
    for a in areas:
        order.setdefault(a.daginstitution, []).append(a)
    return [
        Daginstitution(
            name,
            next((a.daginstitution_number for a in group if a.daginstitution_number), ""),
            tuple(group),
        )
        for name, group in order.items()
    ]


def status(number: str) -> str:
    """ "ny" for something DTR has not issued a number for yet, else "findes (G12345)"."""
    return f"findes ({number})" if number else "ny"


def daginstitution_rows(
    config: Config, institutions: Sequence[Daginstitution]
) -> list[list[object]]:
    dtr = config.dtr
    return [
        [d.number, d.name, dtr.ejerform, dtr.lovgrundlag, config.kommune.kode] for d in institutions
    ]


def anvisningsenhed_rows(
    config: Config, institutions: Sequence[Daginstitution]
) -> list[list[object]]:
    rows: list[list[object]] = []
    for d in institutions:
        for a in d.areas:
            ad = a.address
            rows.append(
                [
                    a.institution_number,
                    a.name,
                    d.number,
                    d.name,
                    ad.street or "",
                    ad.house_no or "",
                    ad.floor or "",
                    ad.door or "",
                    ad.postnr or "",
                    ad.city or "",
                    config.dtr.insttype,
                    a.email,
                    a.phone,
                    a.p_number,
                ]
            )
    return rows


def dtr_files(config: Config, areas: Sequence[Area]) -> dict[str, bytes]:
    """``dtr/daginstitutioner.csv`` and ``dtr/anvisningsenheder.csv`` as bytes."""
    institutions = daginstitutioner(areas)
    return {
        "dtr/daginstitutioner.csv": csv_bytes(
            DAGINSTITUTION_FIELDS, daginstitution_rows(config, institutions)
        ),
        "dtr/anvisningsenheder.csv": csv_bytes(
            ANVISNINGSENHED_FIELDS, anvisningsenhed_rows(config, institutions)
        ),
    }


def dtr_workbook_sheets(
    config: Config, areas: Sequence[Area]
) -> list[tuple[str, list[str], list[list[object]]]]:
    """The same as the CSVs, for a person (the vendor or a STIL support case), with a status."""
    institutions = daginstitutioner(areas)
    d_rows = [
        [status(d.number), *row]
        for d, row in zip(institutions, daginstitution_rows(config, institutions), strict=True)
    ]
    a_areas = [a for d in institutions for a in d.areas]
    a_rows = [
        [status(a.institution_number), *row]
        for a, row in zip(a_areas, anvisningsenhed_rows(config, institutions), strict=True)
    ]
    return [
        ("1 Daginstitutioner", ["Status", *DAGINSTITUTION_FIELDS], d_rows),
        ("2 Anvisningsenheder", ["Status", *ANVISNINGSENHED_FIELDS], a_rows),
    ]
