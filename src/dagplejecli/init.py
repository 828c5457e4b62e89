"""``dagpleje init``: a starter ``dagpleje.toml`` from a roster, with placeholders to fill in.

Everything the roster tells (sheets, columns, a division column and its values) is filled in;
what only the municipality knows (P-number, address, lovgrundlag) is a clearly marked
placeholder (``UDFYLD: …``) that ``validate`` reports until it is filled in.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass

from dagplejecli.config import UNILOGIN_NAMESPACE
from dagplejecli.domain.identifiers import contains_cpr
from dagplejecli.domain.values import comparable_text, without_controls
from dagplejecli.kommuner import Kommune
from dagplejecli.model import Roster, SheetInfo
from dagplejecli.proposal import Proposal
from dagplejecli.roster.headers import normalise_header

DIVISION_WORDS = (
    "distrikt",
    "område",
    "omraade",
    "team",
    "gruppe",
    "klynge",
    "region",
    "afdeling",
    "dagplejeområde",
    "dagplejedistrikt",
    "legestue",
    "legestuegruppe",
)
MAX_AREAS = 40  # more distinct values than this is not a division but, say, a street


@dataclass(frozen=True, slots=True)
class Division:
    column: str  # as the configuration will name it (rules match headers in any case)
    counts: list[tuple[str, int]]  # value → dagplejere, most first
    missing: int  # dagplejere without a value


def find_division(roster: Roster) -> Division | None:
    """The first column that looks like a division of the dagplejere (e.g. ``Distrikt``)."""
    if not roster.dagplejere:
        return None
    headers = list(roster.dagplejere[0].extra)
    for word in DIVISION_WORDS:
        for header in headers:
            norm = normalise_header(header)
            if norm == word or norm.split(" ")[0] == word:
                division = _division(roster, header)
                if division is not None:
                    return division
    return None


def _division(roster: Roster, header: str) -> Division | None:
    """Counts per value, compared as the rules compare (case and spaces do not matter)."""
    spellings: dict[str, Counter[str]] = {}
    missing = 0
    for d in roster.dagplejere:
        value = d.extra.get(header, "").strip()
        if not value or contains_cpr(value):
            missing += 1  # a CPR number typed into the column is never an area's name
            continue
        spellings.setdefault(comparable_text(value), Counter())[value] += 1
    if not 1 <= len(spellings) <= MAX_AREAS:
        return None
    # a control character in a cell is not written into the configuration (TOML and the
    # registers refuse it); the rules ignore it when they compare
    counts = [
        (without_controls(c.most_common(1)[0][0]), sum(c.values())) for c in spellings.values()
    ]
    # "DISTRIKT" from a shouting export reads better as "Distrikt"; rules ignore case anyway
    name = header.title() if header.isupper() else header
    return Division(name, sorted(counts, key=lambda kv: (-kv[1], kv[0])), missing)


def _q(value: str) -> str:
    """A TOML string: JSON's escaping is valid TOML for basic strings, but JSON leaves DEL,
    which TOML forbids, and a lone surrogate cannot be written as UTF-8 at all."""
    text = json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    return text.encode("utf-8", "replace").decode("utf-8") if _SURROGATE.search(text) else text


_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")  # not allowed in a TOML comment


def _key(name: str) -> str:
    bare = name.replace("_", "").replace("-", "").isalnum() and name.isascii()
    return name if bare else _q(name)


def _short(kommune: Kommune | None) -> str:
    """``Aarhus Kommune`` → ``Aarhus``; ``Københavns Kommune`` → ``København``."""
    if kommune is None:
        return "Kommunen"
    name = kommune.navn.removesuffix(" Kommune")
    return "København" if name == "Københavns" else name


def config_text(
    roster: Roster,
    kommune: Kommune | None,
    division: Division | None,
    proposal: Proposal | None = None,
    id_column: str | None = None,
) -> str:
    """The whole starter configuration, with Danish comments; the areas from ``proposal`` (new
    areas from postnumre) when given, else from ``division`` (a column the roster has).
    ``id_column``: the dagplejere's column the children's sheet names them by, mapped as
    their id."""
    lines: list[str] = [
        f"# dagpleje.toml — lavet af «dagpleje init» ud fra {_CONTROL.sub('?', roster.path.name)}.",
        "# Udfyld alle værdier, der begynder med UDFYLD; «dagpleje validate» peger på dem, indtil",
        "# de er udfyldt. Tekst står i anførselstegn; linjer der begynder med # er kommentarer.",
        "",
        "[kommune]",
    ]
    if kommune is None:
        lines.append("kode = 0                        # UDFYLD: kommunekoden, fx 751 for Aarhus")
    else:
        lines.append(
            f"kode = {kommune.kode:<26}# {kommune.navn}; CVR {kommune.cvr} fra den indbyggede liste"
        )
    lines += [
        "",
        "[dtr]",
        "ejerform = 1                    # ejerformKode: 1 = Kommunal",
        "# lovgrundlagKode: koden for kommunal dagpleje (Dagtilbudsloven § 21, stk. 2). Kodelisten er",
        "# ikke offentlig: spørg kommunens DTR-leverandør, og skriv koden som et tal (uden anførselstegn)",
        'lovgrundlag = "UDFYLD: koden fra DTR-leverandøren"',
        "insttype = 6013                 # InstType3: 6013 = dagpleje (tredjepartskilder; kan ændres)",
        '# cvr_udtraek = "p-enheder.xlsx" # kommunens P-enheder fra CVR: så tjekkes P-numre og adresser',
        "",
        "[unilogin]",
        f'navnerum = "{UNILOGIN_NAMESPACE}"   # XML-navnerum; STIL\'s officielle XSD afgør det (se README)',
        'kilde = "dagpleje"              # importens source',
        'rolle = "Pædagog"               # dagplejernes rolle (Unilogin har ingen rolle «Dagplejer»)',
        'trin = "0"                      # børnenes Level (STIL oplyser ikke værdien for dagtilbud)',
        "adgangsniveau = 1               # kontaktpersonernes accessLevel",
        "",
        "[roster]",
        "# En tom celle for forældremyndighed er en fejl, til I har besluttet, hvad den betyder:",
        '# "nej" (ingen myndighed) eller "forældre" (Mor og Far har myndighed). Myndighed afgør,',
        "# hvem der ser barnet i Aula; værktøjet antager den aldrig.",
        '# tom_myndighed = "nej"',
    ]
    lines += _roster_lines(roster.sheet_info, id_column)
    lines += [
        "",
        "# Værdier alle områder arver, medmindre et område sætter sine egne.",
        "[standard]",
        f"daginstitution = {_q('Dagplejen ' + _short(kommune))}   # Daginstitutionen i DTR, som områderne hører under",
        "# P-nummer: 10 cifre, en P-enhed under kommunens CVR-nummer. Find det på datacvr.virk.dk.",
        'pnummer = "UDFYLD: P-nummer (10 cifre)"',
        "# Adressen: forvaltningens eller en anden kommunal adresse; bør være P-enhedens adresse i CVR.",
        'adresse = "UDFYLD: adresse, fx Rådhuspladsen 2, 8000 Aarhus C"',
        '# email = "dagplejen@kommune.dk"',
        '# telefon = "12345678"',
        "",
    ]
    if proposal is not None:
        lines += _proposal_lines(proposal, postnr_column(roster) or "Postnr")
    else:
        lines += _area_lines(division, _short(kommune))
    return "\n".join(lines) + "\n"


def postnr_column(roster: Roster) -> str | None:
    """The header of the dagplejere's postnummer column, as the configuration names it."""
    for info in roster.sheet_info:
        if info.role in ("dagplejere", "et-ark") and "postnr" in info.recognised:
            header = info.recognised["postnr"]
            return header.title() if header.isupper() else header
    return None


