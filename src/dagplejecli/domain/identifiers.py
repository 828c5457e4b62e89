"""Danish identifiers: CPR, CVR, P-number and postnummer. Pure: no clock, no files.

Checks return booleans or None, never raise, so that callers can turn problems into findings.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata


class _DigitFold(dict[int, int]):
    """``str.translate`` table: every decimal digit of any script (``０``, ``٣``) → its ASCII
    digit, one character for one, so that positions in the folded text are the original's."""

    def __missing__(self, code: int) -> int:
        value = unicodedata.decimal(chr(code), None)
        folded = code if value is None else ord(str(value))
        self[code] = folded
        return folded


_FOLD = _DigitFold()
# A digit of any script (``\d`` is Unicode's Nd, the digits ``_DigitFold`` folds): a text
# without one holds no CPR number, which a name is found to be without the masker's pattern.
_ANY_DIGIT = re.compile(r"\d").search
# A digit of another script than ASCII's (``\d`` but not 0-9): the only characters
# ``_DigitFold`` changes, so a text without one is its own folding («Søndergade 67» is).
_OTHER_DIGIT = re.compile(r"[^\D0-9]").search


def fold_digits(text: str) -> str:
    """``text`` with every decimal digit of another script as its ASCII digit (same length)."""
    if text.isascii() or _OTHER_DIGIT(text) is None:
        return text  # nothing to fold, without translating the text character by character
    return text.translate(_FOLD)


# Characters that show nothing but change what a text is: zero-width spaces and joiners, word
# joiners, the byte-order mark, and the bidi controls that reorder what is shown. In an id or
# a configuration key they make two identical-looking ids two people.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def nfc(text: str) -> str:
    """Text as it is compared and written: Unicode NFC (``A`` + ring is ``Å``)."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def nfkc(text: str) -> str:
    """An id or a field of digits: NFKC (fullwidth ``８２００`` is ``8200``)."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def is_digits(text: str) -> bool:
    """Only the digits 0-9. ``str.isdigit()`` alone also takes ``²`` and the digits of other
    scripts (``０１``), which the registers reject: such a number must not pass as an id."""
    return text.isascii() and text.isdigit()


# The one CPR pattern, for the reader, the masker, ``contains_cpr`` and ``looks_like_cpr``.
# A CPR number is ten digits (after ``fold_digits``) in pairs DD MM YY and the serial, with any
# short run of separators between the groups — whitespace (also NBSP), hyphen, the dashes
# (en, em, minus …), dot, slash, Excel's text mark ', the typographic ’ and underscore:
# ``110881-2188``, ``110881 - 2188``, ``11.08.81.2188``, ``110881–2188``, ``11 08 81 21 88``.
# The reader takes any such ten digits in a CPR column (an impossible date is its own finding);
# the masker and the checks take those whose first pairs are a day (or a substitute number's
# day + 60) and a month, so a P-number like 1029829825 is left alone. Nine bare digits are the
# form a spreadsheet leaves of a CPR whose leading zero it dropped, as the CPR column restores
# it (day 1-9): the masker and the checks take them too.
SEPARATOR_CHARS = "\\s\\-./'\u2019_\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SEP = f"[{SEPARATOR_CHARS}]{{0,3}}"
_PAIR = "([0-9]{2})"
_READ = re.compile(f"{_PAIR}{_SEP}{_PAIR}{_SEP}{_PAIR}{_SEP}([0-9]{{2}}){_SEP}([0-9]{{2}})")
_DAY = "(0[1-9]|[12][0-9]|3[01]|6[1-9]|[78][0-9]|9[01])"
_MONTH = "(0[1-9]|1[0-2])"
_CPR_BODY = (
    f"(?<![0-9])(?:{_DAY}{_SEP}{_MONTH}{_SEP}{_PAIR}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}}"
    f"|([1-9])(0[1-9]|1[0-2])([0-9]{{2}})[0-9]{{4}})(?![0-9])"
)
# Both of the body's forms begin with a digit, so «(?=[0-9])» changes no match; it only lets
# the search pass a position that holds no digit at once (2-3× faster on a person's texts).
_CPR_LIKE = re.compile(f"(?=[0-9]){_CPR_BODY}")
_TEXT_MARKS = " \t\r\n\u00a0'\"\u2019"  # around a cell's number: spaces, quotes, Excel's '


def _masked(m: re.Match[str]) -> str:
    if m.group(1) is not None:
        return f"{m.group(1)}{m.group(2)}{m.group(3)}-xxxx"
    return f"0{m.group(4)}{m.group(5)}{m.group(6)}-xxxx"


def mask_cpr(cpr: str | None) -> str:
    """Format a CPR number for people: ``DDMMYY-xxxx``. The one place that shows a CPR.

    Anything that is not recognisably a CPR is hidden entirely, so that a typo never
    leaks a full number either.
    """
    if not cpr:
        return ""
    if len(cpr) == 10 and is_digits(cpr):  # the usual case, without a regex
        return f"{cpr[:6]}-xxxx"
    # only ten digits are known to begin with the birth date: of nine (a lost leading zero)
    # or eleven (a typo), the first six are not the CPR's first six
    digits = cpr_text_digits(str(cpr))
    return f"{digits[:6]}-xxxx" if digits else "xxxxxx-xxxx"


