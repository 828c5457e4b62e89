"""A structural check of a ``UNILoginImport`` document, written from DOMAIN.md §4 — not from
the writer, so that it can find the writer's mistakes.

The tables below say, for each element, its children in order with their cardinalities, its
attributes, and what its text may be (code lists, patterns, lengths in UTF-8 bytes). Export
runs every document through ``check_document`` before anything is written; a document that
fails is a bug in dagpleje (``StructureError``, exit code 70), never the user's data: what the
data can get wrong, ``validate`` reports first.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass

MANY = 1 << 30  # maxOccurs="unbounded"


class StructureError(Exception):
    """An export document breaks the published structure: a bug in dagpleje, not in the data.

    The message names the file, the element and the rule, never a value (it may be a CPR)."""


@dataclass(frozen=True, slots=True)
class Place:
    """One place in an element's sequence: one of ``names`` (alternatives), min..max times."""

    names: tuple[str, ...]
    min: int = 0
    max: int = 1


def _p(names: str, least: int = 0, most: int = 1) -> Place:
    return Place(tuple(names.split("|")), least, most)


# Each element's children, in the order of DOMAIN.md §4 ("A|B": alternatives at one place)
SEQUENCES: dict[str, tuple[Place, ...]] = {
    "UNILoginImport": (_p("Institution", 1),),
    "Institution": (
        _p("InstitutionNumber", 1),
        _p("InstitutionName"),
        _p("Group", 0, MANY),
        _p("InstitutionPerson", 0, MANY),
    ),
    "Group": (
        _p("GroupId", 1),
        _p("GroupName"),
        _p("GroupType", 1),
        _p("GroupLevel"),
        _p("Line"),
        _p("FromDate"),
        _p("ToDate"),
    ),
    # LocalPersonId: optional in the export type only for old users; an import carries it
    "InstitutionPerson": (
        _p("LocalPersonId", 1),
        _p("Person"),
        _p("Student|Employee|Extern"),
    ),
    # personMini → personMedium → personFull → personFullMyndighed; UserId is export only
    "Person": (
        _p("FirstName", 1),
        _p("FamilyName", 1),
        _p("UserId", 0, 0),
        _p("CivilRegistrationNumber"),
        _p("CivilRegistrationNumberType"),
        _p("EmailAddress"),
        _p("BirthDate"),
        _p("Gender"),
        _p("PhotoId"),
        _p("Address"),
        _p("HomePhoneNumber"),
        _p("WorkPhoneNumber"),
        _p("MobilePhoneNumber"),
        _p("AliasFirstName"),
        _p("AliasFamilyName"),
    ),
    "Address": (
        _p("StreetAddress"),
        _p("PostalCode"),
        _p("PostalDistrict"),
        _p("CountryCode"),
        _p("Country"),
        _p("MunicipalityCode"),
        _p("MunicipalityName"),
    ),
    "Employee": (
        _p("Role", 1, MANY),
        _p("ShortName"),
        _p("Occupation"),
        _p("Location"),
        _p("GroupId", 0, MANY),
    ),
    "Student": (
        _p("Role", 1),
        _p("StudentNumber"),
        _p("Level", 1),
        _p("Location"),
        _p("MainGroupId", 1),
        _p("GroupId", 0, MANY),
        _p("ContactPerson", 0, MANY),
    ),
    "ContactPerson": (_p("Person", 1),),
    "Extern": (_p("Role", 1), _p("GroupId", 0, MANY)),
}

TextCheck = Callable[[str], bool]


def _one_of(*values: str) -> TextCheck:
    allowed = frozenset(values)
    return allowed.__contains__


def _pattern(regex: str) -> TextCheck:
    compiled = re.compile(regex)
    return lambda text: compiled.fullmatch(text) is not None


def _bytes(limit: int) -> TextCheck:
    return lambda text: 0 < len(text.encode("utf-8")) <= limit


def _date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _datetime(text: str) -> bool:
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return "T" in text


def _integer(text: str) -> bool:
    return re.fullmatch(r"[+-]?\d+", text) is not None


_BOOLEAN = _one_of("true", "false", "1", "0")
_NOT_EMPTY: TextCheck = bool

