"""Unilogin's full export (DOMAIN.md §8) → plain records: who the register holds on a unit.

The file is STIL's answer to ``eksporterXmlFuld`` / ``eksporterXmlFuldMyndighed`` (v7), saved
by a certified system: the bare ``UNILoginExportFull[Myndighed]`` document or the SOAP answer
around it (``Envelope/Body/…Response/xml/…``). Elements are matched by namespace and local name,
never by position: v7 spreads them over the package's namespace, ``…/7/common`` and
``…/common/3`` (DOMAIN.md §8 says which element lives where). An older (v6) export, or a root
in a namespace DOMAIN.md does not document, is read by local names only, and said so.

Parsing is hardened: the file's size is bounded before it is read, and a DTD or an entity
declaration is refused before the parser sees the bytes (so no entity can be expanded and no
external reference fetched). Full CPR numbers stay in these records, in memory; they
leave only masked.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

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


class _Names:
    """The qualified tag of each element this reader looks for, made once per document: v7's
    namespaces (DOMAIN.md §8 says which element lives in which), or bare local names (a tree
    whose namespaces were taken off)."""

    def __init__(self, package: str, common: str, ids: str) -> None:
        def q(ns: str, local: str) -> str:
            return f"{{{ns}}}{local}" if ns else local

        p, c, i = partial(q, package), partial(q, common), partial(q, ids)
        self.import_source, self.institution = c("ImportSource"), p("Institution")
        self.institution_number = c("InstitutionNumber")
        self.institution_names = (p("InstitutionName"), c("InstitutionName"))
        self.institution_person, self.local_person_id = p("InstitutionPerson"), i("LocalPersonId")
        self.person, self.first_name, self.family_name = (
            p("Person"),
            c("FirstName"),
            c("FamilyName"),
        )
        self.user_id, self.cpr = c("UserId"), c("CivilRegistrationNumber")
        self.birth_date = c("BirthDate")
        self.alias_first, self.alias_last = p("AliasFirstName"), p("AliasFamilyName")
        self.student, self.employee, self.extern = p("Student"), c("Employee"), c("Extern")
        self.level, self.main_group, self.group_id = c("Level"), c("MainGroupId"), i("GroupId")
        self.contact_person = p("ContactPerson")


LOCAL = _Names("", "", "")
_V7_NAMES = {ns: _Names(ns, V7_COMMON, V7_IDS) for ns in V7_PACKAGES}


def split_tag(tag: str) -> tuple[str, str]:
    """``{ns}Local`` → (ns, Local)."""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


# A DTD (and with it every entity declaration) is refused before parsing: a register's export
# never has one, and without one the parser can expand no entity (a "billion laughs" needs one).
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def parse_xml(data: bytes, path: Path) -> ET.Element:
    """The document's root. A DTD or entity declaration anywhere is refused before parsing, so
    the standard library's parser (expat, in C: twice as fast as a guarded parser here, which
    matters for a municipality's exports) never sees one; the size was bounded before the file
    was read. A broken or hostile file stops with a message naming it (exit 2)."""
    if _DTD.search(data) or data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:64]:
        # UTF-16 or -32 would hide a declaration from the search: an export is UTF-8
        raise DagplejeError("afstem_xml_dtd", where=str(path), hint="afstem_xml_dtd_hint")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        raise DagplejeError(
            "afstem_xml_broken",
            where=f"{path}, {line}:{column}",
            hint="afstem_xml_broken_hint",
        ) from None


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


def _clean(text: str | None) -> str:
    """An element's text with its white space trimmed and runs of it made one space."""
    if not text:
        return ""
    text = text.strip()
    return " ".join(text.split()) if "  " in text or "\n" in text or "\t" in text else text


def _text(e: ET.Element | None, tag: str) -> str:
    if e is None:
        return ""
    child = e.find(tag)
    return _clean(child.text) if child is not None else ""


def _children(e: ET.Element) -> dict[str, str]:
    """Each child element's text by tag (the first of a tag), in one pass."""
    out: dict[str, str] = {}
    for child in e:
        out.setdefault(child.tag, child.text or "")
    return out


def _cpr(text: str) -> str:
    """The digits of a CPR number as written (``DDMMYY-SSSS`` or ten digits)."""
    text = text.strip()
    return text if text.isdigit() else "".join(ch for ch in text if ch.isdigit())


def read_export(root: ET.Element, path: Path, wrapped: bool) -> UniloginExport:
    """The export under ``root`` as records (``root`` is the ``UNILoginExport…`` element)."""
    namespace, local = split_tag(root.tag)
    package = V7_PACKAGES.get(namespace, "")
    if package and local in ROOTS:
        n, version = _V7_NAMES.get(namespace) or _Names(namespace, V7_COMMON, V7_IDS), "7"
    else:
        _strip_namespaces(root)
        n, version = LOCAL, "local"
        package = local
    sources = [
        ImportSource(
            _attr(s, "source") or "", _attr(s, "sourceDateTime") or "", _attr(s, "schoolYear") or ""
        )
        for s in root.iter(n.import_source)
    ]
    institution = root.find(f".//{n.institution}")
    number = _text(institution, n.institution_number)
    name = next((t for tag in n.institution_names if (t := _text(institution, tag))), "")
    persons: list[ExportPerson] = []
    if institution is not None:
        for ip in institution.iter(n.institution_person):
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
    """One ``InstitutionPerson``: each element looked up by its qualified tag, the person's
    fields in one pass over its children (this runs for every person of a municipality)."""
    parts = {child.tag: child for child in ip}
    local_id = parts.get(n.local_person_id)
    out = ExportPerson(
        _attr(ip, "source") or "", _clean(local_id.text) if local_id is not None else ""
    )
    person = parts.get(n.person)
    if person is not None:
        f = _children(person)
        out.first_name, out.last_name = _clean(f.get(n.first_name)), _clean(f.get(n.family_name))
        out.user_id, out.cpr = _clean(f.get(n.user_id)), _cpr(f.get(n.cpr, ""))
        out.birth_date = _clean(f.get(n.birth_date))
        out.protected = _bool(_attr(person, "protected"))
        out.alias_first, out.alias_last = _clean(f.get(n.alias_first)), _clean(f.get(n.alias_last))
    student, employee, extern = parts.get(n.student), parts.get(n.employee), parts.get(n.extern)
    if student is not None:
        out.kind = "student"
        out.level = _text(student, n.level)
        out.main_group = _text(student, n.main_group)
        out.groups = tuple(_clean(g.text) for g in student.findall(n.group_id))
        for cp in student.findall(n.contact_person):
            p = cp.find(n.person)
            f = _children(p) if p is not None else {}
            out.contacts.append(
                ExportContact(
                    _attr(cp, "relation") or "",
                    _bool(_attr(cp, "childCustody")),
                    _cpr(f.get(n.cpr, "")),
                    _clean(f.get(n.first_name)),
                    _clean(f.get(n.family_name)),
                    _clean(f.get(n.user_id)),
                    _bool(_attr(p, "protected")) if p is not None else None,
                )
            )
    elif employee is not None:
        out.kind = "employee"
        out.groups = tuple(_clean(g.text) for g in employee.findall(n.group_id))
    elif extern is not None:
        out.kind = "extern"
        out.groups = tuple(_clean(g.text) for g in extern.findall(n.group_id))
    return out
