"""Dagtilbudsregisteret: the Daginstitutioner and their Anvisningsenheder (the areas).

Field names are DTR's own (DOMAIN.md §3); the address columns as DTR's public export names them
(``vejNavn``, ``husNummer``, ``postNummer``, ``byNavn``). Each Daginstitution comes before its
Anvisningsenheder, as DTR requires them created in that order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dagplejecli.config import Config
from dagplejecli.formats.csvfile import csv_bytes
from dagplejecli.messages import workbook_text
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
    "vejNavn",
    "husNummer",
    # no source names floor and door; named here in the style of the attested columns
    "etage",
    "doer",
    "postNummer",
    "byNavn",
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

    @property
    def number_missing(self) -> bool:
        """It exists in DTR (one of its Anvisningsenheder has a number, and an existing
        Anvisningsenhed has a parent), but the configuration does not give its number:
        listing it as new would risk a duplicate Daginstitution, which DTR does not detect."""
        return not self.number and any(a.institution_number for a in self.areas)


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


def status(number: str, exists: bool = False) -> str:
    """ "ny" for something DTR has not issued a number for yet, else "findes (G12345)";
    "findes (nummer mangler)" for what exists without its number in the configuration. The
    same in every language: the manifest records it."""
    if number:
        return f"findes ({number})"
    return "findes (nummer mangler)" if exists else "ny"


def shown_status(number: str, exists: bool = False) -> str:
    """``status`` as the workbook shows it to a person, in the current language."""
    if number:
        return workbook_text("dtr_status_exists").format(number=number)
    return workbook_text("dtr_status_number_missing" if exists else "dtr_status_new")


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
    """``dtr/daginstitutioner.csv`` and ``dtr/anvisningsenheder.csv`` as bytes. A
    Daginstitution that exists without its number (``number_missing``) is not listed: without
    a number, the row would read as one to create."""
    institutions = daginstitutioner(areas)
    listed = [d for d in institutions if not d.number_missing]
    return {
        "dtr/daginstitutioner.csv": csv_bytes(
            DAGINSTITUTION_FIELDS, daginstitution_rows(config, listed)
        ),
        "dtr/anvisningsenheder.csv": csv_bytes(
            ANVISNINGSENHED_FIELDS, anvisningsenhed_rows(config, institutions)
        ),
    }


def dtr_workbook_sheets(
    config: Config, areas: Sequence[Area]
) -> list[tuple[str, list[str], list[list[object]]]]:
    """The same as the CSVs, for a person (the vendor or a STIL support case), with a status
    in the current language; the sheet names and field names are the register's own."""
    institutions = daginstitutioner(areas)
    d_rows = [
        [shown_status(d.number, d.number_missing), *row]
        for d, row in zip(institutions, daginstitution_rows(config, institutions), strict=True)
    ]
    a_areas = [a for d in institutions for a in d.areas]
    a_rows = [
        [shown_status(a.institution_number), *row]
        for a, row in zip(a_areas, anvisningsenhed_rows(config, institutions), strict=True)
    ]
    return [
        ("1 Daginstitutioner", ["Status", *DAGINSTITUTION_FIELDS], d_rows),
        ("2 Anvisningsenheder", ["Status", *ANVISNINGSENHED_FIELDS], a_rows),
    ]
