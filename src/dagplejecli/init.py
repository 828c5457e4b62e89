"""``dagpleje init``: a starter ``dagpleje.toml`` from a roster, with placeholders to fill in.

Everything the roster tells (sheets, columns, a division column and its values) is filled in;
what only the municipality knows (P-number, address, lovgrundlag) is a clearly marked
placeholder (``UDFYLD: …``) that ``validate`` reports until it is filled in.
Its comments and placeholder texts are the catalogues' ``CONFIG_COMMENTS``, in the current
language; its keys, sections and values are Danish in both (the configuration's language).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from dagplejecli.config import (
    FIELDS_OF_TABLE,
    PLACEHOLDER,
    UNILOGIN_NAMESPACE,
    RosterConfig,
    toml_string,
)
from dagplejecli.domain.identifiers import contains_cpr
from dagplejecli.domain.shape import ColumnTable, Field, Owner, Role, SheetKey
from dagplejecli.domain.values import comparable_text, without_controls
from dagplejecli.kommuner import Kommune
from dagplejecli.messages import config_comment, config_comment_count
from dagplejecli.model import Roster, SheetInfo
from dagplejecli.proposal import Proposal
from dagplejecli.roster.headers import normalise_header
from dagplejecli.roster.joined import SHEET_COLUMN
from dagplejecli.roster.records import ADDRESS_POSTNR
from dagplejecli.roster.vocabulary import vocabulary

DIVISION_WORDS = vocabulary().division  # «Distrikt», «Område», «Team» …
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
    if header == SHEET_COLUMN and all(sum(c.values()) == 1 for c in spellings.values()):
        return None  # a sheet of each dagplejer's own: «Ark» names her, it divides nothing
    # a control character in a cell is not written into the configuration (TOML and the
    # registers refuse it); the rules ignore it when they compare
    counts = [
        (without_controls(c.most_common(1)[0][0]), sum(c.values())) for c in spellings.values()
    ]
    # "DISTRIKT" from a shouting export reads better as "Distrikt"; rules ignore case anyway
    name = header.title() if header.isupper() else header
    return Division(name, sorted(counts, key=lambda kv: (-kv[1], kv[0])), missing)


_CONTROL = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")  # not allowed in a TOML comment


def _key(name: str) -> str:
    bare = name.replace("_", "").replace("-", "").isalnum() and name.isascii()
    return name if bare else toml_string(name)


def _short(kommune: Kommune | None) -> str:
    """``Aarhus Kommune`` → ``Aarhus``; ``Københavns Kommune`` → ``København``; no municipality
    → ``""`` (names are then made without one)."""
    if kommune is None:
        return ""
    name = kommune.navn.removesuffix(" Kommune")
    return "København" if name == "Københavns" else name


def _dagplejen(*words: str) -> str:
    """An area's or the Daginstitution's name: ``Dagplejen Aarhus``, ``Dagplejen øvrige``; a
    value that already says it («Dagplejen Nord», «Dagpleje Vest») is the name as it stands."""
    text = " ".join(w for w in words if w)
    if text.casefold().startswith(("dagplejen ", "dagpleje ")):
        return text
    return " ".join(["Dagplejen", text]) if text else "Dagplejen"


COMMENT_COLUMN = 32  # where a trailing comment's "#" stands (0-based) when the code leaves room


def _comment_text(key: str, **params: object) -> str:
    """A comment of the catalogue in the current language. Text from the roster (a file, sheet
    or column name, a town) may hold a control character, which a TOML comment may not."""
    safe = {k: _CONTROL.sub("?", v) if isinstance(v, str) else v for k, v in params.items()}
    return config_comment(key, **safe)


def _counted(key: str, n: int, **params: object) -> str:
    """A comment about ``n`` things, in the singular when ``n`` is 1 (its plural form ``one``)."""
    safe = {k: _CONTROL.sub("?", v) if isinstance(v, str) else v for k, v in params.items()}
    return config_comment_count(key, n, **safe)


def _comment(key: str, **params: object) -> list[str]:
    """A comment of the catalogue as whole lines, each beginning ``# ``."""
    return [f"# {line}" for line in _comment_text(key, **params).split("\n")]


def _aligned(code: str, text: str, column: int = COMMENT_COLUMN) -> str:
    """``code`` with a trailing comment whose ``#`` stands at ``column``, or one space after
    a code that reaches it."""
    return f"{code:<{column - 1}} # {text}"


def _beside(code: str, text: str) -> str:
    """``code`` with a trailing comment three spaces after it: for a value as long as a name,
    which a common column would rarely fit."""
    return f"{code}   # {text}"


