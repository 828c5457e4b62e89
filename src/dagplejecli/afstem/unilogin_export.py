"""Unilogin's full export (DOMAIN.md §8) → plain records: who the register holds on a unit.

The file is STIL's answer to ``eksporterXmlFuld`` / ``eksporterXmlFuldMyndighed`` (v7), saved
by a certified system: the bare ``UNILoginExportFull[Myndighed]`` document or the SOAP answer
around it (``Envelope/Body/…Response/xml/…``). Elements are matched by namespace and local name,
never by position: v7 spreads them over the package's namespace, ``…/7/common`` and
``…/common/3`` (DOMAIN.md §8 says which element lives where). An older (v6) export, or a root
in a namespace DOMAIN.md does not document, is read by local names only, and said so.

Parsing is hardened: the file's size is bounded before it is read, and ``defusedxml`` refuses a
DTD, entities and external references. Full CPR numbers stay in these records, in memory; they
leave only masked.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from dagplejecli.errors import DagplejeError

V7 = "https://brugerdatabasen.stil.dk/bpi/wsieksport/7/"
V7_COMMON = V7 + "common"
V7_IDS = "https://brugerdatabasen.stil.dk/bpi/common/3"
V7_PACKAGES = {V7 + "full": "full", V7 + "fullmyndighed": "fullmyndighed"}
V6_PREFIXES = ("https://wsieksport.unilogin.dk/eksport", "https://unilogin.dk/data")
ROOTS = ("UNILoginExportFull", "UNILoginExportFullMyndighed")
ROOT_PREFIX = "UNILoginExport"  # the small and medium packages' roots begin alike


@dataclass(slots=True)
class ExportContact:
    """A contact person inside a child (not an InstitutionPerson of their own)."""

    relation: str
    custody: bool | None
    cpr: str  # full, in memory only ("" when the export does not carry it)
    first_name: str
    last_name: str
    user_id: str
    protected: bool | None


@dataclass(slots=True)
class ExportPerson:
    """One ``InstitutionPerson``: ``source`` is the import that made it, ``kind`` ``employee``,
    ``student``, ``extern`` or "" (none of them)."""

    source: str
    local_id: str
    user_id: str = ""
    first_name: str = ""
    last_name: str = ""
    alias_first: str = ""
    alias_last: str = ""
    cpr: str = ""  # full, in memory only
    birth_date: str = ""
    protected: bool | None = None
    kind: str = ""
    main_group: str = ""
    level: str = ""
    groups: tuple[str, ...] = ()
    contacts: list[ExportContact] = field(default_factory=list)

    @property
    def name(self) -> str:
        first, last = self.first_name, self.last_name
        return f"{first} {last}" if first and last else first or last


@dataclass(frozen=True, slots=True)
class ImportSource:
    source: str
    source_datetime: str
    school_year: str


@dataclass(slots=True)
class UniloginExport:
    """One unit's export, as read: ``version`` is ``7``, or ``local`` when read by local names
    (``namespace`` then says which the root had)."""

    path: Path
    wrapped: bool  # in its SOAP answer
    version: str
    namespace: str
    package: str  # full, fullmyndighed, or the root's name for another package
    export_datetime: str
    institution_number: str
    institution_name: str
    sources: list[ImportSource]
    persons: list[ExportPerson]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def carries_cpr(self) -> bool:
        """Whether the caller's agreement and filter gave CPR numbers (DOMAIN.md §8)."""
        return any(p.cpr for p in self.persons) or any(
            c.cpr for p in self.persons for c in p.contacts
        )

    @property
    def carries_contacts(self) -> bool:
        return any(p.contacts for p in self.persons)


@dataclass(frozen=True, slots=True)
class _Names:
    """The qualified tag of each element this reader looks for: v7's namespaces, or bare local
    names (a tree whose namespaces were taken off)."""

    package: str
    common: str
    ids: str

    def p(self, local: str) -> str:
        return f"{{{self.package}}}{local}" if self.package else local

    def c(self, local: str) -> str:
        return f"{{{self.common}}}{local}" if self.common else local

    def i(self, local: str) -> str:
        return f"{{{self.ids}}}{local}" if self.ids else local


LOCAL = _Names("", "", "")


def split_tag(tag: str) -> tuple[str, str]:
    """``{ns}Local`` → (ns, Local)."""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def parse_xml(data: bytes, path: Path) -> ET.Element:
    """The document's root, parsed with no DTD, no entities and no external references; a
    broken or hostile file stops with a message naming it (exit 2)."""
    try:
        root: ET.Element = fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        raise DagplejeError("afstem_xml_dtd", where=str(path), hint="afstem_xml_dtd_hint") from None
    except ET.ParseError as exc:
        line, column = exc.position
        raise DagplejeError(
            "afstem_xml_broken",
            where=f"{path}, {line}:{column}",
            hint="afstem_xml_broken_hint",
        ) from None
    return root