# What an element's text may be: (check, what the rule is, for the message)
TEXT: dict[str, tuple[TextCheck, str]] = {
    "InstitutionNumber": (_pattern("[A-Za-z0-9]{6}"), "six letters or digits (Regnr)"),
    "GroupId": (_NOT_EMPTY, "not empty"),
    "GroupName": (_bytes(100), "at most 100 UTF-8 bytes (Token100char)"),
    "GroupType": (
        _one_of("Hovedgruppe", "Årgang", "Retning", "Hold", "SFO", "Team", "Andet"),
        "a GroupType of the code list",
    ),
    "Line": (_bytes(40), "at most 40 UTF-8 bytes (Token40char)"),
    "FromDate": (_date, "an xs:date"),
    "ToDate": (_date, "an xs:date"),
    "LocalPersonId": (_NOT_EMPTY, "not empty"),
    "FirstName": (_NOT_EMPTY, "not empty"),
    "FamilyName": (_NOT_EMPTY, "not empty"),
    "CivilRegistrationNumberType": (
        _one_of("CPR_VERIFIED", "CPR_UNVERIFIED", "CPR_REPLACEMENT_ID", "CPR_UNKNOWN_TYPE"),
        "a CivilRegistrationNumberType of the code list",
    ),
    "BirthDate": (_date, "an xs:date"),
    "Gender": (_one_of("M", "K"), "M or K"),
    "CountryCode": (_pattern("[A-Z]{2}"), "ISO 3166 alpha-2"),
    "StudentNumber": (_bytes(26), "at most 26 UTF-8 bytes"),
    "MainGroupId": (_NOT_EMPTY, "not empty"),
}
# Role depends on the parent
ROLES: dict[str, tuple[str, ...]] = {
    "Employee": ("Lærer", "Pædagog", "Vikar", "Leder", "Ledelse", "TAP", "Konsulent"),
    "Student": ("Barn", "Elev", "Studerende"),
    "Extern": ("Praktikant", "Ekstern"),
}

_PHONE_ATTRIBUTES = {"protected": (True, _BOOLEAN)}
# Each element's attributes: name → (required, check); an element not named here has none
ATTRIBUTES: dict[str, Mapping[str, tuple[bool, TextCheck]]] = {
    "UNILoginImport": {
        "sourceDateTime": (True, _datetime),
        "source": (True, _NOT_EMPTY),
        "schoolYear": (True, _pattern(r"\d{4}-\d{4}")),
        "sourceVersion": (False, _NOT_EMPTY),
    },
    "Person": {"protected": (True, _BOOLEAN)},
    "HomePhoneNumber": _PHONE_ATTRIBUTES,
    "WorkPhoneNumber": _PHONE_ATTRIBUTES,
    "MobilePhoneNumber": _PHONE_ATTRIBUTES,
    "ContactPerson": {
        # DOMAIN.md §4 gives their values, not whether they are required
        "relation": (False, _one_of("Mor", "Far", "Andet", "Officielt tilknyttet person")),
        "childCustody": (False, _BOOLEAN),
        "accessLevel": (False, _integer),
    },
}


class _Checker:
    def __init__(self, name: str, namespace: str) -> None:
        self.name = name
        self.prefix = f"{{{namespace}}}" if namespace else ""
        self.problems: list[str] = []

    def problem(self, path: str, text: str) -> None:
        self.problems.append(f"{self.name}: {path}: {text}")

    def local(self, element: ET.Element, path: str) -> str | None:
        tag = element.tag
        if not isinstance(tag, str) or not tag.startswith(self.prefix):
            self.problem(path, f"<{tag}> is not in the namespace «{self.prefix[1:-1]}»")
            return None
        local = tag[len(self.prefix) :]
        if "}" in local:
            self.problem(path, f"<{tag}> is not in the namespace «{self.prefix[1:-1]}»")
            return None
        return local

    def element(self, element: ET.Element, tag: str, path: str, parent: str) -> None:
        self.attributes(element, tag, path)
        if tag not in SEQUENCES:
            self.leaf(element, tag, path, parent)
            return
        if (element.text or "").strip():
            self.problem(path, "text where only elements belong")
        children = [(c, self.local(c, f"{path}/?")) for c in element]
        names = [name for _, name in children if name is not None]
        if len(names) < len(children):
            return
        self.sequence(names, SEQUENCES[tag], path)
        for child, name in children:
            self.element(child, name or "", f"{path}/{name}", tag)

    def leaf(self, element: ET.Element, tag: str, path: str, parent: str) -> None:
        if len(element):
            self.problem(path, "elements where only text belongs")
            return
        text = element.text or ""
        if tag == "Role":
            if text not in ROLES.get(parent, ()):
                self.problem(path, f"not a {parent} role of the code list")
        elif tag in TEXT:
            check, rule = TEXT[tag]
            if not check(text):
                self.problem(path, f"must be {rule}")
        elif not text.strip():
            self.problem(path, "empty")

    def attributes(self, element: ET.Element, tag: str, path: str) -> None:
        allowed = ATTRIBUTES.get(tag, {})
        for name in element.attrib:
            if name not in allowed:
                self.problem(path, f"attribute {name} has no place here")
        for name, (required, check) in allowed.items():
            value = element.get(name)
            if value is None:
                if required:
                    self.problem(path, f"attribute {name} is required")
            elif not check(value):
                self.problem(path, f"attribute {name} is not valid")

    def sequence(self, names: list[str], places: tuple[Place, ...], path: str) -> None:
        i = 0
        for place in places:
            n = 0
            while i < len(names) and names[i] in place.names:
                i, n = i + 1, n + 1
            if n < place.min:
                self.problem(path, f"<{'|'.join(place.names)}> is required here")
            if n > place.max:
                self.problem(path, f"<{'|'.join(place.names)}> at most {place.max} time(s)")
        if i < len(names):
            self.problem(path, f"<{names[i]}> is out of order or has no place here")


