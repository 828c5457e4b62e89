"""Recognising a roster's header row and columns: aliases per canonical field.

A header is normalised (case, punctuation, spaces) and then read as an optional *prefix*
saying whose value it is (``Dagplejer``, ``Barn``, ``Kontakt1``) followed by a field alias; the
owner may come after the field too (``CPR-nr. barn``). Danish headers first, and the English an
IT or HR system writes (``SSN``, ``Zip code``, ``Child first name``, ``Caregiver ID``,
``Guardian 1 SSN``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Field → normalised header texts that mean it. Extend here; tests cover the common ones.
ALIASES: dict[str, tuple[str, ...]] = {
    "id": (
        "id",
        "medarbejdernr",
        "medarbejder nr",
        "medarbejdernummer",
        "medarbejder id",
        "medarb nr",
        "medarbejder nummer",
        "ma nr",
        "mednr",
        "med nr",
        "dagplejer id",
        "dagplejernr",
        "dagplejer nr",
        "dagplejernummer",
        "lønnr",
        "løn nr",
        "lønnummer",
        "personalenr",
        "personalenummer",
        "tjenestenummer",
        "tjenestenr",
        "ansatnr",
        "ansættelsesnummer",
        "initialer",
        "employee id",
        "employee number",
        "employee no",
        "staff id",
        "staff number",
        "staff no",
    ),
    "cpr": (
        "cpr",
        "cpr nr",
        "cprnr",
        "cpr nummer",
        "cprnummer",
        "personnummer",
        "person nr",
        "personnr",
        "cpr no",
        "ssn",
        "cpr number",
        "civil registration number",
        "civil registration no",
        "social security number",
    ),
    "fornavn": ("fornavn", "fornavne", "first name", "fornavn e", "first names", "given name"),
    "efternavn": ("efternavn", "efternavne", "familienavn", "last name", "surname", "family name"),
    "navn": (
        "navn",
        "fulde navn",
        "fuldt navn",
        "fuld navn",
        "name",
        "full name",
        "fulde navne",
        # one column, family name first ("Jensen, Anne"): split_name splits at the comma
        "efternavn fornavn",
        "efternavn og fornavn",
        "fornavn efternavn",
        "fornavn og efternavn",
        "navn efternavn fornavn",  # "Navn (efternavn, fornavn)"
        "navn fornavn efternavn",
    ),
    "adresse": (
        "adresse",
        "bopæl",
        "bopælsadresse",
        "hjemmeadresse",
        "gadeadresse",
        "address",
        "street address",
        "home address",
    ),
    "vejnavn": ("vejnavn", "vej", "gade", "gadenavn"),
    "husnr": ("husnr", "hus nr", "husnummer"),
    # a combined "5000 Odense C" column is read as both (split_postnr_city)
    "postnr": (
        "postnr",
        "post nr",
        "postnummer",
        "post nummer",
        "postnr og by",
        "postnr by",
        "zip code",
        "zip",
        "postal code",
        "postcode",
    ),
    "by": ("by", "bynavn", "postdistrikt", "postby", "city", "town"),
    "telefon": (
        "telefon",
        "tlf",
        "tlf nr",
        "tlfnr",
        "telefonnr",
        "telefon nr",
        "telefonnummer",
        "mobil",
        "mobilnr",
        "mobil nr",
        "mobilnummer",
        "phone",
        "phone number",
        "telephone",
        "mobile",
        "mobile phone",
        "mobile number",
    ),
    "email": (
        "email",
        "e mail",
        "mail",
        "emailadresse",
        "e mailadresse",
        "e mail adresse",
        "email address",
    ),
    "beskyttet": (
        "beskyttet",
        "beskyttelse",
        "adressebeskyttelse",
        "adresse beskyttelse",
        "navne og adressebeskyttelse",
        "navne og adresse beskyttelse",
        "navnebeskyttelse",
        "beskyttet adresse",
        "beskyttede oplysninger",
        "adressebeskyttet",
        "navnebeskyttet",
        "navne og adressebeskyttet",
        "beskyttet navn og adresse",
        "hemmelig adresse",
        "beskyttelse navn adresse",  # "Beskyttelse (navn/adresse)"
        "beskyttelse af navn og adresse",
        "navne adressebeskyttelse",
        "skjult adresse",
        "protected",
        "protected address",
        "address protection",
        "name and address protection",
        "adressebeskyt",  # "Adressebeskyt."
        "navnebeskyt",
        "hemmeligholdt adresse",
        "fortrolig adresse",
        "hidden address",
        "secret address",
        "confidential address",
    ),
    "alias_fornavn": ("alias fornavn", "aliasfornavn", "fornavn alias"),
    "alias_efternavn": ("alias efternavn", "aliasefternavn", "efternavn alias"),
    "relation": (
        "relation",
        "relation til barn",
        "relation til barnet",
        "tilknytning",
        "rolle",
        "relationship",
        "relation to child",
    ),
    "myndighed": (
        "myndighed",
        "forældremyndighed",
        "forældre myndighed",
        "har forældremyndighed",
        "forældremyndig",
        "custody",
        "parental custody",
        "has custody",
    ),
}


def compact(norm: str) -> str:
    """A normalised header as payroll systems vary it: without spaces, ``nummer`` as ``nr``
    (``medarb nr``, ``medarbnr`` and ``medarbnummer`` alike; ``post nr by`` and
    ``postnummer by`` alike)."""
    return norm.replace(" ", "").replace("nummer", "nr")


_LOOKUP: dict[str, str] = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
_COMPACT: dict[str, str] = {
    compact(alias): name for name, aliases in ALIASES.items() for alias in aliases
}

# A child sheet's column naming the child's dagplejer (by id or CPR).
DAGPLEJER_REF = (
    "dagplejer",
    "dagplejers",
    "dagplejer id",
    "dagplejer nr",
    "dagplejernr",
    "dagplejernummer",
    "dagplejer medarbejdernr",
    "dagplejer cpr",
    "dagplejerens nr",
    "dagplejerens id",
    "dagplejerens cpr",
    "dagplejerens medarbejdernr",
    "dagplejers nr",
    "dagplejers id",
    "dagplejer medarbejdernummer",
    "barnets dagplejer",
    "barns dagplejer",
    # English: the child's carer, by id (or, with "SSN", by CPR)
    "caregiver",
    "childminder",
    "carer",
)
# A contacts sheet's column naming the child (by CPR).
CHILD_REF = (
    "barn",
    "barn cpr",
    "barnets cpr",
    "barn cpr nr",
    "barnets cpr nr",
    "barn cprnr",
    "child",
    "child cpr",
    "child ssn",
    "child s cpr",
    "child s ssn",
)
_DAGPLEJER_REF_COMPACT = frozenset(compact(h) for h in DAGPLEJER_REF)
_CHILD_REF_COMPACT = frozenset(compact(h) for h in CHILD_REF)

_PUNCT = re.compile(r"[.\-_:/()#?*,;'\"]+")
# "Kontakt1 CPR", "Kontaktpersonens CPR-nr.", "Forælder 2 navn", "Guardian 1 SSN", "Parent 2 name"
_CONTACT_PREFIX = re.compile(
    r"^(?:kontakt(?:person)?(?:ens|s)?|kontakt person|for(?:æ|ae)ld(?:er|re)(?:ens|nes|s)?|kp"
    r"|pårørende|værge|guardian(?: ?s)?|parent(?: ?s)?)"
    r"\s*(\d)?(?:\s+|$)(.*)$"
)
# "Mor CPR", "Far navn", "Mother SSN": a contact whose relation the header already says; the
# field may come first too ("CPR far", "Navn mor", "Name father").
_PARENTS = r"(mor|moder|far|fader|mother|father)"
_PARENT_PREFIX = re.compile(rf"^{_PARENTS}(?:ens|s| s)?\s+(.+)$")
_PARENT_SUFFIX = re.compile(rf"^(.+?)\s+{_PARENTS}$")
PARENT_GROUPS = {
    "mor": (101, "Mor"),
    "moder": (101, "Mor"),
    "mother": (101, "Mor"),
    "far": (102, "Far"),
    "fader": (102, "Far"),
    "father": (102, "Far"),
}
_DAGPLEJER_PREFIX = re.compile(
    r"^(?:dagplejer(?:ens|s)?|caregiver(?: ?s)?|childminder(?: ?s)?|carer(?: ?s)?)\s+(.+)$"
)
_CHILD_PREFIX = re.compile(r"^(?:barn(?:ets)?|børn|boern|child(?:ren| ?s)?)\s+(.+)$")
# The owner after the field ("CPR-nr. barn", "Navn dagplejer"): read as if it came first.
_OWNER_SUFFIX = re.compile(
    r"^(.+?)\s+(barn|barnet|barnets|child|dagplejer|dagplejeren|forælder|forælderen"
    r"|kontaktperson|kontaktpersonen)$"
)
_SUFFIX_OWNERS = {
    "barnet": "barn",
    "barnets": "barn",
    "dagplejeren": "dagplejer",
    "forælderen": "forælder",
    "kontaktpersonen": "kontaktperson",
}
# After a child prefix only ("Barnets nr.", "Barn nr"): alone, "Nr" is too often a row count.
_CHILD_ID = ("nr", "nummer", "id nr", "løbenr", "løbenummer")


def normalise_header(value: object) -> str:
    """``' CPR-nr. '`` → ``'cpr nr'``."""
    if value is None:
        return ""
    text = _PUNCT.sub(" ", str(value).casefold())
    return " ".join(text.split())


def field_of(norm: str) -> str | None:
    """The canonical field a normalised header (without prefix) names, if any."""
    found = _LOOKUP.get(norm)
    return found if found is not None else _COMPACT.get(compact(norm))


@dataclass(frozen=True, slots=True)
class HeaderMeaning:
    """How one header reads: whose value (``owner``) and which field; ``group`` for contacts."""

    owner: str  # "plain", "dagplejer", "barn", "kontakt", "dagplejer_ref", "barn_ref"
    field: str
    group: int = 0


def read_header(norm: str) -> HeaderMeaning | None:
    """Read one normalised header. Returns None for a column no field names (kept as extra)."""
    if not norm:
        return None
    return _read_owned(norm) or _read_owner_last(norm)


def _read_owner_last(norm: str) -> HeaderMeaning | None:
    """A header whose owner comes after the field (``CPR-nr. barn``, ``Navn dagplejer``), read
    as the same header with the owner first (``Barn CPR-nr.``), when nothing else reads it."""
    m = _OWNER_SUFFIX.match(norm)
    if m is None:
        return None
    owner = _SUFFIX_OWNERS.get(m.group(2), m.group(2))
    return _read_owned(f"{owner} {m.group(1)}")


def _read_owned(norm: str) -> HeaderMeaning | None:
    """A header read as written: a field, or an owner's prefix and then a field."""
    short = compact(norm)
    if short in _DAGPLEJER_REF_COMPACT:
        # "Dagplejer CPR" names the dagplejer by CPR, the others by id
        return HeaderMeaning("dagplejer_ref", "cpr" if "cpr" in norm else "id")
    if short in _CHILD_REF_COMPACT:
        return HeaderMeaning("barn_ref", "barn")
    if f := field_of(norm):
        return HeaderMeaning("plain", f)
    if m := _CONTACT_PREFIX.match(norm):
        rest = m.group(2).strip() or "navn"
        f = field_of(rest)
        if f is None and rest in CHILD_REF:
            return HeaderMeaning("barn_ref", "barn")
        if f:
            return HeaderMeaning("kontakt", f, int(m.group(1) or 0))
    if parent := _parent_column(norm):
        return parent
    if m := _DAGPLEJER_PREFIX.match(norm):
        f = field_of(m.group(1))
        if f in ("id", "cpr"):  # "Dagplejer medarb. nr.": the column naming the dagplejer
            return HeaderMeaning("dagplejer_ref", f)
        if f:
            return HeaderMeaning("dagplejer", f)
    if m := _CHILD_PREFIX.match(norm):
        f = "id" if m.group(1) in _CHILD_ID else field_of(m.group(1))
        if f:
            return HeaderMeaning("barn", f)
    return None


