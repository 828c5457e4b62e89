"""The names a roster's shape is said in: a sheet's role, whose value a column holds, and the
field it is. ``StrEnum``s, so a typo is a type error, and their values are the words
``dagpleje.toml`` and the plan use."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a sheet holds."""

    DAGPLEJERE = "dagplejere"  # a dagplejer per row
    BOERN = "boern"  # a child per row (or per child and contact person: the long form)
    KONTAKTER = "kontakter"  # a contact person per row, keyed by the child's CPR number
    ET_ARK = "et-ark"  # a child per row with its dagplejer's columns repeated


class Kind(StrEnum):
    """Which kind of person a record is; findings say it as a role («Barnet», «Child»)."""

    DAGPLEJER = "dagplejer"
    BARN = "barn"
    KONTAKT = "kontakt"


class SheetKey(StrEnum):
    """The ``[roster]`` key that names the sheets of a role."""

    ARK = "ark"  # the dagplejere's (or, on one sheet, everyone's)
    BOERN_ARK = "boern_ark"
    KONTAKT_ARK = "kontakt_ark"


class ColumnTable(StrEnum):
    """The ``[roster]`` table that names the columns of an owner."""

    KOLONNER = "kolonner"  # the dagplejer's (or the one sheet's own)
    BOERN_KOLONNER = "boern_kolonner"
    KONTAKT_KOLONNER = "kontakt_kolonner"


class Layout(StrEnum):
    """How a roster's sheets hold its people, as the plan and JSON say it."""

    TO_ARK = "to-ark"  # a dagplejer sheet and a child sheet (and maybe a contacts sheet)
    ET_ARK = "et-ark"  # one sheet: a child per row with its dagplejer's columns
    KUN_DAGPLEJERE = "kun-dagplejere"  # the dagplejere only
    CSV = "csv"  # either of the above in CSV files
    TRE_ARK = "tre-ark"  # only as ``init`` says a to-ark roster with a contacts sheet


class RefForm(StrEnum):
    """How a child's dagplejer column names her (``[roster] henvisning``)."""

    ID = "id"  # «41789»
    CPR = "cpr"
    NAVN = "navn"  # «Hanne Sørensen», «Sørensen, Hanne»
    ID_OG_NAVN = "id_og_navn"  # «Hanne Sørensen (41789)», «41789 - Hanne Sørensen»


class Owner(StrEnum):
    """Whose value a column holds, as its header says."""

    PLAIN = "plain"  # no one's in particular: the sheet's own person
    DAGPLEJER = "dagplejer"  # «Dagplejer navn»
    BARN = "barn"  # «Barnets CPR»
    KONTAKT = "kontakt"  # «Kontakt1 CPR», «Mor navn»
    DAGPLEJER_REF = "dagplejer_ref"  # names the child's dagplejer («Dagplejer nr.»)
    BARN_REF = "barn_ref"  # names the child by CPR («Barn CPR» on a contacts sheet)


class Field(StrEnum):
    """A value the reader reads."""

    ID = "id"
    CPR = "cpr"
    FORNAVN = "fornavn"
    EFTERNAVN = "efternavn"
    NAVN = "navn"
    ADRESSE = "adresse"
    VEJNAVN = "vejnavn"
    HUSNR = "husnr"
    POSTNR = "postnr"
    BY = "by"
    TELEFON = "telefon"
    EMAIL = "email"
    BESKYTTET = "beskyttet"
    ALIAS_FORNAVN = "alias_fornavn"
    ALIAS_EFTERNAVN = "alias_efternavn"
    RELATION = "relation"
    MYNDIGHED = "myndighed"
    DAGPLEJER = "dagplejer"  # a child's dagplejer (a reference)
    BARN = "barn"  # a contact's child (a reference)
    # The placement (a child's) or employment (a dagplejer's) period and its status (care.py)
    START = "start"
    SLUT = "slut"
    STATUS = "status"
    # A dagplejer's: a guest carer (gæstedagplejer) column, and a position (Stilling)
    GAEST = "gaest"
    STILLING = "stilling"
