"""Danish addresses in DAR's parts (street, house number, floor, door, postnummer, city)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dagplejecli.domain.identifiers import is_valid_postnr

_HOUSE_NO = re.compile(r"^[1-9]\d{0,2}[A-ZÆØÅ]?$")
_FLOOR = re.compile(r"^(st|kl|k\d|\d{1,2})\.?$", re.IGNORECASE)
_DOOR = re.compile(r"^(tv|th|mf|\d{1,4}|[a-zæøå]\d{0,3})\.?$", re.IGNORECASE)
_STREET_AND_NO = re.compile(
    r"^(?P<street>.*?\D)\s+(?P<no>\d{1,3}\s?[A-Za-zÆØÅæøå]?)(?:\s+(?P<rest>.+))?$"
)
_POST_AND_CITY = re.compile(r"^(?P<postnr>\d{4})\s+(?P<city>\S.*)$")


@dataclass(frozen=True, slots=True)
class Address:
    """A Danish address in DAR's parts. Fields are None when they could not be read."""

    street: str | None = None
    house_no: str | None = None
    floor: str | None = None
    door: str | None = None
    postnr: str | None = None
    city: str | None = None

    def missing_parts(self) -> list[str]:
        """The names (Danish, as in the configuration) of required parts that are missing."""
        missing = []
        if not self.street:
            missing.append("vejnavn")
        if not self.house_no:
            missing.append("husnr")
        if not self.postnr:
            missing.append("postnr")
        if not self.city:
            missing.append("by")
        return missing

    def invalid_parts(self) -> list[str]:
        """Parts that are present but not in DAR's form."""
        bad = []
        if self.house_no and not _HOUSE_NO.match(self.house_no):
            bad.append("husnr")
        if self.postnr and not is_valid_postnr(self.postnr):
            bad.append("postnr")
        return bad

    def one_line(self) -> str:
        """``Strandvejen 123A, st. tv, 2900 Hellerup``."""
        first = " ".join(p for p in (self.street, self.house_no) if p)
        floor_door = " ".join(x for x in (self._floor_text(), self.door) if x)
        last = " ".join(p for p in (self.postnr, self.city) if p)
        return ", ".join(p for p in (first, floor_door, last) if p)

    def _floor_text(self) -> str | None:
        if self.floor is None:
            return None
        return f"{self.floor}." if not self.floor.endswith(".") else self.floor

    def comparable(self) -> str:
        """A form for comparing two addresses: case, spaces and dots do not matter."""
        return re.sub(r"[\s.,]+", "", self.one_line()).casefold()


def _split_floor_door(text: str) -> tuple[str | None, str | None, bool]:
    parts = [p for p in re.split(r"[\s,]+", text.strip()) if p]
    floor = door = None
    ok = True
    if parts and _FLOOR.match(parts[0]):
        floor = parts.pop(0).rstrip(".").lower()
    if parts and _DOOR.match(parts[0]):
        door = parts.pop(0).rstrip(".").lower()
    if parts:
        ok = False
    return floor, door, ok


def parse_address(text: str) -> tuple[Address, bool]:
    """Parse a one-line address; returns the parts found and whether all of it was understood.

    ``Strandvejen 123A, st. tv, 2900 Hellerup`` → street, 123A, st, tv, 2900, Hellerup.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        return Address(), False
    segments = [s.strip() for s in cleaned.split(",") if s.strip()]
    if not segments:  # only commas
        return Address(), False
    postnr = city = None
    ok = True
    # The postnummer and city are the last segment; tolerate a missing comma before them.
    last = segments[-1]
    m = _POST_AND_CITY.match(last)
    if m:
        postnr, city = m.group("postnr"), m.group("city").strip()
        segments.pop()
    else:
        m2 = re.match(r"^(?P<head>.+?)\s+(?P<postnr>\d{4})\s+(?P<city>\D.*)$", last)
        if m2:
            postnr, city = m2.group("postnr"), m2.group("city").strip()
            segments[-1] = m2.group("head").strip()
        else:
            ok = False
    street = house_no = floor = door = None
    if segments:
        m3 = _STREET_AND_NO.match(segments[0])
        if m3:
            street = m3.group("street").strip()
            house_no = m3.group("no").replace(" ", "").upper()
            rest = " ".join([m3.group("rest") or "", *segments[1:]]).strip()
        else:
            street = segments[0]
            ok = False
            rest = " ".join(segments[1:])
        if rest:
            floor, door, rest_ok = _split_floor_door(rest)
            ok = ok and rest_ok
    else:
        ok = False
    return Address(street, house_no, floor, door, postnr, city), ok


_POSTNR_AND_CITY = re.compile(r"^(\d{4})\s+(\D.*)$")


def split_postnr_city(text: str) -> tuple[str, str] | None:
    """``8000 Aarhus C`` in one cell → (``8000``, ``Aarhus C``); None when it is not that."""
    m = _POSTNR_AND_CITY.match(text.strip())
    return (m.group(1), m.group(2).strip()) if m else None