def _proposal_lines(proposal: Proposal, column: str) -> list[str]:
    basis = "børn" if proposal.by_children else "dagplejere"
    lines = [
        f"# {len(proposal.areas)} nye områder af hele postnumre i rækkefølge, så lige store som hele",
        f"# postnumre tillader (efter antal {basis}). Ret navnene og intervallerne, som I vil;",
        "# «dagpleje plan» viser fordelingen. Et postnummer, som intet interval dækker, kommer i",
        "# området med resten = true.",
        "",
    ]
    for area in proposal.areas:
        towns = sorted({g.town for g in area.groups if g.town})
        lines += [
            f"[[omraade]]   # {area.dagplejere} dagplejere, {area.children} børn: "
            + ", ".join(towns),
            f"navn = {_q(area.name)}",
            '# institutionsnummer = "G12345"',
            f"hvor = {{ {_key(column)} = [{_q(area.postnr_range)}] }}",
        ]
        if area.rest:
            lines.append("resten = true")
        lines.append("")
    return lines


def _roster_lines(infos: list[SheetInfo], id_column: str | None = None) -> list[str]:
    lines = []
    roles = {i.role: i for i in infos}
    main = roles.get("dagplejere") or roles.get("et-ark")
    if main is not None and not main.name.endswith(".csv"):
        lines.append(
            f"ark = {_q(main.name)}{' ' * max(1, 24 - len(main.name))}# dagplejerne (overskrifter i række {main.header_row})"
        )
    if "boern" in roles:
        lines.append(
            f"boern_ark = {_q(roles['boern'].name)}   # børnene (overskrifter i række {roles['boern'].header_row})"
        )
    if "kontakter" in roles:
        lines.append(f"kontakt_ark = {_q(roles['kontakter'].name)}")
    if main is not None and id_column is not None:
        lines += [
            "# Børnenes dagplejer-kolonne bruger værdierne i denne kolonne: den er dagplejernes id.",
            "[roster.kolonner]",
            f"id = {_q(id_column)}",
        ]
    elif main is not None and "id" not in main.recognised:
        lines += [
            "# Ingen kolonne med dagplejernes id (medarbejdernummer) blev fundet. Har rosteren en, så skriv",
            "# dens overskrift her; ellers dannes et id af navnet.",
            "# [roster.kolonner]",
            '# id = "Medarbejdernr"',
        ]
    return lines


