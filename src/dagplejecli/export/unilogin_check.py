"""A structural check of a ``UNILoginImport`` document, written from DOMAIN.md §4 — not from
the writer, so that it can find the writer's mistakes.

The tables below say, for each element, its children in order with their cardinalities, its
attributes, and what its text may be (code lists, patterns, lengths). They are turned into an
XML schema once per namespace, which lxml checks in C (a national roster's documents hold over
a million elements). What XSD 1.0 cannot say — lengths in UTF-8 bytes, a ``MainGroupId`` that
must be a ``Hovedgruppe``, ``GroupLevel`` for a ``Hovedgruppe`` only, an alias for a protected
person — is checked after it, and so are the identities (``GroupId`` and ``LocalPersonId``
unique on the institution, each group reference naming a group), as sets in one walk over the
elements concerned: as XSD identity constraints, libxml2 took longer over them than over the
rest of the schema together (0.39 s of 0.64 s on a national roster's four documents).

Export runs every document through ``check_documents`` before anything is written; a document
that fails is a bug in dagpleje (``StructureError``, exit code 70), never the user's data: what
the data can get wrong, ``validate`` reports first.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dagplejecli.domain.identifiers import mask_cpr_in_text
from dagplejecli.formats.xml import escape

if TYPE_CHECKING:
    from lxml import etree

MANY = -1  # maxOccurs="unbounded"


class StructureError(Exception):
    """An export document breaks the published structure: a bug in dagpleje, not in the data."""


@dataclass(frozen=True, slots=True)
class Place:
    """One place in an element's sequence: one of ``names`` (alternatives), min..max times."""

    names: tuple[str, ...]
    min: int = 0
    max: int = 1


def _p(names: str, least: int = 0, most: int = 1) -> Place:
    return Place(tuple(names.split("|")), least, most)


