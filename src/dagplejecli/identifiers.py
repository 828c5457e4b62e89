"""Danish identifiers and values: CPR, CVR, P-number, postnummer, addresses, dates.

Every normaliser here is total: it never raises on odd input, it returns ``None`` (or a
result that says what was wrong) so that the callers can turn problems into findings.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from stdnum.dk import cpr as _stdnum_cpr
from stdnum.dk import cvr as _stdnum_cvr
from stdnum.exceptions import ValidationError as _StdnumError

_DIGITS = re.compile(r"\d+")
_SEPARATORS = re.compile(r"[\s\-./']+")  # ' is Excel's "store as text" mark in CSV exports


def is_digits(text: str) -> bool:
    """Only the digits 0-9. ``str.isdigit()`` alone also takes ``²`` and the digits of other
    scripts (``０１``), which the registers reject: such a number must not pass as an id."""
    return text.isascii() and text.isdigit()


def mask_cpr(cpr: str | None) -> str:
    """Format a CPR number for people: ``DDMMYY-xxxx``. The one place that shows a CPR.

    Anything that is not recognisably a CPR is hidden entirely, so that a typo never
    leaks a full number either.
    """
    if not cpr:
        return ""
    if len(cpr) == 10 and is_digits(cpr):  # the usual case, without a regex
        return f"{cpr[:6]}-xxxx"
    compact = _SEPARATORS.sub("", str(cpr))
    if len(compact) >= 6 and is_digits(compact[:6]):
        return f"{compact[:6]}-xxxx"
    return "xxxxxx-xxxx"


# Ten digits whose first six read as a day and month (a P-number like 1029829825 does not).
_CPR_LIKE = re.compile(r"(?<!\d)((?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2})[ \-]?(\d{4})(?!\d)")


def mask_cpr_in_text(text: str) -> str:
    """Mask everything in ``text`` that looks like a full CPR number (belt and braces)."""
    return _CPR_LIKE.sub(lambda m: f"{m.group(1)}-xxxx", text)


@dataclass(frozen=True, slots=True)
class CprValue:
    """A normalised CPR: ``digits`` is 10 digits when the input could be read as one."""

    digits: str | None
    restored_zero: bool = False


_NO_CPR = CprValue(None)


def normalise_cpr(value: object) -> CprValue:
    """Read a CPR from a cell: text with or without dash/spaces, or a number.

    A 9-digit number means Excel dropped the leading zero of a day 01-09; it is restored.
    """
    if not isinstance(value, str):
        if value is None or isinstance(value, bool):
            return _NO_CPR
        if isinstance(value, float):
            if not value.is_integer() or value < 0:
                return _NO_CPR
            value = int(value)
        if isinstance(value, int):
            if value < 0:
                return _NO_CPR
            number = str(value)
            if len(number) == 9:
                return CprValue("0" + number, restored_zero=True)
            return CprValue(number if len(number) == 10 else None)
    digits = cpr_text_digits(str(value))
    return CprValue(digits) if digits else _NO_CPR


def cpr_text_digits(text: str) -> str | None:
    """The 10 digits of a CPR written as text (``DDMMYY-SSSS``, spaces or none), else None.

    ``normalise_cpr`` without the value object, for the reader's hot path (most CPRs are text).
    """
    text = text.strip()
    if len(text) == 11 and text[6] == "-":  # the common DDMMYY-SSSS, without a regex
        text = text[:6] + text[7:]
    if len(text) != 10 or not is_digits(text):
        text = _SEPARATORS.sub("", text)
    return text if len(text) == 10 and is_digits(text) else None


def cpr_birth_date(cpr: str) -> dt.date | None:
    """The birth date a 10-digit CPR encodes (century from the 7th digit), or None.

    The same rule as ``stdnum.dk.cpr.get_birth_date`` (a test holds them equal), written out
    because it runs for every person of a national roster and the library's is 15× slower.
    Only the first seven digits matter, and many people share them: those are remembered.
    """
    if len(cpr) != 10 or not is_digits(cpr):
        return None
    return birth_date_from_first7(cpr[:7])


@functools.lru_cache(maxsize=1 << 16)  # a national roster has about 33,000 distinct ones
def birth_date_from_first7(first7: str) -> dt.date | None:
    """The date of a CPR's first seven digits ``DDMMYYC`` (C gives the century), or None."""
    if len(first7) != 7 or not is_digits(first7):
        return None
    day, month, year, seventh = int(first7[0:2]), int(first7[2:4]), int(first7[4:6]), first7[6]
    if seventh in "0123":
        year += 1900
    elif seventh in "49":
        year += 2000 if year <= 36 else 1900
    else:
        year += 2000 if year <= 57 else 1800
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def stdnum_birth_date(cpr: str) -> dt.date | None:
    """python-stdnum's reading of a CPR's birth date (the reference for ``cpr_birth_date``)."""
    try:
        born: dt.date = _stdnum_cpr.get_birth_date(cpr)
        return born
    except (_StdnumError, ValueError):
        return None


