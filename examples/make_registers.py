"""Synthetic register files for ``dagpleje afstem``, made from DOMAIN.md §8 (not from the reader).

    cd examples && python make_registers.py      # after make demo: registre/ beside the plan

Run in a project folder (``dagpleje.toml`` and its plan), it writes ``registre/``: each area's
Unilogin full export as a vendor would fetch it once the last export was loaded (two bare, two
in their SOAP answer), and DTR's Anvisningsenhed export — with a few differences planted, so
that ``dagpleje afstem`` has something to find. The tests and the benchmark use its parts.

``export_xml`` writes Unilogin's v7 full export as STIL's schema places its elements: the root,
``Institution``, ``InstitutionPerson``, ``Person``, ``Student``, ``ContactPerson`` and the aliases
in the package's namespace; ``ImportSource``, ``InstitutionNumber``, ``Group`` and its children,
the person's fields, ``Role``, ``Level``, ``MainGroupId``, ``Employee`` and ``Extern`` in
``…/7/common``; ``LocalPersonId`` and a referring ``GroupId`` in ``…/common/3``. Prefixes are
arbitrary (a reader must match namespaces, not prefixes). ``dtr_csv`` writes DTR's public export:
``;``-separated UTF-8 with a BOM and CRLF. All CPR numbers are synthetic.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from dagplejecli.config import Config
from dagplejecli.domain.identifiers import cpr_birth_date
from dagplejecli.export.unilogin import AreaMembers
from dagplejecli.model import Area

PKG = {
    "full": "https://brugerdatabasen.stil.dk/bpi/wsieksport/7/full",
    "fullmyndighed": "https://brugerdatabasen.stil.dk/bpi/wsieksport/7/fullmyndighed",
}
COMMON = "https://brugerdatabasen.stil.dk/bpi/wsieksport/7/common"
IDS = "https://brugerdatabasen.stil.dk/bpi/common/3"
V6_ROOT = "https://wsieksport.unilogin.dk/eksport/full"
V6_DATA = "https://unilogin.dk/data"
SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
WHEN = "2026-11-02T08:00:00+01:00"


@dataclass
class XContact:
    cpr: str
    first: str
    last: str
    custody: bool = True
    relation: str = "Mor"


@dataclass
class XPerson:
    local_id: str
    first: str
    last: str
    cpr: str
    kind: str  # employee, student
    source: str = "dagpleje"
    user_id: str = ""
    protected: bool = False
    alias: tuple[str, str] = ("", "")
    main_group: str = ""
    level: str = "0"
    contacts: list[XContact] = field(default_factory=list)


def persons_of(members: AreaMembers, config: Config) -> list[XPerson]:
    """An area's people as an export shows them once our import is loaded."""
    out = []
    for d in members.dagplejere:
        out.append(
            XPerson(
                d.id,
                d.first_name,
                d.last_name,
                d.cpr or "",
                "employee",
                config.unilogin.kilde,
                f"u{d.id.lower()}xx",
                d.protected,
                (d.alias_first, d.alias_last),
            )
        )
    for c, group in members.children:
        contacts = [
            XContact(p.cpr or "", p.first_name, p.last_name, p.custody, p.relation or "Andet")
            for p in c.contacts
        ]
        out.append(
            XPerson(
                c.id,
                c.first_name,
                c.last_name,
                c.cpr or "",
                "student",
                config.unilogin.kilde,
                f"b{abs(hash(c.id)) % 10**8:08d}",
                c.protected,
                (c.alias_first, c.alias_last),
                group,
                config.unilogin.trin,
                contacts,
            )
        )
    return out


def _person(
    p: XPerson | XContact,
    cpr: bool,
    user_id: str,
    protected: bool,
    alias: tuple[str, str],
    v6: bool,
) -> str:
    c = "d:" if v6 else "c:"
    pk = "d:" if v6 else "p:"
    first = p.first
    last = p.last
    parts = [
        f"<{c}FirstName>{escape(first)}</{c}FirstName>",
        f"<{c}FamilyName>{escape(last)}</{c}FamilyName>",
    ]
    if user_id:
        parts.append(f"<{c}UserId>{user_id}</{c}UserId>")
    if cpr and p.cpr:
        parts.append(f"<{c}CivilRegistrationNumber>{p.cpr}</{c}CivilRegistrationNumber>")
        parts.append(
            f"<{c}CivilRegistrationNumberType>CPR_VERIFIED</{c}CivilRegistrationNumberType>"
        )
    born = cpr_birth_date(p.cpr) if p.cpr else None
    if born:
        parts.append(f"<{c}BirthDate>{born.isoformat()}</{c}BirthDate>")
    if alias[0] or alias[1]:
        parts.append(f"<{pk}AliasFirstName>{escape(alias[0])}</{pk}AliasFirstName>")
        parts.append(f"<{pk}AliasFamilyName>{escape(alias[1])}</{pk}AliasFamilyName>")
    flag = "true" if protected else "false"
    return f'<{pk}Person protected="{flag}">{"".join(parts)}</{pk}Person>'