def check_document(name: str, data: bytes, namespace: str) -> list[str]:
    """What breaks DOMAIN.md §4's structure in one document (empty when nothing does)."""
    checker = _Checker(name, namespace)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return [f"{name}: not well-formed XML ({exc.position})"]
    tag = checker.local(root, "/")
    if tag is None:
        return checker.problems
    if tag != "UNILoginImport":
        checker.problem("/", f"the root is <{tag}>, not <UNILoginImport>")
        return checker.problems
    checker.element(root, tag, "UNILoginImport", "")
    _check_references(checker, root)
    return checker.problems


def _check_references(checker: _Checker, root: ET.Element) -> None:
    """What the sequences cannot say: ids unique on the institution, each MainGroupId a
    Hovedgruppe, GroupLevel given for a Hovedgruppe and only then, an alias for a protected
    person."""
    q = checker.prefix
    for institution in root.iter(f"{q}Institution"):
        path = "UNILoginImport/Institution"
        groups: dict[str, str] = {}
        for group in institution.iter(f"{q}Group"):
            group_id = group.findtext(f"{q}GroupId") or ""
            kind = group.findtext(f"{q}GroupType") or ""
            if group_id in groups:
                checker.problem(f"{path}/Group", "GroupId is not unique on the institution")
            groups[group_id] = kind
            if (group.find(f"{q}GroupLevel") is not None) != (kind == "Hovedgruppe"):
                checker.problem(f"{path}/Group", "GroupLevel is for a Hovedgruppe, and only")
        ids: set[str] = set()
        for person in institution.iter(f"{q}InstitutionPerson"):
            local_id = person.findtext(f"{q}LocalPersonId") or ""
            if local_id in ids:
                checker.problem(f"{path}/InstitutionPerson", "LocalPersonId is not unique")
            ids.add(local_id)
        for main in institution.iter(f"{q}MainGroupId"):
            if groups.get(main.text or "") != "Hovedgruppe":
                checker.problem(
                    f"{path}/InstitutionPerson/Student", "MainGroupId is not a Hovedgruppe"
                )
        for group_ref in institution.iter(f"{q}GroupId"):
            if group_ref.text not in groups:
                checker.problem(f"{path}/InstitutionPerson", "a GroupId names no Group")
    for person in root.iter(f"{q}Person"):
        if person.get("protected") in ("true", "1") and (
            person.find(f"{q}AliasFirstName") is None or person.find(f"{q}AliasFamilyName") is None
        ):
            checker.problem("Person", "a protected person has no alias name")


def check_documents(documents: Mapping[str, bytes], namespace: str) -> None:
    """Every ``.xml`` of ``documents`` through ``check_document``; ``StructureError`` if any
    breaks the structure."""
    # the same problem once, however many people share it
    problems = list(
        dict.fromkeys(
            p
            for name, data in sorted(documents.items())
            if name.endswith(".xml")
            for p in check_document(name, data, namespace)
        )
    )
    if problems:
        shown = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise StructureError(f"{len(problems)} structural problem(s): {shown}{more}")