def _placeholder(key: str, **params: object) -> str:
    """A placeholder value, ``"UDFYLD: …"``: ``validate`` reports it until it is filled in."""
    return toml_string(f"{PLACEHOLDER}: {config_comment(key, **params)}")


def config_text(
    roster: Roster,
    kommune: Kommune | None,
    division: Division | None,
    proposal: Proposal | None = None,
    id_column: str | None = None,
    kept: RosterConfig | None = None,
) -> str:
    """The whole starter configuration, its comments in the current language (its keys and
    values are Danish in both); the areas from ``proposal`` (new areas from postnumre) when
    given, else from ``division`` (a column the roster has). ``id_column``: the dagplejere's
    column the children's sheet names them by, mapped as their id."""
    lines = [*_comment("intro", roster=roster.name), "", "[kommune]", _kode_line(kommune)]
    lines += _settings_lines()
    lines += _roster_lines(roster, id_column, kept)
    lines += _standard_lines(roster, kommune)
    if proposal is not None:
        lines += _proposal_lines(proposal, postnr_column(roster) or "Postnr")
    else:
        lines += _area_lines(division, _short(kommune))
    return "\n".join(lines) + "\n"


def _kode_line(kommune: Kommune | None) -> str:
    if kommune is None:
        return _aligned("kode = 0", f"{PLACEHOLDER}: {_comment_text('kode_missing')}")
    # the "#" one column further than the other lines', as the file has always had it
    text = _comment_text("kode", navn=kommune.navn, cvr=kommune.cvr)
    return _aligned(f"kode = {kommune.kode}", text, COMMENT_COLUMN + 1)


def _settings_lines() -> list[str]:
    """[dtr], [unilogin] and the start of [roster]: the same for every roster."""
    return [
        "",
        "[dtr]",
        _aligned("ejerform = 1", _comment_text("ejerform")),
        *_comment("lovgrundlag"),
        f"lovgrundlag = {_placeholder('lovgrundlag_value')}",
        _aligned("insttype = 6013", _comment_text("insttype")),
        _aligned('# cvr_udtraek = "p-enheder.xlsx"', _comment_text("cvr_udtraek")),
        "",
        "[unilogin]",
        _beside(f'navnerum = "{UNILOGIN_NAMESPACE}"', _comment_text("navnerum")),
        _aligned('kilde = "dagpleje"', _comment_text("kilde")),
        _aligned('rolle = "Pædagog"', _comment_text("rolle")),
        _aligned('trin = "DT"', _comment_text("trin")),
        _aligned('# vikar_rolle = "Vikar"', _comment_text("vikar_rolle")),
        _aligned("# dage_foer_start = 0", _comment_text("dage_foer_start")),
        _aligned("adgangsniveau = 1", _comment_text("adgangsniveau")),
        "",
        "[roster]",
        *_comment("tom_myndighed"),
        '# tom_myndighed = "nej"',
    ]


def _usual_town(roster: Roster) -> str:
    """``8000 Aarhus C``: the postnummer and town most dagplejere live in, for the address
    example (a placeholder in Odense should not show an address in Aarhus)."""
    towns = Counter(
        f"{d.address.postnr} {d.address.city}"
        for d in roster.dagplejere
        if d.address.postnr and d.address.city
    )
    if not towns:
        return config_comment("adresse_town")
    return _CONTROL.sub("?", towns.most_common(1)[0][0])


def _standard_lines(roster: Roster, kommune: Kommune | None) -> list[str]:
    """[standard]: what every area inherits, with the placeholders only the municipality fills."""
    # Without the municipality, its Daginstitution's name is for the municipality to write
    name = (
        toml_string(_dagplejen(_short(kommune)))
        if kommune
        else _placeholder("daginstitution_value")
    )
    institution = f"daginstitution = {name}"
    return [
        "",
        *_comment("standard"),
        "[standard]",
        _beside(institution, _comment_text("daginstitution")),
        *_comment("pnummer"),
        f"pnummer = {_placeholder('pnummer_value')}",
        *_comment("adresse"),
        f"adresse = {_placeholder('adresse_value', town=_usual_town(roster))}",
        '# email = "dagplejen@kommune.dk"',
        '# telefon = "12345678"',
        "",
    ]


def postnr_column(roster: Roster) -> str | None:
    """The header of the dagplejere's postnummer column, as the configuration names it."""
    for info in roster.sheet_info:
        if info.role in (Role.DAGPLEJERE, Role.ET_ARK) and Field.POSTNR in info.recognised:
            header = info.recognised[Field.POSTNR]
            return header.title() if header.isupper() else header
    if roster.dagplejere and ADDRESS_POSTNR in roster.dagplejere[0].extra:
        return ADDRESS_POSTNR  # read from the address cell
    return None