def find_export_root(root: ET.Element, path: Path) -> tuple[ET.Element, bool] | None:
    """The ``UNILoginExport…`` element: the root itself, or inside a SOAP answer
    (``Envelope/Body/…Response/xml/…``, matched by local names: DOMAIN.md gives the path, not
    the wrapper's namespaces). None when the document is neither."""
    if split_tag(root.tag)[1].startswith(ROOT_PREFIX):
        return root, False
    if split_tag(root.tag)[1] != "Envelope":
        return None
    body = next((e for e in root if split_tag(e.tag)[1] == "Body"), None)
    if body is None:
        return None
    for response in body:
        if not split_tag(response.tag)[1].startswith("eksporterXml"):
            continue
        for holder in response:
            if split_tag(holder.tag)[1] != "xml":
                continue
            for inner in holder:
                if split_tag(inner.tag)[1].startswith(ROOT_PREFIX):
                    return inner, True
            text = (holder.text or "").strip()
            if text.startswith("<"):  # the document as escaped text inside <xml>
                inner = parse_xml(text.encode("utf-8"), path)
                if split_tag(inner.tag)[1].startswith(ROOT_PREFIX):
                    return inner, True
    return None


def _strip_namespaces(root: ET.Element) -> None:
    for e in root.iter():
        if isinstance(e.tag, str) and e.tag.startswith("{"):
            e.tag = e.tag.split("}", 1)[1]


def _bool(value: str | None) -> bool | None:
    if value is None:
        return None
    v = value.strip().lower()
    return True if v in ("true", "1") else False if v in ("false", "0") else None


def _attr(e: ET.Element, name: str) -> str | None:
    """An attribute by local name (unqualified in STIL's schemas, but a prefix is harmless)."""
    if name in e.attrib:
        return e.attrib[name]
    for key, value in e.attrib.items():
        if split_tag(key)[1] == name:
            return value
    return None


def _text(e: ET.Element | None, tag: str) -> str:
    if e is None:
        return ""
    child = e.find(tag)
    return " ".join((child.text or "").split()) if child is not None else ""


def _cpr(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def read_export(root: ET.Element, path: Path, wrapped: bool) -> UniloginExport:
    """The export under ``root`` as records (``root`` is the ``UNILoginExport…`` element)."""
    namespace, local = split_tag(root.tag)
    package = V7_PACKAGES.get(namespace, "")
    if package and local in ROOTS:
        n, version = _Names(namespace, V7_COMMON, V7_IDS), "7"
    else:
        _strip_namespaces(root)
        n, version = LOCAL, "local"
        package = local
    sources = [
        ImportSource(
            _attr(s, "source") or "", _attr(s, "sourceDateTime") or "", _attr(s, "schoolYear") or ""
        )
        for s in root.iter(n.c("ImportSource"))
    ]
    institution = root.find(f".//{n.p('Institution')}")
    number = _text(institution, n.c("InstitutionNumber"))
    name = _text(institution, n.p("InstitutionName")) or _text(institution, n.c("InstitutionName"))
    persons: list[ExportPerson] = []
    if institution is not None:
        for ip in institution.iter(n.p("InstitutionPerson")):
            persons.append(_person(ip, n))
    return UniloginExport(
        path,
        wrapped,
        version,
        namespace,
        package,
        _attr(root, "exportDateTime") or "",
        number.upper(),
        name,
        sources,
        persons,
    )


def _person(ip: ET.Element, n: _Names) -> ExportPerson:
    person = ip.find(n.p("Person"))
    out = ExportPerson(_attr(ip, "source") or "", _text(ip, n.i("LocalPersonId")))
    if person is not None:
        out.first_name = _text(person, n.c("FirstName"))
        out.last_name = _text(person, n.c("FamilyName"))
        out.user_id = _text(person, n.c("UserId"))
        out.cpr = _cpr(_text(person, n.c("CivilRegistrationNumber")))
        out.birth_date = _text(person, n.c("BirthDate"))
        out.protected = _bool(_attr(person, "protected"))
        out.alias_first = _text(person, n.p("AliasFirstName"))
        out.alias_last = _text(person, n.p("AliasFamilyName"))
    student = ip.find(n.p("Student"))
    employee = ip.find(n.c("Employee"))
    extern = ip.find(n.c("Extern"))
    if student is not None:
        out.kind = "student"
        out.level = _text(student, n.c("Level"))
        out.main_group = _text(student, n.c("MainGroupId"))
        out.groups = tuple((g.text or "").strip() for g in student.findall(n.i("GroupId")))
        for cp in student.findall(n.p("ContactPerson")):
            p = cp.find(n.p("Person"))
            out.contacts.append(
                ExportContact(
                    _attr(cp, "relation") or "",
                    _bool(_attr(cp, "childCustody")),
                    _cpr(_text(p, n.c("CivilRegistrationNumber"))),
                    _text(p, n.c("FirstName")),
                    _text(p, n.c("FamilyName")),
                    _text(p, n.c("UserId")),
                    _bool(_attr(p, "protected")) if p is not None else None,
                )
            )
    elif employee is not None:
        out.kind = "employee"
        out.groups = tuple((g.text or "").strip() for g in employee.findall(n.i("GroupId")))
    elif extern is not None:
        out.kind = "extern"
        out.groups = tuple((g.text or "").strip() for g in extern.findall(n.i("GroupId")))
    return out