# Each element's children, in the order of DOMAIN.md §4 ("A|B": at most one of them there).
# ``UserId`` (export only: "an importer never writes one") has no place, so it is refused.
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
    # personMini → personMedium → personFull → personFullMyndighed, each appending to its base
    "Person": (
        _p("FirstName", 1),
        _p("FamilyName", 1),
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

# What a text may be: ("enum", values), ("pattern", regex), ("type", xs type),
# ("not_empty",) for what is mandatory, ("bytes", n) for a length STIL counts in UTF-8 bytes.
# An element not named here (nor in SEQUENCES) is any text.
Text = tuple[str, ...]
TEXT: dict[str, Text] = {
    "InstitutionNumber": ("pattern", "[A-Za-z0-9]{6}"),  # Regnr
    "GroupId": ("not_empty",),
    "GroupName": ("bytes", "100"),  # Token100char
    "GroupType": ("enum", "Hovedgruppe", "Årgang", "Retning", "Hold", "SFO", "Team", "Andet"),
    "Line": ("bytes", "40"),  # Token40char
    "FromDate": ("type", "xs:date"),
    "ToDate": ("type", "xs:date"),
    "LocalPersonId": ("not_empty",),
    "FirstName": ("not_empty",),
    "FamilyName": ("not_empty",),
    "CivilRegistrationNumberType": (
        "enum",
        "CPR_VERIFIED",
        "CPR_UNVERIFIED",
        "CPR_REPLACEMENT_ID",
        "CPR_UNKNOWN_TYPE",
    ),
    "BirthDate": ("type", "xs:date"),
    "Gender": ("enum", "M", "K"),
    "CountryCode": ("pattern", "[A-Z]{2}"),  # ISO 3166 alpha-2
    "StudentNumber": ("bytes", "26"),
    "Level": ("not_empty",),  # mandatory "trin"
    "MainGroupId": ("not_empty",),
}
# Role's code list depends on the element it is in
ROLES: dict[str, Text] = {
    "Employee": ("enum", "Lærer", "Pædagog", "Vikar", "Leder", "Ledelse", "TAP", "Konsulent"),
    "Student": ("enum", "Barn", "Elev", "Studerende"),
    "Extern": ("enum", "Praktikant", "Ekstern"),
}

_PROTECTED = {"protected": (True, ("type", "xs:boolean"))}
# Each element's attributes: name → (required, text); an element not named here has none
ATTRIBUTES: dict[str, Mapping[str, tuple[bool, Text]]] = {
    "UNILoginImport": {
        "sourceDateTime": (True, ("type", "xs:dateTime")),
        "source": (True, ("not_empty",)),
        "schoolYear": (True, ("pattern", r"\d{4}-\d{4}")),
        "sourceVersion": (False, ()),
    },
    "Person": _PROTECTED,
    "HomePhoneNumber": _PROTECTED,
    "WorkPhoneNumber": _PROTECTED,
    "MobilePhoneNumber": _PROTECTED,
    # DOMAIN.md §4 gives their values, not whether they are required
    "ContactPerson": {
        "relation": (False, ("enum", "Mor", "Far", "Andet", "Officielt tilknyttet person")),
        "childCustody": (False, ("type", "xs:boolean")),
        "accessLevel": (False, ("type", "xs:integer")),
    },
}


def _simple_type(text: Text) -> str:
    """``text`` as an XSD simple type: a ``type="…"`` attribute or an inline restriction."""
    kind, *values = text or ("",)
    if kind == "type":
        return f' type="{values[0]}"'
    if kind == "enum":
        facets = "".join(f"<xs:enumeration value={_quoteattr(v)}/>" for v in values)
    elif kind == "pattern":
        facets = f"<xs:pattern value={_quoteattr(values[0])}/>"
    elif kind == "not_empty":
        facets = '<xs:minLength value="1"/>'
    else:  # any text; "bytes" is counted after the schema, in Python
        return ' type="xs:string"'
    restriction = f'<xs:restriction base="xs:string">{facets}</xs:restriction>'
    # the caller closes the tag: ``/>`` after a type, ``></xs:element>`` after this
    return f"><xs:simpleType>{restriction}</xs:simpleType"


def _attributes(tag: str) -> str:
    out = []
    for name, (required, text) in ATTRIBUTES.get(tag, {}).items():
        use = "required" if required else "optional"
        declared = _simple_type(text)
        closing = "></xs:attribute>" if declared.startswith(">") else "/>"
        out.append(f'<xs:attribute name="{name}" use="{use}"{declared}{closing}')
    return "".join(out)


def _occurs(place: Place) -> str:
    most = "unbounded" if place.max == MANY else str(place.max)
    return f' minOccurs="{place.min}" maxOccurs="{most}"'


def _element(tag: str, parent: str, occurs: str = "") -> str:
    head = f'<xs:element name="{tag}"{occurs}'
    if tag in SEQUENCES:
        parts = []
        for place in SEQUENCES[tag]:
            if len(place.names) == 1:
                parts.append(_element(place.names[0], tag, _occurs(place)))
            else:
                inner = "".join(_element(n, tag) for n in place.names)
                parts.append(f"<xs:choice{_occurs(place)}>{inner}</xs:choice>")
        body = f"<xs:sequence>{''.join(parts)}</xs:sequence>{_attributes(tag)}"
        return f"{head}><xs:complexType>{body}</xs:complexType></xs:element>"
    if tag in ATTRIBUTES:  # text with attributes: the phone numbers
        extension = f'<xs:extension base="xs:string">{_attributes(tag)}</xs:extension>'
        content = f"<xs:simpleContent>{extension}</xs:simpleContent>"
        return f"{head}><xs:complexType>{content}</xs:complexType></xs:element>"
    declared = _simple_type(ROLES[parent] if tag == "Role" else TEXT.get(tag, ()))
    return f"{head}{declared}{'></xs:element>' if declared.startswith('>') else '/>'}"


def _quoteattr(value: str) -> str:
    """``value`` as a double-quoted XML attribute value."""
    return f'"{escape(value, quotes=True, line_breaks="reference")}"'


def schema_text(namespace: str) -> str:
    """The tables as an XML schema with ``namespace`` as its target ("" for none)."""
    uri = _quoteattr(namespace)
    target = f" targetNamespace={uri} xmlns:d={uri}" if namespace else ""
    root = _element("UNILoginImport", "")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'elementFormDefault="qualified"{target}>{root}</xs:schema>'
    )


@functools.lru_cache(maxsize=4)
def _schema(namespace: str) -> etree.XMLSchema:
    from lxml import etree

    return etree.XMLSchema(etree.fromstring(schema_text(namespace).encode("utf-8")))