def _proposal_lines(proposal: Proposal, column: str) -> list[str]:
    basis = _comment_text("basis_children" if proposal.by_children else "basis_dagplejere")
    proposed = _counted("proposal", len(proposal.areas), areas=len(proposal.areas), basis=basis)
    lines = [*(f"# {line}" for line in proposed.split("\n")), ""]
    for area in proposal.areas:
        towns = ", ".join(sorted({g.town for g in area.groups if g.town}))
        counts = {
            "dagplejere": _counted("area", area.dagplejere, count=area.dagplejere),
            "children": _counted("count_children", area.children),
        }
        lines += [
            _beside("[[omraade]]", _comment_text("proposal_area", **counts, towns=towns)),
            f"navn = {toml_string(area.name)}",
            '# institutionsnummer = "G12345"',
            f"hvor = {{ {_key(column)} = [{toml_string(area.postnr_range)}] }}",
        ]
        if area.rest:
            lines.append("resten = true")
        lines.append("")
    return lines


# The configuration table that names the columns of a sheet of each role.
TABLE_OF_ROLE = {
    Role.DAGPLEJERE: ColumnTable.KOLONNER,
    Role.ET_ARK: ColumnTable.KOLONNER,
    Role.BOERN: ColumnTable.BOERN_KOLONNER,
    Role.KONTAKTER: ColumnTable.KONTAKT_KOLONNER,
}


def column_tables(infos: list[SheetInfo], id_column: str | None) -> dict[str, dict[str, str]]:
    """What reading decided of every column, as ``[roster.kolonner]`` and its siblings would
    say it: the dagplejere's, the children's (also a one-sheet roster's «barn.» columns) and
    the contacts' (their own sheet's, or the long form's on the children's sheet). Only fields
    a table can name."""
    tables: dict[str, dict[str, str]] = {t: {} for t in FIELDS_OF_TABLE}
    for info in infos:
        own = tables[TABLE_OF_ROLE[info.role]]
        for name, header in info.recognised.items():
            child, dot, field = name.partition(".")
            if dot and child != Owner.BARN:
                continue  # a numbered child's («barn2.cpr»): read by its header, as written
            target = tables[ColumnTable.BOERN_KOLONNER] if dot else own
            target.setdefault(field if dot else name, header)
        if info.long_form:
            for fields in info.contacts.values():
                for name, header in fields.items():
                    tables[ColumnTable.KONTAKT_KOLONNER].setdefault(name, header)
    if id_column is not None:
        tables[ColumnTable.KOLONNER][Field.ID] = id_column
    return {
        table: {k: v for k, v in mapping.items() if k in FIELDS_OF_TABLE[table]}
        for table, mapping in tables.items()
        if mapping
    }


def _sheets(info: SheetInfo) -> str:
    """The sheet a role was read from as the configuration names it: several alike read as
    one, as a list."""
    if info.parts:
        return f"[{', '.join(toml_string(name) for name in info.parts)}]"
    return toml_string(info.name)