def _area_lines(division: Division | None, short: str) -> list[str]:
    if division is None:
        return [
            "# Ét område med alle dagplejere. Vil I dele dem, så tilføj flere [[omraade]] med hvor-regler.",
            "[[omraade]]",
            f"navn = {_q('Dagplejen ' + short)}",
            '# institutionsnummer = "G12345"   # EnhedsNummer fra DTR, når området er oprettet',
            "resten = true",
        ]
    total = sum(n for _, n in division.counts)
    lines = [
        f"# Områderne er foreslået ud fra kolonnen «{division.column}» ({len(division.counts)} værdier, "
        f"{total} dagplejere).",
        "# Ret navnene, slå områder sammen (flere værdier i samme liste) eller del dem op.",
        "# institutionsnummer: EnhedsNummer, som DTR udsteder, når området er oprettet (bruges til Unilogin).",
        "# Alternativ: ét område pr. værdi uden at skrive dem op:",
        f'# [opdeling]\n# kolonne = {_q(division.column)}\n# navn = "Dagplejen {{værdi}}"',
        "",
    ]
    for value, count in division.counts:
        lines += [
            f"[[omraade]]   # {count} dagplejere",
            f"navn = {_q('Dagplejen ' + value)}",
            '# institutionsnummer = "G12345"',
            f"hvor = {{ {_key(division.column)} = [{_q(value)}] }}",
            "",
        ]
    if division.missing:
        lines += [
            f"[[omraade]]   # {division.missing} dagplejere uden værdi i «{division.column}»",
            f"navn = {_q('Dagplejen ' + short + ' øvrige')}",
            "resten = true",
            "",
        ]
    return lines