def check_document(name: str, data: bytes, namespace: str) -> list[str]:
    """What breaks DOMAIN.md §4's structure in one document (empty when nothing does)."""
    from lxml import etree

    # the indentation between elements is no content (a third of the parse without it); a
    # text of spaces alone in an element stays, as libxml2 keeps it. Comments and processing
    # instructions carry nothing for Unilogin: without them an element's text is one node.
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=True,
        remove_blank_text=True,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return [f"{name}: not well-formed XML: {exc}"]
    schema = _schema(namespace)
    if not schema.validate(root):
        return [f"{name}, line {e.line}: {e.message}" for e in schema.error_log]  # type: ignore[attr-defined]
    return [f"{name}: {problem}" for problem in _beyond_the_schema(root, namespace)]


def _repeated(texts: list[str | None]) -> str | None:
    """The first text of ``texts`` that comes again, or None."""
    seen: set[str | None] = set()
    for text in texts:
        if text in seen:
            return text
        seen.add(text)
    return None


def _beyond_the_schema(root: etree._Element, namespace: str) -> list[str]:
    """What XSD 1.0 cannot say, and the identities, in one walk over the elements concerned
    (the walk is lxml's, in C; Python sees only those elements). The document has passed the
    schema, so each element stands only where SEQUENCES puts it."""
    q = f"{{{namespace}}}" if namespace else ""
    group, group_id, main_group = f"{q}Group", f"{q}GroupId", f"{q}MainGroupId"
    person, person_id = f"{q}Person", f"{q}LocalPersonId"
    limits = {f"{q}{tag}": int(rule[1]) for tag, rule in TEXT.items() if rule[0] == "bytes"}
    problems: list[str] = []
    groups: list[etree._Element] = []
    named: set[str | None] = set()  # every GroupId: a group's own, and those naming one
    main_groups: set[str | None] = set()
    person_ids: list[str | None] = []
    for e in root.iter(group, group_id, main_group, person, person_id, *limits):
        tag = e.tag
        if tag == person:
            # xs:boolean: "true" or "1", spaces around allowed
            if str(e.get("protected")).strip() in ("true", "1") and (
                e.find(f"{q}AliasFirstName") is None or e.find(f"{q}AliasFamilyName") is None
            ):
                problems.append("a protected person without an alias name")
        elif tag == person_id:
            person_ids.append(e.text)
        elif tag == main_group:
            main_groups.add(e.text)
        elif tag == group_id:
            named.add(e.text)
        elif tag == group:
            groups.append(e)
        elif len((e.text or "").encode("utf-8")) > limits[str(tag)]:
            problems.append(f"a {str(tag)[len(q) :]} longer than {limits[str(tag)]} UTF-8 bytes")
    ids = [g.findtext(group_id) for g in groups]
    if (twice := _repeated(ids)) is not None:
        problems.append(f"Duplicate GroupId {twice!r} on the institution (key 'group')")
    if unknown := (named | main_groups) - set(ids):
        problems.append(
            f"a GroupId or MainGroupId {min(map(str, unknown))!r} that names no Group"
            " (keyref 'groupref')"
        )
    if (twice := _repeated(person_ids)) is not None:
        problems.append(f"Duplicate LocalPersonId {twice!r} on the institution (unique 'person')")
    hovedgrupper = set()
    for g, gid in zip(groups, ids, strict=True):
        is_main = g.findtext(f"{q}GroupType") == "Hovedgruppe"
        if is_main:
            hovedgrupper.add(gid)
        if (g.find(f"{q}GroupLevel") is not None) != is_main:
            problems.append("GroupLevel must be given for a Hovedgruppe, and only then")
    if not main_groups <= hovedgrupper:
        problems.append("a MainGroupId that is not a Hovedgruppe")
    return list(dict.fromkeys(problems))


def check_documents(documents: Mapping[str, bytes], namespace: str) -> None:
    """Every ``.xml`` of ``documents`` through ``check_document``; ``StructureError`` if any
    breaks the structure (the values in the message masked: a CPR may be among them)."""
    problems = [
        p
        for name, data in sorted(documents.items())
        if name.endswith(".xml")
        for p in check_document(name, data, namespace)
    ]
    if problems:
        shown = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise StructureError(mask_cpr_in_text(f"{len(problems)} problem(s): {shown}{more}"))
