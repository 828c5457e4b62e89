"""Values of cells, read as the domain needs them: CPR, fixed-width digits, dates, yes/no, text.

Every normaliser here is total: it never raises on odd input, it returns ``None`` (or a
result that says what was wrong) so that the callers can turn problems into findings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dagplejecli.domain.identifiers import cpr_text_digits, looks_like_cpr, nfc, nfkc


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
    text = re.sub(r"\s+", "", nfkc(str(value)))  # fullwidth «８２００» is 8200
    if not text:
        return None, False
    return text, False


_TEXT_DATE = re.compile(r"^(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")


def normalise_date(value: object, today: dt.date) -> dt.date | None:
    """Excel dates (already dates from the reader, or serial numbers) and Danish text dates.

    A two-digit year is this century's up to ``today``'s year, else the last century's."""
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
                year += 2000 if year <= today.year % 100 else 1900
            return dt.date(year, month, day)
        m = _ISO_DATE.match(text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


_PHONE_SEPARATORS = re.compile(r"[\s\-]+")
_DANISH_PREFIX = re.compile(r"^(?:\+45|0045)(?=\d{8}$)")


def phone_digits(text: str) -> str:
    """A phone number as Unilogin's files write it (DOMAIN.md §4: digits only): spaces and
    dashes removed, and a leading +45 or 0045 before eight digits. ``+45 90 09 11 81`` →
    ``90091181``; what is not a Danish number keeps its other characters."""
    if not text:
        return ""
    compact = _PHONE_SEPARATORS.sub("", text)
    return _DANISH_PREFIX.sub("", compact)


def is_danish_phone(digits: str) -> bool:
    """Eight ASCII digits: a Danish number as ``phone_digits`` writes it."""
    return len(digits) == 8 and digits.isascii() and digits.isdigit()


# An e-mail address as a person writes one: something, @, a domain with a dot
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def clean_text(value: object) -> str:
    """A cell as text: NFC (one normalisation at the door: «Åby» typed or decomposed is one
    word), stray spaces removed (inside too), numbers without ``.0``."""
    if isinstance(value, str):  # the common case first
        text = " ".join(nfc(value).split())
        # control characters (NUL, ESC …) never reach a register's file or a terminal
        return text if text.isprintable() else _CONTROL.sub("", text)
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


def comparable_text(value: str) -> str:
    """Case- and space-insensitive form used for rules and duplicate detection; control
    characters do not count either (``Nord`` and ``Nord`` + DEL are one district)."""
    text = "".join(nfc(value).split()).casefold()
    return text if text.isprintable() else _CONTROL.sub("", text)


def without_controls(value: str) -> str:
    """``value`` without control characters: for text that becomes a name or a setting."""
    return value if value.isprintable() else " ".join(_CONTROL.sub("", value).split())


def id_key(value: str) -> str:
    """An id as it is compared: ``"020100"``, ``"20100"`` and ``"20100.0"`` (a number as
    calamine reads it) are one id; other text compares without case or stray spaces."""
    text = " ".join(nfkc(value).split())
    if _NUMBER.fullmatch(text):
        return text.split(".")[0].lstrip("0") or "0"  # as text: no limit on its length
    return text.casefold()


_NUMBER = re.compile(r"[0-9]+(?:\.0+)?")  # ASCII digits only: «٣» is not «3»


def name_key(value: str) -> str:
    """A person's name as it is compared: ``Lind, Bente`` and ``Bente Lind`` are one name
    (``split_name`` reads both), without case or stray spaces."""
    first, last = split_name(" ".join(nfc(value).split()))
    return " ".join(f"{first} {last}".split()).casefold()


def is_cpr_cell(value: object) -> bool:
    """A cell that is, as a whole, a CPR number: text in any spelling, or a number (whose
    leading zero a spreadsheet may have dropped)."""
    if isinstance(value, str):
        return looks_like_cpr(value)
    digits = normalise_cpr(value).digits
    return digits is not None and looks_like_cpr(digits)


# Characters that would let a file's text drive the terminal: C0 controls but tab and line
# feed (ESC starts the sequences that set a window title, clear the screen or recolour), DEL,
# the C1 controls (U+009B is a one-character CSI) and the bidirectional overrides.
UNSAFE_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ESC shows as ␛
    return "\u2421" if code == 0x7F else "\ufffd"


def visible_controls(text: str) -> str:
    """``text`` with every character that could control a terminal shown as a visible sign
    (the terminal's console, and the annotated roster's sheet names and comments)."""
    return UNSAFE_CONTROLS.sub(_visible, text)


# Every placement date lies in this century: a two-digit year is 20xx («1/2/27» is 2027)
_CENTURY = dt.date(2099, 12, 31)
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")  # an Excel serial written as text (a CSV)


def read_date(value: object) -> tuple[dt.date | None, bool]:
    """A period's date from its cell: ``(date, True)``, ``(None, True)`` for a blank, and
    ``(None, False)`` for a cell that is not a date. Excel dates and serials, and text as
    Danish or ISO dates («01-02-2027», «1/2/27», «1.2.2027», «2027-02-01»)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, True
    if isinstance(value, str) and _SERIAL.fullmatch(value.strip()):
        value = float(value)
    when = normalise_date(value, _CENTURY)
    return when, when is not None