def mask_cpr_in_text(text: str) -> str:
    """The one masker: every CPR number in ``text``, however written (``_CPR_LIKE``), becomes
    ``DDMMYY-xxxx``. Used for every text from a roster that reaches a person (messages,
    JSON, annotated copies, the plan and ``brugere.xlsx``)."""
    if len(text) < 9 or _ANY_DIGIT(text) is None:
        return text
    folded = fold_digits(text)
    if folded is text:
        return _CPR_LIKE.sub(_masked, text)
    out, at = [], 0
    for m in _CPR_LIKE.finditer(folded):
        out.append(text[at : m.start()])
        out.append(_masked(m))
        at = m.end()
    out.append(text[at:])
    return "".join(out)


def contains_cpr(text: str) -> bool:
    """``text`` holds a CPR number somewhere, in any spelling the masker knows."""
    return (
        len(text) >= 9
        and _ANY_DIGIT(text) is not None
        and _CPR_LIKE.search(fold_digits(text)) is not None
    )


def cprs_written_as_such(text: str) -> set[str]:
    """The ten digits of every CPR number in ``text`` written as one is: ten digits together,
    or with separators after the sixth only («F-0311891238», «031189-1238»), not a date and a
    serial («15012024-03»)."""
    if not contains_cpr(text):
        return set()
    found = set()
    for m in _CPR_LIKE.finditer(fold_digits(text)):
        written, digits = m.group(0), 0
        for ch in written:
            if ch.isdigit():
                digits += 1
            elif digits != 6:
                break
        else:
            if m.group(1) is not None and (cpr := cpr_text_digits(written)) is not None:
                found.add(cpr)
    return found


def looks_like_cpr(text: str) -> bool:
    """``text`` is, as a whole, a CPR number with a real birth date, in any spelling the
    masker knows (nine bare digits: a CPR whose leading zero was dropped)."""
    folded = fold_digits(text).strip(_TEXT_MARKS)
    m = _CPR_LIKE.fullmatch(folded)
    if m is None:
        return False
    digits = cpr_text_digits(folded) if m.group(1) is not None else "0" + folded
    return digits is not None and is_valid_cpr(digits)


def cpr_text_digits(text: str) -> str | None:
    """The 10 digits of a CPR written as text in a CPR column, else None: the one pattern's
    ten digits with any short run of separators, digits of any script folded (``normalise_cpr``
    without the value object, for the reader's hot path: most CPRs are text)."""
    if len(text) == 11 and text[6] == "-":  # the common DDMMYY-SSSS, without a regex
        joined = text[:6] + text[7:]
        if is_digits(joined):
            return joined
    if len(text) == 10 and is_digits(text):
        return text
    m = _READ.fullmatch(fold_digits(text).strip(_TEXT_MARKS))
    return "".join(m.groups()) if m else None


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
    from stdnum.dk import cpr as stdnum_cpr
    from stdnum.exceptions import ValidationError

    try:
        born: dt.date = stdnum_cpr.get_birth_date(cpr)
        return born
    except (ValidationError, ValueError):
        return None


def is_valid_cpr(cpr: str) -> bool:
    """Length and date only; modulus 11 is never required (numbers since 2007 may fail it)."""
    return cpr_birth_date(cpr) is not None


def substitute_birth_date(cpr: str) -> dt.date | None:
    """The birth date of a substitute CPR number (erstatningsnummer) written as day + 60
    (DOMAIN.md §4: outside the real CPR value space), or None when ``cpr`` is not one."""
    if len(cpr) != 10 or not is_digits(cpr) or not 61 <= int(cpr[:2]) <= 91:
        return None
    return birth_date_from_first7(f"{int(cpr[:2]) - 60:02d}{cpr[2:7]}")


def is_substitute_cpr(cpr: str) -> bool:
    """A substitute CPR number (day + 60): a person without a CPR number, not a typo."""
    return substitute_birth_date(cpr) is not None


def cpr_is_female(cpr: str) -> bool:
    """Even last digit = female, odd = male."""
    return cpr[-1] in "02468"


def is_valid_cvr(cvr: str) -> bool:
    """8 digits, first not 0, modulus 11 (through python-stdnum)."""
    if not (len(cvr) == 8 and is_digits(cvr)):
        return False
    # imported here: python-stdnum brings the network modules of its online checks along
    # (ssl, sockets), a tenth of a second that only the CVR check needs
    from stdnum.dk import cvr as stdnum_cvr
    from stdnum.exceptions import ValidationError

    try:
        stdnum_cvr.validate(cvr)
    except ValidationError:
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


def is_valid_postnr(postnr: str) -> bool:
    """Four digits; 38xx/39xx are the Faroe Islands and Greenland, not Danish day care."""
    return len(postnr) == 4 and is_digits(postnr) and not postnr.startswith(("38", "39"))


def age_in_years(born: dt.date, on: dt.date) -> int:
    """Completed years of age on a given day."""
    years = on.year - born.year
    if (on.month, on.day) < (born.month, born.day):
        years -= 1
    return years