def export_xml(
    number: str,
    persons: list[XPerson],
    *,
    sources: list[tuple[str, str]] | None = None,
    package: str = "full",
    soap: bool = False,
    cpr: bool = True,
    v6: bool = False,
    groups: list[str] | None = None,
    name: str = "",
) -> bytes:
    """One unit's full export (``v6``: the older one, every element in ``unilogin.dk/data``)."""
    sources = sources if sources is not None else [("dagpleje", WHEN)]
    if v6:
        root_ns = V6_ROOT
        decl = f'xmlns:p="{V6_ROOT}" xmlns:d="{V6_DATA}"'
        c = i = p_ = "d:"
        root_p = "p:"
    else:
        root_ns = PKG[package]
        decl = f'xmlns:p="{root_ns}" xmlns:c="{COMMON}" xmlns:i="{IDS}"'
        c, i, p_, root_p = "c:", "i:", "p:", "p:"
    del root_ns
    root = "UNILoginExportFullMyndighed" if package == "fullmyndighed" else "UNILoginExportFull"
    out = [f'<{root_p}{root} {decl} exportDateTime="2026-12-01T06:00:00+01:00" accessLevel="3">']
    for source, when in sources:
        out.append(
            f'<{c}ImportSource source={quoteattr(source)} sourceDateTime="{when}" schoolYear="2026-2027"/>'
        )
    out.append(f"<{p_}Institution><{c}InstitutionNumber>{number}</{c}InstitutionNumber>")
    if name:
        out.append(f"<{p_}InstitutionName>{escape(name)}</{p_}InstitutionName>")
    for g in (
        groups
        if groups is not None
        else sorted({x.local_id for x in persons if x.kind == "employee"})
    ):
        out.append(
            f"<{c}Group><{c}GroupId>{g}</{c}GroupId><{c}GroupType>Hovedgruppe</{c}GroupType>"
            f"<{c}GroupLevel>0</{c}GroupLevel></{c}Group>"
        )
    for x in persons:
        body = [f"<{i}LocalPersonId>{escape(x.local_id)}</{i}LocalPersonId>"] if x.local_id else []
        body.append(_person(x, cpr, x.user_id, x.protected, x.alias, v6))
        if x.kind == "employee":
            body.append(
                f"<{c}Employee><{c}Role>Pædagog</{c}Role><{i}GroupId>{x.local_id}</{i}GroupId></{c}Employee>"
            )
        else:
            contacts = "".join(
                f'<{p_}ContactPerson relation="{k.relation}" childCustody="{"true" if k.custody else "false"}" accessLevel="1">'
                + _person(k, cpr, "", False, ("", ""), v6)
                + f"</{p_}ContactPerson>"
                for k in x.contacts
            )
            body.append(
                f"<{p_}Student><{c}Role>Barn</{c}Role><{c}Level>{x.level}</{c}Level>"
                f"<{c}MainGroupId>{x.main_group}</{c}MainGroupId>{contacts}</{p_}Student>"
            )
        out.append(
            f"<{p_}InstitutionPerson source={quoteattr(x.source)}>{''.join(body)}</{p_}InstitutionPerson>"
        )
    out.append(f"</{p_}Institution></{root_p}{root}>")
    document = "".join(out)
    if soap:
        op = (
            "eksporterXmlFuldMyndighedResponse"
            if package == "fullmyndighed"
            else "eksporterXmlFuldResponse"
        )
        document = (
            f'<S:Envelope xmlns:S="{SOAP}"><S:Body>'
            f'<ns9:{op} xmlns:ns9="https://wsieksport.unilogin.dk/ws"><ns9:xml>{document}</ns9:xml></ns9:{op}>'
            "</S:Body></S:Envelope>"
        )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + document).encode("utf-8")


DTR_HEADER = [
    "anvisningsenhedsNummer",
    "daginstitutionsNummer",
    "navn",
    "instType3",
    "aktivitetsstatus",
    "kommuneKode",
    "vejNavn",
    "husNummer",
    "postNummer",
    "byNavn",
    "pNummer",
    "geoBredde",
    "geoLaengde",
]


def dtr_unit(number: str, name: str, **values: str) -> dict[str, str]:
    """A row of the Anvisningsenhed export for one of Aarhus' dagpleje units (as conftest's
    BASE_CONFIG configures them), with ``values`` changed."""
    row = {
        "anvisningsenhedsNummer": number,
        "daginstitutionsNummer": "DI0001",
        "navn": name,
        "instType3": "6013",
        "aktivitetsstatus": "Aktiv",
        "kommuneKode": "751",
        "vejNavn": "Rådhuspladsen",
        "husNummer": "2",
        "postNummer": "8000",
        "byNavn": "Aarhus C",
        "pNummer": "1003386512",
        "geoBredde": "56,153",
        "geoLaengde": "10,203",
    }
    row.update(values)
    return row


