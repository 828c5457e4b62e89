"""The model turned into the registers' files, as bytes: DTR (CSV, xlsx) and Unilogin (XML)."""

from __future__ import annotations

from enum import StrEnum


class Target(StrEnum):
    """Where an export goes; ``dtr`` is short for ``dagtilbudsregisteret``."""

    DAGTILBUDSREGISTERET = "dagtilbudsregisteret"
    DTR = "dtr"
    UNILOGIN = "unilogin"
