"""The synthetic register files of ``examples/make_registers.py`` (made from DOMAIN.md §8, not
from the reader), for the tests."""

from __future__ import annotations

from examples.make_registers import (
    COMMON,
    DTR_HEADER,
    IDS,
    PKG,
    WHEN,
    XContact,
    XPerson,
    dtr_csv,
    dtr_unit,
    export_xml,
    persons_of,
)

__all__ = [
    "COMMON",
    "DTR_HEADER",
    "IDS",
    "PKG",
    "WHEN",
    "XContact",
    "XPerson",
    "dtr_csv",
    "dtr_unit",
    "export_xml",
    "persons_of",
]