def _roster_lines(
    roster: Roster, id_column: str | None = None, kept: RosterConfig | None = None
) -> list[str]:
    """``[roster]``: every decision reading made, written so that the user sees it and can
    change it (the sheets' roles, the long form, which column is which field for whom), and
    the decisions of a configuration ``kept`` from before (custody, relations)."""
    infos = roster.sheet_info
    lines = []
    roles = {i.role: i for i in infos}
    main = roles.get(Role.DAGPLEJERE) or roles.get(Role.ET_ARK)
    named = len(roster.files) > 1 or roster.path.suffix.lower() != ".csv"
    if main is not None and named:
        lines.append(_aligned(f"ark = {_sheets(main)}", _comment_text(SheetKey.ARK)))
    if Role.BOERN in roles and named:
        text = _comment_text(SheetKey.BOERN_ARK)
        lines.append(_beside(f"boern_ark = {_sheets(roles[Role.BOERN])}", text))
    if Role.KONTAKTER in roles:
        lines.append(f"kontakt_ark = {_sheets(roles[Role.KONTAKTER])}")
    if any(i.long_form for i in infos):
        lines += [*_comment("lang_form"), "lang_form = true"]
    elif any(i.role in (Role.BOERN, Role.ET_ARK) and i.contact_groups == 1 for i in infos):
        # one contact group and not read in the long form: said, so that a child written twice
        # next month does not change how the sheet is read
        lines += [*_comment("lang_form_false"), "lang_form = false"]
    if roster.reference_form is not None:
        lines += [*_comment("henvisning"), f"henvisning = {toml_string(roster.reference_form)}"]
    if not named and infos:  # one CSV: its one sheet is named by the file, which may change
        lines += [*_comment("overskriftsraekke"), f"overskriftsraekke = {infos[0].header_row}"]
    if kept is not None:  # the decisions of the configuration replaced (--ja)
        for key in ("tom_myndighed", "raekke_myndighed"):
            value = getattr(kept, key)
            if value is not None:
                lines.append(f"{key} = {toml_string(value)}")
        if kept.gaeste:
            lines.append(f"gaeste = [{', '.join(toml_string(g) for g in kept.gaeste)}]")
        if kept.ignorer_ark:
            lines.append(f"ignorer_ark = [{', '.join(toml_string(g) for g in kept.ignorer_ark)}]")
        if kept.ignorer_kolonner:
            columns = ", ".join(toml_string(c) for c in kept.ignorer_kolonner)
            lines.append(f"ignorer_kolonner = [{columns}]")
    if named and infos:
        lines += ["", *_comment("overskriftsraekke"), "[roster.overskriftsraekke]"]
        rows = [
            (name, row) for i in infos for name, row in (i.parts or {i.name: i.header_row}).items()
        ]
        lines += [f"{_key(name)} = {row}" for name, row in rows]
    tables = column_tables(infos, id_column)
    no_id = main is not None and Field.ID not in tables.get(ColumnTable.KOLONNER, {})
    if no_id and ColumnTable.KOLONNER not in tables:
        lines += [*_comment("no_id_column"), "# [roster.kolonner]", '# id = "Medarbejdernr"']
    for table, mapping in tables.items():
        lines += ["", *_comment(f"columns_{table}"), f"[roster.{table}]"]
        if no_id and table == ColumnTable.KOLONNER:  # in the table, so that uncommenting it reads
            lines += [*_comment("no_id_column"), '# id = "Medarbejdernr"']
        for field, header in mapping.items():
            line = f"{_key(field)} = {toml_string(header)}"
            if table == ColumnTable.KOLONNER and field == Field.ID and header == id_column:
                line = _beside(line, _comment_text("id_column"))
            lines.append(line)
    for i in infos:
        if i.long_form or not (i.contacts or i.nameless):
            continue
        shown = "; ".join(
            f"{place}: " + ", ".join(f"«{h}»" for h in fields.values())
            for place, fields in enumerate((i.contacts[g] for g in sorted(i.contacts)), start=1)
        )
        lines += ["", *_comment("contact_groups", sheet=i.name, headers=shown or "-")]
        if i.nameless:
            # whose these are is the user's to say (DP262): an example to fill in, not a guess
            columns = ", ".join(f"«{h}»" for h in i.nameless)
            lines += _comment("contact_groups_nameless", columns=columns)
            lines += ["# [roster.kontaktgrupper.1]", f"# telefon = {toml_string(i.nameless[0])}"]
    for place, mapping in sorted((kept.kontaktgrupper if kept is not None else {}).items()):
        lines += ["", f"[roster.kontaktgrupper.{place}]"]
        lines += [f"{_key(field)} = {toml_string(header)}" for field, header in mapping.items()]
    for table in ("relationer", "status", "henvisninger"):
        words: dict[str, str] = getattr(kept, table) if kept is not None else {}
        if words:
            lines += [
                "",
                f"[roster.{table}]",
                *(f"{toml_string(k)} = {toml_string(v)}" for k, v in words.items()),
            ]
    return lines


def _area_lines(division: Division | None, short: str) -> list[str]:
    if division is None:
        return [
            *_comment("one_area"),
            "[[omraade]]",
            f"navn = {toml_string(_dagplejen(short))}",
            _beside('# institutionsnummer = "G12345"', _comment_text("institutionsnummer")),
            "resten = true",
        ]
    total = sum(n for _, n in division.counts)
    column = division.column
    lines = [
        *_comment(
            "division",
            column=column,
            values=_counted("count_values", len(division.counts)),
            total=_counted("area", total, count=total),
        ),
        "# [opdeling]",
        f"# kolonne = {toml_string(column)}",
        '# navn = "Dagplejen {værdi}"',
        "",
    ]
    for value, count in division.counts:
        lines += [
            _beside("[[omraade]]", _counted("area", count, count=count)),
            f"navn = {toml_string(_dagplejen(value))}",
            '# institutionsnummer = "G12345"',
            f"hvor = {{ {_key(column)} = [{toml_string(value)}] }}",
            "",
        ]
    if division.missing:
        text = _counted(
            "area_without_value", division.missing, count=division.missing, column=column
        )
        lines += [
            _beside("[[omraade]]", text),
            f"navn = {toml_string(_dagplejen(short, 'øvrige'))}",
            "resten = true",
            "",
        ]
    return lines