def dtr_csv(
    rows: list[dict[str, str]],
    header: list[str] | None = None,
    encoding: str = "utf-8-sig",
    delimiter: str = ";",
) -> bytes:
    header = header or DTR_HEADER
    lines = [delimiter.join(header)]
    lines += [delimiter.join(row.get(h, "") for h in header) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def area_unit(area: Area) -> dict[str, str]:
    """An area as DTR lists it once created from the configuration (its address written as
    ``Vej 1, 8000 By``)."""
    street, _, town = area.address_text.partition(", ")
    road, _, house = street.rpartition(" ")
    postnr, _, city = town.partition(" ")
    values = {"vejNavn": road, "husNummer": house, "postNummer": postnr, "byNavn": city}
    values |= {"pNummer": area.p_number, "daginstitutionsNummer": area.daginstitution_number}
    return dtr_unit(area.institution_number, area.name, **values)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, default=Path("dagpleje.toml"))
    parser.add_argument("--out", type=Path, default=Path("registre"))
    options = parser.parse_args(argv)
    from dagplejecli.export.manifest import parse_manifest
    from dagplejecli.export.unilogin import members_by_area
    from dagplejecli.pipeline import validate_project

    folder = options.config.parent
    full = validate_project(options.config, folder / "dagpleje-plan.xlsx").planned
    config = full.config.config
    manifest = folder / "eksport" / "manifest.json"
    loaded = WHEN
    if manifest.exists():
        last = parse_manifest(manifest.read_text("utf-8")).last_source_datetime()
        loaded = last.isoformat() if last else WHEN
    members = [m for m in members_by_area(full.plan, full.roster) if m.area.institution_number]
    people = {m.area.institution_number: persons_of(m, config) for m in members}
    sources = {number: [(config.unilogin.kilde, loaded)] for number in people}
    numbers = sorted(people)
    first, second = numbers[0], numbers[1 % len(numbers)]
    third, fourth = numbers[2 % len(numbers)], numbers[3 % len(numbers)]
    # Only dagplejere (whose ids are the roster's) and made-up people differ: a child's id is
    # derived with the folder's own secret, so the output stays the same in every folder.
    # a dagplejer the import did not load (refused), and a child who has left but is still there
    refused = next(p for p in people[first] if p.kind == "employee")
    people[first].remove(refused)
    people[first].append(
        XPerson(
            "B-GAMMEL01",
            "Karla",
            "Kristensen",
            "",
            "student",
            config.unilogin.kilde,
            "karl4711",
            main_group=refused.local_id,
            level=config.unilogin.trin,
        )
    )
    # a second import source: the booking system's two guest carers
    for k, name in enumerate(("Vibeke", "Yrsa")):
        people[first].append(
            XPerson(f"V{k + 1}", name, "Gæst", "", "employee", "pladsanvisning", f"vik{k}0001")
        )
    sources[first].append(("pladsanvisning", loaded))
    # a dagplejer who is in another area in Unilogin than in the plan
    moved = next(p for p in people[second] if p.kind == "employee")
    people[second].remove(moved)
    people[third].append(moved)
    # our id with another CPR number in Unilogin
    odd = next(p for p in people[fourth] if p.kind == "employee" and p.cpr)
    odd.cpr = odd.cpr[:6] + ("1235" if odd.cpr[6:] != "1235" else "1237")
    options.out.mkdir(exist_ok=True)
    for i, number in enumerate(numbers):
        data = export_xml(number, people[number], sources=sources[number], soap=i % 2 == 1)
        (options.out / f"unilogin-{number}.xml").write_bytes(data)
    units = [area_unit(a) for a in full.plan.areas if a.institution_number]
    extra = dict(daginstitutionsNummer=units[0]["daginstitutionsNummer"])
    units += [
        dtr_unit("EK0005", "Dagplejen Øst", **extra),
        dtr_unit("EK0009", "Dagplejen Gl. Vest", aktivitetsstatus="Nedlagt", **extra),
        dtr_unit("KB0101", "Dagplejen Amager", kommuneKode="101", pNummer="1029829825"),
        dtr_unit("OD0461", "Dagplejen Vollsmose", kommuneKode="461", pNummer="1029829825"),
    ]
    (options.out / "anvisningsenheder.csv").write_bytes(dtr_csv(units))
    print(f"Skrev {len(numbers) + 1} filer til {options.out}/.")


if __name__ == "__main__":
    main()