def is_valid_cpr(cpr: str) -> bool:
    """Length and date only; modulus 11 is never required (numbers since 2007 may fail it)."""
    return cpr_birth_date(cpr) is not None


def cpr_is_female(cpr: str) -> bool:
    """Even last digit = female, odd = male."""
    return cpr[-1] in "02468"


def is_valid_cvr(cvr: str) -> bool:
    """8 digits, first not 0, modulus 11 (through python-stdnum)."""
    if not (len(cvr) == 8 and is_digits(cvr)):
        return False
    try:
        _stdnum_cvr.validate(cvr)
    except _StdnumError:
        return False
    return True


_P_WEIGHTS_OLD = (1, 5, 6, 7, 3, 6, 4, 8, 9, 1)
_P_WEIGHTS_NEW = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
_P_SWITCH = 1006959421


def p_number_check_digit_ok(p_number: str) -> bool:
    """The P-number check digit (DOMAIN.md §5; third-party, so failing is only a warning)."""
    if not (len(p_number) == 10 and is_digits(p_number)):
        return False
    weights = _P_WEIGHTS_OLD if int(p_number) <= _P_SWITCH else _P_WEIGHTS_NEW
    return sum(int(d) * w for d, w in zip(p_number, weights, strict=True)) % 11 == 0


def normalise_digits(value: object, width: int) -> tuple[str | None, bool]:
    """Read a fixed-width numeric identifier (postnummer, P-number) from a cell.

    Returns ``(text, restored)``: numbers that lost leading zeros are padded back to
    ``width`` and flagged; text keeps its digits only when it is all digits and spaces.
    """
    if value is None or isinstance(value, bool):
        return None, False
    if isinstance(value, float):
        if not value.is_integer() or value < 0:
            return None, False
        value = int(value)
    if isinstance(value, int):
        if value < 0:
            return None, False
        text = str(value)
        if len(text) < width:
            return text.zfill(width), True
        return text, False
    text = re.sub(r"\s+", "", str(value))
    if not text:
        return None, False
    return text, False


def is_valid_postnr(postnr: str) -> bool:
    """Four digits; 38xx/39xx are the Faroe Islands and Greenland, not Danish day care."""
    return len(postnr) == 4 and is_digits(postnr) and not postnr.startswith(("38", "39"))


# ----------------------------------------------------------------------------- addresses

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


# ----------------------------------------------------------------------------- dates

_TEXT_DATE = re.compile(r"^(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")


def normalise_date(value: object) -> dt.date | None:
    """Excel dates (already dates from the reader, or serial numbers) and Danish text dates."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        if 1 <= value < 2958466:
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        return None
    text = str(value).strip()
    try:
        m = _TEXT_DATE.match(text)
        if m:
            day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if year < 100:
                year += 2000 if year <= dt.date.today().year % 100 else 1900
            return dt.date(year, month, day)
        m = _ISO_DATE.match(text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


def age_in_years(born: dt.date, on: dt.date) -> int:
    """Completed years of age on a given day."""
    years = on.year - born.year
    if (on.month, on.day) < (born.month, born.day):
        years -= 1
    return years


# ----------------------------------------------------------------------------- text values

_TRUE = {"ja", "j", "x", "1", "true", "sand", "yes", "y", "beskyttet", "✓"}
_FALSE = {"nej", "n", "0", "false", "falsk", "no", "-", ""}


def normalise_bool(value: object) -> bool | None:
    """``Ja``/``x``/``1`` → True, ``Nej``/blank/``0`` → False, anything else → None."""
    if value is None:
        return False
    if isinstance(value, int | float):  # bool too
        return bool(value)
    return _bool_text(str(value))


def _bool_text(text: str) -> bool | None:
    text = text.strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def clean_text(value: object) -> str:
    """A cell as text: stray spaces removed (inside too), numbers without ``.0``."""
    if isinstance(value, str):  # the common case first
        return " ".join(value.split())
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def split_name(full: str) -> tuple[str, str]:
    """One name column into (first names, family name).

    ``Anne Marie Jensen`` splits at the last space; ``Jensen, Anne Marie`` (family name
    first, as many administrative systems write it) at the comma.
    """
    if "," in full:
        family, _, first = full.partition(",")
        return first.strip(), family.strip()
    first, _, last = full.rpartition(" ")
    return (first, last) if first else (full, "")


_POSTNR_AND_CITY = re.compile(r"^(\d{4})\s+(\D.*)$")


def split_postnr_city(text: str) -> tuple[str, str] | None:
    """``8000 Aarhus C`` in one cell → (``8000``, ``Aarhus C``); None when it is not that."""
    m = _POSTNR_AND_CITY.match(text.strip())
    return (m.group(1), m.group(2).strip()) if m else None


def comparable_text(value: str) -> str:
    """Case- and space-insensitive form used for rules and duplicate detection."""
    return "".join(value.split()).casefold()
