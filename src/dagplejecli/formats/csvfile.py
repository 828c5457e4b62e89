"""CSV for DTR and people: semicolon, UTF-8 with BOM, and no field that a spreadsheet would run."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def neutralise(value: object) -> str:
    """OWASP's advice against CSV injection: a leading ``'`` on text that starts like a formula.
    Control characters go (a tab or line break becomes a space): one field, one line.

    Plain numbers (``-5``, ``+4512345678``) are left alone: they are data, not formulas.
    """
    text = "" if value is None else str(value)
    if not text.isprintable():  # a NUL or a line break would break the register's import
        text = _CONTROL.sub(lambda m: " " if m.group() in "\t\r\n" else "", text)
    if text.lstrip(" ").startswith(_DANGEROUS_START) and not _NUMBER.match(text.strip()):
        return "'" + text
    return text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Semicolon-separated, CRLF, UTF-8 with BOM — what Danish Excel and DTR's tools expect."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