def _parent_column(norm: str) -> HeaderMeaning | None:
    """A parent's column whose header names the relation before or after the field: ``Mor
    CPR``, ``Fars navn``, ``CPR far``, ``Navn mor`` (never the relation: the header says it)."""
    if m := _PARENT_PREFIX.match(norm):
        parent, rest = m.group(1), m.group(2)
    elif m := _PARENT_SUFFIX.match(norm):
        rest, parent = m.group(1), m.group(2)
    else:
        return None
    f = field_of(rest)
    if f is None or f == "relation":
        return None
    return HeaderMeaning("kontakt", f, PARENT_GROUPS[parent][0])


def child_prefixed(norm: str) -> bool:
    """Whether a normalised header begins as the child's (``barn``, ``barnets``, ``børn``),
    whether or not a field follows (``barnets startdato`` names none)."""
    return _CHILD_PREFIX.match(norm) is not None


@dataclass(slots=True)
class HeaderRow:
    """The header row of a sheet: its 1-based row number and each column's meaning."""

    row: int
    texts: list[str]  # the header cells as written (stripped)
    meanings: list[HeaderMeaning | None] = field(default_factory=list)

    def count(self, *owners: str) -> int:
        return sum(1 for m in self.meanings if m is not None and m.owner in owners)


def header_row_at(index: int, row: list[object]) -> HeaderRow:
    """Row ``index`` (0-based) of a sheet read as its header row: texts and meanings."""
    texts = [" ".join(str(v).split()) if v is not None else "" for v in row]
    meanings = [read_header(normalise_header(v)) if isinstance(v, str) else None for v in row]
    return HeaderRow(index + 1, texts, meanings)


def find_header_row(
    rows: list[list[object]], scan: int = 30, known: frozenset[str] = frozenset()
) -> HeaderRow | None:
    """The row among the first ``scan`` with the most recognised headers (at least two).
    ``known``: normalised headers the configuration names for this sheet, which count as
    recognised whether or not an alias reads them."""
    best: HeaderRow | None = None
    best_score = 1
    for index, row in enumerate(rows[:scan]):
        norms = [normalise_header(v) if isinstance(v, str) else "" for v in row]
        meanings = [read_header(n) if n else None for n in norms]
        score = sum(1 for m, n in zip(meanings, norms, strict=True) if m is not None or n in known)
        if score > best_score:
            texts = [" ".join(str(v).split()) if v is not None else "" for v in row]
            best, best_score = HeaderRow(index + 1, texts, meanings), score
    return best
